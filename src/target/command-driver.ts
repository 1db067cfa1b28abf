import type { CommandRunner } from '../core/command-runner.js';
import { describeCommandEnd, lastOutputLine, oneLine, runCommand, succeeded } from '../core/command-runner.js';
import { formatDuration } from '../core/duration.js';
import type { Logger } from '../core/logger.js';
import type { HookRun, HookValues, LifecycleHookRunner, LogGroup, WorkloadDriver } from './ports.js';
import { HookError, hookEnv, hookRun, titledGroup } from './ports.js';

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

/** What a log group title says about the values: `api 1.4.2 → green`, `api 1.4.2 → 10.0.0.11:8080 10.0.0.12:8080`. */
function describeTarget(values: HookValues, arrow: string): string {
  const where = values.slot ?? (values.instances?.length ? values.instances.join(' ') : values.addresses?.join(' '));
  return oneLine(`${values.service} ${values.version}${where ? ` ${arrow} ${where}` : ''}`);
}

/**
 * The `command` workload driver: the user's deploy and retire hooks, run with `sh -c` from the
 * workspace. Values reach them only as SHIPGATE_* environment variables (never in the command string);
 * their output streams into a log group line by line; a hook that outlives `timeoutMs` is killed with
 * every process it started.
 */
export function createCommandDriver(options: CommandDriverOptions): WorkloadDriver {
  const { logger } = options;
  const group = options.group ?? titledGroup(logger);
  const run = (hook: 'deploy' | 'retire', command: string, title: string, values: HookValues, signal?: AbortSignal) =>
    group(title, () => runDriverHook(options, { hook, command, values, signal }));
  return {
    deploy(values, signal) {
      return run('deploy', options.deploy, `deploy hook: ${describeTarget(values, '→')}`, values, signal);
    },
    async retire(values, signal) {
      if (options.retire === undefined) {
        logger.info(`retire: no retire hook configured; ${describeTarget(values, 'on')} is left running`);
        return { hook: 'retire (none)', exitCode: 0, durationMs: 0, timedOut: false };
      }
      return run('retire', options.retire, `retire hook: ${describeTarget(values, 'on')}`, values, signal);
    },
  };
}

/**
 * The lifecycle hooks (config `hooks:`): run like the deploy and retire hooks — `sh -c` from the
 * workspace, SHIPGATE_* values, a log group, killed at the target's timeout.
 */
export function createLifecycleHooks(options: Omit<CommandDriverOptions, 'deploy' | 'retire'>): LifecycleHookRunner {
  const group = options.group ?? titledGroup(options.logger);
  const driverOptions = { ...options, deploy: '' };
  return {
    run(hook, command, values, signal) {
      const title = `${hook} hook: ${describeTarget(values, 'on')}`;
      return group(title, () => runDriverHook(driverOptions, { hook, command, values, signal }));
    },
  };
}

/** Runs one hook; throws HookError saying how it ended unless it succeeded. */
async function runDriverHook(
  options: CommandDriverOptions,
  call: { hook: string; command: string; values: HookValues; signal: AbortSignal | undefined },
): Promise<HookRun> {
  const { logger } = options;
  const outcome = await runCommand(options.runner, {
    command: call.command,
    cwd: options.cwd,
    env: hookEnv(call.values),
    timeoutMs: options.timeoutMs,
    onLine: (_stream, line) => logger.info(line),
    ...(call.signal !== undefined && { signal: call.signal }),
  });
  const run = hookRun(call.hook, outcome);
  if (!succeeded(outcome.end))
    throw new HookError(run, describeCommandEnd(outcome.end, lastOutputLine(outcome.result)));
  logger.info(`${call.hook} hook succeeded in ${formatDuration(outcome.durationMs)}`);
  return run;
}
