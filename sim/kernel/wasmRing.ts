/**
 * The ring search in WebAssembly (sim/kernel/wasm/assembly/ring.ts): every agent's k nearest, chosen
 * exactly as the JavaScript ring search in topological.ts chooses them (the same comparisons of the
 * same f64 values), and its zone sums over them (the same operations in the same order as nearest.ts).
 * Used where the runtime validates the module; elsewhere the JavaScript search runs, with the same
 * results (test/wasmRing.test.ts).
 *
 * One memory per thread, shared by every flock (JavaScript runs one search at a time and the flock
 * reads the sums back, in decide, before any other flock's search): each call copies the search grid
 * and the people in and leaves the sums there. The memory only grows, to the largest flock seen, and
 * the views onto it are rebuilt only when the layout changes, so a step allocates nothing. What one
 * flock carries from step to step (each agent's k-th distance, the search's first bound) is its own
 * (TopologicalSearch.kth), copied in and out.
 *
 * Helper threads: a face that has spare cores can share this thread's memory with helpers
 * (shareRingSearch here, serveRingHelper there); a large search is then split into chunks of agents that this thread and the helpers claim
 * in turn. Each agent's search reads the shared inputs and writes only its own sums and k-th distance,
 * so who searched which chunk never changes a result (test/ringHelpers.test.ts).
 */
import { RING_WASM_BASE64 } from './wasm/ringBinary.ts';
import { RING_SHARED_WASM_BASE64 } from './wasm/ringSharedBinary.ts';
import { compileModule, LineLayout, ThreadMemory } from './wasmModule.ts';

type RingExports = { findNearest: (jobP: number, scratchP: number, q0: number, q1: number) => void };

const F_WRAP = 1, F_FOV = 4;
/** Scratch for one ring's row segments (5 numbers each; 8 per row, 129 rows at the finest) and the k-buffer. */
const SEGS = 5 * 8 * 129;
const K_MAX = 65;
/** The shared memory's maximum, as scripts/build-wasm.mjs declares it (1 GiB). */
const SHARED_MAX_PAGES = 16384;
/** Helper threads at most (scratch blocks and counters are laid out for this many). */
export const MAX_RING_HELPERS = 7;

// The job block's slots (f64; ring.ts reads 1..33), then this file's own: each thread's scratch block.
const J = { n: 0, nx: 1, ny: 2, side: 3, flags: 4, k: 5, maxRing: 6, step: 7, cellW: 8, cellH: 9, w: 10, h: 11, rMax2: 12, cosFov: 13,
  bx: 14, by: 15, bcx: 16, bcy: 17, perm: 18, x: 19, y: 20, hx: 21, hy: 22, group: 23, aff: 24, groups: 25, rRep2: 26, rAli2: 27, rAtt2: 28,
  bucketStart: 29, buf: 30, id: 31, kth: 32, slack: 33, scratch0: 40 } as const;
// A scratch block's slots (i32, as ring.ts reads them).
const S = { segs: 0, kd2: 1, kidx: 2, candD2: 3, candQ: 4, unsettled: 5, count: 6, reruns: 7 } as const;
/**
 * The control block (i32 at byte 0, fixed, so helpers find it whatever the layout): the job's
 * generation (helpers wait on it), the chunks left to claim (≤ 0: no job open), chunks done (the
 * leader waits on it), quit, the agent count and chunk size; on the next cache line, each thread's
 * chunks searched (a running count).
 */
export const C = { gen: 0, left: 1, done: 3, quit: 4, n: 5, chunk: 6, searched: 16 } as const;
const CTRL_BYTES = 128, JOB_BYTES = 64 * 8;
/** Where every layout puts the job block (right after the control block), so helpers find it too. */
const JOB_OFFSET = CTRL_BYTES;
/** How long the leader waits for a chunk a helper claimed before it calls the helper lost. */
const HELPER_TIMEOUT_MS = 10_000;
/** Below this many agents the helpers are not woken (waking costs more than it saves). */
export const PARALLEL_MIN = 2048;

let module: WebAssembly.Module | null | undefined;
let sharedModule: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly is unavailable or forbidden. */
export function wasmRingModule(): WebAssembly.Module | null {
  if (module === undefined) module = compileModule(RING_WASM_BASE64);
  return module;
}

