export const id = 786;
export const ids = [786];
export const modules = {

/***/ 6786:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ConfigError: () => (/* binding */ ConfigError),
  parseConfig: () => (/* binding */ parseConfig)
});

// UNUSED EXPORTS: UPDATE_ORDERS, configSchema, environmentSchema, parseBatch

// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(3243);
// EXTERNAL MODULE: ./vendor/zod-mini.js
var zod_mini = __webpack_require__(9407);
// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(8571);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/placeholders.ts
var placeholders = __webpack_require__(3593);
// EXTERNAL MODULE: ./src/core/secrets.ts
var secrets = __webpack_require__(8198);
;// CONCATENATED MODULE: ./src/core/status-set.ts
const STATUS_SET_FORM = 'status codes and ranges like 200,204,300-399 (each 100-599)';
const ITEM = /^(\d{3})(?:-(\d{3}))?$/;
/** Parses a comma- or newline-separated list of codes and ranges; undefined when any item is invalid. */
function parseStatusSet(text) {
    const items = text
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    if (items.length === 0)
        return undefined;
    const ranges = [];
    for (const item of items) {
        const match = ITEM.exec(item);
        if (!match)
            return undefined;
        const low = Number(match[1]);
        const high = match[2] === undefined ? low : Number(match[2]);
        if (low < 100 || high > 599 || low > high)
            return undefined;
        ranges.push([low, high]);
    }
    return {
        text: items.join(','),
        has: (status) => ranges.some(([low, high]) => status >= low && status <= high),
    };
}

// EXTERNAL MODULE: ./src/core/vocabulary.ts
var vocabulary = __webpack_require__(7063);
// EXTERNAL MODULE: ./src/core/zod-issue.ts
var zod_issue = __webpack_require__(5820);
;// CONCATENATED MODULE: ./src/health/analysis/metric-settings.ts







const ON_NO_DATA = ['fail', 'inconclusive', 'pass'];
const DEFAULT_INTERVAL_MS = 30_000;
const DEFAULT_ERROR_LIMIT = 4;
/** Shorter intervals would measure the same scrape over and over. */
const MIN_INTERVAL_MS = 100;
const MAX_COUNT = 100_000;
const METRIC_KEYS = (/* unused pure expression or super */ null && ([
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
]));
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const NAME_FORM = 'a name of letters, digits, ".", "_" or "-" (at most 64, starting with a letter or digit)';
const QUERY_FORM = 'a non-empty query';
const NUMBER_FORM = 'a finite number';
const LIMIT_FORM = 'a whole number, 0 or more';
const COUNT_FORM = `a whole number from 1 to ${MAX_COUNT}`;
const BOOLEAN_FORM = 'true or false';
/** Only the addresses of the slot differ per probe; a metric query covers the whole slot. */
const ADDRESS_PLACEHOLDER = '{address}';
const finiteNumber = () => zod_mini/* number */.ai({ error: NUMBER_FORM }).check(zod_mini/* refine */.YP(Number.isFinite, { error: NUMBER_FORM }));
const limit = () => zod_mini/* int */.Wh({ error: LIMIT_FORM }).check(zod_mini/* minimum */.UM(0, { error: LIMIT_FORM }));
/**
 * The schemas below are built on first use, not at import: the config schema refers to the metric list
 * lazily, so a deploy whose config has no analysis never builds them (start-up, SPEC §9 B1).
 */
