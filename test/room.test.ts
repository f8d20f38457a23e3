/**
 * The workshop room server (src/room) with real WebSocket clients on loopback: who plays whom, that
 * a participant speaks only for themselves, rejoining, leaving, rate limits, and 1,000 hostile
 * messages that change nothing. The presenter here is a `ws` client speaking the presenter protocol;
 * test/e2e/room.test.ts drives the same server with the real presenter screen in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startRoomServer, type RoomServer } from '../src/room/server.ts';
import { CODE_ALPHABET } from '../src/room/protocol.ts';
import type { ToPresenter } from '../src/room/protocol.ts';
import { RoomClient } from './helpers/roomClient.ts';

const dist = mkdtempSync(join(tmpdir(), 'starling-room-dist-'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>lab</title>');
writeFileSync(join(dist, 'phone.html'), '<!doctype html><title>phone</title>');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Presenter {
  ws!: WebSocket;
  got: ToPresenter[] = [];
  async open(srv: RoomServer, token = srv.room.presenterToken): Promise<void> {
    this.ws = new WebSocket(`${srv.url.replace('http', 'ws')}/ws`);
    this.ws.on('message', (d) => this.got.push(JSON.parse(String(d))));
    await new Promise((ok) => this.ws.once('open', ok));
    this.send({ t: 'present', room: srv.room.code, token });
    await sleep(50);
  }
  send(m: unknown): void {
    this.ws.send(JSON.stringify(m));
  }
  of<T extends ToPresenter['t']>(t: T): Array<Extract<ToPresenter, { t: T }>> {
    return this.got.filter((m) => m.t === t) as Array<Extract<ToPresenter, { t: T }>>;
  }
}

const CAST = Array.from({ length: 10 }, (_, k) => ({ pane: (k % 2) as 0 | 1, id: 100 + k, label: `Person ${k}`, part: k % 2 ? 'connected person' : 'top manager', firm: 'Retailer', paneTitle: k % 2 ? 'Spontaneous association' : 'Hierarchy' }));
const SCENE = { story: 'Test', index: 1, count: 4, title: 'The shortage', state: 'predict' as const, poll: { scene: 1, question: 'Which?', options: ['a', 'b', 'c'] }, answer: null };

let srv: RoomServer;
let presenter: Presenter;
beforeAll(async () => {
  srv = await startRoomServer({ dist, port: 4421, bind: '127.0.0.1', story: 'drug-shortage', graceMs: 600 });
  presenter = new Presenter();
  await presenter.open(srv);
  presenter.send({ t: 'cast', members: CAST });
  presenter.send({ t: 'scene', scene: SCENE });
  await sleep(50);
});
afterAll(async () => {
  await srv.close();
});

describe('the room server', () => {
  it('a room code is random, six letters of an alphabet without look-alikes', async () => {
    const other = await startRoomServer({ dist, port: 4422, bind: '127.0.0.1' });
    expect(srv.room.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
    expect(other.room.code).not.toBe(srv.room.code);
    expect(other.room.presenterToken).not.toBe(srv.room.presenterToken);
    await other.close();
    const res = await fetch(`${srv.url}/j/${srv.room.code}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/phone.html?room=${srv.room.code}`);
    expect((await fetch(`${srv.url}/room/qr.svg?key=${srv.room.presenterToken}`)).headers.get('content-type')).toBe('image/svg+xml');
    // The code is not served to whoever asks on the network: only the presenter's screen gets it.
    expect((await fetch(`${srv.url}/room/qr.svg`)).status).toBe(403);
    expect((await fetch(`${srv.url}/room/info?key=wrong`)).status).toBe(403);
    expect((await fetch(`${srv.url}/../package.json`)).status).toBe(404);
  });

  it('participants get the cast in order; the presenter is told whom to hand over', async () => {
    const a = new RoomClient(srv.url);
    const b = new RoomClient(srv.url);
    await a.join(srv.room.code, 'Ada');
    await b.join(srv.room.code);
    expect(a.part?.id).toBe(100);
    expect(b.part?.id).toBe(101);
    expect(a.scene?.title).toBe('The shortage');
    await sleep(50);
    expect(presenter.of('embody').map((m) => [m.pane, m.id, m.name])).toEqual([[0, 100, 'Ada'], [1, 101, expect.any(String)]]);
    a.drop();
    b.send({ t: 'leave' });
    await sleep(100);
    // b left at once: their person goes back to the model; a dropped: kept for the grace period.
    expect(presenter.of('release').map((m) => m.id)).toEqual([101]);
    await sleep(900);
    expect(presenter.of('release').map((m) => m.id)).toEqual([101, 100]);
  });

  it('a phone that drops and rejoins within the grace keeps its participant and its person', async () => {
    const c = new RoomClient(srv.url);
    await c.join(srv.room.code, 'Cy');
    const part = c.part;
    c.drop();
    await sleep(200);
    await c.rejoin(srv.room.code);
    expect(c.part).toEqual(part);
    expect(srv.room.holderOf(part!.pane, part!.id)).toBe(c.id);
    c.send({ t: 'leave' });
    await sleep(50);
  });

  it('a decision goes to the sender\'s own person only; predictions count once per participant', async () => {
    presenter.got = [];
    const d = new RoomClient(srv.url);
    const e = new RoomClient(srv.url);
    await d.join(srv.room.code, 'Di');
    await e.join(srv.room.code, 'Ed');
    d.send({ t: 'decide', yes: true });
    // Naming someone else's person is not in the protocol: the message is malformed and dropped.
    e.send({ t: 'decide', yes: false, id: d.part!.id, pane: d.part!.pane });
    d.send({ t: 'predict', scene: 1, option: 2 });
    d.send({ t: 'predict', scene: 1, option: 1 });
    e.send({ t: 'predict', scene: 1, option: 1 });
    await sleep(400);
    expect(presenter.of('decide')).toEqual([{ t: 'decide', pane: d.part!.pane, id: d.part!.id, yes: true, name: 'Di' }]);
    expect(presenter.of('poll').at(-1)).toMatchObject({ scene: 1, counts: [0, 2, 0], answered: 2 });
    d.send({ t: 'leave' });
    e.send({ t: 'leave' });
    await sleep(50);
  });

  it('a participant cannot advance, reset or end the story, nor pose as the presenter', async () => {
    const f = new RoomClient(srv.url);
    await f.join(srv.room.code, 'Fi');
    const before = JSON.stringify(srv.room.currentScene);
    f.send({ t: 'scene', scene: { ...SCENE, index: 3, state: 'running' } });
    f.send({ t: 'end' });
    f.send({ t: 'cast', members: [] });
    f.send({ t: 'present', room: srv.room.code, token: 'x'.repeat(24) });
    await sleep(100);
    expect(JSON.stringify(srv.room.currentScene)).toBe(before);
    expect(srv.room.ended).toBe(false);
    const g = new RoomClient(srv.url);
    await g.open();
    g.send({ t: 'present', room: srv.room.code, token: 'y'.repeat(24) });
    await sleep(100);
    expect(g.closed).toBe(true); // a wrong presenter token is shown the door
    f.send({ t: 'leave' });
    await sleep(50);
  });

  it('1,000 malformed or hostile messages leave the room running and change nothing', async () => {
    const h1 = new RoomClient(srv.url);
    const h2 = new RoomClient(srv.url);
    await h1.join(srv.room.code, 'Gil');
    await h2.join(srv.room.code, 'Hal');
    h2.send({ t: 'predict', scene: 1, option: 0 });
    await sleep(300);
    presenter.got = [];
    const parts = [h1.part, h2.part];
    const poll = srv.room.currentScene;
    const hostile: unknown[] = [
      'not json', '{', '[]', 'null', '42', '"x"', '{"t":"predict"}', '{"t":"predict","scene":1,"option":99}', '{"t":"predict","scene":-1,"option":0}',
      '{"t":"predict","scene":1,"option":1.5}', '{"t":"decide","yes":"yes"}', '{"t":"decide"}', '{"t":"join","room":"AAAAAA"}', '{"t":"rejoin","room":"AAAAAA","token":"abc"}',
      '{"__proto__":{"polluted":true},"t":"ping"}', '{"t":"constructor"}', '{"t":"views","views":[]}', '{"t":"applied","scene":1,"decisions":[],"result":{}}',
      JSON.stringify({ t: 'predict', scene: 1, option: 0, extra: 'x'.repeat(2000) }), 'x'.repeat(5000), JSON.stringify({ t: 'join', room: srv.room.code, name: '<script>alert(1)</script>' }),
      JSON.stringify({ t: 'decide', yes: true, pane: 0, id: parts[1]!.id }), JSON.stringify({ t: 'record' }), JSON.stringify({ t: 'end' }),
    ];
    // Interleave with time so the rate limit lets many through to validation (and drops the rest).
    for (let k = 0; k < 1000; k++) {
      if (h1.closed) await h1.rejoin(srv.room.code); // an oversized frame may close the socket: come back and go on
      h1.send(hostile[k % hostile.length]);
      if (k % 20 === 19) await sleep(60);
    }
    await sleep(300);
    const total = srv.dropped.malformed + srv.dropped.oversized + srv.dropped.rate + srv.dropped.refused;
    expect(total).toBeGreaterThanOrEqual(900);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(srv.room.ended).toBe(false);
    expect(JSON.stringify(srv.room.currentScene)).toBe(JSON.stringify(poll));
    expect(presenter.of('decide')).toEqual([]);
    expect(srv.room.holderOf(parts[1]!.pane, parts[1]!.id)).toBe(h2.id);
    // The others are unaffected: h2 still plays its person, its prediction stands, the server answers.
    h2.send({ t: 'ping' });
    await h2.until(() => h2.received.some((m) => m.t === 'pong'));
    h2.send({ t: 'decide', yes: true });
    await sleep(200);
    expect(presenter.of('decide').map((m) => m.id)).toEqual([parts[1]!.id]);
    expect(srv.room.record.scenes.find((s) => s.index === 1)).toBeDefined();
    h1.send({ t: 'leave' });
    h2.send({ t: 'leave' });
    await sleep(50);
  });

  it('wrong room codes are refused, and an address guessing codes is stopped', async () => {
    let refused = 0;
    for (let k = 0; k < 12; k++) {
      const c = new RoomClient(srv.url);
      await c.open();
      c.send({ t: 'join', room: k < 11 ? 'ZZZZZZ' : srv.room.code });
      await c.until(() => c.closed || c.id !== '');
      if (c.refused.length) refused++;
      if (k === 11) expect(c.refused.at(-1)).toMatch(/too many wrong room codes/);
    }
    expect(refused).toBe(12);
  });
});
