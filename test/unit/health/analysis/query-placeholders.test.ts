import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShipgateError } from '../../../../src/core/errors.js';
import type { QueryEscaping } from '../../../../src/health/analysis/query-placeholders.js';
import { expandQuery, metricPlaceholdersIn } from '../../../../src/health/analysis/query-placeholders.js';

const values = { service: 'api', environment: 'production', version: '1.4.2', slot: 'green', pr: '42' };

describe('expandQuery', () => {
  it.each<[string, QueryEscaping, Record<string, string>, string]>([
    [
      'sum(rate(http_requests_total{slot="{slot}",code=~"5.."}[1m]))',
      'promql-string',
      values,
      'sum(rate(http_requests_total{slot="green",code=~"5.."}[1m]))',
    ],
    ['{service}/{environment}@{version} #{pr}', 'text', values, 'api/production@1.4.2 #42'],
    ['up{instance="{address}"} {unknown} {}', 'promql-string', values, 'up{instance="{address}"} {unknown} {}'],
    [
      'x{version="{version}"}',
      'promql-string',
      { ...values, version: 'a"b\\c\nd\'e' },
      'x{version="a\\"b\\\\c\\nd\\\'e"}',
    ],
    ['x{version="{version}"}', 'text', { ...values, version: 'a"b' }, 'x{version="a"b"}'],
    ['x{slot="{slot}"}', 'promql-string', { ...values, slot: '' }, 'x{slot=""}'],
    ['{slot}{slot}', 'promql-string', values, 'greengreen'],
  ])('expands %j (%s)', (query, escaping, given, expected) => {
    expect(expandQuery('m', query, given, escaping)).toBe(expected);
  });

  it('refuses a placeholder that has no value in this run, naming it', () => {
    expect(() => expandQuery('error-rate', 'x{pr="{pr}",slot="{slot}"}', { slot: 'blue' }, 'promql-string')).toThrow(
      new ShipgateError(
        'missing-placeholder',
        "metric 'error-rate': query uses {pr}, which has no value in this run (known: {slot})",
      ),
    );
  });

  it('lists the placeholders a query uses', () => {
    expect(metricPlaceholdersIn('{slot} {version} {slot} {address}')).toEqual(['slot', 'version']);
  });

  it('keeps any value inside a PromQL string literal', () => {
    fc.assert(
      fc.property(fc.string(), (version) => {
        const query = expandQuery('m', 'x{version="{version}"}', { version }, 'promql-string');
        // Unescaping the literal gives the value back, so nothing leaked out of the quotes.
        const literal = query.slice('x{version="'.length, -2);
        expect(literal).not.toMatch(/(^|[^\\])(\\\\)*"/);
        const unescaped = literal.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
        expect(unescaped).toBe(version);
      }),
    );
  });
});
