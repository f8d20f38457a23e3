/**
 * The people working on shocks, and the two moves every mode makes with them: committing a person to
 * a shock (a directed assignment or a self-chosen commitment) and releasing them back to the day job.
 *
 * `Crew` is what those moves read and write — people, their state, the shocks, the flock, the firms'
 * homes and the few parameters involved — built once per run and handed to the phases that commit or
 * release people, so no phase needs the whole Simulation.
 */
import { GOAL_NONE, GOAL_POINT, type Flock } from '../kernel/flock.ts';
import type { People } from './ecosystem.ts';
import { K } from './params.ts';
import type { FirmSpec } from './scenario.ts';
import type { Hands } from './hands.ts';
import { AWARE, COMMITTED, IDLE, INFORMED, OPEN, type PersonState, type ShockState } from './state.ts';

export interface Crew {
  people: People;
  state: PersonState;
  shocks: ShockState;
  flock: Flock;
  firms: FirmSpec[];
  /** Capacity each person can give this tick, after the attention cost (allotCapacity). */
  capacity: Float64Array;
  /** ω of a directed assignment and of a self-chosen commitment. */
  assignOmega: number;
  commitOmega: number;
  /** Spare capacity (effort-units/h) and E* (effort/h for full coverage), for projected coverage. */
  spare: number;
  effortStar: number;
  /** People a workshop participant plays (their join / forward decisions come from the room). */
  hands: Hands;
}

/** Kernel group of a person: three per firm (idle, on a directed assignment, self-committed). */
export const GROUP_IDLE = 0;
export const GROUP_DIRECTED = 1;
export const GROUP_SELF = 2;
export function groupOf(firm: number, kind: number): number {
  return firm * 3 + kind;
}

export function skillOf(people: People, id: number, m: number): number {
  return people.skill[id * K + m];
}

/** Whether shock s's detector can fix it alone: owner firm, and their department covers every need. */
export function ownJob(crew: Pick<Crew, 'people' | 'shocks'>, s: number): boolean {
  const { people: p, shocks } = crew;
  const id = shocks.detector[s];
  return p.firm[id] === shocks.specs[s].owner && (shocks.needMask[s] & ~(1 << p.func[id])) === 0;
}

/**
 * Commit person `id` to shock `s`: directed (hierarchical assignment, ω = assignOmega, no cross-firm
 * flocking, the day job's pull set aside) or self-chosen (ω = commitOmega, flocks with other
 * committed people across firms, the day job still pulling).
 */
export function assignTo(crew: Crew, id: number, s: number, directed: boolean): void {
  const { state, shocks, flock, people: p, firms } = crew;
  state.state[id] = COMMITTED;
  state.target[id] = s;
  state.directed[id] = directed ? 1 : 0;
  state.aware[id * shocks.count + s] = AWARE;
  const [lx, ly] = shocks.specs[s].location;
  flock.setGoal(id, GOAL_POINT, lx, ly, directed ? crew.assignOmega : crew.commitOmega);
  // A directed assignment formally frees the person from the day job (no pull home); a self-chosen
  // commitment does not: the day job keeps pulling, and only the goal and the team's cohesion
  // (trust-weighted affinity with the other volunteers on site) hold the person at the problem.
  flock.setHome(id, firms[p.firm[id]].home[0], firms[p.firm[id]].home[1], directed ? 0 : p.homePull[id]);
  flock.setGroup(id, groupOf(p.firm[id], directed ? GROUP_DIRECTED : GROUP_SELF));
  addProjected(crew, id, s, 1);
  shocks.committedCount[s]++;
}

/** Back to the day job (state informed while the shock is still open and known, else idle). */
export function release(crew: Crew, id: number): void {
  const { state, shocks, flock, people: p, firms } = crew;
  const s = state.target[id];
  if (s >= 0) {
    addProjected(crew, id, s, -1);
    shocks.committedCount[s]--;
  }
  state.state[id] = s >= 0 && shocks.status[s] === OPEN ? INFORMED : IDLE;
  state.target[id] = -1;
  state.directed[id] = 0;
  flock.setGoal(id, GOAL_NONE, 0, 0, 0);
  const home = firms[p.firm[id]].home;
  flock.setHome(id, home[0], home[1], p.homePull[id]);
  flock.setGroup(id, groupOf(p.firm[id], GROUP_IDLE));
}

/** Projected per-skill coverage (committed + engaged), as the shared space shows it. */
function addProjected(crew: Crew, id: number, s: number, sign: number): void {
  const { shocks } = crew;
  const spec = shocks.specs[s];
  for (let m = 0; m < K; m++) {
    if (spec.mix[m] <= 0) continue;
    shocks.projected[s * K + m] += (sign * skillOf(crew.people, id, m) * crew.spare) / (spec.mix[m] * crew.effortStar);
  }
}
