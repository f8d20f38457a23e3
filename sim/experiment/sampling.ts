/**
 * The unit-cube designs of the sensitivity analyses: Morris trajectories and Saltelli's matrices.
 * They decide which runs a sweep makes, so they live with the plan (the estimators that read the
 * results are in src/analysis/). Deterministic functions of the design's settings. Platform-free.
 *
 * Morris (1991): r trajectories on a p-level grid of the unit cube. Each starts at a random grid
 * point that leaves room for a step Δ = p / (2 (p − 1)) and moves one factor at a time, in a random
 * order, by +Δ or −Δ: k + 1 points per trajectory.
 *
 * Saltelli (2002; Saltelli et al. 2010): two N × k matrices A and B from one 2k-dimensional Sobol
 * sequence (the origin skipped); for each base sample j the rows A_j, A_B^(1)_j … A_B^(k)_j (A_j
 * with factor i taken from B_j) and B_j: N (k + 2) runs.
 */
import { createRng } from '../rng.ts';
import { sobolPoints, MAX_SOBOL_DIMENSIONS } from './sobolSequence.ts';

export interface MorrisDesign {
  trajectories: number;
  levels: number;
  seed: number;
}

/** The design's points in the unit cube: trajectories × (k + 1) rows of k coordinates. */
export function morrisSample(k: number, d: MorrisDesign): Float64Array[] {
  const { trajectories, levels } = d;
  const delta = levels / (2 * (levels - 1));
  const rng = createRng(`starling-morris/${d.seed}`);
  // Start levels from which +Δ stays inside [0, 1]: 0 … 1 − Δ on the grid j / (p − 1).
  const startLevels = Math.floor((1 - delta) * (levels - 1) + 1e-9) + 1;
  const rows: Float64Array[] = [];
  for (let t = 0; t < trajectories; t++) {
    const x = new Float64Array(k);
    const up = new Uint8Array(k);
    for (let i = 0; i < k; i++) {
      up[i] = rng() < 0.5 ? 1 : 0;
      const lo = Math.floor(rng() * startLevels) / (levels - 1);
      x[i] = up[i] ? lo : lo + delta; // a factor stepping down starts Δ above its low point
    }
    const order = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    rows.push(Float64Array.from(x));
    for (const i of order) {
      x[i] = up[i] ? x[i] + delta : x[i] - delta;
      rows.push(Float64Array.from(x));
    }
  }
  return rows;
}

export interface SobolDesign {
  samples: number;
  /** Points of the sequence skipped after the origin (another design from the same sequence). */
  skip: number;
}

export const MAX_SOBOL_FACTORS = Math.floor(MAX_SOBOL_DIMENSIONS / 2);

/** N (k + 2) rows in the unit cube, base sample by base sample: A, A_B^(1…k), B. */
export function saltelliSample(k: number, d: SobolDesign): Float64Array[] {
  if (k > MAX_SOBOL_FACTORS) throw new Error(`a Sobol design takes at most ${MAX_SOBOL_FACTORS} factors, not ${k}`);
  const base = sobolPoints(d.samples, 2 * k, 1 + d.skip);
  const rows: Float64Array[] = [];
  for (const p of base) {
    const a = p.subarray(0, k);
    const b = p.subarray(k, 2 * k);
    rows.push(Float64Array.from(a));
    for (let i = 0; i < k; i++) {
      const ab = Float64Array.from(a);
      ab[i] = b[i];
      rows.push(ab);
    }
    rows.push(Float64Array.from(b));
  }
  return rows;
}

