/**
 * The browser lab: the same ecosystem, the same shock, the same random draws — twice, side by side,
 * on one clock. The engine runs in a Web Worker (comlink), which owns the run's configuration; this
 * thread renders packed frames, keeps the charts and the words, and sends the user's changes. The
 * many-seed answer runs in a pool of background workers while the animation goes on.
 */
import { wrap, type Remote } from 'comlink';
import './style.css';
import type { SimApi, LabInfo } from './worker.ts';
import type { Frame } from './frame.ts';
import type { LabStats } from './stats.ts';
import type { TwinConfig, Change } from './twin.ts';
import { PaneRenderer } from './renderer.ts';
import { LiveCharts } from './charts.ts';
import { ParamPanel } from './panel.ts';
import { EcosystemEditor } from './ecosystemEditor.ts';
import { differences, moveHome } from './scenarioEdits.ts';
import { decodeShare, encodeShare } from './share.ts';
import { composePng, download } from './exporters.ts';
import { mountTexts } from './texts.ts';
import { FrameWords, question } from './headline.ts';
import { computeLayout, type Layout } from './layout.ts';
import { SeedsPanel } from './seedsPanel.ts';
import { wireFileActions } from './fileActions.ts';
import { wireMapInput } from './mapInput.ts';
import { messageOf } from './messages.ts';
import { wireWorkshopControls, type StoryStatus } from './workshop.ts';
import { Presenter, type PresenterLab } from './presenter.ts';
import type { CastEntry } from '../room/protocol.ts';
import type { HandChange, HandDecision } from './twin.ts';
import { DEFAULT_SCENARIO_NAME, SCENARIOS } from '../../sim/model/catalog.ts';
import { SHOCK_KINDS, type ShockKind } from '../../sim/model/params.ts';
import { resolveScenario, type Scenario } from '../../sim/model/scenario.ts';
import { modeTitle, parseMode, printMode, type ModeSpec } from '../../sim/model/runner.ts';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const stats: LabStats = { ready: false, renderer: '', pairPass: '', searchThreads: 0, frames: 0, time: 0, mainMs: [], workerMsPerTick: [], error: null, last: [], seeds: '', seedsProgress: [], story: null, present: false, scenario: null, layout: null, room: null };
(globalThis as unknown as { __starling: unknown }).__starling = { stats, control: {} as Record<string, unknown> };

const DEFAULT_CONFIG = (): TwinConfig => ({ raw: SCENARIOS[DEFAULT_SCENARIO_NAME] as Record<string, unknown>, seed: 1, panes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] });
const PANE_MODES = ['hierarchical', 'spontaneous', 'hybrid'];
const paneName = (key: string) => (key === 'hybrid' ? 'Hybrid (some people connected)' : modeTitle(key));

class Lab implements PresenterLab {
  private worker!: Worker;
  private api!: Remote<SimApi>;
  private renderers: [PaneRenderer, PaneRenderer] = [new PaneRenderer(), new PaneRenderer()];
  private charts = new LiveCharts($('charts'));
  private panel = new ParamPanel((path, value) => void this.change({ kind: 'set', path, value }));
  private editor!: EcosystemEditor;
  private seeds!: SeedsPanel;
  private words = new FrameWords($('announce'));
  private info!: LabInfo;
  private isPlaying = true;
  private busy = false;
  private lastFrame: Frame | null = null;
  private lastRaf = performance.now();
  private generation = 0;
  private frameListeners: Array<(f: Frame) => void> = [];
  private pointer: { pane: number; x: number; y: number } | null = null;
  private presenter = new Presenter(this, (status) => (stats.story = status), (room) => (stats.room = room));
  private layout: Layout | null = null;

