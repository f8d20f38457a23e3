/**
 * Morris's elementary effects (Morris 1991) with Campolongo, Cariboni & Saltelli's μ* (2007).
 *
 * The design (sim/experiment/sampling.ts): r trajectories of k + 1 points on a p-level grid, one
 * factor moved by ±Δ per step. Analysis: the elementary effect of
 * factor i on trajectory t is (y(after) − y(before)) / (±Δ); μ is their mean, μ* the mean of their
 * absolute values, σ their standard deviation, each with a bootstrap interval over trajectories.
 * Effects are per unit of the factor's sampled range (the unit cube), so factors are comparable.
 * Platform-free.
 */
import { bootstrapIntervals, type Interval } from './bootstrap.ts';

export interface MorrisIndex {
  factor: string;
  mu: number;
  muStar: number;
  sigma: number;
  muStarCi: Interval;
  sigmaCi: Interval;
  /** Trajectories whose effect of this factor could be computed (the output was finite at both ends). */
  effects: number;
}

/**
 * Indices from the design's unit-cube rows and the output y at each row (NaN = missing run).
 * Rows must come in the design's order (trajectory by trajectory).
 */
export function morrisIndices(names: string[], rows: ArrayLike<number>[], y: ArrayLike<number>, opts: { resamples?: number; seed?: string } = {}): MorrisIndex[] {
  const k = names.length;
  if (rows.length % (k + 1) !== 0) throw new Error(`a Morris design of ${k} factors has a multiple of ${k + 1} rows, not ${rows.length}`);
  const T = rows.length / (k + 1);
  // ee[i][t]: the effect of factor i on trajectory t (NaN when a run is missing).
  const ee = Array.from({ length: k }, () => new Float64Array(T).fill(NaN));
  for (let t = 0; t < T; t++) {
    for (let s = 0; s < k; s++) {
      const a = t * (k + 1) + s;
      const b = a + 1;
      let factor = -1;
      let step = 0;
      for (let i = 0; i < k; i++) {
        const dx = rows[b][i] - rows[a][i];
        if (Math.abs(dx) > 1e-12) {
          factor = i;
          step = dx;
        }
      }
      if (factor < 0) throw new Error(`rows ${a} and ${b} of the Morris design do not differ in one factor`);
      ee[factor][t] = (y[b] - y[a]) / step;
    }
  }
  const stats = (e: Float64Array, idx: ArrayLike<number> | null): [number, number, number] => {
    let n = 0;
    let sum = 0;
    let abs = 0;
    const len = idx ? idx.length : e.length;
    for (let j = 0; j < len; j++) {
      const v = e[idx ? idx[j] : j];
      if (!Number.isFinite(v)) continue;
      n++;
      sum += v;
      abs += Math.abs(v);
    }
    if (n === 0) return [NaN, NaN, NaN];
    const mean = sum / n;
    let sq = 0; // second pass: no cancellation when the effects are nearly equal
    for (let j = 0; j < len; j++) {
      const v = e[idx ? idx[j] : j];
      if (Number.isFinite(v)) sq += (v - mean) ** 2;
    }
    return [mean, abs / n, n > 1 ? Math.sqrt(sq / (n - 1)) : NaN];
  };
  const intervals = bootstrapIntervals(T, 2 * k, (idx, out) => {
    for (let i = 0; i < k; i++) {
      const [, muStar, sigma] = stats(ee[i], idx);
      out[2 * i] = muStar;
      out[2 * i + 1] = sigma;
    }
  }, { resamples: opts.resamples, seed: opts.seed ?? 'starling-morris-bootstrap' });
  return names.map((factor, i) => {
    const [mu, muStar, sigma] = stats(ee[i], null);
    return { factor, mu, muStar, sigma, muStarCi: intervals[2 * i], sigmaCi: intervals[2 * i + 1], effects: ee[i].filter(Number.isFinite).length };
  });
}
