/**
 * The result tables of `run`, `sweep` and `merge`, built once as typed columns and written as both
 * CSV and Parquet from the same columns, so the two can never disagree on a name, a type or a row.
 * The metric columns come from the metric declarations (sim/model/metricDecls.ts); the codebook
 * (codebook.ts) documents every column from the same `Column` records.
 *
 *   runs        one row per run: ids, the varied parameters, every metric (timed metrics with a
 *               `_censored` flag), the bullwhip ratio as one column per tier;
 *   timeseries  one row per run and sample (long format), when the experiment records series;
 *   summary     one row per point, mode and metric: spread, mean CI, paired saving.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { METRICS, METRIC_KEYS, BULLWHIP_DOC } from '../../sim/model/metricDecls.ts';
import type { Plan } from '../../sim/experiment/plan.ts';
import type { RunRecord } from '../../sim/experiment/records.ts';
import { declarationOf, isDummy, type SeriesField } from '../../sim/experiment/schema.ts';
import { SUMMARY_METRICS, type PointModeSummary } from '../../sim/experiment/summary.ts';

export type ColumnType = 'STRING' | 'INT32' | 'DOUBLE' | 'BOOLEAN';

export interface Column {
  name: string;
  type: ColumnType;
  unit: string;
  doc: string;
  values: unknown[];
}

export interface Table {
  name: 'runs' | 'timeseries' | 'summary' | 'seeds';
  doc: string;
  columns: Column[];
  rows: number;
}

/**
 * CSV cell: integers as is, other numbers to 8 significant digits, booleans TRUE/FALSE (the spelling
 * R's read.csv, pandas and DuckDB all read as logical; R 4.2 leaves "true" as text), text quoted when
 * needed; null/NaN blank.
 */
export function cell(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : Number.isFinite(v) ? v.toPrecision(8).replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1') : '') : String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return values.map(cell).join(',');
}

export function toCsv(t: Table): string {
  const lines = [csvLine(t.columns.map((c) => c.name))];
  for (let r = 0; r < t.rows; r++) lines.push(csvLine(t.columns.map((c) => c.values[r])));
  return `${lines.join('\n')}\n`;
}

/** Parquet through hyparquet-writer (a maintained writer; read back in the tests by DuckDB, an independent reader). */
export function toParquet(t: Table): Uint8Array {
  const columnData = t.columns.map((c) => ({
    name: c.name,
    type: c.type,
    data: c.values.map((v) => (v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v)) ? null : c.type === 'INT32' ? Number(v) : v)),
  }));
  return new Uint8Array(parquetWriteBuffer({ columnData: columnData as Parameters<typeof parquetWriteBuffer>[0]['columnData'] }));
}

const col = (name: string, type: ColumnType, unit: string, doc: string): Column => ({ name, type, unit, doc, values: [] });

function paramColumn(path: string, plan: Plan): Column {
  const decl = declarationOf(path);
  const sample = plan.points[0]?.values[path];
  const type: ColumnType = typeof sample === 'number' ? (plan.points.every((p) => Number.isInteger(p.values[path])) && decl?.kind === 'number' && decl.integer ? 'INT32' : 'DOUBLE') : typeof sample === 'boolean' ? 'BOOLEAN' : 'STRING';
  if (isDummy(path)) return col(path, type, '', 'dummy factor of the design: sampled like a parameter, applied to nothing (the noise floor of a sensitivity analysis)');
  return col(path, type, decl && 'unit' in decl ? String(decl.unit ?? '') : '', `varied parameter: ${decl?.doc ?? path}`);
}

function idColumns(): Column[] {
  return [
    col('run_id', 'STRING', '', 'p<point>-r<replicate>-<mode>: unique within the result folder'),
    col('point', 'INT32', '', 'design point, 0-based (one point for `starling run`)'),
    col('replicate', 'INT32', '', 'replicate at the point, 0-based; the same replicate has the same seed in every mode (paired runs)'),
    col('seed', 'INT32', '', 'the run\'s seed'),
    col('mode', 'STRING', '', 'hierarchical, spontaneous, hybrid or hybrid:λ'),
  ];
}

/** Supply-chain tiers: the base scenario's, or more if some point has more. */
export function tierCount(records: RunRecord[], baseTiers: number): number {
  return records.reduce((n, r) => Math.max(n, r.metrics.bullwhip.length), baseTiers);
}

