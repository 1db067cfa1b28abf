import type * as ChildProcess from 'node:child_process';
import type * as Fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { formatDuration } from './duration.js';
import { errorMessage, ShipgateError } from './errors.js';

/** One shell command: hooks, metric commands. Values reach it only through `env`, never the command string. */
export interface CommandRequest {
  /** Run with `sh -c`; written by the user in config, never assembled from values. */
  readonly command: string;
  readonly cwd?: string;
  /** Added to the runner's own environment (these win). */
  readonly env: Readonly<Record<string, string>>;
  /** The whole process group is terminated at this point. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Each complete line of output as it arrives (the final unterminated line too, at exit). */
  readonly onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
}

export interface CommandResult {
  /** null when the shell was ended by a signal. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The last OUTPUT_TAIL_BYTES of each stream. */
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** The request's signal ended the command (timedOut stays false). */
  readonly aborted: boolean;
  readonly durationMs: number;
}

/** Runs shell commands, as a port: the real one below; tests of engine code pass scripted ones. */
export interface CommandRunner {
  run(request: CommandRequest): Promise<CommandResult>;
}

/** Time between SIGTERM and SIGKILL to the process group. */
export const KILL_GRACE_MS = 2_000;
/** Bytes of each output stream kept in the result; a chatty hook cannot fill memory. */
export const OUTPUT_TAIL_BYTES = 64 * 1024;
/**
 * After the shell exits, its output pipes may stay open because a background process it started holds
 * them. The result is returned once they have been quiet this long (or after PIPE_WAIT_MAX_MS).
 */
const PIPE_QUIET_MS = 100;
const PIPE_WAIT_MAX_MS = 2_000;
const GROUP_POLL_MS = 25;
/** After SIGKILL, the longest wait for the kernel to end the group before the result is returned anyway. */
const KILL_WAIT_MS = 1_000;

/** Keeps the last `limit` bytes of a stream and cuts it into lines for `onLine`. */
class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  constructor(
    private readonly limit: number,
    private readonly onLine: ((line: string) => void) | undefined,
  ) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.chunks.length > 1 && this.size - (this.chunks[0]?.length ?? 0) >= this.limit) {
      this.size -= this.chunks.shift()?.length ?? 0;
    }
    if (!this.onLine) return;
    this.partial += this.decoder.write(chunk);
    const lines = this.partial.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.onLine(line.replace(/\r$/, ''));
    // A line with no end in sight is still reported, in pieces, rather than held without bound.
    if (this.partial.length > this.limit) {
      this.onLine(this.partial);
      this.partial = '';
    }
  }

  finish(): string {
    if (this.onLine) {
      const rest = this.partial + this.decoder.end();
      this.partial = '';
      if (rest !== '') this.onLine(rest.replace(/\r$/, ''));
    }
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit)).toString('utf8');
  }
}

/**
 * True while a process of the group is still running. On Linux it reads /proc, because `kill(-pgid, 0)`
 * also counts zombies, and where no process reaps orphans (a container whose PID 1 is not an init) a
 * killed grandchild stays a zombie for a while though it no longer runs.
 */
function groupRunning(pgid: number, fs: typeof Fs): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * The real runner: `sh -c command` in its own process group, so that a timeout or an abort ends the
 * command and everything it started (SIGTERM, then SIGKILL after KILL_GRACE_MS). A command that exits
 * normally may leave background processes running, as it would from a terminal (a hook that starts a
 * server); only a command that is ended is ended with its whole group.
 */
