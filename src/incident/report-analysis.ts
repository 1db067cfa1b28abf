import type { DeployReport, DeployStep, GateResult, HookRun } from '../core/deploy-report.js';

/**
 * What a deploy report means for an incident, worked out once and in no language: how it ended, which
 * step failed and on what evidence, what the rollback did, what verified it, and how much traffic the
 * new version took. The text modules (en, ko) turn this into sentences.
 */
export type FailureKind =
  /** Failed, then the rollback succeeded. */
  | 'rolled-back'
  /** Failed, and an undo failed: production may still run the new version. */
  | 'rollback-failed'
  /** Failed with rollback off: nothing was undone. */
  | 'rollback-off'
  /** Failed before it changed anything (rollback on, nothing to undo). */
  | 'failed-unchanged'
  /** The report is not a failure (succeeded, noop, planned): an incident opened by hand. */
  | 'no-failure';

export interface FailedHook {
  readonly step: DeployStep;
  readonly hook: HookRun;
}

export interface Exposure {
  /** Highest share of traffic (percent) the new version took, when the steps say; 0 = none reached it. */
  readonly maxWeight?: number;
  /** Rolling: the instances that ran the new version. */
  readonly instances: readonly string[];
  /** When the new version first took traffic (ms), and when it stopped (the route back, or the end). */
  readonly fromMs?: number;
  readonly untilMs?: number;
  /** When a rollback step routed all traffic back to the old version, if one did. */
  readonly trafficBackMs?: number;
}

export interface ReportAnalysis {
  readonly report: DeployReport;
  readonly kind: FailureKind;
  /** The first step of the rollout (not the rollback) that failed or was cancelled. */
  readonly failedStep?: DeployStep;
  /** The failed step's gate, when it failed on one. */
  readonly failedGate?: GateResult;
  readonly failedHooks: readonly FailedHook[];
  readonly rollbackSteps: readonly DeployStep[];
  /** The last gate the rollback ran: the evidence that the old version serves well again. */
  readonly verification?: { readonly step: DeployStep; readonly gate: GateResult };
  readonly exposure: Exposure;
  readonly startedMs: number;
  readonly finishedMs: number;
}

export function failureKind(report: DeployReport): FailureKind {
  const { result, rollback } = report;
  switch (result) {
    case 'rolled-back':
      return 'rolled-back';
    case 'failed':
      if (rollback.attempted) return rollback.succeeded ? 'rolled-back' : 'rollback-failed';
      return rollback.enabled === true ? 'failed-unchanged' : 'rollback-off';
    case 'aborted':
      return 'failed-unchanged';
    case 'succeeded':
    case 'noop':
    case 'planned':
      return 'no-failure';
    default: {
      const unknown: never = result;
      throw new Error(`unknown deploy result ${String(unknown)}`);
    }
  }
}

export function analyzeReport(report: DeployReport): ReportAnalysis {
  const rollout = report.steps.filter((step) => step.rollback !== true);
  const rollbackSteps = report.steps.filter((step) => step.rollback === true);
  const failedStep =
    rollout.find((step) => step.outcome === 'failed') ?? rollout.find((step) => step.outcome === 'cancelled');
  const failedGate = failedStep?.gate?.verdict === 'failed' ? failedStep.gate : undefined;
  // Hooks of the rollback that failed are the mitigation's story, not the cause's.
  const failedHooks = rollout.flatMap((step) =>
    (step.hooks ?? []).filter((hook) => hook.exitCode !== 0).map((hook) => ({ step, hook })),
  );
  const verificationStep = rollbackSteps.filter((step) => step.gate !== undefined).at(-1);
  return {
    report,
    kind: failureKind(report),
    failedStep,
    failedGate,
    failedHooks,
    rollbackSteps,
    verification: verificationStep?.gate ? { step: verificationStep, gate: verificationStep.gate } : undefined,
    exposure: exposureOf(report, rollout, rollbackSteps),
    startedMs: Date.parse(report.startedAt),
    finishedMs: Date.parse(report.finishedAt),
  };
}

function exposureOf(
  report: DeployReport,
  rollout: readonly DeployStep[],
  rollbackSteps: readonly DeployStep[],
): Exposure {
  const ran = rollout.filter((step) => step.outcome !== 'skipped');
  const weighted = ran.filter((step) => step.weight !== undefined);
  const instances = [...new Set(ran.flatMap((step) => step.instances ?? []))];
  const maxWeight = weighted.length > 0 ? Math.max(...weighted.map((step) => step.weight ?? 0)) : undefined;
  const firstLive =
    maxWeight !== undefined
      ? weighted.find((step) => (step.weight ?? 0) > 0)
      : ran.find((step) => (step.instances ?? []).length > 0);
  if (!firstLive) return { maxWeight, instances };
  const routeBack = rollbackSteps.find((step) => step.weight === 0 && step.outcome === 'succeeded');
  const fromMs = Date.parse(firstLive.finishedAt ?? firstLive.startedAt);
  const untilMs = Date.parse(routeBack?.finishedAt ?? report.finishedAt);
  return { maxWeight, instances, fromMs, untilMs, trafficBackMs: routeBack ? untilMs : undefined };
}
