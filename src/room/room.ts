/**
 * One workshop room: who is in it, which person each participant plays, the predictions, and the
 * record of everything that happened. No sockets here: the server hands each validated message to
 * the room with the sending peer, and the room answers through peers' send(). The clock (ms) is
 * passed in, so tests drive time.
 *
 * Rules the room enforces:
 * - A participant speaks only for themselves: predictions are theirs, a decision goes to the person
 *   they play (the message names no person), and nothing a participant sends can advance, reset or
 *   end the story (those are presenter messages, accepted only from the presenter peer).
 * - A phone that drops keeps its participant and person for `graceMs`; rejoining with its token
 *   within that time resumes both. Leaving (or the grace running out) hands the person back to the
 *   model.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { CODE_ALPHABET, CODE_LENGTH, type CastEntry, type Part, type PresenterMessage, type SceneInfo, type ToParticipant, type ToPresenter, type WireView } from './protocol.ts';

export interface Peer {
  send(message: ToParticipant | ToPresenter): void;
  close(): void;
}

interface Participant {
  id: string;
  token: string;
  name: string;
  part: Part | null;
  peer: Peer | null;
  /** When the phone dropped (ms), null while connected. */
  away: number | null;
  predictions: Map<number, number>;
}

export interface SceneRecord {
  index: number;
  title: string;
  question: string | null;
  options: string[];
  /** participant id → option index */
  predictions: Record<string, number>;
  answer: { option: number; words: string } | null;
  /** The run's log as the engine applied it (who was played from which tick, every decision): replaying it reproduces the run. */
  decisions: Array<{ tick: number; pane: 0 | 1; id: number; kind: 'embody' | 'release' | 'decide'; yes?: boolean; participant: string | null }>;
  result: Record<string, number | string | null>;
}

export interface RoomRecord {
  format: 'starling-room';
  version: 1;
  code: string;
  story: string;
  openedAt: string;
  participants: Array<{ id: string; name: string; part: string | null }>;
  /** Every decision as it arrived (ms since the room opened). */
  decisions: Array<{ at: number; participant: string; pane: 0 | 1; id: number; yes: boolean }>;
  scenes: SceneRecord[];
}

export const randomCode = () => Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
const secret = () => randomBytes(18).toString('base64url');
const keyOf = (pane: number, id: number) => `${pane}:${id}`;

const NAMES = ['Robin', 'Wren', 'Swift', 'Finch', 'Lark', 'Kite', 'Heron', 'Tern', 'Plover', 'Dunlin', 'Merlin', 'Raven'];

export class Room {
  readonly code = randomCode();
  readonly presenterToken = secret();
  private presenter: Peer | null = null;
  private readonly people = new Map<string, Participant>();
  private readonly byToken = new Map<string, Participant>();
  private readonly byPeer = new Map<Peer, Participant>();
  /** Person (pane:id) → participant id. */
  private readonly holders = new Map<string, string>();
  private cast: CastEntry[] = [];
  private scene: SceneInfo | null = null;
  private pollDirty = false;
  ended = false;
  readonly record: RoomRecord;
  private readonly opened: number;

  /** The short URL phones open (the QR code's text). */
  readonly joinUrl: string;

  constructor(joinBase: string, now: number, story = '', readonly graceMs = 90_000) {
    this.joinUrl = `${joinBase}${this.code}`;
    this.opened = now;
    this.record = { format: 'starling-room', version: 1, code: this.code, story, openedAt: new Date(now).toISOString(), participants: [], decisions: [], scenes: [] };
  }

  get size(): number {
    return this.people.size;
  }
  get connected(): number {
    let n = 0;
    for (const p of this.people.values()) if (p.peer) n++;
    return n;
  }
  /** Who plays person `id` of pane `pane` (test and record helper). */
  holderOf(pane: number, id: number): string | null {
    return this.holders.get(keyOf(pane, id)) ?? null;
  }
  participant(peer: Peer): { id: string; part: Part | null } | null {
    const p = this.byPeer.get(peer);
    return p ? { id: p.id, part: p.part } : null;
  }
  get currentScene(): SceneInfo | null {
    return this.scene;
  }

