import { describe, expect, it } from 'vitest';
import { createCommandDriver } from '../../../src/target/command-driver.js';
import type { HookValues } from '../../../src/target/ports.js';
import { HookError } from '../../../src/target/ports.js';
import type { Script } from './scripted-runner.js';
import { memoryLogger, scriptedRunner } from './scripted-runner.js';

const canary: HookValues = {
  service: 'api',
  environment: 'production',
  version: '1.4.2',
  previousVersion: '1.4.1',
  strategy: 'canary',
  phase: 'full',
  slot: 'green',
  addresses: ['127.0.0.1:8082', '127.0.0.1:8083'],
};

function driver(scripts: Record<string, Script | Script[]>, options: { retire?: string; grouped?: boolean } = {}) {
  const runner = scriptedRunner(scripts);
  const logger = memoryLogger();
  const group = async <T>(title: string, body: () => Promise<T>): Promise<T> => {
    logger.lines.push(`group: ${title}`);
    try {
      return await body();
    } finally {
      logger.lines.push('endgroup');
    }
  };
  const made = createCommandDriver({
    runner,
    deploy: './deploy/start.sh',
    ...(options.retire !== undefined && { retire: options.retire }),
    timeoutMs: 600_000,
    cwd: '/work/space',
    logger,
    ...(options.grouped !== false && { group }),
  });
  return { driver: made, runner, logger };
}

