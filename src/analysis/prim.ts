/**
 * PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999), for scenario discovery as EMA
 * Workbench reports it (Bryant & Lempert 2010; Kwakkel 2017): find boxes of parameter space where a
 * condition holds for most runs.
 *
 * Peeling: from the box around all cases, repeatedly remove the α-fraction (default 0.05) of the
 * cases in the box at the low or high end of one dimension (cases tied at the cut stay), whichever removal leaves the highest
 * density (share of cases in the box meeting the condition), until the box holds less than the
 * minimum mass. Each step is a point of the peeling trajectory (coverage against density). The box
 * chosen is the one with the highest coverage whose density reaches the threshold; pasting then
 * widens its limits again, one α-step at a time, while that raises the density. Further boxes are
 * found the same way on the cases the earlier boxes did not cover. Platform-free.
 */

export interface PrimOptions {
  /** Fraction of the box's cases removed per peel (Friedman & Fisher's α). */
  peelAlpha?: number;
  pasteAlpha?: number;
  /** Smallest box, as a share of all cases. */
  massMin?: number;
  /** Density the chosen box must reach. */
  threshold?: number;
  /** Boxes to look for (each on the cases not yet covered). */
  maxBoxes?: number;
}

export interface PrimStep {
  coverage: number;
  density: number;
  mass: number;
  /** Number of dimensions whose limits are inside the data's range. */
  restricted: number;
}

export interface PrimLimit {
  dimension: string;
  low: number;
  high: number;
  /** Whether the low / high limit cuts into the data's range (false = left at the data's edge). */
  lowRestricted: boolean;
  highRestricted: boolean;
}

export interface PrimBox {
  coverage: number;
  density: number;
  mass: number;
  /** Cases in the box, and of those, cases meeting the condition. */
  cases: number;
  hits: number;
  /** Restricted dimensions only. */
  limits: PrimLimit[];
  /** The peeling trajectory the box was chosen from. */
  trajectory: PrimStep[];
  /** Index in the trajectory of the box chosen (before pasting). */
  chosen: number;
}

export interface PrimResult {
  boxes: PrimBox[];
  cases: number;
  hits: number;
}

type Box = { lo: Float64Array; hi: Float64Array };

/** `x[d][n]`: value of dimension d in case n; `y[n]`: whether the condition holds. */
export function prim(names: string[], x: ArrayLike<number>[], y: ArrayLike<boolean>, opts: PrimOptions = {}): PrimResult {
  const alpha = opts.peelAlpha ?? 0.05;
  const pasteAlpha = opts.pasteAlpha ?? 0.05;
  const massMin = opts.massMin ?? 0.05;
  const threshold = opts.threshold ?? 0.8;
  const maxBoxes = opts.maxBoxes ?? 3;
  const D = names.length;
  const N = y.length;
  const totalHits = countHits(y, allCases(N));
  const dataLo = new Float64Array(D);
  const dataHi = new Float64Array(D);
  for (let d = 0; d < D; d++) {
    dataLo[d] = Infinity;
    dataHi[d] = -Infinity;
    for (let n = 0; n < N; n++) {
      dataLo[d] = Math.min(dataLo[d], x[d][n]);
      dataHi[d] = Math.max(dataHi[d], x[d][n]);
    }
  }
  const boxes: PrimBox[] = [];
  let remaining = allCases(N);
  while (boxes.length < maxBoxes && remaining.length > 0 && countHits(y, remaining) > 0) {
    const { trajectory, boxesOnPath, chosen } = peel(x, y, remaining, dataLo, dataHi, alpha, massMin * N, threshold, totalHits, N);
    const pasted = paste(x, y, remaining, boxesOnPath[chosen], dataLo, dataHi, pasteAlpha);
    const inside = remaining.filter((n) => inBox(x, n, pasted));
    const hits = countHits(y, inside);
    const density = inside.length ? hits / inside.length : 0;
    if (boxes.length > 0 && density < threshold) break; // later boxes must earn their place
    const limits: PrimLimit[] = [];
    for (let d = 0; d < D; d++) {
      const lowRestricted = pasted.lo[d] > dataLo[d];
      const highRestricted = pasted.hi[d] < dataHi[d];
      if (lowRestricted || highRestricted) limits.push({ dimension: names[d], low: pasted.lo[d], high: pasted.hi[d], lowRestricted, highRestricted });
    }
    boxes.push({ coverage: totalHits ? hits / totalHits : 0, density, mass: inside.length / N, cases: inside.length, hits, limits, trajectory, chosen });
    if (limits.length === 0) break; // the whole space: nothing more to find
    remaining = remaining.filter((n) => !inBox(x, n, pasted));
  }
  return { boxes, cases: N, hits: totalHits };
}

function allCases(N: number): number[] {
  return Array.from({ length: N }, (_, n) => n);
}

function countHits(y: ArrayLike<boolean>, cases: number[]): number {
  let h = 0;
  for (const n of cases) if (y[n]) h++;
  return h;
}

function inBox(x: ArrayLike<number>[], n: number, b: Box): boolean {
  for (let d = 0; d < b.lo.length; d++) if (x[d][n] < b.lo[d] || x[d][n] > b.hi[d]) return false;
  return true;
}

function restrictedCount(b: Box, dataLo: Float64Array, dataHi: Float64Array): number {
  let r = 0;
  for (let d = 0; d < b.lo.length; d++) if (b.lo[d] > dataLo[d] || b.hi[d] < dataHi[d]) r++;
  return r;
}

