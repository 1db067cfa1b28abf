import { describe, expect, it } from 'vitest';
import type { DeployReport } from '../../../src/core/deploy-report.js';
import {
  autoSeverity,
  isProductionEnvironment,
  isReminderDue,
  nextUpdateDue,
  resolveSeverity,
  severityFromLabels,
  severityLabel,
  updateCadenceMs,
} from '../../../src/incident/severity.js';
import { canaryRolledBack } from './fixtures.js';

const MIN = 60_000;

function report(result: DeployReport['result'], rollback: DeployReport['rollback']): DeployReport {
  return { ...canaryRolledBack(), result, rollback };
}

describe('autoSeverity', () => {
  it.each([
    ['production', 'failed', { enabled: true, attempted: true, succeeded: false }, 'SEV-1', 'the rollback failed'],
    ['production', 'failed', { enabled: false, attempted: false, succeeded: false }, 'SEV-1', 'rollback was off'],
    [
      'production',
      'failed',
      { attempted: false, succeeded: false },
      'SEV-1',
      'rollback not attempted and not known to be on',
    ],
    [
      'production',
      'rolled-back',
      { enabled: true, attempted: true, succeeded: true },
      'SEV-2',
      'production was rolled back',
    ],
    [
      'prod-eu',
      'rolled-back',
      { enabled: true, attempted: true, succeeded: true },
      'SEV-2',
      'a production-named environment was rolled back',
    ],
    [
      'production',
      'failed',
      { enabled: true, attempted: false, succeeded: false },
      'SEV-3',
      'it failed before changing anything',
    ],
    ['production', 'succeeded', { enabled: true, attempted: false, succeeded: false }, 'SEV-3', 'the deploy succeeded'],
    ['staging', 'failed', { enabled: true, attempted: true, succeeded: false }, 'SEV-3', 'a staging rollback failed'],
    ['staging', 'rolled-back', { enabled: true, attempted: true, succeeded: true }, 'SEV-3', 'staging was rolled back'],
  ] as const)('%s, %s → %s when %s', (environment, result, rollback, severity, _why) => {
    expect(autoSeverity(report(result, rollback), environment)).toBe(severity);
  });

  it('is SEV-3 without a report', () => {
    expect(autoSeverity(undefined, 'production')).toBe('SEV-3');
  });

  it('leaves an explicit severity as it is', () => {
    expect(resolveSeverity('SEV-1', undefined, 'staging')).toBe('SEV-1');
    expect(resolveSeverity('auto', canaryRolledBack(), 'production')).toBe('SEV-2');
  });
});

describe('isProductionEnvironment', () => {
  it.each([
    ['production', true],
    ['Production', true],
    ['prod', true],
    ['prd', true],
    ['production-eu', true],
    ['eu.prod', true],
    ['us/production', true],
    ['staging', false],
    ['preprod', false],
    ['productions', false],
    ['preview-42', false],
  ])('%s → %s', (environment, expected) => {
    expect(isProductionEnvironment(environment)).toBe(expected);
  });
});

describe('update cadence', () => {
  it.each([
    ['SEV-1', 15],
    ['SEV-2', 30],
    ['SEV-3', 60],
  ] as const)('%s updates every %i minutes', (severity, minutes) => {
    expect(updateCadenceMs(severity)).toBe(minutes * MIN);
    expect(nextUpdateDue(0, severity)).toBe(minutes * MIN);
  });

  it.each([
    ['SEV-1', 14 * MIN + 59_999, false],
    ['SEV-1', 15 * MIN, true],
    ['SEV-2', 29 * MIN, false],
    ['SEV-2', 31 * MIN, true],
    ['SEV-3', 59 * MIN, false],
    ['SEV-3', 60 * MIN, true],
  ] as const)('a %s incident quiet for %i ms is due a reminder: %s', (severity, quiet, due) => {
    const last = Date.parse('2026-11-22T03:00:00Z');
    expect(isReminderDue(last + quiet, last, severity)).toBe(due);
  });
});

describe('severity labels', () => {
  it.each([
    [['incident', 'sev-2'], 'SEV-2'],
    [['incident', 'SEV-1'], 'SEV-1'],
    [['sev-3', 'sev-1'], 'SEV-1'],
    [['incident'], undefined],
    [['sev-4'], undefined],
  ] as const)('%j → %s', (labels, severity) => {
    expect(severityFromLabels(labels)).toBe(severity);
  });

  it('labels SEV-2 as sev-2', () => {
    expect(severityLabel('SEV-2')).toBe('sev-2');
  });
});
