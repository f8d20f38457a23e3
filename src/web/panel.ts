/**
 * The parameter controls, generated from the declarations (sim/model/params.ts): each with its
 * plain-language label, unit and one-sentence help, the research name kept as a secondary line,
 * grouped in the sections an executive looks for. Built once; a new scenario only updates values, so
 * open sections stay open. Typed values are checked against the declared range (not the slider's):
 * outside it the control says why and nothing is sent, so the running simulation is kept.
 */
import { GROUP_TITLES, PARAMS, type GroupName } from '../../sim/model/params.ts';
import { SECTIONS, checkInput, type ParamDecl, type SectionName } from '../../sim/params/declare.ts';
import type { Scenario } from '../../sim/model/scenario.ts';

type Commit = (path: string, value: unknown) => void;
type Input = HTMLInputElement | HTMLSelectElement;

interface Row {
  path: string;
  decl: ParamDecl;
  inputs: Input[];
  error: HTMLElement;
  /** The value the run has now: sending it again would only restart the run. */
  current?: unknown;
}

const OPEN: SectionName[] = ['hierarchy'];
const UNIT_WORDS: Record<string, string> = { u: 'map units', '/h': 'per hour', share: 'share, 0–1', 'h/hop': 'h per layer' };

let ids = 0;

export class ParamPanel {
  private rows: Row[] = [];
  /** Section bodies, for the ecosystem and shock editors to mount into. */
  readonly sections = new Map<SectionName, HTMLElement>();

  constructor(private readonly commit: Commit) {}

  /** Every lab parameter, by section (Advanced holds one sub-folder per research group). */
  mountAll(host: HTMLElement): void {
    for (const section of Object.keys(SECTIONS) as SectionName[]) {
      const body = folder(host, SECTIONS[section], OPEN.includes(section), `section-${section}`);
      this.sections.set(section, body);
      if (section === 'advanced') {
        for (const g of Object.keys(PARAMS) as GroupName[]) {
          const entries = labEntries(g).filter(([, d]) => d.section === 'advanced');
          if (!entries.length) continue;
          const sub = folder(body, GROUP_TITLES[g], false, `advanced-${g}`);
          for (const [key, d] of entries) this.addRow(sub, `${g}.${key}`, d);
        }
      } else {
        for (const g of Object.keys(PARAMS) as GroupName[]) for (const [key, d] of labEntries(g).filter(([, x]) => x.section === section)) this.addRow(body, `${g}.${key}`, d);
      }
    }
  }

  /** The handful of key controls (declared `key: true`), for beside the maps. */
  mountKeys(host: HTMLElement): void {
    for (const g of Object.keys(PARAMS) as GroupName[]) for (const [key, d] of labEntries(g).filter(([, x]) => x.key)) this.addRow(host, `${g}.${key}`, d, true);
  }

  /** Show a scenario's values without rebuilding (open folders and focus stay where they are). */
  update(scenario: Scenario): void {
    for (const row of this.rows) {
      const [g, k] = row.path.split('.');
      const v = (scenario[g as GroupName] as Record<string, unknown>)[k];
      row.current = v;
      for (const input of row.inputs) {
        // Never overwrite the box someone is typing in (an earlier change's answer may arrive meanwhile).
        if (input === document.activeElement && input.type !== 'checkbox' && input.type !== 'range') continue;
        if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = Boolean(v);
        else if (input instanceof HTMLInputElement && input.type === 'range') input.value = String(Math.min(Number(input.max), Number(v)));
        else input.value = String(v);
      }
      row.error.hidden = true;
      row.error.textContent = '';
    }
  }

  /** A message beside every control of `path` (e.g. the worker refused a combination). */
  fieldError(path: string, message: string): boolean {
    const rows = this.rows.filter((r) => r.path === path);
    for (const r of rows) {
      r.error.textContent = message;
      r.error.hidden = false;
    }
    return rows.length > 0;
  }

  /** Every control, for tests and for the "every control works" check. */
  paths(): string[] {
    return [...new Set(this.rows.map((r) => r.path))];
  }

