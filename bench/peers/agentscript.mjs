// AgentScript 0.10.27 on the standard boids workload, through its idiomatic API: a Model subclass,
// turtles created with turtles.create, neighbours from turtles.inRadius (patch-rect cache from
// patches.cacheRect), motion with turtle.forward on a wrapping world. Synchronous update: every turtle
// computes its next heading from the old state, then all turn and move.
//
// AgentScript's package bundle touches browser globals at import, so benchPeers.ts bundles this file
// (and AgentScript's sources) for Node with esbuild into node_modules/.cache/starling/peers/.
//
// AgentScript worlds are whole patches (patch side 1, world side maxX − minX + 1) and its patch-rect
// neighbour query needs a whole-patch radius, so r = 1 and the side is rounded to W = round(L): the
// density, hence the neighbour count, differs from 15 by the rounding (16.0 at 1k, 14.9 at 10k/100k).
// turtles.inRadius does not wrap across the world's edge (patch rects are clipped), so agents within
// r of an edge see a few fewer neighbours; the measured mean neighbour count is reported.
import Model from 'agentscript/src/Model.js';
import { decide, measure, mulberry32, parseArgs, workload } from './common.mjs';

const args = parseArgs(process.argv.slice(2));
const side = Math.max(3, Math.round(workload(args.n).l));
const r = 1;
const w = workload(args.n, r);
const rng = mulberry32(42);
const half = Math.floor(side / 2);

class BoidsModel extends Model {
  setup() {
    this.patches.cacheRect(Math.ceil(r));
    this.turtles.create(args.n, (t) => {
      t.setxy(this.world.minXcor + rng() * side, this.world.minYcor + rng() * side);
      t.theta = rng() * 2 * Math.PI;
      t.hx = Math.cos(t.theta);
      t.hy = Math.sin(t.theta);
      t.nhx = t.hx;
      t.nhy = t.hy;
    });
  }

  step() {
    const out = [0, 0];
    const rRep2 = w.rRep * w.rRep;
    this.turtles.ask((t) => {
      let nRep = 0, repX = 0, repY = 0, aliX = 0, aliY = 0, cohX = 0, cohY = 0;
      const mates = this.turtles.inRadius(t, r, false);
      mates.ask((m) => {
        const dx = m.x - t.x, dy = m.y - t.y;
        const d2 = dx * dx + dy * dy;
        if (d2 === 0) return;
        const d = Math.sqrt(d2);
        if (d2 < rRep2) { repX -= dx / d; repY -= dy / d; nRep++; return; }
        aliX += m.hx; aliY += m.hy;
        cohX += dx / d; cohY += dy / d;
      });
      decide(w, t.hx, t.hy, nRep, repX, repY, aliX, aliY, cohX, cohY, rng, out);
      t.nhx = out[0];
      t.nhy = out[1];
    });
    this.turtles.ask((t) => {
      t.hx = t.nhx;
      t.hy = t.nhy;
      t.theta = Math.atan2(t.hy, t.hx);
      t.forward(w.speed);
    });
  }

  meanNeighbours() {
    let sum = 0;
    this.turtles.ask((t) => { sum += this.turtles.inRadius(t, r, false).length; });
    return sum / this.turtles.length;
  }
}

const model = new BoidsModel({ minX: -half, maxX: side - half - 1, minY: -half, maxY: side - half - 1 });
model.setup();
measure('AgentScript 0.10.27', args, () => model.step(), () => model.meanNeighbours());
