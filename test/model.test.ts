import { describe, expect, it } from 'vitest';
import { SCENARIOS, shippedScenario } from '../sim/model/catalog.ts';
import { Simulation } from '../sim/model/simulation.ts';
import { runScenario } from '../sim/model/runner.ts';
import { resolveScenario } from '../sim/model/scenario.ts';
import { applyOverrides } from '../sim/model/overrides.ts';
import { MODES } from '../sim/model/params.ts';
import { flockHash } from './helpers/hash.ts';

const short = (name: string) => shippedScenario(name, ['run.horizon=60']);

describe('every shipped scenario runs in every mode', () => {
  for (const name of Object.keys(SCENARIOS)) {
    it(name, () => {
      const s = short(name);
      for (const mode of MODES) {
        const { metrics: m, series } = runScenario(s, { mode, seed: 3, series: true });
        for (const k of ['T_det', 'T_team', 'T50', 'T90'] as const) {
          expect(Number.isFinite(m[k].value), `${mode} ${k}`).toBe(true);
          expect(m[k].value).toBeGreaterThanOrEqual(0);
          if (m[k].censored) expect(m[k].value).toBeCloseTo(60 - Math.min(...s.shocks.filter((x) => !x.falseAlarm).map((x) => x.onset)), 9);
        }
        expect(m.T50.value).toBeLessThanOrEqual(m.T90.value + 1e-9);
        for (const v of [m.loss, m.messages, m.attention_hours, m.over_response, m.final_recovery]) expect(Number.isFinite(v)).toBe(true);
        for (const p of series!) {
          expect(p.recovery).toBeGreaterThanOrEqual(-1e-12);
          expect(p.recovery).toBeLessThanOrEqual(1 + 1e-12);
          expect(p.informed + p.committed + p.engaged).toBeLessThanOrEqual(s.firms.reduce((a, f) => a + f.headcount, 0));
        }
        // Metrics agree with the series: recovery reaches 50% at T50 (when not censored).
        if (!m.T50.censored) {
          const onset = Math.min(...s.shocks.filter((x) => !x.falseAlarm).map((x) => x.onset));
          const after = series!.filter((p) => p.t >= onset + m.T50.value);
          expect(after[0].recovery).toBeGreaterThanOrEqual(0.5 - 1e-9);
        }
      }
    });
  }
});

describe('determinism and pairing', () => {
  it('same scenario + seed + mode ⇒ identical metrics and series; another seed differs', () => {
    const s = short('drug-shortage');
    const a = runScenario(s, { mode: 'spontaneous', seed: 9, series: true });
    const b = runScenario(s, { mode: 'spontaneous', seed: 9, series: true });
    expect(b).toEqual(a);
    const c = runScenario(s, { mode: 'spontaneous', seed: 10, series: true });
    expect(c.metrics.T50.value).not.toBe(a.metrics.T50.value);
  });
  it('pins a golden result of the default scenario (changes only when the model changes)', () => {
    const m = runScenario(short('drug-shortage'), { mode: 'hierarchical', seed: 1 }).metrics;
    expect({ T50: m.T50.value.toFixed(1), messages: m.messages }).toMatchInlineSnapshot(`
      {
        "T50": "31.2",
        "messages": 32,
      }
    `);
  });
  it('paired modes share people and starting positions; the state is identical until the shock', () => {
    const s = short('drug-shortage');
    const h = new Simulation(s, { mode: 'hierarchical', seed: 4 });
    const sa = new Simulation(s, { mode: 'spontaneous', seed: 4 });
    expect(Array.from(sa.eco.people.skill)).toEqual(Array.from(h.eco.people.skill));
    expect(Array.from(sa.eco.people.spanner)).toEqual(Array.from(h.eco.people.spanner));
    const onsetTicks = Math.round(s.shocks[0].onset / s.run.dt);
    for (let k = 0; k < onsetTicks; k++) {
      h.step();
      sa.step();
    }
    expect(flockHash(sa.flock)).toBe(flockHash(h.flock));
  });
  it('hybrid with λ = 0 is exactly the hierarchy', () => {
    const s = short('drug-shortage');
    const h = runScenario(s, { mode: 'hierarchical', seed: 2 }).metrics;
    const y = runScenario(s, { mode: 'hybrid', lambda: 0, seed: 2 }).metrics;
    expect({ ...y, mode: 'hierarchical' }).toEqual(h);
  });
  it('raising λ only adds connected people (boundary spanners first)', () => {
    const s = short('drug-shortage');
    const low = new Simulation(s, { mode: 'hybrid', lambda: 0.1, seed: 5 }).eco.people;
    const high = new Simulation(s, { mode: 'hybrid', lambda: 0.3, seed: 5 }).eco.people;
    for (let id = 0; id < low.n; id++) if (low.connected[id]) expect(high.connected[id]).toBe(1);
    const spannersConnected = Array.from(low.spanner).filter((v, id) => v && low.connected[id]).length;
    expect(spannersConnected).toBe(Math.min(Array.from(low.spanner).filter(Boolean).length, Math.round(0.1 * low.n)));
  });
});

