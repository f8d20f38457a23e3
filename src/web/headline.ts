/**
 * The words around the maps: the question the twin answers, the live one-seed headline, each pane's
 * metrics table, a text description of each map for screen readers, and a throttled announcer (the
 * live region speaks only at milestones, never every frame).
 */
import type { Frame, PaneFrame } from './frame.ts';
import type { Scenario } from '../../sim/model/scenario.ts';
import { modePhrase, modeTitle } from '../../sim/model/runner.ts';

export function question(s: Scenario, labels: [string, string]): string {
  const shock = s.shocks.find((x) => !x.falseAlarm) ?? s.shocks[0];
  return `When “${shock.label}” hits this ecosystem, who closes half the gap first: ${lower(modeTitle(labels[0]))} or ${lower(modeTitle(labels[1]))}?`;
}

const lower = modePhrase;

export function liveHeadline(frame: Frame): string {
  const [a, b] = frame.panes;
  const ta = a.metrics.T50;
  const tb = b.metrics.T50;
  if (!ta.censored && !tb.censored) {
    // The saving's one estimand, 1 − T50(mode) / T50(reference), the hierarchy the reference when shown.
    const [mode, ref] = a.label === 'hierarchical' ? [b, a] : [a, b];
    const tm = mode.metrics.T50.value;
    const tr = ref.metrics.T50.value;
    const saving = tr > 0 ? 1 - tm / tr : 0;
    if (Math.abs(saving) < 0.02) return `both closed half the gap in about the same time (${tm.toFixed(0)} h vs ${tr.toFixed(0)} h).`;
    const how = saving > 0 ? `${Math.round(100 * saving)}% faster` : `${Math.round(-100 * saving)}% slower`;
    return `${lower(modeTitle(mode.label))} closed half the gap ${how} than ${lower(modeTitle(ref.label))} (${tm.toFixed(0)} h vs ${tr.toFixed(0)} h).`;
  }
  if (!ta.censored || !tb.censored) {
    const [done, waiting] = !ta.censored ? [a, b] : [b, a];
    return `${lower(modeTitle(done.label))} closed half the gap after ${done.metrics.T50.value.toFixed(0)} h; ${lower(modeTitle(waiting.label))} has recovered ${Math.round(100 * waiting.recovery)}% so far.`;
  }
  return frame.time < 0.5 ? 'the same shock hits the same ecosystem twice…' : `after ${frame.time.toFixed(0)} h, ${Math.round(100 * a.recovery)}% of the lost service is back with ${lower(modeTitle(a.label))} and ${Math.round(100 * b.recovery)}% with ${lower(modeTitle(b.label))}.`;
}

const fmtT = (m: { value: number; censored: boolean }) => (m.censored ? 'not yet' : `${m.value.toFixed(1)} h`);

export function renderMetrics(table: HTMLElement, p: PaneFrame): void {
  const m = p.metrics;
  table.innerHTML = `<tbody>
    <tr><th>Half the gap closed (T50)</th><td>${fmtT(m.T50)}</td><th>Recovered (T90)</th><td>${fmtT(m.T90)}</td></tr>
    <tr><th>Service lost</th><td>${m.loss.toFixed(1)} h</td><th>Messages</th><td>${m.messages}</td></tr>
    <tr><th>Attention cost</th><td>${m.attention_hours.toFixed(0)} effort-h</td><th title="Bullwhip: how much more the supplier's orders swing than customer demand (variance ratio), so far">Supplier's order swings (bullwhip)</th><td>${bullwhip(m.bullwhip)}</td></tr></tbody>`;
}

/** The bullwhip at the most upstream tier ("3.2× demand"), the supply chain's amplification so far. */
function bullwhip(b: number[] | null | undefined): string {
  const v = b?.[b.length - 1];
  return v === undefined || !Number.isFinite(v) ? 'measuring…' : `${v.toFixed(1)}× demand`;
}

/** A sentence describing a map's state (for its screen-reader description). */
export function describeMap(p: PaneFrame, time: number): string {
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < p.states.length; i++) counts[p.states[i]]++;
  let open = 0;
  let closed = 0;
  for (let k = 0; k < p.shockStatus.length; k++) {
    if (p.shockStatus[k] === 1) open++;
    else if (p.shockStatus[k] >= 2) closed++;
  }
  return `${modeTitle(p.label)} at ${time.toFixed(1)} h: ${p.states.length} people — ${counts[1]} informed, ${counts[2]} on their way to help, ${counts[3]} working on a problem. ${open} problem${open === 1 ? '' : 's'} open, ${closed} settled; ${Math.round(100 * p.recovery)}% of the lost service is back.`;
}

/** Speaks into a polite live region at milestones, and at most once every `minMs`. */
export class Announcer {
  private last = -Infinity;
  private said = new Set<string>();

  constructor(private readonly el: HTMLElement, private readonly minMs = 4000) {}

  reset(): void {
    this.said.clear();
  }

  /** Say `text` once per `key` (e.g. "T50-left"), unless something was said under `minMs` ago. */
  milestone(key: string, text: string, force = false): void {
    if (this.said.has(key)) return;
    const now = performance.now();
    if (!force && now - this.last < this.minMs) return;
    this.said.add(key);
    this.last = now;
    this.el.textContent = text;
  }
}

const $ = (id: string) => document.getElementById(id)!;

/**
 * Everything in words that follows the frames: the clocks, each pane's metrics table and map
 * description, the ticks/s readout, the milestones spoken by the live region, and the live one-seed
 * headline (returned when it is refreshed, for the caller to place).
 */
export class FrameWords {
  headline = '';
  private announcer: Announcer;
  private described = -Infinity;
  private rate = { ticks: 0, since: performance.now() };

  constructor(live: HTMLElement) {
    this.announcer = new Announcer(live);
  }

  reset(): void {
    this.announcer.reset();
    this.headline = '';
  }

  /** Returns the refreshed headline (every 10th frame, at the end, and when `fresh`: a reveal), else null. */
  frame(frame: Frame, count: number, now: number, fresh = false): string | null {
    $('clock').textContent = `${frame.time.toFixed(1)} h`;
    $('big-clock').textContent = `${frame.time.toFixed(1)} h`;
    frame.panes.forEach((p, k) => {
      if (!p.metrics.T50.censored) this.announcer.milestone(`T50-${k}`, `${modeTitle(p.label)} closed half the gap after ${p.metrics.T50.value.toFixed(1)} hours.`);
    });
    if (frame.done) this.announcer.milestone('done', `Finished: ${liveHeadline(frame)}`, true);
    if (now - this.described > 2000 || frame.done || fresh) {
      this.described = now;
      frame.panes.forEach((p, k) => ($(k === 0 ? 'desc-left' : 'desc-right').textContent = describeMap(p, frame.time)));
    }
    this.rate.ticks += frame.ticks;
    if (now - this.rate.since > 1000) {
      $('rate').textContent = `${Math.round((this.rate.ticks * 1000) / (now - this.rate.since))} ticks/s`;
      this.rate = { ticks: 0, since: now };
    }
    if (count % 10 !== 0 && !frame.done && !fresh) return null;
    frame.panes.forEach((p, k) => renderMetrics($(k === 0 ? 'metrics-left' : 'metrics-right'), p));
    this.headline = liveHeadline(frame);
    return this.headline;
  }
}
