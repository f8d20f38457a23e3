/**
 * Workshop mode end to end: every shipped story plays from start to finish from the keyboard with the
 * browser's network cut off, and presentation screenshots are legible at 1920×1080 and 1280×720.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, serve, stopServer, stats, waitFor, watchErrors } from './browser.ts';
import { checkPresentation } from './presentLayout.ts';
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

/** The drug-shortage story in presentation mode, at scene 2's "predict first". */
async function openAtScene2(page: Page): Promise<void> {
  await page.goto(`${base}?present=1&story=drug-shortage`);
  await waitFor(page, (s) => s.ready && s.story !== null);
  await page.keyboard.press('ArrowRight');
  await waitFor(page, (s) => s.story!.scene === 1 && s.story!.state === 'predict');
}

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
      for (const key of ['Space', '→ / ←', 'S', 'R', '1 – 9', 'F', 'P', 'J', '?']) expect(help).toContain(key);
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
    it(`presentation at ${w}×${h}: maps ≥ 40% of the width each, nothing overlaps, the reveal reads the engine`, async () => {
      const { context, close } = await launch({ width: w, height: h });
      try {
        const page = await context.newPage();
        const errors = watchErrors(page);
        await openAtScene2(page);
        const expectLayout = async (when: string) => {
          const r = await checkPresentation(page);
          for (const m of r.maps) expect(m.width, `${when}: map width`).toBeGreaterThanOrEqual(0.4 * w);
          expect(r.maps[0].left + r.maps[0].width, `${when}: side by side`).toBeLessThanOrEqual(r.maps[1].left);
          expect(r.maps[0].top).toBe(r.maps[1].top);
          expect(r.overlaps, when).toEqual([]);
          expect(r.outside, when).toEqual([]);
          expect(r.small, when).toEqual([]);
        };
        await expectLayout('predict');
        await page.screenshot({ path: `test/e2e/__screenshots__/present-predict-${w}x${h}.png` });
        await page.keyboard.press('ArrowRight');
        const s = await waitFor(page, (x) => x.story!.state === 'paused' && x.story!.result !== null, 120_000);
        await expectLayout('reveal');
        // The reveal and the numbers under the maps are the engine's at the scene's end, not a stale frame.
        const r = s.story!.result!;
        expect(r.time).toBeCloseTo(s.time, 9);
        const cells = await page.$$eval('.metrics tr:first-child td:first-of-type', (tds) => tds.map((t) => t.textContent));
        expect(cells).toEqual(r.T50.map((t) => (t === null ? 'not yet' : `${t.toFixed(1)} h`)));
        expect(s.last.map((p) => p.T50)).toEqual(r.T50);
        expect(await page.textContent('#story-box .reveal')).toContain(`${r.T50[1]!.toFixed(1)} h vs ${r.T50[0]!.toFixed(1)} h`);
        expect(await page.textContent('#headline')).toMatch(/faster|slower|same time/);
        // The labels on the maps are drawn at projector size.
        expect(s.layout!.labelPx).toBeGreaterThanOrEqual(18);
        const contrast = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(contrast).toBe('rgb(0, 0, 0)');
        expect(errors).toEqual([]);
        await page.screenshot({ path: `test/e2e/__screenshots__/present-${w}x${h}.png` });
      } finally {
        await close();
      }
    });
  }

  it('a reloaded presenter comes back to its scene and keeps the results revealed before', async () => {
    const { context, close } = await launch({ width: 1920, height: 1080 });
    try {
      const page = await context.newPage();
      await openAtScene2(page);
      await page.keyboard.press('ArrowRight');
      const revealed = await waitFor(page, (s) => s.story!.scene === 1 && s.story!.result !== null, 120_000);
      await page.keyboard.press('ArrowRight');
      await waitFor(page, (s) => s.story!.scene === 2);
      await page.reload();
      await waitFor(page, (s) => s.ready && s.story !== null && s.story.scene === 2);
      await page.click('#debrief');
      const text = await page.textContent('#debrief-dialog');
      expect(text).toContain(`2. The shortage: half the gap closed after ${revealed.story!.result!.T50[0]!.toFixed(1)} h`);
    } finally {
      await close();
    }
  });

  it('the scene that compares shows both results side by side (small multiples), in slow motion at the moment that matters', async () => {
    const { context, close } = await launch({ width: 1920, height: 1080 });
    try {
      const page = await context.newPage();
      // Scene 2 (index 1) plays [2, 8] h in slow motion: one tick every few frames.
      await openAtScene2(page);
      await page.keyboard.press('ArrowRight');
      await waitFor(page, (s) => s.time >= 3);
      const a = await stats(page);
      await page.waitForTimeout(1000);
      const b = await stats(page);
      const hoursPerFrame = (b.time - a.time) / Math.max(1, b.frames - a.frames);
      expect(b.time).toBeLessThan(8.5);
      expect(hoursPerFrame).toBeLessThanOrEqual(0.1 / 2); // 10× is 1 h a frame; slow motion ≤ a tick every 2 frames
      await waitFor(page, (s) => s.story!.state === 'paused' && s.story!.result !== null, 120_000);
      for (const k of [2, 3]) {
        await page.keyboard.press('ArrowRight');
        await waitFor(page, (s) => s.story!.scene === k && (s.story!.state === 'predict' || s.story!.result !== null), 120_000);
        if ((await stats(page)).story!.state === 'predict') await page.keyboard.press('ArrowRight');
        await waitFor(page, (s) => s.story!.state === 'paused' && s.story!.result !== null, 120_000);
      }
      const panels = await page.$$eval('.multiple', (els) => els.map((e) => e.textContent));
      expect(panels).toHaveLength(2);
      expect(panels[0]).toMatch(/^2\. The shortage/);
      expect(panels[1]).toMatch(/^4\. Longer batches/);
      expect(await page.textContent('#story-box .scene-changes, #story-box')).toBeTruthy();
      expect(await page.textContent('#story-box .reveal')).toMatch(/before → now/);
      await page.screenshot({ path: 'test/e2e/__screenshots__/present-compare-1920x1080.png' });
    } finally {
      await close();
    }
  });
});