describe('createCommandDriver', () => {
  it('runs the deploy hook from the workspace with exactly the SHIPGATE_* environment', async () => {
    const { driver: made, runner } = driver({ './deploy/start.sh': {} });
    const run = await made.deploy(canary);
    expect(run).toEqual({ hook: 'deploy', exitCode: 0, durationMs: 5, timedOut: false });
    expect(runner.requests).toHaveLength(1);
    expect(runner.requests[0]).toMatchObject({ command: './deploy/start.sh', cwd: '/work/space', timeoutMs: 600_000 });
    expect(runner.requests[0]?.env).toEqual({
      SHIPGATE_SERVICE: 'api',
      SHIPGATE_ENVIRONMENT: 'production',
      SHIPGATE_VERSION: '1.4.2',
      SHIPGATE_PREVIOUS_VERSION: '1.4.1',
      SHIPGATE_STRATEGY: 'canary',
      SHIPGATE_PHASE: 'full',
      SHIPGATE_SLOT: 'green',
      SHIPGATE_ADDRESSES: '127.0.0.1:8082 127.0.0.1:8083',
    });
  });

  it('gives a rolling batch its instances, space-separated', async () => {
    const { driver: made, runner } = driver({ './deploy/start.sh': {} });
    await made.deploy({
      service: 'api',
      environment: 'staging',
      version: '7',
      strategy: 'rolling',
      phase: 'full',
      instances: ['10.0.0.11:8080', '10.0.0.12:8080'],
      addresses: ['10.0.0.11:8080', '10.0.0.12:8080'],
    });
    expect(runner.requests[0]?.env).toMatchObject({
      SHIPGATE_INSTANCES: '10.0.0.11:8080 10.0.0.12:8080',
      SHIPGATE_PREVIOUS_VERSION: '',
    });
    expect(runner.requests[0]?.env).not.toHaveProperty('SHIPGATE_SLOT');
  });

  it('streams the hook output into a log group titled with the service, version and slot', async () => {
    const { driver: made, logger } = driver({
      './deploy/start.sh': {
        stdout: 'pulling api:1.4.2\nstarting\n',
        stderr: 'warning: slow disk\n',
        durationMs: 1500,
      },
    });
    await made.deploy(canary);
    expect(logger.lines).toEqual([
      'group: deploy hook: api 1.4.2 → green',
      'info: pulling api:1.4.2',
      'info: starting',
      'info: warning: slow disk',
      'info: deploy hook succeeded in 1.5s',
      'endgroup',
    ]);
  });

  it('titles a rolling batch with its instances, and puts a version with newlines on one line', async () => {
    const { driver: made, logger } = driver({ './deploy/start.sh': {} });
    await made.deploy({
      service: 'api',
      environment: 'staging',
      version: 'v1\n::error::x',
      strategy: 'rolling',
      phase: 'full',
      instances: ['10.0.0.11:8080'],
    });
    expect(logger.lines[0]).toBe('group: deploy hook: api v1 ::error::x → 10.0.0.11:8080');
  });

  it('logs the title as a plain line when no group is given', async () => {
    const { driver: made, logger } = driver({ './deploy/start.sh': { stdout: 'ok\n' } }, { grouped: false });
    await made.deploy(canary);
    expect(logger.lines).toEqual([
      'info: deploy hook: api 1.4.2 → green',
      'info: ok',
      'info: deploy hook succeeded in 5ms',
    ]);
  });

  it.each<[string, Script, string, { exitCode: number | null; timedOut: boolean }]>([
    [
      'exits non-zero',
      { exitCode: 3, stdout: 'starting\n', stderr: 'pulling\nport 8082 is already in use\n' },
      'deploy hook exited with code 3: port 8082 is already in use',
      { exitCode: 3, timedOut: false },
    ],
    [
      'exits non-zero saying nothing on stderr',
      { exitCode: 1, stdout: 'step 2 of 3\n' },
      'deploy hook exited with code 1: step 2 of 3',
      { exitCode: 1, timedOut: false },
    ],
    ['exits non-zero silently', { exitCode: 1 }, 'deploy hook exited with code 1', { exitCode: 1, timedOut: false }],
    [
      'times out',
      { exitCode: null, timedOut: true, stderr: 'waiting for 127.0.0.1:8082\n' },
      'deploy hook timed out after 10m (last output: waiting for 127.0.0.1:8082)',
      { exitCode: null, timedOut: true },
    ],
    [
      'is cancelled',
      { exitCode: null, aborted: true },
      'deploy hook was cancelled',
      { exitCode: null, timedOut: false },
    ],
    [
      'is killed by a signal',
      { exitCode: null },
      'deploy hook was killed by SIGTERM',
      { exitCode: null, timedOut: false },
    ],
  ])('throws a HookError when the hook %s', async (_, script, message, run) => {
    const { driver: made } = driver({ './deploy/start.sh': script });
    const error = await made.deploy(canary).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookError);
    expect((error as HookError).message).toBe(message);
    expect((error as HookError).code).toBe('hook-failed');
    expect((error as HookError).run).toMatchObject({ hook: 'deploy', ...run });
  });

  it('throws a HookError when sh cannot start', async () => {
    const made = createCommandDriver({
      runner: { run: () => Promise.reject(new Error('could not start sh in /nope: spawn sh ENOENT')) },
      deploy: './deploy/start.sh',
      timeoutMs: 1_000,
      cwd: '/nope',
      logger: memoryLogger(),
    });
    await expect(made.deploy(canary)).rejects.toThrow('deploy hook could not start sh in /nope: spawn sh ENOENT');
  });

  it('passes the signal on to the runner', async () => {
    const { driver: made, runner } = driver({ './deploy/start.sh': {} });
    const controller = new AbortController();
    await made.deploy(canary, controller.signal);
    expect(runner.requests[0]?.signal).toBe(controller.signal);
  });

  it('runs the retire hook with the values of the slot it retires', async () => {
    const { driver: made, runner, logger } = driver({ './deploy/stop.sh': {} }, { retire: './deploy/stop.sh' });
    const run = await made.retire({ ...canary, slot: 'blue', version: '1.4.1', addresses: ['127.0.0.1:8081'] });
    expect(run).toEqual({ hook: 'retire', exitCode: 0, durationMs: 5, timedOut: false });
    expect(runner.requests[0]?.env).toMatchObject({
      SHIPGATE_SLOT: 'blue',
      SHIPGATE_VERSION: '1.4.1',
      SHIPGATE_ADDRESSES: '127.0.0.1:8081',
    });
    expect(logger.lines[0]).toBe('group: retire hook: api 1.4.1 on blue');
  });

  it('throws a HookError naming the retire hook when it fails', async () => {
    const { driver: made } = driver(
      { './deploy/stop.sh': { exitCode: 2, stderr: 'no such container\n' } },
      { retire: './deploy/stop.sh' },
    );
    await expect(made.retire(canary)).rejects.toThrow('retire hook exited with code 2: no such container');
  });

  it('retires as a no-op when no retire hook is configured', async () => {
    const { driver: made, runner, logger } = driver({});
    expect(await made.retire({ ...canary, slot: 'blue' })).toEqual({
      hook: 'retire (none)',
      exitCode: 0,
      durationMs: 0,
      timedOut: false,
    });
    expect(runner.requests).toEqual([]);
    expect(logger.lines).toEqual(['info: retire: no retire hook configured; api 1.4.2 on blue is left running']);
  });
});
