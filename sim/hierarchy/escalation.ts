/**
 * The route of an escalation in the hierarchical mode (its "plan"), and its exact latency at zero load:
 * how long from a front-line person detecting an exception until every needed function (own firm and
 * partner firms) has someone assigned.
 *
 * The model runs escalations through the Escalator (escalator.ts), the one escalation engine: it
 * follows the plan built here through real manager queues. escalationLatency below is not a second
 * engine but the analytic answer V5 checks it against: at zero load with deterministic service the
 * latency is the sum of the per-hop constants along the plan.
 *
 * Route model:
 *  - Owner firm: the report climbs from the detector, one queued service per manager on the way,
 *    to the decider: the covering manager of the owner's part of the mask, or the top when partner
 *    firms are needed (only the top talks to other firms). A detector that is itself the covering
 *    manager decides without any hop.
 *  - Crossing to another firm leaves right after the sending top has served the report, at the next
 *    multiple of B (ceil(t/B)·B; B = 0 means immediately), and arrives at the receiving firm's top,
 *    which serves it in its queue. 'contracted': the owner's top sends to every partner in
 *    parallel. 'adjacent': messages go tier by tier through each partner's `via` firms (each
 *    intermediate top serves and forwards; shared prefixes share messages).
 *  - Each firm's decider spends decisionH, then the order descends (descentH per hop, no queue) to
 *    a front-line person of each function: the detector itself for its own function, else the first
 *    person of that function under the decider. That arrival is the assignment time.
 *  - Hand-off (optional): production (2) is released only after planning (1) is assigned: the
 *    firm with production starts a second decision + descent at max(planning assigned, its first
 *    decision), one extra hand-off message each.
 *  - Messages: every upward hop, every crossing, every distinct downward edge of a descent (orders to
 *    several departments share a common path), every hand-off and its own descent.
 * The calculator adds constants (service = s per queued hop) in the same float operations as the
 * Escalator with ManagerQueues at load 0, so at zero load they agree exactly, not approximately.
 */
import type { OrgChart } from './orgChart.ts';

export const PLANNING = 1;
export const PRODUCTION = 2;

export interface PartnerNeed {
  /** Index of the partner firm in `charts`. */
  firm: number;
  /** Functions wanted from this partner (restricted to the ones it has). */
  funcMask: number;
  /** Firms between owner and partner, in order ('adjacent' only). */
  via?: number[];
}

export interface EscalationPath {
  owner: number;
  detector: number;
  /** Functions needed; the owner handles those it has. */
  funcMask: number;
  partners?: PartnerNeed[];
  channel: 'contracted' | 'adjacent';
}

export interface EscalationTiming {
  /** Per queued hop in the calculator (zero load, deterministic); default 1 h. */
  serviceH?: number;
  /** Batch period for crossings between firms, hours; 0 = none. Default 0. */
  batchH?: number;
  descentH?: number;
  decisionH?: number;
  handoff?: boolean;
}

export interface Assignment {
  firm: number;
  func: number;
  person: number;
  time: number;
}

export interface EscalationResult {
  assignments: Assignment[];
  /** Time the last function was assigned (start time if none needed). */
  completion: number;
  messages: number;
}

/* Plan internals below are exported for the Escalator (escalator.ts), which follows this route. */

/** One function to assign: front-line person, downward hops from the firm's decider, hand-off deferral. */
export interface Target { func: number; person: number; hops: number; deferred: boolean }
/**
 * One firm on the route. upChain: the queued services in this firm, in order (owner: managers from the
 * detector up to the decider; other firms: [top]); its last entry is the decider (owner with an empty
 * upChain: the detector decides). children: indices of the next firms (crossings).
 */
export interface FirmNode {
  firm: number;
  upChain: number[];
  targets: Target[];
  children: number[];
}
export interface Plan { nodes: FirmNode[]; messages: number }

export const withDefaults = (t: EscalationTiming) => ({
  serviceH: t.serviceH ?? 1, batchH: t.batchH ?? 0, descentH: t.descentH ?? 0.5,
  decisionH: t.decisionH ?? 2, handoff: t.handoff ?? false,
});

/** Next crossing opportunity at or after t. */
export function nextCrossing(t: number, batchH: number): number {
  return batchH > 0 ? Math.ceil(t / batchH) * batchH : t;
}

/** Adds the descent hop by hop so calculator and simulation round identically. */
export function descend(t: number, hops: number, descentH: number): number {
  for (let i = 0; i < hops; i++) t += descentH;
  return t;
}

function bits(mask: number): number[] {
  const out: number[] = [];
  for (let f = 0; f < 31; f++) if (mask & (1 << f)) out.push(f);
  return out;
}

function makeNode(chart: OrgChart, firm: number, decider: number, upChain: number[], mask: number, detector: number): FirmNode {
  const targets: Target[] = [];
  for (const f of bits(mask & chart.functionMask)) {
    const own = detector >= 0 && chart.func[detector] === f && !chart.isManager[detector] && chart.isUnder(detector, decider);
    let person = own ? detector : chart.frontLineOf(f, decider);
    if (person < 0) person = chart.frontLineOf(f);
    const chain = chart.chainLength(decider, person);
    // Unconnected only in a self-managing firm: the order is one direct message.
    targets.push({ func: f, person, hops: chain < 0 ? 1 : chain, deferred: false });
  }
  return { firm, upChain, targets, children: [] };
}

