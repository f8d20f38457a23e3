/**
 * The browser lab: the same ecosystem, the same shock, the same random draws — twice, side by side,
 * on one clock. The engine runs in a Web Worker (comlink); this thread only renders packed frames,
 * keeps the charts and the headline, and queues the user's changes.
 */
import { wrap, type Remote } from 'comlink';
import './style.css';
import type { SimApi, LabInfo } from './worker.ts';
import type { Frame, PaneFrame } from './frame.ts';
import type { LabStats } from './stats.ts';
import type { TwinConfig, Change } from './twin.ts';
import { PaneRenderer } from './renderer.ts';
import { LiveCharts } from './charts.ts';
import { buildParamGui } from './controls.ts';
import { decodeShare, encodeShare } from './share.ts';
import { composePng, download } from './exporters.ts';
import { renderLegend, renderAbout } from './texts.ts';
import { helpHtml, installKeys, loadStory, StoryPlayer, type LabHandle, type StoryStatus } from './workshop.ts';
import { STORIES } from '../../sim/model/stories.ts';
import { PARAMS, type GroupName } from '../../sim/model/params.ts';
import { DEFAULT_SCENARIO_NAME, SCENARIOS } from '../../sim/model/catalog.ts';
import { SHOCK_KINDS } from '../../sim/model/params.ts';
import type { ModeSpec } from '../../sim/model/runner.ts';
import type GUI from 'lil-gui';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const stats: LabStats = { ready: false, renderer: '', pairPass: '', frames: 0, time: 0, mainMs: [], workerMsPerTick: [], error: null, last: [], seeds: '', story: null, present: false };
(globalThis as unknown as { __starling: unknown }).__starling = { stats, control: {} as Record<string, unknown> };

const PANE_OPTIONS: Array<[string, ModeSpec]> = [
  ['Hierarchical', { mode: 'hierarchical' }],
  ['Spontaneous association', { mode: 'spontaneous' }],
  ['Hybrid λ = 0.1', { mode: 'hybrid', lambda: 0.1 }],
  ['Hybrid λ = 0.2', { mode: 'hybrid', lambda: 0.2 }],
  ['Hybrid λ = 0.5', { mode: 'hybrid', lambda: 0.5 }],
];

class Lab implements LabHandle {
  private worker!: Worker;
  private api!: Remote<SimApi>;
  private renderers: [PaneRenderer, PaneRenderer] = [new PaneRenderer(), new PaneRenderer()];
  private charts = new LiveCharts($('charts'));
  private gui: GUI | null = null;
  private config!: TwinConfig;
  private info!: LabInfo;
  private isPlaying = true;
  private busy = false;
  private lastFrame: Frame | null = null;
  private lastRaf = performance.now();
  private generation = 0;
  private frameListeners: Array<(f: Frame) => void> = [];
  private pointer: { pane: number; x: number; y: number } | null = null;
  private story: StoryPlayer | null = null;

