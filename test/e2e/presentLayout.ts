/**
 * What a projector must show, checked on the page: both maps side by side at 40% or more of the
 * width each, every box the room reads (bar buttons, clock, room line, headline, maps, their numbers,
 * the story column) inside the viewport and overlapping no other, and the type large enough.
 */
import type { Page } from 'playwright-core';

export interface LayoutReport {
  width: number;
  height: number;
  maps: Array<{ left: number; top: number; width: number; height: number }>;
  overlaps: string[];
  outside: string[];
  small: string[];
}

export function checkPresentation(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const boxes: Array<{ name: string; r: DOMRect }> = [];
    const add = (name: string, el: Element | null) => {
      if (!el) return;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden') boxes.push({ name, r });
    };
    document.querySelectorAll('.bar > *').forEach((el, k) => {
      if (el.classList.contains('group')) el.querySelectorAll('button, label').forEach((b, j) => add(`bar ${k}.${j} ${b.textContent?.trim().slice(0, 12)}`, b));
      else add(`bar ${k} ${el.id || el.tagName}`, el);
    });
    add('headline', document.getElementById('headline'));
    add('map left', document.querySelector('#pane-left canvas'));
    add('map right', document.querySelector('#pane-right canvas'));
    add('numbers left', document.getElementById('metrics-left'));
    add('numbers right', document.getElementById('metrics-right'));
    add('story column', document.getElementById('present-side'));
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r;
        const b = boxes[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) overlaps.push(`${boxes[i].name} × ${boxes[j].name}`);
      }
    }
    const outside = boxes.filter(({ r }) => r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1).map((b) => b.name);
    const small: string[] = [];
    for (const sel of ['#headline', '#big-clock', '.metrics td', '#story-box h2', '#story-box .caption', '#story-box .reveal', '#story-box .poll-label', '.room-bar']) {
      const el = document.querySelector(sel) as HTMLElement | null;
      if (el && el.getBoundingClientRect().height > 0 && parseFloat(getComputedStyle(el).fontSize) < 16) small.push(`${sel} ${getComputedStyle(el).fontSize}`);
    }
    const maps = ['#pane-left canvas', '#pane-right canvas'].map((s) => {
      const r = document.querySelector(s)!.getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width, height: r.height };
    });
    return { width: innerWidth, height: innerHeight, maps, overlaps, outside, small };
  });
}
