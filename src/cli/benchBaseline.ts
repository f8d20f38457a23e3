/**
 * Side-by-side comparison with an earlier commit (default: 0b9777f, main when the performance targets
 * of issue 15 were set): the batch runs/s on the default scenario and the kernel at 100k agents, with
 * the earlier commit's own CLI run from a git worktree in the temp folder, interleaved with this
 * checkout's measurements in the same bench run so both see the same machine.
 *
 * The worktree links this checkout's packages when the lockfiles are identical (each package, never
 * node_modules/.cache, where each checkout keeps its own CLI bundle); otherwise it runs `npm ci` there.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KernelBenchResult } from './benchKernel.ts';
import type { BatchBenchResult } from './pool.ts';

export const BASELINE_COMMIT = '0b9777f';

export interface Baseline {
  commit: string;
  dir: string;
}

/** A worktree of `commit` ready to run (created once, reused by later bench runs). */
export function baselineCheckout(root: string, commit: string): Baseline {
  const full = execFileSync('git', ['-C', root, 'rev-parse', '--verify', `${commit}^{commit}`], { encoding: 'utf8' }).trim();
  const dir = join(tmpdir(), `starling-baseline-${full.slice(0, 12)}`);
  if (!existsSync(join(dir, 'bin', 'starling.mjs'))) {
    execFileSync('git', ['-C', root, 'worktree', 'add', '--force', '--detach', dir, full], { stdio: 'ignore' });
  }
  if (!existsSync(join(dir, 'node_modules'))) {
    const same = readFileSync(join(root, 'package-lock.json'), 'utf8') === readFileSync(join(dir, 'package-lock.json'), 'utf8');
    if (same) {
      // Link each package, not the folder: the CLI bundles itself into node_modules/.cache, and a
      // shared cache would let the old commit's bundle stand in for this checkout's.
      mkdirSync(join(dir, 'node_modules'));
      for (const name of readdirSync(join(root, 'node_modules'))) {
        if (name !== '.cache') symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name));
      }
    } else execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'ignore' });
  }
  return { commit: full.slice(0, 7), dir };
}

function runCli(b: Baseline, args: string[]): string {
  const child = spawnSync(process.execPath, ['--expose-gc', join(b.dir, 'bin', 'starling.mjs'), ...args], { cwd: b.dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`baseline ${b.commit}: starling ${args.join(' ')} failed: ${child.stderr.trim().split('\n').pop()}`);
  return child.stdout;
}

/** The baseline's batch section (one worker and all of them), from its own `bench batch --json`. */
export function baselineBatch(b: Baseline, quick: boolean): BatchBenchResult[] {
  const text = runCli(b, ['bench', 'batch', '--json', ...(quick ? ['--quick'] : [])]);
  // It prints its table, then the whole results object as indented JSON.
  const start = text.indexOf('{\n  "date"');
  if (start < 0) throw new Error(`baseline ${b.commit}: bench batch printed no JSON results`);
  return (JSON.parse(text.slice(start)) as { batch: BatchBenchResult[] }).batch;
}

/** The baseline's kernel at n agents (its default pair pass), from `bench kernel --n N --json`. */
export function baselineKernel(b: Baseline, n: number, seconds: number): KernelBenchResult {
  const lines = runCli(b, ['bench', 'kernel', '--n', String(n), '--seconds', String(seconds), '--json']).trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as KernelBenchResult;
}
