/**
 * Metrics of one run (spec section 8) and its sampled time series. All times are hours from the onset
 * of the primary shock (the first real one). A threshold never reached is reported as censored at the
 * horizon — the value is the horizon minus the onset and its `censored` flag is true — never 0 or NaN.
 *
 * Every metric except the bullwhip ratios measures the response: it accumulates until the scenario's
 * own shocks are all resolved or dismissed (`settled`), or to the horizon if they never are. After
 * that nothing can change them — routine problems of the stream may still come and go, people still
 * move — so a run can stop there (run.stopWhenResolved) with metrics identical to a run to the
 * horizon. The bullwhip ratios are variances of orders over the whole horizon: a run that stops early
 * leaves them empty.
 */
import { milling, polarisation, type Members } from '../kernel/observables.ts';
import { K } from './params.ts';
import { COMMITTED, DISMISSED, ENGAGED, INFORMED, OPEN, PENDING, RESOLVED } from './state.ts';
import type { Simulation } from './simulation.ts';

export interface TimedMetric {
  value: number;
  censored: boolean;
}

export interface RunMetrics {
  mode: string;
  lambda: number;
  seed: number;
  horizon: number;
  T_det: TimedMetric;
  T_team: TimedMetric;
  T50: TimedMetric;
  T90: TimedMetric;
  /** ∫G dt / G0 over the horizon (h): the resilience-triangle area. */
  loss: number;
  messages: number;
  /** Effort-hours spent watching the shared space. */
  attention_hours: number;
  /** Effort-hours committed beyond one specialist per needed skill, plus all effort on false alarms. */
  over_response: number;
  false_alarm_effort: number;
  peak_engaged: number;
  mean_queue: number;
  /** Var(orders at tier k) / Var(end demand), tier 1 nearest the customer, over the whole horizon; empty when the run may stop early (run.stopWhenResolved). */
  bullwhip: number[];
  final_recovery: number;
  /** Spec §8: polarisation |Σ u_i|/N and milling |Σ unit(x_i − c) × u_i|/N of everyone, mean over the samples from onset to the end of the response (settled) or the horizon. */
  polarisation: number;
  milling: number;
  /** The same for the primary shock's team (its committed and engaged people), mean over the samples while it has ≥ 2 members; null if it never had. */
  team_polarisation: number | null;
  team_milling: number | null;
}

export interface SeriesPoint {
  t: number;
  recovery: number;
  coverage: number;
  messages: number;
  informed: number;
  committed: number;
  engaged: number;
  attention: number;
  queue: number;
  polarisation: number;
  milling: number;
  /** NaN while the primary shock's team has fewer than 2 members. */
  team_polarisation: number;
  team_milling: number;
}

/** A hierarchy message or a shared-space flash, for the renderer (drained by the caller). */
export interface VisualEvent {
  kind: number;
  from: number;
  to: number;
  time: number;
}
export const FLASH = 10;

export class MetricsRecorder {
  readonly series: SeriesPoint[] = [];
  readonly visual: VisualEvent[] = [];
  messages = 0;
  /** The scenario's own shocks are all resolved or dismissed: the response metrics are final. */
  settled = false;
  attentionHours = 0;
  overResponse = 0;
  falseAlarmEffort = 0;
  peakEngaged = 0;
  private lossIntegral = 0;
  private readonly g0: number;
  private readonly primary: number;
  private readonly onset: number;
  /** The scenario's own shocks (the first `focal` indices); routine problems of the stream follow. */
  private readonly focal: number;
  private t50 = NaN;
  private t90 = NaN;
  private queueSum = 0;
  private queueSamples = 0;
  /** Effort committed to each shock this tick (reused every tick). */
  private readonly committedEffort: Float64Array;
  /** Kernel slots of the primary shock's team (reused every sample). */
  private readonly team: Members;
  private readonly collective = { pol: 0, mill: 0, samples: 0, teamPol: 0, teamMill: 0, teamSamples: 0 };

