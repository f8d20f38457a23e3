/**
 * Supply-chain layer: a serial chain of firms (tiers) that hold inventory and order from the tier
 * above them with an order-up-to policy on a p-period moving-average forecast.
 *
 * Tier 1 faces end-customer demand, tier k faces the orders of tier k−1, and the top tier's
 * supplier is unlimited. The order rule is the one analysed by Chen, Drezner, Ryan & Simchi-Levi
 * (2000), chosen so that the variance ratios in `bullwhip.ts` are *exact* for this process:
 *
 *   target (order-up-to level)   y_t = L · D̂_t (+ a constant safety stock)
 *   D̂_t                          = mean of the last p values of the forecast series (incl. t)
 *   order                         q_t = d_t + (y_t − y_{t−1})
 *
 * where d_t is what the tier was asked for this period (end demand for tier 1, the downstream
 * tier's order otherwise). q_t = d_t + Δy_t is exactly "bring the inventory position back up to
 * y_t" because the position fell by d_t since last period. Note Δy_t = (L/p)(x_t − x_{t−p}), so
 * the order is a finite linear filter of the forecast series — that is what makes the formulas
 * exact once the chain is kp periods past its (steady-state) start.
 *
 * Forecast source:
 *  - 'own-orders' (H, hierarchical): tier k forecasts from d_t, its own incoming orders. Each tier
 *    applies (1+a) − a·B^p (a = L/p, B = lag) to the series below it, so variance compounds.
 *  - 'end-demand' (SA, shared end-demand visibility): tier k forecasts from end-customer demand D_t
 *    but still passes through what it was asked for: q^k_t = q^{k−1}_t + L·ΔD̂_t. By induction
 *    q^k_t = D_t + kL·ΔD̂_t, i.e. it is *identical* (in the linear model) to Chen et al.'s
 *    centralised-information setting in which tier k runs an echelon order-up-to policy on end
 *    demand with the echelon lead time kL (its own lead time plus all lead times below it).
 *    The installation form is used because it also behaves sensibly when orders are clamped.
 *
 * Orders may be negative in the linear model (a cancellation); that is what makes the formulas
 * exact. With `clampOrders` the order is max(0, ·) and the unordered surplus is carried, so the
 * policy remains a true order-up-to policy on the inventory position (the surplus is "excess
 * position" that later orders first use up). Validation runs unclamped.
 *
 * Inventory: each period a tier (1) receives the shipment its supplier sent L periods ago, (2)
 * ships min(owed, on hand) to its customer, owed = backlog + this period's request, (3) orders.
 * All physical flows are ≥ 0: a negative order just reduces the backlog, possibly below zero (a
 * credit that later requests consume first), so on-hand stock never goes negative.
 */

export type ForecastSource = 'own-orders' | 'end-demand';

export interface SupplyChainOptions {
  tiers: number;
  /** periods between an upstream shipment and its arrival; also the forecast horizon L */
  leadTime: number;
  /** p, the moving-average window */
  maPeriods: number;
  forecast: ForecastSource;
  /** steady state the chain starts in: forecast histories, pipelines and orders at this level */
  initialDemand: number;
  /** business model: no negative orders (breaks exactness of the bullwhip formulas) */
  clampOrders?: boolean;
  /** constant safety stock added to every tier's target and starting stock (default 0) */
  safetyStock?: number;
}

export class SupplyChain {
  readonly tiers: number;
  readonly leadTime: number;
  readonly maPeriods: number;
  readonly forecast: ForecastSource;
  readonly clampOrders: boolean;

  /** orders[k-1] = order placed by tier k this period */
  readonly orders: Float64Array;
  /** net inventory per tier: on hand minus backlog (backlog < 0 is a credit from cancellations) */
  readonly inventory: Float64Array;
  readonly onHand: Float64Array;
  readonly backlog: Float64Array;
  /** shipped[k-1] = units tier k shipped downstream this period (tier 1: to end customers) */
  readonly shipped: Float64Array;
  /** received[k-1] = units tier k received from its supplier this period */
  readonly received: Float64Array;
  /** target[k-1] = y_t, tier k's current order-up-to level for its inventory position */
  readonly target: Float64Array;
  /** what the unlimited top supplier still owes (≤ 0 after cancellations) */
  supplierBacklog = 0;
  /** units the top supplier shipped to tier K this period */
  supplierShipped = 0;

  private _period = 0;
  private readonly safety: number;
  /** tiers × p ring buffers of the forecast series, and their running sums */
  private readonly history: Float64Array;
  private readonly histSum: Float64Array;
  /** tiers × L ring buffers of shipments in transit *to* each tier */
  private readonly pipeline: Float64Array;
  /** inventory position above target left by clamped (zero) orders */
  private readonly excess: Float64Array;

