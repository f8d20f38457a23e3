/**
 * What the ring-search tests share (test/wasmRing.test.ts, test/ringHelpers.test.ts): a flock run to a
 * step, the check that two flocks hold the same state bit for bit, and a crowd with loners.
 */
import { expect } from 'vitest';
import { Flock } from '../../sim/kernel/flock.ts';
import type { KernelParams } from '../../sim/kernel/params.ts';
import { createRng } from '../../sim/rng.ts';
import { flockHash } from './hash.ts';

export type Setup = (f: Flock) => void;

export function run(params: Partial<KernelParams>, pairPass: 'js' | 'wasm', seed: number, steps: number, setup?: Setup): Flock {
  const rng = createRng(seed);
  const f = new Flock(params, rng, { pairPass });
  setup?.(f);
  for (let s = 0; s < steps; s++) f.step(rng);
  return f;
}

/** Every position and heading identical (===), by agent id. */
export function expectSameState(js: Flock, wasm: Flock): void {
  expect(js.neighbourPass).toBe('topological-js');
  expect(wasm.neighbourPass).toBe('topological-wasm');
  for (let id = 0; id < js.n; id++) {
    const a = js.slotOf[id], b = wasm.slotOf[id];
    if (js.x[a] !== wasm.x[b] || js.y[a] !== wasm.y[b] || js.hx[a] !== wasm.hx[b] || js.hy[a] !== wasm.hy[b]) {
      throw new Error(`agent ${id} differs: js (${js.x[a]}, ${js.y[a]}) vs wasm (${wasm.x[b]}, ${wasm.y[b]})`);
    }
  }
  expect(flockHash(wasm)).toBe(flockHash(js));
}

/** A crowd around (30, 30) plus a few loners far from it (the rings cannot settle those). */
export const crowdAndLoners: Setup = (f) => {
  const r = createRng(9);
  for (let id = 0; id < f.n; id++) {
    if (id % 40 === 0) f.setPosition(id, 5 + (id % 7) * 8, 55 - (id % 5) * 2, id);
    else f.setPosition(id, 30 + 4 * r() * Math.cos(7 * id), 30 + 4 * r() * Math.sin(7 * id), id);
  }
};
