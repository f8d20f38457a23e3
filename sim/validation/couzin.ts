/**
 * V2 — Couzin, Krause, Franks & Levin 2005 (spec section 7). Protocol: N agents start uniformly in a
 * √N × √N square with random headings; a random subset (proportion p) is informed of a preferred
 * direction (+x) and blends it with weight ω = 0.5; after 1,000 steps the group's direction is the
 * centroid's displacement over the last 200 steps; accuracy = 1 − |angle to +x|/π (0.5 = chance).
 * Checks: chance with nobody informed, accuracy rising with p, and the proportion needed for high
 * accuracy falling with group size (≈50% at N = 10, under 5% at N = 200).
 */
import { Flock, GOAL_DIRECTION } from '../kernel/flock.ts';
import { centroid } from '../kernel/observables.ts';
import { COUZIN_OMEGA, couzin2005 } from '../kernel/presets.ts';
import { streamRng } from '../rng.ts';
import type { Check } from './check.ts';
import * as dmath from '../math.ts';

export interface CouzinOptions {
  n: number;
  proportions: number[];
  seeds: number;
  seed: number;
  steps: number;
}

export interface CouzinPoint {
  n: number;
  p: number;
  informed: number;
  accuracy: number;
  se: number;
}

export function couzinAccuracy(n: number, p: number, seed: number, steps = 1000, window = 200): number {
  const rng = streamRng(seed, `couzin/${n}/${p}`);
  const flock = new Flock(couzin2005({ n }), rng);
  const side = Math.sqrt(n);
  for (let id = 0; id < n; id++) flock.setPosition(id, rng() * side, rng() * side, rng() * 2 * Math.PI);
  // Informed individuals: a random subset (partial Fisher–Yates on ids).
  const informed = Math.round(p * n);
  const ids = Array.from({ length: n }, (_, k) => k);
  for (let k = 0; k < informed; k++) {
    const pick = k + Math.floor(rng() * (n - k));
    [ids[k], ids[pick]] = [ids[pick], ids[k]];
    flock.setGoal(ids[k], GOAL_DIRECTION, 1, 0, COUZIN_OMEGA);
  }
  const start = { x: 0, y: 0 };
  for (let t = 0; t < steps; t++) {
    if (t === steps - window) centroid(flock, start);
    flock.step(rng);
  }
  const end = centroid(flock);
  const angle = dmath.atan2(end.y - start.y, end.x - start.x);
  return 1 - Math.abs(angle) / Math.PI;
}

export function runCouzin(opts: CouzinOptions): CouzinPoint[] {
  return opts.proportions.map((p) => {
    const acc: number[] = [];
    for (let s = 0; s < opts.seeds; s++) acc.push(couzinAccuracy(opts.n, p, opts.seed + s, opts.steps));
    const m = acc.reduce((a, b) => a + b, 0) / acc.length;
    const sd = Math.sqrt(acc.reduce((a, b) => a + (b - m) * (b - m), 0) / Math.max(1, acc.length - 1));
    return { n: opts.n, p, informed: Math.round(p * opts.n), accuracy: m, se: sd / Math.sqrt(acc.length) };
  });
}

export interface CouzinSuite {
  seeds: number;
  steps: number;
}
export const COUZIN_FULL: CouzinSuite = { seeds: 100, steps: 1000 };
export const COUZIN_QUICK: CouzinSuite = { seeds: 24, steps: 1000 };

/** The standard check set: chance at p = 0, rising accuracy, and the N = 10 vs N = 200 contrast. */
export function couzinSuite(suite: CouzinSuite, seed = 1): { points: CouzinPoint[]; checks: Check[] } {
  const small = runCouzin({ n: 10, proportions: [0, 0.1, 0.2, 0.5], seeds: suite.seeds, seed, steps: suite.steps });
  const large = runCouzin({ n: 200, proportions: [0, 0.01, 0.05, 0.1], seeds: Math.max(8, Math.round(suite.seeds / 2)), seed, steps: suite.steps });
  const points = [...small, ...large];
  const at = (list: CouzinPoint[], p: number) => list.find((q) => q.p === p)!;
  const checks: Check[] = [...pointChecks(small), ...pointChecks(large)];
  const big5 = at(large, 0.05);
  const small10 = at(small, 0.1);
  const small50 = at(small, 0.5);
  checks.push({ id: 'V2.large', what: 'N=200: 5% informed already gives high accuracy', measured: big5.accuracy, expected: '≥ 0.9', pass: big5.accuracy >= 0.9 });
  checks.push({ id: 'V2.small', what: 'N=10: high accuracy needs about half informed', measured: small50.accuracy, expected: '≥ 0.9', pass: small50.accuracy >= 0.9 });
  checks.push({ id: 'V2.contrast', what: 'N=10 with 10% informed is less accurate than N=200 with 5%', measured: `${small10.accuracy.toFixed(3)} vs ${big5.accuracy.toFixed(3)}`, expected: 'clearly lower', pass: small10.accuracy < big5.accuracy - 2 * Math.hypot(small10.se, big5.se) });
  return { points, checks };
}

/**
 * Checks that apply to any curve of one group size: chance when nobody is informed (if p = 0 was run;
 * accuracy is then uniform on [0, 1], so the tolerance comes from the standard error) and accuracy not
 * falling as the informed proportion grows.
 */
export function pointChecks(list: CouzinPoint[]): Check[] {
  const checks: Check[] = [];
  const sorted = [...list].sort((a, b) => a.p - b.p);
  const none = sorted.find((q) => q.p === 0);
  if (none) {
    const tol = 3 * Math.max(none.se, 0.01);
    checks.push({ id: 'V2.chance', what: `N=${none.n}, nobody informed: accuracy at chance`, measured: none.accuracy, expected: `0.5 ± ${tol.toFixed(3)}`, pass: Math.abs(none.accuracy - 0.5) <= tol });
  }
  let rising = true;
  for (let k = 1; k < sorted.length; k++) if (sorted[k].accuracy < sorted[k - 1].accuracy - 3 * Math.hypot(sorted[k].se, sorted[k - 1].se)) rising = false;
  if (sorted.length > 1) checks.push({ id: 'V2.rises', what: `N=${sorted[0].n}: accuracy rises with the informed proportion`, measured: sorted.map((q) => q.accuracy.toFixed(3)).join(' → '), expected: 'non-decreasing', pass: rising });
  return checks;
}
