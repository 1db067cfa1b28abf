import type { Clock } from '../core/clock.js';
import { formatDuration } from '../core/duration.js';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
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
  const { logger, context } = ports;
  if (settings.insecure) logger.warning('healthcheck: insecure is true: TLS certificates are not verified');
  const github = await connectReporter(settings, ports);
  const statusSha = context.pullRequest?.headSha ?? context.sha;
  const statusContext = `shipgate/healthcheck${context.job ? ` (${context.job})` : ''}`;

  if (github && settings.reportTo.includes('commit-status') && statusSha) {
    await warnOnFailure(logger, 'commit status', () =>
      github.setCommitStatus({
        sha: statusSha,
        state: 'pending',
        context: statusContext,
        description: `checking ${settings.targets.length} URL${settings.targets.length === 1 ? '' : 's'}`,
        ...(context.runUrl ? { targetUrl: context.runUrl } : {}),
      }),
    );
  }

  logger.info(
    `healthcheck: probing ${settings.targets.map((target) => target.name).join(', ')} ` +
      `(deadline ${formatDuration(settings.timing.deadlineMs)}, watch ${formatDuration(settings.timing.durationMs)})`,
  );
  const outcome = await runGate(
    settings.targets,
    settings.timing,
    { http: ports.http, clock: ports.clock, ...(ports.signal ? { signal: ports.signal } : {}) },
    ports.analysis,
  );
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
  const evidence = outcome.analysis
    ? [(await import('./analysis/analysis-summary.js')).renderAnalysisMarkdown(outcome.analysis)]
    : [];
  const summary = renderHealthcheckMarkdown(report, evidence);

  let commentUrl: string | undefined;
  if (github && settings.reportTo.includes('pr-comment')) {
    if (!context.pullRequest) {
      logger.warning('healthcheck: report-to has pr-comment, but this run has no pull request; no comment written');
    } else {
      const marker = `<!-- shipgate:healthcheck key="${stickyKey(context)}" -->`;
      const body = `${marker}\n${summary}${context.runUrl ? `\n[Run](${context.runUrl})\n` : ''}`;
      const pr = context.pullRequest.number;
      await warnOnFailure(logger, 'pull request comment', async () => {
        commentUrl = (await github.upsertComment(pr, marker, body)).url;
      });
    }
  }
  if (github && settings.reportTo.includes('commit-status')) {
    if (!statusSha) {
      logger.warning(
        'healthcheck: report-to has commit-status, but the commit is not known (GITHUB_SHA); no status written',
      );
    } else {
      await warnOnFailure(logger, 'commit status', () =>
        github.setCommitStatus({
          sha: statusSha,
          state: report.healthy ? 'success' : 'failure',
          context: statusContext,
          description: statusDescription(report),
          ...(context.runUrl ? { targetUrl: context.runUrl } : {}),
        }),
      );
    }
  }
  return { healthy: report.healthy, report, failed, summary, ...(commentUrl ? { commentUrl } : {}) };
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
