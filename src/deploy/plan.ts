import { SLOTS, type Slot, type Strategy } from '../core/vocabulary.js';
import type { Route } from '../target/ports.js';
import type { DeploySettings } from './settings.js';

/**
 * A plan is a flat list of named steps (argo-rollouts style): each says what it changes, so the
 * executor can run it, undo it, and a dry run can print it. Plans are pure: settings + observed state in,
 * steps out.
 */
export type Step =
  | {
      readonly kind: 'deploy';
      readonly name: string;
      readonly version: string;
      readonly slot?: Slot;
      /** The addresses the version runs on: the slot's, or the batch's instances. */
      readonly addresses: readonly string[];
      /** Rolling: the batch; its undo redeploys the previous version on them. */
      readonly instances?: readonly string[];
      /** Swarm rolling: the orchestrator's own update of the whole service, gated while it runs (orchestrated-update.ts). */
      readonly orchestrated?: boolean;
    }
  | {
      readonly kind: 'gate';
      readonly name: string;
      readonly version: string;
      readonly slot?: Slot;
      readonly addresses: readonly string[];
      /** preview: before any traffic, wait until healthy; watch: keep watching for `watchMs`, with analysis. */
      readonly mode: 'preview' | 'watch';
      readonly watchMs: number;
    }
  | {
      readonly kind: 'route';
      readonly name: string;
      readonly route: Route;
      /** Undone by routing back to how traffic went before the deploy (slots); rolling batches are put back by their deploy's undo instead. */
      readonly restoreOnUndo: boolean;
    }
  | { readonly kind: 'wait'; readonly name: string; readonly ms: number }
  | {
      readonly kind: 'retire';
      readonly name: string;
      readonly version: string;
      readonly slot?: Slot;
      readonly addresses: readonly string[];
    }
  | { readonly kind: 'activate'; readonly name: string; readonly version: string; readonly slot?: Slot }
  | {
      /**
       * A lifecycle hook (SPEC §5.2). It has no undo of its own: a failing `preflight` comes before any
       * change (the result is `aborted`); a failing `before-traffic` or `after-traffic` hook fails the
       * deploy like a gate, and the undos of the steps before it retire the new slot and route back.
       */
      readonly kind: 'hook';
      readonly name: string;
      readonly hook: ForwardHookPoint;
      readonly command: string;
      readonly version: string;
      readonly slot?: Slot;
      /** The slot's or batch's addresses (SHIPGATE_ADDRESSES); the instances too in rolling. */
      readonly addresses: readonly string[];
      readonly instances?: readonly string[];
    };

/** The hook points that are plan steps; `after-rollback` runs after the rollback stack unwound. */
export type ForwardHookPoint = 'preflight' | 'before-traffic' | 'after-traffic';

/** `preflight hook: ./deploy/preflight.sh`, as the dry run, the summary and the report name it. */
export function hookStepName(hook: string, command: string): string {
  return `${hook} hook: ${command}`;
}

/** Where a lifecycle hook runs, for its SHIPGATE_* values. */
interface HookSite {
  readonly version: string;
  readonly slot?: Slot;
  readonly addresses: readonly string[];
  readonly instances?: readonly string[];
}

/** The step of a configured lifecycle hook, or none. */
export function hookSteps(settings: DeploySettings, hook: ForwardHookPoint, site: HookSite): Step[] {
  const command = settings.hooks?.[hook];
  if (command === undefined) return [];
  return [{ kind: 'hook', name: hookStepName(hook, command), hook, command, ...site }];
}

export interface Plan {
  readonly strategy: Strategy;
  readonly phase: string;
  readonly version: string;
  readonly previousVersion: string | null;
  /** blue-green and canary: the slot that takes traffic now, and the one the new version goes to. */
  readonly stableSlot: Slot | null;
  readonly newSlot: Slot | null;
  readonly steps: readonly Step[];
}

export const otherSlot = (slot: Slot): Slot => (slot === 'blue' ? 'green' : 'blue');

/** A route sending `weight`% to `to` and the rest to `from` (a slot at 0 is left out by routers). */
export function slotRoute(
  slots: Readonly<Record<Slot, readonly string[]>>,
  weights: Partial<Record<Slot, number>>,
): Route {
  return {
    groups: SLOTS.filter((slot) => weights[slot] !== undefined).map((slot) => ({
      name: slot,
      addresses: slots[slot],
      weight: weights[slot] ?? 0,
    })),
  };
}

/**
 * Rolling: every instance in rotation takes an equal share; `out` are drained (weight 0). Shares are whole
 * percentages adding up to 100 (largest remainder), e.g. three instances: 34/33/33.
 */
export function instanceRoute(instances: readonly string[], out: ReadonlySet<string>): Route {
  const inRotation = instances.filter((instance) => !out.has(instance));
  const base = Math.floor(100 / Math.max(1, inRotation.length));
  let extra = 100 - base * inRotation.length;
  return {
    groups: instances.map((instance) => {
      if (out.has(instance)) return { name: instance, addresses: [instance], weight: 0 };
      const weight = base + (extra > 0 ? 1 : 0);
      extra -= 1;
      return { name: instance, addresses: [instance], weight };
    }),
  };
}

/** Rolling batches: a count, or a percentage rounded down to at least one instance. */
export function batches(instances: readonly string[], batch: { count: number } | { percent: number }): string[][] {
  const size = 'count' in batch ? batch.count : Math.max(1, Math.floor((instances.length * batch.percent) / 100));
  const result: string[][] = [];
  for (let i = 0; i < instances.length; i += size) result.push(instances.slice(i, i + size));
  return result;
}
