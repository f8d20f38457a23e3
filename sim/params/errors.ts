/**
 * Turns zod issues into one clear line per problem: the path, the value, and what is allowed —
 * e.g. `firms[2].layers: 0 is below the minimum 1`. Users fix files by reading these, so every
 * message names the field and the fix.
 */
import type { z } from 'zod';

export class ValidationError extends Error {
  readonly problems: string[];
  constructor(what: string, problems: string[]) {
    super(`${what} is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[part];
  }
  return cur;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === undefined) return 'missing';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value;
}

/** The option nearest to `word` by edit distance, if near enough to be what was meant. */
export function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const option of options) {
    const score = editDistance(word.toLowerCase(), option.toLowerCase());
    if (score < bestScore) {
      bestScore = score;
      best = option;
    }
  }
  return bestScore <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.abs(a.length - b.length) + 64;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** Known keys at a path, for "did you mean" hints on unknown keys. */
export type KeysAt = (path: readonly PropertyKey[]) => readonly string[];

export function formatIssues(issues: readonly z.core.$ZodIssue[], input: unknown, keysAt?: KeysAt): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    const where = formatPath(issue.path);
    const value = valueAt(input, issue.path);
    switch (issue.code) {
      case 'too_small':
        if (issue.origin === 'array') out.push(`${where}: has ${Array.isArray(value) ? value.length : 0} items, needs at least ${issue.minimum}`);
        else out.push(`${where}: ${show(value)} is below the minimum ${issue.minimum}`);
        break;
      case 'too_big':
        if (issue.origin === 'array') out.push(`${where}: has ${Array.isArray(value) ? value.length : 0} items, at most ${issue.maximum} allowed`);
        else if (issue.origin === 'string') out.push(`${where}: text is longer than ${issue.maximum} characters`);
        else out.push(`${where}: ${show(value)} is above the maximum ${issue.maximum}`);
        break;
      case 'invalid_type':
        out.push(`${where}: expected ${issue.expected}, got ${value === undefined ? 'nothing' : show(value)}`);
        break;
      case 'invalid_value':
        out.push(`${where}: ${show(value)} is not one of ${issue.values.map((v) => String(v)).join(', ')}`);
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const known = keysAt?.(issue.path) ?? [];
          const hint = closest(key, known);
          out.push(`${formatPath([...issue.path, key])}: unknown parameter${hint ? ` (did you mean "${hint}"?)` : known.length ? ` (known: ${known.join(', ')})` : ''}`);
        }
        break;
      case 'not_multiple_of':
        out.push(`${where}: ${show(value)} must be a multiple of ${issue.divisor}`);
        break;
      default:
        if (issue.code === 'invalid_format' || issue.code === 'custom') out.push(`${where}: ${issue.message}`);
        else if (typeof value === 'number' && !Number.isInteger(value) && issue.message.includes('int')) out.push(`${where}: ${value} must be a whole number`);
        else out.push(`${where}: ${issue.message}`);
    }
  }
  return out;
}
