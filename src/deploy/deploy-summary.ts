import type { DeployReport } from '../core/deploy-report.js';
import { formatDuration } from '../core/duration.js';
import type { DeployResult } from '../core/vocabulary.js';
import { cell } from '../health/healthcheck-summary.js';
import type { Plan } from './plan.js';

const HEADLINE: Record<DeployResult, string> = {
  succeeded: '✅ succeeded',
  'rolled-back': '↩️ rolled back',
  failed: '❌ failed',
  aborted: '⛔ aborted (nothing changed)',
  planned: '📝 planned (dry run)',
  noop: '⏸️ nothing to do',
};

const OUTCOME: Record<string, string> = { succeeded: '✅', failed: '❌', skipped: '⏭️', cancelled: '⏹️' };

const ms = (from: string, to?: string): number => (to ? Date.parse(to) - Date.parse(from) : 0);

type AnalysisRenderer = typeof import('../health/analysis/analysis-summary.js')['renderAnalysisMarkdown'];

/** The deploy's job summary: outcome, the plan and each step with its verdict and measured values, a timeline. */
export async function renderDeploySummary(report: DeployReport, plan: Plan | null): Promise<string> {
  // The metric evidence renderer is loaded only when a gate measured metrics (start-up, SPEC §9 B1).
  const renderAnalysis = report.steps.some((step) => (step.gate?.metrics?.length ?? 0) > 0)
    ? (await import('../health/analysis/analysis-summary.js')).renderAnalysisMarkdown
    : undefined;
  const lines = [...headline(report, plan), ...outcomeLines(report)];
  if (report.result === 'planned' && plan) {
    lines.push('#### Plan', '', ...plan.steps.map((step, index) => `${index + 1}. ${cell(step.name)}`), '');
  } else if (report.steps.length > 0) {
    lines.push(...stepTable(report.steps), ...report.steps.flatMap((step) => gateEvidence(step, renderAnalysis)));
    lines.push(...timeline(report));
  }
  return `${lines.join('\n')}\n`;
}

type ReportStep = DeployReport['steps'][number];

function headline(report: DeployReport, plan: Plan | null): string[] {
  const title =
    report.operation === 'rollback'
      ? `### shipgate rollback: ${cell(report.service)} ${cell(report.previousVersion ?? '–')} → ${cell(report.version)} on ${cell(report.environment)}: ${HEADLINE[report.result]}`
      : `### shipgate deploy: ${cell(report.service)} ${cell(report.version)} → ${cell(report.environment)}: ${HEADLINE[report.result]}`;
  const strategy = `${report.strategy}${plan && plan.phase !== 'full' ? ` (${plan.phase})` : ''}`;
  return [
    title,
    '',
    ...(report.rollbackReason ? [`**Reason:** ${cell(report.rollbackReason)}`, ''] : []),
    '| strategy | version | previous version | active slot | result | took |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${strategy} | ${cell(report.version)} | ${cell(report.previousVersion ?? '–')} | ${report.activeSlot ?? '–'} | ${report.result} | ${formatDuration(ms(report.startedAt, report.finishedAt))} |`,
    '',
  ];
}

/** Why it failed (or what drifted), and what the rollback did. */
function outcomeLines(report: DeployReport): string[] {
  const lines: string[] = [];
  if (report.failureReason) lines.push(`**Why:** ${cell(report.failureReason)}`, '');
  // Swarm: the target ran another version than the record (a deploy with force went ahead anyway).
  if (report.drift && report.drift !== report.failureReason) lines.push(`**Drift:** ${cell(report.drift)}`, '');
  if (report.rollback.attempted) {
    lines.push(
      report.rollback.succeeded
        ? '**Rollback:** every step was undone; traffic is back on the stable version.'
        : `**Rollback failed:** ${cell((report.rollback.failures ?? []).join('; '))}`,
      '',
    );
  }
  return lines;
}

function stepTable(steps: readonly ReportStep[]): string[] {
  const rows = steps.map((step, index) => {
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
    return `| ${index + 1} | ${step.rollback ? '↩️ ' : ''}${cell(step.name)} | ${OUTCOME[step.outcome] ?? ''} ${step.outcome} | ${formatDuration(ms(step.startedAt, step.finishedAt))} | ${cell(detail)} |`;
  });
  return ['#### Steps', '', '| # | step | outcome | took | detail |', '| ---: | --- | --- | ---: | --- |', ...rows, ''];
}

/** A step's gate: every URL's verdict in a collapsed table, then the metric analysis when there was one. */
function gateEvidence(step: ReportStep, renderAnalysis: AnalysisRenderer | undefined): string[] {
  const lines: string[] = [];
  const checks = step.gate?.checks ?? [];
  if (checks.length > 0) {
    lines.push(
      `<details><summary>${cell(step.name)}: gate ${step.gate?.verdict}</summary>`,
      '',
      '| URL | verdict | attempts | last status | p50 | p95 | reason |',
      '| --- | --- | ---: | ---: | ---: | ---: | --- |',
      ...checks.map(checkRow),
      '',
      '</details>',
      '',
    );
  }
  const metrics = step.gate?.metrics ?? [];
  if (renderAnalysis && step.gate && metrics.length > 0) {
    const verdict = step.gate.verdict === 'passed' ? 'Successful' : 'Failed';
    lines.push(renderAnalysis({ verdict, reason: step.gate.reason ?? 'every metric passed', metrics }));
  }
  return lines;
}

function checkRow(check: NonNullable<NonNullable<ReportStep['gate']>['checks']>[number]): string {
  const latency = (value: number | null | undefined): string => (value != null ? `${value} ms` : '–');
  const reason = cell((check.reason ?? '').replace(`${check.url}: `, ''));
  return `| ${cell(check.url)} | ${check.verdict} | ${check.attempts ?? ''} | ${check.lastStatus ?? '–'} | ${latency(check.latencyMs?.p50)} | ${latency(check.latencyMs?.p95)} | ${reason} |`;
}

/** A Mermaid Gantt chart of the steps, the rollback in a section of its own. */
function timeline(report: DeployReport): string[] {
  const lines = [
    '#### Timeline',
    '',
    '```mermaid',
    'gantt',
    '  dateFormat x',
    '  axisFormat %H:%M:%S',
    `  title ${mermaidText(`${report.service} ${report.version} to ${report.environment}`)}`,
  ];
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
  return lines;
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
