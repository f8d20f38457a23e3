/**
 * Workshop mode end to end: every shipped story plays from start to finish from the keyboard with the
 * browser's network cut off, and presentation screenshots are legible at 1920×1080 and 1280×720.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, serve, stopServer, stats, waitFor, watchErrors } from './browser.ts';
import { STORIES } from '../../sim/model/stories.ts';

let base = '';
beforeAll(async () => {
  base = await serve(4312);
});
afterAll(() => stopServer());

describe('guided stories, offline, from the keyboard', () => {
  for (const name of Object.keys(STORIES)) {
    it(`story "${name}" plays start to finish`, async () => {
      const { context, close } = await launch({ width: 1600, height: 1000 });
      try {
        const page = await context.newPage();
        const errors = watchErrors(page);
        const failed: string[] = [];
        page.on('requestfailed', (r) => failed.push(r.url()));
        await page.goto(`${base}?present=1&story=${name}`);
        await waitFor(page, (s) => s.ready && s.story !== null);
        await context.setOffline(true); // from here on the app must need no network at all
        const scenes = (STORIES[name] as { scenes: unknown[] }).scenes.length;
        for (let k = 0; k < scenes; k++) {
          let s = await waitFor(page, (x) => x.story!.scene === k && x.story!.state !== 'running', 120_000);
          if (s.story!.state === 'predict') {
            expect(await page.textContent('#story-box')).toMatch(/Predict first/);
            await page.keyboard.press('ArrowRight');
            s = await waitFor(page, (x) => x.story!.state === 'paused', 120_000);
          }
          expect(s.story!.state).toBe('paused');
          expect(s.error).toBeNull();
          await page.keyboard.press('ArrowRight');
        }
        const end = await waitFor(page, (x) => x.story!.state === 'finished');
        expect(end.story!.scene).toBe(scenes - 1);
        expect(errors).toEqual([]);
        expect(failed).toEqual([]);
        await context.setOffline(false);
      } finally {
        await close();
      }
    });
  }
});

describe('keyboard and presentation mode', () => {
  it('space pauses, R replays with the same seed, ? shows every key, P toggles presentation', async () => {
    const { context, close } = await launch();
    try {
      const page = await context.newPage();
      await page.goto(base);
      await waitFor(page, (s) => s.ready && s.frames > 5);
      await page.keyboard.press('Space');
      // A frame the worker was already computing when Space was pressed still lands; let it.
      await page.waitForTimeout(300);
      const a = (await stats(page)).time;
      await page.waitForTimeout(700);
      expect((await stats(page)).time).toBe(a);
      await page.keyboard.press('Space');
      await waitFor(page, (s) => s.time > a + 0.5);
      await page.keyboard.press('r');
      await waitFor(page, (s) => s.time < a);
      expect(await page.inputValue('#seed')).toBe('1');
      await page.keyboard.press('?');
      const help = await page.textContent('#help');
      for (const key of ['Space', '→ / ←', 'S', 'R', '1 – 9', 'F', 'P', '?']) expect(help).toContain(key);
      await page.keyboard.press('Escape');
      await page.keyboard.press('p');
      expect((await stats(page)).present).toBe(true);
      await page.keyboard.press('2');
      await page.waitForFunction(() => (document.getElementById('preset') as HTMLSelectElement).value === 'retail-surge');
    } finally {
      await close();
    }
  });

  for (const [w, h] of [[1920, 1080], [1280, 720]]) {
    it(`presentation screenshot is legible at ${w}×${h}`, async () => {
      const { context, close } = await launch({ width: w, height: h });
      try {
        const page = await context.newPage();
        await page.goto(`${base}?present=1&story=drug-shortage`);
        await waitFor(page, (s) => s.ready && s.story !== null);
        await page.keyboard.press('ArrowRight');
        await waitFor(page, (s) => s.story!.scene === 1 && s.story!.state !== 'running', 60_000);
        // Legibility: key texts are at least 18 px and fully inside the viewport.
        const sizes = await page.evaluate(() => ['#headline', '#story-box .caption', '#big-clock', '.metrics td'].map((sel) => {
          const el = document.querySelector(sel) as HTMLElement;
          const r = el.getBoundingClientRect();
          return { sel, px: parseFloat(getComputedStyle(el).fontSize), visible: r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth + 1 && r.top >= 0 && r.bottom <= innerHeight + 1 };
        }));
        // The maps must fit above the story box.
        const fits = await page.evaluate(() => {
          const map = document.querySelector('#pane-left canvas')!.getBoundingClientRect();
          const box = document.getElementById('story-box')!.getBoundingClientRect();
          return map.height > 200 && map.bottom <= box.top + 1;
        });
        expect(fits).toBe(true);
        for (const s of sizes) {
          expect(s.visible, s.sel).toBe(true);
          expect(s.px, s.sel).toBeGreaterThanOrEqual(16);
        }
        const contrast = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(contrast).toBe('rgb(0, 0, 0)');
        await page.screenshot({ path: `test/e2e/__screenshots__/present-${w}x${h}.png` });
      } finally {
        await close();
      }
    });
  }
});
