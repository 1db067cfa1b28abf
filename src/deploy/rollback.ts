import type { DeployReport } from '../core/deploy-report.js';
import { ShipgateError } from '../core/errors.js';
import { type RollbackResult, SLOTS, type Slot } from '../core/vocabulary.js';
import { type EnvironmentState, type HistoryEntry, type StateKey, servedFull } from '../state/ports.js';
import { type DeployPorts, type RunOptions, runDeploy } from './deploy.js';
import { type Plan, type Step, slotRoute } from './plan.js';
import type { DeploySettings } from './settings.js';
import { retireSteps } from './strategies.js';

export interface RollbackRequest {
  readonly service: string;
  readonly environment: string;
  /** Absent: the newest earlier good version (chooseRollbackTarget). */
  readonly toVersion?: string;
  /** Why, in the user's words (the `reason` input); kept in the report. */
  readonly reason?: string;
}

export interface RollbackOutcome {
  readonly result: RollbackResult;
  readonly fromVersion: string | null;
  readonly toVersion: string | null;
  readonly deploymentId: string | null;
  /** How it was done: `switch` (the target's slot was still up: one router update), `redeploy`, or none. */
  readonly method: 'switch' | 'redeploy' | null;
  readonly failureReason: string | null;
  readonly report: DeployReport | null;
  readonly plan: Plan | null;
}

/** There is nothing to roll back to: exit 1 saying so. */
export class NothingToRollBackError extends ShipgateError {
  constructor(message: string) {
    super('nothing-to-roll-back', message);
  }
}

/**
 * The default target (SPEC §5.3): the newest version, other than the active one, that took 100% of
 * traffic and that was not itself rolled back from (by a rollback, or a blue-green switch back). A
 * prepared-then-cancelled version, a failed or killed run never took all traffic. Pure; history is newest first.
 */
export function chooseRollbackTarget(state: EnvironmentState): string | null {
  const rolledBackFrom = new Set(
    state.history.flatMap((entry) =>
      entry.kind === 'rollback' && entry.result === 'succeeded' && entry.rollbackOf ? [entry.rollbackOf] : [],
    ),
  );
  const found = state.history.find(
    (entry) => servedFull(entry) && entry.version !== state.activeVersion && !rolledBackFrom.has(entry.version),
  );
  return found?.version ?? null;
}

/**
 * The run that was killed mid-change, if the newest run was: its traffic split or half-deployed slot is
 * still there until a rollback re-applies the stable route (SPEC §5.3).
 */
export function killedRun(state: EnvironmentState): HistoryEntry | null {
  const newest = state.history[0];
  return newest && (newest.killed === true || newest.finishedAt === null) ? newest : null;
}

/**
 * After a killed run: gate the stable slot, route all traffic back to it, and retire the slot the killed
 * run deployed to (after scale-down-delay, since it may have taken traffic).
 */
export function restorePlan(settings: DeploySettings, state: EnvironmentState, killed: HistoryEntry): Plan {
  const slots = settings.target.slots;
  const stable = state.activeSlot;
  if (!slots || !stable) {
    throw new ShipgateError(
      'invalid-config',
      `rollback: re-applying the stable route needs target.slots and an active slot`,
    );
  }
  const version = state.activeVersion ?? settings.version;
  const addresses = slots[stable];
  const leftover = killed.slot && killed.slot !== stable ? killed.slot : null;
  return {
    strategy: settings.strategy === 'rolling' ? 'blue-green' : settings.strategy,
    phase: 'full',
    version,
    previousVersion: version,
    stableSlot: stable,
    newSlot: stable,
    steps: [
      {
        kind: 'gate',
        name: `gate ${stable} (${version})`,
        version,
        slot: stable,
        addresses,
        mode: 'preview',
        watchMs: 0,
      },
      {
        kind: 'route',
        name: `route 100% back to ${stable}`,
        route: slotRoute(slots, { [stable]: 100 }),
        restoreOnUndo: false,
      },
      { kind: 'activate', name: `keep ${stable} active`, version, slot: stable },
      ...(leftover ? retireSteps(settings, leftover, killed.version, slots[leftover]) : []),
    ],
  };
}

