/**
 * The movement kernel's parameters, declared once (default, range, unit, doc).
 * See spec section 3: one kernel, three presets (vicsek1995, couzin2005, business) plus general boids.
 */
import { bool, int, num, objectSchemaOf, oneOf, defaultsOf, type ValuesOf } from '../params/declare.ts';
import { ValidationError, formatIssues } from '../params/errors.ts';

export const BOUNDARIES = ['torus', 'reflect', 'open'] as const;
export const NOISES = ['gaussian', 'uniform'] as const;

export const KERNEL_PARAMS = {
  n: int(1000, 1, 5_000_000, 'agents', 'Number of agents', 'Movement'),
  width: num(60, 1e-3, 1e7, 'u', 'World width (x extent)', { group: 'Movement' }),
  height: num(60, 1e-3, 1e7, 'u', 'World height (y extent); need not equal the width', { group: 'Movement' }),
  boundary: oneOf('reflect', BOUNDARIES, 'Edges: periodic torus, reflecting walls, or open (unbounded) space', 'Movement'),
  rRep: num(1, 0, 1e4, 'u', 'Repulsion radius: anyone closer is avoided first (separation wins)', { group: 'Movement' }),
  rAli: num(5, 0, 1e4, 'u', 'Alignment radius: headings of neighbours within it are matched', { group: 'Movement' }),
  rAtt: num(10, 0, 1e4, 'u', 'Attraction radius: neighbours within it pull the agent towards them', { group: 'Movement' }),
  wAli: num(1, 0, 100, '', 'Weight of alignment', { group: 'Movement', step: 0.1 }),
  wCoh: num(1, 0, 100, '', 'Weight of attraction (cohesion)', { group: 'Movement', step: 0.1 }),
  topologicalK: int(0, 0, 64, 'agents', 'Interact with the k nearest within the attraction radius only (0 = every neighbour in range; starlings use about 7)', 'Movement'),
  fov: num(360, 0, 360, 'deg', 'Field of view; neighbours in the blind angle behind are ignored', { group: 'Movement' }),
  speed: num(3, 0, 1e4, 'u/time', 'Constant speed', { group: 'Movement' }),
  dt: num(0.1, 1e-6, 1e4, 'time', 'Time step', { group: 'Movement' }),
  maxTurn: num(6, 0, 1e9, 'rad/time', 'Maximum turning rate (≥ π/dt means unlimited)', { group: 'Movement' }),
  noise: oneOf('gaussian', NOISES, 'Angular noise: wrapped Gaussian (σ) or uniform in [−η/2, η/2] (Vicsek)', 'Movement'),
  sigma: num(0.1, 0, 10, 'rad', 'Standard deviation of the Gaussian angular noise per step', { group: 'Movement', step: 0.01 }),
  eta: num(0, 0, 2 * Math.PI, 'rad', 'Width of the uniform angular noise (Vicsek η)', { group: 'Movement', step: 0.05 }),
  moveWithOldHeading: bool(false, 'Move with the heading from before this step (Vicsek 1995) instead of the new one', 'Movement'),
} as const;

export type KernelParams = ValuesOf<typeof KERNEL_PARAMS>;
export const KERNEL_DEFAULTS: KernelParams = defaultsOf(KERNEL_PARAMS);
export const kernelParamsSchema = objectSchemaOf(KERNEL_PARAMS);

/**
 * Validate kernel parameters; throws a ValidationError naming every bad field (never returns NaN-prone
 * settings). Accepts a partial object and fills defaults.
 */
export function resolveKernelParams(input: Partial<KernelParams>): KernelParams {
  const parsed = kernelParamsSchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError('kernel parameters', formatIssues(parsed.error.issues, input, () => Object.keys(KERNEL_PARAMS)));
  }
  const p = parsed.data as KernelParams;
  const problems: string[] = [];
  if (p.boundary !== 'open' && p.speed * p.dt >= Math.min(p.width, p.height)) {
    problems.push(`speed: ${p.speed} × dt ${p.dt} moves further than the world's side ${Math.min(p.width, p.height)} in one step; lower speed or dt`);
  }
  if (p.boundary === 'torus' && Math.max(p.rRep, p.rAli, p.rAtt) * 2 > Math.min(p.width, p.height)) {
    problems.push(`rAtt: interaction radius ${Math.max(p.rRep, p.rAli, p.rAtt)} exceeds half the torus side ${Math.min(p.width, p.height) / 2}; enlarge the world or shrink the radius`);
  }
  if (problems.length) throw new ValidationError('kernel parameters', problems);
  return p;
}
