import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { describeIssue, issueLine, keyPath, readIssue } from '../../../src/core/zod-issue.js';

const schema = z.strictObject({
  services: z.record(
    z.string(),
    z.strictObject({
      steps: z.array(z.strictObject({ weight: z.int({ error: 'a whole number from 1 to 100' }) })),
      name: z.string({ error: 'a name' }),
    }),
  ),
});

function firstIssue(data: unknown) {
  const result = z.safeParse(schema, data);
  const issue = result.error?.issues[0];
  if (!issue) throw new Error('expected an issue');
  return issue;
}

describe('the zod issue line', () => {
  it.each<[string, unknown, string]>([
    [
      'a bad value deep in a list',
      { services: { api: { name: 'api', steps: [{ weight: 10 }, { weight: 'x' }] } } },
      "key 'services.api.steps[1].weight' is 'x'; expected a whole number from 1 to 100",
    ],
    [
      'a missing value',
      { services: { api: { steps: [] } } },
      "key 'services.api.name' is missing; expected a name (it is required)",
    ],
    [
      'an unknown key',
      { services: { api: { name: 'api', steps: [], weigth: 5 } } },
      "key 'services.api.weigth' is '5'; expected no such key",
    ],
    [
      'a key that is not a plain name',
      { services: { 'api/v2': { name: 3, steps: [] } } },
      `key 'services["api/v2"].name' is '3'; expected a name`,
    ],
  ])('names the key path, the value and the form for %s', (_case, data, line) => {
    expect(describeIssue(firstIssue(data), data, (path) => `key '${keyPath(path)}'`)).toBe(line);
  });

  it('lets the caller word unknown keys and missing values, and show values its own way', () => {
    const data = { services: { api: { name: 'api', steps: [], extra: true } } };
    expect(readIssue(firstIssue(data), data, { unknownKey: 'a known key (name, steps)' })).toEqual({
      path: ['services', 'api', 'extra'],
      value: true,
      expected: 'a known key (name, steps)',
    });
    const missing = { services: { api: { steps: [] } } };
    expect(readIssue(firstIssue(missing), missing, { missing: 'a value (it is required)' }).expected).toBe(
      'a value (it is required)',
    );
    expect(issueLine('result', 'ok', 'one of a, b', (value) => JSON.stringify(value))).toBe(
      'result is "ok"; expected one of a, b',
    );
  });

  it('writes an empty path as nothing, so callers can name the whole document', () => {
    expect(keyPath([])).toBe('');
    expect(keyPath([0, 'a', 2])).toBe('[0].a[2]');
  });
});