  constructor(private readonly sim: Simulation) {
    const specs = sim.scenario.shocks;
    this.g0 = specs.filter((s) => !s.falseAlarm).reduce((sum, s) => sum + s.gap, 0);
    const real = specs.filter((s) => !s.falseAlarm).sort((a, b) => a.onset - b.onset || a.index - b.index);
    this.primary = real[0].index;
    this.onset = real[0].onset;
    this.focal = specs.length;
    this.committedEffort = new Float64Array(sim.shocks.count);
    this.team = { slots: new Int32Array(sim.people.n), count: 0 };
    this.sample(0);
  }

  addMessages(count: number): void {
    if (!this.settled) this.messages += count;
  }

  message(kind: number, from: number, to: number, time: number): void {
    if (this.visual.length < 2000) this.visual.push({ kind, from, to, time });
  }

  broadcastFlash(shock: number, time: number): void {
    if (this.visual.length < 2000) this.visual.push({ kind: FLASH, from: shock, to: -1, time });
  }

  /** Real gap of the scenario's own shocks still open, counting those not started yet at full size. */
  gap(): number {
    const { shocks } = this.sim;
    let g = 0;
    for (let s = 0; s < this.focal; s++) if (!shocks.specs[s].falseAlarm) g += shocks.status[s] === PENDING ? shocks.specs[s].gap : shocks.gap[s];
    return g;
  }

  /** Called after every tick with the time at its end. */
  record(t: number): void {
    if (this.settled) {
      if (this.sim.tick % this.sim.scenario.run.sampleEvery === 0) this.sample(t);
      return;
    }
    const sim = this.sim;
    const { shocks, people, dt, scenario } = sim;
    const p = sim.eco.people;
    const g = this.gap();
    if (t > this.onset) this.lossIntegral += (g / this.g0) * dt;
    if (Number.isNaN(this.t50) && t > this.onset && g <= 0.5 * this.g0 + 1e-9) this.t50 = t - this.onset;
    if (Number.isNaN(this.t90) && t > this.onset && g <= 0.1 * this.g0 + 1e-9) this.t90 = t - this.onset;
    // Attention: every connected person watches every visible active shock.
    let visible = 0;
    for (let s = 0; s < shocks.count; s++) if (shocks.status[s] === OPEN && shocks.broadcast[s]) visible++;
    if (visible > 0) {
      let connected = 0;
      for (let id = 0; id < p.n; id++) connected += p.connected[id];
      this.attentionHours += connected * Math.min(scenario.shared.attentionCost * visible, scenario.shared.attentionCap * scenario.ecosystem.spareCapacity) * dt;
    }
    // Over-response: effort beyond one specialist per needed skill; everything on a false alarm.
    // (Capacity is this tick's, after attention: 0 means 0.)
    const spare = scenario.ecosystem.spareCapacity;
    // Effort committed to each shock, in one pass over people (each shock's sum in id order).
    const effort = this.committedEffort;
    effort.fill(0);
    for (let id = 0; id < p.n; id++) if (people.target[id] >= 0) effort[people.target[id]] += sim.capacity[id];
    let engaged = 0;
    for (let s = 0; s < shocks.count; s++) {
      if (shocks.status[s] !== OPEN) continue;
      const committedEffort = effort[s];
      engaged += shocks.teamSize[s];
      if (shocks.specs[s].falseAlarm) {
        this.falseAlarmEffort += committedEffort * dt;
        this.overResponse += committedEffort * dt;
      } else {
        let needed = 0;
        for (let m = 0; m < K; m++) if (shocks.specs[s].mix[m] > 0) needed++;
        this.overResponse += Math.max(0, committedEffort - needed * spare) * dt;
      }
    }
    this.peakEngaged = Math.max(this.peakEngaged, engaged);
    if (sim.tick % scenario.run.sampleEvery === 0) this.sample(t);
    this.settled = this.focalSettled();
  }

  /** Whether every one of the scenario's own shocks is resolved or dismissed (none pending or open). */
  private focalSettled(): boolean {
    const status = this.sim.shocks.status;
    for (let s = 0; s < this.focal; s++) if (status[s] !== RESOLVED && status[s] !== DISMISSED) return false;
    return true;
  }

