import { describe, expect, it } from 'vitest';
import { parseStatusSet } from '../../../src/core/status-set.js';
import { type GateTiming, runHealthGate } from '../../../src/health/health-gate.js';
import type { HttpClient, HttpResult } from '../../../src/health/http-client.js';
import type { ProbeTarget } from '../../../src/health/http-probe.js';
import { FakeClock } from '../../support/fake-clock.js';

const timing: GateTiming = {
  intervalMs: 1_000,
  successThreshold: 1,
  failureThreshold: 3,
  deadlineMs: 10_000,
  durationMs: 0,
  concurrency: 16,
};

function target(url: string): ProbeTarget {
  return {
    name: url,
    request: { url, method: 'GET', headers: {}, timeoutMs: 500 },
    expect: { status: parseStatusSet('200-299')! },
  };
}

const ok: HttpResult = { kind: 'response', status: 200, body: '{"status":"UP"}', latencyMs: 12 };
const down: HttpResult = { kind: 'response', status: 503, body: '{"status":"DOWN"}', latencyMs: 8 };

/** An HTTP client whose answer is a function of the URL and the fake time since the test started. */
function scripted(clock: FakeClock, answer: (url: string, elapsedMs: number) => HttpResult, latencyMs = 0) {
  const start = clock.now();
  const stats = { inFlight: 0, maxInFlight: 0, requests: 0 };
  const client: HttpClient = {
    async request(request, signal) {
      stats.requests += 1;
      stats.inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        if (latencyMs > 0) await clock.sleep(latencyMs, signal);
        return answer(request.url, clock.now() - start);
      } catch {
        return { kind: 'failure', failure: 'aborted', reason: 'aborted', latencyMs: 0 };
      } finally {
        stats.inFlight -= 1;
      }
    },
  };
  return { client, stats };
}

