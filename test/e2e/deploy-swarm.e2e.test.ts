import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionRun, runAction } from '../support/action-runner.js';
import { type CliRun, runCli } from '../support/cli.js';
import { freePort } from '../support/deploy-workspace.js';
import { DOCKER_CLI, type Dockerd, freePortPrefix, importDemoImage, startDockerd } from '../support/dockerd.js';
import { startProbe } from '../support/load-probe.js';
import { type RunningNginx, startNginx } from '../support/nginx.js';

/**
 * The deploy bundle and the CLI against a real dockerd + one-node swarm (issue #13): Swarm's own rolling
 * update of two replicas, a bad build rolled back by Swarm's rollback, a drift aborted without force,
 * `shipgate status` showing what Swarm runs, and blue-green and canary through real nginx with one
 * service per slot. Images come from `docker import` (no registry); tasks run on the host network.
 */
let daemon: Dockerd;
let dir: string;
let nginx: RunningNginx;
let rolling: string[];
let slots: { blue: string; green: string };

/** A service as a stack file would define it: host network, fast update monitor, no registry. */
async function createService(name: string, version: string, replicas: number, port: string): Promise<void> {
  await daemon.docker(
    ...['service', 'create', '--detach', '--quiet', '--name', name, '--network', 'host'],
    ...['--replicas', String(replicas), '--env', `PORT=${port}`],
    ...['--update-monitor', '1s', '--rollback-monitor', '1s', '--stop-grace-period', '3s'],
    `shipgate-demo:${version}`,
  );
}

/** What every running task of a service runs: `docker service ps`, as Swarm sees it. */
async function tasksOf(name: string): Promise<string[]> {
  const out = await daemon.docker(
    'service',
    'ps',
    '--filter',
    'desired-state=running',
    '--format',
    '{{.Image}} {{.CurrentState}}',
    name,
  );
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ').slice(0, 2).join(' '));
}

async function waitForTasks(name: string, expected: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await tasksOf(name);
    if (JSON.stringify([...last].sort()) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name}: tasks ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
}

