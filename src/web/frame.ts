/**
 * The packed frame the worker sends each animation frame: everything the renderer draws, as typed
 * arrays (transferred, not copied) plus a few numbers. The renderer never sees engine state.
 */
import type { Simulation } from '../../sim/model/simulation.ts';
import type { RunMetrics, VisualEvent } from '../../sim/model/metrics.ts';
import type { HandView } from '../../sim/model/cast.ts';

export interface PaneFrame {
  label: string;
  /** x, y per person id (interleaved). */
  positions: Float32Array;
  /** State per person id (0 idle, 1 informed, 2 committed, 3 engaged). */
  states: Uint8Array;
  /** Shock index each person works on (−1 none), for team links. */
  targets: Int16Array;
  /** Per shock: remaining share of the gap (0…1), status (0 pending, 1 open, 2 resolved, 3 dismissed), coverage. */
  shockGap: Float32Array;
  shockStatus: Uint8Array;
  shockCoverage: Float32Array;
  /** Messages and flashes since the last frame. */
  events: VisualEvent[];
  metrics: RunMetrics;
  recovery: number;
  engaged: number;
  messages: number;
}

export interface Frame {
  time: number;
  done: boolean;
  panes: [PaneFrame, PaneFrame];
  /** Worker milliseconds per tick (both twins) over this advance. */
  workerMsPerTick: number;
  ticks: number;
  /** What each person a workshop participant plays sees (empty outside a room). */
  hands: Array<{ pane: 0 | 1; view: HandView }>;
}

export function paneFrame(sim: Simulation, label: string): PaneFrame {
  const n = sim.people.n;
  const positions = new Float32Array(2 * n);
  const { x, y, slotOf } = sim.flock;
  for (let id = 0; id < n; id++) {
    const s = slotOf[id];
    positions[2 * id] = x[s];
    positions[2 * id + 1] = y[s];
  }
  const sh = sim.shocks;
  const shockGap = new Float32Array(sh.count);
  for (let s = 0; s < sh.count; s++) shockGap[s] = sh.gap[s] / sh.specs[s].gap;
  const events = sim.recorder.visual.splice(0, sim.recorder.visual.length);
  const last = sim.recorder.series[sim.recorder.series.length - 1];
  const metrics = sim.metrics();
  return {
    label,
    positions,
    states: sim.people.state.slice(),
    targets: sim.people.target.slice(),
    shockGap,
    shockStatus: sh.status.slice(),
    shockCoverage: Float32Array.from(sh.coverage),
    events,
    metrics,
    recovery: metrics.final_recovery,
    engaged: last ? last.engaged : 0,
    messages: sim.recorder.messages,
  };
}

export function transferables(frame: Frame): ArrayBuffer[] {
  return frame.panes.flatMap((p) => [p.positions.buffer, p.states.buffer, p.targets.buffer, p.shockGap.buffer, p.shockStatus.buffer, p.shockCoverage.buffer] as ArrayBuffer[]);
}
