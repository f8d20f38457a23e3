/**
 * Variance-based (Sobol) sensitivity indices: Saltelli's sampling (Saltelli 2002; Saltelli et al.
 * 2010) and Jansen's estimators (Jansen 1999), as recommended in Saltelli et al. 2010, Table 2.
 *
 * Design (sim/experiment/sampling.ts): per base sample j the rows A_j, A_B^(1)_j … A_B^(k)_j, B_j.
 * Analysis, with V the variance of all f(A) and f(B):
 *   first order  S_i  = 1 − E[(f(B) − f(A_B^(i)))²] / (2V)
 *   total        S_Ti = E[(f(A) − f(A_B^(i)))²] / (2V)
 * with bootstrap intervals over the N base samples. Platform-free.
 */
import { bootstrapIntervals, type Interval } from './bootstrap.ts';

export interface SobolIndex {
  factor: string;
  first: number;
  total: number;
  firstCi: Interval;
  totalCi: Interval;
}

export interface SobolResult {
  /** True when the output does not vary over the design (the indices are then undefined: NaN). */
  constant: boolean;
  indices: SobolIndex[];
  /** Base samples used (those with every one of their k + 2 outputs finite). */
  samples: number;
  variance: number;
}

/** Indices from the outputs y of a Saltelli design of k factors (in the design's row order). */
export function sobolIndices(names: string[], y: ArrayLike<number>, opts: { resamples?: number; seed?: string } = {}): SobolResult {
  const k = names.length;
  const stride = k + 2;
  if (y.length % stride !== 0) throw new Error(`a Sobol design of ${k} factors has a multiple of ${stride} outputs, not ${y.length}`);
  const all = y.length / stride;
  // Keep base samples whose every run has an output (a missing run would bias the differences).
  const kept: number[] = [];
  for (let j = 0; j < all; j++) {
    let ok = true;
    for (let s = 0; s < stride; s++) if (!Number.isFinite(y[j * stride + s])) ok = false;
    if (ok) kept.push(j);
  }
  const N = kept.length;
  const fA = new Float64Array(N);
  const fB = new Float64Array(N);
  const fAB = Array.from({ length: k }, () => new Float64Array(N));
  kept.forEach((j, n) => {
    fA[n] = y[j * stride];
    for (let i = 0; i < k; i++) fAB[i][n] = y[j * stride + 1 + i];
    fB[n] = y[j * stride + k + 1];
  });
  const estimate = (idx: ArrayLike<number> | null, out: Float64Array) => {
    const n = idx ? idx.length : N;
    // Two passes: a one-pass E[f²] − E[f]² cancels to noise (or below 0) for a near-constant output.
    let sum = 0;
    for (let m = 0; m < n; m++) {
      const j = idx ? idx[m] : m;
      sum += fA[j] + fB[j];
    }
    const mean = sum / (2 * n);
    let sq = 0;
    for (let m = 0; m < n; m++) {
      const j = idx ? idx[m] : m;
      sq += (fA[j] - mean) ** 2 + (fB[j] - mean) ** 2;
    }
    const v = sq / (2 * n);
    if (!(v > 1e-12 * Math.max(1, mean * mean))) {
      out.fill(NaN); // the output does not vary: no share of its variance to attribute
      return v;
    }
    for (let i = 0; i < k; i++) {
      let first = 0;
      let total = 0;
      const ab = fAB[i];
      for (let m = 0; m < n; m++) {
        const j = idx ? idx[m] : m;
        first += (fB[j] - ab[j]) ** 2;
        total += (fA[j] - ab[j]) ** 2;
      }
      out[2 * i] = 1 - first / n / (2 * v);
      out[2 * i + 1] = total / n / (2 * v);
    }
    return v;
  };
  const point = new Float64Array(2 * k);
  const variance = N > 1 ? estimate(null, point) : NaN;
  const intervals = N > 1 ? bootstrapIntervals(N, 2 * k, (idx, out) => void estimate(idx, out), { resamples: opts.resamples, seed: opts.seed ?? 'starling-sobol-bootstrap' }) : Array.from({ length: 2 * k }, () => ({ low: NaN, high: NaN }));
  return {
    constant: N > 1 && point.every((x) => Number.isNaN(x)),
    samples: N,
    variance,
    indices: names.map((factor, i) => ({ factor, first: N > 1 ? point[2 * i] : NaN, total: N > 1 ? point[2 * i + 1] : NaN, firstCi: intervals[2 * i], totalCi: intervals[2 * i + 1] })),
  };
}
