import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ActionRun, runAction } from '../support/action-runner.js';
import { createDeployWorkspace, type DeployWorkspace, freePort, hookCommand } from '../support/deploy-workspace.js';

let ws: DeployWorkspace;
let blue: string;
let green: string;
const port = (address: string) => address.split(':')[1] ?? '';

beforeEach(async () => {
  ws = createDeployWorkspace();
  blue = `127.0.0.1:${await freePort()}`;
  green = `127.0.0.1:${await freePort()}`;
});
afterEach(async () => {
  await ws.stop();
});

const health = {
  url: 'http://{address}/health',
  'expect-json': { status: 'UP' },
  interval: '100ms',
  timeout: '1s',
  deadline: '3s',
};

function slotsConfig(
  strategy: 'canary' | 'blue-green',
  extra: Record<string, unknown> = {},
  target: Record<string, unknown> = {},
  router: Record<string, unknown> = {},
) {
  return {
    strategy,
    target: {
      kind: 'command',
      deploy: hookCommand('deploy'),
      retire: hookCommand('retire'),
      timeout: '30s',
      slots: { blue: [blue], green: [green] },
      ...target,
    },
    router: { kind: 'command', route: hookCommand('route'), ...router },
    health,
    canary: { steps: [{ weight: 20, pause: '200ms' }] },
    ...extra,
  };
}

function deploy(
  version: string,
  inputs: Record<string, string> = {},
  options: Partial<Parameters<typeof runAction>[0]> = {},
): Promise<ActionRun> {
  return runAction({
    action: 'deploy',
    cwd: ws.dir,
    env: ws.env,
    inputs: { environment: 'production', version, state: 'file', ...inputs },
    timeoutMs: 60_000,
    ...options,
  });
}

const weights = () => readFileSync(join(ws.demoDir, 'weights'), 'utf8').trim();
const errors = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
const warnings = (run: ActionRun) => run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
const report = (run: ActionRun) =>
  JSON.parse(run.outputs.report ?? '{}') as {
    steps: Array<{
      name: string;
      outcome: string;
      rollback?: boolean;
      hooks?: Array<{ name: string; exitCode: number | null; timedOut?: boolean }>;
    }>;
    rollback: { attempted: boolean; succeeded: boolean; failures?: string[] };
  };

