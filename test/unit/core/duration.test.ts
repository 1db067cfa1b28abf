import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { durationSchema, formatDuration, MAX_DURATION_MS, parseDuration } from '../../../src/core/duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['5s', 5_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1.5s', 1_500],
    [' 0s ', 0],
    ['24h', MAX_DURATION_MS],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '-1s', '5x', '1 s', 's', '1.s', '25h', '1e3ms', '5S', 'NaNs', '1s2'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('reads back every duration it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_DURATION_MS }), (ms) => {
        const whole = ms < 1_000 ? ms : Math.round(ms / 1_000) * 1_000;
        expect(parseDuration(formatDuration(whole))).toBe(whole);
      }),
    );
  });

  it('never throws and returns undefined or a whole non-negative number within bounds', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const ms = parseDuration(text);
        if (ms !== undefined) {
          expect(Number.isInteger(ms)).toBe(true);
          expect(ms).toBeGreaterThanOrEqual(0);
          expect(ms).toBeLessThanOrEqual(MAX_DURATION_MS);
        }
      }),
    );
  });
});

describe('durationSchema', () => {
  const form = 'a duration like 500ms, 5s, 2m or 1h';
  it.each<[unknown, number, number | string]>([
    ['5s', 0, 5_000],
    [' 2m ', 0, 120_000],
    ['10ms', 10, 10],
    ['5x', 10, form],
    [5, 0, form],
    ['9ms', 10, `${form}, at least 10ms`],
    ['0s', 1, `${form}, at least 1ms`],
    ['25h', 0, form],
  ])('reads %j (min %i ms) as %j', (input, min, expected) => {
    const result = z.safeParse(durationSchema(min), input);
    if (typeof expected === 'number') expect(result.data).toBe(expected);
    else expect(result.error?.issues.map((issue) => issue.message)).toEqual([expected]);
  });
});
