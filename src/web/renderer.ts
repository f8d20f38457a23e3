/**
 * Draws one twin pane with PixiJS v8 from a packed frame (it never touches engine state):
 * firm homes labelled by role; people as batched particles coloured by firm, their state shown by size
 * and brightness (idle dim, informed, committed, engaged bright) and boundary spanners as diamonds;
 * teams as links to their shock; each shock as a pulse whose ring shrinks with the remaining gap;
 * hierarchy messages as dots travelling along reporting lines and formal channels; the shared-space
 * broadcast as an expanding flash.
 */
// Pixi compiles shaders with new Function unless this module is loaded; with it the lab runs under a
// Content Security Policy without 'unsafe-eval'.
import 'pixi.js/unsafe-eval';
import { Application, Container, Graphics, Particle, ParticleContainer, RendererType, Text, Texture } from 'pixi.js';
import type { Scenario, ShockSpec } from '../../sim/model/scenario.ts';
import type { PaneFrame } from './frame.ts';
import { FLASH } from '../../sim/model/metrics.ts';
import { FIRM_COLOURS } from './colours.ts';

const STATE_SCALE = [0.55, 0.75, 0.9, 1.05];
const STATE_ALPHA = [0.45, 0.75, 0.95, 1];

interface Travelling {
  fromX: number;
  fromY: number;
  toX: number;
  toY: number;
  born: number;
  kind: number;
}

export class PaneRenderer {
  readonly app = new Application();
  private people!: ParticleContainer;
  private particles: Particle[] = [];
  private overlay = new Graphics();
  private homes = new Container();
  private scale = 1;
  private scenario!: Scenario;
  /** Every shock of the run, routine problems of the stream included (targets index into this). */
  private shocks: ShockSpec[] = [];
  private travelling: Travelling[] = [];
  private flashes: Array<{ x: number; y: number; born: number }> = [];
  private clock = 0;
  private dotTex!: Texture;
  /** The state each particle is drawn in (255 = not drawn yet). */
  private shownState = new Uint8Array(0);
  private diamondTex!: Texture;
  reducedMotion = false;

  async init(host: HTMLElement, width: number, height: number): Promise<void> {
    await this.app.init({ width, height, background: '#0d1321', antialias: true, preference: 'webgl', preserveDrawingBuffer: true, autoDensity: true, resolution: Math.min(2, globalThis.devicePixelRatio || 1) });
    if (this.app.renderer.type !== RendererType.WEBGL && this.app.renderer.type !== RendererType.WEBGPU) throw new Error('WebGL is not available: the lab needs a GPU-backed renderer');
    host.appendChild(this.app.canvas);
    this.app.canvas.setAttribute('role', 'img');
    const dot = new Graphics().circle(8, 8, 7).fill(0xffffff);
    this.dotTex = this.app.renderer.generateTexture(dot);
    const diamond = new Graphics().poly([8, 0, 16, 8, 8, 16, 0, 8]).fill(0xffffff);
    this.diamondTex = this.app.renderer.generateTexture(diamond);
    this.people = new ParticleContainer({ dynamicProperties: { position: true, color: true, vertex: true } });
    const ring = new Graphics().circle(16, 16, 13).stroke({ width: 3, color: 0xffffff });
    this.ringTex = this.app.renderer.generateTexture(ring);
    this.rings = new ParticleContainer({ dynamicProperties: { position: true, vertex: true } });
    this.app.stage.addChild(this.homes, this.overlay, this.people, this.rings);
    this.app.ticker.stop();
  }

  get rendererName(): string {
    return this.app.renderer.type === RendererType.WEBGL ? 'webgl' : this.app.renderer.type === RendererType.WEBGPU ? 'webgpu' : 'canvas';
  }

  /** Re-lay out at a new size (CSS pixels), sharp at the current device pixel ratio. */
  resize(width: number, height: number): void {
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    if (this.app.renderer.resolution !== dpr) this.app.renderer.resolution = dpr;
    this.app.renderer.resize(width, height);
    if (this.lastSetup) this.setup(...this.lastSetup);
  }

  /** The firm whose home is within 4 map units of (x, y), or −1: the map's drag handles. */
  firmAt(x: number, y: number): number {
    let best = -1;
    let bestD = 4;
    for (const f of this.scenario?.firms ?? []) {
      const d = Math.hypot(f.home[0] - x, f.home[1] - y);
      if (d < bestD) [best, bestD] = [f.index, d];
    }
    return best;
  }

