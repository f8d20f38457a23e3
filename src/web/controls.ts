/**
 * lil-gui controls generated from the parameter declarations (sim/model/params.ts), grouped as
 * Ecosystem, Hierarchy, Shared space, Shock, Movement (plus Supply chain and Run, closed). Every
 * change goes to `onChange(path, value)`, which queues it for the worker.
 */
import GUI from 'lil-gui';
import { GROUP_TITLES, PARAMS, type GroupName } from '../../sim/model/params.ts';
import type { Scenario } from '../../sim/model/scenario.ts';

const OPEN_GROUPS: GroupName[] = ['hierarchy', 'shared'];

export function buildParamGui(host: HTMLElement, scenario: Scenario, onChange: (path: string, value: unknown) => void): GUI {
  const gui = new GUI({ container: host, title: 'What if? (parameters)' });
  for (const g of Object.keys(PARAMS) as GroupName[]) {
    const folder = gui.addFolder(GROUP_TITLES[g]);
    if (!OPEN_GROUPS.includes(g)) folder.close();
    const values = { ...(scenario[g] as Record<string, unknown>) };
    for (const [key, decl] of Object.entries(PARAMS[g])) {
      let ctrl;
      if (decl.kind === 'number') {
        const step = decl.step ?? (decl.integer ? 1 : niceStep(decl.min, decl.max));
        const max = Math.min(decl.max, suggestedMax(key, decl.default, decl.max));
        ctrl = folder.add(values, key, decl.min, max, step);
      } else if (decl.kind === 'enum') ctrl = folder.add(values, key, [...decl.options]);
      else ctrl = folder.add(values, key);
      ctrl.name(`${key}${decl.kind === 'number' && decl.unit ? ` (${decl.unit})` : ''}`);
      ctrl.domElement.title = decl.doc;
      ctrl.onFinishChange((v: unknown) => onChange(`${g}.${key}`, v));
    }
  }
  return gui;
}

/** Sliders over huge declared ranges are useless: cap the slider (typed values may go higher). */
function suggestedMax(key: string, def: number, max: number): number {
  if (max <= 20) return max;
  return Math.max(def * 4, key === 'horizon' ? 1000 : 10);
}

function niceStep(min: number, max: number): number {
  const span = max - min;
  return span <= 1 ? 0.01 : span <= 10 ? 0.1 : 1;
}
