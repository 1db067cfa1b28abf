import { createServer } from 'node:net';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { describe, expect, it, onTestFinished } from 'vitest';
import { errorLine } from '../../src/core/errors.js';
import type { Logger } from '../../src/core/logger.js';
import { createGitHubGateReporter } from '../../src/github/github-gate-reporter.js';
import { createGitHubIssues, gitHubIssues } from '../../src/github/github-issues.js';
import { tokenIdentity } from '../../src/github/identity.js';
import { createOctokit, type Octokit } from '../../src/github/octokit.js';
import { parseIncidentInputs } from '../../src/incident/incident-settings.js';
import { incidentMarker, runMarker } from '../../src/incident/markers.js';
import { runIncidentAction } from '../../src/incident/tracker.js';
import { FakeClock } from '../support/fake-clock.js';
import type { EmulatorOptions, GitHubEmulator } from '../support/github-emulator/index.js';
import { startGitHubEmulator } from '../support/github-emulator/index.js';
import { canaryRolledBack, NO_FILES, RUN } from '../unit/incident/fixtures.js';

/**
 * SPEC §10: markers are trusted only on comments and issues the token's own identity wrote. The
 * emulator gives each token a login (a token without one is GITHUB_TOKEN, github-actions[bot]); a
 * second user, mallory, posts the markers.
 */
const quiet: Logger = { info() {}, warning() {}, error() {}, debug() {}, mask() {} };

async function start(options?: EmulatorOptions): Promise<GitHubEmulator> {
  const emulator = await startGitHubEmulator(options);
  onTestFinished(() => emulator.close());
  return emulator;
}

const where = (emulator: GitHubEmulator, token = 'test-token') => ({
  token,
  baseUrl: emulator.url,
  owner: emulator.owner,
  repo: emulator.repo,
  logger: quiet,
  retries: 0,
});

describe('the token identity', () => {
  it('is the user of a personal token, and github-actions[bot] for an installation token', async () => {
    const allWrite = { issues: 'write', metadata: 'read' } as const;
    const emulator = await start({ tokens: { 'test-token': allWrite, pat: allWrite }, logins: { pat: 'alice' } });
    expect(await tokenIdentity(createOctokit(where(emulator, 'pat')))).toBe('alice');
    expect(await tokenIdentity(createOctokit(where(emulator)))).toBe('github-actions[bot]');
    expect(emulator.violations()).toEqual([]);
  });
});

describe('markers written by another user', () => {
  it('leaves a comment of another user that carries the sticky marker alone and writes its own', async () => {
    const emulator = await start();
    emulator.seedPull({ number: 7, headSha: 'a'.repeat(40), title: 'a pull request' });
    const marker = '<!-- shipgate:healthcheck key="ci/health" -->';
    const theirs = emulator.seedComment(7, `${marker}\nmallory was here`, undefined, 'mallory');
    const reporter = createGitHubGateReporter(where(emulator));
    const first = await reporter.upsertComment(7, marker, `${marker}\nverdict 1`);
    const second = await reporter.upsertComment(7, marker, `${marker}\nverdict 2`);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    const comments = emulator.state.comments.filter((c) => c.issue_number === 7);
    expect(comments.find((c) => c.id === theirs.id)?.body).toBe(`${marker}\nmallory was here`);
    expect(comments.filter((c) => c.user === 'github-actions[bot]').map((c) => c.body)).toEqual([
      `${marker}\nverdict 2`,
    ]);
    expect(emulator.violations()).toEqual([]);
  });

  it('opens its own incident beside an issue of another user with the label and the dedup marker, and never closes theirs', async () => {
    const emulator = await start();
    const clock = new FakeClock(Date.parse('2026-11-22T03:02:30Z'));
    emulator.setNow(() => new Date(clock.now()).toISOString());
    const bait = emulator.seedIssue({
      title: 'not an incident',
      labels: ['incident'],
      body: incidentMarker('api/production'),
      user: 'mallory',
    });
    const ports = { issues: fastIssues(emulator), clock, logger: quiet };
    const act = async (raw: Record<string, string>, runId: string) =>
      runIncidentAction(ports, await parseIncidentInputs(raw, { ...RUN, runId }, NO_FILES));
    const report = JSON.stringify(canaryRolledBack());
    const opened = await act({ 'deploy-report': report }, '1');
    expect(opened.actionTaken).toBe('created');
    expect(opened.issueNumber).not.toBe(bait.number);
    expect((await act({ action: 'resolve', 'deploy-report': report }, '2')).actionTaken).toBe('closed');
    expect(emulator.state.issues.find((i) => i.number === bait.number)?.state).toBe('open');
    expect(emulator.state.comments.filter((c) => c.issue_number === bait.number)).toEqual([]);
    expect(emulator.violations()).toEqual([]);
  });

  it("still comments when another user pasted this run's marker into the incident", async () => {
    const emulator = await start();
    const clock = new FakeClock(Date.parse('2026-11-22T03:02:30Z'));
    emulator.setNow(() => new Date(clock.now()).toISOString());
    const ports = { issues: fastIssues(emulator), clock, logger: quiet };
    const act = async (raw: Record<string, string>, runId: string) =>
      runIncidentAction(ports, await parseIncidentInputs(raw, { ...RUN, runId }, NO_FILES));
    const report = JSON.stringify(canaryRolledBack());
    const opened = await act({ 'deploy-report': report }, '1');
    const number = opened.issueNumber ?? 0;
    emulator.seedComment(number, runMarker({ runId: '7002', event: 'resolve' }), undefined, 'mallory');
    const resolved = await act({ action: 'resolve', 'deploy-report': report }, '7002');
    expect(resolved.actionTaken).toBe('closed');
    const ours = emulator.state.comments.filter((c) => c.issue_number === number && c.user === 'github-actions[bot]');
    expect(ours.some((c) => c.body.includes('id="7002"'))).toBe(true);
  });
});

describe('GitHub failures', () => {
  it('names the URL and the network error at once when the API port is closed, without retries', async () => {
    const port = await closedPort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const issues = createGitHubIssues({ token: 't', baseUrl, owner: 'o', repo: 'r', logger: quiet });
    const started = Date.now();
    const error = await issues.listOpenIssues('incident').catch((caught: unknown) => caught);
    expect(errorLine(error)).toBe(
      `could not reach the GitHub API at ${baseUrl}: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    // Bound, not a timing assertion: 3 retries would take 14 s.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says the token is invalid or revoked on a 401', async () => {
    const emulator = await start();
    const issues = createGitHubIssues(where(emulator, 'revoked'));
    const error = await issues.listOpenIssues('incident').catch((caught: unknown) => caught);
    expect(errorLine(error)).toMatch(/the token is invalid or revoked \(401: Bad credentials\)/);
  });
});

/** Throttling off: its spacing of writes is client policy, not what is tested. */
function fastIssues(emulator: GitHubEmulator) {
  const octokit = getOctokit(
    'test-token',
    { baseUrl: emulator.url, retry: { retries: 0 }, throttle: { enabled: false } },
    retry,
    throttling,
  );
  return gitHubIssues(octokit as unknown as Octokit, emulator.owner, emulator.repo);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 9;
}
