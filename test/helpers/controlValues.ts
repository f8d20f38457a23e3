/**
 * For the "every control works" checks: a value for each lab parameter that differs from its default,
 * lies inside the declared range and keeps the default scenario valid.
 */
import { PARAMS, type GroupName } from '../../sim/model/params.ts';
import type { ParamDecl } from '../../sim/params/declare.ts';

export function labParams(): Array<{ path: string; decl: ParamDecl }> {
  return (Object.keys(PARAMS) as GroupName[]).flatMap((g) => (Object.entries(PARAMS[g]) as Array<[string, ParamDecl]>).filter(([, d]) => d.lab !== false).map(([k, decl]) => ({ path: `${g}.${k}`, decl })));
}

/** Moves that would make the default scenario invalid, or need a bigger change to show in the run. */
const CHOSEN: Record<string, unknown> = {
  'ecosystem.width': 70,
  'ecosystem.height': 70,
  'ecosystem.homeRadius': 14,
  'ecosystem.homeSpread': 5,
  'run.horizon': 120,
  'run.dt': 0.05,
  'run.sampleEvery': 5,
  'movement.rRep': 0.5,
  'movement.rAli': 2,
  'movement.rAtt': 8,
  'movement.fov': 200,
  'shock.gap': 150,
  'problems.rate': 0.1,
  // At the defaults the owner's front line notices a problem within a tick or two (dozens of people
  // stand within range of where it shows), so only a much lower rate or range changes the run.
  'shock.detectRate': 0.02,
  'ecosystem.perception': 1,
  'ecosystem.spannerPerception': 1,
  // Any threshold between "other" skill (0.1) and own skill (0.8) picks the same volunteers.
  'shared.minMatch': 0.05,
  'shared.attentionCap': 0.02,
  'hierarchy.span': 3,
  'hierarchy.managerPenalty': 0,
  'problems.falseAlarmShare': 0.9,
};

/** Controls that act only on false alarms: checked on the false-alarm storm instead of the default. */
export const SCENARIO_FOR: Record<string, string> = {
  'hierarchy.falseAlarmFilter': 'false-alarm-storm',
  'shared.falseAlarmDiscovery': 'false-alarm-storm',
};

export function otherValue(path: string, decl: ParamDecl): unknown {
  if (path in CHOSEN) return CHOSEN[path];
  if (decl.kind === 'bool') return !decl.default;
  if (decl.kind === 'enum') return decl.options.find((o) => o !== decl.default);
  const d = decl.default;
  const candidates = decl.integer ? [d + 1, d - 1] : [d === 0 ? (decl.max >= 1 ? 0.5 : decl.max / 2) : d * 1.5, d * 0.5];
  const v = candidates.find((c) => c >= decl.min && c <= decl.max && c !== d);
  if (v === undefined) throw new Error(`no other value for ${path}`);
  return decl.integer ? v : Math.round(v * 1000) / 1000;
}
