/**
 * Every metric of a run, declared once: its column name, unit, meaning and direction. The result
 * tables (CSV and Parquet), the codebook, the summaries, the analyses and the report read this list,
 * so a metric added here appears everywhere and a unit is written in one place.
 *
 * Time origin: every time is hours from the onset of the primary shock (the scenario's first real
 * shock). Censoring: a threshold never reached before the horizon (or before the run stopped, once
 * settled) has value = horizon − onset and `<name>_censored` = true — a lower bound, never 0 or NaN.
 */
export interface MetricDecl {
  label: string;
  unit: string;
  doc: string;
  /** Timed metrics carry a censoring flag column. */
  timed: boolean;
  /** Lower is better: the paired saving against the hierarchy is reported. */
  saving: boolean;
  /** May be empty (null) in a run: the value column is then blank. */
  nullable?: boolean;
}

export const METRICS = {
  T_det: { label: 'Time to detection', unit: 'h', doc: 'hours from onset until someone outside the shocked firm\'s front line knows of the shock', timed: true, saving: true },
  T_team: { label: 'Time to a team', unit: 'h', doc: 'hours from onset until the shock has people committed to it covering every skill it needs', timed: true, saving: true },
  T50: { label: 'Time to 50 % recovery', unit: 'h', doc: 'hours from onset until the ecosystem\'s delivered service is back to half of what it lost (the headline)', timed: true, saving: true },
  T90: { label: 'Time to 90 % recovery', unit: 'h', doc: 'hours from onset until 90 % of the lost service is back', timed: true, saving: true },
  loss: { label: 'Service lost', unit: 'h', doc: '∫(1 − G(t)/G0) dt over the response: the resilience-triangle area, in hours of full service', timed: false, saving: true },
  messages: { label: 'Messages', unit: 'messages', doc: 'escalation and relay messages sent during the response', timed: false, saving: true },
  attention_hours: { label: 'Attention spent', unit: 'effort-h', doc: 'effort-hours spent watching the shared space during the response', timed: false, saving: true },
  over_response: { label: 'Over-response', unit: 'effort-h', doc: 'effort-hours committed beyond one specialist per needed skill, plus all effort on false alarms', timed: false, saving: true },
  false_alarm_effort: { label: 'Effort on false alarms', unit: 'effort-h', doc: 'effort-hours committed to problems that turned out to be false alarms', timed: false, saving: false },
  peak_engaged: { label: 'Peak engaged', unit: 'people', doc: 'the most people engaged on a problem at one time during the response', timed: false, saving: false },
  mean_queue: { label: 'Mean manager queue', unit: 'reports', doc: 'reports waiting at managers, mean over the response', timed: false, saving: false },
  final_recovery: { label: 'Final recovery', unit: 'fraction', doc: 'G/G0 at the end of the run (1 = fully recovered)', timed: false, saving: false },
  polarisation: { label: 'Polarisation', unit: 'fraction', doc: 'Vicsek order |Σ u_i|/N of everyone, mean over the samples of the response (0 = disordered, 1 = aligned)', timed: false, saving: false },
  milling: { label: 'Milling', unit: 'fraction', doc: 'angular momentum |Σ unit(x_i − c) × u_i|/N of everyone, mean over the response', timed: false, saving: false },
  team_polarisation: { label: 'Team polarisation', unit: 'fraction', doc: 'polarisation of the primary shock\'s team (committed and engaged), mean while it has ≥ 2 members; blank if it never had', timed: false, saving: false, nullable: true },
  team_milling: { label: 'Team milling', unit: 'fraction', doc: 'milling of the primary shock\'s team, mean while it has ≥ 2 members; blank if it never had', timed: false, saving: false, nullable: true },
} as const satisfies Record<string, MetricDecl>;

export type MetricKey = keyof typeof METRICS;
export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];
export const TIMED_KEYS = METRIC_KEYS.filter((k) => METRICS[k].timed);
export const SAVING_KEYS = METRIC_KEYS.filter((k) => METRICS[k].saving);

/** The bullwhip ratios: one column per supply-chain tier, tier 1 nearest the customer. */
export const BULLWHIP_DOC = 'Var(orders at this tier) / Var(end-customer demand) over the whole horizon (tier 1 nearest the customer); blank when the run stopped once settled (run.stopWhenResolved), since the ratio needs the full horizon';