  async start(): Promise<void> {
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.layout = computeLayout(false);
    await Promise.all(this.renderers.map(async (r, k) => {
      await r.init($(k === 0 ? 'pane-left' : 'pane-right'), this.layout!.size, this.layout!.size);
      r.reducedMotion = reduced;
    }));
    stats.renderer = this.renderers[0].rendererName;
    this.panel.mountAll($('gui'));
    this.panel.mountKeys($('quick-controls'));
    this.editor = new EcosystemEditor(this.panel.sections.get('ecosystem')!, this.panel.sections.get('shock')!, (edit) => {
      try {
        return this.setScenario(edit(this.info.config.raw, this.info.scenario));
      } catch (err) {
        return Promise.resolve(messageOf(err)); // the edit itself refused (e.g. removing the shocked firm)
      }
    });
    this.seeds = new SeedsPanel(stats, () => this.info, () => this.words.headline);
    this.wireControls();
    this.spawnWorker();
    let config = DEFAULT_CONFIG();
    try {
      config = decodeShare(location.hash) ?? config;
    } catch (err) {
      this.showError(`${(err as Error).message}. Showing the default scenario instead.`);
    }
    const query = new URLSearchParams(location.search);
    if (query.has('present')) this.togglePresent(true);
    let storied = false;
    try {
      storied = await this.presenter.start(query);
    } catch (err) {
      this.presenter.story = null;
      this.showError(messageOf(err));
    }
    if (!storied && !(await this.initConfig(config))) await this.initConfig(DEFAULT_CONFIG(), true);
    let pending = 0;
    const relayout = () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => this.relayout());
    };
    addEventListener('resize', relayout);
    matchMedia(`(resolution: ${devicePixelRatio}dppx)`).addEventListener?.('change', relayout);
    this.relayout();
    stats.ready = true;
    requestAnimationFrame(this.loop);
  }

  relayout(): void {
    if (!this.layout) return; // not started yet
    const next = computeLayout(document.body.classList.contains('present'));

    if (!this.layout || next.size !== this.layout.size || this.renderers[0].app.renderer.resolution !== Math.min(2, devicePixelRatio || 1)) {
      this.renderers.forEach((r) => r.resize(next.size, next.size));
      if (this.lastFrame) this.redrawLast();
    }
    this.layout = next;
    stats.layout = { ...next, dpr: devicePixelRatio, labelPx: this.renderers[0].labelPx };
    this.charts.resize();
  }

  private spawnWorker(): void {
    this.worker?.terminate();
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    this.worker.addEventListener('error', (e) => this.fail(`The simulation stopped: ${e.message || 'the worker crashed (out of memory?)'}. Press Reset to restart it with the same scenario.`));
    this.api = wrap<SimApi>(this.worker);
    // ?threads=N: at most N threads for the worker's ring search (1: none of its helpers).
    const threads = Number(new URLSearchParams(location.search).get('threads'));
    if (threads >= 1) void this.api.limitThreads(Math.floor(threads));
  }

  /** (Re)start the twin with a configuration; on a bad scenario, show why and keep what is running. */
  private async initConfig(config: TwinConfig, quiet = false): Promise<boolean> {
    try {
      this.afterInfo(await this.api.init(config));
      await this.presenter.afterInit();
      return true;
    } catch (err) {
      if (!quiet) this.showError(messageOf(err));
      return false;
    }
  }

  private afterInfo(info: LabInfo, keepCharts = false): void {
    this.info = info;
    stats.pairPass = info.pairPass;
    stats.searchThreads = info.searchThreads;
    const titles: [string, string] = [modeTitle(info.labels[0]), modeTitle(info.labels[1])];
    this.renderers.forEach((r, k) => r.setup(info.scenario, info.shocks, info.firm, info.spanner, titles[k]));
    if (!keepCharts) {
      this.charts.reset(info.labels, titles);
      this.lastFrame = null;
      this.generation++;
      this.words.reset();
      this.seeds.invalidate();
      this.setPlayLabel();
    }
    $('question').textContent = question(info.scenario, info.labels);
    $('description').textContent = `${info.scenario.title}. ${info.scenario.description}`;
    $<HTMLInputElement>('seed').value = String(info.config.seed);
    $<HTMLSelectElement>('preset').value = info.scenario.name in SCENARIOS ? info.scenario.name : '';
    (['mode-left', 'mode-right'] as const).forEach((id, k) => setModeSelect($<HTMLSelectElement>(id), info.config.panes[k]));
    $('show-left').textContent = titles[0];
    $('show-right').textContent = titles[1];
    const firmSel = $<HTMLSelectElement>('shock-firm');
    firmSel.replaceChildren(...info.scenario.firms.filter((f) => f.role !== 'customer').map((f) => new Option(f.name, String(f.index))));
    this.panel.update(info.scenario);
    this.editor.render(info.scenario);
    this.showDifferences(info.scenario);
    stats.scenario = { firms: info.scenario.firms.map((f) => f.name), homes: info.scenario.firms.map((f) => f.home), trust: info.scenario.trust, shocks: info.scenario.shocks.map((s) => ({ kind: s.kind, owner: s.owner, gap: s.gap })), params: Object.fromEntries(this.panel.paths().map((p) => [p, valueAt(info.scenario, p)])) };
    history.replaceState(null, '', `#${encodeShare(info.config)}`);
  }

  private showDifferences(s: Scenario): void {
    const host = $('changed');
    const preset = SCENARIOS[s.name];
    if (!preset) return void (host.textContent = 'A loaded scenario (no preset to compare with).');
    const diff = differences(s, resolveScenario(preset));
    host.innerHTML = diff.length ? `<strong>Changed from the preset “${esc(String((preset as { title: string }).title))}”:</strong><ul>${diff.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>` : 'The preset as shipped (nothing changed).';
  }

  /** Send a change to the worker; invalid input is reported beside its control and the run kept. */
  async change(change: Change): Promise<string | null> {
    try {
      const info = await this.api.change(change);
      this.clearError();
      this.afterInfo(info, change.kind === 'shock');
      return null;
    } catch (err) {
      const message = messageOf(err);
      this.showError(message);
      if (change.kind === 'set') {
        this.panel.update(this.info.scenario);
        this.panel.fieldError(change.path, message.replace(/^scenario: /, ''));
      }
      return message;
    }
  }

  setScenario(raw: Record<string, unknown>): Promise<string | null> {
    return this.change({ kind: 'scenario', raw });
  }

  private loop = async (now: number): Promise<void> => {
    requestAnimationFrame(this.loop);
    const dt = now - this.lastRaf;
    this.lastRaf = now;
    if (this.busy || stats.error) return;
    if (this.isPlaying && !this.lastFrame?.done) {
      this.busy = true;
      const gen = this.generation;
      try {
        const speed = Number($<HTMLSelectElement>('speed').value);
        const frame = await this.api.advance(this.presenter.ticksFor(this.lastFrame, speed, this.info.scenario.run.dt));
        if (gen === this.generation) this.present(frame, dt);
      } catch (err) {
        this.fail(messageOf(err));
      } finally {
        this.busy = false;
      }
    } else if (this.lastFrame) this.redrawLast(dt);
  };

  private redrawLast(dt = 16): void {
    const t0 = performance.now();
    this.renderers.forEach((r, k) => {
      r.draw({ ...this.lastFrame!.panes[k], events: [] }, dt);
      r.render();
    });
    record(stats.mainMs, performance.now() - t0);
  }

  /** Draw a frame from the worker: all main-thread work per frame happens here (measured). */
  present(frame: Frame, dt: number, fresh = false): void {
    const t0 = performance.now();
    this.lastFrame = frame;
    frame.panes.forEach((p, k) => {
      this.renderers[k].draw(p, dt);
      this.renderers[k].render();
      this.charts.setT50(k as 0 | 1, p.metrics.T50.censored ? null : p.metrics.T50.value);
    });
    this.charts.push(frame.time, frame.panes[0], frame.panes[1]);
    if (stats.frames % 6 === 0 || frame.done) this.charts.redraw();
    const headline = this.words.frame(frame, stats.frames, t0, fresh);
    this.presenter.frame(frame);
    if (headline !== null) this.seeds.showLive(headline, frame.done ? frame.time : null);
    if (frame.done) this.setPlaying(false);
    stats.frames++;
    stats.time = frame.time;
    stats.last = frame.panes.map((p) => ({ label: p.label, T50: p.metrics.T50.value, T50censored: p.metrics.T50.censored, messages: p.messages, engaged: p.engaged }));
    record(stats.workerMsPerTick, frame.workerMsPerTick);
    record(stats.mainMs, performance.now() - t0);
    for (const l of this.frameListeners) l(frame);
  }

  private wireControls(): void {
    const preset = $<HTMLSelectElement>('preset');
    for (const name of Object.keys(SCENARIOS)) preset.add(new Option((SCENARIOS[name] as { title: string }).title, name));
    preset.addEventListener('change', () => void this.preset(preset.value));
    for (const id of ['mode-left', 'mode-right']) {
      const sel = $<HTMLSelectElement>(id);
      for (const m of PANE_MODES) sel.add(new Option(paneName(m), m));
      sel.addEventListener('change', () => {
        const panes = [parseMode($<HTMLSelectElement>('mode-left').value), parseMode($<HTMLSelectElement>('mode-right').value)] as [ModeSpec, ModeSpec];
        void this.change({ kind: 'panes', panes });
      });
    }
    const kinds = $<HTMLSelectElement>('shock-kind');
    for (const k of SHOCK_KINDS) kinds.add(new Option(k.replace('-', ' '), k));
    $('play').addEventListener('click', () => (this.lastFrame?.done ? void this.replay() : this.setPlaying(!this.isPlaying)));
    $('step').addEventListener('click', async () => {
      this.setPlaying(false);
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
    $('seed').addEventListener('change', () => {
      const text = $<HTMLInputElement>('seed').value.trim();
      const seed = Number(text);
      const err = $('seed-error');
      if (!/^\d+$/.test(text) || seed >= 2 ** 31) {
        err.textContent = `“${text}” is not a seed: type a whole number from 0 to 2147483647; the run is unchanged.`;
        err.hidden = false;
        return;
      }
      err.hidden = true;
      void this.change({ kind: 'seed', seed });
    });
    $('reset').addEventListener('click', () => void this.reset());
    $('seeds50').addEventListener('click', () => void this.runSeeds(50));
    $('share').addEventListener('click', async () => {
      const url = `${location.origin}${location.pathname}#${encodeShare(this.info.config)}`;
      try {
        await navigator.clipboard.writeText(url);
        $('notice').textContent = 'Share link copied: it reproduces this exact run (scenario, seed and panes).';
      } catch {
        prompt('Copy this link', url);
      }
    });
    $('shock-place').addEventListener('click', () => {
      const owner = Number($<HTMLSelectElement>('shock-firm').value);
      const f = this.info.scenario.firms[owner];
      void this.change({ kind: 'shock', shockKind: kinds.value as ShockKind, x: f.home[0], y: f.home[1], owner });
    });
    mountTexts();
    $('show-left').addEventListener('click', () => this.showPane(false));
    $('show-right').addEventListener('click', () => this.showPane(true));
    wireFileActions({
      api: () => this.api,
      info: () => this.info,
      load: (raw) => this.initConfig({ ...this.info.config, raw }),
      restored: async (info) => {
        this.afterInfo(info);
        this.present(await this.api.advance(0), 16);
      },
      showError: (m) => this.showError(m),
      clearError: () => this.clearError(),
      exportView: (name, footer) => this.exportView(name, footer),
      time: () => stats.time,
    });
    wireMapInput(this.renderers, {
      shock: (x, y) => void this.change({ kind: 'shock', shockKind: kinds.value as ShockKind, x, y }),
      moveHome: (firm, x, y) => void this.setScenario(moveHome(this.info.config.raw, this.info.scenario, firm, x, y)),
      pointer: (pane, x, y) => (this.pointer = { pane, x, y }),
    });
    wireWorkshopControls(this, {
      next: () => {
        if (this.presenter.showJoin(false)) return; // → on the join screen only puts it away
        void this.presenter.story?.next();
      },
      toggleJoin: () => this.presenter.showJoin(),
      previous: () => void this.presenter.story?.previous(),
      togglePresent: () => this.togglePresent(),
      debrief: () => void this.debrief(),
    });
    Object.assign((globalThis as unknown as { __starling: { control: Record<string, unknown> } }).__starling.control, {
      crash: () => (this.api.crash() as unknown as Promise<void>).catch((err: unknown) => this.fail(messageOf(err))),
      set: (path: string, value: unknown) => this.change({ kind: 'set', path, value }),
      play: (on: boolean) => this.setPlaying(on),
    });
  }

  exportView(name: string, footer: string): void {
    const canvas = composePng({
      headline: $('headline').textContent || this.words.headline,
      panes: this.renderers.map((r, k) => ({ title: modeTitle(this.info.labels[k]), canvas: r.app.canvas })),
      firms: this.info.scenario.firms.map((f) => f.name),
      charts: this.charts.exports(),
      footer,
    });
    canvas.toBlob((b) => b && download(name, b), 'image/png');
  }

  private showPane(right: boolean): void {
    document.body.classList.toggle('show-right', right);
    $('show-left').setAttribute('aria-pressed', String(!right));
    $('show-right').setAttribute('aria-pressed', String(right));
  }

  // --- LabHandle (workshop mode drives the lab through these) -----------------------------------

  init(raw: Record<string, unknown>, seed: number, panes: [ModeSpec, ModeSpec]): Promise<boolean> {
    return this.initConfig({ raw, seed, panes });
  }
  dt(): number {
    return this.info.scenario.run.dt;
  }
  async freshFrame(): Promise<Frame> {
    const frame = await this.api.advance(0);
    this.present(frame, 16, true);
    return frame;
  }
  async cast(): Promise<CastEntry[]> {
    const titles = this.info.labels.map((l) => modeTitle(l));
    return (await this.api.cast()).map((m) => ({ ...m, paneTitle: titles[m.pane] }));
  }
  hands(changes: HandChange[]): Promise<void> {
    return this.api.hands(changes);
  }
  decisions(): Promise<HandDecision[]> {
    return this.api.decisions();
  }
  highlight(played: [number[], number[]]): void {
    this.renderers.forEach((r, k) => r.setHighlights(played[k]));
  }
  playing(): boolean {
    return this.isPlaying;
  }
  setPlaying(on: boolean): void {
    this.isPlaying = on;
    this.setPlayLabel();
  }
  private setPlayLabel(): void {
    const play = $('play');
    const done = Boolean(this.lastFrame?.done);
    play.textContent = done ? 'Replay' : this.isPlaying ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(this.isPlaying && !done));
  }
  async replay(): Promise<void> {
    this.clearError();
    this.afterInfo(await this.api.restart());
    this.setPlaying(true);
  }
  async preset(name: string): Promise<void> {
    const raw = SCENARIOS[name] as Record<string, unknown>;
    await this.initConfig({ ...this.info.config, raw, seed: (raw as { seed?: number }).seed ?? 1 });
  }
  placeShockAtPointer(): void {
    if (!this.pointer) return this.showError('Point at a map with the mouse first, then press S to place a shock there (or use “Place a shock now”)');
    void this.change({ kind: 'shock', shockKind: $<HTMLSelectElement>('shock-kind').value as ShockKind, x: this.pointer.x, y: this.pointer.y });
  }
  onFrame(listener: (frame: Frame) => void): void {
    this.frameListeners.push(listener);
  }
  setSpeed(ticksPerFrame: number): void {
    $<HTMLSelectElement>('speed').value = String(ticksPerFrame);
  }

  togglePresent(on = !document.body.classList.contains('present')): void {
    document.body.classList.toggle('present', on);
    stats.present = on;
    this.renderers.forEach((r) => {
      r.bigLabels = on;
      if (this.layout) r.resize(this.layout.size, this.layout.size);
    });
    if (this.info) this.relayout();
  }

  private async debrief(): Promise<void> {
    if (this.presenter.story) return this.presenter.debrief();
    const preset = SCENARIOS[this.info.scenario.name];
    const diff = preset ? differences(this.info.scenario, resolveScenario(preset)) : ['a loaded scenario'];
    const link = `${location.origin}${location.pathname}#${encodeShare(this.info.config)}`;
    this.exportView(`debrief-${this.info.scenario.name}-seed${this.info.config.seed}.png`, `${this.info.scenario.title} · seed ${this.info.config.seed} · t = ${stats.time.toFixed(1)} h · changed: ${diff.length ? diff.join('; ') : 'nothing'}`);
    void navigator.clipboard?.writeText(link).catch(() => undefined);
    $('notice').textContent = 'Debrief image saved; the share link for this exact run is copied to the clipboard.';
  }

  async reset(): Promise<void> {
    this.clearError();
    const config = this.info?.config ?? DEFAULT_CONFIG();
    this.spawnWorker();
    if (this.presenter.story) await this.presenter.story.enter(stats.story?.scene ?? 0);
    else await this.initConfig(config);
  }

  async runSeeds(n: number): Promise<void> {
    try {
      await this.seeds.run(n);
    } catch (err) {
      if (messageOf(err) !== 'cancelled') this.showError(messageOf(err));
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

function setModeSelect(sel: HTMLSelectElement, spec: ModeSpec): void {
  const key = printMode(spec);
  if (![...sel.options].some((o) => o.value === key)) sel.add(new Option(modeTitle(key), key));
  sel.value = key;
}

function valueAt(s: Scenario, path: string): unknown {
  const [g, k] = path.split('.');
  return (s[g as keyof Scenario] as unknown as Record<string, unknown>)[k];
}

function record(list: number[], v: number): void {
  list.push(v);
  if (list.length > 600) list.splice(0, list.length - 600);
}


const esc = (t: string) => t.replace(/[&<>"]/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' } as Record<string, string>)[c]};`);

new Lab().start().catch((err) => {
  stats.error = messageOf(err);
  const el = document.getElementById('error');
  if (el) {
    el.textContent = `The lab could not start: ${messageOf(err)}`;
    el.hidden = false;
  }
});
