// Both twins of the default scenario scaled to N people per twin, stepped in Node with the ring search
// on this thread alone and then split with H helper threads (real worker_threads on the shared memory,
// sim/kernel/wasmRing.ts): median ms per tick of each, and the state hashes, which must be equal.
// docs/performance.md, "Fourth round". Usage: npx tsx scripts/ring-threads.ts [people] [helpers]
import { Worker } from 'node:worker_threads';
import { scaledScenarioRaw } from '../src/cli/scaled.ts';
import { Twin } from '../src/web/twin.ts';
import { stateHash } from '../sim/model/snapshot.ts';
import { C, ringControl, shareRingSearch, stopRingHelpers } from '../sim/kernel/wasmRing.ts';

const people = Number(process.argv[2] ?? 10000);
const helperCount = Number(process.argv[3] ?? 1);

function measure(): { ms: number; hashes: string[] } {
  const t = new Twin({ raw: scaledScenarioRaw(people), seed: 1, panes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] });
  for (let k = 0; k < 20; k++) t.advance(1);
  const times: number[] = [];
  for (let k = 0; k < 200; k++) {
    const s = performance.now();
    t.advance(1);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return { ms: times[100], hashes: [stateHash(t.sims[0]), stateHash(t.sims[1])] };
}

const alone = measure();
console.log(`${people} people per twin, one thread: ${alone.ms.toFixed(2)} ms per tick (median of ticks 20–220), hashes ${alone.hashes.join(' ')}`);
const entry = new URL('../src/cli/ringHelperThread.ts', import.meta.url).href;
const helpers: Worker[] = [];
for (const init of shareRingSearch(helperCount) ?? []) {
  const w = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, { eval: true, workerData: init });
  await new Promise((ready) => w.once('message', ready));
  helpers.push(w);
}
const split = measure();
const ctrl = ringControl();
const chunks = ctrl ? Array.from({ length: 1 + helperCount }, (_, t) => ctrl[C.searched + t]).join(' / ') : '-';
console.log(`with ${helpers.length} helper thread(s): ${split.ms.toFixed(2)} ms per tick, hashes ${split.hashes.join(' ')}; chunks searched per thread ${chunks}`);
console.log(split.hashes.join() === alone.hashes.join() ? 'same state' : 'STATES DIFFER');
stopRingHelpers();
process.exitCode = split.hashes.join() === alone.hashes.join() ? 0 : 1;
