/**
 * Problems as a stream (spec §9.3): besides the scenario's own shocks, routine problems arrive as a
 * Poisson stream at `problems.rate` per hour over the whole run, with a mix of kinds — a share the
 * owner's own department can fix alone (`localShare`), a share of false alarms (`falseAlarmShare`),
 * the rest cross-firm problems of the four named kinds. They go through exactly the same detection,
 * escalation, shared space and teams as the scenario's shocks, so the hierarchy's managers queue
 * behind the problems they actually handle (on top of the optional background load ρ0), and the
 * shared space pays attention per active problem, over-responds and shares people's capacity across
 * them. The headline metrics stay those of the scenario's own shocks (the stream is the weather they
 * happen in); the stream is drawn from its own seeded stream, so both modes of a pair face the same
 * problems at the same times.
 */
import { exponential, streamRng } from '../rng.ts';
import { K, SHOCK_SKILLS, SKILLS, type ShockKind } from './params.ts';
import { defaultLocation, type Scenario, type ShockSpec } from './scenario.ts';

const CROSS_FIRM_KINDS: ShockKind[] = ['demand-spike', 'supply-disruption', 'recall', 'logistics-outage'];

/** The stream for one seed: the scenario's shocks are not included; indices continue after them. */
export function problemStream(s: Scenario, seed: number): ShockSpec[] {
  const { rate, localShare, falseAlarmShare, gap } = s.problems;
  if (!(rate > 0)) return [];
  const rng = streamRng(seed, 'problem-stream');
  const owners = s.firms.filter((f) => f.role !== 'customer');
  if (owners.length === 0) return [];
  const out: ShockSpec[] = [];
  for (let t = exponential(rng, 1 / rate); t < s.run.horizon; t += exponential(rng, 1 / rate)) {
    const owner = owners[Math.min(owners.length - 1, Math.floor(rng() * owners.length))];
    const local = rng() < localShare;
    const falseAlarm = rng() < falseAlarmShare;
    const kind: ShockKind = local ? 'custom' : CROSS_FIRM_KINDS[Math.min(3, Math.floor(rng() * 4))];
    const needed = local
      ? [owner.functions[Math.min(owner.functions.length - 1, Math.floor(rng() * owner.functions.length))]]
      : SHOCK_SKILLS[kind].map((name) => SKILLS.indexOf(name));
    const mix = new Array(K).fill(0);
    for (const k of needed) mix[k] = 1 / needed.length;
    out.push({
      index: s.shocks.length + out.length,
      kind,
      label: `${falseAlarm ? 'False alarm: ' : ''}routine ${local ? 'local problem' : kind.replace('-', ' ')} at ${owner.name}`,
      owner: owner.index,
      onset: t,
      gap,
      rMax: s.shock.rMax,
      mix,
      location: defaultLocation(s.firms, needed, owner.index),
      signal: [owner.home[0], owner.home[1]],
      falseAlarm,
      background: true,
    });
  }
  return out;
}
