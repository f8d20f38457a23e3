/**
 * Experiment files for `starling sweep`: which scenario, which parameters to hold (`set`) and to scan
 * (`vary`), the design (full grid, Latin hypercube or random sampling with a seed), the modes to
 * compare, replicates per point (paired seeds), the horizon and the time series to record.
 *
 *   {
 *     "name": "batching-vs-load",
 *     "scenario": "drug-shortage",
 *     "set":  { "hierarchy.span": 6 },
 *     "vary": { "hierarchy.batchPeriod": [0, 8, 24], "hierarchy.load": { "min": 0.2, "max": 0.8, "steps": 3 } },
 *     "design": "grid",
 *     "modes": ["hierarchical", "spontaneous", "hybrid:0.2"],
 *     "replicates": 50,
 *     "seed": 1,
 *     "horizon": 240,
 *     "series": { "every": 2, "fields": ["recovery", "coverage"] }
 *   }
 *
 * Validated with zod and then by hand, with one clear line per problem that names the field, the
 * value and the fix (`vary.hierarchy.load[2]: 0.99 is above the maximum 0.95 …`). Platform-free.
 */
import { z } from 'zod';
import Papa from 'papaparse';
import { MAX_SOBOL_FACTORS } from './sampling.ts';
import { normalMass } from './normal.ts';
import { ValidationError, editDistance, formatIssues } from '../params/errors.ts';
import type { ParamDecl } from '../params/declare.ts';
import { PARAMS } from '../model/params.ts';
import { parsePath } from '../model/overrides.ts';
import { parseModes, modeLabel, type ModeSpec } from '../model/runner.ts';
import * as dmath from '../math.ts';

export const SERIES_FIELDS = ['recovery', 'coverage', 'messages', 'informed', 'committed', 'engaged', 'attention', 'queue'] as const;
export type SeriesField = (typeof SERIES_FIELDS)[number];

export const DESIGNS = ['grid', 'latin-hypercube', 'random', 'morris', 'sobol', 'points'] as const;
export type DesignType = (typeof DESIGNS)[number];

export const LIMITS = { runs: 5_000_000, points: 100_000, replicates: 100_000, values: 10_000, modes: 20 } as const;

export type Scalar = number | string | boolean;

/** How a sampled design spreads a range: uniform (log = log-uniform), a normal truncated to [min, max], or triangular. */
export type Distribution = { kind: 'uniform' } | { kind: 'normal'; mean: number; sd: number } | { kind: 'triangular'; mode: number };

/** One scanned parameter: a list of values (with optional weights), or a continuous range (sampled designs only). */
export type VarySpec =
  | { path: string; kind: 'values'; values: Scalar[]; weights?: number[] }
  | { path: string; kind: 'range'; min: number; max: number; log: boolean; integer: boolean; distribution: Distribution };

export type Design =
  | { type: 'grid' }
  | { type: 'latin-hypercube' | 'random'; points: number; seed: number }
  /** Morris elementary effects: `trajectories` × (k + 1) points on a `levels`-level grid. */
  | { type: 'morris'; trajectories: number; levels: number; seed: number }
  /** Saltelli's design for Sobol indices: `samples` × (k + 2) points; `skip` moves along the Sobol sequence. */
  | { type: 'sobol'; samples: number; skip: number }
  /** Points given in a CSV file (one column per parameter path), run as given. */
  | { type: 'points'; file: string; rows: Array<Record<string, Scalar>> };

/** The number of points a design makes over `k` varied parameters (grid: the product of the value counts). */
export function designPoints(design: Design, vary: VarySpec[]): number {
  switch (design.type) {
    case 'grid':
      return vary.reduce((n, v) => n * (v as { values: Scalar[] }).values.length, 1);
    case 'latin-hypercube':
    case 'random':
      return design.points;
    case 'morris':
      return design.trajectories * (vary.length + 1);
    case 'sobol':
      return design.samples * (vary.length + 2);
    case 'points':
      return design.rows.length;
  }
}

export function describeDesign(design: Design): string {
  switch (design.type) {
    case 'grid':
      return 'full grid';
    case 'latin-hypercube':
    case 'random':
      return `${design.type}, ${design.points} points, seed ${design.seed}`;
    case 'morris':
      return `Morris, ${design.trajectories} trajectories on ${design.levels} levels, seed ${design.seed}`;
    case 'sobol':
      return `Sobol (Saltelli), ${design.samples} base samples${design.skip ? `, skip ${design.skip}` : ''}`;
    case 'points':
      return `${design.rows.length} points from ${design.file}`;
  }
}

