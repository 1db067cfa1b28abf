import type { DeployStep, GateResult } from '../core/deploy-report.js';
import type { GateOutcome } from '../health/gate.js';
import type { HookRun } from '../target/ports.js';

/** One step as the report keeps it (the incident action reads it back: src/core/deploy-report.ts). */
export type StepRecord = DeployStep & { readonly kind: string };

export function hookRecord(run: HookRun): NonNullable<DeployStep['hooks']>[number] {
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
