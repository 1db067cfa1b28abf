import type { Language } from '../language.js';
import type { Severity } from '../severity.js';

/**
 * What the team is told outside GitHub (SPEC §5.4): one notice per incident event, sent to each
 * configured channel. The payload builders are pure; the senders are the only part that does I/O.
 */

/** `opened`: a new incident; `repeated`: another failing run of an open one; `resolved`: closed. */
export const NOTIFY_EVENTS = ['opened', 'repeated', 'resolved'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

export const CHANNELS = ['slack', 'pagerduty'] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

/** What failed: a deploy (its report), a health check (a monitor), or inputs written by hand. */
export type IncidentOrigin = 'deploy' | 'health check' | 'manual';

export interface IncidentNotice {
  readonly event: NotifyEvent;
  readonly severity?: Severity;
  readonly service: string;
  readonly environment: string;
  readonly dedupKey: string;
  /** The issue's title, `[SEV-2] api/production: …`. */
  readonly title: string;
  /** One line, untrusted (it may quote a response body): each builder makes it inert for its format. */
  readonly whatFailed?: string;
  readonly origin: IncidentOrigin;
  readonly issueNumber: number;
  readonly issueUrl: string;
  readonly runId: string;
  readonly runAttempt: number;
  readonly runUrl?: string;
  readonly repository: string;
  readonly language: Language;
  /** When this run sent it (ms since the epoch). */
  readonly at: number;
}

/** The channels an event goes to: PagerDuty pages once per incident (trigger) and resolves it; Slack hears all. */
export function channelsFor(event: NotifyEvent, configured: readonly Channel[]): Channel[] {
  switch (event) {
    case 'opened':
    case 'resolved':
      return [...configured];
    case 'repeated':
      return configured.filter((channel) => channel !== 'pagerduty');
    default: {
      const unknown: never = event;
      throw new Error(`unknown notify event ${String(unknown)}`);
    }
  }
}

export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
