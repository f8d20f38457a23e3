/**
 * Lab snapshots (download / load in the browser): the twin's configuration and tick plus a fingerprint
 * of both twins. The engine is deterministic, so restoring replays to the tick and checks the
 * fingerprint. Older or foreign files are refused with a message that says what to do.
 */
import { decodeShare, encodeShare } from './share.ts';
import type { TwinConfig } from './twin.ts';

export const LAB_SNAPSHOT_FORMAT = 'starling-lab-snapshot';
export const LAB_SNAPSHOT_VERSION = 1;

export interface LabSnapshot {
  format: typeof LAB_SNAPSHOT_FORMAT;
  version: number;
  config: TwinConfig;
  tick: number;
  hashes: [string, string];
}

export function checkLabSnapshot(input: unknown): LabSnapshot {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new Error('snapshot: not a Starling lab snapshot (expected a JSON object)');
  const s = input as Partial<LabSnapshot>;
  if (s.format !== LAB_SNAPSHOT_FORMAT) throw new Error('snapshot: not a Starling lab snapshot (format field missing or wrong)');
  if (s.version !== LAB_SNAPSHOT_VERSION) throw new Error(`snapshot: version ${typeof s.version === 'number' ? s.version : '?'} is not supported (this lab reads version ${LAB_SNAPSHOT_VERSION}); open the run's share link instead and save a new snapshot`);
  if (typeof s.tick !== 'number' || !Number.isInteger(s.tick) || s.tick < 0 || s.tick > 1e7) throw new Error('snapshot.tick: must be a whole number ≥ 0');
  if (!Array.isArray(s.hashes) || s.hashes.length !== 2 || !s.hashes.every((h) => typeof h === 'string')) throw new Error('snapshot.hashes: two fingerprints expected');
  // The configuration goes through the same checks as a share link (then the scenario validation).
  const config = decodeShare(`#${encodeShare((s.config ?? {}) as TwinConfig)}`);
  if (!config) throw new Error('snapshot.config: missing');
  return { format: LAB_SNAPSHOT_FORMAT, version: LAB_SNAPSHOT_VERSION, config, tick: s.tick, hashes: s.hashes as [string, string] };
}
