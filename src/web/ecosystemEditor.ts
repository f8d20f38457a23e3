/**
 * The ecosystem editor, in the page: the firms (add, remove, rename, role, headcount, layers, span),
 * trust between any two named firms, and the scenario's shocks (the firm each hits, kind, size,
 * start). Every edit is a pure scenario-JSON edit (scenarioEdits.ts) handed to `apply`, which sends
 * it to the worker; a refused edit shows its message here and the running simulation is kept.
 */
import { ROLES, SHOCK_KINDS, type Role } from '../../sim/model/params.ts';
import type { Scenario } from '../../sim/model/scenario.ts';
import { FIRM_COLOURS, hex } from './colours.ts';
import { addFirm, removeFirm, removeShock, setFirm, setShock, setTrust, type FirmField, type ShockField } from './scenarioEdits.ts';

type Raw = Record<string, unknown>;
export type Apply = (edit: (raw: Raw, s: Scenario) => Raw) => Promise<string | null>;

export class EcosystemEditor {
  private firmsHost = document.createElement('div');
  private trustHost = document.createElement('div');
  private shocksHost = document.createElement('div');
  private firmsError = errorLine();
  private shocksError = errorLine();

  constructor(ecosystem: HTMLElement, shock: HTMLElement, private readonly apply: Apply) {
    this.firmsHost.className = 'editor';
    this.trustHost.className = 'editor';
    this.shocksHost.className = 'editor';
    ecosystem.prepend(heading('Firms'), this.firmsHost, this.firmsError, heading('Trust between firms'), this.trustHost);
    shock.prepend(heading('Shocks in this scenario'), this.shocksHost, this.shocksError);
  }

  render(s: Scenario): void {
    const focused = document.activeElement?.id;
    this.firmsHost.replaceChildren(this.firmsTable(s), this.addRow());
    this.trustHost.replaceChildren(this.trustTable(s));
    this.shocksHost.replaceChildren(this.shocksTable(s));
    if (focused) document.getElementById(focused)?.focus();
  }

  private async run(edit: (raw: Raw, s: Scenario) => Raw, where: HTMLElement): Promise<void> {
    const message = await this.apply(edit);
    where.textContent = message ?? '';
    where.hidden = !message;
  }

  private firmsTable(s: Scenario): HTMLTableElement {
    const t = table(['', 'Name', 'Role', 'People', 'Layers', 'Reports per manager', '']);
    s.firms.forEach((f, i) => {
      const tr = t.tBodies[0].insertRow();
      const sw = tr.insertCell();
      sw.innerHTML = `<span class="swatch" style="background:${hex(FIRM_COLOURS[i % FIRM_COLOURS.length])}"></span>`;
      const field = (name: FirmField, input: HTMLInputElement | HTMLSelectElement) => {
        input.id = `firm-${i}-${name}`;
        input.setAttribute('aria-label', `${f.name}: ${name}`);
        input.addEventListener('change', () => void this.run((raw, sc) => setFirm(raw, sc, i, name, input.value), this.firmsError));
        tr.insertCell().append(input);
      };
      field('name', text(f.name, 80));
      field('role', select(ROLES, f.role));
      field('headcount', number(f.headcount, 2, 20000, 1));
      field('layers', number(f.layers, 1, 10, 1));
      field('span', number(f.span, 1, 50, 1));
      const rm = button('Remove', `Remove ${f.name}`);
      rm.id = `firm-${i}-remove`;
      rm.addEventListener('click', () => void this.run((raw, sc) => removeFirm(raw, sc, i), this.firmsError));
      tr.insertCell().append(rm);
    });
    return t;
  }

  private addRow(): HTMLElement {
    const row = document.createElement('div');
    row.className = 'editor-add';
    const role = select(ROLES, 'distributor');
    role.id = 'add-firm-role';
    role.setAttribute('aria-label', 'Role of the new firm');
    const add = button('Add a firm');
    add.id = 'add-firm';
    add.addEventListener('click', () => void this.run((raw, sc) => addFirm(raw, sc, role.value as Role), this.firmsError));
    row.append(role, add);
    return row;
  }

