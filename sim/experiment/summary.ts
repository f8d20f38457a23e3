/**
 * Statistics of a sweep per point and mode: median and 10–90% interval, mean with a 95% CI, and the
 * paired saving against the hierarchy (same replicate = same seed): 1 − median(mode)/median(H) with a
 * seeded bootstrap CI and a permutation p of that same estimand, censoring explicit (sim/model/stats.ts).
 * Deterministic: the same records give the same numbers. Platform-free.
 */
import type { RunMetrics } from '../model/metrics.ts';
import { METRICS, METRIC_KEYS, SAVING_KEYS, TIMED_KEYS, type MetricDecl, type MetricKey } from '../model/metricDecls.ts';
import { pairedSaving, spread, type PairedSaving, type Spread } from '../model/stats.ts';
import { summaryMarkdown, type ModeSummary } from '../model/summary.ts';
import { describeDesign } from './schema.ts';
import type { Plan } from './plan.ts';
import { describePoint } from './plan.ts';
import type { RunRecord } from './records.ts';

export const TIMED_METRICS = TIMED_KEYS;
/** Lower is better: savings against the hierarchy are reported for these (declared in sim/model/metricDecls.ts). */
export const SAVING_METRICS = SAVING_KEYS;
/** Every declared metric that every run has (the team metrics may be null, so they stay out of the summaries). */
export const SUMMARY_METRICS = METRIC_KEYS.filter((k) => !(METRICS[k] as MetricDecl).nullable && k !== 'polarisation' && k !== 'milling');
export type SummaryMetric = MetricKey;

/** A metric's value (a timed metric's time); NaN for a metric the run does not have (a team that never formed). */
export function metricValue(m: RunMetrics, k: SummaryMetric): number {
  const v = m[k] as number | null | { value: number };
  return v === null ? NaN : typeof v === 'number' ? v : v.value;
}

export function censoredOf(m: RunMetrics, k: SummaryMetric): boolean {
  const v = m[k] as number | null | { censored: boolean };
  return v !== null && typeof v === 'object' && v.censored;
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

/** summary.md: per point, the run command's table of medians and the T50 savings. */
export function summaryMd(plan: Plan, summaries: PointModeSummary[], meta: { runs: number; total: number; shard?: string }): string {
  const exp = plan.experiment;
  const lines = [`# ${exp.title}`, ''];
  if (exp.description) lines.push(exp.description, '');
  lines.push(
    `${plan.points.length} point${plan.points.length === 1 ? '' : 's'} (${describeDesign(exp.design)}) × ${exp.replicates} paired replicate${exp.replicates === 1 ? '' : 's'} × ${plan.labels.length} mode${plan.labels.length === 1 ? '' : 's'} (${plan.labels.join(', ')}); scenario ${exp.scenario}.`,
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
