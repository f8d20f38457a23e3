/**
 * Workshop glue for the presenter's screen: the guided story (StoryPlayer), its side column
 * (storyBox.ts), the room (roomPresenter.ts: QR code, who is in, the people they play), and the
 * debrief (the room's predictions against what happened, in words, and the room's record as JSON).
 * The lab is driven through handles; this file owns no engine state.
 */
import { PARAMS } from '../../sim/model/params.ts';
import { SCENARIOS } from '../../sim/model/catalog.ts';
import { resolveScenario } from '../../sim/model/scenario.ts';
import { sceneSetup } from '../../sim/model/story.ts';
import { modeTitle } from '../../sim/model/runner.ts';
import { pollOptions, savingOf } from '../../sim/model/storyPoll.ts';
import type { SceneInfo } from '../room/protocol.ts';
import { download } from './exporters.ts';
import type { Frame } from './frame.ts';
import { RoomLink, type RoomLab } from './roomPresenter.ts';
import { renderStoryBox } from './storyBox.ts';
import { loadStory, StoryPlayer, type LabHandle, type SceneOutcome, type StoryStatus } from './workshop.ts';

const $ = (id: string) => document.getElementById(id)!;

export interface PresenterLab extends LabHandle, RoomLab {
  relayout(): void;
  exportView(name: string, footer: string): void;
  /** The run's tick length (hours). */
  dt(): number;
}

export class Presenter {
  story: StoryPlayer | null = null;
  room: RoomLink | null = null;

  constructor(private readonly lab: PresenterLab, private readonly onStatus: (s: StoryStatus | null) => void, private readonly onRoom: (r: { code: string; participants: number; played: number; decisions: number; open: boolean }) => void = () => undefined) {}

