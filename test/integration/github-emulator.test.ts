import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { EmulatorOptions, GitHubEmulator } from '../support/github-emulator/index.js';
import { startGitHubEmulator } from '../support/github-emulator/index.js';
import { loadGitHubOpenApi } from '../support/github-emulator/openapi.js';

const SHA = 'a'.repeat(40);
const OTHER_SHA = 'b'.repeat(40);

async function start(options?: EmulatorOptions): Promise<GitHubEmulator> {
  const emulator = await startGitHubEmulator(options);
  onTestFinished(() => emulator.close());
  return emulator;
}

interface LimitEvent {
  readonly kind: 'rate-limit' | 'secondary';
  readonly retryAfter: number;
}

interface ClientOptions {
  readonly token?: string;
  /**
   * plugin-throttling also spaces writes 1 s apart (3 s for issues and comments) in one shared,
   * process-wide queue. That is client behaviour, not the emulator's, so most tests turn throttling
   * off and the rate-limit tests turn it on.
   */
  readonly throttle?: boolean;
  /** Milliseconds per second of back-off plugin-throttling waits; the default is GitHub's 1000. */
  readonly throttleMsPerSecond?: number;
  readonly limits?: LimitEvent[];
  /** plugin-retry's statuses it leaves alone; its default retries a 429 itself before plugin-throttling sees it. */
  readonly doNotRetry?: number[];
}

function client(emulator: GitHubEmulator, options: ClientOptions = {}) {
  const limits = options.limits ?? [];
  return getOctokit(
    options.token ?? 'test-token',
    {
      baseUrl: emulator.url,
      // plugin-retry waits (retry + 1)² × base ms; 0 keeps a 502-then-200 test free of real sleeps.
      retry: {
        retryAfterBaseValue: 0,
        ...(options.doNotRetry !== undefined ? { doNotRetry: options.doNotRetry } : {}),
      },
      throttle:
        options.throttle === true
          ? {
              retryAfterBaseValue: options.throttleMsPerSecond ?? 1000,
              onRateLimit: (retryAfter: number, _o: unknown, _k: unknown, retryCount: number) => {
                limits.push({ kind: 'rate-limit', retryAfter });
                return retryCount < 2;
              },
              onSecondaryRateLimit: (retryAfter: number, _o: unknown, _k: unknown, retryCount: number) => {
                limits.push({ kind: 'secondary', retryAfter });
                return retryCount < 2;
              },
            }
          : { enabled: false },
    },
    retry,
    throttling,
  );
}

/** The rejection of a promise, for asserting on GitHub's error status and body. */
async function failure(
  promise: Promise<unknown>,
): Promise<{ status: number; message: string; data: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as {
      status: number;
      message: string;
      response?: { data: Record<string, unknown>; headers: Record<string, string> };
    };
    return { status: e.status, message: e.message, data: e.response?.data ?? {}, headers: e.response?.headers ?? {} };
  }
  throw new Error('expected the request to fail');
}

/** create-deployment answers 201 with the deployment or 202 with a merge message; these tests expect the first. */
function created<T extends object>(data: T | { message?: string }): T {
  if (!('id' in data)) throw new Error(`expected a deployment, got ${JSON.stringify(data)}`);
  return data as T;
}

function minutesFrom(start: string): () => string {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t).toISOString();
    t += 60_000;
    return now;
  };
}