const metricFields = () => zod_mini/* strictObject */.re({
    name: zod_mini/* string */.Yj({ error: NAME_FORM }).check(zod_mini/* regex */.yG(NAME, { error: NAME_FORM })),
    query: zod_mini/* optional */.lq(zod_mini/* string */.Yj({ error: QUERY_FORM }).check(zod_mini/* refine */.YP((query) => query.trim() !== '', { error: QUERY_FORM, abort: true }), zod_mini/* refine */.YP((query) => !query.includes(ADDRESS_PLACEHOLDER), {
        error: 'a query without {address} (one query covers every address of the slot; use {slot})',
    }))),
    max: zod_mini/* optional */.lq(finiteNumber()),
    min: zod_mini/* optional */.lq(finiteNumber()),
    interval: zod_mini/* optional */.lq((0,duration/* durationSchema */.sK)(MIN_INTERVAL_MS)),
    count: zod_mini/* optional */.lq(zod_mini/* int */.Wh({ error: COUNT_FORM })
        .check(zod_mini/* minimum */.UM(1, { error: COUNT_FORM }), zod_mini/* maximum */.Ph(MAX_COUNT, { error: COUNT_FORM }))),
    'failure-limit': zod_mini/* optional */.lq(limit()),
    'inconclusive-limit': zod_mini/* optional */.lq(limit()),
    'error-limit': zod_mini/* optional */.lq(limit()),
    'on-no-data': zod_mini/* optional */.lq(zod_mini/* enum */.k5(ON_NO_DATA, { error: `one of ${ON_NO_DATA.join(', ')}` })),
    'dry-run': zod_mini/* optional */.lq(zod_mini/* boolean */.zM({ error: BOOLEAN_FORM })),
    provider: zod_mini/* optional */.lq(zod_mini/* enum */.k5(vocabulary/* METRIC_PROVIDERS */._W, { error: `one of ${vocabulary/* METRIC_PROVIDERS */._W.join(', ')}` })),
    command: zod_mini/* optional */.lq(zod_mini/* string */.Yj({ error: 'a shell command' })
        .check(zod_mini/* refine */.YP((command) => command.trim() !== '', { error: 'a shell command' }))),
    timeout: zod_mini/* optional */.lq((0,duration/* durationSchema */.sK)(1)),
});
/** SPEC §10: a value expanded into PromQL is escaped for, and so must sit in, a double-quoted string. */
function checkQueryPlaceholders(query, ctx) {
    const outside = query === undefined ? undefined : (0,placeholders/* placeholderOutsideDoubleQuotes */.BU)(query);
    if (!outside)
        return;
    ctx.addIssue({
        code: 'custom',
        path: ['query'],
        message: `a query whose placeholders sit inside double-quoted strings, like version="{version}" (${outside.text} does not)`,
        input: query,
    });
}
/** A Prometheus metric has a query, and neither a command nor a command's timeout. */
function checkPrometheusItem(item, ctx) {
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
function checkMetricItem(item, ctx) {
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
            const never = provider;
            throw new Error(`unhandled provider ${String(never)}`);
        }
    }
}
const metricObject = () => metricFields().check(zod_mini/* superRefine */.zn(checkMetricItem));
/**
 * The zod schema of one metric as written in YAML (the `metrics` input, and `analysis.metrics` in the
 * config file), giving a MetricSpec. Every issue's message is the expected form, so a caller can build
 * its own one-line error around the issue's path and the value found there. Built on zod/mini, like the
 * input parsers, to keep the healthcheck's start-up within its budget (SPEC §9, B1); classic zod
 * objects accept it as a field.
 */
