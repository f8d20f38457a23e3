/**
 * Statistics of a sweep per point and mode: median and 10–90% interval, mean with a 95% CI, and the
 * paired saving against the hierarchy (same replicate = same seed): 1 − median(mode)/median(H) with a
 * seeded bootstrap CI and a permutation p of that same estimand, censoring explicit (sim/model/stats.ts).
 * Deterministic: the same records give the same numbers. Platform-free.
 */
import type { RunMetrics } from '../model/metrics.ts';
import { pairedSaving, spread, type PairedSaving, type Spread } from '../model/stats.ts';
import { summaryMarkdown, type ModeSummary } from '../model/summary.ts';
import type { Plan } from './plan.ts';
import { describePoint } from './plan.ts';
import { csvLine, paramColumns, type RunRecord } from './records.ts';

export const TIMED_METRICS = ['T_det', 'T_team', 'T50', 'T90'] as const;
/** Lower is better: savings against the hierarchy are reported for these. */
export const SAVING_METRICS = ['T_det', 'T_team', 'T50', 'T90', 'loss', 'messages', 'attention_hours', 'over_response'] as const;
export const SUMMARY_METRICS = [...SAVING_METRICS, 'false_alarm_effort', 'peak_engaged', 'mean_queue', 'final_recovery'] as const;
export type SummaryMetric = (typeof SUMMARY_METRICS)[number];

export function metricValue(m: RunMetrics, k: SummaryMetric): number {
  const v = m[k] as number | { value: number };
  return typeof v === 'number' ? v : v.value;
}

export function censoredOf(m: RunMetrics, k: SummaryMetric): boolean {
  const v = m[k] as number | { censored: boolean };
  return typeof v === 'number' ? false : v.censored;
}

export interface MetricSummary extends Spread {
  censored: number;
  saving?: PairedSaving;
}

export interface PointModeSummary {
  point: number;
  mode: string;
  runs: number;
  metrics: Record<SummaryMetric, MetricSummary>;
}

/** Group sorted records: point → mode label → records in replicate order. */
export function groupRecords(plan: Plan, sorted: RunRecord[]): Map<number, Map<string, RunRecord[]>> {
  const out = new Map<number, Map<string, RunRecord[]>>();
  for (const r of sorted) {
    let byMode = out.get(r.point);
    if (!byMode) out.set(r.point, (byMode = new Map(plan.labels.map((l) => [l, []]))));
    byMode.get(r.mode)!.push(r);
  }
  return out;
}

/** Paired saving of `mine` against `reference` over the replicates both have. */
export function savingOf(reference: RunRecord[], mine: RunRecord[], k: SummaryMetric, resamples = 2000): PairedSaving | undefined {
  const ref = new Map(reference.map((r) => [r.replicate, r]));
  const pairs = mine.filter((r) => ref.has(r.replicate));
  if (!pairs.length) return undefined;
  const obs = (m: RunMetrics) => ({ value: metricValue(m, k), censored: censoredOf(m, k) });
  return pairedSaving(pairs.map((r) => obs(ref.get(r.replicate)!.metrics)), pairs.map((r) => obs(r.metrics)), { resamples });
}

export function summarisePoints(plan: Plan, sorted: RunRecord[]): PointModeSummary[] {
  const out: PointModeSummary[] = [];
  const grouped = groupRecords(plan, sorted);
  for (const [point, byMode] of [...grouped].sort(([a], [b]) => a - b)) {
    const reference = byMode.get('hierarchical');
    for (const label of plan.labels) {
      const mine = byMode.get(label)!;
      if (!mine.length) continue;
      const metrics = {} as Record<SummaryMetric, MetricSummary>;
      for (const k of SUMMARY_METRICS) {
        const s: MetricSummary = { ...spread(mine.map((r) => metricValue(r.metrics, k))), censored: mine.filter((r) => censoredOf(r.metrics, k)).length };
        if (label !== 'hierarchical' && reference?.length && (SAVING_METRICS as readonly string[]).includes(k)) s.saving = savingOf(reference, mine, k);
        metrics[k] = s;
      }
      out.push({ point, mode: label, runs: mine.length, metrics });
    }
  }
  return out;
}

export const SUMMARY_COLUMNS = ['metric', 'n', 'censored', 'median', 'p10', 'p90', 'mean', 'mean_ci_low', 'mean_ci_high', 'saving_vs_hierarchical', 'saving_estimable', 'saving_ci_low', 'saving_ci_high', 'saving_p_permutation', 'saving_p_at_floor', 'pairs', 'censored_hierarchical', 'censored_mode'];

/** summary.csv: one row per point, mode and metric (long format). */
export function summaryCsv(plan: Plan, summaries: PointModeSummary[]): string {
  const params = paramColumns(plan);
  const lines = [csvLine(['point', ...params, 'mode', ...SUMMARY_COLUMNS])];
  for (const s of summaries) {
    const values = params.map((p) => plan.points[s.point].values[p]);
    for (const k of SUMMARY_METRICS) {
      const m = s.metrics[k];
      const sv = m.saving;
      lines.push(csvLine([s.point, ...values, s.mode, k, m.n, m.censored, m.median, m.p10, m.p90, m.mean, m.ci95[0], m.ci95[1], sv?.saving, sv?.estimable, sv?.ci95[0], sv?.ci95[1], sv?.p, sv?.pAtFloor, sv?.pairs, sv?.censored.reference, sv?.censored.mode]));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** summary.md: per point, the run command's table of medians and the T50 savings. */
export function summaryMd(plan: Plan, summaries: PointModeSummary[], meta: { runs: number; total: number; shard?: string }): string {
  const exp = plan.experiment;
  const lines = [`# ${exp.title}`, ''];
  if (exp.description) lines.push(exp.description, '');
  lines.push(
    `${plan.points.length} point${plan.points.length === 1 ? '' : 's'} (${exp.design.type === 'grid' ? 'full grid' : `${exp.design.type}, seed ${exp.design.seed}`}) × ${exp.replicates} paired replicate${exp.replicates === 1 ? '' : 's'} × ${plan.labels.length} mode${plan.labels.length === 1 ? '' : 's'} (${plan.labels.join(', ')}); scenario ${exp.scenario}.`,
  );
  if (meta.runs !== meta.total || meta.shard) lines.push('', `**${meta.shard ? `Shard ${meta.shard}: ` : ''}${meta.runs} of ${meta.total} runs** — merge the shards (\`npx starling merge\`) for the whole experiment.`);
  lines.push('');
  const byPoint = new Map<number, PointModeSummary[]>();
  for (const s of summaries) byPoint.set(s.point, [...(byPoint.get(s.point) ?? []), s]);
  for (const [point, list] of byPoint) {
    const modeSummaries: ModeSummary[] = list.map((s) => ({
      label: s.mode,
      runs: s.runs,
      metrics: s.metrics as unknown as ModeSummary['metrics'],
      censored: Object.fromEntries(Object.entries(s.metrics).map(([k, m]) => [k, m.censored])),
      saving: s.metrics.T50.saving,
    }));
    lines.push(summaryMarkdown(`Point ${point}: ${describePoint(plan.points[point])}`, modeSummaries).replace(/^# /, '## '));
  }
  lines.push('Full statistics for every metric (means with 95% CIs; savings 1 − median(mode)/median(hierarchical) with bootstrap CIs, permutation p of the same estimand and censored counts) are in summary.csv.');
  return `${lines.join('\n')}\n`;
}
