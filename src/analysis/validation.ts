/**
 * `starling validate sensitivity`: the analysis code against answers known without it.
 *   SA1 Sobol indices of the Ishigami function (a = 7, b = 0.1) — analytic values inside the
 *       bootstrap 95 % interval, the interval narrow enough (< 0.25) to mean something;
 *   SA2 the same for Sobol's G function (a = 0, 1, 4.5, 9, 99, 99, 99, 99);
 *   SA3 Morris on a linear function: μ* = |c_i| and σ = 0 exactly;
 *   SA4 Morris on the G function ranks x1…x4 as the analytic total indices do and finds x5…x8 inert;
 *   SA5 PRIM finds a known box in synthetic data (with and without 5 % of labels flipped).
 * The same code the `analyze` command runs. Platform-free.
 */
import type { Check } from '../../sim/validation/check.ts';
import { createRng } from '../../sim/rng.ts';
import { morrisSample, saltelliSample } from '../../sim/experiment/sampling.ts';
import { morrisIndices } from './morris.ts';
import { sobolIndices } from './sobol.ts';
import { prim } from './prim.ts';
import { gFunction, gIndices, ishigami, ishigamiIndices } from './testFunctions.ts';

export const SOBOL_SAMPLES = 1024;
const MAX_WIDTH = 0.25;

function sobolChecks(id: string, name: string, f: (u: ArrayLike<number>) => number, k: number, exact: { first: number[]; total: number[] }, samples: number): Check[] {
  const rows = saltelliSample(k, { samples, skip: 0 });
  const res = sobolIndices(Array.from({ length: k }, (_, i) => `x${i + 1}`), rows.map((r) => f(r)));
  const checks: Check[] = [];
  res.indices.forEach((s, i) => {
    for (const [label, est, ci, truth] of [['S', s.first, s.firstCi, exact.first[i]], ['ST', s.total, s.totalCi, exact.total[i]]] as const) {
      const width = ci.high - ci.low;
      checks.push({
        id,
        what: `${name} ${label}${i + 1}: estimate ${est.toFixed(4)}, 95% interval [${ci.low.toFixed(4)}, ${ci.high.toFixed(4)}] (N = ${samples}, ${rows.length} evaluations)`,
        measured: est,
        expected: `analytic ${truth.toFixed(4)} inside the interval, width < ${MAX_WIDTH}`,
        pass: truth >= ci.low && truth <= ci.high && width < MAX_WIDTH,
      });
    }
  });
  return checks;
}

export function morrisLinearChecks(): Check[] {
  const c = [5, -3, 1, 0];
  const rows = morrisSample(c.length, { trajectories: 20, levels: 4, seed: 1 });
  const y = rows.map((r) => c.reduce((s, ci, i) => s + ci * r[i], 0));
  const m = morrisIndices(c.map((_, i) => `x${i + 1}`), rows, y);
  return m.map((x, i) => ({
    id: 'SA3',
    what: `Morris on y = 5x1 − 3x2 + x3 + 0x4: μ*${i + 1} (σ ${x.sigma.toExponential(1)}), 20 trajectories`,
    measured: x.muStar,
    expected: `${Math.abs(c[i])} exactly, σ = 0`,
    pass: Math.abs(x.muStar - Math.abs(c[i])) < 1e-9 && Math.abs(x.mu - c[i]) < 1e-9 && x.sigma < 1e-9,
  }));
}

export function morrisGChecks(): Check[] {
  const k = 8;
  const rows = morrisSample(k, { trajectories: 50, levels: 4, seed: 1 });
  const m = morrisIndices(Array.from({ length: k }, (_, i) => `x${i + 1}`), rows, rows.map((r) => gFunction(r)));
  const exact = gIndices().total;
  const byMu = m.slice(0, 4).map((x, i) => ({ i, mu: x.muStar })).sort((a, b) => b.mu - a.mu).map((x) => x.i + 1);
  const byST = exact.slice(0, 4).map((t, i) => ({ i, t })).sort((a, b) => b.t - a.t).map((x) => x.i + 1);
  const inert = Math.max(...m.slice(4).map((x) => x.muStar)) / m[0].muStar;
  return [
    { id: 'SA4', what: `Morris on the G function: order of x1…x4 by μ* (${m.slice(0, 4).map((x) => x.muStar.toFixed(3)).join(', ')})`, measured: byMu.join(' > '), expected: `${byST.join(' > ')} (analytic total indices)`, pass: byMu.join() === byST.join() },
    { id: 'SA4', what: 'Morris on the G function: largest μ* of x5…x8 (a = 99) relative to μ*1', measured: inert, expected: '< 0.05 (inert factors screened out)', pass: inert < 0.05 },
  ];
}

/** Synthetic cases: uniform on [0, 1]^5, the condition true inside x1 ∈ [0.2, 0.6], x3 ≥ 0.5. */
export function primCase(noise: number, n = 2000): { names: string[]; x: Float64Array[]; y: boolean[] } {
  const rng = createRng(`starling-prim-case/${noise}`);
  const names = ['x1', 'x2', 'x3', 'x4', 'x5'];
  const x = names.map(() => new Float64Array(n));
  const y: boolean[] = [];
  for (let c = 0; c < n; c++) {
    for (let d = 0; d < names.length; d++) x[d][c] = rng();
    const inside = x[0][c] >= 0.2 && x[0][c] <= 0.6 && x[2][c] >= 0.5;
    y.push(rng() < noise ? !inside : inside);
  }
  return { names, x, y };
}

/** The density asked of the box; the default 0.8 takes a looser box here (coverage 1.00, density 0.83), as the trade-off allows. */
const PRIM_THRESHOLD = 0.9;

export function primChecks(): Check[] {
  const out: Check[] = [];
  for (const [noise, tol] of [[0, 0.03], [0.05, 0.05]] as const) {
    const { names, x, y } = primCase(noise);
    const box = prim(names, x, y, { threshold: PRIM_THRESHOLD }).boxes[0];
    const lim = Object.fromEntries(box?.limits.map((l) => [l.dimension, l]) ?? []);
    const dims = Object.keys(lim).sort().join(', ');
    const ok = !!box && dims === 'x1, x3' && Math.abs(lim.x1.low - 0.2) <= tol && Math.abs(lim.x1.high - 0.6) <= tol && Math.abs(lim.x3.low - 0.5) <= tol && !lim.x3.highRestricted;
    out.push({
      id: 'SA5',
      what: `PRIM (density threshold ${PRIM_THRESHOLD}), ${noise * 100}% of labels flipped: box ${box ? box.limits.map((l) => `${l.dimension} ∈ [${l.low.toFixed(3)}, ${l.high.toFixed(3)}]`).join(', ') : 'none'} (coverage ${box?.coverage.toFixed(2)}, density ${box?.density.toFixed(2)})`,
      measured: dims || 'none',
      expected: `x1 ∈ [0.2, 0.6], x3 ≥ 0.5 (limits ± ${tol}), no other dimension restricted`,
      pass: ok,
    });
  }
  return out;
}

export function sensitivityChecks(): Check[] {
  return [
    ...sobolChecks('SA1', 'Ishigami', ishigami, 3, ishigamiIndices(), SOBOL_SAMPLES),
    ...sobolChecks('SA2', 'G function', gFunction, 8, gIndices(), SOBOL_SAMPLES),
    ...morrisLinearChecks(),
    ...morrisGChecks(),
    ...primChecks(),
  ];
}