const metricSchema = () => zod_mini/* pipe */.Fs(metricObject(), zod_mini/* transform */.pd((item) => {
    const spec = {
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
}));
/** A list of metrics whose names are unique (names key the report, the `failed` output and the summary). */
const metricListSchema = () => zod_mini/* array */.YO(metricSchema()).check(zod_mini/* superRefine */.zn((specs, ctx) => {
    const seen = new Set();
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
}));
/**
 * An invalid `metrics` input, as one line that names the metric and the key:
 * `healthcheck: input 'metrics' metric 'error-rate' key 'interval' is '5x'; expected a duration like 500ms, 5s, 2m or 1h`.
 * Still an InputError (code `invalid-input`), so the entry file reports it like any other input.
 */
class MetricInputError extends errors/* InputError */.dz {
    metric;
    key;
    constructor(scope, where, value, expected) {
        super('metrics', value, expected, { scope });
        this.metric = where.metric;
        this.key = where.key;
        const item = where.metric !== undefined ? ` metric '${where.metric}'` : where.item !== undefined ? ` item ${where.item}` : '';
        const key = where.key !== undefined ? ` key '${where.key}'` : '';
        this.message = (0,zod_issue/* issueLine */.OH)(`${scope ? `${scope}: ` : ''}input 'metrics'${item}${key}`, value, expected);
    }
}
const LIST_FORM = 'a YAML list of metrics, each with name, query and max or min';
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** The issue to report: the first item's; within it an unknown key first (a typo explains what follows). */
function firstIssue(issues) {
    const itemOf = (issue) => (typeof issue.path[0] === 'number' ? issue.path[0] : -1);
    return [...issues].sort((a, b) => {
        const byItem = itemOf(a) - itemOf(b);
        if (byItem !== 0)
            return byItem;
        return Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys');
    })[0];
}
/** Turns a zod issue of metricListSchema into the one-line error. */
function issueError(scope, items, issue) {
    const index = typeof issue.path[0] === 'number' ? issue.path[0] : 0;
    const item = items[index];
    const record = isRecord(item) ? item : undefined;
    const name = record && typeof record.name === 'string' && NAME.test(record.name) ? record.name : undefined;
    const where = name !== undefined ? { metric: name } : { item: index + 1 };
    if (!record)
        return new MetricInputError(scope, where, item, 'a mapping with name, query and max or min');
    const found = readIssue(issue, items, { unknownKey: `a known key (${METRIC_KEYS.join(', ')})` });
    const key = found.path[1] === undefined ? undefined : String(found.path[1]);
    return new MetricInputError(scope, key === undefined ? where : { ...where, key }, found.value, found.expected);
}
/**
 * Parses the `metrics` input: YAML, a list of metrics (SPEC §6). Blank text is no metrics.
 * Throws a MetricInputError (an InputError) naming the metric, the key, the value and the expected form.
 */
function parseMetrics(yamlText, scope) {
    if (yamlText.trim() === '')
        return [];
    let items;
    try {
        items = parseYaml(yamlText);
    }
    catch (error) {
        const firstLine = errorMessage(error).split('\n')[0] ?? '';
        throw new InputError('metrics', yamlText, `${LIST_FORM} (YAML error: ${firstLine})`, { scope, cause: error });
    }
    if (items === null || items === undefined)
        return [];
    if (!Array.isArray(items))
        throw new InputError('metrics', yamlText, LIST_FORM, { scope });
    const result = z.safeParse(metricListSchema(), items);
    if (result.success)
        return result.data;
    const issue = firstIssue(result.error.issues);
    if (!issue)
        throw new InputError('metrics', yamlText, LIST_FORM, { scope });
    throw issueError(scope, items, issue);
}

;// CONCATENATED MODULE: ./src/health/gate-targets.ts

/** The placeholders a check's URL or TCP address may use; `{host}` and `{port}` are the parts of `{address}`. */
const CHECK_PLACEHOLDERS = ['address', 'host', 'port', 'service', 'environment', 'version', 'slot'];
const PER_ADDRESS = (/* unused pure expression or super */ null && (['address', 'host', 'port']));
/** `127.0.0.1:8081` → host `127.0.0.1`, port `8081`; `[::1]:8081` → host `[::1]` (as a URL writes it). */
function splitAddress(address) {
    const colon = address.lastIndexOf(':');
    if (colon < 0)
        return { host: address, port: '' };
    return { host: address.slice(0, colon), port: address.slice(colon + 1) };
}
/** Every probe target of the checks, for the addresses being gated; a target named twice is probed once. */
function buildGateTargets(checks, context) {
    const targets = checks.flatMap((check) => targetsOf(check, context));
    const seen = new Set();
    return targets.filter((target) => !seen.has(target.name) && seen.add(target.name));
}
function targetsOf(check, context) {
    switch (check.kind) {
        case 'http':
            return perAddress(check.url, context).map((values) => httpTarget(check, values, context));
        case 'tcp':
            return perAddress(check.address, context).map((values) => tcpTarget(check.address, values, context));
        case 'command': {
            const addresses = context.addresses.length > 0 ? context.addresses : [''];
            return addresses.map((address) => commandTarget(check.command, address, context));
        }
        default: {
            const never = check;
            throw new Error(`unknown health check ${JSON.stringify(never)}`);
        }
    }
}
/** The placeholder values of each target of a template: one per address when it names one. */
function perAddress(template, context) {
    const names = placeholdersIn(template);
    if (!names.some((name) => PER_ADDRESS.includes(name)))
        return [{ ...context.values }];
    return context.addresses.map((address) => ({ ...context.values, address, ...splitAddress(address) }));
}
function httpTarget(check, values, context) {
    // The address parts are checked host:port text from the config; the other values are data (a version).
    const url = expandPlaceholders(check.url, values, 'url-component', { verbatim: PER_ADDRESS });
    return {
        kind: 'http',
        name: url,
        request: {
            url,
            method: check.method,
            headers: check.headers,
            ...(check.body !== undefined ? { body: check.body } : {}),
            timeoutMs: context.timeoutMs,
        },
        expect: check.expect,
    };
}
function tcpTarget(template, values, context) {
    const { host, port } = splitAddress(expandPlaceholders(template, values, 'text'));
    return {
        kind: 'tcp',
        name: `tcp://${host}:${port}`,
        host: host.replace(/^\[(.*)\]$/, '$1'),
        port: Number(port),
        timeoutMs: context.timeoutMs,
    };
}
function commandTarget(command, address, context) {
    const { host, port } = splitAddress(address);
    return {
        kind: 'command',
        name: address ? `command ${command} (${address})` : `command ${command}`,
        command,
        env: {
            ...context.env,
            SHIPGATE_ADDRESS: address,
            SHIPGATE_HOST: host.replace(/^\[(.*)\]$/, '$1'),
            SHIPGATE_PORT: port,
        },
        timeoutMs: context.timeoutMs,
        ...(context.cwd !== undefined ? { cwd: context.cwd } : {}),
    };
}

;// CONCATENATED MODULE: ./src/deploy/config.ts











/**
 * The config file, `.github/shipgate.yml` (SPEC §4), as a zod schema. `schema/shipgate.schema.json` is
 * generated from it (npm run schema; a test fails when it is stale). Every message is the expected form,
 * so an error line can name the key path, the value and the form.
 */
const count = (min, max) => {
    const error = `a whole number from ${min} to ${max}`;
    return zod_mini/* int */.Wh({ error }).check(zod_mini/* gte */.RO(min, { error }), zod_mini/* lte */.wJ(max, { error }));
};
const ADDRESS_FORM = 'host:port addresses such as 127.0.0.1:8081';
const address = zod_mini/* string */.Yj({ error: ADDRESS_FORM }).check(zod_mini/* regex */.yG(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+):\d{1,5}$/, { error: ADDRESS_FORM }), 
// Port 0 or 99999 would pass the pattern and fail minutes later, at the first probe or route.
zod_mini/* refine */.YP((text) => validPort(text.slice(text.lastIndexOf(':') + 1)), {
    error: `${ADDRESS_FORM}, with a port from 1 to 65535`,
}));
const addresses = zod_mini/* array */.YO(address, { error: `a list of ${ADDRESS_FORM}` })
    .check(zod_mini/* minLength */.Bp(1, { error: `a list of at least one of ${ADDRESS_FORM}` }));
