import type { DeployReport } from '../../src/core/deploy-report.js';

/**
 * Deploy reports as the deploy action writes its `report` output (src/core/deploy-report.ts), for the
 * incident action's end-to-end tests. They are handed over as JSON text, as a workflow passes
 * `${{ steps.deploy.outputs.report }}`.
 */

const errorRate = (slot: 'blue' | 'green') =>
  `sum(rate(http_requests_total{slot="${slot}",code=~"5.."}[1m])) / sum(rate(http_requests_total{slot="${slot}"}[1m]))`;

/**
 * A canary of api 1.4.2 on production, deployed by run `runId` of octo-org/web: green deployed and
 * gated before traffic, took 10%, its error-rate gate failed at 10% (3 of 4 measurements over max
 * 0.01), traffic went back to blue (1.4.1), the gate after the rollback passed, and green was retired.
 */
export function canaryRolledBack(runId = '7001'): DeployReport {
  return {
    operation: 'deploy',
    service: 'api',
    environment: 'production',
    strategy: 'canary',
    version: '1.4.2',
    previousVersion: '1.4.1',
    result: 'rolled-back',
    failureReason: 'gate 10%: error-rate: 0.1267 > max 0.01 on 3 of 4 measurements (failure-limit 0)',
    rollback: { enabled: true, attempted: true, succeeded: true },
    startedAt: '2026-11-22T03:00:00Z',
    finishedAt: '2026-11-22T03:02:10Z',
    runUrl: `https://github.com/octo-org/web/actions/runs/${runId}`,
    sha: '5d41402abc4b2a76b9719d911017c592ae5c1e0f',
    deploymentId: 1812,
    deploymentUrl: 'https://github.com/octo-org/web/deployments/production',
    activeSlot: 'blue',
    steps: [
      {
        name: 'deploy green',
        startedAt: '2026-11-22T03:00:00Z',
        finishedAt: '2026-11-22T03:00:20Z',
        outcome: 'succeeded',
        slot: 'green',
        hooks: [{ name: 'deploy', exitCode: 0, durationMs: 18_400 }],
      },
      {
        name: 'gate green before traffic',
        startedAt: '2026-11-22T03:00:20Z',
        finishedAt: '2026-11-22T03:00:35Z',
        outcome: 'succeeded',
        slot: 'green',
        weight: 0,
        gate: {
          verdict: 'passed',
          reason: null,
          checks: [
            {
              url: 'http://10.0.0.12:8080/actuator/health',
              verdict: 'healthy',
              reason: null,
              attempts: 3,
              lastStatus: 200,
              latencyMs: { p50: 4, p95: 9 },
            },
          ],
        },
      },
      {
        name: 'route 10% to green',
        startedAt: '2026-11-22T03:00:35Z',
        finishedAt: '2026-11-22T03:00:36Z',
        outcome: 'succeeded',
        slot: 'green',
        weight: 10,
        hooks: [{ name: 'route', exitCode: 0, durationMs: 412 }],
      },
      {
        name: 'gate 10%',
        startedAt: '2026-11-22T03:00:36Z',
        finishedAt: '2026-11-22T03:01:36Z',
        outcome: 'failed',
        slot: 'green',
        weight: 10,
        gate: {
          verdict: 'failed',
          reason: 'error-rate: 0.1267 > max 0.01 on 3 of 4 measurements (failure-limit 0)',
          checks: [
            {
              url: 'http://10.0.0.12:8080/actuator/health',
              verdict: 'healthy',
              reason: null,
              attempts: 30,
              lastStatus: 200,
              latencyMs: { p50: 5, p95: 14 },
            },
          ],
          metrics: [
            {
              name: 'error-rate',
              verdict: 'Failed',
              reason: 'error-rate: 0.1267 > max 0.01 on 3 of 4 measurements (failure-limit 0)',
              condition: '<= 0.01',
              max: 0.01,
              measurements: [
                {
                  at: '2026-11-22T03:00:51Z',
                  query: errorRate('green'),
                  value: 0.0021,
                  raw: '0.0021',
                  verdict: 'Successful',
                },
                {
                  at: '2026-11-22T03:01:06Z',
                  query: errorRate('green'),
                  value: 0.0833,
                  raw: '0.0833',
                  verdict: 'Failed',
                },
                {
                  at: '2026-11-22T03:01:21Z',
                  query: errorRate('green'),
                  value: 0.1124,
                  raw: '0.1124',
                  verdict: 'Failed',
                },
                {
                  at: '2026-11-22T03:01:36Z',
                  query: errorRate('green'),
                  value: 0.1267,
                  raw: '0.1267',
                  verdict: 'Failed',
                },
              ],
            },
          ],
        },
      },
      {
        name: 'route 100% to blue',
        startedAt: '2026-11-22T03:01:36Z',
        finishedAt: '2026-11-22T03:01:37Z',
        outcome: 'succeeded',
        rollback: true,
        slot: 'blue',
        weight: 0,
        hooks: [{ name: 'route', exitCode: 0, durationMs: 388 }],
      },
      {
        name: 'gate blue after rollback',
        startedAt: '2026-11-22T03:01:37Z',
        finishedAt: '2026-11-22T03:02:07Z',
        outcome: 'succeeded',
        rollback: true,
        slot: 'blue',
        gate: {
          verdict: 'passed',
          reason: 'all checks healthy; error-rate 0.0009 <= 0.01',
          checks: [
            {
              url: 'http://10.0.0.11:8080/actuator/health',
              verdict: 'healthy',
              reason: null,
              attempts: 15,
              lastStatus: 200,
              latencyMs: { p50: 4, p95: 8 },
            },
          ],
          metrics: [
            {
              name: 'error-rate',
              verdict: 'Successful',
              reason: 'error-rate: 2 of 2 measurements <= 0.01',
              condition: '<= 0.01',
              max: 0.01,
              measurements: [
                {
                  at: '2026-11-22T03:01:52Z',
                  query: errorRate('blue'),
                  value: 0.0012,
                  raw: '0.0012',
                  verdict: 'Successful',
                },
                {
                  at: '2026-11-22T03:02:07Z',
                  query: errorRate('blue'),
                  value: 0.0009,
                  raw: '0.0009',
                  verdict: 'Successful',
                },
              ],
            },
          ],
        },
      },
      {
        name: 'retire green',
        startedAt: '2026-11-22T03:02:07Z',
        finishedAt: '2026-11-22T03:02:10Z',
        outcome: 'succeeded',
        rollback: true,
        slot: 'green',
        hooks: [{ name: 'retire', exitCode: 0, durationMs: 2_900 }],
      },
    ],
  };
}

