/**
 * A helper thread of the lab worker's ring search: started by worker.ts where the page is
 * cross-origin isolated and the machine has a core to spare, it searches chunks of both twins' large
 * searches on the worker's shared memory (sim/kernel/wasmRing.ts). It never answers messages: after
 * the first one it lives in serveRingHelper, waiting on the shared memory.
 */
import { serveRingHelper, type RingHelperInit } from '../../sim/kernel/wasmRing.ts';

self.addEventListener('message', (e: MessageEvent<RingHelperInit>) => serveRingHelper(e.data), { once: true });