describe('GitHub emulator: issues', () => {
  it('creates issues with new labels, filters and sorts the list like GitHub, and closes one', async () => {
    const emulator = await start();
    emulator.setNow(minutesFrom('2026-11-22T03:00:00Z'));
    const octokit = client(emulator);
    const repo = { owner: emulator.owner, repo: emulator.repo };

    const first = await octokit.rest.issues.create({
      ...repo,
      title: 'api down in production',
      body: 'first',
      labels: ['incident', 'sev-1'],
    });
    const second = await octokit.rest.issues.create({
      ...repo,
      title: 'web slow in staging',
      labels: ['incident'],
      assignees: ['alice'],
    });
    await octokit.rest.issues.create({ ...repo, title: 'unrelated' });

    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({
      number: 1,
      state: 'open',
      title: 'api down in production',
      body: 'first',
      comments: 0,
    });
    expect(first.data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['incident', 'sev-1']);
    expect(first.data.user?.login).toBe('github-actions[bot]');
    expect(second.data.assignees?.map((a) => a.login)).toEqual(['alice']);
    expect(emulator.state.labels.map((l) => l.name)).toEqual(['incident', 'sev-1']);

    const titles = async (params: Record<string, string | number>) =>
      (await octokit.rest.issues.listForRepo({ ...repo, ...params })).data.map((i) => i.title);
    expect(await titles({})).toEqual(['unrelated', 'web slow in staging', 'api down in production']);
    expect(await titles({ direction: 'asc' })).toEqual(['api down in production', 'web slow in staging', 'unrelated']);
    expect(await titles({ labels: 'incident,SEV-1' })).toEqual(['api down in production']);
    expect(await titles({ labels: 'incident' })).toEqual(['web slow in staging', 'api down in production']);
    expect(await titles({ assignee: 'alice' })).toEqual(['web slow in staging']);
    expect(await titles({ assignee: 'none' })).toEqual(['unrelated', 'api down in production']);

    const closed = await octokit.rest.issues.update({
      ...repo,
      issue_number: 1,
      state: 'closed',
      state_reason: 'completed',
      body: 'resolved',
    });
    expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'completed', body: 'resolved' });
    expect(closed.data.closed_at).toBe(closed.data.updated_at);
    expect(closed.data.closed_by?.login).toBe('github-actions[bot]');
    expect(await titles({})).toEqual(['unrelated', 'web slow in staging']);
    expect(await titles({ state: 'closed' })).toEqual(['api down in production']);
    expect(await titles({ state: 'all', sort: 'updated' })).toEqual([
      'api down in production',
      'unrelated',
      'web slow in staging',
    ]);
    expect(await titles({ state: 'all', since: closed.data.updated_at })).toEqual(['api down in production']);

    const reopened = await octokit.rest.issues.update({
      ...repo,
      issue_number: 1,
      state: 'open',
      labels: ['sev-2'],
      assignees: ['bob'],
    });
    expect(reopened.data).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
    expect(reopened.data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['sev-2']);
    expect(reopened.data.assignee?.login).toBe('bob');

    const fetched = await octokit.rest.issues.get({ ...repo, issue_number: 2 });
    expect(fetched.data.title).toBe('web slow in staging');
    expect((await failure(octokit.rest.issues.get({ ...repo, issue_number: 99 }))).status).toBe(404);
    expect(emulator.violations()).toEqual([]);
  });

  it('paginates 250 issues in pages of at most 100 with Link headers that point back at the emulator', async () => {
    const emulator = await start();
    for (let i = 1; i <= 250; i += 1) {
      emulator.seedIssue({ title: `issue ${i}`, createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() });
    }
    const octokit = client(emulator);
    const repo = { owner: emulator.owner, repo: emulator.repo };

    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, per_page: 100 });
    expect(all).toHaveLength(250);
    expect(new Set(all.map((i) => i.number)).size).toBe(250);
    expect(all[0]?.title).toBe('issue 250');

    const middle = await octokit.rest.issues.listForRepo({ ...repo, per_page: 100, page: 2, labels: '' });
    const link = (rel: string) => new RegExp(`<([^>]+)>; rel="${rel}"`).exec(middle.headers.link ?? '')?.[1];
    expect(middle.data).toHaveLength(100);
    expect(link('prev')).toBe(`${emulator.url}/repos/octo-org/web/issues?per_page=100&page=1&labels=`);
    expect(link('next')).toBe(`${emulator.url}/repos/octo-org/web/issues?per_page=100&page=3&labels=`);
    expect(link('last')).toBe(`${emulator.url}/repos/octo-org/web/issues?per_page=100&page=3&labels=`);
    expect(link('first')).toBe(`${emulator.url}/repos/octo-org/web/issues?per_page=100&page=1&labels=`);

    const defaults = await octokit.rest.issues.listForRepo(repo);
    expect(defaults.data).toHaveLength(30);
    const capped = await octokit.rest.issues.listForRepo({ ...repo, per_page: 500 });
    expect(capped.data).toHaveLength(100);
    const single = await octokit.rest.issues.listForRepo({ ...repo, labels: 'none-such' });
    expect(single.headers.link).toBeUndefined();
    expect(emulator.violations()).toEqual([]);
  });

  it('lists seeded pull requests among issues, serves them from the pulls endpoint, and shares their numbers', async () => {
    const emulator = await start();
    const octokit = client(emulator);
    const repo = { owner: emulator.owner, repo: emulator.repo };
    emulator.seedPull({ number: 7, headSha: SHA, headRef: 'feature/login', title: 'Add login' });

    const issues = await octokit.rest.issues.listForRepo(repo);
    expect(issues.data).toHaveLength(1);
    expect(issues.data[0]).toMatchObject({ number: 7, title: 'Add login' });
    expect(issues.data[0]?.pull_request?.url).toBe(`${emulator.url}/repos/octo-org/web/pulls/7`);

    const pull = await octokit.rest.pulls.get({ ...repo, pull_number: 7 });
    expect(pull.data).toMatchObject({ number: 7, title: 'Add login', state: 'open' });
    expect(pull.data.head).toMatchObject({ sha: SHA, ref: 'feature/login' });
    expect(pull.data.base.ref).toBe('main');

    const next = await octokit.rest.issues.create({ ...repo, title: 'after the pull request' });
    expect(next.data.number).toBe(8);
    expect(next.data.pull_request).toBeUndefined();
    expect((await failure(octokit.rest.pulls.get({ ...repo, pull_number: 8 }))).status).toBe(404);

    await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'preview is healthy' });
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: 7 })).data.comments).toBe(1);
    expect(emulator.violations()).toEqual([]);
  });
});

