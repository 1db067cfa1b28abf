import type { ActionRuntime, RuntimeLogger } from '../core/action-runtime.js';
import { errorMessage, ShipgateError } from '../core/errors.js';
import type { RunContext } from '../core/run-context.js';
import type { Slot } from '../core/vocabulary.js';
import { type PostSettings, readSavedDeploy } from '../runtime/post-state.js';
import { describeRoute, type Route } from '../target/ports.js';
import type { RouterFactory } from './deploy-action.js';

/** What the post step may change: traffic (the router) and the GitHub deployment's status. */
export interface DeployPostAdapters {
  readonly createRouter: RouterFactory;
  /** Marks a GitHub deployment `error` unless it already finished. */
  finaliseDeployment(
    request: {
      readonly githubToken?: string;
      readonly deploymentId: number;
      readonly description: string;
      readonly slot: Slot | null;
    },
    options: { context: RunContext; logger: RuntimeLogger },
  ): Promise<'finalised' | 'already-finished'>;
}

interface Stopped {
  readonly settings: PostSettings;
  readonly deploymentId: string;
  readonly stableRoute: Route | null;
  readonly slot: string;
}

/**
 * The deploy's post step (`post-if: always()`). When the main step recorded its outcome there is nothing
 * to do. When it was killed or cancelled before that, this puts all traffic back on the stable version
 * and finalises the deployment with an `error` status, so the Environments page and the lock do not show
 * a deploy in progress that no one is running. It uses only what the main step saved.
 */
export async function runPost(runtime: ActionRuntime, adapters: DeployPostAdapters): Promise<void> {
  try {
    const saved = readSavedDeploy(runtime);
    if (saved.kind === 'finished')
      return runtime.logger.info('deploy post: the deploy recorded its outcome; nothing to do');
    if (saved.kind === 'none') return runtime.logger.info('deploy post: no deploy began in this step; nothing to do');
    const { service, version, environment } = saved.settings;
    runtime.logger.warning(
      `deploy post: the deploy of ${service} ${version} to ${environment} was stopped before it finished; restoring traffic and recording it`,
    );
    const problems = [...(await routeBack(runtime, adapters, saved)), ...(await finalise(runtime, adapters, saved))];
    if (problems.length > 0) throw new ShipgateError('post-failed', `deploy post: ${problems.join('; ')}`);
  } catch (error) {
    runtime.fail(error);
  }
}

async function routeBack(runtime: ActionRuntime, adapters: DeployPostAdapters, saved: Stopped): Promise<string[]> {
  const { context, logger } = runtime;
  const { settings, stableRoute } = saved;
  const router = await adapters.createRouter(settings.router, { context, logger });
  if (!router || !stableRoute) return [];
  const weights = describeRoute(stableRoute);
  try {
    const { service, environment, version, strategy, phase } = settings;
    await router.apply(stableRoute, { service, environment, version, strategy, phase, weights });
    logger.info(`deploy post: traffic routed back: ${weights}`);
    return [];
  } catch (error) {
    return [`could not route traffic back (${weights}): ${errorMessage(error)}`];
  }
}

async function finalise(runtime: ActionRuntime, adapters: DeployPostAdapters, saved: Stopped): Promise<string[]> {
  const { deploymentId, settings } = saved;
  if (!deploymentId || settings.state !== 'github') return [];
  const { context, logger } = runtime;
  // The token is the one input the post step reads: a secret is not written to the saved state.
  const githubToken = runtime.inputs(['github-token'])['github-token'];
  if (githubToken) logger.mask(githubToken);
  try {
    const done = await adapters.finaliseDeployment(
      {
        ...(githubToken ? { githubToken } : {}),
        deploymentId: Number(deploymentId),
        description: `deploy ${settings.version} stopped: the run was cancelled or killed before it finished; traffic routed back`,
        slot: saved.slot === 'blue' || saved.slot === 'green' ? saved.slot : null,
      },
      { context, logger },
    );
    logger.info(
      done === 'finalised'
        ? `deploy post: deployment ${deploymentId} marked error`
        : `deploy post: deployment ${deploymentId} had already finished`,
    );
    return [];
  } catch (error) {
    return [`could not finalise deployment ${deploymentId}: ${errorMessage(error)}`];
  }
}
