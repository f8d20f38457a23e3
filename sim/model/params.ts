/**
 * Every parameter of the business-ecosystem model, declared once with its default, range, unit and a
 * one-line doc (spec sections 2, 4, 5). The scenario schema, `starling params`, `--set`, the browser
 * GUI (grouped as below) and the ODD tables are all generated from these declarations.
 * Rates are per hour; one tick is 0.1 h.
 */
import { BUSINESS_MOVEMENT as MOVE } from '../kernel/presets.ts';
import { bool, int, num, oneOf, defaultsOf, type ValuesOf } from '../params/declare.ts';

export const SKILLS = ['commercial', 'planning', 'production', 'procurement', 'logistics'] as const;
export type SkillName = (typeof SKILLS)[number];
export const K = SKILLS.length;

export const ROLES = ['supplier', 'manufacturer', 'distributor', 'retailer', 'customer'] as const;
export type Role = (typeof ROLES)[number];

/** Departments (functions) each role has by default: together they need ≥ 3 firms to cover all five. */
export const ROLE_FUNCTIONS: Record<Role, SkillName[]> = {
  supplier: ['procurement', 'production'],
  manufacturer: ['planning', 'production'],
  distributor: ['logistics', 'planning'],
  retailer: ['commercial', 'logistics'],
  customer: ['commercial'],
};

export const SHOCK_KINDS = ['demand-spike', 'supply-disruption', 'recall', 'logistics-outage', 'custom'] as const;
export type ShockKind = (typeof SHOCK_KINDS)[number];

/** The skills each kind of shock needs by default (equal weights). */
export const SHOCK_SKILLS: Record<ShockKind, SkillName[]> = {
  'demand-spike': ['commercial', 'planning', 'production', 'procurement', 'logistics'],
  'supply-disruption': ['procurement', 'planning', 'production', 'logistics'],
  recall: ['commercial', 'logistics', 'production', 'planning'],
  'logistics-outage': ['logistics', 'planning', 'commercial'],
  custom: ['commercial', 'planning', 'production', 'procurement', 'logistics'],
};

export const MODES = ['hierarchical', 'spontaneous', 'hybrid'] as const;
export type ModeName = (typeof MODES)[number];

