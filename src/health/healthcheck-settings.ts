import * as z from '#zod';
import { InputError } from '../core/errors.js';
import {
  booleanInput,
  durationInput,
  enumListInput,
  formInput,
  integerInput,
  optionalText,
  parseInputs,
  type RawInputs,
} from '../core/inputs.js';
import { tooDeep } from '../core/json-depth.js';
import { expandPlaceholders, placeholdersIn, unknownPlaceholder } from '../core/placeholders.js';
import type { RunContext } from '../core/run-context.js';
import { headerSecrets, urlSecrets, withoutUserInfo } from '../core/secrets.js';
import { parseStatusSet, STATUS_SET_FORM, type StatusSet } from '../core/status-set.js';
import type { GateTiming } from './health-gate.js';
import type { Expectations, ProbeTarget } from './http-probe.js';

const SCOPE = 'healthcheck';

export const REPORT_TARGETS = ['summary', 'pr-comment', 'commit-status'] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];

/** The defaults action.yml declares; the CLI and tests use the same ones (a test keeps them equal). */
export const HEALTHCHECK_DEFAULTS: Readonly<Record<string, string>> = {
  method: 'GET',
  'expected-status': '200-299',
  timeout: '5s',
  interval: '2s',
  'success-threshold': '1',
  'failure-threshold': '3',
  deadline: '2m',
  duration: '0s',
  concurrency: '16',
  insecure: 'false',
  'report-to': 'summary',
};

