// Starling's kernel on the standard boids workload (sim/kernel/presets.ts `boids`), the same harness
// protocol as the other peers (bench/peers/common.mjs). Bundled for Node by benchPeers.ts.
import { Flock } from '../../sim/kernel/flock.ts';
import { boids } from '../../sim/kernel/presets.ts';
import { createRng } from '../../sim/rng.ts';
// @ts-expect-error plain-JS helper without types
import { measure, parseArgs } from './common.mjs';

const args = parseArgs(process.argv.slice(2)) as { n: number; pairPass?: 'js' | 'wasm' };
const options = { pairPass: args.pairPass ?? 'auto' } as const;
const params = boids({ n: args.n });
// A few steps of a small flock are too little work for V8 to optimise the kernel, so warm the JIT on a
// throwaway flock first (0.3 s); the measured flock then starts from its own uniform random start.
{
  const warmRng = createRng(1);
  const warm = new Flock(params, warmRng, options);
  const t0 = performance.now();
  while (performance.now() - t0 < 300) warm.step(warmRng);
}
const rng = createRng(42);
const flock = new Flock(params, rng, options);

function meanNeighbours(): number {
  // Brute force over the cell grid is what the kernel does; count directly with a 3×3 cell scan.
  const { x, y, n } = flock;
  const l = params.width!;
  const cells = Math.floor(l);
  const size = l / cells;
  const heads = new Int32Array(cells * cells).fill(-1);
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.min(cells - 1, Math.floor(y[i] / size)) * cells + Math.min(cells - 1, Math.floor(x[i] / size));
    next[i] = heads[c];
    heads[c] = i;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const cx = Math.min(cells - 1, Math.floor(x[i] / size)), cy = Math.min(cells - 1, Math.floor(y[i] / size));
    for (let oy = -1; oy <= 1; oy++) {
      for (let ox = -1; ox <= 1; ox++) {
        const c = ((cy + oy + cells) % cells) * cells + ((cx + ox + cells) % cells);
        for (let j = heads[c]; j >= 0; j = next[j]) {
          if (j === i) continue;
          let dx = Math.abs(x[j] - x[i]), dy = Math.abs(y[j] - y[i]);
          if (dx > l / 2) dx = l - dx;
          if (dy > l / 2) dy = l - dy;
          if (dx * dx + dy * dy <= 1) sum++;
        }
      }
    }
  }
  return sum / n;
}

measure('Starling', args, () => flock.step(rng), meanNeighbours);
