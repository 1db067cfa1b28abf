import { load as parseYaml } from 'js-yaml';
import type * as core from 'zod/v4/core';
import * as z from '#zod';
import { durationSchema } from '../../core/duration.js';
import { errorMessage, InputError } from '../../core/errors.js';
import { placeholderOutsideDoubleQuotes } from '../../core/placeholders.js';
import { METRIC_PROVIDERS, type MetricProviderKind } from '../../core/vocabulary.js';
import { issueLine, readIssue } from '../../core/zod-issue.js';

export const ON_NO_DATA = ['fail', 'inconclusive', 'pass'] as const;
/** What an empty result counts as: a failure (default), an inconclusive measurement, or a pass. */
export type OnNoData = (typeof ON_NO_DATA)[number];

/** One metric of a gate's analysis (SPEC §6), parsed and with every default applied. */
export interface MetricSpec {
  readonly name: string;
  /** With placeholders ({service} {environment} {version} {slot} {pr}) not yet expanded. */
  readonly query: string;
  /** A measured value passes when it is <= max and >= min (whichever are set; at least one is). */
  readonly max?: number;
  readonly min?: number;
  readonly intervalMs: number;
  /** Measurements to take; undefined means as many as fit in the gate's time. */
  readonly count?: number;
  readonly failureLimit: number;
  readonly inconclusiveLimit: number;
  /** Consecutive errors tolerated. */
  readonly errorLimit: number;
  readonly onNoData: OnNoData;
  /** Measured and reported, never decides the gate. */
  readonly dryRun: boolean;
  readonly provider: MetricProviderKind;
  /** The shell command of a `command` metric (run with sh -c; values come in SHIPGATE_* env vars). */
  readonly command?: string;
  /** A command metric's timeout per measurement (the provider's default, 30s, when absent). */
  readonly timeoutMs?: number;
}

export const DEFAULT_INTERVAL_MS = 30_000;
export const DEFAULT_ERROR_LIMIT = 4;
/** Shorter intervals would measure the same scrape over and over. */
export const MIN_INTERVAL_MS = 100;
const MAX_COUNT = 100_000;

export const METRIC_KEYS = [
  'name',
  'query',
  'max',
  'min',
  'interval',
  'count',
  'failure-limit',
  'inconclusive-limit',
  'error-limit',
  'on-no-data',
  'dry-run',
  'provider',
  'command',
  'timeout',
] as const;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const NAME_FORM = 'a name of letters, digits, ".", "_" or "-" (at most 64, starting with a letter or digit)';
const QUERY_FORM = 'a non-empty query';
const NUMBER_FORM = 'a finite number';
const LIMIT_FORM = 'a whole number, 0 or more';
const COUNT_FORM = `a whole number from 1 to ${MAX_COUNT}`;
const BOOLEAN_FORM = 'true or false';
/** Only the addresses of the slot differ per probe; a metric query covers the whole slot. */
const ADDRESS_PLACEHOLDER = '{address}';

const finiteNumber = () => z.number({ error: NUMBER_FORM }).check(z.refine(Number.isFinite, { error: NUMBER_FORM }));
const limit = () => z.int({ error: LIMIT_FORM }).check(z.minimum(0, { error: LIMIT_FORM }));

/**
 * The schemas below are built on first use, not at import: the config schema refers to the metric list
 * lazily, so a deploy whose config has no analysis never builds them (start-up, SPEC §9 B1).
 */
const metricFields = () =>
  z.strictObject({
    name: z.string({ error: NAME_FORM }).check(z.regex(NAME, { error: NAME_FORM })),
    query: z.optional(
      z.string({ error: QUERY_FORM }).check(
        z.refine((query: string) => query.trim() !== '', { error: QUERY_FORM, abort: true }),
        z.refine((query: string) => !query.includes(ADDRESS_PLACEHOLDER), {
          error: 'a query without {address} (one query covers every address of the slot; use {slot})',
        }),
      ),
    ),
    max: z.optional(finiteNumber()),
    min: z.optional(finiteNumber()),
    interval: z.optional(durationSchema(MIN_INTERVAL_MS)),
    count: z.optional(
      z
        .int({ error: COUNT_FORM })
        .check(z.minimum(1, { error: COUNT_FORM }), z.maximum(MAX_COUNT, { error: COUNT_FORM })),
    ),
    'failure-limit': z.optional(limit()),
    'inconclusive-limit': z.optional(limit()),
    'error-limit': z.optional(limit()),
    'on-no-data': z.optional(z.enum(ON_NO_DATA, { error: `one of ${ON_NO_DATA.join(', ')}` })),
    'dry-run': z.optional(z.boolean({ error: BOOLEAN_FORM })),
    provider: z.optional(z.enum(METRIC_PROVIDERS, { error: `one of ${METRIC_PROVIDERS.join(', ')}` })),
    command: z.optional(
      z
        .string({ error: 'a shell command' })
        .check(z.refine((command: string) => command.trim() !== '', { error: 'a shell command' })),
    ),
    timeout: z.optional(durationSchema(1)),
  });
