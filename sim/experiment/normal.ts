/**
 * The standard normal's CDF and quantile, accurate in both tails, and a truncated normal by the
 * inverse CDF: what a sampled design needs to turn its unit-cube coordinate into a value.
 * simple-statistics provides erf (good to ~1e-7) and a rough probit (~3e-3), refined here by two
 * Newton steps. Platform-free.
 */
import { errorFunction, probit } from 'simple-statistics';
import * as dmath from '../math.ts';

export function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

/** Φ⁻¹(p), to about 1e-7; ±∞ at (or numerically at) 0 and 1. */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  let z = probit(p);
  if (!Number.isFinite(z)) return z;
  for (let k = 0; k < 2; k++) z -= (normalCdf(z) - p) / (dmath.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI));
  return z;
}

/** P(min ≤ X ≤ max) for X ~ N(mean, sd²), computed in the tail the window is in (no cancellation). */
export function normalMass(min: number, max: number, mean: number, sd: number): number {
  const a = (min - mean) / sd;
  const b = (max - mean) / sd;
  return a > 0 ? normalCdf(-a) - normalCdf(-b) : normalCdf(b) - normalCdf(a);
}

/**
 * The value at quantile u of N(mean, sd²) truncated to [min, max]. A window above the mean is
 * mirrored onto the lower tail, where Φ does not round to 1, so a window 8 sd out still spreads
 * its samples next to `min` instead of collapsing onto `max`.
 */
export function truncatedNormal(u: number, min: number, max: number, mean: number, sd: number): number {
  const a = (min - mean) / sd;
  const b = (max - mean) / sd;
  let z: number;
  if (a > 0) {
    const ca = normalCdf(-a);
    const cb = normalCdf(-b);
    z = -normalQuantile(ca - u * (ca - cb));
  } else {
    const pa = normalCdf(a);
    const pb = normalCdf(b);
    z = normalQuantile(pa + u * (pb - pa));
  }
  return Math.min(max, Math.max(min, mean + sd * z));
}
