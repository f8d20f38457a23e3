/**
 * `starling report DIR [--out FILE]` — write DIR/report.html for a sweep (or a merge): one
 * self-contained page with recovery curves, every metric vs each varied parameter, the analyses of
 * DIR/analysis and the summary table (src/results/report.ts).
 * It reads only the manifest and the journal, so it works on partial results too (and says so).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bool, checkKnown, flag, parseArgs, UsageError } from './args.ts';
import { FILES, display, planFromManifest, readJournal, readManifest, shardText, writeAtomic } from './sweepFiles.ts';
import { renderReport } from '../results/report.ts';
import { sortRecords } from '../../sim/experiment/records.ts';
import type { AnalysisResult } from '../analysis/result.ts';

/** The analyses `starling analyze` wrote into DIR/analysis (unreadable files are skipped, with a note). */
function readAnalyses(dir: string): AnalysisResult[] {
  const folder = join(dir, 'analysis');
  if (!existsSync(folder)) return [];
  const out: AnalysisResult[] = [];
  for (const f of readdirSync(folder).filter((n) => n.endsWith('.json')).sort()) {
    try {
      out.push(JSON.parse(readFileSync(join(folder, f), 'utf8')) as AnalysisResult);
    } catch {
      console.error(`starling report: skipped analysis/${f} (not readable JSON)`);
    }
  }
  return out;
}

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
    analyses: readAnalyses(dir),
  });
  const out = resolve(flag(args, 'out') ?? join(dir, FILES.report));
  writeAtomic(out, html);
  if (!bool(args, 'quiet')) console.log(`wrote ${display(out)} (${sorted.length} of ${manifest.runs.total} runs; open it in any browser, offline)`);
  return 0;
}
