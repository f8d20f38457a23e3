/** runs.csv: one row per run with every metric and its censoring flag. */
import type { RunMetrics } from '../../sim/model/metrics.ts';

export const RUN_COLUMNS = ['scenario', 'mode', 'lambda', 'seed', 'T_det', 'T_det_censored', 'T_team', 'T_team_censored', 'T50', 'T50_censored', 'T90', 'T90_censored', 'loss', 'messages', 'attention_hours', 'over_response', 'false_alarm_effort', 'peak_engaged', 'mean_queue', 'final_recovery', 'bullwhip', 'polarisation', 'milling', 'team_polarisation', 'team_milling'];

export function csvCell(v: unknown): string {
  // Numbers: 10 significant digits, written the shortest way that reads back to that value.
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)))) : String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function runRow(scenario: string, m: RunMetrics): unknown[] {
  return [scenario, m.mode, m.lambda, m.seed, m.T_det.value, m.T_det.censored, m.T_team.value, m.T_team.censored, m.T50.value, m.T50.censored, m.T90.value, m.T90.censored, m.loss, m.messages, m.attention_hours, m.over_response, m.false_alarm_effort, m.peak_engaged, m.mean_queue, m.final_recovery, m.bullwhip.map((b) => b.toFixed(4)).join(';'), m.polarisation, m.milling, m.team_polarisation, m.team_milling];
}

export function runsCsv(scenario: string, runs: RunMetrics[]): string {
  return `${[RUN_COLUMNS.join(','), ...runs.map((m) => runRow(scenario, m).map(csvCell).join(','))].join('\n')}\n`;
}
