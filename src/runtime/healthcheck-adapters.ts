import { systemClock } from '../core/clock.js';
import type { HealthcheckAdapters } from '../health/healthcheck-action.js';
import { createNodeHttpClient } from '../health/http-client.js';

/**
 * The healthcheck action's real adapters. The analysis engine and Octokit are imported only when a run
 * uses them, so a plain probe run starts near the toolkit floor (SPEC §9, B1).
 */
export function healthcheckAdapters(): HealthcheckAdapters {
  return {
    clock: systemClock,
    http: createNodeHttpClient,
    async prepareAnalysis(raw, ports) {
      const { prepareHealthcheckAnalysis } = await import('../health/healthcheck-analysis.js');
      return prepareHealthcheckAnalysis(raw, ports);
    },
    async gateReporter(options) {
      const { createGitHubGateReporter } = await import('../github/github-gate-reporter.js');
      return createGitHubGateReporter(options);
    },
  };
}
