/**
 * The phone page of a workshop room (phone.html, opened from the QR code): join with a name, answer
 * the scene's "predict first" question, and play one person of the ecosystem — see what they see (the
 * problem, their team, the clock) and make their decision when the moment comes. A phone that sleeps
 * or loses Wi-Fi reconnects and rejoins as the same participant (its token is kept in the tab's session storage, which survives a reload or a sleeping phone; another tab is another participant).
 */
import './phone.css';
import type { Part, SceneInfo, ToParticipant, WireView } from '../room/protocol.ts';

const $ = (id: string) => document.getElementById(id)!;
const room = (new URLSearchParams(location.search).get('room') ?? '').toUpperCase();
const tokenKey = `starling-room-token-${room}`;

interface PhoneState {
  part: Part | null;
  scene: SceneInfo | null;
  prediction: number | null;
  view: WireView | null;
  name: string;
}
const state: PhoneState = { part: null, scene: null, prediction: null, view: null, name: '' };
(globalThis as unknown as { __phone: unknown }).__phone = state;

let ws: WebSocket | null = null;
let retry = 500;
let left = false;
let pendingJoin: unknown = null;
/** Whether the current moment has been signalled (vibrate, scroll) already. */
let asked = false;

function send(m: unknown): void {
  if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
}

function connect(): void {
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
  ws = socket;
  socket.addEventListener('open', () => {
    retry = 500;
    status('connected');
    const token = sessionStorage.getItem(tokenKey);
    if (token) send({ t: 'rejoin', room, token });
    else if (pendingJoin) send(pendingJoin);
    else $('p-join').hidden = false;
  });
  socket.addEventListener('message', (e) => receive(JSON.parse(String(e.data)) as ToParticipant));
  socket.addEventListener('close', () => {
    if (left) return;
    status('reconnecting…');
    setTimeout(connect, retry);
    retry = Math.min(8000, retry * 2);
  });
}

function status(text: string): void {
  $('p-status').textContent = text;
}

function receive(m: ToParticipant): void {
  if (m.t === 'welcome') {
    pendingJoin = null;
    sessionStorage.setItem(tokenKey, m.token);
    state.name = m.name;
    state.part = m.part;
    state.scene = m.scene;
    state.prediction = m.prediction;
    $('p-join').hidden = true;
    $('p-leave').hidden = false;
    status(`you are ${m.name}`);
  } else if (m.t === 'part') state.part = m.part;
  else if (m.t === 'scene') {
    // A new scene is a new run: the person's old view (and any open question) is gone until it starts.
    if (!state.scene || state.scene.index !== m.scene.index || m.scene.state === 'predict') state.view = null;
    state.scene = m.scene;
    state.prediction = m.prediction;
  } else if (m.t === 'view') state.view = m.view;
  else if (m.t === 'refused') {
    if (/unknown participant/.test(m.why)) {
      sessionStorage.removeItem(tokenKey);
      $('p-join').hidden = false;
    } else if (/room/.test(m.why)) {
      // A wrong code (or too many): stop retrying; the form lets them correct the code.
      left = true;
      pendingJoin = null;
      $('p-join').hidden = false;
      status('not joined');
    }
    showError(m.why);
  } else if (m.t === 'ended') {
    left = true;
    status('the room has ended — thank you');
    sessionStorage.removeItem(tokenKey);
  }
  render();
}

function showError(text: string): void {
  $('p-error').textContent = text;
  $('p-error').hidden = false;
}

const el = (tag: string, text?: string, cls = '') => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};

function render(): void {
  renderScene();
  renderPerson();
}

function renderScene(): void {
  const box = $('p-scene');
  const s = state.scene;
  box.hidden = !s;
  if (!s) return;
  box.replaceChildren(el('p', `Scene ${s.index + 1} of ${s.count}`, 'p-muted'), el('h2', s.title));
  if (s.poll && s.state !== 'predict' && !s.answer) {
    // While the scene runs the question is closed: one line, so the person's card stays in view.
    box.append(el('p', state.prediction === null ? 'Predictions are closed. Watch the screen…' : `Your prediction: ${s.poll.options[state.prediction]}. Watch the screen…`, 'p-muted'));
  } else if (s.poll) {
    box.append(el('p', s.poll.question, 'p-question'));
    const open = s.state === 'predict';
    s.poll.options.forEach((o, k) => {
      const b = el('button', o, `p-option${state.prediction === k ? ' chosen' : ''}${s.answer?.option === k ? ' truth' : ''}`) as HTMLButtonElement;
      b.type = 'button';
      b.disabled = !open;
      b.setAttribute('aria-pressed', String(state.prediction === k));
      b.addEventListener('click', () => {
        state.prediction = k;
        send({ t: 'predict', scene: s.index, option: k });
        render();
      });
      box.append(b);
    });
  }
  if (s.answer) {
    box.append(el('p', `What happened: ${s.answer.words}`, 'p-reveal'));
    if (state.prediction !== null && s.answer.option >= 0) box.append(el('p', state.prediction === s.answer.option ? 'You predicted it.' : 'Not what you predicted.', 'p-muted'));
  }
}

