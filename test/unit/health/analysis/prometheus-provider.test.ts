import { describe, expect, it } from 'vitest';
import type { MeasureResult } from '../../../../src/health/analysis/metric-provider.js';
import { parseSampleValue } from '../../../../src/health/analysis/metric-provider.js';
import { createPrometheusProvider } from '../../../../src/health/analysis/prometheus-provider.js';
import type { HttpClient, HttpRequest, HttpResult } from '../../../../src/health/http-client.js';

function answering(result: HttpResult): HttpClient & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  return {
    requests,
    request: (request) => {
      requests.push(request);
      return Promise.resolve(result);
    },
  };
}

const ok = (data: unknown): HttpResult => ({
  kind: 'response',
  status: 200,
  body: JSON.stringify({ status: 'success', data }),
  latencyMs: 3,
});
const sample = (value: string) => ({ metric: {}, value: [1_763_780_400.123, value] });

describe('createPrometheusProvider', () => {
  it('sends an instant query, URL-encoded, with the configured headers and timeout', async () => {
    const http = answering(ok({ resultType: 'vector', result: [sample('0')] }));
    const provider = createPrometheusProvider({
      http,
      baseUrl: 'http://127.0.0.1:9090/prom/',
      timeoutMs: 2_000,
      headers: { authorization: 'Bearer t' },
    });
    await provider.measure('sum(rate(x{code=~"5.."}[1m])) / 2');
    expect(http.requests).toEqual([
      {
        url: 'http://127.0.0.1:9090/prom/api/v1/query?query=sum(rate(x%7Bcode%3D~%225..%22%7D%5B1m%5D))%20%2F%202',
        method: 'GET',
        headers: { accept: 'application/json', authorization: 'Bearer t' },
        timeoutMs: 2_000,
      },
    ]);
  });

  it.each<[string, HttpResult, MeasureResult]>([
    [
      'a one-series vector',
      ok({ resultType: 'vector', result: [sample('0.0833')] }),
      { kind: 'value', value: 0.0833, raw: '0.0833' },
    ],
    ['a scalar', ok({ resultType: 'scalar', result: [1_763_780_400, '42'] }), { kind: 'value', value: 42, raw: '42' }],
    ['NaN', ok({ resultType: 'vector', result: [sample('NaN')] }), { kind: 'value', value: Number.NaN, raw: 'NaN' }],
    [
      '+Inf',
      ok({ resultType: 'vector', result: [sample('+Inf')] }),
      { kind: 'value', value: Number.POSITIVE_INFINITY, raw: '+Inf' },
    ],
    [
      '-Inf',
      ok({ resultType: 'scalar', result: [1, '-Inf'] }),
      { kind: 'value', value: Number.NEGATIVE_INFINITY, raw: '-Inf' },
    ],
    [
      'an exponent',
      ok({ resultType: 'vector', result: [sample('1.5e-05')] }),
      { kind: 'value', value: 0.000015, raw: '1.5e-05' },
    ],
    ['an empty vector', ok({ resultType: 'vector', result: [] }), { kind: 'no-data', raw: '[]' }],
    [
      'three series',
      ok({
        resultType: 'vector',
        result: [
          { metric: { code: '200', slot: 'blue' }, value: [1, '1'] },
          { metric: { code: '500', slot: 'blue' }, value: [1, '2'] },
          { metric: { code: '404' }, value: [1, '3'] },
        ],
      }),
      {
        kind: 'error',
        reason:
          'query returned 3 series; expected one (aggregate with sum(...)): {code="200", slot="blue"}, {code="500", slot="blue"}, ...',
        raw: '[{"metric":{"code":"200","slot":"blue"},"value":[1,"1"]},{"metric":{"code":"500","slot":"blue"},"value":[1,"2"]},{"metric":{"code":"404"},"value":[1,"3"]}]',
      },
    ],
    [
      'a range vector',
      ok({ resultType: 'matrix', result: [] }),
      {
        kind: 'error',
        reason:
          'query returned a range vector; expected one value (wrap the [range] selector in a function like rate())',
      },
    ],
    [
      'a string',
      ok({ resultType: 'string', result: [1, 'x'] }),
      { kind: 'error', reason: 'query returned a string; expected a number' },
    ],
    [
      'a sample that is not a number',
      ok({ resultType: 'vector', result: [sample('abc')] }),
      { kind: 'error', reason: "sample value 'abc' is not a number", raw: 'abc' },
    ],
    [
      'a bad query',
      {
        kind: 'response',
        status: 400,
        body: '{"status":"error","errorType":"bad_data","error":"1:14: parse error: unclosed left parenthesis"}',
        latencyMs: 2,
      },
      {
        kind: 'error',
        reason: 'Prometheus rejected the query (400): bad_data: 1:14: parse error: unclosed left parenthesis',
        raw: '{"status":"error","errorType":"bad_data","error":"1:14: parse error: unclosed left parenthesis"}',
      },
    ],
    [
      'a query that timed out in Prometheus',
      {
        kind: 'response',
        status: 503,
        body: '{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}',
        latencyMs: 2,
      },
      {
        kind: 'error',
        reason: 'Prometheus failed the query (503): timeout: query timed out in expression evaluation',
        raw: '{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}',
      },
    ],
    [
      'a proxy page instead of Prometheus',
      { kind: 'response', status: 502, body: '<html>\n<body>Bad Gateway</body>\n</html>', latencyMs: 2 },
      {
        kind: 'error',
        reason:
          'Prometheus at http://127.0.0.1:9090 answered 502 with a body that is not JSON: <html> <body>Bad Gateway</body> </html>',
        raw: '<html> <body>Bad Gateway</body> </html>',
      },
    ],
    [
      'a refused connection',
      { kind: 'failure', failure: 'refused', reason: 'connection refused', latencyMs: 1 },
      { kind: 'error', reason: 'Prometheus at http://127.0.0.1:9090 unreachable: connection refused' },
    ],
    [
      'a timeout',
      { kind: 'failure', failure: 'timeout', reason: 'no response within 2s', latencyMs: 2_000 },
      { kind: 'error', reason: 'Prometheus at http://127.0.0.1:9090 unreachable: no response within 2s' },
    ],
  ])('reads %s', async (_, answer, expected) => {
    const provider = createPrometheusProvider({
      http: answering(answer),
      baseUrl: 'http://127.0.0.1:9090',
      timeoutMs: 2_000,
    });
    expect(await provider.measure('q')).toEqual(expected);
  });

  it('never shows the credentials of the base URL', async () => {
    const provider = createPrometheusProvider({
      http: answering({ kind: 'failure', failure: 'refused', reason: 'connection refused', latencyMs: 1 }),
      baseUrl: 'https://admin:s3cret@prom.example.com/',
      timeoutMs: 2_000,
    });
    expect(await provider.measure('up')).toEqual({
      kind: 'error',
      reason: 'Prometheus at https://prom.example.com unreachable: connection refused',
    });
  });

  it('passes the signal on to the HTTP client', async () => {
    let seen: AbortSignal | undefined;
    const provider = createPrometheusProvider({
      http: {
        request: (_, signal) => {
          seen = signal;
          return Promise.resolve({ kind: 'failure', failure: 'aborted', reason: 'aborted', latencyMs: 0 });
        },
      },
      baseUrl: 'http://127.0.0.1:9090',
      timeoutMs: 1_000,
    });
    const controller = new AbortController();
    await provider.measure('up', controller.signal);
    expect(seen).toBe(controller.signal);
  });
});

describe('parseSampleValue', () => {
  it.each<[string, number | undefined]>([
    ['0', 0],
    ['0.0833', 0.0833],
    ['-2', -2],
    ['1e3', 1_000],
    ['1.5e-05', 0.000015],
    ['.5', 0.5],
    [' 7 \n', 7],
    ['NaN', Number.NaN],
    ['+Inf', Number.POSITIVE_INFINITY],
    ['Inf', Number.POSITIVE_INFINITY],
    ['-Inf', Number.NEGATIVE_INFINITY],
    ['', undefined],
    ['0x10', undefined],
    ['1,5', undefined],
    ['12abc', undefined],
    ['Infinity', undefined],
    ['1 2', undefined],
  ])('reads %j as %d', (text, expected) => {
    expect(parseSampleValue(text)).toBe(expected);
  });
});