  private lastSetup: [Scenario, ShockSpec[], Uint8Array, Uint8Array, string] | null = null;
  /** Projector sizes for firm labels and the pane title (presentation mode); takes effect at setup. */
  bigLabels = false;
  /** People workshop participants play: ringed on the map (one particle per ring: hundreds cost little). */
  private highlights: number[] = [];
  private rings!: ParticleContainer;
  private ringParticles: Particle[] = [];
  private ringTex!: Texture;

  /** Font size of the firm labels (projector sizes in presentation mode). */
  get labelPx(): number {
    return this.bigLabels ? Math.round(Math.max(18, Math.min(30, 2.2 * this.scale))) : Math.round(Math.max(11, Math.min(20, 1.6 * this.scale)));
  }

  setHighlights(ids: number[]): void {
    this.highlights = ids.slice();
    this.rings.removeParticles();
    this.ringParticles = this.highlights.map(() => new Particle({ texture: this.ringTex, anchorX: 0.5, anchorY: 0.5, alpha: 0.95 }));
    if (this.ringParticles.length) this.rings.addParticle(...this.ringParticles);
    this.rings.update();
  }

  /** Static layout: world scale, firm homes and labels, one particle per person. */
  setup(scenario: Scenario, shocks: ShockSpec[], firm: Uint8Array, spanner: Uint8Array, label: string): void {
    this.lastSetup = [scenario, shocks, firm, spanner, label];
    this.scenario = scenario;
    this.shocks = shocks;
    const w = this.app.screen.width;
    const h = this.app.screen.height;
    this.scale = Math.min(w / scenario.ecosystem.width, h / scenario.ecosystem.height);
    this.homes.removeChildren().forEach((c) => c.destroy());
    const ring = new Graphics();
    for (const f of scenario.firms) {
      const [x, y] = this.toScreen(f.home[0], f.home[1]);
      ring.circle(x, y, 3.5 * this.scale).stroke({ width: 1.5, color: FIRM_COLOURS[f.index % FIRM_COLOURS.length], alpha: 0.6 });
      const text = new Text({ text: f.name, style: { fill: 0xdfe6f3, fontSize: this.labelPx, fontWeight: this.bigLabels ? '700' : '400', fontFamily: 'system-ui, sans-serif' } });
      text.anchor.set(0.5, 0);
      text.position.set(x, y + 3.8 * this.scale);
      this.homes.addChild(text);
    }
    const title = new Text({ text: label, style: { fill: 0xffffff, fontSize: this.bigLabels ? Math.round(Math.max(22, Math.min(36, 2.6 * this.scale))) : Math.round(Math.max(14, Math.min(24, 2 * this.scale))), fontWeight: '600', fontFamily: 'system-ui, sans-serif' } });
    title.position.set(8, 6);
    this.homes.addChildAt(ring, 0);
    this.homes.addChild(title);
    this.people.removeParticles();
    this.particles = [];
    for (let id = 0; id < firm.length; id++) {
      // Invisible until the first frame places it (setup also renders the empty map at once).
      const p = new Particle({ texture: spanner[id] ? this.diamondTex : this.dotTex, anchorX: 0.5, anchorY: 0.5, tint: FIRM_COLOURS[firm[id] % FIRM_COLOURS.length], alpha: 0 });
      this.particles.push(p);
    }
    if (this.particles.length) this.people.addParticle(...this.particles);
    this.shownState = new Uint8Array(firm.length).fill(255);
    this.people.update();
    this.overlay.clear();
    this.app.render();
    this.travelling = [];
    this.flashes = [];
  }

  toScreen(x: number, y: number): [number, number] {
    return [x * this.scale, y * this.scale];
  }

  toWorld(px: number, py: number): [number, number] {
    return [px / this.scale, py / this.scale];
  }

  /**
   * Draw a frame; `dtMs` animates messages and pulses. Allocation stays bounded per frame. Size and
   * brightness are set only for people whose state changed, and the container's static attributes
   * (texture coordinates, rotation) are uploaded only at setup, not every frame.
   */
  draw(frame: PaneFrame, dtMs: number): void {
    this.clock += dtMs;
    const { positions, states } = frame;
    const size = Math.max(4, Math.min(12, 1.3 * this.scale)) / 16;
    const shown = this.shownState;
    for (let id = 0; id < this.particles.length; id++) {
      const p = this.particles[id];
      p.x = positions[2 * id] * this.scale;
      p.y = positions[2 * id + 1] * this.scale;
      const st = states[id];
      if (shown[id] !== st) {
        shown[id] = st;
        p.scaleX = p.scaleY = size * STATE_SCALE[st] * (st === 3 ? 1.3 : 1);
        p.alpha = STATE_ALPHA[st];
      }
    }
    this.absorbEvents(frame, positions);
    this.drawOverlay(frame, positions);
  }