const command = zod_mini/* string */.Yj({ error: 'a shell command' })
    .check(zod_mini/* refine */.YP((text) => text.trim() !== '', { error: 'a shell command' }));
const opt = zod_mini/* optional */.lq;
const validPort = (text) => /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 65535;
/** `expect-text` written `/…/flags` is a regular expression: it must compile (a plain substring always does). */
function compiles(text) {
    const regex = /^\/(.+)\/([a-z]*)$/s.exec(text);
    if (!regex)
        return true;
    try {
        new RegExp(regex[1] ?? '', regex[2]);
        return true;
    }
    catch {
        return false;
    }
}
const commandTargetSchema = zod_mini/* strictObject */.re({
    kind: zod_mini/* literal */.eu('command'),
    deploy: command,
    retire: opt(command),
    timeout: opt((0,duration/* durationSchema */.sK)(1)),
    slots: opt(zod_mini/* strictObject */.re({ blue: addresses, green: addresses }, { error: 'blue and green address lists' })),
    instances: opt(addresses),
});
// Swarm (SPEC §4): the driver runs the docker CLI; {version} is the only placeholder of the image.
const SWARM_SERVICE_FORM = 'a Swarm service name of letters, digits, "_", "." or "-"';
const swarmService = zod_mini/* string */.Yj({ error: SWARM_SERVICE_FORM })
    .check(zod_mini/* regex */.yG(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, { error: SWARM_SERVICE_FORM }));
