import type { DeployReport } from '../core/deploy-report.js';

/** SEV levels as the operators' runbook defines them (SEV-1: full outage … SEV-3: partial, with a workaround). */
export const SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_SETTINGS = ['SEV-1', 'SEV-2', 'SEV-3', 'auto'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

const MINUTE = 60_000;

/**
 * Environment names read as production: `production`, `prod`, `prd`, alone or as a dash/underscore/dot/
 * slash-separated part (`production-eu`, `eu.prod`). Everything else (`staging`, `preview-42`) is not.
 */
export function isProductionEnvironment(environment: string): boolean {
  return environment
    .toLowerCase()
    .split(/[-_./\s]+/)
    .some((part) => part === 'production' || part === 'prod' || part === 'prd');
}

/**
 * SPEC §5.4 `auto`, read with "in production" applying to both halves of the first rule:
 *
 * | environment | report                                         | severity |
 * |-------------|------------------------------------------------|----------|
 * | production  | rollback attempted and failed                  | SEV-1    |
 * | production  | result `failed`, no rollback attempted, rollback not known to be on | SEV-1 |
 * | production  | rolled back (result `rolled-back`)             | SEV-2    |
 * | production  | failed before changing anything (rollback on, nothing to undo) | SEV-3 |
 * | any other   | anything                                       | SEV-3    |
 * | any         | no report                                      | SEV-3    |
 *
 * A failed rollback in staging is SEV-3: nobody outside the team is affected, however broken it is.
 */
export function autoSeverity(report: DeployReport | undefined, environment: string): Severity {
  if (!report || !isProductionEnvironment(environment)) return 'SEV-3';
  const { rollback, result } = report;
  const rollbackFailed = rollback.attempted && !rollback.succeeded;
  const rollbackOff = result === 'failed' && !rollback.attempted && rollback.enabled !== true;
  if (rollbackFailed || rollbackOff) return 'SEV-1';
  if (result === 'rolled-back' || (rollback.attempted && rollback.succeeded)) return 'SEV-2';
  return 'SEV-3';
}

export function resolveSeverity(
  setting: SeveritySetting,
  report: DeployReport | undefined,
  environment: string,
): Severity {
  return setting === 'auto' ? autoSeverity(report, environment) : setting;
}

/** How often an open incident must get an update (runbook: SEV-1 15 min, SEV-2 30 min, SEV-3 60 min). */
export function updateCadenceMs(severity: Severity): number {
  switch (severity) {
    case 'SEV-1':
      return 15 * MINUTE;
    case 'SEV-2':
      return 30 * MINUTE;
    case 'SEV-3':
      return 60 * MINUTE;
    default: {
      const unknown: never = severity;
      throw new Error(`unknown severity ${String(unknown)}`);
    }
  }
}

/** When the next update is due, given the last one. */
export function nextUpdateDue(lastUpdateMs: number, severity: Severity): number {
  return lastUpdateMs + updateCadenceMs(severity);
}

/**
 * A reminder is due once a whole cadence has passed since the last update, where a reminder is itself an
 * update: so, whatever the schedule, two reminders are never less than one cadence apart.
 */
export function isReminderDue(nowMs: number, lastUpdateMs: number, severity: Severity): boolean {
  return nowMs - lastUpdateMs >= updateCadenceMs(severity);
}

/** 1 for SEV-1 … 3 for SEV-3; lower is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity) + 1;
}

export function moreSevere(a: Severity, b: Severity): Severity {
  return severityRank(a) <= severityRank(b) ? a : b;
}

/** The label that carries the severity on the issue: `sev-2`. */
export function severityLabel(severity: Severity): string {
  return `sev-${severityRank(severity)}`;
}

/** The severity an issue's labels give it (the most severe, if someone left two), or undefined. */
export function severityFromLabels(labels: readonly string[]): Severity | undefined {
  const found = SEVERITIES.filter((severity) =>
    labels.some((label) => label.toLowerCase() === severityLabel(severity)),
  );
  return found[0];
}

export function isSeverityLabel(label: string): boolean {
  return /^sev-[123]$/i.test(label);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
