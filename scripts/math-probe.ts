// Which of Math's functions give different bits in this Node and in Debian's Chromium: each function
// on 20,000 arguments, folded into a checksum, in both. A difference means the engine's results differ
// between the CLI and the lab wherever sim/ calls that function (docs/performance.md, "Fourth round").
// Usage: npx tsx scripts/math-probe.ts
import { chromium } from 'playwright-core';
const CHROMIUM = process.env.STARLING_CHROMIUM ?? '/usr/bin/chromium';

const probe = () => {
  const fns: Array<[string, (x: number) => number]> = [['sqrt', Math.sqrt], ['hypot', (x) => Math.hypot(x, 0.7)], ['cos', Math.cos], ['sin', Math.sin], ['tan', Math.tan],
    ['atan2', (x) => Math.atan2(x, 0.3)], ['acos', (x) => Math.acos(x / 1e4)], ['exp', Math.exp], ['expm1', Math.expm1], ['log', Math.log], ['log1p', Math.log1p], ['log2', Math.log2],
    ['pow', (x) => Math.pow(x, 1.7)], ['cbrt', Math.cbrt]];
  const out: Record<string, number> = {};
  const a = new Float64Array(1), u = new Uint32Array(a.buffer);
  for (const [name, f] of fns) {
    let acc = 0;
    for (let i = 1; i < 20000; i++) {
      a[0] = f(i * 0.00731 + 0.1);
      acc = (Math.imul(acc, 31) + u[0] + u[1]) | 0;
    }
    out[name] = acc;
  }
  return out;
};

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
try {
  const page = await browser.newPage();
  const inChromium = await page.evaluate(probe);
  const inNode = probe();
  console.log(`Node ${process.versions.node} (V8 ${process.versions.v8}) against ${browser.version()}`);
  for (const k of Object.keys(inNode)) console.log(`${k.padEnd(6)} ${inNode[k] === inChromium[k] ? 'same bits' : 'DIFFERENT bits'}`);
} finally {
  await browser.close();
}
