/**
 * `starling` — the headless face of Starling. Each subcommand lives in its own module; this file only
 * dispatches and turns errors into one clear line and an exit code (2 for bad input).
 */
import { pathToFileURL } from 'node:url';
import { UsageError } from './args.ts';
import { starlingVersion } from './sweepFiles.ts';
import { ValidationError } from '../../sim/params/errors.ts';
import { validateCommand } from './validateCmd.ts';
import { benchCommand } from './benchCmd.ts';
import { runCommand } from './runCmd.ts';
import { paramsCommand } from './paramsCmd.ts';
import { schemaCommand } from './schemaCmd.ts';
import { restoreCommand } from './restoreCmd.ts';
import { sweepCommand } from './sweepCmd.ts';
import { mergeCommand } from './mergeCmd.ts';
import { reportCommand } from './reportCmd.ts';
import { analyzeCommand, ANALYZE_HELP } from './analyzeCmd.ts';
import { roomCommand } from './roomCmd.ts';

type Command = (argv: string[]) => Promise<number> | number;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  run: { run: runCommand, help: 'run [scenario] [--seeds N | --seed S] [--modes hierarchical,spontaneous,hybrid:0.2] [--set path=value …] [--out DIR] [--json]' },
  restore: { run: restoreCommand, help: 'restore <snapshot.json> [--until H] [--json]              continue a run saved with run --snapshot-every' },
  schema: { run: schemaCommand, help: 'schema [--out FILE [--force]]                                          JSON Schema of scenario files, for editors' },
  params: { run: paramsCommand, help: 'params [scenario] [--json | --markdown]                      every parameter: default, range, unit, doc' },
  validate: { run: validateCommand, help: 'validate <vicsek|couzin|bullwhip|hierarchy|behaviour|emergence|sensitivity|all> [--quick] [--json]  reproduce the published results (spec §7) and the emergence checks (§9)' },
  sweep: { run: sweepCommand, help: 'sweep <experiment.json> [--out DIR] [--workers K] [--shard k/n] [--resume] [--dry-run]   batch experiment: design × modes × paired replicates' },
  merge: { run: mergeCommand, help: 'merge DIR… --out DIR                                          combine the shards of one sweep' },
  analyze: { run: analyzeCommand, help: `${ANALYZE_HELP}  sensitivity (Morris, Sobol) and scenario discovery (PRIM)` },
  report: { run: reportCommand, help: 'report DIR [--out FILE]                                       self-contained report.html of a sweep' },
  room: { run: roomCommand, help: 'room [--story NAME] [--port P] [--bind ADDR] [--host NAME] [--out DIR] [--grace S]   the workshop room server (phones join on the LAN)' },
  bench: { run: benchCommand, help: 'bench [kernel|analysis|room] [--n N] [--pair-pass auto|js|wasm] [--json] [--quick]  measure the engine (steps/s, agent-updates/s, memory)' },
};

export function usage(): string {
  return ['usage: starling <command> [options]', '', ...Object.values(COMMANDS).map((c) => `  starling ${c.help}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    console.log(`starling ${starlingVersion()}`);
    return 0;
  }
  const command = COMMANDS[name];
  if (command && rest.some((a) => a === '--help' || a === '-h')) {
    console.log(`usage: starling ${command.help}`);
    return 0;
  }
  if (!command) {
    console.error(`starling: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ValidationError) {
      console.error(`starling ${name}: ${err.message}`);
      return 2;
    }
    const fsMessage = fileSystemMessage(err);
    if (fsMessage) {
      console.error(`starling ${name}: ${fsMessage}`);
      return 2;
    }
    throw err;
  }
}

// Run directly (`node cli.mjs …`, e.g. benchmark children and workers' parents) as well as via bin/.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

/** Disk and permission problems as one clear line (what failed, why, what to do); null for other errors. */
function fileSystemMessage(err: unknown): string | null {
  const e = err as NodeJS.ErrnoException;
  const where = e?.path ? ` ${e.path}` : '';
  switch (e?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `cannot write${where}: the disk is full — free some space and run the same command again (add --resume for a sweep); completed runs are kept`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `cannot write${where}: permission denied (or a read-only file system) — choose a folder you can write to with --out`;
    case 'ENOENT':
    case 'ENOTDIR':
      return `cannot create or open${where}: a folder on the way does not exist or is not a folder — choose another --out`;
    default:
      return null;
  }
}
