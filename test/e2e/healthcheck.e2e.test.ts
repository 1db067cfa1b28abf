import { afterEach, describe, expect, it } from 'vitest';
import { type ActionRun, runAction, visibleLog } from '../support/action-runner.js';
import { closedPort, hang, json, startServer, type TestServer, text } from '../support/http-servers.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function server(...args: Parameters<typeof startServer>): Promise<TestServer> {
  const started = await startServer(...args);
  servers.push(started);
  return started;
}

const fast = { interval: '100ms', timeout: '1s', deadline: '3s' };

function errors(run: ActionRun): string[] {
  return run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
}

interface Report {
  healthy: boolean;
  reason: string | null;
  checks: Array<{
    url: string;
    verdict: string;
    attempts: number;
    lastStatus: number | null;
    reason: string | null;
    latencyMs: { p50: number | null };
  }>;
}

describe('healthcheck bundle under Node 24, run as the runner runs it', () => {
  it('passes a healthy URL and writes healthy, report, failed and the summary', async () => {
    const app = await server(json(200, { status: 'UP', version: '1.4.2' }));
    const run = await runAction({
      action: 'healthcheck',
      inputs: { urls: `${app.url}/actuator/health`, 'expect-json': '{"status":"UP"}', ...fast },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.healthy).toBe('true');
    expect(run.outputs.failed).toBe('');
    const report = JSON.parse(run.outputs.report ?? '') as Report;
    expect(report.healthy).toBe(true);
    expect(report.checks[0]).toMatchObject({
      url: `${app.url}/actuator/health`,
      verdict: 'healthy',
      attempts: 1,
      lastStatus: 200,
    });
    expect(report.checks[0]?.latencyMs.p50).toBeGreaterThan(0);
    expect(run.summary).toContain('### ✅ shipgate healthcheck: healthy');
    expect(run.summary).toContain('| URL | verdict | attempts | last status | p50 | p95 | reason |');
    expect(errors(run)).toEqual([]);
    expect(run.stderr).toBe('');
  });

  it('fails with one line naming the URL, the status, the count and the body', async () => {
    const app = await server(json(200, { status: 'UP' }));
    const down = await server(json(503, { status: 'DOWN' }));
    const run = await runAction({
      action: 'healthcheck',
      inputs: { urls: `${app.url}/health\n${down.url}/health`, ...fast, deadline: '1s' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.healthy).toBe('false');
    expect(run.outputs.failed).toBe(`${down.url}/health`);
    expect(errors(run)).toHaveLength(1);
    expect(errors(run)[0]).toMatch(
      new RegExp(
        `^healthcheck: ${down.url.replace(/[.]/g, '\\.')}/health: not healthy within 1s: 503 on \\d+ consecutive probes \\(last body: \\{"status":"DOWN"\\}\\)$`,
      ),
    );
    expect(run.summary).toContain('❌ unhealthy');
    expect(run.stdout).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('checks expect-text as a substring or a /regex/', async () => {
    const app = await server(text(200, 'status: ready'));
    const good = await runAction({
      action: 'healthcheck',
      inputs: { urls: app.url, 'expect-text': '/READY/i', ...fast },
    });
    expect(good.exitCode).toBe(0);
    const bad = await runAction({
      action: 'healthcheck',
      inputs: { urls: app.url, 'expect-text': 'live', ...fast, deadline: '300ms' },
    });
    expect(bad.exitCode).toBe(1);
    expect(errors(bad)[0]).toContain("200 but the body does not contain 'live'");
  });

  it('fails the watch as soon as a URL degrades, not at the end of duration', async () => {
    const app = await server(json(200, { status: 'UP' }));
    setTimeout(() => app.respond(json(500, { status: 'DOWN' })), 1_000);
    const run = await runAction({
      action: 'healthcheck',
      inputs: { urls: `${app.url}/health`, ...fast, duration: '10m', 'failure-threshold': '2' },
      timeoutMs: 20_000,
    });
    expect(run.exitCode).toBe(1);
    expect(run.signal).toBeNull(); // ended by itself, long before the 10m watch or the test's bound
    expect(errors(run)).toEqual([
      `healthcheck: ${app.url}/health: 500 on 2 consecutive probes (last body: {"status":"DOWN"})`,
    ]);
  });

  it('bounds a hung endpoint by timeout and reports connection refused, each with its reason', async () => {
    const hung = await server(hang);
    const port = await closedPort();
    const run = await runAction({
      action: 'healthcheck',
      inputs: {
        urls: `${hung.url}/health\nhttp://127.0.0.1:${port}/health`,
        interval: '100ms',
        timeout: '200ms',
        deadline: '1s',
      },
      timeoutMs: 15_000,
    });
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.outputs.report ?? '') as Report;
    expect(report.checks[0]?.reason).toMatch(
      /not healthy within 1s: no response within 200ms on \d+ consecutive probes$/,
    );
    expect(report.checks[1]?.reason).toMatch(/not healthy within 1s: connection refused on \d+ consecutive probes$/);
  });

  it('reaches localhost whether the server listens on 127.0.0.1 or ::1', async () => {
    const v4 = await server(json(200, {}), { host: '127.0.0.1' });
    const v6 = await server(json(200, {}), { host: '::1' });
    const run = await runAction({
      action: 'healthcheck',
      inputs: { urls: `http://localhost:${v4.port}/\nhttp://localhost:${v6.port}/`, ...fast },
    });
    expect(run.exitCode).toBe(0);
  });

  it('masks header values and URL credentials before anything is logged', async () => {
    const app = await server(json(503, { status: 'DOWN' }));
    const secret = 'Bearer sk-live-4f9a2c';
    const run = await runAction({
      action: 'healthcheck',
      inputs: {
        urls: `http://probe:pa55word@127.0.0.1:${app.port}/health`,
        headers: `Authorization: ${secret}`,
        ...fast,
        deadline: '300ms',
      },
    });
    expect(run.exitCode).toBe(1);
    expect(app.requests[0]?.headers.authorization).toBe(secret);
    expect(run.masks).toEqual(expect.arrayContaining([secret, 'pa55word', 'test-token']));
    for (const leaked of [secret, 'pa55word']) {
      expect(visibleLog(run)).not.toContain(leaked);
      expect(run.summary).not.toContain(leaked);
      expect(run.outputs.report).not.toContain(leaked);
    }
  });

  it('exits non-zero soon after SIGTERM, as a cancelled run', async () => {
    const app = await server(json(200, {}));
    const run = await runAction({
      action: 'healthcheck',
      inputs: { urls: app.url, ...fast, duration: '10m' },
      timeoutMs: 20_000,
      onStart: (child) => setTimeout(() => child.kill('SIGTERM'), 1_000),
    });
    expect(run.exitCode).toBe(1);
    expect(run.signal).toBeNull();
    expect(run.outputs.healthy).toBe('false');
    expect(errors(run)[0]).toBe('healthcheck: cancelled before every URL was healthy');
  });

  it.each([
    [{ timeout: '5x' }, "healthcheck: input 'timeout' is '5x'; expected a duration like 500ms, 5s, 2m or 1h"],
    [
      { 'expected-status': '200-2xx' },
      "healthcheck: input 'expected-status' is '200-2xx'; expected status codes and ranges like 200,204,300-399 (each 100-599)",
    ],
    [
      { 'expect-json': '"UP"' },
      `healthcheck: input 'expect-json' is '"UP"'; expected a JSON object such as {"status":"UP"}`,
    ],
    [
      { headers: 'X-Token s3cr3t-value' },
      "healthcheck: input 'headers' is '***'; expected 'Name: value' on each line (line 1)",
    ],
    [{ concurrency: '0' }, "healthcheck: input 'concurrency' is '0'; expected a whole number from 1 to 1000"],
    [
      { 'failure-threshold': '0' },
      "healthcheck: input 'failure-threshold' is '0'; expected a whole number from 1 to 1000",
    ],
  ])('rejects bad input %j with one line, exit 1, and no request sent', async (inputs, message) => {
    const app = await server(json(200, {}));
    const run = await runAction({ action: 'healthcheck', inputs: { urls: `${app.url}/health`, ...inputs } });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([message]);
    expect(app.requests).toHaveLength(0);
    expect(run.outputs).toEqual({});
    expect(run.stderr).toBe('');
    expect(visibleLog(run)).not.toContain('s3cr3t-value');
  });

  it('rejects a malformed URL with one line and exit 1', async () => {
    const run = await runAction({ action: 'healthcheck', inputs: { urls: 'http//missing-colon/health' } });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([
      "healthcheck: input 'urls' is 'http//missing-colon/health'; expected absolute http:// or https:// URLs, one per line or comma-separated",
    ]);
  });
});
