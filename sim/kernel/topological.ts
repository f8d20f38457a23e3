/**
 * Topological neighbourhoods (Ballerini et al. 2008: a starling attends to its ~7 nearest neighbours,
 * whatever the density) found in O(k) per agent: a ring search outwards on a fine grid of its own that
 * stops once the k-th nearest is closer than anything not yet searched.
 *
 * Why a second grid: the flock's sorting grid has cells one interaction radius wide, and a crowd
 * around a firm's home packs hundreds of people into each of them, so scanning its 3×3 block costs
 * O(local density) per agent — the cost per person grew with headcount. The search grid's cell is
 * sized from the crowding the agents saw last step (`nextCellSize`), so a typical agent finds its k
 * nearest in one or two rings of a few cells each, at any headcount. Crowds fill a small part of a
 * big space, so cells that fine would be mostly empty: the cells are folded (column and row modulo a
 * power of two) onto a table of about four buckets per agent, so memory and sorting cost follow the
 * agents, not the space, and neighbouring cells stay neighbouring buckets; each agent keeps its true
 * cell, so a bucket shared by two cells is never read as the wrong one. Someone away from the crowds
 * (still short of k after a few rings) scans the flock grid's 3×3 block instead, which is small there.
 *
 * The neighbourhood is the k nearest in view and within the largest zone radius, ordered by distance
 * with ties broken by slot, and the sums are taken in that order: the same set and the same sums
 * whatever the search grid's cell size, so the adaptation is a speed choice and never changes a
 * result (test/kernel.test.ts checks against the O(N²) reference and across cell sizes).
 * Reflecting walls and the torus only; open space keeps the full scan (its folded table has no
 * distance guarantee per ring). Allocation-free. Where WebAssembly runs, the search and its sums run in
 * wasm/assembly/ring.ts (wasmRing.ts), with the same results bit for bit (test/wasmRing.test.ts); the
 * JavaScript below is the fallback and the reference it is checked against.
 */
import type { Flock } from './flock.ts';
import { accumulateFull, type Accumulators } from './neighbours.ts';
import { kD2, kIdx, offer, sumNearest } from './nearest.ts';
import { ringLayoutFor, wasmFindNearest, wasmRingReruns } from './wasmRing.ts';
import * as dmath from '../math.ts';

/** Agents per search cell the adaptation aims at, as seen by a typical agent (2.5, 5 and 12 measured no faster; docs/performance.md). */
const TARGET_OCCUPANCY = 8;
/** Search cells per side of the largest radius at the finest and the coarsest. */
const FINEST = 64;
const COARSEST = 1;

/**
 * Rings of fine cells walked before an agent short of neighbours falls back to the block scan (4, 6
 * and 8 measured the same in JavaScript; 8 is 4–12 % faster with the WebAssembly search at 10k and 50k
 * people, where 4 left 1–8 % of people to the JavaScript block scan: docs/performance.md).
 */
const MAX_FINE_RINGS = 8;

const runs = new Int32Array(4);
/** Row segments of one ring: (start, end, row, first column, last column); at most 8 per row. */
const segs = new Int32Array(5 * 8 * (2 * FINEST + 1));
const rowList = new Int32Array(3);

export class TopologicalSearch {
  /** The cell size asked for this step (rounded so whole cells tile the space). */
  cellSize: number;
  private readonly radius: number;
  // The folded grid: the true cell of each slot, buckets by counting sort, slots in bucket order.
  nx = 1;
  ny = 1;
  cellW = 1;
  cellH = 1;
  /** The bucket table is side × side; a cell's bucket is its column and row folded modulo side. */
  readonly side: number;
  readonly mask: number;
  readonly cellX: Int32Array;
  readonly cellY: Int32Array;
  private readonly bucketOf: Int32Array;
  readonly bucketStart: Int32Array;
  private readonly cursor: Int32Array;
  readonly perm: Int32Array;
  /** Positions and true cell keys in bucket order, so the candidate loop streams through memory. */
  readonly bx: Float64Array;
  readonly by: Float64Array;
  readonly bcx: Int32Array;
  readonly bcy: Int32Array;
  /** Whether the WebAssembly search runs (the same results as the JavaScript one, wasmRing.ts). */
  useWasm: boolean;
  /** How many agents the rings left to the block scan in the last search. */
  unsettled = 0;
  /** How many agents the last WebAssembly search searched twice (last step's bound too tight). */
  reruns = 0;
  /**
   * By agent id: the squared distance to its k-th nearest found last step (+∞ if none), from which the
   * WebAssembly search takes its first bound (wasm/assembly/ring.ts; a speed choice, never a result).
   */
  readonly kth: Float64Array;

