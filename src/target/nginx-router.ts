import { readFileSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { writeFileAtomic } from '../core/atomic-file.js';
import type { CommandResult, CommandRunner } from '../core/command-runner.js';
import { describeCommandEnd, oneLine, runCommand, succeeded } from '../core/command-runner.js';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { HookRun, HookValues, LogGroup, Route, Router } from './ports.js';
import { describeRoute, hookEnv, hookRun, RouterError } from './ports.js';

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
 *
 * `test` and `reload` are the user's commands, documented as hooks (`sh -c`, SHIPGATE_WEIGHTS; they may
 * be `docker compose exec … nginx -s reload && notify`), so they run on the hook runner, which can end
 * them at the timeout or on cancel; @actions/exec could do neither (src/runtime/tool-runner.ts).
 */
export function createNginxRouter(options: NginxRouterOptions): Router {
  let queue: Promise<unknown> = Promise.resolve();
  const memory: RouterMemory = { restoredUntested: false };
  return {
    apply(route, values, signal) {
      const { group } = options;
      const apply = (): Promise<RouteApplied> => applyRoute(options, memory, { route, values, signal });
      const run = (): Promise<RouteApplied> =>
        group ? group(`nginx route: ${oneLine(describeRoute(route))}`, apply) : apply();
      const next = queue.then(run);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

type RouteApplied = { readonly hooks: readonly HookRun[] };

/**
 * What the router knows between applies: the last one failed its test and put the file back byte for
 * byte without reloading, so nginx still serves exactly that file.
 */
interface RouterMemory {
  restoredUntested: boolean;
}

/** The upstream file as it was before a change: what restoring it puts back. */
interface UpstreamFile {
  /** The path written: a symlinked upstream file (sites-enabled → sites-available) stays a symlink. */
  readonly target: string;
  /** null when there was no file. */
  readonly previous: Buffer | null;
  readonly mode: number;
}

/** One route change in progress: what it says in messages, the hooks' environment and the hooks run so far. */
interface RouteChange {
  readonly options: NginxRouterOptions;
  readonly file: UpstreamFile;
  /** `route blue=90 green=10 to /etc/nginx/conf.d/api.conf`. */
  readonly what: string;
  readonly env: Record<string, string>;
  readonly signal: AbortSignal | undefined;
  readonly hooks: HookRun[];
}

async function applyRoute(
  options: NginxRouterOptions,
  memory: RouterMemory,
  request: { route: Route; values: HookValues; signal: AbortSignal | undefined },
): Promise<RouteApplied> {
  const { route, values, signal } = request;
  const weights = describeRoute(route);
  const header = `${values.service}/${values.environment} ${values.version} (${values.strategy}, ${values.phase})`;
  const content = renderUpstream(options.upstreamName, route, header);
  const what = `route ${oneLine(weights)} to ${options.upstreamFile}`;
  if (signal?.aborted) throw new RouterError(`nginx router: ${what} was cancelled before it began; nothing changed`);
  const file = readUpstream(options.upstreamFile);
  if (memory.restoredUntested && file.previous !== null && sameRouting(file.previous.toString('utf8'), content)) {
    // The route-back after a failed test: the file was restored byte for byte and never reloaded, so nginx
    // already serves this route. No test, no reload: they could fail on something unrelated and turn a
    // change that never happened into a failed rollback.
    options.logger.info(
      `nginx: ${options.upstreamFile} was restored and still routes ${oneLine(weights)}; nothing to change`,
    );
    return { hooks: [] };
  }
  writeUpstream(options.upstreamFile, file, content);
  const change: RouteChange = {
    options,
    file,
    what,
    env: { ...hookEnv(values), SHIPGATE_WEIGHTS: weights },
    signal,
    hooks: [],
  };
  memory.restoredUntested = false;
  try {
    await testChange(change);
  } catch (error) {
    memory.restoredUntested = error instanceof TestRejectedError && error.restored;
    throw error;
  }
  await reloadChange(change);
  options.logger.info(
    `nginx: routed ${oneLine(weights)} (${options.upstreamFile}, upstream ${options.upstreamName}; reloaded)`,
  );
  return { hooks: change.hooks };
}

/** Whether two upstream files route alike: the same directives, whatever their comment lines say. */
function sameRouting(current: string, next: string): boolean {
  const directives = (text: string): string =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .join('\n');
  return directives(current) === directives(next);
}

function readUpstream(upstreamFile: string): UpstreamFile {
  try {
    const target = realpathSync(upstreamFile);
    return { target, previous: readFileSync(target), mode: statSync(target).mode & 0o7777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { target: upstreamFile, previous: null, mode: 0o644 };
    throw new RouterError(`nginx router: could not read ${upstreamFile}: ${errorMessage(error)}; nothing changed`, [], {
      cause: error,
    });
  }
}

function writeUpstream(upstreamFile: string, file: UpstreamFile, content: string): void {
  try {
    writeFileAtomic(file.target, content, file.mode);
  } catch (error) {
    throw new RouterError(
      `nginx router: could not write ${upstreamFile}: ${errorMessage(error)}; nothing changed`,
      [],
      {
        cause: error,
      },
    );
  }
}

/** Puts the previous file back exactly (or removes the new one); returns a problem, or undefined. */
function restoreUpstream(change: RouteChange): string | undefined {
  const { file } = change;
  try {
    if (file.previous === null) unlinkSync(file.target);
    else writeFileAtomic(file.target, file.previous, file.mode);
    return undefined;
  } catch (error) {
    return `restoring ${change.options.upstreamFile} failed too (${errorMessage(error)})`;
  }
}

/** What restoring did, for messages. */
function restoredWhat(change: RouteChange): string {
  const { upstreamFile } = change.options;
  return change.file.previous === null
    ? `removed ${upstreamFile} (there was none before)`
    : `restored the previous ${upstreamFile}`;
}

/** Runs `test`, if any; when it fails, restores the file and throws: nothing was reloaded. */
async function testChange(change: RouteChange): Promise<void> {
  const { test } = change.options;
  if (test === undefined) return;
  const problem = await runNginxCommand(change, 'nginx test', test, change.env, change.signal);
  if (problem === undefined) return;
  const restoreProblem = restoreUpstream(change);
  throw new TestRejectedError(
    `nginx router: test of ${change.what} failed: ${problem}; ${restoreProblem ?? `${restoredWhat(change)}, nothing was reloaded`}`,
    change.hooks,
    restoreProblem === undefined && change.file.previous !== null,
  );
}

/** `test` refused the new file; `restored`: the previous one is back byte for byte, and nothing was reloaded. */
class TestRejectedError extends RouterError {
  readonly restored: boolean;
  constructor(message: string, hooks: readonly HookRun[], restored: boolean) {
    super(message, hooks);
    this.restored = restored;
  }
}

/** Runs `reload`; when it fails, restores the file and reloads it again, then throws saying how that went. */
async function reloadChange(change: RouteChange): Promise<void> {
  const { reload } = change.options;
  const problem = await runNginxCommand(change, 'nginx reload', reload, change.env, change.signal);
  if (problem === undefined) return;
  const failed = `nginx router: reload after writing ${change.what} failed: ${problem}`;
  const restoreProblem = restoreUpstream(change);
  if (restoreProblem !== undefined) throw new RouterError(`${failed}; ${restoreProblem}`, change.hooks);
  // Reloaded without the signal: putting the old routing back must finish even when the run is cancelled.
  const previous = change.file.previous;
  const previousWeights = previous === null ? '' : (/^# route: (.*)$/m.exec(previous.toString('utf8'))?.[1] ?? '');
  const env = { ...change.env, SHIPGATE_WEIGHTS: previousWeights };
  const again = await runNginxCommand(change, 'nginx reload (restore)', reload, env, undefined);
  const outcome =
    again === undefined
      ? `${restoredWhat(change)} and reloaded it`
      : `${restoredWhat(change)}, but reloading it failed too (${again}): check that nginx runs the routing the file shows`;
  throw new RouterError(`${failed}; ${outcome}`, change.hooks);
}

/** Runs `test` or `reload`, recording it in the change; returns how it failed (with nginx's reason), or undefined. */
async function runNginxCommand(
  change: RouteChange,
  hook: string,
  command: string,
  env: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  const { options } = change;
  const outcome = await runCommand(options.runner, {
    command,
    cwd: options.cwd,
    env,
    timeoutMs: options.timeoutMs,
    onLine: (_stream, line) => (options.group ? options.logger.info(line) : options.logger.debug(`${hook}: ${line}`)),
    ...(signal !== undefined && { signal }),
  });
  change.hooks.push(hookRun(hook, outcome));
  if (succeeded(outcome.end)) return undefined;
  return `\`${command}\` ${describeCommandEnd(outcome.end, outcome.result ? nginxReason(outcome.result) : '')}`;
}
