/**
 * The twin: the same scenario and seed run in two coordination modes side by side, on one clock.
 * Platform-free (used by the worker and by tests). Changes from the UI are queued and applied between
 * ticks: a parameter change restarts both twins from the start with the same seed; a shock placed on
 * the map is added at the current time and both twins are replayed to it (deterministically, so the
 * past is unchanged and only the future differs).
 */
import { applyOverrides } from '../../sim/model/overrides.ts';
import { resolveScenario, type Scenario } from '../../sim/model/scenario.ts';
import { Simulation } from '../../sim/model/simulation.ts';
import type { ModeSpec } from '../../sim/model/runner.ts';
import { SHOCK_KINDS, SHOCK_SKILLS, SKILLS, type ShockKind } from '../../sim/model/params.ts';
import { HAND_UNDECIDED, MOMENT_NONE } from '../../sim/model/hands.ts';

export type Change =
  | { kind: 'set'; path: string; value: unknown }
  | { kind: 'shock'; shockKind: ShockKind; x: number; y: number; owner?: number }
  | { kind: 'seed'; seed: number }
  | { kind: 'panes'; panes: [ModeSpec, ModeSpec] }
  | { kind: 'scenario'; raw: unknown };

/** A workshop participant takes or leaves a person of one pane, or decides for them (hands.ts). */
export type HandChange =
  | { kind: 'embody'; pane: 0 | 1; id: number }
  | { kind: 'release'; pane: 0 | 1; id: number }
  | { kind: 'decide'; pane: 0 | 1; id: number; yes: boolean };

/**
 * A hand change as applied: before tick `tick` of that pane's run. The log of a run (who was played
 * from when, and every decision) reproduces it: a replay applies each entry at its tick again.
 */
export interface HandDecision {
  tick: number;
  pane: 0 | 1;
  id: number;
  kind: 'embody' | 'release' | 'decide';
  /** For 'decide': join / forward now (true) or stay / hold (false). */
  yes?: boolean;
}

export interface TwinConfig {
  raw: Record<string, unknown>;
  seed: number;
  panes: [ModeSpec, ModeSpec];
}

export class Twin {
  config: TwinConfig;
  scenario: Scenario;
  sims: [Simulation, Simulation];
  private queue: Change[] = [];
  private handQueue: HandChange[] = [];
  /** Played people per pane, and this run's log of hand changes (a new run starts it with who is played). */
  readonly played: [Set<number>, Set<number>] = [new Set(), new Set()];
  decisions: HandDecision[] = [];

  constructor(config: TwinConfig) {
    this.config = structuredClone(config);
    this.scenario = resolveScenario(this.config.raw);
    this.sims = this.build();
  }

  private build(config = this.config, scenario = this.scenario): [Simulation, Simulation] {
    const [a, b] = config.panes;
    // The lab runs on after the response (people keep moving, routine problems keep coming).
    return [new Simulation(scenario, { ...a, seed: config.seed, stopWhenResolved: false }), new Simulation(scenario, { ...b, seed: config.seed, stopWhenResolved: false })];
  }

  get time(): number {
    return this.sims[0].time;
  }

  get done(): boolean {
    return this.sims[0].done && this.sims[1].done;
  }

  /** Queue a change; it is validated now (so bad input is reported at once) and applied between ticks. */
  enqueue(change: Change): void {
    this.preview(change);
    this.queue.push(change);
  }

  /**
   * Throws (a ValidationError for an invalid scenario) if the change could not be applied; changes
   * nothing. The changed scenario is also built, so a change that validates but could not run is
   * refused here rather than breaking the running twins.
   */
  preview(change: Change): void {
    if (change.kind === 'set' || change.kind === 'shock' || change.kind === 'scenario') this.build(this.config, resolveScenario(this.changedRaw(change)));
    if (change.kind === 'seed' && !(Number.isInteger(change.seed) && change.seed >= 0 && change.seed < 2 ** 31)) throw new Error(`seed: ${change.seed} must be a whole number from 0 to 2147483647`);
  }

