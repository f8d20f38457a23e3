/** `starling params [scenario] [--json] [--markdown]`: every parameter with default, range and unit; the listing shows its plain-language label and help (as in the lab), --json and --markdown also the research doc. */
import { bool, checkKnown, parseArgs } from './args.ts';
import { loadScenario } from './scenarioFile.ts';
import { GROUP_TITLES, PARAMS, type GroupName } from '../../sim/model/params.ts';
import { describeRange, markdownTable } from '../../sim/params/declare.ts';

export async function paramsCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', 'markdown']);
  checkKnown(args, ['json', 'markdown'], 'params');
  const scenario = args.positional[0] ? loadScenario(args.positional[0]).scenario : undefined;
  const groups = Object.keys(PARAMS) as GroupName[];
  if (bool(args, 'json')) {
    const out = Object.fromEntries(groups.map((g) => [g, Object.fromEntries(Object.entries(PARAMS[g]).map(([k, d]) => [k, { ...d, value: scenario ? (scenario[g] as Record<string, unknown>)[k] : d.default }]))]));
    console.log(JSON.stringify(out, null, 2));
    return 0;
  }
  if (bool(args, 'markdown')) {
    for (const g of groups) console.log(`### ${GROUP_TITLES[g]}\n\n${markdownTable(PARAMS[g], `${g}.`)}\n`);
    return 0;
  }
  for (const g of groups) {
    console.log(`\n${GROUP_TITLES[g]}`);
    for (const [key, d] of Object.entries(PARAMS[g])) {
      const value = scenario ? (scenario[g] as Record<string, unknown>)[key] : d.default;
      const shown = scenario && value !== d.default ? `${String(value)} (default ${String(d.default)})` : String(d.default);
      console.log(`  ${`${g}.${key}`.padEnd(30)} ${shown.padEnd(14)} ${describeRange(d).padEnd(28)} ${d.label ? `${d.label}: ${d.help}` : d.doc}`);
    }
  }
  return 0;
}
