/**
 * The result folder loads in one line anywhere (issue 14): the same tables as CSV and Parquet, a
 * codebook of every column, bullwhip as one column per tier — read back by independent readers:
 * DuckDB for the Parquet (not the writer's own library), Debian's pandas and R for the CSV.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { METRICS, METRIC_KEYS } from '../sim/model/metricDecls.ts';
import type { RunRecord } from '../sim/experiment/records.ts';

const starling = (...args: string[]) => spawnSync(process.execPath, ['bin/starling.mjs', ...args], { encoding: 'utf8' });
const python = process.env.STARLING_PYTHON ?? '/usr/bin/python3';
const rscript = process.env.STARLING_RSCRIPT ?? '/usr/bin/Rscript';
const hasPandas = existsSync(python) && spawnSync(python, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
const hasR = existsSync(rscript);
// Under `npm test` (CI) the readers are installed and named in the environment: then they must be there.
const required = process.env.STARLING_PYTHON !== undefined;

let dir: string;
let records: RunRecord[];
let header: string[];

/** What each runs.csv column should hold for a record, from the journal (full precision). */
function expected(r: RunRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { run_id: r.id, point: r.point, replicate: r.replicate, seed: r.seed, mode: r.mode, lambda: r.metrics.lambda };
  for (const k of METRIC_KEYS) {
    const v = r.metrics[k] as unknown;
    if (METRICS[k].timed) {
      out[k] = (v as { value: number }).value;
      out[`${k}_censored`] = (v as { censored: boolean }).censored;
    } else out[k] = v;
  }
  r.metrics.bullwhip.forEach((b, t) => (out[`bullwhip_tier${t + 1}`] = b));
  return out;
}

const sig8 = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(8)) : v);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'starling-results-'));
  const exp = JSON.parse(readFileSync('experiments/quick.json', 'utf8'));
  exp.set['run.stopWhenResolved'] = false; // the bullwhip ratios need the whole horizon
  writeFileSync(join(dir, 'e.json'), JSON.stringify(exp));
  const r = starling('sweep', join(dir, 'e.json'), '--out', join(dir, 'out'), '--quiet', '--workers', '1');
  expect(r.status, r.stderr).toBe(0);
  records = readFileSync(join(dir, 'out', 'journal.jsonl'), 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l) as RunRecord);
  records.sort((a, b) => a.point - b.point || a.replicate - b.replicate || (a.mode < b.mode ? -1 : 1));
  header = readFileSync(join(dir, 'out', 'runs.csv'), 'utf8').split('\n')[0].split(',');
}, 120_000);

describe('result tables', () => {
  it('every table is written as CSV and Parquet, with a codebook of every column', () => {
    const book = JSON.parse(readFileSync(join(dir, 'out', 'codebook.json'), 'utf8'));
    expect(book.tables.map((t: { name: string }) => t.name)).toEqual(['runs', 'timeseries', 'summary']);
    for (const t of book.tables) {
      expect(existsSync(join(dir, 'out', `${t.name}.parquet`))).toBe(true);
      const csvHeader = readFileSync(join(dir, 'out', `${t.name}.csv`), 'utf8').split('\n')[0].split(',');
      expect(t.columns.map((c: { name: string }) => c.name)).toEqual(csvHeader);
      for (const c of t.columns) expect(c.doc.length, c.name).toBeGreaterThan(10);
    }
    expect(book.coding.censoring).toMatch(/lower bound/);
    expect(readFileSync(join(dir, 'out', 'codebook.md'), 'utf8')).toMatch(/\| `T50_censored` \| boolean \|/);
    expect(header.filter((h) => h.startsWith('bullwhip_tier'))).toEqual(['bullwhip_tier1', 'bullwhip_tier2', 'bullwhip_tier3', 'bullwhip_tier4']);
  });

  it('DuckDB reads the Parquet to exactly the values of the runs', async () => {
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const reader = await con.runAndReadAll(`SELECT * FROM '${join(dir, 'out', 'runs.parquet')}'`);
    const rows = reader.getRowObjectsJS();
    expect(rows.length).toBe(records.length);
    expect(reader.columnNames()).toEqual(header);
    rows.forEach((row, k) => {
      const want = expected(records[k]);
      for (const [col, v] of Object.entries(want)) expect(row[col] === null ? null : row[col], `${records[k].id} ${col}`).toEqual(v);
    });
    const ts = await con.runAndReadAll(`SELECT count(*) AS n, count(DISTINCT run_id) AS runs FROM '${join(dir, 'out', 'timeseries.parquet')}'`);
    expect(Number(ts.getRowObjectsJS()[0].runs)).toBe(records.length);
    const sm = await con.runAndReadAll(`SELECT saving_vs_hierarchical FROM '${join(dir, 'out', 'summary.parquet')}' WHERE metric = 'T50' AND mode = 'spontaneous' ORDER BY point`);
    const csvSaving = readFileSync(join(dir, 'out', 'summary.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).filter((c) => c[4] === 'T50' && c[3] === 'spontaneous').map((c) => Number(c[13]));
    expect(sm.getRowObjectsJS().map((r) => sig8(r.saving_vs_hierarchical))).toEqual(csvSaving);
  });

  it.skipIf(!hasPandas && !required)('pandas (Debian python3-pandas) reads runs.csv to the same values', () => {
    const r = spawnSync(python, ['-c', `import pandas as pd, json, sys\nd = pd.read_csv(sys.argv[1])\nprint(json.dumps({'dtypes': {c: str(t) for c, t in d.dtypes.items()}, 'rows': json.loads(d.to_json(orient='records'))}))`, join(dir, 'out', 'runs.csv')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { dtypes: Record<string, string>; rows: Array<Record<string, unknown>> };
    expect(got.dtypes.T50_censored).toBe('bool');
    expect(got.rows.length).toBe(records.length);
    got.rows.forEach((row, k) => {
      for (const [col, v] of Object.entries(expected(records[k]))) expect(row[col], `${records[k].id} ${col}`).toEqual(v === null ? null : sig8(v));
    });
  });

  it.skipIf(!hasR && !required)('R (Debian r-base-core) reads runs.csv to the same values', () => {
    const script = `d <- read.csv(commandArgs(TRUE)[1]); cat(class(d$T50_censored), "\\n"); write.table(format(d, digits = 15), stdout(), sep = "\\t", quote = FALSE, row.names = FALSE, na = "NA")`;
    const r = spawnSync(rscript, ['-e', script, join(dir, 'out', 'runs.csv')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const [cls, head, ...lines] = r.stdout.trim().split('\n');
    expect(cls.trim()).toBe('logical');
    const cols = head.split('\t');
    expect(lines.length).toBe(records.length);
    lines.forEach((line, k) => {
      const cells = line.split('\t').map((s) => s.trim());
      for (const [col, v] of Object.entries(expected(records[k]))) {
        const text = cells[cols.indexOf(col)];
        const got = text === 'NA' ? null : text === 'TRUE' ? true : text === 'FALSE' ? false : typeof v === 'number' ? Number(text) : text;
        expect(got, `${records[k].id} ${col}`).toEqual(v === null ? null : sig8(v));
      }
    });
  });
});
