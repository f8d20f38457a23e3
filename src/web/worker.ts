/**
 * The lab's Web Worker: the engine runs here; the main thread only renders. Thin by design (Squoosh's
 * pattern): `expose(api)` and `type SimApi = typeof api`; the client does `wrap<SimApi>()`. The worker
 * owns the run's configuration (scenario JSON, seed, panes): every answer carries it, and the main
 * thread never edits a copy of its own.
 */
import { expose, transfer } from 'comlink';
import { labCsv } from '../results/labExport.ts';
import { Twin, type Change, type HandChange, type HandDecision, type TwinConfig } from './twin.ts';
import { castOf, handView, type CastMember } from '../../sim/model/cast.ts';
import { paneFrame, transferables, type Frame } from './frame.ts';
import { modeLabel } from '../../sim/model/runner.ts';
import type { Scenario, ShockSpec } from '../../sim/model/scenario.ts';
import { stateHash } from '../../sim/model/snapshot.ts';
import { checkLabSnapshot, LAB_SNAPSHOT_FORMAT, LAB_SNAPSHOT_VERSION, type LabSnapshot } from './labSnapshot.ts';
import type { Flock } from '../../sim/kernel/flock.ts';
import { ringSearchThreads, shareRingSearch } from '../../sim/kernel/wasmRing.ts';

let twin: Twin | null = null;

/**
 * Helper threads for the ring search, by default one per core beyond this one's (at most 3): each
 * twin's large searches are split between them and this worker, with the same results (wasmRing.ts).
 * Only where the page is cross-origin isolated (shared memory); elsewhere, and on one core, this
 * worker searches alone. Started before the first twin is built, unless limitThreads came first.
 */
let threadsWanted = Math.min(4, Math.max(1, navigator.hardwareConcurrency || 1));
let threadsStarted = false;

function startRingHelpers(): void {
  if (threadsStarted) return;
  threadsStarted = true;
  if (threadsWanted < 2 || !(self as unknown as { crossOriginIsolated?: boolean }).crossOriginIsolated) return;
  for (const init of shareRingSearch(threadsWanted - 1) ?? []) {
    try {
      new Worker(new URL('./ringHelperWorker.ts', import.meta.url), { type: 'module', name: `ring helper ${init.index}` }).postMessage(init);
    } catch {
      // A helper that cannot start costs nothing: this worker claims its chunks too.
    }
  }
}

function current(): Twin {
  if (!twin) throw new Error('the lab is not initialised');
  return twin;
}

export interface LabInfo {
  /** The configuration the twins run: the worker's own, as the share link and Save should show it. */
  config: TwinConfig;
  scenario: Scenario;
  /** Every shock of the run: the scenario's own, then the routine problems of the stream (same in both twins: same seed). */
  shocks: ShockSpec[];
  /** Mode labels with the effective λ ("hybrid:0.2"). */
  labels: [string, string];
  firm: Uint8Array;
  spanner: Uint8Array;
  /** The kernel's neighbour pass in this worker: the topological ring search, or the metric pair pass in 'wasm' (WebAssembly SIMD) or the JavaScript fallback. */
  pairPass: Flock['neighbourPass'];
  /** Threads the ring search is split between in this worker (1 + its helpers). */
  searchThreads: number;
}

const labelOf = (t: Twin, k: 0 | 1) => modeLabel({ mode: t.sims[k].mode, lambda: t.sims[k].lambda });

function info(t: Twin): LabInfo {
  const p = t.sims[0].eco.people;
  return { config: structuredClone(t.config), scenario: t.scenario, shocks: t.sims[0].shocks.specs, labels: [labelOf(t, 0), labelOf(t, 1)], firm: p.firm.slice(), spanner: p.spanner.slice(), pairPass: t.sims[0].flock.neighbourPass, searchThreads: ringSearchThreads() };
}

const api = {
  /** At most this many threads for the ring search (the page's ?threads=N); only before the first init. */
  limitThreads(max: number): void {
    if (!threadsStarted && Number.isInteger(max) && max >= 1) threadsWanted = Math.min(threadsWanted, max);
  },
  /** Start (or restart) the twin; throws a ValidationError message for a bad scenario. */
  init(config: TwinConfig): LabInfo {
    startRingHelpers();
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
    const next = Twin.replayTo(snap.config, snap.tick);
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
      panes: [paneFrame(t.sims[0], labelOf(t, 0)), paneFrame(t.sims[1], labelOf(t, 1))],
      workerMsPerTick: done > 0 ? (performance.now() - start) / done : 0,
      ticks: done,
      hands: t.played.flatMap((ids, k) => [...ids].map((id) => ({ pane: k as 0 | 1, view: handView(t.sims[k], id) }))),
    };
    return transfer(frame, transferables(frame));
  },
  /** Who a workshop participant can play, most decisive first, alternating between the panes. */
  cast(): Array<CastMember & { pane: 0 | 1 }> {
    const t = current();
    const lists = t.sims.map((sim, k) => castOf(sim).map((m) => ({ ...m, pane: k as 0 | 1 })));
    const out: Array<CastMember & { pane: 0 | 1 }> = [];
    for (let i = 0; i < Math.max(lists[0].length, lists[1].length); i++) for (const l of lists) if (i < l.length) out.push(l[i]);
    return out;
  },
  /** Participants take, leave or decide for their person (validated now, applied between ticks). */
  hands(changes: HandChange[]): void {
    const t = current();
    for (const c of changes) t.enqueueHand(c);
  },
  /** This run's decisions as applied (tick, pane, person, yes/no), for the room's record. */
  decisions(): HandDecision[] {
    return current().decisions.slice();
  },
  /** Both twins' time series as CSV, the configuration (scenario, seed, panes) in its header. */
  seriesCsv(): string {
    const t = current();
    return labCsv(t.config, t.sims.map((s, k) => ({ pane: k === 0 ? 'left' : 'right', mode: labelOf(t, k as 0 | 1), series: s.series() })));
  },
  /** Test hook: make the worker throw, as a bug would (the page must show it and recover on reset). */
  crash(): never {
    throw new Error('simulated worker failure (test hook)');
  },
};

export type SimApi = typeof api;
expose(api);