export interface HealthcheckSettings {
  readonly targets: readonly ProbeTarget[];
  readonly timing: GateTiming;
  readonly insecure: boolean;
  readonly reportTo: readonly ReportTarget[];
  readonly githubToken?: string;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const URL_FORM = 'absolute http:// or https:// URLs, one per line or comma-separated';

const schema = z.object({
  urls: z.string(),
  method: formInput(`one of ${METHODS.join(', ')}`, (text) => {
    const method = text.trim().toUpperCase();
    return (METHODS as readonly string[]).includes(method) ? method : undefined;
  }),
  headers: optionalText(),
  'expected-status': formInput(STATUS_SET_FORM, (text): StatusSet | undefined => parseStatusSet(text)),
  'expect-json': optionalText(),
  'expect-text': optionalText(),
  timeout: durationInput({ min: 1 }),
  interval: durationInput({ min: 10 }),
  'success-threshold': integerInput(1, 1000),
  'failure-threshold': integerInput(1, 1000),
  deadline: durationInput({ min: 1 }),
  duration: durationInput(),
  concurrency: integerInput(1, 1000),
  insecure: booleanInput(),
  'report-to': enumListInput(REPORT_TARGETS),
  // Parsed by healthcheck-analysis.ts, loaded only when metrics are given.
  'prometheus-url': optionalText(),
  metrics: optionalText(),
  'github-token': optionalText(),
});

/** Splits `urls`: one per line, or comma-separated where a comma is followed by another URL. */
export function splitUrls(text: string): string[] {
  return text
    .split(/\r?\n|,(?=\s*[a-zA-Z][a-zA-Z0-9+.-]*:\/\/)/)
    .map((url) => url.trim())
    .filter((url) => url !== '');
}

/**
 * Values in the raw inputs that must be masked before anything is printed, even if parsing fails: the
 * token, every header value (and the credential part of `Bearer x` / `Basic x` / `token x`), and the
 * user-info of every URL, the Prometheus one included.
 */
export function rawSecrets(raw: RawInputs): string[] {
  const secrets: string[] = [];
  if (raw['github-token']) secrets.push(raw['github-token']);
  for (const line of (raw.headers ?? '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    secrets.push(...headerSecrets(colon >= 0 ? line.slice(colon + 1) : line));
  }
  for (const url of splitUrls(raw.urls ?? '')) secrets.push(...urlSecrets(url));
  secrets.push(...urlSecrets(raw['prometheus-url'] ?? ''));
  return secrets;
}

/** Reads the healthcheck inputs into settings; the first bad input throws one InputError line. */
export function parseHealthcheckInputs(raw: RawInputs, context: Pick<RunContext, 'pullRequest'>): HealthcheckSettings {
  const input = parseInputs(SCOPE, schema, raw, HEALTHCHECK_DEFAULTS);
  const headers = parseHeaders(input.headers);
  const expect: Expectations = {
    status: input['expected-status'],
    ...(input['expect-json'] ? { json: parseExpectJson(input['expect-json']) } : {}),
    ...(input['expect-text'] ? { text: parseExpectText(input['expect-text']) } : {}),
  };
  const urls = splitUrls(input.urls).map((url) => expandUrl(url, context));
  if (urls.length === 0) throw new InputError('urls', input.urls, URL_FORM, { scope: SCOPE });
  const targets = urls.map(
    (url): ProbeTarget => ({
      name: displayUrl(url),
      request: { url: url.href, method: input.method, headers, timeoutMs: input.timeout, insecure: input.insecure },
      expect,
    }),
  );
  return {
    targets,
    timing: {
      intervalMs: input.interval,
      successThreshold: input['success-threshold'],
      failureThreshold: input['failure-threshold'],
      deadlineMs: input.deadline,
      durationMs: input.duration,
      concurrency: input.concurrency,
    },
    insecure: input.insecure,
    reportTo: input['report-to'],
    ...(input['github-token'] ? { githubToken: input['github-token'] } : {}),
  };
}

function expandUrl(text: string, context: Pick<RunContext, 'pullRequest'>): URL {
  const unknown = unknownPlaceholder(text, ['pr']);
  if (unknown) {
    throw new InputError('urls', text, `${URL_FORM}; ${unknown.text} is not known here ({pr} is)`, { scope: SCOPE });
  }
  if (placeholdersIn(text).length > 0 && !context.pullRequest) {
    throw new InputError('urls', text, `${URL_FORM}; {pr} needs a pull_request event`, { scope: SCOPE });
  }
  const expanded = expandPlaceholders(text, { pr: String(context.pullRequest?.number ?? '') }, 'url-component');
  let url: URL;
  try {
    url = new URL(expanded);
  } catch (cause) {
    throw new InputError('urls', displayText(text), URL_FORM, { scope: SCOPE, cause });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new InputError('urls', displayText(text), URL_FORM, { scope: SCOPE });
  }
  if (!userInfoDecodes(url)) {
    const expected = `${URL_FORM}; the user-info's %-escapes must be valid UTF-8 (%XX)`;
    throw new InputError('urls', displayText(text), expected, { scope: SCOPE });
  }
  return url;
}

/** The probe sends user-info as Basic credentials, decoding it first: a bad %-escape would throw on every probe. */
export function userInfoDecodes(url: URL): boolean {
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
    return true;
  } catch {
    return false;
  }
}

/** The URL as reports show it: a password becomes ***. */
export function displayUrl(url: URL): string {
  if (!url.password && !url.username) return url.href;
  const shown = new URL(url.href);
  shown.password = '';
  shown.username = '***';
  return shown.href;
}

function displayText(text: string): string {
  return withoutUserInfo(text);
}

const HEADER_FORM = "'Name: value' on each line";
/** What Node's HTTP client sends without throwing: tab, printable ASCII and the rest of Latin-1 (RFC 9110 field-value). */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Reads `Name: value` lines. A value Node would refuse to send (a CR, a control character, a character
 * beyond Latin-1) is refused here, so the check fails at once instead of every probe throwing until the
 * deadline. Header values are secrets: a line is shown with its value hidden.
 */
function parseHeaders(text: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const lines = (text ?? '').split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    const value = colon > 0 ? line.slice(colon + 1).trim() : '';
    const shown = colon > 0 ? `${line.slice(0, colon)}: ***` : '***';
    if (!HEADER_NAME.test(name) || value === '') {
      throw new InputError('headers', shown, `${HEADER_FORM} (line ${index + 1})`, { scope: SCOPE });
    }
    if (!HEADER_VALUE.test(value)) {
      const expected = `${HEADER_FORM}, the value in printable Latin-1 without CR, LF or other control characters (line ${index + 1})`;
      throw new InputError('headers', shown, expected, { scope: SCOPE });
    }
    headers[name.toLowerCase()] = value;
  });
  return headers;
}

const JSON_FORM = 'a JSON object such as {"status":"UP"}';

function parseExpectJson(text: string): Record<string, unknown> {
  const deep = tooDeep(text);
  if (deep) throw new InputError('expect-json', text, `${JSON_FORM}, ${deep}`, { scope: SCOPE });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new InputError('expect-json', text, JSON_FORM, { scope: SCOPE, cause });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError('expect-json', text, JSON_FORM, { scope: SCOPE });
  }
  return parsed as Record<string, unknown>;
}

function parseExpectText(text: string): NonNullable<Expectations['text']> {
  const regex = /^\/(.+)\/([dgimsuvy]*)$/s.exec(text);
  if (!regex) return { substring: text };
  try {
    return { pattern: new RegExp(regex[1] ?? '', (regex[2] ?? '').replace('g', '')) };
  } catch (cause) {
    throw new InputError('expect-text', text, 'a substring, or a valid /regular expression/', { scope: SCOPE, cause });
  }
}
export const HEALTHCHECK_INPUT_NAMES = [
  'urls',
  'method',
  'headers',
  'expected-status',
  'expect-json',
  'expect-text',
  'timeout',
  'interval',
  'success-threshold',
  'failure-threshold',
  'deadline',
  'duration',
  'concurrency',
  'insecure',
  'prometheus-url',
  'metrics',
  'report-to',
  'github-token',
] as const;
