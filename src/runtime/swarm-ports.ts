import { systemClock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { DeploySettings } from '../deploy/settings.js';
import type { SwarmTargetSettings } from '../deploy/swarm-settings.js';
import type { Orchestrator } from '../target/orchestrator.js';
import type { WorkloadDriver } from '../target/ports.js';
import { createSwarmDriver } from '../target/swarm-driver.js';
import { createExecDockerCli } from './docker-cli.js';

/** `target.kind: swarm`: the swarm driver over the docker CLI, as both the workload driver and the orchestrator. */
export function createSwarmPorts(
  settings: DeploySettings,
  target: SwarmTargetSettings,
  logger: Logger,
): { driver: WorkloadDriver; orchestrator: Orchestrator } {
  const driver = createSwarmDriver({
    cli: createExecDockerCli(target.docker),
    docker: target.docker,
    image: target.image,
    timeoutMs: target.timeoutMs,
    // Rolling updates the service; blue-green and canary have one service per slot.
    ...(settings.strategy === 'rolling' && target.service ? { service: target.service } : {}),
    ...(settings.strategy !== 'rolling' && target.slotServices ? { slotServices: target.slotServices } : {}),
    batch: settings.rolling.batch,
    pauseMs: settings.rolling.pauseMs,
    ...(target.order ? { order: target.order } : {}),
    clock: systemClock,
    logger,
  });
  return { driver, orchestrator: driver };
}
