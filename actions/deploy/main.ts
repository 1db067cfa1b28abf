import { ShipgateError } from '../../src/core/errors.js';
import { runDeploy } from '../../src/deploy/deploy.js';
import { DEPLOY_INPUT_NAMES, parseDeployInputs } from '../../src/deploy/deploy-inputs.js';
import { renderDeploySummary } from '../../src/deploy/deploy-summary.js';
import { resolveDeploySettings } from '../../src/deploy/settings.js';
import { createActionsRuntime } from '../../src/runtime/actions-runtime.js';
import { buildDeployPorts, createStateStore, loadConfig } from '../../src/runtime/deploy-ports.js';
import { POST_STATE } from '../../src/runtime/post-state.js';
import { onCancel } from '../../src/runtime/signals.js';

const runtime = createActionsRuntime();
try {
  const raw = runtime.inputs(DEPLOY_INPUT_NAMES);
  if (raw['github-token']) runtime.logger.mask(raw['github-token']);
  const parsed = parseDeployInputs(raw, runtime.context);
  const { config } = loadConfig(parsed.configPath, runtime.context.workspace, 'deploy');
  const settings = resolveDeploySettings(config, parsed.inputs, parsed.configPath);
  const store = await createStateStore({ ...parsed, context: runtime.context, logger: runtime.logger });
  const ports = buildDeployPorts(settings, {
    store,
    context: runtime.context,
    logger: runtime.logger,
    signal: onCancel(),
  });
  const outcome = await runDeploy(settings, ports, {
    // For the post step, should this run be killed before it records its outcome.
    onBegin: ({ deploymentId, stableRoute, plan }) => {
      runtime.saveState(POST_STATE.deploymentId, deploymentId ?? '');
      runtime.saveState(POST_STATE.stableRoute, stableRoute ? JSON.stringify(stableRoute) : '');
      runtime.saveState(POST_STATE.slot, plan.newSlot ?? '');
      runtime.saveState(POST_STATE.version, settings.version);
    },
  });
  runtime.saveState(POST_STATE.finished, 'true');
  const { report } = outcome;
  runtime.setOutput('result', outcome.result);
  runtime.setOutput('version', report.version);
  runtime.setOutput('previous-version', report.previousVersion ?? '');
  runtime.setOutput('active-slot', outcome.state.activeSlot ?? '');
  runtime.setOutput('deployment-id', outcome.deploymentId ?? '');
  runtime.setOutput('failure-reason', report.failureReason ?? '');
  runtime.setOutput('report', JSON.stringify(report));
  runtime.appendSummary(await renderDeploySummary(report, outcome.plan));
  if (outcome.result === 'rolled-back' || outcome.result === 'failed') {
    runtime.fail(
      new ShipgateError('deploy-failed', `deploy: ${outcome.result}: ${report.failureReason ?? 'unknown reason'}`),
    );
  }
} catch (error) {
  runtime.fail(error);
}
