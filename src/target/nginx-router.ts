import { readFileSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { writeFileAtomic } from '../core/atomic-file.js';
import type { CommandResult, CommandRunner } from '../core/command-runner.js';
import { describeCommandEnd } from '../core/command-runner.js';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { LogGroup } from './command-driver.js';
import { oneLine } from './command-driver.js';
import type { HookRun, HookValues, Route, Router } from './ports.js';
import { describeRoute, hookEnv, RouterError } from './ports.js';

export interface NginxRouterOptions {
  readonly runner: CommandRunner;
  /** `router.upstream-file`: the file holding the upstream block, included by the user's nginx config. */
  readonly upstreamFile: string;
  /** `router.upstream-name`: the name the user's `proxy_pass http://<name>` refers to. */
  readonly upstreamName: string;
  /** `router.reload`, e.g. `nginx -s reload`. */
  readonly reload: string;
  /** `router.test`, e.g. `nginx -t`; run after writing, before reloading. */
  readonly test?: string;
  /** Per hook run. */
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** The workspace: where the hooks run. */
  readonly cwd: string;
  /** With a log group, the test and reload output is shown in it; without, it goes to debug. */
  readonly group?: LogGroup;
}

/**
 * Largest per-server weight written. nginx's round robin lowers a server's effective weight on a failed
 * request and earns it back by 1 per request, so a server of weight 1000 needs up to 1000 requests to
 * regain its share: the smallest exact weights are the best ones.
 */
export const MAX_SERVER_WEIGHT = 1000;

const UPSTREAM_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/** host:port, [v6]:port, unix:/path — nothing that could end the directive (`;`, `{`, `}`, spaces, `#`, quotes). */
const SERVER_ADDRESS = /^[A-Za-z0-9[][A-Za-z0-9._:[\]/%-]*$/;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;

/**
 * Integer nginx weights for each server of each group, so that every group's share of requests is its
 * weight over the sum of the weights, however many addresses each group has. A group of n addresses
 * with weight W gives each of its servers W/n; scaling by the least common multiple L of the group
 * sizes makes that whole (W·L/n), and dividing by the greatest common divisor keeps it small:
 *
 *   blue 90 ×1, green 10 ×1        → blue 9, green 1                  (90/10 = 9/1)
 *   blue 90 ×2, green 10 ×2        → blue 9 9, green 1 1              (18/2)
 *   blue 90 ×1, green 10 ×2        → L=2: 180, 10 10 → blue 18, green 1 1   (18/20 = 90%)
 *   blue 99 ×3, green 1 ×4         → L=12: 396, 3 → blue 132 ×3, green 1 ×4  (396/400 = 99%)
 *   rolling 34/33/33/0 ×1          → 34, 33, 33 (the drained one is left out)
 *
 * Whole percentages over two slots of 1–4 addresses each are always exact (at most 396), as are rolling
 * routes (one address per group: the weights themselves, reduced). Beyond
 * MAX_SERVER_WEIGHT (many differently sized groups, or fractional weights) each server's ideal share is
 * scaled so the largest is MAX_SERVER_WEIGHT and rounded, at least 1: within 0.05% of the largest share.
 *
 * Returns one weight per group (each of its servers gets it); groups that take no traffic get 0.
 */
export function serverWeights(groups: ReadonlyArray<{ readonly weight: number; readonly size: number }>): number[] {
  const live = groups.filter((group) => group.weight > 0 && group.size > 0);
  if (live.length === 0) return groups.map(() => 0);
  const whole = live.every((group) => Number.isInteger(group.weight));
  if (whole) {
    const common = live.reduce((acc, group) => lcm(acc, group.size), 1);
    const exact = groups.map((group) =>
      group.weight > 0 && group.size > 0 ? (group.weight * common) / group.size : 0,
    );
    const divisor = exact.filter((w) => w > 0).reduce((acc, w) => gcd(acc, w));
    const reduced = exact.map((w) => w / divisor);
    if (Math.max(...reduced) <= MAX_SERVER_WEIGHT) return reduced;
  }
  const share = (group: { weight: number; size: number }): number =>
    group.weight > 0 && group.size > 0 ? group.weight / group.size : 0;
  const largest = Math.max(...groups.map(share));
  const scaled = groups.map((group) =>
    share(group) > 0 ? Math.max(1, Math.round((share(group) / largest) * MAX_SERVER_WEIGHT)) : 0,
  );
  const divisor = scaled.filter((w) => w > 0).reduce((acc, w) => gcd(acc, w));
  return scaled.map((w) => w / divisor);
}

/** Checks a route before anything is written; returns what is wrong with it, or undefined. */
function routeProblem(name: string, route: Route): string | undefined {
  if (!UPSTREAM_NAME.test(name))
    return `upstream name '${oneLine(name)}' is not an nginx upstream name (letters, digits, _ . -)`;
  for (const group of route.groups) {
    if (!Number.isFinite(group.weight) || group.weight < 0) {
      return `group '${oneLine(group.name)}' has weight ${group.weight}; expected a number from 0 to 100`;
    }
    if (group.weight > 0 && group.addresses.length === 0)
      return `group '${oneLine(group.name)}' has weight ${group.weight} but no addresses`;
    for (const address of group.addresses) {
      if (!SERVER_ADDRESS.test(address)) {
        return `address '${oneLine(address)}' of group '${oneLine(group.name)}' is not an nginx server address (host:port, [v6]:port or unix:/path)`;
      }
    }
  }
  if (!route.groups.some((group) => group.weight > 0)) {
    return `route '${oneLine(describeRoute(route))}' sends traffic nowhere (no group has a weight above 0); refusing to write an empty upstream`;
  }
  return undefined;
}

/**
 * The upstream block for `route`, with a comment header saying that shipgate manages the file, which
 * route it holds, and `header` (e.g. `api/production 1.4.2 (canary)`). One `server` line per address of
 * each group with weight above 0; weight 0 leaves a group out. Throws RouterError for a route that
 * would send traffic nowhere or that holds something nginx would read as more than an address.
 *
 *   # Managed by shipgate: every route change rewrites this file; edits here are lost.
 *   # route: blue=90 green=10
 *   # api/production 2.0.0 (canary)
 *   upstream api {
 *       server 127.0.0.1:8081 weight=9;  # blue
 *       server 127.0.0.1:8082 weight=1;  # green
 *   }
 */
export function renderUpstream(name: string, route: Route, header = ''): string {
  const problem = routeProblem(name, route);
  if (problem !== undefined) throw new RouterError(`nginx router: ${problem}`);
  const weights = serverWeights(route.groups.map((group) => ({ weight: group.weight, size: group.addresses.length })));
  // An address in two groups (misconfigured slots) gets one line with the sum, which keeps the shares exact.
  const servers = new Map<string, { weight: number; groups: string[] }>();
  route.groups.forEach((group, index) => {
    const weight = weights[index] ?? 0;
    if (weight <= 0) return;
    for (const address of group.addresses) {
      const server = servers.get(address) ?? { weight: 0, groups: [] };
      server.weight += weight;
      if (!server.groups.includes(group.name)) server.groups.push(group.name);
      servers.set(address, server);
    }
  });
  const lines = [
    '# Managed by shipgate: every route change rewrites this file; edits here are lost.',
    `# route: ${oneLine(describeRoute(route))}`,
    ...(oneLine(header) ? [`# ${oneLine(header)}`] : []),
    `upstream ${name} {`,
    ...[...servers].map(
      ([address, server]) => `    server ${address} weight=${server.weight};  # ${oneLine(server.groups.join(', '))}`,
    ),
    '}',
    '',
  ];
  return lines.join('\n');
}

/** The line of nginx's output that says why: its last [emerg]/[alert]/[crit]/[error] line, else the last line. */
export function nginxReason(result: Pick<CommandResult, 'stdout' | 'stderr'>): string {
  const lines = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .map((line) => oneLine(line))
    .filter((line) => line !== '');
  const reason = [...lines].reverse().find((line) => /\[(emerg|alert|crit|error)\]/.test(line));
  const stderrLines = result.stderr
    .split('\n')
    .map((line) => oneLine(line))
    .filter((line) => line !== '');
  const line = reason ?? stderrLines[stderrLines.length - 1] ?? lines[lines.length - 1] ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/**
 * The `nginx` router: writes the upstream block to `upstreamFile` atomically, runs `test` (restoring
 * the previous file, byte for byte, when it fails), then `reload` (restoring and reloading again when
 * it fails). `apply` resolves once the reload command has returned: nginx starts new workers with the
 * new upstream within milliseconds, and the old workers finish their in-flight requests on the old one.
 * Applies are serialised, so an abort's route-back never interleaves with a route in progress.
 */
export function createNginxRouter(options: NginxRouterOptions): Router {
  const { runner, logger, upstreamFile } = options;
  let queue: Promise<unknown> = Promise.resolve();

  const runHook = async (
    hook: string,
    command: string,
    env: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<{ run: HookRun; problem: string | undefined }> => {
    let result: CommandResult;
    try {
      result = await runner.run({
        command,
        cwd: options.cwd,
        env,
        timeoutMs: options.timeoutMs,
        onLine: (_stream, line) => (options.group ? logger.info(line) : logger.debug(`${hook}: ${line}`)),
        ...(signal !== undefined && { signal }),
      });
    } catch (error) {
      return {
        run: { hook, exitCode: null, durationMs: 0, timedOut: false },
        problem: `could not start: ${errorMessage(error)}`,
      };
    }
    const run: HookRun = { hook, exitCode: result.exitCode, durationMs: result.durationMs, timedOut: result.timedOut };
    if (result.exitCode === 0 && !result.timedOut && !result.aborted) return { run, problem: undefined };
    const reason = nginxReason(result);
    return {
      run,
      problem: `\`${command}\` ${describeCommandEnd(result, options.timeoutMs)}${reason ? `: ${reason}` : ''}`,
    };
  };

  const apply = async (
    route: Route,
    values: HookValues,
    signal?: AbortSignal,
  ): Promise<{ readonly hooks: readonly HookRun[] }> => {
    const weights = describeRoute(route);
    const header = `${values.service}/${values.environment} ${values.version} (${values.strategy}, ${values.phase})`;
    const content = renderUpstream(options.upstreamName, route, header);
    const what = `route ${oneLine(weights)} to ${upstreamFile}`;
    if (signal?.aborted) throw new RouterError(`nginx router: ${what} was cancelled before it began; nothing changed`);

    let previous: Buffer | null;
    let mode = 0o644;
    // A symlinked upstream file (sites-enabled → sites-available) stays a symlink: its target is replaced.
    let target = upstreamFile;
    try {
      target = realpathSync(upstreamFile);
      previous = readFileSync(target);
      mode = statSync(target).mode & 0o7777;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new RouterError(
          `nginx router: could not read ${upstreamFile}: ${errorMessage(error)}; nothing changed`,
          [],
          { cause: error },
        );
      }
      previous = null;
    }
    try {
      writeFileAtomic(target, content, mode);
    } catch (error) {
      throw new RouterError(
        `nginx router: could not write ${upstreamFile}: ${errorMessage(error)}; nothing changed`,
        [],
        { cause: error },
      );
    }

    /** Puts the previous file back exactly (or removes the new one); returns a problem, or undefined. */
    const restore = (): string | undefined => {
      try {
        if (previous === null) unlinkSync(target);
        else writeFileAtomic(target, previous, mode);
        return undefined;
      } catch (error) {
        return `restoring ${upstreamFile} failed too (${errorMessage(error)})`;
      }
    };
    const restored =
      previous === null ? `removed ${upstreamFile} (there was none before)` : `restored the previous ${upstreamFile}`;

    const env = { ...hookEnv(values), SHIPGATE_WEIGHTS: weights };
    const hooks: HookRun[] = [];
    if (options.test !== undefined) {
      const test = await runHook('nginx test', options.test, env, signal);
      hooks.push(test.run);
      if (test.problem !== undefined) {
        const restoreProblem = restore();
        throw new RouterError(
          `nginx router: test of ${what} failed: ${test.problem}; ${restoreProblem ?? `${restored}, nothing was reloaded`}`,
          hooks,
        );
      }
    }
    const reload = await runHook('nginx reload', options.reload, env, signal);
    hooks.push(reload.run);
    if (reload.problem !== undefined) {
      const restoreProblem = restore();
      if (restoreProblem !== undefined) {
        throw new RouterError(
          `nginx router: reload after writing ${what} failed: ${reload.problem}; ${restoreProblem}`,
          hooks,
        );
      }
      // Reloaded without the signal: putting the old routing back must finish even when the run is cancelled.
      const previousWeights = previous === null ? '' : (/^# route: (.*)$/m.exec(previous.toString('utf8'))?.[1] ?? '');
      const again = await runHook(
        'nginx reload (restore)',
        options.reload,
        { ...env, SHIPGATE_WEIGHTS: previousWeights },
        undefined,
      );
      hooks.push(again.run);
      const outcome =
        again.problem === undefined
          ? `${restored} and reloaded it`
          : `${restored}, but reloading it failed too (${again.problem}): check that nginx runs the routing the file shows`;
      throw new RouterError(`nginx router: reload after writing ${what} failed: ${reload.problem}; ${outcome}`, hooks);
    }
    logger.info(`nginx: routed ${oneLine(weights)} (${upstreamFile}, upstream ${options.upstreamName}; reloaded)`);
    return { hooks };
  };

  return {
    apply(route, values, signal) {
      const { group } = options;
      const run = (): ReturnType<typeof apply> =>
        group
          ? group(`nginx route: ${oneLine(describeRoute(route))}`, () => apply(route, values, signal))
          : apply(route, values, signal);
      const next = queue.then(run);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
