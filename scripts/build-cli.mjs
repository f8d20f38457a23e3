// Bundle src/cli (and the sim/ engine it imports) into one ESM file for Node.
import { build } from 'esbuild';
import { existsSync, statSync, readdirSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'node_modules', '.cache', 'starling');
const entries = { cli: 'src/cli/main.ts', worker: 'src/cli/worker.ts' };

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Build when any source is newer than the bundle; returns the file URL of the CLI bundle. */
export async function buildCli() {
  const out = join(outDir, 'cli.mjs');
  // All of src/: the CLI imports the analysis and result writers next to it (and rebuilding is milliseconds).
  const srcTime = Math.max(newest(join(root, 'sim')), newest(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
  if (!existsSync(out) || statSync(out).mtimeMs < srcTime) {
    mkdirSync(outDir, { recursive: true });
    const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, f]) => existsSync(join(root, f))).map(([k, f]) => [k, join(root, f)]));
    // Build into a private folder, then rename each file into place: a process starting meanwhile
    // sees either the old bundle or the new one, never a half-written file.
    const tmp = join(outDir, `.build-${process.pid}-${Date.now()}`);
    await build({
      entryPoints,
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'error',
      define: { STARLING_ROOT: JSON.stringify(root) },
    });
    for (const f of readdirSync(tmp)) renameSync(join(tmp, f), join(outDir, f));
    rmSync(tmp, { recursive: true, force: true });
  }
  return pathToFileURL(out).href;
}
