/**
 * Engine invariants across random valid scenarios (property tests): no NaN or infinite values,
 * headcounts conserved, capacity never exceeded, gaps never grow, metrics consistent with the series.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveScenario } from '../sim/model/scenario.ts';
import { Simulation } from '../sim/model/simulation.ts';
import { ROLE_FUNCTIONS, ROLES, SHOCK_KINDS, SHOCK_SKILLS } from '../sim/model/params.ts';
import { COMMITTED, ENGAGED } from '../sim/model/state.ts';

const scenarioArb = fc.record({
  firms: fc.array(fc.record({ role: fc.constantFrom(...ROLES), headcount: fc.integer({ min: 2, max: 30 }), layers: fc.integer({ min: 1, max: 5 }), span: fc.integer({ min: 1, max: 8 }) }), { minLength: 2, maxLength: 6 }),
  shocks: fc.array(fc.record({ kind: fc.constantFrom(...SHOCK_KINDS), owner: fc.nat(), onset: fc.double({ min: 0, max: 10, noNaN: true }), falseAlarm: fc.boolean() }), { minLength: 1, maxLength: 4 }),
  batch: fc.double({ min: 0, max: 24, noNaN: true }),
  load: fc.double({ min: 0, max: 0.9, noNaN: true }),
  trust: fc.double({ min: 0, max: 1, noNaN: true }),
  noise: fc.double({ min: 0, max: 3, noNaN: true }),
  attention: fc.double({ min: 0, max: 0.5, noNaN: true }),
  mode: fc.constantFrom('hierarchical' as const, 'spontaneous' as const, 'hybrid' as const),
  lambda: fc.double({ min: 0, max: 1, noNaN: true }),
  seed: fc.integer({ min: 0, max: 1e6 }),
  // Edges that once crashed or were misread: zero service time, attention taking all capacity.
  serviceMean: fc.constantFrom(0, 0.01, 0.5, 1, 4),
  service: fc.constantFrom('exponential' as const, 'deterministic' as const),
  attentionCap: fc.double({ min: 0, max: 1, noNaN: true }),
  perception: fc.double({ min: 0, max: 20, noNaN: true }),
  spannerShare: fc.double({ min: 0, max: 1, noNaN: true }),
});

/** An owner that can notice the shock (a department it needs, or customers for a demand spike); −1 if none. */
function noticingOwner(firms: Array<{ role: string }>, kind: string, start: number): number {
  const needs = SHOCK_SKILLS[kind as keyof typeof SHOCK_SKILLS];
  for (let k = 0; k < firms.length; k++) {
    const f = (start + k) % firms.length;
    const has = (ROLE_FUNCTIONS[firms[f].role as keyof typeof ROLE_FUNCTIONS] as readonly string[]).some((x) => (needs as readonly string[]).includes(x));
    if (has || (kind === 'demand-spike' && firms.some((g) => g.role === 'customer'))) return f;
  }
  return -1;
}

describe('engine invariants (property)', () => {
  it('hold over random scenarios, modes and seeds', () => {
    fc.assert(
      fc.property(scenarioArb, (c) => {
        const owners = c.shocks.map((s) => noticingOwner(c.firms, s.kind, s.owner % c.firms.length));
        fc.pre(owners.every((o) => o >= 0));
        const raw = {
          name: 'prop',
          title: 'Property',
          run: { horizon: 30 },
          hierarchy: { batchPeriod: c.batch, load: c.load, serviceMean: c.serviceMean, service: c.service },
          ecosystem: { trustAdjacent: c.trust, trustOther: c.trust / 2, perception: c.perception, spannerShare: c.spannerShare },
          movement: { noise: c.noise },
          shared: { attentionCost: c.attention, attentionCap: c.attentionCap },
          firms: c.firms,
          shocks: c.shocks.map((s, k) => ({ ...s, owner: owners[k], falseAlarm: k === 0 ? false : s.falseAlarm })),
        };
        const scenario = resolveScenario(raw);
        const sim = new Simulation(scenario, { mode: c.mode, seed: c.seed, lambda: c.lambda });
        const n = sim.people.n;
        const lastGap = Float64Array.from(sim.shocks.gap);
        const spare = scenario.ecosystem.spareCapacity;
        const bad: string[] = [];
        const check = (ok: boolean, what: string) => {
          if (!ok && bad.length < 5) bad.push(`t=${sim.time.toFixed(1)}: ${what}`);
        };
        while (!sim.done) {
          sim.step();
          check(sim.people.n === n && sim.people.state.length === n, 'headcount changed');
          for (let id = 0; id < n; id++) {
            check(Number.isFinite(sim.x(id)) && Number.isFinite(sim.y(id)), `person ${id} position not finite`);
            check(sim.capacity[id] <= spare + 1e-12 && sim.capacity[id] >= 0, `person ${id} capacity ${sim.capacity[id]} outside [0, ${spare}]`);
            const st = sim.people.state[id];
            if (st === COMMITTED || st === ENGAGED) check(sim.people.target[id] >= 0, `person ${id} committed to nothing`);
          }
          let committed = 0;
          for (let id = 0; id < n; id++) if (sim.people.target[id] >= 0) committed++;
          check(committed === sim.shocks.committedCount.reduce((a, b) => a + b, 0), 'committed counts disagree');
          for (let s = 0; s < sim.shocks.count; s++) {
            check(Number.isFinite(sim.shocks.gap[s]) && sim.shocks.gap[s] >= 0, `shock ${s} gap ${sim.shocks.gap[s]}`);
            check(sim.shocks.gap[s] <= lastGap[s] + 1e-12, `shock ${s} gap grew`); // gaps never grow
            check(sim.shocks.coverage[s] >= 0 && sim.shocks.coverage[s] <= 1, `shock ${s} coverage ${sim.shocks.coverage[s]}`);
            lastGap[s] = sim.shocks.gap[s];
          }
        }
        expect(bad).toEqual([]);
        const m = sim.metrics();
        for (const k of ['T_det', 'T_team', 'T50', 'T90'] as const) {
          expect(Number.isFinite(m[k].value)).toBe(true);
          expect(m[k].value).toBeGreaterThanOrEqual(0);
        }
        if (!m.T90.censored) expect(m.T50.censored).toBe(false);
        if (!m.T50.censored && !m.T90.censored) expect(m.T50.value).toBeLessThanOrEqual(m.T90.value);
        expect(m.final_recovery).toBeGreaterThanOrEqual(-1e-12);
        expect(m.final_recovery).toBeLessThanOrEqual(1 + 1e-12);
        for (const v of [m.loss, m.messages, m.attention_hours, m.over_response, m.mean_queue]) expect(Number.isFinite(v) && v >= 0).toBe(true);
        const series = sim.series();
        expect(series.every((p, k) => k === 0 || p.recovery >= series[k - 1].recovery - 1e-12)).toBe(true); // recovery never falls
      }),
      { numRuns: 100 },
    );
  }, 300_000);
});
