/**
 * The library API for Node (and the browser worker): run a scenario in one mode, or run modes paired
 * on the same seeds (common random numbers), and summarise the paired saving.
 *
 *   import { loadScenario, runPaired } from 'starling';
 *   const runs = runPaired(scenario, { seeds: [1, 2, 3], modes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] });
 */
import { Simulation, type RunOptions } from './simulation.ts';
import type { RunMetrics, SeriesPoint } from './metrics.ts';
import type { Scenario } from './scenario.ts';
import type { ModeName } from './params.ts';

export interface ModeSpec {
  mode: ModeName;
  lambda?: number;
}

export interface RunResult {
  metrics: RunMetrics;
  series?: SeriesPoint[];
}

/** One run to the horizon. */
export function runScenario(scenario: Scenario, opts: RunOptions & { series?: boolean }): RunResult {
  const sim = new Simulation(scenario, opts);
  const metrics = sim.run();
  return opts.series ? { metrics, series: sim.series() } : { metrics };
}

/** Every mode on every seed: for one seed all modes share firms, people, positions and shock draws. */
export function runPaired(scenario: Scenario, opts: { seeds: number[]; modes: ModeSpec[]; series?: boolean; onRun?: (r: RunResult, done: number, total: number) => void }): RunResult[] {
  const out: RunResult[] = [];
  const total = opts.seeds.length * opts.modes.length;
  for (const seed of opts.seeds) {
    for (const m of opts.modes) {
      const r = runScenario(scenario, { mode: m.mode, lambda: m.lambda, seed, series: opts.series });
      out.push(r);
      opts.onRun?.(r, out.length, total);
    }
  }
  return out;
}

/**
 * The one codec for modes, used by the CLI (`--modes`), stories and the lab: "hierarchical",
 * "spontaneous", "hybrid" (λ from the scenario's shared.lambda) or "hybrid:0.2" (λ fixed).
 */
export function parseMode(text: string, what = '--modes'): ModeSpec {
  const [name, lambda, extra] = text.trim().split(':');
  if ((name !== 'hierarchical' && name !== 'spontaneous' && name !== 'hybrid') || extra !== undefined) throw new Error(`${what}: "${text.trim()}" is not a mode (hierarchical, spontaneous, hybrid or hybrid:λ)`);
  if (name !== 'hybrid') {
    if (lambda !== undefined) throw new Error(`${what}: only hybrid takes a λ (e.g. hybrid:0.2), not ${name}`);
    return { mode: name };
  }
  if (lambda === undefined) return { mode: 'hybrid' };
  const l = Number(lambda);
  if (lambda.trim() === '' || !(l >= 0 && l <= 1)) throw new Error(`${what}: hybrid λ "${lambda}" must be a number between 0 and 1`);
  return { mode: 'hybrid', lambda: l };
}

/** Parse "hierarchical,spontaneous,hybrid:0.2" into mode specs. */
export function parseModes(text: string): ModeSpec[] {
  return text.split(',').map((part) => parseMode(part));
}

/** The inverse of parseMode: "hybrid" when λ comes from the scenario. */
export function printMode(m: ModeSpec): string {
  return m.mode === 'hybrid' && m.lambda !== undefined ? `hybrid:${m.lambda}` : m.mode;
}

/** The label of a run's mode with its effective λ (metrics carry it; a spec may leave it to the scenario). */
export function modeLabel(m: ModeSpec | RunMetrics, lambda?: number): string {
  const l = 'lambda' in m && m.lambda !== undefined ? m.lambda : lambda;
  return m.mode === 'hybrid' && l !== undefined ? `hybrid:${l}` : m.mode;
}

/** Plain-language name of a mode label ("hybrid:0.2" → "Hybrid (20% connected)"). */
/** A mode's title inside a sentence: "the hierarchy", "spontaneous association". */
export const modePhrase = (title: string) => (title === 'Hierarchy' ? 'the hierarchy' : title.toLowerCase());

export function modeTitle(label: string): string {
  if (label === 'hierarchical') return 'Hierarchy';
  if (label === 'spontaneous') return 'Spontaneous association';
  const l = Number(label.split(':')[1]);
  return Number.isFinite(l) ? `Hybrid (${Math.round(100 * l)}% connected)` : 'Hybrid';
}
