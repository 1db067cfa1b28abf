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
import type { DeployAdapters, RouterFactory, StateStoreOptions } from '../deploy/deploy-action.js';
import type { DeployPostAdapters } from '../deploy/deploy-post-action.js';
import type { DeploySettings } from '../deploy/settings.js';
import { createCommandProvider } from '../health/analysis/command-provider.js';
import { createPrometheusProvider } from '../health/analysis/prometheus-provider.js';
import { createNodeHttpClient, type HttpClient } from '../health/http-client.js';
import { createFileStateStore } from '../state/file-store.js';
import type { StateStore } from '../state/ports.js';
import { createCommandDriver } from '../target/command-driver.js';
import { createCommandRouter } from '../target/command-router.js';
import { createNginxRouter } from '../target/nginx-router.js';
import type { Router } from '../target/ports.js';

/**
 * The real adapters of the deploy and rollback actions (and their post step): the config file, the state
 * store, hooks, routers, HTTP and metric providers. The entry files pass them to `run`; tests pass fakes.
 */
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
  const { createGitHubDeployments } = await import('../github/github-deployments.js');
  return createGitHubDeployments({
    token: options.githubToken,
    baseUrl: context.apiUrl,
    owner: context.repository.owner,
    repo: context.repository.repo,
    logger,
  });
}

/** The traffic router of the router settings (null for kind none). */
export function createRouter(
  router: DeploySettings['router'],
  options: { context: RunContext; logger: GroupingLogger; runner?: ReturnType<typeof createProcessCommandRunner> },
): Router | null {
  const { logger } = options;
  const runner = options.runner ?? createProcessCommandRunner();
  const cwd = options.context.workspace;
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

type CommandRunner = ReturnType<typeof createProcessCommandRunner>;

/** Metric providers for the analysis gates, when the settings have any metrics. */
function analysisPorts(settings: DeploySettings, http: HttpClient, runner: CommandRunner, options: PortOptions) {
  const metrics = settings.analysis?.metrics ?? [];
  if (metrics.length === 0) return undefined;
  const prometheusUrl = settings.analysis?.prometheusUrl;
  return {
    clock: systemClock,
    logger: options.logger,
    providers: {
      ...(prometheusUrl
        ? { prometheus: createPrometheusProvider({ http, baseUrl: prometheusUrl, timeoutMs: 10_000 }) }
        : {}),
      command: createCommandProvider({ runner, timeoutMs: 30_000, cwd: options.context.workspace }),
    },
  };
}

interface PortOptions {
  store: StateStore;
  context: RunContext;
  logger: GroupingLogger;
  holder?: string;
  signal?: AbortSignal;
}

/** The real adapters a deploy runs with, from its settings: hooks, router, state file, HTTP, metrics. */
export function buildDeployPorts(settings: DeploySettings, options: PortOptions): DeployPorts {
  const { context, logger } = options;
  const runner = createProcessCommandRunner();
  const group = logger.group ? { group: logger.group.bind(logger) } : {};
  const http = createNodeHttpClient();
  const analysis = analysisPorts(settings, http, runner, options);
  const { target } = settings;
  return {
    driver: createCommandDriver({
      runner,
      deploy: target.deploy,
      ...(target.retire ? { retire: target.retire } : {}),
      timeoutMs: target.timeoutMs,
      cwd: context.workspace,
      logger,
      ...group,
    }),
    router: createRouter(settings.router, { context, logger, runner }),
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

/** The deploy and rollback actions' real adapters. */
export function deployAdapters(): DeployAdapters {
  return { loadConfig, createStateStore, buildDeployPorts };
}

/** The deploy post step's real adapters: the router, and the GitHub deployment it finalises. */
export function deployPostAdapters(): DeployPostAdapters {
  const routerFactory: RouterFactory = (router, options) => createRouter(router, options);
  return {
    createRouter: routerFactory,
    async finaliseDeployment(request, { context, logger }) {
      const deployments = await createDeploymentsPort({
        ...(request.githubToken ? { githubToken: request.githubToken } : {}),
        context,
        logger,
      });
      const { finaliseAbandoned } = await import('../state/github-store.js');
      return finaliseAbandoned(deployments, request.deploymentId, request.description, {
        ...(context.runUrl ? { logUrl: context.runUrl } : {}),
        slot: request.slot,
      });
    },
  };
}
