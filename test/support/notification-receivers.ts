import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-ins for Slack incoming webhooks and the PagerDuty Events API v2, on loopback. Each checks
 * every payload against the documented shape and limits, answers as the real service does (Slack:
 * `200 ok` or `400 invalid_blocks`; PagerDuty: `202` with `status: success` or `400 invalid event`), and
 * records what was delivered, so a test can count deliveries and assert there were no violations.
 *
 * Shapes: Slack Block Kit (docs.slack.dev/reference/block-kit): `text` and/or `blocks` (≤ 50); header
 * text plain_text ≤ 150; section text ≤ 3,000, ≤ 10 fields of ≤ 2,000; actions ≤ 25 elements, button
 * text plain_text ≤ 75, url ≤ 3,000; context ≤ 10 elements. PagerDuty Events API v2
 * (developer.pagerduty.com/docs/events-api-v2/trigger-events): routing_key of 32 characters,
 * event_action trigger/acknowledge/resolve, dedup_key ≤ 255 (required to acknowledge or resolve);
 * trigger: payload.summary 1–1,024, payload.source, payload.severity ∈ critical/error/warning/info,
 * optional ISO timestamp, links[] of { href, text }.
 */

export interface SlackDelivery {
  readonly path: string;
  readonly payload: { text?: string; blocks?: Array<Record<string, unknown>> };
}

export interface PagerDutyDelivery {
  readonly routing_key: string;
  readonly event_action: 'trigger' | 'acknowledge' | 'resolve';
  readonly dedup_key?: string;
  readonly payload?: { summary: string; source: string; severity: string; [key: string]: unknown };
  readonly links?: Array<{ href: string; text: string }>;
  readonly [key: string]: unknown;
}

export interface NotificationReceivers {
  /** The incoming webhook's URL: its path is the secret, as Slack's are. */
  readonly slackUrl: string;
  /** `…/v2/enqueue` */
  readonly pagerDutyUrl: string;
  readonly slack: readonly SlackDelivery[];
  readonly pagerDuty: readonly PagerDutyDelivery[];
  /** Payloads that broke the documented shape, one line each; a test expects none. */
  violations(): string[];
  close(): Promise<void>;
}

const PD_SEVERITIES = ['critical', 'error', 'warning', 'info'];
const PD_ACTIONS = ['trigger', 'acknowledge', 'resolve'];

