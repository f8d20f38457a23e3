/**
 * The Slurm scripts without Slurm: bash syntax, and sweep-array.sbatch / merge.sbatch run under the
 * environment Slurm gives an array (SLURM_ARRAY_TASK_ID 0…N−1, SLURM_ARRAY_TASK_COUNT) produce the
 * same rows as one process. The real scheduler test is scripts/slurm/ci-slurm-test.sh (root, Debian).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

import { freezeCli, ROOT } from './helpers/cli.ts';

const SCRIPTS = ['sweep-array.sbatch', 'merge.sbatch', 'submit.sh', 'ci-slurm-test.sh'].map((f) => join(ROOT, 'scripts', 'slurm', f));
const tmp = mkdtempSync(join(tmpdir(), 'starling-slurm-scripts-'));
let frozen: { cli: string; dir: string } | undefined;

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  if (frozen) rmSync(frozen.dir, { recursive: true, force: true });
});

function bash(script: string, env: Record<string, string>) {
  const r = spawnSync('bash', [script], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('Slurm scripts', () => {
  it('are valid bash', () => {
    for (const s of SCRIPTS) {
      const r = spawnSync('bash', ['-n', s], { encoding: 'utf8' });
      expect(r.status, `${s}: ${r.stderr}`).toBe(0);
    }
  });

  it('array tasks 0…2 then the merge job give the rows of one process', () => {
    // A tiny experiment: the point here is the scripts, not the model.
    const experiment = join(tmp, 'tiny.json');
    writeFileSync(experiment, JSON.stringify({ name: 'tiny', set: { 'ecosystem.headcount': 10, 'ecosystem.customerHeadcount': 5 }, vary: { 'hierarchy.batchPeriod': [0, 8] }, replicates: 3, horizon: 24, seed: 5, series: { every: 4, fields: ['recovery'] } }));
    const out = join(tmp, 'array');
    frozen = freezeCli();
    const cli = { STARLING_CLI: frozen.cli };
    for (let task = 0; task < 3; task++) {
      const r = bash(join(ROOT, 'scripts', 'slurm', 'sweep-array.sbatch'), { EXPERIMENT: experiment, OUT: out, SLURM_ARRAY_TASK_ID: String(task), SLURM_ARRAY_TASK_COUNT: '3', SLURM_CPUS_PER_TASK: '1', SLURM_SUBMIT_DIR: ROOT, ...cli });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(`shard ${task + 1}/3`);
    }
    const m = bash(join(ROOT, 'scripts', 'slurm', 'merge.sbatch'), { OUT: out, SHARDS: '3', SLURM_SUBMIT_DIR: ROOT, ...cli });
    expect(m.code, m.err).toBe(0);
    const single = join(tmp, 'single');
    const s = spawnSync(process.execPath, [frozen.cli, 'sweep', experiment, '--out', single, '--workers', '2', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    expect(s.status, s.stderr).toBe(0);
    for (const f of ['runs.csv', 'summary.csv', 'timeseries.csv']) expect(readFileSync(join(out, 'merged', f), 'utf8'), f).toBe(readFileSync(join(single, f), 'utf8'));
    expect(readFileSync(join(out, 'merged', 'report.html'), 'utf8')).toContain('<script id="data" type="application/json">');
  });

  it('a task outside the array or without its settings stops with a clear message', () => {
    const a = bash(join(ROOT, 'scripts', 'slurm', 'sweep-array.sbatch'), { EXPERIMENT: 'x.json', OUT: tmp, SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_COUNT: '3' });
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/array task id 5 is outside 0…2/);
    const b = bash(join(ROOT, 'scripts', 'slurm', 'sweep-array.sbatch'), { OUT: tmp, SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '3', EXPERIMENT: '' });
    expect(b.code).not.toBe(0);
    expect(b.err).toMatch(/set EXPERIMENT/);
  });
});
