import { describe, expect, it } from 'vitest';
import type { MetricVerdict } from '../../../../src/core/vocabulary.js';
import type { MeasureResult } from '../../../../src/health/analysis/metric-provider.js';
import type { OnNoData } from '../../../../src/health/analysis/metric-settings.js';
import type { Condition, MetricJudgement, MetricLimits } from '../../../../src/health/analysis/verdict.js';
import {
  analysisDone,
  conditionText,
  judgeGate,
  judgeMeasurement,
  judgeMetric,
  judgeValue,
  worstVerdict,
} from '../../../../src/health/analysis/verdict.js';

const LETTER: Readonly<Record<string, MetricVerdict>> = { S: 'Successful', F: 'Failed', I: 'Inconclusive', E: 'Error' };
/** `S F E` → verdicts, so the tables read like the worked examples in verdict.ts. */
function seq(text: string): MetricVerdict[] {
  return text
    .split(' ')
    .filter((letter) => letter !== '')
    .map(
      (letter) =>
        LETTER[letter] ??
        (() => {
          throw new Error(letter);
        })(),
    );
}

const limits = (overrides: Partial<MetricLimits> = {}): MetricLimits => ({
  failureLimit: 0,
  inconclusiveLimit: 0,
  errorLimit: 4,
  onNoData: 'fail',
  ...overrides,
});

describe('judgeValue', () => {
  it.each<[number, Condition, 'Successful' | 'Failed']>([
    [0.002, { max: 0.01 }, 'Successful'],
    [0.01, { max: 0.01 }, 'Successful'],
    [0.0101, { max: 0.01 }, 'Failed'],
    [0.9, { min: 0.9 }, 'Successful'],
    [0.89, { min: 0.9 }, 'Failed'],
    [1, { min: 0.9, max: 1.5 }, 'Successful'],
    [2, { min: 0.9, max: 1.5 }, 'Failed'],
    [0.5, { min: 0.9, max: 1.5 }, 'Failed'],
    [Number.NaN, { max: 0.01 }, 'Failed'],
    [Number.NaN, { min: 0 }, 'Failed'],
    [Number.POSITIVE_INFINITY, { min: 0 }, 'Failed'],
    [Number.NEGATIVE_INFINITY, { max: 0.01 }, 'Failed'],
    [-0, { min: 0 }, 'Successful'],
  ])('%d against %j is %s', (value, condition, verdict) => {
    expect(judgeValue(value, condition)).toBe(verdict);
  });
});

describe('judgeMeasurement', () => {
  it.each<[MeasureResult, OnNoData, MetricVerdict]>([
    [{ kind: 'value', value: 0.5, raw: '0.5' }, 'fail', 'Successful'],
    [{ kind: 'value', value: 2, raw: '2' }, 'pass', 'Failed'],
    [{ kind: 'no-data', raw: '[]' }, 'fail', 'Failed'],
    [{ kind: 'no-data', raw: '[]' }, 'inconclusive', 'Inconclusive'],
    [{ kind: 'no-data', raw: '[]' }, 'pass', 'Successful'],
    [{ kind: 'error', reason: 'connection refused' }, 'pass', 'Error'],
  ])('%j with on-no-data %s is %s', (result, onNoData, verdict) => {
    expect(judgeMeasurement(result, { max: 1, onNoData })).toBe(verdict);
  });
});

describe('conditionText', () => {
  it.each<[Condition, string]>([
    [{ max: 0.01 }, '<= 0.01'],
    [{ min: 0.9 }, '>= 0.9'],
    [{ min: 0.9, max: 1.5 }, '>= 0.9 and <= 1.5'],
  ])('writes %j as %s', (condition, text) => {
    expect(conditionText(condition)).toBe(text);
  });
});

describe('worstVerdict', () => {
  it.each<[string, MetricVerdict]>([
    ['', 'Successful'],
    ['S S', 'Successful'],
    ['S I', 'Inconclusive'],
    ['I E S', 'Error'],
    ['E F I', 'Failed'],
  ])('the worst of [%s] is %s', (verdicts, worst) => {
    expect(worstVerdict(seq(verdicts))).toBe(worst);
  });
});

type Expected = 'pending' | `${MetricVerdict} (${string})`;
function shown(judgement: MetricJudgement): Expected {
  return judgement.decided ? `${judgement.verdict} (${judgement.cause})` : 'pending';
}

