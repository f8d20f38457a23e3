/** `starling schema [--out FILE [--force]]`: the JSON Schema of scenario files, for editors (generated from zod). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { bool, checkKnown, flag, parseArgs, UsageError } from './args.ts';
import { scenarioJsonSchema } from '../../sim/model/jsonSchema.ts';

export async function schemaCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['force']);
  checkKnown(args, ['out', 'force'], 'schema');
  const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
  const out = flag(args, 'out');
  if (out) {
    // Never overwrite a different file without --force (rewriting the same schema is harmless).
    if (existsSync(out) && !bool(args, 'force') && readFileSync(out, 'utf8') !== text) throw new UsageError(`${out} already exists and differs: choose another --out, or add --force to overwrite it`);
    writeFileSync(out, text);
  } else process.stdout.write(text);
  return 0;
}
