/**
 * The Escalator (the model's one escalation engine): exact sums of constants at zero load
 * (escalationLatency), the same results however time is cut into advance steps, route shapes,
 * concurrent escalations on shared loaded queues, cancel, false-alarm filtering, determinism and the
 * time contract.
 */
import { describe, expect, it } from 'vitest';
import { createRng, streamRng, type Rng } from '../sim/rng.ts';
import { ManagerQueues, type ManagerQueueOptions } from '../sim/hierarchy/managerQueue.ts';
import { OrgChart } from '../sim/hierarchy/orgChart.ts';
import {
  escalationLatency,
  type Assignment, type EscalationPath, type EscalationResult, type EscalationTiming,
} from '../sim/hierarchy/escalation.ts';
import { runEscalator } from '../sim/hierarchy/validate.ts';
import { Escalator, type EscalationEvent } from '../sim/hierarchy/escalator.ts';

const ZERO: Partial<ManagerQueueOptions> = { serviceMeanH: 1, service: 'deterministic', load: 0 };
const LOADED: Partial<ManagerQueueOptions> = { serviceMeanH: 1, service: 'exponential', load: 0.5 };

const queuesFor = (charts: OrgChart[], opts: Partial<ManagerQueueOptions>, seed: number | string) =>
  charts.map((c, i) => new ManagerQueues(c.headcount, opts, streamRng(seed, `q${i}`)));

interface Start { path: EscalationPath; t: number; falseAlarm?: boolean }

/**
 * Drives an escalator like the business simulation: at each tick T (k · step), start what was
 * detected at times <= T, then advanceTo(T). step = Infinity: start everything, then one advance.
 * Checks that events come in time order and inside their advance window.
 */
function drive(esc: Escalator, starts: Start[], step: number): { events: EscalationEvent[]; ids: number[] } {
  const events: EscalationEvent[] = [];
  const ids: number[] = [];
  let prevT = -Infinity;
  let next = 0;
  const advance = (T: number) => {
    esc.advanceTo(T, (e) => {
      expect(e.time).toBeLessThanOrEqual(T);
      expect(e.time).toBeGreaterThan(prevT);
      if (events.length) expect(e.time).toBeGreaterThanOrEqual(events[events.length - 1].time);
      events.push({ ...e });
    });
    prevT = T;
  };
  if (step === Infinity) {
    for (const s of starts) ids.push(esc.start(s.path, s.t, s.falseAlarm));
    advance(1e12);
  } else {
    for (let k = 0; next < starts.length || esc.pending() > 0; k++) {
      if (k > 1e6) throw new Error('drive: runaway');
      const T = step === 0.1 ? k / 10 : k * step;
      while (next < starts.length && starts[next].t <= T) ids.push(esc.start(starts[next].path, starts[next].t, starts[next++].falseAlarm));
      advance(T);
    }
  }
  expect(esc.nextEventTime()).toBe(Infinity);
  return { events, ids };
}

const key = (a: Assignment) => `${a.firm}/${a.func}/${a.person}/${a.time}`;
const sortedAssignments = (as: Assignment[]) => [...as].sort((x, y) => x.time - y.time || (key(x) < key(y) ? -1 : 1));

/** The escalation's result as seen through its events. */
function resultOf(events: EscalationEvent[], id: number, startTime: number): EscalationResult {
  const mine = events.filter((e) => e.id === id);
  const assignments = mine.filter((e) => e.kind === 'assign').map((e) => ({ firm: e.firm, func: e.func, person: e.to, time: e.time }));
  return {
    assignments: sortedAssignments(assignments),
    completion: assignments.reduce((m, a) => Math.max(m, a.time), startTime),
    messages: mine.filter((e) => e.kind === 'hop' || e.kind === 'cross' || e.kind === 'handoff').length,
  };
}
const normalise = (r: EscalationResult) => ({ ...r, assignments: sortedAssignments(r.assignments) });

