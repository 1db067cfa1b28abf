import type { CommandRunner } from '../core/command-runner.js';
import { describeCommandEnd, lastOutputLine, runCommand, succeeded } from '../core/command-runner.js';
import type { ProbeOutcome } from './http-probe.js';

/**
 * A command probe (SPEC §4 `health.command`): the user's command, run with `sh -c` once per address,
 * its values only in the environment (SHIPGATE_ADDRESS, SHIPGATE_HOST, SHIPGATE_PORT and the step's
 * SHIPGATE_*). Exit 0 is a success; anything else a failure whose reason is its last output line.
 */
export interface CommandTarget {
  readonly kind: 'command';
  /** As reports show it: `command ./probe.sh @ 127.0.0.1:13306`. */
  readonly name: string;
  readonly command: string;
  readonly env: Readonly<Record<string, string>>;
  /** The whole process group is killed at this point. */
  readonly timeoutMs: number;
  readonly cwd?: string;
}

/** Runs the command once and judges how it ended. Never throws. */
export async function commandProbe(
  runner: CommandRunner,
  target: CommandTarget,
  signal?: AbortSignal,
): Promise<ProbeOutcome> {
  const outcome = await runCommand(runner, {
    command: target.command,
    env: target.env,
    timeoutMs: target.timeoutMs,
    ...(target.cwd !== undefined && { cwd: target.cwd }),
    ...(signal !== undefined && { signal }),
  });
  const latencyMs = outcome.durationMs;
  if (succeeded(outcome.end)) return { ok: true, latencyMs };
  const failure = `command ${describeCommandEnd(outcome.end, lastOutputLine(outcome.result))}`;
  return { ok: false, latencyMs, failure, ...(outcome.end.kind === 'cancelled' ? { aborted: true } : {}) };
}
