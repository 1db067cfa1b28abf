import type { ActionRuntime } from '../core/action-runtime.js';
import type { Clock } from '../core/clock.js';
import { ShipgateError } from '../core/errors.js';
import type { RawInputs } from '../core/inputs.js';
import type { Logger } from '../core/logger.js';
import type { AnalysisSetup } from './gate.js';
import type { GateReporter } from './gate-reporter.js';
import { type HealthcheckPorts, type HealthcheckResult, runHealthcheck } from './healthcheck.js';
import {
  HEALTHCHECK_INPUT_NAMES,
  type HealthcheckSettings,
  parseHealthcheckInputs,
  rawSecrets,
} from './healthcheck-settings.js';
import type { HttpClient } from './http-client.js';

/**
 * The outside world of the healthcheck action. The real ones are in src/runtime/healthcheck-adapters.ts
 * (passed in by the entry file); tests pass fakes.
 */
export interface HealthcheckAdapters {
  readonly clock: Clock;
  http(): HttpClient;
  /** The `metrics` input made into an analysis setup; called only when `metrics` is given. */
  prepareAnalysis(
    raw: RawInputs,
    ports: { http: HttpClient; clock: Clock; logger: Logger; cwd: string; pr?: number },
  ): Promise<AnalysisSetup | undefined>;
  /** Commit statuses and the sticky comment; called only when the settings report to GitHub. */
  gateReporter(options: {
    readonly token: string;
    readonly baseUrl: string;
    readonly owner: string;
    readonly repo: string;
    readonly logger: Logger;
  }): Promise<GateReporter>;
}

/** The healthcheck action: read the inputs once, run the gate, write the outputs and the summary. */
export async function run(runtime: ActionRuntime, adapters: HealthcheckAdapters): Promise<void> {
  try {
    const raw = runtime.inputs(HEALTHCHECK_INPUT_NAMES);
    for (const secret of rawSecrets(raw)) runtime.logger.mask(secret);
    const settings = parseHealthcheckInputs(raw, runtime.context);
    const result = await runHealthcheck(settings, await buildPorts(runtime, adapters, raw, settings));
    await writeResult(runtime, settings, result);
  } catch (error) {
    runtime.fail(error);
  }
}

async function buildPorts(
  runtime: ActionRuntime,
  adapters: HealthcheckAdapters,
  raw: RawInputs,
  settings: HealthcheckSettings,
): Promise<HealthcheckPorts> {
  const { context, logger } = runtime;
  const { clock } = adapters;
  const http = adapters.http();
  const pr = context.pullRequest ? { pr: context.pullRequest.number } : {};
  const analysis = raw.metrics?.trim()
    ? await adapters.prepareAnalysis(raw, { http, clock, logger, cwd: context.workspace, ...pr })
    : undefined;
  const reporter = () =>
    adapters.gateReporter({
      token: settings.githubToken ?? '',
      baseUrl: context.apiUrl,
      owner: context.repository?.owner ?? '',
      repo: context.repository?.repo ?? '',
      logger,
    });
  const { progress } = runtime;
  return {
    http,
    clock,
    logger,
    context,
    reporter,
    signal: runtime.cancelSignal(),
    ...(analysis ? { analysis } : {}),
    ...(progress ? { progress } : {}),
  };
}

async function writeResult(runtime: ActionRuntime, settings: HealthcheckSettings, result: HealthcheckResult) {
  runtime.setOutput('healthy', String(result.healthy));
  runtime.setOutput('report', JSON.stringify(result.report));
  runtime.setOutput('failed', result.failed.join(','));
  if (settings.reportTo.includes('summary')) await runtime.appendSummary(result.summary);
  if (result.healthy) runtime.logger.info('healthcheck: healthy');
  else runtime.fail(new ShipgateError('unhealthy', `healthcheck: ${result.report.reason ?? 'not healthy'}`));
}