  async start(): Promise<void> {
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const width = Math.min(720, Math.max(320, Math.floor((document.body.clientWidth - 36) / 2)));
    await Promise.all(this.renderers.map(async (r, k) => {
      await r.init($(k === 0 ? 'pane-left' : 'pane-right'), width, width);
      r.reducedMotion = reduced;
    }));
    stats.renderer = this.renderers[0].rendererName;
    this.wireControls();
    this.spawnWorker();
    let config: TwinConfig = { raw: SCENARIOS[DEFAULT_SCENARIO_NAME] as Record<string, unknown>, seed: 1, panes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] };
    try {
      config = decodeShare(location.hash) ?? config;
    } catch (err) {
      this.showError(`${(err as Error).message}. Showing the default scenario instead.`);
    }
    const query = new URLSearchParams(location.search);
    if (query.has('present')) this.togglePresent(true);
    const storyName = query.get('story');
    if (storyName) {
      try {
        this.story = new StoryPlayer(loadStory(storyName), this, (status) => this.showStory(status));
        ($('story') as HTMLSelectElement).value = storyName;
        this.setSpeed(10);
        await this.story.enter(0);
      } catch (err) {
        this.story = null;
        this.showError(messageOf(err));
      }
    }
    if (!this.story && !(await this.initConfig(config))) await this.initConfig({ raw: SCENARIOS[DEFAULT_SCENARIO_NAME] as Record<string, unknown>, seed: 1, panes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] }, true);
    stats.ready = true;
    requestAnimationFrame(this.loop);
  }

  private spawnWorker(): void {
    this.worker?.terminate();
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    this.worker.addEventListener('error', (e) => this.fail(`The simulation stopped: ${e.message || 'the worker crashed (out of memory?)'}. Press Reset to restart it with the same scenario.`));
    this.api = wrap<SimApi>(this.worker);
  }

  /** (Re)start the twin with a configuration; on a bad scenario, show why and keep what is running. */
  private async initConfig(config: TwinConfig, quiet = false): Promise<boolean> {
    try {
      const info = await this.api.init(config);
      this.config = structuredClone(config);
      this.afterInfo(info);
      return true;
    } catch (err) {
      if (!quiet) this.showError(messageOf(err));
      return false;
    }
  }

  private afterInfo(info: LabInfo): void {
    this.info = info;
    stats.pairPass = info.pairPass;
    this.config.seed = info.seed;
    this.config.panes = info.panes;
    this.renderers.forEach((r, k) => r.setup(info.scenario, info.shocks, info.firm, info.spanner, paneTitle(info.panes[k])));
    this.charts.reset([paneTitle(info.panes[0]), paneTitle(info.panes[1])]);
    this.lastFrame = null;
    this.generation++;
    $('description').textContent = `${info.scenario.title}. ${info.scenario.description}`;
    ($('seed') as HTMLInputElement).value = String(info.seed);
    ($('preset') as HTMLSelectElement).value = info.scenario.name in SCENARIOS ? info.scenario.name : '';
    (['mode-left', 'mode-right'] as const).forEach((id, k) => (($(id) as HTMLSelectElement).value = paneKey(info.panes[k])));
    $('seeds-result').textContent = '';
    this.rebuildGui();
    history.replaceState(null, '', `#${encodeShare({ ...this.config, raw: this.config.raw })}`);
  }

  private rebuildGui(): void {
    this.gui?.destroy();
    this.gui = buildParamGui($('gui'), this.info.scenario, (path, value) => this.change({ kind: 'set', path, value }));
  }

  /** Queue a change in the worker; invalid input is reported and the running simulation kept. */
  async change(change: Change): Promise<void> {
    try {
      const info = await this.api.change(change);
      if (change.kind === 'set') this.config.raw = applyLocal(this.config.raw, change.path, change.value);
      this.clearError();
      if (change.kind === 'shock') {
        this.config.raw = rawFromScenario(this.config.raw, info);
        this.info = info;
        this.renderers.forEach((r, k) => r.setup(info.scenario, info.shocks, info.firm, info.spanner, paneTitle(info.panes[k])));
        history.replaceState(null, '', `#${encodeShare(this.config)}`);
      } else this.afterInfo(info);
    } catch (err) {
      this.showError(messageOf(err));
      this.rebuildGui();
    }
  }

  private loop = async (now: number): Promise<void> => {
    requestAnimationFrame(this.loop);
    const dt = now - this.lastRaf;
    this.lastRaf = now;
    if (this.busy || stats.error) return;
    if (this.isPlaying && !(this.lastFrame?.done)) {
      this.busy = true;
      const gen = this.generation;
      try {
        const frame = await this.api.advance(Number(($('speed') as HTMLSelectElement).value));
        if (gen === this.generation) this.present(frame, dt);
      } catch (err) {
        this.fail(messageOf(err));
      } finally {
        this.busy = false;
      }
    } else if (this.lastFrame) {
      const t0 = performance.now();
      this.renderers.forEach((r, k) => {
        r.draw({ ...this.lastFrame!.panes[k], events: [] }, dt);
        r.render();
      });
      record(stats.mainMs, performance.now() - t0);
    }
  };

  /** Draw a frame from the worker: all main-thread work per frame happens here (measured). */
  present(frame: Frame, dt: number): void {
    const t0 = performance.now();
    this.lastFrame = frame;
    frame.panes.forEach((p, k) => {
      this.renderers[k].draw(p, dt);
      this.renderers[k].render();
    });
    this.charts.push(frame.time, frame.panes[0], frame.panes[1]);
    if (stats.frames % 6 === 0 || frame.done) this.charts.redraw();
    $('clock').textContent = `${frame.time.toFixed(1)} h`;
    if (stats.frames % 10 === 0 || frame.done) {
      frame.panes.forEach((p, k) => renderMetrics($(k === 0 ? 'metrics-left' : 'metrics-right'), p));
      $('headline').textContent = liveHeadline(frame);
    }
    stats.frames++;
    stats.time = frame.time;
    stats.last = frame.panes.map((p) => ({ label: p.label, T50: p.metrics.T50.value, T50censored: p.metrics.T50.censored, messages: p.messages, engaged: p.engaged }));
    $('big-clock').textContent = `${frame.time.toFixed(1)} h`;
    record(stats.workerMsPerTick, frame.workerMsPerTick);
    record(stats.mainMs, performance.now() - t0);
    for (const l of this.frameListeners) l(frame);
  }

  private wireControls(): void {
    const preset = $<HTMLSelectElement>('preset');
    for (const name of Object.keys(SCENARIOS)) preset.add(new Option((SCENARIOS[name] as { title: string }).title, name));
    preset.addEventListener('change', () => this.initConfig({ ...this.config, raw: SCENARIOS[preset.value] as Record<string, unknown>, seed: (SCENARIOS[preset.value] as { seed?: number }).seed ?? 1 }));
    for (const id of ['mode-left', 'mode-right']) {
      const sel = $<HTMLSelectElement>(id);
      PANE_OPTIONS.forEach(([label, spec]) => sel.add(new Option(label, paneKey(spec))));
      sel.addEventListener('change', () => {
        const panes = [fromKey($<HTMLSelectElement>('mode-left').value), fromKey($<HTMLSelectElement>('mode-right').value)] as [ModeSpec, ModeSpec];
        this.change({ kind: 'panes', panes });
      });
    }
    const kinds = $<HTMLSelectElement>('shock-kind');
    for (const k of SHOCK_KINDS) kinds.add(new Option(k.replace('-', ' '), k));
    const play = $('play');
    const setPlaying = (on: boolean) => this.setPlaying(on);
    play.addEventListener('click', () => setPlaying(!this.isPlaying));
    $('step').addEventListener('click', async () => {
      setPlaying(false);
      if (this.busy) return;
      this.busy = true;
      try {
        this.present(await this.api.advance(1), 16);
      } catch (err) {
        this.fail(messageOf(err));
      } finally {
        this.busy = false;
      }
    });
    $('seed').addEventListener('change', () => this.change({ kind: 'seed', seed: Number(($('seed') as HTMLInputElement).value) }));
    $('reset').addEventListener('click', () => this.reset());
    $('seeds50').addEventListener('click', () => this.runSeeds(50));
    $('share').addEventListener('click', async () => {
      const url = `${location.origin}${location.pathname}#${encodeShare(this.config)}`;
      try {
        await navigator.clipboard.writeText(url);
        $('seeds-result').textContent = 'Share link copied to the clipboard (scenario + seed: it reproduces this exact run).';
      } catch {
        prompt('Copy this link', url);
      }
    });
    $('about-open').addEventListener('click', () => ($('about') as HTMLDialogElement).showModal());
    $('about').innerHTML = renderAbout();
    $('about').addEventListener('click', (e) => {
      if ((e.target as HTMLElement).dataset.close !== undefined) ($('about') as HTMLDialogElement).close();
    });
    $('legend').innerHTML = renderLegend();
    $('load').addEventListener('click', () => $('file').click());
    $('file').addEventListener('change', async () => {
      const file = ($('file') as HTMLInputElement).files?.[0];
      if (!file) return;
      if (file.size > 1_000_000) return this.showError(`${file.name}: ${file.size} bytes is larger than the 1,000,000-byte limit for a scenario file`);
      let raw: unknown;
      try {
        raw = JSON.parse(await file.text());
      } catch (err) {
        return this.showError(`${file.name}: not valid JSON (${(err as Error).message})`);
      }
      if (await this.initConfig({ ...this.config, raw: raw as Record<string, unknown> })) this.clearError();
    });
    $('save').addEventListener('click', () => download(`${this.info.scenario.name}.json`, new Blob([`${JSON.stringify(this.config.raw, null, 2)}\n`], { type: 'application/json' })));
    $('snap-save').addEventListener('click', async () => {
      const snap = await this.api.snapshot();
      download(`snapshot-${this.info.scenario.name}-t${(snap.tick * this.info.scenario.run.dt).toFixed(1)}h.json`, new Blob([`${JSON.stringify(snap)}\n`], { type: 'application/json' }));
    });
    $('snap-load').addEventListener('click', () => $('snap-file').click());
    $('snap-file').addEventListener('change', async () => {
      const file = ($('snap-file') as HTMLInputElement).files?.[0];
      if (!file) return;
      try {
        if (file.size > 5_000_000) throw new Error(`${file.name}: larger than the 5 MB limit for a snapshot`);
        const info = await this.api.restoreSnapshot(JSON.parse(await file.text()));
        this.config = structuredClone((JSON.parse(await file.text()) as { config: TwinConfig }).config);
        this.afterInfo(info);
        this.present(await this.api.advance(0), 16);
        this.clearError();
      } catch (err) {
        this.showError(`${file.name}: ${messageOf(err)}`);
      }
    });
    $('csv').addEventListener('click', async () => download(`${this.info.scenario.name}-seed${this.config.seed}.csv`, new Blob([await this.api.seriesCsv()], { type: 'text/csv' })));
    $('png').addEventListener('click', () => {
      const canvas = composePng(this.renderers.map((r) => r.app.canvas), this.charts.canvases(), $('headline').textContent ?? '', `${this.info.scenario.title} · seed ${this.config.seed} · t = ${stats.time.toFixed(1)} h · Starling`);
      canvas.toBlob((b) => b && download(`${this.info.scenario.name}-seed${this.config.seed}.png`, b), 'image/png');
    });
    this.renderers.forEach((r) => {
      r.app.canvas.tabIndex = 0;
      r.app.canvas.setAttribute('aria-label', 'Simulation map: click to place a shock');
      r.app.canvas.addEventListener('click', (e) => {
        const rect = r.app.canvas.getBoundingClientRect();
        const [x, y] = r.toWorld(((e.clientX - rect.left) / rect.width) * r.app.screen.width, ((e.clientY - rect.top) / rect.height) * r.app.screen.height);
        this.change({ kind: 'shock', shockKind: kinds.value as (typeof SHOCK_KINDS)[number], x, y });
      });
    });
    this.renderers.forEach((r, k) => r.app.canvas.addEventListener('pointermove', (e) => {
      const rect = r.app.canvas.getBoundingClientRect();
      const [x, y] = r.toWorld(((e.clientX - rect.left) / rect.width) * r.app.screen.width, ((e.clientY - rect.top) / rect.height) * r.app.screen.height);
      this.pointer = { pane: k, x, y };
    }));
    const help = $<HTMLDialogElement>('help');
    help.innerHTML = helpHtml();
    installKeys(this, {
      next: () => void this.story?.next(),
      previous: () => void this.story?.previous(),
      togglePresent: () => this.togglePresent(),
      toggleHelp: () => (help.open ? help.close() : help.showModal()),
      closeHelp: () => help.open && help.close(),
    });
    $('help-open').addEventListener('click', () => help.showModal());
    $('present').addEventListener('click', () => this.togglePresent());
    $('debrief').addEventListener('click', () => this.debrief());
    const storySel = $<HTMLSelectElement>('story');
    storySel.add(new Option('— none —', ''));
    for (const name of Object.keys(STORIES)) storySel.add(new Option((STORIES[name] as { title: string }).title, name));
    storySel.addEventListener('change', () => {
      const q = new URLSearchParams(location.search);
      if (storySel.value) q.set('story', storySel.value);
      else q.delete('story');
      location.search = q.toString();
    });
    Object.assign((globalThis as unknown as { __starling: { control: Record<string, unknown> } }).__starling.control, {
      crash: () => (this.api.crash() as unknown as Promise<void>).catch((err: unknown) => this.fail(messageOf(err))),
      set: (path: string, value: unknown) => this.change({ kind: 'set', path, value }),
      play: setPlaying,
    });
  }

  // --- LabHandle (workshop mode drives the lab through these) -----------------------------------

  init(raw: Record<string, unknown>, seed: number, panes: [ModeSpec, ModeSpec]): Promise<boolean> {
    return this.initConfig({ raw, seed, panes });
  }
  playing(): boolean {
    return this.isPlaying;
  }
  setPlaying(on: boolean): void {
    this.isPlaying = on;
    const play = $('play');
    play.textContent = on ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(on));
  }
  async replay(): Promise<void> {
    this.clearError();
    this.afterInfo(await this.api.restart());
  }
  async preset(name: string): Promise<void> {
    const raw = SCENARIOS[name] as Record<string, unknown>;
    await this.initConfig({ ...this.config, raw, seed: (raw as { seed?: number }).seed ?? 1 });
  }
  placeShockAtPointer(): void {
    if (!this.pointer) return this.showError('Point at a map with the mouse first, then press S to place a shock there');
    const kinds = $<HTMLSelectElement>('shock-kind');
    void this.change({ kind: 'shock', shockKind: kinds.value as (typeof SHOCK_KINDS)[number], x: this.pointer.x, y: this.pointer.y });
  }
  onFrame(listener: (frame: Frame) => void): void {
    this.frameListeners.push(listener);
  }
  setSpeed(ticksPerFrame: number): void {
    const sel = $<HTMLSelectElement>('speed');
    sel.value = String(ticksPerFrame);
  }

  togglePresent(on = !document.body.classList.contains('present')): void {
    document.body.classList.toggle('present', on);
    stats.present = on;
  }

  private showStory(status: StoryStatus): void {
    stats.story = status;
    const box = $('story-box');
    if (!this.story) {
      box.hidden = true;
      return;
    }
    const c = this.story.caption();
    box.hidden = false;
    box.innerHTML = `<h2></h2><p class="caption"></p>${c.predict ? '<p class="predict"></p>' : ''}<p class="story-hint"></p>`;
    box.querySelector('h2')!.textContent = c.title;
    box.querySelector('.caption')!.textContent = c.caption;
    if (c.predict) box.querySelector('.predict')!.textContent = `Predict first: ${c.predict}`;
    box.querySelector('.story-hint')!.textContent = c.hint;
  }

  private debrief(): void {
    const params = (Object.keys(PARAMS) as GroupName[]).flatMap((g) => Object.entries(PARAMS[g]).filter(([k, d]) => (this.info.scenario[g] as Record<string, unknown>)[k] !== d.default).map(([k]) => `${g}.${k} = ${String((this.info.scenario[g] as Record<string, unknown>)[k])}`));
    const link = `${location.origin}${location.pathname}#${encodeShare(this.config)}`;
    const footer = `${this.info.scenario.title} · seed ${this.config.seed} · t = ${stats.time.toFixed(1)} h · changed: ${params.length ? params.join(', ') : 'defaults'}`;
    const canvas = composePng(this.renderers.map((r) => r.app.canvas), this.charts.canvases(), $('headline').textContent ?? '', footer);
    canvas.toBlob((b) => b && download(`debrief-${this.info.scenario.name}-seed${this.config.seed}.png`, b), 'image/png');
    void navigator.clipboard?.writeText(link).catch(() => undefined);
    $('seeds-result').textContent = `Debrief image saved; the share link for this exact run is copied: ${link.length > 120 ? `${link.slice(0, 117)}…` : link}`;
  }

  async reset(): Promise<void> {
    this.clearError();
    this.spawnWorker();
    if (this.story) await this.story.enter(stats.story?.scene ?? 0);
    else await this.initConfig(this.config);
  }

  async runSeeds(n: number): Promise<void> {
    const out = $('seeds-result');
    out.textContent = `Running ${n} paired seeds…`;
    try {
      const r = await this.api.runSeeds(n);
      const text = r.headline || r.summaries.map((s) => `${s.label}: median T50 ${s.metrics.T50.median.toFixed(1)} h [${s.metrics.T50.p10.toFixed(1)}–${s.metrics.T50.p90.toFixed(1)}]`).join('; ');
      out.textContent = text;
      stats.seeds = text;
    } catch (err) {
      this.showError(messageOf(err));
    }
  }

  private fail(message: string): void {
    stats.error = message;
    this.showError(message);
  }

  showError(message: string): void {
    const el = $('error');
    el.textContent = message;
    el.hidden = false;
  }

  private clearError(): void {
    stats.error = null;
    $('error').hidden = true;
  }
}

