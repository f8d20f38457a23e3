/**
 * Guided stories for workshops: ordered scenes on top of a scenario. Each scene has a caption, the
 * parameter changes it makes (cumulative from scene to scene), optionally which organisations the two
 * panes show, shocks it adds, how long it runs before pausing for discussion, and an optional
 * "predict first" question asked before the result is revealed. Validated like scenarios.
 */
import { z } from 'zod';
import { ValidationError, formatIssues } from '../params/errors.ts';
import { applyOverrides } from './overrides.ts';
import { resolveScenario } from './scenario.ts';
import { SHOCK_KINDS } from './params.ts';

const paneSchema = z.union([
  z.literal('hierarchical'),
  z.literal('spontaneous'),
  z.string().regex(/^hybrid:(0(\.\d+)?|1(\.0+)?)$/, 'a pane is hierarchical, spontaneous or hybrid:λ with λ between 0 and 1'),
]);

const sceneSchema = z.strictObject({
  title: z.string().min(1).max(120).describe('Short scene title'),
  caption: z.string().min(1).max(1200).describe('What the trainer says / the room reads'),
  set: z.record(z.string().max(120), z.union([z.number(), z.string().max(200), z.boolean()])).optional().describe('Parameter changes (path → value), kept for later scenes'),
  panes: z.tuple([paneSchema, paneSchema]).optional().describe('The organisations shown left and right (kept for later scenes)'),
  shocks: z.array(z.strictObject({ kind: z.enum(SHOCK_KINDS), owner: z.number().int().min(0).max(11), onset: z.number().min(0).max(100000), falseAlarm: z.boolean().optional(), location: z.tuple([z.number(), z.number()]).optional(), label: z.string().max(120).optional() })).max(20).optional().describe('Shocks added in this scene (kept for later scenes)'),
  runUntil: z.union([z.enum(['T50', 'T90']), z.number().min(0).max(100000)]).default('T50').describe('Run until both panes reach T50/T90, or until this many hours, then pause'),
  predict: z.string().min(1).max(300).optional().describe('A "predict first" question asked before the run reveals the answer'),
  answers: z.enum(['saving', 'slower']).optional().describe('How a room answers the question on phones: "saving" (which side is faster, and by how much) or "slower" (which side got slower than in the compared scene)'),
  compare: z.number().int().min(0).max(29).optional().describe('An earlier scene whose result the reveal shows beside this one (small multiples)'),
  slow: z.tuple([z.number().min(0).max(100000), z.number().min(0).max(100000)]).optional().describe('Hours [from, to] played in slow motion (one tick per frame), the moment that matters'),
});

export const storySchema = z.strictObject({
  $schema: z.string().max(500).optional(),
  name: z.string().min(1).max(80).regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
  title: z.string().min(1).max(120),
  summary: z.string().max(2000).default(''),
  scenario: z.string().min(1).max(80).describe('Name of a shipped scenario the story starts from'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  scenes: z.array(sceneSchema).min(1).max(30),
});

export type Story = z.output<typeof storySchema>;
export type Scene = Story['scenes'][number];

/** The state of the lab at the start of scene k: the scenario with every change so far, and the panes. */
export interface SceneSetup {
  raw: Record<string, unknown>;
  panes: [string, string];
}

export function sceneSetup(story: Story, base: Record<string, unknown>, k: number): SceneSetup {
  let raw = structuredClone(base);
  let panes: [string, string] = ['hierarchical', 'spontaneous'];
  for (let i = 0; i <= k; i++) {
    const scene = story.scenes[i];
    if (scene.set) raw = applyOverrides(raw, Object.entries(scene.set).map(([p, v]) => `${p}=${JSON.stringify(v)}`)) as Record<string, unknown>;
    if (scene.panes) panes = scene.panes as [string, string];
    if (scene.shocks) raw = { ...raw, shocks: [...((raw.shocks as unknown[]) ?? []), ...scene.shocks] };
  }
  return { raw, panes };
}

/** Validate a story against its scenarios: every scene must produce a valid scenario. */
export function resolveStory(input: unknown, scenarios: Record<string, unknown>, what = 'story'): Story {
  const parsed = storySchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(what, formatIssues(parsed.error.issues, input, (path) => (path.length === 0 ? Object.keys(storySchema.shape) : path[0] === 'scenes' && path.length === 2 ? Object.keys(sceneSchema.shape) : [])));
  const story = parsed.data;
  const base = scenarios[story.scenario];
  if (!base) throw new ValidationError(what, [`scenario: "${story.scenario}" is not a shipped scenario (choose one of ${Object.keys(scenarios).join(', ')})`]);
  const problems: string[] = [];
  story.scenes.forEach((scene, k) => {
    if (scene.compare !== undefined && scene.compare >= k) problems.push(`scenes[${k}].compare: ${scene.compare} is not an earlier scene (use 0 to ${k - 1}, or leave it out)`);
    if (scene.answers && !scene.predict) problems.push(`scenes[${k}].answers: needs a "predict" question to answer`);
    if (scene.answers === 'slower' && scene.compare === undefined) problems.push(`scenes[${k}].answers: "slower" needs "compare" (the scene to compare with)`);
    if (scene.slow && !(scene.slow[0] < scene.slow[1])) problems.push(`scenes[${k}].slow: [from, to] needs from < to (hours)`);
  });
  story.scenes.forEach((_scene, k) => {
    try {
      resolveScenario(sceneSetup(story, base as Record<string, unknown>, k).raw, `scenes[${k}]`);
    } catch (err) {
      problems.push(...(err instanceof ValidationError ? err.problems.map((p) => `scenes[${k}]: ${p}`) : [`scenes[${k}]: ${(err as Error).message}`]));
    }
  });
  if (problems.length) throw new ValidationError(what, problems);
  return story;
}
