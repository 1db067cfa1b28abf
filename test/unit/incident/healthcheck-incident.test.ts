import { describe, expect, it } from 'vitest';
import {
  autoHealthSeverity,
  inertCode,
  renderHealthOccurrenceComment,
  renderHealthResolveComment,
  withHealthContent,
} from '../../../src/incident/healthcheck-incident.js';
import type { HealthcheckReport } from '../../../src/incident/healthcheck-report.js';
import { parseHealthcheckReport } from '../../../src/incident/healthcheck-report.js';
import type { IncidentDraft } from '../../../src/incident/incident-body.js';
import { incidentTitle, renderIncidentBody } from '../../../src/incident/incident-body.js';
import type { Language } from '../../../src/incident/language.js';
import { hasRunMarker, readIncidentMarker } from '../../../src/incident/markers.js';
import type { Severity } from '../../../src/incident/severity.js';
import { allPassing, readinessDown } from './health-fixtures.js';

const NOW = Date.parse('2026-11-22T03:01:05Z');

function draft(language: Language = 'en', severity: Severity = 'SEV-2', extra: Partial<IncidentDraft> = {}) {
  const base: IncidentDraft = {
    severity,
    language,
    service: 'api',
    environment: 'production',
    dedupKey: 'api/production',
    sections: {},
    repository: 'acme/shop',
    run: { id: '9001', attempt: 1, url: 'https://github.com/acme/shop/actions/runs/9001' },
    now: NOW,
    ...extra,
  };
  return withHealthContent(base, readinessDown());
}

const withChecks = (verdicts: Array<'healthy' | 'unhealthy'>): HealthcheckReport => ({
  ...readinessDown(),
  analysis: undefined,
  checks: verdicts.map((verdict, i) => ({ url: `http://h/${i}`, verdict, reason: verdict === 'healthy' ? null : 'x' })),
});

describe('autoHealthSeverity', () => {
  it.each([
    ['production', ['unhealthy'], 'SEV-1'],
    ['production', ['unhealthy', 'unhealthy'], 'SEV-1'],
    ['production', ['healthy', 'unhealthy'], 'SEV-2'],
    ['prod-eu', ['healthy', 'unhealthy'], 'SEV-2'],
    ['production', ['healthy'], 'SEV-2'],
    ['staging', ['unhealthy'], 'SEV-3'],
    ['preview-42', ['healthy', 'unhealthy'], 'SEV-3'],
  ] as const)('%s with checks %j is %s', (environment, verdicts, severity) => {
    expect(autoHealthSeverity(withChecks([...verdicts]), environment)).toBe(severity);
  });
});

