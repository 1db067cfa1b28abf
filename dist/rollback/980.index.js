export const id = 980;
export const ids = [980];
export const modules = {

/***/ 8980:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   icon: () => (/* binding */ icon),
/* harmony export */   renderAnalysisMarkdown: () => (/* binding */ renderAnalysisMarkdown)
/* harmony export */ });
/* harmony import */ var _reasons_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8818);

/**
 * The evidence of a metric analysis as GitHub-flavoured markdown, for the job summary, a PR comment or
 * an incident: a headline, then per metric its verdict and reason, the query, a table of every
 * measurement and a Mermaid chart of the values against the threshold. Pure: same report, same text.
 */
function renderAnalysisMarkdown(report) {
    const lines = [];
    const aborted = report.aborted ? ' (aborted)' : '';
    lines.push(`### ${icon(report.verdict)} Metric analysis: ${report.verdict}${aborted}`, '', escapeText(report.reason), '');
    if (report.metrics.length === 0)
        return `${lines.join('\n').trimEnd()}\n`;
    for (const metric of report.metrics)
        lines.push(...renderMetric(metric));
    return `${lines.join('\n').trimEnd()}\n`;
}
function icon(verdict) {
    switch (verdict) {
        case 'Successful':
            return '✅';
        case 'Failed':
            return '❌';
        case 'Error':
            return '⚠️';
        case 'Inconclusive':
            return '❔';
        default: {
            const never = verdict;
            throw new Error(`unhandled verdict ${String(never)}`);
        }
    }
}
function renderMetric(metric) {
    const dryRun = metric.dryRun ? ' (dry run: reported, does not decide)' : '';
    const lines = [
        `#### ${icon(metric.verdict)} ${escapeText(metric.name)}: ${metric.verdict}${dryRun}`,
        '',
        escapeText(metric.reason),
        '',
    ];
    const measurements = metric.measurements ?? [];
    const queries = [...new Set(measurements.map((m) => m.query ?? metric.query ?? ''))];
    // The query is the same on every row unless placeholders changed; said once, the table stays narrow.
    const queryColumn = queries.length > 1;
    const [onlyQuery] = queries;
    if (!queryColumn && onlyQuery !== undefined) {
        const counted = `${measurements.length} of ${metric.planned ?? measurements.length} measurements`;
        lines.push(`Query (${metric.provider ? `${metric.provider}, ` : ''}${counted}): ${code(onlyQuery)}`, '');
    }
    if (measurements.length === 0) {
        lines.push('No measurement was taken.', '');
        return lines;
    }
    lines.push(queryColumn
        ? '| time (UTC) | query | value | condition | verdict |'
        : '| time (UTC) | value | condition | verdict |', queryColumn ? '|---|---|---:|---|---|' : '|---|---:|---|---|');
    for (const m of measurements) {
        const cells = [
            clock(m.at),
            ...(queryColumn ? [code(m.query ?? metric.query ?? '')] : []),
            valueText(m),
            metric.condition ?? '',
            verdictText(m),
        ];
        lines.push(`| ${cells.map(cell).join(' | ')} |`);
    }
    lines.push('', ...chart(metric));
    return lines;
}
function clock(iso) {
    return iso.slice(11, 19);
}
/** A report written before measurements said what they received: inferred from the error and the value. */
function resultOf(m) {
    if (m.result !== undefined)
        return m.result;
    if (m.error !== undefined)
        return 'error';
    return m.value === null ? 'no-data' : 'value';
}
function valueText(m) {
    const result = resultOf(m);
    switch (result) {
        case 'value':
            return m.value === null ? (m.raw ?? '—') : (0,_reasons_js__WEBPACK_IMPORTED_MODULE_0__/* .formatValue */ .Fl)(m.value);
        case 'no-data':
            return 'no data';
        case 'error':
            return '—';
        default: {
            const never = result;
            throw new Error(`unhandled result ${String(never)}`);
        }
    }
}
function verdictText(m) {
    const error = m.error === undefined ? '' : `: ${m.error}`;
    return `${icon(m.verdict)} ${m.verdict}${error}`;
}
/** A table cell: one line, pipes escaped (GitHub splits cells on `|` even inside code). */
function cell(text) {
    return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}
/** Inline code that survives backticks in the text. */
function code(text) {
    const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
    const fence = '`'.repeat(longest + 1);
    const pad = longest > 0 || text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}
/** Text outside code: one line; `<` escaped so that a reason never turns into HTML. */
function escapeText(text) {
    return text.replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}
/** A number Mermaid reads: plain decimal notation, never exponents. */
function chartNumber(value) {
    const short = String(Number(value.toPrecision(6)));
    if (!/e/i.test(short))
        return short;
    return value.toFixed(20).replace(/\.?0+$/, '');
}
function chartLabel(text) {
    return `"${text.replace(/"/g, "'")}"`;
}
/** Values over time, with each threshold as a flat second line; only finite values can be drawn. */
function chart(metric) {
    const measurements = metric.measurements ?? [];
    const points = measurements.filter((m) => m.value !== null && Number.isFinite(m.value));
    if (points.length === 0)
        return [];
    const thresholds = [
        ...(metric.max !== undefined ? [{ label: `max ${metric.max}`, value: metric.max }] : []),
        ...(metric.min !== undefined ? [{ label: `min ${metric.min}`, value: metric.min }] : []),
    ];
    const legend = ['the values', ...thresholds.map((t) => t.label)].join(', then ');
    return [
        '```mermaid',
        'xychart-beta',
        `  title ${chartLabel(metric.name)}`,
        `  x-axis [${points.map((m) => chartLabel(clock(m.at))).join(', ')}]`,
        `  y-axis ${chartLabel('value')}`,
        `  line [${points.map((m) => chartNumber(m.value)).join(', ')}]`,
        ...thresholds.map((t) => `  line [${points.map(() => chartNumber(t.value)).join(', ')}]`),
        '```',
        '',
        `<sub>Lines: ${escapeText(legend)}.${points.length < measurements.length ? ' Measurements without a finite value are left out.' : ''}</sub>`,
        '',
    ];
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
