/**
 * Who a workshop participant can play in a run, and what that person sees (for the phone).
 *
 * The cast puts first the people whose decisions can matter for the scenario's first shock:
 * - in a mode with the hierarchy: the top manager of the shock's owner firm (who decides when the
 *   report crosses to partners), then the tops of the other firms, then the owner's front line in the
 *   functions the shock needs (they wait to be told: the room feels being directed);
 * - in a mode with the shared space: the empowered people best placed to help, by skill in the needed
 *   functions × trust in the owner (the model's own ranking of volunteers), boundary spanners first
 *   among equals.
 * The order is deterministic (ties to the lowest id).
 */
import { K, SKILLS } from './params.ts';
import type { Simulation } from './simulation.ts';
import { HAND_NO, HAND_YES, MOMENT_FORWARD, MOMENT_JOIN } from './hands.ts';
import { STATE_NAMES } from './state.ts';

export type Part = 'top manager' | 'manager' | 'front line' | 'boundary spanner' | 'connected person';

export interface CastMember {
  id: number;
  firm: string;
  part: Part;
  /** "Top manager of the Retailer", "Boundary spanner at the Supplier (procurement)". */
  label: string;
}

const skillName = (sim: Simulation, id: number) => SKILLS[sim.eco.people.func[id]] ?? 'general';

export function castOf(sim: Simulation): CastMember[] {
  const s = sim.scenario;
  const p = sim.eco.people;
  const shock = sim.shocks.specs[0];
  if (!shock) return [];
  const owner = shock.owner;
  const name = (f: number) => s.firms[f].name;
  const out: CastMember[] = [];
  const member = (id: number, part: Part): CastMember => {
    const firm = name(p.firm[id]);
    const label = part === 'top manager' ? `Top manager of the ${firm}`
      : part === 'front line' ? `Front line at the ${firm} (${skillName(sim, id)})`
      : part === 'boundary spanner' ? `Boundary spanner at the ${firm} (${skillName(sim, id)})`
      : part === 'connected person' ? `${skillName(sim, id)[0].toUpperCase()}${skillName(sim, id).slice(1)} at the ${firm}`
      : `Manager at the ${firm}`;
    return { id, firm, part, label };
  };
  if (sim.usesHierarchy) {
    const tops = s.firms.map((_f, f) => f).filter((f) => sim.eco.charts[f].layers > 1 && s.firms[f].role !== 'customer');
    tops.sort((a, b) => (a === owner ? -1 : b === owner ? 1 : Math.abs(a - owner) - Math.abs(b - owner) || a - b));
    for (const f of tops) out.push(member(sim.eco.firmStart[f], 'top manager'));
    for (let id = sim.eco.firmStart[owner]; id < sim.eco.firmStart[owner + 1]; id++) {
      if (p.frontLine[id] && shock.mix[p.func[id]] > 0) out.push(member(id, 'front line'));
    }
  }
  if (sim.usesSharedSpace) {
    const ranked: Array<[number, number]> = [];
    for (let id = 0; id < p.n; id++) {
      if (!p.empowered[id] || s.firms[p.firm[id]].role === 'customer') continue;
      let best = 0;
      for (let m = 0; m < K; m++) if (shock.mix[m] > 0) best = Math.max(best, p.skill[id * K + m]);
      ranked.push([id, best * s.trust[p.firm[id]][owner] + (p.spanner[id] ? 1e-6 : 0)]);
    }
    ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (const [id] of ranked) out.push(member(id, p.spanner[id] ? 'boundary spanner' : 'connected person'));
  }
  return out;
}

/** What a played person sees: the problem, their state, the team and the clock. */
export interface HandView {
  id: number;
  time: number;
  state: (typeof STATE_NAMES)[number];
  /** 'join' or 'forward' when a decision is asked for now. */
  moment: 'join' | 'forward' | null;
  choice: 'undecided' | 'yes' | 'no';
  /** On a directed assignment (told to by a manager) rather than self-chosen. */
  directed: boolean;
  problem: { label: string; left: number; status: 'pending' | 'open' | 'resolved' | 'dismissed' } | null;
  /** People committed to the problem (on their way or there), those on site, and the coverage C. */
  team: { committed: number; onSite: number; coverage: number } | null;
  /** The person's skill in what the problem needs (0…1). */
  skill: number;
}

const STATUS = ['pending', 'open', 'resolved', 'dismissed'] as const;

export function handView(sim: Simulation, id: number): HandView {
  const h = sim.hands;
  const st = sim.people;
  const shocks = sim.shocks;
  const s = h.shock[id] >= 0 ? h.shock[id] : st.target[id] >= 0 ? st.target[id] : shocks.count > 0 ? 0 : -1;
  const spec = s >= 0 ? shocks.specs[s] : null;
  let skill = 0;
  if (spec) for (let m = 0; m < K; m++) if (spec.mix[m] > 0) skill = Math.max(skill, sim.eco.people.skill[id * K + m]);
  return {
    id,
    time: sim.time,
    state: STATE_NAMES[st.state[id]],
    moment: h.moment[id] === MOMENT_JOIN ? 'join' : h.moment[id] === MOMENT_FORWARD ? 'forward' : null,
    choice: h.policy[id] === HAND_YES ? 'yes' : h.policy[id] === HAND_NO ? 'no' : 'undecided',
    directed: st.directed[id] === 1,
    problem: spec ? { label: spec.label, left: shocks.gap[s] / spec.gap, status: STATUS[shocks.status[s]] } : null,
    team: s >= 0 && shocks.status[s] !== 0 ? { committed: shocks.committedCount[s], onSite: shocks.teamSize[s], coverage: shocks.coverage[s] } : null,
    skill,
  };
}
