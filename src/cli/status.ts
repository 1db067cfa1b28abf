import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { type DeployInputs, resolveDeploySettings } from '../deploy/settings.js';
import { loadConfig } from '../runtime/deploy-ports.js';
import { createSwarmPorts } from '../runtime/swarm-ports.js';
import type { EnvironmentState } from '../state/ports.js';
import type { Observation } from '../target/orchestrator.js';

/** `shipgate status`: what runs where, and the last deploys, as a person reads it in a terminal. */
export function renderStatus(
  service: string,
  environment: string,
  state: EnvironmentState,
  observation?: Observation | { readonly error: string },
): string {
  const lines = [
    `${service}/${environment}`,
    `  active version: ${state.activeVersion ?? '(none)'}${state.activeSlot ? ` on ${state.activeSlot}` : ''}`,
    ...(['blue', 'green'] as const)
      .filter((slot) => state.slots[slot])
      .map((slot) => `  ${slot}: ${state.slots[slot]?.version} (${state.slots[slot]?.up ? 'up' : 'retired'})`),
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
function renderObservation(observation: Observation | { readonly error: string } | undefined): string[] {
  if (!observation) return [];
  if ('error' in observation) return [`  swarm: cannot tell what runs: ${observation.error}`];
  return [
    '  swarm runs:',
    ...observation.lines.map((line) => `    ${line}`),
    `  drift: ${observation.drift ?? 'none (Swarm runs what the record says)'}`,
  ];
}

/**
 * For a swarm target, what Swarm runs (SPEC §8a: drift where the target can tell what runs); undefined
 * without a config file or for other targets. A daemon that cannot be read is shown, not fatal.
 */
export async function observeTarget(options: {
  readonly configPath: string;
  readonly workspace: string;
  readonly inputs: DeployInputs;
  readonly state: EnvironmentState;
  readonly logger: Logger;
}): Promise<Observation | { readonly error: string } | undefined> {
  let loaded: ReturnType<typeof loadConfig>;
  try {
    loaded = loadConfig(options.configPath, options.workspace, 'status');
  } catch {
    return undefined; // no config here: the record alone
  }
  const { service, environment } = options.inputs;
  const target = loaded.config.services[service]?.environments[environment]?.target;
  if (target?.kind !== 'swarm') return undefined;
  const settings = resolveDeploySettings(loaded.config, options.inputs, options.configPath);
  if (settings.target.kind !== 'swarm') return undefined;
  try {
    return await createSwarmPorts(settings, settings.target, options.logger).orchestrator.observe(options.state);
  } catch (error) {
    return { error: errorMessage(error) };
  }
}
