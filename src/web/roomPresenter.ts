/**
 * The presenter's side of a workshop room (src/room): connects to the room server with the presenter
 * token, shows the QR code, the join URL and who is in, hands the people participants play to the
 * worker (embody, release, their decisions: queued and applied between ticks), and tells the room
 * the scene, each played person's view, and the result with the decisions as applied.
 *
 * The lab stays the owner of the run: this file only forwards.
 */
import type { CastEntry, SceneInfo, ToPresenter, WireView } from '../room/protocol.ts';
import type { HandChange, HandDecision } from './twin.ts';

export interface RoomLab {
  cast(): Promise<CastEntry[]>;
  hands(changes: HandChange[]): Promise<void>;
  decisions(): Promise<HandDecision[]>;
  /** Played people per pane, for the map's highlight rings. */
  highlight(played: [number[], number[]]): void;
  showError(message: string): void;
}

/** How many people the room's cast offers (the most decisive first). */
const CAST_SIZE = 400;
const VIEW_EVERY_MS = 250;

export class RoomLink {
  private ws: WebSocket | null = null;
  private readonly played = new Map<string, string>(); // "pane:id" → participant name
  readonly polls = new Map<number, { counts: number[]; answered: number }>();
  private lastViews = 0;
  private scene: SceneInfo | null = null;
  private closed = false;
  private recordWaiters: Array<(r: unknown) => void> = [];
  /** Hand changes batched for the worker (one message per flush, not one per phone). */
  private pending: HandChange[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private updateQueued = false;
  /** Whether decisions are taken now (a story accepts them only while a scene runs). */
  acceptDecisions: () => boolean = () => true;
  participants = 0;
  connected = 0;
  decisionsSeen = 0;

  constructor(readonly code: string, private readonly key: string, private readonly lab: RoomLab, private readonly onUpdate: () => void) {}

  connect(): void {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
    this.ws = ws;
    ws.addEventListener('open', () => {
      ws.send(JSON.stringify({ t: 'present', room: this.code, token: this.key }));
      if (this.scene) this.send({ t: 'scene', scene: this.scene });
    });
    ws.addEventListener('message', (e) => this.receive(JSON.parse(String(e.data)) as ToPresenter));
    ws.addEventListener('close', () => {
      if (!this.closed) setTimeout(() => this.connect(), 1000); // the server restarts or the Wi-Fi drops
    });
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Names of the people played, by pane and id. */
  nameOf(pane: number, id: number): string | undefined {
    return this.played.get(`${pane}:${id}`);
  }

  get playedCount(): number {
    return this.played.size;
  }

  private send(m: unknown): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
  }

  private receive(m: ToPresenter): void {
    if (m.t === 'room') {
      this.participants = m.participants;
      this.connected = m.connected;
    } else if (m.t === 'embody') {
      this.played.set(`${m.pane}:${m.id}`, m.name);
      this.queue({ kind: 'embody', pane: m.pane, id: m.id });
      this.highlight();
    } else if (m.t === 'release') {
      this.played.delete(`${m.pane}:${m.id}`);
      this.queue({ kind: 'release', pane: m.pane, id: m.id });
      this.highlight();
    } else if (m.t === 'decide') {
      if (!this.played.has(`${m.pane}:${m.id}`) || !this.acceptDecisions()) return;
      this.decisionsSeen++;
      this.queue({ kind: 'decide', pane: m.pane, id: m.id, yes: m.yes });
      return; // nothing on screen changes until the worker applies it
    } else if (m.t === 'poll') {
      this.polls.set(m.scene, { counts: m.counts, answered: m.answered });
    } else if (m.t === 'record') {
      for (const w of this.recordWaiters.splice(0)) w(m.record);
    } else if (m.t === 'refused') {
      this.closed = true;
      this.lab.showError(`The room refused this screen: ${m.why}`);
    }
    // Screen updates are coalesced to one per animation frame, however many phones speak.
    if (!this.updateQueued) {
      this.updateQueued = true;
      requestAnimationFrame(() => {
        this.updateQueued = false;
        this.onUpdate();
      });
    }
  }

  private queue(change: HandChange): void {
    this.pending.push(change);
    this.flushTimer ??= setTimeout(() => void this.flush(), 30);
  }

  private async flush(): Promise<void> {
    this.flushTimer = null;
    const batch = this.pending.splice(0);
    if (batch.length) await this.lab.hands(batch).catch((err) => this.lab.showError(`Room: ${String(err)}`));
  }

  private highlight(): void {
    const panes: [number[], number[]] = [[], []];
    for (const key of this.played.keys()) {
      const [pane, id] = key.split(':').map(Number);
      panes[pane].push(id);
    }
    this.lab.highlight(panes);
  }

  /** A new run started (scene or reset): play the same people again at once, then tell the room who can be played. */
  async afterInit(): Promise<void> {
    // Changes queued for the old run are dropped: the new run starts from who plays whom now.
    this.pending = [];
    const again: HandChange[] = [...this.played.keys()].map((key) => {
      const [pane, id] = key.split(':').map(Number);
      return { kind: 'embody', pane: pane as 0 | 1, id };
    });
    if (again.length) await this.lab.hands(again).catch(() => undefined);
    const cast = (await this.lab.cast()).slice(0, CAST_SIZE);
    this.send({ t: 'cast', members: cast });
  }

  sceneChanged(scene: SceneInfo): void {
    this.scene = scene;
    this.send({ t: 'scene', scene });
  }

  /** After a reveal: the decisions as the engine applied them, and the result, for the record. */
  async revealed(scene: number, result: Record<string, number | string | null>): Promise<HandDecision[]> {
    const decisions = await this.lab.decisions();
    this.send({ t: 'applied', scene, decisions, result });
    return decisions;
  }

  frame(views: Array<{ pane: 0 | 1; view: WireView }>, now: number, force = false): void {
    if (!views.length || (!force && now - this.lastViews < VIEW_EVERY_MS)) return;
    this.lastViews = now;
    this.send({ t: 'views', views });
  }

  record(): Promise<unknown> {
    return new Promise((ok, fail) => {
      if (!this.isOpen) return fail(new Error('the room server is not reachable'));
      this.recordWaiters.push(ok);
      this.send({ t: 'record' });
      setTimeout(() => fail(new Error('the room server did not answer')), 5000);
    });
  }
}
