import type { Strategy } from '../core/vocabulary.js';
import type { EnvironmentConfig, UpdateOrder } from './config.js';
import type { Needs } from './settings.js';

/**
 * `target.kind: swarm` resolved (SPEC §4). `instances` (rolling: the service's addresses) and `slots` (the
 * slots' addresses) have the command target's shape, so the plans and gates read them the same way.
 */
export interface SwarmTargetSettings {
  readonly kind: 'swarm';
  /** The image reference with `{version}`. */
  readonly image: string;
  /** The docker CLI to run. */
  readonly docker: string;
  /** Longest wait for one update (or rollback, or scale) to converge. */
  readonly timeoutMs: number;
  /** Rolling: the service updated in place. */
  readonly service?: string;
  /** Rolling: where the service is probed. */
  readonly instances?: readonly string[];
  /** Blue-green and canary: each slot's addresses, and its service. */
  readonly slots?: { readonly blue: readonly string[]; readonly green: readonly string[] };
  readonly slotServices?: { readonly blue: string; readonly green: string };
  /** rolling.order; without it the service keeps its own update order. */
  readonly order?: UpdateOrder;
}

type SwarmTargetConfig = Extract<EnvironmentConfig['target'], { kind: 'swarm' }>;

const DEFAULT_TIMEOUT = 10 * 60_000;

/** What each strategy needs of a swarm target: one line naming the missing key when it is not there. */
export function checkSwarmTarget(target: SwarmTargetConfig, strategy: Strategy, needs: Needs): void {
  if (strategy === 'rolling') {
    needs(target.service, 'target.service', 'the Swarm service updated in place');
    needs(target.addresses, 'target.addresses', 'the addresses where the service is probed, as host:port');
  } else {
    needs(target.slots, 'target.slots', 'a Swarm service and addresses per slot, blue and green');
  }
}

export function swarmTargetSettings(
  target: SwarmTargetConfig,
  rolling: EnvironmentConfig['rolling'],
): SwarmTargetSettings {
  return {
    kind: 'swarm',
    image: target.image,
    docker: target.docker ?? 'docker',
    timeoutMs: target.timeout ?? DEFAULT_TIMEOUT,
    ...(target.service ? { service: target.service } : {}),
    ...(target.addresses ? { instances: target.addresses } : {}),
    ...(target.slots
      ? {
          slots: { blue: target.slots.blue.addresses, green: target.slots.green.addresses },
          slotServices: { blue: target.slots.blue.service, green: target.slots.green.service },
        }
      : {}),
    ...(rolling?.order ? { order: rolling.order } : {}),
  };
}
