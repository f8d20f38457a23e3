/** `starling analyze` on a real (small) sweep: files written, wrong designs refused in one line. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const starling = (...args: string[]) => spawnSync(process.execPath, ['bin/starling.mjs', ...args], { encoding: 'utf8' });
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'starling-analyze-'));
  const exp = {
    name: 'tiny-morris',
    scenario: 'drug-shortage',
    set: { 'ecosystem.headcount': 20, 'ecosystem.customerHeadcount': 10 },
    vary: { 'shared.commitOmega': { min: 0.4, max: 0.9 }, 'hierarchy.batchPeriod': { min: 0, max: 24 }, dummy: { min: 0, max: 1 } },
    design: { type: 'morris', trajectories: 4 },
    replicates: 1,
    horizon: 96,
  };
  writeFileSync(join(dir, 'm.json'), JSON.stringify(exp));
  const r = starling('sweep', join(dir, 'm.json'), '--out', join(dir, 'm'), '--quiet');
  expect(r.status, r.stderr).toBe(0);
}, 120_000);

describe('starling analyze', () => {
  it('morris writes a table, CSV and JSON with every parameter, the dummy included', () => {
    const r = starling('analyze', 'morris', join(dir, 'm'), '--metric', 'saving');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Morris elementary effects of saving:T50 \(spontaneous, mean over replicates\)/);
    expect(r.stdout).toMatch(/32 of 32 runs used/);
    const json = JSON.parse(readFileSync(join(dir, 'm', 'analysis', 'morris-saving_T50-spontaneous.json'), 'utf8'));
    expect(json.morris.map((m: { factor: string }) => m.factor).sort()).toEqual(['dummy', 'hierarchy.batchPeriod', 'shared.commitOmega']);
    for (const m of json.morris) expect(m.effects).toBe(4);
    const csv = readFileSync(join(dir, 'm', 'analysis', 'morris-saving_T50-spontaneous.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('parameter,mu_star,mu_star_ci_low,mu_star_ci_high,mu,sigma,sigma_ci_low,sigma_ci_high,effects');
    expect(csv).toHaveLength(4);
  });
  it('a plain metric of one mode works too', () => {
    const r = starling('analyze', 'morris', join(dir, 'm'), '--metric', 'messages', '--mode', 'hierarchical', '--quiet');
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'm', 'analysis', 'morris-messages-hierarchical.json'))).toBe(true);
  });
  it('prim finds boxes for a condition on any design', () => {
    const r = starling('analyze', 'prim', join(dir, 'm'), '--where', 'T50 > 0', '--mode', 'spontaneous');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PRIM: where T50 > 0/);
  });
  it('refuses the wrong design, a bad metric, a bad condition — one line each', () => {
    const a = starling('analyze', 'sobol', join(dir, 'm'));
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/is a morris sweep; sobol indices need a "sobol" design/);
    const b = starling('analyze', 'morris', join(dir, 'm'), '--metric', 'speed');
    expect(b.stderr).toMatch(/--metric: "speed" is not a metric; use one of T_det/);
    const c = starling('analyze', 'prim', join(dir, 'm'), '--where', 'saving is bad');
    expect(c.stderr).toMatch(/--where: "saving is bad" is not a condition/);
    const d = starling('analyze', 'prim', join(dir, 'm'));
    expect(d.stderr).toMatch(/prim needs the condition to explain/);
    for (const r of [a, b, c, d]) expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
