import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expandPlaceholders,
  findPlaceholders,
  type PlaceholderEscaping,
  placeholdersIn,
  unknownPlaceholder,
} from '../../../src/core/placeholders.js';

describe('placeholders', () => {
  it.each<[string, Record<string, string>, PlaceholderEscaping, string]>([
    [
      'http://{address}/v/{version}',
      { address: '[::1]:8080', version: '1.0/../x' },
      'url-component',
      'http://%5B%3A%3A1%5D%3A8080/v/1.0%2F..%2Fx',
    ],
    ['x{version="{version}"}', { version: 'a"b' }, 'promql-string', 'x{version="a\\"b"}'],
    ['{service}/{ environment }', { service: 'api', environment: 'prod' }, 'text', 'api/prod'],
    ['{service}/{region}', { service: 'api' }, 'text', 'api/{region}'],
    ['up{code=~"5.."} {}', { code: 'x' }, 'text', 'up{code=~"5.."} {}'],
    ['{version}', { version: '{service}' }, 'text', '{service}'],
    ['{toString}', {}, 'text', '{toString}'],
  ])('expands %j into %j', (template, values, escaping, expected) => {
    expect(expandPlaceholders(template, values, escaping)).toBe(expected);
  });

  it('leaves the values named verbatim as they are', () => {
    const url = expandPlaceholders(
      'http://{address}/{service}',
      { address: '[::1]:80', service: 'a b' },
      'url-component',
      {
        verbatim: ['address'],
      },
    );
    expect(url).toBe('http://[::1]:80/a%20b');
  });

  it('finds each placeholder where it stands, and names the first unknown one', () => {
    const query = 'x{slot="{slot}"} / y{pr="{ pr }"}';
    expect(findPlaceholders(query)).toEqual([
      { name: 'slot', text: '{slot}', index: 8 },
      { name: 'pr', text: '{ pr }', index: 25 },
    ]);
    expect(placeholdersIn('{a}{b}{a}')).toEqual(['a', 'b']);
    expect(unknownPlaceholder(query, ['slot'])?.text).toBe('{ pr }');
    expect(unknownPlaceholder(query, ['slot', 'pr'])).toBeUndefined();
  });

  it('gives back any value percent-encoded for a URL component', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const expanded = expandPlaceholders('{v}', { v: value }, 'url-component');
        expect(expanded).not.toMatch(/[/?#{}]/);
        expect(decodeURIComponent(expanded)).toBe(value);
      }),
    );
  });
});
