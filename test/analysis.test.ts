/**
 * The sensitivity analyses and scenario discovery against answers known without them (issue 14):
 * Sobol indices of the Ishigami and G functions, Morris on a linear function and on G, PRIM on a
 * synthetic box — each with a control that shows the check can fail.
 */
import { describe, expect, it } from 'vitest';
import { sobolPoints } from '../sim/experiment/sobolSequence.ts';
import { morrisSample, saltelliSample } from '../sim/experiment/sampling.ts';
import { normalQuantile, expandDesign, valueAt } from '../sim/experiment/plan.ts';
import { parseExperiment } from '../sim/experiment/schema.ts';
import { sobolIndices } from '../src/analysis/sobol.ts';
import { morrisIndices } from '../src/analysis/morris.ts';
import { prim } from '../src/analysis/prim.ts';
import { sensitivityChecks, primCase } from '../src/analysis/validation.ts';
import { ishigami, ishigamiIndices } from '../src/analysis/testFunctions.ts';
import { createRng } from '../sim/rng.ts';

describe('Sobol sequence', () => {
  it('gives the published first points (Joe & Kuo direction numbers)', () => {
    const p = sobolPoints(8, 3).map((r) => [...r]);
    expect(p.map((r) => r[0])).toEqual([0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125]);
    expect(p.map((r) => r[1])).toEqual([0, 0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625]);
    expect(p.map((r) => r[2])).toEqual([0, 0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375]);
  });
  it('is balanced: each dimension of the first 2^m points has one point per 1/2^m interval', () => {
    const p = sobolPoints(64, 20);
    for (let d = 0; d < 20; d++) expect(new Set(p.map((r) => Math.floor(r[d] * 64))).size).toBe(64);
  });
});

describe('sensitivity checks (the `validate sensitivity` suite)', () => {
  it('every check passes: analytic Ishigami and G indices inside the bootstrap intervals, Morris exact on a linear function, PRIM finds the box', () => {
    const checks = sensitivityChecks();
    expect(checks.length).toBe(30);
    for (const c of checks) expect(c.pass, `${c.id} ${c.what}: ${c.measured} vs ${c.expected}`).toBe(true);
  });
  it('control: with the outputs shuffled (the function absent) the Ishigami indices leave their intervals', () => {
    const rows = saltelliSample(3, { samples: 1024, skip: 0 });
    const y = rows.map((r) => ishigami(r));
    const rng = createRng('shuffle');
    for (let i = y.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [y[i], y[j]] = [y[j], y[i]];
    }
    const res = sobolIndices(['x1', 'x2', 'x3'], y);
    const exact = ishigamiIndices();
    const inside = res.indices.flatMap((s, i) => [exact.first[i] >= s.firstCi.low && exact.first[i] <= s.firstCi.high, exact.total[i] >= s.totalCi.low && exact.total[i] <= s.totalCi.high]);
    expect(inside.filter(Boolean).length).toBeLessThanOrEqual(2);
  });
  it('Morris trajectories move one factor by ±Δ per step, Δ = p / (2(p − 1)), inside the unit cube', () => {
    const rows = morrisSample(5, { trajectories: 10, levels: 4, seed: 3 });
    expect(rows.length).toBe(60);
    for (let t = 0; t < 10; t++) {
      for (let s = 0; s < 5; s++) {
        const a = rows[t * 6 + s];
        const b = rows[t * 6 + s + 1];
        const moved = [...a].map((v, i) => Math.abs(b[i] - v)).filter((d) => d > 1e-12);
        expect(moved.length).toBe(1);
        expect(moved[0]).toBeCloseTo(2 / 3, 12);
      }
    }
    for (const r of rows) for (const v of r) expect(v >= 0 && v <= 1).toBe(true);
  });
  it('Morris control: an inert factor has μ* = 0, and a factor that acts has μ* > 0', () => {
    const rows = morrisSample(2, { trajectories: 10, levels: 4, seed: 2 });
    const m = morrisIndices(['acts', 'inert'], rows, rows.map((r) => Math.sin(6 * r[0])));
    expect(m[1].muStar).toBe(0);
    expect(m[0].muStar).toBeGreaterThan(0.5);
  });
  it('PRIM control: labels with no box give no dense box', () => {
    const { names, x } = primCase(0);
    const rng = createRng('no-box');
    const y = x[0].map(() => (rng() < 0.2 ? 1 : 0));
    const r = prim(names, x, Array.from(y, Boolean), { threshold: 0.9 });
    expect(r.boxes.every((b) => b.density < 0.6)).toBe(true);
  });
  it('PRIM reports the peeling trajectory: coverage falls and density rises along it', () => {
    const { names, x, y } = primCase(0);
    const box = prim(names, x, y).boxes[0];
    const tr = box.trajectory;
    expect(tr[0].coverage).toBe(1);
    expect(tr[tr.length - 1].density).toBeGreaterThan(tr[0].density + 0.5);
    for (let i = 1; i < tr.length; i++) expect(tr[i].coverage).toBeLessThanOrEqual(tr[i - 1].coverage + 1e-12);
  });
});

