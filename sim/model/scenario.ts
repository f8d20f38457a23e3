/**
 * Scenario files: the schema (generated from the parameter declarations), validation with clear
 * errors (`firms[2].layers: 0 is below the minimum 1`), and resolution into a fully specified
 * scenario where every default is filled in. A scenario that fails validation never runs.
 */
import { z } from 'zod';
import { objectSchemaOf } from '../params/declare.ts';
import { ValidationError, formatIssues } from '../params/errors.ts';
import { movementProblems } from './movement.ts';
import { K, PARAMS, ROLE_FUNCTIONS, ROLES, SHOCK_KINDS, SHOCK_SKILLS, SKILLS, defaultParams, type ModelParams, type Role, type ShockKind } from './params.ts';
import * as dmath from '../math.ts';

/** `streamProblems`: the expected number of routine problems over the horizon (cost is O(people × problems)). */
export const LIMITS = { firms: 12, shocks: 50, peoplePerFirm: 20000, people: 100_000, horizon: 100_000, text: 4000, streamProblems: 400 } as const;

const skillName = z.enum(SKILLS);
const point = z.tuple([z.number().min(-1e6).max(1e6), z.number().min(-1e6).max(1e6)]);

const firmSchema = z.strictObject({
  role: z.enum(ROLES).describe('Role in the value chain'),
  name: z.string().max(80).optional().describe('Display name'),
  headcount: z.number().int().min(2).max(LIMITS.peoplePerFirm).optional().describe('People in the firm'),
  layers: z.number().int().min(1).max(10).optional().describe('Org-chart layers incl. the front line'),
  span: z.number().int().min(1).max(50).optional().describe('Span of control'),
  functions: z.array(skillName).min(1).max(K).optional().describe('Departments (skills) the firm has'),
  home: point.optional().describe('Home position [x, y]'),
});

const shockSchema = z.strictObject({
  kind: z.enum(SHOCK_KINDS).describe('Kind of shock'),
  owner: z.number().int().min(0).max(LIMITS.firms - 1).describe('Index of the firm that sees the problem first'),
  onset: z.number().min(0).max(LIMITS.horizon).default(0).describe('Hours after the start'),
  gap: z.number().min(0.001).max(1e6).optional().describe('Gap G0 (default shock.gap)'),
  rMax: z.number().min(0.001).max(1e5).optional().describe('Maximum closure rate (default shock.rMax)'),
  skills: z.array(skillName).min(1).max(K).optional().describe('Skills needed, equal weights (default by kind)'),
  location: point.optional().describe('Where the work is; default: centroid of the homes of the firms whose skills it needs'),
  signal: point.optional().describe("Where the problem shows, so the owner's front line notices it; default: the owner's home"),
  falseAlarm: z.boolean().default(false).describe('Looks real but needs nothing'),
  label: z.string().max(120).optional(),
});

const groupSchemas = Object.fromEntries(Object.entries(PARAMS).map(([g, decls]) => [g, objectSchemaOf(decls).default({} as never)]));

