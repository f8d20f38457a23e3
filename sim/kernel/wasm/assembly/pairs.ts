/**
 * The half-shell pair pass of sim/kernel/neighbours.ts (`accumulatePairs`) in AssemblyScript with
 * WebAssembly SIMD: two candidates j per iteration (f64x2 lanes), every test a lane mask instead of a
 * branch. scripts/build-wasm.mjs compiles it into ../pairsBinary.ts; sim/kernel/wasmPairs.ts runs it.
 *
 * It produces the same sums as the JavaScript pass, not just close ones: each lane does the JavaScript
 * arithmetic (IEEE f64, correctly rounded in both), agent i's sums take the lanes in slot order, and a
 * pair that the JavaScript pass skips adds +0 here (x + 0 = x; only the sign of a zero sum can differ,
 * which nothing downstream can see), so both passes give one state hash (test/wasmPairs.test.ts).
 * Only standard SIMD instructions are used (no relaxed-SIMD, whose results may differ by machine).
 *
 * Memory is the caller's (imported); every array is passed as a byte offset. Lane 1 of the last pair
 * of a range may read one slot past its range: the arrays have one slack slot, and the lane is masked.
 */

const F_WRAP: i32 = 1;
const F_REFLECT: i32 = 2;
const F_FOV: i32 = 4;
const F_ONE_GROUP: i32 = 8;

// @ts-ignore: decorator
@inline function cellStartAt(cs: usize, c: i32): i32 {
  return load<i32>(cs + (<usize>c << 2));
}

/** Append the slot ranges of columns c0..c1 of one row (see addColumns in neighbours.ts). */
function addColumns(cs: usize, rp: usize, base: i32, c0: i32, c1: i32, nx: i32, reflect: bool, nr: i32): i32 {
  if (reflect) {
    if (c0 < 0) c0 = 0;
    if (c1 > nx - 1) c1 = nx - 1;
    if (c0 > c1) return nr;
    store<i32>(rp + (<usize>nr << 2), cellStartAt(cs, base + c0));
    store<i32>(rp + (<usize>(nr + 1) << 2), cellStartAt(cs, base + c1 + 1));
    return nr + 2;
  }
  if (c0 < 0) {
    store<i32>(rp + (<usize>nr << 2), cellStartAt(cs, base + nx + c0));
    store<i32>(rp + (<usize>(nr + 1) << 2), cellStartAt(cs, base + nx));
    nr += 2;
    c0 = 0;
  }
  if (c1 >= nx) {
    store<i32>(rp + (<usize>nr << 2), cellStartAt(cs, base));
    store<i32>(rp + (<usize>(nr + 1) << 2), cellStartAt(cs, base + c1 - nx + 1));
    nr += 2;
    c1 = nx - 1;
  }
  store<i32>(rp + (<usize>nr << 2), cellStartAt(cs, base + c0));
  store<i32>(rp + (<usize>(nr + 1) << 2), cellStartAt(cs, base + c1 + 1));
  return nr + 2;
}

/** Add v (masked) to the two f64 at p. */
// @ts-ignore: decorator
@inline function addAt(p: usize, v: v128, mask: v128): void {
  v128.store(p, f64x2.add(v128.load(p), v128.and(v, mask)));
}
// @ts-ignore: decorator
@inline function subAt(p: usize, v: v128, mask: v128): void {
  v128.store(p, f64x2.sub(v128.load(p), v128.and(v, mask)));
}

/**
 * Sum every agent's neighbour influences into buf (8 f64 per slot: rep x/y, ali x/y, coh x/y, n_rep,
 * spare), cleared first. Slots are visited cell by cell, which is slot order after the counting sort.
 */
