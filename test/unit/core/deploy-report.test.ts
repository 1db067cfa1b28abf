import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GateCheck, MetricResult } from '../../../src/core/deploy-report.js';
import { parseDeployReport } from '../../../src/core/deploy-report-schema.js';
import type { MetricReport } from '../../../src/health/analysis/analysis-report.js';
import type { CheckReport } from '../../../src/health/health-report.js';
import { canaryRolledBack } from '../incident/fixtures.js';

// The health module's evidence records go into a step's gate as they are (checked by tsc).
const fitsCheck = (check: CheckReport): GateCheck => check;
const fitsMetric = (metric: MetricReport): MetricResult => metric;
void fitsCheck;
void fitsMetric;

const json = (value: unknown): string => JSON.stringify(value);

describe('parseDeployReport', () => {
  it('reads a canary report that rolled back, with its gate evidence', () => {
    const parsed = parseDeployReport(json(canaryRolledBack()));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.report.result).toBe('rolled-back');
    expect(parsed.report.steps[3]?.gate?.metrics?.[0]?.measurements?.map((m) => m.value)).toEqual([
      0.0021, 0.0833, 0.1124, 0.1267,
    ]);
  });

  it('keeps keys it does not know, so a newer deploy does not break an older reader', () => {
    const report = { ...canaryRolledBack(), plan: ['deploy green'], extra: { nested: true } };
    const parsed = parseDeployReport(json(report));
    expect(parsed.ok && (parsed.report as Record<string, unknown>).extra).toEqual({ nested: true });
  });

  it('accepts a first deploy (no previous version) and a deployment id as text', () => {
    const parsed = parseDeployReport(json({ ...canaryRolledBack(), previousVersion: null, deploymentId: 'd-42' }));
    expect(parsed.ok).toBe(true);
  });

  const broken = (change: (report: Record<string, unknown>) => void): string => {
    const report = canaryRolledBack() as unknown as Record<string, unknown>;
    change(report);
    return json(report);
  };

  it.each([
    [
      'a result outside the set',
      broken((r) => (r.result = 'ok')),
      'result is "ok"; expected one of succeeded, rolled-back, failed, aborted, planned, noop',
    ],
    ['a missing version', broken((r) => delete r.version), 'version is missing; expected a string (it is required)'],
    [
      'a strategy outside the set',
      broken((r) => (r.strategy = 'blue_green')),
      'strategy is "blue_green"; expected one of rolling, blue-green, canary',
    ],
    [
      'a step time that is not ISO 8601',
      broken((r) => ((r.steps as Array<Record<string, unknown>>)[1]!.startedAt = 'yesterday')),
      'steps[1].startedAt is "yesterday"; expected an ISO 8601 time like 2026-11-22T03:00:00Z',
    ],
    [
      'a gate verdict outside the set',
      broken((r) => (((r.steps as Array<Record<string, unknown>>)[3]!.gate as Record<string, unknown>).verdict = 'ok')),
      'steps[3].gate.verdict is "ok"; expected one of passed, failed',
    ],
    [
      'a metric verdict in the wrong case',
      broken((r) => {
        const gate = (r.steps as Array<Record<string, unknown>>)[3]!.gate as {
          metrics: Array<Record<string, unknown>>;
        };
        gate.metrics[0]!.verdict = 'failed';
      }),
      'steps[3].gate.metrics[0].verdict is "failed"; expected one of Successful, Failed, Inconclusive, Error',
    ],
    [
      'rollback without attempted',
      broken((r) => (r.rollback = { succeeded: true })),
      'rollback.attempted is missing; expected true or false (it is required)',
    ],
    ['an array', '[]', 'the report is []; expected a JSON object'],
    ['null', 'null', 'the report is null; expected a JSON object'],
  ])('rejects %s, saying where', (_name, text, error) => {
    expect(parseDeployReport(text)).toEqual({ ok: false, error });
  });

  it.each([
    ['{"service": "api",}', 'not JSON: unexpected "}" at line 1, column 19'],
    ['{\n  "service": "api",\n  "steps": [\n', 'not JSON: unexpected end at line 4, column 1'],
    ["{'service': 'api'}", `not JSON: unexpected "'" at line 1, column 2`],
    ['', 'not JSON: unexpected end at line 1, column 1'],
    ['{"a": 1} x', 'not JSON: unexpected "x" at line 1, column 10'],
    ['{"a": "tab\there"}', 'not JSON: unexpected "\\t" at line 1, column 11'],
    ['{"a": 01}', 'not JSON: unexpected "1" at line 1, column 8'],
  ])('says where %j stops being JSON', (text, error) => {
    expect(parseDeployReport(text)).toEqual({ ok: false, error });
  });

  it('never calls valid JSON broken', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const parsed = parseDeployReport(text);
        expect(parsed.ok || !parsed.error.startsWith('not JSON')).toBe(true);
      }),
    );
  });
});
