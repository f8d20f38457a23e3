/**
 * `starling validate emergence` (spec §9): checks that would fail if the swarm were decoration, and
 * the measurements the issue asks to be reported whichever way they fall. Every comparison is paired
 * (same seeds, so the same people, positions, detections and problem stream in every arm).
 *
 * Checks (pass/fail), each naming the mechanism it tests:
 *  - E1.affinity — cohesion through cross-firm affinity: with the volunteers' cross-firm affinity set
 *    to 0 (shared.crossFirmAffinity = 0) spontaneous association's T50 rises, by more than the seeds'
 *    noise (paired 95% CI above 0): teams no longer hold against the pull of the day job, so fewer of
 *    their members are on site at a time. How large the effect is, and how much of the saving the
 *    swarm carries, is reported (E1.share) rather than gated;
 *  - E1.flocking — the same with all flocking off (w_ali = w_coh = 0);
 *  - E1.control — the hierarchy is untouched by that ablation, to the bit (it has no cross-firm
 *    flocking): the ablation acts through the swarm and nothing else;
 *  - E2.transition — the business preset's cohesion transition (kernel only, cohesion.ts) and the
 *    noise at which spontaneous association's advantage ends are both located by sweeps, for the
 *    default attraction radius and a smaller one; moving the transition moves the breakdown the same
 *    way.
 * Findings (reported, not gated): trust with no drop-out term, the λ curve, the saving against the
 * problem arrival rate, and how far the breakdown sits from the free group's transition.
 */
import { median } from 'simple-statistics';
import { shippedScenario } from '../model/catalog.ts';
import { runScenario } from '../model/runner.ts';
import type { RunMetrics } from '../model/metrics.ts';
import type { Scenario } from '../model/scenario.ts';
import { formatSaving, pairedSaving, type PairedSaving } from '../model/stats.ts';
import type { Check } from './check.ts';
import { cohesionCurve, crossing, type CohesionOptions, type CohesionPoint } from './cohesion.ts';

export interface EmergenceOptions {
  seeds: number;
  /** Seeds of the E1 ablation arms (an effect of a few hours needs more pairs to be resolved). */
  ablationSeeds: number;
  seed: number;
  noises: number[];
  /** The smaller attraction radius that moves the transition. */
  rAttMoved: number;
  rates: number[];
  lambdas: number[];
  cohesion: CohesionOptions;
}

export const EMERGENCE_FULL: EmergenceOptions = {
  seeds: 40, ablationSeeds: 100, seed: 1, noises: [0.1, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2], rAttMoved: 6, rates: [0, 0.02, 0.05, 0.1, 0.2, 0.5, 1], lambdas: [0, 0.05, 0.1, 0.2, 0.5, 1],
  cohesion: { n: 12, sigmas: [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5], seeds: 20, hours: 50 },
};
export const EMERGENCE_QUICK: EmergenceOptions = {
  seeds: 10, ablationSeeds: 24, seed: 1, noises: [0.1, 0.5, 1, 1.5], rAttMoved: 6, rates: [0, 0.1, 0.5], lambdas: [0, 0.2, 1],
  cohesion: { n: 12, sigmas: [0.5, 1, 1.5, 2, 2.5], seeds: 8, hours: 40 },
};

export interface Finding {
  id: string;
  what: string;
  measured: string;
}

export interface Arm {
  label: string;
  hierarchical: number;
  spontaneous: number;
  saving: PairedSaving;
}

const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : v === -Infinity ? '−∞' : '—');
const withCi = (s: PairedSaving) => (s.estimable ? `${pct(s.saving)} [${pct(s.ci95[0])}, ${pct(s.ci95[1])}]` : formatSaving(s));
const fmt = (v: number | null) => (v === null ? 'not reached' : v.toFixed(2));

function runs(scenario: Scenario, mode: 'hierarchical' | 'spontaneous' | 'hybrid', seeds: number[], lambda?: number): RunMetrics[] {
  return seeds.map((seed) => runScenario(scenario, { mode, seed, lambda }).metrics);
}

function arm(label: string, sets: string[], seeds: number[]): Arm & { h: RunMetrics[]; s: RunMetrics[] } {
  const scenario = shippedScenario('drug-shortage', sets);
  const h = runs(scenario, 'hierarchical', seeds);
  const s = runs(scenario, 'spontaneous', seeds);
  return { label, hierarchical: median(h.map((m) => m.T50.value)), spontaneous: median(s.map((m) => m.T50.value)), saving: pairedSaving(h.map((m) => m.T50), s.map((m) => m.T50)), h, s };
}

/** Saving of `faster` over `slower` (both spontaneous), paired by seed: 1 − median T50(faster)/median T50(slower). */
const gainOver = (slower: RunMetrics[], faster: RunMetrics[]) => pairedSaving(slower.map((m) => m.T50), faster.map((m) => m.T50));

