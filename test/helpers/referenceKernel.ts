/**
 * An O(N²) reference implementation of the steering rule, written as plainly as possible from the
 * spec (section 3), used to check the grid/half-shell kernel. No grid, no reordering, no noise.
 */
import type { Flock } from '../../sim/kernel/flock.ts';

export function referenceHeadings(f: Flock): { hx: Float64Array; hy: Float64Array } {
  const p = f.params;
  const n = f.n;
  const outX = new Float64Array(n);
  const outY = new Float64Array(n);
  const wrapD = (d: number, size: number) => (p.boundary !== 'torus' ? d : d > size / 2 ? d - size : d < -size / 2 ? d + size : d);
  const cosHalf = Math.cos((p.fov * Math.PI) / 360);
  for (let i = 0; i < n; i++) {
    let rep = [0, 0], nRep = 0, ali = [0, 0], coh = [0, 0];
    const gi = f.group[i];
    const self = f.affinity[gi * f.groups + gi];
    ali = [self * f.hx[i], self * f.hy[i]];
    const near: Array<{ j: number; d2: number; dx: number; dy: number }> = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dx = wrapD(f.x[j] - f.x[i], p.width);
      const dy = wrapD(f.y[j] - f.y[i], p.height);
      const d2 = dx * dx + dy * dy;
      const r = Math.max(p.rRep, p.rAli, p.rAtt);
      if (d2 === 0 || d2 > r * r) continue;
      const d = Math.sqrt(d2);
      if (p.fov < 360 && (dx * f.hx[i] + dy * f.hy[i]) / d < cosHalf) continue;
      near.push({ j, d2, dx, dy });
    }
    near.sort((a, b) => a.d2 - b.d2 || a.j - b.j);
    const used = p.topologicalK > 0 ? near.slice(0, p.topologicalK) : near;
    for (const { j, d2, dx, dy } of used) {
      const d = Math.sqrt(d2);
      if (d2 < p.rRep * p.rRep) {
        rep = [rep[0] - dx / d, rep[1] - dy / d];
        nRep++;
        continue;
      }
      const a = f.affinity[gi * f.groups + f.group[j]];
      if (d2 <= p.rAli * p.rAli) ali = [ali[0] + a * f.hx[j], ali[1] + a * f.hy[j]];
      if (d2 <= p.rAtt * p.rAtt) coh = [coh[0] + (a * dx) / d, coh[1] + (a * dy) / d];
    }
    let d = nRep > 0 ? rep : [p.wAli * ali[0] + p.wCoh * coh[0], p.wAli * ali[1] + p.wCoh * coh[1]];
    let len = Math.hypot(d[0], d[1]);
    d = len > 1e-12 ? [d[0] / len, d[1] / len] : [f.hx[i], f.hy[i]];
    if (f.goalKind[i] !== 0 && f.goalW[i] > 0) {
      let g = f.goalKind[i] === 1 ? [f.goalX[i] - f.x[i], f.goalY[i] - f.y[i]] : [f.goalX[i], f.goalY[i]];
      const gl = Math.hypot(g[0], g[1]);
      g = gl > 1e-9 ? [g[0] / gl, g[1] / gl] : [0, 0];
      d = [d[0] + f.goalW[i] * g[0], d[1] + f.goalW[i] * g[1]];
      len = Math.hypot(d[0], d[1]);
      d = [d[0] / len, d[1] / len];
    }
    if (f.homeW[i] > 0) {
      const o = [f.homeX[i] - f.x[i], f.homeY[i] - f.y[i]];
      const ol = Math.hypot(o[0], o[1]);
      if (ol > 1e-9) {
        d = [d[0] + (f.homeW[i] * o[0]) / ol, d[1] + (f.homeW[i] * o[1]) / ol];
        len = Math.hypot(d[0], d[1]);
        d = [d[0] / len, d[1] / len];
      }
    }
    const maxTurn = p.maxTurn * p.dt;
    const hAng = Math.atan2(f.hy[i], f.hx[i]);
    let delta = Math.atan2(d[1], d[0]) - hAng;
    while (delta > Math.PI) delta -= 2 * Math.PI;
    while (delta < -Math.PI) delta += 2 * Math.PI;
    if (maxTurn < Math.PI && Math.abs(delta) > maxTurn) {
      // Same convention as the kernel: exactly behind (|cross| ≤ 1e-12) turns counter-clockwise.
      const cross = f.hx[i] * d[1] - f.hy[i] * d[0];
      const a = hAng + (cross < -1e-12 ? -1 : 1) * maxTurn;
      d = [Math.cos(a), Math.sin(a)];
    }
    outX[i] = d[0];
    outY[i] = d[1];
  }
  return { hx: outX, hy: outY };
}
