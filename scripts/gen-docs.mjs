#!/usr/bin/env node
// Generates the parts of docs/ that come from code or from stored results. Plain Node ESM, no deps.
//
//   node scripts/gen-docs.mjs              regenerate everything from what is stored (fast, idempotent):
//                                          - docs/ODD.md parameter tables, from `starling params --markdown`
//                                          - docs/img/*.svg plots, from docs/data/validation-*.json
//                                          - the result tables in docs/validation.md and docs/calibration.md
//                                          - docs/img/calibration-lambda.svg, from docs/data/calibration/lambda.json
//   node scripts/gen-docs.mjs --calibrate  first rerun the calibration sweep (SWEEP below, into
//                                          docs/data/calibration/*.json; 15–25 minutes on two cores), then regenerate
//   node scripts/gen-docs.mjs --validate   first rerun V4 and V5 (docs/data/validation-{bullwhip,hierarchy}.json)
//   --snapshot                             run the sweeps from a clean export of HEAD (git archive into /tmp), so
//                                          uncommitted edits made meanwhile cannot leak into the numbers
//   --only id,id                           rerun only these sweep entries
//   --jobs N                               how many sweep runs at once (default 2)
//   --no-generate                          only run, do not regenerate the documents
//
// V1/V2 (docs/data/validation-kernel.json) and V6 (docs/data/validation-behaviour.json) are stored from
// `npx starling validate vicsek|couzin|behaviour --json` runs; they take minutes, so this script does not
// rerun them.
//
// Generated text lives between markers `<!-- NAME:start -->` and `<!-- NAME:end -->`; everything
// outside them is hand-written and left alone. Running the script twice changes nothing the second time.
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const docs = join(root, 'docs');
const dataDir = join(docs, 'data');
const imgDir = join(docs, 'img');
const calDir = join(dataDir, 'calibration');
const CLI = ['bin/starling.mjs'];
/** Where the sweeps run: the working tree, or (with --snapshot) a clean export of HEAD. */
let runRoot = root;
/** The commit a snapshot was exported from (HEAD may move while a sweep runs). */
let snapshotCommit = null;

// ---------------------------------------------------------------------------------------------------
// The calibration sweep: one entry per stored file. `args` are passed to `starling` verbatim; the
// command shown in docs/calibration.md is built from them, so the table and the data cannot drift.

const SEEDS = 40;
const FALSE_ALARMS = [
  '{"kind":"recall","owner":1,"onset":3,"falseAlarm":true}',
  '{"kind":"supply-disruption","owner":0,"onset":5,"falseAlarm":true}',
  '{"kind":"logistics-outage","owner":2,"onset":7,"falseAlarm":true}',
];
const run = (scenario, ...extra) => ['run', scenario, '--seeds', String(SEEDS), ...extra, '--json'];
const set = (...pairs) => pairs.flatMap((p) => ['--set', p]);

