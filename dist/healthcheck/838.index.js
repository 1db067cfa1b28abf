export const id = 838;
export const ids = [838];
export const modules = {

/***/ 5838:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  plannedMeasurements: () => (/* binding */ plannedMeasurements),
  providersNeeded: () => (/* binding */ providersNeeded),
  runAnalysis: () => (/* binding */ runAnalysis)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(7406);
// EXTERNAL MODULE: ./src/core/placeholders.ts
var placeholders = __webpack_require__(819);
;// CONCATENATED MODULE: ./src/health/analysis/query-placeholders.ts


/** The placeholders a metric query may use (SPEC §4). `{address}` is for probe URLs only. */
const METRIC_PLACEHOLDERS = ['service', 'environment', 'version', 'slot', 'pr'];
const isMetricPlaceholder = (name) => METRIC_PLACEHOLDERS.includes(name);
/** The metric placeholders a query uses, in order of first use. */
function metricPlaceholdersIn(query) {
    return (0,placeholders/* placeholdersIn */.Qf)(query).filter(isMetricPlaceholder);
}
/**
 * Expands `{service}` `{environment}` `{version}` `{slot}` `{pr}`; any other braces (PromQL label
 * matchers) are left alone. Throws when the query uses a placeholder this run has no value for, rather
 * than sending a query that can only error (or, worse, match nothing and pass on `on-no-data: pass`).
 */
function expandQuery(metric, query, values, escaping) {
    const missing = metricPlaceholdersIn(query).filter((key) => values[key] === undefined);
    if (missing.length > 0) {
        const names = missing.map((key) => `{${key}}`).join(', ');
        const known = Object.keys(values).filter(isMetricPlaceholder);
        throw new errors/* ShipgateError */.Yu('missing-placeholder', `metric '${metric}': query uses ${names}, which has no value in this run (known: ${known.map((key) => `{${key}}`).join(', ') || 'none'})`);
    }
    const metricValues = Object.fromEntries(Object.entries(values).filter(([key]) => isMetricPlaceholder(key)));
    return (0,placeholders/* expandPlaceholders */.pj)(query, metricValues, escaping);
}

// EXTERNAL MODULE: ./src/health/analysis/reasons.ts
var reasons = __webpack_require__(8818);
// EXTERNAL MODULE: ./src/health/analysis/verdict.ts
var analysis_verdict = __webpack_require__(5462);
;// CONCATENATED MODULE: ./src/health/analysis/analysis.ts




/**
 * Measurements a metric plans: its `count`, or as many intervals as fit in the gate's time (at least one).
 * Measurements are taken at t = interval, 2·interval, … so `duration / interval` of them end exactly
 * when the gate's time does.
 */
function plannedMeasurements(spec, durationMs) {
    return spec.count ?? Math.max(1, Math.floor(durationMs / spec.intervalMs));
}
/** The providers a list of metrics needs, so an entry file can check its inputs before anything runs. */
function providersNeeded(specs) {
    return [...new Set(specs.map((spec) => spec.provider))];
}
function escapingFor(provider) {
    switch (provider) {
        case 'prometheus':
            return 'promql-string';
        case 'command':
            return 'text';
        default: {
            const never = provider;
            throw new Error(`unhandled provider ${String(never)}`);
        }
    }
}
function record(at, query, result, verdict) {
    const when = new Date(at).toISOString();
    switch (result.kind) {
        case 'value':
            return {
                at: when,
                query,
                result: 'value',
                value: Number.isFinite(result.value) ? result.value : null,
                raw: result.raw,
                verdict,
            };
        case 'no-data':
            return { at: when, query, result: 'no-data', value: null, raw: result.raw, verdict };
        case 'error':
            return { at: when, query, result: 'error', value: null, raw: result.raw ?? '', verdict, error: result.reason };
        default: {
            const never = result;
            throw new Error(`unhandled result ${JSON.stringify(never)}`);
        }
    }
}
/** The abort reason that ends every metric's loop once the gate is decided (any other reason is the caller's abort). */
const GATE_DECIDED = Symbol('gate decided');
/**
 * Runs a gate's metric analysis (SPEC §6) and returns its evidence; a failing gate is a verdict in the
 * report, not a throw. Throws only before measuring anything, for a metric whose provider is missing or
 * whose query uses a placeholder without a value.
 *
 * Each metric measures on its own schedule, first at t = interval, then every interval. Argo Rollouts
 * measures at t = 0 unless given an initialDelay; a gate here starts right after a change of traffic,
 * when a rate over the last interval still describes the old version, so the first measurement waits
 * one interval for data about the new one, and `duration / interval` measurements end exactly when the
 * gate's time does. A slow measurement delays the next one rather than bunching them up: measurements
 * start at least one interval apart.
 */
async function runAnalysis(specs, ports, options) {
    const runs = specs.map((spec) => prepareRun(spec, ports, options));
    const analysis = { ports, options, runs, startedAt: ports.clock.now(), stop: new AbortController() };
    const onAbort = () => analysis.stop.abort(options.signal?.reason);
    if (options.signal?.aborted)
        onAbort();
    else
        options.signal?.addEventListener('abort', onAbort, { once: true });
    checkDone(analysis);
    try {
        await Promise.all(runs.map((run) => measureMetric(analysis, run)));
    }
    finally {
        options.signal?.removeEventListener('abort', onAbort);
    }
    const report = analysisReport(analysis);
    ports.logger.info(`metric analysis: ${report.verdict}; ${report.reason}`);
    return report;
}
/** Checks the provider and expands the query before anything is measured. */
function prepareRun(spec, ports, options) {
    const provider = ports.providers[spec.provider];
    if (!provider) {
        const hint = spec.provider === 'prometheus' ? ' (set prometheus-url)' : '';
        throw new errors/* ShipgateError */.Yu('missing-provider', `metric '${spec.name}' uses provider ${spec.provider}, which is not configured${hint}`);
    }
    const query = expandQuery(spec.name, spec.query, options.placeholders, escapingFor(spec.provider));
    const planned = plannedMeasurements(spec, options.durationMs);
    return { spec, provider, query, planned, measured: [], records: [], judgement: (0,analysis_verdict/* judgeMetric */.mg)(spec, [], planned) };
}
function checkDone(analysis) {
    const { stop, runs } = analysis;
    if (!stop.signal.aborted && (0,analysis_verdict/* analysisDone */.$u)(runs.map(gateMetric)))
        stop.abort(GATE_DECIDED);
}
/** One metric's measurements, each at least one interval after the last, until it is decided or stopped. */
async function measureMetric(analysis, run) {
    const { clock } = analysis.ports;
    const { signal } = analysis.stop;
    let previousAt = Number.NEGATIVE_INFINITY;
    for (let k = 1; k <= run.planned && !run.judgement.decided; k += 1) {
        const due = Math.max(analysis.startedAt + k * run.spec.intervalMs, previousAt + run.spec.intervalMs);
        try {
            await clock.sleep(Math.max(0, due - clock.now()), signal);
        }
        catch {
            return;
        }
        if (signal.aborted)
            return;
        const at = clock.now();
        previousAt = at;
        const result = await measureOnce(analysis, run);
        // A measurement cut short because the analysis ended is not evidence of anything.
        if (signal.aborted)
            return;
        judge(analysis, run, at, result, k);
    }
}
async function measureOnce(analysis, run) {
    const { spec } = run;
    try {
        return await run.provider.measure(run.query, analysis.stop.signal, {
            metric: spec.name,
            placeholders: analysis.options.placeholders,
            ...(spec.command !== undefined && { command: spec.command }),
            ...(spec.timeoutMs !== undefined && { timeoutMs: spec.timeoutMs }),
            ...(analysis.options.env !== undefined && { env: analysis.options.env }),
        });
    }
    catch (error) {
        return { kind: 'error', reason: (0,errors/* errorMessage */.gJ)(error) };
    }
}
/** Records the k-th measurement, judges the metric again, and stops the gate once it is decided. */
function judge(analysis, run, at, result, k) {
    const { spec } = run;
    const { logger } = analysis.ports;
    const verdict = (0,analysis_verdict/* judgeMeasurement */.cT)(result, spec);
    run.measured.push({ result, verdict });
    run.records.push(record(at, run.query, result, verdict));
    run.judgement = (0,analysis_verdict/* judgeMetric */.mg)(spec, run.measured.map((m) => m.verdict), run.planned);
    logger.info(`${spec.name} [${k}/${run.planned}]: ${(0,reasons/* describeMeasurement */.IR)(result, spec)} → ${verdict}`);
    if (!run.judgement.decided)
        return;
    const reason = (0,reasons/* metricReason */.vB)(spec, run.measured, run.planned, run.judgement);
    logger.info(`${spec.name}: ${run.judgement.verdict}${spec.dryRun ? ' (dry run)' : ''}; ${reason}`);
    checkDone(analysis);
}
function analysisReport(analysis) {
    const { stop } = analysis;
    const aborted = stop.signal.aborted && stop.signal.reason !== GATE_DECIDED;
    const interruption = aborted ? 'aborted' : 'stopped';
    const metrics = analysis.runs.map((run) => metricReport(run, interruption));
    const deciding = metrics.filter((metric) => !metric.dryRun);
    const verdict = (0,analysis_verdict/* worstVerdict */.zP)(deciding.map((metric) => metric.verdict));
    const reason = gateReason(verdict, metrics);
    return {
        verdict,
        reason: aborted ? `aborted: ${reason}` : reason,
        aborted,
        startedAt: new Date(analysis.startedAt).toISOString(),
        finishedAt: new Date(analysis.ports.clock.now()).toISOString(),
        metrics,
    };
}
function gateMetric(run) {
    return { dryRun: run.spec.dryRun, judgement: run.judgement };
}
function metricReport(run, interruption) {
    const { spec } = run;
    return {
        name: spec.name,
        provider: spec.provider,
        dryRun: spec.dryRun,
        // A metric the analysis ended before it could decide has no evidence of passing.
        verdict: run.judgement.decided ? run.judgement.verdict : 'Inconclusive',
        reason: (0,reasons/* metricReason */.vB)(spec, run.measured, run.planned, run.judgement, interruption),
        condition: (0,analysis_verdict/* conditionText */.D3)(spec),
        ...(spec.max !== undefined && { max: spec.max }),
        ...(spec.min !== undefined && { min: spec.min }),
        intervalMs: spec.intervalMs,
        planned: run.planned,
        decided: run.judgement.decided,
        measurements: run.records,
    };
}
/** The gate's one line: the first metric with the gate's verdict, or a summary of what passed. */
function gateReason(verdict, metrics) {
    const deciding = metrics.filter((metric) => !metric.dryRun);
    if (verdict !== 'Successful') {
        const culprit = deciding.find((metric) => metric.verdict === verdict);
        return culprit?.reason ?? verdict;
    }
    if (metrics.length === 0)
        return 'no metrics to analyse';
    if (deciding.length === 0)
        return `no metric decides the gate (${metrics.length} dry-run)`;
    const [only] = deciding;
    if (deciding.length === 1 && only)
        return only.reason;
    return `all ${deciding.length} metrics passed: ${deciding
        .map((metric) => {
        const values = metric.measurements.filter((m) => m.value !== null);
        const lastValue = values[values.length - 1]?.value;
        return `${metric.name} ${lastValue === undefined || lastValue === null ? 'passed' : (0,reasons/* formatValue */.Fl)(lastValue)} ${metric.condition}`;
    })
        .join(', ')}`;
}


/***/ }),

