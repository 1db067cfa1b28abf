import type { ActionRuntime, RuntimeLogger } from '../core/action-runtime.js';
import { ShipgateError } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import type { RunContext } from '../core/run-context.js';
import { headerSecrets, urlSecrets } from '../core/secrets.js';
import { POST_STATE, savePostSettings } from '../runtime/post-state.js';
import type { StateStore } from '../state/ports.js';
import type { Router } from '../target/ports.js';
import type { Config } from './config.js';
import { type DeployOutcome, type DeployPorts, runDeploy } from './deploy.js';
import { DEPLOY_INPUT_NAMES, type ParsedDeployInputs, parseDeployInputs, type StateKind } from './deploy-inputs.js';
// Imported statically: every run writes the summary, and a separate chunk costs a dry run more to load
// (SPEC §9 B1) than the renderer's code does inside the main one.
import { renderDeploySummary } from './deploy-summary.js';
import { type DeploySettings, resolveDeploySettings } from './settings.js';

/** The state store the inputs chose, and who is asking. */
export interface StateStoreOptions {
  readonly state: StateKind;
  readonly stateFile: string;
  readonly githubToken?: string;
  readonly context: RunContext;
  readonly logger: RuntimeLogger;
}

/**
 * The outside world of the deploy and rollback actions, built from their settings. The real ones are in
 * src/runtime/deploy-adapters.ts (passed in by the entry files); tests pass fakes.
 */
export interface DeployAdapters {
  /** Reads and validates the config file; a relative path is the workspace's. */
  loadConfig(path: string, workspace: string, scope: string): { readonly config: Config };
  createStateStore(options: StateStoreOptions): Promise<StateStore>;
  /** Hooks, router, HTTP, metrics, clock, lock holder: everything the engine runs with. */
  buildDeployPorts(
    settings: DeploySettings,
    options: {
      store: StateStore;
      context: RunContext;
      logger: RuntimeLogger;
      signal?: AbortSignal;
      progress?: Progress;
    },
  ): DeployPorts;
}

/** The traffic router of a deploy's router settings (null for kind none), for the post step. */
export type RouterFactory = (
  router: DeploySettings['router'],
  options: { context: RunContext; logger: RuntimeLogger },
) => Promise<Router | null>;

/**
 * The deploy action: read the inputs and the config once, run the deploy, write the outputs and the
 * summary. What the post step needs is saved as soon as it is known.
 */
/** The state store the inputs chose and the real ports of the settings, with the run's cancel signal and progress. */
export async function deployPorts(
  runtime: ActionRuntime,
  adapters: DeployAdapters,
  settings: DeploySettings,
  parsed: Omit<StateStoreOptions, 'context' | 'logger'>,
): Promise<DeployPorts> {
  const { context, logger, progress } = runtime;
  const store = await adapters.createStateStore({ ...parsed, context, logger });
  const signal = runtime.cancelSignal();
  return adapters.buildDeployPorts(settings, { store, context, logger, signal, ...(progress ? { progress } : {}) });
}

export async function run(runtime: ActionRuntime, adapters: DeployAdapters): Promise<void> {
  try {
    const { parsed, settings } = readDeploySettings(runtime, adapters);
    savePostSettings(runtime, settings, parsed.state, parsed.stateFile);
    const ports = await deployPorts(runtime, adapters, settings, parsed);
    const outcome = await runDeploy(settings, ports, {
      onBegin: ({ deploymentId, stableRoute, plan }) => {
        runtime.saveState(POST_STATE.deploymentId, deploymentId ?? '');
        runtime.saveState(POST_STATE.stableRoute, stableRoute ? JSON.stringify(stableRoute) : '');
        runtime.saveState(POST_STATE.slot, plan.newSlot ?? '');
      },
      onStableRoute: (route) => runtime.saveState(POST_STATE.stableRoute, JSON.stringify(route)),
      // The post step writes this reason to GitHub, and it knows none of the config's secrets: mask it now.
      onStepsDone: (done) => {
        const reason = done.entry.reason === null ? null : runtime.logger.hide(done.entry.reason);
        runtime.saveState(POST_STATE.outcome, JSON.stringify({ ...done, entry: { ...done.entry, reason } }));
      },
    });
    if (!outcome.recordError) runtime.saveState(POST_STATE.finished, 'true');
    await writeOutcome(runtime, outcome);
  } catch (error) {
    runtime.fail(error);
  }
}

function readDeploySettings(
  runtime: ActionRuntime,
  adapters: DeployAdapters,
): { parsed: ParsedDeployInputs; settings: DeploySettings } {
  const raw = runtime.inputs(DEPLOY_INPUT_NAMES);
  if (raw['github-token']) runtime.logger.mask(raw['github-token']);
  const parsed = parseDeployInputs(raw, runtime.context);
  const { config } = adapters.loadConfig(parsed.configPath, runtime.context.workspace, 'deploy');
  const settings = resolveDeploySettings(config, parsed.inputs, parsed.configPath);
  for (const secret of configSecrets(settings)) runtime.logger.mask(secret);
  return { parsed, settings };
}

/** SPEC §10: the config's header values (and their credential parts) and URL user-info are secrets too. */
function configSecrets(settings: DeploySettings): string[] {
  const http = settings.health.checks.flatMap((check) => (check.kind === 'http' ? [check] : []));
  return [
    ...http.flatMap((check) => Object.values(check.headers).flatMap(headerSecrets)),
    ...http.flatMap((check) => urlSecrets(check.url)),
    ...urlSecrets(settings.analysis?.prometheusUrl ?? ''),
  ];
}

async function writeOutcome(runtime: ActionRuntime, outcome: DeployOutcome): Promise<void> {
  const { report } = outcome;
  runtime.setOutput('result', outcome.result);
  runtime.setOutput('version', report.version);
  runtime.setOutput('previous-version', report.previousVersion ?? '');
  runtime.setOutput('active-slot', outcome.state.activeSlot ?? '');
  runtime.setOutput('deployment-id', outcome.deploymentId ?? '');
  runtime.setOutput('failure-reason', report.failureReason ?? '');
  runtime.setOutput('report', JSON.stringify(report));
  runtime.showOutcome?.(report, outcome.plan?.steps.map((step) => step.name) ?? []);
  await runtime.appendSummary(await renderDeploySummary(report, outcome.plan));
  // The deploy itself ended as its result says; failing to record it is its own error, not a failed deploy.
  // SPEC §5.2: exit 1 for failed, rolled-back and aborted (stopped before anything changed: a failed
  // preflight hook, or a drift).
  if (outcome.recordError) runtime.fail(outcome.recordError);
  else if (outcome.result === 'rolled-back' || outcome.result === 'failed' || outcome.result === 'aborted') {
    runtime.fail(
      new ShipgateError('deploy-failed', `deploy: ${outcome.result}: ${report.failureReason ?? 'unknown reason'}`),
    );
  }
}
