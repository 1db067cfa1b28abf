import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';

/**
 * The `report` output of deploy and rollback (SPEC §5.2): what was run, step by step, with every gate's
 * verdict and the values it measured. The deploy engine writes it, the summary renders it, and the
 * incident action reads it back from JSON, so the schema is the contract between them.
 *
 * Keys the readers use are strict (types and option sets); unknown keys are kept (`looseObject`), so a
 * newer deploy may add fields without breaking an older incident action. Times are ISO 8601 strings.
 * A gate's evidence takes the health module's records as they are: `CheckReport` (src/health/health-report.ts)
 * and `MetricReport` (src/health/analysis/analysis-report.ts) both fit `gateCheckSchema` / `metricResultSchema`.
 * Built on zod/mini, which the deploy bundle's start-up budget (SPEC §9, B1) needs.
 */

export const DEPLOY_RESULTS = ['succeeded', 'rolled-back', 'failed', 'planned', 'noop'] as const;
/** `rolled-back`: failed after it began changing anything, and the rollback succeeded; `failed`: the rollback failed or was off. */
export type DeployResult = (typeof DEPLOY_RESULTS)[number];

export const STRATEGIES = ['rolling', 'blue-green', 'canary'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const SLOTS = ['blue', 'green'] as const;
export type Slot = (typeof SLOTS)[number];

/** Which action wrote the report. A rollback report's `version` is the version rolled back to. */
export const OPERATIONS = ['deploy', 'rollback'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const STEP_OUTCOMES = ['succeeded', 'failed', 'skipped', 'cancelled'] as const;
/** `cancelled`: the step was in flight when the run was cancelled (SIGINT/SIGTERM). */
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

export const GATE_VERDICTS = ['passed', 'failed'] as const;
export type GateVerdict = (typeof GATE_VERDICTS)[number];

/** `undecided`: the gate ended (cancelled, or decided by another check) before this URL was judged. */
export const CHECK_VERDICTS = ['healthy', 'unhealthy', 'undecided'] as const;
export type CheckVerdict = (typeof CHECK_VERDICTS)[number];

/** SPEC §6, spelled as the analysis engine spells them (src/health/analysis/verdict.ts). */
export const METRIC_VERDICTS = ['Successful', 'Failed', 'Inconclusive', 'Error'] as const;
export type MetricVerdict = (typeof METRIC_VERDICTS)[number];

/**
 * The type of what a loose schema reads, without the index signature looseObject adds: the engine's own
 * records (interfaces like the health module's CheckReport) are then assignable to these types.
 */
export type Known<T> = T extends readonly (infer U)[]
  ? readonly Known<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : K]: Known<T[K]> }
    : T;

