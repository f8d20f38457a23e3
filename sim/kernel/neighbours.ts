/**
 * Phase 1–2 of steering: sum each agent's neighbour influences into per-agent accumulators
 * (repulsion sum and count, alignment sum, attraction sum). Two interchangeable passes:
 *
 * - `accumulatePairs` (metric neighbourhoods, the common case): visits each pair once using a
 *   half-shell of cells (own cell forward, the next cell in the row, the three cells of the next row)
 *   and credits both agents — half the distance tests of a full 3×3 scan. Field of view, affinity and
 *   the zones are still applied per direction, so the result equals the full scan up to rounding.
 *   It walks cell by cell, so a cell's agents share the ranges of the cells ahead, and the field of
 *   view enters as 0/1 weights rather than branches (see docs/performance.md for what each gained).
 * - `accumulateFull` (topological k-nearest, or worlds fewer than 3 cells wide where the half-shell
 *   would visit a pair twice): every agent scans its whole 3×3 block.
 *
 * Both read positions and headings only; allocation-free.
 */
import type { Flock } from './flock.ts';
import { kD2, kIdx, offer, sumNearest } from './nearest.ts';
import * as dmath from '../math.ts';

/**
 * Per-agent accumulators, interleaved 8 to an agent (one 64-byte cache line): the pair pass credits
 * the far agent j too, and one line per j instead of seven separate arrays is measurably faster.
 */
export const ACC_STRIDE = 8;
export const REP_X = 0, REP_Y = 1, ALI_X = 2, ALI_Y = 3, COH_X = 4, COH_Y = 5, N_REP = 6;

export class Accumulators {
  readonly buf: Float64Array;
  constructor(n: number) {
    this.buf = new Float64Array(n * ACC_STRIDE);
  }
  clear(): void {
    this.buf.fill(0);
  }
}

const ranges = new Int32Array(32);

/**
 * Append the slot ranges of columns c0..c1 of one grid row (wrapped on a torus or folded open space,
 * clipped at reflecting walls). Cells of a row are contiguous after the counting sort, so each
 * unwrapped run of columns is a single range. Returns the new range count.
 */
function addColumns(cellStart: Int32Array, base: number, c0: number, c1: number, nx: number, reflect: boolean, nr: number): number {
  if (reflect) {
    if (c0 < 0) c0 = 0;
    if (c1 > nx - 1) c1 = nx - 1;
    if (c0 > c1) return nr;
    ranges[nr] = cellStart[base + c0];
    ranges[nr + 1] = cellStart[base + c1 + 1];
    return nr + 2;
  }
  if (c0 < 0) {
    ranges[nr] = cellStart[base + nx + c0];
    ranges[nr + 1] = cellStart[base + nx];
    nr += 2;
    c0 = 0;
  }
  if (c1 >= nx) {
    ranges[nr] = cellStart[base];
    ranges[nr + 1] = cellStart[base + c1 - nx + 1];
    nr += 2;
    c1 = nx - 1;
  }
  ranges[nr] = cellStart[base + c0];
  ranges[nr + 1] = cellStart[base + c1 + 1];
  return nr + 2;
}

export function accumulatePairs(f: Flock, acc: Accumulators): void {
  const p = f.params;
  const { x, y, hx, hy, group, affinity, groups, grid } = f;
  const buf = acc.buf;
  const wrap = p.boundary === 'torus';
  const reflect = p.boundary === 'reflect';
  const w = p.width, h = p.height, halfW = w / 2, halfH = h / 2;
  const rRep2 = p.rRep * p.rRep, rAli2 = p.rAli * p.rAli, rAtt2 = p.rAtt * p.rAtt;
  const rMax2 = Math.max(rRep2, rAli2, rAtt2);
  const limitFov = p.fov < 360;
  const cosHalfFov = dmath.cos((p.fov * Math.PI) / 360);
  const oneGroup = groups === 1;
  const a1 = affinity[0];
  const { nx, ny, cellStart } = grid;
  const reach = f.reach;
  const cells = nx * ny;
  acc.clear();

  // Cell by cell (slot order after the counting sort): the agents of a cell share the ranges of the
  // cells ahead, so those are set up once per occupied cell.
  for (let cell = 0; cell < cells; cell++) {
    const first = cellStart[cell];
    const end = cellStart[cell + 1];
    if (first === end) continue;
    const cy = (cell / nx) | 0;
    const cx = cell - cy * nx;
    // Forward half-shell as slot ranges: the next `reach` cells of the row, then the next `reach`
    // rows, columns cx−reach..cx+reach (split where the torus wraps); the rest of the own cell is
    // prepended per agent. A range that starts where the own cell ends is merged into it.
    let nr = addColumns(cellStart, cy * nx, cx + 1, cx + reach, nx, reflect, 2);
    for (let k = 1; k <= reach; k++) {
      let row = cy + k;
      if (row >= ny) {
        if (reflect) break;
        row -= ny;
      }
      nr = addColumns(cellStart, row * nx, cx - reach, cx + reach, nx, reflect, nr);
    }
    ranges[1] = end;
    const q0 = nr > 2 && ranges[2] === end ? 2 : 0;
    const seam = wrap && (cx < reach || cx >= nx - reach || cy >= ny - reach);

    for (let i = first; i < end; i++) {
      const xi = x[i], yi = y[i], hxi = hx[i], hyi = hy[i];
      const gi = group[i];
      let rxi = 0, ryi = 0, nri = 0, axi = 0, ayi = 0, cxi = 0, cyi = 0;
      ranges[q0] = i + 1;

      // Visit pairs (i, j) once and credit both sides. Only agents in the last column or row can
      // have a forward neighbour across the torus seam, so only they pay for the wrap test.
      for (let q = q0; q < nr; q += 2) {
        const to = ranges[q + 1];
        for (let j = ranges[q]; j < to; j++) {
          let dx = x[j] - xi;
          let dy = y[j] - yi;
          if (seam) {
            if (dx > halfW) dx -= w; else if (dx < -halfW) dx += w;
            if (dy > halfH) dy -= h; else if (dy < -halfH) dy += h;
          }
          const d2 = dx * dx + dy * dy;
          if (d2 > rMax2 || d2 === 0) continue;
          const inv = 1 / Math.sqrt(d2);
          const ux = dx * inv, uy = dy * inv;
          const hxj = hx[j], hyj = hy[j];
          // Field of view as 0/1 weights, not branches: whether a neighbour is in view is a coin flip
          // for the branch predictor (x·1 and x + 0·y are exact, so the sums are unchanged).
          const si = limitFov ? Number(ux * hxi + uy * hyi >= cosHalfFov) : 1;
          const sj = limitFov ? Number(-(ux * hxj + uy * hyj) >= cosHalfFov) : 1;
          const o = j * 8;
          if (d2 < rRep2) {
            rxi -= si * ux; ryi -= si * uy; nri += si;
            buf[o] += sj * ux; buf[o + 1] += sj * uy; buf[o + 6] += sj;
            continue;
          }
          let aij = a1, aji = a1;
          if (!oneGroup) {
            const gj = group[j];
            aij = affinity[gi * groups + gj];
            aji = affinity[gj * groups + gi];
          }
          aij *= si;
          aji *= sj;
          if (d2 <= rAli2) {
            axi += aij * hxj; ayi += aij * hyj;
            buf[o + 2] += aji * hxi; buf[o + 3] += aji * hyi;
          }
          if (d2 <= rAtt2) {
            cxi += aij * ux; cyi += aij * uy;
            buf[o + 4] -= aji * ux; buf[o + 5] -= aji * uy;
          }
        }
      }
      const o = i * 8;
      buf[o] += rxi; buf[o + 1] += ryi; buf[o + 2] += axi; buf[o + 3] += ayi;
      buf[o + 4] += cxi; buf[o + 5] += cyi; buf[o + 6] += nri;
    }
  }
}

