/**
 * The escalation engine of the hierarchical mode (the only one: the model runs it and V5 validates
 * it). It follows the plan of escalation.ts (route, deciders, batched crossings, decision delay,
 * descent, hand-off and message count) through real manager queues, step by step, so a running
 * simulation can start escalations when it detects shocks while earlier ones are still in flight, all
 * sharing the same manager queues, and see every event at its exact time.
 *
 * Usage: each tick, start() the escalations detected at the tick time t (t >= the last advanceTo
 * time), then advanceTo(t). Events come out in time order through the callback.
 *
 * Ties: events at the same time come out in the order they were scheduled (the EventQueue's FIFO
 * tie-break), so a run is reproducible bit for bit for a given sequence of start() and advanceTo()
 * calls. At zero load with deterministic service an escalation's assignment times are exactly the
 * plan's sums of constants (escalationLatency); V5 checks that, and the M/M/1 waits, on this class.
 *
 * Events (`kind`, emitted at `time`):
 *  - 'hop': one message. Upward: the report from `from` has been served by manager `to` (emitted at
 *    that manager's service completion). Downward (descent of an order): from manager `from` to its
 *    subordinate `to` (or, in a self-managing firm, decider to person), at the time it arrives. Tell
 *    them apart by layer (charts[firm].layer[to] > layer[from] for descent) or by order: a firm's
 *    descent hops come after its 'decide'. Shared descent edges are sent once (as in the plan count).
 *  - 'cross': one message from the top `from` of `fromFirm` to the top `to` of `firm`, at the
 *    crossing instant (the batch time, when it reaches the receiving top's queue). The receiving top's
 *    service completion shows as that firm's 'decide' (completion + decisionH), its next 'cross', or
 *    'filtered'.
 *  - 'decide': decider `from` of `firm` has decided (service completion + decisionH). A hand-off firm
 *    decides twice. Firms that only forward (no functions wanted from them) emit no 'decide'.
 *  - 'assign': front-line person `to` of `firm` is assigned function `func` (`from` = decider). These
 *    times are exactly simulateEscalations' assignment times.
 *  - 'handoff': one message: production `func` is released to decider `to` of `firm` (at max(planning
 *    assigned, its first decision)); its second 'decide', descent hops and 'assign' follow.
 *  - 'filtered': manager `to` of `firm` recognised a false alarm on finishing the report it got from
 *    `from` (of `fromFirm`); the escalation stops, no further events. For an upward hop it follows
 *    that hop's 'hop' event at the same time.
 * messages(id) counts 'hop' + 'cross' + 'handoff' events; once an escalation has completed it equals
 * the plan's message count (EscalationResult.messages).
 *
 * False alarms: start(..., falseAlarm = true) draws rng() < falseAlarmFilter for every queued service
 * (each upward hop and each receiving top, intermediate tops included). The draw is taken when the
 * report reaches the manager (when serve() is called) and acted on at service completion; with
 * falseAlarmFilter = 0, or for real shocks, nothing is drawn. Only falseAlarm starts ever draw.
 *
 * Allocation: start() builds the escalation's plan; advanceTo allocates nothing per event (typed-array
 * heap, one reused event object). A finished escalation's plan is released; only its message count
 * is kept.
 */
import type { Rng } from '../rng.ts';
import {
  buildPlan, descend, nextCrossing, PLANNING, withDefaults,
  type EscalationPath, type EscalationTiming, type Plan, type Target, type Timing,
} from './escalation.ts';
import { EventQueue } from './events.ts';
import type { ManagerQueues } from './managerQueue.ts';
import type { OrgChart } from './orgChart.ts';

export type EscalationEventKind = 'hop' | 'cross' | 'decide' | 'assign' | 'handoff' | 'filtered';

export interface EscalationEvent {
  kind: EscalationEventKind;
  /** Escalation id returned by start(). */
  id: number;
  /** The caller's tag given to start() (the model passes the shock index). */
  tag: number;
  /** Exact simulated time (hours). */
  time: number;
  /** Firm where it happens (for 'cross': the receiving firm). */
  firm: number;
  /** Sending firm ('cross', 'filtered' at a receiving top), else = firm. */
  fromFirm: number;
  /** Person index within fromFirm (reporting person, sending top, deciding manager), −1 if n/a. */
  from: number;
  /** Person index within firm (receiving manager, front-line target), −1 if n/a. */
  to: number;
  /** Function index for 'assign' / 'handoff', else −1. */
  func: number;
}

