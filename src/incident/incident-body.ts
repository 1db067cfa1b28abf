import type { DeployReport, DeployStep, GateResult, MetricResult } from '../core/deploy-report.js';
import type { Language, Narrative, Phrases } from './language.js';
import { formatZoned } from './language.js';
import { bullets, cell, code, details, elide, link, table } from './markdown.js';
import { incidentMarker, runMarker, scopeMarker } from './markers.js';
import { phrasesFor } from './phrases.js';
import type { ReportAnalysis } from './report-analysis.js';
import { analyzeReport } from './report-analysis.js';
import type { Severity } from './severity.js';
import { nextUpdateDue } from './severity.js';
import type { IncidentTemplate, TemplateValues } from './template.js';
import { fillTemplate } from './template.js';

/**
 * Everything an incident body is rendered from, already resolved (inputs over report, severity decided).
 * Rendering is pure: the same draft gives the same Markdown.
 */
export interface IncidentDraft {
  readonly severity: Severity;
  readonly language: Language;
  readonly service: string;
  readonly environment: string;
  readonly version?: string;
  readonly previousVersion?: string;
  readonly dedupKey: string;
  readonly report?: DeployReport;
  /** Section texts given as inputs; each one replaces the generated section. */
  readonly sections: IncidentSectionInputs;
  /** The `title` input; replaces the generated title. */
  readonly title?: string;
  readonly repository: string;
  readonly run: { readonly id: string; readonly attempt: number; readonly url?: string };
  readonly commit?: { readonly sha: string; readonly url?: string };
  readonly deployment?: { readonly id?: string; readonly url?: string };
  /** When this is rendered: the incident's opening (or update) time, for the next-update line. */
  readonly now: number;
}

export interface IncidentSectionInputs {
  readonly impact?: string;
  readonly cause?: string;
  readonly mitigation?: string;
  readonly verification?: string;
  readonly followUp?: string;
}

/** The rendered parts of a body, each Markdown without its heading. */
export interface RenderedSections {
  readonly status: string;
  readonly summaryTable: string;
  readonly impact: string;
  readonly cause: string;
  readonly mitigation: string;
  readonly verification: string;
  readonly followUp: string;
  readonly timeline: string;
  readonly nextUpdate: string;
}

/** GitHub refuses bodies over 65,536 characters; keep room for the markers. */
const MAX_BODY = 60_000;
const MAX_TITLE = 256;
const MAX_VALUES = 12;
const MAX_TIMELINE_ROWS = 60;
const MAX_CHECK_ROWS = 10;

export function incidentTitle(draft: IncidentDraft): string {
  if (draft.title !== undefined) return cut(draft.title.replace(/\s+/g, ' ').trim(), MAX_TITLE);
  const phrases = phrasesFor(draft.language);
  const narrative = narrativeOf(draft, draft.report ? analyzeReport(draft.report) : undefined, phrases);
  return cut(`[${draft.severity}] ${draft.service}/${draft.environment}: ${phrases.title(narrative)}`, MAX_TITLE);
}

export function renderSections(draft: IncidentDraft): RenderedSections {
  const phrases = phrasesFor(draft.language);
  const analysis = draft.report ? analyzeReport(draft.report) : undefined;
  const n = narrativeOf(draft, analysis, phrases);
  const nextUpdate = phrases.nextUpdate(draft.severity, nextUpdateDue(draft.now, draft.severity), minuteOf(phrases));
  return {
    status: phrases.status(draft.severity, runLink(draft, phrases), nextUpdate),
    summaryTable: summaryTable(draft, n, phrases),
    impact: given(draft.sections.impact) ?? bullets(phrases.impact(n)),
    cause: given(draft.sections.cause) ?? cause(analysis, n, phrases),
    mitigation: given(draft.sections.mitigation) ?? mitigation(analysis, n, phrases),
    verification: given(draft.sections.verification) ?? verification(analysis, n, phrases),
    followUp:
      given(draft.sections.followUp) ??
      phrases
        .followUp(n)
        .map((item) => `- [ ] ${item}`)
        .join('\n'),
    timeline: timeline(draft, analysis, n, phrases, phrases.timeline.opened),
    nextUpdate,
  };
}

/**
 * The body of a new incident issue: the built-in layout, or the custom template filled in, followed by
 * the hidden markers (dedup key, scope, this run).
 */
