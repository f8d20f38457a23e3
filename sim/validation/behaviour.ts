/**
 * V6 — the behaviours of spec section 6, measured on paired seeds (each comparison runs both modes on
 * the same seeds, so differences come from the organisation alone):
 *  - spontaneous association beats the hierarchy on the default (drug shortage), by 30–50% in the full
 *    run (the calibration target; ≥ 200 seeds);
 *  - the hierarchy wins or ties on the local glitch and in the false-alarm storm;
 *  - the saving falls with lower trust and with movement noise above the flocking transition, and
 *    rises with deeper hierarchies and longer batch periods;
 *  - response time falls with λ and flattens: a small connected minority gives most of the gain.
 */
import { shippedScenario } from '../model/catalog.ts';
import { runScenario } from '../model/runner.ts';
import type { Scenario } from '../model/scenario.ts';
import { pairedSaving, type PairedSaving } from '../model/stats.ts';
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

function t50s(scenario: Scenario, mode: 'hierarchical' | 'spontaneous' | 'hybrid', seeds: number[], lambda?: number): number[] {
  return seeds.map((seed) => runScenario(scenario, { mode, seed, lambda }).metrics.T50.value);
}

export function compare(label: string, scenario: Scenario, seeds: number[]): Comparison {
  const h = t50s(scenario, 'hierarchical', seeds);
  const s = t50s(scenario, 'spontaneous', seeds);
  return { label, hierarchical: median(h), spontaneous: median(s), saving: pairedSaving(h, s) };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const ci = (c: Comparison) => `${pct(c.saving.saving)} [${pct(c.saving.ci95[0])}, ${pct(c.saving.ci95[1])}]`;

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
  const lambda = lambdas.map((l) => ({ lambda: l, T50: median(t50s(scenario, 'hybrid', seeds, l)) }));
  const at = (l: number) => lambda.find((x) => x.lambda === l)!.T50;

  const checks: Check[] = [];
  const s = base.saving;
  if (full) checks.push({ id: 'V6.default', what: `default: median T50 saving over ${opts.defaultSeeds} paired seeds (calibration target)`, measured: ci(base), expected: '30% – 50%', pass: s.saving >= 0.3 && s.saving <= 0.5 });
  else checks.push({ id: 'V6.default', what: `default: spontaneous association faster (${opts.defaultSeeds} seeds)`, measured: ci(base), expected: '> 15%, CI above 0', pass: s.saving > 0.15 && s.ci95[0] > 0 });
  checks.push({ id: 'V6.glitch', what: 'local glitch: hierarchy wins or ties', measured: ci(glitch), expected: 'saving ≤ 5%', pass: glitch.saving.saving <= 0.05 });
  checks.push({ id: 'V6.storm', what: 'false-alarm storm: hierarchy wins or ties', measured: ci(storm), expected: 'saving ≤ 10%, CI reaches ≤ 5%', pass: storm.saving.saving <= 0.1 && storm.saving.ci95[0] <= 0.05 });
  checks.push({ id: 'V6.trust', what: 'saving falls with lower trust', measured: `${pct(lowTrust.saving.saving)} vs ${pct(baseSmall.saving.saving)}`, expected: 'lower', pass: lowTrust.saving.saving < baseSmall.saving.saving });
  checks.push({ id: 'V6.noise', what: 'saving falls with movement noise above the flocking transition', measured: `${pct(noisy.saving.saving)} vs ${pct(baseSmall.saving.saving)}`, expected: 'lower', pass: noisy.saving.saving < baseSmall.saving.saving });
  checks.push({ id: 'V6.layers', what: 'saving rises with layers (2 → 6)', measured: `${pct(shallow.saving.saving)} → ${pct(deep.saving.saving)}`, expected: 'higher', pass: deep.saving.saving > shallow.saving.saving });
  checks.push({ id: 'V6.batch', what: 'saving rises with the batch period (1 h → 24 h)', measured: `${pct(shortBatch.saving.saving)} → ${pct(longBatch.saving.saving)}`, expected: 'higher', pass: longBatch.saving.saving > shortBatch.saving.saving });
  const falling = lambda.every((x, k) => k === 0 || x.T50 <= lambda[k - 1].T50 + 0.5);
  checks.push({ id: 'V6.lambda', what: 'T50 falls with λ (0, 0.1, 0.2, 0.5, 1)', measured: lambda.map((x) => x.T50.toFixed(1)).join(' → '), expected: 'non-increasing', pass: falling });
  const gainSmall = at(0) - at(0.2);
  const gainAll = at(0) - at(1);
  checks.push({ id: 'V6.minority', what: 'most of the gain from a connected minority: share of the λ=0→1 gain reached at λ=0.2', measured: gainAll > 0 ? pct(gainSmall / gainAll) : 'n/a', expected: '≥ 50%', pass: gainAll > 0 && gainSmall >= 0.5 * gainAll });
  return { comparisons: [base, baseSmall, glitch, storm, lowTrust, noisy, shallow, deep, shortBatch, longBatch], lambda, checks };
}