function peel(x: ArrayLike<number>[], y: ArrayLike<boolean>, cases: number[], dataLo: Float64Array, dataHi: Float64Array, alpha: number, minCases: number, threshold: number, totalHits: number, N: number) {
  const D = x.length;
  let box: Box = { lo: Float64Array.from(dataLo), hi: Float64Array.from(dataHi) };
  let inside = cases.slice();
  const trajectory: PrimStep[] = [];
  const boxesOnPath: Box[] = [];
  const record = () => {
    const hits = countHits(y, inside);
    trajectory.push({ coverage: totalHits ? hits / totalHits : 0, density: inside.length ? hits / inside.length : 0, mass: inside.length / N, restricted: restrictedCount(box, dataLo, dataHi) });
    boxesOnPath.push({ lo: Float64Array.from(box.lo), hi: Float64Array.from(box.hi) });
  };
  record();
  for (;;) {
    let best: { density: number; size: number; box: Box; inside: number[] } | null = null;
    for (let d = 0; d < D; d++) {
      const values = inside.map((n) => x[d][n]).sort((a, b) => a - b);
      const m = values.length;
      const cut = Math.max(1, Math.floor(alpha * m));
      for (const side of ['low', 'high'] as const) {
        // Keep every case at or inside the α-quantile (EMA Workbench's rule): ties stay, so a peel
        // removes at most α of the box — unless that would remove nothing (below).
        let edge = side === 'low' ? values[cut] : values[m - 1 - cut];
        if (edge === undefined) continue;
        let kept = inside.filter((n) => (side === 'low' ? x[d][n] >= edge : x[d][n] <= edge));
        if (kept.length === m) {
          // The cut falls inside the end's group of tied values (a discrete or Morris level): take
          // that group away whole, the smallest peel this dimension allows.
          const end = side === 'low' ? values[0] : values[m - 1];
          kept = inside.filter((n) => (side === 'low' ? x[d][n] > end : x[d][n] < end));
          edge = side === 'low' ? Infinity : -Infinity;
          for (const n of kept) edge = side === 'low' ? Math.min(edge, x[d][n]) : Math.max(edge, x[d][n]);
        }
        if (kept.length < minCases || kept.length === 0 || kept.length === m) continue;
        const density = countHits(y, kept) / kept.length;
        if (!best || density > best.density + 1e-12 || (Math.abs(density - best.density) <= 1e-12 && kept.length > best.size)) {
          const next: Box = { lo: Float64Array.from(box.lo), hi: Float64Array.from(box.hi) };
          // The limit sits at the edge value, the nearest kept value: the tightest box around its cases.
          if (side === 'low') next.lo[d] = edge;
          else next.hi[d] = edge;
          best = { density, size: kept.length, box: next, inside: kept };
        }
      }
    }
    if (!best) break;
    box = best.box;
    inside = best.inside;
    record();
  }
  // The box with the highest coverage that reaches the threshold; else the densest.
  let chosen = -1;
  trajectory.forEach((s, i) => {
    if (s.density >= threshold && (chosen < 0 || s.coverage > trajectory[chosen].coverage)) chosen = i;
  });
  if (chosen < 0) trajectory.forEach((s, i) => (chosen < 0 || s.density > trajectory[chosen].density ? (chosen = i) : undefined));
  return { trajectory, boxesOnPath, chosen };
}

function paste(x: ArrayLike<number>[], y: ArrayLike<boolean>, cases: number[], start: Box, dataLo: Float64Array, dataHi: Float64Array, alpha: number): Box {
  let box: Box = { lo: Float64Array.from(start.lo), hi: Float64Array.from(start.hi) };
  let inside = cases.filter((n) => inBox(x, n, box));
  let density = inside.length ? countHits(y, inside) / inside.length : 0;
  for (;;) {
    let best: { density: number; box: Box; inside: number[] } | null = null;
    const step = Math.max(1, Math.floor(alpha * inside.length));
    for (let d = 0; d < x.length; d++) {
      for (const side of ['low', 'high'] as const) {
        if (side === 'low' ? box.lo[d] <= dataLo[d] : box.hi[d] >= dataHi[d]) continue;
        // Candidates just outside this limit but inside every other limit.
        const outside = cases
          .filter((n) => (side === 'low' ? x[d][n] < box.lo[d] : x[d][n] > box.hi[d]) && inOtherLimits(x, n, box, d))
          .map((n) => x[d][n])
          .sort((a, b) => (side === 'low' ? b - a : a - b));
        if (!outside.length) continue;
        const edge = outside[Math.min(outside.length, step) - 1];
        const next: Box = { lo: Float64Array.from(box.lo), hi: Float64Array.from(box.hi) };
        if (side === 'low') next.lo[d] = edge;
        else next.hi[d] = edge;
        const nextInside = cases.filter((n) => inBox(x, n, next));
        const nd = countHits(y, nextInside) / nextInside.length;
        if (nd > density + 1e-12 && (!best || nd > best.density)) best = { density: nd, box: next, inside: nextInside };
      }
    }
    if (!best) return box;
    box = best.box;
    inside = best.inside;
    density = best.density;
  }
}

function inOtherLimits(x: ArrayLike<number>[], n: number, b: Box, skip: number): boolean {
  for (let d = 0; d < b.lo.length; d++) if (d !== skip && (x[d][n] < b.lo[d] || x[d][n] > b.hi[d])) return false;
  return true;
}
