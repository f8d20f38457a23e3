/** Random small worlds for the kernel's property tests (fast-check): size, boundary, radii, view. */
import fc from 'fast-check';
import type { KernelParams } from '../../sim/kernel/params.ts';
import { GOAL_DIRECTION, GOAL_POINT, type Flock } from '../../sim/kernel/flock.ts';

export interface World {
  n: number;
  width: number;
  height: number;
  boundary: 'torus' | 'reflect' | 'open';
  r: number;
  fov: number;
  seed: number;
}

/** Up to maxN agents in a 4–40 × 4–40 world (non-square, any boundary), radius 0.3–1.4, three views. */
export function randomWorld(maxN: number): fc.Arbitrary<World> {
  return fc.record({
    n: fc.integer({ min: 2, max: maxN }),
    width: fc.double({ min: 4, max: 40, noNaN: true }),
    height: fc.double({ min: 4, max: 40, noNaN: true }),
    boundary: fc.constantFrom('torus' as const, 'reflect' as const, 'open' as const),
    r: fc.double({ min: 0.3, max: 1.4, noNaN: true }),
    fov: fc.constantFrom(360, 270, 120),
    seed: fc.integer({ min: 1, max: 1e6 }),
  });
}

/** Kernel parameters of a world: Couzin zones from its radius, a slow speed and a turn limit. */
export function worldParams(w: World): Partial<KernelParams> {
  return { n: w.n, width: w.width, height: w.height, boundary: w.boundary, rRep: w.r / 4, rAli: w.r, rAtt: w.r * 1.1, fov: w.fov, speed: 0.2, dt: 1, maxTurn: 1 };
}

/** Three groups with asymmetric affinity, point and direction goals on some agents, homes on all. */
export function groupsGoalsHomes(f: Flock): void {
  f.setAffinity(3, [1, 0.3, 0, 0.3, 1, 0.8, 0, 0.5, 1]);
  for (let id = 0; id < f.n; id++) {
    f.setGroup(id, id % 3);
    if (id % 5 === 0) f.setGoal(id, GOAL_POINT, 30, 30, 3);
    if (id % 7 === 0) f.setGoal(id, GOAL_DIRECTION, 0, 1, 0.5);
    f.setHome(id, (id % 4) * 15, 10, 0.5);
  }
}
