/**
 * People a workshop participant plays ("embodies"): their decisions come from a person in the room
 * instead of the model's rule, at the two moments where the modes differ.
 *
 * - Spontaneous association: an empowered person who knows of a shock and could help decides whether
 *   to join the team or stay on the day job. The model's rule is a hazard (commit()); a played person
 *   never commits by that rule: they join when their player says so, and until then they stay.
 * - Hierarchy: a top manager holding a report that must cross to partner firms decides whether to
 *   forward it now or hold it for the formal channel's next batch. The model's rule is the batch, so
 *   a played manager who has not decided (or who holds) behaves exactly as the model.
 *
 * Random streams are drawn exactly as for an unplayed person, so a played person whose player agrees
 * with the model's outcome leaves every other person's run unchanged, and a played person whom
 * nobody plays any more (HAND_MODEL) is the model again. Decisions are applied between ticks by the
 * caller (the twin records them with their tick so a replay reproduces the run).
 */

/** The model decides (nobody plays this person). */
export const HAND_MODEL = 0;
/** Played, no decision yet. */
export const HAND_UNDECIDED = 1;
/** Played: join the team / forward the report now. */
export const HAND_YES = 2;
/** Played: stay on the day job / hold the report for the batch. */
export const HAND_NO = 3;

/** What moment a played person faces (for the player's phone). */
export const MOMENT_NONE = 0;
export const MOMENT_JOIN = 1;
export const MOMENT_FORWARD = 2;

export class Hands {
  /** HAND_* per person id. */
  readonly policy: Uint8Array;
  /** The moment a played person faces now (MOMENT_*), and the shock it is about (−1 none). */
  readonly moment: Uint8Array;
  readonly shock: Int16Array;
  /** Played people, so phases skip the lookups when nobody is played. */
  played = 0;
  /**
   * Shocks a player is asked about: the scenario's own (its first `askable` shocks). Routine problems
   * of the problem stream are decided by the model even for played people: the room decides on the
   * story's problem, and routine work goes on as usual.
   */
  askable = 0;

  constructor(n: number) {
    this.policy = new Uint8Array(n);
    this.moment = new Uint8Array(n);
    this.shock = new Int16Array(n).fill(-1);
  }

  embody(id: number): void {
    this.check(id);
    if (this.policy[id] === HAND_MODEL) this.played++;
    this.policy[id] = HAND_UNDECIDED;
  }

  /** Back to the model (the player left). */
  release(id: number): void {
    this.check(id);
    if (this.policy[id] !== HAND_MODEL) this.played--;
    this.policy[id] = HAND_MODEL;
    this.moment[id] = MOMENT_NONE;
    this.shock[id] = -1;
  }

  ask(id: number, moment: number, s: number): void {
    this.moment[id] = moment;
    this.shock[id] = s;
  }

  settle(id: number): void {
    this.moment[id] = MOMENT_NONE;
    this.shock[id] = -1;
  }

  private check(id: number): void {
    if (!(Number.isInteger(id) && id >= 0 && id < this.policy.length)) throw new Error(`person ${id} is not in this run (0 to ${this.policy.length - 1})`);
  }
}