export const SWEEP = [
  { id: 'default', factor: 'default', level: 'defaults', args: run('drug-shortage') },
  { id: 'layers-2', factor: 'hierarchy.layers', level: '2', args: run('drug-shortage', ...set('hierarchy.layers=2')) },
  { id: 'layers-6', factor: 'hierarchy.layers', level: '6', args: run('drug-shortage', ...set('hierarchy.layers=6')) },
  { id: 'batch-1', factor: 'hierarchy.batchPeriod', level: '1 h', args: run('drug-shortage', ...set('hierarchy.batchPeriod=1')) },
  { id: 'batch-24', factor: 'hierarchy.batchPeriod', level: '24 h', args: run('drug-shortage', ...set('hierarchy.batchPeriod=24')) },
  { id: 'trust-low', factor: 'trust (adjacent / other)', level: '0.2 / 0.05', args: run('drug-shortage', ...set('ecosystem.trustAdjacent=0.2', 'ecosystem.trustOther=0.05')) },
  { id: 'trust-high', factor: 'trust (adjacent / other)', level: '0.9 / 0.6', args: run('drug-shortage', ...set('ecosystem.trustAdjacent=0.9', 'ecosystem.trustOther=0.6')) },
  { id: 'noise-0.5', factor: 'movement.noise', level: '0.5 rad', args: run('drug-shortage', ...set('movement.noise=0.5')) },
  { id: 'noise-1.5', factor: 'movement.noise', level: '1.5 rad', args: run('drug-shortage', ...set('movement.noise=1.5')) },
  { id: 'false-alarms-3', factor: 'false alarms', level: 'drug shortage + 3 false alarms', args: run('drug-shortage', ...set(...FALSE_ALARMS.map((v, k) => `shocks[${k + 1}]=${v}`))) },
  { id: 'false-alarm-storm', factor: 'false alarms', level: 'false-alarm-storm scenario (12 false alarms)', args: run('false-alarm-storm') },
  // Ablations of the choices the team made (what each calibrated mechanism contributes).
  { id: 'no-affinity', factor: 'shared.crossFirmAffinity', level: '0 (no cross-firm flocking)', args: run('drug-shortage', ...set('shared.crossFirmAffinity=0')) },
  { id: 'no-flocking', factor: 'movement.wAli, movement.wCoh', level: '0, 0 (no flocking at all)', args: run('drug-shortage', ...set('movement.wAli=0', 'movement.wCoh=0')) },
  { id: 'trust-very-low', factor: 'trust (adjacent / other)', level: '0.05 / 0.02', args: run('drug-shortage', ...set('ecosystem.trustAdjacent=0.05', 'ecosystem.trustOther=0.02')) },
  { id: 'rate-0', factor: 'problems.rate', level: '0 /h (no stream)', args: run('drug-shortage', ...set('problems.rate=0')) },
  { id: 'rate-0.1', factor: 'problems.rate', level: '0.1 /h', args: run('drug-shortage', ...set('problems.rate=0.1')) },
  { id: 'rate-0.5', factor: 'problems.rate', level: '0.5 /h', args: run('drug-shortage', ...set('problems.rate=0.5')) },
  { id: 'minmatch-0', factor: 'shared.minMatch', level: '0 (anyone volunteers)', args: run('drug-shortage', ...set('shared.minMatch=0')) },
  { id: 'storm-attcap-1', factor: 'shared.attentionCap', level: '1 (no cap), false-alarm storm', args: run('false-alarm-storm', ...set('shared.attentionCap=1')) },
  { id: 'storm-filter-0', factor: 'hierarchy.falseAlarmFilter', level: '0 (managers never filter), false-alarm storm', args: run('false-alarm-storm', ...set('hierarchy.falseAlarmFilter=0')) },
  { id: 'local-glitch', factor: 'scenario', level: 'local-glitch', args: run('local-glitch') },
  // Spec §9.4, no cliffs: without boundary spanners, and at the old cliff edge of spanner perception.
  { id: 'spanners-0', factor: 'ecosystem.spannerShare', level: '0 (no boundary spanners)', args: run('drug-shortage', ...set('ecosystem.spannerShare=0')) },
  { id: 'spanner-perception-15', factor: 'ecosystem.spannerPerception', level: '15 u', args: run('drug-shortage', ...set('ecosystem.spannerPerception=15')) },
  { id: 'lambda', factor: 'λ', level: '0, 0.1, 0.2, 0.5, 1', args: run('drug-shortage', '--modes', 'hierarchical,hybrid:0,hybrid:0.1,hybrid:0.2,hybrid:0.5,hybrid:1,spontaneous') },
];

/** The command as a user would type it (single quotes where the shell needs them). */
export function commandLine(args) {
  const q = (a) => (/^[\w.,:=/-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['npx starling', ...args.map(q)].join(' ');
}

/**
 * A clean export of HEAD (git archive: reads the repository, changes nothing) with the installed
 * packages linked in, so a sweep is not disturbed by uncommitted edits made while it runs. The CLI
 * bundle cache lands in the snapshot's own node_modules/.cache.
 */
function snapshot() {
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  snapshotCommit = commit;
  const dir = join('/tmp', `starling-docs-${commit.slice(0, 12)}`);
  if (!existsSync(join(dir, 'package.json'))) {
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    execFileSync('sh', ['-c', `git archive HEAD | tar -x -C '${dir}'`], { cwd: root });
    for (const e of readdirSync(join(root, 'node_modules'))) {
      if (e === '.cache' || e.startsWith('.vite')) continue;
      symlinkSync(join(root, 'node_modules', e), join(dir, 'node_modules', e));
    }
  }
  return dir;
}

/** A fingerprint of the engine source the numbers came from (others edit sim/ in parallel). */
function sourceInfo() {
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|json)$/.test(e.name)) files.push(p);
    }
  };
  for (const d of ['sim', 'scenarios', 'src/cli']) if (existsSync(join(runRoot, d))) walk(join(runRoot, d));
  files.sort();
  const h = createHash('sha256');
  for (const f of files) h.update(relative(runRoot, f)).update('\0').update(readFileSync(f)).update('\0');
  let commit = 'unknown';
  let dirty = [];
  try {
    commit = snapshotCommit ?? execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    // A snapshot is HEAD exactly; the working tree may carry uncommitted edits to the engine.
    if (runRoot === root) dirty = execFileSync('git', ['status', '--porcelain', '--', 'sim', 'scenarios', 'src/cli'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch { /* not a git checkout */ }
  return { commit, snapshot: runRoot !== root, dirty, sourceSha256: h.digest('hex').slice(0, 16) };
}

function starling(args) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: runRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 || (args[0] === 'validate' && code === 1 && out.trim().startsWith('{')) ? ok(out) : fail(new Error(`starling ${args.join(' ')} exited ${code}\n${err}`))));
  });
}