describe('designs and distributions in experiment files', () => {
  const vary = { 'shared.commitOmega': { min: 0.4, max: 0.9 }, 'hierarchy.batchPeriod': { min: 4, max: 48 }, dummy: { min: 0, max: 1 } };
  it('a Morris design has trajectories × (k + 1) points, a Sobol design samples × (k + 2)', () => {
    const m = parseExperiment({ vary, design: { type: 'morris', trajectories: 5 } }, 'm');
    expect(expandDesign(m).length).toBe(20);
    const s = parseExperiment({ vary, design: { type: 'sobol', samples: 16 } }, 's');
    expect(expandDesign(s).length).toBe(80);
  });
  it('a dummy factor is sampled but applied to nothing', async () => {
    const { pointOverrides } = await import('../sim/experiment/plan.ts');
    const m = parseExperiment({ vary, design: { type: 'morris', trajectories: 2 } }, 'm');
    const p = expandDesign(m)[0];
    expect(typeof p.values.dummy).toBe('number');
    expect(pointOverrides(m, p).some((o) => o.startsWith('dummy'))).toBe(false);
  });
  it('refuses odd Morris levels, too many Sobol factors and a points design without a readable file, each in one line', () => {
    expect(() => parseExperiment({ vary, design: { type: 'morris', trajectories: 5, levels: 5 } }, 'x')).toThrow(/design.levels: 5 is odd/);
    const many = Object.fromEntries(Array.from({ length: 33 }, (_, k) => [`dummy.d${k}`, { min: 0, max: 1 }]));
    expect(() => parseExperiment({ vary: many, design: { type: 'sobol', samples: 8 } }, 'x')).toThrow(/at most 32 parameters/);
    expect(() => parseExperiment({ design: { type: 'points', file: 'd.csv' } }, 'x')).toThrow(/cannot be read here/);
  });
  it('a points design runs the CSV as given and checks every value against its declaration', () => {
    const csv = '\uFEFFshared.commitOmega,hierarchy.batchPeriod\n0.5,8\n0.7,24\n';
    const e = parseExperiment({ design: { type: 'points', file: 'd.csv' } }, 'x', 'x', { readText: () => csv });
    expect(expandDesign(e).map((p) => p.values)).toEqual([{ 'shared.commitOmega': 0.5, 'hierarchy.batchPeriod': 8 }, { 'shared.commitOmega': 0.7, 'hierarchy.batchPeriod': 24 }]);
    expect(() => parseExperiment({ design: { type: 'points', file: 'd.csv' } }, 'x', 'x', { readText: () => 'shared.commitOmega\n70\n' })).toThrow(/row 2, shared.commitOmega: 70 is above the maximum/);
    expect(() => parseExperiment({ design: { type: 'points', file: 'd.csv' } }, 'x', 'x', { readText: () => 'shared.omega\n0.5\n' })).toThrow(/unknown parameter "shared.omega"/);
    expect(() => parseExperiment({ design: { type: 'points', file: 'd.csv' } }, 'x', 'x', { readText: () => 'shared.commitOmega,hierarchy.batchPeriod\n0.5\n' })).toThrow(/row 2 has 1 values, the header 2/);
  });
  it('normal, triangular, log-uniform and weighted discrete distributions have the moments they should in a Latin hypercube', () => {
    const e = parseExperiment({
      vary: {
        'shared.commitOmega': { distribution: 'normal', mean: 0.6, sd: 0.05 },
        'shared.gamma': { distribution: 'triangular', min: 0, mode: 1, max: 4 },
        'hierarchy.batchPeriod': { distribution: 'log-uniform', min: 1, max: 100 },
        'hierarchy.span': { distribution: 'discrete', values: [3, 5, 8], weights: [1, 2, 1] },
      },
      design: { type: 'latin-hypercube', points: 4000 },
    }, 'd');
    const pts = expandDesign(e);
    const col = (k: string) => pts.map((p) => p.values[k] as number);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const sd = (a: number[]) => Math.sqrt(mean(a.map((v) => (v - mean(a)) ** 2)));
    expect(mean(col('shared.commitOmega'))).toBeCloseTo(0.6, 3);
    expect(sd(col('shared.commitOmega'))).toBeCloseTo(0.05, 3);
    expect(mean(col('shared.gamma'))).toBeCloseTo(5 / 3, 2); // (a + c + b) / 3
    expect(mean(col('hierarchy.batchPeriod').map(Math.log10))).toBeCloseTo(1, 2);
    const span = col('hierarchy.span');
    expect(span.filter((v) => v === 5).length / span.length).toBeCloseTo(0.5, 2);
    expect(span.filter((v) => v === 3).length / span.length).toBeCloseTo(0.25, 2);
  });
  it('the normal quantile is accurate (simple-statistics probit refined by Newton steps)', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 6);
  });
  it('a truncated normal stays inside its limits', () => {
    const e = parseExperiment({ vary: { 'shared.commitOmega': { distribution: 'normal', mean: 0.9, sd: 0.5, min: 0.5, max: 0.95 } }, design: { type: 'random', points: 10 } }, 'd');
    for (const u of [0, 1e-9, 0.5, 1 - 1e-9]) {
      const v = valueAt(e.vary[0], u) as number;
      expect(v).toBeGreaterThanOrEqual(0.5);
      expect(v).toBeLessThanOrEqual(0.95);
    }
  });
  it('distribution errors name the field and the fix', () => {
    expect(() => parseExperiment({ vary: { 'shared.gamma': { distribution: 'normal', mean: 1 } }, design: { type: 'random', points: 4 } }, 'x')).toThrow(/vary.shared.gamma.sd: missing/);
    expect(() => parseExperiment({ vary: { 'shared.gamma': { distribution: 'triangular', min: 0, max: 1, mode: 2 } }, design: { type: 'random', points: 4 } }, 'x')).toThrow(/mode: 2 is outside/);
    expect(() => parseExperiment({ vary: { 'shared.gamma': { distribution: 'beta', min: 0, max: 1 } }, design: { type: 'random', points: 4 } }, 'x')).toThrow(/is not one of uniform, log-uniform, normal, triangular, discrete/);
    expect(() => parseExperiment({ vary: { 'shared.gamma': { min: 3, max: 1 } }, design: { type: 'random', points: 4 } }, 'x')).toThrow(/^x is invalid:\n  - vary.shared.gamma: min 3 is above max 1; swap them$/);
  });
});

