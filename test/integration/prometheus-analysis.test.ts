import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import type { Logger } from '../../src/core/logger.js';
import { runAnalysis } from '../../src/health/analysis/analysis.js';
import type { AnalysisReport } from '../../src/health/analysis/analysis-report.js';
import { parseMetrics } from '../../src/health/analysis/metric-settings.js';
import { createPrometheusProvider } from '../../src/health/analysis/prometheus-provider.js';
import { createNodeHttpClient } from '../../src/health/http-client.js';
import type { DemoApp } from '../support/demo-app/index.js';
import { startDemoApp } from '../support/demo-app/index.js';
import type { Load } from '../support/demo-app/load.js';
import { startLoad } from '../support/demo-app/load.js';
import type { RunningPrometheus } from '../support/prometheus.js';
import { startPrometheus } from '../support/prometheus.js';

/**
 * Real demo-app processes, scraped every second by a real Prometheus, under steady load from autocannon.
 *
 * The error-rate queries guard the 5xx side with `or vector(0)`: a slot that never answered 5xx has no
 * 5xx series, and without it the ratio would be empty — no data, which fails the gate of a healthy slot.
 *
 * Fast detection: `irate` takes the last two samples of each counter, so the ratio is the error share
 * of the last scrape interval and one scrape after the fault is enough. `rate(...[10s])` averages the
 * fault with up to ten healthy seconds; a total outage still crosses 1% on the first scrape after it,
 * but a partial one needs several scrapes. The demo app starts its 5xx counter at 0, so the first
 * scrape after the fault already yields a rate (a series born with the first error would need two).
 *
 * The load is closed-loop (2 connections, 20 ms of work per request, about 100 requests a second per
 * slot) rather than autocannon's --overallRate, which sends each second's budget in one burst: with
 * bursts, a fault would only show in the traffic at the next whole second.
 */
const SCRAPE_MS = 1_000;
const RATE_QUERY =
  '(sum(rate(http_requests_total{slot="{slot}",code=~"5.."}[10s])) or vector(0)) / sum(rate(http_requests_total{slot="{slot}"}[10s]))';
const IRATE_QUERY =
  '(sum(irate(http_requests_total{slot="{slot}",code=~"5.."}[5s])) or vector(0)) / sum(irate(http_requests_total{slot="{slot}"}[5s]))';

const silent: Logger = { info: () => {}, warning: () => {}, error: () => {}, debug: () => {}, mask: () => {} };
const http = createNodeHttpClient();

function metrics(yaml: string) {
  return parseMetrics(yaml, 'test');
}