type MetricItem = z.output<ReturnType<typeof metricFields>>;

/** SPEC §10: a value expanded into PromQL is escaped for, and so must sit in, a double-quoted string. */
function checkQueryPlaceholders(query: string | undefined, ctx: { addIssue(issue: core.$ZodRawIssue): void }) {
  const outside = query === undefined ? undefined : placeholderOutsideDoubleQuotes(query);
  if (!outside) return;
  ctx.addIssue({
    code: 'custom',
    path: ['query'],
    message: `a query whose placeholders sit inside double-quoted strings, like version="{version}" (${outside.text} does not)`,
    input: query,
  });
}

/** A Prometheus metric has a query, and neither a command nor a command's timeout. */
function checkPrometheusItem(item: MetricItem, ctx: core.$RefinementCtx<MetricItem>): void {
  if (item.query === undefined) {
    ctx.addIssue({ code: 'custom', path: ['query'], message: 'a PromQL query', input: undefined });
  }
  checkQueryPlaceholders(item.query, ctx);
  if (item.command !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['command'],
      message: 'no command unless provider is command',
      input: item.command,
    });
  }
  if (item.timeout !== undefined) {
    const message = 'no timeout unless provider is command (Prometheus queries time out after 10s)';
    ctx.addIssue({ code: 'custom', path: ['timeout'], message, input: item.timeout });
  }
}

/** The checks across keys: max or min, min ≤ max, and the keys each provider needs. */
function checkMetricItem(item: MetricItem, ctx: core.$RefinementCtx<MetricItem>): void {
  if (item.max === undefined && item.min === undefined) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: 'a number (give max, min or both)', input: undefined });
  }
  if (item.max !== undefined && item.min !== undefined && item.min > item.max) {
    ctx.addIssue({
      code: 'custom',
      path: ['min'],
      message: `a number not greater than max (${item.max})`,
      input: item.min,
    });
  }
  const provider = item.provider ?? 'prometheus';
  switch (provider) {
    case 'prometheus':
      checkPrometheusItem(item, ctx);
      break;
    case 'command':
      if (item.command === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['command'],
          message: 'a shell command (provider is command)',
          input: undefined,
        });
      }
      break;
    default: {
      const never: never = provider;
      throw new Error(`unhandled provider ${String(never)}`);
    }
  }
}

const metricObject = () => metricFields().check(z.superRefine(checkMetricItem));

/**
 * The zod schema of one metric as written in YAML (the `metrics` input, and `analysis.metrics` in the
 * config file), giving a MetricSpec. Every issue's message is the expected form, so a caller can build
 * its own one-line error around the issue's path and the value found there. Built on zod/mini, like the
 * input parsers, to keep the healthcheck's start-up within its budget (SPEC §9, B1); classic zod
 * objects accept it as a field.
 */
export const metricSchema = () =>
  z.pipe(
    metricObject(),
    z.transform((item: MetricItem): MetricSpec => {
      const spec: MetricSpec = {
        name: item.name,
        query: item.query ?? '',
        intervalMs: item.interval ?? DEFAULT_INTERVAL_MS,
        failureLimit: item['failure-limit'] ?? 0,
        inconclusiveLimit: item['inconclusive-limit'] ?? 0,
        errorLimit: item['error-limit'] ?? DEFAULT_ERROR_LIMIT,
        onNoData: item['on-no-data'] ?? 'fail',
        dryRun: item['dry-run'] ?? false,
        provider: item.provider ?? 'prometheus',
      };
      return {
        ...spec,
        ...(item.max !== undefined && { max: item.max }),
        ...(item.min !== undefined && { min: item.min }),
        ...(item.count !== undefined && { count: item.count }),
        ...(item.command !== undefined && { command: item.command }),
        ...(item.timeout !== undefined && { timeoutMs: item.timeout }),
      };
    }),
  );

