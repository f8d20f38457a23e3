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

/** Parse "hierarchical,spontaneous,hybrid:0.2" into mode specs. */
export function parseModes(text: string): ModeSpec[] {
  return text.split(',').map((part) => {
    const [name, lambda] = part.trim().split(':');
    if (name !== 'hierarchical' && name !== 'spontaneous' && name !== 'hybrid') throw new Error(`--modes: "${name}" is not a mode (hierarchical, spontaneous, hybrid:λ)`);
    if (name !== 'hybrid') {
      if (lambda !== undefined) throw new Error(`--modes: only hybrid takes a λ (e.g. hybrid:0.2), not ${name}`);
      return { mode: name };
    }
    const l = lambda === undefined ? undefined : Number(lambda);
    if (l !== undefined && !(l >= 0 && l <= 1)) throw new Error(`--modes: hybrid λ "${lambda}" must be a number between 0 and 1`);
    return { mode: 'hybrid', lambda: l };
  });
}

export function modeLabel(m: ModeSpec | RunMetrics, lambda?: number): string {
  const l = 'lambda' in m && m.lambda !== undefined ? m.lambda : lambda;
  return m.mode === 'hybrid' ? `hybrid:${l}` : m.mode;
}
