/**
 * A room's answers to a scene's "predict first" question, and what actually happened, in words.
 *
 * - "saving": which side closes half the gap first, and by how much: the saving 1 − T50(right) /
 *   T50(left), the lab's one estimand, binned (the left pane is the reference, as the stories show the
 *   hierarchy on the left).
 * - "slower": which side took longer than in an earlier scene (a change of more than 5% in T50).
 * The answer is computed from the engine's metrics at the scene's end (never from a drawn frame).
 */
import type { Scene } from './story.ts';
import { modePhrase, modeTitle } from './runner.ts';

/** What the reveal needs of one scene's run: each pane's label and T50 (null: not reached). */
export interface SceneResult {
  time: number;
  labels: [string, string];
  T50: [number | null, number | null];
}

const SAVING_EDGES = [-0.1, 0.1, 0.3, 0.5];
const lower = modePhrase;

/** Short names for options on a phone and in a narrow column. */
const SHORT: Record<string, string> = { hierarchical: 'Hierarchy', spontaneous: 'Shared space' };
const shortName = (label: string) => SHORT[label] ?? (label.startsWith('hybrid') ? 'Hybrid' : modeTitle(label));

export function pollOptions(scene: Scene, labels: [string, string]): string[] {
  const [l, r] = labels.map(shortName);
  if (scene.answers === 'saving') return [`${l} faster (by over 10%)`, 'About the same (±10%)', `${r} 10–30% faster`, `${r} 30–50% faster`, `${r} >50% faster`];
  if (scene.answers === 'slower') return [`Only ${lower(l)}`, `Only ${lower(r)}`, 'Both', 'Neither'];
  return [];
}

/** The saving of the right pane over the left (1 − T50 right / T50 left), null if either is missing. */
export function savingOf(r: SceneResult): number | null {
  const [a, b] = r.T50;
  return a !== null && b !== null && a > 0 ? 1 - b / a : null;
}

/** The option that happened (−1: cannot tell yet) and a sentence saying what happened. */
export function pollAnswer(scene: Scene, now: SceneResult, earlier: SceneResult | null): { option: number; words: string } {
  const [l, r] = now.labels.map((x) => lower(modeTitle(x)));
  const t = (v: number | null) => (v === null ? 'not yet' : `${v.toFixed(1)} h`);
  if (scene.answers === 'saving') {
    const s = savingOf(now);
    if (s === null) return { option: -1, words: `Half the gap: ${l} ${t(now.T50[0])}, ${r} ${t(now.T50[1])}.` };
    let option = 0;
    while (option < SAVING_EDGES.length && s > SAVING_EDGES[option]) option++;
    const how = Math.abs(s) < 0.02 ? 'about as fast as' : s > 0 ? `${Math.round(100 * s)}% faster than` : `${Math.round(-100 * s)}% slower than`;
    return { option, words: `${cap(r)} closed half the gap ${how} ${l} (${t(now.T50[1])} vs ${t(now.T50[0])}).` };
  }
  if (scene.answers === 'slower' && earlier) {
    const slower = [0, 1].map((k) => {
      const a = earlier.T50[k];
      const b = now.T50[k];
      return a !== null && (b === null || b > a * 1.05);
    });
    const option = slower[0] && slower[1] ? 2 : slower[0] ? 0 : slower[1] ? 1 : 3;
    const change = (k: number) => `${[l, r][k]} ${t(earlier.T50[k])} → ${t(now.T50[k])}`;
    const who = ['Only ' + l + ' got slower', 'Only ' + r + ' got slower', 'Both got slower', 'Neither got slower'][option];
    return { option, words: `${who}. Half the gap closed, before → now: ${change(0)}; ${change(1)}.` };
  }
  return { option: -1, words: `Half the gap: ${l} ${t(now.T50[0])}, ${r} ${t(now.T50[1])}.` };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
