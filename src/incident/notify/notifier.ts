import type { Clock } from '../../core/clock.js';
import { ShipgateError } from '../../core/errors.js';
import type { HttpClient, HttpResult } from '../../health/http-client.js';
import type { Channel, IncidentNotice } from './notification.js';
import { buildPagerDutyEvent } from './pagerduty-event.js';
import { buildSlackMessage } from './slack-message.js';

/** One channel the team hears incidents on; `send` throws a NotificationError when it could not deliver. */
export interface Notifier {
  readonly channel: Channel;
  send(notice: IncidentNotice): Promise<void>;
}

/** A notification that did not arrive; the message names the channel and the endpoint's host, never a secret. */
export class NotificationError extends ShipgateError {
  readonly channel: Channel;
  constructor(channel: Channel, message: string) {
    super('notification-failed', message);
    this.channel = channel;
  }
}

export interface SenderPorts {
  readonly http: HttpClient;
  readonly clock: Clock;
}

const TIMEOUT_MS = 10_000;
/** A 429, a 5xx or no answer is tried again once, a second later; a 4xx is a wrong payload or key. */
const ATTEMPTS = 2;
const RETRY_DELAY_MS = 1_000;

/** Slack incoming webhook: the URL is the secret (its path), so errors show only its host. */
export function createSlackNotifier(webhookUrl: string, ports: SenderPorts): Notifier {
  return {
    channel: 'slack',
    send: (notice) => post('slack', webhookUrl, buildSlackMessage(notice), ports),
  };
}

/** PagerDuty Events API v2 at `url`; the routing key is in the body, never in a message. */
export function createPagerDutyNotifier(routingKey: string, url: string, ports: SenderPorts): Notifier {
  return {
    channel: 'pagerduty',
    send: async (notice) => {
      const event = buildPagerDutyEvent(notice, routingKey);
      if (event) await post('pagerduty', url, event, ports);
    },
  };
}

async function post(channel: Channel, url: string, payload: unknown, ports: SenderPorts): Promise<void> {
  const body = JSON.stringify(payload);
  let result: HttpResult | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    if (attempt > 1) await ports.clock.sleep(RETRY_DELAY_MS);
    result = await ports.http.request({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'shipgate' },
      body,
      timeoutMs: TIMEOUT_MS,
      maxBodyBytes: 4_096,
    });
    if (result.kind === 'response' && result.status >= 200 && result.status < 300) return;
    if (!retryable(result)) break;
  }
  throw new NotificationError(channel, `${describe(result)} from ${hostOf(url)}`);
}

function retryable(result: HttpResult): boolean {
  return result.kind === 'failure' || result.status === 429 || result.status >= 500;
}

function describe(result: HttpResult | undefined): string {
  if (!result) return 'no attempt';
  if (result.kind === 'failure') return result.reason;
  // The receivers answer with a short reason (`invalid_payload`, `Event object is invalid`): keep one line of it.
  const said = result.body.replace(/\s+/g, ' ').trim().slice(0, 120);
  return `HTTP ${result.status}${said ? ` (${said})` : ''}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the endpoint';
  }
}
