/**
 * Loading scenarios for the CLI: a shipped name ("drug-shortage") or a path, size-limited JSON,
 * `--set path=value` overrides applied before validation, so a bad override gets the same clear
 * error as a bad file.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { resolveScenario, type Scenario } from '../../sim/model/scenario.ts';
import { applyOverrides } from '../../sim/model/overrides.ts';
import { UsageError } from './args.ts';
import { parseJsonText } from './jsonText.ts';
import { ValidationError } from '../../sim/params/errors.ts';

declare const STARLING_ROOT: string;
export const SCENARIO_DIR = join(STARLING_ROOT, 'scenarios');
export const DEFAULT_SCENARIO = 'drug-shortage';
const MAX_BYTES = 1_000_000;

export function shippedScenarios(): string[] {
  return readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).map((f) => basename(f, '.json')).sort();
}

export function scenarioPath(nameOrPath: string): string {
  if (existsSync(nameOrPath) && statSync(nameOrPath).isFile()) return nameOrPath;
  const shipped = join(SCENARIO_DIR, `${nameOrPath}.json`);
  if (existsSync(shipped)) return shipped;
  throw new UsageError(`no scenario "${nameOrPath}": give a file path or one of ${shippedScenarios().join(', ')}`);
}

export function readScenarioJson(nameOrPath: string): { path: string; raw: unknown } {
  const path = scenarioPath(nameOrPath);
  const size = statSync(path).size;
  if (size > MAX_BYTES) throw new UsageError(`${path}: ${size} bytes is larger than the ${MAX_BYTES}-byte limit for a scenario file`);
  return { path, raw: parseJsonText(readFileSync(path, 'utf8'), path) };
}

/**
 * The scenario with `--set` overrides applied. A problem the overrides cause is blamed on the flag,
 * in one line (`--set hierarchy.span=abc: expected number, got "abc"`), not on the scenario file.
 */
export function loadScenario(nameOrPath: string, sets: string[] = []): { path: string; scenario: Scenario; raw: unknown } {
  const { path, raw } = readScenarioJson(nameOrPath);
  let withSets: unknown;
  try {
    withSets = applyOverrides(raw, sets);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  try {
    return { path, raw: withSets, scenario: resolveScenario(withSets, path) };
  } catch (err) {
    if (!(err instanceof ValidationError) || sets.length === 0) throw err;
    try {
      resolveScenario(raw, path);
    } catch {
      throw err; // the file itself is invalid: say so
    }
    const blamed = err.problems.map((p) => {
      const set = sets.find((s) => p.startsWith(`${s.slice(0, s.indexOf('=')).trim()}:`) || p.startsWith(`${s.slice(0, s.indexOf('=')).trim()}.`));
      return set ? `--set ${set}: ${p.slice(p.indexOf(':') + 1).trim()}` : `--set: ${p}`;
    });
    throw new UsageError(blamed.join('; '));
  }
}
