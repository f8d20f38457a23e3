/**
 * report.html of a sweep: one self-contained page that opens offline — its charting library
 * (uPlot, the lab's) and its data are inlined, nothing is fetched. It shows
 *   - the pooled T50 saving, the design and provenance;
 *   - recovery curves per mode: the median over runs with a 10–90% band;
 *   - every metric selectable: per varied parameter, a scatter of each point's value (sampled
 *     designs) or the pooled value with its 95% CI at each level (grids), and a heatmap when a grid
 *     varies two parameters;
 *   - the analyses in DIR/analysis (\`starling analyze\`): Morris μ* and σ, Sobol S and ST as bars with
 *     their intervals, PRIM's coverage–density trade-off and its boxes — each marked out of date when
 *     it read fewer runs than the report;
 *   - the summary table per point and mode.
 * A report made mid-sweep says so, and \`starling sweep --resume\` marks an existing report out of
 * date when the sweep goes on (markStale).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { quantileSorted } from 'simple-statistics';
import { formatCi, formatP, pairedSaving, SAVING_ESTIMAND, type Observation, type PairedSaving } from '../../sim/model/stats.ts';
import type { Plan, Point } from '../../sim/experiment/plan.ts';
import type { RunRecord } from '../../sim/experiment/records.ts';
import { describeDesign } from '../../sim/experiment/schema.ts';
import { censoredOf, metricValue, summarisePoints, SUMMARY_METRICS, SAVING_METRICS, type PointModeSummary, type SummaryMetric } from '../../sim/experiment/summary.ts';
import { METRICS } from '../../sim/model/metricDecls.ts';
import type { AnalysisResult } from '../analysis/result.ts';
import { REPORT_SCRIPT } from './reportScript.ts';

export interface ReportMeta {
  experimentHash: string;
  scenarioTitle?: string;
  starling?: string;
  commit?: string;
  node?: string;
  created?: string;
  total: number;
  shard?: string | null;
  wallSeconds?: number;
  /** The analyses found in DIR/analysis. */
  analyses?: AnalysisResult[];
}

const PALETTE = ['#c0392b', '#1f6fb2', '#2e8b57', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b7950b'];
const MAX_TABLE_POINTS = 200;
/** Grids with at most this many values per parameter get pooled values with CIs per level. */
const MAX_LEVELS = 20;
export const STATUS_MARK = '<!--starling:status-->';

export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const fmt = (v: number, digits = 3) => (Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : '—');
const pct = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? `${(100 * v).toFixed(0)}%` : '—');

interface Band {
  t: number[];
  median: number[];
  p10: number[];
  p90: number[];
  runs: number;
}

function band(records: RunRecord[]): Band | undefined {
  const byT = new Map<number, number[]>();
  let runs = 0;
  for (const r of records) {
    const s = r.series;
    const rec = s?.values.recovery;
    if (!s || !rec) continue;
    runs++;
    for (let i = 0; i < s.t.length; i++) {
      const key = Number(s.t[i].toFixed(6));
      let list = byT.get(key);
      if (!list) byT.set(key, (list = []));
      list.push(rec[i]);
    }
  }
  if (!runs) return undefined;
  const t = [...byT.keys()].sort((a, b) => a - b);
  const out: Band = { t, median: [], p10: [], p90: [], runs };
  for (const key of t) {
    const v = byT.get(key)!.sort((a, b) => a - b);
    out.median.push(quantileSorted(v, 0.5));
    out.p10.push(quantileSorted(v, 0.1));
    out.p90.push(quantileSorted(v, 0.9));
  }
  return out;
}

/** The time after which no band changes any more (to within 0.1% of the gap), or the last sample. */
function settledAt(bands: Band[]): number {
  let end = 0;
  for (const b of bands) {
    const n = b.t.length;
    if (!n) continue;
    let k = n - 1;
    const same = (a: number, z: number) => Math.abs(a - z) <= 1e-3; // within 0.1% of the gap
    while (k > 0 && same(b.median[k - 1], b.median[n - 1]) && same(b.p10[k - 1], b.p10[n - 1]) && same(b.p90[k - 1], b.p90[n - 1])) k--;
    end = Math.max(end, b.t[k]);
  }
  return end;
}

