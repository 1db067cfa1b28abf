import { formatDuration } from './duration.js';
import { errorMessage } from './errors.js';

/**
 * The ports through which the engine runs user commands (CommandRunner: hooks, nginx's `test` and
 * `reload`, command metrics) and tools (ToolRunner: the docker CLI), and the one way of saying how a
 * command ended. The implementations are adapters, `src/runtime/hook-runner.ts` and
 * `src/runtime/tool-runner.ts`; tests of engine code pass scripted runners.
 */

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
  /** The last part of each stream (the runner bounds it). */
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** The request's signal ended the command (timedOut stays false). */
  readonly aborted: boolean;
  readonly durationMs: number;
}

/**
 * Runs shell commands. `run` rejects only when the command could not start, with a message that begins
 * `could not start` and says why; every other end is a result.
 */
export interface CommandRunner {
  run(request: CommandRequest): Promise<CommandResult>;
}

/**
 * A tool the engine runs itself (the docker CLI): a program and its arguments, no shell. Arguments are
 * passed verbatim, so values may go in them; the result is a CommandResult, described the same way.
 */
export interface ToolRequest {
  readonly tool: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** Added to the runner's own environment (these win). */
  readonly env?: Readonly<Record<string, string>>;
  /** The tool is ended at this point. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
}

/** Runs tools; like CommandRunner, `run` rejects only when the tool could not start. */
export interface ToolRunner {
  run(request: ToolRequest): Promise<CommandResult>;
}

/** How a command ended. */
export type CommandEnd =
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'timeout'; readonly afterMs: number }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'signal'; readonly signal: string }
  | { readonly kind: 'not-started'; readonly reason: string };

/** A command's end, with its result when it started. */
export interface CommandOutcome {
  readonly end: CommandEnd;
  /** Undefined when the command could not start. */
  readonly result?: CommandResult;
  readonly durationMs: number;
}

/** The end a result describes; `timeoutMs` is the request's limit. */
export function commandEnd(result: CommandResult, timeoutMs: number): CommandEnd {
  if (result.timedOut) return { kind: 'timeout', afterMs: timeoutMs };
  if (result.aborted) return { kind: 'cancelled' };
  if (result.exitCode !== null) return { kind: 'exit', code: result.exitCode };
  return { kind: 'signal', signal: result.signal ?? 'a signal' };
}

/** Runs `request` and never rejects: a command that could not start is an end like the others. */
export async function runCommand(runner: CommandRunner, request: CommandRequest): Promise<CommandOutcome> {
  const started = performance.now();
  try {
    const result = await runner.run(request);
    return { end: commandEnd(result, request.timeoutMs), result, durationMs: result.durationMs };
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    return { end: { kind: 'not-started', reason: errorMessage(error) }, durationMs };
  }
}

export function succeeded(end: CommandEnd): boolean {
  return end.kind === 'exit' && end.code === 0;
}

/**
 * How a command ended, to follow its name (`deploy hook`, `` `nginx -t` ``, `command`):
 * `exited with code 3: port 8082 is in use`, `timed out after 10m (last output: waiting for :8082)`,
 * `was cancelled`, `was killed by SIGTERM`, `could not start sh in /srv: spawn sh ENOENT`.
 * `lastLine` (see lastOutputLine) says why, where the command said anything.
 */
export function describeCommandEnd(end: CommandEnd, lastLine = ''): string {
  const output = lastLine ? ` (last output: ${lastLine})` : '';
  switch (end.kind) {
    case 'exit':
      return `exited with code ${end.code}${lastLine ? `: ${lastLine}` : ''}`;
    case 'timeout':
      return `timed out after ${formatDuration(end.afterMs)}${output}`;
    case 'cancelled':
      return `was cancelled${output}`;
    case 'signal':
      return `was killed by ${end.signal}${output}`;
    case 'not-started':
      return end.reason;
    default: {
      const never: never = end;
      throw new Error(`unknown command end ${JSON.stringify(never)}`);
    }
  }
}

/** Longest piece of a command's output quoted in a message. */
const DETAIL_CHARS = 300;

/** One line, safe to show: control characters (a version may hold newlines) become spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

/** The last non-empty line of a command's output, shortened: stderr first, where scripts say why they failed. */
export function lastOutputLine(result: Pick<CommandResult, 'stdout' | 'stderr'> | undefined): string {
  if (result === undefined) return '';
  for (const text of [result.stderr, result.stdout]) {
    const lines = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const last = lines[lines.length - 1];
    if (last !== undefined) {
      const line = oneLine(last);
      return line.length > DETAIL_CHARS ? `${line.slice(0, DETAIL_CHARS - 3)}...` : line;
    }
  }
  return '';
}
