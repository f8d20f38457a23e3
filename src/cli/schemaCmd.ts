/** `starling schema [--out FILE]`: the JSON Schema of scenario files, for editors (generated from zod). */
import { writeFileSync } from 'node:fs';
import { checkKnown, flag, parseArgs } from './args.ts';
import { scenarioJsonSchema } from '../../sim/model/jsonSchema.ts';

export async function schemaCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  checkKnown(args, ['out'], 'schema');
  const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
  const out = flag(args, 'out');
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
  return 0;
}
