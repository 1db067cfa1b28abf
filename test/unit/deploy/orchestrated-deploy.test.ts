import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/deploy/config.js';
import { type DeployPorts, runDeploy } from '../../../src/deploy/deploy.js';
import { renderDeploySummary } from '../../../src/deploy/deploy-summary.js';
import { type DeployInputs, resolveDeploySettings } from '../../../src/deploy/settings.js';
import { planDeploy } from '../../../src/deploy/strategies.js';
import type { HttpClient } from '../../../src/health/http-client.js';
import { EMPTY_STATE, type EnvironmentState, type HistoryEntry, type StateStore } from '../../../src/state/ports.js';
import { HookError, type LifecycleHookRunner } from '../../../src/target/ports.js';
import { createSwarmDriver } from '../../../src/target/swarm-driver.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeSwarm } from '../../support/fake-swarm.js';

const CONFIG = `
version: 1
services:
  weave-api:
    environments:
      production:
        strategy: rolling
        target:
          kind: swarm
          image: registry.example.com/weave-api:{version}
          service: weave_api
          addresses: ["10.0.1.10:8091", "10.0.1.10:8092"]
          timeout: 2m
        health:
          url: http://{address}/actuator/health
          interval: 1s
          failure-threshold: 2
          deadline: 30s
        rolling: { batch: 1, pause: 2s, order: start-first }
`;
const image = (version: string) => `registry.example.com/weave-api:${version}`;

function settingsFor(
  version: string,
  extra: Partial<DeployInputs> = {},
  config = parseConfig(CONFIG, '.github/shipgate.yml'),
) {
  const inputs: DeployInputs = {
    service: 'weave-api',
    environment: 'production',
    version,
    phase: 'full',
    rollbackOnError: true,
    dryRun: false,
    ...extra,
  };
  return resolveDeploySettings(config, inputs, '.github/shipgate.yml');
}

/** The engine on a fake Swarm: the addresses answer healthy unless the image they serve is "sick". */
function world(
  recorded: EnvironmentState,
  running: string,
  options: { sickFromSpec?: boolean; failingHook?: string } = {},
) {
  const clock = new FakeClock();
  const swarm = new FakeSwarm(clock);
  const service = swarm.add('weave_api', image(running));
  let state = recorded;
  const history: HistoryEntry[] = [];
  const store: StateStore = {
    lock: async () => ({ release: async () => undefined, renew: async () => undefined }),
    readLock: async () => null,
    unlock: async () => null,
    read: async () => state,
    begin: async () => ({ deploymentId: null }),
    write: async (_key, next, entry) => {
      history.unshift(entry);
      state = { ...next, history: [...history] };
    },
  };
  // sickFromSpec: the new tasks answer 503 from the moment the update starts (start-first).
  const served = () => (options.sickFromSpec ? service.image : service.running);
  const http: HttpClient = {
    async request() {
      const healthy = !served().includes('sick');
      return { kind: 'response', status: healthy ? 200 : 503, body: '', latencyMs: 1 };
    },
  };
  const logger = {
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    debug: () => undefined,
    mask: () => undefined,
  };
  const driver = createSwarmDriver({
    cli: swarm,
    docker: 'docker',
    image: 'registry.example.com/weave-api:{version}',
    timeoutMs: 120_000,
    service: 'weave_api',
    batch: { count: 1 },
    pauseMs: 2_000,
    order: 'start-first',
    clock,
    logger,
  });
  const hooksRun: string[] = [];
  const lifecycle: LifecycleHookRunner = {
    async run(hook, _command, values) {
      hooksRun.push(`${hook} ${values.version} while ${service.running}`);
      const run = { hook, exitCode: options.failingHook === hook ? 3 : 0, durationMs: 1, timedOut: false };
      if (options.failingHook === hook) throw new HookError(run, 'exited with code 3: smoke test failed');
      return run;
    },
  };
  const ports: DeployPorts = {
    driver,
    orchestrator: driver,
    lifecycle,
    router: null,
    store,
    http,
    clock,
    logger,
    context: { apiUrl: '', serverUrl: '', workspace: '/tmp', inActions: false },
    holder: 'test',
    newId: () => `id-${history.length}`,
  };
  return { clock, swarm, service, ports, state: () => state, hooksRun };
}

