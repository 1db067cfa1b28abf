import type { CommandOutcome, CommandRunner } from '../../core/command-runner.js';
import { describeCommandEnd, lastOutputLine, runCommand, succeeded } from '../../core/command-runner.js';
import type { MeasureResult, MetricProvider } from './metric-provider.js';
import { excerpt, parseSampleValue } from './metric-provider.js';

export interface CommandProviderOptions {
  readonly runner: CommandRunner;
  /** Per measurement; the command's process group is killed at this point. */
  readonly timeoutMs: number;
  readonly cwd?: string;
}

/** `{slot}` → `SHIPGATE_SLOT`, the names hooks get (SPEC §5.2). */
function envName(placeholder: string): string {
  return `SHIPGATE_${placeholder.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * Metric values from a shell command (a metric with `provider: command`): it runs the metric's command
 * with the expanded query in SHIPGATE_QUERY, the metric's name in SHIPGATE_METRIC and the placeholder
 * values as SHIPGATE_SERVICE, SHIPGATE_ENVIRONMENT, …, and in a deploy the step's SHIPGATE_* values
 * (SHIPGATE_ADDRESSES: the slot's or the updated instances' addresses, SHIPGATE_STRATEGY, …); its standard
 * output, trimmed, is the value. Nothing is ever spliced into the command string. Empty output is no
 * data; anything but one number, a non-zero exit or a timeout (the metric's `timeout`, default 30s) is
 * an Error measurement. docs/gates-and-hooks.md documents this contract.
 */
export function createCommandProvider(options: CommandProviderOptions): MetricProvider {
  return {
    async measure(query, signal, context) {
      if (context?.command === undefined) {
        return { kind: 'error', reason: `metric '${context?.metric ?? '?'}' has no command` };
      }
      // The step's values first; the placeholders (the values of this query) and the query itself win.
      const env: Record<string, string> = { ...context.env };
      for (const [key, value] of Object.entries(context.placeholders)) env[envName(key)] = value;
      env.SHIPGATE_QUERY = query;
      env.SHIPGATE_METRIC = context.metric;
      const outcome = await runCommand(options.runner, {
        command: context.command,
        env,
        timeoutMs: context.timeoutMs ?? options.timeoutMs,
        ...(options.cwd !== undefined && { cwd: options.cwd }),
        ...(signal !== undefined && { signal }),
      });
      return measurement(outcome);
    },
  };
}

/** The measurement a command's end and output give: its standard output, trimmed, is the value. */
function measurement(outcome: CommandOutcome): MeasureResult {
  const stdout = outcome.result?.stdout.trim() ?? '';
  if (!succeeded(outcome.end)) {
    // Only stderr says why: standard output is the value, reported as `raw`.
    const why = outcome.result ? lastOutputLine({ stdout: '', stderr: outcome.result.stderr }) : '';
    const ended = describeCommandEnd(outcome.end, why && excerpt(why, 200));
    return { kind: 'error', reason: `command ${ended}`, ...(outcome.result && { raw: excerpt(stdout) }) };
  }
  if (stdout === '') return { kind: 'no-data', raw: '' };
  const value = parseSampleValue(stdout);
  if (value === undefined) {
    return {
      kind: 'error',
      reason: `command printed '${excerpt(stdout, 80)}'; expected one number`,
      raw: excerpt(stdout),
    };
  }
  return { kind: 'value', value, raw: stdout };
}
