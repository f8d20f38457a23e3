/**
 * Teams and gaps (spec section 4): the detector fixing their own job, engaging while on site, capacity
 * after attention, coverage C = min over needed skills of min(1, E_m / (w_m·E*)), closure
 * dG/dt = −r_max·C, and releasing people when a shock is resolved or a false alarm is seen through.
 * Each phase is handed the crew (people, their state, shocks, flock) and the parameters it reads.
 */
import type { Escalator } from '../hierarchy/escalator.ts';
import type { Flock } from '../kernel/flock.ts';
import { assignTo, GROUP_IDLE, GROUP_SELF, ownJob, release, skillOf, type Crew } from './crew.ts';
import type { Detections } from './detection.ts';
import { K, type ModelParams } from './params.ts';
import { COMMITTED, DISMISSED, ENGAGED, OPEN, RESOLVED } from './state.ts';

/**
 * A problem the detector's own department covers alone is simply fixed by the detector, in every
 * mode: the front line does not escalate its own job. Consumes what detection emitted.
 */
export function fixOwnJobs(crew: Crew, found: Detections): void {
  for (let k = 0; k < found.count; k++) {
    const s = found.shocks[k];
    const id = crew.shocks.detector[s];
    if (ownJob(crew, s) && crew.state.state[id] < COMMITTED) assignTo(crew, id, s, true);
  }
}

/**
 * Affinity between kernel groups (set once, at the start). Within a firm, 1 between people of the
 * same activity (idle with idle, committed with committed) and 0 between idle and committed: whoever
 * redirects attention to a shock stops being held by colleagues at the day job. Across firms,
 * scale·trust·(1 + γ·complementarity) between self-committed people only (spontaneous association); 0
 * otherwise (the hierarchy has no cross-firm flocking without a formal assignment, and directed
 * people follow orders, not peers).
 */
export function setAffinity(flock: Flock, trust: number[][], complementarity: number[][], gamma: number, scale = 1): void {
  const F = trust.length;
  const G = 3 * F;
  const a = new Array(G * G).fill(0);
  for (let gi = 0; gi < G; gi++) {
    for (let gj = 0; gj < G; gj++) {
      const fi = Math.floor(gi / 3);
      const fj = Math.floor(gj / 3);
      const ki = gi % 3;
      const kj = gj % 3;
      if (fi === fj) a[gi * G + gj] = (ki === GROUP_IDLE) === (kj === GROUP_IDLE) ? 1 : 0;
      else if (ki === GROUP_SELF && kj === GROUP_SELF) a[gi * G + gj] = scale * trust[fi][fj] * (1 + gamma * complementarity[fi][fj]);
    }
  }
  flock.setAffinity(G, a);
}

export interface TeamRules {
  teamRadius: number;
}

/**
 * The team is where the work is (spec §4: engaged people within teamRadius of the shock): a committed
 * person on site is engaged, and an engaged person who drifts out of range — pulled back by the day
 * job, or carried off by noise when the team's cohesion is weak — is committed again (still heading
 * back) and adds no effort until they return. There is no separate drop-out term: whether a
 * self-assembled team holds is decided by movement (goal, cohesion, home pull, noise).
 */
export function engageOnSite(crew: Crew, rules: TeamRules, t: number): void {
  const { state, shocks, flock, people: p } = crew;
  const r2 = rules.teamRadius * rules.teamRadius;
  for (let id = 0; id < p.n; id++) {
    const s = state.target[id];
    if (s < 0) continue;
    const [lx, ly] = shocks.specs[s].location;
    const slot = flock.slotOf[id];
    const dx = flock.x[slot] - lx;
    const dy = flock.y[slot] - ly;
    const onSite = dx * dx + dy * dy <= r2;
    if (onSite && state.state[id] === COMMITTED) {
      state.state[id] = ENGAGED;
      state.engagedAt[id] = t;
    } else if (!onSite && state.state[id] === ENGAGED) {
      state.state[id] = COMMITTED;
    }
  }
}

