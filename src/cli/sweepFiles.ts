/**
 * The files of a sweep's output folder and how they are kept safe:
 *
 *   manifest.json   what was run (experiment, resolved scenario, points, seeds, shard), provenance, timing
 *   journal.jsonl   append-only: a header line, then one JSON line per completed run, fsync'd line by line
 *   runs.csv, timeseries.csv, summary.csv, summary.md   final tables, rebuilt from the journal
 *   .lock           pid and host of the sweep writing the folder
 *
 * The journal is the source of truth. A run is done exactly when its line is in the journal (results
 * arriving together are written and fsync'd together — a group commit — before they count); a kill
 * (even kill -9 or a power cut) can at worst leave a torn last line, which is dropped on --resume.
 * Every other file is written to a temporary name, fsync'd and renamed, so it is either the old
 * complete file or the new complete file, never half of one.
 */
import { createHash } from 'node:crypto';
import { makeDir, writeAtomic } from './atomic.ts';
import { closeSync, existsSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, statSync, truncateSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { parseJsonText } from './jsonText.ts';
import { UsageError } from './args.ts';
import { readScenarioJson } from './scenarioFile.ts';
import { ValidationError } from '../../sim/params/errors.ts';
import type { Scenario } from '../../sim/model/scenario.ts';
import { modeSpecOf, parseExperiment, type Experiment } from '../../sim/experiment/schema.ts';
import { canonicalJson, identityOf, planExperiment, pointScenario, type Plan, type Point, type Shard } from '../../sim/experiment/plan.ts';
import type { RunRecord } from '../../sim/experiment/records.ts';

declare const STARLING_ROOT: string;

export const FORMAT = 'starling-sweep/1';
export const FILES = {
  manifest: 'manifest.json',
  journal: 'journal.jsonl',
  lock: '.lock',
  runs: 'runs.csv',
  timeseries: 'timeseries.csv',
  summaryCsv: 'summary.csv',
  summaryMd: 'summary.md',
  report: 'report.html',
} as const;
const MAX_EXPERIMENT_BYTES = 1_000_000;

/** A ValidationError as one line: "file: problem; problem". */
export function oneLine(err: ValidationError, what: string): UsageError {
  return new UsageError(`${what}: ${err.problems.join('; ')}`);
}

export interface LoadedExperiment {
  file: string | null;
  experiment: Experiment;
  scenarioFile: string;
  scenarioRaw: unknown;
  /** The scenario with the horizon and the held parameters applied (varied ones at their base values). */
  scenario: Scenario;
  plan: Plan;
  hash: string;
}

/** The Starling version recorded in manifests and hashed into the experiment identity. */
export function starlingVersion(): string {
  return (JSON.parse(readFileSync(join(STARLING_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export function experimentHash(exp: Experiment, scenario: Scenario, version: string): string {
  return createHash('sha256').update(canonicalJson(identityOf(exp, scenario, version))).digest('hex').slice(0, 16);
}

/** Plan an already-parsed experiment against a raw scenario (shared by sweep, merge and report). */
export function planFrom(experiment: Experiment, scenarioRaw: unknown, what: string, version: string): { plan: Plan; scenario: Scenario; hash: string } {
  try {
    const held: Point = { index: -1, values: {} };
    const scenario = pointScenario(experiment, scenarioRaw, held, what);
    const plan = planExperiment(experiment, scenarioRaw, what);
    return { plan, scenario, hash: experimentHash(experiment, scenario, version) };
  } catch (err) {
    if (err instanceof ValidationError) throw oneLine(err, what);
    throw err;
  }
}

/** Read, validate and plan an experiment file; every problem becomes one line (exit 2). */
export function loadExperimentFile(file: string): LoadedExperiment {
  if (!existsSync(file)) throw new UsageError(`no experiment file "${file}": check the path (examples: experiments/example.json, experiments/quick.json)`);
  if (!statSync(file).isFile()) throw new UsageError(`"${file}" is a folder, not an experiment file: give the path of a .json file`);
  const size = statSync(file).size;
  if (size > MAX_EXPERIMENT_BYTES) throw new UsageError(`${file}: ${size} bytes is larger than the ${MAX_EXPERIMENT_BYTES}-byte limit for an experiment file`);
  const raw = parseJsonText(readFileSync(file, 'utf8'), file);
  let experiment: Experiment;
  try {
    // A points design's CSV is read relative to the experiment file.
    const readText = (f: string) => readFileSync(isAbsolute(f) ? f : join(dirname(file), f), 'utf8');
    experiment = parseExperiment(raw, file, basename(file).replace(/\.json$/i, '').replace(/[^a-zA-Z0-9._-]/g, '-') || 'experiment', { readText });
  } catch (err) {
    if (err instanceof ValidationError) throw oneLine(err, file);
    throw err;
  }
  // A scenario path is looked up next to the experiment file first, then as given, then among the shipped ones.
  const local = isAbsolute(experiment.scenario) ? experiment.scenario : join(dirname(file), experiment.scenario);
  let scenarioFile: string;
  let scenarioRaw: unknown;
  try {
    ({ path: scenarioFile, raw: scenarioRaw } = readScenarioJson(existsSync(local) && statSync(local).isFile() ? local : experiment.scenario));
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(`${file}: scenario: ${err.message}`);
    throw err;
  }
  const { plan, scenario, hash } = planFrom(experiment, scenarioRaw, file, starlingVersion());
  return { file, experiment, scenarioFile, scenarioRaw, scenario, plan, hash };
}

export interface Session {
  started: string;
  ended?: string;
  status: 'running' | 'interrupted' | 'complete' | 'failed';
  engine?: string;
  host: string;
  pid: number;
  workers: number;
  runs: number;
  seconds?: number;
}

export interface Manifest {
  format: typeof FORMAT;
  status: 'running' | 'interrupted' | 'complete' | 'failed';
  experimentHash: string;
  name: string;
  experimentFile: string | null;
  experiment: Experiment;
  scenarioFile: string;
  scenarioRaw: unknown;
  scenario: Scenario;
  points: Point[];
  modes: string[];
  replicates: number;
  /** seeds[point][replicate], the same for every mode. */
  seeds: number[][];
  shard: Shard | null;
  runs: { total: number; done: number; experiment: number };
  /** Fingerprint of the engine build that computed the runs (see pool.ts engineFingerprint). */
  engine: string;
  starling: string;
  commit: string;
  node: string;
  created: string;
  updated: string;
  sessions: Session[];
  timing: { wallSeconds: number; runSeconds: number; runsPerSecond: number | null };
  mergedFrom?: Array<{ dir: string; shard: Shard | null; runs: number; commit: string; node: string }>;
  files: string[];
}

export const shardText = (s: Shard | null) => (s ? `${s.k}/${s.n}` : 'all');

// ---------------------------------------------------------------------------------------------
// Atomic writes.

/** Write a file so it is never seen half-written: temp name, fsync, rename, fsync the folder. */
export { writeAtomic };


const isTemp = (name: string) => /^\..*\.tmp-\d+$/.test(name);

/** Remove temporary files left by a killed writer (never anything else). */
export function removeStaleTemps(dir: string): void {
  for (const name of readdirSync(dir)) if (isTemp(name)) unlinkSync(join(dir, name));
}

// ---------------------------------------------------------------------------------------------
// Output folders.

export type DirState = { kind: 'absent' } | { kind: 'empty' } | { kind: 'sweep'; manifest: Manifest } | { kind: 'foreign'; entries: string[] } | { kind: 'file' };

/** What an output folder holds, read-only. */
export function inspectDir(dir: string): DirState {
  if (!existsSync(dir)) return { kind: 'absent' };
  if (!statSync(dir).isDirectory()) return { kind: 'file' };
  const entries = readdirSync(dir).filter((n) => !isTemp(n) && n !== FILES.lock);
  if (entries.length === 0) return { kind: 'empty' };
  if (!entries.includes(FILES.manifest)) return { kind: 'foreign', entries };
  return { kind: 'sweep', manifest: readManifest(dir) };
}

export function readManifest(dir: string): Manifest {
  const path = join(dir, FILES.manifest);
  if (!existsSync(path)) throw new UsageError(`${dir} holds no ${FILES.manifest}: give a folder written by \`npx starling sweep\` or \`merge\``);
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (err) {
    throw new UsageError(`${path} is not valid JSON (${(err as Error).message}); this folder was not written by a complete Starling sweep`);
  }
  if (m.format !== FORMAT || typeof m.experimentHash !== 'string') throw new UsageError(`${path} is not a Starling sweep manifest (format ${JSON.stringify(m.format)}, expected "${FORMAT}")`);
  return m;
}

// ---------------------------------------------------------------------------------------------
// Lock.

interface LockInfo {
  pid: number;
  host: string;
  started: string;
  /** Kernel start time of the process (Linux), to tell a live sweep from a reused pid. */
  ticks?: string | null;
}

function startTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function alive(lock: LockInfo): boolean {
  try {
    process.kill(lock.pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // After a kill -9 the pid may have been reused by another program: compare start times.
  const now = startTicks(lock.pid);
  return !(lock.ticks && now && now !== lock.ticks);
}

/** Take the folder's lock (one writer at a time); a lock left by a dead process on this host is taken over. */
export function acquireLock(dir: string): () => void {
  const path = join(dir, FILES.lock);
  const mine: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString(), ticks: startTicks(process.pid) };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${JSON.stringify(mine)}\n`);
      fsyncSync(fd);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          const now = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
          if (now.pid === mine.pid && now.host === mine.host) unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let other: LockInfo | undefined;
      try {
        other = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
      } catch {
        other = undefined; // torn lock file: its writer died while writing it
      }
      if (other && (other.host !== mine.host || alive(other))) {
        throw new UsageError(`${dir} is in use by another sweep (pid ${other.pid} on ${other.host}, since ${other.started}): wait for it to finish, or if that process is gone delete ${path}`);
      }
      try {
        unlinkSync(path);
      } catch {
        /* someone else took it over first; retry */
      }
    }
  }
  throw new UsageError(`could not lock ${dir}: delete ${path} if no sweep is writing there`);
}

// ---------------------------------------------------------------------------------------------
// Journal.

export interface JournalHeader {
  journal: typeof FORMAT;
  experimentHash: string;
  shard: string;
}

export interface JournalContents {
  header: JournalHeader;
  records: RunRecord[];
  /** Bytes of complete, valid lines; anything after is a torn tail. */
  goodBytes: number;
  tornBytes: number;
}

/** Read a journal without changing it. A torn last line (kill mid-write) is reported, not fatal. */
export function readJournal(dir: string): JournalContents | undefined {
  const path = join(dir, FILES.journal);
  if (!existsSync(path)) return undefined;
  const buf = readFileSync(path);
  const records: RunRecord[] = [];
  let header: JournalHeader | undefined;
  let start = 0;
  let goodBytes = 0;
  let line = 0;
  const seen = new Set<string>();
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    if (nl < 0) break; // no newline: torn tail
    line++;
    const text = buf.subarray(start, nl).toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // Only the last line may be damaged (a crash while it was being written); anything earlier is corruption.
      if (buf.indexOf(0x0a, nl + 1) < 0 && nl + 1 >= buf.length) break;
      throw new UsageError(`${path}: line ${line} is damaged (not JSON). The lines before it are intact: to keep them, cut the file at line ${line - 1} (head -n ${line - 1}) and run again with --resume`);
    }
    if (line === 1) {
      const h = value as JournalHeader;
      if (h?.journal !== FORMAT) throw new UsageError(`${path} is not a Starling sweep journal (first line has no "journal": "${FORMAT}")`);
      header = h;
    } else {
      const rec = value as RunRecord;
      if (!seen.has(rec.id)) {
        seen.add(rec.id);
        records.push(rec);
      }
    }
    start = nl + 1;
    goodBytes = start;
  }
  if (!header) return undefined; // header never completed: nothing was journaled
  return { header, records, goodBytes, tornBytes: buf.length - goodBytes };
}

/** Append-only journal writer: one line per run, each fsync'd before the next is accepted. */
export class Journal {
  private fd: number;

  private constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }

  /** Create a journal with its header (atomically), or open an existing one after cutting a torn tail. */
  static open(dir: string, header: JournalHeader, existing: JournalContents | undefined): Journal {
    const path = join(dir, FILES.journal);
    if (!existing) writeAtomic(path, `${JSON.stringify(header)}\n`);
    else if (existing.tornBytes > 0) {
      truncateSync(path, existing.goodBytes);
      const fd = openSync(path, 'r+');
      fsyncSync(fd);
      closeSync(fd);
    }
    return new Journal(path);
  }

  /** Append complete runs (one line each) and make them durable before returning. */
  append(recs: RunRecord[]): void {
    if (!recs.length) return;
    writeSync(this.fd, recs.map((r) => `${JSON.stringify(r)}\n`).join(''));
    fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/** Write a complete journal (for merge): header then sorted records, atomically. */
export function writeJournal(dir: string, header: JournalHeader, records: RunRecord[]): void {
  writeAtomic(join(dir, FILES.journal), `${[JSON.stringify(header), ...records.map((r) => JSON.stringify(r))].join('\n')}\n`);
}

/** A path as the user would type it: relative to the working folder when inside it, else absolute. */
export function display(p: string): string {
  const r = relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') || isAbsolute(r) ? p : r;
}

export function ensureDir(dir: string): void {
  makeDir(dir);
}

/** The plan recorded in a manifest (no scenario is re-resolved: the manifest is the record). */
export function planFromManifest(m: Manifest): Plan {
  const horizon = m.scenario?.run?.horizon ?? 0;
  return {
    experiment: m.experiment,
    points: m.points,
    modes: m.modes.map(modeSpecOf),
    labels: m.modes,
    seeds: m.seeds,
    sampleHours: m.points.map(() => (m.scenario?.run ? m.scenario.run.sampleEvery * m.scenario.run.dt : 1)),
    horizons: m.points.map(() => horizon),
  };
}
