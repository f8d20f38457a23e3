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
import { loadStory, StoryPlayer, type LabHandle, type StoryStatus } from './workshop.ts';

const $ = (id: string) => document.getElementById(id)!;

export interface PresenterLab extends LabHandle, RoomLab {
  relayout(): void;
  exportView(name: string, footer: string): void;
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
      this.room.connect();
      $('room-bar').hidden = false;
      (document.getElementById('room-qr') as HTMLImageElement).src = '/room/qr.svg';
      void fetch('/room/info').then((r) => r.json()).then((info: { joinUrl: string }) => {
        $('room-url').textContent = info.joinUrl.replace(/^https?:\/\//, '');
        $('join-url').textContent = info.joinUrl;
      }).catch(() => undefined);
      $('room-code').textContent = code;
      $('join-code').textContent = code;
      this.showJoin(true);
    }
    const name = query.get('story');
    if (!name) return false;
    this.story = new StoryPlayer(loadStory(name), this.lab, (status) => this.show(status));
    (document.getElementById('story') as HTMLSelectElement).value = name;
    this.lab.setSpeed(10);
    await this.story.enter(0);
    return true;
  }

  async afterInit(): Promise<void> {
    await this.room?.afterInit();
  }

  private decidingText = '';

  frame(frame: Frame): void {
    const room = this.room;
    if (!room) return;
    room.frame(frame.hands, performance.now());
    // Who in the room has a decision open now (the screen is in slow motion for them).
    const open = frame.hands.filter((h) => h.view.moment && h.view.choice === 'undecided');
    const names = open.slice(0, 4).map((h) => `${room.nameOf(h.pane, h.view.id) ?? '?'} (${h.view.moment === 'forward' ? 'forward or hold?' : 'join or stay?'})`);
    const text = open.length ? `Deciding now: ${names.join(', ')}${open.length > 4 ? ` and ${open.length - 4} more` : ''}` : '';
    if (text !== this.decidingText) {
      this.decidingText = text;
      const el = $('deciding');
      el.textContent = text;
      el.hidden = !text;
    }
  }

  /** Frames to run now: the story's pace, slowed while a player in the room has a decision open. */
  ticksFor(last: Frame | null, speed: number, dt: number): number {
    const moment = Boolean(last?.hands.some((h) => h.view.moment && h.view.choice === 'undecided'));
    return this.story ? this.story.ticksFor(last?.time ?? 0, speed, dt, moment) : speed;
  }

  private revealedAt = new Set<string>();

  show(status: StoryStatus): void {
    this.onStatus(status);
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
    const key = `${status.scene}:${status.result?.time}`;
    if (status.result && !this.revealedAt.has(key)) {
      this.revealedAt.add(key);
      const saving = savingOf(status.result);
      void this.room?.revealed(status.scene, {
        time: status.result.time, left: status.result.labels[0], right: status.result.labels[1],
        T50_left: status.result.T50[0], T50_right: status.result.T50[1], saving, answer: status.answer?.option ?? null, words: status.answer?.words ?? null,
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
      changed: this.changes(),
    });
  }

  /** The big join screen (QR code, URL, code): at the start of a room, and on J. */
  showJoin(on = $('join-overlay').hidden): void {
    if (!this.room) return;
    $('join-overlay').hidden = !on;
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
    if (this.story) this.render(this.story.status);
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
        const top = poll.counts.indexOf(Math.max(...poll.counts));
        const truth = outcome.answer.option;
        line += ` The room's most common prediction was “${options[top]}” (${poll.counts[top]} of ${poll.answered}); what happened was “${options[truth] ?? '—'}”, which ${poll.counts[truth] ?? 0} predicted.`;
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

