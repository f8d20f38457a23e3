/**
 * V6 — the behaviours of spec section 6, measured on paired seeds (each comparison runs both modes on
 * the same seeds, so differences come from the organisation alone):
 *  - spontaneous association beats the hierarchy on the default (drug shortage), by 30–50% in the full
 *    run (the calibration target; ≥ 200 seeds);
 *  - the hierarchy wins or ties on the local glitch and in the false-alarm storm;
 *  - the saving falls with lower trust and with movement noise above the flocking transition, and
 *    rises with deeper hierarchies and longer batch periods;
 *  - response time falls with λ and flattens: a small connected minority gives most of the gain.
 * Layers and the batch period are consequences of the hierarchy's delay chain (spec §9.2), kept as
 * regression checks; the emergence suite (emergence.ts) asks whether the swarm earns the result.
 */
import { shippedScenario } from '../model/catalog.ts';
import { runScenario } from '../model/runner.ts';
import type { Scenario } from '../model/scenario.ts';
import type { RunMetrics } from '../model/metrics.ts';
import { formatSaving, pairedSaving, type PairedSaving } from '../model/stats.ts';
import { median } from 'simple-statistics';
import type { Check } from './check.ts';

export interface BehaviourOptions {
  seeds: number;
  /** Seeds for the calibration target on the default scenario. */
  defaultSeeds: number;
  seed: number;
}
export const BEHAVIOUR_FULL: BehaviourOptions = { seeds: 60, defaultSeeds: 200, seed: 1 };
export const BEHAVIOUR_QUICK: BehaviourOptions = { seeds: 12, defaultSeeds: 24, seed: 1 };

export interface Comparison {
  label: string;
  hierarchical: number;
  spontaneous: number;
  saving: PairedSaving;
}

function runsOf(scenario: Scenario, mode: 'hierarchical' | 'spontaneous' | 'hybrid', seeds: number[], lambda?: number): RunMetrics[] {
  return seeds.map((seed) => runScenario(scenario, { mode, seed, lambda }).metrics);
}

export function compare(label: string, scenario: Scenario, seeds: number[]): Comparison & { runs: { hierarchical: RunMetrics[]; spontaneous: RunMetrics[] } } {
  const h = runsOf(scenario, 'hierarchical', seeds);
  const s = runsOf(scenario, 'spontaneous', seeds);
  return {
    label, hierarchical: median(h.map((m) => m.T50.value)), spontaneous: median(s.map((m) => m.T50.value)),
    saving: pairedSaving(h.map((m) => m.T50), s.map((m) => m.T50)), runs: { hierarchical: h, spontaneous: s },
  };
}

const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : v === -Infinity ? '−∞' : '—');
const ci = (c: Comparison) => (c.saving.estimable ? `${pct(c.saving.saving)} [${pct(c.saving.ci95[0])}, ${pct(c.saving.ci95[1])}]` : formatSaving(c.saving));

