import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { systemClock } from '../../src/core/clock.js';
import { InputError } from '../../src/core/errors.js';
import { INCIDENT_INPUT_NAMES, parseIncidentInputs } from '../../src/incident/incident-settings.js';
import { notifySecrets } from '../../src/incident/notify/notify-settings.js';
import { incidentOutputs, renderIncidentSummary } from '../../src/incident/summary.js';
import { runIncidentAction } from '../../src/incident/tracker.js';
import { createActionsRuntime } from '../../src/runtime/actions-runtime.js';

const runtime = createActionsRuntime();
try {
  const raw = runtime.inputs(INCIDENT_INPUT_NAMES);
  runtime.logger.mask(raw['github-token'] ?? '');
  for (const secret of notifySecrets(raw)) runtime.logger.mask(secret);
  const { context, logger } = runtime;
  const settings = await parseIncidentInputs(raw, context, {
    // A relative path (template, config) is the workspace's, wherever the step runs; an error shows where it looked.
    readFile: (path) => readFile(resolve(context.workspace, path), 'utf8'),
  });
  if (settings.githubToken === undefined) {
    throw new InputError(
      'github-token',
      undefined,
      "a token with 'permissions: issues: write' (the default is ${{ github.token }})",
      {
        scope: 'incident',
      },
    );
  }
  // Loaded only now, after every input is checked: Octokit is most of this bundle's start-up (SPEC §9, B1).
  const { createGitHubIssues } = await import('../../src/github/issues-port.js');
  const issues = createGitHubIssues({
    token: settings.githubToken,
    baseUrl: context.apiUrl,
    owner: context.repository?.owner ?? '',
    repo: context.repository?.repo ?? '',
    logger,
  });
  const result = await runIncidentAction({ issues, clock: systemClock, logger }, settings);
  for (const [name, value] of Object.entries(incidentOutputs(result))) runtime.setOutput(name, value);
  runtime.appendSummary(renderIncidentSummary(result));
  logger.info(`incident: ${result.action} → ${result.actionTaken}: ${result.detail}`);
  // After the issue is written: a notification that fails is a warning, never a failed step.
  const { announceIncident } = await import('../../src/incident/notify/notify-incident.js');
  const { createNodeHttpClient } = await import('../../src/health/http-client.js');
  await announceIncident({ issues, http: createNodeHttpClient(), clock: systemClock, logger }, settings, result);
} catch (error) {
  runtime.fail(error);
}
