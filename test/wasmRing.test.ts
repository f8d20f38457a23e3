/**
 * The WebAssembly ring search (sim/kernel/wasmRing.ts) chooses every agent's k nearest exactly as the
 * JavaScript ring search does, so a topological flock's state is the same bit for bit whichever runs;
 * agents the rings cannot settle go to the JavaScript block scan in both. The O(N²) reference check
 * at forced search cell sizes runs both implementations too (test/kernel.test.ts).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Flock } from '../sim/kernel/flock.ts';
import { boids, business } from '../sim/kernel/presets.ts';
import type { KernelParams } from '../sim/kernel/params.ts';
import { wasmRingModule } from '../sim/kernel/wasmRing.ts';
import { createRng } from '../sim/rng.ts';
import { groupsGoalsHomes, randomWorld, worldParams } from './helpers/kernelWorlds.ts';
import { crowdAndLoners, expectSameState, run, type Setup } from './helpers/ringCompare.ts';

describe('WebAssembly ring search', () => {
  it('is available in this Node and is the default for topological neighbourhoods', () => {
    expect(wasmRingModule()).not.toBeNull();
    expect(new Flock(business({ n: 100 }), createRng(1)).neighbourPass).toBe('topological-wasm');
    expect(new Flock(business({ n: 100 }), createRng(1), { pairPass: 'js' }).neighbourPass).toBe('topological-js');
  });

  const cases: Array<[string, Partial<KernelParams>, Setup?]> = [
    ['business preset (walls, 270° view, 7 nearest)', business({ n: 1500 })],
    ['groups, goals and homes', { ...business({ n: 600 }), width: 45, height: 20 }, groupsGoalsHomes],
    ['torus, full view, 7 nearest', { ...boids({ n: 2000 }), topologicalK: 7 }],
    ['torus, non-square 30×7 (seam rows and columns)', { ...boids({ n: 400 }), width: 30, height: 7, topologicalK: 7 }],
    ['a crowd with loners (block scan fallback)', { ...business({ n: 800 }), topologicalK: 7 }, crowdAndLoners],
    ['1 nearest', { ...business({ n: 500 }), topologicalK: 1 }],
    ['64 nearest (the limit)', { ...business({ n: 700 }), topologicalK: 64 }],
  ];
  for (const [name, params, setup] of cases) {
    it(`gives the same state as JavaScript after 40 steps: ${name}`, () => {
      expectSameState(run(params, 'js', 9, 40, setup), run(params, 'wasm', 9, 40, setup));
    });
  }

  it('leaves unsettled agents to the block scan, in both (so that path is compared above, not skipped)', () => {
    // After a few steps the search grid has adapted to the crowd (fine cells), so loners run out of rings.
    const params = { ...business({ n: 800 }), topologicalK: 7 };
    const wasm = run(params, 'wasm', 9, 10, crowdAndLoners), js = run(params, 'js', 9, 10, crowdAndLoners);
    expect(wasm.search!.unsettled).toBeGreaterThan(0);
    expect(wasm.search!.unsettled).toBeLessThan(wasm.n / 4);
    expect(wasm.search!.unsettled).toBe(js.search!.unsettled);
  });

  it('random configurations (property): same state as JavaScript', () => {
    fc.assert(
      fc.property(randomWorld(300), fc.constantFrom(1, 3, 7, 12), (world, k) => {
        const params: Partial<KernelParams> = { ...worldParams(world), sigma: 0.2, topologicalK: k };
        const js = run(params, 'js', world.seed, 8);
        if (!js.search) return; // open space: the full scan, which has no WebAssembly version
        expectSameState(js, run(params, 'wasm', world.seed, 8));
      }),
      { numRuns: 80 },
    );
  });

  it('flocks of different sizes searching in turn share the memory safely', () => {
    const big = { ...business({ n: 2500 }), topologicalK: 7 };
    const small = { ...business({ n: 150 }), width: 30, height: 20, topologicalK: 5 };
    const rngA = createRng(3), rngB = createRng(4);
    const a = new Flock(big, rngA), b = new Flock(small, rngB);
    for (let s = 0; s < 15; s++) {
      a.step(rngA);
      b.step(rngB);
    }
    expectSameState(run(big, 'js', 3, 15), a);
    expectSameState(run(small, 'js', 4, 15), b);
  });
  it("searches within last step's k-th distance first, and searches again when that bound is too tight", () => {
    // People jump between steps (as setPosition lets the model place them), so last step's bounds are
    // wrong for many: those agents must be searched again, and the state still match JavaScript.
    const params = { ...business({ n: 900 }), topologicalK: 7 };
    const flocks = (['js', 'wasm'] as const).map((pass) => ({ rng: createRng(21), jump: createRng(5), f: null as Flock | null, pass }));
    let reruns = 0;
    for (const s of flocks) {
      s.f = new Flock(params, s.rng, { pairPass: s.pass });
      for (let t = 0; t < 30; t++) {
        if (t % 3 === 2) for (let id = 0; id < s.f.n; id += 4) s.f.setPosition(id, 60 * s.jump(), 60 * s.jump());
        s.f.step(s.rng);
        if (s.pass === 'wasm') reruns += s.f.search!.reruns;
      }
    }
    expect(reruns).toBeGreaterThan(100);
    expectSameState(flocks[0].f!, flocks[1].f!);
    // Without jumps, the bound mostly holds (what makes it pay; a check that it is used at all).
    const steady = run(params, 'wasm', 21, 20);
    expect(steady.search!.reruns).toBeLessThan(steady.n / 4);
    expect(steady.search!.kth.some((d) => Number.isFinite(d))).toBe(true);
  });
});
