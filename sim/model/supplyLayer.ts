/**
 * The supply-chain layer of a run (spec section 5): the value chain's tiers (every firm but the
 * customer segment, nearest the customer first) order from each other with an order-up-to policy.
 * In the hierarchy each tier forecasts from the orders it receives; with a shared space every tier
 * sees end-customer demand (the social-CRM idea), which damps the bullwhip effect (validated in V4).
 * End demand is i.i.d. normal plus, while a demand spike is open, spikeDemand × its remaining share.
 */
import { SupplyChain } from '../supply/chain.ts';
import { normal, streamRng, type Rng } from '../rng.ts';
import { OPEN } from './state.ts';
import type { Simulation } from './simulation.ts';

export class SupplyLayer {
  readonly chain: SupplyChain | null;
  private readonly rng: Rng;
  private nextPeriod: number;
  private readonly demand: number[] = [];
  private readonly orders: number[][];

  constructor(private readonly sim: Simulation) {
    const s = sim.scenario;
    const tiers = s.firms.filter((f) => f.role !== 'customer').length;
    this.chain = tiers > 0 ? new SupplyChain({ tiers, leadTime: s.supply.leadTime, maPeriods: s.supply.maPeriods, forecast: sim.usesSharedSpace ? 'end-demand' : 'own-orders', initialDemand: s.supply.demandMean, clampOrders: true }) : null;
    this.orders = Array.from({ length: tiers }, () => []);
    this.rng = streamRng(sim.seed, 'supply/demand');
    this.nextPeriod = s.supply.periodH;
  }

  step(t: number): void {
    if (!this.chain || t + this.sim.dt < this.nextPeriod - 1e-9) return;
    this.nextPeriod += this.sim.scenario.supply.periodH;
    const { shocks } = this.sim;
    const sup = this.sim.scenario.supply;
    let d = sup.demandMean + sup.demandSd * normal(this.rng);
    for (let s = 0; s < shocks.count; s++) {
      const spec = shocks.specs[s];
      if (spec.kind === 'demand-spike' && !spec.falseAlarm && shocks.status[s] === OPEN) d += sup.spikeDemand * (shocks.gap[s] / spec.gap);
    }
    d = Math.max(0, d);
    this.chain.step(d);
    this.demand.push(d);
    for (let k = 0; k < this.orders.length; k++) this.orders[k].push(this.chain.orders[k]);
  }

  /** Variance ratio per tier (after a warm-up of p + L periods); empty when too few periods ran. */
  bullwhip(): number[] {
    const sup = this.sim.scenario.supply;
    const skip = sup.maPeriods + sup.leadTime;
    if (this.demand.length - skip < 5) return [];
    const vd = variance(this.demand.slice(skip));
    return this.orders.map((o) => (vd > 0 ? variance(o.slice(skip)) / vd : 0));
  }
}

function variance(v: number[]): number {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return v.reduce((a, b) => a + (b - m) * (b - m), 0) / Math.max(1, v.length - 1);
}
