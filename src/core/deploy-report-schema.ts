import type * as core from 'zod/v4/core';
import * as z from '#zod';
import type { DeployReport } from './deploy-report.js';
import { tooDeep } from './json-depth.js';
import { describeJsonError } from './json-error.js';
import {
  CHECK_VERDICTS,
  DEPLOY_RESULTS,
  GATE_VERDICTS,
  MEASUREMENT_RESULTS,
  METRIC_PROVIDERS,
  METRIC_VERDICTS,
  OPERATIONS,
  SLOTS,
  STEP_OUTCOMES,
  STRATEGIES,
} from './vocabulary.js';
import { describeIssue, keyPath } from './zod-issue.js';

/**
 * The schema of the deploy report (src/core/deploy-report.ts), and its reader. Only the incident action
 * reads reports; the deploy and rollback actions, which write them, never build these schemas, which
 * keeps them off those actions' start-up (SPEC §9 B1). deploy-report.ts takes its types from here.
 */

const isoTime = z.iso.datetime({ offset: true, error: 'an ISO 8601 time like 2026-11-22T03:00:00Z' });
const text = z.string({ error: 'a string' });
const number = z.number({ error: 'a number' });
const flag = z.boolean({ error: 'true or false' });
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `one of ${values.join(', ')}` });
const list = <T extends core.SomeType>(item: T) => z.array(item, { error: 'an array' });
const record = <T extends core.$ZodLooseShape>(shape: T) => z.looseObject(shape, { error: 'an object' });

/** One hook run: `exitCode` is null when the hook was killed (timeout or signal). */
export const hookRunSchema = record({
  name: text,
  exitCode: z.nullable(z.int({ error: 'a whole number or null' })),
  durationMs: number,
  signal: z.optional(text),
  timedOut: z.optional(flag),
});

/** One HTTP probe target of a gate (the health module's CheckReport fits). */
export const gateCheckSchema = record({
  url: text,
  verdict: oneOf(CHECK_VERDICTS),
  /** One line: `503 on 3 consecutive probes (last body: {"status":"DOWN"})`; null when healthy. */
  reason: z.optional(z.nullable(text)),
  attempts: z.optional(number),
  lastStatus: z.optional(z.nullable(number)),
  latencyMs: z.optional(
    record({
      p50: z.optional(z.nullable(number)),
      p95: z.optional(z.nullable(number)),
      p99: z.optional(z.nullable(number)),
    }),
  ),
});

/** One measurement of a metric (SPEC §6): the expanded query, the raw value, the verdict. */
export const measurementSchema = record({
  at: isoTime,
  /** null for no data, an error, NaN or ±Inf. */
  value: z.nullable(number),
  query: z.optional(text),
  /** What was received, as received (`"0.0833"`, `"NaN"`, `[]`). */
  raw: z.optional(text),
  /** What was received; absent in reports of older versions (then read from `value` and `error`). */
  result: z.optional(oneOf(MEASUREMENT_RESULTS)),
  verdict: oneOf(METRIC_VERDICTS),
  /** Why the measurement is an Error. */
  error: z.optional(text),
});

export const metricResultSchema = record({
  name: text,
  verdict: oneOf(METRIC_VERDICTS),
  /** One line: `error-rate: 0.0833 > max 0.01 on 2 of 3 measurements (failure-limit 0)`. */
  reason: text,
  /** How a value passes: `<= 0.01`, `>= 0.9 and <= 1.5`. */
  condition: z.optional(text),
  max: z.optional(number),
  min: z.optional(number),
  dryRun: z.optional(flag),
  provider: z.optional(oneOf(METRIC_PROVIDERS)),
  /** Measurements planned (count, or as many as fit in the gate's time). */
  planned: z.optional(number),
  /** The query with placeholders expanded, when every measurement used the same one. */
  query: z.optional(text),
  measurements: z.optional(list(measurementSchema)),
});

export const gateResultSchema = record({
  verdict: oneOf(GATE_VERDICTS),
  /** One line: the first failing check or metric and why; null when it passed with nothing to say. */
  reason: z.nullable(text),
  checks: z.optional(list(gateCheckSchema)),
  metrics: z.optional(list(metricResultSchema)),
});