export function createProcessCommandRunner(options: { killGraceMs?: number } = {}): CommandRunner {
  const childProcess = process.getBuiltinModule('node:child_process') as typeof ChildProcess;
  const fs = process.getBuiltinModule('node:fs') as typeof Fs;
  const killGraceMs = options.killGraceMs ?? KILL_GRACE_MS;

  return {
    run(request) {
      const started = performance.now();
      if (request.signal?.aborted) {
        return Promise.resolve({
          exitCode: null,
          signal: null,
          stdout: '',
          stderr: '',
          timedOut: false,
          aborted: true,
          durationMs: 0,
        });
      }
      return new Promise<CommandResult>((resolve, reject) => {
        let child: ChildProcess.ChildProcess;
        try {
          child = childProcess.spawn('sh', ['-c', request.command], {
            cwd: request.cwd,
            env: { ...inheritedEnv(), ...request.env },
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe'],
          });
        } catch (error) {
          reject(new ShipgateError('command-start', `could not start sh: ${errorMessage(error)}`, { cause: error }));
          return;
        }
        const onLine = request.onLine;
        const stdout = new OutputTail(OUTPUT_TAIL_BYTES, onLine && ((line) => onLine('stdout', line)));
        const stderr = new OutputTail(OUTPUT_TAIL_BYTES, onLine && ((line) => onLine('stderr', line)));
        let lastOutputAt = performance.now();
        // After the result, output is still read (and dropped), so a background process never writes into a closed pipe.
        child.stdout?.on('data', (chunk: Buffer) => {
          lastOutputAt = performance.now();
          if (!done) stdout.push(chunk);
        });
        child.stderr?.on('data', (chunk: Buffer) => {
          lastOutputAt = performance.now();
          if (!done) stderr.push(chunk);
        });

        let ending: 'timeout' | 'abort' | undefined;
        let exited: { code: number | null; signal: string | null } | undefined;
        let pipesClosed = false;
        // Once ending: settled when no process of the group runs any more (or SIGKILL was sent and waited for).
        let groupSettled = false;
        let done = false;
        const timers: NodeJS.Timeout[] = [];

        const finish = (): void => {
          if (done || !exited || !pipesClosed || (ending && !groupSettled)) return;
          done = true;
          for (const timer of timers) clearTimeout(timer);
          request.signal?.removeEventListener('abort', onAbort);
          resolve({
            exitCode: exited.code,
            signal: exited.signal,
            stdout: stdout.finish(),
            stderr: stderr.finish(),
            timedOut: ending === 'timeout',
            aborted: ending === 'abort',
            durationMs: Math.round(performance.now() - started),
          });
        };

        const end = (why: 'timeout' | 'abort'): void => {
          if (ending || done || child.pid === undefined) return;
          ending = why;
          const pgid = child.pid;
          signalGroup(pgid, 'SIGTERM');
          const poll = setInterval(() => {
            if (!groupRunning(pgid, fs)) {
              clearInterval(poll);
              groupSettled = true;
              finish();
            }
          }, GROUP_POLL_MS);
          timers.push(poll);
          timers.push(
            setTimeout(() => {
              if (groupSettled) return;
              signalGroup(pgid, 'SIGKILL');
              // The poll goes on until the group is gone; SIGKILL cannot be refused, so that is soon.
              timers.push(
                setTimeout(() => {
                  clearInterval(poll);
                  groupSettled = true;
                  finish();
                }, KILL_WAIT_MS),
              );
            }, killGraceMs),
          );
        };

        const onAbort = (): void => end('abort');
        request.signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(setTimeout(() => end('timeout'), request.timeoutMs));

        child.on('error', (error) => {
          if (done) return;
          done = true;
          for (const timer of timers) clearTimeout(timer);
          request.signal?.removeEventListener('abort', onAbort);
          const where = request.cwd ? ` in ${request.cwd}` : '';
          reject(new ShipgateError('command-start', `could not start sh${where}: ${error.message}`, { cause: error }));
        });
        child.on('exit', (code, signal) => {
          exited = { code, signal };
          const exitedAt = performance.now();
          const awaitPipes = (): void => {
            if (pipesClosed || done) return;
            const now = performance.now();
            if (now - lastOutputAt < PIPE_QUIET_MS && now - exitedAt < PIPE_WAIT_MAX_MS) {
              timers.push(setTimeout(awaitPipes, PIPE_QUIET_MS));
              return;
            }
            // A background process holds the pipes: stop waiting for it, and do not let it keep this process alive.
            for (const stream of [child.stdout, child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
            pipesClosed = true;
            finish();
          };
          timers.push(setTimeout(awaitPipes, PIPE_QUIET_MS));
          finish();
        });
        child.on('close', () => {
          pipesClosed = true;
          finish();
        });
      });
    },
  };
}

/** How a command ended, to follow "command" or a hook's name: `exited with code 3`, `timed out after 10s`, `was killed by SIGKILL`. */
export function describeCommandEnd(result: CommandResult, timeoutMs?: number): string {
  if (result.timedOut) return timeoutMs === undefined ? 'timed out' : `timed out after ${formatDuration(timeoutMs)}`;
  if (result.aborted) return 'was aborted';
  if (result.exitCode !== null) return `exited with code ${result.exitCode}`;
  return `was killed by ${result.signal ?? 'a signal'}`;
}

/**
 * The environment a command inherits: the runner's, less the action's own inputs (INPUT_*, which hold
 * the GitHub token) and the runner's internal tokens. Hooks get values only through SHIPGATE_* variables.
 */
export function inheritedEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (
      name.startsWith('INPUT_') ||
      name === 'ACTIONS_RUNTIME_TOKEN' ||
      name === 'ACTIONS_ID_TOKEN_REQUEST_TOKEN' ||
      name === 'ACTIONS_ID_TOKEN_REQUEST_URL'
    )
      continue;
    kept[name] = value;
  }
  return kept;
}
