/**
 * CPU time of Chromium's threads, from Linux's /proc (null elsewhere), for `bench web`. The lab's
 * worker time is wall-clock, and on a machine without a GPU, SwiftShader's raster threads compete with
 * it for the cores: reading each thread's own CPU time over the same window says what the worker
 * costs and what took the rest.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/…/stat's utime and stime (USER_HZ: 100 on every Linux build in use). */
const USER_HZ = 100;

/** Milliseconds of CPU by "pid:tid", with the thread's name. */
export type ThreadTimes = Map<string, { name: string; ms: number }>;

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process or thread ended meanwhile
  }
}

/** Every thread of every process whose main thread is named "chromium"; null without /proc. */
export function chromiumThreadTimes(): ThreadTimes | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const threads: ThreadTimes = new Map();
  for (const pid of pids) {
    if (read(`/proc/${pid}/comm`)?.trim() !== 'chromium') continue;
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      const name = read(`/proc/${pid}/task/${tid}/comm`)?.trim();
      if (!stat || name === undefined) continue;
      // The name field may hold spaces and parentheses: the numbers start after its last ")".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
      threads.set(`${pid}:${tid}`, { name, ms: (ticks * 1000) / USER_HZ });
    }
  }
  return threads;
}

export interface CpuShare {
  /** CPU ms of the lab's worker threads over the window (its worker and the worker's ring-search helpers). */
  workerMs: number;
  /** Cores kept busy over the window (CPU ms ÷ wall ms): SwiftShader's raster threads, and all of Chromium. */
  softwareGlCores: number;
  chromiumCores: number;
}

/** What each kind of thread used between two readings `wallMs` apart (threads that began meanwhile count from 0). */
export function cpuShare(before: ThreadTimes, after: ThreadTimes, wallMs: number): CpuShare {
  let workerMs = 0, glMs = 0, allMs = 0;
  for (const [key, t] of after) {
    const used = t.ms - (before.get(key)?.ms ?? 0);
    allMs += used;
    if (t.name === 'DedicatedWorker') workerMs += used;
    else if (/^Thread<\d+>$/.test(t.name)) glMs += used; // SwiftShader's worker threads (marl) in the GPU process
  }
  return { workerMs, softwareGlCores: glMs / wallMs, chromiumCores: allMs / wallMs };
}