export const PARAMS = {
  ecosystem: {
    headcount: int(40, 2, 20000, 'people', 'People per firm (firms may override)', 'Ecosystem'),
    customerHeadcount: int(20, 1, 20000, 'people', 'People in a customer segment: demand sensors (the social-CRM signal)', 'Ecosystem'),
    spannerShare: num(0.1, 0, 1, 'share', 'Share of each firm who are boundary spanners', { group: 'Ecosystem', step: 0.01 }),
    trustAdjacent: num(0.6, 0, 1, '', 'Trust between adjacent tiers of the value chain', { group: 'Ecosystem', step: 0.05 }),
    trustOther: num(0.2, 0, 1, '', 'Trust between non-adjacent firms', { group: 'Ecosystem', step: 0.05 }),
    skillOwn: num(0.8, 0, 1, '', "Mean skill in one's own function", { group: 'Ecosystem', step: 0.05 }),
    skillOwnSd: num(0.1, 0, 0.5, '', "Spread (s.d.) of skill in one's own function", { group: 'Ecosystem', step: 0.01 }),
    skillOther: num(0.1, 0, 1, '', 'Skill in every other function', { group: 'Ecosystem', step: 0.05 }),
    spareCapacity: num(0.5, 0.01, 1, 'effort/h', 'Most of one effort-unit per hour a person can give to shocks', { group: 'Ecosystem', step: 0.05 }),
    perception: num(8, 0, 100, 'u', 'How far an ordinary person notices a shock', { group: 'Ecosystem' }),
    spannerPerception: num(20, 0, 100, 'u', 'How far a boundary spanner notices a shock', { group: 'Ecosystem' }),
    homePull: num(0.5, 0, 10, '', 'Pull of the day job back to the home firm', { group: 'Ecosystem', step: 0.05 }),
    spannerHomePull: num(0.1, 0, 10, '', "A boundary spanner's (weaker) pull back home", { group: 'Ecosystem', step: 0.05 }),
    width: num(60, 10, 10000, 'u', 'Width of the attention/problem space', { group: 'Ecosystem' }),
    height: num(60, 10, 10000, 'u', 'Height of the attention/problem space', { group: 'Ecosystem' }),
    homeSpread: num(3, 0, 1000, 'u', "Radius around its home over which a 40-person firm's people start (bigger firms spread wider: constant density)", { group: 'Ecosystem' }),
    homeRadius: num(18, 0, 5000, 'u', 'Radius of the arc on which firm homes sit', { group: 'Ecosystem' }),
  },
  hierarchy: {
    layers: int(4, 1, 10, 'layers', 'Org-chart layers, front line included (firms may override)', 'Hierarchy'),
    span: int(6, 1, 50, 'people', 'Span of control: reports per manager (firms may override)', 'Hierarchy'),
    serviceMean: num(1, 0, 100, 'h', 'Mean time a manager takes to handle a report (0 = instantly, and the load then costs nothing)', { group: 'Hierarchy', step: 0.1 }),
    service: oneOf('exponential', ['exponential', 'deterministic'] as const, "Law of a manager's handling time: exponential (M/M/1) or always exactly the mean (M/D/1)", 'Hierarchy'),
    load: num(0.5, 0, 0.95, 'utilisation', 'Background exception load ρ0 on every manager (M/M/1: ~2 h per hop at 0.5)', { group: 'Hierarchy', step: 0.05 }),
    batchPeriod: num(8, 0, 168, 'h', 'Formal cross-firm channel runs in batches every B hours (0 = continuous)', { group: 'Hierarchy' }),
    channel: oneOf('contracted', ['contracted', 'adjacent'] as const, 'Formal channel: all needed partners in parallel, or tier by tier', 'Hierarchy'),
    descent: num(0.5, 0, 24, 'h/hop', 'Time for an order to go down one layer', { group: 'Hierarchy', step: 0.1 }),
    decision: num(2, 0, 72, 'h', 'Time a deciding manager takes to decide and assign', { group: 'Hierarchy', step: 0.5 }),
    handoff: bool(true, 'Serial hand-off: production is released only after planning is assigned', 'Hierarchy'),
    managerPenalty: num(10, 0, 100, 'skill', 'When an order picks the best free person, a manager counts as this much less skilled (front-line staff go first)', { group: 'Hierarchy', step: 0.5 }),
    assignOmega: num(3, 0, 20, '', 'Goal weight ω of a person on a directed assignment', { group: 'Hierarchy', step: 0.1 }),
    falseAlarmFilter: num(0.5, 0, 1, 'probability', 'Chance that each manager a false alarm passes recognises and stops it', { group: 'Hierarchy', step: 0.05 }),
  },
  shared: {
    lambda: num(0.2, 0, 1, 'share', 'Hybrid mode: share of people connected and empowered (boundary spanners first)', { group: 'Shared space', step: 0.05 }),
    connectedShare: num(1, 0, 1, 'share', 'Spontaneous mode: share of empowered people connected to the shared space (the rest learn by relay)', { group: 'Shared space', step: 0.05 }),
    visibilityDelay: num(0.25, 0, 24, 'h', 'Delay before a post in the shared space is seen', { group: 'Shared space', step: 0.05 }),
    relayRate: num(2, 0, 100, '/h', 'Hazard that an unconnected person learns from an informed neighbour', { group: 'Shared space', step: 0.1 }),
    relayRadius: num(5, 0, 100, 'u', 'How close a neighbour must be to pass news on', { group: 'Shared space' }),
    commitRate: num(1, 0, 100, '/h', 'Commitment hazard, scaled by skill match, spare capacity and trust', { group: 'Shared space', step: 0.1 }),
    minMatch: num(0.3, 0, 1, '', 'People volunteer only for a needed skill they have at least this level of', { group: 'Shared space', step: 0.05 }),
    commitOmega: num(0.7, 0, 20, '', 'Goal weight ω of a self-chosen commitment', { group: 'Shared space', step: 0.1 }),
    crossFirmAffinity: num(1, 0, 10, '', 'Scale of the cross-firm affinity between volunteers, trust·(1 + γ·complementarity); 0 removes cross-firm flocking (the swarm ablation)', { group: 'Shared space', step: 0.1 }),
    gamma: num(2, 0, 10, '', 'Weight γ of skill complementarity in cross-firm affinity', { group: 'Shared space', step: 0.1 }),
    attentionCost: num(0.05, 0, 1, 'effort/h', 'Effort each connected person spends watching each active shock', { group: 'Shared space', step: 0.01 }),
    attentionCap: num(0.8, 0, 1, 'share', 'Most of a person\'s spare capacity that watching the shared space can take (people triage)', { group: 'Shared space', step: 0.05 }),
    falseAlarmDiscovery: num(1, 0.01, 48, 'h', 'Hours of fully covered team work needed to see that an alarm is false', { group: 'Shared space', step: 0.1 }),
  },
  shock: {
    gap: num(100, 0.001, 1e6, 'units', 'Default gap G0 of a shock', { group: 'Shock' }),
    rMax: num(5, 0.001, 1e5, 'units/h', 'Default maximum closure rate of a shock at full coverage', { group: 'Shock' }),
    detectRate: num(0.5, 0, 100, '/h', 'Detection hazard of a person within perception range', { group: 'Shock', step: 0.05 }),
    teamRadius: num(4, 0.1, 100, 'u', 'Engaged people within this distance of a shock form its team', { group: 'Shock' }),
    teamCoverage: num(0.8, 0.01, 1, 'share', 'Coverage C at which a team counts as formed (the T_team metric)', { group: 'Shock', step: 0.05 }),
    effortStar: num(2, 0.001, 1000, 'effort/h', 'Effort E* at which every needed skill is fully covered', { group: 'Shock', step: 0.1 }),
  },
  problems: {
    rate: num(0.02, 0, 2, '/h', 'Arrival rate of routine problems (a Poisson stream of shocks besides the scenario\'s own; 0 = none)', { group: 'Problem stream', step: 0.01 }),
    localShare: num(0.5, 0, 1, 'share', "Share of routine problems the owner's own department can fix alone", { group: 'Problem stream', step: 0.05 }),
    falseAlarmShare: num(0.1, 0, 1, 'share', 'Share of routine problems that are false alarms', { group: 'Problem stream', step: 0.05 }),
    gap: num(30, 0.001, 1e6, 'units', 'Gap G0 of a routine problem', { group: 'Problem stream' }),
  },
  movement: {
    speed: num(MOVE.speed, 0, 100, 'u/h', 'Walking speed of attention', { group: 'Movement' }),
    turnRate: num(MOVE.maxTurn, 0, 1000, 'rad/h', 'Maximum turning rate', { group: 'Movement' }),
    rRep: num(MOVE.rRep, 0, 100, 'u', 'Repulsion radius', { group: 'Movement' }),
    rAli: num(MOVE.rAli, 0, 100, 'u', 'Alignment radius', { group: 'Movement' }),
    rAtt: num(MOVE.rAtt, 0, 100, 'u', 'Attraction radius', { group: 'Movement' }),
    fov: num(MOVE.fov, 0, 360, 'deg', 'Field of view', { group: 'Movement' }),
    wAli: num(MOVE.wAli, 0, 100, '', 'Alignment weight', { group: 'Movement', step: 0.1 }),
    wCoh: num(MOVE.wCoh, 0, 100, '', 'Attraction weight', { group: 'Movement', step: 0.1 }),
    noise: num(MOVE.sigma, 0, 3.2, 'rad', 'Movement noise σ (wrapped Gaussian, per tick)', { group: 'Movement', step: 0.01 }),
    neighbours: int(MOVE.topologicalK, 0, 64, 'people', 'Each person heeds only this many nearest people in view within the attraction radius (topological, as starlings heed about 7; 0 = everyone in range)', 'Movement'),
  },
  supply: {
    periodH: num(4, 0.1, 168, 'h', 'Length of one ordering period', { group: 'Supply chain' }),
    leadTime: int(2, 1, 52, 'periods', 'Order lead time L between tiers', 'Supply chain'),
    maPeriods: int(5, 1, 104, 'periods', 'Moving-average window p of the order-up-to forecast', 'Supply chain'),
    demandMean: num(100, 0, 1e9, 'units/period', 'Mean end-customer demand', { group: 'Supply chain' }),
    demandSd: num(10, 0, 1e9, 'units/period', 'S.d. of end-customer demand (i.i.d. normal)', { group: 'Supply chain' }),
    spikeDemand: num(50, 0, 1e9, 'units/period', 'Extra end demand while a demand spike is open (scaled by its remaining gap)', { group: 'Supply chain' }),
  },
  run: {
    horizon: num(240, 1, 100_000, 'h', 'Simulated hours; thresholds not reached by then are censored', { group: 'Run' }),
    dt: num(MOVE.dt, 0.001, 1, 'h', 'Length of one tick', { group: 'Run' }),
    sampleEvery: int(10, 1, 100_000, 'ticks', 'Record the time series every this many ticks', 'Run'),
    stopWhenResolved: bool(true, "Stop once the scenario's own shocks are all resolved or dismissed (every metric is then final; the bullwhip ratios need the full horizon and are left empty — set false to measure them). The lab always runs on", 'Run'),
  },
} as const;

export type ParamGroups = typeof PARAMS;
export type GroupName = keyof ParamGroups;
export type ModelParams = { [G in GroupName]: ValuesOf<ParamGroups[G]> };

export function defaultParams(): ModelParams {
  const out: Record<string, unknown> = {};
  for (const [g, decls] of Object.entries(PARAMS)) out[g] = defaultsOf(decls);
  return out as ModelParams;
}

export const GROUP_TITLES: Record<GroupName, string> = {
  ecosystem: 'Ecosystem',
  hierarchy: 'Hierarchy',
  shared: 'Shared space',
  shock: 'Shock',
  problems: 'Problem stream',
  movement: 'Movement',
  supply: 'Supply chain',
  run: 'Run',
};