export function renderIncidentBody(draft: IncidentDraft, template?: IncidentTemplate): string {
  const s = renderSections(draft);
  const h = phrasesFor(draft.language).headings;
  const content = template
    ? fillTemplate(template, templateValues(draft, s))
    : [
        s.status,
        s.summaryTable,
        `## ${h.impact}\n\n${s.impact}`,
        `## ${h.cause}\n\n${s.cause}`,
        `## ${h.mitigation}\n\n${s.mitigation}`,
        `## ${h.verification}\n\n${s.verification}`,
        `## ${h.followUp}\n\n${s.followUp}`,
        `## ${h.timeline}\n\n${s.timeline}`,
      ].join('\n\n');
  return withMarkers(content, [
    incidentMarker(draft.dedupKey),
    scopeMarker({
      service: draft.service,
      environment: draft.environment,
      severity: draft.severity,
      language: draft.language,
    }),
    runMarker({ runId: draft.run.id, runAttempt: draft.run.attempt, event: 'open' }),
  ]);
}

/** A comment for another failure of an open incident's service and environment: a new timeline entry. */
export function renderOccurrenceComment(draft: IncidentDraft): string {
  const phrases = phrasesFor(draft.language);
  const analysis = draft.report ? analyzeReport(draft.report) : undefined;
  const n = narrativeOf(draft, analysis, phrases);
  const s = renderSections(draft);
  const h = phrases.headings;
  const content = [
    phrases.occurrence(n, runLink(draft, phrases)),
    s.summaryTable,
    `#### ${h.cause}\n\n${s.cause}`,
    `#### ${h.mitigation}\n\n${s.mitigation}`,
    `#### ${h.verification}\n\n${s.verification}`,
    details(h.timeline, timeline(draft, analysis, n, phrases, phrases.timeline.commented)),
    s.nextUpdate,
  ].join('\n\n');
  return withMarkers(content, [runMarker({ runId: draft.run.id, runAttempt: draft.run.attempt, event: 'open' })]);
}

export interface ResolveView {
  readonly language: Language;
  readonly service: string;
  readonly environment: string;
  readonly version?: string;
  /** The resolving report's result, when there is one. */
  readonly report?: DeployReport;
  readonly run: { readonly id: string; readonly attempt: number; readonly url?: string };
  readonly openedMs: number;
  readonly now: number;
}

export function renderResolveComment(view: ResolveView): string {
  const phrases = phrasesFor(view.language);
  const succeeded = view.report !== undefined && (view.report.result === 'succeeded' || view.report.result === 'noop');
  const content = phrases.resolved({
    service: view.service,
    environment: view.environment,
    version: view.version,
    runLink: link(phrases.run(view.run.id, view.run.attempt), view.run.url),
    openFor: phrases.duration(view.now - view.openedMs),
    succeeded,
  });
  return withMarkers(content, [runMarker({ runId: view.run.id, runAttempt: view.run.attempt, event: 'resolve' })]);
}

export interface ReminderView {
  readonly language: Language;
  readonly severity: Severity;
  readonly mentions: readonly string[];
  readonly lastUpdateMs: number;
  readonly now: number;
  readonly run: { readonly id: string; readonly attempt: number };
}

export function renderReminderComment(view: ReminderView): string {
  const phrases = phrasesFor(view.language);
  const content = [
    phrases.reminder({
      mentions: view.mentions,
      severity: view.severity,
      quietFor: phrases.duration(view.now - view.lastUpdateMs),
    }),
    '',
    phrases.nextUpdate(view.severity, nextUpdateDue(view.now, view.severity), minuteOf(phrases)),
  ].join('\n');
  return withMarkers(content, [runMarker({ runId: view.run.id, runAttempt: view.run.attempt, event: 'remind' })]);
}

/** `03:32 UTC`: the next-update line does not need seconds. */
function minuteOf(phrases: Phrases): (ms: number) => string {
  return (ms) => `${formatZoned(ms, phrases.zone, { date: false, seconds: false })} ${phrases.zone.name}`;
}

function withMarkers(content: string, markers: readonly string[]): string {
  const body = content.length > MAX_BODY ? `${cutAtLine(content, MAX_BODY)}\n\n_…_` : content;
  return `${body.trimEnd()}\n\n${markers.join('\n')}\n`;
}

