/**
 * Hostile input (issue: reliability). Thousands of generated and mutated scenario files, experiment
 * files and share links: each either works or is refused with a ValidationError / a clear Error — never
 * another exception, never a hang, never prototype pollution. "Works" means more than validating:
 * every accepted scenario is built into a Simulation in each mode and stepped (anything that passes
 * validation must run).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SCENARIOS } from '../sim/model/catalog.ts';
import { resolveScenario, type Scenario } from '../sim/model/scenario.ts';
import { MODES, PARAMS } from '../sim/model/params.ts';
import type { ParamDecl } from '../sim/params/declare.ts';
import { Simulation } from '../sim/model/simulation.ts';
import { ValidationError } from '../sim/params/errors.ts';
import { parseExperiment } from '../sim/experiment/schema.ts';
import { decodeShare, encodeShare } from '../src/web/share.ts';
import { readFileSync, readdirSync } from 'node:fs';

const protoKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join();
const before = protoKeys();

/** Accept results or our own validation errors; anything else (TypeError, RangeError…) fails the test. */
function tolerant(fn: () => unknown): 'ok' | 'refused' {
  const start = performance.now();
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (err instanceof ValidationError) {
      for (const p of err.problems) expect(p.length).toBeGreaterThan(3);
      return 'refused';
    }
    throw err;
  } finally {
    expect(performance.now() - start).toBeLessThan(5000); // a hang guard, not a speed target
  }
}

/** Accepted means runnable: build the scenario in every mode and step it (a few ticks past its first onset when that is near). */
let built = 0;
function runs(s: Scenario): void {
  const people = s.firms.reduce((a, f) => a + f.headcount, 0);
  const onset = Math.min(...s.shocks.map((x) => x.onset));
  for (const mode of MODES) {
    const sim = new Simulation(s, { mode, seed: 7 });
    // Big worlds get a few ticks (building and stepping them is what could throw); small ones are
    // stepped past the first shock so detection, escalation and the shared space run too.
    const ticks = people > 400 ? 2 : Math.min(sim.ticks, Math.round(onset / s.run.dt) + 30, 200);
    for (let k = 0; k < ticks; k++) sim.step();
    sim.metrics();
    built++;
  }
}
const accept = (input: unknown) => runs(resolveScenario(input));

const evil = fc.oneof(
  fc.constant('__proto__'), fc.constant('constructor'), fc.constant('prototype'), fc.constant('toString'), fc.string({ maxLength: 12 }),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.double(), fc.integer(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1, 0, 2 ** 31), fc.string({ maxLength: 20 }), fc.boolean(), fc.constant(null),
    fc.array(tie('v'), { maxLength: 5 }),
    fc.dictionary(evil, tie('v'), { maxKeys: 5 }),
  ),
})).v;

/** Random mutations of a valid object: replace, delete or add a key at a random depth. */
function mutate(base: unknown, ops: Array<{ pick: number; action: number; key: string; value: unknown }>): unknown {
  const root = structuredClone(base) as Record<string, unknown>;
  for (const op of ops) {
    let cur: Record<string, unknown> = root;
    for (let depth = 0; depth < 4; depth++) {
      const keys = Object.keys(cur);
      if (!keys.length) break;
      const k = keys[op.pick % keys.length];
      const next = cur[k];
      if (next && typeof next === 'object' && (op.pick >> depth) % 2 === 0) cur = next as Record<string, unknown>;
      else {
        if (op.action === 0) cur[k] = op.value;
        else if (op.action === 1) delete cur[k];
        else Object.defineProperty(cur, op.key, { value: op.value, enumerable: true, configurable: true, writable: true });
        break;
      }
    }
  }
  return JSON.parse(JSON.stringify(root));
}
const ops = fc.array(fc.record({ pick: fc.nat(), action: fc.nat({ max: 2 }), key: evil, value }), { minLength: 1, maxLength: 4 });