  constructor(opts: SupplyChainOptions) {
    const { tiers, leadTime, maPeriods, initialDemand } = opts;
    // Integer lead time: the pipeline is a ring of L slots. L ≥ 1 keeps receive-before-ship simple.
    if (!Number.isInteger(tiers) || tiers < 1) throw new RangeError(`tiers must be an integer ≥ 1`);
    if (!Number.isInteger(leadTime) || leadTime < 1) throw new RangeError(`leadTime must be an integer ≥ 1`);
    if (!Number.isInteger(maPeriods) || maPeriods < 1) throw new RangeError(`maPeriods must be an integer ≥ 1`);
    if (!Number.isFinite(initialDemand)) throw new RangeError(`initialDemand must be finite`);
    this.tiers = tiers;
    this.leadTime = leadTime;
    this.maPeriods = maPeriods;
    this.forecast = opts.forecast;
    this.clampOrders = opts.clampOrders ?? false;
    this.safety = opts.safetyStock ?? 0;

    this.orders = new Float64Array(tiers).fill(initialDemand);
    this.onHand = new Float64Array(tiers).fill(this.safety);
    this.backlog = new Float64Array(tiers);
    this.inventory = new Float64Array(tiers).fill(this.safety);
    this.shipped = new Float64Array(tiers);
    this.received = new Float64Array(tiers);
    this.excess = new Float64Array(tiers);
    // Start in the steady state of constant demand: histories at the mean, every pipeline slot
    // holding one period's demand, so inventory position = safety + L·μ = target exactly.
    this.history = new Float64Array(tiers * maPeriods).fill(initialDemand);
    this.histSum = new Float64Array(tiers).fill(initialDemand * maPeriods);
    this.pipeline = new Float64Array(tiers * leadTime).fill(initialDemand);
    this.target = new Float64Array(tiers).fill(this.safety + leadTime * initialDemand);
  }

  get period(): number {
    return this._period;
  }

  /** Advance one period with the given end-customer demand; allocation-free. */
  step(endDemand: number): void {
    const K = this.tiers, L = this.leadTime, p = this.maPeriods;
    const slot = this._period % L; // pipeline slot written L periods ago, rewritten this period
    const hSlot = this._period % p; // oldest history value, replaced this period
    const shared = this.forecast === 'end-demand';
    let request = endDemand; // d_t for tier 1
    for (let k = 0; k < K; k++) {
      // 1. Receive what the supplier shipped L periods ago.
      const arriving = this.pipeline[k * L + slot];
      this.received[k] = arriving;
      this.onHand[k] += arriving;

      // 2. Ship to the customer (downstream tier, or end customers): physical flows ≥ 0.
      const owed = this.backlog[k] + request;
      const ship = owed > 0 ? Math.min(owed, this.onHand[k]) : 0;
      this.onHand[k] -= ship;
      this.backlog[k] = owed - ship;
      this.shipped[k] = ship;
      this.inventory[k] = this.onHand[k] - this.backlog[k];
      // Downstream tier k−1 receives it in L periods; written after tier k−1 read its slot.
      if (k > 0) this.pipeline[(k - 1) * L + slot] = ship;

      // 3. Forecast: replace the value p periods old; ΔD̂ = (x_t − x_{t−p}) / p exactly.
      const x = shared ? endDemand : request;
      const h = k * p + hSlot;
      const old = this.history[h];
      this.history[h] = x;
      this.histSum[k] += x - old;
      // Re-sum once per window so rounding in the running sum cannot drift over long runs.
      if (hSlot === p - 1) {
        let sum = 0;
        for (let i = 0; i < p; i++) sum += this.history[k * p + i];
        this.histSum[k] = sum;
      }
      const dTarget = (L * (x - old)) / p;
      this.target[k] = this.safety + (L * this.histSum[k]) / p;

      // 4. Order q = d + Δy (position back to target); clamped: order 0 and remember the surplus.
      let q = request + dTarget - this.excess[k];
      if (this.clampOrders && q < 0) {
        this.excess[k] = -q;
        q = 0;
      } else {
        this.excess[k] = 0;
      }
      this.orders[k] = q;
      request = q; // the next tier up is asked for this
    }
    // The unlimited supplier ships everything it owes (cancellations become a credit).
    const owedTop = this.supplierBacklog + request;
    const shipTop = owedTop > 0 ? owedTop : 0;
    this.supplierBacklog = owedTop - shipTop;
    this.supplierShipped = shipTop;
    this.pipeline[(K - 1) * L + slot] = shipTop;
    this._period++;
  }

  /** Units in transit to tier k (1-based), i.e. shipped but not yet received. */
  inTransit(k: number): number {
    const L = this.leadTime;
    let s = 0;
    for (let i = 0; i < L; i++) s += this.pipeline[(k - 1) * L + i];
    return s;
  }

  /**
   * Inventory position of tier k (1-based): net inventory + in transit + ordered but not yet
   * shipped by the supplier. The order rule keeps it equal to target (plus any clamped surplus),
   * since each period it moves by q − d.
   */
  inventoryPosition(k: number): number {
    const owedToUs = k < this.tiers ? this.backlog[k] : this.supplierBacklog;
    return this.inventory[k - 1] + this.inTransit(k) + owedToUs;
  }

  /** Surplus of inventory position over target left by clamped orders (0 in the linear model). */
  surplus(k: number): number {
    return this.excess[k - 1];
  }
}