export async function startNotificationReceivers(): Promise<NotificationReceivers> {
  const slackPath = `/services/T0SHIPGATE/B0INCIDENT/${randomBytes(12).toString('hex')}`;
  const slack: SlackDelivery[] = [];
  const pagerDuty: PagerDutyDelivery[] = [];
  const violations: string[] = [];

  const server: Server = createServer((req, res) => {
    void readJson(req).then((body) => {
      if (req.method === 'POST' && req.url === slackPath) return receiveSlack(body, res);
      if (req.method === 'POST' && req.url === '/v2/enqueue') return receivePagerDuty(body, res);
      reply(res, 404, 'text/plain', 'no_service');
    });
  });

  const receiveSlack = (body: unknown, res: ServerResponse): void => {
    const problems = slackProblems(body);
    if (problems.length > 0) {
      violations.push(...problems.map((p) => `slack: ${p}`));
      reply(res, 400, 'text/plain', 'invalid_blocks');
      return;
    }
    slack.push({ path: slackPath, payload: body as SlackDelivery['payload'] });
    reply(res, 200, 'text/plain', 'ok');
  };

  const receivePagerDuty = (body: unknown, res: ServerResponse): void => {
    const problems = pagerDutyProblems(body);
    if (problems.length > 0) {
      violations.push(...problems.map((p) => `pagerduty: ${p}`));
      reply(
        res,
        400,
        'application/json',
        JSON.stringify({ status: 'invalid event', message: 'Event object is invalid', errors: problems }),
      );
      return;
    }
    const event = body as PagerDutyDelivery;
    pagerDuty.push(event);
    reply(
      res,
      202,
      'application/json',
      JSON.stringify({ status: 'success', message: 'Event processed', dedup_key: event.dedup_key ?? 'generated' }),
    );
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    slackUrl: `${base}${slackPath}`,
    pagerDutyUrl: `${base}/v2/enqueue`,
    slack,
    pagerDuty,
    violations: () => [...violations],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function reply(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

function textProblems(where: string, value: unknown, max: number, types: readonly string[]): string[] {
  if (!isObject(value)) return [`${where} is not a text object`];
  const problems: string[] = [];
  if (!types.includes(String(value.type))) problems.push(`${where}.type is ${String(value.type)}`);
  if (!isString(value.text) || value.text.length === 0) problems.push(`${where}.text is empty or not a string`);
  else if (value.text.length > max) problems.push(`${where}.text has ${value.text.length} characters (max ${max})`);
  return problems;
}

export function slackProblems(body: unknown): string[] {
  if (!isObject(body)) return ['the body is not a JSON object'];
  const { text, blocks } = body;
  if (text === undefined && blocks === undefined) return ['neither text nor blocks'];
  const problems: string[] = [];
  if (text !== undefined && !isString(text)) problems.push('text is not a string');
  if (blocks === undefined) return problems;
  if (!Array.isArray(blocks)) return [...problems, 'blocks is not an array'];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks (max 50)`);
  blocks.forEach((block, i) => {
    problems.push(...blockProblems(`blocks[${i}]`, block));
  });
  return problems;
}

function blockProblems(where: string, block: unknown): string[] {
  if (!isObject(block)) return [`${where} is not an object`];
  switch (block.type) {
    case 'header':
      return textProblems(`${where}.text`, block.text, 150, ['plain_text']);
    case 'section': {
      const fields = Array.isArray(block.fields) ? block.fields : undefined;
      if (block.text === undefined && !fields) return [`${where} has neither text nor fields`];
      return [
        ...(block.text !== undefined ? textProblems(`${where}.text`, block.text, 3000, ['plain_text', 'mrkdwn']) : []),
        ...(fields && fields.length > 10 ? [`${where} has ${fields.length} fields (max 10)`] : []),
        ...(fields ?? []).flatMap((f, j) => textProblems(`${where}.fields[${j}]`, f, 2000, ['plain_text', 'mrkdwn'])),
      ];
    }
    case 'actions':
      return actionsProblems(where, block.elements);
    case 'context': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0 || elements.length > 10) return [`${where} has ${elements.length} elements (1 to 10)`];
      return elements.flatMap((e, j) => textProblems(`${where}.elements[${j}]`, e, 3000, ['plain_text', 'mrkdwn']));
    }
    case 'divider':
      return [];
    default:
      return [`${where}.type is ${String(block.type)}, not a Block Kit block this receiver knows`];
  }
}

function actionsProblems(where: string, elements: unknown): string[] {
  if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25) {
    return [`${where}.elements must be 1 to 25 elements`];
  }
  return elements.flatMap((element, j) => {
    const at = `${where}.elements[${j}]`;
    if (!isObject(element) || element.type !== 'button') return [`${at} is not a button`];
    const url = element.url;
    return [
      ...textProblems(`${at}.text`, element.text, 75, ['plain_text']),
      ...(url !== undefined && (!isString(url) || url.length > 3000 || !/^https?:\/\//.test(url))
        ? [`${at}.url is not a URL of at most 3000 characters`]
        : []),
    ];
  });
}

export function pagerDutyProblems(body: unknown): string[] {
  if (!isObject(body)) return ['the body is not a JSON object'];
  const problems: string[] = [];
  if (!isString(body.routing_key) || body.routing_key.length !== 32) problems.push('routing_key is not 32 characters');
  if (!PD_ACTIONS.includes(String(body.event_action))) problems.push(`event_action is ${String(body.event_action)}`);
  const dedup = body.dedup_key;
  if (dedup !== undefined && (!isString(dedup) || dedup.length === 0 || dedup.length > 255)) {
    problems.push('dedup_key is not a string of 1 to 255 characters');
  }
  if (body.event_action !== 'trigger') {
    if (dedup === undefined) problems.push(`dedup_key is required to ${String(body.event_action)}`);
    return problems;
  }
  return [...problems, ...triggerProblems(body)];
}

function triggerProblems(body: Json): string[] {
  const payload = body.payload;
  if (!isObject(payload)) return ['payload is missing'];
  const problems: string[] = [];
  const summary = payload.summary;
  if (!isString(summary) || summary.length === 0 || summary.length > 1024) {
    problems.push('payload.summary is not a string of 1 to 1024 characters');
  }
  if (!isString(payload.source) || payload.source === '') problems.push('payload.source is missing');
  if (!PD_SEVERITIES.includes(String(payload.severity)))
    problems.push(`payload.severity is ${String(payload.severity)}`);
  if (payload.timestamp !== undefined && Number.isNaN(Date.parse(String(payload.timestamp)))) {
    problems.push('payload.timestamp is not an ISO 8601 time');
  }
  if (payload.custom_details !== undefined && !isObject(payload.custom_details)) {
    problems.push('payload.custom_details is not an object');
  }
  const links = body.links;
  if (links !== undefined) {
    if (!Array.isArray(links)) problems.push('links is not an array');
    else
      links.forEach((link, i) => {
        if (!isObject(link) || !isString(link.href) || (link.text !== undefined && !isString(link.text))) {
          problems.push(`links[${i}] is not { href, text }`);
        }
      });
  }
  return problems;
}