export interface EmergenceResult {
  checks: Check[];
  findings: Finding[];
  arms: Arm[];
  cohesion: Array<{ rAtt: number; points: CohesionPoint[]; transition: number | null }>;
  noise: Array<{ rAtt: number; points: Array<{ sigma: number; saving: number }>; breakdown: number | null }>;
  rates: Array<{ rate: number; hierarchical: number; spontaneous: number; saving: number; queue: number; attention: number }>;
  lambda: Array<{ lambda: number; T50: number }>;
}

export function emergenceSuite(opts: EmergenceOptions): EmergenceResult {
  const seeds = Array.from({ length: opts.seeds }, (_, k) => opts.seed + k);
  const checks: Check[] = [];
  const findings: Finding[] = [];
  const ablationSeeds = Array.from({ length: opts.ablationSeeds }, (_, k) => opts.seed + k);
  const base = arm('default', [], ablationSeeds);
  const noAffinity = arm('no cross-firm affinity (shared.crossFirmAffinity = 0)', ['shared.crossFirmAffinity=0'], ablationSeeds);
  const noFlocking = arm('no flocking at all (movement.wAli = movement.wCoh = 0)', ['movement.wAli=0', 'movement.wCoh=0'], ablationSeeds);
  const baseSmall = opts.ablationSeeds === opts.seeds ? base : arm('default', [], seeds);

  // E1: the swarm is causal (cohesion holds the self-assembled team on site).
  const affinityGain = gainOver(noAffinity.s, base.s);
  checks.push({
    id: 'E1.affinity', what: `cohesion via cross-firm affinity: spontaneous T50 ${noAffinity.spontaneous.toFixed(1)} h without it vs ${base.spontaneous.toFixed(1)} h with it (1 − with/without, ${ablationSeeds.length} paired seeds)`,
    measured: withCi(affinityGain), expected: '> 0, CI above 0', pass: affinityGain.estimable && affinityGain.saving > 0 && affinityGain.ci95[0] > 0,
  });
  const flockGain = gainOver(noFlocking.s, base.s);
  checks.push({
    id: 'E1.flocking', what: `the flock: spontaneous T50 ${noFlocking.spontaneous.toFixed(1)} h with w_ali = w_coh = 0 vs ${base.spontaneous.toFixed(1)} h`,
    measured: withCi(flockGain), expected: '> 0, CI above 0', pass: flockGain.estimable && flockGain.saving > 0 && flockGain.ci95[0] > 0,
  });
  // How much of the saving the swarm carries: the saving with and without cross-firm affinity.
  const withoutSwarm = pairedSaving(base.h.map((m) => m.T50), noAffinity.s.map((m) => m.T50));
  findings.push({ id: 'E1.share', what: 'saving over the hierarchy with cross-firm flocking → without it (same seeds)', measured: `${withCi(base.saving)} → ${withCi(withoutSwarm)}` });
  const sameH = base.h.every((m, k) => m.T50.value === noAffinity.h[k].T50.value && m.messages === noAffinity.h[k].messages);
  checks.push({ id: 'E1.control', what: 'control: the hierarchy is unchanged by the affinity ablation (T50 and messages, every seed)', measured: sameH ? 'identical' : 'differs', expected: 'identical', pass: sameH });

  // E2: the cohesion transition and the end of the advantage, for two attraction radii.
  const defaultRAtt = shippedScenario('drug-shortage').movement.rAtt;
  const radii = [defaultRAtt, opts.rAttMoved];
  const cohesion = radii.map((rAtt) => {
    const points = cohesionCurve(shippedScenario('drug-shortage', [`movement.rAtt=${rAtt}`]), opts.cohesion);
    return { rAtt, points, transition: crossing(points.map((p) => ({ x: p.sigma, y: p.cohesion })), 0.5) };
  });
  const noise = radii.map((rAtt) => {
    const points = opts.noises.map((sigma) => ({ sigma, saving: arm(`σ ${sigma}, r_att ${rAtt}`, [`movement.rAtt=${rAtt}`, `movement.noise=${sigma}`], seeds).saving.saving }));
    return { rAtt, points, breakdown: crossing(points.map((p) => ({ x: p.sigma, y: p.saving })), 0) };
  });
  const [c0, c1] = cohesion.map((c) => c.transition);
  const [b0, b1] = noise.map((n) => n.breakdown);
  const located = c0 !== null && c1 !== null && b0 !== null && b1 !== null;
  checks.push({
    id: 'E2.transition', what: `team cohesion vs noise: free-group transition σ_c (share within the team radius < ½) and the end of the advantage σ_0 (saving < 0), r_att ${radii[0]} → ${radii[1]}`,
    measured: `σ_c ${fmt(c0)} → ${fmt(c1)}; σ_0 ${fmt(b0)} → ${fmt(b1)}`, expected: 'all located; σ_0 moves the way σ_c does',
    pass: located && Math.sign(c1! - c0!) === Math.sign(b1! - b0!) && c1 !== c0,
  });
  findings.push({ id: 'E2.polarisation', what: 'polarisation of a free group of the business preset (the Vicsek order parameter), lowest to highest noise', measured: cohesion[0].points.map((p) => p.polarisation.toFixed(2)).join(' → ') });
  if (located) findings.push({ id: 'E2.offset', what: 'where the advantage ends relative to the free group\'s transition (σ_0 / σ_c; below 1: the day job\'s pull breaks teams before noise alone would)', measured: `${(b0! / c0!).toFixed(2)} (r_att ${radii[0]}), ${(b1! / c1!).toFixed(2)} (r_att ${radii[1]})` });

  // E3: trust acts only through affinity and commitment (there is no drop-out term).
  const lowTrust = arm('low trust (0.2 adjacent, 0.05 other)', ['ecosystem.trustAdjacent=0.2', 'ecosystem.trustOther=0.05'], seeds);
  const veryLowTrust = arm('very low trust (0.05 adjacent, 0.02 other)', ['ecosystem.trustAdjacent=0.05', 'ecosystem.trustOther=0.02'], seeds);
  findings.push({ id: 'E3.trust', what: 'saving at default trust → low trust (0.2/0.05) → very low (0.05/0.02), no drop-out term', measured: `${withCi(baseSmall.saving)} → ${withCi(lowTrust.saving)} → ${withCi(veryLowTrust.saving)}` });

  // E4: problems as a stream.
  const rates = opts.rates.map((rate) => {
    const a = arm(`problem rate ${rate} /h`, [`problems.rate=${rate}`], seeds);
    return { rate, hierarchical: a.hierarchical, spontaneous: a.spontaneous, saving: a.saving.saving, queue: median(a.h.map((m) => m.mean_queue)), attention: median(a.s.map((m) => m.attention_hours)) };
  });
  findings.push({ id: 'E4.rate', what: `saving against the problem arrival rate (${opts.rates.join(', ')} /h)`, measured: rates.map((r) => pct(r.saving)).join(' → ') });
  const queueGrows = rates[rates.length - 1].queue > rates[0].queue;
  const attentionGrows = rates[rates.length - 1].attention > rates[0].attention;
  checks.push({
    id: 'E4.load', what: `load follows the problems handled: manager queue ${rates[0].queue.toFixed(2)} → ${rates[rates.length - 1].queue.toFixed(2)}, shared-space attention ${rates[0].attention.toFixed(0)} → ${rates[rates.length - 1].attention.toFixed(0)} effort-h (rate ${rates[0].rate} → ${rates[rates.length - 1].rate} /h)`,
    measured: `${queueGrows ? 'both grow' : 'queue does not grow'}${attentionGrows ? '' : ', attention does not grow'}`, expected: 'both grow', pass: queueGrows && attentionGrows,
  });

  // E5: the λ curve, with detection independent of connection (V6.detection checks that).
  const scenario = shippedScenario('drug-shortage');
  const lambdaRuns = opts.lambdas.map((l) => runs(scenario, 'hybrid', seeds, l));
  const lambda = lambdaRuns.map((r, k) => ({ lambda: opts.lambdas[k], T50: median(r.map((m) => m.T50.value)) }));
  const runsAt = (l: number) => lambdaRuns[opts.lambdas.indexOf(l)];
  if (runsAt(0.2) && runsAt(1)) {
    const minority = pairedSaving(runsAt(1).map((m) => m.T50), runsAt(0.2).map((m) => m.T50));
    findings.push({ id: 'E5.minority', what: 'a connected minority against everyone connected: 1 − T50(λ = 0.2)/T50(λ = 1), paired', measured: withCi(minority) });
  }
  const at = (l: number) => lambda.find((x) => x.lambda === l)?.T50 ?? NaN;
  const gainAll = at(0) - at(1);
  findings.push({ id: 'E5.lambda', what: `median T50 against λ (${opts.lambdas.join(', ')}); share of the λ = 0 → 1 gain reached at λ = 0.2`, measured: `${lambda.map((x) => x.T50.toFixed(1)).join(' → ')} h; ${gainAll > 0 ? pct((at(0) - at(0.2)) / gainAll) : 'no gain'}` });

  const arms: Arm[] = [base, noAffinity, noFlocking, lowTrust, veryLowTrust].map(({ label, hierarchical, spontaneous, saving }) => ({ label, hierarchical, spontaneous, saving }));
  return { checks, findings, arms, cohesion, noise, rates, lambda };
}