  private sample(t: number): void {
    const sim = this.sim;
    const { people } = sim;
    let informed = 0, committed = 0, engaged = 0;
    for (let id = 0; id < people.n; id++) {
      const st = people.state[id];
      if (st === INFORMED) informed++;
      else if (st === COMMITTED) committed++;
      else if (st === ENGAGED) engaged++;
    }
    let queue = 0;
    let managers = 0;
    if (sim.usesHierarchy) {
      sim.queues.forEach((q, f) => {
        const chart = sim.eco.charts[f];
        for (let m = 0; m < chart.headcount; m++) {
          if (!chart.isManager[m]) continue;
          // Sample at the time the escalator has reached (the start of the tick): asking a manager
          // about a later time would move its clock past events still to be served this tick.
          queue += q.queueLength(m, Math.max(0, t - sim.dt));
          managers++;
        }
      });
      queue = managers ? queue / managers : 0;
      if (!this.settled) {
        this.queueSum += queue;
        this.queueSamples++;
      }
    }
    // Collective motion (spec §8), overall and for the primary shock's team.
    const flock = sim.flock;
    const team = this.team;
    team.count = 0;
    for (let id = 0; id < people.n; id++) if (people.target[id] === this.primary) team.slots[team.count++] = flock.slotOf[id];
    const pol = polarisation(flock);
    const mill = milling(flock);
    const teamPol = team.count >= 2 ? polarisation(flock, team) : NaN;
    const teamMill = team.count >= 2 ? milling(flock, team) : NaN;
    const c = this.collective;
    if (t > this.onset && !this.settled) {
      c.pol += pol; c.mill += mill; c.samples++;
      if (team.count >= 2) { c.teamPol += teamPol; c.teamMill += teamMill; c.teamSamples++; }
    }
    const g = this.series.length === 0 && t === 0 ? this.g0 : this.gap();
    this.series.push({
      t,
      recovery: 1 - g / this.g0,
      coverage: sim.shocks.coverage[this.primary],
      messages: this.messages,
      informed,
      committed,
      engaged,
      attention: this.attentionHours,
      queue,
      polarisation: pol,
      milling: mill,
      team_polarisation: teamPol,
      team_milling: teamMill,
    });
  }

  metrics(): RunMetrics {
    const sim = this.sim;
    const left = sim.scenario.run.horizon - this.onset;
    // Events are resolved to the tick; an onset inside a tick counts from that tick (never negative).
    const timed = (v: number): TimedMetric => (Number.isNaN(v) ? { value: left, censored: true } : { value: Math.max(0, v), censored: false });
    const shocks = sim.shocks;
    const c = this.collective;
    return {
      mode: sim.mode,
      lambda: sim.lambda,
      seed: sim.seed,
      horizon: sim.scenario.run.horizon,
      T_det: timed(shocks.detectedAt[this.primary] - this.onset),
      T_team: timed(shocks.teamAt[this.primary] - this.onset),
      T50: timed(this.t50),
      T90: timed(this.t90),
      loss: this.lossIntegral,
      messages: this.messages,
      attention_hours: this.attentionHours,
      over_response: this.overResponse,
      false_alarm_effort: this.falseAlarmEffort,
      peak_engaged: this.peakEngaged,
      mean_queue: this.queueSamples ? this.queueSum / this.queueSamples : 0,
      // Variances over the whole horizon: not measured by a run that may stop early.
      bullwhip: sim.stopWhenResolved ? [] : sim.supply.bullwhip(),
      final_recovery: 1 - this.gap() / this.g0,
      polarisation: c.samples ? c.pol / c.samples : polarisation(sim.flock),
      milling: c.samples ? c.mill / c.samples : milling(sim.flock),
      team_polarisation: c.teamSamples ? c.teamPol / c.teamSamples : null,
      team_milling: c.teamSamples ? c.teamMill / c.teamSamples : null,
    };
  }
}