/** Polls an address until every answer for a second comes from `version` (bounded). */
async function waitForVersion(address: string, version: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let streak = 0;
  let last = '';
  while (Date.now() < deadline && streak < 10) {
    const body = (await fetch(`http://${address}/`)
      .then((res) => res.json())
      .catch(() => ({}))) as { version?: string };
    last = body.version ?? '?';
    streak = last === version ? streak + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(last, `${address} answers`).toBe(version);
}

beforeAll(async () => {
  daemon = await startDockerd();
  dir = mkdtempSync(join(tmpdir(), 'shipgate-swarm-ws-'));
  mkdirSync(join(dir, '.github'));
  for (const version of ['1.0.0', '2.0.0', '4.0.0'])
    await importDemoImage(daemon, `shipgate-demo:${version}`, { version });
  await importDemoImage(daemon, 'shipgate-demo:3.0.0-crash', { version: '3.0.0-crash', mode: 'crash' });
  await importDemoImage(daemon, 'shipgate-demo:3.0.0-sick', { version: '3.0.0-sick', mode: 'unhealthy' });

  const prefix = await freePortPrefix();
  rolling = [`127.0.0.1:${prefix}1`, `127.0.0.1:${prefix}2`];
  await createService('web', '1.0.0', 2, `${prefix}{{.Task.Slot}}`);
  slots = { blue: `127.0.0.1:${await freePort()}`, green: `127.0.0.1:${await freePort()}` };
  await createService('web_blue', '1.0.0', 1, slots.blue.split(':')[1] ?? '');
  await createService('web_green', '1.0.0', 0, slots.green.split(':')[1] ?? '');
  await waitForTasks('web', ['shipgate-demo:1.0.0 Running', 'shipgate-demo:1.0.0 Running']);
  await waitForTasks('web_blue', ['shipgate-demo:1.0.0 Running']);

  const upstreamFile = join(dir, 'upstream.conf');
  writeFileSync(upstreamFile, `upstream web { server ${slots.blue}; }\n`);
  nginx = await startNginx({ upstreamFile, upstreamName: 'web' });
  const image = 'shipgate-demo:{version}';
  const health = {
    url: 'http://{address}/health',
    'expect-json': { status: 'UP' },
    interval: '250ms',
    timeout: '1s',
    deadline: '6s',
    'failure-threshold': 2,
  };
  const config = {
    version: 1,
    services: {
      web: {
        environments: {
          production: {
            strategy: 'rolling',
            target: { kind: 'swarm', image, docker: DOCKER_CLI, timeout: '60s', service: 'web', addresses: rolling },
            health,
            rolling: { batch: 1, pause: '0s', order: 'start-first' },
          },
          slots: {
            strategy: 'blue-green',
            target: {
              kind: 'swarm',
              image,
              docker: DOCKER_CLI,
              timeout: '60s',
              slots: {
                blue: { service: 'web_blue', addresses: [slots.blue] },
                green: { service: 'web_green', addresses: [slots.green] },
              },
            },
            router: {
              kind: 'nginx',
              'upstream-file': upstreamFile,
              'upstream-name': 'web',
              reload: nginx.reloadCommand,
              test: nginx.testCommand,
            },
            health,
            canary: { steps: [{ weight: 50, pause: '1s' }] },
            'blue-green': { 'scale-down-delay': '1s' },
          },
        },
      },
    },
  };
  writeFileSync(join(dir, '.github', 'shipgate.yml'), JSON.stringify(config));
}, 120_000);

afterAll(async () => {
  await nginx?.stop();
  await daemon?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

function deploy(environment: string, version: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    action: 'deploy',
    cwd: dir,
    env: daemon.env,
    inputs: { service: 'web', environment, version, state: 'file', ...inputs },
    timeoutMs: 120_000,
  });
}

function cli(...args: string[]): Promise<CliRun> {
  return runCli(args, { cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1', ...daemon.env } });
}

const failureLines = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error').map((a) => a.message);

describe('swarm rolling deploy on a real dockerd + swarm', () => {
  it("rolls two replicas with Swarm's update, and rolls a crashing build back with Swarm's rollback", async () => {
    const first = await deploy('production', '1.0.0');
    expect(first.exitCode, first.stdout).toBe(0);
    expect(first.outputs.result).toBe('succeeded');

    const good = await deploy('production', '2.0.0');
    expect(good.exitCode, good.stdout).toBe(0);
    expect(good.outputs.result).toBe('succeeded');
    expect(await tasksOf('web')).toEqual(['shipgate-demo:2.0.0 Running', 'shipgate-demo:2.0.0 Running']);

    const crash = await deploy('production', '3.0.0-crash');
    expect(crash.exitCode).toBe(1);
    expect(crash.outputs.result).toBe('rolled-back');
    expect(crash.outputs['failure-reason']).toMatch(/^swarm: web: Swarm paused the update .*non-zero exit \(1\)/);
    expect(await tasksOf('web')).toEqual(['shipgate-demo:2.0.0 Running', 'shipgate-demo:2.0.0 Running']);
    const report = JSON.parse(crash.outputs.report ?? '{}') as { rollback: unknown };
    expect(report.rollback).toMatchObject({ attempted: true, succeeded: true });

    // No registry has it and no node holds it: Swarm rejects the tasks and pauses.
    const missing = await deploy('production', '9.9.9-never-built');
    expect(missing.outputs.result, missing.stdout).toBe('rolled-back');
    expect(missing.outputs['failure-reason']).toMatch(/^swarm: web: Swarm paused the update .*No such image/);
    expect(await tasksOf('web')).toEqual(['shipgate-demo:2.0.0 Running', 'shipgate-demo:2.0.0 Running']);
  }, 120_000);

  it('rolls back a build that runs but never answers healthy, leaving the previous image on every task', async () => {
    const sick = await deploy('production', '3.0.0-sick');
    expect(sick.outputs.result, sick.stdout).toBe('rolled-back');
    expect(sick.outputs['failure-reason']).toMatch(/^gate failed/);
    expect(await tasksOf('web')).toEqual(['shipgate-demo:2.0.0 Running', 'shipgate-demo:2.0.0 Running']);
    // Swarm stops a replaced container a few seconds after its task: until then both answer on the port.
    for (const address of rolling) await waitForVersion(address, '2.0.0');
  }, 120_000);

  it('aborts a deploy when someone changed the service by hand, shows it in status, and goes ahead with force', async () => {
    await daemon.docker('service', 'update', '--detach', '--quiet', '--image', 'shipgate-demo:1.0.0', 'web');
    await waitForTasks('web', ['shipgate-demo:1.0.0 Running', 'shipgate-demo:1.0.0 Running']);

    const status = await cli('status', '--service', 'web', '--environment', 'production');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout, status.stderr).toContain('  active version: 2.0.0');
    expect(status.stdout).toMatch(/\n {4}web: 2\/2 tasks run shipgate-demo:1\.0\.0 \(version 1\.0\.0\)/);
    expect(status.stdout).toMatch(
      / {2}drift: swarm: service web runs shipgate-demo:1\.0\.0 \(version 1\.0\.0\), but the record says 2\.0\.0 is active/,
    );

    const refused = await deploy('production', '4.0.0');
    expect(refused.exitCode, refused.stdout).toBe(1);
    expect(refused.outputs.result, refused.stdout).toBe('aborted');
    expect(failureLines(refused).join('\n')).toMatch(
      /but the record says 2\.0\.0 is active.*deploy with force to go ahead/,
    );
    expect(await tasksOf('web')).toEqual(['shipgate-demo:1.0.0 Running', 'shipgate-demo:1.0.0 Running']);

    const forced = await deploy('production', '4.0.0', { force: 'true' });
    expect(forced.outputs.result, forced.stdout).toBe('succeeded');
    expect(await tasksOf('web')).toEqual(['shipgate-demo:4.0.0 Running', 'shipgate-demo:4.0.0 Running']);
    const after = await cli('status', '--service', 'web', '--environment', 'production');
    // No drift: status names none (a drift line appears only where what runs differs from the record).
    expect(after.stdout).toMatch(/\n {4}web: 2\/2 tasks run shipgate-demo:4\.0\.0 \(version 4\.0\.0\)/);
    expect(after.stdout).not.toContain('drift:');
  }, 120_000);

  it('says in one line that the Docker daemon does not answer, before changing anything', async () => {
    const down = await runAction({
      action: 'deploy',
      cwd: dir,
      env: { DOCKER_HOST: `unix://${join(dir, 'no-daemon.sock')}` },
      inputs: { service: 'web', environment: 'production', version: '4.0.1', state: 'file' },
      timeoutMs: 60_000,
    });
    expect(down.exitCode).toBe(1);
    expect(failureLines(down)).toEqual([
      expect.stringMatching(
        /^swarm: the Docker daemon does not answer: Cannot connect to the Docker daemon at unix:\/\/.*no-daemon\.sock/,
      ),
    ]);
  }, 60_000);

  it('says in one line that the service does not exist', async () => {
    await daemon.docker('service', 'rm', 'web');
    const missing = await deploy('production', '4.0.1');
    expect(missing.exitCode).toBe(1);
    expect(failureLines(missing)).toEqual([
      "swarm: service 'web' (target.service) does not exist; create it once with docker service create",
    ]);
  }, 60_000);
});

describe('swarm blue-green and canary through nginx, one service per slot', () => {
  it('switches, canaries and rolls back a sick slot without losing a request', async () => {
    const probe = startProbe(`${nginx.url}/`, { concurrency: 8, rate: 300 });
    const first = await deploy('slots', '1.0.0');
    expect(first.outputs.result, first.stdout).toBe('succeeded');
    expect(first.outputs['active-slot']).toBe('blue');

    // green was scaled to 0: the canary scales it up, then blue is retired (scaled to 0).
    const canary = await deploy('slots', '2.0.0', { strategy: 'canary' });
    expect(canary.outputs.result, canary.stdout).toBe('succeeded');
    expect(canary.outputs['active-slot']).toBe('green');
    expect(await tasksOf('web_green')).toEqual(['shipgate-demo:2.0.0 Running']);
    await waitForTasks('web_blue', []);

    const sick = await deploy('slots', '3.0.0-sick');
    expect(sick.outputs.result, sick.stdout).toBe('rolled-back');
    expect(sick.outputs['active-slot']).toBe('green');
    await waitForTasks('web_blue', []);

    const summary = await probe.stop();
    console.log(
      `swarm slots through nginx: ${summary.sent} requests, ${summary.failed.length} failed, by version ${JSON.stringify(summary.byVersion)}`,
    );
    expect(summary.failed).toEqual([]);
    expect(Object.keys(summary.byVersion)).toEqual(expect.arrayContaining(['1.0.0', '2.0.0']));
    expect(summary.byVersion['3.0.0-sick'] ?? 0).toBe(0);
  }, 150_000);
});

describe('swarm faults', () => {
  it('says in one line that the daemon is not a Swarm manager', async () => {
    await daemon.docker('swarm', 'leave', '--force');
    const run = await deploy('slots', '5.0.0');
    expect(run.exitCode).toBe(1);
    expect(failureLines(run)).toEqual([
      expect.stringMatching(
        /^swarm: this Docker daemon is not a Swarm manager \(.*\); run shipgate on a manager node$/,
      ),
    ]);
  }, 60_000);
});
