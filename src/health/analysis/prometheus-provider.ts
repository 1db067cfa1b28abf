import type { HttpClient } from '../http-client.js';
import type { MeasureResult, MetricProvider } from './metric-provider.js';
import { excerpt, parseSampleValue } from './metric-provider.js';

export interface PrometheusProviderOptions {
  readonly http: HttpClient;
  /** `http://127.0.0.1:9090`, or with a path prefix (`https://example.com/prometheus`). */
  readonly baseUrl: string;
  /** Per query; a hung Prometheus is an Error measurement, never a hung gate. */
  readonly timeoutMs: number;
  /** Sent with every query (e.g. `Authorization`); the caller masks their values. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The base URL without credentials, for messages. */
function shownBase(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return baseUrl;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A sample `[ <unix seconds>, "<value>" ]` to a measurement. */
function sampleResult(sample: unknown): MeasureResult {
  const raw = Array.isArray(sample) ? sample[1] : undefined;
  if (typeof raw !== 'string')
    return { kind: 'error', reason: `unexpected sample ${excerpt(JSON.stringify(sample) ?? '')}` };
  const value = parseSampleValue(raw);
  if (value === undefined) return { kind: 'error', reason: `sample value '${excerpt(raw)}' is not a number`, raw };
  return { kind: 'value', value, raw };
}

function seriesName(series: unknown): string {
  if (!isRecord(series) || !isRecord(series.metric)) return '{}';
  const labels = Object.entries(series.metric).map(([key, value]) => `${key}="${String(value)}"`);
  return `{${labels.join(', ')}}`;
}

/** Reads the body of a 2xx answer of /api/v1/query. */
function readData(data: unknown): MeasureResult {
  if (!isRecord(data)) return { kind: 'error', reason: 'Prometheus answered without data' };
  const { resultType, result } = data;
  switch (resultType) {
    case 'scalar':
      return sampleResult(result);
    case 'vector': {
      if (!Array.isArray(result))
        return { kind: 'error', reason: 'Prometheus answered a vector without a result list' };
      const raw = excerpt(JSON.stringify(result));
      if (result.length === 0) return { kind: 'no-data', raw };
      if (result.length > 1) {
        const names = result.slice(0, 2).map(seriesName).join(', ');
        return {
          kind: 'error',
          reason: `query returned ${result.length} series; expected one (aggregate with sum(...)): ${names}${result.length > 2 ? ', ...' : ''}`,
          raw,
        };
      }
      const only: unknown = result[0];
      return sampleResult(isRecord(only) ? only.value : undefined);
    }
    case 'matrix':
      return {
        kind: 'error',
        reason:
          'query returned a range vector; expected one value (wrap the [range] selector in a function like rate())',
      };
    case 'string':
      return { kind: 'error', reason: 'query returned a string; expected a number' };
    default:
      return { kind: 'error', reason: `Prometheus answered an unknown result type ${excerpt(String(resultType))}` };
  }
}

/**
 * Metric values from Prometheus's instant-query API (`GET /api/v1/query`). A result is one number: a
 * scalar, or a vector of exactly one series; an empty vector is no data. Everything else is an Error
 * measurement whose reason a reader can act on: Prometheus's own message for a bad query, the series
 * count for a query that forgot to aggregate, the transport failure when Prometheus is down.
 */
export function createPrometheusProvider(options: PrometheusProviderOptions): MetricProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  const shown = shownBase(options.baseUrl);
  return {
    async measure(query, signal) {
      const url = `${base}/api/v1/query?query=${encodeURIComponent(query)}`;
      const response = await options.http.request(
        {
          url,
          method: 'GET',
          headers: { accept: 'application/json', ...options.headers },
          timeoutMs: options.timeoutMs,
        },
        signal,
      );
      if (response.kind === 'failure') {
        return { kind: 'error', reason: `Prometheus at ${shown} unreachable: ${response.reason}` };
      }
      let body: unknown;
      try {
        body = JSON.parse(response.body);
      } catch {
        return {
          kind: 'error',
          reason: `Prometheus at ${shown} answered ${response.status} with a body that is not JSON: ${excerpt(response.body, 120)}`,
          raw: excerpt(response.body),
        };
      }
      if (!isRecord(body) || body.status !== 'success' || response.status < 200 || response.status > 299) {
        const errorType = isRecord(body) && typeof body.errorType === 'string' ? `${body.errorType}: ` : '';
        const error = isRecord(body) && typeof body.error === 'string' ? body.error : excerpt(response.body, 120);
        const verb = response.status >= 400 && response.status < 500 ? 'rejected' : 'failed';
        return {
          kind: 'error',
          reason: `Prometheus ${verb} the query (${response.status}): ${errorType}${excerpt(error, 300)}`,
          raw: excerpt(response.body),
        };
      }
      return readData(body.data);
    },
  };
}
