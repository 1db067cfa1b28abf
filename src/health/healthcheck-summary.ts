import { formatDuration } from '../core/duration.js';
import { inertCode, inertText } from '../incident/markdown.js';
import type { CheckReport, GateReport } from './health-report.js';

const VERDICT: Record<CheckReport['verdict'], string> = {
  healthy: '✅ healthy',
  unhealthy: '❌ unhealthy',
  undecided: '⏹️ undecided',
};

/** A markdown cell: pipes and newlines would break the table. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function ms(value: number | null): string {
  return value === null ? '–' : `${value} ms`;
}

/** The job summary (and the body of the sticky PR comment): a headline and a table per URL. */
export function renderHealthcheckMarkdown(report: GateReport, extra: readonly string[] = []): string {
  const elapsed = formatDuration(Date.parse(report.finishedAt) - Date.parse(report.startedAt));
  const headline = report.healthy ? `### ✅ shipgate healthcheck: healthy` : `### ❌ shipgate healthcheck: not healthy`;
  const lines = [
    headline,
    '',
    report.healthy
      ? `All ${report.checks.length} URL${report.checks.length === 1 ? '' : 's'} healthy (checked for ${elapsed}).`
      : cell(inertText(report.reason ?? 'not healthy')),
    '',
    '| URL | verdict | attempts | last status | p50 | p95 | reason |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...report.checks.map((check) => {
      // The reason names its URL for the one-line error; in the URL's own row that is said already.
      const reason = (check.reason ?? '').replace(`${check.url}: `, '');
      return `| ${cell(check.url)} | ${VERDICT[check.verdict]} | ${check.attempts} | ${check.lastStatus ?? '–'} | ${ms(check.latencyMs.p50)} | ${ms(check.latencyMs.p95)} | ${reason ? cell(inertCode(reason)) : ''} |`;
    }),
    ...extra.flatMap((section) => ['', section]),
  ];
  return `${lines.join('\n')}\n`;
}

/** A commit status description: at most 140 characters, as GitHub requires. */
export function statusDescription(report: GateReport): string {
  const text = report.healthy
    ? `healthy: ${report.checks.length} URL${report.checks.length === 1 ? '' : 's'}`
    : `not healthy: ${report.reason ?? ''}`;
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}