/** The slot (not the active one) still up with `version`, if any: rolling back to it is one router update. */
export function standbySlot(state: EnvironmentState, version: string): Slot | null {
  for (const slot of SLOTS) {
    const held = state.slots[slot];
    if (slot !== state.activeSlot && held?.up && held.version === version) return slot;
  }
  return null;
}

/**
 * The switch back to a slot that still runs the target: gate it (no traffic yet), route 100% to it, make it
 * active, and retire the slot rolled back from after scale-down-delay. No deploy hook runs.
 */
export function switchBackPlan(settings: DeploySettings, state: EnvironmentState, slot: Slot): Plan {
  const slots = settings.target.slots;
  // runRollback switches back only under a slot strategy, which resolveDeploySettings gives target.slots.
  if (!slots) throw new ShipgateError('invalid-config', `rollback: switching back to ${slot} needs target.slots`);
  return {
    strategy: settings.strategy === 'rolling' ? 'blue-green' : settings.strategy,
    phase: 'full',
    version: settings.version,
    previousVersion: state.activeVersion,
    stableSlot: state.activeSlot,
    newSlot: slot,
    steps: [...switchBackSteps(settings, state, slots, slot), ...retireFromSteps(settings, state, slots)],
  };
}

type SlotAddresses = NonNullable<DeploySettings['target']['slots']>;

function switchBackSteps(settings: DeploySettings, state: EnvironmentState, slots: SlotAddresses, slot: Slot): Step[] {
  const from = state.activeSlot;
  const { version } = settings;
  const watchMs = settings.health.promotionWatchMs;
  const addresses = slots[slot];
  const watch: Step = { kind: 'gate', name: `watch ${slot} at 100%`, version, slot, addresses, mode: 'watch', watchMs };
  return [
    {
      kind: 'gate',
      name: `gate ${slot} (${version}) before traffic`,
      version,
      slot,
      addresses,
      mode: 'preview',
      watchMs: 0,
    },
    {
      kind: 'route',
      name: `route 100% back to ${slot}`,
      route: slotRoute(slots, from ? { [from]: 0, [slot]: 100 } : { [slot]: 100 }),
      restoreOnUndo: true,
    },
    ...(watchMs > 0 ? [watch] : []),
    { kind: 'activate', name: `make ${slot} active`, version, slot },
  ];
}

/** The slot rolled back from, if it runs, is retired after scale-down-delay. */
function retireFromSteps(settings: DeploySettings, state: EnvironmentState, slots: SlotAddresses): Step[] {
  const from = state.activeSlot;
  if (!from || !state.slots[from]?.up) return [];
  return retireSteps(settings, from, state.slots[from]?.version ?? state.activeVersion ?? '', slots[from]);
}

/** A rollback redeploys with the configured strategy, but without canary pauses and always undoing on failure. */
export function rollbackSettings(settings: DeploySettings, version: string): DeploySettings {
  return {
    ...settings,
    version,
    phase: 'full',
    dryRun: false,
    rollbackOnError: true,
    canarySteps: settings.canarySteps.map((step) => ({ ...step, pauseMs: 0 })),
  };
}

/**
 * A rollback (SPEC §5.3): picks the target, then either switches traffic back to the slot that still runs
 * it, or deploys it with the configured strategy (no canary pauses), gated. It is recorded as a deploy of
 * kind `rollback` (GitHub: task `deploy:rollback`) with `rollbackOf`. A target that fails its gate is
 * undone like any deploy: traffic stays where it was, and the result is `failed`.
 */