const runs = new Int32Array(4);
const rowList = new Int32Array(3);

/** Full 3×3 scan per agent; supports the topological (k nearest) neighbourhood. */
export function accumulateFull(f: Flock, acc: Accumulators): void {
  const p = f.params;
  const n = f.n;
  const { x, y, hx, hy, group, affinity, groups, grid } = f;
  const buf = acc.buf;
  const wrap = p.boundary === 'torus';
  const w = p.width, h = p.height, halfW = w / 2, halfH = h / 2;
  const rRep2 = p.rRep * p.rRep, rAli2 = p.rAli * p.rAli, rAtt2 = p.rAtt * p.rAtt;
  const rMax2 = Math.max(rRep2, rAli2, rAtt2);
  const limitFov = p.fov < 360;
  const cosHalfFov = dmath.cos((p.fov * Math.PI) / 360);
  const topoK = p.topologicalK;
  const { nx, cellStart, cellOf, perm } = grid;

  for (let i = 0; i < n; i++) {
    const xi = x[i], yi = y[i], hxi = hx[i], hyi = hy[i];
    const gi = group[i] * groups;
    const cell = cellOf[perm[i]];
    const cy = (cell / nx) | 0;
    grid.columnRuns(cell - cy * nx, runs);
    const nRows = grid.rows(cy, rowList);
    // Sum the neighbours in range and in view: all of them, or the k nearest (collected, then summed).
    let count = 0;
    let rx = 0, ry = 0, nr = 0, ax = 0, ay = 0, cx = 0, cy2 = 0;
    for (let r = 0; r < nRows; r++) {
      const base = rowList[r] * nx;
      for (let run = 0; run < 4; run += 2) {
        if (runs[run] > runs[run + 1]) continue;
        const end = cellStart[base + runs[run + 1] + 1];
        for (let j = cellStart[base + runs[run]]; j < end; j++) {
          if (j === i) continue;
          let dx = x[j] - xi;
          let dy = y[j] - yi;
          if (wrap) {
            if (dx > halfW) dx -= w; else if (dx < -halfW) dx += w;
            if (dy > halfH) dy -= h; else if (dy < -halfH) dy += h;
          }
          const d2 = dx * dx + dy * dy;
          if (d2 > rMax2 || d2 === 0) continue;
          if (limitFov && dx * hxi + dy * hyi < cosHalfFov * Math.sqrt(d2)) continue;
          if (topoK > 0) {
            count = offer(j, d2, count, topoK); // the k nearest, summed below in nearest.ts's order
            continue;
          }
          const d = Math.sqrt(d2);
          if (d2 < rRep2) { rx -= dx / d; ry -= dy / d; nr++; }
          else {
            const a = affinity[gi + group[j]];
            if (d2 <= rAli2) { ax += a * hx[j]; ay += a * hy[j]; }
            if (d2 <= rAtt2) { cx += (a * dx) / d; cy2 += (a * dy) / d; }
          }
        }
      }
    }
    if (topoK > 0) {
      sumNearest(f, i, count, buf, kIdx, kD2, 0);
      continue;
    }
    const o = i * 8;
    buf[o] = rx; buf[o + 1] = ry; buf[o + 2] = ax; buf[o + 3] = ay;
    buf[o + 4] = cx; buf[o + 5] = cy2; buf[o + 6] = nr;
  }
}
