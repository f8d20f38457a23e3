/**
 * The lab as an executive uses it, in real headless Chromium against the built app: every control in
 * the page reaches the run; values outside the declared range are refused beside the control while the
 * run goes on; the hybrid pane follows its share; an edited ecosystem survives a share link; the
 * many-seed answer reports progress while frames keep arriving; and the page fits every screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launch, serve, stopServer, stats, waitFor, watchErrors } from './browser.ts';
import { labParams, otherValue } from '../helpers/controlValues.ts';

let base = '';
let browser: { context: BrowserContext; close: () => Promise<void> };

beforeAll(async () => {
  base = await serve(4312);
  browser = await launch({ width: 1366, height: 768 });
});
afterAll(async () => {
  await browser?.close();
  stopServer();
});

async function open(hash = '', context = browser.context): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(base + hash);
  await waitFor(page, (s) => s.ready || s.error !== null);
  return { page, errors };
}

const param = (where: string, path: string) => `${where} [data-path="${path}"]`;

async function setControl(page: Page, where: string, path: string, value: unknown): Promise<void> {
  const row = param(where, path);
  if (typeof value === 'boolean') await page.locator(`${row} input[type=checkbox]`).setChecked(value);
  else if (typeof value === 'string') await page.locator(`${row} select`).selectOption(value);
  else {
    const box = page.locator(`${row} input[type=number]`);
    await box.fill(String(value));
    await box.dispatchEvent('change');
  }
}

describe('every control in the page', () => {
  it('moves the worker\'s run to the value set, for every declared lab parameter', async () => {
    const { page, errors } = await open();
    await waitFor(page, (s) => s.frames > 3);
    const inPage = await page.evaluate(() => [...new Set([...document.querySelectorAll('#gui [data-path]')].map((e) => (e as HTMLElement).dataset.path!))]);
    expect(inPage.sort()).toEqual(labParams().map((p) => p.path).sort());
    await page.evaluate(() => document.querySelectorAll('#gui details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    for (const { path, decl } of labParams()) {
      const value = otherValue(path, decl);
      await setControl(page, '#gui', path, value);
      const s = await waitFor(page, (x) => x.scenario?.params[path] === value || x.error !== null, 20_000);
      expect(s.error, `${path} = ${String(value)}`).toBeNull();
      expect(s.scenario!.params[path], path).toBe(value);
    }
    // The key controls beside the maps drive the same parameters.
    await setControl(page, '#quick-controls', 'hierarchy.layers', 6);
    await waitFor(page, (x) => x.scenario?.params['hierarchy.layers'] === 6);
    expect(await page.inputValue(`${param('#gui', 'hierarchy.layers')} input[type=number]`)).toBe('6');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a value outside the declared range gets a message beside the control and the run goes on; the whole range is accepted', async () => {
    const { page } = await open();
    await waitFor(page, (s) => s.time > 2);
    const row = param('#quick-controls', 'hierarchy.batchPeriod');
    await page.click('#section-ecosystem > summary');
    const t = (await stats(page)).time;
    await setControl(page, '#quick-controls', 'hierarchy.batchPeriod', 9999);
    await page.waitForSelector(`${row} .param-error:not([hidden])`);
    expect(await page.textContent(`${row} .param-error`)).toMatch(/9999 is outside the allowed 0 to 168 h; the run is unchanged/);
    const later = await waitFor(page, (s) => s.time > t + 1);
    expect(later.scenario!.params['hierarchy.batchPeriod']).toBe(8);
    await setControl(page, '#quick-controls', 'hierarchy.batchPeriod', 168); // weekly: beyond the old slider's 32 h
    await waitFor(page, (s) => s.scenario?.params['hierarchy.batchPeriod'] === 168);
    expect(await page.isHidden(`${row} .param-error`)).toBe(true);
    await setControl(page, '#gui', 'ecosystem.trustAdjacent', 5);
    expect(await page.textContent(`${param('#gui', 'ecosystem.trustAdjacent')} .param-error`)).toMatch(/5 is outside the allowed 0 to 1/);
    const t2 = (await stats(page)).time;
    await page.fill('#seed', 'abc');
    await page.dispatchEvent('#seed', 'change');
    expect(await page.textContent('#seed-error')).toMatch(/“abc” is not a seed/);
    await waitFor(page, (s) => s.time > t2 + 1);
    await setControl(page, '#quick-controls', 'ecosystem.headcount', 2000); // beyond the old slider's 160
    await waitFor(page, (s) => s.scenario?.params['ecosystem.headcount'] === 2000, 60_000);
    await page.close();
  });

  it('the hybrid pane follows the hybrid share', async () => {
    const { page } = await open();
    await page.selectOption('#mode-right', 'hybrid');
    await waitFor(page, (s) => s.last[1]?.label === 'hybrid:0.2');
    await page.evaluate(() => ((document.getElementById('section-shared') as HTMLDetailsElement).open = true));
    await setControl(page, '#gui', 'shared.lambda', 0.9);
    await waitFor(page, (s) => s.last[1]?.label === 'hybrid:0.9');
    expect(await page.textContent('#show-right')).toBe('Hybrid (90% connected)');
    await page.close();
  });

  it('open folders stay open across changes', async () => {
    const { page } = await open();
    await page.click('#section-shared > summary');
    const before = await page.evaluate(() => [...document.querySelectorAll('#gui details')].map((d) => (d as HTMLDetailsElement).open));
    await setControl(page, '#gui', 'shared.commitRate', 2);
    await waitFor(page, (s) => s.scenario?.params['shared.commitRate'] === 2);
    const after = await page.evaluate(() => [...document.querySelectorAll('#gui details')].map((d) => (d as HTMLDetailsElement).open));
    expect(after).toEqual(before);
    expect(after.filter(Boolean).length).toBe(2); // the hierarchy (open by default) and the shared space
    await page.close();
  });
});

describe('your own ecosystem', () => {
  it('a sixth firm, a changed trust pair and a shock on a chosen firm survive a share link, and the lab lists what changed', async () => {
    const { page, errors } = await open();
    await page.click('#section-ecosystem > summary');
    await page.selectOption('#add-firm-role', 'distributor');
    await page.click('#add-firm');
    await waitFor(page, (s) => s.scenario?.firms.length === 6);
    await page.fill('#firm-4-name', 'Wholesaler');
    await page.dispatchEvent('#firm-4-name', 'change');
    await waitFor(page, (s) => s.scenario?.firms[4] === 'Wholesaler');
    await page.fill('#trust-2-3', '0.95');
    await page.dispatchEvent('#trust-2-3', 'change');
    await waitFor(page, (s) => s.scenario?.trust[2][3] === 0.95);
    await page.click('#section-shock > summary');
    await page.selectOption('#shock-0-owner', '1');
    await waitFor(page, (s) => s.scenario?.shocks[0].owner === 1);
    const changed = await page.textContent('#changed');
    expect(changed).toMatch(/Firms added: Wholesaler/);
    expect(changed).toMatch(/Trust Distributor – Retailer: 0\.6 → 0\.95/);
    expect(changed).toMatch(/Shock 1 now hits Manufacturer \(was Retailer\)/);
    // Removing the firm the shock hits is refused with a message; nothing changes.
    await page.click('#firm-1-remove');
    await page.waitForFunction(() => /Manufacturer is the firm shock 1 hits/.test(document.querySelector('#section-ecosystem .param-error:not([hidden])')?.textContent ?? ''));
    expect((await stats(page)).scenario!.firms.length).toBe(6);
    const link = page.url();
    const mine = (await stats(page)).scenario!;
    await page.close();
    const { page: again } = await open(link.slice(base.length));
    const s = await waitFor(again, (x) => x.frames > 3);
    expect(s.scenario!.firms).toEqual(mine.firms);
    expect(s.scenario!.trust).toEqual(mine.trust);
    expect(s.scenario!.shocks).toEqual(mine.shocks);
    expect(errors).toEqual([]);
    await again.close();
  });

  it("dragging a firm's ring on the map moves its home (and places no shock)", async () => {
    const { page } = await open();
    const s0 = await waitFor(page, (s) => s.frames > 3);
    const [hx, hy] = s0.scenario!.homes[0];
    const box = (await page.locator('#pane-left canvas').boundingBox())!;
    const scale = box.width / (s0.scenario!.params['ecosystem.width'] as number);
    await page.mouse.move(box.x + hx * scale, box.y + hy * scale);
    await page.mouse.down();
    await page.mouse.move(box.x + (hx + 6) * scale, box.y + (hy + 4) * scale, { steps: 5 });
    await page.mouse.up();
    const s1 = await waitFor(page, (s) => s.scenario!.homes[0][0] !== hx);
    expect(s1.scenario!.homes[0][0]).toBeCloseTo(hx + 6, 0);
    expect(s1.scenario!.homes[0][1]).toBeCloseTo(hy + 4, 0);
    expect(s1.scenario!.shocks.length).toBe(1);
    expect(await page.textContent('#changed')).toMatch(/Supplier: home moved/);
    await page.close();
  });

  it('a shock can be placed from the keyboard on a chosen firm', async () => {
    const { page } = await open();
    await waitFor(page, (s) => s.frames > 3);
    await page.focus('#shock-kind');
    await page.selectOption('#shock-kind', 'recall');
    await page.selectOption('#shock-firm', '1');
    await page.focus('#shock-place');
    await page.keyboard.press('Enter');
    const s = await waitFor(page, (x) => (x.scenario?.shocks.length ?? 0) === 2);
    expect(s.scenario!.shocks[1]).toMatchObject({ kind: 'recall', owner: 1 });
    await page.close();
  });
});

describe('the answer', () => {
  it('the many-seed run reports progress while frames keep arriving, then becomes the headline with its interval and a pairs plot', async () => {
    const { page } = await open();
    await waitFor(page, (s) => s.frames > 3);
    await page.click('#seeds50');
    await page.waitForSelector('#seeds-box:not([hidden]) progress');
    const s = await waitFor(page, (x) => x.seeds !== '', 170_000);
    const p = s.seedsProgress;
    expect(p.length).toBe(50);
    expect(p.map((x) => x.done)).toEqual(Array.from({ length: 50 }, (_, k) => k + 1));
    expect(p[49].frames - p[0].frames).toBeGreaterThan(20); // the animation went on meanwhile
    expect(await page.textContent('#headline')).toMatch(/^Over 50 paired seeds, spontaneous association closed half the gap \d+% (faster|slower) than the hierarchy \(95% CI -?\d+% to -?\d+%\)\.$/);
    expect(await page.textContent('#live-line')).toMatch(/^This animation \(seed 1\): /);
    expect(await page.isVisible('#seeds-plot')).toBe(true);
    const csv = page.waitForEvent('download');
    await page.click('#seeds-csv');
    const text = readFileSync((await (await csv).path())!, 'utf8');
    expect(text).toMatch(/^# Starling lab export/);
    expect(text.split('\n').filter((l) => /^\d+,(hierarchical|spontaneous),/.test(l)).length).toBe(100);
    const png = page.waitForEvent('download');
    await page.click('#seeds-png');
    expect(readFileSync((await (await png).path())!).subarray(1, 4).toString()).toBe('PNG');
    // A change makes the answer stale: it is withdrawn.
    await setControl(page, '#quick-controls', 'hierarchy.layers', 5);
    await waitFor(page, (x) => x.seeds === '');
    expect(await page.isHidden('#seeds-box')).toBe(true);
    await page.close();
  });

  it('a finished run says so and offers Replay; the view and the CSV export with titles and the configuration', async () => {
    const { page } = await open();
    await page.evaluate(() => (globalThis as any).__starling.control.set('run.horizon', 4));
    await page.selectOption('#speed', '20');
    await page.waitForFunction(() => document.getElementById('play')!.textContent === 'Replay', undefined, { timeout: 60_000 });
    expect(await page.textContent('#live-line, #headline')).toBeTruthy();
    const png = page.waitForEvent('download');
    await page.click('#png');
    const buf = readFileSync((await (await png).path())!);
    const width = buf.readUInt32BE(16);
    const mapWidth = await page.evaluate(() => (document.querySelector('#pane-left canvas') as HTMLCanvasElement).width);
    expect(width).toBeGreaterThanOrEqual(2 * mapWidth);
    const csv = page.waitForEvent('download');
    await page.click('#csv');
    const text = readFileSync((await (await csv).path())!, 'utf8');
    expect(text).toMatch(/^# Starling lab export/);
    expect(text).toContain('# seed: 1');
    expect(text).toContain('"horizon":4');
    await page.selectOption('#speed', '1');
    await page.click('#play');
    await waitFor(page, (s) => s.time < 1);
    expect(await page.textContent('#play')).toBe('Pause');
    await page.close();
  });
});

describe('every screen', () => {
  for (const [w, h, dpr] of [[390, 844, 3], [820, 1180, 2], [1366, 768, 1], [1920, 1080, 1]]) {
    it(`${w}×${h} (device pixel ratio ${dpr}): no sideways scroll, the headline and the map${w < 700 ? '' : 's'} in the first screen, sharp maps`, async () => {
      const { context, close } = await launch({ width: w, height: h, deviceScaleFactor: dpr });
      try {
        const { page, errors } = await open('', context);
        await waitFor(page, (s) => s.frames > 20);
        const m = await page.evaluate(() => {
          const vw = document.documentElement.clientWidth;
          const rect = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
          const over = [...document.querySelectorAll('body *')].filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.right > vw + 1 && !el.closest('.editor, dialog');
          }).map((el) => `${el.tagName}#${el.id}`);
          const maps = [...document.querySelectorAll('.canvas-host canvas')].filter((c) => (c as HTMLElement).offsetParent !== null).map((c) => {
            const r = c.getBoundingClientRect();
            return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, css: r.width, px: (c as HTMLCanvasElement).width };
          });
          return { scroll: document.documentElement.scrollWidth - vw, over, headline: rect('#headline').bottom, question: rect('#question').bottom, maps, vh: innerHeight, vw };
        });
        await page.screenshot({ path: `test/e2e/__screenshots__/lab-${w}x${h}.png` });
        expect(m.scroll).toBe(0);
        expect(m.over).toEqual([]);
        expect(m.maps.length).toBe(w < 700 ? 1 : 2);
        expect(m.headline).toBeLessThanOrEqual(m.vh);
        for (const map of m.maps) {
          expect(map.bottom).toBeLessThanOrEqual(m.vh + 1);
          expect(map.right).toBeLessThanOrEqual(m.vw + 1);
          expect(map.css).toBeGreaterThanOrEqual(w < 700 ? 300 : 350);
          expect(map.px).toBe(Math.round(map.css * Math.min(2, dpr))); // drawn at the screen's resolution (capped at 2×), not stretched
        }
        if (w < 700) {
          await page.click('#show-right');
          const right = await page.evaluate(() => (document.querySelector('#pane-right canvas') as HTMLElement).offsetParent !== null && (document.querySelector('#pane-left canvas') as HTMLElement).offsetParent === null);
          expect(right).toBe(true);
        }
        expect(errors).toEqual([]);
        await page.close();
      } finally {
        await close();
      }
    });
  }

  it('screen readers hear milestones, not every frame, and each map has a text description', async () => {
    const { page } = await open();
    await waitFor(page, (s) => s.frames > 3);
    await page.selectOption('#speed', '10');
    const changes = await page.evaluate(() => new Promise<number>((resolve) => {
      let n = 0;
      const live = [...document.querySelectorAll('[aria-live]:not([aria-live=off])')];
      const obs = new MutationObserver((records) => (n += records.length));
      for (const el of live) obs.observe(el, { childList: true, characterData: true, subtree: true });
      setTimeout(() => (obs.disconnect(), resolve(n)), 5000);
    }));
    expect(changes).toBeLessThanOrEqual(3); // the old headline live region changed 13 times in 5 s
    expect(await page.getAttribute('#headline', 'aria-live')).toBeNull();
    expect(await page.textContent('#desc-left')).toMatch(/^Hierarchy at \d+\.\d h: 180 people — \d+ informed, \d+ on their way to help, \d+ working on a problem\. .*% of the lost service is back\.$/);
    expect(await page.getAttribute('#pane-left canvas', 'aria-describedby')).toBe('desc-left');
    await page.close();
  });

  it('maps and charts re-lay out when the window is resized', async () => {
    const { page } = await open();
    await waitFor(page, (s) => s.frames > 5);
    const before = (await stats(page)).layout!;
    await page.setViewportSize({ width: 820, height: 1180 });
    const after = await waitFor(page, (s) => s.layout!.size !== before.size);
    expect(after.layout!.side).toBe(false);
    const css = await page.evaluate(() => document.querySelector('#pane-left canvas')!.getBoundingClientRect().width);
    expect(css).toBe(after.layout!.size);
    const chart = await page.evaluate(() => document.querySelector('#charts .chart')!.getBoundingClientRect().right);
    expect(chart).toBeLessThanOrEqual(820);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.close();
  });
});
