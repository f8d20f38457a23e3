/**
 * Summaries of paired runs: per mode the median and 10–90% interval of each metric, and the saving in
 * T50 against the hierarchy with a bootstrap CI (resampling seeds). Platform-free: the CLI writes it
 * as summary.md and the browser lab shows it after "run 50 seeds".
 */
import type { RunMetrics } from './metrics.ts';
import { modeLabel } from './runner.ts';
import { pairedSaving, spread, type PairedSaving, type Spread } from './stats.ts';

export const TIMED = ['T_det', 'T_team', 'T50', 'T90'] as const;
export const PLAIN = ['loss', 'messages', 'attention_hours', 'over_response'] as const;

export interface ModeSummary {
  label: string;
  runs: number;
  metrics: Record<string, Spread>;
  censored: Record<string, number>;
  /** Against the hierarchy (absent for the hierarchy itself or when it was not run). */
  saving?: PairedSaving;
}

export function summarise(runs: RunMetrics[]): ModeSummary[] {
  const labels = [...new Set(runs.map((r) => modeLabel(r)))];
  const bySeed = (label: string) => new Map(runs.filter((r) => modeLabel(r) === label).map((r) => [r.seed, r]));
  const reference = bySeed('hierarchical');
  return labels.map((label) => {
    const mine = runs.filter((r) => modeLabel(r) === label);
    const metrics: Record<string, Spread> = {};
    const censored: Record<string, number> = {};
    for (const k of TIMED) {
      metrics[k] = spread(mine.map((r) => r[k].value));
      censored[k] = mine.filter((r) => r[k].censored).length;
    }
    for (const k of PLAIN) metrics[k] = spread(mine.map((r) => r[k]));
    const out: ModeSummary = { label, runs: mine.length, metrics, censored };
    if (label !== 'hierarchical' && reference.size) {
      const seeds = mine.map((r) => r.seed).filter((s) => reference.has(s));
      const own = bySeed(label);
      out.saving = pairedSaving(seeds.map((s) => reference.get(s)!.T50.value), seeds.map((s) => own.get(s)!.T50.value));
    }
    return out;
  });
}

const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(0)}%` : '—');

/** A headline in plain language, e.g. "Spontaneous association closed half the gap 38% faster (20 h vs 35 h)". */
export function headline(summaries: ModeSummary[]): string {
  const h = summaries.find((s) => s.label === 'hierarchical');
  const other = summaries.find((s) => s.saving);
  if (!h || !other || !other.saving) return '';
  const name = other.label === 'spontaneous' ? 'Spontaneous association' : `The hybrid (${other.label.split(':')[1] ?? ''} connected)`;
  const a = other.metrics.T50.median;
  const b = h.metrics.T50.median;
  const s = other.saving.saving;
  const how = s >= 0 ? `${pct(s)} faster` : `${pct(-s)} slower`;
  return `${name} closed half the gap ${how} than the hierarchy (median ${f1(a)} h vs ${f1(b)} h over ${other.saving.pairs} paired seeds; 95% CI of the saving ${pct(other.saving.ci95[0])} to ${pct(other.saving.ci95[1])})`;
}

export function summaryMarkdown(title: string, summaries: ModeSummary[]): string {
  const lines = [`# ${title}`, ''];
  const head = headline(summaries);
  if (head) lines.push(head, '');
  lines.push('| mode | runs | T_det h | T_team h | T50 h | T90 h | loss h | messages | attention h | over-response h |', '|---|---|---|---|---|---|---|---|---|---|');
  for (const s of summaries) {
    const cell = (k: string) => {
      const m = s.metrics[k];
      const c = s.censored[k] ? ` (${s.censored[k]} censored)` : '';
      return `${f1(m.median)} [${f1(m.p10)}–${f1(m.p90)}]${c}`;
    };
    lines.push(`| ${s.label} | ${s.runs} | ${cell('T_det')} | ${cell('T_team')} | ${cell('T50')} | ${cell('T90')} | ${cell('loss')} | ${cell('messages')} | ${cell('attention_hours')} | ${cell('over_response')} |`);
  }
  lines.push('', 'Medians with 10–90% intervals in brackets. Censored: the threshold was not reached by the horizon; the value is then the time left, a lower bound.');
  const savings = summaries.filter((s) => s.saving);
  if (savings.length) {
    lines.push('', '| mode | T50 saving vs hierarchical | 95% CI (bootstrap over seeds) | paired permutation p |', '|---|---|---|---|');
    for (const s of savings) lines.push(`| ${s.label} | ${pct(s.saving!.saving)} | ${pct(s.saving!.ci95[0])} – ${pct(s.saving!.ci95[1])} | ${s.saving!.p.toPrecision(2)} |`);
  }
  return `${lines.join('\n')}\n`;
}
