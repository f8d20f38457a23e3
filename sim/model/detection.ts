/**
 * Shocks open at their onset; then the people who can see a problem notice it (spec sections 4, 9.4):
 *  - the owner firm's front line in a department the shock touches (a logistics outage is noticed in
 *    logistics), and
 *  - for a demand spike, the customer segment (the social-CRM signal of the seeds),
 * each at hazard detectRate while within their perception range of where the problem *shows*.
 *
 * Where a problem shows is not where it is worked on. A shock's `location` is where the cross-firm
 * work happens (by default between the firms whose skills it needs, ~20 u from the owner); its
 * symptom shows at the owner (`signal`, default the owner's home: the retailer's empty shelves), and a
 * demand spike is felt by customers where they are (their own segment's home). Measuring detection
 * from the work site made only far-seeing boundary spanners able to detect the default shock, so
 * without spanners nothing ever happened (a cliff), and λ — which connects spanners first — measured
 * who could see rather than who was connected. Here detection depends on neither spanners nor
 * connection, and is the same in every mode (same stream, same people, same positions before it).
 *
 * Detection only records who noticed: the first detector of each shock is written to `detector` /
 * `detectedAt` and the shock is listed in `found`. What happens next (the detector fixes their own
 * job, the hierarchy escalates, the shared space hears of it) is done by the phases that read `found`.
 */
import type { Flock } from '../kernel/flock.ts';
import { hazard, type Rng } from '../rng.ts';
import type { People } from './ecosystem.ts';
import type { FirmSpec } from './scenario.ts';
import { AWARE, INFORMED, OPEN, PENDING, type PersonState, type ShockState } from './state.ts';

/** The shocks first detected during this tick (reused every tick). */
export class Detections {
  readonly shocks: Int32Array;
  count = 0;
  constructor(capacity: number) {
    this.shocks = new Int32Array(capacity);
  }
}

export function openShocks(shocks: ShockState, t: number): void {
  for (let s = 0; s < shocks.count; s++) {
    if (shocks.status[s] === PENDING && shocks.specs[s].onset <= t + 1e-9) shocks.status[s] = OPEN;
  }
}

export interface DetectionInputs {
  shocks: ShockState;
  people: People;
  state: PersonState;
  firms: FirmSpec[];
  flock: Flock;
  rng: Rng;
  detectRate: number;
  dt: number;
}

export function detect(d: DetectionInputs, t: number, found: Detections): void {
  const { shocks, people: p, firms, flock } = d;
  found.count = 0;
  for (let s = 0; s < shocks.count; s++) {
    if (shocks.status[s] !== OPEN || shocks.detector[s] >= 0) continue;
    const spec = shocks.specs[s];
    const owner = spec.owner;
    const demand = spec.kind === 'demand-spike';
    const need = shocks.needMask[s];
    for (let id = 0; id < p.n; id++) {
      const f = p.firm[id];
      const ownFrontLine = f === owner && p.frontLine[id] === 1 && (need & (1 << p.func[id])) !== 0;
      const customer = demand && firms[f].role === 'customer';
      if (!ownFrontLine && !customer) continue;
      // Owner's people see the symptom at the owner; customers feel a demand spike at home.
      const sx = ownFrontLine ? spec.signal[0] : firms[f].home[0];
      const sy = ownFrontLine ? spec.signal[1] : firms[f].home[1];
      const slot = flock.slotOf[id];
      const dx = flock.x[slot] - sx;
      const dy = flock.y[slot] - sy;
      const range = p.perception[id];
      if (dx * dx + dy * dy > range * range) continue;
      if (!hazard(d.rng, d.detectRate, d.dt)) continue;
      shocks.detector[s] = id;
      shocks.detectedAt[s] = t;
      d.state.aware[id * shocks.count + s] = AWARE;
      if (d.state.state[id] < INFORMED) d.state.state[id] = INFORMED;
      found.shocks[found.count++] = s;
      break;
    }
  }
}
