/**
 * sim/math.ts: the engine's own cos, sin, exp, log and atan2 are within a few ulps of Math's, follow
 * Math's special cases, and give pinned bits (a checksum over 50,000 arguments), so a platform whose
 * arithmetic differed would fail here; test/e2e/determinism.test.ts computes the same checksum in
 * Chromium and compares whole runs with Node.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as dmath from '../sim/math.ts';
import { mathChecksum } from './helpers/mathChecksum.ts';

/** The spacing of doubles at v. */
function ulp(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return Number.MIN_VALUE;
  return Math.max(2 ** (Math.floor(Math.log2(Math.abs(v))) - 52), Number.MIN_VALUE);
}

/** The largest difference from Math's value in ulps over n arguments from `gen` (a fixed LCG). */
function worstUlps(f: (x: number) => number, g: (x: number) => number, gen: (u: number) => number, n = 50_000): number {
  let state = 12345;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const x = gen(state / 2 ** 32);
    const a = f(x), b = g(x);
    const d = Object.is(a, b) ? 0 : Math.abs(a - b) / ulp(b);
    if (!(d <= worst)) worst = d; // NaN against a number counts as the worst
  }
  return worst;
}

describe('the engine\'s elementary functions', () => {
  const cases: Array<[string, (x: number) => number, (x: number) => number, (u: number) => number, number]> = [
    ['sin on ±4', dmath.sin, Math.sin, (u) => (u - 0.5) * 8, 1],
    ['cos on ±4', dmath.cos, Math.cos, (u) => (u - 0.5) * 8, 1],
    ['sin on ±100,000', dmath.sin, Math.sin, (u) => (u - 0.5) * 2e5, 2],
    ['cos on ±100,000', dmath.cos, Math.cos, (u) => (u - 0.5) * 2e5, 2],
    ['exp on −745 … 709', dmath.exp, Math.exp, (u) => -745 + u * 1454, 2],
    ['exp into the subnormals', dmath.exp, Math.exp, (u) => -708 - u * 37, 1],
    ['log across every magnitude', dmath.log, Math.log, (u) => 2 ** ((u - 0.5) * 2000), 1],
    ['log near 1', dmath.log, Math.log, (u) => 1 + (u - 0.5) * 0.01, 1],
    ['log of subnormals', dmath.log, Math.log, (u) => u * 1e-310, 1],
    ['atan2(y, 0.37)', (y) => dmath.atan2(y, 0.37), (y) => Math.atan2(y, 0.37), (u) => (u - 0.5) * 20, 4],
    ['atan2 in every quadrant', (t) => dmath.atan2(Math.sin(7 * t), Math.cos(3 * t)), (t) => Math.atan2(Math.sin(7 * t), Math.cos(3 * t)), (u) => u * 10, 4],
  ];
  for (const [name, f, g, gen, limit] of cases) {
    it(`${name}: within ${limit} ulp of Math`, () => {
      expect(worstUlps(f, g, gen)).toBeLessThanOrEqual(limit);
    });
  }

  it('follows Math on NaN, infinities, zeros and the ends of the range', () => {
    const specials = [0, -0, Infinity, -Infinity, NaN, 1, -1, 5e-324, 1e308, 709.78, -745.1];
    for (const x of specials) {
      for (const [name, f, g] of [['sin', dmath.sin, Math.sin], ['cos', dmath.cos, Math.cos], ['exp', dmath.exp, Math.exp], ['log', dmath.log, Math.log]] as const) {
        if (name !== 'exp' && Math.abs(x) === 1e308) continue; // past the exact reduction: bounded, not accurate (below)
        const a = f(x), b = g(x);
        expect(Object.is(a, b) || (b !== 0 && Math.abs(a - b) <= 2 * ulp(b)), `${name}(${x}) = ${a}, Math: ${b}`).toBe(true);
      }
      for (const y of specials) {
        const a = dmath.atan2(y, x), b = Math.atan2(y, x);
        expect(Object.is(a, b) || (b !== 0 && Math.abs(a - b) <= 4 * ulp(b)), `atan2(${y}, ${x}) = ${a}, Math: ${b}`).toBe(true);
      }
    }
    for (const x of [1e7, -3e9, 1e300]) for (const f of [dmath.sin, dmath.cos]) expect(Math.abs(f(x))).toBeLessThanOrEqual(1);
  });

  it('gives pinned bits: the same on every platform (changes only when sim/math.ts does)', () => {
    expect(mathChecksum(dmath)).toBe('aad5ae7f');
  });

  it('are the only ones the engine calls: no Math.cos, Math.log… left in sim/ but two that cannot change a result', () => {
    // Allowed: the ring search's cell size (a speed choice: test/kernel.test.ts checks results across
    // cell sizes) and the analytic bullwhip formula (compared with a tolerance).
    const allowed = new Map([['sim/kernel/topological.ts', 2], ['sim/supply/bullwhip.ts', 2]]);
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const found: string[] = [];
    for (const file of files('sim')) {
      const calls = readFileSync(file, 'utf8').match(/Math\.(cos|sin|tan|acos|asin|atan2?|exp|expm1|log|log1p|log2|log10|pow|cbrt|sinh|cosh|tanh|asinh|acosh|atanh)\(/g) ?? [];
      if (calls.length !== (allowed.get(file) ?? 0)) found.push(`${file}: ${calls.join(' ')}`);
    }
    expect(found).toEqual([]);
  });
});
