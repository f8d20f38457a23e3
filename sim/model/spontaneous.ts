/**
 * Spontaneous association (spec section 5): the shared space and self-chosen commitment.
 *
 * - The first connected person to know of a shock (its detector, or someone who heard of it) posts it;
 *   the post becomes visible to every connected person after `visibilityDelay` ("everyone sees the
 *   event at the same time"); each recipient is one message. Detection itself does not depend on
 *   connection, so the share connected (λ) measures how fast the shared space hears, not who can see.
 * - Anyone still unaware learns from an aware neighbour within `relayRadius` at hazard `relayRate`
 *   (one message per relay).
 * - Empowered, aware, uncommitted people commit at hazard commitRate × skill match × spare capacity
 *   × trust in the owner firm, if their best needed skill reaches minMatch (people volunteer where
 *   they can contribute, so a crowd of generalists does not stand in for the specialists). Connected people see the coverage in the shared space, so they only
 *   match on skills the committed team does not already cover and stop once it is covered;
 *   unconnected people cannot see it and over-respond.
 * - A person a workshop participant plays (hands.ts) is asked instead, and joins only when told to.
 */
import { hazard, type Rng } from '../rng.ts';
import { assignTo, skillOf, type Crew } from './crew.ts';
import type { MetricsRecorder } from './metrics.ts';
import { K, type ModelParams } from './params.ts';
import { AWARE, COMMITTED, INFORMED, OPEN, UNAWARE } from './state.ts';
import { HAND_MODEL, HAND_YES, MOMENT_JOIN } from './hands.ts';
import type { WordOfMouth } from './wordOfMouth.ts';

/** What the shared space reads besides the crew: its rules, its random stream, the message count. */
export interface SharedSpace {
  params: ModelParams['shared'];
  trust: number[][];
  rng: Rng;
  dt: number;
  recorder: MetricsRecorder;
  /** Neighbour counts for word of mouth, through a grid (O(n) per tick). */
  mouth: WordOfMouth;
}

export function spreadAwareness(crew: Crew, space: SharedSpace, t: number): void {
  const { shocks, state: people, people: p, flock } = crew;
  const { dt, recorder } = space;
  const S = shocks.count;
  for (let s = 0; s < S; s++) {
    if (shocks.status[s] !== OPEN) continue;
    // The shared space hears of a shock as soon as one connected person knows of it (the detector,
    // or anyone who heard it from a neighbour): that person posts it.
    if (shocks.visibleAt[s] === Infinity && shocks.detector[s] >= 0) {
      for (let id = 0; id < p.n; id++) {
        if (p.connected[id] && people.aware[id * S + s] !== UNAWARE) {
          shocks.visibleAt[s] = t + space.params.visibilityDelay;
          break;
        }
      }
    }
    if (!shocks.broadcast[s] && shocks.visibleAt[s] <= t + 1e-9) {
      shocks.broadcast[s] = 1;
      let recipients = 0;
      for (let id = 0; id < p.n; id++) {
        if (!p.connected[id] || people.aware[id * S + s] !== UNAWARE) continue;
        people.aware[id * S + s] = AWARE;
        if (people.state[id] === 0) people.state[id] = INFORMED;
        recipients++;
      }
      recorder.addMessages(recipients);
      recorder.broadcastFlash(s, t);
    }
  }
  // Word of mouth: anyone still unaware (connected or not) hears from aware neighbours.
  const { relayRate, relayRadius } = space.params;
  if (relayRate <= 0) return;
  let listening = false;
  for (let s = 0; s < S; s++) if (shocks.status[s] === OPEN && shocks.detector[s] >= 0) listening = true;
  if (!listening) return;
  const { x, y, slotOf } = flock;
  const mouth = space.mouth;
  let binned = false; // the grid is built on the first query only: once everyone knows, relay costs a scan
  for (let id = 0; id < p.n; id++) {
    const xi = x[slotOf[id]];
    const yi = y[slotOf[id]];
    for (let s = 0; s < S; s++) {
      if (shocks.status[s] !== OPEN || people.aware[id * S + s] !== UNAWARE || shocks.detector[s] < 0) continue;
      if (!binned) {
        mouth.begin(flock, people.aware, S, p.n);
        binned = true;
      }
      const neighbours = mouth.count(people.aware, S, s, id, xi, yi);
      if (neighbours > 0 && hazard(space.rng, relayRate * neighbours, dt)) {
        people.aware[id * S + s] = AWARE;
        if (people.state[id] === 0) people.state[id] = INFORMED;
        mouth.told(id);
        recorder.addMessages(1);
      }
    }
  }
}

export function commit(crew: Crew, space: SharedSpace): void {
  const { shocks, state: people, people: p, capacity, hands } = crew;
  const S = shocks.count;
  const rate = space.params.commitRate;
  for (let id = 0; id < p.n; id++) {
    if (!p.empowered[id] || people.state[id] >= COMMITTED) continue;
    // The shock this person is best placed to help with, and how well.
    let bestShock = -1;
    let bestMatch = 0;
    let bestSkill = 0;
    for (let s = 0; s < S; s++) {
      if (shocks.status[s] !== OPEN || people.aware[id * S + s] !== AWARE) continue;
      const skill = skillMatch(crew, id, s, p.connected[id] === 1);
      const match = skill * space.trust[p.firm[id]][shocks.specs[s].owner];
      if (match > bestMatch) {
        bestMatch = match;
        bestSkill = skill;
        bestShock = s;
      }
    }
    // A played person is asked about the scenario's own shocks; for a routine problem the model decides.
    const played = hands.played > 0 && hands.policy[id] !== HAND_MODEL && bestShock < hands.askable;
    if (played) {
      if (bestShock >= 0) hands.ask(id, MOMENT_JOIN, bestShock);
      else if (hands.moment[id] === MOMENT_JOIN) hands.settle(id); // the moment has passed (covered, or closed)
    } else if (hands.played > 0 && hands.moment[id] === MOMENT_JOIN) hands.settle(id);
    // The hazard is drawn whether or not a participant plays this person, so the stream (and everyone
    // else's run) is the same either way; a played person joins when their player says so, not by it.
    const volunteers = bestShock >= 0 && bestSkill >= space.params.minMatch && hazard(space.rng, rate * bestMatch * capacity[id], space.dt);
    if (played ? bestShock >= 0 && hands.policy[id] === HAND_YES : volunteers) {
      assignTo(crew, id, bestShock, false);
      if (played) hands.settle(id);
    }
  }
}

/**
 * Best skill among those the shock needs; for connected people only skills the committed team does
 * not yet cover (they see coverage in the shared space) — 0 once everything is covered.
 */
function skillMatch(crew: Crew, id: number, s: number, seesCoverage: boolean): number {
  const need = crew.shocks.needMask[s];
  const projected = crew.shocks.projected;
  let best = 0;
  for (let m = 0; m < K; m++) {
    if (!(need & (1 << m))) continue;
    if (seesCoverage && projected[s * K + m] >= 1) continue;
    const k = skillOf(crew.people, id, m);
    if (k > best) best = k;
  }
  return best;
}