export interface SeriesSpec {
  /** Hours between recorded samples; undefined = every sample the scenario takes (run.sampleEvery). */
  every?: number;
  fields: SeriesField[];
}

/** A validated experiment with every default filled in: what a sweep actually runs. */
export interface Experiment {
  name: string;
  title: string;
  description: string;
  /** Scenario name or path, as written in the file. */
  scenario: string;
  /** Held parameters, path → value, in file order (scalars found in `vary` are moved here). */
  set: Array<[string, unknown]>;
  vary: VarySpec[];
  design: Design;
  /** Mode labels: hierarchical, spontaneous, hybrid or hybrid:λ. */
  modes: string[];
  replicates: number;
  seed: number;
  /** "independent": a fresh seed per (point, replicate); "common": replicate r uses the same seed at every point. */
  seeds: 'independent' | 'common';
  horizon?: number;
  series: SeriesSpec | null;
}

const experimentSchema = z.strictObject({
  $schema: z.string().max(500).optional(),
  name: z.string().min(1).max(80).regex(/^[a-z0-9][a-z0-9._-]*$/i, 'use letters, digits, dots, dashes and underscores').optional(),
  title: z.string().min(1).max(200).optional(),
  description: z.string().max(4000).default(''),
  scenario: z.string().min(1).max(1000).default('drug-shortage'),
  set: z.record(z.string(), z.unknown()).default({}),
  vary: z.record(z.string(), z.unknown()).default({}),
  design: z.unknown().optional(),
  modes: z.array(z.string().max(40)).min(1).max(LIMITS.modes).default(['hierarchical', 'spontaneous']),
  replicates: z.number().int().min(1).max(LIMITS.replicates).default(20),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  seeds: z.enum(['independent', 'common']).default('independent'),
  horizon: z.number().min(1).max(100_000).optional(),
  series: z.unknown().optional(),
});

const TOP_KEYS = Object.keys(experimentSchema.shape);
const NOT_VARIABLE = new Set(['$schema', 'name', 'title', 'description', 'seed']);

/**
 * A dummy factor ("dummy" or "dummy.NAME"): sampled like a parameter, applied to nothing. Its
 * sensitivity index is what seed noise and estimator error alone produce — the floor a real
 * parameter must clear to count as influential.
 */
export function isDummy(path: string): boolean {
  return /^dummy(\.[A-Za-z0-9_]+)?$/.test(path);
}

/** Every parameter declared in PARAMS, as "group.key". */
export function declaredPaths(): string[] {
  return Object.entries(PARAMS).flatMap(([g, decls]) => Object.keys(decls).map((k) => `${g}.${k}`));
}

/** The declaration of "group.key", if it is one. */
export function declarationOf(path: string): ParamDecl | undefined {
  const [g, k, ...rest] = path.split('.');
  if (rest.length || k === undefined || !Object.prototype.hasOwnProperty.call(PARAMS, g)) return undefined;
  const group = PARAMS[g as keyof typeof PARAMS] as Record<string, ParamDecl>;
  return Object.prototype.hasOwnProperty.call(group, k) ? group[k] : undefined;
}

function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let score = Infinity;
  for (const o of options) {
    const s = editDistance(word.toLowerCase(), o.toLowerCase());
    if (s < score) {
      score = s;
      best = o;
    }
  }
  // Also match on the last segment alone ("batchPeriod" → "hierarchy.batchPeriod").
  if (score > 3) {
    const tail = word.split('.').pop()!.toLowerCase();
    const hit = options.find((o) => o.split('.').pop()!.toLowerCase() === tail);
    if (hit) return hit;
  }
  return score <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v));

