import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/core/logger.js';
import { EMPTY_STATE } from '../../../src/state/ports.js';
import type { HookValues } from '../../../src/target/ports.js';
import {
  createSwarmDriver,
  judge,
  parallelism,
  type SwarmDriverOptions,
  SwarmError,
} from '../../../src/target/swarm-driver.js';
import {
  complaint,
  dockerFailure,
  imageFor,
  parseService,
  parseTasks,
  versionOf,
  withoutDigest,
} from '../../../src/target/swarm-service.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeSwarm } from '../../support/fake-swarm.js';

const TEMPLATE = 'registry.example.com/weave-api:{version}';
const image = (version: string) => imageFor(TEMPLATE, version);

const quiet: Logger = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  mask: () => undefined,
};

function setup(options: Partial<SwarmDriverOptions> = {}) {
  const clock = new FakeClock();
  const swarm = new FakeSwarm(clock);
  const driver = createSwarmDriver({
    cli: swarm,
    docker: '/usr/bin/docker',
    image: TEMPLATE,
    timeoutMs: 60_000,
    service: 'weave_api',
    slotServices: { blue: 'weave_api_blue', green: 'weave_api_green' },
    batch: { count: 1 },
    pauseMs: 2_000,
    order: 'start-first',
    clock,
    logger: quiet,
    ...options,
  });
  return { clock, swarm, driver };
}

const values = (version: string, extra: Partial<HookValues> = {}): HookValues => ({
  service: 'weave-api',
  environment: 'production',
  version,
  strategy: 'rolling',
  phase: 'full',
  ...extra,
});

describe('images and versions', () => {
  it.each([
    ['registry.example.com/weave-api:1.4.2', '1.4.2'],
    ['registry.example.com/weave-api:1.4.2@sha256:abcdef0123', '1.4.2'],
    ['registry.example.com/other:1.4.2', null],
    ['registry.example.com/weave-api:', null],
  ])('versionOf(%s) is %s', (running, version) => {
    expect(versionOf(TEMPLATE, running)).toBe(version);
  });

  it('fills {version} in the template and strips a registry digest', () => {
    expect(image('3f9c2d1')).toBe('registry.example.com/weave-api:3f9c2d1');
    expect(withoutDigest('demo:1@sha256:0a1b')).toBe('demo:1');
    expect(versionOf('api:{version}-alpine', 'api:2.0-alpine')).toBe('2.0');
  });
});