/**
 * Who decides when a top manager sends a report across to partner firms: the model sends it with the
 * formal channel's next batch. A gate (a workshop participant playing that manager) may send it at
 * once; it is asked when the manager has served the report. Without a gate the escalator is the plan.
 */
export interface CrossingGate {
  /** True: cross now (at `served`); false: wait for the batch at `batch`. */
  forwardNow(firm: number, person: number, tag: number, served: number, batch: number): boolean;
}

export interface EscalatorOptions {
  timing: EscalationTiming;
  /** Probability that each manager service of a false alarm recognises it and stops it; default 0. */
  falseAlarmFilter?: number;
}

// Internal event kinds (heap field `kind`); a = escalation id, b = node, c/d as noted.
const ARRIVE = 0; //   c = index in upChain
const SERVED = 1; //   c = index in upChain; d = 1 if the manager filters it
const DECIDE = 2; //   d = 0 first decision, 1 hand-off decision
const EDGE = 3; //     c = edge index; d = 0 shared descent, 1 hand-off descent
const ASSIGN = 4; //   c = target index
const HANDOFF = 5; //  c = target index

/** Per firm on the route, everything advanceTo needs, precomputed by start(). */
interface NodeRun {
  firm: number;
  queues: ManagerQueues | null;
  upChain: number[];
  parent: number;
  children: number[];
  decider: number;
  targets: Target[];
  /** Distinct descent edges to the non-deferred targets, sorted by depth below the decider. */
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeDepth: Int32Array;
  /** Deferred (production) target index or −1, and its own descent edges. */
  deferred: number;
  deferFrom: Int32Array;
  deferTo: Int32Array;
  deferDepth: Int32Array;
  hasPlanning: boolean;
  /** First decision time; NaN until the firm has served the report. */
  decided: number;
  /** When the top served it (NaN until then), and whether the report has reached this firm yet. */
  served: number;
  arrived: boolean;
}

interface Run {
  tag: number;
  detector: number;
  falseAlarm: boolean;
  nodes: NodeRun[];
  handoff: boolean;
  /** Nodes with a (non-deferred) planning target not yet finished. */
  planningLeft: number;
  /** Latest planning assignment time so far. */
  planned: number;
  /** Events of this escalation in the heap. */
  pending: number;
}

/** Descent edges as parallel arrays, sorted by depth (stable). */
function edgeArrays(list: Array<[number, number, number]>): { from: Int32Array; to: Int32Array; depth: Int32Array } {
  list.sort((x, y) => x[2] - y[2]);
  return {
    from: Int32Array.from(list, (e) => e[0]),
    to: Int32Array.from(list, (e) => e[1]),
    depth: Int32Array.from(list, (e) => e[2]),
  };
}

/**
 * Edges from the decider down to the targets, as in escalation.ts's descentEdges: in a firm with
 * managers, the distinct (manager[q] → q) on each target's chain (shared paths once); in a
 * self-managing firm, `hops` direct messages decider → person per target.
 */
function descentEdgeList(chart: OrgChart, decider: number, targets: Target[]): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  const seen = new Set<number>();
  for (const t of targets) {
    if (chart.layers === 1) {
      for (let k = 0; k < t.hops; k++) out.push([decider, t.person, k + 1]);
      continue;
    }
    for (let q = t.person, k = 0; k < t.hops; k++, q = chart.manager[q]) {
      if (seen.has(q)) continue;
      seen.add(q);
      out.push([chart.manager[q], q, t.hops - k]);
    }
  }
  return out;
}

export class Escalator {
  private readonly charts: OrgChart[];
  private readonly queues: ManagerQueues[];
  private readonly tm: Timing;
  private readonly filter: number;
  private readonly rng: Rng;
  private readonly heap = new EventQueue();
  /** Live escalations; null once finished, filtered or cancelled. */
  private readonly runs: Array<Run | null> = [];
  private readonly msgs: number[] = [];
  private total = 0;
  private live = 0;
  /** Time of the last advanceTo, or of the event being processed during one. */
  private clock = -Infinity;
  private advancing = false;
  /** Reused for every callback: copy the fields you keep. */
  private readonly ev: EscalationEvent = { kind: 'hop', id: 0, tag: -1, time: 0, firm: 0, fromFirm: 0, from: -1, to: -1, func: -1 };

