/**
 * `starling analyze morris|sobol|prim DIR [--metric M] [--mode LABEL] [--where "saving < 0"]`
 *
 * Global sensitivity analysis and scenario discovery on a sweep's completed runs (read from the
 * journal, so a sweep still going can be analysed, and the result says how many runs it used):
 *   morris  μ*, μ and σ per parameter with bootstrap intervals (a "morris" design);
 *   sobol   first-order and total indices, Jansen estimators, bootstrap intervals (a "sobol" design);
 *   prim    boxes of parameter space where --where holds for most points (any design).
 * Prints a table and writes DIR/analysis/<method>-<metric>.{csv,json}; `starling report DIR` draws
 * them.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bool, checkKnown, flag, number, parseArgs, UsageError } from './args.ts';
import { display, planFromManifest, readJournal, readManifest, writeAtomic } from './sweepFiles.ts';
import { unitRows } from '../../sim/experiment/plan.ts';
import { csvLine } from '../results/tables.ts';
import { morrisIndices } from '../analysis/morris.ts';
import { sobolIndices } from '../analysis/sobol.ts';
import { prim } from '../analysis/prim.ts';
import { holds, parseCondition, parseOutput, pointOutputs } from '../analysis/outputs.ts';
import { analysisFile, type AnalysisResult } from '../analysis/result.ts';

const METHODS = ['morris', 'sobol', 'prim'] as const;
const KNOWN = ['metric', 'mode', 'where', 'stat', 'resamples', 'threshold', 'peel', 'mass-min', 'boxes', 'json', 'quiet', 'help'];
export const ANALYZE_HELP = 'analyze morris|sobol|prim DIR [--metric saving|T50|…] [--mode LABEL] [--where "saving < 0"] [--stat mean|median] [--resamples 1000] [--threshold 0.8] [--json]';

export async function analyzeCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', 'quiet', 'help']);
  checkKnown(args, KNOWN, 'analyze');
  const [method, folder, ...extra] = args.positional;
  if (!method || !(METHODS as readonly string[]).includes(method)) throw new UsageError(`give a method (${METHODS.join(', ')}) and a sweep folder, e.g. npx starling analyze morris out/morris-screening --metric saving`);
  if (!folder) throw new UsageError(`give the sweep folder to analyse, e.g. npx starling analyze ${method} out/my-sweep`);
  if (extra.length) throw new UsageError(`one sweep folder at a time, not ${args.positional.length - 1}`);
  const dir = resolve(folder);
  const manifest = readManifest(dir);
  const plan = planFromManifest(manifest);
  const exp = plan.experiment;
  const journal = readJournal(dir);
  const records = (journal?.records ?? []).filter((r) => r.point < plan.points.length && plan.labels.includes(r.mode));
  if (records.length === 0) throw new UsageError(`${folder} holds no completed runs yet: run (or --resume) the sweep first`);
  const resamples = number(args, 'resamples', { min: 100, max: 100_000, integer: true }) ?? 1000;
  const stat = flag(args, 'stat') ?? 'mean';
  if (stat !== 'mean' && stat !== 'median') throw new UsageError(`--stat: "${stat}" is not mean or median (how a point's replicates are combined)`);
  const names = exp.vary.map((v) => v.path);
  if ((method === 'morris' || method === 'sobol') && exp.design.type !== method) {
    throw new UsageError(`${folder} is a ${exp.design.type} sweep; ${method} indices need a "${method}" design (see docs/sensitivity.md)`);
  }
  const where = flag(args, 'where');
  if (method === 'prim' && !where) throw new UsageError('prim needs the condition to explain, e.g. --where "saving < 0" (the hierarchy wins) or --where "T50 > 48"');
  if (method !== 'prim' && where) throw new UsageError(`--where is for prim; ${method} takes --metric`);
  const started = performance.now();
  let result: AnalysisResult;
  const base = { sweep: manifest.experimentHash, runs: records.length, totalRuns: manifest.runs.total, design: exp.design.type, resamples, stat };
  if (method === 'prim') {
    let condition;
    try {
      condition = parseCondition(where!);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const modeFlag = flag(args, 'mode');
    const specs = condition.terms.map((t) => {
      try {
        return parseOutput(t.output, modeFlag, plan.labels);
      } catch (err) {
        throw new UsageError((err as Error).message.replace('--metric', '--where'));
      }
    });
    const outputs = specs.map((spec) => pointOutputs(plan, records, { ...spec, stat }));
    const numeric = names.filter((n) => plan.points.every((p) => typeof p.values[n] === 'number' || typeof p.values[n] === 'boolean'));
    const skipped = names.filter((n) => !numeric.includes(n));
    const usable = plan.points.filter((p) => outputs.every((o) => Number.isFinite(o.y[p.index])));
    if (usable.length < 10) throw new UsageError(`${folder}: only ${usable.length} points have results; PRIM needs at least 10`);
    const x = numeric.map((n) => Float64Array.from(usable, (p) => Number(p.values[n])));
    const y = usable.map((p) => condition.terms.every((t, k) => holds(t.op, outputs[k].y[p.index], t.value)));
    const threshold = number(args, 'threshold', { min: 0, max: 1 }) ?? 0.8;
    const r = prim(numeric, x, y, {
      threshold,
      peelAlpha: number(args, 'peel', { min: 0.01, max: 0.5 }) ?? 0.05,
      massMin: number(args, 'mass-min', { min: 0, max: 1 }) ?? 0.05,
      maxBoxes: number(args, 'boxes', { min: 1, max: 20, integer: true }) ?? 3,
    });
    result = { method: 'prim', ...base, condition: where!, mode: specs[0]?.mode ?? '', points: usable.length, skipped, threshold, prim: r };
  } else {
    const spec = (() => {
      try {
        return parseOutput(flag(args, 'metric') ?? 'saving', flag(args, 'mode'), plan.labels);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
    })();
    const out = pointOutputs(plan, records, { ...spec, stat });
    const common = { ...base, metric: spec.text, mode: spec.mode, points: plan.points.length - out.missing, missing: out.missing, censored: out.censored, used: out.used };
    const rows = unitRows(exp);
    if (method === 'morris') result = { method: 'morris', ...common, morris: morrisIndices(names, rows, out.y, { resamples }) };
    else result = { method: 'sobol', ...common, sobol: sobolIndices(names, out.y, { resamples }) };
  }
  const seconds = (performance.now() - started) / 1000;
  const files = analysisFile(result);
  mkdirSync(join(dir, 'analysis'), { recursive: true });
  writeAtomic(join(dir, 'analysis', `${files.stem}.json`), `${JSON.stringify({ ...result, seconds }, null, 2)}\n`);
  writeAtomic(join(dir, 'analysis', `${files.stem}.csv`), `${[csvLine(files.header), ...files.rows.map(csvLine)].join('\n')}\n`);
  if (bool(args, 'json')) console.log(JSON.stringify(result, null, 2));
  else if (!bool(args, 'quiet')) {
    console.log(files.text);
    console.log(`\n${records.length} of ${manifest.runs.total} runs used${records.length < manifest.runs.total ? ' (the sweep is not complete: analyse again when it is)' : ''}; ${seconds.toFixed(2)} s.`);
    console.log(`wrote ${display(join(dir, 'analysis', `${files.stem}.csv`))} and .json; \`npx starling report ${folder}\` draws it`);
  }
  return 0;
}