/** Check one parameter path; returns a problem line or undefined. */
function checkPath(where: string, path: string): string | undefined {
  let parts: Array<string | number>;
  try {
    parts = parsePath(path);
  } catch {
    return `${where}: "${path}" is not a parameter path; write group.name (e.g. hierarchy.batchPeriod) or firms[2].layers — list them with \`npx starling params\``;
  }
  const head = parts[0];
  if (typeof head !== 'string') return `${where}: "${path}" is not a parameter path; write group.name (e.g. hierarchy.batchPeriod)`;
  if (Object.prototype.hasOwnProperty.call(PARAMS, head)) {
    if (parts.length !== 2 || !declarationOf(path)) {
      const hint = closest(path, declaredPaths());
      return `${where}: unknown parameter "${path}"${hint ? ` (did you mean "${hint}"?)` : ''}; list them with \`npx starling params\``;
    }
    return undefined;
  }
  if (head === 'firms' || head === 'shocks' || head === 'trust') return undefined;
  if (isDummy(path)) return where.startsWith('vary.') ? undefined : `${where}: "${path}" is a dummy factor; it belongs in "vary" only`;
  if (NOT_VARIABLE.has(head) || head === 'name') return `${where}: "${path}" cannot be set by an experiment (seeds come from the experiment's "seed" and the replicate number)`;
  const hint = closest(path, declaredPaths());
  return `${where}: unknown parameter "${path}"${hint ? ` (did you mean "${hint}"?)` : ''}; list them with \`npx starling params\``;
}

