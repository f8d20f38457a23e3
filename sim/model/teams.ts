/**
 * Teams and gaps (spec section 4): committing people to shocks, engaging on arrival, dropping out
 * (hazard dropoutRate × (1 − trust)/trust for cross-firm members of self-assembled teams),
 * coverage C = min over needed skills of min(1, E_m / (w_m·E*)), closure dG/dt = −r_max·C, and
 * releasing people when a shock is resolved or a false alarm is seen through.
 */
import { GOAL_NONE, GOAL_POINT } from '../kernel/flock.ts';
import { hazard } from '../rng.ts';
import { K } from './params.ts';
import { AWARE, COMMITTED, DECLINED, DISMISSED, ENGAGED, IDLE, INFORMED, OPEN, RESOLVED } from './state.ts';
import type { Detections } from './detection.ts';
import { ownJob } from './hierarchical.ts';
import type { Simulation } from './simulation.ts';

/**
 * Commit person `id` to shock `s`: directed (hierarchical assignment, ω = assignOmega, no cross-firm
 * flocking) or self-chosen (ω = commitOmega, flocks with other committed people across firms).
 * The day job's pull is set aside while committed.
 */
export function assignTo(sim: Simulation, id: number, s: number, directed: boolean): void {
  const { people, shocks, flock, scenario } = sim;
  const p = sim.eco.people;
  people.state[id] = COMMITTED;
  people.target[id] = s;
  people.directed[id] = directed ? 1 : 0;
  people.aware[id * shocks.count + s] = AWARE;
  const [lx, ly] = shocks.specs[s].location;
  flock.setGoal(id, GOAL_POINT, lx, ly, directed ? scenario.hierarchy.assignOmega : scenario.shared.commitOmega);
  flock.setHome(id, scenario.firms[p.firm[id]].home[0], scenario.firms[p.firm[id]].home[1], 0);
  flock.setGroup(id, groupOf(p.firm[id], directed ? GROUP_DIRECTED : GROUP_SELF));
  addProjected(sim, id, s, 1);
  shocks.committedCount[s]++;
}

/**
 * A problem the detector's own department covers alone is simply fixed by the detector, in every
 * mode: the front line does not escalate its own job. Consumes what detection emitted.
 */
export function fixOwnJobs(sim: Simulation, found: Detections): void {
  for (let k = 0; k < found.count; k++) {
    const s = found.shocks[k];
    const id = sim.shocks.detector[s];
    if (ownJob(sim, s) && sim.people.state[id] < COMMITTED) assignTo(sim, id, s, true);
  }
}

/** Back to the day job (state informed while the shock is still open and known, else idle). */
export function release(sim: Simulation, id: number, declined: boolean): void {
  const { people, shocks, flock, scenario } = sim;
  const p = sim.eco.people;
  const s = people.target[id];
  if (s >= 0) {
    addProjected(sim, id, s, -1);
    shocks.committedCount[s]--;
    if (declined) people.aware[id * shocks.count + s] = DECLINED;
  }
  people.state[id] = s >= 0 && shocks.status[s] === OPEN ? INFORMED : IDLE;
  people.target[id] = -1;
  people.directed[id] = 0;
  flock.setGoal(id, GOAL_NONE, 0, 0, 0);
  const home = scenario.firms[p.firm[id]].home;
  flock.setHome(id, home[0], home[1], p.homePull[id]);
  flock.setGroup(id, groupOf(p.firm[id], GROUP_IDLE));
}

/** Projected per-skill coverage (committed + engaged), as the shared space shows it. */
function addProjected(sim: Simulation, id: number, s: number, sign: number): void {
  const { shocks, scenario } = sim;
  const spec = shocks.specs[s];
  const cap = scenario.ecosystem.spareCapacity;
  for (let m = 0; m < K; m++) {
    if (spec.mix[m] <= 0) continue;
    shocks.projected[s * K + m] += (sign * sim.skill(id, m) * cap) / (spec.mix[m] * scenario.shock.effortStar);
  }
}

/** Kernel group of a person: three per firm (idle, on a directed assignment, self-committed). */
export const GROUP_IDLE = 0;
export const GROUP_DIRECTED = 1;
export const GROUP_SELF = 2;
export function groupOf(firm: number, kind: number): number {
  return firm * 3 + kind;
}

/**
 * Affinity between kernel groups. Within a firm, 1 between people of the same activity (idle with
 * idle, committed with committed) and 0 between idle and committed: whoever redirects attention to a
 * shock stops being held by colleagues at the day job. Across firms, trust·(1 + γ·complementarity)
 * between self-committed people only (spontaneous association); 0 otherwise (the hierarchy has no
 * cross-firm flocking without a formal assignment, and directed people follow orders, not peers).
 */
export function setAffinity(sim: Simulation): void {
  const F = sim.scenario.firms.length;
  const G = 3 * F;
  const a = new Array(G * G).fill(0);
  const { trust } = sim.scenario;
  const { gamma } = sim.scenario.shared;
  for (let gi = 0; gi < G; gi++) {
    for (let gj = 0; gj < G; gj++) {
      const fi = Math.floor(gi / 3);
      const fj = Math.floor(gj / 3);
      const ki = gi % 3;
      const kj = gj % 3;
      if (fi === fj) a[gi * G + gj] = (ki === GROUP_IDLE) === (kj === GROUP_IDLE) ? 1 : 0;
      else if (ki === GROUP_SELF && kj === GROUP_SELF) a[gi * G + gj] = trust[fi][fj] * (1 + gamma * sim.eco.complementarity[fi][fj]);
    }
  }
  sim.flock.setAffinity(G, a);
}

