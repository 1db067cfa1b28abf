import { ShipgateError } from '../../src/core/errors.js';
import { parseRollbackInputs, ROLLBACK_INPUT_NAMES } from '../../src/deploy/deploy-inputs.js';
import { renderDeploySummary } from '../../src/deploy/deploy-summary.js';
import { runRollback } from '../../src/deploy/rollback.js';
import { resolveDeploySettings } from '../../src/deploy/settings.js';
import { createActionsRuntime } from '../../src/runtime/actions-runtime.js';
import { buildDeployPorts, createStateStore, loadConfig } from '../../src/runtime/deploy-ports.js';
import { onCancel } from '../../src/runtime/signals.js';

const runtime = createActionsRuntime();
try {
  const raw = runtime.inputs(ROLLBACK_INPUT_NAMES);
  if (raw['github-token']) runtime.logger.mask(raw['github-token']);
  const parsed = parseRollbackInputs(raw, runtime.context);
  const { config } = loadConfig(parsed.configPath, runtime.context.workspace, 'rollback');
  const inputs = {
    service: parsed.service,
    environment: parsed.environment,
    phase: 'full',
    rollbackOnError: true,
    dryRun: false,
  } as const;
  // Checked before anything changes: the service and environment exist and the strategy has what it needs.
  const settings = resolveDeploySettings(config, { ...inputs, version: parsed.toVersion ?? '-' }, parsed.configPath);
  const store = await createStateStore({ ...parsed, context: runtime.context, logger: runtime.logger });
  const ports = buildDeployPorts(settings, {
    store,
    context: runtime.context,
    logger: runtime.logger,
    signal: onCancel(),
  });
  runtime.setOutput('result', 'failed');
  const outcome = await runRollback(
    {
      service: parsed.service,
      environment: parsed.environment,
      ...(parsed.toVersion ? { toVersion: parsed.toVersion } : {}),
      ...(parsed.reason ? { reason: parsed.reason } : {}),
    },
    (version) => resolveDeploySettings(config, { ...inputs, version }, parsed.configPath),
    ports,
  );
  runtime.setOutput('result', outcome.result);
  runtime.setOutput('from-version', outcome.fromVersion ?? '');
  runtime.setOutput('to-version', outcome.toVersion ?? '');
  runtime.setOutput('deployment-id', outcome.deploymentId ?? '');
  if (outcome.report) {
    runtime.setOutput('report', JSON.stringify(outcome.report));
    runtime.appendSummary(await renderDeploySummary(outcome.report, outcome.plan));
  } else {
    runtime.appendSummary(
      `### shipgate rollback: ${parsed.service}/${parsed.environment}: ⏸️ nothing to do\n\n${outcome.toVersion} is already the active version.\n`,
    );
  }
  if (outcome.result === 'failed') {
    runtime.fail(
      new ShipgateError(
        'rollback-failed',
        `rollback: failed: ${outcome.failureReason ?? 'unknown reason'}${outcome.report?.result === 'rolled-back' ? '; traffic was left where it was' : ''}`,
      ),
    );
  }
} catch (error) {
  runtime.fail(error);
}
