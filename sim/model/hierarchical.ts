/**
 * The hierarchical mode's wiring into the run (spec section 5): a detection becomes an escalation
 * through the org charts, manager queues and the formal cross-firm channel (sim/hierarchy), and each
 * order that reaches the front line assigns the best-matching free person of that firm and function.
 * Assigned people steer to the shock with ω = assignOmega and do not flock across firms.
 */
import type { EscalationPath, PartnerNeed } from '../hierarchy/escalation.ts';
import type { Escalator, EscalationEvent } from '../hierarchy/escalator.ts';
import type { OrgChart } from '../hierarchy/orgChart.ts';
import { assignTo, ownJob, skillOf, type Crew } from './crew.ts';
import type { Detections } from './detection.ts';
import type { MetricsRecorder } from './metrics.ts';
import { K, type ModelParams } from './params.ts';
import { nearestWithSkill } from './scenario.ts';
import { COMMITTED, DISMISSED, OPEN } from './state.ts';
import { MOMENT_FORWARD } from './hands.ts';

/** Kinds of hierarchy message, for the renderer's animation. */
export const MSG_HOP = 0;
export const MSG_CROSS = 1;
export const MSG_ASSIGN = 2;

/** What the hierarchy's phases read and write besides the crew. */
export interface Hierarchy {
  escalator: Escalator;
  charts: OrgChart[];
  /** First global person id of each firm. */
  firmStart: Int32Array;
  params: ModelParams['hierarchy'];
  /** Pure hierarchy (no empowered people): a filtered false alarm is dismissed. */
  pure: boolean;
  recorder: MetricsRecorder;
  /** The route each shock's escalation took (null: not escalated). */
  paths: Array<EscalationPath | null>;
}

/**
 * Starts an escalation for every shock detected this tick that the detector cannot fix alone (the
 * front line does not escalate its own job). Consumes what detection emitted.
 */
export function startEscalations(h: Hierarchy, crew: Crew, found: Detections, t: number): void {
  for (let k = 0; k < found.count; k++) {
    const s = found.shocks[k];
    if (!ownJob(crew, s)) startEscalation(h, crew, s, t);
  }
}

function startEscalation(h: Hierarchy, crew: Crew, s: number, t: number): void {
  const { shocks, people: p, firms } = crew;
  const detectorId = shocks.detector[s];
  const spec = shocks.specs[s];
  const owner = spec.owner;
  let detector = p.local[detectorId];
  if (p.firm[detectorId] !== owner) {
    // A customer's (or partner's) signal reaches the owner through its front line: one extra message.
    detector = frontLinePerson(h.charts[owner], spec.mix);
    h.recorder.addMessages(1);
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
  const path: EscalationPath = { owner, detector, funcMask: shocks.needMask[s], partners: needs, channel: h.params.channel };
  h.paths[s] = path;
  shocks.escalation[s] = h.escalator.start(path, t, spec.falseAlarm, s);
}

/** A front-line person of the owner firm in a function the shock needs (else any front-line person). */
function frontLinePerson(chart: OrgChart, mix: number[]): number {
  for (let m = 0; m < K; m++) {
    if (mix[m] <= 0) continue;
    const person = chart.frontLineOf(m);
    if (person >= 0) return person;
  }
  return chart.headcount - 1;
}

/**
 * The run's handler for escalation events (made once per run: no module-level state, no closure per
 * tick). The event's tag is the shock it is about.
 */
export function escalationHandler(h: Hierarchy, crew: Crew): (e: EscalationEvent) => void {
  return (e) => {
    const s = e.tag;
    const { shocks } = crew;
    if (e.kind === 'hop' || e.kind === 'cross') {
      if (e.kind === 'cross' && crew.hands.played > 0) {
        const sender = h.firmStart[e.fromFirm] + e.from; // a played top manager's moment has passed
        if (crew.hands.moment[sender] === MOMENT_FORWARD) crew.hands.settle(sender);
      }
      h.recorder.addMessages(1);
      h.recorder.message(e.kind === 'hop' ? MSG_HOP : MSG_CROSS, h.firmStart[e.fromFirm] + Math.max(0, e.from), h.firmStart[e.firm] + Math.max(0, e.to), e.time);
      return;
    }
    if (e.kind === 'handoff') {
      h.recorder.addMessages(1);
      return;
    }
    if (e.kind === 'filtered') {
      // A manager saw through a false alarm: the hierarchy stops here. In the pure hierarchy nobody
      // else acts on it, so it is dismissed; in a hybrid, empowered people may still be on their way.
      if (h.pure && shocks.status[s] === OPEN && shocks.specs[s].falseAlarm) shocks.status[s] = DISMISSED;
      return;
    }
    if (e.kind !== 'assign') return;
    shocks.orderedAt[s] = e.time;
    if (shocks.status[s] !== OPEN) return;
    const id = bestFreePerson(crew, h.firmStart, h.params.managerPenalty, e.firm, e.func);
    if (id < 0) return;
    h.recorder.message(MSG_ASSIGN, h.firmStart[e.firm] + Math.max(0, e.from), id, e.time);
    assignTo(crew, id, s, true);
  };
}

/**
 * The best-matching free person of a firm for a function: highest skill, not already committed or
 * engaged; front-line staff before managers (a manager counts managerPenalty less skilled); ties to
 * the lowest id (deterministic).
 */
export function bestFreePerson(crew: Crew, firmStart: Int32Array, managerPenalty: number, firm: number, func: number): number {
  const { people: p, state } = crew;
  let best = -1;
  let bestScore = -Infinity;
  for (let id = firmStart[firm]; id < firmStart[firm + 1]; id++) {
    if (state.state[id] >= COMMITTED) continue;
    const score = skillOf(p, id, func) - (p.isManager[id] ? managerPenalty : 0);
    if (score > bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}
