/**
 * report.html for a sweep: one self-contained page (inline CSS and SVG, no scripts, no fonts or
 * images from anywhere) that opens offline. It shows
 *   - recovery curves per mode: the median over runs with a 10–90% band (all points pooled, and per
 *     point for small designs);
 *   - the paired T50 saving against the hierarchy vs each varied parameter, with bootstrap 95% CIs;
 *   - the summary table per point and mode.
 * Platform-free string building: the CLI writes it, a browser could show it.
 */
import { quantileSorted } from 'simple-statistics';
import { formatCi, formatP, pairedSaving, SAVING_ESTIMAND, type Observation, type PairedSaving } from '../model/stats.ts';
import type { Plan, Point } from './plan.ts';
import type { RunRecord } from './records.ts';
import { censoredOf, summarisePoints, metricValue, type PointModeSummary } from './summary.ts';

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
}

const PALETTE = ['#c0392b', '#1f6fb2', '#2e8b57', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b7950b'];

export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const fmt = (v: number, digits = 3) => (Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : '—');
const pct = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? `${(100 * v).toFixed(0)}%` : '—');

function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** The next round number at or above x (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × a power of ten). */
function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const mag = 10 ** Math.floor(Math.log10(x));
  return ([1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * mag).find((v) => v >= x - 1e-9) ?? 10 * mag);
}

interface Frame {
  w: number;
  h: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  x: (v: number) => number;
  y: (v: number) => number;
}

function frame(w: number, h: number, xs: [number, number], ys: [number, number], top = 12): Frame {
  const left = 52;
  const right = 12;
  const bottom = 36;
  const [x0, x1] = xs[1] > xs[0] ? xs : [xs[0] - 1, xs[0] + 1];
  const [y0, y1] = ys[1] > ys[0] ? ys : [ys[0] - 1, ys[0] + 1];
  return {
    w,
    h,
    left,
    right,
    top,
    bottom,
    x: (v) => left + ((v - x0) / (x1 - x0)) * (w - left - right),
    y: (v) => top + (1 - (v - y0) / (y1 - y0)) * (h - top - bottom),
  };
}

function axes(f: Frame, xTicks: Array<{ v: number; label: string }>, yTicks: Array<{ v: number; label: string }>, xLabel: string, yLabel: string): string {
  const parts: string[] = [];
  const x0 = f.left;
  const x1 = f.w - f.right;
  const y0 = f.h - f.bottom;
  for (const t of yTicks) {
    const y = f.y(t.v);
    parts.push(`<line x1="${x0}" x2="${x1}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" class="grid"/><text x="${x0 - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${esc(t.label)}</text>`);
  }
  for (const t of xTicks) {
    const x = f.x(t.v);
    parts.push(`<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${y0}" y2="${y0 + 4}" class="axis"/><text x="${x.toFixed(1)}" y="${y0 + 16}" text-anchor="middle">${esc(t.label)}</text>`);
  }
  parts.push(`<line x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}" class="axis"/><line x1="${x0}" x2="${x0}" y1="${f.top}" y2="${y0}" class="axis"/>`);
  parts.push(`<text x="${(x0 + x1) / 2}" y="${f.h - 4}" text-anchor="middle" class="label">${esc(xLabel)}</text>`);
  parts.push(`<text transform="translate(12 ${(f.top + y0) / 2}) rotate(-90)" text-anchor="middle" class="label">${esc(yLabel)}</text>`);
  return parts.join('');
}

function legend(labels: string[], colour: (l: string) => string): string {
  return `<div class="legend">${labels.map((l) => `<span><i style="background:${colour(l)}"></i>${esc(l)}</span>`).join('')}</div>`;
}

interface Band {
  t: number[];
  median: number[];
  p10: number[];
  p90: number[];
  runs: number;
}

/** Median and 10–90% band of recovery over the given runs, per sample time. */
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

