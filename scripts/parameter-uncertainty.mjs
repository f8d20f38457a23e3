#!/usr/bin/env node
// The default saving's uncertainty over the unanchored parameters (docs/calibration.md §0b), from the
// summary.csv of `npx starling sweep experiments/parameter-uncertainty.json`:
//   node scripts/parameter-uncertainty.mjs out/parameter-uncertainty [--json]
// Prints the per-point T50 saving of spontaneous association over the hierarchy (each point on its
// paired seeds): its median and 5/25/75/95 % quantiles over the Latin-hypercube points, the share of
// points inside the 30–50 % target and above 0, and each parameter's Spearman rank correlation with
// the saving (which unanchored parameter the answer hangs on).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { quantileSorted, sampleCorrelation } from 'simple-statistics';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/parameter-uncertainty.mjs DIR [--json]   (DIR: the output folder of the parameter-uncertainty sweep)');
  process.exit(2);
}
const text = readFileSync(join(dir, 'summary.csv'), 'utf8');
const rows = text.trim().split(/\r?\n/).map((line) => line.split(',')); // the sweep's CSV quotes only text with commas; these rows have none
const head = rows.shift();
const col = (name) => head.indexOf(name);
const params = head.slice(1, col('mode'));
const points = rows.filter((r) => r[col('mode')] === 'spontaneous' && r[col('metric')] === 'T50' && /^true$/i.test(r[col('saving_estimable')]));
const unestimable = rows.filter((r) => r[col('mode')] === 'spontaneous' && r[col('metric')] === 'T50' && !/^true$/i.test(r[col('saving_estimable')])).length;
const saving = points.map((r) => Number(r[col('saving_vs_hierarchical')]));
const sorted = [...saving].sort((a, b) => a - b);
const q = (p) => quantileSorted(sorted, p);
const rank = (xs) => {
  const order = xs.map((x, i) => [x, i]).sort((a, b) => a[0] - b[0]);
  const r = new Array(xs.length);
  order.forEach(([, i], k) => (r[i] = k));
  return r;
};
const rs = rank(saving);
const correlations = params.map((p) => ({ parameter: p, spearman: sampleCorrelation(rank(points.map((r) => Number(r[col(p)]))), rs) })).sort((a, b) => Math.abs(b.spearman) - Math.abs(a.spearman));
// The volunteers' goal weight against the day job's pull: the balance that decides whether a lone
// volunteer holds on site (ODD §7.5), so the ratio is reported too when both are varied.
if (params.includes('shared.commitOmega') && params.includes('ecosystem.homePull')) {
  const ratio = points.map((r) => Number(r[col('shared.commitOmega')]) / Number(r[col('ecosystem.homePull')]));
  correlations.unshift({ parameter: 'commitOmega / homePull', spearman: sampleCorrelation(rank(ratio), rs) });
}
const out = {
  points: points.length, unestimable, median: q(0.5), q05: q(0.05), q25: q(0.25), q75: q(0.75), q95: q(0.95),
  inTarget: saving.filter((s) => s >= 0.3 && s <= 0.5).length / saving.length, positive: saving.filter((s) => s > 0).length / saving.length, correlations,
};
if (process.argv.includes('--json')) console.log(JSON.stringify(out, null, 2));
else {
  const pct = (v) => `${(100 * v).toFixed(1)}%`;
  console.log(`${out.points} points (${unestimable} not estimable): median saving ${pct(out.median)}; 5–95% over points ${pct(out.q05)} to ${pct(out.q95)} (25–75% ${pct(out.q25)} to ${pct(out.q75)})`);
  console.log(`inside 30–50%: ${pct(out.inTarget)} of points; above 0: ${pct(out.positive)}`);
  for (const c of correlations) console.log(`  ${c.parameter.padEnd(26)} Spearman ρ with the saving ${c.spearman.toFixed(2)}`);
}
