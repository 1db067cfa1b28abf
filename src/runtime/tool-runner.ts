import type { CommandResult, ToolRequest, ToolRunner } from '../core/command-runner.js';
import { errorMessage, ShipgateError } from '../core/errors.js';
import { inheritedEnv, KILL_GRACE_MS, OUTPUT_TAIL_BYTES } from './hook-runner.js';

/**
 * The ToolRunner on @actions/exec: tools the engine runs by argv (the docker CLI), never through a shell.
 *
 * @actions/exec 3.0 (read in node_modules/@actions/exec/lib/toolrunner.js) has no timeout, takes no
 * AbortSignal and never hands out the child process, so by itself it cannot bound a run. A tool must
 * never hang a deploy, so:
 * - Bound: the tool runs under coreutils `timeout --kill-after=2s <limit>`, which puts the tool in its
 *   own process group and, at the limit, sends SIGTERM to that whole group, then SIGKILL after the
 *   grace (exit 124 or a kill: reported as timed out). `timeout` is on every Linux runner; where it is
 *   missing the run fails to start, saying so, rather than run unbounded.
 * - Cancel: with no handle on the process, a cancelled run returns at once as cancelled and leaves the
 *   tool to its bound. For the client tools this is for (the docker CLI) that changes nothing outside:
 *   killing `docker service update` stops the client, not the update the daemon is making.
 * User commands (hooks, nginx `test`/`reload`, command metrics) are shell lines that must end at once
 * when cancelled: they run on the hook runner (src/runtime/hook-runner.ts) instead.
 */
export function createToolRunner(options: { killGraceMs?: number } = {}): ToolRunner {
  const killGraceMs = options.killGraceMs ?? KILL_GRACE_MS;
  return {
    async run(request) {
      // Loaded when a tool first runs: a run that runs none never pays for it (SPEC §9, B1).
      const { exec } = await import('@actions/exec');
      const started = performance.now();
      if (request.signal?.aborted) return cancelled(started, { stdout: '', stderr: '' });
      const output = { stdout: '', stderr: '' };
      const bounded = ['--kill-after', seconds(killGraceMs), seconds(request.timeoutMs), request.tool, ...request.args];
      const run = exec('timeout', bounded, {
        ...(request.cwd !== undefined && { cwd: request.cwd }),
        env: { ...inheritedEnv(), ...request.env },
        silent: true,
        ignoreReturnCode: true,
        // Once the tool has exited, output pipes a background process still holds are waited for this long.
        delay: 2_000,
        listeners: listeners(request, output),
      }).then(
        (exitCode) => finished(request, started, output, exitCode),
        (error: unknown) => {
          throw new ShipgateError('command-start', `could not start ${request.tool}: ${errorMessage(error)}`, {
            cause: error,
          });
        },
      );
      return request.signal ? raceCancel(run, request.signal, started, output) : run;
    },
  };
}

/** `timeout`'s duration: seconds, to the millisecond. */
const seconds = (ms: number): string => `${(Math.max(1, ms) / 1000).toFixed(3)}s`;

/** GNU timeout's exit status when the limit was reached (128 + 9 when it had to SIGKILL itself too). */
const TIMED_OUT = new Set([124, 137]);

interface Output {
  stdout: string;
  stderr: string;
}

function listeners(request: ToolRequest, output: Output) {
  const keep = (text: string): string => text.slice(-OUTPUT_TAIL_BYTES);
  return {
    stdout: (data: Buffer) => {
      output.stdout = keep(output.stdout + data.toString('utf8'));
    },
    stderr: (data: Buffer) => {
      output.stderr = keep(output.stderr + data.toString('utf8'));
    },
    stdline: (line: string) => request.onLine?.('stdout', line),
    errline: (line: string) => request.onLine?.('stderr', line),
  };
}

function finished(request: ToolRequest, started: number, output: Output, exitCode: number | null): CommandResult {
  const durationMs = Math.round(performance.now() - started);
  // The tool's own 124 is its exit code unless the limit was reached: only then did `timeout` act.
  const timedOut = (exitCode === null || TIMED_OUT.has(exitCode)) && durationMs >= request.timeoutMs;
  return {
    exitCode: timedOut ? null : exitCode,
    signal: timedOut ? 'SIGTERM' : null,
    stdout: output.stdout,
    stderr: output.stderr,
    timedOut,
    aborted: false,
    durationMs,
  };
}

function cancelled(started: number, output: Output): CommandResult {
  return {
    exitCode: null,
    signal: null,
    stdout: output.stdout,
    stderr: output.stderr,
    timedOut: false,
    aborted: true,
    durationMs: Math.round(performance.now() - started),
  };
}

/** The run's result, or `cancelled` as soon as the signal aborts (the tool is left to its bound). */
function raceCancel(
  run: Promise<CommandResult>,
  signal: AbortSignal,
  started: number,
  output: Output,
): Promise<CommandResult> {
  return new Promise<CommandResult>((resolve, reject) => {
    const onAbort = (): void => resolve(cancelled(started, output));
    signal.addEventListener('abort', onAbort, { once: true });
    run.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
