/**
 * The ring search split between this thread and helper threads (real worker_threads on one shared
 * WebAssembly memory, sim/kernel/wasmRing.ts) gives the same state bit for bit as the JavaScript
 * search, and the helpers really search: each thread's count of chunks searched must grow. This file
 * runs in its own worker, so sharing the search here leaves the other test files' searches alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { Flock } from '../sim/kernel/flock.ts';
import { boids, business } from '../sim/kernel/presets.ts';
import { C, PARALLEL_MIN, ringControl, ringSearchThreads, shareRingSearch, stopRingHelpers } from '../sim/kernel/wasmRing.ts';
import { resolveScenario } from '../sim/model/scenario.ts';
import { Simulation } from '../sim/model/simulation.ts';
import { stateHash } from '../sim/model/snapshot.ts';
import { createRng } from '../sim/rng.ts';
import { scaledScenarioRaw } from '../src/cli/scaled.ts';
import { crowdAndLoners, expectSameState, run } from './helpers/ringCompare.ts';

const HELPERS = 2;
const helpers: Worker[] = [];

/** Chunks each thread (the leader, then the helpers) has searched so far. */
const searched = () => Array.from({ length: 1 + HELPERS }, (_, t) => ringControl()![C.searched + t]);

beforeAll(async () => {
  const inits = shareRingSearch(HELPERS);
  expect(inits).not.toBeNull();
  for (const init of inits!) {
    // The TypeScript entry, with tsx registered inside the thread (a worker does not inherit it).
    const entry = new URL('../src/cli/ringHelperThread.ts', import.meta.url).href;
    const w = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, { eval: true, workerData: init });
    await new Promise<void>((ready, fail) => w.once('message', () => ready()).once('error', fail));
    helpers.push(w);
  }
}, 60_000);

afterAll(async () => {
  for (const w of helpers) await w.terminate();
});

describe('the ring search with helper threads', () => {
  it(`runs on ${1 + HELPERS} threads, with large searches split (at least ${PARALLEL_MIN} agents)`, () => {
    expect(ringSearchThreads()).toBe(1 + HELPERS);
  });

  const cases: Array<[string, Parameters<typeof run>[0], Parameters<typeof run>[4]?]> = [
    ['business preset (walls, 270° view, 7 nearest)', business({ n: 6000 })],
    ['torus, full view, 7 nearest', { ...boids({ n: 5000 }), topologicalK: 7 }],
    ['a crowd with loners (unsettled agents found by several threads)', { ...business({ n: 4000 }), topologicalK: 7 }, crowdAndLoners],
    ['64 nearest', { ...business({ n: 3000 }), topologicalK: 64 }],
  ];
  for (const [name, params, setup] of cases) {
    it(`gives the same state as the JavaScript search after 30 steps, every helper searching: ${name}`, () => {
      const before = searched();
      const shared = run(params, 'wasm', 11, 30, setup);
      const after = searched();
      expectSameState(run(params, 'js', 11, 30, setup), shared);
      for (let t = 0; t <= HELPERS; t++) expect(after[t], `thread ${t} searched no chunk`).toBeGreaterThan(before[t]);
    }, 60_000);
  }

  it('a late claim, made after a job ended, is refused and cannot take a chunk of the next, larger job', () => {
    const small = business({ n: 3000 }), large = business({ n: 6000 });
    const before = run(small, 'wasm', 5, 3);
    // What a helper descheduled between its last claim and its next would do: claim again now.
    expect(Atomics.sub(ringControl()!, C.left, 1)).toBeLessThanOrEqual(0);
    expect(Atomics.sub(ringControl()!, C.left, 1)).toBeLessThanOrEqual(0);
    expectSameState(run(small, 'js', 5, 3), before);
    expectSameState(run(large, 'js', 5, 10), run(large, 'wasm', 5, 10));
  });

  it('leaves the same agents unsettled as the JavaScript search (lists from several threads, merged)', () => {
    const params = { ...business({ n: 4000 }), topologicalK: 7 };
    const shared = run(params, 'wasm', 9, 10, crowdAndLoners), js = run(params, 'js', 9, 10, crowdAndLoners);
    expect(shared.search!.unsettled).toBeGreaterThan(0);
    expect(shared.search!.unsettled).toBe(js.search!.unsettled);
  });

  it('searches agents again when last step\'s bound is too tight, on every thread, with the same state', () => {
    const params = { ...business({ n: 4000 }), topologicalK: 7 };
    const states = (['js', 'wasm'] as const).map((pass) => {
      const rng = createRng(21), jump = createRng(5);
      const f = new Flock(params, rng, { pairPass: pass });
      let reruns = 0;
      for (let t = 0; t < 12; t++) {
        if (t % 3 === 2) for (let id = 0; id < f.n; id += 4) f.setPosition(id, 60 * jump(), 60 * jump());
        f.step(rng);
        reruns += f.search!.reruns;
      }
      return { f, reruns };
    });
    expect(states[1].reruns).toBeGreaterThan(500);
    expectSameState(states[0].f, states[1].f);
  });

  it('both twins of a 5,000-person ecosystem: the same state as with the JavaScript search, tick by tick', () => {
    const scenario = resolveScenario(scaledScenarioRaw(5000));
    for (const mode of ['hierarchical', 'spontaneous'] as const) {
      const js = new Simulation(scenario, { mode, seed: 3, stopWhenResolved: false, pairPass: 'js' });
      const shared = new Simulation(scenario, { mode, seed: 3, stopWhenResolved: false });
      expect(shared.flock.n).toBeGreaterThanOrEqual(PARALLEL_MIN);
      for (let t = 0; t < 25; t++) {
        js.step();
        shared.step();
        if (t % 5 === 4) expect(stateHash(shared), `${mode}, tick ${t + 1}`).toBe(stateHash(js));
      }
    }
  }, 120_000);

  it('stops its helpers: their threads end by themselves, and searches go on on this thread alone', async () => {
    const ended = helpers.map((w) => new Promise<number>((done) => w.once('exit', done)));
    stopRingHelpers();
    expect(await Promise.all(ended)).toEqual(helpers.map(() => 0));
    expect(ringSearchThreads()).toBe(1);
    const params = business({ n: 3000 });
    expectSameState(run(params, 'js', 4, 10), run(params, 'wasm', 4, 10));
  }, 30_000);
});
