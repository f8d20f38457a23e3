/**
 * The codebook of a result folder: every column of every table with its type, unit and meaning,
 * plus how time, censoring and missing values are coded and how to load the tables. Written as
 * codebook.md (to read) and codebook.json (to load), from the same Column records the writers use.
 */
import type { Table } from './tables.ts';

export const CODING = {
  time: 'Metric times (T_det, T_team, T50, T90) are hours from the onset of the primary shock (the scenario\'s first real shock). The timeseries column t is simulated hours since the start of the run.',
  censoring: 'A time never reached before the run ended is censored: its value is the censoring time (horizon − onset), a lower bound, and its <name>_censored column is true. Censored values are never 0 or blank.',
  missing: 'A value that does not exist (a team that never formed, a bullwhip ratio of a run that stopped once settled) is blank in CSV and NULL in Parquet.',
  numbers: 'CSV numbers carry 8 significant digits; Parquet carries the full double. CSV booleans are TRUE/FALSE (read as logical by R, pandas and DuckDB).',
};

export const LOADING = {
  pandas: "import pandas as pd\nruns = pd.read_csv('DIR/runs.csv')   # or pd.read_parquet('DIR/runs.parquet') with pyarrow",
  R: "runs <- read.csv('DIR/runs.csv')   # or arrow::read_parquet('DIR/runs.parquet')",
  duckdb: "SELECT * FROM 'DIR/runs.parquet';   -- or read_csv_auto('DIR/runs.csv')",
};

export function codebookJson(tables: Table[], meta: Record<string, unknown>): string {
  return `${JSON.stringify({ format: 'starling-codebook/1', ...meta, coding: CODING, loading: LOADING, tables: tables.map((t) => ({ name: t.name, files: [`${t.name}.csv`, `${t.name}.parquet`], rows: t.rows, doc: t.doc, columns: t.columns.map((c) => ({ name: c.name, type: c.type, unit: c.unit, doc: c.doc })) })) }, null, 2)}\n`;
}

export function codebookMd(tables: Table[], title: string): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [`# Codebook — ${title}`, '', 'Every table is here twice, with the same columns and rows: `NAME.csv` and `NAME.parquet`.', '', '## Coding', ''];
  for (const [k, v] of Object.entries(CODING)) lines.push(`- **${k}.** ${v}`);
  lines.push('', '## Loading', '', '```python', LOADING.pandas, '```', '', '```r', LOADING.R, '```', '', '```sql', LOADING.duckdb, '```', '');
  for (const t of tables) {
    lines.push(`## ${t.name} (${t.rows} rows): ${t.doc}`, '', '| column | type | unit | meaning |', '|---|---|---|---|');
    for (const c of t.columns) lines.push(`| \`${c.name}\` | ${c.type.toLowerCase()} | ${esc(c.unit)} | ${esc(c.doc)} |`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
