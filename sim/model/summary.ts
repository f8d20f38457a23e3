/**
 * Summaries of paired runs: per mode the median and 10–90% interval of each metric, and the saving in
 * T50 against the hierarchy with a bootstrap CI (resampling seeds). Platform-free: the CLI writes it
 * as summary.md and the browser lab shows it after "run 50 seeds".
 */
import type { RunMetrics } from './metrics.ts';
import { METRICS, SAVING_KEYS, TIMED_KEYS } from './metricDecls.ts';
import { modeLabel } from './runner.ts';
import { formatCi, formatP, formatSaving, pairedSaving, pct, SAVING_ESTIMAND, SMALL_SAMPLE, spread, type PairedSaving, type Spread } from './stats.ts';

/** From the metric declarations: the timed metrics, and the other metrics where lower is better. */
export const TIMED = TIMED_KEYS as Array<'T_det' | 'T_team' | 'T50' | 'T90'>;
export const PLAIN = SAVING_KEYS.filter((k) => !METRICS[k].timed) as Array<'loss' | 'messages' | 'attention_hours' | 'over_response'>;

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
      out.saving = pairedSaving(seeds.map((s) => reference.get(s)!.T50), seeds.map((s) => own.get(s)!.T50));
    }
    return out;
  });
}

const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');

/** Median T50 as printed: a censored median is "> horizon", never a number. */
function medianT50(s: ModeSummary): string {
  const m = s.metrics.T50;
  return s.censored.T50 * 2 >= s.runs ? `> ${f1(m.median)} h (censored)` : `${f1(m.median)} h`;
}

/** The caveats that go with a saving wherever it is shown (small sample, censored runs). */
export function savingWarnings(sv: PairedSaving, label: string): string[] {
  const out: string[] = [];
  if (sv.smallSample) out.push(`only ${sv.pairs} paired seed${sv.pairs === 1 ? '' : 's'}: under ${SMALL_SAMPLE} the interval and the test are unreliable`);
  if (sv.censored.reference || sv.censored.mode) {
    out.push(`censored (no T50 by the horizon): hierarchical ${sv.censored.reference} of ${sv.pairs}, ${label} ${sv.censored.mode} of ${sv.pairs}; they count as slower than every observed run`);
  }
  return out;
}

/** A headline in plain language, e.g. "Spontaneous association closed half the gap 38% faster (20 h vs 35 h)". */
export function headline(summaries: ModeSummary[]): string {
  const h = summaries.find((s) => s.label === 'hierarchical');
  const other = summaries.find((s) => s.saving);
  if (!h || !other || !other.saving) return '';
  const name = other.label === 'spontaneous' ? 'Spontaneous association' : `The hybrid (${other.label.split(':')[1] ?? ''} connected)`;
  const sv = other.saving;
  const medians = `median T50 ${medianT50(other)} vs ${medianT50(h)} over ${sv.pairs} paired seeds`;
  const warnings = savingWarnings(sv, other.label);
  const tail = warnings.length ? ` Caution: ${warnings.join('; ')}.` : '';
  if (!sv.estimable) return `${name} vs the hierarchy: the saving is ${formatSaving(sv)} — ${sv.reason} (${medians}).${tail}`;
  const how = sv.saving >= 0 ? `${pct(sv.saving)} faster` : `${pct(-sv.saving)} slower`;
  const p = sv.pAtFloor ? formatP(sv) : `= ${formatP(sv)}`;
  return `${name} closed half the gap ${how} than the hierarchy (${medians}; saving = ${SAVING_ESTIMAND}; 95% CI ${formatCi(sv)}; permutation p ${p}).${tail}`;
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
  lines.push('', 'Medians with 10–90% intervals in brackets. Censored: the threshold was not reached by the horizon; the value shown is then the time left, a lower bound.');
  const savings = summaries.filter((s) => s.saving);
  if (savings.length) {
    lines.push('', `Saving = ${SAVING_ESTIMAND}. 95% CI: percentile bootstrap over seeds (pairs kept together). p: paired permutation test of the same estimand (labels swapped within seeds), two-sided; "< x" means no permutation was as extreme, x being the resampling floor.`);
    lines.push('', '| mode | T50 saving vs hierarchical | 95% CI | permutation p | pairs | censored T50 (hierarchical / mode) |', '|---|---|---|---|---|---|');
    for (const s of savings) {
      const sv = s.saving!;
      lines.push(`| ${s.label} | ${formatSaving(sv)} | ${formatCi(sv)} | ${formatP(sv)} | ${sv.pairs}${sv.smallSample ? ' (few)' : ''} | ${sv.censored.reference} / ${sv.censored.mode} |`);
    }
    for (const s of savings) for (const w of [...(s.saving!.estimable ? [] : [`the saving is not estimable — ${s.saving!.reason}`]), ...savingWarnings(s.saving!, s.label)]) lines.push('', `Caution (${s.label}): ${w}.`);
  }
  return `${lines.join('\n')}\n`;
}
