import { gateRecord, hookRecord } from '../core/deploy-report.js';
import { errorMessage, ShipgateError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { GateOutcome } from '../health/gate.js';
import type { EnvironmentState } from '../state/ports.js';
import type { Orchestrator } from '../target/orchestrator.js';
import type { HookValues } from '../target/ports.js';
import { type StepEffect, StepFailure, StepFailureWithUndo, type Undo } from './executor.js';

/** What the orchestrated deploy step needs from the step runner: the gates it runs, and what it updates. */
export interface OrchestratedStep {
  readonly orchestrator: Orchestrator | undefined;
  /** The update's values: version, previous version, the service's addresses as instances. */
  readonly values: HookValues;
  /** Watches the addresses while the orchestrator updates (a failure stops waiting and rolls back). */
  readonly watch: (signal: AbortSignal) => Promise<GateOutcome>;
  /** Gates the addresses after the rollback: the previous version must answer healthy. */
  readonly verify: (signal: AbortSignal) => Promise<GateOutcome>;
  /** What each address runs, as the record keeps it. */
  readonly instances: Record<string, string>;
}

function linked(signal: AbortSignal): AbortController {
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller;
}

/** The undo of an orchestrated update: the orchestrator's rollback, then the addresses gated again. */
function rollbackUndo(step: OrchestratedStep, orchestrator: Orchestrator): Undo {
  const { values } = step;
  const addresses = values.instances ?? [];
  return {
    name: `roll back to ${values.previousVersion ?? 'what ran before'} (Swarm rollback)`,
    run: async (signal) => {
      const run = await orchestrator.rollback(values, signal);
      for (const address of addresses) {
        if (values.previousVersion) step.instances[address] = values.previousVersion;
        else delete step.instances[address];
      }
      const outcome = await step.verify(signal);
      const details = { hooks: [hookRecord(run)], gate: gateRecord(outcome), instances: [...addresses] };
      if (!outcome.passed) throw new StepFailure(`not healthy after the rollback: ${outcome.reason}`, details);
      return details;
    },
  };
}

/**
 * The orchestrator's rolling update, with the health gate watching the addresses while it runs: a gate
 * failure stops waiting, and either failure rolls back with the orchestrator's rollback.
 */
export async function runOrchestratedUpdate(step: OrchestratedStep, signal: AbortSignal): Promise<StepEffect> {
  const { orchestrator, values } = step;
  if (!orchestrator) throw new StepFailure('this target has no orchestrator to update the service with');
  const undo = rollbackUndo(step, orchestrator);
  const stopUpdate = linked(signal);
  const stopWatch = new AbortController();
  let watchFailure: GateOutcome | null = null;
  const watching = step.watch(stopWatch.signal).then((outcome) => {
    if (outcome.passed || stopWatch.signal.aborted) return;
    watchFailure = outcome;
    stopUpdate.abort(new Error(`gate failed during the update: ${outcome.reason}`));
  });
  try {
    const run = await orchestrator.update(values, stopUpdate.signal);
    for (const address of values.instances ?? []) step.instances[address] = values.version;
    return { details: { hooks: [hookRecord(run)], instances: [...(values.instances ?? [])] }, undo };
  } catch (error) {
    const failed = watchFailure as GateOutcome | null;
    const message = failed ? `gate failed during the update: ${failed.reason}` : errorMessage(error);
    throw new StepFailureWithUndo(message, failed ? { gate: gateRecord(failed) } : {}, undo, error);
  } finally {
    stopWatch.abort(new Error('the update finished'));
    await watching;
  }
}

/** A deploy whose recorded stable version is not what the orchestrator runs. */
export class DriftError extends ShipgateError {
  constructor(message: string) {
    super('drift', message);
  }
}

/** What the orchestrator runs against the record: the drift (one line) or null, and whether it refuses the deploy. */
export interface DriftCheck {
  readonly line: string | null;
  readonly refusal: DriftError | null;
}

/**
 * Before a deploy changes anything: what the orchestrator runs against the record. A drift is the
 * deploy's refusal (one line) unless `force`; a rollback only warns.
 */
export async function checkDrift(
  orchestrator: Orchestrator | undefined,
  state: EnvironmentState,
  options: { readonly force: boolean; readonly refuse: boolean; readonly logger: Logger },
): Promise<DriftCheck> {
  if (!orchestrator) return { line: null, refusal: null };
  const observation = await orchestrator.observe(state);
  for (const line of observation.lines) options.logger.info(`swarm: ${line}`);
  const line = observation.drift;
  if (!line) return { line: null, refusal: null };
  if (options.force || !options.refuse) {
    options.logger.warning(`${line}${options.force ? ' (going ahead: force)' : ''}`);
    return { line, refusal: null };
  }
  return { line, refusal: new DriftError(line) };
}