export function accumulatePairs(
  n: i32, nx: i32, ny: i32, reach: i32, flags: i32,
  xP: usize, yP: usize, hxP: usize, hyP: usize, groupP: usize, affP: usize, groups: i32,
  cellStartP: usize, bufP: usize, rangesP: usize,
  w: f64, h: f64, rRep2: f64, rAli2: f64, rAtt2: f64, cosHalfFov: f64,
): void {
  memory.fill(bufP, 0, <usize>(n + 1) << 6);
  const wrap = (flags & F_WRAP) != 0;
  const reflect = (flags & F_REFLECT) != 0;
  const limitFov = (flags & F_FOV) != 0;
  const oneGroup = (flags & F_ONE_GROUP) != 0;
  const rMax2 = max(rRep2, max(rAli2, rAtt2));
  const a1 = <f64>load<f32>(affP);
  const vW = f64x2.splat(w), vH = f64x2.splat(h);
  const vHalfW = f64x2.splat(w / 2), vHalfH = f64x2.splat(h / 2);
  const vNegHalfW = f64x2.splat(-(w / 2)), vNegHalfH = f64x2.splat(-(h / 2));
  const vRMax2 = f64x2.splat(rMax2), vRRep2 = f64x2.splat(rRep2);
  const vRAli2 = f64x2.splat(rAli2), vRAtt2 = f64x2.splat(rAtt2);
  const vCos = f64x2.splat(cosHalfFov);
  const vZero = f64x2.splat(0), vOne = f64x2.splat(1);
  const allOnes = i64x2.splat(-1);
  const lane0Only = i64x2.replace_lane(i64x2.splat(-1), 1, 0); // mask: lane 0 set, lane 1 clear
  const cells = nx * ny;

  for (let cell = 0; cell < cells; cell++) {
    const first = cellStartAt(cellStartP, cell);
    const slotEnd = cellStartAt(cellStartP, cell + 1);
    if (first == slotEnd) continue;
    const cy = cell / nx;
    const cx = cell - cy * nx;
    // Forward half-shell ranges, as in the JavaScript pass: set up once per occupied cell; the rest
    // of the own cell goes first (merged with the next range when that starts where the cell ends).
    let nr = addColumns(cellStartP, rangesP, cy * nx, cx + 1, cx + reach, nx, reflect, 2);
    for (let k = 1; k <= reach; k++) {
      let row = cy + k;
      if (row >= ny) {
        if (reflect) break;
        row -= ny;
      }
      nr = addColumns(cellStartP, rangesP, row * nx, cx - reach, cx + reach, nx, reflect, nr);
    }
    store<i32>(rangesP + 4, slotEnd);
    const q0 = nr > 2 && load<i32>(rangesP + 8) == slotEnd ? 2 : 0;
    const seam = wrap && (cx < reach || cx >= nx - reach || cy >= ny - reach);

    for (let i = first; i < slotEnd; i++) {
      const oi = <usize>i << 3;
      const xi = load<f64>(xP + oi), yi = load<f64>(yP + oi);
      const hxi = load<f64>(hxP + oi), hyi = load<f64>(hyP + oi);
      const vxi = f64x2.splat(xi), vyi = f64x2.splat(yi);
      const vhxi = f64x2.splat(hxi), vhyi = f64x2.splat(hyi);
      const gi = oneGroup ? 0 : <i32>load<u16>(groupP + (<usize>i << 1));
      const vHi = f64x2(hxi, hyi);
      store<i32>(rangesP + (<usize>q0 << 2), i + 1);

      // Agent i's sums as (x, y) pairs: each lane is one scalar sum, taken in slot order as in JS.
      let sRep = vZero, sAli = vZero, sCoh = vZero, sN = vZero;
      for (let q = q0; q < nr; q += 2) {
        const to = load<i32>(rangesP + (<usize>(q + 1) << 2));
        for (let j = load<i32>(rangesP + (<usize>q << 2)); j < to; j += 2) {
          const oj = <usize>j << 3;
          let dx = f64x2.sub(v128.load(xP + oj), vxi);
          let dy = f64x2.sub(v128.load(yP + oj), vyi);
          if (seam) {
            dx = v128.bitselect(f64x2.sub(dx, vW), v128.bitselect(f64x2.add(dx, vW), dx, f64x2.lt(dx, vNegHalfW)), f64x2.gt(dx, vHalfW));
            dy = v128.bitselect(f64x2.sub(dy, vH), v128.bitselect(f64x2.add(dy, vH), dy, f64x2.lt(dy, vNegHalfH)), f64x2.gt(dy, vHalfH));
          }
          const d2 = f64x2.add(f64x2.mul(dx, dx), f64x2.mul(dy, dy));
          let inRange = v128.and(f64x2.le(d2, vRMax2), f64x2.ne(d2, vZero));
          if (j + 1 >= to) inRange = v128.and(inRange, lane0Only);
          if (!v128.any_true(inRange)) continue;
          const inv = f64x2.div(vOne, f64x2.sqrt(d2));
          const ux = f64x2.mul(dx, inv), uy = f64x2.mul(dy, inv);
          const hxj = v128.load(hxP + oj), hyj = v128.load(hyP + oj);
          let iSees = allOnes, jSees = allOnes;
          if (limitFov) {
            iSees = f64x2.ge(f64x2.add(f64x2.mul(ux, vhxi), f64x2.mul(uy, vhyi)), vCos);
            jSees = f64x2.ge(f64x2.neg(f64x2.add(f64x2.mul(ux, hxj), f64x2.mul(uy, hyj))), vCos);
          }
          const isRep = f64x2.lt(d2, vRRep2);
          const rep = v128.and(inRange, isRep);
          const other = v128.andnot(inRange, isRep);
          const ali = v128.and(other, f64x2.le(d2, vRAli2));
          const att = v128.and(other, f64x2.le(d2, vRAtt2));
          let aij0 = a1, aij1 = a1, aji0 = a1, aji1 = a1;
          if (!oneGroup) {
            const gj0 = <i32>load<u16>(groupP + (<usize>j << 1));
            const gj1 = <i32>load<u16>(groupP + (<usize>(j + 1) << 1)) % groups; // the slack lane may hold anything
            aij0 = <f64>load<f32>(affP + (<usize>(gi * groups + gj0) << 2));
            aij1 = <f64>load<f32>(affP + (<usize>(gi * groups + gj1) << 2));
            aji0 = <f64>load<f32>(affP + (<usize>(gj0 * groups + gi) << 2));
            aji1 = <f64>load<f32>(affP + (<usize>(gj1 * groups + gi) << 2));
          }
          // Per candidate lane k: u_k = (ux, uy) and h_k = (hx, hy) of j + k, and its masks as pairs.
          const u0 = i64x2.shuffle(ux, uy, 0, 2), u1 = i64x2.shuffle(ux, uy, 1, 3);
          const h0 = i64x2.shuffle(hxj, hyj, 0, 2), h1 = i64x2.shuffle(hxj, hyj, 1, 3);
          const iRep = v128.and(rep, iSees), iAli = v128.and(ali, iSees), iAtt = v128.and(att, iSees);
          const jRep = v128.and(rep, jSees), jAli = v128.and(ali, jSees), jAtt = v128.and(att, jSees);
          const vAij0 = f64x2.splat(aij0), vAij1 = f64x2.splat(aij1);
          const vAji0 = f64x2.splat(aji0), vAji1 = f64x2.splat(aji1);

          // Agent i: lane 0, then lane 1.
          sRep = f64x2.sub(sRep, v128.and(u0, i64x2.shuffle(iRep, iRep, 0, 0)));
          sN = f64x2.add(sN, v128.and(vOne, v128.and(iRep, lane0Only)));
          sAli = f64x2.add(sAli, v128.and(f64x2.mul(vAij0, h0), i64x2.shuffle(iAli, iAli, 0, 0)));
          sCoh = f64x2.add(sCoh, v128.and(f64x2.mul(vAij0, u0), i64x2.shuffle(iAtt, iAtt, 0, 0)));
          sRep = f64x2.sub(sRep, v128.and(u1, i64x2.shuffle(iRep, iRep, 1, 1)));
          sN = f64x2.add(sN, v128.and(vOne, v128.and(i64x2.shuffle(iRep, iRep, 1, 1), lane0Only)));
          sAli = f64x2.add(sAli, v128.and(f64x2.mul(vAij1, h1), i64x2.shuffle(iAli, iAli, 1, 1)));
          sCoh = f64x2.add(sCoh, v128.and(f64x2.mul(vAij1, u1), i64x2.shuffle(iAtt, iAtt, 1, 1)));

          // Credit the far agents j and j+1: (x, y) pairs of their accumulator lines.
          const b0 = bufP + (<usize>j << 6), b1 = b0 + 64;
          const rep0 = i64x2.shuffle(jRep, jRep, 0, 0), rep1 = i64x2.shuffle(jRep, jRep, 1, 1);
          addAt(b0, u0, rep0);
          addAt(b0 + 16, f64x2.mul(vAji0, vHi), i64x2.shuffle(jAli, jAli, 0, 0));
          subAt(b0 + 32, f64x2.mul(vAji0, u0), i64x2.shuffle(jAtt, jAtt, 0, 0));
          addAt(b0 + 48, vOne, v128.and(rep0, lane0Only));
          addAt(b1, u1, rep1);
          addAt(b1 + 16, f64x2.mul(vAji1, vHi), i64x2.shuffle(jAli, jAli, 1, 1));
          subAt(b1 + 32, f64x2.mul(vAji1, u1), i64x2.shuffle(jAtt, jAtt, 1, 1));
          addAt(b1 + 48, vOne, v128.and(rep1, lane0Only));
        }
      }
      const bi = bufP + (<usize>i << 6);
      v128.store(bi, f64x2.add(v128.load(bi), sRep));
      v128.store(bi + 16, f64x2.add(v128.load(bi + 16), sAli));
      v128.store(bi + 32, f64x2.add(v128.load(bi + 32), sCoh));
      v128.store(bi + 48, f64x2.add(v128.load(bi + 48), sN));
    }
  }
}
