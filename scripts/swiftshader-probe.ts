// What SwiftShader's raster threads spend per frame of the 2k lab in headless Chromium: as it is, with
// the charts hidden, and with both maps' canvases hidden (each a fresh page, 5 s, CPU from /proc).
// docs/performance.md, "Fourth round". Usage: npx tsx scripts/swiftshader-probe.ts
import { launch, serve, stopServer, waitFor } from '../test/e2e/browser.ts';
import { encodeShare } from '../src/web/share.ts';
import { scaledScenarioRaw } from '../src/cli/scaled.ts';
import { chromiumThreadTimes, cpuShare } from '../src/cli/threadCpu.ts';
const base = await serve(4379);
const { context, close } = await launch({ width: 1600, height: 1100 });
try {
  const variants: Array<[string, string]> = [['normal', ''], ['charts hidden', '#charts, .charts, canvas.uplot, .uplot { display: none !important; }'], ['panes hidden', '#pane-left canvas, #pane-right canvas { visibility: hidden !important; }'], ['normal again', '']];
  for (const [name, css] of variants) {
    const page = await context.newPage();
    await page.goto(`${base}#${encodeShare({ raw: scaledScenarioRaw(2000), seed: 1, panes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] })}`);
    await waitFor(page, (s) => s.ready && s.frames > 5, 60000);
    await page.selectOption('#speed', '1');
    if (css) await page.addStyleTag({ content: css });
    await page.waitForTimeout(1000);
    const f0 = (await waitFor(page, () => true)).frames;
    const c0 = chromiumThreadTimes()!; const w0 = performance.now();
    await page.waitForTimeout(5000);
    const f1 = (await waitFor(page, () => true)).frames;
    const sh = cpuShare(c0, chromiumThreadTimes()!, performance.now() - w0);
    const frames = f1 - f0;
    console.log(name.padEnd(14), 'frames/s', (frames / 5).toFixed(1), 'SwiftShader cores', sh.softwareGlCores.toFixed(2), 'SwiftShader CPU ms/frame', (sh.softwareGlCores * 5000 / frames).toFixed(1), 'worker ms/frame', (sh.workerMs / frames).toFixed(1));
    await page.close();
  }
} finally { await close(); stopServer(); }
