import type { ActionRuntime, RuntimeLogger } from '../core/action-runtime.js';
import { errorMessage, ShipgateError } from '../core/errors.js';
import type { RunContext } from '../core/run-context.js';
import type { Slot } from '../core/vocabulary.js';
import { type PostSettings, readSavedDeploy, type SavedOutcome } from '../runtime/post-state.js';
import { describeRoute, type Route } from '../target/ports.js';
import type { RouterFactory } from './deploy-action.js';

/** Attempts at recording an outcome the main step could not (each retries GitHub's 5xx inside too). */
const RECORD_ATTEMPTS = 3;

interface PostOptions {
  context: RunContext;
  logger: RuntimeLogger;
}

/** What the post step may change: traffic (the router) and the record in the state store. */
export interface DeployPostAdapters {
  readonly createRouter: RouterFactory;
  /** Marks a GitHub deployment `error` (as killed) unless it already finished. */
  finaliseDeployment(
    request: {
      readonly githubToken?: string;
      readonly deploymentId: number;
      readonly description: string;
      readonly slot: Slot | null;
    },
    options: PostOptions,
  ): Promise<'finalised' | 'already-finished'>;
  /**
   * The unfinished GitHub deployment this run began, found in the store by the run id its payload
   * carries: for a main step killed before it saved the deployment's id.
   */
  findRunDeployment(
    request: {
      readonly githubToken?: string;
      readonly service: string;
      readonly environment: string;
      readonly runId: string;
    },
    options: PostOptions,
  ): Promise<number | null>;
  /** Records the outcome of a deploy whose steps all ran but whose main step could not record it. */
  recordOutcome(
    request: {
      readonly githubToken?: string;
      readonly settings: PostSettings;
      readonly deploymentId: string;
      readonly outcome: SavedOutcome;
    },
    options: PostOptions,
  ): Promise<void>;
}

interface Stopped {
  readonly settings: PostSettings;
  readonly deploymentId: string;
  readonly stableRoute: Route | null;
  readonly slot: string;
}

/**
 * The deploy's post step (`post-if: always()`). It finishes only what a killed main step left:
 * - the outcome was recorded: nothing to do;
 * - every step ran but recording failed: it records the outcome (traffic stays where the deploy left it);
 * - stopped mid-change: it puts all traffic on the stable route (after the new version was made active,
 *   that is the new slot: never a retired one) and records the deployment as killed;
 * - killed before the main step saved anything: it finds the run's deployment in the store by run id and
 *   records it as killed (nothing had changed yet).
 */
export async function runPost(runtime: ActionRuntime, adapters: DeployPostAdapters): Promise<void> {
  try {
    const saved = readSavedDeploy(runtime);
    const problems = await finish(runtime, adapters, saved);
    if (problems.length > 0) throw new ShipgateError('post-failed', `deploy post: ${problems.join('; ')}`);
  } catch (error) {
    runtime.fail(error);
  }
}

async function finish(
  runtime: ActionRuntime,
  adapters: DeployPostAdapters,
  saved: ReturnType<typeof readSavedDeploy>,
): Promise<string[]> {
  switch (saved.kind) {
    case 'finished':
      runtime.logger.info('deploy post: the deploy recorded its outcome; nothing to do');
      return [];
    case 'none':
      return finishUnsaved(runtime, adapters, saved.settings);
    case 'unrecorded':
      return record(runtime, adapters, saved);
    case 'stopped': {
      const { service, version, environment } = saved.settings;
      runtime.logger.warning(
        `deploy post: the deploy of ${service} ${version} to ${environment} was stopped before it finished; restoring traffic and recording it`,
      );
      return [...(await routeBack(runtime, adapters, saved)), ...(await finalise(runtime, adapters, saved))];
    }
    default: {
      const never: never = saved;
      throw new Error(`unknown saved deploy ${JSON.stringify(never)}`);
    }
  }
}

/** The github token input (the one input the post step reads: a secret is not written to the saved state). */
function token(runtime: ActionRuntime): { githubToken?: string } {
  const githubToken = runtime.inputs(['github-token'])['github-token'];
  if (githubToken) runtime.logger.mask(githubToken);
  return githubToken ? { githubToken } : {};
}

/** Killed before it saved the deployment's id: the store knows the deployment by the run id in its payload. */
async function finishUnsaved(
  runtime: ActionRuntime,
  adapters: DeployPostAdapters,
  settings: PostSettings | null,
): Promise<string[]> {
  const { context, logger } = runtime;
  if (settings?.state !== 'github' || !context.runId) {
    logger.info('deploy post: no deploy began in this step; nothing to do');
    return [];
  }
  const { service, environment, version } = settings;
  try {
    const request = { ...token(runtime), service, environment, runId: context.runId };
    const deploymentId = await adapters.findRunDeployment(request, { context, logger });
    if (deploymentId === null) {
      logger.info('deploy post: no deploy began in this step; nothing to do');
      return [];
    }
    logger.warning(
      `deploy post: the run was killed right after it created deployment ${deploymentId}; recording it as killed`,
    );
    const description = `killed: deploy ${version} stopped before it changed anything (the run was killed as it began)`;
    await adapters.finaliseDeployment(
      { ...token(runtime), deploymentId, description, slot: null },
      { context, logger },
    );
    return [];
  } catch (error) {
    return [`could not finalise the deployment of this run: ${errorMessage(error)}`];
  }
}

/** Every step ran; only the record is missing. Traffic is never touched here. */
async function record(
  runtime: ActionRuntime,
  adapters: DeployPostAdapters,
  saved: { settings: PostSettings; deploymentId: string; outcome: SavedOutcome },
): Promise<string[]> {
  const { context, logger } = runtime;
  const { entry } = saved.outcome;
  logger.warning(
    `deploy post: the deploy of ${entry.version} ${entry.result} but its outcome was not recorded; recording it now (traffic stays where the deploy left it)`,
  );
  let last: unknown;
  for (let attempt = 1; attempt <= RECORD_ATTEMPTS; attempt += 1) {
    try {
      await adapters.recordOutcome({ ...token(runtime), ...saved }, { context, logger });
      logger.info(`deploy post: recorded: ${entry.kind} ${entry.version} ${entry.result}`);
      return [];
    } catch (error) {
      last = error;
    }
  }
  return [
    `the deploy ${entry.result}, but its outcome could not be recorded in the state store (${RECORD_ATTEMPTS} attempts): ${errorMessage(last)}; traffic was left where the deploy ended`,
  ];
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
  try {
    const done = await adapters.finaliseDeployment(
      {
        ...token(runtime),
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
