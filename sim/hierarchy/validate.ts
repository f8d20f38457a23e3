/**
 * Validation of the hierarchical mode's escalation engine (spec V5) — the Escalator, the one engine
 * the model runs (sim/model/simulation.ts), not a copy of it:
 *  "at zero load the latency equals the sum of per-hop constants exactly; with Poisson arrivals and
 *   exponential service the mean wait per hop matches M/M/1 (2 h at 50% load, 5 h at 80%, service
 *   mean 1 h)".
 * "Wait per hop" is the time in system W = 1/(μ − λ) of a report at one manager.
 *
 * Measurement: probe reports are sent through each of K independent managers, P per manager,
 * spaced G hours apart with G = 5 relaxation times s/(1 − √ρ)² so a probe almost never finds work
 * left by the previous probe (the probes themselves must not add load). Per-manager means are
 * independent, so the standard error comes from their spread and stays honest even though probes
 * on one manager are mildly correlated. Tolerance = 4 standard errors.
 */
import { createRng, streamRng, type Rng } from '../rng.ts';
import { escalationLatency, type EscalationPath, type EscalationResult, type EscalationTiming } from './escalation.ts';
import { Escalator } from './escalator.ts';
import { ManagerQueues } from './managerQueue.ts';
import { OrgChart } from './orgChart.ts';

export interface ValidationRow { check: string; measured: number; expected: number; tolerance: number; pass: boolean }

const row = (check: string, measured: number, expected: number, tolerance: number): ValidationRow =>
  ({ check, measured, expected, tolerance, pass: Math.abs(measured - expected) <= tolerance });

/** Mean time in system of probe reports at a loaded manager, with its standard error. */
export function measureSojourn(opts: {
  load: number; service: 'exponential' | 'deterministic'; managers: number; probesPerManager: number; rng: Rng; serviceMeanH?: number;
}): { mean: number; se: number; n: number } {
  const s = opts.serviceMeanH ?? 1;
  const q = new ManagerQueues(opts.managers, { serviceMeanH: s, service: opts.service, load: opts.load }, opts.rng);
  const gap = Math.max(20 * s, (5 * s) / (1 - Math.sqrt(opts.load)) ** 2);
  const means: number[] = [];
  for (let m = 0; m < opts.managers; m++) {
    let sum = 0;
    for (let j = 0; j < opts.probesPerManager; j++) {
      const t = j * gap;
      sum += q.serve(m, t) - t;
    }
    means.push(sum / opts.probesPerManager);
  }
  const mean = means.reduce((a, b) => a + b, 0) / means.length;
  const varMeans = means.reduce((a, b) => a + (b - mean) ** 2, 0) / (means.length - 1);
  return { mean, se: Math.sqrt(varMeans / means.length), n: opts.managers * opts.probesPerManager };
}

/** A deterministic family of charts and paths: layers 2..6, spans 2..8, both channels, B 0 and 8. */
export function zeroLoadCases(seed: number | string): Array<{ charts: OrgChart[]; path: EscalationPath; timing: EscalationTiming }> {
  const rng = streamRng(seed, 'v5-zero-load-cases');
  const pick = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const cases: Array<{ charts: OrgChart[]; path: EscalationPath; timing: EscalationTiming }> = [];
  for (let layers = 2; layers <= 6; layers++) {
    for (const span of [2, 3, 5, 8]) {
      const charts = [0, 1, 2, 3].map((i) => new OrgChart({
        headcount: pick(layers, 400), layers: i === 0 ? layers : pick(1, 6), span, functions: i % 2 ? [2, 3] : [0, 1, 2],
      }));
      const owner = charts[0];
      const front = owner.layerStart[owner.layers - 1];
      const detector = pick(front, owner.headcount - 1);
      for (const channel of ['contracted', 'adjacent'] as const) {
        for (const batchH of [0, 8]) {
          const handoff = rng() < 0.5;
          cases.push({ charts, timing: { batchH, handoff }, path: {
            owner: 0, detector, funcMask: 0b0111, channel,
            partners: [{ firm: 1, funcMask: 0b1100 }, { firm: 2, funcMask: 0b0110, via: [1] }, { firm: 3, funcMask: 0b1000, via: [2] }],
          } });
          cases.push({ charts, timing: { batchH }, path: { owner: 0, detector, funcMask: 1 << owner.func[detector], channel } });
        }
      }
    }
  }
  return cases;
}

/**
 * Runs escalations through the Escalator (all started, then advanced to the end) and reads each one's
 * result off its events: assignment times, completion, messages.
 */
export function runEscalator(
  charts: OrgChart[], requests: Array<{ path: EscalationPath; startTime: number }>, timing: EscalationTiming, queues: ManagerQueues[],
): EscalationResult[] {
  const esc = new Escalator(charts, queues, { timing }, createRng('v5-no-filter'));
  const out: EscalationResult[] = requests.map((r) => ({ assignments: [], completion: r.startTime, messages: 0 }));
  const ids = requests.map((r) => esc.start(r.path, r.startTime));
  esc.advanceTo(Infinity, (e) => {
    if (e.kind !== 'assign') return;
    const res = out[e.id];
    res.assignments.push({ firm: e.firm, func: e.func, person: e.to, time: e.time });
    res.completion = Math.max(res.completion, e.time);
  });
  ids.forEach((id, r) => { out[r].messages = esc.messages(id); });
  return out;
}

