/** Quick versions of V4 (bullwhip), V5 (hierarchy engine) and V6 (behaviours) as run by `starling validate … --quick`. */
import { describe, expect, it } from 'vitest';
import { behaviourSuite, BEHAVIOUR_QUICK } from '../sim/validation/behaviour.ts';

describe('V6 behaviours of spec §6 (quick: 12–24 paired seeds)', () => {
  it('every behaviour holds', () => {
    const { checks } = behaviourSuite(BEHAVIOUR_QUICK);
    for (const c of checks) expect(c.pass, `${c.id}: ${c.what} — measured ${c.measured}, expected ${c.expected}`).toBe(true);
    expect(checks.map((c) => c.id)).toEqual(['V6.detection', 'V6.spanners', 'V6.default', 'V6.glitch', 'V6.storm', 'V6.trust', 'V6.noise', 'V6.layers', 'V6.batch', 'V6.lambda', 'V6.minority']);
  }, 600_000);
});
