import type { Clock } from '../core/clock.js';
import type { StepRecord } from '../core/deploy-report.js';
import { errorMessage } from '../core/errors.js';
import type { Step } from './plan.js';

/** What running a step did, for the report, and how to take it back. */
export interface StepEffect {
  readonly details?: Partial<Omit<StepRecord, 'name' | 'kind' | 'startedAt' | 'finishedAt' | 'outcome'>>;
  readonly undo?: Undo;
}

export interface Undo {
  readonly name: string;
  run(signal: AbortSignal): Promise<Partial<StepRecord> | void>;
}

/** Runs one step for real: the deploy engine's effects (hooks, router, gates, state). */
export type StepRunner = (step: Step, signal: AbortSignal) => Promise<StepEffect>;

/** A step that failed: its error carries the record's details (hook runs, gate evidence). */
export class StepFailure extends Error {
  readonly details: StepEffect['details'];
  constructor(message: string, details: StepEffect['details'] = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.details = details;
  }
}

export interface Execution {
  readonly steps: readonly StepRecord[];
  readonly failure: { readonly step: string; readonly reason: string } | null;
  readonly rollback: { readonly attempted: boolean; readonly succeeded: boolean; readonly errors: readonly string[] };
}

export interface ExecuteOptions {
  readonly clock: Clock;
  readonly rollbackOnError: boolean;
  /** A cancelled run: the step in flight is aborted, and the rollback runs (always) to leave traffic safe. */
  readonly signal?: AbortSignal;
  /** Steps whose failure is reported but neither fails the deploy nor rolls it back (retiring the old slot). */
  readonly bestEffort?: (step: Step) => boolean;
  readonly onStep?: (record: StepRecord) => void;
}

/**
 * Runs steps in order. After each completed step its undo is pushed on a stack; when a step fails (or
 * the run is cancelled) the undos run newest first. An undo that fails is reported and the rest still
 * run; the original failure is kept as the deploy's reason.
 */
export async function execute(
  steps: readonly Step[],
  runStep: StepRunner,
  options: ExecuteOptions,
): Promise<Execution> {
  const { clock } = options;
  const records: StepRecord[] = [];
  const undos: Undo[] = [];
  const iso = (): string => new Date(clock.now()).toISOString();
  let failure: Execution['failure'] = null;

  for (const step of steps) {
    if (options.signal?.aborted) {
      failure = { step: step.name, reason: `cancelled before ${step.name} (${errorMessage(options.signal.reason)})` };
      break;
    }
    const startedAt = iso();
    try {
      const effect = await runStep(step, options.signal ?? new AbortController().signal);
      const record: StepRecord = {
        ...effect.details,
        name: step.name,
        kind: step.kind,
        startedAt,
        finishedAt: iso(),
        outcome: 'succeeded',
      };
      records.push(record);
      options.onStep?.(record);
      if (effect.undo) undos.push(effect.undo);
    } catch (error) {
      const details = error instanceof StepFailure ? error.details : {};
      const cancelled = options.signal?.aborted === true;
      const reason = cancelled
        ? `cancelled during ${step.name} (${errorMessage(options.signal?.reason)})`
        : errorMessage(error);
      const record: StepRecord = {
        ...details,
        name: step.name,
        kind: step.kind,
        startedAt,
        finishedAt: iso(),
        outcome: cancelled ? 'cancelled' : 'failed',
        error: reason,
      };
      records.push(record);
      options.onStep?.(record);
      if (!cancelled && options.bestEffort?.(step)) continue;
      const ownUndo = (error as { undo?: Undo }).undo;
      if (ownUndo) undos.push(ownUndo);
      failure = { step: step.name, reason };
      break;
    }
  }

  if (!failure) return { steps: records, failure, rollback: { attempted: false, succeeded: false, errors: [] } };
  const cancelled = options.signal?.aborted === true;
  if (!options.rollbackOnError && !cancelled) {
    return { steps: records, failure, rollback: { attempted: false, succeeded: false, errors: [] } };
  }
  if (undos.length === 0) {
    // Nothing had been changed that could be undone (e.g. the first step failed before it started anything).
    return { steps: records, failure, rollback: { attempted: false, succeeded: false, errors: [] } };
  }
  // The rollback must run even though the run's own signal is aborted: it gets a signal of its own.
  const rollbackSignal = new AbortController().signal;
  const errors: string[] = [];
  for (const undo of undos.reverse()) {
    const startedAt = iso();
    try {
      const details = (await undo.run(rollbackSignal)) ?? {};
      const record: StepRecord = {
        ...details,
        name: undo.name,
        kind: 'undo',
        rollback: true,
        startedAt,
        finishedAt: iso(),
        outcome: 'succeeded',
      };
      records.push(record);
      options.onStep?.(record);
    } catch (error) {
      const details = error instanceof StepFailure ? error.details : {};
      errors.push(`${undo.name}: ${errorMessage(error)}`);
      const record: StepRecord = {
        ...details,
        name: undo.name,
        kind: 'undo',
        rollback: true,
        startedAt,
        finishedAt: iso(),
        outcome: 'failed',
        error: errorMessage(error),
      };
      records.push(record);
      options.onStep?.(record);
    }
  }
  return { steps: records, failure, rollback: { attempted: true, succeeded: errors.length === 0, errors } };
}
