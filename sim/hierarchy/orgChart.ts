/**
 * One firm's org chart for the hierarchical mode.
 *
 * Layout rule (documented here because the business model relies on it):
 *  - People are numbered layer by layer from the top: person 0 is the top (layer 0), the front line
 *    is layer H−1 and comes last. Within a layer, people are in department order, so every
 *    manager's subtree covers a contiguous block of the front line (frontStart..frontEnd−1).
 *  - The front line (F people) is split into one department per entry of `functions`, as equal as
 *    possible (earlier departments get the extra person).
 *  - Each department gets its own first-line managers (at least ceil(size/S)); a first-line manager
 *    never mixes departments. Higher layers group the managers below, at most S each, keeping a
 *    department's managers under one boss while the layer has enough managers for that; otherwise
 *    consecutive (department-ordered) managers are split evenly and the boss is "mixed" (func −1).
 *  - F is the largest front line whose leanest chart (fewest managers per layer) fits in the
 *    headcount; the few people left over become extra managers at the lowest layer with room, so
 *    the total is exactly `headcount` and spans only get narrower.
 *  - Infeasible requests do not throw; the best chart is built and reported in `notes`:
 *    headcount < layers builds `headcount` layers (a chain); too many people for H layers of span S
 *    widens every span to the smallest S' that fits (see maxSpan; spanOk = false) instead of
 *    piling the overflow on the top; too few people to give each department its own first-line
 *    managers lets departments share them; fewer front-line people than functions leaves some
 *    functions uncovered (see functionMask).
 *  - layers = 1: everyone is front line and self-managing (manager −1, no managers at all).
 *
 * Functions are skill indices 0..30 so sets of them fit a bitmask (funcMask).
 */

export interface OrgChartSpec {
  headcount: number;
  /** H, number of layers including the front line, >= 1. */
  layers: number;
  /** S, maximum number of direct reports, >= 1. */
  span: number;
  /** Function indices this firm covers, one department each, e.g. [3, 2]. */
  functions: number[];
}

export class OrgChart {
  readonly headcount: number;
  /** Layers actually built (== requested unless headcount < layers). */
  readonly layers: number;
  readonly span: number;
  readonly functions: readonly number[];
  /** 0 = top, layers−1 = front line. */
  readonly layer: Int32Array;
  /** Direct manager, −1 for the top (and for everyone when layers = 1). */
  readonly manager: Int32Array;
  /** Department function; −1 for a manager whose subtree mixes departments. */
  readonly func: Int32Array;
  readonly isManager: Uint8Array;
  readonly firstChild: Int32Array;
  readonly childCount: Int32Array;
  /** Functions present on the front line of each person's subtree (bitmask). */
  readonly subtreeMask: Uint32Array;
  readonly frontStart: Int32Array;
  readonly frontEnd: Int32Array;
  /** layerStart[l] = first person of layer l; layerStart[layers] = headcount. */
  readonly layerStart: Int32Array;
  /** Functions the firm actually has people for. */
  readonly functionMask: number;
  /** Largest number of direct reports of any manager. */
  readonly maxSpan: number;
  readonly spanOk: boolean;
  /** Why the chart differs from the request, if it does. */
  readonly notes: string[];

