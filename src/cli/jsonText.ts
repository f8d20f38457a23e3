/**
 * JSON as people write it: a UTF-8 byte-order mark (Windows editors add one) is accepted, and a key
 * given twice in one object is refused — JSON.parse would silently keep the last, so a setting
 * typed twice would lose one without a word — and so are __proto__, constructor and prototype keys.
 */
import { UsageError } from './args.ts';

export function parseJsonText(text: string, what: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw new UsageError(`${what}: not valid JSON (${(err as Error).message}); fix the syntax`);
  }
  const dup = duplicateKey(body);
  if (dup) throw new UsageError(`${what}: "${dup.key}" appears twice in ${dup.where}; give each key once`);
  const bad = forbiddenKey(value, '');
  if (bad) throw new UsageError(`${what}: ${bad}: "${bad.split('.').pop()}" is not allowed as a key (it would reach JavaScript's object prototype); remove it`);
  return value;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first __proto__ / constructor / prototype key (JSON.parse keeps them as own keys). */
function forbiddenKey(v: unknown, path: string): string | undefined {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const hit = forbiddenKey(v[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return undefined;
  }
  if (v === null || typeof v !== 'object') return undefined;
  for (const k of Object.keys(v)) {
    const here = path ? `${path}.${k}` : k;
    if (FORBIDDEN.has(k)) return here;
    const hit = forbiddenKey((v as Record<string, unknown>)[k], here);
    if (hit) return hit;
  }
  return undefined;
}

/** The first key repeated within one object, with where it is ("set", "(top level)"); JSON is known valid. */
export function duplicateKey(text: string): { key: string; where: string } | undefined {
  // A stack of objects/arrays being read: for an object, its keys so far and the key that opened it.
  const stack: Array<{ keys: Set<string> | null; name: string }> = [];
  let lastString: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      lastString = JSON.parse(text.slice(i, j + 1)) as string;
      i = j;
      continue;
    }
    if (c === ':') {
      const top = stack[stack.length - 1];
      if (top?.keys && lastString !== null) {
        if (top.keys.has(lastString)) return { key: lastString, where: top.name };
        top.keys.add(lastString);
      }
      continue;
    }
    if (c === '{' || c === '[') {
      const parent = stack[stack.length - 1];
      const name = parent?.keys && lastString !== null ? `"${lastString}"` : parent ? `an item of ${parent.name}` : 'the top level';
      stack.push({ keys: c === '{' ? new Set() : null, name });
      lastString = null;
      continue;
    }
    if (c === '}' || c === ']') stack.pop();
    if (c === ',') lastString = null;
  }
  return undefined;
}
