/**
 * A larger ecosystem for benchmarks: the default scenario with every firm `factor` times bigger and
 * the space scaled so that people keep the same density (same neighbour counts per person).
 */
import { SCENARIOS, DEFAULT_SCENARIO_NAME } from '../../sim/model/catalog.ts';

export function scaledScenarioRaw(people: number): Record<string, unknown> {
  const base = SCENARIOS[DEFAULT_SCENARIO_NAME] as Record<string, unknown>;
  const perFirm = Math.max(2, Math.round(people / 5));
  const side = 60 * Math.sqrt(Math.max(1, (5 * perFirm) / 180));
  return {
    ...structuredClone(base),
    ecosystem: { headcount: perFirm, customerHeadcount: perFirm, width: side, height: side, homeRadius: 18 * (side / 60) },
    shocks: [{ kind: 'demand-spike', owner: 3, onset: 2, label: 'Drug shortage at the retailer' }],
  };
}
