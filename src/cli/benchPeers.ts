/**
 * Starling against the JavaScript ABM peers on the standard boids workload (bench/peers/*):
 * AgentScript 0.10.27 and Flocc 0.7.0 through their idiomatic APIs, the same rule and neighbour
 * radius. Every (engine, N, repetition) runs in a fresh Node process; repetitions are interleaved
 * (rep → N → engine, engine order rotated each rep) so slow drifts of a shared machine hit every
 * engine alike. A peer is skipped at a size once one of its steps takes more than `maxStepS`.
 *
 * Speeds are per process CPU time (user + system, which includes the engine's GC threads): on a
 * shared machine wall-clock time also counts other people's work. Wall-clock figures are kept too.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

declare const STARLING_ROOT: string;

/**
 * The engines, each a bundled harness (`key`.mjs). Starling runs twice: as users get it (the
 * WebAssembly SIMD pair pass where supported; the reference for the ratios) and with the plain
 * JavaScript pair pass (same results bit for bit), so the gap to the peers is shown for both.
 */
export const PEERS: ReadonlyArray<{ key: string; name: string; file: string; args?: string[] }> = [
  { key: 'starling', name: 'Starling', file: 'bench/peers/starling.ts' },
  { key: 'starling', name: 'Starling, JS pair pass', file: 'bench/peers/starling.ts', args: ['--pair-pass', 'js'] },
  { key: 'agentscript', name: 'AgentScript 0.10.27', file: 'bench/peers/agentscript.mjs' },
  { key: 'flocc', name: 'Flocc 0.7.0', file: 'bench/peers/flocc.mjs' },
];

interface Spread { median: number; min: number; max: number }

/** One child process's report (bench/peers/common.mjs). */
interface PeerRun {
  peer: string;
  n: number;
  steps: number;
  wallMs: Spread;
  cpuMs: Spread;
  meanNeighboursStart?: number;
  meanNeighbours?: number;
  skipped?: string;
}

export interface PeerBenchResult {
  peer: string;
  n: number;
  reps: number;
  stepsPerRep: number;
  /** Per-repetition medians of ms per step, summarised over repetitions. */
  cpuMsPerStep: Spread;
  wallMsPerStep: Spread;
  /** Agent-updates per CPU-second: median and min–max over repetitions. */
  agentUpdatesPerSec: Spread;
  /** Starling's median agent-updates/s divided by this engine's (1 for Starling). */
  starlingSpeedup: number;
  meanNeighboursStart: number;
  meanNeighboursEnd: number;
  skipped?: string;
}

export interface PeerBenchOptions {
  sizes: number[];
  reps: number;
  seconds: number;
  warmup: number;
  steps: number;
  maxStepS: number;
  log?: (line: string) => void;
}

/** Bundle the harnesses for Node (AgentScript's sources need their browser-only imports stubbed). */
export async function buildPeers(): Promise<string> {
  const { build } = await import('esbuild');
  const outdir = join(STARLING_ROOT, 'node_modules', '.cache', 'starling', 'peers');
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(PEERS.map((p) => [p.key, join(STARLING_ROOT, p.file)])), // one bundle per key
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    absWorkingDir: STARLING_ROOT,
    plugins: [
      {
        // AgentScript's src/ imports a few modules by site-absolute paths (/vendor/turfImports.js for
        // geographic worlds, views); the flocking model uses none of them.
        name: 'agentscript-site-imports',
        setup(b) {
          b.onResolve({ filter: /^\/(vendor|src)\// }, (a) => ({ path: a.path, namespace: 'as-stub' }));
          b.onLoad({ filter: /.*/, namespace: 'as-stub' }, (a) => ({
            contents: `const stub = () => { throw new Error('${a.path} is not available in the Node benchmark'); }; export default stub; export const bbox = stub;`,
            loader: 'js',
          }));
        },
      },
    ],
  });
  return outdir;
}

export async function benchPeers(opts: PeerBenchOptions): Promise<PeerBenchResult[]> {
  const outdir = await buildPeers();
  const runs = new Map<string, PeerRun[]>();
  const skipped = new Map<string, string>();
  const key = (peer: string, n: number) => `${peer}@${n}`;
  for (let rep = 0; rep < opts.reps; rep++) {
    for (const n of opts.sizes) {
      const order = PEERS.map((_, k) => PEERS[(k + rep) % PEERS.length]);
      for (const peer of order) {
        const k = key(peer.name, n);
        if (skipped.has(k)) continue;
        const run = runChild(join(outdir, `${peer.key}.mjs`), n, opts, peer.args);
        if (run.skipped) skipped.set(k, run.skipped);
        else (runs.get(k) ?? runs.set(k, []).get(k)!).push(run);
        opts.log?.(`  peers: rep ${rep + 1}/${opts.reps} ${peer.name} N=${n}: ${run.skipped ? `skipped (${run.skipped})` : `${run.cpuMs.median.toFixed(2)} ms/step`}`);
      }
    }
  }
  const results: PeerBenchResult[] = [];
  for (const n of opts.sizes) {
    const starling = runs.get(key('Starling', n));
    const starlingRate = starling ? median(starling.map((r) => (n / r.cpuMs.median) * 1000)) : NaN;
    for (const peer of PEERS) {
      const k = key(peer.name, n);
      const list = runs.get(k) ?? [];
      const rates = list.map((r) => (n / r.cpuMs.median) * 1000);
      const result: PeerBenchResult = {
        peer: peer.name,
        n,
        reps: list.length,
        stepsPerRep: list.length ? Math.min(...list.map((r) => r.steps)) : 0,
        cpuMsPerStep: spread(list.map((r) => r.cpuMs.median)),
        wallMsPerStep: spread(list.map((r) => r.wallMs.median)),
        agentUpdatesPerSec: spread(rates),
        starlingSpeedup: starlingRate / median(rates),
        meanNeighboursStart: median(list.map((r) => r.meanNeighboursStart ?? NaN)),
        meanNeighboursEnd: median(list.map((r) => r.meanNeighbours ?? NaN)),
      };
      if (skipped.has(k)) result.skipped = skipped.get(k);
      results.push(result);
    }
  }
  return results;
}

function runChild(file: string, n: number, opts: PeerBenchOptions, extra: string[] = []): PeerRun {
  const args = [...extra, '--n', String(n), '--seconds', String(opts.seconds), '--warmup', String(opts.warmup), '--steps', String(opts.steps), '--max-step-s', String(opts.maxStepS)];
  // Hard limit: setup, the first step (≤ maxStepS, or it reports skipped), warm-up and timed steps.
  const limitMs = (opts.maxStepS * (opts.warmup + 4) + opts.seconds + 60) * 1000;
  const child = spawnSync(process.execPath, ['--max-old-space-size=8192', file, ...args], { encoding: 'utf8', timeout: limitMs, maxBuffer: 1 << 24 });
  const line = child.stdout?.trim().split('\n').pop();
  if (child.status !== 0 || !line) {
    const why = child.error?.message ?? child.stderr?.trim().split('\n').slice(-3).join(' ');
    return { peer: file, n, steps: 0, wallMs: spread([]), cpuMs: spread([]), skipped: `failed or over time: ${why}` };
  }
  return JSON.parse(line) as PeerRun;
}

function median(v: number[]): number {
  const s = v.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function spread(v: number[]): Spread {
  if (!v.length) return { median: NaN, min: NaN, max: NaN };
  return { median: median(v), min: Math.min(...v), max: Math.max(...v) };
}