/** Check a value against a declaration; returns a problem line or undefined. */
function checkValue(where: string, decl: ParamDecl | undefined, value: unknown): string | undefined {
  if (!decl) return undefined; // firms[…], shocks[…]: checked when each point's scenario is resolved
  if (decl.kind === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${where}: ${show(value)} is not a number (expected ${decl.integer ? 'an integer ' : ''}${decl.min}…${decl.max}${decl.unit ? ` ${decl.unit}` : ''})`;
    if (value < decl.min) return `${where}: ${value} is below the minimum ${decl.min}${decl.unit ? ` ${decl.unit}` : ''}; use a value in ${decl.min}…${decl.max}`;
    if (value > decl.max) return `${where}: ${value} is above the maximum ${decl.max}${decl.unit ? ` ${decl.unit}` : ''}; use a value in ${decl.min}…${decl.max}`;
    if (decl.integer && !Number.isInteger(value)) return `${where}: ${value} must be a whole number`;
    return undefined;
  }
  if (decl.kind === 'enum') return decl.options.includes(value as string) ? undefined : `${where}: ${show(value)} is not one of ${decl.options.join(', ')}`;
  return typeof value === 'boolean' ? undefined : `${where}: ${show(value)} is not true or false`;
}

function isScalar(v: unknown): v is Scalar {
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
}

function parseVary(path: string, raw: unknown, problems: string[]): VarySpec | { held: unknown } | undefined {
  const where = `vary.${path}`;
  const decl = declarationOf(path);
  if (Array.isArray(raw)) {
    if (raw.length === 0) {
      problems.push(`${where}: the list is empty; give at least one value`);
      return undefined;
    }
    if (raw.length > LIMITS.values) {
      problems.push(`${where}: ${raw.length} values is more than the limit ${LIMITS.values}`);
      return undefined;
    }
    const seen = new Set<string>();
    const before = problems.length;
    raw.forEach((v, k) => {
      if (!isScalar(v)) return problems.push(`${where}[${k}]: ${show(v)} is not a number, text or true/false`);
      if (typeof v === 'number' && !Number.isFinite(v)) return problems.push(`${where}[${k}]: not a finite number`);
      const p = checkValue(`${where}[${k}]`, decl, v);
      if (p) return problems.push(p);
      const key = JSON.stringify(v);
      if (seen.has(key)) return problems.push(`${where}[${k}]: ${show(v)} appears twice; list each value once`);
      seen.add(key);
      return undefined;
    });
    return problems.length === before ? { path, kind: 'values', values: raw as Scalar[] } : undefined;
  }
  if (raw !== null && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    const unknownKeys = Object.keys(r).filter((k) => !RANGE_KEYS.includes(k));
    if (unknownKeys.length) {
      problems.push(`${where}.${unknownKeys[0]}: unknown key; a range is {"min": a, "max": b} with optional "steps", "log", "integer" and "distribution" (${DISTRIBUTIONS.join(', ')})`);
      return undefined;
    }
    const dist = r.distribution ?? (r.log === true ? 'log-uniform' : 'uniform');
    if (!DISTRIBUTIONS.includes(dist as (typeof DISTRIBUTIONS)[number])) {
      problems.push(`${where}.distribution: ${show(r.distribution)} is not one of ${DISTRIBUTIONS.join(', ')}`);
      return undefined;
    }
    if (dist === 'discrete') return parseDiscrete(where, path, r, problems);
    for (const k of ['values', 'weights'] as const) {
      if (r[k] !== undefined) {
        problems.push(`${where}.${k}: only a "discrete" distribution takes "${k}"; write {"distribution": "discrete", "values": […], "weights": […]}`);
        return undefined;
      }
    }
    if (decl && decl.kind !== 'number') {
      problems.push(`${where}: ${path} is not numeric, so it takes a list of values (${decl.kind === 'enum' ? decl.options.join(', ') : 'true, false'}), not a range`);
      return undefined;
    }
    const before = problems.length;
    // A normal may leave min/max out: it is then truncated to the parameter's declared range.
    if (dist === 'normal' && decl?.kind === 'number') {
      if (r.min === undefined) r.min = decl.min;
      if (r.max === undefined) r.max = decl.max;
    }
    for (const k of ['min', 'max'] as const) {
      if (typeof r[k] !== 'number' || !Number.isFinite(r[k])) problems.push(`${where}.${k}: ${r[k] === undefined ? 'missing' : show(r[k])}; a range needs numbers "min" and "max"`);
      else {
        const p = checkValue(`${where}.${k}`, decl, r[k]);
        if (p && !(decl?.kind === 'number' && decl.integer && p.includes('whole number'))) problems.push(p);
      }
    }
    if (r.steps !== undefined && (typeof r.steps !== 'number' || !Number.isInteger(r.steps) || r.steps < 2 || r.steps > LIMITS.values)) problems.push(`${where}.steps: ${show(r.steps)} must be a whole number from 2 to ${LIMITS.values}`);
    if (r.log !== undefined && typeof r.log !== 'boolean') problems.push(`${where}.log: ${show(r.log)} is not true or false`);
    if (r.log === true && dist !== 'log-uniform') problems.push(`${where}.log: "log": true is a log-uniform range; drop "log" or the "distribution": "${dist}"`);
    if (r.integer !== undefined && typeof r.integer !== 'boolean') problems.push(`${where}.integer: ${show(r.integer)} is not true or false`);
    if (r.steps !== undefined && dist !== 'uniform' && dist !== 'log-uniform') problems.push(`${where}.steps: a ${dist} distribution is sampled, not stepped; drop "steps" and use a sampled design (latin-hypercube, random, morris, sobol)`);
    for (const k of ['mean', 'sd', 'mode'] as const) {
      const wanted = (dist === 'normal' && (k === 'mean' || k === 'sd')) || (dist === 'triangular' && k === 'mode');
      if (r[k] === undefined) {
        if (wanted) problems.push(`${where}.${k}: missing; a ${dist} distribution needs ${dist === 'normal' ? '"mean" and "sd"' : '"min", "mode" and "max"'}`);
      } else if (!wanted) problems.push(`${where}.${k}: only a ${k === 'mode' ? 'triangular' : 'normal'} distribution takes "${k}"`);
      else if (typeof r[k] !== 'number' || !Number.isFinite(r[k])) problems.push(`${where}.${k}: ${show(r[k])} is not a number`);
    }
    if (problems.length > before) return undefined;
    const min = r.min as number;
    const max = r.max as number;
    const log = dist === 'log-uniform';
    const integer = r.integer === true || (decl?.kind === 'number' && decl.integer === true);
    if (min > max) {
      problems.push(`${where}: min ${min} is above max ${max}; swap them`);
      return undefined;
    }
    if (log && min <= 0) {
      problems.push(`${where}: a log range needs min > 0 (got ${min})`);
      return undefined;
    }
    if (integer && Math.ceil(min) > Math.floor(max)) {
      problems.push(`${where}: no whole number lies between ${min} and ${max}`);
      return undefined;
    }
    let distribution: Distribution = { kind: 'uniform' };
    if (dist === 'normal') {
      const sd = r.sd as number;
      if (!(sd > 0)) {
        problems.push(`${where}.sd: ${sd} must be above 0`);
        return undefined;
      }
      if (normalMass(min, max, r.mean as number, sd) < 1e-12) {
        problems.push(`${where}: a normal of mean ${r.mean} and sd ${sd} puts almost no probability between ${min} and ${max}; move the mean or widen the range`);
        return undefined;
      }
      distribution = { kind: 'normal', mean: r.mean as number, sd };
    } else if (dist === 'triangular') {
      const mode = r.mode as number;
      if (mode < min || mode > max) {
        problems.push(`${where}.mode: ${mode} is outside min ${min} … max ${max}; the peak must lie in the range`);
        return undefined;
      }
      distribution = { kind: 'triangular', mode };
    }
    if (typeof r.steps === 'number') return { path, kind: 'values', values: rangeValues(min, max, r.steps, log, integer) };
    return { path, kind: 'range', min, max, log, integer, distribution };
  }
  if (isScalar(raw)) {
    const p = checkValue(where, decl, raw);
    if (p) problems.push(p);
    return { held: raw };
  }
  problems.push(`${where}: ${show(raw)} is not a list of values, a range {"min", "max"} or a single value`);
  return undefined;
}

const RANGE_KEYS = ['min', 'max', 'steps', 'log', 'integer', 'distribution', 'mean', 'sd', 'mode', 'values', 'weights'];
export const DISTRIBUTIONS = ['uniform', 'log-uniform', 'normal', 'triangular', 'discrete'] as const;

/** {"distribution": "discrete", "values": […], "weights": […]}: values drawn with the given weights. */
function parseDiscrete(where: string, path: string, r: Record<string, unknown>, problems: string[]): VarySpec | undefined {
  const extra = Object.keys(r).filter((k) => !['distribution', 'values', 'weights'].includes(k));
  if (extra.length) {
    problems.push(`${where}.${extra[0]}: a discrete distribution takes "values" and "weights" only`);
    return undefined;
  }
  if (!Array.isArray(r.values)) {
    problems.push(`${where}.values: ${r.values === undefined ? 'missing' : show(r.values)}; a discrete distribution needs a list of "values"`);
    return undefined;
  }
  const spec = parseVary(path, r.values, problems);
  if (!spec || 'held' in spec || spec.kind !== 'values') return undefined;
  if (r.weights === undefined) return spec;
  const w = r.weights;
  if (!Array.isArray(w) || w.length !== spec.values.length || w.some((x) => typeof x !== 'number' || !Number.isFinite(x) || x < 0)) {
    problems.push(`${where}.weights: give ${spec.values.length} non-negative numbers, one per value`);
    return undefined;
  }
  const total = (w as number[]).reduce((a, b) => a + b, 0);
  if (!(total > 0)) {
    problems.push(`${where}.weights: at least one weight must be above 0`);
    return undefined;
  }
  return { ...spec, weights: (w as number[]).map((x) => x / total) };
}

/** Evenly spaced values (geometric when log), rounded and de-duplicated for integers. */
export function rangeValues(min: number, max: number, steps: number, log: boolean, integer: boolean): number[] {
  const out: number[] = [];
  for (let k = 0; k < steps; k++) {
    const u = k / (steps - 1);
    let v = k === 0 ? min : k === steps - 1 ? max : log ? dmath.exp(dmath.log(min) + u * (dmath.log(max) - dmath.log(min))) : min + u * (max - min);
    if (integer) v = Math.min(Math.floor(max), Math.max(Math.ceil(min), Math.round(v)));
    else v = Number(v.toPrecision(12)); // 0.30000000000000004 → 0.3: values people can read and type
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

const DESIGN_HELP = 'use "grid", {"type": "latin-hypercube", "points": N}, {"type": "random", "points": N}, {"type": "morris", "trajectories": R}, {"type": "sobol", "samples": N} or {"type": "points", "file": "design.csv"}';
const DESIGN_KEYS: Record<string, string[]> = {
  grid: ['type'],
  'latin-hypercube': ['type', 'points', 'seed'],
  random: ['type', 'points', 'seed'],
  morris: ['type', 'trajectories', 'levels', 'seed'],
  sobol: ['type', 'samples', 'skip'],
  points: ['type', 'file'],
};

function wholeNumber(where: string, v: unknown, min: number, max: number, problems: string[], missing?: string): number | undefined {
  if (v === undefined && missing) {
    problems.push(`${where}: missing; ${missing}`);
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    problems.push(`${where}: ${show(v)} must be a whole number from ${min} to ${max}`);
    return undefined;
  }
  return v;
}

function parseDesign(raw: unknown, seed: number, problems: string[], readText?: (file: string) => string): Design | undefined {
  if (raw === undefined || raw === 'grid') return { type: 'grid' };
  const alias = (t: unknown) => (t === 'lhs' ? 'latin-hypercube' : t);
  if (typeof raw === 'string') {
    if (alias(raw) !== 'grid' && (DESIGNS as readonly string[]).includes(alias(raw) as string)) problems.push(`design: "${raw}" needs its settings; ${DESIGN_HELP}`);
    else problems.push(`design: "${raw}" is not a design; ${DESIGN_HELP}`);
    return undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`design: ${show(raw)} is not a design; ${DESIGN_HELP}`);
    return undefined;
  }
  const d = raw as Record<string, unknown>;
  const type = alias(d.type) as string;
  if (!(DESIGNS as readonly string[]).includes(type)) {
    problems.push(`design.type: ${show(d.type)} is not one of ${DESIGNS.join(', ')}`);
    return undefined;
  }
  const extra = Object.keys(d).filter((k) => !DESIGN_KEYS[type].includes(k));
  if (extra.length) {
    if (type === 'grid' && extra[0] === 'points') problems.push('design.points: a grid has one point per combination of values; drop "points" or use "latin-hypercube"/"random"');
    else problems.push(`design.${extra[0]}: unknown key (a ${type} design has ${DESIGN_KEYS[type].map((k) => `"${k}"`).join(', ')})`);
    return undefined;
  }
  const seedOf = () => (d.seed === undefined ? seed : wholeNumber('design.seed', d.seed, 0, 2 ** 31 - 1, problems));
  if (type === 'grid') return { type: 'grid' };
  if (type === 'latin-hypercube' || type === 'random') {
    const points = wholeNumber('design.points', d.points, 1, LIMITS.points, problems, `give a whole number of points from 1 to ${LIMITS.points}`);
    const s = seedOf();
    return points === undefined || s === undefined ? undefined : { type, points, seed: s };
  }
  if (type === 'morris') {
    const trajectories = wholeNumber('design.trajectories', d.trajectories, 2, LIMITS.points, problems, 'give the number of trajectories, e.g. 20 (Campolongo et al. 2007 use 10–50)');
    const levels = d.levels === undefined ? 4 : wholeNumber('design.levels', d.levels, 2, 100, problems);
    if (levels !== undefined && levels % 2 !== 0) {
      problems.push(`design.levels: ${levels} is odd; Morris's step Δ = p / (2 (p − 1)) needs an even number of levels (4 is usual)`);
      return undefined;
    }
    const s = seedOf();
    return trajectories === undefined || levels === undefined || s === undefined ? undefined : { type, trajectories, levels, seed: s };
  }
  if (type === 'sobol') {
    const samples = wholeNumber('design.samples', d.samples, 2, LIMITS.points, problems, 'give the number of base samples N, e.g. 1024 (a power of two keeps the Sobol sequence balanced)');
    const skip = d.skip === undefined ? 0 : wholeNumber('design.skip', d.skip, 0, 2 ** 30, problems);
    return samples === undefined || skip === undefined ? undefined : { type, samples, skip };
  }
  // points: a CSV file, one column per parameter path.
  if (typeof d.file !== 'string' || d.file.trim() === '') {
    problems.push('design.file: missing; give the CSV of points, e.g. {"type": "points", "file": "design.csv"} (one column per parameter path)');
    return undefined;
  }
  if (!readText) {
    problems.push(`design.file: "${d.file}" cannot be read here; run the experiment with \`npx starling sweep\``);
    return undefined;
  }
  let text: string;
  try {
    text = readText(d.file);
  } catch (err) {
    problems.push(`design.file: cannot read "${d.file}" (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); the path is relative to the experiment file`);
    return undefined;
  }
  const rows = parsePointsCsv(`design.file ${d.file}`, text, problems);
  return rows ? { type: 'points', file: d.file, rows } : undefined;
}

