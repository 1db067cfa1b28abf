import { describe, expect, it } from 'vitest';
import { measureB7 } from '../support/b7.js';

/** Issue #10, item 9 (SPEC §9 B7): request counts are deterministic, so the budget is a pass/fail test here too. */
describe('the github store at scale (issue #10, item 9)', () => {
  it('makes as many GitHub requests per deploy and per rollback with 3,000 older + 1,000 neighbouring deployments as with three', {
    timeout: 300_000,
  }, async () => {
    const short = await measureB7(false);
    const long = await measureB7(true);
    for (const action of ['deploy', 'rollback'] as const) {
      expect(long[action]).toBeLessThanOrEqual(Math.max(short[action] * 1.5, short[action] + 6));
    }
    expect(short.deploy).toBeLessThanOrEqual(11); // 11 before, with a history of three
    expect(short.rollback).toBeLessThanOrEqual(17);
  });
});
