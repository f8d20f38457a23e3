/**
 * Kernel presets (spec section 3). Each returns kernel parameters; agent-level settings such as the
 * informed agents of couzin2005 are applied by the caller (see sim/validation/couzin.ts).
 */
import type { KernelParams } from './params.ts';

/** Vicsek et al. 1995: periodic L×L, r = 1, v = 0.03, Δt = 1, uniform noise η, move with the old heading. */
export function vicsek1995(opts: { n: number; l: number; eta: number }): Partial<KernelParams> {
  return {
    n: opts.n,
    width: opts.l,
    height: opts.l,
    boundary: 'torus',
    rRep: 0,
    rAli: 1,
    rAtt: 0,
    wAli: 1,
    wCoh: 0,
    fov: 360,
    speed: 0.03,
    dt: 1,
    maxTurn: 1e9,
    noise: 'uniform',
    eta: opts.eta,
    sigma: 0,
    moveWithOldHeading: true,
  };
}

/** Couzin, Krause, Franks & Levin 2005: open space, r_rep 1, interaction radius 6, s = 1, Δt = 0.2, σ = 0.01, θ = 2 rad/s. */
export function couzin2005(opts: { n: number }): Partial<KernelParams> {
  return {
    n: opts.n,
    width: 1e6,
    height: 1e6,
    boundary: 'open',
    rRep: 1,
    rAli: 6,
    rAtt: 6,
    wAli: 1,
    wCoh: 1,
    fov: 360,
    speed: 1,
    dt: 0.2,
    maxTurn: 2,
    noise: 'gaussian',
    sigma: 0.01,
    moveWithOldHeading: false,
  };
}
/** Goal weight ω of informed individuals in couzin2005. */
export const COUZIN_OMEGA = 0.5;

/**
 * The standard boids workload used by the benchmarks: torus, radius r, side L = √(N·π·r²/15) so that
 * each agent has about 15 neighbours, synchronous update, seeded Gaussian noise.
 */
export function boids(opts: { n: number; r?: number }): Partial<KernelParams> {
  const r = opts.r ?? 1;
  const l = Math.sqrt((opts.n * Math.PI * r * r) / 15);
  return {
    n: opts.n,
    width: l,
    height: l,
    boundary: 'torus',
    rRep: 0.25 * r,
    rAli: r,
    rAtt: r,
    wAli: 1,
    wCoh: 1,
    fov: 360,
    speed: 0.05 * r,
    dt: 1,
    maxTurn: 0.5,
    noise: 'gaussian',
    sigma: 0.05,
    moveWithOldHeading: false,
  };
}

/**
 * People in the business ecosystem (spec section 3 defaults): 3 u/h, 6 rad/h, zones 1/5/10 u, 270°
 * view. The model's movement parameters take their defaults from here (declared once).
 */
export const BUSINESS_MOVEMENT = {
  speed: 3, maxTurn: 6, rRep: 1, rAli: 5, rAtt: 10, fov: 270, wAli: 1, wCoh: 1, sigma: 0.1, dt: 0.1, topologicalK: 7,
} as const;

export function business(opts: { n: number; width?: number; height?: number; sigma?: number; topologicalK?: number }): Partial<KernelParams> {
  const m = BUSINESS_MOVEMENT;
  return {
    n: opts.n,
    width: opts.width ?? 60,
    height: opts.height ?? 60,
    boundary: 'reflect',
    rRep: m.rRep,
    rAli: m.rAli,
    rAtt: m.rAtt,
    wAli: m.wAli,
    wCoh: m.wCoh,
    fov: m.fov,
    speed: m.speed,
    dt: m.dt,
    maxTurn: m.maxTurn,
    noise: 'gaussian',
    sigma: opts.sigma ?? m.sigma,
    topologicalK: opts.topologicalK ?? m.topologicalK,
    moveWithOldHeading: false,
  };
}

export const PRESETS = { vicsek1995, couzin2005, boids, business } as const;