export const deployStepSchema = record({
  /** What a person reads: `deploy green`, `route 10% to green`, `gate 10%`, `retire blue`. */
  name: text.check(z.minLength(1, 'a non-empty string')),
  startedAt: isoTime,
  /** Absent when the run was killed while the step ran. */
  finishedAt: z.optional(isoTime),
  outcome: oneOf(STEP_OUTCOMES),
  /** True for the steps that undid the deploy (the rollback stack unwinding). */
  rollback: z.optional(flag),
  slot: z.optional(oneOf(SLOTS)),
  /** Percentage of traffic on the new version once this step is done (canary, blue-green). */
  weight: z.optional(number.check(z.gte(0, '0 to 100'), z.lte(100, '0 to 100'))),
  /** Rolling: the instances of this batch. */
  instances: z.optional(list(text)),
  hooks: z.optional(list(hookRunSchema)),
  gate: z.optional(gateResultSchema),
  /** One line, when the step failed for a reason other than its gate. */
  error: z.optional(text),
});

export const deployReportSchema = z.looseObject(
  {
    operation: z.optional(oneOf(OPERATIONS)),
    service: text.check(z.minLength(1, 'a non-empty string')),
    environment: text.check(z.minLength(1, 'a non-empty string')),
    strategy: oneOf(STRATEGIES),
    version: text.check(z.minLength(1, 'a non-empty string')),
    /** null on the first deploy of a service to an environment. */
    previousVersion: z.nullable(text),
    result: oneOf(DEPLOY_RESULTS),
    /** null unless the result is `rolled-back` or `failed`. */
    failureReason: z.nullable(text),
    rollback: record({
      /** `rollback-on-error`; when absent, a `failed` result with no attempt is read as "rollback was off". */
      enabled: z.optional(flag),
      attempted: flag,
      succeeded: flag,
      /** One line per undo that failed; the others still ran. */
      failures: z.optional(list(text)),
    }),
    startedAt: isoTime,
    finishedAt: isoTime,
    steps: list(deployStepSchema),
    runUrl: z.optional(text),
    sha: z.optional(text),
    deploymentId: z.optional(z.union([z.int(), text], { error: 'a number or a string' })),
    deploymentUrl: z.optional(text),
    activeSlot: z.optional(oneOf(SLOTS)),
    /** The rollback action's `reason` input. */
    rollbackReason: z.optional(text),
    /**
     * Swarm: what the target ran against the record before the run (one line), when they differ: the
     * reason of an `aborted` deploy, or a warning a dry run, a rollback or a deploy with `force` went past.
     */
    drift: z.optional(text),
  },
  { error: 'a JSON object' },
);

/** A JSON report read back: the report, or one line saying where it broke. */
export type JsonReportParse<T> =
  | { readonly ok: true; readonly report: T }
  | { readonly ok: false; readonly error: string };

export type ReportParseResult = JsonReportParse<DeployReport>;

/**
 * Parses a report from its JSON text. On failure the error is one line saying where it broke:
 * `not JSON: unexpected "}" at line 3, column 14` or `steps[1].gate.verdict is "ok"; expected one of passed, failed`.
 */
export function parseDeployReport(json: string): ReportParseResult {
  return parseJsonReport<DeployReport>(json, deployReportSchema, 'a deploy report');
}

/** Any JSON report (deploy, healthcheck) against its schema: nesting first, then JSON, then the schema. */
export function parseJsonReport<T>(json: string, schema: core.$ZodType, what: string): JsonReportParse<T> {
  const deep = tooDeep(json);
  if (deep) return { ok: false, error: deep };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, error: `not JSON: ${describeJsonError(json)}` };
  }
  const result = z.safeParse(schema, data);
  if (result.success) return { ok: true, report: result.data as T };
  const issue = result.error.issues[0];
  return { ok: false, error: issue ? describeReportIssue(issue, data) : `not ${what}` };
}

/** One line for the first schema issue of a JSON report: `steps[1].gate.verdict is "ok"; expected one of passed, failed`. */
export function describeReportIssue(issue: core.$ZodIssue, data: unknown): string {
  return describeIssue(issue, data, (path) => keyPath(path) || 'the report', { show: showJson });
}

/** The report is JSON, so a value is shown as JSON (`"ok"`, `5`, `[]`), cut to a readable length. */
function showJson(value: unknown): string {
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}
