/**
 * The shipped scenarios, bundled as data (no file system), so the browser lab, the validation suite
 * and tests can use them anywhere the engine runs.
 */
import drugShortage from '../../scenarios/drug-shortage.json';
import retailSurge from '../../scenarios/retail-surge.json';
import supplierCollapse from '../../scenarios/supplier-collapse.json';
import productRecall from '../../scenarios/product-recall.json';
import falseAlarmStorm from '../../scenarios/false-alarm-storm.json';
import localGlitch from '../../scenarios/local-glitch.json';
import { applyOverrides } from './overrides.ts';
import { resolveScenario, type Scenario } from './scenario.ts';

export const SCENARIOS: Record<string, unknown> = {
  'drug-shortage': drugShortage,
  'retail-surge': retailSurge,
  'supplier-collapse': supplierCollapse,
  'product-recall': productRecall,
  'false-alarm-storm': falseAlarmStorm,
  'local-glitch': localGlitch,
};
export const DEFAULT_SCENARIO_NAME = 'drug-shortage';

/** A shipped scenario, resolved, with optional `path=value` overrides. */
export function shippedScenario(name: string, sets: string[] = []): Scenario {
  const raw = SCENARIOS[name];
  if (!raw) throw new Error(`no shipped scenario "${name}" (have ${Object.keys(SCENARIOS).join(', ')})`);
  return resolveScenario(applyOverrides(raw, sets), `scenario ${name}`);
}
