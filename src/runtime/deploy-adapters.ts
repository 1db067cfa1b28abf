/**
 * The real adapters of the deploy and rollback actions (and their post step): the config file, the state
 * store, hooks, routers, HTTP and metric providers. The entry files pass them to `run`; tests pass fakes.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { systemClock } from '../core/clock.js';
import type { CommandRunner } from '../core/command-runner.js';
import { InputError, ShipgateError } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import type { RunContext } from '../core/run-context.js';
import { workspaceFile } from '../core/workspace-path.js';
import { type Config, parseConfig } from '../deploy/config.js';
import type { DeployPorts } from '../deploy/deploy.js';
import type { DeployAdapters, RouterFactory, StateStoreOptions } from '../deploy/deploy-action.js';
import type { DeployPostAdapters } from '../deploy/deploy-post-action.js';
import type { DeploySettings } from '../deploy/settings.js';
import type { MetricProvider } from '../health/analysis/metric-provider.js';
import type { HttpClient } from '../health/http-client.js';
import { createNodeTcpClient } from '../health/tcp-probe.js';
import { createFileStateStore } from '../state/file-store.js';
import type { StateStore } from '../state/ports.js';
import type { Orchestrator } from '../target/orchestrator.js';
import type { LifecycleHookRunner, Router, WorkloadDriver } from '../target/ports.js';
import type { DeployHooks, GroupingLogger } from './deploy-hooks.js';

/** Reads and validates the config file; relative paths are in the workspace. */
export function loadConfig(path: string, workspace: string, scope: string): { config: Config; file: string } {
  const file = workspaceFile('config', path, workspace, { scope, example: '.github/shipgate.yml' });
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
      // Statuses' descriptions quote failure reasons (a hook's output, a response body): masked like the log.
      const hide = (text: string) => logger.hide(text);
      return createGitHubStateStore({ deployments, clock: systemClock, logger, context, hide });
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

type LoadHooks = () => Promise<DeployHooks>;

/**
 * The hooks, loaded on first use: a dry run plans without them. The driver, the orchestrator and the
 * router are thin stand-ins that load deploy-hooks.ts when a step first calls them.
 */
function lazyHooks(settings: DeploySettings, options: { cwd: string; logger: GroupingLogger; http: HttpClient }) {
  let hooks: Promise<DeployHooks> | undefined;
  const load: LoadHooks = () =>
    (hooks ??= import('./deploy-hooks.js').then((module) => module.createDeployHooks(settings, options)));
  const driver: WorkloadDriver = {
    deploy: async (values, signal) => (await load()).driver.deploy(values, signal),
    retire: async (values, signal) => (await load()).driver.retire(values, signal),
  };
  const router: Router = {
    apply: async (route, values, signal) => {
      const real = (await load()).router;
      if (!real) throw new ShipgateError('no-router', 'deploy: the router kind is none; there is no route to apply');
      return real.apply(route, values, signal);
    },
  };
  const provider = (name: 'prometheus' | 'command'): MetricProvider => ({
    measure: async (query, signal, context) => {
      const real = (await load()).providers[name];
      if (!real) throw new ShipgateError('no-provider', `deploy: no ${name} metric provider is configured`);
      return real.measure(query, signal, context);
    },
  });
  // Command probes and lifecycle hooks load the hook runner on first use too.
  const commands: CommandRunner = { run: async (request) => (await load()).runner.run(request) };
  const lifecycle: LifecycleHookRunner = {
    run: async (hook, command, values, signal) => (await load()).lifecycle.run(hook, command, values, signal),
  };
  return { driver, router, provider, commands, lifecycle, orchestrator: lazyOrchestrator(load) };
}

/** The orchestrator's stand-in (swarm): the real one is the driver deploy-hooks.ts builds for the target. */
function lazyOrchestrator(load: LoadHooks): Orchestrator {
  const real = async (): Promise<Orchestrator> => {
    const { orchestrator } = await load();
    if (!orchestrator) throw new ShipgateError('no-orchestrator', 'deploy: the target kind has no orchestrator');
    return orchestrator;
  };
  return {
    update: async (values, signal) => (await real()).update(values, signal),
    rollback: async (values, signal) => (await real()).rollback(values, signal),
    observe: async (state) => (await real()).observe(state),
  };
}

interface PortOptions {
  store: StateStore;
  context: RunContext;
  logger: GroupingLogger;
  holder?: string;
  signal?: AbortSignal;
  progress?: Progress;
}

/** The HTTP client, loaded on the first request: a dry run makes none (SPEC §9 B1). */
function lazyHttpClient(): HttpClient {
  let client: Promise<HttpClient> | undefined;
  const load = (): Promise<HttpClient> =>
    (client ??= import('../health/http-client.js').then((module) => module.createNodeHttpClient()));
  return { request: async (request, signal) => (await load()).request(request, signal) };
}

/** The real adapters a deploy runs with, from its settings: hooks, router, state store, HTTP, metrics. */
export function buildDeployPorts(settings: DeploySettings, options: PortOptions): DeployPorts {
  const { context, logger } = options;
  const http = lazyHttpClient();
  const hooks = lazyHooks(settings, { cwd: context.workspace, logger, http });
  const analysis = (settings.analysis?.metrics.length ?? 0) > 0;
  const providers = {
    ...(settings.analysis?.prometheusUrl ? { prometheus: hooks.provider('prometheus') } : {}),
    command: hooks.provider('command'),
  };
  return {
    driver: hooks.driver,
    ...(settings.target.kind === 'swarm' ? { orchestrator: hooks.orchestrator } : {}),
    router: settings.router.kind === 'none' ? null : hooks.router,
    store: options.store,
    http,
    commands: hooks.commands,
    lifecycle: hooks.lifecycle,
    ...(settings.health.checks.some((check) => check.kind === 'tcp') ? { tcp: createNodeTcpClient() } : {}),
    clock: systemClock,
    logger,
    context,
    holder: options.holder ?? context.runUrl ?? `${userInfo().username}@${hostname()} pid ${process.pid}`,
    // From a terminal the lock names this process: if it dies, the next deploy on this host takes over at once.
    ...(context.runUrl ? {} : { holderProcess: { pid: process.pid, host: hostname() } }),
    ...(analysis ? { analysis: { clock: systemClock, logger, providers } } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
    newId: () => randomUUID(),
  };
}

/** The deploy and rollback actions' real adapters. */
export function deployAdapters(): DeployAdapters {
  return { loadConfig, createStateStore, buildDeployPorts };
}

/** The deploy post step's real adapters: the router, and the GitHub deployment it finalises. */
export function deployPostAdapters(): DeployPostAdapters {
  const routerFactory: RouterFactory = async (router, { context, logger }) => {
    const { createRouter } = await import('./deploy-hooks.js');
    return createRouter(router, { cwd: context.workspace, logger });
  };
  return {
    createRouter: routerFactory,
    async finaliseDeployment(request, { context, logger }) {
      const deployments = await createDeploymentsPort({ ...tokenOf(request), context, logger });
      const { finaliseAbandoned } = await import('../state/github-store.js');
      return finaliseAbandoned(deployments, request.deploymentId, request.description, {
        ...(context.runUrl ? { logUrl: context.runUrl } : {}),
        slot: request.slot,
        hide: (text) => logger.hide(text),
      });
    },
    async findRunDeployment(request, { context, logger }) {
      const deployments = await createDeploymentsPort({ ...tokenOf(request), context, logger });
      const { findRunDeployment } = await import('../state/github-store.js');
      return findRunDeployment(deployments, request, request.runId);
    },
    async recordOutcome(request, { context, logger }) {
      const { settings, outcome } = request;
      const key = { service: settings.service, environment: settings.environment };
      if (settings.state === 'github') {
        const deployments = await createDeploymentsPort({ ...tokenOf(request), context, logger });
        const { recordUnrecorded } = await import('../state/github-store.js');
        await recordUnrecorded(deployments, Number(request.deploymentId), outcome, {
          ...(context.runUrl ? { logUrl: context.runUrl } : {}),
          hide: (text) => logger.hide(text),
        });
        return;
      }
      const { createFileStateStore, DEFAULT_STATE_FILE } = await import('../state/file-store.js');
      const path = settings.stateFile ?? DEFAULT_STATE_FILE;
      const store = createFileStateStore({ path, cwd: context.workspace, clock: systemClock, logger });
      await store.write(key, outcome.after, outcome.entry);
    },
  };
}

const tokenOf = (request: { readonly githubToken?: string }): { githubToken?: string } =>
  request.githubToken ? { githubToken: request.githubToken } : {};
