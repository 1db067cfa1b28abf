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
  /** Resolves to what the report should add to the undo's record, if anything. */
  run(signal: AbortSignal): Promise<StepEffect['details']>;
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

/** A failed step whose partial effect must be undone too (a deploy hook that failed half-way, an update Swarm began). */
export class StepFailureWithUndo extends StepFailure {
  readonly undo: Undo;
  constructor(message: string, details: StepEffect['details'], undo: Undo, cause: unknown) {
    super(message, details, { cause });
    this.undo = undo;
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
  const run: ExecutionState = { options, records: [], undos: [] };
  const failure = await runForward(run, steps, runStep);
  const notAttempted = { attempted: false, succeeded: false, errors: [] };
  if (!failure) return { steps: run.records, failure, rollback: notAttempted };
  const cancelled = options.signal?.aborted === true;
  // Nothing to undo: off (unless cancelled, which always leaves traffic safe), or nothing had changed yet.
  if ((!options.rollbackOnError && !cancelled) || run.undos.length === 0) {
    return { steps: run.records, failure, rollback: notAttempted };
  }
  const errors = await unwind(run);
  return { steps: run.records, failure, rollback: { attempted: true, succeeded: errors.length === 0, errors } };
}

/** What one execution has done so far: the records of every step and undo, and the undo stack. */
interface ExecutionState {
  readonly options: ExecuteOptions;
  readonly records: StepRecord[];
  readonly undos: Undo[];
}

type Failure = NonNullable<Execution['failure']>;

function now(run: ExecutionState): string {
  return new Date(run.options.clock.now()).toISOString();
}

function record(run: ExecutionState, entry: StepRecord): void {
  run.records.push(entry);
  run.options.onStep?.(entry);
}

/** Runs the steps until one fails or the run is cancelled; gives that failure, or null when all ran. */
async function runForward(run: ExecutionState, steps: readonly Step[], runStep: StepRunner): Promise<Failure | null> {
  const { signal } = run.options;
  for (const step of steps) {
    if (signal?.aborted)
      return { step: step.name, reason: `cancelled before ${step.name} (${errorMessage(signal.reason)})` };
    const failure = await runOne(run, step, runStep);
    if (failure) return failure;
  }
  return null;
}

/** Runs one step and records it; gives the failure that stops the run, if it failed and is not best-effort. */
async function runOne(run: ExecutionState, step: Step, runStep: StepRunner): Promise<Failure | null> {
  const { signal } = run.options;
  const startedAt = now(run);
  const base = { name: step.name, kind: step.kind, startedAt };
  try {
    const effect = await runStep(step, signal ?? new AbortController().signal);
    record(run, { ...effect.details, ...base, finishedAt: now(run), outcome: 'succeeded' });
    if (effect.undo) run.undos.push(effect.undo);
    return null;
  } catch (error) {
    const cancelled = signal?.aborted === true;
    const reason = cancelled ? `cancelled during ${step.name} (${errorMessage(signal?.reason)})` : errorMessage(error);
    const outcome = cancelled ? 'cancelled' : 'failed';
    record(run, { ...detailsOf(error), ...base, finishedAt: now(run), outcome, error: reason });
    if (!cancelled && run.options.bestEffort?.(step)) return null;
    // A step that failed half-way may hand over the undo of what it did change.
    const ownUndo = (error as { undo?: Undo }).undo;
    if (ownUndo) run.undos.push(ownUndo);
    return { step: step.name, reason };
  }
}

/** Runs the undos newest first, each whatever the others did; gives one line per undo that failed. */
async function unwind(run: ExecutionState): Promise<string[]> {
  // The rollback must run even though the run's own signal is aborted: it gets a signal of its own.
  const rollbackSignal = new AbortController().signal;
  const errors: string[] = [];
  for (const undo of [...run.undos].reverse()) {
    const base = { name: undo.name, kind: 'undo', rollback: true, startedAt: now(run) };
    try {
      const details = await undo.run(rollbackSignal);
      record(run, { ...details, ...base, finishedAt: now(run), outcome: 'succeeded' });
    } catch (error) {
      errors.push(`${undo.name}: ${errorMessage(error)}`);
      record(run, {
        ...detailsOf(error),
        ...base,
        finishedAt: now(run),
        outcome: 'failed',
        error: errorMessage(error),
      });
    }
  }
  return errors;
}

function detailsOf(error: unknown): StepEffect['details'] {
  return error instanceof StepFailure ? error.details : {};
}
