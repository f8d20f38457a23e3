/**
 * Completed runs of a sweep and the tables made from them: runs.csv (one row per run) and
 * timeseries.csv (long format: one row per run and sample time). Rows are always sorted by point,
 * replicate and mode, so the files are identical however the runs were scheduled. Platform-free.
 */
import type { RunMetrics, SeriesPoint } from '../model/metrics.ts';
import type { Plan, RunSpec } from './plan.ts';
import type { SeriesField } from './schema.ts';

export interface SeriesBlock {
  t: number[];
  /** field → values at each t. */
  values: Partial<Record<SeriesField, number[]>>;
}

/** One completed run, as stored (one JSON line) in the journal. */
export interface RunRecord {
  id: string;
  point: number;
  replicate: number;
  mode: string;
  seed: number;
  metrics: RunMetrics;
  series?: SeriesBlock;
  /** Wall milliseconds the run took (not part of any result table). */
  ms?: number;
}

/** Every `stride`-th sample of a run's series, with the chosen fields. */
export function pickSeries(series: SeriesPoint[], stride: number, fields: readonly SeriesField[]): SeriesBlock {
  const t: number[] = [];
  const values: Partial<Record<SeriesField, number[]>> = {};
  for (const f of fields) values[f] = [];
  for (let i = 0; i < series.length; i += stride) {
    t.push(series[i].t);
    for (const f of fields) values[f]!.push(series[i][f]);
  }
  return { t, values };
}

export function sortRecords(plan: Plan, records: Iterable<RunRecord>): RunRecord[] {
  const modeIndex = new Map(plan.labels.map((l, k) => [l, k]));
  return [...records].sort((a, b) => a.point - b.point || a.replicate - b.replicate || modeIndex.get(a.mode)! - modeIndex.get(b.mode)!);
}

/** Check that a stored record belongs to this plan (same id, seed and mode); returns a problem or undefined. */
export function checkRecord(rec: RunRecord, spec: RunSpec | undefined): string | undefined {
  if (!spec) return `run "${rec.id}" is not part of this experiment`;
  if (rec.seed !== spec.seed || rec.point !== spec.point || rec.replicate !== spec.replicate || rec.mode !== spec.label) return `run "${rec.id}" has seed ${rec.seed}, expected ${spec.seed}`;
  if (!rec.metrics || typeof rec.metrics.loss !== 'number') return `run "${rec.id}" has no metrics`;
  return undefined;
}

/** CSV cell: integers as is, other numbers to 8 significant digits, text quoted when needed. */
export function cell(v: unknown): string {
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : Number.isFinite(v) ? v.toPrecision(8).replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1') : '') : String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return values.map(cell).join(',');
}

export const METRIC_COLUMNS = ['T_det', 'T_det_censored', 'T_team', 'T_team_censored', 'T50', 'T50_censored', 'T90', 'T90_censored', 'loss', 'messages', 'attention_hours', 'over_response', 'false_alarm_effort', 'peak_engaged', 'mean_queue', 'final_recovery', 'bullwhip', 'polarisation', 'milling', 'team_polarisation', 'team_milling'];

function metricCells(m: RunMetrics): unknown[] {
  return [m.T_det.value, m.T_det.censored, m.T_team.value, m.T_team.censored, m.T50.value, m.T50.censored, m.T90.value, m.T90.censored, m.loss, m.messages, m.attention_hours, m.over_response, m.false_alarm_effort, m.peak_engaged, m.mean_queue, m.final_recovery, m.bullwhip.map((b) => b.toFixed(4)).join(';'), m.polarisation, m.milling, m.team_polarisation, m.team_milling];
}

export function paramColumns(plan: Plan): string[] {
  return plan.experiment.vary.map((v) => v.path);
}

export function runsHeader(plan: Plan): string {
  return csvLine(['run_id', 'point', 'replicate', 'seed', 'mode', 'lambda', ...paramColumns(plan), ...METRIC_COLUMNS]);
}

export function runsRow(plan: Plan, r: RunRecord): string {
  const point = plan.points[r.point];
  return csvLine([r.id, r.point, r.replicate, r.seed, r.mode, r.metrics.lambda, ...paramColumns(plan).map((p) => point.values[p]), ...metricCells(r.metrics)]);
}

/** runs.csv for sorted records. */
export function runsCsv(plan: Plan, sorted: RunRecord[]): string {
  const lines = [runsHeader(plan)];
  for (const r of sorted) lines.push(runsRow(plan, r));
  return `${lines.join('\n')}\n`;
}

/** timeseries.csv (long format: one row per run and sample time) for sorted records. */
export function timeseriesCsv(plan: Plan, sorted: RunRecord[]): string {
  const fields = plan.experiment.series?.fields ?? [];
  const lines = [csvLine(['run_id', 'point', 'replicate', 'seed', 'mode', 't', ...fields])];
  for (const r of sorted) {
    const s = r.series;
    if (!s) continue;
    for (let i = 0; i < s.t.length; i++) lines.push(csvLine([r.id, r.point, r.replicate, r.seed, r.mode, s.t[i], ...fields.map((f) => s.values[f]?.[i])]));
  }
  return `${lines.join('\n')}\n`;
}
