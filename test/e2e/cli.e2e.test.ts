import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { createDeployWorkspace, type DeployWorkspace, freePort, hookCommand } from '../support/deploy-workspace.js';
import { startGitHubEmulator } from '../support/github-emulator/index.js';

/** `npx shipgate` (the committed dist/cli bundle under Node 24) from a terminal, with the file state store. */
let ws: DeployWorkspace;
let slots: { blue: string[]; green: string[] };

beforeEach(async () => {
  ws = createDeployWorkspace();
  slots = { blue: [`127.0.0.1:${await freePort()}`], green: [`127.0.0.1:${await freePort()}`] };
  ws.writeConfig({
    strategy: 'canary',
    target: { kind: 'command', deploy: hookCommand('deploy'), retire: hookCommand('retire'), timeout: '30s', slots },
    router: { kind: 'command', route: hookCommand('route') },
    health: {
      url: 'http://{address}/health',
      'expect-json': { status: 'UP' },
      interval: '100ms',
      timeout: '1s',
      deadline: '5s',
    },
    canary: { steps: [{ weight: 50, pause: '200ms' }] },
  });
});
afterEach(async () => {
  await ws.stop();
});

type Run = { code: number | null; stdout: string; stderr: string };

function shipgate(...args: string[]): Promise<Run> {
  return shipgateWith({}, ...args);
}

function shipgateWith(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return runCli(args, { cwd: ws.dir, env: { PATH: process.env.PATH ?? '', HOME: ws.dir, ...ws.env, ...env } });
}

const weights = () => readFileSync(join(ws.demoDir, 'weights'), 'utf8').trim();

describe('the shipgate CLI', () => {
  it('deploys, shows the status and rolls back from a terminal, on the same engine and state', async () => {
    expect(
      (await shipgate('deploy', '--service', 'web', '--environment', 'production', '--version', '1.0.0')).code,
    ).toBe(0);
    const second = await shipgate('deploy', '--service', 'web', '--environment', 'production', '--version', '1.1.0');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('shipgate deploy: web 1.1.0 → production: ✅ succeeded');
    expect(weights()).toBe('blue=0 green=100');

    const status = await shipgate('status', '--service', 'web', '--environment', 'production');
    expect(status.stdout).toContain('active version: 1.1.0 on green');

    const back = await shipgate(
      'rollback',
      '--service',
      'web',
      '--environment',
      'production',
      '--reason',
      'checkout errors',
    );
    expect(back.code, back.stderr).toBe(0);
    const after = await shipgate('status', '--service', 'web', '--environment', 'production');
    expect(after.stdout).toContain('active version: 1.0.0');
  });

  it('refuses a bad flag with one line and exit 1', async () => {
    const run = await shipgate(
      'deploy',
      '--service',
      'web',
      '--environment',
      'production',
      '--version',
      '1.0.0',
      '--strategy',
      'big-bang',
    );
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      "shipgate: deploy: input 'strategy' is 'big-bang'; expected one of rolling, blue-green, canary",
    );
    expect(ws.pids()).toEqual({});
  });

  it('deploys and shows the status with the github state store (GITHUB_TOKEN and GITHUB_REPOSITORY from the environment)', async () => {
    const emulator = await startGitHubEmulator();
    try {
      const env = {
        GITHUB_TOKEN: 'test-token',
        GITHUB_REPOSITORY: 'octo-org/web',
        GITHUB_SHA: 'a'.repeat(40),
        GITHUB_API_URL: emulator.url,
      };
      const deployTo = (version: string) =>
        shipgateWith(env, 'deploy', '--environment', 'production', '--version', version, '--state', 'github');
      const first = await deployTo('1.0.0');
      expect(first.code, first.stderr).toBe(0);
      expect((await deployTo('1.1.0')).code).toBe(0);
      // status only reads: no commit (GITHUB_SHA) needed.
      const { GITHUB_SHA: _sha, ...readOnly } = env;
      const status = await shipgateWith(readOnly, 'status', '--environment', 'production', '--state', 'github');
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toContain('active version: 1.1.0 on green');
      expect(status.stdout).toContain('lock: free');
      expect(status.stdout).toMatch(/deploy +full +1\.1\.0 +canary +succeeded/);
      expect(status.stdout).toMatch(/deploy +full +1\.0\.0 +canary +succeeded/);
      expect(existsSync(join(ws.dir, '.shipgate', 'state.json'))).toBe(false);
      expect(emulator.violations()).toEqual([]);
    } finally {
      await emulator.close();
    }
  });

  it('redeploys the active version with --force, which is otherwise nothing to do', async () => {
    const args = ['deploy', '--service', 'web', '--environment', 'production', '--version', '1.0.0'];
    expect((await shipgate(...args)).code).toBe(0);
    expect((await shipgate(...args)).stdout).toContain('nothing to do');
    const forced = await shipgate(...args, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('✅ succeeded');
    expect(weights()).toBe('blue=0 green=100');
  });
});
