import { describe, expect, it } from 'vitest';
import type { GateReporter } from '../../../src/health/gate-reporter.js';
import { type HealthcheckAdapters, run } from '../../../src/health/healthcheck-action.js';
import type { HttpClient, HttpRequest } from '../../../src/health/http-client.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeRuntime } from '../../support/fake-runtime.js';

const DEFAULTS = {
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
  'github-token': 'ghs_token123',
};

function adapters(status: number, clock = new FakeClock()) {
  const requests: HttpRequest[] = [];
  const reporters: string[] = [];
  const http: HttpClient = {
    async request(request) {
      requests.push(request);
      return { kind: 'response', status, body: '{"status":"UP"}', latencyMs: 3 };
    },
  };
  const fake: HealthcheckAdapters = {
    clock,
    http: () => http,
    prepareAnalysis: async () => undefined,
    gateReporter: async (options) => {
      reporters.push(options.token);
      return {} as GateReporter;
    },
  };
  return { fake, requests, reporters, clock };
}

describe('healthcheck action run', () => {
  it('reports a healthy URL in the outputs and the summary, and exits 0', async () => {
    const runtime = new FakeRuntime({ ...DEFAULTS, urls: 'https://app.example.com/health' });
    const { fake, requests, clock } = adapters(200);
    await clock.run(run(runtime, fake));
    expect(runtime.failures).toEqual([]);
    expect(runtime.exitCode).toBeUndefined();
    expect(runtime.outputs.healthy).toBe('true');
    expect(runtime.outputs.failed).toBe('');
    expect(JSON.parse(runtime.outputs.report ?? '{}')).toMatchObject({ healthy: true });
    expect(runtime.summary).toContain('app.example.com');
    expect(requests.map((r) => r.url)).toEqual(['https://app.example.com/health']);
    expect(runtime.secrets).toContain('ghs_token123');
  });

  it('fails with the reason and exit code 1 when the URL answers 503 until the deadline', async () => {
    const runtime = new FakeRuntime({ ...DEFAULTS, urls: 'https://app.example.com/health', deadline: '10s' });
    const { fake, clock } = adapters(503);
    await clock.run(run(runtime, fake));
    expect(runtime.outputs.healthy).toBe('false');
    expect(runtime.failures).toHaveLength(1);
    expect(runtime.failures[0]).toMatch(/^healthcheck: /);
    expect(runtime.exitCode).toBe(1);
  });

  it('refuses a bad input with one line naming it, exit 1, and no request sent', async () => {
    const runtime = new FakeRuntime({ ...DEFAULTS, urls: 'https://app.example.com/health', timeout: '5x' });
    const { fake, requests, clock } = adapters(200);
    await clock.run(run(runtime, fake));
    expect(runtime.failures).toEqual([expect.stringMatching(/^healthcheck: input 'timeout' is '5x'; expected /)]);
    expect(runtime.exitCode).toBe(1);
    expect(requests).toEqual([]);
    expect(runtime.outputs).toEqual({});
  });

  it('builds the GitHub reporter only when the settings report to GitHub', async () => {
    const quiet = adapters(200);
    await quiet.clock.run(run(new FakeRuntime({ ...DEFAULTS, urls: 'https://a.example.com/' }), quiet.fake));
    expect(quiet.reporters).toEqual([]);
  });
});