  // --- participants -------------------------------------------------------------------------------
  join(peer: Peer, name: string | undefined): void {
    if (this.ended) return peer.send({ t: 'refused', why: 'this room has ended' });
    if (this.byPeer.has(peer)) return; // one participant per connection
    const n = this.people.size;
    const p: Participant = { id: secret().slice(0, 10), token: secret(), name: name ?? `${NAMES[n % NAMES.length]} ${Math.floor(n / NAMES.length) + 1}`, part: null, peer, away: null, predictions: new Map() };
    this.people.set(p.id, p);
    this.byToken.set(p.token, p);
    this.byPeer.set(peer, p);
    this.assign(p);
    this.record.participants.push({ id: p.id, name: p.name, part: p.part?.label ?? null });
    peer.send({ t: 'welcome', id: p.id, token: p.token, name: p.name, part: p.part, scene: this.scene, prediction: this.predictionOf(p) });
    this.tellPresenterRoom();
  }

  rejoin(peer: Peer, token: string): void {
    const p = this.byToken.get(token);
    if (!p || this.ended) return peer.send({ t: 'refused', why: this.ended ? 'this room has ended' : 'unknown participant: join again' });
    if (p.peer && p.peer !== peer) {
      this.byPeer.delete(p.peer);
      p.peer.close(); // the old socket of the same phone
    }
    p.peer = peer;
    p.away = null;
    this.byPeer.set(peer, p);
    if (!p.part) this.assign(p);
    peer.send({ t: 'welcome', id: p.id, token: p.token, name: p.name, part: p.part, scene: this.scene, prediction: this.predictionOf(p) });
    this.tellPresenterRoom();
  }

  /** The socket closed: keep the participant and their person for graceMs. */
  dropped(peer: Peer, now: number): void {
    if (peer === this.presenter) {
      this.presenter = null;
      return;
    }
    const p = this.byPeer.get(peer);
    if (!p) return;
    this.byPeer.delete(peer);
    if (p.peer === peer) {
      p.peer = null;
      p.away = now;
    }
    this.tellPresenterRoom();
  }

  leave(peer: Peer): void {
    const p = this.byPeer.get(peer);
    if (!p) return;
    this.remove(p);
    peer.close();
  }

  predict(peer: Peer, scene: number, option: number): boolean {
    const p = this.byPeer.get(peer);
    const s = this.scene;
    if (!p || !s || !s.poll || s.state !== 'predict' || s.index !== scene || option >= s.poll.options.length) return false;
    p.predictions.set(scene, option);
    this.pollDirty = true;
    return true;
  }

  decide(peer: Peer, yes: boolean, now: number): boolean {
    const p = this.byPeer.get(peer);
    if (!p || !p.part || !this.presenter) return false;
    this.record.decisions.push({ at: now - this.opened, participant: p.id, pane: p.part.pane, id: p.part.id, yes });
    this.presenter.send({ t: 'decide', pane: p.part.pane, id: p.part.id, yes, name: p.name });
    return true;
  }

  /** Timer: release the persons of phones away longer than the grace; flush the poll counts. */
  tick(now: number): void {
    for (const p of this.people.values()) {
      if (p.away !== null && now - p.away > this.graceMs && p.part) this.unassign(p);
    }
    if (this.pollDirty) this.flushPoll();
  }

  // --- presenter ----------------------------------------------------------------------------------
  presenterHello(peer: Peer, token: string): boolean {
    if (token !== this.presenterToken) {
      peer.send({ t: 'refused', why: 'wrong presenter token' });
      return false;
    }
    if (this.presenter && this.presenter !== peer) this.presenter.close();
    this.presenter = peer;
    this.tellPresenterRoom();
    for (const [key, pid] of this.holders) {
      const [pane, id] = key.split(':').map(Number);
      peer.send({ t: 'embody', pane: pane as 0 | 1, id, name: this.people.get(pid)!.name });
    }
    return true;
  }

  isPresenter(peer: Peer): boolean {
    return peer === this.presenter;
  }

  fromPresenter(peer: Peer, m: PresenterMessage): void {
    if (peer !== this.presenter) return;
    if (m.t === 'cast') this.setCast(m.members);
    else if (m.t === 'scene') this.setScene(m.scene);
    else if (m.t === 'views') this.routeViews(m.views);
    else if (m.t === 'applied') this.applied(m.scene, m.decisions, m.result);
    else if (m.t === 'record') peer.send({ t: 'record', record: this.record });
    else if (m.t === 'end') this.end();
  }

  end(): void {
    this.ended = true;
    for (const p of this.people.values()) p.peer?.send({ t: 'ended' });
  }

