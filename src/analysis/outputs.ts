/**
 * The output an analysis reads at each design point: a run metric of one mode, or the paired saving
 * against the hierarchy per seed, combined over the point's replicates by their mean (or, with
 * --stat median, their median).
 *
 *   "T50"          mean T50 of the chosen mode's runs at the point
 *   "saving"       mean over replicates of 1 − T50(mode) / T50(hierarchical), same seed
 *   "saving:loss"  the same saving for another metric
 *
 * A censored time (the threshold never reached) enters as its censoring time, a lower bound; the
 * count of censored runs is reported with every analysis. Platform-free.
 */
import { METRIC_KEYS, type MetricKey } from '../../sim/model/metricDecls.ts';
import type { Plan } from '../../sim/experiment/plan.ts';
import type { RunRecord } from '../../sim/experiment/records.ts';
import { censoredOf, metricValue } from '../../sim/experiment/summary.ts';

/** Every declared metric (sim/model/metricDecls.ts). */
export const ANALYSABLE = METRIC_KEYS;
export type AnalysableMetric = MetricKey;

export interface OutputSpec {
  /** As given: "T50", "saving", "saving:loss". */
  text: string;
  /** How a point's replicates are combined: their mean (the default), or their median (robust to one censored seed). */
  stat?: 'mean' | 'median';
  metric: AnalysableMetric;
  saving: boolean;
  mode: string;
}

/** Parse --metric and --mode against the sweep's modes; throws Error with the fix. */
export function parseOutput(text: string, mode: string | undefined, labels: string[]): OutputSpec {
  const [head, tail, ...rest] = text.split(':');
  const saving = head === 'saving';
  const metric = (saving ? (tail ?? 'T50') : head) as AnalysableMetric;
  if (rest.length || (!saving && tail !== undefined) || !(ANALYSABLE as readonly string[]).includes(metric)) {
    throw new Error(`--metric: "${text}" is not a metric; use one of ${ANALYSABLE.join(', ')}, or saving (T50) / saving:METRIC for the paired saving against the hierarchy`);
  }
  const others = labels.filter((l) => l !== 'hierarchical');
  const chosen = mode ?? (saving ? others[0] : labels.includes('spontaneous') ? 'spontaneous' : labels[0]);
  if (chosen === undefined) throw new Error('--metric saving: the sweep has no mode besides hierarchical to compare');
  if (!labels.includes(chosen)) throw new Error(`--mode: "${chosen}" is not a mode of this sweep (${labels.join(', ')})`);
  if (saving && !labels.includes('hierarchical')) throw new Error('--metric saving: the sweep has no hierarchical runs to compare against; use a plain metric such as T50');
  if (saving && chosen === 'hierarchical') throw new Error('--metric saving: the saving is of a mode against the hierarchy; give --mode spontaneous (or another mode)');
  return { text: saving ? `saving:${metric}` : metric, metric, saving, mode: chosen };
}

const value = metricValue;
const censored = censoredOf;

export interface PointOutputs {
  /** y[point]: NaN where the point has no usable run yet. */
  y: Float64Array;
  /** Runs (or pairs) that entered, and of those with a censored time. */
  used: number;
  censored: number;
  /** Points with no usable value. */
  missing: number;
}

export function pointOutputs(plan: Plan, records: RunRecord[], spec: OutputSpec): PointOutputs {
  const P = plan.points.length;
  const values: number[][] = Array.from({ length: P }, () => []);
  const byKey = new Map<string, RunRecord>();
  for (const r of records) byKey.set(`${r.point}/${r.replicate}/${r.mode}`, r);
  let used = 0;
  let cens = 0;
  for (const r of records) {
    if (r.mode !== spec.mode || r.point >= P) continue;
    let v: number;
    let c = censored(r.metrics, spec.metric);
    if (spec.saving) {
      const h = byKey.get(`${r.point}/${r.replicate}/hierarchical`);
      if (!h) continue;
      const ref = value(h.metrics, spec.metric);
      v = ref !== 0 ? 1 - value(r.metrics, spec.metric) / ref : NaN;
      c ||= censored(h.metrics, spec.metric);
    } else v = value(r.metrics, spec.metric);
    if (!Number.isFinite(v)) continue;
    values[r.point].push(v);
    used++;
    if (c) cens++;
  }
  const y = new Float64Array(P);
  let missing = 0;
  for (let p = 0; p < P; p++) {
    const v = values[p];
    if (!v.length) {
      y[p] = NaN;
      missing++;
    } else if (spec.stat === 'median') {
      v.sort((a, b) => a - b);
      const h = v.length >> 1;
      y[p] = v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
    } else y[p] = v.reduce((a, b) => a + b, 0) / v.length;
  }
  return { y, used, censored: cens, missing };
}

/** A PRIM condition: `OUTPUT OP NUMBER`, joined by "and", e.g. "saving < 0" or "T50 > 48 and loss > 10". */
export interface Condition {
  text: string;
  terms: Array<{ output: string; op: '<' | '<=' | '>' | '>=' | '==' | '!='; value: number }>;
}

export function parseCondition(text: string): Condition {
  const parts = text.split(/\s+and\s+/i);
  const terms = parts.map((p) => {
    const m = /^\s*([A-Za-z_][\w:]*)\s*(<=|>=|==|!=|<|>)\s*(-?[\d.]+(?:e-?\d+)?)\s*$/.exec(p);
    if (!m || !Number.isFinite(Number(m[3]))) throw new Error(`--where: "${p.trim()}" is not a condition; write OUTPUT OP NUMBER, e.g. --where "saving < 0" or "T50 > 48 and loss > 10"`);
    return { output: m[1], op: m[2] as Condition['terms'][number]['op'], value: Number(m[3]) };
  });
  return { text, terms };
}

export function holds(op: Condition['terms'][number]['op'], a: number, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}
