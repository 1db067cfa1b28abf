import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/core/logger.js';
import type { RunContext } from '../../../src/core/run-context.js';
import type { GateReporter } from '../../../src/health/gate-reporter.js';
import { runHealthcheck } from '../../../src/health/healthcheck.js';
import { parseHealthcheckInputs } from '../../../src/health/healthcheck-settings.js';
import type { HttpClient, HttpResult } from '../../../src/health/http-client.js';
import { FakeClock } from '../../support/fake-clock.js';

const up: HttpResult = { kind: 'response', status: 200, body: '{"status":"UP"}', latencyMs: 3 };
const down: HttpResult = { kind: 'response', status: 503, body: '{"status":"DOWN"}', latencyMs: 3 };

/** Answers each URL with what `answers` says for it. */
function http(answers: Record<string, HttpResult>): HttpClient {
  return { request: async (request) => answers[request.url] ?? down };
}

function logger(lines: string[]): Logger {
  const log = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { info: log('info'), warning: log('warning'), error: log('error'), debug: () => {}, mask: () => {} };
}

/** A GateReporter that keeps what it was asked to write. */
function recordingReporter() {
  const statuses: Array<{ state: string; sha: string; context: string; description: string }> = [];
  const comments: Array<{ pr: number; body: string }> = [];
  const reporter: GateReporter = {
    async setCommitStatus(status) {
      statuses.push({ state: status.state, sha: status.sha, context: status.context, description: status.description });
    },
    async upsertComment(pr, _marker, body) {
      comments.push({ pr, body });
      return { url: `https://github.com/acme/shop/pull/${pr}#issuecomment-1`, created: true };
    },
  };
  return { reporter, statuses, comments };
}

const context: RunContext = {
  repository: { owner: 'acme', repo: 'shop' },
  sha: 'abc123',
  pullRequest: { number: 7, headSha: 'def456' },
  job: 'gate',
  workflow: 'ci',
  runUrl: 'https://github.com/acme/shop/actions/runs/1',
  apiUrl: 'https://api.github.com',
  serverUrl: 'https://github.com',
  workspace: '/tmp',
  inActions: true,
};

describe('runHealthcheck', () => {
  it('passes on healthy URLs, and reports pending then success on the PR head and one sticky comment', async () => {
    const clock = new FakeClock();
    const lines: string[] = [];
    const github = recordingReporter();
    const settings = parseHealthcheckInputs(
      { urls: 'http://a.test/health', 'report-to': 'summary,pr-comment,commit-status', 'github-token': 't' },
      context,
    );
    const result = await clock.run(
      runHealthcheck(settings, {
        http: http({ 'http://a.test/health': up }),
        clock,
        logger: logger(lines),
        context,
        reporter: async () => github.reporter,
      }),
    );
    expect(result.healthy).toBe(true);
    expect(result.failed).toEqual([]);
    expect(result.commentUrl).toBe('https://github.com/acme/shop/pull/7#issuecomment-1');
    expect(github.statuses.map((s) => [s.state, s.sha, s.context])).toEqual([
      ['pending', 'def456', 'shipgate/healthcheck (gate)'],
      ['success', 'def456', 'shipgate/healthcheck (gate)'],
    ]);
    expect(github.statuses[0]?.description).toBe('checking 1 URL');
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toMatch(/^<!-- shipgate:healthcheck key="ci\/gate" -->\n/);
    expect(github.comments[0]?.body).toContain(result.summary);
  });

  it('fails naming the unhealthy URL, and writes a failure status', async () => {
    const clock = new FakeClock();
    const github = recordingReporter();
    const settings = parseHealthcheckInputs(
      {
        urls: 'http://a.test/health\nhttp://b.test/health',
        'report-to': 'commit-status',
        'github-token': 't',
        deadline: '5s',
      },
      context,
    );
    const result = await clock.run(
      runHealthcheck(settings, {
        http: http({ 'http://a.test/health': up, 'http://b.test/health': down }),
        clock,
        logger: logger([]),
        context,
        reporter: async () => github.reporter,
      }),
    );
    expect(result.healthy).toBe(false);
    expect(result.failed).toEqual(['http://b.test/health']);
    expect(github.statuses.map((s) => s.state)).toEqual(['pending', 'failure']);
    expect(github.comments).toEqual([]);
  });

  it('reports to the summary only, with a warning, when GitHub is asked for but there is no token', async () => {
    const clock = new FakeClock();
    const lines: string[] = [];
    let built = false;
    const settings = parseHealthcheckInputs({ urls: 'http://a.test/health', 'report-to': 'pr-comment' }, context);
    const result = await clock.run(
      runHealthcheck(settings, {
        http: http({ 'http://a.test/health': up }),
        clock,
        logger: logger(lines),
        context,
        reporter: async () => {
          built = true;
          return recordingReporter().reporter;
        },
      }),
    );
    expect(result.healthy).toBe(true);
    expect(built).toBe(false);
    expect(lines).toContain(
      'warning: healthcheck: report-to names GitHub, but there is no github-token or repository; reporting to the summary only',
    );
  });

  it('keeps the verdict when GitHub refuses the comment, saying so as a warning', async () => {
    const clock = new FakeClock();
    const lines: string[] = [];
    const reporter: GateReporter = {
      setCommitStatus: async () => {},
      upsertComment: async () => {
        throw new Error('Resource not accessible by integration');
      },
    };
    const settings = parseHealthcheckInputs(
      { urls: 'http://a.test/health', 'report-to': 'pr-comment', 'github-token': 't' },
      context,
    );
    const result = await clock.run(
      runHealthcheck(settings, {
        http: http({ 'http://a.test/health': up }),
        clock,
        logger: logger(lines),
        context,
        reporter: async () => reporter,
      }),
    );
    expect(result.healthy).toBe(true);
    expect(result.commentUrl).toBeUndefined();
    expect(lines).toContain(
      'warning: healthcheck: could not write the pull request comment: Resource not accessible by integration',
    );
  });
});
