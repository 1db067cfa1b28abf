import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ActionRun, type RunActionOptions, runAction } from '../support/action-runner.js';
import { createDeployWorkspace, type DeployWorkspace, freePort, hookCommand } from '../support/deploy-workspace.js';
import { type GitHubEmulator, startGitHubEmulator } from '../support/github-emulator/index.js';

/**
 * Issue #10, items 1 and 8, reproduced with the committed deploy bundle (main and post) under Node 24
 * against the GitHub emulator, with real demo-app processes started by the example hooks.
 */
let ws: DeployWorkspace;
let emulator: GitHubEmulator;
let blue: string;
let green: string;

beforeEach(async () => {
  ws = createDeployWorkspace();
  emulator = await startGitHubEmulator();
  blue = `127.0.0.1:${await freePort()}`;
  green = `127.0.0.1:${await freePort()}`;
  ws.writeConfig({
    strategy: 'blue-green',
    target: {
      kind: 'command',
      deploy: hookCommand('deploy'),
      retire: hookCommand('retire'),
      timeout: '30s',
      slots: { blue: [blue], green: [green] },
    },
    router: { kind: 'command', route: hookCommand('route') },
    health: {
      url: 'http://{address}/health',
      'expect-json': { status: 'UP' },
      interval: '100ms',
      timeout: '1s',
      deadline: '5s',
    },
  });
});
afterEach(async () => {
  await ws.stop();
  expect(emulator.violations()).toEqual([]);
  expect(emulator.requestViolations()).toEqual([]);
  await emulator.close();
});

const deploy = (version: string, options: Partial<RunActionOptions> = {}, phase = 'full'): Promise<ActionRun> =>
  runAction({
    action: 'deploy',
    cwd: ws.dir,
    env: ws.env,
    apiUrl: emulator.url,
    inputs: { environment: 'production', version, phase },
    timeoutMs: 150_000,
    ...options,
  });
const rollback = (): Promise<ActionRun> =>
  runAction({
    action: 'rollback',
    cwd: ws.dir,
    env: ws.env,
    apiUrl: emulator.url,
    inputs: { environment: 'production' },
    timeoutMs: 60_000,
  });
const weights = () => readFileSync(join(ws.demoDir, 'weights'), 'utf8').trim();
const deployments = () => [...emulator.state.deployments].sort((a, b) => a.id - b.id);
const statesOf = (id: number) =>
  emulator.state.deploymentStatuses
    .filter((s) => s.deployment_id === id)
    .sort((a, b) => a.id - b.id)
    .map((s) => s.state);

