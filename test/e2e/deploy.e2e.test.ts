import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ActionRun, runAction } from '../support/action-runner.js';
import { createDeployWorkspace, type DeployWorkspace, freePort, hookCommand } from '../support/deploy-workspace.js';

let ws: DeployWorkspace;
let blue: string;
let green: string;

beforeEach(async () => {
  ws = createDeployWorkspace();
  blue = `127.0.0.1:${await freePort()}`;
  green = `127.0.0.1:${await freePort()}`;
});
afterEach(async () => {
  await ws.stop();
});

function canaryConfig(extra: Record<string, unknown> = {}) {
  return {
    strategy: 'canary',
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
    canary: {
      steps: [
        { weight: 10, pause: '300ms' },
        { weight: 50, pause: '300ms' },
      ],
    },
    ...extra,
  };
}

function deploy(version: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    action: 'deploy',
    cwd: ws.dir,
    env: ws.env,
    inputs: { environment: 'production', version, state: 'file', ...inputs },
    timeoutMs: 60_000,
  });
}

const weights = () => readFileSync(join(ws.demoDir, 'weights'), 'utf8').trim();
const errors = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error').map((a) => a.message);

describe('deploy bundle under Node 24: canary with command hooks and a command router', () => {
  it('deploys the first version to blue, then canaries a good version to green and retires blue', async () => {
    ws.writeConfig(canaryConfig());
    const first = await deploy('1.0.0');
    expect(first.exitCode, first.stdout).toBe(0);
    expect(first.outputs).toMatchObject({
      result: 'succeeded',
      version: '1.0.0',
      'previous-version': '',
      'active-slot': 'blue',
    });
    expect(weights()).toBe('blue=100');

    const second = await deploy('1.1.0');
    expect(second.exitCode, second.stdout).toBe(0);
    expect(second.outputs).toMatchObject({
      result: 'succeeded',
      version: '1.1.0',
      'previous-version': '1.0.0',
      'active-slot': 'green',
    });
    expect(weights()).toBe('blue=0 green=100');
    const report = JSON.parse(second.outputs.report ?? '{}') as { steps: Array<{ name: string; outcome: string }> };
    expect(report.steps.map((s) => s.name)).toEqual([
      'deploy 1.1.0 to green',
      'gate green before traffic',
      'route 10% to green',
      'gate green at 10% for 300ms',
      'route 50% to green',
      'gate green at 50% for 300ms',
      'route 100% to green',
      'make green active',
      'retire blue',
    ]);
    expect(Object.keys(ws.pids())).toEqual([green.split(':')[1]]);
    expect(second.summary).toContain('shipgate deploy: web 1.1.0 → production: ✅ succeeded');
    expect(second.summary).toContain('```mermaid\ngantt');
  });

  it('rolls back a canary whose health fails at 10%: traffic back on blue, green retired, exit 1', async () => {
    ws.writeConfig(
      canaryConfig({
        health: {
          url: 'http://{address}/health',
          'expect-json': { status: 'UP' },
          interval: '100ms',
          timeout: '1s',
          deadline: '2s',
        },
      }),
    );
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    const bad = await deploy('1.1.0-sick');
    expect(bad.exitCode).toBe(1);
    expect(bad.outputs.result).toBe('rolled-back');
    expect(bad.outputs['active-slot']).toBe('blue');
    expect(bad.outputs['failure-reason']).toMatch(
      /^gate failed: http:\/\/127\.0\.0\.1:\d+\/health: not healthy within 2s: 503/,
    );
    expect(errors(bad)).toHaveLength(1);
    expect(errors(bad)[0]).toMatch(/^deploy: rolled-back: gate failed: /);
    expect(weights()).toBe('blue=100');
    expect(Object.keys(ws.pids())).toEqual([blue.split(':')[1]]);
    const state = ws.readState() as {
      environments: Record<string, { activeVersion: string; history: Array<{ result: string; version: string }> }>;
    };
    const env = state.environments['web/production'];
    expect(env?.activeVersion).toBe('1.0.0');
    expect(env?.history.map((h) => [h.version, h.result])).toEqual([
      ['1.1.0-sick', 'rolled-back'],
      ['1.0.0', 'succeeded'],
    ]);
  });

  it('is a noop when the version is already active and healthy', async () => {
    ws.writeConfig(canaryConfig());
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    const again = await deploy('1.0.0');
    expect(again.exitCode).toBe(0);
    expect(again.outputs.result).toBe('noop');
  });

  it('prints the plan on a dry run and changes nothing', async () => {
    ws.writeConfig(canaryConfig());
    const run = await deploy('1.0.0', { 'dry-run': 'true' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('planned');
    expect(ws.pids()).toEqual({});
    expect(run.summary).toContain('#### Plan');
  });

  it('passes the version to hooks verbatim and never runs it as shell', async () => {
    ws.writeConfig(canaryConfig());
    const version = `1.0.0"; touch ${join(ws.dir, 'pwned')}; echo "$(touch ${join(ws.dir, 'pwned2')})`;
    const run = await deploy(version);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.version).toBe(version);
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(ws.dir, 'pwned'))).toBe(false);
    expect(existsSync(join(ws.dir, 'pwned2'))).toBe(false);
  });

  it.each([
    [
      { strategy: 'blue_green' },
      "deploy: input 'strategy' is 'blue_green'; expected one of rolling, blue-green, canary",
    ],
    [
      { phase: 'prepare' },
      "deploy: input 'phase' is 'prepare'; expected full (phases prepare, switch, finalize and cancel are for blue-green; the strategy is canary)",
    ],
    [{ service: 'api' }, "deploy: input 'service' is 'api'; expected a service of .github/shipgate.yml (web)"],
    [
      { environment: 'staging' },
      "deploy: input 'environment' is 'staging'; expected an environment of service 'web' in .github/shipgate.yml (production)",
    ],
    [{ 'rollback-on-error': 'yes' }, "deploy: input 'rollback-on-error' is 'yes'; expected true or false"],
    [
      { version: 'a\u0007b' },
      // The control character is shown escaped (SPEC §10), so the line says which one it was.
      "deploy: input 'version' is 'a\\x07b'; expected an opaque version string of 1 to 256 characters without control characters",
    ],
  ])('refuses %j with one line and changes nothing', async (inputs, message) => {
    ws.writeConfig(canaryConfig());
    const run = await deploy('1.0.0', inputs);
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([message]);
    expect(ws.pids()).toEqual({});
  });

  it.each([
    [
      { canary: { steps: [{ weight: 50 }, { weight: 10 }] } },
      ".github/shipgate.yml: key 'services.web.environments.production.canary.steps[1].weight' is '10'; expected a weight above the previous step's 50 (weights increase)",
    ],
    [
      { canary: { steps: [{ weight: 150 }] } },
      ".github/shipgate.yml: key 'services.web.environments.production.canary.steps[0].weight' is '150'; expected a whole number from 1 to 100",
    ],
    [
      { router: { kind: 'none' } },
      ".github/shipgate.yml: key 'services.web.environments.production.router' is missing; expected a router of kind nginx or command (canary moves traffic between slots) (strategy canary)",
    ],
    [
      { rolling: { batch: 0 } },
      ".github/shipgate.yml: key 'services.web.environments.production.rolling.batch' is '0'; expected a count of instances (1 or more) or a percentage from 1% to 100%",
    ],
    [
      { rolling: { batch: '150%' } },
      ".github/shipgate.yml: key 'services.web.environments.production.rolling.batch' is '150%'; expected a count of instances (1 or more) or a percentage from 1% to 100%",
    ],
    [
      { strategy: 'linear' },
      ".github/shipgate.yml: key 'services.web.environments.production.strategy' is 'linear'; expected one of rolling, blue-green, canary",
    ],
  ])('refuses a bad config %j with one line naming the key path', async (extra, message) => {
    ws.writeConfig(canaryConfig(extra));
    const run = await deploy('1.0.0');
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([message]);
    expect(ws.pids()).toEqual({});
  });
});