  private changedRaw(change: Change, base = this.config.raw): Record<string, unknown> {
    if (change.kind === 'set') return applyOverrides(base, [`${change.path}=${JSON.stringify(change.value)}`]) as Record<string, unknown>;
    if (change.kind === 'scenario') return change.raw as Record<string, unknown>;
    if (change.kind === 'shock') {
      if (!SHOCK_KINDS.includes(change.shockKind)) throw new Error(`shock kind "${change.shockKind}" is not one of ${SHOCK_KINDS.join(', ')}`);
      const raw = structuredClone(base);
      const shocks = (raw.shocks as unknown[]) ?? [];
      if (change.owner !== undefined && !(Number.isInteger(change.owner) && change.owner >= 0 && change.owner < this.scenario.firms.length)) throw new Error(`shock firm: ${change.owner} is not one of the ${this.scenario.firms.length} firms`);
      const owner = change.owner ?? this.nearestFirm(change.x, change.y, change.shockKind);
      const placed = { kind: change.shockKind, owner, onset: Math.round(this.time * 10) / 10, location: [change.x, change.y], label: `${change.shockKind.replace('-', ' ')} at ${this.scenario.firms[owner].name} (placed)` };
      shocks.push(placed);
      raw.shocks = shocks;
      return raw;
    }
    return base;
  }

  /** The firm nearest (x, y) that could notice a shock of this kind (it has a department the kind needs). */
  nearestFirm(x: number, y: number, kind?: ShockKind): number {
    const needs = kind ? SHOCK_SKILLS[kind].map((name) => SKILLS.indexOf(name)) : null;
    let best = 0;
    let bestD = Infinity;
    this.scenario.firms.forEach((f, i) => {
      const d = Math.hypot(f.home[0] - x, f.home[1] - y);
      const notices = !needs || needs.some((k) => f.functions.includes(k));
      if (d < bestD && f.role !== 'customer' && notices) {
        bestD = d;
        best = i;
      }
    });
    return best;
  }

  /** Queue a participant's change; applied between ticks. A bad person id is refused now. */
  enqueueHand(change: HandChange): void {
    const n = this.sims[change.pane]?.people.n ?? 0;
    if (!(Number.isInteger(change.id) && change.id >= 0 && change.id < n)) throw new Error(`person ${change.id} is not in pane ${change.pane} (0 to ${n - 1})`);
    this.handQueue.push(change);
  }

  private applyHands(): void {
    for (const c of this.handQueue.splice(0)) {
      const sim = this.sims[c.pane];
      if (c.id >= sim.people.n) continue; // the run was rebuilt smaller meanwhile
      if (c.kind === 'decide' && !this.played[c.pane].has(c.id)) continue; // released meanwhile
      if (c.kind === 'embody' && this.played[c.pane].has(c.id)) continue; // already played (a new run re-embodies)
      const entry: HandDecision = { tick: sim.tick, pane: c.pane, id: c.id, kind: c.kind, ...(c.kind === 'decide' ? { yes: c.yes } : {}) };
      this.applyEntry(entry);
      this.decisions.push(entry);
    }
  }

  private applyEntry(e: HandDecision): void {
    const sim = this.sims[e.pane];
    if (e.id >= sim.people.n) return;
    if (e.kind === 'embody') {
      this.played[e.pane].add(e.id);
      sim.embody(e.id);
    } else if (e.kind === 'release') {
      this.played[e.pane].delete(e.id);
      sim.release(e.id);
    } else if (this.played[e.pane].has(e.id)) sim.decide(e.id, e.yes === true);
  }

  /** A new run: the people played so far are played from its first tick (the log starts with them). */
  private castInto(sims: [Simulation, Simulation]): void {
    this.decisions = [];
    this.shown.clear();
    sims.forEach((sim, k) => {
      for (const id of this.played[k]) {
        if (id >= sim.people.n) continue;
        sim.embody(id);
        this.decisions.push({ tick: 0, pane: k as 0 | 1, id, kind: 'embody' });
      }
    });
  }

