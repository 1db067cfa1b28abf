export const id = 914;
export const ids = [914];
export const modules = {

/***/ 9914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prepareHealthcheckAnalysis: () => (/* binding */ prepareHealthcheckAnalysis)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/secrets.ts
var secrets = __webpack_require__(8198);
// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(6193);
;// CONCATENATED MODULE: ./src/runtime/hook-runner.ts


/**
 * The process CommandRunner for user commands (hooks, nginx `test`/`reload`, command metrics):
 * `sh -c command` in its own process group, output streamed line by line, and at the timeout (or when
 * the run is cancelled) the whole group is ended: SIGTERM, then SIGKILL after a grace.
 *
 * Why this exists beside @actions/exec (src/runtime/tool-runner.ts): @actions/exec (3.0) has no timeout,
 * no AbortSignal and never hands out the child process, so it can neither end a hung command nor the
 * processes the command started. A hook that hangs must not hang the deploy (SPEC §5.2), so hooks run here.
 */
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
    chunks = [];
    size = 0;
    decoder = new external_node_string_decoder_.StringDecoder('utf8');
    partial = '';
    limit;
    onLine;
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
        if (this.onLine)
            this.splitLines(this.onLine, chunk);
    }
    splitLines(onLine, chunk) {
        this.partial += this.decoder.write(chunk);
        const lines = this.partial.split('\n');
        this.partial = lines.pop() ?? '';
        for (const line of lines)
            onLine(line.replace(/\r$/, ''));
        // A line with no end in sight is still reported, in pieces, rather than held without bound.
        if (this.partial.length > this.limit) {
            onLine(this.partial);
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
/** pid (comm) state ppid pgrp …: true when the process is of group `pgid` and still runs. comm may hold spaces. */
function runsInGroup(stat, pgid) {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X';
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
        try {
            if (runsInGroup(fs.readFileSync(`/proc/${entry}/stat`, 'utf8'), pgid))
                return true;
        }
        catch {
            // The process ended while the list was read.
        }
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
 * The environment a command inherits: the runner's, less the action's own inputs (INPUT_*, which hold
 * the GitHub token), the runner's internal tokens, and the GitHub token the CLI reads (GITHUB_TOKEN,
 * GH_TOKEN): a hook is the user's script, not shipgate, and needs no write access to the repository.
 * Hooks get values only through SHIPGATE_* variables (docs/security.md).
 */
function inheritedEnv(env = process.env) {
    const withheld = new Set([
        'ACTIONS_RUNTIME_TOKEN',
        'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
        'ACTIONS_ID_TOKEN_REQUEST_URL',
        'GITHUB_TOKEN',
        'GH_TOKEN',
    ]);
    const kept = {};
    for (const [name, value] of Object.entries(env)) {
        if (value === undefined || name.startsWith('INPUT_') || withheld.has(name))
            continue;
        kept[name] = value;
    }
    return kept;
}
/**
 * One run of one command, from spawn to result. It settles once the shell has exited, its pipes are
 * closed (or quiet: see PIPE_QUIET_MS) and, when it was ended, no process of its group runs any more.
 */
class HookProcess {
    started = performance.now();
    stdout;
    stderr;
    timers = [];
    lastOutputAt = performance.now();
    ending;
    exited;
    pipesClosed = false;
    groupSettled = false;
    done = false;
    onAbort = () => this.end('abort');
    request;
    child;
    tools;
    settle;
    constructor(request, child, tools, settle) {
        this.request = request;
        this.child = child;
        this.tools = tools;
        this.settle = settle;
        const onLine = request.onLine;
        this.stdout = new OutputTail(OUTPUT_TAIL_BYTES, onLine && ((line) => onLine('stdout', line)));
        this.stderr = new OutputTail(OUTPUT_TAIL_BYTES, onLine && ((line) => onLine('stderr', line)));
    }
    start() {
        // After the result, output is still read (and dropped), so a background process never writes into a closed pipe.
        this.child.stdout?.on('data', (chunk) => this.output(this.stdout, chunk));
        this.child.stderr?.on('data', (chunk) => this.output(this.stderr, chunk));
        this.request.signal?.addEventListener('abort', this.onAbort, { once: true });
        this.timers.push(setTimeout(() => this.end('timeout'), this.request.timeoutMs));
        this.child.on('error', (error) => this.failedToStart(error));
        this.child.on('exit', (code, signal) => this.onExit(code, signal));
        this.child.on('close', () => {
            this.pipesClosed = true;
            this.finish();
        });
    }
    output(tail, chunk) {
        this.lastOutputAt = performance.now();
        if (!this.done)
            tail.push(chunk);
    }
    stop() {
        this.done = true;
        for (const timer of this.timers)
            clearTimeout(timer);
        this.request.signal?.removeEventListener('abort', this.onAbort);
    }
    finish() {
        if (this.done || !this.exited || !this.pipesClosed || (this.ending && !this.groupSettled))
            return;
        this.stop();
        this.settle.resolve({
            exitCode: this.exited.code,
            signal: this.exited.signal,
            stdout: this.stdout.finish(),
            stderr: this.stderr.finish(),
            timedOut: this.ending === 'timeout',
            aborted: this.ending === 'abort',
            durationMs: Math.round(performance.now() - this.started),
        });
    }
    failedToStart(error) {
        if (this.done)
            return;
        this.stop();
        const where = this.request.cwd ? ` in ${this.request.cwd}` : '';
        this.settle.reject(new errors/* ShipgateError */.Yu('command-start', `could not start sh${where}: ${error.message}`, { cause: error }));
    }
    /** Ends the whole group: SIGTERM now, SIGKILL after the grace; settled once no process of it runs. */
    end(why) {
        const pgid = this.child.pid;
        if (this.ending || this.done || pgid === undefined)
            return;
        this.ending = why;
        signalGroup(pgid, 'SIGTERM');
        const poll = setInterval(() => {
            if (groupRunning(pgid, this.tools.fs))
                return;
            clearInterval(poll);
            this.settleGroup();
        }, GROUP_POLL_MS);
        this.timers.push(poll);
        this.timers.push(setTimeout(() => this.kill(pgid, poll), this.tools.killGraceMs));
    }
    kill(pgid, poll) {
        if (this.groupSettled)
            return;
        signalGroup(pgid, 'SIGKILL');
        // The poll goes on until the group is gone; SIGKILL cannot be refused, so that is soon.
        this.timers.push(setTimeout(() => {
            clearInterval(poll);
            this.settleGroup();
        }, KILL_WAIT_MS));
    }
    settleGroup() {
        this.groupSettled = true;
        this.finish();
    }
    onExit(code, signal) {
        this.exited = { code, signal };
        const exitedAt = performance.now();
        this.timers.push(setTimeout(() => this.awaitPipes(exitedAt), PIPE_QUIET_MS));
        this.finish();
    }
    awaitPipes(exitedAt) {
        if (this.pipesClosed || this.done)
            return;
        const now = performance.now();
        if (now - this.lastOutputAt < PIPE_QUIET_MS && now - exitedAt < PIPE_WAIT_MAX_MS) {
            this.timers.push(setTimeout(() => this.awaitPipes(exitedAt), PIPE_QUIET_MS));
            return;
        }
        // A background process holds the pipes: stop waiting for it, and do not let it keep this process alive.
        for (const stream of [this.child.stdout, this.child.stderr])
            stream?.unref?.();
        this.pipesClosed = true;
        this.finish();
    }
}
const NOT_STARTED = {
    exitCode: null,
    signal: null,
    stdout: '',
    stderr: '',
    timedOut: false,
    aborted: true,
    durationMs: 0,
};
/**
 * The real runner: `sh -c command` in its own process group, so that a timeout or an abort ends the
 * command and everything it started (SIGTERM, then SIGKILL after KILL_GRACE_MS). A command that exits
 * normally may leave background processes running, as it would from a terminal (a hook that starts a
 * server); only a command that is ended is ended with its whole group.
 */
function createHookRunner(options = {}) {
    const tools = {
        childProcess: process.getBuiltinModule('node:child_process'),
        fs: process.getBuiltinModule('node:fs'),
        killGraceMs: options.killGraceMs ?? KILL_GRACE_MS,
    };
    return {
        run(request) {
            if (request.signal?.aborted)
                return Promise.resolve(NOT_STARTED);
            return new Promise((resolve, reject) => {
                let child;
                try {
                    child = tools.childProcess.spawn('sh', ['-c', request.command], {
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
                new HookProcess(request, child, tools, { resolve, reject }).start();
            });
        },
    };
}

// EXTERNAL MODULE: ./src/health/analysis/analysis.ts + 1 modules
var analysis = __webpack_require__(3664);
// EXTERNAL MODULE: ./src/core/command-runner.ts
var command_runner = __webpack_require__(5569);
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
/**
 * Metric values from a shell command (a metric with `provider: command`): it runs the metric's command
 * with the expanded query in SHIPGATE_QUERY, the metric's name in SHIPGATE_METRIC and the placeholder
 * values as SHIPGATE_SERVICE, SHIPGATE_ENVIRONMENT, …, and in a deploy the step's SHIPGATE_* values
 * (SHIPGATE_ADDRESSES: the slot's or the updated instances' addresses, SHIPGATE_STRATEGY, …); its standard
 * output, trimmed, is the value. Nothing is ever spliced into the command string. Empty output is no
 * data; anything but one number, a non-zero exit or a timeout (the metric's `timeout`, default 30s) is
 * an Error measurement. docs/gates-and-hooks.md documents this contract.
 */
function createCommandProvider(options) {
    return {
        async measure(query, signal, context) {
            if (context?.command === undefined) {
                return { kind: 'error', reason: `metric '${context?.metric ?? '?'}' has no command` };
            }
            // The step's values first; the placeholders (the values of this query) and the query itself win.
            const env = { ...context.env };
            for (const [key, value] of Object.entries(context.placeholders))
                env[envName(key)] = value;
            env.SHIPGATE_QUERY = query;
            env.SHIPGATE_METRIC = context.metric;
            const outcome = await (0,command_runner/* runCommand */.d1)(options.runner, {
                command: context.command,
                env,
                timeoutMs: context.timeoutMs ?? options.timeoutMs,
                ...(options.cwd !== undefined && { cwd: options.cwd }),
                ...(signal !== undefined && { signal }),
            });
            return measurement(outcome);
        },
    };
}
/** The measurement a command's end and output give: its standard output, trimmed, is the value. */
function measurement(outcome) {
    const stdout = outcome.result?.stdout.trim() ?? '';
    if (!(0,command_runner/* succeeded */.gq)(outcome.end)) {
        // Only stderr says why: standard output is the value, reported as `raw`.
        const why = outcome.result ? (0,command_runner/* lastOutputLine */.Cl)({ stdout: '', stderr: outcome.result.stderr }) : '';
        const ended = (0,command_runner/* describeCommandEnd */.en)(outcome.end, why && excerpt(why, 200));
        return { kind: 'error', reason: `command ${ended}`, ...(outcome.result && { raw: excerpt(stdout) }) };
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
}

// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(3243);
// EXTERNAL MODULE: ./vendor/zod-mini.js
var zod_mini = __webpack_require__(9407);
// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(8571);
// EXTERNAL MODULE: ./src/core/placeholders.ts
var placeholders = __webpack_require__(3593);
;// CONCATENATED MODULE: ./src/core/vocabulary.ts
/**
 * The words of shipgate (SPEC §3, §5.2, §6), each declared once: the config schema, the inputs, the
 * engine, the state stores, the report schema and the incident action all import them from here, so
 * adding a strategy or a result is one edit here and then a compile error wherever a `switch` misses it.
 * Tuples `as const` give both the runtime list (zod enums, error messages) and the type.
 */
/** Blue-green and canary run a service in up to two slots; the active one takes traffic. */
const SLOTS = (/* unused pure expression or super */ null && (['blue', 'green']));
const STRATEGIES = (/* unused pure expression or super */ null && (['rolling', 'blue-green', 'canary']));
/** Blue-green's phases (SPEC §5.2); every other strategy runs `full`. */
const PHASES = (/* unused pure expression or super */ null && (['prepare', 'switch', 'finalize', 'cancel', 'full']));
/**
 * How a deploy or rollback ended (SPEC §5.2). `rolled-back`: failed after it began changing anything, and
 * the rollback succeeded; `failed`: the rollback failed or was off; `aborted`: stopped before anything
 * changed (a preflight hook failed, the lock is held, the target drifted); `planned`: a dry run.
 */
const DEPLOY_RESULTS = (/* unused pure expression or super */ null && (['succeeded', 'rolled-back', 'failed', 'aborted', 'planned', 'noop']));
/** Which action wrote a report or a history entry. A rollback's `version` is the version rolled back to. */
const OPERATIONS = (/* unused pure expression or super */ null && (['deploy', 'rollback']));
/** `cancelled`: the step was in flight when the run was cancelled (SIGINT/SIGTERM). */
const STEP_OUTCOMES = (/* unused pure expression or super */ null && (['succeeded', 'failed', 'skipped', 'cancelled']));
/** A gate's verdict: HTTP checks and metric analysis together. */
const GATE_VERDICTS = (/* unused pure expression or super */ null && (['passed', 'failed']));
/** One HTTP check's verdict. `undecided`: the gate ended (cancelled, or decided by another check) first. */
const CHECK_VERDICTS = (/* unused pure expression or super */ null && (['healthy', 'unhealthy', 'undecided']));
/** Where a metric's value comes from: a PromQL instant query, or a shell command that prints a number. */
const METRIC_PROVIDERS = ['prometheus', 'command'];
/** What one measurement received: a value, an empty result, or an error. */
const MEASUREMENT_RESULTS = (/* unused pure expression or super */ null && (['value', 'no-data', 'error']));
/** A metric's (and a measurement's) verdict, SPEC §6, spelled as Argo Rollouts spells them. */
const METRIC_VERDICTS = (/* unused pure expression or super */ null && (['Successful', 'Failed', 'Inconclusive', 'Error']));

// EXTERNAL MODULE: ./src/core/zod-issue.ts
var zod_issue = __webpack_require__(5820);
;// CONCATENATED MODULE: ./src/health/analysis/metric-settings.ts







const ON_NO_DATA = ['fail', 'inconclusive', 'pass'];
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
    'timeout',
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
    provider: zod_mini/* optional */.lq(zod_mini/* enum */.k5(METRIC_PROVIDERS, { error: `one of ${METRIC_PROVIDERS.join(', ')}` })),
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
    const found = (0,zod_issue/* readIssue */.OS)(issue, items, { unknownKey: `a known key (${METRIC_KEYS.join(', ')})` });
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
    const result = zod_mini/* safeParse */.xL(metricListSchema(), items);
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

// EXTERNAL MODULE: ./src/health/healthcheck-settings.ts + 4 modules
var healthcheck_settings = __webpack_require__(8088);
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
        if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !(0,healthcheck_settings/* userInfoDecodes */.XP)(url)) {
            throw new errors/* InputError */.dz('prometheus-url', (0,secrets/* withoutUserInfo */.sl)(prometheusUrl), 'the http:// or https:// URL of a Prometheus server', {
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
                command: createCommandProvider({ runner: createHookRunner(), timeoutMs: 30_000, cwd: ports.cwd }),
            },
        },
        placeholders: ports.pr !== undefined ? { pr: String(ports.pr) } : {},
    };
}


/***/ })

};