  private trustTable(s: Scenario): HTMLTableElement {
    const t = table(['', ...s.firms.map((f) => f.name)]);
    s.firms.forEach((f, i) => {
      const tr = t.tBodies[0].insertRow();
      const th = document.createElement('th');
      th.textContent = f.name;
      tr.append(th);
      s.firms.forEach((g, j) => {
        const cell = tr.insertCell();
        if (i === j) cell.textContent = '—';
        else if (j < i) cell.textContent = String(s.trust[i][j]);
        else {
          const input = number(s.trust[i][j], 0, 1, 0.05);
          input.id = `trust-${i}-${j}`;
          input.setAttribute('aria-label', `Trust between ${f.name} and ${g.name}`);
          input.addEventListener('change', () => void this.run((raw, sc) => setTrust(raw, sc, i, j, Number(input.value)), this.firmsError));
          cell.append(input);
        }
      });
    });
    t.classList.add('trust');
    return t;
  }

  private shocksTable(s: Scenario): HTMLTableElement {
    const t = table(['Shock', 'Kind', 'Hits firm', 'Size', 'Starts at (h)', '']);
    s.shocks.forEach((sh, k) => {
      const tr = t.tBodies[0].insertRow();
      tr.insertCell().textContent = sh.label;
      const field = (name: ShockField, input: HTMLInputElement | HTMLSelectElement) => {
        input.id = `shock-${k}-${name}`;
        input.setAttribute('aria-label', `Shock ${k + 1}: ${name === 'owner' ? 'firm it hits' : name}`);
        input.addEventListener('change', () => void this.run((raw, sc) => setShock(raw, sc, k, name, input.value), this.shocksError));
        tr.insertCell().append(input);
      };
      field('kind', select(SHOCK_KINDS, sh.kind));
      const owner = document.createElement('select');
      s.firms.forEach((f, i) => owner.add(new Option(f.name, String(i), false, i === sh.owner)));
      field('owner', owner);
      field('gap', number(sh.gap, 0.001, 1e6, 1));
      field('onset', number(sh.onset, 0, s.run.horizon, 0.5));
      const rm = button('Remove', `Remove shock ${k + 1}`);
      rm.addEventListener('click', () => void this.run((raw) => removeShock(raw, k), this.shocksError));
      tr.insertCell().append(rm);
    });
    return t;
  }
}

function errorLine(): HTMLElement {
  const p = document.createElement('p');
  p.className = 'param-error';
  p.setAttribute('role', 'alert');
  p.hidden = true;
  return p;
}

function heading(text: string): HTMLElement {
  const h = document.createElement('h3');
  h.className = 'editor-title';
  h.textContent = text;
  return h;
}

function table(head: string[]): HTMLTableElement {
  const t = document.createElement('table');
  t.className = 'edit-table';
  const tr = t.createTHead().insertRow();
  for (const h of head) {
    const th = document.createElement('th');
    th.textContent = h;
    tr.append(th);
  }
  t.createTBody();
  return t;
}

function number(value: number, min: number, max: number, step: number): HTMLInputElement {
  const i = document.createElement('input');
  i.type = 'number';
  i.value = String(value);
  i.min = String(min);
  i.max = String(max);
  i.step = String(step);
  return i;
}

function text(value: string, max: number): HTMLInputElement {
  const i = document.createElement('input');
  i.type = 'text';
  i.value = value;
  i.maxLength = max;
  return i;
}

function select(options: readonly string[], value: string): HTMLSelectElement {
  const s = document.createElement('select');
  for (const o of options) s.add(new Option(o.replace('-', ' '), o, false, o === value));
  return s;
}

function button(label: string, aria?: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (aria) b.setAttribute('aria-label', aria);
  return b;
}
