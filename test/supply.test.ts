/**
 * Supply chain + bullwhip validation (V4). The simulation checks compare against closed forms that
 * are exact for this process, so a wrong order rule, a wrong lag, or an ignored forecast source
 * moves the measured ratios by far more than the 5% tolerance (sampling error is < 1%).
 */
import { describe, expect, it } from 'vitest';
import { normal, streamRng } from '../sim/rng.ts';
import { SupplyChain, type ForecastSource, type SupplyChainOptions } from '../sim/supply/chain.ts';
import { bullwhipTheory, validateBullwhip } from '../sim/supply/bullwhip.ts';

const L = 2, P = 5, A = L / P;

/** Run a chain on seeded normal demand; returns demand and per-tier order series. */
function run(opts: Partial<SupplyChainOptions>, periods: number, seed = 7, sd = 10) {
  const chain = new SupplyChain({
    tiers: 4, leadTime: L, maPeriods: P, forecast: 'own-orders', initialDemand: 100, ...opts,
  });
  const rng = streamRng(seed, 'supply-test');
  const demand: number[] = [];
  const orders: number[][] = Array.from({ length: chain.tiers }, () => []);
  for (let t = 0; t < periods; t++) {
    const d = 100 + sd * normal(rng);
    chain.step(d);
    demand.push(d);
    for (let k = 0; k < chain.tiers; k++) orders[k].push(chain.orders[k]);
  }
  return { chain, demand, orders };
}

describe('bullwhipTheory', () => {
  it('tier 1 is 1 + 2a + 2a² in both modes', () => {
    for (const [l, p] of [[2, 5], [1, 4], [3, 3], [4, 2]]) {
      const a = l / p;
      expect(bullwhipTheory(1, l, p, 'own-orders')).toBeCloseTo(1 + 2 * a + 2 * a * a, 12);
      expect(bullwhipTheory(1, l, p, 'end-demand')).toBeCloseTo(1 + 2 * a + 2 * a * a, 12);
    }
  });

  it('matches hand-expanded values and the shared formula with kL', () => {
    // k = 2, own: (1+a)^4 + 4(1+a)^2 a^2 + a^4
    const own2 = (1 + A) ** 4 + 4 * (1 + A) ** 2 * A ** 2 + A ** 4;
    expect(bullwhipTheory(2, L, P, 'own-orders')).toBeCloseTo(own2, 12);
    expect(bullwhipTheory(3, L, P, 'end-demand')).toBeCloseTo(1 + (2 * 3 * L) / P + (2 * (3 * L) ** 2) / P ** 2, 12);
    expect(bullwhipTheory(4, L, P, 'own-orders')).toBeCloseTo(37.7032, 3);
    expect(bullwhipTheory(0, L, P, 'own-orders')).toBe(1);
  });

  it('shared information damps the bullwhip for k ≥ 2 and amplification grows with k', () => {
    for (const [l, p] of [[2, 5], [1, 4], [3, 3]]) {
      for (let k = 2; k <= 6; k++) {
        expect(bullwhipTheory(k, l, p, 'end-demand')).toBeLessThan(bullwhipTheory(k, l, p, 'own-orders'));
        expect(bullwhipTheory(k, l, p, 'own-orders')).toBeGreaterThan(bullwhipTheory(k - 1, l, p, 'own-orders'));
      }
    }
  });
});

describe('order rule', () => {
  it('tier 1 orders (1+a)·D_t − a·D_{t−p}; shared tier k orders D_t + kL·ΔD̂_t', () => {
    for (const forecast of ['own-orders', 'end-demand'] as ForecastSource[]) {
      const { demand, orders } = run({ forecast }, 300);
      for (let t = 50; t < 300; t++) {
        const q1 = (1 + A) * demand[t] - A * demand[t - P];
        expect(orders[0][t]).toBeCloseTo(q1, 9);
        if (forecast === 'end-demand') {
          for (let k = 1; k <= 4; k++) {
            const qk = demand[t] + ((k * L) / P) * (demand[t] - demand[t - P]);
            expect(orders[k - 1][t]).toBeCloseTo(qk, 9);
          }
        } else {
          // own: each tier filters the orders of the tier below it
          for (let k = 2; k <= 4; k++) {
            const qk = (1 + A) * orders[k - 2][t] - A * orders[k - 2][t - P];
            expect(orders[k - 1][t]).toBeCloseTo(qk, 9);
          }
        }
      }
    }
  });
});