/** The module built for a shared memory, or null where threads or SharedArrayBuffer are unavailable. */
export function wasmRingSharedModule(): WebAssembly.Module | null {
  if (sharedModule === undefined) {
    let ok = typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object';
    try {
      if (ok) new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    } catch {
      ok = false; // not cross-origin isolated, or no threads
    }
    sharedModule = ok ? compileModule(RING_SHARED_WASM_BASE64) : null;
  }
  return sharedModule;
}

/** Byte offsets of one search's arrays in the memory, and typed views onto them. */
export interface RingLayout {
  n: number; groups: number; buckets: number; buffer: ArrayBuffer;
  bx: Float64Array; by: Float64Array; bcx: Int32Array; bcy: Int32Array; perm: Int32Array;
  x: Float64Array; y: Float64Array; hx: Float64Array; hy: Float64Array; group: Uint16Array; affinity: Float32Array;
  bucketStart: Int32Array;
  /** The accumulators, 8 per slot (see ACC_STRIDE in neighbours.ts). */
  buf: Float64Array;
  /** Slots the rings did not settle (the first `unsettled` of them, every thread's), for the JavaScript block scan. */
  unsettled: Int32Array;
  /** Agent id by slot, and by agent id the squared distance to the k-th nearest (in: last step's, out: this step's). */
  id: Int32Array;
  kth: Float64Array;
  /** The job block, each thread's scratch block and unsettled list, and the control block. */
  job: Float64Array;
  scratch: Int32Array[];
  scratchP: number[];
  lists: Int32Array[];
  ctrl: Int32Array;
}

/** This thread's search memory: its own, or (once helpers are attached) one shared with them. */
let memory = new ThreadMemory<RingExports>(wasmRingModule, 'wasm ring search');
let helpers = 0;
let layout: RingLayout | null = null;

/**
 * Share this thread's ring search with `count` helper threads: from now on its memory is a shared one.
 * Returns what each helper needs (post it to the helper, which calls serveRingHelper), or null where
 * shared memory is unavailable (then nothing changes). Call before this thread's first search.
 */
export function shareRingSearch(count: number): RingHelperInit[] | null {
  const m = wasmRingSharedModule();
  if (!m || count < 1) return null;
  const shared = new ThreadMemory<RingExports>(wasmRingSharedModule, 'wasm ring search', SHARED_MAX_PAGES);
  try {
    shared.ensure(CTRL_BYTES + JOB_BYTES);
  } catch {
    return null; // the shared memory's reservation refused (a small or 32-bit device): search alone
  }
  helpers = Math.min(MAX_RING_HELPERS, Math.floor(count));
  memory = shared;
  layout = null;
  return Array.from({ length: helpers }, (_, k) => ({ memory: memory.handle!, module: m, index: k + 1 }));
}

/** What a helper thread needs: the shared memory, the module, and its index (1, 2, …). */
export interface RingHelperInit {
  memory: WebAssembly.Memory;
  module: WebAssembly.Module;
  index: number;
}

/** Threads a large search is split between (1 + helpers). */
export function ringSearchThreads(): number {
  return 1 + helpers;
}

/** The control block of this thread's shared search (null unless helpers are attached). */
export function ringControl(): Int32Array | null {
  const b = memory.buffer;
  return helpers > 0 && b ? new Int32Array(b, 0, CTRL_BYTES / 4) : null;
}

