/**
 * Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, and the built lab
 * served by `vite preview` — the same files `npm start` serves.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.STARLING_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch(opts: { width?: number; height?: number; args?: string[]; deviceScaleFactor?: number } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  // Imported lazily: the CLI bundles this file (for `starling bench web`) and must not load the
  // browser driver on every start.
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'starling-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, ...(opts.args ?? [])],
    viewport: { width: opts.width ?? 1600, height: opts.height ?? 1100 },
    deviceScaleFactor: opts.deviceScaleFactor ?? 1,
    acceptDownloads: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let server: ChildProcess | null = null;

/** Build the lab into dist/ (what `npm start` and the room server serve). */
export function buildLab(): void {
  const root = process.cwd();
  const build = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'error'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build failed: ${build.stderr}`);
}

/** Build once and serve dist/ with vite preview on a port; returns the base URL. */
export async function serve(port: number): Promise<string> {
  const root = process.cwd();
  const vite = join(root, 'node_modules', '.bin', 'vite');
  buildLab();
  server = spawn(vite, ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: root, stdio: 'pipe' });
  const url = `http://127.0.0.1:${port}/`;
  for (let k = 0; k < 100; k++) {
    try {
      const r = await fetch(url);
      if (r.ok) return url;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

export function stopServer(): void {
  server?.kill('SIGTERM');
  server = null;
}

/** Collect console errors and page errors of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export type { LabStats } from '../../src/web/stats.ts';
import type { LabStats } from '../../src/web/stats.ts';

export async function stats(page: Page): Promise<LabStats> {
  return page.evaluate(() => (globalThis as unknown as { __starling: { stats: LabStats } }).__starling.stats);
}

export async function waitFor(page: Page, pred: (s: LabStats) => boolean, timeoutMs = 60_000): Promise<LabStats> {
  const start = Date.now();
  for (;;) {
    const s = await stats(page);
    if (pred(s)) return s;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting; last stats: ${JSON.stringify({ ...s, mainMs: s.mainMs.length, workerMsPerTick: s.workerMsPerTick.length })}`);
    await page.waitForTimeout(200);
  }
}