/** A design CSV: a header of parameter paths, then one row of values per point. */
export function parsePointsCsv(where: string, text: string, problems: string[]): Array<Record<string, Scalar>> | undefined {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy', delimiter: ',' });
  if (parsed.errors.length) {
    const e = parsed.errors[0];
    problems.push(`${where}: row ${(e.row ?? 0) + 1}: ${e.message}`);
    return undefined;
  }
  const [header, ...body] = parsed.data;
  if (!header || header.length === 0 || body.length === 0) {
    problems.push(`${where}: needs a header of parameter paths and at least one row of values`);
    return undefined;
  }
  const columns = header.map((h) => h.trim());
  const before = problems.length;
  columns.forEach((c, k) => {
    const p = checkPath(`${where}: column ${k + 1}`, c);
    if (p) problems.push(p);
    else if (columns.indexOf(c) !== k) problems.push(`${where}: column "${c}" appears twice`);
  });
  if (problems.length > before) return undefined;
  if (body.length > LIMITS.points) {
    problems.push(`${where}: ${body.length} points is more than the limit ${LIMITS.points}`);
    return undefined;
  }
  const rows: Array<Record<string, Scalar>> = [];
  for (let r = 0; r < body.length && problems.length - before < 5; r++) {
    const line = body[r];
    if (line.length !== columns.length) {
      problems.push(`${where}: row ${r + 2} has ${line.length} values, the header ${columns.length}`);
      continue;
    }
    const row: Record<string, Scalar> = {};
    columns.forEach((c, k) => {
      const text = line[k].trim();
      const decl = declarationOf(c);
      const value: Scalar = decl?.kind === 'bool' ? (text === 'true' ? true : text === 'false' ? false : text) : decl?.kind === 'enum' ? text : text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
      const p = checkValue(`${where}: row ${r + 2}, ${c}`, decl, value);
      if (p) problems.push(p);
      else row[c] = value;
    });
    rows.push(row);
  }
  return problems.length > before ? undefined : rows;
}

