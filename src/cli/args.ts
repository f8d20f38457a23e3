/** Small helpers for CLI flags: typed parsing with errors that name the flag and the fix. */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

/** Parse `--name value`, `--name=value` and boolean `--name` flags; repeated flags accumulate. */
export function parseArgs(argv: string[], booleans: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (!a.startsWith('--') || a === '--') {
      if (a !== '--') positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    let value: string;
    if (eq > 0) value = a.slice(eq + 1);
    else if (booleans.includes(name)) value = 'true';
    else {
      if (k + 1 >= argv.length || argv[k + 1].startsWith('--')) throw new UsageError(`--${name} needs a value`);
      value = argv[++k];
    }
    const list = flags.get(name) ?? [];
    list.push(value);
    flags.set(name, list);
  }
  return { positional, flags };
}

export function checkKnown(args: ParsedArgs, known: readonly string[], command: string): void {
  for (const name of args.flags.keys()) {
    if (!known.includes(name)) throw new UsageError(`unknown option --${name} for "${command}" (known: ${known.map((k) => `--${k}`).join(', ')})`);
  }
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return v?.[v.length - 1];
}

export function bool(args: ParsedArgs, name: string): boolean {
  return flag(args, name) === 'true';
}

export function number(args: ParsedArgs, name: string, opts: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  const raw = flag(args, name);
  if (raw === undefined) return undefined;
  return checkNumber(`--${name}`, raw, opts);
}

export function numberList(args: ParsedArgs, name: string, opts: { min?: number; max?: number; integer?: boolean } = {}): number[] | undefined {
  const raw = flag(args, name);
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (!parts.length) throw new UsageError(`--${name}: give a comma-separated list of numbers, e.g. --${name} 1,2,3`);
  return parts.map((p) => checkNumber(`--${name}`, p, opts));
}

function checkNumber(what: string, raw: string, opts: { min?: number; max?: number; integer?: boolean }): number {
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v)) throw new UsageError(`${what}: "${raw}" is not a number`);
  if (opts.integer && !Number.isInteger(v)) throw new UsageError(`${what}: ${raw} must be a whole number`);
  if (opts.min !== undefined && v < opts.min) throw new UsageError(`${what}: ${raw} is below the minimum ${opts.min}`);
  if (opts.max !== undefined && v > opts.max) throw new UsageError(`${what}: ${raw} is above the maximum ${opts.max}`);
  return v;
}
