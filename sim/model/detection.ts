/**
 * Shocks open at their onset; then front-line people of the owner firm in a department the shock
 * touches (and customer-segment people, for demand spikes) within perception range notice them at
 * hazard detectRate (spec section 4).
 * What the first detector does next depends on the mode: report up the hierarchy, post in the shared
 * space, or both (hybrid). A problem the detector's own function covers alone is simply fixed by the
 * detector, in every mode: the front line does not escalate its own job.
 */
import { hazard } from '../rng.ts';
import { startEscalation } from './hierarchical.ts';
import { AWARE, COMMITTED, INFORMED, OPEN, PENDING } from './state.ts';
import type { Simulation } from './simulation.ts';
import { assignTo } from './teams.ts';

export function openShocks(sim: Simulation, t: number): void {
  const { shocks } = sim;
  for (let s = 0; s < shocks.count; s++) {
    if (shocks.status[s] === PENDING && shocks.specs[s].onset <= t + 1e-9) shocks.status[s] = OPEN;
  }
}

export function detect(sim: Simulation, t: number): void {
  const { shocks, eco, dt } = sim;
  const p = eco.people;
  const rate = sim.scenario.shock.detectRate;
  const firms = sim.scenario.firms;
  for (let s = 0; s < shocks.count; s++) {
    if (shocks.status[s] !== OPEN || shocks.detector[s] >= 0) continue;
    const spec = shocks.specs[s];
    const [lx, ly] = spec.location;
    const owner = spec.owner;
    const demand = spec.kind === 'demand-spike';
    const need = shocks.needMask[s];
    for (let id = 0; id < p.n; id++) {
      const f = p.firm[id];
      // The owner's front line in a department the problem touches (a logistics outage is noticed in
      // logistics), and customers for demand spikes (the social-CRM signal).
      const eligible = (f === owner && p.frontLine[id] === 1 && (need & (1 << p.func[id])) !== 0) || (demand && firms[f].role === 'customer');
      if (!eligible) continue;
      const dx = sim.x(id) - lx;
      const dy = sim.y(id) - ly;
      const range = p.perception[id];
      if (dx * dx + dy * dy > range * range) continue;
      if (!hazard(sim.rng.detect, rate, dt)) continue;
      onDetected(sim, s, id, t);
      break;
    }
  }
}

function onDetected(sim: Simulation, s: number, id: number, t: number): void {
  const { shocks, people, eco } = sim;
  const p = eco.people;
  shocks.detector[s] = id;
  shocks.detectedAt[s] = t;
  people.aware[id * shocks.count + s] = AWARE;
  if (people.state[id] < INFORMED) people.state[id] = INFORMED;
  const spec = shocks.specs[s];
  const ownJob = p.firm[id] === spec.owner && (shocks.needMask[s] & ~(1 << p.func[id])) === 0;
  if (ownJob && people.state[id] < COMMITTED) assignTo(sim, id, s, true);
  if (sim.usesSharedSpace && p.connected[id]) {
    // The detector posts (even what they fix themselves: the shared space shows every event);
    // connected people see it after the visibility delay.
    shocks.visibleAt[s] = t + sim.scenario.shared.visibilityDelay;
  }
  if (sim.usesHierarchy && !ownJob) startEscalation(sim, s, id, t);
}
