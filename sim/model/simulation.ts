/**
 * One run of the business-ecosystem model in one coordination mode: a steppable object.
 *
 *   const sim = new Simulation(scenario, { mode: 'spontaneous', seed: 7 });
 *   while (!sim.done) sim.step();
 *   sim.metrics();
 *
 * `step()` advances one tick (dt = 0.1 h by default) through named phases, like matter-js's
 * Engine.update. All randomness comes from seeded streams named by purpose, so the same scenario, mode
 * and seed give identical results in Node and in the browser, and paired runs of different modes share
 * everything that does not depend on the organisation.
 */
import { Flock, type PairPass } from '../kernel/flock.ts';
import { ManagerQueues } from '../hierarchy/managerQueue.ts';
import type { EscalationPath } from '../hierarchy/escalation.ts';
import { Escalator, type EscalationEvent } from '../hierarchy/escalator.ts';
import { streamRng, type Rng } from '../rng.ts';
import { buildEcosystem, type Ecosystem } from './ecosystem.ts';
import { K, type ModeName } from './params.ts';
import type { Scenario } from './scenario.ts';
import { PersonState, ShockState } from './state.ts';
import { detect, Detections, openShocks, type DetectionInputs } from './detection.ts';
import { groupOf, GROUP_IDLE, type Crew } from './crew.ts';
import { escalationHandler, startEscalations, type Hierarchy } from './hierarchical.ts';
import { movementKernelParams } from './movement.ts';
import { commit, spreadAwareness, type SharedSpace } from './spontaneous.ts';
import { WordOfMouth } from './wordOfMouth.ts';
import { allotCapacity, closeGaps, engageOnSite, fixOwnJobs, measureCoverage, setAffinity, type ClosureRules, type TeamRules } from './teams.ts';
import { MetricsRecorder, type RunMetrics, type SeriesPoint } from './metrics.ts';
import { SupplyLayer } from './supplyLayer.ts';
import { problemStream } from './problemStream.ts';
import { HAND_MODEL, HAND_NO, HAND_YES, Hands, MOMENT_FORWARD } from './hands.ts';

export interface RunOptions {
  mode: ModeName;
  seed: number;
  /** Hybrid share connected and empowered; defaults to the scenario's shared.lambda. */
  lambda?: number;
  /** The kernel's pair pass (a speed choice: both give identical results); default 'auto'. */
  pairPass?: PairPass;
  /** Override the scenario's run.stopWhenResolved (the lab runs on to the horizon). */
  stopWhenResolved?: boolean;
}

export class Simulation {
  readonly scenario: Scenario;
  readonly mode: ModeName;
  readonly seed: number;
  readonly lambda: number;
  readonly dt: number;
  readonly ticks: number;
  /** Whether the run ends once the scenario's own shocks are settled (every metric final). */
  readonly stopWhenResolved: boolean;
  tick = 0;
  readonly eco: Ecosystem;
  readonly flock: Flock;
  readonly people: PersonState;
  readonly shocks: ShockState;
  readonly escalator: Escalator | null;
  readonly queues: ManagerQueues[];
  readonly supply: SupplyLayer;
  readonly recorder: MetricsRecorder;
  /** Streams by purpose (common random numbers across modes where the purpose is shared). */
  readonly rng: { detect: Rng; movement: Rng; shared: Rng; queues: Rng; filter: Rng };
  /** Whether each mode mechanism is on. */
  readonly usesHierarchy: boolean;
  readonly usesSharedSpace: boolean;
  /** Capacity each person can give this tick (after attention cost), set by allotCapacity. */
  readonly capacity: Float64Array;
  /** People a workshop participant plays (none unless embody() is called). */
  readonly hands: Hands;
  /** The route each shock's escalation took (null: not escalated), e.g. for V5's exact-sum check. */
  readonly escalationPaths: Array<EscalationPath | null>;
  /** What detection emitted this tick, for the phases that act on it. */
  private readonly found: Detections;
  /** What each phase is handed (built once): the arrays it reads and writes and its parameters. */
  private readonly detection: DetectionInputs;
  private readonly crew: Crew;
  private readonly hierarchy: Hierarchy | null;
  private readonly space: SharedSpace;
  private readonly teamRules: TeamRules;
  private readonly closure: ClosureRules;
  private readonly onEscalation: ((e: EscalationEvent) => void) | null;

