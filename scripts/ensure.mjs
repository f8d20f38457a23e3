// Set-up that the README's commands do for themselves on a fresh machine: install npm dependencies
// when node_modules is missing or older than the lockfile, and (for browser tests) Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('starling: installing npm dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

export const CHROMIUM = process.env.STARLING_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's chromium for the browser tests; installed with apt-get when missing (needs root). */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  console.log('starling: installing Debian chromium for the browser tests (apt-get)…');
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
  const apt = (...args) => (sudo.length ? run('sudo', ['apt-get', ...args]) : run('apt-get', args));
  apt('update');
  apt('install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core');
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM} after installing it`);
  return CHROMIUM;
}

/**
 * Debian's python3-pandas and r-base-core, for the test that the result tables load in pandas and R
 * to the same values (issue 14); installed with apt-get when missing. Returns the two interpreters,
 * or null when they cannot be installed here (not root, no apt-get): the test then says it skipped.
 */
export function ensurePandasAndR() {
  const python = '/usr/bin/python3';
  const rscript = '/usr/bin/Rscript';
  const hasPandas = () => existsSync(python) && spawnSync(python, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
  if (hasPandas() && existsSync(rscript)) return { python, rscript };
  const root = !process.getuid || process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) return null;
  console.log('starling: installing Debian python3-pandas and r-base-core for the data-loading test (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }; // never stop at a debconf prompt
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', 'python3-pandas', 'r-base-core'], { env });
  return hasPandas() && existsSync(rscript) ? { python, rscript } : null;
}