describe('mechanisms', () => {
  it('a local glitch is fixed by the front line without escalation', () => {
    // Without the routine-problem stream, whose cross-firm problems do escalate.
    const m = runScenario(shippedScenario('local-glitch', ['problems.rate=0']), { mode: 'hierarchical', seed: 1 }).metrics;
    expect(m.messages).toBe(0);
    expect(m.T50.censored).toBe(false);
    expect(m.T50.value).toBeLessThan(5);
  });
  it('thresholds never reached are censored at the horizon, never 0 or NaN', () => {
    const s = shippedScenario('drug-shortage', ['run.horizon=5']);
    const m = runScenario(s, { mode: 'hierarchical', seed: 1 }).metrics;
    expect(m.T50).toEqual({ value: 3, censored: true });
    expect(m.T90.censored).toBe(true);
  });
  it('a longer batch period delays the hierarchy but not spontaneous association', () => {
    const t = (sets: string[], mode: 'hierarchical' | 'spontaneous') => runScenario(shippedScenario('drug-shortage', sets), { mode, seed: 1 }).metrics.T50.value;
    expect(t(['hierarchy.batchPeriod=48'], 'hierarchical')).toBeGreaterThan(t(['hierarchy.batchPeriod=1'], 'hierarchical'));
    expect(t(['hierarchy.batchPeriod=48'], 'spontaneous')).toBe(t(['hierarchy.batchPeriod=1'], 'spontaneous'));
  });
  it('the shared space spends attention; the hierarchy sends messages up and across', () => {
    const s = shippedScenario('drug-shortage');
    const h = runScenario(s, { mode: 'hierarchical', seed: 1 }).metrics;
    const sa = runScenario(s, { mode: 'spontaneous', seed: 1 }).metrics;
    expect(h.attention_hours).toBe(0);
    expect(sa.attention_hours).toBeGreaterThan(0);
    expect(h.messages).toBeGreaterThan(5);
  });
  it('shared end-demand damps the bullwhip at the top tier', () => {
    const s = shippedScenario('drug-shortage', ['run.horizon=2000', 'run.stopWhenResolved=false']);
    const h = runScenario(s, { mode: 'hierarchical', seed: 1 }).metrics.bullwhip;
    const sa = runScenario(s, { mode: 'spontaneous', seed: 1 }).metrics.bullwhip;
    expect(h.length).toBe(4);
    expect(sa[3]).toBeLessThan(h[3]);
  });
});