/** Distinct downward edges from the decider to the given people (shared paths count once). */
function descentEdges(chart: OrgChart, people: number[], hops: number[]): number {
  const seen = new Set<number>();
  let unconnected = 0;
  people.forEach((p, i) => {
    if (chart.layers === 1) { unconnected += hops[i]; return; }
    for (let q = p, k = 0; k < hops[i]; k++, q = chart.manager[q]) seen.add(q);
  });
  return seen.size + unconnected;
}

export function buildPlan(charts: OrgChart[], path: EscalationPath, handoffFlag: boolean): Plan {
  const owner = charts[path.owner];
  if (!owner) throw new Error(`escalation: no chart for owner firm ${path.owner}`);
  if (!(path.detector >= 0 && path.detector < owner.headcount)) throw new Error(`escalation: bad detector ${path.detector}`);
  const partners = path.partners ?? [];
  const decider = partners.length > 0 ? owner.topOf(path.detector) : owner.coveringManager(path.detector, path.funcMask);
  const upChain: number[] = [];
  for (let m = path.detector; m !== decider; ) {
    m = owner.manager[m];
    if (m < 0) throw new Error('escalation: decider is not on the detector\'s chain of command');
    upChain.push(m);
  }
  const nodes = [makeNode(owner, path.owner, decider, upChain, path.funcMask, path.detector)];
  for (const need of partners) {
    if (need.firm === path.owner) throw new Error('escalation: a partner cannot be the owner firm');
    const route = path.channel === 'adjacent' ? [...(need.via ?? []), need.firm] : [need.firm];
    let at = 0;
    for (const firm of route) {
      const chart = charts[firm];
      if (!chart) throw new Error(`escalation: no chart for firm ${firm}`);
      let next = nodes[at].children.find((c) => nodes[c].firm === firm);
      if (next === undefined) {
        next = nodes.length;
        nodes.push(makeNode(chart, firm, chart.topOf(0), [chart.topOf(0)], 0, -1));
        nodes[at].children.push(next);
      }
      at = next;
    }
    const chart = charts[need.firm];
    const extra = makeNode(chart, need.firm, chart.topOf(0), [], need.funcMask, -1);
    for (const t of extra.targets) if (!nodes[at].targets.some((u) => u.func === t.func)) nodes[at].targets.push(t);
  }
  const all = nodes.flatMap((n) => n.targets);
  const handoff = handoffFlag && all.some((t) => t.func === PLANNING) && all.some((t) => t.func === PRODUCTION);
  let messages = upChain.length + (nodes.length - 1);
  for (const node of nodes) {
    const chart = charts[node.firm];
    if (handoff) for (const t of node.targets) t.deferred = t.func === PRODUCTION;
    const now = node.targets.filter((t) => !t.deferred);
    const later = node.targets.filter((t) => t.deferred);
    messages += descentEdges(chart, now.map((t) => t.person), now.map((t) => t.hops));
    messages += later.reduce((sum, t) => sum + 1 + t.hops, 0);
  }
  return { nodes, messages };
}

export type Timing = ReturnType<typeof withDefaults>;

/** Per-node state of one escalation being timed: first decision time and target assignment times. */
interface Progress { decided: number[]; times: number[][] }

function newProgress(plan: Plan): Progress {
  return { decided: plan.nodes.map(() => NaN), times: plan.nodes.map((n) => n.targets.map(() => NaN)) };
}

/** Node `i` finished its last queued hop at `served`: decide, then descend to non-deferred targets. */
function finishNode(plan: Plan, i: number, served: number, tm: Timing, pr: Progress): void {
  const node = plan.nodes[i];
  const decided = node.targets.length ? served + tm.decisionH : served;
  pr.decided[i] = decided;
  node.targets.forEach((t, j) => {
    if (!t.deferred) pr.times[i][j] = descend(decided, t.hops, tm.descentH);
  });
}

/** Releases production after planning, then lists assignments in plan order (node, target). */
function finishPlan(plan: Plan, pr: Progress, start: number, tm: Timing): EscalationResult {
  let planned = -Infinity;
  plan.nodes.forEach((node, i) => node.targets.forEach((t, j) => {
    if (t.func === PLANNING && !t.deferred) planned = Math.max(planned, pr.times[i][j]);
  }));
  const assignments: Assignment[] = [];
  plan.nodes.forEach((node, i) => node.targets.forEach((t, j) => {
    if (t.deferred) pr.times[i][j] = descend(Math.max(planned, pr.decided[i]) + tm.decisionH, t.hops, tm.descentH);
    assignments.push({ firm: node.firm, func: t.func, person: t.person, time: pr.times[i][j] });
  }));
  const completion = assignments.reduce((m, a) => Math.max(m, a.time), start);
  return { assignments, completion, messages: plan.messages };
}

/** Exact latency at zero load, deterministic service: sums of per-hop constants. */
export function escalationLatency(charts: OrgChart[], path: EscalationPath, timing: EscalationTiming = {}, startTime = 0): EscalationResult {
  const tm = withDefaults(timing);
  const plan = buildPlan(charts, path, tm.handoff);
  const pr = newProgress(plan);
  const visit = (i: number, arrival: number): void => {
    let t = arrival;
    for (let k = 0; k < plan.nodes[i].upChain.length; k++) t = t + tm.serviceH;
    finishNode(plan, i, t, tm, pr);
    for (const c of plan.nodes[i].children) visit(c, nextCrossing(t, tm.batchH));
  };
  visit(0, startTime);
  return finishPlan(plan, pr, startTime, tm);
}