describe('reading the docker CLI', () => {
  it('parses a service inspect: image without digest, previous image, replicas, update status and labels', () => {
    const stdout = JSON.stringify({
      Spec: {
        TaskTemplate: { ContainerSpec: { Image: 'demo:2@sha256:00ff' } },
        Mode: { Replicated: { Replicas: 2 } },
        Labels: { 'shipgate.replicas': '3' },
      },
      PreviousSpec: { TaskTemplate: { ContainerSpec: { Image: 'demo:1' } } },
      UpdateStatus: { State: 'rollback_started', Message: 'manually requested rollback' },
    });
    expect(parseService(stdout, 'web')).toEqual({
      name: 'web',
      image: 'demo:2',
      previousImage: 'demo:1',
      replicas: 2,
      update: { state: 'rollback_started', message: 'manually requested rollback' },
      labels: { 'shipgate.replicas': '3' },
    });
  });

  it('parses global services and services never updated', () => {
    const stdout = JSON.stringify({
      Spec: { TaskTemplate: { ContainerSpec: { Image: 'demo:1' } }, Mode: { Global: {} } },
    });
    expect(parseService(stdout, 'web')).toMatchObject({ replicas: null, update: null, previousImage: null });
    expect(() => parseService('not json', 'web')).toThrow('swarm: docker service inspect web did not print JSON');
  });

  it('parses service ps lines, unquoting the task error', () => {
    const stdout = [
      '{"CurrentState":"Running 6 seconds ago","DesiredState":"Running","Error":"","Image":"demo:2","Name":"web.1"}',
      '{"CurrentState":"Failed 11 seconds ago","DesiredState":"Shutdown","Error":"\\"task: non-zero exit (2)\\"","Image":"demo:2","Name":"web.1"}',
      '',
    ].join('\n');
    expect(parseTasks(stdout)).toEqual([
      { name: 'web.1', image: 'demo:2', state: 'running', desired: 'running', error: '' },
      { name: 'web.1', image: 'demo:2', state: 'failed', desired: 'shutdown', error: 'task: non-zero exit (2)' },
    ]);
  });

  it.each([
    [
      'Cannot connect to the Docker daemon at unix:///tmp/d/docker.sock. Is the docker daemon running?',
      1,
      false,
      'docker-unreachable',
      /^swarm: the Docker daemon does not answer: Cannot connect to the Docker daemon at unix:\/\/\/tmp\/d\/docker\.sock/,
    ],
    [
      'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" to connect this node to swarm and try again.',
      1,
      false,
      'swarm-not-manager',
      /^swarm: this Docker daemon is not a Swarm manager \(This node is not a swarm manager\..*\); run shipgate on a manager node$/,
    ],
    [
      'Status: Error: no such service: weave_api, Code: 1',
      1,
      false,
      'swarm-no-service',
      /^swarm: service 'weave_api' does not exist \(\/usr\/bin\/docker service inspect\)$/,
    ],
    [
      '',
      124,
      true,
      'docker-timeout',
      /^swarm: \/usr\/bin\/docker service inspect did not answer in time \(no output\)$/,
    ],
    [
      "timeout: failed to run command '/opt/docker': No such file or directory",
      127,
      false,
      'docker-missing',
      /^swarm: target\.docker '\/usr\/bin\/docker' could not be run \(timeout: failed to run command/,
    ],
    [
      'Error response from daemon: rpc error: code = Unknown',
      1,
      false,
      'swarm-update-failed',
      /exit code 1: rpc error: code = Unknown$/,
    ],
  ])('turns "%s" (exit %i) into one line', (stderr, exitCode, timedOut, code, message) => {
    const error = dockerFailure('/usr/bin/docker', ['service', 'inspect', 'weave_api'], {
      exitCode,
      stdout: '',
      stderr,
      timedOut,
    });
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it("quotes the daemon's complaint, not the CLI's digest warning before it", () => {
    const stderr = [
      'image demo:9 could not be accessed on a registry to record',
      'its digest. Each node will access demo:9 independently,',
      'possibly leading to different nodes running different',
      'versions of the image.',
      'Error response from daemon: rpc error: code = InvalidArgument desc = bad spec',
    ].join('\n');
    expect(complaint({ stdout: '', stderr })).toBe('rpc error: code = InvalidArgument desc = bad spec');
  });
});

describe('judge: whether a service runs its goal', () => {
  const service = (state: string | null, img = 'demo:2', replicas = 2) => ({
    name: 'web',
    image: img,
    previousImage: 'demo:1',
    replicas,
    update: state ? { state, message: `${state} message` } : null,
    labels: {},
  });
  const task = (img: string, state = 'running', error = '') => ({
    name: 'web.1',
    image: img,
    state,
    desired: 'running',
    error,
  });
  const goal = { image: 'demo:2', replicas: 2, action: 'update' as const };

  it('counts a task Swarm is stopping only when the goal asks for drained addresses (a slot)', () => {
    const stopping = [task('demo:2'), task('demo:2'), { ...task('demo:1'), desired: 'shutdown' }];
    expect(judge(service('completed'), stopping, goal).kind).toBe('done');
    expect(judge(service('completed'), stopping, { ...goal, drained: true }).kind).toBe('wait');
  });

  it.each([
    ['completed, every task on the image', service('completed'), [task('demo:2'), task('demo:2')], 'done'],
    ['no update status (a no-op), every task on the image', service(null), [task('demo:2'), task('demo:2')], 'done'],
    [
      'still updating although the tasks run it (monitor period)',
      service('updating'),
      [task('demo:2'), task('demo:2')],
      'wait',
    ],
    ['completed but one task still on the old image', service('completed'), [task('demo:2'), task('demo:1')], 'wait'],
    [
      'completed but one task still starting',
      service('completed'),
      [task('demo:2'), task('demo:2', 'starting')],
      'wait',
    ],
    ['completed with one task missing', service('completed'), [task('demo:2')], 'wait'],
    [
      'completed, the replaced tasks shut down',
      service('completed'),
      [task('demo:2'), task('demo:2'), { ...task('demo:1', 'shutdown'), desired: 'shutdown' }],
      'done',
    ],
    [
      'paused by the failure action',
      service('paused'),
      [task('demo:2', 'failed', 'task: non-zero exit (1)')],
      'failed',
    ],
    [
      'rolled back by Swarm itself',
      service('rollback_completed', 'demo:1'),
      [task('demo:1'), task('demo:1')],
      'failed',
    ],
    ['rollback in flight', service('rollback_started'), [task('demo:1'), task('demo:2')], 'failed'],
  ])('%s: %s', (_name, svc, tasks, verdict) => {
    expect(judge(svc, tasks, goal).kind).toBe(verdict);
  });

  it('names the failed tasks when Swarm paused the update', () => {
    expect(judge(service('paused'), [task('demo:2', 'failed', 'No such image: demo:2')], goal)).toEqual({
      kind: 'failed',
      code: 'swarm-update-failed',
      why: 'Swarm paused the update (paused message); tasks: No such image: demo:2',
    });
  });

  it('waits for a rollback to complete and fails when it pauses', () => {
    const back = { image: 'demo:1', replicas: 2, action: 'rollback' as const };
    expect(judge(service('rollback_started', 'demo:1'), [task('demo:1'), task('demo:1')], back).kind).toBe('wait');
    expect(judge(service('rollback_completed', 'demo:1'), [task('demo:1'), task('demo:1')], back).kind).toBe('done');
    expect(judge(service('rollback_paused', 'demo:1'), [task('demo:1')], back).kind).toBe('failed');
  });

  it('counts a scale to 0 as done once no task runs', () => {
    expect(judge(service('paused', 'demo:2', 0), [], { image: 'demo:2', replicas: 0, action: 'scale' }).kind).toBe(
      'done',
    );
  });
});

describe('parallelism from the rolling batch', () => {
  it.each([
    [{ count: 2 }, 4, 2],
    [{ percent: 50 }, 4, 2],
    [{ percent: 25 }, 2, 1],
    [{ percent: 100 }, 3, 3],
    [{ percent: 10 }, null, 1],
  ])('%j of %s replicas is %i', (batch, replicas, expected) => {
    expect(parallelism(batch, replicas)).toBe(expected);
  });
});

describe('SwarmDriver on a fake Swarm', () => {
  it("rolls the service to the new image with Swarm's own update, configured from the rolling settings", async () => {
    const { clock, swarm, driver } = setup();
    const service = swarm.add('weave_api', image('1.4.1'));
    const run = await clock.run(driver.update(values('1.4.2', { previousVersion: '1.4.1' })));
    expect(service).toMatchObject({ image: image('1.4.2'), running: image('1.4.2'), update: { state: 'completed' } });
    expect(service.updateConfig).toMatchObject({
      '--update-parallelism': '1',
      '--update-delay': '2000ms',
      '--update-order': 'start-first',
      '--update-failure-action': 'pause',
      '--rollback-order': 'start-first',
    });
    expect(run).toMatchObject({ exitCode: 0, timedOut: false });
    expect(run.durationMs).toBeGreaterThanOrEqual(8_000); // it waited for Swarm, not for the CLI's exit
  });

  it('retries an update that Swarm refused as out of sequence (its own updater changed the spec)', async () => {
    const { clock, swarm, driver } = setup();
    const service = swarm.add('weave_api', image('1.4.1'));
    swarm.outOfSequence = 2;
    await clock.run(driver.update(values('1.4.2')));
    expect(service.running).toBe(image('1.4.2'));
    swarm.outOfSequence = 9;
    await expect(clock.run(driver.update(values('1.4.3')))).rejects.toThrow(/update out of sequence$/);
  });

  it('leaves a service that already runs the image alone', async () => {
    const { clock, swarm, driver } = setup();
    swarm.add('weave_api', image('1.4.2'));
    await clock.run(driver.update(values('1.4.2')));
    expect(swarm.calls.some((call) => call[1] === 'update')).toBe(false);
  });

  it('fails in one line naming the task error when Swarm pauses the update', async () => {
    const { clock, swarm, driver } = setup();
    swarm.add('weave_api', image('1.4.1'));
    swarm.crashing.add(image('9.9.9'));
    await expect(clock.run(driver.update(values('9.9.9')))).rejects.toThrow(
      /^swarm: weave_api: Swarm paused the update \(update paused due to failure.*\); tasks: task: non-zero exit \(1\)$/,
    );
  });

  it("fails although the CLI exited 0 when Swarm's own failure action rolled the update back", async () => {
    const { clock, swarm, driver } = setup();
    const service = swarm.add('weave_api', image('1.4.1'));
    swarm.crashing.add(image('9.9.9'));
    // The service's own config, as a stack file would set it; shipgate's flags override it, so set it after.
    const realUpdate = swarm.run.bind(swarm);
    swarm.run = async (args, options) => {
      const result = await realUpdate(args, options);
      if (args[1] === 'update') service.updateConfig['--update-failure-action'] = 'rollback';
      return result;
    };
    const error = await clock.run(driver.update(values('9.9.9'))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwarmError);
    expect((error as SwarmError).code).toBe('swarm-rolled-back');
    expect((error as Error).message).toMatch(/Swarm rolled the update back by itself: rollback_started/);
  });

  it('gives up at the target timeout, saying how far the update got', async () => {
    const { clock, swarm, driver } = setup({ timeoutMs: 5_000 });
    swarm.add('weave_api', image('1.4.1'));
    await expect(clock.run(driver.update(values('1.4.2')))).rejects.toThrow(
      /^swarm: weave_api did not converge in 5s: 0\/2 tasks run registry\.example\.com\/weave-api:1\.4\.2, updating$/,
    );
  });

  it("rolls back with Swarm's rollback when the spec before the update is the previous version", async () => {
    const { clock, swarm, driver } = setup();
    const service = swarm.add('weave_api', image('1.4.1'));
    const update = values('1.4.2', { previousVersion: '1.4.1' });
    await clock.run(driver.update(update));
    await clock.run(driver.rollback(update));
    expect(swarm.calls.some((call) => call[1] === 'rollback')).toBe(true);
    expect(service).toMatchObject({
      image: image('1.4.1'),
      running: image('1.4.1'),
      update: { state: 'rollback_completed' },
    });
  });

  it('rolls back a paused update to the previous version on every task', async () => {
    const { clock, swarm, driver } = setup();
    const service = swarm.add('weave_api', image('1.4.1'));
    swarm.crashing.add(image('9.9.9'));
    const update = values('9.9.9', { previousVersion: '1.4.1' });
    await clock.run(driver.update(update)).catch(() => undefined);
    await clock.run(driver.rollback(update));
    expect(service).toMatchObject({ image: image('1.4.1'), running: image('1.4.1'), runningCount: 2 });
  });

  it('updates to the previous image by name when the spec before is something else', async () => {
    const { clock, swarm, driver } = setup();
    const service = swarm.add('weave_api', image('1.4.2'));
    service.previousImage = image('1.3.0'); // a scale or a restart since 1.4.1 was deployed
    await clock.run(driver.rollback(values('1.4.2', { previousVersion: '1.4.1' })));
    expect(service).toMatchObject({ image: image('1.4.1'), running: image('1.4.1') });
    expect(swarm.calls.some((call) => call[1] === 'rollback')).toBe(false);
  });

  it('restores the image the service ran before the update, even when the record said otherwise (force over a drift)', async () => {
    const { clock, swarm, driver } = setup();
    const service = swarm.add('weave_api', image('1.4.0')); // the record says 1.4.1
    const update = values('1.4.2', { previousVersion: '1.4.1' });
    await clock.run(driver.update(update));
    await clock.run(driver.rollback(update));
    expect(service).toMatchObject({ image: image('1.4.0'), running: image('1.4.0') });
  });

  it('has nothing to undo after a first deploy of the image that already ran', async () => {
    const { clock, swarm, driver } = setup();
    const service = swarm.add('weave_api', image('1.4.2'));
    service.previousImage = image('0.9.0'); // an old stack deploy: never the target of shipgate's undo
    const update = values('1.4.2');
    await clock.run(driver.update(update));
    await clock.run(driver.rollback(update));
    expect(service).toMatchObject({ image: image('1.4.2'), running: image('1.4.2') });
  });

  it('has nothing to roll back when the update never took', async () => {
    const { clock, swarm, driver } = setup();
    const service = swarm.add('weave_api', image('1.4.1'));
    await clock.run(driver.rollback(values('1.4.2', { previousVersion: '1.4.1' })));
    expect(service.image).toBe(image('1.4.1'));
    expect(swarm.calls.filter((call) => call[1] === 'update' || call[1] === 'rollback')).toEqual([]);
  });

  it('says in one line that the daemon is down, or not a manager, or the service missing', async () => {
    const { clock, swarm, driver } = setup();
    swarm.fault = 'daemon-down';
    await expect(clock.run(driver.update(values('1.4.2')))).rejects.toThrow(
      /^swarm: the Docker daemon does not answer: Cannot connect/,
    );
    swarm.fault = 'not-manager';
    await expect(clock.run(driver.update(values('1.4.2')))).rejects.toThrow(
      /^swarm: this Docker daemon is not a Swarm manager/,
    );
    swarm.fault = null;
    await expect(clock.run(driver.update(values('1.4.2')))).rejects.toThrow(
      "swarm: service 'weave_api' (target.service) does not exist; create it once with docker service create",
    );
  });

  it('retires a slot by scaling it to 0 and brings it back with as many replicas', async () => {
    const { clock, swarm, driver } = setup({ service: undefined });
    const blue = swarm.add('weave_api_blue', image('1.4.1'), 3);
    await clock.run(driver.retire(values('1.4.1', { slot: 'blue' })));
    expect(blue).toMatchObject({ replicas: 0, runningCount: 0, labels: { 'shipgate.replicas': '3' } });
    await clock.run(driver.deploy(values('1.4.2', { slot: 'blue' })));
    expect(blue).toMatchObject({ replicas: 3, image: image('1.4.2'), running: image('1.4.2'), runningCount: 3 });
  });

  it("creates a slot's service that does not exist yet", async () => {
    const { clock, swarm, driver } = setup({ service: undefined });
    await clock.run(driver.deploy(values('1.4.2', { slot: 'green' })));
    expect(swarm.services.get('weave_api_green')).toMatchObject({
      image: image('1.4.2'),
      running: image('1.4.2'),
      replicas: 1,
    });
  });

  it('sees no drift when the service runs the recorded version, and names both when it does not', async () => {
    const { clock, swarm, driver } = setup();
    const service = swarm.add('weave_api', image('1.4.2'));
    const state = { ...EMPTY_STATE, activeVersion: '1.4.2' };
    const agreed = await clock.run(driver.observe(state));
    expect(agreed).toEqual({
      lines: ['weave_api: 2/2 tasks run registry.example.com/weave-api:1.4.2 (version 1.4.2)'],
      drift: null,
    });
    service.image = image('1.4.1'); // docker service rollback by hand
    service.running = image('1.4.1');
    const drifted = await clock.run(driver.observe(state));
    expect(drifted.drift).toBe(
      'swarm: service weave_api runs registry.example.com/weave-api:1.4.1 (version 1.4.1), but the record says 1.4.2 is active — changed outside shipgate (docker service rollback or update by hand?); deploy with force to go ahead',
    );
  });

  it('sees drift when the active slot was scaled to 0 by hand', async () => {
    const { clock, swarm, driver } = setup({ service: undefined });
    swarm.add('weave_api_blue', image('1.4.2'), 0);
    const state = {
      ...EMPTY_STATE,
      activeVersion: '1.4.2',
      activeSlot: 'blue' as const,
      slots: { blue: { version: '1.4.2', up: true } },
    };
    const observation = await clock.run(driver.observe(state));
    expect(observation.lines).toEqual([
      'blue: weave_api_blue: 0/0 tasks run registry.example.com/weave-api:1.4.2 (version 1.4.2)',
      'green: weave_api_green does not exist',
    ]);
    expect(observation.drift).toMatch(/^swarm: service weave_api_blue of the active slot blue is scaled to 0/);
  });
});