export function runsTable(plan: Plan, sorted: RunRecord[], tiers: number): Table {
  const params = plan.experiment.vary.map((v) => paramColumn(v.path, plan));
  const ids = idColumns();
  const lambda = col('lambda', 'DOUBLE', 'fraction', 'hybrid share λ of the run (0 = hierarchical, 1 = spontaneous)');
  const metricCols: Array<{ c: Column; get: (r: RunRecord) => unknown }> = [];
  for (const k of METRIC_KEYS) {
    const d = METRICS[k];
    if (d.timed) {
      metricCols.push({ c: col(k, 'DOUBLE', d.unit, `${d.doc}; when never reached: the censoring time (horizon − onset) and ${k}_censored = true`), get: (r) => (r.metrics[k] as { value: number }).value });
      metricCols.push({ c: col(`${k}_censored`, 'BOOLEAN', '', `true when ${k} was not reached before the run ended: ${k} is then a lower bound`), get: (r) => (r.metrics[k] as { censored: boolean }).censored });
    } else metricCols.push({ c: col(k, 'DOUBLE', d.unit, d.doc), get: (r) => r.metrics[k] as number | null });
  }
  for (let t = 0; t < tiers; t++) metricCols.push({ c: col(`bullwhip_tier${t + 1}`, 'DOUBLE', 'ratio', `tier ${t + 1}: ${BULLWHIP_DOC}`), get: (r) => r.metrics.bullwhip[t] ?? null });
  for (const r of sorted) {
    const point = plan.points[r.point];
    const idv = [r.id, r.point, r.replicate, r.seed, r.mode];
    ids.forEach((c, k) => c.values.push(idv[k]));
    lambda.values.push(r.metrics.lambda);
    params.forEach((c) => c.values.push(point.values[c.name]));
    for (const m of metricCols) m.c.values.push(m.get(r));
  }
  return { name: 'runs', doc: 'one row per run', columns: [...ids, lambda, ...params, ...metricCols.map((m) => m.c)], rows: sorted.length };
}

export const SERIES_DOCS: Record<SeriesField, [string, string]> = {
  recovery: ['fraction', 'share of the service lost to the primary shock that is back (0 at the worst, 1 = recovered)'],
  coverage: ['fraction', 'share of the primary shock\'s needed skills covered by committed people'],
  messages: ['messages', 'escalation and relay messages sent so far'],
  informed: ['people', 'people who know of the primary shock'],
  committed: ['people', 'people committed to the primary shock'],
  engaged: ['people', 'people engaged on the primary shock'],
  attention: ['effort-h', 'effort-hours spent watching the shared space so far'],
  queue: ['reports', 'reports waiting at managers'],
};

/** The lab's export: both panes' series, the same columns and CSV writer as a sweep's timeseries. */
export function labSeriesTable(panes: Array<{ pane: string; mode: string; series: ReadonlyArray<Record<SeriesField | 't', number>> }>): Table {
  const fields = Object.keys(SERIES_DOCS) as SeriesField[];
  const pane = col('pane', 'STRING', '', 'left or right twin of the lab');
  const mode = col('mode', 'STRING', '', 'the twin\'s mode');
  const t = col('t', 'DOUBLE', 'h', 'simulated hours since the start of the run');
  const values = fields.map((f) => col(f, 'DOUBLE', SERIES_DOCS[f][0], SERIES_DOCS[f][1]));
  let rows = 0;
  for (const p of panes) {
    for (const point of p.series) {
      pane.values.push(p.pane);
      mode.values.push(p.mode);
      t.values.push(point.t);
      values.forEach((c, k) => c.values.push(point[fields[k]]));
      rows++;
    }
  }
  return { name: 'timeseries', doc: 'one row per twin and sample time', columns: [pane, mode, t, ...values], rows };
}