export const scenarioSchema = z.strictObject({
  $schema: z.string().max(500).optional(),
  name: z.string().min(1).max(80).regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes').describe('Identifier'),
  title: z.string().min(1).max(120).describe('Title shown to users'),
  description: z.string().max(LIMITS.text).default('').describe('Plain-language description for executives'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1).describe('Default seed'),
  ...groupSchemas,
  firms: z.array(firmSchema).min(2).max(LIMITS.firms).optional().describe('Firms in the value chain (default: supplier → manufacturer → distributor → retailer → customer segment)'),
  trust: z.array(z.array(z.number().min(0).max(1)).max(LIMITS.firms)).max(LIMITS.firms).optional().describe('Trust matrix override (firms × firms)'),
  shocks: z.array(shockSchema).min(1).max(LIMITS.shocks).describe('Shocks that hit the ecosystem'),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;

export interface FirmSpec {
  index: number;
  role: Role;
  name: string;
  headcount: number;
  layers: number;
  span: number;
  functions: number[];
  home: [number, number];
}

export interface ShockSpec {
  index: number;
  kind: ShockKind;
  label: string;
  owner: number;
  onset: number;
  gap: number;
  rMax: number;
  /** Required skill mix w (sums to 1 for real shocks). */
  mix: number[];
  location: [number, number];
  /** Where the symptom shows (the owner's front line detects within perception range of it). */
  signal: [number, number];
  falseAlarm: boolean;
  /** A routine problem of the stream (problemStream.ts), not one of the scenario's own shocks. */
  background?: boolean;
}

/** A scenario with every default filled in: what a run actually uses. */
export interface Scenario extends ModelParams {
  name: string;
  title: string;
  description: string;
  seed: number;
  firms: FirmSpec[];
  trust: number[][];
  shocks: ShockSpec[];
}

function keysAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return Object.keys(scenarioSchema.shape);
  const head = path[0];
  if (typeof head === 'string' && head in PARAMS && path.length === 1) return Object.keys(PARAMS[head as keyof typeof PARAMS]);
  if (head === 'firms' && path.length === 2) return Object.keys(firmSchema.shape);
  if (head === 'shocks' && path.length === 2) return Object.keys(shockSchema.shape);
  return [];
}

/** Validate raw JSON and resolve every default. Throws ValidationError listing every problem. */
export function resolveScenario(input: unknown, what = 'scenario'): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(what, formatIssues(parsed.error.issues, input, keysAt));
  const s = parsed.data as z.output<typeof scenarioSchema> & ModelParams;
  const problems: string[] = [];
  const params = defaultParams();
  for (const g of Object.keys(params) as Array<keyof ModelParams>) Object.assign(params[g], (s as unknown as ModelParams)[g]);

  const firmInputs: z.output<typeof firmSchema>[] = s.firms ?? ROLES.map((role) => ({ role }));
  const n = firmInputs.length;
  const cx = params.ecosystem.width / 2;
  const cy = params.ecosystem.height / 2;
  const firms: FirmSpec[] = firmInputs.map((f, index) => {
    // Homes on an arc (a 240° sweep around the centre), upstream to downstream.
    const angle = Math.PI * (7 / 6) - (n === 1 ? 0 : (index / (n - 1)) * (4 * Math.PI) / 3);
    const home: [number, number] = f.home ?? [cx + params.ecosystem.homeRadius * dmath.cos(angle), cy + params.ecosystem.homeRadius * dmath.sin(angle)];
    if (home[0] < 0 || home[0] > params.ecosystem.width || home[1] < 0 || home[1] > params.ecosystem.height) {
      problems.push(`firms[${index}].home: [${home.map((v) => v.toFixed(1)).join(', ')}] lies outside the ${params.ecosystem.width}×${params.ecosystem.height} space; move it inside or shrink ecosystem.homeRadius`);
    }
    const role = f.role as Role;
    return {
      index,
      role,
      name: f.name ?? `${role[0].toUpperCase()}${role.slice(1)}${firmInputs.filter((g) => g.role === role).length > 1 ? ` ${index + 1}` : ''}`,
      headcount: f.headcount ?? (role === 'customer' ? params.ecosystem.customerHeadcount : params.ecosystem.headcount),
      layers: f.layers ?? (role === 'customer' ? 1 : params.hierarchy.layers),
      span: f.span ?? params.hierarchy.span,
      functions: (f.functions ?? ROLE_FUNCTIONS[role]).map((name) => SKILLS.indexOf(name)),
      home,
    };
  });
  const total = firms.reduce((sum, f) => sum + f.headcount, 0);
  if (total > LIMITS.people) problems.push(`firms: ${total} people in all is above the limit ${LIMITS.people}; lower the headcounts`);

  let trust: number[][];
  if (s.trust) {
    trust = s.trust;
    if (trust.length !== n || trust.some((row) => row.length !== n)) problems.push(`trust: must be a ${n}×${n} matrix (one row and column per firm)`);
  } else {
    trust = firms.map((_, i) => firms.map((__, j) => (i === j ? 1 : Math.abs(i - j) === 1 ? params.ecosystem.trustAdjacent : params.ecosystem.trustOther)));
  }

  const shocks: ShockSpec[] = s.shocks.map((sh, index) => {
    if (sh.owner >= n) problems.push(`shocks[${index}].owner: ${sh.owner} is not a firm (there are ${n}: 0…${n - 1})`);
    if (sh.onset >= params.run.horizon) problems.push(`shocks[${index}].onset: ${sh.onset} h is not before the horizon ${params.run.horizon} h`);
    const needed = (sh.skills ?? SHOCK_SKILLS[sh.kind]).map((name) => SKILLS.indexOf(name));
    const mix = new Array(K).fill(0);
    for (const k of needed) mix[k] = 1 / needed.length;
    const ownerFirm = firms[Math.min(sh.owner, n - 1)];
    const location = sh.location ?? defaultLocation(firms, needed, Math.min(sh.owner, n - 1));
    const signal: [number, number] = sh.signal ?? [ownerFirm.home[0], ownerFirm.home[1]];
    // Someone must be able to notice it: the owner's front line in a department it touches, or, for
    // a demand spike, a customer segment. Otherwise the shock could never be detected in any mode.
    const ownerSees = needed.some((k) => ownerFirm.functions.includes(k));
    const customersSee = sh.kind === 'demand-spike' && firms.some((f) => f.role === 'customer');
    if (sh.owner < n && !ownerSees && !customersSee) {
      problems.push(`shocks[${index}].owner: firm ${sh.owner} (${ownerFirm.name}) has no department the shock needs (${needed.map((k) => SKILLS[k]).join(', ')}), so nobody could ever notice it; pick an owner with one of them or change skills`);
    }
    return {
      index,
      kind: sh.kind,
      label: sh.label ?? `${sh.falseAlarm ? 'False alarm: ' : ''}${sh.kind.replace('-', ' ')} at ${firms[Math.min(sh.owner, n - 1)].name}`,
      owner: sh.owner,
      onset: sh.onset,
      gap: sh.gap ?? params.shock.gap,
      rMax: sh.rMax ?? params.shock.rMax,
      mix,
      location,
      signal,
      falseAlarm: sh.falseAlarm,
    };
  });
  if (shocks.every((sh) => sh.falseAlarm)) problems.push('shocks: every shock is a false alarm; add at least one real shock (falseAlarm: false) to measure the response');
  problems.push(...movementProblems(params));
  // Background exceptions arrive at load / serviceMean per hour and are played one by one between
  // reports, so a vanishing (but non-zero) service time would mean astronomically many of them.
  const sMin = 0.01;
  if (params.hierarchy.serviceMean > 0 && params.hierarchy.serviceMean < sMin) {
    problems.push(`hierarchy.serviceMean: ${params.hierarchy.serviceMean} h is above 0 but below ${sMin} h (36 s); use 0 for managers who handle reports instantly, or at least ${sMin}`);
  }
  const expected = params.problems.rate * params.run.horizon;
  if (expected > LIMITS.streamProblems) {
    problems.push(`problems.rate: ${params.problems.rate} /h over a ${params.run.horizon} h horizon means ~${Math.round(expected)} problems, above the limit ${LIMITS.streamProblems}; lower the rate or the horizon`);
  }
  if (problems.length) throw new ValidationError(what, problems);
  return { ...params, name: s.name, title: s.title, description: s.description, seed: s.seed, firms, trust, shocks };
}

