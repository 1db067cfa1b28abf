import { load as parseYaml } from 'js-yaml';
import * as z from '#zod';
import { durationSchema } from '../core/duration.js';
import { errorMessage, ShipgateError } from '../core/errors.js';
import { unknownPlaceholder } from '../core/placeholders.js';
import { userInfoIsValid } from '../core/secrets.js';
import { parseStatusSet, STATUS_SET_FORM } from '../core/status-set.js';
import { STRATEGIES } from '../core/vocabulary.js';
import { issueLine, keyPath, readIssue } from '../core/zod-issue.js';
import { metricListSchema } from '../health/analysis/metric-settings.js';
import { CHECK_PLACEHOLDERS } from '../health/gate-targets.js';

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

const commandTargetSchema = z.strictObject({
  kind: z.literal('command'),
  deploy: command,
  retire: opt(command),
  timeout: opt(durationSchema(1)),
  slots: opt(z.strictObject({ blue: addresses, green: addresses }, { error: 'blue and green address lists' })),
  instances: opt(addresses),
});

// Swarm (SPEC §4): the driver runs the docker CLI; {version} is the only placeholder of the image.
const SWARM_SERVICE_FORM = 'a Swarm service name of letters, digits, "_", "." or "-"';
const swarmService = z
  .string({ error: SWARM_SERVICE_FORM })
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, { error: SWARM_SERVICE_FORM }));
const SWARM_IMAGE_FORM =
  'an image reference with {version} as its only placeholder, e.g. registry.example.com/api:{version}';
const swarmImage = z.string({ error: SWARM_IMAGE_FORM }).check(
  z.regex(/^[^\s{}]*\{version\}[^\s{}]*$/, { error: SWARM_IMAGE_FORM }),
  z.refine((image) => image.split('{version}').length === 2, { error: SWARM_IMAGE_FORM }),
);
const swarmSlot = z.strictObject(
  { service: swarmService, addresses },
  { error: 'a slot like { service: api_blue, addresses: ["127.0.0.1:8081"] }' },
);
const swarmTargetSchema = z.strictObject({
  kind: z.literal('swarm'),
  image: swarmImage,
  docker: opt(z.string({ error: 'the docker CLI to run' }).check(z.minLength(1, { error: 'the docker CLI to run' }))),
  timeout: opt(durationSchema(1)),
  service: opt(swarmService),
  addresses: opt(addresses),
  slots: opt(z.strictObject({ blue: swarmSlot, green: swarmSlot }, { error: 'blue and green slots' })),
});

const targetSchema = z.discriminatedUnion('kind', [commandTargetSchema, swarmTargetSchema], {
  error: 'a target with kind command or swarm',
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
const PLACEHOLDER_LIST = CHECK_PLACEHOLDERS.map((name) => `{${name}}`).join(' ');
/** A URL or TCP address naming a placeholder that does not exist (`{adress}`) is refused with its key path. */
const knownPlaceholders = (form: string) =>
  z.refine<string>((text) => unknownPlaceholder(text, CHECK_PLACEHOLDERS) === undefined, {
    error: (issue) => {
      const unknown = typeof issue.input === 'string' ? unknownPlaceholder(issue.input, CHECK_PLACEHOLDERS) : undefined;
      const named = unknown ? ` (${unknown.text} is not a placeholder)` : '';
      return `${form}, using only the placeholders ${PLACEHOLDER_LIST}${named}`;
    },
  });
const checkUrl = z
  .string({ error: URL_FORM })
  .check(
    z.regex(/^https?:\/\/\S+$/, { error: URL_FORM, abort: true }),
    knownPlaceholders(URL_FORM),
    z.refine(userInfoIsValid, { error: `${URL_FORM}; user-info %-escapes must be valid (%XX)` }),
  );
const METHOD_FORM = 'an HTTP method such as GET';
const method = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], { error: METHOD_FORM });
const headers = z.record(
  z.string(),
  z.string({ error: 'a header value' }).check(
    // What Node sends without throwing: a CR, LF or non-Latin-1 value would fail every probe.
    z.regex(/^[\t\x20-\x7e\x80-\xff]*$/, { error: 'a header value in printable Latin-1, without CR or LF' }),
  ),
  { error: 'a mapping of header names to values' },
);
const expectedStatus = z
  .union([z.string(), z.number()], { error: STATUS_SET_FORM })
  .check(z.refine((value) => parseStatusSet(String(value)) !== undefined, { error: STATUS_SET_FORM }));
const expectJson = z.record(z.string(), z.unknown(), { error: 'a mapping the JSON body must contain' });
const expectText = z
  .string({ error: 'a substring or a /regular expression/' })
  .check(z.refine(compiles, { error: 'a substring, or a /regular expression/ that compiles' }));
const body = z.string({ error: 'a request body (text)' });

