import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ActionRun, runAction } from '../support/action-runner.js';
import { type GitHubEmulator, startGitHubEmulator } from '../support/github-emulator/index.js';
import { closedPort, startServer, type TestServer } from '../support/http-servers.js';
import { badDuration, badHeaders, badInteger, badJsonObject, badUrl } from '../unit/fuzz/arbitraries.js';

/**
 * Issue #11's cases, with the committed bundles under Node 24 against the GitHub emulator and a real
 * local HTTP server: secrets masked in everything that leaves the process, hostile response bodies
 * inert on GitHub, bad headers refused before any probe, and GitHub failures named.
 */
let github: GitHubEmulator;
let app: TestServer;
const headSha = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
const TOKEN = 'sk-live-0123456789abcdef';

beforeEach(async () => {
  github = await startGitHubEmulator({
    tokens: { 'test-token': { issues: 'write', pull_requests: 'write', statuses: 'write', metadata: 'read' } },
  });
  github.seedPull({ number: 42, headSha, headRef: 'feature/login' });
  // Answers 401 and echoes what it was sent: the Authorization header and the URL's user-info.
  app = await startServer((req, res) => {
    res.writeHead(401, { 'content-type': 'text/plain' });
    res.end(`denied for ${req.headers.authorization ?? '-'} / ${req.headers['x-api-key'] ?? '-'}`);
  });
});

afterEach(async () => {
  expect(github.violations()).toEqual([]);
  await Promise.all([github.close(), app.close()]);
});

function pullRequestEvent(number = 42) {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number,
      pull_request: { number, state: 'open', head: { ref: 'feature/login', sha: headSha } },
      repository: { full_name: 'octo-org/web', name: 'web', owner: { login: 'octo-org' } },
    },
  };
}

function gate(inputs: Record<string, string>, pr = 42): Promise<ActionRun> {
  return runAction({
    action: 'healthcheck',
    apiUrl: github.url,
    token: 'test-token',
    event: pullRequestEvent(pr),
    inputs: {
      interval: '100ms',
      timeout: '1s',
      deadline: '300ms',
      'report-to': 'summary,pr-comment,commit-status',
      ...inputs,
    },
  });
}

/** Everything the run sent out of the process: outputs, summary, log, PR comments, commit statuses. */
function everythingSent(run: ActionRun): string {
  return [
    JSON.stringify(run.outputs),
    run.summary,
    run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n'),
    run.stderr,
    ...github.state.comments.map((c) => c.body),
    ...github.state.statuses.map((s) => s.description ?? ''),
  ].join('\n');
}

describe('secrets (bundle against the emulator and a real server)', () => {
  it('masks a Bearer token, a bare header value and URL user-info everywhere they could leave', async () => {
    const url = `http://deployer:hunter22pass@127.0.0.1:${app.port}/health`;
    const run = await gate({ urls: url, headers: `Authorization: Bearer ${TOKEN}\nX-Api-Key: bare-key-987654` });
    expect(run.exitCode).toBe(1);
    expect(github.state.comments).toHaveLength(1);
    const sent = everythingSent(run);
    for (const secret of [TOKEN, 'bare-key-987654', 'hunter22pass', 'deployer:hunter22pass']) {
      expect(sent).not.toContain(secret);
    }
    expect(sent).toContain('denied for *** / ***');
    expect(run.outputs.report).toContain('http://***@127.0.0.1');
  });
});

describe('untrusted text (bundle against the emulator)', () => {
  it('keeps a hostile 503 body inert in the PR comment: no live mention, HTML or marker', async () => {
    app.respond((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('@org/security-team <img src=x onerror=alert(1)> <!-- shipgate:run id="7002" event="resolve" -->');
    });
    const run = await gate({ urls: `${app.url}/health` });
    expect(run.exitCode).toBe(1);
    const body = github.state.comments[0]?.body ?? '';
    expect(body).toContain('security-team');
    expect(body).not.toContain('<!-- shipgate:run');
    expect(body.match(/<!--/g)).toHaveLength(1);
    // Every mention and tag that is left sits inside a code span.
    const outsideCode = body.replace(/(`+)[^`][\s\S]*?\1/g, '');
    expect(outsideCode).not.toMatch(/@org|<img/);
  });
});

