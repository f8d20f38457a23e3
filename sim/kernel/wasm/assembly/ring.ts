/**
 * The ring search of sim/kernel/topological.ts (`ringSearch`, `addSegment`, `addFolded`) and the
 * insertion rule and the sums of sim/kernel/nearest.ts (`offer`, `sumNearest`) in AssemblyScript: for
 * every agent, in bucket order, its k nearest in view within the radius and its zone sums over them.
 * scripts/build-wasm.mjs compiles it into ../ringBinary.ts; sim/kernel/wasmRing.ts runs it.
 *
 * The same results as JavaScript, bit for bit: every choice is a comparison of the same IEEE f64 values
 * the JavaScript computes, and every sum the same operations in the same order (differences, products,
 * quotients, sums and square roots are correctly rounded in both, and nothing is fused). An agent the
 * rings cannot settle is listed for the JavaScript block scan (topological.ts).
 *
 * Memory is the caller's (imported); every array is passed as a byte offset.
 */

const F_WRAP: i32 = 1;
const F_FOV: i32 = 4;

// The search grid and scratch, set once per call (globals: fewer arguments to carry around).
let nx: i32 = 0;
let ny: i32 = 0;
let side: i32 = 0;
let mask: i32 = 0;
let wrap: bool = false;
let bucketStartP: usize = 0;
let segsP: usize = 0;
let kd2P: usize = 0;
let kidxP: usize = 0;
// The people (by slot) and the zones, for the sums.
let xP: usize = 0;
let yP: usize = 0;
let hxP: usize = 0;
let hyP: usize = 0;
let groupP: usize = 0;
let affP: usize = 0;
let groups: i32 = 1;
let rRep2: f64 = 0;
let rAli2: f64 = 0;
let rAtt2: f64 = 0;
let width: f64 = 0;
let height: f64 = 0;
let halfW: f64 = 0;
let halfH: f64 = 0;

