/**
 * `starling report DIR`: a self-contained report.html (inline SVG, no scripts, nothing fetched) that
 * renders in headless Chromium without console errors. The browser check runs wherever Debian's
 * chromium is installed at /usr/bin/chromium (CI installs it); elsewhere it is skipped, saying why.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freezeCli, ROOT } from './helpers/cli.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
let tmp: string;
let frozen: { cli: string; dir: string };
let out: string;

function starling(...args: string[]) {
  const r = spawnSync(process.execPath, [frozen.cli, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'starling-report-'));
  out = join(tmp, 'quick');
  frozen = freezeCli();
  const r = starling('sweep', join(ROOT, 'experiments', 'quick.json'), '--out', out, '--workers', '2', '--quiet');
  expect(r.code, r.err).toBe(0);
  const rep = starling('report', out);
  expect(rep.code, rep.err).toBe(0);
  expect(rep.out).toMatch(/wrote .*report\.html \(24 of 24 runs/);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  if (frozen) rmSync(frozen.dir, { recursive: true, force: true });
});

describe('report.html', () => {
  it('is self-contained: inline SVG charts, the summary table, no scripts and no external references', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('Recovery curves');
    expect(html).toContain('Saving against the hierarchy vs each varied parameter');
    expect(html).toContain('Summary per point and mode');
    expect((html.match(/<svg /g) ?? []).length).toBe(1 + 4 + 2); // pooled curves, 4 points, 2 parameters
    expect((html.match(/<polygon /g) ?? []).length).toBe(2 * (1 + 4)); // a 10–90% band per mode per chart
  });

  it('bad input: one line, exit code 2', () => {
    const a = starling('report', join(tmp, 'nowhere'));
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/^starling report: no folder ".*nowhere": give the --out folder of `starling sweep`/);
    expect(a.err.trim().split('\n')).toHaveLength(1);
  });

  it.skipIf(!HAVE_CHROMIUM)(`renders in headless Chromium without console errors${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is not installed — apt-get install -y chromium)`}`, async () => {
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'starling-report-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });
      expect(await page.title()).toMatch(/Starling sweep report/);
      const svgs = await page.locator('svg').count();
      expect(svgs).toBe(7);
      // The charts have real size and drawn curves.
      const box = await page.locator('svg').first().boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(await page.locator('svg polyline').count()).toBeGreaterThan(10);
      const rows = await page.locator('.scroll table tbody tr').count();
      expect(rows).toBe(4 * 2);
      expect(problems).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