export function behaviourSuite(opts: BehaviourOptions): { comparisons: Comparison[]; lambda: Array<{ lambda: number; T50: number }>; checks: Check[] } {
  const seeds = Array.from({ length: opts.seeds }, (_, k) => opts.seed + k);
  const defaultSeeds = Array.from({ length: opts.defaultSeeds }, (_, k) => opts.seed + k);
  const full = opts.defaultSeeds >= 200;
  const base = compare('default (drug shortage)', shippedScenario('drug-shortage'), defaultSeeds);
  const glitch = compare('local glitch', shippedScenario('local-glitch'), seeds);
  const storm = compare('false-alarm storm', shippedScenario('false-alarm-storm'), seeds);
  const variant = (label: string, sets: string[]) => compare(label, shippedScenario('drug-shortage', sets), seeds);
  const baseSmall = compare('default (same seeds as the variants)', shippedScenario('drug-shortage'), seeds);
  const lowTrust = variant('low trust (0.2 adjacent, 0.05 other)', ['ecosystem.trustAdjacent=0.2', 'ecosystem.trustOther=0.05']);
  const noisy = variant('movement noise σ = 1.5 rad', ['movement.noise=1.5']);
  const shallow = variant('2 layers', ['hierarchy.layers=2']);
  const deep = variant('6 layers', ['hierarchy.layers=6']);
  const shortBatch = variant('batch period 1 h', ['hierarchy.batchPeriod=1']);
  const longBatch = variant('batch period 24 h', ['hierarchy.batchPeriod=24']);
  const scenario = shippedScenario('drug-shortage');
  const lambdas = [0, 0.1, 0.2, 0.5, 1];
  const lambdaRuns = lambdas.map((l) => runsOf(scenario, 'hybrid', seeds, l));
  const lambda = lambdaRuns.map((runs, k) => ({ lambda: lambdas[k], T50: median(runs.map((m) => m.T50.value)) }));
  const noSpanners = variant('no boundary spanners', ['ecosystem.spannerShare=0']);
  const at = (l: number) => lambda.find((x) => x.lambda === l)!.T50;

  const checks: Check[] = [];
  // Spec §9.4: no cliffs, no artefacts. Detection does not depend on the mode or on who is connected:
  // the same people notice at the same moment for every seed, so λ can only act through connection.
  const detected = (runs: RunMetrics[]) => runs.map((m) => (m.T_det.censored ? 'censored' : m.T_det.value)).join(',');
  const sameDetection = [...lambdaRuns, baseSmall.runs.spontaneous].every((runs) => detected(runs) === detected(baseSmall.runs.hierarchical));
  checks.push({ id: 'V6.detection', what: `detection identical in every mode and at every λ (${seeds.length} seeds × ${lambdas.length + 2} settings)`, measured: sameDetection ? 'identical' : 'differs', expected: 'identical', pass: sameDetection });
  const responded = (runs: RunMetrics[]) => runs.filter((m) => !m.T50.censored).length / runs.length;
  const spannerless = Math.min(responded(noSpanners.runs.hierarchical), responded(noSpanners.runs.spontaneous));
  checks.push({ id: 'V6.spanners', what: 'without boundary spanners both modes still close half the gap in most runs (share of runs, worse mode)', measured: pct(spannerless), expected: '≥ 80%', pass: spannerless >= 0.8 });
  const s = base.saving;
  // Consequences, not validation (spec §9.2): layers and the batch period enter only the hierarchy's
  // delay chain, so "the saving rises with them" holds by construction; they stay here as regression
  // checks of that chain and are labelled as such.
  if (full) checks.push({ id: 'V6.default', what: `default: median T50 saving over ${opts.defaultSeeds} paired seeds (calibration target)`, measured: ci(base), expected: '30% – 50%', pass: s.saving >= 0.3 && s.saving <= 0.5 });
  else checks.push({ id: 'V6.default', what: `default: spontaneous association faster (${opts.defaultSeeds} seeds)`, measured: ci(base), expected: '> 15%, CI above 0', pass: s.saving > 0.15 && s.ci95[0] > 0 });
  checks.push({ id: 'V6.glitch', what: 'local glitch: hierarchy wins or ties', measured: ci(glitch), expected: 'saving ≤ 5%', pass: glitch.saving.saving <= 0.05 });
  checks.push({ id: 'V6.storm', what: 'false-alarm storm: hierarchy wins or ties', measured: ci(storm), expected: 'saving ≤ 10%, CI reaches ≤ 5%', pass: storm.saving.saving <= 0.1 && storm.saving.ci95[0] <= 0.05 });
  checks.push({ id: 'V6.trust', what: 'saving falls with lower trust', measured: `${pct(lowTrust.saving.saving)} vs ${pct(baseSmall.saving.saving)}`, expected: 'lower', pass: lowTrust.saving.saving < baseSmall.saving.saving });
  checks.push({ id: 'V6.noise', what: 'saving falls with movement noise above the flocking transition', measured: `${pct(noisy.saving.saving)} vs ${pct(baseSmall.saving.saving)}`, expected: 'lower', pass: noisy.saving.saving < baseSmall.saving.saving });
  checks.push({ id: 'V6.layers', what: 'saving rises with layers (2 → 6) — a consequence of the hierarchy\'s delay chain, not validation', measured: `${pct(shallow.saving.saving)} → ${pct(deep.saving.saving)}`, expected: 'higher', pass: deep.saving.saving > shallow.saving.saving });
  checks.push({ id: 'V6.batch', what: 'saving rises with the batch period (1 h → 24 h) — a consequence, not validation', measured: `${pct(shortBatch.saving.saving)} → ${pct(longBatch.saving.saving)}`, expected: 'higher', pass: longBatch.saving.saving > shortBatch.saving.saving });
  // Spec §6: "response time should fall with λ and flatten". Falls: the first step (λ 0 → 0.1) cuts
  // median T50 by more than an hour; flattens: beyond λ = 0.2 no level differs from λ = 0.2's by more
  // than a quarter of the λ = 0 → 0.2 gain. (Until Model II part 2 this check asked for a curve that
  // never rises by more than 0.5 h; with volunteers held by the team it rises slightly past λ = 0.2 —
  // the connected minority is the boundary spanners, whose weak day-job pull holds them on site —
  // which `validate emergence` reports as finding E5.)
  const firstDrop = at(0) - at(0.1);
  const early = at(0) - at(0.2);
  const drift = Math.max(...lambda.filter((x) => x.lambda > 0.2).map((x) => Math.abs(x.T50 - at(0.2))));
  checks.push({ id: 'V6.lambda', what: 'T50 falls with λ and flattens (0, 0.1, 0.2, 0.5, 1): first drop; largest change beyond λ = 0.2 vs the 0 → 0.2 gain', measured: `${lambda.map((x) => x.T50.toFixed(1)).join(' → ')}; drop ${firstDrop.toFixed(1)} h; drift ${early > 0 ? pct(drift / early) : 'n/a'}`, expected: 'drop > 1 h; drift ≤ 25%', pass: firstDrop > 1 && early > 0 && drift <= 0.25 * early });
  const gainSmall = at(0) - at(0.2);
  const gainAll = at(0) - at(1);
  checks.push({ id: 'V6.minority', what: 'most of the gain from a connected minority: share of the λ=0→1 gain reached at λ=0.2', measured: gainAll > 0 ? pct(gainSmall / gainAll) : 'n/a', expected: '≥ 50%', pass: gainAll > 0 && gainSmall >= 0.5 * gainAll });
  const comparisons: Comparison[] = [base, baseSmall, glitch, storm, lowTrust, noisy, shallow, deep, shortBatch, longBatch, noSpanners]
    .map(({ label, hierarchical, spontaneous, saving }) => ({ label, hierarchical, spontaneous, saving }));
  return { comparisons, lambda, checks };
}