  constructor(charts: OrgChart[], queues: ManagerQueues[], opts: EscalatorOptions, rng: Rng) {
    const filter = opts.falseAlarmFilter ?? 0;
    if (!(filter >= 0 && filter <= 1)) throw new Error(`Escalator: falseAlarmFilter must be in [0, 1], got ${filter}`);
    this.charts = charts;
    this.queues = queues;
    this.tm = withDefaults(opts.timing);
    this.filter = filter;
    this.rng = rng;
  }

  /**
   * Begins escalating `path` at time t (t >= the time of the last advanceTo call; inside an onEvent
   * callback, >= the current event's time). Returns the escalation id (0, 1, 2, ...); every event of
   * this escalation carries `tag` (e.g. the shock it is about).
   */
  start(path: EscalationPath, t: number, falseAlarm = false, tag = -1): number {
    if (!Number.isFinite(t)) throw new Error(`Escalator.start: time must be finite, got ${t}`);
    if (t < this.clock) {
      throw new Error(`Escalator.start: time ${t} is earlier than the escalator's clock ${this.clock} (last advanceTo); ` +
        'start escalations at or after the time already advanced to');
    }
    const plan = buildPlan(this.charts, path, this.tm.handoff);
    const run = this.makeRun(plan, path.detector, falseAlarm, tag);
    const id = this.runs.length;
    this.runs.push(run);
    this.msgs.push(0);
    if (run.nodes[0].upChain.length === 0) this.finishNode(id, run, 0, t);
    else this.push(run, t, ARRIVE, id, 0, 0, 0);
    if (run.pending === 0) this.runs[id] = null; // nothing to do (no hop, no function wanted)
    return id;
  }

  /**
   * Processes every pending event with time <= t in time order (ties: see the file comment), calling
   * onEvent for each; events scheduled meanwhile at times <= t are processed too. The event object is
   * reused: copy the fields you keep. onEvent may call start() (at times >= the event's) and cancel().
   */
  advanceTo(t: number, onEvent: (e: EscalationEvent) => void): void {
    if (Number.isNaN(t)) throw new Error('Escalator.advanceTo: time is NaN');
    if (t < this.clock) throw new Error(`Escalator.advanceTo: time ${t} is earlier than the last advanceTo (${this.clock})`);
    if (this.advancing) throw new Error('Escalator.advanceTo: called from inside an onEvent callback');
    this.advancing = true;
    const heap = this.heap;
    try {
      while (heap.size > 0 && heap.peekTime() <= t) {
        heap.pop();
        const id = heap.a;
        const run = this.runs[id];
        if (run === null) continue; // cancelled or filtered: dropped silently
        this.clock = heap.time;
        run.pending--;
        this.live--;
        // Fields copied out: the callback may call nextEventTime(), which pops dropped events.
        this.process(id, run, onEvent, heap.time, heap.kind, heap.b, heap.c, heap.d);
        if (run.pending === 0 && this.runs[id] === run) this.runs[id] = null;
      }
    } finally {
      this.advancing = false;
    }
    this.clock = t;
  }

  /** Set by the model when a participant plays a top manager (see CrossingGate); null: the plan. */
  gate: CrossingGate | null = null;

  /**
   * Top manager `person` of `firm` forwards now (at t >= the clock) every report they have served
   * that is still waiting for the batch; returns how many crossings were brought forward. The batch
   * copies are dropped when they come due.
   */
  expedite(firm: number, person: number, t: number): number {
    if (t < this.clock) throw new Error(`Escalator.expedite: time ${t} is earlier than the escalator's clock ${this.clock}`);
    let moved = 0;
    for (let id = 0; id < this.runs.length; id++) {
      const run = this.runs[id];
      if (run === null) continue;
      for (const node of run.nodes) {
        if (node.firm !== firm || node.decider !== person || Number.isNaN(node.served)) continue;
        const at = Math.max(t, node.served);
        for (const child of node.children) {
          if (run.nodes[child].arrived || at >= nextCrossing(node.served, this.tm.batchH)) continue;
          this.push(run, at, ARRIVE, id, child, 0, 0);
          moved++;
        }
      }
    }
    return moved;
  }

  /** Stops an escalation (e.g. its shock was resolved): its pending events are dropped silently. */
  cancel(id: number): void {
    this.check(id);
    const run = this.runs[id];
    if (run === null) return;
    this.live -= run.pending;
    run.pending = 0;
    this.runs[id] = null;
  }

  /** Messages emitted so far by this escalation ('hop' + 'cross' + 'handoff' events). */
  messages(id: number): number {
    this.check(id);
    return this.msgs[id];
  }

