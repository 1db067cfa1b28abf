import type { DeployReport } from '../core/deploy-report.js';
import { ShipgateError } from '../core/errors.js';
import { type RollbackResult, SLOTS, type Slot } from '../core/vocabulary.js';
import type { EnvironmentState, StateKey } from '../state/ports.js';
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
 * The default target (SPEC §5.3): the newest version, other than the active one, whose deploy or
 * rollback succeeded and that was not itself rolled back from. Pure; history is newest first.
 */
export function chooseRollbackTarget(state: EnvironmentState): string | null {
  const rolledBackFrom = new Set(
    state.history.flatMap((entry) =>
      entry.kind === 'rollback' && entry.result === 'succeeded' && entry.rollbackOf ? [entry.rollbackOf] : [],
    ),
  );
  const found = state.history.find(
    (entry) =>
      entry.result === 'succeeded' &&
      entry.version !== state.activeVersion &&
      !rolledBackFrom.has(entry.version) &&
      entry.finishedAt !== null,
  );
  return found?.version ?? null;
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
  const { from, target } = rollbackTarget(state, request, where);
  if (target === from) {
    ports.logger.info(`rollback: ${target} is already the active version of ${where}; nothing to do`);
    const nothing = { deploymentId: null, report: null, plan: null, failureReason: null } as const;
    return { ...nothing, result: 'noop', fromVersion: from, toVersion: target, method: null };
  }
  const settings = rollbackSettings(settingsFor(target), target);
  const slot = settings.strategy === 'rolling' ? null : standbySlot(state, target);
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

/** The active version and the one to roll back to (the request's, or the default target), or why there is none. */
function rollbackTarget(
  state: EnvironmentState,
  request: RollbackRequest,
  where: string,
): { readonly from: string; readonly target: string } {
  const from = state.activeVersion;
  if (!from) {
    throw new NothingToRollBackError(
      `rollback: nothing is deployed to ${where} (no active version in the state); nothing to roll back`,
    );
  }
  const target = request.toVersion ?? chooseRollbackTarget(state);
  if (!target) {
    const entries = `${state.history.length} entr${state.history.length === 1 ? 'y' : 'ies'}`;
    throw new NothingToRollBackError(
      `rollback: ${where} has no earlier good version to roll back to: no deploy or rollback other than the active ${from} succeeded (history holds ${entries})`,
    );
  }
  return { from, target };
}
