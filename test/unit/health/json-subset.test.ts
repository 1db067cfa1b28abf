import { describe, expect, it } from 'vitest';
import { containsSubset } from '../../../src/health/json-subset.js';

describe('containsSubset', () => {
  it.each<[unknown, unknown, boolean]>([
    [{ status: 'UP', db: { status: 'UP' } }, { status: 'UP' }, true],
    [{ status: 'UP', db: { status: 'DOWN' } }, { db: { status: 'UP' } }, false],
    [{ status: 'UP' }, { status: 'UP', version: '1' }, false],
    [{ checks: [{ name: 'db', ok: true }, { name: 'cache' }] }, { checks: [{ name: 'db' }] }, true],
    [{ checks: [] }, { checks: [{ name: 'db' }] }, false],
    [[1, 2], { 0: 1 }, false],
    [{ a: null }, { a: null }, true],
    [{ a: undefined }, { a: undefined }, true],
    [{}, { a: undefined }, false],
    [Number.NaN, Number.NaN, true],
    ['1', 1, false],
  ])('%j contains %j: %s', (actual, expected, result) => {
    expect(containsSubset(actual, expected)).toBe(result);
  });
});
