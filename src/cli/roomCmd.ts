/**
 * `starling room` (what `npm run workshop -- --room` runs after building the lab): the workshop room
 * server on this machine's LAN. Prints the presenter's URL (open it on the projector's machine), the
 * short URL and code phones join with, and keeps the room's record (predictions, decisions, results)
 * in OUT/room-CODE.json, a new file per room.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkKnown, flag, number, parseArgs } from './args.ts';
import { makeDir, writeAtomic } from './atomic.ts';
import { recordText, startRoomServer } from '../room/server.ts';
import { STORIES } from '../../sim/model/stories.ts';
import { UsageError } from './args.ts';

declare const STARLING_ROOT: string;

export async function roomCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  checkKnown(args, ['port', 'bind', 'host', 'story', 'out', 'grace'], 'room');
  const port = number(args, 'port', { min: 1, max: 65535, integer: true }) ?? Number(process.env.PORT ?? 4173);
  const story = flag(args, 'story') ?? 'drug-shortage';
  if (!STORIES[story]) throw new UsageError(`--story: "${story}" is not a shipped story (choose ${Object.keys(STORIES).join(', ')})`);
  const out = resolve(flag(args, 'out') ?? 'rooms');
  const grace = number(args, 'grace', { min: 1, max: 3600 }) ?? 90;
  const dist = join(STARLING_ROOT, 'dist');
  if (!existsSync(join(dist, 'phone.html'))) throw new UsageError('the lab is not built: run "npm run workshop -- --room" (it builds first) or "npx vite build"');
  let file = '';
  const room = await startRoomServer({
    dist, port, bind: flag(args, 'bind'), host: flag(args, 'host'), story, graceMs: grace * 1000,
    onRecord: (r) => {
      makeDir(out);
      file ||= join(out, `room-${r.code}.json`);
      writeAtomic(file, recordText(r));
    },
  });
  console.log(`starling room ${room.room.code}: the presenter opens ${room.presenterUrl}`);
  console.log(`  phones join at ${room.joinUrl} (or scan the QR code on the screen; same Wi-Fi, no internet needed)`);
  console.log(`  the record is kept in ${join(out, `room-${room.room.code}.json`)}; Ctrl-C ends the room`);
  // Ctrl-C reaches this process twice (from the terminal and forwarded by npm run workshop): keep
  // listening, so the second does not kill the process before the record is written.
  await new Promise<void>((done) => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => done());
  });
  room.room.end();
  makeDir(out);
  writeAtomic(join(out, `room-${room.room.code}.json`), recordText(room.room));
  await room.close();
  return 0;
}
