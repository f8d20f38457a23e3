// Is the lab's worker slow, or is it starved? The 10k lab (two twins) measured, in alternating rounds:
// - as it is (1600×1100);
// - without multisampling (getContext wrapped to ask for antialias: false before the page starts);
// - in a 480×320 window;
// - with every drawing call silenced after start-up (SILENCE_DRAWING in src/cli/benchWeb.ts: the
//   methods of the WebGL and 2D canvas contexts made no-ops, the page hidden), so SwiftShader has
//   nothing to do while the same worker runs the same ticks.
// docs/performance.md, "Fifth round". Usage: npx tsx scripts/lab-contention.ts [people] [rounds] [threads]
import { launch, serve, stopServer, waitFor } from '../test/e2e/browser.ts';
import { encodeShare } from '../src/web/share.ts';
import { scaledScenarioRaw } from '../src/cli/scaled.ts';
import { chromiumThreadTimes, cpuShare } from '../src/cli/threadCpu.ts';
import { q, SILENCE_DRAWING } from '../src/cli/benchWeb.ts';

const people = Number(process.argv[2] ?? 10000);
const rounds = Number(process.argv[3] ?? 3);
/** `?threads=` for the lab (0: its default, the worker and its helpers). */
const threads = Number(process.argv[4] ?? 0);

/** Every WebGL context the page creates asks for no multisampling (the lab asks for antialias: true). */
const NO_MSAA = `
  const get = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (kind, attrs) {
    return get.call(this, kind, kind.startsWith('webgl') ? { ...(attrs || {}), antialias: false } : attrs);
  };`;

const base = await serve(4381);
const { context, close } = await launch({ width: 1600, height: 1100 });
try {
  console.log(`${people} people per twin, two twins; 5 s windows; ${threads ? `?threads=${threads}` : 'search threads: the lab default'}`);
  const variants = ['as it is', 'no MSAA', '480×320', 'silenced'] as const;
  for (let r = 0; r < rounds; r++) for (const variant of variants) {
    const page = await context.newPage();
    if (variant === '480×320') await page.setViewportSize({ width: 480, height: 320 });
    if (variant === 'no MSAA') await page.addInitScript(NO_MSAA);
    await page.goto(`${base}${threads ? `?threads=${threads}` : ''}#${encodeShare({ raw: scaledScenarioRaw(people), seed: 1, panes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] })}`);
    await waitFor(page, (s) => s.ready && s.frames > 3, 300_000);
    await page.selectOption('#speed', '1');
    if (variant === 'silenced') await page.evaluate(SILENCE_DRAWING);
    await page.waitForTimeout(1000);
    const f0 = (await waitFor(page, (s) => s.frames > 5)).frames;
    const c0 = chromiumThreadTimes()!;
    const w0 = performance.now();
    await page.waitForTimeout(5000);
    const s = await waitFor(page, () => true);
    const share = cpuShare(c0, chromiumThreadTimes()!, performance.now() - w0);
    const frames = s.frames - f0;
    const worker = s.workerMsPerTick.slice(-frames).filter((x: number) => x > 0);
    console.log(`${variant.padEnd(9)} frames/s ${(frames / 5).toFixed(1)}  worker ms/tick median ${q(worker, 0.5).toFixed(1)} (p90 ${q(worker, 0.9).toFixed(1)})  worker threads' CPU ms/tick ${(share.workerMs / frames).toFixed(1)}  SwiftShader cores ${share.softwareGlCores.toFixed(2)}  all Chromium cores ${share.chromiumCores.toFixed(2)}`);
    await page.close();
  }
} finally {
  await close();
  stopServer();
}
