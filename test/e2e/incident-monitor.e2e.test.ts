import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ActionRun, runAction, visibleLog } from '../support/action-runner.js';
import { type GitHubEmulator, startGitHubEmulator } from '../support/github-emulator/index.js';
import { closedPort, json, startServer, type TestServer } from '../support/http-servers.js';
import { type NotificationReceivers, startNotificationReceivers } from '../support/notification-receivers.js';

/**
 * monitor.yml's two steps, run as the runner runs them: the healthcheck bundle probes a real local
 * service, and its `report` output goes to the incident bundle, against the GitHub emulator and local
 * Slack and PagerDuty receivers that check every payload's documented shape and count deliveries.
 * plugin-throttling spaces GitHub writes a second apart, so these tests take a few seconds each.
 */

const TOKEN = 'ghs_monitorE2e4b1d7a90';
const ROUTING_KEY = 'R0UT1NGK3Y0F32CHARACTERSxyz12345';
let github: GitHubEmulator;
let receivers: NotificationReceivers;
let service: TestServer;
let workspace: string;

beforeEach(async () => {
  github = await startGitHubEmulator({ tokens: { [TOKEN]: { issues: 'write', metadata: 'read' } } });
  receivers = await startNotificationReceivers();
  service = await startServer(json(503, { status: 'DOWN', db: '<!-- shipgate:run id="9999" event="open" --> @here' }));
  workspace = mkdtempSync(join(tmpdir(), 'shipgate-monitor-'));
});

afterEach(async () => {
  expect(github.violations()).toEqual([]);
  expect(github.requestViolations()).toEqual([]);
  expect(receivers.violations()).toEqual([]);
  await Promise.all([github.close(), receivers.close(), service.close()]);
  rmSync(workspace, { recursive: true, force: true });
});

interface Run {
  readonly id: string;
  readonly attempt?: string;
}

const env = (run: Run) => ({
  GITHUB_RUN_ID: run.id,
  GITHUB_RUN_ATTEMPT: run.attempt ?? '1',
  GITHUB_WORKFLOW: 'Monitor',
});
const schedule = { name: 'schedule', payload: { schedule: '*/5 * * * *' } };

/** The monitor's healthcheck step; returns its `report` output. */
async function probe(run: Run): Promise<string> {
  const result = await runAction({
    action: 'healthcheck',
    cwd: workspace,
    event: schedule,
    inputs: { urls: `${service.url}/health`, deadline: '600ms', interval: '150ms', timeout: '500ms' },
    env: { ...env(run), GITHUB_JOB: 'check' },
  });
  expect(result.outputs.report).toBeDefined();
  return result.outputs.report ?? '';
}

/** The monitor's incident step, with Slack and PagerDuty configured. */
function incident(inputs: Record<string, string>, run: Run, overrides: { token?: string } = {}): Promise<ActionRun> {
  return runAction({
    action: 'incident',
    apiUrl: github.url,
    token: overrides.token ?? TOKEN,
    cwd: workspace,
    event: schedule,
    inputs: {
      service: 'api',
      environment: 'production',
      'slack-webhook-url': receivers.slackUrl,
      'pagerduty-routing-key': ROUTING_KEY,
      'pagerduty-url': receivers.pagerDutyUrl,
      ...inputs,
    },
    env: { ...env(run), GITHUB_JOB: 'incident' },
  });
}

const errors = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
const warnings = (run: ActionRun) => run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);

