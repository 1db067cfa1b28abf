export const id = 28;
export const ids = [28];
export const modules = {

/***/ 4028:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prepareHealthcheckAnalysis: () => (/* binding */ prepareHealthcheckAnalysis)
});

// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(6193);
// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(1065);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(7406);
;// CONCATENATED MODULE: ./src/core/command-runner.ts



/** Time between SIGTERM and SIGKILL to the process group. */
const KILL_GRACE_MS = 2_000;
/** Bytes of each output stream kept in the result; a chatty hook cannot fill memory. */
const OUTPUT_TAIL_BYTES = 64 * 1024;
/**
 * After the shell exits, its output pipes may stay open because a background process it started holds
 * them. The result is returned once they have been quiet this long (or after PIPE_WAIT_MAX_MS).
 */
const PIPE_QUIET_MS = 100;
const PIPE_WAIT_MAX_MS = 2_000;
const GROUP_POLL_MS = 25;
/** After SIGKILL, the longest wait for the kernel to end the group before the result is returned anyway. */
const KILL_WAIT_MS = 1_000;
/** Keeps the last `limit` bytes of a stream and cuts it into lines for `onLine`. */
class OutputTail {
    limit;
    onLine;
    chunks = [];
    size = 0;
    decoder = new external_node_string_decoder_.StringDecoder('utf8');
    partial = '';
    constructor(limit, onLine) {
        this.limit = limit;
        this.onLine = onLine;
    }
    push(chunk) {
        this.chunks.push(chunk);
        this.size += chunk.length;
        while (this.chunks.length > 1 && this.size - (this.chunks[0]?.length ?? 0) >= this.limit) {
            this.size -= this.chunks.shift()?.length ?? 0;
        }
        if (!this.onLine)
            return;
        this.partial += this.decoder.write(chunk);
        const lines = this.partial.split('\n');
        this.partial = lines.pop() ?? '';
        for (const line of lines)
            this.onLine(line.replace(/\r$/, ''));
        // A line with no end in sight is still reported, in pieces, rather than held without bound.
        if (this.partial.length > this.limit) {
            this.onLine(this.partial);
            this.partial = '';
        }
    }
    finish() {
        if (this.onLine) {
            const rest = this.partial + this.decoder.end();
            this.partial = '';
            if (rest !== '')
                this.onLine(rest.replace(/\r$/, ''));
        }
        const all = Buffer.concat(this.chunks);
        return all.subarray(Math.max(0, all.length - this.limit)).toString('utf8');
    }
}
/**
 * True while a process of the group is still running. On Linux it reads /proc, because `kill(-pgid, 0)`
 * also counts zombies, and where no process reaps orphans (a container whose PID 1 is not an init) a
 * killed grandchild stays a zombie for a while though it no longer runs.
 */
function groupRunning(pgid, fs) {
    try {
        process.kill(-pgid, 0);
    }
    catch (error) {
        if (error.code === 'ESRCH')
            return false;
    }
    let entries;
    try {
        entries = fs.readdirSync('/proc');
    }
    catch {
        return true;
    }
    for (const entry of entries) {
        if (!/^\d+$/.test(entry))
            continue;
        let stat;
        try {
            stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        }
        catch {
            continue;
        }
        // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X')
            return true;
    }
    return false;
}
function signalGroup(pgid, signal) {
    try {
        process.kill(-pgid, signal);
    }
    catch {
        // ESRCH: the group is already gone.
    }
}
/**
 * The real runner: `sh -c command` in its own process group, so that a timeout or an abort ends the
 * command and everything it started (SIGTERM, then SIGKILL after KILL_GRACE_MS). A command that exits
 * normally may leave background processes running, as it would from a terminal (a hook that starts a
 * server); only a command that is ended is ended with its whole group.
 */
