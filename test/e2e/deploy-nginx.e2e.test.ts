import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionRun, runAction } from '../support/action-runner.js';
import { createDeployWorkspace, type DeployWorkspace, freePort, hookCommand } from '../support/deploy-workspace.js';
import { type ProbeSummary, startProbe } from '../support/load-probe.js';
import { type RunningNginx, startNginx } from '../support/nginx.js';

/**
 * The deploy bundle (Node 24, as the runner runs it) against real nginx in front of real demo-app
 * processes, under steady load through nginx (SPEC §9: B4, B5). The figures are printed; the budgets
 * are measured again in `npm run bench`.
 */
let ws: DeployWorkspace;
let nginx: RunningNginx;
let slots: { blue: string[]; green: string[] };
let instances: string[];
const figures: string[] = [];

beforeAll(async () => {
  ws = createDeployWorkspace();
  slots = { blue: [`127.0.0.1:${await freePort()}`], green: [`127.0.0.1:${await freePort()}`] };
  instances = await Promise.all([0, 1, 2, 3].map(async () => `127.0.0.1:${await freePort()}`));
  const upstreamFile = join(ws.dir, 'upstream.conf');
  writeFileSync(upstreamFile, `upstream web { server ${slots.blue[0]}; }\n`);
  nginx = await startNginx({ upstreamFile, upstreamName: 'web' });
  const router = {
    kind: 'nginx',
    'upstream-file': upstreamFile,
    'upstream-name': 'web',
    reload: nginx.reloadCommand,
    test: nginx.testCommand,
  };
  const health = {
    url: 'http://{address}/health',
    'expect-json': { status: 'UP' },
    interval: '100ms',
    timeout: '1s',
    deadline: '5s',
    'failure-threshold': 2,
    duration: '3s',
  };
  const target = { kind: 'command', deploy: hookCommand('deploy'), retire: hookCommand('retire'), timeout: '30s' };
  const env = (strategy: string, extra: Record<string, unknown> = {}) => ({
    strategy,
    target: { ...target, slots, instances },
    router,
    health,
    canary: {
      steps: [
        { weight: 20, pause: '3s' },
        { weight: 50, pause: '1s' },
      ],
    },
    'blue-green': { 'scale-down-delay': '1s' },
    rolling: { batch: 1, drain: '1s' },
    ...extra,
  });
  writeFileSync(
    join(ws.dir, '.github', 'shipgate.yml'),
    JSON.stringify({
      version: 1,
      services: {
        web: { environments: { production: env('canary') } },
        // The same nginx upstream name in another file would do too; rolling gets its own upstream here.
      },
    }),
  );
}, 60_000);

afterAll(async () => {
  console.log(`\nshipgate deploy through nginx, measured:\n${figures.map((f) => `  ${f}`).join('\n')}`);
  await nginx?.stop();
  await ws?.stop();
});

function deploy(version: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    action: 'deploy',
    cwd: ws.dir,
    env: ws.env,
    inputs: { environment: 'production', version, state: 'file', ...inputs },
    timeoutMs: 90_000,
  });
}

interface ReportStep {
  name: string;
  outcome: string;
  rollback?: boolean;
  startedAt: string;
  finishedAt?: string;
}

/** B4: from the failing verdict (the failed gate step's end) to the route back's end (nginx reloaded). */
function restoreMs(run: ActionRun): number {
  const steps = (JSON.parse(run.outputs.report ?? '{}') as { steps: ReportStep[] }).steps;
  const failed = steps.find((s) => s.outcome === 'failed' && !s.rollback);
  const back = steps.find((s) => s.rollback && s.name.startsWith('route back'));
  return Date.parse(back?.finishedAt ?? '') - Date.parse(failed?.finishedAt ?? '');
}

function expectNoLostRequests(summary: ProbeSummary, label: string): void {
  figures.push(
    `${label}: ${summary.sent} requests, ${summary.failed.length} failed, ${summary.retried} keep-alive resets retried; by version ${JSON.stringify(summary.byVersion)}`,
  );
  expect(summary.failed, label).toEqual([]);
  expect(summary.sent).toBeGreaterThan(100);
}

describe('deploy through real nginx under load', () => {
  it('canaries, rolls back a degrading canary and switches blue-green without losing a request', async () => {
    const first = await deploy('1.0.0');
    expect(first.exitCode, first.stdout).toBe(0);
    const probe = startProbe(`${nginx.url}/`, { concurrency: 24, rate: 800 });
    const started = performance.now();

    const good = await deploy('2.0.0');
    expect(good.outputs.result).toBe('succeeded');
    expect(good.outputs['active-slot']).toBe('green');

    const degrading = await deploy('3.0.0-degrades');
    expect(degrading.outputs.result).toBe('rolled-back');
    expect(degrading.outputs['active-slot']).toBe('green');
    const b4 = restoreMs(degrading);
    figures.push(
      `B4 canary rollback: traffic back on the stable slot ${b4} ms after the failing verdict (budget 1000 ms)`,
    );

    const switched = await deploy('4.0.0', { strategy: 'blue-green' });
    expect(switched.outputs.result).toBe('succeeded');
    expect(switched.outputs['active-slot']).toBe('blue');

    const sickSwitch = await deploy('5.0.0-degrades', { strategy: 'blue-green' });
    expect(sickSwitch.outputs.result).toBe('rolled-back');
    figures.push(`B4 blue-green rollback after the switch: ${restoreMs(sickSwitch)} ms`);

    const summary = await probe.stop();
    const seconds = (performance.now() - started) / 1000;
    figures.push(`B5 rate: ${(summary.sent / seconds).toFixed(0)} requests/s over ${seconds.toFixed(1)} s`);
    expectNoLostRequests(summary, 'B5 canary promotion, canary rollback, blue-green switch and rollback');
    const versions = Object.keys(summary.byVersion);
    expect(versions).toEqual(expect.arrayContaining(['1.0.0', '2.0.0', '4.0.0']));
  }, 180_000);

  it('rolls four instances batch by batch, and back, without losing a request', async () => {
    const first = await deploy('1.0.0', { strategy: 'rolling' });
    expect(first.exitCode, first.stdout).toBe(0);
    const probe = startProbe(`${nginx.url}/`, { concurrency: 24, rate: 800 });
    const good = await deploy('2.0.0', { strategy: 'rolling' });
    expect(good.outputs.result).toBe('succeeded');
    const bad = await deploy('3.0.0-sick', { strategy: 'rolling' });
    expect(bad.outputs.result).toBe('rolled-back');
    const summary = await probe.stop();
    expectNoLostRequests(summary, 'B5 rolling deploy of 4 instances and a rolling rollback');
    expect(summary.byVersion['3.0.0-sick'] ?? 0).toBe(0);
  }, 180_000);
});
