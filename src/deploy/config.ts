import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DURATION_FORM, parseDuration } from '../core/duration.js';
import { errorMessage, ShipgateError, showValue } from '../core/errors.js';
import { STATUS_SET_FORM, parseStatusSet } from '../core/status-set.js';
import { metricListSchema } from '../health/analysis/metric-settings.js';

/**
 * The config file, `.github/shipgate.yml` (SPEC §4), as a zod schema. `schema/shipgate.schema.json` is
 * generated from it (npm run schema; a test fails when it is stale). Every message is the expected form,
 * so an error line can name the key path, the value and the form.
 */

export const STRATEGIES = ['rolling', 'blue-green', 'canary'] as const;
export type Strategy = (typeof STRATEGIES)[number];

const DURATION_PATTERN = '^\\d+(\\.\\d+)?(ms|s|m|h)$';
const duration = (min = 0) =>
  z
    .string({ error: DURATION_FORM })
    .regex(new RegExp(DURATION_PATTERN), { error: DURATION_FORM })
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined || ms < min) {
        ctx.addIssue({ code: 'custom', message: min > 0 ? `${DURATION_FORM}, at least ${min}ms` : DURATION_FORM });
        return z.NEVER;
      }
      return ms;
    });

const count = (min: number, max: number) =>
  z.number({ error: `a whole number from ${min} to ${max}` }).int({ error: `a whole number from ${min} to ${max}` }).min(min, {
    error: `a whole number from ${min} to ${max}`,
  }).max(max, { error: `a whole number from ${min} to ${max}` });

const ADDRESS_FORM = 'host:port addresses such as 127.0.0.1:8081';
const address = z.string({ error: ADDRESS_FORM }).regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+):\d{1,5}$/, { error: ADDRESS_FORM });
const addresses = z.array(address, { error: `a list of ${ADDRESS_FORM}` }).min(1, { error: `a list of at least one of ${ADDRESS_FORM}` });
const command = z.string({ error: 'a shell command' }).refine((text) => text.trim() !== '', { error: 'a shell command' });

const targetSchema = z.strictObject({
  kind: z.literal('command', { error: 'command (swarm is planned)' }),
  deploy: command,
  retire: command.optional(),
  timeout: duration(1).optional(),
  slots: z.strictObject({ blue: addresses, green: addresses }, { error: 'blue and green address lists' }).optional(),
  instances: addresses.optional(),
});

const routerSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('nginx'),
      'upstream-file': z.string({ error: 'a file path' }).min(1, { error: 'a file path' }),
      'upstream-name': z.string({ error: 'an nginx upstream name' }).regex(/^[A-Za-z0-9_.-]+$/, { error: 'an nginx upstream name' }),
      reload: command.optional(),
      test: command.optional(),
      timeout: duration(1).optional(),
    }),
    z.strictObject({ kind: z.literal('command'), route: command, timeout: duration(1).optional() }),
    z.strictObject({ kind: z.literal('none') }),
  ],
  { error: 'a router with kind nginx, command or none' },
);

const healthSchema = z.strictObject({
  url: z.string({ error: 'an http(s) URL; {address} makes one probe per address' }).regex(/^https?:\/\/\S+$/, {
    error: 'an http(s) URL; {address} makes one probe per address',
  }),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], { error: 'an HTTP method such as GET' }).optional(),
  headers: z.record(z.string(), z.string({ error: 'a header value' }), { error: 'a mapping of header names to values' }).optional(),
  'expected-status': z
    .union([z.string(), z.number()], { error: STATUS_SET_FORM })
    .refine((value) => parseStatusSet(String(value)) !== undefined, { error: STATUS_SET_FORM })
    .optional(),
  'expect-json': z.record(z.string(), z.unknown(), { error: 'a mapping the JSON body must contain' }).optional(),
  'expect-text': z.string({ error: 'a substring or a /regular expression/' }).optional(),
  interval: duration(10).optional(),
  timeout: duration(1).optional(),
  'success-threshold': count(1, 1000).optional(),
  'failure-threshold': count(1, 1000).optional(),
  deadline: duration(1).optional(),
  /** How long a gate watches the new version after it takes all traffic (blue-green switch, canary promotion). */
  duration: duration().optional(),
});

const analysisSchema = z.strictObject({
  'prometheus-url': z.string({ error: 'an http(s) URL' }).regex(/^https?:\/\/\S+$/, { error: 'an http(s) URL' }).optional(),
  metrics: metricListSchema,
});

