/**
 * The WebAssembly SIMD pair pass gives the JavaScript pass's results bit for bit (so either kernel
 * reproduces every pinned hash and golden metric), its committed binary is built from the committed
 * source, and asking for it where it cannot run says why.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Flock } from '../sim/kernel/flock.ts';
import { boids, business, couzin2005, vicsek1995 } from '../sim/kernel/presets.ts';
import type { KernelParams } from '../sim/kernel/params.ts';
import { wasmPairsModule } from '../sim/kernel/wasmPairs.ts';
import { createRng } from '../sim/rng.ts';
import { flockHash } from './helpers/hash.ts';
import { groupsGoalsHomes, randomWorld, worldParams } from './helpers/kernelWorlds.ts';
import { freezeCli, ROOT } from './helpers/cli.ts';

type Setup = (f: Flock) => void;

function run(params: Partial<KernelParams>, pairPass: 'js' | 'wasm', seed: number, steps: number, setup?: Setup): Flock {
  const rng = createRng(seed);
  const f = new Flock(params, rng, { pairPass });
  setup?.(f);
  for (let k = 0; k < steps; k++) f.step(rng);
  return f;
}

/** Every position and heading identical (===), by agent id. */
function expectSameState(a: Flock, b: Flock): void {
  expect(b.pairPass).toBe('wasm');
  expect(a.pairPass).toBe('js');
  for (let id = 0; id < a.n; id++) {
    const sa = a.slotOf[id], sb = b.slotOf[id];
    if (a.x[sa] !== b.x[sb] || a.y[sa] !== b.y[sb] || a.hx[sa] !== b.hx[sb] || a.hy[sa] !== b.hy[sb]) {
      throw new Error(`agent ${id} differs: js (${a.x[sa]}, ${a.y[sa]}) vs wasm (${b.x[sb]}, ${b.y[sb]})`);
    }
  }
  expect(flockHash(b)).toBe(flockHash(a));
}

describe('WebAssembly SIMD pair pass', () => {
  it('is available in this Node (so the comparisons below are real)', () => {
    expect(wasmPairsModule()).not.toBeNull();
    expect(new Flock(boids({ n: 100 }), createRng(1)).pairPass).toBe('wasm');
  });

  const cases: Array<[string, Partial<KernelParams>, Setup?]> = [
    ['standard boids, torus', boids({ n: 3000 })],
    ['torus, non-square 30×7 (seam rows and columns)', { ...boids({ n: 400 }), width: 30, height: 7 }],
    ['reflecting walls, FOV 270°, groups, goals, homes', { ...business({ n: 600 }), width: 45, height: 20, topologicalK: 0 }, groupsGoalsHomes],
    ['open space (folded grid), couzin2005', couzin2005({ n: 300 })],
    ['vicsek (alignment only, uniform noise)', vicsek1995({ n: 800, l: 10, eta: 1 })],
    ['field of view 120°, torus', { ...boids({ n: 1500 }), fov: 120 }],
    ['everyone within repulsion range (dense)', { ...business({ n: 500 }), width: 12, height: 12, topologicalK: 0 }],
  ];
  for (const [name, params, setup] of cases) {
    it(`gives the same state as JavaScript after 40 steps: ${name}`, () => {
      expectSameState(run(params, 'js', 9, 40, setup), run(params, 'wasm', 9, 40, setup));
    });
  }

  it('random configurations (property): same state as JavaScript', () => {
    fc.assert(
      fc.property(
        randomWorld(300),
        fc.constantFrom(1, 2, 5),
        (world, groups) => {
          const params: Partial<KernelParams> = { ...worldParams(world), sigma: 0.2 };
          const setup: Setup = (f) => {
            if (groups === 1) return;
            f.setAffinity(groups, Array.from({ length: groups * groups }, (_, k) => ((k * 7) % 5) / 4));
            for (let id = 0; id < f.n; id++) f.setGroup(id, id % groups);
          };
          const js = run(params, 'js', world.seed, 8, setup);
          if (js.reach === 0) return; // the full-scan fallback has no WASM version
          expectSameState(js, run(params, 'wasm', world.seed, 8, setup));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('flocks of different sizes stepping in turn share the memory safely', () => {
    const big = boids({ n: 2000 });
    const small = { ...business({ n: 150 }), width: 30, height: 20, topologicalK: 0 };
    const rngA = createRng(3), rngB = createRng(4);
    const a = new Flock(big, rngA, { pairPass: 'wasm' });
    const b = new Flock(small, rngB, { pairPass: 'wasm' });
    for (let k = 0; k < 15; k++) {
      a.step(rngA);
      b.step(rngB);
    }
    expectSameState(run(big, 'js', 3, 15), a);
    expectSameState(run(small, 'js', 4, 15), b);
  });

  it('asking for it where it cannot run names the reason and the fix', () => {
    // Topological neighbourhoods in open space take the full per-agent scan, which has no WebAssembly version.
    const open = { ...couzin2005({ n: 100 }), topologicalK: 7 };
    expect(() => new Flock(open, createRng(1), { pairPass: 'wasm' })).toThrow(/metric neighbourhoods only.*use "auto" or "js"/);
    expect(new Flock(open, createRng(1)).neighbourPass).toBe('js');
  });

  it('without WebAssembly (node --jitless) the JavaScript pass runs and `starling run` prints the same bytes', () => {
    const { cli, dir } = freezeCli();
    try {
      const node = (flags: string[], args: string[]) => spawnSync(process.execPath, [...flags, cli, ...args], { cwd: ROOT, encoding: 'utf8' });
      const passOf = (flags: string[]) => {
        const r = node(flags, ['bench', 'kernel', '--n', '300', '--seconds', '0.1', '--quick', '--json', '--child']);
        expect(r.status, r.stderr).toBe(0);
        return (JSON.parse(r.stdout.trim().split('\n').pop()!) as { pairPass: string }).pairPass;
      };
      expect(passOf([])).toBe('wasm');
      expect(passOf(['--jitless'])).toBe('js'); // --jitless turns WebAssembly off
      const run = ['run', 'drug-shortage', '--seed', '3', '--set', 'run.horizon=30', '--json'];
      const withWasm = node([], run);
      const withoutWasm = node(['--jitless'], run);
      expect(withWasm.status, withWasm.stderr).toBe(0);
      expect(withoutWasm.status, withoutWasm.stderr).toBe(0);
      expect(withoutWasm.stdout).toBe(withWasm.stdout);
      expect(withWasm.stdout).toContain('"T50"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('the committed binary is built from the committed source (scripts/build-wasm.mjs --check)', () => {
    const r = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);
});
