import type { Measurement, MetricResult } from '../../core/deploy-report.js';
import type { MeasurementResult, MetricVerdict } from '../../core/vocabulary.js';
import { formatValue } from './reasons.js';

/**
 * What the renderer shows: an analysis as it ran (AnalysisReport), or a gate's metrics read back from a
 * deploy report, where fields of older reports may be absent (the deploy summary renders those).
 */
export interface AnalysisEvidence {
  readonly verdict: MetricVerdict;
  readonly reason: string;
  readonly aborted?: boolean;
  readonly metrics: readonly MetricResult[];
}

/**
 * The evidence of a metric analysis as GitHub-flavoured markdown, for the job summary, a PR comment or
 * an incident: a headline, then per metric its verdict and reason, the query, a table of every
 * measurement and a Mermaid chart of the values against the threshold. Pure: same report, same text.
 */
export function renderAnalysisMarkdown(report: AnalysisEvidence): string {
  const lines: string[] = [];
  const aborted = report.aborted ? ' (aborted)' : '';
  lines.push(
    `### ${icon(report.verdict)} Metric analysis: ${report.verdict}${aborted}`,
    '',
    escapeText(report.reason),
    '',
  );
  if (report.metrics.length === 0) return `${lines.join('\n').trimEnd()}\n`;
  for (const metric of report.metrics) lines.push(...renderMetric(metric));
  return `${lines.join('\n').trimEnd()}\n`;
}

export function icon(verdict: MetricVerdict): string {
  switch (verdict) {
    case 'Successful':
      return '✅';
    case 'Failed':
      return '❌';
    case 'Error':
      return '⚠️';
    case 'Inconclusive':
      return '❔';
    default: {
      const never: never = verdict;
      throw new Error(`unhandled verdict ${String(never)}`);
    }
  }
}

function renderMetric(metric: MetricResult): string[] {
  const dryRun = metric.dryRun ? ' (dry run: reported, does not decide)' : '';
  const lines = [
    `#### ${icon(metric.verdict)} ${escapeText(metric.name)}: ${metric.verdict}${dryRun}`,
    '',
    escapeText(metric.reason),
    '',
  ];
  const measurements = metric.measurements ?? [];
  const queries = [...new Set(measurements.map((m) => m.query ?? metric.query ?? ''))];
  // The query is the same on every row unless placeholders changed; said once, the table stays narrow.
  const queryColumn = queries.length > 1;
  const [onlyQuery] = queries;
  if (!queryColumn && onlyQuery !== undefined) {
    const counted = `${measurements.length} of ${metric.planned ?? measurements.length} measurements`;
    lines.push(`Query (${metric.provider ? `${metric.provider}, ` : ''}${counted}): ${code(onlyQuery)}`, '');
  }
  if (measurements.length === 0) {
    lines.push('No measurement was taken.', '');
    return lines;
  }
  lines.push(
    queryColumn
      ? '| time (UTC) | query | value | condition | verdict |'
      : '| time (UTC) | value | condition | verdict |',
    queryColumn ? '|---|---|---:|---|---|' : '|---|---:|---|---|',
  );
  for (const m of measurements) {
    const cells = [
      clock(m.at),
      ...(queryColumn ? [code(m.query ?? metric.query ?? '')] : []),
      valueText(m),
      metric.condition ?? '',
      verdictText(m),
    ];
    lines.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  lines.push('', ...chart(metric));
  return lines;
}

function clock(iso: string): string {
  return iso.slice(11, 19);
}

/** A report written before measurements said what they received: inferred from the error and the value. */
function resultOf(m: Measurement): MeasurementResult {
  if (m.result !== undefined) return m.result;
  if (m.error !== undefined) return 'error';
  return m.value === null ? 'no-data' : 'value';
}

function valueText(m: Measurement): string {
  const result = resultOf(m);
  switch (result) {
    case 'value':
      return m.value === null ? (m.raw ?? '—') : formatValue(m.value);
    case 'no-data':
      return 'no data';
    case 'error':
      return '—';
    default: {
      const never: never = result;
      throw new Error(`unhandled result ${String(never)}`);
    }
  }
}

function verdictText(m: Measurement): string {
  const error = m.error === undefined ? '' : `: ${m.error}`;
  return `${icon(m.verdict)} ${m.verdict}${error}`;
}

/** A table cell: one line, pipes escaped (GitHub splits cells on `|` even inside code). */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

/** Text outside code: one line; `<` escaped so that a reason never turns into HTML. */
function escapeText(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

/** A number Mermaid reads: plain decimal notation, never exponents. */
function chartNumber(value: number): string {
  const short = String(Number(value.toPrecision(6)));
  if (!/e/i.test(short)) return short;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

function chartLabel(text: string): string {
  return `"${text.replace(/"/g, "'")}"`;
}

/** Values over time, with each threshold as a flat second line; only finite values can be drawn. */
function chart(metric: MetricResult): string[] {
  const measurements = metric.measurements ?? [];
  const points = measurements.filter(
    (m): m is Measurement & { value: number } => m.value !== null && Number.isFinite(m.value),
  );
  if (points.length === 0) return [];
  const thresholds = [
    ...(metric.max !== undefined ? [{ label: `max ${metric.max}`, value: metric.max }] : []),
    ...(metric.min !== undefined ? [{ label: `min ${metric.min}`, value: metric.min }] : []),
  ];
  const legend = ['the values', ...thresholds.map((t) => t.label)].join(', then ');
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${chartLabel(metric.name)}`,
    `  x-axis [${points.map((m) => chartLabel(clock(m.at))).join(', ')}]`,
    `  y-axis ${chartLabel('value')}`,
    `  line [${points.map((m) => chartNumber(m.value)).join(', ')}]`,
    ...thresholds.map((t) => `  line [${points.map(() => chartNumber(t.value)).join(', ')}]`),
    '```',
    '',
    `<sub>Lines: ${escapeText(legend)}.${points.length < measurements.length ? ' Measurements without a finite value are left out.' : ''}</sub>`,
    '',
  ];
}
