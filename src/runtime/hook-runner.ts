import type * as ChildProcess from 'node:child_process';
import type * as Fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { CommandRequest, CommandResult, CommandRunner } from '../core/command-runner.js';
import { errorMessage, ShipgateError } from '../core/errors.js';

/**
 * The process CommandRunner for user commands (hooks, nginx `test`/`reload`, command metrics):
 * `sh -c command` in its own process group, output streamed line by line, and at the timeout (or when
 * the run is cancelled) the whole group is ended: SIGTERM, then SIGKILL after a grace.
 *
 * Why this exists beside @actions/exec (src/runtime/tool-runner.ts): @actions/exec (3.0) has no timeout,
 * no AbortSignal and never hands out the child process, so it can neither end a hung command nor the
 * processes the command started. A hook that hangs must not hang the deploy (SPEC §5.2), so hooks run here.
 */

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
  private readonly limit: number;
  private readonly onLine: ((line: string) => void) | undefined;

  constructor(limit: number, onLine: ((line: string) => void) | undefined) {
    this.limit = limit;
    this.onLine = onLine;
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.chunks.length > 1 && this.size - (this.chunks[0]?.length ?? 0) >= this.limit) {
      this.size -= this.chunks.shift()?.length ?? 0;
    }
    if (this.onLine) this.splitLines(this.onLine, chunk);
  }

  private splitLines(onLine: (line: string) => void, chunk: Buffer): void {
    this.partial += this.decoder.write(chunk);
    const lines = this.partial.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) onLine(line.replace(/\r$/, ''));
    // A line with no end in sight is still reported, in pieces, rather than held without bound.
    if (this.partial.length > this.limit) {
      onLine(this.partial);
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

/** pid (comm) state ppid pgrp …: true when the process is of group `pgid` and still runs. comm may hold spaces. */
function runsInGroup(stat: string, pgid: number): boolean {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X';
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
    try {
      if (runsInGroup(fs.readFileSync(`/proc/${entry}/stat`, 'utf8'), pgid)) return true;
    } catch {
      // The process ended while the list was read.
    }
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
 * The environment a command inherits: the runner's, less the action's own inputs (INPUT_*, which hold
 * the GitHub token) and the runner's internal tokens. Hooks get values only through SHIPGATE_* variables.
 */
export function inheritedEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const withheld = new Set(['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_URL']);
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || name.startsWith('INPUT_') || withheld.has(name)) continue;
    kept[name] = value;
  }
  return kept;
}

interface Tools {
  readonly childProcess: typeof ChildProcess;
  readonly fs: typeof Fs;
  readonly killGraceMs: number;
}

/**
 * One run of one command, from spawn to result. It settles once the shell has exited, its pipes are
 * closed (or quiet: see PIPE_QUIET_MS) and, when it was ended, no process of its group runs any more.
 */
class HookProcess {
  private readonly started = performance.now();
  private readonly stdout: OutputTail;
  private readonly stderr: OutputTail;
  private readonly timers: NodeJS.Timeout[] = [];
  private lastOutputAt = performance.now();
  private ending: 'timeout' | 'abort' | undefined;
  private exited: { code: number | null; signal: string | null } | undefined;
  private pipesClosed = false;
  private groupSettled = false;
  private done = false;
  private readonly onAbort = (): void => this.end('abort');
  private readonly request: CommandRequest;
  private readonly child: ChildProcess.ChildProcess;
  private readonly tools: Tools;
  private readonly settle: { resolve: (result: CommandResult) => void; reject: (error: Error) => void };

  constructor(
    request: CommandRequest,
    child: ChildProcess.ChildProcess,
    tools: Tools,
    settle: { resolve: (result: CommandResult) => void; reject: (error: Error) => void },
  ) {
    this.request = request;
    this.child = child;
    this.tools = tools;
    this.settle = settle;
    const onLine = request.onLine;
    this.stdout = new OutputTail(OUTPUT_TAIL_BYTES, onLine && ((line) => onLine('stdout', line)));
    this.stderr = new OutputTail(OUTPUT_TAIL_BYTES, onLine && ((line) => onLine('stderr', line)));
  }