describe('judgeMetric', () => {
  // failure-limit 1, error-limit 2, inconclusive-limit 0, planned 5 — the worked examples in verdict.ts.
  const example = limits({ failureLimit: 1, errorLimit: 2 });
  it.each<[string, MetricLimits, number, Expected]>([
    ['', example, 5, 'pending'],
    ['S F S', example, 5, 'pending'],
    ['S F S F', example, 5, 'Failed (failure-limit)'],
    ['E E E', example, 5, 'Error (error-limit)'],
    ['E E S E E', example, 5, 'Successful (completed)'],
    ['S S S', example, 5, 'pending'],
    ['S S S S', example, 5, 'Successful (certain)'],
    ['F F', limits({ failureLimit: 2 }), 2, 'Failed (no-success)'],
    // Defaults: failure-limit 0, error-limit 4, inconclusive-limit 0.
    ['S S F', limits(), 10, 'Failed (failure-limit)'],
    ['F', limits(), 10, 'Failed (failure-limit)'],
    ['E E E E', limits(), 10, 'pending'],
    ['E E E E E', limits(), 10, 'Error (error-limit)'],
    ['E E E E S E E E E', limits(), 10, 'pending'],
    ['E E E E S E E E E E', limits(), 10, 'Error (error-limit)'],
    ['S S S', limits(), 3, 'Successful (completed)'],
    // Every measurement errored: never a pass, even when the errors never ran past the limit.
    ['E E E', limits({ errorLimit: 10 }), 3, 'Error (no-success)'],
    ['E E E', limits({ errorLimit: 10 }), 5, 'pending'],
    // No data tolerated as inconclusive is still no evidence.
    ['I I', limits({ onNoData: 'inconclusive', inconclusiveLimit: 5 }), 2, 'Inconclusive (no-success)'],
    ['I E', limits({ onNoData: 'inconclusive', inconclusiveLimit: 5 }), 2, 'Error (no-success)'],
    ['S I', limits({ onNoData: 'inconclusive', inconclusiveLimit: 0 }), 5, 'Inconclusive (inconclusive-limit)'],
    ['S I S', limits({ onNoData: 'inconclusive', inconclusiveLimit: 1 }), 3, 'Successful (completed)'],
    // The first limit crossed decides, in order of the measurements.
    ['E E F', limits({ errorLimit: 1 }), 5, 'Error (error-limit)'],
    ['F E E', limits({ errorLimit: 1 }), 5, 'Failed (failure-limit)'],
    // Certain early: what is left cannot cross any limit.
    ['S', limits({ failureLimit: 3, errorLimit: 3 }), 4, 'Successful (certain)'],
    ['E', limits({ failureLimit: 3, errorLimit: 3 }), 4, 'pending'],
    ['S', limits({ failureLimit: 3, errorLimit: 2 }), 4, 'pending'],
    // With on-no-data inconclusive, the inconclusive-limit must hold too before it is certain.
    ['S', limits({ failureLimit: 3, errorLimit: 3, onNoData: 'inconclusive', inconclusiveLimit: 0 }), 4, 'pending'],
    [
      'S',
      limits({ failureLimit: 3, errorLimit: 3, onNoData: 'inconclusive', inconclusiveLimit: 3 }),
      4,
      'Successful (certain)',
    ],
    // Measurements past the plan do not count.
    ['S S F', limits(), 2, 'Successful (completed)'],
  ])('[%s] with %j out of %i is %s', (verdicts, rule, planned, expected) => {
    expect(shown(judgeMetric(rule, seq(verdicts), planned))).toBe(expected);
  });

  it('counts what it judged', () => {
    expect(
      judgeMetric(limits({ failureLimit: 5, inconclusiveLimit: 5, onNoData: 'inconclusive' }), seq('S F E E I S'), 10)
        .tally,
    ).toEqual({
      taken: 6,
      successful: 2,
      failed: 1,
      inconclusive: 1,
      errors: 2,
      consecutiveErrors: 0,
    });
  });
});

const pending: MetricJudgement = { decided: false, tally: judgeMetric(limits(), [], 1).tally };
const decided = (verdict: MetricVerdict): MetricJudgement => ({
  decided: true,
  verdict,
  cause: 'completed',
  tally: pending.tally,
});
type Row = [dryRun: boolean, judgement: MetricJudgement];
const gate = (rows: Row[]) => rows.map(([dryRun, judgement]) => ({ dryRun, judgement }));

describe('judgeGate', () => {
  it.each<[string, Row[], string]>([
    ['no metrics', [], 'Successful'],
    ['one metric still measuring', [[false, pending]], 'pending'],
    [
      'a Failed metric, whatever the others',
      [
        [false, pending],
        [false, decided('Failed')],
      ],
      'Failed',
    ],
    [
      'an Error while another can still fail',
      [
        [false, decided('Error')],
        [false, pending],
      ],
      'pending',
    ],
    [
      'an Error and a pass',
      [
        [false, decided('Error')],
        [false, decided('Successful')],
      ],
      'Error',
    ],
    [
      'an Inconclusive and an Error',
      [
        [false, decided('Inconclusive')],
        [false, decided('Error')],
      ],
      'Error',
    ],
    [
      'every metric passed',
      [
        [false, decided('Successful')],
        [false, decided('Successful')],
      ],
      'Successful',
    ],
    [
      'a dry-run failure',
      [
        [true, decided('Failed')],
        [false, decided('Successful')],
      ],
      'Successful',
    ],
    ['only dry-run metrics, still measuring', [[true, pending]], 'Successful'],
  ])('%s', (_, rows, expected) => {
    const judged = judgeGate(gate(rows));
    expect(judged.decided ? judged.verdict : 'pending').toBe(expected);
  });
});

describe('analysisDone', () => {
  it.each<[string, Row[], boolean]>([
    ['no metrics', [], true],
    ['a metric still measuring', [[false, pending]], false],
    [
      'a Failed metric with others measuring',
      [
        [false, decided('Failed')],
        [false, pending],
        [true, pending],
      ],
      true,
    ],
    [
      'an Error decided, dry-run still measuring',
      [
        [false, decided('Error')],
        [true, pending],
      ],
      true,
    ],
    [
      'a passed gate while a dry-run metric measures on',
      [
        [false, decided('Successful')],
        [true, pending],
      ],
      false,
    ],
    [
      'a passed gate and a finished dry-run',
      [
        [false, decided('Successful')],
        [true, decided('Failed')],
      ],
      true,
    ],
  ])('%s: %s', (_, rows, done) => {
    expect(analysisDone(gate(rows))).toBe(done);
  });
});
