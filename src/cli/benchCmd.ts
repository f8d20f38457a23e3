/**
 * `starling bench` (also `npm run bench`): the engine's speed and memory. Sections:
 *  - kernel: the standard boids workload (torus, radius r, L = √(N·π·r²/15), ≈15 neighbours each) at
 *    N = 1k, 10k, 100k, with the WebAssembly SIMD and the JavaScript pair pass (identical results),
 *    each size and pass in a fresh Node process with --expose-gc;
 *  - model: the business step on the default scenario and a 10× ecosystem (the ring search in
 *    WebAssembly and in JavaScript, and the metric rule), and its cost per person relative to the
 *    kernel phase alone;
 *  - batch: runs/s of the default scenario with one worker thread and with all of them;
 *  - scaling: the business step's cost per person at 1k, 10k and 50k people (five firms, the space
 *    grown with the headcount), as ratios to 1k, with bytes per person and heap growth per tick;
 *  - baseline: batch runs/s and the 100k kernel of this checkout and of commit 0b9777f (a git
 *    worktree, src/cli/benchBaseline.ts), measured in turn in the same run, as ratios;
 *  - web: the lab in headless Chromium at 2k, 10k, 50k people per twin (main-thread ms per frame,
 *    worker ms per tick);
 *  - peers: Starling vs AgentScript and Flocc on the same workload (src/cli/benchPeers.ts), N = 1k,
 *    10k, 100k, a fresh process per engine, size and repetition, interleaved, 5 repetitions of 1 + 5
 *    steps (quick: 1k and 10k, 2 repetitions of 1 + 3 steps, peers skipped over 1 s a step).
 * The model section also runs in a child process with --expose-gc, so its bytes per person are exact.
 * Results go to stdout and bench/results.json (+ bench/results.md).
 *
 *   starling bench [--quick] [--json] [--only kernel,model,batch,web,peers]
 *   starling bench kernel --n 100000 [--pair-pass auto|js|wasm] --json   one kernel size, machine-readable
 *   starling bench analysis [--json]   Sobol, Morris and PRIM on 20,000 runs' records (src/cli/benchAnalysis.ts)
 *   starling bench room [--n 200] [--seconds 60]   a workshop room under load (src/cli/benchRoom.ts)
 */
import { availableParallelism } from 'node:os';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bool, checkKnown, flag, number, parseArgs, UsageError } from './args.ts';
import { benchKernel, type KernelBenchResult } from './benchKernel.ts';
import { benchModel, type ModelBenchResult } from './benchModel.ts';
import { benchPeers, type PeerBenchResult } from './benchPeers.ts';
import type { WebBenchResult } from './benchWeb.ts';
import { benchBatch, defaultWorkers, type BatchBenchResult } from './pool.ts';
import { BASELINE_COMMIT, baselineBatch, baselineCheckout, baselineKernel } from './benchBaseline.ts';

declare const STARLING_ROOT: string;
const KNOWN = ['n', 'json', 'quick', 'seconds', 'child', 'only', 'minutes', 'pair-pass', 'baseline', 'neighbours'];
const PAIR_PASSES = ['auto', 'js', 'wasm'] as const;
/** Ticks the scaling section times at every size: 4 h to 16 h of the run (the early response), in as many runs as 3 s take. */
const SCALING_WINDOW_TICKS = 120;
const SECTIONS = ['kernel', 'model', 'scaling', 'batch', 'baseline', 'web', 'peers'] as const;

