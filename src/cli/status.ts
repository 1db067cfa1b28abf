import type { RuntimeLogger } from '../core/action-runtime.js';
import { errorMessage } from '../core/errors.js';
import type { RunContext } from '../core/run-context.js';
import { SLOTS } from '../core/vocabulary.js';
import type { DeployAdapters } from '../deploy/deploy-action.js';
import { type DeployInputs, resolveDeploySettings } from '../deploy/settings.js';
import type { EnvironmentState, StateStore } from '../state/ports.js';
import type { Observation } from '../target/orchestrator.js';

/** What the target runs, or why it could not be read. */
export type TargetView = Observation | { readonly error: string };

/**
 * `shipgate status`: what runs where, and the last deploys, as a person reads it in a terminal; for a
 * target that can tell what runs (swarm), that too, and the drift from the record.
 */
export function renderStatus(
  service: string,
  environment: string,
  state: EnvironmentState,
  observation?: TargetView,
): string {
  const lines = [
    `${service}/${environment}`,
    `  active version: ${state.activeVersion ?? '(none)'}${state.activeSlot ? ` on ${state.activeSlot}` : ''}`,
    ...SLOTS.filter((slot) => state.slots[slot]).map(
      (slot) => `  ${slot}: ${state.slots[slot]?.version} (${state.slots[slot]?.up ? 'up' : 'retired'})`,
    ),
    ...Object.entries(state.instances).map(([instance, version]) => `  ${instance}: ${version}`),
    ...renderObservation(observation),
    '  history (newest first):',
    ...(state.history.length === 0
      ? ['    (none)']
      : state.history
          .slice(0, 10)
          .map(
            (entry) =>
              `    ${entry.startedAt}  ${entry.kind} ${entry.version} (${entry.strategy}) ${entry.finishedAt ? entry.result : 'in progress'}${entry.reason ? `: ${entry.reason}` : ''}`,
          )),
  ];
  return `${lines.join('\n')}\n`;
}

/** What the orchestrator runs (swarm), and the drift from the record when there is one. */
function renderObservation(observation: TargetView | undefined): string[] {
  if (!observation) return [];
  if ('error' in observation) return [`  swarm: cannot tell what runs: ${observation.error}`];
  return [
    '  swarm runs:',
    ...observation.lines.map((line) => `    ${line}`),
    `  drift: ${observation.drift ?? 'none (Swarm runs what the record says)'}`,
  ];
}

/** Where status looks: the config, the environment's inputs and the state read from the store. */
export interface ObserveRequest {
  readonly configPath: string;
  readonly inputs: DeployInputs;
  readonly store: StateStore;
  readonly state: EnvironmentState;
  readonly context: RunContext;
  readonly logger: RuntimeLogger;
}

/**
 * For a swarm target, what Swarm runs (SPEC §8a: drift where the target can tell what runs), through the
 * deploy's own ports; undefined without a config file or for other targets. A daemon that cannot be read
 * is shown, not fatal.
 */
export async function observeTarget(
  adapters: DeployAdapters,
  request: ObserveRequest,
): Promise<TargetView | undefined> {
  const { configPath, inputs, context, logger } = request;
  let config: ReturnType<DeployAdapters['loadConfig']>['config'];
  try {
    ({ config } = adapters.loadConfig(configPath, context.workspace, 'status'));
  } catch {
    return undefined; // no config here: the record alone
  }
  const target = config.services[inputs.service]?.environments[inputs.environment]?.target;
  if (target?.kind !== 'swarm') return undefined;
  const settings = resolveDeploySettings(config, inputs, configPath);
  const { orchestrator } = adapters.buildDeployPorts(settings, { store: request.store, context, logger });
  if (!orchestrator) return undefined;
  try {
    return await orchestrator.observe(request.state);
  } catch (error) {
    return { error: errorMessage(error) };
  }
}
