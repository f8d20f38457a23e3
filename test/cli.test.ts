/** The real `starling` command, run as a user would (node bin/starling.mjs …). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function starling(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/starling.mjs', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('starling CLI', () => {
  it('validate vicsek with overrides prints v_a per η as JSON', () => {
    const r = starling('validate', 'vicsek', '--n', '100', '--l', '5', '--eta', '0.5,6.283185307', '--steps', '200', '--seeds', '1', '--json');
    expect(r.err).toBe('');
    const json = JSON.parse(r.out);
    const pts = json.results[0].points;
    expect(pts.map((p: { eta: number }) => p.eta)).toEqual([0.5, 6.283185307]);
    expect(pts[0].va).toBeGreaterThan(0.8);
    expect(pts[1].va).toBeLessThan(0.2);
  });
  it('validate couzin with overrides prints accuracy per proportion', () => {
    const r = starling('validate', 'couzin', '--n', '20', '--p', '0,0.5', '--seeds', '6', '--json');
    const pts = JSON.parse(r.out).results[0].points;
    expect(pts.map((p: { p: number }) => p.p)).toEqual([0, 0.5]);
    expect(pts[1].accuracy).toBeGreaterThan(0.8);
  });
  it('bench kernel --json prints n, stepsPerSec and agentUpdatesPerSec', () => {
    const r = starling('bench', 'kernel', '--n', '2000', '--seconds', '0.2', '--json');
    const json = JSON.parse(r.out);
    expect(json.n).toBe(2000);
    expect(json.stepsPerSec).toBeGreaterThan(0);
    expect(json.agentUpdatesPerSec).toBeCloseTo(json.stepsPerSec * 2000, 6);
  });
  it('bad input: one clear line and exit code 2', () => {
    const a = starling('validate', 'flocks');
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/unknown suite "flocks" \(choose one of vicsek, couzin, bullwhip, hierarchy, behaviour, emergence, sensitivity, all\)/);
    const b = starling('validate', 'vicsek', '--eta', 'abc');
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/--eta: "abc" is not a number/);
    const c = starling('validate', 'vicsek', '--speed', '3');
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/unknown option --speed/);
    const d = starling('frobnicate');
    expect(d.code).toBe(2);
  });

});

/** What a researcher hit (issue 14, point 6): each gets a test. */
describe('starling CLI: mends', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'starling-cli-'));
  const oneLine = (r: { code: number | null; err: string }) => {
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\bat \S+ \(|node:internal|\.mjs:\d+/); // no stack trace
    return r.err.trim();
  };

  it('run --out refuses an existing result folder unless --force, and keeps it intact', () => {
    const out = join(tmp, 'run');
    expect(starling('run', '--seeds', '3', '--out', out, '--quiet').code).toBe(0);
    const before = readFileSync(join(out, 'runs.csv'), 'utf8');
    expect(before.trim().split('\n')).toHaveLength(7);
    expect(oneLine(starling('run', '--seeds', '1', '--out', out, '--quiet'))).toMatch(/already holds results: choose another --out, or add --force/);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8')).toBe(before);
    expect(starling('run', '--seeds', '1', '--out', out, '--quiet', '--force').code).toBe(0);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('run --out writes the same layout as a sweep: CSV and Parquet tables, codebook, summary, manifest', () => {
    const out = join(tmp, 'layout');
    expect(starling('run', '--seeds', '2', '--out', out, '--quiet').code).toBe(0);
    for (const f of ['runs.csv', 'runs.parquet', 'summary.csv', 'summary.parquet', 'summary.md', 'codebook.md', 'codebook.json', 'manifest.json']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8').split('\n')[0]).toMatch(/^run_id,point,replicate,seed,mode,lambda,T_det,/);
  });

  it('--set mistakes are one line naming the flag, never a stack trace', () => {
    expect(oneLine(starling('run', '--seeds', '1', '--set', '__proto__.x=1'))).toMatch(/--set: "__proto__" is not allowed/);
    expect(oneLine(starling('run', '--seeds', '1', '--set', 'hierarchy.layers'))).toMatch(/must look like path=value/);
    expect(oneLine(starling('run', '--seeds', '1', '--set', 'firms[-1].layers=2'))).toMatch(/"firms\[-1\]\.layers" is not a parameter path/);
    expect(oneLine(starling('run', '--seeds', '1', '--set', 'firms[9].layers=2'))).toMatch(/there are 5 firms \(firms\[0\] … firms\[4\]\); index 9 does not exist/);
    const blame = oneLine(starling('run', '--seeds', '1', '--set', 'hierarchy.span=abc'));
    expect(blame).toMatch(/--set hierarchy.span=abc: expected number, got "abc"/);
    expect(blame).not.toMatch(/drug-shortage.json/);
  });

  it('--help on every subcommand, --version, unknown options', () => {
    for (const c of ['run', 'restore', 'schema', 'params', 'validate', 'sweep', 'merge', 'analyze', 'report', 'bench']) {
      const r = starling(c, '--help');
      expect(r.code, c).toBe(0);
      expect(r.out, c).toMatch(new RegExp(`^usage: starling ${c}`));
    }
    const v = starling('--version');
    expect(v.code).toBe(0);
    expect(v.out.trim()).toBe(`starling ${JSON.parse(readFileSync('package.json', 'utf8')).version}`);
    expect(oneLine(starling('run', '--bogus', '1'))).toMatch(/unknown option --bogus for "run"/);
    expect(oneLine(starling('sweep', 'experiments/quick.json', '--wokers', '2'))).toMatch(/unknown option --wokers for "sweep"/);
  });

  it('--workers above the core count is capped with a warning', () => {
    const r = starling('sweep', 'experiments/quick.json', '--dry-run', '--workers', '64', '--out', join(tmp, 'w'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(new RegExp(`--workers 64 is more than the ${availableParallelism()} cores? here; using ${availableParallelism()}`));
  });

  it('--dry-run checks the output folder too', () => {
    const foreign = join(tmp, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    expect(oneLine(starling('sweep', 'experiments/quick.json', '--dry-run', '--out', foreign))).toMatch(/is not empty and holds no Starling sweep/);
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('a byte-order mark is accepted; duplicate keys and "__proto__" keys are refused', () => {
    const bom = join(tmp, 'bom.json');
    writeFileSync(bom, `\uFEFF${JSON.stringify({ replicates: 1, vary: { 'hierarchy.batchPeriod': [0, 8] } })}`);
    expect(starling('sweep', bom, '--dry-run', '--out', join(tmp, 'bom-out')).code).toBe(0);
    const scen = join(tmp, 'bom-scenario.json');
    writeFileSync(scen, `\uFEFF${readFileSync('scenarios/drug-shortage.json', 'utf8')}`);
    expect(starling('run', scen, '--seed', '1', '--json').code).toBe(0);
    const dup = join(tmp, 'dup.json');
    writeFileSync(dup, '{"replicates": 1, "set": {"hierarchy.span": 4, "hierarchy.span": 6}}');
    expect(oneLine(starling('sweep', dup, '--dry-run'))).toMatch(/"hierarchy.span" appears twice in "set"; give each key once/);
    const proto = join(tmp, 'proto.json');
    writeFileSync(proto, '{"replicates": 1, "set": {"__proto__": {"polluted": true}}}');
    expect(oneLine(starling('sweep', proto, '--dry-run'))).toMatch(/set.__proto__: "__proto__" is not allowed as a key/);
  });

  it('schema --out never overwrites a different file without --force', () => {
    const f = join(tmp, 'schema.json');
    writeFileSync(f, '{"mine": true}\n');
    expect(oneLine(starling('schema', '--out', f))).toMatch(/already exists and differs: choose another --out, or add --force/);
    expect(readFileSync(f, 'utf8')).toBe('{"mine": true}\n');
    expect(starling('schema', '--out', f, '--force').code).toBe(0);
    expect(JSON.parse(readFileSync(f, 'utf8')).$schema).toBeDefined();
    expect(starling('schema', '--out', f).code).toBe(0); // the same schema again: nothing lost
  });

  it('min > max is one message', () => {
    const f = join(tmp, 'minmax.json');
    writeFileSync(f, JSON.stringify({ vary: { 'shared.gamma': { min: 3, max: 1 } }, design: { type: 'latin-hypercube', points: 4 } }));
    expect(oneLine(starling('sweep', f, '--dry-run'))).toMatch(/vary.shared.gamma: min 3 is above max 1; swap them$/);
  });

  it('validate says what it runs: the suites without an argument, the source, sample and --quick with one', () => {
    const none = starling('validate');
    expect(none.code).toBe(2);
    expect(none.out).toMatch(/Suites/);
    for (const s of ['vicsek', 'couzin', 'bullwhip', 'hierarchy', 'behaviour', 'emergence', 'sensitivity', 'all']) expect(none.out).toMatch(new RegExp(`\\n  ${s} `));
    const q = starling('validate', 'bullwhip', '--quick');
    expect(q.out).toMatch(/QUICK run/);
    expect(q.out).toMatch(/Source: Chen, Drezner, Ryan & Simchi-Levi \(2000\)/);
    expect(q.out).toMatch(/Sample: 5,000 periods × 2 seeds/);
    const j = JSON.parse(starling('validate', 'sensitivity', '--json').out);
    expect(j.quick).toBe(false);
    expect(Object.values(j.sources)[0]).toMatchObject({ source: expect.stringMatching(/Ishigami/) });
  });
});