function analyse(prometheus: { url: string }, yaml: string, slot: string, durationMs = 10_000, signal?: AbortSignal) {
  const prometheusProvider = createPrometheusProvider({ http, baseUrl: prometheus.url, timeoutMs: 2_000 });
  return runAnalysis(
    metrics(yaml),
    { clock: systemClock, providers: { prometheus: prometheusProvider }, logger: silent },
    {
      durationMs,
      placeholders: { service: 'demo', environment: 'test', version: '1', slot },
      ...(signal && { signal }),
    },
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not ${what} within ${timeoutMs}ms`);
    await sleep(100);
  }
}

async function instantValue(prometheus: { url: string }, query: string): Promise<number | undefined> {
  const response = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await response.json()) as { data?: { result?: Array<{ value: [number, string] }> } };
  const value = body.data?.result?.[0]?.value[1];
  return value === undefined ? undefined : Number(value);
}

function values(report: AnalysisReport): Array<number | null> {
  return report.metrics.flatMap((metric) => metric.measurements.map((m) => m.value));
}

describe('metric analysis against a real Prometheus', () => {
  const apps: DemoApp[] = [];
  let blue: DemoApp;
  let green: DemoApp;
  let prometheus: RunningPrometheus;
  let load: Load | undefined;
  const extraPrometheus: RunningPrometheus[] = [];

  beforeAll(async () => {
    const starting = await Promise.allSettled([
      startDemoApp({ version: '1.0.0', slot: 'blue' }),
      startDemoApp({ version: '1.1.0', slot: 'green' }),
    ]);
    for (const app of starting) if (app.status === 'fulfilled') apps.push(app.value);
    for (const app of starting) if (app.status === 'rejected') throw app.reason;
    [blue, green] = apps as [DemoApp, DemoApp];
    prometheus = await startPrometheus({
      targets: [`127.0.0.1:${blue.port}`, `127.0.0.1:${green.port}`],
      scrapeIntervalMs: SCRAPE_MS,
    });
    // About 100 requests a second per slot, smooth: 2 connections, 20 ms of work per request.
    load = startLoad({
      urls: [`${blue.url}/api/work?ms=20`, `${green.url}/api/work?ms=20`],
      connections: 2,
      maxDurationSec: 90,
    });
    // Two scrapes with traffic in both slots, so that every rate() has its two samples.
    await until(
      'scraping both slots with traffic',
      async () => (await instantValue(prometheus, 'count(sum by (slot) (rate(http_requests_total[5s])) > 0)')) === 2,
      15_000,
    );
  });

  afterAll(async () => {
    await load?.stop();
    await Promise.all([prometheus?.stop(), ...extraPrometheus.map((p) => p.stop()), ...apps.map((app) => app.stop())]);
  });

  it('passes an error-rate gate while the slot answers 2xx', async () => {
    const report = await analyse(
      prometheus,
      `- name: error-rate\n  query: ${JSON.stringify(RATE_QUERY)}\n  max: 0.01\n  interval: 1s\n  count: 3\n`,
      'blue',
    );
    expect(report.verdict, report.reason).toBe('Successful');
    expect(values(report)).toEqual([0, 0, 0]);
    expect(report.metrics[0]?.measurements[0]?.query).toContain('slot="blue"');
  });

  it('fails the gate within one interval and one scrape after the slot starts answering 5xx', async () => {
    const budgetMs = 1_000 + SCRAPE_MS + 100;
    const detections: number[] = [];
    for (let trial = 0; trial < 3; trial += 1) {
      const started = analyse(
        prometheus,
        `- name: error-rate\n  query: ${JSON.stringify(IRATE_QUERY)}\n  max: 0.01\n  interval: 1s\n  failure-limit: 0\n`,
        'green',
        30_000,
      );
      // Two healthy measurements first, then the fault at an arbitrary point of the scrape and measure cycles.
      await sleep(2_000 + Math.floor(Math.random() * 1_000));
      const faultAt = await green.setMode('error');
      const report = await started;
      const detectedMs = Date.now() - faultAt;
      await green.setMode('healthy');

      expect(report.verdict, report.reason).toBe('Failed');
      const measurements = report.metrics[0]?.measurements ?? [];
      expect(measurements.filter((m) => m.verdict === 'Successful').length).toBeGreaterThanOrEqual(2);
      expect(measurements[measurements.length - 1]?.value).toBeGreaterThan(0.01);
      expect(report.reason).toMatch(/^error-rate: [\d.]+ > max 0\.01 on 1 of \d+ measurements \(failure-limit 0\)$/);
      // Behaviour, not timing: the gate fails long before its 30 s are up. The figure against the budget
      // (one interval + one scrape + 100 ms) is printed below; machines are too noisy to fail on it.
      expect(detectedMs).toBeLessThan(10_000);
      detections.push(detectedMs);
      // irate forgets the fault after two clean scrapes.
      await sleep(2 * SCRAPE_MS + 500);
    }
    console.log(
      `irate gate (interval 1s, scrape 1s): failed ${detections.map((ms) => `${(ms / 1000).toFixed(2)}s`).join(', ')} after the app turned bad (budget ${budgetMs / 1000}s)`,
    );
  }, 45_000);

  it('fails a rate-over-10s gate at the first scrape after a total outage of the slot', async () => {
    const started = analyse(
      prometheus,
      `- name: error-rate\n  query: ${JSON.stringify(RATE_QUERY)}\n  max: 0.01\n  interval: 1s\n`,
      'blue',
      30_000,
    );
    await sleep(2_000 + Math.floor(Math.random() * 1_000));
    const faultAt = await blue.setMode('error');
    const report = await started;
    const detectedMs = Date.now() - faultAt;
    await blue.setMode('healthy');

    expect(report.verdict, report.reason).toBe('Failed');
    console.log(
      `rate[10s] gate (interval 1s, scrape 1s): failed ${(detectedMs / 1000).toFixed(2)}s after the app turned bad; ${report.reason}`,
    );
    expect(detectedMs).toBeLessThan(10_000);
  });

  it('errors, never passes, when Prometheus stops in the middle of the analysis', async () => {
    const doomed = await startPrometheus({ targets: [`127.0.0.1:${green.port}`], scrapeIntervalMs: SCRAPE_MS });
    extraPrometheus.push(doomed);
    const started = analyse(
      doomed,
      `- name: error-rate\n  query: ${JSON.stringify(IRATE_QUERY)}\n  max: 0.01\n  interval: 1s\n  error-limit: 1\n  on-no-data: inconclusive\n  inconclusive-limit: 5\n`,
      'green',
      20_000,
    );
    await sleep(1_500);
    await doomed.stop();
    const report = await started;

    expect(report.verdict).toBe('Error');
    const measurements = report.metrics[0]?.measurements ?? [];
    expect(measurements.slice(-2).map((m) => m.verdict)).toEqual(['Error', 'Error']);
    expect(measurements[measurements.length - 1]?.error).toMatch(
      /^Prometheus at http:\/\/127\.0\.0\.1:\d+ unreachable: connection refused$/,
    );
    expect(report.reason).toMatch(
      /^error-rate: 2 consecutive errors \(error-limit 1\), last: Prometheus at .* unreachable: connection refused$/,
    );
  });

  it("reports a bad PromQL query as an Error with Prometheus's own message", async () => {
    const report = await analyse(
      prometheus,
      '- name: broken\n  query: sum(rate(http_requests_total{slot="{slot}"}[10s])\n  max: 1\n  interval: 100ms\n  count: 1\n',
      'blue',
    );
    expect(report.verdict).toBe('Error');
    const error = report.metrics[0]?.measurements[0]?.error ?? '';
    expect(error).toMatch(/^Prometheus rejected the query \(400\): bad_data: /);
    expect(error).toContain('parse error');
  });

  it('reports a query that returns several series as an Error naming how many', async () => {
    const report = await analyse(
      prometheus,
      '- name: not-aggregated\n  query: rate(http_requests_total{code="200"}[10s])\n  max: 1000\n  interval: 100ms\n  count: 1\n',
      'blue',
    );
    expect(report.verdict).toBe('Error');
    expect(report.metrics[0]?.measurements[0]?.error).toMatch(
      /^query returned 2 series; expected one \(aggregate with sum\(\.\.\.\)\)/,
    );
  });
});