describe('GitHub emulator: comments', () => {
  it('creates, lists, edits and deletes comments, keeping the issue comment count and updated_at', async () => {
    const emulator = await start();
    emulator.setNow('2026-11-22T03:00:00Z');
    const issue = emulator.seedIssue({ title: 'incident', createdAt: '2026-11-22T01:00:00Z' });
    emulator.seedComment(issue.number, 'older', '2026-11-22T02:00:00Z', 'alice');
    const octokit = client(emulator);
    const repo = { owner: emulator.owner, repo: emulator.repo };

    const created = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: issue.number,
      body: '<!-- shipgate -->\nstill failing',
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      body: '<!-- shipgate -->\nstill failing',
      created_at: '2026-11-22T03:00:00Z',
    });
    expect(created.data.issue_url).toBe(`${emulator.url}/repos/octo-org/web/issues/1`);
    expect(emulator.state.issues[0]).toMatchObject({ comments: 2, updated_at: '2026-11-22T03:00:00Z' });

    const listed = await octokit.rest.issues.listComments({ ...repo, issue_number: issue.number });
    expect(listed.data.map((c) => [c.user?.login, c.body])).toEqual([
      ['alice', 'older'],
      ['github-actions[bot]', '<!-- shipgate -->\nstill failing'],
    ]);
    const recent = await octokit.rest.issues.listComments({
      ...repo,
      issue_number: issue.number,
      since: '2026-11-22T02:30:00Z',
    });
    expect(recent.data.map((c) => c.id)).toEqual([created.data.id]);

    emulator.setNow('2026-11-22T04:00:00Z');
    const edited = await octokit.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: 'recovered' });
    expect(edited.data).toMatchObject({
      body: 'recovered',
      updated_at: '2026-11-22T04:00:00Z',
      created_at: '2026-11-22T03:00:00Z',
    });
    expect((await octokit.rest.issues.getComment({ ...repo, comment_id: created.data.id })).data.body).toBe(
      'recovered',
    );

    const deleted = await octokit.rest.issues.deleteComment({ ...repo, comment_id: created.data.id });
    expect(deleted.status).toBe(204);
    expect(emulator.state.issues[0]?.comments).toBe(1);
    expect((await failure(octokit.rest.issues.getComment({ ...repo, comment_id: created.data.id }))).status).toBe(404);
    expect((await failure(octokit.rest.issues.createComment({ ...repo, issue_number: 42, body: 'x' }))).status).toBe(
      404,
    );
    expect(emulator.violations()).toEqual([]);
  });
});

describe('GitHub emulator: labels and assignees', () => {
  it('creates labels, refuses a duplicate name with already_exists, and adds and removes labels and assignees on an issue', async () => {
    const emulator = await start();
    const octokit = client(emulator);
    const repo = { owner: emulator.owner, repo: emulator.repo };
    const issue = emulator.seedIssue({ title: 'incident', labels: ['incident'] });

    const created = await octokit.rest.issues.createLabel({
      ...repo,
      name: 'sev-1',
      color: 'B60205',
      description: 'Critical',
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: 'sev-1', color: 'b60205', description: 'Critical', default: false });

    const duplicate = await failure(octokit.rest.issues.createLabel({ ...repo, name: 'SEV-1', color: '000000' }));
    expect(duplicate.status).toBe(422);
    expect(duplicate.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
    });

    expect((await octokit.rest.issues.getLabel({ ...repo, name: 'Sev-1' })).data.name).toBe('sev-1');
    expect((await failure(octokit.rest.issues.getLabel({ ...repo, name: 'missing' }))).status).toBe(404);
    expect((await octokit.rest.issues.listLabelsForRepo(repo)).data.map((l) => l.name)).toEqual(['incident', 'sev-1']);

    const added = await octokit.rest.issues.addLabels({
      ...repo,
      issue_number: issue.number,
      labels: ['sev-1', 'rolled-back'],
    });
    expect(added.data.map((l) => l.name)).toEqual(['incident', 'sev-1', 'rolled-back']);
    expect(emulator.state.labels.map((l) => l.name)).toEqual(['incident', 'sev-1', 'rolled-back']);

    const removed = await octokit.rest.issues.removeLabel({ ...repo, issue_number: issue.number, name: 'rolled-back' });
    expect(removed.data.map((l) => l.name)).toEqual(['incident', 'sev-1']);

    const assigned = await octokit.rest.issues.addAssignees({
      ...repo,
      issue_number: issue.number,
      assignees: ['alice', 'bob'],
    });
    expect(assigned.status).toBe(201);
    expect(assigned.data.assignees?.map((a) => a.login)).toEqual(['alice', 'bob']);
    expect(emulator.state.issues[0]?.assignees).toEqual(['alice', 'bob']);
    expect(emulator.requestViolations()).toEqual([]);
    expect(emulator.violations()).toEqual([]);
  });
});