/** A list of metrics whose names are unique (names key the report, the `failed` output and the summary). */
export const metricListSchema = () =>
  z.array(metricSchema()).check(
    z.superRefine((specs: MetricSpec[], ctx) => {
      const seen = new Set<string>();
      specs.forEach((spec, index) => {
        if (seen.has(spec.name)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'name'],
            message: 'a name not used by another metric',
            input: spec.name,
          });
        }
        seen.add(spec.name);
      });
    }),
  );

/**
 * An invalid `metrics` input, as one line that names the metric and the key:
 * `healthcheck: input 'metrics' metric 'error-rate' key 'interval' is '5x'; expected a duration like 500ms, 5s, 2m or 1h`.
 * Still an InputError (code `invalid-input`), so the entry file reports it like any other input.
 */
export class MetricInputError extends InputError {
  readonly metric: string | undefined;
  readonly key: string | undefined;
  constructor(
    scope: string,
    where: { metric?: string; item?: number; key?: string },
    value: unknown,
    expected: string,
  ) {
    super('metrics', value, expected, { scope });
    this.metric = where.metric;
    this.key = where.key;
    const item =
      where.metric !== undefined ? ` metric '${where.metric}'` : where.item !== undefined ? ` item ${where.item}` : '';
    const key = where.key !== undefined ? ` key '${where.key}'` : '';
    this.message = issueLine(`${scope ? `${scope}: ` : ''}input 'metrics'${item}${key}`, value, expected);
  }
}

const LIST_FORM = 'a YAML list of metrics, each with name, query and max or min';

type Issue = core.$ZodIssue;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The issue to report: the first item's; within it an unknown key first (a typo explains what follows). */
function firstIssue(issues: readonly Issue[]): Issue | undefined {
  const itemOf = (issue: Issue): number => (typeof issue.path[0] === 'number' ? issue.path[0] : -1);
  return [...issues].sort((a, b) => {
    const byItem = itemOf(a) - itemOf(b);
    if (byItem !== 0) return byItem;
    return Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys');
  })[0];
}

/** Turns a zod issue of metricListSchema into the one-line error. */
function issueError(scope: string, items: readonly unknown[], issue: Issue): MetricInputError {
  const index = typeof issue.path[0] === 'number' ? issue.path[0] : 0;
  const item = items[index];
  const record = isRecord(item) ? item : undefined;
  const name = record && typeof record.name === 'string' && NAME.test(record.name) ? record.name : undefined;
  const where = name !== undefined ? { metric: name } : { item: index + 1 };
  if (!record) return new MetricInputError(scope, where, item, 'a mapping with name, query and max or min');
  const found = readIssue(issue, items, { unknownKey: `a known key (${METRIC_KEYS.join(', ')})` });
  const key = found.path[1] === undefined ? undefined : String(found.path[1]);
  return new MetricInputError(scope, key === undefined ? where : { ...where, key }, found.value, found.expected);
}

/**
 * Parses the `metrics` input: YAML, a list of metrics (SPEC §6). Blank text is no metrics.
 * Throws a MetricInputError (an InputError) naming the metric, the key, the value and the expected form.
 */
export function parseMetrics(yamlText: string, scope: string): MetricSpec[] {
  if (yamlText.trim() === '') return [];
  let items: unknown;
  try {
    items = parseYaml(yamlText);
  } catch (error) {
    const firstLine = errorMessage(error).split('\n')[0] ?? '';
    throw new InputError('metrics', yamlText, `${LIST_FORM} (YAML error: ${firstLine})`, { scope, cause: error });
  }
  if (items === null || items === undefined) return [];
  if (!Array.isArray(items)) throw new InputError('metrics', yamlText, LIST_FORM, { scope });
  const result = z.safeParse(metricListSchema(), items);
  if (result.success) return result.data;
  const issue = firstIssue(result.error.issues);
  if (!issue) throw new InputError('metrics', yamlText, LIST_FORM, { scope });
  throw issueError(scope, items, issue);
}