function createProcessCommandRunner(options = {}) {
    const childProcess = process.getBuiltinModule('node:child_process');
    const fs = process.getBuiltinModule('node:fs');
    const killGraceMs = options.killGraceMs ?? KILL_GRACE_MS;
    return {
        run(request) {
            const started = performance.now();
            if (request.signal?.aborted) {
                return Promise.resolve({
                    exitCode: null,
                    signal: null,
                    stdout: '',
                    stderr: '',
                    timedOut: false,
                    aborted: true,
                    durationMs: 0,
                });
            }
            return new Promise((resolve, reject) => {
                let child;
                try {
                    child = childProcess.spawn('sh', ['-c', request.command], {
                        cwd: request.cwd,
                        env: { ...inheritedEnv(), ...request.env },
                        detached: true,
                        stdio: ['ignore', 'pipe', 'pipe'],
                    });
                }
                catch (error) {
                    reject(new errors/* ShipgateError */.Yu('command-start', `could not start sh: ${(0,errors/* errorMessage */.gJ)(error)}`, { cause: error }));
                    return;
                }
                const onLine = request.onLine;
                const stdout = new OutputTail(OUTPUT_TAIL_BYTES, onLine && ((line) => onLine('stdout', line)));
                const stderr = new OutputTail(OUTPUT_TAIL_BYTES, onLine && ((line) => onLine('stderr', line)));
                let lastOutputAt = performance.now();
                // After the result, output is still read (and dropped), so a background process never writes into a closed pipe.
                child.stdout?.on('data', (chunk) => {
                    lastOutputAt = performance.now();
                    if (!done)
                        stdout.push(chunk);
                });
                child.stderr?.on('data', (chunk) => {
                    lastOutputAt = performance.now();
                    if (!done)
                        stderr.push(chunk);
                });
                let ending;
                let exited;
                let pipesClosed = false;
                // Once ending: settled when no process of the group runs any more (or SIGKILL was sent and waited for).
                let groupSettled = false;
                let done = false;
                const timers = [];
                const finish = () => {
                    if (done || !exited || !pipesClosed || (ending && !groupSettled))
                        return;
                    done = true;
                    for (const timer of timers)
                        clearTimeout(timer);
                    request.signal?.removeEventListener('abort', onAbort);
                    resolve({
                        exitCode: exited.code,
                        signal: exited.signal,
                        stdout: stdout.finish(),
                        stderr: stderr.finish(),
                        timedOut: ending === 'timeout',
                        aborted: ending === 'abort',
                        durationMs: Math.round(performance.now() - started),
                    });
                };
                const end = (why) => {
                    if (ending || done || child.pid === undefined)
                        return;
                    ending = why;
                    const pgid = child.pid;
                    signalGroup(pgid, 'SIGTERM');
                    const poll = setInterval(() => {
                        if (!groupRunning(pgid, fs)) {
                            clearInterval(poll);
                            groupSettled = true;
                            finish();
                        }
                    }, GROUP_POLL_MS);
                    timers.push(poll);
                    timers.push(setTimeout(() => {
                        if (groupSettled)
                            return;
                        signalGroup(pgid, 'SIGKILL');
                        // The poll goes on until the group is gone; SIGKILL cannot be refused, so that is soon.
                        timers.push(setTimeout(() => {
                            clearInterval(poll);
                            groupSettled = true;
                            finish();
                        }, KILL_WAIT_MS));
                    }, killGraceMs));
                };
                const onAbort = () => end('abort');
                request.signal?.addEventListener('abort', onAbort, { once: true });
                timers.push(setTimeout(() => end('timeout'), request.timeoutMs));
                child.on('error', (error) => {
                    if (done)
                        return;
                    done = true;
                    for (const timer of timers)
                        clearTimeout(timer);
                    request.signal?.removeEventListener('abort', onAbort);
                    const where = request.cwd ? ` in ${request.cwd}` : '';
                    reject(new errors/* ShipgateError */.Yu('command-start', `could not start sh${where}: ${error.message}`, { cause: error }));
                });
                child.on('exit', (code, signal) => {
                    exited = { code, signal };
                    const exitedAt = performance.now();
                    const awaitPipes = () => {
                        if (pipesClosed || done)
                            return;
                        const now = performance.now();
                        if (now - lastOutputAt < PIPE_QUIET_MS && now - exitedAt < PIPE_WAIT_MAX_MS) {
                            timers.push(setTimeout(awaitPipes, PIPE_QUIET_MS));
                            return;
                        }
                        // A background process holds the pipes: stop waiting for it, and do not let it keep this process alive.
                        for (const stream of [child.stdout, child.stderr])
                            stream?.unref?.();
                        pipesClosed = true;
                        finish();
                    };
                    timers.push(setTimeout(awaitPipes, PIPE_QUIET_MS));
                    finish();
                });
                child.on('close', () => {
                    pipesClosed = true;
                    finish();
                });
            });
        },
    };
}
/** How a command ended, to follow "command" or a hook's name: `exited with code 3`, `timed out after 10s`, `was killed by SIGKILL`. */
function describeCommandEnd(result, timeoutMs) {
    if (result.timedOut)
        return timeoutMs === undefined ? 'timed out' : `timed out after ${(0,duration/* formatDuration */.a3)(timeoutMs)}`;
    if (result.aborted)
        return 'was aborted';
    if (result.exitCode !== null)
        return `exited with code ${result.exitCode}`;
    return `was killed by ${result.signal ?? 'a signal'}`;
}
/**
 * The environment a command inherits: the runner's, less the action's own inputs (INPUT_*, which hold
 * the GitHub token) and the runner's internal tokens. Hooks get values only through SHIPGATE_* variables.
 */
