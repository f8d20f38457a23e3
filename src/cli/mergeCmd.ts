/**
 * `starling merge DIR… --out DIR` — combine the shards of one sweep (`sweep --shard k/n`, e.g. the
 * tasks of a Slurm job array) into one folder with the same files a single-process sweep writes:
 * journal.jsonl, runs.csv, timeseries.csv, summary.csv, summary.md and manifest.json. Refuses
 * folders of different experiments (their experiment ids differ), runs that disagree between
 * folders, and incomplete sets of shards — each with one line that says what to do.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bool, checkKnown, flag, parseArgs, UsageError } from './args.ts';
import { provenance } from './provenance.ts';
import {
  FILES,
  FORMAT,
  acquireLock,
  display,
  ensureDir,
  inspectDir,
  planFromManifest,
  readJournal,
  readManifest,
  removeStaleTemps,
  shardText,
  writeAtomic,
  writeJournal,
  type Manifest,
} from './sweepFiles.ts';
import { scenarioTiers, writeTables } from './sweepOutput.ts';
import { canonicalJson, runsOf } from '../../sim/experiment/plan.ts';
import { checkRecord, sortRecords, type RunRecord } from '../../sim/experiment/records.ts';

const KNOWN = ['out', 'quiet'];

interface Input {
  dir: string;
  manifest: Manifest;
  records: RunRecord[];
}

const rel = display;

export async function mergeCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['quiet']);
  checkKnown(args, KNOWN, 'merge');
  const outFlag = flag(args, 'out');
  if (!args.positional.length) throw new UsageError('give the shard folders to merge, e.g. npx starling merge out/x-shard-1-of-2 out/x-shard-2-of-2 --out out/x');
  if (!outFlag) throw new UsageError('give --out DIR: the folder for the merged results (new or empty)');
  const out = resolve(outFlag);
  const dirs = [...new Set(args.positional.map((d) => resolve(d)))];

  // Read every input (read-only) and check they belong together.
  const inputs: Input[] = dirs.map((dir) => {
    if (!existsSync(dir)) throw new UsageError(`no folder "${rel(dir)}": give the output folders of \`starling sweep --shard k/n\``);
    if (!statSync(dir).isDirectory()) throw new UsageError(`"${rel(dir)}" is a file: give the output folders of \`starling sweep --shard k/n\``);
    const manifest = readManifest(dir);
    return { dir, manifest, records: readJournal(dir)?.records ?? [] };
  });
  if (dirs.includes(out)) throw new UsageError(`--out ${rel(out)} is also one of the folders to merge: choose a new folder for the merged results`);
  const first = inputs[0];
  for (const other of inputs.slice(1)) {
    if (other.manifest.experimentHash !== first.manifest.experimentHash) {
      throw new UsageError(
        `${rel(other.dir)} holds a different experiment ("${other.manifest.name}", id ${other.manifest.experimentHash}) from ${rel(first.dir)} ("${first.manifest.name}", id ${first.manifest.experimentHash}): merge only shards of one experiment file, run with the same Starling version`,
      );
    }
  }
  const engines = new Map(inputs.map((i) => [i.manifest.engine, i]));
  if (engines.size > 1) {
    const [a, b] = [...engines.values()];
    throw new UsageError(
      `${rel(a.dir)} and ${rel(b.dir)} were computed by different builds of the engine (${a.manifest.engine}, commit ${a.manifest.commit.slice(0, 10)} vs ${b.manifest.engine}, commit ${b.manifest.commit.slice(0, 10)}): their runs are not comparable; re-run the shards of one build and merge those`,
    );
  }
  const plan = planFromManifest(first.manifest);
  const specs = new Map(runsOf(plan).map((r) => [r.id, r]));
  const all = new Map<string, { rec: RunRecord; dir: string }>();
  for (const input of inputs) {
    for (const rec of input.records) {
      const problem = checkRecord(rec, specs.get(rec.id));
      if (problem) throw new UsageError(`${rel(join(input.dir, FILES.journal))}: ${problem}; that folder does not match its manifest — re-run that shard into a new folder`);
      const seen = all.get(rec.id);
      if (!seen) all.set(rec.id, { rec, dir: input.dir });
      else if (canonicalJson({ m: seen.rec.metrics, s: seen.rec.series ?? null }) !== canonicalJson({ m: rec.metrics, s: rec.series ?? null })) {
        throw new UsageError(`run ${rec.id} differs between ${rel(seen.dir)} and ${rel(input.dir)}: they were computed by different code (commits ${inputs.find((i) => i.dir === seen.dir)!.manifest.commit.slice(0, 10)} and ${input.manifest.commit.slice(0, 10)}); re-run one of them`);
      }
    }
  }
  const total = specs.size;
  const missing = [...specs.keys()].filter((id) => !all.has(id));
  if (missing.length) throw new UsageError(`${missing.length} of ${total} runs are missing (e.g. ${missing[0]}): ${whatIsMissing(inputs)}; add or finish those shards, then merge again`);

  // The output folder: new, empty, or an earlier merge of the same experiment.
  const state = inspectDir(out);
  if (state.kind === 'file') throw new UsageError(`--out ${rel(out)} is a file, not a folder: choose a folder path`);
  if (state.kind === 'foreign') throw new UsageError(`${rel(out)} is not empty and holds no Starling sweep (it has ${state.entries.slice(0, 3).join(', ')}): choose an empty or new --out folder`);
  if (state.kind === 'sweep') {
    if (state.manifest.experimentHash !== first.manifest.experimentHash) throw new UsageError(`${rel(out)} holds a different experiment ("${state.manifest.name}", id ${state.manifest.experimentHash}): choose another --out`);
    if (!state.manifest.mergedFrom) throw new UsageError(`${rel(out)} holds a sweep of this experiment (not a merge): choose a new --out folder for the merged results`);
  }
  ensureDir(out);
  const release = acquireLock(out);
  try {
    removeStaleTemps(out);
    const records = sortRecords(plan, [...all.values()].map((v) => v.rec));
    writeJournal(out, { journal: FORMAT, experimentHash: first.manifest.experimentHash, shard: 'all' }, records);
    const { files } = writeTables(out, plan, records, { total, tiers: scenarioTiers(first.manifest.scenario) });
    const prov = provenance();
    const commits = [...new Set(inputs.map((i) => i.manifest.commit))];
    const manifest: Manifest = {
      ...first.manifest,
      status: 'complete',
      shard: null,
      runs: { total, done: records.length, experiment: total },
      starling: prov.starling,
      commit: prov.commit,
      node: prov.node,
      created: prov.created,
      updated: prov.created,
      sessions: inputs.flatMap((i) => i.manifest.sessions ?? []),
      timing: {
        wallSeconds: Math.max(...inputs.map((i) => i.manifest.timing?.wallSeconds ?? 0)),
        runSeconds: records.reduce((s, r) => s + (r.ms ?? 0), 0) / 1000,
        runsPerSecond: null,
      },
      mergedFrom: inputs.map((i) => ({ dir: i.dir, shard: i.manifest.shard, runs: i.records.length, commit: i.manifest.commit, node: i.manifest.node })),
      files: [FILES.manifest, FILES.journal, ...files],
    };
    writeAtomic(join(out, FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    if (!bool(args, 'quiet')) {
      if (commits.length > 1) process.stderr.write(`merge: note: the shards were run from different commits (${commits.map((c) => c.slice(0, 10)).join(', ')}); their runs agree where they overlap\n`);
      console.log(`merged ${inputs.length} folder${inputs.length === 1 ? '' : 's'} (${records.length} runs) into ${rel(out)}: ${files.join(', ')}, manifest.json\nreport: npx starling report ${rel(out)}`);
    }
    return 0;
  } finally {
    release();
  }
}

/** Which shards are absent or unfinished, in words. */
function whatIsMissing(inputs: Input[]): string {
  const parts: string[] = [];
  const ns = [...new Set(inputs.map((i) => i.manifest.shard?.n ?? 1))];
  if (ns.length === 1 && ns[0] > 1) {
    const n = ns[0];
    const have = new Set(inputs.map((i) => i.manifest.shard!.k));
    const absent = Array.from({ length: n }, (_, k) => k + 1).filter((k) => !have.has(k));
    if (absent.length) parts.push(`shard${absent.length > 1 ? 's' : ''} ${absent.map((k) => `${k}/${n}`).join(', ')} ${absent.length > 1 ? 'were' : 'was'} not given`);
  }
  for (const i of inputs) {
    if (i.records.length < i.manifest.runs.total) {
      parts.push(`${rel(i.dir)} (shard ${shardText(i.manifest.shard)}) is unfinished, ${i.records.length} of ${i.manifest.runs.total} runs: finish it with npx starling sweep ${i.manifest.experimentFile ?? '<experiment.json>'} --out ${rel(i.dir)}${i.manifest.shard ? ` --shard ${shardText(i.manifest.shard)}` : ''} --resume`);
    }
  }
  return parts.length ? parts.join('; ') : 'give every shard folder of the experiment';
}
