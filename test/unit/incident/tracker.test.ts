import { beforeEach, describe, expect, it } from 'vitest';
import type { DeployReport } from '../../../src/core/deploy-report.js';
import { PermissionError } from '../../../src/core/errors.js';
import type { RawInputs } from '../../../src/core/inputs.js';
import type { Logger } from '../../../src/core/logger.js';
import type { RunContext } from '../../../src/core/run-context.js';
import { parseIncidentInputs } from '../../../src/incident/incident-settings.js';
import { incidentOutputs, renderIncidentSummary } from '../../../src/incident/incident-summary.js';
import { incidentMarker, readIncidentMarker } from '../../../src/incident/markers.js';
import type { IncidentPorts } from '../../../src/incident/tracker.js';
import { runIncidentAction } from '../../../src/incident/tracker.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeIssues } from '../../support/fake-issues.js';
import { canaryRollbackFailed, canaryRolledBack, NO_FILES, RUN } from './fixtures.js';

const MIN = 60_000;
const quiet: Logger = { info() {}, warning() {}, error() {}, debug() {}, mask() {} };

let clock: FakeClock;
let issues: FakeIssues;
let ports: IncidentPorts;

beforeEach(() => {
  clock = new FakeClock(Date.parse('2026-11-22T03:02:30Z'));
  issues = new FakeIssues(() => clock.now());
  ports = { issues, clock, logger: quiet };
});

const run = (runId: string, attempt = 1): RunContext => ({
  ...RUN,
  runId,
  runAttempt: String(attempt),
  runUrl: `https://github.com/acme/shop/actions/runs/${runId}`,
});

async function act(raw: RawInputs, context: RunContext = run('812345')) {
  const settings = await parseIncidentInputs(raw, context, NO_FILES);
  return runIncidentAction(ports, settings);
}

const report = (r: DeployReport = canaryRolledBack()): string => JSON.stringify(r);
const open = (extra: RawInputs = {}, context?: RunContext) =>
  act({ action: 'open', 'deploy-report': report(), ...extra }, context);

