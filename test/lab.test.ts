/**
 * The lab's platform-free parts, in Node: every lab control changes the run it drives (the e2e test
 * checks that each control in the page reaches the worker), the ecosystem editor's scenario edits, the
 * typed-value check, the mode codec and the lab's CSV exports.
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { Twin, type TwinConfig } from '../src/web/twin.ts';
import { DEFAULT_SCENARIO_NAME, SCENARIOS } from '../sim/model/catalog.ts';
import { stateHash } from '../sim/model/snapshot.ts';
import { resolveScenario } from '../sim/model/scenario.ts';
import { PARAMS } from '../sim/model/params.ts';
import { checkInput } from '../sim/params/declare.ts';
import { parseMode, printMode, modeLabel } from '../sim/model/runner.ts';
import { runPaired } from '../sim/model/runner.ts';
import { addFirm, differences, moveHome, removeFirm, setFirm, setShock, setTrust } from '../src/web/scenarioEdits.ts';
import { labCsv, seedsCsv } from '../src/results/labExport.ts';
import { labParams, otherValue, SCENARIO_FOR } from './helpers/controlValues.ts';

const raw = () => structuredClone(SCENARIOS[DEFAULT_SCENARIO_NAME]) as Record<string, unknown>;
const PANES: Array<TwinConfig['panes']> = [[{ mode: 'hierarchical' }, { mode: 'spontaneous' }], [{ mode: 'hierarchical' }, { mode: 'hybrid' }]];
const HOURS = 80;

/** What the lab shows of a run after HOURS: both twins' state, metrics (incl. bullwhip) and series. */
function fingerprint(t: Twin): string {
  while (t.time < HOURS - 1e-9 && !t.done) t.advance(10);
  return JSON.stringify([t.sims.map((s) => stateHash(s)), t.sims.map((s) => s.metrics()), t.sims.map((s) => s.series())]);
}

describe('every lab control changes the run', () => {
  const bases = new Map<string, string>();
  const base = (name: string, k: number) => {
    const key = `${name}/${k}`;
    if (!bases.has(key)) bases.set(key, fingerprint(new Twin({ raw: SCENARIOS[name] as Record<string, unknown>, seed: 1, panes: PANES[k] })));
    return bases.get(key)!;
  };
  it('each declared lab parameter, moved inside its range, changes what the lab shows within 80 h (in the default panes or the hybrid pane)', () => {
    const inert: string[] = [];
    for (const { path, decl } of labParams()) {
      const value = otherValue(path, decl);
      const name = SCENARIO_FOR[path] ?? DEFAULT_SCENARIO_NAME;
      const changed = [0, 1].some((k) => {
        const t = new Twin({ raw: SCENARIOS[name] as Record<string, unknown>, seed: 1, panes: PANES[k] });
        t.enqueue({ kind: 'set', path, value });
        t.advance(0);
        return fingerprint(t) !== base(name, k);
      });
      if (!changed) inert.push(`${path}=${String(value)}`);
    }
    expect(inert).toEqual([]);
  }, 120_000);

  it('the check can fail: setting a parameter to its own value changes nothing', () => {
    const t = new Twin({ raw: raw(), seed: 1, panes: PANES[0] });
    t.enqueue({ kind: 'set', path: 'hierarchy.batchPeriod', value: PARAMS.hierarchy.batchPeriod.default });
    t.advance(0);
    expect(fingerprint(t)).toBe(base(DEFAULT_SCENARIO_NAME, 0));
  }, 30_000);

  it('a hybrid pane follows the hybrid share (λ): 0.2 and 0.9 give different runs, labelled with their λ', () => {
    const run = (lambda: number) => {
      const t = new Twin({ raw: { ...raw(), shared: { lambda } }, seed: 1, panes: PANES[1] });
      return { label: modeLabel({ mode: t.sims[1].mode, lambda: t.sims[1].lambda }), fp: fingerprint(t) };
    };
    const a = run(0.2);
    const b = run(0.9);
    expect([a.label, b.label]).toEqual(['hybrid:0.2', 'hybrid:0.9']);
    expect(a.fp).not.toBe(b.fp);
  }, 30_000);

  it('the lab leaves out what cannot act in it (the stop condition: the lab always runs on)', () => {
    expect(labParams().map((p) => p.path)).not.toContain('run.stopWhenResolved');
    for (const { path, decl } of labParams()) {
      expect(decl.label, path).toBeTruthy();
      expect(decl.help, path).toMatch(/\.$/);
      expect(decl.section, path).toBeTruthy();
    }
  });
});

describe('typed values are checked against the declared range, not the slider', () => {
  it('accepts the whole declared range and names it otherwise', () => {
    expect(checkInput(PARAMS.hierarchy.batchPeriod, '168')).toEqual({ ok: true, value: 168 });
    expect(checkInput(PARAMS.ecosystem.headcount, '2000')).toEqual({ ok: true, value: 2000 });
    expect(checkInput(PARAMS.hierarchy.batchPeriod, '9999')).toEqual({ ok: false, message: '9999 is outside the allowed 0 to 168 h; the run is unchanged.' });
    expect(checkInput(PARAMS.ecosystem.trustAdjacent, '5')).toMatchObject({ ok: false, message: expect.stringMatching(/outside the allowed 0 to 1/) });
    expect(checkInput(PARAMS.hierarchy.layers, '2.5')).toMatchObject({ ok: false, message: expect.stringMatching(/Whole numbers only, from 1 to 10 layers/) });
    expect(checkInput(PARAMS.hierarchy.layers, 'abc')).toMatchObject({ ok: false, message: expect.stringMatching(/Type a number/) });
    expect(checkInput(PARAMS.hierarchy.channel, 'adjacent')).toEqual({ ok: true, value: 'adjacent' });
  });
});