  constructor(spec: OrgChartSpec) {
    const { headcount: n, span: S } = spec;
    if (!Number.isInteger(n) || n < 1) throw new Error(`OrgChart: headcount must be an integer >= 1, got ${n}`);
    if (!Number.isInteger(spec.layers) || spec.layers < 1) throw new Error(`OrgChart: layers must be >= 1, got ${spec.layers}`);
    if (!Number.isInteger(S) || S < 1) throw new Error(`OrgChart: span must be >= 1, got ${S}`);
    const funcs = [...new Set(spec.functions)];
    if (funcs.length === 0) throw new Error('OrgChart: at least one function is required');
    for (const f of funcs) if (!Number.isInteger(f) || f < 0 || f > 30) throw new Error(`OrgChart: function ${f} not in 0..30`);
    this.notes = [];
    if (funcs.length !== spec.functions.length) this.notes.push('duplicate functions merged');
    const H = Math.min(spec.layers, n);
    if (H < spec.layers) this.notes.push(`headcount ${n} < ${spec.layers} layers: built ${H} layers`);
    this.headcount = n;
    this.layers = H;
    this.span = S;
    this.functions = funcs;

    const { counts, span: builtSpan } = H === 1 ? { counts: [n], span: S } : layerCounts(n, H, S, funcs.length, this.notes);
    const F = counts[H - 1];
    this.layer = new Int32Array(n);
    this.manager = new Int32Array(n).fill(-1);
    this.func = new Int32Array(n);
    this.isManager = new Uint8Array(n);
    this.firstChild = new Int32Array(n).fill(-1);
    this.childCount = new Int32Array(n);
    this.subtreeMask = new Uint32Array(n);
    this.frontStart = new Int32Array(n);
    this.frontEnd = new Int32Array(n);
    this.layerStart = new Int32Array(H + 1);
    for (let l = 0; l < H; l++) this.layerStart[l + 1] = this.layerStart[l] + counts[l];

    // Front line: departments in the order given, sizes as equal as possible.
    const front = this.layerStart[H - 1];
    const deptSize = splitEvenly(F, funcs.length);
    let p = front;
    for (let i = 0; i < funcs.length; i++) {
      for (let j = 0; j < deptSize[i]; j++, p++) {
        this.layer[p] = H - 1;
        this.func[p] = funcs[i];
        this.subtreeMask[p] = 1 << funcs[i];
        this.frontStart[p] = p;
        this.frontEnd[p] = p + 1;
      }
      if (deptSize[i] === 0) this.notes.push(`function ${funcs[i]} has no front-line people`);
    }

    // Managers, bottom-up: partition each layer into the next layer's count of bosses.
    for (let l = H - 2; l >= 0; l--) {
      const lo = this.layerStart[l + 1];
      const labels = Array.from(this.func.subarray(lo, this.layerStart[l + 2]));
      const groups = partition(labels, counts[l], builtSpan);
      let child = lo;
      for (let g = 0; g < groups.length; g++) {
        const boss = this.layerStart[l] + g;
        this.layer[boss] = l;
        this.isManager[boss] = 1;
        this.firstChild[boss] = child;
        this.childCount[boss] = groups[g];
        this.frontStart[boss] = this.frontStart[child];
        let label = this.func[child];
        let mask = 0;
        for (let k = 0; k < groups[g]; k++, child++) {
          this.manager[child] = boss;
          mask |= this.subtreeMask[child];
          if (this.func[child] !== label) label = -1;
        }
        this.frontEnd[boss] = this.frontEnd[child - 1];
        this.subtreeMask[boss] = mask;
        this.func[boss] = label;
      }
    }
    let maxSpan = 0;
    let all = 0;
    for (let i = 0; i < n; i++) {
      maxSpan = Math.max(maxSpan, this.childCount[i]);
      all |= this.subtreeMask[i];
    }
    this.functionMask = all;
    this.maxSpan = maxSpan;
    this.spanOk = maxSpan <= S;
    if (!this.spanOk) this.notes.push(`span ${S} not achievable with ${H} layers: widened to ${maxSpan}`);
  }

  /** The person who deals with the outside: the top, or the person itself in a self-managing firm. */
  topOf(person: number): number {
    return this.layers === 1 ? person : 0;
  }

  /**
   * Lowest manager on `person`'s chain of command (the person itself if a manager) whose subtree
   * has people of every function in funcMask ∩ functionMask; the top if none lower does. In a
   * self-managing firm (layers = 1) the person handles it: returns `person`.
   */
  coveringManager(person: number, funcMask: number): number {
    if (this.layers === 1) return person;
    const need = (funcMask & this.functionMask) >>> 0;
    let m = this.isManager[person] ? person : this.manager[person];
    while (m >= 0) {
      if ((this.subtreeMask[m] & need) === need) return m;
      m = this.manager[m];
    }
    return 0;
  }

  /** Hops between two people through their lowest common boss; −1 if unconnected (layers = 1). */
  chainLength(from: number, to: number): number {
    let a = from;
    let b = to;
    let hops = 0;
    while (a !== b) {
      if (this.layer[a] >= this.layer[b]) a = this.manager[a];
      else b = this.manager[b];
      if (a < 0 || b < 0) return -1;
      hops++;
    }
    return hops;
  }

  /** True when `ancestor` is `person` or on its chain of command. */
  isUnder(person: number, ancestor: number): boolean {
    return this.frontStart[ancestor] <= this.frontStart[person] && this.frontEnd[person] <= this.frontEnd[ancestor]
      && this.layer[ancestor] <= this.layer[person];
  }