function renderPerson(): void {
  const box = $('p-person');
  const part = state.part;
  box.hidden = !state.name;
  if (!state.name) return;
  if (!part) {
    box.replaceChildren(el('h2', 'You are watching'), el('p', 'Everyone in this ecosystem is taken: predict with the room and watch the big screen.', 'p-muted'));
    return;
  }
  box.replaceChildren(el('p', `You play · ${part.paneTitle}`, 'p-muted'), el('h2', part.label), el('p', 'Find your white ring on the big screen.', 'p-muted'));
  const v = state.view && state.view.id === part.id ? state.view : null;
  if (!v) return void box.append(el('p', 'Waiting for the run to start…', 'p-muted'));
  // The decision first: it is what this phone is for when the moment comes.
  const running = !state.scene || state.scene.state === 'running';
  if (v.moment && running) {
    box.append(decision(v));
    if (!asked) {
      asked = true;
      navigator.vibrate?.(150);
      box.scrollIntoView({ block: 'start', behavior: 'smooth' });
    }
  } else asked = false;
  const facts = el('dl', undefined, 'p-facts');
  const fact = (k: string, val: string) => facts.append(el('dt', k), el('dd', val));
  fact('Clock', `${v.time.toFixed(1)} h`);
  if (v.problem) fact('The problem', `${v.problem.label}: ${v.problem.status === 'open' ? `${Math.round(100 * v.problem.left)}% of the gap still open` : v.problem.status === 'pending' ? 'not started yet' : v.problem.status}`);
  fact('You', stateWords(v));
  if (v.team && v.problem?.status === 'open') fact('The team', `${v.team.committed} committed, ${v.team.onSite} on site, ${Math.round(100 * v.team.coverage)}% of the skills needed covered`);
  if (v.problem) fact('Your skill in what it needs', `${Math.round(100 * v.skill)}%`);
  box.append(facts);
  if (!(v.moment && running) && v.choice !== 'undecided' && part.part !== 'front line') box.append(el('p', v.choice === 'yes' ? (part.part === 'top manager' ? 'You forwarded the report.' : 'You chose to help.') : (part.part === 'top manager' ? 'You are holding reports for the batch.' : 'You chose your day job.'), 'p-muted'));
}

function stateWords(v: WireView): string {
  if (v.state === 'engaged') return v.directed ? 'working on the problem (you were told to)' : 'working on the problem with the team';
  if (v.state === 'committed') return v.directed ? 'on your way: your manager assigned you' : 'on your way to help';
  if (v.state === 'informed') return 'you know about the problem; you are on your day job';
  return 'on your day job';
}

function decision(v: WireView): HTMLElement {
  const wrap = el('div', undefined, 'p-decision');
  const forward = v.moment === 'forward';
  wrap.append(el('p', forward
    ? 'A report about the problem is on your desk. Partner firms must act too. Send it across now, or hold it for the next batch of the formal channel?'
    : 'You have seen the problem in the shared space, and you could help. Nobody will tell you to. Join the team, or stay on your day job?', 'p-question'));
  const yes = el('button', forward ? 'Forward it now' : 'Join the team', 'p-yes') as HTMLButtonElement;
  const no = el('button', forward ? 'Hold it for the batch' : 'Stay on my day job', 'p-no') as HTMLButtonElement;
  for (const [b, answer] of [[yes, true], [no, false]] as const) {
    b.type = 'button';
    b.setAttribute('aria-pressed', String(v.choice === (answer ? 'yes' : 'no')));
    b.addEventListener('click', () => send({ t: 'decide', yes: answer }));
  }
  wrap.append(yes, no);
  return wrap;
}

$('p-room').textContent = room ? `room ${room}` : '';
$('p-join-btn').addEventListener('click', () => {
  const name = ($('p-name') as HTMLInputElement).value.trim();
  const code = ($('p-code') as HTMLInputElement).value.trim().toUpperCase();
  // A corrected code: that room's page, which joins at once with the name typed here.
  if (code !== room) return void location.assign(`?room=${encodeURIComponent(code)}${name ? `&name=${encodeURIComponent(name)}` : ''}&join=1`);
  pendingJoin = name ? { t: 'join', room, name } : { t: 'join', room };
  if (ws?.readyState === WebSocket.OPEN) send(pendingJoin);
  else {
    left = false;
    connect(); // after Leave (the server closed the connection): join again as a new participant
  }
});
$('p-leave').addEventListener('click', () => {
  if (!confirm('Leave the room? Your person goes back to the model.')) return;
  left = true;
  pendingJoin = null;
  send({ t: 'leave' });
  sessionStorage.removeItem(tokenKey);
  state.name = '';
  state.part = null;
  $('p-leave').hidden = true;
  status('you left the room');
  state.scene = null;
  state.view = null;
  state.prediction = null;
  $('p-join').hidden = false;
  render();
});
($('p-code') as HTMLInputElement).value = room;
const query = new URLSearchParams(location.search);
($('p-name') as HTMLInputElement).value = query.get('name') ?? '';
if (query.get('join') === '1') pendingJoin = query.get('name') ? { t: 'join', room, name: query.get('name') } : { t: 'join', room };
if (!/^[A-Z2-9]{6}$/.test(room)) {
  showError('This link has no room code: type the code shown on the screen, or scan the QR code again.');
  $('p-join').hidden = false;
  status('not joined');
} else connect();
