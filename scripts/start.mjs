#!/usr/bin/env node
// `npm start`: install what is needed, build the browser lab, and serve it on localhost with the
// default scenario already running. `npm run workshop` (--workshop) serves the same offline build and
// points to presentation mode with a guided story; `npm run workshop -- --room` serves it from the
// room server so phones can join (src/room). PORT overrides the port (default 4173).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies, root } from './ensure.mjs';

ensureDependencies();
const vite = join(root, 'node_modules', '.bin', 'vite');
console.log('starling: building the lab…');
const build = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const port = process.env.PORT ?? '4173';
// Workshop with a room: the same build, served by the room server (phones join over the LAN).
if (process.argv.includes('--room')) {
  // --story=NAME, --host=NAME-OR-IP, --grace=S and --out=DIR pass through to `starling room`.
  const pass = ['story', 'host', 'grace', 'out'].flatMap((k) => {
    const v = process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
    return v ? [`--${k}`, v] : [];
  });
  const room = spawn(process.execPath, [join(root, 'bin', 'starling.mjs'), 'room', '--port', port, ...pass], { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => room.kill(sig));
  room.on('exit', (code) => process.exit(code ?? 0));
} else {
  // Workshop: the same built files, fully offline; open in presentation mode with a story menu.
  const workshop = process.argv.includes('--workshop');
  const url = `http://127.0.0.1:${port}/${workshop ? '?present=1&story=drug-shortage' : ''}`;
  console.log(`starling: the ${workshop ? 'workshop' : 'lab'} is at ${url} (Ctrl-C to stop; works without internet)`);
  const server = spawn(vite, ['preview', '--port', port, '--strictPort', '--host', '127.0.0.1'], { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
  server.on('exit', (code) => process.exit(code ?? 0));
}
