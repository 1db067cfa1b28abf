import { formatDuration } from '../core/duration.js';
import { ShipgateError } from '../core/errors.js';
import type { EnvironmentState, Slot } from '../state/ports.js';
import { orchestratedRollingPlan } from './orchestrated-plan.js';
import { batches, instanceRoute, otherSlot, type Plan, type Step, slotRoute } from './plan.js';
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

/** Canary and blue-green: the new version goes to the idle slot, is gated before any traffic, then takes it. */
function slotPlan(settings: DeploySettings, state: EnvironmentState, strategy: 'canary' | 'blue-green'): Plan {
  const slots = settings.target.slots!;
  const stable = state.activeSlot;
  const idle: Slot = stable ? otherSlot(stable) : 'blue';
  const version = settings.version;
  const previousVersion = state.activeVersion;
  const steps: Step[] = [];
  const route = (weights: Partial<Record<Slot, number>>) => slotRoute(slots, weights);
  const retireOld = (): void => {
    if (!stable || !state.slots[stable]?.up) return;
    if (settings.scaleDownDelayMs > 0) {
      steps.push({
        kind: 'wait',
        name: `wait scale-down-delay ${formatDuration(settings.scaleDownDelayMs)}`,
        ms: settings.scaleDownDelayMs,
      });
    }
    steps.push({
      kind: 'retire',
      name: `retire ${stable}`,
      slot: stable,
      version: state.slots[stable]?.version ?? previousVersion ?? '',
      addresses: slots[stable],
    });
  };
  const prepare = (): void => {
    steps.push({ kind: 'deploy', name: `deploy ${version} to ${idle}`, version, slot: idle, addresses: slots[idle] });
    steps.push({
      kind: 'gate',
      name: `gate ${idle} before traffic`,
      version,
      slot: idle,
      addresses: slots[idle],
      mode: 'preview',
      watchMs: 0,
    });
  };
  const promote = (): void => {
    steps.push({
      kind: 'route',
      name: `route 100% to ${idle}`,
      route: route(stable ? { [stable]: 0, [idle]: 100 } : { [idle]: 100 }),
      restoreOnUndo: true,
    });
    if (settings.health.promotionWatchMs > 0) {
      steps.push({
        kind: 'gate',
        name: `watch ${idle} at 100%`,
        version,
        slot: idle,
        addresses: slots[idle],
        mode: 'watch',
        watchMs: settings.health.promotionWatchMs,
      });
    }
    steps.push({ kind: 'activate', name: `make ${idle} active`, version, slot: idle });
  };

  if (strategy === 'canary') {
    prepare();
    if (stable) {
      for (const { weight, pauseMs } of settings.canarySteps) {
        if (weight >= 100) break;
        steps.push({
          kind: 'route',
          name: `route ${weight}% to ${idle}`,
          route: route({ [stable]: 100 - weight, [idle]: weight }),
          restoreOnUndo: true,
        });
        steps.push({
          kind: 'gate',
          name: `gate ${idle} at ${weight}%${pauseMs ? ` for ${formatDuration(pauseMs)}` : ''}`,
          version,
          slot: idle,
          addresses: slots[idle],
          mode: 'watch',
          watchMs: pauseMs,
        });
      }
    }
    promote();
    retireOld();
    return { strategy, phase: 'full', version, previousVersion, stableSlot: stable, newSlot: idle, steps };
  }

  switch (settings.phase) {
    case 'full':
      prepare();
      promote();
      retireOld();
      break;
    case 'prepare':
      prepare();
      break;
    case 'switch': {
      const prepared = state.slots[idle];
      if (!stable || !prepared?.up || prepared.version !== version) {
        throw new ShipgateError(
          'nothing-prepared',
          `deploy: phase 'switch' needs ${version} prepared on the idle slot ${idle} (it runs ${prepared?.up ? prepared.version : 'nothing'}); run phase prepare first`,
        );
      }
      steps.push({
        kind: 'gate',
        name: `gate ${idle} before traffic`,
        version,
        slot: idle,
        addresses: slots[idle],
        mode: 'preview',
        watchMs: 0,
      });
      promote();
      break;
    }
    case 'finalize': {
      const old = stable ? otherSlot(stable) : null;
      if (!old || !state.slots[old]?.up) {
        throw new ShipgateError(
          'nothing-to-finalize',
          `deploy: phase 'finalize' has no old slot to retire (${old ?? 'no active slot'} is not running)`,
        );
      }
      if (settings.scaleDownDelayMs > 0)
        steps.push({
          kind: 'wait',
          name: `wait scale-down-delay ${formatDuration(settings.scaleDownDelayMs)}`,
          ms: settings.scaleDownDelayMs,
        });
      steps.push({
        kind: 'retire',
        name: `retire ${old}`,
        slot: old,
        version: state.slots[old]?.version ?? '',
        addresses: slots[old],
      });
      return {
        strategy,
        phase: 'finalize',
        version: state.activeVersion ?? version,
        previousVersion,
        stableSlot: stable,
        newSlot: null,
        steps,
      };
    }
    case 'cancel': {
      const prepared = state.slots[idle];
      if (!prepared?.up) {
        throw new ShipgateError(
          'nothing-to-cancel',
          `deploy: phase 'cancel' has nothing to cancel: the idle slot ${idle} is not running`,
        );
      }
      // Only a slot that never took traffic: the last finished deploy put it there without making it
      // active. After a switch the idle slot runs the previous version, which cancel must not stop.
      const last = state.history.find((entry) => entry.finishedAt !== null);
      if (!last || last.slot !== idle || last.result !== 'succeeded') {
        throw new ShipgateError(
          'nothing-to-cancel',
          `deploy: phase 'cancel' has nothing to cancel: ${idle} runs ${prepared.version}, which was not prepared by the last deploy (it may be the previous version; use finalize to retire it)`,
        );
      }
      steps.push({
        kind: 'retire',
        name: `retire prepared ${idle}`,
        slot: idle,
        version: prepared.version,
        addresses: slots[idle],
      });
      break;
    }
    default: {
      const never: never = settings.phase;
      throw new Error(`unknown phase ${String(never)}`);
    }
  }
  return { strategy, phase: settings.phase, version, previousVersion, stableSlot: stable, newSlot: idle, steps };
}

