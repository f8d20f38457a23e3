/**
 * The k nearest neighbours of one agent, as both topological passes collect and sum them (the ring
 * search in topological.ts, the full 3×3 scan in neighbours.ts): one sorted buffer, one insertion
 * rule and one summation, so the two give the same neighbourhood and the same sums bit for bit.
 *
 * Order: by squared distance, ties to the lower slot — whatever order candidates arrive in, the set
 * and its order are the same (as in the O(N²) reference, test/helpers/referenceKernel.ts).
 */
import type { Flock } from './flock.ts';

/** Squared distances and slots of the nearest so far (k ≤ 64, the kernel's limit). */
export const kD2 = new Float64Array(65);
export const kIdx = new Int32Array(65);

/** Offer candidate j at squared distance d2 to the buffer holding `count` of at most k; returns the new count. */
export function offer(j: number, d2: number, count: number, k: number): number {
  if (count === k && (d2 > kD2[k - 1] || (d2 === kD2[k - 1] && j > kIdx[k - 1]))) return count;
  let pos = count < k ? count++ : k - 1;
  while (pos > 0 && (kD2[pos - 1] > d2 || (kD2[pos - 1] === d2 && kIdx[pos - 1] > j))) {
    kD2[pos] = kD2[pos - 1];
    kIdx[pos] = kIdx[pos - 1];
    pos--;
  }
  kD2[pos] = d2;
  kIdx[pos] = j;
  return count;
}

/**
 * Agent i's zone sums over `count` nearest in their order — slots idx[at…] at squared distances
 * d2s[at…] (the buffer above, or the WebAssembly search's list for i) — written to the accumulators
 * (see neighbours.ts): repulsion if anyone is inside r_rep, else alignment and attraction weighted by
 * affinity.
 */
export function sumNearest(f: Flock, i: number, count: number, buf: Float64Array, idx: Int32Array, d2s: Float64Array, at: number): void {
  const p = f.params;
  const { x, y, hx, hy, group, affinity, groups } = f;
  const wrap = p.boundary === 'torus';
  const w = p.width, h = p.height, halfW = w / 2, halfH = h / 2;
  const rRep2 = p.rRep * p.rRep, rAli2 = p.rAli * p.rAli, rAtt2 = p.rAtt * p.rAtt;
  const xi = x[i], yi = y[i];
  const gi = group[i] * groups;
  let rx = 0, ry = 0, nr = 0, ax = 0, ay = 0, sx = 0, sy = 0;
  for (let q = at, end = at + count; q < end; q++) {
    const j = idx[q];
    const d2 = d2s[q];
    let dx = x[j] - xi;
    let dy = y[j] - yi;
    if (wrap) {
      if (dx > halfW) dx -= w; else if (dx < -halfW) dx += w;
      if (dy > halfH) dy -= h; else if (dy < -halfH) dy += h;
    }
    const d = Math.sqrt(d2);
    if (d2 < rRep2) { rx -= dx / d; ry -= dy / d; nr++; }
    else {
      const a = affinity[gi + group[j]];
      if (d2 <= rAli2) { ax += a * hx[j]; ay += a * hy[j]; }
      if (d2 <= rAtt2) { sx += (a * dx) / d; sy += (a * dy) / d; }
    }
  }
  const o = i * 8;
  buf[o] = rx; buf[o + 1] = ry; buf[o + 2] = ax; buf[o + 3] = ay;
  buf[o + 4] = sx; buf[o + 5] = sy; buf[o + 6] = nr;
}
