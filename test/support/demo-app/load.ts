import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

export interface LoadOptions {
  /** Paced by the server (`/api/work?ms=20`: 2 connections make about 100 requests a second). */
  readonly urls: readonly string[];
  /**
   * A cap in requests per second for each URL. autocannon spends it in one burst at the start of each
   * second, so traffic (and any fault it would reveal) comes in 1 s steps; leave it out for smooth load.
   */
  readonly rate?: number;
  readonly connections?: number;
  /** Upper bound, in case a test forgets to stop it. */
  readonly maxDurationSec?: number;
}

export interface Load {
  readonly pids: readonly number[];
  /** Stops every generator by PID and waits for them to exit. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Steady load on loopback: one autocannon process per URL, closed-loop (each connection sends its next
 * request when the last is answered). A process of its own, so the load does not compete with the
 * test's own timers and requests on one event loop.
 */
export function startLoad(options: LoadOptions): Load {
  const cli = createRequire(import.meta.url).resolve('autocannon');
  const children = options.urls.map((url) =>
    spawn(
      process.execPath,
      [
        cli,
        '--connections',
        String(options.connections ?? 2),
        ...(options.rate !== undefined ? ['--overallRate', String(options.rate)] : []),
        '--duration',
        String(options.maxDurationSec ?? 60),
        '--no-progress',
        url,
      ],
      { stdio: 'ignore' },
    ),
  );
  return {
    pids: children.map((child) => child.pid ?? 0),
    async stop() {
      await Promise.all(
        children.map(async (child) => {
          const done = exited(child);
          if (child.pid !== undefined) {
            try {
              process.kill(child.pid, 'SIGKILL');
            } catch {
              // gone already
            }
          }
          await done;
        }),
      );
    },
  };
}
