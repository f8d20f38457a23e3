// Flocc 0.7.0 on the standard boids workload, through its idiomatic API: an Environment on a torus,
// Agents holding their state in agent data (get/set), a KDTree helper for neighbours
// (tree.agentsWithinDistance, torus-aware), and a `tick` rule that returns the agent's next state —
// Flocc applies returned data after every agent has run its rules, so the update is synchronous.
import { Agent, Environment, KDTree } from 'flocc';
import { decide, measure, mulberry32, parseArgs, workload } from './common.mjs';

const args = parseArgs(process.argv.slice(2));
const w = workload(args.n);
const { l, r } = w;
const rng = mulberry32(42);
const rRep2 = w.rRep * w.rRep;
const half = l / 2;
const out = [0, 0];
let tree;

function tick(agent) {
  const x = agent.get('x'), y = agent.get('y'), hx = agent.get('hx'), hy = agent.get('hy');
  let nRep = 0, repX = 0, repY = 0, aliX = 0, aliY = 0, cohX = 0, cohY = 0;
  for (const m of tree.agentsWithinDistance(agent, r)) {
    let dx = m.get('x') - x, dy = m.get('y') - y;
    if (dx > half) dx -= l; else if (dx < -half) dx += l;
    if (dy > half) dy -= l; else if (dy < -half) dy += l;
    const d2 = dx * dx + dy * dy;
    if (d2 === 0) continue;
    const d = Math.sqrt(d2);
    if (d2 < rRep2) { repX -= dx / d; repY -= dy / d; nRep++; continue; }
    aliX += m.get('hx'); aliY += m.get('hy');
    cohX += dx / d; cohY += dy / d;
  }
  decide(w, hx, hy, nRep, repX, repY, aliX, aliY, cohX, cohY, rng, out);
  return { hx: out[0], hy: out[1], x: x + w.speed * out[0], y: y + w.speed * out[1] };
}

const env = new Environment({ torus: true, width: l, height: l });
for (let i = 0; i < args.n; i++) {
  const a = rng() * 2 * Math.PI;
  env.addAgent(new Agent({ x: rng() * l, y: rng() * l, hx: Math.cos(a), hy: Math.sin(a), tick }), false);
}
tree = new KDTree(env.getAgents(), 2);
env.use(tree);

measure('Flocc 0.7.0', args, () => env.tick(), () => {
  let sum = 0;
  for (const a of env.getAgents()) sum += tree.agentsWithinDistance(a, r).length;
  return sum / args.n;
});