function pooledSaving(records: RunRecord[], label: string, points: Set<number>, metric: SummaryMetric, resamples = 1000): PairedSaving | undefined {
  const ref = new Map<string, RunRecord>();
  for (const r of records) if (r.mode === 'hierarchical' && points.has(r.point)) ref.set(`${r.point}/${r.replicate}`, r);
  const a: Observation[] = [];
  const b: Observation[] = [];
  for (const r of records) {
    if (r.mode !== label || !points.has(r.point)) continue;
    const h = ref.get(`${r.point}/${r.replicate}`);
    if (!h) continue;
    a.push({ value: metricValue(h.metrics, metric), censored: censoredOf(h.metrics, metric) });
    b.push({ value: metricValue(r.metrics, metric), censored: censoredOf(r.metrics, metric) });
  }
  return a.length ? pairedSaving(a, b, { resamples }) : undefined;
}


/** Per point and mode: the mean of each metric, and the paired saving 1 − median(mode)/median(H). */
function pointData(plan: Plan, sorted: RunRecord[]) {
  const byPoint = new Map<number, Map<string, RunRecord[]>>();
  for (const r of sorted) {
    let m = byPoint.get(r.point);
    if (!m) byPoint.set(r.point, (m = new Map()));
    m.set(r.mode, [...(m.get(r.mode) ?? []), r]);
  }
  const median = (v: number[]) => (v.length ? quantileSorted([...v].sort((a, b) => a - b), 0.5) : NaN);
  return plan.points.map((p) => {
    const modes = byPoint.get(p.index) ?? new Map<string, RunRecord[]>();
    const mean: Record<string, Record<string, number | null>> = {};
    const saving: Record<string, Record<string, number | null>> = {};
    for (const k of SUMMARY_METRICS) {
      mean[k] = {};
      saving[k] = {};
      const ref = median((modes.get('hierarchical') ?? []).map((r) => metricValue(r.metrics, k)));
      for (const label of plan.labels) {
        const v = (modes.get(label) ?? []).map((r) => metricValue(r.metrics, k));
        mean[k][label] = v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
        if ((SAVING_METRICS as readonly string[]).includes(k) && label !== 'hierarchical') {
          const s = 1 - median(v) / ref;
          saving[k][label] = Number.isFinite(s) ? s : null;
        }
      }
    }
    return { values: p.values, mean, saving };
  });
}

