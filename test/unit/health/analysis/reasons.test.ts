import { describe, expect, it } from 'vitest';
import type { MeasureResult } from '../../../../src/health/analysis/metric-provider.js';
import type { MetricSpec } from '../../../../src/health/analysis/metric-settings.js';
import { parseMetrics } from '../../../../src/health/analysis/metric-settings.js';
import type { Interruption, JudgedMeasurement } from '../../../../src/health/analysis/reasons.js';
import { describeMeasurement, formatValue, metricReason } from '../../../../src/health/analysis/reasons.js';
import { judgeMeasurement, judgeMetric } from '../../../../src/health/analysis/verdict.js';

function spec(extra: string): MetricSpec {
  const [parsed] = parseMetrics(`- name: error-rate\n  query: q\n  ${extra.split('; ').join('\n  ')}\n`, 't');
  if (!parsed) throw new Error('no spec');
  return parsed;
}

const v = (value: number): MeasureResult => ({ kind: 'value', value, raw: String(value) });
const none: MeasureResult = { kind: 'no-data', raw: '[]' };
const err = (reason: string): MeasureResult => ({ kind: 'error', reason });

function reason(rule: MetricSpec, results: MeasureResult[], planned: number, interruption?: Interruption): string {
  const measured: JudgedMeasurement[] = results.map((result) => ({ result, verdict: judgeMeasurement(result, rule) }));
  const judgement = judgeMetric(
    rule,
    measured.map((m) => m.verdict),
    planned,
  );
  return metricReason(rule, measured, planned, judgement, interruption);
}

describe('formatValue', () => {
  it.each<[number, string]>([
    [0, '0'],
    [42, '42'],
    [0.08333333333333333, '0.08333'],
    [0.01, '0.01'],
    [1.23456, '1.235'],
    [12_345.678, '12345.68'],
    [0.000012346, '0.00001235'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NEGATIVE_INFINITY, '-Inf'],
  ])('writes %d as %s', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe('describeMeasurement', () => {
  it.each<[MeasureResult, string, string]>([
    [v(0.0833), 'max: 0.01', '0.0833 > max 0.01'],
    [v(0.5), 'min: 0.9', '0.5 < min 0.9'],
    [v(0.95), 'min: 0.9; max: 1', '0.95 within >= 0.9 and <= 1'],
    [v(Number.NaN), 'max: 0.01', 'NaN (not a number) against <= 0.01'],
    [v(Number.POSITIVE_INFINITY), 'max: 0.01', '+Inf > max 0.01'],
    [v(Number.POSITIVE_INFINITY), 'min: 0.9', '+Inf (not finite) against >= 0.9'],
    [none, 'max: 1; on-no-data: inconclusive', 'no data (on-no-data inconclusive)'],
    [err('connection refused'), 'max: 1', 'connection refused'],
  ])('describes %j against %s as %s', (result, rule, text) => {
    expect(describeMeasurement(result, spec(rule))).toBe(text);
  });
});

describe('metricReason', () => {
  it.each<[string, string, MeasureResult[], number, string]>([
    [
      'a failure over the limit',
      'max: 0.01',
      [v(0.002), v(0.0833)],
      3,
      'error-rate: 0.0833 > max 0.01 on 1 of 2 measurements (failure-limit 0)',
    ],
    [
      'failures of values, the last one shown',
      'max: 0.01; failure-limit: 1',
      [v(0.05), v(0.002), v(0.0833)],
      3,
      'error-rate: 0.0833 > max 0.01 on 2 of 3 measurements (failure-limit 1)',
    ],
    [
      'no data that fails',
      'max: 0.01',
      [none],
      3,
      'error-rate: no data on 1 of 1 measurement (on-no-data fail, failure-limit 0)',
    ],
    [
      'mixed failures',
      'max: 0.01; failure-limit: 1',
      [none, v(0.5)],
      3,
      'error-rate: 2 of 2 measurements failed, last 0.5 > max 0.01 (failure-limit 1)',
    ],
    [
      'errors in a row',
      'max: 0.01; error-limit: 1',
      [v(0), err('connection refused'), err('no response within 2s')],
      5,
      'error-rate: 2 consecutive errors (error-limit 1), last: no response within 2s',
    ],
    [
      'no data over the inconclusive limit',
      'max: 0.01; on-no-data: inconclusive; inconclusive-limit: 1',
      [none, v(0), none],
      5,
      'error-rate: no data on 2 of 3 measurements (on-no-data inconclusive, inconclusive-limit 1)',
    ],
    [
      'a clean pass',
      'max: 0.01',
      [v(0.001), v(0.002)],
      2,
      'error-rate: 2 of 2 measurements within <= 0.01 (last 0.002)',
    ],
    [
      'a pass with tolerated trouble',
      'max: 0.01; failure-limit: 1; on-no-data: inconclusive; inconclusive-limit: 1',
      [v(0.5), err('timeout'), none, v(0.001)],
      4,
      'error-rate: 1 of 4 measurements within <= 0.01 (last 0.001); tolerated 1 failed (failure-limit 1), 1 without data (inconclusive-limit 1), 1 error (error-limit 4 in a row)',
    ],
    [
      'a pass on no data, as told',
      'max: 0.01; on-no-data: pass',
      [none],
      1,
      'error-rate: 1 of 1 measurement within <= 0.01 (no data on any (on-no-data pass))',
    ],
    [
      'a pass decided early',
      'max: 0.01; failure-limit: 2; error-limit: 2',
      [v(0), v(0)],
      4,
      'error-rate: 2 of 2 measurements within <= 0.01 (last 0); the 2 left of 4 cannot change the verdict',
    ],
    [
      'nothing passed, all errors',
      'max: 0.01; error-limit: 5',
      [err('connection refused'), err('connection refused')],
      2,
      'error-rate: no measurement passed in 2 (2 errors), last: connection refused',
    ],
    [
      'nothing passed, failures tolerated',
      'max: 0.01; failure-limit: 5',
      [v(0.5), err('x')],
      2,
      'error-rate: no measurement passed in 2 (1 failed, 1 error), last: x',
    ],
  ])('explains %s', (_, rule, results, planned, text) => {
    expect(reason(spec(rule), results, planned)).toBe(text);
  });

  it.each<[Interruption, string]>([
    ['stopped', 'error-rate: no verdict after 1 of 5 measurements (the gate was decided first)'],
    ['aborted', 'error-rate: no verdict after 1 of 5 measurements (the analysis was aborted)'],
  ])('explains a metric left without a verdict because the analysis %s', (interruption, text) => {
    expect(reason(spec('max: 1'), [v(0)], 5, interruption)).toBe(text);
  });
});
