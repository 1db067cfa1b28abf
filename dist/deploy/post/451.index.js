export const id = 451;
export const ids = [451];
export const modules = {

/***/ 2451:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createDeployHooks: () => (/* binding */ createDeployHooks),
  createRouter: () => (/* binding */ createRouter)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
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
function isRecord(value) {
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
    if (!isRecord(series) || !isRecord(series.metric))
        return '{}';
    const labels = Object.entries(series.metric).map(([key, value]) => `${key}="${String(value)}"`);
    return `{${labels.join(', ')}}`;
}
/** Reads the body of a 2xx answer of /api/v1/query. */
function readData(data) {
    if (!isRecord(data))
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
            return sampleResult(isRecord(only) ? only.value : undefined);
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
            if (!isRecord(body) || body.status !== 'success' || response.status < 200 || response.status > 299) {
                const errorType = isRecord(body) && typeof body.errorType === 'string' ? `${body.errorType}: ` : '';
                const error = isRecord(body) && typeof body.error === 'string' ? body.error : excerpt(response.body, 120);
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

// EXTERNAL MODULE: ./src/target/ports.ts
var ports = __webpack_require__(1915);
;// CONCATENATED MODULE: ./src/target/command-driver.ts



/** Longest piece of a hook's output quoted in an error message. */
const DETAIL_CHARS = 300;
/** One line, safe to show: control characters (a version may hold newlines) become spaces. */
function oneLine(text) {
    return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}
/** The last non-empty line of a hook's output: stderr first, where scripts say why they failed. */
function lastOutputLine(result) {
    for (const text of [result.stderr, result.stdout]) {
        const lines = text
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line !== '');
        const last = lines[lines.length - 1];
        if (last !== undefined) {
            const line = oneLine(last);
            return line.length > DETAIL_CHARS ? `${line.slice(0, DETAIL_CHARS - 3)}...` : line;
        }
    }
    return '';
}
/** `exited 3: port 8082 is in use` / `timed out: after 10m (last output: waiting for :8082)`. */
function hookFailure(run, result, timeoutMs) {
    const line = lastOutputLine(result);
    let detail;
    if (result.timedOut)
        detail = `after ${(0,duration/* formatDuration */.a3)(timeoutMs)}, killed with its process group${line ? ` (last output: ${line})` : ''}`;
    else if (result.aborted)
        detail = `cancelled${line ? ` (last output: ${line})` : ''}`;
    else if (result.exitCode === null)
        detail = `killed by ${result.signal ?? 'a signal'}${line ? ` (last output: ${line})` : ''}`;
    else
        detail = line;
    return new ports/* HookError */.G_(run, detail);
}
/** What a log group title says about the values: `api 1.4.2 → green`, `api 1.4.2 → 10.0.0.11:8080 10.0.0.12:8080`. */
function describeTarget(values, arrow) {
    const where = values.slot ?? (values.instances?.length ? values.instances.join(' ') : values.addresses?.join(' '));
    return oneLine(`${values.service} ${values.version}${where ? ` ${arrow} ${where}` : ''}`);
}
/** Without the runner's log groups (the CLI): a title line before the output. */
function titledGroup(logger) {
    return async (title, body) => {
        logger.info(title);
        return body();
    };
}
/**
 * The `command` workload driver: the user's deploy and retire hooks, run with `sh -c` from the
 * workspace. Values reach them only as SHIPGATE_* environment variables (never in the command string);
 * their output streams into a log group line by line; a hook that outlives `timeoutMs` is killed with
 * every process it started.
 */
function createCommandDriver(options) {
    const { runner, logger } = options;
    const group = options.group ?? titledGroup(logger);
    const runHook = async (hook, command, title, values, signal) => group(title, async () => {
        const started = performance.now();
        let result;
        try {
            result = await runner.run({
                command,
                cwd: options.cwd,
                env: (0,ports/* hookEnv */.$R)(values),
                timeoutMs: options.timeoutMs,
                onLine: (_stream, line) => logger.info(line),
                ...(signal !== undefined && { signal }),
            });
        }
        catch (error) {
            // sh could not start (a missing workspace): the hook never ran.
            const run = {
                hook,
                exitCode: null,
                durationMs: Math.round(performance.now() - started),
                timedOut: false,
            };
            throw new ports/* HookError */.G_(run, `could not start: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
        const run = {
            hook,
            exitCode: result.exitCode,
            durationMs: result.durationMs,
            timedOut: result.timedOut,
        };
        if (result.exitCode !== 0 || result.timedOut || result.aborted)
            throw hookFailure(run, result, options.timeoutMs);
        logger.info(`${hook} hook succeeded in ${(0,duration/* formatDuration */.a3)(result.durationMs)}`);
        return run;
    });
    return {
        deploy(values, signal) {
            return runHook('deploy', options.deploy, `deploy hook: ${describeTarget(values, '→')}`, values, signal);
        },
        async retire(values, signal) {
            if (options.retire === undefined) {
                logger.info(`retire: no retire hook configured; ${describeTarget(values, 'on')} is left running`);
                return { hook: 'retire (none)', exitCode: 0, durationMs: 0, timedOut: false };
            }
            return runHook('retire', options.retire, `retire hook: ${describeTarget(values, 'on')}`, values, signal);
        },
    };
}

;// CONCATENATED MODULE: ./src/target/command-router.ts




/**
 * The `command` router: the user's `route` hook moves traffic (a load balancer's API, a service mesh,
 * a DNS weight). It gets the hook values plus SHIPGATE_WEIGHTS (`blue=90 green=10`) and
 * SHIPGATE_ADDRESSES (every address of the groups with a weight above 0, space-separated), only
 * through the environment. A route that sends traffic nowhere is refused before the hook runs.
 */
function createCommandRouter(options) {
    const { runner, logger } = options;
    const group = options.group ?? titledGroup(logger);
    return {
        async apply(route, values, signal) {
            const weights = (0,ports/* describeRoute */.fx)(route);
            const live = route.groups.filter((entry) => entry.weight > 0);
            if (live.length === 0) {
                throw new ports/* RouterError */.KJ(`command router: route '${oneLine(weights)}' sends traffic nowhere (no group has a weight above 0); the route hook was not run`);
            }
            const addresses = [...new Set(live.flatMap((entry) => entry.addresses))];
            const env = { ...(0,ports/* hookEnv */.$R)(values), SHIPGATE_WEIGHTS: weights, SHIPGATE_ADDRESSES: addresses.join(' ') };
            return group(`route hook: ${oneLine(`${values.service} ${weights}`)}`, async () => {
                const started = performance.now();
                let result;
                try {
                    result = await runner.run({
                        command: options.route,
                        cwd: options.cwd,
                        env,
                        timeoutMs: options.timeoutMs,
                        onLine: (_stream, line) => logger.info(line),
                        ...(signal !== undefined && { signal }),
                    });
                }
                catch (error) {
                    const run = {
                        hook: 'route',
                        exitCode: null,
                        durationMs: Math.round(performance.now() - started),
                        timedOut: false,
                    };
                    throw new ports/* RouterError */.KJ(`command router: route hook for ${oneLine(weights)} could not start: ${(0,errors/* errorMessage */.gJ)(error)}`, [run], { cause: error });
                }
                const run = {
                    hook: 'route',
                    exitCode: result.exitCode,
                    durationMs: result.durationMs,
                    timedOut: result.timedOut,
                };
                if (result.exitCode !== 0 || result.timedOut || result.aborted) {
                    const line = lastOutputLine(result);
                    throw new ports/* RouterError */.KJ(`command router: route hook for ${oneLine(weights)} ${describeCommandEnd(result, options.timeoutMs)}${line ? `: ${line}` : ''}`, [run]);
                }
                logger.info(`routed ${oneLine(weights)}`);
                return { hooks: [run] };
            });
        },
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/core/atomic-file.ts
var atomic_file = __webpack_require__(1179);
;// CONCATENATED MODULE: ./src/target/nginx-router.ts






/**
 * Largest per-server weight written. nginx's round robin lowers a server's effective weight on a failed
 * request and earns it back by 1 per request, so a server of weight 1000 needs up to 1000 requests to
 * regain its share: the smallest exact weights are the best ones.
 */
const MAX_SERVER_WEIGHT = 1000;
const UPSTREAM_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/** host:port, [v6]:port, unix:/path — nothing that could end the directive (`;`, `{`, `}`, spaces, `#`, quotes). */
const SERVER_ADDRESS = /^[A-Za-z0-9[][A-Za-z0-9._:[\]/%-]*$/;
const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));
const lcm = (a, b) => (a / gcd(a, b)) * b;
/**
 * Integer nginx weights for each server of each group, so that every group's share of requests is its
 * weight over the sum of the weights, however many addresses each group has. A group of n addresses
 * with weight W gives each of its servers W/n; scaling by the least common multiple L of the group
 * sizes makes that whole (W·L/n), and dividing by the greatest common divisor keeps it small:
 *
 *   blue 90 ×1, green 10 ×1        → blue 9, green 1                  (90/10 = 9/1)
 *   blue 90 ×2, green 10 ×2        → blue 9 9, green 1 1              (18/2)
 *   blue 90 ×1, green 10 ×2        → L=2: 180, 10 10 → blue 18, green 1 1   (18/20 = 90%)
 *   blue 99 ×3, green 1 ×4         → L=12: 396, 3 → blue 132 ×3, green 1 ×4  (396/400 = 99%)
 *   rolling 34/33/33/0 ×1          → 34, 33, 33 (the drained one is left out)
 *
 * Whole percentages over two slots of 1–4 addresses each are always exact (at most 396), as are rolling
 * routes (one address per group: the weights themselves, reduced). Beyond
 * MAX_SERVER_WEIGHT (many differently sized groups, or fractional weights) each server's ideal share is
 * scaled so the largest is MAX_SERVER_WEIGHT and rounded, at least 1: within 0.05% of the largest share.
 *
 * Returns one weight per group (each of its servers gets it); groups that take no traffic get 0.
 */
function serverWeights(groups) {
    const live = groups.filter((group) => group.weight > 0 && group.size > 0);
    if (live.length === 0)
        return groups.map(() => 0);
    const whole = live.every((group) => Number.isInteger(group.weight));
    if (whole) {
        const common = live.reduce((acc, group) => lcm(acc, group.size), 1);
        const exact = groups.map((group) => group.weight > 0 && group.size > 0 ? (group.weight * common) / group.size : 0);
        const divisor = exact.filter((w) => w > 0).reduce((acc, w) => gcd(acc, w));
        const reduced = exact.map((w) => w / divisor);
        if (Math.max(...reduced) <= MAX_SERVER_WEIGHT)
            return reduced;
    }
    const share = (group) => group.weight > 0 && group.size > 0 ? group.weight / group.size : 0;
    const largest = Math.max(...groups.map(share));
    const scaled = groups.map((group) => share(group) > 0 ? Math.max(1, Math.round((share(group) / largest) * MAX_SERVER_WEIGHT)) : 0);
    const divisor = scaled.filter((w) => w > 0).reduce((acc, w) => gcd(acc, w));
    return scaled.map((w) => w / divisor);
}
/** Checks a route before anything is written; returns what is wrong with it, or undefined. */
function routeProblem(name, route) {
    if (!UPSTREAM_NAME.test(name))
        return `upstream name '${oneLine(name)}' is not an nginx upstream name (letters, digits, _ . -)`;
    for (const group of route.groups) {
        if (!Number.isFinite(group.weight) || group.weight < 0) {
            return `group '${oneLine(group.name)}' has weight ${group.weight}; expected a number from 0 to 100`;
        }
        if (group.weight > 0 && group.addresses.length === 0)
            return `group '${oneLine(group.name)}' has weight ${group.weight} but no addresses`;
        for (const address of group.addresses) {
            if (!SERVER_ADDRESS.test(address)) {
                return `address '${oneLine(address)}' of group '${oneLine(group.name)}' is not an nginx server address (host:port, [v6]:port or unix:/path)`;
            }
        }
    }
    if (!route.groups.some((group) => group.weight > 0)) {
        return `route '${oneLine((0,ports/* describeRoute */.fx)(route))}' sends traffic nowhere (no group has a weight above 0); refusing to write an empty upstream`;
    }
    return undefined;
}
/**
 * The upstream block for `route`, with a comment header saying that shipgate manages the file, which
 * route it holds, and `header` (e.g. `api/production 1.4.2 (canary)`). One `server` line per address of
 * each group with weight above 0; weight 0 leaves a group out. Throws RouterError for a route that
 * would send traffic nowhere or that holds something nginx would read as more than an address.
 *
 *   # Managed by shipgate: every route change rewrites this file; edits here are lost.
 *   # route: blue=90 green=10
 *   # api/production 2.0.0 (canary)
 *   upstream api {
 *       server 127.0.0.1:8081 weight=9;  # blue
 *       server 127.0.0.1:8082 weight=1;  # green
 *   }
 */
function renderUpstream(name, route, header = '') {
    const problem = routeProblem(name, route);
    if (problem !== undefined)
        throw new ports/* RouterError */.KJ(`nginx router: ${problem}`);
    const weights = serverWeights(route.groups.map((group) => ({ weight: group.weight, size: group.addresses.length })));
    // An address in two groups (misconfigured slots) gets one line with the sum, which keeps the shares exact.
    const servers = new Map();
    route.groups.forEach((group, index) => {
        const weight = weights[index] ?? 0;
        if (weight <= 0)
            return;
        for (const address of group.addresses) {
            const server = servers.get(address) ?? { weight: 0, groups: [] };
            server.weight += weight;
            if (!server.groups.includes(group.name))
                server.groups.push(group.name);
            servers.set(address, server);
        }
    });
    const lines = [
        '# Managed by shipgate: every route change rewrites this file; edits here are lost.',
        `# route: ${oneLine((0,ports/* describeRoute */.fx)(route))}`,
        ...(oneLine(header) ? [`# ${oneLine(header)}`] : []),
        `upstream ${name} {`,
        ...[...servers].map(([address, server]) => `    server ${address} weight=${server.weight};  # ${oneLine(server.groups.join(', '))}`),
        '}',
        '',
    ];
    return lines.join('\n');
}
/** The line of nginx's output that says why: its last [emerg]/[alert]/[crit]/[error] line, else the last line. */
function nginxReason(result) {
    const lines = `${result.stdout}\n${result.stderr}`
        .split('\n')
        .map((line) => oneLine(line))
        .filter((line) => line !== '');
    const reason = [...lines].reverse().find((line) => /\[(emerg|alert|crit|error)\]/.test(line));
    const stderrLines = result.stderr
        .split('\n')
        .map((line) => oneLine(line))
        .filter((line) => line !== '');
    const line = reason ?? stderrLines[stderrLines.length - 1] ?? lines[lines.length - 1] ?? '';
    return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
/**
 * The `nginx` router: writes the upstream block to `upstreamFile` atomically, runs `test` (restoring
 * the previous file, byte for byte, when it fails), then `reload` (restoring and reloading again when
 * it fails). `apply` resolves once the reload command has returned: nginx starts new workers with the
 * new upstream within milliseconds, and the old workers finish their in-flight requests on the old one.
 * Applies are serialised, so an abort's route-back never interleaves with a route in progress.
 */
function createNginxRouter(options) {
    const { runner, logger, upstreamFile } = options;
    let queue = Promise.resolve();
    const runHook = async (hook, command, env, signal) => {
        let result;
        try {
            result = await runner.run({
                command,
                cwd: options.cwd,
                env,
                timeoutMs: options.timeoutMs,
                onLine: (_stream, line) => (options.group ? logger.info(line) : logger.debug(`${hook}: ${line}`)),
                ...(signal !== undefined && { signal }),
            });
        }
        catch (error) {
            return {
                run: { hook, exitCode: null, durationMs: 0, timedOut: false },
                problem: `could not start: ${(0,errors/* errorMessage */.gJ)(error)}`,
            };
        }
        const run = { hook, exitCode: result.exitCode, durationMs: result.durationMs, timedOut: result.timedOut };
        if (result.exitCode === 0 && !result.timedOut && !result.aborted)
            return { run, problem: undefined };
        const reason = nginxReason(result);
        return {
            run,
            problem: `\`${command}\` ${describeCommandEnd(result, options.timeoutMs)}${reason ? `: ${reason}` : ''}`,
        };
    };
    const apply = async (route, values, signal) => {
        const weights = (0,ports/* describeRoute */.fx)(route);
        const header = `${values.service}/${values.environment} ${values.version} (${values.strategy}, ${values.phase})`;
        const content = renderUpstream(options.upstreamName, route, header);
        const what = `route ${oneLine(weights)} to ${upstreamFile}`;
        if (signal?.aborted)
            throw new ports/* RouterError */.KJ(`nginx router: ${what} was cancelled before it began; nothing changed`);
        let previous;
        let mode = 0o644;
        // A symlinked upstream file (sites-enabled → sites-available) stays a symlink: its target is replaced.
        let target = upstreamFile;
        try {
            target = (0,external_node_fs_.realpathSync)(upstreamFile);
            previous = (0,external_node_fs_.readFileSync)(target);
            mode = (0,external_node_fs_.statSync)(target).mode & 0o7777;
        }
        catch (error) {
            if (error.code !== 'ENOENT') {
                throw new ports/* RouterError */.KJ(`nginx router: could not read ${upstreamFile}: ${(0,errors/* errorMessage */.gJ)(error)}; nothing changed`, [], { cause: error });
            }
            previous = null;
        }
        try {
            (0,atomic_file/* writeFileAtomic */.Z)(target, content, mode);
        }
        catch (error) {
            throw new ports/* RouterError */.KJ(`nginx router: could not write ${upstreamFile}: ${(0,errors/* errorMessage */.gJ)(error)}; nothing changed`, [], { cause: error });
        }
        /** Puts the previous file back exactly (or removes the new one); returns a problem, or undefined. */
        const restore = () => {
            try {
                if (previous === null)
                    (0,external_node_fs_.unlinkSync)(target);
                else
                    (0,atomic_file/* writeFileAtomic */.Z)(target, previous, mode);
                return undefined;
            }
            catch (error) {
                return `restoring ${upstreamFile} failed too (${(0,errors/* errorMessage */.gJ)(error)})`;
            }
        };
        const restored = previous === null ? `removed ${upstreamFile} (there was none before)` : `restored the previous ${upstreamFile}`;
        const env = { ...(0,ports/* hookEnv */.$R)(values), SHIPGATE_WEIGHTS: weights };
        const hooks = [];
        if (options.test !== undefined) {
            const test = await runHook('nginx test', options.test, env, signal);
            hooks.push(test.run);
            if (test.problem !== undefined) {
                const restoreProblem = restore();
                throw new ports/* RouterError */.KJ(`nginx router: test of ${what} failed: ${test.problem}; ${restoreProblem ?? `${restored}, nothing was reloaded`}`, hooks);
            }
        }
        const reload = await runHook('nginx reload', options.reload, env, signal);
        hooks.push(reload.run);
        if (reload.problem !== undefined) {
            const restoreProblem = restore();
            if (restoreProblem !== undefined) {
                throw new ports/* RouterError */.KJ(`nginx router: reload after writing ${what} failed: ${reload.problem}; ${restoreProblem}`, hooks);
            }
            // Reloaded without the signal: putting the old routing back must finish even when the run is cancelled.
            const previousWeights = previous === null ? '' : (/^# route: (.*)$/m.exec(previous.toString('utf8'))?.[1] ?? '');
            const again = await runHook('nginx reload (restore)', options.reload, { ...env, SHIPGATE_WEIGHTS: previousWeights }, undefined);
            hooks.push(again.run);
            const outcome = again.problem === undefined
                ? `${restored} and reloaded it`
                : `${restored}, but reloading it failed too (${again.problem}): check that nginx runs the routing the file shows`;
            throw new ports/* RouterError */.KJ(`nginx router: reload after writing ${what} failed: ${reload.problem}; ${outcome}`, hooks);
        }
        logger.info(`nginx: routed ${oneLine(weights)} (${upstreamFile}, upstream ${options.upstreamName}; reloaded)`);
        return { hooks };
    };
    return {
        apply(route, values, signal) {
            const { group } = options;
            const run = () => group
                ? group(`nginx route: ${oneLine((0,ports/* describeRoute */.fx)(route))}`, () => apply(route, values, signal))
                : apply(route, values, signal);
            const next = queue.then(run);
            queue = next.catch(() => undefined);
            return next;
        },
    };
}

;// CONCATENATED MODULE: ./src/runtime/deploy-hooks.ts







/** The driver, router and metric providers of the settings, sharing one command runner. */
function createDeployHooks(settings, options) {
    const { cwd, logger, http } = options;
    const runner = createProcessCommandRunner();
    const group = logger.group ? { group: logger.group.bind(logger) } : {};
    const { target } = settings;
    const prometheusUrl = settings.analysis?.prometheusUrl;
    return {
        driver: createCommandDriver({
            runner,
            deploy: target.deploy,
            ...(target.retire ? { retire: target.retire } : {}),
            timeoutMs: target.timeoutMs,
            cwd,
            logger,
            ...group,
        }),
        router: createRouter(settings.router, { cwd, logger, runner }),
        providers: {
            ...(prometheusUrl
                ? { prometheus: createPrometheusProvider({ http, baseUrl: prometheusUrl, timeoutMs: 10_000 }) }
                : {}),
            command: createCommandProvider({ runner, timeoutMs: 30_000, cwd }),
        },
    };
}
/** The traffic router of the router settings (null for kind none). */
function createRouter(router, options) {
    const { logger, cwd } = options;
    const runner = options.runner ?? createProcessCommandRunner();
    const group = logger.group ? { group: logger.group.bind(logger) } : {};
    switch (router.kind) {
        case 'nginx':
            return createNginxRouter({
                runner,
                upstreamFile: (0,external_node_path_.isAbsolute)(router.upstreamFile) ? router.upstreamFile : (0,external_node_path_.resolve)(cwd, router.upstreamFile),
                upstreamName: router.upstreamName,
                reload: router.reload,
                test: router.test,
                timeoutMs: router.timeoutMs,
                logger,
                cwd,
                ...group,
            });
        case 'command':
            return createCommandRouter({ runner, route: router.route, timeoutMs: router.timeoutMs, logger, cwd, ...group });
        case 'none':
            return null;
        default: {
            const never = router;
            throw new Error(`unknown router ${JSON.stringify(never)}`);
        }
    }
}


/***/ })

};
