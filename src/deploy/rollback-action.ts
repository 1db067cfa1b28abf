import type { ActionRuntime } from '../core/action-runtime.js';
import { ShipgateError } from '../core/errors.js';
import { type DeployAdapters, deployPorts } from './deploy-action.js';
import { type ParsedRollbackInputs, parseRollbackInputs, ROLLBACK_INPUT_NAMES } from './deploy-inputs.js';
import { type RollbackOutcome, runRollback } from './rollback.js';
import { type DeploySettings, resolveDeploySettings } from './settings.js';

/**
 * The rollback action: read the inputs and the config once, check them before anything changes, roll
 * back (switch or redeploy), write the outputs and the summary.
 */
export async function run(runtime: ActionRuntime, adapters: DeployAdapters): Promise<void> {
  try {
    const { parsed, settingsFor } = readRollbackSettings(runtime, adapters);
    // Checked before anything changes: the service and environment exist and the strategy has what it needs.
    const settings = settingsFor(parsed.toVersion ?? '-');
    const ports = await deployPorts(runtime, adapters, settings, parsed);
    runtime.setOutput('result', 'failed');
    const request = {
      service: parsed.service,
      environment: parsed.environment,
      ...(parsed.toVersion ? { toVersion: parsed.toVersion } : {}),
      ...(parsed.reason ? { reason: parsed.reason } : {}),
    };
    await writeOutcome(runtime, parsed, await runRollback(request, settingsFor, ports));
  } catch (error) {
    runtime.fail(error);
  }
}

function readRollbackSettings(
  runtime: ActionRuntime,
  adapters: DeployAdapters,
): { parsed: ParsedRollbackInputs; settingsFor: (version: string) => DeploySettings } {
  const raw = runtime.inputs(ROLLBACK_INPUT_NAMES);
  if (raw['github-token']) runtime.logger.mask(raw['github-token']);
  const parsed = parseRollbackInputs(raw, runtime.context);
  const { config } = adapters.loadConfig(parsed.configPath, runtime.context.workspace, 'rollback');
  const inputs = {
    service: parsed.service,
    environment: parsed.environment,
    phase: 'full',
    rollbackOnError: true,
    dryRun: false,
  } as const;
  return {
    parsed,
    settingsFor: (version) => resolveDeploySettings(config, { ...inputs, version }, parsed.configPath),
  };
}

async function writeOutcome(runtime: ActionRuntime, parsed: ParsedRollbackInputs, outcome: RollbackOutcome) {
  runtime.setOutput('result', outcome.result);
  runtime.setOutput('from-version', outcome.fromVersion ?? '');
  runtime.setOutput('to-version', outcome.toVersion ?? '');
  runtime.setOutput('deployment-id', outcome.deploymentId ?? '');
  if (outcome.report) {
    runtime.setOutput('report', JSON.stringify(outcome.report));
    runtime.showOutcome?.(outcome.report, outcome.plan?.steps.map((step) => step.name) ?? []);
    const { renderDeploySummary } = await import('./deploy-summary.js');
    await runtime.appendSummary(await renderDeploySummary(outcome.report, outcome.plan));
  } else {
    runtime.logger.info(`rollback: ${outcome.toVersion} is already the active version; nothing to do`);
    await runtime.appendSummary(
      `### shipgate rollback: ${parsed.service}/${parsed.environment}: ⏸️ nothing to do\n\n${outcome.toVersion} is already the active version.\n`,
    );
  }
  if (outcome.result === 'failed') {
    const leftAlone = outcome.report?.result === 'rolled-back' ? '; traffic was left where it was' : '';
    runtime.fail(
      new ShipgateError(
        'rollback-failed',
        `rollback: failed: ${outcome.failureReason ?? 'unknown reason'}${leftAlone}`,
      ),
    );
  }
}