describe('GitHub emulator: commit statuses', () => {
  it('records commit statuses and combines the latest one per context into one state', async () => {
    const emulator = await start();
    const octokit = client(emulator);
    const repo = { owner: emulator.owner, repo: emulator.repo };
    emulator.seedPull({ number: 3, headSha: SHA, headRef: 'preview' });

    const empty = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: SHA });
    expect(empty.data).toMatchObject({ state: 'pending', total_count: 0, statuses: [], sha: SHA });

    const first = await octokit.rest.repos.createCommitStatus({
      ...repo,
      sha: SHA,
      state: 'success',
      context: 'shipgate/health',
      target_url: 'https://ci.example/1',
    });
    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({
      state: 'success',
      context: 'shipgate/health',
      target_url: 'https://ci.example/1',
      description: null,
    });
    await octokit.rest.repos.createCommitStatus({ ...repo, sha: SHA, state: 'pending', description: 'deploying' });
    expect((await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: SHA })).data.state).toBe('pending');

    await octokit.rest.repos.createCommitStatus({ ...repo, sha: SHA, state: 'success' });
    expect((await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: 'preview' })).data).toMatchObject({
      state: 'success',
      total_count: 2,
    });

    await octokit.rest.repos.createCommitStatus({
      ...repo,
      sha: SHA,
      state: 'failure',
      context: 'shipgate/health',
      description: 'error rate 7.1% > 5%',
    });
    const combined = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: SHA });
    expect(combined.data.state).toBe('failure');
    expect(combined.data.statuses.map((s) => [s.context, s.state])).toEqual([
      ['shipgate/health', 'failure'],
      ['default', 'success'],
    ]);

    const all = await octokit.rest.repos.listCommitStatusesForRef({ ...repo, ref: SHA });
    expect(all.data.map((s) => s.state)).toEqual(['failure', 'success', 'pending', 'success']);
    expect((await octokit.rest.repos.listCommitStatusesForRef({ ...repo, ref: OTHER_SHA })).data).toEqual([]);

    const tooLong = await failure(
      octokit.rest.repos.createCommitStatus({ ...repo, sha: SHA, state: 'error', description: 'x'.repeat(141) }),
    );
    expect(tooLong.status).toBe(422);
    expect(tooLong.data.errors).toEqual([
      {
        resource: 'Status',
        code: 'custom',
        field: 'description',
        message: 'description is too long (maximum is 140 characters)',
      },
    ]);
    expect(emulator.requestViolations()).toEqual([
      'POST /repos/{owner}/{repo}/statuses/{sha}: 422 Validation Failed: description is too long (maximum is 140 characters)',
    ]);
    expect(emulator.state.statuses).toHaveLength(4);
    expect(emulator.violations()).toEqual([]);
  });
});

