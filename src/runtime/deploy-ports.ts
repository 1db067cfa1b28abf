import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { systemClock } from '../core/clock.js';
import { createProcessCommandRunner } from '../core/command-runner.js';
import { InputError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import { parseConfig, type Config } from '../deploy/config.js';
import type { DeployPorts } from '../deploy/deploy.js';
import type { DeploySettings } from '../deploy/settings.js';
import { createCommandProvider } from '../health/analysis/command-provider.js';
import { createPrometheusProvider } from '../health/analysis/prometheus-provider.js';
import { createNodeHttpClient } from '../health/http-client.js';
import { createFileStateStore } from '../state/file-store.js';
import { createCommandDriver } from '../target/command-driver.js';
import { createCommandRouter } from '../target/command-router.js';
import { createNginxRouter } from '../target/nginx-router.js';
import type { Router } from '../target/ports.js';

type GroupingLogger = Logger & { group?: <T>(title: string, body: () => Promise<T>) => Promise<T> };

/** Reads and validates the config file; relative paths are in the workspace. */
export function loadConfig(path: string, workspace: string, scope: string): { config: Config; file: string } {
  const file = isAbsolute(path) ? path : resolve(workspace, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new InputError('config', path, `a readable shipgate config file (${(cause as NodeJS.ErrnoException).code ?? 'unreadable'}: ${file})`, { scope, cause });
  }
  return { config: parseConfig(text, path), file };
}

/** The real adapters a deploy runs with, from its settings: hooks, router, state file, HTTP, metrics. */
export function buildDeployPorts(
  settings: DeploySettings,
  options: { stateFile: string; context: RunContext; logger: GroupingLogger; holder?: string; signal?: AbortSignal },
): DeployPorts {
  const { context, logger } = options;
  const runner = createProcessCommandRunner();
  const cwd = context.workspace;
  const group = logger.group ? { group: logger.group.bind(logger) } : {};
  const http = createNodeHttpClient();
  let router: Router | null;
  switch (settings.router.kind) {
    case 'nginx':
      router = createNginxRouter({
        runner,
        upstreamFile: isAbsolute(settings.router.upstreamFile) ? settings.router.upstreamFile : resolve(cwd, settings.router.upstreamFile),
        upstreamName: settings.router.upstreamName,
        reload: settings.router.reload,
        test: settings.router.test,
        timeoutMs: settings.router.timeoutMs,
        logger,
        cwd,
        ...group,
      });
      break;
    case 'command':
      router = createCommandRouter({ runner, route: settings.router.route, timeoutMs: settings.router.timeoutMs, logger, cwd, ...group });
      break;
    case 'none':
      router = null;
      break;
    default: {
      const never: never = settings.router;
      throw new Error(`unknown router ${JSON.stringify(never)}`);
    }
  }
  const metrics = settings.analysis?.metrics ?? [];
  const prometheusUrl = settings.analysis?.prometheusUrl;
  const analysis =
    metrics.length > 0
      ? {
          clock: systemClock,
          logger,
          providers: {
            ...(prometheusUrl ? { prometheus: createPrometheusProvider({ http, baseUrl: prometheusUrl, timeoutMs: 10_000 }) } : {}),
            command: createCommandProvider({ runner, timeoutMs: 30_000, cwd }),
          },
        }
      : undefined;
  return {
    driver: createCommandDriver({
      runner,
      deploy: settings.target.deploy,
      ...(settings.target.retire ? { retire: settings.target.retire } : {}),
      timeoutMs: settings.target.timeoutMs,
      cwd,
      logger,
      ...group,
    }),
    router,
    store: createFileStateStore({ path: options.stateFile, cwd, clock: systemClock, logger }),
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
