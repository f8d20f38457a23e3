/**
 * The steering rule (spec section 3). Per agent, synchronously:
 *   1–2. neighbour sums (see neighbours.ts) → Couzin zones: anyone within rRep ⇒ move away
 *        (separation wins); otherwise d = wAli·(h_i + Σ a_ij·h_j) + wCoh·Σ a_ij·unit(x_j − x_i);
 *   3. goal blend d' = (d̂ + ω·g)/|d̂ + ω·g| for agents with a goal (a point or a direction);
 *   4. home pull: add w_home·unit(home − x);
 *   5. angular noise (wrapped Gaussian σ, drawn with the Ziggurat method, or uniform η);
 *   6. turn at most maxTurn·dt towards the result.
 * Reads x, y, hx, hy; writes nhx, nhy only. Allocation-free.
 */
import type { Rng } from '../rng.ts';
import type { Flock } from './flock.ts';
import { accumulateFull, accumulatePairs, type Accumulators } from './neighbours.ts';
import { gaussian as normal } from './gaussian.ts';
import { wasmAccumulatePairs } from './wasmPairs.ts';
import * as dmath from '../math.ts';

export function steer(f: Flock, acc: Accumulators, rng: Rng): void {
  let sums = acc.buf;
  if (f.pairPass === 'wasm') sums = wasmAccumulatePairs(f); // same sums, bit for bit (wasmPairs.ts)
  else if (f.reach > 0) accumulatePairs(f, acc);
  else if (f.search) sums = f.search.accumulate(f, acc); // k nearest by ring search (topological.ts, in WebAssembly or JS)
  else accumulateFull(f, acc);
  decide(f, sums, rng);
}

function decide(f: Flock, buf: Float64Array, rng: Rng): void {
  const p = f.params;
  const n = f.n;
  const { x, y, hx, hy, nhx, nhy, group, goalKind, goalX, goalY, goalW, homeX, homeY, homeW, affinity, groups } = f;
  const wAli = p.wAli;
  const wCoh = p.wCoh;
  const maxTurnStep = p.maxTurn * p.dt;
  const limitTurn = maxTurnStep < Math.PI;
  const cosTurn = dmath.cos(maxTurnStep);
  const sinTurn = dmath.sin(maxTurnStep);
  const gaussian = p.noise === 'gaussian';
  const noiseAmp = gaussian ? p.sigma : p.eta;

  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = y[i];
    const hxi = hx[i];
    const hyi = hy[i];

    // 2. Desired direction: separation wins outright; else alignment (self included) + attraction.
    const o = i * 8;
    let dx: number, dy: number;
    if (buf[o + 6] > 0) {
      dx = buf[o];
      dy = buf[o + 1];
    } else {
      const self = affinity[group[i] * (groups + 1)];
      dx = wAli * (self * hxi + buf[o + 2]) + wCoh * buf[o + 4];
      dy = wAli * (self * hyi + buf[o + 3]) + wCoh * buf[o + 5];
    }
    let len = Math.sqrt(dx * dx + dy * dy);
    if (len > 1e-12) { dx /= len; dy /= len; } else { dx = hxi; dy = hyi; }

    // 3. Goal blending (Couzin 2005).
    const kind = goalKind[i];
    const omega = goalW[i];
    if (kind !== 0 && omega > 0) {
      let gx = goalX[i];
      let gy = goalY[i];
      if (kind === 1) {
        gx -= xi;
        gy -= yi;
        const gl = Math.sqrt(gx * gx + gy * gy);
        if (gl > 1e-9) { gx /= gl; gy /= gl; } else { gx = 0; gy = 0; }
      }
      dx += omega * gx;
      dy += omega * gy;
      len = Math.sqrt(dx * dx + dy * dy);
      if (len > 1e-12) { dx /= len; dy /= len; } else { dx = hxi; dy = hyi; }
    }

    // 4. Home pull: the day job draws people back.
    const wh = homeW[i];
    if (wh > 0) {
      const ox = homeX[i] - xi;
      const oy = homeY[i] - yi;
      const ol = Math.sqrt(ox * ox + oy * oy);
      if (ol > 1e-9) {
        dx += (wh * ox) / ol;
        dy += (wh * oy) / ol;
        len = Math.sqrt(dx * dx + dy * dy);
        if (len > 1e-12) { dx /= len; dy /= len; } else { dx = hxi; dy = hyi; }
      }
    }

    // 5. Angular noise: rotate the desired direction by a random angle.
    if (noiseAmp > 0) {
      let angle: number;
      if (gaussian) {
        angle = noiseAmp * normal(rng); // Ziggurat (gaussian.ts); was Box–Muller until the speed work of issue 7
      } else {
        angle = noiseAmp * (rng() - 0.5);
      }
      const c = dmath.cos(angle);
      const s = dmath.sin(angle);
      const rx = dx * c - dy * s;
      dy = dx * s + dy * c;
      dx = rx;
    }

    // 6. Turn at most maxTurn·dt towards the desired direction.
    if (limitTurn && hxi * dx + hyi * dy < cosTurn) {
      // Turn the shorter way; a desired direction exactly behind (a head-on pair just after
      // repulsion) turns counter-clockwise, so the tie never hangs on the sign of a rounding error.
      const cross = hxi * dy - hyi * dx;
      const sign = cross < -1e-12 ? -1 : 1;
      dx = hxi * cosTurn - sign * hyi * sinTurn;
      dy = sign * hxi * sinTurn + hyi * cosTurn;
    }
    // Renormalise so rounding never lets |h| drift from 1 over long runs.
    len = Math.sqrt(dx * dx + dy * dy);
    nhx[i] = dx / len;
    nhy[i] = dy / len;
  }
}
