/**
 * Edits of a scenario's JSON made by the lab's ecosystem editor: add, remove and rename firms, set a
 * firm's headcount, layers and span, trust between two firms, move a firm's home, and choose the firm
 * a shock hits, its kind and size. Pure functions (no DOM): each returns a new scenario JSON, which the
 * worker then validates like any file, so the editor cannot produce a scenario a file could not.
 * Also the plain-language list of what differs from the preset.
 */
import { PARAMS, ROLES, type GroupName, type Role } from '../../sim/model/params.ts';
import type { Scenario } from '../../sim/model/scenario.ts';
import { LIMITS } from '../../sim/model/scenario.ts';
import type { ParamDecl } from '../../sim/params/declare.ts';

type Raw = Record<string, unknown>;
type RawFirm = Record<string, unknown>;
type RawShock = Record<string, unknown>;

/** A copy of the JSON with an explicit firm list (names fixed, so renaming and reordering are stable). */
function withFirms(raw: Raw, s: Scenario): { out: Raw; firms: RawFirm[] } {
  const out = structuredClone(raw);
  if (!Array.isArray(out.firms)) out.firms = s.firms.map((f) => ({ role: f.role, name: f.name }));
  const firms = out.firms as RawFirm[];
  firms.forEach((f, i) => (f.name ??= s.firms[i].name));
  return { out, firms };
}

function withTrust(out: Raw, s: Scenario): number[][] {
  if (!Array.isArray(out.trust)) out.trust = s.trust.map((row) => [...row]);
  return out.trust as number[][];
}

const shocksOf = (out: Raw) => ((out.shocks as RawShock[]) ?? []);

export function addFirm(raw: Raw, s: Scenario, role: Role = 'distributor', name?: string): Raw {
  if (s.firms.length >= LIMITS.firms) throw new Error(`firms: at most ${LIMITS.firms} firms`);
  const { out, firms } = withFirms(raw, s);
  // A new firm joins the chain before the customer segment, so the chain's order stays upstream → downstream.
  const at = firms.findIndex((f) => f.role === 'customer');
  const index = at < 0 ? firms.length : at;
  const taken = new Set(firms.map((f) => String(f.name)));
  let label = name ?? `New ${role}`;
  for (let k = 2; taken.has(label); k++) label = `${name ?? `New ${role}`} ${k}`;
  firms.splice(index, 0, { role, name: label });
  if (Array.isArray(out.trust)) {
    const t = out.trust as number[][];
    const near = s.ecosystem.trustAdjacent;
    const far = s.ecosystem.trustOther;
    for (const row of t) row.splice(index, 0, far);
    t.splice(index, 0, new Array(firms.length).fill(far));
    for (let j = 0; j < firms.length; j++) {
      const v = j === index ? 1 : Math.abs(j - index) === 1 ? near : far;
      t[index][j] = v;
      t[j][index] = v;
    }
  }
  for (const sh of shocksOf(out)) if (Number(sh.owner) >= index) sh.owner = Number(sh.owner) + 1;
  return out;
}

export function removeFirm(raw: Raw, s: Scenario, index: number): Raw {
  if (s.firms.length <= 2) throw new Error('firms: an ecosystem needs at least 2 firms');
  const hit = shocksOf(raw).findIndex((sh) => Number(sh.owner) === index);
  if (hit >= 0) throw new Error(`${s.firms[index].name} is the firm shock ${hit + 1} hits; move that shock to another firm first`);
  const { out, firms } = withFirms(raw, s);
  firms.splice(index, 1);
  if (Array.isArray(out.trust)) {
    const t = out.trust as number[][];
    t.splice(index, 1);
    for (const row of t) row.splice(index, 1);
  }
  for (const sh of shocksOf(out)) if (Number(sh.owner) > index) sh.owner = Number(sh.owner) - 1;
  return out;
}

export type FirmField = 'name' | 'role' | 'headcount' | 'layers' | 'span';

export function setFirm(raw: Raw, s: Scenario, index: number, field: FirmField, value: string | number): Raw {
  const { out, firms } = withFirms(raw, s);
  if (field === 'role' && !ROLES.includes(value as Role)) throw new Error(`role: "${value}" is not one of ${ROLES.join(', ')}`);
  firms[index][field] = field === 'name' || field === 'role' ? String(value).trim() : Number(value);
  if (field === 'name' && !firms[index].name) throw new Error('name: a firm needs a name');
  return out;
}

/** Trust between two firms, both ways (the editor shows pairs). */
export function setTrust(raw: Raw, s: Scenario, i: number, j: number, value: number): Raw {
  if (i === j) throw new Error('trust: a firm always trusts itself fully');
  const out = structuredClone(raw);
  const t = withTrust(out, s);
  t[i][j] = value;
  t[j][i] = value;
  return out;
}

