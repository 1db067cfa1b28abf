import { isAbsolute, resolve } from 'node:path';
import { systemClock } from '../core/clock.js';
import type { CommandRunner } from '../core/command-runner.js';
import type { Logger } from '../core/logger.js';
import type { DeploySettings } from '../deploy/settings.js';
import type { SwarmTargetSettings } from '../deploy/swarm-settings.js';
import { createCommandProvider } from '../health/analysis/command-provider.js';
import type { MetricProvider } from '../health/analysis/metric-provider.js';
import { createPrometheusProvider } from '../health/analysis/prometheus-provider.js';
import type { HttpClient } from '../health/http-client.js';
import { createCommandDriver, createLifecycleHooks } from '../target/command-driver.js';
import { createCommandRouter } from '../target/command-router.js';
import { createNginxRouter } from '../target/nginx-router.js';
import type { Orchestrator } from '../target/orchestrator.js';
import type { LifecycleHookRunner, Router, WorkloadDriver } from '../target/ports.js';
import { createSwarmDriver } from '../target/swarm-driver.js';
import { createExecDockerCli } from './docker-cli.js';
import { createHookRunner } from './hook-runner.js';

/**
 * The real hooks of a deploy: the workload driver (the command driver's hooks, or Swarm through the docker
 * CLI), the traffic router and the metric providers, which run commands. deploy-adapters.ts imports this
 * module only when one of them is first used, so a dry run (which only plans) never loads it (SPEC §9,
 * B1).
 */
export type GroupingLogger = Logger & { group?: <T>(title: string, body: () => Promise<T>) => Promise<T> };

export interface DeployHooks {
  readonly driver: WorkloadDriver;
  /** Swarm: the driver as an orchestrator; null for the command driver. */
  readonly orchestrator: Orchestrator | null;
  /** Lifecycle hooks (config `hooks:`), run like the driver's. */
  readonly lifecycle: LifecycleHookRunner;
  /** The command runner the hooks share; command probes use it too. */
  readonly runner: CommandRunner;
  readonly router: Router | null;
  readonly providers: { readonly prometheus?: MetricProvider; readonly command: MetricProvider };
}

/** A command metric's timeout per measurement unless the metric sets its own `timeout` (documented). */
const COMMAND_METRIC_TIMEOUT_MS = 30_000;

/** The driver, router and metric providers of the settings, sharing one command runner. */
export function createDeployHooks(
  settings: DeploySettings,
  options: { cwd: string; logger: GroupingLogger; http: HttpClient },
): DeployHooks {
  const { cwd, logger, http } = options;
  const runner = createHookRunner();
  const prometheusUrl = settings.analysis?.prometheusUrl;
  return {
    runner,
    lifecycle: createLifecycleHooks({
      runner,
      timeoutMs: settings.target.timeoutMs,
      cwd,
      logger,
      ...(logger.group ? { group: logger.group.bind(logger) } : {}),
    }),
    ...createWorkload(settings, { cwd, logger, runner }),
    router: createRouter(settings.router, { cwd, logger, runner }),
    providers: {
      ...(prometheusUrl
        ? { prometheus: createPrometheusProvider({ http, baseUrl: prometheusUrl, timeoutMs: 10_000 }) }
        : {}),
      command: createCommandProvider({ runner, timeoutMs: COMMAND_METRIC_TIMEOUT_MS, cwd }),
    },
  };
}

/** The traffic router of the router settings (null for kind none). */
export function createRouter(
  router: DeploySettings['router'],
  options: { cwd: string; logger: GroupingLogger; runner?: CommandRunner },
): Router | null {
  const { logger, cwd } = options;
  const runner = options.runner ?? createHookRunner();
  const group = logger.group ? { group: logger.group.bind(logger) } : {};
  switch (router.kind) {
    case 'nginx':
      return createNginxRouter({
        runner,
        upstreamFile: isAbsolute(router.upstreamFile) ? router.upstreamFile : resolve(cwd, router.upstreamFile),
        upstreamName: router.upstreamName,
        reload: router.reload,
        test: router.test,
        timeoutMs: router.timeoutMs,
        logger,
        cwd,
        ...group,
      });
    case 'command':
      return createCommandRouter({ runner, route: router.route, timeoutMs: router.timeoutMs, logger, cwd, ...group });
    case 'none':
      return null;
    default: {
      const never: never = router;
      throw new Error(`unknown router ${JSON.stringify(never)}`);
    }
  }
}

/** The workload driver of the target: the command driver's hooks, or Swarm (driver and orchestrator). */
function createWorkload(
  settings: DeploySettings,
  options: { cwd: string; logger: GroupingLogger; runner: CommandRunner },
): Pick<DeployHooks, 'driver' | 'orchestrator'> {
  const { target } = settings;
  const { logger } = options;
  if (target.kind === 'swarm') {
    const swarm = createSwarmWorkload(settings, target, logger);
    return { driver: swarm, orchestrator: swarm };
  }
  const driver = createCommandDriver({
    runner: options.runner,
    deploy: target.deploy,
    ...(target.retire ? { retire: target.retire } : {}),
    timeoutMs: target.timeoutMs,
    cwd: options.cwd,
    logger,
    ...(logger.group ? { group: logger.group.bind(logger) } : {}),
  });
  return { driver, orchestrator: null };
}

/** `target.kind: swarm`: the swarm driver over the docker CLI, run by the ToolRunner. */
function createSwarmWorkload(settings: DeploySettings, target: SwarmTargetSettings, logger: Logger) {
  return createSwarmDriver({
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
}