/** What a renderer relies on: hops follow the chart's edges, crossings go top to top, etc. */
function checkShapes(charts: OrgChart[], events: EscalationEvent[]): void {
  for (const e of events) {
    const c = charts[e.firm];
    if (e.kind !== 'cross' && !(e.kind === 'filtered' && e.fromFirm !== e.firm)) expect(e.fromFirm).toBe(e.firm);
    if (e.kind === 'hop') {
      if (c.layers === 1) expect(e.from).not.toBe(e.to);
      else if (c.layer[e.to] < c.layer[e.from]) expect(c.manager[e.from]).toBe(e.to); // upward
      else expect(c.manager[e.to]).toBe(e.from); // descent
    }
    if (e.kind === 'cross') {
      expect(e.fromFirm).not.toBe(e.firm);
      expect(charts[e.fromFirm].layer[e.from]).toBe(0);
      expect(c.layer[e.to]).toBe(0);
    }
    if (e.kind === 'assign') {
      expect(c.layer[e.to]).toBe(c.layers - 1);
      expect(c.func[e.to]).toBe(e.func);
    }
    if (e.kind !== 'assign' && e.kind !== 'handoff') expect(e.func).toBe(-1);
  }
}

/** Charts for layers 2..5 and spans 3..6: owner + three partners (two functions sets). */
function chartSet(layers: number, span: number, rng: Rng): OrgChart[] {
  const pick = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  return [0, 1, 2, 3].map((i) => new OrgChart({
    headcount: pick(Math.max(layers, span * 4), 300),
    layers: i === 0 ? layers : pick(2, 5),
    span,
    functions: i % 2 ? [2, 3] : [0, 1, 2],
  }));
}

function paths(charts: OrgChart[], channel: 'contracted' | 'adjacent', rng: Rng): EscalationPath[] {
  const owner = charts[0];
  const front = owner.layerStart[owner.layers - 1];
  const detector = front + Math.floor(rng() * (owner.headcount - front));
  const partners = [{ firm: 1, funcMask: 0b1100 }, { firm: 2, funcMask: 0b0110, via: [1] }, { firm: 3, funcMask: 0b1000, via: [2] }];
  return [
    // Owner + partners (planning and production across firms → hand-off when on).
    { owner: 0, detector, funcMask: 0b0111, channel, partners },
    // Owner only, own function: decided by the covering first-line manager.
    { owner: 0, detector, funcMask: 1 << owner.func[detector], channel },
    // Detected by the top itself: no upward hop, crossings straight away.
    { owner: 0, detector: 0, funcMask: 0b0011, channel, partners: partners.slice(0, 2) },
  ];
}

describe('Escalator: single escalation equals the plan model', () => {
  it('0.1 h ticks give the same assignments and messages as one advance (zero load and ρ=0.5), and the exact sums at zero load', () => {
    const rng = createRng('escalator-cases');
    let n = 0;
    for (let layers = 2; layers <= 5; layers++) {
      for (let span = 3; span <= 6; span++) {
        const charts = chartSet(layers, span, rng);
        for (const channel of ['contracted', 'adjacent'] as const) {
          for (const batchH of [0, 8]) {
            for (const handoff of [false, true]) {
              const timing: EscalationTiming = { batchH, handoff };
              for (const path of paths(charts, channel, rng)) {
                for (const [load, opts] of [['zero', ZERO], ['loaded', LOADED]] as const) {
                  const seed = `${layers}-${span}-${n}`;
                  const ref = runEscalator(charts, [{ path, startTime: 3.05 }], timing, queuesFor(charts, opts, seed))[0];
                  const esc = new Escalator(charts, queuesFor(charts, opts, seed), { timing }, createRng(1));
                  const { events, ids } = drive(esc, [{ path, t: 3.05 }], 0.1);
                  const got = resultOf(events, ids[0], 3.05);
                  expect(got).toEqual(normalise(ref));
                  expect(esc.messages(ids[0])).toBe(ref.messages);
                  expect(esc.totalMessages()).toBe(ref.messages);
                  expect(esc.active(ids[0])).toBe(false);
                  if (load === 'zero') expect(got).toEqual(normalise(escalationLatency(charts, path, timing, 3.05)));
                  if (ref.assignments.length) expect(events.some((e) => e.kind === 'decide')).toBe(true);
                  expect(events.some((e) => e.kind === 'handoff')).toBe(ref.assignments.some((a) => a.func === 2) && ref.messages > escalationLatency(charts, path, { ...timing, handoff: false }).messages);
                  checkShapes(charts, events);
                  n++;
                }
              }
            }
          }
        }
      }
    }
    expect(n).toBe(4 * 4 * 2 * 2 * 2 * 3 * 2);
  });

  it('emits the route in order: hops up, crossing at the batch time, decide, descent, assign', () => {
    // Hand count (as in validate.ts): 3 hops up (1 h each) → 3, cross at 8, partner top serves → 9,
    // decides → 11, 2 × 0.5 h descent → 12.
    const owner = new OrgChart({ headcount: 156, layers: 4, span: 5, functions: [0, 1] });
    const partner = new OrgChart({ headcount: 31, layers: 3, span: 5, functions: [2] });
    const charts = [owner, partner];
    const path: EscalationPath = { owner: 0, detector: owner.headcount - 1, funcMask: 0, channel: 'contracted', partners: [{ firm: 1, funcMask: 1 << 2 }] };
    const esc = new Escalator(charts, queuesFor(charts, ZERO, 1), { timing: { batchH: 8 } }, createRng(1));
    const { events } = drive(esc, [{ path, t: 0 }], 0.1);
    const d = owner.headcount - 1;
    const m1 = owner.manager[d];
    const m2 = owner.manager[m1];
    const assigned = partner.frontLineOf(2);
    expect(events.map((e) => [e.kind, e.time, e.firm, e.fromFirm, e.from, e.to, e.func])).toEqual([
      ['hop', 1, 0, 0, d, m1, -1],
      ['hop', 2, 0, 0, m1, m2, -1],
      ['hop', 3, 0, 0, m2, 0, -1],
      ['cross', 8, 1, 0, 0, 0, -1],
      ['decide', 11, 1, 1, 0, -1, -1],
      ['hop', 11.5, 1, 1, 0, partner.manager[assigned], -1],
      ['hop', 12, 1, 1, partner.manager[assigned], assigned, -1],
      ['assign', 12, 1, 1, 0, assigned, 2],
    ]);
    expect(esc.messages(0)).toBe(escalationLatency(charts, path, { batchH: 8 }).messages);
  });
});

