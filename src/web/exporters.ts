/** Downloads: the view as a PNG with its titles and legends, and files (CSV, JSON). */
import type { ChartExport } from './charts.ts';
import { FIRM_COLOURS, hex } from './colours.ts';

export function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export interface ViewExport {
  headline: string;
  panes: Array<{ title: string; canvas: HTMLCanvasElement }>;
  firms: string[];
  charts: ChartExport[];
  footer: string;
}

const GAP = 16;

/** The two maps with titles, a firm legend, the charts with titles and legends, the headline and a footer. */
export function composePng(v: ViewExport): HTMLCanvasElement {
  const paneW = Math.max(...v.panes.map((p) => p.canvas.width));
  const paneH = Math.max(...v.panes.map((p) => p.canvas.height));
  const chartW = v.charts.reduce((w, c) => w + c.canvas.width + GAP, GAP);
  const chartH = Math.max(0, ...v.charts.map((c) => c.canvas.height));
  const width = Math.max(2 * paneW + 3 * GAP, chartW, 900);
  const out = document.createElement('canvas');
  const measure = out.getContext('2d')!;
  measure.font = '600 26px system-ui, sans-serif';
  const headLines = lines(measure, v.headline, width - 2 * GAP);
  const top = GAP + headLines.length * 32 + 8;
  const height = top + 30 + paneH + 40 + (chartH ? 30 + chartH + 30 : 0) + 40;
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#0b0f1a';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#ffffff';
  ctx.font = '600 26px system-ui, sans-serif';
  headLines.forEach((l, k) => ctx.fillText(l, GAP, GAP + 26 + k * 32));
  ctx.font = '600 20px system-ui, sans-serif';
  v.panes.forEach((p, k) => {
    const x = GAP + k * (paneW + GAP);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(p.title, x, top + 20);
    ctx.drawImage(p.canvas, x, top + 30);
  });
  // Firm legend under the maps.
  let x = GAP;
  const ly = top + 30 + paneH + 26;
  ctx.font = '16px system-ui, sans-serif';
  v.firms.forEach((name, i) => {
    ctx.fillStyle = hex(FIRM_COLOURS[i % FIRM_COLOURS.length]);
    ctx.beginPath();
    ctx.arc(x + 6, ly - 5, 6, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = '#e8edf7';
    ctx.fillText(name, x + 16, ly);
    x += 16 + ctx.measureText(name).width + 20;
  });
  // Charts, each with its title above and a legend below.
  let cx = GAP;
  const cy = ly + 20;
  for (const c of v.charts) {
    ctx.font = '600 16px system-ui, sans-serif';
    ctx.fillStyle = '#ffffff';
    ctx.fillText(c.title, cx, cy + 16);
    ctx.drawImage(c.canvas, cx, cy + 26);
    let sx = cx;
    ctx.font = '14px system-ui, sans-serif';
    for (const s of c.series) {
      ctx.strokeStyle = s.colour;
      ctx.lineWidth = 3;
      ctx.setLineDash(s.dash);
      ctx.beginPath();
      ctx.moveTo(sx, cy + 26 + chartH + 18);
      ctx.lineTo(sx + 24, cy + 26 + chartH + 18);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#e8edf7';
      ctx.fillText(s.label, sx + 30, cy + 26 + chartH + 23);
      sx += 30 + ctx.measureText(s.label).width + 18;
    }
    cx += c.canvas.width + GAP;
  }
  ctx.font = '14px system-ui, sans-serif';
  ctx.fillStyle = '#c9d1e0';
  ctx.fillText(v.footer, GAP, height - 14);
  return out;
}

/** A titled image of one canvas (the many-seed plot) with wrapped text above it. */
export function titledPng(title: string, canvas: HTMLCanvasElement, footer: string): HTMLCanvasElement {
  const width = Math.max(canvas.width + 2 * GAP, 720);
  const out = document.createElement('canvas');
  const m = out.getContext('2d')!;
  m.font = '600 20px system-ui, sans-serif';
  const ls = lines(m, title, width - 2 * GAP);
  out.width = width;
  out.height = GAP + ls.length * 26 + 8 + canvas.height + 40;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#0b0f1a';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#fff';
  ctx.font = '600 20px system-ui, sans-serif';
  ls.forEach((l, k) => ctx.fillText(l, GAP, GAP + 20 + k * 26));
  ctx.drawImage(canvas, GAP, GAP + ls.length * 26 + 8);
  ctx.font = '14px system-ui, sans-serif';
  ctx.fillStyle = '#c9d1e0';
  ctx.fillText(footer, GAP, out.height - 14);
  return out;
}

function lines(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const out: string[] = [];
  let row = '';
  for (const word of text.split(' ')) {
    const next = row ? `${row} ${word}` : word;
    if (ctx.measureText(next).width > max && row) {
      out.push(row);
      row = word;
    } else row = next;
  }
  if (row) out.push(row);
  return out;
}
