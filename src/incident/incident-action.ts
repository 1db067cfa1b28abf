import type { ActionRuntime } from '../core/action-runtime.js';
import type { Clock } from '../core/clock.js';
import { InputError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { createSecretMask, registerSecret, type SecretMask } from '../core/secrets.js';
import type { HttpClient } from '../health/http-client.js';
import { INCIDENT_INPUT_NAMES, type IncidentSettings, parseIncidentInputs } from './incident-settings.js';
import { incidentOutputs, renderIncidentSummary } from './incident-summary.js';
import { type IssuePort, maskedIssuePort } from './issue-port.js';
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
    const masks = { issues: createSecretMask(), notifications: createSecretMask() };
    const settings = await readIncidentSettings(runtime, adapters, masks);
    // Only now, after every input is checked: Octokit is most of this bundle's start-up (SPEC §9, B1).
    const port = await adapters.issues({
      token: settings.githubToken ?? '',
      baseUrl: context.apiUrl,
      owner: context.repository?.owner ?? '',
      repo: context.repository?.repo ?? '',
      logger,
    });
    const issues = maskedIssuePort(port, masks.issues.hide);
    const result = await runIncidentAction({ issues, clock: adapters.clock, logger }, settings);
    for (const [name, value] of Object.entries(incidentOutputs(result))) runtime.setOutput(name, value);
    await runtime.appendSummary(renderIncidentSummary(result));
    logger.info(`incident: ${result.action} → ${result.actionTaken}: ${result.detail}`);
    // After the issue is written: a notification that fails is a warning, never a failed step.
    const { announceIncident } = await import('./notify/notify-incident.js');
    const http = maskedBodies(await adapters.http(), masks.notifications.hide);
    await announceIncident({ issues, http, clock: adapters.clock, logger }, settings, result);
  } catch (error) {
    runtime.fail(error);
  }
}

/**
 * Issue bodies are masked with every secret; notification bodies with all but the notification secrets
 * themselves (a PagerDuty event must carry its routing key).
 */
interface IncidentMasks {
  readonly issues: SecretMask;
  readonly notifications: SecretMask;
}

/** An HTTP client whose request bodies pass through `hide` first. */
function maskedBodies(http: HttpClient, hide: (text: string) => string): HttpClient {
  return {
    request: (request, signal) =>
      http.request(request.body === undefined ? request : { ...request, body: hide(request.body) }, signal),
  };
}

async function readIncidentSettings(
  runtime: ActionRuntime,
  adapters: IncidentAdapters,
  masks: IncidentMasks,
): Promise<IncidentSettings> {
  const raw = runtime.inputs(INCIDENT_INPUT_NAMES);
  for (const mask of [masks.issues, masks.notifications]) {
    if (raw['github-token']) registerSecret(runtime.logger, mask, raw['github-token']);
  }
  for (const secret of notifySecrets(raw)) registerSecret(runtime.logger, masks.issues, secret);
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