describe('GitHub emulator: deployments', () => {
  it("creates deployments with GitHub's defaults and lists them newest first with filters", async () => {
    const emulator = await start();
    const octokit = client(emulator);
    const repo = { owner: emulator.owner, repo: emulator.repo };

    const production = await octokit.rest.repos.createDeployment({ ...repo, ref: SHA });
    expect(production.status).toBe(201);
    const productionId = created(production.data).id;
    expect(production.data).toMatchObject({
      sha: SHA,
      ref: SHA,
      task: 'deploy',
      environment: 'production',
      original_environment: 'production',
      production_environment: true,
      transient_environment: false,
      payload: {},
      description: null,
    });
    const staging = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: 'main',
      environment: 'staging',
      task: 'deploy:api',
      payload: JSON.stringify({ service: 'api', version: '1.4.2' }),
      description: 'api 1.4.2',
      auto_merge: false,
    });
    expect(staging.data).toMatchObject({
      environment: 'staging',
      production_environment: false,
      task: 'deploy:api',
      payload: { service: 'api', version: '1.4.2' },
    });
    expect(created(staging.data).sha).toMatch(/^[0-9a-f]{40}$/);
    await octokit.rest.repos.createDeployment({
      ...repo,
      ref: 'main',
      environment: 'staging',
      payload: { service: 'web' },
      transient_environment: true,
    });

    const ids = async (params: Record<string, string>) =>
      (await octokit.rest.repos.listDeployments({ ...repo, ...params })).data.map((d) => d.id);
    const [p, s1, s2] = emulator.state.deployments.map((d) => d.id);
    expect(await ids({})).toEqual([s2, s1, p]);
    expect(await ids({ environment: 'staging' })).toEqual([s2, s1]);
    expect(await ids({ sha: SHA })).toEqual([p]);
    expect(await ids({ ref: 'main', task: 'deploy:api' })).toEqual([s1]);

    expect((await octokit.rest.repos.getDeployment({ ...repo, deployment_id: productionId })).data.id).toBe(
      productionId,
    );
    expect((await failure(octokit.rest.repos.getDeployment({ ...repo, deployment_id: 1 }))).status).toBe(404);
    expect(emulator.violations()).toEqual([]);
  });

  it('paginates 120 deployments with octokit.paginate', async () => {
    const emulator = await start();
    for (let i = 0; i < 120; i += 1)
      emulator.seedDeployment({ environment: 'staging', statuses: [{ state: 'success' }] });
    const octokit = client(emulator);
    const all = await octokit.paginate(octokit.rest.repos.listDeployments, {
      owner: emulator.owner,
      repo: emulator.repo,
      per_page: 100,
    });
    expect(all).toHaveLength(120);
    expect(all[0]?.id).toBe(emulator.state.deployments[119]?.id);
    expect(emulator.violations()).toEqual([]);
  });

  it('refuses a deployment whose commit statuses are not all successful unless required_contexts allows it', async () => {
    const emulator = await start();
    const octokit = client(emulator);
    const repo = { owner: emulator.owner, repo: emulator.repo };
    await octokit.rest.repos.createCommitStatus({ ...repo, sha: SHA, state: 'success', context: 'build' });
    await octokit.rest.repos.createCommitStatus({ ...repo, sha: SHA, state: 'failure', context: 'e2e' });

    const refused = await failure(octokit.rest.repos.createDeployment({ ...repo, ref: SHA }));
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({
      message: `Conflict: Commit status checks failed for ${SHA}.`,
      errors: [
        {
          contexts: [{ context: 'e2e', state: 'failure' }],
          resource: 'Deployment',
          field: 'required_contexts',
          code: 'invalid',
        },
      ],
    });
    expect(
      (await failure(octokit.rest.repos.createDeployment({ ...repo, ref: SHA, required_contexts: ['build', 'lint'] })))
        .status,
    ).toBe(409);
    expect(
      (await octokit.rest.repos.createDeployment({ ...repo, ref: SHA, required_contexts: ['build'] })).status,
    ).toBe(201);
    expect((await octokit.rest.repos.createDeployment({ ...repo, ref: SHA, required_contexts: [] })).status).toBe(201);
    expect(emulator.state.deployments).toHaveLength(2);
    expect(emulator.violations()).toEqual([]);
  });

  it('creates deployment statuses, lists them newest first, and gets one only through its own deployment', async () => {
    const emulator = await start();
    const octokit = client(emulator);
    const repo = { owner: emulator.owner, repo: emulator.repo };
    const deployment = created(
      (await octokit.rest.repos.createDeployment({ ...repo, ref: SHA, environment: 'staging', required_contexts: [] }))
        .data,
    );
    const other = emulator.seedDeployment({ environment: 'staging', statuses: [{ state: 'queued' }] });

    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: deployment.id, state: 'in_progress' });
    const success = await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: deployment.id,
      state: 'success',
      log_url: 'https://ci.example/run/1',
      environment_url: 'https://staging.example',
      description: 'canary promoted',
    });
    expect(success.status).toBe(201);
    expect(success.data).toMatchObject({
      state: 'success',
      environment: 'staging',
      log_url: 'https://ci.example/run/1',
      target_url: 'https://ci.example/run/1',
      environment_url: 'https://staging.example',
      description: 'canary promoted',
      deployment_url: `${emulator.url}/repos/octo-org/web/deployments/${deployment.id}`,
    });

    const listed = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id });
    expect(listed.data.map((s) => s.state)).toEqual(['success', 'in_progress']);
    const one = await octokit.rest.repos.getDeploymentStatus({
      ...repo,
      deployment_id: deployment.id,
      status_id: success.data.id,
    });
    expect(one.data.id).toBe(success.data.id);
    const foreign = emulator.state.deploymentStatuses.find((s) => s.deployment_id === other.id);
    expect(
      (
        await failure(
          octokit.rest.repos.getDeploymentStatus({
            ...repo,
            deployment_id: deployment.id,
            status_id: foreign?.id ?? 0,
          }),
        )
      ).status,
    ).toBe(404);
    expect((await failure(octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: 12345 }))).status).toBe(
      404,
    );

    const moved = await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: deployment.id,
      state: 'success',
      environment: 'qa',
    });
    expect(moved.data.environment).toBe('qa');
    expect(emulator.state.deployments.find((d) => d.id === deployment.id)).toMatchObject({
      environment: 'qa',
      original_environment: 'staging',
    });
    const later = await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: deployment.id,
      state: 'failure',
    });
    expect(later.data.environment).toBe('qa');
    expect(emulator.violations()).toEqual([]);
  });

  it('marks prior successful non-production, non-transient deployments of the environment inactive when a new one succeeds', async () => {
    const emulator = await start();
    const octokit = client(emulator);
    const repo = { owner: emulator.owner, repo: emulator.repo };
    const older = emulator.seedDeployment({ environment: 'staging', statuses: [{ state: 'success' }] });
    const failed = emulator.seedDeployment({ environment: 'staging', statuses: [{ state: 'failure' }] });
    const transient = emulator.seedDeployment({
      environment: 'staging',
      transientEnvironment: true,
      statuses: [{ state: 'success' }],
    });
    const elsewhere = emulator.seedDeployment({ environment: 'qa', statuses: [{ state: 'success' }] });
    const prodOld = emulator.seedDeployment({ environment: 'production', statuses: [{ state: 'success' }] });

    const latest = (id: number) =>
      emulator.state.deploymentStatuses.filter((s) => s.deployment_id === id).sort((a, b) => b.id - a.id)[0]?.state;
    const create = async (environment: string) =>
      created(
        (await octokit.rest.repos.createDeployment({ ...repo, ref: SHA, environment, required_contexts: [] })).data,
      ).id;

    const next = await create('staging');
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: next, state: 'in_progress' });
    expect(latest(older.id)).toBe('success');
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: next, state: 'success' });
    expect(latest(older.id)).toBe('inactive');
    expect(latest(failed.id)).toBe('failure');
    expect(latest(transient.id)).toBe('success');
    expect(latest(elsewhere.id)).toBe('success');
    const inactive = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: older.id });
    expect(inactive.data.map((s) => s.state)).toEqual(['inactive', 'success']);

    const prodNew = await create('production');
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: prodNew, state: 'success' });
    expect(latest(prodOld.id)).toBe('success');

    const quiet = await create('qa');
    await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: quiet,
      state: 'success',
      auto_inactive: false,
    });
    expect(latest(elsewhere.id)).toBe('success');
    expect(emulator.violations()).toEqual([]);
  });

  it('deletes a deployment only when it is inactive or the only one, as GitHub does', async () => {
    const emulator = await start();
    const octokit = client(emulator);
    const repo = { owner: emulator.owner, repo: emulator.repo };
    const active = emulator.seedDeployment({ environment: 'production', statuses: [{ state: 'success' }] });
    const fresh = emulator.seedDeployment({ environment: 'production' });

    const refused = await failure(octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: active.id }));
    expect(refused.status).toBe(422);
    expect(refused.data.message).toBe(
      'We cannot delete an active deployment unless it is the only deployment in a given environment.',
    );
    expect((await failure(octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: fresh.id }))).status).toBe(422);

    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: active.id, state: 'inactive' });
    expect((await octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: active.id })).status).toBe(204);
    expect(emulator.state.deploymentStatuses.filter((s) => s.deployment_id === active.id)).toEqual([]);
    expect((await octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: fresh.id })).status).toBe(204);
    expect(emulator.state.deployments).toEqual([]);
    expect(emulator.requestViolations()).toEqual([]);
    expect(emulator.violations()).toEqual([]);
  });
});

