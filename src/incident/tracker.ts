import type { Clock } from '../core/clock.js';
import { errorMessage, PermissionError, ShipgateError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import {
  autoHealthSeverity,
  renderHealthOccurrenceComment,
  renderHealthResolveComment,
  withHealthContent,
} from './healthcheck-incident.js';
import type { IncidentDraft } from './incident-body.js';
import {
  incidentTitle,
  renderIncidentBody,
  renderOccurrenceComment,
  renderReminderComment,
  renderResolveComment,
} from './incident-body.js';
import type {
  IncidentAction,
  IncidentSettings,
  OpenIncidentSettings,
  RemindIncidentSettings,
  ResolveIncidentSettings,
} from './incident-settings.js';
import type { CommentRecord, IssuePort, IssueRecord } from './issue-port.js';
import { incidentLabels, labelSpec, uniqueLabels } from './labels.js';
import type { IncidentMarker, MarkerEvent } from './markers.js';
import { hasRunMarker, INCIDENT_LABEL, readIncidentMarker } from './markers.js';
import type { Severity } from './severity.js';
import {
  isReminderDue,
  isSeverityLabel,
  moreSevere,
  resolveSeverity,
  severityFromLabels,
  severityLabel,
  severityRank,
} from './severity.js';

/** The outside world of the incident engine. */
export interface IncidentPorts {
  readonly issues: IssuePort;
  readonly clock: Clock;
  readonly logger: Logger;
}

export type IncidentActionTaken = 'created' | 'commented' | 'closed' | 'reminded' | 'none';

export interface IncidentResult {
  readonly action: IncidentAction;
  readonly actionTaken: IncidentActionTaken;
  /** True only when this run created the issue. */
  readonly created: boolean;
  /** The issue acted on (the first one, for remind), or the one found when nothing was done. */
  readonly issueNumber?: number;
  readonly issueUrl?: string;
  readonly title?: string;
  readonly severity?: Severity;
  readonly dedupKey?: string;
  /** remind: every issue that got a reminder. */
  readonly reminded?: readonly number[];
  /** One line for the log and the summary: what was done, or why nothing was. */
  readonly detail: string;
  /** open and resolve: the text that carries this run's marker, where its notifications are recorded. */
  readonly runRecord?: RunRecord;
}

/**
 * The issue body or comment in which this run's marker is (written now, or by an earlier attempt of the
 * same run): `opened` is the body of the issue it created, `repeated` a comment on an open incident,
 * `resolved` the resolving comment.
 */
export interface RunRecord {
  readonly event: 'opened' | 'repeated' | 'resolved';
  readonly issueNumber: number;
  /** Absent for the issue body. */
  readonly commentId?: number;
  readonly body: string;
}

/** The text of `issue` (its body, or a comment) that carries the marker of `runId` for `event`. */
function findRunRecord(
  issue: IssueRecord,
  comments: readonly CommentRecord[],
  runId: string,
  event: MarkerEvent,
): RunRecord | undefined {
  if (event === 'open' && hasRunMarker(issue.body, runId, event)) {
    return { event: 'opened', issueNumber: issue.number, body: issue.body };
  }
  const comment = comments.find((c) => hasRunMarker(c.body, runId, event));
  if (!comment) return undefined;
  return {
    event: event === 'open' ? 'repeated' : 'resolved',
    issueNumber: issue.number,
    commentId: comment.id,
    body: comment.body,
  };
}

/** Runs the action the settings name. */
export function runIncidentAction(ports: IncidentPorts, settings: IncidentSettings): Promise<IncidentResult> {
  switch (settings.action) {
    case 'open':
      return openIncident(ports, settings);
    case 'resolve':
      return resolveIncident(ports, settings);
    case 'remind':
      return remindIncidents(ports, settings);
    default: {
      const unknown: never = settings;
      throw new Error(`unknown incident action ${String((unknown as { action: unknown }).action)}`);
    }
  }
}

interface TrackedIncident {
  readonly issue: IssueRecord;
  readonly marker: IncidentMarker;
}

/** Open shipgate incidents: label `incident` plus the marker, oldest first; every page, no search API. */
async function openIncidents(issues: IssuePort): Promise<TrackedIncident[]> {
  const found = await issues.listOpenIssues(INCIDENT_LABEL);
  return found
    .flatMap((issue) => {
      const marker = readIncidentMarker(issue.body);
      return marker ? [{ issue, marker }] : [];
    })
    .sort((a, b) => a.issue.number - b.issue.number);
}

function carriesRun(
  issue: IssueRecord,
  comments: readonly CommentRecord[],
  runId: string,
  event: MarkerEvent,
): boolean {
  return hasRunMarker(issue.body, runId, event) || comments.some((comment) => hasRunMarker(comment.body, runId, event));
}

function draftOf(settings: OpenIncidentSettings, severity: Severity, now: number): IncidentDraft {
  const draft = deployDraftOf(settings, severity, now);
  // A failing health check (a monitor) fills the title and sections a deploy report would.
  return settings.health ? withHealthContent(draft, settings.health) : draft;
}

function deployDraftOf(settings: OpenIncidentSettings, severity: Severity, now: number): IncidentDraft {
  const { subject, report, context } = settings;
  const sha = report?.sha ?? (context.sha !== '' ? context.sha : undefined);
  const deploymentId = report?.deploymentId !== undefined ? String(report.deploymentId) : undefined;
  return {
    severity,
    language: settings.language,
    service: subject.service,
    environment: subject.environment,
    version: subject.version,
    previousVersion: subject.previousVersion,
    dedupKey: subject.dedupKey,
    report,
    sections: settings.sections,
    title: settings.title,
    repository: context.repository,
    run: { id: context.runId, attempt: context.runAttempt, url: context.runUrl || undefined },
    commit: sha
      ? { sha, url: `${context.serverUrl.replace(/\/+$/, '')}/${context.repository}/commit/${sha}` }
      : undefined,
    deployment:
      deploymentId !== undefined || report?.deploymentUrl !== undefined
        ? { id: deploymentId, url: report?.deploymentUrl }
        : undefined,
    now,
  };
}

/**
 * `open`: one open incident per dedup key. With none, creates it (labels first, then assignees); with one,
 * adds this failure as a comment, escalating its severity label if this one is worse. A run whose
 * marker is already on the issue (a re-run) changes nothing.
 */
export async function openIncident(ports: IncidentPorts, settings: OpenIncidentSettings): Promise<IncidentResult> {
  const { subject } = settings;
  const severity =
    settings.health && settings.severity === 'auto'
      ? autoHealthSeverity(settings.health, subject.environment)
      : resolveSeverity(settings.severity, settings.report, subject.environment);
  const matches = (await openIncidents(ports.issues)).filter((tracked) => tracked.marker.key === subject.dedupKey);
  const [existing] = matches;
  if (!existing) return createIncident(ports, settings, severity);
  if (matches.length > 1) {
    ports.logger.warning(
      `${matches.length} open incidents share the key ${subject.dedupKey} (#${matches.map((m) => m.issue.number).join(', #')}); updating the oldest, #${existing.issue.number}`,
    );
  }
  return addOccurrence(ports, settings, severity, existing);
}

/** No open incident for the key: the issue, with its labels (created first when missing) and assignees. */
async function createIncident(
  ports: IncidentPorts,
  settings: OpenIncidentSettings,
  severity: Severity,
): Promise<IncidentResult> {
  const { issues, logger } = ports;
  const { dedupKey } = settings.subject;
  const draft = draftOf(settings, severity, ports.clock.now());
  const labels = incidentLabels(severity, settings.labels);
  await issues.ensureLabels(labels.map(labelSpec));
  const title = incidentTitle(draft);
  const body = renderIncidentBody(draft, settings.template);
  const issue = await issues.createIssue({ title, body, labels });
  if (settings.assignees.length > 0) await issues.addAssignees(issue.number, settings.assignees);
  logger.info(`Opened incident #${issue.number}: ${title}`);
  return {
    action: 'open',
    severity,
    dedupKey,
    actionTaken: 'created',
    created: true,
    issueNumber: issue.number,
    issueUrl: issue.url,
    title,
    detail: `opened #${issue.number} for ${dedupKey}`,
    runRecord: { event: 'opened', issueNumber: issue.number, body: issue.body || body },
  };
}

/** An open incident for the key: this failure as a comment (once per run), escalating the severity if worse. */
async function addOccurrence(
  ports: IncidentPorts,
  settings: OpenIncidentSettings,
  severity: Severity,
  { issue, marker }: TrackedIncident,
): Promise<IncidentResult> {
  const { issues, logger } = ports;
  const { runId } = settings.context;
  const comments = await issues.listComments(issue.number);
  const found = { action: 'open' as const, severity, dedupKey: settings.subject.dedupKey, created: false };
  const shown = { ...found, issueNumber: issue.number, issueUrl: issue.url, title: issue.title };
  if (carriesRun(issue, comments, runId, 'open')) {
    await assignMissing(issues, issue, settings.assignees);
    logger.info(`Incident #${issue.number} already has this run (${runId}); nothing to add`);
    const runRecord = findRunRecord(issue, comments, runId, 'open');
    return { ...shown, actionTaken: 'none', detail: `#${issue.number} already records run ${runId}`, runRecord };
  }
  const current = severityFromLabels(issue.labels) ?? marker.severity ?? severity;
  const effective = moreSevere(current, severity);
  // Comments follow the language the incident was opened in.
  const draft = { ...draftOf(settings, effective, ports.clock.now()), language: marker.language ?? settings.language };
  const comment = await issues.addComment(
    issue.number,
    settings.health
      ? renderHealthOccurrenceComment(draft, settings.health, Date.parse(issue.createdAt))
      : renderOccurrenceComment(draft),
  );
  await relabel(issues, issue, effective, current, settings.labels, logger);
  await assignMissing(issues, issue, settings.assignees);
  logger.info(`Added this failure to incident #${issue.number}`);
  const raised = effective !== current ? ` and raised it to ${effective}` : '';
  return {
    ...shown,
    severity: effective,
    actionTaken: 'commented',
    detail: `added run ${runId} to #${issue.number}${raised}`,
    runRecord: { event: 'repeated', issueNumber: issue.number, commentId: comment.id, body: comment.body },
  };
}

/** Escalates (never lowers) the `sev-N` label and the `[SEV-N]` title prefix, and adds missing extra labels. */
async function relabel(
  issues: IssuePort,
  issue: IssueRecord,
  severity: Severity,
  current: Severity,
  extra: readonly string[],
  logger: Logger,
): Promise<void> {
  const escalate = severityRank(severity) < severityRank(current);
  const kept = escalate ? issue.labels.filter((label) => !isSeverityLabel(label)) : issue.labels;
  const wanted = uniqueLabels([
    ...kept,
    ...incidentLabels(severity, extra).filter((l) => escalate || !isSeverityLabel(l)),
  ]);
  const lower = new Set(issue.labels.map((label) => label.toLowerCase()));
  const added = wanted.filter((label) => !lower.has(label.toLowerCase()));
  if (!escalate && added.length === 0) return;
  await issues.ensureLabels(added.map(labelSpec));
  const title = escalate ? issue.title.replace(/^\[SEV-[123]\]/, `[${severity}]`) : undefined;
  await issues.updateIssue(issue.number, {
    labels: wanted,
    ...(title !== undefined && title !== issue.title ? { title } : {}),
  });
  if (escalate)
    logger.info(`Raised incident #${issue.number} from ${current} to ${severity} (${severityLabel(severity)})`);
}

async function assignMissing(issues: IssuePort, issue: IssueRecord, assignees: readonly string[]): Promise<void> {
  const have = new Set(issue.assignees.map((login) => login.toLowerCase()));
  const missing = assignees.filter((login) => !have.has(login.toLowerCase()));
  if (missing.length > 0) await issues.addAssignees(issue.number, missing);
}

/**
 * `resolve`: comments on the open incident of the key with the resolving deploy, then closes it as
 * completed. A re-run does not comment twice; it still closes an incident left open by a failed attempt.
 */
export async function resolveIncident(
  ports: IncidentPorts,
  settings: ResolveIncidentSettings,
): Promise<IncidentResult> {
  const { issues, logger } = ports;
  const { subject } = settings;
  const matches = (await openIncidents(issues)).filter((tracked) => tracked.marker.key === subject.dedupKey);
  const first = matches[0];
  if (!first) {
    logger.info(`No open incident for ${subject.dedupKey}; nothing to resolve`);
    return {
      action: 'resolve',
      actionTaken: 'none',
      created: false,
      dedupKey: subject.dedupKey,
      detail: `no open incident for ${subject.dedupKey}`,
    };
  }
  // Duplicates (two runs that opened at once) are all resolved by the same deploy.
  let runRecord: RunRecord | undefined;
  for (const tracked of matches) {
    const record = await commentResolved(ports, settings, tracked);
    runRecord ??= record;
    await issues.closeIssue(tracked.issue.number);
    logger.info(`Resolved and closed incident #${tracked.issue.number}`);
  }
  const closed = matches.map((m) => `#${m.issue.number}`).join(', ');
  return {
    action: 'resolve',
    actionTaken: 'closed',
    created: false,
    issueNumber: first.issue.number,
    issueUrl: first.issue.url,
    title: first.issue.title,
    severity: severityFromLabels(first.issue.labels) ?? first.marker.severity,
    dedupKey: subject.dedupKey,
    detail: `closed ${closed} for ${subject.dedupKey}`,
    runRecord,
  };
}

/** The resolving comment on one incident (written once per run); returns the record that carries it. */
async function commentResolved(
  ports: IncidentPorts,
  settings: ResolveIncidentSettings,
  { issue, marker }: TrackedIncident,
): Promise<RunRecord> {
  const { subject, context, report } = settings;
  const comments = await ports.issues.listComments(issue.number);
  const earlier = findRunRecord(issue, comments, context.runId, 'resolve');
  if (earlier) return earlier;
  const view = {
    language: marker.language ?? settings.language,
    run: { id: context.runId, attempt: context.runAttempt, url: context.runUrl || undefined },
    openedMs: Date.parse(issue.createdAt),
    now: ports.clock.now(),
  };
  const body = settings.health
    ? renderHealthResolveComment({ ...view, report: settings.health })
    : renderResolveComment({
        ...view,
        service: subject.service,
        environment: subject.environment,
        version: subject.version,
        report,
      });
  const comment = await ports.issues.addComment(issue.number, body);
  return { event: 'resolved', issueNumber: issue.number, commentId: comment.id, body: comment.body };
}

/**
 * `remind`: comments on each open shipgate incident (of `service` / `environment` when given) whose last
 * update is a whole cadence old, mentioning its assignees (or the `assignees` input if it has none).
 *
 * Last update = the newest of the issue's creation and its comments, reminders included; so a reminder
 * restarts the clock, and two reminders on one incident are never less than one cadence apart. Severity
 * comes from the `sev-N` label (people escalate by relabelling), else from the marker, else SEV-3.
 * Failures on one issue do not stop the others; they are reported together at the end.
 */
export async function remindIncidents(ports: IncidentPorts, settings: RemindIncidentSettings): Promise<IncidentResult> {
  const all = await openIncidents(ports.issues);
  const scoped = all.filter(
    ({ marker }) =>
      (settings.service === undefined || marker.service === settings.service) &&
      (settings.environment === undefined || marker.environment === settings.environment),
  );
  const reminded: IssueRecord[] = [];
  const failures: Array<{ issue: number; error: unknown }> = [];
  for (const tracked of scoped) {
    try {
      if (await remindIfDue(ports, settings, tracked)) reminded.push(tracked.issue);
    } catch (error) {
      failures.push({ issue: tracked.issue.number, error });
    }
  }
  if (failures.length > 0) throw remindFailure(failures, reminded);
  const first = reminded[0];
  const scope = [settings.service, settings.environment].filter((part) => part !== undefined).join('/');
  return {
    action: 'remind',
    actionTaken: first ? 'reminded' : 'none',
    created: false,
    issueNumber: first?.number,
    issueUrl: first?.url,
    reminded: reminded.map((issue) => issue.number),
    detail: first
      ? `reminded ${reminded.map((i) => `#${i.number}`).join(', ')}`
      : `no reminder due on ${scoped.length} open incident${scoped.length === 1 ? '' : 's'}${scope ? ` of ${scope}` : ''}`,
  };
}

/** Comments a reminder on one incident when its cadence has passed (and this run has not already); says whether it did. */
async function remindIfDue(
  ports: IncidentPorts,
  settings: RemindIncidentSettings,
  { issue, marker }: TrackedIncident,
): Promise<boolean> {
  const { issues, clock, logger } = ports;
  const { context } = settings;
  const comments = await issues.listComments(issue.number);
  const severity = severityFromLabels(issue.labels) ?? marker.severity ?? 'SEV-3';
  const lastUpdateMs = Math.max(Date.parse(issue.createdAt), ...comments.map((c) => Date.parse(c.createdAt)));
  const now = clock.now();
  if (!isReminderDue(now, lastUpdateMs, severity) || carriesRun(issue, comments, context.runId, 'remind')) return false;
  const body = renderReminderComment({
    language: marker.language ?? settings.language,
    severity,
    mentions: issue.assignees.length > 0 ? issue.assignees : settings.assignees,
    lastUpdateMs,
    now,
    run: { id: context.runId, attempt: context.runAttempt },
  });
  await issues.addComment(issue.number, body);
  logger.info(`Reminded incident #${issue.number} (${severity}, quiet since ${new Date(lastUpdateMs).toISOString()})`);
  return true;
}

/** Every issue that could not be reminded, in one error; a missing permission alone is said once. */
function remindFailure(
  failures: ReadonlyArray<{ issue: number; error: unknown }>,
  reminded: readonly IssueRecord[],
): unknown {
  // A token that may not comment fails every issue alike: say that once, naming the permission.
  if (reminded.length === 0 && failures.every((f) => f.error instanceof PermissionError)) return failures[0]?.error;
  const done = reminded.length > 0 ? `; reminded ${reminded.map((i) => `#${i.number}`).join(', ')}` : '';
  return new ShipgateError(
    'incident-remind-failed',
    `could not remind ${failures.map((f) => `#${f.issue} (${errorMessage(f.error)})`).join('; ')}${done}`,
    { cause: failures[0]?.error },
  );
}
