import type { CommandResult, CommandRunner } from '../core/command-runner.js';
import { describeCommandEnd } from '../core/command-runner.js';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { LogGroup } from './command-driver.js';
import { lastOutputLine, oneLine, titledGroup } from './command-driver.js';
import type { HookRun, Router } from './ports.js';
import { describeRoute, hookEnv, RouterError } from './ports.js';

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
  const { runner, logger } = options;
  const group = options.group ?? titledGroup(logger);

  return {
    async apply(route, values, signal) {
      const weights = describeRoute(route);
      const live = route.groups.filter((entry) => entry.weight > 0);
      if (live.length === 0) {
        throw new RouterError(
          `command router: route '${oneLine(weights)}' sends traffic nowhere (no group has a weight above 0); the route hook was not run`,
        );
      }
      const addresses = [...new Set(live.flatMap((entry) => entry.addresses))];
      const env = { ...hookEnv(values), SHIPGATE_WEIGHTS: weights, SHIPGATE_ADDRESSES: addresses.join(' ') };
      return group(`route hook: ${oneLine(`${values.service} ${weights}`)}`, async () => {
        const started = performance.now();
        let result: CommandResult;
        try {
          result = await runner.run({
            command: options.route,
            cwd: options.cwd,
            env,
            timeoutMs: options.timeoutMs,
            onLine: (_stream, line) => logger.info(line),
            ...(signal !== undefined && { signal }),
          });
        } catch (error) {
          const run: HookRun = {
            hook: 'route',
            exitCode: null,
            durationMs: Math.round(performance.now() - started),
            timedOut: false,
          };
          throw new RouterError(
            `command router: route hook for ${oneLine(weights)} could not start: ${errorMessage(error)}`,
            [run],
            { cause: error },
          );
        }
        const run: HookRun = {
          hook: 'route',
          exitCode: result.exitCode,
          durationMs: result.durationMs,
          timedOut: result.timedOut,
        };
        if (result.exitCode !== 0 || result.timedOut || result.aborted) {
          const line = lastOutputLine(result);
          throw new RouterError(
            `command router: route hook for ${oneLine(weights)} ${describeCommandEnd(result, options.timeoutMs)}${line ? `: ${line}` : ''}`,
            [run],
          );
        }
        logger.info(`routed ${oneLine(weights)}`);
        return { hooks: [run] };
      });
    },
  };
}
