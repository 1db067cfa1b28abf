import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROMETHEUS_BINARY = '/usr/bin/prometheus';

export interface PrometheusOptions {
  /** `host:port` of each target to scrape at /metrics (job `demo`). */
  readonly targets: readonly string[];
  readonly scrapeIntervalMs?: number;
  readonly startTimeoutMs?: number;
  readonly binary?: string;
}

export interface RunningPrometheus {
  readonly url: string;
  readonly pid: number;
  readonly output: () => string;
  /** Kills by PID (SIGTERM, then SIGKILL after 5 s), waits for the exit, removes the temp dir. */
  stop(): Promise<void>;
}

/** A free loopback port: bind :0, read it, close. (Racy in theory; the OS does not hand it out again at once.) */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function promDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts a real Prometheus on a free loopback port, scraping `targets`, and waits until /-/ready answers. */
export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  const binary = options.binary ?? PROMETHEUS_BINARY;
  if (!existsSync(binary)) {
    throw new Error(`${binary} is missing: run scripts/ensure-debian-packages.sh prometheus`);
  }
  const interval = options.scrapeIntervalMs ?? 1000;
  const dir = await mkdtemp(join(tmpdir(), 'shipgate-prometheus-'));
  const config = [
    'global:',
    `  scrape_interval: ${promDuration(interval)}`,
    `  evaluation_interval: ${promDuration(interval)}`,
    'scrape_configs:',
    '  - job_name: demo',
    `    scrape_timeout: ${promDuration(Math.max(100, Math.floor(interval * 0.8)))}`,
    '    static_configs:',
    `      - targets: [${options.targets.map((target) => JSON.stringify(target)).join(', ')}]`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'prometheus.yml'), config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    binary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
  const pid = child.pid;
  if (pid === undefined) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`prometheus did not start: ${output}`);
  }

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const done = exited(child);
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // gone already
        }
        const timer = setTimeout(() => {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // gone already
          }
        }, 5_000);
        await done;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(
        `prometheus exited (${child.exitCode ?? child.signalCode}) before it was ready: ${output.trim()}`,
      );
    }
    try {
      const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus not ready within ${options.startTimeoutMs ?? 20_000}ms: ${output.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, pid, output: () => output, stop };
}
