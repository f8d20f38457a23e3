/**
 * The final tables of a sweep (or a merge), rebuilt from journal records: runs.csv, timeseries.csv
 * (when the experiment records series), summary.csv and summary.md, each written atomically. Rows are
 * sorted by point, replicate and mode, so the files do not depend on scheduling.
 */
import { existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../../sim/experiment/plan.ts';
import { runsCsv, sortRecords, timeseriesCsv, type RunRecord } from '../../sim/experiment/records.ts';
import { summarisePoints, summaryCsv, summaryMd } from '../../sim/experiment/summary.ts';
import { FILES, writeAtomic } from './sweepFiles.ts';

/** Write the tables; returns the file names written. */
export function writeTables(dir: string, plan: Plan, records: Iterable<RunRecord>, meta: { total: number; shard?: string }): { files: string[]; sorted: RunRecord[] } {
  const sorted = sortRecords(plan, records);
  const files: string[] = [];
  writeAtomic(join(dir, FILES.runs), runsCsv(plan, sorted));
  files.push(FILES.runs);
  if (plan.experiment.series) {
    writeAtomic(join(dir, FILES.timeseries), timeseriesCsv(plan, sorted));
    files.push(FILES.timeseries);
  } else if (existsSync(join(dir, FILES.timeseries))) unlinkSync(join(dir, FILES.timeseries));
  const summaries = summarisePoints(plan, sorted);
  writeAtomic(join(dir, FILES.summaryCsv), summaryCsv(plan, summaries));
  writeAtomic(join(dir, FILES.summaryMd), summaryMd(plan, summaries, { runs: sorted.length, total: meta.total, shard: meta.shard }));
  files.push(FILES.summaryCsv, FILES.summaryMd);
  return { files, sorted };
}