const SWARM_IMAGE_FORM = 'an image reference with {version} as its only placeholder, e.g. registry.example.com/api:{version}';
const swarmImage = zod_mini/* string */.Yj({ error: SWARM_IMAGE_FORM }).check(zod_mini/* regex */.yG(/^[^\s{}]*\{version\}[^\s{}]*$/, { error: SWARM_IMAGE_FORM }), zod_mini/* refine */.YP((image) => image.split('{version}').length === 2, { error: SWARM_IMAGE_FORM }));
const swarmSlot = zod_mini/* strictObject */.re({ service: swarmService, addresses }, { error: 'a slot like { service: api_blue, addresses: ["127.0.0.1:8081"] }' });
const swarmTargetSchema = zod_mini/* strictObject */.re({
    kind: zod_mini/* literal */.eu('swarm'),
    image: swarmImage,
    docker: opt(zod_mini/* string */.Yj({ error: 'the docker CLI to run' }).check(zod_mini/* minLength */.Bp(1, { error: 'the docker CLI to run' }))),
    timeout: opt((0,duration/* durationSchema */.sK)(1)),
    service: opt(swarmService),
    addresses: opt(addresses),
    slots: opt(zod_mini/* strictObject */.re({ blue: swarmSlot, green: swarmSlot }, { error: 'blue and green slots' })),
});
const targetSchema = zod_mini/* discriminatedUnion */.gM('kind', [commandTargetSchema, swarmTargetSchema], {
    error: 'a target with kind command or swarm',
});
const filePath = zod_mini/* string */.Yj({ error: 'a file path' }).check(zod_mini/* minLength */.Bp(1, { error: 'a file path' }));
const routerSchema = zod_mini/* discriminatedUnion */.gM('kind', [
    zod_mini/* strictObject */.re({
        kind: zod_mini/* literal */.eu('nginx'),
        'upstream-file': filePath,
        'upstream-name': zod_mini/* string */.Yj({ error: 'an nginx upstream name' })
            .check(zod_mini/* regex */.yG(/^[A-Za-z0-9_.-]+$/, { error: 'an nginx upstream name' })),
        reload: opt(command),
        test: opt(command),
        timeout: opt((0,duration/* durationSchema */.sK)(1)),
    }),
    zod_mini/* strictObject */.re({ kind: zod_mini/* literal */.eu('command'), route: command, timeout: opt((0,duration/* durationSchema */.sK)(1)) }),
    zod_mini/* strictObject */.re({ kind: zod_mini/* literal */.eu('none') }),
], { error: 'a router with kind nginx, command or none' });
const URL_FORM = 'an http(s) URL; {address} makes one probe per address';
const PLACEHOLDER_LIST = CHECK_PLACEHOLDERS.map((name) => `{${name}}`).join(' ');
/** A URL or TCP address naming a placeholder that does not exist (`{adress}`) is refused with its key path. */
const knownPlaceholders = (form) => zod_mini/* refine */.YP((text) => (0,placeholders/* unknownPlaceholder */.mz)(text, CHECK_PLACEHOLDERS) === undefined, {
    error: (issue) => {
        const unknown = typeof issue.input === 'string' ? (0,placeholders/* unknownPlaceholder */.mz)(issue.input, CHECK_PLACEHOLDERS) : undefined;
        const named = unknown ? ` (${unknown.text} is not a placeholder)` : '';
        return `${form}, using only the placeholders ${PLACEHOLDER_LIST}${named}`;
    },
});
const checkUrl = zod_mini/* string */.Yj({ error: URL_FORM })
    .check(zod_mini/* regex */.yG(/^https?:\/\/\S+$/, { error: URL_FORM, abort: true }), knownPlaceholders(URL_FORM), zod_mini/* refine */.YP(secrets/* userInfoIsValid */.y8, { error: `${URL_FORM}; user-info %-escapes must be valid (%XX)` }));