describe('runHealthGate', () => {
  it('is healthy after one successful probe of each URL by default', async () => {
    const clock = new FakeClock();
    const { client } = scripted(clock, () => ok);
    const report = await clock.run(
      runHealthGate([target('http://a/health'), target('http://b/health')], timing, { http: client, clock }),
    );
    expect(report.healthy).toBe(true);
    expect(report.reason).toBeNull();
    expect(report.checks.map((check) => [check.verdict, check.attempts, check.lastStatus])).toEqual([
      ['healthy', 1, 200],
      ['healthy', 1, 200],
    ]);
    expect(report.finishedAt).toBe(report.startedAt);
  });

  it('waits for success-threshold consecutive successes, one interval apart', async () => {
    const clock = new FakeClock();
    const { client } = scripted(clock, () => ok);
    const report = await clock.run(
      runHealthGate([target('http://a/')], { ...timing, successThreshold: 3 }, { http: client, clock }),
    );
    expect(report.checks[0]?.attempts).toBe(3);
    expect(Date.parse(report.checks[0]!.healthyAt!) - Date.parse(report.startedAt)).toBe(2_000);
  });

  it('tolerates failures before a URL is healthy and passes once it recovers', async () => {
    const clock = new FakeClock();
    const { client } = scripted(clock, (_url, elapsed) => (elapsed < 4_000 ? down : ok));
    const report = await clock.run(runHealthGate([target('http://a/')], timing, { http: client, clock }));
    expect(report.healthy).toBe(true);
    expect(report.checks[0]?.attempts).toBe(5);
  });

  it('fails at the deadline naming the last failure and the body', async () => {
    const clock = new FakeClock();
    const { client } = scripted(clock, (url) => (url.includes('bad') ? down : ok));
    const report = await clock.run(
      runHealthGate([target('http://good/'), target('http://bad/health')], timing, { http: client, clock }),
    );
    expect(report.healthy).toBe(false);
    expect(Date.parse(report.finishedAt) - Date.parse(report.startedAt)).toBe(10_000);
    expect(report.reason).toBe(
      'http://bad/health: not healthy within 10s: 503 on 10 consecutive probes (last body: {"status":"DOWN"})',
    );
    expect(report.checks.map((check) => check.verdict)).toEqual(['healthy', 'unhealthy']);
  });

  it('fails the watch as soon as a healthy URL fails failure-threshold times in a row, not at the end of duration', async () => {
    const clock = new FakeClock();
    const faultAt = 5_500;
    const { client } = scripted(clock, (_url, elapsed) => (elapsed < faultAt ? ok : down));
    const report = await clock.run(
      runHealthGate([target('http://a/health')], { ...timing, durationMs: 600_000 }, { http: client, clock }),
    );
    expect(report.healthy).toBe(false);
    expect(report.reason).toBe('http://a/health: 503 on 3 consecutive probes (last body: {"status":"DOWN"})');
    const detectedAfterFault = Date.parse(report.finishedAt) - Date.parse(report.startedAt) - faultAt;
    expect(detectedAfterFault).toBeLessThanOrEqual(timing.failureThreshold * timing.intervalMs);
  });

  it('detects a hung endpoint within failure-threshold x interval + timeout, probes overlapping', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const faultAt = 5_200;
    const timeoutMs = 2_000;
    const client: HttpClient = {
      async request(_request, signal) {
        if (clock.now() - start < faultAt) return ok;
        await clock.sleep(timeoutMs, signal).catch(() => undefined);
        return { kind: 'failure', failure: 'timeout', reason: 'no response within 2s', latencyMs: timeoutMs };
      },
    };
    const report = await clock.run(
      runHealthGate([target('http://a/')], { ...timing, durationMs: 600_000 }, { http: client, clock }),
    );
    expect(report.reason).toBe('http://a/: no response within 2s on 3 consecutive probes');
    const detectedAfterFault = Date.parse(report.finishedAt) - start - faultAt;
    expect(detectedAfterFault).toBeLessThanOrEqual(timing.failureThreshold * timing.intervalMs + timeoutMs);
    expect(clock.pending).toBe(0);
  });

  it('passes after watching for the whole duration when every URL stays healthy', async () => {
    const clock = new FakeClock();
    const { client, stats } = scripted(clock, () => ok);
    const report = await clock.run(
      runHealthGate([target('http://a/')], { ...timing, durationMs: 30_000 }, { http: client, clock }),
    );
    expect(report.healthy).toBe(true);
    expect(Date.parse(report.finishedAt) - Date.parse(report.startedAt)).toBe(30_000);
    expect(stats.requests).toBe(30);
  });

  it('tolerates fewer than failure-threshold failures in a row while watching', async () => {
    const clock = new FakeClock();
    const { client } = scripted(clock, (_url, elapsed) => (elapsed >= 3_000 && elapsed < 5_000 ? down : ok));
    const report = await clock.run(
      runHealthGate([target('http://a/')], { ...timing, durationMs: 10_000 }, { http: client, clock }),
    );
    expect(report.healthy).toBe(true);
  });

  it('never has more than concurrency requests in flight', async () => {
    const clock = new FakeClock();
    const { client, stats } = scripted(clock, () => ok, 50);
    const targets = Array.from({ length: 40 }, (_, i) => target(`http://h${i}/`));
    const report = await clock.run(runHealthGate(targets, { ...timing, concurrency: 5 }, { http: client, clock }));
    expect(report.healthy).toBe(true);
    expect(stats.maxInFlight).toBe(5);
    expect(Date.parse(report.finishedAt) - Date.parse(report.startedAt)).toBe((40 / 5) * 50);
  });

  it('stops probing and reports not healthy when the run is cancelled', async () => {
    const clock = new FakeClock();
    const { client } = scripted(clock, () => ok);
    const cancel = new AbortController();
    const gate = runHealthGate(
      [target('http://a/')],
      { ...timing, durationMs: 60_000 },
      { http: client, clock, signal: cancel.signal },
    );
    clock.sleep(3_000).then(
      () => cancel.abort(new Error('SIGTERM')),
      () => undefined,
    );
    const report = await clock.run(gate);
    expect(report.healthy).toBe(false);
    expect(Date.parse(report.finishedAt) - Date.parse(report.startedAt)).toBe(3_000);
    expect(clock.pending).toBe(0);
  });

  it('reports a URL not yet judged as undecided when another URL fails the gate', async () => {
    const clock = new FakeClock();
    const { client } = scripted(clock, (url, elapsed) => (url.includes('slow') ? down : elapsed < 2_000 ? ok : down));
    const report = await clock.run(
      runHealthGate(
        [target('http://flaky/'), target('http://slow/')],
        { ...timing, durationMs: 60_000 },
        { http: client, clock },
      ),
    );
    expect(report.healthy).toBe(false);
    expect(report.checks.map((check) => check.verdict)).toEqual(['unhealthy', 'undecided']);
    expect(report.reason).toBe('http://flaky/: 503 on 3 consecutive probes (last body: {"status":"DOWN"})');
  });

  it('keeps latency percentiles of the responses it got', async () => {
    const clock = new FakeClock();
    const { client } = scripted(clock, () => ok);
    const report = await clock.run(
      runHealthGate([target('http://a/')], { ...timing, durationMs: 5_000 }, { http: client, clock }),
    );
    expect(report.checks[0]?.latencyMs).toEqual({ p50: 12, p95: 12 });
  });
});
