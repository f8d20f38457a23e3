/**
 * V1 — Vicsek et al. 1995 (spec section 7). Protocol: uniform random positions and headings; run S
 * steps and discard them, then average v_a every 10th step over the next S; average over seeds.
 * Checks: ordered at low noise, v_a falling with η, the transition near η_c ≈ 2.9 at density 0.4,
 * and the exact E[v_a] = √π/(2√N) for random headings at η = 2π.
 */
import { Flock } from '../kernel/flock.ts';
import { polarisation } from '../kernel/observables.ts';
import { vicsek1995 } from '../kernel/presets.ts';
import { streamRng } from '../rng.ts';
import type { Check } from './check.ts';

export interface VicsekOptions {
  n: number;
  l: number;
  etas: number[];
  steps: number;
  seeds: number;
  seed: number;
}

export interface VicsekPoint {
  eta: number;
  va: number;
  /** Standard error of v_a across seeds (or across samples when there is one seed). */
  se: number;
  samples: number;
}

/**
 * Two densities: ρ = 4 (N = 400, L = 10) is the density of Vicsek's Fig. 2a, where the transition
 * check applies; ρ = 0.4 (N = 400, L = 31.6) is the low-density curve the spec mentions, reported in full.
 */
export const VICSEK_FULL: VicsekOptions[] = [
  { n: 400, l: 10, etas: [0.25, 1, 2, 2.5, 3, 3.5, 4, 5, 2 * Math.PI], steps: 3000, seeds: 3, seed: 1 },
  { n: 400, l: 31.6, etas: [0.25, 1, 1.5, 2, 2.5, 3, 4, 2 * Math.PI], steps: 3000, seeds: 3, seed: 1 },
];
export const VICSEK_QUICK: VicsekOptions[] = [{ n: 400, l: 10, etas: [0.25, 2, 3, 4, 2 * Math.PI], steps: 1000, seeds: 1, seed: 1 }];

export function runVicsekPoint(opts: VicsekOptions, eta: number): VicsekPoint {
  const perSeed: number[] = [];
  const samples: number[] = [];
  for (let s = 0; s < opts.seeds; s++) {
    const rng = streamRng(opts.seed + s, `vicsek/${eta}`);
    const flock = new Flock(vicsek1995({ n: opts.n, l: opts.l, eta }), rng);
    for (let t = 0; t < opts.steps; t++) flock.step(rng);
    let sum = 0;
    let count = 0;
    for (let t = 0; t < opts.steps; t++) {
      flock.step(rng);
      if (t % 10 === 9) {
        const va = polarisation(flock);
        samples.push(va);
        sum += va;
        count++;
      }
    }
    perSeed.push(sum / count);
  }
  const va = mean(perSeed);
  // Across seeds when there are several; otherwise treat the (correlated) samples as independent.
  const se = perSeed.length > 1 ? sd(perSeed) / Math.sqrt(perSeed.length) : sd(samples) / Math.sqrt(samples.length);
  return { eta, va, se, samples: samples.length };
}

export function runVicsek(opts: VicsekOptions): VicsekPoint[] {
  return opts.etas.map((eta) => runVicsekPoint(opts, eta));
}

/** The exact mean order parameter of N independent uniformly random headings. */
export function randomHeadingsVa(n: number): number {
  return Math.sqrt(Math.PI) / (2 * Math.sqrt(n));
}

export function vicsekChecks(points: VicsekPoint[], opts: VicsekOptions): Check[] {
  const checks: Check[] = [];
  const byEta = [...points].sort((a, b) => a.eta - b.eta);
  const low = byEta[0];
  const tag = `ρ=${fmt(opts.n / (opts.l * opts.l))}`;
  checks.push({ id: 'V1.ordered', what: `${tag}: ordered at low noise (η=${fmt(low.eta)})`, measured: low.va, expected: '≥ 0.85', pass: low.va >= 0.85 });
  const random = byEta.find((p) => Math.abs(p.eta - 2 * Math.PI) < 1e-9);
  if (random) {
    const exact = randomHeadingsVa(opts.n);
    // Samples are independent at η = 2π (headings are redrawn every step): use their spread.
    const tol = Math.max(4 * random.se, 0.02 * exact);
    checks.push({ id: 'V1.random', what: `${tag}: η=2π: E[v_a] = √π/(2√N) = ${fmt(exact)}`, measured: random.va, expected: `${fmt(exact)} ± ${fmt(tol)}`, pass: Math.abs(random.va - exact) <= tol });
  }
  const ordered = byEta.filter((p) => p.eta < 2 * Math.PI - 1e-9);
  let monotone = true;
  for (let k = 1; k < ordered.length; k++) if (ordered[k].va > ordered[k - 1].va + 3 * Math.hypot(ordered[k].se, ordered[k - 1].se) + 0.02) monotone = false;
  checks.push({ id: 'V1.falls', what: `${tag}: v_a falls as η grows`, measured: ordered.map((p) => fmt(p.va)).join(' → '), expected: 'non-increasing', pass: monotone });
  const density = opts.n / (opts.l * opts.l);
  if (Math.abs(density - 4) < 0.4 && ordered.length >= 3) {
    // Vicsek's Fig. 2a (ρ = 4, N = 400): the steep fall of v_a sits near η ≈ 3 (finite N smooths it).
    const crossing = crossingEta(ordered, 0.5);
    checks.push({ id: 'V1.transition', what: `η where v_a = 0.5 at density ${fmt(density)} (η_c ≈ 2.9)`, measured: crossing, expected: '2.5 – 3.6', pass: crossing >= 2.5 && crossing <= 3.6 });
  }
  return checks;
}

function crossingEta(points: VicsekPoint[], level: number): number {
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1];
    const b = points[k];
    if (a.va >= level && b.va < level) return a.eta + ((a.va - level) / (a.va - b.va)) * (b.eta - a.eta);
  }
  return NaN;
}

function mean(v: number[]): number {
  return v.reduce((s, x) => s + x, 0) / v.length;
}
function sd(v: number[]): number {
  if (v.length < 2) return 0;
  const m = mean(v);
  return Math.sqrt(v.reduce((s, x) => s + (x - m) * (x - m), 0) / (v.length - 1));
}
function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(3) : String(v);
}
