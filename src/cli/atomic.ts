/** Write a file atomically: to a temporary name in the same folder, fsync, then rename over the target. */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export function writeAtomic(path: string, text: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  const fd = openSync(tmp, 'w');
  try {
    if (typeof text === 'string') writeSync(fd, text);
    else writeSync(fd, text);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    try {
      unlinkSync(tmp); // never leave a half-written file behind
    } catch {
      /* already gone */
    }
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
  try {
    // Make the rename itself durable (not every platform can fsync a folder).
    const dirFd = openSync(dirname(path), 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    /* best effort */
  }
}

/**
 * mkdir -p without Node's recursive mkdir, which can spin forever where mkdir fails with ENOENT on an
 * existing parent (e.g. under /proc): create each missing level in turn so errors surface at once.
 */
export function makeDir(dir: string): void {
  const full = resolve(dir);
  const missing: string[] = [];
  for (let d = full; !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) mkdirSync(d);
}