  constructor(f: Flock, useWasm: boolean) {
    const p = f.params;
    this.radius = Math.max(p.rRep, p.rAli, p.rAtt);
    this.cellSize = this.radius / 2;
    const n = f.n;
    let side = 8;
    while (side * side < 4 * n) side *= 2;
    this.side = side;
    this.mask = side - 1;
    const buckets = side * side;
    this.cellX = new Int32Array(n);
    this.cellY = new Int32Array(n);
    this.bucketOf = new Int32Array(n);
    this.perm = new Int32Array(n);
    this.bx = new Float64Array(n);
    this.by = new Float64Array(n);
    this.bcx = new Int32Array(n);
    this.bcy = new Int32Array(n);
    this.kth = new Float64Array(n).fill(Infinity);
    this.bucketStart = new Int32Array(buckets + 1);
    this.cursor = new Int32Array(buckets);
    this.useWasm = useWasm;
  }

  /** Whether the ring search can serve this flock (else the full 3×3 scan runs). */
  static usable(f: Flock): boolean {
    const p = f.params;
    return p.topologicalK > 0 && p.boundary !== 'open' && Math.max(p.rRep, p.rAli, p.rAtt) > 0;
  }

  /** Every agent's zone sums over its k nearest; returns the accumulators holding them. */
  accumulate(f: Flock, acc: Accumulators): Float64Array {
    const p = f.params;
    // Whole cells tile the space (cells at least the asked size; at most 2^24 per side).
    this.nx = Math.max(1, Math.min(1 << 24, Math.floor(p.width / this.cellSize)));
    this.ny = Math.max(1, Math.min(1 << 24, Math.floor(p.height / this.cellSize)));
    this.cellW = p.width / this.nx;
    this.cellH = p.height / this.ny;
    const step = Math.min(this.cellW, this.cellH);
    if (p.boundary === 'torus' && 2 * Math.ceil(this.radius / step) + 1 > Math.min(this.nx, this.ny)) {
      // A torus too few cells across for the rings to reach the radius without meeting themselves:
      // the full scan gives the same neighbourhood (same order, same ties).
      accumulateFull(f, acc);
      return acc.buf;
    }
    this.build(f.x, f.y, f.n);
    const sums = this.findAndSum(f, acc.buf);
    this.cellSize = this.nextCellSize(f.n);
    return sums;
  }

  private bucket(cx: number, cy: number): number {
    return (cy & this.mask) * this.side + (cx & this.mask);
  }

  /** True cell and bucket of every slot, then a stable counting sort of the slots by bucket. */
  private build(x: Float64Array, y: Float64Array, n: number): void {
    const { cellX, cellY, bucketOf, bucketStart, cursor, perm, nx, ny, cellW, cellH } = this;
    const buckets = this.side * this.side;
    bucketStart.fill(0);
    for (let i = 0; i < n; i++) {
      let cx = Math.floor(x[i] / cellW);
      let cy = Math.floor(y[i] / cellH);
      cx = cx < 0 ? 0 : cx >= nx ? nx - 1 : cx;
      cy = cy < 0 ? 0 : cy >= ny ? ny - 1 : cy;
      cellX[i] = cx;
      cellY[i] = cy;
      const b = this.bucket(cx, cy);
      bucketOf[i] = b;
      bucketStart[b + 1]++;
    }
    for (let b = 0; b < buckets; b++) bucketStart[b + 1] += bucketStart[b];
    for (let b = 0; b < buckets; b++) cursor[b] = bucketStart[b];
    for (let i = 0; i < n; i++) perm[cursor[bucketOf[i]]++] = i;
    const { bx, by, bcx, bcy } = this;
    for (let q = 0; q < n; q++) {
      const i = perm[q];
      bx[q] = x[i];
      by[q] = y[i];
      bcx[q] = cellX[i];
      bcy[q] = cellY[i];
    }
  }

