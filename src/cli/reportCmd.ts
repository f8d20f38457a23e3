/**
 * `starling report DIR [--out FILE]` — write DIR/report.html for a sweep (or a merge): one
 * self-contained page with recovery curves, savings vs each varied parameter and the summary table.
 * It reads only the manifest and the journal, so it works on partial results too (and says so).
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bool, checkKnown, flag, parseArgs, UsageError } from './args.ts';
import { FILES, display, planFromManifest, readJournal, readManifest, shardText, writeAtomic } from './sweepFiles.ts';
import { renderReport } from '../../sim/experiment/report.ts';
import { sortRecords } from '../../sim/experiment/records.ts';

export async function reportCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['quiet']);
  checkKnown(args, ['out', 'quiet'], 'report');
  if (args.positional.length !== 1) throw new UsageError('give one sweep folder, e.g. npx starling report out/quick');
  const dir = resolve(args.positional[0]);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`no folder "${args.positional[0]}": give the --out folder of \`starling sweep\` or \`merge\``);
  const manifest = readManifest(dir);
  const journal = readJournal(dir);
  if (!journal || journal.records.length === 0) throw new UsageError(`${args.positional[0]} holds no completed runs yet: run (or --resume) the sweep first`);
  const plan = planFromManifest(manifest);
  const sorted = sortRecords(plan, journal.records.filter((r) => r.point < plan.points.length && plan.labels.includes(r.mode)));
  const html = renderReport(plan, sorted, {
    experimentHash: manifest.experimentHash,
    scenarioTitle: manifest.scenario?.title,
    starling: manifest.starling,
    commit: manifest.commit,
    node: manifest.node,
    created: manifest.updated ?? manifest.created,
    total: manifest.runs.total,
    shard: manifest.shard ? shardText(manifest.shard) : null,
    wallSeconds: manifest.timing?.wallSeconds,
  });
  const out = resolve(flag(args, 'out') ?? join(dir, FILES.report));
  writeAtomic(out, html);
  if (!bool(args, 'quiet')) console.log(`wrote ${display(out)} (${sorted.length} of ${manifest.runs.total} runs; open it in any browser, offline)`);
  return 0;
}
