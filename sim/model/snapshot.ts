/**
 * Save and restore a running simulation. The engine is deterministic, so a snapshot records what
 * determines the state — the scenario (in its validated raw form), mode, λ, seed and tick — plus a
 * fingerprint of the state itself. Restoring validates the snapshot like any input, rebuilds the run
 * and replays it to the saved tick, then checks the fingerprint: the restored run is bit-identical to
 * the saved one and continues exactly as it would have. (Replay costs time proportional to the tick;
 * for this model's horizons that is well under a second per 1,000 simulated hours.)
 */
import { resolveScenario, toRaw } from './scenario.ts';
import { Simulation } from './simulation.ts';
import type { ModeName } from './params.ts';

export const SNAPSHOT_FORMAT = 'starling-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  scenario: Record<string, unknown>;
  mode: ModeName;
  lambda: number;
  seed: number;
  tick: number;
  /** FNV-1a fingerprint of positions, headings, people and shock state at `tick`. */
  stateHash: string;
}

export function stateHash(sim: Simulation): string {
  let h = 0x811c9dc5;
  const f64 = new Float64Array(1);
  const bytes = new Uint8Array(f64.buffer);
  const mix = (v: number) => {
    f64[0] = v;
    for (let b = 0; b < 8; b++) h = Math.imul(h ^ bytes[b], 0x01000193) >>> 0;
  };
  const { x, y, hx, hy, slotOf } = sim.flock;
  for (let id = 0; id < sim.people.n; id++) {
    const s = slotOf[id];
    mix(x[s]); mix(y[s]); mix(hx[s]); mix(hy[s]);
    mix(sim.people.state[id]); mix(sim.people.target[id]);
  }
  for (let s = 0; s < sim.shocks.count; s++) {
    mix(sim.shocks.gap[s]); mix(sim.shocks.status[s]);
  }
  mix(sim.recorder.messages);
  mix(sim.tick);
  return h.toString(16).padStart(8, '0');
}

export function snapshot(sim: Simulation): Snapshot {
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, scenario: toRaw(sim.scenario), mode: sim.mode, lambda: sim.lambda, seed: sim.seed, tick: sim.tick, stateHash: stateHash(sim) };
}

/** Restore a snapshot (any parsed JSON); throws an Error that says what is wrong with it. */
export function restore(input: unknown): Simulation {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new Error('snapshot: not a Starling snapshot (expected a JSON object)');
  const snap = input as Partial<Snapshot>;
  if (snap.format !== SNAPSHOT_FORMAT) throw new Error('snapshot: not a Starling snapshot (format field missing or wrong)');
  if (snap.version !== SNAPSHOT_VERSION) throw new Error(`snapshot: version ${String(snap.version)} is not supported by this Starling (it reads version ${SNAPSHOT_VERSION}); re-run the simulation to make a new snapshot`);
  if (snap.mode !== 'hierarchical' && snap.mode !== 'spontaneous' && snap.mode !== 'hybrid') throw new Error(`snapshot.mode: "${String(snap.mode)}" is not hierarchical, spontaneous or hybrid`);
  if (typeof snap.seed !== 'number' || !Number.isInteger(snap.seed) || snap.seed < 0) throw new Error('snapshot.seed: must be a whole number ≥ 0');
  if (typeof snap.lambda !== 'number' || !(snap.lambda >= 0 && snap.lambda <= 1)) throw new Error('snapshot.lambda: must be between 0 and 1');
  const scenario = resolveScenario(snap.scenario, 'snapshot.scenario');
  const sim = new Simulation(scenario, { mode: snap.mode, seed: snap.seed, lambda: snap.lambda, stopWhenResolved: false }); // snapshots come from the lab, which runs on
  if (typeof snap.tick !== 'number' || !Number.isInteger(snap.tick) || snap.tick < 0 || snap.tick > sim.ticks) throw new Error(`snapshot.tick: must be a whole number from 0 to ${sim.ticks}`);
  while (sim.tick < snap.tick) sim.step();
  if (stateHash(sim) !== snap.stateHash) throw new Error('snapshot: the restored state does not match the saved fingerprint (the snapshot was edited, or made by a different engine version)');
  return sim;
}
