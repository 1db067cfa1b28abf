import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeJsonError, jsonErrorOffset } from '../../../src/core/json-error.js';

describe('describeJsonError', () => {
  it.each([
    ['{"service": "api",}', 'unexpected "}" at line 1, column 19'],
    ['[1, 2', 'unexpected end at line 1, column 6'],
    ['{"a": "\\x"}', 'unexpected "x" at line 1, column 9'],
    ['{"a": "\\u12G4"}', 'unexpected "G" at line 1, column 12'],
    ['-', 'unexpected end at line 1, column 2'],
    ['1.e5', 'unexpected "e" at line 1, column 3'],
    ['tru', 'unexpected end at line 1, column 4'],
    ['{"a" 1}', 'unexpected "1" at line 1, column 6'],
    ['[1 2]', 'unexpected "2" at line 1, column 4'],
  ])('says where %j stops being JSON', (text, described) => {
    expect(describeJsonError(text)).toBe(described);
  });

  it('calls valid JSON valid', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(jsonErrorOffset(text)).toBeUndefined();
      }),
    );
  });

  it('never throws, and places every JSON error inside the text or at its end', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const described = describeJsonError(text);
        if (valid) return;
        const match = /^unexpected (?:end|".*") at line (\d+), column (\d+)$/s.exec(described);
        expect(match).not.toBeNull();
        expect(Number(match?.[1])).toBeLessThanOrEqual(text.split('\n').length);
      }),
    );
  });
});
