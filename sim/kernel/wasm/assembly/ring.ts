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
// The candidates (bucket order) and the search, set once per call.
let bxP: usize = 0;
let byP: usize = 0;
let bcxP: usize = 0;
let bcyP: usize = 0;
let permP: usize = 0;
let limitFov: bool = false;
let cosHalfFov: f64 = 0;
let kNear: i32 = 0;
let maxRing: i32 = 0;
let step: f64 = 0;
let candD2P: usize = 0;
let candQP: usize = 0;

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

// @ts-ignore: decorator
@inline function offer(j: i32, d2: f64, count: i32, k: i32, kd2: usize, kidx: usize): i32 {
  if (count == k) {
    const last = f64At(kd2, k - 1);
    if (d2 > last || (d2 == last && j > i32At(kidx, k - 1))) return count;
  }
  let pos = count < k ? count++ : k - 1;
  while (pos > 0) {
    const prev = f64At(kd2, pos - 1);
    if (!(prev > d2 || (prev == d2 && i32At(kidx, pos - 1) > j))) break;
    store<f64>(kd2 + (<usize>pos << 3), prev);
    store<i32>(kidx + (<usize>pos << 2), i32At(kidx, pos - 1));
    pos--;
  }
  store<f64>(kd2 + (<usize>pos << 3), d2);
  store<i32>(kidx + (<usize>pos << 2), j);
  return count;
}

// The job block (f64 slots; wasmRing.ts writes it, every thread reads it): the search's scalars and
// the byte offsets of its shared arrays. Slot 0 is the agent count, for the JavaScript that splits them.
const J_NX = 1, J_NY = 2, J_SIDE = 3, J_FLAGS = 4, J_K = 5, J_MAXRING = 6, J_STEP = 7, J_CELLW = 8, J_CELLH = 9;
const J_W = 10, J_H = 11, J_RMAX2 = 12, J_COSFOV = 13, J_BX = 14, J_BY = 15, J_BCX = 16, J_BCY = 17, J_PERM = 18;
const J_X = 19, J_Y = 20, J_HX = 21, J_HY = 22, J_GROUP = 23, J_AFF = 24, J_GROUPS = 25, J_RREP2 = 26, J_RALI2 = 27, J_RATT2 = 28;
const J_BUCKETSTART = 29, J_BUF = 30, J_ID = 31, J_KTH = 32, J_SLACK = 33;
// A thread's scratch block (i32 slots; one per thread): its own segments, k-buffer and candidate
// lists, and its list of agents left unsettled with their count and the second searches (running totals).
const S_SEGS = 0, S_KD2 = 1, S_KIDX = 2, S_CANDD2 = 3, S_CANDQ = 4, S_UNSETTLED = 5, S_COUNT = 6, S_RERUNS = 7;

// @ts-ignore: decorator
@inline function jobI(jobP: usize, slot: i32): i32 {
  return <i32>load<f64>(jobP + (<usize>slot << 3));
}

// @ts-ignore: decorator
@inline function jobAddr(jobP: usize, slot: i32): usize {
  return <usize>load<f64>(jobP + (<usize>slot << 3));
}

// @ts-ignore: decorator
@inline function jobF(jobP: usize, slot: i32): f64 {
  return load<f64>(jobP + (<usize>slot << 3));
}

/**
 * The k nearest of the agents at bucket positions q0 ≤ q < q1 by the ring search, summed into their
 * accumulator lines (8 f64 per slot, as neighbours.ts lays them out). The job block (`jobP`) holds the
 * inputs: in bucket order bx, by (positions), bcx, bcy (true cells), perm (bucket order → slot); by
 * slot x, y, hx, hy, group, id; the affinity matrix; by agent id kth, each agent's squared distance to
 * its k-th nearest last step (+∞ if none), replaced by this step's. Agents the rings did not settle
 * are appended to the thread's list (scratch block `scratchP`; the caller sums those). Every agent's
 * search reads the shared inputs and writes only its own accumulator line and kth entry, so the
 * agents can be split between threads in any way with the same results (wasmRing.ts).
 *
 * Last step's k-th distance plus how far two agents can have moved apart since (`slack`) bounds this
 * step's as long as those neighbours are still in view, so the search first looks only that far: most
 * candidates then fail one test, which the processor predicts, instead of a third of them tightening
 * the k-buffer at random (measured: half the search's time went to mispredicted branches). A bound
 * that turns out too tight (fewer than k found within it) is dropped and the agent searched again
 * with the radius, so the bound can cost time but never change a result: whenever k are found within
 * it they are the k nearest, and the k-buffer is the one the unbounded search would hold.
 */
