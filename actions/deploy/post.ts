import { errorMessage, ShipgateError } from '../../src/core/errors.js';
import { DEPLOY_INPUT_NAMES, parseDeployInputs } from '../../src/deploy/deploy-inputs.js';
import { resolveDeploySettings } from '../../src/deploy/settings.js';
import { createActionsRuntime } from '../../src/runtime/actions-runtime.js';
import { createDeploymentsPort, createRouter, loadConfig } from '../../src/runtime/deploy-ports.js';
import { POST_STATE } from '../../src/runtime/post-state.js';
import { describeRoute, type Route } from '../../src/target/ports.js';

/**
 * The deploy's post step (`post-if: always()`). When the main step recorded its outcome there is nothing
 * to do. When it was killed or cancelled before that, this puts all traffic back on the stable version
 * and finalises the deployment with an `error` status, so the Environments page and the lock do not show
 * a deploy in progress that no one is running.
 */
const runtime = createActionsRuntime();
const { logger } = runtime;
try {
  const deploymentId = runtime.getState(POST_STATE.deploymentId);
  const stableRouteText = runtime.getState(POST_STATE.stableRoute);
  if (runtime.getState(POST_STATE.finished) === 'true') {
    logger.info('deploy post: the deploy recorded its outcome; nothing to do');
  } else if (!deploymentId && !stableRouteText) {
    logger.info('deploy post: no deploy began in this step; nothing to do');
  } else {
    const raw = runtime.inputs(DEPLOY_INPUT_NAMES);
    if (raw['github-token']) logger.mask(raw['github-token']);
    const parsed = parseDeployInputs(raw, runtime.context);
    const { config } = loadConfig(parsed.configPath, runtime.context.workspace, 'deploy');
    const settings = resolveDeploySettings(config, parsed.inputs, parsed.configPath);
    const problems: string[] = [];
    logger.warning(
      `deploy post: the deploy of ${settings.service} ${settings.version} to ${settings.environment} was stopped before it finished; restoring traffic and recording it`,
    );

    const router = createRouter(settings, { context: runtime.context, logger });
    if (router && stableRouteText) {
      const route = JSON.parse(stableRouteText) as Route;
      const weights = describeRoute(route);
      try {
        await router.apply(route, {
          service: settings.service,
          environment: settings.environment,
          version: settings.version,
          strategy: settings.strategy,
          phase: settings.phase,
          weights,
        });
        logger.info(`deploy post: traffic routed back: ${weights}`);
      } catch (error) {
        problems.push(`could not route traffic back (${weights}): ${errorMessage(error)}`);
      }
    }

    if (deploymentId && parsed.state === 'github') {
      try {
        const deployments = await createDeploymentsPort({
          ...(parsed.githubToken ? { githubToken: parsed.githubToken } : {}),
          context: runtime.context,
          logger,
        });
        const { finaliseAbandoned } = await import('../../src/state/github-store.js');
        const slot = runtime.getState(POST_STATE.slot);
        const done = await finaliseAbandoned(
          deployments,
          Number(deploymentId),
          `deploy ${settings.version} stopped: the run was cancelled or killed before it finished; traffic routed back`,
          {
            ...(runtime.context.runUrl ? { logUrl: runtime.context.runUrl } : {}),
            slot: slot === 'blue' || slot === 'green' ? slot : null,
          },
        );
        logger.info(
          done === 'finalised'
            ? `deploy post: deployment ${deploymentId} marked error`
            : `deploy post: deployment ${deploymentId} had already finished`,
        );
      } catch (error) {
        problems.push(`could not finalise deployment ${deploymentId}: ${errorMessage(error)}`);
      }
    }
    if (problems.length > 0) throw new ShipgateError('post-failed', `deploy post: ${problems.join('; ')}`);
  }
} catch (error) {
  runtime.fail(error);
}
