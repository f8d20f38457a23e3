/**
 * `starling bench analysis`: the analysis step at the scale — a Sobol study of 8 parameters
 * with 1,024 base samples and paired modes (10,240 points, 20,480 runs), a Morris screening of the
 * same size and PRIM on its 10,240 points — timed from the run records to the indices (per-point
 * outputs, estimators, 1,000 bootstrap resamples). The records are synthetic (the G function
 * standing in for the model) so the bench takes seconds, not the hours of the runs.
 */
import type { Plan } from '../../sim/experiment/plan.ts';
import { unitRows } from '../../sim/experiment/plan.ts';
import { modeSpecOf, parseExperiment, type Experiment } from '../../sim/experiment/schema.ts';
import type { RunRecord } from '../../sim/experiment/records.ts';
import type { RunMetrics } from '../../sim/model/metrics.ts';
import { parseOutput, pointOutputs } from '../analysis/outputs.ts';
import { sobolIndices } from '../analysis/sobol.ts';
import { morrisIndices } from '../analysis/morris.ts';
import { prim } from '../analysis/prim.ts';
import { gFunction } from '../analysis/testFunctions.ts';

export interface AnalysisBenchRow {
  method: string;
  runs: number;
  points: number;
  ms: number;
}

function syntheticPlan(design: unknown): { plan: Plan; records: RunRecord[]; rows: Float64Array[] } {
  const vary = Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`dummy.x${k + 1}`, { min: 0, max: 1 }]));
  const exp: Experiment = parseExperiment({ vary, design, replicates: 1 }, 'bench');
  const rows = unitRows(exp);
  const labels = ['hierarchical', 'spontaneous'];
  const plan: Plan = { experiment: exp, points: rows.map((_, index) => ({ index, values: {} })), modes: labels.map(modeSpecOf), labels, seeds: rows.map(() => [1]), sampleHours: [], horizons: [] };
  const metrics = (t50: number) => ({ T50: { value: t50, censored: false } }) as unknown as RunMetrics;
  const records: RunRecord[] = rows.flatMap((u, point) => [
    { id: `p${point}-r0-hierarchical`, point, replicate: 0, mode: 'hierarchical', seed: 1, metrics: metrics(40) },
    { id: `p${point}-r0-spontaneous`, point, replicate: 0, mode: 'spontaneous', seed: 1, metrics: metrics(20 * gFunction(u)) },
  ]);
  return { plan, records, rows };
}

export function benchAnalysis(): AnalysisBenchRow[] {
  const out: AnalysisBenchRow[] = [];
  const names = Array.from({ length: 8 }, (_, k) => `x${k + 1}`);
  {
    const { plan, records } = syntheticPlan({ type: 'sobol', samples: 1024 });
    const t0 = performance.now();
    const y = pointOutputs(plan, records, parseOutput('saving', undefined, plan.labels)).y;
    sobolIndices(names, y, { resamples: 1000 });
    out.push({ method: 'sobol (Jansen, 1,000 bootstrap resamples)', runs: records.length, points: plan.points.length, ms: performance.now() - t0 });
  }
  {
    const { plan, records, rows } = syntheticPlan({ type: 'morris', trajectories: 1138 });
    const t0 = performance.now();
    const y = pointOutputs(plan, records, parseOutput('saving', undefined, plan.labels)).y;
    morrisIndices(names, rows, y, { resamples: 1000 });
    out.push({ method: 'morris (μ*, σ, 1,000 bootstrap resamples)', runs: records.length, points: plan.points.length, ms: performance.now() - t0 });
    const t1 = performance.now();
    const x = names.map((_, d) => Float64Array.from(rows, (r) => r[d]));
    prim(names, x, Array.from(y, (v) => v < 0), { threshold: 0.8 });
    out.push({ method: 'prim (peeling, pasting, up to 3 boxes)', runs: records.length, points: plan.points.length, ms: performance.now() - t1 });
  }
  return out;
}
