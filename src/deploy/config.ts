import { load as parseYaml } from 'js-yaml';
import * as z from 'zod/mini';
import { durationSchema } from '../core/duration.js';
import { errorMessage, ShipgateError } from '../core/errors.js';
import { parseStatusSet, STATUS_SET_FORM } from '../core/status-set.js';
import { STRATEGIES } from '../core/vocabulary.js';
import { issueLine, keyPath, readIssue } from '../core/zod-issue.js';
import { metricListSchema } from '../health/analysis/metric-settings.js';

/**
 * The config file, `.github/shipgate.yml` (SPEC §4), as a zod schema. `schema/shipgate.schema.json` is
 * generated from it (npm run schema; a test fails when it is stale). Every message is the expected form,
 * so an error line can name the key path, the value and the form.
 */

const count = (min: number, max: number) => {
  const error = `a whole number from ${min} to ${max}`;
  return z.int({ error }).check(z.gte(min, { error }), z.lte(max, { error }));
};

const ADDRESS_FORM = 'host:port addresses such as 127.0.0.1:8081';
const address = z.string({ error: ADDRESS_FORM }).check(
  z.regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+):\d{1,5}$/, { error: ADDRESS_FORM }),
  // Port 0 or 99999 would pass the pattern and fail minutes later, at the first probe or route.
  z.refine((text) => validPort(text.slice(text.lastIndexOf(':') + 1)), {
    error: `${ADDRESS_FORM}, with a port from 1 to 65535`,
  }),
);
const addresses = z
  .array(address, { error: `a list of ${ADDRESS_FORM}` })
  .check(z.minLength(1, { error: `a list of at least one of ${ADDRESS_FORM}` }));
const command = z
  .string({ error: 'a shell command' })
  .check(z.refine((text) => text.trim() !== '', { error: 'a shell command' }));
const opt = z.optional;

const validPort = (text: string): boolean => /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 65535;

/** `expect-text` written `/…/flags` is a regular expression: it must compile (a plain substring always does). */
function compiles(text: string): boolean {
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(text);
  if (!regex) return true;
  try {
    new RegExp(regex[1] ?? '', regex[2]);
    return true;
  } catch {
    return false;
  }
}

const targetSchema = z.strictObject({
  kind: z.literal('command', { error: 'command (swarm is planned)' }),
  deploy: command,
  retire: opt(command),
  timeout: opt(durationSchema(1)),
  slots: opt(z.strictObject({ blue: addresses, green: addresses }, { error: 'blue and green address lists' })),
  instances: opt(addresses),
});

const filePath = z.string({ error: 'a file path' }).check(z.minLength(1, { error: 'a file path' }));
const routerSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('nginx'),
      'upstream-file': filePath,
      'upstream-name': z
        .string({ error: 'an nginx upstream name' })
        .check(z.regex(/^[A-Za-z0-9_.-]+$/, { error: 'an nginx upstream name' })),
      reload: opt(command),
      test: opt(command),
      timeout: opt(durationSchema(1)),
    }),
    z.strictObject({ kind: z.literal('command'), route: command, timeout: opt(durationSchema(1)) }),
    z.strictObject({ kind: z.literal('none') }),
  ],
  { error: 'a router with kind nginx, command or none' },
);

const URL_FORM = 'an http(s) URL; {address} makes one probe per address';
const healthSchema = z.strictObject({
  url: z.string({ error: URL_FORM }).check(z.regex(/^https?:\/\/\S+$/, { error: URL_FORM })),
  method: opt(
    z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], { error: 'an HTTP method such as GET' }),
  ),
  headers: opt(
    z.record(z.string(), z.string({ error: 'a header value' }), { error: 'a mapping of header names to values' }),
  ),
  'expected-status': opt(
    z
      .union([z.string(), z.number()], { error: STATUS_SET_FORM })
      .check(z.refine((value) => parseStatusSet(String(value)) !== undefined, { error: STATUS_SET_FORM })),
  ),
  'expect-json': opt(z.record(z.string(), z.unknown(), { error: 'a mapping the JSON body must contain' })),
  'expect-text': opt(
    z
      .string({ error: 'a substring or a /regular expression/' })
      .check(z.refine(compiles, { error: 'a substring, or a /regular expression/ that compiles' })),
  ),
  interval: opt(durationSchema(10)),
  timeout: opt(durationSchema(1)),
  'success-threshold': opt(count(1, 1000)),
  'failure-threshold': opt(count(1, 1000)),
  deadline: opt(durationSchema(1)),
  /** How long a gate watches the new version after it takes all traffic (blue-green switch, canary promotion). */
  duration: opt(durationSchema()),
});

const analysisSchema = z.strictObject({
  'prometheus-url': opt(
    z.string({ error: 'an http(s) URL' }).check(z.regex(/^https?:\/\/\S+$/, { error: 'an http(s) URL' })),
  ),
  metrics: metricListSchema,
});

const canaryStep = z.strictObject({ weight: count(1, 100), pause: opt(durationSchema()) });
const canarySchema = z.strictObject({
  steps: z.array(canaryStep, { error: 'a list of steps like { weight: 10, pause: 1m }' }).check(
    z.minLength(1, { error: 'at least one step like { weight: 10, pause: 1m }' }),
    z.superRefine((steps, ctx) => {
      steps.forEach((step, index) => {
        const before = steps[index - 1];
        if (before && step.weight <= before.weight) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'weight'],
            message: `a weight above the previous step's ${before.weight} (weights increase)`,
            input: step.weight,
          });
        }
      });
    }),
  ),
});

const BATCH_FORM = 'a count of instances (1 or more) or a percentage from 1% to 100%';
const rollingSchema = z.strictObject({
  batch: opt(
    z
      .union([z.number(), z.string()], { error: BATCH_FORM })
      .check(z.refine((batch) => parseBatch(batch) !== undefined, { error: BATCH_FORM })),
  ),
  pause: opt(durationSchema()),
  drain: opt(durationSchema()),
});

const incidentSchema = z.strictObject({
  labels: opt(z.array(z.string())),
  assignees: opt(z.array(z.string())),
  language: opt(z.enum(['en', 'ko'], { error: 'en or ko' })),
});

export const environmentSchema = z.strictObject({
  strategy: opt(z.enum(STRATEGIES, { error: `one of ${STRATEGIES.join(', ')}` })),
  target: targetSchema,
  router: opt(routerSchema),
  health: opt(healthSchema),
  analysis: opt(analysisSchema),
  canary: opt(canarySchema),
  'blue-green': opt(z.strictObject({ 'scale-down-delay': opt(durationSchema()) })),
  rolling: opt(rollingSchema),
  incident: opt(incidentSchema),
});

const NAME_FORM = 'a name of letters, digits, ".", "_" or "-"';
const nameKey = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: NAME_FORM }));

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
    super('invalid-config', issueLine(`${file}: key '${keyPath}'`, value, expected));
    this.keyPath = keyPath;
  }
}

/** Parses the config file's text; throws ConfigError (one line) when it does not match the schema. */
export function parseConfig(text: string, file: string): Config {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ConfigError(file, '(file)', errorMessage(error).split('\n')[0] ?? '', 'valid YAML');
  }
  const result = z.safeParse(configSchema, data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ConfigError(file, '(file)', data, 'a shipgate config (SPEC §4)');
  const found = readIssue(issue, data, { unknownKey: 'no such key (see schema/shipgate.schema.json)' });
  throw new ConfigError(file, keyPath(found.path) || '(file)', found.value, found.expected);
}
