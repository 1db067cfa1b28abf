import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/core/logger.js';
import { prepareHealthcheckAnalysis } from '../../../src/health/healthcheck-analysis.js';
import type { HttpClient } from '../../../src/health/http-client.js';
import { FakeClock } from '../../support/fake-clock.js';

const silent: Logger = { info() {}, warning() {}, error() {}, debug() {}, mask() {} };
const http: HttpClient = { request: async () => ({ kind: 'response', status: 200, body: '', latencyMs: 1 }) };
const ports = { http, clock: new FakeClock(), logger: silent, cwd: '/tmp' };
const errorRate = '- name: error-rate\n  query: sum(rate(x{pr="{pr}"}[1m]))\n  max: 0.01\n';

describe('prepareHealthcheckAnalysis', () => {
  it('is nothing without metrics', () => {
    expect(prepareHealthcheckAnalysis({ metrics: '  ' }, ports)).toBeUndefined();
  });

  it('sets up the Prometheus provider and the {pr} placeholder', () => {
    const setup = prepareHealthcheckAnalysis(
      { metrics: errorRate, 'prometheus-url': 'http://127.0.0.1:9090' },
      { ...ports, pr: 42 },
    );
    expect(setup?.metrics.map((metric) => metric.name)).toEqual(['error-rate']);
    expect(setup?.placeholders).toEqual({ pr: '42' });
    expect(setup?.ports.providers.prometheus).toBeDefined();
  });

  it.each([
    [
      { metrics: errorRate },
      "healthcheck: input 'prometheus-url' is missing; expected the http:// or https:// URL of a Prometheus server (metric 'error-rate' queries Prometheus)",
    ],
    [
      { metrics: errorRate, 'prometheus-url': 'ftp://prometheus' },
      "healthcheck: input 'prometheus-url' is 'ftp://prometheus'; expected the http:// or https:// URL of a Prometheus server",
    ],
  ])('refuses %j in one line', (raw, message) => {
    expect(() => prepareHealthcheckAnalysis(raw, ports)).toThrow(message);
  });
});