function record(list: number[], v: number): void {
  list.push(v);
  if (list.length > 600) list.splice(0, list.length - 600);
}

function messageOf(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.replace(/^Error: /, '');
}

function paneKey(spec: ModeSpec): string {
  return spec.mode === 'hybrid' ? `hybrid:${spec.lambda ?? 0.2}` : spec.mode;
}
function fromKey(key: string): ModeSpec {
  const [mode, l] = key.split(':');
  return mode === 'hybrid' ? { mode: 'hybrid', lambda: Number(l) } : { mode: mode as 'hierarchical' | 'spontaneous' };
}
function paneTitle(spec: ModeSpec): string {
  return spec.mode === 'hierarchical' ? 'Hierarchical' : spec.mode === 'spontaneous' ? 'Spontaneous association' : `Hybrid (λ = ${spec.lambda ?? 0.2})`;
}

function applyLocal(raw: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const out = structuredClone(raw);
  const [group, key] = path.split('.');
  out[group] = { ...((out[group] as Record<string, unknown>) ?? {}), [key]: value };
  return out;
}

/** After a placed shock the worker's scenario has one more shock: mirror it into the raw JSON. */
function rawFromScenario(raw: Record<string, unknown>, info: LabInfo): Record<string, unknown> {
  const out = structuredClone(raw);
  const shocks = (out.shocks as unknown[]) ?? [];
  const added = info.scenario.shocks.slice(shocks.length);
  for (const s of added) shocks.push({ kind: s.kind, owner: s.owner, onset: s.onset, location: s.location, label: s.label });
  out.shocks = shocks;
  return out;
}

