import { describe, expect, it } from 'vitest';
import { parseStatusSet } from '../../../src/core/status-set.js';
import { type DeployPorts, runDeploy } from '../../../src/deploy/deploy.js';
import type { DeploySettings } from '../../../src/deploy/settings.js';
import type { HttpClient } from '../../../src/health/http-client.js';
import { EMPTY_STATE, type EnvironmentState, type HistoryEntry, type StateStore } from '../../../src/state/ports.js';
import { describeRoute, type Router, type WorkloadDriver } from '../../../src/target/ports.js';
import { FakeClock } from '../../support/fake-clock.js';

/** The engine with small fakes for every port: what runs where is a map, health follows it. */
function world(initial: EnvironmentState, broken: ReadonlySet<string> = new Set()) {
  const running = new Map<string, string>();
  for (const [instance, version] of Object.entries(initial.instances)) running.set(instance, version);
  const routes: string[] = [];
  let state = initial;
  const driver: WorkloadDriver = {
    async deploy(values) {
      for (const address of values.addresses ?? []) running.set(address, values.version);
      return { hook: 'deploy', exitCode: 0, durationMs: 1, timedOut: false };
    },
    async retire(values) {
      for (const address of values.addresses ?? []) running.delete(address);
      return { hook: 'retire', exitCode: 0, durationMs: 1, timedOut: false };
    },
  };
  const router: Router = {
    async apply(route) {
      if (!route.groups.some((group) => group.weight > 0)) throw new Error('no server would take traffic');
      routes.push(describeRoute(route));
      return { hooks: [] };
    },
  };
  const http: HttpClient = {
    async request(request) {
      const address = new URL(request.url).host;
      const version = running.get(address);
      const healthy = version !== undefined && !version.includes('sick') && !broken.has(address);
      return {
        kind: 'response',
        status: healthy ? 200 : 503,
        body: healthy ? '{"status":"UP"}' : '{"status":"DOWN"}',
        latencyMs: 1,
      };
    },
  };
  const store: StateStore = {
    lock: async () => ({ release: async () => undefined, renew: async () => undefined }),
    readLock: async () => null,
    unlock: async () => null,
    read: async () => state,
    begin: async () => ({ deploymentId: null }),
    write: async (_key, next, entry: HistoryEntry) => {
      state = { ...next, history: [entry, ...state.history] };
    },
  };
  const clock = new FakeClock();
  const ports: DeployPorts = {
    driver,
    router,
    store,
    http,
    clock,
    logger: {
      info: () => undefined,
      warning: () => undefined,
      error: () => undefined,
      debug: () => undefined,
      mask: () => undefined,
    },
    context: { apiUrl: '', serverUrl: '', workspace: '/tmp', inActions: false },
    holder: 'test',
    newId: () => 'id',
  };
  return { ports, clock, routes, running };
}

function rolling(version: string): DeploySettings {
  return {
    service: 'api',
    environment: 'production',
    version,
    strategy: 'rolling',
    phase: 'full',
    rollbackOnError: true,
    dryRun: false,
    target: { deploy: 'x', timeoutMs: 1_000, instances: ['a:1', 'b:1', 'c:1', 'd:1'] },
    router: { kind: 'command', route: 'x', timeoutMs: 1_000 },
    health: {
      checks: [
        {
          kind: 'http',
          url: 'http://{address}/health',
          method: 'GET',
          headers: {},
          expect: { status: parseStatusSet('200-299')! },
        },
      ],
      timing: {
        intervalMs: 100,
        successThreshold: 1,
        failureThreshold: 2,
        deadlineMs: 1_000,
        durationMs: 0,
        concurrency: 4,
      },
      timeoutMs: 100,
      promotionWatchMs: 0,
    },
    canarySteps: [],
    scaleDownDelayMs: 0,
    rolling: { batch: { count: 2 }, pauseMs: 0, drainMs: 0 },
  };
}

describe('runDeploy (engine with fake ports)', () => {
  it('never puts an instance back in rotation after it failed its gate in a rolling rollback', async () => {
    const v1 = {
      ...EMPTY_STATE,
      activeVersion: '1.0.0',
      instances: { 'a:1': '1.0.0', 'b:1': '1.0.0', 'c:1': '1.0.0', 'd:1': '1.0.0' },
    };
    // Host c breaks when it is redeployed: 2.0.0 fails its gate there, and so does 1.0.0 on the way back.
    const { ports, clock, routes } = world(v1, new Set(['c:1']));
    const outcome = await clock.run(runDeploy(rolling('2.0.0'), ports));
    expect(outcome.result).toBe('failed');
    const failedRestore = routes.indexOf('a:1=0 b:1=0 c:1=0 d:1=0');
    expect(failedRestore).toBe(-1); // the router was never asked to route to nothing
    expect(routes).toEqual(['a:1=0 b:1=0 c:1=50 d:1=50', 'a:1=25 b:1=25 c:1=25 d:1=25', 'a:1=50 b:1=50 c:1=0 d:1=0']);
    const afterRestoreFailed = routes.slice(2);
    for (const route of afterRestoreFailed) expect(route).toMatch(/c:1=0 d:1=0$/);
    expect(outcome.report.failureReason).toMatch(
      /^gate failed: .*c:1.*; rollback failed: restore 1\.0\.0 on c:1, d:1: 1\.0\.0 is not healthy on c:1, d:1/,
    );
  });

  it('says failed, not rolled-back, when nothing had been changed to undo', async () => {
    const { ports, clock } = world({
      ...EMPTY_STATE,
      activeVersion: '1.0.0',
      instances: { 'a:1': '1.0.0', 'b:1': '1.0.0', 'c:1': '1.0.0', 'd:1': '1.0.0' },
    });
    const failingRouter: Router = { apply: async () => Promise.reject(new Error('load balancer unreachable')) };
    const outcome = await clock.run(runDeploy(rolling('2.0.0'), { ...ports, router: failingRouter }));
    expect(outcome.result).toBe('failed');
    expect(outcome.report.rollback).toMatchObject({ attempted: false });
    expect(outcome.report.failureReason).toBe('route a:1=0 b:1=0 c:1=50 d:1=50: load balancer unreachable');
  });
});