export async function benchCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', 'quick', 'child']);
  checkKnown(args, KNOWN, 'bench');
  const what = args.positional[0] ?? 'all';
  const quick = bool(args, 'quick');
  const seconds = number(args, 'seconds', { min: 0.1, max: 600 }) ?? (quick ? 1 : 3);
  const pairPass = flag(args, 'pair-pass') ?? 'auto';
  if (!(PAIR_PASSES as readonly string[]).includes(pairPass)) throw new UsageError(`--pair-pass: "${pairPass}" is not one of ${PAIR_PASSES.join(', ')}`);
  if (what === 'kernel' && args.flags.has('n')) {
    const n = number(args, 'n', { min: 1, max: 5_000_000, integer: true })!;
    const result = kernelInFreshProcess(n, seconds, bool(args, 'child'), pairPass as (typeof PAIR_PASSES)[number], quick);
    if (bool(args, 'json')) console.log(JSON.stringify(result));
    else printKernel([result]);
    return 0;
  }
  if (what === 'analysis') {
    const { benchAnalysis } = await import('./benchAnalysis.ts');
    const rows = benchAnalysis();
    if (bool(args, 'json')) console.log(JSON.stringify(rows));
    else for (const r of rows) console.log(`${r.method.padEnd(44)} ${String(r.runs).padStart(6)} runs, ${String(r.points).padStart(6)} points: ${(r.ms / 1000).toFixed(2)} s`);
    return 0;
  }
  if (what === 'soak') {
    const minutes = number(args, 'minutes', { min: 0.1, max: 24 * 60 }) ?? 30;
    // Loaded only when needed: they pull in playwright-core, which would slow every CLI start.
    const { soak } = await import('./soak.ts');
    const samples = await soak(minutes, (s) => console.log(`minute ${s.minute}: ${s.frames} frames, ${s.simHours.toFixed(0)} simulated hours, JS heap ${s.heapMB.toFixed(2)} MB`));
    mkdirSync(join(STARLING_ROOT, 'bench'), { recursive: true });
    writeFileSync(join(STARLING_ROOT, 'bench', 'soak.json'), `${JSON.stringify({ date: new Date().toISOString(), minutes, samples }, null, 2)}\n`);
    return 0;
  }
  if (what === 'room') {
    // Loaded only when needed (playwright-core, the room server).
    const { benchRoom, printRoom } = await import('./benchRoom.ts');
    const participants = number(args, 'n', { min: 1, max: 2000, integer: true }) ?? (quick ? 50 : 200);
    const secs = number(args, 'seconds', { min: 1, max: 3600 }) ?? (quick ? 10 : 60);
    const result = await benchRoom(participants, secs, (line) => console.error(line));
    if (bool(args, 'json')) console.log(JSON.stringify(result));
    else for (const line of printRoom(result)) console.log(line);
    mkdirSync(join(STARLING_ROOT, 'bench'), { recursive: true });
    writeFileSync(join(STARLING_ROOT, 'bench', 'room.json'), `${JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2)}\n`);
    return 0;
  }
  if (what === 'model' && bool(args, 'child')) {
    console.log(JSON.stringify(modelSuite(quick)));
    return 0;
  }
  if (what === 'scaling' && bool(args, 'child')) {
    const people = number(args, 'n', { min: 10, max: 5_000_000, integer: true })!;
    const k = number(args, 'neighbours', { min: 0, max: 64, integer: true });
    console.log(JSON.stringify(benchModel(`${people} people`, people, 'spontaneous', seconds, 'auto', k === undefined ? [] : [`movement.neighbours=${k}`], SCALING_WINDOW_TICKS)));
    return 0;
  }
  if (what !== 'all' && !(SECTIONS as readonly string[]).includes(what)) throw new UsageError(`unknown benchmark "${what}" (choose ${SECTIONS.join(', ')}, or nothing for all)`);
  const only = what !== 'all' ? [what] : (flag(args, 'only')?.split(',') ?? [...SECTIONS]);
  for (const s of only) if (!(SECTIONS as readonly string[]).includes(s)) throw new UsageError(`--only: unknown section "${s}" (choose from ${SECTIONS.join(', ')})`);
  const results: {
    date: string; node: string; quick: boolean; kernel?: KernelBenchResult[]; model?: ModelBenchResult[]; scaling?: ModelBenchResult[]; scalingRuns?: ModelBenchResult[][]; scalingMetric?: ModelBenchResult[]; batch?: BatchBenchResult[];
    baseline?: BaselineResult; web?: WebBenchResult[]; peers?: PeerBenchResult[];
  } = { date: new Date().toISOString(), node: process.version, quick };
  const lines: string[] = [];
  if (only.includes('kernel')) {
    // Both pair passes (identical results), each size and pass in a fresh process, interleaved.
    results.kernel = [1_000, 10_000, 100_000].flatMap((n) => (['wasm', 'js'] as const).map((pp) => kernelInFreshProcess(n, seconds, false, pp, quick)));
    lines.push(...printKernel(results.kernel));
  }
  if (only.includes('model')) {
    results.model = modelInFreshProcess(quick);
    lines.push(...printModel(results.model));
  }
  if (only.includes('scaling')) {
    // Each size in a fresh process with --expose-gc (exact bytes per person, no JIT state shared).
    // The rule in use (the 7 nearest), and the metric rule it replaced (everyone in range) side by
    // side up to 10k; at 50k the metric rule takes seconds per tick and is left out.
    // The sizes of the rule in use run in turn, three times (1k, 10k, 50k, 1k, …), so each
    // repetition's ratios compare runs minutes apart, not a drifting machine's start and end; the
    // table shows each size's median run, the target its median ratio.
    const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 50_000];
    const reps = quick ? 1 : 3;
    const runs: ModelBenchResult[][] = sizes.map(() => []);
    for (let r = 0; r < reps; r++) sizes.forEach((people, k) => runs[k].push(scalingInFreshProcess(people, quick ? 1 : 3)));
    results.scalingRuns = runs;
    results.scaling = runs.map((rs) => [...rs].sort((a, b) => a.msPerTick - b.msPerTick)[Math.floor(rs.length / 2)]);
    results.scalingMetric = [1_000, 10_000].map((people) => scalingInFreshProcess(people, quick ? 1 : 3, 0));
    lines.push(...printScaling(results.scaling, results.scalingMetric, runs));
  }
  if (only.includes('batch')) {
    // The same runs with one worker thread and with all of them (paired seeds, default scenario).
    const runs = quick ? 16 : 48;
    const all = defaultWorkers();
    results.batch = [await benchBatch({ runs, workers: 1 }), ...(all > 1 ? [await benchBatch({ runs, workers: all })] : [])];
    lines.push(...printBatch(results.batch));
  }
  if (only.includes('baseline')) {
    const commit = flag(args, 'baseline') ?? BASELINE_COMMIT;
    const b = baselineCheckout(STARLING_ROOT, commit);
    const runs = quick ? 16 : 48;
    const all = defaultWorkers();
    // In turn, so both see the same machine: baseline batch, ours, baseline kernel, ours.
    const theirBatch = baselineBatch(b, quick);
    const ourBatch = [await benchBatch({ runs, workers: 1 }), ...(all > 1 ? [await benchBatch({ runs, workers: all })] : [])];
    const theirKernel = baselineKernel(b, 100_000, seconds);
    const ourKernel = kernelInFreshProcess(100_000, seconds, false, 'auto', quick);
    results.baseline = { commit: b.commit, theirBatch, ourBatch, theirKernel, ourKernel };
    lines.push(...printBaseline(results.baseline));
  }
  if (only.includes('web')) {
    const { benchWeb } = await import('./benchWeb.ts');
    results.web = await benchWeb(quick ? [2_000, 10_000] : [2_000, 10_000, 50_000], quick ? 4 : 8, [10_000], [10_000]);
    lines.push(...printWeb(results.web));
  }
  if (only.includes('peers')) {
    results.peers = await benchPeers({
      sizes: quick ? [1_000, 10_000] : [1_000, 10_000, 100_000],
      reps: quick ? 2 : 5,
      // Every engine runs the same steps from the same kind of start, so all are timed over the same
      // window of the dynamics (the flocks cluster slowly and neighbour counts rise).
      seconds: 120,
      warmup: 1,
      steps: quick ? 3 : 5,
      // Quick: a lower bar, so Flocc is skipped at 10k (≈2 s a step here) to keep the run short.
      maxStepS: quick ? 1 : 10,
      log: (l) => console.error(l),
    });
    lines.push(...printPeers(results.peers, quick));
  }
  if (bool(args, 'json')) console.log(JSON.stringify(results, null, 2));
  const dir = join(STARLING_ROOT, 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(dir, 'results.md'), `# Benchmark results (${results.date}, Node ${results.node}${quick ? ', quick' : ''})\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n`);
  return 0;
}