describe('deploy faults (bundle under Node 24, real processes)', () => {
  it('rolls back when the deploy hook fails: the half-started slot is retired, traffic stays on blue', async () => {
    ws.writeConfig(slotsConfig('canary'));
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    ws.writeConfig(
      slotsConfig('canary', {}, { deploy: `${hookCommand('deploy')}; echo "image pull failed" >&2; exit 7` }),
    );
    const run = await deploy('1.1.0');
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.outputs['failure-reason']).toBe('deploy hook exited with code 7: image pull failed');
    expect(weights()).toBe('blue=100');
    expect(Object.keys(ws.pids())).toEqual([port(blue)]);
  });

  it('kills a deploy hook that hangs past the timeout and rolls back', async () => {
    ws.writeConfig(slotsConfig('canary'));
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    ws.writeConfig(slotsConfig('canary', {}, { deploy: 'sleep 60', timeout: '1s' }));
    const run = await deploy('1.1.0');
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.outputs['failure-reason']).toMatch(/^deploy hook timed out/);
    const hook = report(run).steps[0]?.hooks?.[0];
    expect(hook).toMatchObject({ exitCode: null, timedOut: true });
    expect(weights()).toBe('blue=100');
  });

  it('reports a failing retire hook without failing a deploy whose traffic is right', async () => {
    ws.writeConfig(slotsConfig('canary', {}, { retire: `${hookCommand('retire')}; exit 5` }));
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    const run = await deploy('1.1.0');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('succeeded');
    expect(weights()).toBe('blue=0 green=100');
    expect(report(run).steps.at(-1)).toMatchObject({ name: 'retire blue', outcome: 'failed' });
    expect(warnings(run).some((w) => w.includes('retire blue: failed'))).toBe(true);
  });

  it('says failed, with both reasons, when the rollback cannot route traffic back', async () => {
    // The canary turns sick once it takes traffic; routing back then fails (the load balancer is down).
    const sicken = `node -e "fetch('http://${green}/control',{method:'POST',body:JSON.stringify({mode:'unhealthy'})})"`;
    const route = `${hookCommand('route')} && case "$SHIPGATE_WEIGHTS" in "blue=80 green=20") ${sicken} ;; "blue=100") echo "load balancer API 503" >&2; exit 9 ;; esac`;
    ws.writeConfig(slotsConfig('canary'));
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    ws.writeConfig(slotsConfig('canary', { canary: { steps: [{ weight: 20, pause: '5s' }] } }, {}, { route }));
    const run = await deploy('1.1.0');
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('failed');
    const reason = run.outputs['failure-reason'] ?? '';
    expect(reason).toMatch(
      /^gate failed: http:\/\/127\.0\.0\.1:\d+\/health: 503 on 3 consecutive probes.*; rollback failed: route back: blue=100: .*exited with code 9: load balancer API 503$/,
    );
    expect(report(run).rollback).toMatchObject({ attempted: true, succeeded: false });
  });

  it('routes traffic back to blue and exits non-zero soon after SIGTERM during a canary pause', async () => {
    ws.writeConfig(slotsConfig('canary', { canary: { steps: [{ weight: 20, pause: '5m' }] } }));
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    let signalledAt = 0;
    let signalledAtMs = 0;
    const run = await deploy(
      '1.1.0',
      {},
      {
        onStart: (child) => {
          const poll = setInterval(() => {
            try {
              if (weights() === 'blue=80 green=20') {
                clearInterval(poll);
                signalledAt = performance.now();
                signalledAtMs = Date.now();
                child.kill('SIGTERM');
              }
            } catch {
              // no weights yet
            }
          }, 20);
        },
      },
    );
    const exitedAfter = performance.now() - signalledAt;
    expect(signalledAt).toBeGreaterThan(0);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.outputs['failure-reason']).toMatch(
      /^cancelled during (route 20% to green|gate green at 20% for 5m) \(received SIGTERM\)/,
    );
    expect(weights()).toBe('blue=100');
    expect(Object.keys(ws.pids())).toEqual([port(blue)]);
    expect(exitedAfter).toBeLessThan(10_000); // a bound for the test, not the budget
    const back = report(run).steps.find((s) => s.rollback && s.name.startsWith('route back')) as
      | { finishedAt?: string }
      | undefined;
    console.log(
      `SIGTERM during a canary pause: traffic back on blue ${Date.parse(back?.finishedAt ?? '') - signalledAtMs} ms after the signal; exit after ${exitedAfter.toFixed(0)} ms`,
    );
  });

  it('leaves traffic where it failed when rollback-on-error is false, and says so', async () => {
    ws.writeConfig(slotsConfig('canary', { health: { ...health, deadline: '1s' } }));
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    const run = await deploy('1.1.0-sick', { 'rollback-on-error': 'false' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.outputs['failure-reason']).toMatch(/; rollback-on-error is off$/);
  });
});

describe('blue-green phases', () => {
  it('prepares green without traffic, switches to it, then finalizes by retiring blue', async () => {
    ws.writeConfig(slotsConfig('blue-green'));
    expect((await deploy('1.0.0')).outputs.result).toBe('succeeded');
    const prepare = await deploy('1.1.0', { phase: 'prepare' });
    expect(prepare.outputs).toMatchObject({ result: 'succeeded', 'active-slot': 'blue' });
    expect(weights()).toBe('blue=100');
    expect(Object.keys(ws.pids()).sort()).toEqual([port(blue), port(green)].sort());
    const switched = await deploy('1.1.0', { phase: 'switch' });
    expect(switched.outputs).toMatchObject({ result: 'succeeded', 'active-slot': 'green' });
    expect(weights()).toBe('blue=0 green=100');
    const finalized = await deploy('1.1.0', { phase: 'finalize' });
    expect(finalized.outputs.result).toBe('succeeded');
    expect(Object.keys(ws.pids())).toEqual([port(green)]);
  });

  it('cancels a prepared slot that never took traffic', async () => {
    ws.writeConfig(slotsConfig('blue-green'));
    await deploy('1.0.0');
    await deploy('1.1.0', { phase: 'prepare' });
    const cancel = await deploy('1.1.0', { phase: 'cancel' });
    expect(cancel.outputs.result).toBe('succeeded');
    expect(Object.keys(ws.pids())).toEqual([port(blue)]);
    expect(weights()).toBe('blue=100');
  });

  it('refuses to switch when nothing was prepared, changing nothing', async () => {
    ws.writeConfig(slotsConfig('blue-green'));
    await deploy('1.0.0');
    const run = await deploy('1.1.0', { phase: 'switch' });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([
      `deploy: phase 'switch' needs 1.1.0 prepared on the idle slot green (it runs nothing); run phase prepare first`,
    ]);
  });
});

