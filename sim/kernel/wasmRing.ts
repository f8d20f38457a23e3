/**
 * The ring search in WebAssembly (sim/kernel/wasm/assembly/ring.ts): every agent's k nearest, chosen
 * exactly as the JavaScript ring search in topological.ts chooses them (the same comparisons of the
 * same f64 values), and its zone sums over them (the same operations in the same order as nearest.ts).
 * Used where the runtime validates the module; elsewhere the JavaScript search runs, with the same
 * results (test/wasmRing.test.ts).
 *
 * One memory per thread, shared by every flock (JavaScript runs one search at a time and the flock
 * reads the sums back, in decide, before any other flock's search): each call copies the search grid
 * and the people in and leaves the sums there. The memory only grows, to the largest flock seen, and the views onto it are rebuilt only when
 * the layout changes, so a step allocates nothing. What one flock carries from step to step (each
 * agent's k-th distance, the search's first bound) is its own (TopologicalSearch.kth), copied in and out.
 */
import { RING_WASM_BASE64 } from './wasm/ringBinary.ts';
import { compileModule, LineLayout, ThreadMemory } from './wasmModule.ts';

type FindFn = (
  n: number, nx: number, ny: number, side: number, flags: number, k: number, maxRing: number,
  step: number, cellW: number, cellH: number, w: number, h: number, rMax2: number, cosHalfFov: number,
  bxP: number, byP: number, bcxP: number, bcyP: number, permP: number,
  xP: number, yP: number, hxP: number, hyP: number, groupP: number, affP: number, groups: number,
  rRep2: number, rAli2: number, rAtt2: number,
  bucketStartP: number, segsP: number, kd2P: number, kidxP: number,
  bufP: number, unsettledP: number, idP: number, kthP: number, slack: number, candD2P: number, candQP: number,
) => number;

const F_WRAP = 1, F_FOV = 4;
/** Scratch for one ring's row segments (5 numbers each; 8 per row, 129 rows at the finest) and the k-buffer. */
const SEGS = 5 * 8 * 129;
const K_MAX = 65;

let module: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly is unavailable or forbidden. */
export function wasmRingModule(): WebAssembly.Module | null {
  if (module === undefined) module = compileModule(RING_WASM_BASE64);
  return module;
}

/** Byte offsets of one search's arrays in the memory, and typed views onto them. */
export interface RingLayout {
  n: number; groups: number; buckets: number; buffer: ArrayBuffer;
  bxP: number; byP: number; bcxP: number; bcyP: number; permP: number;
  xP: number; yP: number; hxP: number; hyP: number; groupP: number; affP: number;
  bucketStartP: number; segsP: number; kd2P: number; kidxP: number; bufP: number; unsettledP: number; idP: number; kthP: number; candD2P: number; candQP: number;
  bx: Float64Array; by: Float64Array; bcx: Int32Array; bcy: Int32Array; perm: Int32Array;
  x: Float64Array; y: Float64Array; hx: Float64Array; hy: Float64Array; group: Uint16Array; affinity: Float32Array;
  bucketStart: Int32Array;
  /** The accumulators, 8 per slot (see ACC_STRIDE in neighbours.ts). */
  buf: Float64Array;
  /** Slots the rings did not settle (the first `unsettled` of them), for the JavaScript block scan. */
  unsettled: Int32Array;
  /** Agent id by slot, and by agent id the squared distance to the k-th nearest (in: last step's, out: this step's). */
  id: Int32Array;
  kth: Float64Array;
}

const memory = new ThreadMemory<{ findNearest: FindFn; lastReruns: () => number }>(wasmRingModule, 'wasm ring search');
let layout: RingLayout | null = null;

export function ringLayoutFor(n: number, groups: number, buckets: number): RingLayout {
  const l = layout;
  if (l && l.n === n && l.groups === groups && l.buckets === buckets && l.buffer === memory.buffer) return l;
  const at = new LineLayout();
  // One slack slot in the candidate arrays: lane 1 of a segment's last pair may read it (masked).
  const bxP = at.take((n + 1) * 8), byP = at.take((n + 1) * 8), bcxP = at.take((n + 1) * 4), bcyP = at.take((n + 1) * 4), permP = at.take(n * 4);
  const xP = at.take(n * 8), yP = at.take(n * 8), hxP = at.take(n * 8), hyP = at.take(n * 8), groupP = at.take(n * 2), affP = at.take(groups * groups * 4);
  const bucketStartP = at.take((buckets + 1) * 4), segsP = at.take(SEGS * 4), kd2P = at.take(K_MAX * 8), kidxP = at.take(K_MAX * 4);
  const bufP = at.take(n * 64), unsettledP = at.take(n * 4), idP = at.take(n * 4), kthP = at.take(n * 8);
  // Candidates passing one ring's tests (at most everyone, plus the two lanes of a last store).
  const candD2P = at.take((n + 2) * 8), candQP = at.take((n + 2) * 4);
  const b = memory.ensure(at.end);
  layout = {
    n, groups, buckets, buffer: b,
    bxP, byP, bcxP, bcyP, permP, xP, yP, hxP, hyP, groupP, affP, bucketStartP, segsP, kd2P, kidxP, bufP, unsettledP, idP, kthP, candD2P, candQP,
    bx: new Float64Array(b, bxP, n), by: new Float64Array(b, byP, n), bcx: new Int32Array(b, bcxP, n), bcy: new Int32Array(b, bcyP, n),
    perm: new Int32Array(b, permP, n), x: new Float64Array(b, xP, n), y: new Float64Array(b, yP, n),
    hx: new Float64Array(b, hxP, n), hy: new Float64Array(b, hyP, n), group: new Uint16Array(b, groupP, n),
    affinity: new Float32Array(b, affP, groups * groups), bucketStart: new Int32Array(b, bucketStartP, buckets + 1),
    buf: new Float64Array(b, bufP, n * 8), unsettled: new Int32Array(b, unsettledP, n),
    id: new Int32Array(b, idP, n), kth: new Float64Array(b, kthP, n),
  };
  return layout;
}

/** Bytes of this thread's ring-search memory (0 before the first search). */
export function wasmRingMemoryBytes(): number {
  return memory.bytes;
}

/**
 * Run the search and the sums on the inputs already in `l` (filled by the caller): the sums are in
 * l.buf; returns how many slots were left unsettled (listed in l.unsettled).
 */
export function wasmFindNearest(l: RingLayout, nx: number, ny: number, side: number, wrap: boolean, limitFov: boolean, k: number,
  maxRing: number, step: number, cellW: number, cellH: number, w: number, h: number, rMax2: number, cosHalfFov: number,
  rRep2: number, rAli2: number, rAtt2: number, slack: number): number {
  return memory.exports!.findNearest(l.n, nx, ny, side, (wrap ? F_WRAP : 0) | (limitFov ? F_FOV : 0), k, maxRing, step, cellW, cellH, w, h, rMax2, cosHalfFov,
    l.bxP, l.byP, l.bcxP, l.bcyP, l.permP, l.xP, l.yP, l.hxP, l.hyP, l.groupP, l.affP, l.groups, rRep2, rAli2, rAtt2,
    l.bucketStartP, l.segsP, l.kd2P, l.kidxP, l.bufP, l.unsettledP, l.idP, l.kthP, slack, l.candD2P, l.candQP);
}

/** How many agents the last search on this thread searched twice (last step's bound too tight). */
export function wasmRingReruns(): number {
  return memory.exports ? memory.exports.lastReruns() : 0;
}