function kernelInFreshProcess(n: number, seconds: number, inThisProcess: boolean, pairPass: (typeof PAIR_PASSES)[number], quick: boolean): KernelBenchResult {
  // Memory phase: enough steps for the per-step heap figures to settle (fewer in quick mode).
  const memSteps = Math.max(quick ? 20 : 50, Math.min(quick ? 500 : 2000, Math.round((quick ? 5e6 : 2e7) / n)));
  if (inThisProcess) return benchKernel(n, seconds, pairPass, memSteps);
  const cli = fileURLToPath(new URL('./cli.mjs', import.meta.url));
  const child = spawnSync(process.execPath, ['--expose-gc', cli, 'bench', 'kernel', '--n', String(n), '--seconds', String(seconds), '--pair-pass', pairPass, '--json', '--child', ...(quick ? ['--quick'] : [])], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`benchmark child for n=${n} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as KernelBenchResult;
}

interface BaselineResult {
  commit: string;
  theirBatch: BatchBenchResult[];
  ourBatch: BatchBenchResult[];
  theirKernel: KernelBenchResult;
  ourKernel: KernelBenchResult;
}

function scalingInFreshProcess(people: number, seconds: number, neighbours?: number): ModelBenchResult {
  const cli = fileURLToPath(new URL('./cli.mjs', import.meta.url));
  const rule = neighbours === undefined ? [] : ['--neighbours', String(neighbours)];
  const child = spawnSync(process.execPath, ['--expose-gc', cli, 'bench', 'scaling', '--child', '--n', String(people), '--seconds', String(seconds), ...rule], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`scaling benchmark child for ${people} people failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as ModelBenchResult;
}

function modelSuite(quick: boolean): ModelBenchResult[] {
  const s = quick ? 1 : 3;
  return [
    benchModel('default scenario', null, 'hierarchical', s),
    benchModel('default scenario', null, 'spontaneous', s),
    // The same search in JavaScript (identical results), to show what the WebAssembly port gains.
    benchModel('default scenario', null, 'spontaneous', s, 'js'),
    // The metric rule the 7 nearest replaced (everyone in range; WebAssembly pair pass), for comparison.
    benchModel('default, metric rule', null, 'spontaneous', s, 'auto', ['movement.neighbours=0']),
    benchModel('10× ecosystem', 1800, 'spontaneous', s),
    benchModel('10× ecosystem', 1800, 'spontaneous', s, 'js'),
    benchModel('10× ecosystem, metric rule', 1800, 'spontaneous', s, 'auto', ['movement.neighbours=0']),
  ];
}

/** The model section in a child with --expose-gc (exact bytes per person and heap growth). */
function modelInFreshProcess(quick: boolean): ModelBenchResult[] {
  const cli = fileURLToPath(new URL('./cli.mjs', import.meta.url));
  const child = spawnSync(process.execPath, ['--expose-gc', cli, 'bench', 'model', '--child', ...(quick ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`model benchmark child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as ModelBenchResult[];
}

function show(lines: string[]): string[] {
  for (const l of lines) console.log(l);
  return lines;
}

function printKernel(results: KernelBenchResult[]): string[] {
  return show([
    'Kernel, standard boids workload (torus, ≈15 neighbours), one core; pair pass: WebAssembly SIMD or JavaScript (identical results)',
    '       N   pair pass   steps/s   agent-updates/s   ms/step (min–max)   bytes/agent   retained/step   allocated/step',
    ...results.map((r) => `${String(r.n).padStart(8)}   ${r.pairPass.padEnd(9)} ${r.stepsPerSec.toFixed(1).padStart(9)} ${(r.agentUpdatesPerSec / 1e6).toFixed(2).padStart(15)} M ${`${r.msPerStep.median.toFixed(2)} (${r.msPerStep.min.toFixed(2)}–${r.msPerStep.max.toFixed(2)})`.padStart(19)} ${r.heapBytesPerAgent.toFixed(0).padStart(13)} ${r.heapGrowthPerStep.toFixed(1).padStart(13)} B ${r.allocatedBytesPerStep.toFixed(1).padStart(14)} B`),
    '',
  ]);
}

function printModel(results: ModelBenchResult[]): string[] {
  return show([
    'Business model (one core)',
    'scenario                    mode           neighbours         people   ticks/s   person-updates/s   ms/tick   kernel ms/tick   step ÷ kernel   bytes/person   heap growth/tick',
    ...results.map((r) => `${r.name.padEnd(27)} ${r.mode.padEnd(13)}  ${r.pairPass.padEnd(16)} ${String(r.people).padStart(7)} ${r.ticksPerSec.toFixed(0).padStart(9)} ${(r.personUpdatesPerSec / 1e6).toFixed(3).padStart(16)} M ${r.msPerTick.toFixed(3).padStart(9)} ${r.kernelMsPerTick.toFixed(3).padStart(16)} ${r.ratioToKernel.toFixed(2).padStart(15)} ${r.bytesPerPerson.toFixed(0).padStart(14)} ${r.heapGrowthPerTick.toFixed(0).padStart(16)} B`),
    '',
  ]);
}

function printScaling(results: ModelBenchResult[], metric: ModelBenchResult[] = [], runs: ModelBenchResult[][] = []): string[] {
  const perPerson = (r: ModelBenchResult) => r.msPerTick / r.people;
  // Each repetition's cost per person at each size ÷ that at 1k in the same repetition.
  const ratios = runs.slice(1).map((rs, k) => ({ people: results[k + 1].people, each: rs.map((r, rep) => perPerson(r) / perPerson(runs[0][rep])) }));
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const targetLines = runs.length && runs[0].length > 1
    ? ratios.map(({ people, each }) => `  target cost per person at ${people / 1000}k ≤ 1.3× that at 1k: ${median(each).toFixed(2)}× (median of ${each.length} interleaved repetitions: ${each.map((x) => x.toFixed(2)).join(', ')})${median(each) <= 1.3 ? ' (met)' : ''}`)
    : [];
  const row = (rule: string, r: ModelBenchResult, base: number) =>
    `${rule.padEnd(22)} ${String(r.people).padStart(7)} ${r.msPerTick.toFixed(2).padStart(9)} ${(1000 * perPerson(r)).toFixed(3).padStart(11)} ${(perPerson(r) / base).toFixed(2).padStart(20)} ${r.kernelMsPerTick.toFixed(2).padStart(16)} ${r.bytesPerPerson.toFixed(0).padStart(14)} ${r.heapGrowthPerTick.toFixed(0).padStart(16)} B`;
  return show([
    `Scaling: the business step (spontaneous, five firms, space grown with the headcount), one core, every size timed over the same ${SCALING_WINDOW_TICKS} ticks (4 h on); target: cost per person at 10k and 50k ≤ 1.3× that at 1k`,
    'neighbour rule          people   ms/tick   µs/person   × per person at 1k   kernel ms/tick   bytes/person   heap growth/tick',
    ...results.map((r) => row('7 nearest (in use)', r, perPerson(results[0]))),
    ...metric.map((r) => row('everyone in range', r, perPerson(metric[0]))),
    ...targetLines,
    '',
  ]);
}

function printBaseline(r: BaselineResult): string[] {
  const rows = r.ourBatch.map((ours) => {
    const theirs = r.theirBatch.find((t) => t.workers === ours.workers);
    const ratio = theirs ? (ours.runsPerSec / theirs.runsPerSec).toFixed(2) : 'n/a';
    return `${String(ours.workers).padStart(7)} ${(theirs?.runsPerSec ?? NaN).toFixed(2).padStart(14)} ${ours.runsPerSec.toFixed(2).padStart(11)} ${ratio.padStart(9)}`;
  });
  const k = (x: KernelBenchResult) => (x.agentUpdatesPerSec / 1e6).toFixed(2);
  return show([
    `Against commit ${r.commit} (measured in turn in this run); targets: batch ≥ 3× with one worker, ≥ 1.8× with two; kernel at 100k ≥ 1.5×`,
    'workers   runs/s then   runs/s now   × then',
    ...rows,
    `kernel, 100k agents (standard boids workload, default pair pass): ${k(r.theirKernel)} M → ${k(r.ourKernel)} M agent-updates/s, ${(r.ourKernel.agentUpdatesPerSec / r.theirKernel.agentUpdatesPerSec).toFixed(2)}×`,
    '',
  ]);
}

function printBatch(results: BatchBenchResult[]): string[] {
  const one = results[0].runsPerSec;
  return show([
    'Batch runs (default scenario, hierarchical and spontaneous on paired seeds, worker threads)',
    'workers   runs   seconds   runs/s   × one worker',
    ...results.map((r) => `${String(r.workers).padStart(7)} ${String(r.runs).padStart(6)} ${r.seconds.toFixed(2).padStart(9)} ${r.runsPerSec.toFixed(2).padStart(8)} ${(r.runsPerSec / one).toFixed(2).padStart(14)}`),
    '',
  ]);
}

function printWeb(results: WebBenchResult[]): string[] {
  // Issue 15's targets for the lab, as measured ÷ target (≤ 1 is met).
  const at = (n: number) => results.find((r) => r.people === n && !r.oneThread && !r.silenced);
  const row = (r: WebBenchResult) => `${r.people}${r.oneThread ? ' ×1' : r.silenced ? ' silenced' : ''}`.padStart(11);
  const target = (label: string, r: WebBenchResult | undefined, value: (r: WebBenchResult) => number, limit: number) =>
    r ? `${label} ${value(r).toFixed(1)} ms vs ≤ ${limit} ms: ${(value(r) / limit).toFixed(2)}× the target${value(r) <= limit ? ' (met)' : ''}` : '';
  const targets = [
    target('worker per tick, both twins, 10k/twin:', at(10_000), (r) => r.workerMsPerTick.median, 16),
    target('worker per tick, 50k/twin:', at(50_000), (r) => r.workerMsPerTick.median, 100),
    target('main thread per frame, 10k/twin:', at(10_000), (r) => r.mainMsPerFrame.median, 4),
  ].filter(Boolean);
  return show([
    'Lab in headless Chromium (SwiftShader): two twins',
    ...targets.map((t) => `  target ${t}`),
    `Search threads: the worker and its helpers (${results.find((r) => !r.oneThread)?.searchThreads ?? '?'} here); ×1: the same lab limited to one (?threads=1), side by side`,
    ...(results.some((r) => r.silenced) ? ['silenced: the same lab with the page\'s drawing silenced once started (WebGL and 2D canvas calls made no-ops, the page hidden): what the worker takes when SwiftShader does not share the cores (not a target figure)'] : []),
    'people/twin   frames   main ms/frame (median, p90)   worker ms/tick (median, p90)   JS heap start → end MB',
    ...results.map((r) => `${row(r)} ${String(r.frames).padStart(8)} ${`${r.mainMsPerFrame.median.toFixed(2)}, ${r.mainMsPerFrame.p90.toFixed(2)}`.padStart(29)} ${`${r.workerMsPerTick.median.toFixed(2)}, ${r.workerMsPerTick.p90.toFixed(2)}`.padStart(30)} ${`${r.heapStartMB.toFixed(1)} → ${r.heapEndMB.toFixed(1)}`.padStart(24)}`),
    ...(results.some((r) => r.cpu)
      ? [
        `CPU time of each thread over the same window (Linux /proc): the worker threads' own CPU per tick (the lab's worker and its search helpers), and the cores busy (of ${availableParallelism()})`,
        'people/twin   ticks  workers CPU ms/tick   SwiftShader threads, cores   all of Chromium, cores',
        ...results.map((r) => (r.cpu
          ? `${row(r)} ${String(r.cpu.ticks).padStart(7)} ${r.cpu.workerCpuMsPerTick.toFixed(2).padStart(20)} ${r.cpu.softwareGlCores.toFixed(2).padStart(28)} ${r.cpu.chromiumCores.toFixed(2).padStart(24)}`
          : `${row(r)}   (no /proc reading)`)),
      ]
      : []),
    '',
  ]);
}

function printPeers(results: PeerBenchResult[], quick: boolean): string[] {
  const f = (v: number) => (v >= 0.1e6 ? `${(v / 1e6).toFixed(2)}M` : `${(v / 1e3).toFixed(1)}k`);
  const reps = Math.max(...results.map((r) => r.reps));
  return show([
    `Peers, standard boids workload (same rule, r = 1, ≈15 neighbours), one process each, ${reps} interleaved repetitions${quick ? ' (quick)' : ''}`,
    'agent-updates per CPU-second: median (min–max) over repetitions; ms/step: median of per-process medians (CPU, wall)',
    '      N   engine                  agent-updates/s (min–max)        ms/step CPU   ms/step wall   Starling ×   neighbours start → end',
    ...results.map((r) =>
      r.skipped && !r.reps
        ? `${String(r.n).padStart(7)}   ${r.peer.padEnd(21)}   skipped: ${r.skipped}`
        : `${String(r.n).padStart(7)}   ${r.peer.padEnd(21)} ${`${f(r.agentUpdatesPerSec.median)} (${f(r.agentUpdatesPerSec.min)}–${f(r.agentUpdatesPerSec.max)})`.padStart(28)} ${r.cpuMsPerStep.median.toFixed(2).padStart(16)} ${r.wallMsPerStep.median.toFixed(2).padStart(14)} ${r.starlingSpeedup.toFixed(r.starlingSpeedup >= 100 ? 0 : 1).padStart(12)} ${`${r.meanNeighboursStart.toFixed(1)} → ${r.meanNeighboursEnd.toFixed(1)}`.padStart(24)}${r.skipped ? `  (${r.skipped})` : ''}`,
    ),
    '',
  ]);
}