export async function runRollback(
  request: RollbackRequest,
  settingsFor: (version: string) => DeploySettings,
  ports: DeployPorts,
  options: Pick<RunOptions, 'onBegin'> = {},
): Promise<RollbackOutcome> {
  const key: StateKey = { service: request.service, environment: request.environment };
  const where = `${key.service}/${key.environment}`;
  const state = await ports.store.read(key);
  const killed = killedRun(state);
  const { from, target } = rollbackTarget(state, request, where, killed);
  if (target === from && killed)
    return restoreAfterKilled(request, settingsFor(target), ports, { state, killed, options });
  if (target === from) {
    ports.logger.info(`rollback: ${target} is already the active version of ${where}; nothing to do`);
    const nothing = { deploymentId: null, report: null, plan: null, failureReason: null } as const;
    return { ...nothing, result: 'noop', fromVersion: from, toVersion: target, method: null };
  }
  const settings = rollbackSettings(settingsFor(target), target);
  const standby = settings.strategy === 'rolling' ? null : standbySlot(state, target);
  // The slot a killed run deployed to runs something half done: never switched back to.
  const slot = standby && standby !== killed?.slot ? standby : null;
  ports.logger.info(
    slot
      ? `rollback: ${where} from ${from} to ${target}: ${slot} still runs it; switching traffic back`
      : `rollback: ${where} from ${from} to ${target}: deploying it (${settings.strategy}, no canary pauses)`,
  );
  const outcome = await runDeploy(settings, ports, {
    kind: 'rollback',
    rollbackOf: from,
    ...(slot ? { plan: (current: EnvironmentState) => switchBackPlan(settings, current, slot) } : {}),
    ...(request.reason ? { report: { rollbackReason: request.reason } } : {}),
    ...(options.onBegin ? { onBegin: options.onBegin } : {}),
  });
  const ok = outcome.result === 'succeeded';
  return {
    result: ok ? 'rolled-back' : 'failed',
    fromVersion: from,
    toVersion: target,
    deploymentId: outcome.deploymentId,
    method: slot ? 'switch' : 'redeploy',
    failureReason: ok ? null : (outcome.report.failureReason ?? `rollback to ${target} ${outcome.result}`),
    report: outcome.report,
    plan: outcome.plan,
  };
}

/**
 * Rolling back to the active version after a killed run: re-apply the stable route and retire what the
 * killed run started (slots), or redeploy the active version everywhere (rolling).
 */
async function restoreAfterKilled(
  request: RollbackRequest,
  base: DeploySettings,
  ports: DeployPorts,
  run: { state: EnvironmentState; killed: HistoryEntry; options: Pick<RunOptions, 'onBegin'> },
): Promise<RollbackOutcome> {
  const { state, killed, options } = run;
  const from = state.activeVersion ?? killed.version;
  const settings = rollbackSettings(base, from);
  ports.logger.warning(
    `rollback: the last run (${killed.kind} ${killed.version}, ${killed.runUrl ?? 'no run URL'}) was killed mid-change; re-applying the stable route to ${from} and retiring what it started`,
  );
  const slotted = settings.strategy !== 'rolling';
  const outcome = await runDeploy(settings, ports, {
    kind: 'rollback',
    rollbackOf: killed.version,
    ...(slotted ? { plan: (current: EnvironmentState) => restorePlan(settings, current, killed) } : {}),
    ...(request.reason ? { report: { rollbackReason: request.reason } } : {}),
    ...(options.onBegin ? { onBegin: options.onBegin } : {}),
  });
  const ok = outcome.result === 'succeeded';
  return {
    result: ok ? 'rolled-back' : 'failed',
    fromVersion: killed.version,
    toVersion: from,
    deploymentId: outcome.deploymentId,
    method: slotted ? 'switch' : 'redeploy',
    failureReason: ok ? null : (outcome.report.failureReason ?? `rollback to ${from} ${outcome.result}`),
    report: outcome.report,
    plan: outcome.plan,
  };
}

/**
 * The active version and the one to roll back to (the request's, or the default target), or why there is
 * none. After a killed run the default is the active version: its stable route is re-applied.
 */
function rollbackTarget(
  state: EnvironmentState,
  request: RollbackRequest,
  where: string,
  killed: HistoryEntry | null,
): { readonly from: string; readonly target: string } {
  const from = state.activeVersion;
  if (!from) {
    throw new NothingToRollBackError(
      `rollback: nothing is deployed to ${where} (no active version in the state); nothing to roll back`,
    );
  }
  const target = request.toVersion ?? (killed ? from : chooseRollbackTarget(state));
  if (!target) {
    const entries = `${state.history.length} entr${state.history.length === 1 ? 'y' : 'ies'}`;
    throw new NothingToRollBackError(
      `rollback: ${where} has no earlier good version to roll back to: no deploy or rollback other than the active ${from} succeeded (history holds ${entries})`,
    );
  }
  return { from, target };
}