/** The fix: api 1.4.3 rolled out to production by canary, every gate passed. */
export function canarySucceeded(): DeployReport {
  const step = (
    name: string,
    startedAt: string,
    finishedAt: string,
    extra: Partial<DeployReport['steps'][number]> = {},
  ) => ({
    name,
    startedAt,
    finishedAt,
    outcome: 'succeeded' as const,
    ...extra,
  });
  return {
    operation: 'deploy',
    service: 'api',
    environment: 'production',
    strategy: 'canary',
    version: '1.4.3',
    previousVersion: '1.4.1',
    result: 'succeeded',
    failureReason: null,
    rollback: { enabled: true, attempted: false, succeeded: false },
    startedAt: '2026-11-22T05:10:00Z',
    finishedAt: '2026-11-22T05:14:05Z',
    runUrl: 'https://github.com/octo-org/web/actions/runs/7301',
    sha: '0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33',
    deploymentId: 1815,
    activeSlot: 'green',
    steps: [
      step('deploy green', '2026-11-22T05:10:00Z', '2026-11-22T05:10:20Z', { slot: 'green' }),
      step('route 10% to green', '2026-11-22T05:10:35Z', '2026-11-22T05:10:36Z', { slot: 'green', weight: 10 }),
      step('gate 10%', '2026-11-22T05:10:36Z', '2026-11-22T05:11:36Z', {
        slot: 'green',
        weight: 10,
        gate: { verdict: 'passed', reason: null },
      }),
      step('route 100% to green', '2026-11-22T05:13:36Z', '2026-11-22T05:13:37Z', { slot: 'green', weight: 100 }),
      step('retire blue', '2026-11-22T05:14:02Z', '2026-11-22T05:14:05Z', { slot: 'blue' }),
    ],
  };
}
