/**
 * `starling sweep` / `merge` end to end, as a user runs them (node bin/starling.mjs …): results are
 * identical whatever the worker count, the shard split or interruptions (kill -9, Ctrl-C), and bad
 * input is refused with one line and exit code 2 without touching what was computed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { freezeCli, ROOT } from './helpers/cli.ts';

const QUICK = join(ROOT, 'experiments', 'quick.json');
const TABLES = ['runs.csv', 'summary.csv', 'timeseries.csv', 'summary.md'];
let tmp: string;
let frozen: { cli: string; dir: string };

function starling(...args: string[]) {
  const r = spawnSync(process.execPath, [frozen.cli, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, STARLING_PROGRESS_SECONDS: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same, without blocking: independent commands run side by side. */
function starlingAsync(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [frozen.cli, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => ok({ code, out, err }));
  });
}

const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
const journalLines = (dir: string) => (existsSync(join(dir, 'journal.jsonl')) ? readFileSync(join(dir, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).length - 1 : 0);

/** Every file of a folder with its content hash and modification time. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    out[f] = `${createHash('sha256').update(readFileSync(p)).digest('hex')}@${statSync(p).mtimeMs}`;
  }
  return out;
}

function expectSameTables(a: string, b: string) {
  for (const f of TABLES) expect(read(b, f), `${f} differs between ${a} and ${b}`).toBe(read(a, f));
}

/** Start a sweep in the background; resolves with the child once `lines` runs are journaled. */
function startAndWait(out: string, lines: number, extra: string[] = []) {
  const child = spawn(process.execPath, [frozen.cli, 'sweep', QUICK, '--out', out, '--workers', '2', '--quiet', ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code, signal) => ok(code ?? (signal ? -1 : null))));
  const reached = new Promise<boolean>((ok) => {
    const timer = setInterval(() => {
      if (journalLines(out) >= lines) {
        clearInterval(timer);
        ok(true);
      }
    }, 5);
    void exited.then(() => {
      clearInterval(timer);
      ok(false);
    });
  });
  return { child, exited, reached, stderr: () => err };
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'starling-sweep-'));
  frozen = freezeCli();
  const single = starling('sweep', QUICK, '--out', join(tmp, 'w2'), '--workers', '2');
  expect(single.err + single.out).toMatch(/wrote/);
  expect(single.code).toBe(0);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  if (frozen) rmSync(frozen.dir, { recursive: true, force: true });
});

