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
import { ValidationError, editDistance, formatIssues } from '../params/errors.ts';
import type { ParamDecl } from '../params/declare.ts';
import { PARAMS } from '../model/params.ts';
import { parsePath } from '../model/overrides.ts';
import { parseModes, modeLabel, type ModeSpec } from '../model/runner.ts';

export const SERIES_FIELDS = ['recovery', 'coverage', 'messages', 'informed', 'committed', 'engaged', 'attention', 'queue'] as const;
export type SeriesField = (typeof SERIES_FIELDS)[number];

export const DESIGNS = ['grid', 'latin-hypercube', 'random'] as const;
export type DesignType = (typeof DESIGNS)[number];

export const LIMITS = { runs: 5_000_000, points: 100_000, replicates: 100_000, values: 10_000, modes: 20 } as const;

export type Scalar = number | string | boolean;

/** One scanned parameter: a list of values, or a continuous range (sampled designs only). */
export type VarySpec =
  | { path: string; kind: 'values'; values: Scalar[] }
  | { path: string; kind: 'range'; min: number; max: number; log: boolean; integer: boolean };

export type Design = { type: 'grid' } | { type: 'latin-hypercube' | 'random'; points: number; seed: number };

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
    const unknownKeys = Object.keys(r).filter((k) => !['min', 'max', 'steps', 'log', 'integer'].includes(k));
    if (unknownKeys.length) {
      problems.push(`${where}.${unknownKeys[0]}: unknown key; a range is {"min": a, "max": b} with optional "steps", "log" and "integer"`);
      return undefined;
    }
    if (decl && decl.kind !== 'number') {
      problems.push(`${where}: ${path} is not numeric, so it takes a list of values (${decl.kind === 'enum' ? decl.options.join(', ') : 'true, false'}), not a range`);
      return undefined;
    }
    const before = problems.length;
    for (const k of ['min', 'max'] as const) {
      if (typeof r[k] !== 'number' || !Number.isFinite(r[k])) problems.push(`${where}.${k}: ${r[k] === undefined ? 'missing' : show(r[k])}; a range needs numbers "min" and "max"`);
      else {
        const p = checkValue(`${where}.${k}`, decl, r[k]);
        if (p && !(decl?.kind === 'number' && decl.integer && p.includes('whole number'))) problems.push(p);
      }
    }
    if (r.steps !== undefined && (typeof r.steps !== 'number' || !Number.isInteger(r.steps) || r.steps < 2 || r.steps > LIMITS.values)) problems.push(`${where}.steps: ${show(r.steps)} must be a whole number from 2 to ${LIMITS.values}`);
    if (r.log !== undefined && typeof r.log !== 'boolean') problems.push(`${where}.log: ${show(r.log)} is not true or false`);
    if (r.integer !== undefined && typeof r.integer !== 'boolean') problems.push(`${where}.integer: ${show(r.integer)} is not true or false`);
    if (problems.length > before) return undefined;
    const min = r.min as number;
    const max = r.max as number;
    const log = r.log === true;
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
    if (typeof r.steps === 'number') return { path, kind: 'values', values: rangeValues(min, max, r.steps, log, integer) };
    return { path, kind: 'range', min, max, log, integer };
  }
  if (isScalar(raw)) {
    const p = checkValue(where, decl, raw);
    if (p) problems.push(p);
    return { held: raw };
  }
  problems.push(`${where}: ${show(raw)} is not a list of values, a range {"min", "max"} or a single value`);
  return undefined;
}

/** Evenly spaced values (geometric when log), rounded and de-duplicated for integers. */
export function rangeValues(min: number, max: number, steps: number, log: boolean, integer: boolean): number[] {
  const out: number[] = [];
  for (let k = 0; k < steps; k++) {
    const u = k / (steps - 1);
    let v = k === 0 ? min : k === steps - 1 ? max : log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
    if (integer) v = Math.min(Math.floor(max), Math.max(Math.ceil(min), Math.round(v)));
    else v = Number(v.toPrecision(12)); // 0.30000000000000004 → 0.3: values people can read and type
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

function parseDesign(raw: unknown, seed: number, problems: string[]): Design | undefined {
  if (raw === undefined || raw === 'grid') return { type: 'grid' };
  const alias = (t: unknown) => (t === 'lhs' ? 'latin-hypercube' : t);
  if (typeof raw === 'string') {
    if (alias(raw) === 'latin-hypercube' || raw === 'random') problems.push(`design: "${raw}" needs a number of points, e.g. {"type": "${alias(raw)}", "points": 40}`);
    else problems.push(`design: "${raw}" is not a design; use "grid", {"type": "latin-hypercube", "points": N} or {"type": "random", "points": N}`);
    return undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`design: ${show(raw)} is not a design; use "grid", {"type": "latin-hypercube", "points": N} or {"type": "random", "points": N}`);
    return undefined;
  }
  const d = raw as Record<string, unknown>;
  const extra = Object.keys(d).filter((k) => !['type', 'points', 'seed'].includes(k));
  if (extra.length) {
    problems.push(`design.${extra[0]}: unknown key (a design has "type", "points" and optionally "seed")`);
    return undefined;
  }
  const type = alias(d.type);
  if (type === 'grid') {
    if (d.points !== undefined) problems.push('design.points: a grid has one point per combination of values; drop "points" or use "latin-hypercube"/"random"');
    return { type: 'grid' };
  }
  if (type !== 'latin-hypercube' && type !== 'random') {
    problems.push(`design.type: ${show(d.type)} is not one of grid, latin-hypercube, random`);
    return undefined;
  }
  if (typeof d.points !== 'number' || !Number.isInteger(d.points) || d.points < 1 || d.points > LIMITS.points) {
    problems.push(`design.points: ${d.points === undefined ? 'missing' : show(d.points)}; give a whole number of points from 1 to ${LIMITS.points}`);
    return undefined;
  }
  if (d.seed !== undefined && (typeof d.seed !== 'number' || !Number.isInteger(d.seed) || d.seed < 0 || d.seed > 2 ** 31 - 1)) {
    problems.push(`design.seed: ${show(d.seed)} must be a whole number from 0 to ${2 ** 31 - 1}`);
    return undefined;
  }
  return { type, points: d.points, seed: (d.seed as number | undefined) ?? seed };
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
export function parseExperiment(input: unknown, what: string, fallbackName = 'experiment'): Experiment {
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

  const design = parseDesign(e.design, e.seed, problems);
  if (design?.type === 'grid') {
    const open = vary.find((v) => v.kind === 'range');
    if (open) problems.push(`vary.${open.path}: a continuous range needs "steps" in a grid design (e.g. {"min": ${(open as { min: number }).min}, "max": ${(open as { max: number }).max}, "steps": 5}), or use "design": {"type": "latin-hypercube", "points": N}`);
  }
  if (design && design.type !== 'grid' && vary.length === 0) problems.push(`design: a ${design.type} design samples the parameters in "vary", but "vary" is empty`);

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

  const points = design!.type === 'grid' ? vary.reduce((n, v) => n * (v as { values: Scalar[] }).values.length, 1) : design!.points;
  const runs = points * e.replicates * modes.length;
  if (points > LIMITS.points) problems.push(`vary: the grid has ${points} points, above the limit ${LIMITS.points}; scan fewer values or use a latin-hypercube design`);
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
