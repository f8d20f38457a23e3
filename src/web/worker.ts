/**
 * The lab's Web Worker: the engine runs here; the main thread only renders. Thin by design (Squoosh's
 * pattern): `expose(api)` and `type SimApi = typeof api`; the client does `wrap<SimApi>()`.
 */
import { expose, transfer } from 'comlink';
import { labSeriesTable, toCsv } from '../results/tables.ts';
import { Twin, type Change, type TwinConfig } from './twin.ts';
import { paneFrame, transferables, type Frame } from './frame.ts';
import { modeLabel, runScenario, type ModeSpec } from '../../sim/model/runner.ts';
import { summarise, headline, type ModeSummary } from '../../sim/model/summary.ts';
import type { Scenario, ShockSpec } from '../../sim/model/scenario.ts';
import { stateHash } from '../../sim/model/snapshot.ts';
import { checkLabSnapshot, LAB_SNAPSHOT_FORMAT, LAB_SNAPSHOT_VERSION, type LabSnapshot } from './labSnapshot.ts';

let twin: Twin | null = null;

function current(): Twin {
  if (!twin) throw new Error('the lab is not initialised');
  return twin;
}

export interface LabInfo {
  scenario: Scenario;
  /** Every shock of the run: the scenario's own, then the routine problems of the stream (same in both twins: same seed). */
  shocks: ShockSpec[];
  seed: number;
  panes: [ModeSpec, ModeSpec];
  labels: [string, string];
  firm: Uint8Array;
  spanner: Uint8Array;
  /** The kernel's neighbour pass in this worker: the topological ring search, or the metric pair pass in 'wasm' (WebAssembly SIMD) or the JavaScript fallback. */
  pairPass: 'topological' | 'js' | 'wasm';
}

function info(t: Twin): LabInfo {
  const p = t.sims[0].eco.people;
  return { scenario: t.scenario, shocks: t.sims[0].shocks.specs, seed: t.config.seed, panes: t.config.panes, labels: [modeLabel(t.config.panes[0]), modeLabel(t.config.panes[1])], firm: p.firm.slice(), spanner: p.spanner.slice(), pairPass: t.sims[0].flock.neighbourPass };
}

const api = {
  /** Start (or restart) the twin; throws a ValidationError message for a bad scenario. */
  init(config: TwinConfig): LabInfo {
    const next = new Twin(config);
    twin = next;
    return info(next);
  },
  /** Queue a change (validated now, applied between ticks); returns the static info after it applies. */
  change(change: Change): LabInfo {
    const t = current();
    t.enqueue(change);
    t.advance(0);
    return info(t);
  },
  restart(): LabInfo {
    const t = current();
    t.restart();
    return info(t);
  },
  /** A snapshot of the running twin: what determines it (config) and where it is (tick), fingerprinted. */
  snapshot(): LabSnapshot {
    const t = current();
    return { format: LAB_SNAPSHOT_FORMAT, version: LAB_SNAPSHOT_VERSION, config: structuredClone(t.config), tick: t.sims[0].tick, hashes: [stateHash(t.sims[0]), stateHash(t.sims[1])] };
  },
  /** Restore a snapshot: validate it, rebuild the twin and replay it to the saved tick (bit-identical). */
  restoreSnapshot(input: unknown): LabInfo {
    const snap = checkLabSnapshot(input);
    const next = new Twin(snap.config);
    while (next.sims[0].tick < snap.tick && !next.done) next.advance(1);
    if (next.sims[0].tick !== snap.tick || stateHash(next.sims[0]) !== snap.hashes[0] || stateHash(next.sims[1]) !== snap.hashes[1]) {
      throw new Error('snapshot: the restored state does not match the saved fingerprint (edited, or made by another Starling version)');
    }
    twin = next;
    return info(next);
  },
  /** Advance both twins and return the packed frame (typed arrays are transferred). */
  advance(ticks: number): Frame {
    const t = current();
    const start = performance.now();
    const before = t.sims[0].tick;
    t.advance(ticks);
    const done = t.sims[0].tick - before;
    const frame: Frame = {
      time: t.time,
      done: t.done,
      panes: [paneFrame(t.sims[0], modeLabel(t.config.panes[0])), paneFrame(t.sims[1], modeLabel(t.config.panes[1]))],
      workerMsPerTick: done > 0 ? (performance.now() - start) / done : 0,
      ticks: done,
    };
    return transfer(frame, transferables(frame));
  },
  /** The time series of both twins (for charts on load and for CSV export). */
  series() {
    const t = current();
    return t.sims.map((s) => ({ label: modeLabel({ mode: s.mode, lambda: s.lambda }), series: s.series() }));
  },
  seriesCsv(): string {
    const t = current();
    // The same table writer as `starling sweep` (src/results/tables.ts).
    return toCsv(labSeriesTable(t.sims.map((s, k) => ({ pane: k === 0 ? 'left' : 'right', mode: modeLabel({ mode: s.mode, lambda: s.lambda }), series: s.series() }))));
  },
  /** Paired runs over many seeds for an honest saving with an interval (the "run 50 seeds" button). */
  runSeeds(count: number, onProgress?: (done: number, total: number) => void): { summaries: ModeSummary[]; headline: string } {
    const t = current();
    const metrics = [];
    const total = count * 2;
    for (let k = 0; k < count; k++) {
      for (const pane of t.config.panes) {
        metrics.push(runScenario(t.scenario, { ...pane, seed: t.config.seed + k }).metrics);
        onProgress?.(metrics.length, total);
      }
    }
    const summaries = summarise(metrics);
    return { summaries, headline: headline(summaries) };
  },
  /** Test hook: make the worker throw, as a bug would (the page must show it and recover on reset). */
  crash(): never {
    throw new Error('simulated worker failure (test hook)');
  },
};

export type SimApi = typeof api;
expose(api);
