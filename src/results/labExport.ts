/**
 * What the lab exports as data: both twins' time series, and the per-seed results of a many-seed run,
 * each as CSV written by the same table writer as `starling sweep` (tables.ts), with the run's
 * configuration in `#` header lines (pandas: `read_csv(f, comment='#')`; R: `read.csv(f, comment.char = '#')`).
 */
import { labSeriesTable, toCsv, type Column, type Table } from './tables.ts';
import { METRICS, METRIC_KEYS } from '../../sim/model/metricDecls.ts';
import { modeLabel, printMode, type ModeSpec } from '../../sim/model/runner.ts';
import type { RunMetrics, SeriesPoint } from '../../sim/model/metrics.ts';

export interface LabConfig {
  raw: Record<string, unknown>;
  seed: number;
  panes: [ModeSpec, ModeSpec];
}

/** `#` lines: how to read the file, the scenario JSON (one line), the seed(s) and the panes. */
export function configHeader(config: LabConfig, seeds: string): string {
  return [
    `# Starling lab export. Read with pandas.read_csv(path, comment='#') or read.csv(path, comment.char = '#').`,
    `# seed: ${seeds}`,
    `# panes: ${config.panes.map(printMode).join(', ')}`,
    `# scenario: ${JSON.stringify(config.raw)}`,
  ].join('\n');
}

export function labCsv(config: LabConfig, panes: Array<{ pane: string; mode: string; series: SeriesPoint[] }>): string {
  return `${configHeader(config, String(config.seed))}\n${toCsv(labSeriesTable(panes as never))}`;
}

/** One row per run of a many-seed study: seed, mode and every declared run metric (as `starling run`). */
export function seedsTable(runs: RunMetrics[]): Table {
  const seed: Column = { name: 'seed', type: 'INT32', unit: '', doc: 'seed (both modes of a pair share it)', values: [] };
  const mode: Column = { name: 'mode', type: 'STRING', unit: '', doc: 'mode, with the hybrid share', values: [] };
  const cols: Array<{ c: Column; get: (r: RunMetrics) => unknown }> = [];
  for (const k of METRIC_KEYS) {
    const d = METRICS[k];
    if (d.timed) {
      cols.push({ c: { name: k, type: 'DOUBLE', unit: d.unit, doc: d.doc, values: [] }, get: (r) => (r[k] as { value: number }).value });
      cols.push({ c: { name: `${k}_censored`, type: 'BOOLEAN', unit: '', doc: `${k} not reached`, values: [] }, get: (r) => (r[k] as { censored: boolean }).censored });
    } else cols.push({ c: { name: k, type: 'DOUBLE', unit: d.unit, doc: d.doc, values: [] }, get: (r) => r[k] as number | null });
  }
  for (const r of runs) {
    seed.values.push(r.seed);
    mode.values.push(modeLabel(r));
    for (const { c, get } of cols) c.values.push(get(r));
  }
  return { name: 'seeds', doc: "one row per run of the lab's many-seed study", columns: [seed, mode, ...cols.map((x) => x.c)], rows: runs.length };
}

export function seedsCsv(config: LabConfig, runs: RunMetrics[]): string {
  const seeds = [...new Set(runs.map((r) => r.seed))];
  return `${configHeader(config, `${seeds[0]}…${seeds[seeds.length - 1]} (${seeds.length} paired seeds)`)}\n${toCsv(seedsTable(runs))}`;
}
