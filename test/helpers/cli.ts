/** A frozen copy of the starling CLI bundle for tests that compare outputs across several runs. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Freeze the CLI for this file: build it (as bin/starling.mjs does), then run a private copy of the
 * bundle, so that edits to sim/ made while the tests run (and the rebuilds they trigger) cannot
 * change the engine between two sweeps that are compared. Same code path as `npx starling`.
 */
export function freezeCli(): { cli: string; dir: string } {
  for (let attempt = 0; attempt < 5; attempt++) {
    const built = spawnSync(process.execPath, [join(ROOT, 'bin', 'starling.mjs'), '--help'], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) continue; // another process was rebuilding it: try again
    const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'starling-test-'));
    for (const f of ['cli.mjs', 'worker.mjs']) copyFileSync(join(ROOT, 'node_modules', '.cache', 'starling', f), join(dir, f));
    const cli = join(dir, 'cli.mjs');
    if (spawnSync(process.execPath, [cli, '--help'], { cwd: ROOT }).status === 0) return { cli, dir };
    rmSync(dir, { recursive: true, force: true });
  }
  throw new Error('could not build the starling CLI');
}
