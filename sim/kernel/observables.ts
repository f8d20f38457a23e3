/**
 * Collective observables of a flock (spec sections 3 and 8). None allocates except through the
 * caller-supplied `out` objects, so they can run every tick.
 */
import type { Flock } from './flock.ts';
import * as dmath from '../math.ts';

/**
 * A subset of the flock (e.g. one team): the first `count` entries of `slots` are kernel slot indices.
 * Every observable below takes one optionally; without it, it covers the whole flock.
 */
export interface Members {
  slots: Int32Array;
  count: number;
}

/** Order parameter v_a = |Σ h_i| / N (1 = all aligned; ≈ √π/(2√N) for random headings). */
export function polarisation(f: Flock, members?: Members): number {
  let sx = 0;
  let sy = 0;
  const { hx, hy } = f;
  const n = members ? members.count : f.n;
  for (let k = 0; k < n; k++) {
    const i = members ? members.slots[k] : k;
    sx += hx[i];
    sy += hy[i];
  }
  return n > 0 ? Math.sqrt(sx * sx + sy * sy) / n : NaN;
}

/** Direction of the mean heading, radians in (−π, π]. */
export function groupHeading(f: Flock): number {
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < f.n; i++) {
    sx += f.hx[i];
    sy += f.hy[i];
  }
  return dmath.atan2(sy, sx);
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Group centroid. On a torus the arithmetic mean is meaningless across the seam, so each axis uses the
 * circular mean (angle of Σ e^{i·2πx/L}).
 */
export function centroid(f: Flock, out: Point = { x: 0, y: 0 }, members?: Members): Point {
  const { x, y } = f;
  const n = members ? members.count : f.n;
  const { width: w, height: h, boundary } = f.params;
  if (boundary === 'torus') {
    let cxs = 0, cxc = 0, cys = 0, cyc = 0;
    const kx = (2 * Math.PI) / w;
    const ky = (2 * Math.PI) / h;
    for (let k = 0; k < n; k++) {
      const i = members ? members.slots[k] : k;
      cxs += dmath.sin(kx * x[i]); cxc += dmath.cos(kx * x[i]);
      cys += dmath.sin(ky * y[i]); cyc += dmath.cos(ky * y[i]);
    }
    out.x = ((dmath.atan2(cxs, cxc) / kx) + w) % w;
    out.y = ((dmath.atan2(cys, cyc) / ky) + h) % h;
    return out;
  }
  let sx = 0;
  let sy = 0;
  for (let k = 0; k < n; k++) {
    const i = members ? members.slots[k] : k;
    sx += x[i];
    sy += y[i];
  }
  out.x = sx / n;
  out.y = sy / n;
  return out;
}

const scratch: Point = { x: 0, y: 0 };

/** Milling (angular momentum) |Σ unit(x_i − c) × h_i| / N: 1 for a perfect mill around the centroid. */
export function milling(f: Flock, members?: Members): number {
  const c = centroid(f, scratch, members);
  const { x, y, hx, hy } = f;
  const n = members ? members.count : f.n;
  const { width: w, height: h, boundary } = f.params;
  let m = 0;
  for (let k = 0; k < n; k++) {
    const i = members ? members.slots[k] : k;
    let rx = x[i] - c.x;
    let ry = y[i] - c.y;
    if (boundary === 'torus') {
      if (rx > w / 2) rx -= w; else if (rx < -w / 2) rx += w;
      if (ry > h / 2) ry -= h; else if (ry < -h / 2) ry += h;
    }
    const r = Math.sqrt(rx * rx + ry * ry);
    if (r > 1e-12) m += (rx * hy[i] - ry * hx[i]) / r;
  }
  return n > 0 ? Math.abs(m) / n : NaN;
}

/**
 * Mean distance to the nearest neighbour. Uses the grid where possible: the nearest agent within the
 * scanned block is exact once it is closer than the block's guaranteed reach; otherwise falls back to
 * a scan of everyone (rare: isolated agents).
 */
export function meanNearestNeighbourDistance(f: Flock): number {
  const { x, y, n } = f;
  if (n < 2) return NaN;
  const { width: w, height: h, boundary } = f.params;
  const torus = boundary === 'torus';
  const grid = f.grid;
  grid.build(x, y, n); // the grid's cell order is in terms of current slots after this call
  const { nx, cellStart, perm } = grid;
  const reachCells = 2;
  const guaranteed = Math.min(grid.cellW, grid.cellH) * reachCells;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const cx = grid.col(x[i]);
    const cy = grid.row(y[i]);
    let best = Infinity;
    for (let dy = -reachCells; dy <= reachCells; dy++) {
      let r = cy + dy;
      if (r < 0 || r >= grid.ny) {
        if (boundary === 'reflect') continue;
        r = ((r % grid.ny) + grid.ny) % grid.ny;
      }
      for (let dx = -reachCells; dx <= reachCells; dx++) {
        let c = cx + dx;
        if (c < 0 || c >= nx) {
          if (boundary === 'reflect') continue;
          c = ((c % nx) + nx) % nx;
        }
        const cell = r * nx + c;
        for (let k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
          const j = perm[k];
          if (j !== i) best = Math.min(best, dist2(x[i] - x[j], y[i] - y[j], torus, w, h));
        }
      }
    }
    if (!(Math.sqrt(best) <= guaranteed)) {
      for (let j = 0; j < n; j++) if (j !== i) best = Math.min(best, dist2(x[i] - x[j], y[i] - y[j], torus, w, h));
    }
    total += Math.sqrt(best);
  }
  return total / n;
}

function dist2(dx: number, dy: number, torus: boolean, w: number, h: number): number {
  if (torus) {
    if (dx > w / 2) dx -= w; else if (dx < -w / 2) dx += w;
    if (dy > h / 2) dy -= h; else if (dy < -h / 2) dy += h;
  }
  return dx * dx + dy * dy;
}
