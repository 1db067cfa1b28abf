import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PermissionError } from '../../src/core/errors.js';
import type { Logger } from '../../src/core/logger.js';
import { gitHubIssues } from '../../src/github/github-issues.js';
import type { Octokit } from '../../src/github/octokit.js';
import { parseIncidentInputs } from '../../src/incident/incident-settings.js';
import { incidentMarker } from '../../src/incident/markers.js';
import { runIncidentAction } from '../../src/incident/tracker.js';
import { FakeClock } from '../support/fake-clock.js';
import type { EmulatorOptions, GitHubEmulator } from '../support/github-emulator/index.js';
import { startGitHubEmulator } from '../support/github-emulator/index.js';
import { canaryRolledBack, NO_FILES, RUN } from '../unit/incident/fixtures.js';

/**
 * The Octokit port against the GitHub emulator, whose every response is checked against GitHub's
 * OpenAPI description. Throttling is off: its spacing of writes is client policy, not what is tested.
 */
async function start(options?: EmulatorOptions): Promise<GitHubEmulator> {
  const emulator = await startGitHubEmulator(options);
  onTestFinished(() => emulator.close());
  return emulator;
}

function port(emulator: GitHubEmulator, token = 'test-token') {
  const octokit = getOctokit(
    token,
    { baseUrl: emulator.url, retry: { retries: 0 }, throttle: { enabled: false } },
    retry,
    throttling,
  );
  return gitHubIssues(octokit as unknown as Octokit, emulator.owner, emulator.repo);
}

const quiet: Logger = { info() {}, warning() {}, error() {}, debug() {}, mask() {} };

describe('GitHub issues port', () => {
  it('lists every open labelled issue across pages, without pull requests or closed issues', async () => {
    const emulator = await start();
    for (let i = 0; i < 230; i += 1)
      emulator.seedIssue({ title: `incident ${i}`, labels: ['incident'], body: incidentMarker(`svc-${i}/prod`) });
    emulator.seedIssue({ title: 'closed', labels: ['incident'], state: 'closed' });
    emulator.seedIssue({ title: 'other label', labels: ['bug'] });
    emulator.seedPull({ number: 500, headSha: 'a'.repeat(40), title: 'a pull request' });
    emulator.state.issues.find((issue) => issue.number === 500)?.labels.push('incident');
    const issues = await port(emulator).listOpenIssues('incident');
    expect(issues).toHaveLength(230);
    expect(new Set(issues.map((i) => i.title)).has('a pull request')).toBe(false);
    expect(emulator.requests.filter((r) => r.path.endsWith('/issues') && r.method === 'GET')).toHaveLength(3);
    expect(issues[0]).toMatchObject({
      labels: ['incident'],
      assignees: [],
      body: expect.stringContaining('shipgate:incident'),
    });
    expect(emulator.violations()).toEqual([]);
  });

  it('lists every comment of an issue across pages, oldest first', async () => {
    const emulator = await start();
    const issue = emulator.seedIssue({ title: 'incident', labels: ['incident'] });
    for (let i = 0; i < 130; i += 1)
      emulator.seedComment(issue.number, `update ${i}`, new Date(Date.UTC(2026, 10, 22, 3, i)).toISOString());
    const comments = await port(emulator).listComments(issue.number);
    expect(comments.map((c) => c.body)).toEqual(Array.from({ length: 130 }, (_, i) => `update ${i}`));
    expect(emulator.violations()).toEqual([]);
  });

  it('creates, labels, assigns, comments on and closes an issue as completed', async () => {
    const emulator = await start();
    const issues = port(emulator);
    await issues.ensureLabels([
      { name: 'incident', color: 'b60205', description: 'An incident opened by shipgate' },
      { name: 'sev-2', color: 'd93f0b', description: 'SEV-2' },
    ]);
    await issues.ensureLabels([{ name: 'Incident', color: '000000', description: '' }]);
    expect(emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/labels'))).toHaveLength(2);
    expect(emulator.state.labels.map((l) => [l.name, l.color])).toEqual([
      ['incident', 'b60205'],
      ['sev-2', 'd93f0b'],
    ]);
    const created = await issues.createIssue({
      title: '[SEV-2] api/production',
      body: 'body',
      labels: ['incident', 'sev-2'],
    });
    expect(created).toMatchObject({ number: 1, title: '[SEV-2] api/production', labels: ['incident', 'sev-2'] });
    expect(created.url).toMatch(/\/issues\/1$/);
    await issues.addAssignees(1, ['alice']);
    await issues.updateIssue(1, { title: '[SEV-1] api/production', labels: ['incident', 'sev-1'] });
    const comment = await issues.addComment(1, 'resolved');
    expect(comment.body).toBe('resolved');
    await issues.closeIssue(1);
    expect(emulator.state.issues[0]).toMatchObject({
      state: 'closed',
      state_reason: 'completed',
      assignees: ['alice'],
      title: '[SEV-1] api/production',
    });
    expect(emulator.violations()).toEqual([]);
    expect(emulator.requestViolations()).toEqual([]);
  });

  it('names the permission when the token may only read issues', async () => {
    const emulator = await start({ tokens: { 'read-only': { issues: 'read', metadata: 'read' } } });
    const error = await port(emulator, 'read-only')
      .createIssue({ title: 't', body: 'b', labels: [] })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).permission).toBe('issues: write');
    expect((error as Error).message).toMatch(
      /^GitHub refused to create an issue in octo-org\/web \(403: .*\); the workflow's token needs 'permissions: issues: write'$/,
    );
  });

  it('runs open, a second failure, and resolve against the emulator', async () => {
    const emulator = await start();
    const clock = new FakeClock(Date.parse('2026-11-22T03:02:30Z'));
    emulator.setNow(() => new Date(clock.now()).toISOString());
    const ports = { issues: port(emulator), clock, logger: quiet };
    const act = async (raw: Record<string, string>, runId: string) =>
      runIncidentAction(ports, await parseIncidentInputs(raw, { ...RUN, runId }, NO_FILES));
    const report = JSON.stringify(canaryRolledBack());

    expect((await act({ 'deploy-report': report, assignees: 'alice' }, '1')).actionTaken).toBe('created');
    await clock.advance(10 * 60_000);
    expect((await act({ 'deploy-report': report }, '2')).actionTaken).toBe('commented');
    expect((await act({ 'deploy-report': report }, '2')).actionTaken).toBe('none');
    await clock.advance(60 * 60_000);
    expect((await act({ action: 'remind' }, '3')).actionTaken).toBe('reminded');
    expect((await act({ action: 'resolve', 'deploy-report': report }, '4')).actionTaken).toBe('closed');
    expect((await act({ action: 'resolve', 'deploy-report': report }, '4')).actionTaken).toBe('none');

    const [issue] = emulator.state.issues;
    expect(issue).toMatchObject({
      state: 'closed',
      state_reason: 'completed',
      labels: ['incident', 'sev-2'],
      assignees: ['alice'],
    });
    expect(emulator.state.comments.map((c) => c.body.split('\n')[0])).toEqual([
      '### Failed again: deploy 1.4.2 failed, rolled back to 1.4.1',
      '@alice ⏰ **Update overdue.** This SEV-2 incident has had no update for 1h (SEV-2: every 30 min).',
      '### ✅ Resolved',
    ]);
    expect(emulator.violations()).toEqual([]);
    expect(emulator.requestViolations()).toEqual([]);
  });
});
