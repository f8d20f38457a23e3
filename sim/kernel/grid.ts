/**
 * Uniform grid for neighbour search, rebuilt every step with a counting sort.
 *
 * The sort produces `perm` (new slot → old slot) so the flock can reorder every per-agent array by
 * cell: agents that are neighbours in space become neighbours in memory, which is what makes the
 * neighbour loop cache-friendly (see docs/performance.md for the measured gain).
 *
 * Cells are at least `cellSize` wide, so every neighbour within that radius lies in the 3×3 block of
 * cells around an agent. On a torus the cells tile the world exactly; with reflecting walls they are
 * clamped; in open space the (unbounded) cell coordinates are folded onto a fixed power-of-two table,
 * so memory stays bounded wherever the agents wander (far-apart agents may share a bucket; the distance
 * test then rejects them).
 */
import type { KernelParams } from './params.ts';

export type Boundary = KernelParams['boundary'];

export class CellGrid {
  nx = 1;
  ny = 1;
  cellW = 1;
  cellH = 1;
  boundary: Boundary = 'torus';
  /** cellStart[c] .. cellStart[c+1] is the slot range of cell c after sorting. */
  cellStart = new Int32Array(2);
  cellOf: Int32Array;
  perm: Int32Array;
  private cursor = new Int32Array(2);

  constructor(capacity: number) {
    this.cellOf = new Int32Array(capacity);
    this.perm = new Int32Array(capacity);
  }

  configure(width: number, height: number, cellSize: number, boundary: Boundary, n: number): void {
    this.boundary = boundary;
    const size = cellSize > 0 ? cellSize : Math.max(width, height);
    if (boundary === 'open') {
      // Fold onto a table of about n/2 cells (power of two per side, at least 8 so a 5×5 block has distinct columns).
      // (Doubling, not Math.log2: the side orders the slots, so it must not depend on the engine's log2.)
      let side = 8;
      while (side * side < n / 2) side *= 2;
      this.nx = side;
      this.ny = side;
      this.cellW = size;
      this.cellH = size;
    } else {
      // Cap the cell count so memory stays proportional to the agents, not to an enormous empty world.
      const cap = Math.max(16, 4 * n);
      let nx = Math.max(1, Math.floor(width / size));
      let ny = Math.max(1, Math.floor(height / size));
      while (nx * ny > cap) {
        nx = Math.max(1, nx >> 1);
        ny = Math.max(1, ny >> 1);
      }
      this.nx = nx;
      this.ny = ny;
      this.cellW = width / nx;
      this.cellH = height / ny;
    }
    const cells = this.nx * this.ny;
    if (this.cellStart.length < cells + 1) {
      this.cellStart = new Int32Array(cells + 1);
      this.cursor = new Int32Array(cells + 1);
    }
    if (this.cellOf.length < n) {
      this.cellOf = new Int32Array(n);
      this.perm = new Int32Array(n);
    }
  }

  get cellCount(): number {
    return this.nx * this.ny;
  }

  /** Column of an x coordinate (folded or clamped as the boundary requires). */
  col(x: number): number {
    const c = Math.floor(x / this.cellW);
    if (this.boundary === 'open') return ((c % this.nx) + this.nx) % this.nx;
    return c < 0 ? 0 : c >= this.nx ? this.nx - 1 : c;
  }

  row(y: number): number {
    const r = Math.floor(y / this.cellH);
    if (this.boundary === 'open') return ((r % this.ny) + this.ny) % this.ny;
    return r < 0 ? 0 : r >= this.ny ? this.ny - 1 : r;
  }

  /** Bin n agents, then counting-sort them: fills cellStart and perm (stable, so deterministic). */
  build(x: Float64Array, y: Float64Array, n: number): void {
    const cells = this.nx * this.ny;
    const { cellOf, perm, cellStart, cursor, nx } = this;
    cellStart.fill(0, 0, cells + 1);
    for (let i = 0; i < n; i++) {
      const c = this.row(y[i]) * nx + this.col(x[i]);
      cellOf[i] = c;
      cellStart[c + 1]++;
    }
    for (let c = 0; c < cells; c++) cellStart[c + 1] += cellStart[c];
    for (let c = 0; c < cells; c++) cursor[c] = cellStart[c];
    for (let i = 0; i < n; i++) perm[cursor[cellOf[i]]++] = i;
  }

  /**
   * The neighbouring columns of column cx as at most two contiguous runs [a0..a1] and [b0..b1]
   * (b0 > b1 means no second run). Written into `out` to avoid allocation.
   */
  columnRuns(cx: number, out: Int32Array): void {
    const nx = this.nx;
    if (this.boundary === 'reflect' || nx < 3) {
      out[0] = this.boundary === 'reflect' ? Math.max(0, cx - 1) : 0;
      out[1] = this.boundary === 'reflect' ? Math.min(nx - 1, cx + 1) : nx - 1;
      out[2] = 1;
      out[3] = 0;
    } else if (cx === 0) {
      out[0] = 0; out[1] = 1; out[2] = nx - 1; out[3] = nx - 1;
    } else if (cx === nx - 1) {
      out[0] = nx - 2; out[1] = nx - 1; out[2] = 0; out[3] = 0;
    } else {
      out[0] = cx - 1; out[1] = cx + 1; out[2] = 1; out[3] = 0;
    }
  }

  /** The distinct neighbouring rows of row cy (1–3 of them), written into out; returns the count. */
  rows(cy: number, out: Int32Array): number {
    const ny = this.ny;
    if (this.boundary === 'reflect') {
      let k = 0;
      for (let r = Math.max(0, cy - 1); r <= Math.min(ny - 1, cy + 1); r++) out[k++] = r;
      return k;
    }
    if (ny < 3) {
      for (let r = 0; r < ny; r++) out[r] = r;
      return ny;
    }
    out[0] = cy === 0 ? ny - 1 : cy - 1;
    out[1] = cy;
    out[2] = cy === ny - 1 ? 0 : cy + 1;
    return 3;
  }
}
