/**
 * A workshop room end to end on loopback with the real room server: the presenter's screen in
 * Chromium, four phones as real Chromium pages (another browser) and 28 participants as `ws` clients
 * (32 in all) join, predict, decide and see the reveal. Checked: the room's answers reach the
 * presenter's histogram; the retailer's top manager forwarding the report changes the hierarchy's
 * run (against the engine without that decision, and reproduced from the room's record in Node);
 * phones that drop or reload keep their person; a participant cannot advance the story; 1,000 hostile
 * messages during the run leave it running; the debrief exports the record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { buildLab, launch, stats, waitFor, watchErrors } from './browser.ts';
import { startRoomServer, type RoomServer } from '../../src/room/server.ts';
import { RoomClient } from '../helpers/roomClient.ts';
import { SCENARIOS } from '../../sim/model/catalog.ts';
import { resolveScenario } from '../../sim/model/scenario.ts';
import { sceneSetup } from '../../sim/model/story.ts';
import { loadStory } from '../../src/web/workshop.ts';
import { Simulation } from '../../sim/model/simulation.ts';
import { Twin, type HandDecision } from '../../src/web/twin.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let srv: RoomServer;
let closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  buildLab();
  srv = await startRoomServer({ dist: 'dist', port: 4431, bind: '127.0.0.1', story: 'drug-shortage', graceMs: 60_000 });
});
afterAll(async () => {
  for (const c of closers) await c();
  await srv.close();
});

const phoneState = (p: Page) => p.evaluate(() => (globalThis as unknown as { __phone: { part: { label: string; pane: number; id: number } | null; scene: { index: number; state: string; answer: unknown } | null; name: string } }).__phone);

describe('a room of 32 on loopback', () => {
  it('joins, predicts, decides, sees the reveal, and keeps going through drops and hostile messages', async () => {
    const presenterBrowser = await launch({ width: 1280, height: 720 });
    const phoneBrowser = await launch({ width: 390, height: 844 });
    closers = [presenterBrowser.close, phoneBrowser.close];
    const screen = await presenterBrowser.context.newPage();
    const errors = watchErrors(screen);
    await screen.goto(srv.presenterUrl);
    await waitFor(screen, (s) => s.ready && s.story !== null && s.room !== null && s.room.open);
    expect(new URL(screen.url()).searchParams.has('key')).toBe(false); // the token leaves the address bar

    // The decisive person goes to the first to join: a ws client playing the retailer's top manager.
    const boss = new RoomClient(srv.url);
    await boss.join(srv.room.code, 'Boss');
    expect(boss.part?.label).toBe('Top manager of the Retailer');
    const clients = [boss];
    for (let k = 1; k < 28; k++) {
      const c = new RoomClient(srv.url);
      await c.join(srv.room.code, `Guest ${k}`);
      clients.push(c);
    }
    const phones: Page[] = [];
    for (let k = 0; k < 4; k++) {
      const p = await phoneBrowser.context.newPage();
      await p.goto(`${srv.url}/j/${srv.room.code}`); // the short URL of the QR code
      await p.fill('#p-name', `Phone ${k}`);
      await p.click('#p-join-btn');
      await p.waitForFunction(() => (globalThis as unknown as { __phone: { name: string } }).__phone.name !== '');
      phones.push(p);
    }
    await waitFor(screen, (s) => s.room!.participants === 32 && s.room!.played === 32);
    const phoneParts = await Promise.all(phones.map(async (p) => (await phoneState(p)).part!));
    expect(srv.room.size).toBe(32);

    // A phone that sleeps (the page reloads) rejoins as the same participant with the same person.
    const before = await phoneState(phones[0]);
    await phones[0].reload();
    await phones[0].waitForFunction(() => (globalThis as unknown as { __phone: { name: string } }).__phone.name !== '');
    const after = await phoneState(phones[0]);
    expect(after.part).toEqual(before.part);
    expect(after.name).toBe(before.name);
    // A ws client that loses its connection likewise.
    const guest = clients[5];
    const part = guest.part;
    guest.drop();
    await sleep(200);
    await guest.rejoin(srv.room.code);
    expect(guest.part).toEqual(part);

    // The first scene waits behind the join screen; → only puts the join screen away.
    await screen.bringToFront();
    expect(await screen.isVisible('#join-overlay')).toBe(true);
    expect((await stats(screen)).time).toBe(0);
    await screen.keyboard.press('ArrowRight');
    expect(await screen.isVisible('#join-overlay')).toBe(false);
    await waitFor(screen, (s) => s.story!.scene === 0 && s.story!.state === 'paused');
    // Scene 2: predict first. Everyone answers; the presenter's histogram counts them.
    await screen.keyboard.press('ArrowRight');
    await waitFor(screen, (s) => s.story!.scene === 1 && s.story!.state === 'predict');
    await Promise.all(clients.map((c) => c.until(() => c.scene?.index === 1 && c.scene.state === 'predict')));
    clients.forEach((c, k) => c.send({ t: 'predict', scene: 1, option: k % 5 }));
    for (const p of phones) await p.click('.p-option >> nth=3');
    await screen.waitForFunction(() => document.querySelector('.poll-total')?.textContent === '32 answered', undefined, { timeout: 20_000 });

    // A participant cannot advance the story (those are presenter messages).
    clients[7].send({ t: 'scene', scene: { story: 'x', index: 3, count: 4, title: 'x', state: 'running', poll: null, answer: null } });
    clients[7].send({ t: 'end' });
    await sleep(300);
    expect((await stats(screen)).story!.scene).toBe(1);
    expect((await stats(screen)).story!.state).toBe('predict');

    // Run and reveal. The boss forwards at once; the others decide as their moments come (phones
    // by tapping, ws clients alternating), while a hostile client floods the server.
    await screen.keyboard.press('ArrowRight');
    const hostile = new RoomClient(srv.url);
    await hostile.join(srv.room.code, 'Mallory');
    let sent = 0;
    const junk = ['{', 'null', '{"t":"decide","yes":true,"id":120,"pane":0}', '{"t":"predict","scene":9,"option":0}', 'x'.repeat(3000), '{"t":"end"}', '{"t":"scene"}', '[1,2,3]'];
    let tapped = 0;
    for (;;) {
      const s = await stats(screen);
      if (s.story!.state === 'paused' && s.story!.result) break;
      for (const [k, c] of clients.entries()) if (c.view?.moment && c.view.choice === 'undecided') c.send({ t: 'decide', yes: c === boss || k % 2 === 0 });
      for (const p of phones) {
        const button = await p.$('.p-decision .p-yes[aria-pressed=false]');
        if (button) {
          await button.click().catch(() => undefined);
          tapped++;
        }
      }
      for (let j = 0; j < 25 && sent < 1000; j++, sent++) {
        if (hostile.closed) await hostile.rejoin(srv.room.code);
        hostile.send(junk[sent % junk.length]);
      }
      await sleep(100);
    }
    while (sent < 1000) {
      if (hostile.closed) await hostile.rejoin(srv.room.code);
      hostile.send(junk[sent++ % junk.length]);
    }
    const revealed = (await stats(screen)).story!;
    expect(revealed.answer).not.toBeNull();
    expect(boss.view?.choice).toBe('yes');
    await Promise.all(clients.map((c) => c.until(() => c.scene?.index === 1 && c.scene.answer !== null)));
    for (const p of phones) await p.waitForSelector('.p-reveal');
    expect(await screen.textContent('#story-box')).toContain('What happened');

    // The boss's decision changed the hierarchy's run: without it the engine (Node, same scene and
    // seed) closes half the gap later; and the room's record, replayed in Node, gives the screen's run.
    const story = loadStory('drug-shortage');
    const setup = sceneSetup(story, SCENARIOS['drug-shortage'] as Record<string, unknown>, 1);
    const alone = new Simulation(resolveScenario(setup.raw), { mode: 'hierarchical', seed: story.seed }).run();
    const onScreen = revealed.result!.T50[0]!;
    expect(onScreen).toBeLessThan(alone.T50.value - 0.5);
    await sleep(300);
    const rec = srv.room.record.scenes.find((r) => r.index === 1)!;
    expect(rec.decisions.some((d) => d.kind === 'decide' && d.participant === boss.id)).toBe(true);
    const log: HandDecision[] = rec.decisions.map(({ participant: _p, ...d }) => d);
    const replay = Twin.replayLog({ raw: setup.raw, seed: story.seed, panes: [{ mode: 'hierarchical' }, { mode: 'spontaneous' }] }, log, revealed.result!.time);
    expect(replay.sims[0].metrics().T50.value).toBeCloseTo(onScreen, 9);
    expect(replay.sims[1].metrics().T50.value).toBeCloseTo(revealed.result!.T50[1]!, 9);
    expect(Object.keys(rec.predictions)).toHaveLength(32);
    expect(tapped).toBeGreaterThan(0); // the phones playing shared-space people were asked, and answered by tapping
    const taps = rec.decisions.filter((d) => d.kind === 'decide' && phoneParts.some((p) => p.pane === d.pane && p.id === d.id));
    expect(taps.length).toBeGreaterThan(0);

    // Nothing the hostile client sent did anything: still running, nobody else's person touched.
    expect(srv.dropped.malformed + srv.dropped.oversized + srv.dropped.rate + srv.dropped.refused).toBeGreaterThanOrEqual(900);
    expect(srv.room.ended).toBe(false);
    expect(srv.room.holderOf(0, boss.part!.id)).toBe(boss.id);
    expect((await stats(screen)).error).toBeNull();

    // The debrief: plain words, and the room's record as a download.
    const download = screen.waitForEvent('download');
    await screen.click('#debrief');
    const file = await (await download).path();
    const saved = JSON.parse(readFileSync(file!, 'utf8'));
    expect(saved.format).toBe('starling-room');
    expect(saved.scenes.find((s: { index: number }) => s.index === 1).result.T50_left).toBeCloseTo(onScreen, 9);
    expect(await screen.textContent('#debrief-dialog')).toMatch(/The room's most common prediction was/);
    expect(errors).toEqual([]);
    for (const c of [...clients, hostile]) c.drop();
  });
});
