// Where the lab's main thread spends its time: the default scenario scaled to N people per twin in
// headless Chromium, 8 s of CDP CPU sampling, the top functions by self time (issue 15's main-thread
// target). Usage: node --import tsx scripts/profile-lab.ts [people]
import { launch, serve, stopServer, waitFor } from '../test/e2e/browser.ts';
import { encodeShare } from '../src/web/share.ts';
import { scaledScenarioRaw } from '../src/cli/scaled.ts';
const people = Number(process.argv[2] ?? 10000);
const base = await serve(4378);
const { context, close } = await launch({ width: 1600, height: 1100 });
try {
  const page = await context.newPage();
  const link = encodeShare({ raw: scaledScenarioRaw(people), seed: 1, panes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] });
  await page.goto(`${base}#${link}`);
  await waitFor(page, (s) => s.ready && s.frames > 5, 300000);
  await page.selectOption('#speed', '1');
  await page.waitForTimeout(3000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.waitForTimeout(8000);
  const { profile } = await cdp.send('Profiler.stop') as any;
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const dt = profile.timeDeltas as number[];
  const counts = new Map<number, number>();
  profile.samples.forEach((id: number, i: number) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
  let total = 0;
  for (const [id, us] of counts) { const n: any = byId.get(id); const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(key, (self.get(key) ?? 0) + us); total += us; }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [k, us] of top) console.log((us / 1000).toFixed(0).padStart(6), 'ms', (100 * us / total).toFixed(1).padStart(5), '%', k);
  const st = await page.evaluate(() => (window as any).__starling.stats);
  console.log('frames', st?.frames);
} finally { await close(); stopServer(); }