  start(): void {
    // After the result, output is still read (and dropped), so a background process never writes into a closed pipe.
    this.child.stdout?.on('data', (chunk: Buffer) => this.output(this.stdout, chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.output(this.stderr, chunk));
    this.request.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.timers.push(setTimeout(() => this.end('timeout'), this.request.timeoutMs));
    this.child.on('error', (error) => this.failedToStart(error));
    this.child.on('exit', (code, signal) => this.onExit(code, signal));
    this.child.on('close', () => {
      this.pipesClosed = true;
      this.finish();
    });
  }

  private output(tail: OutputTail, chunk: Buffer): void {
    this.lastOutputAt = performance.now();
    if (!this.done) tail.push(chunk);
  }

  private stop(): void {
    this.done = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.request.signal?.removeEventListener('abort', this.onAbort);
  }

  private finish(): void {
    if (this.done || !this.exited || !this.pipesClosed || (this.ending && !this.groupSettled)) return;
    this.stop();
    this.settle.resolve({
      exitCode: this.exited.code,
      signal: this.exited.signal,
      stdout: this.stdout.finish(),
      stderr: this.stderr.finish(),
      timedOut: this.ending === 'timeout',
      aborted: this.ending === 'abort',
      durationMs: Math.round(performance.now() - this.started),
    });
  }

  private failedToStart(error: Error): void {
    if (this.done) return;
    this.stop();
    const where = this.request.cwd ? ` in ${this.request.cwd}` : '';
    this.settle.reject(
      new ShipgateError('command-start', `could not start sh${where}: ${error.message}`, { cause: error }),
    );
  }

  /** Ends the whole group: SIGTERM now, SIGKILL after the grace; settled once no process of it runs. */
  private end(why: 'timeout' | 'abort'): void {
    const pgid = this.child.pid;
    if (this.ending || this.done || pgid === undefined) return;
    this.ending = why;
    signalGroup(pgid, 'SIGTERM');
    const poll = setInterval(() => {
      if (groupRunning(pgid, this.tools.fs)) return;
      clearInterval(poll);
      this.settleGroup();
    }, GROUP_POLL_MS);
    this.timers.push(poll);
    this.timers.push(setTimeout(() => this.kill(pgid, poll), this.tools.killGraceMs));
  }

  private kill(pgid: number, poll: NodeJS.Timeout): void {
    if (this.groupSettled) return;
    signalGroup(pgid, 'SIGKILL');
    // The poll goes on until the group is gone; SIGKILL cannot be refused, so that is soon.
    this.timers.push(
      setTimeout(() => {
        clearInterval(poll);
        this.settleGroup();
      }, KILL_WAIT_MS),
    );
  }

  private settleGroup(): void {
    this.groupSettled = true;
    this.finish();
  }

  private onExit(code: number | null, signal: string | null): void {
    this.exited = { code, signal };
    const exitedAt = performance.now();
    this.timers.push(setTimeout(() => this.awaitPipes(exitedAt), PIPE_QUIET_MS));
    this.finish();
  }

  private awaitPipes(exitedAt: number): void {
    if (this.pipesClosed || this.done) return;
    const now = performance.now();
    if (now - this.lastOutputAt < PIPE_QUIET_MS && now - exitedAt < PIPE_WAIT_MAX_MS) {
      this.timers.push(setTimeout(() => this.awaitPipes(exitedAt), PIPE_QUIET_MS));
      return;
    }
    // A background process holds the pipes: stop waiting for it, and do not let it keep this process alive.
    for (const stream of [this.child.stdout, this.child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
    this.pipesClosed = true;
    this.finish();
  }
}

const NOT_STARTED: CommandResult = {
  exitCode: null,
  signal: null,
  stdout: '',
  stderr: '',
  timedOut: false,
  aborted: true,
  durationMs: 0,
};

/**
 * The real runner: `sh -c command` in its own process group, so that a timeout or an abort ends the
 * command and everything it started (SIGTERM, then SIGKILL after KILL_GRACE_MS). A command that exits
 * normally may leave background processes running, as it would from a terminal (a hook that starts a
 * server); only a command that is ended is ended with its whole group.
 */
export function createHookRunner(options: { killGraceMs?: number } = {}): CommandRunner {
  const tools: Tools = {
    childProcess: process.getBuiltinModule('node:child_process') as typeof ChildProcess,
    fs: process.getBuiltinModule('node:fs') as typeof Fs,
    killGraceMs: options.killGraceMs ?? KILL_GRACE_MS,
  };
  return {
    run(request) {
      if (request.signal?.aborted) return Promise.resolve(NOT_STARTED);
      return new Promise<CommandResult>((resolve, reject) => {
        let child: ChildProcess.ChildProcess;
        try {
          child = tools.childProcess.spawn('sh', ['-c', request.command], {
            cwd: request.cwd,
            env: { ...inheritedEnv(), ...request.env },
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe'],
          });
        } catch (error) {
          reject(new ShipgateError('command-start', `could not start sh: ${errorMessage(error)}`, { cause: error }));
          return;
        }
        new HookProcess(request, child, tools, { resolve, reject }).start();
      });
    },
  };
}