  constructor(scenario: Scenario, opts: RunOptions) {
    this.mode = opts.mode;
    this.seed = opts.seed;
    this.lambda = opts.mode === 'hierarchical' ? 0 : opts.mode === 'spontaneous' ? 1 : (opts.lambda ?? scenario.shared.lambda);
    this.scenario = opts.mode === 'hybrid' ? { ...scenario, shared: { ...scenario.shared, lambda: this.lambda } } : scenario;
    const s = this.scenario;
    this.dt = s.run.dt;
    this.ticks = Math.round(s.run.horizon / s.run.dt);
    this.stopWhenResolved = opts.stopWhenResolved ?? s.run.stopWhenResolved;
    this.usesHierarchy = opts.mode !== 'spontaneous';
    this.usesSharedSpace = opts.mode !== 'hierarchical' && this.lambda > 0;
    this.eco = buildEcosystem(s, opts.mode, opts.seed);
    const n = this.eco.people.n;
    this.rng = {
      detect: streamRng(opts.seed, 'detect'),
      movement: streamRng(opts.seed, 'movement'),
      shared: streamRng(opts.seed, 'shared-space'),
      queues: streamRng(opts.seed, 'manager-queues'),
      filter: streamRng(opts.seed, 'false-alarm-filter'),
    };
    this.flock = new Flock(movementKernelParams(s, n), streamRng(opts.seed, 'kernel-init'), { pairPass: opts.pairPass });
    const p = this.eco.people;
    for (let id = 0; id < n; id++) {
      this.flock.setPosition(id, p.startX[id], p.startY[id], p.startHeading[id]);
      const home = s.firms[p.firm[id]].home;
      this.flock.setHome(id, home[0], home[1], p.homePull[id]);
      this.flock.setGroup(id, groupOf(p.firm[id], GROUP_IDLE));
    }
    // The scenario's own shocks first (the headline metrics are theirs), then the routine problems.
    const specs = [...s.shocks, ...problemStream(s, opts.seed)];
    this.people = new PersonState(n, specs.length);
    this.shocks = new ShockState(specs);
    setAffinity(this.flock, s.trust, this.eco.complementarity, s.shared.gamma, s.shared.crossFirmAffinity);
    this.queues = this.eco.charts.map((c) => new ManagerQueues(c.headcount, { serviceMeanH: s.hierarchy.serviceMean, service: s.hierarchy.service, load: s.hierarchy.load }, this.rng.queues));
    this.escalator = this.usesHierarchy
      ? new Escalator(this.eco.charts, this.queues, { timing: { serviceH: s.hierarchy.serviceMean, batchH: s.hierarchy.batchPeriod, descentH: s.hierarchy.descent, decisionH: s.hierarchy.decision, handoff: s.hierarchy.handoff }, falseAlarmFilter: s.hierarchy.falseAlarmFilter }, this.rng.filter)
      : null;
    this.capacity = new Float64Array(n);
    this.hands = new Hands(n);
    this.hands.askable = s.shocks.length;
    if (this.escalator) this.escalator.gate = crossingGate(this.hands, this.eco.firmStart);
    this.escalationPaths = specs.map(() => null);
    this.found = new Detections(specs.length);
    this.supply = new SupplyLayer(this);
    this.recorder = new MetricsRecorder(this);
    this.detection = { shocks: this.shocks, people: p, state: this.people, firms: s.firms, flock: this.flock, rng: this.rng.detect, detectRate: s.shock.detectRate, dt: this.dt };
    this.crew = {
      people: p, state: this.people, shocks: this.shocks, flock: this.flock, firms: s.firms, capacity: this.capacity,
      assignOmega: s.hierarchy.assignOmega, commitOmega: s.shared.commitOmega, spare: s.ecosystem.spareCapacity, effortStar: s.shock.effortStar, hands: this.hands,
    };
    this.hierarchy = this.escalator
      ? { escalator: this.escalator, charts: this.eco.charts, firmStart: this.eco.firmStart, params: s.hierarchy, pure: this.mode === 'hierarchical', recorder: this.recorder, paths: this.escalationPaths }
      : null;
    this.onEscalation = this.hierarchy ? escalationHandler(this.hierarchy, this.crew) : null;
    this.space = { params: s.shared, trust: s.trust, rng: this.rng.shared, dt: this.dt, recorder: this.recorder, mouth: new WordOfMouth(n, s.ecosystem.width, s.ecosystem.height, s.shared.relayRadius) };
    this.teamRules = { teamRadius: s.shock.teamRadius };
    this.closure = { teamCoverage: s.shock.teamCoverage, falseAlarmDiscovery: s.shared.falseAlarmDiscovery, dt: this.dt, escalator: this.escalator };
  }

