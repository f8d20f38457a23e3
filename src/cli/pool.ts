/**
 * A worker_threads pool for batches of runs: one worker per core by default, each running the same
 * sim/ engine (the worker.mjs bundle next to cli.mjs). Tasks are handed out two at a time per worker
 * so no core waits for the next task; results come back in completion order — callers that need a
 * fixed order sort afterwards (a run's result never depends on which worker ran it).
 *
 * Also the batch-throughput benchmark: `benchBatch({ runs, workers })`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RunMetrics } from '../../sim/model/metrics.ts';
import type { ModeSpec } from '../../sim/model/runner.ts';
import type { SeriesBlock } from '../../sim/experiment/records.ts';
import type { SeriesField } from '../../sim/experiment/schema.ts';
import { readScenarioJson, DEFAULT_SCENARIO } from './scenarioFile.ts';

export interface WorkerInit {
  baseRaw: unknown;
  /** Overrides ("path=value") of each design point. */
  points: string[][];
  /** Which series to keep and the stride (every k-th sample) at each point; null = none. */
  series: { fields: SeriesField[]; strides: number[] } | null;
}

export interface WorkerTask {
  key: string;
  point: number;
  mode: ModeSpec;
  seed: number;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; key: string; metrics: RunMetrics; series?: SeriesBlock; ms: number }
  | { type: 'error'; key: string; message: string };

export type TaskResult = Extract<WorkerReply, { type: 'done' }>;

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** The worker bundle: next to this module when bundled (cli.mjs), else the build cache. */
export function workerUrl(): URL {
  const here = new URL('./worker.mjs', import.meta.url);
  if (here.protocol === 'file:' && existsSync(fileURLToPath(here))) return here;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 6; k++) {
    const candidate = join(dir, 'node_modules', '.cache', 'starling', 'worker.mjs');
    if (existsSync(candidate)) return pathToFileURL(candidate);
    dir = dirname(dir);
  }
  throw new Error('worker.mjs not found: run the CLI once (node bin/starling.mjs --help) to build it');
}

/**
 * A fingerprint of the engine build the workers run (a hash of worker.mjs, which bundles all of
 * sim/): two sweeps or shards with the same fingerprint ran the same code.
 */
export function engineFingerprint(): string {
  return createHash('sha256').update(readFileSync(workerUrl())).digest('hex').slice(0, 16);
}

interface Slot {
  worker: Worker;
  inflight: Set<string>;
}

export class RunPool {
  private slots: Slot[] = [];
  private stopped = false;

  private constructor() {}

  /** Start `size` workers and wait until each has loaded the engine. */
  static async start(size: number, init: WorkerInit): Promise<RunPool> {
    const pool = new RunPool();
    const url = workerUrl();
    await Promise.all(
      Array.from({ length: size }, () => {
        const worker = new Worker(url, { workerData: init });
        pool.slots.push({ worker, inflight: new Set() });
        return new Promise<void>((ok, fail) => {
          const onMessage = (m: WorkerReply) => {
            if (m.type === 'ready') {
              worker.off('message', onMessage);
              worker.off('error', fail);
              ok();
            }
          };
          worker.on('message', onMessage);
          worker.once('error', fail);
        });
      }),
    );
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  /**
   * Run every task; `onResult` is called once per task as results arrive (synchronously, before the
   * worker gets its next task). Resolves when all are done, or when stop() is called.
   */
  run(tasks: WorkerTask[], onResult: (r: TaskResult) => void, perWorker = 2): Promise<void> {
    let next = 0;
    let done = 0;
    return new Promise<void>((ok, fail) => {
      if (tasks.length === 0) return ok();
      const cleanups: Array<() => void> = [];
      let settled = false;
      const finish = (err?: Error) => {
        if (settled) return;
        settled = true;
        this.onStop = undefined;
        for (const c of cleanups) c();
        if (err) fail(err);
        else ok();
      };
      this.onStop = () => finish();
      const feed = (slot: Slot) => {
        while (!this.stopped && slot.inflight.size < perWorker && next < tasks.length) {
          const t = tasks[next++];
          slot.inflight.add(t.key);
          slot.worker.postMessage(t);
        }
      };
      for (const slot of this.slots) {
        const onMessage = (m: WorkerReply) => {
          if (this.stopped) return;
          if (m.type === 'error') return finish(new Error(`run ${m.key} failed in a worker: ${m.message}`));
          if (m.type !== 'done') return;
          slot.inflight.delete(m.key);
          try {
            onResult(m);
          } catch (err) {
            return finish(err as Error);
          }
          done++;
          if (done === tasks.length) return finish();
          feed(slot);
        };
        const onError = (err: Error) => finish(new Error(`a worker crashed: ${err.message}`));
        const onExit = (code: number) => {
          if (!this.stopped && code !== 0) finish(new Error(`a worker exited with code ${code}`));
        };
        slot.worker.on('message', onMessage);
        slot.worker.on('error', onError);
        slot.worker.on('exit', onExit);
        cleanups.push(() => {
          slot.worker.off('message', onMessage);
          slot.worker.off('error', onError);
          slot.worker.off('exit', onExit);
        });
        feed(slot);
      }
    });
  }

  private onStop: (() => void) | undefined;

  /** Stop handing out tasks, drop results still in flight and end every worker. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.onStop?.();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

export interface BatchBenchResult {
  workers: number;
  runs: number;
  seconds: number;
  runsPerSec: number;
}

/**
 * Batch throughput on the default scenario (drug-shortage): `runs` runs (alternately hierarchical
 * and spontaneous on paired seeds) over `workers` worker threads. Timed from the first task to the
 * last result, after every worker has loaded the engine and done one untimed warm-up run (so JIT
 * compilation does not count against either worker count).
 */
export async function benchBatch(opts: { runs?: number; workers?: number } = {}): Promise<BatchBenchResult> {
  const workers = Math.max(1, Math.floor(opts.workers ?? defaultWorkers()));
  const runs = Math.max(1, Math.floor(opts.runs ?? 8 * workers));
  const { raw } = readScenarioJson(DEFAULT_SCENARIO);
  const pool = await RunPool.start(workers, { baseRaw: raw, points: [[]], series: null });
  const modes: ModeSpec[] = [{ mode: 'hierarchical' }, { mode: 'spontaneous' }];
  const tasks: WorkerTask[] = Array.from({ length: runs }, (_, k) => ({ key: String(k), point: 0, mode: modes[k % 2], seed: 1 + Math.floor(k / 2) }));
  let started = 0;
  try {
    await pool.run(Array.from({ length: workers }, (_, k) => ({ key: `warm-${k}`, point: 0, mode: modes[k % 2], seed: 1_000_000 + k })), () => {}, 1);
    started = performance.now();
    await pool.run(tasks, () => {});
  } finally {
    await pool.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  return { workers, runs, seconds, runsPerSec: runs / seconds };
}