function cutAtLine(text: string, max: number): string {
  const head = text.slice(0, max);
  const end = head.lastIndexOf('\n');
  return end > 0 ? head.slice(0, end) : head;
}

/** A code span inside a table cell: pipes escaped, which GFM honours inside code in tables. */
function codeCell(text: string): string {
  return cell(code(text));
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function given(text: string | undefined): string | undefined {
  return text !== undefined && text.trim() !== '' ? text.trim() : undefined;
}

function narrativeOf(draft: IncidentDraft, analysis: ReportAnalysis | undefined, phrases: Phrases): Narrative {
  const report = analysis?.report;
  const lastRollback = analysis?.rollbackSteps.at(-1);
  const restoredAt = lastRollback?.finishedAt ?? (analysis?.kind === 'rolled-back' ? report?.finishedAt : undefined);
  const failedMetrics = (analysis?.failedGate?.metrics ?? [])
    .filter((metric) => metric.verdict !== 'Successful' && metric.dryRun !== true)
    .map((metric) => metric.name);
  const failedUrls = (analysis?.failedGate?.checks ?? []).filter((c) => c.verdict === 'unhealthy').map((c) => c.url);
  return {
    severity: draft.severity,
    service: draft.service,
    environment: draft.environment,
    version: draft.version,
    previousVersion: draft.previousVersion,
    strategy: report?.strategy,
    operation: report?.operation ?? 'deploy',
    kind: analysis?.kind,
    result: report?.result,
    exposure: analysis?.exposure,
    failedChecks: [...failedMetrics, ...failedUrls].slice(0, 3),
    // Failed rollback steps are listed with their errors; the failures list is for reports without steps.
    rollbackFailures: analysis?.rollbackSteps.some((step) => step.outcome === 'failed')
      ? []
      : (report?.rollback.failures ?? []),
    restoredMs: restoredAt !== undefined ? Date.parse(restoredAt) : undefined,
    rollbackReason: report?.rollbackReason,
    time: (ms) => `${formatZoned(ms, phrases.zone, { date: false })} ${phrases.zone.name}`,
    span: (fromMs, untilMs) =>
      `${formatZoned(fromMs, phrases.zone, { date: false })}${phrases.language === 'ko' ? ' ~ ' : '–'}${formatZoned(untilMs, phrases.zone, { date: false })} ${phrases.zone.name}`,
  };
}

function runLink(draft: IncidentDraft, phrases: Phrases): string {
  return link(phrases.run(draft.run.id, draft.run.attempt), draft.run.url);
}

/** The run that deployed, from the report, when it is not this run (incident opened by a later job or workflow). */
function deployRunLink(draft: IncidentDraft, phrases: Phrases): string {
  const url = draft.report?.runUrl;
  if (url === undefined || url === draft.run.url) return runLink(draft, phrases);
  const id = /\/runs\/(\d+)/.exec(url)?.[1];
  return link(id !== undefined ? `#${id}` : url, url);
}

function summaryTable(draft: IncidentDraft, n: Narrative, phrases: Phrases): string {
  const f = phrases.fields;
  const none = '—';
  const deployment = draft.deployment
    ? link(
        draft.deployment.id !== undefined ? `#${cell(draft.deployment.id)}` : cell(draft.deployment.url ?? none),
        draft.deployment.url,
      )
    : none;
  const rows: Array<[string, string]> = [
    [f.service, codeCell(draft.service)],
    [f.environment, codeCell(draft.environment)],
    [f.version, draft.version ? codeCell(draft.version) : none],
    [f.previousVersion, draft.previousVersion ? codeCell(draft.previousVersion) : none],
    [f.strategy, n.strategy ?? none],
    [f.result, n.kind ? cell(phrases.result(n)) : none],
    [f.run, deployRunLink(draft, phrases)],
    [f.commit, draft.commit ? link(code(draft.commit.sha.slice(0, 7)), draft.commit.url) : none],
    [f.deployment, deployment],
  ];
  return table(
    ['', ''],
    rows.map(([name, value]) => [`**${name}**`, value]),
  );
}

function cause(analysis: ReportAnalysis | undefined, n: Narrative, phrases: Phrases): string {
  if (!analysis) return phrases.toFill('cause');
  const { report, failedStep, failedGate } = analysis;
  const parts: string[] = [];
  const reason = failedGate?.reason ?? failedStep?.error ?? report.failureReason ?? undefined;
  if (failedStep && reason !== undefined) parts.push(phrases.detected(failedStep.name, reason));
  if (failedGate) parts.push(gateEvidence(failedGate, phrases));
  const hooks = analysis.failedHooks.map(({ step, hook }) =>
    phrases.hookFailed(step.name, hook.name, hook.exitCode, phrases.duration(hook.durationMs), hook.timedOut === true),
  );
  if (hooks.length > 0) parts.push(bullets(hooks));
  if (report.failureReason && (reason === undefined || !report.failureReason.includes(reason))) {
    parts.push(phrases.failureReason(report.failureReason));
  }
  if (parts.length === 0 && n.kind === 'no-failure') return phrases.toFill('cause');
  parts.push(phrases.rootCause);
  return parts.join('\n\n');
}

function mitigation(analysis: ReportAnalysis | undefined, n: Narrative, phrases: Phrases): string {
  const lines = phrases.mitigation(n);
  if (!analysis || analysis.rollbackSteps.length === 0) return bullets(lines);
  const steps = analysis.rollbackSteps.map(
    (step) =>
      `  - ${phrases.stepOutcome(step.outcome)} ${code(step.name)} (${n.time(Date.parse(step.startedAt))})${
        step.outcome === 'failed' && step.error !== undefined ? `: ${step.error}` : ''
      }`,
  );
  const [first, ...rest] = lines;
  return bullets([...(first !== undefined ? [first] : []), ...steps, ...rest]);
}

function verification(analysis: ReportAnalysis | undefined, n: Narrative, phrases: Phrases): string {
  const check = analysis?.verification;
  if (!check) return bullets(phrases.verificationMissing(n));
  const at = n.time(Date.parse(check.step.finishedAt ?? check.step.startedAt));
  const line =
    check.gate.verdict === 'passed'
      ? phrases.verificationPassed(check.step.name, at, check.gate.reason ?? '')
      : phrases.verificationFailed(check.step.name, at, check.gate.reason ?? '');
  return [bullets([line]), gateEvidence(check.gate, phrases)].filter((part) => part !== '').join('\n\n');
}

/** The measured values of a gate: a metrics table, a table of its HTTP checks, and the queries folded away. */
function gateEvidence(gate: GateResult, phrases: Phrases): string {
  const c = phrases.columns;
  const parts: string[] = [];
  const metrics = gate.metrics ?? [];
  if (metrics.length > 0) {
    parts.push(
      table(
        [c.metric, c.verdict, c.condition, c.values, c.reason],
        metrics.map((metric) => [
          `${codeCell(metric.name)}${metric.dryRun === true ? ' (dry-run)' : ''}`,
          phrases.metricVerdict(metric.verdict),
          cell(condition(metric)),
          measuredValues(metric),
          cell(metric.reason),
        ]),
      ),
    );
    const queries = metrics.flatMap((m) => {
      const query = m.query ?? m.measurements?.[0]?.query;
      return query !== undefined ? [`# ${m.name}\n${query}`] : [];
    });
    if (queries.length > 0) parts.push(details(phrases.queries, ['```promql', ...queries, '```'].join('\n')));
  }
  const checks = [...(gate.checks ?? [])].sort(
    (a, b) => Number(a.verdict === 'healthy') - Number(b.verdict === 'healthy'),
  );
  if (checks.length > 0) {
    const rows = elide(
      checks.map((check) => [
        codeCell(check.url),
        phrases.checkVerdict(check.verdict),
        cell(check.reason ?? '—'),
        typeof check.latencyMs?.p95 === 'number' ? `${Math.round(check.latencyMs.p95)} ms` : '—',
      ]),
      MAX_CHECK_ROWS,
      (left) => ['…', `+${left}`, '', ''],
    );
    parts.push(table([c.check, c.verdict, c.reason, c.latency], rows));
  }
  return parts.join('\n\n');
}

function condition(metric: MetricResult): string {
  if (metric.condition !== undefined) return metric.condition;
  const bounds = [
    ...(metric.min !== undefined ? [`>= ${metric.min}`] : []),
    ...(metric.max !== undefined ? [`<= ${metric.max}`] : []),
  ];
  return bounds.length > 0 ? bounds.join(', ') : '—';
}

/** The measured values in order, failing ones in bold, the oldest left out past MAX_VALUES. */
function measuredValues(metric: MetricResult): string {
  const measurements = metric.measurements ?? [];
  if (measurements.length === 0) return '—';
  const shown = measurements.slice(-MAX_VALUES).map((m) => {
    const value = m.value === null ? (m.verdict === 'Error' ? 'error' : 'no data') : formatValue(m.value);
    return m.verdict === 'Successful' ? value : `**${value}**`;
  });
  return cell(`${measurements.length > MAX_VALUES ? '…, ' : ''}${shown.join(', ')}`, 600);
}

/** Up to four significant digits, no exponent for ordinary values: 0.0123, 12.35, 1234. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 10_000 || magnitude < 0.0001) return value.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(4)));
}

function timeline(
  draft: IncidentDraft,
  analysis: ReportAnalysis | undefined,
  n: Narrative,
  phrases: Phrases,
  now: string,
): string {
  const c = phrases.columns;
  type Row = { readonly at: number; readonly cells: readonly [string, string, string] };
  const rows: Row[] = [];
  if (analysis) {
    const { report } = analysis;
    rows.push({ at: analysis.startedMs, cells: [cell(phrases.timeline.started(n)), '', ''] });
    for (const step of report.steps) {
      const name = step.rollback === true ? phrases.timeline.rollbackStep(codeCell(step.name)) : codeCell(step.name);
      rows.push({
        at: Date.parse(step.startedAt),
        cells: [name, phrases.stepOutcome(step.outcome), cell(stepDetail(step, phrases))],
      });
    }
    rows.push({
      at: analysis.finishedMs,
      cells: [cell(phrases.timeline.finished(n)), '', cell(report.failureReason ?? '')],
    });
  }
  rows.push({ at: draft.now, cells: [now, '', ''] });
  const days = new Set(rows.map((row) => formatZoned(row.at, phrases.zone).slice(0, 10)));
  const withDate = days.size > 1;
  const first = rows[0]?.at ?? draft.now;
  const header = `${c.time} (${phrases.zone.name}${withDate ? '' : `, ${formatZoned(first, phrases.zone).slice(0, 10)}`})`;
  const lines = elide(
    rows.map((row) => [formatZoned(row.at, phrases.zone, { date: withDate }), ...row.cells]),
    MAX_TIMELINE_ROWS,
    (left) => ['…', `+${left}`, '', ''],
  );
  return table([header, c.step, c.outcome, c.detail], lines);
}

function stepDetail(step: DeployStep, phrases: Phrases): string {
  const parts: string[] = [];
  if (step.gate)
    parts.push(`${phrases.gateVerdict(step.gate.verdict)}${step.gate.reason ? `: ${step.gate.reason}` : ''}`);
  for (const hook of step.hooks ?? []) {
    if (hook.exitCode !== 0) parts.push(phrases.timeline.exitCode(hook.name, hook.exitCode, hook.timedOut === true));
  }
  if (step.error !== undefined && step.error !== step.gate?.reason) parts.push(step.error);
  return parts.join('; ');
}

function templateValues(draft: IncidentDraft, s: RenderedSections): TemplateValues {
  const report = draft.report;
  const phrases = phrasesFor(draft.language);
  const n = narrativeOf(draft, report ? analyzeReport(report) : undefined, phrases);
  return {
    title: incidentTitle(draft),
    severity: draft.severity,
    service: draft.service,
    environment: draft.environment,
    version: draft.version ?? '',
    previousVersion: draft.previousVersion ?? '',
    strategy: report?.strategy ?? '',
    result: n.kind ? phrases.result(n) : '',
    failureReason: report?.failureReason ?? '',
    runUrl: draft.report?.runUrl ?? draft.run.url ?? '',
    runId: draft.run.id,
    runAttempt: String(draft.run.attempt),
    sha: draft.commit?.sha ?? '',
    commitUrl: draft.commit?.url ?? '',
    deploymentId: draft.deployment?.id ?? '',
    deploymentUrl: draft.deployment?.url ?? '',
    repository: draft.repository,
    dedupKey: draft.dedupKey,
    startedAt: report?.startedAt ?? '',
    finishedAt: report?.finishedAt ?? '',
    impact: s.impact,
    cause: s.cause,
    mitigation: s.mitigation,
    verification: s.verification,
    followUp: s.followUp,
    timeline: s.timeline,
    summaryTable: s.summaryTable,
    nextUpdate: s.nextUpdate,
  };
}