const canaryStep = z.strictObject({ weight: count(1, 100), pause: duration().optional() });
const canarySchema = z.strictObject({
  steps: z
    .array(canaryStep, { error: 'a list of steps like { weight: 10, pause: 1m }' })
    .min(1, { error: 'at least one step like { weight: 10, pause: 1m }' })
    .superRefine((steps, ctx) => {
      steps.forEach((step, index) => {
        const before = steps[index - 1];
        if (before && step.weight <= before.weight) {
          ctx.addIssue({ code: 'custom', path: [index, 'weight'], message: `a weight above the previous step's ${before.weight} (weights increase)` });
        }
      });
    }),
});

const BATCH_FORM = 'a count of instances (1 or more) or a percentage from 1% to 100%';
const rollingSchema = z.strictObject({
  batch: z
    .union([z.number(), z.string()], { error: BATCH_FORM })
    .refine((batch) => parseBatch(batch) !== undefined, { error: BATCH_FORM })
    .optional(),
  pause: duration().optional(),
  drain: duration().optional(),
});

const incidentSchema = z.strictObject({
  labels: z.array(z.string()).optional(),
  assignees: z.array(z.string()).optional(),
  language: z.enum(['en', 'ko'], { error: 'en or ko' }).optional(),
});

export const environmentSchema = z.strictObject({
  strategy: z.enum(STRATEGIES, { error: `one of ${STRATEGIES.join(', ')}` }).optional(),
  target: targetSchema,
  router: routerSchema.optional(),
  health: healthSchema.optional(),
  analysis: analysisSchema.optional(),
  canary: canarySchema.optional(),
  'blue-green': z.strictObject({ 'scale-down-delay': duration().optional() }).optional(),
  rolling: rollingSchema.optional(),
  incident: incidentSchema.optional(),
});

const NAME_FORM = 'a name of letters, digits, ".", "_" or "-"';
const nameKey = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: NAME_FORM });

export const configSchema = z.strictObject({
  version: z.literal(1, { error: '1' }),
  services: z.record(
    nameKey,
    z.strictObject({ environments: z.record(nameKey, environmentSchema, { error: 'a mapping of environments' }) }),
    { error: 'a mapping of services' },
  ),
});

export type Config = z.output<typeof configSchema>;
export type EnvironmentConfig = z.output<typeof environmentSchema>;

/** `2` (instances) or `"25%"`; undefined when neither. */
export function parseBatch(batch: number | string): { count: number } | { percent: number } | undefined {
  if (typeof batch === 'number') return Number.isInteger(batch) && batch >= 1 ? { count: batch } : undefined;
  const match = /^(\d+)%$/.exec(batch.trim());
  if (match) {
    const percent = Number(match[1]);
    return percent >= 1 && percent <= 100 ? { percent } : undefined;
  }
  return /^\d+$/.test(batch.trim()) && Number(batch) >= 1 ? { count: Number(batch) } : undefined;
}

/** A config file that is not what SPEC §4 describes: one line naming the key path, the value and the form. */
export class ConfigError extends ShipgateError {
  readonly keyPath: string;
  constructor(file: string, keyPath: string, value: unknown, expected: string) {
    const shown = value === undefined ? 'missing' : showValue(value);
    super('invalid-config', `${file}: key '${keyPath}' is ${shown}; expected ${expected}`);
    this.keyPath = keyPath;
  }
}

/** `services.api.environments.production.canary.steps[1].weight` */
export function keyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** Parses the config file's text; throws ConfigError (one line) when it does not match the schema. */
export function parseConfig(text: string, file: string): Config {
  let data: unknown;
  try {
    data = parseYaml(text, { logLevel: 'error' });
  } catch (error) {
    throw new ConfigError(file, '(file)', (errorMessage(error).split('\n')[0] ?? ''), 'valid YAML');
  }
  const result = configSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ConfigError(file, '(file)', data, 'a shipgate config (SPEC §4)');
  if (issue.code === 'unrecognized_keys') {
    const path = [...issue.path, issue.keys[0] ?? '?'];
    return throwError(new ConfigError(file, keyPath(path), valueAt(data, path), 'no such key (see schema/shipgate.schema.json)'));
  }
  const value = valueAt(data, issue.path);
  const expected = value === undefined && issue.code === 'invalid_type' ? `${issue.message} (it is required)` : issue.message;
  throw new ConfigError(file, keyPath(issue.path) || '(file)', value, expected);
}

function throwError(error: Error): never {
  throw error;
}
