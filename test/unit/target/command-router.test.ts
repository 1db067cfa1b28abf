import { describe, expect, it } from 'vitest';
import { createCommandRouter } from '../../../src/target/command-router.js';
import type { HookValues, Route } from '../../../src/target/ports.js';
import { RouterError } from '../../../src/target/ports.js';
import type { Script } from './scripted-runner.js';
import { memoryLogger, scriptedRunner } from './scripted-runner.js';

const values: HookValues = {
  service: 'api',
  environment: 'production',
  version: '1.4.2',
  previousVersion: '1.4.1',
  strategy: 'canary',
  phase: 'full',
  slot: 'green',
};
const canary10: Route = {
  groups: [
    { name: 'blue', addresses: ['127.0.0.1:8081', '127.0.0.1:8083'], weight: 90 },
    { name: 'green', addresses: ['127.0.0.1:8082'], weight: 10 },
  ],
};

function router(script: Script) {
  const runner = scriptedRunner({ './deploy/route.sh': script });
  const logger = memoryLogger();
  return {
    router: createCommandRouter({ runner, route: './deploy/route.sh', timeoutMs: 30_000, logger, cwd: '/work/space' }),
    runner,
    logger,
  };
}

describe('createCommandRouter', () => {
  it('runs the route hook with SHIPGATE_WEIGHTS and the addresses that take traffic', async () => {
    const { router: made, runner, logger } = router({ stdout: 'lb updated\n' });
    const result = await made.apply(canary10, values);
    expect(result.hooks).toEqual([{ hook: 'route', exitCode: 0, durationMs: 5, timedOut: false }]);
    expect(runner.requests[0]).toMatchObject({ command: './deploy/route.sh', cwd: '/work/space', timeoutMs: 30_000 });
    expect(runner.requests[0]?.env).toEqual({
      SHIPGATE_SERVICE: 'api',
      SHIPGATE_ENVIRONMENT: 'production',
      SHIPGATE_VERSION: '1.4.2',
      SHIPGATE_PREVIOUS_VERSION: '1.4.1',
      SHIPGATE_STRATEGY: 'canary',
      SHIPGATE_PHASE: 'full',
      SHIPGATE_SLOT: 'green',
      SHIPGATE_WEIGHTS: 'blue=90 green=10',
      SHIPGATE_ADDRESSES: '127.0.0.1:8081 127.0.0.1:8083 127.0.0.1:8082',
    });
    expect(logger.lines).toEqual([
      'info: route hook: api blue=90 green=10',
      'info: lb updated',
      'info: routed blue=90 green=10',
    ]);
  });

  it('leaves the addresses of a group at weight 0 out of SHIPGATE_ADDRESSES', async () => {
    const { router: made, runner } = router({});
    await made.apply(
      {
        groups: [
          { name: 'blue', addresses: ['127.0.0.1:8081'], weight: 0 },
          { name: 'green', addresses: ['127.0.0.1:8082'], weight: 100 },
        ],
      },
      values,
    );
    expect(runner.requests[0]?.env).toMatchObject({
      SHIPGATE_WEIGHTS: 'blue=0 green=100',
      SHIPGATE_ADDRESSES: '127.0.0.1:8082',
    });
  });

  it.each<[string, Script, string]>([
    [
      'exits non-zero',
      { exitCode: 4, stderr: 'aws: throttled\n' },
      'command router: route hook for blue=90 green=10 exited with code 4: aws: throttled',
    ],
    [
      'times out',
      { exitCode: null, timedOut: true },
      'command router: route hook for blue=90 green=10 timed out after 30s',
    ],
  ])('throws a RouterError with the hook run when the hook %s', async (_, script, message) => {
    const { router: made } = router(script);
    const error = (await made.apply(canary10, values).catch((e: unknown) => e)) as RouterError;
    expect(error).toBeInstanceOf(RouterError);
    expect(error.message).toBe(message);
    expect(error.hooks).toHaveLength(1);
    expect(error.hooks[0]?.hook).toBe('route');
  });

  it('refuses a route that sends traffic nowhere without running the hook', async () => {
    const { router: made, runner } = router({});
    await expect(
      made.apply({ groups: [{ name: 'blue', addresses: ['127.0.0.1:8081'], weight: 0 }] }, values),
    ).rejects.toThrow(
      "command router: route 'blue=0' sends traffic nowhere (no group has a weight above 0); the route hook was not run",
    );
    expect(runner.requests).toEqual([]);
  });
});
