/**
 * A helper thread of the ring search in Node (a worker_threads Worker): it says it is ready, then
 * searches chunks of the starting thread's large searches on their shared memory until told to stop
 * (sim/kernel/wasmRing.ts, serveRingHelper). test/ringHelpers.test.ts runs it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveRingHelper, type RingHelperInit } from '../../sim/kernel/wasmRing.ts';

parentPort?.postMessage('ready');
serveRingHelper(workerData as RingHelperInit);
