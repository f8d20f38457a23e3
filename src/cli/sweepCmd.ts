/**
 * `starling sweep <experiment.json> [--out DIR] [--workers K] [--shard k/n] [--resume] [--quiet] [--dry-run]`
 *
 * Runs every (point, replicate, mode) of an experiment — or a deterministic 1/n of them with
 * --shard — on a worker_threads pool, journaling each completed run (fsync'd) before counting it,
 * then writes runs.csv, timeseries.csv, summary.csv, summary.md and manifest.json. Interrupted
 * (Ctrl-C, SIGTERM, kill -9)? Run the same command with --resume: completed runs are kept and every
 * run ends up in the results exactly once. Bad input is refused before anything is written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { bool, checkKnown, flag, number, parseArgs, UsageError } from './args.ts';
import { provenance } from './provenance.ts';
import { defaultWorkers, engineFingerprint, RunPool, type TaskResult, type WorkerTask } from './pool.ts';
import { Progress, formatDuration } from './progress.ts';
import {
  FILES,
  FORMAT,
  Journal,
  acquireLock,
  display,
  ensureDir,
  inspectDir,
  loadExperimentFile,
  readJournal,
  removeStaleTemps,
  shardText,
  writeAtomic,
  type LoadedExperiment,
  type Manifest,
  type Session,
} from './sweepFiles.ts';
import { scenarioTiers, writeTables } from './sweepOutput.ts';
import { markStale } from '../results/report.ts';
import { parseShard, pointOverrides, runsOf, seriesPlan, type RunSpec, type Shard } from '../../sim/experiment/plan.ts';
import { checkRecord, type RunRecord } from '../../sim/experiment/records.ts';

const KNOWN = ['out', 'workers', 'shard', 'resume', 'quiet', 'dry-run'];

export function defaultOut(name: string, shard: Shard | null): string {
  return shard ? join('out', `${name}-shard-${shard.k}-of-${shard.n}`) : join('out', name);
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function resumeCommand(file: string, out: string, shard: Shard | null): string {
  return `npx starling sweep ${shellQuote(file)} --out ${shellQuote(display(out))}${shard ? ` --shard ${shard.k}/${shard.n}` : ''} --resume`;
}

/** More workers than cores only slows a sweep (64 on 2 cores took 7× longer and 1.8 GB): cap, and say so. */
export function capWorkers(asked: number | undefined, quiet: boolean): number | undefined {
  const cores = defaultWorkers();
  if (asked === undefined || asked <= cores) return asked;
  if (!quiet) console.error(`starling sweep: --workers ${asked} is more than the ${cores} core${cores === 1 ? '' : 's'} here; using ${cores} (extra workers only compete for the same cores)`);
  return cores;
}