describe('GitHub emulator: faults and rate limits', () => {
  it('answers a queued 502 once, and plugin-retry retries into a success', async () => {
    const emulator = await start();
    emulator.seedIssue({ title: 'one' });
    emulator.fault({ kind: 'server-error', match: { method: 'GET', path: /\/issues$/ } });
    const octokit = client(emulator);

    const listed = await octokit.rest.issues.listForRepo({ owner: emulator.owner, repo: emulator.repo });
    expect(listed.data).toHaveLength(1);
    expect(emulator.requests.map((r) => r.status)).toEqual([502, 200]);
    expect(emulator.violations()).toEqual([]);
  });

  it('applies a fault only to matching requests and as many times as asked', async () => {
    const emulator = await start();
    emulator.fault({ kind: 'server-error', status: 503, times: 2, match: { method: 'POST', path: /\/statuses\// } });
    const octokit = client(emulator);
    const repo = { owner: emulator.owner, repo: emulator.repo };

    await octokit.rest.repos.listDeployments(repo);
    await octokit.rest.repos.createCommitStatus({ ...repo, sha: SHA, state: 'success' });
    expect(emulator.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'POST 503',
      'POST 503',
      'POST 201',
    ]);

    emulator.fault({ kind: 'server-error', status: 500, times: 5 });
    emulator.clearFaults();
    expect((await octokit.rest.repos.listDeployments(repo)).status).toBe(200);
    expect(emulator.violations()).toEqual([]);
  });

  it('sends a secondary rate limit whose retry-after plugin-throttling reads before it retries', async () => {
    const emulator = await start();
    emulator.fault({ kind: 'secondary-rate-limit', retryAfterSeconds: 1 });
    const limits: LimitEvent[] = [];
    // retryAfter 1 proves the header was read: without it the plugin falls back to 60 s. 0 ms per second
    // of back-off keeps the test free of the real one-second wait.
    const octokit = client(emulator, { throttle: true, throttleMsPerSecond: 0, limits });

    const listed = await octokit.rest.repos.listDeployments({ owner: emulator.owner, repo: emulator.repo });
    expect(listed.status).toBe(200);
    expect(limits).toEqual([{ kind: 'secondary', retryAfter: 1 }]);
    expect(emulator.requests.map((r) => r.status)).toEqual([403, 200]);
    expect(emulator.violations()).toEqual([]);
  });

  it.each([403, 429])(
    'sends a primary rate limit (%i) that plugin-throttling recognises from x-ratelimit-remaining and reset',
    async (status) => {
      const emulator = await start();
      emulator.fault({ kind: 'rate-limit', status, retryAfterSeconds: 0 });
      const limits: LimitEvent[] = [];
      // Back-off is computed from x-ratelimit-reset (at least 1 s); 0 ms per second keeps the test fast.
      const octokit = client(emulator, {
        throttle: true,
        throttleMsPerSecond: 0,
        limits,
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      });

      const listed = await octokit.rest.issues.listForRepo({ owner: emulator.owner, repo: emulator.repo });
      expect(listed.status).toBe(200);
      expect(limits).toHaveLength(1);
      expect(limits[0]?.kind).toBe('rate-limit');
      expect(limits[0]?.retryAfter).toBeLessThanOrEqual(2);
      expect(emulator.requests.map((r) => r.status)).toEqual([status, 200]);
      expect(emulator.violations()).toEqual([]);
    },
  );

  it('surfaces a forbidden fault as a 403 that is not retried', async () => {
    const emulator = await start();
    emulator.fault({ kind: 'forbidden' });
    const limits: LimitEvent[] = [];
    const octokit = client(emulator, { throttle: true, limits });

    const refused = await failure(
      octokit.rest.repos.createDeployment({ owner: emulator.owner, repo: emulator.repo, ref: SHA }),
    );
    expect(refused.status).toBe(403);
    expect(refused.data).toMatchObject({ message: 'Resource not accessible by integration', status: '403' });
    expect(limits).toEqual([]);
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.state.deployments).toEqual([]);
    expect(emulator.violations()).toEqual([]);
  });
});

describe('GitHub emulator: authentication and permissions', () => {
  it('answers 401 Bad credentials to an unknown token and to a request without one, and accepts Bearer', async () => {
    const emulator = await start();
    const unknown = await failure(
      client(emulator, { token: 'nope' }).rest.issues.listForRepo({ owner: emulator.owner, repo: emulator.repo }),
    );
    expect(unknown.status).toBe(401);
    expect(unknown.data).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });

    const anonymous = await fetch(`${emulator.url}/repos/octo-org/web/issues`);
    expect(anonymous.status).toBe(401);
    const bearer = await fetch(`${emulator.url}/repos/octo-org/web/issues`, {
      headers: { authorization: 'Bearer test-token' },
    });
    expect(bearer.status).toBe(200);
    expect(emulator.violations()).toEqual([]);
  });

  it('answers 403 Resource not accessible by integration to a token without deployments: write, and still lets it read', async () => {
    const emulator = await start({ tokens: { reader: { deployments: 'read' } } });
    emulator.seedDeployment({ environment: 'production' });
    const octokit = client(emulator, { token: 'reader' });
    const repo = { owner: emulator.owner, repo: emulator.repo };

    expect((await octokit.rest.repos.listDeployments(repo)).data).toHaveLength(1);
    const refused = await failure(octokit.rest.repos.createDeployment({ ...repo, ref: SHA }));
    expect(refused.status).toBe(403);
    expect(refused.data).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/deployments/deployments#create-a-deployment',
      status: '403',
    });
    expect((await failure(octokit.rest.issues.listForRepo(repo))).status).toBe(403);
    expect(emulator.state.deployments).toHaveLength(1);
    expect(emulator.violations()).toEqual([]);
  });

  it('lets pull_requests: write comment on a pull request but not on an issue', async () => {
    const emulator = await start({ tokens: { 'pr-token': { pull_requests: 'write' } } });
    emulator.seedPull({ number: 1, headSha: SHA });
    const issue = emulator.seedIssue({ title: 'plain issue' });
    const octokit = client(emulator, { token: 'pr-token' });
    const repo = { owner: emulator.owner, repo: emulator.repo };

    const comment = await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: 'preview healthy' });
    expect(comment.status).toBe(201);
    expect(
      (await octokit.rest.issues.updateComment({ ...repo, comment_id: comment.data.id, body: 'preview healthy (2)' }))
        .status,
    ).toBe(200);
    expect(
      (await failure(octokit.rest.issues.createComment({ ...repo, issue_number: issue.number, body: 'x' }))).status,
    ).toBe(403);
    expect((await failure(octokit.rest.repos.createCommitStatus({ ...repo, sha: SHA, state: 'success' }))).status).toBe(
      403,
    );
    expect(emulator.violations()).toEqual([]);
  });
});

