import type * as z from '#zod';
import type { GateOutcome } from '../health/gate.js';
import type { HookRun as HookResult } from '../target/ports.js';
import type {
  deployReportSchema,
  deployStepSchema,
  gateCheckSchema,
  gateResultSchema,
  hookRunSchema,
  measurementSchema,
  metricResultSchema,
} from './deploy-report-schema.js';

/**
 * The `report` output of deploy and rollback (SPEC §5.2): what was run, step by step, with every gate's
 * verdict and the values it measured. The deploy engine writes it, the summary renders it, and the
 * incident action reads it back from JSON, so the schema is the contract between them.
 *
 * Keys the readers use are strict (types and option sets); unknown keys are kept (`looseObject`), so a
 * newer deploy may add fields without breaking an older incident action. Times are ISO 8601 strings.
 * A gate's evidence takes the health module's records as they are: `CheckReport` (src/health/health-report.ts)
 * and `MetricReport` (src/health/analysis/analysis-report.ts) both fit `gateCheckSchema` / `metricResultSchema`.
 * The schemas (zod/mini) live with their reader in deploy-report-schema.ts, so the actions that only
 * write reports never build them (SPEC §9, B1); the types here are taken from them.
 *
 * The engine writes its records as these types (`hookRecord`, `gateRecord` below, and the executor's
 * `StepRecord`), so the report it writes and the report the incident action reads are one type.
 */

/**
 * The type of what a loose schema reads, without the index signature looseObject adds: the engine's own
 * records (interfaces like the health module's CheckReport) are then assignable to these types.
 */
export type Known<T> = T extends readonly (infer U)[]
  ? readonly Known<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : K]: Known<T[K]> }
    : T;

export type HookRun = Known<z.infer<typeof hookRunSchema>>;
export type GateCheck = Known<z.infer<typeof gateCheckSchema>>;
export type Measurement = Known<z.infer<typeof measurementSchema>>;
export type MetricResult = Known<z.infer<typeof metricResultSchema>>;
export type GateResult = Known<z.infer<typeof gateResultSchema>>;
export type DeployStep = Known<z.infer<typeof deployStepSchema>>;
export type DeployReport = Known<z.infer<typeof deployReportSchema>>;

/** One step as the engine records it: the report's step plus the plan step's kind. */
export type StepRecord = DeployStep & { readonly kind: string };

/** A hook run as the report keeps it: whole milliseconds, `timedOut` only when it did. */
export function hookRecord(run: HookResult): HookRun {
  return {
    name: run.hook,
    exitCode: run.exitCode,
    durationMs: Math.round(run.durationMs),
    ...(run.timedOut ? { timedOut: true } : {}),
  };
}

/** A gate's evidence in the report: every URL's verdict and every metric's measurements. */
export function gateRecord(outcome: GateOutcome): GateResult {
  return {
    verdict: outcome.passed ? 'passed' : 'failed',
    reason: outcome.reason,
    checks: outcome.health.checks,
    ...(outcome.analysis ? { metrics: outcome.analysis.metrics } : {}),
  };
}
