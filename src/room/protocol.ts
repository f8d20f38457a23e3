/**
 * The workshop room's messages (JSON over one WebSocket per phone or presenter), validated with zod
 * on the server before anything acts on them. A participant can only speak for themselves: no
 * participant message names a person, a pane or another participant; the server maps each one to the
 * sender's own person. Presenter messages are accepted only on a connection that showed the
 * presenter token.
 */
import { z } from 'zod';

/** Largest message the server reads (bytes); bigger ones are dropped (ws closes the socket above 4 KiB). */
export const MAX_PARTICIPANT_MESSAGE = 1024;
export const MAX_PRESENTER_MESSAGE = 1 << 20;
/** Room codes: 6 letters from an alphabet without look-alikes (0/O, 1/I/L), drawn at random. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;
export const codeSchema = z.string().length(CODE_LENGTH).regex(/^[A-HJKMNP-Z2-9]+$/);
const token = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** Answers to a scene's "predict first" question: options chosen by index. */
export const pollSchema = z.strictObject({
  scene: z.number().int().min(0).max(100),
  question: z.string().max(300),
  options: z.array(z.string().max(120)).min(2).max(8),
});
export type Poll = z.infer<typeof pollSchema>;

// --- from a phone ----------------------------------------------------------------------------------
export const participantMessage = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('join'), room: codeSchema, name: z.string().trim().min(1).max(40).regex(/^[^<>]*$/).optional() }),
  z.strictObject({ t: z.literal('rejoin'), room: codeSchema, token }),
  z.strictObject({ t: z.literal('predict'), scene: z.number().int().min(0).max(100), option: z.number().int().min(0).max(7) }),
  z.strictObject({ t: z.literal('decide'), yes: z.boolean() }),
  z.strictObject({ t: z.literal('leave') }),
  z.strictObject({ t: z.literal('ping') }),
]);
export type ParticipantMessage = z.infer<typeof participantMessage>;

// --- from the presenter's screen ------------------------------------------------------------------
const pane = z.union([z.literal(0), z.literal(1)]);
export const castMember = z.strictObject({ pane, id: z.number().int().min(0).max(10_000_000), label: z.string().max(160), part: z.string().max(40), firm: z.string().max(80), paneTitle: z.string().max(80) });
export type CastEntry = z.infer<typeof castMember>;

const view = z.strictObject({
  id: z.number().int(),
  time: z.number(),
  state: z.string().max(20),
  moment: z.union([z.literal('join'), z.literal('forward'), z.null()]),
  choice: z.enum(['undecided', 'yes', 'no']),
  directed: z.boolean(),
  problem: z.strictObject({ label: z.string().max(160), left: z.number(), status: z.string().max(20) }).nullable(),
  team: z.strictObject({ committed: z.number(), onSite: z.number(), coverage: z.number() }).nullable(),
  skill: z.number(),
});
export type WireView = z.infer<typeof view>;

export const sceneInfo = z.strictObject({
  story: z.string().max(120),
  index: z.number().int().min(0).max(100),
  count: z.number().int().min(1).max(100),
  title: z.string().max(160),
  state: z.enum(['predict', 'running', 'paused', 'finished']),
  poll: pollSchema.nullable(),
  /** After the reveal: the option that happened, and the result in words. */
  answer: z.strictObject({ option: z.number().int().min(-1).max(7), words: z.string().max(400) }).nullable(),
});
export type SceneInfo = z.infer<typeof sceneInfo>;

export const presenterMessage = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('present'), room: codeSchema, token }),
  z.strictObject({ t: z.literal('cast'), members: z.array(castMember).max(5000) }),
  z.strictObject({ t: z.literal('scene'), scene: sceneInfo }),
  z.strictObject({ t: z.literal('views'), views: z.array(z.strictObject({ pane, view })).max(5000) }),
  z.strictObject({ t: z.literal('applied'), scene: z.number().int().min(0).max(100), decisions: z.array(z.strictObject({ tick: z.number().int().min(0), pane, id: z.number().int().min(0), kind: z.enum(['embody', 'release', 'decide']), yes: z.boolean().optional() })).max(100_000), result: z.record(z.string().max(40), z.union([z.number(), z.string().max(400), z.null()])) }),
  z.strictObject({ t: z.literal('record') }),
  z.strictObject({ t: z.literal('end') }),
]);
export type PresenterMessage = z.infer<typeof presenterMessage>;

// --- from the server --------------------------------------------------------------------------------
export interface Part {
  pane: 0 | 1;
  id: number;
  label: string;
  part: string;
  firm: string;
  paneTitle: string;
}

export type ToParticipant =
  | { t: 'welcome'; id: string; token: string; name: string; part: Part | null; scene: SceneInfo | null; prediction: number | null }
  | { t: 'part'; part: Part | null }
  | { t: 'scene'; scene: SceneInfo; prediction: number | null }
  | { t: 'view'; view: WireView }
  | { t: 'refused'; why: string }
  | { t: 'ended' }
  | { t: 'pong' };

export type ToPresenter =
  | { t: 'room'; code: string; joinUrl: string; participants: number; connected: number }
  | { t: 'embody'; pane: 0 | 1; id: number; name: string }
  | { t: 'release'; pane: 0 | 1; id: number }
  | { t: 'decide'; pane: 0 | 1; id: number; yes: boolean; name: string }
  | { t: 'poll'; scene: number; counts: number[]; answered: number }
  | { t: 'record'; record: unknown }
  | { t: 'refused'; why: string };
