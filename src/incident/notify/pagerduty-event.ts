import { createHash } from 'node:crypto';
import type { Severity } from '../severity.js';
import type { IncidentNotice } from './notification.js';
import { cut } from './notification.js';

/**
 * PagerDuty Events API v2 (`POST /v2/enqueue`): `trigger` when an incident opens, `resolve` when it is
 * closed, both with `dedup_key` = the incident's dedup key, so PagerDuty's alert and the GitHub issue
 * are the same incident. Limits from the API: `dedup_key` ≤ 255 characters, `payload.summary` ≤ 1,024.
 */
export type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info';

export interface PagerDutyLink {
  readonly href: string;
  readonly text: string;
}

export interface PagerDutyTrigger {
  readonly routing_key: string;
  readonly event_action: 'trigger';
  readonly dedup_key: string;
  readonly payload: {
    readonly summary: string;
    readonly source: string;
    readonly severity: PagerDutySeverity;
    readonly timestamp: string;
    readonly component: string;
    readonly group: string;
    readonly class: string;
    readonly custom_details: Readonly<Record<string, string>>;
  };
  readonly links: readonly PagerDutyLink[];
  readonly client: string;
  readonly client_url: string;
}

export interface PagerDutyResolve {
  readonly routing_key: string;
  readonly event_action: 'resolve';
  readonly dedup_key: string;
}

export type PagerDutyEvent = PagerDutyTrigger | PagerDutyResolve;

export const MAX_DEDUP_KEY = 255;
export const MAX_SUMMARY = 1024;

/** SEV-1 pages as critical, SEV-2 as error, SEV-3 as warning. */
export function pagerDutySeverity(severity: Severity | undefined): PagerDutySeverity {
  switch (severity) {
    case 'SEV-1':
      return 'critical';
    case 'SEV-2':
      return 'error';
    case 'SEV-3':
    case undefined:
      return 'warning';
    default: {
      const unknown: never = severity;
      throw new Error(`unknown severity ${String(unknown)}`);
    }
  }
}

/**
 * The incident's dedup key as PagerDuty's: verbatim when it fits in 255 characters, else a SHA-256 of it
 * (our keys may be 256 characters long), so that trigger and resolve always agree.
 */
export function pagerDutyDedupKey(key: string): string {
  return key.length <= MAX_DEDUP_KEY ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** The event for a notice; undefined for a repeat, which PagerDuty already knows about. */
export function buildPagerDutyEvent(notice: IncidentNotice, routingKey: string): PagerDutyEvent | undefined {
  const dedupKey = pagerDutyDedupKey(notice.dedupKey);
  switch (notice.event) {
    case 'resolved':
      return { routing_key: routingKey, event_action: 'resolve', dedup_key: dedupKey };
    case 'repeated':
      return undefined;
    case 'opened':
      return trigger(notice, routingKey, dedupKey);
    default: {
      const unknown: never = notice.event;
      throw new Error(`unknown notify event ${String(unknown)}`);
    }
  }
}

function trigger(notice: IncidentNotice, routingKey: string, dedupKey: string): PagerDutyTrigger {
  const links: PagerDutyLink[] = [{ href: notice.issueUrl, text: `GitHub incident #${notice.issueNumber}` }];
  if (notice.runUrl) links.push({ href: notice.runUrl, text: `Workflow run #${notice.runId}` });
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: {
      summary: cut(notice.title.replace(/\s+/g, ' ').trim(), MAX_SUMMARY),
      source: `${notice.service}/${notice.environment}`,
      severity: pagerDutySeverity(notice.severity),
      timestamp: new Date(notice.at).toISOString(),
      component: notice.service,
      group: notice.environment,
      class: notice.origin,
      custom_details: {
        repository: notice.repository,
        incident: notice.issueUrl,
        'dedup key': notice.dedupKey,
        ...(notice.whatFailed ? { 'what failed': cut(notice.whatFailed, 2_000) } : {}),
        ...(notice.runUrl ? { run: notice.runUrl } : {}),
      },
    },
    links,
    client: 'shipgate',
    client_url: notice.issueUrl,
  };
}
