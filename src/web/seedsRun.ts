/**
 * The many-seed study in the browser: paired seeds spread over a pool of background workers (every
 * core the browser reports but one, kept for the animation; at most 8), progress reported as each seed's pair completes, the result
 * summarised by the engine's own `summarise`/`headline` (sim/model/summary.ts). Cancelling terminates
 * the workers; the lab's animation worker is never involved.
 */
import { wrap, type Remote } from 'comlink';
import type { SeedApi } from './seedWorker.ts';
import type { ModeSpec } from '../../sim/model/runner.ts';
import type { RunMetrics } from '../../sim/model/metrics.ts';
import { headline, summarise, type ModeSummary } from '../../sim/model/summary.ts';

export interface SeedsResult {
  runs: RunMetrics[];
  summaries: ModeSummary[];
  headline: string;
  seeds: number[];
  workers: number;
  ms: number;
}

/** Every core the browser reports but one, which the animation keeps (at most 8 workers, at least 1). */
export function poolSize(): number {
  return Math.max(1, Math.min(8, (navigator.hardwareConcurrency || 2) - 1));
}

export class SeedsRun {
  private workers: Worker[] = [];
  private cancelled = false;
  private abort: ((err: Error) => void) | null = null;

  /** Run `count` paired seeds from `firstSeed`; `onProgress(done, total)` after each seed's pair. */
  async run(raw: Record<string, unknown>, panes: [ModeSpec, ModeSpec], firstSeed: number, count: number, onProgress: (done: number, total: number) => void): Promise<SeedsResult> {
    const start = performance.now();
    const seeds = Array.from({ length: count }, (_, k) => firstSeed + k);
    const size = Math.min(poolSize(), count);
    this.workers = Array.from({ length: size }, () => new Worker(new URL('./seedWorker.ts', import.meta.url), { type: 'module' }));
    const apis: Array<Remote<SeedApi>> = this.workers.map((w) => wrap<SeedApi>(w));
    const results = new Map<number, RunMetrics[]>();
    let next = 0;
    const failed: Error[] = [];
    const crash = new Promise<never>((_, reject) => this.workers.forEach((w) => w.addEventListener('error', (e) => reject(new Error(`a background run stopped: ${e.message || 'the worker crashed'}`)))));
    const lane = async (api: Remote<SeedApi>) => {
      while (next < seeds.length && !this.cancelled && !failed.length) {
        const seed = seeds[next++];
        try {
          results.set(seed, await api.run(raw, panes, [seed]));
        } catch (err) {
          failed.push(err as Error);
          return;
        }
        onProgress(results.size, seeds.length);
      }
    };
    const cancelled = new Promise<never>((_, reject) => (this.abort = reject));
    try {
      await Promise.race([Promise.all(apis.map(lane)), crash, cancelled]);
    } finally {
      this.stop();
    }
    if (failed.length) throw failed[0];
    if (this.cancelled) throw new Error('cancelled');
    const runs = seeds.flatMap((s) => results.get(s) ?? []);
    const summaries = summarise(runs);
    return { runs, summaries, headline: headline(summaries), seeds, workers: size, ms: performance.now() - start };
  }

  cancel(): void {
    this.cancelled = true;
    this.stop();
    this.abort?.(new Error('cancelled'));
  }

  private stop(): void {
    for (const w of this.workers) w.terminate();
    this.workers = [];
  }
}
