/**
 * Mutable state of people and shocks during a run, as typed arrays indexed by person id or shock
 * index (struct of arrays). The renderer receives packed copies of it, never these arrays.
 */
import { K } from './params.ts';
import type { ShockSpec } from './scenario.ts';

export const IDLE = 0;
export const INFORMED = 1;
export const COMMITTED = 2;
export const ENGAGED = 3;
export const STATE_NAMES = ['idle', 'informed', 'committed', 'engaged'] as const;

/** Shock status. */
export const PENDING = 0;
export const OPEN = 1;
export const RESOLVED = 2;
/** A false alarm recognised (by a manager or by a team on site). */
export const DISMISSED = 3;

/** Awareness of a shock: unaware or aware. */
export const UNAWARE = 0;
export const AWARE = 1;

export class PersonState {
  readonly state: Uint8Array;
  /** Shock the person is committed to or engaged in, −1 if none. */
  readonly target: Int16Array;
  /** 1 when on a directed (hierarchical) assignment, 0 when self-chosen. */
  readonly directed: Uint8Array;
  readonly engagedAt: Float64Array;
  /** aware[id * shocks + s] ∈ {UNAWARE, AWARE}. */
  readonly aware: Uint8Array;

  constructor(readonly n: number, readonly shocks: number) {
    this.state = new Uint8Array(n);
    this.target = new Int16Array(n).fill(-1);
    this.directed = new Uint8Array(n);
    this.engagedAt = new Float64Array(n);
    this.aware = new Uint8Array(n * shocks);
  }
}

export class ShockState {
  readonly count: number;
  readonly status: Uint8Array;
  readonly gap: Float64Array;
  readonly detectedAt: Float64Array;
  /** Global id of the detector, −1 before detection. */
  readonly detector: Int32Array;
  /** When the post in the shared space becomes visible (Infinity: never posted). */
  readonly visibleAt: Float64Array;
  /** Whether connected people have been shown the post yet. */
  readonly broadcast: Uint8Array;
  readonly escalation: Int32Array;
  /** Coverage C from engaged people, and per-skill effort E_m (S × K). */
  readonly coverage: Float64Array;
  readonly effort: Float64Array;
  /** Projected per-skill coverage from committed + engaged people (what the shared space shows). */
  readonly projected: Float64Array;
  readonly teamSize: Int32Array;
  readonly committedCount: Int32Array;
  /** Time of the hierarchy's latest assignment order for the shock (NaN until one arrives). */
  readonly orderedAt: Float64Array;
  /** First time coverage reached shock.teamCoverage, NaN until then. */
  readonly teamAt: Float64Array;
  readonly closedAt: Float64Array;
  /** Bitmask of the skills each shock needs (mix_m > 0). */
  readonly needMask: Int32Array;

  constructor(readonly specs: ShockSpec[]) {
    const s = specs.length;
    this.count = s;
    this.status = new Uint8Array(s);
    this.gap = Float64Array.from(specs, (x) => x.gap);
    this.detectedAt = new Float64Array(s).fill(NaN);
    this.detector = new Int32Array(s).fill(-1);
    this.visibleAt = new Float64Array(s).fill(Infinity);
    this.broadcast = new Uint8Array(s);
    this.escalation = new Int32Array(s).fill(-1);
    this.coverage = new Float64Array(s);
    this.effort = new Float64Array(s * K);
    this.projected = new Float64Array(s * K);
    this.teamSize = new Int32Array(s);
    this.committedCount = new Int32Array(s);
    this.orderedAt = new Float64Array(s).fill(NaN);
    this.teamAt = new Float64Array(s).fill(NaN);
    this.closedAt = new Float64Array(s).fill(NaN);
    this.needMask = Int32Array.from(specs, (x) => x.mix.reduce((mask, w, m) => (w > 0 ? mask | (1 << m) : mask), 0));
  }

  isActive(s: number): boolean {
    return this.status[s] === OPEN;
  }
}
