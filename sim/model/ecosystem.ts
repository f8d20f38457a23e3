/**
 * Builds the ecosystem's people from a resolved scenario: org charts per firm, skills, spare capacity,
 * boundary spanners, who is connected/empowered, homes and starting positions.
 *
 * Every random draw here comes from streams that do not depend on the coordination mode, so for one
 * seed the hierarchical, spontaneous and hybrid runs see the same firms, people and starting positions
 * (common random numbers): differences between modes come from the organisation alone.
 */
import { OrgChart } from '../hierarchy/orgChart.ts';
import { normal, streamRng } from '../rng.ts';
import { K, type ModeName } from './params.ts';
import type { Scenario } from './scenario.ts';
import * as dmath from '../math.ts';

export interface People {
  n: number;
  firm: Uint8Array;
  /** Index of the person inside their firm's org chart. */
  local: Int32Array;
  /** Department function (skill index); managers of mixed departments get the firm's first function. */
  func: Int8Array;
  isManager: Uint8Array;
  /** Front-line people detect shocks; managers do not. */
  frontLine: Uint8Array;
  spanner: Uint8Array;
  /** k_im, row-major N × K. */
  skill: Float32Array;
  perception: Float32Array;
  homePull: Float32Array;
  /** Connected to the shared space (sees posts and coverage). */
  connected: Uint8Array;
  /** May act without approval (commit on their own). */
  empowered: Uint8Array;
  startX: Float64Array;
  startY: Float64Array;
  startHeading: Float64Array;
}

export interface Ecosystem {
  charts: OrgChart[];
  /** First global person id of each firm (firmStart[f] + local = id). */
  firmStart: Int32Array;
  people: People;
  /** Complementarity of firm i to firm j: share of j's functions that i lacks. */
  complementarity: number[][];
}

export function buildEcosystem(s: Scenario, mode: ModeName, seed: number): Ecosystem {
  const charts = s.firms.map((f) => new OrgChart({ headcount: f.headcount, layers: f.layers, span: f.span, functions: f.functions }));
  const firmStart = new Int32Array(s.firms.length + 1);
  for (let f = 0; f < s.firms.length; f++) firmStart[f + 1] = firmStart[f] + s.firms[f].headcount;
  const n = firmStart[s.firms.length];
  const p: People = {
    n,
    firm: new Uint8Array(n),
    local: new Int32Array(n),
    func: new Int8Array(n),
    isManager: new Uint8Array(n),
    frontLine: new Uint8Array(n),
    spanner: new Uint8Array(n),
    skill: new Float32Array(n * K),
    perception: new Float32Array(n),
    homePull: new Float32Array(n),
    connected: new Uint8Array(n),
    empowered: new Uint8Array(n),
    startX: new Float64Array(n),
    startY: new Float64Array(n),
    startHeading: new Float64Array(n),
  };
  const eco = s.ecosystem;
  const skillRng = streamRng(seed, 'people/skills');
  const spannerRng = streamRng(seed, 'people/spanners');
  const placeRng = streamRng(seed, 'people/positions');
  const connectRng = streamRng(seed, 'people/connected');
  const connectDraw = new Float64Array(n);

  for (let f = 0; f < s.firms.length; f++) {
    const chart = charts[f];
    const firm = s.firms[f];
    const size = firm.headcount;
    // Boundary spanners: a fixed share of each firm, front line first (they face the partners).
    const spanners = Math.round(eco.spannerShare * size);
    const order = Array.from({ length: size }, (_, k) => k).sort((a, b) => Number(chart.isManager[a]) - Number(chart.isManager[b]) || 0);
    shuffleFrontLine(order, chart, spannerRng);
    for (let k = 0; k < size; k++) {
      const id = firmStart[f] + k;
      p.firm[id] = f;
      p.local[id] = k;
      p.func[id] = chart.func[k] >= 0 ? chart.func[k] : firm.functions[0];
      p.isManager[id] = chart.isManager[k];
      p.frontLine[id] = chart.isManager[k] ? 0 : 1;
      for (let m = 0; m < K; m++) {
        const own = m === p.func[id];
        p.skill[id * K + m] = own ? clamp01(eco.skillOwn + eco.skillOwnSd * normal(skillRng)) : eco.skillOther;
      }
      const angle = placeRng() * 2 * Math.PI;
      // People start around their firm's home; bigger firms spread wider (constant density).
      const radius = eco.homeSpread * Math.sqrt(Math.max(1, size / 40)) * Math.sqrt(placeRng());
      p.startX[id] = clampTo(firm.home[0] + radius * dmath.cos(angle), eco.width);
      p.startY[id] = clampTo(firm.home[1] + radius * dmath.sin(angle), eco.height);
      p.startHeading[id] = placeRng() * 2 * Math.PI;
      connectDraw[id] = connectRng();
    }
    for (let k = 0; k < spanners; k++) p.spanner[firmStart[f] + order[k]] = 1;
  }
  for (let id = 0; id < n; id++) {
    p.perception[id] = p.spanner[id] ? eco.spannerPerception : eco.perception;
    p.homePull[id] = p.spanner[id] ? eco.spannerHomePull : eco.homePull;
  }
  assignConnectivity(p, s, mode, connectDraw);

  const complementarity = s.firms.map((a) => s.firms.map((b) => (b.functions.length ? b.functions.filter((k) => !a.functions.includes(k)).length / b.functions.length : 0)));
  return { charts, firmStart, people: p, complementarity };
}

/**
 * Who is connected and empowered. Hierarchical: nobody. Spontaneous: everyone empowered, each
 * connected with probability `connectedShare`. Hybrid λ: the first round(λN) people in the order
 * (boundary spanners first, then by a per-person draw) are connected and empowered. The draws are the
 * same in every mode, so raising λ only ever adds people.
 */
function assignConnectivity(p: People, s: Scenario, mode: ModeName, draw: Float64Array): void {
  if (mode === 'hierarchical') return;
  if (mode === 'spontaneous') {
    for (let id = 0; id < p.n; id++) {
      p.empowered[id] = 1;
      p.connected[id] = draw[id] < s.shared.connectedShare ? 1 : 0;
    }
    return;
  }
  const order = Array.from({ length: p.n }, (_, id) => id).sort((a, b) => p.spanner[b] - p.spanner[a] || draw[a] - draw[b] || a - b);
  const count = Math.round(s.shared.lambda * p.n);
  for (let k = 0; k < count; k++) {
    p.empowered[order[k]] = 1;
    p.connected[order[k]] = 1;
  }
}

/** Put the front line first in random order (spanners are drawn from the front of the list). */
function shuffleFrontLine(order: number[], chart: OrgChart, rng: () => number): void {
  const front = order.filter((k) => !chart.isManager[k]);
  for (let k = front.length - 1; k > 0; k--) {
    const j = Math.floor(rng() * (k + 1));
    [front[k], front[j]] = [front[j], front[k]];
  }
  const managers = order.filter((k) => chart.isManager[k]);
  order.splice(0, order.length, ...front, ...managers);
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
function clampTo(v: number, max: number): number {
  return v < 0 ? 0 : v > max ? max : v;
}
