/**
 * Quick versions of the published-result checks (spec §7 V1, V2). Tolerances are tight enough to fail
 * when a rule is wrong: e.g. if noise were Gaussian instead of uniform, or positions moved with the
 * new heading, or informed agents ignored their goal.
 */
import { describe, expect, it } from 'vitest';
import { randomHeadingsVa, runVicsek, runVicsekPoint, vicsekChecks, VICSEK_QUICK } from '../sim/validation/vicsek.ts';
import { couzinAccuracy, couzinSuite, COUZIN_QUICK } from '../sim/validation/couzin.ts';

describe('V1 Vicsek 1995 (quick)', () => {
  const opts = VICSEK_QUICK[0];
  const points = runVicsek(opts);
  it('passes every check', () => {
    const checks = vicsekChecks(points, opts);
    for (const c of checks) expect(c.pass, `${c.id}: ${c.what} measured ${c.measured}, expected ${c.expected}`).toBe(true);
    expect(checks.map((c) => c.id)).toEqual(['V1.ordered', 'V1.random', 'V1.falls', 'V1.transition']);
  });
  it('η = 2π reproduces E[v_a] = √π/(2√N) within 4 standard errors (and 15%)', () => {
    const random = points.find((p) => p.eta === 2 * Math.PI)!;
    const exact = randomHeadingsVa(opts.n);
    expect(Math.abs(random.va - exact)).toBeLessThan(Math.min(4 * random.se, 0.15 * exact));
  });
  it('the random-heading value scales as 1/√N (N = 100 is twice N = 400)', () => {
    const small = runVicsekPoint({ n: 100, l: 5, etas: [], steps: 2000, seeds: 1, seed: 2 }, 2 * Math.PI);
    expect(Math.abs(small.va - randomHeadingsVa(100))).toBeLessThan(Math.min(4 * small.se, 0.15 * randomHeadingsVa(100)));
  });
});

describe('V2 Couzin 2005 (quick)', () => {
  it('passes every check', () => {
    const { checks } = couzinSuite(COUZIN_QUICK);
    for (const c of checks) expect(c.pass, `${c.id}: ${c.what} measured ${c.measured}, expected ${c.expected}`).toBe(true);
    expect(checks.length).toBe(7);
  });
  it('accuracy is deterministic per seed', () => {
    expect(couzinAccuracy(20, 0.2, 3)).toBe(couzinAccuracy(20, 0.2, 3));
  });
});
