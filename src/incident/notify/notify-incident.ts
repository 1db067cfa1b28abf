import type { Clock } from '../../core/clock.js';
import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { HttpClient } from '../../health/http-client.js';
import { healthFailures } from '../healthcheck-incident.js';
import type { IncidentSettings, OpenIncidentSettings, ResolveIncidentSettings } from '../incident-settings.js';
import type { IssuePort } from '../issue-port.js';
import type { IncidentResult, RunRecord } from '../tracker.js';
import type { Channel, IncidentNotice } from './notification.js';
import { channelsFor } from './notification.js';
import { notifiedChannels, withNotified } from './notification-record.js';
import type { Notifier } from './notifier.js';
import { createPagerDutyNotifier, createSlackNotifier } from './notifier.js';
import type { NotifySettings } from './notify-settings.js';

export interface NotifyPorts {
  readonly issues: IssuePort;
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface NotifyOutcome {
  readonly sent: readonly Channel[];
  readonly failed: readonly Channel[];
  /** Already sent for this run and event by an earlier attempt. */
  readonly skipped: readonly Channel[];
}

const NOTHING: NotifyOutcome = { sent: [], failed: [], skipped: [] };

/** The senders for the configured channels. */
export function createNotifiers(settings: NotifySettings, ports: Pick<NotifyPorts, 'http' | 'clock'>): Notifier[] {
  return [
    ...(settings.slack ? [createSlackNotifier(settings.slack.webhookUrl, ports)] : []),
    ...(settings.pagerduty
      ? [createPagerDutyNotifier(settings.pagerduty.routingKey, settings.pagerduty.url, ports)]
      : []),
  ];
}

/**
 * Tells Slack and PagerDuty what the incident action did (opened, repeated, resolved), once per run and
 * event. Nothing here can fail the step: the issue is already written, and a notification that does not
 * arrive is a warning.
 */
export async function announceIncident(
  ports: NotifyPorts,
  settings: IncidentSettings,
  result: IncidentResult,
): Promise<NotifyOutcome> {
  if (settings.action === 'remind' || !result.runRecord || !result.issueUrl) return NOTHING;
  const notifiers = createNotifiers(settings.notify, ports);
  if (notifiers.length === 0) return NOTHING;
  const notice = incidentNotice(settings, result, result.runRecord, result.issueUrl, ports.clock.now());
  return notifyIncident(ports, notifiers, notice, result.runRecord);
}

/** The notice for what this run did, in the incident's words. */
export function incidentNotice(
  settings: OpenIncidentSettings | ResolveIncidentSettings,
  result: IncidentResult,
  record: RunRecord,
  issueUrl: string,
  now: number,
): IncidentNotice {
  const { subject, context } = settings;
  return {
    event: record.event,
    ...(result.severity ? { severity: result.severity } : {}),
    service: subject.service,
    environment: subject.environment,
    dedupKey: subject.dedupKey,
    title: result.title ?? `${subject.service}/${subject.environment}`,
    ...whatFailed(settings, record),
    origin: settings.health ? 'health check' : settings.report ? 'deploy' : 'manual',
    issueNumber: record.issueNumber,
    issueUrl,
    runId: context.runId,
    runAttempt: context.runAttempt,
    ...(context.runUrl ? { runUrl: context.runUrl } : {}),
    repository: context.repository,
    language: settings.language,
    at: now,
  };
}

function whatFailed(
  settings: OpenIncidentSettings | ResolveIncidentSettings,
  record: RunRecord,
): { whatFailed?: string } {
  if (record.event === 'resolved') return {};
  if (settings.health) {
    const failures = healthFailures(settings.health);
    return { whatFailed: settings.health.reason ?? failures.names.join(', ') };
  }
  const reason = settings.report?.failureReason;
  return reason ? { whatFailed: reason } : {};
}

/**
 * Sends `notice` to each notifier its event goes to that this run has not notified yet. What is sent is
 * recorded in the run's own issue body or comment before sending (a run killed mid-send then never
 * sends twice), and a channel that failed is struck from the record afterwards, so a re-run retries it.
 */
export async function notifyIncident(
  ports: Pick<NotifyPorts, 'issues' | 'logger'>,
  notifiers: readonly Notifier[],
  notice: IncidentNotice,
  record: RunRecord,
): Promise<NotifyOutcome> {
  const wanted = channelsFor(
    notice.event,
    notifiers.map((n) => n.channel),
  );
  const already = notifiedChannels(record.body, notice.runId, notice.event);
  const pending = notifiers.filter((n) => wanted.includes(n.channel) && !already.has(n.channel));
  const skipped = wanted.filter((channel) => already.has(channel));
  if (pending.length === 0) return { sent: [], failed: [], skipped };
  const recorded = await writeRecord(ports, record, notice, [...already, ...pending.map((n) => n.channel)]);
  const sent: Channel[] = [];
  const failed: Channel[] = [];
  for (const notifier of pending) {
    try {
      await notifier.send(notice);
      sent.push(notifier.channel);
    } catch (error) {
      failed.push(notifier.channel);
      ports.logger.warning(
        `incident: could not notify ${label(notifier.channel)} that #${notice.issueNumber} was ${notice.event}: ${errorMessage(error)}; the incident itself is written, and a re-run of this run tries again`,
      );
    }
  }
  if (failed.length > 0 && recorded !== undefined) {
    await writeRecord(ports, { ...record, body: recorded }, notice, [...already, ...sent]);
  }
  if (sent.length > 0) ports.logger.info(`Notified ${sent.map(label).join(' and ')} (${notice.event})`);
  return { sent, failed, skipped };
}

/** Writes the record; on failure warns (a re-run may then notify again) and returns undefined. */
async function writeRecord(
  ports: Pick<NotifyPorts, 'issues' | 'logger'>,
  record: RunRecord,
  notice: IncidentNotice,
  channels: readonly Channel[],
): Promise<string | undefined> {
  const body = withNotified(record.body, notice.runId, notice.event, channels);
  try {
    if (record.commentId !== undefined) await ports.issues.updateComment(record.commentId, body);
    else await ports.issues.updateIssue(record.issueNumber, { body });
    return body;
  } catch (error) {
    ports.logger.warning(
      `incident: could not record the notifications on #${record.issueNumber} (${errorMessage(error)}); a re-run of this run may send them again`,
    );
    return undefined;
  }
}

function label(channel: Channel): string {
  switch (channel) {
    case 'slack':
      return 'Slack';
    case 'pagerduty':
      return 'PagerDuty';
    default: {
      const unknown: never = channel;
      return String(unknown);
    }
  }
}
