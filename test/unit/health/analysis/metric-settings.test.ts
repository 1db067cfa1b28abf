import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../../src/core/errors.js';
import type { MetricSpec } from '../../../../src/health/analysis/metric-settings.js';
import { metricSchema, parseMetrics } from '../../../../src/health/analysis/metric-settings.js';

const QUERY =
  'sum(rate(http_requests_total{slot="{slot}",code=~"5.."}[1m])) / sum(rate(http_requests_total{slot="{slot}"}[1m]))';

function errorOf(yaml: string): InputError {
  try {
    parseMetrics(yaml, 'healthcheck');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('parseMetrics did not throw');
}

describe('parseMetrics', () => {
  it('reads a metric with every default applied', () => {
    const specs = parseMetrics(`- name: error-rate\n  query: '${QUERY}'\n  max: 0.01\n`, 'healthcheck');
    expect(specs).toEqual<MetricSpec[]>([
      {
        name: 'error-rate',
        query: QUERY,
        max: 0.01,
        intervalMs: 30_000,
        failureLimit: 0,
        inconclusiveLimit: 0,
        errorLimit: 4,
        onNoData: 'fail',
        dryRun: false,
        provider: 'prometheus',
      },
    ]);
  });

  it('reads every key', () => {
    const yaml = [
      '- name: p99',
      '  query: histogram_quantile(0.99, sum by (le) (rate(x[1m])))',
      '  min: 0',
      '  max: 0.5',
      '  interval: 1m',
      '  count: 5',
      '  failure-limit: 1',
      '  inconclusive-limit: 2',
      '  error-limit: 3',
      '  on-no-data: inconclusive',
      '  dry-run: true',
      '- name: queue-depth',
      '  provider: command',
      '  command: ./scripts/queue-depth.sh',
      '  max: 100',
    ].join('\n');
    expect(parseMetrics(yaml, 'deploy')).toEqual<MetricSpec[]>([
      {
        name: 'p99',
        query: 'histogram_quantile(0.99, sum by (le) (rate(x[1m])))',
        min: 0,
        max: 0.5,
        intervalMs: 60_000,
        count: 5,
        failureLimit: 1,
        inconclusiveLimit: 2,
        errorLimit: 3,
        onNoData: 'inconclusive',
        dryRun: true,
        provider: 'prometheus',
      },
      {
        name: 'queue-depth',
        query: '',
        max: 100,
        intervalMs: 30_000,
        failureLimit: 0,
        inconclusiveLimit: 0,
        errorLimit: 4,
        onNoData: 'fail',
        dryRun: false,
        provider: 'command',
        command: './scripts/queue-depth.sh',
      },
    ]);
  });

  it.each(['', '   \n', '# no metrics\n', '[]'])('reads %j as no metrics', (yaml) => {
    expect(parseMetrics(yaml, 'healthcheck')).toEqual([]);
  });

  it.each([
    [
      'a bad interval',
      '- name: error-rate\n  query: up\n  max: 0.01\n  interval: 5x\n',
      "healthcheck: input 'metrics' metric 'error-rate' key 'interval' is '5x'; expected a duration like 500ms, 5s, 2m or 1h",
    ],
    [
      'an interval too short to measure anything new',
      '- name: error-rate\n  query: up\n  max: 0.01\n  interval: 10ms\n',
      "healthcheck: input 'metrics' metric 'error-rate' key 'interval' is '10ms'; expected a duration like 500ms, 5s, 2m or 1h, at least 100ms",
    ],
    [
      'an interval written as a bare number',
      '- name: error-rate\n  query: up\n  max: 0.01\n  interval: 30\n',
      "healthcheck: input 'metrics' metric 'error-rate' key 'interval' is '30'; expected a duration like 500ms, 5s, 2m or 1h",
    ],
    [
      'an unknown key',
      '- name: error-rate\n  query: up\n  threshold: 0.01\n',
      "healthcheck: input 'metrics' metric 'error-rate' key 'threshold' is '0.01'; expected a known key (name, query, max, min, interval, count, failure-limit, inconclusive-limit, error-limit, on-no-data, dry-run, provider, command, timeout)",
    ],
    [
      'neither max nor min',
      '- name: error-rate\n  query: up\n',
      "healthcheck: input 'metrics' metric 'error-rate' key 'max' is missing; expected a number (give max, min or both)",
    ],
    [
      'min above max',
      '- name: ratio\n  query: up\n  min: 2\n  max: 1\n',
      "healthcheck: input 'metrics' metric 'ratio' key 'min' is '2'; expected a number not greater than max (1)",
    ],
    [
      'a max that is not a number',
      '- name: error-rate\n  query: up\n  max: one percent\n',
      "healthcheck: input 'metrics' metric 'error-rate' key 'max' is 'one percent'; expected a finite number",
    ],
    [
      'a negative failure-limit',
      '- name: error-rate\n  query: up\n  max: 1\n  failure-limit: -1\n',
      "healthcheck: input 'metrics' metric 'error-rate' key 'failure-limit' is '-1'; expected a whole number, 0 or more",
    ],
    [
      'a fractional error-limit',
      '- name: error-rate\n  query: up\n  max: 1\n  error-limit: 1.5\n',
      "healthcheck: input 'metrics' metric 'error-rate' key 'error-limit' is '1.5'; expected a whole number, 0 or more",
    ],
    [
      'a count of zero',
      '- name: error-rate\n  query: up\n  max: 1\n  count: 0\n',
      "healthcheck: input 'metrics' metric 'error-rate' key 'count' is '0'; expected a whole number from 1 to 100000",
    ],
    [
      'an unknown on-no-data',
      '- name: error-rate\n  query: up\n  max: 1\n  on-no-data: ignore\n',
      "healthcheck: input 'metrics' metric 'error-rate' key 'on-no-data' is 'ignore'; expected one of fail, inconclusive, pass",
    ],
    [
      'a dry-run that is not a boolean',
      '- name: error-rate\n  query: up\n  max: 1\n  dry-run: "yes"\n',
      "healthcheck: input 'metrics' metric 'error-rate' key 'dry-run' is 'yes'; expected true or false",
    ],
    [
      'an empty query',
      "- name: error-rate\n  query: ' '\n  max: 1\n",
      "healthcheck: input 'metrics' metric 'error-rate' key 'query' is ' '; expected a non-empty query",
    ],
    [
      'a missing query',
      '- name: error-rate\n  max: 1\n',
      "healthcheck: input 'metrics' metric 'error-rate' key 'query' is missing; expected a PromQL query",
    ],
    [
      'the {address} placeholder',
      '- name: error-rate\n  query: up{instance="{address}"}\n  max: 1\n',
      `healthcheck: input 'metrics' metric 'error-rate' key 'query' is 'up{instance="{address}"}'; expected a query without {address} (one query covers every address of the slot; use {slot})`,
    ],
    [
      'a duplicate name',
      '- name: error-rate\n  query: up\n  max: 1\n- name: error-rate\n  query: up\n  max: 2\n',
      "healthcheck: input 'metrics' metric 'error-rate' key 'name' is 'error-rate'; expected a name not used by another metric",
    ],
    [
      'a missing name',
      '- query: up\n  max: 1\n',
      'healthcheck: input \'metrics\' item 1 key \'name\' is missing; expected a name of letters, digits, ".", "_" or "-" (at most 64, starting with a letter or digit) (it is required)',
    ],
    [
      'a name with a comma',
      '- name: a,b\n  query: up\n  max: 1\n',
      'healthcheck: input \'metrics\' item 1 key \'name\' is \'a,b\'; expected a name of letters, digits, ".", "_" or "-" (at most 64, starting with a letter or digit)',
    ],
    [
      'an unknown provider',
      '- name: lag\n  provider: datadog\n  query: lag\n  max: 1\n',
      "healthcheck: input 'metrics' metric 'lag' key 'provider' is 'datadog'; expected one of prometheus, command",
    ],
    [
      'a command provider without a command',
      '- name: lag\n  provider: command\n  max: 1\n',
      "healthcheck: input 'metrics' metric 'lag' key 'command' is missing; expected a shell command (provider is command)",
    ],
    [
      'a command on a prometheus metric',
      '- name: lag\n  query: up\n  command: ./lag.sh\n  max: 1\n',
      "healthcheck: input 'metrics' metric 'lag' key 'command' is './lag.sh'; expected no command unless provider is command",
    ],
    [
      'an item that is not a mapping',
      '- error-rate\n',
      "healthcheck: input 'metrics' item 1 is 'error-rate'; expected a mapping with name, query and max or min",
    ],
    [
      'a mapping instead of a list',
      'name: error-rate\nquery: up\n',
      "healthcheck: input 'metrics' is 'name: error-rate\\nquery: up\\n'; expected a YAML list of metrics, each with name, query and max or min",
    ],
  ])('refuses %s with one line naming the metric and the key', (_, yaml, message) => {
    const error = errorOf(yaml);
    expect(error.message).toBe(message);
    expect(error.code).toBe('invalid-input');
    expect(error.input).toBe('metrics');
    expect(error.message).not.toContain('\n');
  });

  it('reports the first bad item, and the unknown key before what it causes', () => {
    const yaml = '- name: ok\n  query: up\n  max: 1\n- name: typo\n  query: up\n  maxx: 1\n';
    expect(errorOf(yaml).message).toBe(
      "healthcheck: input 'metrics' metric 'typo' key 'maxx' is '1'; expected a known key (name, query, max, min, interval, count, failure-limit, inconclusive-limit, error-limit, on-no-data, dry-run, provider, command, timeout)",
    );
  });

  it('refuses YAML that does not parse, on one line', () => {
    const error = errorOf('- name: [unclosed\n');
    expect(error.message).toMatch(
      /^healthcheck: input 'metrics' is '- name: \[unclosed\\n'; expected a YAML list of metrics, each with name, query and max or min \(YAML error: .+\)$/,
    );
  });

  it('never throws anything but a one-line InputError, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 200 }), (text) => {
        try {
          const specs = parseMetrics(text, 'healthcheck');
          expect(Array.isArray(specs)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).message).not.toContain('\n');
        }
      }),
    );
  });

  it('never throws anything but a one-line InputError for any list of mappings of known keys', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.double(),
      fc.integer({ min: -3, max: 5 }),
      fc.boolean(),
      fc.constant(null),
    );
    const item = fc.dictionary(
      fc.constantFrom(
        'name',
        'query',
        'max',
        'min',
        'interval',
        'count',
        'failure-limit',
        'on-no-data',
        'provider',
        'command',
        'bogus',
      ),
      value,
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 3 }), (items) => {
        const yaml = JSON.stringify(items);
        try {
          for (const spec of parseMetrics(yaml, 'healthcheck')) {
            expect(spec.max !== undefined || spec.min !== undefined).toBe(true);
            expect(spec.intervalMs).toBeGreaterThanOrEqual(100);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).message).not.toContain('\n');
        }
      }),
    );
  });
});

describe('metricSchema', () => {
  it('gives the config file issues whose message is the expected form, at the key', () => {
    const result = metricSchema().safeParse({ name: 'error-rate', query: 'up', max: 0.01, interval: '5x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['interval'],
      message: 'a duration like 500ms, 5s, 2m or 1h',
    });
  });
});
