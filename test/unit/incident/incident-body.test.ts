import { describe, expect, it } from 'vitest';
import type { DeployReport } from '../../../src/core/deploy-report.js';
import type { IncidentDraft } from '../../../src/incident/incident-body.js';
import {
  formatValue,
  incidentTitle,
  renderIncidentBody,
  renderOccurrenceComment,
  renderReminderComment,
  renderResolveComment,
} from '../../../src/incident/incident-body.js';
import { incidentLabels } from '../../../src/incident/labels.js';
import type { Language } from '../../../src/incident/language.js';
import { readIncidentMarker } from '../../../src/incident/markers.js';
import type { Severity } from '../../../src/incident/severity.js';
import { checkTemplate } from '../../../src/incident/template.js';
import { canaryRollbackFailed, canaryRolledBack, OPENED_AT } from './fixtures.js';

function draft(overrides: Partial<IncidentDraft> = {}): IncidentDraft {
  const report = 'report' in overrides ? overrides.report : canaryRolledBack();
  return {
    severity: 'SEV-2',
    language: 'en',
    service: 'api',
    environment: 'production',
    version: report?.version ?? '1.4.2',
    previousVersion: report?.previousVersion ?? '1.4.1',
    dedupKey: 'api/production',
    report,
    sections: {},
    repository: 'acme/shop',
    run: { id: '812345', attempt: 1, url: 'https://github.com/acme/shop/actions/runs/812345' },
    commit: {
      sha: '9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6',
      url: 'https://github.com/acme/shop/commit/9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6',
    },
    deployment: { id: '42', url: 'https://github.com/acme/shop/deployments/production' },
    now: OPENED_AT,
    ...overrides,
  };
}

const rollbackOff = (): DeployReport => ({
  ...canaryRolledBack(),
  result: 'failed',
  rollback: { enabled: false, attempted: false, succeeded: false },
  steps: canaryRolledBack().steps.slice(0, 4),
});
const failedEarly = (): DeployReport => ({
  ...canaryRolledBack(),
  result: 'failed',
  rollback: { enabled: true, attempted: false, succeeded: false },
  steps: canaryRolledBack()
    .steps.slice(0, 1)
    .map((step) => ({ ...step, outcome: 'failed' as const, error: 'deploy hook exited 1' })),
});
const rollbackOperation = (result: 'rolled-back' | 'failed'): DeployReport => ({
  ...canaryRolledBack(),
  operation: 'rollback',
  version: '1.4.1',
  previousVersion: '1.4.2',
  result,
  failureReason: result === 'failed' ? 'route hook exited 1' : null,
  rollback: { enabled: true, attempted: true, succeeded: result === 'rolled-back' },
  rollbackReason: 'error rate',
});

describe('incident titles', () => {
  it.each<[string, Language, Severity, DeployReport | undefined, string]>([
    [
      'a rolled-back canary',
      'en',
      'SEV-2',
      canaryRolledBack(),
      '[SEV-2] api/production: deploy 1.4.2 failed, rolled back to 1.4.1',
    ],
    [
      'a rolled-back canary',
      'ko',
      'SEV-2',
      canaryRolledBack(),
      '[SEV-2] api/production: 1.4.2 배포 실패, 1.4.1 버전으로 자동 롤백',
    ],
    [
      'a failed rollback',
      'en',
      'SEV-1',
      canaryRollbackFailed(),
      '[SEV-1] api/production: deploy 1.4.2 failed, rollback to 1.4.1 failed',
    ],
    [
      'a failed rollback',
      'ko',
      'SEV-1',
      canaryRollbackFailed(),
      '[SEV-1] api/production: 1.4.2 배포 실패, 롤백도 실패',
    ],
    ['rollback off', 'en', 'SEV-1', rollbackOff(), '[SEV-1] api/production: deploy 1.4.2 failed, not rolled back'],
    ['rollback off', 'ko', 'SEV-1', rollbackOff(), '[SEV-1] api/production: 1.4.2 배포 실패, 자동 롤백 꺼짐'],
    [
      'a failure before any change',
      'en',
      'SEV-3',
      failedEarly(),
      '[SEV-3] api/production: deploy 1.4.2 failed before any change',
    ],
    [
      'a failure before any change',
      'ko',
      'SEV-3',
      failedEarly(),
      '[SEV-3] api/production: 1.4.2 배포 실패 (변경 전 중단)',
    ],
    [
      'a manual rollback',
      'en',
      'SEV-2',
      rollbackOperation('rolled-back'),
      '[SEV-2] api/production: rolled back from 1.4.2 to 1.4.1',
    ],
    [
      'a manual rollback',
      'ko',
      'SEV-2',
      rollbackOperation('rolled-back'),
      '[SEV-2] api/production: 1.4.2 → 1.4.1 롤백 완료',
    ],
    [
      'a failed manual rollback',
      'en',
      'SEV-1',
      rollbackOperation('failed'),
      '[SEV-1] api/production: rollback to 1.4.1 failed',
    ],
    [
      'a failed manual rollback',
      'ko',
      'SEV-1',
      rollbackOperation('failed'),
      '[SEV-1] api/production: 1.4.1 버전으로 롤백 실패',
    ],
  ])('names %s (%s)', (_name, language, severity, report, title) => {
    expect(incidentTitle(draft({ language, severity, report }))).toBe(title);
  });

  it.each<[Language, string]>([
    ['en', '[SEV-3] api/production: incident on 1.4.2'],
    ['ko', '[SEV-3] api/production: 1.4.2 인시던트'],
  ])('names an incident opened by hand, without a report (%s)', (language, title) => {
    expect(incidentTitle(draft({ language, severity: 'SEV-3', report: undefined, version: '1.4.2' }))).toBe(title);
  });

  it('says "rolled back" without a version when there was none before', () => {
    expect(
      incidentTitle(draft({ report: { ...canaryRolledBack(), previousVersion: null }, previousVersion: undefined })),
    ).toBe('[SEV-2] api/production: deploy 1.4.2 failed, rolled back');
  });

  it('takes the title input as it is, on one line', () => {
    expect(incidentTitle(draft({ title: 'Checkout\nerrors' }))).toBe('Checkout errors');
  });
});

