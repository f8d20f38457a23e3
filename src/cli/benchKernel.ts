/** One kernel measurement in this process: speed, then memory (needs --expose-gc for exact figures). */
import { Flock, type PairPass } from '../../sim/kernel/flock.ts';
import { boids } from '../../sim/kernel/presets.ts';
import { createRng } from '../../sim/rng.ts';
import { wasmPairsMemoryBytes } from '../../sim/kernel/wasmPairs.ts';

export interface KernelBenchResult {
  n: number;
  /** The pair pass measured. */
  pairPass: 'js' | 'wasm';
  neighboursPerAgent: number;
  steps: number;
  stepsPerSec: number;
  agentUpdatesPerSec: number;
  msPerStep: { median: number; min: number; max: number };
  heapBytesPerAgent: number;
  /** Retained heap growth per step (GC before and after). Must be ~0. */
  heapGrowthPerStep: number;
  /** Heap allocated per step with no GC in between: 0 when step() allocates nothing. */
  allocatedBytesPerStep: number;
  gcAvailable: boolean;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** JS heap + array buffers + the WebAssembly pair pass's memory (which Node does not count). */
function usedBytes(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers + wasmPairsMemoryBytes();
}

export function benchKernel(n: number, seconds: number, pairPass: PairPass = 'auto', memSteps = Math.max(50, Math.min(2000, Math.round(2e7 / n)))): KernelBenchResult {
  const before = usedBytes();
  const rng = createRng(42);
  const flock = new Flock(boids({ n }), rng, { pairPass });
  flock.step(rng); // the first step allocates what is allocated lazily (the WebAssembly pass's memory)
  const afterBuild = usedBytes();
  // Warm up the JIT and let the flock leave its random start.
  const warm = performance.now();
  while (performance.now() - warm < Math.min(1000, seconds * 300)) flock.step(rng);
  const times: number[] = [];
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000 || times.length < 5) {
    const s = performance.now();
    flock.step(rng);
    times.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  // Memory phase, with nothing else running: bytes retained per step (GC before and after) and bytes
  // allocated per step (heap delta with no GC in between: zero when step() allocates nothing).
  const heapStart = usedBytes();
  for (let k = 0; k < 3; k++) flock.step(rng);
  const rawStart = process.memoryUsage().heapUsed;
  for (let k = 0; k < memSteps; k++) flock.step(rng);
  const rawEnd = process.memoryUsage().heapUsed;
  const heapEnd = usedBytes();
  times.sort((a, b) => a - b);
  const stepsPerSec = (times.length / total) * 1000;
  return {
    n,
    pairPass: flock.pairPass,
    neighboursPerAgent: 15,
    steps: times.length,
    stepsPerSec,
    agentUpdatesPerSec: stepsPerSec * n,
    msPerStep: { median: times[times.length >> 1], min: times[0], max: times[times.length - 1] },
    heapBytesPerAgent: (afterBuild - before) / n,
    heapGrowthPerStep: (heapEnd - heapStart) / memSteps,
    allocatedBytesPerStep: Math.max(0, (rawEnd - rawStart) / memSteps),
    gcAvailable: gc !== undefined,
  };
}
