export const id = 816;
export const ids = [816];
export const modules = {

/***/ 3816:
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
// EXTERNAL MODULE: ./src/core/clock.ts
var clock = __webpack_require__(2257);
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

// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(8571);
// EXTERNAL MODULE: ./src/target/ports.ts
var ports = __webpack_require__(8085);
;// CONCATENATED MODULE: ./src/target/command-driver.ts



/** What a log group title says about the values: `api 1.4.2 → green`, `api 1.4.2 → 10.0.0.11:8080 10.0.0.12:8080`. */
function describeTarget(values, arrow) {
    const where = values.slot ?? (values.instances?.length ? values.instances.join(' ') : values.addresses?.join(' '));
    return (0,command_runner/* oneLine */.TN)(`${values.service} ${values.version}${where ? ` ${arrow} ${where}` : ''}`);
}
/**
 * The `command` workload driver: the user's deploy and retire hooks, run with `sh -c` from the
 * workspace. Values reach them only as SHIPGATE_* environment variables (never in the command string);
 * their output streams into a log group line by line; a hook that outlives `timeoutMs` is killed with
 * every process it started.
 */
function createCommandDriver(options) {
    const { logger } = options;
    const group = options.group ?? (0,ports/* titledGroup */._r)(logger);
    const run = (hook, command, title, values, signal) => group(title, () => runDriverHook(options, { hook, command, values, signal }));
    return {
        deploy(values, signal) {
            return run('deploy', options.deploy, `deploy hook: ${describeTarget(values, '→')}`, values, signal);
        },
        async retire(values, signal) {
            if (options.retire === undefined) {
                logger.info(`retire: no retire hook configured; ${describeTarget(values, 'on')} is left running`);
                return { hook: 'retire (none)', exitCode: 0, durationMs: 0, timedOut: false };
            }
            return run('retire', options.retire, `retire hook: ${describeTarget(values, 'on')}`, values, signal);
        },
    };
}
/**
 * The lifecycle hooks (config `hooks:`): run like the deploy and retire hooks — `sh -c` from the
 * workspace, SHIPGATE_* values, a log group, killed at the target's timeout.
 */
function createLifecycleHooks(options) {
    const group = options.group ?? (0,ports/* titledGroup */._r)(options.logger);
    const driverOptions = { ...options, deploy: '' };
    return {
        run(hook, command, values, signal) {
            const title = `${hook} hook: ${describeTarget(values, 'on')}`;
            return group(title, () => runDriverHook(driverOptions, { hook, command, values, signal }));
        },
    };
}
/** Runs one hook; throws HookError saying how it ended unless it succeeded. */
async function runDriverHook(options, call) {
    const { logger } = options;
    const outcome = await (0,command_runner/* runCommand */.d1)(options.runner, {
        command: call.command,
        cwd: options.cwd,
        env: (0,ports/* hookEnv */.$R)(call.values),
        timeoutMs: options.timeoutMs,
        onLine: (_stream, line) => logger.info(line),
        ...(call.signal !== undefined && { signal: call.signal }),
    });
    const run = (0,ports/* hookRun */.dT)(call.hook, outcome);
    if (!(0,command_runner/* succeeded */.gq)(outcome.end))
        throw new ports/* HookError */.G_(run, (0,command_runner/* describeCommandEnd */.en)(outcome.end, (0,command_runner/* lastOutputLine */.Cl)(outcome.result)));
    logger.info(`${call.hook} hook succeeded in ${(0,duration/* formatDuration */.a3)(outcome.durationMs)}`);
    return run;
}

;// CONCATENATED MODULE: ./src/target/command-router.ts


/**
 * The `command` router: the user's `route` hook moves traffic (a load balancer's API, a service mesh,
 * a DNS weight). It gets the hook values plus SHIPGATE_WEIGHTS (`blue=90 green=10`) and
 * SHIPGATE_ADDRESSES (every address of the groups with a weight above 0, space-separated), only
 * through the environment. A route that sends traffic nowhere is refused before the hook runs.
 */
function createCommandRouter(options) {
    const group = options.group ?? (0,ports/* titledGroup */._r)(options.logger);
    return {
        async apply(route, values, signal) {
            const weights = (0,ports/* describeRoute */.fx)(route);
            const env = { ...(0,ports/* hookEnv */.$R)(values), SHIPGATE_WEIGHTS: weights, SHIPGATE_ADDRESSES: liveAddresses(route).join(' ') };
            return group(`route hook: ${(0,command_runner/* oneLine */.TN)(`${values.service} ${weights}`)}`, () => runRouteHook(options, weights, env, signal));
        },
    };
}
/** Every address of the groups with a weight above 0; refuses a route that sends traffic nowhere. */
function liveAddresses(route) {
    const live = route.groups.filter((entry) => entry.weight > 0);
    if (live.length === 0) {
        throw new ports/* RouterError */.KJ(`command router: route '${(0,command_runner/* oneLine */.TN)((0,ports/* describeRoute */.fx)(route))}' sends traffic nowhere (no group has a weight above 0); the route hook was not run`);
    }
    return [...new Set(live.flatMap((entry) => entry.addresses))];
}
async function runRouteHook(options, weights, env, signal) {
    const { logger } = options;
    const outcome = await (0,command_runner/* runCommand */.d1)(options.runner, {
        command: options.route,
        cwd: options.cwd,
        env,
        timeoutMs: options.timeoutMs,
        onLine: (_stream, line) => logger.info(line),
        ...(signal !== undefined && { signal }),
    });
    const run = (0,ports/* hookRun */.dT)('route', outcome);
    if (!(0,command_runner/* succeeded */.gq)(outcome.end)) {
        const ended = (0,command_runner/* describeCommandEnd */.en)(outcome.end, (0,command_runner/* lastOutputLine */.Cl)(outcome.result));
        throw new ports/* RouterError */.KJ(`command router: route hook for ${(0,command_runner/* oneLine */.TN)(weights)} ${ended}`, [run]);
    }
    logger.info(`routed ${(0,command_runner/* oneLine */.TN)(weights)}`);
    return { hooks: [run] };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/core/atomic-file.ts
var atomic_file = __webpack_require__(4553);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
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
        return `upstream name '${(0,command_runner/* oneLine */.TN)(name)}' is not an nginx upstream name (letters, digits, _ . -)`;
    for (const group of route.groups) {
        if (!Number.isFinite(group.weight) || group.weight < 0) {
            return `group '${(0,command_runner/* oneLine */.TN)(group.name)}' has weight ${group.weight}; expected a number from 0 to 100`;
        }
        if (group.weight > 0 && group.addresses.length === 0)
            return `group '${(0,command_runner/* oneLine */.TN)(group.name)}' has weight ${group.weight} but no addresses`;
        for (const address of group.addresses) {
            if (!SERVER_ADDRESS.test(address)) {
                return `address '${(0,command_runner/* oneLine */.TN)(address)}' of group '${(0,command_runner/* oneLine */.TN)(group.name)}' is not an nginx server address (host:port, [v6]:port or unix:/path)`;
            }
        }
    }
    if (!route.groups.some((group) => group.weight > 0)) {
        return `route '${(0,command_runner/* oneLine */.TN)((0,ports/* describeRoute */.fx)(route))}' sends traffic nowhere (no group has a weight above 0); refusing to write an empty upstream`;
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
        `# route: ${(0,command_runner/* oneLine */.TN)((0,ports/* describeRoute */.fx)(route))}`,
        ...((0,command_runner/* oneLine */.TN)(header) ? [`# ${(0,command_runner/* oneLine */.TN)(header)}`] : []),
        `upstream ${name} {`,
        ...[...servers].map(([address, server]) => `    server ${address} weight=${server.weight};  # ${(0,command_runner/* oneLine */.TN)(server.groups.join(', '))}`),
        '}',
        '',
    ];
    return lines.join('\n');
}
/** The line of nginx's output that says why: its last [emerg]/[alert]/[crit]/[error] line, else the last line. */
function nginxReason(result) {
    const lines = `${result.stdout}\n${result.stderr}`
        .split('\n')
        .map((line) => (0,command_runner/* oneLine */.TN)(line))
        .filter((line) => line !== '');
    const reason = [...lines].reverse().find((line) => /\[(emerg|alert|crit|error)\]/.test(line));
    const stderrLines = result.stderr
        .split('\n')
        .map((line) => (0,command_runner/* oneLine */.TN)(line))
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
 *
 * `test` and `reload` are the user's commands, documented as hooks (`sh -c`, SHIPGATE_WEIGHTS; they may
 * be `docker compose exec … nginx -s reload && notify`), so they run on the hook runner, which can end
 * them at the timeout or on cancel; @actions/exec could do neither (src/runtime/tool-runner.ts).
 */
function createNginxRouter(options) {
    let queue = Promise.resolve();
    const memory = { restoredUntested: false };
    return {
        apply(route, values, signal) {
            const { group } = options;
            const apply = () => applyRoute(options, memory, { route, values, signal });
            const run = () => group ? group(`nginx route: ${(0,command_runner/* oneLine */.TN)((0,ports/* describeRoute */.fx)(route))}`, apply) : apply();
            const next = queue.then(run);
            queue = next.catch(() => undefined);
            return next;
        },
    };
}
async function applyRoute(options, memory, request) {
    const { route, values, signal } = request;
    const weights = (0,ports/* describeRoute */.fx)(route);
    const header = `${values.service}/${values.environment} ${values.version} (${values.strategy}, ${values.phase})`;
    const content = renderUpstream(options.upstreamName, route, header);
    const what = `route ${(0,command_runner/* oneLine */.TN)(weights)} to ${options.upstreamFile}`;
    if (signal?.aborted)
        throw new ports/* RouterError */.KJ(`nginx router: ${what} was cancelled before it began; nothing changed`);
    const file = readUpstream(options.upstreamFile);
    if (memory.restoredUntested && file.previous !== null && sameRouting(file.previous.toString('utf8'), content)) {
        // The route-back after a failed test: the file was restored byte for byte and never reloaded, so nginx
        // already serves this route. No test, no reload: they could fail on something unrelated and turn a
        // change that never happened into a failed rollback.
        options.logger.info(`nginx: ${options.upstreamFile} was restored and still routes ${(0,command_runner/* oneLine */.TN)(weights)}; nothing to change`);
        return { hooks: [] };
    }
    writeUpstream(options.upstreamFile, file, content);
    const change = {
        options,
        file,
        what,
        env: { ...(0,ports/* hookEnv */.$R)(values), SHIPGATE_WEIGHTS: weights },
        signal,
        hooks: [],
    };
    memory.restoredUntested = false;
    try {
        await testChange(change);
    }
    catch (error) {
        memory.restoredUntested = error instanceof TestRejectedError && error.restored;
        throw error;
    }
    await reloadChange(change);
    options.logger.info(`nginx: routed ${(0,command_runner/* oneLine */.TN)(weights)} (${options.upstreamFile}, upstream ${options.upstreamName}; reloaded)`);
    return { hooks: change.hooks };
}
/** Whether two upstream files route alike: the same directives, whatever their comment lines say. */
function sameRouting(current, next) {
    const directives = (text) => text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'))
        .join('\n');
    return directives(current) === directives(next);
}
function readUpstream(upstreamFile) {
    try {
        const target = (0,external_node_fs_.realpathSync)(upstreamFile);
        return { target, previous: (0,external_node_fs_.readFileSync)(target), mode: (0,external_node_fs_.statSync)(target).mode & 0o7777 };
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return { target: upstreamFile, previous: null, mode: 0o644 };
        throw new ports/* RouterError */.KJ(`nginx router: could not read ${upstreamFile}: ${(0,errors/* errorMessage */.gJ)(error)}; nothing changed`, [], {
            cause: error,
        });
    }
}
function writeUpstream(upstreamFile, file, content) {
    try {
        (0,atomic_file/* writeFileAtomic */.Z)(file.target, content, file.mode);
    }
    catch (error) {
        throw new ports/* RouterError */.KJ(`nginx router: could not write ${upstreamFile}: ${(0,errors/* errorMessage */.gJ)(error)}; nothing changed`, [], {
            cause: error,
        });
    }
}
/** Puts the previous file back exactly (or removes the new one); returns a problem, or undefined. */
function restoreUpstream(change) {
    const { file } = change;
    try {
        if (file.previous === null)
            (0,external_node_fs_.unlinkSync)(file.target);
        else
            (0,atomic_file/* writeFileAtomic */.Z)(file.target, file.previous, file.mode);
        return undefined;
    }
    catch (error) {
        return `restoring ${change.options.upstreamFile} failed too (${(0,errors/* errorMessage */.gJ)(error)})`;
    }
}
/** What restoring did, for messages. */
function restoredWhat(change) {
    const { upstreamFile } = change.options;
    return change.file.previous === null
        ? `removed ${upstreamFile} (there was none before)`
        : `restored the previous ${upstreamFile}`;
}
/** Runs `test`, if any; when it fails, restores the file and throws: nothing was reloaded. */
async function testChange(change) {
    const { test } = change.options;
    if (test === undefined)
        return;
    const problem = await runNginxCommand(change, 'nginx test', test, change.env, change.signal);
    if (problem === undefined)
        return;
    const restoreProblem = restoreUpstream(change);
    throw new TestRejectedError(`nginx router: test of ${change.what} failed: ${problem}; ${restoreProblem ?? `${restoredWhat(change)}, nothing was reloaded`}`, change.hooks, restoreProblem === undefined && change.file.previous !== null);
}
/** `test` refused the new file; `restored`: the previous one is back byte for byte, and nothing was reloaded. */
class TestRejectedError extends ports/* RouterError */.KJ {
    restored;
    constructor(message, hooks, restored) {
        super(message, hooks);
        this.restored = restored;
    }
}
/** Runs `reload`; when it fails, restores the file and reloads it again, then throws saying how that went. */
async function reloadChange(change) {
    const { reload } = change.options;
    const problem = await runNginxCommand(change, 'nginx reload', reload, change.env, change.signal);
    if (problem === undefined)
        return;
    const failed = `nginx router: reload after writing ${change.what} failed: ${problem}`;
    const restoreProblem = restoreUpstream(change);
    if (restoreProblem !== undefined)
        throw new ports/* RouterError */.KJ(`${failed}; ${restoreProblem}`, change.hooks);
    // Reloaded without the signal: putting the old routing back must finish even when the run is cancelled.
    const previous = change.file.previous;
    const previousWeights = previous === null ? '' : (/^# route: (.*)$/m.exec(previous.toString('utf8'))?.[1] ?? '');
    const env = { ...change.env, SHIPGATE_WEIGHTS: previousWeights };
    const again = await runNginxCommand(change, 'nginx reload (restore)', reload, env, undefined);
    const outcome = again === undefined
        ? `${restoredWhat(change)} and reloaded it`
        : `${restoredWhat(change)}, but reloading it failed too (${again}): check that nginx runs the routing the file shows`;
    throw new ports/* RouterError */.KJ(`${failed}; ${outcome}`, change.hooks);
}
/** Runs `test` or `reload`, recording it in the change; returns how it failed (with nginx's reason), or undefined. */
async function runNginxCommand(change, hook, command, env, signal) {
    const { options } = change;
    const outcome = await (0,command_runner/* runCommand */.d1)(options.runner, {
        command,
        cwd: options.cwd,
        env,
        timeoutMs: options.timeoutMs,
        onLine: (_stream, line) => (options.group ? options.logger.info(line) : options.logger.debug(`${hook}: ${line}`)),
        ...(signal !== undefined && { signal }),
    });
    change.hooks.push((0,ports/* hookRun */.dT)(hook, outcome));
    if ((0,command_runner/* succeeded */.gq)(outcome.end))
        return undefined;
    return `\`${command}\` ${(0,command_runner/* describeCommandEnd */.en)(outcome.end, outcome.result ? nginxReason(outcome.result) : '')}`;
}

// EXTERNAL MODULE: ./src/core/vocabulary.ts
var vocabulary = __webpack_require__(7063);
// EXTERNAL MODULE: ./src/core/placeholders.ts
var placeholders = __webpack_require__(3593);
;// CONCATENATED MODULE: ./src/target/swarm-service.ts



class SwarmError extends errors/* ShipgateError */.Yu {
    constructor(code, message, options) {
        super(code, message, options);
    }
}
/** `registry/api:1.4.2@sha256:…` → `registry/api:1.4.2`: Swarm pins a digest when a registry gives one. */
function withoutDigest(image) {
    return image.replace(/@sha256:[0-9a-f]+$/i, '');
}
/** The image of a version: the template's {version} filled in (the config allows no other placeholder). */
function imageFor(template, version) {
    return (0,placeholders/* expandPlaceholders */.pj)(template, { version }, 'text');
}
/** The version an image runs when it matches the template, else null (someone deployed another image). */
function versionOf(template, image) {
    const [before = '', after = ''] = template.split('{version}');
    const bare = withoutDigest(image);
    if (!bare.startsWith(before) || !bare.endsWith(after) || bare.length <= before.length + after.length)
        return null;
    return bare.slice(before.length, bare.length - after.length);
}
const field = (value, ...path) => path.reduce((at, key) => (at && typeof at === 'object' ? at[key] : undefined), value);
const swarm_service_text = (value) => (typeof value === 'string' ? value : '');
/** `docker service inspect --format '{{json .}}' NAME`. */
function parseService(stdout, name) {
    let data;
    try {
        data = JSON.parse(stdout);
    }
    catch {
        throw new SwarmError('swarm-unreadable', `swarm: docker service inspect ${name} did not print JSON`);
    }
    const image = swarm_service_text(field(data, 'Spec', 'TaskTemplate', 'ContainerSpec', 'Image'));
    if (!image)
        throw new SwarmError('swarm-unreadable', `swarm: service ${name} has no image in its spec`);
    const previous = swarm_service_text(field(data, 'PreviousSpec', 'TaskTemplate', 'ContainerSpec', 'Image'));
    const replicas = field(data, 'Spec', 'Mode', 'Replicated', 'Replicas');
    const state = swarm_service_text(field(data, 'UpdateStatus', 'State'));
    const labels = field(data, 'Spec', 'Labels');
    return {
        name,
        image: withoutDigest(image),
        previousImage: previous ? withoutDigest(previous) : null,
        replicas: typeof replicas === 'number' ? replicas : null,
        update: state ? { state, message: swarm_service_text(field(data, 'UpdateStatus', 'Message')) } : null,
        labels: labels && typeof labels === 'object' ? labels : {},
    };
}
/** `docker service ps --no-trunc --format '{{json .}}' NAME`: one JSON object per line, newest first per slot. */
function parseTasks(stdout) {
    return stdout
        .split('\n')
        .filter((line) => line.trim().startsWith('{'))
        .map((line) => {
        const row = JSON.parse(line);
        return {
            name: swarm_service_text(row.Name).trim(),
            image: withoutDigest(swarm_service_text(row.Image)),
            state: (swarm_service_text(row.CurrentState).split(' ')[0] ?? '').toLowerCase(),
            desired: swarm_service_text(row.DesiredState).toLowerCase(),
            // The CLI quotes the task's error: "\"task: non-zero exit (2)\"".
            error: swarm_service_text(row.Error).replace(/^"|"$/g, '').replace(/\\"/g, '"'),
        };
    });
}
/** The CLI's warning when no registry gives a digest (every local image): four lines, never the complaint. */
const DIGEST_WARNING = /could not be accessed on a registry to record|^its digest\. Each node|^possibly leading to different nodes|^versions of the image\.$/;
/** The first line of the CLI's complaint, without its "Error response from daemon:" prefix. */
function complaint(result) {
    const line = `${result.stderr}\n${result.stdout}`
        .split('\n')
        .map((each) => each.trim())
        .find((each) => each !== '' && each !== '[]' && !DIGEST_WARNING.test(each)) ?? '';
    const bare = (0,command_runner/* oneLine */.TN)(line.replace(/^(Error response from daemon|Error|Status): */i, ''));
    return bare.length > 300 ? `${bare.slice(0, 297)}...` : bare;
}
/** A failed docker call as one line that says what to do about it. */
function dockerFailure(docker, args, result) {
    const what = `${docker} ${args.slice(0, 2).join(' ')}`;
    const said = complaint(result);
    if (result.timedOut)
        return new SwarmError('docker-timeout', `swarm: ${what} did not answer in time (${said || 'no output'})`);
    if (result.exitCode === 127 || /failed to run command|executable file not found/i.test(said))
        return new SwarmError('docker-missing', `swarm: target.docker '${docker}' could not be run (${said}); expected the docker CLI`);
    if (/cannot connect to the docker daemon|error during connect|connection refused|no such file or directory.*sock/i.test(said))
        return new SwarmError('docker-unreachable', `swarm: the Docker daemon does not answer: ${said}`);
    if (/not a swarm manager|swarm.*not.*init/i.test(said))
        return new SwarmError('swarm-not-manager', `swarm: this Docker daemon is not a Swarm manager (${said}); run shipgate on a manager node`);
    const service = /no such service: ?([A-Za-z0-9_.-]+)/i.exec(said);
    if (service)
        return new SwarmError('swarm-no-service', `swarm: service '${service[1]}' does not exist (${what})`);
    return new SwarmError('swarm-update-failed', `swarm: ${what} ${result.exitCode === null ? 'was killed' : `failed with exit code ${result.exitCode}`}: ${said || 'no output'}`);
}

;// CONCATENATED MODULE: ./src/target/swarm-driver.ts




const REPLICAS_LABEL = 'shipgate.replicas';
const DEFAULT_POLL_MS = 250;
const DEFAULT_CALL_TIMEOUT_MS = 60_000;
const OUT_OF_SEQUENCE_ATTEMPTS = 5;
const OUT_OF_SEQUENCE_PAUSE_MS = 200;
/** The distinct errors of the newest failed tasks: why Swarm gave up (`task: non-zero exit (1)`, `No such image`). */
function taskErrors(tasks) {
    const errors = [...new Set(tasks.map((task) => task.error).filter((error) => error !== ''))].slice(0, 3);
    return errors.length ? `; tasks: ${errors.join('; ')}` : '';
}
/** Whether the service runs `goal` (pure): every running task on the image, and Swarm's update not in flight. */
function judge(service, tasks, goal) {
    const state = service.update?.state ?? '';
    const said = service.update?.message ? ` (${service.update.message})` : '';
    if (goal.action === 'update' && state === 'paused')
        return { kind: 'failed', code: 'swarm-update-failed', why: `Swarm paused the update${said}${taskErrors(tasks)}` };
    if (goal.action === 'update' && state.startsWith('rollback'))
        return {
            kind: 'failed',
            code: 'swarm-rolled-back',
            why: `Swarm rolled the update back by itself: ${state}${said}${taskErrors(tasks)}`,
        };
    if (goal.action === 'rollback' && state === 'rollback_paused')
        return { kind: 'failed', code: 'swarm-update-failed', why: `Swarm paused the rollback${said}${taskErrors(tasks)}` };
    const live = tasks.filter((task) => task.desired === 'running' || (goal.drained && task.state === 'running'));
    const want = goal.replicas ?? tasks.filter((task) => task.desired === 'running').length;
    const ready = live.filter((task) => task.image === goal.image && task.state === 'running').length;
    const inFlight = goal.action !== 'scale' && (state === 'updating' || state === 'rollback_started');
    if (ready === want && live.length === want && !inFlight)
        return { kind: 'done' };
    return {
        kind: 'wait',
        why: `${ready}/${want} tasks run ${goal.image}${state ? `, ${state}` : ''}${taskErrors(tasks)}`,
    };
}
/** --update-parallelism from the rolling batch: a count, or a percentage of the replicas (at least 1). */
function parallelism(batch, replicas) {
    if ('count' in batch)
        return batch.count;
    return Math.max(1, Math.floor(((replicas ?? 1) * batch.percent) / 100));
}
class SwarmDriver {
    pollMs;
    callTimeoutMs;
    /** Per service, the image it ran when this run's update began: what the rollback restores. */
    imageBefore = new Map();
    options;
    constructor(options) {
        this.options = options;
        this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
        this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    }
    /** One docker call; a failure is one line (daemon down, not a manager, no such service, ...). */
    async docker(args) {
        for (let attempt = 1;; attempt += 1) {
            this.options.logger.debug(`swarm: ${this.options.docker} ${args.join(' ')}`);
            const result = await this.options.cli.run(args, { timeoutMs: this.callTimeoutMs });
            if (result.exitCode === 0 && !result.timedOut)
                return result;
            // Swarm's optimistic concurrency: the spec changed between the CLI's read and its write (Swarm's
            // own updater bumps it while an update runs). The CLI does not retry; the next read is current.
            if (attempt >= OUT_OF_SEQUENCE_ATTEMPTS || !/update out of sequence/i.test(result.stderr))
                throw dockerFailure(this.options.docker, args, result);
            await this.options.clock.sleep(OUT_OF_SEQUENCE_PAUSE_MS);
        }
    }
    /** The service, or null when it does not exist. */
    async inspect(name) {
        try {
            const result = await this.docker(['service', 'inspect', '--format', '{{json .}}', name]);
            return parseService(result.stdout, name);
        }
        catch (error) {
            if (error instanceof SwarmError && error.code === 'swarm-no-service')
                return null;
            throw error;
        }
    }
    async mustInspect(name, role) {
        const service = await this.inspect(name);
        if (!service)
            throw new SwarmError('swarm-no-service', `swarm: service '${name}' (${role}) does not exist; create it once with docker service create`);
        return service;
    }
    async tasks(name) {
        return parseTasks((await this.docker(['service', 'ps', '--no-trunc', '--format', '{{json .}}', name])).stdout);
    }
    /** Polls the service until it runs `goal`, Swarm gives up, or the target's timeout passes. */
    async settle(name, goal, signal) {
        const { clock, timeoutMs } = this.options;
        const deadline = clock.now() + timeoutMs;
        for (;;) {
            const service = await this.mustInspect(name, 'target');
            const verdict = judge(service, await this.tasks(name), goal);
            if (verdict.kind === 'done')
                return;
            if (verdict.kind === 'failed')
                throw new SwarmError(verdict.code, `swarm: ${name}: ${verdict.why}`);
            if (clock.now() >= deadline)
                throw new SwarmError('swarm-not-converged', `swarm: ${name} did not converge in ${(0,duration/* formatDuration */.a3)(timeoutMs)}: ${verdict.why}`);
            await clock.sleep(this.pollMs, signal);
        }
    }
    /** The update flags: rolling batch, pause and order; Swarm pauses on a failure and shipgate decides. */
    updateFlags(replicas) {
        const { order, pauseMs } = this.options;
        const batch = String(parallelism(this.options.batch, replicas));
        return [
            ...['--update-parallelism', batch, '--update-delay', `${pauseMs}ms`, '--update-failure-action', 'pause'],
            // Swarm's rollback (the undo) replaces tasks the same way, so it drops no more requests than the update.
            ...['--rollback-parallelism', batch, '--rollback-failure-action', 'pause'],
            ...(order ? ['--update-order', order, '--rollback-order', order] : []),
        ];
    }
    async run(hook, body) {
        const started = this.options.clock.now();
        await body();
        const durationMs = this.options.clock.now() - started;
        this.options.logger.info(`${hook}: done in ${(0,duration/* formatDuration */.a3)(durationMs)}`);
        return { hook, exitCode: 0, durationMs, timedOut: false };
    }
    rollingService() {
        if (!this.options.service)
            throw new SwarmError('swarm-no-service', 'swarm: target.service is missing (rolling)');
        return this.options.service;
    }
    async update(values, signal) {
        const name = this.rollingService();
        const image = imageFor(this.options.image, values.version);
        return this.run(`swarm update ${name} → ${image}`, async () => {
            const service = await this.mustInspect(name, 'target.service');
            this.imageBefore.set(name, service.image);
            const goal = { image, replicas: service.replicas, action: 'update' };
            if (service.image === image && judge(service, await this.tasks(name), goal).kind === 'done') {
                this.options.logger.info(`swarm: ${name} already runs ${image} on every task; nothing to update`);
                return;
            }
            const flags = this.updateFlags(service.replicas);
            await this.docker(['service', 'update', '--detach', '--with-registry-auth', '--image', image, ...flags, name]);
            await this.settle(name, goal, signal);
        });
    }
    async rollback(values, signal) {
        const name = this.rollingService();
        const updated = imageFor(this.options.image, values.version);
        return this.run(`swarm rollback ${name}`, async () => {
            const service = await this.mustInspect(name, 'target.service');
            if (service.image !== updated) {
                // The update never took, or Swarm reverted it: wait for whatever it is doing to finish there.
                this.options.logger.info(`swarm: ${name} runs ${service.image}, not ${updated}; nothing to roll back`);
                return this.settle(name, { image: service.image, replicas: service.replicas, action: 'scale' }, signal);
            }
            // What ran before this run's update (seen by update()), else the record's previous version.
            const wanted = this.imageBefore.get(name) ??
                (values.previousVersion ? imageFor(this.options.image, values.previousVersion) : service.previousImage);
            if (!wanted || wanted === updated) {
                this.options.logger.info(`swarm: ${name} ran ${updated} before the update; nothing to roll back`);
                return this.settle(name, { image: updated, replicas: service.replicas, action: 'scale' }, signal);
            }
            if (service.previousImage === wanted) {
                await this.docker(['service', 'rollback', '--detach', name]);
                return this.settle(name, { image: wanted, replicas: service.replicas, action: 'rollback' }, signal);
            }
            // The spec before ours is not the previous version (a scale or a restart since): name the image.
            await this.docker([
                'service',
                'update',
                '--detach',
                '--image',
                wanted,
                ...this.updateFlags(service.replicas),
                name,
            ]);
            return this.settle(name, { image: wanted, replicas: service.replicas, action: 'update' }, signal);
        });
    }
    slotService(slot) {
        const name = this.options.slotServices?.[slot];
        if (!name)
            throw new SwarmError('swarm-no-service', `swarm: target.slots.${slot}.service is missing`);
        return name;
    }
    /** Blue-green and canary: the slot's service runs the version — updated, scaled up, or created. */
    async deploy(values, signal) {
        if (!values.slot)
            return this.update(values, signal);
        const slot = values.slot;
        const name = this.slotService(slot);
        const image = imageFor(this.options.image, values.version);
        return this.run(`swarm deploy ${name} (${slot}) → ${image}`, async () => {
            const service = await this.inspect(name);
            if (!service)
                return this.create(name, slot, image, signal);
            const replicas = service.replicas === 0 ? Number(service.labels[REPLICAS_LABEL] ?? 1) || 1 : service.replicas;
            const scale = service.replicas === 0 ? ['--replicas', String(replicas)] : [];
            if (service.image === image) {
                if (scale.length)
                    await this.docker(['service', 'update', '--detach', ...scale, name]);
                return this.settle(name, { image, replicas, action: 'scale', drained: true }, signal);
            }
            const flags = this.updateFlags(replicas);
            await this.docker([
                'service',
                'update',
                '--detach',
                '--with-registry-auth',
                '--image',
                image,
                ...scale,
                ...flags,
                name,
            ]);
            return this.settle(name, { image, replicas, action: 'update', drained: true }, signal);
        });
    }
    /** A slot's service that does not exist yet: one replica of the image, labelled as shipgate's. */
    async create(name, slot, image, signal) {
        this.options.logger.info(`swarm: ${name} does not exist; creating it with one replica of ${image}`);
        const labels = ['--label', `shipgate.slot=${slot}`, '--env', `SHIPGATE_SLOT=${slot}`];
        await this.docker([
            'service',
            'create',
            '--detach',
            '--with-registry-auth',
            '--name',
            name,
            '--replicas',
            '1',
            ...labels,
            image,
        ]);
        await this.settle(name, { image, replicas: 1, action: 'scale', drained: true }, signal);
    }
    /** Blue-green and canary: the slot's service is scaled to 0; its replica count is kept in a label. */
    async retire(values, signal) {
        if (!values.slot)
            throw new SwarmError('swarm-update-failed', 'swarm: a rolling service is rolled back, never retired');
        const name = this.slotService(values.slot);
        return this.run(`swarm retire ${name} (${values.slot})`, async () => {
            const service = await this.inspect(name);
            if (!service || service.replicas === 0)
                return;
            const keep = service.replicas === null ? [] : ['--label-add', `${REPLICAS_LABEL}=${service.replicas}`];
            await this.docker(['service', 'update', '--detach', '--replicas', '0', ...keep, name]);
            await this.settle(name, { image: service.image, replicas: 0, action: 'scale', drained: true }, signal);
        });
    }
    async observe(state) {
        if (this.options.service)
            return this.observeRolling(this.options.service, state);
        return this.observeSlots(state);
    }
    /** `weave_api: 2/2 tasks run registry/api:1.4.1 (version 1.4.1), update completed`. */
    async describe(name, service) {
        const tasks = (await this.tasks(name)).filter((task) => task.desired === 'running');
        const ready = tasks.filter((task) => task.image === service.image && task.state === 'running').length;
        const version = versionOf(this.options.image, service.image);
        const status = service.update ? ` (Swarm update state: ${service.update.state})` : '';
        return `${name}: ${ready}/${service.replicas ?? tasks.length} tasks run ${service.image}${version === null ? " (not this service's image template)" : ` (version ${version})`}${status}`;
    }
    async observeRolling(name, state) {
        const service = await this.mustInspect(name, 'target.service');
        const line = await this.describe(name, service);
        const recorded = state.activeVersion;
        if (recorded === null || service.image === imageFor(this.options.image, recorded))
            return { lines: [line], drift: null };
        return { lines: [line], drift: driftLine(name, service, recorded, this.options.image) };
    }
    async observeSlots(state) {
        const lines = [];
        let drift = null;
        for (const slot of vocabulary/* SLOTS */._f) {
            const name = this.options.slotServices?.[slot];
            if (!name)
                continue;
            const service = await this.inspect(name);
            lines.push(service ? `${slot}: ${await this.describe(name, service)}` : `${slot}: ${name} does not exist`);
            const recorded = state.activeSlot === slot ? state.activeVersion : null;
            if (recorded === null)
                continue;
            if (!service)
                drift = `swarm: service ${name} of the active slot ${slot} does not exist, but the record says it runs ${recorded}`;
            else if (service.replicas === 0)
                drift = `swarm: service ${name} of the active slot ${slot} is scaled to 0, but the record says it runs ${recorded}`;
            else if (service.image !== imageFor(this.options.image, recorded))
                drift = driftLine(name, service, recorded, this.options.image);
        }
        return { lines, drift };
    }
}
function driftLine(name, service, recorded, template) {
    const version = versionOf(template, service.image);
    return `swarm: service ${name} runs ${service.image}${version === null ? '' : ` (version ${version})`}, but the record says ${recorded} is active — changed outside shipgate (docker service rollback or update by hand?); deploy with force to go ahead`;
}
function createSwarmDriver(options) {
    return new SwarmDriver(options);
}

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

;// CONCATENATED MODULE: ./src/runtime/tool-runner.ts


/**
 * The ToolRunner on @actions/exec: tools the engine runs by argv (the docker CLI), never through a shell.
 *
 * @actions/exec 3.0 (read in node_modules/@actions/exec/lib/toolrunner.js) has no timeout, takes no
 * AbortSignal and never hands out the child process, so by itself it cannot bound a run. A tool must
 * never hang a deploy, so:
 * - Bound: the tool runs under coreutils `timeout --kill-after=2s <limit>`, which puts the tool in its
 *   own process group and, at the limit, sends SIGTERM to that whole group, then SIGKILL after the
 *   grace (exit 124 or a kill: reported as timed out). `timeout` is on every Linux runner; where it is
 *   missing the run fails to start, saying so, rather than run unbounded.
 * - Cancel: with no handle on the process, a cancelled run returns at once as cancelled and leaves the
 *   tool to its bound. For the client tools this is for (the docker CLI) that changes nothing outside:
 *   killing `docker service update` stops the client, not the update the daemon is making.
 * User commands (hooks, nginx `test`/`reload`, command metrics) are shell lines that must end at once
 * when cancelled: they run on the hook runner (src/runtime/hook-runner.ts) instead.
 */
function createToolRunner(options = {}) {
    const killGraceMs = options.killGraceMs ?? KILL_GRACE_MS;
    return {
        async run(request) {
            // Loaded when a tool first runs: a run that runs none never pays for it (SPEC §9, B1).
            const { exec } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 2876));
            const started = performance.now();
            if (request.signal?.aborted)
                return cancelled(started, { stdout: '', stderr: '' });
            const output = { stdout: '', stderr: '' };
            const bounded = ['--kill-after', seconds(killGraceMs), seconds(request.timeoutMs), request.tool, ...request.args];
            const run = exec('timeout', bounded, {
                ...(request.cwd !== undefined && { cwd: request.cwd }),
                env: { ...inheritedEnv(), ...request.env },
                silent: true,
                ignoreReturnCode: true,
                // Once the tool has exited, output pipes a background process still holds are waited for this long.
                delay: 2_000,
                listeners: listeners(request, output),
            }).then((exitCode) => finished(request, started, output, exitCode), (error) => {
                throw new errors/* ShipgateError */.Yu('command-start', `could not start ${request.tool}: ${(0,errors/* errorMessage */.gJ)(error)}`, {
                    cause: error,
                });
            });
            return request.signal ? raceCancel(run, request.signal, started, output) : run;
        },
    };
}
/** `timeout`'s duration: seconds, to the millisecond. */
const seconds = (ms) => `${(Math.max(1, ms) / 1000).toFixed(3)}s`;
/** GNU timeout's exit status when the limit was reached (128 + 9 when it had to SIGKILL itself too). */
const TIMED_OUT = new Set([124, 137]);
function listeners(request, output) {
    const keep = (text) => text.slice(-OUTPUT_TAIL_BYTES);
    return {
        stdout: (data) => {
            output.stdout = keep(output.stdout + data.toString('utf8'));
        },
        stderr: (data) => {
            output.stderr = keep(output.stderr + data.toString('utf8'));
        },
        stdline: (line) => request.onLine?.('stdout', line),
        errline: (line) => request.onLine?.('stderr', line),
    };
}
function finished(request, started, output, exitCode) {
    const durationMs = Math.round(performance.now() - started);
    // The tool's own 124 is its exit code unless the limit was reached: only then did `timeout` act.
    const timedOut = (exitCode === null || TIMED_OUT.has(exitCode)) && durationMs >= request.timeoutMs;
    return {
        exitCode: timedOut ? null : exitCode,
        signal: timedOut ? 'SIGTERM' : null,
        stdout: output.stdout,
        stderr: output.stderr,
        timedOut,
        aborted: false,
        durationMs,
    };
}
function cancelled(started, output) {
    return {
        exitCode: null,
        signal: null,
        stdout: output.stdout,
        stderr: output.stderr,
        timedOut: false,
        aborted: true,
        durationMs: Math.round(performance.now() - started),
    };
}
/** The run's result, or `cancelled` as soon as the signal aborts (the tool is left to its bound). */
function raceCancel(run, signal, started, output) {
    return new Promise((resolve, reject) => {
        const onAbort = () => resolve(cancelled(started, output));
        signal.addEventListener('abort', onAbort, { once: true });
        run.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
}

;// CONCATENATED MODULE: ./src/runtime/docker-cli.ts


/**
 * The DockerCli port on the ToolRunner (src/runtime/tool-runner.ts): the configured docker binary with the
 * arguments as an array — never a shell string — bounded by coreutils `timeout`, so a hung daemon socket
 * ends the call, not the run. A failing call is a result, never a rejection: the driver says what it means.
 */
function createExecDockerCli(docker, runner = createToolRunner()) {
    return {
        async run(args, { timeoutMs }) {
            try {
                const result = await runner.run({ tool: docker, args, timeoutMs });
                return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, timedOut: result.timedOut };
            }
            catch (error) {
                // `timeout` itself could not be started: reported like a docker CLI that cannot be run (exit 127).
                return { exitCode: 127, stdout: '', stderr: (0,errors/* errorMessage */.gJ)(error), timedOut: false };
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/runtime/deploy-hooks.ts










/** A command metric's timeout per measurement unless the metric sets its own `timeout` (documented). */
const COMMAND_METRIC_TIMEOUT_MS = 30_000;
/** The driver, router and metric providers of the settings, sharing one command runner. */
function createDeployHooks(settings, options) {
    const { cwd, logger, http } = options;
    const runner = createHookRunner();
    const prometheusUrl = settings.analysis?.prometheusUrl;
    return {
        runner,
        lifecycle: createLifecycleHooks({
            runner,
            timeoutMs: settings.target.timeoutMs,
            cwd,
            logger,
            ...(logger.group ? { group: logger.group.bind(logger) } : {}),
        }),
        ...createWorkload(settings, { cwd, logger, runner }),
        router: createRouter(settings.router, { cwd, logger, runner }),
        providers: {
            ...(prometheusUrl
                ? { prometheus: createPrometheusProvider({ http, baseUrl: prometheusUrl, timeoutMs: 10_000 }) }
                : {}),
            command: createCommandProvider({ runner, timeoutMs: COMMAND_METRIC_TIMEOUT_MS, cwd }),
        },
    };
}
/** The traffic router of the router settings (null for kind none). */
function createRouter(router, options) {
    const { logger, cwd } = options;
    const runner = options.runner ?? createHookRunner();
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
/** The workload driver of the target: the command driver's hooks, or Swarm (driver and orchestrator). */
function createWorkload(settings, options) {
    const { target } = settings;
    const { logger } = options;
    if (target.kind === 'swarm') {
        const swarm = createSwarmWorkload(settings, target, logger);
        return { driver: swarm, orchestrator: swarm };
    }
    const driver = createCommandDriver({
        runner: options.runner,
        deploy: target.deploy,
        ...(target.retire ? { retire: target.retire } : {}),
        timeoutMs: target.timeoutMs,
        cwd: options.cwd,
        logger,
        ...(logger.group ? { group: logger.group.bind(logger) } : {}),
    });
    return { driver, orchestrator: null };
}
/** `target.kind: swarm`: the swarm driver over the docker CLI, run by the ToolRunner. */
function createSwarmWorkload(settings, target, logger) {
    return createSwarmDriver({
        cli: createExecDockerCli(target.docker),
        docker: target.docker,
        image: target.image,
        timeoutMs: target.timeoutMs,
        // Rolling updates the service; blue-green and canary have one service per slot.
        ...(settings.strategy === 'rolling' && target.service ? { service: target.service } : {}),
        ...(settings.strategy !== 'rolling' && target.slotServices ? { slotServices: target.slotServices } : {}),
        batch: settings.rolling.batch,
        pauseMs: settings.rolling.pauseMs,
        ...(target.order ? { order: target.order } : {}),
        clock: clock/* systemClock */.m,
        logger,
    });
}


/***/ })

};
