/**
 * Functions with known sensitivity indices, to check the Morris and Sobol code (Saltelli et al.
 * 2010 use both). Inputs are in the unit cube and mapped here.
 *   Ishigami (Ishigami & Homma 1990), a = 7, b = 0.1, x_i uniform on [−π, π]:
 *     y = sin x1 + a sin² x2 + b x3⁴ sin x1.
 *   Sobol's G function (Saltelli & Sobol 1995), x_i uniform on [0, 1]:
 *     y = Π (|4 x_i − 2| + a_i) / (1 + a_i), with a = 0, 1, 4.5, 9, 99, 99, 99, 99.
 * The analytic indices are derived in closed form below, not copied from a table.
 */
export const ISHIGAMI = { a: 7, b: 0.1 } as const;

export function ishigami(u: ArrayLike<number>): number {
  const x1 = -Math.PI + 2 * Math.PI * u[0];
  const x2 = -Math.PI + 2 * Math.PI * u[1];
  const x3 = -Math.PI + 2 * Math.PI * u[2];
  return Math.sin(x1) + ISHIGAMI.a * Math.sin(x2) ** 2 + ISHIGAMI.b * x3 ** 4 * Math.sin(x1);
}

/** First-order and total indices of the Ishigami function (Sobol & Levitan 1999). */
export function ishigamiIndices(): { first: number[]; total: number[] } {
  const { a, b } = ISHIGAMI;
  const pi4 = Math.PI ** 4;
  const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const v2 = (a * a) / 8;
  const v13 = (b * b * Math.PI ** 8 * 8) / 225; // b² π⁸ (1/18 − 1/50)
  const v = v1 + v2 + v13;
  return { first: [v1 / v, v2 / v, 0], total: [(v1 + v13) / v, v2 / v, v13 / v] };
}

export const G_A = [0, 1, 4.5, 9, 99, 99, 99, 99] as const;

export function gFunction(u: ArrayLike<number>): number {
  let y = 1;
  for (let i = 0; i < G_A.length; i++) y *= (Math.abs(4 * u[i] - 2) + G_A[i]) / (1 + G_A[i]);
  return y;
}

/** V_i = 1 / (3 (1 + a_i)²); V = Π (1 + V_i) − 1; S_Ti = V_i Π_{j≠i} (1 + V_j) / V. */
export function gIndices(): { first: number[]; total: number[] } {
  const vi = G_A.map((a) => 1 / (3 * (1 + a) ** 2));
  const prod = vi.reduce((p, v) => p * (1 + v), 1);
  const v = prod - 1;
  return { first: vi.map((x) => x / v), total: vi.map((x) => (x * prod) / (1 + x) / v) };
}
