import type { Language } from '../language.js';
import type { IncidentNotice, NotifyEvent } from './notification.js';
import { cut } from './notification.js';

/**
 * A Slack incoming-webhook message in Block Kit: a header (what happened to which service), the
 * severity, service, environment and issue as fields, what failed, and buttons to the issue and the run.
 * `text` is the fallback for notifications and clients without blocks. Limits from Block Kit: header
 * text ≤ 150 characters, section text ≤ 3,000, ≤ 10 fields of ≤ 2,000, button text ≤ 75, URLs ≤ 3,000.
 */
export interface SlackText {
  readonly type: 'plain_text' | 'mrkdwn';
  readonly text: string;
  readonly emoji?: boolean;
}

export type SlackBlock =
  | { readonly type: 'header'; readonly text: SlackText }
  | { readonly type: 'section'; readonly text?: SlackText; readonly fields?: readonly SlackText[] }
  | {
      readonly type: 'actions';
      readonly elements: ReadonlyArray<{ readonly type: 'button'; readonly text: SlackText; readonly url: string }>;
    }
  | { readonly type: 'context'; readonly elements: readonly SlackText[] };

export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
}

interface SlackWords {
  readonly event: Readonly<Record<NotifyEvent, string>>;
  readonly severity: string;
  readonly service: string;
  readonly environment: string;
  readonly issue: string;
  readonly whatFailed: string;
  readonly openIssue: string;
  readonly run: string;
}

const WORDS: Readonly<Record<Language, SlackWords>> = {
  en: {
    event: { opened: '🚨 Incident opened', repeated: '🔁 Still failing', resolved: '✅ Resolved' },
    severity: 'Severity',
    service: 'Service',
    environment: 'Environment',
    issue: 'Issue',
    whatFailed: 'What failed',
    openIssue: 'Open the incident',
    run: 'Workflow run',
  },
  ko: {
    event: { opened: '🚨 인시던트 발생', repeated: '🔁 계속 실패 중', resolved: '✅ 복구 완료' },
    severity: '심각도',
    service: '서비스',
    environment: '환경',
    issue: '이슈',
    whatFailed: '실패 내용',
    openIssue: '인시던트 열기',
    run: '워크플로 실행',
  },
};

/** Slack's mrkdwn treats `<…>` as links and mentions (`<!channel>`); its docs ask for these three escaped. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Untrusted text as inline code: escaped, and without backticks that could end the span. */
function slackCode(text: string): string {
  return `\`${slackEscape(text.replace(/`/g, "'").replace(/\s+/g, ' '))}\``;
}

const mrkdwn = (text: string, max: number): SlackText => ({ type: 'mrkdwn', text: cut(text, max) });
const plain = (text: string, max: number): SlackText => ({ type: 'plain_text', text: cut(text, max), emoji: true });

export function buildSlackMessage(notice: IncidentNotice): SlackMessage {
  const w = WORDS[notice.language];
  const where = `${notice.service}/${notice.environment}`;
  const issueLink = `<${notice.issueUrl}|#${notice.issueNumber}>`;
  const blocks: SlackBlock[] = [
    { type: 'header', text: plain(`${w.event[notice.event]}: ${where}`, 150) },
    {
      type: 'section',
      fields: [
        mrkdwn(`*${w.severity}*\n${notice.severity ?? '—'}`, 2_000),
        mrkdwn(`*${w.service}*\n${slackCode(notice.service)}`, 2_000),
        mrkdwn(`*${w.environment}*\n${slackCode(notice.environment)}`, 2_000),
        mrkdwn(`*${w.issue}*\n${issueLink}`, 2_000),
      ],
    },
    {
      type: 'section',
      text: mrkdwn(
        `*<${notice.issueUrl}|${slackEscape(cut(notice.title, 300))}>*${
          notice.whatFailed ? `\n*${w.whatFailed}:* ${slackCode(cut(notice.whatFailed, 2_000))}` : ''
        }`,
        3_000,
      ),
    },
    {
      type: 'actions',
      elements: [
        { type: 'button', text: plain(`${w.openIssue} #${notice.issueNumber}`, 75), url: notice.issueUrl },
        ...(notice.runUrl
          ? [{ type: 'button' as const, text: plain(`${w.run} #${notice.runId}`, 75), url: notice.runUrl }]
          : []),
      ],
    },
    { type: 'context', elements: [mrkdwn(`shipgate · ${notice.repository} · ${slackCode(notice.dedupKey)}`, 2_000)] },
  ];
  return { text: cut(`${w.event[notice.event]}: ${slackEscape(notice.title)} ${notice.issueUrl}`, 3_000), blocks };
}
