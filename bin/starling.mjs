#!/usr/bin/env node
// The `starling` command. The engine and CLI are TypeScript; we bundle them once with esbuild
// (milliseconds) into node_modules/.cache and run plain JavaScript: no loader hooks, so worker
// threads and benchmarks run exactly the code the browser gets.
import { buildCli } from '../scripts/build-cli.mjs';

const entry = await buildCli();
const { main } = await import(entry);
const code = await main(process.argv.slice(2));
process.exitCode = code ?? 0;
