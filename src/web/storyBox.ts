/**
 * The story's side column in presentation mode: the scene's title and caption, the "predict first"
 * question with the room's answers as a live histogram, the reveal (what happened, read from the
 * engine at the scene's end, with the room's answers against it), the small multiples comparing
 * this scene with an earlier one, and the settings the scene changed. Pure DOM from plain data.
 */
import { modeTitle } from '../../sim/model/runner.ts';
import type { SceneOutcome, StoryStatus } from './workshop.ts';

export interface PollView {
  question: string;
  options: string[];
  counts: number[] | null;
  answered: number;
}

export interface StoryBoxData {
  status: StoryStatus;
  /** The scene's "predict first" question (shown while predicting and at the reveal). */
  question: string | null;
  caption: { title: string; caption: string; predict?: string; hint: string };
  poll: PollView | null;
  multiples: SceneOutcome[];
  /** The room's decisions in the revealed run, in words (null: no room, or not revealed). */
  roomPart: string | null;
  /** "Formal channel batch period: 4 h → 24 h" for what this scene set. */
  changed: string[];
}

const el = (tag: string, cls: string, text?: string) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

export function renderStoryBox(box: HTMLElement, d: StoryBoxData): void {
  box.replaceChildren();
  box.classList.remove('compact', 'compact-reveal');
  box.append(el('h2', '', d.caption.title), el('p', 'caption', d.caption.caption));
  if (d.changed.length) {
    const ul = el('ul', 'scene-changes');
    for (const c of d.changed) ul.append(el('li', '', c));
    box.append(el('p', 'scene-changes-title', 'This scene changes'), ul);
  }
  const question = d.poll?.question ?? d.question;
  if (question && (d.status.state === 'predict' || d.status.answer)) box.append(el('p', 'predict', `Predict first: ${question}`));
  if (d.poll) box.append(histogram(d.poll, d.status));
  if (d.multiples.length) box.append(multiples(d.multiples));
  if (d.status.answer) box.append(el('p', 'reveal', `What happened: ${d.status.answer.words}`));
  if (d.poll?.counts && d.status.answer && d.status.answer.option >= 0) {
    const right = d.poll.counts[d.status.answer.option] ?? 0;
    const most = Math.max(...d.poll.counts);
    const tops = d.poll.options.filter((_o, k) => d.poll!.counts![k] === most);
    const said = most > 0 && tops.length === 1 ? ` Most said “${tops[0]}”.` : '';
    box.append(el('p', 'room-score', `${right} of ${d.poll.answered} in the room predicted that.${said}`));
  }
  if (d.roomPart) box.append(el('p', 'room-part', d.roomPart));
  box.append(el('p', 'story-hint', d.caption.hint));
  // A narrow projector cannot hold the caption beside the room's answers: then the caption (which the
  // trainer reads aloud, and P shows again) steps aside for the question, the answers and the result.
  // Scenes without a poll keep their caption. If it still does not fit, keep the newest part in view.
  const column = box.parentElement;
  const overflows = () => column !== null && column.scrollHeight > column.clientHeight + 1;
  if (d.poll && overflows()) box.classList.add('compact');
  // Still too tall at the reveal: the score line stands in for the histogram (the phones show theirs).
  if (d.poll && d.status.answer && overflows()) box.classList.add('compact-reveal');
  const focus = box.querySelector('.room-score') ?? box.querySelector('.reveal') ?? box.querySelector('.poll');
  if (focus && overflows()) focus.scrollIntoView({ block: 'nearest' });
}

function histogram(poll: PollView, status: StoryStatus): HTMLElement {
  const wrap = el('div', 'poll');
  wrap.setAttribute('role', 'img');
  const counts = poll.counts ?? poll.options.map(() => 0);
  const max = Math.max(1, ...counts);
  const truth = status.answer?.option ?? -1;
  wrap.setAttribute('aria-label', `The room's predictions: ${poll.options.map((o, k) => `${o}: ${counts[k]}`).join('; ')}`);
  poll.options.forEach((o, k) => {
    const row = el('div', `poll-row${k === truth ? ' truth' : ''}`);
    const bar = el('span', 'poll-bar');
    bar.style.width = `${(100 * counts[k]) / max}%`;
    row.append(el('span', 'poll-label', `${k === truth ? '✓ ' : ''}${o}`), el('span', 'poll-track'), el('span', 'poll-count', String(counts[k])));
    row.children[1].append(bar);
    wrap.append(row);
  });
  wrap.append(el('p', 'poll-total', `${poll.answered} answered`));
  return wrap;
}

/** One small panel per scene: each pane's T50 as a bar, on a shared scale. */
function multiples(list: SceneOutcome[]): HTMLElement {
  const wrap = el('div', 'multiples');
  const max = Math.max(1, ...list.flatMap((o) => o.result.T50.map((t) => t ?? o.result.time)));
  for (const o of list) {
    const panel = el('figure', 'multiple');
    panel.append(el('figcaption', '', `${o.scene + 1}. ${o.title}`));
    o.result.T50.forEach((t, k) => {
      const row = el('div', 'mult-row');
      const bar = el('span', `mult-bar pane-${k}`);
      bar.style.width = `${(100 * (t ?? o.result.time)) / max}%`;
      row.append(el('span', 'mult-label', modeTitle(o.result.labels[k])), el('span', 'mult-track'), el('span', 'mult-value', t === null ? 'not yet' : `${t.toFixed(1)} h`));
      row.children[1].append(bar);
      panel.append(row);
    });
    wrap.append(panel);
  }
  wrap.append(el('p', 'mult-caption', 'Time to close half the gap (shorter is faster)'));
  return wrap;
}