describe('recovery with the github store (issue #10)', () => {
  it('never routes onto the retired slot when the final status write fails; the post step records the outcome (item 1)', {
    timeout: 240_000,
  }, async () => {
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    expect(weights()).toBe('blue=100');
    // Once traffic is on green, GitHub answers 502 to every status write of this run.
    const main = await deploy('1.1.0', {
      onStart: (child) => {
        const timer = setInterval(() => {
          try {
            if (weights() !== 'blue=0 green=100') return;
            clearInterval(timer);
            emulator.fault({
              kind: 'server-error',
              status: 502,
              times: 1_000,
              match: { method: 'POST', path: /\/statuses$/ },
            });
          } catch {
            // not yet
          }
        }, 20);
        child.on('close', () => clearInterval(timer));
      },
    });
    emulator.clearFaults();
    expect(main.exitCode, main.stdout.slice(-3000)).toBe(1);
    expect(main.outputs.result).toBe('succeeded');
    const errors = main.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toEqual([
      expect.stringMatching(
        /^deploy: the deploy succeeded \(traffic is where it ended\), but recording its outcome in the state store failed 3 times: /,
      ),
    ]);
    expect(weights()).toBe('blue=0 green=100');
    expect(Object.keys(ws.pids())).toEqual([green.split(':')[1]]); // blue was retired

    const post = await deploy('1.1.0', { entry: 'post', state: main.state });
    expect(post.exitCode, post.stdout).toBe(0);
    expect(weights()).toBe('blue=0 green=100');
    const d2 = deployments().at(-1)!;
    expect(statesOf(d2.id)).toEqual(['in_progress', 'success']);

    // The state store is true again: the next deploy starts from 1.1.0 on green.
    const next = await deploy('1.2.0');
    expect(next.exitCode, next.stdout).toBe(0);
    expect(next.outputs).toMatchObject({ result: 'succeeded', 'previous-version': '1.1.0', 'active-slot': 'blue' });
  });

  it('finds and finalises its own deployment by run id when killed before saving its id; the next deploy is not refused (item 8)', {
    timeout: 90_000,
  }, async () => {
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    // Killed between creating the deployment and saving its id: the store holds an in-progress deployment of run 7001.
    const orphan = emulator.seedDeployment({
      environment: 'production',
      task: 'deploy:web',
      payload: {
        shipgate: 1,
        service: 'web',
        version: '1.1.0',
        previous_version: '1.0.0',
        slot: 'green',
        strategy: 'blue-green',
        runId: '7001',
        run_url: 'https://github.com/octo-org/web/actions/runs/7001',
        kind: 'deploy',
        phase: 'full',
        lock_ttl_ms: 3_600_000,
        before: {
          active_slot: 'blue',
          active_version: '1.0.0',
          slots: { blue: { version: '1.0.0', up: true } },
          instances: {},
        },
      },
      statuses: [{ state: 'in_progress' }],
    });
    const refused = await deploy('1.1.0');
    expect(refused.exitCode).toBe(1);
    const settings = JSON.stringify({
      service: 'web',
      environment: 'production',
      version: '1.1.0',
      strategy: 'blue-green',
      phase: 'full',
      router: { kind: 'command', route: hookCommand('route'), timeoutMs: 60_000 },
      state: 'github',
    });
    const post = await deploy('1.1.0', { entry: 'post', state: { 'shipgate-settings': settings } });
    expect(post.exitCode, post.stdout).toBe(0);
    expect(post.stdout).not.toContain('no deploy began');
    expect(statesOf(orphan.id)).toEqual(['in_progress', 'error']);
    expect(weights()).toBe('blue=100');

    const next = await deploy('1.1.0');
    expect(next.exitCode, next.stdout).toBe(0);
    expect(next.outputs).toMatchObject({ result: 'succeeded', 'previous-version': '1.0.0' });
  });

  it('never rolls back to a prepared-then-cancelled version, nor to the version a switch back left (item 4)', {
    timeout: 180_000,
  }, async () => {
    for (const [version, phase] of [
      ['1.0.0', 'full'],
      ['1.1.0', 'full'],
      ['1.2.0', 'prepare'],
      ['1.2.0', 'cancel'],
    ] as const) {
      const done = await deploy(version, {}, phase);
      expect(done.exitCode, done.stdout).toBe(0);
    }
    const back = await rollback();
    expect(back.exitCode, back.stdout).toBe(0);
    expect(back.outputs).toMatchObject({ result: 'rolled-back', 'from-version': '1.1.0', 'to-version': '1.0.0' });

    // prepare 1.3.0, switch to it, then switch back to 1.0.0: recorded as a rollback of 1.3.0.
    expect((await deploy('1.3.0', {}, 'prepare')).exitCode).toBe(0);
    expect((await deploy('1.3.0', {}, 'switch')).exitCode).toBe(0);
    const switchBack = await deploy('1.0.0', {}, 'switch');
    expect(switchBack.exitCode, switchBack.stdout).toBe(0);
    expect(deployments().at(-1)?.payload).toMatchObject({ kind: 'rollback', rollback_of: '1.3.0', phase: 'switch' });
    const again = await rollback();
    expect(again.exitCode).toBe(1);
    expect(again.stdout).toMatch(/has no earlier good version to roll back to/);
  });
});