export async function sweepCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['resume', 'quiet', 'dry-run']);
  checkKnown(args, KNOWN, 'sweep');
  if (args.positional.length === 0) throw new UsageError('give an experiment file, e.g. npx starling sweep experiments/quick.json (see docs/cluster.md for the format)');
  if (args.positional.length > 1) throw new UsageError(`give one experiment file, not ${args.positional.length} (${args.positional.join(', ')})`);
  const file = args.positional[0];
  let shard: Shard | null = null;
  const shardFlag = flag(args, 'shard');
  if (shardFlag !== undefined) {
    try {
      shard = parseShard(shardFlag);
      if (shard.n === 1) shard = null; // 1/1 is the whole experiment
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  const quiet = bool(args, 'quiet');
  const workersFlag = capWorkers(number(args, 'workers', { min: 1, max: 1024, integer: true }), quiet);
  const resume = bool(args, 'resume');

  // 1. Everything that can be checked without touching the output folder.
  const loaded = loadExperimentFile(file);
  const { plan, experiment, hash } = loaded;
  const out = resolve(flag(args, 'out') ?? defaultOut(experiment.name, shard));
  const runs = runsOf(plan, shard);
  const experimentRuns = plan.points.length * experiment.replicates * plan.labels.length;
  if (bool(args, 'dry-run')) {
    // Check and describe, touch nothing — the output folder included (a Slurm submit script relies on it).
    checkOutDir(out, loaded, shard, resume, runs, engineFingerprint());
    console.log(`${file}: experiment "${experiment.name}" (id ${hash}) is valid`);
    console.log(`  ${plan.points.length} point${plan.points.length === 1 ? '' : 's'} (${experiment.design.type}) × ${experiment.replicates} replicates × ${plan.labels.length} modes (${plan.labels.join(', ')}) = ${experimentRuns} runs${shard ? `; shard ${shard.k}/${shard.n} has ${runs.length}` : ''}`);
    console.log(`  scenario ${loaded.scenarioFile}, horizon ${loaded.scenario.run.horizon} h; results would go to ${display(out)}`);
    return 0;
  }
  const engine = engineFingerprint();
  checkOutDir(out, loaded, shard, resume, runs, engine);

  // 2. Take the folder, re-check under the lock, keep what was done.
  ensureDir(out);
  const release = acquireLock(out);
  let journal: Journal | undefined;
  const signals: Array<[NodeJS.Signals, () => void]> = [];
  try {
    const state = checkOutDir(out, loaded, shard, resume, runs, engine);
    removeStaleTemps(out);
    const existing = state === 'sweep' ? readJournal(out) : undefined;
    const bySpec = new Map(runs.map((r) => [r.id, r]));
    const done = new Map<string, RunRecord>();
    if (existing) {
      if (existing.header.experimentHash !== hash || existing.header.shard !== shardText(shard)) throw new UsageError(`${join(out, FILES.journal)} belongs to another experiment or shard (${existing.header.experimentHash}, shard ${existing.header.shard}): choose another --out`);
      for (const rec of existing.records) {
        const problem = checkRecord(rec, bySpec.get(rec.id));
        if (problem) throw new UsageError(`${join(out, FILES.journal)}: ${problem}; this folder does not match the experiment — choose another --out`);
        done.set(rec.id, rec);
      }
    }
    const prov = provenance();
    const previous = state === 'sweep' ? (inspectDir(out) as { manifest: Manifest }).manifest : undefined;
    const todo = runs.filter((r) => !done.has(r.id));
    // A report made earlier no longer shows the whole sweep once it goes on: say so in the report.
    const reportFile = join(out, FILES.report);
    if (state === 'sweep' && todo.length > 0 && existsSync(reportFile)) {
      const html = readFileSync(reportFile, 'utf8');
      if (!html.includes('id="stale"')) writeAtomic(reportFile, markStale(html, `the sweep went on at ${new Date().toISOString()} after this report was made; run npx starling report ${display(out)} again for the current results.`));
    }
    const workers = Math.max(1, Math.min(workersFlag ?? defaultWorkers(), todo.length || 1));
    const session: Session = { started: new Date().toISOString(), status: 'running', engine, host: hostname(), pid: process.pid, workers, runs: 0 };
    const manifest: Manifest = {
      format: FORMAT,
      status: 'running',
      experimentHash: hash,
      name: experiment.name,
      experimentFile: loaded.file ? resolve(loaded.file) : null,
      experiment,
      scenarioFile: loaded.scenarioFile,
      scenarioRaw: loaded.scenarioRaw,
      scenario: loaded.scenario,
      points: plan.points,
      modes: plan.labels,
      replicates: experiment.replicates,
      seeds: plan.seeds,
      shard,
      runs: { total: runs.length, done: done.size, experiment: experimentRuns },
      engine,
      starling: prov.starling,
      commit: prov.commit,
      node: prov.node,
      created: previous?.created ?? prov.created,
      updated: prov.created,
      sessions: [...(previous?.sessions ?? []).map((s) => (s.status === 'running' ? { ...s, status: 'interrupted' as const } : s)), session],
      timing: previous?.timing ?? { wallSeconds: 0, runSeconds: 0, runsPerSecond: null },
      files: [FILES.manifest, FILES.journal],
    };
    const saveManifest = () => {
      manifest.updated = new Date().toISOString();
      manifest.runs.done = done.size;
      writeAtomic(join(out, FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    };
    saveManifest();
    journal = Journal.open(out, { journal: FORMAT, experimentHash: hash, shard: shardText(shard) }, existing);
    if (existing && existing.tornBytes > 0 && !quiet) process.stderr.write(`sweep: dropped a torn last line (${existing.tornBytes} bytes) left by an interrupted run; that run will be redone\n`);

    // 3. Run what is left.
    const started = Date.now();
    let interrupted: NodeJS.Signals | null = null;
    let pool: RunPool | undefined;
    const label = `sweep ${experiment.name}${shard ? ` [${shard.k}/${shard.n}]` : ''}`;
    const progress = new Progress({ total: runs.length, already: done.size, label, quiet });
    if (todo.length) {
      for (const sig of ['SIGINT', 'SIGTERM'] as const) {
        const handler = () => {
          if (interrupted) process.exit(sig === 'SIGINT' ? 130 : 143); // second signal: the journal is already safe
          interrupted = sig;
          void pool?.stop();
        };
        process.on(sig, handler);
        signals.push([sig, handler]);
      }
      const series = seriesPlan(plan);
      pool = await RunPool.start(workers, { baseRaw: loaded.scenarioRaw, points: plan.points.map((p) => pointOverrides(experiment, p)), series });
      if (!quiet) process.stderr.write(`${label}: ${workers} worker${workers === 1 ? '' : 's'}, writing ${out}\n`);
      progress.start();
      const tasks: WorkerTask[] = todo.map((r) => ({ key: r.id, point: r.point, mode: plan.modes[r.mode], seed: r.seed }));
      // Group commit: results that arrive together are appended and fsync'd together, and only
      // then count as done (a kill before that just means they are run again).
      let pending: RunRecord[] = [];
      const flush = () => {
        if (!pending.length) return;
        const batch = pending;
        pending = [];
        journal!.append(batch);
        for (const rec of batch) done.set(rec.id, rec);
        session.runs += batch.length;
        progress.tick(batch.length);
      };
      const onResult = (res: TaskResult) => {
        const spec = bySpec.get(res.key) as RunSpec;
        const rec: RunRecord = { id: spec.id, point: spec.point, replicate: spec.replicate, mode: spec.label, seed: spec.seed, metrics: res.metrics, ...(res.series ? { series: res.series } : {}), ms: Math.round(res.ms) };
        if (pending.push(rec) === 1) setImmediate(flush);
      };
      if (!interrupted) {
        try {
          await pool.run(tasks, onResult);
          flush();
        } catch (err) {
          flush();
          await pool.stop();
          session.status = 'failed';
          session.ended = new Date().toISOString();
          manifest.status = 'failed';
          saveManifest();
          throw err;
        }
      }
      await pool.stop();
      flush(); // results that arrived before an interruption are kept
    }
    const seconds = (Date.now() - started) / 1000;
    session.seconds = seconds;
    session.ended = new Date().toISOString();
    manifest.timing = {
      wallSeconds: manifest.timing.wallSeconds + seconds,
      runSeconds: [...done.values()].reduce((s, r) => s + (r.ms ?? 0), 0) / 1000,
      runsPerSecond: seconds > 0 && session.runs ? session.runs / seconds : manifest.timing.runsPerSecond,
    };
    if (interrupted) {
      session.status = 'interrupted';
      manifest.status = 'interrupted';
      saveManifest();
      progress.finish(`interrupted (${interrupted}): ${done.size} of ${runs.length} runs are saved in ${join(out, FILES.journal)}; finish with\n  ${resumeCommand(file, out, shard)}`, true);
      return interrupted === 'SIGINT' ? 130 : 143;
    }
    if (todo.length) progress.finish();

    // 4. Final tables, then the manifest that says they are complete.
    const { files } = writeTables(out, plan, done.values(), { total: runs.length, shard: shard ? `${shard.k}/${shard.n}` : undefined, tiers: scenarioTiers(loaded.scenario) });
    session.status = 'complete';
    manifest.status = 'complete';
    manifest.files = [FILES.manifest, FILES.journal, ...files];
    saveManifest();
    if (!quiet) {
      const rel = display(out);
      console.log(`wrote ${rel}: ${files.join(', ')}, manifest.json — ${runs.length} runs${shard ? ` (shard ${shard.k}/${shard.n} of ${experimentRuns})` : ''}, ${formatDuration(manifest.timing.wallSeconds)} wall`);
      if (shard) console.log(`when every shard is done: npx starling merge <the ${shard.n} shard folders> --out DIR`);
      else console.log(`report: npx starling report ${shellQuote(rel)}`);
    }
    return 0;
  } finally {
    for (const [sig, handler] of signals) process.off(sig, handler);
    journal?.close();
    release();
  }
}

/**
 * Refuse an output folder that holds something else (read-only check). Returns what it holds.
 */
function checkOutDir(out: string, loaded: LoadedExperiment, shard: Shard | null, resume: boolean, runs: RunSpec[], engine: string): 'new' | 'sweep' {
  const state = inspectDir(out);
  if (state.kind === 'absent' || state.kind === 'empty') return 'new';
  if (state.kind === 'file') throw new UsageError(`--out ${out} is a file, not a folder: choose a folder path`);
  if (state.kind === 'foreign') throw new UsageError(`${out} is not empty and holds no Starling sweep (it has ${state.entries.slice(0, 3).join(', ')}${state.entries.length > 3 ? ', …' : ''}): choose an empty or new --out folder`);
  const m = state.manifest;
  if (m.experimentHash !== loaded.hash) {
    throw new UsageError(`${out} holds a different experiment ("${m.name}", id ${m.experimentHash}; ${loaded.file ?? 'this one'} is "${loaded.experiment.name}", id ${loaded.hash}): choose another --out, or delete ${out} to start over`);
  }
  if (m.mergedFrom) throw new UsageError(`${out} holds merged results of this experiment: it is complete; choose another --out to run it again`);
  if (shardText(m.shard) !== shardText(shard)) {
    throw new UsageError(`${out} holds ${m.shard ? `shard ${shardText(m.shard)}` : 'the whole'} of this experiment, not ${shard ? `shard ${shardText(shard)}` : 'the whole of it'}: ${m.shard ? `use --shard ${shardText(m.shard)}` : 'drop --shard'} with this folder, or choose another --out`);
  }
  if (m.engine && m.engine !== engine) {
    throw new UsageError(
      `${out} was started by a different build of the engine (engine ${m.engine}, commit ${m.commit.slice(0, 10)}; this checkout runs engine ${engine}): resuming would mix results of two engines — finish it from commit ${m.commit.slice(0, 10)}, or run the experiment again into another --out`,
    );
  }
  if (!resume) {
    const done = readJournal(out)?.records.length ?? 0;
    throw new UsageError(`${out} already holds this experiment (${Math.min(done, runs.length)} of ${runs.length} runs done): add --resume to ${done < runs.length ? 'finish it' : 'rewrite its tables'} (completed runs are kept), or choose another --out`);
  }
  return 'sweep';
}