export function engageAndDrop(sim: Simulation, t: number): void {
  const { people, shocks, dt, scenario } = sim;
  const p = sim.eco.people;
  const r2 = scenario.shock.teamRadius * scenario.shock.teamRadius;
  const dropout = scenario.shared.dropoutRate;
  for (let id = 0; id < p.n; id++) {
    const s = people.target[id];
    if (s < 0) continue;
    if (people.state[id] === COMMITTED) {
      const [lx, ly] = shocks.specs[s].location;
      const dx = sim.x(id) - lx;
      const dy = sim.y(id) - ly;
      if (dx * dx + dy * dy <= r2) {
        people.state[id] = ENGAGED;
        people.engagedAt[id] = t;
      }
    }
    // Cross-firm members of self-assembled teams drop out when trust in the owner is weak: the hazard
    // grows with the odds of distrust, (1 − trust)/trust, so teams hold at high trust and fall apart
    // as trust goes to zero ("cross-firm teams don't hold", spec §6).
    const owner = shocks.specs[s].owner;
    if (!people.directed[id] && p.firm[id] !== owner && dropout > 0) {
      const trust = scenario.trust[p.firm[id]][owner];
      if (hazard(sim.rng.shared, (dropout * (1 - trust)) / Math.max(trust, scenario.shared.trustFloor), dt)) release(sim, id, true);
    }
  }
}

/**
 * Capacity each person can give to shocks this tick: spare capacity less the attention cost of
 * watching every active shock in the shared space (connected people only), at most attentionCap of it.
 * Exactly 0 when attention takes it all (a zero is a zero: such a person neither commits nor adds effort).
 */
export function allotCapacity(sim: Simulation): void {
  const { shocks, scenario, capacity } = sim;
  const p = sim.eco.people;
  let visibleActive = 0;
  for (let s = 0; s < shocks.count; s++) if (shocks.status[s] === OPEN && shocks.broadcast[s]) visibleActive++;
  const spare = scenario.ecosystem.spareCapacity;
  const attention = Math.min(scenario.shared.attentionCost * visibleActive, scenario.shared.attentionCap * spare);
  for (let id = 0; id < p.n; id++) capacity[id] = p.connected[id] ? Math.max(0, spare - attention) : spare;
}

export function measureCoverage(sim: Simulation): void {
  const { people, shocks, scenario, capacity } = sim;
  const S = shocks.count;
  const p = sim.eco.people;
  shocks.effort.fill(0);
  shocks.teamSize.fill(0);
  for (let id = 0; id < p.n; id++) {
    if (people.state[id] !== ENGAGED) continue;
    const s = people.target[id];
    shocks.teamSize[s]++;
    for (let m = 0; m < K; m++) shocks.effort[s * K + m] += sim.skill(id, m) * capacity[id];
  }
  const eStar = scenario.shock.effortStar;
  for (let s = 0; s < S; s++) {
    const mix = shocks.specs[s].mix;
    let c = 1;
    for (let m = 0; m < K; m++) if (mix[m] > 0) c = Math.min(c, shocks.effort[s * K + m] / (mix[m] * eStar));
    shocks.coverage[s] = shocks.status[s] === OPEN ? Math.min(1, c) : 0;
  }
}

export function closeGaps(sim: Simulation, t: number): void {
  const { shocks, people, dt, scenario } = sim;
  const p = sim.eco.people;
  const now = t + dt;
  for (let s = 0; s < shocks.count; s++) {
    if (shocks.status[s] !== OPEN) {
      if (shocks.committedCount[s] > 0) for (let id = 0; id < p.n; id++) if (people.target[id] === s) release(sim, id, false);
      continue;
    }
    const spec = shocks.specs[s];
    if (shocks.coverage[s] >= scenario.shock.teamCoverage && Number.isNaN(shocks.teamAt[s])) shocks.teamAt[s] = now;
    if (spec.falseAlarm) {
      // Nothing to fix, but it takes the people who would fix it to see that: investigation advances
      // at the team's coverage, and the alarm is seen through after falseAlarmDiscovery hours of
      // fully covered work (a lone non-specialist would take many times longer).
      shocks.gap[s] = Math.max(0, shocks.gap[s] - (spec.gap / Math.max(1e-9, scenario.shared.falseAlarmDiscovery)) * shocks.coverage[s] * dt);
      if (shocks.gap[s] === 0) shocks.status[s] = DISMISSED;
    } else {
      shocks.gap[s] = Math.max(0, shocks.gap[s] - spec.rMax * shocks.coverage[s] * dt);
      if (shocks.gap[s] === 0) {
        shocks.status[s] = RESOLVED;
        shocks.closedAt[s] = now;
      }
    }
    if (shocks.status[s] !== OPEN) {
      for (let id = 0; id < p.n; id++) if (people.target[id] === s) release(sim, id, false);
      if (shocks.escalation[s] >= 0) sim.escalator?.cancel(shocks.escalation[s]);
    }
  }
}
