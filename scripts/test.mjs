#!/usr/bin/env node
// `npm test`: the whole suite on a fresh machine. Installs what it needs, type-checks, then runs the
// unit/property tests and (where present) the browser end-to-end tests in real headless Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, ensureDependencies, ensurePandasAndR, root } from './ensure.mjs';

ensureDependencies();
// Browser tests (the lab, the workshop, the sweep report) run in Debian's Chromium: install it first.
const chromium = ensureChromium();
// The result tables must load in pandas and R to the same values: install Debian's (CI runs as root).
const readers = ensurePandasAndR();
const bin = (name) => join(root, 'node_modules', '.bin', name);
const step = (title, cmd, args, env = {}) => {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`✖ ${title} failed`);
    process.exit(r.status ?? 1);
  }
};

step('type-check (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', '.']);
step('unit, property and validation tests (vitest)', bin('vitest'), ['run'], { STARLING_CHROMIUM: chromium, ...(readers ? { STARLING_PYTHON: readers.python, STARLING_RSCRIPT: readers.rscript } : {}) });
// The cluster path for real: Debian's slurm-wlm + munge on this machine, a job array of sweep shards
// and a dependent merge, compared row for row with one process (needs root to install and start them).
if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  step('Slurm job-array sweep (real slurmctld + slurmd)', 'bash', [join(root, 'scripts', 'slurm', 'ci-slurm-test.sh')]);
} else {
  console.log('\n▶ Slurm job-array sweep: skipped here (needs root on Debian to install and start slurm); CI runs it');
}
const e2eDir = join(root, 'test', 'e2e');
if (existsSync(e2eDir) && readdirSync(e2eDir).some((f) => f.endsWith('.test.ts'))) {
  step('browser end-to-end tests (headless Chromium)', bin('vitest'), ['run', '--config', 'vitest.e2e.config.ts'], { STARLING_CHROMIUM: chromium });
}
console.log('\n✔ all tests passed');
