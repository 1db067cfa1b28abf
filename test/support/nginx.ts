import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './prometheus.js';

export const NGINX_BINARY = '/usr/sbin/nginx';

export interface NginxOptions {
  /** The upstream file the config includes; it must exist (write the first route with renderUpstream). */
  readonly upstreamFile: string;
  /** The upstream the server's `proxy_pass` names. */
  readonly upstreamName: string;
  /** 0 or absent: a free loopback port. */
  readonly listenPort?: number;
  readonly startTimeoutMs?: number;
  readonly binary?: string;
}

export interface RunningNginx {
  readonly url: string;
  readonly port: number;
  /** The master process. */
  readonly pid: number;
  readonly dir: string;
  readonly confPath: string;
  /** `/usr/sbin/nginx -c '<conf>' -s reload`: paths from our temp dir only. */
  readonly reloadCommand: string;
  /** `/usr/sbin/nginx -c '<conf>' -t`. */
  readonly testCommand: string;
  /** The master's worker processes that are not shutting down. */
  workers(): number[];
  /** Waits until every worker serving new connections was started after `before` was taken (a reload took effect). */
  waitForNewWorkers(before: readonly number[], timeoutMs?: number): Promise<void>;
  /** The error log so far, for failure messages. */
  errorLog(): string;
  /** SIGQUIT to the master (graceful), SIGKILL to it and its workers after 5 s; removes the temp dir. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Child processes of `pid` with their titles (nginx rewrites them: `nginx: worker process is shutting down`). */
function children(pid: number): Array<{ pid: number; title: string }> {
  const found: Array<{ pid: number; title: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== pid || fields[0] === 'Z') continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0+/g, ' ').trim();
      found.push({ pid: Number(entry), title });
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts a real nginx with a minimal config of our own in a temp dir: master + 1 worker in the
 * foreground (so `nginx -s reload` works and the test holds the master's PID), every path (pid, logs,
 * temp dirs) in the temp dir, listening on 127.0.0.1 only, proxying / to the upstream in `upstreamFile`
 * with `proxy_next_upstream off`, so a request that fails at a backend shows up as failed.
 */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const binary = options.binary ?? NGINX_BINARY;
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run scripts/ensure-debian-packages.sh nginx-light`);
  if (!existsSync(options.upstreamFile)) {
    throw new Error(
      `startNginx: upstream file ${options.upstreamFile} does not exist; write the first route before starting nginx`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'shipgate-nginx-'));
  const port = options.listenPort || (await freePort());
  const confPath = join(dir, 'nginx.conf');
  const errorLogPath = join(dir, 'error.log');
  // Workers run as root when we do: the temp dir is 0700, and an unprivileged worker could not use it.
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const conf = [
    'daemon off;',
    'master_process on;',
    'worker_processes 1;',
    ...(asRoot ? ['user root;'] : []),
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${errorLogPath} notice;`,
    'events { worker_connections 1024; }',
    'http {',
    `  access_log ${join(dir, 'access.log')};`,
    `  client_body_temp_path ${join(dir, 'client_body')};`,
    `  proxy_temp_path ${join(dir, 'proxy')};`,
    `  fastcgi_temp_path ${join(dir, 'fastcgi')};`,
    `  uwsgi_temp_path ${join(dir, 'uwsgi')};`,
    `  scgi_temp_path ${join(dir, 'scgi')};`,
    `  include ${options.upstreamFile};`,
    '  server {',
    `    listen 127.0.0.1:${port};`,
    '    location / {',
    `      proxy_pass http://${options.upstreamName};`,
    '      proxy_next_upstream off;',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
  await writeFile(confPath, conf);

  const child = spawn(binary, ['-c', confPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
  const pid = child.pid;
  if (pid === undefined) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`nginx did not start: ${output}`);
  }
  const errorLog = (): string => {
    try {
      return readFileSync(errorLogPath, 'utf8');
    } catch {
      return '';
    }
  };

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const workers = children(pid).map((worker) => worker.pid);
        const done = exited(child);
        try {
          process.kill(pid, 'SIGQUIT');
        } catch {
          // gone already
        }
        const timer = setTimeout(() => {
          for (const target of [pid, ...workers, ...children(pid).map((worker) => worker.pid)]) {
            try {
              process.kill(target, 'SIGKILL');
            } catch {
              // gone already
            }
          }
        }, 5_000);
        await done;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = `${output}${errorLog()}`.trim();
      await stop();
      throw new Error(`nginx exited (${child.exitCode ?? child.signalCode}) before it was ready: ${log}`);
    }
    if (children(pid).length > 0 && (await canConnect(port))) break;
    if (Date.now() > deadline) {
      const log = `${output}${errorLog()}`.trim();
      await stop();
      throw new Error(`nginx not ready within ${options.startTimeoutMs ?? 10_000}ms: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  const workers = (): number[] =>
    children(pid)
      .filter((worker) => worker.title.includes('worker process') && !worker.title.includes('shutting down'))
      .map((worker) => worker.pid);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid,
    dir,
    confPath,
    reloadCommand: `${binary} -c '${confPath}' -s reload`,
    testCommand: `${binary} -c '${confPath}' -t`,
    workers,
    async waitForNewWorkers(before, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const now = workers();
        if (now.length > 0 && now.every((worker) => !before.includes(worker))) return;
        if (Date.now() > until) {
          throw new Error(
            `nginx: no new workers within ${timeoutMs}ms (before ${before.join(',')}, now ${now.join(',')}): ${errorLog()}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    errorLog,
    stop,
  };
}
