/**
 * Model II part 2 (spec §9), short versions of `starling validate emergence`: the swarm is causal
 * (ablating cross-firm affinity slows spontaneous association and leaves the hierarchy untouched),
 * teams are where their members are (no drop-out term), the business preset's cohesion transition is
 * located and moves with the attraction radius, and problems arrive as a stream that loads both modes.
 */
import { describe, expect, it } from 'vitest';
import { shippedScenario } from '../sim/model/catalog.ts';
import { problemStream } from '../sim/model/problemStream.ts';
import { runScenario } from '../sim/model/runner.ts';
import { resolveScenario } from '../sim/model/scenario.ts';
import { Simulation } from '../sim/model/simulation.ts';
import { ENGAGED } from '../sim/model/state.ts';
import { pairedSaving } from '../sim/model/stats.ts';
import { cohesionCurve, crossing } from '../sim/validation/cohesion.ts';

const seeds = Array.from({ length: 16 }, (_, k) => k + 1);
const t50s = (sets: string[], mode: 'hierarchical' | 'spontaneous') => seeds.map((seed) => runScenario(shippedScenario('drug-shortage', sets), { mode, seed }).metrics);

describe('the swarm is causal (E1)', () => {
  it('without cross-firm affinity spontaneous association is clearly slower, and the hierarchy is bit-identical', () => {
    const base = t50s([], 'spontaneous');
    const ablated = t50s(['shared.crossFirmAffinity=0'], 'spontaneous');
    const gain = pairedSaving(ablated.map((m) => m.T50), base.map((m) => m.T50));
    expect(gain.estimable).toBe(true);
    expect(gain.saving).toBeGreaterThan(0);
    expect(gain.ci95[0]).toBeGreaterThan(0);
    const h = t50s([], 'hierarchical');
    const hAblated = t50s(['shared.crossFirmAffinity=0'], 'hierarchical');
    expect(hAblated.map((m) => [m.T50.value, m.messages])).toEqual(h.map((m) => [m.T50.value, m.messages]));
  });

  it('an engaged person is always on site: drifting out of the team radius ends engagement (no drop-out term)', () => {
    const s = shippedScenario('drug-shortage');
    const sim = new Simulation(s, { mode: 'spontaneous', seed: 3 });
    let engagedSeen = 0;
    let leftSite = 0;
    const wasEngaged = new Uint8Array(sim.people.n);
    for (let k = 0; k < 400; k++) {
      sim.step();
      for (let id = 0; id < sim.people.n; id++) {
        const target = sim.people.target[id];
        const engaged = sim.people.state[id] === ENGAGED;
        if (engaged) {
          engagedSeen++;
          const [lx, ly] = sim.shocks.specs[target].location;
          expect(Math.hypot(sim.x(id) - lx, sim.y(id) - ly)).toBeLessThanOrEqual(s.shock.teamRadius + 1e-9);
        } else if (wasEngaged[id] && target >= 0) leftSite++;
        wasEngaged[id] = engaged ? 1 : 0;
      }
    }
    expect(engagedSeen).toBeGreaterThan(0);
    expect(leftSite).toBeGreaterThan(0); // people do drift off: the team has to hold them
  });
});

describe('the cohesion transition of the business preset (E2)', () => {
  it('a free team holds at moderate noise, disperses at high noise, and a smaller attraction radius moves the transition down', () => {
    const opts = { n: 12, sigmas: [0.5, 1, 1.5, 2, 2.5], seeds: 6, hours: 40 };
    const base = cohesionCurve(shippedScenario('drug-shortage'), opts);
    const moved = cohesionCurve(shippedScenario('drug-shortage', ['movement.rAtt=6']), opts);
    expect(base[0].cohesion).toBeGreaterThan(0.8);
    expect(base[base.length - 1].cohesion).toBeLessThan(0.3);
    // The business preset is a swarm, not a polarised flock: polarisation stays near the disordered value.
    expect(Math.max(...base.map((p) => p.polarisation))).toBeLessThan(0.5);
    const c0 = crossing(base.map((p) => ({ x: p.sigma, y: p.cohesion })), 0.5);
    const c1 = crossing(moved.map((p) => ({ x: p.sigma, y: p.cohesion })), 0.5);
    expect(c0).not.toBeNull();
    expect(c1).not.toBeNull();
    expect(c1!).toBeLessThan(c0!);
  });

  it('crossing() interpolates and reports null when the level is never crossed', () => {
    expect(crossing([{ x: 0, y: 1 }, { x: 1, y: 0 }], 0.5)).toBeCloseTo(0.5, 12);
    expect(crossing([{ x: 0, y: 1 }, { x: 1, y: 0.8 }], 0.5)).toBeNull();
  });
});

describe('problems as a stream (E4)', () => {
  const scenario = (rate: number) => resolveScenario({ name: 'x', title: 'x', problems: { rate }, shocks: [{ kind: 'demand-spike', owner: 3, onset: 2 }] });

  it('is a Poisson stream with the declared mix, the same for every mode of a seed', () => {
    const s = scenario(0.2);
    let count = 0;
    let local = 0;
    let falseAlarms = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const stream = problemStream(s, seed);
      count += stream.length;
      local += stream.filter((p) => p.kind === 'custom').length;
      falseAlarms += stream.filter((p) => p.falseAlarm).length;
      for (let k = 1; k < stream.length; k++) expect(stream[k].onset).toBeGreaterThan(stream[k - 1].onset);
      expect(stream.every((p) => p.background && p.onset < s.run.horizon && p.index >= s.shocks.length)).toBe(true);
    }
    const expected = 40 * 0.2 * s.run.horizon; // 1920
    expect(Math.abs(count - expected)).toBeLessThan(4 * Math.sqrt(expected));
    expect(local / count).toBeGreaterThan(0.45);
    expect(local / count).toBeLessThan(0.55);
    expect(falseAlarms / count).toBeGreaterThan(0.07);
    expect(falseAlarms / count).toBeLessThan(0.13);
    expect(problemStream(s, 7)).toEqual(problemStream(s, 7));
    const h = new Simulation(s, { mode: 'hierarchical', seed: 7 });
    const sa = new Simulation(s, { mode: 'spontaneous', seed: 7 });
    expect(h.shocks.specs.map((p) => p.onset)).toEqual(sa.shocks.specs.map((p) => p.onset));
  });

  it('loads the managers and the shared space with the problems they handle', () => {
    const m = (rate: number, mode: 'hierarchical' | 'spontaneous') => [1, 2, 3].map((seed) => runScenario(scenario(rate), { mode, seed }).metrics);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(m(0.5, 'hierarchical').map((r) => r.mean_queue))).toBeGreaterThan(mean(m(0, 'hierarchical').map((r) => r.mean_queue)));
    expect(mean(m(0.5, 'spontaneous').map((r) => r.attention_hours))).toBeGreaterThan(mean(m(0, 'spontaneous').map((r) => r.attention_hours)));
  });

  it('refuses a stream too dense to run, naming the field and the fix', () => {
    expect(() => resolveScenario({ name: 'x', title: 'x', problems: { rate: 2 }, run: { horizon: 1000 }, shocks: [{ kind: 'demand-spike', owner: 3 }] })).toThrow(/problems\.rate: .*lower the rate or the horizon/);
  });
});
