/**
 * The movement kernel: N agents as struct-of-arrays, stepped synchronously (every agent reads the old
 * state, then all write), with no allocation inside `step()`.
 *
 * Agents are physically reordered by grid cell every step. `id[slot]` says which agent sits in a slot
 * and `slotOf[id]` where an agent is now; code outside the kernel addresses agents by id and must
 * re-read `flock.x` etc. after each step (the buffers are swapped, not copied).
 */
import type { Rng } from '../rng.ts';
import { CellGrid } from './grid.ts';
import { resolveKernelParams, type KernelParams } from './params.ts';
import { steer } from './steer.ts';
import { Accumulators } from './neighbours.ts';
import { wasmPairsModule } from './wasmPairs.ts';
import { TopologicalSearch } from './topological.ts';
import { wasmRingModule } from './wasmRing.ts';
import * as dmath from '../math.ts';

export const GOAL_NONE = 0;
/** Steer towards a point (goalX, goalY). */
export const GOAL_POINT = 1;
/** Steer along a preferred direction (goalX, goalY is a unit vector). */
export const GOAL_DIRECTION = 2;

/**
 * Which implementation finds the neighbours — the metric pair pass, or the ring search of a topological
 * neighbourhood: 'auto' takes WebAssembly where the runtime supports it and JavaScript elsewhere. Both
 * give the same results bit for bit (test/wasmPairs.test.ts, test/wasmRing.test.ts), so this is a
 * speed choice, not a model parameter.
 */
export type PairPass = 'auto' | 'js' | 'wasm';

export interface FlockOptions {
  pairPass?: PairPass;
}

export class Flock {
  readonly params: KernelParams;
  readonly n: number;
  tick = 0;

  // Movement state (current buffers; swapped with the spares when reordering and stepping).
  x: Float64Array;
  y: Float64Array;
  hx: Float64Array;
  hy: Float64Array;
  /** id[slot]: the agent in this slot. */
  id: Int32Array;
  /** slotOf[id]: where agent `id` sits now. */
  readonly slotOf: Int32Array;

  // Per-agent controls set by the model (reordered with the agents).
  group: Uint16Array;
  goalKind: Uint8Array;
  goalX: Float64Array;
  goalY: Float64Array;
  goalW: Float64Array;
  homeX: Float64Array;
  homeY: Float64Array;
  homeW: Float64Array;

  /** Affinity a_ij = affinity[group_i * groups + group_j]; scales alignment and attraction, not repulsion. */
  groups = 1;
  affinity: Float32Array = new Float32Array([1]);

  /** Next headings, written by steer() (double buffer). */
  nhx: Float64Array;
  nhy: Float64Array;
  readonly grid: CellGrid;
  /**
   * Cells per interaction radius for the pair pass (2: half-radius cells, a 5×5 block, about 30% fewer
   * distance tests than 3×3; 1: radius-sized cells), or 0 for the full per-agent scan (topological
   * neighbourhoods, or worlds too few cells wide for the half-shell to visit each pair once).
   */
  readonly reach: number;
  /** The pair pass in use ('wasm' only for metric neighbourhoods with the half-shell, reach > 0). */
  readonly pairPass: 'js' | 'wasm';
  /** The ring search for topological neighbourhoods (null: metric, or open space's full scan). */
  readonly search: TopologicalSearch | null;
  /** Which neighbour pass runs: the ring search (topological) or the metric pair pass, by implementation. */
  get neighbourPass(): 'topological-wasm' | 'topological-js' | 'wasm' | 'js' {
    return this.search ? (this.search.useWasm ? 'topological-wasm' : 'topological-js') : this.pairPass;
  }
  private readonly acc: Accumulators;

  private spareF: Float64Array[];
  private spareI: Int32Array;
  private spareG: Uint16Array;
  private spareK: Uint8Array;
  /** Whether goals/homes/groups were ever set: if not, their arrays need no reordering. */
  private usesControls = false;

