/**
 * Completed runs of a sweep as records (one journal line each), the series picked from a run, and
 * the canonical order (point, replicate, mode) that makes every table identical however the runs
 * were scheduled. The tables themselves (CSV, Parquet) are written by src/results/. Platform-free.
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
