/**
 * What the lab publishes on `globalThis.__starling.stats` for tests and benchmarks: readiness, the
 * renderer in use, frame and timing figures, the latest per-pane results, story and presentation state.
 */
import type { StoryStatus } from './workshop.ts';

export interface LabStats {
  ready: boolean;
  renderer: string;
  /** The kernel's neighbour pass in the worker ('topological', or the metric pass: 'wasm' or the JavaScript fallback). */
  pairPass: string;
  frames: number;
  time: number;
  mainMs: number[];
  workerMsPerTick: number[];
  error: string | null;
  last: Array<{ label: string; T50: number; T50censored: boolean; messages: number; engaged: number }>;
  seeds: string;
  story: StoryStatus | null;
  present: boolean;
}
