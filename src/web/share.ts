/**
 * Share links: the scenario, seed and panes in the URL fragment (base64url JSON), so a link reproduces
 * exactly the same run. Decoding never trusts the input: size-limited, parsed defensively, and then
 * validated like any scenario file by the worker.
 */
import type { TwinConfig } from './twin.ts';

const MAX_LINK = 200_000;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

export function encodeShare(config: TwinConfig): string {
  return `lab=${toBase64Url(JSON.stringify({ v: 1, scenario: config.raw, seed: config.seed, panes: config.panes }))}`;
}

/** Returns the config in a share fragment, null if there is none, or throws an Error saying what is wrong. */
export function decodeShare(hash: string): TwinConfig | null {
  const h = hash.replace(/^#/, '');
  if (!h.startsWith('lab=')) return null;
  const payload = h.slice(4);
  if (payload.length > MAX_LINK) throw new Error(`the share link is too long (${payload.length} characters; at most ${MAX_LINK})`);
  let data: unknown;
  try {
    data = JSON.parse(fromBase64Url(payload));
  } catch {
    throw new Error('the share link is damaged (it does not decode to a scenario); ask for a fresh link');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('the share link does not hold a lab configuration');
  const d = data as Record<string, unknown>;
  if (d.v !== 1) throw new Error(`the share link is from an unknown version (${describe(d.v)}); ask for a fresh link`);
  if (!d.scenario || typeof d.scenario !== 'object' || Array.isArray(d.scenario)) throw new Error('the share link has no scenario object');
  const seed = d.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed >= 2 ** 31) throw new Error(`the share link's seed (${describe(seed)}) must be a whole number from 0 to 2147483647`);
  const panes = d.panes;
  if (!Array.isArray(panes) || panes.length !== 2 || !panes.every(isModeSpec)) throw new Error('the share link must name two panes, each hierarchical, spontaneous or hybrid with a λ between 0 and 1');
  return { raw: d.scenario as Record<string, unknown>, seed, panes: panes as TwinConfig['panes'] };
}

function isModeSpec(v: unknown): boolean {
  if (!v || typeof v !== 'object') return false;
  const m = v as Record<string, unknown>;
  if (m.mode === 'hierarchical' || m.mode === 'spontaneous') return m.lambda === undefined;
  return m.mode === 'hybrid' && (m.lambda === undefined || (typeof m.lambda === 'number' && m.lambda >= 0 && m.lambda <= 1));
}

/** A short, safe description of any decoded value (String() can throw on hostile objects). */
function describe(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 40));
  return Array.isArray(v) ? 'a list' : 'an object';
}