  private addRow(host: HTMLElement, path: string, decl: ParamDecl, compact = false): void {
    const id = `param-${++ids}`;
    const el = document.createElement('div');
    el.className = `param${compact ? ' compact' : ''}`;
    el.dataset.path = path;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.className = 'param-label';
    label.textContent = decl.label ?? path;
    const unit = decl.kind === 'number' && decl.unit ? UNIT_WORDS[decl.unit] ?? decl.unit : '';
    if (unit) label.insertAdjacentHTML('beforeend', ` <span class="unit"></span>`), (label.lastElementChild!.textContent = `(${unit})`);
    const box = document.createElement('div');
    box.className = 'param-input';
    const error = document.createElement('p');
    error.className = 'param-error';
    error.setAttribute('role', 'alert');
    error.hidden = true;
    const help = document.createElement('p');
    help.className = 'param-help';
    help.id = `${id}-help`;
    help.textContent = decl.help ?? decl.doc;
    const research = document.createElement('code');
    research.className = 'research';
    research.textContent = path;
    research.title = decl.doc;
    help.append(' ', research);
    const row: Row = { path, decl, inputs: [], error };
    const send = (typed: string | boolean) => {
      const checked = checkInput(decl, typed);
      if (!checked.ok) {
        error.textContent = checked.message;
        error.hidden = false;
        return;
      }
      error.hidden = true;
      if (checked.value !== row.current) this.commit(path, checked.value);
    };
    if (decl.kind === 'number') {
      const slider = document.createElement('input');
      slider.type = 'range';
      slider.min = String(decl.min);
      slider.max = String(comfortableMax(path, decl.default, decl.max));
      slider.step = String(decl.step ?? (decl.integer ? 1 : niceStep(decl.min, Number(slider.max))));
      slider.setAttribute('aria-label', `${decl.label ?? path} slider`);
      slider.tabIndex = -1; // the number box is the keyboard's control (and accepts the whole range)
      const num = document.createElement('input');
      num.type = 'number';
      num.id = id;
      num.min = String(decl.min);
      num.max = String(decl.max);
      num.step = 'any';
      num.setAttribute('aria-describedby', `${id}-help`);
      slider.addEventListener('input', () => (num.value = slider.value));
      slider.addEventListener('change', () => send(slider.value));
      num.addEventListener('change', () => send(num.value));
      box.append(slider, num);
      row.inputs.push(slider, num);
    } else if (decl.kind === 'enum') {
      const sel = document.createElement('select');
      sel.id = id;
      for (const o of decl.options) sel.add(new Option(o, o));
      sel.addEventListener('change', () => send(sel.value));
      box.append(sel);
      row.inputs.push(sel);
    } else {
      const cb = document.createElement('input');
      cb.type = 'checkbox';
      cb.id = id;
      cb.addEventListener('change', () => send(cb.checked));
      box.append(cb);
      row.inputs.push(cb);
    }
    el.append(label, box, error);
    if (!compact) el.append(help);
    else label.title = decl.help ?? decl.doc;
    host.append(el);
    this.rows.push(row);
  }
}

function labEntries(g: GroupName): Array<[string, ParamDecl]> {
  return (Object.entries(PARAMS[g]) as Array<[string, ParamDecl]>).filter(([, d]) => d.lab !== false);
}

function folder(host: HTMLElement, title: string, open: boolean, id: string): HTMLElement {
  const d = document.createElement('details');
  d.className = 'folder';
  d.id = id;
  d.open = open;
  const s = document.createElement('summary');
  s.textContent = title;
  const body = document.createElement('div');
  body.className = 'folder-body';
  d.append(s, body);
  host.append(d);
  return body;
}

/** Sliders over huge declared ranges are useless: the slider covers a comfortable range, the box all of it. */
function comfortableMax(path: string, def: number, max: number): number {
  if (max <= 24 || path === 'hierarchy.batchPeriod') return max;
  return Math.min(max, Math.max(def * 4, path === 'run.horizon' ? 1000 : 10));
}

function niceStep(min: number, max: number): number {
  const span = max - min;
  return span <= 1 ? 0.01 : span <= 10 ? 0.1 : 1;
}