function parseSeries(raw: unknown, problems: string[]): SeriesSpec | null {
  if (raw === undefined || raw === false || raw === null) return null;
  if (raw === true) return { fields: [...SERIES_FIELDS] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`series: ${show(raw)}; use true, false or {"every": hours, "fields": [${SERIES_FIELDS.map((f) => `"${f}"`).join(', ')}]}`);
    return null;
  }
  const s = raw as Record<string, unknown>;
  const extra = Object.keys(s).filter((k) => k !== 'every' && k !== 'fields');
  if (extra.length) {
    problems.push(`series.${extra[0]}: unknown key (series has "every" in hours and "fields")`);
    return null;
  }
  let every: number | undefined;
  if (s.every !== undefined) {
    if (typeof s.every !== 'number' || !(s.every > 0) || s.every > 100_000) problems.push(`series.every: ${show(s.every)} must be a number of hours above 0`);
    else every = s.every;
  }
  let fields: SeriesField[] = [...SERIES_FIELDS];
  if (s.fields !== undefined) {
    if (!Array.isArray(s.fields) || s.fields.length === 0) problems.push(`series.fields: give a non-empty list from ${SERIES_FIELDS.join(', ')}`);
    else {
      fields = [];
      s.fields.forEach((f, k) => {
        if (!SERIES_FIELDS.includes(f as SeriesField)) problems.push(`series.fields[${k}]: ${show(f)} is not one of ${SERIES_FIELDS.join(', ')}`);
        else if (fields.includes(f as SeriesField)) problems.push(`series.fields[${k}]: "${f}" appears twice`);
        else fields.push(f as SeriesField);
      });
    }
  }
  return { every, fields };
}

