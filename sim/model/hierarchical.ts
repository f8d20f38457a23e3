/**
 * The hierarchical mode's wiring into the run (spec section 5): a detection becomes an escalation
 * through the org charts, manager queues and the formal cross-firm channel (sim/hierarchy), and each
 * order that reaches the front line assigns the best-matching free person of that firm and function.
 * Assigned people steer to the shock with ω = assignOmega and do not flock across firms.
 */
import type { EscalationEvent } from '../hierarchy/escalator.ts';
import type { Detections } from './detection.ts';
import type { EscalationPath, PartnerNeed } from '../hierarchy/escalation.ts';
import { nearestWithSkill } from './scenario.ts';
import { COMMITTED, DISMISSED, OPEN } from './state.ts';
import type { Simulation } from './simulation.ts';
import { assignTo } from './teams.ts';
import { K } from './params.ts';

/** Kinds of hierarchy message, for the renderer's animation. */
export const MSG_HOP = 0;
export const MSG_CROSS = 1;
export const MSG_ASSIGN = 2;

/**
 * Starts an escalation for every shock detected this tick that the detector cannot fix alone (the
 * front line does not escalate its own job). Consumes what detection emitted.
 */
export function startEscalations(sim: Simulation, found: Detections, t: number): void {
  if (!sim.escalator) return;
  for (let k = 0; k < found.count; k++) {
    const s = found.shocks[k];
    if (!ownJob(sim, s)) startEscalation(sim, s, sim.shocks.detector[s], t);
  }
}

/** Whether the detector's own department covers everything shock s needs. */
export function ownJob(sim: Simulation, s: number): boolean {
  const p = sim.eco.people;
  const id = sim.shocks.detector[s];
  return p.firm[id] === sim.shocks.specs[s].owner && (sim.shocks.needMask[s] & ~(1 << p.func[id])) === 0;
}

function startEscalation(sim: Simulation, s: number, detectorId: number, t: number): void {
  const { eco, shocks } = sim;
  const p = eco.people;
  const spec = shocks.specs[s];
  const owner = spec.owner;
  const firms = sim.scenario.firms;
  let detector = p.local[detectorId];
  if (p.firm[detectorId] !== owner) {
    // A customer's (or partner's) signal reaches the owner through its front line: one extra message.
    detector = frontLinePerson(sim, owner, spec.mix);
    sim.recorder.addMessages(1);
  }
  const partners = new Map<number, number>();
  const ownMask = firms[owner].functions.reduce((m, k) => m | (1 << k), 0);
  for (let m = 0; m < K; m++) {
    if (!(shocks.needMask[s] & (1 << m)) || ownMask & (1 << m)) continue;
    const partner = nearestWithSkill(firms, owner, m);
    if (partner >= 0) partners.set(partner, (partners.get(partner) ?? 0) | (1 << m));
  }
  const needs: PartnerNeed[] = [...partners.entries()].map(([firm, funcMask]) => {
    const step = firm > owner ? 1 : -1;
    const via: number[] = [];
    for (let f = owner + step; f !== firm; f += step) via.push(f);
    return { firm, funcMask, via };
  });
  const path: EscalationPath = { owner, detector, funcMask: shocks.needMask[s], partners: needs, channel: sim.scenario.hierarchy.channel };
  sim.escalationPaths[s] = path;
  shocks.escalation[s] = sim.escalator!.start(path, t, spec.falseAlarm, s);
}

/** A front-line person of the owner firm in a function the shock needs (else any front-line person). */
function frontLinePerson(sim: Simulation, firm: number, mix: number[]): number {
  const chart = sim.eco.charts[firm];
  for (let m = 0; m < K; m++) {
    if (mix[m] <= 0) continue;
    const person = chart.frontLineOf(m);
    if (person >= 0) return person;
  }
  return chart.headcount - 1;
}

/** Advances the escalations to t; their events land through the run's own handler. */
export function applyEscalations(sim: Simulation, t: number, onEvent: (e: EscalationEvent) => void): void {
  sim.escalator?.advanceTo(t, onEvent);
}

/**
 * The run's handler for escalation events (made once per run: no module-level state, no closure per
 * tick). The event's tag is the shock it is about.
 */
export function escalationHandler(sim: Simulation): (e: EscalationEvent) => void {
  return (e) => {
    const s = e.tag;
    const { shocks } = sim;
    if (e.kind === 'hop' || e.kind === 'cross') {
      sim.recorder.addMessages(1);
      sim.recorder.message(e.kind === 'hop' ? MSG_HOP : MSG_CROSS, sim.eco.firmStart[e.fromFirm] + Math.max(0, e.from), sim.eco.firmStart[e.firm] + Math.max(0, e.to), e.time);
      return;
    }
    if (e.kind === 'handoff') {
      sim.recorder.addMessages(1);
      return;
    }
    if (e.kind === 'filtered') {
      // A manager saw through a false alarm: the hierarchy stops here. In the pure hierarchy nobody
      // else acts on it, so it is dismissed; in a hybrid, empowered people may still be on their way.
      if (sim.mode === 'hierarchical' && shocks.status[s] === OPEN && shocks.specs[s].falseAlarm) shocks.status[s] = DISMISSED;
      return;
    }
    if (e.kind !== 'assign') return;
    shocks.orderedAt[s] = e.time;
    if (shocks.status[s] !== OPEN) return;
    const id = bestFreePerson(sim, e.firm, e.func);
    if (id < 0) return;
    sim.recorder.message(MSG_ASSIGN, sim.eco.firmStart[e.firm] + Math.max(0, e.from), id, e.time);
    assignTo(sim, id, s, true);
  };
}

/**
 * The best-matching free person of a firm for a function: highest skill, not already committed or
 * engaged; front-line staff before managers; ties to the lowest id (deterministic).
 */
export function bestFreePerson(sim: Simulation, firm: number, func: number): number {
  const { eco, people } = sim;
  const p = eco.people;
  let best = -1;
  let bestScore = -Infinity;
  for (let id = eco.firmStart[firm]; id < eco.firmStart[firm + 1]; id++) {
    if (people.state[id] >= COMMITTED) continue;
    const score = sim.skill(id, func) - (p.isManager[id] ? sim.scenario.hierarchy.managerPenalty : 0);
    if (score > bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}
