/**
 * The Sobol low-discrepancy sequence (Sobol 1967) with Joe & Kuo's direction numbers
 * (new-joe-kuo-6.21201, Joe & Kuo 2008, "Constructing Sobol sequences with better two-dimensional
 * projections"), Gray-code order (Antonov & Saleev 1979), 32 bits. Saltelli's sampling for Sobol
 * indices draws its two base matrices from one 2k-dimensional sequence.
 *
 * Written here rather than taken from npm: the one package ("sobol" 1.1.4) reads its table with
 * Node's fs (the analysis must run in the browser too) and shifts 52-bit values with JavaScript's
 * 32-bit `<<`, which wraps. The table below is the published data, not code.
 */

/** d s a m_1 … m_s for dimensions 2…64 (dimension 1 is the van der Corput sequence). */
const JOE_KUO = [
  "2 1 0 1",
  "3 2 1 1 3",
  "4 3 1 1 3 1",
  "5 3 2 1 1 1",
  "6 4 1 1 1 3 3",
  "7 4 4 1 3 5 13",
  "8 5 2 1 1 5 5 17",
  "9 5 4 1 1 5 5 5",
  "10 5 7 1 1 7 11 19",
  "11 5 11 1 1 5 1 1",
  "12 5 13 1 1 1 3 11",
  "13 5 14 1 3 5 5 31",
  "14 6 1 1 3 3 9 7 49",
  "15 6 13 1 1 1 15 21 21",
  "16 6 16 1 3 1 13 27 49",
  "17 6 19 1 1 1 15 7 5",
  "18 6 22 1 3 1 15 13 25",
  "19 6 25 1 1 5 5 19 61",
  "20 7 1 1 3 7 11 23 15 103",
  "21 7 4 1 3 7 13 13 15 69",
  "22 7 7 1 1 3 13 7 35 63",
  "23 7 8 1 3 5 9 1 25 53",
  "24 7 14 1 3 1 13 9 35 107",
  "25 7 19 1 3 1 5 27 61 31",
  "26 7 21 1 1 5 11 19 41 61",
  "27 7 28 1 3 5 3 3 13 69",
  "28 7 31 1 1 7 13 1 19 1",
  "29 7 32 1 3 7 5 13 19 59",
  "30 7 37 1 1 3 9 25 29 41",
  "31 7 41 1 3 5 13 23 1 55",
  "32 7 42 1 3 7 3 13 59 17",
  "33 7 50 1 3 1 3 5 53 69",
  "34 7 55 1 1 5 5 23 33 13",
  "35 7 56 1 1 7 7 1 61 123",
  "36 7 59 1 1 7 9 13 61 49",
  "37 7 62 1 3 3 5 3 55 33",
  "38 8 14 1 3 1 15 31 13 49 245",
  "39 8 21 1 3 5 15 31 59 63 97",
  "40 8 22 1 3 1 11 11 11 77 249",
  "41 8 38 1 3 1 11 27 43 71 9",
  "42 8 47 1 1 7 15 21 11 81 45",
  "43 8 49 1 3 7 3 25 31 65 79",
  "44 8 50 1 3 1 1 19 11 3 205",
  "45 8 52 1 1 5 9 19 21 29 157",
  "46 8 56 1 3 7 11 1 33 89 185",
  "47 8 67 1 3 3 3 15 9 79 71",
  "48 8 70 1 3 7 11 15 39 119 27",
  "49 8 84 1 1 3 1 11 31 97 225",
  "50 8 97 1 1 1 3 23 43 57 177",
  "51 8 103 1 3 7 7 17 17 37 71",
  "52 8 115 1 3 1 5 27 63 123 213",
  "53 8 122 1 1 3 5 11 43 53 133",
  "54 9 8 1 3 5 5 29 17 47 173 479",
  "55 9 13 1 3 3 11 3 1 109 9 69",
  "56 9 16 1 1 1 5 17 39 23 5 343",
  "57 9 22 1 3 1 5 25 15 31 103 499",
  "58 9 25 1 1 1 11 11 17 63 105 183",
  "59 9 44 1 1 5 11 9 29 97 231 363",
  "60 9 47 1 1 5 15 19 45 41 7 383",
  "61 9 52 1 3 7 7 31 19 83 137 221",
  "62 9 55 1 1 1 3 23 15 111 223 83",
  "63 9 59 1 1 5 13 31 15 55 25 161",
  "64 9 62 1 1 3 13 25 47 39 87 257",
];

export const MAX_SOBOL_DIMENSIONS = JOE_KUO.length + 1;
const BITS = 32;

/** Direction numbers v[d][bit] (as unsigned 32-bit integers) for the first `dims` dimensions. */
function directions(dims: number): Uint32Array[] {
  const out: Uint32Array[] = [];
  const first = new Uint32Array(BITS);
  for (let i = 0; i < BITS; i++) first[i] = (1 << (BITS - 1 - i)) >>> 0;
  out.push(first);
  for (let d = 1; d < dims; d++) {
    const [, s, a, ...m] = JOE_KUO[d - 1].split(' ').map(Number);
    const v = new Uint32Array(BITS);
    for (let i = 0; i < Math.min(s, BITS); i++) v[i] = (m[i] << (BITS - 1 - i)) >>> 0;
    for (let i = s; i < BITS; i++) {
      let x = (v[i - s] ^ (v[i - s] >>> s)) >>> 0;
      for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) x = (x ^ v[i - k]) >>> 0;
      v[i] = x;
    }
    out.push(v);
  }
  return out;
}

/**
 * Points 0 … count−1 of the `dims`-dimensional sequence, each in [0, 1)^dims; point 0 is the origin
 * (callers usually skip it, as Saltelli's designs do). Returns row-major values.
 */
export function sobolPoints(count: number, dims: number, skip = 0): Float64Array[] {
  if (!Number.isInteger(dims) || dims < 1 || dims > MAX_SOBOL_DIMENSIONS) throw new Error(`the Sobol sequence here has 1 to ${MAX_SOBOL_DIMENSIONS} dimensions, not ${dims}`);
  if (count + skip > 2 ** BITS) throw new Error(`at most 2^${BITS} Sobol points`);
  const v = directions(dims);
  const x = new Uint32Array(dims);
  // Point n is the XOR of the direction numbers of the set bits of its Gray code n ^ (n >> 1), so
  // the sequence can start at `skip` directly instead of stepping through every skipped point.
  const gray = skip ^ Math.floor(skip / 2);
  for (let bit = 0; bit < BITS; bit++) if (Math.floor(gray / 2 ** bit) % 2) for (let d = 0; d < dims; d++) x[d] = (x[d] ^ v[d][bit]) >>> 0;
  const rows: Float64Array[] = [];
  for (let n = skip; n < count + skip; n++) {
    if (n > skip) {
      // Gray code: point n differs from point n−1 in the direction of the lowest zero bit of n−1.
      let c = 0;
      let value = n - 1;
      while (value % 2 === 1) {
        value = Math.floor(value / 2);
        c++;
      }
      for (let d = 0; d < dims; d++) x[d] = (x[d] ^ v[d][c]) >>> 0;
    }
    rows.push(Float64Array.from(x, (xi) => xi / 2 ** BITS));
  }
  return rows;
}
