/**
 * `starling bench` (also `npm run bench`): the engine's speed and memory on the standard boids
 * workload (torus, radius r, L = √(N·π·r²/15), ≈15 neighbours each). Each size runs in a fresh Node
 * process (so one size's JIT state or heap cannot flatter another) with --expose-gc for honest
 * memory figures. Results go to stdout and bench/results.json.
 *
 *   starling bench                       all sizes (1k, 10k, 100k), table + bench/results.json
 *   starling bench kernel --n 100000 --json   one size, machine-readable
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bool, checkKnown, number, parseArgs, UsageError } from './args.ts';
import { benchKernel, type KernelBenchResult } from './benchKernel.ts';

declare const STARLING_ROOT: string;
const KNOWN = ['n', 'json', 'quick', 'seconds', 'child'];

export async function benchCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', 'quick', 'child']);
  checkKnown(args, KNOWN, 'bench');
  const what = args.positional[0] ?? 'all';
  const quick = bool(args, 'quick');
  const seconds = number(args, 'seconds', { min: 0.1, max: 600 }) ?? (quick ? 1 : 3);
  if (what === 'kernel' && args.flags.has('n')) {
    const n = number(args, 'n', { min: 1, max: 5_000_000, integer: true })!;
    const result = runInFreshProcess(n, seconds, bool(args, 'child'));
    if (bool(args, 'json')) console.log(JSON.stringify(result));
    else printTable([result]);
    return 0;
  }
  if (what !== 'all' && what !== 'kernel') throw new UsageError(`unknown benchmark "${what}" (choose kernel, or nothing for all)`);
  const sizes = quick ? [1_000, 10_000, 100_000] : [1_000, 10_000, 100_000];
  const results = sizes.map((n) => runInFreshProcess(n, seconds, false));
  if (bool(args, 'json')) console.log(JSON.stringify({ kernel: results }, null, 2));
  else printTable(results);
  const dir = join(STARLING_ROOT, 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, kernel: results }, null, 2)}\n`);
  return 0;
}

function runInFreshProcess(n: number, seconds: number, inThisProcess: boolean): KernelBenchResult {
  if (inThisProcess) return benchKernel(n, seconds);
  const cli = fileURLToPath(new URL('./cli.mjs', import.meta.url));
  const child = spawnSync(process.execPath, ['--expose-gc', cli, 'bench', 'kernel', '--n', String(n), '--seconds', String(seconds), '--json', '--child'], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`benchmark child for n=${n} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as KernelBenchResult;
}

function printTable(results: KernelBenchResult[]): void {
  console.log('Kernel, standard boids workload (torus, ≈15 neighbours), one core');
  console.log('       N   steps/s   agent-updates/s   ms/step (min–max)   bytes/agent   retained/step   allocated/step');
  for (const r of results) {
    console.log(
      `${String(r.n).padStart(8)} ${r.stepsPerSec.toFixed(1).padStart(9)} ${(r.agentUpdatesPerSec / 1e6).toFixed(2).padStart(15)} M ${`${r.msPerStep.median.toFixed(2)} (${r.msPerStep.min.toFixed(2)}–${r.msPerStep.max.toFixed(2)})`.padStart(19)} ${r.heapBytesPerAgent.toFixed(0).padStart(13)} ${r.heapGrowthPerStep.toFixed(1).padStart(13)} B ${r.allocatedBytesPerStep.toFixed(1).padStart(14)} B`,
    );
  }
}