function inheritedEnv(env = process.env) {
    const kept = {};
    for (const [name, value] of Object.entries(env)) {
        if (value === undefined)
            continue;
        if (name.startsWith('INPUT_') ||
            name === 'ACTIONS_RUNTIME_TOKEN' ||
            name === 'ACTIONS_ID_TOKEN_REQUEST_TOKEN' ||
            name === 'ACTIONS_ID_TOKEN_REQUEST_URL')
            continue;
        kept[name] = value;
    }
    return kept;
}

// EXTERNAL MODULE: ./src/health/analysis/analysis.ts + 1 modules
var analysis = __webpack_require__(5838);
;// CONCATENATED MODULE: ./src/health/analysis/metric-provider.ts
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/**
 * Reads a sample value as Prometheus writes it (`"1.5e-05"`, `"NaN"`, `"+Inf"`, `"-Inf"`) or a command
 * prints it. Returns undefined for anything that is not a number (`Number()` would read `""` as 0).
 */
function parseSampleValue(text) {
    const trimmed = text.trim();
    switch (trimmed.toLowerCase()) {
        case 'nan':
            return Number.NaN;
        case '+inf':
        case 'inf':
            return Number.POSITIVE_INFINITY;
        case '-inf':
            return Number.NEGATIVE_INFINITY;
        default:
            return DECIMAL.test(trimmed) ? Number(trimmed) : undefined;
    }
}
/** Cuts text received from outside to one readable line for a report. */
function excerpt(text, max = 200) {
    const oneLine = text.replace(/\s*\r?\n\s*/g, ' ').trim();
    return oneLine.length > max ? `${oneLine.slice(0, max - 3)}...` : oneLine;
}

;// CONCATENATED MODULE: ./src/health/analysis/command-provider.ts