export function findNearest(jobP: usize, scratchP: usize, q0: i32, q1: i32): void {
  nx = jobI(jobP, J_NX); ny = jobI(jobP, J_NY); side = jobI(jobP, J_SIDE); mask = side - 1;
  const flags = jobI(jobP, J_FLAGS);
  wrap = (flags & F_WRAP) != 0;
  limitFov = (flags & F_FOV) != 0;
  const k = jobI(jobP, J_K);
  kNear = k; maxRing = jobI(jobP, J_MAXRING); step = jobF(jobP, J_STEP);
  const cellW = jobF(jobP, J_CELLW), cellH = jobF(jobP, J_CELLH);
  width = jobF(jobP, J_W); height = jobF(jobP, J_H); halfW = width / 2; halfH = height / 2;
  const rMax2 = jobF(jobP, J_RMAX2);
  cosHalfFov = jobF(jobP, J_COSFOV);
  bxP = jobAddr(jobP, J_BX); byP = jobAddr(jobP, J_BY); bcxP = jobAddr(jobP, J_BCX); bcyP = jobAddr(jobP, J_BCY); permP = jobAddr(jobP, J_PERM);
  xP = jobAddr(jobP, J_X); yP = jobAddr(jobP, J_Y); hxP = jobAddr(jobP, J_HX); hyP = jobAddr(jobP, J_HY);
  groupP = jobAddr(jobP, J_GROUP); affP = jobAddr(jobP, J_AFF); groups = jobI(jobP, J_GROUPS);
  rRep2 = jobF(jobP, J_RREP2); rAli2 = jobF(jobP, J_RALI2); rAtt2 = jobF(jobP, J_RATT2);
  bucketStartP = jobAddr(jobP, J_BUCKETSTART);
  const bufP = jobAddr(jobP, J_BUF), idP = jobAddr(jobP, J_ID), kthP = jobAddr(jobP, J_KTH);
  const slack = jobF(jobP, J_SLACK);
  segsP = <usize>load<i32>(scratchP, S_SEGS << 2); kd2P = <usize>load<i32>(scratchP, S_KD2 << 2); kidxP = <usize>load<i32>(scratchP, S_KIDX << 2);
  candD2P = <usize>load<i32>(scratchP, S_CANDD2 << 2); candQP = <usize>load<i32>(scratchP, S_CANDQ << 2);
  const unsettledP = <usize>load<i32>(scratchP, S_UNSETTLED << 2);
  let unsettled = load<i32>(scratchP, S_COUNT << 2);
  let reruns = load<i32>(scratchP, S_RERUNS << 2);
  const settledAtEnd = <f64>maxRing * step >= Math.sqrt(rMax2);
  for (let qi = q0; qi < q1; qi++) {
    const i = i32At(permP, qi);
    const xi = f64At(bxP, qi), yi = f64At(byP, qi);
    const cx = i32At(bcxP, qi), cy = i32At(bcyP, qi);
    // Distances to the agent's cell edges give both stop bounds, each less a margin far above
    // rounding and at least 0. `margin` (edgeMargin in topological.ts): everything outside rings 0..r
    // is at least r·step + margin away. `corner`: everything outside the 2×2 block towards the cell's
    // nearest corner is at least the farther of left/right, or of top/bottom, away.
    const left = xi - <f64>cx * cellW, right = <f64>(cx + 1) * cellW - xi;
    const top = yi - <f64>cy * cellH, bottom = <f64>(cy + 1) * cellH - yi;
    let margin = left < right ? left : right;
    if (top < margin) margin = top;
    if (bottom < margin) margin = bottom;
    margin -= 1e-7 * step;
    if (margin < 0) margin = 0;
    const sx = left < right ? -1 : 1, sy = top < bottom ? -1 : 1;
    let corner = min(max(left, right), max(top, bottom)) - 1e-7 * step;
    if (corner < 0) corner = 0;
    const kthAt = kthP + (<usize>i32At(idP, i) << 3);
    const last = load<f64>(kthAt);
    let bound = rMax2;
    if (last < rMax2) {
      const reach = Math.sqrt(last) + slack;
      if (reach * reach < rMax2) bound = reach * reach;
    }
    let found = rings(i, xi, yi, cx, cy, margin, corner, sx, sy, bound);
    if (found < 0 && -1 - found < k && bound < rMax2) {
      reruns++;
      found = rings(i, xi, yi, cx, cy, margin, corner, sx, sy, rMax2);
    }
    const count = found < 0 ? -1 - found : found;
    if (found < 0 && !settledAtEnd) {
      store<f64>(kthAt, Infinity);
      store<i32>(unsettledP + (<usize>unsettled << 2), i);
      unsettled++;
      continue;
    }
    store<f64>(kthAt, count == k ? f64At(kd2P, k - 1) : Infinity);
    sumNearest(i, xi, yi, count, bufP);
  }
  store<i32>(scratchP, unsettled, S_COUNT << 2);
  store<i32>(scratchP, reruns, S_RERUNS << 2);
}

