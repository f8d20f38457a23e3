// Shared by the peer harnesses (bench/peers/*.mjs): the workload, the steering rule's arithmetic, a
// seeded generator, and the timing loop. Each peer finds neighbours and stores agents through its own
// idiomatic API; only the per-agent arithmetic below (Couzin zones → Gaussian angular noise → turn
// limit, the same rule as sim/kernel/steer.ts) is shared, so every engine does the same work.
//
// Usage of a harness:  node <harness> --n 10000 --seconds 2 --max-step-s 10
// It prints one JSON line: { peer, n, steps, wallMs, cpuMs: {median,min,max}, meanNeighboursStart,
// meanNeighbours, skipped? } (wall-clock and process CPU milliseconds per step).

/** The standard boids workload of sim/kernel/presets.ts `boids({ n })`. */
export function workload(n, r = 1) {
  return { n, r, l: Math.sqrt((n * Math.PI * r * r) / 15), rRep: 0.25 * r, speed: 0.05 * r, maxTurn: 0.5, sigma: 0.05 };
}

export function parseArgs(argv) {
  const out = { n: 1000, seconds: 2, maxStepS: 10, warmup: 3, steps: 20 };
  for (let k = 0; k < argv.length; k += 2) {
    const v = Number(argv[k + 1]);
    if (argv[k] === '--n') out.n = v;
    else if (argv[k] === '--seconds') out.seconds = v;
    else if (argv[k] === '--max-step-s') out.maxStepS = v;
    else if (argv[k] === '--warmup') out.warmup = v;
    else if (argv[k] === '--steps') out.steps = v;
    else if (argv[k] === '--pair-pass') out.pairPass = argv[k + 1];
  }
  return out;
}

/** Alea-style seeded uniform generator (any deterministic source will do for the peers). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The decision of sim/kernel/steer.ts for one agent from its neighbour sums: separation wins, else
 * alignment (self included) + attraction; Gaussian angular noise (Box–Muller); turn at most maxTurn.
 * Returns the new unit heading as [hx, hy] written into `out`.
 */
export function decide(w, hx, hy, nRep, repX, repY, aliX, aliY, cohX, cohY, rng, out) {
  let dx, dy;
  if (nRep > 0) { dx = repX; dy = repY; } else { dx = hx + aliX + cohX; dy = hy + aliY + cohY; }
  let len = Math.sqrt(dx * dx + dy * dy);
  if (len > 1e-12) { dx /= len; dy /= len; } else { dx = hx; dy = hy; }
  let u = rng();
  if (u < 1e-300) u = 1e-300;
  const angle = w.sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
  const c = Math.cos(angle), s = Math.sin(angle);
  const rx = dx * c - dy * s;
  dy = dx * s + dy * c;
  dx = rx;
  const cosT = Math.cos(w.maxTurn), sinT = Math.sin(w.maxTurn);
  if (hx * dx + hy * dy < cosT) {
    const sign = hx * dy - hy * dx >= 0 ? 1 : -1;
    dx = hx * cosT - sign * hy * sinT;
    dy = sign * hx * sinT + hy * cosT;
  }
  len = Math.sqrt(dx * dx + dy * dy);
  out[0] = dx / len;
  out[1] = dy / len;
}

const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/**
 * The protocol, the same for every engine: from the uniform random start, `warmup` steps, then time
 * up to `steps` steps (stopping early once `seconds` have passed, but never fewer than 3). The state
 * evolves the same way in every engine (flocks slowly cluster, which raises the neighbour count), so
 * every engine is timed over the same window of the dynamics. If the first step takes longer than
 * maxStepS (process CPU time: on a shared machine wall time also counts others’ work), stop and
 * report the peer as skipped at this size. `neighbours()` returns the mean
 * neighbour count (within r, excluding self) at the end, through the peer's own query.
 */
export function measure(peer, args, step, neighbours) {
  const med = (v) => { const s = [...v].sort((a, b) => a - b); return { median: s[s.length >> 1], min: s[0], max: s[s.length - 1] }; };
  const wall = [];
  const cpu = [];
  const one = () => {
    const w0 = performance.now(), c0 = cpuNow();
    step();
    wall.push(performance.now() - w0);
    cpu.push(cpuNow() - c0);
  };
  const meanNeighboursStart = neighbours();
  one();
  if (cpu[0] > args.maxStepS * 1000) {
    return print({ peer, n: args.n, meanNeighboursStart, skipped: `one step took ${(cpu[0] / 1000).toFixed(1)} s of CPU > ${args.maxStepS} s`, wallMs: med(wall), cpuMs: med(cpu), steps: 1 });
  }
  for (let k = 1; k < args.warmup; k++) one();
  wall.length = 0;
  cpu.length = 0;
  const t0 = performance.now();
  while (wall.length < 3 || (wall.length < args.steps && performance.now() - t0 < args.seconds * 1000)) one();
  return print({ peer, n: args.n, steps: wall.length, wallMs: med(wall), cpuMs: med(cpu), meanNeighboursStart, meanNeighbours: neighbours() });
}

function print(result) {
  console.log(JSON.stringify(result));
  return result;
}
