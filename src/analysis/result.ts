/**
 * An analysis as stored in DIR/analysis/<stem>.json and .csv, and as printed: one shape for the
 * CLI, the report and anyone loading the JSON. Platform-free.
 */
import type { MorrisIndex } from './morris.ts';
import type { SobolResult } from './sobol.ts';
import type { PrimResult } from './prim.ts';

interface Base {
  /** The sweep's experiment hash and how many of its runs the analysis read. */
  sweep: string;
  runs: number;
  totalRuns: number;
  design: string;
  resamples: number;
  /** How a point's replicates were combined. */
  stat: string;
  mode: string;
  points: number;
}

interface IndexBase extends Base {
  metric: string;
  missing: number;
  censored: number;
  used: number;
}

export type AnalysisResult =
  | ({ method: 'morris'; morris: MorrisIndex[] } & IndexBase)
  | ({ method: 'sobol'; sobol: SobolResult } & IndexBase)
  | ({ method: 'prim'; condition: string; threshold: number; skipped: string[]; prim: PrimResult } & Base);

const f = (v: number, d = 4) => (Number.isFinite(v) ? v.toFixed(d) : '—');

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (r: string[]) => r.map((v, k) => (k === 0 ? v.padEnd(widths[k]) : v.padStart(widths[k]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function analysisFile(r: AnalysisResult): { stem: string; header: string[]; rows: unknown[][]; text: string } {
  const slug = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_|_$/g, '');
  if (r.method === 'morris') {
    const sorted = [...r.morris].sort((a, b) => b.muStar - a.muStar);
    const header = ['parameter', 'mu_star', 'mu_star_ci_low', 'mu_star_ci_high', 'mu', 'sigma', 'sigma_ci_low', 'sigma_ci_high', 'effects'];
    const rows = sorted.map((m) => [m.factor, m.muStar, m.muStarCi.low, m.muStarCi.high, m.mu, m.sigma, m.sigmaCi.low, m.sigmaCi.high, m.effects]);
    const text = [
      `Morris elementary effects of ${r.metric} (${r.mode}, ${r.stat} over replicates), per unit of each parameter's range; ${r.points} points, 95% bootstrap intervals over trajectories (${r.resamples} resamples)`,
      table(['parameter', 'μ*', '95% interval', 'μ', 'σ'], sorted.map((m) => [m.factor, f(m.muStar), `[${f(m.muStarCi.low)}, ${f(m.muStarCi.high)}]`, f(m.mu), f(m.sigma)])),
      r.censored ? `${r.censored} of ${r.used} runs had a censored ${r.metric.replace('saving:', '')} (entered at the horizon).` : '',
    ].filter(Boolean).join('\n');
    return { stem: `morris-${slug(r.metric)}-${slug(r.mode)}${r.stat === 'median' ? '-median' : ''}`, header, rows, text };
  }
  if (r.method === 'sobol') {
    const sorted = [...r.sobol.indices].sort((a, b) => b.total - a.total);
    const header = ['parameter', 'first_order', 'first_ci_low', 'first_ci_high', 'total', 'total_ci_low', 'total_ci_high'];
    const rows = sorted.map((s) => [s.factor, s.first, s.firstCi.low, s.firstCi.high, s.total, s.totalCi.low, s.totalCi.high]);
    if (r.sobol.constant) return { stem: `sobol-${slug(r.metric)}-${slug(r.mode)}${r.stat === 'median' ? '-median' : ''}`, header, rows, text: `Sobol indices of ${r.metric} (${r.mode}): the output does not vary over the design (variance ${r.sobol.variance.toExponential(2)}), so there is no variance to attribute; every index is undefined.` };
    const text = [
      `Sobol indices of ${r.metric} (${r.mode}, ${r.stat} over replicates), Jansen estimators; ${r.sobol.samples} complete base samples, 95% bootstrap intervals (${r.resamples} resamples)`,
      table(['parameter', 'first order S', '95% interval', 'total ST', '95% interval'], sorted.map((s) => [s.factor, f(s.first), `[${f(s.firstCi.low)}, ${f(s.firstCi.high)}]`, f(s.total), `[${f(s.totalCi.low)}, ${f(s.totalCi.high)}]`])),
      `Sum of first-order indices ${f(r.sobol.indices.reduce((a, s) => a + s.first, 0), 3)} (1 − sum = the share of variance from interactions and seeds).`,
      r.censored ? `${r.censored} of ${r.used} runs had a censored ${r.metric.replace('saving:', '')} (entered at the horizon).` : '',
    ].filter(Boolean).join('\n');
    return { stem: `sobol-${slug(r.metric)}-${slug(r.mode)}${r.stat === 'median' ? '-median' : ''}`, header, rows, text };
  }
  const header = ['box', 'coverage', 'density', 'mass', 'cases', 'hits', 'parameter', 'low', 'high', 'low_restricted', 'high_restricted'];
  const rows: unknown[][] = [];
  const lines = [`PRIM: where ${r.condition} (${r.mode}; the ${r.stat} over each point's replicates); ${r.points} points, ${r.prim.hits} meet the condition; boxes with density ≥ ${r.threshold}`];
  r.prim.boxes.forEach((b, k) => {
    lines.push(`\nBox ${k + 1}: coverage ${f(b.coverage, 2)} (share of the points meeting the condition that are inside), density ${f(b.density, 2)} (share inside that meet it), mass ${f(b.mass, 2)}`);
    lines.push(b.limits.length ? table(['parameter', 'low', 'high'], b.limits.map((l) => [l.dimension, l.lowRestricted ? f(l.low) : '(any)', l.highRestricted ? f(l.high) : '(any)'])) : '  no restriction: the condition is spread over the whole space');
    for (const l of b.limits) rows.push([k + 1, b.coverage, b.density, b.mass, b.cases, b.hits, l.dimension, l.low, l.high, l.lowRestricted, l.highRestricted]);
    if (!b.limits.length) rows.push([k + 1, b.coverage, b.density, b.mass, b.cases, b.hits, '', '', '', '', '']);
  });
  if (!r.prim.boxes.length) lines.push('no box found');
  if (r.skipped.length) lines.push(`\nNot used (not numeric): ${r.skipped.join(', ')}`);
  return { stem: `prim-${slug(r.condition)}-${slug(r.mode)}${r.stat === 'median' ? '-median' : ''}`, header, rows, text: lines.join('\n') };
}
