/**
 * The same scenario and seed give the same results in Node and in the browser: the engine's own
 * elementary functions (sim/math.ts) give the same bits in Chromium as here, and a lab run in Chromium
 * (the ring search split between the worker and its helpers) reaches the state a Node replay reaches
 * on one thread. Before sim/math.ts, Math.cos and the rest differed between the two
 * (scripts/math-probe.ts) and so did every run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { launch, serve, stopServer, waitFor, watchErrors } from './browser.ts';
import { encodeShare } from '../../src/web/share.ts';
import { scaledScenarioRaw } from '../../src/cli/scaled.ts';
import { Twin, type TwinConfig } from '../../src/web/twin.ts';
import { stateHash } from '../../sim/model/snapshot.ts';
import * as dmath from '../../sim/math.ts';
import { mathChecksum } from '../helpers/mathChecksum.ts';
import { buildSync } from 'esbuild';

let base = '';
let browser: { context: BrowserContext; close: () => Promise<void> };

beforeAll(async () => {
  base = await serve(4313);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  stopServer();
});

describe('Node and Chromium', () => {
  it('compute the same bits with sim/math.ts', async () => {
    // sim/math.ts bundled as it stands, run in a blank page with the checksum's own source.
    const lib = buildSync({ entryPoints: ['sim/math.ts'], bundle: true, format: 'iife', globalName: 'dmath', write: false }).outputFiles[0].text;
    const page = await browser.context.newPage();
    await page.addScriptTag({ content: `${lib}\nwindow.mathChecksum = ${mathChecksum.toString()};` });
    const inChromium = await page.evaluate(() => (window as unknown as { mathChecksum: (m: unknown) => string; dmath: unknown }).mathChecksum((window as unknown as { dmath: unknown }).dmath));
    expect(inChromium).toBe(mathChecksum(dmath));
    await page.close();
  });

  for (const people of [500, 5000]) {
    it(`reach the same state: a lab of ${people} people per twin, and its Node replay`, async () => {
      const config: TwinConfig = { raw: scaledScenarioRaw(people), seed: 2, panes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] };
      const page = await browser.context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${base}#${encodeShare(config)}`);
      await waitFor(page, (x) => x.time > 3, 120_000);
      await page.click('#play'); // pause, then fingerprint the state the browser reached
      const download = page.waitForEvent('download');
      await page.click('#snap-save');
      const snap = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
      expect(snap.tick).toBeGreaterThan(25);
      const node = Twin.replayTo(snap.config, snap.tick);
      expect([stateHash(node.sims[0]), stateHash(node.sims[1])]).toEqual(snap.hashes);
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
  }
});
