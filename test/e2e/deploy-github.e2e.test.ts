import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ActionRun, type RunActionOptions, runAction } from '../support/action-runner.js';
import { createDeployWorkspace, type DeployWorkspace, freePort, hookCommand } from '../support/deploy-workspace.js';
import { type EmulatorOptions, type GitHubEmulator, startGitHubEmulator } from '../support/github-emulator/index.js';

/**
 * The `github` state store end to end: the deploy and rollback bundles under Node 24 (state: auto inside
 * Actions with a token), real demo-app processes started by the example hooks, and the GitHub emulator
 * whose every response is checked against GitHub's OpenAPI description.
 */
let ws: DeployWorkspace;
let others: DeployWorkspace[];
let emulator: GitHubEmulator;
let blue: string;
let green: string;
const RUN_URL = 'https://github.com/octo-org/web/actions/runs/7001';

async function start(options?: EmulatorOptions): Promise<void> {
  await emulator.close();
  emulator = await startGitHubEmulator(options);
}

beforeEach(async () => {
  ws = createDeployWorkspace();
  others = [];
  emulator = await startGitHubEmulator();
  blue = `127.0.0.1:${await freePort()}`;
  green = `127.0.0.1:${await freePort()}`;
});
afterEach(async () => {
  for (const other of others) await other.stop();
  await ws.stop();
  expect(emulator.violations()).toEqual([]);
  expect(emulator.requestViolations()).toEqual([]);
  await emulator.close();
});

const health = {
  url: 'http://{address}/health',
  'expect-json': { status: 'UP' },
  interval: '100ms',
  timeout: '1s',
  deadline: '3s',
};
function config(strategy: 'canary' | 'blue-green', extra: Record<string, unknown> = {}) {
  return {
    strategy,
    target: {
      kind: 'command',
      deploy: hookCommand('deploy'),
      retire: hookCommand('retire'),
      timeout: '30s',
      slots: { blue: [blue], green: [green] },
    },
    router: { kind: 'command', route: hookCommand('route') },
    health,
    canary: { steps: [{ weight: 20, pause: '200ms' }] },
    ...extra,
  };
}

function run(
  action: 'deploy' | 'rollback',
  inputs: Record<string, string>,
  options: Partial<RunActionOptions> = {},
): Promise<ActionRun> {
  return runAction({
    action,
    cwd: ws.dir,
    env: ws.env,
    apiUrl: emulator.url,
    inputs: { environment: 'production', ...inputs },
    timeoutMs: 60_000,
    ...options,
  });
}
const deploy = (version: string, inputs: Record<string, string> = {}, options: Partial<RunActionOptions> = {}) =>
  run('deploy', { version, ...inputs }, options);

const weights = () => readFileSync(join(ws.demoDir, 'weights'), 'utf8').trim();
const errors = (r: ActionRun) => r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
const warnings = (r: ActionRun) => r.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
const deployments = () => [...emulator.state.deployments].sort((a, b) => a.id - b.id);
const statesOf = (id: number) =>
  emulator.state.deploymentStatuses
    .filter((s) => s.deployment_id === id)
    .sort((a, b) => a.id - b.id)
    .map((s) => s.state);