describe('GitHub emulator: requests, routes and headers', () => {
  it("answers 422 Invalid request to a body that breaks the operation's schema, and records the problem", async () => {
    const emulator = await start();
    const octokit = client(emulator);
    const repo = { owner: emulator.owner, repo: emulator.repo };

    const badState = await failure(
      octokit.request('POST /repos/{owner}/{repo}/statuses/{sha}', { ...repo, sha: SHA, state: 'bogus' as 'success' }),
    );
    expect(badState.status).toBe(422);
    expect(badState.data.message).toBe(
      `Invalid request.\n\nFor 'properties/state', "bogus" is not one of ["error", "failure", "pending", "success"].`,
    );
    expect(badState.data.documentation_url).toBe(
      'https://docs.github.com/rest/commits/statuses#create-a-commit-status',
    );

    const noTitle = await failure(
      octokit.request('POST /repos/{owner}/{repo}/issues', { ...repo, body: 'no title' } as never),
    );
    expect(noTitle.status).toBe(422);
    expect(noTitle.data.message).toBe(`Invalid request.\n\n"title" wasn't supplied.`);

    const badLabels = await failure(
      octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...repo,
        issue_number: 1,
        body: 42,
      } as never),
    );
    expect(badLabels.status).toBe(422);

    expect(emulator.requestViolations()).toEqual([
      'POST /repos/{owner}/{repo}/statuses/{sha}: /state must be equal to one of the allowed values (["error","failure","pending","success"])',
      "POST /repos/{owner}/{repo}/issues: / must have required property 'title'",
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments: /body must be string',
    ]);
    expect(emulator.state.statuses).toEqual([]);
    expect(emulator.state.issues).toEqual([]);
    expect(emulator.violations()).toEqual([]);
  });

  it('answers 404 Not Found to an unknown route and to another repository', async () => {
    const emulator = await start();
    const octokit = client(emulator);
    const unknown = await failure(
      octokit.request('GET /repos/{owner}/{repo}/branches', { owner: emulator.owner, repo: emulator.repo }),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.data).toMatchObject({ message: 'Not Found', status: '404' });
    expect((await failure(octokit.rest.issues.listForRepo({ owner: 'someone-else', repo: 'web' }))).status).toBe(404);
    expect(emulator.violations()).toEqual([]);
  });

  it('sends the rate-limit, request-id and content-type headers GitHub sends, and records every request', async () => {
    const emulator = await start();
    const octokit = client(emulator);
    const repo = { owner: emulator.owner, repo: emulator.repo };

    const first = await octokit.rest.repos.listDeployments(repo);
    const second = await octokit.rest.repos.createCommitStatus({ ...repo, sha: SHA, state: 'pending', context: 'ci' });
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers['x-ratelimit-limit']).toBe('5000');
    expect(first.headers['x-ratelimit-resource']).toBe('core');
    expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    expect(Number(second.headers['x-ratelimit-remaining'])).toBe(Number(first.headers['x-ratelimit-remaining']) - 1);
    expect(Number(second.headers['x-ratelimit-used'])).toBe(Number(first.headers['x-ratelimit-used']) + 1);
    expect(first.headers['x-github-request-id']).toMatch(/^[0-9A-F:]+$/);
    expect(first.headers['x-github-request-id']).not.toBe(second.headers['x-github-request-id']);

    expect(emulator.requests).toEqual([
      {
        method: 'GET',
        path: '/repos/octo-org/web/deployments',
        query: {},
        body: undefined,
        status: 200,
        operationId: 'repos/list-deployments',
      },
      {
        method: 'POST',
        path: `/repos/octo-org/web/statuses/${SHA}`,
        query: {},
        body: { state: 'pending', context: 'ci' },
        status: 201,
        operationId: 'repos/create-commit-status',
      },
    ]);
    expect(emulator.violations()).toEqual([]);
  });
});

