import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Dockerd, IMAGE_NODE, nodeImageTarball } from '../support/dockerd.js';
import { repoRoot } from '../support/paths.js';

/**
 * Swarm helpers for examples/004-weave-api's end-to-end test: the Weave API stand-in
 * (examples-004-weave-api-standin.mjs) as Swarm images without a registry, services as the stack would
 * define them, and what their tasks run. The image's root filesystem and the port prefix come from
 * test/support/dockerd.ts, as for the demo app's swarm tests.
 */

const _run = promisify(execFile);
const NODE = IMAGE_NODE;
const STANDIN = join(repoRoot, 'test', 'e2e', 'examples-004-weave-api-standin.mjs');

/** A bad build of the stand-in: every Nth API request answers 500, or every API request is slow. */
export interface Fault {
  readonly errorEvery?: number;
  readonly delayMs?: number;
}

/** Swarm's liveness check, in exec form (the image has no shell): Spring's /actuator/health/liveness. */
const LIVENESS = [
  "require('http').get('http://127.0.0.1:' + process.env.PORT + '/actuator/health/liveness',",
  "(res) => process.exit(res.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))",
].join(' ');

/**
 * One image per version (`APP_VERSION` baked in, as the build pipeline tags each commit), by
 * `docker import` of a tarball holding the Node binary, the libraries `ldd` lists and the stand-in.
 */
export async function importWeaveImage(daemon: Dockerd, tag: string, version: string, fault: Fault = {}) {
  const tar = await standinTarball(daemon.dir);
  const changes = [
    `CMD ${JSON.stringify([NODE, '/app/weave-api.mjs'])}`,
    `ENV APP_VERSION=${version} HOST=127.0.0.1 REUSE_PORT=1`,
    ...(fault.errorEvery ? [`ENV STANDIN_ERROR_EVERY=${fault.errorEvery}`] : []),
    ...(fault.delayMs ? [`ENV STANDIN_DELAY_MS=${fault.delayMs}`] : []),
    // A start-first update stops an old task only once its replacement is healthy.
    `HEALTHCHECK --interval=500ms --timeout=2s --retries=2 CMD ${JSON.stringify([NODE, '-e', LIVENESS])}`,
  ];
  await daemon.docker('import', ...changes.flatMap((change) => ['--change', change]), tar, tag);
}

function standinTarball(dir: string): Promise<string> {
  return nodeImageTarball(dir, 'weave-api-image', [[STANDIN, 'app/weave-api.mjs']]);
}

/**
 * A service as the stack file defines it (replicas, start-first updates), on the host network with its
 * port from the task slot (`PORT=<prefix>{{.Task.Slot}}`) or fixed; short monitor and grace periods.
 */
export async function createService(
  daemon: Dockerd,
  name: string,
  image: string,
  options: { replicas: number; port: string },
): Promise<void> {
  await daemon.docker(
    ...['service', 'create', '--detach', '--quiet', '--name', name, '--network', 'host'],
    ...['--replicas', String(options.replicas), '--env', `PORT=${options.port}`],
    ...['--update-order', 'start-first', '--update-monitor', '1s', '--rollback-monitor', '1s'],
    ...['--stop-grace-period', '3s'],
    image,
  );
}

/** The image and state of every task Swarm wants running: `docker service ps`, as an operator reads it. */
export async function tasksOf(daemon: Dockerd, name: string): Promise<string[]> {
  const out = await daemon.docker(
    ...['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.Image}} {{.CurrentState}}', name],
  );
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ').slice(0, 2).join(' '))
    .sort();
}

export async function waitForTasks(daemon: Dockerd, name: string, expected: string[], timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await tasksOf(daemon, name);
    if (JSON.stringify(last) === JSON.stringify([...expected].sort())) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name}: tasks ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
}