const v141: EnvironmentState = {
  ...EMPTY_STATE,
  activeVersion: '1.4.1',
  instances: { '10.0.1.10:8091': '1.4.1', '10.0.1.10:8092': '1.4.1' },
};

describe('a swarm rolling deploy (engine on a fake Swarm)', () => {
  it('plans one Swarm update gated while it runs, a gate after it, and the activation', () => {
    expect(planDeploy(settingsFor('1.4.2'), v141).steps.map((step) => step.name)).toEqual([
      'update weave_api to 1.4.2 (Swarm rolling update, gated while it runs)',
      'gate weave_api after the update',
      'make 1.4.2 active',
    ]);
  });

  it('runs preflight before the update and after-traffic after it; a failing after-traffic is undone by Swarm', async () => {
    const hooks = CONFIG.replace(
      '        rolling: { batch: 1, pause: 2s, order: start-first }',
      '        rolling: { batch: 1, pause: 2s, order: start-first }\n        hooks: { preflight: ./deploy/check.sh, after-traffic: ./deploy/smoke.sh }',
    );
    const settings = settingsFor('1.4.2', {}, parseConfig(hooks, '.github/shipgate.yml'));
    expect(planDeploy(settings, v141).steps.map((step) => step.name)).toEqual([
      'preflight hook: ./deploy/check.sh',
      'update weave_api to 1.4.2 (Swarm rolling update, gated while it runs)',
      'gate weave_api after the update',
      'after-traffic hook: ./deploy/smoke.sh',
      'make 1.4.2 active',
    ]);
    const good = world(v141, '1.4.1');
    expect((await good.clock.run(runDeploy(settings, good.ports))).result).toBe('succeeded');
    expect(good.hooksRun).toEqual([
      `preflight 1.4.2 while ${image('1.4.1')}`,
      `after-traffic 1.4.2 while ${image('1.4.2')}`,
    ]);
    const bad = world(v141, '1.4.1', { failingHook: 'after-traffic' });
    const outcome = await bad.clock.run(runDeploy(settings, bad.ports));
    expect(outcome.result).toBe('rolled-back');
    expect(bad.service).toMatchObject({ image: image('1.4.1'), running: image('1.4.1') });
  });

  it('refuses a before-traffic hook with a swarm rolling update, naming the key', () => {
    const hooks = CONFIG.replace(
      '        rolling: { batch: 1, pause: 2s, order: start-first }',
      '        rolling: { batch: 1, pause: 2s, order: start-first }\n        hooks: { before-traffic: ./deploy/migrate.sh }',
    );
    expect(() => settingsFor('1.4.2', {}, parseConfig(hooks, '.github/shipgate.yml'))).toThrow(
      /services\.weave-api\.environments\.production\.hooks\.before-traffic.*no before-traffic hook with a swarm rolling update/,
    );
  });

  it('updates every task and records the version on every address', async () => {
    const { clock, service, ports, state } = world(v141, '1.4.1');
    const outcome = await clock.run(runDeploy(settingsFor('1.4.2'), ports));
    expect(outcome.result).toBe('succeeded');
    expect(service).toMatchObject({ image: image('1.4.2'), running: image('1.4.2') });
    expect(state()).toMatchObject({
      activeVersion: '1.4.2',
      instances: { '10.0.1.10:8091': '1.4.2', '10.0.1.10:8092': '1.4.2' },
    });
  });

  it("rolls back with Swarm's rollback when the new version fails the gate after the update", async () => {
    const { clock, service, ports, state } = world(v141, '1.4.1');
    const outcome = await clock.run(runDeploy(settingsFor('1.4.2-sick'), ports));
    expect(outcome.result).toBe('rolled-back');
    expect(outcome.report.failureReason).toMatch(/^gate failed: /);
    expect(service).toMatchObject({
      image: image('1.4.1'),
      running: image('1.4.1'),
      update: { state: 'rollback_completed' },
    });
    expect(state()).toMatchObject({ activeVersion: '1.4.1', instances: v141.instances });
  });

  it('stops waiting and rolls back as soon as the gate fails while Swarm is still updating', async () => {
    const { clock, service, ports } = world(v141, '1.4.1', { sickFromSpec: true });
    const started = clock.now();
    const outcome = await clock.run(runDeploy(settingsFor('1.4.2-sick'), ports));
    expect(outcome.result).toBe('rolled-back');
    expect(outcome.report.failureReason).toMatch(/^gate failed during the update: /);
    const update = outcome.report.steps[0];
    expect(Date.parse(update?.finishedAt ?? '') - started).toBeLessThan(8_000); // before Swarm's 8 s update ended
    expect(service).toMatchObject({ image: image('1.4.1'), running: image('1.4.1') });
  });

  it('rolls back a update that Swarm paused (its tasks crash), leaving the previous image on every task', async () => {
    const { clock, swarm, service, ports, state } = world(v141, '1.4.1');
    swarm.crashing.add(image('2.0.0'));
    const outcome = await clock.run(runDeploy(settingsFor('2.0.0'), ports));
    expect(outcome.result).toBe('rolled-back');
    expect(outcome.report.failureReason).toMatch(
      /^swarm: weave_api: Swarm paused the update .*task: non-zero exit \(1\)$/,
    );
    expect(service).toMatchObject({ image: image('1.4.1'), running: image('1.4.1'), runningCount: 2 });
    expect(state().activeVersion).toBe('1.4.1');
  });

  it('aborts before changing anything when Swarm runs another version than the record, and goes ahead with force', async () => {
    // Someone ran `docker service rollback weave_api` after 1.4.2 was deployed.
    const v142 = { ...v141, activeVersion: '1.4.2' };
    const { clock, swarm, service, ports, state } = world(v142, '1.4.1');
    const refused = await clock.run(runDeploy(settingsFor('1.4.3'), ports));
    expect(refused.result).toBe('aborted');
    expect(refused.report.failureReason).toMatch(
      /^swarm: service weave_api runs registry\.example\.com\/weave-api:1\.4\.1 \(version 1\.4\.1\), but the record says 1\.4\.2 is active/,
    );
    expect(swarm.calls.filter((call) => call[1] !== 'inspect' && call[1] !== 'ps')).toEqual([]);
    expect(state()).toBe(v142);

    const forced = await clock.run(runDeploy(settingsFor('1.4.3', { force: true }), ports));
    expect(forced.result).toBe('succeeded');
    expect(service.running).toBe(image('1.4.3'));
    // The summary names the drift the forced deploy went over.
    expect(forced.report.drift).toMatch(/^swarm: service weave_api runs .*1\.4\.1/);
    expect(await renderDeploySummary(forced.report, forced.plan)).toContain(
      '**Drift:** swarm: service weave_api runs registry.example.com/weave-api:1.4.1 (version 1.4.1)',
    );
  });

  it('is not fooled into a noop by a drift: the recorded version is not what runs', async () => {
    const v142 = { ...v141, activeVersion: '1.4.2' };
    const { clock, ports } = world(v142, '1.4.1');
    const outcome = await clock.run(runDeploy(settingsFor('1.4.2'), ports));
    expect(outcome.result).toBe('aborted');
    expect(outcome.report.failureReason).toMatch(/but the record says 1\.4\.2 is active/);
  });

  it('ends before the lock with one line when the Docker daemon does not answer', async () => {
    const { clock, swarm, ports, state } = world(v141, '1.4.1');
    swarm.fault = 'daemon-down';
    await expect(clock.run(runDeploy(settingsFor('1.4.2'), ports))).rejects.toThrow(
      /^swarm: the Docker daemon does not answer: Cannot connect to the Docker daemon/,
    );
    expect(state()).toBe(v141);
  });
});