describe('GitHub emulator: response validation', () => {
  it('reports a response whose shape GitHub never sends', async () => {
    const emulator = await start();
    emulator.seedIssue({ title: 'real' });
    const real = (await client(emulator).rest.issues.listForRepo({ owner: emulator.owner, repo: emulator.repo })).data;
    const api = await loadGitHubOpenApi();
    const template = '/repos/{owner}/{repo}/issues';

    expect(api.validateResponse('GET', template, 200, real)).toEqual([]);
    expect(api.validateResponse('GET', template, 200, [{ ...real[0], user: 'octocat' }])).toEqual([
      `GET ${template} 200: /0/user must be object`,
    ]);
    const { number: _number, ...withoutNumber } = real[0] ?? {};
    expect(api.validateResponse('GET', template, 200, [withoutNumber])).toEqual([
      `GET ${template} 200: /0 must have required property 'number'`,
    ]);
    expect(api.validateResponse('GET', template, 200, [{ ...real[0], state_reason: 'fixed' }])).toEqual([
      `GET ${template} 200: /0/state_reason must be equal to one of the allowed values (["completed","reopened","not_planned","duplicate",null])`,
    ]);
    expect(api.validateResponse('POST', template, 200, real[0])).toEqual([
      `POST ${template} 200: GitHub does not document this status for issues/create`,
    ]);
    expect(api.validateRequest('POST', '/repos/{owner}/{repo}/deployments', { ref: 42 }).map((p) => p.line)).toEqual([
      'POST /repos/{owner}/{repo}/deployments: /ref must be string',
    ]);
    expect(emulator.violations()).toEqual([]);
  });
});
