/**
 * The business model's speed: ticks/s and person-updates/s on the default scenario and on a 10×
 * ecosystem, and its cost per person relative to the pure kernel step on the same people.
 */
import { resolveScenario } from '../../sim/model/scenario.ts';
import { Simulation } from '../../sim/model/simulation.ts';
import { shippedScenario } from '../../sim/model/catalog.ts';
import { scaledScenarioRaw } from './scaled.ts';
import { applyOverrides } from '../../sim/model/overrides.ts';
import type { PairPass } from '../../sim/kernel/flock.ts';
import { wasmPairsMemoryBytes } from '../../sim/kernel/wasmPairs.ts';
import type { Flock } from '../../sim/kernel/flock.ts';
import { wasmRingMemoryBytes } from '../../sim/kernel/wasmRing.ts';

export interface ModelBenchResult {
  name: string;
  people: number;
  mode: string;
  /** The kernel's neighbour pass in use: the topological ring search or the metric pair pass, each in WebAssembly or JavaScript. */
  pairPass: Flock['neighbourPass'];
  ticksPerSec: number;
  personUpdatesPerSec: number;
  /** Milliseconds per tick of the whole business step, and of its kernel phase alone. */
  msPerTick: number;
  kernelMsPerTick: number;
  /** Whole step cost / kernel cost, per person (target ≤ 3). */
  ratioToKernel: number;
  bytesPerPerson: number;
  /** Retained heap growth per tick over the timed run (GC before and after; NaN without --expose-gc). */
  heapGrowthPerTick: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * `windowTicks` > 0: time exactly that many ticks from 4 h, in fresh runs one after another until
 * `seconds` are timed, so every size is measured over the same simulated hours (a fixed time budget
 * covers 400 h of a 1k run but 6 h of a 50k one, different phases of the response).
 */
export function benchModel(name: string, people: number | null, mode: 'hierarchical' | 'spontaneous', seconds: number, pairPass: PairPass = 'auto', sets: string[] = [], windowTicks = 0): ModelBenchResult {
  const scenario = people === null ? shippedScenario('drug-shortage', sets) : resolveScenario(applyOverrides(scaledScenarioRaw(people), sets));
  gc?.();
  const before = process.memoryUsage();
  const sim = new Simulation(scenario, { mode, seed: 1, pairPass, stopWhenResolved: false });
  sim.step(); // the first step allocates what is allocated lazily (the WebAssembly pass's memory)
  gc?.();
  const after = process.memoryUsage();
  const n = sim.people.n;
  // Skip the quiet hours before the shock so the shock's dynamics are measured.
  while (sim.time < 4) sim.step();
  gc?.();
  const heapStart = process.memoryUsage();
  let ticks = 0;
  let kernelMs = 0;
  let total = 0;
  let heapEnd: NodeJS.MemoryUsage | null = null;
  let growthTicks = 1;
  for (let run = sim; ;) {
    const step = run.flock.step.bind(run.flock);
    run.flock.step = (rng) => {
      const k0 = performance.now();
      step(rng);
      kernelMs += performance.now() - k0;
    };
    const t0 = performance.now();
    let k = 0;
    while ((windowTicks > 0 ? k < windowTicks : performance.now() - t0 < seconds * 1000 || k < 20) && !run.done) {
      run.step();
      k++;
    }
    total += performance.now() - t0;
    ticks += k;
    if (!heapEnd) {
      // Growth over the first window only (later runs are new objects).
      gc?.();
      heapEnd = process.memoryUsage();
      growthTicks = Math.max(1, k);
    }
    if (windowTicks === 0 || total >= seconds * 1000) break;
    run = new Simulation(scenario, { mode, seed: 1, pairPass, stopWhenResolved: false });
    while (run.time < 4) run.step();
  }
  const msPerTick = total / ticks;
  return {
    name,
    people: n,
    mode,
    pairPass: sim.flock.neighbourPass,
    ticksPerSec: 1000 / msPerTick,
    personUpdatesPerSec: (1000 / msPerTick) * n,
    msPerTick,
    kernelMsPerTick: kernelMs / ticks,
    ratioToKernel: msPerTick / (kernelMs / ticks),
    // The WebAssembly passes' memories are shared by every flock in the thread: counted here whole.
    bytesPerPerson: gc ? (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers + (sim.flock.pairPass === 'wasm' ? wasmPairsMemoryBytes() : 0) + (sim.flock.neighbourPass === 'topological-wasm' ? wasmRingMemoryBytes() : 0)) / n : NaN,
    heapGrowthPerTick: gc ? (heapEnd!.heapUsed + heapEnd!.arrayBuffers - heapStart.heapUsed - heapStart.arrayBuffers) / growthTicks : NaN,
  };
}