export function ringLayoutFor(n: number, groups: number, buckets: number): RingLayout {
  const l = layout;
  if (l && l.n === n && l.groups === groups && l.buckets === buckets && l.buffer === memory.buffer) return l;
  const threads = 1 + helpers;
  const at = new LineLayout();
  const ctrlP = at.take(CTRL_BYTES), jobP = at.take(JOB_BYTES);
  // One slack slot in the candidate arrays: lane 1 of a segment's last pair may read it (masked).
  const bxP = at.take((n + 1) * 8), byP = at.take((n + 1) * 8), bcxP = at.take((n + 1) * 4), bcyP = at.take((n + 1) * 4), permP = at.take(n * 4);
  const xP = at.take(n * 8), yP = at.take(n * 8), hxP = at.take(n * 8), hyP = at.take(n * 8), groupP = at.take(n * 2), affP = at.take(groups * groups * 4);
  const bucketStartP = at.take((buckets + 1) * 4), bufP = at.take(n * 64), idP = at.take(n * 4), kthP = at.take(n * 8);
  // Per thread: its scratch block, segments, k-buffer, the candidates passing one ring's tests (at
  // most everyone, plus the two lanes of a last store), and its unsettled list.
  const scratchP: number[] = [];
  const fields: number[][] = [];
  for (let t = 0; t < threads; t++) {
    scratchP.push(at.take(8 * 4));
    fields.push([at.take(SEGS * 4), at.take(K_MAX * 8), at.take(K_MAX * 4), at.take((n + 2) * 8), at.take((n + 2) * 4), at.take(n * 4)]);
  }
  const b = memory.ensure(at.end);
  const job = new Float64Array(b, jobP, JOB_BYTES / 8);
  const slots: Array<[keyof typeof J, number]> = [['bx', bxP], ['by', byP], ['bcx', bcxP], ['bcy', bcyP], ['perm', permP], ['x', xP], ['y', yP], ['hx', hxP], ['hy', hyP],
    ['group', groupP], ['aff', affP], ['bucketStart', bucketStartP], ['buf', bufP], ['id', idP], ['kth', kthP]];
  for (const [key, p] of slots) job[J[key]] = p;
  job[J.groups] = groups;
  const scratch = scratchP.map((p, t) => {
    const s = new Int32Array(b, p, 8);
    fields[t].forEach((f, k) => (s[k] = f));
    job[J.scratch0 + t] = p;
    return s;
  });
  layout = {
    n, groups, buckets, buffer: b, job, scratch, scratchP, ctrl: new Int32Array(b, ctrlP, CTRL_BYTES / 4),
    lists: fields.map((f) => new Int32Array(b, f[5], n)),
    bx: new Float64Array(b, bxP, n), by: new Float64Array(b, byP, n), bcx: new Int32Array(b, bcxP, n), bcy: new Int32Array(b, bcyP, n),
    perm: new Int32Array(b, permP, n), x: new Float64Array(b, xP, n), y: new Float64Array(b, yP, n),
    hx: new Float64Array(b, hxP, n), hy: new Float64Array(b, hyP, n), group: new Uint16Array(b, groupP, n),
    affinity: new Float32Array(b, affP, groups * groups), bucketStart: new Int32Array(b, bucketStartP, buckets + 1),
    buf: new Float64Array(b, bufP, n * 8), unsettled: new Int32Array(b, fields[0][5], n),
    id: new Int32Array(b, idP, n), kth: new Float64Array(b, kthP, n),
  };
  return layout;
}

/** Bytes of this thread's ring-search memory (0 before the first search). */
export function wasmRingMemoryBytes(): number {
  return memory.bytes;
}

let lastReruns = 0;

/**
 * Run the search and the sums on the inputs already in `l` (filled by the caller): the sums are in
 * l.buf; returns how many slots were left unsettled (listed in l.unsettled).
 */
export function wasmFindNearest(l: RingLayout, nx: number, ny: number, side: number, wrap: boolean, limitFov: boolean, k: number,
  maxRing: number, step: number, cellW: number, cellH: number, w: number, h: number, rMax2: number, cosHalfFov: number,
  rRep2: number, rAli2: number, rAtt2: number, slack: number): number {
  const job = l.job;
  job[J.n] = l.n; job[J.nx] = nx; job[J.ny] = ny; job[J.side] = side; job[J.flags] = (wrap ? F_WRAP : 0) | (limitFov ? F_FOV : 0);
  job[J.k] = k; job[J.maxRing] = maxRing; job[J.step] = step; job[J.cellW] = cellW; job[J.cellH] = cellH; job[J.w] = w; job[J.h] = h;
  job[J.rMax2] = rMax2; job[J.cosFov] = cosHalfFov; job[J.rRep2] = rRep2; job[J.rAli2] = rAli2; job[J.rAtt2] = rAtt2; job[J.slack] = slack;
  for (const s of l.scratch) s[S.count] = s[S.reruns] = 0;
  const find = memory.exports!.findNearest;
  const jobP = job.byteOffset;
  if (helpers === 0 || l.n < PARALLEL_MIN) find(jobP, l.scratchP[0], 0, l.n);
  else searchShared(l, find, jobP);
  // Every thread's unsettled slots, one list (each is summed on its own, so their order is immaterial).
  let total = l.scratch[0][S.count];
  lastReruns = l.scratch[0][S.reruns];
  for (let t = 1; t < l.scratch.length; t++) {
    const c = l.scratch[t][S.count];
    l.unsettled.set(l.lists[t].subarray(0, c), total);
    total += c;
    lastReruns += l.scratch[t][S.reruns];
  }
  return total;
}

