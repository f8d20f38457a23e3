/**
 * Seeded random numbers for the engine. The engine never calls Math.random: every stochastic
 * choice draws from an Rng passed in, so the same seed gives the same run in Node and the browser.
 *
 * We use seedrandom's Alea (fast, 32-bit state, identical across JS engines). Independent streams
 * for common random numbers are derived from (seed, stream name) so that, e.g., the shock draws of a
 * hierarchical and a spontaneous run with the same seed are identical even though the two modes
 * consume different numbers of draws elsewhere.
 */
import seedrandom from 'seedrandom';
import * as dmath from './math.ts';

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * Alea seeded by seedrandom (its Mash hash turns any seed string into the initial state), then
 * stepped here with the state in a Float64Array: the same sequence as seedrandom.alea, draw for
 * draw (tested), but without the occasional heap number seedrandom's object fields allocate, which
 * matters when the kernel draws 200,000 numbers a step.
 */
export function createRng(seed: number | string): Rng {
  const init = seedrandom.alea(String(seed), { state: true }).state() as unknown as { c: number; s0: number; s1: number; s2: number };
  const s = new Float64Array([init.s0, init.s1, init.s2, init.c]);
  return () => {
    const t = 2091639 * s[0] + s[3] * 2.3283064365386963e-10;
    s[0] = s[1];
    s[1] = s[2];
    s[3] = t | 0;
    return (s[2] = t - s[3]);
  };
}

/** An independent stream for one purpose ("people", "shocks", ...) of a given seed. */
export function streamRng(seed: number | string, stream: string): Rng {
  return createRng(`${seed}/${stream}`);
}

/** Standard normal draw (Box–Muller; uses two uniforms, no caching so streams stay aligned). */
export function normal(rng: Rng): number {
  let u = rng();
  if (u < 1e-300) u = 1e-300;
  const v = rng();
  return Math.sqrt(-2 * dmath.log(u)) * dmath.cos(2 * Math.PI * v);
}

/** Exponential draw with the given mean. */
export function exponential(rng: Rng, mean: number): number {
  let u = rng();
  if (u < 1e-300) u = 1e-300;
  return -mean * dmath.log(u);
}

/** Bernoulli trial for an event with the given hazard (per hour) over dt hours. */
export function hazard(rng: Rng, ratePerHour: number, dtHours: number): boolean {
  return rng() < 1 - dmath.exp(-ratePerHour * dtHours);
}