  /** Reads ?story= and ?room=&key= (the key is moved out of the address bar into this tab's storage). */
  async start(query: URLSearchParams): Promise<boolean> {
    const code = query.get('room');
    if (code) {
      const key = query.get('key') ?? sessionStorage.getItem(`starling-room-${code}`) ?? '';
      sessionStorage.setItem(`starling-room-${code}`, key);
      query.delete('key');
      history.replaceState(null, '', `${location.pathname}?${query}${location.hash}`);
      this.room = new RoomLink(code, key, this.lab, () => this.showRoom());
      this.room.acceptDecisions = () => !this.story || this.story.state === 'running';
      this.room.connect();
      $('room-bar').hidden = false;
      (document.getElementById('room-qr') as HTMLImageElement).src = `/room/qr.svg?key=${encodeURIComponent(key)}`;
      void fetch(`/room/info?key=${encodeURIComponent(key)}`).then((r) => r.json()).then((info: { joinUrl: string }) => {
        $('room-url').textContent = info.joinUrl.replace(/^https?:\/\//, '');
        $('join-url').textContent = info.joinUrl;
      }).catch(() => undefined);
      $('room-code').textContent = code;
      $('join-code').textContent = code;
    }
    const name = query.get('story');
    if (!name) return false;
    this.story = new StoryPlayer(loadStory(name), this.lab, (status) => this.show(status));
    this.restore(name);
    (document.getElementById('story') as HTMLSelectElement).value = name;
    this.lab.setSpeed(10);
    const saved = Number(sessionStorage.getItem(`starling-story-${name}`) ?? 0);
    await this.story.enter(Number.isInteger(saved) ? saved : 0);
    // The first scene waits behind the join screen; a reloaded screen goes back to its scene.
    if (this.room && this.story.status.scene === 0) this.showJoin(true);
    else this.showJoin(false);
    return true;
  }

  async afterInit(): Promise<void> {
    await this.room?.afterInit();
  }

  private decidingText = '';

  private lastFrame: Frame | null = null;

  frame(frame: Frame): void {
    this.lastFrame = frame;
    this.room?.frame(frame.hands, performance.now());
  }

  /** Ticks to run now: the story's pace, waiting for (then slowed by) the room's open decisions. */
  ticksFor(last: Frame | null, speed: number, dt: number): number {
    if (!this.story) return speed;
    const open = (last?.hands ?? []).filter((h) => h.view.moment && h.view.choice === 'undecided').map((h) => `${h.pane}:${h.view.id}:${h.view.moment}:${h.view.problem?.label}`);
    const now = performance.now();
    const ticks = this.story.ticksFor(last?.time ?? 0, speed, dt, open, now);
    this.showDeciding(last, this.story.waitingFor(now));
    return ticks;
  }

  /** Who in the room has a decision open now, and how long the screen waits for them. */
  private showDeciding(last: Frame | null, waiting: number): void {
    const room = this.room;
    if (!room) return;
    const running = this.story?.state === 'running';
    const open = running ? (last?.hands ?? []).filter((h) => h.view.moment && h.view.choice === 'undecided') : [];
    const names = open.slice(0, 4).map((h) => `${room.nameOf(h.pane, h.view.id) ?? '?'} (${h.view.moment === 'forward' ? 'forward or hold?' : 'join or stay?'})`);
    const text = open.length ? `${waiting ? `Waiting ${waiting} s for` : 'Deciding now:'} ${names.join(', ')}${open.length > 4 ? ` and ${open.length - 4} more` : ''}` : '';
    if (text !== this.decidingText) {
      this.decidingText = text;
      const el = $('deciding');
      el.textContent = text;
      el.hidden = !text;
    }
  }

  private revealedAt = new Set<string>();
  /** Per scene: the room's part in the revealed run, in words. */
  private readonly roomPart = new Map<number, string>();

  /** What a reload must not lose (this tab only): the scenes revealed so far, the room's answers, its part. */
  private save(name: string): void {
    const story = this.story!;
    sessionStorage.setItem(`starling-story-${name}`, String(story.status.scene));
    sessionStorage.setItem(`starling-story-results-${name}`, JSON.stringify({
      outcomes: [...story.outcomes.values()],
      polls: this.room ? [...this.room.polls.entries()] : [],
      roomPart: [...this.roomPart.entries()],
    }));
  }

  private restore(name: string): void {
    try {
      const saved = JSON.parse(sessionStorage.getItem(`starling-story-results-${name}`) ?? 'null') as { outcomes: SceneOutcome[]; polls: Array<[number, { counts: number[]; answered: number }]>; roomPart: Array<[number, string]> } | null;
      if (!saved) return;
      for (const o of saved.outcomes) this.story!.outcomes.set(o.scene, o);
      for (const [k, v] of saved.polls) this.room?.polls.set(k, v);
      for (const [k, v] of saved.roomPart) this.roomPart.set(k, v);
    } catch {
      /* nothing saved, or from another version: start afresh */
    }
  }

  show(status: StoryStatus): void {
    this.onStatus(status);
    this.save(status.name);
    if (status.state !== 'running') this.showDeciding(null, 0);
    const story = this.story;
    const box = $('story-box');
    if (!story) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    this.render(status);
    const poll = story.poll();
    const scene: SceneInfo = { story: story.story.title, index: status.scene, count: status.scenes, title: story.scene.title, state: status.state, poll, answer: status.answer };
    this.room?.sceneChanged(scene);
    if (this.lastFrame) this.room?.frame(this.lastFrame.hands, performance.now(), true); // phones see the new run at once
    const key = `${status.scene}:${status.result?.time}`;
    if (status.result && !this.revealedAt.has(key)) {
      this.revealedAt.add(key);
      const saving = savingOf(status.result);
      const room = this.room;
      if (room) void room.revealed(status.scene, {
        time: status.result.time, left: status.result.labels[0], right: status.result.labels[1],
        T50_left: status.result.T50[0], T50_right: status.result.T50[1], saving, answer: status.answer?.option ?? null, words: status.answer?.words ?? null,
      }).then((log) => {
        this.roomPart.set(status.scene, roomPartWords(log, (pane, id) => room.nameOf(pane, id), this.lab.dt()));
        this.save(status.name);
        if (this.story?.status.scene === status.scene) this.render(this.story.status);
      });
    }
    this.lab.relayout();
  }

  private render(status: StoryStatus): void {
    const story = this.story!;
    const poll = story.poll();
    const counts = this.room?.polls.get(status.scene);
    renderStoryBox($('story-box'), {
      status,
      question: story.scene.predict ?? null,
      caption: story.caption(),
      poll: poll && this.room ? { question: poll.question, options: poll.options, counts: counts?.counts ?? null, answered: counts?.answered ?? 0 } : null,
      multiples: story.multiples(),
      roomPart: status.answer || status.result ? this.roomPart.get(status.scene) ?? null : null,
      changed: this.changes(),
    });
  }

  /**
   * The big join screen (QR code, URL, code): at the start of a room, and on J. The story waits
   * behind it (paused) and goes on when it is put away. Returns whether it was showing.
   */
  showJoin(on = $('join-overlay').hidden): boolean {
    const el = $('join-overlay');
    const was = !el.hidden;
    if (!this.room) return false;
    el.hidden = !on;
    if (on && this.story?.state === 'running') this.lab.setPlaying(false);
    if (!on && was && this.story?.state === 'running') this.lab.setPlaying(true);
    return was && !on;
  }

  /** What this scene sets, in words, with the value before it ("Formal channel …: 8 h → 24 h"). */
  private changes(): string[] {
    const story = this.story!;
    const k = story.status.scene;
    const set = Object.entries(story.scene.set ?? {});
    if (!set.length) return [];
    const base = SCENARIOS[story.story.scenario] as Record<string, unknown>;
    const before = k > 0 ? resolveScenario(sceneSetup(story.story, base, k - 1).raw) : resolveScenario(base);
    return set.map(([path, value]) => {
      const [g, key] = path.split('.');
      const decl = (PARAMS as unknown as Record<string, Record<string, { label?: string; unit?: string }>>)[g]?.[key];
      const unit = decl?.unit ? ` ${decl.unit}` : '';
      const old = (before as unknown as Record<string, Record<string, unknown>>)[g]?.[key];
      return `${decl?.label ?? path}: ${String(old)}${unit} → ${String(value)}${unit}`;
    });
  }

  private showRoom(): void {
    const r = this.room!;
    $('room-count').textContent = `${r.participants} joined`;
    this.onRoom({ code: r.code, participants: r.participants, played: r.playedCount, decisions: r.decisionsSeen, open: r.isOpen });
    $('join-count').textContent = `${r.participants} joined · ${r.playedCount} playing a person of the ecosystem`;
    if (this.story) {
      this.render(this.story.status);
      this.save(this.story.story.name);
    }
  }

  /** The room's predictions against what happened, scene by scene, in plain language. */
  debriefLines(): string[] {
    const story = this.story;
    if (!story) return [];
    const lines: string[] = [];
    story.story.scenes.forEach((scene, k) => {
      const outcome = story.outcomes.get(k);
      if (!outcome) return;
      const labels = outcome.result.labels.map((l) => modeTitle(l));
      const [ta, tb] = outcome.result.T50;
      const at = outcome.result.time.toFixed(1);
      let line = `${k + 1}. ${scene.title}: `;
      if (ta === null && tb === null) line += `at ${at} h neither side had closed half the gap yet.`;
      else if (ta === null || tb === null) {
        const [done, t, waiting] = ta !== null ? [labels[0], ta, labels[1]] : [labels[1], tb!, labels[0]];
        line += `${done} closed half the gap after ${t.toFixed(1)} h; ${waiting.toLowerCase()} had not yet at ${at} h.`;
      } else line += `half the gap closed after ${ta.toFixed(1)} h (${labels[0]}) and ${tb.toFixed(1)} h (${labels[1]}).`;
      const poll = this.room?.polls.get(k);
      if (scene.answers && poll && poll.answered > 0 && outcome.answer) {
        const options = pollOptions(scene, outcome.result.labels);
        const most = Math.max(...poll.counts);
        const tops = options.filter((_o, i) => poll.counts[i] === most);
        const truth = outcome.answer.option;
        const said = tops.length === 1 ? `The room's most common prediction was “${tops[0]}” (${most} of ${poll.answered})` : `The room was split between ${tops.map((t) => `“${t}”`).join(', ')} (${most} each, of ${poll.answered})`;
        line += ` ${said}; what happened was “${options[truth] ?? '—'}”, which ${poll.counts[truth] ?? 0} predicted.`;
      }
      lines.push(line);
    });
    return lines;
  }

  /** Debrief: the words on screen, the record of the room (if any) as JSON. */
  async debrief(): Promise<void> {
    const lines = this.debriefLines();
    const dlg = document.getElementById('debrief-dialog') as HTMLDialogElement;
    dlg.replaceChildren();
    const h = document.createElement('h2');
    h.textContent = 'Debrief';
    dlg.append(h);
    for (const l of lines.length ? lines : ['No scene has been revealed yet.']) {
      const p = document.createElement('p');
      p.textContent = l;
      dlg.append(p);
    }
    if (this.room) {
      try {
        const record = await this.room.record();
        download(`room-${this.room.code}.json`, new Blob([`${JSON.stringify(record, null, 2)}\n`], { type: 'application/json' }));
        const p = document.createElement('p');
        p.textContent = `The room's record (every prediction, decision and result) is saved as room-${this.room.code}.json.`;
        dlg.append(p);
      } catch (err) {
        this.lab.showError(`Debrief: ${(err as Error).message}`);
      }
    }
    const image = document.createElement('button');
    image.textContent = 'Save the debrief image';
    image.addEventListener('click', () => this.lab.exportView(`debrief-${this.story?.story.name ?? 'lab'}.png`, lines.join(' ')));
    dlg.append(image);
    const close = document.createElement('button');
    close.textContent = 'Close';
    close.addEventListener('click', () => dlg.close());
    dlg.append(close);
    dlg.showModal();
  }
}


/** "The room's part in this run: Aisha forwarded the report at 8.3 h; Dmitri joined at 3.1 h; 2 more." */
function roomPartWords(log: Array<{ tick: number; pane: 0 | 1; id: number; kind: string; yes?: boolean }>, nameOf: (pane: number, id: number) => string | undefined, dt: number): string {
  const decided = log.filter((d) => d.kind === 'decide');
  if (!decided.length) return 'Nobody in the room made a decision in this run: it is the model\'s.';
  const words = decided.slice(0, 3).map((d) => `${nameOf(d.pane, d.id) ?? 'someone'} ${d.pane === 0 ? (d.yes ? 'forwarded a report' : 'held a report for the batch') : d.yes ? 'joined the team' : 'stayed on the day job'} at ${(d.tick * dt).toFixed(1)} h`);
  return `The room's part in this run: ${words.join('; ')}${decided.length > 3 ? `; and ${decided.length - 3} more decisions` : ''}.`;
}
