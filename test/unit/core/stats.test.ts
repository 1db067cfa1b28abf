import { describe, expect, it } from 'vitest';
import { percentile } from '../../../src/core/stats.js';

describe('percentile', () => {
  it.each<[number[], number, number | undefined]>([
    [[], 50, undefined],
    [[5], 95, 5],
    [[4, 1, 3, 2], 50, 2],
    [[4, 1, 3, 2], 95, 4],
    [[4, 1, 3, 2], 0, 1],
  ])('of %j at p%i is %j (nearest rank)', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});
