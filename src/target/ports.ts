import type { CommandOutcome } from '../core/command-runner.js';
import { ShipgateError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';

/**
 * How shipgate changes what runs (a workload driver) and where traffic goes (a router). The engine only
 * knows these interfaces; `command` and `nginx` implement them here, `swarm` later.
 */

/** Values a hook receives — only through SHIPGATE_* environment variables, never in the command string. */
export interface HookValues {
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly previousVersion?: string;
  readonly strategy: string;
  readonly phase: string;
  readonly slot?: string;
  /** The slot's (or batch's) addresses. */
  readonly addresses?: readonly string[];
  /** Rolling: the instances of the batch. */
  readonly instances?: readonly string[];
  /** The weights being routed: `blue=90 green=10`. */
  readonly weights?: string;
}

/** The SHIPGATE_* environment of a hook (SPEC §5.2). */
export function hookEnv(values: HookValues): Record<string, string> {
  const env: Record<string, string> = {
    SHIPGATE_SERVICE: values.service,
    SHIPGATE_ENVIRONMENT: values.environment,
    SHIPGATE_VERSION: values.version,
    SHIPGATE_PREVIOUS_VERSION: values.previousVersion ?? '',
    SHIPGATE_STRATEGY: values.strategy,
    SHIPGATE_PHASE: values.phase,
  };
  if (values.slot !== undefined) env.SHIPGATE_SLOT = values.slot;
  if (values.addresses !== undefined) env.SHIPGATE_ADDRESSES = values.addresses.join(' ');
  if (values.instances !== undefined) env.SHIPGATE_INSTANCES = values.instances.join(' ');
  if (values.weights !== undefined) env.SHIPGATE_WEIGHTS = values.weights;
  return env;
}

/** What a hook did, for the report. */
export interface HookRun {
  readonly hook: string;
  readonly exitCode: number | null;
  readonly durationMs: number;
  readonly timedOut: boolean;
}

/** The report's record of a command run as hook `hook`. */
export function hookRun(hook: string, outcome: CommandOutcome): HookRun {
  return {
    hook,
    exitCode: outcome.result?.exitCode ?? null,
    durationMs: outcome.durationMs,
    timedOut: outcome.end.kind === 'timeout',
  };
}

/** Wraps a hook's output in a collapsible log group (the Actions runtime's `group`). */
export type LogGroup = <T>(title: string, body: () => Promise<T>) => Promise<T>;

/** Without the runner's log groups (the CLI): a title line before the output. */
export function titledGroup(logger: Logger): LogGroup {
  return async (title, body) => {
    logger.info(title);
    return body();
  };
}

/** Starts and stops versions of the service. */
export interface WorkloadDriver {
  /** Runs `version` on the slot's addresses or the batch's instances; throws HookError when it fails. */
  deploy(values: HookValues, signal?: AbortSignal): Promise<HookRun>;
  /** Stops what runs on the slot (or instances); throws HookError when it fails. */
  retire(values: HookValues, signal?: AbortSignal): Promise<HookRun>;
}

/** Runs lifecycle hooks (config `hooks:`, SPEC §5.2) with `sh -c`, the target's timeout and SHIPGATE_* values. */
export interface LifecycleHookRunner {
  /** `hook` names it in logs and the report (`preflight`); throws HookError when it fails. */
  run(hook: string, command: string, values: HookValues, signal?: AbortSignal): Promise<HookRun>;
}

/**
 * Where traffic goes: a list of backend groups (a slot, or one rolling instance) with a weight in
 * percent; weight 0 leaves a group out. The weights of the groups that take traffic add up to 100.
 */
export interface Route {
  readonly groups: ReadonlyArray<{
    readonly name: string;
    readonly addresses: readonly string[];
    readonly weight: number;
  }>;
}

/** `blue=90 green=10` — the SHIPGATE_WEIGHTS form, and how routes read in logs and reports. */
export function describeRoute(route: Route): string {
  return route.groups.map((group) => `${group.name}=${group.weight}`).join(' ');
}

export interface Router {
  /** Makes `route` the routing in effect; resolves once it is (e.g. after nginx reloads). Throws RouterError. */
  apply(route: Route, values: HookValues, signal?: AbortSignal): Promise<{ readonly hooks: readonly HookRun[] }>;
}

/** A hook that exited non-zero, timed out, was cancelled or could not start. */
export class HookError extends ShipgateError {
  readonly run: HookRun;
  /** `ended`: how it ended, from describeCommandEnd. */
  constructor(run: HookRun, ended: string) {
    super('hook-failed', `${run.hook} hook ${ended}`);
    this.run = run;
  }
}

/** Traffic could not be routed as asked; the previous routing is still in effect when `restored`. */
export class RouterError extends ShipgateError {
  readonly hooks: readonly HookRun[];
  constructor(message: string, hooks: readonly HookRun[] = [], options?: { cause?: unknown }) {
    super('route-failed', message, options);
    this.hooks = hooks;
  }
}
