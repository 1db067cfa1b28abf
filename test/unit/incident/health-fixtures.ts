import type { HealthcheckReport } from '../../../src/incident/healthcheck-report.js';

/**
 * Healthcheck reports as the healthcheck action writes its `report` output (src/health/healthcheck.ts):
 * a monitor of api in production whose readiness answers 503 while liveness passes, with an error-rate
 * metric over its max; and the same monitor passing again.
 */
export function readinessDown(): HealthcheckReport {
  return {
    healthy: false,
    reason:
      'http://10.0.0.11:8080/health/ready: not healthy within 1m: 503 on 5 consecutive probes (last body: {"status":"DOWN","db":"timeout"})',
    startedAt: '2026-11-22T03:00:00.000Z',
    finishedAt: '2026-11-22T03:01:00.000Z',
    checks: [
      {
        url: 'http://10.0.0.11:8080/health/live',
        verdict: 'healthy',
        attempts: 1,
        lastStatus: 200,
        latencyMs: { p50: 4.2, p95: 6.9 },
        reason: null,
      },
      {
        url: 'http://10.0.0.11:8080/health/ready',
        verdict: 'unhealthy',
        attempts: 5,
        lastStatus: 503,
        latencyMs: { p50: 12.3, p95: 30.1 },
        reason:
          'http://10.0.0.11:8080/health/ready: not healthy within 1m: 503 on 5 consecutive probes (last body: {"status":"DOWN","db":"timeout"})',
      },
    ],
    analysis: {
      verdict: 'Failed',
      reason: 'error-rate: 0.0833 > max 0.01 on 2 of 2 measurements (failure-limit 0)',
      metrics: [
        {
          name: 'error-rate',
          verdict: 'Failed',
          reason: 'error-rate: 0.0833 > max 0.01 on 2 of 2 measurements (failure-limit 0)',
          condition: '<= 0.01',
          max: 0.01,
          dryRun: false,
          measurements: [
            { at: '2026-11-22T03:00:30Z', value: 0.0712, query: 'sum(rate(errors[1m]))', verdict: 'Failed' },
            { at: '2026-11-22T03:01:00Z', value: 0.0833, query: 'sum(rate(errors[1m]))', verdict: 'Failed' },
          ],
        },
      ],
    },
  };
}

export function allPassing(): HealthcheckReport {
  const down = readinessDown();
  return {
    healthy: true,
    reason: null,
    startedAt: '2026-11-22T04:00:00.000Z',
    finishedAt: '2026-11-22T04:00:01.000Z',
    checks: down.checks.map((check) => ({ ...check, verdict: 'healthy', lastStatus: 200, reason: null })),
  };
}
