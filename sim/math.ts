/**
 * The elementary functions the engine needs (cos, sin, exp, log, atan2), computed here from +, −, ×, ÷
 * and √ alone. JavaScript fixes those five to IEEE double rounding, but leaves Math.cos and the rest
 * to the engine, and engines differ: Node 20 (V8 11.3) and Chromium 156 give different bits for every
 * transcendental function (scripts/math-probe.ts). The engine calls cos and sin for every person's
 * turn each tick, so with Math's versions the same scenario and seed ran differently in the CLI and
 * in the lab. These give the same bits everywhere, within 1–2 ulp of Node's Math (4 for atan2;
 * test/math.test.ts checks both).
 *
 * Method: reduce the argument by an exactly representable split of π/2 or ln 2 (Cody and Waite),
 * then a Taylor polynomial on the small remainder, taken far enough that the truncation is below
 * double rounding (coefficients 1/n!, each one correctly rounded quotient of exact integers).
 */

// π/2 = P1 + P2 + P3: P1 and P2 have 33 significant bits, so k·P1 and k·P2 are exact for |k| < 2^20.
const P1 = 1.5707963267341256;
const P2 = 6.077100506303966e-11;
const P3 = 2.0222662487959506e-21;
const TWO_OVER_PI = 0.6366197723675814;
// ln 2 = LN2_HI + LN2_LO, LN2_HI with 32 significant bits (k·LN2_HI exact for every exponent k).
const LN2_HI = 0.6931471806019545;
const LN2_LO = -4.2009150726810846e-11;
const INV_LN2 = 1.4426950408889634;
const SQRT2 = Math.SQRT2;
const PI = Math.PI;
const PIO2 = Math.PI / 2;
const PIO4 = Math.PI / 4;

// Taylor coefficients ±1/n!, each a correctly rounded quotient of exact integers (module constants,
// which the compiler inlines). sin r to r¹⁷ and cos r to r¹⁶ on |r| ≤ π/4 (next terms < 6e-17·|r| and
// < 3e-18), e^r to r¹⁴ on |r| ≤ ln2/2 (< 1e-19), 2·atanh s to s²³ on |s| ≤ 0.1716 (< 1e-19), atan t to
// t²⁷ on |t| ≤ tan(π/16) (< 1e-20).
const S3 = -1 / 6, S5 = 1 / 120, S7 = -1 / 5040, S9 = 1 / 362880, S11 = -1 / 39916800, S13 = 1 / 6227020800, S15 = -1 / 1307674368000, S17 = 1 / 355687428096000;
const C2 = -1 / 2, C4 = 1 / 24, C6 = -1 / 720, C8 = 1 / 40320, C10 = -1 / 3628800, C12 = 1 / 479001600, C14 = -1 / 87178291200, C16 = 1 / 20922789888000;
const E2 = 1 / 2, E3 = 1 / 6, E4 = 1 / 24, E5 = 1 / 120, E6 = 1 / 720, E7 = 1 / 5040, E8 = 1 / 40320, E9 = 1 / 362880, E10 = 1 / 3628800;
const E11 = 1 / 39916800, E12 = 1 / 479001600, E13 = 1 / 6227020800, E14 = 1 / 87178291200;
const L = [3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23].map((n) => 1 / n);
const A = [3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27].map((n, k) => (k % 2 === 0 ? -1 : 1) / n);

// The bits of a double (the platform's byte order; every JavaScript platform in use is little-endian,
// and `HI` finds the high word either way).
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** 2^k for an integer k from −1022 to 1023 (a normal double), exactly. */
function pow2(k: number): number {
  words[HI] = (k + 1023) << 20;
  words[LO] = 0;
  return bits[0];
}

/** sin(r) and cos(r) for |r| ≤ π/4 (plus a little). */
function sinPoly(r: number): number {
  const z = r * r;
  return r + r * z * (S3 + z * (S5 + z * (S7 + z * (S9 + z * (S11 + z * (S13 + z * (S15 + z * S17)))))));
}
function cosPoly(r: number): number {
  const z = r * r;
  return 1 + z * (C2 + z * (C4 + z * (C6 + z * (C8 + z * (C10 + z * (C12 + z * (C14 + z * C16)))))));
}

/**
 * x − k·π/2 for k = round(x·2/π), and k mod 4, into `reduced`. Exact splitting needs |k| < 2^20; past
 * that (|x| above 1.6 million, an angle the engine never makes) x is first folded by the double
 * nearest 2π with the exact remainder `%`: the same bits everywhere and bounded, but not accurate.
 */
