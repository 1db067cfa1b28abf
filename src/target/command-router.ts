import type { CommandRunner } from '../core/command-runner.js';
import { describeCommandEnd, lastOutputLine, oneLine, runCommand, succeeded } from '../core/command-runner.js';
import type { Logger } from '../core/logger.js';
import type { HookRun, LogGroup, Route, Router } from './ports.js';
import { describeRoute, hookEnv, hookRun, RouterError, titledGroup } from './ports.js';

export interface CommandRouterOptions {
  readonly runner: CommandRunner;
  /** `router.route`: run with `sh -c` from `cwd`. */
  readonly route: string;
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** The workspace. */
  readonly cwd: string;
  readonly group?: LogGroup;
}

/**
 * The `command` router: the user's `route` hook moves traffic (a load balancer's API, a service mesh,
 * a DNS weight). It gets the hook values plus SHIPGATE_WEIGHTS (`blue=90 green=10`) and
 * SHIPGATE_ADDRESSES (every address of the groups with a weight above 0, space-separated), only
 * through the environment. A route that sends traffic nowhere is refused before the hook runs.
 */
export function createCommandRouter(options: CommandRouterOptions): Router {
  const group = options.group ?? titledGroup(options.logger);
  return {
    async apply(route, values, signal) {
      const weights = describeRoute(route);
      const env = { ...hookEnv(values), SHIPGATE_WEIGHTS: weights, SHIPGATE_ADDRESSES: liveAddresses(route).join(' ') };
      return group(`route hook: ${oneLine(`${values.service} ${weights}`)}`, () =>
        runRouteHook(options, weights, env, signal),
      );
    },
  };
}

/** Every address of the groups with a weight above 0; refuses a route that sends traffic nowhere. */
function liveAddresses(route: Route): string[] {
  const live = route.groups.filter((entry) => entry.weight > 0);
  if (live.length === 0) {
    throw new RouterError(
      `command router: route '${oneLine(describeRoute(route))}' sends traffic nowhere (no group has a weight above 0); the route hook was not run`,
    );
  }
  return [...new Set(live.flatMap((entry) => entry.addresses))];
}

async function runRouteHook(
  options: CommandRouterOptions,
  weights: string,
  env: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<{ readonly hooks: readonly HookRun[] }> {
  const { logger } = options;
  const outcome = await runCommand(options.runner, {
    command: options.route,
    cwd: options.cwd,
    env,
    timeoutMs: options.timeoutMs,
    onLine: (_stream, line) => logger.info(line),
    ...(signal !== undefined && { signal }),
  });
  const run = hookRun('route', outcome);
  if (!succeeded(outcome.end)) {
    const ended = describeCommandEnd(outcome.end, lastOutputLine(outcome.result));
    throw new RouterError(`command router: route hook for ${oneLine(weights)} ${ended}`, [run]);
  }
  logger.info(`routed ${oneLine(weights)}`);
  return { hooks: [run] };
}
