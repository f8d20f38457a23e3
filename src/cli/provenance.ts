/** Where a result came from: Starling version, git commit, Node version, date. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

declare const STARLING_ROOT: string;

export function provenance(): { starling: string; commit: string; node: string; created: string } {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: STARLING_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* not a git checkout */
  }
  const pkg = JSON.parse(readFileSync(join(STARLING_ROOT, 'package.json'), 'utf8')) as { version: string };
  return { starling: pkg.version, commit, node: process.version, created: new Date().toISOString() };
}
