/**
 * The lab's file buttons: load and save the scenario JSON, save and load a snapshot, export the time
 * series (CSV, with the configuration in its header) and the view (PNG). What is saved is the
 * worker's own configuration; what is loaded goes through the worker's validation.
 */
import type { Remote } from 'comlink';
import type { LabInfo, SimApi } from './worker.ts';
import { download } from './exporters.ts';
import { messageOf } from './messages.ts';

export interface FileHost {
  api(): Remote<SimApi>;
  info(): LabInfo;
  load(raw: Record<string, unknown>): Promise<boolean>;
  restored(info: LabInfo): Promise<void>;
  showError(message: string): void;
  clearError(): void;
  exportView(name: string, footer: string): void;
  time(): number;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function wireFileActions(h: FileHost): void {
  $('load').addEventListener('click', () => $('file').click());
  $('file').addEventListener('change', async () => {
    const file = $<HTMLInputElement>('file').files?.[0];
    if (!file) return;
    if (file.size > 1_000_000) return h.showError(`${file.name}: ${file.size} bytes is larger than the 1,000,000-byte limit for a scenario file`);
    let raw: unknown;
    try {
      raw = JSON.parse(await file.text());
    } catch (err) {
      return h.showError(`${file.name}: not valid JSON (${(err as Error).message})`);
    }
    if (await h.load(raw as Record<string, unknown>)) h.clearError();
  });
  $('save').addEventListener('click', () => {
    const info = h.info();
    download(`${info.scenario.name}.json`, new Blob([`${JSON.stringify(info.config.raw, null, 2)}\n`], { type: 'application/json' }));
  });
  $('snap-save').addEventListener('click', async () => {
    const info = h.info();
    const snap = await h.api().snapshot();
    download(`snapshot-${info.scenario.name}-t${(snap.tick * info.scenario.run.dt).toFixed(1)}h.json`, new Blob([`${JSON.stringify(snap)}\n`], { type: 'application/json' }));
  });
  $('snap-load').addEventListener('click', () => $('snap-file').click());
  $('snap-file').addEventListener('change', async () => {
    const file = $<HTMLInputElement>('snap-file').files?.[0];
    if (!file) return;
    try {
      if (file.size > 5_000_000) throw new Error(`${file.name}: larger than the 5 MB limit for a snapshot`);
      await h.restored(await h.api().restoreSnapshot(JSON.parse(await file.text())));
      h.clearError();
    } catch (err) {
      h.showError(`${file.name}: ${messageOf(err)}`);
    }
  });
  $('csv').addEventListener('click', async () => {
    const info = h.info();
    download(`${info.scenario.name}-seed${info.config.seed}.csv`, new Blob([await h.api().seriesCsv()], { type: 'text/csv' }));
  });
  $('png').addEventListener('click', () => {
    const info = h.info();
    h.exportView(`${info.scenario.name}-seed${info.config.seed}.png`, `${info.scenario.title} · seed ${info.config.seed} · t = ${h.time().toFixed(1)} h · Starling`);
  });
}
