/**
 * "Run 50 seeds": the paired many-seed answer, run in background workers (seedsRun.ts) with a
 * progress bar while the animation keeps going. Once it exists it is the headline — the saving with
 * its 95% interval — with a small plot of the per-seed pairs, exportable as CSV and as an image. Any
 * change to the run makes it stale: it is cancelled or withdrawn, never shown for another scenario.
 */
import { SeedsRun, type SeedsResult } from './seedsRun.ts';
import { drawPairs } from './pairsPlot.ts';
import { download, titledPng } from './exporters.ts';
import type { LabInfo } from './worker.ts';
import type { LabStats } from './stats.ts';
import { seedsCsv } from '../results/labExport.ts';
import { modeTitle } from '../../sim/model/runner.ts';
import { formatCi, pct } from '../../sim/model/stats.ts';

const $ = (id: string) => document.getElementById(id)!;

export class SeedsPanel {
  private job: SeedsRun | null = null;
  private result: (SeedsResult & { info: LabInfo }) | null = null;
  private live = '';
  private finishedAt: number | null = null;

  constructor(private readonly stats: LabStats, private readonly info: () => LabInfo, private readonly liveText: () => string) {
    $('seeds-cancel').addEventListener('click', () => this.invalidate());
    $('seeds-close').addEventListener('click', () => this.invalidate());
    $('seeds-csv').addEventListener('click', () => {
      if (!this.result) return;
      const r = this.result;
      download(`${r.info.scenario.name}-seeds${r.seeds[0]}-${r.seeds[r.seeds.length - 1]}.csv`, new Blob([seedsCsv(r.info.config, r.runs)], { type: 'text/csv' }));
    });
    $('seeds-png').addEventListener('click', () => {
      if (!this.result) return;
      const r = this.result;
      const png = titledPng(`${$('headline').textContent ?? ''}`, $('seeds-plot') as HTMLCanvasElement, `${r.info.scenario.title} · seeds ${r.seeds[0]}–${r.seeds[r.seeds.length - 1]} · each dot one paired seed; below the diagonal the other mode was faster · Starling`);
      png.toBlob((b) => b && download(`${r.info.scenario.name}-answer.png`, b), 'image/png');
    });
  }

  /** The one-seed headline from the running twins (the headline until a many-seed answer exists). */
  showLive(text: string, finishedAt: number | null = this.finishedAt): void {
    this.live = text;
    this.finishedAt = finishedAt;
    const done = finishedAt === null ? '' : `, finished at ${finishedAt.toFixed(0)} h`;
    if (this.result) $('live-line').textContent = `This animation (seed ${this.result.info.config.seed}${done}): ${text}`;
    else {
      $('headline').textContent = `One seed${done}: ${text}`;
      $('live-line').textContent = this.job ? '' : 'One seed is one possible history. Press “Run 50 seeds” for the paired answer with its 95% interval.';
    }
  }

  /** The run changed: cancel a running study and withdraw a finished one. */
  invalidate(): void {
    this.job?.cancel();
    this.job = null;
    this.result = null;
    $('seeds-box').hidden = true;
    $('seeds-result').textContent = '';
    this.stats.seeds = '';
    this.showLive(this.live, null);
  }

  async run(count: number): Promise<void> {
    this.invalidate();
    const info = this.info();
    const job = new SeedsRun();
    this.job = job;
    this.stats.seedsProgress = [];
    $('seeds-box').hidden = false;
    $('seeds-done').hidden = true;
    $('seeds-cancel').hidden = false;
    const bar = $('seeds-progress') as HTMLProgressElement;
    const status = $('seeds-status');
    bar.max = count;
    bar.value = 0;
    status.textContent = `Running ${count} paired seeds in the background…`;
    $('live-line').textContent = '';
    const result = await job.run(info.config.raw, info.config.panes, info.config.seed, count, (done, total) => {
      bar.value = done;
      status.textContent = `${done} of ${total} paired seeds`;
      this.stats.seedsProgress.push({ done, total, frames: this.stats.frames });
    });
    if (this.job !== job) return;
    this.job = null;
    this.result = { ...result, info };
    const other = result.summaries.find((s) => s.saving);
    const sv = other?.saving;
    const head = sv && sv.estimable
      ? `Over ${sv.pairs} paired seeds, ${modeTitle(other!.label).replace(/^S/, 's')} closed half the gap ${sv.saving >= 0 ? `${pct(sv.saving)} faster` : `${pct(-sv.saving)} slower`} than the hierarchy (95% CI ${formatCi(sv)}).`
      : result.headline || 'The many-seed result has no hierarchy to compare with: set one pane to Hierarchy.';
    $('headline').textContent = head;
    $('seeds-result').textContent = `${result.headline} Ran on ${result.workers} background worker${result.workers === 1 ? '' : 's'} in ${(result.ms / 1000).toFixed(1)} s.`;
    this.stats.seeds = result.headline;
    $('seeds-done').hidden = false;
    status.textContent = `${count} paired seeds done`;
    $('seeds-cancel').hidden = true;
    $('seeds-caption').textContent = `One dot per paired seed; below the diagonal ${modeTitle(other?.label ?? 'spontaneous').replace(/^S/, 's')} was faster.`;
    const plot = $('seeds-plot') as HTMLCanvasElement;
    drawPairs(plot, result.runs, Math.min(420, Math.max(240, $('seeds-box').clientWidth)), 180);
    this.showLive(this.live || this.liveText());
    dispatchEvent(new Event('resize')); // the answer may take another line: the maps re-fit

  }
}
