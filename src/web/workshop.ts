/**
 * Workshop mode for trainers: presentation mode (big type, high contrast, developer controls hidden,
 * a visible clock), guided stories (scenes with captions, pauses for discussion and "predict first"
 * moments) and keyboard control. The lab is driven through a small handle; this file owns no engine.
 */
import { parseMode, type ModeSpec } from '../../sim/model/runner.ts';
import { resolveStory, sceneSetup, type Story } from '../../sim/model/story.ts';
import { STORIES } from '../../sim/model/stories.ts';
import { SCENARIOS } from '../../sim/model/catalog.ts';
import type { Frame } from './frame.ts';

export interface LabHandle {
  init(raw: Record<string, unknown>, seed: number, panes: [ModeSpec, ModeSpec]): Promise<boolean>;
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
}

const KEYS: Array<[string, string]> = [
  ['Space', 'play / pause'],
  ['→ / ←', 'next / previous scene (in a story)'],
  ['S', 'place a shock at the mouse pointer'],
  ['R', 'replay with the same seed'],
  ['1 – 9', 'load a scenario preset'],
  ['F', 'full screen'],
  ['P', 'presentation mode on / off'],
  ['?', 'this help'],
];


export class StoryPlayer {
  private index = 0;
  state: StoryState = 'paused';

  constructor(private readonly story: Story, private readonly lab: LabHandle, private readonly onChange: (s: StoryStatus) => void) {
    lab.onFrame((f) => this.check(f));
  }

  get status(): StoryStatus {
    return { name: this.story.name, scene: this.index, scenes: this.story.scenes.length, state: this.state };
  }

  async enter(k: number): Promise<void> {
    this.index = Math.max(0, Math.min(this.story.scenes.length - 1, k));
    const scene = this.story.scenes[this.index];
    const setup = sceneSetup(this.story, SCENARIOS[this.story.scenario] as Record<string, unknown>, this.index);
    this.state = scene.predict ? 'predict' : 'running';
    this.lab.setPlaying(false);
    await this.lab.init(setup.raw, this.story.seed, [parseMode(setup.panes[0], 'story pane'), parseMode(setup.panes[1], 'story pane')]);
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
      this.onChange(this.status);
    }
  }

  caption(): { title: string; caption: string; predict?: string; hint: string } {
    const s = this.story.scenes[this.index];
    const hint = this.state === 'predict' ? 'Predict first — then press → to run and reveal'
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
export function installKeys(lab: LabHandle, actions: { next(): void; previous(): void; togglePresent(): void; toggleHelp(): void; closeHelp(): void }): void {
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
export function wireWorkshopControls(lab: LabHandle, on: { next(): void; previous(): void; togglePresent(): void; debrief(): void }): void {
  const $ = (id: string) => document.getElementById(id)!;
  const help = $('help') as HTMLDialogElement;
  help.innerHTML = helpHtml();
  installKeys(lab, { next: on.next, previous: on.previous, togglePresent: on.togglePresent, toggleHelp: () => (help.open ? help.close() : help.showModal()), closeHelp: () => help.open && help.close() });
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