/** `{slot}` → `SHIPGATE_SLOT`, the names hooks get (SPEC §5.2). */
function envName(placeholder) {
    return `SHIPGATE_${placeholder.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
function lastLine(text) {
    const lines = text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
    return lines[lines.length - 1] ?? '';
}
/**
 * Metric values from a shell command (a metric with `provider: command`): it runs the metric's command
 * with the expanded query in SHIPGATE_QUERY, the metric's name in SHIPGATE_METRIC and the placeholder
 * values as SHIPGATE_SERVICE, SHIPGATE_ENVIRONMENT, …; its standard output, trimmed, is the value.
 * Nothing is ever spliced into the command string. Empty output is no data; anything but one number,
 * a non-zero exit or a timeout is an Error measurement.
 */
function createCommandProvider(options) {
    return {
        async measure(query, signal, context) {
            if (context?.command === undefined) {
                return { kind: 'error', reason: `metric '${context?.metric ?? '?'}' has no command` };
            }
            const env = {};
            for (const [key, value] of Object.entries(context.placeholders))
                env[envName(key)] = value;
            env.SHIPGATE_QUERY = query;
            env.SHIPGATE_METRIC = context.metric;
            let result;
            try {
                result = await options.runner.run({
                    command: context.command,
                    env,
                    timeoutMs: options.timeoutMs,
                    ...(options.cwd !== undefined && { cwd: options.cwd }),
                    ...(signal !== undefined && { signal }),
                });
            }
            catch (error) {
                return { kind: 'error', reason: (0,errors/* errorMessage */.gJ)(error) };
            }
            const stdout = result.stdout.trim();
            if (result.exitCode !== 0) {
                const stderr = lastLine(result.stderr);
                const end = describeCommandEnd(result, options.timeoutMs);
                return {
                    kind: 'error',
                    reason: `command ${end}${stderr ? `: ${excerpt(stderr, 200)}` : ''}`,
                    raw: excerpt(stdout),
                };
            }
            if (stdout === '')
                return { kind: 'no-data', raw: '' };
            const value = parseSampleValue(stdout);
            if (value === undefined) {
                return {
                    kind: 'error',
                    reason: `command printed '${excerpt(stdout, 80)}'; expected one number`,
                    raw: excerpt(stdout),
                };
            }
            return { kind: 'value', value, raw: stdout };
        },
    };
}

// EXTERNAL MODULE: ../main/node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(2395);
// EXTERNAL MODULE: ../main/node_modules/zod/v4/core/core.js
var core = __webpack_require__(3412);
// EXTERNAL MODULE: ../main/node_modules/zod/v4/mini/schemas.js + 3 modules
var schemas = __webpack_require__(2051);
// EXTERNAL MODULE: ../main/node_modules/zod/v4/core/api.js + 1 modules
var api = __webpack_require__(2329);
// EXTERNAL MODULE: ../main/node_modules/zod/v4/core/parse.js + 1 modules
var parse = __webpack_require__(7017);
;// CONCATENATED MODULE: ./src/health/analysis/metric-settings.ts




const ON_NO_DATA = ['fail', 'inconclusive', 'pass'];
const METRIC_PROVIDERS = ['prometheus', 'command'];
const DEFAULT_INTERVAL_MS = 30_000;
const DEFAULT_ERROR_LIMIT = 4;
/** Shorter intervals would measure the same scrape over and over. */
const MIN_INTERVAL_MS = 100;
const MAX_COUNT = 100_000;
const METRIC_KEYS = [
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
];
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const NAME_FORM = 'a name of letters, digits, ".", "_" or "-" (at most 64, starting with a letter or digit)';
const QUERY_FORM = 'a non-empty query';
const NUMBER_FORM = 'a finite number';
const LIMIT_FORM = 'a whole number, 0 or more';
const COUNT_FORM = `a whole number from 1 to ${MAX_COUNT}`;
const BOOLEAN_FORM = 'true or false';
/** Only the addresses of the slot differ per probe; a metric query covers the whole slot. */
const ADDRESS_PLACEHOLDER = '{address}';
/** Records that a value does not have the expected form (the issue's message is that form). */
function reject(ctx, expected) {
    ctx.issues.push({ code: 'custom', message: expected, input: ctx.value });
    return core/* NEVER */.tm;
}
const finiteNumber = () => schemas/* number */.aig({ error: NUMBER_FORM }).check(schemas/* refine */.YPB(Number.isFinite, { error: NUMBER_FORM }));
const limit = () => schemas/* int */.Whr({ error: LIMIT_FORM }).check(api/* _gte */.qm(0, { error: LIMIT_FORM }));
const interval = schemas/* pipe */.FsL(schemas/* string */.YjP({ error: duration/* DURATION_FORM */.ec }), schemas/* transform */.pdi((text, ctx) => {
    const ms = (0,duration/* parseDuration */.E9)(text);
    if (ms === undefined)
        return reject(ctx, duration/* DURATION_FORM */.ec);
    if (ms < MIN_INTERVAL_MS)
        return reject(ctx, `${duration/* DURATION_FORM */.ec}, at least ${MIN_INTERVAL_MS}ms`);
    return ms;
}));
const metricObject = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP({ error: NAME_FORM }).check(api/* _regex */.Fk(NAME, { error: NAME_FORM })),
    query: schemas/* optional */.lqM(schemas/* string */.YjP({ error: QUERY_FORM }).check(schemas/* refine */.YPB((query) => query.trim() !== '', { error: QUERY_FORM, abort: true }), schemas/* refine */.YPB((query) => !query.includes(ADDRESS_PLACEHOLDER), {
        error: 'a query without {address} (one query covers every address of the slot; use {slot})',
    }))),
    max: schemas/* optional */.lqM(finiteNumber()),
    min: schemas/* optional */.lqM(finiteNumber()),
    interval: schemas/* optional */.lqM(interval),
    count: schemas/* optional */.lqM(schemas/* int */.Whr({ error: COUNT_FORM })
        .check(api/* _gte */.qm(1, { error: COUNT_FORM }), api/* _lte */.Zm(MAX_COUNT, { error: COUNT_FORM }))),
    'failure-limit': schemas/* optional */.lqM(limit()),
    'inconclusive-limit': schemas/* optional */.lqM(limit()),
    'error-limit': schemas/* optional */.lqM(limit()),
    'on-no-data': schemas/* optional */.lqM(schemas/* enum */.k5n(ON_NO_DATA, { error: `one of ${ON_NO_DATA.join(', ')}` })),
    'dry-run': schemas/* optional */.lqM(schemas/* boolean */.zMY({ error: BOOLEAN_FORM })),
    provider: schemas/* optional */.lqM(schemas/* enum */.k5n(METRIC_PROVIDERS, { error: `one of ${METRIC_PROVIDERS.join(', ')}` })),
    command: schemas/* optional */.lqM(schemas/* string */.YjP({ error: 'a shell command' })
        .check(schemas/* refine */.YPB((command) => command.trim() !== '', { error: 'a shell command' }))),
})
    .check(schemas/* superRefine */.zni((item, ctx) => {
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
            if (item.query === undefined) {
                ctx.addIssue({ code: 'custom', path: ['query'], message: 'a PromQL query', input: undefined });
            }
            if (item.command !== undefined) {
                ctx.addIssue({
                    code: 'custom',
                    path: ['command'],
                    message: 'no command unless provider is command',
                    input: item.command,
                });
            }
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
}));
/**
 * The zod schema of one metric as written in YAML (the `metrics` input, and `analysis.metrics` in the
 * config file), giving a MetricSpec. Every issue's message is the expected form, so a caller can build
 * its own one-line error around the issue's path and the value found there. Built on zod/mini, like the
 * input parsers, to keep the healthcheck's start-up within its budget (SPEC §9, B1); classic zod
 * objects accept it as a field.
 */
const metricSchema = schemas/* pipe */.FsL(metricObject, schemas/* transform */.pdi((item) => {
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
    };
}));
/** A list of metrics whose names are unique (names key the report, the `failed` output and the summary). */
const metricListSchema = schemas/* array */.YOg(metricSchema).check(schemas/* superRefine */.zni((specs, ctx) => {
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
        const shown = value === undefined ? 'missing' : (0,errors/* showValue */.vp)(value);
        this.message = `${scope ? `${scope}: ` : ''}input 'metrics'${item}${key} is ${shown}; expected ${expected}`;
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
    if (issue.code === 'unrecognized_keys') {
        const key = issue.keys[0] ?? '?';
        return new MetricInputError(scope, { ...where, key }, record[key], `a known key (${METRIC_KEYS.join(', ')})`);
    }
    const key = issue.path[1] === undefined ? undefined : String(issue.path[1]);
    const value = key === undefined ? item : record[key];
    const expected = value === undefined && issue.code === 'invalid_type' ? `${issue.message} (it is required)` : issue.message;
    return new MetricInputError(scope, key === undefined ? where : { ...where, key }, value, expected);
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
        items = (0,js_yaml/* load */.Hh)(yamlText);
    }
    catch (error) {
        const firstLine = (0,errors/* errorMessage */.gJ)(error).split('\n')[0] ?? '';
        throw new errors/* InputError */.dz('metrics', yamlText, `${LIST_FORM} (YAML error: ${firstLine})`, { scope, cause: error });
    }
    if (items === null || items === undefined)
        return [];
    if (!Array.isArray(items))
        throw new errors/* InputError */.dz('metrics', yamlText, LIST_FORM, { scope });
    const result = parse/* safeParse */.xL(metricListSchema, items);
    if (result.success)
        return result.data;
    const issue = firstIssue(result.error.issues);
    if (!issue)
        throw new errors/* InputError */.dz('metrics', yamlText, LIST_FORM, { scope });
    throw issueError(scope, items, issue);
}

;// CONCATENATED MODULE: ./src/health/analysis/prometheus-provider.ts

/** The base URL without credentials, for messages. */
function shownBase(baseUrl) {
    try {
        const url = new URL(baseUrl);
        url.username = '';
        url.password = '';
        return url.toString().replace(/\/$/, '');
    }
    catch {
        return baseUrl;
    }
}
function prometheus_provider_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** A sample `[ <unix seconds>, "<value>" ]` to a measurement. */
function sampleResult(sample) {
    const raw = Array.isArray(sample) ? sample[1] : undefined;
    if (typeof raw !== 'string')
        return { kind: 'error', reason: `unexpected sample ${excerpt(JSON.stringify(sample) ?? '')}` };
    const value = parseSampleValue(raw);
    if (value === undefined)
        return { kind: 'error', reason: `sample value '${excerpt(raw)}' is not a number`, raw };
    return { kind: 'value', value, raw };
}
function seriesName(series) {
    if (!prometheus_provider_isRecord(series) || !prometheus_provider_isRecord(series.metric))
        return '{}';
    const labels = Object.entries(series.metric).map(([key, value]) => `${key}="${String(value)}"`);
    return `{${labels.join(', ')}}`;
}
/** Reads the body of a 2xx answer of /api/v1/query. */
function readData(data) {
    if (!prometheus_provider_isRecord(data))
        return { kind: 'error', reason: 'Prometheus answered without data' };
    const { resultType, result } = data;
    switch (resultType) {
        case 'scalar':
            return sampleResult(result);
        case 'vector': {
            if (!Array.isArray(result))
                return { kind: 'error', reason: 'Prometheus answered a vector without a result list' };
            const raw = excerpt(JSON.stringify(result));
            if (result.length === 0)
                return { kind: 'no-data', raw };
            if (result.length > 1) {
                const names = result.slice(0, 2).map(seriesName).join(', ');
                return {
                    kind: 'error',
                    reason: `query returned ${result.length} series; expected one (aggregate with sum(...)): ${names}${result.length > 2 ? ', ...' : ''}`,
                    raw,
                };
            }
            const only = result[0];
            return sampleResult(prometheus_provider_isRecord(only) ? only.value : undefined);
        }
        case 'matrix':
            return {
                kind: 'error',
                reason: 'query returned a range vector; expected one value (wrap the [range] selector in a function like rate())',
            };
        case 'string':
            return { kind: 'error', reason: 'query returned a string; expected a number' };
        default:
            return { kind: 'error', reason: `Prometheus answered an unknown result type ${excerpt(String(resultType))}` };
    }
}
/**
 * Metric values from Prometheus's instant-query API (`GET /api/v1/query`). A result is one number: a
 * scalar, or a vector of exactly one series; an empty vector is no data. Everything else is an Error
 * measurement whose reason a reader can act on: Prometheus's own message for a bad query, the series
 * count for a query that forgot to aggregate, the transport failure when Prometheus is down.
 */
function createPrometheusProvider(options) {
    const base = options.baseUrl.replace(/\/+$/, '');
    const shown = shownBase(options.baseUrl);
    return {
        async measure(query, signal) {
            const url = `${base}/api/v1/query?query=${encodeURIComponent(query)}`;
            const response = await options.http.request({
                url,
                method: 'GET',
                headers: { accept: 'application/json', ...options.headers },
                timeoutMs: options.timeoutMs,
            }, signal);
            if (response.kind === 'failure') {
                return { kind: 'error', reason: `Prometheus at ${shown} unreachable: ${response.reason}` };
            }
            let body;
            try {
                body = JSON.parse(response.body);
            }
            catch {
                return {
                    kind: 'error',
                    reason: `Prometheus at ${shown} answered ${response.status} with a body that is not JSON: ${excerpt(response.body, 120)}`,
                    raw: excerpt(response.body),
                };
            }
            if (!prometheus_provider_isRecord(body) || body.status !== 'success' || response.status < 200 || response.status > 299) {
                const errorType = prometheus_provider_isRecord(body) && typeof body.errorType === 'string' ? `${body.errorType}: ` : '';
                const error = prometheus_provider_isRecord(body) && typeof body.error === 'string' ? body.error : excerpt(response.body, 120);
                const verb = response.status >= 400 && response.status < 500 ? 'rejected' : 'failed';
                return {
                    kind: 'error',
                    reason: `Prometheus ${verb} the query (${response.status}): ${errorType}${excerpt(error, 300)}`,
                    raw: excerpt(response.body),
                };
            }
            return readData(body.data);
        },
    };
}

;// CONCATENATED MODULE: ./src/health/healthcheck-analysis.ts






/**
 * The healthcheck's `metrics` and `prometheus-url` inputs, made into an analysis setup. The entry file
 * loads this module only when `metrics` is given, so a plain probe run never pays for it (SPEC §9, B1).
 */
function prepareHealthcheckAnalysis(raw, ports) {
    const metrics = parseMetrics(raw.metrics ?? '', 'healthcheck');
    if (metrics.length === 0)
        return undefined;
    const prometheusUrl = raw['prometheus-url']?.trim();
    const needsPrometheus = (0,analysis.providersNeeded)(metrics).includes('prometheus');
    if (prometheusUrl) {
        let url;
        try {
            url = new URL(prometheusUrl);
        }
        catch {
            url = undefined;
        }
        if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
            throw new errors/* InputError */.dz('prometheus-url', prometheusUrl, 'the http:// or https:// URL of a Prometheus server', {
                scope: 'healthcheck',
            });
        }
    }
    else if (needsPrometheus) {
        const metric = metrics.find((spec) => spec.provider === 'prometheus')?.name ?? '';
        throw new errors/* InputError */.dz('prometheus-url', undefined, `the http:// or https:// URL of a Prometheus server (metric '${metric}' queries Prometheus)`, {
            scope: 'healthcheck',
        });
    }
    return {
        metrics,
        ports: {
            clock: ports.clock,
            logger: ports.logger,
            providers: {
                ...(prometheusUrl
                    ? { prometheus: createPrometheusProvider({ http: ports.http, baseUrl: prometheusUrl, timeoutMs: 10_000 }) }
                    : {}),
                command: createCommandProvider({ runner: createProcessCommandRunner(), timeoutMs: 30_000, cwd: ports.cwd }),
            },
        },
        placeholders: ports.pr !== undefined ? { pr: String(ports.pr) } : {},
    };
}


/***/ })

};
