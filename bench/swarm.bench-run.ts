import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { type ActionRun, runAction } from '../test/support/action-runner.js';
import { DOCKER_CLI, type Dockerd, importDemoImage, startDockerd } from '../test/support/dockerd.js';
import { startProbe } from '../test/support/load-probe.js';
import { type RunningNginx, startNginx } from '../test/support/nginx.js';

/**
 * B8 (SPEC §9): a shipgate Swarm rolling deploy (2 replicas, start-first) against the same
 * `docker service update` run alone, alternated on one private dockerd + swarm; and the requests
 * through nginx that fail during shipgate's deploys and rollbacks. Prints `BENCH {json}` lines for
 * bench/run.mjs.
 */
const report = (figure: Record<string, unknown>): void => {
  console.log(`BENCH ${JSON.stringify(figure)}`);
};
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const ROUNDS = 3;
/** The configured gate time: health.duration, watched after the update. */
const WATCH_MS = 2_000;
const UPDATE_FLAGS = [
  ...['--update-parallelism', '1', '--update-delay', '0ms', '--update-order', 'start-first'],
  ...['--update-failure-action', 'pause'],
];

let daemon: Dockerd;
let dir: string;
let nginx: RunningNginx;
let addresses: string[];

beforeAll(async () => {
  daemon = await startDockerd();
  dir = mkdtempSync(join(tmpdir(), 'shipgate-bench-swarm-'));
  mkdirSync(join(dir, '.github'));
  for (let n = 0; n <= 2 * ROUNDS + 2; n += 1)
    await importDemoImage(daemon, `shipgate-demo:${n}.0.0`, { version: `${n}.0.0` });
  await importDemoImage(daemon, 'shipgate-demo:9.9.9-crash', { version: '9.9.9-crash', mode: 'crash' });
  await importDemoImage(daemon, 'shipgate-demo:9.9.9-sick', { version: '9.9.9-sick', mode: 'unhealthy' });
  const prefix = String(2000 + Math.floor(Math.random() * 4000));
  addresses = [`127.0.0.1:${prefix}1`, `127.0.0.1:${prefix}2`];
  await daemon.docker(
    ...['service', 'create', '--quiet', '--name', 'web', '--network', 'host', '--replicas', '2'],
    ...['--env', `PORT=${prefix}{{.Task.Slot}}`, '--update-monitor', '1s', '--rollback-monitor', '1s'],
    ...['--stop-grace-period', '3s', 'shipgate-demo:0.0.0'],
  );
  const upstreamFile = join(dir, 'upstream.conf');
  writeFileSync(upstreamFile, `upstream web { ${addresses.map((a) => `server ${a};`).join(' ')} }\n`);
  nginx = await startNginx({ upstreamFile, upstreamName: 'web' });
  const production = {
    strategy: 'rolling',
    target: {
      kind: 'swarm',
      image: 'shipgate-demo:{version}',
      docker: DOCKER_CLI,
      timeout: '60s',
      service: 'web',
      addresses,
    },
    health: {
      url: 'http://{address}/health',
      'expect-json': { status: 'UP' },
      interval: '250ms',
      timeout: '1s',
      deadline: '6s',
      'failure-threshold': 2,
      duration: `${WATCH_MS}ms`,
    },
    rolling: { batch: 1, pause: '0s', order: 'start-first' },
  };
  writeFileSync(
    join(dir, '.github', 'shipgate.yml'),
    JSON.stringify({ version: 1, services: { web: { environments: { production } } } }),
  );
}, 180_000);

afterAll(async () => {
  await nginx?.stop();
  await daemon?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

function deploy(version: string): Promise<ActionRun> {
  return runAction({
    action: 'deploy',
    cwd: dir,
    env: daemon.env,
    inputs: { service: 'web', environment: 'production', version, state: 'file' },
    timeoutMs: 120_000,
  });
}

/** The same update a person would run by hand: the CLI waits (--detach=false) until Swarm converged. */
async function plainUpdate(version: string): Promise<number> {
  const started = performance.now();
  await daemon.docker(
    'service',
    'update',
    '--detach=false',
    '--quiet',
    '--image',
    `shipgate-demo:${version}`,
    ...UPDATE_FLAGS,
    'web',
  );
  return performance.now() - started;
}

it('B8: Swarm rolling deploy against docker service update alone, and requests through nginx', async () => {
  const first = await deploy('0.0.0');
  if (first.outputs.result !== 'succeeded') throw new Error(`B8 first deploy: ${first.stdout.slice(-2000)}`);
  const plain: number[] = [];
  const shipgate: number[] = [];
  let n = 1;
  for (let round = 0; round < ROUNDS; round += 1) {
    plain.push(await plainUpdate(`${n}.0.0`));
    n += 1;
    // The plain update moved the service on: record it as shipgate's version so this deploy sees no drift.
    const forced = await runAction({
      action: 'deploy',
      cwd: dir,
      env: daemon.env,
      inputs: { service: 'web', environment: 'production', version: `${n - 1}.0.0`, state: 'file', force: 'true' },
      timeoutMs: 120_000,
    });
    if (forced.outputs.result !== 'succeeded') throw new Error(`B8 record: ${forced.stdout.slice(-2000)}`);
    const run = await deploy(`${n}.0.0`);
    if (run.outputs.result !== 'succeeded') throw new Error(`B8 deploy: ${run.stdout.slice(-2000)}`);
    shipgate.push(run.durationMs);
    const report = JSON.parse(run.outputs.report ?? '{}') as {
      startedAt: string;
      finishedAt: string;
      steps: Array<{ name: string; startedAt: string; finishedAt: string }>;
    };
    const ms = (from: string, to: string) => Date.parse(to) - Date.parse(from);
    console.log(
      `B8 round ${round}: action ${run.durationMs.toFixed(0)} ms, engine ${ms(report.startedAt, report.finishedAt)} ms; ${report.steps
        .map((step) => `${step.name.split(' (')[0]} ${ms(step.startedAt, step.finishedAt)} ms`)
        .join(', ')}`,
    );
    n += 1;
  }
  const budget = Math.round(median(plain) + WATCH_MS + 2_000);
  report({
    id: 'B8',
    what: 'Swarm rolling deploy, 2 replicas start-first (whole action run) vs the same docker service update --detach=false alone',
    value: Math.round(median(shipgate)),
    unit: 'ms',
    budget,
    extra: `docker service update alone ${median(plain).toFixed(0)} ms, gate watch ${WATCH_MS} ms; ${ROUNDS} rounds each, alternated`,
  });

  const probe = startProbe(`${nginx.url}/`, { concurrency: 8, rate: 400 });
  const started = performance.now();
  const results = [];
  results.push((await deploy(`${n}.0.0`)).outputs.result);
  results.push((await deploy('9.9.9-crash')).outputs.result);
  results.push((await deploy('9.9.9-sick')).outputs.result);
  const summary = await probe.stop();
  const seconds = (performance.now() - started) / 1000;
  report({
    id: 'B8',
    what: 'requests through nginx during a Swarm rolling deploy and two rollbacks (a crashing and an unhealthy build)',
    value: summary.failed.length,
    unit: 'failed',
    budget: 0,
    extra: `${summary.sent} requests at ${(summary.sent / seconds).toFixed(0)} rps; results ${results.join(', ')}; ${summary.retried} keep-alive resets retried; failures ${[...new Set(summary.failed)].slice(0, 3).join(' | ')}`,
  });
});