describe('bad inputs (bundle)', () => {
  it.each([
    [{ headers: 'X-Token: abc\rdef' }, "input 'headers'"],
    [{ headers: 'X-Token: caf\u0100' }, "input 'headers'"],
    [{ urls: 'http://u:pa%zzss@127.0.0.1/' }, "input 'urls'"],
    [
      {
        metrics: '- name: errors\n  query: sum(rate(x{pr=`{pr}`}[1m]))\n  max: 0\n',
        'prometheus-url': 'http://127.0.0.1:9',
      },
      "input 'metrics' metric 'errors' key 'query'",
    ],
    [{ 'expect-json': `${'['.repeat(5000)}${']'.repeat(5000)}` }, "input 'expect-json'"],
  ])('refuses %j at once with one line, before any probe or GitHub write', async (inputs, named) => {
    const run = await gate({ urls: `${app.url}/health`, deadline: '2m', ...inputs });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(named);
    expect(errors[0]?.message).not.toMatch(/[\r\n]/);
    expect(app.requests).toEqual([]);
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});

describe('GitHub failures (bundle)', () => {
  it('names the API URL and the network error for a closed port, without retrying for 14 s', async () => {
    const port = await closedPort();
    const run = await runAction({
      action: 'incident',
      apiUrl: `http://127.0.0.1:${port}`,
      token: 'test-token',
      inputs: { action: 'remind' },
      timeoutMs: 10_000,
    });
    expect(run.exitCode).toBe(1);
    const [error] = run.annotations.filter((a) => a.level === 'error');
    expect(error?.message).toBe(
      `could not reach the GitHub API at http://127.0.0.1:${port}: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it('says a revoked token is invalid or revoked', async () => {
    const run = await runAction({
      action: 'incident',
      apiUrl: github.url,
      token: 'ghp_revoked0123456789',
      inputs: { action: 'remind' },
    });
    expect(run.exitCode).toBe(1);
    const [error] = run.annotations.filter((a) => a.level === 'error');
    expect(error?.message).toMatch(/the token is invalid or revoked \(401: Bad credentials\)/);
  });
});

describe('markers by another user (bundle against the emulator)', () => {
  it("never edits another user's comment that carries the sticky marker", async () => {
    app.respond((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
    github.seedPull({ number: 43, headSha, headRef: 'feature/other' });
    // The runner sets GITHUB_WORKFLOW=Deploy and GITHUB_JOB=gate: the sticky key is Deploy/gate.
    const marker = '<!-- shipgate:healthcheck key="Deploy/gate" -->';
    const theirs = github.seedComment(43, `${marker}\nplease merge`, undefined, 'mallory');
    const run = await gate({ urls: `${app.url}/health` }, 43);
    expect(run.exitCode).toBe(0);
    const comments = github.state.comments.filter((c) => c.issue_number === 43);
    expect(comments.find((c) => c.id === theirs.id)?.body).toBe(`${marker}\nplease merge`);
    expect(comments.filter((c) => c.user === 'github-actions[bot]')).toHaveLength(1);
  });
});

describe('paths and deep JSON (bundles)', () => {
  it('refuses config: /etc/passwd without echoing the file', async () => {
    const run = await runAction({
      action: 'deploy',
      inputs: { environment: 'production', version: '1.0.0', config: '/etc/passwd', state: 'file' },
    });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain("input 'config' is '/etc/passwd'; expected a path inside the workspace");
    expect(`${run.stdout}${run.stderr}`).not.toContain('root:');
  });

  it('refuses an incident template outside the workspace before any issue is written', async () => {
    const run = await runAction({
      action: 'incident',
      apiUrl: github.url,
      token: 'test-token',
      inputs: { action: 'open', service: 'api', environment: 'production', template: '../../outside.txt' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toContain(
      "input 'template' is '../../outside.txt'",
    );
    expect(github.state.issues.filter((issue) => issue.pull_request !== true)).toEqual([]);
  });

  it('refuses a deploy report 60,000 [ deep with one line, not a stack overflow', async () => {
    const run = await runAction({
      action: 'incident',
      apiUrl: github.url,
      token: 'test-token',
      inputs: { action: 'open', 'deploy-report': `${'['.repeat(60_000)}${']'.repeat(60_000)}` },
    });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('nested 60000 deep; at most 64 levels are read');
    expect(`${run.stdout}${run.stderr}`).not.toContain('Maximum call stack');
  });
});

describe('generated bad values through the bundle (a sample of the in-process fuzzing)', () => {
  const generated = fc.oneof(
    badUrl.map((value) => ['urls', value] as const),
    badHeaders.map((value) => ['headers', value] as const),
    badJsonObject.map((value) => ['expect-json', value] as const),
    badDuration.map((value) => ['deadline', value] as const),
    badInteger.map((value) => ['concurrency', value] as const),
  );
  const sample = fc.sample(generated, { numRuns: 6, seed: 11 });

  it.each(sample)('refuses %s %j with one line naming it, before any probe or GitHub write', async (input, value) => {
    const run = await gate({ urls: `${app.url}/health`, [input]: value });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(`input '${input}'`);
    expect(app.requests).toEqual([]);
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
