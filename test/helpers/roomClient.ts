/**
 * A participant of a workshop room driven from Node with a real `ws` client: what the e2e tests and
 * `starling bench room` use for the participants that are not Chromium pages.
 */
import WebSocket from 'ws';
import type { Part, SceneInfo, ToParticipant, WireView } from '../../src/room/protocol.ts';

export class RoomClient {
  ws!: WebSocket;
  token = '';
  id = '';
  part: Part | null = null;
  scene: SceneInfo | null = null;
  view: WireView | null = null;
  received: ToParticipant[] = [];
  refused: string[] = [];
  closed = false;

  constructor(readonly base: string) {}

  open(): Promise<void> {
    const url = this.base.replace(/^http/, 'ws') + '/ws';
    this.ws = new WebSocket(url);
    this.closed = false;
    this.ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as ToParticipant;
      this.received.push(m);
      if (this.received.length > 200) this.received.splice(0, 100);
      if (m.t === 'welcome') {
        this.token = m.token;
        this.id = m.id;
        this.part = m.part;
        this.scene = m.scene;
      } else if (m.t === 'part') this.part = m.part;
      else if (m.t === 'scene') this.scene = m.scene;
      else if (m.t === 'view') this.view = m.view;
      else if (m.t === 'refused') this.refused.push(m.why);
    });
    this.ws.on('close', () => (this.closed = true));
    this.ws.on('error', () => undefined);
    return new Promise((ok, fail) => {
      this.ws.once('open', () => ok());
      this.ws.once('error', fail);
    });
  }

  send(m: unknown): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  }

  async join(room: string, name?: string): Promise<void> {
    await this.open();
    this.send(name ? { t: 'join', room, name } : { t: 'join', room });
    await this.until(() => this.id !== '' || this.refused.length > 0);
  }

  async rejoin(room: string): Promise<void> {
    const before = this.received.length;
    await this.open();
    this.send({ t: 'rejoin', room, token: this.token });
    await this.until(() => this.received.slice(before).some((m) => m.t === 'welcome' || m.t === 'refused'));
  }

  drop(): void {
    this.ws.terminate(); // like a phone that loses Wi-Fi: no goodbye
  }

  async until(pred: () => boolean, timeoutMs = 20_000): Promise<void> {
    const start = Date.now();
    while (!pred()) {
      if (Date.now() - start > timeoutMs) throw new Error('room client: timed out');
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
