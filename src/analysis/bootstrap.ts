/**
 * Percentile bootstrap over independent units (Morris trajectories, Saltelli base samples, PRIM
 * cases): resample unit indices with replacement, recompute the statistic, take the 2.5 % and
 * 97.5 % quantiles. Seeded, so the same data give the same interval. Platform-free.
 */
import { createRng } from '../../sim/rng.ts';

export interface Interval {
  low: number;
  high: number;
}

/**
 * `statistic(indices)` is evaluated on `resamples` draws of `units` indices with replacement; the
 * returned intervals (one per output of the statistic) are the 95 % percentile intervals.
 */
export function bootstrapIntervals(units: number, outputs: number, statistic: (indices: Uint32Array, out: Float64Array) => void, opts: { resamples?: number; seed?: string; level?: number } = {}): Interval[] {
  const resamples = opts.resamples ?? 1000;
  const level = opts.level ?? 0.95;
  const rng = createRng(opts.seed ?? 'starling-bootstrap');
  const draws = Array.from({ length: outputs }, () => new Float64Array(resamples));
  const indices = new Uint32Array(units);
  const out = new Float64Array(outputs);
  for (let b = 0; b < resamples; b++) {
    for (let u = 0; u < units; u++) indices[u] = Math.floor(rng() * units);
    statistic(indices, out);
    for (let k = 0; k < outputs; k++) draws[k][b] = out[k];
  }
  const lo = (1 - level) / 2;
  return draws.map((d) => {
    const finite = d.filter(Number.isFinite).sort();
    if (finite.length === 0) return { low: NaN, high: NaN };
    return { low: quantile(finite, lo), high: quantile(finite, 1 - lo) };
  });
}

/** Linear-interpolation quantile of sorted values (type 7, as R and NumPy default). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const i = Math.floor(h);
  const j = Math.min(sorted.length - 1, i + 1);
  return sorted[i] + (h - i) * (sorted[j] - sorted[i]);
}
