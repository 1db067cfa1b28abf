import { systemClock } from '../../src/core/clock.js';
import { ShipgateError } from '../../src/core/errors.js';
import { runHealthcheck } from '../../src/health/healthcheck.js';
import { HEALTHCHECK_INPUT_NAMES, parseHealthcheckInputs, rawSecrets } from '../../src/health/healthcheck-settings.js';
import { createNodeHttpClient } from '../../src/health/http-client.js';
import { createActionsRuntime } from '../../src/runtime/actions-runtime.js';
import { onCancel } from '../../src/runtime/signals.js';

const runtime = createActionsRuntime();
try {
  const raw = runtime.inputs(HEALTHCHECK_INPUT_NAMES);
  for (const secret of rawSecrets(raw)) runtime.logger.mask(secret);
  const settings = parseHealthcheckInputs(raw, runtime.context);
  const { context, logger } = runtime;
  const http = createNodeHttpClient();
  const analysis = raw.metrics?.trim()
    ? (await import('../../src/health/healthcheck-analysis.js')).prepareHealthcheckAnalysis(raw, {
        http,
        clock: systemClock,
        logger,
        cwd: context.workspace,
        ...(context.pullRequest ? { pr: context.pullRequest.number } : {}),
      })
    : undefined;
  const result = await runHealthcheck(settings, {
    http,
    ...(analysis ? { analysis } : {}),
    clock: systemClock,
    logger,
    context,
    signal: onCancel(),
    reporter: async () => {
      const { createGitHubGateReporter } = await import('../../src/github/gate-reporter.js');
      return createGitHubGateReporter({
        token: settings.githubToken ?? '',
        baseUrl: context.apiUrl,
        owner: context.repository?.owner ?? '',
        repo: context.repository?.repo ?? '',
        logger,
      });
    },
  });
  runtime.setOutput('healthy', String(result.healthy));
  runtime.setOutput('report', JSON.stringify(result.report));
  runtime.setOutput('failed', result.failed.join(','));
  if (settings.reportTo.includes('summary')) runtime.appendSummary(result.summary);
  if (result.healthy) logger.info('healthcheck: healthy');
  else runtime.fail(new ShipgateError('unhealthy', `healthcheck: ${result.report.reason ?? 'not healthy'}`));
} catch (error) {
  runtime.fail(error);
}
