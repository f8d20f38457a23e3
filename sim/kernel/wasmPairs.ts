/**
 * The WebAssembly SIMD pair pass (sim/kernel/wasm/assembly/pairs.ts): the same sums as
 * `accumulatePairs` in neighbours.ts, bit for bit, from two candidates per instruction and lane masks
 * instead of branches. Used by the flock automatically where the runtime validates the module (every
 * current browser and Node); elsewhere the JavaScript pass runs and the results are the same.
 *
 * One WebAssembly memory per thread is shared by every flock: JavaScript runs one pass at a time and
 * the flock reads the accumulators back (decide) before any other flock's pass, so each pass copies
 * its inputs in (positions, headings, groups, affinity, cell starts: ≈ 0.2 ms at 100k agents) and
 * leaves its sums there. The memory only grows, to the largest flock seen; the views onto it are
 * rebuilt only when the layout changes (another size of flock, or growth), so a step allocates nothing.
 */
import type { Flock } from './flock.ts';
import { PAIRS_WASM_BASE64 } from './wasm/pairsBinary.ts';
import { compileModule, LineLayout, ThreadMemory } from './wasmModule.ts';
import * as dmath from '../math.ts';

type PassFn = (
  n: number, nx: number, ny: number, reach: number, flags: number,
  xP: number, yP: number, hxP: number, hyP: number, groupP: number, affP: number, groups: number,
  cellStartP: number, bufP: number, rangesP: number,
  w: number, h: number, rRep2: number, rAli2: number, rAtt2: number, cosHalfFov: number,
) => void;

const F_WRAP = 1, F_REFLECT = 2, F_FOV = 4, F_ONE_GROUP = 8;
let module: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly or its SIMD instructions are unavailable. */
export function wasmPairsModule(): WebAssembly.Module | null {
  if (module === undefined) module = compileModule(PAIRS_WASM_BASE64);
  return module;
}

/** Byte offsets of one flock's arrays in the shared memory, and typed views onto them. */
interface Layout {
  n: number;
  cellStarts: number;
  groups: number;
  buffer: ArrayBuffer;
  xP: number; yP: number; hxP: number; hyP: number; groupP: number; affP: number; cellStartP: number; bufP: number; rangesP: number;
  x: Float64Array; y: Float64Array; hx: Float64Array; hy: Float64Array;
  group: Uint16Array; affinity: Float32Array; cellStart: Int32Array;
  /** The accumulators, 8 per agent plus a slack line (see ACC_STRIDE in neighbours.ts). */
  buf: Float64Array;
}

const memory = new ThreadMemory<{ accumulatePairs: PassFn }>(wasmPairsModule, 'wasm pair pass');
let layout: Layout | null = null;

function layoutFor(n: number, cellStarts: number, groups: number): Layout {
  const l = layout;
  if (l && l.n === n && l.cellStarts === cellStarts && l.groups === groups && l.buffer === memory.buffer) return l;
  // Every array gets one slack slot (lane 1 of a range's last pair may read it, masked) and starts
  // on a 64-byte line.
  const at = new LineLayout();
  const xP = at.take((n + 1) * 8), yP = at.take((n + 1) * 8), hxP = at.take((n + 1) * 8), hyP = at.take((n + 1) * 8);
  const groupP = at.take((n + 1) * 2), affP = at.take(groups * groups * 4), cellStartP = at.take(cellStarts * 4);
  const bufP = at.take((n + 1) * 64), rangesP = at.take(32 * 4);
  const b = memory.ensure(at.end);
  layout = {
    n, cellStarts, groups, buffer: b,
    xP, yP, hxP, hyP, groupP, affP, cellStartP, bufP, rangesP,
    x: new Float64Array(b, xP, n), y: new Float64Array(b, yP, n), hx: new Float64Array(b, hxP, n), hy: new Float64Array(b, hyP, n),
    group: new Uint16Array(b, groupP, n), affinity: new Float32Array(b, affP, groups * groups),
    cellStart: new Int32Array(b, cellStartP, cellStarts), buf: new Float64Array(b, bufP, (n + 1) * 8),
  };
  return layout;
}

/** Bytes of this thread's WebAssembly memory (0 before the first pass): shared by every flock. */
export function wasmPairsMemoryBytes(): number {
  return memory.bytes;
}

/**
 * Run the pair pass for the flock's current (sorted) state; returns the accumulators, valid until
 * the next pass of any flock on this thread.
 */
export function wasmAccumulatePairs(f: Flock): Float64Array {
  const p = f.params;
  const g = f.grid;
  const l = layoutFor(f.n, g.cellStart.length, f.groups);
  l.x.set(f.x);
  l.y.set(f.y);
  l.hx.set(f.hx);
  l.hy.set(f.hy);
  if (f.groups > 1) l.group.set(f.group);
  l.affinity.set(f.affinity);
  l.cellStart.set(g.cellStart);
  const flags = (p.boundary === 'torus' ? F_WRAP : 0) | (p.boundary === 'reflect' ? F_REFLECT : 0) | (p.fov < 360 ? F_FOV : 0) | (f.groups === 1 ? F_ONE_GROUP : 0);
  memory.exports!.accumulatePairs(f.n, g.nx, g.ny, f.reach, flags, l.xP, l.yP, l.hxP, l.hyP, l.groupP, l.affP, f.groups, l.cellStartP, l.bufP, l.rangesP,
    p.width, p.height, p.rRep * p.rRep, p.rAli * p.rAli, p.rAtt * p.rAtt, dmath.cos((p.fov * Math.PI) / 360));
  return l.buf;
}
