/**
 * Workshop mode for trainers: presentation mode (big type, high contrast, developer controls hidden,
 * a visible clock), guided stories (scenes with captions, pauses for discussion and "predict first"
 * moments) and keyboard control. The lab is driven through a small handle; this file owns no engine.
 */
import { parseMode, type ModeSpec } from '../../sim/model/runner.ts';
import { resolveStory, sceneSetup, type Scene, type Story } from '../../sim/model/story.ts';
import { STORIES } from '../../sim/model/stories.ts';
import { SCENARIOS } from '../../sim/model/catalog.ts';
import type { Frame } from './frame.ts';
import { pollAnswer, pollOptions, type SceneResult } from '../../sim/model/storyPoll.ts';

export interface LabHandle {
  init(raw: Record<string, unknown>, seed: number, panes: [ModeSpec, ModeSpec]): Promise<boolean>;
  /** The engine's own frame now (metrics at this tick, never a drawn one), drawn and returned. */
  freshFrame(): Promise<Frame>;
  setPlaying(on: boolean): void;
  playing(): boolean;
  replay(): Promise<void>;
  preset(name: string): Promise<void>;
  placeShockAtPointer(): void;
  onFrame(listener: (frame: Frame) => void): void;
  setSpeed(ticksPerFrame: number): void;
  showError(message: string): void;
}

export type StoryState = 'predict' | 'running' | 'paused' | 'finished';
export interface StoryStatus {
  name: string;
  scene: number;
  scenes: number;
  state: StoryState;
  /** After the reveal: the result read from the engine at the scene's end, and the poll's answer. */
  result: SceneResult | null;
  answer: { option: number; words: string } | null;
}

/** A scene's result for the small multiples: the scene's title and what the engine said at its end. */
export interface SceneOutcome {
  scene: number;
  title: string;
  result: SceneResult;
  answer: { option: number; words: string } | null;
}

/** Slow motion plays one tick every SLOW_FRAMES frames (about 2 simulated hours a second at 60 fps). */
const SLOW_FRAMES = 3;
/** The screen waits up to WAIT_MS for the room when a decision opens, at most WAIT_SCENE_MS per scene. */
const WAIT_MS = 8000;
const WAIT_SCENE_MS = 30_000;

const KEYS: Array<[string, string]> = [
  ['Space', 'play / pause'],
  ['→ / ←', 'next / previous scene (in a story)'],
  ['S', 'place a shock at the mouse pointer'],
  ['R', 'replay with the same seed'],
  ['1 – 9', 'load a scenario preset'],
  ['F', 'full screen'],
  ['P', 'presentation mode on / off'],
  ['J', 'the room\'s join screen (QR code) on / off'],
  ['?', 'this help'],
];


export class StoryPlayer {
  private index = 0;
  state: StoryState = 'paused';
  /** Each scene's result as revealed in this session (with the room's decisions in it). */
  readonly outcomes = new Map<number, SceneOutcome>();
  private answer: { option: number; words: string } | null = null;
  private slowCarry = 0;
  private seen = new Set<string>();
  private waitUntil = 0;
  private waitedMs = 0;
  private lastNow = 0;
  private labels: [string, string] = ['hierarchical', 'spontaneous'];

  constructor(readonly story: Story, private readonly lab: LabHandle, private readonly onChange: (s: StoryStatus) => void) {
    lab.onFrame((f) => this.check(f));
  }

  get status(): StoryStatus {
    return { name: this.story.name, scene: this.index, scenes: this.story.scenes.length, state: this.state, result: this.outcomes.get(this.index)?.result ?? null, answer: this.answer };
  }

  get scene(): Scene {
    return this.story.scenes[this.index];
  }

  /** The poll a room answers on phones for this scene (null: no question, or free discussion). */
  poll(): { scene: number; question: string; options: string[] } | null {
    const s = this.scene;
    return s.predict && s.answers ? { scene: this.index, question: s.predict, options: pollOptions(s, this.labels) } : null;
  }

