/**
 * The workshop room server: runs on the trainer's machine, serves the built lab (dist/) and the phone
 * page on the LAN, and relays the room over WebSockets (`ws`) at /ws. No cloud, no internet. One room
 * per server; its code and the presenter's token are printed at start.
 *
 * Every participant message is size-checked, rate-limited (token bucket per connection) and
 * validated (zod, src/room/protocol.ts) before the room sees it; anything else is dropped and counted,
 * with no effect on anyone else. Wrong room codes are counted per address and, past a limit, refused.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import QRCode from 'qrcode';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_PARTICIPANT_MESSAGE, MAX_PRESENTER_MESSAGE, participantMessage, presenterMessage } from './protocol.ts';
import { Room, type Peer } from './room.ts';
import { JoinGuard, TokenBucket } from './rateLimit.ts';

export interface RoomServerOptions {
  /** The built lab (vite build output). */
  dist: string;
  port: number;
  /** Address to listen on: 0.0.0.0 for the LAN (default), 127.0.0.1 for tests. */
  bind?: string;
  /** Host name phones use in the join URL (default: this machine's first LAN IPv4 address). */
  host?: string;
  story?: string;
  graceMs?: number;
  /** Called with the room's record whenever it changes materially (scene revealed, room ended). */
  onRecord?: (room: Room) => void;
  /** Participant messages per second per connection, and the burst allowed. */
  rate?: { perSecond: number; burst: number };
}

export interface RoomServer {
  room: Room;
  server: Server;
  url: string;
  presenterUrl: string;
  joinUrl: string;
  /** Messages dropped (oversized, malformed, over the rate, not allowed), for tests and the bench. */
  dropped: { oversized: number; malformed: number; rate: number; refused: number };
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.map': 'application/json' };
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' };

export function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

export async function startRoomServer(opts: RoomServerOptions): Promise<RoomServer> {
  const dist = resolve(opts.dist);
  if (!existsSync(join(dist, 'index.html')) || !existsSync(join(dist, 'phone.html'))) throw new Error(`${dist} has no built lab (index.html and phone.html): run "npx vite build" first`);
  const host = opts.host ?? (opts.bind === '127.0.0.1' ? '127.0.0.1' : lanAddress());
  const base = `http://${host}:${opts.port}`;
  const now = () => Date.now(); // the server's clock (rate limits, grace), never the engine's
  const room = new Room(`${base}/j/`, now(), opts.story ?? '', opts.graceMs);
  const joinUrl = room.joinUrl;
  const qr = await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const dropped = { oversized: 0, malformed: 0, rate: 0, refused: 0 };
  const guard = new JoinGuard();
  const rate = opts.rate ?? { perSecond: 5, burst: 20 };

  const server = createServer((req, res) => serveHttp(req, res));
  function serveHttp(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', base);
    const short = /^\/j\/([A-Za-z0-9]{1,12})$/.exec(url.pathname);
    if (short) {
      res.writeHead(302, { Location: `/phone.html?room=${encodeURIComponent(short[1].toUpperCase())}` });
      return void res.end();
    }
    if ((url.pathname === '/room/qr.svg' || url.pathname === '/room/info') && url.searchParams.get('key') !== room.presenterToken) {
      // The code is shown on the projector, not served to whoever asks on the network.
      res.writeHead(403, { 'Content-Type': 'text/plain' });
      return void res.end('the presenter key is needed');
    }
    if (url.pathname === '/room/qr.svg') {
      res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-store', ...ISOLATION });
      return void res.end(qr);
    }
    if (url.pathname === '/room/info') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...ISOLATION });
      return void res.end(JSON.stringify({ joinUrl, participants: room.size }));
    }
    const rel = normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)).replace(/^([/\\])+/, '');
    const file = join(dist, rel);
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return void res.end('not found');
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...ISOLATION });
    res.end(readFileSync(file));
  }

  const wss = new WebSocketServer({ server, path: '/ws', maxPayload: MAX_PRESENTER_MESSAGE });
  wss.on('connection', (ws: WebSocket, req) => {
    const address = req.socket.remoteAddress ?? '?';
    const bucket = new TokenBucket(rate.perSecond, rate.burst, now());
    const peer: Peer = {
      send: (m) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
      },
      close: () => ws.close(),
    };
    let role: 'unknown' | 'participant' | 'presenter' = 'unknown';
    ws.on('message', (data, isBinary) => {
      const size = (data as Buffer).length;
      if (role !== 'presenter' && (isBinary || size > MAX_PARTICIPANT_MESSAGE)) return void dropped.oversized++;
      if (role !== 'presenter' && !bucket.take(now())) return void dropped.rate++;
      let json: unknown;
      try {
        json = JSON.parse(String(data));
      } catch {
        return void dropped.malformed++;
      }
      if (role === 'presenter') {
        const m = presenterMessage.safeParse(json);
        if (!m.success) return void dropped.malformed++;
        room.fromPresenter(peer, m.data);
        if (m.data.t === 'scene' && m.data.scene.answer) opts.onRecord?.(room);
        if (m.data.t === 'applied' || m.data.t === 'end') opts.onRecord?.(room);
        return;
      }
      if (role === 'unknown' && (json as { t?: unknown })?.t === 'present') {
        const m = presenterMessage.safeParse(json);
        if (!m.success || m.data.t !== 'present' || m.data.room !== room.code || !room.presenterHello(peer, m.data.token)) {
          dropped.refused++;
          return void ws.close();
        }
        role = 'presenter';
        return;
      }
      const m = participantMessage.safeParse(json);
      if (!m.success) return void dropped.malformed++;
      const msg = m.data;
      if (role === 'unknown') {
        if (msg.t !== 'join' && msg.t !== 'rejoin') return void dropped.refused++;
        if (guard.blocked(address, now())) {
          dropped.refused++;
          peer.send({ t: 'refused', why: 'too many wrong room codes from this address: wait a minute' });
          return void ws.close();
        }
        if (msg.room !== room.code) {
          guard.failed(address, now());
          dropped.refused++;
          peer.send({ t: 'refused', why: 'no room with this code: check the code on the screen' });
          return void ws.close();
        }
        role = 'participant';
        if (msg.t === 'join') room.join(peer, msg.name);
        else room.rejoin(peer, msg.token);
        if (!room.participant(peer)) role = 'unknown';
        return;
      }
      let ok = true;
      if (msg.t === 'predict') ok = room.predict(peer, msg.scene, msg.option);
      else if (msg.t === 'decide') ok = room.decide(peer, msg.yes, now());
      else if (msg.t === 'leave') room.leave(peer);
      else if (msg.t === 'ping') peer.send({ t: 'pong' });
      else ok = false; // a second join on the same connection
      if (!ok) dropped.refused++;
    });
    ws.on('close', () => room.dropped(peer, now()));
    ws.on('error', () => undefined);
  });
  const timer = setInterval(() => room.tick(now()), 200);
  timer.unref();

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.bind ?? '0.0.0.0', () => ok());
  });
  const url = `http://127.0.0.1:${opts.port}`;
  const story = opts.story ? `&story=${encodeURIComponent(opts.story)}` : '';
  return {
    room, server, url, joinUrl, dropped,
    presenterUrl: `${url}/?present=1${story}&room=${room.code}&key=${room.presenterToken}`,
    close: async () => {
      clearInterval(timer);
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((ok) => wss.close(() => ok()));
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

export function recordText(room: Room): string {
  return `${JSON.stringify(room.record, null, 2)}\n`;
}
