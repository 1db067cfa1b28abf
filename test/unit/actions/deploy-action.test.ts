import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/deploy/deploy-action.js';
import { type DeployPostAdapters, runPost } from '../../../src/deploy/deploy-post-action.js';
import { POST_STATE } from '../../../src/runtime/post-state.js';
import { EMPTY_STATE } from '../../../src/state/ports.js';
import type { Orchestrator } from '../../../src/target/orchestrator.js';
import { describeRoute, type Router } from '../../../src/target/ports.js';
import { FakeRuntime } from '../../support/fake-runtime.js';
import { deployFakes } from './deploy-fakes.js';

const INPUTS = {
  environment: 'production',
  version: '1.0.0',
  service: 'web',
  config: '.github/shipgate.yml',
  'rollback-on-error': 'true',
  phase: 'full',
  'dry-run': 'false',
  state: 'file',
  'state-file': '.shipgate/state.json',
};

// The summary renderer is imported when the deploy ends; loaded here first, so the fake clock, which
// drives the run, does not take the module loader for a wait on something other than the clock.
beforeAll(async () => {
  await import('../../../src/deploy/deploy-summary.js');
});

describe('deploy action run', () => {
  it('deploys the first version, writes the outputs and the summary, and tells the post step it finished', async () => {
    const runtime = new FakeRuntime(INPUTS);
    const fakes = deployFakes();
    await fakes.clock.run(run(runtime, fakes.adapters));
    expect(runtime.failures).toEqual([]);
    expect(runtime.outputs).toMatchObject({ result: 'succeeded', version: '1.0.0', 'deployment-id': '42' });
    expect(fakes.hooks[0]).toBe('deploy 1.0.0 blue');
    expect(fakes.routes.at(-1)).toBe('blue=100');
    expect(runtime.summary).toContain('1.0.0');
    expect(runtime.state[POST_STATE.finished]).toBe('true');
    expect(JSON.parse(runtime.state[POST_STATE.settings] ?? '{}')).toMatchObject({
      service: 'web',
      environment: 'production',
      version: '1.0.0',
      strategy: 'canary',
      router: { kind: 'command', route: './route.sh' },
      state: 'file',
    });
  });

  it('prints the plan on a dry run, changing nothing', async () => {
    const runtime = new FakeRuntime({ ...INPUTS, 'dry-run': 'true' });
    const fakes = deployFakes();
    await fakes.clock.run(run(runtime, fakes.adapters));
    expect(runtime.outputs.result).toBe('planned');
    expect(fakes.hooks).toEqual([]);
    expect(fakes.routes).toEqual([]);
    expect(runtime.exitCode).toBeUndefined();
  });

  it('refuses a bad input with one line naming it and exit 1, before reading any state', async () => {
    const runtime = new FakeRuntime({ ...INPUTS, strategy: 'big-bang' });
    const fakes = deployFakes();
    await fakes.clock.run(run(runtime, fakes.adapters));
    expect(runtime.failures).toEqual([
      "deploy: input 'strategy' is 'big-bang'; expected one of rolling, blue-green, canary",
    ]);
    expect(runtime.exitCode).toBe(1);
    expect(fakes.stateKinds).toEqual([]);
    expect(runtime.state).toEqual({});
  });
});

