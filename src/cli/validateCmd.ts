/**
 * `starling validate <vicsek|couzin|bullwhip|hierarchy|behaviour|emergence|all>`: runs the checks of spec section 7 and prints measured vs
 * expected with pass/fail (exit 1 on any failure). Overrides run one's own point, e.g.
 *   starling validate vicsek --n 400 --l 31.6 --eta 1,2,3 --steps 3000 --seeds 3 --json
 *   starling validate couzin --n 50 --p 0,0.04,0.1 --seeds 100 --json
 */
import { bool, checkKnown, number, numberList, parseArgs, UsageError, type ParsedArgs } from './args.ts';
import { formatChecks, formatFindings, type Check } from '../../sim/validation/check.ts';
import { runVicsek, vicsekChecks, VICSEK_FULL, VICSEK_QUICK, type VicsekOptions } from '../../sim/validation/vicsek.ts';
import { validateBullwhip } from '../../sim/supply/bullwhip.ts';
import { validateHierarchy } from '../../sim/hierarchy/validate.ts';
import { modelZeroLoadExactness } from '../../sim/validation/hierarchyModel.ts';
import { behaviourSuite, BEHAVIOUR_FULL, BEHAVIOUR_QUICK } from '../../sim/validation/behaviour.ts';
import { emergenceSuite, EMERGENCE_FULL, EMERGENCE_QUICK, type Finding } from '../../sim/validation/emergence.ts';
import { sensitivityChecks } from '../analysis/validation.ts';
import { couzinSuite, pointChecks, runCouzin, COUZIN_FULL, COUZIN_QUICK } from '../../sim/validation/couzin.ts';

const SUITES = ['vicsek', 'couzin', 'bullwhip', 'hierarchy', 'behaviour', 'emergence', 'sensitivity', 'all'] as const;
const KNOWN = ['quick', 'json', 'n', 'l', 'eta', 'steps', 'seeds', 'seed', 'p'];

const SUITE_TITLES: Record<keyof typeof SOURCES, string> = { vicsek: 'V1', couzin: 'V2', bullwhip: 'V4', hierarchy: 'V5', behaviour: 'V6', emergence: 'Emergence', sensitivity: 'Sensitivity' };

/** The SOURCES entry of a suite's result, found by its title. */
function sourceKey(suite: string): keyof typeof SOURCES | undefined {
  return (Object.keys(SOURCES) as Array<keyof typeof SOURCES>).find((k) => suite.startsWith(SUITE_TITLES[k]));
}

interface SuiteResult {
  suite: string;
  checks: Check[];
  points: unknown[];
  /** Measurements reported whichever way they fall (not pass/fail). */
  findings?: Finding[];
}

/** Where every reference value comes from (citation and figure or formula), printed with its suite. */
export const SOURCES: Record<Exclude<(typeof SUITES)[number], 'all'>, { runs: string; source: string }> = {
  vicsek: { runs: 'V1 the kernel\'s vicsek1995 preset: polar order v_a against noise η', source: 'Vicsek, Czirók, Ben-Jacob, Cohen & Shochet (1995), Phys. Rev. Lett. 75, 1226, Fig. 2a (v_a vs η, N = 400); η_c read off that figure' },
  couzin: { runs: 'V2 the couzin2005 preset: accuracy of group direction against the proportion informed', source: 'Couzin, Krause, Franks & Levin (2005), Nature 433, 513–516: accuracy vs proportion informed for N = 10 and N = 200 (chance 0.5 at p = 0; larger groups need a smaller proportion)' },
  bullwhip: { runs: 'V4 the supply-chain layer: Var(orders)/Var(demand) per tier', source: 'Chen, Drezner, Ryan & Simchi-Levi (2000), Management Science 46(3), 436–443: the exact variance ratio for order-up-to with a moving-average forecast (L = 2, p = 5)' },
  hierarchy: { runs: 'V5 the escalation engine: zero-load exactness and queueing waits', source: 'the sum of the per-hop constants (exact, no source needed) and the M/M/1 mean time in system 1/(μ − λ) (Kleinrock 1975, Queueing Systems I, eq. 3.26)' },
  behaviour: { runs: 'V6 the business model: the behaviours of spec §6 on paired seeds', source: 'model-spec.md §6 (directions of effect, no published numbers); docs/validation.md V6' },
  emergence: { runs: 'E1–E5 ablations of the swarm and located transitions', source: 'model-spec.md §9; docs/validation.md "Emergence"' },
  sensitivity: { runs: 'SA1–SA5 the Morris, Sobol and PRIM code on functions with known answers', source: 'Ishigami & Homma (1990) and Sobol\'s G function with the analytic indices of Saltelli et al. (2010), Comput. Phys. Commun. 181, 259–270 (derived in src/analysis/testFunctions.ts); a linear function (μ* = |c_i|); a synthetic PRIM box (Friedman & Fisher 1999)' },
};

