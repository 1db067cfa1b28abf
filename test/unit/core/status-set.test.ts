import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStatusSet } from '../../../src/core/status-set.js';

describe('parseStatusSet', () => {
  it.each([
    ['200-299', [200, 250, 299], [199, 300, 503]],
    ['200,204,300-399', [200, 204, 301], [201, 400]],
    ['503', [503], [502, 504]],
    ['200\n404', [200, 404], [201]],
    [' 200 , 201 ', [200, 201], [202]],
  ])('reads %j', (text, inside, outside) => {
    const set = parseStatusSet(text);
    expect(set).toBeDefined();
    for (const code of inside) expect(set?.has(code)).toBe(true);
    for (const code of outside) expect(set?.has(code)).toBe(false);
  });

  it.each(['', ',', '2xx', '200-', '-200', '299-200', '99', '600', '1000', '200;201', 'abc', '200--299'])(
    'rejects %j',
    (text) => {
      expect(parseStatusSet(text)).toBeUndefined();
    },
  );

  it('accepts exactly the ranges it can read back, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const set = parseStatusSet(text);
        if (set) expect(parseStatusSet(set.text)?.text).toBe(set.text);
      }),
    );
  });

  it('contains every code of every well-formed range and no other', () => {
    const range = fc
      .tuple(fc.integer({ min: 100, max: 599 }), fc.integer({ min: 0, max: 100 }))
      .map(([low, span]) => [low, Math.min(599, low + span)] as const);
    fc.assert(
      fc.property(
        fc.array(range, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 100, max: 599 }),
        (ranges, code) => {
          const text = ranges.map(([low, high]) => (low === high ? `${low}` : `${low}-${high}`)).join(',');
          const expected = ranges.some(([low, high]) => code >= low && code <= high);
          expect(parseStatusSet(text)?.has(code)).toBe(expected);
        },
      ),
    );
  });
});