/** Split the search into chunks that this thread and the helpers claim until none is left. */
function searchShared(l: RingLayout, find: RingExports['findNearest'], jobP: number): void {
  const ctrl = l.ctrl;
  const n = l.n;
  const chunk = Math.max(256, Math.ceil(n / (8 * (1 + helpers))));
  const chunks = Math.ceil(n / chunk);
  // The job is written; open it by storing the chunks left (last), then wake the helpers.
  Atomics.store(ctrl, C.n, n);
  Atomics.store(ctrl, C.chunk, chunk);
  Atomics.store(ctrl, C.done, 0);
  Atomics.store(ctrl, C.left, chunks);
  Atomics.add(ctrl, C.gen, 1);
  Atomics.notify(ctrl, C.gen);
  searchChunks(ctrl, l.job, find, 0);
  // Wait for chunks a helper claimed and is still searching (a helper that died would hang the lab).
  for (let d = Atomics.load(ctrl, C.done); d < chunks; d = Atomics.load(ctrl, C.done)) {
    if (Atomics.wait(ctrl, C.done, d, HELPER_TIMEOUT_MS) === 'timed-out' && Atomics.load(ctrl, C.done) === d) {
      throw new Error(`ring search: a helper thread stopped answering for ${HELPER_TIMEOUT_MS / 1000} s; reload, or open the lab with ?threads=1`);
    }
  }
}

/**
 * Claim and search chunks of the open job until none is left (the leader's and every helper's loop).
 * A claim is one atomic decrement of the chunks left, judged by its own result: a positive count is a
 * chunk of the job that is open (which cannot end before that chunk is done, so its size and count,
 * read after, are that job's); zero or less means none is open, and a late claim only pushes the count
 * further below zero until the next job stores its own.
 */
function searchChunks(ctrl: Int32Array, job: Float64Array, find: RingExports['findNearest'], thread: number): void {
  for (;;) {
    const left = Atomics.sub(ctrl, C.left, 1);
    if (left <= 0) return;
    const c = left - 1;
    const chunk = Atomics.load(ctrl, C.chunk), n = Atomics.load(ctrl, C.n);
    find(JOB_OFFSET, job[J.scratch0 + thread], c * chunk, Math.min(n, (c + 1) * chunk));
    ctrl[C.searched + thread]++;
    Atomics.add(ctrl, C.done, 1);
    Atomics.notify(ctrl, C.done);
  }
}

/**
 * A helper thread's life (call it there with what shareRingSearch returned; it returns only when the
 * leader calls stopRingHelpers): wait for a job, search chunks of it, wait again. Platform-free: the
 * face starts the thread (a Web Worker, a worker_threads Worker) and calls this.
 */
export function serveRingHelper(init: RingHelperInit): void {
  const own = new ThreadMemory<RingExports>(() => init.module, 'wasm ring helper');
  own.adopt(init.memory);
  const buffer = init.memory.buffer;
  const ctrl = new Int32Array(buffer, 0, CTRL_BYTES / 4);
  const job = new Float64Array(buffer, JOB_OFFSET, JOB_BYTES / 8);
  const find = own.exports!.findNearest;
  for (let seen = Atomics.load(ctrl, C.gen); ; seen = Atomics.load(ctrl, C.gen)) {
    if (Atomics.load(ctrl, C.quit)) return;
    searchChunks(ctrl, job, find, init.index);
    Atomics.wait(ctrl, C.gen, seen);
  }
}

/** Let this thread's helpers return (their serveRingHelper ends); later searches run on this thread alone. */
export function stopRingHelpers(): void {
  const ctrl = ringControl();
  if (!ctrl) return;
  Atomics.store(ctrl, C.quit, 1);
  Atomics.add(ctrl, C.gen, 1);
  Atomics.notify(ctrl, C.gen);
  helpers = 0;
}

/** How many agents the last search on this thread searched twice (last step's bound too tight). */
export function wasmRingReruns(): number {
  return lastReruns;
}