  constructor(params: Partial<KernelParams>, rng: Rng, options: FlockOptions = {}) {
    this.params = resolveKernelParams(params);
    const n = (this.n = this.params.n);
    const f = () => new Float64Array(n);
    this.x = f(); this.y = f(); this.hx = f(); this.hy = f();
    this.nhx = f(); this.nhy = f();
    this.goalX = f(); this.goalY = f(); this.goalW = f();
    this.homeX = f(); this.homeY = f(); this.homeW = f();
    this.spareF = [f(), f(), f(), f(), f(), f(), f(), f(), f(), f()];
    this.id = new Int32Array(n);
    this.spareI = new Int32Array(n);
    this.slotOf = new Int32Array(n);
    this.group = new Uint16Array(n);
    this.spareG = new Uint16Array(n);
    this.goalKind = new Uint8Array(n);
    this.spareK = new Uint8Array(n);
    this.grid = new CellGrid(n);
    const p = this.params;
    this.reach = configureGrid(this.grid, p);
    const wanted = options.pairPass ?? 'auto';
    const topological = TopologicalSearch.usable(this);
    this.pairPass = topological ? 'js' : choosePairPass(wanted, this.reach);
    // The WebAssembly pass keeps its sums in its own memory (wasmPairs.ts).
    this.acc = new Accumulators(this.pairPass === 'js' ? n : 0);
    this.search = topological ? new TopologicalSearch(this, chooseRingSearch(wanted)) : null;
    // Uniform random positions and headings (callers may overwrite them before the first step).
    for (let i = 0; i < n; i++) {
      this.x[i] = rng() * p.width;
      this.y[i] = rng() * p.height;
      const a = rng() * 2 * Math.PI;
      this.hx[i] = dmath.cos(a);
      this.hy[i] = dmath.sin(a);
      this.id[i] = i;
      this.slotOf[i] = i;
    }
  }

  /** One synchronous step: the phases run in this order every tick. */
  step(rng: Rng): void {
    this.sortByCell();   // bin agents into grid cells (counting sort) and reorder all arrays by cell
    steer(this, this.acc, rng); // neighbours → desired direction → goal → home → noise → turn limit (writes nhx/nhy)
    this.move();         // advance positions with the old or new heading; apply the boundary
    this.swapHeadings(); // the new headings become current
    this.tick++;
  }

  // --- controls, addressed by agent id -------------------------------------------------------------

  setPosition(id: number, x: number, y: number, heading?: number): void {
    const s = this.slotOf[id];
    this.x[s] = x;
    this.y[s] = y;
    if (heading !== undefined) {
      this.hx[s] = dmath.cos(heading);
      this.hy[s] = dmath.sin(heading);
    }
  }

  setGoal(id: number, kind: number, gx: number, gy: number, weight: number): void {
    const s = this.slotOf[id];
    this.usesControls = true;
    this.goalKind[s] = kind;
    this.goalX[s] = gx;
    this.goalY[s] = gy;
    this.goalW[s] = weight;
  }

  setHome(id: number, x: number, y: number, weight: number): void {
    const s = this.slotOf[id];
    this.usesControls = true;
    this.homeX[s] = x;
    this.homeY[s] = y;
    this.homeW[s] = weight;
  }

  setGroup(id: number, group: number): void {
    this.usesControls = true;
    this.group[this.slotOf[id]] = group;
  }

  /** Set the affinity matrix (groups × groups, row-major); values must be finite and ≥ 0. */
  setAffinity(groups: number, matrix: ArrayLike<number>): void {
    if (!(groups >= 1) || matrix.length !== groups * groups) throw new Error(`affinity: expected a ${groups}×${groups} matrix, got ${matrix.length} values`);
    for (let k = 0; k < matrix.length; k++) {
      if (!(matrix[k] >= 0) || !Number.isFinite(matrix[k])) throw new Error(`affinity[${k}]: ${matrix[k]} must be a finite number ≥ 0`);
    }
    if (this.affinity.length !== matrix.length) this.affinity = new Float32Array(matrix.length);
    this.affinity.set(matrix);
    this.groups = groups;
  }

  // --- phases --------------------------------------------------------------------------------------

