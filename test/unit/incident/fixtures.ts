import type { DeployReport } from '../../../src/core/deploy-report.js';
import type { RunContext } from '../../../src/core/run-context.js';

/** The fixture's clock: the incident is opened 20 s after the deploy finished. */
export const OPENED_AT = Date.parse('2026-11-22T03:02:30Z');

const ERROR_RATE =
  'sum(rate(http_requests_total{slot="green",code=~"5.."}[1m])) / sum(rate(http_requests_total{slot="green"}[1m]))';
const ERROR_RATE_BLUE = ERROR_RATE.replace(/green/g, 'blue');

/**
 * A canary of api 1.4.2 on production: deployed to green and gated before traffic, took 10%, and its
 * error-rate gate failed (3 of 4 measurements over max 0.01), so traffic went back to blue (1.4.1), the
 * gate after the rollback passed, and green was retired.
 */
export function canaryRolledBack(): DeployReport {
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
    runUrl: 'https://github.com/acme/shop/actions/runs/812345',
    sha: '9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6',
    deploymentId: 42,
    deploymentUrl: 'https://github.com/acme/shop/deployments/production',
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
              url: 'http://127.0.0.1:8082/actuator/health',
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
              url: 'http://127.0.0.1:8082/actuator/health',
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
              dryRun: false,
              measurements: [
                { at: '2026-11-22T03:00:51Z', query: ERROR_RATE, value: 0.0021, raw: '0.0021', verdict: 'Successful' },
                { at: '2026-11-22T03:01:06Z', query: ERROR_RATE, value: 0.0833, raw: '0.0833', verdict: 'Failed' },
                { at: '2026-11-22T03:01:21Z', query: ERROR_RATE, value: 0.1124, raw: '0.1124', verdict: 'Failed' },
                { at: '2026-11-22T03:01:36Z', query: ERROR_RATE, value: 0.1267, raw: '0.1267', verdict: 'Failed' },
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
              url: 'http://127.0.0.1:8081/actuator/health',
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
                  query: ERROR_RATE_BLUE,
                  value: 0.0012,
                  raw: '0.0012',
                  verdict: 'Successful',
                },
                {
                  at: '2026-11-22T03:02:07Z',
                  query: ERROR_RATE_BLUE,
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

/** The same canary, but the route back failed: production may still send 10% to 1.4.2. */
export function canaryRollbackFailed(): DeployReport {
  const report = canaryRolledBack();
  const steps = report.steps.slice(0, 4).concat([
    {
      name: 'route 100% to blue',
      startedAt: '2026-11-22T03:01:36Z',
      finishedAt: '2026-11-22T03:01:46Z',
      outcome: 'failed',
      rollback: true,
      slot: 'blue',
      hooks: [{ name: 'route', exitCode: 1, durationMs: 10_000 }],
      error: 'route hook exited 1: nginx: [emerg] host not found in upstream "blue"',
    },
  ]);
  return {
    ...report,
    result: 'failed',
    failureReason: `${report.failureReason}; rollback failed: route 100% to blue: route hook exited 1`,
    rollback: {
      enabled: true,
      attempted: true,
      succeeded: false,
      failures: ['route 100% to blue: route hook exited 1: nginx: [emerg] host not found in upstream "blue"'],
    },
    finishedAt: '2026-11-22T03:01:46Z',
    steps,
  };
}

export const RUN: RunContext = {
  repository: { owner: 'acme', repo: 'shop' },
  sha: '9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6',
  runId: '812345',
  runAttempt: '1',
  runUrl: 'https://github.com/acme/shop/actions/runs/812345',
  apiUrl: 'https://api.github.com',
  serverUrl: 'https://github.com',
  inActions: true,
  workspace: '/tmp',
};

/** A workspace with no files: the config is absent (no defaults), and a template cannot be read. */
export const NO_FILES = {
  readFile: async (path: string): Promise<string> => {
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  },
};
