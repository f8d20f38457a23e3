/** The legend (every mark on the map) and the plain-language "About the model" panel. */
import { FIRM_COLOURS, hex } from './colours.ts';
const dot = (fill: string, r = 5, opacity = 1) => `<svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="${r}" fill="${fill}" fill-opacity="${opacity}"/></svg>`;
const ring = (stroke: string) => `<svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="6" fill="none" stroke="${stroke}" stroke-width="2"/></svg>`;

export function renderLegend(): string {
  const items = [
    [dot(hex(FIRM_COLOURS[0])) + dot(hex(FIRM_COLOURS[1])) + dot(hex(FIRM_COLOURS[2])), 'People, coloured by firm (circles round each firm\'s home, labelled by role)'],
    [`<svg width="16" height="16" aria-hidden="true"><polygon points="8,1 15,8 8,15 1,8" fill="#ccc"/></svg>`, 'Boundary spanner (diamond): links firms, sees further'],
    [dot('#ccc', 3, 0.45), 'Idle: small and dim'],
    [dot('#ccc', 4, 0.75), 'Informed: knows about a shock'],
    [dot('#ccc', 5, 0.95), 'Committed: on the way to help'],
    [dot('#fff', 6.5, 1), 'Engaged: working on the shock, bright and large'],
    [`<svg width="16" height="16" aria-hidden="true"><line x1="1" y1="14" x2="15" y2="2" stroke="#fff" stroke-opacity="0.5"/></svg>`, 'Team link: who works on which shock'],
    [ring('#ff4d4f'), 'Shock: drawn where the work is (between the firms whose skills it needs), not where it shows; the ring shrinks as the gap closes; grey = a false alarm; green = resolved'],
    [dot('#ffd591', 3), 'Hierarchy message: a report climbing, an order descending'],
    [dot('#fadb14', 4), 'Formal channel: a batch crossing between firms'],
    [ring('#40a9ff'), 'Shared-space broadcast: everyone connected sees the event'],
  ];
  return `<h2>Legend</h2><ul>${items.map(([mark, text]) => `<li>${mark}<span>${text}</span></li>`).join('')}</ul>`;
}

export function renderAbout(): string {
  return `<h2 id="about-title" tabindex="-1" autofocus>About the model</h2>
<p>Starling simulates a business ecosystem — supplier, manufacturer, distributor, retailer and customers — hit by a shock such as a drug shortage. It runs the same shock, with the same people and the same random events, under two ways of organising the response.</p>
<p><strong>Hierarchical.</strong> Whoever notices the problem reports to their manager. Managers are busy (each report waits in a queue of other exceptions), so the report climbs one layer at a time to the manager who covers every function needed — often the top. Other firms are reached through a formal channel that runs in batches (every 8 hours by default), then the order descends their hierarchies, a decision is taken, and people act when told. Production waits for planning.</p>
<p><strong>Spontaneous association.</strong> Everyone is connected to a shared space and “sees the event at the same time”. People whose skills fit — in any firm — commit of their own accord, see who else is coming, and stop once every needed skill is covered. They move together into cross-firm teams, like a flock of starlings turning together (each person heeds the seven nearest people, as starlings do) — and that flocking does real work: nobody has released a volunteer from the day job, which keeps pulling them back, so a volunteer stays on the problem only because their goal and the rest of the team draw them in (switch off cross-firm flocking and the shared space is measurably slower: about a fifth of its lead goes). Watching the shared space costs attention, for every problem on it.</p>
<p><strong>Where the 40% comes from.</strong> A supply-chain vice-president of a generic-drug maker described a shared virtual space in which commercial, operations, manufacturing, suppliers and shipping see a shortage at the same time, and said this “can save as much as 40% in response time” compared with cutting through planning and manufacturing layers. Starling does not assume that number: the saving comes out of the mechanisms above, and with the default settings it lands between 30% and 50% for a drug shortage over hundreds of paired seeds (press “Run 50 seeds” to see the spread). How strongly volunteers commit, against the pull of their day job, is not known from data; over the range of such unanchored settings the saving spreads much wider than over seeds (docs/calibration.md).</p>
<p><strong>When the hierarchy wins.</strong> Spontaneous association is not free. The hierarchy ties or wins when the problem is local and the front line can fix it alone (the shared space only adds the cost of everyone watching); when signals are noisy, because managers filter false alarms while a shared space mobilises on every one; when many routine problems arrive at once, because everyone connected watches every one of them while managers only see what reaches them; and when movement is so noisy that teams cannot hold together. Low trust weakens spontaneous association, but in this model a team of weakly trusting volunteers still holds: only near-zero trust removes the advantage. Deep hierarchies and long batch cycles make the hierarchy slower; a small connected minority (boundary spanners first) already gives most of the gain.</p>
<p>The full model description (ODD protocol), its validation against published flocking results, and the calibration are in the project's <code>docs/</code> folder.</p>
<form method="dialog"><button data-close type="submit">Close</button></form>`;
}

/** Fill the legend and the About dialog, and wire the About button. */
export function mountTexts(): void {
  const about = document.getElementById('about') as HTMLDialogElement;
  about.innerHTML = renderAbout();
  about.addEventListener('click', (e) => {
    if ((e.target as HTMLElement).dataset.close !== undefined) about.close();
  });
  document.getElementById('about-open')!.addEventListener('click', () => about.showModal());
  document.getElementById('legend')!.innerHTML = renderLegend();
}