describe('open', () => {
  it('creates one incident for the first failure, labelled and assigned', async () => {
    const result = await open({ labels: 'api', assignees: 'alice, @bob' });
    expect(result).toMatchObject({
      action: 'open',
      actionTaken: 'created',
      created: true,
      issueNumber: 1,
      severity: 'SEV-2',
    });
    const [issue] = issues.issues;
    expect(issue?.title).toBe('[SEV-2] api/production: deploy 1.4.2 failed, rolled back to 1.4.1');
    expect(issue?.labels).toEqual(['incident', 'sev-2', 'api']);
    expect(issue?.assignees).toEqual(['alice', 'bob']);
    expect([...issues.labels.keys()]).toEqual(['incident', 'sev-2', 'api']);
    expect(readIncidentMarker(issue?.body ?? '')).toMatchObject({
      key: 'api/production',
      service: 'api',
      environment: 'production',
    });
  });

  it('comments on the open incident when the same service and environment fail again', async () => {
    await open();
    await clock.advance(40 * MIN);
    const result = await open({}, run('812399'));
    expect(result).toMatchObject({ actionTaken: 'commented', created: false, issueNumber: 1 });
    expect(issues.issues).toHaveLength(1);
    expect(issues.get(1).comments).toHaveLength(1);
    expect(issues.get(1).comments[0]?.body).toContain('### Failed again: deploy 1.4.2 failed, rolled back to 1.4.1');
    expect(issues.get(1).comments[0]?.body).toContain('<!-- shipgate:run id="812399" attempt="1" event="open" -->');
  });

  it('adds nothing when the run that created the incident is re-run', async () => {
    await open({ assignees: 'alice' });
    const writes = issues.writes.length;
    const result = await open({ assignees: 'alice' }, run('812345', 2));
    expect(result).toMatchObject({ actionTaken: 'none', created: false, issueNumber: 1 });
    expect(issues.writes.length).toBe(writes);
    expect(issues.get(1).comments).toHaveLength(0);
  });

  it('adds nothing when the run that commented is re-run', async () => {
    await open();
    await open({}, run('812399'));
    const result = await open({}, run('812399', 3));
    expect(result.actionTaken).toBe('none');
    expect(issues.get(1).comments).toHaveLength(1);
  });

  it('opens a separate incident for another environment', async () => {
    await open();
    const staging = { ...canaryRolledBack(), environment: 'staging' };
    const result = await open({ 'deploy-report': report(staging) }, run('812400'));
    expect(result).toMatchObject({
      actionTaken: 'created',
      issueNumber: 2,
      severity: 'SEV-3',
      dedupKey: 'api/staging',
    });
  });

  it('raises the incident to SEV-1 when a later rollback fails, and never lowers it', async () => {
    await open();
    await open({ 'deploy-report': report(canaryRollbackFailed()) }, run('812399'));
    expect(issues.get(1).labels).toEqual(['incident', 'sev-1']);
    expect(issues.get(1).title).toBe('[SEV-1] api/production: deploy 1.4.2 failed, rolled back to 1.4.1');
    const later = await open({}, run('812400'));
    expect(later).toMatchObject({ actionTaken: 'commented', severity: 'SEV-1' });
    expect(issues.get(1).labels).toEqual(['incident', 'sev-1']);
    expect(issues.get(1).comments[1]?.body).toContain('> **SEV-1**');
  });

  it('adds new extra labels and assignees to the open incident', async () => {
    await open({ labels: 'api' });
    await open({ labels: 'api, payments', assignees: 'carol' }, run('812399'));
    expect(issues.get(1).labels).toEqual(['incident', 'sev-2', 'api', 'payments']);
    expect(issues.get(1).assignees).toEqual(['carol']);
  });

  it('finds its incident among many open issues, ignoring look-alikes', async () => {
    for (let i = 0; i < 150; i += 1) {
      issues.seed({
        title: `noise ${i}`,
        labels: ['incident'],
        body: i % 2 === 0 ? incidentMarker(`svc-${i}/production`) : 'no marker',
      });
    }
    issues.seed({ title: 'closed one', labels: ['incident'], body: incidentMarker('api/production'), state: 'closed' });
    issues.seed({
      title: 'a pull request',
      labels: ['incident'],
      body: incidentMarker('api/production'),
      pullRequest: true,
    });
    issues.seed({ title: 'unlabelled', labels: [], body: incidentMarker('api/production') });
    const target = issues.seed({
      title: 'ours',
      labels: ['incident', 'sev-2'],
      body: incidentMarker('api/production'),
    });
    const result = await open();
    expect(result).toMatchObject({ actionTaken: 'commented', issueNumber: target.number });
    expect(target.number).toBe(154);
  });

  it('uses the Korean of the open incident for its comments', async () => {
    await open({ language: 'ko' });
    await open({ language: 'en' }, run('812399'));
    expect(issues.get(1).comments[0]?.body).toContain('### 재발: 1.4.2 배포 실패, 1.4.1 버전으로 자동 롤백');
  });
});

describe('resolve', () => {
  const resolve = (context: RunContext = run('812500')) =>
    act(
      {
        action: 'resolve',
        'deploy-report': report({ ...canaryRolledBack(), version: '1.4.3', result: 'succeeded', failureReason: null }),
      },
      context,
    );

  it('comments with the resolving deploy and closes the incident as completed', async () => {
    await open();
    await clock.advance(2 * 60 * MIN);
    const result = await resolve();
    expect(result).toMatchObject({ action: 'resolve', actionTaken: 'closed', created: false, issueNumber: 1 });
    expect(issues.get(1).state).toBe('closed');
    expect(issues.get(1).stateReason).toBe('completed');
    expect(issues.get(1).comments[0]?.body).toContain(
      '`api` `1.4.3` is deployed to `production` and healthy (run [#812500]',
    );
    expect(issues.get(1).comments[0]?.body).toContain('Closing this incident after 2h.');
  });

  it('is none when nothing is open for the key', async () => {
    const result = await resolve();
    expect(result).toMatchObject({ actionTaken: 'none', created: false, dedupKey: 'api/production' });
    expect(issues.writes).toEqual([]);
  });

  it('is none on a re-run after it closed the incident', async () => {
    await open();
    await resolve();
    const result = await resolve(run('812500', 2));
    expect(result.actionTaken).toBe('none');
    expect(issues.get(1).comments).toHaveLength(1);
  });

  it('closes without a second comment when a re-run finds its comment on an incident still open', async () => {
    await open();
    await resolve();
    issues.get(1).state = 'open';
    const result = await resolve(run('812500', 2));
    expect(result.actionTaken).toBe('closed');
    expect(issues.get(1).comments).toHaveLength(1);
    expect(issues.get(1).state).toBe('closed');
  });
});

