import type { MetricVerdict } from '../../core/vocabulary.js';
import type { MeasureResult } from './metric-provider.js';
import type { MetricSpec } from './metric-settings.js';
import type { MetricJudgement } from './verdict.js';
import { conditionText } from './verdict.js';

/** A measurement with its verdict, as the reasons need it (the number itself, even NaN). */
export interface JudgedMeasurement {
  readonly result: MeasureResult;
  readonly verdict: MetricVerdict;
}

/** Short and exact enough to read: integers as they are, others to 4 significant digits; NaN, +Inf, -Inf. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 1_000) return String(Math.round(value * 100) / 100);
  return String(Number(value.toPrecision(4)));
}

type Rule = Pick<MetricSpec, 'max' | 'min' | 'onNoData'>;

/** One measurement in words: `0.0833 > max 0.01`, `NaN (not a number) against <= 0.01`, `no data`, the error. */
export function describeMeasurement(result: MeasureResult, rule: Rule): string {
  switch (result.kind) {
    case 'value': {
      const { value } = result;
      const shown = formatValue(value);
      if (Number.isNaN(value)) return `NaN (not a number) against ${conditionText(rule)}`;
      if (rule.max !== undefined && value > rule.max) return `${shown} > max ${rule.max}`;
      if (rule.min !== undefined && value < rule.min) return `${shown} < min ${rule.min}`;
      if (!Number.isFinite(value)) return `${shown} (not finite) against ${conditionText(rule)}`;
      return `${shown} within ${conditionText(rule)}`;
    }
    case 'no-data':
      return `no data (on-no-data ${rule.onNoData})`;
    case 'error':
      return result.reason;
    default: {
      const never: never = result;
      throw new Error(`unhandled result ${JSON.stringify(never)}`);
    }
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function last<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i] as T;
    if (test(item)) return item;
  }
  return undefined;
}

function failedReason(spec: MetricSpec, measured: readonly JudgedMeasurement[], prefix: string): string {
  const failures = measured.filter((m) => m.verdict === 'Failed');
  const lastFailure = failures[failures.length - 1];
  const of = `${failures.length} of ${plural(measured.length, 'measurement')}`;
  const limit = `failure-limit ${spec.failureLimit}`;
  if (!lastFailure) return `${prefix}failed (${limit})`;
  if (failures.every((m) => m.result.kind === 'no-data')) {
    return `${prefix}no data on ${of} (on-no-data fail, ${limit})`;
  }
  if (failures.every((m) => m.result.kind === 'value')) {
    return `${prefix}${describeMeasurement(lastFailure.result, spec)} on ${of} (${limit})`;
  }
  return `${prefix}${of} failed, last ${describeMeasurement(lastFailure.result, spec)} (${limit})`;
}

function lastError(measured: readonly JudgedMeasurement[]): string {
  const error = last(measured, (m) => m.result.kind === 'error');
  return error && error.result.kind === 'error' ? error.result.reason : 'unknown error';
}

function passedReason(
  spec: MetricSpec,
  measured: readonly JudgedMeasurement[],
  planned: number,
  certain: boolean,
): string {
  const passed = measured.filter((m) => m.verdict === 'Successful');
  const lastValue = last(passed, (m) => m.result.kind === 'value');
  const lastText =
    lastValue && lastValue.result.kind === 'value'
      ? `last ${formatValue(lastValue.result.value)}`
      : 'no data on any (on-no-data pass)';
  const head = `${spec.name}: ${passed.length} of ${plural(measured.length, 'measurement')} within ${conditionText(spec)} (${lastText})`;
  const tolerated: string[] = [];
  const failed = measured.filter((m) => m.verdict === 'Failed').length;
  const inconclusive = measured.filter((m) => m.verdict === 'Inconclusive').length;
  const errors = measured.filter((m) => m.verdict === 'Error').length;
  if (failed > 0) tolerated.push(`${failed} failed (failure-limit ${spec.failureLimit})`);
  if (inconclusive > 0) tolerated.push(`${inconclusive} without data (inconclusive-limit ${spec.inconclusiveLimit})`);
  if (errors > 0) tolerated.push(`${plural(errors, 'error')} (error-limit ${spec.errorLimit} in a row)`);
  const tail = certain ? `; the ${planned - measured.length} left of ${planned} cannot change the verdict` : '';
  return `${head}${tolerated.length > 0 ? `; tolerated ${tolerated.join(', ')}` : ''}${tail}`;
}

/** Why the analysis ended before a metric had its own verdict. */
export type Interruption = 'stopped' | 'aborted';

/**
 * The one-line reason of a metric's verdict, naming the values that decided it, e.g.
 * `error-rate: 0.0833 > max 0.01 on 2 of 3 measurements (failure-limit 0)` or
 * `error-rate: 5 consecutive errors (error-limit 4), last: Prometheus at http://127.0.0.1:9090: connection refused`.
 */
export function metricReason(
  spec: MetricSpec,
  measured: readonly JudgedMeasurement[],
  planned: number,
  judgement: MetricJudgement,
  interruption?: Interruption,
): string {
  const prefix = `${spec.name}: `;
  if (!judgement.decided) {
    const why = interruption === 'aborted' ? 'the analysis was aborted' : 'the gate was decided first';
    return `${prefix}no verdict after ${measured.length} of ${plural(planned, 'measurement')} (${why})`;
  }
  switch (judgement.cause) {
    case 'failure-limit':
      return failedReason(spec, measured, prefix);
    case 'error-limit':
      return `${prefix}${judgement.tally.consecutiveErrors} consecutive errors (error-limit ${spec.errorLimit}), last: ${lastError(measured)}`;
    case 'inconclusive-limit':
      return `${prefix}no data on ${judgement.tally.inconclusive} of ${plural(measured.length, 'measurement')} (on-no-data inconclusive, inconclusive-limit ${spec.inconclusiveLimit})`;
    case 'completed':
      return passedReason(spec, measured, planned, false);
    case 'certain':
      return passedReason(spec, measured, planned, true);
    case 'no-success': {
      const { failed, errors, inconclusive } = judgement.tally;
      const parts = [
        failed > 0 ? `${failed} failed` : '',
        errors > 0 ? plural(errors, 'error') : '',
        inconclusive > 0 ? `${inconclusive} without data` : '',
      ].filter((part) => part !== '');
      const lastOne = measured[measured.length - 1];
      const lastText = lastOne ? describeMeasurement(lastOne.result, spec) : 'none';
      return `${prefix}no measurement passed in ${measured.length} (${parts.join(', ')}), last: ${lastText}`;
    }
    default: {
      const never: never = judgement.cause;
      throw new Error(`unhandled cause ${String(never)}`);
    }
  }
}
