/**
 * Summary statistics for runs: medians and 10–90% intervals, means with 95% CIs, and the paired
 * saving of a mode against the hierarchy — one estimand, SAVING_ESTIMAND — with a seeded bootstrap CI
 * (resampling seeds, so pairs stay together), a paired permutation test of that same estimand, and
 * censoring handled explicitly. simple-statistics supplies the basics.
 */
import { mean, median, quantile, sampleStandardDeviation } from 'simple-statistics';
import { createRng } from '../rng.ts';
import * as dmath from '../math.ts';

export interface Spread {
  n: number;
  median: number;
  p10: number;
  p90: number;
  mean: number;
  ci95: [number, number];
}

export function spread(values: number[]): Spread {
  const n = values.length;
  if (n === 0) return { n, median: NaN, p10: NaN, p90: NaN, mean: NaN, ci95: [NaN, NaN] };
  const m = mean(values);
  const half = n > 1 ? (1.96 * sampleStandardDeviation(values)) / Math.sqrt(n) : 0;
  return { n, median: median(values), p10: quantile(values, 0.1), p90: quantile(values, 0.9), mean: m, ci95: [m - half, m + half] };
}

/** One run's value of a metric; censored: the threshold was not reached, the value is a lower bound. */
export interface Observation {
  value: number;
  censored: boolean;
}

/** The estimand every output calls "the saving" (spec §8, §9). */
export const SAVING_ESTIMAND = '1 − median T50(mode) / median T50(hierarchy) over paired seeds';
/** Fewer pairs than this get a small-sample warning wherever the saving is shown. */
export const SMALL_SAMPLE = 20;

export interface PairedSaving {
  /** 1 − median(mode) / median(reference); NaN when it is not estimable. */
  saving: number;
  estimable: boolean;
  /** Why it is not estimable (one sentence), when it is not. */
  reason?: string;
  /** When exactly one median is censored, what can still be said: the saving is at most / at least this. */
  bound?: { kind: 'at most' | 'at least'; value: number };
  /** Percentile bootstrap over seeds (pairs resampled together); censored values rank above every observed one. */
  ci95: [number, number];
  /** Two-sided paired permutation p of the same estimand (labels swapped within pairs), NaN if not estimable. */
  p: number;
  /** No permutation was as extreme as the data: the true p is below `p` (print "< p"). */
  pAtFloor: boolean;
  pairs: number;
  /** Runs censored (threshold not reached by the horizon) in the reference and in the mode. */
  censored: { reference: number; mode: number };
  /** Fewer than SMALL_SAMPLE pairs: the interval and the test are unreliable. */
  smallSample: boolean;
}