/**
 * Centroid of the homes of the owner and of the firms the hierarchy would call on for the skills the
 * owner lacks (the nearest tier that has each skill): the work sits between the firms that do it.
 */
export function defaultLocation(firms: FirmSpec[], needed: number[], owner: number): [number, number] {
  const involved = new Set<number>([owner]);
  for (const k of needed) {
    if (firms[owner].functions.includes(k)) continue;
    const partner = nearestWithSkill(firms, owner, k);
    if (partner >= 0) involved.add(partner);
  }
  let x = 0;
  let y = 0;
  for (const f of involved) {
    x += firms[f].home[0];
    y += firms[f].home[1];
  }
  return [x / involved.size, y / involved.size];
}

/** The firm nearest in the chain to `owner` that has skill k (ties go upstream); -1 if none. */
export function nearestWithSkill(firms: FirmSpec[], owner: number, k: number): number {
  for (let d = 1; d < firms.length; d++) {
    for (const f of [owner - d, owner + d]) if (f >= 0 && f < firms.length && firms[f].functions.includes(k)) return f;
  }
  return -1;
}

/**
 * The raw (file) form of a resolved scenario: resolving it again gives the same scenario. Used by
 * snapshots and share links so that anything restored goes through the same validation as a file.
 */
export function toRaw(s: Scenario): Record<string, unknown> {
  const groups = Object.fromEntries((Object.keys(PARAMS) as Array<keyof ModelParams>).map((g) => [g, { ...s[g] }]));
  return {
    name: s.name,
    title: s.title,
    description: s.description,
    seed: s.seed,
    ...groups,
    firms: s.firms.map((f) => ({ role: f.role, name: f.name, headcount: f.headcount, layers: f.layers, span: f.span, functions: f.functions.map((k) => SKILLS[k]), home: [...f.home] })),
    trust: s.trust.map((row) => [...row]),
    shocks: s.shocks.map((sh) => ({ kind: sh.kind, owner: sh.owner, onset: sh.onset, gap: sh.gap, rMax: sh.rMax, skills: sh.mix.flatMap((w, k) => (w > 0 ? [SKILLS[k]] : [])), location: [...sh.location], signal: [...sh.signal], falseAlarm: sh.falseAlarm, label: sh.label })),
  };
}