  /**
   * Next step's cell size: scale this one by √(target / occupancy), where occupancy is the number of
   * agents sharing an agent's bucket averaged over agents (what a search actually pays for).
   */
  private nextCellSize(n: number): number {
    const size = this.cellSize;
    if (n === 0) return size;
    const { bucketOf, bucketStart } = this;
    let seen = 0;
    for (let i = 0; i < n; i++) {
      const b = bucketOf[i];
      seen += bucketStart[b + 1] - bucketStart[b];
    }
    let next = Math.min(this.cellW, this.cellH) * Math.sqrt(TARGET_OCCUPANCY / (seen / n));
    if (next < this.radius / FINEST) next = this.radius / FINEST;
    if (next > this.radius / COARSEST) next = this.radius / COARSEST;
    // Move in whole steps of 2^(1/4) so a jittering crowd does not resize the grid every step.
    const q = Math.round(4 * Math.log2(next / size));
    return q === 0 ? size : size * Math.pow(2, q / 4);
  }

  /** Every agent's k nearest (ring search, else the block scan), summed into the accumulators. */
  findAndSum(f: Flock, buf: Float64Array): Float64Array {
    const p = f.params;
    const n = f.n;
    const { x, y, hx, hy } = f;
    const wrap = p.boundary === 'torus';
    const w = p.width, h = p.height;
    const radius = this.radius;
    const rMax2 = radius * radius;
    const limitFov = p.fov < 360;
    const cosHalfFov = dmath.cos((p.fov * Math.PI) / 360);
    const k = p.topologicalK;
    const { cellX, cellY, perm } = this;
    const step = Math.min(this.cellW, this.cellH);
    // Rings needed to cover the radius (accumulate() made sure a torus has room for them).
    const maxRing = Math.ceil(radius / step);
    // Rings to walk before handing over to the block scan (all of them when the fine cells are coarse).
    const fineRings = Math.min(maxRing, MAX_FINE_RINGS);

    if (this.useWasm) {
      // The same search and sums in WebAssembly (wasmRing.ts); agents the rings left unsettled are
      // summed here, into the same accumulators, from the block scan.
      const l = ringLayoutFor(n, f.groups, this.side * this.side);
      l.bx.set(this.bx); l.by.set(this.by); l.bcx.set(this.bcx); l.bcy.set(this.bcy); l.perm.set(perm);
      l.x.set(x); l.y.set(y); l.hx.set(hx); l.hy.set(hy); l.group.set(f.group); l.affinity.set(f.affinity);
      l.bucketStart.set(this.bucketStart); l.id.set(f.id); l.kth.set(this.kth);
      // Two agents part by at most twice a step's travel (a little more, for rounding).
      const slack = 2 * p.speed * p.dt * (1 + 1e-9) + 1e-12 * radius;
      const unsettled = wasmFindNearest(l, this.nx, this.ny, this.side, wrap, limitFov, k, fineRings, step, this.cellW, this.cellH, w, h, rMax2, cosHalfFov,
        p.rRep * p.rRep, p.rAli * p.rAli, p.rAtt * p.rAtt, slack);
      this.kth.set(l.kth);
      this.unsettled = unsettled;
      this.reruns = wasmRingReruns();
      for (let u = 0; u < unsettled; u++) {
        const i = l.unsettled[u];
        sumNearest(f, i, blockScan(f, i, x[i], y[i], hx[i], hy[i], k, wrap, w, h, rMax2, limitFov, cosHalfFov), l.buf, kIdx, kD2, 0);
      }
      return l.buf;
    }
    // Agents in bucket order: the people of one cell share the cells they search, so those stay in cache.
    let unsettled = 0;
    for (let qi = 0; qi < n; qi++) {
      const i = perm[qi];
      const xi = x[i], yi = y[i], hxi = hx[i], hyi = hy[i];
      // Rings of fine cells first; someone still short of k nearest after a few rings is away from
      // the crowds, and scanning everyone in the flock grid's 3×3 block (one radius wide cells, slots
      // in order) is then cheaper than walking rings of empty fine cells out to the radius.
      let count = ringSearch(this, cellX[i], cellY[i], xi, yi, hxi, hyi, k, fineRings, step, wrap, w, h, rMax2, limitFov, cosHalfFov);
      if (count < 0) {
        count = blockScan(f, i, xi, yi, hxi, hyi, k, wrap, w, h, rMax2, limitFov, cosHalfFov);
        unsettled++;
      }
      sumNearest(f, i, count, buf, kIdx, kD2, 0);
    }
    this.unsettled = unsettled;
    return buf;
  }
}

