/**
 * The platform-free half of sweeps (sim/experiment): experiment validation, designs, paired seeds,
 * run ids and shards, tables and statistics — in process, fast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ValidationError } from '../sim/params/errors.ts';
import { parseExperiment, rangeValues } from '../sim/experiment/schema.ts';
import { deriveSeed, expandDesign, inShard, parseShard, planExperiment, runsOf, canonicalJson, seriesPlan } from '../sim/experiment/plan.ts';
import { sortRecords, type RunRecord } from '../sim/experiment/records.ts';
import { cell, runsTable, toCsv } from '../src/results/tables.ts';

const runsCsv = (plan: Parameters<typeof runsTable>[0], sorted: RunRecord[]) => toCsv(runsTable(plan, sorted, 4));
import { summarisePoints } from '../sim/experiment/summary.ts';
import { runScenario } from '../sim/model/runner.ts';
import { resolveScenario as resolve } from '../sim/model/scenario.ts';

const BASE = JSON.parse(readFileSync(new URL('../scenarios/drug-shortage.json', import.meta.url), 'utf8'));

function problems(raw: unknown): string[] {
  try {
    parseExperiment(raw, 'x.json');
  } catch (err) {
    if (err instanceof ValidationError) return err.problems;
    throw err;
  }
  return [];
}

describe('experiment files', () => {
  it('fills defaults; scalars in vary are held; ranges with steps become lists', () => {
    const e = parseExperiment({ vary: { 'hierarchy.layers': 5, 'hierarchy.load': { min: 0.2, max: 0.8, steps: 4 }, 'hierarchy.span': { min: 2, max: 9, steps: 3 } } }, 'x.json', 'x');
    expect(e).toMatchObject({ name: 'x', scenario: 'drug-shortage', modes: ['hierarchical', 'spontaneous'], replicates: 20, seed: 1, design: { type: 'grid' }, series: null });
    expect(e.set).toEqual([['hierarchy.layers', 5]]);
    expect(e.vary).toEqual([
      { path: 'hierarchy.load', kind: 'values', values: [0.2, 0.4, 0.6, 0.8] },
      { path: 'hierarchy.span', kind: 'values', values: [2, 6, 9] },
    ]);
    expect(rangeValues(1, 100, 3, true, false)).toEqual([1, 10, 100]);
  });

  it('names the field, the value and the fix for each problem', () => {
    expect(problems({ vary: { 'hierarchy.batchPerod': [1] } })[0]).toMatch(/did you mean "hierarchy\.batchPeriod"/);
    expect(problems({ vary: { batchPeriod: [1] } })[0]).toMatch(/did you mean "hierarchy\.batchPeriod"/);
    expect(problems({ vary: { 'hierarchy.load': [1.5] } })[0]).toBe('vary.hierarchy.load[0]: 1.5 is above the maximum 0.95 utilisation; use a value in 0…0.95');
    expect(problems({ vary: { 'hierarchy.layers': [2.5] } })[0]).toBe('vary.hierarchy.layers[0]: 2.5 must be a whole number');
    expect(problems({ vary: { 'hierarchy.channel': ['postal'] } })[0]).toMatch(/"postal" is not one of contracted, adjacent/);
    expect(problems({ vary: { 'hierarchy.load': [0.1, 0.1] } })[0]).toMatch(/0\.1 appears twice/);
    expect(problems({ vary: { 'hierarchy.load': { min: 0.8, max: 0.2, steps: 3 } } })[0]).toMatch(/min 0\.8 is above max 0\.2; swap them/);
    expect(problems({ vary: { seed: [1, 2] } })[0]).toMatch(/cannot be set by an experiment/);
    expect(problems({ set: { 'hierarchy.load': 0.5 }, vary: { 'hierarchy.load': [0.1] } })[0]).toMatch(/also given in "set"/);
    expect(problems({ design: { type: 'latin-hypercube' }, vary: { 'hierarchy.load': { min: 0, max: 0.9 } } })[0]).toMatch(/design\.points: missing/);
    expect(problems({ design: 'fancy' })[0]).toMatch(/"fancy" is not a design/);
    expect(problems({ design: 'sobol' })[0]).toMatch(/"sobol" needs its settings; .*\{"type": "sobol", "samples": N\}/);
    expect(problems({ modes: ['hierarchical', 'hybrid:2'] })[0]).toMatch(/modes\[1\]: hybrid λ "2" must be a number between 0 and 1/);
    expect(problems({ modes: ['spontaneous', 'spontaneous'] })[0]).toMatch(/appears twice/);
    expect(problems({ series: { every: 1, fields: ['recovery', 'mood'] } })[0]).toMatch(/series\.fields\[1\]: "mood" is not one of recovery, coverage/);
    expect(problems({ replicates: 0 })[0]).toMatch(/replicates: 0 is below the minimum 1/);
    expect(problems({ vary: { 'hierarchy.load': [0.1] }, replicats: 3 })[0]).toMatch(/replicats: unknown parameter/);
  });

  it('refuses a series interval that the scenario does not sample, at plan time', () => {
    const e = parseExperiment({ replicates: 1, series: { every: 1.5 } }, 'x.json');
    expect(() => planExperiment(e, BASE, 'x.json')).toThrow(/series\.every: 1\.5 h is not a multiple of the scenario's sampling interval 1 h/);
    const ok = planExperiment(parseExperiment({ replicates: 1, series: { every: 4, fields: ['coverage'] } }, 'x.json'), BASE);
    expect(seriesPlan(ok)).toEqual({ fields: ['coverage', 'recovery'], strides: [4] });
  });
});

describe('designs', () => {
  it('a grid enumerates every combination, the first parameter slowest', () => {
    const e = parseExperiment({ vary: { 'hierarchy.batchPeriod': [0, 8, 24], 'hierarchy.channel': ['contracted', 'adjacent'] } }, 'x');
    const pts = expandDesign(e);
    expect(pts.map((p) => Object.values(p.values))).toEqual([
      [0, 'contracted'], [0, 'adjacent'], [8, 'contracted'], [8, 'adjacent'], [24, 'contracted'], [24, 'adjacent'],
    ]);
  });

  it('a Latin hypercube puts exactly one point in each stratum of each parameter, reproducibly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
        const e = parseExperiment({ design: { type: 'latin-hypercube', points: n, seed }, vary: { 'hierarchy.load': { min: 0, max: 0.9 }, 'shock.rMax': { min: 1, max: 100, log: true } } }, 'x');
        const pts = expandDesign(e);
        expect(expandDesign(e)).toEqual(pts);
        const strataA = pts.map((p) => Math.floor(((p.values['hierarchy.load'] as number) / 0.9) * n));
        const strataB = pts.map((p) => Math.floor((Math.log(p.values['shock.rMax'] as number) / Math.log(100)) * n));
        expect(new Set(strataA).size).toBe(n);
        expect(new Set(strataB).size).toBe(n);
      }),
      { numRuns: 40 },
    );
  });

  it('random and integer ranges stay inside their bounds', () => {
    const e = parseExperiment({ design: { type: 'random', points: 200 }, vary: { 'hierarchy.span': { min: 2, max: 7 }, 'hierarchy.batchPeriod': [0, 8] } }, 'x');
    const spans = expandDesign(e).map((p) => p.values['hierarchy.span'] as number);
    expect(spans.every((v) => Number.isInteger(v) && v >= 2 && v <= 7)).toBe(true);
    expect(new Set(spans).size).toBe(6);
  });
});

describe('seeds, run ids and shards', () => {
  const e = parseExperiment({ vary: { 'hierarchy.batchPeriod': [0, 8, 24] }, modes: ['hierarchical', 'spontaneous', 'hybrid:0.2'], replicates: 5, seed: 3 }, 'x');
  const plan = planExperiment(e, BASE);

  it('seeds depend only on (experiment seed, point, replicate) and are shared by the modes of a pair', () => {
    expect(plan.seeds[1][2]).toBe(deriveSeed(3, 1, 2));
    expect(new Set(plan.seeds.flat()).size).toBe(15);
    const runs = runsOf(plan);
    expect(runs).toHaveLength(45);
    expect(runs.slice(0, 3).map((r) => [r.id, r.seed])).toEqual([
      ['p0-r0-hierarchical', plan.seeds[0][0]],
      ['p0-r0-spontaneous', plan.seeds[0][0]],
      ['p0-r0-hybrid:0.2', plan.seeds[0][0]],
    ]);
    const common = planExperiment(parseExperiment({ vary: { 'hierarchy.batchPeriod': [0, 8] }, replicates: 2, seeds: 'common' }, 'x'), BASE);
    expect(common.seeds[0]).toEqual(common.seeds[1]);
  });

  it('shards partition the runs exactly, keeping the modes of a pair together', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (n) => {
        const all = runsOf(plan).map((r) => r.id);
        const parts = Array.from({ length: n }, (_, k) => runsOf(plan, { k: k + 1, n }).map((r) => r.id));
        expect(parts.flat().sort()).toEqual([...all].sort());
        for (const part of parts) expect(part.length % 3).toBe(0);
        for (let p = 0; p < 3; p++) for (let r = 0; r < 5; r++) expect(Array.from({ length: n }, (_, k) => inShard(plan, p, r, { k: k + 1, n })).filter(Boolean)).toHaveLength(1);
      }),
    );
  });

  it('parses k/n and refuses impossible shards with the fix', () => {
    expect(parseShard('2/5')).toEqual({ k: 2, n: 5 });
    expect(() => parseShard('3/2')).toThrow('--shard 3/2: shard 3 does not exist when there are 2; k must be from 1 to 2 (e.g. --shard 2/2)');
    expect(() => parseShard('0/2')).toThrow(/k must be from 1 to 2/);
    expect(() => parseShard('1/0')).toThrow(/n must be from 1/);
    expect(() => parseShard('a/b')).toThrow(/is not k\/n/);
  });

  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 }));
  });
});

describe('tables', () => {
  it('CSV cells: 8 significant digits without trailing zeros, integers intact, quoting', () => {
    expect(cell(0.30000000000000004)).toBe('0.3');
    expect(cell(12000000.4)).toBe('12000000');
    expect(cell(100)).toBe('100');
    expect(cell(1e-7)).toBe('1e-7');
    expect(cell(true)).toBe('TRUE');
    expect(cell('a,b')).toBe('"a,b"');
    expect(cell(undefined)).toBe('');
  });

  it('rows and summaries do not depend on the order runs finished in', () => {
    const e = parseExperiment({ set: { 'ecosystem.headcount': 12, 'ecosystem.customerHeadcount': 6 }, vary: { 'hierarchy.batchPeriod': [0, 8] }, replicates: 3, horizon: 30 }, 'x');
    const plan = planExperiment(e, BASE);
    const records: RunRecord[] = runsOf(plan).map((r) => {
      const scenario = (() => {
        const raw = structuredClone(BASE);
        raw.run = { horizon: 30 };
        raw.ecosystem = { headcount: 12, customerHeadcount: 6 };
        raw.hierarchy = { batchPeriod: plan.points[r.point].values['hierarchy.batchPeriod'] };
        return raw;
      })();
      return { id: r.id, point: r.point, replicate: r.replicate, mode: r.label, seed: r.seed, metrics: runScenario(resolve(scenario), { mode: plan.modes[r.mode].mode, seed: r.seed }).metrics };
    });
    const shuffled = [...records].reverse();
    expect(runsCsv(plan, sortRecords(plan, shuffled))).toBe(runsCsv(plan, sortRecords(plan, records)));
    const s = summarisePoints(plan, sortRecords(plan, shuffled));
    expect(s.map((x) => [x.point, x.mode])).toEqual([[0, 'hierarchical'], [0, 'spontaneous'], [1, 'hierarchical'], [1, 'spontaneous']]);
    expect(s[1].metrics.T50.saving?.pairs).toBe(3);
    expect(s[0].metrics.T50.saving).toBeUndefined();
  });
});