/** For grids with few levels: the pooled value at each level of each parameter, with its 95% CI. */
function levelData(plan: Plan, sorted: RunRecord[], others: string[]) {
  if (plan.experiment.design.type !== 'grid' || plan.experiment.vary.some((v) => v.kind !== 'values' || v.values.length > MAX_LEVELS)) return null;
  return plan.experiment.vary.map((v) => {
    const values = [...new Set(plan.points.map((p) => p.values[v.path]))];
    const saving: Record<string, Record<string, Array<[number, number, number] | null>>> = {};
    for (const k of SAVING_METRICS) {
      saving[k] = {};
      for (const label of others) {
        saving[k][label] = values.map((value) => {
          const at = new Set(plan.points.filter((p) => p.values[v.path] === value).map((p) => p.index));
          const s = pooledSaving(sorted, label, at, k, 400);
          return s && s.estimable && Number.isFinite(s.saving) ? [s.saving, s.ci95[0], s.ci95[1]] : null;
        });
      }
    }
    return { path: v.path, values, saving };
  });
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1d232a;background:#fbfbfa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.muted{color:#5c6670}.small{font-size:11px;fill:#5c6670}
table{border-collapse:collapse;font-size:12.5px;margin:8px 0}th,td{padding:4px 8px;border-bottom:1px solid #e3e3e3;text-align:right;white-space:nowrap}
th{background:#f0f0ee;position:sticky;top:0}td.l,th.l{text-align:left}
.meta td{text-align:left;white-space:normal}.meta td:first-child{color:#5c6670}
.chart{background:#fff;border:1px solid #e6e6e6;border-radius:4px;margin:4px 8px 4px 0;padding:4px}
.u-legend{font-size:12px}.u-title{font-size:13px;font-weight:600}
.heat td{min-width:56px;text-align:center;color:#111}.boxes td{text-align:left}.bar{display:inline-block;height:10px;background:#1f6fb2;vertical-align:middle}
select{font:inherit;padding:2px 6px}
.legend span{display:inline-flex;align-items:center;margin-right:14px}.legend i{display:inline-block;width:14px;height:4px;margin-right:5px;border-radius:2px}
.charts{display:flex;flex-wrap:wrap}.headline{background:#eef5fb;border-left:4px solid #1f6fb2;padding:8px 12px;margin:12px 0}
.warn{background:#fff4e5;border-left:4px solid #d35400;padding:8px 12px;margin:12px 0}
.scroll{overflow-x:auto;max-height:640px;overflow-y:auto}
`;

function shortPoint(p: Point): string {
  const keys = Object.keys(p.values);
  const tails = keys.map((k) => k.split('.').pop()!);
  const unique = new Set(tails).size === tails.length;
  return keys.map((k, i) => {
    const v = p.values[k];
    return `${unique ? tails[i] : k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : v}`;
  }).join(', ') || 'the base scenario';
}


function uplotSource(): { js: string; css: string } {
  const require = createRequire(import.meta.url);
  const dir = require.resolve('uplot/package.json').replace(/package\.json$/, '');
  return { js: readFileSync(`${dir}dist/uPlot.iife.min.js`, 'utf8'), css: readFileSync(`${dir}dist/uPlot.min.css`, 'utf8') };
}

/** JSON safe inside <script>: no "</script>" or "<!--" can appear. */
function scriptJson(v: unknown): string {
  // 6 significant digits are plenty for a chart and keep a 10,000-point study's page small.
  return JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isInteger(x) && Number.isFinite(x) ? Number(x.toPrecision(6)) : x)).replace(/</g, '\\u003c');
}

/** The whole report as one HTML document. */
export function renderReport(plan: Plan, sorted: RunRecord[], meta: ReportMeta): string {
  const exp = plan.experiment;
  const body: string[] = [];
  body.push(`<h1>${esc(exp.title)}</h1>`);
  if (exp.description) body.push(`<p class="muted">${esc(exp.description)}</p>`);
  body.push(STATUS_MARK);
  if (sorted.length < meta.total) body.push(`<p class="warn">Partial results: ${sorted.length} of ${meta.total} runs${meta.shard ? ` (shard ${esc(meta.shard)})` : ''}. Finish the sweep with <code>--resume</code>, or merge every shard, for the whole experiment.</p>`);
  const rows: Array<[string, string]> = [
    ['scenario', `${esc(exp.scenario)}${meta.scenarioTitle ? ` — ${esc(meta.scenarioTitle)}` : ''}`],
    ['varied', exp.vary.length ? exp.vary.map((v) => `<code>${esc(v.path)}</code>`).join(', ') : 'nothing (one point)'],
    ['held', exp.set.length ? exp.set.map(([k, v]) => `<code>${esc(k)}</code> = ${esc(JSON.stringify(v))}`).join(', ') : '—'],
    ['design', `${esc(describeDesign(exp.design))}: ${plan.points.length} point${plan.points.length === 1 ? '' : 's'}`],
    ['modes', plan.labels.map(esc).join(', ')],
    ['replicates', `${exp.replicates} per point, paired (the same seed for every mode), experiment seed ${exp.seed}`],
    ['runs', `<span id="runs">${sorted.length}</span> of ${meta.total}`],
    ['experiment id', `<code>${esc(meta.experimentHash)}</code>`],
    ['made with', `Starling ${esc(meta.starling ?? '?')}, commit <code>${esc((meta.commit ?? '?').slice(0, 12))}</code>, Node ${esc(meta.node ?? '?')}${meta.created ? `, ${esc(meta.created)}` : ''}${meta.wallSeconds ? `, ${fmt(meta.wallSeconds, 3)} s wall` : ''}`],
  ];
  body.push(`<table class="meta">${rows.map(([k, v]) => `<tr><td>${k}</td><td class="l">${v}</td></tr>`).join('')}</table>`);

  const others = plan.labels.filter((l) => l !== 'hierarchical');
  if (plan.labels.includes('hierarchical') && others.length) {
    const all = new Set(plan.points.map((p) => p.index));
    const lines = others.map((l) => {
      const s = pooledSaving(sorted, l, all, 'T50');
      if (!s) return '';
      if (!s.estimable) return `<b>${esc(l)}</b>: the T50 saving is not estimable — ${esc(s.reason ?? '')} (${s.pairs} pairs over all points)`;
      return `<b>${esc(l)}</b> closed half the gap ${s.saving >= 0 ? `${pct(s.saving)} faster` : `${pct(-s.saving)} slower`} than the hierarchy (saving = ${esc(SAVING_ESTIMAND)}; 95% CI ${formatCi(s)}, paired permutation p ${formatP(s)}, ${s.pairs} pairs over all points${s.censored.reference + s.censored.mode ? `; censored: ${s.censored.reference} hierarchical, ${s.censored.mode} ${esc(l)}` : ''}${s.smallSample ? '; few pairs: unreliable' : ''})`;
    });
    body.push(`<div class="headline">${lines.filter(Boolean).join('<br>')}</div>`);
  }

  // Data for the charts, drawn in the page by uPlot.
  const pooled = plan.labels.map((label) => ({ label, band: band(sorted.filter((r) => r.mode === label)) })).filter((b): b is { label: string; band: Band } => !!b.band);
  const horizon = pooled.length ? Math.max(...pooled.map((b) => b.band.t[b.band.t.length - 1] ?? 0)) : 0;
  const settled = pooled.length ? settledAt(pooled.map((b) => b.band)) : 0;
  const data = {
    labels: plan.labels,
    colours: Object.fromEntries(plan.labels.map((l, k) => [l, PALETTE[k % PALETTE.length]])),
    recovery: pooled.map((b) => ({ label: b.label, ...b.band })),
    tMax: settled < 0.8 * horizon ? Math.min(horizon, Math.ceil((settled * 1.15) / 10) * 10) : horizon,
    params: exp.vary.map((v) => ({ path: v.path, numeric: plan.points.every((p) => typeof p.values[v.path] === 'number') })),
    design: exp.design.type,
    points: pointData(plan, sorted),
    levels: levelData(plan, sorted, others),
    metrics: SUMMARY_METRICS.map((k) => ({ key: k, label: METRICS[k].label, unit: METRICS[k].unit, saving: (SAVING_METRICS as readonly string[]).includes(k) })),
    analyses: (meta.analyses ?? []).map((a) => ({ ...a, stale: a.runs < sorted.length })),
    runs: sorted.length,
  };

  body.push('<h2>Recovery curves</h2>');
  body.push(pooled.length ? `<p class="muted">Share of the gap closed over time: the median over runs (line) with the 10–90% band${plan.points.length > 1 ? ', all points pooled' : ''}${data.tMax < horizon ? `; shown to ${fmt(data.tMax)} h of the ${fmt(horizon)} h horizon — every curve is flat after ${fmt(settled)} h` : ''}.</p><div class="charts" id="recovery"></div>` : '<p class="muted">No time series in these runs.</p>');

  if (exp.vary.length) {
    body.push('<h2>Each metric against each varied parameter</h2>');
    body.push(`<p><label>Metric: <select id="metric">${[...(others.length && plan.labels.includes('hierarchical') ? SAVING_METRICS.map((k) => `<option value="saving:${k}"${k === 'T50' ? ' selected' : ''}>saving in ${esc(METRICS[k].label)} against the hierarchy</option>`) : []), ...SUMMARY_METRICS.map((k) => `<option value="${k}">${esc(METRICS[k].label)} (${esc(METRICS[k].unit)}), mean per point</option>`)].join('')}</select></label> <label>Mode: <select id="mode">${plan.labels.map((l) => `<option${l === (others[0] ?? l) ? ' selected' : ''}>${esc(l)}</option>`).join('')}</select></label></p>`);
    body.push(`<p class="muted" id="metric-note"></p><div class="charts" id="params"></div><div id="heatmap"></div>`);
  }

  if (data.analyses.length) {
    body.push('<h2>Sensitivity and scenario discovery</h2>');
    body.push('<p class="muted">From <code>npx starling analyze</code> (DIR/analysis/). Bars are point estimates, whiskers the 95% bootstrap intervals. A dummy factor (applied to nothing), when the design has one, shows the noise floor a parameter must clear.</p><div id="analyses"></div>');
  }

  body.push('<h2>Summary per point and mode</h2>');
  body.push('<p class="muted">Medians with 10–90% intervals; means with 95% CIs; savings in T50 against the hierarchy with 95% bootstrap CIs and the paired sign-flip permutation p. Censored: threshold not reached by the horizon (the value is then a lower bound). All metrics are in summary.csv.</p>');
  body.push(summaryTable(plan, summarisePoints(plan, sorted.filter((r) => r.point < MAX_TABLE_POINTS))));
  body.push(`<p class="muted">Files: runs.csv/.parquet (one row per run), ${exp.series ? 'timeseries.csv/.parquet (one row per run and sample time), ' : ''}summary.csv/.parquet, codebook.md/.json (every column), summary.md, manifest.json (experiment, resolved scenario, seeds, versions, timing), journal.jsonl.</p>`);

  const uplot = uplotSource();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>${esc(exp.title)} — Starling sweep report</title>
<style>${uplot.css}</style>
<style>${CSS}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
<script>${uplot.js}</script>
<script id="data" type="application/json">${scriptJson(data)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/** Mark a report out of date (the sweep has gone on since it was made); no-op on other text. */
export function markStale(html: string, note: string): string {
  return html.replace(STATUS_MARK, `${STATUS_MARK}<p class="warn" id="stale"><b>Out of date:</b> ${esc(note)}</p>`);
}

function summaryTable(plan: Plan, summaries: PointModeSummary[]): string {
  const params = plan.experiment.vary.map((v) => v.path);
  const head = ['point', ...params, 'mode', 'runs', 'T50 median [10–90%]', 'T50 mean [95% CI]', 'T90 median', 'T_det median', 'loss median', 'messages median', 'T50 saving [95% CI]', 'p'];
  const shown = summaries.filter((s) => s.point < MAX_TABLE_POINTS);
  const rows = shown.map((s) => {
    const m = s.metrics;
    const cens = m.T50.censored ? ` <span class="muted">(${m.T50.censored} cens.)</span>` : '';
    const sv = m.T50.saving;
    const values = params.map((p) => {
      const v = plan.points[s.point].values[p];
      return `<td>${esc(typeof v === 'number' ? fmt(v, 5) : v)}</td>`;
    });
    return `<tr><td>${s.point}</td>${values.join('')}<td class="l">${esc(s.mode)}</td><td>${s.runs}</td><td>${fmt(m.T50.median)} [${fmt(m.T50.p10)}–${fmt(m.T50.p90)}]${cens}</td><td>${fmt(m.T50.mean)} [${fmt(m.T50.ci95[0])}–${fmt(m.T50.ci95[1])}]</td><td>${fmt(m.T90.median)}</td><td>${fmt(m.T_det.median)}</td><td>${fmt(m.loss.median)}</td><td>${fmt(m.messages.median)}</td><td>${sv ? (sv.estimable ? `${pct(sv.saving)} [${formatCi(sv)}]` : 'not estimable') : '—'}</td><td>${sv ? formatP(sv) : '—'}</td></tr>`;
  });
  return `<div class="scroll"><table><thead><tr>${head.map((h, k) => `<th${k === params.length + 1 ? ' class="l"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>${shown.length < summaries.length ? `<p class="muted">The first ${MAX_TABLE_POINTS} points of ${plan.points.length}; every point is in summary.csv.</p>` : ''}`;
}
