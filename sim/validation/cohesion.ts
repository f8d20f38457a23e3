/**
 * The business preset's collective order, measured on the kernel alone (no homes, goals or firms).
 *
 * Polarisation |Σ u_i|/N is the order parameter of Vicsek-type flocks, but the business preset
 * (r_ali 5 < r_att 10, w_ali = w_coh = 1) sits in Couzin et al.'s (2002) *swarm* regime: a group of it
 * never polarises, at any noise (measured: P ≈ 0.1, the disordered value, from σ = 0.1 to 2 rad). Its
 * order is cohesion: the group stays together. So the transition located here is where a free group
 * stops holding together: the share of its members within the team radius of the group's centroid,
 * against noise σ. That is what a self-assembled team needs to hold at a problem, and what
 * `starling validate emergence` compares with the noise at which spontaneous association's advantage
 * ends.
 */
import { Flock } from '../kernel/flock.ts';
import { centroid, polarisation } from '../kernel/observables.ts';
import { streamRng } from '../rng.ts';
import { movementKernelParams } from '../model/movement.ts';
import type { Scenario } from '../model/scenario.ts';
import * as dmath from '../math.ts';

export interface CohesionPoint {
  sigma: number;
  /** Mean share of the group within `radius` of its centroid (after a warm-up). */
  cohesion: number;
  polarisation: number;
}

export interface CohesionOptions {
  /** Group size (a cross-firm team). */
  n: number;
  sigmas: number[];
  seeds: number;
  /** Hours simulated; the last 40% are averaged. */
  hours: number;
}

export const COHESION_DEFAULT: CohesionOptions = { n: 12, sigmas: [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5], seeds: 20, hours: 50 };

export function cohesionCurve(scenario: Scenario, opts: CohesionOptions = COHESION_DEFAULT): CohesionPoint[] {
  const radius = scenario.shock.teamRadius;
  const ticks = Math.round(opts.hours / scenario.run.dt);
  const warm = Math.round(0.6 * ticks);
  return opts.sigmas.map((sigma) => {
    let share = 0;
    let pol = 0;
    let samples = 0;
    for (let seed = 1; seed <= opts.seeds; seed++) {
      const rng = streamRng(seed, `cohesion-${sigma}`);
      const params = { ...movementKernelParams({ ...scenario, movement: { ...scenario.movement, noise: sigma } }, opts.n), boundary: 'open' as const, width: 1e5, height: 1e5 };
      const f = new Flock(params, rng);
      // Start as a team on site: within half the team radius, random headings.
      for (let i = 0; i < opts.n; i++) {
        const a = rng() * 2 * Math.PI;
        const r = 0.5 * radius * Math.sqrt(rng());
        f.setPosition(i, 5e4 + r * dmath.cos(a), 5e4 + r * dmath.sin(a), rng() * 2 * Math.PI);
      }
      for (let t = 0; t < ticks; t++) {
        f.step(rng);
        if (t < warm || t % 10 !== 0) continue;
        const c = centroid(f);
        let inside = 0;
        for (let i = 0; i < opts.n; i++) {
          const dx = f.x[i] - c.x;
          const dy = f.y[i] - c.y;
          if (dx * dx + dy * dy <= radius * radius) inside++;
        }
        share += inside / opts.n;
        pol += polarisation(f);
        samples++;
      }
    }
    return { sigma, cohesion: share / samples, polarisation: pol / samples };
  });
}

/**
 * Where a curve y(x), sampled at increasing x, first falls through `level` (linear interpolation
 * between the two samples around the crossing); null if it never does.
 */
export function crossing(points: Array<{ x: number; y: number }>, level: number): number | null {
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1];
    const b = points[k];
    if (a.y >= level && b.y < level) return a.x + ((a.y - level) / (a.y - b.y)) * (b.x - a.x);
  }
  return null;
}
