import type { Clock } from '../core/clock.js';
import { formatDuration } from '../core/duration.js';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { type Progress, trackWait } from '../core/progress.js';
import type { RunContext } from '../core/run-context.js';
import type { AnalysisReport } from './analysis/analysis-report.js';
import { type AnalysisSetup, runGate } from './gate.js';
import type { GateReporter } from './gate-reporter.js';
import type { GateReport } from './health-report.js';
import type { HealthcheckSettings } from './healthcheck-settings.js';
import { renderHealthcheckMarkdown, statusDescription } from './healthcheck-summary.js';
import type { HttpClient } from './http-client.js';

export interface HealthcheckPorts {
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly context: RunContext;
  /** Built only when the settings report to GitHub, so a plain run never loads Octokit. */
  readonly reporter?: () => Promise<GateReporter>;
  readonly signal?: AbortSignal;
  /** Metric analysis during the watch (`metrics` input), when given. */
  readonly analysis?: AnalysisSetup;
  /** Where the wait (deadline, then the watch) is shown as it goes. */
  readonly progress?: Progress;
}

export interface HealthcheckResult {
  readonly healthy: boolean;
  readonly report: GateReport & { readonly analysis?: AnalysisReport };
  /** Names of the failed checks. */
  readonly failed: readonly string[];
  /** Markdown for the job summary. */
  readonly summary: string;
  readonly commentUrl?: string;
}

/** The healthcheck action: run the gate, then report the verdict where the settings ask. */
export async function runHealthcheck(
  settings: HealthcheckSettings,
  ports: HealthcheckPorts,
): Promise<HealthcheckResult> {
  if (settings.insecure) ports.logger.warning('healthcheck: insecure is true: TLS certificates are not verified');
  const github = await connectReporter(settings, ports);
  const status = github && settings.reportTo.includes('commit-status') ? commitStatus(github, ports) : undefined;
  const count = settings.targets.length;
  await status?.set('pending', `checking ${count} URL${count === 1 ? '' : 's'}`);
  const { report, failed, summary } = await checkHealth(settings, ports);
  const commentUrl =
    github && settings.reportTo.includes('pr-comment') ? await writeComment(github, ports, summary) : undefined;
  if (status && !status.sha) {
    ports.logger.warning(
      'healthcheck: report-to has commit-status, but the commit is not known (GITHUB_SHA); no status written',
    );
  }
  await status?.set(report.healthy ? 'success' : 'failure', statusDescription(report));
  return { healthy: report.healthy, report, failed, summary, ...(commentUrl ? { commentUrl } : {}) };
}

/** Runs the gate (probes and metrics) and describes it: the report, what failed, the summary. */
async function checkHealth(
  settings: HealthcheckSettings,
  ports: HealthcheckPorts,
): Promise<Pick<HealthcheckResult, 'report' | 'failed' | 'summary'>> {
  ports.logger.info(
    `healthcheck: probing ${settings.targets.map((target) => target.name).join(', ')} ` +
      `(deadline ${formatDuration(settings.timing.deadlineMs)}, watch ${formatDuration(settings.timing.durationMs)})`,
  );
  const { deadlineMs, durationMs } = settings.timing;
  const step = `healthcheck${durationMs > 0 ? ` (watch ${formatDuration(durationMs)})` : ''}`;
  const tracker = trackWait(ports.progress, ports.clock, { step, totalMs: deadlineMs + durationMs });
  const outcome = await runGate(
    settings.targets,
    settings.timing,
    {
      http: ports.http,
      clock: ports.clock,
      onProbe: tracker.verdict,
      ...(ports.signal ? { signal: ports.signal } : {}),
    },
    ports.analysis,
  ).finally(() => tracker.end());
  const report = {
    ...outcome.health,
    healthy: outcome.passed,
    reason: outcome.reason,
    ...(outcome.analysis ? { analysis: outcome.analysis } : {}),
  };
  const failed = [
    ...report.checks.filter((check) => check.verdict === 'unhealthy').map((check) => check.url),
    ...(outcome.analysis?.metrics ?? [])
      .filter((metric) => !metric.dryRun && metric.decided && metric.verdict !== 'Successful')
      .map((metric) => metric.name),
  ];
  // The metric evidence renderer is loaded only when there is evidence (start-up, SPEC §9 B1).
  const evidence = outcome.analysis
    ? [(await import('./analysis/analysis-summary.js')).renderAnalysisMarkdown(outcome.analysis)]
    : [];
  return { report, failed, summary: renderHealthcheckMarkdown(report, evidence) };
}

/** The commit status of this run's commit (the PR head on a pull request); `set` does nothing without one. */
function commitStatus(github: GateReporter, ports: HealthcheckPorts) {
  const { context, logger } = ports;
  const sha = context.pullRequest?.headSha ?? context.sha;
  const statusContext = `shipgate/healthcheck${context.job ? ` (${context.job})` : ''}`;
  const set = async (state: 'pending' | 'success' | 'failure', description: string): Promise<void> => {
    if (!sha) return;
    await warnOnFailure(logger, 'commit status', () =>
      github.setCommitStatus({
        sha,
        state,
        context: statusContext,
        description,
        ...(context.runUrl ? { targetUrl: context.runUrl } : {}),
      }),
    );
  };
  return { sha, set };
}

/** The sticky PR comment, updated in place; its URL, or undefined when there is no pull request or it failed. */
async function writeComment(
  github: GateReporter,
  ports: HealthcheckPorts,
  summary: string,
): Promise<string | undefined> {
  const { context, logger } = ports;
  if (!context.pullRequest) {
    logger.warning('healthcheck: report-to has pr-comment, but this run has no pull request; no comment written');
    return undefined;
  }
  const marker = `<!-- shipgate:healthcheck key="${stickyKey(context)}" -->`;
  const body = `${marker}\n${summary}${context.runUrl ? `\n[Run](${context.runUrl})\n` : ''}`;
  const pr = context.pullRequest.number;
  let url: string | undefined;
  await warnOnFailure(logger, 'pull request comment', async () => {
    url = (await github.upsertComment(pr, marker, body)).url;
  });
  return url;
}

async function connectReporter(
  settings: HealthcheckSettings,
  ports: HealthcheckPorts,
): Promise<GateReporter | undefined> {
  const wantsGitHub = settings.reportTo.some((target) => target !== 'summary');
  if (!wantsGitHub) return undefined;
  if (!ports.reporter || !settings.githubToken || !ports.context.repository) {
    ports.logger.warning(
      'healthcheck: report-to names GitHub, but there is no github-token or repository; reporting to the summary only',
    );
    return undefined;
  }
  return ports.reporter();
}

/** Writing to GitHub is a report of the verdict, not part of it: a refusal is a warning (a fork's PR). */
async function warnOnFailure(logger: Logger, what: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    logger.warning(`healthcheck: could not write the ${what}: ${errorMessage(error)}`);
  }
}

function stickyKey(context: RunContext): string {
  return `${context.workflow ?? 'workflow'}/${context.job ?? 'job'}`.replace(/"/g, "'").replace(/--/g, '-');
}
