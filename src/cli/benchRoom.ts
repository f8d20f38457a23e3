/**
 * `starling bench room`: a workshop room under load. The real room server on loopback, the
 * presenter's screen in headless Chromium (the default scenario running, in presentation mode), and
 * N participants as `ws` clients (default 200) that each send one message a second for the whole
 * measurement (a ping, whose round trip is timed, or a decision for their person), while the presenter
 * streams every played person's view to its phone four times a second.
 *
 * Reported side by side, measured in one run: the presenter's main-thread milliseconds per frame and
 * the worker's milliseconds per tick with the room empty, then with everyone in it; message round
 * trips (p50, p99); messages dropped; views delivered per participant per second.
 */
import { launch, buildLab, waitFor } from '../../test/e2e/browser.ts';
import { RoomClient } from '../../test/helpers/roomClient.ts';
import { startRoomServer } from '../room/server.ts';
import { encodeShare } from '../web/share.ts';
import { SCENARIOS, DEFAULT_SCENARIO_NAME } from '../../sim/model/catalog.ts';

export interface RoomBenchResult {
  participants: number;
  seconds: number;
  messagesSent: number;
  dropped: number;
  rttMs: { p50: number; p99: number };
  viewsPerParticipantPerSecond: number;
  presenter: { empty: FrameCost; full: FrameCost; mainRatio: number };
}
interface FrameCost { frames: number; mainMsPerFrame: { median: number; p90: number }; workerMsPerTick: { median: number } }

const q = (v: number[], p: number) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchRoom(participants: number, seconds: number, log: (line: string) => void = () => undefined): Promise<RoomBenchResult> {
  buildLab();
  const srv = await startRoomServer({ dist: 'dist', port: 4451, bind: '127.0.0.1', rate: { perSecond: 5, burst: 20 } });
  // The lab runs the default scenario on (a long horizon so it never ends during the measurement).
  const raw = { ...structuredClone(SCENARIOS[DEFAULT_SCENARIO_NAME] as Record<string, unknown>), run: { horizon: 100_000 } };
  const share = encodeShare({ raw, seed: 1, panes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] });
  const { context, close } = await launch({ width: 1920, height: 1080 });
  const clients: RoomClient[] = [];
  try {
    const page = await context.newPage();
    await page.goto(`${srv.presenterUrl}#${share}`);
    await waitFor(page, (s) => s.ready && s.room !== null && s.room.open && s.frames > 10, 120_000);
    await page.selectOption('#speed', '1');
    const cost = async (secs: number): Promise<FrameCost> => {
      const f0 = (await waitFor(page, () => true)).frames;
      await sleep(secs * 1000);
      const s = await waitFor(page, () => true);
      const frames = s.frames - f0;
      const main = s.mainMs.slice(-Math.max(1, Math.min(600, frames)));
      const worker = s.workerMsPerTick.slice(-Math.max(1, Math.min(600, frames))).filter((x) => x > 0);
      return { frames, mainMsPerFrame: { median: q(main, 0.5), p90: q(main, 0.9) }, workerMsPerTick: { median: q(worker, 0.5) } };
    };
    log(`room ${srv.room.code}: the presenter alone for ${Math.min(15, seconds)} s…`);
    const empty = await cost(Math.min(15, seconds));
    for (let k = 0; k < participants; k++) {
      const c = new RoomClient(srv.url);
      await c.join(srv.room.code, `P${k}`);
      clients.push(c);
    }
    await waitFor(page, (s) => s.room!.participants === participants, 60_000);
    log(`${participants} participants in; each sends a message a second for ${seconds} s…`);
    const rtts: number[] = [];
    let sent = 0;
    let viewCount = 0;
    for (const c of clients) c.ws.on('message', (d) => { if (String(d).startsWith('{"t":"view"')) viewCount++; });
    const pings = new Map<RoomClient, number>();
    for (const c of clients) c.ws.on('message', (d) => {
      if (String(d) === '{"t":"pong"}' && pings.has(c)) {
        rtts.push(performance.now() - pings.get(c)!);
        pings.delete(c);
      }
    });
    const started = performance.now();
    // Each participant on its own second, spread over the second so the load is even.
    const timers = clients.map((c, k) => setTimeout(() => {
      const tick = () => {
        if (performance.now() - started > seconds * 1000) return;
        if (sent % 2 === 0) {
          pings.set(c, performance.now());
          c.send({ t: 'ping' });
        } else c.send({ t: 'decide', yes: sent % 4 === 1 });
        sent++;
        setTimeout(tick, 1000);
      };
      tick();
    }, (1000 * k) / clients.length));
    const full = await cost(seconds);
    timers.forEach(clearTimeout);
    await sleep(1100);
    const dropped = srv.dropped.malformed + srv.dropped.oversized + srv.dropped.rate + srv.dropped.refused;
    return {
      participants, seconds, messagesSent: sent, dropped,
      rttMs: { p50: q(rtts, 0.5), p99: q(rtts, 0.99) },
      viewsPerParticipantPerSecond: viewCount / participants / seconds,
      presenter: { empty, full, mainRatio: full.mainMsPerFrame.median / empty.mainMsPerFrame.median },
    };
  } finally {
    for (const c of clients) c.drop();
    await close();
    await srv.close();
  }
}

export function printRoom(r: RoomBenchResult): string[] {
  const f = (c: FrameCost) => `main ${c.mainMsPerFrame.median.toFixed(2)} ms/frame (p90 ${c.mainMsPerFrame.p90.toFixed(2)}), worker ${c.workerMsPerTick.median.toFixed(1)} ms/tick, ${c.frames} frames`;
  return [
    `room: ${r.participants} participants × 1 message/s for ${r.seconds} s — ${r.messagesSent} messages sent, ${r.dropped} dropped`,
    `  round trip (ping → pong) p50 ${r.rttMs.p50.toFixed(1)} ms, p99 ${r.rttMs.p99.toFixed(1)} ms; ${r.viewsPerParticipantPerSecond.toFixed(2)} views a second to each phone`,
    `  presenter, room empty: ${f(r.presenter.empty)}`,
    `  presenter, room full:  ${f(r.presenter.full)}`,
    `  presenter main thread, full / empty: ${r.presenter.mainRatio.toFixed(2)}×`,
  ];
}
