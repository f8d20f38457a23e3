/**
 * A worker thread of the sweep pool (bundled to node_modules/.cache/starling/worker.mjs): it receives
 * the base scenario and each design point's overrides once, then runs (point, mode, seed) tasks with
 * the same sim/ engine as everything else and posts back the metrics and the chosen time series.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { applyOverrides } from '../../sim/model/overrides.ts';
import { resolveScenario, type Scenario } from '../../sim/model/scenario.ts';
import { runScenario } from '../../sim/model/runner.ts';
import { pickSeries } from '../../sim/experiment/records.ts';
import type { WorkerInit, WorkerReply, WorkerTask } from './pool.ts';

const init = workerData as WorkerInit;
const scenarios = new Map<number, Scenario>();

function scenarioAt(point: number): Scenario {
  let s = scenarios.get(point);
  if (!s) {
    s = resolveScenario(applyOverrides(init.baseRaw, init.points[point]), `point ${point}`);
    if (scenarios.size > 256) scenarios.clear();
    scenarios.set(point, s);
  }
  return s;
}

const port = parentPort!;
port.on('message', (task: WorkerTask) => {
  const started = performance.now();
  try {
    const scenario = scenarioAt(task.point);
    const wantSeries = init.series !== null;
    const r = runScenario(scenario, { mode: task.mode.mode, lambda: task.mode.lambda, seed: task.seed, series: wantSeries });
    const reply: WorkerReply = {
      type: 'done',
      key: task.key,
      metrics: r.metrics,
      series: wantSeries && r.series ? pickSeries(r.series, init.series!.strides[task.point], init.series!.fields) : undefined,
      ms: performance.now() - started,
    };
    port.postMessage(reply);
  } catch (err) {
    const reply: WorkerReply = { type: 'error', key: task.key, message: (err as Error).stack ?? String(err) };
    port.postMessage(reply);
  }
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