  private sortByCell(): void {
    const n = this.n;
    const grid = this.grid;
    grid.build(this.x, this.y, n);
    const perm = grid.perm;
    const sf = this.spareF;
    this.x = permute(this.x, sf, 0, perm, n);
    this.y = permute(this.y, sf, 1, perm, n);
    this.hx = permute(this.hx, sf, 2, perm, n);
    this.hy = permute(this.hy, sf, 3, perm, n);
    const id = this.spareI;
    for (let s = 0; s < n; s++) id[s] = this.id[perm[s]];
    this.spareI = this.id;
    this.id = id;
    for (let s = 0; s < n; s++) this.slotOf[id[s]] = s;
    if (!this.usesControls) return;
    this.goalX = permute(this.goalX, sf, 4, perm, n);
    this.goalY = permute(this.goalY, sf, 5, perm, n);
    this.goalW = permute(this.goalW, sf, 6, perm, n);
    this.homeX = permute(this.homeX, sf, 7, perm, n);
    this.homeY = permute(this.homeY, sf, 8, perm, n);
    this.homeW = permute(this.homeW, sf, 9, perm, n);
    const g = this.spareG;
    const k = this.spareK;
    for (let s = 0; s < n; s++) {
      g[s] = this.group[perm[s]];
      k[s] = this.goalKind[perm[s]];
    }
    this.spareG = this.group;
    this.group = g;
    this.spareK = this.goalKind;
    this.goalKind = k;
  }

  private move(): void {
    const { n, x, y, nhx, nhy } = this;
    const { width: w, height: h, boundary, speed, dt, moveWithOldHeading } = this.params;
    const ux = moveWithOldHeading ? this.hx : nhx;
    const uy = moveWithOldHeading ? this.hy : nhy;
    const step = speed * dt;
    for (let i = 0; i < n; i++) {
      let px = x[i] + step * ux[i];
      let py = y[i] + step * uy[i];
      if (boundary === 'torus') {
        if (px >= w) px -= w; else if (px < 0) px += w;
        if (py >= h) py -= h; else if (py < 0) py += h;
      } else if (boundary === 'reflect') {
        // Mirror the position and the heading the agent will carry on with.
        if (px < 0) { px = -px; nhx[i] = Math.abs(nhx[i]); } else if (px > w) { px = 2 * w - px; nhx[i] = -Math.abs(nhx[i]); }
        if (py < 0) { py = -py; nhy[i] = Math.abs(nhy[i]); } else if (py > h) { py = 2 * h - py; nhy[i] = -Math.abs(nhy[i]); }
      }
      x[i] = px;
      y[i] = py;
    }
  }

  private swapHeadings(): void {
    const hx = this.hx;
    const hy = this.hy;
    this.hx = this.nhx;
    this.hy = this.nhy;
    this.nhx = hx;
    this.nhy = hy;
  }
}

function permute(src: Float64Array, spares: Float64Array[], k: number, perm: Int32Array, n: number): Float64Array {
  const dst = spares[k];
  for (let s = 0; s < n; s++) dst[s] = src[perm[s]];
  spares[k] = src;
  return dst;
}

function choosePairPass(wanted: PairPass, reach: number): 'js' | 'wasm' {
  if (wanted === 'js') return 'js';
  const usable = reach > 0 && wasmPairsModule() !== null;
  if (wanted === 'wasm' && !usable) {
    throw new Error(reach > 0
      ? 'pairPass: "wasm" needs WebAssembly with SIMD, which this runtime lacks; use "auto" or "js"'
      : 'pairPass: "wasm" covers metric neighbourhoods only (topologicalK = 0, a world at least 3 cells wide); use "auto" or "js"');
  }
  return usable ? 'wasm' : 'js';
}

/** Whether the ring search runs in WebAssembly (same lists as JavaScript, wasmRing.ts). */
function chooseRingSearch(wanted: PairPass): boolean {
  if (wanted === 'js') return false;
  const usable = wasmRingModule() !== null;
  if (wanted === 'wasm' && !usable) throw new Error('pairPass: "wasm" needs WebAssembly, which this runtime lacks; use "auto" or "js"');
  return usable;
}

function configureGrid(grid: CellGrid, p: KernelParams): number {
  const radius = Math.max(p.rRep, p.rAli, p.rAtt);
  const wide = (reach: number) => {
    grid.configure(p.width, p.height, radius / reach, p.boundary, p.n);
    return p.boundary === 'reflect' || (grid.nx >= 2 * reach + 1 && grid.ny >= 2 * reach + 1);
  };
  if (p.topologicalK === 0 && radius > 0) {
    if (wide(2)) return 2;
    if (wide(1)) return 1;
  }
  grid.configure(p.width, p.height, radius, p.boundary, p.n);
  return 0;
}
