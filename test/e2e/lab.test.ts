/**
 * The browser lab end to end, in real headless Chromium (SwiftShader WebGL), against the built app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch, serve, stopServer, stats, waitFor, watchErrors } from './browser.ts';
import { encodeShare } from '../../src/web/share.ts';
import { SCENARIOS } from '../../sim/model/catalog.ts';
import { scaledScenarioRaw } from '../../src/cli/scaled.ts';

let base = '';
let browser: { context: BrowserContext; close: () => Promise<void> };

beforeAll(async () => {
  base = await serve(4311);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  stopServer();
});

async function open(hash = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(base + hash);
  await waitFor(page, (s) => s.ready || s.error !== null);
  return { page, errors };
}

describe('the twin lab', () => {
  it('loads with no console errors, a WebGL renderer, the topological neighbour pass in WebAssembly, and both twins advancing', async () => {
    const { page, errors } = await open();
    const s = await waitFor(page, (x) => x.frames > 20);
    expect(s.renderer).toBe('webgl');
    expect(s.pairPass).toBe('topological-wasm'); // the business preset heeds the 7 nearest, found by the WebAssembly ring search (wasmRing.ts)
    expect(s.error).toBeNull();
    expect(s.time).toBeGreaterThan(1);
    expect(s.last.map((p) => p.label)).toEqual(['hierarchical', 'spontaneous']);
    const later = await waitFor(page, (x) => x.time > s.time + 3);
    expect(later.last[1].messages).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('with the metric neighbour rule the worker runs the WebAssembly SIMD pair pass, not the JS fallback', async () => {
    const raw = { ...structuredClone(SCENARIOS['drug-shortage'] as Record<string, unknown>), movement: { neighbours: 0 } };
    const { page, errors } = await open(`#${encodeShare({ raw, seed: 1, panes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] })}`);
    const s = await waitFor(page, (x) => x.frames > 5);
    expect(s.pairPass).toBe('wasm');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('splits a big ecosystem\'s ring search between the worker and its helper threads, with the state one thread computes', async () => {
    // 5,000 people per twin: above the size from which the helpers are woken (wasmRing.ts, PARALLEL_MIN).
    const link = `#${encodeShare({ raw: scaledScenarioRaw(5000), seed: 2, panes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] })}`;
    const { page, errors } = await open(link);
    const s = await waitFor(page, (x) => x.time > 2.5, 120_000);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(s.searchThreads).toBe(Math.min(4, Math.max(1, cores))); // this worker and one helper per spare core, up to 3
    await page.click('#play'); // pause, then fingerprint the state the threads reached
    const download = page.waitForEvent('download');
    await page.click('#snap-save');
    const { readFileSync } = await import('node:fs');
    const snap = readFileSync((await (await download).path())!, 'utf8');
    expect(JSON.parse(snap).tick).toBeGreaterThan(20);
    // The same page on one thread (?threads=1) replays the snapshot and checks its fingerprints.
    const alone = await browser.context.newPage();
    const aloneErrors = watchErrors(alone);
    await alone.goto(`${base}?threads=1${link}`);
    await waitFor(alone, (x) => x.frames > 2, 120_000);
    expect((await stats(alone)).searchThreads).toBe(1);
    await alone.click('#play');
    await alone.setInputFiles('#snap-file', { name: 'snap.json', mimeType: 'application/json', buffer: Buffer.from(snap) });
    const restored = await waitFor(alone, (x) => Math.abs(x.time - JSON.parse(snap).tick * 0.1) < 1e-6 || x.error !== null, 120_000);
    expect(restored.error).toBeNull();
    expect(await alone.isHidden('#error')).toBe(true); // a fingerprint mismatch would show here
    expect([...errors, ...aloneErrors]).toEqual([]);
    await alone.close();
    await page.close();
  }, 240_000);

  it('a screenshot shows agents, not a blank canvas', async () => {
    const { page } = await open();
    await waitFor(page, (x) => x.frames > 10);
    const png = await page.locator('#pane-left canvas').screenshot();
    const colours = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      let bright = 0;
      for (let k = 0; k < d.length; k += 4) {
        seen.add(((d[k] >> 4) << 8) | ((d[k + 1] >> 4) << 4) | (d[k + 2] >> 4));
        if (d[k] + d[k + 1] + d[k + 2] > 200) bright++;
      }
      return { distinct: seen.size, bright };
    }, png.toString('base64'));
    expect(colours.distinct).toBeGreaterThan(20);
    expect(colours.bright).toBeGreaterThan(200);
    await page.close();
  });

  it('moving a slider restarts both twins with the same seed', async () => {
    const { page } = await open();
    await waitFor(page, (x) => x.time > 4);
    await page.evaluate(() => (globalThis as any).__starling.control.set('hierarchy.batchPeriod', 24));
    const s = await waitFor(page, (x) => x.time < 2 && x.frames > 0);
    expect(s.error).toBeNull();
    expect(await page.inputValue('#seed')).toBe('1');
    expect(page.url()).toContain('#lab=');
    await page.close();
  });

  it('clicking the map creates a shock', async () => {
    const { page } = await open();
    await waitFor(page, (x) => x.time > 1);
    const before = await page.evaluate(() => decodeURIComponent(location.hash).length);
    await page.locator('#pane-right canvas').click({ position: { x: 60, y: 60 } });
    await page.waitForFunction((n) => decodeURIComponent(location.hash).length > n, before, { timeout: 30_000 });
    const hash = await page.evaluate(() => location.hash.slice(5));
    const config = JSON.parse(Buffer.from(hash.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
    expect(config.scenario.shocks.length).toBe(2);
    expect(config.scenario.shocks[1].kind).toBe('demand-spike');
    expect((await stats(page)).error).toBeNull();
    await page.close();
  });

  it('a share link reproduces the same T50', async () => {
    const { page } = await open();
    await page.selectOption('#speed', '20');
    const a = await waitFor(page, (x) => x.last.length === 2 && !x.last[0].T50censored && !x.last[1].T50censored, 120_000);
    const link = page.url();
    await page.close();
    const { page: again } = await open(link.slice(base.length));
    await again.selectOption('#speed', '20');
    const b = await waitFor(again, (x) => x.last.length === 2 && !x.last[0].T50censored && !x.last[1].T50censored, 120_000);
    expect(b.last.map((p) => p.T50)).toEqual(a.last.map((p) => p.T50));
    await again.close();
  });

  it('a worker exception shows an error message and the lab recovers on reset', async () => {
    const { page } = await open();
    await waitFor(page, (x) => x.frames > 5);
    await page.evaluate(() => (globalThis as any).__starling.control.crash());
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toMatch(/simulated worker failure/);
    await page.click('#reset');
    const s = await waitFor(page, (x) => x.error === null && x.frames > 15);
    expect(s.error).toBeNull();
    expect(await page.isHidden('#error')).toBe(true);
    await page.close();
  });

  it('bad input gets a clear message and the running simulation is kept', async () => {
    // A tampered share link: the default scenario runs and the page says what was wrong.
    const { page } = await open('#lab=not-base64!!');
    expect(await page.textContent('#error')).toMatch(/share link is damaged/);
    await waitFor(page, (x) => x.frames > 5);
    // An out-of-range value: refused with the field and the range; the twins keep running.
    const t = (await stats(page)).time;
    await page.evaluate(() => (globalThis as any).__starling.control.set('hierarchy.layers', 0));
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toMatch(/hierarchy\.layers: 0 is below the minimum 1/);
    const s = await waitFor(page, (x) => x.time > t + 1);
    expect(s.error).toBeNull();
    // A malformed scenario file.
    await page.setInputFiles('#file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"name": "x", "shocks": [') });
    await page.waitForFunction(() => /broken\.json: not valid JSON/.test(document.getElementById('error')!.textContent ?? ''));
    await page.setInputFiles('#file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ name: 'bad', title: 'Bad', firms: [{ role: 'retailer', layers: 0 }, { role: 'supplier' }], shocks: [{ kind: 'recall', owner: 0 }] })) });
    await page.waitForFunction(() => /firms\[0\]\.layers: 0 is below the minimum 1/.test(document.getElementById('error')!.textContent ?? ''));
    expect((await stats(page)).time).toBeGreaterThan(t);
    await page.close();
  });

  it('a snapshot downloads and restores to the same moment; old versions are refused', async () => {
    const { page } = await open();
    await waitFor(page, (x) => x.time > 3);
    await page.click('#play');
    const download = page.waitForEvent('download');
    await page.click('#snap-save');
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const snap = JSON.parse(readFileSync(file!, 'utf8'));
    const t = snap.tick * 0.1;
    await page.close();
    const { page: again } = await open();
    await waitFor(again, (x) => x.frames > 2);
    await again.click('#play'); // pause, so the restored moment stays on screen
    await again.setInputFiles('#snap-file', { name: 'snap.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(snap)) });
    const s = await waitFor(again, (x) => Math.abs(x.time - t) < 1e-6);
    expect(s.error).toBeNull();
    await again.setInputFiles('#snap-file', { name: 'old.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...snap, version: 0 })) });
    await again.waitForFunction(() => /version 0 is not supported/.test(document.getElementById('error')!.textContent ?? ''));
    await again.setInputFiles('#snap-file', { name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...snap, hashes: ['0', '0'] })) });
    await again.waitForFunction(() => /does not match the saved fingerprint/.test(document.getElementById('error')!.textContent ?? ''));
    await again.close();
  });

  it('requests nothing but the app\'s own files', async () => {
    const page = await browser.context.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(base);
    await waitFor(page, (s) => s.frames > 20);
    const foreign = urls.filter((u) => !u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign).toEqual([]);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    await page.close();
  });

  it('run 50 seeds reports the paired saving with an interval', async () => {
    const { page } = await open();
    await page.click('#seeds50');
    await page.waitForFunction(() => /paired seeds; saving = 1 − median T50\(mode\) \/ median T50\(hierarchy\)/.test(document.getElementById('seeds-result')!.textContent ?? ''), undefined, { timeout: 170_000 });
    expect(await page.textContent('#seeds-result')).toMatch(/Spontaneous association closed half the gap \d+% (faster|slower) .*95% CI -?\d+% to -?\d+%; permutation p/);
    await page.close();
  });
});
