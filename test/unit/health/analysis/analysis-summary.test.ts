import { describe, expect, it } from 'vitest';
import type {
  AnalysisReport,
  MeasurementRecord,
  MetricReport,
} from '../../../../src/health/analysis/analysis-report.js';
import { renderAnalysisMarkdown } from '../../../../src/health/analysis/analysis-summary.js';

const Q =
  'sum(rate(http_requests_total{slot="green",code=~"5.."}[1m])) / sum(rate(http_requests_total{slot="green"}[1m]))';

function m(at: string, overrides: Partial<MeasurementRecord> = {}): MeasurementRecord {
  return {
    at: `2026-11-22T${at}.000Z`,
    query: Q,
    result: 'value',
    value: 0,
    raw: '0',
    verdict: 'Successful',
    ...overrides,
  };
}

function metric(overrides: Partial<MetricReport> = {}): MetricReport {
  return {
    name: 'error-rate',
    provider: 'prometheus',
    dryRun: false,
    verdict: 'Failed',
    reason: 'error-rate: 0.08333 > max 0.01 on 1 of 3 measurements (failure-limit 0)',
    condition: '<= 0.01',
    max: 0.01,
    intervalMs: 30_000,
    planned: 10,
    decided: true,
    measurements: [
      m('03:00:30', { value: 0.002, raw: '0.002' }),
      m('03:01:00', { value: 0.004, raw: '0.004' }),
      m('03:01:30', { value: 0.08333333333333333, raw: '0.08333333333333333', verdict: 'Failed' }),
    ],
    ...overrides,
  };
}

function report(metrics: MetricReport[], overrides: Partial<AnalysisReport> = {}): AnalysisReport {
  return {
    verdict: 'Failed',
    reason: 'error-rate: 0.08333 > max 0.01 on 1 of 3 measurements (failure-limit 0)',
    aborted: false,
    startedAt: '2026-11-22T03:00:00.000Z',
    finishedAt: '2026-11-22T03:01:30.000Z',
    metrics,
    ...overrides,
  };
}

