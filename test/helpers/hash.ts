/** FNV-1a over the bytes of typed arrays, in agent-id order: a determinism fingerprint. */
import type { Flock } from '../../sim/kernel/flock.ts';

export function hashArrays(arrays: ArrayLike<number>[]): string {
  let h = 0x811c9dc5;
  const f64 = new Float64Array(1);
  const bytes = new Uint8Array(f64.buffer);
  for (const arr of arrays) {
    for (let i = 0; i < arr.length; i++) {
      f64[0] = arr[i];
      for (let b = 0; b < 8; b++) {
        h ^= bytes[b];
        h = Math.imul(h, 0x01000193) >>> 0;
      }
    }
  }
  return h.toString(16).padStart(8, '0');
}

export function flockHash(f: Flock): string {
  const byId = (a: Float64Array) => Array.from({ length: f.n }, (_, id) => a[f.slotOf[id]]);
  return hashArrays([byId(f.x), byId(f.y), byId(f.hx), byId(f.hy)]);
}
