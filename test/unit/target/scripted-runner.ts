import type { CommandRequest, CommandResult, CommandRunner } from '../../../src/core/command-runner.js';
import type { Logger } from '../../../src/core/logger.js';

/** What a scripted command does: its result (defaults: exit 0, no output), lines to stream, a side effect. */
export interface Script {
  readonly exitCode?: number | null;
  readonly stdout?: string;
  readonly stderr?: string;
  readonly timedOut?: boolean;
  readonly aborted?: boolean;
  readonly durationMs?: number;
  readonly effect?: (request: CommandRequest) => void;
}

/**
 * A CommandRunner port that runs nothing: each call takes the next script for its command (the last one
 * repeats), records the request, and streams the script's output through onLine as the real one does.
 */
export function scriptedRunner(
  scripts: Record<string, Script | Script[]>,
): CommandRunner & { readonly requests: CommandRequest[] } {
  const requests: CommandRequest[] = [];
  const calls = new Map<string, number>();
  return {
    requests,
    async run(request) {
      requests.push(request);
      const entry = scripts[request.command];
      if (entry === undefined) throw new Error(`scriptedRunner: no script for ${JSON.stringify(request.command)}`);
      const list = Array.isArray(entry) ? entry : [entry];
      const call = calls.get(request.command) ?? 0;
      calls.set(request.command, call + 1);
      const script = list[Math.min(call, list.length - 1)] ?? {};
      script.effect?.(request);
      const stdout = script.stdout ?? '';
      const stderr = script.stderr ?? '';
      for (const line of stdout.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1))
        request.onLine?.('stdout', line);
      for (const line of stderr.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1))
        request.onLine?.('stderr', line);
      const result: CommandResult = {
        exitCode: script.exitCode === undefined ? 0 : script.exitCode,
        signal: script.exitCode === null ? 'SIGTERM' : null,
        stdout,
        stderr,
        timedOut: script.timedOut ?? false,
        aborted: script.aborted ?? false,
        durationMs: script.durationMs ?? 5,
      };
      return result;
    },
  };
}

/** A Logger that keeps every line, prefixed with its level. */
export function memoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
    debug: (message) => lines.push(`debug: ${message}`),
    mask: () => undefined,
  };
}