/**
 * Rolling: batch by batch, each is drained (with a router), deployed in place, gated on its own
 * addresses, and put back; the pause between batches watches every updated instance.
 */
function rollingPlan(settings: DeploySettings, state: EnvironmentState): Plan {
  const instances = settings.target.instances!;
  const version = settings.version;
  const routed = settings.router.kind !== 'none';
  const steps: Step[] = [];
  const groups = batches(instances, settings.rolling.batch);
  const updated: string[] = [];
  groups.forEach((batch, index) => {
    const label = `batch ${index + 1}/${groups.length}`;
    if (routed) {
      steps.push({
        kind: 'route',
        name: `drain ${label} (${batch.join(', ')})`,
        route: instanceRoute(instances, new Set(batch)),
        restoreOnUndo: false,
      });
      if (settings.rolling.drainMs > 0)
        steps.push({
          kind: 'wait',
          name: `wait drain ${formatDuration(settings.rolling.drainMs)}`,
          ms: settings.rolling.drainMs,
        });
    }
    steps.push({ kind: 'deploy', name: `deploy ${version} to ${label}`, version, addresses: batch, instances: batch });
    steps.push({ kind: 'gate', name: `gate ${label}`, version, addresses: batch, mode: 'preview', watchMs: 0 });
    if (routed)
      steps.push({
        kind: 'route',
        name: `put back ${label}`,
        route: instanceRoute(instances, new Set()),
        restoreOnUndo: false,
      });
    updated.push(...batch);
    if (settings.rolling.pauseMs > 0 && index < groups.length - 1) {
      steps.push({
        kind: 'gate',
        name: `watch updated instances for ${formatDuration(settings.rolling.pauseMs)}`,
        version,
        addresses: [...updated],
        mode: 'watch',
        watchMs: settings.rolling.pauseMs,
      });
    }
  });
  if (settings.health.promotionWatchMs > 0) {
    // health.duration: once every instance runs the new version, watch them all (metrics see it at 100%).
    steps.push({
      kind: 'gate',
      name: `watch all instances for ${formatDuration(settings.health.promotionWatchMs)}`,
      version,
      addresses: [...instances],
      mode: 'watch',
      watchMs: settings.health.promotionWatchMs,
    });
  }
  steps.push({ kind: 'activate', name: `make ${version} active`, version });
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