/***/ 8818:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fl: () => (/* binding */ formatValue),
/* harmony export */   IR: () => (/* binding */ describeMeasurement),
/* harmony export */   vB: () => (/* binding */ metricReason)
/* harmony export */ });
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5462);

/** Short and exact enough to read: integers as they are, others to 4 significant digits; NaN, +Inf, -Inf. */
function formatValue(value) {
    if (Number.isNaN(value))
        return 'NaN';
    if (value === Number.POSITIVE_INFINITY)
        return '+Inf';
    if (value === Number.NEGATIVE_INFINITY)
        return '-Inf';
    if (Number.isInteger(value))
        return String(value);
    if (Math.abs(value) >= 1_000)
        return String(Math.round(value * 100) / 100);
    return String(Number(value.toPrecision(4)));
}
/** One measurement in words: `0.0833 > max 0.01`, `NaN (not a number) against <= 0.01`, `no data`, the error. */
function describeMeasurement(result, rule) {
    switch (result.kind) {
        case 'value': {
            const { value } = result;
            const shown = formatValue(value);
            if (Number.isNaN(value))
                return `NaN (not a number) against ${(0,_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .conditionText */ .D3)(rule)}`;
            if (rule.max !== undefined && value > rule.max)
                return `${shown} > max ${rule.max}`;
            if (rule.min !== undefined && value < rule.min)
                return `${shown} < min ${rule.min}`;
            if (!Number.isFinite(value))
                return `${shown} (not finite) against ${(0,_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .conditionText */ .D3)(rule)}`;
            return `${shown} within ${(0,_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .conditionText */ .D3)(rule)}`;
        }
        case 'no-data':
            return `no data (on-no-data ${rule.onNoData})`;
        case 'error':
            return result.reason;
        default: {
            const never = result;
            throw new Error(`unhandled result ${JSON.stringify(never)}`);
        }
    }
}
function plural(count, word) {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}
function last(items, test) {
    for (let i = items.length - 1; i >= 0; i -= 1) {
        const item = items[i];
        if (test(item))
            return item;
    }
    return undefined;
}
function failedReason(spec, measured, prefix) {
    const failures = measured.filter((m) => m.verdict === 'Failed');
    const lastFailure = failures[failures.length - 1];
    const of = `${failures.length} of ${plural(measured.length, 'measurement')}`;
    const limit = `failure-limit ${spec.failureLimit}`;
    if (!lastFailure)
        return `${prefix}failed (${limit})`;
    if (failures.every((m) => m.result.kind === 'no-data')) {
        return `${prefix}no data on ${of} (on-no-data fail, ${limit})`;
    }
    if (failures.every((m) => m.result.kind === 'value')) {
        return `${prefix}${describeMeasurement(lastFailure.result, spec)} on ${of} (${limit})`;
    }
    return `${prefix}${of} failed, last ${describeMeasurement(lastFailure.result, spec)} (${limit})`;
}
function lastError(measured) {
    const error = last(measured, (m) => m.result.kind === 'error');
    return error && error.result.kind === 'error' ? error.result.reason : 'unknown error';
}
function passedReason(spec, measured, planned, certain) {
    const passed = measured.filter((m) => m.verdict === 'Successful');
    const lastValue = last(passed, (m) => m.result.kind === 'value');
    const lastText = lastValue && lastValue.result.kind === 'value'
        ? `last ${formatValue(lastValue.result.value)}`
        : 'no data on any (on-no-data pass)';
    const head = `${spec.name}: ${passed.length} of ${plural(measured.length, 'measurement')} within ${(0,_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .conditionText */ .D3)(spec)} (${lastText})`;
    const tolerated = [];
    const failed = measured.filter((m) => m.verdict === 'Failed').length;
    const inconclusive = measured.filter((m) => m.verdict === 'Inconclusive').length;
    const errors = measured.filter((m) => m.verdict === 'Error').length;
    if (failed > 0)
        tolerated.push(`${failed} failed (failure-limit ${spec.failureLimit})`);
    if (inconclusive > 0)
        tolerated.push(`${inconclusive} without data (inconclusive-limit ${spec.inconclusiveLimit})`);
    if (errors > 0)
        tolerated.push(`${plural(errors, 'error')} (error-limit ${spec.errorLimit} in a row)`);
    const tail = certain ? `; the ${planned - measured.length} left of ${planned} cannot change the verdict` : '';
    return `${head}${tolerated.length > 0 ? `; tolerated ${tolerated.join(', ')}` : ''}${tail}`;
}
/**
 * The one-line reason of a metric's verdict, naming the values that decided it, e.g.
 * `error-rate: 0.0833 > max 0.01 on 2 of 3 measurements (failure-limit 0)` or
 * `error-rate: 5 consecutive errors (error-limit 4), last: Prometheus at http://127.0.0.1:9090: connection refused`.
 */
