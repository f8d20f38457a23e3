/**
 * Where the model's movement parameters meet the kernel: the business preset with the scenario's
 * movement, space and tick applied. Simulation builds its Flock from this, and scenario validation
 * checks the same kernel parameters, so a scenario that validates never fails when its Flock is built
 * (the kernel's cross-field rules, e.g. speed × dt against the side of the space, are checked once,
 * by the kernel, and reported under the scenario's own field names).
 */
import type { KernelParams } from '../kernel/params.ts';
import { resolveKernelParams } from '../kernel/params.ts';
import { business } from '../kernel/presets.ts';
import { ValidationError } from '../params/errors.ts';
import type { ModelParams } from './params.ts';

type MovementInputs = Pick<ModelParams, 'movement' | 'ecosystem' | 'run'>;

export function movementKernelParams(s: MovementInputs, n: number): Partial<KernelParams> {
  const m = s.movement;
  return {
    ...business({ n, width: s.ecosystem.width, height: s.ecosystem.height, sigma: m.noise, topologicalK: m.neighbours }),
    dt: s.run.dt, speed: m.speed, maxTurn: m.turnRate, rRep: m.rRep, rAli: m.rAli, rAtt: m.rAtt, fov: m.fov, wAli: m.wAli, wCoh: m.wCoh,
  };
}

/** The kernel's field names as a scenario spells them. */
const SCENARIO_NAME: Record<string, string> = {
  speed: 'movement.speed', dt: 'run.dt', maxTurn: 'movement.turnRate', rRep: 'movement.rRep', rAli: 'movement.rAli',
  rAtt: 'movement.rAtt', fov: 'movement.fov', wAli: 'movement.wAli', wCoh: 'movement.wCoh', sigma: 'movement.noise',
  width: 'ecosystem.width', height: 'ecosystem.height', topologicalK: 'movement.neighbours',
};

/** Problems the kernel would raise for these parameters, one line each, in scenario field names. */
export function movementProblems(s: MovementInputs): string[] {
  try {
    resolveKernelParams(movementKernelParams(s, 1));
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.problems.map((line) => line.replace(/^(\w+)(?=:)/, (name) => SCENARIO_NAME[name] ?? name));
  }
}
