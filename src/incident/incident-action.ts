import type { ActionRuntime } from '../core/action-runtime.js';
import type { Clock } from '../core/clock.js';
import { InputError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { HttpClient } from '../health/http-client.js';
import { INCIDENT_INPUT_NAMES, type IncidentSettings, parseIncidentInputs } from './incident-settings.js';
import { incidentOutputs, renderIncidentSummary } from './incident-summary.js';
import type { IssuePort } from './issue-port.js';
import { notifySecrets } from './notify/notify-settings.js';
import { runIncidentAction } from './tracker.js';

/**
 * The outside world of the incident action. The real ones are in src/runtime/incident-adapters.ts
 * (passed in by the entry file); tests pass fakes.
 */
export interface IncidentAdapters {
  readonly clock: Clock;
  /** Reads the `template` file; a relative path is the workspace's. */
  readFile(path: string, workspace: string): Promise<string>;
  /** The repository's issues (Octokit, loaded only when called). */
  issues(options: {
    readonly token: string;
    readonly baseUrl: string;
    readonly owner: string;
    readonly repo: string;
    readonly logger: Logger;
  }): Promise<IssuePort>;
  /** HTTP for the Slack and PagerDuty notifications (loaded only when one is configured). */
  http(): Promise<HttpClient>;
}

/** The incident action: read the inputs once, open/resolve/remind, write the outputs and the summary. */
export async function run(runtime: ActionRuntime, adapters: IncidentAdapters): Promise<void> {
  try {
    const { context, logger } = runtime;
    const settings = await readIncidentSettings(runtime, adapters);
    // Only now, after every input is checked: Octokit is most of this bundle's start-up (SPEC §9, B1).
    const issues = await adapters.issues({
      token: settings.githubToken ?? '',
      baseUrl: context.apiUrl,
      owner: context.repository?.owner ?? '',
      repo: context.repository?.repo ?? '',
      logger,
    });
    const result = await runIncidentAction({ issues, clock: adapters.clock, logger }, settings);
    for (const [name, value] of Object.entries(incidentOutputs(result))) runtime.setOutput(name, value);
    await runtime.appendSummary(renderIncidentSummary(result));
    logger.info(`incident: ${result.action} → ${result.actionTaken}: ${result.detail}`);
    // After the issue is written: a notification that fails is a warning, never a failed step.
    const { announceIncident } = await import('./notify/notify-incident.js');
    await announceIncident({ issues, http: await adapters.http(), clock: adapters.clock, logger }, settings, result);
  } catch (error) {
    runtime.fail(error);
  }
}

async function readIncidentSettings(runtime: ActionRuntime, adapters: IncidentAdapters): Promise<IncidentSettings> {
  const raw = runtime.inputs(INCIDENT_INPUT_NAMES);
  if (raw['github-token']) runtime.logger.mask(raw['github-token']);
  for (const secret of notifySecrets(raw)) runtime.logger.mask(secret);
  const { workspace } = runtime.context;
  const settings = await parseIncidentInputs(raw, runtime.context, {
    readFile: (path) => adapters.readFile(path, workspace),
  });
  if (settings.githubToken === undefined) {
    throw new InputError(
      'github-token',
      undefined,
      "a token with 'permissions: issues: write' (the default is ${{ github.token }})",
      { scope: 'incident' },
    );
  }
  return settings;
}