describe('Escalator: concurrent escalations on shared loaded queues', () => {
  function scenario(seed: number, layers: number, span: number, channel: 'contracted' | 'adjacent') {
    const rng = createRng(`multi-${seed}`);
    const charts = chartSet(layers, span, rng);
    const starts: Start[] = [];
    for (let r = 0; r < 60; r++) {
      const owner = Math.floor(rng() * 3);
      const c = charts[owner];
      const front = c.layerStart[c.layers - 1];
      // Mostly front line, sometimes a manager or the top (no upward hop).
      const u = rng();
      const detector = u < 0.1 ? 0 : u < 0.2 ? Math.floor(rng() * front) : front + Math.floor(rng() * (c.headcount - front));
      const others = [0, 1, 2, 3].filter((f) => f !== owner);
      const partners = others.filter(() => rng() < 0.5).map((firm) => {
        const via = others.filter((f) => f !== firm && rng() < 0.3);
        return { firm, funcMask: 1 + Math.floor(rng() * 15), via };
      });
      // Start times: random, on ticks, on multiples of B (ties with batched crossings), repeated.
      const v = rng();
      const t = v < 0.6 ? rng() * 40 : v < 0.8 ? Math.floor(rng() * 400) / 10 : v < 0.9 ? 8 * Math.floor(rng() * 5) : (starts[starts.length - 1]?.t ?? 0);
      starts.push({ path: { owner, detector, funcMask: 1 + Math.floor(rng() * 7), channel, partners }, t });
    }
    starts.sort((a, b) => a.t - b.t); // stable: ties keep request order
    return { charts, starts };
  }

  it('ρ=0.5 shared queues, 0.1 h ticks: every escalation completes with its plan\'s messages, no faster than with instant managers; reproducible', () => {
    let compared = 0;
    for (const [seed, layers, span, channel, batchH, handoff] of [
      [1, 2, 3, 'contracted', 8, true], [2, 3, 4, 'adjacent', 8, false], [3, 4, 5, 'contracted', 0, false],
      [4, 5, 6, 'adjacent', 0, true], [5, 4, 3, 'adjacent', 8, true], [6, 3, 6, 'contracted', 8, false],
    ] as const) {
      const timing: EscalationTiming = { batchH, handoff };
      const run = (starts: Start[], step: number) => {
        const esc = new Escalator(charts, queuesFor(charts, LOADED, seed), { timing }, createRng(1));
        return { esc, ...drive(esc, starts, step) };
      };
      // Starts on multiples of B and on ticks (ties with batched crossings) included.
      const { charts, starts } = scenario(seed, layers, span, channel);
      const ticks = run(starts, 0.1);
      expect(ticks.ids).toEqual(starts.map((_, i) => i));
      let total = 0;
      starts.forEach((s, r) => {
        const exact = escalationLatency(charts, s.path, timing, s.t);
        const got = resultOf(ticks.events, r, s.t);
        expect(got.assignments.length).toBe(exact.assignments.length);
        expect(ticks.esc.messages(r)).toBe(exact.messages);
        // Latency is non-decreasing in every service time (sums, maxima, ceil to the batch), so the
        // route with instant managers is a lower bound.
        expect(got.completion).toBeGreaterThanOrEqual(escalationLatency(charts, s.path, { ...timing, serviceH: 0 }, s.t).completion - 1e-9);
        total += exact.messages;
        compared++;
      });
      expect(ticks.esc.totalMessages()).toBe(total);
      checkShapes(charts, ticks.events);
      // Reproducible for the same starts and steps. (Across different step sizes, two events at the
      // exact same time — e.g. crossings at a batch boundary — may be served in another order, which
      // re-orders random draws; single escalations are step-independent, see above.)
      expect(run(starts, 0.1).events).toEqual(ticks.events);
    }
    expect(compared).toBe(360);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const { charts, starts } = scenario(7, 4, 4, 'adjacent');
    const stream = (seed: number) => drive(new Escalator(charts, queuesFor(charts, LOADED, seed), { timing: { batchH: 8, handoff: true } }, createRng(1)), starts, 0.1).events;
    expect(stream(3)).toEqual(stream(3));
    expect(stream(3)).not.toEqual(stream(4));
  });
});

