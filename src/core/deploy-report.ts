import { z } from 'zod';

/**
 * The `report` output of deploy and rollback (SPEC §5.2): what was run, step by step, with every gate's
 * verdict and the values it measured. The deploy engine writes it, the summary renders it, and the
 * incident action reads it back from JSON, so the schema is the contract between them.
 *
 * Keys the readers use are strict (types and option sets); unknown keys are kept (`looseObject`), so a
 * newer deploy may add fields without breaking an older incident action. Times are ISO 8601 strings.
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

export const CHECK_VERDICTS = ['healthy', 'unhealthy'] as const;
export type CheckVerdict = (typeof CHECK_VERDICTS)[number];

/** SPEC §6: one measurement, and a whole metric, is one of these. */
export const METRIC_VERDICTS = ['successful', 'failed', 'inconclusive', 'error'] as const;
export type MetricVerdict = (typeof METRIC_VERDICTS)[number];

const isoTime = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time like 2026-11-22T03:00:00Z' });
const text = z.string({ error: 'expected a string' });
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of ${values.join(', ')}` });

/** One hook run: `exitCode` is null when the hook was killed (timeout or signal). */
export const hookRunSchema = z.looseObject({
  name: text,
  exitCode: z.number().int().nullable(),
  durationMs: z.number().nonnegative(),
  signal: text.optional(),
  timedOut: z.boolean().optional(),
});
export type HookRun = z.infer<typeof hookRunSchema>;

/** One HTTP probe target of a gate. */
export const gateCheckSchema = z.looseObject({
  url: text,
  verdict: oneOf(CHECK_VERDICTS),
  /** One line: `503 on 3 consecutive probes (last body: {"status":"DOWN"})`. */
  reason: text,
  attempts: z.number().int().nonnegative().optional(),
  lastStatus: z.number().int().nullable().optional(),
  latencyMs: z.looseObject({ p50: z.number(), p95: z.number(), p99: z.number() }).optional(),
});
export type GateCheck = z.infer<typeof gateCheckSchema>;

/** One measurement of a metric (SPEC §6): the expanded query's raw value, the condition, the verdict. */
export const measurementSchema = z.looseObject({
  at: isoTime,
  /** null when Prometheus returned no data or the call failed. */
  value: z.number().nullable(),
  raw: text.optional(),
  verdict: oneOf(METRIC_VERDICTS),
  /** Why an error or inconclusive measurement is one: `Prometheus unreachable`, `no data`. */
  reason: text.optional(),
});
export type Measurement = z.infer<typeof measurementSchema>;

export const metricResultSchema = z.looseObject({
  name: text,
  verdict: oneOf(METRIC_VERDICTS),
  reason: text,
  /** The query with placeholders expanded. */
  query: text.optional(),
  /** How a value passes, for a reader: `<= 0.01`, `>= 0.99`, `between 0.9 and 1`. */
  condition: text.optional(),
  max: z.number().optional(),
  min: z.number().optional(),
  dryRun: z.boolean().optional(),
  measurements: z.array(measurementSchema).optional(),
});
export type MetricResult = z.infer<typeof metricResultSchema>;

export const gateResultSchema = z.looseObject({
  verdict: oneOf(GATE_VERDICTS),
  /** One line: the first failing check or metric and why. */
  reason: text,
  checks: z.array(gateCheckSchema).optional(),
  metrics: z.array(metricResultSchema).optional(),
});
export type GateResult = z.infer<typeof gateResultSchema>;

export const deployStepSchema = z.looseObject({
  /** What a person reads: `deploy green`, `route 10% to green`, `gate 10%`, `retire blue`. */
  name: text.min(1),
  startedAt: isoTime,
  /** Absent when the run was killed while the step ran. */
  finishedAt: isoTime.optional(),
  outcome: oneOf(STEP_OUTCOMES),
  /** True for the steps that undid the deploy (the rollback stack unwinding). */
  rollback: z.boolean().optional(),
  slot: oneOf(SLOTS).optional(),
  /** Percentage of traffic on the new version once this step is done (canary, blue-green). */
  weight: z.number().min(0).max(100).optional(),
  /** Rolling: the instances of this batch. */
  instances: z.array(text).optional(),
  hooks: z.array(hookRunSchema).optional(),
  gate: gateResultSchema.optional(),
  /** One line, when the step failed for a reason other than its gate. */
  error: text.optional(),
});
export type DeployStep = z.infer<typeof deployStepSchema>;

export const deployReportSchema = z.looseObject({
  operation: oneOf(OPERATIONS).optional(),
  service: text.min(1),
  environment: text.min(1),
  strategy: oneOf(STRATEGIES),
  version: text.min(1),
  /** null on the first deploy of a service to an environment. */
  previousVersion: text.nullable(),
  result: oneOf(DEPLOY_RESULTS),
  /** null unless the result is `rolled-back` or `failed`. */
  failureReason: text.nullable(),
  rollback: z.looseObject({
    /** `rollback-on-error`; when absent, a `failed` result with no attempt is read as "rollback was off". */
    enabled: z.boolean().optional(),
    attempted: z.boolean(),
    succeeded: z.boolean(),
    /** One line per undo that failed; the others still ran. */
    failures: z.array(text).optional(),
  }),
  startedAt: isoTime,
  finishedAt: isoTime,
  steps: z.array(deployStepSchema),
  runUrl: text.optional(),
  sha: text.optional(),
  deploymentId: z.union([z.number().int(), text]).optional(),
  deploymentUrl: text.optional(),
  activeSlot: oneOf(SLOTS).optional(),
  /** The rollback action's `reason` input. */
  rollbackReason: text.optional(),
}, { error: 'expected a JSON object' });
export type DeployReport = z.infer<typeof deployReportSchema>;

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
  const result = deployReportSchema.safeParse(data);
  if (result.success) return { ok: true, report: result.data };
  const issue = result.error.issues[0];
  if (!issue) return { ok: false, error: 'not a deploy report' };
  return { ok: false, error: describeIssue(issue, data) };
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
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