/**
 * Validate raw experiment JSON. `what` names the file in messages; `fallbackName` is used when the
 * file has no "name" (the CLI passes the file's base name). Throws ValidationError listing every
 * problem, one line each.
 */
export function parseExperiment(input: unknown, what: string, fallbackName = 'experiment', opts: { readText?: (file: string) => string } = {}): Experiment {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new ValidationError(what, ['(root): the file must hold a JSON object like {"scenario": "drug-shortage", "vary": {…}, "replicates": 20}']);
  const parsed = experimentSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(what, formatIssues(parsed.error.issues, input, (path) => (path.length === 0 ? TOP_KEYS : [])));
  const e = parsed.data;
  const problems: string[] = [];

  const set: Array<[string, unknown]> = [];
  for (const [path, value] of Object.entries(e.set)) {
    const p = checkPath(`set.${path}`, path) ?? checkValue(`set.${path}`, declarationOf(path), value);
    if (p) problems.push(p);
    else set.push([path, value]);
  }
  const vary: VarySpec[] = [];
  const beforeVary = problems.length;
  for (const [path, raw] of Object.entries(e.vary)) {
    const p = checkPath(`vary.${path}`, path);
    if (p) {
      problems.push(p);
      continue;
    }
    if (set.some(([s]) => s === path)) {
      problems.push(`vary.${path}: also given in "set"; hold it in "set" or scan it in "vary", not both`);
      continue;
    }
    const spec = parseVary(path, raw, problems);
    if (!spec) continue;
    if ('held' in spec) set.push([path, spec.held]);
    else vary.push(spec);
  }
  if (e.horizon !== undefined && [...set.map(([p]) => p), ...vary.map((v) => v.path)].includes('run.horizon')) problems.push('horizon: also given as run.horizon in "set" or "vary"; give it once');

  const design = parseDesign(e.design, e.seed, problems, opts.readText);
  if (design?.type === 'grid') {
    const open = vary.find((v) => v.kind === 'range');
    if (open) problems.push(`vary.${open.path}: a continuous range needs "steps" in a grid design (e.g. {"min": ${(open as { min: number }).min}, "max": ${(open as { max: number }).max}, "steps": 5}), or use "design": {"type": "latin-hypercube", "points": N}`);
    const weighted = vary.find((v) => v.kind === 'values' && v.weights);
    if (weighted) problems.push(`vary.${weighted.path}.weights: a grid runs every value once, so weights do nothing; drop them or use a sampled design`);
  }
  if (design?.type === 'points') {
    if (vary.length) problems.push(`vary: a points design takes its parameters from the CSV's columns (${Object.keys(design.rows[0]).join(', ')}); leave "vary" out`);
    for (const c of Object.keys(design.rows[0])) if (set.some(([p]) => p === c)) problems.push(`set.${c}: also a column of ${design.file}; give it in one place`);
    for (const c of Object.keys(design.rows[0])) {
      const values = [...new Set(design.rows.map((r) => JSON.stringify(r[c])))].map((t) => JSON.parse(t) as Scalar);
      vary.push({ path: c, kind: 'values', values });
    }
  } else if (design && design.type !== 'grid' && vary.length === 0 && problems.length === beforeVary) problems.push(`design: a ${design.type} design samples the parameters in "vary", but "vary" is empty`);
  if (design?.type === 'sobol' && vary.length > MAX_SOBOL_FACTORS) problems.push(`vary: a Sobol design takes at most ${MAX_SOBOL_FACTORS} parameters, not ${vary.length}; screen them first with a Morris design`);

  const modes: string[] = [];
  e.modes.forEach((text, k) => {
    let spec: ModeSpec;
    try {
      [spec] = parseModes(text);
      if (text.includes(',')) throw new Error(`"${text}": give one mode per list item`);
    } catch (err) {
      problems.push(`modes[${k}]: ${(err as Error).message.replace(/^--modes: /, '')}`);
      return;
    }
    const label = spec.mode === 'hybrid' && spec.lambda === undefined ? 'hybrid' : modeLabel(spec);
    if (modes.includes(label)) problems.push(`modes[${k}]: "${label}" appears twice; list each mode once`);
    else modes.push(label);
  });

  const series = parseSeries(e.series, problems);
  if (problems.length) throw new ValidationError(what, problems);

  const points = designPoints(design!, vary);
  const runs = points * e.replicates * modes.length;
  if (points > LIMITS.points) problems.push(`vary: the ${design!.type} design has ${points} points, above the limit ${LIMITS.points}; scan fewer values or use fewer samples`);
  else if (runs > LIMITS.runs) problems.push(`replicates: ${points} points × ${e.replicates} replicates × ${modes.length} modes = ${runs} runs, above the limit ${LIMITS.runs}`);
  if (problems.length) throw new ValidationError(what, problems);

  return {
    name: e.name ?? fallbackName,
    title: e.title ?? e.name ?? fallbackName,
    description: e.description,
    scenario: e.scenario,
    set,
    vary,
    design: design!,
    modes,
    replicates: e.replicates,
    seed: e.seed,
    seeds: e.seeds,
    horizon: e.horizon,
    series,
  };
}

export function modeSpecOf(label: string): ModeSpec {
  return parseModes(label)[0];
}