  private absorbEvents(frame: PaneFrame, positions: Float32Array): void {
    for (const e of frame.events) {
      if (e.kind === FLASH) {
        const [x, y] = this.shocks[e.from]?.location ?? [0, 0];
        this.flashes.push({ x, y, born: this.clock });
      } else if (this.travelling.length < 400 && e.from >= 0 && e.to >= 0) {
        this.travelling.push({ fromX: positions[2 * e.from], fromY: positions[2 * e.from + 1], toX: positions[2 * e.to], toY: positions[2 * e.to + 1], born: this.clock, kind: e.kind });
      }
    }
  }

  private drawOverlay(frame: PaneFrame, positions: Float32Array): void {
    const g = this.overlay;
    g.clear();
    const s = this.scale;
    const pulse = this.reducedMotion ? 0 : 0.5 + 0.5 * Math.sin(this.clock / 250);
    // Teams: a link from each committed or engaged person to their shock.
    for (let id = 0; id < frame.targets.length; id++) {
      const t = frame.targets[id];
      if (t < 0 || frame.states[id] < 2) continue;
      const [lx, ly] = this.shocks[t].location;
      g.moveTo(positions[2 * id] * s, positions[2 * id + 1] * s).lineTo(lx * s, ly * s);
    }
    g.stroke({ width: 1, color: 0xffffff, alpha: 0.18 });
    // Shocks: the ring shrinks with the remaining gap; false alarms seen through fade out.
    this.shocks.forEach((spec, k) => {
      const status = frame.shockStatus[k];
      if (status === 0) return;
      const [x, y] = [spec.location[0] * s, spec.location[1] * s];
      const share = frame.shockGap[k];
      const colour = spec.falseAlarm ? 0xb0b7c6 : 0xff4d4f;
      if (status === 1) {
        const r = (1.5 + 4.5 * share) * s;
        g.circle(x, y, r * (1 + 0.08 * pulse)).stroke({ width: 2.5, color: colour, alpha: 0.9 });
        g.circle(x, y, r).fill({ color: colour, alpha: 0.12 + 0.5 * (1 - frame.shockCoverage[k]) * 0.2 });
      } else {
        g.circle(x, y, 1.2 * s).stroke({ width: 1.5, color: status === 2 ? 0x52c41a : 0x8c8c8c, alpha: 0.8 });
      }
    });
    // Shared-space broadcast: an expanding flash.
    this.flashes = this.flashes.filter((f) => this.clock - f.born < 900);
    for (const f of this.flashes) {
      const age = (this.clock - f.born) / 900;
      g.circle(f.x * s, f.y * s, (this.reducedMotion ? 10 : 4 + 40 * age) * s).stroke({ width: 3, color: 0x40a9ff, alpha: 0.8 * (1 - age) });
    }
    // People the room plays: a white ring that breathes, so each participant can find theirs.
    const ringScale = (Math.max(6, 1.6 * s) * (1 + 0.15 * pulse)) / 13;
    for (let k = 0; k < this.ringParticles.length; k++) {
      const id = this.highlights[k];
      const p = this.ringParticles[k];
      if (2 * id + 1 >= positions.length) {
        p.alpha = 0;
        continue;
      }
      p.x = positions[2 * id] * s;
      p.y = positions[2 * id + 1] * s;
      p.scaleX = p.scaleY = ringScale;
    }
    // Hierarchy messages travel from sender to receiver (reporting lines, formal channels, orders).
    this.travelling = this.travelling.filter((m) => this.clock - m.born < 1200);
    for (const m of this.travelling) {
      const u = this.reducedMotion ? 1 : Math.min(1, (this.clock - m.born) / 1000);
      const x = (m.fromX + (m.toX - m.fromX) * u) * s;
      const y = (m.fromY + (m.toY - m.fromY) * u) * s;
      g.moveTo(m.fromX * s, m.fromY * s).lineTo(m.toX * s, m.toY * s).stroke({ width: 1, color: m.kind === 1 ? 0xfadb14 : 0xffd591, alpha: 0.35 });
      g.circle(x, y, m.kind === 1 ? 4 : 3).fill({ color: m.kind === 1 ? 0xfadb14 : 0xffd591 });
    }
  }

  render(): void {
    this.app.render();
  }

  destroy(): void {
    this.app.destroy(true, { children: true, texture: true });
  }
}
