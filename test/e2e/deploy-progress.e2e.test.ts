import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../support/action-runner.js';
import { createDeployWorkspace, type DeployWorkspace, freePort, hookCommand } from '../support/deploy-workspace.js';

/**
 * The deploy bundle in a runner's log: a long wait prints a progress line at a steady cadence (every
 * 15 s by default; SHIPGATE_PROGRESS_INTERVAL here, so that the test is short), so a person watching
 * the log sees that the run is alive, which step it is on, and the last verdict.
 */
let ws: DeployWorkspace;

beforeEach(async () => {
  ws = createDeployWorkspace();
  const slots = { blue: [`127.0.0.1:${await freePort()}`], green: [`127.0.0.1:${await freePort()}`] };
  ws.writeConfig({
    strategy: 'canary',
    target: { kind: 'command', deploy: hookCommand('deploy'), retire: hookCommand('retire'), timeout: '30s', slots },
    router: { kind: 'command', route: hookCommand('route') },
    health: { url: 'http://{address}/health', 'expect-json': { status: 'UP' }, interval: '100ms', deadline: '5s' },
    canary: { steps: [{ weight: 50, pause: '2s' }] },
  });
});
afterEach(async () => {
  await ws.stop();
});

const deploy = (version: string, env: Record<string, string> = {}) =>
  runAction({
    action: 'deploy',
    cwd: ws.dir,
    inputs: { service: 'web', environment: 'production', version, state: 'file' },
    env: { ...ws.env, GITHUB_WORKSPACE: ws.dir, ...env },
    timeoutMs: 30_000,
  });

describe('the deploy action in a runner log', () => {
  it('prints a progress line at a steady cadence during a canary pause', async () => {
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    const run = await deploy('1.1.0', { SHIPGATE_PROGRESS_INTERVAL: '500ms' });
    expect(run.exitCode, run.stdout).toBe(0);
    const lines = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('waiting: step 4 of 7: gate green at 50% for 2s'));
    expect(lines.length, run.stdout).toBeGreaterThanOrEqual(2);
    expect(lines.at(-1)).toMatch(/ · \ds of 2s · last: http:\/\/127\.0\.0\.1:\d+\/health: 200 \(healthy\)$/);
  }, 40_000);

  it('prints no progress line for waits shorter than the cadence', async () => {
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    const run = await deploy('1.1.0');
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).not.toContain('waiting: ');
  }, 40_000);
});

describe('the healthcheck action in a runner log', () => {
  it('prints a progress line at a steady cadence while it watches', async () => {
    const server = createServer((_req, res) => res.end('{"status":"UP"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
      const run = await runAction({
        action: 'healthcheck',
        cwd: ws.dir,
        inputs: { urls: url, interval: '200ms', duration: '2s' },
        env: { SHIPGATE_PROGRESS_INTERVAL: '500ms' },
        timeoutMs: 30_000,
      });
      expect(run.exitCode, run.stdout).toBe(0);
      const lines = run.stdout.split('\n').filter((line) => line.startsWith('waiting: healthcheck (watch 2s) · '));
      expect(lines.length, run.stdout).toBeGreaterThanOrEqual(2);
      expect(lines.at(-1)).toContain(`of 2m02s · last: ${url}: 200 (healthy)`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 40_000);
});
