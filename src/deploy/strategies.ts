import { formatDuration } from '../core/duration.js';
import { ShipgateError } from '../core/errors.js';
import type { Phase, Slot, Strategy } from '../core/vocabulary.js';
import type { EnvironmentState } from '../state/ports.js';
import { orchestratedRollingPlan } from './orchestrated-plan.js';
import { batches, hookSteps, instanceRoute, otherSlot, type Plan, type Step, slotRoute } from './plan.js';
import type { DeploySettings } from './settings.js';

/**
 * Turns settings plus the observed state into a plan, per strategy. Pure: table-tested in
 * test/unit/deploy/strategies.test.ts.
 */
export function planDeploy(settings: DeploySettings, state: EnvironmentState): Plan {
  switch (settings.strategy) {
    case 'canary':
      return slotPlan(settings, state, 'canary');
    case 'blue-green':
      return slotPlan(settings, state, 'blue-green');
    case 'rolling':
      return settings.target.kind === 'swarm' ? orchestratedRollingPlan(settings, state) : rollingPlan(settings, state);
    default: {
      const never: never = settings.strategy;
      throw new Error(`unknown strategy ${String(never)}`);
    }
  }
}

type SlotAddresses = NonNullable<DeploySettings['target']['slots']>;

/** What every step of a slot plan is built from. */
interface SlotPlanning {
  readonly settings: DeploySettings;
  readonly state: EnvironmentState;
  readonly slots: SlotAddresses;
  /** The slot that takes traffic now (null on a first deploy), and the idle one the new version goes to. */
  readonly stable: Slot | null;
  readonly idle: Slot;
  readonly version: string;
}

/** Canary and blue-green: the new version goes to the idle slot, is gated before any traffic, then takes it. */
function slotPlan(settings: DeploySettings, state: EnvironmentState, strategy: 'canary' | 'blue-green'): Plan {
  const slots = settings.target.slots;
  // resolveDeploySettings refuses a slot strategy without target.slots; this keeps the type honest.
  if (!slots) throw new ShipgateError('invalid-config', `deploy: strategy ${strategy} needs target.slots`);
  const stable = state.activeSlot;
  const planning: SlotPlanning = {
    settings,
    state,
    slots,
    stable,
    idle: stable ? otherSlot(stable) : 'blue',
    version: settings.version,
  };
  if (strategy === 'canary') {
    const steps = [
      ...preflightSteps(planning),
      ...prepareSteps(planning),
      ...beforeTrafficSteps(planning),
      ...canarySteps(planning),
      ...promoteSteps(planning),
      ...retireOldSteps(planning),
    ];
    return slotPlanOf(planning, strategy, 'full', steps);
  }
  return blueGreenPlan(planning);
}

function slotPlanOf(planning: SlotPlanning, strategy: Strategy, phase: Phase, steps: Step[]): Plan {
  const { version, state, stable, idle } = planning;
  return { strategy, phase, version, previousVersion: state.activeVersion, stableSlot: stable, newSlot: idle, steps };
}

/** Blue-green runs all at once (`full`) or one phase per run (SPEC §5.2). */
function blueGreenPlan(planning: SlotPlanning): Plan {
  const phase = planning.settings.phase;
  switch (phase) {
    case 'full':
      return slotPlanOf(planning, 'blue-green', phase, [
        ...preflightSteps(planning),
        ...prepareSteps(planning),
        ...beforeTrafficSteps(planning),
        ...promoteSteps(planning),
        ...retireOldSteps(planning),
      ]);
    case 'prepare':
      return slotPlanOf(planning, 'blue-green', phase, [
        ...preflightSteps(planning),
        ...prepareSteps(planning),
        ...beforeTrafficSteps(planning),
      ]);
    case 'switch':
      return slotPlanOf(planning, 'blue-green', phase, switchSteps(planning));
    case 'finalize':
      return finalizePlan(planning);
    case 'cancel':
      return slotPlanOf(planning, 'blue-green', phase, cancelSteps(planning));
    default: {
      const never: never = phase;
      throw new Error(`unknown phase ${String(never)}`);
    }
  }
}

/** Before anything changes: the preflight hook sees the slot the new version is going to. */
function preflightSteps({ settings, version, idle, slots }: SlotPlanning): Step[] {
  return hookSteps(settings, 'preflight', { version, slot: idle, addresses: slots[idle] });
}

/** The new version runs and passed its gate, and takes no traffic yet: migrations, smoke tests. */
function beforeTrafficSteps({ settings, version, idle, slots }: SlotPlanning): Step[] {
  return hookSteps(settings, 'before-traffic', { version, slot: idle, addresses: slots[idle] });
}