/** Largest |exact sum − Escalator| over all assignment times and message counts of the cases. */
export function zeroLoadMismatch(seed: number | string): { maxDiff: number; cases: number } {
  let maxDiff = 0;
  const cases = zeroLoadCases(seed);
  for (const c of cases) {
    const calc = escalationLatency(c.charts, c.path, c.timing);
    const queues = c.charts.map((ch) => new ManagerQueues(ch.headcount, { serviceMeanH: 1, service: 'deterministic', load: 0 }, createRng(seed)));
    const sim = runEscalator(c.charts, [{ path: c.path, startTime: 0 }], c.timing, queues)[0];
    maxDiff = Math.max(maxDiff, Math.abs(calc.completion - sim.completion), Math.abs(calc.messages - sim.messages));
    if (calc.assignments.length !== sim.assignments.length) maxDiff = Infinity;
    // Same assignment (firm, function, person) at the same time, whatever the order events came in.
    for (const a of calc.assignments) {
      const b = sim.assignments.find((x) => x.firm === a.firm && x.func === a.func && x.person === a.person);
      maxDiff = Math.max(maxDiff, b ? Math.abs(a.time - b.time) : Infinity);
    }
  }
  return { maxDiff, cases: cases.length };
}

export function validateHierarchy(opts: { seeds?: number; quick?: boolean; seed?: number } = {}): ValidationRow[] {
  const quick = opts.quick ?? false;
  const seed = opts.seed ?? 1;
  const seeds = Math.max(1, opts.seeds ?? (quick ? 1 : 4));
  const rows: ValidationRow[] = [];

  // 1. Zero load: the Escalator through real (deterministic, unloaded) queues == the sum of constants.
  let maxDiff = 0;
  let nCases = 0;
  for (let k = 0; k < seeds; k++) {
    const r = zeroLoadMismatch(`${seed}+${k}`);
    maxDiff = Math.max(maxDiff, r.maxDiff);
    nCases += r.cases;
  }
  rows.push(row(`V5 zero load: Escalator == exact sum of per-hop constants, max |Δ| over ${nCases} escalations (h)`, maxDiff, 0, 0));

  // 2. Zero load against a hand count: 4-layer owner, contracted partner with 3 layers, B = 8.
  const owner = new OrgChart({ headcount: 156, layers: 4, span: 5, functions: [0, 1] });
  const partner = new OrgChart({ headcount: 31, layers: 3, span: 5, functions: [2] });
  const handPath: EscalationPath = { owner: 0, detector: owner.headcount - 1, funcMask: 0, channel: 'contracted', partners: [{ firm: 1, funcMask: 1 << 2 }] };
  const res = runEscalator([owner, partner], [{ path: handPath, startTime: 0 }], { batchH: 8 },
    [owner, partner].map((c) => new ManagerQueues(c.headcount, { serviceMeanH: 1, service: 'deterministic', load: 0 }, createRng(seed))))[0];
  // 3 queued hops up (1 h each) → 3 h, cross at 8, partner top serves → 9, decides → 11, 2 hops down.
  rows.push(row('V5 zero load: 3 hops up + batch to 8 + 1 hop + 2 h decision + 2 × 0.5 h descent (h)', res.completion, 12, 0));

  // 3. M/M/1 time in system per hop, and M/D/1 (checks the deterministic warm-up).
  const sizes = quick ? { managers: 200, probesPerManager: 20 } : { managers: 300, probesPerManager: 30 };
  const cases: Array<[string, 'exponential' | 'deterministic', number, number]> = [
    ['M/M/1 ρ=0.5', 'exponential', 0.5, 2],
    ['M/M/1 ρ=0.8', 'exponential', 0.8, 5],
    ['M/D/1 ρ=0.8', 'deterministic', 0.8, 1 + 0.8 / (2 * 0.2)],
  ];
  for (const [name, service, load, expected] of cases) {
    const parts = Array.from({ length: seeds }, (_, k) =>
      measureSojourn({ load, service, ...sizes, rng: streamRng(`${seed}+${k}`, `v5-${name}`) }));
    const mean = parts.reduce((a, p) => a + p.mean, 0) / seeds;
    const se = Math.sqrt(parts.reduce((a, p) => a + p.se ** 2, 0)) / seeds;
    rows.push(row(`V5 ${name}: mean time in system per hop (h), n=${parts[0].n * seeds}`, mean, expected, 4 * se));
  }

  // 4. Whole escalation at ρ=0.5: mean latency = calculator with W = 2 h per queued hop (linearity of
  // expectation; the partner-only path has no max() in it). Each rep restarts stationary queues.
  const reps = quick ? 300 : 2000;
  const charts = [owner, partner];
  const path: EscalationPath = { owner: 0, detector: owner.headcount - 1, funcMask: 0, channel: 'contracted', partners: [{ firm: 1, funcMask: 1 << 2 }] };
  const queues = charts.map((c, i) => new ManagerQueues(c.headcount, { serviceMeanH: 1, service: 'exponential', load: 0.5 }, streamRng(seed, `v5-esc-${i}`)));
  const lat: number[] = [];
  for (let r = 0; r < reps; r++) {
    queues.forEach((q) => q.reset());
    lat.push(runEscalator(charts, [{ path, startTime: 0 }], {}, queues)[0].completion);
  }
  const m = lat.reduce((a, b) => a + b, 0) / reps;
  const sd = Math.sqrt(lat.reduce((a, b) => a + (b - m) ** 2, 0) / (reps - 1));
  const expected = escalationLatency(charts, path, { serviceH: 2 }).completion;
  rows.push(row(`V5 escalation at ρ=0.5: mean completion = constants with W=2 h per hop (h), n=${reps}`, m, expected, 4 * sd / Math.sqrt(reps)));
  return rows;
}