/** A row of the search grid, wrapped on a torus; −1 past a wall. */
// @ts-ignore: decorator
@inline function rowAt(r: i32): i32 {
  if (r >= 0 && r < ny) return r;
  if (!wrap) return -1;
  return r < 0 ? r + ny : r - ny;
}

/**
 * The row segments of agent i's pass `pass` around cell (cx, cy): pass 0 is the 2×2 block towards
 * the agent's nearest corner (the column cx + sx and the row cy + sy), pass 1 the rest of the 3×3 block
 * (the far row whole, and the far column's two other cells), pass r ≥ 2 ring r. Passes 0 and 1 read
 * the 3×3 block exactly once between them.
 */
// @ts-ignore: decorator
@inline function passSegments(pass: i32, cx: i32, cy: i32, sx: i32, sy: i32): i32 {
  let ns = 0;
  if (pass == 0) {
    const c0 = sx < 0 ? cx - 1 : cx, c1 = sx < 0 ? cx : cx + 1;
    ns = addSegment(cy, c0, c1, ns);
    const near = rowAt(cy + sy);
    if (near >= 0) ns = addSegment(near, c0, c1, ns);
    return ns;
  }
  if (pass == 1) {
    const far = rowAt(cy - sy);
    if (far >= 0) ns = addSegment(far, cx - 1, cx + 1, ns);
    ns = addSegment(cy, cx - sx, cx - sx, ns);
    const near = rowAt(cy + sy);
    if (near >= 0) ns = addSegment(near, cx - sx, cx - sx, ns);
    return ns;
  }
  for (let dyc = -pass; dyc <= pass; dyc++) {
    const row = rowAt(cy + dyc);
    if (row < 0) continue;
    if (dyc == -pass || dyc == pass) ns = addSegment(row, cx - pass, cx + pass, ns);
    else {
      ns = addSegment(row, cx - pass, cx - pass, ns);
      ns = addSegment(row, cx + pass, cx + pass, ns);
    }
  }
  return ns;
}

/**
 * Agent i's search, offering candidates no farther than √limit0: the 2×2 block towards its nearest
 * corner, then the rest of the 3×3 block, then rings 2..maxRing, each pass followed by the stop test
 * (the k-th nearest closer than anything not yet read: `corner` after the 2×2 block, r·step + margin
 * after ring r). Leaves the k-buffer and returns its count if settled, else −1 − count. Reading the
 * 2×2 block first only changes what is read (the k nearest are the same whatever the order, and the
 * 3×3 block settles whenever the 2×2 one does), never what is found.
 */