const isoTime = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time like 2026-11-22T03:00:00Z' });
const text = z.string({ error: 'expected a string' });
const number = z.number({ error: 'expected a number' });
const flag = z.boolean({ error: 'expected true or false' });
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of ${values.join(', ')}` });
const list = <T extends core.SomeType>(item: T) => z.array(item, { error: 'expected an array' });
const record = <T extends core.$ZodLooseShape>(shape: T) => z.looseObject(shape, { error: 'expected an object' });

/** One hook run: `exitCode` is null when the hook was killed (timeout or signal). */
export const hookRunSchema = record({
  name: text,
  exitCode: z.nullable(z.int({ error: 'expected a whole number or null' })),
  durationMs: number,
  signal: z.optional(text),
  timedOut: z.optional(flag),
});
export type HookRun = Known<z.infer<typeof hookRunSchema>>;

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
export type GateCheck = Known<z.infer<typeof gateCheckSchema>>;

/** One measurement of a metric (SPEC §6): the expanded query, the raw value, the verdict. */
export const measurementSchema = record({
  at: isoTime,
  /** null for no data, an error, NaN or ±Inf. */
  value: z.nullable(number),
  query: z.optional(text),
  /** What was received, as received (`"0.0833"`, `"NaN"`, `[]`). */
  raw: z.optional(text),
  verdict: oneOf(METRIC_VERDICTS),
  /** Why the measurement is an Error. */
  error: z.optional(text),
});
export type Measurement = Known<z.infer<typeof measurementSchema>>;

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
  /** The query with placeholders expanded, when every measurement used the same one. */
  query: z.optional(text),
  measurements: z.optional(list(measurementSchema)),
});
export type MetricResult = Known<z.infer<typeof metricResultSchema>>;

export const gateResultSchema = record({
  verdict: oneOf(GATE_VERDICTS),
  /** One line: the first failing check or metric and why; null when it passed with nothing to say. */
  reason: z.nullable(text),
  checks: z.optional(list(gateCheckSchema)),
  metrics: z.optional(list(metricResultSchema)),
});
export type GateResult = Known<z.infer<typeof gateResultSchema>>;

export const deployStepSchema = record({
  /** What a person reads: `deploy green`, `route 10% to green`, `gate 10%`, `retire blue`. */
  name: text.check(z.minLength(1, 'expected a non-empty string')),
  startedAt: isoTime,
  /** Absent when the run was killed while the step ran. */
  finishedAt: z.optional(isoTime),
  outcome: oneOf(STEP_OUTCOMES),
  /** True for the steps that undid the deploy (the rollback stack unwinding). */
  rollback: z.optional(flag),
  slot: z.optional(oneOf(SLOTS)),
  /** Percentage of traffic on the new version once this step is done (canary, blue-green). */
  weight: z.optional(number.check(z.gte(0, 'expected 0 to 100'), z.lte(100, 'expected 0 to 100'))),
  /** Rolling: the instances of this batch. */
  instances: z.optional(list(text)),
  hooks: z.optional(list(hookRunSchema)),
  gate: z.optional(gateResultSchema),
  /** One line, when the step failed for a reason other than its gate. */
  error: z.optional(text),
});
export type DeployStep = Known<z.infer<typeof deployStepSchema>>;

export const deployReportSchema = z.looseObject(
  {
    operation: z.optional(oneOf(OPERATIONS)),
    service: text.check(z.minLength(1, 'expected a non-empty string')),
    environment: text.check(z.minLength(1, 'expected a non-empty string')),
    strategy: oneOf(STRATEGIES),
    version: text.check(z.minLength(1, 'expected a non-empty string')),
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
    deploymentId: z.optional(z.union([z.int(), text], { error: 'expected a number or a string' })),
    deploymentUrl: z.optional(text),
    activeSlot: z.optional(oneOf(SLOTS)),
    /** The rollback action's `reason` input. */
    rollbackReason: z.optional(text),
  },
  { error: 'expected a JSON object' },
);
export type DeployReport = Known<z.infer<typeof deployReportSchema>>;

export type ReportParseResult =
  | { readonly ok: true; readonly report: DeployReport }
  | { readonly ok: false; readonly error: string };

/**
 * Parses a report from its JSON text. On failure the error is one line saying where it broke:
 * `not JSON: unexpected "}" at line 3, column 14` or `steps[1].gate.verdict is "ok"; expected one of passed, failed`.
 */
export function parseDeployReport(json: string): ReportParseResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, error: `not JSON: ${describeJsonError(json)}` };
  }
  const result = z.safeParse(deployReportSchema, data);
  if (result.success) return { ok: true, report: result.data as DeployReport };
  const issue = result.error.issues[0];
  if (!issue) return { ok: false, error: 'not a deploy report' };
  return { ok: false, error: describeIssue(issue, data) };
}

/** One line for the first schema issue of a report: `steps[1].gate.verdict is "ok"; expected one of passed, failed`. */
export function describeIssue(issue: core.$ZodIssue, data: unknown): string {
  const path = formatPath(issue.path);
  const where = path === '' ? 'the report' : path;
  const value = valueAt(data, issue.path);
  if (value === undefined) return `${where} is missing`;
  const shown = JSON.stringify(value) ?? String(value);
  const cut = shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
  return `${where} is ${cut}; ${lowerFirst(issue.message)}`;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const name = String(key);
    return acc === '' ? name : `${acc}.${name}`;
  }, '');
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function lowerFirst(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}

/**
 * Where JSON text breaks, as `unexpected "}" at line 3, column 14` or `unexpected end at line 9, column 1`.
 * V8's own message no longer carries a position, and a person fixing a workflow needs one.
 */
export function describeJsonError(json: string): string {
  const offset = jsonErrorOffset(json);
  if (offset === undefined) return 'invalid JSON';
  const before = json.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const found = offset >= json.length ? 'end' : JSON.stringify(json.charAt(offset));
  return `unexpected ${found} at line ${line}, column ${column}`;
}

/** The offset of the first character at which `json` stops being JSON (RFC 8259), or undefined if it is JSON. */
function jsonErrorOffset(json: string): number | undefined {
  let at = 0;
  const broken = { offset: 0 };
  const fail = (): never => {
    broken.offset = at;
    throw broken;
  };
  const space = (): void => {
    while (at < json.length && ' \t\n\r'.includes(json.charAt(at))) at += 1;
  };
  const literal = (word: string): void => {
    for (const char of word) {
      if (json.charAt(at) !== char) fail();
      at += 1;
    }
  };
  const digits = (): void => {
    if (!/[0-9]/.test(json.charAt(at))) fail();
    while (/[0-9]/.test(json.charAt(at))) at += 1;
  };
  const number = (): void => {
    if (json.charAt(at) === '-') at += 1;
    if (json.charAt(at) === '0') at += 1;
    else digits();
    if (json.charAt(at) === '.') {
      at += 1;
      digits();
    }
    if (json.charAt(at) === 'e' || json.charAt(at) === 'E') {
      at += 1;
      if (json.charAt(at) === '+' || json.charAt(at) === '-') at += 1;
      digits();
    }
  };
  const string = (): void => {
    at += 1;
    for (;;) {
      if (at >= json.length) fail();
      const code = json.charCodeAt(at);
      if (code < 0x20) fail();
      if (code === 0x22) {
        at += 1;
        return;
      }
      if (code === 0x5c) {
        at += 1;
        const escape = json.charAt(at);
        if (escape === 'u') {
          for (let i = 1; i <= 4; i += 1) {
            if (!/[0-9a-fA-F]/.test(json.charAt(at + i))) {
              at += i;
              fail();
            }
          }
          at += 5;
        } else if ('"\\/bfnrt'.includes(escape) && escape !== '') at += 1;
        else fail();
      } else at += 1;
    }
  };
  const value = (): void => {
    space();
    const char = json.charAt(at);
    if (char === '{') {
      at += 1;
      space();
      if (json.charAt(at) === '}') {
        at += 1;
        return;
      }
      for (;;) {
        space();
        if (json.charAt(at) !== '"') fail();
        string();
        space();
        if (json.charAt(at) !== ':') fail();
        at += 1;
        value();
        space();
        if (json.charAt(at) === ',') at += 1;
        else if (json.charAt(at) === '}') {
          at += 1;
          return;
        } else fail();
      }
    }
    if (char === '[') {
      at += 1;
      space();
      if (json.charAt(at) === ']') {
        at += 1;
        return;
      }
      for (;;) {
        value();
        space();
        if (json.charAt(at) === ',') at += 1;
        else if (json.charAt(at) === ']') {
          at += 1;
          return;
        } else fail();
      }
    }
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    if (char === '-' || /[0-9]/.test(char)) return number();
    fail();
  };
  try {
    value();
    space();
    if (at < json.length) fail();
    return undefined;
  } catch (error) {
    if (error === broken) return broken.offset;
    throw error;
  }
}
