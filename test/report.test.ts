/**
 * `starling report DIR`: a self-contained report.html (inline SVG, no scripts, nothing fetched) that
 * renders in headless Chromium without console errors. The browser check runs wherever Debian's
 * chromium is installed at /usr/bin/chromium (CI installs it); elsewhere it is skipped, saying why.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  it('is self-contained: uPlot and the data inlined, the summary table, no external references', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect((html.match(/<script/g) ?? []).length).toBe(3); // uPlot, the data, the page's script
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('Recovery curves');
    expect(html).toContain('Each metric against each varied parameter');
    expect(html).toContain('Summary per point and mode');
    const data = JSON.parse(/<script id="data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]);
    expect(data.recovery.map((r: { label: string }) => r.label)).toEqual(['hierarchical', 'spontaneous']);
    expect(data.points).toHaveLength(4);
    expect(data.levels).toHaveLength(2); // a grid with few levels: pooled savings with CIs per level
    expect(data.metrics.map((m: { key: string }) => m.key)).toContain('loss');
  });

  it('a report made mid-sweep is marked out of date once the sweep goes on', () => {
    const partial = join(tmp, 'partial');
    expect(starling('sweep', join(ROOT, 'experiments', 'quick.json'), '--out', partial, '--workers', '1', '--quiet').code).toBe(0);
    // An interrupted sweep: keep the journal's header and its first 10 runs.
    const journal = join(partial, 'journal.jsonl');
    writeFileSync(journal, `${readFileSync(journal, 'utf8').split('\n').slice(0, 11).join('\n')}\n`);
    expect(starling('report', partial, '--quiet').code).toBe(0);
    const made = readFileSync(join(partial, 'report.html'), 'utf8');
    expect(made).toMatch(/Partial results: 10 of 24 runs/);
    expect(made).not.toMatch(/id="stale"/);
    expect(starling('sweep', join(ROOT, 'experiments', 'quick.json'), '--out', partial, '--workers', '1', '--quiet', '--resume').code).toBe(0);
    expect(readFileSync(join(partial, 'report.html'), 'utf8')).toMatch(/<p class="warn" id="stale"><b>Out of date:<\/b> the sweep went on at /);
    expect(starling('report', partial, '--quiet').code).toBe(0);
    expect(readFileSync(join(partial, 'report.html'), 'utf8')).not.toMatch(/id="stale"/);
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
      await page.waitForSelector('body[data-ready="true"]');
      // Recovery curves, one chart per varied parameter, drawn by uPlot with real size.
      expect(await page.locator('#recovery canvas').count()).toBe(1);
      expect(await page.locator('#params canvas').count()).toBe(2);
      const box = await page.locator('#recovery canvas').first().boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      // A two-factor grid has a heatmap; choosing another metric redraws it with that metric.
      expect(await page.locator('#heatmap table tr').count()).toBe(3);
      const before = await page.locator('#heatmap').textContent();
      await page.selectOption('#metric', 'saving:messages');
      expect(await page.locator('#heatmap').textContent()).not.toBe(before);
      expect(await page.locator('#params canvas').count()).toBe(2);
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