export function moveHome(raw: Raw, s: Scenario, index: number, x: number, y: number): Raw {
  const { out, firms } = withFirms(raw, s);
  const clamp = (v: number, hi: number) => Math.round(10 * Math.max(0, Math.min(hi, v))) / 10;
  firms[index].home = [clamp(x, s.ecosystem.width), clamp(y, s.ecosystem.height)];
  return out;
}

export type ShockField = 'owner' | 'kind' | 'gap' | 'onset';

export function setShock(raw: Raw, s: Scenario, k: number, field: ShockField, value: string | number): Raw {
  const out = structuredClone(raw);
  const sh = shocksOf(out)[k];
  if (!sh) throw new Error(`shock ${k + 1} does not exist`);
  sh[field] = field === 'kind' ? String(value) : Number(value);
  if (field === 'owner') {
    // A shock placed on another firm should not keep a label naming the old one, nor its old place.
    const name = s.firms[Number(value)]?.name ?? `firm ${value}`;
    if (typeof sh.label === 'string' && sh.label.includes(' at ')) sh.label = `${sh.label.slice(0, sh.label.lastIndexOf(' at '))} at ${name}`;
    delete sh.location;
    delete sh.signal;
  }
  return out;
}

export function removeShock(raw: Raw, k: number): Raw {
  const out = structuredClone(raw);
  const list = shocksOf(out);
  if (list.length <= 1) throw new Error('shocks: a scenario needs at least one shock');
  list.splice(k, 1);
  return out;
}

const num = (v: number) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000));

/** What differs from the preset, in plain language ("Layers of management: 4 → 6"). */
export function differences(now: Scenario, preset: Scenario): string[] {
  const out: string[] = [];
  for (const g of Object.keys(PARAMS) as GroupName[]) {
    for (const [k, d] of Object.entries(PARAMS[g]) as Array<[string, ParamDecl]>) {
      const a = (preset[g] as Record<string, unknown>)[k];
      const b = (now[g] as Record<string, unknown>)[k];
      if (a !== b) out.push(`${d.label ?? `${g}.${k}`}: ${String(a)} → ${String(b)}`);
    }
  }
  const names = (s: Scenario) => s.firms.map((f) => f.name);
  const added = names(now).filter((n) => !names(preset).includes(n));
  const removed = names(preset).filter((n) => !names(now).includes(n));
  if (added.length) out.push(`Firms added: ${added.join(', ')}`);
  if (removed.length) out.push(`Firms removed: ${removed.join(', ')}`);
  for (const f of now.firms) {
    const p = preset.firms.find((x) => x.name === f.name);
    if (!p) continue;
    for (const key of ['role', 'headcount', 'layers', 'span'] as const) if (p[key] !== f[key]) out.push(`${f.name}: ${key} ${String(p[key])} → ${String(f[key])}`);
    if (Math.hypot(p.home[0] - f.home[0], p.home[1] - f.home[1]) > 0.05) out.push(`${f.name}: home moved`);
  }
  for (let i = 0; i < now.firms.length; i++) {
    for (let j = i + 1; j < now.firms.length; j++) {
      const pi = preset.firms.findIndex((x) => x.name === now.firms[i].name);
      const pj = preset.firms.findIndex((x) => x.name === now.firms[j].name);
      if (pi < 0 || pj < 0) continue;
      const a = preset.trust[pi][pj];
      const b = now.trust[i][j];
      if (Math.abs(a - b) > 1e-9) out.push(`Trust ${now.firms[i].name} – ${now.firms[j].name}: ${num(a)} → ${num(b)}`);
    }
  }
  now.shocks.forEach((sh, k) => {
    const p = preset.shocks[k];
    if (!p) return void out.push(`Shock ${k + 1} added: ${sh.label}`);
    if (p.kind !== sh.kind) out.push(`Shock ${k + 1}: kind ${p.kind} → ${sh.kind}`);
    if (preset.firms[p.owner]?.name !== now.firms[sh.owner]?.name) out.push(`Shock ${k + 1} now hits ${now.firms[sh.owner]?.name} (was ${preset.firms[p.owner]?.name})`);
    if (p.gap !== sh.gap) out.push(`Shock ${k + 1}: size ${num(p.gap)} → ${num(sh.gap)}`);
    if (p.onset !== sh.onset) out.push(`Shock ${k + 1}: starts at ${num(sh.onset)} h (was ${num(p.onset)} h)`);
  });
  if (preset.shocks.length > now.shocks.length) out.push(`${preset.shocks.length - now.shocks.length} shock(s) removed`);
  return out;
}