describe('Escalator: cancel, false alarms, contract', () => {
  const owner = new OrgChart({ headcount: 156, layers: 4, span: 5, functions: [0, 1] });
  const partner = new OrgChart({ headcount: 31, layers: 3, span: 5, functions: [2] });
  const charts = [owner, partner];
  const full: EscalationPath = { owner: 0, detector: owner.headcount - 1, funcMask: 0b11, channel: 'contracted', partners: [{ firm: 1, funcMask: 0b100 }] };
  const ownOnly: EscalationPath = { owner: 0, detector: owner.headcount - 1, funcMask: 0b11, channel: 'contracted' };

  it('cancel drops the pending events of that escalation only (also from inside a callback)', () => {
    const esc = new Escalator(charts, queuesFor(charts, ZERO, 1), { timing: {} }, createRng(1));
    const a = esc.start(full, 0);
    const b = esc.start({ ...full, detector: owner.headcount - 40 }, 0);
    const seen: EscalationEvent[] = [];
    esc.advanceTo(2.5, (e) => seen.push({ ...e }));
    expect(seen.filter((e) => e.id === a).length).toBeGreaterThan(0);
    const before = esc.messages(a);
    const pendingBefore = esc.pending();
    esc.cancel(a);
    expect(esc.pending()).toBeLessThan(pendingBefore);
    expect(esc.active(a)).toBe(false);
    esc.cancel(a); // idempotent
    const after: EscalationEvent[] = [];
    esc.advanceTo(1000, (e) => after.push({ ...e }));
    expect(after.some((e) => e.id === a)).toBe(false);
    expect(esc.messages(a)).toBe(before);
    expect(after.some((e) => e.id === b && e.kind === 'assign')).toBe(true);
    expect(esc.pending()).toBe(0);
    expect(esc.nextEventTime()).toBe(Infinity);
    expect(() => esc.cancel(99)).toThrow(/unknown escalation id/);

    // Cancelled from its own first event: nothing more, even at the same time.
    const esc2 = new Escalator(charts, queuesFor(charts, ZERO, 1), { timing: {} }, createRng(1));
    const c = esc2.start(full, 0);
    const got: EscalationEvent[] = [];
    esc2.advanceTo(1000, (e) => { got.push({ ...e }); esc2.cancel(c); });
    expect(got.map((e) => e.kind)).toEqual(['hop']);
    expect(esc2.pending()).toBe(0);
  });

  it('nextEventTime skips cancelled events and pending() counts live ones', () => {
    const esc = new Escalator(charts, queuesFor(charts, ZERO, 1), { timing: {} }, createRng(1));
    const a = esc.start(ownOnly, 0);
    const b = esc.start(ownOnly, 5);
    expect(esc.nextEventTime()).toBe(0);
    esc.cancel(a);
    expect(esc.nextEventTime()).toBe(5);
    esc.cancel(b);
    expect(esc.pending()).toBe(0);
    expect(esc.nextEventTime()).toBe(Infinity);
  });

  it('falseAlarmFilter = 1 stops a false alarm at its first service; real shocks draw nothing', () => {
    let draws = 0;
    const counting: Rng = (() => { const r = createRng(5); return () => { draws++; return r(); }; })();
    const esc = new Escalator(charts, queuesFor(charts, ZERO, 1), { timing: {}, falseAlarmFilter: 1 }, counting);
    const fa = esc.start(full, 0, true);
    const { events } = drive(esc, [], 0.1);
    const d = owner.headcount - 1;
    expect(events.map((e) => [e.kind, e.time, e.from, e.to])).toEqual([['hop', 1, d, owner.manager[d]], ['filtered', 1, d, owner.manager[d]]]);
    expect(esc.messages(fa)).toBe(1);
    expect(esc.active(fa)).toBe(false);
    expect(draws).toBe(1);

    // Detected by the top: the first service is the partner's top, after the crossing.
    const esc2 = new Escalator(charts, queuesFor(charts, ZERO, 1), { timing: {}, falseAlarmFilter: 1 }, createRng(5));
    esc2.start({ ...full, detector: 0 }, 0, true);
    expect(drive(esc2, [], 0.1).events.map((e) => [e.kind, e.time, e.firm, e.fromFirm, e.from, e.to]))
      .toEqual([['cross', 0, 1, 0, 0, 0], ['filtered', 1, 1, 0, 0, 0]]); // the owner's decision at 2 is dropped too

    // A real shock with the filter on: no draw, same result as the plan model.
    draws = 0;
    const esc3 = new Escalator(charts, queuesFor(charts, LOADED, 2), { timing: {}, falseAlarmFilter: 1 }, counting);
    const { events: ev3 } = drive(esc3, [{ path: full, t: 0 }], 0.1);
    expect(draws).toBe(0);
    expect(resultOf(ev3, 0, 0)).toEqual(normalise(runEscalator(charts, [{ path: full, startTime: 0 }], {}, queuesFor(charts, LOADED, 2))[0]));
  });

  it('falseAlarmFilter = 0.5 filters a fraction 1 − 0.5^services', () => {
    // ownOnly: 3 hops up (first-line, middle, top: both functions only meet at the top).
    // full: the same 3 + the partner's top = 4 services.
    for (const [path, services] of [[ownOnly, 3], [full, 4]] as const) {
      const esc = new Escalator(charts, queuesFor(charts, ZERO, 1), { timing: {}, falseAlarmFilter: 0.5 }, createRng(`fa-${services}`));
      const n = 4000;
      const filtered = new Set<number>();
      const filterFirms = new Set<number>();
      for (let i = 0; i < n; i++) esc.start(path, 0, true);
      esc.advanceTo(1e9, (e) => { if (e.kind === 'filtered') { filtered.add(e.id); filterFirms.add(e.firm); } });
      const p = 1 - 0.5 ** services;
      const se = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(filtered.size / n - p)).toBeLessThan(4 * se);
      expect(filterFirms.size).toBe(services === 4 ? 2 : 1);
      // Unfiltered ones complete with the plan's message count.
      const plan = escalationLatency(charts, path, {}).messages;
      for (let i = 0; i < n; i++) if (!filtered.has(i)) expect(esc.messages(i)).toBe(plan);
    }
  });

  it('rejects starting (or advancing) before the time already advanced to', () => {
    const esc = new Escalator(charts, queuesFor(charts, ZERO, 1), { timing: {} }, createRng(1));
    esc.advanceTo(5, () => {});
    expect(() => esc.start(ownOnly, 4.9)).toThrow(/earlier than the escalator's clock 5/);
    expect(() => esc.advanceTo(4, () => {})).toThrow(/earlier than the last advanceTo/);
    expect(() => esc.start(ownOnly, NaN)).toThrow(/finite/);
    expect(() => new Escalator(charts, queuesFor(charts, ZERO, 1), { timing: {}, falseAlarmFilter: 2 }, createRng(1))).toThrow(/falseAlarmFilter/);
    expect(esc.start(ownOnly, 5)).toBe(0);
    expect(esc.start(ownOnly, 7)).toBe(1);
    // Nested advance from a callback is refused; start() from a callback at the event's time works.
    expect(() => esc.advanceTo(10, () => esc.advanceTo(11, () => {}))).toThrow(/inside an onEvent/);
    const late: number[] = [];
    esc.advanceTo(100, (e) => { if (e.id === 1 && e.kind === 'assign' && late.length === 0) late.push(esc.start(ownOnly, e.time)); });
    expect(late).toEqual([2]);
    expect(esc.messages(2)).toBe(escalationLatency(charts, ownOnly, {}).messages);
  });
});
