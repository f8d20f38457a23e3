/**
 * From an experiment to the list of runs: design points (full grid, Latin hypercube, random), the
 * scenario at each point, paired seeds per (point, replicate), run ids, and the deterministic split
 * into shards. Everything here is a pure function of the experiment and the base scenario, so a run's
 * output depends only on (experiment, point, replicate, mode) — never on worker count, shard split
 * or interruptions. Platform-free.
 */
import { truncatedNormal } from './normal.ts';
import { createRng } from '../rng.ts';
export { normalQuantile } from './normal.ts';
import { morrisSample, saltelliSample } from './sampling.ts';
import { ValidationError } from '../params/errors.ts';
import { applyOverrides } from '../model/overrides.ts';
import { resolveScenario, type Scenario } from '../model/scenario.ts';
import type { ModeSpec } from '../model/runner.ts';
import { isDummy, modeSpecOf, type Experiment, type Scalar, type SeriesField, type VarySpec } from './schema.ts';
import * as dmath from '../math.ts';

export interface Point {
  /** 0-based index in design order. */
  index: number;
  /** Varied parameter → value at this point (in the order of `vary`). */
  values: Record<string, Scalar>;
}

export interface RunSpec {
  /** e.g. "p3-r17-spontaneous": unique within the experiment. */
  id: string;
  point: number;
  replicate: number;
  /** Index into plan.modes. */
  mode: number;
  label: string;
  seed: number;
}

export interface Shard {
  k: number;
  n: number;
}

export interface Plan {
  experiment: Experiment;
  points: Point[];
  modes: ModeSpec[];
  labels: string[];
  /** seeds[point][replicate]: the same seed for every mode (paired runs). */
  seeds: number[][];
  /** Hours between samples of the scenario's own series at each point (run.sampleEvery × run.dt). */
  sampleHours: number[];
  /** The horizon at each point (h). */
  horizons: number[];
}

/** Points of the design, in a fixed order (grid: first parameter slowest). */
export function expandDesign(exp: Experiment): Point[] {
  const { vary, design } = exp;
  if (design.type === 'grid') {
    const lists = vary.map((v) => (v as Extract<VarySpec, { kind: 'values' }>).values);
    const total = lists.reduce((n, l) => n * l.length, 1);
    const points: Point[] = [];
    for (let index = 0; index < total; index++) {
      const values: Record<string, Scalar> = {};
      let rest = index;
      for (let d = vary.length - 1; d >= 0; d--) {
        values[vary[d].path] = lists[d][rest % lists[d].length];
        rest = Math.floor(rest / lists[d].length);
      }
      points.push({ index, values: Object.fromEntries(vary.map((v) => [v.path, values[v.path]])) });
    }
    return points;
  }
  if (design.type === 'points') return design.rows.map((row, index) => ({ index, values: Object.fromEntries(vary.map((v) => [v.path, row[v.path]])) }));
  const rows = unitRows(exp);
  return rows.map((u, index) => ({ index, values: Object.fromEntries(vary.map((v, d) => [v.path, valueAt(v, u[d])])) }));
}

/**
 * A sampled design's points in the unit cube (row = point, column = varied parameter, in the order
 * of `vary`); the analyses of Morris and Sobol designs read them back from here.
 */
export function unitRows(exp: Experiment): Float64Array[] {
  const { vary, design } = exp;
  const k = vary.length;
  if (design.type === 'morris') return morrisSample(k, design);
  if (design.type === 'sobol') return saltelliSample(k, design);
  if (design.type !== 'latin-hypercube' && design.type !== 'random') throw new Error(`a ${design.type} design has no unit-cube rows`);
  const n = design.points;
  const rng = createRng(`starling-design/${design.type}/${design.seed}`);
  // u[d][i] in [0, 1): a Latin hypercube puts exactly one point in each of n strata per dimension.
  const u = vary.map(() => {
    if (design.type === 'random') return Array.from({ length: n }, () => rng());
    const perm = Array.from({ length: n }, (_, k) => k);
    for (let k = n - 1; k > 0; k--) {
      const j = Math.floor(rng() * (k + 1));
      [perm[k], perm[j]] = [perm[j], perm[k]];
    }
    return perm.map((stratum) => (stratum + rng()) / n);
  });
  return Array.from({ length: n }, (_, i) => Float64Array.from(vary, (_v, d) => u[d][i]));
}

