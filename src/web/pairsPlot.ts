/**
 * The many-seed result as a picture: one dot per paired seed, the hierarchy's T50 across and the
 * other mode's down the side, with the diagonal where both are equal. Dots below the diagonal are
 * seeds where the other mode was faster; hollow dots are censored (not reached by the horizon).
 */
import type { RunMetrics } from '../../sim/model/metrics.ts';
import { modeLabel, modeTitle } from '../../sim/model/runner.ts';
import { modeStyle } from './colours.ts';

export function drawPairs(canvas: HTMLCanvasElement, runs: RunMetrics[], cssWidth: number, cssHeight: number): { pairs: number } {
  const dpr = Math.min(2, devicePixelRatio || 1);
  canvas.width = Math.round(cssWidth * dpr);
  canvas.height = Math.round(cssHeight * dpr);
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${cssHeight}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = '#101728';
  ctx.fillRect(0, 0, cssWidth, cssHeight);
  const ref = new Map(runs.filter((r) => r.mode === 'hierarchical').map((r) => [r.seed, r]));
  const other = runs.filter((r) => r.mode !== 'hierarchical' && ref.has(r.seed));
  const otherLabel = other[0] ? modeLabel(other[0]) : '';
  const pts = other.map((r) => ({ x: ref.get(r.seed)!.T50, y: r.T50 }));
  const max = Math.max(1, ...pts.flatMap((p) => [p.x.value, p.y.value])) * 1.05;
  const pad = { l: 44, r: 10, t: 10, b: 36 };
  const w = cssWidth - pad.l - pad.r;
  const h = cssHeight - pad.t - pad.b;
  const X = (v: number) => pad.l + (v / max) * w;
  const Y = (v: number) => pad.t + h - (v / max) * h;
  ctx.strokeStyle = '#3a4a75';
  ctx.lineWidth = 1;
  ctx.strokeRect(pad.l, pad.t, w, h);
  ctx.setLineDash([4, 4]);
  ctx.strokeStyle = '#8c96ad';
  ctx.beginPath();
  ctx.moveTo(X(0), Y(0));
  ctx.lineTo(X(max), Y(max));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = '#c9d1e0';
  ctx.font = '11px system-ui, sans-serif';
  const step = niceStep(max);
  for (let v = 0; v <= max; v += step) {
    ctx.fillText(String(v), X(v) - 6, pad.t + h + 14);
    ctx.fillText(String(v), 6, Y(v) + 4);
  }
  ctx.fillText('Hierarchy → (T50, hours)', pad.l, cssHeight - 6);
  ctx.fillText(`↑ ${modeTitle(otherLabel)} (T50, hours)`, pad.l + 6, pad.t + 14);
  ctx.fillText('same time', X(max * 0.1), Y(max * 0.24));
  const colour = modeStyle(otherLabel).colour;
  for (const p of pts) {
    ctx.beginPath();
    ctx.arc(X(p.x.value), Y(p.y.value), 3.5, 0, 2 * Math.PI);
    if (p.x.censored || p.y.censored) {
      ctx.strokeStyle = colour;
      ctx.stroke();
    } else {
      ctx.fillStyle = colour;
      ctx.fill();
    }
  }
  return { pairs: pts.length };
}

function niceStep(max: number): number {
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? raw;
}
