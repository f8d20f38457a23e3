/**
 * The tables of a result folder — one layout for `run`, `sweep` and `merge` — rebuilt from the run
 * records: runs, timeseries (when series are recorded) and summary, each as CSV and Parquet from the
 * same columns (src/results/tables.ts), the codebook of every column, and summary.md. Each file is
 * written atomically; rows are sorted by point, replicate and mode, so the files do not depend on
 * scheduling.
 */
import { existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../../sim/experiment/plan.ts';
import { sortRecords, type RunRecord } from '../../sim/experiment/records.ts';
import { summarisePoints, summaryMd } from '../../sim/experiment/summary.ts';
import { runsTable, summaryTable, tierCount, timeseriesTable, toCsv, toParquet, type Table } from '../results/tables.ts';
import { codebookJson, codebookMd } from '../results/codebook.ts';
import { FILES, writeAtomic } from './sweepFiles.ts';

export interface TableMeta {
  total: number;
  shard?: string;
  /** Supply-chain tiers of the base scenario (bullwhip columns). */
  tiers: number;
  /** What made the folder, for the codebook. */
  source?: Record<string, unknown>;
}

/** Write the tables; returns the file names written. */
export function writeTables(dir: string, plan: Plan, records: Iterable<RunRecord>, meta: TableMeta): { files: string[]; sorted: RunRecord[] } {
  const sorted = sortRecords(plan, records);
  const files: string[] = [];
  const tables: Table[] = [runsTable(plan, sorted, tierCount(sorted, meta.tiers))];
  if (plan.experiment.series) tables.push(timeseriesTable(plan, sorted));
  else for (const f of [FILES.timeseries, 'timeseries.parquet']) if (existsSync(join(dir, f))) unlinkSync(join(dir, f));
  const summaries = summarisePoints(plan, sorted);
  tables.push(summaryTable(plan, summaries));
  for (const t of tables) {
    writeAtomic(join(dir, `${t.name}.csv`), toCsv(t));
    writeAtomic(join(dir, `${t.name}.parquet`), toParquet(t));
    files.push(`${t.name}.csv`, `${t.name}.parquet`);
  }
  writeAtomic(join(dir, FILES.summaryMd), summaryMd(plan, summaries, { runs: sorted.length, total: meta.total, shard: meta.shard }));
  writeAtomic(join(dir, 'codebook.md'), codebookMd(tables, plan.experiment.title));
  writeAtomic(join(dir, 'codebook.json'), codebookJson(tables, { experiment: plan.experiment.name, runs: sorted.length, ...meta.source }));
  files.push(FILES.summaryMd, 'codebook.md', 'codebook.json');
  return { files, sorted };
}

/** Supply-chain tiers of a resolved scenario: every firm but the customers. */
export function scenarioTiers(scenario: { firms: Array<{ role: string }> } | undefined): number {
  return scenario?.firms?.filter((f) => f.role !== 'customer').length ?? 0;
}