function rings(i: i32, xi: f64, yi: f64, cx: i32, cy: i32, margin: f64, corner: f64, sx: i32, sy: i32, limit0: f64): i32 {
  const k = kNear;
  // Module globals copied to locals: V8 reloads a global from the instance at every use.
  const bx = bxP, by = byP, bcx = bcxP, bcy = bcyP, perm = permP, candD2 = candD2P, candQ = candQP, kd2 = kd2P, kidx = kidxP, segs = segsP;
  const wrapped = wrap, fov = limitFov;
  const hxi = f64At(hxP, i), hyi = f64At(hyP, i);
  const vW = f64x2.splat(width), vH = f64x2.splat(height), vHalfW = f64x2.splat(halfW), vHalfH = f64x2.splat(halfH);
  const vNegHalfW = f64x2.splat(-halfW), vNegHalfH = f64x2.splat(-halfH), vCos = f64x2.splat(cosHalfFov);
  const vZero = f64x2.splat(0), lane0Only = i64x2(-1, 0);
  const vxi = f64x2.splat(xi), vyi = f64x2.splat(yi), vhxi = f64x2.splat(hxi), vhyi = f64x2.splat(hyi);
  let count = 0;
  let limit = limit0;
  for (let pass = 0; pass <= maxRing; pass++) {
    const ns = passSegments(pass, cx, cy, sx, sy);
    let c = 0;
    const vLimit = f64x2.splat(limit);
    for (let g = 0; g < ns; g += 5) {
      const at = segs + (<usize>g << 2);
      const start = load<i32>(at), end = load<i32>(at, 4), row = load<i32>(at, 8), lo = load<i32>(at, 12), hi = load<i32>(at, 16);
      // Two candidates per iteration (f64x2 lanes): every test a lane mask, against the limit as the
      // pass began; the lanes that pass are listed, then offered in scan order.
      const vRow = i32x4.splat(row), vLo = i32x4.splat(lo), vHi = i32x4.splat(hi);
      for (let q = start; q < end; q += 2) {
        const o4 = <usize>q << 2, o8 = <usize>q << 3;
        const cyOk = i32x4.eq(v128.load64_zero(bcy + o4), vRow);
        const cxs = v128.load64_zero(bcx + o4);
        const cellOk = i64x2.extend_low_i32x4_s(v128.and(cyOk, v128.and(i32x4.ge_s(cxs, vLo), i32x4.le_s(cxs, vHi))));
        let dx = f64x2.sub(v128.load(bx + o8), vxi);
        let dy = f64x2.sub(v128.load(by + o8), vyi);
        if (wrapped) {
          dx = v128.bitselect(f64x2.sub(dx, vW), v128.bitselect(f64x2.add(dx, vW), dx, f64x2.lt(dx, vNegHalfW)), f64x2.gt(dx, vHalfW));
          dy = v128.bitselect(f64x2.sub(dy, vH), v128.bitselect(f64x2.add(dy, vH), dy, f64x2.lt(dy, vNegHalfH)), f64x2.gt(dy, vHalfH));
        }
        const d2 = f64x2.add(f64x2.mul(dx, dx), f64x2.mul(dy, dy));
        let ok = v128.and(cellOk, v128.and(f64x2.le(d2, vLimit), f64x2.ne(d2, vZero)));
        if (q + 1 >= end) ok = v128.and(ok, lane0Only);
        if (fov) {
          const dot = f64x2.add(f64x2.mul(dx, vhxi), f64x2.mul(dy, vhyi));
          ok = v128.andnot(ok, f64x2.lt(dot, f64x2.mul(vCos, f64x2.sqrt(d2))));
        }
        // Keep the lanes that pass (stores always, the count advances by the mask: no branch).
        const at0 = candD2 + (<usize>c << 3);
        store<f64>(at0, f64x2.extract_lane(d2, 0));
        store<i32>(candQ + (<usize>c << 2), q);
        c += <i32>i64x2.extract_lane(ok, 0) & 1;
        store<f64>(candD2 + (<usize>c << 3), f64x2.extract_lane(d2, 1));
        store<i32>(candQ + (<usize>c << 2), q + 1);
        c += <i32>i64x2.extract_lane(ok, 1) & 1;
      }
    }
    // Offer them in scan order (offer() judges each against the current k-th).
    for (let e = 0; e < c; e++) count = offer(i32At(perm, i32At(candQ, e)), f64At(candD2, e), count, k, kd2, kidx);
    if (count == k) limit = f64At(kd2, k - 1);
    const edge = pass == 0 ? corner : <f64>pass * step + margin;
    if (count == k && f64At(kd2, k - 1) < edge * edge) return count;
  }
  return -1 - count;
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