describe('fuzzing (10,000+ inputs per run)', () => {
  it('4,000 generated scenario documents', () => {
    fc.assert(fc.property(fc.dictionary(fc.oneof(evil, fc.constantFrom('name', 'title', 'firms', 'shocks', 'hierarchy', 'shared', 'ecosystem', 'run', 'trust')), value, { maxKeys: 8 }), (doc) => {
      tolerant(() => accept(JSON.parse(JSON.stringify(doc))));
    }), { numRuns: 4000 });
  });

  it('3,000 mutated shipped scenarios', () => {
    const names = Object.keys(SCENARIOS);
    const counts = { ok: 0, refused: 0 };
    fc.assert(fc.property(fc.nat({ max: names.length - 1 }), ops, (k, o) => {
      counts[tolerant(() => accept(mutate(SCENARIOS[names[k]], o)))]++;
    }), { numRuns: 3000 });
    expect(counts.ok).toBeGreaterThan(50);
    expect(counts.refused).toBeGreaterThan(50);
  });

  it('800 scenarios drawn from the range of every declared parameter, edges and zeros included: each one accepted runs', () => {
    // Cross-field trouble hides at the edges (a zero service time, attention taking all capacity, a
    // step longer than the world): draw each parameter at its min, max, default, zero or anywhere in
    // range, many at once, from the same declarations the schema is generated from.
    const valueOf = (d: ParamDecl) => {
      if (d.kind === 'bool') return fc.boolean();
      if (d.kind === 'enum') return fc.constantFrom(...d.options);
      const inRange = d.integer ? fc.integer({ min: d.min, max: Math.min(d.max, d.min + 200) }) : fc.double({ min: d.min, max: d.max, noNaN: true });
      return fc.oneof(fc.constantFrom(d.min, d.max, d.default, ...(d.min <= 0 && d.max >= 0 ? [0] : [])), inRange);
    };
    const groups = Object.fromEntries(Object.entries(PARAMS).map(([g, decls]) => [g,
      fc.dictionary(fc.constantFrom(...Object.keys(decls)), fc.constant(null), { maxKeys: 6 }).chain((keys) =>
        fc.record(Object.fromEntries(Object.keys(keys).map((k) => [k, valueOf((decls as Record<string, ParamDecl>)[k])])))),
    ]));
    const counts = { ok: 0, refused: 0 };
    fc.assert(fc.property(fc.record(groups), fc.nat({ max: 5 }), (params, k) => {
      const base = SCENARIOS[Object.keys(SCENARIOS)[k % Object.keys(SCENARIOS).length]] as Record<string, unknown>;
      const doc = { ...base, ...Object.fromEntries(Object.entries(params).map(([g, v]) => [g, { ...(base[g] as object), ...v }])) };
      // Keep worlds small enough to step many of them; size limits have their own test.
      const eco = doc.ecosystem as Record<string, number>;
      if (eco.headcount > 60) eco.headcount = 60;
      if (eco.customerHeadcount > 60) eco.customerHeadcount = 60;
      counts[tolerant(() => accept(doc))]++;
    }), { numRuns: Number(process.env.FUZZ_RUNS ?? 800) });
    expect(counts.ok).toBeGreaterThan(Number(process.env.FUZZ_RUNS ?? 800) / 5);
  }, 600_000);

  it('2,000 generated and mutated experiment files', () => {
    const examples = readdirSync('experiments').filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(`experiments/${f}`, 'utf8')));
    fc.assert(fc.property(fc.oneof(value, fc.tuple(fc.nat({ max: examples.length - 1 }), ops).map(([k, o]) => mutate(examples[k], o))), (doc) => {
      tolerant(() => parseExperiment(doc, 'experiment'));
    }), { numRuns: 2000 });
  });

  it('2,000 generated and tampered share links', () => {
    const good = encodeShare({ raw: SCENARIOS['drug-shortage'] as Record<string, unknown>, seed: 1, panes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] });
    const link = fc.oneof(
      fc.string({ maxLength: 300 }).map((s) => `#lab=${s}`),
      fc.tuple(fc.nat({ max: good.length - 1 }), fc.string({ minLength: 1, maxLength: 4 })).map(([at, s]) => `#${good.slice(0, at)}${s}${good.slice(at + s.length)}`),
      fc.tuple(fc.nat(), ops).map(([, o]) => `#${encodeShare(mutate({ raw: SCENARIOS['retail-surge'], seed: 3, panes: [{ mode: 'hierarchical' }, { mode: 'hybrid', lambda: 0.2 }] }, o) as never)}`),
    );
    fc.assert(fc.property(link, (hash) => {
      let config;
      try {
        config = decodeShare(hash);
      } catch (err) {
        expect(err).toBeInstanceOf(Error);
        expect((err as Error).constructor).toBe(Error);
        expect((err as Error).message).toMatch(/share link/);
        return;
      }
      if (config) tolerant(() => accept(config.raw));
    }), { numRuns: 2000 });
    expect(built).toBeGreaterThan(3 * 150); // hundreds of accepted inputs were actually run
  });

  it('no input polluted a prototype', () => {
    expect(protoKeys()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('size limits are clear', () => {
    const big = { ...(SCENARIOS['drug-shortage'] as object), firms: Array.from({ length: 6 }, () => ({ role: 'retailer', headcount: 20000 })) };
    expect(() => resolveScenario(big)).toThrow(/firms: 120000 people in all is above the limit 100000; lower the headcounts/);
    const many = { ...(SCENARIOS['drug-shortage'] as object), firms: Array.from({ length: 13 }, () => ({ role: 'retailer' })) };
    expect(() => resolveScenario(many)).toThrow(/firms: has 13 items, at most 12 allowed/);
    const long = { ...(SCENARIOS['drug-shortage'] as object), run: { horizon: 1e9 } };
    expect(() => resolveScenario(long)).toThrow(/run\.horizon: 1000000000 is above the maximum 100000/);
  });
});