describe('sweep: the same results whatever the split', () => {
  it('writes runs.csv, timeseries.csv, summary.csv, summary.md and manifest.json with every run once', () => {
    const dir = join(tmp, 'w2');
    for (const f of [...TABLES, 'manifest.json', 'journal.jsonl']) expect(existsSync(join(dir, f)), f).toBe(true);
    const rows = read(dir, 'runs.csv').trim().split('\n');
    expect(rows[0]).toMatch(/^run_id,point,replicate,seed,mode,lambda,hierarchy\.batchPeriod,hierarchy\.load,T_det,T_det_censored,/);
    expect(rows).toHaveLength(1 + 4 * 3 * 2);
    const ids = rows.slice(1).map((r) => r.split(',')[0]);
    expect(new Set(ids).size).toBe(ids.length);
    // Paired seeds: both modes of a (point, replicate) share the seed; seeds differ between replicates.
    const seeds = rows.slice(1).map((r) => r.split(',').slice(1, 5));
    for (let k = 0; k < seeds.length; k += 2) {
      expect(seeds[k][2]).toBe(seeds[k + 1][2]);
      expect(seeds[k][3]).toBe('hierarchical');
      expect(seeds[k + 1][3]).toBe('spontaneous');
    }
    expect(new Set(seeds.map((s) => s[2])).size).toBe(12);
    const manifest = JSON.parse(read(dir, 'manifest.json'));
    expect(manifest).toMatchObject({ status: 'complete', name: 'quick', runs: { total: 24, done: 24 }, modes: ['hierarchical', 'spontaneous'] });
    expect(manifest.seeds).toHaveLength(4);
    expect(manifest.scenario.run.horizon).toBe(48);
    expect(typeof manifest.commit).toBe('string');
    expect(manifest.node).toBe(process.version);
    expect(manifest.timing.wallSeconds).toBeGreaterThan(0);
    const ts = read(dir, 'timeseries.csv').trim().split('\n');
    expect(ts[0]).toBe('run_id,point,replicate,seed,mode,t,recovery,coverage,engaged');
    // Every 2 h from 0 to the horizon (48 h), or fewer when the run stopped with its shock resolved.
    const byRun = new Map<string, string[][]>();
    for (const line of ts.slice(1)) {
      const cells = line.split(',');
      byRun.set(cells[0], [...(byRun.get(cells[0]) ?? []), cells]);
    }
    expect(byRun.size).toBe(24);
    for (const series of byRun.values()) {
      expect(series.map((c) => Number(c[5]))).toEqual(series.map((_, k) => 2 * k));
      expect(series.length).toBeLessThanOrEqual(25);
    }
    expect(read(dir, 'summary.csv').split('\n')[0]).toMatch(/saving_vs_hierarchical,saving_estimable,saving_ci_low,saving_ci_high,saving_p_permutation,saving_p_at_floor,pairs,censored_hierarchical,censored_mode/);
  });

  it('1 worker gives byte-identical tables to 2 workers', () => {
    const r = starling('sweep', QUICK, '--out', join(tmp, 'w1'), '--workers', '1', '--quiet');
    expect(r.code).toBe(0);
    expectSameTables(join(tmp, 'w2'), join(tmp, 'w1'));
  });

  it('3 shards merged give the same rows as one process; merge refuses incomplete sets and other experiments', async () => {
    const shards = [1, 2, 3].map((k) => join(tmp, `shard${k}`));
    const other = join(tmp, 'other.json');
    writeFileSync(other, JSON.stringify({ ...JSON.parse(readFileSync(QUICK, 'utf8')), name: 'other', seed: 8 }));
    const results = await Promise.all([
      ...shards.map((dir, k) => starlingAsync('sweep', QUICK, '--out', dir, '--shard', `${k + 1}/3`, '--workers', '1', '--quiet')),
      starlingAsync('sweep', other, '--out', join(tmp, 'other-shard'), '--shard', '2/3', '--workers', '1', '--quiet'),
    ]);
    for (const r of results) expect(r.code, r.err).toBe(0);
    const sizes = shards.map((d) => read(d, 'runs.csv').trim().split('\n').length - 1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(24);
    const missing = starling('merge', shards[0], shards[2], '--out', join(tmp, 'merged'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/8 of 24 runs are missing .*shard 2\/3 was not given/);
    expect(existsSync(join(tmp, 'merged'))).toBe(false);
    const m = starling('merge', shards[2], shards[0], shards[1], '--out', join(tmp, 'merged'));
    expect(m.code).toBe(0);
    expectSameTables(join(tmp, 'w2'), join(tmp, 'merged'));
    // Shards of a different experiment are refused with a clear message.
    const before = snapshot(join(tmp, 'merged'));
    const bad = starling('merge', shards[0], join(tmp, 'other-shard'), shards[2], '--out', join(tmp, 'merged'));
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/holds a different experiment \("other", id [0-9a-f]{16}\) from .*\("quick", id [0-9a-f]{16}\): merge only shards of one experiment/);
    expect(snapshot(join(tmp, 'merged'))).toEqual(before);
    // The merged folder reports like any sweep.
    expect(starling('report', join(tmp, 'merged'), '--quiet').code).toBe(0);
    expect(existsSync(join(tmp, 'merged', 'report.html'))).toBe(true);
  });
});

describe('sweep: interruptions', () => {
  it('kill -9 at random points, then --resume: every run exactly once, identical to an uninterrupted sweep', async () => {
    for (let trial = 0; trial < 4; trial++) {
      const out = join(tmp, `killed${trial}`);
      const targets: number[] = [];
      let kept = '';
      for (let kill = 0; kill < 3; kill++) {
        const done = journalLines(out);
        const target = Math.min(23, done + 1 + Math.floor(Math.random() * 7));
        targets.push(target);
        const run = startAndWait(out, target, kill ? ['--resume'] : []);
        const reached = await run.reached;
        if (!reached) break; // finished before we could kill it: fine, the checks below still hold
        run.child.kill('SIGKILL');
        await run.exited;
        const now = readFileSync(join(out, 'journal.jsonl'), 'utf8');
        // Completed lines are never rewritten: what was there before is still there, byte for byte.
        expect(now.startsWith(kept.slice(0, kept.lastIndexOf('\n') + 1)), `targets ${targets}`).toBe(true);
        kept = now;
        if (kill === 1) appendFileSync(join(out, 'journal.jsonl'), '{"id":"p3-r2-spont'); // a torn line, as a power cut leaves
      }
      const r = starling('sweep', QUICK, '--out', out, '--workers', '2', '--resume', '--quiet');
      expect(r.code, `${r.err} (kill targets ${targets})`).toBe(0);
      expectSameTables(join(tmp, 'w2'), out);
      const lines = readFileSync(join(out, 'journal.jsonl'), 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l).id as string);
      expect(lines.length, `kill targets ${targets}`).toBe(24);
      expect(new Set(lines).size).toBe(24);
      expect(readdirSync(out).filter((f) => f.includes('.tmp-') || f === '.lock')).toEqual([]);
    }
  });

  it('Ctrl-C (SIGINT) saves what is done, exits 130 and says how to resume', async () => {
    const out = join(tmp, 'sigint');
    const run = startAndWait(out, 4);
    expect(await run.reached).toBe(true);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stderr()).toMatch(/interrupted \(SIGINT\): \d+ of 24 runs are saved/);
    expect(run.stderr()).toMatch(/--resume/);
    expect(JSON.parse(read(out, 'manifest.json')).status).toBe('interrupted');
    expect(existsSync(join(out, 'runs.csv'))).toBe(false);
    const r = starling('sweep', QUICK, '--out', out, '--resume', '--quiet');
    expect(r.code).toBe(0);
    expectSameTables(join(tmp, 'w2'), out);
  });
});

