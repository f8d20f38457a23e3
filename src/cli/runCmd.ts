/**
 * `starling run <scenario> [--seeds N | --seed S] [--modes hierarchical,spontaneous,hybrid:0.2]
 *  [--set path=value …] [--out DIR] [--json]` — paired replicates of a scenario. With --out it writes
 * runs.csv, manifest.json and summary.md; without it prints the summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bool, checkKnown, flag, number, parseArgs, UsageError } from './args.ts';
import { DEFAULT_SCENARIO, loadScenario } from './scenarioFile.ts';
import { modeLabel, parseModes, runPaired, type ModeSpec, type RunResult } from '../../sim/model/runner.ts';
import { Simulation } from '../../sim/model/simulation.ts';
import { snapshot } from '../../sim/model/snapshot.ts';
import type { Scenario } from '../../sim/model/scenario.ts';
import { makeDir, writeAtomic } from './atomic.ts';
import { summarise, summaryMarkdown } from '../../sim/model/summary.ts';
import { runsCsv } from './csv.ts';
import { provenance } from './provenance.ts';

const KNOWN = ['seeds', 'seed', 'modes', 'set', 'out', 'json', 'quiet', 'snapshot-every'];

export async function runCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', 'quiet']);
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
    writeFileSync(join(out, 'runs.csv'), runsCsv(scenario.name, metrics));
    writeFileSync(join(out, 'summary.md'), md);
    const manifest = { command: ['starling', 'run', ...argv], scenarioFile: path, scenario, seeds, modes, ...provenance(), seconds: (Date.now() - started) / 1000 };
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    if (!quiet) console.log(`${md}\nwrote ${join(out, 'runs.csv')}, summary.md and manifest.json`);
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