describe('renderAnalysisMarkdown', () => {
  it('renders a headline, then per metric its verdict, query, table and chart', () => {
    expect(renderAnalysisMarkdown(report([metric()]))).toBe(
      [
        '### ❌ Metric analysis: Failed',
        '',
        'error-rate: 0.08333 > max 0.01 on 1 of 3 measurements (failure-limit 0)',
        '',
        '#### ❌ error-rate: Failed',
        '',
        'error-rate: 0.08333 > max 0.01 on 1 of 3 measurements (failure-limit 0)',
        '',
        `Query (prometheus, 3 of 10 measurements): \`${Q}\``,
        '',
        '| time (UTC) | value | condition | verdict |',
        '|---|---:|---|---|',
        '| 03:00:30 | 0.002 | <= 0.01 | ✅ Successful |',
        '| 03:01:00 | 0.004 | <= 0.01 | ✅ Successful |',
        '| 03:01:30 | 0.08333 | <= 0.01 | ❌ Failed |',
        '',
        '```mermaid',
        'xychart-beta',
        '  title "error-rate"',
        '  x-axis ["03:00:30", "03:01:00", "03:01:30"]',
        '  y-axis "value"',
        '  line [0.002, 0.004, 0.0833333]',
        '  line [0.01, 0.01, 0.01]',
        '```',
        '',
        '<sub>Lines: the values, then max 0.01.</sub>',
        '',
      ].join('\n'),
    );
  });

  it.each<[string, Partial<MeasurementRecord>, string]>([
    [
      'no data',
      { result: 'no-data', value: null, raw: '[]', verdict: 'Failed' },
      '| 03:00:30 | no data | <= 0.01 | ❌ Failed |',
    ],
    [
      'an error',
      {
        result: 'error',
        value: null,
        raw: '',
        verdict: 'Error',
        error: 'Prometheus at http://127.0.0.1:9090 unreachable: connection refused',
      },
      '| 03:00:30 | — | <= 0.01 | ⚠️ Error: Prometheus at http://127.0.0.1:9090 unreachable: connection refused |',
    ],
    ['NaN', { value: null, raw: 'NaN', verdict: 'Failed' }, '| 03:00:30 | NaN | <= 0.01 | ❌ Failed |'],
    ['+Inf', { value: null, raw: '+Inf', verdict: 'Failed' }, '| 03:00:30 | +Inf | <= 0.01 | ❌ Failed |'],
    [
      'no data passed',
      { result: 'no-data', value: null, raw: '[]', verdict: 'Successful' },
      '| 03:00:30 | no data | <= 0.01 | ✅ Successful |',
    ],
    [
      'an error with a pipe and a newline',
      { result: 'error', value: null, raw: '', verdict: 'Error', error: 'bad | worse\nworst' },
      '| 03:00:30 | — | <= 0.01 | ⚠️ Error: bad \\| worse worst |',
    ],
  ])('writes a row for %s', (_, overrides, row) => {
    const markdown = renderAnalysisMarkdown(report([metric({ measurements: [m('03:00:30', overrides)] })]));
    expect(markdown.split('\n')).toContain(row);
  });

  it('leaves values that cannot be drawn out of the chart, and says so', () => {
    const markdown = renderAnalysisMarkdown(
      report([
        metric({
          measurements: [
            m('03:00:30', { value: 0.5 }),
            m('03:01:00', { value: null, raw: 'NaN', verdict: 'Failed' }),
            m('03:01:30', { value: 0.25 }),
          ],
        }),
      ]),
    );
    expect(markdown).toContain(
      '  x-axis ["03:00:30", "03:01:30"]\n  y-axis "value"\n  line [0.5, 0.25]\n  line [0.01, 0.01]\n',
    );
    expect(markdown).toContain('Measurements without a finite value are left out.');
  });

  it('draws no chart when nothing has a value', () => {
    const markdown = renderAnalysisMarkdown(
      report([
        metric({
          measurements: [m('03:00:30', { result: 'error', value: null, raw: '', verdict: 'Error', error: 'down' })],
        }),
      ]),
    );
    expect(markdown).not.toContain('mermaid');
  });

  it('draws both thresholds of a metric with min and max, in plain decimals', () => {
    const markdown = renderAnalysisMarkdown(
      report([
        metric({
          condition: '>= 0.0000001 and <= 2',
          min: 1e-7,
          max: 2,
          measurements: [m('03:00:30', { value: 1e-8 })],
        }),
      ]),
    );
    expect(markdown).toContain('  line [0.00000001]\n  line [2]\n  line [0.0000001]\n```');
    expect(markdown).toContain('<sub>Lines: the values, then max 2, then min 1e-7.</sub>');
  });

  it('adds a query column when the query changed between measurements', () => {
    const markdown = renderAnalysisMarkdown(
      report([
        metric({ measurements: [m('03:00:30', { query: 'a{x="1"}' }), m('03:01:00', { query: 'a{x="2"} or b`c`' })] }),
      ]),
    );
    expect(markdown).toContain('| time (UTC) | query | value | condition | verdict |');
    expect(markdown).toContain('| 03:00:30 | `a{x="1"}` | 0 | <= 0.01 | ✅ Successful |');
    expect(markdown).toContain('| 03:01:00 | `` a{x="2"} or b`c` `` | 0 | <= 0.01 | ✅ Successful |');
    expect(markdown).not.toContain('Query (');
  });

  it('marks a dry-run metric, a metric without measurements and an aborted run', () => {
    const markdown = renderAnalysisMarkdown(
      report(
        [
          metric({
            name: 'p99',
            dryRun: true,
            verdict: 'Inconclusive',
            decided: false,
            reason: 'p99: no verdict after 0 of 10 measurements (the analysis was aborted)',
            measurements: [],
          }),
        ],
        { verdict: 'Inconclusive', aborted: true, reason: 'aborted: no metric decides the gate (1 dry-run)' },
      ),
    );
    expect(markdown).toBe(
      [
        '### ❔ Metric analysis: Inconclusive (aborted)',
        '',
        'aborted: no metric decides the gate (1 dry-run)',
        '',
        '#### ❔ p99: Inconclusive (dry run: reported, does not decide)',
        '',
        'p99: no verdict after 0 of 10 measurements (the analysis was aborted)',
        '',
        'No measurement was taken.',
        '',
      ].join('\n'),
    );
  });

  it('renders a run without metrics as its headline alone', () => {
    expect(renderAnalysisMarkdown(report([], { verdict: 'Successful', reason: 'no metrics to analyse' }))).toBe(
      '### ✅ Metric analysis: Successful\n\nno metrics to analyse\n',
    );
  });

  it('keeps a reason with < from turning into HTML', () => {
    const markdown = renderAnalysisMarkdown(report([metric({ reason: 'ratio: 0.5 < min 0.9 <script>' })]));
    expect(markdown).toContain('ratio: 0.5 &lt; min 0.9 &lt;script>');
  });
});
