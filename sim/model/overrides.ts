/**
 * `--set path=value` overrides on raw scenario JSON (before validation): `hierarchy.batchPeriod=12`,
 * `firms[2].layers=6`, `shocks[0].skills=["logistics"]`. Values are JSON where they parse as JSON,
 * else strings. Paths cannot reach prototypes (`__proto__`, `constructor`, `prototype` are refused).
 */
import { ROLES } from './params.ts';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function parsePath(path: string): Array<string | number> {
  const parts: Array<string | number> = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let consumed = 0;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) parts.push(m[1]);
    else parts.push(Number(m[2]));
    consumed += m[0].length;
  }
  const dots = (path.match(/\./g) ?? []).length;
  if (!parts.length || consumed + dots !== path.length) throw new Error(`--set: "${path}" is not a parameter path (e.g. hierarchy.batchPeriod or firms[2].layers)`);
  for (const part of parts) if (typeof part === 'string' && FORBIDDEN.has(part)) throw new Error(`--set: "${part}" is not allowed in a parameter path`);
  return parts;
}

export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Return a copy of `raw` with every `path=value` applied. */
export function applyOverrides(raw: unknown, sets: string[]): unknown {
  if (!sets.length) return raw;
  const root = structuredClone(raw) as Record<string, unknown>;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) throw new Error('scenario: the file must hold a JSON object');
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) throw new Error(`--set: "${set}" must look like path=value (e.g. hierarchy.batchPeriod=12)`);
    const path = parsePath(set.slice(0, eq).trim());
    const value = parseValue(set.slice(eq + 1).trim());
    if (path[0] === 'firms' && root.firms === undefined) root.firms = ROLES.map((role) => ({ role }));
    let cur: Record<string | number, unknown> = root;
    for (let k = 0; k < path.length - 1; k++) {
      const key = path[k];
      let next = cur[key];
      if (next === undefined) {
        if (Array.isArray(cur) && typeof key === 'number') {
          const name = String(path[k - 1]);
          const what = path[0] === 'firms' && k === 1 ? 'firms' : 'items';
          throw new Error(`--set: ${set.slice(0, eq)}: there are ${cur.length} ${what} (${name}[0] … ${name}[${cur.length - 1}]); index ${key} does not exist`);
        }
        next = typeof path[k + 1] === 'number' ? [] : {};
        cur[key] = next;
      }
      if (next === null || typeof next !== 'object') throw new Error(`--set: ${set.slice(0, eq)}: "${String(key)}" is not an object`);
      cur = next as Record<string | number, unknown>;
    }
    const last = path[path.length - 1];
    if (Array.isArray(cur) && typeof last === 'number' && last > cur.length) throw new Error(`--set: ${set.slice(0, eq)}: index ${last} is past the end (${cur.length} items)`);
    cur[last] = value;
  }
  return root;
}