// @ts-ignore: decorator
@inline function i32At(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline function f64At(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline function pushSegment(start: i32, end: i32, row: i32, c0: i32, c1: i32, ns: i32): i32 {
  if (start == end) return ns;
  const at = segsP + (<usize>ns << 2);
  store<i32>(at, start);
  store<i32>(at, end, 4);
  store<i32>(at, row, 8);
  store<i32>(at, c0, 12);
  store<i32>(at, c1, 16);
  return ns + 5;
}

// @ts-ignore: decorator
@inline function addFolded(row: i32, c0: i32, c1: i32, ns: i32): i32 {
  const base = (row & mask) * side;
  const f0 = c0 & mask, f1 = c1 & mask;
  if (c1 - c0 + 1 >= side) return pushSegment(i32At(bucketStartP, base), i32At(bucketStartP, base + side), row, c0, c1, ns);
  if (f0 <= f1) return pushSegment(i32At(bucketStartP, base + f0), i32At(bucketStartP, base + f1 + 1), row, c0, c1, ns);
  ns = pushSegment(i32At(bucketStartP, base + f0), i32At(bucketStartP, base + side), row, c0, c1, ns);
  return pushSegment(i32At(bucketStartP, base), i32At(bucketStartP, base + f1 + 1), row, c0, c1, ns);
}

// @ts-ignore: decorator
@inline function addSegment(row: i32, c0: i32, c1: i32, ns: i32): i32 {
  if (!wrap) {
    if (c0 < 0) c0 = 0;
    if (c1 > nx - 1) c1 = nx - 1;
    if (c0 > c1) return ns;
    return addFolded(row, c0, c1, ns);
  }
  if (c0 < 0) {
    ns = addFolded(row, c0 + nx, nx - 1, ns);
    c0 = 0;
  }
  if (c1 > nx - 1) {
    ns = addFolded(row, 0, c1 - nx, ns);
    c1 = nx - 1;
  }
  return addFolded(row, c0, c1, ns);
}

/** The agent's distance to its cell's nearest edge, less a margin, at least 0 (edgeMargin in topological.ts). */
function edgeMargin(cx: i32, cy: i32, xi: f64, yi: f64, cellW: f64, cellH: f64, step: f64): f64 {
  const left = xi - <f64>cx * cellW, right = <f64>(cx + 1) * cellW - xi;
  const top = yi - <f64>cy * cellH, bottom = <f64>(cy + 1) * cellH - yi;
  let m = left < right ? left : right;
  if (top < m) m = top;
  if (bottom < m) m = bottom;
  m -= 1e-7 * step;
  return m > 0 ? m : 0;
}

// @ts-ignore: decorator
@inline function offer(j: i32, d2: f64, count: i32, k: i32): i32 {
  if (count == k) {
    const last = f64At(kd2P, k - 1);
    if (d2 > last || (d2 == last && j > i32At(kidxP, k - 1))) return count;
  }
  let pos = count < k ? count++ : k - 1;
  while (pos > 0) {
    const prev = f64At(kd2P, pos - 1);
    if (!(prev > d2 || (prev == d2 && i32At(kidxP, pos - 1) > j))) break;
    store<f64>(kd2P + (<usize>pos << 3), prev);
    store<i32>(kidxP + (<usize>pos << 2), i32At(kidxP, pos - 1));
    pos--;
  }
  store<f64>(kd2P + (<usize>pos << 3), d2);
  store<i32>(kidxP + (<usize>pos << 2), j);
  return count;
}

/**
 * Every agent's k nearest by the ring search, summed into its accumulator line (8 f64 per slot, as
 * neighbours.ts lays them out). Inputs in bucket order: bx, by (positions), bcx, bcy (true cells), perm
 * (bucket order → slot); by slot: x, y, hx, hy, group; the affinity matrix. Returns how many agents the
 * rings did not settle; their slots are listed at unsettledP (the caller sums those).
 */
export function findNearest(
  n: i32, nxIn: i32, nyIn: i32, sideIn: i32, flags: i32, k: i32, maxRing: i32,
  step: f64, cellW: f64, cellH: f64, w: f64, h: f64, rMax2: f64, cosHalfFov: f64,
  bxP: usize, byP: usize, bcxP: usize, bcyP: usize, permP: usize,
  xIn: usize, yIn: usize, hxIn: usize, hyIn: usize, groupIn: usize, affIn: usize, groupsIn: i32,
  rRep2In: f64, rAli2In: f64, rAtt2In: f64,
  bucketStartIn: usize, segsIn: usize, kd2In: usize, kidxIn: usize,
  bufP: usize, unsettledP: usize,
): i32 {
  nx = nxIn; ny = nyIn; side = sideIn; mask = sideIn - 1;
  xP = xIn; yP = yIn; hxP = hxIn; hyP = hyIn; groupP = groupIn; affP = affIn; groups = groupsIn;
  rRep2 = rRep2In; rAli2 = rAli2In; rAtt2 = rAtt2In;
  width = w; height = h; halfW = w / 2; halfH = h / 2;
  let unsettled = 0;
  wrap = (flags & F_WRAP) != 0;
  const limitFov = (flags & F_FOV) != 0;
  bucketStartP = bucketStartIn; segsP = segsIn; kd2P = kd2In; kidxP = kidxIn;
  const vW = f64x2.splat(w), vH = f64x2.splat(h), vHalfW = f64x2.splat(halfW), vHalfH = f64x2.splat(halfH);
  const vNegHalfW = f64x2.splat(-halfW), vNegHalfH = f64x2.splat(-halfH), vCos = f64x2.splat(cosHalfFov);
  const vZero = f64x2.splat(0), lane0Only = i64x2(-1, 0);
  const settledAtEnd = <f64>maxRing * step >= Math.sqrt(rMax2);
  for (let qi = 0; qi < n; qi++) {
    const i = i32At(permP, qi);
    const xi = f64At(bxP, qi), yi = f64At(byP, qi);
    const hxi = f64At(hxP, i), hyi = f64At(hyP, i);
    const cx = i32At(bcxP, qi), cy = i32At(bcyP, qi);
    const vxi = f64x2.splat(xi), vyi = f64x2.splat(yi), vhxi = f64x2.splat(hxi), vhyi = f64x2.splat(hyi);
    let count = 0;
    let limit = rMax2;
    let settled = false;
    // The first pass reads the whole 3×3 block, later ones one ring each (see topological.ts).
    const margin = edgeMargin(cx, cy, xi, yi, cellW, cellH, step);
    for (let ring = 1; ring <= maxRing; ring++) {
      let ns = 0;
      for (let t = -ring; t <= ring; t++) {
        // The first pass reads its own row first (the nearest candidates tighten the limit soonest).
        const dyc = ring == 1 ? (t == -1 ? 0 : t == 0 ? -1 : 1) : t;
        let row = cy + dyc;
        if (row < 0 || row >= ny) {
          if (!wrap) continue;
          row = row < 0 ? row + ny : row - ny;
        }
        if (dyc == -ring || dyc == ring || ring == 1) ns = addSegment(row, cx - ring, cx + ring, ns);
        else {
          ns = addSegment(row, cx - ring, cx - ring, ns);
          ns = addSegment(row, cx + ring, cx + ring, ns);
        }
      }
      for (let g = 0; g < ns; g += 5) {
        const at = segsP + (<usize>g << 2);
        const start = load<i32>(at), end = load<i32>(at, 4), row = load<i32>(at, 8), lo = load<i32>(at, 12), hi = load<i32>(at, 16);
        // Two candidates per iteration (f64x2 lanes): every test a lane mask, then the lanes that pass
        // are offered one by one in slot order, as the JavaScript loop offers them. A lane tested
        // against an older limit is still judged by offer() against the current k-th.
        const vRow = i32x4.splat(row), vLo = i32x4.splat(lo), vHi = i32x4.splat(hi);
        for (let q = start; q < end; q += 2) {
          const o4 = <usize>q << 2, o8 = <usize>q << 3;
          const cyOk = i32x4.eq(v128.load64_zero(bcyP + o4), vRow);
          const cxs = v128.load64_zero(bcxP + o4);
          const cellOk = i64x2.extend_low_i32x4_s(v128.and(cyOk, v128.and(i32x4.ge_s(cxs, vLo), i32x4.le_s(cxs, vHi))));
          let dx = f64x2.sub(v128.load(bxP + o8), vxi);
          let dy = f64x2.sub(v128.load(byP + o8), vyi);
          if (wrap) {
            dx = v128.bitselect(f64x2.sub(dx, vW), v128.bitselect(f64x2.add(dx, vW), dx, f64x2.lt(dx, vNegHalfW)), f64x2.gt(dx, vHalfW));
            dy = v128.bitselect(f64x2.sub(dy, vH), v128.bitselect(f64x2.add(dy, vH), dy, f64x2.lt(dy, vNegHalfH)), f64x2.gt(dy, vHalfH));
          }
          const d2 = f64x2.add(f64x2.mul(dx, dx), f64x2.mul(dy, dy));
          let ok = v128.and(cellOk, v128.and(f64x2.le(d2, f64x2.splat(limit)), f64x2.ne(d2, vZero)));
          if (q + 1 >= end) ok = v128.and(ok, lane0Only);
          if (!v128.any_true(ok)) continue;
          if (limitFov) {
            const dot = f64x2.add(f64x2.mul(dx, vhxi), f64x2.mul(dy, vhyi));
            ok = v128.andnot(ok, f64x2.lt(dot, f64x2.mul(vCos, f64x2.sqrt(d2))));
          }
          if (i64x2.extract_lane(ok, 0) != 0) {
            count = offer(i32At(permP, q), f64x2.extract_lane(d2, 0), count, k);
            if (count == k) limit = f64At(kd2P, k - 1);
          }
          if (i64x2.extract_lane(ok, 1) != 0) {
            count = offer(i32At(permP, q + 1), f64x2.extract_lane(d2, 1), count, k);
            if (count == k) limit = f64At(kd2P, k - 1);
          }
        }
      }
      const edge = <f64>ring * step + margin;
      if (count == k && f64At(kd2P, k - 1) < edge * edge) {
        settled = true;
        break;
      }
    }
    if (!settled && !settledAtEnd) {
      store<i32>(unsettledP + (<usize>unsettled << 2), i);
      unsettled++;
      continue;
    }
    sumNearest(i, xi, yi, count, bufP);
  }
  return unsettled;
}

/**
 * Agent i's zone sums over the k-buffer, in its order, into its accumulator line: the arithmetic of
 * sumNearest in sim/kernel/nearest.ts, operation for operation.
 */
function sumNearest(i: i32, xi: f64, yi: f64, count: i32, bufP: usize): void {
  const gi = <i32>load<u16>(groupP + (<usize>i << 1)) * groups;
  let rx: f64 = 0, ry: f64 = 0, nr: f64 = 0, ax: f64 = 0, ay: f64 = 0, sx: f64 = 0, sy: f64 = 0;
  for (let q = 0; q < count; q++) {
    const j = i32At(kidxP, q);
    const d2 = f64At(kd2P, q);
    let dx = f64At(xP, j) - xi;
    let dy = f64At(yP, j) - yi;
    if (wrap) {
      if (dx > halfW) dx -= width; else if (dx < -halfW) dx += width;
      if (dy > halfH) dy -= height; else if (dy < -halfH) dy += height;
    }
    const d = Math.sqrt(d2);
    if (d2 < rRep2) {
      rx -= dx / d;
      ry -= dy / d;
      nr++;
    } else {
      const a = <f64>load<f32>(affP + (<usize>(gi + <i32>load<u16>(groupP + (<usize>j << 1))) << 2));
      if (d2 <= rAli2) {
        ax += a * f64At(hxP, j);
        ay += a * f64At(hyP, j);
      }
      if (d2 <= rAtt2) {
        sx += (a * dx) / d;
        sy += (a * dy) / d;
      }
    }
  }
  const o = bufP + (<usize>i << 6);
  store<f64>(o, rx);
  store<f64>(o, ry, 8);
  store<f64>(o, ax, 16);
  store<f64>(o, ay, 24);
  store<f64>(o, sx, 32);
  store<f64>(o, sy, 40);
  store<f64>(o, nr, 48);
}