/** The parameter value at quantile u of its distribution (inverse CDF). */
export function valueAt(v: VarySpec, u: number): Scalar {
  if (v.kind === 'values') {
    if (!v.weights) return v.values[Math.min(v.values.length - 1, Math.floor(u * v.values.length))];
    let acc = 0;
    for (let k = 0; k < v.values.length; k++) {
      acc += v.weights[k];
      if (u < acc) return v.values[k];
    }
    let last = v.values.length - 1;
    while (last > 0 && !(v.weights[last] > 0)) last--;
    return v.values[last]; // u within rounding of 1
  }
  const dist = v.distribution;
  if (v.integer) {
    const lo = Math.ceil(v.min);
    const hi = Math.floor(v.max);
    if (dist.kind !== 'uniform') return Math.min(hi, Math.max(lo, Math.round(continuous(v, u))));
    if (v.log && lo > 0) return Math.min(hi, Math.max(lo, Math.floor(dmath.exp(dmath.log(lo) + u * (dmath.log(hi + 1) - dmath.log(lo))))));
    return Math.min(hi, lo + Math.floor(u * (hi - lo + 1)));
  }
  return continuous(v, u);
}

function continuous(v: Extract<VarySpec, { kind: 'range' }>, u: number): number {
  const { min, max, distribution: dist } = v;
  if (dist.kind === 'normal') return truncatedNormal(u, min, max, dist.mean, dist.sd);
  if (dist.kind === 'triangular') {
    const c = max > min ? (dist.mode - min) / (max - min) : 0;
    const t = u < c ? Math.sqrt(u * c) : 1 - Math.sqrt((1 - u) * (1 - c));
    return min + t * (max - min);
  }
  return v.log ? dmath.exp(dmath.log(min) + u * (dmath.log(max) - dmath.log(min))) : min + u * (max - min);
}

/** The seed of one (point, replicate): a hash of the experiment seed, the point and the replicate. */
export function deriveSeed(experimentSeed: number, point: number, replicate: number): number {
  return Math.floor(createRng(`starling-sweep/${experimentSeed}/${point}/${replicate}`)() * 2147483647);
}

/** `--set`-style overrides for one point: the horizon, the held parameters, then the varied ones. */
export function pointOverrides(exp: Experiment, point: Point): string[] {
  const out: string[] = [];
  if (exp.horizon !== undefined) out.push(`run.horizon=${JSON.stringify(exp.horizon)}`);
  for (const [path, value] of exp.set) out.push(`${path}=${JSON.stringify(value)}`);
  for (const [path, value] of Object.entries(point.values)) if (!isDummy(path)) out.push(`${path}=${JSON.stringify(value)}`);
  return out;
}

export function describePoint(point: Point): string {
  const parts = Object.entries(point.values).map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(6)) : v}`);
  return parts.length ? parts.join(', ') : 'the base scenario';
}

/** The fully resolved scenario at one point (throws ValidationError naming the point). */
export function pointScenario(exp: Experiment, baseRaw: unknown, point: Point, what = 'experiment'): Scenario {
  let raw: unknown;
  try {
    raw = applyOverrides(baseRaw, pointOverrides(exp, point));
  } catch (err) {
    throw new ValidationError(what, [`point ${point.index} (${describePoint(point)}): ${(err as Error).message.replace(/^--set: /, '')}`]);
  }
  try {
    return resolveScenario(raw, what);
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(what, err.problems.map((p) => `point ${point.index} (${describePoint(point)}): ${p}`));
    throw err;
  }
}

/**
 * Expand and check an experiment: every point's scenario must resolve, and recorded series must fit
 * the scenario's sampling. Throws ValidationError with one line per problem (at most a few points).
 */
export function planExperiment(exp: Experiment, baseRaw: unknown, what = 'experiment'): Plan {
  const points = expandDesign(exp);
  const problems: string[] = [];
  const sampleHours: number[] = [];
  const horizons: number[] = [];
  for (const point of points) {
    if (problems.length >= 5) break;
    let scenario: Scenario;
    try {
      scenario = pointScenario(exp, baseRaw, point, what);
    } catch (err) {
      if (err instanceof ValidationError) {
        problems.push(...err.problems);
        continue;
      }
      throw err;
    }
    const h = scenario.run.sampleEvery * scenario.run.dt;
    sampleHours.push(h);
    horizons.push(scenario.run.horizon);
    const every = exp.series?.every;
    if (every !== undefined && !isMultiple(every, h)) {
      problems.push(`series.every: ${every} h is not a multiple of the scenario's sampling interval ${Number(h.toPrecision(6))} h (run.sampleEvery × run.dt) at point ${point.index}; use ${Number(h.toPrecision(6))}, ${Number((2 * h).toPrecision(6))}, … or change run.sampleEvery`);
    }
  }
  if (problems.length) throw new ValidationError(what, problems);
  const seeds = points.map((p) => Array.from({ length: exp.replicates }, (_, r) => deriveSeed(exp.seed, exp.seeds === 'common' ? 0 : p.index, r)));
  return { experiment: exp, points, modes: exp.modes.map(modeSpecOf), labels: exp.modes, seeds, sampleHours, horizons };
}