describe('deploy and rollback with the github state store (bundles under Node 24, GitHub emulator)', () => {
  it('records each deploy as a deployment, and a fresh workspace learns the live version from GitHub', async () => {
    ws.writeConfig(config('canary'));
    const first = await deploy('1.0.0');
    expect(first.exitCode, first.stdout).toBe(0);
    expect(first.outputs).toMatchObject({ result: 'succeeded', 'active-slot': 'blue' });

    // Another runner: its own empty workspace (no state file), the same servers.
    const fresh = createDeployWorkspace();
    others.push(fresh);
    fresh.writeConfig(config('canary'));
    const second = await deploy('1.1.0', {}, { cwd: fresh.dir });
    expect(second.exitCode, second.stdout).toBe(0);
    expect(second.outputs).toMatchObject({
      result: 'succeeded',
      version: '1.1.0',
      'previous-version': '1.0.0',
      'active-slot': 'green',
    });
    expect(weights()).toBe('blue=0 green=100');
    expect(existsSync(join(ws.dir, '.shipgate', 'state.json'))).toBe(false);
    expect(existsSync(join(fresh.dir, '.shipgate', 'state.json'))).toBe(false);

    const [d1, d2] = deployments();
    expect(second.outputs['deployment-id']).toBe(String(d2?.id));
    // The task names the service, so GitHub filters the list by service (SPEC §9 B7).
    expect(d1).toMatchObject({
      environment: 'production',
      task: 'deploy:web',
      ref: 'a3f1c2d4e5b6a7980112233445566778899aabbc',
      production_environment: true,
      transient_environment: false,
    });
    expect(d1?.payload).toMatchObject({
      shipgate: 1,
      service: 'web',
      version: '1.0.0',
      slot: 'blue',
      strategy: 'canary',
      runId: '7001',
      run_url: RUN_URL,
    });
    expect(d2?.payload).toMatchObject({
      version: '1.1.0',
      previous_version: '1.0.0',
      slot: 'green',
      before: { active_slot: 'blue', active_version: '1.0.0' },
    });
    // Production deployments are never auto-inactivated by GitHub: shipgate marks the replaced one itself.
    expect(statesOf(d1!.id)).toEqual(['in_progress', 'success', 'inactive']);
    expect(statesOf(d2!.id)).toEqual(['in_progress', 'success']);
    const logUrls = emulator.state.deploymentStatuses.filter((s) => s.state !== 'inactive').map((s) => s.log_url);
    expect(new Set(logUrls)).toEqual(new Set([RUN_URL]));
    const posts = emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/deployments'));
    expect(posts[0]?.body).toMatchObject({
      auto_merge: false,
      required_contexts: [],
      production_environment: true,
      task: 'deploy:web',
    });
  });

  it('finds the live version past 100 deployments of other services in the environment (filtered by GitHub, no page 2)', async () => {
    ws.writeConfig(config('canary'));
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    for (let i = 0; i < 130; i += 1) {
      emulator.seedDeployment({
        environment: 'production',
        payload: { shipgate: 1, service: `svc-${i}`, version: `9.${i}` },
        statuses: [{ state: 'success' }],
      });
    }
    const fresh = createDeployWorkspace();
    others.push(fresh);
    fresh.writeConfig(config('canary'));
    const before = emulator.requests.length;
    const second = await deploy('1.1.0', {}, { cwd: fresh.dir });
    expect(second.exitCode, second.stdout).toBe(0);
    expect(second.outputs['previous-version']).toBe('1.0.0');
    const lists = emulator.requests.slice(before).filter((r) => r.method === 'GET' && r.path.endsWith('/deployments'));
    expect(lists.length).toBeGreaterThan(0);
    for (const list of lists) expect(list.query).toMatchObject({ environment: 'production', task: 'deploy:web' });
    expect(lists.filter((r) => r.query.page === '2')).toEqual([]);
  });

  it('rolls back to the previous version chosen from GitHub history by redeploying it (canary without pauses)', async () => {
    ws.writeConfig(config('canary'));
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    expect((await deploy('1.1.0')).exitCode).toBe(0);
    expect(weights()).toBe('blue=0 green=100');

    const fresh = createDeployWorkspace();
    others.push(fresh);
    fresh.writeConfig(config('canary', { canary: { steps: [{ weight: 20, pause: '30s' }] } }));
    const rollback = await run('rollback', { reason: 'error budget burn' }, { cwd: fresh.dir });
    expect(rollback.exitCode, rollback.stdout).toBe(0);
    expect(rollback.outputs).toMatchObject({ result: 'rolled-back', 'from-version': '1.1.0', 'to-version': '1.0.0' });
    expect(rollback.durationMs).toBeLessThan(25_000); // no 30 s canary pause
    expect(weights()).toBe('blue=100 green=0');
    const report = JSON.parse(rollback.outputs.report ?? '{}') as {
      operation: string;
      version: string;
      previousVersion: string;
      rollbackReason: string;
      steps: Array<{ name: string }>;
    };
    expect(report).toMatchObject({
      operation: 'rollback',
      version: '1.0.0',
      previousVersion: '1.1.0',
      rollbackReason: 'error budget burn',
    });
    expect(report.steps.map((s) => s.name)).toContain('deploy 1.0.0 to blue');
    expect(rollback.summary).toContain('shipgate rollback: web 1.1.0 → 1.0.0 on production');

    const last = deployments().at(-1)!;
    expect(rollback.outputs['deployment-id']).toBe(String(last.id));
    expect(last).toMatchObject({ task: 'deploy:web', payload: expect.objectContaining({ kind: 'rollback' }) });
    expect(last.payload).toMatchObject({ version: '1.0.0', rollback_of: '1.1.0' });
    expect(statesOf(last.id)).toEqual(['in_progress', 'success']);

    // 1.1.0 was rolled back from, and 1.0.0 is active: there is no earlier good version left.
    const again = await run('rollback', {}, { cwd: fresh.dir });
    expect(again.exitCode).toBe(1);
    expect(again.outputs.result).toBe('failed');
    expect(errors(again)[0]).toMatch(/^rollback: web\/production has no earlier good version to roll back to/);
  });

  it('switches traffic straight back when the previous slot is still up (blue-green switched, not finalised)', async () => {
    ws.writeConfig(config('blue-green', { 'blue-green': { 'scale-down-delay': '200ms' } }));
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    expect((await deploy('1.1.0', { phase: 'prepare' })).exitCode).toBe(0);
    const switched = await deploy('1.1.0', { phase: 'switch' });
    expect(switched.exitCode, switched.stdout).toBe(0);
    expect(weights()).toBe('blue=0 green=100');
    expect(Object.keys(ws.pids()).sort()).toEqual([blue, green].map((a) => a.split(':')[1]).sort());

    const rollback = await run('rollback', {});
    expect(rollback.exitCode, rollback.stdout).toBe(0);
    expect(rollback.outputs).toMatchObject({ result: 'rolled-back', 'from-version': '1.1.0', 'to-version': '1.0.0' });
    expect(weights()).toBe('blue=100 green=0');
    const report = JSON.parse(rollback.outputs.report ?? '{}') as {
      steps: Array<{ name: string; hooks?: Array<{ name: string }> }>;
    };
    expect(report.steps.map((s) => s.name)).toEqual([
      'gate blue (1.0.0) before traffic',
      'route 100% back to blue',
      'make blue active',
      'wait scale-down-delay 200ms',
      'retire green',
      // Recovery verification (SPEC §5.2): what the rollback put in service is gated again.
      'verify recovery: blue (1.0.0)',
    ]);
    expect(Object.keys(ws.pids())).toEqual([blue.split(':')[1]]);
  });

  it('leaves traffic where it was and exits 1 when the rollback target fails its gate', async () => {
    ws.writeConfig(config('canary'));
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    const rollback = await run('rollback', { 'to-version': '0.9.0-sick' });
    expect(rollback.exitCode).toBe(1);
    expect(rollback.outputs).toMatchObject({ result: 'failed', 'from-version': '1.0.0', 'to-version': '0.9.0-sick' });
    expect(errors(rollback)[0]).toMatch(/^rollback: failed: gate failed: .*; traffic was left where it was$/);
    expect(weights()).toBe('blue=100');
    const last = deployments().at(-1)!;
    expect(last.payload).toMatchObject({ kind: 'rollback' });
    expect(statesOf(last.id)).toEqual(['in_progress', 'failure']);
  });

  it('refuses a second deploy while another run holds the lock, naming its run URL; takes over an expired one', async () => {
    ws.writeConfig(config('canary'));
    const holder = 'https://github.com/octo-org/web/actions/runs/6999';
    emulator.seedDeployment({
      environment: 'production',
      payload: { shipgate: 1, service: 'web', version: '0.9.0', run_url: holder },
      statuses: [{ state: 'in_progress' }],
    });
    const refused = await deploy('1.0.0');
    expect(refused.exitCode).toBe(1);
    expect(errors(refused)).toHaveLength(1);
    expect(errors(refused)[0]).toMatch(
      new RegExp(
        `^web/production is being deployed by ${holder.replaceAll('/', '\\/')} since \\d{4}-\\d\\d-\\d\\dT.*; refusing a second deploy$`,
      ),
    );
    expect(ws.pids()).toEqual({});
    expect(deployments()).toHaveLength(1);

    await start();
    const stale = emulator.seedDeployment({
      environment: 'production',
      payload: { shipgate: 1, service: 'web', version: '0.9.0', run_url: holder },
      createdAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      statuses: [{ state: 'in_progress' }],
    });
    const taken = await deploy('1.0.0');
    expect(taken.exitCode, taken.stdout).toBe(0);
    expect(
      warnings(taken).some((w) => w.includes(`taking over the lock of deployment ${stale.id}, begun by ${holder}`)),
    ).toBe(true);
    expect(statesOf(stale.id)).toEqual(['in_progress', 'error']);
  });

  it('names the missing permission when the token may not write deployments', async () => {
    await start({ tokens: { 'test-token': { deployments: 'read', contents: 'read', metadata: 'read' } } });
    ws.writeConfig(config('canary'));
    const refused = await deploy('1.0.0');
    expect(refused.exitCode).toBe(1);
    expect(errors(refused)).toHaveLength(1);
    expect(errors(refused)[0]).toMatch(
      /^GitHub refused to create a deployment to 'production' in octo-org\/web \(403: Resource not accessible by integration.*\); the workflow's token needs 'permissions: deployments: write'$/,
    );
    expect(ws.pids()).toEqual({});
  });

  it('retries a 502 and a secondary rate limit and still records the deploy', async () => {
    ws.writeConfig(config('canary'));
    emulator.fault({ kind: 'server-error', status: 502, match: { method: 'POST', path: /\/deployments$/ } });
    emulator.fault({
      kind: 'secondary-rate-limit',
      retryAfterSeconds: 1,
      match: { method: 'POST', path: /\/statuses$/ },
    });
    emulator.fault({ kind: 'server-error', status: 503, match: { method: 'GET', path: /\/deployments$/ } });
    const first = await deploy('1.0.0');
    expect(first.exitCode, first.stdout).toBe(0);
    expect(first.outputs.result).toBe('succeeded');
    const statuses = emulator.requests.map((r) => r.status);
    expect(statuses).toContain(502);
    expect(statuses).toContain(503);
    expect(statuses.filter((s) => s === 403)).toHaveLength(1);
    const [d1] = deployments();
    expect(deployments()).toHaveLength(1);
    expect(statesOf(d1!.id)).toEqual(['in_progress', 'success']);
  });

  it('finalises a deploy killed mid-canary in the post step: traffic back on blue, deployment marked error, lock free', {
    timeout: 90_000,
  }, async () => {
    ws.writeConfig(config('canary', { canary: { steps: [{ weight: 20, pause: '60s' }] } }));
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    const killed = await deploy(
      '1.1.0',
      {},
      {
        onStart: (child) => {
          const timer = setInterval(() => {
            try {
              if (readFileSync(join(ws.demoDir, 'weights'), 'utf8').trim() === 'blue=80 green=20') {
                clearInterval(timer);
                child.kill('SIGKILL');
              }
            } catch {
              // not yet
            }
          }, 50);
          child.on('close', () => clearInterval(timer));
        },
      },
    );
    expect(killed.signal).toBe('SIGKILL');
    expect(weights()).toBe('blue=80 green=20');
    const inFlight = deployments().at(-1)!;
    expect(statesOf(inFlight.id)).toEqual(['in_progress']);
    expect(killed.state['shipgate-deployment-id']).toBe(String(inFlight.id));

    const post = await deploy('1.1.0', {}, { entry: 'post', state: killed.state });
    expect(post.exitCode, post.stdout).toBe(0);
    expect(weights()).toBe('blue=100');
    expect(statesOf(inFlight.id)).toEqual(['in_progress', 'error']);
    const last = emulator.state.deploymentStatuses
      .filter((s) => s.deployment_id === inFlight.id)
      .sort((a, b) => b.id - a.id)[0];
    expect(last?.description).toMatch(/^deploy 1\.1\.0 stopped: the run was cancelled or killed/);
    expect(last?.log_url).toBe(RUN_URL);

    // The lock is free and the state is what it was: the next deploy runs, from 1.0.0 on blue.
    ws.writeConfig(config('canary'));
    const next = await deploy('1.1.1');
    expect(next.exitCode, next.stdout).toBe(0);
    expect(next.outputs).toMatchObject({ result: 'succeeded', 'previous-version': '1.0.0', 'active-slot': 'green' });

    // A post step after a main step that finished does nothing.
    const quiet = await deploy('1.1.1', {}, { entry: 'post', state: next.state });
    expect(quiet.exitCode).toBe(0);
    expect(quiet.stdout).toContain('nothing to do');
  });
  it("masks the run's secrets in the deployments' descriptions, keeping the change token the next run reads", async () => {
    // The failure reason quotes the hook's output, which quotes the configured header: a secret.
    const secret = 'sk-live-hook-0123456789';
    ws.writeConfig(config('canary'));
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    ws.writeConfig(
      config('canary', {
        health: { ...health, url: 'http://probe:hunter22pass@{address}/health', headers: { 'X-Api-Key': secret } },
        hooks: { 'before-traffic': `echo "migration refused for key ${secret}" >&2; exit 3` },
      }),
    );
    const failed = await deploy('1.1.0');
    expect(failed.exitCode, failed.stdout).toBe(1);
    expect(failed.outputs.result).toBe('rolled-back');
    const descriptions = emulator.state.deploymentStatuses.map((s) => s.description ?? '');
    expect(descriptions.join('\n')).toContain('***');
    for (const text of descriptions) {
      // Not even a part of it: a description cut to 140 characters before masking would leave a prefix.
      expect(text).not.toContain(secret.slice(0, 10));
      expect(text).not.toContain('hunter22pass');
      expect(text.length).toBeLessThanOrEqual(140);
    }
    // The token survived the mask: a fresh workspace reads blue with 1.0.0 as the live version.
    const fresh = createDeployWorkspace();
    others.push(fresh);
    fresh.writeConfig(config('canary'));
    const next = await deploy('1.1.1', {}, { cwd: fresh.dir });
    expect(next.exitCode, next.stdout).toBe(0);
    expect(next.outputs).toMatchObject({ 'previous-version': '1.0.0', 'active-slot': 'green' });
  });
});