/**
 * Ring search for one agent in cell (cx, cy): rings of fine cells outwards until the k-th nearest is
 * closer than anything unsearched (or the rings cover the radius). Leaves them in kD2/kIdx; returns the
 * count, or −1 if the rings allowed ran out first. Each ring is read as row segments (its top and
 * bottom rows whole, the rows between by their two end cells), and a segment of a row is one or two
 * contiguous bucket ranges, since buckets fold columns and rows modulo the table's side.
 */
function ringSearch(t: TopologicalSearch, cx: number, cy: number, xi: number, yi: number, hxi: number, hyi: number, k: number, maxRing: number, step: number,
  wrap: boolean, w: number, h: number, rMax2: number, limitFov: boolean, cosHalfFov: number): number {
  const { ny, perm, bx, by, bcx, bcy } = t;
  const halfW = w / 2, halfH = h / 2;
  let count = 0;
  let limit = rMax2;
  const margin = edgeMargin(t, cx, cy, xi, yi, step);
  // Ring 0 alone can never settle (its bound is the margin, less than a cell), so the first pass reads
  // the whole 3×3 block as three row segments; later passes read one ring each.
  for (let ring = 1; ring <= maxRing; ring++) {
    let ns = 0;
    for (let dyc = -ring; dyc <= ring; dyc++) {
      let row = cy + dyc;
      if (row < 0 || row >= ny) {
        if (!wrap) continue;
        row = row < 0 ? row + ny : row - ny;
      }
      if (dyc === -ring || dyc === ring || ring === 1) ns = addSegment(t, row, cx - ring, cx + ring, wrap, ns);
      else {
        ns = addSegment(t, row, cx - ring, cx - ring, wrap, ns);
        ns = addSegment(t, row, cx + ring, cx + ring, wrap, ns);
      }
    }
    for (let g = 0; g < ns; g += 5) {
      const end = segs[g + 1], row = segs[g + 2], lo = segs[g + 3], hi = segs[g + 4];
      for (let q = segs[g]; q < end; q++) {
        // The bucket range may hold other cells folded onto it: keep only this segment's own.
        if (bcy[q] !== row) continue;
        const c = bcx[q];
        if (c < lo || c > hi) continue;
        let dx = bx[q] - xi;
        let dy = by[q] - yi;
        if (wrap) {
          if (dx > halfW) dx -= w; else if (dx < -halfW) dx += w;
          if (dy > halfH) dy -= h; else if (dy < -halfH) dy += h;
        }
        const d2 = dx * dx + dy * dy;
        // `limit`: the radius until k are found, then the k-th nearest so far (ties are offered).
        if (d2 > limit || d2 === 0) continue; // d2 = 0: self (or on the spot)
        if (limitFov && dx * hxi + dy * hyi < cosHalfFov * Math.sqrt(d2)) continue;
        count = offer(perm[q], d2, count, k);
        if (count === k) limit = kD2[k - 1];
      }
    }
    // Everything outside rings 0..ring is at least ring·step + margin away: stop once the k-th is closer.
    const edge = ring * step + margin;
    if (count === k && kD2[k - 1] < edge * edge) return count;
  }
  // Rings 0..maxRing: settled if they reach the radius (every candidate seen), else unsettled (−1).
  return maxRing * step >= Math.sqrt(rMax2) ? count : -1;
}

/**
 * How far inside its own cell an agent stands (its distance to the cell's nearest edge, less a margin
 * far above rounding, never below 0): everything outside rings 0..r of its cell is at least r·step plus
 * this away.
 */