function recoveryChart(byMode: Array<{ label: string; band: Band }>, colour: (l: string) => string, opts: { w: number; h: number; title?: string; tMax: number }): string {
  const tMax = opts.tMax;
  const f = frame(opts.w, opts.h, [0, tMax || 1], [0, 1], opts.title ? 24 : 12);
  const xt = niceTicks(0, tMax || 1, opts.w < 400 ? 3 : 6).map((v) => ({ v, label: fmt(v) }));
  const yt = [0, 0.25, 0.5, 0.75, 1].map((v) => ({ v, label: `${v * 100}%` }));
  const shapes: string[] = [];
  for (const { label, band: b } of byMode) {
    const c = colour(label);
    const keep = b.t.map((t, i) => i).filter((i) => b.t[i] <= tMax + 1e-9);
    const upper = keep.map((i) => `${f.x(b.t[i]).toFixed(1)},${f.y(b.p90[i]).toFixed(1)}`);
    const lower = keep.map((i) => `${f.x(b.t[i]).toFixed(1)},${f.y(b.p10[i]).toFixed(1)}`).reverse();
    shapes.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${c}" fill-opacity="0.16" stroke="none"><title>${esc(label)}: 10–90% of ${b.runs} runs</title></polygon>`);
    shapes.push(`<polyline points="${keep.map((i) => `${f.x(b.t[i]).toFixed(1)},${f.y(b.median[i]).toFixed(1)}`).join(' ')}" fill="none" stroke="${c}" stroke-width="2"><title>${esc(label)}: median of ${b.runs} runs</title></polyline>`);
  }
  const room = Math.floor((opts.w - f.left) / 6);
  const shown = opts.title && opts.title.length > room ? `${opts.title.slice(0, room - 1)}…` : opts.title;
  const title = opts.title ? `<text x="${f.left}" y="13" class="small"><title>${esc(opts.title)}</title>${esc(shown)}</text>` : '';
  return `<svg viewBox="0 0 ${opts.w} ${opts.h}" width="${opts.w}" height="${opts.h}" role="img" aria-label="recovery curves">${axes(f, xt, yt, 'hours', 'gap closed')}${shapes.join('')}${title}</svg>`;
}

interface SavingPoint {
  x: number | string;
  saving: PairedSaving;
  runs: number;
}

/** Paired saving in `metric` of `label` against the hierarchy over the records of some points, pooled. */
function pooledSaving(records: RunRecord[], label: string, points: Set<number>, metric: 'T50'): PairedSaving | undefined {
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
  return a.length ? pairedSaving(a, b, { resamples: 1000 }) : undefined;
}

