import type { GateCheck, MetricResult } from '../core/deploy-report.js';
import type { HealthcheckReport } from './healthcheck-report.js';
import type { HealthPhrases } from './healthcheck-text.js';
import { healthPhrasesFor } from './healthcheck-text.js';
import type { IncidentDraft } from './incident-body.js';
import { formatValue, renderSections } from './incident-body.js';
import type { Language, Phrases } from './language.js';
import { formatZoned } from './language.js';
import { cell, code, details, link, table } from './markdown.js';
import { runMarker } from './markers.js';
import { phrasesFor } from './phrases.js';
import type { Severity } from './severity.js';
import { isProductionEnvironment } from './severity.js';

/**
 * An incident from a failing health check (the healthcheck action's `report`, SPEC §5.1): the title,
 * impact (which checks, since when) and cause (the failed checks with their measured values), in English
 * and Korean. It fills the same draft a deploy incident does, so the issue keeps one layout, one set of
 * markers and one dedup key; sections given as inputs still win.
 *
 * Everything the report carries from outside (response bodies in reasons, Prometheus errors) is
 * untrusted: it goes in code spans or fenced blocks, and never with a `<!--` that could pose as a marker.
 */

export interface HealthFailures {
  /** The URL checks that failed, in report order. */
  readonly checks: readonly GateCheck[];
  /** The metrics that decided against the gate (dry-run metrics never do). */
  readonly metrics: readonly MetricResult[];
  /** Their names, URLs first. */
  readonly names: readonly string[];
}

const MAX_NAMES = 3;
const MAX_VALUES = 12;

export function healthFailures(report: HealthcheckReport): HealthFailures {
  const checks = report.checks.filter((check) => check.verdict === 'unhealthy');
  // A metric the analysis never decided (stopped because a URL failed first) is not to blame.
  const metrics = (report.analysis?.metrics ?? []).filter(
    (metric) =>
      metric.verdict !== 'Successful' && metric.dryRun !== true && (metric as { decided?: boolean }).decided !== false,
  );
  return { checks, metrics, names: [...checks.map((c) => c.url), ...metrics.map((m) => m.name)] };
}

/**
 * `severity: auto` for a failing health check, read with runbook 003's levels:
 *
 * | environment | failing                                        | severity |
 * |-------------|------------------------------------------------|----------|
 * | production  | every URL check (nothing answers: an outage)   | SEV-1    |
 * | production  | some checks, or only metrics (a degradation)   | SEV-2    |
 * | any other   | anything                                       | SEV-3    |
 */
export function autoHealthSeverity(report: HealthcheckReport, environment: string): Severity {
  if (!isProductionEnvironment(environment)) return 'SEV-3';
  const failed = healthFailures(report).checks.length;
  return failed > 0 && failed === report.checks.length ? 'SEV-1' : 'SEV-2';
}

/**
 * Untrusted text as an inline code span: no Markdown, HTML or `@` mention is live inside one, and
 * `<!--` is broken with a zero-width space so that no text can pose as a shipgate marker.
 */
export function inertCode(text: string): string {
  return code(defuseComments(text));
}

function defuseComments(text: string): string {
  return text.replace(/<!--/g, '<!\u200b--');
}

/** `a, b, c +2 more`: what the title and headings name. */
function failedList(names: readonly string[], h: HealthPhrases, format: (name: string) => string): string {
  const shown = names.slice(0, MAX_NAMES).map(format).join(', ');
  return names.length > MAX_NAMES ? `${shown} ${h.more(names.length - MAX_NAMES)}` : shown;
}

/** The draft with the health check's title and sections, where the inputs did not give them. */
export function withHealthContent(draft: IncidentDraft, report: HealthcheckReport): IncidentDraft {
  const h = healthPhrasesFor(draft.language);
  const phrases = phrasesFor(draft.language);
  const failures = healthFailures(report);
  const names = failures.names.length > 0 ? failures.names : ['—'];
  const generated = {
    impact: impact(draft, report, failures, phrases, h),
    cause: cause(report, failures, phrases, h),
    mitigation: h.mitigation,
    verification: h.verification.map((line) => `- ${line}`).join('\n'),
    followUp: h
      .followUp(
        failedList(names, h, (name) => inertCode(name)),
        phrases.cadence(draft.severity),
        draft.severity,
      )
      .map((item) => `- [ ] ${item}`)
      .join('\n'),
  };
  const given = Object.fromEntries(
    Object.entries(draft.sections).filter(([, text]) => text !== undefined && text.trim() !== ''),
  );
  return {
    ...draft,
    title:
      draft.title ??
      `[${draft.severity}] ${draft.service}/${draft.environment}: ${h.title(failedList(names, h, defuseComments))}`,
    sections: { ...generated, ...given },
  };
}

function impact(
  draft: IncidentDraft,
  report: HealthcheckReport,
  failures: HealthFailures,
  phrases: Phrases,
  h: HealthPhrases,
): string {
  const since = `${formatZoned(Date.parse(report.startedAt), phrases.zone)} ${phrases.zone.name}`;
  const total =
    report.checks.length +
    (report.analysis?.metrics.filter((m) => m.dryRun !== true && (m as { decided?: boolean }).decided !== false)
      .length ?? 0);
  const passing = [
    ...report.checks.filter((check) => check.verdict === 'healthy').map((check) => check.url),
    ...(report.analysis?.metrics ?? []).filter((m) => m.verdict === 'Successful').map((m) => m.name),
  ];
  const lines = [
    h.failing(failures.names.length, total, code(draft.environment), since),
    ...failures.names.map((name) => `  - ${inertCode(name)}`),
    ...(passing.length > 0 ? [h.passing(passing.map(inertCode).join(', '))] : []),
    h.confirm,
  ];
  return lines.map((line) => (line.startsWith('  - ') ? line : `- ${line}`)).join('\n');
}