/** Deploy to the idle slot and gate it before it takes any traffic. */
function prepareSteps(planning: SlotPlanning): Step[] {
  const { version, idle, slots } = planning;
  return [
    { kind: 'deploy', name: `deploy ${version} to ${idle}`, version, slot: idle, addresses: slots[idle] },
    previewGate(planning),
  ];
}

function previewGate({ version, idle, slots }: SlotPlanning): Step {
  return {
    kind: 'gate',
    name: `gate ${idle} before traffic`,
    version,
    slot: idle,
    addresses: slots[idle],
    mode: 'preview',
    watchMs: 0,
  };
}

/** Per canary step below 100%: route its weight to the new slot, then watch it for the step's pause. */
function canarySteps({ settings, stable, idle, slots, version }: SlotPlanning): Step[] {
  if (!stable) return [];
  const steps: Step[] = [];
  for (const { weight, pauseMs } of settings.canarySteps) {
    if (weight >= 100) break;
    steps.push(
      {
        kind: 'route',
        name: `route ${weight}% to ${idle}`,
        route: slotRoute(slots, { [stable]: 100 - weight, [idle]: weight }),
        restoreOnUndo: true,
      },
      {
        kind: 'gate',
        name: `gate ${idle} at ${weight}%${pauseMs ? ` for ${formatDuration(pauseMs)}` : ''}`,
        version,
        slot: idle,
        addresses: slots[idle],
        mode: 'watch',
        watchMs: pauseMs,
      },
    );
  }
  return steps;
}

/** Route all traffic to the new slot, watch it there (health.duration), and make it active. */
function promoteSteps({ settings, stable, idle, slots, version }: SlotPlanning): Step[] {
  const watchMs = settings.health.promotionWatchMs;
  return [
    {
      kind: 'route',
      name: `route 100% to ${idle}`,
      route: slotRoute(slots, stable ? { [stable]: 0, [idle]: 100 } : { [idle]: 100 }),
      restoreOnUndo: true,
    },
    ...(watchMs > 0
      ? [
          {
            kind: 'gate',
            name: `watch ${idle} at 100%`,
            version,
            slot: idle,
            addresses: slots[idle],
            mode: 'watch',
            watchMs,
          } satisfies Step,
        ]
      : []),
    // It takes 100%; the old slot still runs, so a failing hook routes back at once.
    ...hookSteps(settings, 'after-traffic', { version, slot: idle, addresses: slots[idle] }),
    { kind: 'activate', name: `make ${idle} active`, version, slot: idle },
  ];
}

/** After scale-down-delay (so in-flight requests finish), retire a slot. */
export function retireSteps(
  settings: DeploySettings,
  slot: Slot,
  version: string,
  addresses: readonly string[],
): Step[] {
  const delayMs = settings.scaleDownDelayMs;
  return [
    ...(delayMs > 0
      ? [{ kind: 'wait', name: `wait scale-down-delay ${formatDuration(delayMs)}`, ms: delayMs } satisfies Step]
      : []),
    { kind: 'retire', name: `retire ${slot}`, slot, version, addresses },
  ];
}

/** The slot that served until now, if it runs. */
function retireOldSteps({ settings, state, stable, slots }: SlotPlanning): Step[] {
  if (!stable || !state.slots[stable]?.up) return [];
  return retireSteps(settings, stable, state.slots[stable]?.version ?? state.activeVersion ?? '', slots[stable]);
}

/** Phase switch: the version prepared on the idle slot is gated again, then takes all traffic. */
function switchSteps(planning: SlotPlanning): Step[] {
  const { state, stable, idle, version } = planning;
  const prepared = state.slots[idle];
  if (!stable || !prepared?.up || prepared.version !== version) {
    throw new ShipgateError(
      'nothing-prepared',
      `deploy: phase 'switch' needs ${version} prepared on the idle slot ${idle} (it runs ${prepared?.up ? prepared.version : 'nothing'}); run phase prepare first`,
    );
  }
  return [previewGate(planning), ...promoteSteps(planning)];
}

/** Phase finalize: retire the old slot; the plan's version is the one now active. */
function finalizePlan(planning: SlotPlanning): Plan {
  const { settings, state, stable, slots, version } = planning;
  const old = stable ? otherSlot(stable) : null;
  if (!old || !state.slots[old]?.up) {
    throw new ShipgateError(
      'nothing-to-finalize',
      `deploy: phase 'finalize' has no old slot to retire (${old ?? 'no active slot'} is not running)`,
    );
  }
  const steps = retireSteps(settings, old, state.slots[old]?.version ?? '', slots[old]);
  return {
    ...slotPlanOf(planning, 'blue-green', 'finalize', steps),
    version: state.activeVersion ?? version,
    newSlot: null,
  };
}

