import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionRun, runAction } from '../support/action-runner.js';
import { type DemoApp, startDemoApp } from '../support/demo-app/index.js';
import { type Load, startLoad } from '../support/demo-app/load.js';
import { type RunningPrometheus, startPrometheus } from '../support/prometheus.js';

/**
 * The healthcheck bundle (Node 24, as the runner runs it) gating on metrics from a real Prometheus that
 * scrapes real demo-app processes under load (SPEC §6): evidence in the summary and the report.
 */
let app: DemoApp;
let prometheus: RunningPrometheus;
let load: Load;

beforeAll(async () => {
  app = await startDemoApp({ version: '1.4.2', slot: 'green' });
  prometheus = await startPrometheus({ targets: [`127.0.0.1:${app.port}`], scrapeIntervalMs: 1_000 });
  load = startLoad({ urls: [`${app.url}/api/work?ms=20`], connections: 2 });
  // Wait (bounded) until Prometheus has scraped traffic twice, so the rates exist.
  const query = encodeURIComponent('sum(irate(http_requests_total{slot="green"}[5s]))');
  for (let i = 0; i < 100; i += 1) {
    const body = (await (await fetch(`${prometheus.url}/api/v1/query?query=${query}`)).json()) as {
      data?: { result?: unknown[] };
    };
    if ((body.data?.result?.length ?? 0) > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 60_000);

afterAll(async () => {
  await load?.stop();
  await prometheus?.stop();
  await app?.stop();
});

const errorRate = (max: number) =>
  `- name: error-rate\n  query: '(sum(irate(http_requests_total{slot="green",code=~"5.."}[5s])) or vector(0)) / sum(irate(http_requests_total{slot="green"}[5s]))'\n  max: ${max}\n  interval: 1s\n`;

function gate(metrics: string, extra: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    action: 'healthcheck',
    inputs: {
      urls: `${app.url}/health`,
      interval: '200ms',
      timeout: '1s',
      deadline: '5s',
      duration: '3s',
      'prometheus-url': prometheus.url,
      metrics,
      ...extra,
    },
    timeoutMs: 30_000,
  });
}

interface Report {
  healthy: boolean;
  reason: string | null;
  analysis?: {
    verdict: string;
    metrics: Array<{
      name: string;
      verdict: string;
      measurements: Array<{ query: string; raw: string; verdict: string }>;
    }>;
  };
}

describe('healthcheck with metric analysis against a real Prometheus', () => {
  it('passes while the app answers 2xx, with every measurement in the report and the summary', async () => {
    const run = await gate(errorRate(0.01));
    expect(run.exitCode, run.stdout).toBe(0);
    const report = JSON.parse(run.outputs.report ?? '{}') as Report;
    expect(report.analysis?.verdict).toBe('Successful');
    const measurements = report.analysis?.metrics[0]?.measurements ?? [];
    expect(measurements.length).toBeGreaterThanOrEqual(2);
    expect(measurements[0]?.query).toContain('slot="green"');
    expect(run.summary).toContain('Metric analysis: Successful');
    expect(run.summary).toContain('xychart-beta');
  });

  it('fails, naming the metric and the values, when the app turns to 5xx', async () => {
    await app.setMode('error');
    try {
      const run = await gate(errorRate(0.01), { duration: '10s' });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.healthy).toBe('false');
      expect(run.outputs.failed).toBe('error-rate');
      const error = run.annotations.find((a) => a.level === 'error')?.message ?? '';
      expect(error).toMatch(
        /^healthcheck: analysis Failed: error-rate: [\d.]+ > max 0\.01 on \d+ of \d+ measurements? \(failure-limit 0\)$/,
      );
    } finally {
      await app.setMode('healthy');
    }
  });

  it('is an Error, never a pass, when Prometheus answers a bad query', async () => {
    const run = await gate(
      `- name: broken\n  query: 'sum(rate(http_requests_total[5s]'\n  max: 1\n  interval: 500ms\n  error-limit: 1\n`,
    );
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.outputs.report ?? '{}') as Report;
    expect(report.analysis?.verdict).toBe('Error');
    expect(report.reason).toMatch(/parse error|unclosed/i);
  });

  it('refuses metrics without prometheus-url before probing anything', async () => {
    const run = await runAction({
      action: 'healthcheck',
      inputs: { urls: `${app.url}/health`, metrics: errorRate(0.01) },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      "healthcheck: input 'prometheus-url' is missing; expected the http:// or https:// URL of a Prometheus server (metric 'error-rate' queries Prometheus)",
    ]);
  });

  it('names the metric and the key of a bad metrics input', async () => {
    const run = await runAction({
      action: 'healthcheck',
      inputs: {
        urls: `${app.url}/health`,
        'prometheus-url': prometheus.url,
        metrics: '- name: error-rate\n  query: up\n  max: 0.01\n  interval: 5x\n',
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      "healthcheck: input 'metrics' metric 'error-rate' key 'interval' is '5x'; expected a duration like 500ms, 5s, 2m or 1h",
    ]);
  });
});
