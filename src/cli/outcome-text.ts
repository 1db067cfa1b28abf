import type { DeployReport, DeployStep, GateCheck, MetricResult } from '../core/deploy-report.js';
import { formatDuration } from '../core/duration.js';
import type { DeployResult } from '../core/vocabulary.js';
import { fitLine, type Style, table } from './terminal.js';

/** How the text is laid out: colour or not, and the terminal's width (a TTY's) to fit lines to. */
export interface TextOptions {
  readonly style: Style;
  readonly width?: number;
}

const HEADLINE: Record<DeployResult, string> = {
  succeeded: '✅ succeeded',
  'rolled-back': '↩️ rolled back',
  failed: '❌ failed',
  aborted: '⛔ aborted (nothing changed)',
  planned: '📝 planned (dry run)',
  noop: '⏸️ nothing to do',
};

const ms = (from: string, to?: string): number => (to ? Date.parse(to) - Date.parse(from) : 0);

function colourOf(result: DeployResult, style: Style): (text: string) => string {
  switch (result) {
    case 'succeeded':
    case 'noop':
    case 'planned':
      return style.green;
    case 'rolled-back':
    case 'aborted':
      return style.yellow;
    case 'failed':
      return style.red;
    default: {
      const never: never = result;
      throw new Error(`unknown result ${String(never)}`);
    }
  }
}

/**
 * A deploy's or rollback's outcome as a person reads it in a terminal (the job summary's content without
 * its Markdown): the headline, why it failed and what the rollback did, the plan of a dry run, each step
 * with its outcome, time and gate verdict, and the checks and metrics a failed gate measured.
 */
export function renderOutcomeText(report: DeployReport, planSteps: readonly string[], options: TextOptions): string {
  const { style, width } = options;
  const lines = [...headline(report, style), ...whyLines(report, style)];
  if (report.result === 'planned') {
    lines.push('', style.bold('plan:'), ...planSteps.map((step, index) => fitLine(`  ${index + 1}. ${step}`, width)));
  } else if (report.steps.length > 0) {
    lines.push('', style.bold('steps:'), ...stepTable(report.steps, options));
    lines.push(...report.steps.flatMap((step) => evidence(step, options)));
  }
  return `${lines.join('\n')}\n`;
}

function headline(report: DeployReport, style: Style): string[] {
  const result = colourOf(report.result, style)(HEADLINE[report.result]);
  const title =
    report.operation === 'rollback'
      ? `shipgate rollback: ${report.service} ${report.previousVersion ?? '–'} → ${report.version} on ${report.environment}: ${result}`
      : `shipgate deploy: ${report.service} ${report.version} → ${report.environment}: ${result}`;
  const facts = [
    `strategy ${report.strategy}`,
    `previous version ${report.previousVersion ?? '–'}`,
    `active slot ${report.activeSlot ?? '–'}`,
    `took ${formatDuration(ms(report.startedAt, report.finishedAt))}`,
    ...(report.deploymentId !== undefined ? [`deployment ${report.deploymentId}`] : []),
  ];
  return [
    style.bold(title),
    style.dim(`  ${facts.join(' · ')}`),
    ...(report.rollbackReason ? [`  reason: ${report.rollbackReason}`] : []),
  ];
}

function whyLines(report: DeployReport, style: Style): string[] {
  const lines: string[] = [];
  if (report.failureReason) lines.push(`${style.red('why:')} ${report.failureReason}`);
  if (report.rollback.attempted) {
    lines.push(
      report.rollback.succeeded
        ? `${style.yellow('rollback:')} every step was undone; traffic is back on the stable version`
        : `${style.red('rollback failed:')} ${(report.rollback.failures ?? []).join('; ')}`,
    );
  }
  return lines;
}

const OUTCOME_MARK: Record<string, string> = { succeeded: '✓', failed: '✗', skipped: '-', cancelled: '■' };

function stepTable(steps: readonly DeployStep[], options: TextOptions): string[] {
  const { style, width } = options;
  const paint = (outcome: string): string =>
    outcome === 'succeeded' ? style.green(outcome) : outcome === 'failed' ? style.red(outcome) : style.yellow(outcome);
  const rows = steps.map((step, index) => [
    String(index + 1),
    `${step.rollback ? 'rollback: ' : ''}${step.name}`,
    `${OUTCOME_MARK[step.outcome] ?? ''} ${paint(step.outcome)}`,
    formatDuration(ms(step.startedAt, step.finishedAt)),
    stepDetail(step),
  ]);
  return table(['#', 'step', 'outcome', 'took', 'detail'], rows, width);
}

function stepDetail(step: DeployStep): string {
  const hooks = (step.hooks ?? []).map(
    (hook) => `${hook.name} exit ${hook.exitCode ?? (hook.timedOut ? 'timeout' : 'killed')}`,
  );
  return [
    step.gate ? `gate ${step.gate.verdict}${step.gate.reason ? `: ${step.gate.reason}` : ''}` : '',
    ...hooks,
    step.error && !step.gate ? step.error : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** A failed gate's evidence: each URL's verdict, then each metric's measurements. Passed gates stay one row. */
function evidence(step: DeployStep, options: TextOptions): string[] {
  if (!step.gate || step.gate.verdict === 'passed') return [];
  const checks = step.gate.checks ?? [];
  const metrics = step.gate.metrics ?? [];
  return [
    '',
    options.style.bold(`${step.name}: gate ${step.gate.verdict}`),
    ...(checks.length
      ? table(['URL', 'verdict', 'attempts', 'last', 'p50', 'p95', 'reason'], checks.map(checkRow))
      : []),
    ...metrics.flatMap((metric) => metricLines(metric, options)),
  ].map((line) => fitLine(line, options.width));
}

function checkRow(check: GateCheck): string[] {
  const latency = (value: number | null | undefined): string => (value != null ? `${value}ms` : '–');
  return [
    check.url,
    check.verdict,
    String(check.attempts ?? ''),
    String(check.lastStatus ?? '–'),
    latency(check.latencyMs?.p50),
    latency(check.latencyMs?.p95),
    (check.reason ?? '').replace(`${check.url}: `, ''),
  ];
}

function metricLines(metric: MetricResult, options: TextOptions): string[] {
  const head = `  metric ${metric.name}: ${metric.verdict}${metric.condition ? ` (pass: ${metric.condition})` : ''}${metric.dryRun ? ' [dry-run]' : ''}`;
  const rows = (metric.measurements ?? []).map((m) => [
    m.at.slice(11, 19),
    m.raw ?? (m.value === null ? '–' : String(m.value)),
    m.verdict,
    m.error ?? '',
  ]);
  const query = metric.query ? [options.style.dim(`    query: ${metric.query}`)] : [];
  return [
    head,
    ...query,
    ...(rows.length ? table(['at', 'value', 'verdict', 'error'], rows).map((l) => `  ${l}`) : []),
  ];
}
