/**
 * FIFO manager queues for the hierarchical mode, simulated exactly and lazily.
 *
 * Each manager is a single FIFO server. Besides the reports our model routes through it, it has a
 * background load of other exceptions: Poisson arrivals at rate λ = ρ0 / s per hour, each needing a
 * service draw with mean s (exponential, or exactly s when 'deterministic'). ρ0 is the utilisation.
 *
 * Why virtual waiting time: for a FIFO single server, the wait of a job arriving at time a is the
 * unfinished work U(a) found in the system (Lindley). U jumps up by a service draw at each arrival
 * and drains at rate 1 while positive. So a manager needs only three numbers (U, the time it refers
 * to, the next background arrival) and is advanced only when one of our reports reaches it: no
 * events are scheduled for the thousands of background exceptions, yet waits are exact.
 *
 * Warm-up: a manager's state is created the first time it is touched (serve or queueLength) at
 * time a, directly in its stationary regime:
 *  - exponential service (M/M/1): U(a) = 0 w.p. 1 − ρ, else Exp with rate μ − λ (exact stationary
 *    law of the virtual wait), and the next background arrival is a + Exp(1/λ) (memoryless, so the
 *    future Poisson stream is independent of U(a)). Every first report therefore sees an exact
 *    stationary M/M/1 queue and its time in system has mean 1/(μ − λ).
 *  - deterministic service (M/D/1): no simple closed form, so U starts from an exponential with
 *    the M/D/1 mean and the background stream is then simulated for a few relaxation times.
 * Lazy creation also means managers that never receive a report cost nothing.
 *
 * A service mean of exactly 0 is allowed: reports pass without delay and the load has no effect.
 *
 * Contract: per manager, calls must come in non-decreasing time (the caller's event loop does this
 * naturally); an earlier time throws. All times are in simulated hours.
 */
import { exponential, type Rng } from '../rng.ts';

export interface ManagerQueueOptions {
  /** Mean service time s of one exception/report, hours (default 1). */
  serviceMeanH: number;
  /** Service-time law of both reports and background exceptions. */
  service: 'exponential' | 'deterministic';
  /** Background utilisation ρ0 in [0, 1) (default 0.5); background arrival rate is ρ0 / s. */
  load: number;
}

export const DEFAULT_MANAGER_QUEUE: ManagerQueueOptions = { serviceMeanH: 1, service: 'exponential', load: 0.5 };

/** Residual work below this (relative to the clock) is float noise from draining, not real work. */
const DRAIN_EPS = 1e-12;

export class ManagerQueues {
  readonly count: number;
  readonly serviceMeanH: number;
  readonly service: 'exponential' | 'deterministic';
  readonly load: number;
  /** Background arrival rate λ per hour. */
  readonly lambda: number;

  private readonly rng: Rng;
  /** Unfinished work (hours) at lastT. */
  private readonly work: Float64Array;
  private readonly lastT: Float64Array;
  private readonly nextBackground: Float64Array;
  private readonly started: Uint8Array;

  constructor(count: number, opts: Partial<ManagerQueueOptions>, rng: Rng) {
    const o = { ...DEFAULT_MANAGER_QUEUE, ...opts };
    if (!Number.isInteger(count) || count < 0) throw new Error(`ManagerQueues: bad count ${count}`);
    if (!(o.serviceMeanH >= 0 && Number.isFinite(o.serviceMeanH))) throw new Error(`ManagerQueues: serviceMeanH must be >= 0, got ${o.serviceMeanH}`);
    if (!(o.load >= 0 && o.load < 1)) throw new Error(`ManagerQueues: load must be in [0, 1), got ${o.load}`);
    this.count = count;
    this.serviceMeanH = o.serviceMeanH;
    this.service = o.service;
    this.load = o.load;
    // A zero service time is a zero: managers handle reports instantly and background exceptions
    // bring no work, so nothing ever waits (and nothing is drawn).
    this.lambda = o.serviceMeanH > 0 ? o.load / o.serviceMeanH : 0;
    this.rng = rng;
    this.work = new Float64Array(count);
    this.lastT = new Float64Array(count);
    this.nextBackground = new Float64Array(count);
    this.started = new Uint8Array(count);
  }

  /**
   * A report reaches `manager` at `arrivalTime`; returns the time it leaves, served (FIFO behind
   * everything already there, background included). Consumes random draws from the rng.
   */
  serve(manager: number, arrivalTime: number): number {
    this.touch(manager, arrivalTime, 'serve');
    const s = this.serviceDraw();
    const departure = arrivalTime + this.work[manager] + s;
    this.work[manager] += s;
    return departure;
  }

