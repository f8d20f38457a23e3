import { describe, expect, it } from 'vitest';
import { SCENARIOS, shippedScenario } from '../sim/model/catalog.ts';
import { Simulation } from '../sim/model/simulation.ts';
import { resolveScenario, toRaw } from '../sim/model/scenario.ts';
import { restore, snapshot, stateHash } from '../sim/model/snapshot.ts';

describe('save and restore', () => {
  it('every shipped scenario round-trips through its raw form', () => {
    for (const name of Object.keys(SCENARIOS)) {
      const s = shippedScenario(name);
      expect(resolveScenario(toRaw(s))).toEqual(s);
    }
  });

  for (const mode of ['hierarchical', 'spontaneous', 'hybrid'] as const) {
    it(`a ${mode} run restored mid-way continues bit-identically`, () => {
      const scenario = shippedScenario('false-alarm-storm', ['run.horizon=40']);
      const a = new Simulation(scenario, { mode, seed: 3, lambda: 0.3 });
      while (a.time < 13) a.step();
      const snap = JSON.parse(JSON.stringify(snapshot(a)));
      const b = restore(snap);
      expect(stateHash(b)).toBe(stateHash(a));
      while (!a.done) {
        a.step();
        b.step();
      }
      expect(stateHash(b)).toBe(stateHash(a));
      expect(b.metrics()).toEqual(a.metrics());
    });
  }

  it('refuses old versions, other files and edited snapshots with a clear message', () => {
    const sim = new Simulation(shippedScenario('local-glitch', ['run.horizon=10']), { mode: 'spontaneous', seed: 1 });
    for (let k = 0; k < 20; k++) sim.step();
    const snap = snapshot(sim);
    expect(() => restore({ ...snap, version: 0 })).toThrow(/version 0 is not supported .* re-run the simulation/);
    expect(() => restore({ hello: 1 })).toThrow(/not a Starling snapshot/);
    expect(() => restore([])).toThrow(/not a Starling snapshot/);
    expect(() => restore({ ...snap, stateHash: 'deadbeef' })).toThrow(/does not match the saved fingerprint/);
    expect(() => restore({ ...snap, scenario: { ...snap.scenario, hierarchy: { layers: 0 } } })).toThrow(/snapshot\.scenario is invalid:[\s\S]*hierarchy\.layers: 0 is below the minimum 1/);
    expect(() => restore({ ...snap, tick: 1e9 })).toThrow(/snapshot\.tick/);
  });
});