describe('edge cases found in review', () => {
  it('skipping into the Sobol sequence starts at the same point as stepping there', () => {
    const stepped = sobolPoints(1029, 6).slice(1000).map((r) => [...r]);
    expect(sobolPoints(29, 6, 1000).map((r) => [...r])).toEqual(stepped);
  });
  it('a sampled design whose "vary" holds only fixed values is refused in one line', () => {
    expect(() => parseExperiment({ vary: { 'hierarchy.span': 6 }, design: { type: 'sobol', samples: 8 } }, 'x')).toThrow(/a sobol design samples the parameters in "vary", but "vary" is empty/);
  });
  it('a constant output has undefined Sobol indices, not S = 1', () => {
    const y = new Array(8 * 5).fill(0.7);
    const r = sobolIndices(['a', 'b', 'c'], y);
    expect(r.constant).toBe(true);
    for (const s of r.indices) expect(Number.isNaN(s.first) && Number.isNaN(s.total)).toBe(true);
  });
  it('a truncated normal far above its mean spreads next to min (it does not collapse onto max)', async () => {
    const { truncatedNormal, normalMass } = await import('../sim/experiment/normal.ts');
    const v = [0.1, 0.5, 0.9].map((u) => truncatedNormal(u, 5, 6, 0, 1));
    expect(v[0]).toBeGreaterThan(5);
    expect(v[1]).toBeGreaterThan(5.1);
    expect(v[1]).toBeLessThan(5.2); // the median of N(0,1) | X ≥ 5 is 5.135
    expect(v[2]).toBeLessThan(5.6);
    expect(normalMass(50, 60, 0, 1)).toBe(0);
    expect(() => parseExperiment({ vary: { 'shared.gamma': { distribution: 'normal', mean: -30, sd: 0.5, min: 0, max: 4 } }, design: { type: 'random', points: 4 } }, 'x')).toThrow(/puts almost no probability between 0 and 4/);
  });
  it('PRIM on a discrete factor peels one level at a time, never more', () => {
    const n = 900;
    const names = ['level', 'u'];
    const x = [new Float64Array(n), new Float64Array(n)];
    const y: boolean[] = [];
    const rng = createRng('levels');
    for (let c = 0; c < n; c++) {
      x[0][c] = c % 3;
      x[1][c] = rng();
      y.push(x[0][c] === 2 && x[1][c] > 0.5);
    }
    const box = prim(names, x, y, { threshold: 0.95 }).boxes[0];
    const masses = box.trajectory.map((s) => s.mass);
    for (let i = 1; i < masses.length; i++) expect(masses[i - 1] - masses[i]).toBeLessThanOrEqual(1 / 3 + 1e-9);
    const lim = Object.fromEntries(box.limits.map((l) => [l.dimension, l]));
    expect(lim.level.low).toBe(2);
    expect(Math.abs(lim.u.low - 0.5)).toBeLessThan(0.05);
  });
});