  /** Re-apply the log entries due at this tick, then step both twins (a replay). */
  private stepBoth(log: HandDecision[]): void {
    for (const e of log) if (e.tick === this.sims[e.pane].tick) this.applyEntry(e);
    if (!this.sims[0].done) this.sims[0].step();
    if (!this.sims[1].done) this.sims[1].step();
  }

  /** Moments a played person has been shown (pane:id:moment:shock), so each is reported once. */
  private shown = new Set<string>();

  /** Whether a played person now faces a decision not shown before (the screen should wait for them). */
  private newMoment(): boolean {
    let fresh = false;
    this.sims.forEach((sim, k) => {
      if (sim.hands.played === 0) return;
      for (const id of this.played[k]) {
        const m = sim.hands.moment[id];
        if (m === MOMENT_NONE || sim.hands.policy[id] !== HAND_UNDECIDED) continue;
        const key = `${k}:${id}:${m}:${sim.hands.shock[id]}`;
        if (!this.shown.has(key)) {
          this.shown.add(key);
          fresh = true;
        }
      }
    });
    return fresh;
  }

  /**
   * Apply queued changes (between ticks), then advance both twins `ticks` ticks — stopping early when a
   * played person faces a new decision, so a fast-forwarding screen never skips the room's moment.
   */
  advance(ticks: number): void {
    this.applyQueued();
    this.applyHands();
    for (let k = 0; k < ticks; k++) {
      if (this.done) break;
      if (!this.sims[0].done) this.sims[0].step();
      if (!this.sims[1].done) this.sims[1].step();
      if ((this.played[0].size || this.played[1].size) && this.newMoment()) break;
    }
  }

  /**
   * Applies the queued changes all or nothing: the new configuration, scenario and twins are built
   * first and replace the running ones only when every step succeeded, so a failing change leaves the
   * lab exactly as it was (and says why).
   */
  private applyQueued(): void {
    if (!this.queue.length) return;
    const changes = this.queue;
    this.queue = [];
    let replayTo = 0;
    const config = structuredClone(this.config);
    for (const change of changes) {
      if (change.kind === 'seed') config.seed = change.seed;
      else if (change.kind === 'panes') config.panes = change.panes;
      else {
        if (change.kind === 'shock') replayTo = Math.max(replayTo, this.time);
        config.raw = this.changedRaw(change, config.raw);
      }
    }
    const scenario = resolveScenario(config.raw);
    const sims = this.build(config, scenario);
    // Everything built: only now replace the running twins.
    this.config = config;
    this.scenario = scenario;
    this.sims = sims;
    if (replayTo === 0) return this.castInto(sims);
    // A placed shock keeps the past, the room's part in it included: replay both twins to the moment
    // it was placed, applying the log at its ticks. Any other change starts a new run (castInto).
    const log = this.decisions;
    this.played[0].clear();
    this.played[1].clear();
    while (this.sims[0].time < replayTo - 1e-9) this.stepBoth(log);
    for (const e of log) if (e.tick === this.sims[e.pane].tick) this.applyEntry(e);
  }

  /** A twin that replays a room's log (e.g. from its record) to `hours`: the same run, bit for bit. */
  static replayLog(config: TwinConfig, log: HandDecision[], hours: number): Twin {
    const t = new Twin(config);
    while (t.time < hours - 1e-9 && !t.done) t.stepBoth(log);
    t.decisions = log.slice();
    return t;
  }

  /** A twin rebuilt from its configuration and replayed to `tick` (snapshot restore: deterministic). */
  static replayTo(config: TwinConfig, tick: number): Twin {
    const t = new Twin(config);
    while (t.sims[0].tick < tick && !t.done) t.advance(1);
    return t;
  }

  restart(): void {
    this.queue = [];
    this.sims = this.build();
    this.castInto(this.sims);
  }
}