function metricReason(spec, measured, planned, judgement, interruption) {
    const prefix = `${spec.name}: `;
    if (!judgement.decided) {
        const why = interruption === 'aborted' ? 'the analysis was aborted' : 'the gate was decided first';
        return `${prefix}no verdict after ${measured.length} of ${plural(planned, 'measurement')} (${why})`;
    }
    switch (judgement.cause) {
        case 'failure-limit':
            return failedReason(spec, measured, prefix);
        case 'error-limit':
            return `${prefix}${judgement.tally.consecutiveErrors} consecutive errors (error-limit ${spec.errorLimit}), last: ${lastError(measured)}`;
        case 'inconclusive-limit':
            return `${prefix}no data on ${judgement.tally.inconclusive} of ${plural(measured.length, 'measurement')} (on-no-data inconclusive, inconclusive-limit ${spec.inconclusiveLimit})`;
        case 'completed':
            return passedReason(spec, measured, planned, false);
        case 'certain':
            return passedReason(spec, measured, planned, true);
        case 'no-success': {
            const { failed, errors, inconclusive } = judgement.tally;
            const parts = [
                failed > 0 ? `${failed} failed` : '',
                errors > 0 ? plural(errors, 'error') : '',
                inconclusive > 0 ? `${inconclusive} without data` : '',
            ].filter((part) => part !== '');
            const lastOne = measured[measured.length - 1];
            const lastText = lastOne ? describeMeasurement(lastOne.result, spec) : 'none';
            return `${prefix}no measurement passed in ${measured.length} (${parts.join(', ')}), last: ${lastText}`;
        }
        default: {
            const never = judgement.cause;
            throw new Error(`unhandled cause ${String(never)}`);
        }
    }
}