function savingChart(param: string, series: Array<{ label: string; points: SavingPoint[] }>, colour: (l: string) => string, categorical: string[] | null, connect: boolean): string {
  const w = 520;
  const h = 300;
  const all = series.flatMap((s) => s.points);
  const ys = all.flatMap((p) => [p.saving.ci95[0], p.saving.ci95[1], p.saving.saving]).filter(Number.isFinite);
  let lo = Math.min(0, ...ys);
  let hi = Math.max(0, ...ys);
  if (!(hi > lo)) [lo, hi] = [-0.1, 0.1];
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const xsNum = categorical ? categorical.map((_, k) => k) : all.map((p) => p.x as number);
  let x0 = Math.min(...xsNum);
  let x1 = Math.max(...xsNum);
  if (categorical || x1 === x0) {
    x0 -= 0.5;
    x1 += 0.5;
  } else {
    const span = (x1 - x0) * 0.05;
    x0 -= span;
    x1 += span;
  }
  const frameY = frame(w, h, [x0, x1], [lo, hi]);
  // An interval end at ±∞ (censored resamples) is drawn to the edge of the plot.
  const f = { ...frameY, y: (v: number) => frameY.y(Math.min(hi, Math.max(lo, v))) };
  const xv = (x: number | string) => (categorical ? categorical.indexOf(String(x)) : (x as number));
  const xt = categorical ? categorical.map((c, k) => ({ v: k, label: c })) : niceTicks(x0, x1, 6).map((v) => ({ v, label: fmt(v) }));
  const yt = niceTicks(lo, hi, 5).map((v) => ({ v, label: `${Math.round(v * 100)}%` }));
  const shapes: string[] = [`<line x1="${f.left}" x2="${w - f.right}" y1="${f.y(0).toFixed(1)}" y2="${f.y(0).toFixed(1)}" class="zero"/>`];
  series.forEach((s, k) => {
    const c = colour(s.label);
    const dx = series.length > 1 && (categorical || connect) ? (k - (series.length - 1) / 2) * 6 : 0;
    const pts = [...s.points].sort((a, b) => xv(a.x) - xv(b.x));
    if (connect && pts.length > 1) shapes.push(`<polyline points="${pts.map((p) => `${(f.x(xv(p.x)) + dx).toFixed(1)},${f.y(p.saving.saving).toFixed(1)}`).join(' ')}" fill="none" stroke="${c}" stroke-width="1.5" stroke-opacity="0.7"/>`);
    for (const p of pts) {
      const x = f.x(xv(p.x)) + dx;
      const tip = `${s.label} at ${param} = ${typeof p.x === 'number' ? fmt(p.x, 4) : p.x}: saving ${pct(p.saving.saving)} (95% CI ${formatCi(p.saving)}, p ${formatP(p.saving)}, ${p.saving.pairs} pairs${p.saving.censored.mode + p.saving.censored.reference ? `, censored ${p.saving.censored.reference} H / ${p.saving.censored.mode}` : ''})`;
      shapes.push(
        `<g><title>${esc(tip)}</title><line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${f.y(p.saving.ci95[0]).toFixed(1)}" y2="${f.y(p.saving.ci95[1]).toFixed(1)}" stroke="${c}" stroke-width="1.5"/><circle cx="${x.toFixed(1)}" cy="${f.y(p.saving.saving).toFixed(1)}" r="3.5" fill="${c}"/></g>`,
      );
    }
  });
  return `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="saving vs ${esc(param)}">${axes(f, xt, yt, param, 'T50 saving vs hierarchical')}${shapes.join('')}</svg>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1d232a;background:#fbfbfa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.muted{color:#5c6670}.small{font-size:11px;fill:#5c6670}
table{border-collapse:collapse;font-size:12.5px;margin:8px 0}th,td{padding:4px 8px;border-bottom:1px solid #e3e3e3;text-align:right;white-space:nowrap}
th{background:#f0f0ee;position:sticky;top:0}td.l,th.l{text-align:left}
.meta td{text-align:left}.meta td:first-child{color:#5c6670}
svg{background:#fff;border:1px solid #e6e6e6;border-radius:4px;margin:4px 8px 4px 0;font-size:11px}
svg text{fill:#333}svg .label{font-size:12px;fill:#444}.grid{stroke:#eee}.axis{stroke:#888}.zero{stroke:#555;stroke-dasharray:4 3}
.legend span{display:inline-flex;align-items:center;margin-right:14px}.legend i{display:inline-block;width:14px;height:4px;margin-right:5px;border-radius:2px}
.charts{display:flex;flex-wrap:wrap}.headline{background:#eef5fb;border-left:4px solid #1f6fb2;padding:8px 12px;margin:12px 0}
.warn{background:#fff4e5;border-left:4px solid #d35400;padding:8px 12px;margin:12px 0}
.scroll{overflow-x:auto;max-height:640px;overflow-y:auto}
`;

/** "batchPeriod=8, connectedShare=0.5": the last part of each name where that is unambiguous. */
function shortPoint(p: Point): string {
  const keys = Object.keys(p.values);
  const tails = keys.map((k) => k.split('.').pop()!);
  const unique = new Set(tails).size === tails.length;
  return keys.map((k, i) => {
    const v = p.values[k];
    return `${unique ? tails[i] : k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : v}`;
  }).join(', ') || 'the base scenario';
}

/** The whole report as one HTML document. */
export function renderReport(plan: Plan, sorted: RunRecord[], meta: ReportMeta): string {
  const exp = plan.experiment;
  const colour = (l: string) => PALETTE[Math.max(0, plan.labels.indexOf(l)) % PALETTE.length];
  const body: string[] = [];
  body.push(`<h1>${esc(exp.title)}</h1>`);
  if (exp.description) body.push(`<p class="muted">${esc(exp.description)}</p>`);
  if (sorted.length < meta.total) body.push(`<p class="warn">Partial results: ${sorted.length} of ${meta.total} runs${meta.shard ? ` (shard ${esc(meta.shard)})` : ''}. Finish the sweep with <code>--resume</code>, or merge every shard, for the whole experiment.</p>`);

  const designText = exp.design.type === 'grid' ? 'full grid' : `${exp.design.type}, ${exp.design.points} points, seed ${exp.design.seed}`;
  const rows: Array<[string, string]> = [
    ['scenario', `${esc(exp.scenario)}${meta.scenarioTitle ? ` — ${esc(meta.scenarioTitle)}` : ''}`],
    ['varied', exp.vary.length ? exp.vary.map((v) => `<code>${esc(v.path)}</code>`).join(', ') : 'nothing (one point)'],
    ['held', exp.set.length ? exp.set.map(([k, v]) => `<code>${esc(k)}</code> = ${esc(JSON.stringify(v))}`).join(', ') : '—'],
    ['design', `${esc(designText)}: ${plan.points.length} point${plan.points.length === 1 ? '' : 's'}`],
    ['modes', plan.labels.map(esc).join(', ')],
    ['replicates', `${exp.replicates} per point, paired (the same seed for every mode), experiment seed ${exp.seed}`],
    ['runs', `${sorted.length} of ${meta.total}`],
    ['experiment id', `<code>${esc(meta.experimentHash)}</code>`],
    ['made with', `Starling ${esc(meta.starling ?? '?')}, commit <code>${esc((meta.commit ?? '?').slice(0, 12))}</code>, Node ${esc(meta.node ?? '?')}${meta.created ? `, ${esc(meta.created)}` : ''}${meta.wallSeconds ? `, ${fmt(meta.wallSeconds, 3)} s wall` : ''}`],
  ];
  body.push(`<table class="meta">${rows.map(([k, v]) => `<tr><td>${k}</td><td class="l">${v}</td></tr>`).join('')}</table>`);

  // Headline: pooled over every point.
  const allPoints = new Set(plan.points.map((p) => p.index));
  const others = plan.labels.filter((l) => l !== 'hierarchical');
  if (plan.labels.includes('hierarchical') && others.length) {
    const lines = others.map((l) => {
      const s = pooledSaving(sorted, l, allPoints, 'T50');
      if (!s) return '';
      if (!s.estimable) return `<b>${esc(l)}</b>: the T50 saving is not estimable — ${esc(s.reason ?? '')} (${s.pairs} pairs over all points)`;
      return `<b>${esc(l)}</b> closed half the gap ${s.saving >= 0 ? `${pct(s.saving)} faster` : `${pct(-s.saving)} slower`} than the hierarchy (saving = ${esc(SAVING_ESTIMAND)}; 95% CI ${formatCi(s)}, paired permutation p ${formatP(s)}, ${s.pairs} pairs over all points${s.censored.reference + s.censored.mode ? `; censored: ${s.censored.reference} hierarchical, ${s.censored.mode} ${esc(l)}` : ''}${s.smallSample ? '; few pairs: unreliable' : ''})`;
    });
    body.push(`<div class="headline">${lines.filter(Boolean).join('<br>')}</div>`);
  }

  // Recovery curves.
  body.push('<h2>Recovery curves</h2>');
  const pooled = plan.labels.map((label) => ({ label, band: band(sorted.filter((r) => r.mode === label)) })).filter((b): b is { label: string; band: Band } => !!b.band);
  if (!pooled.length) body.push('<p class="muted">No time series in these runs.</p>');
  else {
    // Show time up to where every curve has settled (plus a margin), not empty hours after.
    const horizon = Math.max(...pooled.map((b) => b.band.t[b.band.t.length - 1] ?? 0));
    const settled = settledAt(pooled.map((b) => b.band));
    const tMax = settled < 0.8 * horizon ? Math.min(horizon, niceCeil(settled * 1.15)) : horizon;
    body.push(`<p class="muted">Share of the gap closed over time: the median over runs (line) with the 10–90% band${plan.points.length > 1 ? ', all points pooled' : ''}${tMax < horizon ? `; shown to ${fmt(tMax)} h of the ${fmt(horizon)} h horizon — every curve is flat after ${fmt(settled)} h` : ''}.</p>`);
    body.push(legend(pooled.map((b) => b.label), colour));
    body.push(`<div class="charts">${recoveryChart(pooled, colour, { w: 760, h: 340, tMax })}</div>`);
    if (plan.points.length > 1 && plan.points.length <= 24) {
      body.push('<p class="muted">Per point:</p><div class="charts">');
      for (const p of plan.points) {
        const bands = plan.labels.map((label) => ({ label, band: band(sorted.filter((r) => r.point === p.index && r.mode === label)) })).filter((b): b is { label: string; band: Band } => !!b.band);
        if (bands.length) body.push(recoveryChart(bands, colour, { w: 340, h: 210, title: `${p.index}: ${shortPoint(p)}`, tMax }));
      }
      body.push('</div>');
    }
  }

  // Saving vs each varied parameter.
  if (exp.vary.length && plan.labels.includes('hierarchical') && others.length) {
    body.push('<h2>Saving against the hierarchy vs each varied parameter</h2>');
    body.push('<p class="muted">Paired saving in T50 (time to close half the gap), 1 − median(mode) / median(hierarchical), with a 95% bootstrap CI over replicates. Where a parameter takes few values, pairs are pooled over the other parameters at each value; otherwise each design point is shown.</p>');
    body.push(legend(others, colour));
    body.push('<div class="charts">');
    for (const v of exp.vary) {
      const values = [...new Set(plan.points.map((p) => p.values[v.path]))];
      const numeric = values.every((x) => typeof x === 'number');
      const marginal = values.length <= 20;
      const categorical = numeric ? null : values.map(String);
      const series = others.map((label) => {
        const points: SavingPoint[] = [];
        if (marginal) {
          for (const value of values) {
            const at = new Set(plan.points.filter((p) => p.values[v.path] === value).map((p) => p.index));
            const s = pooledSaving(sorted, label, at, 'T50');
            if (s && Number.isFinite(s.saving)) points.push({ x: numeric ? (value as number) : String(value), saving: s, runs: s.pairs });
          }
        } else {
          for (const p of plan.points) {
            const s = pooledSaving(sorted, label, new Set([p.index]), 'T50');
            if (s && Number.isFinite(s.saving)) points.push({ x: numeric ? (p.values[v.path] as number) : String(p.values[v.path]), saving: s, runs: s.pairs });
          }
        }
        return { label, points };
      });
      if (series.some((s) => s.points.length)) body.push(savingChart(v.path, series, colour, categorical, marginal && numeric));
    }
    body.push('</div>');
  }

  // Summary table.
  body.push('<h2>Summary per point and mode</h2>');
  body.push('<p class="muted">Medians with 10–90% intervals; means with 95% CIs; savings in T50 against the hierarchy with 95% bootstrap CIs and the paired sign-flip permutation p. Censored: threshold not reached by the horizon (the value is then a lower bound). All metrics are in summary.csv.</p>');
  body.push(summaryTable(plan, summarisePoints(plan, sorted)));
  body.push(`<p class="muted">Files: runs.csv (one row per run), ${exp.series ? 'timeseries.csv (one row per run and sample time), ' : ''}summary.csv, summary.md, manifest.json (experiment, resolved scenario, seeds, versions, timing), journal.jsonl.</p>`);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>${esc(exp.title)} — Starling sweep report</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}

function summaryTable(plan: Plan, summaries: PointModeSummary[]): string {
  const params = plan.experiment.vary.map((v) => v.path);
  const head = ['point', ...params, 'mode', 'runs', 'T50 median [10–90%]', 'T50 mean [95% CI]', 'T90 median', 'T_det median', 'loss median', 'messages median', 'T50 saving [95% CI]', 'p'];
  const rows = summaries.map((s) => {
    const m = s.metrics;
    const cens = m.T50.censored ? ` <span class="muted">(${m.T50.censored} cens.)</span>` : '';
    const sv = m.T50.saving;
    const values = params.map((p) => {
      const v = plan.points[s.point].values[p];
      return `<td>${esc(typeof v === 'number' ? fmt(v, 5) : v)}</td>`;
    });
    return `<tr><td>${s.point}</td>${values.join('')}<td class="l">${esc(s.mode)}</td><td>${s.runs}</td><td>${fmt(m.T50.median)} [${fmt(m.T50.p10)}–${fmt(m.T50.p90)}]${cens}</td><td>${fmt(m.T50.mean)} [${fmt(m.T50.ci95[0])}–${fmt(m.T50.ci95[1])}]</td><td>${fmt(m.T90.median)}</td><td>${fmt(m.T_det.median)}</td><td>${fmt(m.loss.median)}</td><td>${fmt(m.messages.median)}</td><td>${sv ? (sv.estimable ? `${pct(sv.saving)} [${formatCi(sv)}]` : 'not estimable') : '—'}</td><td>${sv ? formatP(sv) : '—'}</td></tr>`;
  });
  return `<div class="scroll"><table><thead><tr>${head.map((h, k) => `<th${k === params.length + 1 ? ' class="l"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