describe('validateBullwhip (V4)', () => {
  const rows = validateBullwhip({});
  const get = (f: ForecastSource, k: number) => rows.find((r) => r.forecast === f && r.tier === k)!;

  it('measured variance ratios match theory within 5% for tiers 1..4 in both modes', () => {
    expect(rows).toHaveLength(8);
    for (const r of rows) {
      expect(r.expected).toBeCloseTo(bullwhipTheory(r.tier, 2, 5, r.forecast), 12);
      expect(r.relErr).toBeLessThan(0.05);
      expect(r.pass).toBe(true);
    }
  });

  it('the forecast source matters: own vs shared differ at tier 3', () => {
    const own = get('own-orders', 3).measured, shared = get('end-demand', 3).measured;
    expect(own / shared).toBeGreaterThan(1.8); // theory: 13.52 / 6.28 ≈ 2.15
    // and tier 1 is identical in both modes (same demand draws, same rule)
    expect(get('own-orders', 1).measured).toBeCloseTo(get('end-demand', 1).measured, 12);
  });

  it('distinguishes the exact own-orders formula from the naive product (1+2a+2a²)^k', () => {
    const naive = (1 + 2 * A + 2 * A * A) ** 4; // ≈ 20.2 vs exact ≈ 37.7
    expect(Math.abs(get('own-orders', 4).measured - naive) / naive).toBeGreaterThan(0.5);
  });

  it('holds for other lead times and windows (L=1,p=3 and L=3,p=2)', () => {
    for (const [leadTime, maPeriods] of [[1, 3], [3, 2]]) {
      const r = validateBullwhip({ tiers: 3, leadTime, maPeriods, periods: 20_000, seeds: 2, seed: 11 });
      for (const row of r) expect(row.relErr, `${leadTime}/${maPeriods} ${row.forecast} k=${row.tier}`).toBeLessThan(0.05);
    }
  });

  it('is deterministic per seed and changes with the seed', () => {
    const a = validateBullwhip({ periods: 2000, seeds: 1, seed: 3 });
    const b = validateBullwhip({ periods: 2000, seeds: 1, seed: 3 });
    const c = validateBullwhip({ periods: 2000, seeds: 1, seed: 4 });
    expect(a).toEqual(b);
    expect(a.map((r) => r.measured)).not.toEqual(c.map((r) => r.measured));
  });
});

