/** `starling restore <snapshot.json> [--until H] [--json]`: continue a saved run bit-identically. */
import { readFileSync, statSync } from 'node:fs';
import { bool, checkKnown, number, parseArgs, UsageError } from './args.ts';
import { restore } from '../../sim/model/snapshot.ts';

export async function restoreCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json']);
  checkKnown(args, ['until', 'json'], 'restore');
  const file = args.positional[0];
  if (!file) throw new UsageError('give the snapshot file: starling restore DIR/snapshots/NAME.json');
  let raw: unknown;
  try {
    if (statSync(file).size > 5_000_000) throw new UsageError(`${file}: larger than the 5 MB limit for a snapshot`);
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${file}: cannot read it as JSON (${(err as Error).message})`);
  }
  let sim;
  try {
    sim = restore(raw);
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
  const restoredAt = sim.time;
  const metrics = sim.run(number(args, 'until', { min: 0 }) ?? Infinity);
  if (bool(args, 'json')) console.log(JSON.stringify({ restoredAt, metrics }, null, 2));
  else console.log(`restored at ${restoredAt.toFixed(1)} h and continued to ${sim.time.toFixed(1)} h (${sim.mode}, seed ${sim.seed}): T50 ${metrics.T50.censored ? 'not reached' : `${metrics.T50.value.toFixed(1)} h`}, T90 ${metrics.T90.censored ? 'not reached' : `${metrics.T90.value.toFixed(1)} h`}, loss ${metrics.loss.toFixed(1)} h`);
  return 0;
}
