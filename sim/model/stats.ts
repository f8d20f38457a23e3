/**
 * Summary statistics for runs: medians and 10–90% intervals, means with 95% CIs, and the paired
 * saving of a mode against the hierarchy with a seeded bootstrap CI (resampling seeds, so pairs stay
 * together) and a paired sign-flip permutation test. simple-statistics supplies the basics.
 */
import { mean, median, quantile, sampleStandardDeviation, tTest } from 'simple-statistics';
import { createRng } from '../rng.ts';

export interface Spread {
  n: number;
  median: number;
  p10: number;
  p90: number;
  mean: number;
  ci95: [number, number];
}

export function spread(values: number[]): Spread {
  const n = values.length;
  if (n === 0) return { n, median: NaN, p10: NaN, p90: NaN, mean: NaN, ci95: [NaN, NaN] };
  const m = mean(values);
  const half = n > 1 ? (1.96 * sampleStandardDeviation(values)) / Math.sqrt(n) : 0;
  return { n, median: median(values), p10: quantile(values, 0.1), p90: quantile(values, 0.9), mean: m, ci95: [m - half, m + half] };
}

export interface PairedSaving {
  /** 1 − median(mode) / median(reference). */
  saving: number;
  ci95: [number, number];
  /** Two-sided p-value of a paired sign-flip permutation test on the per-seed differences. */
  p: number;
  /** Paired t statistic on the differences (reference − mode). */
  t: number;
  pairs: number;
}

/** Saving of `mode` against `reference`, paired by index (same seed at the same position). */
export function pairedSaving(reference: number[], mode: number[], opts: { resamples?: number; seed?: number } = {}): PairedSaving {
  const n = Math.min(reference.length, mode.length);
  const saving = (idx: ArrayLike<number>) => {
    const r: number[] = [];
    const m: number[] = [];
    for (let k = 0; k < idx.length; k++) {
      r.push(reference[idx[k]]);
      m.push(mode[idx[k]]);
    }
    const mr = median(r);
    return mr > 0 ? 1 - median(m) / mr : 0;
  };
  const all = Array.from({ length: n }, (_, k) => k);
  const point = n ? saving(all) : NaN;
  const rng = createRng(opts.seed ?? 12345);
  const B = opts.resamples ?? 2000;
  const boots: number[] = [];
  const idx = new Int32Array(n);
  for (let b = 0; b < B && n > 1; b++) {
    for (let k = 0; k < n; k++) idx[k] = Math.floor(rng() * n);
    boots.push(saving(idx));
  }
  const diffs = all.map((k) => reference[k] - mode[k]);
  return {
    saving: point,
    ci95: boots.length ? [quantile(boots, 0.025), quantile(boots, 0.975)] : [point, point],
    p: signFlipTest(diffs, rng),
    t: n > 1 && sampleStandardDeviation(diffs) > 0 ? tTest(diffs, 0) : 0,
    pairs: n,
  };
}

/** Two-sided sign-flip permutation test of mean(diffs) = 0 (exact in distribution, seeded Monte Carlo). */
export function signFlipTest(diffs: number[], rng: () => number, permutations = 4000): number {
  const n = diffs.length;
  if (n === 0) return 1;
  const observed = Math.abs(diffs.reduce((a, b) => a + b, 0));
  if (observed === 0) return 1;
  let extreme = 0;
  for (let k = 0; k < permutations; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += rng() < 0.5 ? diffs[i] : -diffs[i];
    if (Math.abs(s) >= observed - 1e-12) extreme++;
  }
  return (extreme + 1) / (permutations + 1);
}
