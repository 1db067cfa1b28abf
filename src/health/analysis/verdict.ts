/**
 * The pure decision math of metric analysis (SPEC §6): one measurement, one metric, the whole gate.
 * Argo Rollouts' analysis run is the model (failureLimit, inconclusiveLimit, consecutiveErrorLimit), with
 * one rule added: a metric is never Successful without at least one Successful measurement.
 */
import type { MetricVerdict } from '../../core/vocabulary.js';
import type { MeasureResult } from './metric-provider.js';
import type { OnNoData } from './metric-settings.js';

/** Worst last: a gate takes the worst metric, Failed > Error > Inconclusive > Successful. */
const RANK: Readonly<Record<MetricVerdict, number>> = { Successful: 0, Inconclusive: 1, Error: 2, Failed: 3 };

export function worstVerdict(verdicts: Iterable<MetricVerdict>): MetricVerdict {
  let worst: MetricVerdict = 'Successful';
  for (const verdict of verdicts) if (RANK[verdict] > RANK[worst]) worst = verdict;
  return worst;
}

/** The bounds a value must keep: `value <= max` and `value >= min`, whichever are set. */
export interface Condition {
  readonly max?: number;
  readonly min?: number;
}

/** `<= 0.01`, `>= 0.9`, `>= 0.9 and <= 1.5`. */
export function conditionText(condition: Condition): string {
  const parts: string[] = [];
  if (condition.min !== undefined) parts.push(`>= ${condition.min}`);
  if (condition.max !== undefined) parts.push(`<= ${condition.max}`);
  return parts.join(' and ') || 'any value';
}

/** NaN and ±Inf fail any condition: a division by zero or an overflow is never evidence of health. */
export function judgeValue(value: number, condition: Condition): 'Successful' | 'Failed' {
  if (!Number.isFinite(value)) return 'Failed';
  if (condition.max !== undefined && value > condition.max) return 'Failed';
  if (condition.min !== undefined && value < condition.min) return 'Failed';
  return 'Successful';
}

export function judgeMeasurement(
  result: MeasureResult,
  rule: Condition & { readonly onNoData: OnNoData },
): MetricVerdict {
  switch (result.kind) {
    case 'value':
      return judgeValue(result.value, rule);
    case 'no-data':
      return noDataVerdict(rule.onNoData);
    case 'error':
      return 'Error';
    default: {
      const never: never = result;
      throw new Error(`unhandled result ${JSON.stringify(never)}`);
    }
  }
}

function noDataVerdict(onNoData: OnNoData): MetricVerdict {
  switch (onNoData) {
    case 'fail':
      return 'Failed';
    case 'inconclusive':
      return 'Inconclusive';
    case 'pass':
      return 'Successful';
    default: {
      const never: never = onNoData;
      throw new Error(`unhandled on-no-data ${String(never)}`);
    }
  }
}

export interface MetricLimits {
  readonly failureLimit: number;
  readonly inconclusiveLimit: number;
  /** Consecutive errors tolerated. */
  readonly errorLimit: number;
  /** Only `inconclusive` can produce Inconclusive measurements; the others make inconclusive-limit moot. */
  readonly onNoData: OnNoData;
}

export interface MetricTally {
  readonly taken: number;
  readonly successful: number;
  readonly failed: number;
  readonly inconclusive: number;
  readonly errors: number;
  /** Errors since the last measurement that was not one. */
  readonly consecutiveErrors: number;
}

/**
 * Why a metric has its verdict. `completed`: every planned measurement was taken. `certain`: the
 * remaining ones cannot change it. `no-success`: completed without a single Successful measurement.
 */
export type MetricCause =
  | 'failure-limit'
  | 'error-limit'
  | 'inconclusive-limit'
  | 'completed'
  | 'certain'
  | 'no-success';

export type MetricJudgement =
  | { readonly decided: false; readonly tally: MetricTally }
  | {
      readonly decided: true;
      readonly verdict: MetricVerdict;
      readonly cause: MetricCause;
      readonly tally: MetricTally;
    };

