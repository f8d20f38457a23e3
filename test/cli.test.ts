/** The real `starling` command, run as a user would (node bin/starling.mjs …). */
import { spawnSync } from 'node:child_process';
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
    expect(a.err).toMatch(/unknown suite "flocks" \(choose one of vicsek, couzin, bullwhip, hierarchy, behaviour, emergence, all\)/);
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
