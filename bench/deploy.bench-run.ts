import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { type ActionRun, runAction } from '../test/support/action-runner.js';
import {
  createDeployWorkspace,
  type DeployWorkspace,
  freePort,
  hookCommand,
} from '../test/support/deploy-workspace.js';
import { json, startServer, type TestServer } from '../test/support/http-servers.js';
import { startProbe } from '../test/support/load-probe.js';
import { type RunningNginx, startNginx } from '../test/support/nginx.js';

/**
 * Deploy budgets (SPEC §9): B4 restore, B5 no lost requests, B6 overhead. Prints one JSON line per
 * figure, prefixed `BENCH `, which bench/run.mjs collects into its table.
 */
const report = (figure: Record<string, unknown>): void => {
  console.log(`BENCH ${JSON.stringify(figure)}`);
};
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

interface Step {
  name: string;
  outcome: string;
  rollback?: boolean;
  startedAt: string;
  finishedAt?: string;
  hooks?: Array<{ durationMs: number }>;
}
const steps = (run: ActionRun) =>
  JSON.parse(run.outputs.report ?? '{}') as { steps: Step[]; startedAt: string; finishedAt: string };

let ws: DeployWorkspace;
let nginx: RunningNginx;
let health: TestServer;

beforeAll(async () => {
  ws = createDeployWorkspace();
  health = await startServer(json(200, { status: 'UP' }));
});
afterAll(async () => {
  await nginx?.stop();
  await health?.close();
  await ws?.stop();
});

it('B6: a full canary with zero pauses and no-op hooks', async () => {
  ws.writeConfig({
    strategy: 'canary',
    target: {
      kind: 'command',
      deploy: 'true',
      retire: 'true',
      slots: { blue: ['127.0.0.1:1'], green: ['127.0.0.1:2'] },
    },
    router: { kind: 'command', route: 'true' },
    health: { url: `${health.url}/health`, interval: '100ms', timeout: '1s' },
    canary: { steps: [{ weight: 10 }, { weight: 50 }] },
  });
  const deploy = (version: string) =>
    runAction({
      action: 'deploy',
      cwd: ws.dir,
      inputs: { environment: 'production', version, state: 'file', 'state-file': 'b6-state.json' },
    });
  await deploy('0');
  const overheads: number[] = [];
  const totals: number[] = [];
  for (let i = 1; i <= 7; i += 1) {
    const run = await deploy(String(i));
    if (run.outputs.result !== 'succeeded') throw new Error(`B6 deploy ${i}: ${run.outputs['failure-reason']}`);
    const r = steps(run);
    const hooks = r.steps.flatMap((s) => s.hooks ?? []).reduce((sum, hook) => sum + hook.durationMs, 0);
    overheads.push(Date.parse(r.finishedAt) - Date.parse(r.startedAt) - hooks);
    totals.push(run.durationMs);
  }
  report({
    id: 'B6',
    what: 'full canary (2 steps), zero pauses, no-op hooks: engine time beyond the hooks',
    value: median(overheads),
    unit: 'ms',
    budget: 300,
    extra: `whole action run ${median(totals).toFixed(0)} ms incl. start-up`,
  });
});

it('B4 and B5: rollback restore time and lost requests through real nginx', async () => {
  const slots = { blue: [`127.0.0.1:${await freePort()}`], green: [`127.0.0.1:${await freePort()}`] };
  const upstreamFile = join(ws.dir, 'upstream.conf');
  writeFileSync(upstreamFile, `upstream web { server ${slots.blue[0]}; }\n`);
  nginx = await startNginx({ upstreamFile, upstreamName: 'web' });
  ws.writeConfig({
    strategy: 'canary',
    target: { kind: 'command', deploy: hookCommand('deploy'), retire: hookCommand('retire'), timeout: '30s', slots },
    router: {
      kind: 'nginx',
      'upstream-file': upstreamFile,
      'upstream-name': 'web',
      reload: nginx.reloadCommand,
      test: nginx.testCommand,
    },
    health: {
      url: 'http://{address}/health',
      'expect-json': { status: 'UP' },
      interval: '100ms',
      timeout: '1s',
      deadline: '5s',
      'failure-threshold': 2,
      duration: '3s',
    },
    canary: { steps: [{ weight: 20, pause: '3s' }] },
    'blue-green': { 'scale-down-delay': '1s' },
  });
  const deploy = (version: string, strategy = 'canary') =>
    runAction({
      action: 'deploy',
      cwd: ws.dir,
      env: ws.env,
      inputs: { environment: 'production', version, strategy, state: 'file' },
      timeoutMs: 90_000,
    });
  await deploy('1.0.0');
  const probe = startProbe(`${nginx.url}/`, { concurrency: 24, rate: 800 });
  const started = performance.now();
  const restores: number[] = [];
  let n = 2;
  while (performance.now() - started < 35_000) {
    const strategy = n % 2 === 0 ? 'canary' : 'blue-green';
    await deploy(`${n}.0.0`, strategy);
    const bad = await deploy(`${n}.1.0-degrades`, strategy);
    const r = steps(bad);
    const failed = r.steps.find((s) => s.outcome === 'failed' && !s.rollback);
    const back = r.steps.find((s) => s.rollback && s.name.startsWith('route back'));
    if (bad.outputs.result === 'rolled-back' && failed?.finishedAt && back?.finishedAt) {
      restores.push(Date.parse(back.finishedAt) - Date.parse(failed.finishedAt));
    }
    n += 1;
  }
  const summary = await probe.stop();
  const seconds = (performance.now() - started) / 1000;
  report({
    id: 'B4',
    what: `rollback restores 100% to the stable slot after the failing verdict (${restores.length} rollbacks, canary and blue-green)`,
    value: median(restores),
    unit: 'ms',
    budget: 1000,
    extra: `max ${Math.max(...restores)} ms`,
  });
  report({
    id: 'B5',
    what: `requests through nginx during ${n - 2} promotions and ${restores.length} rollbacks`,
    value: summary.failed.length,
    unit: 'failed',
    budget: 0,
    extra: `${summary.sent} requests at ${(summary.sent / seconds).toFixed(0)} rps; ${summary.retried} keep-alive resets retried once`,
  });
});