/***/ }),

/***/ 5462:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $u: () => (/* binding */ analysisDone),
/* harmony export */   D3: () => (/* binding */ conditionText),
/* harmony export */   cT: () => (/* binding */ judgeMeasurement),
/* harmony export */   mg: () => (/* binding */ judgeMetric),
/* harmony export */   zP: () => (/* binding */ worstVerdict)
/* harmony export */ });
/* unused harmony exports judgeValue, judgeGate */
/** Worst last: a gate takes the worst metric, Failed > Error > Inconclusive > Successful. */
const RANK = { Successful: 0, Inconclusive: 1, Error: 2, Failed: 3 };
function worstVerdict(verdicts) {
    let worst = 'Successful';
    for (const verdict of verdicts)
        if (RANK[verdict] > RANK[worst])
            worst = verdict;
    return worst;
}
/** `<= 0.01`, `>= 0.9`, `>= 0.9 and <= 1.5`. */
function conditionText(condition) {
    const parts = [];
    if (condition.min !== undefined)
        parts.push(`>= ${condition.min}`);
    if (condition.max !== undefined)
        parts.push(`<= ${condition.max}`);
    return parts.join(' and ') || 'any value';
}
/** NaN and ±Inf fail any condition: a division by zero or an overflow is never evidence of health. */
function judgeValue(value, condition) {
    if (!Number.isFinite(value))
        return 'Failed';
    if (condition.max !== undefined && value > condition.max)
        return 'Failed';
    if (condition.min !== undefined && value < condition.min)
        return 'Failed';
    return 'Successful';
}
function judgeMeasurement(result, rule) {
    switch (result.kind) {
        case 'value':
            return judgeValue(result.value, rule);
        case 'no-data':
            return noDataVerdict(rule.onNoData);
        case 'error':
            return 'Error';
        default: {
            const never = result;
            throw new Error(`unhandled result ${JSON.stringify(never)}`);
        }
    }
}
function noDataVerdict(onNoData) {
    switch (onNoData) {
        case 'fail':
            return 'Failed';
        case 'inconclusive':
            return 'Inconclusive';
        case 'pass':
            return 'Successful';
        default: {
            const never = onNoData;
            throw new Error(`unhandled on-no-data ${String(never)}`);
        }
    }
}
/**
 * Judges a metric from its measurements' verdicts so far, in order, out of `planned`.
 *
 * Worked examples (failure-limit 1, error-limit 2, inconclusive-limit 0, planned 5, on-no-data fail;
 * S Successful, F Failed, E Error):
 *   S F S       → pending: 1 failure is within the limit, and 2 more could fail
 *   S F S F     → Failed (failure-limit): 2 failures > 1; the fifth is never taken
 *   E E E       → Error (error-limit): 3 consecutive errors > 2
 *   E E S E E   → Successful (completed): the S reset the run of errors, and it passed
 *   S S S       → pending: the 2 left could both fail
 *   S S S S     → Successful (certain): with 1 left, 0 + 1 failures <= 1 and 0 + 1 errors <= 2
 * and with planned 2, failure-limit 2: F F → Failed (no-success), because nothing passed.
 */