const METHOD_FORM = 'an HTTP method such as GET';
const method = zod_mini/* enum */.k5(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], { error: METHOD_FORM });
const headers = zod_mini/* record */.g1(zod_mini/* string */.Yj(), zod_mini/* string */.Yj({ error: 'a header value' }).check(
// What Node sends without throwing: a CR, LF or non-Latin-1 value would fail every probe.
zod_mini/* regex */.yG(/^[\t\x20-\x7e\x80-\xff]*$/, { error: 'a header value in printable Latin-1, without CR or LF' })), { error: 'a mapping of header names to values' });
const expectedStatus = zod_mini/* union */.KC([zod_mini/* string */.Yj(), zod_mini/* number */.ai()], { error: STATUS_SET_FORM })
    .check(zod_mini/* refine */.YP((value) => parseStatusSet(String(value)) !== undefined, { error: STATUS_SET_FORM }));
const expectJson = zod_mini/* record */.g1(zod_mini/* string */.Yj(), zod_mini/* unknown */.L5(), { error: 'a mapping the JSON body must contain' });
const expectText = zod_mini/* string */.Yj({ error: 'a substring or a /regular expression/' })
    .check(zod_mini/* refine */.YP(compiles, { error: 'a substring, or a /regular expression/ that compiles' }));