describe('scenario validation: clear errors, nothing runs', () => {
  const base = SCENARIOS['drug-shortage'];
  const bad = (sets: string[]) => () => resolveScenario(applyOverrides(base, sets));
  it('names the path, the value and the allowed range', () => {
    expect(bad(['firms[2].layers=0'])).toThrow(/firms\[2\]\.layers: 0 is below the minimum 1/);
    expect(bad(['hierarchy.batchPeriod=-1'])).toThrow(/hierarchy\.batchPeriod: -1 is below the minimum 0/);
    expect(bad(['shared.lambda=2'])).toThrow(/shared\.lambda: 2 is above the maximum 1/);
    expect(bad(['hierarchy.channel="smoke"'])).toThrow(/hierarchy\.channel: "smoke" is not one of contracted, adjacent/);
  });
  it('suggests the parameter meant', () => {
    expect(bad(['hierarchy.batchPeriode=3'])).toThrow(/hierarchy\.batchPeriode: unknown parameter \(did you mean "batchPeriod"\?\)/);
  });
  it('checks cross-field rules', () => {
    expect(bad(['shocks[0].owner=9'])).toThrow(/shocks\[0\]\.owner: 9 is not a firm/);
    expect(bad(['shocks[0].falseAlarm=true'])).toThrow(/every shock is a false alarm/);
    expect(bad(['run.horizon=1'])).toThrow(/shocks\[0\]\.onset: 2 h is not before the horizon 1 h/);
  });
  it('refuses prototype keys in --set paths', () => {
    expect(() => applyOverrides(base, ['__proto__.polluted=1'])).toThrow(/not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('exported JSON Schema', () => {
  it('scenarios/scenario.schema.json is up to date with the declarations', async () => {
    const { readFileSync } = await import('node:fs');
    const { scenarioJsonSchema } = await import('../sim/model/jsonSchema.ts');
    expect(JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8'))).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });
});

describe('stories', () => {
  it('every shipped story is valid', async () => {
    const { STORIES } = await import('../sim/model/stories.ts');
    const { resolveStory } = await import('../sim/model/story.ts');
    for (const [name, raw] of Object.entries(STORIES)) expect(resolveStory(raw, SCENARIOS, name).scenes.length).toBeGreaterThan(2);
  });
  it('a bad story gets clear errors naming the scene and the field', async () => {
    const { resolveStory } = await import('../sim/model/story.ts');
    const story = { name: 'x', title: 'X', scenario: 'drug-shortage', scenes: [{ title: 'a', caption: 'b', set: { 'hierarchy.layers': 0 } }, { title: 'c', caption: 'd', runUntil: 'T75' }] };
    expect(() => resolveStory(story, SCENARIOS)).toThrow(/scenes\[1\]\.runUntil/);
    story.scenes[1].runUntil = 'T50';
    expect(() => resolveStory(story, SCENARIOS)).toThrow(/scenes\[0\]: hierarchy\.layers: 0 is below the minimum 1/);
    expect(() => resolveStory({ ...story, scenario: 'nope' }, SCENARIOS)).toThrow(/scenario: "nope" is not a shipped scenario/);
    expect(() => resolveStory({ ...story, scenes: [{ title: 'a', caption: 'b', pannes: [] }] }, SCENARIOS)).toThrow(/scenes\[0\]\.pannes: unknown parameter \(did you mean "panes"\?\)/);
  });
});

describe('stop when resolved (run.stopWhenResolved)', () => {
  const withoutBullwhip = (m: ReturnType<Simulation['metrics']>) => ({ ...m, bullwhip: undefined });
  const cases: Array<[string, string[]]> = [
    ['drug-shortage', []],
    ['false-alarm-storm', []],
    ['supplier-collapse', ['problems.rate=0.2']],
  ];
  for (const [name, set] of cases) {
    it(`${name}: every metric but the bullwhip equals a run to the horizon, in every mode`, () => {
      let stoppedEarly = 0;
      for (const mode of ['hierarchical', 'spontaneous', 'hybrid'] as const) {
        for (const seed of [1, 2]) {
          const scenario = resolveScenario(applyOverrides(SCENARIOS[name], set));
          const stopped = new Simulation(scenario, { mode, seed });
          const full = new Simulation(scenario, { mode, seed, stopWhenResolved: false });
          const a = stopped.run();
          const b = full.run();
          expect(full.tick).toBe(full.ticks);
          if (stopped.tick < stopped.ticks) stoppedEarly++;
          expect(withoutBullwhip(a)).toEqual(withoutBullwhip(b));
          expect(a.bullwhip).toEqual([]);
          expect(b.bullwhip.length).toBeGreaterThan(0);
        }
      }
      // The comparison means something only if runs did stop before the horizon.
      expect(stoppedEarly).toBeGreaterThan(0);
    });
  }
});
