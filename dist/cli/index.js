#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 5932:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  a: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: editDistance

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
// EXTERNAL MODULE: ./src/core/errors.ts
var core_errors = __nccwpck_require__(4296);
// EXTERNAL MODULE: ./src/core/secrets.ts
var secrets = __nccwpck_require__(8198);
;// CONCATENATED MODULE: ./src/runtime/post-state.ts
/**
 * What the deploy's main step saves (GITHUB_STATE) for its post step, which runs even when the main step
 * was killed or cancelled (`post-if: always()`). The post step uses only this (and the state store): it
 * does not read the inputs or the config again, which could have changed or name another version by then.
 */
const POST_STATE = {
    /** JSON of PostSettings, saved as soon as the settings are resolved. */
    settings: 'shipgate-settings',
    /** The state store's id of the deploy (the GitHub deployment); empty with the file store. */
    deploymentId: 'shipgate-deployment-id',
    /** `true` once the main step recorded the outcome: the post step then has nothing to do. */
    finished: 'shipgate-finished',
    /** JSON of the route that puts all traffic back on the stable version. */
    stableRoute: 'shipgate-stable-route',
    /** The slot the new version went to (blue-green, canary). */
    slot: 'shipgate-slot',
    /**
     * JSON of SavedOutcome, once every step ran: traffic is where it stays, so the post step never routes;
     * it only records the outcome if the main step could not.
     */
    outcome: 'shipgate-outcome',
};
function savePostSettings(runtime, settings, state, stateFile) {
    const { service, environment, version, strategy, phase, router } = settings;
    const saved = {
        service,
        environment,
        version,
        strategy,
        phase,
        router,
        state,
        ...(stateFile ? { stateFile } : {}),
    };
    runtime.saveState(POST_STATE.settings, JSON.stringify(saved));
}
function readSavedDeploy(runtime) {
    if (runtime.getState(POST_STATE.finished) === 'true')
        return { kind: 'finished' };
    const deploymentId = runtime.getState(POST_STATE.deploymentId);
    const stableRoute = runtime.getState(POST_STATE.stableRoute);
    const rawSettings = runtime.getState(POST_STATE.settings);
    const settings = rawSettings ? JSON.parse(rawSettings) : null;
    // Nothing began as far as the saved state knows (the store may still hold a deployment of this run).
    if ((!deploymentId && !stableRoute) || !settings)
        return { kind: 'none', settings };
    const outcome = runtime.getState(POST_STATE.outcome);
    if (outcome)
        return { kind: 'unrecorded', settings, deploymentId, outcome: JSON.parse(outcome) };
    return {
        kind: 'stopped',
        settings,
        deploymentId,
        stableRoute: stableRoute ? JSON.parse(stableRoute) : null,
        slot: runtime.getState(POST_STATE.slot),
    };
}

;// CONCATENATED MODULE: ./src/core/deploy-report.ts
/** A hook run as the report keeps it: whole milliseconds, `timedOut` only when it did. */
function hookRecord(run) {
    return {
        name: run.hook,
        exitCode: run.exitCode,
        durationMs: Math.round(run.durationMs),
        ...(run.timedOut ? { timedOut: true } : {}),
    };
}
/** A gate's evidence in the report: every URL's verdict and every metric's measurements. */
function gateRecord(outcome) {
    return {
        verdict: outcome.passed ? 'passed' : 'failed',
        reason: outcome.reason,
        checks: outcome.health.checks,
        ...(outcome.analysis ? { metrics: outcome.analysis.metrics } : {}),
    };
}

// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __nccwpck_require__(8571);
// EXTERNAL MODULE: ./src/core/progress.ts
var progress = __nccwpck_require__(4664);
;// CONCATENATED MODULE: ./src/core/limiter.ts
function createLimiter(limit) {
    let active = 0;
    const queue = [];
    const release = () => {
        active -= 1;
        queue.shift()?.();
    };
    const acquire = (signal) => {
        if (signal?.aborted)
            return Promise.reject(signal.reason);
        if (active < limit) {
            active += 1;
            return Promise.resolve();
        }
        return new Promise((resolve, reject) => {
            const start = () => {
                signal?.removeEventListener('abort', onAbort);
                active += 1;
                resolve();
            };
            const onAbort = () => {
                const index = queue.indexOf(start);
                if (index >= 0)
                    queue.splice(index, 1);
                reject(signal?.reason);
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            queue.push(start);
        });
    };
    return {
        async run(task, signal) {
            await acquire(signal);
            try {
                return await task();
            }
            finally {
                release();
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/core/stats.ts
/** The nearest-rank percentile (p in 0..100) of a list of numbers; undefined for an empty list. */
function percentile(values, p) {
    if (values.length === 0)
        return undefined;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

// EXTERNAL MODULE: ./src/core/command-runner.ts
var command_runner = __nccwpck_require__(5569);
;// CONCATENATED MODULE: ./src/health/command-probe.ts

/** Runs the command once and judges how it ended. Never throws. */
async function commandProbe(runner, target, signal) {
    const outcome = await (0,command_runner/* runCommand */.d1)(runner, {
        command: target.command,
        env: target.env,
        timeoutMs: target.timeoutMs,
        ...(target.cwd !== undefined && { cwd: target.cwd }),
        ...(signal !== undefined && { signal }),
    });
    const latencyMs = outcome.durationMs;
    if ((0,command_runner/* succeeded */.gq)(outcome.end))
        return { ok: true, latencyMs };
    const failure = `command ${(0,command_runner/* describeCommandEnd */.en)(outcome.end, (0,command_runner/* lastOutputLine */.Cl)(outcome.result))}`;
    return { ok: false, latencyMs, failure, ...(outcome.end.kind === 'cancelled' ? { aborted: true } : {}) };
}

;// CONCATENATED MODULE: ./src/health/json-subset.ts
/**
 * True when `actual` contains `expected`: every key of an expected object is present with a matching
 * value (recursively); an expected array matches an array holding a matching element for each of its
 * elements; anything else must be equal.
 */
function containsSubset(actual, expected) {
    if (Array.isArray(expected)) {
        return (Array.isArray(actual) && expected.every((item) => actual.some((candidate) => containsSubset(candidate, item))));
    }
    if (expected !== null && typeof expected === 'object') {
        if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
            return false;
        const record = actual;
        return Object.entries(expected).every(([key, value]) => Object.hasOwn(record, key) && containsSubset(record[key], value));
    }
    return Object.is(actual, expected);
}

;// CONCATENATED MODULE: ./src/health/http-probe.ts

const SNIPPET = 160;
function snippet(body) {
    const flat = body.replace(/\s+/g, ' ').trim();
    return flat.length > SNIPPET ? `${flat.slice(0, SNIPPET)}…` : flat;
}
/** Makes one request and judges it against the expectations. Never throws. */
async function probe(http, target, signal) {
    const result = await http.request(target.request, signal);
    if (result.kind === 'failure') {
        return { ok: false, latencyMs: result.latencyMs, failure: result.reason, aborted: result.failure === 'aborted' };
    }
    const { status, body, latencyMs } = result;
    const failure = judge(target.expect, status, body);
    return failure === undefined
        ? { ok: true, status, latencyMs }
        : { ok: false, status, latencyMs, failure, bodySnippet: body === '' ? undefined : snippet(body) };
}
function judge(expect, status, body) {
    if (!expect.status.has(status))
        return `${status}`;
    if (expect.json) {
        let parsed;
        try {
            parsed = JSON.parse(body);
        }
        catch {
            return `${status} but the body is not JSON`;
        }
        if (!containsSubset(parsed, expect.json))
            return `${status} but the body lacks ${JSON.stringify(expect.json)}`;
    }
    if (expect.text) {
        if ('substring' in expect.text) {
            if (!body.includes(expect.text.substring))
                return `${status} but the body does not contain '${expect.text.substring}'`;
        }
        else {
            expect.text.pattern.lastIndex = 0;
            if (!expect.text.pattern.test(body))
                return `${status} but the body does not match ${String(expect.text.pattern)}`;
        }
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/health/tcp-probe.ts
var tcp_probe = __nccwpck_require__(6890);
;// CONCATENATED MODULE: ./src/health/probe-target.ts



/** Probes one target of any kind; every kind feeds the same gate and verdicts. Never rejects for a failed probe. */
function probeTarget(ports, target, signal) {
    switch (target.kind) {
        case undefined:
        case 'http':
            return probe(ports.http, target, signal);
        case 'tcp':
            return ports.tcp ? (0,tcp_probe/* tcpProbe */.M)(ports.tcp, target, signal) : missing('tcp');
        case 'command':
            return ports.commands ? commandProbe(ports.commands, target, signal) : missing('command');
        default: {
            const never = target;
            throw new Error(`unknown probe target ${JSON.stringify(never)}`);
        }
    }
}
/** A check the gate has no prober for fails every probe, saying why (a wiring mistake, named in the report). */
function missing(kind) {
    return Promise.resolve({ ok: false, latencyMs: 0, failure: `no ${kind} prober was given to this gate` });
}

;// CONCATENATED MODULE: ./src/health/health-gate.ts




/**
 * Probes every target until all are healthy (success-threshold in a row), then watches them for
 * `duration`. Fails at once when a healthy URL fails failure-threshold times in a row, when the deadline
 * passes with any URL not yet healthy, or when the run is cancelled. Every wait goes through the clock.
 */
async function runHealthGate(targets, timing, ports) {
    const run = {
        timing,
        ports,
        startedAt: ports.clock.now(),
        stop: new AbortController(),
        limiter: createLimiter(timing.concurrency),
        states: targets.map(initialState),
        healthyCount: 0,
        ending: undefined,
    };
    const onCancel = () => end(run, { healthy: false, cause: 'cancelled' });
    if (ports.signal?.aborted)
        onCancel();
    ports.signal?.addEventListener('abort', onCancel, { once: true });
    startDeadline(run);
    // A zero-length watch still probes: it then works as a preview gate (healthy once, within the deadline).
    if (ports.alreadyHealthy && timing.durationMs > 0) {
        for (const state of run.states) {
            state.healthyAt = run.startedAt;
            becameHealthy(run);
        }
    }
    if (!run.stop.signal.aborted)
        await Promise.all(run.states.map((state) => watch(run, state)));
    ports.signal?.removeEventListener('abort', onCancel);
    const ending = run.ending ?? { healthy: false, cause: 'cancelled' };
    return buildReport(run.states, ending, timing, run.startedAt, ports.clock.now());
}
function initialState(target) {
    return {
        target,
        attempts: 0,
        successes: 0,
        failures: 0,
        healthyAt: null,
        last: null,
        latencies: [],
        failedReason: null,
    };
}
/** The first ending decides the gate; probing stops then. */
function end(run, ending) {
    if (run.ending)
        return;
    run.ending = ending;
    run.stop.abort(new Error('health gate decided'));
}
function startDeadline(run) {
    run.ports.clock.sleep(run.timing.deadlineMs, run.stop.signal).then(() => {
        if (run.healthyCount < run.states.length)
            end(run, { healthy: false, cause: 'deadline' });
    }, ignore);
}
/** Once every URL is healthy, the watch of `duration` starts (or the gate passes, with none). */
function becameHealthy(run) {
    run.healthyCount += 1;
    if (run.healthyCount < run.states.length)
        return;
    run.ports.onAllHealthy?.();
    if (run.timing.durationMs === 0) {
        end(run, { healthy: true });
        return;
    }
    run.ports.clock.sleep(run.timing.durationMs, run.stop.signal).then(() => end(run, { healthy: true }), ignore);
}
function health_gate_judge(run, state, outcome) {
    if (outcome.aborted || run.stop.signal.aborted)
        return;
    record(state, outcome);
    if (outcome.ok) {
        if (state.healthyAt === null && state.successes >= run.timing.successThreshold) {
            state.healthyAt = run.ports.clock.now();
            becameHealthy(run);
        }
    }
    else if (state.healthyAt !== null && state.failures >= run.timing.failureThreshold) {
        state.failedReason = failureLine(state, outcome);
        end(run, { healthy: false, cause: 'failed' });
    }
    run.ports.onProbe?.(probeLine(state, outcome));
}
/**
 * Probes one URL every interval until the gate ends. Probes start whether or not the previous one has
 * answered, so a hung endpoint is detected within failure-threshold x interval + timeout, not
 * failure-threshold x timeout.
 */
async function watch(run, state) {
    const { stop, timing, limiter } = run;
    const { clock } = run.ports;
    const inFlight = new Set();
    while (!stop.signal.aborted && !(state.healthyAt !== null && timing.durationMs === 0)) {
        const probing = limiter
            .run(() => probeTarget(run.ports, state.target, stop.signal), stop.signal)
            .then((outcome) => health_gate_judge(run, state, outcome), ignore);
        inFlight.add(probing);
        void probing.finally(() => inFlight.delete(probing));
        const next = clock.sleep(timing.intervalMs, stop.signal).then(() => true, () => false);
        if (!(await next))
            break;
    }
    await Promise.all(inFlight);
}
function record(state, outcome) {
    state.attempts += 1;
    state.last = outcome;
    // A transport failure has no latency worth counting; a TCP or command probe that passed has one.
    if (outcome.status !== undefined || outcome.ok)
        state.latencies.push(outcome.latencyMs);
    if (outcome.ok) {
        state.successes += 1;
        state.failures = 0;
    }
    else {
        state.failures += 1;
        state.successes = 0;
    }
}
/** `http://…/health: 200 (healthy)`, `http://…/health: 503 (2 failures in a row)`. */
function probeLine(state, outcome) {
    const answer = outcome.status !== undefined ? String(outcome.status) : (outcome.failure ?? 'no answer');
    if (outcome.ok)
        return `${state.target.name}: ${answer}${state.healthyAt !== null ? ' (healthy)' : ''}`;
    const count = state.failures;
    return `${state.target.name}: ${outcome.failure ?? answer} (${count} failure${count === 1 ? '' : 's'} in a row)`;
}
function failureLine(state, outcome) {
    const count = state.failures;
    const body = outcome.bodySnippet ? ` (last body: ${outcome.bodySnippet})` : '';
    return `${state.target.name}: ${outcome.failure ?? 'failed'} on ${count} consecutive probe${count === 1 ? '' : 's'}${body}`;
}
function buildReport(states, ending, timing, startedAt, finishedAt) {
    const checks = states.map((state) => checkReport(state, ending, timing));
    const reasons = checks.map((check) => check.reason).filter((reason) => reason !== null);
    const healthy = ending.healthy && reasons.length === 0;
    return {
        healthy,
        reason: healthy ? null : reasons.join('; ') || 'cancelled before every URL was healthy',
        startedAt: new Date(startedAt).toISOString(),
        finishedAt: new Date(finishedAt).toISOString(),
        checks,
    };
}
function checkReport(state, ending, timing) {
    let verdict = state.failedReason === null && state.healthyAt !== null ? 'healthy' : 'unhealthy';
    let reason = state.failedReason;
    if (reason === null && state.healthyAt === null) {
        if (!ending.healthy && ending.cause === 'deadline')
            reason = notHealthyLine(state, timing);
        else
            verdict = 'undecided'; // the gate was cancelled, or another URL failed it first
    }
    return {
        url: state.target.name,
        verdict,
        attempts: state.attempts,
        lastStatus: state.last?.status ?? null,
        latencyMs: { p50: round(percentile(state.latencies, 50)), p95: round(percentile(state.latencies, 95)) },
        reason,
        healthyAt: state.healthyAt === null ? null : new Date(state.healthyAt).toISOString(),
    };
}
function notHealthyLine(state, timing) {
    const within = `not healthy within ${(0,duration/* formatDuration */.a3)(timing.deadlineMs)}`;
    const last = state.last;
    if (!last)
        return `${state.target.name}: ${within} (no probe completed)`;
    if (last.ok) {
        return `${state.target.name}: ${within} (${state.successes} of ${timing.successThreshold} consecutive successes)`;
    }
    const body = last.bodySnippet ? ` (last body: ${last.bodySnippet})` : '';
    const count = state.failures;
    return `${state.target.name}: ${within}: ${last.failure ?? 'failed'} on ${count} consecutive probe${count === 1 ? '' : 's'}${body}`;
}
function round(value) {
    return value === undefined ? null : Math.round(value * 10) / 10;
}
function ignore() { }

;// CONCATENATED MODULE: ./src/health/gate.ts

function linked(signal) {
    const controller = new AbortController();
    if (signal?.aborted)
        controller.abort(signal.reason);
    else
        signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    return controller;
}
/**
 * Runs the probes; when every URL is healthy the analysis starts and runs for the watch (`durationMs`;
 * each metric measures at least once). Whichever fails first stops the other at once, and the verdict
 * names it. A cancelled run (the signal) fails the gate.
 */
async function runGate(targets, timing, ports, analysis) {
    // Loaded only when there are metrics: a plain probe run never pays for the analysis engine (B1).
    const runAnalysis = analysis && analysis.metrics.length > 0 ? (await __nccwpck_require__.e(/* import() */ 664).then(__nccwpck_require__.bind(__nccwpck_require__, 3664))).runAnalysis : undefined;
    const stopHealth = linked(ports.signal);
    const stopAnalysis = linked(ports.signal);
    let analysing;
    let analysisFailed = false;
    const health = await runHealthGate(targets, timing, {
        ...ports,
        signal: stopHealth.signal,
        onAllHealthy: () => {
            if (!analysis || !runAnalysis)
                return;
            analysing = runAnalysis(analysis.metrics, analysis.ports, {
                durationMs: timing.durationMs,
                placeholders: analysis.placeholders,
                ...(analysis.env ? { env: analysis.env } : {}),
                signal: stopAnalysis.signal,
            }).then((report) => {
                if (report.verdict !== 'Successful') {
                    analysisFailed = true;
                    stopHealth.abort(new Error('analysis failed'));
                }
                return report;
            });
        },
    });
    if (!health.healthy && !analysisFailed)
        stopAnalysis.abort(new Error('health gate failed'));
    const report = await analysing;
    if (analysisFailed && report) {
        return { passed: false, reason: `analysis ${report.verdict}: ${report.reason}`, health, analysis: report };
    }
    if (!health.healthy)
        return { passed: false, reason: health.reason, health, ...(report ? { analysis: report } : {}) };
    if (report && report.verdict !== 'Successful') {
        return { passed: false, reason: `analysis ${report.verdict}: ${report.reason}`, health, analysis: report };
    }
    return { passed: true, reason: null, health, ...(report ? { analysis: report } : {}) };
}

// EXTERNAL MODULE: ./src/health/gate-targets.ts
var gate_targets = __nccwpck_require__(9728);
// EXTERNAL MODULE: ./src/target/ports.ts
var ports = __nccwpck_require__(8085);
;// CONCATENATED MODULE: ./src/deploy/executor.ts

/** A step that failed: its error carries the record's details (hook runs, gate evidence). */
class StepFailure extends Error {
    details;
    constructor(message, details = {}, options) {
        super(message, options);
        this.details = details;
    }
}
/** A failed step whose partial effect must be undone too (a deploy hook that failed half-way, an update Swarm began). */
class StepFailureWithUndo extends StepFailure {
    undo;
    constructor(message, details, undo, cause) {
        super(message, details, { cause });
        this.undo = undo;
    }
}
/**
 * Runs steps in order. After each completed step its undo is pushed on a stack; when a step fails (or
 * the run is cancelled) the undos run newest first. An undo that fails is reported and the rest still
 * run; the original failure is kept as the deploy's reason.
 */
async function execute(steps, runStep, options) {
    const run = { options, records: [], undos: [] };
    const failure = await runForward(run, steps, runStep);
    const notAttempted = { attempted: false, succeeded: false, errors: [] };
    if (!failure)
        return { steps: run.records, failure, rollback: notAttempted };
    const cancelled = options.signal?.aborted === true;
    // Nothing to undo: off (unless cancelled, which always leaves traffic safe), or nothing had changed yet.
    if ((!options.rollbackOnError && !cancelled) || run.undos.length === 0) {
        return { steps: run.records, failure, rollback: notAttempted };
    }
    const errors = await unwind(run);
    return { steps: run.records, failure, rollback: { attempted: true, succeeded: errors.length === 0, errors } };
}
function now(run) {
    return new Date(run.options.clock.now()).toISOString();
}
function executor_record(run, entry) {
    run.records.push(entry);
    run.options.onStep?.(entry);
}
/** Runs the steps until one fails or the run is cancelled; gives that failure, or null when all ran. */
async function runForward(run, steps, runStep) {
    const { signal } = run.options;
    for (const step of steps) {
        if (signal?.aborted)
            return { step: step.name, reason: `cancelled before ${step.name} (${(0,core_errors/* errorMessage */.gJ)(signal.reason)})` };
        const failure = await runOne(run, step, runStep);
        if (failure)
            return failure;
    }
    return null;
}
/** Runs one step and records it; gives the failure that stops the run, if it failed and is not best-effort. */
async function runOne(run, step, runStep) {
    const { signal } = run.options;
    const startedAt = now(run);
    const base = { name: step.name, kind: step.kind, startedAt };
    try {
        const effect = await runStep(step, signal ?? new AbortController().signal);
        executor_record(run, { ...effect.details, ...base, finishedAt: now(run), outcome: 'succeeded' });
        if (effect.undo)
            run.undos.push(effect.undo);
        return null;
    }
    catch (error) {
        const cancelled = signal?.aborted === true;
        const reason = cancelled ? `cancelled during ${step.name} (${(0,core_errors/* errorMessage */.gJ)(signal?.reason)})` : (0,core_errors/* errorMessage */.gJ)(error);
        const outcome = cancelled ? 'cancelled' : 'failed';
        executor_record(run, { ...detailsOf(error), ...base, finishedAt: now(run), outcome, error: reason });
        if (!cancelled && run.options.bestEffort?.(step))
            return null;
        // A step that failed half-way may hand over the undo of what it did change.
        const ownUndo = error.undo;
        if (ownUndo)
            run.undos.push(ownUndo);
        return { step: step.name, reason };
    }
}
/** Runs the undos newest first, each whatever the others did; gives one line per undo that failed. */
async function unwind(run) {
    // The rollback must run even though the run's own signal is aborted: it gets a signal of its own.
    const rollbackSignal = new AbortController().signal;
    const errors = [];
    for (const undo of [...run.undos].reverse()) {
        const base = { name: undo.name, kind: 'undo', rollback: true, startedAt: now(run) };
        try {
            const details = await undo.run(rollbackSignal);
            executor_record(run, { ...details, ...base, finishedAt: now(run), outcome: 'succeeded' });
        }
        catch (error) {
            errors.push(`${undo.name}: ${(0,core_errors/* errorMessage */.gJ)(error)}`);
            executor_record(run, {
                ...detailsOf(error),
                ...base,
                finishedAt: now(run),
                outcome: 'failed',
                error: (0,core_errors/* errorMessage */.gJ)(error),
            });
        }
    }
    return errors;
}
function detailsOf(error) {
    return error instanceof StepFailure ? error.details : {};
}

;// CONCATENATED MODULE: ./src/deploy/orchestrated-update.ts



function orchestrated_update_linked(signal) {
    const controller = new AbortController();
    if (signal.aborted)
        controller.abort(signal.reason);
    else
        signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    return controller;
}
/** The undo of an orchestrated update: the orchestrator's rollback, then the addresses gated again. */
function rollbackUndo(step, orchestrator) {
    const { values } = step;
    const addresses = values.instances ?? [];
    return {
        name: `roll back to ${values.previousVersion ?? 'what ran before'} (Swarm rollback)`,
        run: async (signal) => {
            const run = await orchestrator.rollback(values, signal);
            for (const address of addresses) {
                if (values.previousVersion)
                    step.instances[address] = values.previousVersion;
                else
                    delete step.instances[address];
            }
            const outcome = await step.verify(signal);
            const details = { hooks: [hookRecord(run)], gate: gateRecord(outcome), instances: [...addresses] };
            if (!outcome.passed)
                throw new StepFailure(`not healthy after the rollback: ${outcome.reason}`, details);
            return details;
        },
    };
}
/**
 * The orchestrator's rolling update, with the health gate watching the addresses while it runs: a gate
 * failure stops waiting, and either failure rolls back with the orchestrator's rollback.
 */
async function runOrchestratedUpdate(step, signal) {
    const { orchestrator, values } = step;
    if (!orchestrator)
        throw new StepFailure('this target has no orchestrator to update the service with');
    const undo = rollbackUndo(step, orchestrator);
    const stopUpdate = orchestrated_update_linked(signal);
    const stopWatch = new AbortController();
    let watchFailure = null;
    const watching = step.watch(stopWatch.signal).then((outcome) => {
        if (outcome.passed || stopWatch.signal.aborted)
            return;
        watchFailure = outcome;
        stopUpdate.abort(new Error(`gate failed during the update: ${outcome.reason}`));
    });
    try {
        const run = await orchestrator.update(values, stopUpdate.signal);
        for (const address of values.instances ?? [])
            step.instances[address] = values.version;
        return { details: { hooks: [hookRecord(run)], instances: [...(values.instances ?? [])] }, undo };
    }
    catch (error) {
        const failed = watchFailure;
        const message = failed ? `gate failed during the update: ${failed.reason}` : (0,core_errors/* errorMessage */.gJ)(error);
        throw new StepFailureWithUndo(message, failed ? { gate: gateRecord(failed) } : {}, undo, error);
    }
    finally {
        stopWatch.abort(new Error('the update finished'));
        await watching;
    }
}
/** A deploy whose recorded stable version is not what the orchestrator runs. */
class DriftError extends core_errors/* ShipgateError */.Yu {
    constructor(message) {
        super('drift', message);
    }
}
/**
 * Before a deploy changes anything: what the orchestrator runs against the record. A drift is the
 * deploy's refusal (one line) unless `force`; a rollback only warns.
 */
async function checkDrift(orchestrator, state, options) {
    if (!orchestrator)
        return { line: null, refusal: null };
    const observation = await orchestrator.observe(state);
    for (const line of observation.lines)
        options.logger.info(`swarm: ${line}`);
    const line = observation.drift;
    if (!line)
        return { line: null, refusal: null };
    if (options.force || !options.refuse) {
        options.logger.warning(`${line}${options.force ? ' (going ahead: force)' : ''}`);
        return { line, refusal: null };
    }
    return { line, refusal: new DriftError(line) };
}

// EXTERNAL MODULE: ./src/core/vocabulary.ts
var vocabulary = __nccwpck_require__(7063);
;// CONCATENATED MODULE: ./src/deploy/plan.ts

/** `preflight hook: ./deploy/preflight.sh`, as the dry run, the summary and the report name it. */
function hookStepName(hook, command) {
    return `${hook} hook: ${command}`;
}
/** The step of a configured lifecycle hook, or none. */
function hookSteps(settings, hook, site) {
    const command = settings.hooks?.[hook];
    if (command === undefined)
        return [];
    return [{ kind: 'hook', name: hookStepName(hook, command), hook, command, ...site }];
}
const otherSlot = (slot) => (slot === 'blue' ? 'green' : 'blue');
/** A route sending `weight`% to `to` and the rest to `from` (a slot at 0 is left out by routers). */
function slotRoute(slots, weights) {
    return {
        groups: vocabulary/* SLOTS */._f.filter((slot) => weights[slot] !== undefined).map((slot) => ({
            name: slot,
            addresses: slots[slot],
            weight: weights[slot] ?? 0,
        })),
    };
}
/**
 * Rolling: every instance in rotation takes an equal share; `out` are drained (weight 0). Shares are whole
 * percentages adding up to 100 (largest remainder), e.g. three instances: 34/33/33.
 */
function instanceRoute(instances, out) {
    const inRotation = instances.filter((instance) => !out.has(instance));
    const base = Math.floor(100 / Math.max(1, inRotation.length));
    let extra = 100 - base * inRotation.length;
    return {
        groups: instances.map((instance) => {
            if (out.has(instance))
                return { name: instance, addresses: [instance], weight: 0 };
            const weight = base + (extra > 0 ? 1 : 0);
            extra -= 1;
            return { name: instance, addresses: [instance], weight };
        }),
    };
}
/** Rolling batches: a count, or a percentage rounded down to at least one instance. */
function batches(instances, batch) {
    const size = 'count' in batch ? batch.count : Math.max(1, Math.floor((instances.length * batch.percent) / 100));
    const result = [];
    for (let i = 0; i < instances.length; i += size)
        result.push(instances.slice(i, i + size));
    return result;
}

;// CONCATENATED MODULE: ./src/deploy/orchestrated-plan.ts


/**
 * Rolling on an orchestrator (swarm): one step hands the whole service to the orchestrator's own rolling
 * update (batch → parallelism, pause → delay), gated on the service's addresses while it runs; then the
 * addresses are gated, watched for health.duration, and the version becomes active. The preflight hook
 * runs before the update and after-traffic after the watch, as in rolling; before-traffic has no moment
 * here (the orchestrator puts each task into service itself) and is refused by the config. Pure.
 */
function orchestratedRollingPlan(settings, state) {
    const target = settings.target;
    const service = target.kind === 'swarm' ? (target.service ?? '') : '';
    const addresses = target.instances ?? [];
    const version = settings.version;
    const steps = [
        ...hookSteps(settings, 'preflight', { version, addresses: [...addresses], instances: [...addresses] }),
        {
            kind: 'deploy',
            name: `update ${service} to ${version} (Swarm rolling update, gated while it runs)`,
            version,
            addresses,
            instances: addresses,
            orchestrated: true,
        },
        { kind: 'gate', name: `gate ${service} after the update`, version, addresses, mode: 'preview', watchMs: 0 },
    ];
    if (settings.health.promotionWatchMs > 0) {
        steps.push({
            kind: 'gate',
            name: `watch ${service} for ${(0,duration/* formatDuration */.a3)(settings.health.promotionWatchMs)}`,
            version,
            addresses,
            mode: 'watch',
            watchMs: settings.health.promotionWatchMs,
        });
    }
    steps.push(...hookSteps(settings, 'after-traffic', { version, addresses: [...addresses], instances: [...addresses] }), { kind: 'activate', name: `make ${version} active`, version });
    return {
        strategy: 'rolling',
        phase: 'full',
        version,
        previousVersion: state.activeVersion,
        stableSlot: null,
        newSlot: null,
        steps,
    };
}

;// CONCATENATED MODULE: ./src/deploy/strategies.ts




/**
 * Turns settings plus the observed state into a plan, per strategy. Pure: table-tested in
 * test/unit/deploy/strategies.test.ts.
 */
function planDeploy(settings, state) {
    switch (settings.strategy) {
        case 'canary':
            return slotPlan(settings, state, 'canary');
        case 'blue-green':
            return slotPlan(settings, state, 'blue-green');
        case 'rolling':
            return settings.target.kind === 'swarm' ? orchestratedRollingPlan(settings, state) : rollingPlan(settings, state);
        default: {
            const never = settings.strategy;
            throw new Error(`unknown strategy ${String(never)}`);
        }
    }
}
/** Canary and blue-green: the new version goes to the idle slot, is gated before any traffic, then takes it. */
function slotPlan(settings, state, strategy) {
    const slots = settings.target.slots;
    // resolveDeploySettings refuses a slot strategy without target.slots; this keeps the type honest.
    if (!slots)
        throw new core_errors/* ShipgateError */.Yu('invalid-config', `deploy: strategy ${strategy} needs target.slots`);
    const stable = state.activeSlot;
    const planning = {
        settings,
        state,
        slots,
        stable,
        idle: stable ? otherSlot(stable) : 'blue',
        version: settings.version,
    };
    if (strategy === 'canary') {
        const steps = [
            ...preflightSteps(planning),
            ...prepareSteps(planning),
            ...beforeTrafficSteps(planning),
            ...canarySteps(planning),
            ...promoteSteps(planning),
            ...retireOldSteps(planning),
        ];
        return slotPlanOf(planning, strategy, 'full', steps);
    }
    return blueGreenPlan(planning);
}
function slotPlanOf(planning, strategy, phase, steps) {
    const { version, state, stable, idle } = planning;
    return { strategy, phase, version, previousVersion: state.activeVersion, stableSlot: stable, newSlot: idle, steps };
}
/** Blue-green runs all at once (`full`) or one phase per run (SPEC §5.2). */
function blueGreenPlan(planning) {
    const phase = planning.settings.phase;
    switch (phase) {
        case 'full':
            return slotPlanOf(planning, 'blue-green', phase, [
                ...preflightSteps(planning),
                ...prepareSteps(planning),
                ...beforeTrafficSteps(planning),
                ...promoteSteps(planning),
                ...retireOldSteps(planning),
            ]);
        case 'prepare':
            return slotPlanOf(planning, 'blue-green', phase, [
                ...preflightSteps(planning),
                ...prepareSteps(planning),
                ...beforeTrafficSteps(planning),
            ]);
        case 'switch':
            return slotPlanOf(planning, 'blue-green', phase, switchSteps(planning));
        case 'finalize':
            return finalizePlan(planning);
        case 'cancel':
            return slotPlanOf(planning, 'blue-green', phase, cancelSteps(planning));
        default: {
            const never = phase;
            throw new Error(`unknown phase ${String(never)}`);
        }
    }
}
/** Before anything changes: the preflight hook sees the slot the new version is going to. */
function preflightSteps({ settings, version, idle, slots }) {
    return hookSteps(settings, 'preflight', { version, slot: idle, addresses: slots[idle] });
}
/** The new version runs and passed its gate, and takes no traffic yet: migrations, smoke tests. */
function beforeTrafficSteps({ settings, version, idle, slots }) {
    return hookSteps(settings, 'before-traffic', { version, slot: idle, addresses: slots[idle] });
}
/** Deploy to the idle slot and gate it before it takes any traffic. */
function prepareSteps(planning) {
    const { version, idle, slots } = planning;
    return [
        { kind: 'deploy', name: `deploy ${version} to ${idle}`, version, slot: idle, addresses: slots[idle] },
        previewGate(planning),
    ];
}
function previewGate({ version, idle, slots }) {
    return {
        kind: 'gate',
        name: `gate ${idle} before traffic`,
        version,
        slot: idle,
        addresses: slots[idle],
        mode: 'preview',
        watchMs: 0,
    };
}
/** Per canary step below 100%: route its weight to the new slot, then watch it for the step's pause. */
function canarySteps({ settings, stable, idle, slots, version }) {
    if (!stable)
        return [];
    const steps = [];
    for (const { weight, pauseMs } of settings.canarySteps) {
        if (weight >= 100)
            break;
        steps.push({
            kind: 'route',
            name: `route ${weight}% to ${idle}`,
            route: slotRoute(slots, { [stable]: 100 - weight, [idle]: weight }),
            restoreOnUndo: true,
        }, {
            kind: 'gate',
            name: `gate ${idle} at ${weight}%${pauseMs ? ` for ${(0,duration/* formatDuration */.a3)(pauseMs)}` : ''}`,
            version,
            slot: idle,
            addresses: slots[idle],
            mode: 'watch',
            watchMs: pauseMs,
        });
    }
    return steps;
}
/** Route all traffic to the new slot, watch it there (health.duration), and make it active. */
function promoteSteps({ settings, stable, idle, slots, version }) {
    const watchMs = settings.health.promotionWatchMs;
    return [
        {
            kind: 'route',
            name: `route 100% to ${idle}`,
            route: slotRoute(slots, stable ? { [stable]: 0, [idle]: 100 } : { [idle]: 100 }),
            restoreOnUndo: true,
        },
        ...(watchMs > 0
            ? [
                {
                    kind: 'gate',
                    name: `watch ${idle} at 100%`,
                    version,
                    slot: idle,
                    addresses: slots[idle],
                    mode: 'watch',
                    watchMs,
                },
            ]
            : []),
        // It takes 100%; the old slot still runs, so a failing hook routes back at once.
        ...hookSteps(settings, 'after-traffic', { version, slot: idle, addresses: slots[idle] }),
        { kind: 'activate', name: `make ${idle} active`, version, slot: idle },
    ];
}
/** After scale-down-delay (so in-flight requests finish), retire a slot. */
function retireSteps(settings, slot, version, addresses) {
    const delayMs = settings.scaleDownDelayMs;
    return [
        ...(delayMs > 0
            ? [{ kind: 'wait', name: `wait scale-down-delay ${(0,duration/* formatDuration */.a3)(delayMs)}`, ms: delayMs }]
            : []),
        { kind: 'retire', name: `retire ${slot}`, slot, version, addresses },
    ];
}
/** The slot that served until now, if it runs. */
function retireOldSteps({ settings, state, stable, slots }) {
    if (!stable || !state.slots[stable]?.up)
        return [];
    return retireSteps(settings, stable, state.slots[stable]?.version ?? state.activeVersion ?? '', slots[stable]);
}
/** Phase switch: the version prepared on the idle slot is gated again, then takes all traffic. */
function switchSteps(planning) {
    const { state, stable, idle, version } = planning;
    const prepared = state.slots[idle];
    if (!stable || !prepared?.up || prepared.version !== version) {
        throw new core_errors/* ShipgateError */.Yu('nothing-prepared', `deploy: phase 'switch' needs ${version} prepared on the idle slot ${idle} (it runs ${prepared?.up ? prepared.version : 'nothing'}); run phase prepare first`);
    }
    return [previewGate(planning), ...promoteSteps(planning)];
}
/** Phase finalize: retire the old slot; the plan's version is the one now active. */
function finalizePlan(planning) {
    const { settings, state, stable, slots, version } = planning;
    const old = stable ? otherSlot(stable) : null;
    if (!old || !state.slots[old]?.up) {
        throw new core_errors/* ShipgateError */.Yu('nothing-to-finalize', `deploy: phase 'finalize' has no old slot to retire (${old ?? 'no active slot'} is not running)`);
    }
    const steps = retireSteps(settings, old, state.slots[old]?.version ?? '', slots[old]);
    return {
        ...slotPlanOf(planning, 'blue-green', 'finalize', steps),
        version: state.activeVersion ?? version,
        newSlot: null,
    };
}
/** Phase cancel: retire a prepared slot, but only one that never took traffic. */
function cancelSteps({ state, idle, slots }) {
    const prepared = state.slots[idle];
    if (!prepared?.up) {
        throw new core_errors/* ShipgateError */.Yu('nothing-to-cancel', `deploy: phase 'cancel' has nothing to cancel: the idle slot ${idle} is not running`);
    }
    // The last finished deploy put it there without making it active. After a switch the idle slot runs
    // the previous version, which cancel must not stop.
    const last = state.history.find((entry) => entry.finishedAt !== null);
    if (!last || last.slot !== idle || last.result !== 'succeeded') {
        throw new core_errors/* ShipgateError */.Yu('nothing-to-cancel', `deploy: phase 'cancel' has nothing to cancel: ${idle} runs ${prepared.version}, which was not prepared by the last deploy (it may be the previous version; use finalize to retire it)`);
    }
    return [
        { kind: 'retire', name: `retire prepared ${idle}`, slot: idle, version: prepared.version, addresses: slots[idle] },
    ];
}
/**
 * Rolling: batch by batch, each is drained (with a router), deployed in place, gated on its own
 * addresses, and put back; the pause between batches watches every updated instance.
 */
function rollingPlan(settings, state) {
    const instances = settings.target.instances;
    // resolveDeploySettings refuses rolling without target.instances; this keeps the type honest.
    if (!instances)
        throw new core_errors/* ShipgateError */.Yu('invalid-config', 'deploy: strategy rolling needs target.instances');
    const version = settings.version;
    const groups = batches(instances, settings.rolling.batch);
    const steps = [
        ...hookSteps(settings, 'preflight', { version, addresses: [...instances], instances: [...instances] }),
    ];
    steps.push(...groups.flatMap((batch, index) => [
        ...batchSteps(settings, instances, batch, `batch ${index + 1}/${groups.length}`),
        // Between batches, every instance updated so far is watched.
        ...(index < groups.length - 1 ? pauseSteps(settings, groups.slice(0, index + 1).flat()) : []),
    ]));
    const watchMs = settings.health.promotionWatchMs;
    if (watchMs > 0) {
        // health.duration: once every instance runs the new version, watch them all (metrics see it at 100%).
        const name = `watch all instances for ${(0,duration/* formatDuration */.a3)(watchMs)}`;
        steps.push({ kind: 'gate', name, version, addresses: [...instances], mode: 'watch', watchMs });
    }
    steps.push(...hookSteps(settings, 'after-traffic', { version, addresses: [...instances], instances: [...instances] }), { kind: 'activate', name: `make ${version} active`, version });
    return {
        strategy: 'rolling',
        phase: 'full',
        version,
        previousVersion: state.activeVersion,
        stableSlot: null,
        newSlot: null,
        steps,
    };
}
/** One batch: drain it (with a router), deploy in place, gate its addresses, put it back. */
function batchSteps(settings, instances, batch, label) {
    const { version } = settings;
    const routed = settings.router.kind !== 'none';
    const drainMs = settings.rolling.drainMs;
    const drain = [
        {
            kind: 'route',
            name: `drain ${label} (${batch.join(', ')})`,
            route: instanceRoute(instances, new Set(batch)),
            restoreOnUndo: false,
        },
        ...(drainMs > 0
            ? [{ kind: 'wait', name: `wait drain ${(0,duration/* formatDuration */.a3)(drainMs)}`, ms: drainMs }]
            : []),
    ];
    const putBack = {
        kind: 'route',
        name: `put back ${label}`,
        route: instanceRoute(instances, new Set()),
        restoreOnUndo: false,
    };
    return [
        ...(routed ? drain : []),
        { kind: 'deploy', name: `deploy ${version} to ${label}`, version, addresses: batch, instances: batch },
        { kind: 'gate', name: `gate ${label}`, version, addresses: batch, mode: 'preview', watchMs: 0 },
        // Per batch, before it is put back in rotation: a migration or smoke test must be idempotent.
        ...hookSteps(settings, 'before-traffic', { version, addresses: batch, instances: batch }),
        ...(routed ? [putBack] : []),
    ];
}
function pauseSteps(settings, updated) {
    const pauseMs = settings.rolling.pauseMs;
    if (pauseMs <= 0)
        return [];
    const name = `watch updated instances for ${(0,duration/* formatDuration */.a3)(pauseMs)}`;
    return [{ kind: 'gate', name, version: settings.version, addresses: updated, mode: 'watch', watchMs: pauseMs }];
}

;// CONCATENATED MODULE: ./src/deploy/deploy.ts











/** The lock's expiry beyond what the plan can take: a renewal late by this much still holds. */
const LOCK_MARGIN_MS = 10 * 60_000;
/** Final state writes tried before the failure is reported (GitHub 5xx are retried inside each try too). */
const STATE_WRITE_ATTEMPTS = 3;
const STATE_WRITE_RETRY_MS = 2_000;
/**
 * How long the lock holds without a renewal, sized from the plan: the longest every step can take (each
 * hook and route to its timeout, each gate to its deadline plus its watch, each wait) plus a margin. It
 * is renewed every third of that while the deploy runs, so a 24-hour pause keeps it.
 */
function lockTtlMs(settings, plan) {
    const routeMs = settings.router.kind === 'none' ? 0 : settings.router.timeoutMs;
    const stepMs = (step) => {
        switch (step.kind) {
            case 'deploy':
            case 'retire':
            case 'hook':
                // Lifecycle hooks are killed at the target's timeout, as its deploy and retire hooks are.
                return settings.target.timeoutMs;
            case 'gate':
                return settings.health.timing.deadlineMs + step.watchMs;
            case 'route':
                return routeMs;
            case 'wait':
                return step.ms;
            case 'activate':
                return 0;
            default: {
                const never = step;
                throw new Error(`unknown step ${JSON.stringify(never)}`);
            }
        }
    };
    return plan.steps.reduce((sum, step) => sum + stepMs(step), 0) + LOCK_MARGIN_MS;
}
/**
 * A deploy: read the state, plan, take the lock, run the plan step by step with the rollback stack, and
 * record the outcome. Everything it touches is a port, so the Actions runtime, the CLI and tests share it.
 */
async function runDeploy(settings, ports, options = {}) {
    const key = { service: settings.service, environment: settings.environment };
    const kind = options.kind ?? 'deploy';
    const startedAt = new Date(ports.clock.now()).toISOString();
    const state = await ports.store.read(key);
    // Swarm: what runs against the record, before anything changes (SPEC §4 drift; force goes ahead). A dry
    // run only plans: it touches no target (and loads no driver), so it reads no drift.
    const drift = await checkDrift(settings.dryRun ? undefined : ports.orchestrator, state, {
        force: settings.force === true,
        refuse: kind === 'deploy',
        logger: ports.logger,
    });
    const run = { settings, ports, options, kind, key, startedAt, state, drift };
    const early = refuseDrift(run) ?? (await alreadyActive(run));
    if (early)
        return early;
    const plan = options.plan ? options.plan(run.state) : planDeploy(settings, run.state);
    if (settings.dryRun) {
        ports.logger.info(`deploy: dry run; the plan is:\n${plan.steps.map((step, i) => `  ${i + 1}. ${step.name}`).join('\n')}`);
        return { result: 'planned', plan, report: deploy_buildReport(run, 'planned', []), state: run.state, deploymentId: null };
    }
    return runLocked(run, plan);
}
/** The report of a run; `extra` overrides what the run knows at the start. */
function deploy_buildReport(run, result, steps, extra = {}) {
    const { settings, ports, state } = run;
    return {
        operation: run.kind,
        service: settings.service,
        environment: settings.environment,
        strategy: settings.strategy,
        version: settings.version,
        previousVersion: state.activeVersion,
        result,
        failureReason: null,
        rollback: { enabled: settings.rollbackOnError, attempted: false, succeeded: false },
        startedAt: run.startedAt,
        finishedAt: new Date(ports.clock.now()).toISOString(),
        steps,
        ...(ports.context.runUrl ? { runUrl: ports.context.runUrl } : {}),
        ...(ports.context.sha ? { sha: ports.context.sha } : {}),
        ...(state.activeSlot ? { activeSlot: state.activeSlot } : {}),
        ...(run.drift.line ? { drift: run.drift.line } : {}),
        ...run.options.report,
        ...extra,
    };
}
/** A target that drifted from the record: `aborted` before anything changed (SPEC §5.2); undefined to go on. */
function refuseDrift(run) {
    const { refusal } = run.drift;
    if (!refusal)
        return undefined;
    run.ports.logger.error(`deploy: ${refusal.message}`);
    const report = deploy_buildReport(run, 'aborted', [], { failureReason: refusal.message });
    return { result: 'aborted', plan: null, report, state: run.state, deploymentId: null };
}
/**
 * A full deploy of the version that is already active: `noop` when it is healthy; undefined to deploy
 * (also with `force`: a config or policy change under the same version).
 */
async function alreadyActive(run) {
    const { settings, ports, state } = run;
    if (run.kind !== 'deploy' || settings.phase !== 'full' || settings.dryRun)
        return undefined;
    if (state.activeVersion !== settings.version)
        return undefined;
    if (settings.force) {
        ports.logger.info(`deploy: ${settings.version} is already active; force is set, so it is deployed again`);
        return undefined;
    }
    const gate = await gateAddresses(settings, ports, {
        addresses: activeAddresses(settings, state),
        version: settings.version,
        slot: state.activeSlot ?? undefined,
        mode: 'preview',
        watchMs: 0,
    });
    if (!gate.passed) {
        ports.logger.warning(`deploy: ${settings.version} is active but not healthy (${gate.reason}); deploying it again`);
        return undefined;
    }
    ports.logger.info(`deploy: ${settings.version} is already active and healthy on ${settings.service}/${settings.environment}; nothing to do`);
    return { result: 'noop', plan: null, report: deploy_buildReport(run, 'noop', []), state, deploymentId: null };
}
/** Takes the lock, records the deploy as begun, runs the plan and records the outcome; the lock is always released. */
async function runLocked(run, plan) {
    const { ports, settings } = run;
    const ttlMs = lockTtlMs(settings, plan);
    const holder = { holder: ports.holder, since: run.startedAt, ...ports.holderProcess };
    const lock = await ports.store.lock(run.key, holder, ttlMs);
    const renewal = renewWhileRunning(run, lock, ttlMs);
    const entry = historyBase(run, plan);
    try {
        const begun = { ...entry, result: 'failed', reason: 'in progress', finishedAt: null, servedFull: false };
        const { deploymentId } = await ports.store.begin(run.key, begun);
        run.options.onBegin?.({ deploymentId, stableRoute: stableRoute(settings, plan), plan });
        const live = new LiveState(run.state);
        const execution = await executePlan(run, plan, live);
        const recovery = await verifyRecovery(run, plan, execution);
        return await recordOutcome(run, plan, { entry, live, execution, recovery, deploymentId });
    }
    finally {
        renewal.stop();
        await lock
            .release()
            .catch((error) => ports.logger.warning(`deploy: could not release the lock: ${(0,core_errors/* errorMessage */.gJ)(error)}`));
    }
}
/** Renews the lock every third of its TTL (on the injected clock) until stopped; a failed renewal is a warning. */
function renewWhileRunning(run, lock, ttlMs) {
    const { clock, logger } = run.ports;
    const stopped = new AbortController();
    const loop = async () => {
        for (;;) {
            await clock.sleep(ttlMs / 3, stopped.signal);
            await lock
                .renew(ttlMs)
                .catch((error) => logger.warning(`deploy: could not renew the lock: ${(0,core_errors/* errorMessage */.gJ)(error)}`));
        }
    };
    loop().catch(() => undefined); // ends when stopped
    return { stop: () => stopped.abort() };
}
function historyBase(run, plan) {
    const { settings, ports } = run;
    const switchBack = isSwitchBack(run, plan);
    return {
        id: ports.newId(),
        kind: switchBack ? 'rollback' : run.kind,
        version: settings.version,
        previousVersion: run.state.activeVersion,
        strategy: settings.strategy,
        slot: plan.newSlot,
        startedAt: run.startedAt,
        runUrl: ports.context.runUrl ?? null,
        rollbackOf: switchBack ? run.state.activeVersion : (run.options.rollbackOf ?? null),
        phase: settings.phase,
    };
}
/**
 * A blue-green `switch` to a slot that the last finished run did not prepare goes back to the version
 * served before: it is recorded as a rollback (SPEC §5.2), so that the version left is not a target.
 */
function isSwitchBack(run, plan) {
    if (run.settings.phase !== 'switch')
        return false;
    const last = run.state.history.find((entry) => entry.finishedAt !== null);
    const prepared = last?.phase === 'prepare' &&
        last.result === 'succeeded' &&
        last.slot === plan.newSlot &&
        last.version === plan.version;
    return !prepared;
}
function executePlan(run, plan, live) {
    const { settings, ports } = run;
    const steps = new DeployStepRunner(settings, ports, plan, live);
    return execute(plan.steps, (step, signal) => steps.run(step, signal), {
        clock: ports.clock,
        rollbackOnError: settings.rollbackOnError,
        ...(ports.signal ? { signal: ports.signal } : {}),
        bestEffort: (step) => step.kind === 'retire' && plan.steps.some((other) => other.kind === 'activate'),
        onStep: (record) => {
            if (!record.rollback && record.outcome === 'succeeded')
                reportActivated(run, plan, record.name);
            const line = `deploy: ${record.rollback ? 'rollback: ' : ''}${record.name}: ${record.outcome}${record.error ? ` (${record.error})` : ''}`;
            if (record.outcome === 'succeeded')
                ports.logger.info(line);
            else
                ports.logger.warning(line);
        },
    });
}
/** After the activate step, the stable route is all traffic on the new slot (for a post step after a kill). */
function reportActivated(run, plan, stepName) {
    const step = plan.steps.find((candidate) => candidate.name === stepName);
    const slots = run.settings.target.slots;
    if (step?.kind !== 'activate' || !step.slot || !slots)
        return;
    run.options.onStableRoute?.(slotRoute(slots, { [step.slot]: 100 }));
}
function deployResult(execution, plan, recovery) {
    // A rollback action's run that put its target in service, whose recovery verification then failed.
    if (!execution.failure)
        return recovery?.failure ? 'failed' : 'succeeded';
    const first = plan.steps[0];
    // A preflight hook is the plan's first step: when it fails nothing has changed.
    const preflight = first?.kind === 'hook' && first.hook === 'preflight' && execution.failure.step === first.name;
    if (preflight && !execution.rollback.attempted)
        return 'aborted';
    if (recovery?.failure)
        return 'failed';
    return execution.rollback.attempted && execution.rollback.succeeded ? 'rolled-back' : 'failed';
}
/** The failure's reason, with the rollback's failures, or that rollback was off; null when it succeeded. */
function failureReason(execution, settings, recovery) {
    if (!execution.failure)
        return recovery?.failure ? `recovery verification failed: ${recovery.failure}` : null;
    const { rollback } = execution;
    const rollbackFailed = rollback.errors.length ? `; rollback failed: ${rollback.errors.join('; ')}` : '';
    const rollbackOff = !rollback.attempted && !settings.rollbackOnError ? '; rollback-on-error is off' : '';
    const recoveryFailed = recovery?.failure ? `; recovery verification failed: ${recovery.failure}` : '';
    return `${execution.failure.reason}${rollbackFailed}${rollbackOff}${recoveryFailed}`;
}
/**
 * Recovery verification (SPEC §5.2, 복구검증): once a rollback restored the stable version — a failed
 * deploy's own rollback, or a run of the rollback action — the after-rollback hook runs, then the
 * restored version is gated again, health and every metric, for at least one analysis interval. Skipped
 * when nothing stable was restored (a failed first deploy, a failed rollback) or the run was cancelled.
 */
async function verifyRecovery(run, plan, execution) {
    const { settings, ports } = run;
    const restored = recoveryTarget(run, plan, execution);
    if (!restored || ports.signal?.aborted)
        return null;
    const steps = [];
    const failures = [];
    const record = (entry) => {
        steps.push(entry);
        const line = `deploy: rollback: ${entry.name}: ${entry.outcome}${entry.error ? ` (${entry.error})` : ''}`;
        if (entry.outcome === 'succeeded')
            ports.logger.info(line);
        else
            ports.logger.warning(line);
    };
    const hook = settings.hooks?.['after-rollback'];
    if (hook !== undefined) {
        const step = await afterRollbackHook(run, plan, restored, hook);
        record(step);
        if (step.error)
            failures.push(step.error);
    }
    const gate = await recoveryGate(run, plan, restored);
    record(gate);
    if (gate.outcome !== 'succeeded')
        failures.push(gate.error ?? 'the recovery gate failed');
    return { steps, failure: failures.length ? failures.join('; ') : null };
}
function recoveryTarget(run, plan, execution) {
    const { failure, rollback } = execution;
    if (run.kind === 'rollback') {
        // The rollback action: what it put in service, once it did (a failed one was undone like a deploy).
        if (failure)
            return null;
        return restoredIn(run.settings, plan, plan.newSlot, plan.version, run.options.rollbackOf ?? plan.previousVersion);
    }
    if (!failure || !rollback.attempted || !rollback.succeeded || !plan.previousVersion)
        return null;
    return restoredIn(run.settings, plan, plan.stableSlot, plan.previousVersion, plan.version);
}
function restoredIn(settings, plan, slot, version, replaced) {
    const slots = settings.target.slots;
    if (slot && slots)
        return { version, replaced, slot, addresses: slots[slot] };
    if (plan.strategy === 'rolling')
        return { version, replaced, addresses: settings.target.instances ?? [] };
    return null;
}
/** At least one analysis interval of every metric (and health.duration, when longer). */
function recoveryWatchMs(settings) {
    const intervals = (settings.analysis?.metrics ?? []).map((metric) => metric.intervalMs);
    return Math.max(settings.health.promotionWatchMs, ...intervals, 0);
}
async function afterRollbackHook(run, plan, restored, hook) {
    const { settings, ports } = run;
    const startedAt = new Date(ports.clock.now()).toISOString();
    const base = { name: hookStepName('after-rollback', hook), kind: 'hook', rollback: true, startedAt };
    const values = {
        service: settings.service,
        environment: settings.environment,
        version: restored.version,
        previousVersion: restored.replaced ?? plan.version,
        strategy: settings.strategy,
        phase: settings.phase,
        ...(restored.slot ? { slot: restored.slot } : {}),
        addresses: restored.addresses,
    };
    const finished = () => new Date(ports.clock.now()).toISOString();
    try {
        const hookRun = await runLifecycleHook(ports, 'after-rollback', hook, values, new AbortController().signal);
        return { ...base, hooks: [hookRecord(hookRun)], finishedAt: finished(), outcome: 'succeeded' };
    }
    catch (error) {
        const details = error instanceof StepFailure ? error.details : {};
        return { ...details, ...base, finishedAt: finished(), outcome: 'failed', error: (0,core_errors/* errorMessage */.gJ)(error) };
    }
}
async function recoveryGate(run, plan, restored) {
    const { settings, ports } = run;
    const watchMs = recoveryWatchMs(settings);
    const where = restored.slot ?? restored.addresses.join(', ');
    const name = `verify recovery: ${where} (${restored.version})${watchMs > 0 ? ` for ${(0,duration/* formatDuration */.a3)(watchMs)}` : ''}`;
    const startedAt = new Date(ports.clock.now()).toISOString();
    const outcome = await gateAddresses(settings, ports, {
        addresses: restored.addresses,
        version: restored.version,
        slot: restored.slot,
        mode: 'watch',
        watchMs,
        previousVersion: plan.version,
    });
    const finishedAt = new Date(ports.clock.now()).toISOString();
    const base = { name, kind: 'verify', rollback: true, startedAt, finishedAt, gate: gateRecord(outcome) };
    if (outcome.passed)
        return { ...base, ...(restored.slot ? { slot: restored.slot } : {}), outcome: 'succeeded' };
    return { ...base, outcome: 'failed', error: `${restored.version} is back but not healthy: ${outcome.reason}` };
}
/** Writes the final state and history entry, and builds the outcome. */
async function recordOutcome(run, plan, done) {
    const { settings, ports } = run;
    const { execution, deploymentId, recovery } = done;
    const result = deployResult(execution, plan, recovery);
    const reason = failureReason(execution, settings, recovery);
    const finalState = done.live.snapshot();
    const finishedAt = new Date(ports.clock.now()).toISOString();
    const activated = plan.steps.some((step) => step.kind === 'activate');
    const served = result === 'succeeded' && activated && finalState.activeVersion === settings.version;
    const entry = { ...done.entry, result, reason, finishedAt, servedFull: served };
    const { history: _history, ...before } = run.state;
    run.options.onStepsDone?.({ entry, before, after: finalState });
    const recordError = await writeState(run, finalState, entry);
    const report = deploy_buildReport(run, result, [...execution.steps, ...(recovery?.steps ?? [])], {
        failureReason: reason,
        rollback: {
            enabled: settings.rollbackOnError,
            attempted: execution.rollback.attempted,
            succeeded: execution.rollback.succeeded,
            ...(execution.rollback.errors.length ? { failures: [...execution.rollback.errors] } : {}),
        },
        ...(finalState.activeSlot ? { activeSlot: finalState.activeSlot } : {}),
        ...(deploymentId ? { deploymentId } : {}),
    });
    const state = { ...finalState, history: run.state.history };
    return { result, plan, report, state, deploymentId, ...(recordError ? { recordError } : {}) };
}
/** The deploy's steps are done but its outcome could not be recorded: the state store is behind what runs. */
class StateWriteError extends core_errors/* ShipgateError */.Yu {
    result;
    constructor(result, attempts, cause) {
        super('state-write', `deploy: the deploy ${result} (traffic is where it ended), but recording its outcome in the state store failed ${attempts} times: ${(0,core_errors/* errorMessage */.gJ)(cause)}; the post step tries again, else record it with a new deploy or rollback`, { cause });
        this.result = result;
    }
}
/** The final write, tried STATE_WRITE_ATTEMPTS times: a 502 or a full disk for a moment must not lose the record. */
async function writeState(run, state, entry) {
    const { ports } = run;
    for (let attempt = 1;; attempt += 1) {
        try {
            await ports.store.write(run.key, state, entry);
            return undefined;
        }
        catch (error) {
            if (attempt >= STATE_WRITE_ATTEMPTS)
                return new StateWriteError(entry.result, attempt, error);
            ports.logger.warning(`deploy: recording the outcome failed (attempt ${attempt} of ${STATE_WRITE_ATTEMPTS}): ${(0,core_errors/* errorMessage */.gJ)(error)}; retrying`);
            await ports.clock.sleep(STATE_WRITE_RETRY_MS);
        }
    }
}
/** What runs where, as the steps change it; written to the state store at the end, success or not. */
class LiveState {
    activeSlot;
    activeVersion;
    slots;
    instances;
    constructor(state) {
        this.activeSlot = state.activeSlot;
        this.activeVersion = state.activeVersion;
        this.slots = Object.fromEntries(Object.entries(state.slots).map(([slot, value]) => [slot, { ...value }]));
        this.instances = { ...state.instances };
    }
    snapshot() {
        return {
            activeSlot: this.activeSlot,
            activeVersion: this.activeVersion,
            slots: Object.fromEntries(Object.entries(this.slots).map(([slot, value]) => [slot, { ...value }])),
            instances: { ...this.instances },
            history: [],
        };
    }
}
/** How traffic went before a deploy: undoing a route, or a post step after a killed run, restores it. */
function stableRoute(settings, plan) {
    const slots = settings.target.slots;
    if (plan.stableSlot && slots)
        return slotRoute(slots, { [plan.stableSlot]: 100 });
    return settings.strategy === 'rolling' ? instanceRoute(settings.target.instances ?? [], new Set()) : null;
}
function activeAddresses(settings, state) {
    if (settings.strategy === 'rolling')
        return settings.target.instances ?? [];
    return state.activeSlot ? (settings.target.slots?.[state.activeSlot] ?? []) : [];
}
/**
 * Probe targets for a set of addresses: every health check (HTTP with {address}/{host}/{port} and the
 * other placeholders filled in, TCP, command) per address; `env` is the step's SHIPGATE_* values, which
 * command probes get.
 */
function gateTargets(settings, addresses, version, slot, options = {}) {
    const { service, environment } = settings;
    return (0,gate_targets/* buildGateTargets */.a1)(settings.health.checks, {
        addresses,
        values: { service, environment, version, slot: slot ?? '' },
        env: options.env ?? {},
        timeoutMs: settings.health.timeoutMs,
        ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    });
}
/** The SHIPGATE_* values of a gate: what command probes and command metrics get (with SHIPGATE_ADDRESSES). */
function gateEnv(settings, request) {
    return (0,ports/* hookEnv */.$R)({
        service: settings.service,
        environment: settings.environment,
        version: request.version,
        ...(request.previousVersion ? { previousVersion: request.previousVersion } : {}),
        strategy: settings.strategy,
        phase: settings.phase,
        ...(request.slot ? { slot: request.slot } : {}),
        addresses: request.addresses,
    });
}
async function gateAddresses(settings, ports, request) {
    const { version, slot, mode, signal } = request;
    const env = gateEnv(settings, request);
    const targets = gateTargets(settings, request.addresses, version, slot, { env, cwd: ports.context.workspace });
    const timing = { ...settings.health.timing, durationMs: mode === 'watch' ? request.watchMs : 0 };
    const analysis = mode === 'watch' && settings.analysis && ports.analysis
        ? {
            metrics: settings.analysis.metrics,
            ports: ports.analysis,
            placeholders: { service: settings.service, environment: settings.environment, version, slot: slot ?? '' },
            env,
        }
        : undefined;
    const probes = { ...(ports.tcp ? { tcp: ports.tcp } : {}), ...(ports.commands ? { commands: ports.commands } : {}) };
    return runGate(targets, timing, {
        http: ports.http,
        ...probes,
        clock: ports.clock,
        alreadyHealthy: mode === 'watch',
        ...(signal ? { signal } : {}),
        ...(request.tracker ? { onProbe: request.tracker.verdict } : {}),
    }, analysis);
}
/**
 * Runs the plan's steps for real (hooks, router, gates) and keeps what they change in `live`. Its own
 * state is what the steps of one run share: the route in effect, whether the new slot took traffic, and
 * the rolling instances a rollback left out of rotation.
 */
class DeployStepRunner {
    /** How traffic went before this deploy: undoing a route restores it. */
    routeBefore;
    /** The route last applied (as `describeRoute` says it); null when unknown, so the next one is applied. */
    currentRoute = null;
    /** Whether the new slot has taken traffic: then its retirement waits scale-down-delay for in-flight requests. */
    newSlotTookTraffic = false;
    /** Rolling rollback: instances left out of rotation (sick after the restore, or retired); never put back. */
    outOfRotation = new Set();
    settings;
    ports;
    plan;
    live;
    constructor(settings, ports, plan, live) {
        this.settings = settings;
        this.ports = ports;
        this.plan = plan;
        this.live = live;
        this.routeBefore = stableRoute(settings, plan);
    }
    async run(step, signal) {
        switch (step.kind) {
            case 'deploy':
                if (step.orchestrated)
                    return this.deployOrchestrated(step, signal);
                return step.instances ? this.deployBatch(step, step.instances, signal) : this.deploySlot(step, signal);
            case 'gate':
                return this.gateStep(step, signal);
            case 'route':
                return this.route(step, signal);
            case 'wait':
                await this.waiting(step.name, step.ms, () => this.ports.clock.sleep(step.ms, signal), step);
                return {};
            case 'retire':
                return this.retire(step, signal);
            case 'activate':
                this.live.activeVersion = step.version;
                if (step.slot)
                    this.live.activeSlot = step.slot;
                return {};
            case 'hook':
                return this.hookStep(step, signal);
            default: {
                const never = step;
                throw new Error(`unknown step ${JSON.stringify(never)}`);
            }
        }
    }
    /**
     * Runs a wait (a gate, a pause, a delay) with its progress reported: a plan step shows its place in the
     * plan, an undo's wait shows as the rollback's.
     */
    async waiting(name, totalMs, wait, step) {
        const index = step ? this.plan.steps.indexOf(step) + 1 : 0;
        const position = index > 0 ? { index, count: this.plan.steps.length } : undefined;
        const tracker = (0,progress/* trackWait */.Zg)(this.ports.progress, this.ports.clock, {
            step: step ? name : `rollback: ${name}`,
            totalMs,
            ...(position ? { position } : {}),
        });
        try {
            return await wait(tracker);
        }
        finally {
            tracker.end();
        }
    }
    /** How long a gate may take: its watch, or (before traffic) its deadline. */
    gateMs(mode, watchMs) {
        return mode === 'watch' ? watchMs : this.settings.health.timing.deadlineMs;
    }
    /** The hook values of this deploy, with the step's own. */
    values(extra) {
        const { settings, plan } = this;
        return {
            service: settings.service,
            environment: settings.environment,
            version: settings.version,
            ...(plan.previousVersion ? { previousVersion: plan.previousVersion } : {}),
            strategy: settings.strategy,
            phase: settings.phase,
            ...extra,
        };
    }
    async deployBatch(step, batch, signal) {
        const undo = this.restoreBatchUndo(batch);
        const run = await this.deployHook(this.values({ instances: batch, addresses: batch }), undo, signal);
        for (const instance of batch)
            this.live.instances[instance] = step.version;
        const details = { hooks: [hookRecord(run)], ...(step.slot ? { slot: step.slot } : {}), instances: [...batch] };
        return { details, undo };
    }
    /**
     * Swarm rolling: the orchestrator's own update of the whole service, watched by the gate while it runs;
     * its undo is the orchestrator's rollback, verified by gating the previous version.
     */
    deployOrchestrated(step, signal) {
        const instances = step.instances ?? [];
        const gate = (version, mode, watchMs) => (gateSignal) => gateAddresses(this.settings, this.ports, {
            addresses: instances,
            version,
            slot: undefined,
            mode,
            watchMs,
            signal: gateSignal,
        });
        const update = {
            orchestrator: this.ports.orchestrator,
            values: this.values({ instances, addresses: instances }),
            watch: gate(step.version, 'watch', this.settings.target.timeoutMs),
            verify: gate(this.plan.previousVersion ?? '', 'preview', 0),
            instances: this.live.instances,
        };
        return runOrchestratedUpdate(update, signal);
    }
    async deploySlot(step, signal) {
        const slot = step.slot;
        if (slot === undefined)
            throw new Error(`plan: deploy step '${step.name}' has neither a slot nor instances`);
        const undo = this.retireSlotUndo(slot, step.version, step.addresses, `retire ${slot} (${step.version})`);
        const markUp = () => {
            this.live.slots[slot] = { version: step.version, up: true };
        };
        const run = await this.deployHook(this.values({ slot, addresses: step.addresses }), undo, signal, markUp);
        markUp();
        return { details: { hooks: [hookRecord(run)], slot }, undo };
    }
    /** Runs the deploy hook; when it fails, `undo` still runs with the rollback (it may have started something). */
    async deployHook(values, undo, signal, onFailure) {
        try {
            return await this.ports.driver.deploy(values, signal);
        }
        catch (error) {
            onFailure?.();
            const run = error.run;
            throw new StepFailureWithUndo((0,core_errors/* errorMessage */.gJ)(error), run ? { hooks: [hookRecord(run)] } : {}, undo, error);
        }
    }
    /** A lifecycle hook: a failure fails the step like a gate; the undos of the steps before it do the rest. */
    async hookStep(step, signal) {
        const values = this.values({
            version: step.version,
            ...(step.slot ? { slot: step.slot } : {}),
            addresses: step.addresses,
            ...(step.instances ? { instances: step.instances } : {}),
        });
        const run = await runLifecycleHook(this.ports, step.hook, step.command, values, signal);
        return { details: { hooks: [hookRecord(run)], ...(step.slot ? { slot: step.slot } : {}) } };
    }
    async gateStep(step, signal) {
        const { addresses, version, slot, mode, watchMs } = step;
        const previousVersion = this.plan.previousVersion;
        const outcome = await this.waiting(step.name, this.gateMs(mode, watchMs), (tracker) => this.gate({ addresses, version, slot, mode, watchMs, signal, tracker, previousVersion }), step);
        return { details: { gate: gateRecord(outcome), ...(slot ? { slot } : {}) } };
    }
    /** A gate that must pass: a failed one fails the step, with its evidence. */
    async gate(request) {
        const outcome = await gateAddresses(this.settings, this.ports, request);
        if (!outcome.passed)
            throw new StepFailure(`gate failed: ${outcome.reason}`, { gate: gateRecord(outcome) });
        return outcome;
    }
    async route(step, signal) {
        const weight = step.route.groups.find((group) => group.name === this.plan.newSlot)?.weight;
        if (weight !== undefined && weight > 0)
            this.newSlotTookTraffic = true;
        const restore = step.restoreOnUndo ? this.routeBefore : null;
        const undo = restore
            ? { name: `route back: ${(0,ports/* describeRoute */.fx)(restore)}`, run: (undoSignal) => this.routeBack(restore, undoSignal) }
            : undefined;
        let details;
        try {
            details = await this.applyRoute(step.route, signal);
        }
        catch (error) {
            // A route that failed (or was cancelled) half-way may have taken effect: routing back runs too.
            if (undo)
                throw new StepFailureWithUndo((0,core_errors/* errorMessage */.gJ)(error), {}, undo, error);
            throw error;
        }
        return { details: { ...details, ...(weight !== undefined ? { weight } : {}) }, ...(undo ? { undo } : {}) };
    }
    async applyRoute(route, signal) {
        const { router } = this.ports;
        if (!router)
            return {};
        const described = (0,ports/* describeRoute */.fx)(route);
        if (described === this.currentRoute)
            return {};
        try {
            const { hooks } = await router.apply(route, this.values({ weights: described }), signal);
            this.currentRoute = described;
            return { hooks: hooks.map(hookRecord) };
        }
        catch (error) {
            this.currentRoute = null; // unknown: the next route is applied whatever it is
            throw new StepFailure(`route ${described}: ${(0,core_errors/* errorMessage */.gJ)(error)}`, {}, { cause: error });
        }
    }
    /**
     * Routes traffic back to the stable slot, then gates it: the rollback has worked only when the version
     * taking traffic answers healthy (this is the incident's recovery verification).
     */
    async routeBack(restore, signal) {
        const details = await this.applyRoute(restore, signal);
        const { stableSlot, previousVersion } = this.plan;
        const slots = this.settings.target.slots;
        if (!stableSlot || !slots)
            return details;
        const outcome = await this.waiting(`gate ${stableSlot}`, this.gateMs('preview', 0), (tracker) => gateAddresses(this.settings, this.ports, {
            addresses: slots[stableSlot],
            version: previousVersion ?? this.settings.version,
            slot: stableSlot,
            mode: 'preview',
            watchMs: 0,
            signal,
            tracker,
        }));
        if (!outcome.passed) {
            throw new StepFailure(`traffic is back on ${stableSlot}, but it is not healthy: ${outcome.reason}`, {
                ...details,
                gate: gateRecord(outcome),
            });
        }
        return { ...details, gate: gateRecord(outcome), slot: stableSlot, weight: 0 };
    }
    async retire(step, signal) {
        const slot = step.slot;
        const run = await this.ports.driver.retire(this.values({ version: step.version, ...(slot ? { slot } : {}), addresses: step.addresses }), signal);
        const slotState = slot ? this.live.slots[slot] : undefined;
        if (slotState)
            slotState.up = false;
        return { details: { hooks: [hookRecord(run)], ...(slot ? { slot } : {}) } };
    }
    retireSlotUndo(slot, version, addresses, name) {
        return {
            name,
            run: async (signal) => {
                // Traffic has just been routed away; requests nginx's old workers still have in flight finish first.
                const delayMs = this.settings.scaleDownDelayMs;
                if (this.newSlotTookTraffic && delayMs > 0) {
                    const wait = `wait scale-down-delay ${(0,duration/* formatDuration */.a3)(delayMs)} before retiring ${slot}`;
                    await this.waiting(wait, delayMs, () => this.ports.clock.sleep(delayMs, signal));
                }
                const run = await this.ports.driver.retire(this.values({ version, slot, addresses }), signal);
                const state = this.live.slots[slot];
                if (state)
                    state.up = false;
                return { hooks: [hookRecord(run)], slot };
            },
        };
    }
    /** Rolling: the batch goes back to the previous version — drained, redeployed, gated, put back. */
    restoreBatchUndo(batch) {
        return {
            name: `restore ${this.plan.previousVersion ?? 'nothing'} on ${batch.join(', ')}`,
            run: (signal) => this.restoreBatch(batch, signal),
        };
    }
    async restoreBatch(batch, signal) {
        const instances = this.settings.target.instances ?? [];
        const hooks = [];
        const drained = await this.applyRoute(instanceRoute(instances, new Set([...this.outOfRotation, ...batch])), signal);
        hooks.push(...(drained?.hooks ?? []));
        const drainMs = this.settings.rolling.drainMs;
        if (drainMs > 0) {
            await this.waiting(`wait drain ${(0,duration/* formatDuration */.a3)(drainMs)}`, drainMs, () => this.ports.clock.sleep(drainMs, signal));
        }
        const previous = this.plan.previousVersion;
        if (!previous) {
            for (const instance of batch)
                this.outOfRotation.add(instance);
            hooks.push(hookRecord(await this.ports.driver.retire(this.values({ instances: batch, addresses: batch }), signal)));
            return { hooks, instances: [...batch] };
        }
        const gate = await this.redeployBatch(batch, previous, hooks, signal);
        const putBack = await this.applyRoute(instanceRoute(instances, this.outOfRotation), signal);
        hooks.push(...(putBack?.hooks ?? []));
        return { hooks, instances: [...batch], gate };
    }
    /** Deploys `previous` on the batch and gates it; a sick batch stays out of rotation. */
    async redeployBatch(batch, previous, hooks, signal) {
        const values = this.values({ version: previous, instances: batch, addresses: batch });
        hooks.push(hookRecord(await this.ports.driver.deploy(values, signal)));
        for (const instance of batch)
            this.live.instances[instance] = previous;
        const outcome = await this.waiting(`gate ${batch.join(', ')}`, this.gateMs('preview', 0), (tracker) => gateAddresses(this.settings, this.ports, {
            addresses: batch,
            version: previous,
            slot: undefined,
            mode: 'preview',
            watchMs: 0,
            signal,
            tracker,
        }));
        if (!outcome.passed) {
            // A sick instance is never put back in rotation, by this undo or a later one.
            for (const instance of batch)
                this.outOfRotation.add(instance);
            throw new StepFailure(`${previous} is not healthy on ${batch.join(', ')} (${outcome.reason}); left out of rotation`, {
                hooks,
                gate: gateRecord(outcome),
            });
        }
        return gateRecord(outcome);
    }
}
/** Runs a lifecycle hook; its failure is a StepFailure carrying the hook's record. */
async function runLifecycleHook(ports, hook, command, values, signal) {
    if (!ports.lifecycle)
        throw new StepFailure(`${hook} hook: no lifecycle hook runner was given`);
    try {
        return await ports.lifecycle.run(hook, command, values, signal);
    }
    catch (error) {
        const run = error.run;
        throw new StepFailure((0,core_errors/* errorMessage */.gJ)(error), run ? { hooks: [hookRecord(run)] } : {}, { cause: error });
    }
}

// EXTERNAL MODULE: ./vendor/zod-mini.js
var zod_mini = __nccwpck_require__(9407);
// EXTERNAL MODULE: ./src/core/zod-issue.ts
var zod_issue = __nccwpck_require__(5820);
;// CONCATENATED MODULE: ./src/core/inputs.ts





/** Records that the value does not have the expected form; the transform's result is then ignored. */
function reject(ctx, expected) {
    ctx.issues.push({ code: 'custom', message: expected, input: ctx.value });
    return zod_mini/* NEVER */.tm;
}
/** A string input turned into a value by `read`, which returns undefined when the text is not of the form. */
const formInput = (expected, read) => zod_mini/* pipe */.Fs(zod_mini/* string */.Yj(), zod_mini/* transform */.pd((text, ctx) => {
    const value = read(text);
    return value === undefined ? reject(ctx, expected) : value;
}));
const durationInput = (options = {}) => durationSchema(options.min);
const integerInput = (min, max) => formInput(`a whole number from ${min} to ${max}`, (text) => {
    const trimmed = text.trim();
    const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
});
const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);
/** The YAML 1.2 core-schema booleans the runner accepts (as @actions/core's getBooleanInput). */
const booleanInput = () => formInput('true or false', (text) => (TRUE.has(text.trim()) ? true : FALSE.has(text.trim()) ? false : undefined));
const enumInput = (values) => formInput(`one of ${values.join(', ')}`, (text) => {
    const trimmed = text.trim();
    return values.includes(trimmed) ? trimmed : undefined;
});
const enumListInput = (values) => formInput(`a comma- or newline-separated list of ${values.join(', ')}`, (text) => {
    const items = parseList(text);
    if (items.length === 0 || items.some((item) => !values.includes(item)))
        return undefined;
    return [...new Set(items)];
});
const optionalText = () => zod_mini/* optional */.lq(zod_mini/* string */.Yj());
const inputs_text = () => z.string();
/**
 * Parses raw inputs with a zod object schema keyed by input name. Inputs that are absent or blank are
 * given the default in `defaults` (the same defaults action.yml declares, so the CLI behaves alike).
 */
function parseInputs(scope, schema, raw, defaults) {
    const merged = {};
    for (const key of Object.keys(schema._zod.def.shape)) {
        const value = raw[key];
        merged[key] = value === undefined || value.trim() === '' ? defaults[key] : value;
    }
    const result = zod_mini/* safeParse */.xL(schema, merged);
    if (result.success)
        return result.data;
    const issue = result.error.issues[0];
    if (!issue)
        throw new core_errors/* InputError */.dz('?', undefined, 'a valid value', { scope });
    const found = (0,zod_issue/* readIssue */.OS)(issue, merged, { missing: 'a value (it is required)' });
    throw new core_errors/* InputError */.dz(String(found.path[0] ?? '?'), found.value, found.expected, { scope });
}

;// CONCATENATED MODULE: ./src/deploy/deploy-inputs.ts




const SCOPE = 'deploy';
const DEPLOY_INPUT_NAMES = [
    'service',
    'environment',
    'version',
    'strategy',
    'config',
    'rollback-on-error',
    'phase',
    'dry-run',
    'state',
    'state-file',
    'force',
    'github-token',
];
/** The defaults action.yml declares (a test keeps them equal); the CLI uses the same. */
const DEPLOY_DEFAULTS = {
    config: '.github/shipgate.yml',
    'rollback-on-error': 'true',
    phase: 'full',
    'dry-run': 'false',
    state: 'auto',
    'state-file': '.shipgate/state.json',
    force: 'false',
};
const STATE_KINDS = ['auto', 'file', 'github'];
const VERSION_FORM = 'an opaque version string of 1 to 256 characters without control characters';
const NAME_FORM = 'a name of letters, digits, ".", "_" or "-"';
const deploy_inputs_name = () => formInput(NAME_FORM, (text) => (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text.trim()) ? text.trim() : undefined));
const schema = zod_mini/* object */.Ik({
    service: zod_mini/* optional */.lq(deploy_inputs_name()),
    environment: deploy_inputs_name(),
    version: formInput(VERSION_FORM, (text) => text.length >= 1 && text.length <= 256 && !/[\u0000-\u001f\u007f]/.test(text) ? text : undefined),
    strategy: zod_mini/* optional */.lq(enumInput(vocabulary/* STRATEGIES */.YL)),
    config: zod_mini/* string */.Yj(),
    'rollback-on-error': booleanInput(),
    phase: enumInput(vocabulary/* PHASES */.ZG),
    'dry-run': booleanInput(),
    state: enumInput(STATE_KINDS),
    'state-file': zod_mini/* string */.Yj(),
    force: booleanInput(),
    'github-token': optionalText(),
});
/**
 * `state: auto` is `github` inside GitHub Actions when there is a token, and `file` elsewhere; `github`
 * needs a token and the repository, and says so in one line when either is missing.
 */
function resolveStateKind(scope, state, token, context) {
    const kind = state === 'auto' ? (context.inActions && token ? 'github' : 'file') : state;
    if (kind === 'github') {
        if (!token)
            throw new core_errors/* InputError */.dz('github-token', undefined, "a token with 'permissions: deployments: write' (state is github)", { scope });
        if (!context.repository) {
            throw new core_errors/* InputError */.dz('state', state, 'file outside GitHub Actions (the github store needs GITHUB_REPOSITORY to know whose deployments to keep)', { scope });
        }
    }
    return kind;
}
/** Reads the deploy inputs (or CLI flags); the first bad one throws one InputError line. */
function parseDeployInputs(raw, context) {
    // The version is data, never trimmed or reshaped: read it before the blank-means-default rule.
    const input = parseInputs(SCOPE, schema, raw, DEPLOY_DEFAULTS);
    const service = input.service ?? context.repository?.repo;
    if (!service)
        throw new core_errors/* InputError */.dz('service', undefined, `${NAME_FORM} (no repository to default to)`, { scope: SCOPE });
    const state = resolveStateKind(SCOPE, input.state, input['github-token'], context);
    return {
        inputs: {
            service,
            environment: input.environment,
            version: input.version,
            ...(input.strategy ? { strategy: input.strategy } : {}),
            phase: input.phase,
            rollbackOnError: input['rollback-on-error'],
            dryRun: input['dry-run'],
            ...(input.force ? { force: true } : {}),
        },
        configPath: input.config,
        state,
        stateFile: input['state-file'],
        ...(input['github-token'] ? { githubToken: input['github-token'] } : {}),
    };
}
const ROLLBACK_INPUT_NAMES = [
    'service',
    'environment',
    'to-version',
    'reason',
    'config',
    'state',
    'state-file',
    'github-token',
];
/** The defaults actions/rollback/action.yml declares; the CLI uses the same. */
const ROLLBACK_DEFAULTS = {
    config: '.github/shipgate.yml',
    state: 'auto',
    'state-file': '.shipgate/state.json',
};
const rollbackSchema = zod_mini/* object */.Ik({
    service: zod_mini/* optional */.lq(deploy_inputs_name()),
    environment: deploy_inputs_name(),
    'to-version': zod_mini/* optional */.lq(formInput(VERSION_FORM, (text) => text.length >= 1 && text.length <= 256 && !/[\u0000-\u001f\u007f]/.test(text) ? text : undefined)),
    reason: optionalText(),
    config: zod_mini/* string */.Yj(),
    state: enumInput(STATE_KINDS),
    'state-file': zod_mini/* string */.Yj(),
    'github-token': optionalText(),
});
/**
 * Reads the rollback inputs (SPEC §5.3) or CLI flags; the first bad one throws one InputError line.
 * `scope` names the command in that line (`shipgate status` reads the same flags).
 */
function parseRollbackInputs(raw, context, scope = 'rollback') {
    const input = parseInputs(scope, rollbackSchema, raw, ROLLBACK_DEFAULTS);
    const service = input.service ?? context.repository?.repo;
    if (!service)
        throw new core_errors/* InputError */.dz('service', undefined, `${NAME_FORM} (no repository to default to)`, { scope });
    const state = resolveStateKind(scope, input.state, input['github-token'], context);
    const reason = input.reason?.trim();
    return {
        service,
        environment: input.environment,
        ...(input['to-version'] !== undefined ? { toVersion: input['to-version'] } : {}),
        ...(reason ? { reason } : {}),
        configPath: input.config,
        state,
        stateFile: input['state-file'],
        ...(input['github-token'] ? { githubToken: input['github-token'] } : {}),
    };
}

// EXTERNAL MODULE: ./src/deploy/deploy-summary.ts + 1 modules
var deploy_summary = __nccwpck_require__(5539);
// EXTERNAL MODULE: ./src/core/placeholders.ts
var placeholders = __nccwpck_require__(3593);
// EXTERNAL MODULE: ./src/core/status-set.ts
var status_set = __nccwpck_require__(9572);
// EXTERNAL MODULE: ./src/deploy/config.ts + 2 modules
var deploy_config = __nccwpck_require__(6118);
;// CONCATENATED MODULE: ./src/deploy/config-refusals.ts


/**
 * Refuses, before anything runs, what the schema lets through but could only fail at run time (issue #10,
 * item 7): each refusal names the key path, the value and the expected form. An unknown placeholder in
 * a check's URL or TCP address (`{adress}`) is refused by the schema itself (config.ts), for url, every
 * urls[i].url and tcp; `{host}` and `{port}` are filled in.
 */
function refuseRuntimeFailures(settings, file, base) {
    refuseUndrainableRolling(settings, file, base);
    refuseUnmeasuredAnalysis(settings, file, base);
    refuseOrchestratedBeforeTraffic(settings, file, base);
}
/**
 * A Swarm rolling update puts each task into service itself, as soon as it starts: there is no moment
 * between "the new version runs" and "it takes traffic" for a before-traffic hook (preflight runs before
 * the update, after-traffic after it). Blue-green and canary over swarm have that moment and run it.
 */
function refuseOrchestratedBeforeTraffic(settings, file, base) {
    const command = settings.hooks?.['before-traffic'];
    if (command === undefined || settings.strategy !== 'rolling' || settings.target.kind !== 'swarm')
        return;
    throw new deploy_config/* ConfigError */.xL(file, `${base}.hooks.before-traffic`, command, 'no before-traffic hook with a swarm rolling update (Swarm puts each task into service as it starts): use preflight (before the update) or after-traffic (after it), or strategy blue-green');
}
/**
 * Rolling with a router takes each batch out of rotation before deploying it: a batch of every instance
 * (or a single instance) leaves nothing to serve, and the drain's route is refused every time.
 */
function refuseUndrainableRolling(settings, file, base) {
    const instances = settings.target.instances;
    if (settings.strategy !== 'rolling' || settings.router.kind === 'none' || !instances)
        return;
    if (instances.length === 1) {
        throw new deploy_config/* ConfigError */.xL(file, `${base}.target.instances`, instances, `at least 2 instances with a router (a batch is taken out of rotation while it is deployed, and one instance alone leaves none to serve), or router kind none`);
    }
    const first = batches(instances, settings.rolling.batch)[0] ?? [];
    if (first.length < instances.length)
        return;
    const batch = 'count' in settings.rolling.batch ? settings.rolling.batch.count : `${settings.rolling.batch.percent}%`;
    throw new deploy_config/* ConfigError */.xL(file, `${base}.rolling.batch`, batch, `a batch smaller than the ${instances.length} instances of target.instances (with a router, a batch is taken out of rotation while it is deployed; at least one instance must keep serving)`);
}
/**
 * Metrics are measured only while a gate watches: canary steps with a pause, rolling pauses between
 * batches, and health.duration once the new version takes all traffic. Without any, analysis never runs.
 */
function refuseUnmeasuredAnalysis(settings, file, base) {
    const metrics = settings.analysis?.metrics ?? [];
    if (metrics.length === 0 || settings.health.promotionWatchMs > 0)
        return;
    const { strategy } = settings;
    const canaryWatches = strategy === 'canary' && settings.canarySteps.some((step) => step.weight < 100 && step.pauseMs > 0);
    const rollingWatches = strategy === 'rolling' &&
        settings.rolling.pauseMs > 0 &&
        batches(settings.target.instances ?? [], settings.rolling.batch).length > 1;
    if (canaryWatches || rollingWatches)
        return;
    const where = {
        'blue-green': 'blue-green measures them only while it watches the new slot at 100% for health.duration',
        canary: 'canary measures them during a step with a pause, or for health.duration at 100%',
        rolling: 'rolling measures them during the pause between batches, or for health.duration after the last',
    };
    throw new deploy_config/* ConfigError */.xL(file, `${base}.health.duration`, undefined, `a duration such as 2m: analysis.metrics are configured but no step measures them (${where[strategy]})`);
}

;// CONCATENATED MODULE: ./src/deploy/swarm-settings.ts
const DEFAULT_TIMEOUT = 10 * 60_000;
/** What each strategy needs of a swarm target: one line naming the missing key when it is not there. */
function checkSwarmTarget(target, strategy, needs) {
    if (strategy === 'rolling') {
        needs(target.service, 'target.service', 'the Swarm service updated in place');
        needs(target.addresses, 'target.addresses', 'the addresses where the service is probed, as host:port');
    }
    else {
        needs(target.slots, 'target.slots', 'a Swarm service and addresses per slot, blue and green');
    }
}
function swarmTargetSettings(target, rolling) {
    return {
        kind: 'swarm',
        image: target.image,
        docker: target.docker ?? 'docker',
        timeoutMs: target.timeout ?? DEFAULT_TIMEOUT,
        ...(target.service ? { service: target.service } : {}),
        ...(target.addresses ? { instances: target.addresses } : {}),
        ...(target.slots
            ? {
                slots: { blue: target.slots.blue.addresses, green: target.slots.green.addresses },
                slotServices: { blue: target.slots.blue.service, green: target.slots.green.service },
            }
            : {}),
        ...(rolling?.order ? { order: rolling.order } : {}),
    };
}

;// CONCATENATED MODULE: ./src/deploy/settings.ts






/** The lifecycle hook points, in the order a deploy reaches them. */
const HOOK_POINTS = (/* unused pure expression or super */ null && (['preflight', 'before-traffic', 'after-traffic', 'after-rollback']));
const DEFAULT_HOOK_TIMEOUT = 10 * 60_000;
const DEFAULT_ROUTER_TIMEOUT = 60_000;
/**
 * Picks the service and environment out of the config and checks that the chosen strategy has what it
 * needs; every refusal is one line that names the input or key, the value and the expected form.
 */
function resolveDeploySettings(config, inputs, file) {
    const env = findEnvironment(config, inputs, file);
    const strategy = inputs.strategy ?? env.strategy ?? 'rolling';
    checkPhase(inputs.phase, strategy);
    const base = `services.${inputs.service}.environments.${inputs.environment}`;
    const health = checkStrategyNeeds(env, strategy, file, base);
    const settings = {
        service: inputs.service,
        environment: inputs.environment,
        version: inputs.version,
        strategy,
        phase: inputs.phase,
        rollbackOnError: inputs.rollbackOnError,
        dryRun: inputs.dryRun,
        ...(inputs.force ? { force: true } : {}),
        target: targetSettings(env),
        router: routerSettings(env.router),
        health: healthSettings(health, file, base),
        ...(env.analysis ? { analysis: analysisSettings(env.analysis) } : {}),
        canarySteps: (env.canary?.steps ?? []).map((step) => ({ weight: step.weight, pauseMs: step.pause ?? 0 })),
        scaleDownDelayMs: env['blue-green']?.['scale-down-delay'] ?? 0,
        rolling: {
            batch: (0,deploy_config/* parseBatch */.Gc)(env.rolling?.batch ?? 1) ?? { count: 1 },
            pauseMs: env.rolling?.pause ?? 0,
            drainMs: env.rolling?.drain ?? 0,
        },
        ...(env.hooks && Object.keys(env.hooks).length > 0 ? { hooks: env.hooks } : {}),
    };
    refuseRuntimeFailures(settings, file, base);
    return settings;
}
function findEnvironment(config, inputs, file) {
    const service = config.services[inputs.service];
    if (!service) {
        const known = Object.keys(config.services).join(', ') || 'none defined';
        throw new core_errors/* ShipgateError */.Yu('invalid-input', `deploy: input 'service' is '${inputs.service}'; expected a service of ${file} (${known})`);
    }
    const env = service.environments[inputs.environment];
    if (!env) {
        const known = Object.keys(service.environments).join(', ');
        throw new core_errors/* ShipgateError */.Yu('invalid-input', `deploy: input 'environment' is '${inputs.environment}'; expected an environment of service '${inputs.service}' in ${file} (${known})`);
    }
    return env;
}
function checkPhase(phase, strategy) {
    if (phase === 'full' || strategy === 'blue-green')
        return;
    throw new core_errors/* ShipgateError */.Yu('invalid-input', `deploy: input 'phase' is '${phase}'; expected full (phases prepare, switch, finalize and cancel are for blue-green; the strategy is ${strategy})`);
}
/** Refuses a config that lacks what the strategy needs (`base` is the environment's key path); gives its health gate. */
function checkStrategyNeeds(env, strategy, file, base) {
    const needs = (ok, key, expected) => {
        if (!ok)
            throw new deploy_config/* ConfigError */.xL(file, `${base}.${key}`, undefined, `${expected} (strategy ${strategy})`);
    };
    checkTargetNeeds(env, strategy, needs, file, base);
    if (strategy !== 'rolling') {
        needs(env.router && env.router.kind !== 'none', 'router', `a router of kind nginx or command (${strategy} moves traffic between slots)`);
    }
    if (strategy === 'canary')
        needs(env.canary, 'canary.steps', 'at least one step like { weight: 10, pause: 1m }');
    if (env.analysis?.metrics.some((metric) => metric.provider === 'prometheus')) {
        needs(env.analysis['prometheus-url'], 'analysis.prometheus-url', 'the Prometheus URL the metrics query');
    }
    checkMetricPlaceholders(env.analysis, strategy, file, base);
    if (!env.health)
        throw new deploy_config/* ConfigError */.xL(file, `${base}.health`, undefined, `${HEALTH_FORM} (strategy ${strategy})`);
    return env.health;
}
/** Where the strategy changes what runs: instances (rolling) or slots; swarm has its own keys. */
function checkTargetNeeds(env, strategy, needs, file, base) {
    const { target } = env;
    if (target.kind === 'swarm') {
        checkSwarmTarget(target, strategy, needs);
        return;
    }
    if (env.rolling?.order) {
        throw new deploy_config/* ConfigError */.xL(file, `${base}.rolling.order`, env.rolling.order, 'no order (it is for target kind swarm)');
    }
    if (strategy === 'rolling') {
        needs(target.instances, 'target.instances', 'the instances updated in place, as host:port addresses');
    }
    else {
        needs(target.slots, 'target.slots', 'blue and green address lists');
    }
}
const HEALTH_FORM = 'a health gate with url, urls, tcp or command ({address} makes one probe per address)';
/** A deploy knows {service} {environment} {version} and, with slots, {slot}; say so before traffic moves. */
function checkMetricPlaceholders(analysis, strategy, file, base) {
    const known = strategy === 'rolling' ? ['service', 'environment', 'version'] : ['service', 'environment', 'version', 'slot'];
    (analysis?.metrics ?? []).forEach((metric, index) => {
        const unknown = (0,placeholders/* unknownPlaceholder */.mz)(metric.query, known);
        if (unknown === undefined)
            return;
        throw new deploy_config/* ConfigError */.xL(file, `${base}.analysis.metrics[${index}].query`, metric.query, `a query using only ${known.map((name) => `{${name}}`).join(' ')} (${unknown.text} has no value in a ${strategy} deploy)`);
    });
}
function targetSettings(env) {
    const { target } = env;
    if (target.kind === 'swarm')
        return swarmTargetSettings(target, env.rolling);
    return {
        deploy: target.deploy,
        ...(target.retire ? { retire: target.retire } : {}),
        timeoutMs: target.timeout ?? DEFAULT_HOOK_TIMEOUT,
        ...(target.slots ? { slots: target.slots } : {}),
        ...(target.instances ? { instances: target.instances } : {}),
    };
}
function routerSettings(router) {
    if (!router)
        return { kind: 'none' };
    switch (router.kind) {
        case 'nginx':
            return {
                kind: 'nginx',
                upstreamFile: router['upstream-file'],
                upstreamName: router['upstream-name'],
                reload: router.reload ?? 'nginx -s reload',
                test: router.test ?? 'nginx -t',
                timeoutMs: router.timeout ?? DEFAULT_ROUTER_TIMEOUT,
            };
        case 'command':
            return { kind: 'command', route: router.route, timeoutMs: router.timeout ?? DEFAULT_ROUTER_TIMEOUT };
        case 'none':
            return { kind: 'none' };
        default: {
            const never = router;
            throw new Error(`unhandled router ${JSON.stringify(never)}`);
        }
    }
}
function healthSettings(health, file, base) {
    return {
        checks: healthChecks(health, file, base),
        timing: {
            intervalMs: health.interval ?? 2_000,
            successThreshold: health['success-threshold'] ?? 1,
            failureThreshold: health['failure-threshold'] ?? 3,
            deadlineMs: health.deadline ?? 2 * 60_000,
            durationMs: 0,
            concurrency: 16,
        },
        timeoutMs: health.timeout ?? 5_000,
        promotionWatchMs: health.duration ?? 0,
    };
}
/** `url`/`urls` (each item's own settings over the block's), then `tcp`, then `command`. */
function healthChecks(health, file, base) {
    const urls = health.urls ?? (health.url !== undefined ? [health.url] : []);
    const http = urls.map((item, index) => {
        const own = typeof item === 'string' ? { url: item } : item;
        const key = health.urls ? `${base}.health.urls[${index}]` : `${base}.health`;
        return httpCheck(own.url, { ...pickHttp(health), ...pickHttp(own) }, file, key);
    });
    const tcp = (health.tcp ?? []).map((address) => ({ kind: 'tcp', address }));
    const command = health.command !== undefined ? [{ kind: 'command', command: health.command }] : [];
    return [...http, ...tcp, ...command];
}
function pickHttp(from) {
    const keys = ['method', 'body', 'headers', 'expected-status', 'expect-json', 'expect-text'];
    return Object.fromEntries(keys.filter((key) => from[key] !== undefined).map((key) => [key, from[key]]));
}
function httpCheck(url, settings, file, key) {
    return {
        kind: 'http',
        url,
        method: settings.method ?? 'GET',
        headers: Object.fromEntries(Object.entries(settings.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
        ...(settings.body !== undefined ? { body: settings.body } : {}),
        expect: expectations(settings, file, key),
    };
}
/** `expect-text` is a substring, or a regular expression when written `/…/flags`. */
function expectations(health, file, key) {
    const expectText = health['expect-text'];
    const textRegex = expectText ? /^\/(.+)\/([a-z]*)$/s.exec(expectText) : null;
    const text = String(health['expected-status'] ?? '200-299');
    // The config schema refuses a status set that does not parse; this keeps the type honest.
    const status = (0,status_set/* parseStatusSet */.o)(text);
    if (!status)
        throw new deploy_config/* ConfigError */.xL(file, `${key}.expected-status`, text, status_set/* STATUS_SET_FORM */.f);
    return {
        status,
        ...(health['expect-json'] ? { json: health['expect-json'] } : {}),
        ...(expectText
            ? { text: textRegex ? { pattern: new RegExp(textRegex[1] ?? '', textRegex[2]) } : { substring: expectText } }
            : {}),
    };
}
function analysisSettings(analysis) {
    return {
        ...(analysis['prometheus-url'] ? { prometheusUrl: analysis['prometheus-url'] } : {}),
        metrics: analysis.metrics,
    };
}

;// CONCATENATED MODULE: ./src/deploy/deploy-action.ts





// Imported statically: every run writes the summary, and a separate chunk costs a dry run more to load
// (SPEC §9 B1) than the renderer's code does inside the main one.


/**
 * The deploy action: read the inputs and the config once, run the deploy, write the outputs and the
 * summary. What the post step needs is saved as soon as it is known.
 */
/** The state store the inputs chose and the real ports of the settings, with the run's cancel signal and progress. */
async function deployPorts(runtime, adapters, settings, parsed) {
    const { context, logger, progress } = runtime;
    const store = await adapters.createStateStore({ ...parsed, context, logger });
    const signal = runtime.cancelSignal();
    return adapters.buildDeployPorts(settings, { store, context, logger, signal, ...(progress ? { progress } : {}) });
}
async function run(runtime, adapters) {
    try {
        const { parsed, settings } = readDeploySettings(runtime, adapters);
        savePostSettings(runtime, settings, parsed.state, parsed.stateFile);
        const ports = await deployPorts(runtime, adapters, settings, parsed);
        const outcome = await runDeploy(settings, ports, {
            onBegin: ({ deploymentId, stableRoute, plan }) => {
                runtime.saveState(POST_STATE.deploymentId, deploymentId ?? '');
                runtime.saveState(POST_STATE.stableRoute, stableRoute ? JSON.stringify(stableRoute) : '');
                runtime.saveState(POST_STATE.slot, plan.newSlot ?? '');
            },
            onStableRoute: (route) => runtime.saveState(POST_STATE.stableRoute, JSON.stringify(route)),
            // The post step writes this reason to GitHub, and it knows none of the config's secrets: mask it now.
            onStepsDone: (done) => {
                const reason = done.entry.reason === null ? null : runtime.logger.hide(done.entry.reason);
                runtime.saveState(POST_STATE.outcome, JSON.stringify({ ...done, entry: { ...done.entry, reason } }));
            },
        });
        if (!outcome.recordError)
            runtime.saveState(POST_STATE.finished, 'true');
        await writeOutcome(runtime, outcome);
    }
    catch (error) {
        runtime.fail(error);
    }
}
function readDeploySettings(runtime, adapters) {
    const raw = runtime.inputs(DEPLOY_INPUT_NAMES);
    if (raw['github-token'])
        runtime.logger.mask(raw['github-token']);
    const parsed = parseDeployInputs(raw, runtime.context);
    const { config } = adapters.loadConfig(parsed.configPath, runtime.context.workspace, 'deploy');
    const settings = resolveDeploySettings(config, parsed.inputs, parsed.configPath);
    for (const secret of configSecrets(settings))
        runtime.logger.mask(secret);
    return { parsed, settings };
}
/** SPEC §10: the config's header values (and their credential parts) and URL user-info are secrets too. */
function configSecrets(settings) {
    const http = settings.health.checks.flatMap((check) => (check.kind === 'http' ? [check] : []));
    return [
        ...http.flatMap((check) => Object.values(check.headers).flatMap(secrets/* headerSecrets */.n3)),
        ...http.flatMap((check) => (0,secrets/* urlSecrets */.Fn)(check.url)),
        ...(0,secrets/* urlSecrets */.Fn)(settings.analysis?.prometheusUrl ?? ''),
    ];
}
async function writeOutcome(runtime, outcome) {
    const { report } = outcome;
    runtime.setOutput('result', outcome.result);
    runtime.setOutput('version', report.version);
    runtime.setOutput('previous-version', report.previousVersion ?? '');
    runtime.setOutput('active-slot', outcome.state.activeSlot ?? '');
    runtime.setOutput('deployment-id', outcome.deploymentId ?? '');
    runtime.setOutput('failure-reason', report.failureReason ?? '');
    runtime.setOutput('report', JSON.stringify(report));
    runtime.showOutcome?.(report, outcome.plan?.steps.map((step) => step.name) ?? []);
    await runtime.appendSummary(await (0,deploy_summary.renderDeploySummary)(report, outcome.plan));
    // The deploy itself ended as its result says; failing to record it is its own error, not a failed deploy.
    // SPEC §5.2: exit 1 for failed, rolled-back and aborted (stopped before anything changed: a failed
    // preflight hook, or a drift).
    if (outcome.recordError)
        runtime.fail(outcome.recordError);
    else if (outcome.result === 'rolled-back' || outcome.result === 'failed' || outcome.result === 'aborted') {
        runtime.fail(new core_errors/* ShipgateError */.Yu('deploy-failed', `deploy: ${outcome.result}: ${report.failureReason ?? 'unknown reason'}`));
    }
}

// EXTERNAL MODULE: ./src/state/ports.ts
var state_ports = __nccwpck_require__(1425);
;// CONCATENATED MODULE: ./src/deploy/rollback.ts






/** There is nothing to roll back to: exit 1 saying so. */
class NothingToRollBackError extends core_errors/* ShipgateError */.Yu {
    constructor(message) {
        super('nothing-to-roll-back', message);
    }
}
/**
 * The default target (SPEC §5.3): the newest version, other than the active one, that took 100% of
 * traffic and that was not itself rolled back from (by a rollback, or a blue-green switch back). A
 * prepared-then-cancelled version, a failed or killed run never took all traffic. Pure; history is newest first.
 */
function chooseRollbackTarget(state) {
    const rolledBackFrom = new Set(state.history.flatMap((entry) => entry.kind === 'rollback' && entry.result === 'succeeded' && entry.rollbackOf ? [entry.rollbackOf] : []));
    const found = state.history.find((entry) => (0,state_ports/* servedFull */.V4)(entry) && entry.version !== state.activeVersion && !rolledBackFrom.has(entry.version));
    return found?.version ?? null;
}
/**
 * The run that was killed mid-change, if the newest run was: its traffic split or half-deployed slot is
 * still there until a rollback re-applies the stable route (SPEC §5.3).
 */
function killedRun(state) {
    const newest = state.history[0];
    return newest && (newest.killed === true || newest.finishedAt === null) ? newest : null;
}
/**
 * After a killed run: gate the stable slot, route all traffic back to it, and retire the slot the killed
 * run deployed to (after scale-down-delay, since it may have taken traffic).
 */
function restorePlan(settings, state, killed) {
    const slots = settings.target.slots;
    const stable = state.activeSlot;
    if (!slots || !stable) {
        throw new core_errors/* ShipgateError */.Yu('invalid-config', `rollback: re-applying the stable route needs target.slots and an active slot`);
    }
    const version = state.activeVersion ?? settings.version;
    const addresses = slots[stable];
    const leftover = killed.slot && killed.slot !== stable ? killed.slot : null;
    return {
        strategy: settings.strategy === 'rolling' ? 'blue-green' : settings.strategy,
        phase: 'full',
        version,
        previousVersion: version,
        stableSlot: stable,
        newSlot: stable,
        steps: [
            {
                kind: 'gate',
                name: `gate ${stable} (${version})`,
                version,
                slot: stable,
                addresses,
                mode: 'preview',
                watchMs: 0,
            },
            {
                kind: 'route',
                name: `route 100% back to ${stable}`,
                route: slotRoute(slots, { [stable]: 100 }),
                restoreOnUndo: false,
            },
            { kind: 'activate', name: `keep ${stable} active`, version, slot: stable },
            ...(leftover ? retireSteps(settings, leftover, killed.version, slots[leftover]) : []),
        ],
    };
}
/** The slot (not the active one) still up with `version`, if any: rolling back to it is one router update. */
function standbySlot(state, version) {
    for (const slot of vocabulary/* SLOTS */._f) {
        const held = state.slots[slot];
        if (slot !== state.activeSlot && held?.up && held.version === version)
            return slot;
    }
    return null;
}
/**
 * The switch back to a slot that still runs the target: gate it (no traffic yet), route 100% to it, make it
 * active, and retire the slot rolled back from after scale-down-delay. No deploy hook runs.
 */
function switchBackPlan(settings, state, slot) {
    const slots = settings.target.slots;
    // runRollback switches back only under a slot strategy, which resolveDeploySettings gives target.slots.
    if (!slots)
        throw new core_errors/* ShipgateError */.Yu('invalid-config', `rollback: switching back to ${slot} needs target.slots`);
    return {
        strategy: settings.strategy === 'rolling' ? 'blue-green' : settings.strategy,
        phase: 'full',
        version: settings.version,
        previousVersion: state.activeVersion,
        stableSlot: state.activeSlot,
        newSlot: slot,
        steps: [...switchBackSteps(settings, state, slots, slot), ...retireFromSteps(settings, state, slots)],
    };
}
function switchBackSteps(settings, state, slots, slot) {
    const from = state.activeSlot;
    const { version } = settings;
    const watchMs = settings.health.promotionWatchMs;
    const addresses = slots[slot];
    const watch = { kind: 'gate', name: `watch ${slot} at 100%`, version, slot, addresses, mode: 'watch', watchMs };
    return [
        {
            kind: 'gate',
            name: `gate ${slot} (${version}) before traffic`,
            version,
            slot,
            addresses,
            mode: 'preview',
            watchMs: 0,
        },
        {
            kind: 'route',
            name: `route 100% back to ${slot}`,
            route: slotRoute(slots, from ? { [from]: 0, [slot]: 100 } : { [slot]: 100 }),
            restoreOnUndo: true,
        },
        ...(watchMs > 0 ? [watch] : []),
        { kind: 'activate', name: `make ${slot} active`, version, slot },
    ];
}
/** The slot rolled back from, if it runs, is retired after scale-down-delay. */
function retireFromSteps(settings, state, slots) {
    const from = state.activeSlot;
    if (!from || !state.slots[from]?.up)
        return [];
    return retireSteps(settings, from, state.slots[from]?.version ?? state.activeVersion ?? '', slots[from]);
}
/** A rollback redeploys with the configured strategy, but without canary pauses and always undoing on failure. */
function rollbackSettings(settings, version) {
    return {
        ...settings,
        version,
        phase: 'full',
        dryRun: false,
        rollbackOnError: true,
        canarySteps: settings.canarySteps.map((step) => ({ ...step, pauseMs: 0 })),
    };
}
/**
 * A rollback (SPEC §5.3): picks the target, then either switches traffic back to the slot that still runs
 * it, or deploys it with the configured strategy (no canary pauses), gated. It is recorded as a deploy of
 * kind `rollback` (GitHub: task `deploy:rollback`) with `rollbackOf`. A target that fails its gate is
 * undone like any deploy: traffic stays where it was, and the result is `failed`.
 */
async function runRollback(request, settingsFor, ports, options = {}) {
    const key = { service: request.service, environment: request.environment };
    const where = `${key.service}/${key.environment}`;
    const state = await ports.store.read(key);
    const killed = killedRun(state);
    const { from, target } = rollbackTarget(state, request, where, killed);
    if (target === from && killed)
        return restoreAfterKilled(request, settingsFor(target), ports, { state, killed, options });
    if (target === from) {
        ports.logger.info(`rollback: ${target} is already the active version of ${where}; nothing to do`);
        const nothing = { deploymentId: null, report: null, plan: null, failureReason: null };
        return { ...nothing, result: 'noop', fromVersion: from, toVersion: target, method: null };
    }
    const settings = rollbackSettings(settingsFor(target), target);
    const standby = settings.strategy === 'rolling' ? null : standbySlot(state, target);
    // The slot a killed run deployed to runs something half done: never switched back to.
    const slot = standby && standby !== killed?.slot ? standby : null;
    ports.logger.info(slot
        ? `rollback: ${where} from ${from} to ${target}: ${slot} still runs it; switching traffic back`
        : `rollback: ${where} from ${from} to ${target}: deploying it (${settings.strategy}, no canary pauses)`);
    const outcome = await runDeploy(settings, ports, {
        kind: 'rollback',
        rollbackOf: from,
        ...(slot ? { plan: (current) => switchBackPlan(settings, current, slot) } : {}),
        ...(request.reason ? { report: { rollbackReason: request.reason } } : {}),
        ...(options.onBegin ? { onBegin: options.onBegin } : {}),
    });
    const ok = outcome.result === 'succeeded';
    return {
        result: ok ? 'rolled-back' : 'failed',
        fromVersion: from,
        toVersion: target,
        deploymentId: outcome.deploymentId,
        method: slot ? 'switch' : 'redeploy',
        failureReason: ok ? null : (outcome.report.failureReason ?? `rollback to ${target} ${outcome.result}`),
        report: outcome.report,
        plan: outcome.plan,
    };
}
/**
 * Rolling back to the active version after a killed run: re-apply the stable route and retire what the
 * killed run started (slots), or redeploy the active version everywhere (rolling).
 */
async function restoreAfterKilled(request, base, ports, run) {
    const { state, killed, options } = run;
    const from = state.activeVersion ?? killed.version;
    const settings = rollbackSettings(base, from);
    ports.logger.warning(`rollback: the last run (${killed.kind} ${killed.version}, ${killed.runUrl ?? 'no run URL'}) was killed mid-change; re-applying the stable route to ${from} and retiring what it started`);
    const slotted = settings.strategy !== 'rolling';
    const outcome = await runDeploy(settings, ports, {
        kind: 'rollback',
        rollbackOf: killed.version,
        ...(slotted ? { plan: (current) => restorePlan(settings, current, killed) } : {}),
        ...(request.reason ? { report: { rollbackReason: request.reason } } : {}),
        ...(options.onBegin ? { onBegin: options.onBegin } : {}),
    });
    const ok = outcome.result === 'succeeded';
    return {
        result: ok ? 'rolled-back' : 'failed',
        fromVersion: killed.version,
        toVersion: from,
        deploymentId: outcome.deploymentId,
        method: slotted ? 'switch' : 'redeploy',
        failureReason: ok ? null : (outcome.report.failureReason ?? `rollback to ${from} ${outcome.result}`),
        report: outcome.report,
        plan: outcome.plan,
    };
}
/**
 * The active version and the one to roll back to (the request's, or the default target), or why there is
 * none. After a killed run the default is the active version: its stable route is re-applied.
 */
function rollbackTarget(state, request, where, killed) {
    const from = state.activeVersion;
    if (!from) {
        throw new NothingToRollBackError(`rollback: nothing is deployed to ${where} (no active version in the state); nothing to roll back`);
    }
    const target = request.toVersion ?? (killed ? from : chooseRollbackTarget(state));
    if (!target) {
        const entries = `${state.history.length} entr${state.history.length === 1 ? 'y' : 'ies'}`;
        throw new NothingToRollBackError(`rollback: ${where} has no earlier good version to roll back to: no deploy or rollback other than the active ${from} succeeded (history holds ${entries})`);
    }
    return { from, target };
}

;// CONCATENATED MODULE: ./src/deploy/rollback-action.ts





/**
 * The rollback action: read the inputs and the config once, check them before anything changes, roll
 * back (switch or redeploy), write the outputs and the summary.
 */
async function rollback_action_run(runtime, adapters) {
    try {
        const { parsed, settingsFor } = readRollbackSettings(runtime, adapters);
        // Checked before anything changes: the service and environment exist and the strategy has what it needs.
        const settings = settingsFor(parsed.toVersion ?? '-');
        const ports = await deployPorts(runtime, adapters, settings, parsed);
        runtime.setOutput('result', 'failed');
        const request = {
            service: parsed.service,
            environment: parsed.environment,
            ...(parsed.toVersion ? { toVersion: parsed.toVersion } : {}),
            ...(parsed.reason ? { reason: parsed.reason } : {}),
        };
        await rollback_action_writeOutcome(runtime, parsed, await runRollback(request, settingsFor, ports));
    }
    catch (error) {
        runtime.fail(error);
    }
}
function readRollbackSettings(runtime, adapters) {
    const raw = runtime.inputs(ROLLBACK_INPUT_NAMES);
    if (raw['github-token'])
        runtime.logger.mask(raw['github-token']);
    const parsed = parseRollbackInputs(raw, runtime.context);
    const { config } = adapters.loadConfig(parsed.configPath, runtime.context.workspace, 'rollback');
    const inputs = {
        service: parsed.service,
        environment: parsed.environment,
        phase: 'full',
        rollbackOnError: true,
        dryRun: false,
    };
    return {
        parsed,
        settingsFor: (version) => resolveDeploySettings(config, { ...inputs, version }, parsed.configPath),
    };
}
async function rollback_action_writeOutcome(runtime, parsed, outcome) {
    runtime.setOutput('result', outcome.result);
    runtime.setOutput('from-version', outcome.fromVersion ?? '');
    runtime.setOutput('to-version', outcome.toVersion ?? '');
    runtime.setOutput('deployment-id', outcome.deploymentId ?? '');
    if (outcome.report) {
        runtime.setOutput('report', JSON.stringify(outcome.report));
        runtime.showOutcome?.(outcome.report, outcome.plan?.steps.map((step) => step.name) ?? []);
        const { renderDeploySummary } = await Promise.resolve(/* import() */).then(__nccwpck_require__.bind(__nccwpck_require__, 5539));
        await runtime.appendSummary(await renderDeploySummary(outcome.report, outcome.plan));
    }
    else {
        runtime.logger.info(`rollback: ${outcome.toVersion} is already the active version; nothing to do`);
        await runtime.appendSummary(`### shipgate rollback: ${parsed.service}/${parsed.environment}: ⏸️ nothing to do\n\n${outcome.toVersion} is already the active version.\n`);
    }
    if (outcome.result === 'failed') {
        const leftAlone = outcome.report?.result === 'rolled-back' ? '; traffic was left where it was' : '';
        runtime.fail(new core_errors/* ShipgateError */.Yu('rollback-failed', `rollback: failed: ${outcome.failureReason ?? 'unknown reason'}${leftAlone}`));
    }
}

// EXTERNAL MODULE: ./src/state/lock-liveness.ts
var lock_liveness = __nccwpck_require__(326);
;// CONCATENATED MODULE: ./src/deploy/unlock-action.ts




/** The lock's holder runs: unlocking it would let two deploys change the same slots. */
class LockAliveError extends core_errors/* ShipgateError */.Yu {
    constructor(where, lock) {
        const process = (0,lock_liveness/* processOf */.h)(lock);
        const runs = process ? `process ${process.pid} still runs on ${process.host}` : 'process still runs';
        super('lock-alive', `unlock: ${where} is locked by ${lock.holder} since ${lock.since}, whose ${runs}; stop it first (Ctrl-C routes traffic back), or wait for it`);
    }
}
/**
 * `shipgate unlock --environment E [--service S]` (SPEC §8a): releases a lock whose holder is dead or
 * killed, naming it, and records its unfinished run as killed in the history, so that `rollback`
 * re-applies the stable route. A holder still running on this host is refused; one that cannot be told
 * from here (a GitHub run, another host) is released on the operator's word.
 */
async function unlock_action_run(runtime, adapters) {
    try {
        const parsed = parseRollbackInputs(runtime.inputs(ROLLBACK_INPUT_NAMES), runtime.context);
        const { context, logger } = runtime;
        const { config } = adapters.loadConfig(parsed.configPath, context.workspace, 'unlock');
        const inputs = { service: parsed.service, environment: parsed.environment, version: '-' };
        // The service and environment must exist: a typo must not "unlock" nothing and say so happily.
        const settings = resolveDeploySettings(config, { ...inputs, phase: 'full', rollbackOnError: true, dryRun: false }, parsed.configPath);
        const store = await adapters.createStateStore({ ...parsed, context, logger });
        const { holder } = adapters.buildDeployPorts(settings, { store, context, logger });
        const key = { service: parsed.service, environment: parsed.environment };
        const where = `${key.service}/${key.environment}`;
        const held = await store.readLock(key);
        const alive = held ? (0,lock_liveness/* liveness */.Q)(held, held.expiresAt).alive : undefined;
        if (held && alive === 'alive')
            throw new LockAliveError(where, held);
        const released = held ? await store.unlock(key, holder) : null;
        runtime.setOutput('result', released ? 'unlocked' : 'noop');
        if (!released)
            return logger.info(`unlock: ${where} is not locked; nothing to do`);
        const state = alive === 'dead' || alive === 'expired' ? 'dead or expired' : 'not known to be running';
        logger.warning(`unlock: released the lock of ${where} held by ${released.holder} since ${released.since} (${state}); its unfinished run is recorded as killed: run 'shipgate rollback' to re-apply the stable route`);
    }
    catch (error) {
        runtime.fail(error);
    }
}

;// CONCATENATED MODULE: ./src/cli/terminal.ts
const sgr = (open, close) => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const COLOUR = {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
};
const plain = (text) => text;
const PLAIN = { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
/** Colour when the stream is a TTY and NO_COLOR is unset or empty. */
function styleFor(isTty, env) {
    return isTty && !env.NO_COLOR ? COLOUR : PLAIN;
}
const ANSI = /\u001b\[[0-9;]*m/g;
/** Columns a string takes (SGR codes take none). */
function visibleLength(text) {
    return [...text.replace(ANSI, '')].length;
}
/**
 * Rows as aligned columns (two spaces apart), the header first. With `width` (a TTY's columns), each
 * line is cut to fit, so a long reason does not wrap the table apart.
 */
function table(header, rows, width) {
    const all = [header, ...rows];
    const widths = header.map((_, column) => Math.max(...all.map((row) => visibleLength(row[column] ?? ''))));
    return all.map((row) => {
        const cells = row.map((cell, column) => column === row.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - visibleLength(cell)));
        const line = `  ${cells.join('  ')}`.trimEnd();
        return fitLine(line, width);
    });
}
/** Cuts a line to `width` columns with an ellipsis (plain text only: a coloured line is left alone). */
function fitLine(line, width) {
    if (!width || width < 20 || visibleLength(line) <= width || line !== line.replace(ANSI, ''))
        return line;
    return `${[...line].slice(0, width - 1).join('')}…`;
}

;// CONCATENATED MODULE: ./src/cli/outcome-text.ts


const HEADLINE = {
    succeeded: '✅ succeeded',
    'rolled-back': '↩️ rolled back',
    failed: '❌ failed',
    aborted: '⛔ aborted (nothing changed)',
    planned: '📝 planned (dry run)',
    noop: '⏸️ nothing to do',
};
const ms = (from, to) => (to ? Date.parse(to) - Date.parse(from) : 0);
function colourOf(result, style) {
    switch (result) {
        case 'succeeded':
        case 'noop':
        case 'planned':
            return style.green;
        case 'rolled-back':
        case 'aborted':
            return style.yellow;
        case 'failed':
            return style.red;
        default: {
            const never = result;
            throw new Error(`unknown result ${String(never)}`);
        }
    }
}
/**
 * A deploy's or rollback's outcome as a person reads it in a terminal (the job summary's content without
 * its Markdown): the headline, why it failed and what the rollback did, the plan of a dry run, each step
 * with its outcome, time and gate verdict, and the checks and metrics a failed gate measured.
 */
function renderOutcomeText(report, planSteps, options) {
    const { style, width } = options;
    const lines = [...headline(report, style), ...whyLines(report, style)];
    if (report.result === 'planned') {
        lines.push('', style.bold('plan:'), ...planSteps.map((step, index) => fitLine(`  ${index + 1}. ${step}`, width)));
    }
    else if (report.steps.length > 0) {
        lines.push('', style.bold('steps:'), ...stepTable(report.steps, options));
        lines.push(...report.steps.flatMap((step) => evidence(step, options)));
    }
    return `${lines.join('\n')}\n`;
}
function headline(report, style) {
    const result = colourOf(report.result, style)(HEADLINE[report.result]);
    const title = report.operation === 'rollback'
        ? `shipgate rollback: ${report.service} ${report.previousVersion ?? '–'} → ${report.version} on ${report.environment}: ${result}`
        : `shipgate deploy: ${report.service} ${report.version} → ${report.environment}: ${result}`;
    const facts = [
        `strategy ${report.strategy}`,
        `previous version ${report.previousVersion ?? '–'}`,
        `active slot ${report.activeSlot ?? '–'}`,
        `took ${(0,duration/* formatDuration */.a3)(ms(report.startedAt, report.finishedAt))}`,
        ...(report.deploymentId !== undefined ? [`deployment ${report.deploymentId}`] : []),
    ];
    return [
        style.bold(title),
        style.dim(`  ${facts.join(' · ')}`),
        ...(report.rollbackReason ? [`  reason: ${report.rollbackReason}`] : []),
    ];
}
function whyLines(report, style) {
    const lines = [];
    if (report.failureReason)
        lines.push(`${style.red('why:')} ${report.failureReason}`);
    if (report.rollback.attempted) {
        lines.push(report.rollback.succeeded
            ? `${style.yellow('rollback:')} every step was undone; traffic is back on the stable version`
            : `${style.red('rollback failed:')} ${(report.rollback.failures ?? []).join('; ')}`);
    }
    return lines;
}
const OUTCOME_MARK = { succeeded: '✓', failed: '✗', skipped: '-', cancelled: '■' };
function stepTable(steps, options) {
    const { style, width } = options;
    const paint = (outcome) => outcome === 'succeeded' ? style.green(outcome) : outcome === 'failed' ? style.red(outcome) : style.yellow(outcome);
    const rows = steps.map((step, index) => [
        String(index + 1),
        `${step.rollback ? 'rollback: ' : ''}${step.name}`,
        `${OUTCOME_MARK[step.outcome] ?? ''} ${paint(step.outcome)}`,
        (0,duration/* formatDuration */.a3)(ms(step.startedAt, step.finishedAt)),
        stepDetail(step),
    ]);
    return table(['#', 'step', 'outcome', 'took', 'detail'], rows, width);
}
function stepDetail(step) {
    const hooks = (step.hooks ?? []).map((hook) => `${hook.name} exit ${hook.exitCode ?? (hook.timedOut ? 'timeout' : 'killed')}`);
    return [
        step.gate ? `gate ${step.gate.verdict}${step.gate.reason ? `: ${step.gate.reason}` : ''}` : '',
        ...hooks,
        step.error && !step.gate ? step.error : '',
    ]
        .filter(Boolean)
        .join('; ');
}
/** A failed gate's evidence: each URL's verdict, then each metric's measurements. Passed gates stay one row. */
function evidence(step, options) {
    if (!step.gate || step.gate.verdict === 'passed')
        return [];
    const checks = step.gate.checks ?? [];
    const metrics = step.gate.metrics ?? [];
    return [
        '',
        options.style.bold(`${step.name}: gate ${step.gate.verdict}`),
        ...(checks.length
            ? table(['URL', 'verdict', 'attempts', 'last', 'p50', 'p95', 'reason'], checks.map(checkRow))
            : []),
        ...metrics.flatMap((metric) => metricLines(metric, options)),
    ].map((line) => fitLine(line, options.width));
}
function checkRow(check) {
    const latency = (value) => (value != null ? `${value}ms` : '–');
    return [
        check.url,
        check.verdict,
        String(check.attempts ?? ''),
        String(check.lastStatus ?? '–'),
        latency(check.latencyMs?.p50),
        latency(check.latencyMs?.p95),
        (check.reason ?? '').replace(`${check.url}: `, ''),
    ];
}
function metricLines(metric, options) {
    const head = `  metric ${metric.name}: ${metric.verdict}${metric.condition ? ` (pass: ${metric.condition})` : ''}${metric.dryRun ? ' [dry-run]' : ''}`;
    const rows = (metric.measurements ?? []).map((m) => [
        m.at.slice(11, 19),
        m.raw ?? (m.value === null ? '–' : String(m.value)),
        m.verdict,
        m.error ?? '',
    ]);
    const query = metric.query ? [options.style.dim(`    query: ${metric.query}`)] : [];
    return [
        head,
        ...query,
        ...(rows.length ? table(['at', 'value', 'verdict', 'error'], rows).map((l) => `  ${l}`) : []),
    ];
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./src/cli/status-command.ts






/**
 * `shipgate status`: reads the state store (file or github, as deploy does), the lock, and — where the
 * router can be read back (nginx's upstream file) — the traffic as it really is, and says where that
 * differs from the record. An unknown service or environment is an error (exit 1), not an empty state.
 */
async function readStatus(runtime, adapters) {
    const raw = runtime.inputs([...ROLLBACK_INPUT_NAMES]);
    const parsed = parseRollbackInputs(raw, runtime.context, 'status');
    const { config } = adapters.loadConfig(parsed.configPath, runtime.context.workspace, 'status');
    const key = { service: parsed.service, environment: parsed.environment };
    checkKnown(config, key, parsed.configPath);
    const inputs = { ...key, version: '-', phase: 'full', rollbackOnError: true, dryRun: false };
    const settings = resolveDeploySettings(config, inputs, parsed.configPath);
    const { context, logger } = runtime;
    const store = await adapters.createStateStore({ ...parsed, context, logger });
    const state = await store.read(key);
    const weights = readWeights(settings, state, context.workspace);
    const target = await observeTarget(adapters, settings, { store, state, runtime });
    return {
        ...key,
        activeVersion: state.activeVersion,
        activeSlot: state.activeSlot,
        slots: state.slots,
        instances: state.instances,
        weights,
        target: target.lines,
        lock: await readLock(store, key),
        drift: [...driftOf(settings, state, weights), ...target.drift],
        history: state.history.slice(0, 10),
    };
}
/**
 * For a target that can tell what runs (swarm), what it runs and the drift from the record (SPEC §8a),
 * through the deploy's own ports. A daemon that cannot be read is shown, not fatal.
 */
async function observeTarget(adapters, settings, request) {
    if (settings.target.kind !== 'swarm')
        return { lines: [], drift: [] };
    const { store, state, runtime } = request;
    const { context, logger } = runtime;
    const { orchestrator } = adapters.buildDeployPorts(settings, { store, context, logger });
    if (!orchestrator)
        return { lines: [], drift: [] };
    try {
        const observation = await orchestrator.observe(state);
        return { lines: [...observation.lines], drift: observation.drift ? [observation.drift] : [] };
    }
    catch (error) {
        return { lines: [`cannot tell what Swarm runs: ${(0,core_errors/* errorMessage */.gJ)(error)}`], drift: [] };
    }
}
function checkKnown(config, key, file) {
    const service = config.services[key.service];
    if (!service) {
        const known = Object.keys(config.services).join(', ') || 'none';
        throw new core_errors/* ShipgateError */.Yu('unknown-service', `status: no service '${key.service}' in ${file} (it has ${known})`);
    }
    if (!service.environments[key.environment]) {
        const known = Object.keys(service.environments).join(', ') || 'none';
        throw new core_errors/* ShipgateError */.Yu('unknown-environment', `status: service '${key.service}' has no environment '${key.environment}' in ${file} (it has ${known})`);
    }
}
/** What the record says traffic should be: 100% on the active slot, or an equal share per instance. */
function recordedWeights(settings, state) {
    if (settings.strategy !== 'rolling')
        return state.activeSlot ? { [state.activeSlot]: 100 } : {};
    const instances = settings.target.instances ?? [];
    return Object.fromEntries(instances.map((instance) => [instance, Math.round(100 / instances.length)]));
}
/** nginx: the upstream file as written (`server ADDR weight=N;`), in percent per slot or instance. */
function readWeights(settings, state, workspace) {
    const recorded = recordedWeights(settings, state);
    const { router } = settings;
    if (router.kind !== 'nginx') {
        const note = router.kind === 'none' ? 'no router' : 'a command router cannot be read back';
        return { source: 'record', weights: recorded, note };
    }
    const fs = process.getBuiltinModule('node:fs');
    const path = (0,external_node_path_.isAbsolute)(router.upstreamFile) ? router.upstreamFile : (0,external_node_path_.resolve)(workspace, router.upstreamFile);
    let text;
    try {
        text = fs.readFileSync(path, 'utf8');
    }
    catch (error) {
        const code = error.code ?? 'unreadable';
        return { source: 'record', weights: recorded, note: `${router.upstreamFile} is ${code}` };
    }
    const servers = [...text.matchAll(/^\s*server\s+(\S+?)(?:\s+weight=(\d+))?\s*;/gm)].map((match) => ({
        address: match[1] ?? '',
        weight: Number(match[2] ?? '1'),
    }));
    return { source: 'router', weights: percentages(settings, servers) };
}
function percentages(settings, servers) {
    const total = servers.reduce((sum, server) => sum + server.weight, 0) || 1;
    const share = (addresses) => Math.round((servers.filter((server) => addresses.includes(server.address)).reduce((sum, s) => sum + s.weight, 0) * 100) /
        total);
    const slots = settings.target.slots;
    if (settings.strategy !== 'rolling' && slots) {
        return Object.fromEntries(vocabulary/* SLOTS */._f.map((slot) => [slot, share(slots[slot])]).filter(([, weight]) => weight !== 0));
    }
    return Object.fromEntries((settings.target.instances ?? []).map((instance) => [instance, share([instance])]));
}
/** Where the router's traffic differs from the record (a killed run's split, a hand edit). */
function driftOf(settings, state, weights) {
    if (weights.source !== 'router')
        return [];
    const recorded = recordedWeights(settings, state);
    const names = [...new Set([...Object.keys(recorded), ...Object.keys(weights.weights)])];
    const differs = names.some((name) => Math.abs((recorded[name] ?? 0) - (weights.weights[name] ?? 0)) > 1);
    if (!differs || Object.keys(recorded).length === 0)
        return [];
    const show = (w) => Object.entries(w)
        .map(([name, weight]) => `${name}=${weight}%`)
        .join(' ') || 'nothing';
    return [
        `the router sends ${show(weights.weights)}; the record says ${show(recorded)} (a run killed mid-change? 'shipgate rollback' re-applies the stable route)`,
    ];
}
/** The store's lock, with whether its holder still runs (one `liveness()` for status, unlock and the file store). */
async function readLock(store, key) {
    const lock = await store.readLock(key);
    if (!lock)
        return null;
    const { holder, since, expiresAt } = lock;
    return { holder, since, ...(expiresAt ? { expiresAt } : {}), ...(0,lock_liveness/* liveness */.Q)(lock, expiresAt) };
}
/** Re-exported where `status` has always had it. */


;// CONCATENATED MODULE: ./src/cli/status-view.ts



/** The history entry's phase, when the store records one (blue-green prepare, switch, …). */
const phaseOf = (entry) => entry.phase;
const took = (entry) => entry.finishedAt ? (0,duration/* formatDuration */.a3)(Date.parse(entry.finishedAt) - Date.parse(entry.startedAt)) : '–';
/** `shipgate status` for a person at a terminal: what runs where, traffic, the lock, drift, the last deploys. */
function renderStatus(view, style, width) {
    const lines = [
        style.bold(`${view.service}/${view.environment}`),
        `  active version: ${view.activeVersion ?? '(none)'}${view.activeSlot ? ` on ${view.activeSlot}` : ''}`,
        ...vocabulary/* SLOTS */._f.filter((slot) => view.slots[slot]).map((slot) => `  ${slot}: ${view.slots[slot]?.version} (${view.slots[slot]?.up ? 'up' : 'retired'})`),
        ...Object.entries(view.instances).map(([instance, version]) => `  ${instance}: ${version}`),
        `  traffic: ${weightsLine(view.weights)}`,
        ...(view.target.length === 0 ? [] : ['  swarm runs:', ...view.target.map((line) => fitLine(`    ${line}`, width))]),
        `  lock: ${lockLine(view.lock, style)}`,
        ...killedRunLines(view, style),
        ...(view.drift.length === 0 ? [] : view.drift.map((line) => fitLine(`  ${style.yellow('drift:')} ${line}`, width))),
        '',
        style.bold('history (newest first):'),
        ...historyLines(view.history, style, width),
    ];
    return `${lines.join('\n')}\n`;
}
function weightsLine(view) {
    const entries = Object.entries(view.weights);
    const weights = entries.length ? entries.map(([name, weight]) => `${name}=${weight}%`).join(' ') : 'none';
    const from = view.source === 'router' ? 'as the router has it' : `as recorded${view.note ? `; ${view.note}` : ''}`;
    return `${weights} (${from})`;
}
function lockLine(lock, style) {
    if (!lock)
        return 'free';
    const alive = lock.alive === 'alive' ? style.green('alive') : lock.alive === 'unknown' ? 'unknown' : style.red(lock.alive);
    return `held by ${lock.holder} since ${lock.since}; holder ${alive} (${lock.why})`;
}
/**
 * The newest run was killed before it recorded its outcome (recorded as killed, or unfinished with no lock
 * left): traffic may be split and a slot half deployed (SPEC §8a).
 */
function killedRunLines(view, style) {
    const last = view.history[0];
    if (!last || !(last.killed || (last.finishedAt === null && !view.lock)))
        return [];
    return [
        `  ${style.red('!')} the last run (${last.version}) was killed mid-change: 'shipgate rollback' re-applies the stable route`,
    ];
}
function historyLines(history, style, width) {
    if (history.length === 0)
        return ['  (none)'];
    const paint = (entry) => {
        if (!entry.finishedAt)
            return style.yellow('in progress');
        if (entry.result === 'succeeded' || entry.result === 'noop')
            return style.green(entry.result);
        return entry.result === 'failed' ? style.red(entry.result) : style.yellow(entry.result);
    };
    const rows = history.map((entry) => [
        entry.startedAt,
        entry.kind,
        phaseOf(entry) ?? '–',
        entry.version,
        entry.strategy,
        paint(entry),
        took(entry),
        entry.finishedAt ? (entry.reason ?? '') : '',
    ]);
    return table(['started', 'kind', 'phase', 'version', 'strategy', 'outcome', 'took', 'reason'], rows, width);
}

;// CONCATENATED MODULE: ./src/cli/print.ts




/**
 * Exit codes (SPEC §8a): 0 succeeded / noop / planned, 1 failed / rolled back / aborted. For the rollback
 * command `rolled-back` is what it was asked to do, so it exits 0 with it.
 */
const FAILED_RESULTS = {
    deploy: new Set(['failed', 'rolled-back', 'aborted']),
    rollback: new Set(['failed', 'aborted']),
};
/**
 * After a deploy or rollback: its outcome on stdout, as text for a person or (--json) the report as one
 * JSON document. Errors before there was an outcome are already on stderr; stdout then stays empty.
 */
function printOutcome(runtime, operation, json) {
    const shown = runtime.outcome();
    const result = runtime.outputs.get('result');
    if (result && FAILED_RESULTS[operation].has(result) && !process.exitCode)
        process.exitCode = 1;
    if (shown) {
        const style = styleFor(runtime.stdout.tty, runtime.env);
        const width = runtime.stdout.tty ? runtime.stdout.columns : undefined;
        runtime.print(json
            ? `${JSON.stringify(shown.report, null, 2)}\n`
            : renderOutcomeText(shown.report, shown.planSteps, { style, ...(width ? { width } : {}) }));
        return;
    }
    if (result !== 'noop')
        return;
    // A rollback to the version already active has no report: what it would have done, and that it did not.
    const to = runtime.outputs.get('to-version') ?? '';
    runtime.print(json
        ? `${JSON.stringify({ operation: 'rollback', result, fromVersion: runtime.outputs.get('from-version') || null, toVersion: to || null }, null, 2)}\n`
        : `shipgate rollback: nothing to do: ${to} is already the active version\n`);
}
/** `shipgate status`: text for a person, or (--json) the same facts as one JSON document. */
async function printStatus(runtime, adapters, json) {
    try {
        const view = await readStatus(runtime, adapters);
        const style = styleFor(runtime.stdout.tty, runtime.env);
        runtime.print(json
            ? `${JSON.stringify(view, null, 2)}\n`
            : renderStatus(view, style, runtime.stdout.tty ? runtime.stdout.columns : undefined));
    }
    catch (error) {
        runtime.fail(error);
    }
}
/** After `shipgate unlock`: what it did (its warning, on stderr, names the holder); --json: one document. */
function printUnlock(runtime, json) {
    const result = runtime.outputs.get('result');
    if (!result)
        return;
    runtime.print(json
        ? `${JSON.stringify({ operation: 'unlock', result }, null, 2)}\n`
        : `shipgate unlock: ${result === 'unlocked' ? 'released the lock' : 'nothing to do: not locked'}\n`);
}

;// CONCATENATED MODULE: ./src/cli/commands.ts





/** Help for each input that is a flag; an input without an entry here still is one, with a generic line. */
const FLAG_HELP = {
    service: { value: 'NAME', help: 'the service; may be left out when the config has only one' },
    environment: { value: 'ENV', help: 'the environment, e.g. production' },
    version: { value: 'VERSION', help: 'the version to deploy (an image tag, a SHA, …)' },
    strategy: { value: 'STRATEGY', help: 'rolling, blue-green or canary (default: the config’s, else rolling)' },
    phase: { value: 'PHASE', help: 'blue-green: prepare, switch, finalize, cancel or full (default full)' },
    config: { value: 'FILE', help: 'the config file (default .github/shipgate.yml)' },
    'rollback-on-error': { value: 'BOOL', help: 'roll back when a step fails: true or false (default true)' },
    'dry-run': { help: 'print the plan, change nothing' },
    force: { help: 'deploy even when the version is active, or the target drifted from the record' },
    state: { value: 'KIND', help: 'file, github or auto (default auto: file outside GitHub Actions)' },
    'state-file': { value: 'FILE', help: 'the file state store (default .shipgate/state.json)' },
    'to-version': { value: 'VERSION', help: 'the version to roll back to (default: the last good one before)' },
    reason: { value: 'TEXT', help: 'why, for the history and the incident' },
};
/** Switches: present means true. */
const SWITCHES = new Set(['dry-run', 'force']);
/** The flags of an action's inputs; the token is never a flag (it would end up in shell history). */
function flagsOf(inputs) {
    return inputs
        .filter((name) => name !== 'github-token')
        .map((name) => {
        const { value, help } = FLAG_HELP[name] ?? { help: `the action's '${name}' input` };
        return SWITCHES.has(name) ? { name, help } : { name, value: value ?? 'VALUE', help };
    });
}
const COMMANDS = [
    {
        name: 'deploy',
        summary: 'deploy a version with its strategy, every step gated, rolled back on failure',
        description: 'Runs the deploy action’s engine from here: the plan, the gates, the rollback on failure, the state and\nthe lock are the same as in GitHub Actions. Ctrl-C stops the step in flight and routes traffic back.',
        flags: flagsOf(DEPLOY_INPUT_NAMES),
        required: ['environment', 'version'],
        run: async (runtime, adapters, { json }) => {
            await run(runtime, adapters.deploy);
            printOutcome(runtime, 'deploy', json);
        },
    },
    {
        name: 'rollback',
        summary: 'go back to the last good version (or --to-version), and verify it',
        description: 'Routes traffic back to the slot that still runs the target version, or redeploys it, and gates it.\nAlso finishes what a killed run left half done.',
        flags: flagsOf(ROLLBACK_INPUT_NAMES),
        required: ['environment'],
        run: async (runtime, adapters, { json }) => {
            await rollback_action_run(runtime, adapters.deploy);
            printOutcome(runtime, 'rollback', json);
        },
    },
    {
        name: 'status',
        summary: 'what runs where, the traffic, the lock and the last deploys',
        description: 'Shows the active version and slot, the traffic weights (read back from nginx’s upstream file where\nthere is one, with any drift from the record), the lock and whether its holder is alive, and the last 10\nentries of the history.',
        flags: flagsOf(['service', 'environment', 'config', 'state', 'state-file']),
        required: ['environment'],
        run: (runtime, adapters, { json }) => printStatus(runtime, adapters.deploy, json),
    },
    {
        name: 'unlock',
        summary: 'release the lock of a run that was killed, and record that run as killed',
        description: 'Releases the deploy lock when its holder is dead or cannot be told from here (a GitHub run, another host),\nnaming it, and records its unfinished run as killed in the history. A holder still running on this host\nis refused. Then `shipgate rollback` re-applies the stable route.',
        flags: flagsOf(['service', 'environment', 'config', 'state', 'state-file']),
        required: ['environment'],
        run: async (runtime, adapters, { json }) => {
            await unlock_action_run(runtime, adapters.deploy);
            printUnlock(runtime, json);
        },
    },
];

;// CONCATENATED MODULE: ./src/cli/help.ts
/** Every command takes these. */
const COMMON_FLAGS = [
    { name: 'json', help: 'print the report (status: the state) as one JSON document on stdout; logs stay on stderr' },
    { name: 'help', help: 'this help' },
];
const EXIT_CODES = 'exit codes: 0 succeeded, noop or planned · 1 failed, rolled back or aborted · 2 usage error';
const flagText = (flag) => `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
/** `shipgate deploy --environment ENV --version VERSION [flags]`: the required flags, then the rest. */
function usageLine(command) {
    const required = command.required
        .map((name) => command.flags.find((flag) => flag.name === name))
        .filter((flag) => flag !== undefined)
        .map(flagText);
    return `shipgate ${command.name} ${[...required, '[flags]'].join(' ')}`;
}
/** `shipgate <command> --help`: usage, what it does, every flag with its help, the exit codes. */
function commandHelp(command) {
    const flags = [...command.flags, ...COMMON_FLAGS];
    const width = Math.max(...flags.map((flag) => flagText(flag).length));
    const rows = flags.map((flag) => {
        const required = command.required.includes(flag.name) ? ' (required)' : '';
        return `  ${flagText(flag).padEnd(width)}  ${flag.help}${required}`;
    });
    return [
        `usage: ${usageLine(command)}`,
        '',
        command.description,
        '',
        'flags:',
        ...rows,
        '',
        'The github state store reads GITHUB_TOKEN and GITHUB_REPOSITORY (and GITHUB_SHA) from the environment.',
        EXIT_CODES,
        '',
    ].join('\n');
}
/** `shipgate --help`: the commands, one line each. */
function overview(commands) {
    const width = Math.max(...commands.map((command) => command.name.length), 'help'.length);
    return [
        'usage: shipgate <command> [flags]',
        '',
        'The engine of the shipgate GitHub actions, from a terminal: for when GitHub is down and production is not.',
        '',
        'commands:',
        ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
        `  ${'help'.padEnd(width)}  this overview; 'shipgate help <command>' or 'shipgate <command> --help' for a command`,
        '',
        'Flags are the actions’ inputs, with the same defaults (config .github/shipgate.yml, state .shipgate/state.json).',
        EXIT_CODES,
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/cli/cli.ts



/** A usage error: one line, and a hint that says where the help is; exit code 2. */
class UsageProblem {
    message;
    constructor(message) {
        this.message = message;
    }
}
const DEFAULT_CONFIG = '.github/shipgate.yml';
/**
 * `shipgate <command> [flags]`. Each command is an action's `run` function with the flags as its inputs
 * (src/cli/commands.ts). Arguments are parsed with node:util's parseArgs and our own help text: a
 * library (commander, yargs) would add start-up time for what one table and two functions do.
 */
async function runCli(argv, runtime, adapters, env = process.env, commands = COMMANDS) {
    const [name, ...rest] = argv;
    if (name === undefined)
        return runtime.usage('which command?', overview(commands).trimEnd());
    if (name === 'help' || name === '--help' || name === '-h')
        return help(runtime, commands, rest[0]);
    const command = commands.find((candidate) => candidate.name === name);
    if (!command) {
        const known = commands.map((candidate) => candidate.name).join(', ');
        return runtime.usage(`unknown command '${name}'; expected one of ${known}`, "hint: 'shipgate --help' lists them");
    }
    const parsed = readFlags(command, rest);
    const hint = `usage: ${usageLine(command)}; 'shipgate ${command.name} --help' lists every flag`;
    if (parsed instanceof UsageProblem)
        return runtime.usage(`${command.name}: ${parsed.message}`, hint);
    if (parsed.help)
        return runtime.print(commandHelp(command));
    const service = serviceFlag(command, parsed.flags, runtime, adapters);
    if (service instanceof UsageProblem)
        return runtime.usage(`${command.name}: ${service.message}`, hint);
    const flags = {
        ...parsed.flags,
        ...(service ? { service } : {}),
        // Flags end up in shell history; a token does not belong there.
        ...(env.GITHUB_TOKEN ? { 'github-token': env.GITHUB_TOKEN } : {}),
    };
    if (flags['github-token'])
        runtime.logger.mask(flags['github-token']);
    await command.run(runtime.withInputs(flags), adapters, { json: parsed.json });
}
function help(runtime, commands, topic) {
    const command = topic === undefined ? undefined : commands.find((candidate) => candidate.name === topic);
    if (topic !== undefined && !command) {
        runtime.usage(`help: unknown command '${topic}'`, "hint: 'shipgate --help' lists the commands");
        return;
    }
    runtime.print(command ? commandHelp(command) : overview(commands));
}
/** The command's flags, or the one line saying what is wrong with them. */
function readFlags(command, args) {
    const options = {
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
    };
    for (const flag of command.flags)
        options[flag.name] = { type: SWITCHES.has(flag.name) ? 'boolean' : 'string' };
    let values;
    try {
        values = (0,external_node_util_.parseArgs)({ args: [...args], options, strict: true, allowPositionals: false }).values;
    }
    catch (error) {
        return new UsageProblem(describeParseError(error, command));
    }
    const { json, help, ...rest } = values;
    const flags = Object.fromEntries(Object.entries(rest).map(([name, value]) => [name, typeof value === 'boolean' ? String(value) : value]));
    if (!help) {
        const missing = command.required.filter((name) => flags[name] === undefined);
        if (missing.length > 0) {
            return new UsageProblem(`missing ${missing.map((name) => `--${name}`).join(' and ')}`);
        }
    }
    return { flags, json: json === true, help: help === true };
}
/** parseArgs' messages, shortened to what an operator needs: which flag, and what it expected. */
function describeParseError(error, command) {
    const code = error?.code;
    const message = error instanceof Error ? error.message : String(error);
    const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
    switch (code) {
        case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
            const near = nearest(quoted.replace(/^-+/, ''), command);
            return `unknown flag '${quoted}'${near ? `; did you mean --${near}?` : ''}`;
        }
        case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
            return `flag '${quoted.split(' ')[0]}' ${/argument missing/.test(message) ? 'needs a value' : 'takes no value'}`;
        case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
            return `unexpected argument '${quoted}'; every value goes with a flag (--name value)`;
        default:
            return message;
    }
}
/** The command's flag a mistyped one most likely meant: within two edits, or the same start. */
function nearest(typed, command) {
    if (typed.length < 3)
        return undefined;
    const names = command.flags.map((flag) => flag.name);
    return (names.find((name) => editDistance(name, typed) <= 2) ??
        names.find((name) => name.startsWith(typed) || typed.startsWith(name)));
}
/** Levenshtein distance (insertions, deletions, substitutions), one row at a time. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i += 1) {
        const row = [i];
        for (let j = 1; j <= b.length; j += 1) {
            const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
            row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution));
        }
        previous = row;
    }
    return previous[b.length] ?? 0;
}
/**
 * `--service` may be left out when the config has one service (it is that one); with several it is
 * required, so that no one deploys the wrong service by omission. A config that does not load is left
 * to the command, which reports it as the action does.
 */
function serviceFlag(command, flags, runtime, adapters) {
    if (flags.service !== undefined || !command.flags.some((flag) => flag.name === 'service'))
        return undefined;
    const path = flags.config ?? DEFAULT_CONFIG;
    let services;
    try {
        services = Object.keys(adapters.deploy.loadConfig(path, runtime.context.workspace, command.name).config.services);
    }
    catch {
        return undefined;
    }
    if (services.length === 1)
        return services[0];
    if (services.length === 0)
        return undefined;
    return new UsageProblem(`missing --service: ${path} has several services (${services.join(', ')})`);
}


/***/ }),

/***/ 2957:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _runtime_cli_runtime_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6919);
/* harmony import */ var _runtime_deploy_adapters_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2929);
/* harmony import */ var _cli_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(5932);



await (0,_cli_js__WEBPACK_IMPORTED_MODULE_2__/* .runCli */ .a)(process.argv.slice(2), (0,_runtime_cli_runtime_js__WEBPACK_IMPORTED_MODULE_0__/* .createCliRuntime */ .L)(), { deploy: (0,_runtime_deploy_adapters_js__WEBPACK_IMPORTED_MODULE_1__/* .deployAdapters */ .y5)() });

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 4553:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ writeFileAtomic)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * Writes `data` to `path` atomically: a temp file in the same directory, fsync, rename, fsync the
 * directory. Readers see the old content or the new, never half of either. The temp name ends in .tmp,
 * so an nginx `include conf.d/*.conf` never picks it up half written.
 */
function writeFileAtomic(path, data, mode = 0o644) {
    const temp = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(path)}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}.tmp`);
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(temp, 'wx', mode);
    try {
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeSync)(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.fsyncSync)(fd);
        }
        finally {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
        }
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync)(temp, path);
    }
    catch (error) {
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.unlinkSync)(temp);
        }
        catch {
            // never created, or renamed already
        }
        throw error;
    }
    try {
        const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path), 'r');
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.fsyncSync)(dir);
        }
        finally {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(dir);
        }
    }
    catch {
        // Directory fsync is a durability nicety some filesystems refuse.
    }
}


/***/ }),

/***/ 2257:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ systemClock)
/* harmony export */ });
const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(signal.reason);
            return;
        }
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, Math.max(0, ms));
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    }),
};


/***/ }),

/***/ 5569:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Cl: () => (/* binding */ lastOutputLine),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   d1: () => (/* binding */ runCommand),
/* harmony export */   en: () => (/* binding */ describeCommandEnd),
/* harmony export */   gq: () => (/* binding */ succeeded)
/* harmony export */ });
/* unused harmony export commandEnd */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8571);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4296);


/** The end a result describes; `timeoutMs` is the request's limit. */
function commandEnd(result, timeoutMs) {
    if (result.timedOut)
        return { kind: 'timeout', afterMs: timeoutMs };
    if (result.aborted)
        return { kind: 'cancelled' };
    if (result.exitCode !== null)
        return { kind: 'exit', code: result.exitCode };
    return { kind: 'signal', signal: result.signal ?? 'a signal' };
}
/** Runs `request` and never rejects: a command that could not start is an end like the others. */
async function runCommand(runner, request) {
    const started = performance.now();
    try {
        const result = await runner.run(request);
        return { end: commandEnd(result, request.timeoutMs), result, durationMs: result.durationMs };
    }
    catch (error) {
        const durationMs = Math.round(performance.now() - started);
        return { end: { kind: 'not-started', reason: (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error) }, durationMs };
    }
}
function succeeded(end) {
    return end.kind === 'exit' && end.code === 0;
}
/**
 * How a command ended, to follow its name (`deploy hook`, `` `nginx -t` ``, `command`):
 * `exited with code 3: port 8082 is in use`, `timed out after 10m (last output: waiting for :8082)`,
 * `was cancelled`, `was killed by SIGTERM`, `could not start sh in /srv: spawn sh ENOENT`.
 * `lastLine` (see lastOutputLine) says why, where the command said anything.
 */
function describeCommandEnd(end, lastLine = '') {
    const output = lastLine ? ` (last output: ${lastLine})` : '';
    switch (end.kind) {
        case 'exit':
            return `exited with code ${end.code}${lastLine ? `: ${lastLine}` : ''}`;
        case 'timeout':
            return `timed out after ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(end.afterMs)}${output}`;
        case 'cancelled':
            return `was cancelled${output}`;
        case 'signal':
            return `was killed by ${end.signal}${output}`;
        case 'not-started':
            return end.reason;
        default: {
            const never = end;
            throw new Error(`unknown command end ${JSON.stringify(never)}`);
        }
    }
}
/** Longest piece of a command's output quoted in a message. */
const DETAIL_CHARS = 300;
/** One line, safe to show: control characters (a version may hold newlines) become spaces. */
function oneLine(text) {
    return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}
/** The last non-empty line of a command's output, shortened: stderr first, where scripts say why they failed. */
function lastOutputLine(result) {
    if (result === undefined)
        return '';
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


/***/ }),

/***/ 8571:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   sK: () => (/* binding */ durationSchema)
/* harmony export */ });
/* unused harmony exports MAX_DURATION_MS, DURATION_FORM */
/* harmony import */ var _zod__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9407);

const UNITS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
/** Also the `pattern` of every duration in schema/shipgate.schema.json. */
const DURATION = /^\d+(\.\d+)?(ms|s|m|h)$/;
/** Longer than any deploy should wait; also keeps timers within setTimeout's 32-bit range. */
const MAX_DURATION_MS = 24 * 3_600_000;
const DURATION_FORM = 'a duration like 500ms, 5s, 2m or 1h';
/**
 * Parses `500ms`, `5s`, `1.5m`, `2h` into milliseconds (rounded to whole ms).
 * Returns undefined for anything else, including negative values, bare numbers and values over 24h.
 */
function parseDuration(text) {
    const match = DURATION.exec(text.trim());
    if (!match)
        return undefined;
    const unit = match[2] ?? '';
    const ms = Math.round(Number(match[0].slice(0, -unit.length)) * (UNITS[unit] ?? Number.NaN));
    if (!Number.isFinite(ms) || ms > MAX_DURATION_MS)
        return undefined;
    return ms;
}
/** Formats milliseconds in the largest unit that is whole, so the text reads back: `750ms`, `90s`, `2m`, `1h`. */
function formatDuration(ms) {
    const whole = Math.round(ms);
    if (whole % 3_600_000 === 0 && whole > 0)
        return `${whole / 3_600_000}h`;
    if (whole % 60_000 === 0 && whole > 0)
        return `${whole / 60_000}m`;
    if (whole % 1_000 === 0)
        return `${whole / 1_000}s`;
    if (whole < 1_000)
        return `${whole}ms`;
    return `${(whole / 1_000).toFixed(3).replace(/0+$/, '')}s`;
}
const durationSchemas = new Map();
/**
 * The duration field of every schema (action inputs, the config file, metric items): text in,
 * milliseconds out. A value of the wrong shape expects DURATION_FORM; one below `min` ms also names the minimum.
 * One schema per minimum, shared (zod schemas are immutable): the config alone has a dozen duration
 * fields, and building each anew was a fifth of the deploy's schema construction at start-up (SPEC §9 B1).
 */
function durationSchema(min = 0) {
    let schema = durationSchemas.get(min);
    if (!schema) {
        schema = buildDurationSchema(min);
        durationSchemas.set(min, schema);
    }
    return schema;
}
function buildDurationSchema(min) {
    const form = min > 0 ? `${DURATION_FORM}, at least ${min}ms` : DURATION_FORM;
    return _zod__WEBPACK_IMPORTED_MODULE_0__/* .pipe */ .Fs(_zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ error: DURATION_FORM }).check(_zod__WEBPACK_IMPORTED_MODULE_0__/* .trim */ .Bq(), _zod__WEBPACK_IMPORTED_MODULE_0__/* .regex */ .yG(DURATION, { error: DURATION_FORM })), _zod__WEBPACK_IMPORTED_MODULE_0__/* .transform */ .pd((text, ctx) => {
        const ms = parseDuration(text);
        if (ms !== undefined && ms >= min)
            return ms;
        ctx.issues.push({ code: 'custom', message: form, input: text });
        return _zod__WEBPACK_IMPORTED_MODULE_0__/* .NEVER */ .tm;
    }));
}


/***/ }),

/***/ 4296:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BP: () => (/* binding */ errorLine),
/* harmony export */   Yu: () => (/* binding */ ShipgateError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   i_: () => (/* binding */ PermissionError),
/* harmony export */   vp: () => (/* binding */ showValue)
/* harmony export */ });
/* unused harmony exports MAX_ERROR_LINE, escapeControls */
/** Base of every error shipgate raises on purpose: a stable `code`, a message fit for one log line. */
class ShipgateError extends Error {
    code;
    constructor(code, message, options) {
        super(message, options);
        this.name = new.target.name;
        this.code = code;
    }
}
/**
 * An input (action input, CLI flag or config key) that does not have the expected form.
 * The message names the input, the value and the expected form, and is the whole line the user sees:
 * `healthcheck: input 'timeout' is '5x'; expected a duration like 500ms, 5s, 2m or 1h`.
 */
class InputError extends ShipgateError {
    input;
    value;
    expected;
    constructor(input, value, expected, options) {
        const shown = showValue(value);
        const scope = options?.scope ? `${options.scope}: ` : '';
        super('invalid-input', `${scope}input '${input}' is ${shown}; expected ${expected}`, options);
        this.input = input;
        this.value = typeof value === 'string' ? value : shown;
        this.expected = expected;
    }
}
/** A call to an outside system that the token is not allowed to make; names the permission it needs. */
class PermissionError extends ShipgateError {
    permission;
    constructor(permission, message, options) {
        super('permission-denied', message, options);
        this.permission = permission;
    }
}
/** Renders a value for an error line: quoted, single-line, cut to a readable length. */
function showValue(value) {
    if (value === undefined)
        return 'missing';
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    const oneLine = text.replace(/\r?\n/g, '\\n');
    const cut = oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine;
    return `'${cut}'`;
}
/** The message of anything thrown, without a stack. */
function errorMessage(error) {
    if (error instanceof Error)
        return error.message;
    return String(error);
}
/** The longest error line a run prints: an annotation or a terminal line, never a 100 KB wall. */
const MAX_ERROR_LINE = 1000;
/**
 * The one line a failed run reports (SPEC §10): a ShipgateError's message, anything else as
 * `unexpected error: …` naming at least its type and code when it has no message; masked by `hide`
 * first (so a cut never leaves half a secret), control characters (ESC, CR, LF) escaped, and capped.
 */
function errorLine(error, hide = (text) => text) {
    const message = error instanceof ShipgateError ? error.message : `unexpected error: ${unexpectedText(error)}`;
    return capLine(escapeControls(hide(message)));
}
function unexpectedText(error) {
    const message = errorMessage(error).trim();
    if (message !== '')
        return message;
    const code = error?.code;
    const name = error instanceof Error ? error.name : typeof error;
    return `${name}${typeof code === 'string' ? ` ${code}` : ''} without a message`;
}
/** `\n` for a newline, `\x1b` for ESC: a line stays one line and no terminal escape reaches the reader. */
function escapeControls(text) {
    return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => {
        if (char === '\n')
            return '\\n';
        if (char === '\r')
            return '\\r';
        if (char === '\t')
            return '\\t';
        return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
    });
}
function capLine(text) {
    if (text.length <= MAX_ERROR_LINE)
        return text;
    const more = ` … (${text.length - MAX_ERROR_LINE} more characters)`;
    return `${text.slice(0, MAX_ERROR_LINE - more.length)}${more}`;
}


/***/ }),

/***/ 3593:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ placeholderOutsideDoubleQuotes),
/* harmony export */   Qf: () => (/* binding */ placeholdersIn),
/* harmony export */   mz: () => (/* binding */ unknownPlaceholder),
/* harmony export */   pj: () => (/* binding */ expandPlaceholders)
/* harmony export */ });
/* unused harmony exports findPlaceholders, escapeValue */
/**
 * `{name}` placeholders (SPEC §4): in probe URLs, metric queries and the incident dedup key. One grammar,
 * one check that a template names only known placeholders, and one expander whose escaping is chosen by
 * where the text goes. Braces that do not hold a name (`{code=~"5.."}`, a PromQL label matcher) are text.
 */
const PLACEHOLDER = /\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}/g;
/** Every placeholder of a template, in order. */
function findPlaceholders(template) {
    return [...template.matchAll(PLACEHOLDER)].map((match) => ({
        name: match[1] ?? '',
        text: match[0],
        index: match.index,
    }));
}
/** The names a template uses, each once, in order of first use. */
function placeholdersIn(template) {
    return [...new Set(findPlaceholders(template).map((site) => site.name))];
}
/** The first placeholder of a template that is not one of `known`, or undefined when all are known. */
function unknownPlaceholder(template, known) {
    return findPlaceholders(template).find((site) => !known.includes(site.name));
}
/**
 * The first placeholder of a PromQL query that does not sit wholly inside a double-quoted string, or
 * undefined. Only there does `promql-string` escaping make a value data: in a backtick (raw) string a
 * backtick in the value ends it (``1`}[1m]))*0 or vector(0) #`` turns a failing query into a passing
 * one), in a single-quoted one a `'` does, and outside any string the value is PromQL itself.
 */
function placeholderOutsideDoubleQuotes(query) {
    const quoted = doubleQuotedRanges(query);
    return findPlaceholders(query).find((site) => !quoted.some(([start, end]) => site.index > start && site.index + site.text.length <= end));
}
/** [opening quote, closing quote] offsets of each double-quoted string of a PromQL query (RFC-less, as PromQL lexes). */
function doubleQuotedRanges(query) {
    const ranges = [];
    let open;
    for (let i = 0; i < query.length; i++) {
        const char = query.charAt(i);
        if (open === undefined) {
            if (char === '"' || char === "'" || char === '`')
                open = { quote: char, at: i };
            else if (char === '#')
                i = lineEnd(query, i);
        }
        else if (char === '\\' && open.quote !== '`')
            i++;
        else if (char === open.quote) {
            if (open.quote === '"')
                ranges.push([open.at, i]);
            open = undefined;
        }
    }
    return ranges;
}
/** A `#` outside a string comments out the rest of its line in PromQL. */
function lineEnd(text, from) {
    const end = text.indexOf('\n', from);
    return end < 0 ? text.length : end;
}
/**
 * Replaces each placeholder that has a value in `values`, escaped for its destination; any other
 * placeholder is left as written (callers check with `unknownPlaceholder` first). The result is not
 * scanned again, so a value holding `{version}` stays as it is.
 */
function expandPlaceholders(template, values, escaping, options = {}) {
    return template.replace(PLACEHOLDER, (all, name) => {
        const value = Object.hasOwn(values, name) ? values[name] : undefined;
        if (value === undefined)
            return all;
        return options.verbatim?.includes(name) ? value : escapeValue(value, escaping);
    });
}
const PROMQL_ESCAPES = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
function escapeValue(value, escaping) {
    switch (escaping) {
        case 'url-component':
            return encodeURIComponent(value);
        case 'promql-string':
            return value.replace(/[\\"'\n\r\t]/g, (char) => PROMQL_ESCAPES[char] ?? `\\${char}`);
        case 'text':
            return value;
        default: {
            const never = escaping;
            throw new Error(`unhandled escaping ${String(never)}`);
        }
    }
}


/***/ }),

/***/ 4664:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ng: () => (/* binding */ describeWait),
/* harmony export */   Ru: () => (/* binding */ progressEveryMs),
/* harmony export */   Zg: () => (/* binding */ trackWait)
/* harmony export */ });
/* unused harmony exports formatClock, PROGRESS_EVERY_MS */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8571);

const NO_TRACKER = { verdict: () => undefined, end: () => undefined };
/** Starts reporting a wait; a run without a progress port (tests, the post step) reports nothing. */
function trackWait(progress, clock, wait) {
    if (!progress)
        return NO_TRACKER;
    const startedAt = clock.now();
    let lastVerdict = null;
    const report = () => progress.waiting({ ...wait, elapsedMs: clock.now() - startedAt, lastVerdict });
    report();
    return {
        verdict(text) {
            lastVerdict = text;
            report();
        },
        end: () => progress.done(),
    };
}
/** Whole seconds (`1m20s`, `45s`) for the progress line; under a second shows as `0s`. */
function formatClock(ms) {
    const seconds = Math.max(0, Math.floor(ms / 1_000));
    if (seconds < 60)
        return `${seconds}s`;
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60)
        return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
    return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
/** The total as it reads best: `5m`, `2m02s`, `30s`, `300ms`. */
function formatTotal(ms) {
    if (ms < 1_000)
        return (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(ms);
    return formatClock(ms).replace(/m00s$/, 'm').replace(/h00m$/, 'h');
}
/**
 * The progress line, the same words everywhere:
 * `step 4 of 9: gate green at 10% for 5m · 1m20s of 5m · last: http://127.0.0.1:8082/health: 200`.
 * `elapsedMs` may be newer than the update's (the runtime's own timer moves it between updates).
 */
function describeWait(update, elapsedMs = update.elapsedMs) {
    const where = update.position ? `step ${update.position.index} of ${update.position.count}: ` : '';
    const shown = Math.min(elapsedMs, update.totalMs);
    const time = `${formatClock(shown)} of ${formatTotal(update.totalMs)}`;
    const last = update.lastVerdict ? ` · last: ${update.lastVerdict}` : '';
    return `${where}${update.step} · ${time}${last}`;
}
/** How often a log (Actions, or a terminal that is not a TTY) gets a progress line: 15 s unless set. */
const PROGRESS_EVERY_MS = 15_000;
/**
 * `SHIPGATE_PROGRESS_INTERVAL` (a duration, at least 100ms) overrides the cadence of progress lines in
 * logs; anything else keeps the default.
 */
function progressEveryMs(env) {
    const ms = env.SHIPGATE_PROGRESS_INTERVAL ? (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E9)(env.SHIPGATE_PROGRESS_INTERVAL) : undefined;
    return ms !== undefined && ms >= 100 ? ms : PROGRESS_EVERY_MS;
}


/***/ }),

/***/ 8198:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Fn: () => (/* binding */ urlSecrets),
/* harmony export */   b1: () => (/* binding */ createSecretMask),
/* harmony export */   n3: () => (/* binding */ headerSecrets),
/* harmony export */   y8: () => (/* binding */ userInfoIsValid)
/* harmony export */ });
/* unused harmony exports registerSecret, scrubUserInfo, withoutUserInfo, hideDeep */
/**
 * What counts as a secret, and text with the secrets hidden (SPEC §10). Pure, so the engine can mask
 * what it sends to GitHub and notifications with the same list the runtime masks its log with.
 */
/**
 * Registers a secret with the run's log (the runner's own masking) and with `mask`, which hides it in
 * what the engine sends elsewhere (GitHub bodies, notifications).
 */
function registerSecret(logger, mask, secret) {
    for (const value of mask.add(secret))
        logger.mask(value);
}
function createSecretMask() {
    const secrets = [];
    return {
        add(secret) {
            const added = [];
            for (const value of encodedForms(secret)) {
                if (value.length < 2 || secrets.includes(value))
                    continue;
                secrets.push(value);
                added.push(value);
            }
            // Longest first, so a secret that contains another is hidden whole.
            secrets.sort((a, b) => b.length - a.length);
            return added;
        },
        hide: (text) => scrubUserInfo(secrets.reduce((masked, secret) => masked.split(secret).join('***'), text)),
    };
}
/**
 * Every `scheme://user:password@` in a text becomes `scheme://***@`: URLs are shown without user-info
 * everywhere (SPEC §10), also where their credentials were never registered (an error that quotes one).
 */
function scrubUserInfo(text) {
    return text.replace(/\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^\s/?#@'"`<>]+@/g, '$1***@');
}
/**
 * Each line of a secret, and the forms it takes once written into a JSON string (the `report` output)
 * or a URL: a password with a `"` or a space must be hidden there too.
 */
function encodedForms(secret) {
    const forms = [];
    for (const part of secret.split(/\r?\n/)) {
        const value = part.trim();
        if (value === '')
            continue;
        forms.push(value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value));
    }
    return [...new Set(forms)];
}
const AUTH_SCHEME = /^(bearer|basic|token|digest|negotiate|apikey|api-key)\s+(\S.*)$/i;
/**
 * The secrets in one header value: the whole value and, for an `Authorization`-style value
 * (`Bearer x`, `Basic x`, `token x`), the credential alone — a body that echoes only the token must not
 * show it. A Basic credential is also decoded, so an echoed `user:password` is hidden.
 */
function headerSecrets(value) {
    const trimmed = value.trim();
    if (trimmed === '')
        return [];
    const scheme = AUTH_SCHEME.exec(trimmed);
    if (!scheme)
        return [trimmed];
    const credential = (scheme[2] ?? '').trim();
    const secrets = [trimmed, credential];
    if (scheme[1]?.toLowerCase() === 'basic')
        secrets.push(...basicSecrets(credential));
    return secrets;
}
function basicSecrets(credential) {
    if (!/^[A-Za-z0-9+/]+=*$/.test(credential))
        return [];
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0 || decoded.includes('\uFFFD'))
        return [];
    return [decoded, decoded.slice(colon + 1)];
}
/**
 * The secrets in a URL's user-info: `user:password` as written and decoded, and the password alone. A
 * URL that does not parse is scanned by hand, so a bad one is masked before the error line shows it.
 */
function urlSecrets(text) {
    const userInfo = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#\s]*)@/.exec(text.trim())?.[1];
    if (!userInfo)
        return [];
    const colon = userInfo.indexOf(':');
    const password = colon >= 0 ? userInfo.slice(colon + 1) : '';
    const secrets = [userInfo];
    if (password)
        secrets.push(password, safeDecode(password));
    if (colon < 0)
        secrets.push(safeDecode(userInfo));
    return secrets.filter((secret) => secret !== '');
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/** A URL as shown anywhere (logs, summary, report, issues): user-info becomes `***`. */
function withoutUserInfo(text) {
    return text.replace(/^(\s*[a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/?#\s]*@/, '$1***@');
}
/**
 * A copy of a JSON-like value with `hide` applied to every string in it, so a report is masked before
 * anything renders or cuts it: a description cut at 140 characters must not keep half a secret.
 */
function hideDeep(value, hide) {
    if (typeof value === 'string')
        return hide(value);
    if (Array.isArray(value))
        return value.map((item) => hideDeep(item, hide));
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, hideDeep(item, hide)]));
    }
    return value;
}
/** Whether a URL's user-info (if any) has only valid %-escapes; checked without parsing the URL, so a
 * template like `http://u:p@{address}/` can be checked too. */
function userInfoIsValid(text) {
    const userInfo = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#\s]*)@/.exec(text.trim())?.[1];
    if (userInfo === undefined)
        return true;
    try {
        decodeURIComponent(userInfo);
        return true;
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 9572:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ STATUS_SET_FORM),
/* harmony export */   o: () => (/* binding */ parseStatusSet)
/* harmony export */ });
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


/***/ }),

/***/ 7063:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   YL: () => (/* binding */ STRATEGIES),
/* harmony export */   ZG: () => (/* binding */ PHASES),
/* harmony export */   _W: () => (/* binding */ METRIC_PROVIDERS),
/* harmony export */   _f: () => (/* binding */ SLOTS),
/* harmony export */   b: () => (/* binding */ DEPLOY_RESULTS),
/* harmony export */   xb: () => (/* binding */ OPERATIONS)
/* harmony export */ });
/* unused harmony exports STEP_OUTCOMES, GATE_VERDICTS, CHECK_VERDICTS, MEASUREMENT_RESULTS, METRIC_VERDICTS */
/**
 * The words of shipgate (SPEC §3, §5.2, §6), each declared once: the config schema, the inputs, the
 * engine, the state stores, the report schema and the incident action all import them from here, so
 * adding a strategy or a result is one edit here and then a compile error wherever a `switch` misses it.
 * Tuples `as const` give both the runtime list (zod enums, error messages) and the type.
 */
/** Blue-green and canary run a service in up to two slots; the active one takes traffic. */
const SLOTS = ['blue', 'green'];
const STRATEGIES = ['rolling', 'blue-green', 'canary'];
/** Blue-green's phases (SPEC §5.2); every other strategy runs `full`. */
const PHASES = ['prepare', 'switch', 'finalize', 'cancel', 'full'];
/**
 * How a deploy or rollback ended (SPEC §5.2). `rolled-back`: failed after it began changing anything, and
 * the rollback succeeded; `failed`: the rollback failed or was off; `aborted`: stopped before anything
 * changed (a preflight hook failed, the lock is held, the target drifted); `planned`: a dry run.
 */
const DEPLOY_RESULTS = ['succeeded', 'rolled-back', 'failed', 'aborted', 'planned', 'noop'];
/** Which action wrote a report or a history entry. A rollback's `version` is the version rolled back to. */
const OPERATIONS = ['deploy', 'rollback'];
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


/***/ }),

/***/ 5820:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Dw: () => (/* binding */ keyPath),
/* harmony export */   OH: () => (/* binding */ issueLine),
/* harmony export */   OS: () => (/* binding */ readIssue),
/* harmony export */   n6: () => (/* binding */ describeIssue)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4296);

/** Reads what an issue found in `data`: the path, the value there, the expected form. */
function readIssue(issue, data, wording = {}) {
    if (issue.code === 'unrecognized_keys') {
        const path = [...issue.path, issue.keys[0] ?? '?'];
        return { path, value: valueAt(data, path), expected: wording.unknownKey ?? 'no such key' };
    }
    const value = valueAt(data, issue.path);
    if (value !== undefined)
        return { path: issue.path, value, expected: issue.message };
    const required = issue.code === 'invalid_type' ? `${issue.message} (it is required)` : issue.message;
    return { path: issue.path, value, expected: wording.missing ?? required };
}
/** `<subject> is '<value>'; expected <form>`, or `<subject> is missing; expected <form>`. */
function issueLine(subject, value, expected, show = _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .showValue */ .vp) {
    return `${subject} is ${value === undefined ? 'missing' : show(value)}; expected ${expected}`;
}
/**
 * `services.api.environments.production.canary.steps[1].weight`; a key that is not a plain name is
 * quoted: `environments["api/production"].history[3]`.
 */
function keyPath(path) {
    return path.reduce((text, part) => {
        if (typeof part === 'number')
            return `${text}[${part}]`;
        const name = String(part);
        if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name))
            return `${text}[${JSON.stringify(name)}]`;
        return text === '' ? name : `${text}.${name}`;
    }, '');
}
function valueAt(root, path) {
    let value = root;
    for (const part of path) {
        if (value === null || typeof value !== 'object')
            return undefined;
        value = value[part];
    }
    return value;
}
/** The whole line for an issue: `subject(path)` names where (`key 'a.b'`, `steps[1].gate.verdict`). */
function describeIssue(issue, data, subject, wording = {}) {
    const finding = readIssue(issue, data, wording);
    return issueLine(subject(finding.path), finding.value, finding.expected, wording.show);
}


/***/ }),

/***/ 6118:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  xL: () => (/* binding */ ConfigError),
  Gc: () => (/* binding */ parseBatch),
  o4: () => (/* binding */ parseConfig)
});

// UNUSED EXPORTS: UPDATE_ORDERS, configSchema, environmentSchema

;// CONCATENATED MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
function getDefaultExportFromCjs(x) {
  return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, "default") ? x["default"] : x;
}
var jsYaml = {};
var loader = {};
var common = {};
var hasRequiredCommon;
function requireCommon() {
  if (hasRequiredCommon) return common;
  hasRequiredCommon = 1;
  function isNothing(subject) {
    return typeof subject === "undefined" || subject === null;
  }
  function isObject(subject) {
    return typeof subject === "object" && subject !== null;
  }
  function toArray(sequence) {
    if (Array.isArray(sequence)) return sequence;
    else if (isNothing(sequence)) return [];
    return [sequence];
  }
  function extend(target, source) {
    if (source) {
      const sourceKeys = Object.keys(source);
      for (let index = 0, length = sourceKeys.length; index < length; index += 1) {
        const key = sourceKeys[index];
        target[key] = source[key];
      }
    }
    return target;
  }
  function repeat(string, count) {
    let result = "";
    for (let cycle = 0; cycle < count; cycle += 1) {
      result += string;
    }
    return result;
  }
  function isNegativeZero(number) {
    return number === 0 && Number.NEGATIVE_INFINITY === 1 / number;
  }
  common.isNothing = isNothing;
  common.isObject = isObject;
  common.toArray = toArray;
  common.repeat = repeat;
  common.isNegativeZero = isNegativeZero;
  common.extend = extend;
  return common;
}
var exception;
var hasRequiredException;
function requireException() {
  if (hasRequiredException) return exception;
  hasRequiredException = 1;
  function formatError(exception2, compact) {
    let where = "";
    const message = exception2.reason || "(unknown reason)";
    if (!exception2.mark) return message;
    if (exception2.mark.name) {
      where += 'in "' + exception2.mark.name + '" ';
    }
    where += "(" + (exception2.mark.line + 1) + ":" + (exception2.mark.column + 1) + ")";
    if (!compact && exception2.mark.snippet) {
      where += "\n\n" + exception2.mark.snippet;
    }
    return message + " " + where;
  }
  function YAMLException2(reason, mark) {
    Error.call(this);
    this.name = "YAMLException";
    this.reason = reason;
    this.mark = mark;
    this.message = formatError(this, false);
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    } else {
      this.stack = new Error().stack || "";
    }
  }
  YAMLException2.prototype = Object.create(Error.prototype);
  YAMLException2.prototype.constructor = YAMLException2;
  YAMLException2.prototype.toString = function toString(compact) {
    return this.name + ": " + formatError(this, compact);
  };
  exception = YAMLException2;
  return exception;
}
var snippet;
var hasRequiredSnippet;
function requireSnippet() {
  if (hasRequiredSnippet) return snippet;
  hasRequiredSnippet = 1;
  const common2 = requireCommon();
  function getLine(buffer, lineStart, lineEnd, position, maxLineLength) {
    let head = "";
    let tail = "";
    const maxHalfLength = Math.floor(maxLineLength / 2) - 1;
    if (position - lineStart > maxHalfLength) {
      head = " ... ";
      lineStart = position - maxHalfLength + head.length;
    }
    if (lineEnd - position > maxHalfLength) {
      tail = " ...";
      lineEnd = position + maxHalfLength - tail.length;
    }
    return {
      str: head + buffer.slice(lineStart, lineEnd).replace(/\t/g, "→") + tail,
      pos: position - lineStart + head.length
      // relative position
    };
  }
  function padStart(string, max) {
    return common2.repeat(" ", max - string.length) + string;
  }
  function makeSnippet(mark, options) {
    options = Object.create(options || null);
    if (!mark.buffer) return null;
    if (!options.maxLength) options.maxLength = 79;
    if (typeof options.indent !== "number") options.indent = 1;
    if (typeof options.linesBefore !== "number") options.linesBefore = 3;
    if (typeof options.linesAfter !== "number") options.linesAfter = 2;
    const re = /\r?\n|\r|\0/g;
    const lineStarts = [0];
    const lineEnds = [];
    let match;
    let foundLineNo = -1;
    while (match = re.exec(mark.buffer)) {
      lineEnds.push(match.index);
      lineStarts.push(match.index + match[0].length);
      if (mark.position <= match.index && foundLineNo < 0) {
        foundLineNo = lineStarts.length - 2;
      }
    }
    if (foundLineNo < 0) foundLineNo = lineStarts.length - 1;
    let result = "";
    const lineNoLength = Math.min(mark.line + options.linesAfter, lineEnds.length).toString().length;
    const maxLineLength = options.maxLength - (options.indent + lineNoLength + 3);
    for (let i = 1; i <= options.linesBefore; i++) {
      if (foundLineNo - i < 0) break;
      const line2 = getLine(
        mark.buffer,
        lineStarts[foundLineNo - i],
        lineEnds[foundLineNo - i],
        mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo - i]),
        maxLineLength
      );
      result = common2.repeat(" ", options.indent) + padStart((mark.line - i + 1).toString(), lineNoLength) + " | " + line2.str + "\n" + result;
    }
    const line = getLine(mark.buffer, lineStarts[foundLineNo], lineEnds[foundLineNo], mark.position, maxLineLength);
    result += common2.repeat(" ", options.indent) + padStart((mark.line + 1).toString(), lineNoLength) + " | " + line.str + "\n";
    result += common2.repeat("-", options.indent + lineNoLength + 3 + line.pos) + "^\n";
    for (let i = 1; i <= options.linesAfter; i++) {
      if (foundLineNo + i >= lineEnds.length) break;
      const line2 = getLine(
        mark.buffer,
        lineStarts[foundLineNo + i],
        lineEnds[foundLineNo + i],
        mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo + i]),
        maxLineLength
      );
      result += common2.repeat(" ", options.indent) + padStart((mark.line + i + 1).toString(), lineNoLength) + " | " + line2.str + "\n";
    }
    return result.replace(/\n$/, "");
  }
  snippet = makeSnippet;
  return snippet;
}
var type;
var hasRequiredType;
function requireType() {
  if (hasRequiredType) return type;
  hasRequiredType = 1;
  const YAMLException2 = requireException();
  const TYPE_CONSTRUCTOR_OPTIONS = [
    "kind",
    "multi",
    "resolve",
    "construct",
    "instanceOf",
    "predicate",
    "represent",
    "representName",
    "defaultStyle",
    "styleAliases"
  ];
  const YAML_NODE_KINDS = [
    "scalar",
    "sequence",
    "mapping"
  ];
  function compileStyleAliases(map2) {
    const result = {};
    if (map2 !== null) {
      Object.keys(map2).forEach(function(style) {
        map2[style].forEach(function(alias) {
          result[String(alias)] = style;
        });
      });
    }
    return result;
  }
  function Type2(tag, options) {
    options = options || {};
    Object.keys(options).forEach(function(name) {
      if (TYPE_CONSTRUCTOR_OPTIONS.indexOf(name) === -1) {
        throw new YAMLException2('Unknown option "' + name + '" is met in definition of "' + tag + '" YAML type.');
      }
    });
    this.options = options;
    this.tag = tag;
    this.kind = options["kind"] || null;
    this.resolve = options["resolve"] || function() {
      return true;
    };
    this.construct = options["construct"] || function(data) {
      return data;
    };
    this.instanceOf = options["instanceOf"] || null;
    this.predicate = options["predicate"] || null;
    this.represent = options["represent"] || null;
    this.representName = options["representName"] || null;
    this.defaultStyle = options["defaultStyle"] || null;
    this.multi = options["multi"] || false;
    this.styleAliases = compileStyleAliases(options["styleAliases"] || null);
    if (YAML_NODE_KINDS.indexOf(this.kind) === -1) {
      throw new YAMLException2('Unknown kind "' + this.kind + '" is specified for "' + tag + '" YAML type.');
    }
  }
  type = Type2;
  return type;
}
var schema;
var hasRequiredSchema;
function requireSchema() {
  if (hasRequiredSchema) return schema;
  hasRequiredSchema = 1;
  const YAMLException2 = requireException();
  const Type2 = requireType();
  function compileList(schema2, name) {
    const result = [];
    schema2[name].forEach(function(currentType) {
      let newIndex = result.length;
      result.forEach(function(previousType, previousIndex) {
        if (previousType.tag === currentType.tag && previousType.kind === currentType.kind && previousType.multi === currentType.multi) {
          newIndex = previousIndex;
        }
      });
      result[newIndex] = currentType;
    });
    return result;
  }
  function compileMap() {
    const result = {
      scalar: {},
      sequence: {},
      mapping: {},
      fallback: {},
      multi: {
        scalar: [],
        sequence: [],
        mapping: [],
        fallback: []
      }
    };
    function collectType(type2) {
      if (type2.multi) {
        result.multi[type2.kind].push(type2);
        result.multi["fallback"].push(type2);
      } else {
        result[type2.kind][type2.tag] = result["fallback"][type2.tag] = type2;
      }
    }
    for (let index = 0, length = arguments.length; index < length; index += 1) {
      arguments[index].forEach(collectType);
    }
    return result;
  }
  function Schema2(definition) {
    return this.extend(definition);
  }
  Schema2.prototype.extend = function extend(definition) {
    let implicit = [];
    let explicit = [];
    if (definition instanceof Type2) {
      explicit.push(definition);
    } else if (Array.isArray(definition)) {
      explicit = explicit.concat(definition);
    } else if (definition && (Array.isArray(definition.implicit) || Array.isArray(definition.explicit))) {
      if (definition.implicit) implicit = implicit.concat(definition.implicit);
      if (definition.explicit) explicit = explicit.concat(definition.explicit);
    } else {
      throw new YAMLException2("Schema.extend argument should be a Type, [ Type ], or a schema definition ({ implicit: [...], explicit: [...] })");
    }
    implicit.forEach(function(type2) {
      if (!(type2 instanceof Type2)) {
        throw new YAMLException2("Specified list of YAML types (or a single Type object) contains a non-Type object.");
      }
      if (type2.loadKind && type2.loadKind !== "scalar") {
        throw new YAMLException2("There is a non-scalar type in the implicit list of a schema. Implicit resolving of such types is not supported.");
      }
      if (type2.multi) {
        throw new YAMLException2("There is a multi type in the implicit list of a schema. Multi tags can only be listed as explicit.");
      }
    });
    explicit.forEach(function(type2) {
      if (!(type2 instanceof Type2)) {
        throw new YAMLException2("Specified list of YAML types (or a single Type object) contains a non-Type object.");
      }
    });
    const result = Object.create(Schema2.prototype);
    result.implicit = (this.implicit || []).concat(implicit);
    result.explicit = (this.explicit || []).concat(explicit);
    result.compiledImplicit = compileList(result, "implicit");
    result.compiledExplicit = compileList(result, "explicit");
    result.compiledTypeMap = compileMap(result.compiledImplicit, result.compiledExplicit);
    return result;
  };
  schema = Schema2;
  return schema;
}
var str;
var hasRequiredStr;
function requireStr() {
  if (hasRequiredStr) return str;
  hasRequiredStr = 1;
  const Type2 = requireType();
  str = new Type2("tag:yaml.org,2002:str", {
    kind: "scalar",
    construct: function(data) {
      return data !== null ? data : "";
    }
  });
  return str;
}
var seq;
var hasRequiredSeq;
function requireSeq() {
  if (hasRequiredSeq) return seq;
  hasRequiredSeq = 1;
  const Type2 = requireType();
  seq = new Type2("tag:yaml.org,2002:seq", {
    kind: "sequence",
    construct: function(data) {
      return data !== null ? data : [];
    }
  });
  return seq;
}
var map;
var hasRequiredMap;
function requireMap() {
  if (hasRequiredMap) return map;
  hasRequiredMap = 1;
  const Type2 = requireType();
  map = new Type2("tag:yaml.org,2002:map", {
    kind: "mapping",
    construct: function(data) {
      return data !== null ? data : {};
    }
  });
  return map;
}
var failsafe;
var hasRequiredFailsafe;
function requireFailsafe() {
  if (hasRequiredFailsafe) return failsafe;
  hasRequiredFailsafe = 1;
  const Schema2 = requireSchema();
  failsafe = new Schema2({
    explicit: [
      requireStr(),
      requireSeq(),
      requireMap()
    ]
  });
  return failsafe;
}
var _null;
var hasRequired_null;
function require_null() {
  if (hasRequired_null) return _null;
  hasRequired_null = 1;
  const Type2 = requireType();
  function resolveYamlNull(data) {
    if (data === null) return true;
    const max = data.length;
    return max === 1 && data === "~" || max === 4 && (data === "null" || data === "Null" || data === "NULL");
  }
  function constructYamlNull() {
    return null;
  }
  function isNull(object) {
    return object === null;
  }
  _null = new Type2("tag:yaml.org,2002:null", {
    kind: "scalar",
    resolve: resolveYamlNull,
    construct: constructYamlNull,
    predicate: isNull,
    represent: {
      canonical: function() {
        return "~";
      },
      lowercase: function() {
        return "null";
      },
      uppercase: function() {
        return "NULL";
      },
      camelcase: function() {
        return "Null";
      },
      empty: function() {
        return "";
      }
    },
    defaultStyle: "lowercase"
  });
  return _null;
}
var bool;
var hasRequiredBool;
function requireBool() {
  if (hasRequiredBool) return bool;
  hasRequiredBool = 1;
  const Type2 = requireType();
  function resolveYamlBoolean(data) {
    if (data === null) return false;
    const max = data.length;
    return max === 4 && (data === "true" || data === "True" || data === "TRUE") || max === 5 && (data === "false" || data === "False" || data === "FALSE");
  }
  function constructYamlBoolean(data) {
    return data === "true" || data === "True" || data === "TRUE";
  }
  function isBoolean(object) {
    return Object.prototype.toString.call(object) === "[object Boolean]";
  }
  bool = new Type2("tag:yaml.org,2002:bool", {
    kind: "scalar",
    resolve: resolveYamlBoolean,
    construct: constructYamlBoolean,
    predicate: isBoolean,
    represent: {
      lowercase: function(object) {
        return object ? "true" : "false";
      },
      uppercase: function(object) {
        return object ? "TRUE" : "FALSE";
      },
      camelcase: function(object) {
        return object ? "True" : "False";
      }
    },
    defaultStyle: "lowercase"
  });
  return bool;
}
var js_yaml_int;
var hasRequiredInt;
function requireInt() {
  if (hasRequiredInt) return js_yaml_int;
  hasRequiredInt = 1;
  const common2 = requireCommon();
  const Type2 = requireType();
  function isHexCode(c) {
    return c >= 48 && c <= 57 || c >= 65 && c <= 70 || c >= 97 && c <= 102;
  }
  function isOctCode(c) {
    return c >= 48 && c <= 55;
  }
  function isDecCode(c) {
    return c >= 48 && c <= 57;
  }
  function resolveYamlInteger(data) {
    if (data === null) return false;
    const max = data.length;
    let index = 0;
    let hasDigits = false;
    if (!max) return false;
    let ch = data[index];
    if (ch === "-" || ch === "+") {
      ch = data[++index];
    }
    if (ch === "0") {
      if (index + 1 === max) return true;
      ch = data[++index];
      if (ch === "b") {
        index++;
        for (; index < max; index++) {
          ch = data[index];
          if (ch !== "0" && ch !== "1") return false;
          hasDigits = true;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
      if (ch === "x") {
        index++;
        for (; index < max; index++) {
          if (!isHexCode(data.charCodeAt(index))) return false;
          hasDigits = true;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
      if (ch === "o") {
        index++;
        for (; index < max; index++) {
          if (!isOctCode(data.charCodeAt(index))) return false;
          hasDigits = true;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
    }
    for (; index < max; index++) {
      if (!isDecCode(data.charCodeAt(index))) {
        return false;
      }
      hasDigits = true;
    }
    if (!hasDigits) return false;
    return isFinite(parseYamlInteger(data));
  }
  function parseYamlInteger(data) {
    let value = data;
    let sign = 1;
    let ch = value[0];
    if (ch === "-" || ch === "+") {
      if (ch === "-") sign = -1;
      value = value.slice(1);
      ch = value[0];
    }
    if (value === "0") return 0;
    if (ch === "0") {
      if (value[1] === "b") return sign * parseInt(value.slice(2), 2);
      if (value[1] === "x") return sign * parseInt(value.slice(2), 16);
      if (value[1] === "o") return sign * parseInt(value.slice(2), 8);
    }
    return sign * parseInt(value, 10);
  }
  function constructYamlInteger(data) {
    return parseYamlInteger(data);
  }
  function isInteger(object) {
    return Object.prototype.toString.call(object) === "[object Number]" && (object % 1 === 0 && !common2.isNegativeZero(object));
  }
  js_yaml_int = new Type2("tag:yaml.org,2002:int", {
    kind: "scalar",
    resolve: resolveYamlInteger,
    construct: constructYamlInteger,
    predicate: isInteger,
    represent: {
      binary: function(obj) {
        return obj >= 0 ? "0b" + obj.toString(2) : "-0b" + obj.toString(2).slice(1);
      },
      octal: function(obj) {
        return obj >= 0 ? "0o" + obj.toString(8) : "-0o" + obj.toString(8).slice(1);
      },
      decimal: function(obj) {
        return obj.toString(10);
      },
      hexadecimal: function(obj) {
        return obj >= 0 ? "0x" + obj.toString(16).toUpperCase() : "-0x" + obj.toString(16).toUpperCase().slice(1);
      }
    },
    defaultStyle: "decimal",
    styleAliases: {
      binary: [2, "bin"],
      octal: [8, "oct"],
      decimal: [10, "dec"],
      hexadecimal: [16, "hex"]
    }
  });
  return js_yaml_int;
}
var js_yaml_float;
var hasRequiredFloat;
function requireFloat() {
  if (hasRequiredFloat) return js_yaml_float;
  hasRequiredFloat = 1;
  const common2 = requireCommon();
  const Type2 = requireType();
  const YAML_FLOAT_PATTERN = new RegExp(
    // 2.5e4, 2.5 and integers
    "^(?:[-+]?(?:[0-9]+)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
  );
  const YAML_FLOAT_SPECIAL_PATTERN = new RegExp(
    "^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
  );
  function resolveYamlFloat(data) {
    if (data === null) return false;
    if (!YAML_FLOAT_PATTERN.test(data)) {
      return false;
    }
    if (isFinite(parseFloat(data, 10))) {
      return true;
    }
    return YAML_FLOAT_SPECIAL_PATTERN.test(data);
  }
  function constructYamlFloat(data) {
    let value = data.toLowerCase();
    const sign = value[0] === "-" ? -1 : 1;
    if ("+-".indexOf(value[0]) >= 0) {
      value = value.slice(1);
    }
    if (value === ".inf") {
      return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    } else if (value === ".nan") {
      return NaN;
    }
    return sign * parseFloat(value, 10);
  }
  const SCIENTIFIC_WITHOUT_DOT = /^[-+]?[0-9]+e/;
  function representYamlFloat(object, style) {
    if (isNaN(object)) {
      switch (style) {
        case "lowercase":
          return ".nan";
        case "uppercase":
          return ".NAN";
        case "camelcase":
          return ".NaN";
      }
    } else if (Number.POSITIVE_INFINITY === object) {
      switch (style) {
        case "lowercase":
          return ".inf";
        case "uppercase":
          return ".INF";
        case "camelcase":
          return ".Inf";
      }
    } else if (Number.NEGATIVE_INFINITY === object) {
      switch (style) {
        case "lowercase":
          return "-.inf";
        case "uppercase":
          return "-.INF";
        case "camelcase":
          return "-.Inf";
      }
    } else if (common2.isNegativeZero(object)) {
      return "-0.0";
    }
    const res = object.toString(10);
    return SCIENTIFIC_WITHOUT_DOT.test(res) ? res.replace("e", ".e") : res;
  }
  function isFloat(object) {
    return Object.prototype.toString.call(object) === "[object Number]" && (object % 1 !== 0 || common2.isNegativeZero(object));
  }
  js_yaml_float = new Type2("tag:yaml.org,2002:float", {
    kind: "scalar",
    resolve: resolveYamlFloat,
    construct: constructYamlFloat,
    predicate: isFloat,
    represent: representYamlFloat,
    defaultStyle: "lowercase"
  });
  return js_yaml_float;
}
var json;
var hasRequiredJson;
function requireJson() {
  if (hasRequiredJson) return json;
  hasRequiredJson = 1;
  json = requireFailsafe().extend({
    implicit: [
      require_null(),
      requireBool(),
      requireInt(),
      requireFloat()
    ]
  });
  return json;
}
var core;
var hasRequiredCore;
function requireCore() {
  if (hasRequiredCore) return core;
  hasRequiredCore = 1;
  core = requireJson();
  return core;
}
var timestamp;
var hasRequiredTimestamp;
function requireTimestamp() {
  if (hasRequiredTimestamp) return timestamp;
  hasRequiredTimestamp = 1;
  const Type2 = requireType();
  const YAML_DATE_REGEXP = new RegExp(
    "^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$"
  );
  const YAML_TIMESTAMP_REGEXP = new RegExp(
    "^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \\t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$"
  );
  function resolveYamlTimestamp(data) {
    if (data === null) return false;
    if (YAML_DATE_REGEXP.exec(data) !== null) return true;
    if (YAML_TIMESTAMP_REGEXP.exec(data) !== null) return true;
    return false;
  }
  function constructYamlTimestamp(data) {
    let fraction = 0;
    let delta = null;
    let match = YAML_DATE_REGEXP.exec(data);
    if (match === null) match = YAML_TIMESTAMP_REGEXP.exec(data);
    if (match === null) throw new Error("Date resolve error");
    const year = +match[1];
    const month = +match[2] - 1;
    const day = +match[3];
    if (!match[4]) {
      return new Date(Date.UTC(year, month, day));
    }
    const hour = +match[4];
    const minute = +match[5];
    const second = +match[6];
    if (match[7]) {
      fraction = match[7].slice(0, 3);
      while (fraction.length < 3) {
        fraction += "0";
      }
      fraction = +fraction;
    }
    if (match[9]) {
      const tzHour = +match[10];
      const tzMinute = +(match[11] || 0);
      delta = (tzHour * 60 + tzMinute) * 6e4;
      if (match[9] === "-") delta = -delta;
    }
    const date = new Date(Date.UTC(year, month, day, hour, minute, second, fraction));
    if (delta) date.setTime(date.getTime() - delta);
    return date;
  }
  function representYamlTimestamp(object) {
    return object.toISOString();
  }
  timestamp = new Type2("tag:yaml.org,2002:timestamp", {
    kind: "scalar",
    resolve: resolveYamlTimestamp,
    construct: constructYamlTimestamp,
    instanceOf: Date,
    represent: representYamlTimestamp
  });
  return timestamp;
}
var merge;
var hasRequiredMerge;
function requireMerge() {
  if (hasRequiredMerge) return merge;
  hasRequiredMerge = 1;
  const Type2 = requireType();
  function resolveYamlMerge(data) {
    return data === "<<" || data === null;
  }
  merge = new Type2("tag:yaml.org,2002:merge", {
    kind: "scalar",
    resolve: resolveYamlMerge
  });
  return merge;
}
var binary;
var hasRequiredBinary;
function requireBinary() {
  if (hasRequiredBinary) return binary;
  hasRequiredBinary = 1;
  const Type2 = requireType();
  const BASE64_MAP = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n\r";
  function resolveYamlBinary(data) {
    if (data === null) return false;
    let bitlen = 0;
    const max = data.length;
    const map2 = BASE64_MAP;
    for (let idx = 0; idx < max; idx++) {
      const code = map2.indexOf(data.charAt(idx));
      if (code > 64) continue;
      if (code < 0) return false;
      bitlen += 6;
    }
    return bitlen % 8 === 0;
  }
  function constructYamlBinary(data) {
    const input = data.replace(/[\r\n=]/g, "");
    const max = input.length;
    const map2 = BASE64_MAP;
    let bits = 0;
    const result = [];
    for (let idx = 0; idx < max; idx++) {
      if (idx % 4 === 0 && idx) {
        result.push(bits >> 16 & 255);
        result.push(bits >> 8 & 255);
        result.push(bits & 255);
      }
      bits = bits << 6 | map2.indexOf(input.charAt(idx));
    }
    const tailbits = max % 4 * 6;
    if (tailbits === 0) {
      result.push(bits >> 16 & 255);
      result.push(bits >> 8 & 255);
      result.push(bits & 255);
    } else if (tailbits === 18) {
      result.push(bits >> 10 & 255);
      result.push(bits >> 2 & 255);
    } else if (tailbits === 12) {
      result.push(bits >> 4 & 255);
    }
    return new Uint8Array(result);
  }
  function representYamlBinary(object) {
    let result = "";
    let bits = 0;
    const max = object.length;
    const map2 = BASE64_MAP;
    for (let idx = 0; idx < max; idx++) {
      if (idx % 3 === 0 && idx) {
        result += map2[bits >> 18 & 63];
        result += map2[bits >> 12 & 63];
        result += map2[bits >> 6 & 63];
        result += map2[bits & 63];
      }
      bits = (bits << 8) + object[idx];
    }
    const tail = max % 3;
    if (tail === 0) {
      result += map2[bits >> 18 & 63];
      result += map2[bits >> 12 & 63];
      result += map2[bits >> 6 & 63];
      result += map2[bits & 63];
    } else if (tail === 2) {
      result += map2[bits >> 10 & 63];
      result += map2[bits >> 4 & 63];
      result += map2[bits << 2 & 63];
      result += map2[64];
    } else if (tail === 1) {
      result += map2[bits >> 2 & 63];
      result += map2[bits << 4 & 63];
      result += map2[64];
      result += map2[64];
    }
    return result;
  }
  function isBinary(obj) {
    return Object.prototype.toString.call(obj) === "[object Uint8Array]";
  }
  binary = new Type2("tag:yaml.org,2002:binary", {
    kind: "scalar",
    resolve: resolveYamlBinary,
    construct: constructYamlBinary,
    predicate: isBinary,
    represent: representYamlBinary
  });
  return binary;
}
var omap;
var hasRequiredOmap;
function requireOmap() {
  if (hasRequiredOmap) return omap;
  hasRequiredOmap = 1;
  const Type2 = requireType();
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  const _toString = Object.prototype.toString;
  function resolveYamlOmap(data) {
    if (data === null) return true;
    const objectKeys = {};
    const object = data;
    for (let index = 0, length = object.length; index < length; index += 1) {
      const pair = object[index];
      let pairHasKey = false;
      if (_toString.call(pair) !== "[object Object]") return false;
      let pairKey;
      for (pairKey in pair) {
        if (_hasOwnProperty.call(pair, pairKey)) {
          if (!pairHasKey) pairHasKey = true;
          else return false;
        }
      }
      if (!pairHasKey) return false;
      if (_hasOwnProperty.call(objectKeys, pairKey)) return false;
      Object.defineProperty(objectKeys, pairKey, { value: true });
    }
    return true;
  }
  function constructYamlOmap(data) {
    return data !== null ? data : [];
  }
  omap = new Type2("tag:yaml.org,2002:omap", {
    kind: "sequence",
    resolve: resolveYamlOmap,
    construct: constructYamlOmap
  });
  return omap;
}
var pairs;
var hasRequiredPairs;
function requirePairs() {
  if (hasRequiredPairs) return pairs;
  hasRequiredPairs = 1;
  const Type2 = requireType();
  const _toString = Object.prototype.toString;
  function resolveYamlPairs(data) {
    if (data === null) return true;
    const object = data;
    const result = new Array(object.length);
    for (let index = 0, length = object.length; index < length; index += 1) {
      const pair = object[index];
      if (_toString.call(pair) !== "[object Object]") return false;
      const keys = Object.keys(pair);
      if (keys.length !== 1) return false;
      result[index] = [keys[0], pair[keys[0]]];
    }
    return true;
  }
  function constructYamlPairs(data) {
    if (data === null) return [];
    const object = data;
    const result = new Array(object.length);
    for (let index = 0, length = object.length; index < length; index += 1) {
      const pair = object[index];
      const keys = Object.keys(pair);
      result[index] = [keys[0], pair[keys[0]]];
    }
    return result;
  }
  pairs = new Type2("tag:yaml.org,2002:pairs", {
    kind: "sequence",
    resolve: resolveYamlPairs,
    construct: constructYamlPairs
  });
  return pairs;
}
var set;
var hasRequiredSet;
function requireSet() {
  if (hasRequiredSet) return set;
  hasRequiredSet = 1;
  const Type2 = requireType();
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  function resolveYamlSet(data) {
    if (data === null) return true;
    const object = data;
    for (const key in object) {
      if (_hasOwnProperty.call(object, key)) {
        if (object[key] !== null) return false;
      }
    }
    return true;
  }
  function constructYamlSet(data) {
    return data !== null ? data : {};
  }
  set = new Type2("tag:yaml.org,2002:set", {
    kind: "mapping",
    resolve: resolveYamlSet,
    construct: constructYamlSet
  });
  return set;
}
var _default;
var hasRequired_default;
function require_default() {
  if (hasRequired_default) return _default;
  hasRequired_default = 1;
  _default = requireCore().extend({
    implicit: [
      requireTimestamp(),
      requireMerge()
    ],
    explicit: [
      requireBinary(),
      requireOmap(),
      requirePairs(),
      requireSet()
    ]
  });
  return _default;
}
var hasRequiredLoader;
function requireLoader() {
  if (hasRequiredLoader) return loader;
  hasRequiredLoader = 1;
  const common2 = requireCommon();
  const YAMLException2 = requireException();
  const makeSnippet = requireSnippet();
  const DEFAULT_SCHEMA2 = require_default();
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  const CONTEXT_FLOW_IN = 1;
  const CONTEXT_FLOW_OUT = 2;
  const CONTEXT_BLOCK_IN = 3;
  const CONTEXT_BLOCK_OUT = 4;
  const CHOMPING_CLIP = 1;
  const CHOMPING_STRIP = 2;
  const CHOMPING_KEEP = 3;
  const PATTERN_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
  const PATTERN_NON_ASCII_LINE_BREAKS = /[\x85\u2028\u2029]/;
  const PATTERN_FLOW_INDICATORS = /[,\[\]{}]/;
  const PATTERN_TAG_HANDLE = /^(?:!|!!|![0-9A-Za-z-]+!)$/;
  const PATTERN_TAG_URI = /^(?:!|[^,\[\]{}])(?:%[0-9a-f]{2}|[0-9a-z\-#;/?:@&=+$,_.!~*'()\[\]])*$/i;
  function _class(obj) {
    return Object.prototype.toString.call(obj);
  }
  function isEol(c) {
    return c === 10 || c === 13;
  }
  function isWhiteSpace(c) {
    return c === 9 || c === 32;
  }
  function isWsOrEol(c) {
    return c === 9 || c === 32 || c === 10 || c === 13;
  }
  function isFlowIndicator(c) {
    return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
  }
  function fromHexCode(c) {
    if (c >= 48 && c <= 57) {
      return c - 48;
    }
    const lc = c | 32;
    if (lc >= 97 && lc <= 102) {
      return lc - 97 + 10;
    }
    return -1;
  }
  function escapedHexLen(c) {
    if (c === 120) {
      return 2;
    }
    if (c === 117) {
      return 4;
    }
    if (c === 85) {
      return 8;
    }
    return 0;
  }
  function fromDecimalCode(c) {
    if (c >= 48 && c <= 57) {
      return c - 48;
    }
    return -1;
  }
  function simpleEscapeSequence(c) {
    switch (c) {
      case 48:
        return "\0";
      case 97:
        return "\x07";
      case 98:
        return "\b";
      case 116:
        return "	";
      case 9:
        return "	";
      case 110:
        return "\n";
      case 118:
        return "\v";
      case 102:
        return "\f";
      case 114:
        return "\r";
      case 101:
        return "\x1B";
      case 32:
        return " ";
      case 34:
        return '"';
      case 47:
        return "/";
      case 92:
        return "\\";
      case 78:
        return "";
      case 95:
        return " ";
      case 76:
        return "\u2028";
      case 80:
        return "\u2029";
      default:
        return "";
    }
  }
  function charFromCodepoint(c) {
    if (c <= 65535) {
      return String.fromCharCode(c);
    }
    return String.fromCharCode(
      (c - 65536 >> 10) + 55296,
      (c - 65536 & 1023) + 56320
    );
  }
  function setProperty(object, key, value) {
    if (key === "__proto__") {
      Object.defineProperty(object, key, {
        configurable: true,
        enumerable: true,
        writable: true,
        value
      });
    } else {
      object[key] = value;
    }
  }
  const simpleEscapeCheck = new Array(256);
  const simpleEscapeMap = new Array(256);
  for (let i = 0; i < 256; i++) {
    simpleEscapeCheck[i] = simpleEscapeSequence(i) ? 1 : 0;
    simpleEscapeMap[i] = simpleEscapeSequence(i);
  }
  function State(input, options) {
    this.input = input;
    this.filename = options["filename"] || null;
    this.schema = options["schema"] || DEFAULT_SCHEMA2;
    this.onWarning = options["onWarning"] || null;
    this.legacy = options["legacy"] || false;
    this.json = options["json"] || false;
    this.listener = options["listener"] || null;
    this.maxDepth = typeof options["maxDepth"] === "number" ? options["maxDepth"] : 100;
    this.maxTotalMergeKeys = typeof options["maxTotalMergeKeys"] === "number" ? options["maxTotalMergeKeys"] : 1e4;
    this.implicitTypes = this.schema.compiledImplicit;
    this.typeMap = this.schema.compiledTypeMap;
    this.length = input.length;
    this.position = 0;
    this.line = 0;
    this.lineStart = 0;
    this.lineIndent = 0;
    this.depth = 0;
    this.totalMergeKeys = 0;
    this.firstTabInLine = -1;
    this.documents = [];
    this.anchorMapTransactions = [];
  }
  function generateError(state, message) {
    const mark = {
      name: state.filename,
      buffer: state.input.slice(0, -1),
      // omit trailing \0
      position: state.position,
      line: state.line,
      column: state.position - state.lineStart
    };
    mark.snippet = makeSnippet(mark);
    return new YAMLException2(message, mark);
  }
  function throwError(state, message) {
    throw generateError(state, message);
  }
  function throwWarning(state, message) {
    if (state.onWarning) {
      state.onWarning.call(null, generateError(state, message));
    }
  }
  function storeAnchor(state, name, value) {
    const transactions = state.anchorMapTransactions;
    if (transactions.length !== 0) {
      const transaction = transactions[transactions.length - 1];
      if (!_hasOwnProperty.call(transaction, name)) {
        transaction[name] = {
          existed: _hasOwnProperty.call(state.anchorMap, name),
          value: state.anchorMap[name]
        };
      }
    }
    state.anchorMap[name] = value;
  }
  function beginAnchorTransaction(state) {
    state.anchorMapTransactions.push(/* @__PURE__ */ Object.create(null));
  }
  function commitAnchorTransaction(state) {
    const transaction = state.anchorMapTransactions.pop();
    const transactions = state.anchorMapTransactions;
    if (transactions.length === 0) return;
    const parent = transactions[transactions.length - 1];
    const names = Object.keys(transaction);
    for (let index = 0, length = names.length; index < length; index += 1) {
      const name = names[index];
      if (!_hasOwnProperty.call(parent, name)) {
        parent[name] = transaction[name];
      }
    }
  }
  function rollbackAnchorTransaction(state) {
    const transaction = state.anchorMapTransactions.pop();
    const names = Object.keys(transaction);
    for (let index = names.length - 1; index >= 0; index -= 1) {
      const entry = transaction[names[index]];
      if (entry.existed) {
        state.anchorMap[names[index]] = entry.value;
      } else {
        delete state.anchorMap[names[index]];
      }
    }
  }
  function snapshotState(state) {
    return {
      position: state.position,
      line: state.line,
      lineStart: state.lineStart,
      lineIndent: state.lineIndent,
      firstTabInLine: state.firstTabInLine,
      tag: state.tag,
      anchor: state.anchor,
      kind: state.kind,
      result: state.result
    };
  }
  function restoreState(state, snapshot) {
    state.position = snapshot.position;
    state.line = snapshot.line;
    state.lineStart = snapshot.lineStart;
    state.lineIndent = snapshot.lineIndent;
    state.firstTabInLine = snapshot.firstTabInLine;
    state.tag = snapshot.tag;
    state.anchor = snapshot.anchor;
    state.kind = snapshot.kind;
    state.result = snapshot.result;
  }
  const directiveHandlers = {
    YAML: function handleYamlDirective(state, name, args) {
      if (state.version !== null) {
        throwError(state, "duplication of %YAML directive");
      }
      if (args.length !== 1) {
        throwError(state, "YAML directive accepts exactly one argument");
      }
      const match = /^([0-9]+)\.([0-9]+)$/.exec(args[0]);
      if (match === null) {
        throwError(state, "ill-formed argument of the YAML directive");
      }
      const major = parseInt(match[1], 10);
      const minor = parseInt(match[2], 10);
      if (major !== 1) {
        throwError(state, "unacceptable YAML version of the document");
      }
      state.version = args[0];
      state.checkLineBreaks = minor < 2;
      if (minor !== 1 && minor !== 2) {
        throwWarning(state, "unsupported YAML version of the document");
      }
    },
    TAG: function handleTagDirective(state, name, args) {
      let prefix;
      if (args.length !== 2) {
        throwError(state, "TAG directive accepts exactly two arguments");
      }
      const handle = args[0];
      prefix = args[1];
      if (!PATTERN_TAG_HANDLE.test(handle)) {
        throwError(state, "ill-formed tag handle (first argument) of the TAG directive");
      }
      if (_hasOwnProperty.call(state.tagMap, handle)) {
        throwError(state, 'there is a previously declared suffix for "' + handle + '" tag handle');
      }
      if (!PATTERN_TAG_URI.test(prefix)) {
        throwError(state, "ill-formed tag prefix (second argument) of the TAG directive");
      }
      try {
        prefix = decodeURIComponent(prefix);
      } catch (err) {
        throwError(state, "tag prefix is malformed: " + prefix);
      }
      state.tagMap[handle] = prefix;
    }
  };
  function captureSegment(state, start, end, checkJson) {
    if (start < end) {
      const _result = state.input.slice(start, end);
      if (checkJson) {
        for (let _position = 0, _length = _result.length; _position < _length; _position += 1) {
          const _character = _result.charCodeAt(_position);
          if (!(_character === 9 || _character >= 32 && _character <= 1114111)) {
            throwError(state, "expected valid JSON character");
          }
        }
      } else if (PATTERN_NON_PRINTABLE.test(_result)) {
        throwError(state, "the stream contains non-printable characters");
      }
      state.result += _result;
    }
  }
  function chargeMergeWork(state) {
    state.totalMergeKeys++;
    if (state.maxTotalMergeKeys !== -1 && state.totalMergeKeys > state.maxTotalMergeKeys) {
      throwError(state, "merge keys exceeded maxTotalMergeKeys (" + state.maxTotalMergeKeys + ")");
    }
  }
  function mergeMappings(state, destination, source, overridableKeys) {
    if (!common2.isObject(source)) {
      throwError(state, "cannot merge mappings; the provided source object is unacceptable");
    }
    chargeMergeWork(state);
    const sourceKeys = Object.keys(source);
    for (let index = 0, quantity = sourceKeys.length; index < quantity; index += 1) {
      const key = sourceKeys[index];
      chargeMergeWork(state);
      if (!_hasOwnProperty.call(destination, key)) {
        setProperty(destination, key, source[key]);
        overridableKeys[key] = true;
      }
    }
  }
  function storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, startLine, startLineStart, startPos) {
    if (Array.isArray(keyNode)) {
      keyNode = Array.prototype.slice.call(keyNode);
      for (let index = 0, quantity = keyNode.length; index < quantity; index += 1) {
        if (Array.isArray(keyNode[index])) {
          throwError(state, "nested arrays are not supported inside keys");
        }
        if (typeof keyNode === "object" && _class(keyNode[index]) === "[object Object]") {
          keyNode[index] = "[object Object]";
        }
      }
    }
    if (typeof keyNode === "object" && _class(keyNode) === "[object Object]") {
      keyNode = "[object Object]";
    }
    keyNode = String(keyNode);
    if (_result === null) {
      _result = {};
    }
    if (keyTag === "tag:yaml.org,2002:merge") {
      if (Array.isArray(valueNode)) {
        if (valueNode.length > 100) {
          throwError(state, "abnormal merge sequence size");
        }
        for (let index = 0, quantity = valueNode.length; index < quantity; index += 1) {
          mergeMappings(state, _result, valueNode[index], overridableKeys);
        }
      } else {
        mergeMappings(state, _result, valueNode, overridableKeys);
      }
    } else {
      if (!state.json && !_hasOwnProperty.call(overridableKeys, keyNode) && _hasOwnProperty.call(_result, keyNode)) {
        state.line = startLine || state.line;
        state.lineStart = startLineStart || state.lineStart;
        state.position = startPos || state.position;
        throwError(state, "duplicated mapping key");
      }
      setProperty(_result, keyNode, valueNode);
      delete overridableKeys[keyNode];
    }
    return _result;
  }
  function readLineBreak(state) {
    const ch = state.input.charCodeAt(state.position);
    if (ch === 10) {
      state.position++;
    } else if (ch === 13) {
      state.position++;
      if (state.input.charCodeAt(state.position) === 10) {
        state.position++;
      }
    } else {
      throwError(state, "a line break is expected");
    }
    state.line += 1;
    state.lineStart = state.position;
    state.firstTabInLine = -1;
  }
  function skipSeparationSpace(state, allowComments, checkIndent) {
    let lineBreaks = 0;
    let ch = state.input.charCodeAt(state.position);
    while (ch !== 0) {
      while (isWhiteSpace(ch)) {
        if (ch === 9 && state.firstTabInLine === -1) {
          state.firstTabInLine = state.position;
        }
        ch = state.input.charCodeAt(++state.position);
      }
      if (allowComments && ch === 35) {
        do {
          ch = state.input.charCodeAt(++state.position);
        } while (ch !== 10 && ch !== 13 && ch !== 0);
      }
      if (isEol(ch)) {
        readLineBreak(state);
        ch = state.input.charCodeAt(state.position);
        lineBreaks++;
        state.lineIndent = 0;
        while (ch === 32) {
          state.lineIndent++;
          ch = state.input.charCodeAt(++state.position);
        }
      } else {
        break;
      }
    }
    if (checkIndent !== -1 && lineBreaks !== 0 && state.lineIndent < checkIndent) {
      throwWarning(state, "deficient indentation");
    }
    return lineBreaks;
  }
  function testDocumentSeparator(state) {
    let _position = state.position;
    let ch = state.input.charCodeAt(_position);
    if ((ch === 45 || ch === 46) && ch === state.input.charCodeAt(_position + 1) && ch === state.input.charCodeAt(_position + 2)) {
      _position += 3;
      ch = state.input.charCodeAt(_position);
      if (ch === 0 || isWsOrEol(ch)) {
        return true;
      }
    }
    return false;
  }
  function writeFoldedLines(state, count) {
    if (count === 1) {
      state.result += " ";
    } else if (count > 1) {
      state.result += common2.repeat("\n", count - 1);
    }
  }
  function readPlainScalar(state, nodeIndent, withinFlowCollection) {
    let captureStart;
    let captureEnd;
    let hasPendingContent;
    let _line;
    let _lineStart;
    let _lineIndent;
    const _kind = state.kind;
    const _result = state.result;
    let ch = state.input.charCodeAt(state.position);
    if (isWsOrEol(ch) || isFlowIndicator(ch) || ch === 35 || ch === 38 || ch === 42 || ch === 33 || ch === 124 || ch === 62 || ch === 39 || ch === 34 || ch === 37 || ch === 64 || ch === 96) {
      return false;
    }
    if (ch === 63 || ch === 45) {
      const following = state.input.charCodeAt(state.position + 1);
      if (isWsOrEol(following) || withinFlowCollection && isFlowIndicator(following)) {
        return false;
      }
    }
    state.kind = "scalar";
    state.result = "";
    captureStart = captureEnd = state.position;
    hasPendingContent = false;
    while (ch !== 0) {
      if (ch === 58) {
        const following = state.input.charCodeAt(state.position + 1);
        if (isWsOrEol(following) || withinFlowCollection && isFlowIndicator(following)) {
          break;
        }
      } else if (ch === 35) {
        const preceding = state.input.charCodeAt(state.position - 1);
        if (isWsOrEol(preceding)) {
          break;
        }
      } else if (state.position === state.lineStart && testDocumentSeparator(state) || withinFlowCollection && isFlowIndicator(ch)) {
        break;
      } else if (isEol(ch)) {
        _line = state.line;
        _lineStart = state.lineStart;
        _lineIndent = state.lineIndent;
        skipSeparationSpace(state, false, -1);
        if (state.lineIndent >= nodeIndent) {
          hasPendingContent = true;
          ch = state.input.charCodeAt(state.position);
          continue;
        } else {
          state.position = captureEnd;
          state.line = _line;
          state.lineStart = _lineStart;
          state.lineIndent = _lineIndent;
          break;
        }
      }
      if (hasPendingContent) {
        captureSegment(state, captureStart, captureEnd, false);
        writeFoldedLines(state, state.line - _line);
        captureStart = captureEnd = state.position;
        hasPendingContent = false;
      }
      if (!isWhiteSpace(ch)) {
        captureEnd = state.position + 1;
      }
      ch = state.input.charCodeAt(++state.position);
    }
    captureSegment(state, captureStart, captureEnd, false);
    if (state.result) {
      return true;
    }
    state.kind = _kind;
    state.result = _result;
    return false;
  }
  function readSingleQuotedScalar(state, nodeIndent) {
    let captureStart;
    let captureEnd;
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 39) {
      return false;
    }
    state.kind = "scalar";
    state.result = "";
    state.position++;
    captureStart = captureEnd = state.position;
    while ((ch = state.input.charCodeAt(state.position)) !== 0) {
      if (ch === 39) {
        captureSegment(state, captureStart, state.position, true);
        ch = state.input.charCodeAt(++state.position);
        if (ch === 39) {
          captureStart = state.position;
          state.position++;
          captureEnd = state.position;
        } else {
          return true;
        }
      } else if (isEol(ch)) {
        captureSegment(state, captureStart, captureEnd, true);
        writeFoldedLines(state, skipSeparationSpace(state, false, nodeIndent));
        captureStart = captureEnd = state.position;
      } else if (state.position === state.lineStart && testDocumentSeparator(state)) {
        throwError(state, "unexpected end of the document within a single quoted scalar");
      } else {
        state.position++;
        if (!isWhiteSpace(ch)) {
          captureEnd = state.position;
        }
      }
    }
    throwError(state, "unexpected end of the stream within a single quoted scalar");
  }
  function readDoubleQuotedScalar(state, nodeIndent) {
    let captureStart;
    let captureEnd;
    let tmp;
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 34) {
      return false;
    }
    state.kind = "scalar";
    state.result = "";
    state.position++;
    captureStart = captureEnd = state.position;
    while ((ch = state.input.charCodeAt(state.position)) !== 0) {
      if (ch === 34) {
        captureSegment(state, captureStart, state.position, true);
        state.position++;
        return true;
      } else if (ch === 92) {
        captureSegment(state, captureStart, state.position, true);
        ch = state.input.charCodeAt(++state.position);
        if (isEol(ch)) {
          skipSeparationSpace(state, false, nodeIndent);
        } else if (ch < 256 && simpleEscapeCheck[ch]) {
          state.result += simpleEscapeMap[ch];
          state.position++;
        } else if ((tmp = escapedHexLen(ch)) > 0) {
          let hexLength = tmp;
          let hexResult = 0;
          for (; hexLength > 0; hexLength--) {
            ch = state.input.charCodeAt(++state.position);
            if ((tmp = fromHexCode(ch)) >= 0) {
              hexResult = (hexResult << 4) + tmp;
            } else {
              throwError(state, "expected hexadecimal character");
            }
          }
          state.result += charFromCodepoint(hexResult);
          state.position++;
        } else {
          throwError(state, "unknown escape sequence");
        }
        captureStart = captureEnd = state.position;
      } else if (isEol(ch)) {
        captureSegment(state, captureStart, captureEnd, true);
        writeFoldedLines(state, skipSeparationSpace(state, false, nodeIndent));
        captureStart = captureEnd = state.position;
      } else if (state.position === state.lineStart && testDocumentSeparator(state)) {
        throwError(state, "unexpected end of the document within a double quoted scalar");
      } else {
        state.position++;
        if (!isWhiteSpace(ch)) {
          captureEnd = state.position;
        }
      }
    }
    throwError(state, "unexpected end of the stream within a double quoted scalar");
  }
  function readFlowCollection(state, nodeIndent) {
    let readNext = true;
    let _line;
    let _lineStart;
    let _pos;
    const _tag = state.tag;
    let _result;
    const _anchor = state.anchor;
    let terminator;
    let isPair;
    let isExplicitPair;
    let isMapping;
    const overridableKeys = /* @__PURE__ */ Object.create(null);
    let keyNode;
    let keyTag;
    let valueNode;
    let ch = state.input.charCodeAt(state.position);
    if (ch === 91) {
      terminator = 93;
      isMapping = false;
      _result = [];
    } else if (ch === 123) {
      terminator = 125;
      isMapping = true;
      _result = {};
    } else {
      return false;
    }
    if (state.anchor !== null) {
      storeAnchor(state, state.anchor, _result);
    }
    ch = state.input.charCodeAt(++state.position);
    while (ch !== 0) {
      skipSeparationSpace(state, true, nodeIndent);
      ch = state.input.charCodeAt(state.position);
      if (ch === terminator) {
        state.position++;
        state.tag = _tag;
        state.anchor = _anchor;
        state.kind = isMapping ? "mapping" : "sequence";
        state.result = _result;
        return true;
      } else if (!readNext) {
        throwError(state, "missed comma between flow collection entries");
      } else if (ch === 44) {
        throwError(state, "expected the node content, but found ','");
      }
      keyTag = keyNode = valueNode = null;
      isPair = isExplicitPair = false;
      if (ch === 63) {
        const following = state.input.charCodeAt(state.position + 1);
        if (isWsOrEol(following)) {
          isPair = isExplicitPair = true;
          state.position++;
          skipSeparationSpace(state, true, nodeIndent);
        }
      }
      _line = state.line;
      _lineStart = state.lineStart;
      _pos = state.position;
      composeNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
      keyTag = state.tag;
      keyNode = state.result;
      skipSeparationSpace(state, true, nodeIndent);
      ch = state.input.charCodeAt(state.position);
      if ((isExplicitPair || state.line === _line) && ch === 58) {
        isPair = true;
        ch = state.input.charCodeAt(++state.position);
        skipSeparationSpace(state, true, nodeIndent);
        composeNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
        valueNode = state.result;
      }
      if (isMapping) {
        storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, _line, _lineStart, _pos);
      } else if (isPair) {
        _result.push(storeMappingPair(state, null, overridableKeys, keyTag, keyNode, valueNode, _line, _lineStart, _pos));
      } else {
        _result.push(keyNode);
      }
      skipSeparationSpace(state, true, nodeIndent);
      ch = state.input.charCodeAt(state.position);
      if (ch === 44) {
        readNext = true;
        ch = state.input.charCodeAt(++state.position);
      } else {
        readNext = false;
      }
    }
    throwError(state, "unexpected end of the stream within a flow collection");
  }
  function readBlockScalar(state, nodeIndent) {
    let folding;
    let chomping = CHOMPING_CLIP;
    let didReadContent = false;
    let detectedIndent = false;
    let textIndent = nodeIndent;
    let emptyLines = 0;
    let atMoreIndented = false;
    let tmp;
    let ch = state.input.charCodeAt(state.position);
    if (ch === 124) {
      folding = false;
    } else if (ch === 62) {
      folding = true;
    } else {
      return false;
    }
    state.kind = "scalar";
    state.result = "";
    while (ch !== 0) {
      ch = state.input.charCodeAt(++state.position);
      if (ch === 43 || ch === 45) {
        if (CHOMPING_CLIP === chomping) {
          chomping = ch === 43 ? CHOMPING_KEEP : CHOMPING_STRIP;
        } else {
          throwError(state, "repeat of a chomping mode identifier");
        }
      } else if ((tmp = fromDecimalCode(ch)) >= 0) {
        if (tmp === 0) {
          throwError(state, "bad explicit indentation width of a block scalar; it cannot be less than one");
        } else if (!detectedIndent) {
          textIndent = nodeIndent + tmp - 1;
          detectedIndent = true;
        } else {
          throwError(state, "repeat of an indentation width identifier");
        }
      } else {
        break;
      }
    }
    if (isWhiteSpace(ch)) {
      do {
        ch = state.input.charCodeAt(++state.position);
      } while (isWhiteSpace(ch));
      if (ch === 35) {
        do {
          ch = state.input.charCodeAt(++state.position);
        } while (!isEol(ch) && ch !== 0);
      }
    }
    while (ch !== 0) {
      readLineBreak(state);
      state.lineIndent = 0;
      ch = state.input.charCodeAt(state.position);
      while ((!detectedIndent || state.lineIndent < textIndent) && ch === 32) {
        state.lineIndent++;
        ch = state.input.charCodeAt(++state.position);
      }
      if (!detectedIndent && state.lineIndent > textIndent) {
        textIndent = state.lineIndent;
      }
      if (isEol(ch)) {
        emptyLines++;
        continue;
      }
      if (!detectedIndent && textIndent === 0) {
        throwError(state, "missing indentation for block scalar");
      }
      if (state.lineIndent < textIndent) {
        if (chomping === CHOMPING_KEEP) {
          state.result += common2.repeat("\n", didReadContent ? 1 + emptyLines : emptyLines);
        } else if (chomping === CHOMPING_CLIP) {
          if (didReadContent) {
            state.result += "\n";
          }
        }
        break;
      }
      if (folding) {
        if (isWhiteSpace(ch)) {
          atMoreIndented = true;
          state.result += common2.repeat("\n", didReadContent ? 1 + emptyLines : emptyLines);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          state.result += common2.repeat("\n", emptyLines + 1);
        } else if (emptyLines === 0) {
          if (didReadContent) {
            state.result += " ";
          }
        } else {
          state.result += common2.repeat("\n", emptyLines);
        }
      } else {
        state.result += common2.repeat("\n", didReadContent ? 1 + emptyLines : emptyLines);
      }
      didReadContent = true;
      detectedIndent = true;
      emptyLines = 0;
      const captureStart = state.position;
      while (!isEol(ch) && ch !== 0) {
        ch = state.input.charCodeAt(++state.position);
      }
      captureSegment(state, captureStart, state.position, false);
    }
    return true;
  }
  function readBlockSequence(state, nodeIndent) {
    const _tag = state.tag;
    const _anchor = state.anchor;
    const _result = [];
    let detected = false;
    if (state.firstTabInLine !== -1) return false;
    if (state.anchor !== null) {
      storeAnchor(state, state.anchor, _result);
    }
    let ch = state.input.charCodeAt(state.position);
    while (ch !== 0) {
      if (state.firstTabInLine !== -1) {
        state.position = state.firstTabInLine;
        throwError(state, "tab characters must not be used in indentation");
      }
      if (ch !== 45) {
        break;
      }
      const following = state.input.charCodeAt(state.position + 1);
      if (!isWsOrEol(following)) {
        break;
      }
      detected = true;
      state.position++;
      if (skipSeparationSpace(state, true, -1)) {
        if (state.lineIndent <= nodeIndent) {
          _result.push(null);
          ch = state.input.charCodeAt(state.position);
          continue;
        }
      }
      const _line = state.line;
      composeNode(state, nodeIndent, CONTEXT_BLOCK_IN, false, true);
      _result.push(state.result);
      skipSeparationSpace(state, true, -1);
      ch = state.input.charCodeAt(state.position);
      if ((state.line === _line || state.lineIndent > nodeIndent) && ch !== 0) {
        throwError(state, "bad indentation of a sequence entry");
      } else if (state.lineIndent < nodeIndent) {
        break;
      }
    }
    if (detected) {
      state.tag = _tag;
      state.anchor = _anchor;
      state.kind = "sequence";
      state.result = _result;
      return true;
    }
    return false;
  }
  function readBlockMapping(state, nodeIndent, flowIndent) {
    let allowCompact;
    let _keyLine;
    let _keyLineStart;
    let _keyPos;
    const _tag = state.tag;
    const _anchor = state.anchor;
    const _result = {};
    const overridableKeys = /* @__PURE__ */ Object.create(null);
    let keyTag = null;
    let keyNode = null;
    let valueNode = null;
    let atExplicitKey = false;
    let detected = false;
    if (state.firstTabInLine !== -1) return false;
    if (state.anchor !== null) {
      storeAnchor(state, state.anchor, _result);
    }
    let ch = state.input.charCodeAt(state.position);
    while (ch !== 0) {
      if (!atExplicitKey && state.firstTabInLine !== -1) {
        state.position = state.firstTabInLine;
        throwError(state, "tab characters must not be used in indentation");
      }
      const following = state.input.charCodeAt(state.position + 1);
      const _line = state.line;
      if ((ch === 63 || ch === 58) && isWsOrEol(following)) {
        if (ch === 63) {
          if (atExplicitKey) {
            storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos);
            keyTag = keyNode = valueNode = null;
          }
          detected = true;
          atExplicitKey = true;
          allowCompact = true;
        } else if (atExplicitKey) {
          atExplicitKey = false;
          allowCompact = true;
        } else {
          throwError(state, "incomplete explicit mapping pair; a key node is missed; or followed by a non-tabulated empty line");
        }
        state.position += 1;
        ch = following;
      } else {
        _keyLine = state.line;
        _keyLineStart = state.lineStart;
        _keyPos = state.position;
        if (!composeNode(state, flowIndent, CONTEXT_FLOW_OUT, false, true)) {
          break;
        }
        if (state.line === _line) {
          ch = state.input.charCodeAt(state.position);
          while (isWhiteSpace(ch)) {
            ch = state.input.charCodeAt(++state.position);
          }
          if (ch === 58) {
            ch = state.input.charCodeAt(++state.position);
            if (!isWsOrEol(ch)) {
              throwError(state, "a whitespace character is expected after the key-value separator within a block mapping");
            }
            if (atExplicitKey) {
              storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos);
              keyTag = keyNode = valueNode = null;
            }
            detected = true;
            atExplicitKey = false;
            allowCompact = false;
            keyTag = state.tag;
            keyNode = state.result;
          } else if (detected) {
            throwError(state, "can not read an implicit mapping pair; a colon is missed");
          } else {
            state.tag = _tag;
            state.anchor = _anchor;
            return true;
          }
        } else if (detected) {
          throwError(state, "can not read a block mapping entry; a multiline key may not be an implicit key");
        } else {
          state.tag = _tag;
          state.anchor = _anchor;
          return true;
        }
      }
      if (state.line === _line || state.lineIndent > nodeIndent) {
        if (atExplicitKey) {
          _keyLine = state.line;
          _keyLineStart = state.lineStart;
          _keyPos = state.position;
        }
        if (composeNode(state, nodeIndent, CONTEXT_BLOCK_OUT, true, allowCompact)) {
          if (atExplicitKey) {
            keyNode = state.result;
          } else {
            valueNode = state.result;
          }
        }
        if (!atExplicitKey) {
          storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, _keyLine, _keyLineStart, _keyPos);
          keyTag = keyNode = valueNode = null;
        }
        skipSeparationSpace(state, true, -1);
        ch = state.input.charCodeAt(state.position);
      }
      if ((state.line === _line || state.lineIndent > nodeIndent) && ch !== 0) {
        throwError(state, "bad indentation of a mapping entry");
      } else if (state.lineIndent < nodeIndent) {
        break;
      }
    }
    if (atExplicitKey) {
      storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos);
    }
    if (detected) {
      state.tag = _tag;
      state.anchor = _anchor;
      state.kind = "mapping";
      state.result = _result;
    }
    return detected;
  }
  function readTagProperty(state) {
    let isVerbatim = false;
    let isNamed = false;
    let tagHandle;
    let tagName;
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 33) return false;
    if (state.tag !== null) {
      throwError(state, "duplication of a tag property");
    }
    ch = state.input.charCodeAt(++state.position);
    if (ch === 60) {
      isVerbatim = true;
      ch = state.input.charCodeAt(++state.position);
    } else if (ch === 33) {
      isNamed = true;
      tagHandle = "!!";
      ch = state.input.charCodeAt(++state.position);
    } else {
      tagHandle = "!";
    }
    let _position = state.position;
    if (isVerbatim) {
      do {
        ch = state.input.charCodeAt(++state.position);
      } while (ch !== 0 && ch !== 62);
      if (state.position < state.length) {
        tagName = state.input.slice(_position, state.position);
        ch = state.input.charCodeAt(++state.position);
      } else {
        throwError(state, "unexpected end of the stream within a verbatim tag");
      }
    } else {
      while (ch !== 0 && !isWsOrEol(ch)) {
        if (ch === 33) {
          if (!isNamed) {
            tagHandle = state.input.slice(_position - 1, state.position + 1);
            if (!PATTERN_TAG_HANDLE.test(tagHandle)) {
              throwError(state, "named tag handle cannot contain such characters");
            }
            isNamed = true;
            _position = state.position + 1;
          } else {
            throwError(state, "tag suffix cannot contain exclamation marks");
          }
        }
        ch = state.input.charCodeAt(++state.position);
      }
      tagName = state.input.slice(_position, state.position);
      if (PATTERN_FLOW_INDICATORS.test(tagName)) {
        throwError(state, "tag suffix cannot contain flow indicator characters");
      }
    }
    if (tagName && !PATTERN_TAG_URI.test(tagName)) {
      throwError(state, "tag name cannot contain such characters: " + tagName);
    }
    try {
      tagName = decodeURIComponent(tagName);
    } catch (err) {
      throwError(state, "tag name is malformed: " + tagName);
    }
    if (isVerbatim) {
      state.tag = tagName;
    } else if (_hasOwnProperty.call(state.tagMap, tagHandle)) {
      state.tag = state.tagMap[tagHandle] + tagName;
    } else if (tagHandle === "!") {
      state.tag = "!" + tagName;
    } else if (tagHandle === "!!") {
      state.tag = "tag:yaml.org,2002:" + tagName;
    } else {
      throwError(state, 'undeclared tag handle "' + tagHandle + '"');
    }
    return true;
  }
  function readAnchorProperty(state) {
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 38) return false;
    if (state.anchor !== null) {
      throwError(state, "duplication of an anchor property");
    }
    ch = state.input.charCodeAt(++state.position);
    const _position = state.position;
    while (ch !== 0 && !isWsOrEol(ch) && !isFlowIndicator(ch)) {
      ch = state.input.charCodeAt(++state.position);
    }
    if (state.position === _position) {
      throwError(state, "name of an anchor node must contain at least one character");
    }
    state.anchor = state.input.slice(_position, state.position);
    return true;
  }
  function readAlias(state) {
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 42) return false;
    ch = state.input.charCodeAt(++state.position);
    const _position = state.position;
    while (ch !== 0 && !isWsOrEol(ch) && !isFlowIndicator(ch)) {
      ch = state.input.charCodeAt(++state.position);
    }
    if (state.position === _position) {
      throwError(state, "name of an alias node must contain at least one character");
    }
    const alias = state.input.slice(_position, state.position);
    if (!_hasOwnProperty.call(state.anchorMap, alias)) {
      throwError(state, 'unidentified alias "' + alias + '"');
    }
    state.result = state.anchorMap[alias];
    skipSeparationSpace(state, true, -1);
    return true;
  }
  function tryReadBlockMappingFromProperty(state, propertyStart, nodeIndent, flowIndent) {
    const fallbackState = snapshotState(state);
    beginAnchorTransaction(state);
    restoreState(state, propertyStart);
    state.tag = null;
    state.anchor = null;
    state.kind = null;
    state.result = null;
    if (readBlockMapping(state, nodeIndent, flowIndent) && state.kind === "mapping") {
      commitAnchorTransaction(state);
      return true;
    }
    rollbackAnchorTransaction(state);
    restoreState(state, fallbackState);
    return false;
  }
  function composeNode(state, parentIndent, nodeContext, allowToSeek, allowCompact) {
    let allowBlockScalars;
    let allowBlockCollections;
    let indentStatus = 1;
    let atNewLine = false;
    let hasContent = false;
    let propertyStart = null;
    let type2;
    let flowIndent;
    let blockIndent;
    if (state.depth >= state.maxDepth) {
      throwError(state, "nesting exceeded maxDepth (" + state.maxDepth + ")");
    }
    state.depth += 1;
    if (state.listener !== null) {
      state.listener("open", state);
    }
    state.tag = null;
    state.anchor = null;
    state.kind = null;
    state.result = null;
    const allowBlockStyles = allowBlockScalars = allowBlockCollections = CONTEXT_BLOCK_OUT === nodeContext || CONTEXT_BLOCK_IN === nodeContext;
    if (allowToSeek) {
      if (skipSeparationSpace(state, true, -1)) {
        atNewLine = true;
        if (state.lineIndent > parentIndent) {
          indentStatus = 1;
        } else if (state.lineIndent === parentIndent) {
          indentStatus = 0;
        } else if (state.lineIndent < parentIndent) {
          indentStatus = -1;
        }
      }
    }
    if (indentStatus === 1) {
      while (true) {
        const ch = state.input.charCodeAt(state.position);
        const propertyState = snapshotState(state);
        if (atNewLine && (ch === 33 && state.tag !== null || ch === 38 && state.anchor !== null)) {
          break;
        }
        if (!readTagProperty(state) && !readAnchorProperty(state)) {
          break;
        }
        if (propertyStart === null) {
          propertyStart = propertyState;
        }
        if (skipSeparationSpace(state, true, -1)) {
          atNewLine = true;
          allowBlockCollections = allowBlockStyles;
          if (state.lineIndent > parentIndent) {
            indentStatus = 1;
          } else if (state.lineIndent === parentIndent) {
            indentStatus = 0;
          } else if (state.lineIndent < parentIndent) {
            indentStatus = -1;
          }
        } else {
          allowBlockCollections = false;
        }
      }
    }
    if (allowBlockCollections) {
      allowBlockCollections = atNewLine || allowCompact;
    }
    if (indentStatus === 1 || CONTEXT_BLOCK_OUT === nodeContext) {
      if (CONTEXT_FLOW_IN === nodeContext || CONTEXT_FLOW_OUT === nodeContext) {
        flowIndent = parentIndent;
      } else {
        flowIndent = parentIndent + 1;
      }
      blockIndent = state.position - state.lineStart;
      if (indentStatus === 1) {
        if (allowBlockCollections && (readBlockSequence(state, blockIndent) || readBlockMapping(state, blockIndent, flowIndent)) || readFlowCollection(state, flowIndent)) {
          hasContent = true;
        } else {
          const ch = state.input.charCodeAt(state.position);
          if (propertyStart !== null && allowBlockStyles && !allowBlockCollections && ch !== 124 && ch !== 62 && tryReadBlockMappingFromProperty(
            state,
            propertyStart,
            propertyStart.position - propertyStart.lineStart,
            flowIndent
          )) {
            hasContent = true;
          } else if (allowBlockScalars && readBlockScalar(state, flowIndent) || readSingleQuotedScalar(state, flowIndent) || readDoubleQuotedScalar(state, flowIndent)) {
            hasContent = true;
          } else if (readAlias(state)) {
            hasContent = true;
            if (state.tag !== null || state.anchor !== null) {
              throwError(state, "alias node should not have any properties");
            }
          } else if (readPlainScalar(state, flowIndent, CONTEXT_FLOW_IN === nodeContext)) {
            hasContent = true;
            if (state.tag === null) {
              state.tag = "?";
            }
          }
          if (state.anchor !== null) {
            storeAnchor(state, state.anchor, state.result);
          }
        }
      } else if (indentStatus === 0) {
        hasContent = allowBlockCollections && readBlockSequence(state, blockIndent);
      }
    }
    if (state.tag === null) {
      if (state.anchor !== null) {
        storeAnchor(state, state.anchor, state.result);
      }
    } else if (state.tag === "?") {
      if (state.result !== null && state.kind !== "scalar") {
        throwError(state, 'unacceptable node kind for !<?> tag; it should be "scalar", not "' + state.kind + '"');
      }
      for (let typeIndex = 0, typeQuantity = state.implicitTypes.length; typeIndex < typeQuantity; typeIndex += 1) {
        type2 = state.implicitTypes[typeIndex];
        if (type2.resolve(state.result)) {
          state.result = type2.construct(state.result);
          state.tag = type2.tag;
          if (state.anchor !== null) {
            storeAnchor(state, state.anchor, state.result);
          }
          break;
        }
      }
    } else if (state.tag !== "!") {
      if (_hasOwnProperty.call(state.typeMap[state.kind || "fallback"], state.tag)) {
        type2 = state.typeMap[state.kind || "fallback"][state.tag];
      } else {
        type2 = null;
        const typeList = state.typeMap.multi[state.kind || "fallback"];
        for (let typeIndex = 0, typeQuantity = typeList.length; typeIndex < typeQuantity; typeIndex += 1) {
          if (state.tag.slice(0, typeList[typeIndex].tag.length) === typeList[typeIndex].tag) {
            type2 = typeList[typeIndex];
            break;
          }
        }
      }
      if (!type2) {
        throwError(state, "unknown tag !<" + state.tag + ">");
      }
      if (state.result !== null && type2.kind !== state.kind) {
        throwError(state, "unacceptable node kind for !<" + state.tag + '> tag; it should be "' + type2.kind + '", not "' + state.kind + '"');
      }
      if (!type2.resolve(state.result, state.tag)) {
        throwError(state, "cannot resolve a node with !<" + state.tag + "> explicit tag");
      } else {
        state.result = type2.construct(state.result, state.tag);
        if (state.anchor !== null) {
          storeAnchor(state, state.anchor, state.result);
        }
      }
    }
    if (state.listener !== null) {
      state.listener("close", state);
    }
    state.depth -= 1;
    return state.tag !== null || state.anchor !== null || hasContent;
  }
  function readDocument(state) {
    const documentStart = state.position;
    let hasDirectives = false;
    let ch;
    state.version = null;
    state.checkLineBreaks = state.legacy;
    state.tagMap = /* @__PURE__ */ Object.create(null);
    state.anchorMap = /* @__PURE__ */ Object.create(null);
    while ((ch = state.input.charCodeAt(state.position)) !== 0) {
      skipSeparationSpace(state, true, -1);
      ch = state.input.charCodeAt(state.position);
      if (state.lineIndent > 0 || ch !== 37) {
        break;
      }
      hasDirectives = true;
      ch = state.input.charCodeAt(++state.position);
      let _position = state.position;
      while (ch !== 0 && !isWsOrEol(ch)) {
        ch = state.input.charCodeAt(++state.position);
      }
      const directiveName = state.input.slice(_position, state.position);
      const directiveArgs = [];
      if (directiveName.length < 1) {
        throwError(state, "directive name must not be less than one character in length");
      }
      while (ch !== 0) {
        while (isWhiteSpace(ch)) {
          ch = state.input.charCodeAt(++state.position);
        }
        if (ch === 35) {
          do {
            ch = state.input.charCodeAt(++state.position);
          } while (ch !== 0 && !isEol(ch));
          break;
        }
        if (isEol(ch)) break;
        _position = state.position;
        while (ch !== 0 && !isWsOrEol(ch)) {
          ch = state.input.charCodeAt(++state.position);
        }
        directiveArgs.push(state.input.slice(_position, state.position));
      }
      if (ch !== 0) readLineBreak(state);
      if (_hasOwnProperty.call(directiveHandlers, directiveName)) {
        directiveHandlers[directiveName](state, directiveName, directiveArgs);
      } else {
        throwWarning(state, 'unknown document directive "' + directiveName + '"');
      }
    }
    skipSeparationSpace(state, true, -1);
    if (state.lineIndent === 0 && state.input.charCodeAt(state.position) === 45 && state.input.charCodeAt(state.position + 1) === 45 && state.input.charCodeAt(state.position + 2) === 45) {
      state.position += 3;
      skipSeparationSpace(state, true, -1);
    } else if (hasDirectives) {
      throwError(state, "directives end mark is expected");
    }
    composeNode(state, state.lineIndent - 1, CONTEXT_BLOCK_OUT, false, true);
    skipSeparationSpace(state, true, -1);
    if (state.checkLineBreaks && PATTERN_NON_ASCII_LINE_BREAKS.test(state.input.slice(documentStart, state.position))) {
      throwWarning(state, "non-ASCII line breaks are interpreted as content");
    }
    state.documents.push(state.result);
    if (state.position === state.lineStart && testDocumentSeparator(state)) {
      if (state.input.charCodeAt(state.position) === 46) {
        state.position += 3;
        skipSeparationSpace(state, true, -1);
      }
      return;
    }
    if (state.position < state.length - 1) {
      throwError(state, "end of the stream or a document separator is expected");
    }
  }
  function loadDocuments(input, options) {
    input = String(input);
    options = options || {};
    if (input.length !== 0) {
      if (input.charCodeAt(input.length - 1) !== 10 && input.charCodeAt(input.length - 1) !== 13) {
        input += "\n";
      }
      if (input.charCodeAt(0) === 65279) {
        input = input.slice(1);
      }
    }
    const state = new State(input, options);
    const nullpos = input.indexOf("\0");
    if (nullpos !== -1) {
      state.position = nullpos;
      throwError(state, "null byte is not allowed in input");
    }
    state.input += "\0";
    while (state.input.charCodeAt(state.position) === 32) {
      state.lineIndent += 1;
      state.position += 1;
    }
    while (state.position < state.length - 1) {
      readDocument(state);
    }
    return state.documents;
  }
  function loadAll2(input, iterator, options) {
    if (iterator !== null && typeof iterator === "object" && typeof options === "undefined") {
      options = iterator;
      iterator = null;
    }
    const documents = loadDocuments(input, options);
    if (typeof iterator !== "function") {
      return documents;
    }
    for (let index = 0, length = documents.length; index < length; index += 1) {
      iterator(documents[index]);
    }
  }
  function load2(input, options) {
    const documents = loadDocuments(input, options);
    if (documents.length === 0) {
      return void 0;
    } else if (documents.length === 1) {
      return documents[0];
    }
    throw new YAMLException2("expected a single document in the stream, but found more");
  }
  loader.loadAll = loadAll2;
  loader.load = load2;
  return loader;
}
var dumper = {};
var hasRequiredDumper;
function requireDumper() {
  if (hasRequiredDumper) return dumper;
  hasRequiredDumper = 1;
  const common2 = requireCommon();
  const YAMLException2 = requireException();
  const DEFAULT_SCHEMA2 = require_default();
  const _toString = Object.prototype.toString;
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  const CHAR_BOM = 65279;
  const CHAR_TAB = 9;
  const CHAR_LINE_FEED = 10;
  const CHAR_CARRIAGE_RETURN = 13;
  const CHAR_SPACE = 32;
  const CHAR_EXCLAMATION = 33;
  const CHAR_DOUBLE_QUOTE = 34;
  const CHAR_SHARP = 35;
  const CHAR_PERCENT = 37;
  const CHAR_AMPERSAND = 38;
  const CHAR_SINGLE_QUOTE = 39;
  const CHAR_ASTERISK = 42;
  const CHAR_COMMA = 44;
  const CHAR_MINUS = 45;
  const CHAR_COLON = 58;
  const CHAR_EQUALS = 61;
  const CHAR_GREATER_THAN = 62;
  const CHAR_QUESTION = 63;
  const CHAR_COMMERCIAL_AT = 64;
  const CHAR_LEFT_SQUARE_BRACKET = 91;
  const CHAR_RIGHT_SQUARE_BRACKET = 93;
  const CHAR_GRAVE_ACCENT = 96;
  const CHAR_LEFT_CURLY_BRACKET = 123;
  const CHAR_VERTICAL_LINE = 124;
  const CHAR_RIGHT_CURLY_BRACKET = 125;
  const ESCAPE_SEQUENCES = {};
  ESCAPE_SEQUENCES[0] = "\\0";
  ESCAPE_SEQUENCES[7] = "\\a";
  ESCAPE_SEQUENCES[8] = "\\b";
  ESCAPE_SEQUENCES[9] = "\\t";
  ESCAPE_SEQUENCES[10] = "\\n";
  ESCAPE_SEQUENCES[11] = "\\v";
  ESCAPE_SEQUENCES[12] = "\\f";
  ESCAPE_SEQUENCES[13] = "\\r";
  ESCAPE_SEQUENCES[27] = "\\e";
  ESCAPE_SEQUENCES[34] = '\\"';
  ESCAPE_SEQUENCES[92] = "\\\\";
  ESCAPE_SEQUENCES[133] = "\\N";
  ESCAPE_SEQUENCES[160] = "\\_";
  ESCAPE_SEQUENCES[8232] = "\\L";
  ESCAPE_SEQUENCES[8233] = "\\P";
  const DEPRECATED_BOOLEANS_SYNTAX = [
    "y",
    "Y",
    "yes",
    "Yes",
    "YES",
    "on",
    "On",
    "ON",
    "n",
    "N",
    "no",
    "No",
    "NO",
    "off",
    "Off",
    "OFF"
  ];
  const DEPRECATED_BASE60_SYNTAX = /^[-+]?[0-9_]+(?::[0-9_]+)+(?:\.[0-9_]*)?$/;
  function compileStyleMap(schema2, map2) {
    if (map2 === null) return {};
    const result = {};
    const keys = Object.keys(map2);
    for (let index = 0, length = keys.length; index < length; index += 1) {
      let tag = keys[index];
      let style = String(map2[tag]);
      if (tag.slice(0, 2) === "!!") {
        tag = "tag:yaml.org,2002:" + tag.slice(2);
      }
      const type2 = schema2.compiledTypeMap["fallback"][tag];
      if (type2 && _hasOwnProperty.call(type2.styleAliases, style)) {
        style = type2.styleAliases[style];
      }
      result[tag] = style;
    }
    return result;
  }
  function encodeHex(character) {
    let handle;
    let length;
    const string = character.toString(16).toUpperCase();
    if (character <= 255) {
      handle = "x";
      length = 2;
    } else if (character <= 65535) {
      handle = "u";
      length = 4;
    } else if (character <= 4294967295) {
      handle = "U";
      length = 8;
    } else {
      throw new YAMLException2("code point within a string may not be greater than 0xFFFFFFFF");
    }
    return "\\" + handle + common2.repeat("0", length - string.length) + string;
  }
  const QUOTING_TYPE_SINGLE = 1;
  const QUOTING_TYPE_DOUBLE = 2;
  function State(options) {
    this.schema = options["schema"] || DEFAULT_SCHEMA2;
    this.indent = Math.max(1, options["indent"] || 2);
    this.noArrayIndent = options["noArrayIndent"] || false;
    this.skipInvalid = options["skipInvalid"] || false;
    this.flowLevel = common2.isNothing(options["flowLevel"]) ? -1 : options["flowLevel"];
    this.styleMap = compileStyleMap(this.schema, options["styles"] || null);
    this.sortKeys = options["sortKeys"] || false;
    this.lineWidth = options["lineWidth"] || 80;
    this.noRefs = options["noRefs"] || false;
    this.noCompatMode = options["noCompatMode"] || false;
    this.condenseFlow = options["condenseFlow"] || false;
    this.quotingType = options["quotingType"] === '"' ? QUOTING_TYPE_DOUBLE : QUOTING_TYPE_SINGLE;
    this.forceQuotes = options["forceQuotes"] || false;
    this.replacer = typeof options["replacer"] === "function" ? options["replacer"] : null;
    this.implicitTypes = this.schema.compiledImplicit;
    this.explicitTypes = this.schema.compiledExplicit;
    this.tag = null;
    this.result = "";
    this.duplicates = [];
    this.usedDuplicates = null;
  }
  function indentString(string, spaces) {
    const ind = common2.repeat(" ", spaces);
    let position = 0;
    let result = "";
    const length = string.length;
    while (position < length) {
      let line;
      const next = string.indexOf("\n", position);
      if (next === -1) {
        line = string.slice(position);
        position = length;
      } else {
        line = string.slice(position, next + 1);
        position = next + 1;
      }
      if (line.length && line !== "\n") result += ind;
      result += line;
    }
    return result;
  }
  function generateNextLine(state, level) {
    return "\n" + common2.repeat(" ", state.indent * level);
  }
  function testImplicitResolving(state, str2) {
    for (let index = 0, length = state.implicitTypes.length; index < length; index += 1) {
      const type2 = state.implicitTypes[index];
      if (type2.resolve(str2)) {
        return true;
      }
    }
    return false;
  }
  function isWhitespace(c) {
    return c === CHAR_SPACE || c === CHAR_TAB;
  }
  function isPrintable(c) {
    return c >= 32 && c <= 126 || c >= 161 && c <= 55295 && c !== 8232 && c !== 8233 || c >= 57344 && c <= 65533 && c !== CHAR_BOM || c >= 65536 && c <= 1114111;
  }
  function isNsCharOrWhitespace(c) {
    return isPrintable(c) && c !== CHAR_BOM && // - b-char
    c !== CHAR_CARRIAGE_RETURN && c !== CHAR_LINE_FEED;
  }
  function isPlainSafe(c, prev, inblock) {
    const cIsNsCharOrWhitespace = isNsCharOrWhitespace(c);
    const cIsNsChar = cIsNsCharOrWhitespace && !isWhitespace(c);
    return (
      // ns-plain-safe
      (inblock ? cIsNsCharOrWhitespace : cIsNsCharOrWhitespace && // - c-flow-indicator
      c !== CHAR_COMMA && c !== CHAR_LEFT_SQUARE_BRACKET && c !== CHAR_RIGHT_SQUARE_BRACKET && c !== CHAR_LEFT_CURLY_BRACKET && c !== CHAR_RIGHT_CURLY_BRACKET) && // ns-plain-char
      c !== CHAR_SHARP && // false on '#'
      !(prev === CHAR_COLON && !cIsNsChar) || // false on ': '
      isNsCharOrWhitespace(prev) && !isWhitespace(prev) && c === CHAR_SHARP || // change to true on '[^ ]#'
      prev === CHAR_COLON && cIsNsChar
    );
  }
  function isPlainSafeFirst(c) {
    return isPrintable(c) && c !== CHAR_BOM && !isWhitespace(c) && // - s-white
    // - (c-indicator ::=
    // “-” | “?” | “:” | “,” | “[” | “]” | “{” | “}”
    c !== CHAR_MINUS && c !== CHAR_QUESTION && c !== CHAR_COLON && c !== CHAR_COMMA && c !== CHAR_LEFT_SQUARE_BRACKET && c !== CHAR_RIGHT_SQUARE_BRACKET && c !== CHAR_LEFT_CURLY_BRACKET && c !== CHAR_RIGHT_CURLY_BRACKET && // | “#” | “&” | “*” | “!” | “|” | “=” | “>” | “'” | “"”
    c !== CHAR_SHARP && c !== CHAR_AMPERSAND && c !== CHAR_ASTERISK && c !== CHAR_EXCLAMATION && c !== CHAR_VERTICAL_LINE && c !== CHAR_EQUALS && c !== CHAR_GREATER_THAN && c !== CHAR_SINGLE_QUOTE && c !== CHAR_DOUBLE_QUOTE && // | “%” | “@” | “`”)
    c !== CHAR_PERCENT && c !== CHAR_COMMERCIAL_AT && c !== CHAR_GRAVE_ACCENT;
  }
  function isPlainSafeLast(c) {
    return !isWhitespace(c) && c !== CHAR_COLON;
  }
  function codePointAt(string, pos) {
    const first = string.charCodeAt(pos);
    let second;
    if (first >= 55296 && first <= 56319 && pos + 1 < string.length) {
      second = string.charCodeAt(pos + 1);
      if (second >= 56320 && second <= 57343) {
        return (first - 55296) * 1024 + second - 56320 + 65536;
      }
    }
    return first;
  }
  function needIndentIndicator(string) {
    const leadingSpaceRe = /^\n* /;
    return leadingSpaceRe.test(string);
  }
  const STYLE_PLAIN = 1;
  const STYLE_SINGLE = 2;
  const STYLE_LITERAL = 3;
  const STYLE_FOLDED = 4;
  const STYLE_DOUBLE = 5;
  function chooseScalarStyle(string, singleLineOnly, indentPerLevel, lineWidth, testAmbiguousType, quotingType, forceQuotes, inblock) {
    let i;
    let char = 0;
    let prevChar = null;
    let hasLineBreak = false;
    let hasFoldableLine = false;
    const shouldTrackWidth = lineWidth !== -1;
    let previousLineBreak = -1;
    let plain = isPlainSafeFirst(codePointAt(string, 0)) && isPlainSafeLast(codePointAt(string, string.length - 1));
    if (singleLineOnly || forceQuotes) {
      for (i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
        char = codePointAt(string, i);
        if (!isPrintable(char)) {
          return STYLE_DOUBLE;
        }
        plain = plain && isPlainSafe(char, prevChar, inblock);
        prevChar = char;
      }
    } else {
      for (i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
        char = codePointAt(string, i);
        if (char === CHAR_LINE_FEED) {
          hasLineBreak = true;
          if (shouldTrackWidth) {
            hasFoldableLine = hasFoldableLine || // Foldable line = too long, and not more-indented.
            i - previousLineBreak - 1 > lineWidth && string[previousLineBreak + 1] !== " ";
            previousLineBreak = i;
          }
        } else if (!isPrintable(char)) {
          return STYLE_DOUBLE;
        }
        plain = plain && isPlainSafe(char, prevChar, inblock);
        prevChar = char;
      }
      hasFoldableLine = hasFoldableLine || shouldTrackWidth && (i - previousLineBreak - 1 > lineWidth && string[previousLineBreak + 1] !== " ");
    }
    if (!hasLineBreak && !hasFoldableLine) {
      if (plain && !forceQuotes && !testAmbiguousType(string)) {
        return STYLE_PLAIN;
      }
      return quotingType === QUOTING_TYPE_DOUBLE ? STYLE_DOUBLE : STYLE_SINGLE;
    }
    if (indentPerLevel > 9 && needIndentIndicator(string)) {
      return STYLE_DOUBLE;
    }
    if (!forceQuotes) {
      return hasFoldableLine ? STYLE_FOLDED : STYLE_LITERAL;
    }
    return quotingType === QUOTING_TYPE_DOUBLE ? STYLE_DOUBLE : STYLE_SINGLE;
  }
  function writeScalar(state, string, level, iskey, inblock) {
    state.dump = (function() {
      if (string.length === 0) {
        return state.quotingType === QUOTING_TYPE_DOUBLE ? '""' : "''";
      }
      if (!state.noCompatMode) {
        if (DEPRECATED_BOOLEANS_SYNTAX.indexOf(string) !== -1 || DEPRECATED_BASE60_SYNTAX.test(string)) {
          return state.quotingType === QUOTING_TYPE_DOUBLE ? '"' + string + '"' : "'" + string + "'";
        }
      }
      const indent = state.indent * Math.max(1, level);
      const lineWidth = state.lineWidth === -1 ? -1 : Math.max(Math.min(state.lineWidth, 40), state.lineWidth - indent);
      const singleLineOnly = iskey || // No block styles in flow mode.
      state.flowLevel > -1 && level >= state.flowLevel;
      function testAmbiguity(string2) {
        return testImplicitResolving(state, string2);
      }
      switch (chooseScalarStyle(
        string,
        singleLineOnly,
        state.indent,
        lineWidth,
        testAmbiguity,
        state.quotingType,
        state.forceQuotes && !iskey,
        inblock
      )) {
        case STYLE_PLAIN:
          return string;
        case STYLE_SINGLE:
          return "'" + string.replace(/'/g, "''") + "'";
        case STYLE_LITERAL:
          return "|" + blockHeader(string, state.indent) + dropEndingNewline(indentString(string, indent));
        case STYLE_FOLDED:
          return ">" + blockHeader(string, state.indent) + dropEndingNewline(indentString(foldString(string, lineWidth), indent));
        case STYLE_DOUBLE:
          return '"' + escapeString(string) + '"';
        default:
          throw new YAMLException2("impossible error: invalid scalar style");
      }
    })();
  }
  function blockHeader(string, indentPerLevel) {
    const indentIndicator = needIndentIndicator(string) ? String(indentPerLevel) : "";
    const clip = string[string.length - 1] === "\n";
    const keep = clip && (string[string.length - 2] === "\n" || string === "\n");
    const chomp = keep ? "+" : clip ? "" : "-";
    return indentIndicator + chomp + "\n";
  }
  function dropEndingNewline(string) {
    return string[string.length - 1] === "\n" ? string.slice(0, -1) : string;
  }
  function foldString(string, width) {
    const lineRe = /(\n+)([^\n]*)/g;
    let result = (function() {
      let nextLF = string.indexOf("\n");
      nextLF = nextLF !== -1 ? nextLF : string.length;
      lineRe.lastIndex = nextLF;
      return foldLine(string.slice(0, nextLF), width);
    })();
    let prevMoreIndented = string[0] === "\n" || string[0] === " ";
    let moreIndented;
    let match;
    while (match = lineRe.exec(string)) {
      const prefix = match[1];
      const line = match[2];
      moreIndented = line[0] === " ";
      result += prefix + (!prevMoreIndented && !moreIndented && line !== "" ? "\n" : "") + foldLine(line, width);
      prevMoreIndented = moreIndented;
    }
    return result;
  }
  function foldLine(line, width) {
    if (line === "" || line[0] === " ") return line;
    const breakRe = / [^ ]/g;
    let match;
    let start = 0;
    let end;
    let curr = 0;
    let next = 0;
    let result = "";
    while (match = breakRe.exec(line)) {
      next = match.index;
      if (next - start > width) {
        end = curr > start ? curr : next;
        result += "\n" + line.slice(start, end);
        start = end + 1;
      }
      curr = next;
    }
    result += "\n";
    if (line.length - start > width && curr > start) {
      result += line.slice(start, curr) + "\n" + line.slice(curr + 1);
    } else {
      result += line.slice(start);
    }
    return result.slice(1);
  }
  function escapeString(string) {
    let result = "";
    let char = 0;
    for (let i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
      char = codePointAt(string, i);
      const escapeSeq = ESCAPE_SEQUENCES[char];
      if (!escapeSeq && isPrintable(char)) {
        result += string[i];
        if (char >= 65536) result += string[i + 1];
      } else {
        result += escapeSeq || encodeHex(char);
      }
    }
    return result;
  }
  function writeFlowSequence(state, level, object) {
    let _result = "";
    const _tag = state.tag;
    for (let index = 0, length = object.length; index < length; index += 1) {
      let value = object[index];
      if (state.replacer) {
        value = state.replacer.call(object, String(index), value);
      }
      if (writeNode(state, level, value, false, false) || typeof value === "undefined" && writeNode(state, level, null, false, false)) {
        if (_result !== "") _result += "," + (!state.condenseFlow ? " " : "");
        _result += state.dump;
      }
    }
    state.tag = _tag;
    state.dump = "[" + _result + "]";
  }
  function writeBlockSequence(state, level, object, compact) {
    let _result = "";
    const _tag = state.tag;
    for (let index = 0, length = object.length; index < length; index += 1) {
      let value = object[index];
      if (state.replacer) {
        value = state.replacer.call(object, String(index), value);
      }
      if (writeNode(state, level + 1, value, true, true, false, true) || typeof value === "undefined" && writeNode(state, level + 1, null, true, true, false, true)) {
        if (!compact || _result !== "") {
          _result += generateNextLine(state, level);
        }
        if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
          _result += "-";
        } else {
          _result += "- ";
        }
        _result += state.dump;
      }
    }
    state.tag = _tag;
    state.dump = _result || "[]";
  }
  function writeFlowMapping(state, level, object) {
    let _result = "";
    const _tag = state.tag;
    const objectKeyList = Object.keys(object);
    for (let index = 0, length = objectKeyList.length; index < length; index += 1) {
      let pairBuffer = "";
      if (_result !== "") pairBuffer += ", ";
      if (state.condenseFlow) pairBuffer += '"';
      const objectKey = objectKeyList[index];
      let objectValue = object[objectKey];
      if (state.replacer) {
        objectValue = state.replacer.call(object, objectKey, objectValue);
      }
      if (!writeNode(state, level, objectKey, false, false)) {
        continue;
      }
      if (state.dump.length > 1024) pairBuffer += "? ";
      pairBuffer += state.dump + (state.condenseFlow ? '"' : "") + ":" + (state.condenseFlow ? "" : " ");
      if (!writeNode(state, level, objectValue, false, false)) {
        continue;
      }
      pairBuffer += state.dump;
      _result += pairBuffer;
    }
    state.tag = _tag;
    state.dump = "{" + _result + "}";
  }
  function writeBlockMapping(state, level, object, compact) {
    let _result = "";
    const _tag = state.tag;
    const objectKeyList = Object.keys(object);
    if (state.sortKeys === true) {
      objectKeyList.sort();
    } else if (typeof state.sortKeys === "function") {
      objectKeyList.sort(state.sortKeys);
    } else if (state.sortKeys) {
      throw new YAMLException2("sortKeys must be a boolean or a function");
    }
    for (let index = 0, length = objectKeyList.length; index < length; index += 1) {
      let pairBuffer = "";
      if (!compact || _result !== "") {
        pairBuffer += generateNextLine(state, level);
      }
      const objectKey = objectKeyList[index];
      let objectValue = object[objectKey];
      if (state.replacer) {
        objectValue = state.replacer.call(object, objectKey, objectValue);
      }
      if (!writeNode(state, level + 1, objectKey, true, true, true)) {
        continue;
      }
      const explicitPair = state.tag !== null && state.tag !== "?" || state.dump && state.dump.length > 1024;
      if (explicitPair) {
        if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
          pairBuffer += "?";
        } else {
          pairBuffer += "? ";
        }
      }
      pairBuffer += state.dump;
      if (explicitPair) {
        pairBuffer += generateNextLine(state, level);
      }
      if (!writeNode(state, level + 1, objectValue, true, explicitPair)) {
        continue;
      }
      if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
        pairBuffer += ":";
      } else {
        pairBuffer += ": ";
      }
      pairBuffer += state.dump;
      _result += pairBuffer;
    }
    state.tag = _tag;
    state.dump = _result || "{}";
  }
  function detectType(state, object, explicit) {
    const typeList = explicit ? state.explicitTypes : state.implicitTypes;
    for (let index = 0, length = typeList.length; index < length; index += 1) {
      const type2 = typeList[index];
      if ((type2.instanceOf || type2.predicate) && (!type2.instanceOf || typeof object === "object" && object instanceof type2.instanceOf) && (!type2.predicate || type2.predicate(object))) {
        if (explicit) {
          if (type2.multi && type2.representName) {
            state.tag = type2.representName(object);
          } else {
            state.tag = type2.tag;
          }
        } else {
          state.tag = "?";
        }
        if (type2.represent) {
          const style = state.styleMap[type2.tag] || type2.defaultStyle;
          let _result;
          if (_toString.call(type2.represent) === "[object Function]") {
            _result = type2.represent(object, style);
          } else if (_hasOwnProperty.call(type2.represent, style)) {
            _result = type2.represent[style](object, style);
          } else {
            throw new YAMLException2("!<" + type2.tag + '> tag resolver accepts not "' + style + '" style');
          }
          state.dump = _result;
        }
        return true;
      }
    }
    return false;
  }
  function writeNode(state, level, object, block, compact, iskey, isblockseq) {
    state.tag = null;
    state.dump = object;
    if (!detectType(state, object, false)) {
      detectType(state, object, true);
    }
    const type2 = _toString.call(state.dump);
    const inblock = block;
    if (block) {
      block = state.flowLevel < 0 || state.flowLevel > level;
    }
    const objectOrArray = type2 === "[object Object]" || type2 === "[object Array]";
    let duplicateIndex;
    let duplicate;
    if (objectOrArray) {
      duplicateIndex = state.duplicates.indexOf(object);
      duplicate = duplicateIndex !== -1;
    }
    if (state.tag !== null && state.tag !== "?" || duplicate || state.indent !== 2 && level > 0) {
      compact = false;
    }
    if (duplicate && state.usedDuplicates[duplicateIndex]) {
      state.dump = "*ref_" + duplicateIndex;
    } else {
      if (objectOrArray && duplicate && !state.usedDuplicates[duplicateIndex]) {
        state.usedDuplicates[duplicateIndex] = true;
      }
      if (type2 === "[object Object]") {
        if (block && Object.keys(state.dump).length !== 0) {
          writeBlockMapping(state, level, state.dump, compact);
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + state.dump;
          }
        } else {
          writeFlowMapping(state, level, state.dump);
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + " " + state.dump;
          }
        }
      } else if (type2 === "[object Array]") {
        if (block && state.dump.length !== 0) {
          if (state.noArrayIndent && !isblockseq && level > 0) {
            writeBlockSequence(state, level - 1, state.dump, compact);
          } else {
            writeBlockSequence(state, level, state.dump, compact);
          }
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + state.dump;
          }
        } else {
          writeFlowSequence(state, level, state.dump);
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + " " + state.dump;
          }
        }
      } else if (type2 === "[object String]") {
        if (state.tag !== "?") {
          writeScalar(state, state.dump, level, iskey, inblock);
        }
      } else if (type2 === "[object Undefined]") {
        return false;
      } else {
        if (state.skipInvalid) return false;
        throw new YAMLException2("unacceptable kind of an object to dump " + type2);
      }
      if (state.tag !== null && state.tag !== "?") {
        let tagStr = encodeURI(
          state.tag[0] === "!" ? state.tag.slice(1) : state.tag
        ).replace(/!/g, "%21");
        if (state.tag[0] === "!") {
          tagStr = "!" + tagStr;
        } else if (tagStr.slice(0, 18) === "tag:yaml.org,2002:") {
          tagStr = "!!" + tagStr.slice(18);
        } else {
          tagStr = "!<" + tagStr + ">";
        }
        state.dump = tagStr + " " + state.dump;
      }
    }
    return true;
  }
  function getDuplicateReferences(object, state) {
    const objects = [];
    const duplicatesIndexes = [];
    inspectNode(object, objects, duplicatesIndexes);
    const length = duplicatesIndexes.length;
    for (let index = 0; index < length; index += 1) {
      state.duplicates.push(objects[duplicatesIndexes[index]]);
    }
    state.usedDuplicates = new Array(length);
  }
  function inspectNode(object, objects, duplicatesIndexes) {
    if (object !== null && typeof object === "object") {
      const index = objects.indexOf(object);
      if (index !== -1) {
        if (duplicatesIndexes.indexOf(index) === -1) {
          duplicatesIndexes.push(index);
        }
      } else {
        objects.push(object);
        if (Array.isArray(object)) {
          for (let i = 0, length = object.length; i < length; i += 1) {
            inspectNode(object[i], objects, duplicatesIndexes);
          }
        } else {
          const objectKeyList = Object.keys(object);
          for (let i = 0, length = objectKeyList.length; i < length; i += 1) {
            inspectNode(object[objectKeyList[i]], objects, duplicatesIndexes);
          }
        }
      }
    }
  }
  function dump2(input, options) {
    options = options || {};
    const state = new State(options);
    if (!state.noRefs) getDuplicateReferences(input, state);
    let value = input;
    if (state.replacer) {
      value = state.replacer.call({ "": value }, "", value);
    }
    if (writeNode(state, 0, value, true, true)) return state.dump + "\n";
    return "";
  }
  dumper.dump = dump2;
  return dumper;
}
var hasRequiredJsYaml;
function requireJsYaml() {
  if (hasRequiredJsYaml) return jsYaml;
  hasRequiredJsYaml = 1;
  const loader2 = requireLoader();
  const dumper2 = requireDumper();
  function renamed(from, to) {
    return function() {
      throw new Error("Function yaml." + from + " is removed in js-yaml 4. Use yaml." + to + " instead, which is now safe by default.");
    };
  }
  jsYaml.Type = requireType();
  jsYaml.Schema = requireSchema();
  jsYaml.FAILSAFE_SCHEMA = requireFailsafe();
  jsYaml.JSON_SCHEMA = requireJson();
  jsYaml.CORE_SCHEMA = requireCore();
  jsYaml.DEFAULT_SCHEMA = require_default();
  jsYaml.load = loader2.load;
  jsYaml.loadAll = loader2.loadAll;
  jsYaml.dump = dumper2.dump;
  jsYaml.YAMLException = requireException();
  jsYaml.types = {
    binary: requireBinary(),
    float: requireFloat(),
    map: requireMap(),
    null: require_null(),
    pairs: requirePairs(),
    set: requireSet(),
    timestamp: requireTimestamp(),
    bool: requireBool(),
    int: requireInt(),
    merge: requireMerge(),
    omap: requireOmap(),
    seq: requireSeq(),
    str: requireStr()
  };
  jsYaml.safeLoad = renamed("safeLoad", "load");
  jsYaml.safeLoadAll = renamed("safeLoadAll", "loadAll");
  jsYaml.safeDump = renamed("safeDump", "dump");
  return jsYaml;
}
var jsYamlExports = requireJsYaml();
const yaml = /* @__PURE__ */ getDefaultExportFromCjs(jsYamlExports);
const {
  Type,
  Schema,
  FAILSAFE_SCHEMA,
  JSON_SCHEMA,
  CORE_SCHEMA,
  DEFAULT_SCHEMA,
  load,
  loadAll,
  dump,
  YAMLException,
  types,
  safeLoad,
  safeLoadAll,
  safeDump
} = yaml;

//# sourceMappingURL=js-yaml.mjs.map

// EXTERNAL MODULE: ./vendor/zod-mini.js
var zod_mini = __nccwpck_require__(9407);
// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __nccwpck_require__(8571);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __nccwpck_require__(4296);
// EXTERNAL MODULE: ./src/core/placeholders.ts
var placeholders = __nccwpck_require__(3593);
// EXTERNAL MODULE: ./src/core/secrets.ts
var secrets = __nccwpck_require__(8198);
// EXTERNAL MODULE: ./src/core/status-set.ts
var status_set = __nccwpck_require__(9572);
// EXTERNAL MODULE: ./src/core/vocabulary.ts
var vocabulary = __nccwpck_require__(7063);
// EXTERNAL MODULE: ./src/core/zod-issue.ts
var zod_issue = __nccwpck_require__(5820);
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

// EXTERNAL MODULE: ./src/health/gate-targets.ts
var gate_targets = __nccwpck_require__(9728);
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
const PLACEHOLDER_LIST = gate_targets/* CHECK_PLACEHOLDERS */.u$.map((name) => `{${name}}`).join(' ');
/** A URL or TCP address naming a placeholder that does not exist (`{adress}`) is refused with its key path. */
const knownPlaceholders = (form) => zod_mini/* refine */.YP((text) => (0,placeholders/* unknownPlaceholder */.mz)(text, gate_targets/* CHECK_PLACEHOLDERS */.u$) === undefined, {
    error: (issue) => {
        const unknown = typeof issue.input === 'string' ? (0,placeholders/* unknownPlaceholder */.mz)(issue.input, gate_targets/* CHECK_PLACEHOLDERS */.u$) : undefined;
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
const expectedStatus = zod_mini/* union */.KC([zod_mini/* string */.Yj(), zod_mini/* number */.ai()], { error: status_set/* STATUS_SET_FORM */.f })
    .check(zod_mini/* refine */.YP((value) => (0,status_set/* parseStatusSet */.o)(String(value)) !== undefined, { error: status_set/* STATUS_SET_FORM */.f }));
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
        data = load(text);
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


/***/ }),

/***/ 5539:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  renderDeploySummary: () => (/* binding */ renderDeploySummary)
});

// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __nccwpck_require__(8571);
;// CONCATENATED MODULE: ./src/health/healthcheck-summary.ts


const VERDICT = {
    healthy: '✅ healthy',
    unhealthy: '❌ unhealthy',
    undecided: '⏹️ undecided',
};
/** A markdown cell: pipes and newlines would break the table. */
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
function ms(value) {
    return value === null ? '–' : `${value} ms`;
}
/** The job summary (and the body of the sticky PR comment): a headline and a table per URL. */
function renderHealthcheckMarkdown(report, extra = []) {
    const elapsed = formatDuration(Date.parse(report.finishedAt) - Date.parse(report.startedAt));
    const headline = report.healthy ? `### ✅ shipgate healthcheck: healthy` : `### ❌ shipgate healthcheck: not healthy`;
    const lines = [
        headline,
        '',
        report.healthy
            ? `All ${report.checks.length} URL${report.checks.length === 1 ? '' : 's'} healthy (checked for ${elapsed}).`
            : cell(inertText(report.reason ?? 'not healthy')),
        '',
        '| URL | verdict | attempts | last status | p50 | p95 | reason |',
        '| --- | --- | ---: | ---: | ---: | ---: | --- |',
        ...report.checks.map((check) => {
            // The reason names its URL for the one-line error; in the URL's own row that is said already.
            const reason = (check.reason ?? '').replace(`${check.url}: `, '');
            return `| ${cell(check.url)} | ${VERDICT[check.verdict]} | ${check.attempts} | ${check.lastStatus ?? '–'} | ${ms(check.latencyMs.p50)} | ${ms(check.latencyMs.p95)} | ${reason ? cell(inertCode(reason)) : ''} |`;
        }),
        ...extra.flatMap((section) => ['', section]),
    ];
    return `${lines.join('\n')}\n`;
}
/** A commit status description: at most 140 characters, as GitHub requires. */
function statusDescription(report) {
    const text = report.healthy
        ? `healthy: ${report.checks.length} URL${report.checks.length === 1 ? '' : 's'}`
        : `not healthy: ${report.reason ?? ''}`;
    return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

;// CONCATENATED MODULE: ./src/deploy/deploy-summary.ts


const HEADLINE = {
    succeeded: '✅ succeeded',
    'rolled-back': '↩️ rolled back',
    failed: '❌ failed',
    aborted: '⛔ aborted (nothing changed)',
    planned: '📝 planned (dry run)',
    noop: '⏸️ nothing to do',
};
const OUTCOME = { succeeded: '✅', failed: '❌', skipped: '⏭️', cancelled: '⏹️' };
const deploy_summary_ms = (from, to) => (to ? Date.parse(to) - Date.parse(from) : 0);
/** The deploy's job summary: outcome, the plan and each step with its verdict and measured values, a timeline. */
async function renderDeploySummary(report, plan) {
    // The metric evidence renderer is loaded only when a gate measured metrics (start-up, SPEC §9 B1).
    const renderAnalysis = report.steps.some((step) => (step.gate?.metrics?.length ?? 0) > 0)
        ? (await __nccwpck_require__.e(/* import() */ 368).then(__nccwpck_require__.bind(__nccwpck_require__, 368))).renderAnalysisMarkdown
        : undefined;
    const lines = [...headline(report, plan), ...outcomeLines(report)];
    if (report.result === 'planned' && plan) {
        lines.push('#### Plan', '', ...plan.steps.map((step, index) => `${index + 1}. ${cell(step.name)}`), '');
    }
    else if (report.steps.length > 0) {
        lines.push(...stepTable(report.steps), ...report.steps.flatMap((step) => gateEvidence(step, renderAnalysis)));
        lines.push(...timeline(report));
    }
    return `${lines.join('\n')}\n`;
}
function headline(report, plan) {
    const title = report.operation === 'rollback'
        ? `### shipgate rollback: ${cell(report.service)} ${cell(report.previousVersion ?? '–')} → ${cell(report.version)} on ${cell(report.environment)}: ${HEADLINE[report.result]}`
        : `### shipgate deploy: ${cell(report.service)} ${cell(report.version)} → ${cell(report.environment)}: ${HEADLINE[report.result]}`;
    const strategy = `${report.strategy}${plan && plan.phase !== 'full' ? ` (${plan.phase})` : ''}`;
    return [
        title,
        '',
        ...(report.rollbackReason ? [`**Reason:** ${cell(report.rollbackReason)}`, ''] : []),
        '| strategy | version | previous version | active slot | result | took |',
        '| --- | --- | --- | --- | --- | --- |',
        `| ${strategy} | ${cell(report.version)} | ${cell(report.previousVersion ?? '–')} | ${report.activeSlot ?? '–'} | ${report.result} | ${(0,duration/* formatDuration */.a3)(deploy_summary_ms(report.startedAt, report.finishedAt))} |`,
        '',
    ];
}
/** Why it failed (or what drifted), and what the rollback did. */
function outcomeLines(report) {
    const lines = [];
    if (report.failureReason)
        lines.push(`**Why:** ${cell(report.failureReason)}`, '');
    // Swarm: the target ran another version than the record (a deploy with force went ahead anyway).
    if (report.drift && report.drift !== report.failureReason)
        lines.push(`**Drift:** ${cell(report.drift)}`, '');
    if (report.rollback.attempted) {
        lines.push(report.rollback.succeeded
            ? '**Rollback:** every step was undone; traffic is back on the stable version.'
            : `**Rollback failed:** ${cell((report.rollback.failures ?? []).join('; '))}`, '');
    }
    return lines;
}
function stepTable(steps) {
    const rows = steps.map((step, index) => {
        const hooks = (step.hooks ?? []).map((hook) => `${hook.name} exit ${hook.exitCode ?? (hook.timedOut ? 'timeout' : 'killed')}`);
        const detail = [
            step.gate ? `gate ${step.gate.verdict}${step.gate.reason ? `: ${step.gate.reason}` : ''}` : '',
            ...hooks,
            step.error && !step.gate ? step.error : '',
        ]
            .filter(Boolean)
            .join('; ');
        return `| ${index + 1} | ${step.rollback ? '↩️ ' : ''}${cell(step.name)} | ${OUTCOME[step.outcome] ?? ''} ${step.outcome} | ${(0,duration/* formatDuration */.a3)(deploy_summary_ms(step.startedAt, step.finishedAt))} | ${cell(detail)} |`;
    });
    return ['#### Steps', '', '| # | step | outcome | took | detail |', '| ---: | --- | --- | ---: | --- |', ...rows, ''];
}
/** A step's gate: every URL's verdict in a collapsed table, then the metric analysis when there was one. */
function gateEvidence(step, renderAnalysis) {
    const lines = [];
    const checks = step.gate?.checks ?? [];
    if (checks.length > 0) {
        lines.push(`<details><summary>${cell(step.name)}: gate ${step.gate?.verdict}</summary>`, '', '| URL | verdict | attempts | last status | p50 | p95 | reason |', '| --- | --- | ---: | ---: | ---: | ---: | --- |', ...checks.map(checkRow), '', '</details>', '');
    }
    const metrics = step.gate?.metrics ?? [];
    if (renderAnalysis && step.gate && metrics.length > 0) {
        const verdict = step.gate.verdict === 'passed' ? 'Successful' : 'Failed';
        lines.push(renderAnalysis({ verdict, reason: step.gate.reason ?? 'every metric passed', metrics }));
    }
    return lines;
}
function checkRow(check) {
    const latency = (value) => (value != null ? `${value} ms` : '–');
    const reason = cell((check.reason ?? '').replace(`${check.url}: `, ''));
    return `| ${cell(check.url)} | ${check.verdict} | ${check.attempts ?? ''} | ${check.lastStatus ?? '–'} | ${latency(check.latencyMs?.p50)} | ${latency(check.latencyMs?.p95)} | ${reason} |`;
}
/** A Mermaid Gantt chart of the steps, the rollback in a section of its own. */
function timeline(report) {
    const lines = [
        '#### Timeline',
        '',
        '```mermaid',
        'gantt',
        '  dateFormat x',
        '  axisFormat %H:%M:%S',
        `  title ${mermaidText(`${report.service} ${report.version} to ${report.environment}`)}`,
    ];
    let section = '';
    report.steps.forEach((step, index) => {
        const name = step.rollback ? 'rollback' : 'deploy';
        if (name !== section) {
            lines.push(`  section ${name}`);
            section = name;
        }
        const start = Date.parse(step.startedAt);
        const end = Math.max(start + 1, step.finishedAt ? Date.parse(step.finishedAt) : start + 1);
        const tag = step.outcome === 'failed' ? 'crit, ' : step.outcome === 'succeeded' ? 'done, ' : '';
        lines.push(`  ${mermaidText(step.name)} :${tag}s${index}, ${start}, ${end}`);
    });
    lines.push('```', '');
    return lines;
}
/** Mermaid task names may not hold `:` or `#`, nor start a new statement. */
function mermaidText(text) {
    return (text
        .replace(/[:#;\n]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim() || 'step');
}


/***/ }),

/***/ 9728:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a1: () => (/* binding */ buildGateTargets),
/* harmony export */   u$: () => (/* binding */ CHECK_PLACEHOLDERS)
/* harmony export */ });
/* unused harmony export splitAddress */
/* harmony import */ var _core_placeholders_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3593);

/** The placeholders a check's URL or TCP address may use; `{host}` and `{port}` are the parts of `{address}`. */
const CHECK_PLACEHOLDERS = ['address', 'host', 'port', 'service', 'environment', 'version', 'slot'];
const PER_ADDRESS = ['address', 'host', 'port'];
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
    const names = (0,_core_placeholders_js__WEBPACK_IMPORTED_MODULE_0__/* .placeholdersIn */ .Qf)(template);
    if (!names.some((name) => PER_ADDRESS.includes(name)))
        return [{ ...context.values }];
    return context.addresses.map((address) => ({ ...context.values, address, ...splitAddress(address) }));
}
function httpTarget(check, values, context) {
    // The address parts are checked host:port text from the config; the other values are data (a version).
    const url = (0,_core_placeholders_js__WEBPACK_IMPORTED_MODULE_0__/* .expandPlaceholders */ .pj)(check.url, values, 'url-component', { verbatim: PER_ADDRESS });
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
    const { host, port } = splitAddress((0,_core_placeholders_js__WEBPACK_IMPORTED_MODULE_0__/* .expandPlaceholders */ .pj)(template, values, 'text'));
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


/***/ }),

/***/ 6890:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ tcpProbe),
/* harmony export */   P: () => (/* binding */ createNodeTcpClient)
/* harmony export */ });
/* harmony import */ var _core_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8571);

/** One connect: a success when the connection opens within the timeout. Never throws. */
async function tcpProbe(client, target, signal) {
    const result = await client.connect(target.host, target.port, target.timeoutMs, signal);
    if (result.ok)
        return { ok: true, latencyMs: result.latencyMs };
    return {
        ok: false,
        latencyMs: result.latencyMs,
        failure: result.reason,
        ...(result.aborted ? { aborted: true } : {}),
    };
}
const REASONS = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host not found (DNS)',
};
/**
 * A connection that opened is closed with a FIN after reading what the server sent (a MySQL greeting):
 * destroying it at once would reset it, which servers log as an aborted connection (and a naive one
 * dies of). It is destroyed anyway if the server does not close its side within a second.
 */
function closeGently(socket) {
    socket.resume();
    socket.end();
    socket.setTimeout(1_000, () => socket.destroy());
}
/** The real TCP client; node:net is loaded on first use (process.getBuiltinModule: no ESM graph at start-up). */
function createNodeTcpClient() {
    return {
        connect(host, port, timeoutMs, signal) {
            const net = process.getBuiltinModule('node:net');
            const started = performance.now();
            const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
            return new Promise((resolve) => {
                const socket = net.connect({ host, port });
                let settled = false;
                const finish = (result) => {
                    if (settled)
                        return;
                    settled = true;
                    clearTimeout(timer);
                    signal?.removeEventListener('abort', onAbort);
                    if (result.ok)
                        closeGently(socket);
                    else
                        socket.destroy();
                    resolve(result);
                };
                const onAbort = () => finish({ ok: false, reason: 'cancelled', latencyMs: elapsed(), aborted: true });
                const timer = setTimeout(() => finish({ ok: false, reason: `no connection within ${(0,_core_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(timeoutMs)}`, latencyMs: elapsed() }), timeoutMs);
                if (signal?.aborted)
                    onAbort();
                signal?.addEventListener('abort', onAbort, { once: true });
                socket.once('connect', () => finish({ ok: true, latencyMs: elapsed() }));
                socket.on('error', (error) => finish({ ok: false, reason: REASONS[error.code ?? ''] ?? error.message, latencyMs: elapsed() }));
            });
        },
    };
}


/***/ }),

/***/ 6919:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  L: () => (/* binding */ createCliRuntime)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __nccwpck_require__(4296);
// EXTERNAL MODULE: ./src/core/progress.ts
var progress = __nccwpck_require__(4664);
;// CONCATENATED MODULE: ./src/runtime/progress-printer.ts

/** A TTY redraw happens at most this often: probes every 100 ms would otherwise flicker. */
const REDRAW_MS = 250;
/**
 * Shows the engine's waits: on a TTY one line redrawn in place at most every 250 ms; in a log a plain
 * line every `everyMs`, so a short wait prints nothing and a 5-minute pause prints a steady few.
 */
class ProgressPrinter {
    out;
    options;
    last;
    ticker;
    shownAt = 0;
    constructor(out, options) {
        this.out = out;
        this.options = options;
    }
    waiting(update) {
        const now = this.options.now();
        const fresh = this.last === undefined || this.last.update.step !== update.step;
        this.last = { update, at: now };
        if (fresh) {
            this.shownAt = now;
            this.ticker?.stop();
            const tickMs = this.options.redraw ? 1_000 : Math.min(this.options.everyMs, 1_000);
            this.ticker = this.options.every(tickMs, () => this.tick());
            if (this.options.redraw)
                this.draw(now);
            return;
        }
        if (this.options.redraw && now - this.shownAt >= REDRAW_MS)
            this.draw(now);
    }
    done() {
        this.ticker?.stop();
        this.ticker = undefined;
        if (this.last && this.options.redraw)
            this.out.clear?.();
        this.last = undefined;
    }
    /** The printer's own clock moved: redraw, or print a line when one is due. */
    tick() {
        const now = this.options.now();
        if (!this.last)
            return;
        if (this.options.redraw)
            this.draw(now);
        else if (now - this.shownAt >= this.options.everyMs) {
            this.shownAt = now;
            this.out.line(`waiting: ${this.text(now)}`);
        }
    }
    draw(now) {
        this.shownAt = now;
        this.out.status?.(this.text(now));
    }
    text(now) {
        const last = this.last;
        return (0,progress/* describeWait */.Ng)(last.update, last.update.elapsedMs + (now - last.at));
    }
}
/** The real ticker: unref'd, so a forgotten wait never keeps the process alive. */
function realTicker(ms, tick) {
    const timer = setInterval(tick, ms);
    timer.unref();
    return { stop: () => clearInterval(timer) };
}

// EXTERNAL MODULE: ./src/core/secrets.ts
var secrets = __nccwpck_require__(8198);
;// CONCATENATED MODULE: ./src/runtime/cli-runtime.ts




function createCliRuntime(env = process.env, streams = { stdout: process.stdout, stderr: process.stderr }) {
    const mask = (0,secrets/* createSecretMask */.b1)();
    const err = new StderrLines(streams.stderr, mask);
    const shared = {
        env,
        streams,
        mask,
        err,
        logger: createCliLogger(env, err, mask),
        context: readCliContext(env),
        outputs: new Map(),
        state: new Map(),
        // On a TTY the progress line is redrawn in place; in a pipe or a log, a plain line every 15 s.
        progress: new ProgressPrinter(err, {
            redraw: streams.stderr.isTTY === true,
            everyMs: (0,progress/* progressEveryMs */.Ru)(env),
            now: Date.now,
            every: realTicker,
        }),
        shown: undefined,
    };
    return cliRuntime(shared, {});
}
function cliRuntime(shared, flags) {
    const { mask, logger, streams, err } = shared;
    const print = (text) => {
        err.clear();
        streams.stdout.write(mask.hide(text));
    };
    return {
        logger,
        env: shared.env,
        context: shared.context,
        outputs: shared.outputs,
        progress: shared.progress,
        stdout: {
            tty: streams.stdout.isTTY === true,
            ...(streams.stdout.columns ? { columns: streams.stdout.columns } : {}),
        },
        print,
        outcome: () => shared.shown,
        showOutcome: (report, planSteps) => {
            shared.shown = { report, planSteps };
        },
        withInputs: (next) => cliRuntime(shared, next),
        inputs: (names) => Object.fromEntries(names.map((name) => [name, flags[name]])),
        setOutput: (name, value) => shared.outputs.set(name, value),
        // The job summary's Markdown is not for a terminal: the CLI prints the outcome as text instead.
        appendSummary: async () => undefined,
        saveState: (name, value) => shared.state.set(name, value),
        getState: (name) => shared.state.get(name) ?? '',
        cancelSignal: () => onCtrlC(err),
        usage(message, hint) {
            err.line(mask.hide(`shipgate: ${message}`));
            err.line(hint);
            process.exitCode = 2;
        },
        fail(error) {
            err.line(`shipgate: ${(0,errors/* errorLine */.BP)(error, mask.hide)}`);
            process.exitCode = 1;
        },
    };
}
/**
 * stderr, where the logs and the progress line go: a log line first clears a progress line that is
 * showing (the next tick redraws it below), so the two never run into each other.
 */
class StderrLines {
    stream;
    mask;
    showing = false;
    constructor(stream, mask) {
        this.stream = stream;
        this.mask = mask;
    }
    line(text) {
        this.clear();
        this.stream.write(`${this.mask.hide(text)}\n`);
    }
    status(text) {
        const columns = this.stream.columns ?? 80;
        const shown = [...this.mask.hide(text)];
        const fitted = shown.length >= columns ? `${shown.slice(0, columns - 2).join('')}…` : shown.join('');
        this.stream.write(`\r\u001b[2K${fitted}`);
        this.showing = true;
    }
    clear() {
        if (!this.showing)
            return;
        this.stream.write('\r\u001b[2K');
        this.showing = false;
    }
}
/**
 * Ctrl-C (SIGINT) and SIGTERM abort the run, which routes traffic back to the stable version, as a
 * cancelled workflow does. A second Ctrl-C does not kill that rollback half-way: it says what is going
 * on; Ctrl-\ (SIGQUIT) still ends the process at once for someone who means it.
 */
function onCtrlC(err) {
    const controller = new AbortController();
    const handle = (signal) => {
        if (controller.signal.aborted) {
            err.line('shipgate: still leaving things safe (routing traffic back); wait for it to finish, or Ctrl-\\ to quit at once');
            return;
        }
        err.line(`shipgate: ${signal}: stopping the step in flight and routing traffic back to the stable version`);
        controller.abort(new Error(`received ${signal}`));
    };
    process.on('SIGINT', handle);
    process.on('SIGTERM', handle);
    return controller.signal;
}
function createCliLogger(env, err, mask) {
    return {
        info: (message) => err.line(message),
        notice: (message) => err.line(`notice: ${message}`),
        warning: (message) => err.line(`warning: ${message}`),
        error: (message) => err.line(`error: ${message}`),
        debug: (message) => {
            if (env.SHIPGATE_DEBUG)
                err.line(`debug: ${message}`);
        },
        mask: (secret) => {
            mask.add(secret);
        },
        async group(title, body) {
            err.line(`── ${title}`);
            return body();
        },
        hide: (text) => mask.hide(text),
    };
}
/** A terminal's run: the github store reads whose deployments (GITHUB_REPOSITORY) and which commit (GITHUB_SHA). */
function readCliContext(env) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    return {
        ...(owner && repo ? { repository: { owner, repo } } : {}),
        ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
        ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID } : {}),
        apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
        serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
        workspace: process.cwd(),
        inActions: false,
    };
}


/***/ }),

/***/ 2929:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  y5: () => (/* binding */ deployAdapters)
});

// UNUSED EXPORTS: buildDeployPorts, createDeploymentsPort, createStateStore, deployPostAdapters, loadConfig

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: ./src/core/clock.ts
var clock = __nccwpck_require__(2257);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __nccwpck_require__(4296);
;// CONCATENATED MODULE: ./src/core/workspace-path.ts

/**
 * SPEC §10: `config` and `template` paths stay inside the workspace. A path is refused when it climbs
 * out with `..`, is absolute outside the workspace, or is a symbolic link that leads out; what it names
 * is read only after that, so `config: /etc/passwd` never reaches a parser that might quote it.
 */
function workspaceFile(input, path, workspace, options) {
    const node = nodeModules();
    const root = node.path.resolve(workspace);
    const file = node.path.resolve(root, path);
    const expected = `a path inside the workspace, like ${options.example}`;
    if (!inside(node.path, root, file))
        throw new errors/* InputError */.dz(input, path, expected, { scope: options.scope });
    // A link inside the workspace may point out of it; what does not exist yet is left to the reader.
    const real = realOrUndefined(node.fs, file);
    const realRoot = realOrUndefined(node.fs, root) ?? root;
    if (real !== undefined && !inside(node.path, realRoot, real)) {
        throw new errors/* InputError */.dz(input, path, `${expected} (it links out of the workspace)`, { scope: options.scope });
    }
    return file;
}
function inside(path, root, file) {
    const relative = path.relative(root, file);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
function realOrUndefined(fs, file) {
    try {
        return fs.realpathSync(file);
    }
    catch {
        return undefined;
    }
}
/** node:fs and node:path through getBuiltinModule: no import graph to evaluate at start-up (SPEC §9, B1). */
function nodeModules() {
    return {
        fs: process.getBuiltinModule('node:fs'),
        path: process.getBuiltinModule('node:path'),
    };
}

// EXTERNAL MODULE: ./src/deploy/config.ts + 2 modules
var config = __nccwpck_require__(6118);
// EXTERNAL MODULE: ./src/health/tcp-probe.ts
var tcp_probe = __nccwpck_require__(6890);
// EXTERNAL MODULE: ./src/state/file-store.ts
var file_store = __nccwpck_require__(9723);
;// CONCATENATED MODULE: ./src/runtime/deploy-adapters.ts
/**
 * The real adapters of the deploy and rollback actions (and their post step): the config file, the state
 * store, hooks, routers, HTTP and metric providers. The entry files pass them to `run`; tests pass fakes.
 */









/** Reads and validates the config file; relative paths are in the workspace. */
function loadConfig(path, workspace, scope) {
    const file = workspaceFile('config', path, workspace, { scope, example: '.github/shipgate.yml' });
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (cause) {
        throw new errors/* InputError */.dz('config', path, `a readable shipgate config file (${cause.code ?? 'unreadable'}: ${file})`, { scope, cause });
    }
    return { config: (0,config/* parseConfig */.o4)(text, path), file };
}
/**
 * The state store the inputs chose. The github store (and Octokit with it) is imported only here, when
 * it is used, so a run with the file store never loads it (SPEC §9, B1).
 */
async function createStateStore(options) {
    const { context, logger } = options;
    switch (options.state) {
        case 'file':
            return (0,file_store.createFileStateStore)({ path: options.stateFile, cwd: context.workspace, clock: clock/* systemClock */.m, logger });
        case 'github': {
            const deployments = await createDeploymentsPort(options);
            const { createGitHubStateStore } = await __nccwpck_require__.e(/* import() */ 862).then(__nccwpck_require__.bind(__nccwpck_require__, 9862));
            // Statuses' descriptions quote failure reasons (a hook's output, a response body): masked like the log.
            const hide = (text) => logger.hide(text);
            return createGitHubStateStore({ deployments, clock: clock/* systemClock */.m, logger, context, hide });
        }
        default: {
            const never = options.state;
            throw new Error(`unknown state store ${String(never)}`);
        }
    }
}
/** The Deployments API port (Octokit loaded now), for the github store and the deploy's post step. */
async function createDeploymentsPort(options) {
    const { context, logger } = options;
    if (!options.githubToken || !context.repository) {
        throw new errors/* InputError */.dz('github-token', undefined, "a token with 'permissions: deployments: write' and GITHUB_REPOSITORY (state is github)");
    }
    const { createGitHubDeployments } = await Promise.all(/* import() */[__nccwpck_require__.e(392), __nccwpck_require__.e(321)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9321));
    return createGitHubDeployments({
        token: options.githubToken,
        baseUrl: context.apiUrl,
        owner: context.repository.owner,
        repo: context.repository.repo,
        logger,
    });
}
/**
 * The hooks, loaded on first use: a dry run plans without them. The driver, the orchestrator and the
 * router are thin stand-ins that load deploy-hooks.ts when a step first calls them.
 */
function lazyHooks(settings, options) {
    let hooks;
    const load = () => (hooks ??= __nccwpck_require__.e(/* import() */ 816).then(__nccwpck_require__.bind(__nccwpck_require__, 3816)).then((module) => module.createDeployHooks(settings, options)));
    const driver = {
        deploy: async (values, signal) => (await load()).driver.deploy(values, signal),
        retire: async (values, signal) => (await load()).driver.retire(values, signal),
    };
    const router = {
        apply: async (route, values, signal) => {
            const real = (await load()).router;
            if (!real)
                throw new errors/* ShipgateError */.Yu('no-router', 'deploy: the router kind is none; there is no route to apply');
            return real.apply(route, values, signal);
        },
    };
    const provider = (name) => ({
        measure: async (query, signal, context) => {
            const real = (await load()).providers[name];
            if (!real)
                throw new errors/* ShipgateError */.Yu('no-provider', `deploy: no ${name} metric provider is configured`);
            return real.measure(query, signal, context);
        },
    });
    // Command probes and lifecycle hooks load the hook runner on first use too.
    const commands = { run: async (request) => (await load()).runner.run(request) };
    const lifecycle = {
        run: async (hook, command, values, signal) => (await load()).lifecycle.run(hook, command, values, signal),
    };
    return { driver, router, provider, commands, lifecycle, orchestrator: lazyOrchestrator(load) };
}
/** The orchestrator's stand-in (swarm): the real one is the driver deploy-hooks.ts builds for the target. */
function lazyOrchestrator(load) {
    const real = async () => {
        const { orchestrator } = await load();
        if (!orchestrator)
            throw new errors/* ShipgateError */.Yu('no-orchestrator', 'deploy: the target kind has no orchestrator');
        return orchestrator;
    };
    return {
        update: async (values, signal) => (await real()).update(values, signal),
        rollback: async (values, signal) => (await real()).rollback(values, signal),
        observe: async (state) => (await real()).observe(state),
    };
}
/** The HTTP client, loaded on the first request: a dry run makes none (SPEC §9 B1). */
function lazyHttpClient() {
    let client;
    const load = () => (client ??= __nccwpck_require__.e(/* import() */ 446).then(__nccwpck_require__.bind(__nccwpck_require__, 8446)).then((module) => module.createNodeHttpClient()));
    return { request: async (request, signal) => (await load()).request(request, signal) };
}
/** The real adapters a deploy runs with, from its settings: hooks, router, state store, HTTP, metrics. */
function buildDeployPorts(settings, options) {
    const { context, logger } = options;
    const http = lazyHttpClient();
    const hooks = lazyHooks(settings, { cwd: context.workspace, logger, http });
    const analysis = (settings.analysis?.metrics.length ?? 0) > 0;
    const providers = {
        ...(settings.analysis?.prometheusUrl ? { prometheus: hooks.provider('prometheus') } : {}),
        command: hooks.provider('command'),
    };
    return {
        driver: hooks.driver,
        ...(settings.target.kind === 'swarm' ? { orchestrator: hooks.orchestrator } : {}),
        router: settings.router.kind === 'none' ? null : hooks.router,
        store: options.store,
        http,
        commands: hooks.commands,
        lifecycle: hooks.lifecycle,
        ...(settings.health.checks.some((check) => check.kind === 'tcp') ? { tcp: (0,tcp_probe/* createNodeTcpClient */.P)() } : {}),
        clock: clock/* systemClock */.m,
        logger,
        context,
        holder: options.holder ?? context.runUrl ?? `${(0,external_node_os_.userInfo)().username}@${(0,external_node_os_.hostname)()} pid ${process.pid}`,
        // From a terminal the lock names this process: if it dies, the next deploy on this host takes over at once.
        ...(context.runUrl ? {} : { holderProcess: { pid: process.pid, host: (0,external_node_os_.hostname)() } }),
        ...(analysis ? { analysis: { clock: clock/* systemClock */.m, logger, providers } } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.progress ? { progress: options.progress } : {}),
        newId: () => (0,external_node_crypto_.randomUUID)(),
    };
}
/** The deploy and rollback actions' real adapters. */
function deployAdapters() {
    return { loadConfig, createStateStore, buildDeployPorts };
}
/** The deploy post step's real adapters: the router, and the GitHub deployment it finalises. */
function deployPostAdapters() {
    const routerFactory = async (router, { context, logger }) => {
        const { createRouter } = await __nccwpck_require__.e(/* import() */ 816).then(__nccwpck_require__.bind(__nccwpck_require__, 3816));
        return createRouter(router, { cwd: context.workspace, logger });
    };
    return {
        createRouter: routerFactory,
        async finaliseDeployment(request, { context, logger }) {
            const deployments = await createDeploymentsPort({ ...tokenOf(request), context, logger });
            const { finaliseAbandoned } = await __nccwpck_require__.e(/* import() */ 862).then(__nccwpck_require__.bind(__nccwpck_require__, 9862));
            return finaliseAbandoned(deployments, request.deploymentId, request.description, {
                ...(context.runUrl ? { logUrl: context.runUrl } : {}),
                slot: request.slot,
                hide: (text) => logger.hide(text),
            });
        },
        async findRunDeployment(request, { context, logger }) {
            const deployments = await createDeploymentsPort({ ...tokenOf(request), context, logger });
            const { findRunDeployment } = await __nccwpck_require__.e(/* import() */ 862).then(__nccwpck_require__.bind(__nccwpck_require__, 9862));
            return findRunDeployment(deployments, request, request.runId);
        },
        async recordOutcome(request, { context, logger }) {
            const { settings, outcome } = request;
            const key = { service: settings.service, environment: settings.environment };
            if (settings.state === 'github') {
                const deployments = await createDeploymentsPort({ ...tokenOf(request), context, logger });
                const { recordUnrecorded } = await __nccwpck_require__.e(/* import() */ 862).then(__nccwpck_require__.bind(__nccwpck_require__, 9862));
                await recordUnrecorded(deployments, Number(request.deploymentId), outcome, {
                    ...(context.runUrl ? { logUrl: context.runUrl } : {}),
                    hide: (text) => logger.hide(text),
                });
                return;
            }
            const { createFileStateStore, DEFAULT_STATE_FILE } = await Promise.resolve(/* import() */).then(__nccwpck_require__.bind(__nccwpck_require__, 9723));
            const path = settings.stateFile ?? DEFAULT_STATE_FILE;
            const store = createFileStateStore({ path, cwd: context.workspace, clock: systemClock, logger });
            await store.write(key, outcome.after, outcome.entry);
        },
    };
}
const tokenOf = (request) => request.githubToken ? { githubToken: request.githubToken } : {};


/***/ }),

/***/ 9723:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_STATE_FILE: () => (/* binding */ DEFAULT_STATE_FILE),
/* harmony export */   createFileStateStore: () => (/* binding */ createFileStateStore)
/* harmony export */ });
/* unused harmony exports HISTORY_LIMIT, MUTEX_STALE_MS, StateFileError */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _zod__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(9407);
/* harmony import */ var _core_atomic_file_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(4553);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(4296);
/* harmony import */ var _core_vocabulary_js__WEBPACK_IMPORTED_MODULE_9__ = __nccwpck_require__(7063);
/* harmony import */ var _core_zod_issue_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(5820);
/* harmony import */ var _lock_liveness_js__WEBPACK_IMPORTED_MODULE_10__ = __nccwpck_require__(326);
/* harmony import */ var _ports_js__WEBPACK_IMPORTED_MODULE_8__ = __nccwpck_require__(1425);











/** `state-file` default, relative to the workspace. */
const DEFAULT_STATE_FILE = '.shipgate/state.json';
/** History entries kept per service/environment, newest first. */
const HISTORY_LIMIT = 50;
/**
 * The state file's mutex (`<path>.lock`) is held only while one process reads, changes and rewrites the
 * file — milliseconds. One older than this was left by a process that died holding it.
 */
const MUTEX_STALE_MS = 10_000;
/** How long to wait for the mutex: longer than MUTEX_STALE_MS, so a crashed holder's is taken over. */
const MUTEX_WAIT_MS = 15_000;
const MUTEX_RETRY_MS = 15;
/** The state file is not one shipgate can read; it is never reset behind the user's back. */
class StateFileError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ShipgateError */ .Yu {
    path;
    constructor(path, problem, options) {
        super('state-file', `state file ${path} ${problem}`, options);
        this.path = path;
    }
}
// Each schema's error is the expected form; the message adds where and what was found instead.
const text = (form = 'a string') => _zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .Yj({ error: form });
const nullableText = () => _zod__WEBPACK_IMPORTED_MODULE_4__/* .nullable */ .me(text('a string or null'));
const slotSchema = (form) => _zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5(_core_vocabulary_js__WEBPACK_IMPORTED_MODULE_9__/* .SLOTS */ ._f, { error: form });
function historyEntrySchema() {
    return _zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ik({
        id: text(),
        kind: _zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5(_core_vocabulary_js__WEBPACK_IMPORTED_MODULE_9__/* .OPERATIONS */ .xb, { error: 'deploy or rollback' }),
        version: text(),
        previousVersion: nullableText(),
        strategy: text(),
        slot: _zod__WEBPACK_IMPORTED_MODULE_4__/* .nullable */ .me(slotSchema('blue, green or null')),
        result: _zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5(_core_vocabulary_js__WEBPACK_IMPORTED_MODULE_9__/* .DEPLOY_RESULTS */ .b, { error: `one of ${_core_vocabulary_js__WEBPACK_IMPORTED_MODULE_9__/* .DEPLOY_RESULTS */ .b.join(', ')}` }),
        reason: nullableText(),
        startedAt: text('an ISO time'),
        finishedAt: _zod__WEBPACK_IMPORTED_MODULE_4__/* .nullable */ .me(text('an ISO time or null')),
        runUrl: nullableText(),
        rollbackOf: nullableText(),
        phase: _zod__WEBPACK_IMPORTED_MODULE_4__/* .optional */ .lq(_zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5(_core_vocabulary_js__WEBPACK_IMPORTED_MODULE_9__/* .PHASES */ .ZG, { error: `one of ${_core_vocabulary_js__WEBPACK_IMPORTED_MODULE_9__/* .PHASES */ .ZG.join(', ')}` })),
        servedFull: _zod__WEBPACK_IMPORTED_MODULE_4__/* .optional */ .lq(_zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zM({ error: 'true or false' })),
        killed: _zod__WEBPACK_IMPORTED_MODULE_4__/* .optional */ .lq(_zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zM({ error: 'true or false' })),
    }, { error: 'a history entry (an object)' });
}
/**
 * The state file's schema, built on first use: a run whose state file does not exist yet (a first
 * deploy, a dry run) never builds it, which keeps it off the start-up path (SPEC §9 B1).
 */
function buildStateFileSchema() {
    const storedLock = _zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ik({
        holder: text(),
        since: text('an ISO time'),
        expiresAt: text('an ISO time'),
        id: text(),
        pid: _zod__WEBPACK_IMPORTED_MODULE_4__/* .optional */ .lq(_zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .ai({ error: 'a process id' })),
        host: _zod__WEBPACK_IMPORTED_MODULE_4__/* .optional */ .lq(text('a host name')),
    }, { error: 'a lock: { holder, since, expiresAt, id }' });
    const storedEnvironment = _zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ik({
        activeSlot: _zod__WEBPACK_IMPORTED_MODULE_4__/* .nullable */ .me(slotSchema('blue, green or null')),
        activeVersion: nullableText(),
        slots: _zod__WEBPACK_IMPORTED_MODULE_4__/* .partialRecord */ .jg(slotSchema('blue or green'), _zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ik({ version: text(), up: _zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zM({ error: 'true or false' }) }, { error: '{ version, up }' }), { error: 'an object of blue and green' }),
        instances: _zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1(text(), text(), { error: 'an object of instance: version' }),
        history: _zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YO(historyEntrySchema(), { error: 'a list of history entries' }),
        lock: _zod__WEBPACK_IMPORTED_MODULE_4__/* .optional */ .lq(storedLock),
    }, { error: 'an environment: { activeSlot, activeVersion, slots, instances, history }' });
    const stateFile = _zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ik({
        version: _zod__WEBPACK_IMPORTED_MODULE_4__/* .literal */ .eu(1, { error: '1 (the state file version this shipgate reads)' }),
        environments: _zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1(text(), storedEnvironment, { error: 'an object of "service/environment": state' }),
    }, { error: 'a JSON object with "version": 1 and "environments"' });
    return { storedLock, storedEnvironment, stateFile };
}
const stateKey = (key) => `${key.service}/${key.environment}`;
/** Puts `entry` in place of the entry with its id, or first; keeps the newest HISTORY_LIMIT. */
function withEntry(history, entry) {
    const index = history.findIndex((existing) => existing.id === entry.id);
    const next = index === -1 ? [entry, ...history] : history.map((existing, i) => (i === index ? entry : existing));
    return next.slice(0, HISTORY_LIMIT);
}
/**
 * The `file` state store: one JSON file (`.shipgate/state.json` by default) holding every
 * service/environment of the workspace:
 *
 *   { "version": 1, "environments": { "api/production": { activeSlot, activeVersion, slots, instances,
 *       history: [newest first, at most 50], lock?: { holder, since, expiresAt, id } } } }
 *
 * Every change is a read-modify-write of the whole file made under the file's mutex, `<path>.lock`: a
 * file created with O_EXCL (`wx`), so of two processes only one holds it, removed when the change is
 * written. The file is replaced atomically (temp file, fsync, rename), so a reader never sees half of
 * it. The deploy lock of a service/environment is the `lock` entry, taken and released under the mutex;
 * it expires at `expiresAt` (a crashed deploy's lock is taken over, with a warning naming its holder).
 * A file that is not valid state is an error naming the file and the problem, never reset.
 */
function createFileStateStore(options) {
    const file = new StateFile((0,node_path__WEBPACK_IMPORTED_MODULE_3__.resolve)(options.cwd ?? process.cwd(), options.path), options.clock, options.logger);
    return {
        async lock(key, holder, ttlMs) {
            const lock = await file.withMutex(() => file.takeLock(key, holder, ttlMs));
            let released = false;
            return {
                async release() {
                    if (released)
                        return;
                    released = true;
                    await file.withMutex(() => file.releaseLock(key, lock));
                },
                async renew(nextTtlMs) {
                    if (!released)
                        await file.withMutex(() => file.renewLock(key, lock, nextTtlMs));
                },
            };
        },
        unlock: (key, by) => file.withMutex(() => file.unlock(key, by)),
        async read(key) {
            const environment = environmentOf(file.load(), key);
            if (environment === undefined)
                return _ports_js__WEBPACK_IMPORTED_MODULE_8__/* .EMPTY_STATE */ .Wk;
            const { lock: _lock, ...state } = environment;
            return state;
        },
        async readLock(key) {
            const lock = environmentOf(file.load(), key)?.lock;
            return lock === undefined ? null : describeLock(lock);
        },
        async begin(key, entry) {
            await file.update(key, (current) => {
                const base = current ?? emptyEnvironment();
                return { ...base, history: withEntry(base.history, entry) };
            });
            // A file has no deployment ids of its own; the engine's entry id is the record.
            return { deploymentId: null };
        },
        async write(key, state, entry) {
            await file.update(key, (current) => ({
                activeSlot: state.activeSlot,
                activeVersion: state.activeVersion,
                slots: state.slots,
                instances: state.instances,
                history: withEntry(current?.history ?? [], entry),
                ...(current?.lock !== undefined && { lock: current.lock }),
            }));
        },
    };
}
/** The lock as the store's readers see it (its id stays inside the file store). */
function describeLock(lock) {
    return {
        holder: lock.holder,
        since: lock.since,
        expiresAt: lock.expiresAt,
        ...(lock.pid !== undefined ? { pid: lock.pid } : {}),
        ...(lock.host !== undefined ? { host: lock.host } : {}),
    };
}
/** The environment with its unfinished history entries recorded as killed runs. */
function withKilledRuns(environment, reason, now) {
    const history = environment.history.map((entry) => entry.finishedAt === null
        ? {
            ...entry,
            result: 'failed',
            reason: `killed: ${reason.replace(/^killed: /, '')}`,
            finishedAt: iso(now),
            servedFull: false,
            killed: true,
        }
        : entry);
    // What a killed run deployed is half done: its slot is recorded as down, never taken for a live one.
    const slots = { ...environment.slots };
    for (const entry of environment.history) {
        if (entry.finishedAt === null && entry.slot && entry.slot !== environment.activeSlot) {
            slots[entry.slot] = { version: entry.version, up: false };
        }
    }
    return { ...environment, slots, history };
}
const emptyEnvironment = () => ({ ..._ports_js__WEBPACK_IMPORTED_MODULE_8__/* .EMPTY_STATE */ .Wk, slots: {}, instances: {}, history: [] });
const environmentOf = (file, key) => file.environments[stateKey(key)];
const iso = (ms) => new Date(ms).toISOString();
const ADVICE = 'shipgate never resets it: repair it, or move it away to start with no history';
/** The state file at `path` and its mutex: reading, writing, and changing it under the mutex. */
class StateFile {
    path;
    mutexPath;
    clock;
    logger;
    /** Built on the first load of an existing file. */
    schema;
    constructor(path, clock, logger) {
        this.path = path;
        this.mutexPath = `${path}.lock`;
        this.clock = clock;
        this.logger = logger;
    }
    /** The file as stored (no file: no environments); throws StateFileError for a file that is not valid state. */
    load() {
        let text;
        try {
            text = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(this.path, 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return { version: 1, environments: {} };
            throw new StateFileError(this.path, `could not be read: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}`, { cause: error });
        }
        if (text.trim() === '') {
            throw new StateFileError(this.path, `is empty; expected a JSON object with "version": 1; ${ADVICE}`);
        }
        let data;
        try {
            data = JSON.parse(text);
        }
        catch (error) {
            throw new StateFileError(this.path, `is not valid JSON (${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}); ${ADVICE}`, { cause: error });
        }
        this.schema ??= buildStateFileSchema().stateFile;
        const result = this.schema.safeParse(data);
        if (!result.success)
            throw this.notStateFile(result.error.issues[0], data);
        return data;
    }
    /** The error for a JSON file that the schema refuses: where, what was found, what was expected. */
    notStateFile(issue, data) {
        const problem = issue
            ? (0,_core_zod_issue_js__WEBPACK_IMPORTED_MODULE_7__/* .describeIssue */ .n6)(issue, data, (at) => (0,_core_zod_issue_js__WEBPACK_IMPORTED_MODULE_7__/* .keyPath */ .Dw)(at) || 'the whole file')
            : 'the whole file is not one';
        return new StateFileError(this.path, `is not a shipgate state file: ${problem}; ${ADVICE}`);
    }
    save(file) {
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(this.path), { recursive: true });
            (0,_core_atomic_file_js__WEBPACK_IMPORTED_MODULE_5__/* .writeFileAtomic */ .Z)(this.path, `${JSON.stringify(file, null, 2)}\n`);
        }
        catch (error) {
            throw new StateFileError(this.path, `could not be written: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}`, { cause: error });
        }
    }
    /** Read-modify-write of one environment, under the mutex. */
    update(key, change) {
        return this.withMutex(() => {
            const file = this.load();
            file.environments[stateKey(key)] = change(environmentOf(file, key));
            this.save(file);
        });
    }
    /**
     * Takes the deploy lock of `key` (call under the mutex). One that expired, or whose holder process is
     * dead on this host, is taken over with a warning, and the run it leaves unfinished is recorded as killed.
     */
    takeLock(key, holder, ttlMs) {
        const file = this.load();
        let environment = environmentOf(file, key);
        const now = this.clock.now();
        if (environment?.lock !== undefined) {
            this.checkTakeOver(key, environment.lock, now);
            environment = withKilledRuns(environment, `the run of ${environment.lock.holder} stopped before it finished`, now);
        }
        const taken = {
            holder: holder.holder,
            since: holder.since,
            expiresAt: iso(now + ttlMs),
            id: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(8).toString('hex'),
            ...(holder.pid !== undefined ? { pid: holder.pid } : {}),
            ...(holder.host !== undefined ? { host: holder.host } : {}),
        };
        file.environments[stateKey(key)] = { ...(environment ?? emptyEnvironment()), lock: taken };
        this.save(file);
        return taken;
    }
    /** Throws LockedError while `existing` holds; warns when it expired or its process died, and is being taken over. */
    checkTakeOver(key, existing, now) {
        const expiresAt = Date.parse(existing.expiresAt);
        if (Number.isNaN(expiresAt)) {
            throw new StateFileError(this.path, `holds a lock of ${stateKey(key)} whose expiresAt is '${existing.expiresAt}'; expected an ISO time such as 2026-01-31T12:00:00.000Z`);
        }
        const holder = (0,_lock_liveness_js__WEBPACK_IMPORTED_MODULE_10__/* .processOf */ .h)(existing);
        const why = expiresAt <= now
            ? `expired at ${existing.expiresAt}`
            : holder && (0,_lock_liveness_js__WEBPACK_IMPORTED_MODULE_10__/* .liveness */ .Q)(existing, null, now).alive === 'dead'
                ? `is held by process ${holder.pid}, which is no longer running on ${holder.host}`
                : null;
        if (why === null)
            throw new _ports_js__WEBPACK_IMPORTED_MODULE_8__/* .LockedError */ .by(key, { holder: existing.holder, since: existing.since });
        this.logger.warning(`${stateKey(key)}: taking over the lock held by ${existing.holder} since ${existing.since}, which ${why} (its deploy stopped without releasing it); its unfinished run is recorded as killed: check what it left half done (rollback re-applies the stable route)`);
    }
    /** Moves the expiry of `lock` (call under the mutex), unless someone else took it over meanwhile. */
    renewLock(key, lock, ttlMs) {
        const file = this.load();
        const environment = environmentOf(file, key);
        if (environment?.lock?.id !== lock.id) {
            throw new StateFileError(this.path, `no longer holds this run's lock of ${stateKey(key)} (taken at ${lock.since}); another run took it over`);
        }
        file.environments[stateKey(key)] = { ...environment, lock: { ...lock, expiresAt: iso(this.clock.now() + ttlMs) } };
        this.save(file);
    }
    /** `shipgate unlock` (call under the mutex): drops the lock and records its unfinished run as killed. */
    unlock(key, by) {
        const file = this.load();
        const environment = environmentOf(file, key);
        if (environment?.lock === undefined)
            return null;
        const { lock, ...rest } = environment;
        const now = this.clock.now();
        file.environments[stateKey(key)] = withKilledRuns(rest, `killed: the lock of ${lock.holder} was released by ${by}`, now);
        this.save(file);
        return describeLock(lock);
    }
    /** Releases `lock` (call under the mutex), unless it expired and someone else holds the lock now. */
    releaseLock(key, lock) {
        const file = this.load();
        const environment = environmentOf(file, key);
        const current = environment?.lock;
        if (environment === undefined || current === undefined)
            return;
        if (current.id !== lock.id) {
            this.logger.warning(`${stateKey(key)}: the lock taken at ${lock.since} by ${lock.holder} expired and is now held by ${current.holder} since ${current.since}; leaving it`);
            return;
        }
        const { lock: _released, ...rest } = environment;
        file.environments[stateKey(key)] = rest;
        this.save(file);
    }
    /** Runs `change` holding the state file's mutex. */
    async withMutex(change) {
        const token = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(8).toString('hex');
        const deadline = this.clock.now() + MUTEX_WAIT_MS;
        while (!this.tryCreateMutex(token)) {
            const current = this.inspectMutex();
            if (current === undefined)
                continue; // released in between
            if (this.clock.now() - current.at > MUTEX_STALE_MS) {
                this.breakStaleMutex(current);
                continue;
            }
            if (this.clock.now() >= deadline) {
                throw new StateFileError(this.path, `is being changed by ${current.holder} since ${iso(current.at)} (${this.mutexPath}); gave up after ${MUTEX_WAIT_MS / 1000}s`);
            }
            await this.clock.sleep(MUTEX_RETRY_MS);
        }
        try {
            return change();
        }
        finally {
            this.releaseMutex(token);
        }
    }
    /** Creates the mutex with O_EXCL, holding `token`; false when another process holds it. */
    tryCreateMutex(token) {
        let fd;
        try {
            fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(this.mutexPath, 'wx', 0o644);
        }
        catch (error) {
            const code = error.code;
            if (code === 'EEXIST')
                return false;
            if (code === 'ENOENT')
                return this.createDirectory() && this.tryCreateMutex(token);
            throw new StateFileError(this.path, `could not be locked (${this.mutexPath}): ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}`, {
                cause: error,
            });
        }
        try {
            const holder = `pid ${process.pid} on ${(0,node_os__WEBPACK_IMPORTED_MODULE_2__.hostname)()}`;
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeSync)(fd, JSON.stringify({ holder, at: iso(this.clock.now()), token }));
        }
        finally {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
        }
        return true;
    }
    createDirectory() {
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(this.path), { recursive: true });
            return true;
        }
        catch (error) {
            throw new StateFileError(this.path, `could not be created: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}`, { cause: error });
        }
    }
    /** Removes the mutex if it is still ours: after a takeover (we were stalled past MUTEX_STALE_MS) it is someone else's. */
    releaseMutex(token) {
        try {
            const content = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(this.mutexPath, 'utf8'));
            if (content.token === token)
                (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.unlinkSync)(this.mutexPath);
        }
        catch {
            // gone already
        }
    }
    /** Who holds the mutex and since when, from its content (written right after it is created) or its mtime. */
    inspectMutex() {
        let fd;
        try {
            fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(this.mutexPath, 'r');
        }
        catch {
            return undefined;
        }
        try {
            const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.fstatSync)(fd);
            let holder = 'an unknown process';
            let at = stat.mtimeMs;
            try {
                const content = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(fd, 'utf8'));
                if (typeof content.holder === 'string')
                    holder = content.holder;
                if (typeof content.at === 'string' && Number.isFinite(Date.parse(content.at)))
                    at = Date.parse(content.at);
            }
            catch {
                // Created but not yet written (or cut short by a crash): the mtime says when.
            }
            return { holder, at, ino: stat.ino };
        }
        finally {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
        }
    }
    /**
     * Removes a mutex left by a crashed process. Renaming it aside first means that of two processes
     * breaking the same stale mutex only one removes it; if what was renamed turns out to be a fresh
     * mutex created in between (another inode), it is put back.
     */
    breakStaleMutex(stale) {
        const aside = `${this.mutexPath}.stale-${process.pid}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}`;
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync)(this.mutexPath, aside);
        }
        catch {
            return; // someone else broke it already
        }
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(aside).ino === stale.ino) {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.unlinkSync)(aside);
            this.logger.warning(`state file lock ${this.mutexPath} held by ${stale.holder} since ${iso(stale.at)} is older than ${MUTEX_STALE_MS / 1000}s (its process must have stopped); took it over`);
            return;
        }
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.linkSync)(aside, this.mutexPath);
        }
        catch {
            // A third process created one meanwhile; it holds the mutex now.
        }
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.unlinkSync)(aside);
    }
}


/***/ }),

/***/ 326:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ liveness),
/* harmony export */   h: () => (/* binding */ processOf)
/* harmony export */ });
/** Where a holder's process runs: the lock's own pid and host, else read from a `user@host pid N` holder. */
function processOf(holder) {
    if (typeof holder !== 'string' && holder.pid !== undefined && holder.host !== undefined) {
        return { host: holder.host, pid: holder.pid };
    }
    const local = /^.+@(.+) pid (\d+)$/.exec(typeof holder === 'string' ? holder : holder.holder);
    return local ? { host: local[1] ?? '', pid: Number(local[2]) } : undefined;
}
/**
 * Whether a lock's holder still runs (SPEC §8a). A CLI holder records its pid and host (`user@host pid N`):
 * on this host, `process.kill(pid, 0)` tells (EPERM: it runs, as someone else). A run URL or another host
 * cannot be checked from here. One answer for `status`, `unlock` and the file store's take-over.
 */
function liveness(holder, expiresAt, now = Date.now(), host = process.getBuiltinModule('node:os').hostname()) {
    if (expiresAt && Date.parse(expiresAt) <= now)
        return { alive: 'expired', why: `it expired at ${expiresAt}` };
    const local = processOf(holder);
    if (!local) {
        const name = typeof holder === 'string' ? holder : holder.holder;
        const why = /^https?:\/\//.test(name) ? 'a GitHub Actions run: see its page' : 'cannot be checked from here';
        return { alive: 'unknown', why };
    }
    if (local.host !== host)
        return { alive: 'unknown', why: `it runs on ${local.host}, not this host` };
    try {
        process.kill(local.pid, 0);
        return { alive: 'alive', why: `pid ${local.pid} runs on this host` };
    }
    catch (error) {
        if (error.code === 'EPERM') {
            return { alive: 'alive', why: `pid ${local.pid} runs on this host` };
        }
        return { alive: 'dead', why: `no process ${local.pid} on this host; 'shipgate unlock' releases it` };
    }
}


/***/ }),

/***/ 1425:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   V4: () => (/* binding */ servedFull),
/* harmony export */   Wk: () => (/* binding */ EMPTY_STATE),
/* harmony export */   by: () => (/* binding */ LockedError)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4296);
/** Whether an entry's version took all traffic; entries written before this was recorded: a finished success. */
function servedFull(entry) {
    return entry.servedFull ?? (entry.result === 'succeeded' && entry.finishedAt !== null && !entry.killed);
}
const EMPTY_STATE = {
    activeSlot: null,
    activeVersion: null,
    slots: {},
    instances: {},
    history: [],
};

/** A second deploy of a service/environment while the first holds the lock. */
class LockedError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShipgateError */ .Yu {
    constructor(key, holder) {
        super('locked', `${key.service}/${key.environment} is being deployed by ${holder.holder} since ${holder.since}; refusing a second deploy`);
    }
}


/***/ }),

/***/ 8085:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $R: () => (/* binding */ hookEnv),
/* harmony export */   G_: () => (/* binding */ HookError),
/* harmony export */   KJ: () => (/* binding */ RouterError),
/* harmony export */   _r: () => (/* binding */ titledGroup),
/* harmony export */   dT: () => (/* binding */ hookRun),
/* harmony export */   fx: () => (/* binding */ describeRoute)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4296);

/** The SHIPGATE_* environment of a hook (SPEC §5.2). */
function hookEnv(values) {
    const env = {
        SHIPGATE_SERVICE: values.service,
        SHIPGATE_ENVIRONMENT: values.environment,
        SHIPGATE_VERSION: values.version,
        SHIPGATE_PREVIOUS_VERSION: values.previousVersion ?? '',
        SHIPGATE_STRATEGY: values.strategy,
        SHIPGATE_PHASE: values.phase,
    };
    if (values.slot !== undefined)
        env.SHIPGATE_SLOT = values.slot;
    if (values.addresses !== undefined)
        env.SHIPGATE_ADDRESSES = values.addresses.join(' ');
    if (values.instances !== undefined)
        env.SHIPGATE_INSTANCES = values.instances.join(' ');
    if (values.weights !== undefined)
        env.SHIPGATE_WEIGHTS = values.weights;
    return env;
}
/** The report's record of a command run as hook `hook`. */
function hookRun(hook, outcome) {
    return {
        hook,
        exitCode: outcome.result?.exitCode ?? null,
        durationMs: outcome.durationMs,
        timedOut: outcome.end.kind === 'timeout',
    };
}
/** Without the runner's log groups (the CLI): a title line before the output. */
function titledGroup(logger) {
    return async (title, body) => {
        logger.info(title);
        return body();
    };
}
/** `blue=90 green=10` — the SHIPGATE_WEIGHTS form, and how routes read in logs and reports. */
function describeRoute(route) {
    return route.groups.map((group) => `${group.name}=${group.weight}`).join(' ');
}
/** A hook that exited non-zero, timed out, was cancelled or could not start. */
class HookError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShipgateError */ .Yu {
    run;
    /** `ended`: how it ended, from describeCommandEnd. */
    constructor(run, ended) {
        super('hook-failed', `${run.hook} hook ${ended}`);
        this.run = run;
    }
}
/** Traffic could not be routed as asked; the previous routing is still in effect when `restored`. */
class RouterError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShipgateError */ .Yu {
    hooks;
    constructor(message, hooks = [], options) {
        super('route-failed', message, options);
        this.hooks = hooks;
    }
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 9407:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bp: () => (/* binding */ _minLength),
/* harmony export */   Bq: () => (/* binding */ _trim),
/* harmony export */   Fs: () => (/* binding */ pipe),
/* harmony export */   Ik: () => (/* binding */ object),
/* harmony export */   KC: () => (/* binding */ union),
/* harmony export */   L5: () => (/* binding */ unknown),
/* harmony export */   Ph: () => (/* binding */ _lte),
/* harmony export */   RO: () => (/* binding */ _gte),
/* harmony export */   RZ: () => (/* binding */ _lazy),
/* harmony export */   UM: () => (/* binding */ _gte),
/* harmony export */   Wh: () => (/* binding */ int),
/* harmony export */   YO: () => (/* binding */ array),
/* harmony export */   YP: () => (/* binding */ refine),
/* harmony export */   Yj: () => (/* binding */ string2),
/* harmony export */   ai: () => (/* binding */ number2),
/* harmony export */   eu: () => (/* binding */ literal),
/* harmony export */   g1: () => (/* binding */ record),
/* harmony export */   gM: () => (/* binding */ discriminatedUnion),
/* harmony export */   jg: () => (/* binding */ partialRecord),
/* harmony export */   k5: () => (/* binding */ _enum),
/* harmony export */   lq: () => (/* binding */ optional),
/* harmony export */   me: () => (/* binding */ nullable),
/* harmony export */   pd: () => (/* binding */ transform),
/* harmony export */   re: () => (/* binding */ strictObject),
/* harmony export */   tm: () => (/* binding */ NEVER),
/* harmony export */   wJ: () => (/* binding */ _lte),
/* harmony export */   xL: () => (/* binding */ safeParse),
/* harmony export */   yG: () => (/* binding */ _regex),
/* harmony export */   zM: () => (/* binding */ boolean2),
/* harmony export */   zn: () => (/* binding */ superRefine)
/* harmony export */ });
/* unused harmony exports iso, looseObject */
// Generated by scripts/vendor.mjs from zod 4.6.7 (MIT, https://github.com/colinhacks/zod): the
// zod/mini API that src/ uses, tree-shaken. Do not edit: `npm run build` writes it again.
// Exports: NEVER, array, boolean, discriminatedUnion, enum, gte, int, iso, lazy, literal, looseObject, lte, maximum, minLength, minimum, nullable, number, object, optional, partialRecord, pipe, record, refine, regex, safeParse, strictObject, string, superRefine, transform, trim, union, unknown
var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// node_modules/zod/v4/core/util.js
function getEnumValues(entries) {
  const numericValues = Object.values(entries).filter((v) => typeof v === "number");
  const values = Object.entries(entries).filter(([k, _]) => numericValues.indexOf(+k) === -1).map(([_, v]) => v);
  return values;
}
function jsonStringifyReplacer(_, value) {
  if (typeof value === "bigint")
    return value.toString();
  return value;
}
var Cached = class {
  constructor(getter) {
    this._getter = getter;
    this._value = void 0;
  }
  get value() {
    const getter = this._getter;
    if (getter !== void 0) {
      this._value = getter();
      this._getter = void 0;
    }
    return this._value;
  }
};
function cached(getter) {
  return new Cached(getter);
}
function nullish(input) {
  return input === null || input === void 0;
}
function cleanRegex(source) {
  const start = source.startsWith("^") ? 1 : 0;
  const end = source.endsWith("$") ? source.length - 1 : source.length;
  return source.slice(start, end);
}
var EVALUATING = /* @__PURE__ */ Symbol("evaluating");
function defineLazy(object2, key, getter) {
  let value = void 0;
  Object.defineProperty(object2, key, {
    get() {
      if (value === EVALUATING) {
        return void 0;
      }
      if (value === void 0) {
        value = EVALUATING;
        value = getter();
      }
      return value;
    },
    set(v) {
      Object.defineProperty(object2, key, {
        value: v
        // configurable: true,
      });
    },
    configurable: true
  });
}
function assignProp(target, prop, value) {
  Object.defineProperty(target, prop, {
    value,
    writable: true,
    enumerable: true,
    configurable: true
  });
}
function rawShape(def) {
  const desc = Object.getOwnPropertyDescriptor(def, "shape");
  return desc?.get ? desc.get.raw : desc?.value;
}
var captureStackTrace = "captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => {
};
function isObject(data) {
  return typeof data === "object" && data !== null && !Array.isArray(data);
}
function isPlainObject(o) {
  if (isObject(o) === false)
    return false;
  const ctor = o.constructor;
  if (ctor === void 0)
    return true;
  if (typeof ctor !== "function")
    return true;
  const prot = ctor.prototype;
  if (isObject(prot) === false)
    return false;
  if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) {
    return false;
  }
  return true;
}
var propertyKeyTypes = /* @__PURE__ */ new Set(["string", "number", "symbol"]);
function escapeRegex(str) {
  return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function clone(inst, def, params) {
  const cl = new inst._zod.constr(def ?? inst._zod.def);
  if (!def || params?.parent)
    cl._zod.parent = inst;
  return cl;
}
function normalizeParams(_params) {
  const params = _params;
  if (!params)
    return {};
  if (typeof params === "string")
    return { error: () => params };
  if (params?.message !== void 0) {
    if (params?.error !== void 0)
      throw new Error("Cannot specify both `message` and `error` params");
    params.error = params.message;
  }
  delete params.message;
  if (typeof params.error === "string")
    return { ...params, error: () => params.error };
  return params;
}
function optionalKeys(shape) {
  return Object.keys(shape).filter((k) => {
    return shape[k]._zod.optin !== void 0 && shape[k]._zod.optout === "optional";
  });
}
var NUMBER_FORMAT_RANGES = /* @__PURE__ */ (() => ({
  safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  float32: [-34028234663852886e22, 34028234663852886e22],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE]
}))();
function aborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue !== true) {
      return true;
    }
  }
  return false;
}
function explicitlyAborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue === false) {
      return true;
    }
  }
  return false;
}
function prefixIssues(path, issues) {
  return issues.map((iss) => {
    var _a2;
    (_a2 = iss).path ?? (_a2.path = []);
    iss.path.unshift(path);
    return iss;
  });
}
function unwrapMessage(message) {
  return typeof message === "string" ? message : message?.message;
}
function sizeCaps(defChecks) {
  const caps = [];
  for (const ch of defChecks ?? []) {
    const d = ch._zod.def;
    if (!/_(length|size)$|_equals$/.test(d.check))
      break;
    const max = d.maximum ?? d.length ?? d.size;
    if (max >= 0)
      caps.push([max, ch]);
  }
  return caps;
}
function attachSchema(issues, start, inst) {
  var _a2;
  for (let i = start; i < issues.length; i++) {
    (_a2 = issues[i]).schema ?? (_a2.schema = inst);
  }
}
function finalizeIssue(iss, ctx, config2) {
  var _a2;
  const traits = iss.inst?._zod?.traits;
  if (traits?.has("$ZodType")) {
    if (traits.has("$ZodCheck"))
      (_a2 = iss).schema ?? (_a2.schema = iss.inst);
    else
      iss.schema = iss.inst;
  }
  const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : void 0;
  const message = iss.message ? iss.message : unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ?? unwrapMessage(schemaError?.(iss)) ?? unwrapMessage(ctx?.error?.(iss)) ?? unwrapMessage(config2.customError?.(iss)) ?? unwrapMessage(config2.localeError?.(iss)) ?? "Invalid input";
  const full = {};
  for (const k of Object.keys(iss)) {
    if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
      continue;
    full[k] = iss[k];
  }
  full.path ?? (full.path = []);
  full.message = message;
  if (ctx?.reportInput) {
    full.input = iss.input;
  }
  return full;
}
var highSurrogate = /[\uD800-\uDBFF]/;
function codePointLength(str) {
  const units = str.length;
  if (!highSurrogate.test(str))
    return units;
  let count = units;
  for (let i = 0; i < units - 1; i++) {
    if ((str.charCodeAt(i) & 64512) === 55296 && (str.charCodeAt(i + 1) & 64512) === 56320) {
      count--;
      i++;
    }
  }
  return count;
}
function getLengthableOrigin(input) {
  if (Array.isArray(input))
    return "array";
  if (typeof input === "string")
    return "string";
  return "unknown";
}
function issue(...args) {
  const [iss, input, inst] = args;
  if (typeof iss === "string") {
    return {
      message: iss,
      code: "custom",
      input,
      inst
    };
  }
  return { ...iss };
}
function members(proto, table) {
  for (const key in table) {
    const desc = Object.getOwnPropertyDescriptor(table, key);
    if (desc.get)
      Object.defineProperty(proto, key, { ...desc, enumerable: false });
    else
      defineBound(proto, key, desc.value);
  }
}
function own(inst, key, value, enumerable = true) {
  Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
  return value;
}
function hide(inst, key, value) {
  return own(inst, key, value, false);
}
function defineBound(proto, key, fn) {
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      return this == null ? fn : own(this, key, fn.bind(this));
    },
    set(value) {
      own(this, key, value);
    }
  });
}
function claim(inst, sentinel) {
  const proto = Object.getPrototypeOf(inst);
  return sentinel in proto ? void 0 : proto;
}
var installing;
var broke = false;
var breaker = {
  configurable: true,
  get() {
    broke = true;
    return void 0;
  }
};
function defineLazyInternal(inst, key, compute) {
  const proto = Object.getPrototypeOf(inst._zod);
  if (key in proto && installing !== inst._zod) {
    installing = void 0;
    return;
  }
  installing = inst._zod;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      Object.defineProperty(this, key, breaker);
      const outer = broke;
      broke = false;
      try {
        const value = compute(this);
        if (broke)
          delete this[key];
        else
          Object.defineProperty(this, key, { configurable: true, writable: true, value });
        broke = broke || outer;
        return value;
      } catch (err) {
        delete this[key];
        broke = broke || outer;
        throw err;
      }
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, value });
    }
  });
}
function installLazyProp(inst, key, make, enumerable) {
  const proto = claim(inst, key);
  if (!proto)
    return;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      const desc = { configurable: true, writable: true, enumerable, value: void 0 };
      Object.defineProperty(this, key, desc);
      desc.value = make(this);
      Object.defineProperty(this, key, desc);
      return desc.value;
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
    }
  });
}

// node_modules/zod/v4/core/core.js
var _a;
var NEVER = /* @__PURE__ */ Object.freeze({
  status: "aborted"
});
var _zodDesc = { value: void 0, enumerable: false };
var _E = "captureStackTrace" in Error ? Error : null;
function newError(Definition) {
  const E = _E;
  if (E) {
    const saved = E.stackTraceLimit;
    if (typeof saved === "number") {
      try {
        E.stackTraceLimit = 0;
      } catch {
        _E = null;
        return new Definition();
      }
      try {
        return new Definition();
      } finally {
        E.stackTraceLimit = saved;
      }
    }
  }
  return new Definition();
}
// @__NO_SIDE_EFFECTS__
function $constructor(name, initializer2, proto, params) {
  const zodProto = {};
  function Internals(def) {
    this.def = def;
    this.constr = _;
    this.traits = /* @__PURE__ */ new Set();
  }
  Internals.prototype = zodProto;
  const protoMembers = proto;
  const initialized = protoMembers && /* @__PURE__ */ new WeakSet();
  function init(inst, def) {
    if (!inst._zod) {
      _zodDesc.value = new Internals(def);
      try {
        Object.defineProperty(inst, "_zod", _zodDesc);
      } finally {
        _zodDesc.value = void 0;
      }
    } else if (inst._zod.traits.has(name)) {
      return;
    }
    inst._zod.traits.add(name);
    initializer2(inst, def);
    if (initialized) {
      const own2 = Object.getPrototypeOf(inst);
      const ctorProto = inst._zod.constr.prototype;
      let up = own2;
      while (up && up !== ctorProto)
        up = Object.getPrototypeOf(up);
      const target = up ?? own2;
      if (!initialized.has(target)) {
        initialized.add(target);
        members(target, protoMembers);
      }
    }
    const proto2 = _.prototype;
    for (const k in proto2) {
      if (!Object.prototype.hasOwnProperty.call(proto2, k))
        continue;
      if (!(k in inst)) {
        inst[k] = proto2[k].bind(inst);
      }
    }
  }
  const Parent = params?.Parent ?? Object;
  class Definition extends Parent {
  }
  Object.defineProperty(Definition, "name", { value: name });
  function _(def) {
    const inst = params?.Parent ? newError(Definition) : this;
    init(inst, def);
    const deferred = inst._zod.deferred;
    if (deferred) {
      for (const fn of deferred) {
        fn();
      }
      inst._zod.deferred = void 0;
    }
    const pp = globalThis.__zod_globalConfig?.postProcessor;
    if (pp)
      pp(inst);
    return inst;
  }
  Object.defineProperty(_, "init", { value: init });
  Object.defineProperty(_, Symbol.hasInstance, {
    value: (inst) => {
      if (params?.Parent && inst instanceof params.Parent)
        return true;
      return inst?._zod?.traits?.has(name);
    }
  });
  Object.defineProperty(_, "name", { value: name });
  return _;
}
var $ZodAsyncError = class extends Error {
  constructor() {
    super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
  }
};
var $ZodEncodeError = class extends Error {
  constructor(name) {
    super(`Encountered unidirectional transform during encode: ${name}`);
    this.name = "ZodEncodeError";
  }
};
(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
var globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
  if (newConfig)
    Object.assign(globalConfig, newConfig);
  return globalConfig;
}

// node_modules/zod/v4/core/errors.js
function _getMessage() {
  const internals = this._zod;
  internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
  return internals.message;
}
function _setMessage(value) {
  this._zod.message = value;
}
var _messageDesc = {
  get: _getMessage,
  set: _setMessage,
  enumerable: true,
  configurable: true
};
var _issuesDesc = { value: void 0, enumerable: false };
var _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
var initializer = (inst, def) => {
  inst.name = "$ZodError";
  _issuesDesc.value = def;
  Object.defineProperty(inst, "issues", _issuesDesc);
  _issuesDesc.value = void 0;
  Object.defineProperty(inst, "message", _messageDesc);
  const proto = Object.getPrototypeOf(inst);
  if (!_installedToString.has(proto)) {
    _installedToString.add(proto);
    Object.defineProperty(proto, "toString", {
      configurable: true,
      enumerable: false,
      get() {
        const value = () => this.message;
        Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
        return value;
      },
      set(value) {
        Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
      }
    });
  }
};
var $ZodError = $constructor("$ZodError", initializer);
var $ZodRealError = $constructor("$ZodError", initializer, void 0, {
  Parent: Error
});

// node_modules/zod/v4/core/parse.js
var _parse = (_Err) => {
  const fn = (schema, value, _ctx, _params) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
      throw new $ZodAsyncError();
    }
    if (result.issues.length) {
      const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
      captureStackTrace(e, _params?.callee ?? fn);
      throw e;
    }
    return result.value;
  };
  return fn;
};
var parse = /* @__PURE__ */ _parse($ZodRealError);
var _parseAsync = (_Err) => {
  const fn = async (schema, value, _ctx, params) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
      result = await result;
    if (result.issues.length) {
      const e = new (params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
      captureStackTrace(e, params?.callee ?? fn);
      throw e;
    }
    return result.value;
  };
  return fn;
};
var parseAsync = /* @__PURE__ */ _parseAsync($ZodRealError);
var _safeParse = (_Err) => (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
  const result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise) {
    throw new $ZodAsyncError();
  }
  return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
var safeParse = /* @__PURE__ */ _safeParse($ZodRealError);
function failure(Err, issues, ctx) {
  let error;
  return {
    success: false,
    get error() {
      if (!error) {
        error = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
        issues = void 0;
        ctx = void 0;
      }
      return error;
    },
    set error(e) {
      error = e;
      issues = void 0;
      ctx = void 0;
    }
  };
}
var _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
  let result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise)
    result = await result;
  return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
var safeParseAsync = /* @__PURE__ */ _safeParseAsync($ZodRealError);

// node_modules/zod/v4/core/regexes.js
var duration = /^P(?:(\d+W)|(?!.*W)(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?)$/;
var dateSource = `(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))`;
function anchor(source) {
  return new RegExp(`^${source}$`);
}
var date = /* @__PURE__ */ anchor(dateSource);
function timeSource(args) {
  const hhmm = `(?:[01]\\d|2[0-3]):[0-5]\\d`;
  const regex = typeof args.precision === "number" ? args.precision === -1 ? `${hhmm}` : args.precision === 0 ? `${hhmm}:[0-5]\\d` : `${hhmm}:[0-5]\\d\\.\\d{${args.precision}}` : args.seconds ? `${hhmm}:[0-5]\\d(?:\\.\\d+)?` : `${hhmm}(?::[0-5]\\d(?:\\.\\d+)?)?`;
  return regex;
}
function time(args) {
  return new RegExp(`^${timeSource(args)}$`);
}
function datetime(args) {
  const opts = ["Z"];
  if (args.offset)
    opts.push(`([+-](?:[01]\\d|2[0-3]):[0-5]\\d)`);
  const qualified = `${timeSource({ precision: args.precision, seconds: true })}(?:${opts.join("|")})`;
  const timeRegex = args.local ? `${qualified}|${timeSource({ precision: args.precision })}` : qualified;
  return new RegExp(`^${dateSource}T(?:${timeRegex})$`);
}
var anyString = /^[\s\S]{0,}$/;
var number = /^-?\d+(?:\.\d+)?$/;
var boolean = /^(?:true|false)$/i;

// node_modules/zod/v4/core/checks.js
var $ZodCheck = /* @__PURE__ */ $constructor("$ZodCheck", (inst, def) => {
  var _a2;
  inst._zod ?? (inst._zod = {});
  inst._zod.def = def;
  (_a2 = inst._zod).onattach ?? (_a2.onattach = []);
});
var _whenHasLength = (payload) => {
  const val = payload.value;
  return !nullish(val) && val.length !== void 0;
};
var numericOriginMap = {
  number: "number",
  bigint: "bigint",
  object: "date"
};
var $ZodCheckLessThan = /* @__PURE__ */ $constructor("$ZodCheckLessThan", (inst, def) => {
  $ZodCheck.init(inst, def);
  const origin = numericOriginMap[typeof def.value];
  inst._zod.check = (payload) => {
    if (def.inclusive ? payload.value <= def.value : payload.value < def.value) {
      return;
    }
    payload.issues.push({
      origin: numericOriginMap[typeof payload.value] ?? origin,
      code: "too_big",
      maximum: typeof def.value === "object" ? def.value.getTime() : def.value,
      input: payload.value,
      inclusive: def.inclusive,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckGreaterThan = /* @__PURE__ */ $constructor("$ZodCheckGreaterThan", (inst, def) => {
  $ZodCheck.init(inst, def);
  const origin = numericOriginMap[typeof def.value];
  inst._zod.check = (payload) => {
    if (def.inclusive ? payload.value >= def.value : payload.value > def.value) {
      return;
    }
    payload.issues.push({
      origin: numericOriginMap[typeof payload.value] ?? origin,
      code: "too_small",
      minimum: typeof def.value === "object" ? def.value.getTime() : def.value,
      input: payload.value,
      inclusive: def.inclusive,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckNumberFormat = /* @__PURE__ */ $constructor("$ZodCheckNumberFormat", (inst, def) => {
  $ZodCheck.init(inst, def);
  def.format = def.format || "float64";
  const isInt = def.format?.includes("int");
  const origin = isInt ? "int" : "number";
  const [minimum, maximum] = NUMBER_FORMAT_RANGES[def.format];
  inst._zod.check = (payload) => {
    const input = payload.value;
    if (isInt) {
      if (!Number.isInteger(input)) {
        payload.issues.push({
          expected: origin,
          format: def.format,
          code: "invalid_type",
          continue: false,
          input,
          inst
        });
        return;
      }
      if (!Number.isSafeInteger(input)) {
        if (input > 0) {
          payload.issues.push({
            input,
            code: "too_big",
            maximum: Number.MAX_SAFE_INTEGER,
            note: "Integers must be within the safe integer range.",
            inst,
            origin,
            inclusive: true,
            continue: !def.abort
          });
        } else {
          payload.issues.push({
            input,
            code: "too_small",
            minimum: Number.MIN_SAFE_INTEGER,
            note: "Integers must be within the safe integer range.",
            inst,
            origin,
            inclusive: true,
            continue: !def.abort
          });
        }
        return;
      }
    }
    if (input < minimum) {
      payload.issues.push({
        origin: "number",
        input,
        code: "too_small",
        minimum,
        inclusive: true,
        inst,
        continue: !def.abort
      });
    }
    if (input > maximum) {
      payload.issues.push({
        origin: "number",
        input,
        code: "too_big",
        maximum,
        inclusive: true,
        inst,
        continue: !def.abort
      });
    }
  };
});
var $ZodCheckMinLength = /* @__PURE__ */ $constructor("$ZodCheckMinLength", (inst, def) => {
  var _a2;
  $ZodCheck.init(inst, def);
  (_a2 = inst._zod.def).when ?? (_a2.when = _whenHasLength);
  inst._zod.check = (payload) => {
    const input = payload.value;
    const units = input.length;
    const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2 ? codePointLength(input) : units;
    if (length >= def.minimum)
      return;
    const origin = getLengthableOrigin(input);
    payload.issues.push({
      origin,
      code: "too_small",
      minimum: def.minimum,
      inclusive: true,
      input,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckStringFormat = /* @__PURE__ */ $constructor("$ZodCheckStringFormat", (inst, def) => {
  var _a2, _b;
  $ZodCheck.init(inst, def);
  if (def.pattern)
    (_a2 = inst._zod).check ?? (_a2.check = (payload) => {
      def.pattern.lastIndex = 0;
      if (def.pattern.test(payload.value))
        return;
      payload.issues.push({
        origin: "string",
        code: "invalid_format",
        format: def.format,
        input: payload.value,
        ...def.pattern ? { pattern: def.pattern.toString() } : {},
        inst,
        continue: !def.abort
      });
    });
  else
    (_b = inst._zod).check ?? (_b.check = () => {
    });
});
var $ZodCheckRegex = /* @__PURE__ */ $constructor("$ZodCheckRegex", (inst, def) => {
  $ZodCheckStringFormat.init(inst, def);
  inst._zod.check = (payload) => {
    def.pattern.lastIndex = 0;
    if (def.pattern.test(payload.value))
      return;
    payload.issues.push({
      origin: "string",
      code: "invalid_format",
      format: "regex",
      input: payload.value,
      pattern: def.pattern.toString(),
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckOverwrite = /* @__PURE__ */ $constructor("$ZodCheckOverwrite", (inst, def) => {
  $ZodCheck.init(inst, def);
  inst._zod.check = (payload) => {
    payload.value = def.tx(payload.value);
  };
});

// node_modules/zod/v4/core/versions.js
var version = {
  major: 4,
  minor: 6,
  patch: 7
};

// node_modules/zod/v4/core/schemas.js
var $ZodType = /* @__PURE__ */ $constructor("$ZodType", (inst, def) => {
  var _a2;
  inst ?? (inst = {});
  inst._zod.def = def;
  inst._zod.bag = inst._zod.bag || {};
  inst._zod.version = version;
  const defChecks = inst._zod.def.checks;
  const checks = inst._zod.traits.has("$ZodCheck") ? [inst, ...defChecks ?? []] : defChecks?.length ? [...defChecks] : [];
  for (const ch of checks) {
    for (const fn of ch._zod.onattach) {
      fn(inst);
    }
  }
  if (checks.length === 0) {
    (_a2 = inst._zod).deferred ?? (_a2.deferred = []);
    inst._zod.deferred?.push(() => {
      inst._zod.run = inst._zod.parse;
    });
  } else {
    const runChecks = (payload, checks2, ctx) => {
      if (payload.memo)
        return payload;
      let isAborted = aborted(payload);
      let asyncResult;
      for (const ch of checks2) {
        if (ch._zod.def.when) {
          if (explicitlyAborted(payload))
            continue;
          const shouldRun = ch._zod.def.when(payload);
          if (!shouldRun)
            continue;
        } else if (isAborted) {
          continue;
        }
        const currLen = payload.issues.length;
        const _ = ch._zod.check(payload);
        if (_ instanceof Promise && ctx?.async === false) {
          throw new $ZodAsyncError();
        }
        if (asyncResult || _ instanceof Promise) {
          asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
            await _;
            const nextLen = payload.issues.length;
            if (nextLen === currLen)
              return;
            attachSchema(payload.issues, currLen, inst);
            if (!isAborted)
              isAborted = aborted(payload, currLen);
          });
        } else {
          const nextLen = payload.issues.length;
          if (nextLen === currLen)
            continue;
          attachSchema(payload.issues, currLen, inst);
          if (!isAborted)
            isAborted = aborted(payload, currLen);
        }
      }
      if (asyncResult) {
        return asyncResult.then(() => {
          return payload;
        });
      }
      return payload;
    };
    const handleCanaryResult = (canary, payload, ctx) => {
      if (aborted(canary)) {
        canary.aborted = true;
        return canary;
      }
      const checkResult = runChecks(payload, checks, ctx);
      if (checkResult instanceof Promise) {
        if (ctx.async === false)
          throw new $ZodAsyncError();
        return checkResult.then((checkResult2) => inst._zod.parse(checkResult2, ctx));
      }
      return inst._zod.parse(checkResult, ctx);
    };
    inst._zod.run = (payload, ctx) => {
      if (ctx.skipChecks) {
        return inst._zod.parse(payload, ctx);
      }
      if (ctx.direction === "backward") {
        const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
        if (canary instanceof Promise) {
          return canary.then((canary2) => {
            return handleCanaryResult(canary2, payload, ctx);
          });
        }
        return handleCanaryResult(canary, payload, ctx);
      }
      const result = inst._zod.parse(payload, ctx);
      if (result instanceof Promise) {
        if (ctx.async === false)
          throw new $ZodAsyncError();
        return result.then((result2) => runChecks(result2, checks, ctx));
      }
      return runChecks(result, checks, ctx);
    };
  }
}, {
  // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
  get "~standard"() {
    return hide(this, "~standard", standardProps(this));
  },
  set "~standard"(value) {
    own(this, "~standard", value);
  }
});
var toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value };
async function validateAsync(inst, value) {
  const ctx = { async: true };
  return toStandardResult(await inst._zod.run({ value, issues: [] }, ctx), ctx);
}
function standardProps(inst) {
  return {
    validate: (value) => {
      const ctx = { async: false };
      try {
        const r = inst._zod.run({ value, issues: [] }, ctx);
        if (!(r instanceof Promise))
          return toStandardResult(r, ctx);
      } catch (_) {
      }
      return validateAsync(inst, value);
    },
    vendor: "zod",
    version: 1
  };
}
var $ZodString = /* @__PURE__ */ $constructor("$ZodString", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = def.pattern ?? anyString;
  inst._zod.parse = (payload, _) => {
    if (def.coerce)
      try {
        payload.value = String(payload.value);
      } catch (_2) {
      }
    if (typeof payload.value === "string")
      return payload;
    payload.issues.push({
      expected: "string",
      code: "invalid_type",
      input: payload.value,
      inst
    });
    return payload;
  };
});
var $ZodStringFormat = /* @__PURE__ */ $constructor("$ZodStringFormat", (inst, def) => {
  $ZodCheckStringFormat.init(inst, def);
  $ZodString.init(inst, def);
});
var $ZodISODateTime = /* @__PURE__ */ $constructor("$ZodISODateTime", (inst, def) => {
  def.pattern ?? (def.pattern = datetime(def));
  $ZodStringFormat.init(inst, def);
});
var $ZodISODate = /* @__PURE__ */ $constructor("$ZodISODate", (inst, def) => {
  def.pattern ?? (def.pattern = date);
  $ZodStringFormat.init(inst, def);
});
var $ZodISOTime = /* @__PURE__ */ $constructor("$ZodISOTime", (inst, def) => {
  def.pattern ?? (def.pattern = time(def));
  $ZodStringFormat.init(inst, def);
});
var $ZodISODuration = /* @__PURE__ */ $constructor("$ZodISODuration", (inst, def) => {
  def.pattern ?? (def.pattern = duration);
  $ZodStringFormat.init(inst, def);
});
var $ZodNumber = /* @__PURE__ */ $constructor("$ZodNumber", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = number;
  inst._zod.parse = (payload, _ctx) => {
    if (def.coerce)
      try {
        payload.value = Number(payload.value);
      } catch (_) {
      }
    const input = payload.value;
    if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
      return payload;
    }
    const received = typeof input === "number" ? Number.isNaN(input) ? "NaN" : !Number.isFinite(input) ? String(input) : void 0 : void 0;
    payload.issues.push({
      expected: "number",
      code: "invalid_type",
      input,
      inst,
      ...received ? { received } : {}
    });
    return payload;
  };
});
var $ZodNumberFormat = /* @__PURE__ */ $constructor("$ZodNumberFormat", (inst, def) => {
  $ZodCheckNumberFormat.init(inst, def);
  $ZodNumber.init(inst, def);
});
var $ZodBoolean = /* @__PURE__ */ $constructor("$ZodBoolean", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = boolean;
  inst._zod.parse = (payload, _ctx) => {
    if (def.coerce)
      try {
        payload.value = Boolean(payload.value);
      } catch (_) {
      }
    const input = payload.value;
    if (typeof input === "boolean")
      return payload;
    payload.issues.push({
      expected: "boolean",
      code: "invalid_type",
      input,
      inst
    });
    return payload;
  };
});
var $ZodUnknown = /* @__PURE__ */ $constructor("$ZodUnknown", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.parse = (payload) => payload;
});
var $ZodNever = /* @__PURE__ */ $constructor("$ZodNever", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.parse = (payload, _ctx) => {
    payload.issues.push({
      expected: "never",
      code: "invalid_type",
      input: payload.value,
      inst
    });
    return payload;
  };
});
function capSize(inst, size) {
  const caps = sizeCaps(inst._zod.def.checks);
  if (!caps.length)
    return;
  const cap = Math.min(...caps.map((c) => c[0]));
  const parse2 = inst._zod.parse;
  inst._zod.parse = (payload, ctx) => {
    const n = size(payload.value);
    if (n > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
      for (const [max, ch] of sizeCaps(inst._zod.def.checks)) {
        if (n > max && ch._zod.def.when(payload)) {
          const start = payload.issues.length;
          ch._zod.check(payload);
          payload.issues[start].continue = false;
          attachSchema(payload.issues, start, inst);
          return payload;
        }
      }
    }
    return parse2(payload, ctx);
  };
}
var arraySize = (input) => Array.isArray(input) ? input.length : -1;
function handleArrayResult(result, final, index) {
  if (result.issues.length) {
    final.issues.push(...prefixIssues(index, result.issues));
  }
  final.value[index] = result.value;
}
var $ZodArray = /* @__PURE__ */ $constructor("$ZodArray", (inst, def) => {
  $ZodType.init(inst, def);
  const memo = globalConfig.memoizer;
  memo?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!Array.isArray(input)) {
      payload.issues.push({
        expected: "array",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    payload.value = memo ? memo.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
    const proms = [];
    const abortEarly = ctx?.abortEarly;
    for (let i = 0; i < input.length; i++) {
      const item = input[i];
      const result = def.element._zod.run({
        value: item,
        issues: []
      }, ctx);
      if (result instanceof Promise) {
        proms.push(result.then((result2) => handleArrayResult(result2, payload, i)));
      } else {
        handleArrayResult(result, payload, i);
        if (abortEarly && result.issues.length !== 0 && aborted(result))
          break;
      }
    }
    if (proms.length) {
      return Promise.all(proms).then(() => payload);
    }
    return payload;
  };
  capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
  const isPresent = key in input;
  const isOptionalOut = optout === "optional";
  if (!isPresent && isOptionalOut && optin === "optional") {
    return;
  }
  if (result.issues.length) {
    if (optin !== void 0 && isOptionalOut && !isPresent) {
      return;
    }
    final.issues.push(...prefixIssues(key, result.issues));
  }
  if (!isPresent && optin === void 0) {
    if (!result.issues.length) {
      final.issues.push({
        code: "invalid_type",
        expected: "nonoptional",
        input: void 0,
        path: [key]
      });
    }
    return;
  }
  if (result.value === void 0) {
    if (isPresent || optin === "defaulted" && !isOptionalOut) {
      final.value[key] = void 0;
    }
  } else {
    final.value[key] = result.value;
  }
}
var NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
  const keys = Object.keys(def.shape);
  const ownSymbols = Object.getOwnPropertySymbols(def.shape);
  const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
  const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
  for (const k of allKeys) {
    if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
      throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
    }
  }
  const okeys = optionalKeys(def.shape);
  return {
    ...def,
    allKeys,
    symbolKeys,
    // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
    keySet: new Set(keys),
    numKeys: keys.length,
    optionalKeys: new Set(okeys)
  };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
  const unrecognized = [];
  const keySet = def.keySet;
  const _catchall = def.catchall._zod;
  const t = _catchall.def.type;
  const optin = _catchall.optin;
  const optout = _catchall.optout;
  let seen = 0;
  for (const key in input) {
    if (abortEarly && payload.issues.length !== seen) {
      if (aborted(payload, seen))
        break;
      seen = payload.issues.length;
    }
    if (keySet.has(key))
      continue;
    if (key === "__proto__") {
      if (t === "never")
        unrecognized.push(key);
      continue;
    }
    if (t === "never") {
      unrecognized.push(key);
      continue;
    }
    const r = _catchall.run({ value: input[key], issues: [] }, ctx);
    if (r instanceof Promise) {
      proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
    } else {
      handlePropertyResult(r, payload, key, input, optin, optout);
    }
  }
  if (unrecognized.length) {
    payload.issues.push({
      code: "unrecognized_keys",
      keys: unrecognized,
      input,
      inst,
      // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
      continue: true
    });
  }
  if (!proms.length)
    return payload;
  return Promise.all(proms).then(() => {
    return payload;
  });
}
var $ZodObject = /* @__PURE__ */ $constructor("$ZodObject", (inst, def) => {
  $ZodType.init(inst, def);
  const desc = Object.getOwnPropertyDescriptor(def, "shape");
  const sh = desc?.get ? desc.get.raw : def.shape ?? {};
  if (sh) {
    const get = () => {
      const newSh = { ...sh };
      Object.defineProperty(def, "shape", { value: newSh });
      get.raw = newSh;
      return newSh;
    };
    get.raw = sh;
    Object.defineProperty(def, "shape", { get });
  }
  const _normalized = cached(() => normalizeDef(def));
  defineLazyInternal(inst, "propValues", (zod) => {
    const shape = zod.def.shape;
    const propValues = {};
    for (const key in shape) {
      const field = shape[key]._zod;
      if (field.values) {
        if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
          assignProp(propValues, key, /* @__PURE__ */ new Set());
        }
        for (const v of field.values)
          propValues[key].add(v);
        if (field.optin !== void 0)
          propValues[key].add(void 0);
      }
    }
    return propValues;
  });
  const isObject2 = isObject;
  const catchall = def.catchall;
  let value;
  const memo = globalConfig.memoizer;
  memo?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    value ?? (value = _normalized.value);
    const input = payload.value;
    if (!isObject2(input)) {
      payload.issues.push({
        expected: "object",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
    const proms = [];
    const shape = value.shape;
    const abortEarly = ctx?.abortEarly;
    let seen = payload.issues.length;
    for (const key of value.allKeys) {
      if (abortEarly && payload.issues.length !== seen) {
        if (aborted(payload, seen))
          break;
        seen = payload.issues.length;
      }
      if (key === "__proto__")
        continue;
      const el = shape[key];
      const optin = el._zod.optin;
      const optout = el._zod.optout;
      const r = el._zod.run({ value: input[key], issues: [] }, ctx);
      if (r instanceof Promise) {
        proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
      } else {
        handlePropertyResult(r, payload, key, input, optin, optout);
      }
    }
    if (!catchall) {
      return proms.length ? Promise.all(proms).then(() => payload) : payload;
    }
    return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
  };
});
function handleUnionResults(results, final, inst, ctx) {
  for (const result of results) {
    if (result.issues.length === 0) {
      final.value = result.value;
      return final;
    }
  }
  const nonaborted = results.filter((r) => !aborted(r));
  if (nonaborted.length === 1) {
    final.value = nonaborted[0].value;
    return nonaborted[0];
  }
  final.issues.push({
    code: "invalid_union",
    input: final.value,
    inst,
    errors: results.map((result) => result.issues.map((iss) => finalizeIssue(iss, ctx, config())))
  });
  return final;
}
var $ZodUnion = /* @__PURE__ */ $constructor("$ZodUnion", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted") ? "defaulted" : zod.def.options.some((o) => o._zod.optin !== void 0) ? "optional" : void 0);
  defineLazyInternal(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : void 0);
  defineLazyInternal(inst, "values", (zod) => {
    if (zod.def.options.every((o) => o._zod.values)) {
      return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
    }
    return void 0;
  });
  defineLazyInternal(inst, "pattern", (zod) => {
    if (zod.def.options.every((o) => o._zod.pattern)) {
      const patterns = zod.def.options.map((o) => o._zod.pattern);
      return new RegExp(`^(${patterns.map((p) => cleanRegex(p.source)).join("|")})$`);
    }
    return void 0;
  });
  const first = def.options.length === 1 ? def.options[0]._zod.run : null;
  inst._zod.parse = (payload, ctx) => {
    if (first) {
      return first(payload, ctx);
    }
    let async = false;
    const results = [];
    for (const option of def.options) {
      const result = option._zod.run({
        value: payload.value,
        issues: []
      }, ctx);
      if (result instanceof Promise) {
        results.push(result);
        async = true;
      } else {
        if (result.issues.length === 0)
          return result;
        results.push(result);
      }
    }
    if (!async)
      return handleUnionResults(results, payload, inst, ctx);
    return Promise.all(results).then((results2) => {
      return handleUnionResults(results2, payload, inst, ctx);
    });
  };
});
function discriminatorMap(def) {
  const map = /* @__PURE__ */ new Map();
  for (const option of def.options) {
    const values = option._zod.propValues?.[def.discriminator];
    if (!values || values.size === 0)
      throw new Error(`Invalid discriminated union option at index "${def.options.indexOf(option)}"`);
    for (const value of values) {
      if (map.has(value)) {
        if (value !== void 0)
          throw new Error(`Duplicate discriminator value "${String(value)}"`);
        map.set(value, null);
      } else {
        map.set(value, option);
      }
    }
  }
  return map;
}
var $ZodDiscriminatedUnion = /* @__PURE__ */ $constructor("$ZodDiscriminatedUnion", (inst, def) => {
  def.inclusive = false;
  $ZodUnion.init(inst, def);
  const _super = inst._zod.parse;
  defineLazyInternal(inst, "propValues", (zod) => {
    const propValues = {};
    let undefinedCount = 0;
    for (const option of zod.def.options) {
      const pv = option._zod.propValues;
      if (!pv || Object.keys(pv).length === 0)
        throw new Error(`Invalid discriminated union option at index "${zod.def.options.indexOf(option)}"`);
      if (pv[zod.def.discriminator]?.has(void 0))
        undefinedCount++;
      for (const [k, v] of Object.entries(pv)) {
        if (!Object.prototype.hasOwnProperty.call(propValues, k)) {
          assignProp(propValues, k, /* @__PURE__ */ new Set());
        }
        for (const val of v) {
          propValues[k].add(val);
        }
      }
    }
    if (!zod.def.unionFallback && undefinedCount > 1)
      propValues[zod.def.discriminator]?.delete(void 0);
    return propValues;
  });
  def.options.forEach((option, i) => {
    const propShape = rawShape(option._zod.def);
    if (propShape && !Object.prototype.hasOwnProperty.call(propShape, def.discriminator)) {
      throw new Error(`Invalid discriminated union option at index "${i}"`);
    }
  });
  const disc = cached(() => discriminatorMap(def));
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!isObject(input)) {
      payload.issues.push({
        code: "invalid_type",
        expected: "object",
        input,
        inst
      });
      return payload;
    }
    const value = input?.[def.discriminator];
    const opt = disc.value.get(value);
    if (opt && (value !== void 0 || ctx.direction !== "backward")) {
      return opt._zod.run(payload, ctx);
    }
    if (def.unionFallback || ctx.direction === "backward") {
      return _super(payload, ctx);
    }
    payload.issues.push({
      code: "invalid_union",
      errors: [],
      note: "No matching discriminator",
      discriminator: def.discriminator,
      options: Array.from(disc.value.keys()).filter((value2) => disc.value.get(value2) !== null),
      input,
      path: [def.discriminator],
      inst
    });
    return payload;
  };
});
var $ZodRecord = /* @__PURE__ */ $constructor("$ZodRecord", (inst, def) => {
  $ZodType.init(inst, def);
  const memo = globalConfig.memoizer;
  memo?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!isPlainObject(input)) {
      payload.issues.push({
        expected: "record",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    const proms = [];
    const values = def.keyType._zod.values;
    if (values && !def.partial) {
      payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
      const recordKeys = /* @__PURE__ */ new Set();
      for (const key of values) {
        if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
          recordKeys.add(typeof key === "number" ? key.toString() : key);
          if (key === "__proto__")
            continue;
          const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
          if (keyResult instanceof Promise) {
            throw new Error("Async schemas not supported in object keys currently");
          }
          if (keyResult.issues.length) {
            payload.issues.push({
              code: "invalid_key",
              origin: "record",
              issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
              input: key,
              path: [key],
              inst
            });
            continue;
          }
          const outKey = keyResult.value;
          if (outKey === "__proto__")
            continue;
          const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
          if (result instanceof Promise) {
            proms.push(result.then((result2) => {
              if (result2.issues.length) {
                payload.issues.push(...prefixIssues(key, result2.issues));
              }
              payload.value[outKey] = result2.value;
            }));
          } else {
            if (result.issues.length) {
              payload.issues.push(...prefixIssues(key, result.issues));
            }
            payload.value[outKey] = result.value;
          }
        }
      }
      let unrecognized;
      for (const key in input) {
        if (!recordKeys.has(key)) {
          if (def.mode === "loose") {
            if (key === "__proto__")
              continue;
            payload.value[key] = input[key];
          } else {
            unrecognized = unrecognized ?? [];
            unrecognized.push(key);
          }
        }
      }
      if (unrecognized && unrecognized.length > 0) {
        payload.issues.push({
          code: "unrecognized_keys",
          input,
          inst,
          keys: unrecognized,
          continue: true
        });
      }
    } else {
      payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
      let unrecognized;
      for (const key of Reflect.ownKeys(input)) {
        if (key === "__proto__")
          continue;
        if (!Object.prototype.propertyIsEnumerable.call(input, key))
          continue;
        let keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
        if (keyResult instanceof Promise) {
          throw new Error("Async schemas not supported in object keys currently");
        }
        const checkNumericKey = typeof key === "string" && number.test(key) && keyResult.issues.length;
        if (checkNumericKey) {
          const retryResult = def.keyType._zod.run({ value: Number(key), issues: [] }, ctx);
          if (retryResult instanceof Promise) {
            throw new Error("Async schemas not supported in object keys currently");
          }
          if (retryResult.issues.length === 0) {
            keyResult = retryResult;
          }
        }
        if (keyResult.issues.length) {
          if (def.mode === "loose") {
            payload.value[key] = input[key];
          } else if (values) {
            unrecognized = unrecognized ?? [];
            unrecognized.push(key);
          } else {
            payload.issues.push({
              code: "invalid_key",
              origin: "record",
              issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
              input: key,
              path: [key],
              inst
            });
          }
          continue;
        }
        const outKey = keyResult.value;
        if (outKey === "__proto__")
          continue;
        const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
        if (result instanceof Promise) {
          proms.push(result.then((result2) => {
            if (result2.issues.length) {
              payload.issues.push(...prefixIssues(key, result2.issues));
            }
            payload.value[outKey] = result2.value;
          }));
        } else {
          if (result.issues.length) {
            payload.issues.push(...prefixIssues(key, result.issues));
          }
          payload.value[outKey] = result.value;
        }
      }
      if (unrecognized && unrecognized.length > 0) {
        payload.issues.push({
          code: "unrecognized_keys",
          input,
          inst,
          keys: unrecognized,
          continue: true
        });
      }
    }
    if (proms.length) {
      return Promise.all(proms).then(() => payload);
    }
    return payload;
  };
});
var $ZodEnum = /* @__PURE__ */ $constructor("$ZodEnum", (inst, def) => {
  $ZodType.init(inst, def);
  const values = getEnumValues(def.entries);
  const valuesSet = new Set(values);
  inst._zod.values = valuesSet;
  defineLazyInternal(inst, "pattern", (zod) => {
    const patternValues = getEnumValues(zod.def.entries).filter((k) => propertyKeyTypes.has(typeof k));
    return new RegExp(patternValues.length ? `^(${patternValues.map((o) => escapeRegex(o.toString())).join("|")})$` : "^[^\\s\\S]$");
  });
  inst._zod.parse = (payload, _ctx) => {
    const input = payload.value;
    if (valuesSet.has(input)) {
      return payload;
    }
    payload.issues.push({
      code: "invalid_value",
      values,
      input,
      inst
    });
    return payload;
  };
});
var $ZodLiteral = /* @__PURE__ */ $constructor("$ZodLiteral", (inst, def) => {
  $ZodType.init(inst, def);
  const values = new Set(def.values);
  inst._zod.values = values;
  defineLazyInternal(inst, "pattern", (zod) => {
    const vals = zod.def.values;
    return new RegExp(vals.length ? `^(${vals.map((o) => typeof o === "string" ? escapeRegex(o) : o ? escapeRegex(o.toString()) : String(o)).join("|")})$` : "^[^\\s\\S]$");
  });
  inst._zod.parse = (payload, _ctx) => {
    const input = payload.value;
    if (values.has(input)) {
      return payload;
    }
    payload.issues.push({
      code: "invalid_value",
      values: def.values,
      input,
      inst
    });
    return payload;
  };
});
var $ZodTransform = /* @__PURE__ */ $constructor("$ZodTransform", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.optin = "optional";
  globalConfig.memoizer?.guard(inst);
  inst._zod.parse = (payload, ctx) => {
    if (ctx.direction === "backward") {
      throw new $ZodEncodeError(inst.constructor.name);
    }
    const _out = def.transform(payload.value, payload);
    if (ctx.async) {
      const output = _out instanceof Promise ? _out : Promise.resolve(_out);
      return output.then((output2) => {
        payload.value = output2;
        return payload;
      });
    }
    if (_out instanceof Promise) {
      throw new $ZodAsyncError();
    }
    payload.value = _out;
    return payload;
  };
});
function handleOptionalResult(payload, result) {
  payload.value = result.issues.length ? void 0 : result.value;
  return payload;
}
var $ZodOptional = /* @__PURE__ */ $constructor("$ZodOptional", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
  inst._zod.optout = "optional";
  defineLazyInternal(inst, "values", (zod) => {
    const values = zod.def.innerType._zod.values;
    return values ? /* @__PURE__ */ new Set([...values, void 0]) : void 0;
  });
  defineLazyInternal(inst, "pattern", (zod) => {
    const pattern = zod.def.innerType._zod.pattern;
    return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : void 0;
  });
  inst._zod.parse = (payload, ctx) => {
    if (payload.value === void 0) {
      if (def.innerType._zod.optin !== "defaulted")
        return payload;
      const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
      if (result instanceof Promise)
        return result.then((result2) => handleOptionalResult(payload, result2));
      return handleOptionalResult(payload, result);
    }
    return def.innerType._zod.run(payload, ctx);
  };
});
var $ZodNullable = /* @__PURE__ */ $constructor("$ZodNullable", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin);
  defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
  defineLazyInternal(inst, "pattern", (zod) => {
    const pattern = zod.def.innerType._zod.pattern;
    return pattern ? new RegExp(`^(${cleanRegex(pattern.source)}|null)$`) : void 0;
  });
  defineLazyInternal(inst, "values", (zod) => {
    return zod.def.innerType._zod.values ? /* @__PURE__ */ new Set([...zod.def.innerType._zod.values, null]) : void 0;
  });
  inst._zod.parse = (payload, ctx) => {
    if (payload.value === null)
      return payload;
    return def.innerType._zod.run(payload, ctx);
  };
});
var $ZodPipe = /* @__PURE__ */ $constructor("$ZodPipe", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
  defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
  defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
  defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
  inst._zod.parse = (payload, ctx) => {
    if (ctx.direction === "backward") {
      const right = def.out._zod.run(payload, ctx);
      if (right instanceof Promise) {
        return right.then((right2) => handlePipeResult(right2, def.in, ctx));
      }
      return handlePipeResult(right, def.in, ctx);
    }
    const left = def.in._zod.run(payload, ctx);
    if (left instanceof Promise) {
      return left.then((left2) => handlePipeResult(left2, def.out, ctx));
    }
    return handlePipeResult(left, def.out, ctx);
  };
});
function handlePipeResult(left, next, ctx) {
  if (left.issues.some((iss) => iss.code !== "unrecognized_keys")) {
    left.aborted = true;
    return left;
  }
  return next._zod.run({ value: left.value, issues: left.issues }, ctx);
}
var $ZodLazy = /* @__PURE__ */ $constructor("$ZodLazy", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazy(inst._zod, "innerType", () => {
    const d = def;
    if (!d._cachedInner)
      d._cachedInner = def.getter();
    return d._cachedInner;
  });
  defineLazyInternal(inst, "pattern", (zod) => zod.innerType?._zod?.pattern);
  defineLazyInternal(inst, "propValues", (zod) => zod.innerType?._zod?.propValues);
  defineLazyInternal(inst, "optin", (zod) => zod.innerType?._zod?.optin ?? void 0);
  defineLazyInternal(inst, "optout", (zod) => zod.innerType?._zod?.optout ?? void 0);
  inst._zod.parse = (payload, ctx) => {
    const inner = inst._zod.innerType;
    return inner._zod.run(payload, ctx);
  };
});
var $ZodCustom = /* @__PURE__ */ $constructor("$ZodCustom", (inst, def) => {
  $ZodCheck.init(inst, def);
  $ZodType.init(inst, def);
  inst._zod.parse = (payload, _) => {
    return payload;
  };
  inst._zod.check = (payload) => {
    const input = payload.value;
    const r = def.fn(input);
    if (r instanceof Promise) {
      return r.then((r2) => handleRefineResult(r2, payload, input, inst));
    }
    handleRefineResult(r, payload, input, inst);
    return;
  };
});
function handleRefineResult(result, payload, input, inst) {
  if (!result) {
    const _iss = {
      code: "custom",
      input,
      inst,
      // incorporates params.error into issue reporting
      path: [...inst._zod.def.path ?? []],
      // incorporates params.error into issue reporting
      continue: !inst._zod.def.abort
      // params: inst._zod.def.params,
    };
    if (inst._zod.def.params)
      _iss.params = inst._zod.def.params;
    payload.issues.push(issue(_iss));
  }
}

// node_modules/zod/v4/core/api.js
function snapshotChecks(def) {
  if (def.checks)
    def.checks = [...def.checks];
  return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
  return new Class(snapshotChecks({ type: "string", ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _isoDateTime(Class, params) {
  return new Class({
    type: "string",
    format: "datetime",
    check: "string_format",
    offset: false,
    local: false,
    precision: null,
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _isoDate(Class, params) {
  return new Class({
    type: "string",
    format: "date",
    check: "string_format",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _isoTime(Class, params) {
  return new Class({
    type: "string",
    format: "time",
    check: "string_format",
    precision: null,
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _isoDuration(Class, params) {
  return new Class({
    type: "string",
    format: "duration",
    check: "string_format",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _number(Class, params) {
  return new Class(snapshotChecks({ type: "number", checks: [], ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _int(Class, params) {
  return new Class({
    type: "number",
    check: "number_format",
    abort: false,
    format: "safeint",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _boolean(Class, params) {
  return new Class({
    type: "boolean",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _unknown(Class) {
  return new Class({
    type: "unknown"
  });
}
// @__NO_SIDE_EFFECTS__
function _never(Class, params) {
  return new Class({
    type: "never",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _lte(value, params) {
  return new $ZodCheckLessThan({
    check: "less_than",
    ...normalizeParams(params),
    value,
    inclusive: true
  });
}
// @__NO_SIDE_EFFECTS__
function _gte(value, params) {
  return new $ZodCheckGreaterThan({
    check: "greater_than",
    ...normalizeParams(params),
    value,
    inclusive: true
  });
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
  return new $ZodCheckMinLength({
    check: "min_length",
    ...normalizeParams(params),
    minimum
  });
}
// @__NO_SIDE_EFFECTS__
function _regex(pattern, params) {
  return new $ZodCheckRegex({
    check: "string_format",
    format: "regex",
    ...normalizeParams(params),
    pattern
  });
}
// @__NO_SIDE_EFFECTS__
function _overwrite(tx) {
  return new $ZodCheckOverwrite({
    check: "overwrite",
    tx
  });
}
// @__NO_SIDE_EFFECTS__
function _trim() {
  return /* @__PURE__ */ _overwrite((input) => input.trim());
}
// @__NO_SIDE_EFFECTS__
function _refine(Class, fn, _params) {
  const schema = new Class({
    type: "custom",
    check: "custom",
    fn,
    ...normalizeParams(_params)
  });
  return schema;
}
// @__NO_SIDE_EFFECTS__
function _superRefine(fn, params) {
  const ch = /* @__PURE__ */ _check((payload) => {
    payload.addIssue = (issue2) => {
      if (typeof issue2 === "string") {
        payload.issues.push(issue(issue2, payload.value, ch._zod.def));
      } else {
        const _issue = issue2;
        if (_issue.fatal)
          _issue.continue = false;
        _issue.code ?? (_issue.code = "custom");
        if (!("input" in _issue))
          _issue.input = payload.value;
        _issue.inst ?? (_issue.inst = ch);
        _issue.continue ?? (_issue.continue = !ch._zod.def.abort);
        payload.issues.push(issue(_issue));
      }
    };
    return fn(payload.value, payload);
  }, params);
  return ch;
}
// @__NO_SIDE_EFFECTS__
function _check(fn, params) {
  const ch = new $ZodCheck({
    check: "custom",
    ...normalizeParams(params)
  });
  ch._zod.check = fn;
  return ch;
}

// node_modules/zod/v4/mini/schemas.js
var ZodMiniType = /* @__PURE__ */ $constructor("ZodMiniType", (inst, def) => {
  if (!inst._zod)
    throw new Error("Uninitialized schema in ZodMiniType.");
  $ZodType.init(inst, def);
  inst.def = def;
  inst.type = def.type;
}, {
  // `with` is an alias for `check`: the same function object, not a wrapper.
  get with() {
    return this.check;
  },
  set with(value) {
    own(this, "with", value);
  },
  parse(data, params) {
    return parse(this, data, params, { callee: this.parse });
  },
  parseAsync(data, params) {
    return parseAsync(this, data, params, { callee: this.parseAsync });
  },
  safeParse(data, params) {
    return safeParse(this, data, params);
  },
  safeParseAsync(data, params) {
    return safeParseAsync(this, data, params);
  },
  check(...checks) {
    const def = this.def;
    return this.clone({
      ...def,
      checks: [
        ...def.checks ?? [],
        ...checks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch)
      ]
    }, { parent: true });
  },
  clone(_def, params) {
    return clone(this, _def, params);
  },
  brand() {
    return this;
  },
  register(reg, meta2) {
    reg.add(this, meta2);
    return this;
  },
  apply(fn, ...args) {
    return args.length === 0 ? fn(this) : fn(this, ...args);
  }
});
var ZodMiniString = /* @__PURE__ */ $constructor("ZodMiniString", (inst, def) => {
  $ZodString.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function string2(params) {
  return _string(ZodMiniString, params);
}
var ZodMiniStringFormat = /* @__PURE__ */ $constructor("ZodMiniStringFormat", (inst, def) => {
  $ZodStringFormat.init(inst, def);
  ZodMiniString.init(inst, def);
});
var ZodMiniNumber = /* @__PURE__ */ $constructor("ZodMiniNumber", (inst, def) => {
  $ZodNumber.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function number2(params) {
  return _number(ZodMiniNumber, params);
}
var ZodMiniNumberFormat = /* @__PURE__ */ $constructor("ZodMiniNumberFormat", (inst, def) => {
  $ZodNumberFormat.init(inst, def);
  ZodMiniNumber.init(inst, def);
});
function int(params) {
  return _int(ZodMiniNumberFormat, params);
}
var ZodMiniBoolean = /* @__PURE__ */ $constructor("ZodMiniBoolean", (inst, def) => {
  $ZodBoolean.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function boolean2(params) {
  return _boolean(ZodMiniBoolean, params);
}
var ZodMiniUnknown = /* @__PURE__ */ $constructor("ZodMiniUnknown", (inst, def) => {
  $ZodUnknown.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function unknown() {
  return _unknown(ZodMiniUnknown);
}
var ZodMiniNever = /* @__PURE__ */ $constructor("ZodMiniNever", (inst, def) => {
  $ZodNever.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function never(params) {
  return _never(ZodMiniNever, params);
}
var ZodMiniArray = /* @__PURE__ */ $constructor("ZodMiniArray", (inst, def) => {
  $ZodArray.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function array(element, params) {
  return new ZodMiniArray({
    type: "array",
    element,
    ...normalizeParams(params)
  });
}
var ZodMiniObject = /* @__PURE__ */ $constructor("ZodMiniObject", (inst, def) => {
  $ZodObject.init(inst, def);
  ZodMiniType.init(inst, def);
  installLazyProp(inst, "shape", (self) => self._zod.def.shape, false);
});
// @__NO_SIDE_EFFECTS__
function object(shape, params) {
  const def = {
    type: "object",
    shape: shape ?? {},
    ...normalizeParams(params)
  };
  return new ZodMiniObject(def);
}
// @__NO_SIDE_EFFECTS__
function strictObject(shape, params) {
  return new ZodMiniObject({
    type: "object",
    shape,
    catchall: /* @__PURE__ */ never(),
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function looseObject(shape, params) {
  return new ZodMiniObject({
    type: "object",
    shape,
    catchall: /* @__PURE__ */ unknown(),
    ...normalizeParams(params)
  });
}
var ZodMiniUnion = /* @__PURE__ */ $constructor("ZodMiniUnion", (inst, def) => {
  $ZodUnion.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function union(options, params) {
  return new ZodMiniUnion({
    type: "union",
    options,
    ...normalizeParams(params)
  });
}
var ZodMiniDiscriminatedUnion = /* @__PURE__ */ $constructor("ZodMiniDiscriminatedUnion", (inst, def) => {
  $ZodDiscriminatedUnion.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function discriminatedUnion(discriminator, options, params) {
  return new ZodMiniDiscriminatedUnion({
    type: "union",
    options,
    discriminator,
    ...normalizeParams(params)
  });
}
var ZodMiniRecord = /* @__PURE__ */ $constructor("ZodMiniRecord", (inst, def) => {
  $ZodRecord.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function record(keyType, valueType, params) {
  if (!valueType || !valueType._zod) {
    return new ZodMiniRecord({
      type: "record",
      keyType: /* @__PURE__ */ string2(),
      valueType: keyType,
      ...normalizeParams(valueType)
    });
  }
  return new ZodMiniRecord({
    type: "record",
    keyType,
    valueType,
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function partialRecord(keyType, valueType, params) {
  return new ZodMiniRecord({
    type: "record",
    keyType,
    valueType,
    ...normalizeParams(params),
    partial: true
  });
}
var ZodMiniEnum = /* @__PURE__ */ $constructor("ZodMiniEnum", (inst, def) => {
  $ZodEnum.init(inst, def);
  ZodMiniType.init(inst, def);
  inst.options = [...inst._zod.values];
});
// @__NO_SIDE_EFFECTS__
function _enum(values, params) {
  const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
  return new ZodMiniEnum({
    type: "enum",
    entries,
    ...normalizeParams(params)
  });
}
var ZodMiniLiteral = /* @__PURE__ */ $constructor("ZodMiniLiteral", (inst, def) => {
  $ZodLiteral.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function literal(value, params) {
  return new ZodMiniLiteral({
    type: "literal",
    values: Array.isArray(value) ? value : [value],
    ...normalizeParams(params)
  });
}
var ZodMiniTransform = /* @__PURE__ */ $constructor("ZodMiniTransform", (inst, def) => {
  $ZodTransform.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function transform(fn) {
  return new ZodMiniTransform({
    type: "transform",
    transform: fn
  });
}
var ZodMiniOptional = /* @__PURE__ */ $constructor("ZodMiniOptional", (inst, def) => {
  $ZodOptional.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function optional(innerType) {
  return new ZodMiniOptional({
    type: "optional",
    innerType
  });
}
var ZodMiniNullable = /* @__PURE__ */ $constructor("ZodMiniNullable", (inst, def) => {
  $ZodNullable.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function nullable(innerType) {
  return new ZodMiniNullable({
    type: "nullable",
    innerType
  });
}
var ZodMiniPipe = /* @__PURE__ */ $constructor("ZodMiniPipe", (inst, def) => {
  $ZodPipe.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function pipe(in_, out) {
  return new ZodMiniPipe({
    type: "pipe",
    in: in_,
    out
  });
}
var ZodMiniLazy = /* @__PURE__ */ $constructor("ZodMiniLazy", (inst, def) => {
  $ZodLazy.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function _lazy(getter) {
  return new ZodMiniLazy({
    type: "lazy",
    getter
  });
}
var ZodMiniCustom = /* @__PURE__ */ $constructor("ZodMiniCustom", (inst, def) => {
  $ZodCustom.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function refine(fn, _params = {}) {
  return _refine(ZodMiniCustom, fn, _params);
}
// @__NO_SIDE_EFFECTS__
function superRefine(fn, params) {
  return _superRefine(fn, params);
}

// node_modules/zod/v4/mini/iso.js
var iso_exports = {};
__export(iso_exports, {
  ZodMiniISODate: () => ZodMiniISODate,
  ZodMiniISODateTime: () => ZodMiniISODateTime,
  ZodMiniISODuration: () => ZodMiniISODuration,
  ZodMiniISOTime: () => ZodMiniISOTime,
  date: () => date2,
  datetime: () => datetime2,
  duration: () => duration2,
  time: () => time2
});
var ZodMiniISODateTime = /* @__PURE__ */ $constructor("ZodMiniISODateTime", (inst, def) => {
  $ZodISODateTime.init(inst, def);
  ZodMiniStringFormat.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function datetime2(params) {
  return _isoDateTime(ZodMiniISODateTime, params);
}
var ZodMiniISODate = /* @__PURE__ */ $constructor("ZodMiniISODate", (inst, def) => {
  $ZodISODate.init(inst, def);
  ZodMiniStringFormat.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function date2(params) {
  return _isoDate(ZodMiniISODate, params);
}
var ZodMiniISOTime = /* @__PURE__ */ $constructor("ZodMiniISOTime", (inst, def) => {
  $ZodISOTime.init(inst, def);
  ZodMiniStringFormat.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function time2(params) {
  return _isoTime(ZodMiniISOTime, params);
}
var ZodMiniISODuration = /* @__PURE__ */ $constructor("ZodMiniISODuration", (inst, def) => {
  $ZodISODuration.init(inst, def);
  ZodMiniStringFormat.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function duration2(params) {
  return _isoDuration(ZodMiniISODuration, params);
}



/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(2957);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
