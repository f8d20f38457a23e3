/**
 * A checksum of the bits cos, sin, exp, log and atan2 give on 10,000 arguments each: the same
 * function runs in Node (test/math.test.ts) and, as source, in Chromium (test/e2e/determinism.test.ts).
 * Self-contained on purpose (no imports): its source is evaluated in the page as it stands.
 */
export function mathChecksum(m: { cos(x: number): number; sin(x: number): number; exp(x: number): number; log(x: number): number; atan2(y: number, x: number): number }): string {
  const a = new Float64Array(1), w = new Uint32Array(a.buffer);
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    a[0] = v;
    h = Math.imul(h ^ w[0], 16777619) >>> 0;
    h = Math.imul(h ^ w[1], 16777619) >>> 0;
  };
  for (let i = 0; i < 10000; i++) {
    const t = (i - 5000) * 0.0123457;
    mix(m.cos(t));
    mix(m.sin(t * 3.1));
    mix(m.exp(t * 0.141));
    mix(m.log(1e-6 + i * 0.731));
    mix(m.atan2(t, 1.7 - i * 0.0003));
  }
  return h.toString(16).padStart(8, '0');
}
