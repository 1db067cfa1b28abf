import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeployWorkspace, type DeployWorkspace, freePort, hookCommand } from '../support/deploy-workspace.js';
import { node24, repoRoot } from '../support/paths.js';

/**
 * Issue #10, items 2 and 5: a CLI canary killed with SIGKILL at its 20% step (the committed dist/cli
 * bundle under Node 24, the file store, real demo-app processes started by the example hooks).
 */
let ws: DeployWorkspace;
let slots: { blue: string[]; green: string[] };
const children: ChildProcess[] = [];

const config = (pause: string) => ({
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
  canary: { steps: [{ weight: 20, pause }] },
});

beforeEach(async () => {
  ws = createDeployWorkspace();
  slots = { blue: [`127.0.0.1:${await freePort()}`], green: [`127.0.0.1:${await freePort()}`] };
  ws.writeConfig(config('100ms'));
});
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await ws.stop();
});

function start(...args: string[]): ChildProcess {
  const child = spawn(node24, [join(repoRoot, 'dist', 'cli', 'index.js'), ...args], {
    cwd: ws.dir,
    env: { PATH: process.env.PATH ?? '', HOME: ws.dir, ...ws.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

function shipgate(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = start(...args);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const weights = () => readFileSync(join(ws.demoDir, 'weights'), 'utf8').trim();
const at = ['--service', 'web', '--environment', 'production'];

/** Polls (bounded) until the route hook has written `expected`. */
async function waitForWeights(expected: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if (weights() === expected) return;
    } catch {
      // not written yet
    }
    if (Date.now() > deadline) throw new Error(`weights never became ${expected}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a CLI canary killed at its 20% step (issue #10, items 2 and 5)', () => {
  it('status names the dead holder, unlock records the killed run, rollback re-applies the stable route, and the next deploy runs', {
    timeout: 120_000,
  }, async () => {
    expect((await shipgate('deploy', ...at, '--version', '1.0.0')).code).toBe(0);
    expect((await shipgate('deploy', ...at, '--version', '1.1.0')).code).toBe(0);
    expect(weights()).toBe('blue=0 green=100');

    ws.writeConfig(config('2h'));
    const canary = start('deploy', ...at, '--version', '1.2.0');
    await waitForWeights('blue=20 green=80');
    const closed = new Promise((resolve) => canary.on('close', resolve));
    if (canary.pid !== undefined) process.kill(canary.pid, 'SIGKILL');
    await closed;
    ws.writeConfig(config('100ms'));

    const status = await shipgate('status', ...at);
    expect(status.stdout).toMatch(
      /lock: held by .* pid \d+ since \S+; holder dead \(no process \d+ on this host; 'shipgate unlock' releases it\)/,
    );
    expect(status.stdout).toMatch(/deploy\s+full\s+1\.2\.0\s+canary\s+in progress/);

    const unlocked = await shipgate('unlock', ...at);
    expect(unlocked.code, unlocked.stderr).toBe(0);
    expect(unlocked.stdout + unlocked.stderr).toMatch(/released the lock of web\/production held by .* pid \d+/);
    const after = await shipgate('status', ...at);
    expect(after.stdout).toContain('lock: free');
    expect(after.stdout).toMatch(/the last run \(1\.2\.0\) was killed mid-change/);

    // `rollback` re-applies the stable route instead of "no earlier good version" (nor "nothing to do").
    const back = await shipgate('rollback', ...at);
    expect(back.code, back.stdout + back.stderr).toBe(0);
    expect(weights()).toBe('green=100');
    expect(Object.keys(ws.pids())).toEqual([slots.green[0]!.split(':')[1]]); // the half-deployed blue is retired

    const next = await shipgate('deploy', ...at, '--version', '1.3.0');
    expect(next.code, next.stdout + next.stderr).toBe(0);
    expect(weights()).toBe('blue=100 green=0');
  });

  it('takes over the lock of a dead holder at once, with a warning, instead of refusing for hours', {
    timeout: 120_000,
  }, async () => {
    expect((await shipgate('deploy', ...at, '--version', '1.0.0')).code).toBe(0);
    ws.writeConfig(config('2h'));
    const canary = start('deploy', ...at, '--version', '1.1.0');
    await waitForWeights('blue=80 green=20');
    const closed = new Promise((resolve) => canary.on('close', resolve));
    if (canary.pid !== undefined) process.kill(canary.pid, 'SIGKILL');
    await closed;
    ws.writeConfig(config('100ms'));

    const next = await shipgate('deploy', ...at, '--version', '1.2.0');
    expect(next.code, next.stdout + next.stderr).toBe(0);
    expect(next.stdout + next.stderr).toMatch(
      /taking over the lock held by .* which is held by process \d+, which is no longer running/,
    );
    expect(weights()).toBe('blue=0 green=100');
    const status = await shipgate('status', ...at);
    expect(status.stdout).toMatch(/deploy\s+full\s+1\.1\.0\s+canary\s+failed\s+\S+\s+killed: /);
  });
});
