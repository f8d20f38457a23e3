/**
 * Every parameter of the business-ecosystem model, declared once with its default, range, unit and a
 * one-line research doc (spec sections 2, 4, 5), and, through `say`, its plain-language label, a
 * one-sentence help text and the lab section an executive finds it in. The scenario schema,
 * `starling params`, `--set`, the lab's controls and the ODD tables are all generated from these.
 * Rates are per hour; one tick is 0.1 h.
 */
import { BUSINESS_MOVEMENT as MOVE } from '../kernel/presets.ts';
import { bool, int, num, oneOf, say, defaultsOf, type ValuesOf } from '../params/declare.ts';

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
    headcount: say(int(40, 2, 20000, 'people', 'People per firm (firms may override)', 'Ecosystem'), 'ecosystem', 'People per firm', 'How many people work in each firm, unless a firm sets its own headcount.', { key: true }),
    customerHeadcount: say(int(20, 1, 20000, 'people', 'People in a customer segment: demand sensors (the social-CRM signal)', 'Ecosystem'), 'ecosystem', 'People in the customer segment', 'Customers who notice a demand change first and say so (the social-CRM signal).'),
    spannerShare: say(num(0.1, 0, 1, 'share', 'Share of each firm who are boundary spanners', { group: 'Ecosystem', step: 0.01 }), 'ecosystem', 'Share who link firms', 'The share of each firm who are boundary spanners: they know people in other firms and notice problems from further away.'),
    trustAdjacent: say(num(0.6, 0, 1, '', 'Trust between adjacent tiers of the value chain', { group: 'Ecosystem', step: 0.05 }), 'ecosystem', 'Trust between neighbouring firms', 'How much people trust a firm directly up or down the value chain (0 none, 1 complete).', { key: true }),
    trustOther: say(num(0.2, 0, 1, '', 'Trust between non-adjacent firms', { group: 'Ecosystem', step: 0.05 }), 'ecosystem', 'Trust between distant firms', 'How much people trust firms further along the chain (0 none, 1 complete).'),
    skillOwn: say(num(0.8, 0, 1, '', "Mean skill in one's own function", { group: 'Ecosystem', step: 0.05 }), 'ecosystem', 'Skill in their own job', 'How good people are, on average, at their own department\'s work (0 to 1).'),
    skillOwnSd: say(num(0.1, 0, 0.5, '', "Spread (s.d.) of skill in one's own function", { group: 'Ecosystem', step: 0.01 }), 'advanced', 'Spread of skill', 'How much skill in one\'s own job varies between people (standard deviation).'),
    skillOther: say(num(0.1, 0, 1, '', 'Skill in every other function', { group: 'Ecosystem', step: 0.05 }), 'ecosystem', 'Skill outside their own job', 'How good people are at other departments\' work (0 to 1).'),
    spareCapacity: say(num(0.5, 0.01, 1, 'effort/h', 'Most of one effort-unit per hour a person can give to shocks', { group: 'Ecosystem', step: 0.05 }), 'ecosystem', 'Spare capacity', 'The most of an hour\'s effort a person can give to a problem beyond their day job, per hour.'),
    perception: say(num(8, 0, 100, 'u', 'How far an ordinary person notices a shock', { group: 'Ecosystem' }), 'advanced', 'How far people notice', 'How close an ordinary person must be to where a problem shows to notice it (map units); a firm\'s people stand within the default range of their home, so only a smaller range changes the run.'),
    spannerPerception: say(num(20, 0, 100, 'u', 'How far a boundary spanner notices a shock', { group: 'Ecosystem' }), 'advanced', 'How far spanners notice', 'How close a boundary spanner must be to a problem to notice it (in map units).'),
    homePull: say(num(0.5, 0, 10, '', 'Pull of the day job back to the home firm', { group: 'Ecosystem', step: 0.05 }), 'ecosystem', 'Pull of the day job', 'How strongly the day job pulls a volunteer back to their own firm; nobody releases a volunteer from it.'),
    spannerHomePull: say(num(0.1, 0, 10, '', "A boundary spanner's (weaker) pull back home", { group: 'Ecosystem', step: 0.05 }), 'advanced', 'Spanners\' pull of the day job', 'The (weaker) pull of the day job on a boundary spanner.'),
    width: say(num(60, 10, 10000, 'u', 'Width of the attention/problem space', { group: 'Ecosystem' }), 'advanced', 'Map width', 'Width of the map on which people and problems sit (map units).'),
    height: say(num(60, 10, 10000, 'u', 'Height of the attention/problem space', { group: 'Ecosystem' }), 'advanced', 'Map height', 'Height of the map on which people and problems sit (map units).'),
    homeSpread: say(num(3, 0, 1000, 'u', "Radius around its home over which a 40-person firm's people start (bigger firms spread wider: constant density)", { group: 'Ecosystem' }), 'advanced', 'Spread of a firm\'s people', 'How far around its home a 40-person firm\'s people start; bigger firms spread wider.'),
    homeRadius: say(num(18, 0, 5000, 'u', 'Radius of the arc on which firm homes sit', { group: 'Ecosystem' }), 'advanced', 'Distance between firms', 'Radius of the arc on which firm homes sit, unless a firm\'s home is placed.'),
  },
  hierarchy: {
    layers: say(int(4, 1, 10, 'layers', 'Org-chart layers, front line included (firms may override)', 'Hierarchy'), 'hierarchy', 'Layers of management', 'Org-chart layers from the front line to the top, unless a firm sets its own.', { key: true }),
    span: say(int(6, 1, 50, 'people', 'Span of control: reports per manager (firms may override)', 'Hierarchy'), 'hierarchy', 'Reports per manager', 'How many people report to each manager (span of control).'),
    serviceMean: say(num(1, 0, 100, 'h', 'Mean time a manager takes to handle a report (0 = instantly, and the load then costs nothing)', { group: 'Hierarchy', step: 0.1 }), 'hierarchy', 'Manager\'s time per report', 'How long, on average, a manager takes to handle one report; 0 means instantly.', { key: true }),
    service: say(oneOf('exponential', ['exponential', 'deterministic'] as const, "Law of a manager's handling time: exponential (M/M/1) or always exactly the mean (M/D/1)", 'Hierarchy'), 'advanced', 'How handling time varies', 'Whether a manager\'s handling time varies at random (exponential) or is always the average (deterministic).'),
    load: say(num(0.5, 0, 0.95, 'utilisation', 'Background exception load ρ0 on every manager (M/M/1: ~2 h per hop at 0.5)', { group: 'Hierarchy', step: 0.05 }), 'hierarchy', 'Managers\' other workload', 'How busy managers already are with other exceptions (0 idle, 0.95 nearly swamped); reports queue behind it.'),
    batchPeriod: say(num(8, 0, 168, 'h', 'Formal cross-firm channel runs in batches every B hours (0 = continuous)', { group: 'Hierarchy' }), 'hierarchy', 'Formal channel between firms runs every', 'How often the formal cross-firm channel (meetings, EDI batches) runs; 0 means continuously, 168 h is weekly.', { key: true }),
    channel: say(oneOf('contracted', ['contracted', 'adjacent'] as const, 'Formal channel: all needed partners in parallel, or tier by tier', 'Hierarchy'), 'hierarchy', 'Who the formal channel reaches', 'All the partners needed at once (contracted), or one tier at a time (adjacent).'),
    descent: say(num(0.5, 0, 24, 'h/hop', 'Time for an order to go down one layer', { group: 'Hierarchy', step: 0.1 }), 'hierarchy', 'Time for an order to go down a layer', 'How long an instruction takes to pass down one layer of management.'),
    decision: say(num(2, 0, 72, 'h', 'Time a deciding manager takes to decide and assign', { group: 'Hierarchy', step: 0.5 }), 'hierarchy', 'Time to decide', 'How long the deciding manager takes to decide and assign people.'),
    handoff: say(bool(true, 'Serial hand-off: production is released only after planning is assigned', 'Hierarchy'), 'hierarchy', 'Production waits for planning', 'If on, production is released only after planning has been assigned (a serial hand-off).'),
    managerPenalty: say(num(10, 0, 100, 'skill', 'When an order picks the best free person, a manager counts as this much less skilled (front-line staff go first)', { group: 'Hierarchy', step: 0.5 }), 'advanced', 'Managers picked last', 'When an order picks the best free person, a manager counts as this much less skilled, so front-line staff go first.'),
    assignOmega: say(num(3, 0, 20, '', 'Goal weight ω of a person on a directed assignment', { group: 'Hierarchy', step: 0.1 }), 'advanced', 'Pull of a directed assignment', 'How strongly a person told to work on a problem is drawn to it (goal weight ω).'),
    falseAlarmFilter: say(num(0.5, 0, 1, 'probability', 'Chance that each manager a false alarm passes recognises and stops it', { group: 'Hierarchy', step: 0.05 }), 'hierarchy', 'Managers who stop false alarms', 'The chance that each manager a false alarm passes recognises it and stops it.'),
  },
  shared: {
    lambda: say(num(0.2, 0, 1, 'share', 'Hybrid mode: share of people connected and empowered (boundary spanners first)', { group: 'Shared space', step: 0.05 }), 'shared', 'Hybrid: share on the shared space', 'In the hybrid organisation, the share of people connected and empowered to act (boundary spanners first).', { key: true }),
    connectedShare: say(num(1, 0, 1, 'share', 'Spontaneous mode: share of empowered people connected to the shared space (the rest learn by relay)', { group: 'Shared space', step: 0.05 }), 'shared', 'Share connected to the shared space', 'In spontaneous association, the share of people on the shared space; the rest hear by word of mouth.', { key: true }),
    visibilityDelay: say(num(0.25, 0, 24, 'h', 'Delay before a post in the shared space is seen', { group: 'Shared space', step: 0.05 }), 'shared', 'Delay before a post is seen', 'How long after a problem is posted the people on the shared space see it.'),
    relayRate: say(num(2, 0, 100, '/h', 'Hazard that an unconnected person learns from an informed neighbour', { group: 'Shared space', step: 0.1 }), 'shared', 'Word-of-mouth speed', 'How quickly someone off the shared space hears the news from an informed colleague nearby (per hour).'),
    relayRadius: say(num(5, 0, 100, 'u', 'How close a neighbour must be to pass news on', { group: 'Shared space' }), 'advanced', 'Word-of-mouth distance', 'How close a colleague must be to pass the news on (map units).'),
    commitRate: say(num(1, 0, 100, '/h', 'Commitment hazard, scaled by skill match, spare capacity and trust', { group: 'Shared space', step: 0.1 }), 'shared', 'Readiness to volunteer', 'How quickly a person who could help decides to (per hour; scaled by skill, spare capacity and trust).'),
    minMatch: say(num(0.3, 0, 1, '', 'People volunteer only for a needed skill they have at least this level of', { group: 'Shared space', step: 0.05 }), 'shared', 'Skill needed to volunteer', 'People volunteer only for a needed skill they have at least this level of (0 to 1); any value between skill outside one\'s job and in it picks the same people.'),
    commitOmega: say(num(0.7, 0, 20, '', 'Goal weight ω of a self-chosen commitment', { group: 'Shared space', step: 0.1 }), 'shared', 'Pull of a volunteer\'s goal', 'How strongly a volunteer is drawn to the problem they chose, against the pull of the day job (goal weight ω).'),
    crossFirmAffinity: say(num(1, 0, 10, '', 'Scale of the cross-firm affinity between volunteers, trust·(1 + γ·complementarity); 0 removes cross-firm flocking (the swarm ablation)', { group: 'Shared space', step: 0.1 }), 'advanced', 'Cross-firm team cohesion', 'How strongly volunteers from different firms hold together as a team; 0 switches cross-firm flocking off.'),
    gamma: say(num(2, 0, 10, '', 'Weight γ of skill complementarity in cross-firm affinity', { group: 'Shared space', step: 0.1 }), 'advanced', 'Weight of complementary skills', 'How much more volunteers with different, complementary skills are drawn together (γ).'),
    attentionCost: say(num(0.05, 0, 1, 'effort/h', 'Effort each connected person spends watching each active shock', { group: 'Shared space', step: 0.01 }), 'shared', 'Cost of watching', 'Effort each connected person spends watching each open problem on the shared space (per hour).'),
    attentionCap: say(num(0.8, 0, 1, 'share', 'Most of a person\'s spare capacity that watching the shared space can take (people triage)', { group: 'Shared space', step: 0.05 }), 'shared', 'Most attention watching may take', 'The largest share of a person\'s spare capacity that watching the shared space can take; beyond it people triage.'),
    falseAlarmDiscovery: say(num(1, 0.01, 48, 'h', 'Hours of fully covered team work needed to see that an alarm is false', { group: 'Shared space', step: 0.1 }), 'shared', 'Time to see through a false alarm', 'Hours of fully staffed team work needed to see that an alarm is false.'),
  },
  shock: {
    gap: say(num(100, 0.001, 1e6, 'units', 'Default gap G0 of a shock', { group: 'Shock' }), 'shock', 'Size of a shock', 'How big a shock\'s gap is when it hits (units of unmet need), unless the shock sets its own.'),
    rMax: say(num(5, 0.001, 1e5, 'units/h', 'Default maximum closure rate of a shock at full coverage', { group: 'Shock' }), 'shock', 'Fastest closing rate', 'How fast a fully staffed team closes a shock\'s gap (units per hour).'),
    detectRate: say(num(0.5, 0, 100, '/h', 'Detection hazard of a person within perception range', { group: 'Shock', step: 0.05 }), 'shock', 'How quickly people notice', 'How quickly a person near a problem notices it (per hour); at the defaults dozens of people stand where it shows, so it is noticed within minutes and only much lower values change the run.'),
    teamRadius: say(num(4, 0.1, 100, 'u', 'Engaged people within this distance of a shock form its team', { group: 'Shock' }), 'advanced', 'Team distance', 'People working within this distance of a problem count as its team (map units).'),
    teamCoverage: say(num(0.8, 0.01, 1, 'share', 'Coverage C at which a team counts as formed (the T_team metric)', { group: 'Shock', step: 0.05 }), 'advanced', 'When a team counts as formed', 'The share of needed skills covered at which a team counts as formed (for the team-formation time).'),
    effortStar: say(num(2, 0.001, 1000, 'effort/h', 'Effort E* at which every needed skill is fully covered', { group: 'Shock', step: 0.1 }), 'advanced', 'Effort for full coverage', 'The effort per hour at which every needed skill is fully covered.'),
  },
  problems: {
    rate: say(num(0.02, 0, 2, '/h', 'Arrival rate of routine problems (a Poisson stream of shocks besides the scenario\'s own; 0 = none)', { group: 'Problem stream', step: 0.01 }), 'advanced', 'Routine problems per hour', 'How often routine problems arrive besides the scenario\'s own shocks (0 for none).'),
    localShare: say(num(0.5, 0, 1, 'share', "Share of routine problems the owner's own department can fix alone", { group: 'Problem stream', step: 0.05 }), 'advanced', 'Routine problems fixed locally', 'Share of routine problems the owning department can fix alone.'),
    falseAlarmShare: say(num(0.1, 0, 1, 'share', 'Share of routine problems that are false alarms', { group: 'Problem stream', step: 0.05 }), 'advanced', 'Routine false alarms', 'Share of routine problems that turn out to be false alarms.'),
    gap: say(num(30, 0.001, 1e6, 'units', 'Gap G0 of a routine problem', { group: 'Problem stream' }), 'advanced', 'Size of a routine problem', 'How big a routine problem\'s gap is (units of unmet need).'),
  },
  movement: {
    speed: say(num(MOVE.speed, 0, 100, 'u/h', 'Walking speed of attention', { group: 'Movement' }), 'advanced', 'Walking speed', 'How fast people move on the map (map units per hour).'),
    turnRate: say(num(MOVE.maxTurn, 0, 1000, 'rad/h', 'Maximum turning rate', { group: 'Movement' }), 'advanced', 'Turning rate', 'How fast people can turn (radians per hour).'),
    rRep: say(num(MOVE.rRep, 0, 100, 'u', 'Repulsion radius', { group: 'Movement' }), 'advanced', 'Personal space', 'People keep at least this far apart (repulsion radius).'),
    rAli: say(num(MOVE.rAli, 0, 100, 'u', 'Alignment radius', { group: 'Movement' }), 'advanced', 'Alignment distance', 'People within this distance match each other\'s heading.'),
    rAtt: say(num(MOVE.rAtt, 0, 100, 'u', 'Attraction radius', { group: 'Movement' }), 'advanced', 'Attraction distance', 'People within this distance are drawn together.'),
    fov: say(num(MOVE.fov, 0, 360, 'deg', 'Field of view', { group: 'Movement' }), 'advanced', 'Field of view', 'How wide people look around them (degrees).'),
    wAli: say(num(MOVE.wAli, 0, 100, '', 'Alignment weight', { group: 'Movement', step: 0.1 }), 'advanced', 'Alignment strength', 'How strongly people match their neighbours\' heading.'),
    wCoh: say(num(MOVE.wCoh, 0, 100, '', 'Attraction weight', { group: 'Movement', step: 0.1 }), 'advanced', 'Attraction strength', 'How strongly people are drawn to their neighbours.'),
    noise: say(num(MOVE.sigma, 0, 3.2, 'rad', 'Movement noise σ (wrapped Gaussian, per tick)', { group: 'Movement', step: 0.01 }), 'advanced', 'Randomness of movement', 'How much each step\'s heading wanders at random (radians).'),
    neighbours: say(int(MOVE.topologicalK, 0, 64, 'people', 'Each person heeds only this many nearest people in view within the attraction radius (topological, as starlings heed about 7; 0 = everyone in range)', 'Movement'), 'advanced', 'Neighbours each person heeds', 'Each person heeds only this many nearest people in view, as starlings heed about seven; 0 means everyone in range.'),
  },
  supply: {
    periodH: say(num(4, 0.1, 168, 'h', 'Length of one ordering period', { group: 'Supply chain' }), 'advanced', 'Ordering period', 'Length of one ordering period of the supply chain.'),
    leadTime: say(int(2, 1, 52, 'periods', 'Order lead time L between tiers', 'Supply chain'), 'advanced', 'Order lead time', 'Periods between placing an order and receiving it.'),
    maPeriods: say(int(5, 1, 104, 'periods', 'Moving-average window p of the order-up-to forecast', 'Supply chain'), 'advanced', 'Forecast window', 'Periods averaged in the order-up-to forecast.'),
    demandMean: say(num(100, 0, 1e9, 'units/period', 'Mean end-customer demand', { group: 'Supply chain' }), 'advanced', 'Average customer demand', 'Mean end-customer demand per period.'),
    demandSd: say(num(10, 0, 1e9, 'units/period', 'S.d. of end-customer demand (i.i.d. normal)', { group: 'Supply chain' }), 'advanced', 'Demand variability', 'Standard deviation of end-customer demand per period.'),
    spikeDemand: say(num(50, 0, 1e9, 'units/period', 'Extra end demand while a demand spike is open (scaled by its remaining gap)', { group: 'Supply chain' }), 'advanced', 'Extra demand in a spike', 'Extra end-customer demand while a demand spike is open.'),
  },
  run: {
    horizon: say(num(240, 1, 100_000, 'h', 'Simulated hours; thresholds not reached by then are censored', { group: 'Run' }), 'advanced', 'Simulated hours', 'How long each run lasts; anything not reached by then counts as not yet.'),
    dt: say(num(MOVE.dt, 0.001, 1, 'h', 'Length of one tick', { group: 'Run' }), 'advanced', 'Length of a tick', 'Simulated hours per step.'),
    sampleEvery: say(int(10, 1, 100_000, 'ticks', 'Record the time series every this many ticks', 'Run'), 'advanced', 'Chart sampling', 'Record the charts\' time series every this many ticks.'),
    stopWhenResolved: say(bool(true, "Stop once the scenario's own shocks are all resolved or dismissed (every metric is then final; the bullwhip ratios need the full horizon and are left empty — set false to measure them). The lab always runs on", 'Run'), 'advanced', 'Stop when settled', 'Batch runs stop once the scenario\'s shocks are settled; the lab always runs on, so this is not in the lab.', { lab: false }),
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