describe('SupplyChain', () => {
  it('same seed ⇒ identical order series', () => {
    for (const forecast of ['own-orders', 'end-demand'] as ForecastSource[]) {
      const x = run({ forecast, clampOrders: true }, 500, 99, 30);
      const y = run({ forecast, clampOrders: true }, 500, 99, 30);
      expect(x.orders).toEqual(y.orders);
      expect(x.chain.period).toBe(500);
    }
  });

  it('conserves stock: receipts = upstream shipments L periods earlier, balances add up', () => {
    for (const clampOrders of [false, true]) {
      for (const forecast of ['own-orders', 'end-demand'] as ForecastSource[]) {
        const chain = new SupplyChain({
          tiers: 4, leadTime: 3, maPeriods: 4, forecast, initialDemand: 100, clampOrders, safetyStock: 20,
        });
        const K = chain.tiers, Lt = chain.leadTime;
        const rng = streamRng(5, 'conservation');
        const shippedHist: number[][] = []; // [t][k], index K is the supplier
        const cumIn = new Float64Array(K), cumAsked = new Float64Array(K), cumOut = new Float64Array(K);
        const net0 = Array.from(chain.inventory);
        const stock0 = K * 20 + K * Lt * 100; // on hand + pipelines at start
        let cumSupplier = 0, cumToCustomers = 0;
        // Collect worst violations and assert once (hundreds of thousands of expect() calls are slow).
        let balErr = 0, minFlow = 0, lagErr = 0, sawBacklog = false, sawSurplus = false, minOrder = Infinity;
        for (let t = 0; t < 2000; t++) {
          const d = Math.max(0, 100 + 40 * normal(rng)); // volatile: backlogs and negative orders
          chain.step(d);
          shippedHist.push([...chain.shipped, chain.supplierShipped]);
          cumSupplier += chain.supplierShipped;
          cumToCustomers += chain.shipped[0];
          let stock = 0;
          for (let k = 1; k <= K; k++) {
            const i = k - 1;
            const asked = k === 1 ? d : chain.orders[k - 2];
            cumIn[i] += chain.received[i];
            cumAsked[i] += asked;
            cumOut[i] += chain.shipped[i];
            minFlow = Math.min(minFlow, chain.onHand[i], chain.shipped[i], chain.received[i]);
            if (t >= Lt) lagErr = Math.max(lagErr, Math.abs(chain.received[i] - shippedHist[t - Lt][k]));
            // net inventory = start + receipts − requests; backlog = requests − shipments
            balErr = Math.max(balErr, Math.abs(chain.inventory[i] - (net0[i] + cumIn[i] - cumAsked[i])));
            balErr = Math.max(balErr, Math.abs(chain.backlog[i] - (cumAsked[i] - cumOut[i])));
            // order-up-to: inventory position sits at the target (plus clamped surplus)
            balErr = Math.max(balErr, Math.abs(chain.inventoryPosition(k) - chain.target[i] - chain.surplus(k)));
            sawBacklog ||= chain.backlog[i] > 1;
            sawSurplus ||= chain.surplus(k) > 0;
            minOrder = Math.min(minOrder, chain.orders[i]);
            stock += chain.onHand[i] + chain.inTransit(k);
          }
          // system-wide: stock held + delivered to customers = initial stock + supplier deliveries
          balErr = Math.max(balErr, Math.abs(stock + cumToCustomers - (stock0 + cumSupplier)));
        }
        const tag = `${forecast} clamp=${clampOrders}`;
        expect(balErr, tag).toBeLessThan(1e-6);
        expect(lagErr, tag).toBe(0);
        expect(minFlow, tag).toBeGreaterThanOrEqual(0);
        expect(sawBacklog, tag).toBe(true); // the shortage path was exercised
        if (clampOrders) {
          expect(minOrder, tag).toBeGreaterThanOrEqual(0);
          expect(sawSurplus, tag).toBe(true);
        } else {
          expect(minOrder, tag).toBeLessThan(0); // cancellations were exercised
          expect(sawSurplus, tag).toBe(false);
        }
      }
    }
  });

  it('linear model does produce negative orders upstream under volatile demand; clamp removes them', () => {
    const lin = run({ forecast: 'own-orders' }, 2000, 1, 40);
    const cl = run({ forecast: 'own-orders', clampOrders: true }, 2000, 1, 40);
    expect(Math.min(...lin.orders[3])).toBeLessThan(0);
    expect(Math.min(...cl.orders[3])).toBeGreaterThanOrEqual(0);
  });

  it('rejects invalid options', () => {
    const base = { tiers: 2, leadTime: 2, maPeriods: 5, forecast: 'own-orders' as const, initialDemand: 100 };
    expect(() => new SupplyChain({ ...base, leadTime: 0 })).toThrow(RangeError);
    expect(() => new SupplyChain({ ...base, maPeriods: 1.5 })).toThrow(RangeError);
    expect(() => new SupplyChain({ ...base, tiers: 0 })).toThrow(RangeError);
  });
});
