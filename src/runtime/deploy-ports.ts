import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { systemClock } from '../core/clock.js';
import { createProcessCommandRunner } from '../core/command-runner.js';
import { InputError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import { type Config, parseConfig } from '../deploy/config.js';
import type { DeployPorts } from '../deploy/deploy.js';
import type { StateKind } from '../deploy/deploy-inputs.js';
import type { DeploySettings } from '../deploy/settings.js';
import { createCommandProvider } from '../health/analysis/command-provider.js';
import { createPrometheusProvider } from '../health/analysis/prometheus-provider.js';
import { createNodeHttpClient } from '../health/http-client.js';
import { createFileStateStore } from '../state/file-store.js';
import type { StateStore } from '../state/ports.js';
import { createCommandDriver } from '../target/command-driver.js';
import { createCommandRouter } from '../target/command-router.js';
import { createNginxRouter } from '../target/nginx-router.js';
import type { Router } from '../target/ports.js';
import { createSwarmPorts } from './swarm-ports.js';

type GroupingLogger = Logger & { group?: <T>(title: string, body: () => Promise<T>) => Promise<T> };

/** Reads and validates the config file; relative paths are in the workspace. */
export function loadConfig(path: string, workspace: string, scope: string): { config: Config; file: string } {
  const file = isAbsolute(path) ? path : resolve(workspace, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new InputError(
      'config',
      path,
      `a readable shipgate config file (${(cause as NodeJS.ErrnoException).code ?? 'unreadable'}: ${file})`,
      { scope, cause },
    );
  }
  return { config: parseConfig(text, path), file };
}

export interface StateStoreOptions {
  readonly state: StateKind;
  readonly stateFile: string;
  readonly githubToken?: string;
  readonly context: RunContext;
  readonly logger: Logger;
}

/**
 * The state store the inputs chose. The github store (and Octokit with it) is imported only here, when
 * it is used, so a run with the file store never loads it (SPEC §9, B1).
 */
export async function createStateStore(options: StateStoreOptions): Promise<StateStore> {
  const { context, logger } = options;
  switch (options.state) {
    case 'file':
      return createFileStateStore({ path: options.stateFile, cwd: context.workspace, clock: systemClock, logger });
    case 'github': {
      const deployments = await createDeploymentsPort(options);
      const { createGitHubStateStore } = await import('../state/github-store.js');
      return createGitHubStateStore({ deployments, clock: systemClock, logger, context });
    }
    default: {
      const never: never = options.state;
      throw new Error(`unknown state store ${String(never)}`);
    }
  }
}

/** The Deployments API port (Octokit loaded now), for the github store and the deploy's post step. */
export async function createDeploymentsPort(options: Pick<StateStoreOptions, 'githubToken' | 'context' | 'logger'>) {
  const { context, logger } = options;
  if (!options.githubToken || !context.repository) {
    throw new InputError(
      'github-token',
      undefined,
      "a token with 'permissions: deployments: write' and GITHUB_REPOSITORY (state is github)",
    );
  }
  const { createGitHubDeployments } = await import('../github/deployments-port.js');
  return createGitHubDeployments({
    token: options.githubToken,
    baseUrl: context.apiUrl,
    owner: context.repository.owner,
    repo: context.repository.repo,
    logger,
  });
}

/** The traffic router of the settings (null for kind none). */
export function createRouter(
  settings: DeploySettings,
  options: { context: RunContext; logger: GroupingLogger; runner?: ReturnType<typeof createProcessCommandRunner> },
): Router | null {
  const { logger } = options;
  const runner = options.runner ?? createProcessCommandRunner();
  const cwd = options.context.workspace;
  const group = logger.group ? { group: logger.group.bind(logger) } : {};
  switch (settings.router.kind) {
    case 'nginx':
      return createNginxRouter({
        runner,
        upstreamFile: isAbsolute(settings.router.upstreamFile)
          ? settings.router.upstreamFile
          : resolve(cwd, settings.router.upstreamFile),
        upstreamName: settings.router.upstreamName,
        reload: settings.router.reload,
        test: settings.router.test,
        timeoutMs: settings.router.timeoutMs,
        logger,
        cwd,
        ...group,
      });
    case 'command':
      return createCommandRouter({
        runner,
        route: settings.router.route,
        timeoutMs: settings.router.timeoutMs,
        logger,
        cwd,
        ...group,
      });
    case 'none':
      return null;
    default: {
      const never: never = settings.router;
      throw new Error(`unknown router ${JSON.stringify(never)}`);
    }
  }
}

/** The workload driver of the target: the command driver's hooks, or Swarm (driver and orchestrator). */
function createWorkload(
  settings: DeploySettings,
  options: { runner: ReturnType<typeof createProcessCommandRunner>; cwd: string; logger: GroupingLogger },
): Pick<DeployPorts, 'driver' | 'orchestrator'> {
  const { logger } = options;
  if (settings.target.kind === 'swarm') return createSwarmPorts(settings, settings.target, logger);
  return {
    driver: createCommandDriver({
      runner: options.runner,
      deploy: settings.target.deploy,
      ...(settings.target.retire ? { retire: settings.target.retire } : {}),
      timeoutMs: settings.target.timeoutMs,
      cwd: options.cwd,
      logger,
      ...(logger.group ? { group: logger.group.bind(logger) } : {}),
    }),
  };
}

/** The real adapters a deploy runs with, from its settings: hooks, router, state file, HTTP, metrics. */
export function buildDeployPorts(
  settings: DeploySettings,
  options: { store: StateStore; context: RunContext; logger: GroupingLogger; holder?: string; signal?: AbortSignal },
): DeployPorts {
  const { context, logger } = options;
  const runner = createProcessCommandRunner();
  const cwd = context.workspace;
  const http = createNodeHttpClient();
  const router = createRouter(settings, { context, logger, runner });
  const metrics = settings.analysis?.metrics ?? [];
  const prometheusUrl = settings.analysis?.prometheusUrl;
  const analysis =
    metrics.length > 0
      ? {
          clock: systemClock,
          logger,
          providers: {
            ...(prometheusUrl
              ? { prometheus: createPrometheusProvider({ http, baseUrl: prometheusUrl, timeoutMs: 10_000 }) }
              : {}),
            command: createCommandProvider({ runner, timeoutMs: 30_000, cwd }),
          },
        }
      : undefined;
  return {
    ...createWorkload(settings, { runner, cwd, logger }),
    router,
    store: options.store,
    http,
    clock: systemClock,
    logger,
    context,
    holder: options.holder ?? context.runUrl ?? `${userInfo().username}@${hostname()} pid ${process.pid}`,
    ...(analysis ? { analysis } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    newId: () => randomUUID(),
  };
}
