/**
 * Word of mouth through a uniform grid (O(n) per tick instead of the all-pairs loop it replaces):
 * for an unaware person, how many people aware of shock s stand within the relay radius.
 *
 * Exactly the same counts as the all-pairs loop, so results are bit-identical: the grid holds
 * everyone who, at the start of the phase, is aware of some shock (cells at least one radius wide, so
 * every neighbour within it lies in the 3×3 block), and whoever becomes aware during the phase — the
 * loop is asynchronous: a person told earlier in the pass can tell a later one — is added to a list
 * per cell of the same grid, which each query reads for the same 3×3 block (one list for everyone
 * made every query scan all of them: O(n × told) in a tick when a crowd learns at once). Awareness of
 * the queried shock is read live for both.
 */
import { CellGrid } from '../kernel/grid.ts';
import type { Flock } from '../kernel/flock.ts';
import { UNAWARE } from './state.ts';

export class WordOfMouth {
  private readonly grid: CellGrid;
  /** Positions and ids of the people in the grid (aware of something at the phase start). */
  private readonly px: Float64Array;
  private readonly py: Float64Array;
  private readonly ids: Int32Array;
  /** The same in the grid's cell order. */
  private readonly sx: Float64Array;
  private readonly sy: Float64Array;
  private readonly sid: Int32Array;
  private readonly inGrid: Uint8Array;
  /** Told during the phase: id and position by entry; per cell the newest entry, per entry the one before it in its cell (−1: none). */
  private readonly lateId: Int32Array;
  private readonly lateX: Float64Array;
  private readonly lateY: Float64Array;
  private readonly lateNext: Int32Array;
  private readonly lateHead: Int32Array;
  private lateCount = 0;
  private flock: Flock | null = null;
  private readonly runs = new Int32Array(4);
  private readonly rowList = new Int32Array(3);
  private readonly r2: number;

  constructor(n: number, width: number, height: number, private readonly radius: number) {
    this.grid = new CellGrid(n);
    this.grid.configure(width, height, radius, 'reflect', n);
    this.px = new Float64Array(n);
    this.py = new Float64Array(n);
    this.ids = new Int32Array(n);
    this.sx = new Float64Array(n);
    this.sy = new Float64Array(n);
    this.sid = new Int32Array(n);
    this.inGrid = new Uint8Array(n);
    this.lateId = new Int32Array(n);
    this.lateX = new Float64Array(n);
    this.lateY = new Float64Array(n);
    this.lateNext = new Int32Array(n);
    this.lateHead = new Int32Array(this.grid.nx * this.grid.ny);
    this.r2 = radius * radius;
  }

  /** Bins everyone aware of at least one shock (aware is person-major: aware[id * S + s]). */
  begin(flock: Flock, aware: Uint8Array, S: number, n: number): void {
    let m = 0;
    this.inGrid.fill(0);
    for (let id = 0; id < n; id++) {
      let any = false;
      for (let s = 0; s < S; s++) if (aware[id * S + s] !== UNAWARE) { any = true; break; }
      if (!any) continue;
      const slot = flock.slotOf[id];
      this.px[m] = flock.x[slot];
      this.py[m] = flock.y[slot];
      this.ids[m] = id;
      this.inGrid[id] = 1;
      m++;
    }
    this.grid.build(this.px, this.py, m);
    // Positions and ids in cell order, so a query streams through each cell's people.
    const { perm } = this.grid;
    for (let q = 0; q < m; q++) {
      const i = perm[q];
      this.sx[q] = this.px[i];
      this.sy[q] = this.py[i];
      this.sid[q] = this.ids[i];
    }
    this.lateCount = 0;
    this.lateHead.fill(-1);
    this.flock = flock;
  }

  /** Someone not in the grid has just become aware: later queries in this pass must see them. */
  told(id: number): void {
    if (this.inGrid[id]) return;
    this.inGrid[id] = 1;
    const flock = this.flock!;
    const slot = flock.slotOf[id];
    const x = flock.x[slot], y = flock.y[slot];
    const cell = this.grid.row(y) * this.grid.nx + this.grid.col(x);
    const e = this.lateCount++;
    this.lateId[e] = id;
    this.lateX[e] = x;
    this.lateY[e] = y;
    this.lateNext[e] = this.lateHead[cell];
    this.lateHead[cell] = e;
  }

  /** People aware of shock s within the radius of (x, y), not counting `self`. */
  count(aware: Uint8Array, S: number, s: number, self: number, x: number, y: number): number {
    const { grid, runs, rowList, sx, sy, sid, r2, lateHead, lateNext, lateId, lateX, lateY } = this;
    let k = 0;
    grid.columnRuns(grid.col(x), runs);
    const nr = grid.rows(grid.row(y), rowList);
    for (let r = 0; r < nr; r++) {
      const base = rowList[r] * grid.nx;
      for (let run = 0; run < 2; run++) {
        const c0 = runs[2 * run];
        const c1 = runs[2 * run + 1];
        if (c0 > c1) continue;
        for (let q = grid.cellStart[base + c0], end = grid.cellStart[base + c1 + 1]; q < end; q++) {
          // Distance first (streamed), awareness (a scattered read) only for those in range.
          const dx = sx[q] - x;
          const dy = sy[q] - y;
          if (dx * dx + dy * dy > r2) continue;
          const j = sid[q];
          if (j !== self && aware[j * S + s] !== UNAWARE) k++;
        }
        if (this.lateCount === 0) continue;
        for (let c = c0; c <= c1; c++) {
          for (let e = lateHead[base + c]; e >= 0; e = lateNext[e]) {
            const j = lateId[e];
            if (j === self || aware[j * S + s] === UNAWARE) continue;
            const dx = lateX[e] - x;
            const dy = lateY[e] - y;
            if (dx * dx + dy * dy <= r2) k++;
          }
        }
      }
    }
    return k;
  }
}
