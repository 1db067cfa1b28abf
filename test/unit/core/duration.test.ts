import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, MAX_DURATION_MS, parseDuration } from '../../../src/core/duration.js';

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
