export const id = 912;
export const ids = [912];
export const modules = {

/***/ 6912:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  renderDeploySummary: () => (/* binding */ renderDeploySummary)
});

// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(1065);
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
            : `**${cell(report.reason ?? 'not healthy')}**`,
        '',
        '| URL | verdict | attempts | last status | p50 | p95 | reason |',
        '| --- | --- | ---: | ---: | ---: | ---: | --- |',
        ...report.checks.map((check) => {
            // The reason names its URL for the one-line error; in the URL's own row that is said already.
            const reason = (check.reason ?? '').replace(`${check.url}: `, '');
            return `| ${cell(check.url)} | ${VERDICT[check.verdict]} | ${check.attempts} | ${check.lastStatus ?? '–'} | ${ms(check.latencyMs.p50)} | ${ms(check.latencyMs.p95)} | ${cell(reason)} |`;
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
        ? (await __webpack_require__.e(/* import() */ 980).then(__webpack_require__.bind(__webpack_require__, 8980))).renderAnalysisMarkdown
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


/***/ })

};
