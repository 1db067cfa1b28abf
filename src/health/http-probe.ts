import type { StatusSet } from '../core/status-set.js';
import type { HttpClient, HttpRequest } from './http-client.js';
import { containsSubset } from './json-subset.js';

/** What a response must show to count as a successful probe. */
export interface Expectations {
  readonly status: StatusSet;
  readonly json?: Readonly<Record<string, unknown>>;
  readonly text?: { readonly substring: string } | { readonly pattern: RegExp };
}

/** One probe target: the request to make, what the answer must show, and the name reports use. */
export interface ProbeTarget {
  /** Absent in targets built before TCP and command probes existed: HTTP. */
  readonly kind?: 'http';
  /** The URL as shown to people: credentials removed. */
  readonly name: string;
  readonly request: HttpRequest;
  readonly expect: Expectations;
}

export interface ProbeOutcome {
  readonly ok: boolean;
  readonly status?: number;
  readonly latencyMs: number;
  /** Short, for "X on 3 consecutive probes": `503`, `connection refused`, `200 but body lacks {"status":"UP"}`. */
  readonly failure?: string;
  /** The start of the body, for failure reasons. */
  readonly bodySnippet?: string;
  readonly aborted?: boolean;
}

const SNIPPET = 160;

export function snippet(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET ? `${flat.slice(0, SNIPPET)}…` : flat;
}

/** Makes one request and judges it against the expectations. Never throws. */
export async function probe(http: HttpClient, target: ProbeTarget, signal?: AbortSignal): Promise<ProbeOutcome> {
  const result = await http.request(target.request, signal);
  if (result.kind === 'failure') {
    return { ok: false, latencyMs: result.latencyMs, failure: result.reason, aborted: result.failure === 'aborted' };
  }
  const { status, body, latencyMs } = result;
  const failure = judge(target.expect, status, body);
  return failure === undefined
    ? { ok: true, status, latencyMs }
    : { ok: false, status, latencyMs, failure, bodySnippet: body === '' ? undefined : snippet(body) };
}

function judge(expect: Expectations, status: number, body: string): string | undefined {
  if (!expect.status.has(status)) return `${status}`;
  if (expect.json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return `${status} but the body is not JSON`;
    }
    if (!containsSubset(parsed, expect.json)) return `${status} but the body lacks ${JSON.stringify(expect.json)}`;
  }
  if (expect.text) {
    if ('substring' in expect.text) {
      if (!body.includes(expect.text.substring))
        return `${status} but the body does not contain '${expect.text.substring}'`;
    } else {
      expect.text.pattern.lastIndex = 0;
      if (!expect.text.pattern.test(body))
        return `${status} but the body does not match ${String(expect.text.pattern)}`;
    }
  }
  return undefined;
}