function judgeMetric(limits, verdicts, planned) {
    let taken = 0;
    let successful = 0;
    let failed = 0;
    let inconclusive = 0;
    let errors = 0;
    let consecutiveErrors = 0;
    const tally = () => ({ taken, successful, failed, inconclusive, errors, consecutiveErrors });
    for (const verdict of verdicts.slice(0, planned)) {
        taken += 1;
        if (verdict === 'Error') {
            errors += 1;
            consecutiveErrors += 1;
        }
        else {
            consecutiveErrors = 0;
            if (verdict === 'Successful')
                successful += 1;
            else if (verdict === 'Failed')
                failed += 1;
            else
                inconclusive += 1;
        }
        if (failed > limits.failureLimit)
            return { decided: true, verdict: 'Failed', cause: 'failure-limit', tally: tally() };
        if (consecutiveErrors > limits.errorLimit) {
            return { decided: true, verdict: 'Error', cause: 'error-limit', tally: tally() };
        }
        if (inconclusive > limits.inconclusiveLimit) {
            return { decided: true, verdict: 'Inconclusive', cause: 'inconclusive-limit', tally: tally() };
        }
    }
    const remaining = planned - taken;
    if (remaining <= 0) {
        if (successful > 0)
            return { decided: true, verdict: 'Successful', cause: 'completed', tally: tally() };
        // Nothing passed: a blind metric (all errors, or no data tolerated as inconclusive) is not a pass.
        const verdict = failed > 0 ? 'Failed' : errors > 0 ? 'Error' : 'Inconclusive';
        return { decided: true, verdict, cause: 'no-success', tally: tally() };
    }
    const inconclusiveReachable = limits.onNoData === 'inconclusive';
    const certain = successful > 0 &&
        failed + remaining <= limits.failureLimit &&
        consecutiveErrors + remaining <= limits.errorLimit &&
        (!inconclusiveReachable || inconclusive + remaining <= limits.inconclusiveLimit);
    if (certain)
        return { decided: true, verdict: 'Successful', cause: 'certain', tally: tally() };
    return { decided: false, tally: tally() };
}
/**
 * The gate's verdict: the worst metric that is not dry-run, known as soon as it is certain — at once when
 * one metric Fails (nothing is worse), otherwise when every deciding metric is decided. With no deciding
 * metric the gate is Successful: dry-run metrics are reported, never obeyed.
 */
function judgeGate(metrics) {
    const deciding = metrics.filter((metric) => !metric.dryRun).map((metric) => metric.judgement);
    if (deciding.some((judgement) => judgement.decided && judgement.verdict === 'Failed')) {
        return { decided: true, verdict: 'Failed' };
    }
    const verdicts = [];
    for (const judgement of deciding) {
        if (!judgement.decided)
            return { decided: false };
        verdicts.push(judgement.verdict);
    }
    return { decided: true, verdict: worstVerdict(verdicts) };
}
/**
 * Whether the analysis can stop: the gate is decided and either it did not pass (rollback should not
 * wait for reports) or every metric, dry-run ones too, has finished its own schedule.
 */
function analysisDone(metrics) {
    const gate = judgeGate(metrics);
    if (!gate.decided)
        return false;
    if (gate.verdict !== 'Successful')
        return true;
    return metrics.every((metric) => metric.judgement.decided);
}


/***/ })

};
