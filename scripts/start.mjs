#!/usr/bin/env node
// `npm start`: install what is needed, build the browser lab, and serve it on localhost with the
// default scenario already running. PORT overrides the port (default 4173).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies, root } from './ensure.mjs';

ensureDependencies();
const vite = join(root, 'node_modules', '.bin', 'vite');
console.log('starling: building the lab…');
const build = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const port = process.env.PORT ?? '4173';
console.log(`starling: the lab is at http://127.0.0.1:${port}/ (Ctrl-C to stop)`);
const server = spawn(vite, ['preview', '--port', port, '--strictPort', '--host', '127.0.0.1'], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