  /**
   * Ticks to run this frame: the chosen speed; one tick every few frames inside the scene's
   * slow-motion window; and when someone in the room faces a new decision (`open`: keys of the open
   * decisions), the screen waits for the room — frozen up to WAIT_MS of real time or until they have
   * answered (at most WAIT_SCENE_MS a scene, so a room that does not answer cannot stall the story),
   * then slow while decisions stay open. Never past a scene that runs to a fixed time.
   */
  ticksFor(time: number, speed: number, dt: number, open: string[] = [], now = 0): number {
    if (this.state !== 'running') return speed;
    const s = this.scene;
    let fresh = false;
    for (const key of open) {
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      fresh = true;
    }
    if (fresh && this.waitedMs < WAIT_SCENE_MS) this.waitUntil = now + WAIT_MS;
    if (!open.length) this.waitUntil = 0;
    if (open.length && now < this.waitUntil) {
      this.waitedMs += Math.max(0, now - this.lastNow);
      this.lastNow = now;
      return 0;
    }
    this.lastNow = now;
    let ticks = speed;
    if (open.length || (s.slow && time >= s.slow[0] - 1e-9 && time < s.slow[1] - 1e-9)) {
      this.slowCarry += 1 / SLOW_FRAMES;
      ticks = Math.floor(this.slowCarry);
      this.slowCarry -= ticks;
    }
    if (typeof s.runUntil === 'number') ticks = Math.max(0, Math.min(ticks, Math.round((s.runUntil - time) / dt)));
    return ticks;
  }

  /** Seconds the screen still waits for the room's open decisions (0: not waiting). */
  waitingFor(now: number): number {
    return this.state === 'running' && now < this.waitUntil ? Math.ceil((this.waitUntil - now) / 1000) : 0;
  }

  async enter(k: number): Promise<void> {
    this.index = Math.max(0, Math.min(this.story.scenes.length - 1, k));
    const scene = this.story.scenes[this.index];
    const setup = sceneSetup(this.story, SCENARIOS[this.story.scenario] as Record<string, unknown>, this.index);
    this.state = scene.predict ? 'predict' : 'running';
    this.answer = null;
    this.seen.clear();
    this.waitUntil = 0;
    this.waitedMs = 0;
    this.outcomes.delete(this.index);
    this.labels = setup.panes;
    this.lab.setPlaying(false);
    await this.lab.init(setup.raw, this.story.seed, [parseMode(setup.panes[0], 'story pane'), parseMode(setup.panes[1], 'story pane')]);
    await this.lab.freshFrame(); // the people in place before anything runs (and during "predict first")
    if (this.state === 'running') this.lab.setPlaying(true);
    this.onChange(this.status);
  }

  /** → : reveal after a prediction, move on after a pause, or skip a running scene's wait. */
  async next(): Promise<void> {
    if (this.state === 'predict') {
      this.state = 'running';
      this.lab.setPlaying(true);
      this.onChange(this.status);
    } else if (this.index + 1 < this.story.scenes.length) await this.enter(this.index + 1);
    else if (this.state !== 'finished') {
      this.state = 'finished';
      this.lab.setPlaying(false);
      this.onChange(this.status);
    }
  }

  async previous(): Promise<void> {
    await this.enter(this.index - 1);
  }

  private check(frame: Frame): void {
    if (this.state !== 'running') return;
    const until = this.story.scenes[this.index].runUntil;
    const reached = typeof until === 'number'
      ? frame.time >= until - 1e-9
      : frame.panes.every((p) => !p.metrics[until].censored) || frame.done;
    if (reached) {
      this.state = 'paused';
      this.lab.setPlaying(false);
      void this.reveal();
    }
  }

  /** The reveal reads the engine at the scene's end (a fresh frame, not the last one drawn). */
  private async reveal(): Promise<void> {
    const k = this.index;
    const frame = await this.lab.freshFrame();
    if (k !== this.index) return; // the trainer moved on meanwhile
    const result: SceneResult = {
      time: frame.time,
      labels: [frame.panes[0].label, frame.panes[1].label],
      T50: [0, 1].map((i) => (frame.panes[i].metrics.T50.censored ? null : frame.panes[i].metrics.T50.value)) as [number | null, number | null],
    };
    const scene = this.scene;
    const earlier = scene.compare !== undefined ? this.outcomes.get(scene.compare)?.result ?? null : null;
    this.answer = scene.predict ? pollAnswer(scene, result, earlier) : null;
    if (this.answer && scene.compare !== undefined && !earlier) this.answer.words += ` (Scene ${scene.compare + 1} was not played to its end in this session, so there is nothing to compare with.)`;
    this.outcomes.set(k, { scene: k, title: scene.title, result, answer: this.answer });
    this.onChange(this.status);
  }

