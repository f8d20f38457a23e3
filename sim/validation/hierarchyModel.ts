/**
 * V5 on the shipped model: the hierarchy that Simulation runs reproduces the exact zero-load sum.
 *
 * With hierarchy.load = 0, no problem stream and deterministic service, every manager is free when a report arrives, so
 * an escalation's last assignment order must land exactly at the sum of the per-hop constants along
 * its route (escalationLatency) from the moment the shock was detected, and it must send exactly the
 * plan's messages. This runs the model itself (detection, Escalator, manager queues, tick clock) on
 * the default drug shortage under several org designs and channels, so a model that escalated through
 * any other code, or lost or delayed an event between ticks, would fail here.
 */
import { escalationLatency } from '../hierarchy/escalation.ts';
import { resolveScenario } from '../model/scenario.ts';
import { Simulation } from '../model/simulation.ts';

export interface ModelExactness {
  runs: number;
  /** Largest |model's last order time − exact sum| over the runs (h). */
  maxTimeDiff: number;
  /** Largest |model's escalation messages − plan messages|. */
  maxMessageDiff: number;
  /** Runs whose shock was escalated and fully ordered (all of them should be). */
  completed: number;
}

const DESIGNS = [
  { layers: 4, span: 6, batchPeriod: 8, channel: 'contracted', handoff: true },
  { layers: 2, span: 3, batchPeriod: 0, channel: 'contracted', handoff: false },
  { layers: 6, span: 4, batchPeriod: 24, channel: 'adjacent', handoff: true },
  { layers: 3, span: 8, batchPeriod: 5, channel: 'adjacent', handoff: false },
] as const;

export function modelZeroLoadExactness(seeds: number[]): ModelExactness {
  const out: ModelExactness = { runs: 0, maxTimeDiff: 0, maxMessageDiff: 0, completed: 0 };
  for (const design of DESIGNS) {
    const scenario = resolveScenario({
      name: 'v5-model', title: 'V5 model zero load',
      hierarchy: { ...design, load: 0, service: 'deterministic', serviceMean: 1.3, descent: 0.7, decision: 1.9 },
      // Zero load means no other work for the managers: no background exceptions and no routine
      // problems of the stream (which queue at the same managers: that is the point of the stream).
      problems: { rate: 0 },
      // A slow gap (rMax) keeps the shock open until every order has landed, so no escalation is cut
      // short by the shock being resolved first.
      shocks: [{ kind: 'demand-spike', owner: 3, onset: 2.05, rMax: 0.01 }],
      run: { horizon: 200 },
    });
    for (const seed of seeds) {
      const sim = new Simulation(scenario, { mode: 'hierarchical', seed, pairPass: 'js' });
      sim.run();
      out.runs++;
      const path = sim.escalationPaths[0];
      const ordered = sim.shocks.orderedAt[0];
      if (!path || Number.isNaN(ordered) || sim.escalator!.active(sim.shocks.escalation[0])) continue;
      const h = scenario.hierarchy;
      const exact = escalationLatency(sim.eco.charts, path, {
        serviceH: h.serviceMean, batchH: h.batchPeriod, descentH: h.descent, decisionH: h.decision, handoff: h.handoff,
      }, sim.shocks.detectedAt[0]);
      out.completed++;
      out.maxTimeDiff = Math.max(out.maxTimeDiff, Math.abs(ordered - exact.completion));
      out.maxMessageDiff = Math.max(out.maxMessageDiff, Math.abs(sim.escalator!.messages(sim.shocks.escalation[0]) - exact.messages));
    }
  }
  return out;
}
