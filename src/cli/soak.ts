/**
 * `starling bench soak [--minutes M]`: the lab in headless Chromium at 5× speed for M minutes (default
 * 30), replaying the scenario whenever it reaches the horizon, sampling the JS heap (after a forced GC)
 * every minute. A flat curve means no leak across frames, replays and resets.
 */
import { launch, serve, stopServer, waitFor } from '../../test/e2e/browser.ts';

export interface SoakSample {
  minute: number;
  frames: number;
  heapMB: number;
  simHours: number;
}

export async function soak(minutes: number, onSample?: (s: SoakSample) => void): Promise<SoakSample[]> {
  const base = await serve(4388);
  const { context, close } = await launch({ args: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] });
  const samples: SoakSample[] = [];
  try {
    const page = await context.newPage();
    await page.goto(base);
    await waitFor(page, (s) => s.ready && s.frames > 5);
    await page.selectOption('#speed', '5');
    const start = Date.now();
    let simHours = 0;
    let lastTime = 0;
    let nextSample = 0;
    while (Date.now() - start < minutes * 60_000) {
      const s = await page.evaluate(() => (globalThis as unknown as { __starling: { stats: { time: number; frames: number } } }).__starling.stats);
      simHours += Math.max(0, s.time - lastTime);
      lastTime = s.time;
      if (s.time >= 239.9) {
        await page.keyboard.press('r'); // replay with the same seed: the lab keeps running for hours
        lastTime = 0;
      }
      if (Date.now() - start >= nextSample) {
        const heapMB = await page.evaluate(() => {
          (globalThis as unknown as { gc?: () => void }).gc?.();
          return ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6;
        });
        const sample = { minute: Math.round((Date.now() - start) / 60_000), frames: s.frames, heapMB, simHours };
        samples.push(sample);
        onSample?.(sample);
        nextSample += 60_000;
      }
      await page.waitForTimeout(1000);
    }
  } finally {
    await close();
    stopServer();
  }
  return samples;
}
