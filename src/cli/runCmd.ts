/**
 * `starling run <scenario> [--seeds N | --seed S] [--modes hierarchical,spontaneous,hybrid:0.2]
 *  [--set path=value …] [--out DIR [--force]] [--json]` — paired replicates of a scenario. With --out it
 * writes the same folder layout as a sweep (runs, summary as CSV and Parquet, codebook, summary.md,
 * manifest.json) and refuses a folder that already holds something unless --force; without it
 * prints the summary.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bool, checkKnown, flag, number, parseArgs, UsageError } from './args.ts';
import { DEFAULT_SCENARIO, loadScenario } from './scenarioFile.ts';
import { modeLabel, parseModes, runPaired, type ModeSpec, type RunResult } from '../../sim/model/runner.ts';
import { Simulation } from '../../sim/model/simulation.ts';
import { snapshot } from '../../sim/model/snapshot.ts';
import type { Scenario } from '../../sim/model/scenario.ts';
import { makeDir, writeAtomic } from './atomic.ts';
import { summarise, summaryMarkdown } from '../../sim/model/summary.ts';
import { scenarioTiers, writeTables } from './sweepOutput.ts';
import { runId, type Plan } from '../../sim/experiment/plan.ts';
import type { RunRecord } from '../../sim/experiment/records.ts';
import type { Experiment } from '../../sim/experiment/schema.ts';
import { provenance } from './provenance.ts';

const KNOWN = ['seeds', 'seed', 'modes', 'set', 'out', 'force', 'json', 'quiet', 'snapshot-every'];

/** An existing result folder is never overwritten without --force (61 rows once became 5 that way). */
function refuseExisting(out: string, force: boolean): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a file, not a folder: choose a folder path`);
  const entries = readdirSync(out).filter((e) => !e.startsWith('.'));
  if (entries.length === 0 || force) return;
  const results = entries.some((e) => e === 'runs.csv' || e === 'manifest.json');
  throw new UsageError(`${out} already holds ${results ? 'results' : `other files (${entries.slice(0, 3).join(', ')})`}: choose another --out, or add --force to overwrite ${results ? 'them' : 'into it'}`);
}

/** A run's seeds as the replicates of a one-point experiment, so `run` writes a sweep's layout. */
function runPlan(scenario: Scenario, seeds: number[], modes: ModeSpec[]): Plan {
  const labels = modes.map((m) => modeLabel(m));
  const experiment: Experiment = { name: scenario.name, title: `${scenario.title} — ${seeds.length} paired seed${seeds.length > 1 ? 's' : ''}`, description: '', scenario: scenario.name, set: [], vary: [], design: { type: 'grid' }, modes: labels, replicates: seeds.length, seed: scenario.seed, seeds: 'independent', series: null };
  return { experiment, points: [{ index: 0, values: {} }], modes, labels, seeds: [seeds], sampleHours: [scenario.run.sampleEvery * scenario.run.dt], horizons: [scenario.run.horizon] };
}

export async function runCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', 'quiet', 'force']);
  checkKnown(args, KNOWN, 'run');
  const name = args.positional[0] ?? DEFAULT_SCENARIO;
  if (args.flags.has('seeds') && args.flags.has('seed')) throw new UsageError('give either --seeds N (seeds 1…N) or --seed S (one run), not both');
  const { scenario, path } = loadScenario(name, args.flags.get('set') ?? []);
  const count = number(args, 'seeds', { min: 1, max: 100_000, integer: true });
  const one = number(args, 'seed', { min: 0, max: 2 ** 31 - 1, integer: true });
  const seeds = one !== undefined ? [one] : Array.from({ length: count ?? 20 }, (_, k) => scenario.seed + k);
  let modes;
  try {
    modes = parseModes(flag(args, 'modes') ?? 'hierarchical,spontaneous');
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const started = Date.now();
  const quiet = bool(args, 'quiet') || bool(args, 'json');
  const every = number(args, 'snapshot-every', { min: 0.1, max: 1e6 });
  const out = flag(args, 'out');
  if (out) refuseExisting(out, bool(args, 'force'));
  if (every !== undefined && !out) throw new UsageError('--snapshot-every needs --out DIR (snapshots go to DIR/snapshots/)');
  const progress = (done: number, total: number) => {
    if (!quiet && process.stderr.isTTY) process.stderr.write(`\r${done}/${total} runs`);
  };
  const results = every === undefined
    ? runPaired(scenario, { seeds, modes, onRun: (_r, done, total) => progress(done, total) })
    : runWithSnapshots(scenario, seeds, modes, every, join(out!, 'snapshots'), progress);
  if (!quiet && process.stderr.isTTY) process.stderr.write('\n');
  const metrics = results.map((r) => r.metrics);
  const summaries = summarise(metrics);
  const md = summaryMarkdown(`${scenario.title} — ${seeds.length} paired seed${seeds.length > 1 ? 's' : ''}`, summaries);
  if (out) {
    makeDir(out);
    // The same layout as a sweep's folder: one point, the seeds as replicates, the same writer.
    const plan = runPlan(scenario, seeds, modes);
    const records: RunRecord[] = results.map((r, k) => {
      const replicate = Math.floor(k / modes.length);
      const label = plan.labels[k % modes.length];
      return { id: runId(0, replicate, label), point: 0, replicate, mode: label, seed: seeds[replicate], metrics: r.metrics };
    });
    const { files } = writeTables(out, plan, records, { total: records.length, tiers: scenarioTiers(scenario), source: { command: ['starling', 'run', ...argv] } });
    const manifest = { format: 'starling-run/1', command: ['starling', 'run', ...argv], scenarioFile: path, scenario, seeds, modes: plan.labels, ...provenance(), seconds: (Date.now() - started) / 1000 };
    writeAtomic(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    if (!quiet) console.log(`${md}\nwrote ${[...files, 'manifest.json'].join(', ')} to ${out}`);
  } else if (bool(args, 'json')) {
    console.log(JSON.stringify({ scenario: scenario.name, runs: metrics, summaries }, null, 2));
  } else {
    console.log(md);
  }
  return 0;
}

/** Runs that also write a snapshot every `every` simulated hours (atomically: never half-written). */
function runWithSnapshots(scenario: Scenario, seeds: number[], modes: ModeSpec[], every: number, dir: string, progress: (done: number, total: number) => void): RunResult[] {
  makeDir(dir);
  const out: RunResult[] = [];
  for (const seed of seeds) {
    for (const m of modes) {
      const sim = new Simulation(scenario, { ...m, seed });
      let next = every;
      while (!sim.done) {
        sim.step();
        if (sim.time >= next - 1e-9) {
          writeAtomic(join(dir, `${modeLabel(m).replace(':', '-')}-seed${seed}-t${next.toFixed(1)}.json`), `${JSON.stringify(snapshot(sim))}\n`);
          next += every;
        }
      }
      out.push({ metrics: sim.metrics() });
      progress(out.length, seeds.length * modes.length);
    }
  }
  return out;
}