/** Median with censored values ranked above every observed one (as +∞): +∞ when the median is censored. */
export function censoredMedian(values: ArrayLike<number>): number {
  const v = Float64Array.from(values).sort();
  const n = v.length;
  if (n === 0) return NaN;
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

const asRanked = (o: Observation) => (o.censored ? Infinity : o.value);

/**
 * The saving of `mode` against `reference`, paired by index (same seed at the same position), with a
 * bootstrap interval and a permutation test of that same statistic. Censoring is explicit: a censored
 * run counts as slower than every observed one (it is: its threshold lies past the horizon), so it
 * can never pull a median down; when a median itself is censored the saving is not estimable.
 */
export function pairedSaving(reference: Observation[], mode: Observation[], opts: { resamples?: number; seed?: number } = {}): PairedSaving {
  const n = Math.min(reference.length, mode.length);
  const ref = reference.slice(0, n);
  const own = mode.slice(0, n);
  const r = ref.map(asRanked);
  const m = own.map(asRanked);
  const censored = { reference: ref.filter((o) => o.censored).length, mode: own.filter((o) => o.censored).length };
  const base = { pairs: n, censored, smallSample: n < SMALL_SAMPLE };
  const notEstimable = (reason: string, bound?: PairedSaving['bound']): PairedSaving =>
    ({ saving: NaN, estimable: false, reason, bound, ci95: [NaN, NaN], p: NaN, pAtFloor: false, ...base });
  if (n === 0) return notEstimable('no paired runs');
  const mr = censoredMedian(r);
  const mm = censoredMedian(m);
  const horizonOf = (obs: Observation[]) => Math.min(...obs.filter((o) => o.censored).map((o) => o.value));
  if (mr === Infinity && mm === Infinity) return notEstimable('both medians are censored: most runs of both modes never reached the threshold by the horizon');
  if (mm === Infinity) {
    const left = horizonOf(own);
    return notEstimable('the mode\'s median is censored (most of its runs never reached the threshold)', { kind: 'at most', value: 1 - left / mr });
  }
  if (mr === Infinity) {
    const left = horizonOf(ref);
    return notEstimable('the hierarchy\'s median is censored (most of its runs never reached the threshold)', { kind: 'at least', value: 1 - mm / left });
  }
  if (!(mr > 0)) return notEstimable('the hierarchy\'s median is 0, so a relative saving is undefined');

  const rng = createRng(opts.seed ?? 12345);
  const B = opts.resamples ?? 2000;
  // Bootstrap: a resample whose median is censored gives −∞ (mode) or 1 (reference); both censored is
  // unknown, so it counts as −∞ for the lower bound and as 1 for the upper one (conservative).
  const lows: number[] = [];
  const highs: number[] = [];
  const br = new Float64Array(n);
  const bm = new Float64Array(n);
  for (let b = 0; b < B && n > 1; b++) {
    for (let k = 0; k < n; k++) {
      const j = Math.floor(rng() * n);
      br[k] = r[j];
      bm[k] = m[j];
    }
    const s = 1 - censoredMedian(bm) / censoredMedian(br);
    lows.push(Number.isNaN(s) ? -Infinity : s);
    highs.push(Number.isNaN(s) ? 1 : s);
  }
  const point = 1 - mm / mr;
  const test = permutationTest(r, m, rng, B);
  return {
    saving: point, estimable: true,
    ci95: lows.length ? [quantileWithInfinity(lows, 0.025), quantileWithInfinity(highs, 0.975)] : [point, point],
    p: test.p, pAtFloor: test.atFloor, ...base,
  };
}

/** Linear-interpolation quantile (type 7) that keeps −∞ entries (censored resamples) as −∞. */
function quantileWithInfinity(values: number[], q: number): number {
  const v = [...values].sort((x, y) => x - y);
  const at = q * (v.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  if (v[lo] === v[hi] || v[lo] === -Infinity) return v[lo];
  return v[lo] + (v[hi] - v[lo]) * (at - lo);
}

/**
 * Paired permutation test of "the saving is 0" on its own statistic, L = log(median ref / median mode)
 * (saving = 1 − e^−L, so L = 0 exactly when the saving is 0; L changes sign when every label is
 * swapped). Under the null the two runs of a seed are exchangeable, so each pair's labels are swapped
 * with probability ½. Two-sided; p = (extreme + 1) / (B + 1), so the smallest reportable p is 1/(B+1).
 */
export function permutationTest(r: ArrayLike<number>, m: ArrayLike<number>, rng: () => number, permutations = 4000): { p: number; atFloor: boolean } {
  const n = Math.min(r.length, m.length);
  const stat = (a: ArrayLike<number>, b: ArrayLike<number>) => dmath.log(censoredMedian(a) / censoredMedian(b));
  const observed = Math.abs(stat(r, m));
  if (!Number.isFinite(observed)) return { p: NaN, atFloor: false };
  if (observed === 0) return { p: 1, atFloor: false };
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  let extreme = 0;
  for (let k = 0; k < permutations; k++) {
    for (let i = 0; i < n; i++) {
      const swap = rng() < 0.5;
      a[i] = swap ? m[i] : r[i];
      b[i] = swap ? r[i] : m[i];
    }
    const l = Math.abs(stat(a, b));
    // Both permuted medians censored (NaN) says nothing against the null: count it as extreme.
    if (!(l < observed - 1e-12)) extreme++;
  }
  return { p: (extreme + 1) / (permutations + 1), atFloor: extreme === 0 };
}

/** A p-value as printed: "< 0.00025" at the resampling floor, else two significant digits. */
export function formatP(s: Pick<PairedSaving, 'p' | 'pAtFloor'>): string {
  if (!Number.isFinite(s.p)) return '—';
  return s.pAtFloor ? `< ${s.p.toPrecision(2)}` : s.p.toPrecision(2);
}

/** A saving as printed: "38%", or "not estimable" (with the bound when one is known). */
export function formatSaving(s: PairedSaving): string {
  if (s.estimable) return pct(s.saving);
  return s.bound ? `not estimable (${s.bound.kind} ${pct(s.bound.value)})` : 'not estimable';
}

/** The interval as printed; an end at ±∞ (censored resamples) is shown as such. */
export function formatCi(s: PairedSaving): string {
  if (!s.estimable) return '—';
  return `${pct(s.ci95[0])} to ${pct(s.ci95[1])}`;
}

export function pct(v: number): string {
  if (v === -Infinity) return '−∞';
  if (v === Infinity) return '∞';
  return Number.isFinite(v) ? `${(100 * v).toFixed(0)}%` : '—';
}