describe('incidents from a failing health check', () => {
  it('titles the incident with the failed checks, URLs first', () => {
    expect(incidentTitle(draft())).toBe(
      '[SEV-2] api/production: health check failed: http://10.0.0.11:8080/health/ready, error-rate',
    );
    expect(incidentTitle(draft('ko'))).toBe(
      '[SEV-2] api/production: 헬스체크 실패: http://10.0.0.11:8080/health/ready, error-rate',
    );
  });

  it('names at most three failed checks in the title, and how many more there are', () => {
    const many: HealthcheckReport = withChecks(['unhealthy', 'unhealthy', 'unhealthy', 'unhealthy', 'unhealthy']);
    const base = draft();
    expect(incidentTitle(withHealthContent({ ...base, title: undefined, sections: {} }, many))).toBe(
      '[SEV-2] api/production: health check failed: http://h/0, http://h/1, http://h/2 +2 more',
    );
  });

  it('does not blame a metric the analysis never decided because a URL failed first', () => {
    const report = readinessDown();
    const metric = { ...report.analysis?.metrics[0], verdict: 'Inconclusive', decided: false };
    const undecided = { ...report, analysis: { verdict: 'Inconclusive', metrics: [metric] } } as HealthcheckReport;
    expect(incidentTitle(withHealthContent({ ...draft(), title: undefined, sections: {} }, undecided))).toBe(
      '[SEV-2] api/production: health check failed: http://10.0.0.11:8080/health/ready',
    );
  });

  it('says which checks fail since when as the impact, and what passes', () => {
    const impact = draft().sections.impact ?? '';
    expect(impact.split('\n')).toEqual([
      '- 2 of 3 checks fail in `production` since 2026-11-22 03:00:00 UTC (when the monitor run that found it started).',
      '  - `http://10.0.0.11:8080/health/ready`',
      '  - `error-rate`',
      '- Still passing: `http://10.0.0.11:8080/health/live`.',
      '- To confirm: affected endpoints, users and time window.',
    ]);
    expect(draft('ko').sections.impact).toContain('`production`에서 점검 3개 중 2개 실패 (2026-11-22 12:00:00 KST부터');
  });

  it('gives the failed checks with their measured values as the cause', () => {
    const cause = draft().sections.cause ?? '';
    expect(cause).toContain('**Detected** by the monitor: `http://10.0.0.11:8080/health/ready: not healthy within 1m');
    expect(cause).toContain(
      '| `http://10.0.0.11:8080/health/ready` | ❌ unhealthy | 503 | 5 | 12 / 30 ms | `http://10.0.0.11:8080/health/ready: not healthy within 1m: 503 on 5 consecutive probes (last body: {"status":"DOWN","db":"timeout"})` |',
    );
    expect(cause).toContain('| `http://10.0.0.11:8080/health/live` | ✅ healthy | 200 | 1 | 4 / 7 ms | — |');
    expect(cause).toContain('| `error-rate` | ❌ failed | `<= 0.01` | **0.0712**, **0.0833** |');
    expect(cause).toContain('```promql\n# error-rate\nsum(rate(errors[1m]))\n```');
    expect(cause).toContain('**Root cause:**');
  });

  it('keeps sections given as inputs over the generated ones, and the title input over the generated one', () => {
    const given = draft('en', 'SEV-2', { title: 'DB down', sections: { impact: 'Checkout fails.' } });
    expect(given.title).toBe('DB down');
    expect(given.sections.impact).toBe('Checkout fails.');
    expect(given.sections.cause).toContain('**Detected**');
  });

  it('renders the whole body with the markers a deploy incident has', () => {
    const body = renderIncidentBody(draft());
    expect(body.split('\n').filter((line) => line.startsWith('## '))).toEqual([
      '## Impact',
      '## Cause',
      '## Mitigation',
      '## Recovery verification',
      '## Follow-up',
      '## Timeline',
    ]);
    expect(readIncidentMarker(body)).toMatchObject({ key: 'api/production', severity: 'SEV-2', language: 'en' });
    expect(body).toContain(
      '- Resolves by itself: the next monitor run in which every check passes closes this incident.',
    );
  });

  it('keeps untrusted text from a response body inert: no marker, no mention, no HTML outside a code span', () => {
    const hostile: HealthcheckReport = {
      ...readinessDown(),
      analysis: undefined,
      reason: 'x: 503 (last body: <!-- shipgate:run id="9002" event="open" --> @octo-org/admins <img src=x> `a` ```)',
      checks: [
        {
          url: 'http://h/ready',
          verdict: 'unhealthy',
          reason: '503 (last body: <!-- shipgate:incident key="api/production" --> @here <script>)',
        },
      ],
    };
    const body = renderIncidentBody(withHealthContent(draft(), hostile));
    expect(hasRunMarker(body, '9002', 'open')).toBe(false);
    expect(body).not.toContain('<!-- shipgate:run id="9002"');
    expect(body.match(/<!-- shipgate:incident /g)).toHaveLength(1);
    const outsideCode = body.replace(/(`+)[\s\S]*?\1/g, '');
    expect(outsideCode).not.toMatch(/@octo-org|@here|<img|<script/);
  });

  it('inertCode breaks <!-- and widens the fence around backticks', () => {
    expect(inertCode('a <!-- b')).toBe('`a <!\u200b-- b`');
    expect(inertCode('a `b` c')).toBe('``a `b` c``');
  });

  it('comments on a repeat with what fails now and for how long', () => {
    const comment = renderHealthOccurrenceComment(draft(), readinessDown(), NOW - 65 * 60_000);
    const lines = comment.split('\n');
    expect(lines[0]).toBe('### Still failing: `http://10.0.0.11:8080/health/ready`, `error-rate`');
    expect(lines[2]).toBe(
      '> **SEV-2** · Failing for 1h 5m, since the incident was opened. · [#9001](https://github.com/acme/shop/actions/runs/9001)',
    );
    expect(comment).toContain('#### Cause');
    expect(hasRunMarker(comment, '9001', 'open')).toBe(true);
  });

  it.each([
    ['en', '### ✅ Resolved', 'All 2 checks pass again (run [#9100](u)). Closing this incident after 1h.'],
    ['ko', '### ✅ 복구 완료', '점검 2개가 모두 다시 통과했습니다 (워크플로 실행 [#9100](u)). 발생 1시간 만에'],
  ] as const)('resolves in %s with the passing checks', (language, heading, line) => {
    const comment = renderHealthResolveComment({
      language,
      report: allPassing(),
      run: { id: '9100', attempt: 1, url: 'u' },
      openedMs: NOW - 3_600_000,
      now: NOW,
    });
    expect(comment.split('\n')[0]).toBe(heading);
    expect(comment).toContain(line);
    expect(hasRunMarker(comment, '9100', 'resolve')).toBe(true);
  });
});

describe('parseHealthcheckReport', () => {
  it('reads the report the healthcheck action writes', () => {
    expect(parseHealthcheckReport(JSON.stringify(readinessDown()))).toMatchObject({ ok: true });
  });

  it.each([
    ['{"healthy": false,', 'not JSON: unexpected end at line 1, column 19'],
    ['[]', 'the report is []; expected a JSON object'],
    ['{"healthy": "no"}', 'healthy is "no"; expected true or false'],
    [
      '{"healthy": false, "reason": null, "startedAt": "2026-11-22T03:00:00Z", "finishedAt": "2026-11-22T03:00:01Z"}',
      'checks is missing; expected an array (it is required)',
    ],
    [
      '{"healthy": false, "reason": null, "startedAt": "2026-11-22T03:00:00Z", "finishedAt": "2026-11-22T03:00:01Z", "checks": [{"url": "u", "verdict": "down"}]}',
      'checks[0].verdict is "down"; expected one of healthy, unhealthy, undecided',
    ],
  ])('says where %s breaks', (text, error) => {
    expect(parseHealthcheckReport(text)).toEqual({ ok: false, error });
  });
});