describe('rolling', () => {
  it('updates four instances batch by batch with drains, and rolls back the updated batches when one fails', async () => {
    const instances = [blue, green, `127.0.0.1:${await freePort()}`, `127.0.0.1:${await freePort()}`];
    const config = (extra: Record<string, unknown> = {}) => ({
      strategy: 'rolling',
      target: {
        kind: 'command',
        deploy: hookCommand('deploy'),
        retire: hookCommand('retire'),
        timeout: '30s',
        instances,
      },
      router: {
        kind: 'command',
        route: `${hookCommand('route')} && echo "$SHIPGATE_WEIGHTS" >> "$SHIPGATE_DEMO_DIR/route-log"`,
      },
      health: { ...health, deadline: '2s' },
      rolling: { batch: '50%', drain: '100ms' },
      ...extra,
    });
    ws.writeConfig(config());
    const first = await deploy('1.0.0');
    expect(first.exitCode, first.stdout).toBe(0);
    const good = await deploy('1.1.0');
    expect(good.outputs).toMatchObject({ result: 'succeeded', 'previous-version': '1.0.0' });
    const versions = async () =>
      Promise.all(
        instances.map(async (a) => ((await (await fetch(`http://${a}/`)).json()) as { version: string }).version),
      );
    expect(await versions()).toEqual(['1.1.0', '1.1.0', '1.1.0', '1.1.0']);

    const bad = await deploy('1.2.0-sick');
    expect(bad.exitCode).toBe(1);
    expect(bad.outputs.result).toBe('rolled-back');
    expect(await versions()).toEqual(['1.1.0', '1.1.0', '1.1.0', '1.1.0']);
    expect(weights()).toBe(`${instances[0]}=25 ${instances[1]}=25 ${instances[2]}=25 ${instances[3]}=25`);
  });
});

describe('the deploy lock', () => {
  it('refuses a second deploy at once, naming the holder and since when', async () => {
    ws.writeConfig(slotsConfig('canary', { canary: { steps: [{ weight: 20, pause: '20s' }] } }));
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    let second: ActionRun | undefined;
    const first = deploy(
      '1.1.0',
      {},
      {
        env: { ...ws.env, GITHUB_RUN_ID: '9001' },
        onStart: (child) => {
          const poll = setInterval(async () => {
            try {
              if (weights() !== 'blue=80 green=20') return;
            } catch {
              return;
            }
            clearInterval(poll);
            second = await deploy('1.2.0', {}, { env: { ...ws.env, GITHUB_RUN_ID: '9002' } });
            child.kill('SIGTERM');
          }, 50);
        },
      },
    );
    await first;
    expect(second?.exitCode).toBe(1);
    expect(errors(second!)).toHaveLength(1);
    expect(errors(second!)[0]).toMatch(
      /^web\/production is being deployed by https:\/\/github\.com\/octo-org\/web\/actions\/runs\/9001 since \d{4}-\d\d-\d\dT[\d:.]+Z; refusing a second deploy$/,
    );
  });

  it('takes over a stale lock left by a killed run, with a warning naming its holder', async () => {
    ws.writeConfig(slotsConfig('canary'));
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    const { writeFileSync } = await import('node:fs');
    const state = ws.readState() as { version: number; environments: Record<string, Record<string, unknown>> };
    state.environments['web/production'] = {
      ...state.environments['web/production'],
      lock: {
        holder: 'https://github.com/octo-org/web/actions/runs/666',
        since: '2026-11-21T01:00:00.000Z',
        expiresAt: '2026-11-21T03:00:00.000Z',
        id: 'stale',
      },
    };
    writeFileSync(join(ws.dir, '.shipgate', 'state.json'), JSON.stringify(state));
    const run = await deploy('1.1.0');
    expect(run.exitCode).toBe(0);
    expect(
      warnings(run).some((w) =>
        w.includes('taking over the lock held by https://github.com/octo-org/web/actions/runs/666'),
      ),
    ).toBe(true);
  });
});
