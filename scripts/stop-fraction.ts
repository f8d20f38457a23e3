// How much of the horizon batch runs simulate now that they stop once settled (docs/performance.md):
//   npx tsx scripts/stop-fraction.ts [seeds]
import { SCENARIOS } from '../sim/model/catalog.ts';
import { resolveScenario } from '../sim/model/scenario.ts';
import { Simulation } from '../sim/model/simulation.ts';
const sc = resolveScenario(SCENARIOS['drug-shortage']);
let ticks = 0, full = 0, runs = 0;
const seeds = Number(process.argv[2] ?? 40);
for (let seed = 1; seed <= seeds; seed++) for (const mode of ['hierarchical', 'spontaneous'] as const) {
  const sim = new Simulation(sc, { mode, seed }); sim.run(); ticks += sim.tick; full += sim.ticks; runs++;
}
console.log(`stopped runs use ${(100 * ticks / full).toFixed(1)}% of the horizon's ticks on average (${runs} runs, mean stop at ${(ticks / runs * sc.run.dt).toFixed(1)} h of ${sc.run.horizon} h)`);