describe('monitor: healthcheck report → incident, Slack and PagerDuty', () => {
  it('opens one incident for a monitor failing twice, comments once, pages once, tells Slack twice, and resolves it when it passes', async () => {
    const failing = await probe({ id: '8001' });
    const opened = await incident({ action: 'open', 'healthcheck-report': failing }, { id: '8001' });
    expect(errors(opened)).toEqual([]);
    expect(warnings(opened)).toEqual([]);
    expect(opened.outputs).toMatchObject({ 'action-taken': 'created', created: 'true', 'issue-number': '1' });

    const [issue] = github.state.issues;
    expect(issue?.title).toBe(`[SEV-1] api/production: health check failed: ${service.url}/health`);
    expect(issue?.labels).toEqual(['incident', 'sev-1']);
    const body = issue?.body ?? '';
    expect(body).toMatch(/- 1 of 1 checks fail in `production` since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(body).toContain(`| \`${service.url}/health\` | ❌ unhealthy | 503 |`);
    // The response body is quoted inert: no live marker, no mention outside a code span.
    expect(body).not.toContain('<!-- shipgate:run id="9999"');
    expect(body.replace(/`[^`\n]*`/g, '')).not.toContain('@here');
    expect(body).toContain('<!-- shipgate:notified run="8001" event="opened" channels="pagerduty slack" -->');

    expect(receivers.pagerDuty).toHaveLength(1);
    expect(receivers.pagerDuty[0]).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'api/production',
      payload: { severity: 'critical', source: 'api/production', summary: issue?.title },
      links: [
        { href: 'https://github.com/octo-org/web/issues/1', text: 'GitHub incident #1' },
        { href: 'https://github.com/octo-org/web/actions/runs/8001', text: 'Workflow run #8001' },
      ],
    });
    expect(receivers.slack).toHaveLength(1);
    expect(JSON.stringify(receivers.slack[0]?.payload)).toContain('🚨 Incident opened: api/production');

    const again = await incident({ action: 'open', 'healthcheck-report': await probe({ id: '8002' }) }, { id: '8002' });
    expect(again.outputs).toMatchObject({ 'action-taken': 'commented', 'issue-number': '1' });
    expect(github.state.comments).toHaveLength(1);
    expect(github.state.comments[0]?.body.split('\n')[0]).toBe(`### Still failing: \`${service.url}/health\``);
    expect(receivers.pagerDuty).toHaveLength(1);
    expect(receivers.slack).toHaveLength(2);
    expect(JSON.stringify(receivers.slack[1]?.payload)).toContain('🔁 Still failing: api/production');

    // A re-run of the same run adds nothing and notifies nobody again.
    const before = github.requests.length;
    const rerun = await incident({ action: 'open', 'healthcheck-report': failing }, { id: '8002', attempt: '2' });
    expect(rerun.outputs['action-taken']).toBe('none');
    expect(github.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
    expect([receivers.slack.length, receivers.pagerDuty.length]).toEqual([2, 1]);

    service.respond(json(200, { status: 'UP' }));
    const passing = await probe({ id: '8003' });
    const resolved = await incident({ action: 'resolve', 'healthcheck-report': passing }, { id: '8003' });
    expect(errors(resolved)).toEqual([]);
    expect(resolved.outputs).toMatchObject({ 'action-taken': 'closed', 'issue-number': '1' });
    expect(github.state.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(github.state.comments.at(-1)?.body).toContain('All 1 check pass again');
    expect(receivers.pagerDuty.map((e) => [e.event_action, e.dedup_key])).toEqual([
      ['trigger', 'api/production'],
      ['resolve', 'api/production'],
    ]);
    expect(receivers.slack).toHaveLength(3);
    expect(JSON.stringify(receivers.slack[2]?.payload)).toContain('✅ Resolved: api/production');

    for (const run of [opened, again, rerun, resolved]) {
      expect(run.masks).toEqual(expect.arrayContaining([receivers.slackUrl, ROUTING_KEY]));
      expect(visibleLog(run)).not.toContain(ROUTING_KEY);
      expect(visibleLog(run)).not.toContain(receivers.slackUrl);
    }
  }, 90_000);

  it('warns when Slack is down, still opens the incident and pages, and a re-run sends only what failed', async () => {
    const down = `http://127.0.0.1:${await closedPort()}/services/T0/B0/secret`;
    const report = await probe({ id: '8101' });
    const run = await incident({ 'healthcheck-report': report, 'slack-webhook-url': down }, { id: '8101' });
    expect(run.exitCode).toBe(0);
    expect(errors(run)).toEqual([]);
    expect(run.outputs).toMatchObject({ 'action-taken': 'created', 'issue-number': '1' });
    expect(warnings(run)).toEqual([
      expect.stringMatching(
        /^incident: could not notify Slack that #1 was opened: connection refused from 127\.0\.0\.1:\d+; the incident itself is written, and a re-run of this run tries again$/,
      ),
    ]);
    expect(visibleLog(run)).not.toContain('/services/T0/B0/secret');
    expect(receivers.pagerDuty).toHaveLength(1);
    expect(github.state.issues[0]?.body).toContain('event="opened" channels="pagerduty" -->');

    const rerun = await incident({ 'healthcheck-report': report }, { id: '8101', attempt: '2' });
    expect(rerun.outputs['action-taken']).toBe('none');
    expect(warnings(rerun)).toEqual([]);
    expect([receivers.slack.length, receivers.pagerDuty.length]).toEqual([1, 1]);
  }, 60_000);
});

describe('monitor: the config incident block', () => {
  function writeConfig(): void {
    mkdirSync(join(workspace, '.github'));
    writeFileSync(
      join(workspace, '.github', 'shipgate.yml'),
      [
        'version: 1',
        'services:',
        '  api:',
        '    environments:',
        '      production:',
        '        target: { kind: command, deploy: ./deploy.sh }',
        '        incident: { labels: [api, oncall], assignees: [alice], language: ko, severity: SEV-2 }',
        '',
      ].join('\n'),
    );
  }

  it('takes labels, assignees, language and severity from the config when the inputs are not set', async () => {
    writeConfig();
    const run = await incident({ 'healthcheck-report': await probe({ id: '8201' }) }, { id: '8201' });
    expect(errors(run)).toEqual([]);
    const [issue] = github.state.issues;
    expect(issue).toMatchObject({ labels: ['incident', 'sev-2', 'api', 'oncall'], assignees: ['alice'] });
    expect(issue?.title).toBe(`[SEV-2] api/production: 헬스체크 실패: ${service.url}/health`);
    expect(issue?.body).toContain('## 영향');
    expect(receivers.pagerDuty[0]?.payload?.severity).toBe('error');
    expect(JSON.stringify(receivers.slack[0]?.payload)).toContain('🚨 인시던트 발생: api/production');
  }, 60_000);

  it('lets inputs that are set win over the config', async () => {
    writeConfig();
    const run = await incident(
      { 'healthcheck-report': await probe({ id: '8301' }), labels: 'web', language: 'en', severity: 'SEV-3' },
      { id: '8301' },
    );
    expect(errors(run)).toEqual([]);
    const [issue] = github.state.issues;
    expect(issue).toMatchObject({ labels: ['incident', 'sev-3', 'web'], assignees: ['alice'] });
    expect(issue?.title).toBe(`[SEV-3] api/production: health check failed: ${service.url}/health`);
    expect(receivers.pagerDuty[0]?.payload?.severity).toBe('warning');
  }, 60_000);
});

describe('monitor: GitHub refuses the token', () => {
  it('names a revoked or invalid token in one line, and notifies nobody', async () => {
    const run = await incident(
      { 'healthcheck-report': await probe({ id: '8401' }) },
      { id: '8401' },
      {
        token: 'ghs_revoked000000000000',
      },
    );
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([
      "GitHub refused to list the open issues labelled 'incident' in octo-org/web: the token is invalid or revoked (401: Bad credentials); check the github-token input",
    ]);
    expect(run.stdout).not.toContain('unexpected error');
    expect([receivers.slack.length, receivers.pagerDuty.length]).toEqual([0, 0]);
  }, 30_000);
});