  /**
   * Approximate number of jobs in system at t, as unfinished work / mean service (unbiased for the
   * mean number in system under M/M/1). For metrics only. If t is not before the manager's clock
   * the state is advanced to t (so later serve() calls for that manager need times >= t); if t is
   * earlier (the caller already served a later arrival) the current state is reported unchanged.
   */
  queueLength(manager: number, t: number): number {
    this.checkIndex(manager);
    if (this.serviceMeanH === 0) return 0;
    if (this.started[manager] && t < this.lastT[manager]) return this.work[manager] / this.serviceMeanH;
    this.touch(manager, t, 'queueLength');
    return this.work[manager] / this.serviceMeanH;
  }

  /** Forgets all managers' state; each restarts stationary at its next use. */
  reset(): void {
    this.started.fill(0);
    this.work.fill(0);
    this.lastT.fill(0);
    this.nextBackground.fill(0);
  }

  /** One service duration (hours). */
  private serviceDraw(): number {
    return this.service === 'deterministic' || this.serviceMeanH === 0 ? this.serviceMeanH : exponential(this.rng, this.serviceMeanH);
  }

  private checkIndex(manager: number): void {
    if (!(manager >= 0 && manager < this.count) || !Number.isInteger(manager)) {
      throw new Error(`ManagerQueues: manager ${manager} out of range 0..${this.count - 1}`);
    }
  }

  /** Brings `manager` to time t: creates it stationary on first use, else plays background to t. */
  private touch(manager: number, t: number, who: string): void {
    this.checkIndex(manager);
    if (!Number.isFinite(t)) throw new Error(`ManagerQueues.${who}: time must be finite, got ${t}`);
    if (!this.started[manager]) {
      this.start(manager, t);
      return;
    }
    if (t < this.lastT[manager]) {
      throw new Error(
        `ManagerQueues.${who}: manager ${manager} got time ${t} after time ${this.lastT[manager]}; ` +
          'arrivals at one manager must come in non-decreasing time order (drive serve() from the event loop)',
      );
    }
    this.advance(manager, t);
  }

  /** Plays the background Poisson stream up to t and drains the work to t. */
  private advance(manager: number, t: number): void {
    let u = this.work[manager];
    let last = this.lastT[manager];
    let next = this.nextBackground[manager];
    const meanGap = 1 / this.lambda;
    while (next <= t) {
      u = Math.max(0, u - (next - last)) + this.serviceDraw();
      last = next;
      next += exponential(this.rng, meanGap);
    }
    u -= t - last;
    // Draining by subtraction leaves ~1 ulp of residue when a job ends exactly at t; at zero load
    // this would break "latency = sum of per-hop constants" exactly, so snap it to zero.
    if (u <= DRAIN_EPS * Math.max(1, Math.abs(t))) u = 0;
    this.work[manager] = u;
    this.lastT[manager] = t;
    this.nextBackground[manager] = next;
  }

  private start(manager: number, t: number): void {
    this.started[manager] = 1;
    this.lastT[manager] = t;
    this.work[manager] = 0;
    if (this.lambda === 0) {
      this.nextBackground[manager] = Infinity;
      return;
    }
    const s = this.serviceMeanH;
    const rho = this.load;
    if (this.service === 'exponential') {
      // Stationary M/M/1 virtual wait: atom 1 − ρ at 0, else Exp(μ − λ).
      const busy = this.rng() < rho;
      this.work[manager] = busy ? exponential(this.rng, 1 / (1 / s - this.lambda)) : 0;
      this.nextBackground[manager] = t + exponential(this.rng, 1 / this.lambda);
      return;
    }
    // M/D/1: start near the stationary law (M/D/1 mean wait ρ s / (2(1 − ρ)), atom 1 − ρ at 0),
    // then burn in for 4 relaxation times s / (1 − √ρ)² so the start approximation washes out.
    const busy = this.rng() < rho;
    this.work[manager] = busy ? exponential(this.rng, s / (2 * (1 - rho))) : 0;
    const relax = s / (1 - Math.sqrt(rho)) ** 2;
    const t0 = t - 4 * relax;
    this.lastT[manager] = t0;
    this.nextBackground[manager] = t0 + exponential(this.rng, 1 / this.lambda);
    this.advance(manager, t);
  }
}
