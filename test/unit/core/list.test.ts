import { describe, expect, it } from 'vitest';
import { parseLines, parseList } from '../../../src/core/list.js';

describe('parseList and parseLines', () => {
  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ['', []],
    ['a, b\nc,,\n d ', ['a', 'b', 'c', 'd']],
  ])('splits %j on commas and newlines', (text, items) => {
    expect(parseList(text)).toEqual(items);
  });

  it('keeps commas inside a line', () => {
    expect(parseLines('http://x/?a=1,2\r\n\n  h: v, w  ')).toEqual(['http://x/?a=1,2', 'h: v, w']);
  });
});