export function timeseriesTable(plan: Plan, sorted: RunRecord[]): Table {
  const fields = plan.experiment.series?.fields ?? [];
  const ids = idColumns();
  const t = col('t', 'DOUBLE', 'h', 'simulated hours since the start of the run (the primary shock\'s onset is the scenario\'s shocks[0].at, in manifest.json)');
  const values = fields.map((f) => col(f, 'DOUBLE', SERIES_DOCS[f][0], SERIES_DOCS[f][1]));
  let rows = 0;
  for (const r of sorted) {
    const s = r.series;
    if (!s) continue;
    for (let i = 0; i < s.t.length; i++) {
      const idv = [r.id, r.point, r.replicate, r.seed, r.mode];
      ids.forEach((c, k) => c.values.push(idv[k]));
      t.values.push(s.t[i]);
      values.forEach((c, k) => c.values.push(s.values[fields[k]]?.[i]));
      rows++;
    }
  }
  return { name: 'timeseries', doc: 'one row per run and sample time (long format)', columns: [...ids, t, ...values], rows };
}

export function summaryTable(plan: Plan, summaries: PointModeSummary[]): Table {
  const params = plan.experiment.vary.map((v) => paramColumn(v.path, plan));
  const c = {
    point: col('point', 'INT32', '', 'design point, 0-based'),
    mode: col('mode', 'STRING', '', 'the mode summarised'),
    metric: col('metric', 'STRING', '', 'the metric summarised (its unit: see the runs table)'),
    n: col('n', 'INT32', 'runs', 'runs at this point in this mode'),
    censored: col('censored', 'INT32', 'runs', 'of those, runs whose value is censored (a lower bound)'),
    median: col('median', 'DOUBLE', 'metric unit', 'median over the runs'),
    p10: col('p10', 'DOUBLE', 'metric unit', '10th percentile'),
    p90: col('p90', 'DOUBLE', 'metric unit', '90th percentile'),
    mean: col('mean', 'DOUBLE', 'metric unit', 'mean (censored values enter as their censoring time)'),
    mean_ci_low: col('mean_ci_low', 'DOUBLE', 'metric unit', '95% confidence interval of the mean, low end'),
    mean_ci_high: col('mean_ci_high', 'DOUBLE', 'metric unit', '95% confidence interval of the mean, high end'),
    saving_vs_hierarchical: col('saving_vs_hierarchical', 'DOUBLE', 'fraction', '1 − median(mode)/median(hierarchical) over paired seeds (blank for the hierarchy itself and for metrics where higher is not worse)'),
    saving_estimable: col('saving_estimable', 'BOOLEAN', '', 'false when censoring makes a median unknown, so the saving is not estimable'),
    saving_ci_low: col('saving_ci_low', 'DOUBLE', 'fraction', 'seeded bootstrap 95% interval of the saving, low end'),
    saving_ci_high: col('saving_ci_high', 'DOUBLE', 'fraction', 'seeded bootstrap 95% interval of the saving, high end'),
    saving_p_permutation: col('saving_p_permutation', 'DOUBLE', 'probability', 'paired permutation p of the same estimand'),
    saving_p_at_floor: col('saving_p_at_floor', 'BOOLEAN', '', 'true when p is at the floor the number of permutations allows'),
    pairs: col('pairs', 'INT32', 'pairs', 'paired seeds the saving used'),
    censored_hierarchical: col('censored_hierarchical', 'INT32', 'runs', 'censored runs of the hierarchy among the pairs'),
    censored_mode: col('censored_mode', 'INT32', 'runs', 'censored runs of this mode among the pairs'),
  };
  let rows = 0;
  for (const s of summaries) {
    for (const k of SUMMARY_METRICS) {
      const m = s.metrics[k];
      const sv = m.saving;
      const v: Record<keyof typeof c, unknown> = { point: s.point, mode: s.mode, metric: k, n: m.n, censored: m.censored, median: m.median, p10: m.p10, p90: m.p90, mean: m.mean, mean_ci_low: m.ci95[0], mean_ci_high: m.ci95[1], saving_vs_hierarchical: sv?.saving, saving_estimable: sv?.estimable, saving_ci_low: sv?.ci95[0], saving_ci_high: sv?.ci95[1], saving_p_permutation: sv?.p, saving_p_at_floor: sv?.pAtFloor, pairs: sv?.pairs, censored_hierarchical: sv?.censored.reference, censored_mode: sv?.censored.mode };
      for (const key of Object.keys(c) as Array<keyof typeof c>) c[key].values.push(v[key]);
      params.forEach((p) => p.values.push(plan.points[s.point].values[p.name]));
      rows++;
    }
  }
  const { point, ...rest } = c;
  return { name: 'summary', doc: 'one row per point, mode and metric (long format)', columns: [point, ...params, ...Object.values(rest)], rows };
}