function fmtT(m: { value: number; censored: boolean }): string {
  return m.censored ? 'not yet' : `${m.value.toFixed(1)} h`;
}

function renderMetrics(table: HTMLElement, p: PaneFrame): void {
  const m = p.metrics;
  table.innerHTML = `<tbody>
    <tr><th>Half the gap closed (T50)</th><td>${fmtT(m.T50)}</td><th>Recovered (T90)</th><td>${fmtT(m.T90)}</td></tr>
    <tr><th>Loss (gap-hours / G₀)</th><td>${m.loss.toFixed(1)} h</td><th>Messages</th><td>${m.messages}</td></tr>
    <tr><th>Attention cost</th><td>${m.attention_hours.toFixed(0)} effort-h</td><th>Engaged now</th><td>${p.engaged}</td></tr></tbody>`;
}

function liveHeadline(frame: Frame): string {
  const [a, b] = frame.panes;
  const name = (p: PaneFrame) => (p.label === 'hierarchical' ? 'The hierarchy' : p.label === 'spontaneous' ? 'Spontaneous association' : `The hybrid (${p.label.split(':')[1]} connected)`);
  const ta = a.metrics.T50;
  const tb = b.metrics.T50;
  if (!ta.censored && !tb.censored) {
    // The saving's one estimand, 1 − T50(mode) / T50(reference), with the hierarchy as the reference
    // whenever it is on screen; for one seed the medians are the values themselves.
    const [mode, ref] = a.label === 'hierarchical' ? [b, a] : [a, b];
    const tm = mode.metrics.T50.value;
    const tr = ref.metrics.T50.value;
    const saving = tr > 0 ? 1 - tm / tr : 0;
    const single = ` (one seed; saving = 1 − T50 ${mode.label} / T50 ${ref.label} — press “Run 50 seeds” for the median over paired seeds with an interval)`;
    if (Math.abs(saving) < 0.02) return `Both closed half the gap in about the same time (${tm.toFixed(0)} h vs ${tr.toFixed(0)} h)${single}`;
    const how = saving > 0 ? `${Math.round(100 * saving)}% faster` : `${Math.round(-100 * saving)}% slower`;
    return `${name(mode)} closed half the gap ${how} than ${name(ref).replace(/^The /, 'the ')} (${tm.toFixed(0)} h vs ${tr.toFixed(0)} h)${single}`;
  }
  if (!ta.censored || !tb.censored) {
    const [done, waiting] = !ta.censored ? [a, b] : [b, a];
    return `${name(done)} has closed half the gap after ${done.metrics.T50.value.toFixed(0)} h; ${name(waiting).replace(/^The /, 'the ')} has recovered ${Math.round(100 * waiting.recovery)}% so far`;
  }
  return frame.time < 0.5 ? 'Watching the same shock hit the same ecosystem twice…' : `Responding… recovered ${Math.round(100 * a.recovery)}% (${name(a).toLowerCase()}) vs ${Math.round(100 * b.recovery)}% (${name(b).toLowerCase()})`;
}

new Lab().start().catch((err) => {
  stats.error = messageOf(err);
  const el = document.getElementById('error');
  if (el) {
    el.textContent = `The lab could not start: ${messageOf(err)}`;
    el.hidden = false;
  }
});
