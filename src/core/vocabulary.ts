/**
 * The words of shipgate (SPEC §3, §5.2, §6), each declared once: the config schema, the inputs, the
 * engine, the state stores, the report schema and the incident action all import them from here, so
 * adding a strategy or a result is one edit here and then a compile error wherever a `switch` misses it.
 * Tuples `as const` give both the runtime list (zod enums, error messages) and the type.
 */

/** Blue-green and canary run a service in up to two slots; the active one takes traffic. */
export const SLOTS = ['blue', 'green'] as const;
export type Slot = (typeof SLOTS)[number];

export const STRATEGIES = ['rolling', 'blue-green', 'canary'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Blue-green's phases (SPEC §5.2); every other strategy runs `full`. */
export const PHASES = ['prepare', 'switch', 'finalize', 'cancel', 'full'] as const;
export type Phase = (typeof PHASES)[number];

/**
 * How a deploy or rollback ended (SPEC §5.2). `rolled-back`: failed after it began changing anything, and
 * the rollback succeeded; `failed`: the rollback failed or was off; `aborted`: stopped before anything
 * changed (a preflight hook failed, the lock is held, the target drifted); `planned`: a dry run.
 */
export const DEPLOY_RESULTS = ['succeeded', 'rolled-back', 'failed', 'aborted', 'planned', 'noop'] as const;
export type DeployResult = (typeof DEPLOY_RESULTS)[number];

/** The results the rollback action gives (SPEC §5.3). */
export type RollbackResult = Extract<DeployResult, 'rolled-back' | 'noop' | 'failed'>;

/** Which action wrote a report or a history entry. A rollback's `version` is the version rolled back to. */
export const OPERATIONS = ['deploy', 'rollback'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** `cancelled`: the step was in flight when the run was cancelled (SIGINT/SIGTERM). */
export const STEP_OUTCOMES = ['succeeded', 'failed', 'skipped', 'cancelled'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

/** A gate's verdict: HTTP checks and metric analysis together. */
export const GATE_VERDICTS = ['passed', 'failed'] as const;
export type GateVerdict = (typeof GATE_VERDICTS)[number];

/** One HTTP check's verdict. `undecided`: the gate ended (cancelled, or decided by another check) first. */
export const CHECK_VERDICTS = ['healthy', 'unhealthy', 'undecided'] as const;
export type CheckVerdict = (typeof CHECK_VERDICTS)[number];

/** Where a metric's value comes from: a PromQL instant query, or a shell command that prints a number. */
export const METRIC_PROVIDERS = ['prometheus', 'command'] as const;
export type MetricProviderKind = (typeof METRIC_PROVIDERS)[number];

/** What one measurement received: a value, an empty result, or an error. */
export const MEASUREMENT_RESULTS = ['value', 'no-data', 'error'] as const;
export type MeasurementResult = (typeof MEASUREMENT_RESULTS)[number];

/** A metric's (and a measurement's) verdict, SPEC §6, spelled as Argo Rollouts spells them. */
export const METRIC_VERDICTS = ['Successful', 'Failed', 'Inconclusive', 'Error'] as const;
export type MetricVerdict = (typeof METRIC_VERDICTS)[number];
