export const id = 664;
export const ids = [664];
export const modules = {

/***/ 3664:
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
var errors = __webpack_require__(4296);
;// CONCATENATED MODULE: ./src/health/analysis/query-placeholders.ts

/** The placeholders a metric query may use (SPEC §4). `{address}` is for probe URLs only. */
const METRIC_PLACEHOLDERS = ['service', 'environment', 'version', 'slot', 'pr'];
const PLACEHOLDER = new RegExp(`\\{(${METRIC_PLACEHOLDERS.join('|')})\\}`, 'g');
function escapeValue(value, escaping) {
    switch (escaping) {
        case 'promql':
            return value.replace(/[\\"'\n\r\t]/g, (char) => {
                switch (char) {
                    case '\n':
                        return '\\n';
                    case '\r':
                        return '\\r';
                    case '\t':
                        return '\\t';
                    default:
                        return `\\${char}`;
                }
            });
        case 'verbatim':
            return value;
        default: {
            const never = escaping;
            throw new Error(`unhandled escaping ${String(never)}`);
        }
    }
}
/** The known placeholders a query uses, in order of first use. */
function placeholdersIn(query) {
    const found = new Set();
    for (const match of query.matchAll(PLACEHOLDER))
        found.add(match[1]);
    return [...found];
}
/**
 * Expands `{service}` `{environment}` `{version}` `{slot}` `{pr}`; any other braces (PromQL label
 * matchers) are left alone. Throws when the query uses a placeholder this run has no value for, rather
 * than sending a query that can only error (or, worse, match nothing and pass on `on-no-data: pass`).
 */
function expandQuery(metric, query, values, escaping) {
    const missing = placeholdersIn(query).filter((key) => values[key] === undefined);
    if (missing.length > 0) {
        const names = missing.map((key) => `{${key}}`).join(', ');
        throw new errors/* ShipgateError */.Yu('missing-placeholder', `metric '${metric}': query uses ${names}, which has no value in this run (known: ${Object.keys(values)
            .filter((key) => METRIC_PLACEHOLDERS.includes(key))
            .map((key) => `{${key}}`)
            .join(', ') || 'none'})`);
    }
    return query.replace(PLACEHOLDER, (_, key) => escapeValue(values[key] ?? '', escaping));
}

// EXTERNAL MODULE: ./src/health/analysis/reasons.ts
var reasons = __webpack_require__(5640);
// EXTERNAL MODULE: ./src/health/analysis/verdict.ts
var analysis_verdict = __webpack_require__(6060);
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
            return 'promql';
        case 'command':
            return 'verbatim';
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
    const { clock, logger } = ports;
    const runs = specs.map((spec) => {
        const provider = ports.providers[spec.provider];
        if (!provider) {
            throw new errors/* ShipgateError */.Yu('missing-provider', `metric '${spec.name}' uses provider ${spec.provider}, which is not configured${spec.provider === 'prometheus' ? ' (set prometheus-url)' : ''}`);
        }
        const query = expandQuery(spec.name, spec.query, options.placeholders, escapingFor(spec.provider));
        const planned = plannedMeasurements(spec, options.durationMs);
        return { spec, provider, query, planned, measured: [], records: [], judgement: (0,analysis_verdict/* judgeMetric */.mg)(spec, [], planned) };
    });
    const startedAt = clock.now();
    const stop = new AbortController();
    const onAbort = () => stop.abort(options.signal?.reason);
    if (options.signal?.aborted)
        onAbort();
    else
        options.signal?.addEventListener('abort', onAbort, { once: true });
    const checkDone = () => {
        if (!stop.signal.aborted && (0,analysis_verdict/* analysisDone */.$u)(runs.map(gateMetric)))
            stop.abort(GATE_DECIDED);
    };
    checkDone();
    const measureMetric = async (run) => {
        const { spec } = run;
        let previousAt = Number.NEGATIVE_INFINITY;
        for (let k = 1; k <= run.planned && !run.judgement.decided; k += 1) {
            const due = Math.max(startedAt + k * spec.intervalMs, previousAt + spec.intervalMs);
            try {
                await clock.sleep(Math.max(0, due - clock.now()), stop.signal);
            }
            catch {
                return;
            }
            if (stop.signal.aborted)
                return;
            const at = clock.now();
            previousAt = at;
            let result;
            try {
                result = await run.provider.measure(run.query, stop.signal, {
                    metric: spec.name,
                    placeholders: options.placeholders,
                    ...(spec.command !== undefined && { command: spec.command }),
                });
            }
            catch (error) {
                result = { kind: 'error', reason: (0,errors/* errorMessage */.gJ)(error) };
            }
            // A measurement cut short because the analysis ended is not evidence of anything.
            if (stop.signal.aborted)
                return;
            const verdict = (0,analysis_verdict/* judgeMeasurement */.cT)(result, spec);
            run.measured.push({ result, verdict });
            run.records.push(record(at, run.query, result, verdict));
            run.judgement = (0,analysis_verdict/* judgeMetric */.mg)(spec, run.measured.map((m) => m.verdict), run.planned);
            logger.info(`${spec.name} [${k}/${run.planned}]: ${(0,reasons/* describeMeasurement */.IR)(result, spec)} → ${verdict}`);
            if (run.judgement.decided) {
                const reason = (0,reasons/* metricReason */.vB)(spec, run.measured, run.planned, run.judgement);
                logger.info(`${spec.name}: ${run.judgement.verdict}${spec.dryRun ? ' (dry run)' : ''}; ${reason}`);
                checkDone();
            }
        }
    };
    try {
        await Promise.all(runs.map(measureMetric));
    }
    finally {
        options.signal?.removeEventListener('abort', onAbort);
    }
    const aborted = stop.signal.aborted && stop.signal.reason !== GATE_DECIDED;
    const interruption = aborted ? 'aborted' : 'stopped';
    const metrics = runs.map((run) => metricReport(run, interruption));
    const deciding = metrics.filter((metric) => !metric.dryRun);
    const verdict = (0,analysis_verdict/* worstVerdict */.zP)(deciding.map((metric) => metric.verdict));
    const reason = gateReason(verdict, metrics);
    const report = {
        verdict,
        reason: aborted ? `aborted: ${reason}` : reason,
        aborted,
        startedAt: new Date(startedAt).toISOString(),
        finishedAt: new Date(clock.now()).toISOString(),
        metrics,
    };
    logger.info(`metric analysis: ${report.verdict}; ${report.reason}`);
    return report;
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


/***/ })

};
