/**
 * The lab in headless Chromium at 2k, 10k and 50k people per twin: main-thread milliseconds per frame
 * (all work this thread does to present a frame: particles, overlay, charts, WebGL submission) and
 * worker milliseconds per tick (both twins). Software GL frame rates are not a figure of merit here.
 * Also the JS heap after forced GCs at the start and end, to show there is no per-frame growth.
 */
import { launch, serve, stopServer, waitFor } from '../../test/e2e/browser.ts';
import { encodeShare } from '../web/share.ts';
import { scaledScenarioRaw } from './scaled.ts';
import { resolveScenario } from '../../sim/model/scenario.ts';
import { chromiumThreadTimes, cpuShare, type CpuShare } from './threadCpu.ts';

export interface WebBenchResult {
  /** People per twin (two twins are simulated and drawn). */
  people: number;
  /** Threads the worker's ring search was split between (the lab's default, or 1 with ?threads=1). */
  searchThreads: number;
  /** Whether this row limited the lab to one search thread (?threads=1), for the side-by-side comparison. */
  oneThread: boolean;
  /**
   * Whether this row silenced the page's drawing once the lab had started (SILENCE_DRAWING): the same
   * worker and ticks with nothing for SwiftShader to do, to show what the worker needs uncontended.
   */
  silenced: boolean;
  frames: number;
  mainMsPerFrame: { median: number; p90: number };
  workerMsPerTick: { median: number; p90: number };
  heapStartMB: number;
  heapEndMB: number;
  heapGrowthPerFrameKB: number;
  /**
   * Over the measured window, from each thread's own CPU time (Linux; null elsewhere): the worker
   * thread's CPU ms per tick, and the cores SwiftShader and all of Chromium kept busy.
   */
  cpu: (CpuShare & { ticks: number; workerCpuMsPerTick: number }) | null;
}

/**
 * Run in the page after start-up: every method of the WebGL and 2D canvas contexts becomes a no-op and
 * the page is hidden, so the GPU process (SwiftShader here) has nothing to draw or composite while the
 * worker runs as before. A string, so a bundler's helpers never reach the page.
 */
export const SILENCE_DRAWING = `
  for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype, CanvasRenderingContext2D.prototype]) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key);
      if (d && typeof d.value === 'function' && key !== 'constructor') Object.defineProperty(proto, key, { value: () => null });
    }
  }
  const style = document.createElement('style');
  style.textContent = 'body > * { display: none !important; }';
  document.head.appendChild(style);`;

/** The p-quantile of v (NaN if empty). */
export const q = (v: number[], p: number) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};

/**
 * `oneThread`: sizes also run with the lab limited to one search thread (?threads=1), side by side;
 * `silenced`: sizes also run with the page's drawing silenced (SILENCE_DRAWING), side by side.
 */
export async function benchWeb(sizes: number[], seconds: number, oneThread: number[] = [], silenced: number[] = []): Promise<WebBenchResult[]> {
  const base = await serve(4377);
  const { context, close } = await launch({ width: 1600, height: 1100, args: ['--enable-precise-memory-info'] });
  const out: WebBenchResult[] = [];
  try {
    const rows = [...sizes.map((people) => ({ people, alone: false, quiet: false })), ...oneThread.map((people) => ({ people, alone: true, quiet: false })),
      ...silenced.map((people) => ({ people, alone: false, quiet: true }))];
    for (const { people, alone, quiet } of rows) {
      const page = await context.newPage();
      const raw = scaledScenarioRaw(people);
      const dt = resolveScenario(raw).run.dt;
      const link = encodeShare({ raw, seed: 1, panes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] });
      await page.goto(`${base}${alone ? '?threads=1' : ''}#${link}`);
      await waitFor(page, (s) => s.ready && s.frames > 3, 300_000);
      await page.selectOption('#speed', '1');
      if (quiet) await page.evaluate(SILENCE_DRAWING);
      const heap = () => page.evaluate(() => ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6);
      const f0 = (await waitFor(page, (s) => s.frames > 5)).frames;
      const h0 = await heap();
      const time0 = (await waitFor(page, () => true)).time;
      const cpu0 = chromiumThreadTimes();
      const wall0 = performance.now();
      await page.waitForTimeout(seconds * 1000);
      const s = await waitFor(page, (x) => x.frames > f0 + 3, 300_000);
      const cpu1 = chromiumThreadTimes();
      const wallMs = performance.now() - wall0;
      // Ticks in the window from the simulated hours it covered (the lab runs at one tick per frame here).
      const ticks = Math.round((s.time - time0) / dt);
      const share = cpu0 && cpu1 && ticks > 0 ? cpuShare(cpu0, cpu1, wallMs) : null;
      const h1 = await heap();
      const frames = s.frames - f0;
      const main = s.mainMs.slice(-Math.max(1, frames));
      const worker = s.workerMsPerTick.slice(-Math.max(1, frames)).filter((x) => x > 0);
      out.push({ people, searchThreads: s.searchThreads, oneThread: alone, silenced: quiet, frames, mainMsPerFrame: { median: q(main, 0.5), p90: q(main, 0.9) }, workerMsPerTick: { median: q(worker, 0.5), p90: q(worker, 0.9) }, heapStartMB: h0, heapEndMB: h1, heapGrowthPerFrameKB: frames > 0 ? ((h1 - h0) * 1000) / frames : 0,
        cpu: share ? { ...share, ticks, workerCpuMsPerTick: share.workerMs / ticks } : null });
      await page.close();
    }
  } finally {
    await close();
    stopServer();
  }
  return out;
}