function edgeMargin(t: TopologicalSearch, cx: number, cy: number, xi: number, yi: number, step: number): number {
  const left = xi - cx * t.cellW, right = (cx + 1) * t.cellW - xi;
  const top = yi - cy * t.cellH, bottom = (cy + 1) * t.cellH - yi;
  let m = left < right ? left : right;
  if (top < m) m = top;
  if (bottom < m) m = bottom;
  m -= 1e-7 * step;
  return m > 0 ? m : 0;
}

/**
 * Append the bucket ranges holding true columns c0..c1 of a row (clipped at walls, split where a torus
 * wraps, split where the fold wraps) to `segs` as (start, end, row, first column, last column).
 */
function addSegment(t: TopologicalSearch, row: number, c0: number, c1: number, wrap: boolean, ns: number): number {
  const nx = t.nx;
  if (!wrap) {
    if (c0 < 0) c0 = 0;
    if (c1 > nx - 1) c1 = nx - 1;
    if (c0 > c1) return ns;
    return addFolded(t, row, c0, c1, ns);
  }
  if (c0 < 0) {
    ns = addFolded(t, row, c0 + nx, nx - 1, ns);
    c0 = 0;
  }
  if (c1 > nx - 1) {
    ns = addFolded(t, row, 0, c1 - nx, ns);
    c1 = nx - 1;
  }
  return addFolded(t, row, c0, c1, ns);
}

function addFolded(t: TopologicalSearch, row: number, c0: number, c1: number, ns: number): number {
  const { side, mask, bucketStart } = t;
  const base = (row & mask) * side;
  const f0 = c0 & mask, f1 = c1 & mask;
  if (c1 - c0 + 1 >= side) ns = pushSegment(bucketStart[base], bucketStart[base + side], row, c0, c1, ns);
  else if (f0 <= f1) ns = pushSegment(bucketStart[base + f0], bucketStart[base + f1 + 1], row, c0, c1, ns);
  else {
    ns = pushSegment(bucketStart[base + f0], bucketStart[base + side], row, c0, c1, ns);
    ns = pushSegment(bucketStart[base], bucketStart[base + f1 + 1], row, c0, c1, ns);
  }
  return ns;
}

function pushSegment(start: number, end: number, row: number, c0: number, c1: number, ns: number): number {
  if (start === end) return ns;
  segs[ns] = start; segs[ns + 1] = end; segs[ns + 2] = row; segs[ns + 3] = c0; segs[ns + 4] = c1;
  return ns + 5;
}

/** The k nearest of agent i by scanning the flock grid's 3×3 block (cells at least one radius wide). */
function blockScan(f: Flock, i: number, xi: number, yi: number, hxi: number, hyi: number, k: number,
  wrap: boolean, w: number, h: number, rMax2: number, limitFov: boolean, cosHalfFov: number): number {
  const { x, y, grid } = f;
  const halfW = w / 2, halfH = h / 2;
  const nx = grid.nx;
  const cell = grid.cellOf[grid.perm[i]];
  const cy = (cell / nx) | 0;
  grid.columnRuns(cell - cy * nx, runs);
  const nRows = grid.rows(cy, rowList);
  let count = 0;
  for (let r = 0; r < nRows; r++) {
    const base = rowList[r] * nx;
    for (let run = 0; run < 4; run += 2) {
      if (runs[run] > runs[run + 1]) continue;
      const end = grid.cellStart[base + runs[run + 1] + 1];
      for (let j = grid.cellStart[base + runs[run]]; j < end; j++) {
        let dx = x[j] - xi;
        let dy = y[j] - yi;
        if (wrap) {
          if (dx > halfW) dx -= w; else if (dx < -halfW) dx += w;
          if (dy > halfH) dy -= h; else if (dy < -halfH) dy += h;
        }
        const d2 = dx * dx + dy * dy;
        if (d2 > rMax2 || d2 === 0) continue; // d2 = 0 excludes i itself (and anyone on the spot)
        if (limitFov && dx * hxi + dy * hyi < cosHalfFov * Math.sqrt(d2)) continue;
        count = offer(j, d2, count, k);
      }
    }
  }
  return count;
}