/**
 * Capacity each person can give to shocks this tick: spare capacity less the attention cost of
 * watching every active shock in the shared space (connected people only), at most attentionCap of it.
 * Exactly 0 when attention takes it all (a zero is a zero: such a person neither commits nor adds effort).
 */
export function allotCapacity(crew: Crew, shared: Pick<ModelParams['shared'], 'attentionCost' | 'attentionCap'>): void {
  const { shocks, capacity, people: p, spare } = crew;
  let visibleActive = 0;
  for (let s = 0; s < shocks.count; s++) if (shocks.status[s] === OPEN && shocks.broadcast[s]) visibleActive++;
  const attention = Math.min(shared.attentionCost * visibleActive, shared.attentionCap * spare);
  for (let id = 0; id < p.n; id++) capacity[id] = p.connected[id] ? Math.max(0, spare - attention) : spare;
}

/** Effort per skill of engaged people at this tick's capacity, and coverage C per shock. */
export function measureCoverage(crew: Crew): void {
  const { state, shocks, capacity, people: p } = crew;
  const S = shocks.count;
  shocks.effort.fill(0);
  shocks.teamSize.fill(0);
  for (let id = 0; id < p.n; id++) {
    if (state.state[id] !== ENGAGED) continue;
    const s = state.target[id];
    shocks.teamSize[s]++;
    for (let m = 0; m < K; m++) shocks.effort[s * K + m] += skillOf(p, id, m) * capacity[id];
  }
  const eStar = crew.effortStar;
  for (let s = 0; s < S; s++) {
    const mix = shocks.specs[s].mix;
    let c = 1;
    for (let m = 0; m < K; m++) if (mix[m] > 0) c = Math.min(c, shocks.effort[s * K + m] / (mix[m] * eStar));
    shocks.coverage[s] = shocks.status[s] === OPEN ? Math.min(1, c) : 0;
  }
}

export interface ClosureRules {
  teamCoverage: number;
  falseAlarmDiscovery: number;
  dt: number;
  /** The hierarchy's escalations, cancelled when their shock is resolved (null without a hierarchy). */
  escalator: Escalator | null;
}

export function closeGaps(crew: Crew, rules: ClosureRules, t: number): void {
  const { shocks, state, people: p } = crew;
  const dt = rules.dt;
  const now = t + dt;
  for (let s = 0; s < shocks.count; s++) {
    if (shocks.status[s] !== OPEN) {
      if (shocks.committedCount[s] > 0) for (let id = 0; id < p.n; id++) if (state.target[id] === s) release(crew, id);
      continue;
    }
    const spec = shocks.specs[s];
    if (shocks.coverage[s] >= rules.teamCoverage && Number.isNaN(shocks.teamAt[s])) shocks.teamAt[s] = now;
    if (spec.falseAlarm) {
      // Nothing to fix, but it takes the people who would fix it to see that: investigation advances
      // at the team's coverage, and the alarm is seen through after falseAlarmDiscovery hours of
      // fully covered work (a lone non-specialist would take many times longer).
      shocks.gap[s] = Math.max(0, shocks.gap[s] - (spec.gap / Math.max(1e-9, rules.falseAlarmDiscovery)) * shocks.coverage[s] * dt);
      if (shocks.gap[s] === 0) shocks.status[s] = DISMISSED;
    } else {
      shocks.gap[s] = Math.max(0, shocks.gap[s] - spec.rMax * shocks.coverage[s] * dt);
      if (shocks.gap[s] === 0) {
        shocks.status[s] = RESOLVED;
        shocks.closedAt[s] = now;
      }
    }
    if (shocks.status[s] !== OPEN) {
      for (let id = 0; id < p.n; id++) if (state.target[id] === s) release(crew, id);
      if (shocks.escalation[s] >= 0) rules.escalator?.cancel(shocks.escalation[s]);
    }
  }
}