  totalMessages(): number {
    return this.total;
  }

  /** True while the escalation still has events to come (false once completed, filtered or cancelled). */
  active(id: number): boolean {
    this.check(id);
    return this.runs[id] !== null;
  }

  /** Events still queued (those of cancelled or filtered escalations excluded). */
  pending(): number {
    return this.live;
  }

  /** Time of the next event advanceTo would emit; Infinity if none. */
  nextEventTime(): number {
    const heap = this.heap;
    while (heap.size > 0 && this.runs[heap.peekA()] === null) heap.pop();
    return heap.peekTime();
  }

  private check(id: number): void {
    if (!(Number.isInteger(id) && id >= 0 && id < this.runs.length)) throw new Error(`Escalator: unknown escalation id ${id}`);
  }

  private push(run: Run, time: number, kind: number, id: number, b: number, c: number, d: number): void {
    this.heap.push(time, kind, id, b, c, d);
    run.pending++;
    this.live++;
  }

  private makeRun(plan: Plan, detector: number, falseAlarm: boolean, tag: number): Run {
    const parents = plan.nodes.map(() => -1);
    plan.nodes.forEach((n, i) => { for (const c of n.children) parents[c] = i; });
    let handoff = false;
    const nodes = plan.nodes.map((n, i): NodeRun => {
      const chart = this.charts[n.firm];
      const queues = this.queues[n.firm] ?? null;
      if (n.upChain.length > 0 && (!queues || queues.count < chart.headcount)) {
        throw new Error(`Escalator: no ManagerQueues (or too few managers) for firm ${n.firm}`);
      }
      const decider = n.upChain.length > 0 ? n.upChain[n.upChain.length - 1] : detector;
      const deferred = n.targets.findIndex((t) => t.deferred);
      if (deferred >= 0) handoff = true;
      const now = edgeArrays(descentEdgeList(chart, decider, n.targets.filter((t) => !t.deferred)));
      const later = edgeArrays(deferred >= 0 ? descentEdgeList(chart, decider, [n.targets[deferred]]) : []);
      return {
        firm: n.firm, queues, upChain: n.upChain, parent: parents[i], children: n.children, decider, targets: n.targets,
        edgeFrom: now.from, edgeTo: now.to, edgeDepth: now.depth,
        deferred, deferFrom: later.from, deferTo: later.to, deferDepth: later.depth,
        hasPlanning: n.targets.some((t) => t.func === PLANNING && !t.deferred), decided: NaN, served: NaN, arrived: i === 0,
      };
    });
    return {
      tag, detector, falseAlarm, nodes, handoff,
      planningLeft: handoff ? nodes.filter((n) => n.hasPlanning).length : 0,
      planned: -Infinity, pending: 0,
    };
  }

  /** Node i has served the report at `served` (processing now, at a time <= served). */
  private finishNode(id: number, run: Run, i: number, served: number): void {
    const node = run.nodes[i];
    const tm = this.tm;
    const decided = node.targets.length ? served + tm.decisionH : served;
    node.decided = decided;
    if (node.targets.length) this.push(run, decided, DECIDE, id, i, 0, 0);
    for (let e = 0; e < node.edgeDepth.length; e++) this.push(run, descend(decided, node.edgeDepth[e], tm.descentH), EDGE, id, i, e, 0);
    for (let j = 0; j < node.targets.length; j++) {
      const t = node.targets[j];
      if (t.deferred) continue;
      const at = descend(decided, t.hops, tm.descentH);
      this.push(run, at, ASSIGN, id, i, j, 0);
      if (t.func === PLANNING) run.planned = Math.max(run.planned, at);
    }
    node.served = served;
    const batch = nextCrossing(served, tm.batchH);
    const cross = node.children.length > 0 && this.gate !== null && this.gate.forwardNow(node.firm, node.decider, run.tag, served, batch) ? served : batch;
    for (let k = 0; k < node.children.length; k++) this.push(run, cross, ARRIVE, id, node.children[k], 0, 0);
    if (!run.handoff) return;
    if (node.hasPlanning && --run.planningLeft === 0) {
      // Planning is now fully assigned: release production everywhere it has been decided.
      for (let n = 0; n < run.nodes.length; n++) {
        if (run.nodes[n].deferred >= 0 && !Number.isNaN(run.nodes[n].decided)) this.scheduleHandoff(id, run, n);
      }
    } else if (run.planningLeft === 0 && node.deferred >= 0) this.scheduleHandoff(id, run, i);
  }