describe('the mode codec', () => {
  it('round-trips and refuses what is not a mode', () => {
    for (const t of ['hierarchical', 'spontaneous', 'hybrid', 'hybrid:0.3']) expect(printMode(parseMode(t))).toBe(t);
    expect(() => parseMode('hybrid:2')).toThrow(/between 0 and 1/);
    expect(() => parseMode('spontaneous:0.2')).toThrow(/only hybrid takes a λ/);
    expect(() => parseMode('swarm')).toThrow(/not a mode/);
    expect(() => parseMode('hybrid:')).toThrow(/between 0 and 1/);
  });
});

describe('the ecosystem editor', () => {
  const s0 = resolveScenario(raw());
  it('adds a sixth firm before the customers, keeping the shock on its firm and the trust matrix square', () => {
    const withTrust = setTrust(raw(), s0, 3, 2, 0.9);
    const added = addFirm(withTrust, s0, 'distributor', 'Wholesaler');
    const s = resolveScenario(added);
    expect(s.firms.map((f) => f.name)).toEqual(['Supplier', 'Manufacturer', 'Distributor', 'Retailer', 'Wholesaler', 'Customer']);
    expect(s.trust.length).toBe(6);
    expect(s.trust.every((row) => row.length === 6)).toBe(true);
    expect(s.trust[3][2]).toBe(0.9);
    expect(s.trust[2][3]).toBe(0.9);
    expect(s.firms[s.shocks[0].owner].name).toBe('Retailer');
    expect(differences(s, s0)).toEqual(expect.arrayContaining(['Firms added: Wholesaler', 'Trust Distributor – Retailer: 0.6 → 0.9']));
  });
  it('refuses to remove the firm a shock hits, and renumbers shocks when another firm goes', () => {
    expect(() => removeFirm(raw(), s0, 3)).toThrow(/Retailer is the firm shock 1 hits/);
    const s = resolveScenario(removeFirm(raw(), s0, 0));
    expect(s.firms.length).toBe(4);
    expect(s.firms[s.shocks[0].owner].name).toBe('Retailer');
  });
  it('moves a shock to another firm (its label and place follow), renames a firm and moves a home', () => {
    let r = setShock(raw(), s0, 0, 'owner', 1);
    r = setShock(r, s0, 0, 'kind', 'supply-disruption');
    r = setShock(r, s0, 0, 'gap', 250);
    let s = resolveScenario(r);
    expect(s.shocks[0]).toMatchObject({ owner: 1, kind: 'supply-disruption', gap: 250, label: 'Drug shortage at Manufacturer' });
    expect(s.shocks[0].signal).toEqual(s.firms[1].home);
    r = setFirm(r, s, 1, 'name', 'Acme Pharma');
    r = moveHome(r, resolveScenario(r), 1, 12.34, 40);
    s = resolveScenario(r);
    expect(s.firms[1].name).toBe('Acme Pharma');
    expect(s.firms[1].home).toEqual([12.3, 40]);
    expect(differences(s, s0)).toEqual(expect.arrayContaining(['Firms added: Acme Pharma', 'Firms removed: Manufacturer', 'Shock 1: kind demand-spike → supply-disruption', 'Shock 1: size 100 → 250']));
    expect(differences(s0, s0)).toEqual([]);
  });
  it('an invalid edit is refused by the scenario validation, not half-applied', () => {
    const t = new Twin({ raw: raw(), seed: 1, panes: PANES[0] });
    expect(() => t.enqueue({ kind: 'scenario', raw: setFirm(raw(), s0, 0, 'layers', 0) })).toThrow(/firms\[0\]\.layers: 0 is below the minimum 1/);
    expect(t.scenario.firms[0].layers).toBe(4);
  });
});

describe('the lab exports', () => {
  it('the time series and the many-seed CSVs carry the configuration in # lines and parse back', () => {
    const config: TwinConfig = { raw: raw(), seed: 7, panes: PANES[0] };
    const t = new Twin(config);
    t.advance(30);
    const csv = labCsv(config, t.sims.map((s, k) => ({ pane: k ? 'right' : 'left', mode: s.mode, series: s.series() })));
    const header = csv.split('\n').filter((l) => l.startsWith('#'));
    expect(header).toContain('# seed: 7');
    expect(JSON.parse(header.find((l) => l.startsWith('# scenario: '))!.slice(12))).toEqual(config.raw);
    const rows = Papa.parse<Record<string, string>>(csv.split('\n').filter((l) => !l.startsWith('#')).join('\n'), { header: true, skipEmptyLines: true }).data;
    expect(rows.length).toBe(t.sims[0].series().length * 2);
    const runs = runPaired(resolveScenario(raw()), { seeds: [1, 2], modes: PANES[0] }).map((r) => r.metrics);
    const seeds = Papa.parse<Record<string, string>>(seedsCsv(config, runs).split('\n').filter((l) => !l.startsWith('#')).join('\n'), { header: true, skipEmptyLines: true }).data;
    expect(seeds.map((r) => `${r.seed}:${r.mode}`)).toEqual(['1:hierarchical', '1:spontaneous', '2:hierarchical', '2:spontaneous']);
    expect(Number(seeds[1].T50)).toBeCloseTo(runs[1].T50.value, 5);
  }, 30_000);
});
