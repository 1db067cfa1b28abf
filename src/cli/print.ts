import type { DeployAdapters } from '../deploy/deploy-action.js';
import type { CliRuntime } from '../runtime/cli-runtime.js';
import { renderOutcomeText } from './outcome-text.js';
import { readStatus } from './status-command.js';
import { renderStatus } from './status-view.js';
import { styleFor } from './terminal.js';

/**
 * Exit codes (SPEC §8a): 0 succeeded / noop / planned, 1 failed / rolled back / aborted. For the rollback
 * command `rolled-back` is what it was asked to do, so it exits 0 with it.
 */
const FAILED_RESULTS: Readonly<Record<'deploy' | 'rollback', ReadonlySet<string>>> = {
  deploy: new Set(['failed', 'rolled-back', 'aborted']),
  rollback: new Set(['failed', 'aborted']),
};

/**
 * After a deploy or rollback: its outcome on stdout, as text for a person or (--json) the report as one
 * JSON document. Errors before there was an outcome are already on stderr; stdout then stays empty.
 */
export function printOutcome(runtime: CliRuntime, operation: 'deploy' | 'rollback', json: boolean): void {
  const shown = runtime.outcome();
  const result = runtime.outputs.get('result');
  if (result && FAILED_RESULTS[operation].has(result) && !process.exitCode) process.exitCode = 1;
  if (shown) {
    const style = styleFor(runtime.stdout.tty, runtime.env);
    const width = runtime.stdout.tty ? runtime.stdout.columns : undefined;
    runtime.print(
      json
        ? `${JSON.stringify(shown.report, null, 2)}\n`
        : renderOutcomeText(shown.report, shown.planSteps, { style, ...(width ? { width } : {}) }),
    );
    return;
  }
  if (result !== 'noop') return;
  // A rollback to the version already active has no report: what it would have done, and that it did not.
  const to = runtime.outputs.get('to-version') ?? '';
  runtime.print(
    json
      ? `${JSON.stringify({ operation: 'rollback', result, fromVersion: runtime.outputs.get('from-version') || null, toVersion: to || null }, null, 2)}\n`
      : `shipgate rollback: nothing to do: ${to} is already the active version\n`,
  );
}

/** `shipgate status`: text for a person, or (--json) the same facts as one JSON document. */
export async function printStatus(runtime: CliRuntime, adapters: DeployAdapters, json: boolean): Promise<void> {
  try {
    const view = await readStatus(runtime, adapters);
    const style = styleFor(runtime.stdout.tty, runtime.env);
    runtime.print(
      json
        ? `${JSON.stringify(view, null, 2)}\n`
        : renderStatus(view, style, runtime.stdout.tty ? runtime.stdout.columns : undefined),
    );
  } catch (error) {
    runtime.fail(error);
  }
}

/** After `shipgate unlock`: what it did (its warning, on stderr, names the holder); --json: one document. */
export function printUnlock(runtime: CliRuntime, json: boolean): void {
  const result = runtime.outputs.get('result');
  if (!result) return;
  runtime.print(
    json
      ? `${JSON.stringify({ operation: 'unlock', result }, null, 2)}\n`
      : `shipgate unlock: ${result === 'unlocked' ? 'released the lock' : 'nothing to do: not locked'}\n`,
  );
}
