import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidentMarker, runMarker, scopeMarker } from '../../src/incident/markers.js';
import { type ActionRun, runAction, visibleLog } from '../support/action-runner.js';
import { type GitHubEmulator, type IssueRecord, startGitHubEmulator } from '../support/github-emulator/index.js';
import { canaryRolledBack, canarySucceeded } from './incident-reports.js';

/**
 * The incident bundle under Node 24, run as the runner runs it, against the GitHub emulator: open,
 * a second failure, re-runs, Korean, a template, resolve and remind. plugin-throttling spaces writes a
 * second apart, so each test keeps its writes few.
 */

const TOKEN = 'ghs_incidentE2e7f3a9c21';
let github: GitHubEmulator;
let workspace: string;

beforeEach(async () => {
  github = await startGitHubEmulator({ tokens: { [TOKEN]: { issues: 'write', metadata: 'read' } } });
  workspace = mkdtempSync(join(tmpdir(), 'shipgate-incident-'));
});

afterEach(async () => {
  expect(github.violations()).toEqual([]);
  expect(github.requestViolations()).toEqual([]);
  await github.close();
  rmSync(workspace, { recursive: true, force: true });
});

const REPORT = JSON.stringify(canaryRolledBack());
const ISSUE_URL = 'https://github.com/octo-org/web/issues';

interface Run {
  readonly id?: string;
  readonly attempt?: string;
}

/** One step of the Deploy workflow's incident job, as run `id` (attempt `attempt`) would run it. */
function incident(inputs: Record<string, string>, run: Run = {}): Promise<ActionRun> {
  const id = run.id ?? '7001';
  return runAction({
    action: 'incident',
    apiUrl: github.url,
    token: TOKEN,
    cwd: workspace,
    inputs,
    event: {
      name: 'workflow_dispatch',
      payload: {
        inputs: {
          environment: 'production',
          strategy: 'canary',
          version: '1.4.2',
          service: 'api',
          rollback_on_error: true,
        },
        ref: 'refs/heads/main',
        repository: { full_name: 'octo-org/web', name: 'web', owner: { login: 'octo-org' } },
        sender: { login: 'octocat' },
        workflow: '.github/workflows/deploy.yml',
      },
    },
    env: { GITHUB_RUN_ID: id, GITHUB_RUN_ATTEMPT: run.attempt ?? '1', GITHUB_JOB: 'incident' },
  });
}

function errors(run: ActionRun): string[] {
  return run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
}

