import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncidentNotice } from '../../../../src/incident/notify/notification.js';
import { channelsFor } from '../../../../src/incident/notify/notification.js';
import {
  buildPagerDutyEvent,
  pagerDutyDedupKey,
  pagerDutySeverity,
} from '../../../../src/incident/notify/pagerduty-event.js';
import { buildSlackMessage, slackEscape } from '../../../../src/incident/notify/slack-message.js';
import { pagerDutyProblems, slackProblems } from '../../../support/notification-receivers.js';

const KEY = 'e93facc04764012d7bfb002500d5d1a6';

const notice = (extra: Partial<IncidentNotice> = {}): IncidentNotice => ({
  event: 'opened',
  severity: 'SEV-2',
  service: 'api',
  environment: 'production',
  dedupKey: 'api/production',
  title: '[SEV-2] api/production: deploy 1.4.2 failed, rolled back to 1.4.1',
  whatFailed: 'gate 10%: error-rate: 0.1267 > max 0.01 on 3 of 4 measurements',
  origin: 'deploy',
  issueNumber: 12,
  issueUrl: 'https://github.com/acme/shop/issues/12',
  runId: '812345',
  runAttempt: 1,
  runUrl: 'https://github.com/acme/shop/actions/runs/812345',
  repository: 'acme/shop',
  language: 'en',
  at: Date.parse('2026-11-22T03:02:30Z'),
  ...extra,
});

describe('PagerDuty Events API v2 payloads', () => {
  it.each([
    ['SEV-1', 'critical'],
    ['SEV-2', 'error'],
    ['SEV-3', 'warning'],
    [undefined, 'warning'],
  ] as const)('maps %s to %s', (severity, expected) => {
    expect(pagerDutySeverity(severity)).toBe(expected);
  });

  it('triggers on open with the dedup key, the severity, the summary and links to the issue and the run', () => {
    expect(buildPagerDutyEvent(notice(), KEY)).toEqual({
      routing_key: KEY,
      event_action: 'trigger',
      dedup_key: 'api/production',
      payload: {
        summary: '[SEV-2] api/production: deploy 1.4.2 failed, rolled back to 1.4.1',
        source: 'api/production',
        severity: 'error',
        timestamp: '2026-11-22T03:02:30.000Z',
        component: 'api',
        group: 'production',
        class: 'deploy',
        custom_details: {
          repository: 'acme/shop',
          incident: 'https://github.com/acme/shop/issues/12',
          'dedup key': 'api/production',
          'what failed': 'gate 10%: error-rate: 0.1267 > max 0.01 on 3 of 4 measurements',
          run: 'https://github.com/acme/shop/actions/runs/812345',
        },
      },
      links: [
        { href: 'https://github.com/acme/shop/issues/12', text: 'GitHub incident #12' },
        { href: 'https://github.com/acme/shop/actions/runs/812345', text: 'Workflow run #812345' },
      ],
      client: 'shipgate',
      client_url: 'https://github.com/acme/shop/issues/12',
    });
  });

  it('resolves with the same dedup key, and sends nothing for a repeat', () => {
    expect(buildPagerDutyEvent(notice({ event: 'resolved' }), KEY)).toEqual({
      routing_key: KEY,
      event_action: 'resolve',
      dedup_key: 'api/production',
    });
    expect(buildPagerDutyEvent(notice({ event: 'repeated' }), KEY)).toBeUndefined();
  });

  it('hashes a dedup key longer than 255 characters, the same way each time', () => {
    const long = 'k'.repeat(256);
    expect(pagerDutyDedupKey(long)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(pagerDutyDedupKey(long)).toBe(pagerDutyDedupKey(long));
    expect(pagerDutyDedupKey('k'.repeat(255))).toBe('k'.repeat(255));
  });

  it('keeps to the documented shape and limits whatever the title, key and failure say', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 2_000 }),
        fc.string({ minLength: 1, maxLength: 256 }),
        fc.string({ maxLength: 5_000 }),
        fc.constantFrom('opened', 'resolved') as fc.Arbitrary<'opened' | 'resolved'>,
        (title, dedupKey, whatFailed, event) => {
          const event_ = buildPagerDutyEvent(notice({ title: `x${title}`, dedupKey, whatFailed, event }), KEY);
          expect(pagerDutyProblems(JSON.parse(JSON.stringify(event_)))).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('Slack Block Kit messages', () => {
  it('says what happened to which service, with severity, environment, what failed and links', () => {
    const message = buildSlackMessage(notice());
    expect(message.text).toBe(
      '🚨 Incident opened: [SEV-2] api/production: deploy 1.4.2 failed, rolled back to 1.4.1 https://github.com/acme/shop/issues/12',
    );
    expect(message.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: '🚨 Incident opened: api/production', emoji: true } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Severity*\nSEV-2' },
          { type: 'mrkdwn', text: '*Service*\n`api`' },
          { type: 'mrkdwn', text: '*Environment*\n`production`' },
          { type: 'mrkdwn', text: '*Issue*\n<https://github.com/acme/shop/issues/12|#12>' },
        ],
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: '*<https://github.com/acme/shop/issues/12|[SEV-2] api/production: deploy 1.4.2 failed, rolled back to 1.4.1>*\n*What failed:* `gate 10%: error-rate: 0.1267 &gt; max 0.01 on 3 of 4 measurements`',
        },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Open the incident #12', emoji: true },
            url: 'https://github.com/acme/shop/issues/12',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Workflow run #812345', emoji: true },
            url: 'https://github.com/acme/shop/actions/runs/812345',
          },
        ],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'shipgate · acme/shop · `api/production`' }] },
    ]);
  });

  it.each([
    ['repeated', 'en', '🔁 Still failing: api/production'],
    ['resolved', 'en', '✅ Resolved: api/production'],
    ['opened', 'ko', '🚨 인시던트 발생: api/production'],
    ['resolved', 'ko', '✅ 복구 완료: api/production'],
  ] as const)('heads a %s notice in %s with %s', (event, language, header) => {
    const [first] = buildSlackMessage(notice({ event, language })).blocks;
    expect(first).toEqual({ type: 'header', text: { type: 'plain_text', text: header, emoji: true } });
  });

  it('escapes what Slack would read as links or mentions', () => {
    expect(slackEscape('<!channel> & <@U123|x>')).toBe('&lt;!channel&gt; &amp; &lt;@U123|x&gt;');
    const text = JSON.stringify(buildSlackMessage(notice({ whatFailed: '503 <!here> `x`' })));
    expect(text).not.toContain('<!here>');
  });

  it('keeps to the Block Kit limits whatever the title, names and failure say', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 1_000 }),
        fc.string({ minLength: 1, maxLength: 300 }),
        fc.string({ maxLength: 5_000 }),
        fc.constantFrom('opened', 'repeated', 'resolved') as fc.Arbitrary<'opened' | 'repeated' | 'resolved'>,
        (title, service, whatFailed, event) => {
          const message = buildSlackMessage(notice({ title: `x${title}`, service: `s${service}`, whatFailed, event }));
          expect(slackProblems(JSON.parse(JSON.stringify(message)))).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('channelsFor', () => {
  it.each([
    ['opened', ['slack', 'pagerduty']],
    ['repeated', ['slack']],
    ['resolved', ['slack', 'pagerduty']],
  ] as const)('sends a %s notice to %j', (event, channels) => {
    expect(channelsFor(event, ['slack', 'pagerduty'])).toEqual(channels);
  });
});
