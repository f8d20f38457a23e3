/** The room's poll: options, the answer from the engine's result, and the story checks for it. */
import { describe, expect, it } from 'vitest';
import { pollAnswer, pollOptions, savingOf, type SceneResult } from '../sim/model/storyPoll.ts';
import { resolveStory, type Scene } from '../sim/model/story.ts';
import { SCENARIOS } from '../sim/model/catalog.ts';
import { STORIES } from '../sim/model/stories.ts';

const scene = (over: Partial<Scene>): Scene => ({ title: 't', caption: 'c', runUntil: 'T50', predict: 'q?', ...over }) as Scene;
const result = (a: number | null, b: number | null): SceneResult => ({ time: 40, labels: ['hierarchical', 'spontaneous'], T50: [a, b] });

describe('poll answers', () => {
  it('"saving" bins 1 − T50(right)/T50(left) at −10%, 10%, 30%, 50%', () => {
    const s = scene({ answers: 'saving' });
    expect(pollOptions(s, ['hierarchical', 'spontaneous'])).toHaveLength(5);
    const cases: Array<[number, number, number]> = [[20, 30, 0], [20, 21, 1], [20, 19, 1], [20, 15, 2], [20, 12, 3], [20, 9, 4], [20, 10, 3]];
    for (const [a, b, option] of cases) expect(pollAnswer(s, result(a, b), null).option, `${a} vs ${b}`).toBe(option);
    expect(savingOf(result(40, 10))).toBeCloseTo(0.75, 12);
    expect(pollAnswer(s, result(31.2, 18.5), null).words).toBe('Spontaneous association closed half the gap 41% faster than the hierarchy (18.5 h vs 31.2 h).');
    expect(pollAnswer(s, result(31.2, null), null).option).toBe(-1);
  });
  it('"slower" compares each pane with the earlier scene (a change over 5%)', () => {
    const s = scene({ answers: 'slower', compare: 1 });
    const before = result(31.2, 18.5);
    expect(pollAnswer(s, result(38.1, 18.5), before).option).toBe(0);
    expect(pollAnswer(s, result(31.2, 25), before).option).toBe(1);
    expect(pollAnswer(s, result(40, 25), before).option).toBe(2);
    expect(pollAnswer(s, result(32, 19), before).option).toBe(3);
    expect(pollAnswer(s, result(38.1, 18.5), before).words).toMatch(/^Only the hierarchy got slower\./);
  });
  it('stories are checked: compare must be earlier, answers need a question, slow needs from < to', () => {
    const base = STORIES['drug-shortage'] as { scenes: Array<Record<string, unknown>> };
    const bad = structuredClone(base);
    bad.scenes[1] = { ...bad.scenes[1], compare: 3 };
    bad.scenes[0] = { ...bad.scenes[0], answers: 'saving' };
    bad.scenes[2] = { ...bad.scenes[2], slow: [8, 2] };
    expect(() => resolveStory(bad, SCENARIOS)).toThrow(/scenes\[0\]\.answers: needs a "predict" question[\s\S]*scenes\[1\]\.compare: 3 is not an earlier scene[\s\S]*scenes\[2\]\.slow/);
    expect(() => resolveStory(base, SCENARIOS)).not.toThrow();
  });
});