describe('remind', () => {
  const remind = (extra: RawInputs = {}, context: RunContext = run('900001')) =>
    act({ action: 'remind', ...extra }, context);

  it('reminds an incident quiet for longer than its cadence, mentioning its assignees', async () => {
    await open({ assignees: 'alice, bob' });
    await clock.advance(31 * MIN);
    const result = await remind();
    expect(result).toMatchObject({ action: 'remind', actionTaken: 'reminded', reminded: [1], issueNumber: 1 });
    expect(issues.get(1).comments[0]?.body).toMatch(
      /^@alice @bob ⏰ \*\*Update overdue\.\*\* This SEV-2 incident has had no update for 31m/,
    );
  });

  it('does not remind an incident updated within its cadence', async () => {
    await open();
    await clock.advance(29 * MIN);
    expect((await remind()).actionTaken).toBe('none');
    expect(issues.get(1).comments).toHaveLength(0);
  });

  it('never reminds twice within one cadence, whatever the schedule', async () => {
    await open();
    const reminders: number[] = [];
    for (let minute = 0; minute <= 120; minute += 5) {
      const result = await remind({}, run(`9${minute}`));
      if (result.actionTaken === 'reminded') reminders.push(minute);
      await clock.advance(5 * MIN);
    }
    expect(reminders).toEqual([30, 60, 90, 120]);
  });

  it('counts a person’s comment as an update', async () => {
    await open();
    await clock.advance(25 * MIN);
    await issues.addComment(1, 'Error rate back to normal; watching.');
    await clock.advance(10 * MIN);
    expect((await remind()).actionTaken).toBe('none');
  });

  it('follows a severity raised by hand (label sev-1: every 15 min)', async () => {
    await open();
    issues.get(1).labels = ['incident', 'sev-1'];
    await clock.advance(16 * MIN);
    const result = await remind();
    expect(result.actionTaken).toBe('reminded');
    expect(issues.get(1).comments[0]?.body).toContain(
      'This SEV-1 incident has had no update for 16m (SEV-1: every 15 min).',
    );
  });

  it('covers only the service and environment given', async () => {
    await open();
    await open({ 'deploy-report': report({ ...canaryRolledBack(), environment: 'staging' }) }, run('812400'));
    await clock.advance(2 * 60 * MIN);
    const result = await remind({ environment: 'staging' });
    expect(result.reminded).toEqual([2]);
    expect(issues.get(1).comments).toHaveLength(0);
  });

  it('reminds a Korean incident in Korean', async () => {
    await open({ language: 'ko' });
    await clock.advance(31 * MIN);
    await remind();
    expect(issues.get(1).comments[0]?.body).toContain('이 SEV-2 인시던트는 31분째 업데이트가 없습니다');
  });

  it('says once that the token may not comment', async () => {
    await open();
    await open({ 'deploy-report': report({ ...canaryRolledBack(), service: 'web' }) }, run('812400'));
    await clock.advance(2 * 60 * MIN);
    issues.addComment = async () => {
      throw new PermissionError('issues: write', 'GitHub refused to comment (403)');
    };
    await expect(remind()).rejects.toBeInstanceOf(PermissionError);
  });
});

describe('outputs and summary', () => {
  it('gives the outputs of a created incident', async () => {
    const result = await open();
    expect(incidentOutputs(result)).toEqual({
      'issue-number': '1',
      'issue-url': 'https://github.example/o/r/issues/1',
      created: 'true',
      'action-taken': 'created',
    });
    expect(renderIncidentSummary(result)).toBe(
      [
        '### Incident: open → created',
        '',
        'Opened [#1 \\[SEV-2\\] api/production: deploy 1.4.2 failed, rolled back to 1.4.1](https://github.example/o/r/issues/1) (SEV-2).',
        '',
        '<sub>opened #1 for api/production · key `api/production`</sub>',
        '',
      ].join('\n'),
    );
  });

  it('gives empty outputs when nothing was done', async () => {
    const result = await act({ action: 'resolve', environment: 'production', service: 'api' });
    expect(incidentOutputs(result)).toEqual({
      'issue-number': '',
      'issue-url': '',
      created: 'false',
      'action-taken': 'none',
    });
    expect(renderIncidentSummary(result)).toContain('Nothing to do.');
  });
});