describe('sweep: bad input gets one clear line and exit code 2', () => {
  const write = (name: string, body: unknown) => {
    const p = join(tmp, name);
    writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body));
    return p;
  };

  /** The CLI's main() in this process (fast): exit code and what it printed on stderr. */
  async function inProcess(...args: string[]) {
    (globalThis as { STARLING_ROOT?: string }).STARLING_ROOT = ROOT; // the bundle's build-time constant
    const { main } = await import('../src/cli/main.ts');
    const lines: string[] = [];
    const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const code = await main(args);
      return { code, err: `${lines.join('\n')}\n` };
    } finally {
      err.mockRestore();
      log.mockRestore();
    }
  }

  it('as a user runs it: missing file and shard 3/2', async () => {
    const [a, b] = await Promise.all([starlingAsync('sweep', join(tmp, 'nope.json')), starlingAsync('sweep', QUICK, '--shard', '3/2')]);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/^starling sweep: no experiment file ".*nope\.json": check the path \(examples: experiments\/example\.json/);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/^starling sweep: --shard 3\/2: shard 3 does not exist when there are 2; k must be from 1 to 2/);
    for (const r of [a, b]) expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  const cases: Array<[string, () => string[], RegExp]> = [
    ['not JSON', () => ['sweep', write('broken.json', '{"vary": ')], /not valid JSON .*fix the syntax/],
    ['unknown parameter', () => ['sweep', write('unknown.json', { vary: { 'hierarchy.batchPerod': [0, 8] } })], /vary\.hierarchy\.batchPerod: unknown parameter "hierarchy\.batchPerod" \(did you mean "hierarchy\.batchPeriod"\?\)/],
    ['value out of range', () => ['sweep', write('range.json', { vary: { 'hierarchy.load': [0.5, 0.99] } })], /vary\.hierarchy\.load\[1\]: 0\.99 is above the maximum 0\.95 utilisation; use a value in 0…0\.95/],
    ['held value out of range', () => ['sweep', write('held.json', { set: { 'hierarchy.layers': 0 } })], /set\.hierarchy\.layers: 0 is below the minimum 1/],
    ['firm-level value out of range', () => ['sweep', write('firm.json', { vary: { 'firms[2].layers': [3, 0] } })], /point 1 \(firms\[2\]\.layers=0\): firms\[2\]\.layers: 0 is below the minimum 1/],
    ['unknown scenario', () => ['sweep', write('scen.json', { scenario: 'drug-shortages' })], /scenario: no scenario "drug-shortages": give a file path or one of .*drug-shortage/],
    ['bad mode', () => ['sweep', write('mode.json', { modes: ['hierarchical', 'flocking'] })], /modes\[1\]: "flocking" is not a mode/],
    ['range in a grid', () => ['sweep', write('grid.json', { vary: { 'hierarchy.load': { min: 0.1, max: 0.9 } } })], /needs "steps" in a grid design/],
    ['shard text', () => ['sweep', QUICK, '--shard', 'half'], /--shard: "half" is not k\/n/],
    ['workers 0', () => ['sweep', QUICK, '--workers', '0'], /--workers: 0 is below the minimum 1/],
    ['unknown option', () => ['sweep', QUICK, '--threads', '2'], /unknown option --threads/],
    ['no experiment', () => ['sweep'], /give an experiment file/],
    ['merge without --out', () => ['merge', join(tmp, 'w2')], /give --out DIR/],
    ['merge of a folder that is not a sweep', () => ['merge', tmp, '--out', join(tmp, 'never')], /holds no manifest\.json/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = await inProcess(...args());
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n'), r.err).toHaveLength(1);
    });
  }

  it('an output folder holding a different experiment, or this one without --resume, is left untouched', async () => {
    const dir = join(tmp, 'w2');
    const before = snapshot(dir);
    const other = write('other2.json', { ...JSON.parse(readFileSync(QUICK, 'utf8')), name: 'other2', replicates: 2 });
    const [a, b, c, d, e] = await Promise.all([
      starlingAsync('sweep', other, '--out', dir),
      starlingAsync('sweep', QUICK, '--out', dir),
      starlingAsync('sweep', QUICK, '--out', dir, '--shard', '1/2', '--resume'),
      starlingAsync('sweep', QUICK, '--out', join(dir, 'runs.csv')),
      starlingAsync('merge', join(tmp, 'shard1'), join(tmp, 'shard2'), join(tmp, 'shard3'), '--out', dir),
    ]);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/holds a different experiment \("quick", id [0-9a-f]{16}; .* is "other2", id [0-9a-f]{16}\): choose another --out, or delete/);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/already holds this experiment \(24 of 24 runs done\): add --resume/);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/holds the whole of this experiment, not shard 1\/2/);
    expect(d.code).toBe(2);
    expect(d.err).toMatch(/is a file, not a folder/);
    expect(e.code).toBe(2);
    expect(e.err).toMatch(/holds a sweep of this experiment \(not a merge\)/);
    for (const r of [a, b, c, d, e]) expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a folder or shard computed by another build of the engine is refused for --resume and merge', async () => {
    const copy = join(tmp, 'other-engine');
    cpSync(join(tmp, 'shard2'), copy, { recursive: true });
    const manifest = JSON.parse(read(copy, 'manifest.json'));
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify({ ...manifest, engine: '0123456789abcdef' }));
    const before = snapshot(copy);
    const [a, b] = await Promise.all([
      starlingAsync('sweep', QUICK, '--out', copy, '--shard', '2/3', '--resume'),
      starlingAsync('merge', join(tmp, 'shard1'), copy, join(tmp, 'shard3'), '--out', join(tmp, 'never2')),
    ]);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/was started by a different build of the engine \(engine 0123456789abcdef, commit .*\): resuming would mix results of two engines/);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/were computed by different builds of the engine/);
    expect(existsSync(join(tmp, 'never2'))).toBe(false);
    expect(snapshot(copy)).toEqual(before);
  });
});
