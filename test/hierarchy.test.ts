/**
 * Hierarchical-mode building blocks (V5): event heap, lazy exact manager queues, org charts and the
 * escalation latency calculator vs. its queue simulation. Queue tolerances are 4 standard errors
 * and are asserted to be tight enough that an ignored (W = s) or mis-set load would fail.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, streamRng } from '../sim/rng.ts';
import { EventQueue } from '../sim/hierarchy/events.ts';
import { ManagerQueues } from '../sim/hierarchy/managerQueue.ts';
import { OrgChart } from '../sim/hierarchy/orgChart.ts';
import { escalationLatency, type EscalationPath } from '../sim/hierarchy/escalation.ts';
import { measureSojourn, runEscalator, validateHierarchy, zeroLoadCases } from '../sim/hierarchy/validate.ts';

describe('EventQueue', () => {
  it('pops in (time, insertion) order, ties FIFO, growing from capacity 1', () => {
    const q = new EventQueue(1);
    const rng = createRng('heap');
    const ref: Array<{ t: number; i: number }> = [];
    for (let i = 0; i < 1000; i++) {
      const t = Math.floor(rng() * 50); // many ties
      q.push(t, 7, i, -i - 1, i * 2, 3);
      ref.push({ t, i });
    }
    expect(q.size).toBe(1000);
    expect(q.capacity).toBe(1024);
    ref.sort((x, y) => x.t - y.t || x.i - y.i);
    for (const r of ref) {
      expect(q.peekTime()).toBe(r.t);
      expect(q.pop()).toBe(true);
      expect([q.time, q.kind, q.a, q.b, q.c, q.d]).toEqual([r.t, 7, r.i, -r.i - 1, r.i * 2, 3]);
    }
    expect(q.pop()).toBe(false);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('interleaved push/pop stays sorted and does not grow in steady state', () => {
    const q = new EventQueue(16);
    const rng = createRng('steady');
    for (let i = 0; i < 10; i++) q.push(rng() * 10, 0);
    let now = 0;
    for (let step = 0; step < 10000; step++) {
      expect(q.pop()).toBe(true);
      expect(q.time).toBeGreaterThanOrEqual(now);
      now = q.time;
      q.push(now + rng() * 10, 1, step);
    }
    expect(q.size).toBe(10);
    expect(q.capacity).toBe(16);
    q.clear();
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
  });
});

describe('ManagerQueues', () => {
  it('zero load, deterministic: exactly s per hop, FIFO behind earlier reports', () => {
    const q = new ManagerQueues(3, { serviceMeanH: 1.5, service: 'deterministic', load: 0 }, createRng(1));
    expect(q.serve(0, 10)).toBe(11.5);
    expect(q.serve(0, 10)).toBe(13); // queued behind the first
    expect(q.serve(0, 20)).toBe(21.5); // drained by then
    expect(q.serve(1, 0.1)).toBe(1.6);
    expect(() => q.serve(0, 5)).toThrow(/non-decreasing/);
    q.reset();
    expect(q.serve(0, 5)).toBe(6.5);
  });

  it.each([
    [0.5, 2],
    [0.8, 5],
  ])('M/M/1 mean time in system at ρ=%f is 1/(μ−λ) = %f h', (load, expected) => {
    const r = measureSojourn({ load, service: 'exponential', managers: 200, probesPerManager: 25, rng: streamRng(11, `mm1-${load}`) });
    const tol = 4 * r.se;
    expect(Math.abs(r.mean - expected)).toBeLessThan(tol);
    // Tight enough to catch an ignored load (W = 1 h) or a load off by ±0.1 (ρ 0.5 → 1.67 / 2.5 h;
    // ρ 0.8 → 3.33 / 10 h); a doubled load (ρ ≥ 1) is rejected outright.
    const wrong = [1, 1 / (1 - (load - 0.1)), 1 / (1 - (load + 0.1))];
    for (const w of wrong) expect(Math.abs(w - expected)).toBeGreaterThan(2 * tol);
    expect(() => new ManagerQueues(1, { serviceMeanH: 1, service: 'exponential', load: 2 * load }, createRng(1))).toThrow();
  });

  it('queueLength averages ρ/(1−ρ) jobs at stationarity', () => {
    const q = new ManagerQueues(20000, { serviceMeanH: 1, service: 'exponential', load: 0.5 }, createRng(3));
    let sum = 0;
    for (let m = 0; m < q.count; m++) sum += q.queueLength(m, 100);
    expect(sum / q.count).toBeCloseTo(1, 1);
  });

  it('is deterministic for a seed', () => {
    const run = (seed: number) => {
      const q = new ManagerQueues(5, { serviceMeanH: 1, service: 'exponential', load: 0.7 }, createRng(seed));
      return Array.from({ length: 50 }, (_, i) => q.serve(i % 5, i * 3));
    };
    expect(run(4)).toEqual(run(4));
    expect(run(4)).not.toEqual(run(5));
  });
});

describe('OrgChart', () => {
  it('satisfies the layout invariants for any request', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 9 }),
      fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 127 }),
      (headcount, layers, span, functions, mask) => {
        const c = new OrgChart({ headcount, layers, span, functions });
        expect(c.layerStart[c.layers]).toBe(headcount);
        expect(c.layers).toBe(Math.min(layers, headcount));
        for (let p = 0; p < headcount; p++) {
          const m = c.manager[p];
          if (c.layers === 1) expect(m).toBe(-1);
          else if (p === 0) expect(m).toBe(-1);
          else expect(c.layer[m]).toBe(c.layer[p] - 1);
          expect(c.isManager[p]).toBe(c.layer[p] < c.layers - 1 ? 1 : 0);
          if (c.spanOk) expect(c.childCount[p]).toBeLessThanOrEqual(span);
          // First-line managers never mix departments (unless too few people, which is reported).
          const shared = c.notes.some((n) => n.includes('share'));
          if (c.layers >= 3 && c.layer[p] === c.layers - 2 && !shared) expect(c.func[p]).toBeGreaterThanOrEqual(0);
        }
        expect(c.maxSpan <= span).toBe(c.spanOk);
        // Departments: functions in order, sizes as equal as possible.
        const front = Array.from(c.func.subarray(c.layerStart[c.layers - 1]));
        const sizes = functions.map((f) => front.filter((x) => x === f).length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(front).toEqual([...front].sort((x, y) => functions.indexOf(x) - functions.indexOf(y)));
        // coveringManager is on the chain of command and covers mask ∩ firm functions.
        const person = headcount - 1;
        const boss = c.coveringManager(person, mask);
        const need = mask & c.functionMask;
        if (c.layers > 1) {
          expect(c.isUnder(person, boss)).toBe(true);
          expect(c.subtreeMask[boss] & need).toBe(need);
          expect(c.chainLength(person, boss)).toBe(c.layer[person] - c.layer[boss]);
          // ... and is the lowest such: the next one down the chain does not cover.
          let below = c.manager[person];
          while (below >= 0 && c.manager[below] !== boss && below !== boss) below = c.manager[below];
          if (below >= 0 && below !== boss) expect(c.subtreeMask[below] & need).not.toBe(need);
        } else expect(boss).toBe(person);
      },
    ), { numRuns: 300, seed: 42 });
  });

  it('meets layers and span when the headcount allows, and reports when it does not', () => {
    const ok = new OrgChart({ headcount: 100, layers: 4, span: 5, functions: [3, 2] });
    expect(ok.spanOk && ok.layers === 4 && ok.notes.length === 0).toBe(true);
    expect(ok.func[ok.layerStart[3]]).toBe(3);
    const small = new OrgChart({ headcount: 3, layers: 5, span: 2, functions: [1] });
    expect(small.layers).toBe(3);
    expect(small.notes.join()).toMatch(/layers/);
    const wide = new OrgChart({ headcount: 200, layers: 2, span: 8, functions: [1, 2] });
    expect(wide.spanOk).toBe(false);
    expect(wide.maxSpan).toBe(199);
    const flat = new OrgChart({ headcount: 10, layers: 1, span: 3, functions: [1, 2] });
    expect(Array.from(flat.manager).every((m) => m === -1)).toBe(true);
    expect(flat.coveringManager(4, 0b110)).toBe(4);
  });
});

describe('escalation latency', () => {
  it('the Escalator equals the exact sum of constants at zero load (layers 2..6, span 2..8, both channels, B 0/8)', () => {
    const cases = zeroLoadCases('test');
    expect(cases.length).toBeGreaterThanOrEqual(100);
    for (const c of cases) {
      const calc = escalationLatency(c.charts, c.path, c.timing, 3);
      const queues = c.charts.map((ch) => new ManagerQueues(ch.headcount, { serviceMeanH: 1, service: 'deterministic', load: 0 }, createRng(1)));
      const sim = runEscalator(c.charts, [{ path: c.path, startTime: 3 }], c.timing, queues)[0];
      const key = (a: { firm: number; func: number }) => a.firm * 16 + a.func;
      const sorted = (r: typeof calc) => ({ ...r, assignments: [...r.assignments].sort((x, y) => key(x) - key(y)) });
      expect(sorted(sim)).toEqual(sorted(calc));
    }
  });

  const chartsFor = (layers: number) => [
    new OrgChart({ headcount: 400, layers, span: 8, functions: [0, 1] }),
    new OrgChart({ headcount: 120, layers: 3, span: 8, functions: [2] }),
    new OrgChart({ headcount: 90, layers: 3, span: 8, functions: [1, 3] }),
  ];
  const pathFor = (c: OrgChart, channel: 'contracted' | 'adjacent'): EscalationPath => ({
    owner: 0, detector: c.headcount - 1, funcMask: 0b11, channel,
    partners: [{ firm: 1, funcMask: 0b100 }, { firm: 2, funcMask: 0b1000, via: [1] }],
  });

  it('grows with layers and with the batch period', () => {
    for (const channel of ['contracted', 'adjacent'] as const) {
      // Strictly with layers when crossings are immediate; batching can absorb a layer (B = 8).
      for (const batchH of [0, 8]) {
        let prev = -Infinity;
        for (let layers = 2; layers <= 6; layers++) {
          const charts = chartsFor(layers);
          const t = escalationLatency(charts, pathFor(charts[0], channel), { batchH }).completion;
          if (batchH === 0) expect(t).toBeGreaterThan(prev);
          else expect(t).toBeGreaterThanOrEqual(prev);
          prev = t;
        }
      }
      // Non-decreasing in B when each B is a multiple of the previous (in general ceil(t/B)·B is
      // not monotone in B: t = 3 crosses at 4 with B = 2 but at 3 with B = 3).
      let prev = -Infinity;
      const charts = chartsFor(4);
      for (const batchH of [0, 1, 2, 4, 8, 24, 48]) {
        const t = escalationLatency(charts, pathFor(charts[0], channel), { batchH }).completion;
        expect(t).toBeGreaterThanOrEqual(prev);
        prev = t;
      }
      expect(prev).toBeGreaterThan(escalationLatency(charts, pathFor(charts[0], channel), { batchH: 0 }).completion);
    }
  });

  it('concurrent escalations share loaded managers in time order, deterministically', () => {
    const charts = chartsFor(4);
    const run = () => {
      const queues = charts.map((c, i) => new ManagerQueues(c.headcount, { serviceMeanH: 1, service: 'exponential', load: 0.8 }, streamRng(9, `q${i}`)));
      const rng = createRng('starts');
      const requests = Array.from({ length: 200 }, () => ({
        path: { ...pathFor(charts[0], 'adjacent'), detector: charts[0].layerStart[3] + Math.floor(rng() * 300) },
        startTime: rng() * 100,
      }));
      return runEscalator(charts, requests, { batchH: 4, handoff: true }, queues).map((r) => r.completion);
    };
    const a = run();
    expect(a.every(Number.isFinite)).toBe(true);
    expect(a).toEqual(run());
  });

  it('hand-off delays production until planning is assigned and adds messages', () => {
    const charts = chartsFor(3);
    const path = pathFor(charts[0], 'contracted');
    const plain = escalationLatency(charts, path, { batchH: 0 });
    const serial = escalationLatency(charts, path, { batchH: 0, handoff: true });
    const time = (r: typeof plain, f: number) => r.assignments.find((a) => a.func === f)!.time;
    expect(time(serial, 2)).toBeGreaterThan(time(plain, 2));
    expect(time(serial, 2)).toBeGreaterThanOrEqual(time(serial, 1) + 2);
    expect(serial.messages).toBeGreaterThan(plain.messages);
  });
});

describe('validateHierarchy (V5)', () => {
  // Speed is checked by `npm run bench`, never by a timed unit test.
  it('quick mode passes', () => {
    const rows = validateHierarchy({ quick: true, seed: 5 });
    for (const r of rows) expect(r.pass, `${r.check}: ${r.measured} vs ${r.expected} ± ${r.tolerance}`).toBe(true);
  });
});