describe('deploy action run on a target that drifted', () => {
  const drifted: Orchestrator = {
    update: () => Promise.reject(new Error('not called')),
    rollback: () => Promise.reject(new Error('not called')),
    observe: async () => ({ lines: ['web: 1/1 tasks run api:0.9.0'], drift: 'swarm: service web runs api:0.9.0' }),
  };
  const initial = { ...EMPTY_STATE, activeVersion: '0.9.1', activeSlot: 'blue' as const };

  it('ends aborted with exit 1 and the drift as the reason, changing nothing', async () => {
    const runtime = new FakeRuntime(INPUTS);
    const fakes = deployFakes({ initial, orchestrator: drifted });
    await fakes.clock.run(run(runtime, fakes.adapters));
    expect(runtime.outputs).toMatchObject({ result: 'aborted', 'failure-reason': 'swarm: service web runs api:0.9.0' });
    expect(runtime.failures).toEqual(['deploy: aborted: swarm: service web runs api:0.9.0']);
    expect(runtime.exitCode).toBe(1);
    expect(fakes.hooks).toEqual([]);
    expect(fakes.routes).toEqual([]);
    expect(JSON.parse(runtime.outputs.report ?? '{}')).toMatchObject({
      result: 'aborted',
      drift: 'swarm: service web runs api:0.9.0',
    });
  });

  it('goes ahead with force, naming the drift in the summary', async () => {
    const runtime = new FakeRuntime({ ...INPUTS, force: 'true' });
    const fakes = deployFakes({ initial, orchestrator: drifted });
    await fakes.clock.run(run(runtime, fakes.adapters));
    expect(runtime.outputs.result).toBe('succeeded');
    expect(runtime.summary).toContain('**Drift:** swarm: service web runs api:0.9.0');
  });
});

