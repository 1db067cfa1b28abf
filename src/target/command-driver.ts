import type { CommandResult, CommandRunner } from '../core/command-runner.js';
import { formatDuration } from '../core/duration.js';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { HookRun, HookValues, WorkloadDriver } from './ports.js';
import { HookError, hookEnv } from './ports.js';

/** Wraps a hook's output in a collapsible log group (the Actions runtime's `group`). */
export type LogGroup = <T>(title: string, body: () => Promise<T>) => Promise<T>;

export interface CommandDriverOptions {
  readonly runner: CommandRunner;
  /** `target.deploy`: run with `sh -c` from `cwd`. */
  readonly deploy: string;
  /** `target.retire`; without it retiring is a no-op. */
  readonly retire?: string;
  /** Per hook run; the hook's whole process group is killed at this point. */
  readonly timeoutMs: number;
  /** The workspace. */
  readonly cwd: string;
  readonly logger: Logger;
  readonly group?: LogGroup;
}

/** Longest piece of a hook's output quoted in an error message. */
const DETAIL_CHARS = 300;

/** One line, safe to show: control characters (a version may hold newlines) become spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

/** The last non-empty line of a hook's output: stderr first, where scripts say why they failed. */
export function lastOutputLine(result: Pick<CommandResult, 'stdout' | 'stderr'>): string {
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

/** `exited 3: port 8082 is in use` / `timed out: after 10m (last output: waiting for :8082)`. */
function hookFailure(run: HookRun, result: CommandResult, timeoutMs: number): HookError {
  const line = lastOutputLine(result);
  let detail: string;
  if (result.timedOut)
    detail = `after ${formatDuration(timeoutMs)}, killed with its process group${line ? ` (last output: ${line})` : ''}`;
  else if (result.aborted) detail = `cancelled${line ? ` (last output: ${line})` : ''}`;
  else if (result.exitCode === null)
    detail = `killed by ${result.signal ?? 'a signal'}${line ? ` (last output: ${line})` : ''}`;
  else detail = line;
  return new HookError(run, detail);
}

/** What a log group title says about the values: `api 1.4.2 → green`, `api 1.4.2 → 10.0.0.11:8080 10.0.0.12:8080`. */
function describeTarget(values: HookValues, arrow: string): string {
  const where = values.slot ?? (values.instances?.length ? values.instances.join(' ') : values.addresses?.join(' '));
  return oneLine(`${values.service} ${values.version}${where ? ` ${arrow} ${where}` : ''}`);
}

/** Without the runner's log groups (the CLI): a title line before the output. */
export function titledGroup(logger: Logger): LogGroup {
  return async (title, body) => {
    logger.info(title);
    return body();
  };
}

/**
 * The `command` workload driver: the user's deploy and retire hooks, run with `sh -c` from the
 * workspace. Values reach them only as SHIPGATE_* environment variables (never in the command string);
 * their output streams into a log group line by line; a hook that outlives `timeoutMs` is killed with
 * every process it started.
 */
export function createCommandDriver(options: CommandDriverOptions): WorkloadDriver {
  const { runner, logger } = options;
  const group = options.group ?? titledGroup(logger);

  const runHook = async (
    hook: 'deploy' | 'retire',
    command: string,
    title: string,
    values: HookValues,
    signal?: AbortSignal,
  ): Promise<HookRun> =>
    group(title, async () => {
      const started = performance.now();
      let result: CommandResult;
      try {
        result = await runner.run({
          command,
          cwd: options.cwd,
          env: hookEnv(values),
          timeoutMs: options.timeoutMs,
          onLine: (_stream, line) => logger.info(line),
          ...(signal !== undefined && { signal }),
        });
      } catch (error) {
        // sh could not start (a missing workspace): the hook never ran.
        const run: HookRun = {
          hook,
          exitCode: null,
          durationMs: Math.round(performance.now() - started),
          timedOut: false,
        };
        throw new HookError(run, `could not start: ${errorMessage(error)}`);
      }
      const run: HookRun = {
        hook,
        exitCode: result.exitCode,
        durationMs: result.durationMs,
        timedOut: result.timedOut,
      };
      if (result.exitCode !== 0 || result.timedOut || result.aborted) throw hookFailure(run, result, options.timeoutMs);
      logger.info(`${hook} hook succeeded in ${formatDuration(result.durationMs)}`);
      return run;
    });

  return {
    deploy(values, signal) {
      return runHook('deploy', options.deploy, `deploy hook: ${describeTarget(values, '→')}`, values, signal);
    },
    async retire(values, signal) {
      if (options.retire === undefined) {
        logger.info(`retire: no retire hook configured; ${describeTarget(values, 'on')} is left running`);
        return { hook: 'retire (none)', exitCode: 0, durationMs: 0, timedOut: false };
      }
      return runHook('retire', options.retire, `retire hook: ${describeTarget(values, 'on')}`, values, signal);
    },
  };
}