  // --- inside -------------------------------------------------------------------------------------
  private predictionOf(p: Participant): number | null {
    return this.scene ? p.predictions.get(this.scene.index) ?? null : null;
  }

  private setCast(members: CastEntry[]): void {
    this.cast = members;
    const valid = new Set(members.map((m) => keyOf(m.pane, m.id)));
    for (const p of this.people.values()) {
      if (p.part && !valid.has(keyOf(p.part.pane, p.part.id))) this.unassign(p);
    }
    // Everyone who still plays someone is embodied again in the new run; the rest get a person.
    for (const [key, pid] of this.holders) {
      const [pane, id] = key.split(':').map(Number);
      this.presenter?.send({ t: 'embody', pane: pane as 0 | 1, id, name: this.people.get(pid)!.name });
    }
    for (const p of this.people.values()) if (!p.part && p.peer) this.assign(p);
  }

  private assign(p: Participant): void {
    const free = this.cast.find((m) => !this.holders.has(keyOf(m.pane, m.id)));
    if (!free) return;
    p.part = { pane: free.pane, id: free.id, label: free.label, part: free.part, firm: free.firm, paneTitle: free.paneTitle };
    this.holders.set(keyOf(free.pane, free.id), p.id);
    this.presenter?.send({ t: 'embody', pane: free.pane, id: free.id, name: p.name });
    p.peer?.send({ t: 'part', part: p.part });
  }

  private unassign(p: Participant): void {
    if (!p.part) return;
    this.holders.delete(keyOf(p.part.pane, p.part.id));
    this.presenter?.send({ t: 'release', pane: p.part.pane, id: p.part.id });
    p.part = null;
    p.peer?.send({ t: 'part', part: null });
  }

  private remove(p: Participant): void {
    this.unassign(p);
    this.people.delete(p.id);
    this.byToken.delete(p.token);
    if (p.peer) this.byPeer.delete(p.peer);
    this.pollDirty = true;
    this.tellPresenterRoom();
  }

  private setScene(scene: SceneInfo): void {
    const previous = this.scene;
    this.scene = scene;
    let rec = this.record.scenes.find((r) => r.index === scene.index);
    if (!rec) {
      rec = { index: scene.index, title: scene.title, question: scene.poll?.question ?? null, options: scene.poll?.options ?? [], predictions: {}, answer: null, decisions: [], result: {} };
      this.record.scenes.push(rec);
    }
    if (scene.answer) {
      rec.answer = scene.answer;
      rec.predictions = {}; // as counted at this reveal (a scene played again is recorded again)
      for (const p of this.people.values()) {
        const o = p.predictions.get(scene.index);
        if (o !== undefined) rec.predictions[p.id] = o;
      }
    }
    for (const p of this.people.values()) p.peer?.send({ t: 'scene', scene, prediction: this.predictionOf(p) });
    if (!previous || previous.index !== scene.index || previous.state !== scene.state) this.pollDirty = true;
  }

  private routeViews(views: Array<{ pane: 0 | 1; view: WireView }>): void {
    for (const { pane, view } of views) {
      const pid = this.holders.get(keyOf(pane, view.id));
      const p = pid ? this.people.get(pid) : undefined;
      p?.peer?.send({ t: 'view', view });
    }
  }

  private applied(scene: number, decisions: Array<{ tick: number; pane: 0 | 1; id: number; kind: 'embody' | 'release' | 'decide'; yes?: boolean }>, result: Record<string, number | string | null>): void {
    const rec = this.record.scenes.find((r) => r.index === scene);
    if (!rec) return;
    rec.decisions = decisions.map((d) => ({ ...d, participant: this.holders.get(keyOf(d.pane, d.id)) ?? null }));
    rec.result = result;
  }

  private flushPoll(): void {
    this.pollDirty = false;
    const s = this.scene;
    if (!s || !s.poll || !this.presenter) return;
    const counts = s.poll.options.map(() => 0);
    let answered = 0;
    for (const p of this.people.values()) {
      const o = p.predictions.get(s.index);
      if (o !== undefined) {
        counts[o]++;
        answered++;
      }
    }
    this.presenter.send({ t: 'poll', scene: s.index, counts, answered });
  }

  private tellPresenterRoom(): void {
    this.presenter?.send({ t: 'room', code: this.code, joinUrl: this.joinUrl, participants: this.people.size, connected: this.connected });
  }
}
