/**
 * Live charts with uPlot (fast canvas charts): the recovery curve 1 − G/G0 of both twins, messages,
 * and engaged people over time. Data arrays grow by appending each frame's sample.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const COLOURS = ['#ff9f43', '#4dabf7'];

export class LiveCharts {
  private charts: uPlot[] = [];
  private data: number[][][] = [];
  private lastT = -1;

  constructor(private readonly host: HTMLElement) {}

  reset(labels: [string, string]): void {
    for (const c of this.charts) c.destroy();
    this.host.innerHTML = '';
    this.charts = [];
    this.lastT = -1;
    const width = Math.max(260, Math.floor((this.host.clientWidth || 900) / 3) - 12);
    const specs: Array<[string, string]> = [['Recovery 1 − G/G₀', '%'], ['Messages', ''], ['Engaged people', '']];
    this.data = specs.map(() => [[], [], []]);
    specs.forEach(([title, unit], k) => {
      const el = document.createElement('div');
      el.className = 'chart';
      this.host.appendChild(el);
      const opts: uPlot.Options = {
        title,
        width,
        height: 170,
        scales: { x: { time: false }, y: unit === '%' ? { range: [0, 1] } : { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [{ stroke: '#c9d1e0', grid: { stroke: '#2a3350' }, label: 'hours' }, { stroke: '#c9d1e0', grid: { stroke: '#2a3350' }, values: (_u, v) => v.map((x) => (unit === '%' ? `${Math.round(x * 100)}%` : String(x))) }],
        series: [{}, { label: labels[0], stroke: COLOURS[0], width: 2 }, { label: labels[1], stroke: COLOURS[1], width: 2 }],
        legend: { show: true },
      };
      this.charts.push(new uPlot(opts, this.data[k] as uPlot.AlignedData, el));
    });
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

  canvases(): HTMLCanvasElement[] {
    return this.charts.map((c) => c.ctx.canvas);
  }
}
