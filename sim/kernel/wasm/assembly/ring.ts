/**
 * The ring search of sim/kernel/topological.ts (`ringSearch`, `addSegment`, `addFolded`) and the
 * insertion rule of sim/kernel/nearest.ts (`offer`) in AssemblyScript: for every agent, in bucket
 * order, its k nearest in view within the radius, written as a list (slots and squared distances) per
 * slot. scripts/build-wasm.mjs compiles it into ../ringBinary.ts; sim/kernel/wasmRing.ts runs it.
 *
 * It selects, it does not sum: every test is a comparison of the same IEEE f64 values the JavaScript
 * computes (differences, products, sums and square roots are correctly rounded in both, and nothing is
 * fused), so the lists are the JavaScript's exactly, and the sums are taken in JavaScript from them.
 * An agent the rings cannot settle gets count −1 and the JavaScript block scan (topological.ts).
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

// @ts-ignore: decorator
@inline function i32At(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline function f64At(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

function pushSegment(start: i32, end: i32, row: i32, c0: i32, c1: i32, ns: i32): i32 {
  if (start == end) return ns;
  const at = segsP + (<usize>ns << 2);
  store<i32>(at, start);
  store<i32>(at, end, 4);
  store<i32>(at, row, 8);
  store<i32>(at, c0, 12);
  store<i32>(at, c1, 16);
  return ns + 5;
}

function addFolded(row: i32, c0: i32, c1: i32, ns: i32): i32 {
  const base = (row & mask) * side;
  const f0 = c0 & mask, f1 = c1 & mask;
  if (c1 - c0 + 1 >= side) return pushSegment(i32At(bucketStartP, base), i32At(bucketStartP, base + side), row, c0, c1, ns);
  if (f0 <= f1) return pushSegment(i32At(bucketStartP, base + f0), i32At(bucketStartP, base + f1 + 1), row, c0, c1, ns);
  ns = pushSegment(i32At(bucketStartP, base + f0), i32At(bucketStartP, base + side), row, c0, c1, ns);
  return pushSegment(i32At(bucketStartP, base), i32At(bucketStartP, base + f1 + 1), row, c0, c1, ns);
}

function addSegment(row: i32, c0: i32, c1: i32, ns: i32): i32 {
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
 * Every agent's k nearest by the ring search. Inputs by slot: hx, hy; in bucket order: bx, by (positions),
 * bcx, bcy (true cells), perm (bucket order → slot). Output per slot i: count[i] (−1: not settled by the
 * rings), then slots and squared distances at idx[i·k …], d2[i·k …].
 */
export function findNearest(
  n: i32, nxIn: i32, nyIn: i32, sideIn: i32, flags: i32, k: i32, maxRing: i32,
  step: f64, cellW: f64, cellH: f64, w: f64, h: f64, rMax2: f64, cosHalfFov: f64,
  bxP: usize, byP: usize, bcxP: usize, bcyP: usize, permP: usize, hxP: usize, hyP: usize,
  bucketStartIn: usize, segsIn: usize, kd2In: usize, kidxIn: usize,
  countP: usize, idxP: usize, d2P: usize,
): void {
  nx = nxIn; ny = nyIn; side = sideIn; mask = sideIn - 1;
  wrap = (flags & F_WRAP) != 0;
  const limitFov = (flags & F_FOV) != 0;
  bucketStartP = bucketStartIn; segsP = segsIn; kd2P = kd2In; kidxP = kidxIn;
  const halfW = w / 2, halfH = h / 2;
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
      for (let dyc = -ring; dyc <= ring; dyc++) {
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
      store<i32>(countP + (<usize>i << 2), -1);
      continue;
    }
    store<i32>(countP + (<usize>i << 2), count);
    const o = i * k;
    for (let q = 0; q < count; q++) {
      store<i32>(idxP + (<usize>(o + q) << 2), i32At(kidxP, q));
      store<f64>(d2P + (<usize>(o + q) << 3), f64At(kd2P, q));
    }
  }
}
