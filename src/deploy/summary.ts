import type { DeployReport, DeployResult } from '../core/deploy-report.js';
import { formatDuration } from '../core/duration.js';
import type { AnalysisReport } from '../health/analysis/analysis-report.js';
import { cell } from '../health/healthcheck-summary.js';
import type { Plan } from './plan.js';

const HEADLINE: Record<DeployResult, string> = {
  succeeded: '✅ succeeded',
  'rolled-back': '↩️ rolled back',
  failed: '❌ failed',
  planned: '📝 planned (dry run)',
  noop: '⏸️ nothing to do',
};

const OUTCOME: Record<string, string> = { succeeded: '✅', failed: '❌', skipped: '⏭️', cancelled: '⏹️' };

const ms = (from: string, to?: string): number => (to ? Date.parse(to) - Date.parse(from) : 0);

/** The deploy's job summary: outcome, the plan and each step with its verdict and measured values, a timeline. */
export async function renderDeploySummary(report: DeployReport, plan: Plan | null): Promise<string> {
  // The metric evidence renderer is loaded only when a gate measured metrics (start-up, SPEC §9 B1).
  const renderAnalysisMarkdown = report.steps.some((step) => (step.gate?.metrics?.length ?? 0) > 0)
    ? (await import('../health/analysis/render.js')).renderAnalysisMarkdown
    : undefined;
  const lines: string[] = [
    report.operation === 'rollback'
      ? `### shipgate rollback: ${cell(report.service)} ${cell(report.previousVersion ?? '–')} → ${cell(report.version)} on ${cell(report.environment)}: ${HEADLINE[report.result]}`
      : `### shipgate deploy: ${cell(report.service)} ${cell(report.version)} → ${cell(report.environment)}: ${HEADLINE[report.result]}`,
    '',
    ...(report.rollbackReason ? [`**Reason:** ${cell(report.rollbackReason)}`, ''] : []),
    '| strategy | version | previous version | active slot | result | took |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${report.strategy}${plan && plan.phase !== 'full' ? ` (${plan.phase})` : ''} | ${cell(report.version)} | ${cell(report.previousVersion ?? '–')} | ${report.activeSlot ?? '–'} | ${report.result} | ${formatDuration(ms(report.startedAt, report.finishedAt))} |`,
    '',
  ];
  if (report.failureReason) lines.push(`**Why:** ${cell(report.failureReason)}`, '');
  // Swarm: the target ran another version than the record (a deploy with force went ahead anyway).
  const drift = (report as { drift?: unknown }).drift;
  if (typeof drift === 'string' && drift !== report.failureReason) lines.push(`**Drift:** ${cell(drift)}`, '');
  if (report.rollback.attempted) {
    lines.push(
      report.rollback.succeeded
        ? '**Rollback:** every step was undone; traffic is back on the stable version.'
        : `**Rollback failed:** ${cell((report.rollback.failures ?? []).join('; '))}`,
      '',
    );
  }
  if (report.result === 'planned' && plan) {
    lines.push('#### Plan', '', ...plan.steps.map((step, index) => `${index + 1}. ${cell(step.name)}`), '');
    return `${lines.join('\n')}\n`;
  }
  if (report.steps.length > 0) {
    lines.push('#### Steps', '', '| # | step | outcome | took | detail |', '| ---: | --- | --- | ---: | --- |');
    report.steps.forEach((step, index) => {
      const hooks = (step.hooks ?? []).map(
        (hook) => `${hook.name} exit ${hook.exitCode ?? (hook.timedOut ? 'timeout' : 'killed')}`,
      );
      const detail = [
        step.gate ? `gate ${step.gate.verdict}${step.gate.reason ? `: ${step.gate.reason}` : ''}` : '',
        ...hooks,
        step.error && !step.gate ? step.error : '',
      ]
        .filter(Boolean)
        .join('; ');
      lines.push(
        `| ${index + 1} | ${step.rollback ? '↩️ ' : ''}${cell(step.name)} | ${OUTCOME[step.outcome] ?? ''} ${step.outcome} | ${formatDuration(ms(step.startedAt, step.finishedAt))} | ${cell(detail)} |`,
      );
    });
    lines.push('');
    for (const step of report.steps) {
      const checks = step.gate?.checks ?? [];
      if (checks.length > 0) {
        lines.push(
          `<details><summary>${cell(step.name)}: gate ${step.gate?.verdict}</summary>`,
          '',
          '| URL | verdict | attempts | last status | p50 | p95 | reason |',
          '| --- | --- | ---: | ---: | ---: | ---: | --- |',
        );
        for (const check of checks) {
          lines.push(
            `| ${cell(check.url)} | ${check.verdict} | ${check.attempts ?? ''} | ${check.lastStatus ?? '–'} | ${check.latencyMs?.p50 != null ? `${check.latencyMs.p50} ms` : '–'} | ${check.latencyMs?.p95 != null ? `${check.latencyMs.p95} ms` : '–'} | ${cell((check.reason ?? '').replace(`${check.url}: `, ''))} |`,
          );
        }
        lines.push('', '</details>', '');
      }
      if (renderAnalysisMarkdown && step.gate?.metrics && step.gate.metrics.length > 0) {
        lines.push(
          renderAnalysisMarkdown({
            verdict: step.gate.verdict === 'passed' ? 'Successful' : 'Failed',
            reason: step.gate.reason ?? 'every metric passed',
            aborted: false,
            startedAt: step.startedAt,
            finishedAt: step.finishedAt ?? step.startedAt,
            metrics: step.gate.metrics,
          } as unknown as AnalysisReport),
        );
      }
    }
    lines.push(
      '#### Timeline',
      '',
      '```mermaid',
      'gantt',
      '  dateFormat x',
      '  axisFormat %H:%M:%S',
      `  title ${mermaidText(`${report.service} ${report.version} to ${report.environment}`)}`,
    );
    let section = '';
    report.steps.forEach((step, index) => {
      const name = step.rollback ? 'rollback' : 'deploy';
      if (name !== section) {
        lines.push(`  section ${name}`);
        section = name;
      }
      const start = Date.parse(step.startedAt);
      const end = Math.max(start + 1, step.finishedAt ? Date.parse(step.finishedAt) : start + 1);
      const tag = step.outcome === 'failed' ? 'crit, ' : step.outcome === 'succeeded' ? 'done, ' : '';
      lines.push(`  ${mermaidText(step.name)} :${tag}s${index}, ${start}, ${end}`);
    });
    lines.push('```', '');
  }
  return `${lines.join('\n')}\n`;
}

/** Mermaid task names may not hold `:` or `#`, nor start a new statement. */
function mermaidText(text: string): string {
  return (
    text
      .replace(/[:#;\n]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'step'
  );
}
