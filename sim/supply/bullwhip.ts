/**
 * Bullwhip effect: closed-form theory and the V4 validation runner.
 *
 * Theory (Chen, Drezner, Ryan & Simchi-Levi 2000, i.i.d. demand, order-up-to on a p-period moving
 * average, lead time L, a = L/p). With the order rule in `chain.ts`, tier 1's orders are
 *   q¹_t = (1+a)·D_t − a·D_{t−p}                      → Var ratio (1+a)² + a² = 1 + 2a + 2a².
 * Own-orders forecasting applies the same filter (1+a) − a·B^p at every tier, so
 *   q^k_t = Σ_j C(k,j)(1+a)^{k−j}(−a)^j · D_{t−jp}
 * and since the lags jp are distinct and D is i.i.d., Var(q^k)/Var(D) = Σ_j C(k,j)²(1+a)^{2(k−j)}a^{2j}.
 * (This is exact; the often-quoted product (1+2a+2a²)^k is not, because the cross terms differ.)
 * Shared end-demand: q^k_t = D_t + kL·ΔD̂_t = (1+ka)·D_t − ka·D_{t−p}, so the ratio is
 *   1 + 2kL/p + 2(kL)²/p²   — the centralised formula with the echelon lead time kL.
 *
 * The runner simulates both modes on the *same* demand draws (common random numbers) so the
 * difference between the modes is not blurred by sampling noise, and compares measured to theory.
 */
import { normal, streamRng } from '../rng.ts';
import { SupplyChain, type ForecastSource } from './chain.ts';

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/** Exact long-run Var(q_k)/Var(D) for tier k (tier 1 sees end demand; k = 0 is demand itself). */
export function bullwhipTheory(k: number, leadTime: number, maPeriods: number, forecast: ForecastSource): number {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`tier k must be an integer ≥ 0`);
  if (!(maPeriods > 0)) throw new RangeError(`maPeriods must be > 0`);
  const a = leadTime / maPeriods;
  if (forecast === 'end-demand') {
    const ka = k * a;
    return 1 + 2 * ka + 2 * ka * ka;
  }
  let sum = 0;
  for (let j = 0; j <= k; j++) {
    const c = binomial(k, j);
    sum += c * c * Math.pow(1 + a, 2 * (k - j)) * Math.pow(a, 2 * j);
  }
  return sum;
}

export interface BullwhipRow {
  tier: number;
  forecast: ForecastSource;
  measured: number;
  expected: number;
  relErr: number;
  pass: boolean;
}

export interface BullwhipValidationOptions {
  tiers?: number;
  leadTime?: number;
  maPeriods?: number;
  /** measured periods per seed, after the warm-up */
  periods?: number;
  seeds?: number;
  seed?: number;
  /** pass when |measured − expected| / expected ≤ tolerance */
  tolerance?: number;
  demandMean?: number;
  demandSd?: number;
}

const MODES: readonly ForecastSource[] = ['own-orders', 'end-demand'];

/**
 * Simulate unclamped chains in both modes and measure Var(q_k)/Var(D) per tier.
 *
 * Variances are pooled within-seed sums of squares (each seed centred on its own means), then the
 * ratio is taken once, so more seeds simply means more data. Sums are accumulated on values shifted
 * by the demand mean to avoid cancellation in Σx² − n·x̄².
 */
export function validateBullwhip(opts: BullwhipValidationOptions = {}): BullwhipRow[] {
  const tiers = opts.tiers ?? 4;
  const leadTime = opts.leadTime ?? 2;
  const maPeriods = opts.maPeriods ?? 5;
  const periods = opts.periods ?? 20_000;
  const seeds = opts.seeds ?? 4;
  const seed0 = opts.seed ?? 1;
  const tolerance = opts.tolerance ?? 0.05;
  const mu = opts.demandMean ?? 100;
  const sd = opts.demandSd ?? 10;
  if (!(sd > 0)) throw new RangeError('demandSd must be > 0');
  if (!Number.isInteger(periods) || periods < 2) throw new RangeError('periods must be an integer ≥ 2');
  // Tier k's order depends on demand back to lag k·p; after that the process is stationary.
  // A generous multiple costs little and guards against start-up transients.
  const warmUp = Math.max(100, 4 * tiers * maPeriods);

  const nModes = MODES.length;
  // ssQ[m*tiers + k] pooled centred sum of squares of orders; ssD for demand.
  const ssQ = new Float64Array(nModes * tiers);
  let ssD = 0;
  const sumQ = new Float64Array(nModes * tiers);
  const sqQ = new Float64Array(nModes * tiers);

  for (let s = 0; s < seeds; s++) {
    const rng = streamRng(seed0 + s, 'supply-bullwhip-demand');
    const chains = MODES.map(
      (forecast) => new SupplyChain({ tiers, leadTime, maPeriods, forecast, initialDemand: mu }),
    );
    sumQ.fill(0);
    sqQ.fill(0);
    let sumD = 0, sqD = 0;
    for (let t = 0; t < warmUp + periods; t++) {
      const d = mu + sd * normal(rng);
      for (let m = 0; m < nModes; m++) chains[m].step(d);
      if (t < warmUp) continue;
      const dd = d - mu;
      sumD += dd;
      sqD += dd * dd;
      for (let m = 0; m < nModes; m++) {
        const q = chains[m].orders;
        for (let k = 0; k < tiers; k++) {
          const x = q[k] - mu;
          sumQ[m * tiers + k] += x;
          sqQ[m * tiers + k] += x * x;
        }
      }
    }
    ssD += sqD - (sumD * sumD) / periods;
    for (let i = 0; i < nModes * tiers; i++) ssQ[i] += sqQ[i] - (sumQ[i] * sumQ[i]) / periods;
  }

  const rows: BullwhipRow[] = [];
  for (let m = 0; m < nModes; m++) {
    for (let k = 1; k <= tiers; k++) {
      const measured = ssQ[m * tiers + k - 1] / ssD;
      const expected = bullwhipTheory(k, leadTime, maPeriods, MODES[m]);
      const relErr = Math.abs(measured - expected) / expected;
      rows.push({ tier: k, forecast: MODES[m], measured, expected, relErr, pass: relErr <= tolerance });
    }
  }
  return rows;
}

/** Plain-text table of validation rows (for CLI / logs; no platform APIs). */
export function formatBullwhipTable(rows: readonly BullwhipRow[]): string {
  const lines = ['tier  forecast     measured  expected  relErr   pass'];
  for (const r of rows) {
    lines.push(
      `${String(r.tier).padStart(4)}  ${r.forecast.padEnd(11)}  ${r.measured.toFixed(3).padStart(8)}  ` +
        `${r.expected.toFixed(3).padStart(8)}  ${(100 * r.relErr).toFixed(2).padStart(5)}%  ${r.pass ? 'yes' : 'NO'}`,
    );
  }
  return lines.join('\n');
}