function sizes(which: string, quick: boolean): string {
  switch (which) {
    case 'vicsek':
      return (quick ? VICSEK_QUICK : VICSEK_FULL).map((o) => `N = ${o.n}, L = ${o.l}, ${o.etas.length} noise levels × ${o.seeds} seed${o.seeds === 1 ? '' : 's'} × ${o.steps} steps`).join('; ');
    case 'couzin': {
      const c = quick ? COUZIN_QUICK : COUZIN_FULL;
      return `${c.seeds} seeds per point (N = 200: half), ${c.steps} steps`;
    }
    case 'bullwhip':
      return quick ? '5,000 periods × 2 seeds, tolerance 8 %' : 'the full horizon and seeds of sim/supply/bullwhip.ts, tolerance 5 %';
    case 'hierarchy':
      return quick ? '3 zero-load runs; short M/M/1 runs' : '20 zero-load runs; M/M/1 runs of 36,000 jobs per load';
    case 'behaviour': {
      const b = quick ? BEHAVIOUR_QUICK : BEHAVIOUR_FULL;
      return `${b.seeds} paired seeds per comparison, ${b.defaultSeeds} for the default saving`;
    }
    case 'emergence': {
      const e = quick ? EMERGENCE_QUICK : EMERGENCE_FULL;
      return `${e.seeds} paired seeds per point, ${e.ablationSeeds} per ablation arm, ${e.noises.length} noise levels, ${e.rates.length} rates, ${e.lambdas.length} λ values`;
    }
    default:
      return 'Sobol designs of N = 1024 base samples, Morris 20–50 trajectories, 2,000 PRIM cases (the same with --quick)';
  }
}

export async function validateCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['quick', 'json']);
  checkKnown(args, KNOWN, 'validate');
  if (args.positional.length === 0) {
    console.log(['usage: starling validate <suite|all> [--quick] [--json]', '', 'Suites (each reproduces published or known values and prints its source):', ...Object.entries(SOURCES).map(([k, v]) => `  ${k.padEnd(12)} ${v.runs}`), '  all          every suite above (about 18 minutes; --quick: about 3)'].join('\n'));
    return 2;
  }
  const which = args.positional[0];
  if (!(SUITES as readonly string[]).includes(which)) throw new UsageError(`unknown suite "${which}" (choose one of ${SUITES.join(', ')})`);
  const quick = bool(args, 'quick');
  const results: SuiteResult[] = [];
  const started = performance.now();
  if (which === 'vicsek' || which === 'all') results.push(vicsek(args, quick));
  if (which === 'couzin' || which === 'all') results.push(couzin(args, quick));
  if (which === 'bullwhip' || which === 'all') results.push(bullwhip(quick));
  if (which === 'hierarchy' || which === 'all') results.push(hierarchy(quick));
  if (which === 'behaviour' || which === 'all') results.push(behaviour(quick));
  if (which === 'emergence' || which === 'all') results.push(emergence(quick));
  if (which === 'sensitivity' || which === 'all') results.push({ suite: 'Sensitivity analysis code against known answers (Ishigami, G function, a linear function, a synthetic PRIM box)', checks: sensitivityChecks(), points: [] });
  const checks = results.flatMap((r) => r.checks);
  const ok = checks.every((c) => c.pass);
  if (bool(args, 'json')) {
    console.log(JSON.stringify({ ok, quick, sources: Object.fromEntries(results.map((r) => { const k = sourceKey(r.suite); return [r.suite, k ? { ...SOURCES[k], sample: sizes(k, quick) } : null]; })), seconds: (performance.now() - started) / 1000, results }, null, 2));
  } else {
    console.log(`validate ${which}: ${quick ? 'QUICK run (--quick: smaller samples, looser tolerances)' : 'full run'}\n`);
    for (const r of results) {
      const key = sourceKey(r.suite);
      if (key) console.log(`Source: ${SOURCES[key].source}\nSample: ${sizes(key, quick)}`);
      console.log(`${formatChecks(r.suite, r.checks)}\n`);
      if (r.findings?.length) console.log(`${formatFindings(r.findings)}\n`);
    }
    console.log(`${checks.filter((c) => c.pass).length} passed, ${checks.filter((c) => !c.pass).length} failed`);
  }
  return ok ? 0 : 1;
}

