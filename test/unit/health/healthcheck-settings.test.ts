import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import {
  HEALTHCHECK_DEFAULTS,
  HEALTHCHECK_INPUT_NAMES,
  parseHealthcheckInputs,
  rawSecrets,
  splitUrls,
} from '../../../src/health/healthcheck-settings.js';
import { readActionYaml } from '../../support/action-runner.js';

const noPr = {};

function parse(inputs: Record<string, string>, context: Parameters<typeof parseHealthcheckInputs>[1] = noPr) {
  return parseHealthcheckInputs(inputs, context);
}

function errorOf(inputs: Record<string, string>): string {
  try {
    parse(inputs);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('healthcheck inputs', () => {
  it('has the same inputs and defaults as action.yml', () => {
    const action = readActionYaml('healthcheck');
    expect(Object.keys(action.inputs ?? {}).sort()).toEqual([...HEALTHCHECK_INPUT_NAMES].sort());
    const defaults = Object.fromEntries(
      Object.entries(action.inputs ?? {})
        .filter(([name, spec]) => spec.default !== undefined && name !== 'github-token')
        .map(([name, spec]) => [name, spec.default]),
    );
    expect(defaults).toEqual(HEALTHCHECK_DEFAULTS);
  });

  it('reads the defaults into settings', () => {
    const settings = parse({ urls: 'http://127.0.0.1:8080/health' });
    expect(settings.timing).toEqual({
      intervalMs: 2_000,
      successThreshold: 1,
      failureThreshold: 3,
      deadlineMs: 120_000,
      durationMs: 0,
      concurrency: 16,
    });
    expect(settings.reportTo).toEqual(['summary']);
    expect(settings.targets[0]?.request).toMatchObject({ method: 'GET', timeoutMs: 5_000, insecure: false });
  });

  it.each([
    [{ timeout: '5x' }, "healthcheck: input 'timeout' is '5x'; expected a duration like 500ms, 5s, 2m or 1h"],
    [
      { timeout: '0s' },
      "healthcheck: input 'timeout' is '0s'; expected a duration like 500ms, 5s, 2m or 1h, at least 1ms",
    ],
    [{ duration: '-1s' }, "healthcheck: input 'duration' is '-1s'; expected a duration like 500ms, 5s, 2m or 1h"],
    [
      { deadline: '2 minutes' },
      "healthcheck: input 'deadline' is '2 minutes'; expected a duration like 500ms, 5s, 2m or 1h",
    ],
    [
      { 'expected-status': '2xx' },
      "healthcheck: input 'expected-status' is '2xx'; expected status codes and ranges like 200,204,300-399 (each 100-599)",
    ],
    [
      { 'expected-status': '299-200' },
      "healthcheck: input 'expected-status' is '299-200'; expected status codes and ranges like 200,204,300-399 (each 100-599)",
    ],
    [
      { urls: 'not a url' },
      "healthcheck: input 'urls' is 'not a url'; expected absolute http:// or https:// URLs, one per line or comma-separated",
    ],
    [
      { urls: 'ftp://host/file' },
      "healthcheck: input 'urls' is 'ftp://host/file'; expected absolute http:// or https:// URLs, one per line or comma-separated",
    ],
    [
      { urls: 'http://{address}/health' },
      "healthcheck: input 'urls' is 'http://{address}/health'; expected absolute http:// or https:// URLs, one per line or comma-separated; {address} is not known here ({pr} is)",
    ],
    [
      { urls: 'https://pr-{pr}.preview.example/health' },
      "healthcheck: input 'urls' is 'https://pr-{pr}.preview.example/health'; expected absolute http:// or https:// URLs, one per line or comma-separated; {pr} needs a pull_request event",
    ],
    [{ urls: '' }, "healthcheck: input 'urls' is missing; expected a value (it is required)"],
    [
      { 'expect-json': '["UP"]' },
      `healthcheck: input 'expect-json' is '["UP"]'; expected a JSON object such as {"status":"UP"}`,
    ],
    [
      { 'expect-json': '{status: UP}' },
      `healthcheck: input 'expect-json' is '{status: UP}'; expected a JSON object such as {"status":"UP"}`,
    ],
    [
      { 'expect-json': 'null' },
      `healthcheck: input 'expect-json' is 'null'; expected a JSON object such as {"status":"UP"}`,
    ],
    [
      { 'expect-text': '/(unclosed/' },
      "healthcheck: input 'expect-text' is '/(unclosed/'; expected a substring, or a valid /regular expression/",
    ],
    [
      { headers: 'Authorization Bearer s3cret' },
      "healthcheck: input 'headers' is '***'; expected 'Name: value' on each line (line 1)",
    ],
    [
      { headers: 'X-Ok: 1\nBad Name: s3cret' },
      "healthcheck: input 'headers' is 'Bad Name: ***'; expected 'Name: value' on each line (line 2)",
    ],
    [
      { 'success-threshold': '0' },
      "healthcheck: input 'success-threshold' is '0'; expected a whole number from 1 to 1000",
    ],
    [
      { 'failure-threshold': '-2' },
      "healthcheck: input 'failure-threshold' is '-2'; expected a whole number from 1 to 1000",
    ],
    [{ concurrency: '0' }, "healthcheck: input 'concurrency' is '0'; expected a whole number from 1 to 1000"],
    [{ concurrency: '1.5' }, "healthcheck: input 'concurrency' is '1.5'; expected a whole number from 1 to 1000"],
    [{ insecure: 'yes' }, "healthcheck: input 'insecure' is 'yes'; expected true or false"],
    [
      { method: 'FETCH' },
      "healthcheck: input 'method' is 'FETCH'; expected one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
    ],
    [
      { 'report-to': 'summary,slack' },
      "healthcheck: input 'report-to' is 'summary,slack'; expected a comma- or newline-separated list of summary, pr-comment, commit-status",
    ],
  ])('rejects %j with one line naming the input, the value and the form', (inputs, message) => {
    expect(errorOf({ urls: 'http://127.0.0.1/health', ...inputs })).toBe(message);
  });

  it('never shows URL credentials in an error', () => {
    const message = errorOf({ urls: 'http://user:hunter2@/health' });
    expect(message).not.toContain('hunter2');
  });

  it('expands {pr} from the pull request and hides URL credentials in the name', () => {
    const settings = parse({ urls: 'https://ci:pa55@pr-{pr}.preview.example/health' }, { pullRequest: { number: 42 } });
    expect(settings.targets[0]?.request.url).toBe('https://ci:pa55@pr-42.preview.example/health');
    expect(settings.targets[0]?.name).toBe('https://***@pr-42.preview.example/health');
  });

  it('reads headers, expect-json, expect-text and report targets', () => {
    const settings = parse({
      urls: 'http://127.0.0.1/a\nhttp://127.0.0.1/b',
      headers: 'Authorization: Bearer abc\nX-Probe: shipgate',
      'expect-json': '{"status":"UP"}',
      'expect-text': '/ready|ok/i',
      'report-to': 'summary, pr-comment\ncommit-status',
      method: 'head',
    });
    expect(settings.targets.map((t) => t.name)).toEqual(['http://127.0.0.1/a', 'http://127.0.0.1/b']);
    expect(settings.targets[0]?.request.headers).toEqual({ authorization: 'Bearer abc', 'x-probe': 'shipgate' });
    expect(settings.targets[0]?.request.method).toBe('HEAD');
    expect(settings.targets[0]?.expect.json).toEqual({ status: 'UP' });
    expect(settings.targets[0]?.expect.text).toEqual({ pattern: /ready|ok/i });
    expect(settings.reportTo).toEqual(['summary', 'pr-comment', 'commit-status']);
  });

  it('splits URLs on newlines and on commas that start another URL, keeping commas inside a URL', () => {
    expect(splitUrls('http://a/x?q=1,2, https://b/\nhttp://c/')).toEqual([
      'http://a/x?q=1,2',
      'https://b/',
      'http://c/',
    ]);
  });

  it('finds the secrets to mask before parsing: header values, URL passwords and the token', () => {
    expect(
      rawSecrets({
        headers: 'Authorization: Bearer abc\nnot a header',
        urls: 'http://u:p%40ss@h/',
        'github-token': 'ghs_x',
      }).sort(),
    ).toEqual(['Bearer abc', 'ghs_x', 'not a header', 'p%40ss', 'p@ss'].sort());
  });
});
