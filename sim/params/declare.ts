/**
 * One declaration per parameter: default, range, unit, one-line doc, GUI group.
 *
 * Everything else is generated from these declarations: the zod schema that validates scenario files
 * and CLI flags, the JSON Schema for editors, the lab's controls (src/web/panel.ts), the `starling params` listing and
 * the parameter tables of docs/ODD.md. Like planck.js's `WorldDef` + `DEFAULTS`, but with the range,
 * unit and doc next to the default so they can never drift apart.
 */
import { z } from 'zod';

export interface NumberParam {
  kind: 'number';
  default: number;
  min: number;
  max: number;
  unit: string;
  doc: string;
  integer?: boolean;
  /** Suggested GUI step. */
  step?: number;
  group?: string;
}
export interface EnumParam<T extends string = string> {
  kind: 'enum';
  default: T;
  options: readonly T[];
  doc: string;
  group?: string;
}
export interface BoolParam {
  kind: 'bool';
  default: boolean;
  doc: string;
  group?: string;
}
export type ParamDecl = (NumberParam | EnumParam | BoolParam) & Partial<Words>;

/** The sections an executive sees in the lab (the research groups stay the file and CLI layout). */
export const SECTIONS = {
  ecosystem: 'Your ecosystem',
  hierarchy: 'How your hierarchy works',
  shared: 'How the shared space works',
  shock: 'The shock',
  advanced: 'Advanced',
} as const;
export type SectionName = keyof typeof SECTIONS;

/**
 * Plain-language words for a parameter, declared with it: the lab's label and help, the CLI's
 * `params` listing and the docs' tables all read these. `key` puts it among the handful of controls
 * shown beside the maps; `lab: false` keeps it out of the lab (it cannot act there).
 */
export interface Words {
  label: string;
  help: string;
  section: SectionName;
  key?: boolean;
  lab?: false;
}

/** Attach the plain-language words to a declaration. */
export function say<T extends NumberParam | EnumParam | BoolParam>(decl: T, section: SectionName, label: string, help: string, extra: Pick<Words, 'key' | 'lab'> = {}): T & Words {
  return { ...decl, section, label, help, ...extra };
}
export type ParamDecls = Record<string, ParamDecl>;

export function num(
  def: number,
  min: number,
  max: number,
  unit: string,
  doc: string,
  extra: Partial<Pick<NumberParam, 'integer' | 'step' | 'group'>> = {},
): NumberParam {
  return { kind: 'number', default: def, min, max, unit, doc, ...extra };
}
export function int(def: number, min: number, max: number, unit: string, doc: string, group?: string): NumberParam {
  return num(def, min, max, unit, doc, { integer: true, step: 1, group });
}
export function oneOf<T extends string>(def: T, options: readonly T[], doc: string, group?: string): EnumParam<T> {
  return { kind: 'enum', default: def, options, doc, group };
}
export function bool(def: boolean, doc: string, group?: string): BoolParam {
  return { kind: 'bool', default: def, doc, group };
}

/** The TypeScript value type described by a set of declarations. */
export type ValuesOf<D extends ParamDecls> = {
  [K in keyof D]: D[K] extends NumberParam ? number : D[K] extends EnumParam<infer T> ? T : D[K] extends BoolParam ? boolean : never;
};

export function defaultsOf<D extends ParamDecls>(decls: D): ValuesOf<D> {
  const out: Record<string, unknown> = {};
  for (const [key, decl] of Object.entries(decls)) out[key] = decl.default;
  return out as ValuesOf<D>;
}

/** zod schema for one declaration. */
export function schemaOf(decl: ParamDecl): z.ZodType {
  switch (decl.kind) {
    case 'number': {
      let s = z.number().min(decl.min).max(decl.max);
      if (decl.integer) s = s.int();
      return s.describe(`${decl.doc}${decl.unit ? ` [${decl.unit}]` : ''}`);
    }
    case 'enum':
      return z.enum(decl.options as [string, ...string[]]).describe(decl.doc);
    case 'bool':
      return z.boolean().describe(decl.doc);
  }
}

/** Strict object schema, every field optional with its default filled in. */
export function objectSchemaOf<D extends ParamDecls>(decls: D) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, decl] of Object.entries(decls)) shape[key] = schemaOf(decl).default(decl.default as never);
  return z.strictObject(shape);
}

/** Parse a CLI string ("0.5", "true", "torus") into the declaration's type; throws a clear error. */
export function parseParamString(name: string, decl: ParamDecl, raw: string): number | string | boolean {
  if (decl.kind === 'number') {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) throw new Error(`${name}: "${raw}" is not a number (expected ${describeRange(decl)})`);
    return v;
  }
  if (decl.kind === 'bool') {
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw new Error(`${name}: "${raw}" is not true or false`);
  }
  return raw;
}

/**
 * Check what a person typed into a control against the declaration. Returns the value, or a
 * one-line message naming the allowed range (the lab shows it beside the control and keeps the run).
 */
export function checkInput(decl: ParamDecl, typed: string | boolean): { ok: true; value: number | string | boolean } | { ok: false; message: string } {
  if (decl.kind === 'bool') return { ok: true, value: typed === true || typed === 'true' };
  if (decl.kind === 'enum') return decl.options.includes(String(typed)) ? { ok: true, value: String(typed) } : { ok: false, message: `Choose one of ${decl.options.join(', ')}.` };
  const unit = decl.unit ? ` ${decl.unit}` : '';
  const range = `${fmt(decl.min)} to ${fmt(decl.max)}${unit}`;
  const text = String(typed).trim().replace(',', '.');
  const v = Number(text);
  if (text === '' || !Number.isFinite(v)) return { ok: false, message: `Type a number from ${range}; the run is unchanged.` };
  if (decl.integer && !Number.isInteger(v)) return { ok: false, message: `Whole numbers only, from ${range}; the run is unchanged.` };
  if (v < decl.min || v > decl.max) return { ok: false, message: `${fmt(v)} is outside the allowed ${range}; the run is unchanged.` };
  return { ok: true, value: v };
}

const fmt = (v: number) => (Math.abs(v) >= 1e4 ? v.toLocaleString('en-US') : String(v));

export function describeRange(decl: ParamDecl): string {
  if (decl.kind === 'number') return `${decl.integer ? 'an integer ' : ''}${decl.min}…${decl.max}${decl.unit ? ` ${decl.unit}` : ''}`;
  if (decl.kind === 'enum') return `one of ${decl.options.join(', ')}`;
  return 'true or false';
}

/** A Markdown table of declarations (used by `starling params` and docs/ODD.md). */
export function markdownTable(decls: ParamDecls, prefix = ''): string {
  const rows = ['| parameter | default | range | unit | meaning | in the lab |', '|---|---|---|---|---|---|'];
  for (const [key, d] of Object.entries(decls)) {
    const range = d.kind === 'number' ? `${d.min} – ${d.max}` : d.kind === 'enum' ? d.options.join(', ') : 'true / false';
    const unit = d.kind === 'number' ? d.unit : '';
    rows.push(`| \`${prefix}${key}\` | ${String(d.default)} | ${range} | ${unit} | ${d.doc} | ${d.label ? `**${d.label}**: ${d.help}` : ''} |`);
  }
  return rows.join('\n');
}