async function calibrate(jobs, only) {
  mkdirSync(calDir, { recursive: true });
  const queue = SWEEP.filter((s) => !only || only.includes(s.id));
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const started = Date.now();
      const before = sourceInfo();
      const out = JSON.parse(await starling(item.args));
      const record = {
        id: item.id, factor: item.factor, level: item.level, command: commandLine(item.args),
        ...before, date: new Date().toISOString(), seconds: (Date.now() - started) / 1000,
        output: out,
      };
      writeFileSync(join(calDir, `${item.id}.json`), `${JSON.stringify(record, null, 1)}\n`);
      console.log(`calibration ${item.id}: ${record.seconds.toFixed(0)} s`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
}

async function revalidate() {
  mkdirSync(dataDir, { recursive: true });
  for (const suite of ['bullwhip', 'hierarchy']) {
    const info = sourceInfo();
    const out = JSON.parse(await starling(['validate', suite, '--json']));
    writeFileSync(join(dataDir, `validation-${suite}.json`), `${JSON.stringify({ command: `npx starling validate ${suite} --json`, ...info, date: new Date().toISOString(), ...out }, null, 1)}\n`);
    console.log(`validate ${suite}: ${out.ok ? 'all pass' : 'FAILURES'}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Generators

async function generate() {
  mkdirSync(imgDir, { recursive: true });
  const params = await starlingHere(['params', '--markdown']);
  splice('ODD.md', 'params', params.trim());
  validationDoc();
  emergenceDoc();
  calibrationDoc();
}

/** Runs the CLI of the working tree (for `params`, which must describe the code as it is). */
function starlingHere(args) {
  const saved = runRoot;
  runRoot = root;
  return starling(args).finally(() => { runRoot = saved; });
}

/** Replace the text between <!-- name:start --> and <!-- name:end --> in docs/file. */
function splice(file, name, body) {
  const path = join(docs, file);
  if (!existsSync(path)) return console.warn(`skip ${file}: missing`);
  const text = readFileSync(path, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return console.warn(`skip ${file}: no ${name} markers`);
  const next = `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
  if (next !== text) {
    writeFileSync(path, next);
    console.log(`updated ${file} (${name})`);
  }
}

function writeIfChanged(path, text) {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return;
  writeFileSync(path, text);
  console.log(`wrote ${relative(root, path)}`);
}

const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
const f = (v, d = 3) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : String(v));
const pct = (v, d = 1) => (Number.isFinite(v) ? `${(100 * v).toFixed(d)} %` : '—');
// The saving's one estimand (1 − median T50(mode)/median T50(H)); "not estimable" when a median is
// censored (stored runs from before that rule have no `estimable` field and were all estimable).
const pctCi = (s) => (s.estimable === false ? `not estimable${s.bound ? ` (${s.bound.kind} ${pct(s.bound.value)})` : ''}` : `${pct(s.saving)} [${s.ci95[0] === null ? '−∞' : pct(s.ci95[0])}, ${pct(s.ci95[1])}]`);
const pFmt = (s) => (!Number.isFinite(s.p) ? '—' : s.pAtFloor ? `< ${s.p.toPrecision(2)}` : s.p.toPrecision(2));
const cell = (v) => String(v).replace(/\|/g, '\\|');
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
const checkRows = (checks) => checks.map((c) => [c.pass ? 'pass' : '**FAIL**', c.id, c.what, typeof c.measured === 'number' ? f(c.measured) : c.measured, c.expected]);
const CHECK_HEAD = ['', 'check', 'what', 'measured', 'expected'];

// --- SVG -------------------------------------------------------------------------------------------

const esc = (t) => String(t).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const r2 = (v) => Math.round(v * 100) / 100;

/**
 * A small deterministic line chart: series of points with optional error bars (lo, hi), horizontal
 * reference lines, axes with ticks and a legend. Returns SVG text.
 */
function lineChart({ title, xLabel, yLabel, x: [x0, x1], y: [y0, y1], xTicks, yTicks, series, hlines = [], xFormat = (v) => String(v), yFormat = (v) => String(v), legendAt = 'top-right' }) {
  const W = 640, H = 420, L = 64, R = 20, T = 40, B = 56;
  const px = (v) => L + ((v - x0) / (x1 - x0)) * (W - L - R);
  const py = (v) => T + (1 - (v - y0) / (y1 - y0)) * (H - T - B);
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`);
  for (const t of yTicks) out.push(`<line x1="${L}" x2="${W - R}" y1="${r2(py(t))}" y2="${r2(py(t))}" stroke="#e5e5e5"/><text x="${L - 6}" y="${r2(py(t) + 4)}" text-anchor="end">${esc(yFormat(t))}</text>`);
  for (const t of xTicks) out.push(`<line x1="${r2(px(t))}" x2="${r2(px(t))}" y1="${T}" y2="${H - B}" stroke="#f0f0f0"/><text x="${r2(px(t))}" y="${H - B + 18}" text-anchor="middle">${esc(xFormat(t))}</text>`);
  out.push(`<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 14}" text-anchor="middle">${esc(xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  for (const h of hlines) {
    out.push(`<line x1="${L}" x2="${W - R}" y1="${r2(py(h.y))}" y2="${r2(py(h.y))}" stroke="${h.color ?? '#777'}" stroke-dasharray="6 4"/>`);
    const lx = typeof h.labelAt === 'number' ? r2(px(h.labelAt)) : h.labelAt === 'left' ? L + 6 : W - R - 6;
    out.push(`<text x="${lx}" y="${r2(py(h.y) - 5)}" text-anchor="${h.labelAt === undefined ? 'end' : 'start'}" fill="${h.color ?? '#555'}">${esc(h.label)}</text>`);
  }
  for (const s of series) {
    const pts = s.points.map((p) => `${r2(px(p.x))},${r2(py(p.y))}`).join(' ');
    out.push(`<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    for (const p of s.points) {
      if (p.lo !== undefined) {
        const a = r2(py(Math.max(y0, p.lo))), b = r2(py(Math.min(y1, p.hi))), x = r2(px(p.x));
        out.push(`<line x1="${x}" x2="${x}" y1="${a}" y2="${b}" stroke="${s.color}"/><line x1="${x - 4}" x2="${x + 4}" y1="${a}" y2="${a}" stroke="${s.color}"/><line x1="${x - 4}" x2="${x + 4}" y1="${b}" y2="${b}" stroke="${s.color}"/>`);
      }
      out.push(`<circle cx="${r2(px(p.x))}" cy="${r2(py(p.y))}" r="3.5" fill="${s.color}"/>`);
    }
  }
  const lx = legendAt === 'top-right' ? W - R - 190 : legendAt === 'bottom-right' ? W - R - 190 : L + 12;
  const ly = legendAt === 'bottom-right' ? H - B - 12 - 18 * series.length : T + 12;
  out.push(`<rect x="${lx - 6}" y="${ly - 4}" width="184" height="${18 * series.length + 4}" fill="#ffffff" fill-opacity="0.9" stroke="#ccc"/>`);
  series.forEach((s, k) => {
    const y = ly + 9 + 18 * k;
    out.push(`<line x1="${lx}" x2="${lx + 22}" y1="${y}" y2="${y}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/><circle cx="${lx + 11}" cy="${y}" r="3.5" fill="${s.color}"/><text x="${lx + 30}" y="${y + 4}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

// --- validation.md ---------------------------------------------------------------------------------

const suiteOf = (json, prefix) => json?.results?.find((r) => r.suite.startsWith(prefix));

/** η where v_a crosses `level` going down (linear interpolation between measured points). */
function crossing(points, level = 0.5) {
  const s = [...points].filter((p) => p.eta < 2 * Math.PI - 1e-9).sort((a, b) => a.eta - b.eta);
  for (let k = 1; k < s.length; k++) if (s[k - 1].va >= level && s[k].va < level) return s[k - 1].eta + ((s[k - 1].va - level) / (s[k - 1].va - s[k].va)) * (s[k].eta - s[k - 1].eta);
  return NaN;
}

function validationDoc() {
  const kernel = readJson(join(dataDir, 'validation-kernel.json'));
  if (kernel) {
    const v1 = suiteOf(kernel, 'V1');
    const v2 = suiteOf(kernel, 'V2');
    const dens = [...new Set(v1.points.map((p) => p.density))].sort((a, b) => b - a);
    const n = v1.points[0].n;
    const ref = Math.sqrt(Math.PI) / (2 * Math.sqrt(n));
    const colors = ['#1f5fa8', '#c0392b'];
    writeIfChanged(join(imgDir, 'vicsek-va-eta.svg'), lineChart({
      title: `Vicsek 1995: order parameter v_a vs noise η (N = ${n})`,
      xLabel: 'noise η (rad)', yLabel: 'v_a (mean over seeds, ± 1.96 SE)',
      x: [0, 2 * Math.PI], y: [0, 1.05], xTicks: [0, 1, 2, 3, 4, 5, 6], yTicks: [0, 0.2, 0.4, 0.6, 0.8, 1],
      yFormat: (v) => v.toFixed(1),
      series: dens.map((d, k) => ({
        name: `ρ = ${d.toFixed(2)} (L = ${v1.points.find((p) => p.density === d).l})`, color: colors[k % 2], dash: k ? '5 3' : undefined,
        points: v1.points.filter((p) => p.density === d).map((p) => ({ x: p.eta, y: p.va, lo: p.va - 1.96 * p.se, hi: p.va + 1.96 * p.se })),
      })),
      hlines: [
        { y: ref, label: `√π/(2√N) = ${ref.toFixed(4)} (random headings)`, color: '#2e7d32', labelAt: 'left' },
        { y: 0.5, label: 'v_a = 0.5', color: '#999', labelAt: 'left' },
      ],
    }));
    const sizes = [...new Set(v2.points.map((p) => p.n))].sort((a, b) => a - b);
    writeIfChanged(join(imgDir, 'couzin-accuracy.svg'), lineChart({
      title: 'Couzin 2005: accuracy vs proportion informed',
      xLabel: 'proportion of the group informed p', yLabel: 'accuracy (mean over seeds, ± 1.96 SE)',
      x: [0, 0.52], y: [0.3, 1.02], xTicks: [0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5], yTicks: [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
      xFormat: (v) => String(v), yFormat: (v) => v.toFixed(1), legendAt: 'bottom-right',
      series: sizes.map((N, k) => ({
        name: `N = ${N}`, color: colors[k % 2], dash: k ? '5 3' : undefined,
        points: v2.points.filter((p) => p.n === N).sort((a, b) => a.p - b.p).map((p) => ({ x: p.p, y: p.accuracy, lo: p.accuracy - 1.96 * p.se, hi: p.accuracy + 1.96 * p.se })),
      })),
      hlines: [{ y: 0.5, label: 'chance (0.5)', color: '#777' }],
    }));
    splice('validation.md', 'kernel-checks', table(CHECK_HEAD, checkRows([...v1.checks, ...v2.checks])));
    const etas = [...new Set(v1.points.map((p) => p.eta))].sort((a, b) => a - b);
    const at = (d, eta) => v1.points.find((p) => p.density === d && p.eta === eta);
    splice('validation.md', 'vicsek-points', [
      table(['η', ...dens.map((d) => `v_a at ρ = ${d.toFixed(2)} (± SE)`)], etas.map((eta) => [eta === 2 * Math.PI ? '2π' : f(eta, 2), ...dens.map((d) => (at(d, eta) ? `${f(at(d, eta).va)} ± ${f(at(d, eta).se)}` : '—'))])),
      '',
      `η at which v_a crosses 0.5 (linear interpolation): ${dens.map((d) => `${f(crossing(v1.points.filter((p) => p.density === d)), 2)} at ρ = ${d.toFixed(2)}`).join('; ')}. ` +
        `Random-heading reference √π/(2√N) = ${f(ref, 4)} for N = ${n}. ${v1.points[0].samples} samples of v_a per point (every 10th step over 3,000 steps after 3,000 discarded, 3 seeds).`,
    ].join('\n'));
    splice('validation.md', 'couzin-points', table(['N', 'p', 'informed', 'accuracy', 'SE', 'seeds'], v2.points.map((p) => [p.n, p.p, p.informed, f(p.accuracy), f(p.se), p.n === 10 ? 100 : 50])));
  }
  const bull = readJson(join(dataDir, 'validation-bullwhip.json'));
  if (bull) {
    const rows = suiteOf(bull, 'V4').points;
    splice('validation.md', 'bullwhip', table(['', 'tier k', 'forecast from', 'measured Var(q_k)/Var(D)', 'exact', 'rel. error'],
      rows.map((r) => [r.pass ? 'pass' : '**FAIL**', r.tier, r.forecast === 'own-orders' ? 'own incoming orders (H)' : 'end demand (SA)', f(r.measured), f(r.expected), pct(r.relErr, 2)])));
  }
  const hier = readJson(join(dataDir, 'validation-hierarchy.json'));
  if (hier) {
    const rows = suiteOf(hier, 'V5').points;
    splice('validation.md', 'hierarchy', table(['', 'check', 'measured', 'expected', 'tolerance'], rows.map((r) => [r.pass ? 'pass' : '**FAIL**', r.check.replace(/^V5 /, ''), f(r.measured), f(r.expected), f(r.tolerance)])));
  }
  const beh = readJson(join(dataDir, 'validation-behaviour.json'));
  if (beh) {
    const v6 = suiteOf(beh, 'V6');
    const comps = v6.points.filter((p) => p.saving);
    const lam = v6.points.filter((p) => !p.saving);
    splice('validation.md', 'behaviour', [
      `Source: \`${beh.command ?? 'npx starling validate behaviour --json'}\`${beh.commit ? ` at commit \`${beh.commit.slice(0, 7)}\`` : ''}${beh.provenance ? ` (${beh.provenance})` : ''}; ${f(beh.seconds / 60, 0)} min. All checks ${beh.ok ? 'pass' : '**do not pass**'}.`,
      '',
      table(CHECK_HEAD, checkRows(v6.checks)),
      '',
      table(['comparison', 'paired seeds', 'median T50 H (h)', 'median T50 SA (h)', 'saving [95 % CI]', 'p'], comps.map((c) => [c.label, c.saving.pairs, f(c.hierarchical, 1), f(c.spontaneous, 1), pctCi(c.saving), pFmt(c.saving)])),
      '',
      table(['hybrid', ...lam.map((l) => l.label.replace('hybrid ', ''))], [['median T50 (h)', ...lam.map((l) => f(l.T50, 1))]]),
    ].join('\n'));
  }
}

function emergenceDoc() {
  const em = readJson(join(dataDir, 'validation-emergence.json'));
  const suite = em && suiteOf(em, 'Emergence');
  if (!suite) return;
  const part = (key) => suite.points.find((p) => p[key])?.[key] ?? [];
  const arms = part('arms');
  const cohesion = part('cohesion');
  const noise = part('noise');
  const rates = part('rates');
  const lambda = part('lambda');
  const sigmas = [...new Set(noise.flatMap((n) => n.points.map((p) => p.sigma)))];
  const csig = [...new Set(cohesion.flatMap((c) => c.points.map((p) => p.sigma)))];
  splice('validation.md', 'emergence', [
    `Source: \`${em.command ?? 'npx starling validate emergence --json'}\`${em.commit ? ` at commit \`${em.commit.slice(0, 7)}\`` : ''}${em.provenance ? ` (${em.provenance})` : ''}; ${f(em.seconds / 60, 0)} min. All checks ${em.ok ? 'pass' : '**do not pass**'}.`,
    '',
    table(CHECK_HEAD, checkRows(suite.checks)),
    '',
    'Findings (reported whichever way they fall; not pass/fail):',
    '',
    table(['finding', 'what', 'measured'], (suite.findings ?? []).map((x) => [x.id, x.what, x.measured])),
    '',
    table(['arm (drug shortage)', 'paired seeds', 'median T50 H (h)', 'median T50 SA (h)', 'saving [95 % CI]', 'p'], arms.map((a) => [a.label, a.saving.pairs, f(a.hierarchical, 1), f(a.spontaneous, 1), pctCi(a.saving), pFmt(a.saving)])),
    '',
    'Cohesion of a free team of 12 (kernel only: share within the team radius of its centroid) and the paired saving, against movement noise σ (rad):',
    '',
    table(['σ', ...csig.map(String)], cohesion.map((c) => [`cohesion, r_att ${c.rAtt} (σ_c ${c.transition === null ? '—' : f(c.transition, 2)})`, ...csig.map((x) => f(c.points.find((p) => p.sigma === x)?.cohesion, 2))])),
    '',
    table(['σ', ...sigmas.map(String)], noise.map((n) => [`saving, r_att ${n.rAtt} (σ_0 ${n.breakdown === null ? '—' : f(n.breakdown, 2)})`, ...sigmas.map((x) => pct(n.points.find((p) => p.sigma === x)?.saving ?? NaN))])),
    '',
    table(['problems.rate (/h)', 'median T50 H (h)', 'median T50 SA (h)', 'saving', 'mean manager queue (H, median)', 'attention effort-h (SA, median)'], rates.map((r) => [r.rate, f(r.hierarchical, 1), f(r.spontaneous, 1), pct(r.saving), f(r.queue, 2), f(r.attention, 0)])),
    '',
    table(['hybrid', ...lambda.map((l) => `λ=${l.lambda}`)], [['median T50 (h)', ...lambda.map((l) => f(l.T50, 1))]]),
  ].join('\n'));
}

// --- calibration.md --------------------------------------------------------------------------------

function loadSweep() {
  const out = {};
  for (const s of SWEEP) {
    const rec = readJson(join(calDir, `${s.id}.json`));
    if (rec) out[s.id] = rec;
  }
  return out;
}

const summary = (rec, label) => rec.output.summaries.find((s) => s.label === label);

function calibrationDoc() {
  const sweep = loadSweep();
  const ids = Object.keys(sweep);
  if (!ids.length) return;
  const row = (id, level, isDefault = false) => {
    const rec = sweep[id];
    if (!rec) return [level, '—', '—', '—', '—', `(not run: ${id})`];
    const h = summary(rec, 'hierarchical');
    const s = summary(rec, 'spontaneous');
    const cens = (x) => (x.censored.T50 ? ` (${x.censored.T50} cens.)` : '');
    return [isDefault ? `**${level}** (default)` : level, `${f(h.metrics.T50.median, 1)}${cens(h)}`, `${f(s.metrics.T50.median, 1)}${cens(s)}`, pctCi(s.saving), pFmt(s.saving), `\`${id}\``];
  };
  const groups = [
    ['hierarchy.layers', [['layers-2', '2'], ['default', '4', true], ['layers-6', '6']], 'rises'],
    ['hierarchy.batchPeriod (h)', [['batch-1', '1'], ['default', '8', true], ['batch-24', '24']], 'rises'],
    ['trust adjacent / other', [['trust-low', '0.2 / 0.05'], ['default', '0.6 / 0.2', true], ['trust-high', '0.9 / 0.6']], 'rises'],
    ['movement.noise σ (rad)', [['default', '0.1', true], ['noise-0.5', '0.5'], ['noise-1.5', '1.5']], 'falls'],
    ['false alarms', [['default', 'none', true], ['false-alarms-3', '+3 false alarms'], ['false-alarm-storm', 'storm scenario (12)']], 'falls'],
    ['problems.rate (/h)', [['rate-0', '0'], ['default', '0.02', true], ['rate-0.5', '0.5']], 'rises'],
  ];
  const sens = [];
  const verdicts = [];
  for (const [factor, levels, expect] of groups) {
    levels.forEach(([id, level, d], k) => sens.push([k === 0 ? `**${factor}**` : '', ...row(id, level, d)]));
    const first = sweep[levels[0][0]] && summary(sweep[levels[0][0]], 'spontaneous').saving;
    const last = sweep[levels[2][0]] && summary(sweep[levels[2][0]], 'spontaneous').saving;
    if (first && last) {
      const got = last.saving > first.saving ? 'rises' : 'falls';
      const overlap = !(last.ci95[0] > first.ci95[1] || first.ci95[0] > last.ci95[1]);
      verdicts.push([factor, `${expect} along the rows`, `${got}: ${pct(first.saving)} → ${pct(last.saving)}`, got === expect ? (overlap ? 'same direction; end-point CIs overlap' : 'agrees') : (overlap ? '**opposite direction** (end-point CIs overlap)' : '**contradicts**')]);
    }
  }
  splice('calibration.md', 'sensitivity', [
    table(['factor', 'level', 'median T50 H (h)', 'median T50 SA (h)', 'saving [95 % CI]', 'p', 'data'], sens),
    '',
    'Direction of the saving against spec §6 (first vs last level of each factor):',
    '',
    table(['factor', 'spec §6 expects the saving to', 'model', 'verdict'], verdicts),
  ].join('\n'));
  const abl = [
    ['default', 'drug-shortage', 'defaults (cross-firm affinity on, no drop-out term, minMatch 0.3)'],
    ['no-affinity', 'drug-shortage', 'shared.crossFirmAffinity = 0 (volunteers of different firms do not flock)'],
    ['no-flocking', 'drug-shortage', 'movement.wAli = movement.wCoh = 0 (no flocking at all)'],
    ['trust-very-low', 'drug-shortage', 'trust 0.05 adjacent / 0.02 other'],
    ['rate-0.1', 'drug-shortage', 'problems.rate = 0.1 /h'],
    ['minmatch-0', 'drug-shortage', 'shared.minMatch = 0 (anyone aware volunteers)'],
    ['false-alarm-storm', 'false-alarm-storm', 'defaults (attentionCap 0.8, falseAlarmFilter 0.5)'],
    ['storm-attcap-1', 'false-alarm-storm', 'shared.attentionCap = 1 (no cap)'],
    ['storm-filter-0', 'false-alarm-storm', 'hierarchy.falseAlarmFilter = 0 (managers never filter)'],
    ['local-glitch', 'local-glitch', 'defaults'],
  ];
  const ablRows = abl.map(([id, scen, change]) => {
    const rec = sweep[id];
    if (!rec) return [scen, change, '—', '—', '—', '—', '—', `(not run: ${id})`];
    const h = summary(rec, 'hierarchical');
    const s = summary(rec, 'spontaneous');
    const cens = (x) => (x.censored.T50 ? ` (${x.censored.T50} cens.)` : '');
    return [scen, change, `${f(h.metrics.T50.median, 1)}${cens(h)}`, `${f(s.metrics.T50.median, 1)}${cens(s)}`, pctCi(s.saving), f(s.metrics.over_response.median, 1), f(s.metrics.attention_hours.median, 0), `\`${id}\``];
  });
  splice('calibration.md', 'ablation', table(['scenario', 'setting', 'median T50 H (h)', 'median T50 SA (h)', 'saving [95 % CI]', 'SA over-response (effort-h, median)', 'SA attention (effort-h, median)', 'data'], ablRows));
  if (sweep.default) {
    const keys = [['T_det', 'T_det (h)'], ['T_team', 'T_team (h)'], ['T50', 'T50 (h)'], ['T90', 'T90 (h)'], ['loss', 'loss (h)'], ['messages', 'messages'], ['attention_hours', 'attention (effort-h)'], ['over_response', 'over-response (effort-h)']];
    const ms = ['hierarchical', 'spontaneous'].map((l) => summary(sweep.default, l));
    splice('calibration.md', 'decomposition', table(['metric', ...ms.map((m) => `${m.label}: median [10–90 %]`)],
      keys.map(([k, name]) => [name, ...ms.map((m) => `${f(m.metrics[k].median, 1)} [${f(m.metrics[k].p10, 1)}–${f(m.metrics[k].p90, 1)}]${m.censored[k] ? ` (${m.censored[k]} censored)` : ''}`)])));
  }
  const beh = readJson(join(dataDir, 'validation-behaviour.json'));
  const v6 = beh && suiteOf(beh, 'V6');
  if (v6) {
    const d = v6.points.find((p) => p.saving && p.label.startsWith('default (drug'));
    const check = v6.checks.find((c) => c.id === 'V6.default');
    splice('calibration.md', 'target', table(['source', 'paired seeds', 'median T50 H (h)', 'median T50 SA (h)', 'saving [95 % CI]', 'target', 'verdict'],
      [[`\`${beh.command ?? 'npx starling validate behaviour --json'}\` (V6.default)`, d.saving.pairs, f(d.hierarchical, 1), f(d.spontaneous, 1), pctCi(d.saving), check.expected, check.pass ? 'pass' : '**FAIL**']]));
  }
  const lam = sweep.lambda;
  if (lam) {
    const rows = lam.output.summaries.map((s) => [s.label, f(s.metrics.T50.median, 1), `${f(s.metrics.T50.p10, 1)} – ${f(s.metrics.T50.p90, 1)}`, s.censored.T50, s.saving ? pctCi(s.saving) : '—']);
    splice('calibration.md', 'lambda', table(['mode', 'median T50 (h)', '10–90 % (h)', 'censored', 'saving vs H [95 % CI]'], rows));
    const pts = lam.output.summaries.filter((s) => s.label.startsWith('hybrid:')).map((s) => ({ x: Number(s.label.split(':')[1]), y: s.metrics.T50.median, lo: s.metrics.T50.p10, hi: s.metrics.T50.p90 }));
    const hMed = summary(lam, 'hierarchical').metrics.T50.median;
    const sMed = summary(lam, 'spontaneous').metrics.T50.median;
    const top = Math.ceil(Math.max(...pts.map((p) => p.hi), hMed) / 5) * 5 + 5;
    writeIfChanged(join(imgDir, 'calibration-lambda.svg'), lineChart({
      title: `Hybrid: median T50 vs λ (drug shortage, ${SEEDS} paired seeds)`,
      xLabel: 'λ (share connected and empowered)', yLabel: 'T50 (h): median, bars 10–90 %',
      x: [-0.03, 1.03], y: [0, top], xTicks: [0, 0.1, 0.2, 0.5, 1], yTicks: Array.from({ length: top / 5 + 1 }, (_, k) => 5 * k),
      series: [{ name: 'hybrid λ', color: '#1f5fa8', points: pts }],
      hlines: [{ y: hMed, label: `hierarchical: ${f(hMed, 1)} h`, color: '#c0392b', labelAt: 0.6 }, { y: sMed, label: `spontaneous: ${f(sMed, 1)} h`, color: '#2e7d32', labelAt: 0.6 }],
      legendAt: 'top-right',
    }));
  }
  const def = sweep.default;
  splice('calibration.md', 'commands', [
    table(['data file', 'command'], SWEEP.map((s) => [`[\`${s.id}.json\`](data/calibration/${s.id}.json)`, `\`${commandLine(s.args)}\``])),
    '',
    `Seeds 1–${SEEDS} in every run. Engine per run (commit; "snapshot" = run from a clean export of that commit, else the working tree; fingerprint of \`sim/\`, \`scenarios/\`, \`src/cli/\`):`,
    '',
    ...[...new Set(ids.map((id) => `${sweep[id].commit.slice(0, 7)}|${sweep[id].snapshot ? 'snapshot' : `working tree${sweep[id].dirty.length ? ` + ${sweep[id].dirty.length} uncommitted engine changes` : ''}`}|${sweep[id].sourceSha256}`))]
      .map((k) => { const [c, how, sha] = k.split('|'); return `- \`${c}\` (${how}, fingerprint \`${sha}\`): ${SWEEP.filter((s) => sweep[s.id] && `${sweep[s.id].commit.slice(0, 7)}|${sweep[s.id].snapshot ? 'snapshot' : `working tree${sweep[s.id].dirty.length ? ` + ${sweep[s.id].dirty.length} uncommitted engine changes` : ''}`}|${sweep[s.id].sourceSha256}` === k).map((s) => s.id).join(', ')}`; }),
  ].join('\n'));
}

// ---------------------------------------------------------------------------------------------------
// main

const argv = process.argv.slice(2);
const jobsAt = argv.indexOf('--jobs');
const jobs = jobsAt >= 0 ? Number(argv[jobsAt + 1]) : 2;
if (argv.includes('--snapshot')) runRoot = snapshot();
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : null;
if (argv.includes('--calibrate')) await calibrate(jobs, only);
if (argv.includes('--validate')) await revalidate();
if (!argv.includes('--no-generate')) await generate();
