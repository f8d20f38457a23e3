/**
 * What the lab publishes on `globalThis.__starling.stats` for tests and benchmarks: readiness, the
 * renderer in use, frame and timing figures, the latest per-pane results, the many-seed progress,
 * the scenario the worker runs, the layout, story and presentation state.
 */
import type { StoryStatus } from './workshop.ts';

export interface LabStats {
  ready: boolean;
  renderer: string;
  /** The kernel's neighbour pass in the worker: the ring search ('topological-wasm', or its JavaScript fallback 'topological-js') or the metric pass ('wasm' or 'js'). */
  pairPass: string;
  /** Threads the worker's ring search is split between (1, or 1 + its helpers where the page is cross-origin isolated). */
  searchThreads: number;
  frames: number;
  time: number;
  mainMs: number[];
  workerMsPerTick: number[];
  error: string | null;
  last: Array<{ label: string; T50: number; T50censored: boolean; messages: number; engaged: number }>;
  seeds: string;
  /** Each progress report of the many-seed run, with the animation's frame count at that moment. */
  seedsProgress: Array<{ done: number; total: number; frames: number }>;
  story: StoryStatus | null;
  present: boolean;
  /** The scenario the worker runs (as the worker resolved it): firm names, trust, shocks, lab parameter values. */
  scenario: { firms: string[]; homes: Array<[number, number]>; trust: number[][]; shocks: Array<{ kind: string; owner: number; gap: number }>; params: Record<string, unknown> } | null;
  /** labelPx: the firm labels' font size on the maps. */
  layout: { size: number; phone: boolean; side: boolean; dpr: number; labelPx: number } | null;
  /** The workshop room this screen presents (null: none): who joined, how many play a person, decisions received. */
  room: { code: string; participants: number; played: number; decisions: number; open: boolean } | null;
}