describe('deploy post step', () => {
  function postFakes() {
    const applied: string[] = [];
    const finalised: Array<{ deploymentId: number; githubToken?: string; slot: string | null }> = [];
    const router: Router = {
      async apply(route, values) {
        applied.push(`${describeRoute(route)} ${values.version}`);
        return { hooks: [] };
      },
    };
    const recorded: string[] = [];
    const adapters: DeployPostAdapters = {
      createRouter: async (settings) => (settings.kind === 'none' ? null : router),
      finaliseDeployment: async (request) => {
        finalised.push(request);
        return 'finalised';
      },
      findRunDeployment: async (request) => (request.runId === '7001' ? 77 : null),
      recordOutcome: async (request) => {
        recorded.push(`${request.deploymentId} ${request.outcome.entry.version} ${request.outcome.entry.result}`);
      },
    };
    return { adapters, applied, finalised, recorded };
  }

  it('routes traffic back and finalises the deployment from what the killed main step saved', async () => {
    // The main step of 1.1.0 onto green, its saved state taken as if it were killed mid-canary.
    const main = new FakeRuntime({ ...INPUTS, version: '1.1.0', state: 'github', 'github-token': 'ghs_secret' });
    const fakes = deployFakes({
      initial: {
        ...EMPTY_STATE,
        activeSlot: 'blue',
        activeVersion: '1.0.0',
        slots: { blue: { version: '1.0.0', up: true } },
      },
    });
    await fakes.clock.run(run(main, fakes.adapters));
    const saved = { ...main.state };
    // Killed mid-canary: before the new slot was made active and before every step ran.
    delete saved[POST_STATE.finished];
    delete saved[POST_STATE.outcome];
    saved[POST_STATE.stableRoute] = JSON.stringify({
      groups: [{ name: 'blue', addresses: ['10.0.0.1:80'], weight: 100 }],
    });
    expect(saved[POST_STATE.deploymentId]).toBe('42');

    // The post step's inputs name another version: it must not use them.
    const post = new FakeRuntime({ ...INPUTS, version: '9.9.9', 'github-token': 'ghs_secret' }, { state: saved });
    const { adapters, applied, finalised } = postFakes();
    await runPost(post, adapters);
    expect(post.failures).toEqual([]);
    expect(applied).toEqual(['blue=100 1.1.0']);
    expect(finalised).toEqual([
      {
        githubToken: 'ghs_secret',
        deploymentId: 42,
        description: expect.stringMatching(/^deploy 1\.1\.0 stopped: the run was cancelled or killed/),
        slot: 'green',
      },
    ]);
    expect(post.secrets).toContain('ghs_secret');
  });

  it('never routes after every step ran; records the outcome the main step could not write', async () => {
    const main = new FakeRuntime({ ...INPUTS, version: '1.1.0', state: 'github', 'github-token': 'ghs_secret' });
    const fakes = deployFakes({
      initial: {
        ...EMPTY_STATE,
        activeSlot: 'blue',
        activeVersion: '1.0.0',
        slots: { blue: { version: '1.0.0', up: true } },
      },
    });
    fakes.store.write = async () => {
      throw new Error('502 Bad Gateway');
    };
    await fakes.clock.run(run(main, fakes.adapters));
    expect(main.outputs.result).toBe('succeeded');
    expect(main.failures).toEqual([
      expect.stringMatching(
        /^deploy: the deploy succeeded \(traffic is where it ended\), but recording its outcome in the state store failed 3 times: 502 Bad Gateway/,
      ),
    ]);
    expect(main.state[POST_STATE.finished]).toBeUndefined();
    // The blue slot was retired: after the new version became active, the stable route is green's.
    expect(JSON.parse(main.state[POST_STATE.stableRoute] ?? '{}')).toMatchObject({
      groups: expect.arrayContaining([{ name: 'green', addresses: ['10.0.0.2:80'], weight: 100 }]),
    });

    const post = new FakeRuntime(INPUTS, { state: { ...main.state } });
    const { adapters, applied, finalised, recorded } = postFakes();
    await runPost(post, adapters);
    expect(post.failures).toEqual([]);
    expect(applied).toEqual([]);
    expect(finalised).toEqual([]);
    expect(recorded).toEqual(['42 1.1.0 succeeded']);
  });

  it('finds and finalises the deployment of a main step killed before it saved its id', async () => {
    const settings = JSON.stringify({
      service: 'web',
      environment: 'production',
      version: '1.1.0',
      strategy: 'canary',
      phase: 'full',
      router: { kind: 'none' },
      state: 'github',
    });
    const post = new FakeRuntime(INPUTS, { state: { [POST_STATE.settings]: settings }, context: { runId: '7001' } });
    const { adapters, applied, finalised } = postFakes();
    await runPost(post, adapters);
    expect(post.failures).toEqual([]);
    expect(applied).toEqual([]);
    expect(finalised).toEqual([
      expect.objectContaining({ deploymentId: 77, slot: null, description: expect.stringMatching(/^killed: /) }),
    ]);
  });

  it('does nothing when the main step recorded its outcome', async () => {
    const post = new FakeRuntime(INPUTS, { state: { [POST_STATE.finished]: 'true', [POST_STATE.deploymentId]: '42' } });
    const { adapters, applied, finalised } = postFakes();
    await runPost(post, adapters);
    expect(post.logs).toEqual(['info: deploy post: the deploy recorded its outcome; nothing to do']);
    expect([applied, finalised]).toEqual([[], []]);
  });

  it('does nothing when no deploy began in the main step', async () => {
    const post = new FakeRuntime(INPUTS);
    const { adapters, applied } = postFakes();
    await runPost(post, adapters);
    expect(post.logs).toEqual(['info: deploy post: no deploy began in this step; nothing to do']);
    expect(applied).toEqual([]);
  });

  it('fails with one line naming both problems when it can neither route back nor finalise', async () => {
    const saved = {
      [POST_STATE.settings]: JSON.stringify({
        service: 'web',
        environment: 'production',
        version: '1.1.0',
        strategy: 'canary',
        phase: 'full',
        router: { kind: 'command', route: './route.sh', timeoutMs: 1000 },
        state: 'github',
      }),
      [POST_STATE.deploymentId]: '7',
      [POST_STATE.stableRoute]: JSON.stringify({ groups: [{ name: 'blue', addresses: ['10.0.0.1:80'], weight: 100 }] }),
      [POST_STATE.slot]: 'green',
    };
    const post = new FakeRuntime({}, { state: saved });
    await runPost(post, {
      createRouter: async () => ({
        apply: async () => {
          throw new Error('route.sh exited 1');
        },
      }),
      finaliseDeployment: async () => {
        throw new Error('401 bad credentials');
      },
      findRunDeployment: async () => null,
      recordOutcome: async () => undefined,
    });
    expect(post.failures).toEqual([
      'deploy post: could not route traffic back (blue=100): route.sh exited 1; could not finalise deployment 7: 401 bad credentials',
    ]);
    expect(post.exitCode).toBe(1);
  });
});