function vicsek(args: ParsedArgs, quick: boolean): SuiteResult {
  const custom = ['n', 'l', 'eta', 'steps', 'seeds', 'seed'].some((k) => args.flags.has(k));
  const base = quick ? VICSEK_QUICK : VICSEK_FULL;
  const runs: VicsekOptions[] = custom
    ? [{
        n: number(args, 'n', { min: 1, max: 1e6, integer: true }) ?? base[0].n,
        l: number(args, 'l', { min: 1e-3, max: 1e5 }) ?? base[0].l,
        etas: numberList(args, 'eta', { min: 0, max: 2 * Math.PI + 1e-9 }) ?? base[0].etas,
        steps: number(args, 'steps', { min: 10, max: 1e7, integer: true }) ?? base[0].steps,
        seeds: number(args, 'seeds', { min: 1, max: 1e5, integer: true }) ?? base[0].seeds,
        seed: number(args, 'seed', { integer: true }) ?? 1,
      }]
    : base;
  const points = [];
  const checks: Check[] = [];
  for (const opts of runs) {
    const pts = runVicsek(opts);
    points.push(...pts.map((p) => ({ n: opts.n, l: opts.l, density: opts.n / (opts.l * opts.l), ...p })));
    checks.push(...vicsekChecks(pts, opts));
  }
  return { suite: 'V1 Vicsek 1995 (v_a vs noise η)', checks, points };
}

function couzin(args: ParsedArgs, quick: boolean): SuiteResult {
  const custom = ['n', 'p'].some((k) => args.flags.has(k));
  const suite = quick ? COUZIN_QUICK : COUZIN_FULL;
  const seeds = number(args, 'seeds', { min: 1, max: 1e5, integer: true }) ?? suite.seeds;
  const seed = number(args, 'seed', { integer: true }) ?? 1;
  const steps = number(args, 'steps', { min: 250, max: 1e6, integer: true }) ?? suite.steps;
  if (custom) {
    const n = number(args, 'n', { min: 2, max: 1e5, integer: true }) ?? 50;
    const proportions = numberList(args, 'p', { min: 0, max: 1 }) ?? [0, 0.1, 0.2, 0.5];
    const points = runCouzin({ n, proportions, seeds, seed, steps });
    return { suite: 'V2 Couzin 2005 (accuracy vs informed proportion)', checks: pointChecks(points), points };
  }
  const { points, checks } = couzinSuite({ seeds, steps }, seed);
  return { suite: 'V2 Couzin 2005 (accuracy vs informed proportion)', checks, points };
}

function bullwhip(quick: boolean): SuiteResult {
  const rows = validateBullwhip(quick ? { periods: 5000, seeds: 2, tolerance: 0.08 } : {});
  const checks: Check[] = rows.map((r) => ({ id: 'V4', what: `tier ${r.tier}, forecast from ${r.forecast}: Var(orders)/Var(demand)`, measured: r.measured, expected: `${r.expected.toFixed(3)} ± ${(100 * (quick ? 0.08 : 0.05)).toFixed(0)}%`, pass: r.pass }));
  return { suite: 'V4 Bullwhip (exact formulas, L = 2, p = 5)', checks, points: rows };
}

function hierarchy(quick: boolean): SuiteResult {
  // The engine's own checks, then the same engine inside the shipped model: Simulation's hierarchy at
  // zero load must land on the exact sum of the per-hop constants, with exactly the plan's messages.
  const m = modelZeroLoadExactness(quick ? [1, 2, 3] : Array.from({ length: 20 }, (_, k) => k + 1));
  const complete = m.completed === m.runs;
  const rows = [
    ...validateHierarchy({ quick }),
    { check: `V5 model (Simulation, hierarchical) at zero load: last order − exact sum, max |Δ| over ${m.runs} runs (h)`, measured: m.maxTimeDiff, expected: 0, tolerance: 0, pass: complete && m.maxTimeDiff === 0 },
    { check: `V5 model at zero load: escalation messages − plan messages, max |Δ| over ${m.runs} runs`, measured: m.maxMessageDiff, expected: 0, tolerance: 0, pass: complete && m.maxMessageDiff === 0 },
  ];
  const checks: Check[] = rows.map((r) => ({ id: 'V5', what: r.check, measured: r.measured, expected: `${r.expected.toFixed(3)} ± ${r.tolerance.toFixed(3)}`, pass: r.pass }));
  return { suite: 'V5 Hierarchy engine — the Escalator the model runs (zero-load exactness, M/M/1 waits)', checks, points: rows };
}

function behaviour(quick: boolean): SuiteResult {
  const r = behaviourSuite(quick ? BEHAVIOUR_QUICK : BEHAVIOUR_FULL);
  return { suite: 'V6 Behaviours of spec §6 (paired seeds, T50)', checks: r.checks, points: [...r.comparisons.map((c) => ({ label: c.label, hierarchical: c.hierarchical, spontaneous: c.spontaneous, saving: c.saving })), ...r.lambda.map((l) => ({ label: `hybrid λ=${l.lambda}`, T50: l.T50 }))] };
}

function emergence(quick: boolean): SuiteResult {
  const r = emergenceSuite(quick ? EMERGENCE_QUICK : EMERGENCE_FULL);
  return { suite: 'Emergence (spec §9): ablations of the swarm and located transitions', checks: r.checks, findings: r.findings, points: [{ arms: r.arms }, { cohesion: r.cohesion }, { noise: r.noise }, { rates: r.rates }, { lambda: r.lambda }] };
}
