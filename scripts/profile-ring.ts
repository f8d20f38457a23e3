// What the WebAssembly ring search costs, and how much of it is the data rather than the work: the
// default scenario's search timed on many different states in turn (as a batch run sees them) and on
// one state repeated (the processor then learns every branch), and the 10k ecosystem's search on one
// state. docs/performance.md, "Third round". Usage: npx tsx scripts/profile-ring.ts
import { DEFAULT_SCENARIO_NAME, SCENARIOS } from '../sim/model/catalog.ts';
import { resolveScenario } from '../sim/model/scenario.ts';
import { Simulation } from '../sim/model/simulation.ts';
import type { Flock } from '../sim/kernel/flock.ts';
import type { Accumulators } from '../sim/kernel/neighbours.ts';
import { scaledScenarioRaw } from '../src/cli/scaled.ts';

function searchMs(flock: Flock): number {
  const t0 = performance.now();
  flock.search!.accumulate(flock, (flock as unknown as { acc: Accumulators }).acc); // the flock's own accumulators (private)
  return performance.now() - t0;
}

const base = resolveScenario(SCENARIOS[DEFAULT_SCENARIO_NAME]);
// 38 states: seeds 20, 30, …, 390, each run to that many ticks (spontaneous mode).
const sims: Simulation[] = [];
for (let tick = 20; tick < 400; tick += 10) {
  const sim = new Simulation(base, { mode: 'spontaneous', seed: tick, stopWhenResolved: false });
  while (sim.tick < tick) sim.step();
  sims.push(sim);
}
let varied = 0, n = 0;
for (let r = 0; r < 300; r++) for (const sim of sims) (varied += searchMs(sim.flock)), n++;
let repeated = 0, m = 0;
for (const sim of sims) for (let r = 0; r < 300; r++) (repeated += searchMs(sim.flock)), m++;
console.log(`default scenario (${sims[0].flock.n} people), ms per search: ${(varied / n).toFixed(4)} on 38 states in turn, ${(repeated / m).toFixed(4)} on one state repeated`);

const big = new Simulation(resolveScenario(scaledScenarioRaw(10_000)), { mode: 'spontaneous', seed: 1, stopWhenResolved: false });
for (let k = 0; k < 30; k++) big.step();
let t = 0;
for (let r = 0; r < 50; r++) t += searchMs(big.flock);
const s = big.flock.search!;
console.log(`10k ecosystem, tick 30: ${(t / 50).toFixed(3)} ms per search; search cell ${s.cellSize.toFixed(2)}, ${s.unsettled} left to the block scan, ${s.reruns} searched twice`);
