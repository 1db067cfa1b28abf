import { beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../../src/core/logger.js';
import type { HttpClient, HttpRequest, HttpResult } from '../../../../src/health/http-client.js';
import { parseIncidentInputs } from '../../../../src/incident/incident-settings.js';
import type { Channel, IncidentNotice } from '../../../../src/incident/notify/notification.js';
import { notifiedChannels, withNotified } from '../../../../src/incident/notify/notification-record.js';
import type { Notifier } from '../../../../src/incident/notify/notifier.js';
import {
  createPagerDutyNotifier,
  createSlackNotifier,
  NotificationError,
} from '../../../../src/incident/notify/notifier.js';
import { announceIncident, notifyIncident } from '../../../../src/incident/notify/notify-incident.js';
import { notifySecrets, parseNotifySettings } from '../../../../src/incident/notify/notify-settings.js';
import { runIncidentAction } from '../../../../src/incident/tracker.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeIssues } from '../../../support/fake-issues.js';
import { NO_FILES, RUN } from '../fixtures.js';
import { allPassing, readinessDown } from '../health-fixtures.js';

const KEY = 'e93facc04764012d7bfb002500d5d1a6';

let clock: FakeClock;
let issues: FakeIssues;
let warnings: string[];
let logger: Logger;

beforeEach(() => {
  clock = new FakeClock(Date.parse('2026-11-22T03:02:30Z'));
  issues = new FakeIssues(() => clock.now());
  warnings = [];
  logger = { info() {}, warning: (m) => warnings.push(m), error() {}, debug() {}, mask() {} };
});

/** A notifier that records what it was sent, and fails while `down` is set. */
class RecordingNotifier implements Notifier {
  readonly sent: IncidentNotice[] = [];
  down = false;
  constructor(readonly channel: Channel) {}
  async send(notice: IncidentNotice): Promise<void> {
    if (this.down) throw new NotificationError(this.channel, 'HTTP 503 from hooks.example');
    this.sent.push(notice);
  }
}

describe('notification records', () => {
  it('records the channels per run and event, and replaces a run’s earlier record', () => {
    let body = 'text\n<!-- shipgate:run id="7" event="open" -->\n';
    body = withNotified(body, '7', 'opened', ['slack', 'pagerduty']);
    expect(body).toBe(
      'text\n<!-- shipgate:run id="7" event="open" -->\n<!-- shipgate:notified run="7" event="opened" channels="pagerduty slack" -->\n',
    );
    expect([...notifiedChannels(body, '7', 'opened')].sort()).toEqual(['pagerduty', 'slack']);
    expect(notifiedChannels(body, '8', 'opened').size).toBe(0);
    expect(notifiedChannels(body, '7', 'resolved').size).toBe(0);
    body = withNotified(body, '7', 'opened', ['pagerduty']);
    expect([...notifiedChannels(body, '7', 'opened')]).toEqual(['pagerduty']);
    expect(withNotified(body, '7', 'opened', [])).toBe('text\n<!-- shipgate:run id="7" event="open" -->\n');
  });
});

describe('announceIncident after the tracker', () => {
  const settingsFor = (raw: Record<string, string>, runId = '900') =>
    parseIncidentInputs(
      { environment: 'production', service: 'api', 'slack-webhook-url': 'https://hooks.example/T/B/x', ...raw },
      { ...RUN, runId, runUrl: `https://github.com/acme/shop/actions/runs/${runId}` },
      NO_FILES,
    );

  /** Runs the action and the announcement with recording notifiers in place of the HTTP senders. */
  async function act(raw: Record<string, string>, runId: string, notifiers: RecordingNotifier[]) {
    const settings = await settingsFor(raw, runId);
    const result = await runIncidentAction({ issues, clock, logger }, settings);
    if (settings.action === 'remind' || !result.runRecord || !result.issueUrl) return result;
    const { incidentNotice } = await import('../../../../src/incident/notify/notify-incident.js');
    const notice = incidentNotice(settings, result, result.runRecord, result.issueUrl, clock.now());
    return { result, outcome: await notifyIncident({ issues, logger }, notifiers, notice, result.runRecord) };
  }

  it('notifies once per run and event, across re-runs, and retries only what failed', async () => {
    const slack = new RecordingNotifier('slack');
    const pagerDuty = new RecordingNotifier('pagerduty');
    const failing = JSON.stringify(readinessDown());
    slack.down = true;
    const first = await act({ 'healthcheck-report': failing }, '900', [slack, pagerDuty]);
    expect(first).toMatchObject({ outcome: { sent: ['pagerduty'], failed: ['slack'] } });
    expect(warnings).toEqual([
      'incident: could not notify Slack that #1 was opened: HTTP 503 from hooks.example; the incident itself is written, and a re-run of this run tries again',
    ]);
    expect(issues.get(1).body).toContain('<!-- shipgate:notified run="900" event="opened" channels="pagerduty" -->');

    slack.down = false;
    const rerun = await act({ 'healthcheck-report': failing }, '900', [slack, pagerDuty]);
    expect(rerun).toMatchObject({ outcome: { sent: ['slack'], failed: [], skipped: ['pagerduty'] } });
    const again = await act({ 'healthcheck-report': failing }, '900', [slack, pagerDuty]);
    expect(again).toMatchObject({ outcome: { sent: [], skipped: ['slack', 'pagerduty'] } });

    const repeat = await act({ 'healthcheck-report': failing }, '901', [slack, pagerDuty]);
    expect(repeat).toMatchObject({ outcome: { sent: ['slack'] } });
    const resolved = await act({ action: 'resolve', 'healthcheck-report': JSON.stringify(allPassing()) }, '902', [
      slack,
      pagerDuty,
    ]);
    expect(resolved).toMatchObject({ outcome: { sent: ['slack', 'pagerduty'] } });
    expect(slack.sent.map((n) => n.event)).toEqual(['opened', 'repeated', 'resolved']);
    expect(pagerDuty.sent.map((n) => [n.event, n.severity])).toEqual([
      ['opened', 'SEV-2'],
      ['resolved', 'SEV-2'],
    ]);
    expect(pagerDuty.sent[0]).toMatchObject({
      origin: 'health check',
      issueNumber: 1,
      whatFailed: readinessDown().reason,
      runUrl: 'https://github.com/acme/shop/actions/runs/900',
    });
  });

  it('still sends when the record cannot be written, warning that a re-run may send again', async () => {
    const slack = new RecordingNotifier('slack');
    issues.updateIssue = async () => {
      throw Object.assign(new Error('Server Error'), { status: 500 });
    };
    await act({ 'healthcheck-report': JSON.stringify(readinessDown()) }, '910', [slack]);
    expect(slack.sent).toHaveLength(1);
    expect(warnings).toEqual([
      'incident: could not record the notifications on #1 (Server Error); a re-run of this run may send them again',
    ]);
  });

  it('does nothing without channels, and nothing for remind', async () => {
    const http: HttpClient = {
      request: async () => {
        throw new Error('no request expected');
      },
    };
    const plain = await parseIncidentInputs({ environment: 'production' }, RUN, NO_FILES);
    const result = await runIncidentAction({ issues, clock, logger }, plain);
    expect(await announceIncident({ issues, http, clock, logger }, plain, result)).toEqual({
      sent: [],
      failed: [],
      skipped: [],
    });
    const remind = await settingsFor({ action: 'remind' });
    const reminded = await runIncidentAction({ issues, clock, logger }, remind);
    expect((await announceIncident({ issues, http, clock, logger }, remind, reminded)).sent).toEqual([]);
  });
});

describe('the HTTP senders', () => {
  function scripted(answers: HttpResult[]) {
    const requests: HttpRequest[] = [];
    const http: HttpClient = {
      request: async (request) => {
        requests.push(request);
        const answer = answers.shift();
        if (!answer) throw new Error('unexpected request');
        return answer;
      },
    };
    return { http, requests };
  }
  const ok = (status: number, body = ''): HttpResult => ({ kind: 'response', status, body, latencyMs: 1 });
  const notice = { event: 'opened', title: 't', service: 's', environment: 'e', dedupKey: 'k' } as IncidentNotice;
  const full: IncidentNotice = {
    ...notice,
    origin: 'manual',
    issueNumber: 1,
    issueUrl: 'https://github.com/a/b/issues/1',
    runId: '1',
    runAttempt: 1,
    repository: 'a/b',
    language: 'en',
    at: 0,
  };

  it('posts JSON to the webhook and retries a 5xx once, a second later', async () => {
    const { http, requests } = scripted([ok(503, 'busy'), ok(200, 'ok')]);
    const sending = createSlackNotifier('https://hooks.example/services/T/B/secret', { http, clock }).send(full);
    await clock.run(sending);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(clock.now()).toBe(Date.parse('2026-11-22T03:02:31Z'));
  });

  it('does not retry a 4xx, and names the host, never the secret path', async () => {
    const { http, requests } = scripted([ok(400, 'invalid_blocks')]);
    const error = await createSlackNotifier('https://hooks.example/services/T/B/secret', { http, clock })
      .send(full)
      .catch((e: unknown) => e as Error);
    expect(requests).toHaveLength(1);
    expect((error as Error).message).toBe('HTTP 400 (invalid_blocks) from hooks.example');
  });

  it('sends PagerDuty nothing for a repeat', async () => {
    const { http, requests } = scripted([]);
    await createPagerDutyNotifier(KEY, 'https://events.example/v2/enqueue', { http, clock }).send({
      ...full,
      event: 'repeated',
    });
    expect(requests).toEqual([]);
  });
});

describe('notification inputs', () => {
  it('leaves channels out when their inputs are blank, and defaults the PagerDuty endpoint', () => {
    expect(parseNotifySettings({})).toEqual({});
    expect(parseNotifySettings({ 'pagerduty-routing-key': KEY })).toEqual({
      pagerduty: { routingKey: KEY, url: 'https://events.pagerduty.com/v2/enqueue' },
    });
  });

  it.each([
    [
      { 'slack-webhook-url': 'hooks.slack.com/services/T/B/secret' },
      "incident: input 'slack-webhook-url' is '*** (35 characters)'; expected the https:// URL of a Slack incoming webhook",
    ],
    [
      { 'pagerduty-routing-key': 'short-secret' },
      "incident: input 'pagerduty-routing-key' is '*** (12 characters)'; expected the 32-character integration key of a PagerDuty Events API v2 integration",
    ],
    [
      { 'pagerduty-url': 'ftp://events' },
      "incident: input 'pagerduty-url' is 'ftp://events'; expected the http:// or https:// URL of the PagerDuty Events API",
    ],
  ])('refuses %j without showing a secret', (raw, message) => {
    expect(() => parseNotifySettings(raw)).toThrow(message);
  });

  it('lists the secrets to mask: the webhook, the key and user-info in the endpoint', () => {
    expect(
      notifySecrets({
        'slack-webhook-url': ' https://hooks.slack.com/services/T/B/x ',
        'pagerduty-routing-key': KEY,
        'pagerduty-url': 'https://user:pass@proxy.example/v2/enqueue',
      }),
    ).toEqual(['https://hooks.slack.com/services/T/B/x', KEY, 'user:pass']);
  });
});