/** The requests a run made that change something. */
function writesSince(from: number): string[] {
  return github.requests
    .slice(from)
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.path}`);
}

/** Labels exist from an earlier, closed incident, so a test that is not about labels writes less. */
function seedLabels(): void {
  github.seedIssue({
    title: '[SEV-2] api/production: an earlier incident',
    labels: ['incident', 'sev-2'],
    state: 'closed',
  });
}

const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

/** An open incident as shipgate leaves it: label `incident` and `sev-N`, and its markers in the body. */
function seedIncident(options: {
  service?: string;
  environment?: string;
  severity?: 'SEV-1' | 'SEV-2' | 'SEV-3';
  assignees?: string[];
  createdAt?: string;
  runId?: string;
}): IssueRecord {
  const service = options.service ?? 'api';
  const environment = options.environment ?? 'production';
  const severity = options.severity ?? 'SEV-2';
  return github.seedIssue({
    title: `[${severity}] ${service}/${environment}: deploy 1.4.2 failed, rolled back to 1.4.1`,
    labels: ['incident', severity.toLowerCase()],
    assignees: options.assignees ?? [],
    createdAt: options.createdAt ?? minutesAgo(20),
    body: [
      '## Impact\n\n…',
      incidentMarker(`${service}/${environment}`),
      scopeMarker({ service, environment, severity, language: 'en' }),
      runMarker({ runId: options.runId ?? '6990', runAttempt: 1, event: 'open' }),
    ].join('\n'),
  });
}

describe('incident bundle under Node 24, against the GitHub emulator', () => {
  it('opens one SEV-2 incident for a production canary rolled back at 10%, filled in from the deploy report', async () => {
    const run = await incident({ 'deploy-report': REPORT, labels: 'api', assignees: 'alice, @bob' });

    expect(errors(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.outputs).toEqual({
      'issue-number': '1',
      'issue-url': `${ISSUE_URL}/1`,
      created: 'true',
      'action-taken': 'created',
    });

    expect(github.state.issues).toHaveLength(1);
    const [issue] = github.state.issues;
    expect(issue).toMatchObject({
      title: '[SEV-2] api/production: deploy 1.4.2 failed, rolled back to 1.4.1',
      state: 'open',
      labels: ['incident', 'sev-2', 'api'],
      assignees: ['alice', 'bob'],
    });
    expect(github.state.labels.map((l) => [l.name, l.color])).toEqual([
      ['incident', 'b60205'],
      ['sev-2', 'd93f0b'],
      ['api', 'ededed'],
    ]);

    const body = issue?.body ?? '';
    for (const row of [
      '| **Service** | `api` |',
      '| **Environment** | `production` |',
      '| **Version** | `1.4.2` |',
      '| **Previous version** | `1.4.1` |',
      '| **Strategy** | canary |',
      '| **Result** | failed, rolled back to 1.4.1 |',
      '| **Run** | [#7001](https://github.com/octo-org/web/actions/runs/7001) |',
      '| **Commit** | [`5d41402`](https://github.com/octo-org/web/commit/5d41402abc4b2a76b9719d911017c592ae5c1e0f) |',
      '| **Deployment** | [#1812](https://github.com/octo-org/web/deployments/production) |',
    ]) {
      expect(body).toContain(row);
    }
    const headings = body.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Impact',
      '## Cause',
      '## Mitigation',
      '## Recovery verification',
      '## Follow-up',
      '## Timeline',
    ]);
    // The cause is the failed gate with its measured values; the mitigation is the rollback.
    expect(body).toContain(
      'step `gate 10%` failed: error-rate: 0.1267 > max 0.01 on 3 of 4 measurements (failure-limit 0)',
    );
    expect(body).toContain('| `error-rate` | ❌ failed | <= 0.01 | 0.0021, **0.0833**, **0.1124**, **0.1267** |');
    expect(body).toContain('- Automatic rollback to `1.4.1` completed at 03:02:10 UTC.');
    expect(body).toContain('- ✅ The gate after the rollback passed at 03:02:07 UTC (step `gate blue after rollback`)');
    expect(body).toMatch(/\*\*Next update due by \d\d:\d\d UTC\*\* \(SEV-2: every 30 min\)/);
    expect(body).toContain('<!-- shipgate:incident key="api/production" -->');
    expect(body).toContain('<!-- shipgate:run id="7001" attempt="1" event="open" -->');

    expect(run.summary).toContain('### Incident: open → created');
    expect(run.summary).toContain(
      `Opened [#1 \\[SEV-2\\] api/production: deploy 1.4.2 failed, rolled back to 1.4.1](${ISSUE_URL}/1) (SEV-2).`,
    );
    expect(run.masks).toContain(TOKEN);
    expect(visibleLog(run)).not.toContain(TOKEN);
  });

  it('comments on the open incident when the same key fails again in another run, and adds nothing when that run is re-run', async () => {
    const first = await incident({ 'deploy-report': REPORT }, { id: '7001' });
    expect(first.outputs['action-taken']).toBe('created');

    const second = await incident({ 'deploy-report': JSON.stringify(canaryRolledBack('7002')) }, { id: '7002' });
    expect(errors(second)).toEqual([]);
    expect(second.outputs).toEqual({
      'issue-number': '1',
      'issue-url': `${ISSUE_URL}/1`,
      created: 'false',
      'action-taken': 'commented',
    });
    expect(github.state.issues).toHaveLength(1);
    expect(github.state.comments).toHaveLength(1);
    const comment = github.state.comments[0]?.body ?? '';
    expect(comment.split('\n')[0]).toBe('### Failed again: deploy 1.4.2 failed, rolled back to 1.4.1');
    expect(comment).toContain('| **Run** | [#7002](https://github.com/octo-org/web/actions/runs/7002) |');
    expect(comment).toContain('<!-- shipgate:run id="7002" attempt="1" event="open" -->');
    expect(second.summary).toContain('Added this run to [#1');

    for (const rerun of [
      { id: '7002', attempt: '2' },
      { id: '7001', attempt: '2' },
    ]) {
      const before = github.requests.length;
      const again = await incident({ 'deploy-report': JSON.stringify(canaryRolledBack(rerun.id)) }, rerun);
      expect(again.exitCode).toBe(0);
      expect(again.outputs).toEqual({
        'issue-number': '1',
        'issue-url': `${ISSUE_URL}/1`,
        created: 'false',
        'action-taken': 'none',
      });
      expect(writesSince(before)).toEqual([]);
    }
    expect(github.state.issues).toHaveLength(1);
    expect(github.state.comments).toHaveLength(1);
  });

  it('writes the incident in Korean with language: ko', async () => {
    seedLabels();
    const run = await incident({ 'deploy-report': REPORT, language: 'ko' });
    expect(run.exitCode).toBe(0);
    const issue = github.state.issues.find((i) => i.state === 'open');
    expect(issue?.title).toBe('[SEV-2] api/production: 1.4.2 배포 실패, 1.4.1 버전으로 자동 롤백');
    const headings = (issue?.body ?? '').split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(['## 영향', '## 원인', '## 임시조치', '## 복구검증', '## 후속조치', '## 타임라인']);
    expect(issue?.body).toContain('| **서비스** | `api` |');
    expect(issue?.body).toContain('- `1.4.1` 버전으로 자동 롤백 완료 (12:02:10 KST)');
    expect(issue?.body).toContain(
      '<!-- shipgate:scope service="api" environment="production" severity="SEV-2" language="ko" -->',
    );
  });

  it('fills a template from the workspace, taking the sections given as inputs over the generated ones', async () => {
    seedLabels();
    mkdirSync(join(workspace, '.github'));
    writeFileSync(
      join(workspace, '.github', 'incident.md'),
      '# {{ title }}\n\nOn call: @octo-org/payments-oncall\n\n{{summaryTable}}\n\n## What users saw\n\n{{impact}}\n\n## Why\n\n{{cause}}\n\n## Steps\n\n{{timeline}}\n',
    );
    const run = await incident({
      'deploy-report': REPORT,
      template: '.github/incident.md',
      impact: 'Checkout returned 500 for about 1 in 10 requests for a minute.',
    });
    expect(errors(run)).toEqual([]);
    const body = github.state.issues.find((i) => i.state === 'open')?.body ?? '';
    expect(
      body.startsWith(
        '# [SEV-2] api/production: deploy 1.4.2 failed, rolled back to 1.4.1\n\nOn call: @octo-org/payments-oncall\n',
      ),
    ).toBe(true);
    expect(body).toContain('## What users saw\n\nCheckout returned 500 for about 1 in 10 requests for a minute.\n');
    expect(body).toContain('| `error-rate` | ❌ failed | <= 0.01 |');
    expect(body).toContain('| **Service** | `api` |');
    expect(body).not.toContain('{{');
    expect(body).toContain('<!-- shipgate:incident key="api/production" -->');
  });

  it('resolves the open incident after a good deploy: a comment with the deploy, then closed as completed', async () => {
    seedIncident({ createdAt: minutesAgo(125) });
    const run = await incident(
      { action: 'resolve', 'deploy-report': JSON.stringify(canarySucceeded()) },
      { id: '7301' },
    );
    expect(errors(run)).toEqual([]);
    expect(run.outputs).toEqual({
      'issue-number': '1',
      'issue-url': `${ISSUE_URL}/1`,
      created: 'false',
      'action-taken': 'closed',
    });
    expect(github.state.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(github.state.comments).toHaveLength(1);
    const comment = github.state.comments[0]?.body ?? '';
    expect(comment.split('\n')[0]).toBe('### ✅ Resolved');
    expect(comment).toMatch(
      /`api` `1\.4\.3` is deployed to `production` and healthy \(run \[#7301\]\(https:\/\/github\.com\/octo-org\/web\/actions\/runs\/7301\)\)\. Closing this incident after 2h 5m\./,
    );
    expect(run.summary).toContain('Resolved and closed [#1');
  });

  it('does nothing on resolve when no incident of the key is open', async () => {
    seedIncident({ environment: 'staging' });
    const run = await incident({ action: 'resolve', 'deploy-report': JSON.stringify(canarySucceeded()) });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ 'issue-number': '', 'issue-url': '', created: 'false', 'action-taken': 'none' });
    expect(writesSince(0)).toEqual([]);
    expect(github.state.issues[0]?.state).toBe('open');
    expect(run.summary).toContain('no open incident for api/production');
  });

  it('reminds an incident whose update is overdue, mentioning its assignees, and leaves one that is not due', async () => {
    const overdue = seedIncident({ severity: 'SEV-2', assignees: ['alice', 'bob'], createdAt: minutesAgo(50) });
    github.seedComment(overdue.number, 'Investigating the error rate of 1.4.2.', minutesAgo(35), 'alice');
    seedIncident({ service: 'web', severity: 'SEV-3', createdAt: minutesAgo(45) });

    const run = await incident({ action: 'remind' }, { id: '7401' });
    expect(errors(run)).toEqual([]);
    expect(run.outputs).toEqual({
      'issue-number': '1',
      'issue-url': `${ISSUE_URL}/1`,
      created: 'false',
      'action-taken': 'reminded',
    });
    const reminders = github.state.comments.filter((c) => c.body.includes('event="remind"'));
    expect(reminders.map((c) => c.issue_number)).toEqual([1]);
    expect(reminders[0]?.body.split('\n')[0]).toMatch(
      /^@alice @bob ⏰ \*\*Update overdue\.\*\* This SEV-2 incident has had no update for 35m( \d{1,2}s)? \(SEV-2: every 30 min\)\.$/,
    );
  });

  it('reminds once per cadence however often the schedule runs', async () => {
    seedIncident({ severity: 'SEV-1', assignees: ['alice'], createdAt: minutesAgo(16) });
    const first = await incident({ action: 'remind' }, { id: '7501' });
    expect(first.outputs['action-taken']).toBe('reminded');
    const before = github.requests.length;
    const second = await incident({ action: 'remind' }, { id: '7502' });
    expect(second.exitCode).toBe(0);
    expect(second.outputs).toEqual({ 'issue-number': '', 'issue-url': '', created: 'false', 'action-taken': 'none' });
    expect(writesSince(before)).toEqual([]);
    expect(github.state.comments).toHaveLength(1);
  });

  it('reminds only the incidents of the given service', async () => {
    seedIncident({ service: 'api', createdAt: minutesAgo(40) });
    seedIncident({ service: 'web', createdAt: minutesAgo(40) });
    const run = await incident({ action: 'remind', service: 'web' });
    expect(run.outputs).toMatchObject({ 'issue-number': '2', 'action-taken': 'reminded' });
    expect(github.state.comments.map((c) => c.issue_number)).toEqual([2]);
  });
});
