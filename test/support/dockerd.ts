import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './deploy-workspace.js';
import { repoRoot } from './paths.js';

const run = promisify(execFile);

/** Debian's docker.io CLI: a newer CLI in /usr/local/bin may shadow it on PATH (and speak a newer API). */
export const DOCKER_CLI = '/usr/bin/docker';
/** Debian's docker.io installs dockerd in /usr/sbin; docker-ce (GitHub's runners) in /usr/bin. */
export const DOCKERD =
  ['/usr/sbin/dockerd', '/usr/bin/dockerd'].find((path) => existsSync(path)) ?? '/usr/sbin/dockerd';

/**
 * A private Docker daemon and one-node swarm for a test file: its own --data-root, --exec-root,
 * --pidfile and unix socket in a temp dir, so it never touches another daemon; --iptables=false
 * --bridge=none (host network only). `stop()` removes the services, leaves the swarm, and stops the
 * daemon and every process it left (containerd shims) by PID.
 */
export interface Dockerd {
  readonly dir: string;
  /** unix://<dir>/docker.sock */
  readonly host: string;
  /** DOCKER_HOST for child processes. */
  readonly env: Readonly<Record<string, string>>;
  readonly pid: number;
  /** Runs the docker CLI against this daemon; rejects with its stderr on a non-zero exit. */
  docker(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, log: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`${what} within ${timeoutMs} ms; dockerd log:\n${log().slice(-3000)}`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** PIDs whose command line names `dir` (containerd and its shims run with paths under the exec root). */
function processesUnder(dir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(dir)) found.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

export async function startDockerd(options: { startTimeoutMs?: number } = {}): Promise<Dockerd> {
  if (!existsSync(DOCKERD) || !existsSync(DOCKER_CLI))
    throw new Error(`${DOCKERD} or ${DOCKER_CLI} is missing: run scripts/ensure-debian-packages.sh docker.io`);
  const dir = await mkdtemp(join(tmpdir(), 'sg-dockerd-'));
  const host = `unix://${join(dir, 'docker.sock')}`;
  const logPath = join(dir, 'dockerd.log');
  writeFileSync(logPath, '');
  for (const sub of ['data', 'exec']) mkdirSync(join(dir, sub));
  const args = [
    ...['--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec')],
    ...['--pidfile', join(dir, 'dockerd.pid'), '-H', host],
    ...['--iptables=false', '--bridge=none', '--log-level=warn'],
  ];
  const child = spawn(DOCKERD, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (log += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (log += text));
  if (child.pid === undefined) throw new Error(`dockerd did not start: ${log}`);
  const env = { DOCKER_HOST: host };
  const docker = async (...cli: string[]): Promise<string> => {
    try {
      return (await run(DOCKER_CLI, cli, { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(`docker ${cli.join(' ')}: ${stderr?.trim() || String(error)}`);
    }
  };
  const daemon: Dockerd = {
    dir,
    host,
    env,
    pid: child.pid,
    docker,
    stop: () => stopDockerd(dir, child, docker),
  };
  try {
    const timeout = options.startTimeoutMs ?? 30_000;
    await waitFor(
      'dockerd did not answer',
      () =>
        docker('info').then(
          () => true,
          () => false,
        ),
      timeout,
      () => log,
    );
    // Its own swarm ports on loopback, so two test daemons (a test and the bench) never collide.
    const [listen, dataPath] = [await freePort(), await freePort()];
    await docker(
      'swarm',
      'init',
      '--advertise-addr',
      `127.0.0.1:${listen}`,
      '--listen-addr',
      `127.0.0.1:${listen}`,
      '--data-path-port',
      String(dataPath),
    );
  } catch (error) {
    await daemon.stop();
    throw error;
  }
  return daemon;
}

async function stopDockerd(dir: string, child: ChildProcess, docker: (...args: string[]) => Promise<string>) {
  const services = await docker('service', 'ls', '-q').catch(() => '');
  if (services.trim()) await docker('service', 'rm', ...services.trim().split('\n')).catch(() => '');
  await docker('swarm', 'leave', '--force').catch(() => '');
  child.kill('SIGTERM');
  await Promise.race([exited(child), sleep(15_000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited(child);
  // Shims of containers that were still stopping, and a containerd the daemon did not take down.
  for (const pid of processesUnder(dir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  // Overlay mounts of a killed daemon would keep the data root busy.
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((mount) => mount.startsWith(dir))
    .sort((a, b) => b.length - a.length);
  for (const mount of mounts) await run('umount', ['-l', mount]).catch(() => undefined);
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

/**
 * The demo app as a Swarm image without a registry: `docker import` of a tarball holding the Node 24
 * binary, the libraries `ldd` lists, the app and its node_modules. Each version is its own image
 * (`DEMO_VERSION` baked in), as a build pipeline would tag it; `mode` makes a bad build: `crash` exits
 * at once, `unhealthy` answers /health 503.
 */
export async function importDemoImage(
  daemon: Dockerd,
  tag: string,
  options: { version: string; mode?: 'crash' | 'unhealthy' },
): Promise<void> {
  const tar = await demoTarball(daemon.dir);
  const node = IMAGE_NODE;
  const cmd = options.mode === 'crash' ? [node, '-e', 'process.exit(1)'] : [node, '/app/server.mjs'];
  const changes = [
    `CMD ${JSON.stringify(cmd)}`,
    `ENV DEMO_VERSION=${options.version}`,
    // The task's port comes from the service (PORT); both the old and the new task of a start-first
    // update listen on it at once (SO_REUSEPORT), as the host network gives them no port of their own.
    'ENV HOST=127.0.0.1 DEMO_REUSE_PORT=1',
    ...(options.mode === 'unhealthy' ? ['ENV DEMO_MODE=unhealthy'] : []),
    // Swarm's liveness check, in exec form (the image has no shell): the app answers /metrics. A
    // start-first update stops an old task only once its replacement is healthy, so a build that crashes
    // never takes a port away. Readiness (/health UP) is shipgate's gate, not Swarm's.
    `HEALTHCHECK --interval=500ms --timeout=2s --retries=2 CMD ${JSON.stringify([node, '-e', LIVENESS])}`,
  ];
  await daemon.docker('import', ...changes.flatMap((change) => ['--change', change]), tar, tag);
}

/** The container health check: exit 0 when the app answers /metrics on its port. */
const LIVENESS = [
  "require('http').get('http://127.0.0.1:' + process.env.PORT + '/metrics',",
  "(res) => process.exit(res.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))",
].join(' ');

/** Builds the demo app's image tarball once per daemon directory. */
function demoTarball(dir: string): Promise<string> {
  return nodeImageTarball(dir, 'demo-image', [
    [join(repoRoot, 'test', 'support', 'demo-app', 'server.mjs'), 'app/server.mjs'],
    ...['prom-client', '@opentelemetry/api', 'tdigest', 'bintrees'].map((pkg): [string, string] => [
      join(repoRoot, 'node_modules', pkg),
      `app/node_modules/${pkg}`,
    ]),
  ]);
}

/** Where the images' Node binary is (their CMD and HEALTHCHECK run it in exec form: there is no shell). */
export const IMAGE_NODE = '/usr/local/bin/node';

/**
 * A root filesystem for `docker import`, as a tarball built once per daemon directory: Node 24 at
 * IMAGE_NODE, the libraries `ldd` lists for it, `/tmp`, and `files` ([from, to in the image]).
 */
export async function nodeImageTarball(dir: string, name: string, files: ReadonlyArray<[string, string]>) {
  const tar = join(dir, `${name}.tar`);
  if (existsSync(tar)) return tar;
  const root = join(dir, `${name}-root`);
  const node = join(repoRoot, 'node_modules', 'node', 'bin', 'node');
  const libraries = (await run('ldd', [node])).stdout
    .split('\n')
    .map((line) => /(\/\S+) \(0x/.exec(line)?.[1])
    .filter((path): path is string => path !== undefined);
  const all: Array<[string, string]> = [
    [node, IMAGE_NODE.slice(1)],
    ...files,
    ...libraries.map((library): [string, string] => [library, library.slice(1)]),
  ];
  for (const [from, to] of all) {
    mkdirSync(join(root, to, '..'), { recursive: true });
    await run('cp', ['-rL', from, join(root, to)]);
  }
  mkdirSync(join(root, 'tmp'));
  await run('tar', ['-C', root, '-cf', tar, '.']);
  await rm(root, { recursive: true, force: true });
  return tar;
}

/** Two loopback ports `<prefix>1` and `<prefix>2`, for a service whose task slot picks its port (PORT=<prefix>{{.Task.Slot}}). */
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
