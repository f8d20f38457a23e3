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
  const text = readFileSync(path, 'utf8');
  try {
    return { path, raw: JSON.parse(text) };
  } catch (err) {
    throw new UsageError(`${path}: not valid JSON (${(err as Error).message})`);
  }
}

export function loadScenario(nameOrPath: string, sets: string[] = []): { path: string; scenario: Scenario; raw: unknown } {
  const { path, raw } = readScenarioJson(nameOrPath);
  const withSets = applyOverrides(raw, sets);
  return { path, raw: withSets, scenario: resolveScenario(withSets, path) };
}