function isMultiple(every: number, h: number): boolean {
  const k = every / h;
  return k >= 1 - 1e-9 && Math.abs(k - Math.round(k)) < 1e-6;
}

/**
 * Which series the sweep keeps per run: the fields asked for (plus recovery, for the report's
 * curves) and, per point, the stride (every k-th of the scenario's samples) that makes them
 * `series.every` hours apart. Without a series in the experiment: recovery only, ~120 points.
 */
export function seriesPlan(plan: Plan): { fields: SeriesField[]; strides: number[] } {
  const s = plan.experiment.series;
  const fields: SeriesField[] = s ? (s.fields.includes('recovery') ? [...s.fields] : [...s.fields, 'recovery']) : ['recovery'];
  const strides = plan.sampleHours.map((h, k) => {
    if (s?.every !== undefined) return Math.max(1, Math.round(s.every / h));
    if (s) return 1;
    return Math.max(1, Math.round(plan.horizons[k] / h / 120));
  });
  return { fields, strides };
}

export function runId(point: number, replicate: number, label: string): string {
  return `p${point}-r${replicate}-${label}`;
}

/** Number of (point, replicate) units; a shard takes every n-th unit, so all modes of a pair stay together. */
export function unitCount(plan: Plan): number {
  return plan.points.length * plan.experiment.replicates;
}

export function inShard(plan: Plan, point: number, replicate: number, shard: Shard | null): boolean {
  if (!shard || shard.n === 1) return true;
  return (point * plan.experiment.replicates + replicate) % shard.n === shard.k - 1;
}

/** Every run of the plan (or of one shard), in canonical order: point, replicate, mode. */
export function runsOf(plan: Plan, shard: Shard | null = null): RunSpec[] {
  const out: RunSpec[] = [];
  const R = plan.experiment.replicates;
  for (let p = 0; p < plan.points.length; p++) {
    for (let r = 0; r < R; r++) {
      if (!inShard(plan, p, r, shard)) continue;
      for (let m = 0; m < plan.labels.length; m++) out.push({ id: runId(p, r, plan.labels[m]), point: p, replicate: r, mode: m, label: plan.labels[m], seed: plan.seeds[p][r] });
    }
  }
  return out;
}

/** Parse "k/n" (1 ≤ k ≤ n). Throws Error with the fix. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new Error(`--shard: "${text}" is not k/n; give the shard number and the count, e.g. --shard 1/4`);
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > 100_000) throw new Error(`--shard ${text}: the count n must be from 1 to 100000`);
  if (k < 1 || k > n) throw new Error(`--shard ${text}: shard ${k} does not exist when there are ${n}; k must be from 1 to ${n} (e.g. --shard ${Math.min(Math.max(k, 1), n)}/${n})`);
  return { k, n };
}

/** Canonical JSON (sorted keys) for hashing: equal experiments give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What determines the results: hashed to tell experiments apart (the name, title and description do not count). */
export function identityOf(exp: Experiment, scenario: Scenario, version: string): unknown {
  const { name: _n, title: _t, description: _d, scenario: _s, ...rest } = exp;
  return { format: 'starling-sweep/1', version, experiment: rest, scenario };
}
