/**
 * A background worker for the many-seed study: it runs paired seeds with the engine's own runPaired
 * (the code `starling run` uses), so the lab's answer is the CLI's answer. Several of these run at
 * once, one per core the browser offers, while the lab's own worker keeps animating.
 */
import { expose } from 'comlink';
import { resolveScenario } from '../../sim/model/scenario.ts';
import { runPaired, type ModeSpec } from '../../sim/model/runner.ts';
import type { RunMetrics } from '../../sim/model/metrics.ts';

const api = {
  run(raw: Record<string, unknown>, modes: ModeSpec[], seeds: number[]): RunMetrics[] {
    return runPaired(resolveScenario(raw), { seeds, modes }).map((r) => r.metrics);
  },
};

export type SeedApi = typeof api;
expose(api);
