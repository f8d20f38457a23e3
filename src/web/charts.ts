/**
 * Live charts with uPlot (fast canvas charts): recovery 1 − G/G₀ of both twins with each twin's T50
 * marked, messages, and engaged people over time. Mode colours are never firm colours (colours.ts).
 * The charts share the row evenly and re-lay out on resize; legends show names, not live values.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { modeStyle } from './colours.ts';

export interface ChartExport {
  title: string;
  canvas: HTMLCanvasElement;
  series: Array<{ label: string; colour: string; dash: number[] }>;
}

const SPECS: Array<[string, string]> = [['Recovery: share of the lost service back', '%'], ['Messages sent', ''], ['People engaged on a problem', '']];

export class LiveCharts {
  private charts: uPlot[] = [];
  private data: number[][][] = [];
  private lastT = -1;
  private labels: [string, string] = ['', ''];
  private titles: [string, string] = ['', ''];
  /** Each twin's T50 (hours), drawn on the recovery chart once reached. */
  private t50: [number | null, number | null] = [null, null];

  constructor(private readonly host: HTMLElement) {}

  reset(labels: [string, string], titles: [string, string]): void {
    for (const c of this.charts) c.destroy();
    this.host.innerHTML = '';
    this.charts = [];
    this.lastT = -1;
    this.labels = labels;
    this.titles = titles;
    this.t50 = [null, null];
    this.data = SPECS.map(() => [[], [], []]);
    const width = this.chartWidth();
    SPECS.forEach(([title, unit], k) => {
      const el = document.createElement('figure');
      el.className = 'chart';
      this.host.appendChild(el);
      const series: uPlot.Series[] = [{ label: 'hours' }, ...labels.map((l, i) => ({ label: titles[i], stroke: modeStyle(l).colour, dash: modeStyle(l).dash, width: 2 }))];
      const opts: uPlot.Options = {
        title,
        width,
        height: 180,
        scales: { x: { time: false }, y: unit === '%' ? { range: [0, 1] } : { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [{ stroke: '#c9d1e0', grid: { stroke: '#2a3350' }, label: 'hours' }, { stroke: '#c9d1e0', grid: { stroke: '#2a3350' }, values: (_u, v) => v.map((x) => (unit === '%' ? `${Math.round(x * 100)}%` : String(x))) }],
        series,
        legend: { show: true, live: false },
        hooks: k === 0 ? { draw: [(u) => this.drawT50(u)] } : {},
      };
      this.charts.push(new uPlot(opts, this.data[k] as uPlot.AlignedData, el));
    });
  }

  private chartWidth(): number {
    const w = this.host.clientWidth || 900;
    const inner = w - 24; // the host's padding
    return inner < 640 ? Math.max(240, inner - 8) : Math.max(220, Math.floor((inner - 2 * 12) / 3) - 10);
  }

  resize(): void {
    const width = this.chartWidth();
    for (const c of this.charts) c.setSize({ width, height: 180 });
  }

  setT50(k: 0 | 1, value: number | null): void {
    if (this.t50[k] === value) return;
    this.t50[k] = value;
    this.charts[0]?.redraw(false);
  }

  /** The 50% line and a dashed vertical line at each twin's T50, labelled. */
  private drawT50(u: uPlot): void {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.strokeStyle = 'rgba(255,255,255,0.35)';
    ctx.setLineDash([3, 3]);
    ctx.lineWidth = 1;
    const y50 = u.valToPos(0.5, 'y', true);
    ctx.beginPath();
    ctx.moveTo(left, y50);
    ctx.lineTo(left + width, y50);
    ctx.stroke();
    ctx.font = `${Math.round(11 * devicePixelRatio)}px system-ui, sans-serif`;
    this.t50.forEach((t, k) => {
      if (t === null) return;
      const x = u.valToPos(t, 'x', true);
      if (x < left || x > left + width) return;
      const style = modeStyle(this.labels[k]);
      ctx.strokeStyle = style.colour;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      ctx.fillStyle = style.colour;
      ctx.fillText(`T50 ${t.toFixed(1)} h`, x + 4, top + (k + 1) * 14 * devicePixelRatio);
    });
    ctx.restore();
  }

  push(t: number, a: { recovery: number; messages: number; engaged: number }, b: { recovery: number; messages: number; engaged: number }): void {
    if (t <= this.lastT) return;
    this.lastT = t;
    const values = [[a.recovery, b.recovery], [a.messages, b.messages], [a.engaged, b.engaged]];
    values.forEach(([va, vb], k) => {
      const d = this.data[k];
      d[0].push(t);
      d[1].push(va);
      d[2].push(vb);
    });
  }

  redraw(): void {
    this.charts.forEach((c, k) => c.setData(this.data[k] as uPlot.AlignedData));
  }

  exports(): ChartExport[] {
    return this.charts.map((c, k) => ({ title: SPECS[k][0], canvas: c.ctx.canvas, series: this.labels.map((l, i) => ({ label: this.titles[i], ...modeStyle(l) })) }));
  }
}