  /** Simulated hours since the start. */
  get time(): number {
    return this.tick * this.dt;
  }

  /** At the horizon, or (with stopWhenResolved) once no metric can change any more. */
  get done(): boolean {
    return this.tick >= this.ticks || (this.stopWhenResolved && this.recorder.settled);
  }

  /** One tick: the phases run in this order. */
  step(): void {
    const t = this.time;
    const { crew, found, hierarchy: h } = this;
    openShocks(this.shocks, t);                           // shocks whose onset has come become open
    detect(this.detection, t, found);                     // the owner's front line (and customers) notice where a problem shows
    fixOwnJobs(crew, found);                              // a detector whose own department covers it just fixes it
    if (h) startEscalations(h, crew, found, t);           // the others are reported up the hierarchy
    if (h) h.escalator.advanceTo(t, this.onEscalation!);  // reports climb, cross in batches, descend; orders land
    if (this.usesSharedSpace) spreadAwareness(crew, this.space, t); // the first connected person to know posts; word of mouth
    allotCapacity(crew, this.scenario.shared);            // spare capacity after the attention the shared space takes
    if (this.usesSharedSpace) commit(crew, this.space);   // empowered people who know commit by skill, capacity and trust
    this.flock.step(this.rng.movement);                   // everyone moves (kernel, business preset)
    engageOnSite(crew, this.teamRules, t);                // committed people on site are engaged; those who drift off are not
    measureCoverage(crew);                                // effort per skill from engaged people → coverage C
    closeGaps(crew, this.closure, t);                     // gaps close at r_max·C; resolved shocks release their teams
    this.supply.step(t);                                  // orders and inventory per tier, once per ordering period
    this.tick++;
    this.recorder.record(this.time); // metrics and the sampled time series
  }

  /** Run to the horizon (or `untilHours`) and return the metrics. */
  run(untilHours = Infinity): RunMetrics {
    const last = Math.min(this.ticks, Math.round(untilHours / this.dt));
    while (this.tick < last && !this.done) this.step();
    return this.metrics();
  }

  metrics(): RunMetrics {
    return this.recorder.metrics();
  }

  series(): SeriesPoint[] {
    return this.recorder.series;
  }

  /** A workshop participant plays person `id` from now on: their decisions come from decide(). */
  embody(id: number): void {
    this.hands.embody(id);
  }

  /** The participant left: the model decides for person `id` again. */
  release(id: number): void {
    this.hands.release(id);
  }

  /**
   * The player's decision for person `id`, applied between ticks: join the team / forward the report
   * now (yes), or stay on the day job / hold it for the batch (no). A report the manager is holding
   * crosses at once when they say yes.
   */
  decide(id: number, yes: boolean): void {
    if (this.hands.policy[id] === HAND_MODEL) throw new Error(`person ${id} is not played by anyone`);
    this.hands.policy[id] = yes ? HAND_YES : HAND_NO;
    if (yes && this.hands.moment[id] === MOMENT_FORWARD && this.escalator) {
      this.escalator.expedite(this.eco.people.firm[id], this.eco.people.local[id], this.time);
      this.hands.settle(id);
    }
  }

  /** Position of a person by id (the kernel reorders its arrays every tick). */
  x(id: number): number {
    return this.flock.x[this.flock.slotOf[id]];
  }
  y(id: number): number {
    return this.flock.y[this.flock.slotOf[id]];
  }
  skill(id: number, m: number): number {
    return this.eco.people.skill[id * K + m];
  }
}

/** A top manager a participant plays forwards when told (yes), else is asked and holds for the batch. */
function crossingGate(hands: Hands, firmStart: Int32Array) {
  return {
    forwardNow(firm: number, person: number, tag: number): boolean {
      const id = firmStart[firm] + person;
      if (hands.played === 0 || hands.policy[id] === HAND_MODEL || tag >= hands.askable) return false;
      if (hands.policy[id] === HAND_YES) return true;
      hands.ask(id, MOMENT_FORWARD, tag);
      return false;
    },
  };
}