const reduced = { r: 0, q: 0 };
const FOLD = 1048576 * PIO2;
function reduce(x: number): void {
  if (x > -PIO4 && x < PIO4) {
    reduced.r = x;
    reduced.q = 0;
    return;
  }
  if (x > FOLD || x < -FOLD) x %= 2 * PI;
  const k = Math.round(x * TWO_OVER_PI);
  reduced.r = x - k * P1 - k * P2 - k * P3;
  reduced.q = ((k % 4) + 4) % 4;
}

export function sin(x: number): number {
  if (x === 0) return x; // keeps −0
  if (x > -PIO4 && x < PIO4) return sinPoly(x); // most angles the engine makes (noise turns)
  if (!Number.isFinite(x)) return NaN;
  reduce(x);
  const { r, q } = reduced;
  return q === 0 ? sinPoly(r) : q === 1 ? cosPoly(r) : q === 2 ? -sinPoly(r) : -cosPoly(r);
}

export function cos(x: number): number {
  if (x > -PIO4 && x < PIO4) return cosPoly(x);
  if (!Number.isFinite(x)) return NaN;
  reduce(x);
  const { r, q } = reduced;
  return q === 0 ? cosPoly(r) : q === 1 ? -sinPoly(r) : q === 2 ? -cosPoly(r) : sinPoly(r);
}

export function exp(x: number): number {
  if (x !== x) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  const p = 1 + r + r * r * (E2 + r * (E3 + r * (E4 + r * (E5 + r * (E6 + r * (E7 + r * (E8 + r * (E9 + r * (E10 + r * (E11 + r * (E12 + r * (E13 + r * E14))))))))))));
  // 2^1024 is not a double: scale by 2 first. Below the smallest normal, scale in two steps so that
  // the one rounding happens at the end.
  if (k > 1023) return p * 2 * pow2(k - 1);
  return k < -1021 ? p * pow2(k + 60) * pow2(-60) : p * pow2(k);
}

export function log(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: subnormals become normal
    e = -54;
  }
  bits[0] = x;
  e += (words[HI] >>> 20) - 1023;
  words[HI] = (words[HI] & 0x000fffff) | 0x3ff00000; // the mantissa m in [1, 2)
  let m = bits[0];
  if (m > SQRT2) {
    m /= 2;
    e += 1;
  }
  // log m = 2·atanh(s), s = f/(2+f), f = m − 1 (exact); written as f − s·(f − R) to keep f's precision.
  const f = m - 1;
  const s = f / (2 + f);
  const z = s * s;
  const R = 2 * z * (L[0] + z * (L[1] + z * (L[2] + z * (L[3] + z * (L[4] + z * (L[5] + z * (L[6] + z * (L[7] + z * (L[8] + z * (L[9] + z * L[10]))))))))));
  return e * LN2_HI + (e * LN2_LO + (f - s * (f - R)));
}

/** atan(t) for t ≥ 0: 1/t above 1, then two half-angle steps to |t| ≤ tan(π/16), then the series. */
function atanPos(t: number): number {
  if (t > 1) return PIO2 - atanPos(1 / t);
  if (t < 7.450580596923828e-9) return t; // below 2^−27, atan t = t in doubles (and the halvings would lose subnormals)
  t = t / (1 + Math.sqrt(1 + t * t));
  t = t / (1 + Math.sqrt(1 + t * t));
  const z = t * t;
  const p = t + t * z * (A[0] + z * (A[1] + z * (A[2] + z * (A[3] + z * (A[4] + z * (A[5] + z * (A[6] + z * (A[7] + z * (A[8] + z * (A[9] + z * (A[10] + z * (A[11] + z * A[12]))))))))))));
  return 4 * p;
}

/** The angle of (x, y), in (−π, π], with Math.atan2's signs of zero and its infinities. */
export function atan2(y: number, x: number): number {
  if (y !== y || x !== x) return NaN;
  const neg = y < 0 || Object.is(y, -0);
  let a: number;
  if (!Number.isFinite(y) && !Number.isFinite(x)) a = x > 0 ? PIO4 : 3 * PIO4;
  else if (!Number.isFinite(y) || (x === 0 && y !== 0)) a = PIO2;
  else if (y === 0) a = x > 0 || Object.is(x, 0) ? 0 : PI;
  else if (x === Infinity) a = 0;
  else if (x === -Infinity) a = PI;
  else {
    const t = atanPos(Math.abs(y / x));
    a = x > 0 ? t : PI - t;
  }
  return neg ? -a : a;
}