/** Phase cancel: retire a prepared slot, but only one that never took traffic. */
function cancelSteps({ state, idle, slots }: SlotPlanning): Step[] {
  const prepared = state.slots[idle];
  if (!prepared?.up) {
    throw new ShipgateError(
      'nothing-to-cancel',
      `deploy: phase 'cancel' has nothing to cancel: the idle slot ${idle} is not running`,
    );
  }
  // The last finished deploy put it there without making it active. After a switch the idle slot runs
  // the previous version, which cancel must not stop.
  const last = state.history.find((entry) => entry.finishedAt !== null);
  if (!last || last.slot !== idle || last.result !== 'succeeded') {
    throw new ShipgateError(
      'nothing-to-cancel',
      `deploy: phase 'cancel' has nothing to cancel: ${idle} runs ${prepared.version}, which was not prepared by the last deploy (it may be the previous version; use finalize to retire it)`,
    );
  }
  return [
    { kind: 'retire', name: `retire prepared ${idle}`, slot: idle, version: prepared.version, addresses: slots[idle] },
  ];
}

/**
 * Rolling: batch by batch, each is drained (with a router), deployed in place, gated on its own
 * addresses, and put back; the pause between batches watches every updated instance.
 */
function rollingPlan(settings: DeploySettings, state: EnvironmentState): Plan {
  const instances = settings.target.instances;
  // resolveDeploySettings refuses rolling without target.instances; this keeps the type honest.
  if (!instances) throw new ShipgateError('invalid-config', 'deploy: strategy rolling needs target.instances');
  const version = settings.version;
  const groups = batches(instances, settings.rolling.batch);
  const steps: Step[] = [
    ...hookSteps(settings, 'preflight', { version, addresses: [...instances], instances: [...instances] }),
  ];
  steps.push(
    ...groups.flatMap((batch, index) => [
      ...batchSteps(settings, instances, batch, `batch ${index + 1}/${groups.length}`),
      // Between batches, every instance updated so far is watched.
      ...(index < groups.length - 1 ? pauseSteps(settings, groups.slice(0, index + 1).flat()) : []),
    ]),
  );
  const watchMs = settings.health.promotionWatchMs;
  if (watchMs > 0) {
    // health.duration: once every instance runs the new version, watch them all (metrics see it at 100%).
    const name = `watch all instances for ${formatDuration(watchMs)}`;
    steps.push({ kind: 'gate', name, version, addresses: [...instances], mode: 'watch', watchMs });
  }
  steps.push(
    ...hookSteps(settings, 'after-traffic', { version, addresses: [...instances], instances: [...instances] }),
    { kind: 'activate', name: `make ${version} active`, version },
  );
  return {
    strategy: 'rolling',
    phase: 'full',
    version,
    previousVersion: state.activeVersion,
    stableSlot: null,
    newSlot: null,
    steps,
  };
}

/** One batch: drain it (with a router), deploy in place, gate its addresses, put it back. */
function batchSteps(settings: DeploySettings, instances: readonly string[], batch: string[], label: string): Step[] {
  const { version } = settings;
  const routed = settings.router.kind !== 'none';
  const drainMs = settings.rolling.drainMs;
  const drain: Step[] = [
    {
      kind: 'route',
      name: `drain ${label} (${batch.join(', ')})`,
      route: instanceRoute(instances, new Set(batch)),
      restoreOnUndo: false,
    },
    ...(drainMs > 0
      ? [{ kind: 'wait', name: `wait drain ${formatDuration(drainMs)}`, ms: drainMs } satisfies Step]
      : []),
  ];
  const putBack: Step = {
    kind: 'route',
    name: `put back ${label}`,
    route: instanceRoute(instances, new Set()),
    restoreOnUndo: false,
  };
  return [
    ...(routed ? drain : []),
    { kind: 'deploy', name: `deploy ${version} to ${label}`, version, addresses: batch, instances: batch },
    { kind: 'gate', name: `gate ${label}`, version, addresses: batch, mode: 'preview', watchMs: 0 },
    // Per batch, before it is put back in rotation: a migration or smoke test must be idempotent.
    ...hookSteps(settings, 'before-traffic', { version, addresses: batch, instances: batch }),
    ...(routed ? [putBack] : []),
  ];
}

function pauseSteps(settings: DeploySettings, updated: string[]): Step[] {
  const pauseMs = settings.rolling.pauseMs;
  if (pauseMs <= 0) return [];
  const name = `watch updated instances for ${formatDuration(pauseMs)}`;
  return [{ kind: 'gate', name, version: settings.version, addresses: updated, mode: 'watch', watchMs: pauseMs }];
}