  /** First front-line person of function f under `under` (default: whole firm), −1 if none. */
  frontLineOf(f: number, under = -1): number {
    const lo = under < 0 ? this.layerStart[this.layers - 1] : this.frontStart[under];
    const hi = under < 0 ? this.headcount : this.frontEnd[under];
    for (let p = lo; p < hi; p++) if (this.func[p] === f) return p;
    return -1;
  }
}

export function buildOrgChart(spec: OrgChartSpec): OrgChart {
  return new OrgChart(spec);
}

/** n into k parts as equal as possible, earlier parts larger. */
function splitEvenly(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

/** Leanest layer counts for a front line of F (top = 1, first-line managers per department). */
function leanCounts(F: number, H: number, S: number, k: number): number[] {
  const c = new Array<number>(H).fill(1);
  c[H - 1] = F;
  if (H >= 3) c[H - 2] = splitEvenly(F, k).reduce((sum, d) => sum + Math.ceil(d / S), 0);
  for (let l = H - 3; l >= 1; l--) c[l] = Math.ceil(c[l + 1] / S);
  return c;
}

/**
 * Layer counts summing to n, and the span they are built with: the largest F whose lean chart fits,
 * leftovers as extra managers. If spans cannot be kept (tiny firms), departments may share
 * first-line managers. If the firm is too big for S^(H−1) front line, every span is widened to the
 * smallest S' that fits (rather than piling the overflow on the top).
 */
function layerCounts(n: number, H: number, S: number, k: number, notes: string[]): { counts: number[]; span: number } {
  const fits = (span: number) => fitCounts(n, H, span, k) ?? (k > 1 ? fitCounts(n, H, span, 1) : null);
  let span = S;
  let c = fits(S);
  if (!c) {
    // Too many people for these layers: widen spans, starting where a full tree of span S' could
    // hold n (1 + S' + … + S'^(H−1) >= n); a chart always fits once S' >= n − 1.
    const capacity = (x: number) => { let sum = 0; for (let l = 0, p = 1; l < H; l++, p *= x) sum += p; return sum; };
    for (span = S + 1; capacity(span) < n; span++);
    for (; !(c = fits(span)); span++) if (span > n) throw new Error('OrgChart: internal error, no chart fits');
  }
  if (k > 1 && c[H - 2] < leanCounts(c[H - 1], H, span, k)[H - 2]) notes.push('departments share first-line managers');
  return { counts: c, span };
}

const total = (c: number[]) => c.reduce((a, b) => a + b, 0);

/** Largest front line whose lean chart fits in n people (lean totals grow with F). */
function largestFront(n: number, H: number, S: number, k: number): number {
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (total(leanCounts(mid, H, S, k)) <= n) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Exact-n counts with every span <= S (top included), or null. */
function fitCounts(n: number, H: number, S: number, k: number): number[] | null {
  const fMax = largestFront(n, H, S, k);
  // A leftover person becomes a manager at the lowest layer with room: fewer bosses than reports
  // below, and its own boss layer still within span. If no layer has room, give up one front-line
  // person (more leftovers, but possibly more room) and retry.
  for (let F = fMax; F >= Math.max(1, fMax - 4 * S * H); F--) {
    const c = leanCounts(F, H, S, k);
    let extra = n - total(c);
    while (extra > 0) {
      let l = H - 2;
      while (l >= 1 && !(c[l] < c[l + 1] && c[l] + 1 <= S * c[l - 1])) l--;
      if (l < 1) break;
      c[l]++;
      extra--;
    }
    if (extra === 0 && c[1] <= S) return c;
  }
  return null;
}

/**
 * Splits a layer (department labels in order) into `groups` consecutive groups of <= S where
 * possible. If every run of equal labels can have its own groups, it does (pure departments);
 * otherwise the layer is cut into near-equal consecutive blocks.
 */
function partition(labels: number[], groups: number, S: number): number[] {
  const runs: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (i > 0 && labels[i] === labels[i - 1]) runs[runs.length - 1]++;
    else runs.push(1);
  }
  const alloc = runs.map((len) => Math.ceil(len / S));
  let used = alloc.reduce((a, b) => a + b, 0);
  if (groups < used || groups > labels.length) return splitEvenly(labels.length, groups);
  while (used < groups) {
    // Next extra boss goes to the run with the most reports per boss.
    let best = -1;
    for (let r = 0; r < runs.length; r++) {
      if (alloc[r] < runs[r] && (best < 0 || runs[r] / alloc[r] > runs[best] / alloc[best])) best = r;
    }
    alloc[best]++;
    used++;
  }
  return runs.flatMap((len, r) => splitEvenly(len, alloc[r]));
}
