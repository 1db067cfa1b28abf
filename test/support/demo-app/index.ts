import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const DEMO_APP_SERVER = fileURLToPath(new URL('./server.mjs', import.meta.url));

export type DemoMode = 'healthy' | 'error' | 'unhealthy' | 'slow' | 'degraded';

export interface DemoAppOptions {
  /** 0 (the default) lets the OS pick a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly version?: string;
  readonly slot?: string;
  readonly controlFile?: string;
  /** Start-up mode, as a deploy hook would set it (DEMO_MODE, DEMO_ERROR_RATE, DEMO_DELAY_MS). */
  readonly mode?: DemoMode;
  readonly errorRate?: number;
  readonly delayMs?: number;
  /** How long to wait for the ready line. */
  readonly startTimeoutMs?: number;
}

export interface DemoApp {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Output so far, for failure messages. */
  readonly output: () => string;
  /** Switches the mode over POST /control; resolves with when the app switched (epoch ms, its clock = ours). */
  setMode(mode: DemoMode, options?: { errorRate?: number; delayMs?: number }): Promise<number>;
  /** SIGTERM by PID, then SIGKILL after 5 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

const READY = /^demo-app listening on (http:\/\/\S+) version=/m;

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the demo app as a real process (with this Node) and waits for its ready line. */
export async function startDemoApp(options: DemoAppOptions = {}): Promise<DemoApp> {
  const args = [DEMO_APP_SERVER, '--port', String(options.port ?? 0), '--host', options.host ?? '127.0.0.1'];
  if (options.version !== undefined) args.push('--version', options.version);
  if (options.slot !== undefined) args.push('--slot', options.slot);
  if (options.controlFile !== undefined) args.push('--control-file', options.controlFile);
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DEMO_MODE;
  delete env.DEMO_ERROR_RATE;
  delete env.DEMO_DELAY_MS;
  if (options.mode !== undefined) env.DEMO_MODE = options.mode;
  if (options.errorRate !== undefined) env.DEMO_ERROR_RATE = String(options.errorRate);
  if (options.delayMs !== undefined) env.DEMO_DELAY_MS = String(options.delayMs);

  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`demo-app did not start: ${output}`);

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = exited(child);
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return;
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
  };

  // Bounded poll for the ready line (or an early exit).
  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  let url: string | undefined;
  while (url === undefined) {
    url = READY.exec(output)?.[1];
    if (url !== undefined) break;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`demo-app exited (${child.exitCode ?? child.signalCode}) before it was ready: ${output.trim()}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`demo-app not ready within ${options.startTimeoutMs ?? 10_000}ms: ${output.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const port = Number(new URL(url).port);

  return {
    url,
    port,
    pid,
    output: () => output,
    async setMode(mode, extra = {}) {
      const response = await fetch(`${url}/control`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode, ...extra }),
      });
      if (!response.ok) throw new Error(`demo-app /control answered ${response.status}: ${await response.text()}`);
      const state = (await response.json()) as { since: number };
      return state.since;
    },
    stop,
  };
}
