/**
 * `starling run <scenario> [--seeds N | --seed S] [--modes hierarchical,spontaneous,hybrid:0.2]
 *  [--set path=value …] [--out DIR] [--json]` — paired replicates of a scenario. With --out it writes
 * runs.csv, manifest.json and summary.md; without it prints the summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bool, checkKnown, flag, number, parseArgs, UsageError } from './args.ts';
import { DEFAULT_SCENARIO, loadScenario } from './scenarioFile.ts';
import { parseModes, runPaired } from '../../sim/model/runner.ts';
import { summarise, summaryMarkdown } from '../../sim/model/summary.ts';
import { runsCsv } from './csv.ts';
import { provenance } from './provenance.ts';

const KNOWN = ['seeds', 'seed', 'modes', 'set', 'out', 'json', 'quiet'];

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
  const results = runPaired(scenario, {
    seeds,
    modes,
    onRun: (_r, done, total) => {
      if (!quiet && process.stderr.isTTY) process.stderr.write(`\r${done}/${total} runs`);
    },
  });
  if (!quiet && process.stderr.isTTY) process.stderr.write('\n');
  const metrics = results.map((r) => r.metrics);
  const summaries = summarise(metrics);
  const md = summaryMarkdown(`${scenario.title} — ${seeds.length} paired seed${seeds.length > 1 ? 's' : ''}`, summaries);
  const out = flag(args, 'out');
  if (out) {
    mkdirSync(out, { recursive: true });
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