  /** The small multiples the reveal shows: the compared scene (if played in this session), then this one. */
  multiples(): SceneOutcome[] {
    const here = this.outcomes.get(this.index);
    if (!here || this.scene.compare === undefined) return [];
    const there = this.outcomes.get(this.scene.compare);
    return there ? [there, here] : [here];
  }

  caption(): { title: string; caption: string; predict?: string; hint: string } {
    const s = this.story.scenes[this.index];
    const hint = this.state === 'predict' ? 'Predict first — then press → to run and reveal'
      : this.state === 'paused' && !this.outcomes.has(this.index) ? 'Reading the result…'
      : this.state === 'running' ? 'Running…'
      : this.state === 'finished' ? 'End of the story — press R to replay, ← to go back'
      : this.index + 1 < this.story.scenes.length ? 'Discuss — then press → for the next scene' : 'Discuss — press → to finish';
    return { title: `${this.index + 1}/${this.story.scenes.length} · ${s.title}`, caption: s.caption, predict: this.state === 'predict' ? s.predict : undefined, hint };
  }
}

export function loadStory(name: string): Story {
  const raw = STORIES[name];
  if (!raw) throw new Error(`no story "${name}" (have ${Object.keys(STORIES).join(', ')})`);
  return resolveStory(raw, SCENARIOS, `story ${name}`);
}

export function helpHtml(): string {
  return `<h2>Keyboard</h2><dl>${KEYS.map(([k, v]) => `<dt><kbd>${k}</kbd></dt><dd>${v}</dd>`).join('')}</dl><p>Press <kbd>?</kbd> or Escape to close.</p>`;
}

/** Global keys. Keys typed into inputs and selects are left alone. */
export function installKeys(lab: LabHandle, actions: { next(): void; previous(): void; togglePresent(): void; toggleHelp(): void; closeHelp(): void; toggleJoin(): void }): void {
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if ((e.key === ' ' || e.key === 'Enter') && t instanceof HTMLButtonElement) return; // the button acts
    const presets = Object.keys(SCENARIOS);
    let handled = true;
    if (e.key === ' ') lab.setPlaying(!lab.playing());
    else if (e.key === 'ArrowRight') actions.next();
    else if (e.key === 'ArrowLeft') actions.previous();
    else if (e.key === 's' || e.key === 'S') lab.placeShockAtPointer();
    else if (e.key === 'r' || e.key === 'R') void lab.replay();
    else if (e.key === 'f' || e.key === 'F') {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen().catch(() => lab.showError('Full screen is not allowed here (the browser refused)'));
    } else if (e.key === 'p' || e.key === 'P') actions.togglePresent();
    else if (e.key === 'j' || e.key === 'J') actions.toggleJoin();
    else if (e.key === '?') actions.toggleHelp();
    else if (e.key === 'Escape') {
      actions.closeHelp();
      handled = false; // let the browser close any other open dialog (About) too
    }
    else if (/^[1-9]$/.test(e.key) && Number(e.key) <= presets.length) void lab.preset(presets[Number(e.key) - 1]);
    else handled = false;
    if (handled) e.preventDefault();
  });
}

/** The trainer's controls: keys, the help dialog, presentation, debrief and the story menu. */
export function wireWorkshopControls(lab: LabHandle, on: { next(): void; previous(): void; togglePresent(): void; debrief(): void; toggleJoin(): void }): void {
  const $ = (id: string) => document.getElementById(id)!;
  const help = $('help') as HTMLDialogElement;
  help.innerHTML = helpHtml();
  installKeys(lab, { next: on.next, previous: on.previous, togglePresent: on.togglePresent, toggleJoin: on.toggleJoin, toggleHelp: () => (help.open ? help.close() : help.showModal()), closeHelp: () => help.open && help.close() });
  $('help-open').addEventListener('click', () => help.showModal());
  $('present').addEventListener('click', on.togglePresent);
  $('debrief').addEventListener('click', on.debrief);
  const storySel = $('story') as HTMLSelectElement;
  storySel.add(new Option('— none —', ''));
  for (const name of Object.keys(STORIES)) storySel.add(new Option((STORIES[name] as { title: string }).title, name));
  storySel.addEventListener('change', () => {
    const q = new URLSearchParams(location.search);
    if (storySel.value) q.set('story', storySel.value);
    else q.delete('story');
    location.search = q.toString();
  });
}
