import { describe, expect, it } from 'vitest';
import '../../../src/health/analysis/analysis.js'; // loaded by the gate on demand; loaded here so the fake clock never waits on it
import { parseStatusSet } from '../../../src/core/status-set.js';
import { type DeployPorts, runDeploy } from '../../../src/deploy/deploy.js';
import type { DeploySettings, HookPoint } from '../../../src/deploy/settings.js';
import type { MetricProvider } from '../../../src/health/analysis/metric-provider.js';
import type { HttpClient } from '../../../src/health/http-client.js';
import { EMPTY_STATE, type EnvironmentState, type HistoryEntry, type StateStore } from '../../../src/state/ports.js';
import {
  describeRoute,
  HookError,
  type HookValues,
  type LifecycleHookRunner,
  type Router,
  type WorkloadDriver,
} from '../../../src/target/ports.js';
import { FakeClock } from '../../support/fake-clock.js';

/** What happened, in order: deploys, retires, routes and hooks, as one timeline. */
interface Event {
  readonly what: string;
  readonly values?: HookValues;
}

function world(initial: EnvironmentState, failing: ReadonlySet<string> = new Set()) {
  const running = new Map<string, string>();
  const events: Event[] = [];
  let state = initial;
  for (const [slot, held] of Object.entries(initial.slots)) {
    if (held?.up) running.set(slot === 'blue' ? 'b:1' : 'g:1', held.version);
  }
  for (const [instance, version] of Object.entries(initial.instances)) running.set(instance, version);
  const driver: WorkloadDriver = {
    async deploy(values) {
      events.push({ what: `deploy ${values.version} ${values.slot}`, values });
      for (const address of values.addresses ?? []) running.set(address, values.version);
      return { hook: 'deploy', exitCode: 0, durationMs: 1, timedOut: false };
    },
    async retire(values) {
      events.push({ what: `retire ${values.slot}`, values });
      for (const address of values.addresses ?? []) running.delete(address);
      return { hook: 'retire', exitCode: 0, durationMs: 1, timedOut: false };
    },
  };
  const router: Router = {
    async apply(route) {
      events.push({ what: `route ${describeRoute(route)}` });
      return { hooks: [] };
    },
  };
  const lifecycle: LifecycleHookRunner = {
    async run(hook, _command, values) {
      events.push({ what: `hook ${hook}`, values });
      const run = { hook, exitCode: failing.has(hook) ? 3 : 0, durationMs: 1, timedOut: false };
      if (failing.has(hook)) throw new HookError(run, 'exited with code 3: smoke test failed');
      return run;
    },
  };
  const http: HttpClient = {
    async request(request) {
      const healthy = running.has(new URL(request.url).host);
      return { kind: 'response', status: healthy ? 200 : 503, body: '', latencyMs: 1 };
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
  const quiet = () => undefined;
  const ports: DeployPorts = {
    driver,
    router,
    lifecycle,
    store,
    http,
    clock,
    logger: { info: quiet, warning: quiet, error: quiet, debug: quiet, mask: quiet },
    context: { apiUrl: '', serverUrl: '', workspace: '/tmp', inActions: false },
    holder: 'test',
    newId: () => 'id',
  };
  return { ports, clock, events, running };
}

const HOOKS: Record<HookPoint, string> = {
  preflight: './preflight.sh',
  'before-traffic': './migrate.sh',
  'after-traffic': './smoke.sh',
  'after-rollback': './verify.sh',
};

function settings(version: string, overrides: Partial<DeploySettings> = {}): DeploySettings {
  return {
    service: 'api',
    environment: 'production',
    version,
    strategy: 'blue-green',
    phase: 'full',
    rollbackOnError: true,
    dryRun: false,
    target: { deploy: 'x', timeoutMs: 1_000, slots: { blue: ['b:1'], green: ['g:1'] } },
    router: { kind: 'command', route: 'x', timeoutMs: 1_000 },
    health: {
      checks: [
        {
          kind: 'http',
          url: 'http://{address}/health',
          method: 'GET',
          headers: {},
          expect: { status: parseStatusSet('200')! },
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
    rolling: { batch: { count: 1 }, pauseMs: 0, drainMs: 0 },
    hooks: HOOKS,
    ...overrides,
  };
}

const blueLive: EnvironmentState = {
  ...EMPTY_STATE,
  activeSlot: 'blue',
  activeVersion: '1.0.0',
  slots: { blue: { version: '1.0.0', up: true } },
};

const whats = (events: readonly Event[]) => events.map((event) => event.what);

describe('lifecycle hooks in a deploy', () => {
  it('runs preflight first, before-traffic before any route, after-traffic at 100% before the old slot retires', async () => {
    const { ports, clock, events } = world(blueLive);
    const outcome = await clock.run(runDeploy(settings('2.0.0'), ports));
    expect(outcome.result).toBe('succeeded');
    expect(whats(events)).toEqual([
      'hook preflight',
      'deploy 2.0.0 green',
      'hook before-traffic',
      'route blue=0 green=100',
      'hook after-traffic',
      'retire blue',
    ]);
    const preflight = events[0]?.values;
    expect(preflight).toMatchObject({ version: '2.0.0', previousVersion: '1.0.0', slot: 'green', addresses: ['g:1'] });
    expect(outcome.report.steps.map((step) => step.name)).toContain('before-traffic hook: ./migrate.sh');
  });

  it('is aborted, with nothing changed, when the preflight hook fails', async () => {
    const { ports, clock, events } = world(blueLive, new Set(['preflight']));
    const outcome = await clock.run(runDeploy(settings('2.0.0'), ports));
    expect(outcome.result).toBe('aborted');
    expect(whats(events)).toEqual(['hook preflight']);
    expect(outcome.report.failureReason).toBe('preflight hook exited with code 3: smoke test failed');
    expect(outcome.report.steps[0]?.hooks?.[0]).toMatchObject({ name: 'preflight', exitCode: 3 });
    expect(outcome.state.activeVersion).toBe('1.0.0');
  });

  it('retires the new slot without routing to it when the before-traffic hook fails', async () => {
    const { ports, clock, events } = world(blueLive, new Set(['before-traffic']));
    const outcome = await clock.run(runDeploy(settings('2.0.0'), ports));
    expect(outcome.result).toBe('rolled-back');
    expect(whats(events).filter((what) => what.startsWith('route'))).toEqual([]);
    expect(whats(events)).toContain('retire green');
  });

  it('routes back to the stable slot and retires the new one when the after-traffic hook fails', async () => {
    const { ports, clock, events } = world(blueLive, new Set(['after-traffic']));
    const outcome = await clock.run(runDeploy(settings('2.0.0'), ports));
    expect(outcome.result).toBe('rolled-back');
    const order = whats(events);
    expect(order.slice(order.indexOf('hook after-traffic'))).toEqual([
      'hook after-traffic',
      'route blue=100',
      'retire green',
      'hook after-rollback',
    ]);
    expect(outcome.state.activeSlot).toBe('blue');
  });

  it('runs after-rollback on the restored version and records the recovery gate in the report', async () => {
    const { ports, clock, events } = world(blueLive, new Set(['after-traffic']));
    const outcome = await clock.run(runDeploy(settings('2.0.0'), ports));
    const afterRollback = events.find((event) => event.what === 'hook after-rollback')?.values;
    expect(afterRollback).toMatchObject({
      version: '1.0.0',
      previousVersion: '2.0.0',
      slot: 'blue',
      addresses: ['b:1'],
    });
    const verify = outcome.report.steps.find((step) => step.name.startsWith('verify recovery'));
    expect(verify).toMatchObject({ rollback: true, outcome: 'succeeded', gate: { verdict: 'passed' } });
    expect(verify?.gate?.checks?.[0]?.url).toBe('http://b:1/health');
  });

  it('is failed, not rolled-back, when the after-rollback hook fails', async () => {
    const { ports, clock } = world(blueLive, new Set(['after-traffic', 'after-rollback']));
    const outcome = await clock.run(runDeploy(settings('2.0.0'), ports));
    expect(outcome.result).toBe('failed');
    expect(outcome.report.rollback).toMatchObject({ attempted: true, succeeded: true });
    expect(outcome.report.failureReason).toMatch(
      /; recovery verification failed: after-rollback hook exited with code 3/,
    );
  });

  it('measures the metrics again on the restored slot for at least one interval', async () => {
    const { ports, clock } = world(blueLive, new Set(['after-traffic']));
    const queries: string[] = [];
    const prometheus: MetricProvider = {
      measure: async (query) => {
        queries.push(query);
        return { kind: 'value', value: 0, raw: '0' };
      },
    };
    const metric = {
      name: 'error-rate',
      query: 'rate{slot="{slot}",version="{version}"}',
      max: 0.01,
      intervalMs: 5_000,
      failureLimit: 0,
      inconclusiveLimit: 0,
      errorLimit: 4,
      onNoData: 'fail' as const,
      dryRun: false,
      provider: 'prometheus' as const,
    };
    const withMetrics = settings('2.0.0', { analysis: { prometheusUrl: 'http://p', metrics: [metric] } });
    const analysis = { clock, logger: ports.logger, providers: { prometheus } };
    const outcome = await clock.run(runDeploy(withMetrics, { ...ports, analysis }));
    expect(outcome.result).toBe('rolled-back');
    expect(queries).toEqual(['rate{slot="blue",version="1.0.0"}']);
    const verify = outcome.report.steps.find((step) => step.name.startsWith('verify recovery'));
    expect(verify?.name).toBe('verify recovery: blue (1.0.0) for 5s');
    expect(verify?.gate?.metrics?.[0]).toMatchObject({ name: 'error-rate', verdict: 'Successful' });
  });
});

describe('lifecycle hooks in a rolling deploy', () => {
  const rolling = (version: string) =>
    settings(version, {
      strategy: 'rolling',
      target: { deploy: 'x', timeoutMs: 1_000, instances: ['a:1', 'c:1'] },
    });
  const v1: EnvironmentState = {
    ...EMPTY_STATE,
    activeVersion: '1.0.0',
    instances: { 'a:1': '1.0.0', 'c:1': '1.0.0' },
  };

  it('runs before-traffic per batch before it is put back, and after-traffic once all run the new version', async () => {
    const { ports, clock, events } = world(v1);
    const outcome = await clock.run(runDeploy(rolling('2.0.0'), ports));
    expect(outcome.result).toBe('succeeded');
    expect(whats(events)).toEqual([
      'hook preflight',
      'route a:1=0 c:1=100',
      'deploy 2.0.0 undefined',
      'hook before-traffic',
      'route a:1=50 c:1=50',
      'route a:1=100 c:1=0',
      'deploy 2.0.0 undefined',
      'hook before-traffic',
      'route a:1=50 c:1=50',
      'hook after-traffic',
    ]);
    const beforeTraffic = events.filter((event) => event.what === 'hook before-traffic');
    expect(beforeTraffic.map((event) => event.values?.instances)).toEqual([['a:1'], ['c:1']]);
  });

  it('restores every updated batch and verifies all instances on the previous version when after-traffic fails', async () => {
    const { ports, clock, running } = world(v1, new Set(['after-traffic']));
    const outcome = await clock.run(runDeploy(rolling('2.0.0'), ports));
    expect(outcome.result).toBe('rolled-back');
    expect(Object.fromEntries(running)).toEqual({ 'a:1': '1.0.0', 'c:1': '1.0.0' });
    const verify = outcome.report.steps.find((step) => step.name.startsWith('verify recovery'));
    expect(verify?.name).toBe('verify recovery: a:1, c:1 (1.0.0)');
    expect(verify?.gate?.checks?.map((check) => check.url)).toEqual(['http://a:1/health', 'http://c:1/health']);
  });
});

describe('force', () => {
  it('redeploys the version already active and healthy, which is otherwise noop', async () => {
    const same = { ...blueLive, activeVersion: '2.0.0', slots: { blue: { version: '2.0.0', up: true } } };
    const plain = world(same);
    expect((await plain.clock.run(runDeploy(settings('2.0.0'), plain.ports))).result).toBe('noop');
    const forced = world(same);
    const said: string[] = [];
    const logger = { ...forced.ports.logger, info: (line: string) => said.push(line) };
    const outcome = await forced.clock.run(runDeploy(settings('2.0.0', { force: true }), { ...forced.ports, logger }));
    expect(outcome.result).toBe('succeeded');
    expect(said).toContain('deploy: 2.0.0 is already active; force is set, so it is deployed again');
    expect(whats(forced.events)).toContain('deploy 2.0.0 green');
    expect(outcome.state.activeSlot).toBe('green');
  });
});
