import { describe, expect, it } from 'vitest';
import { ShipgateError } from '../../../../src/core/errors.js';
import type { Logger } from '../../../../src/core/logger.js';
import type { AnalysisOptions } from '../../../../src/health/analysis/analysis.js';
import { plannedMeasurements, providersNeeded, runAnalysis } from '../../../../src/health/analysis/analysis.js';
import type { MeasureContext, MeasureResult, MetricProvider } from '../../../../src/health/analysis/metric-provider.js';
import { parseMetrics } from '../../../../src/health/analysis/metric-settings.js';
import { FakeClock } from '../../../support/fake-clock.js';

const START = Date.UTC(2026, 10, 22, 3, 0, 0);

function quietLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(message),
    warning: (message) => lines.push(`warning: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
    debug: () => {},
    mask: () => {},
  };
}

const value = (v: number, raw = String(v)): MeasureResult => ({ kind: 'value', value: v, raw });
const noData: MeasureResult = { kind: 'no-data', raw: '[]' };
const error = (reason: string): MeasureResult => ({ kind: 'error', reason });

interface Call {
  readonly query: string;
  readonly at: number;
  readonly context: MeasureContext | undefined;
}

/**
 * A provider answering per query from a script, one entry per call (the last repeats); an entry may be
 * a function of the fake time, and a `delayMs` makes each measurement take that long on the fake clock.
 */
function scripted(
  clock: FakeClock,
  script: Record<string, ReadonlyArray<MeasureResult | ((now: number) => MeasureResult)>>,
  delayMs = 0,
): MetricProvider & { calls: Call[] } {
  const calls: Call[] = [];
  const counts = new Map<string, number>();
  return {
    calls,
    async measure(query, signal, context) {
      calls.push({ query, at: clock.now(), context });
      const index = counts.get(query) ?? 0;
      counts.set(query, index + 1);
      const answers = script[query];
      if (!answers) throw new Error(`no script for ${query}`);
      if (delayMs > 0) await clock.sleep(delayMs, signal).catch(() => undefined);
      if (signal?.aborted) return error('aborted');
      const answer = answers[Math.min(index, answers.length - 1)];
      if (!answer) throw new Error(`empty script for ${query}`);
      return typeof answer === 'function' ? answer(clock.now()) : answer;
    },
  };
}

const placeholders = { service: 'api', environment: 'production', version: '1.4.2', slot: 'green' };

function run(
  clock: FakeClock,
  yaml: string,
  providers: { prometheus?: MetricProvider; command?: MetricProvider },
  options: Partial<AnalysisOptions> & { drive?: boolean } = {},
) {
  const logger = quietLogger();
  const { drive = true, ...rest } = options;
  const analysis = runAnalysis(
    parseMetrics(yaml, 'test'),
    { clock, providers, logger },
    { durationMs: 60_000, placeholders, ...rest },
  );
  // Driven: the fake clock jumps from timer to timer until the end. Not driven: the test moves time itself.
  return { report: drive ? clock.run(analysis) : analysis, logger };
}

const at = (ms: number): string => new Date(START + ms).toISOString();

describe('runAnalysis', () => {
  it('measures every interval from t = interval and passes after the planned count', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, { 'error_rate{slot="green"}': [value(0.002), value(0.004), value(0)] });
    const { report } = run(
      clock,
      '- name: error-rate\n  query: error_rate{slot="{slot}"}\n  max: 0.01\n  interval: 10s\n  count: 3\n',
      {
        prometheus,
      },
    );
    const result = await report;
    expect(result).toEqual({
      verdict: 'Successful',
      reason: 'error-rate: 3 of 3 measurements within <= 0.01 (last 0)',
      aborted: false,
      startedAt: at(0),
      finishedAt: at(30_000),
      metrics: [
        {
          name: 'error-rate',
          provider: 'prometheus',
          dryRun: false,
          verdict: 'Successful',
          reason: 'error-rate: 3 of 3 measurements within <= 0.01 (last 0)',
          condition: '<= 0.01',
          max: 0.01,
          intervalMs: 10_000,
          planned: 3,
          decided: true,
          measurements: [
            {
              at: at(10_000),
              query: 'error_rate{slot="green"}',
              result: 'value',
              value: 0.002,
              raw: '0.002',
              verdict: 'Successful',
            },
            {
              at: at(20_000),
              query: 'error_rate{slot="green"}',
              result: 'value',
              value: 0.004,
              raw: '0.004',
              verdict: 'Successful',
            },
            {
              at: at(30_000),
              query: 'error_rate{slot="green"}',
              result: 'value',
              value: 0,
              raw: '0',
              verdict: 'Successful',
            },
          ],
        },
      ],
    });
    expect(clock.pending).toBe(0);
  });

  it('stops the moment a metric fails, leaving the others without a verdict', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, {
      errors: [value(0.002), value(0.0833)],
      latency: [value(0.2)],
    });
    const yaml = [
      '- name: error-rate',
      '  query: errors',
      '  max: 0.01',
      '  interval: 10s',
      '- name: latency-p99',
      '  query: latency',
      '  max: 0.5',
      '  interval: 15s',
    ].join('\n');
    const result = await run(clock, yaml, { prometheus }).report;
    expect(result.verdict).toBe('Failed');
    expect(result.reason).toBe('error-rate: 0.0833 > max 0.01 on 1 of 2 measurements (failure-limit 0)');
    expect(result.finishedAt).toBe(at(20_000));
    expect(result.metrics[1]).toMatchObject({
      verdict: 'Inconclusive',
      decided: false,
      reason: 'latency-p99: no verdict after 1 of 4 measurements (the gate was decided first)',
    });
    expect(prometheus.calls.map((call) => [call.query, call.at - START])).toEqual([
      ['errors', 10_000],
      ['latency', 15_000],
      ['errors', 20_000],
    ]);
    expect(clock.pending).toBe(0);
  });

  it.each([
    ['count given', 'count: 4', 60_000, 4],
    ['as many as fit in the gate', '', 60_000, 6],
    ['at least one when the gate is shorter than the interval', '', 5_000, 1],
    ['the gate time rounded down', '', 65_000, 6],
  ])('plans measurements: %s', async (_, countLine, durationMs, planned) => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, { up: [value(1)] });
    const result = await run(
      clock,
      `- name: up\n  query: up\n  min: 1\n  interval: 10s\n  ${countLine}\n`,
      { prometheus },
      { durationMs },
    ).report;
    expect(result.metrics[0]?.planned).toBe(planned);
    expect(result.metrics[0]?.measurements).toHaveLength(planned);
    expect(plannedMeasurements({ intervalMs: 10_000, ...(countLine ? { count: 4 } : {}) }, durationMs)).toBe(planned);
  });

  it('errors when consecutive errors exceed error-limit, naming the last error', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, {
      up: [
        value(1),
        error('connection refused'),
        value(1),
        error('connection refused'),
        error('connection refused'),
        error('no response within 2s'),
      ],
    });
    const result = await run(clock, '- name: up\n  query: up\n  min: 1\n  interval: 1s\n  error-limit: 2\n', {
      prometheus,
    }).report;
    expect(result.verdict).toBe('Error');
    expect(result.reason).toBe('up: 3 consecutive errors (error-limit 2), last: no response within 2s');
    expect(result.metrics[0]?.measurements.map((m) => m.verdict)).toEqual([
      'Successful',
      'Error',
      'Successful',
      'Error',
      'Error',
      'Error',
    ]);
    expect(result.metrics[0]?.measurements[5]).toMatchObject({
      result: 'error',
      value: null,
      raw: '',
      error: 'no response within 2s',
    });
  });

  it('never passes a run in which every measurement errored', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, { up: [error('connection refused')] });
    const result = await run(
      clock,
      '- name: up\n  query: up\n  min: 1\n  interval: 10s\n  count: 3\n  error-limit: 10\n',
      { prometheus },
    ).report;
    expect(result.verdict).toBe('Error');
    expect(result.reason).toBe('up: no measurement passed in 3 (3 errors), last: connection refused');
  });

  it('fails on no data by default, and passes it only when told to', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, { a: [noData], b: [noData, value(0)] });
    const yaml = '- name: a\n  query: a\n  max: 1\n  interval: 10s\n  count: 1\n';
    expect((await run(clock, yaml, { prometheus }).report).reason).toBe(
      'a: no data on 1 of 1 measurement (on-no-data fail, failure-limit 0)',
    );
    const passing = await run(
      clock,
      '- name: b\n  query: b\n  max: 1\n  interval: 10s\n  count: 2\n  on-no-data: pass\n',
      { prometheus },
    ).report;
    expect(passing.verdict).toBe('Successful');
    expect(passing.metrics[0]?.measurements[0]).toMatchObject({
      result: 'no-data',
      value: null,
      raw: '[]',
      verdict: 'Successful',
    });
  });

  it('fails on NaN and keeps the report JSON-serialisable', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, { ratio: [value(Number.NaN, 'NaN')] });
    const result = await run(clock, '- name: ratio\n  query: ratio\n  max: 0.01\n  interval: 10s\n', { prometheus })
      .report;
    expect(result.verdict).toBe('Failed');
    expect(result.reason).toBe('ratio: NaN (not a number) against <= 0.01 on 1 of 1 measurement (failure-limit 0)');
    expect(result.metrics[0]?.measurements[0]).toMatchObject({ value: null, raw: 'NaN', verdict: 'Failed' });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('reports a dry-run metric without letting it decide', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, { errors: [value(0)], latency: [value(3)] });
    const yaml = [
      '- name: error-rate',
      '  query: errors',
      '  max: 0.01',
      '  interval: 10s',
      '  count: 3',
      '- name: latency-p99',
      '  query: latency',
      '  max: 0.5',
      '  interval: 10s',
      '  count: 3',
      '  dry-run: true',
    ].join('\n');
    const result = await run(clock, yaml, { prometheus }).report;
    expect(result.verdict).toBe('Successful');
    expect(result.reason).toBe('error-rate: 3 of 3 measurements within <= 0.01 (last 0)');
    expect(result.metrics[1]).toMatchObject({ dryRun: true, verdict: 'Failed', decided: true });
    expect(result.metrics[1]?.reason).toBe('latency-p99: 3 > max 0.5 on 1 of 1 measurement (failure-limit 0)');
  });

  it('runs the schedule of dry-run metrics when nothing else decides', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, { latency: [value(0.1)] });
    const result = await run(
      clock,
      '- name: p99\n  query: latency\n  max: 0.5\n  interval: 10s\n  dry-run: true\n',
      { prometheus },
      { durationMs: 30_000 },
    ).report;
    expect(result.verdict).toBe('Successful');
    expect(result.reason).toBe('no metric decides the gate (1 dry-run)');
    expect(result.metrics[0]?.measurements).toHaveLength(3);
  });

  it('waits for a metric that could still fail after another errored, then takes the worst', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, { a: [error('bad_data: parse error')], b: [value(0), value(0), value(5)] });
    const yaml = [
      '- name: a',
      '  query: a',
      '  max: 1',
      '  interval: 10s',
      '  error-limit: 0',
      '- name: b',
      '  query: b',
      '  max: 1',
      '  interval: 10s',
      '  count: 3',
    ].join('\n');
    const result = await run(clock, yaml, { prometheus }).report;
    expect(result.verdict).toBe('Failed');
    expect(result.reason).toBe('b: 5 > max 1 on 1 of 3 measurements (failure-limit 0)');
    expect(result.metrics[0]).toMatchObject({
      verdict: 'Error',
      reason: 'a: 1 consecutive errors (error-limit 0), last: bad_data: parse error',
    });
  });

  it('decides a metric as soon as the measurements left cannot change its verdict', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, { up: [value(1)] });
    const result = await run(
      clock,
      '- name: up\n  query: up\n  min: 1\n  interval: 10s\n  count: 6\n  failure-limit: 2\n  error-limit: 2\n',
      { prometheus },
    ).report;
    expect(result.verdict).toBe('Successful');
    expect(result.metrics[0]?.measurements).toHaveLength(4);
    expect(result.reason).toBe(
      'up: 4 of 4 measurements within >= 1 (last 1); the 2 left of 6 cannot change the verdict',
    );
    expect(result.finishedAt).toBe(at(40_000));
  });

  it('ends with an aborted report when the signal aborts, never a pass', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, { up: [value(1)] });
    const controller = new AbortController();
    const { report } = run(
      clock,
      '- name: up\n  query: up\n  min: 1\n  interval: 10s\n',
      { prometheus },
      { signal: controller.signal, drive: false },
    );
    await clock.advance(25_000);
    controller.abort(new Error('cancelled'));
    const result = await report;
    expect(result).toMatchObject({ verdict: 'Inconclusive', aborted: true, finishedAt: at(25_000) });
    expect(result.reason).toBe('aborted: up: no verdict after 2 of 6 measurements (the analysis was aborted)');
    expect(clock.pending).toBe(0);
  });

  it('drops a measurement that was in flight when the signal aborted', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, { up: [value(1)] }, 3_000);
    const controller = new AbortController();
    const { report } = run(
      clock,
      '- name: up\n  query: up\n  min: 1\n  interval: 10s\n',
      { prometheus },
      { signal: controller.signal, drive: false },
    );
    await clock.advance(11_000);
    controller.abort();
    const result = await report;
    expect(result.metrics[0]?.measurements).toEqual([]);
    expect(result.aborted).toBe(true);
    expect(result.verdict).toBe('Inconclusive');
  });

  it('returns at once for a signal aborted before the start', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, { up: [value(1)] });
    const result = await run(
      clock,
      '- name: up\n  query: up\n  min: 1\n',
      { prometheus },
      { signal: AbortSignal.abort() },
    ).report;
    expect(result).toMatchObject({ aborted: true, verdict: 'Inconclusive', finishedAt: at(0) });
    expect(prometheus.calls).toEqual([]);
  });

  it('spaces measurements at least one interval apart when one is slow', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, { up: [value(1)] }, 25_000);
    const result = await run(clock, '- name: up\n  query: up\n  min: 1\n  interval: 10s\n  count: 3\n', { prometheus })
      .report;
    expect(prometheus.calls.map((call) => call.at - START)).toEqual([10_000, 35_000, 60_000]);
    expect(result.verdict).toBe('Successful');
  });

  it('records a provider that throws as an Error measurement', async () => {
    const clock = new FakeClock(START);
    const prometheus: MetricProvider = {
      measure: () => Promise.reject(new Error('socket exploded')),
    };
    const result = await run(clock, '- name: up\n  query: up\n  min: 1\n  interval: 1s\n  error-limit: 0\n', {
      prometheus,
    }).report;
    expect(result.verdict).toBe('Error');
    expect(result.metrics[0]?.measurements[0]?.error).toBe('socket exploded');
  });

  it('expands placeholders as PromQL string content, so a version cannot rewrite the query', async () => {
    const clock = new FakeClock(START);
    const version = '1"} or vector(0) or up{x="';
    const expanded = 'errors{service="api",version="1\\"} or vector(0) or up{x=\\"",slot="green"}';
    const prometheus = scripted(clock, { [expanded]: [value(0)] });
    const result = await run(
      clock,
      '- name: e\n  query: errors{service="{service}",version="{version}",slot="{slot}"}\n  max: 1\n  interval: 1s\n  count: 1\n',
      { prometheus },
      { placeholders: { ...placeholders, version } },
    ).report;
    expect(result.metrics[0]?.measurements[0]?.query).toBe(expanded);
  });

  it('gives a command metric its command and the placeholders, with the query expanded verbatim', async () => {
    const clock = new FakeClock(START);
    const command = scripted(clock, { 'depth of api@1"x': [value(3)] });
    const result = await run(
      clock,
      "- name: queue\n  provider: command\n  command: ./depth.sh\n  query: 'depth of {service}@{version}'\n  max: 10\n  interval: 1s\n  count: 1\n",
      { command },
      { placeholders: { ...placeholders, version: '1"x' } },
    ).report;
    expect(result.verdict).toBe('Successful');
    expect(command.calls[0]?.context).toEqual({
      metric: 'queue',
      command: './depth.sh',
      placeholders: { ...placeholders, version: '1"x' },
    });
  });

  it('refuses, before measuring, a metric whose provider is not configured', async () => {
    const clock = new FakeClock(START);
    await expect(
      runAnalysis(
        parseMetrics('- name: up\n  query: up\n  min: 1\n', 't'),
        { clock, providers: {}, logger: quietLogger() },
        { durationMs: 1_000, placeholders },
      ),
    ).rejects.toThrow(
      new ShipgateError(
        'missing-provider',
        "metric 'up' uses provider prometheus, which is not configured (set prometheus-url)",
      ),
    );
  });

  it('refuses, before measuring, a query with a placeholder that has no value', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, {});
    await expect(
      runAnalysis(
        parseMetrics('- name: up\n  query: up{pr="{pr}"}\n  min: 1\n', 't'),
        { clock, providers: { prometheus }, logger: quietLogger() },
        { durationMs: 1_000, placeholders },
      ),
    ).rejects.toThrow(
      "metric 'up': query uses {pr}, which has no value in this run (known: {service}, {environment}, {version}, {slot})",
    );
    expect(prometheus.calls).toEqual([]);
  });

  it('summarises several passing metrics in one line', async () => {
    const clock = new FakeClock(START);
    const prometheus = scripted(clock, { a: [value(0.001)], b: [value(0.25)] });
    const yaml =
      '- name: a\n  query: a\n  max: 0.01\n  interval: 10s\n  count: 2\n- name: b\n  query: b\n  max: 0.5\n  interval: 10s\n  count: 2\n';
    const { report, logger } = run(clock, yaml, { prometheus });
    const result = await report;
    expect(result.reason).toBe('all 2 metrics passed: a 0.001 <= 0.01, b 0.25 <= 0.5');
    expect(logger.lines).toContain('a [1/2]: 0.001 within <= 0.01 → Successful');
    expect(logger.lines[logger.lines.length - 1]).toBe(
      'metric analysis: Successful; all 2 metrics passed: a 0.001 <= 0.01, b 0.25 <= 0.5',
    );
  });

  it('passes with no metrics at all', async () => {
    const clock = new FakeClock(START);
    const result = await run(clock, '', {}).report;
    expect(result).toMatchObject({ verdict: 'Successful', reason: 'no metrics to analyse', metrics: [] });
  });
});

describe('providersNeeded', () => {
  it('lists each provider the metrics use once', () => {
    const specs = parseMetrics(
      '- {name: a, query: a, max: 1}\n- {name: b, provider: command, command: x, max: 1}\n- {name: c, query: c, max: 1}\n',
      't',
    );
    expect(providersNeeded(specs)).toEqual(['prometheus', 'command']);
  });
});
