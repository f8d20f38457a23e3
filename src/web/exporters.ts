/** Downloads: time series CSV, scenario JSON, and a PNG of the view with its charts and headline. */

export function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Compose the two panes, the charts and the headline into one image. */
export function composePng(panes: HTMLCanvasElement[], charts: HTMLCanvasElement[], headline: string, footer: string): HTMLCanvasElement {
  const gap = 12;
  const paneW = panes.reduce((w, c) => Math.max(w, c.width), 0);
  const paneH = panes.reduce((h, c) => Math.max(h, c.height), 0);
  const chartH = charts.reduce((h, c) => Math.max(h, c.height), 0);
  const width = Math.max(2 * paneW + 3 * gap, charts.reduce((w, c) => w + c.width + gap, gap));
  const height = 70 + paneH + gap + chartH + 50;
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#0b0f1a';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#ffffff';
  ctx.font = '600 22px system-ui, sans-serif';
  wrapText(ctx, headline, gap, 32, width - 2 * gap, 26);
  panes.forEach((c, k) => ctx.drawImage(c, gap + k * (paneW + gap), 70));
  let x = gap;
  for (const c of charts) {
    ctx.drawImage(c, x, 70 + paneH + gap);
    x += c.width + gap;
  }
  ctx.font = '14px system-ui, sans-serif';
  ctx.fillStyle = '#c9d1e0';
  ctx.fillText(footer, gap, height - 18);
  return out;
}

function wrapText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, max: number, line: number): void {
  let row = '';
  for (const word of text.split(' ')) {
    const next = row ? `${row} ${word}` : word;
    if (ctx.measureText(next).width > max && row) {
      ctx.fillText(row, x, y);
      row = word;
      y += line;
    } else row = next;
  }
  if (row) ctx.fillText(row, x, y);
}