function cause(report: HealthcheckReport, failures: HealthFailures, phrases: Phrases, h: HealthPhrases): string {
  const parts: string[] = [];
  if (report.reason) parts.push(h.detected(inertCode(report.reason)));
  if (report.checks.length > 0) parts.push(checkTable(report.checks, phrases, h));
  const metrics = report.analysis?.metrics ?? [];
  if (metrics.length > 0) parts.push(...metricEvidence(metrics, phrases));
  if (failures.names.length === 0 && !report.reason) parts.push(phrases.toFill('cause'));
  parts.push(phrases.rootCause);
  return parts.join('\n\n');
}

/** Every URL check, the failed ones first, with what was measured. */
export function checkTable(checks: readonly GateCheck[], phrases: Phrases, h: HealthPhrases): string {
  const c = h.columns;
  const sorted = [...checks].sort((a, b) => Number(a.verdict === 'healthy') - Number(b.verdict === 'healthy'));
  const ms = (value: number | null | undefined) => (typeof value === 'number' ? String(Math.round(value)) : '—');
  return table(
    [c.check, c.verdict, c.status, c.attempts, c.latency, c.reason],
    sorted.map((check) => [
      cell(inertCode(check.url)),
      phrases.checkVerdict(check.verdict),
      check.lastStatus === null || check.lastStatus === undefined ? '—' : String(check.lastStatus),
      check.attempts !== undefined ? String(check.attempts) : '—',
      `${ms(check.latencyMs?.p50)} / ${ms(check.latencyMs?.p95)} ms`,
      check.reason ? cell(inertCode(check.reason), 600) : '—',
    ]),
  );
}

/** The metrics table, and the expanded queries in a fenced block folded away. */
function metricEvidence(metrics: readonly MetricResult[], phrases: Phrases): string[] {
  const c = phrases.columns;
  const rows = metrics.map((metric) => [
    `${cell(inertCode(metric.name))}${metric.dryRun === true ? ' (dry-run)' : ''}`,
    phrases.metricVerdict(metric.verdict),
    metric.condition !== undefined ? cell(inertCode(metric.condition)) : '—',
    measured(metric),
    cell(inertCode(metric.reason), 600),
  ]);
  const queries = metrics.flatMap((m) => {
    const query = m.query ?? m.measurements?.[0]?.query;
    return query !== undefined ? [`# ${m.name}\n${query}`] : [];
  });
  const parts = [table([c.metric, c.verdict, c.condition, c.values, c.reason], rows)];
  if (queries.length > 0) parts.push(details(phrases.queries, fenced('promql', queries.join('\n'))));
  return parts;
}

function measured(metric: MetricResult): string {
  const measurements = metric.measurements ?? [];
  if (measurements.length === 0) return '—';
  const shown = measurements.slice(-MAX_VALUES).map((m) => {
    const value = m.value === null ? (m.verdict === 'Error' ? 'error' : 'no data') : formatValue(m.value);
    return m.verdict === 'Successful' ? value : `**${value}**`;
  });
  return cell(`${measurements.length > MAX_VALUES ? '…, ' : ''}${shown.join(', ')}`, 600);
}

/** A fenced block that no line of `text` can close early. */
function fenced(language: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${defuseComments(text)}\n${fence}`;
}

/** The comment for another failing run of an open health incident: what fails now, measured. */
export function renderHealthOccurrenceComment(
  draft: IncidentDraft,
  report: HealthcheckReport,
  openedMs: number,
): string {
  const phrases = phrasesFor(draft.language);
  const h = healthPhrasesFor(draft.language);
  const failures = healthFailures(report);
  const s = renderSections(draft);
  const runLink = link(phrases.run(draft.run.id, draft.run.attempt), draft.run.url);
  const content = [
    h.occurrence(failedList(failures.names.length > 0 ? failures.names : ['—'], h, inertCode)),
    `> **${draft.severity}** · ${h.stillFailing(phrases.duration(draft.now - openedMs))} · ${runLink}`,
    `#### ${phrases.headings.cause}\n\n${cause(report, failures, phrases, h)}`,
    s.nextUpdate,
  ].join('\n\n');
  return `${content}\n\n${runMarker({ runId: draft.run.id, runAttempt: draft.run.attempt, event: 'open' })}\n`;
}

export interface HealthResolveView {
  readonly language: Language;
  readonly report: HealthcheckReport;
  readonly run: { readonly id: string; readonly attempt: number; readonly url?: string };
  readonly openedMs: number;
  readonly now: number;
}

/** The comment that closes a health incident: the monitor passes again, with what it measured. */
export function renderHealthResolveComment(view: HealthResolveView): string {
  const phrases = phrasesFor(view.language);
  const h = healthPhrasesFor(view.language);
  const runLink = link(phrases.run(view.run.id, view.run.attempt), view.run.url);
  const passing = view.report.checks.length + (view.report.analysis?.metrics.length ?? 0);
  const content = [
    h.resolvedHeading,
    h.resolved(passing, runLink, phrases.duration(view.now - view.openedMs)),
    ...(view.report.checks.length > 0 ? [checkTable(view.report.checks, phrases, h)] : []),
    h.nextStep,
  ].join('\n\n');
  return `${content}\n\n${runMarker({ runId: view.run.id, runAttempt: view.run.attempt, event: 'resolve' })}\n`;
}