  /** Production at node n: hand-off at max(planning assigned, first decision), decide again, descend. */
  private scheduleHandoff(id: number, run: Run, n: number): void {
    const node = run.nodes[n];
    const tm = this.tm;
    const j = node.deferred;
    const released = Math.max(run.planned, node.decided);
    const decided = released + tm.decisionH;
    this.push(run, released, HANDOFF, id, n, j, 0);
    this.push(run, decided, DECIDE, id, n, 0, 1);
    for (let e = 0; e < node.deferDepth.length; e++) this.push(run, descend(decided, node.deferDepth[e], tm.descentH), EDGE, id, n, e, 1);
    this.push(run, descend(decided, node.targets[j].hops, tm.descentH), ASSIGN, id, n, j, 0);
  }

  private emit(onEvent: (e: EscalationEvent) => void, kind: EscalationEventKind, id: number, time: number, firm: number,
    fromFirm: number, from: number, to: number, func: number, message: boolean): void {
    if (message) {
      this.msgs[id]++;
      this.total++;
    }
    const e = this.ev;
    e.kind = kind; e.id = id; e.time = time; e.firm = firm; e.fromFirm = fromFirm; e.from = from; e.to = to; e.func = func;
    onEvent(e);
  }

  private process(id: number, run: Run, onEvent: (e: EscalationEvent) => void,
    time: number, kind: number, i: number, c: number, d: number): void {
    const node = run.nodes[i];
    this.ev.tag = run.tag;
    switch (kind) {
      case ARRIVE: {
        const k = c;
        if (i > 0 && k === 0) {
          // A report forwarded early (expedite) has arrived already: its batch copy is dropped.
          if (node.arrived) return;
          node.arrived = true;
          const parent = run.nodes[node.parent];
          this.emit(onEvent, 'cross', id, time, node.firm, parent.firm, parent.decider, node.upChain[0], -1, true);
          if (this.runs[id] !== run) return; // cancelled from the callback
        }
        const departure = node.queues!.serve(node.upChain[k], time);
        const filtered = run.falseAlarm && this.filter > 0 && this.rng() < this.filter;
        // Upward hops are messages, emitted at service completion; a receiving top's service is
        // covered by the crossing message and only shows if it filters.
        if (i === 0 || filtered) this.push(run, departure, SERVED, id, i, k, filtered ? 1 : 0);
        if (filtered) return;
        if (k + 1 < node.upChain.length) this.push(run, departure, ARRIVE, id, i, k + 1, 0);
        else this.finishNode(id, run, i, departure);
        return;
      }
      case SERVED: {
        const k = c;
        const to = node.upChain[k];
        if (i === 0) {
          this.emit(onEvent, 'hop', id, time, node.firm, node.firm, k > 0 ? node.upChain[k - 1] : run.detector, to, -1, true);
          if (d === 0 || this.runs[id] !== run) return;
          this.emit(onEvent, 'filtered', id, time, node.firm, node.firm, k > 0 ? node.upChain[k - 1] : run.detector, to, -1, false);
        } else {
          const parent = run.nodes[node.parent];
          this.emit(onEvent, 'filtered', id, time, node.firm, parent.firm, parent.decider, to, -1, false);
        }
        // Stopped: drop whatever else this escalation still has queued.
        if (this.runs[id] === run) {
          this.live -= run.pending;
          run.pending = 0;
          this.runs[id] = null;
        }
        return;
      }
      case DECIDE:
        this.emit(onEvent, 'decide', id, time, node.firm, node.firm, node.decider, -1, -1, false);
        return;
      case EDGE: {
        const e = c;
        const later = d === 1;
        this.emit(onEvent, 'hop', id, time, node.firm, node.firm, later ? node.deferFrom[e] : node.edgeFrom[e],
          later ? node.deferTo[e] : node.edgeTo[e], -1, true);
        return;
      }
      case ASSIGN: {
        const t = node.targets[c];
        this.emit(onEvent, 'assign', id, time, node.firm, node.firm, node.decider, t.person, t.func, false);
        return;
      }
      case HANDOFF:
        this.emit(onEvent, 'handoff', id, time, node.firm, node.firm, -1, node.decider, node.targets[c].func, true);
        return;
      default:
        throw new Error(`Escalator: internal error, event kind ${kind}`);
    }
  }
}
