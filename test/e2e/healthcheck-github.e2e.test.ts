import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ActionRun, runAction } from '../support/action-runner.js';
import { type GitHubEmulator, startGitHubEmulator } from '../support/github-emulator/index.js';
import { json, startServer, type TestServer } from '../support/http-servers.js';

let github: GitHubEmulator;
let app: TestServer;
const headSha = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';

beforeEach(async () => {
  github = await startGitHubEmulator({
    tokens: {
      'test-token': { issues: 'write', pull_requests: 'write', statuses: 'write', metadata: 'read' },
      'fork-token': { issues: 'read', pull_requests: 'read', statuses: 'read', metadata: 'read' },
    },
  });
  github.seedPull({ number: 42, headSha, headRef: 'feature/login' });
  app = await startServer(json(200, { status: 'UP' }));
});

afterEach(async () => {
  expect(github.violations()).toEqual([]);
  expect(github.requestViolations()).toEqual([]);
  await Promise.all([github.close(), app.close()]);
});

/** A real-shaped pull_request event payload (the fields shipgate reads, and their neighbours). */
function pullRequestEvent(number: number) {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number,
      pull_request: {
        number,
        state: 'open',
        head: { ref: 'feature/login', sha: headSha, repo: { full_name: 'octo-org/web' } },
        base: { ref: 'main', sha: 'a3f1c2d4e5b6a7980112233445566778899aabbc', repo: { full_name: 'octo-org/web' } },
      },
      repository: { full_name: 'octo-org/web', name: 'web', owner: { login: 'octo-org' } },
      sender: { login: 'octocat' },
    },
  };
}

function gate(inputs: Record<string, string>, token = 'test-token'): Promise<ActionRun> {
  return runAction({
    action: 'healthcheck',
    apiUrl: github.url,
    token,
    event: pullRequestEvent(42),
    inputs: {
      interval: '100ms',
      timeout: '1s',
      deadline: '2s',
      'report-to': 'summary,pr-comment,commit-status',
      ...inputs,
    },
  });
}

describe('healthcheck reporting to GitHub (bundle under Node 24, against the GitHub emulator)', () => {
  it('writes one sticky comment on the pull request and updates it in place on the next run', async () => {
    const first = await gate({ urls: `${app.url}/pr-{pr}/health` });
    expect(first.exitCode).toBe(0);
    expect(app.requests[0]?.path).toBe('/pr-42/health');
    const comments = () => github.state.comments.filter((c) => c.issue_number === 42);
    expect(comments()).toHaveLength(1);
    expect(comments()[0]?.body).toContain('### ✅ shipgate healthcheck: healthy');
    expect(comments()[0]?.body).toContain('https://github.com/octo-org/web/actions/runs/7001');

    app.respond(json(503, { status: 'DOWN' }));
    const second = await gate({ urls: `${app.url}/pr-{pr}/health`, deadline: '300ms' });
    expect(second.exitCode).toBe(1);
    expect(comments()).toHaveLength(1);
    expect(comments()[0]?.body).toContain('### ❌ shipgate healthcheck: not healthy');
  });

  it('sets a pending then a final commit status on the pull request head commit', async () => {
    const run = await gate({ urls: `${app.url}/health` });
    expect(run.exitCode).toBe(0);
    const statuses = github.state.statuses.filter((s) => s.sha === headSha);
    expect(statuses.map((s) => [s.state, s.context])).toEqual([
      ['pending', 'shipgate/healthcheck (gate)'],
      ['success', 'shipgate/healthcheck (gate)'],
    ]);
    expect(statuses[1]?.description).toBe('healthy: 1 URL');
    expect(statuses[1]?.target_url).toBe('https://github.com/octo-org/web/actions/runs/7001');
  });

  it('marks the commit failed with the reason when the gate fails', async () => {
    app.respond(json(503, { status: 'DOWN' }));
    const run = await gate({ urls: `${app.url}/health`, deadline: '300ms' });
    expect(run.exitCode).toBe(1);
    const final = github.state.statuses.filter((s) => s.sha === headSha).at(-1);
    expect(final?.state).toBe('failure');
    expect(final?.description).toMatch(/^not healthy: .*503 on \d+ consecutive probes/);
    expect(final?.description?.length).toBeLessThanOrEqual(140);
  });

  it("warns, naming the permission, when the token may not write (a fork's pull request), and still passes", async () => {
    const run = await gate({ urls: `${app.url}/health` }, 'fork-token');
    expect(run.exitCode).toBe(0);
    const warnings = run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings.some((w) => w.includes("'permissions: statuses: write'"))).toBe(true);
    expect(warnings.some((w) => w.includes("'permissions: pull-requests: write'"))).toBe(true);
    expect(github.state.comments).toHaveLength(0);
    expect(github.state.statuses).toHaveLength(0);
  });

  it('retries a GitHub 5xx and still reports', async () => {
    github.fault({ kind: 'server-error', status: 502, match: { method: 'POST', path: /\/statuses\// }, times: 1 });
    const run = await gate({ urls: `${app.url}/health`, 'report-to': 'commit-status' });
    expect(run.exitCode).toBe(0);
    expect(github.state.statuses.map((s) => s.state)).toEqual(['pending', 'success']);
    expect(run.annotations.filter((a) => a.level === 'warning')).toEqual([]);
  });

  it('does not talk to GitHub when reporting only to the summary', async () => {
    const run = await gate({ urls: `${app.url}/health`, 'report-to': 'summary' });
    expect(run.exitCode).toBe(0);
    expect(github.requests).toHaveLength(0);
  });
});