const body = zod_mini/* string */.Yj({ error: 'a request body (text)' });
/** What an HTTP check may set for itself; the health block's own values are the defaults. */
const httpOverrides = {
    method: opt(method),
    body: opt(body),
    headers: opt(headers),
    'expected-status': opt(expectedStatus),
    'expect-json': opt(expectJson),
    'expect-text': opt(expectText),
};
const URLS_FORM = 'a list of URLs, each a string or { url, expected-status, expect-json, expect-text, method, body, headers }';
const urlItem = zod_mini/* union */.KC([checkUrl, zod_mini/* strictObject */.re({ url: checkUrl, ...httpOverrides })], { error: URLS_FORM });
const TCP_FORM = 'host:port to connect to, such as {host}:13306 or {address}';
const tcpAddress = zod_mini/* string */.Yj({ error: TCP_FORM }).check(zod_mini/* regex */.yG(/^(?:\{address\}|(?:\{host\}|\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+):(?:\{port\}|\d{1,5}))$/, {
    error: TCP_FORM,
}));
const HEALTH_CHECKS_FORM = 'a health gate with url, urls, tcp or command';
const healthSchema = zod_mini/* strictObject */.re({
    url: opt(checkUrl),
    urls: opt(zod_mini/* array */.YO(urlItem, { error: URLS_FORM }).check(zod_mini/* minLength */.Bp(1, { error: URLS_FORM }))),
    /** TCP connect probes (SPEC §4): for services that do not speak HTTP. */
    tcp: opt(zod_mini/* array */.YO(tcpAddress, { error: `a list of ${TCP_FORM}` }).check(zod_mini/* minLength */.Bp(1, { error: `a list of ${TCP_FORM}` }))),
    /** A probe command per address (SHIPGATE_ADDRESS, SHIPGATE_HOST, SHIPGATE_PORT); exit 0 passes. */
    command: opt(command),
    ...httpOverrides,
    interval: opt((0,duration/* durationSchema */.sK)(10)),
    timeout: opt((0,duration/* durationSchema */.sK)(1)),
    'success-threshold': opt(count(1, 1000)),
    'failure-threshold': opt(count(1, 1000)),
    deadline: opt((0,duration/* durationSchema */.sK)(1)),
    /** How long a gate watches the new version after it takes all traffic (blue-green switch, canary promotion). */
    duration: opt((0,duration/* durationSchema */.sK)()),
})
    .check(zod_mini/* superRefine */.zn((health, ctx) => {
    if (health.url !== undefined && health.urls !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['urls'], message: 'either url or urls, not both', input: health.urls });
    }
    if (!health.url && !health.urls && !health.tcp && !health.command) {
        ctx.addIssue({ code: 'custom', path: ['url'], message: HEALTH_CHECKS_FORM, input: undefined });
    }
}));
/** Lifecycle hooks (SPEC §5.2): shell commands run at fixed points of a deploy, with SHIPGATE_* values. */
const hooksSchema = zod_mini/* strictObject */.re({
    preflight: opt(command),
    'before-traffic': opt(command),
    'after-traffic': opt(command),
    'after-rollback': opt(command),
});
const analysisSchema = zod_mini/* strictObject */.re({
    'prometheus-url': opt(zod_mini/* string */.Yj({ error: 'an http(s) URL' })
        .check(zod_mini/* regex */.yG(/^https?:\/\/\S+$/, { error: 'an http(s) URL', abort: true }), zod_mini/* refine */.YP(secrets/* userInfoIsValid */.y8, { error: 'an http(s) URL whose user-info %-escapes are valid (%XX)' }))),
    metrics: zod_mini/* lazy */.RZ(metricListSchema),
});
const canaryStep = zod_mini/* strictObject */.re({ weight: count(1, 100), pause: opt((0,duration/* durationSchema */.sK)()) });
const canarySchema = zod_mini/* strictObject */.re({
    steps: zod_mini/* array */.YO(canaryStep, { error: 'a list of steps like { weight: 10, pause: 1m }' }).check(zod_mini/* minLength */.Bp(1, { error: 'at least one step like { weight: 10, pause: 1m }' }), zod_mini/* superRefine */.zn((steps, ctx) => {
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
    })),
});
const BATCH_FORM = 'a count of instances (1 or more) or a percentage from 1% to 100%';
/** Swarm's --update-order (and --rollback-order): `rolling.order` of a swarm target. */
const UPDATE_ORDERS = ['start-first', 'stop-first'];
const rollingSchema = zod_mini/* strictObject */.re({
    batch: opt(zod_mini/* union */.KC([zod_mini/* number */.ai(), zod_mini/* string */.Yj()], { error: BATCH_FORM })
        .check(zod_mini/* refine */.YP((batch) => parseBatch(batch) !== undefined, { error: BATCH_FORM }))),
    pause: opt((0,duration/* durationSchema */.sK)()),
    drain: opt((0,duration/* durationSchema */.sK)()),
    /** Swarm: --update-order. */
    order: opt(zod_mini/* enum */.k5(UPDATE_ORDERS, { error: 'start-first or stop-first' })),
});
const incidentSchema = zod_mini/* strictObject */.re({
    labels: opt(zod_mini/* array */.YO(zod_mini/* string */.Yj())),
    assignees: opt(zod_mini/* array */.YO(zod_mini/* string */.Yj())),
    language: opt(zod_mini/* enum */.k5(['en', 'ko'], { error: 'en or ko' })),
    severity: opt(zod_mini/* enum */.k5(['SEV-1', 'SEV-2', 'SEV-3', 'auto'], { error: 'one of SEV-1, SEV-2, SEV-3, auto' })),
});
const environmentSchema = zod_mini/* strictObject */.re({
    strategy: opt(zod_mini/* enum */.k5(vocabulary/* STRATEGIES */.YL, { error: `one of ${vocabulary/* STRATEGIES */.YL.join(', ')}` })),
    target: targetSchema,
    router: opt(routerSchema),
    health: opt(healthSchema),
    analysis: opt(analysisSchema),
    canary: opt(canarySchema),
    'blue-green': opt(zod_mini/* strictObject */.re({ 'scale-down-delay': opt((0,duration/* durationSchema */.sK)()) })),
    rolling: opt(rollingSchema),
    hooks: opt(hooksSchema),
    incident: opt(incidentSchema),
});
const config_NAME_FORM = 'a name of letters, digits, ".", "_" or "-"';
const nameKey = zod_mini/* string */.Yj().check(zod_mini/* regex */.yG(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: config_NAME_FORM }));
const configSchema = zod_mini/* strictObject */.re({
    version: zod_mini/* literal */.eu(1, { error: '1' }),
    services: zod_mini/* record */.g1(nameKey, zod_mini/* strictObject */.re({ environments: zod_mini/* record */.g1(nameKey, environmentSchema, { error: 'a mapping of environments' }) }), { error: 'a mapping of services' }),
});
/** `2` (instances) or `"25%"`; undefined when neither. */
function parseBatch(batch) {
    if (typeof batch === 'number')
        return Number.isInteger(batch) && batch >= 1 ? { count: batch } : undefined;
    const match = /^(\d+)%$/.exec(batch.trim());
    if (match) {
        const percent = Number(match[1]);
        return percent >= 1 && percent <= 100 ? { percent } : undefined;
    }
    return /^\d+$/.test(batch.trim()) && Number(batch) >= 1 ? { count: Number(batch) } : undefined;
}
/** A config file that is not what SPEC §4 describes: one line naming the key path, the value and the form. */
class ConfigError extends errors/* ShipgateError */.Yu {
    keyPath;
    constructor(file, keyPath, value, expected) {
        super('invalid-config', (0,zod_issue/* issueLine */.OH)(`${file}: key '${keyPath}'`, value, expected));
        this.keyPath = keyPath;
    }
}
/** Parses the config file's text; throws ConfigError (one line) when it does not match the schema. */
function parseConfig(text, file) {
    let data;
    try {
        data = (0,js_yaml/* load */.Hh)(text);
    }
    catch (error) {
        throw new ConfigError(file, '(file)', (0,errors/* errorMessage */.gJ)(error).split('\n')[0] ?? '', 'valid YAML');
    }
    if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data))) {
        // Not a mapping: the file is something else (a password file, a script); never quote it.
        const kind = Array.isArray(data) ? 'a YAML list' : `a YAML ${typeof data}`;
        throw new ConfigError(file, '(file)', `${kind}, not shown`, 'a mapping of shipgate keys (SPEC §4)');
    }
    const result = zod_mini/* safeParse */.xL(configSchema, data);
    if (result.success)
        return result.data;
    const issue = result.error.issues[0];
    if (!issue)
        throw new ConfigError(file, '(file)', data, 'a shipgate config (SPEC §4)');
    const found = (0,zod_issue/* readIssue */.OS)(issue, data, { unknownKey: 'no such key (see schema/shipgate.schema.json)' });
    throw new ConfigError(file, (0,zod_issue/* keyPath */.Dw)(found.path) || '(file)', found.value, found.expected);
}


/***/ })

};
