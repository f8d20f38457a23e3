/**
 * A full disk or an unwritable folder is reported in one clear line (exit 2), completed runs are kept,
 * and no half-written file is left behind. The full disk is a real 48 KB tmpfs (needs root to mount).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const starling = (...args: string[]) => spawnSync(process.execPath, ['bin/starling.mjs', ...args], { encoding: 'utf8' });
const root = process.getuid?.() === 0;

describe('disk problems during a sweep', () => {
  it('an output folder that cannot be created: one line, exit 2', () => {
    const r = starling('sweep', 'experiments/quick.json', '--out', '/proc/starling-cannot-write-here', '--quiet');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot create or open \/proc\/starling-cannot-write-here: .* choose another --out/);
  });

  it.skipIf(!root)('a full disk: one clear line, exit 2, the journal of completed runs kept, no temp files', () => {
    const mnt = `/tmp/starling-full-${process.pid}`;
    mkdirSync(mnt, { recursive: true });
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=48k', 'tmpfs', mnt]).status).toBe(0);
    try {
      const r = starling('sweep', 'experiments/quick.json', '--out', `${mnt}/out`, '--quiet');
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/the disk is full — free some space and run the same command again \(add --resume for a sweep\); completed runs are kept/);
      const files = readdirSync(`${mnt}/out`);
      expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
      if (existsSync(`${mnt}/out/journal.jsonl`)) {
        const lines = readFileSync(`${mnt}/out/journal.jsonl`, 'utf8').trim().split('\n');
        for (const l of lines.slice(0, -1)) expect(() => JSON.parse(l)).not.toThrow();
      }
    } finally {
      spawnSync('umount', [mnt]);
    }
  });
});