describe('incident labels', () => {
  it.each([
    ['SEV-2', [], ['incident', 'sev-2']],
    ['SEV-1', ['api', 'team-payments'], ['incident', 'sev-1', 'api', 'team-payments']],
    ['SEV-3', ['Incident', 'api', 'API', 'sev-1'], ['incident', 'sev-3', 'api']],
  ] as const)('%s with %j → %j', (severity, extra, labels) => {
    expect(incidentLabels(severity, extra)).toEqual(labels);
  });
});

const headingsOf = (body: string): string[] => [...body.matchAll(/^## (.+)$/gm)].map((m) => m[1] ?? '');

describe('incident body', () => {
  it.each<[Language, string[]]>([
    ['en', ['Impact', 'Cause', 'Mitigation', 'Recovery verification', 'Follow-up', 'Timeline']],
    ['ko', ['영향', '원인', '임시조치', '복구검증', '후속조치', '타임라인']],
  ])('has the runbook sections in order (%s)', (language, headings) => {
    expect(headingsOf(renderIncidentBody(draft({ language })))).toEqual(headings);
  });

  it('ends with the dedup, scope and run markers', () => {
    const body = renderIncidentBody(draft({ dedupKey: 'api/production "eu" -->' }));
    expect(body.trimEnd().split('\n').slice(-3)).toEqual([
      '<!-- shipgate:incident key="api/production &quot;eu&quot; --&gt;" -->',
      '<!-- shipgate:scope service="api" environment="production" severity="SEV-2" language="en" -->',
      '<!-- shipgate:run id="812345" attempt="1" event="open" -->',
    ]);
    expect(readIncidentMarker(body)?.key).toBe('api/production "eu" -->');
  });

  it('puts the failed gate and its measured values in the cause', () => {
    const body = renderIncidentBody(draft());
    const cause = body.slice(body.indexOf('## Cause'), body.indexOf('## Mitigation'));
    expect(cause).toContain('step `gate 10%` failed: error-rate: 0.1267 > max 0.01 on 3 of 4 measurements');
    expect(cause).toContain('| `error-rate` | ❌ failed | <= 0.01 | 0.0021, **0.0833**, **0.1124**, **0.1267** |');
    expect(cause).toContain('sum(rate(http_requests_total{slot="green",code=~"5.."}[1m]))');
  });

  it('puts the rollback in the mitigation and the gate after it in the verification', () => {
    const body = renderIncidentBody(draft());
    expect(body).toContain(
      '- Automatic rollback to `1.4.1` completed at 03:02:10 UTC.\n  - ✅ succeeded `route 100% to blue` (03:01:36 UTC)',
    );
    expect(body).toContain('- ✅ The gate after the rollback passed at 03:02:07 UTC (step `gate blue after rollback`)');
  });

  it('tells an operator to roll back by hand when the rollback failed', () => {
    const body = renderIncidentBody(draft({ severity: 'SEV-1', report: canaryRollbackFailed() }));
    expect(body).toContain('⚠️ The automatic rollback to `1.4.1` **failed**.');
    expect(body).toContain(
      '❌ failed `route 100% to blue` (03:01:36 UTC): route hook exited 1: nginx: [emerg] host not found',
    );
    expect(body).toContain('Roll back by hand now: run the Rollback workflow with `to-version: 1.4.1`');
    expect(body).toContain('- [ ] Restore `production` by hand and confirm it is healthy');
    expect(body).toContain('**Next update due by 03:17 UTC** (SEV-1: every 15 min)');
  });

  it.each<[Severity, Language, string]>([
    ['SEV-1', 'en', '**Next update due by 03:17 UTC** (SEV-1: every 15 min)'],
    ['SEV-2', 'en', '**Next update due by 03:32 UTC** (SEV-2: every 30 min)'],
    ['SEV-3', 'en', '**Next update due by 04:02 UTC** (SEV-3: every 60 min)'],
    ['SEV-1', 'ko', '**다음 업데이트 예정: 12:17 KST** (SEV-1: 15분 간격)'],
    ['SEV-3', 'ko', '**다음 업데이트 예정: 13:02 KST** (SEV-3: 60분 간격)'],
  ])('says when the next %s update is due (%s)', (severity, language, line) => {
    expect(renderIncidentBody(draft({ severity, language }))).toContain(line);
  });

  it('uses the sections given as inputs instead of generating them', () => {
    const body = renderIncidentBody(
      draft({ sections: { impact: 'Checkout returned 500 for 1 minute.', followUp: '- [ ] add an alert' } }),
    );
    expect(body).toContain('## Impact\n\nCheckout returned 500 for 1 minute.\n\n## Cause');
    expect(body).toContain('## Follow-up\n\n- [ ] add an alert\n\n## Timeline');
    expect(body).not.toContain('served up to 10%');
  });

  it('leaves clear blanks to fill when there is no report', () => {
    const body = renderIncidentBody(draft({ report: undefined, severity: 'SEV-3', language: 'ko' }));
    expect(body).toContain('## 영향\n\n- _작성 필요: 사용자/엔드포인트/시간대 영향 범위_');
    expect(body).toContain('## 원인\n\n_작성 필요: 추정 원인과 확정 원인 구분_');
    expect(body).toContain('| 12:02:30 | 인시던트 등록 |  |  |');
  });

  it('keeps a table whole when a value holds a pipe', () => {
    const body = renderIncidentBody(draft({ version: 'v1|rc' }));
    expect(body).toContain('| **Version** | `v1\\|rc` |');
  });

  it('shows dates in the timeline when it spans midnight', () => {
    const body = renderIncidentBody(draft({ now: Date.parse('2026-11-23T00:00:05Z') }));
    expect(body).toContain('| Time (UTC) | Step | Outcome | Detail |');
    expect(body).toContain('| 2026-11-22 03:00:00 | deploy of `1.4.2` started (canary) |');
    expect(body).toContain('| 2026-11-23 00:00:05 | incident opened |');
  });

  it('stays under GitHub’s body limit with a huge report, markers kept', () => {
    const base = canaryRolledBack();
    const step = base.steps[3]!;
    const steps = Array.from({ length: 2_000 }, (_, i) => ({ ...step, name: `gate batch ${i} ${'x'.repeat(200)}` }));
    const body = renderIncidentBody(draft({ report: { ...base, steps } }));
    expect(body.length).toBeLessThan(65_536);
    expect(readIncidentMarker(body)?.key).toBe('api/production');
    expect(body).toContain('| … | +1943 |');
  });

  it('fills a custom template and still appends the markers', () => {
    const template = checkTemplate('t.md', '# {{ title }}\n\n{{summaryTable}}\n\nWhy: {{cause}}\nOwner: on-call');
    const body = renderIncidentBody(draft(), template);
    expect(body.startsWith('# [SEV-2] api/production: deploy 1.4.2 failed, rolled back to 1.4.1\n\n|  |  |')).toBe(
      true,
    );
    expect(body).toContain('Why: **Detected** by shipgate');
    expect(body).toContain('Owner: on-call\n\n<!-- shipgate:incident key="api/production" -->');
    expect(body).toContain('<!-- shipgate:run id="812345" attempt="1" event="open" -->');
  });
});

describe('values', () => {
  it.each([
    [0, '0'],
    [0.0833, '0.0833'],
    [0.12673, '0.1267'],
    [12.3456, '12.35'],
    [1234, '1234'],
    [123456, '1.235e+5'],
    [0.00001234, '1.234e-5'],
  ])('formats %d as %s', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe('comments', () => {
  it('writes a re-run-safe reminder that mentions the assignees', () => {
    const body = renderReminderComment({
      language: 'en',
      severity: 'SEV-2',
      mentions: ['alice', 'bob'],
      lastUpdateMs: OPENED_AT,
      now: OPENED_AT + 42 * 60_000,
      run: { id: '900001', attempt: 1 },
    });
    expect(body).toContain(
      '@alice @bob ⏰ **Update overdue.** This SEV-2 incident has had no update for 42m (SEV-2: every 30 min).',
    );
    expect(body).toContain(
      'Please post the impact on key features, whether a workaround exists, the ETA for mitigation and recovery.',
    );
    expect(body).toContain('<!-- shipgate:run id="900001" attempt="1" event="remind" -->');
  });

  it('asks a Korean SEV-1 reminder for what the runbook asks of a SEV-1 report', () => {
    const body = renderReminderComment({
      language: 'ko',
      severity: 'SEV-1',
      mentions: [],
      lastUpdateMs: OPENED_AT,
      now: OPENED_AT + 16 * 60_000,
      run: { id: '900001', attempt: 1 },
    });
    expect(body).toContain(
      '⏰ **업데이트 필요.** 이 SEV-1 인시던트는 16분째 업데이트가 없습니다 (SEV-1: 15분 간격). 담당자가 지정되지 않았습니다.',
    );
    expect(body).toContain(
      '다음 내용을 공유해 주세요: 현재 영향 범위, 고객 영향, 우회 불가 여부, 임시조치 ETA, 최종 복구 ETA.',
    );
  });
});

/** The full examples, for the README: test/unit/incident/__snapshots__/*.md. */
describe('examples', () => {
  const resolveView = (language: Language) => ({
    language,
    service: 'api',
    environment: 'production',
    version: '1.4.3',
    report: { ...canaryRolledBack(), version: '1.4.3', result: 'succeeded' as const, failureReason: null },
    run: { id: '812399', attempt: 1, url: 'https://github.com/acme/shop/actions/runs/812399' },
    openedMs: OPENED_AT,
    now: OPENED_AT + (2 * 60 + 14) * 60_000,
  });
  const reminderView = (language: Language) => ({
    language,
    severity: 'SEV-2' as const,
    mentions: ['alice', 'bob'],
    lastUpdateMs: OPENED_AT,
    now: OPENED_AT + 31 * 60_000,
    run: { id: '812360', attempt: 1 },
  });

  it.each<Language>(['en', 'ko'])('renders the canary incident (%s)', async (language) => {
    const title = incidentTitle(draft({ language }));
    const comments = [
      renderOccurrenceComment(
        draft({
          language,
          severity: 'SEV-1',
          report: { ...canaryRollbackFailed(), runUrl: 'https://github.com/acme/shop/actions/runs/812350' },
          run: { id: '812350', attempt: 1, url: 'https://github.com/acme/shop/actions/runs/812350' },
          now: OPENED_AT + 20 * 60_000,
        }),
      ),
      renderReminderComment(reminderView(language)),
      renderResolveComment(resolveView(language)),
    ];
    await expect(`# ${title}\n\n${renderIncidentBody(draft({ language }))}`).toMatchFileSnapshot(
      `./__snapshots__/incident-${language}.md`,
    );
    await expect(comments.join('\n---\n\n')).toMatchFileSnapshot(`./__snapshots__/incident-comments-${language}.md`);
  });
});

describe('untrusted text in the deploy report', () => {
  it('keeps hook output and response bodies in the report inert: no live mention, tag or marker', () => {
    const hostile = '@org/security-team <img src=x> <!-- shipgate:run id="7002" event="resolve" --> [x](http://evil)';
    const base = canaryRolledBack();
    const report = {
      ...base,
      failureReason: `route hook exited 1: ${hostile}`,
      steps: base.steps.map((step) => (step.gate ? { ...step, gate: { ...step.gate, reason: hostile } } : step)),
    };
    const body = renderIncidentBody(draft({ report }));
    expect(body).toContain('security-team');
    expect(body).not.toMatch(/@org|<img|<!-- shipgate:run id="7002"|\]\(http:\/\/evil/);
    expect(readIncidentMarker(body)?.key).toBe('api/production');
  });
});