/** What an HTTP check may set for itself; the health block's own values are the defaults. */
const httpOverrides = {
  method: opt(method),
  body: opt(body),
  headers: opt(headers),
  'expected-status': opt(expectedStatus),
  'expect-json': opt(expectJson),
  'expect-text': opt(expectText),
};
const URLS_FORM =
  'a list of URLs, each a string or { url, expected-status, expect-json, expect-text, method, body, headers }';
const urlItem = z.union([checkUrl, z.strictObject({ url: checkUrl, ...httpOverrides })], { error: URLS_FORM });

const TCP_FORM = 'host:port to connect to, such as {host}:13306 or {address}';
const tcpAddress = z.string({ error: TCP_FORM }).check(
  z.regex(/^(?:\{address\}|(?:\{host\}|\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+):(?:\{port\}|\d{1,5}))$/, {
    error: TCP_FORM,
  }),
);

const HEALTH_CHECKS_FORM = 'a health gate with url, urls, tcp or command';
const healthSchema = z
  .strictObject({
    url: opt(checkUrl),
    urls: opt(z.array(urlItem, { error: URLS_FORM }).check(z.minLength(1, { error: URLS_FORM }))),
    /** TCP connect probes (SPEC §4): for services that do not speak HTTP. */
    tcp: opt(
      z.array(tcpAddress, { error: `a list of ${TCP_FORM}` }).check(z.minLength(1, { error: `a list of ${TCP_FORM}` })),
    ),
    /** A probe command per address (SHIPGATE_ADDRESS, SHIPGATE_HOST, SHIPGATE_PORT); exit 0 passes. */
    command: opt(command),
    ...httpOverrides,
    interval: opt(durationSchema(10)),
    timeout: opt(durationSchema(1)),
    'success-threshold': opt(count(1, 1000)),
    'failure-threshold': opt(count(1, 1000)),
    deadline: opt(durationSchema(1)),
    /** How long a gate watches the new version after it takes all traffic (blue-green switch, canary promotion). */
    duration: opt(durationSchema()),
  })
  .check(
    z.superRefine((health, ctx) => {
      if (health.url !== undefined && health.urls !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['urls'], message: 'either url or urls, not both', input: health.urls });
      }
      if (!health.url && !health.urls && !health.tcp && !health.command) {
        ctx.addIssue({ code: 'custom', path: ['url'], message: HEALTH_CHECKS_FORM, input: undefined });
      }
    }),
  );

/** Lifecycle hooks (SPEC §5.2): shell commands run at fixed points of a deploy, with SHIPGATE_* values. */
const hooksSchema = z.strictObject({
  preflight: opt(command),
  'before-traffic': opt(command),
  'after-traffic': opt(command),
  'after-rollback': opt(command),
});

const analysisSchema = z.strictObject({
  'prometheus-url': opt(
    z
      .string({ error: 'an http(s) URL' })
      .check(
        z.regex(/^https?:\/\/\S+$/, { error: 'an http(s) URL', abort: true }),
        z.refine(userInfoIsValid, { error: 'an http(s) URL whose user-info %-escapes are valid (%XX)' }),
      ),
  ),
  metrics: z.lazy(metricListSchema),
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
/** Swarm's --update-order (and --rollback-order): `rolling.order` of a swarm target. */
export const UPDATE_ORDERS = ['start-first', 'stop-first'] as const;
export type UpdateOrder = (typeof UPDATE_ORDERS)[number];

const rollingSchema = z.strictObject({
  batch: opt(
    z
      .union([z.number(), z.string()], { error: BATCH_FORM })
      .check(z.refine((batch) => parseBatch(batch) !== undefined, { error: BATCH_FORM })),
  ),
  pause: opt(durationSchema()),
  drain: opt(durationSchema()),
  /** Swarm: --update-order. */
  order: opt(z.enum(UPDATE_ORDERS, { error: 'start-first or stop-first' })),
});

const incidentSchema = z.strictObject({
  labels: opt(z.array(z.string())),
  assignees: opt(z.array(z.string())),
  language: opt(z.enum(['en', 'ko'], { error: 'en or ko' })),
  severity: opt(z.enum(['SEV-1', 'SEV-2', 'SEV-3', 'auto'], { error: 'one of SEV-1, SEV-2, SEV-3, auto' })),
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
  hooks: opt(hooksSchema),
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
  if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    // Not a mapping: the file is something else (a password file, a script); never quote it.
    const kind = Array.isArray(data) ? 'a YAML list' : `a YAML ${typeof data}`;
    throw new ConfigError(file, '(file)', `${kind}, not shown`, 'a mapping of shipgate keys (SPEC §4)');
  }
  const result = z.safeParse(configSchema, data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ConfigError(file, '(file)', data, 'a shipgate config (SPEC §4)');
  const found = readIssue(issue, data, { unknownKey: 'no such key (see schema/shipgate.schema.json)' });
  throw new ConfigError(file, keyPath(found.path) || '(file)', found.value, found.expected);
}