/**
 * Judges a metric from its measurements' verdicts so far, in order, out of `planned`.
 *
 * Worked examples (failure-limit 1, error-limit 2, inconclusive-limit 0, planned 5, on-no-data fail;
 * S Successful, F Failed, E Error):
 *   S F S       → pending: 1 failure is within the limit, and 2 more could fail
 *   S F S F     → Failed (failure-limit): 2 failures > 1; the fifth is never taken
 *   E E E       → Error (error-limit): 3 consecutive errors > 2
 *   E E S E E   → Successful (completed): the S reset the run of errors, and it passed
 *   S S S       → pending: the 2 left could both fail
 *   S S S S     → Successful (certain): with 1 left, 0 + 1 failures <= 1 and 0 + 1 errors <= 2
 * and with planned 2, failure-limit 2: F F → Failed (no-success), because nothing passed.
 */
export function judgeMetric(
  limits: MetricLimits,
  verdicts: readonly MetricVerdict[],
  planned: number,
): MetricJudgement {
  let taken = 0;
  let successful = 0;
  let failed = 0;
  let inconclusive = 0;
  let errors = 0;
  let consecutiveErrors = 0;
  const tally = (): MetricTally => ({ taken, successful, failed, inconclusive, errors, consecutiveErrors });

  for (const verdict of verdicts.slice(0, planned)) {
    taken += 1;
    if (verdict === 'Error') {
      errors += 1;
      consecutiveErrors += 1;
    } else {
      consecutiveErrors = 0;
      if (verdict === 'Successful') successful += 1;
      else if (verdict === 'Failed') failed += 1;
      else inconclusive += 1;
    }
    if (failed > limits.failureLimit)
      return { decided: true, verdict: 'Failed', cause: 'failure-limit', tally: tally() };
    if (consecutiveErrors > limits.errorLimit) {
      return { decided: true, verdict: 'Error', cause: 'error-limit', tally: tally() };
    }
    if (inconclusive > limits.inconclusiveLimit) {
      return { decided: true, verdict: 'Inconclusive', cause: 'inconclusive-limit', tally: tally() };
    }
  }

  const remaining = planned - taken;
  if (remaining <= 0) {
    if (successful > 0) return { decided: true, verdict: 'Successful', cause: 'completed', tally: tally() };
    // Nothing passed: a blind metric (all errors, or no data tolerated as inconclusive) is not a pass.
    const verdict: MetricVerdict = failed > 0 ? 'Failed' : errors > 0 ? 'Error' : 'Inconclusive';
    return { decided: true, verdict, cause: 'no-success', tally: tally() };
  }
  const inconclusiveReachable = limits.onNoData === 'inconclusive';
  const certain =
    successful > 0 &&
    failed + remaining <= limits.failureLimit &&
    consecutiveErrors + remaining <= limits.errorLimit &&
    (!inconclusiveReachable || inconclusive + remaining <= limits.inconclusiveLimit);
  if (certain) return { decided: true, verdict: 'Successful', cause: 'certain', tally: tally() };
  return { decided: false, tally: tally() };
}

export interface GateMetric {
  readonly dryRun: boolean;
  readonly judgement: MetricJudgement;
}

export type GateJudgement = { readonly decided: false } | { readonly decided: true; readonly verdict: MetricVerdict };

/**
 * The gate's verdict: the worst metric that is not dry-run, known as soon as it is certain — at once when
 * one metric Fails (nothing is worse), otherwise when every deciding metric is decided. With no deciding
 * metric the gate is Successful: dry-run metrics are reported, never obeyed.
 */
export function judgeGate(metrics: readonly GateMetric[]): GateJudgement {
  const deciding = metrics.filter((metric) => !metric.dryRun).map((metric) => metric.judgement);
  if (deciding.some((judgement) => judgement.decided && judgement.verdict === 'Failed')) {
    return { decided: true, verdict: 'Failed' };
  }
  const verdicts: MetricVerdict[] = [];
  for (const judgement of deciding) {
    if (!judgement.decided) return { decided: false };
    verdicts.push(judgement.verdict);
  }
  return { decided: true, verdict: worstVerdict(verdicts) };
}

/**
 * Whether the analysis can stop: the gate is decided and either it did not pass (rollback should not
 * wait for reports) or every metric, dry-run ones too, has finished its own schedule.
 */
export function analysisDone(metrics: readonly GateMetric[]): boolean {
  const gate = judgeGate(metrics);
  if (!gate.decided) return false;
  if (gate.verdict !== 'Successful') return true;
  return metrics.every((metric) => metric.judgement.decided);
}
