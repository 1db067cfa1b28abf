import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Dockerd } from '../support/dockerd.js';
import { repoRoot } from '../support/paths.js';

/**
 * Swarm helpers for examples/004-weave-api's end-to-end test: the Weave API stand-in
 * (examples-004-weave-api-standin.mjs) as Swarm images without a registry, services as the stack would
 * define them, and what their tasks run. The tarball and the port and task helpers are small copies of
 * test/support/dockerd.ts's `demoTarball` and test/e2e/deploy-swarm.e2e.test.ts's helpers, for another
 * app: that support is shared, and left as it is.
 */

const run = promisify(execFile);
const NODE = '/usr/local/bin/node';
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

async function standinTarball(dir: string): Promise<string> {
  const tar = join(dir, 'weave-api-image.tar');
  if (existsSync(tar)) return tar;
  const root = join(dir, 'weave-api-image');
  const node = join(repoRoot, 'node_modules', 'node', 'bin', 'node');
  const libraries = (await run('ldd', [node])).stdout
    .split('\n')
    .map((line) => /(\/\S+) \(0x/.exec(line)?.[1])
    .filter((path): path is string => path !== undefined);
  const files = [
    [node, NODE.slice(1)],
    [STANDIN, 'app/weave-api.mjs'],
    ...libraries.map((library) => [library, library.slice(1)]),
  ];
  for (const [from = '', to = ''] of files) {
    mkdirSync(join(root, to, '..'), { recursive: true });
    await run('cp', ['-L', from, join(root, to)]);
  }
  mkdirSync(join(root, 'tmp'));
  await run('tar', ['-C', root, '-cf', tar, '.']);
  await rm(root, { recursive: true, force: true });
  return tar;
}

/** Two loopback ports `<prefix>1` and `<prefix>2`, for a service whose task slot picks its port. */
export async function freePortPrefix(): Promise<string> {
  const bindable = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (;;) {
    const prefix = String(2000 + Math.floor(Math.random() * 4000));
    if ((await bindable(Number(`${prefix}1`))) && (await bindable(Number(`${prefix}2`)))) return prefix;
  }
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
