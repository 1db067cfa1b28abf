import type { Clock } from '../core/clock.js';
import type { DeployReport, DeployResult } from '../core/deploy-report.js';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import type { AnalysisPorts } from '../health/analysis/analysis.js';
import { type GateOutcome, runGate } from '../health/gate.js';
import type { HttpClient } from '../health/http-client.js';
import type { ProbeTarget } from '../health/http-probe.js';
import type { EnvironmentState, HistoryEntry, LockHolder, Slot, StateKey, StateStore } from '../state/ports.js';
import type { Orchestrator } from '../target/orchestrator.js';
import { describeRoute, type HookValues, type Route, type Router, type WorkloadDriver } from '../target/ports.js';
import { execute, type StepEffect, StepFailure, type Undo } from './executor.js';
import { checkDrift, runOrchestratedUpdate } from './orchestrated-update.js';
import { instanceRoute, type Plan, type Step, slotRoute } from './plan.js';
import { gateRecord, hookRecord, type StepRecord } from './report.js';
import type { DeploySettings } from './settings.js';
import { planDeploy } from './strategies.js';

export interface DeployPorts {
  readonly driver: WorkloadDriver;
  /** Swarm: the driver as an orchestrator (rolling through its own update; what runs, for drift). */
  readonly orchestrator?: Orchestrator;
  /** null when the router kind is none. */
  readonly router: Router | null;
  readonly store: StateStore;
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly context: RunContext;
  /** Who is deploying, for the lock: the run's URL, or user@host from the CLI. */
  readonly holder: string;
  /** Metric providers for analysis gates (only when the config has analysis). */
  readonly analysis?: AnalysisPorts;
  /** SIGINT/SIGTERM: abort the step in flight and roll back. */
  readonly signal?: AbortSignal;
  /** A fresh id for the history entry. */
  readonly newId: () => string;
}

export interface DeployOutcome {
  readonly result: DeployResult;
  readonly plan: Plan | null;
  readonly report: DeployReport;
  readonly state: EnvironmentState;
  readonly deploymentId: string | null;
}

/** How a run differs from a plain deploy: the rollback action reuses the engine with these. */
export interface RunOptions {
  /** Recorded in the history (and as the deployment's task `deploy:rollback`). */
  readonly kind?: 'deploy' | 'rollback';
  /** Rollbacks: the version rolled back from. */
  readonly rollbackOf?: string | null;
  /** Builds the plan from the observed state instead of the strategy's (rollback's instant switch-back). */
  readonly plan?: (state: EnvironmentState) => Plan;
  /** Added to the report (rollback: `rollbackReason`). */
  readonly report?: Partial<DeployReport>;
  /**
   * Called once the deploy is recorded as begun, before it changes anything: what a post step needs if
   * the run is killed (the store's id, the route that puts traffic back on the stable version).
   */
  readonly onBegin?: (begun: {
    readonly deploymentId: string | null;
    readonly stableRoute: Route | null;
    readonly plan: Plan;
  }) => void;
}

/** Locks longer than this are taken to belong to a run that died. */
export const LOCK_TTL_MS = 2 * 3_600_000;

/**
 * A deploy: read the state, plan, take the lock, run the plan step by step with the rollback stack, and
 * record the outcome. Everything it touches is a port, so the Actions runtime, the CLI and tests share it.
 */
export async function runDeploy(
  settings: DeploySettings,
  ports: DeployPorts,
  options: RunOptions = {},
): Promise<DeployOutcome> {
  const kind = options.kind ?? 'deploy';
  const { clock, logger, store } = ports;
  const key: StateKey = { service: settings.service, environment: settings.environment };
  const startedAt = new Date(clock.now()).toISOString();
  const state = await store.read(key);
  const previousVersion = state.activeVersion;
  // Swarm: what runs against the record, before anything changes (SPEC §4 drift; force goes ahead).
  const drift = await checkDrift(ports.orchestrator, state, {
    force: settings.force === true,
    refuse: kind === 'deploy' && !settings.dryRun,
    logger,
  });

  const finish = (
    result: DeployResult,
    plan: Plan | null,
    steps: StepRecord[],
    extra: Partial<DeployReport> = {},
  ): DeployReport => ({
    operation: kind,
    service: settings.service,
    environment: settings.environment,
    strategy: settings.strategy,
    version: settings.version,
    previousVersion,
    result,
    failureReason: null,
    rollback: { enabled: settings.rollbackOnError, attempted: false, succeeded: false },
    startedAt,
    finishedAt: new Date(clock.now()).toISOString(),
    steps,
    ...(ports.context.runUrl ? { runUrl: ports.context.runUrl } : {}),
    ...(ports.context.sha ? { sha: ports.context.sha } : {}),
    ...(state.activeSlot ? { activeSlot: state.activeSlot } : {}),
    ...(drift.line ? { drift: drift.line } : {}),
    ...options.report,
    ...extra,
  });

  if (drift.refusal) {
    logger.error(`deploy: ${drift.refusal.message}`);
    const report = finish('failed', null, [], { failureReason: drift.refusal.message });
    return { result: 'failed', plan: null, report, state, deploymentId: null };
  }
  if (
    kind === 'deploy' &&
    settings.phase === 'full' &&
    !settings.dryRun &&
    !settings.force &&
    state.activeVersion === settings.version
  ) {
    const addresses = activeAddresses(settings, state);
    const gate = await gateAddresses(
      settings,
      ports,
      addresses,
      settings.version,
      state.activeSlot ?? undefined,
      'preview',
      0,
    );
    if (gate.passed) {
      logger.info(
        `deploy: ${settings.version} is already active and healthy on ${settings.service}/${settings.environment}; nothing to do`,
      );
      const report = finish('noop', null, []);
      return { result: 'noop', plan: null, report, state, deploymentId: null };
    }
    logger.warning(`deploy: ${settings.version} is active but not healthy (${gate.reason}); deploying it again`);
  }

  const plan = options.plan ? options.plan(state) : planDeploy(settings, state);
  if (settings.dryRun) {
    logger.info(`deploy: dry run; the plan is:\n${plan.steps.map((step, i) => `  ${i + 1}. ${step.name}`).join('\n')}`);
    return { result: 'planned', plan, report: finish('planned', plan, []), state, deploymentId: null };
  }

  const holder: LockHolder = { holder: ports.holder, since: startedAt };
  const lock = await store.lock(key, holder, LOCK_TTL_MS);
  const id = ports.newId();
  const entryBase: Omit<HistoryEntry, 'result' | 'reason' | 'finishedAt'> = {
    id,
    kind,
    version: settings.version,
    previousVersion,
    strategy: settings.strategy,
    slot: plan.newSlot,
    startedAt,
    runUrl: ports.context.runUrl ?? null,
    rollbackOf: options.rollbackOf ?? null,
  };
  try {
    const { deploymentId } = await store.begin(key, {
      ...entryBase,
      result: 'failed',
      reason: 'in progress',
      finishedAt: null,
    });
    options.onBegin?.({ deploymentId, stableRoute: stableRoute(settings, plan), plan });
    const live = new LiveState(state);
    const runStep = createStepRunner(settings, ports, plan, live);
    const execution = await execute(plan.steps, runStep, {
      clock,
      rollbackOnError: settings.rollbackOnError,
      ...(ports.signal ? { signal: ports.signal } : {}),
      bestEffort: (step) => step.kind === 'retire' && plan.steps.some((other) => other.kind === 'activate'),
      onStep: (record) => {
        const line = `deploy: ${record.rollback ? 'rollback: ' : ''}${record.name}: ${record.outcome}${record.error ? ` (${record.error})` : ''}`;
        if (record.outcome === 'succeeded') logger.info(line);
        else logger.warning(line);
      },
    });
    const result: DeployResult = !execution.failure
      ? 'succeeded'
      : execution.rollback.attempted && execution.rollback.succeeded
        ? 'rolled-back'
        : 'failed';
    const failureReason = execution.failure
      ? `${execution.failure.reason}${execution.rollback.errors.length ? `; rollback failed: ${execution.rollback.errors.join('; ')}` : ''}${
          !execution.rollback.attempted && !settings.rollbackOnError ? '; rollback-on-error is off' : ''
        }`
      : null;
    const finalState = live.snapshot();
    await store.write(key, finalState, {
      ...entryBase,
      result,
      reason: failureReason,
      finishedAt: new Date(clock.now()).toISOString(),
    });
    const report = finish(result, plan, [...execution.steps], {
      failureReason,
      rollback: {
        enabled: settings.rollbackOnError,
        attempted: execution.rollback.attempted,
        succeeded: execution.rollback.succeeded,
        ...(execution.rollback.errors.length ? { failures: [...execution.rollback.errors] } : {}),
      },
      ...(finalState.activeSlot ? { activeSlot: finalState.activeSlot } : {}),
      ...(deploymentId ? { deploymentId } : {}),
    });
    return { result, plan, report, state: { ...finalState, history: state.history }, deploymentId };
  } finally {
    await lock
      .release()
      .catch((error: unknown) => logger.warning(`deploy: could not release the lock: ${errorMessage(error)}`));
  }
}

/** What runs where, as the steps change it; written to the state store at the end, success or not. */
class LiveState {
  activeSlot: Slot | null;
  activeVersion: string | null;
  readonly slots: Partial<Record<Slot, { version: string; up: boolean }>>;
  readonly instances: Record<string, string>;
  constructor(state: EnvironmentState) {
    this.activeSlot = state.activeSlot;
    this.activeVersion = state.activeVersion;
    this.slots = Object.fromEntries(Object.entries(state.slots).map(([slot, value]) => [slot, { ...value }]));
    this.instances = { ...state.instances };
  }
  snapshot(): Omit<EnvironmentState, 'history'> & { history: [] } {
    return {
      activeSlot: this.activeSlot,
      activeVersion: this.activeVersion,
      slots: Object.fromEntries(Object.entries(this.slots).map(([slot, value]) => [slot, { ...value }])),
      instances: { ...this.instances },
      history: [],
    };
  }
}

/** How traffic went before a deploy: undoing a route, or a post step after a killed run, restores it. */
export function stableRoute(settings: DeploySettings, plan: Plan): Route | null {
  const slots = settings.target.slots;
  if (plan.stableSlot && slots) return slotRoute(slots, { [plan.stableSlot]: 100 });
  return settings.strategy === 'rolling' ? instanceRoute(settings.target.instances ?? [], new Set()) : null;
}

function activeAddresses(settings: DeploySettings, state: EnvironmentState): readonly string[] {
  if (settings.strategy === 'rolling') return settings.target.instances ?? [];
  return state.activeSlot ? (settings.target.slots?.[state.activeSlot] ?? []) : [];
}

/** Probe targets for a set of addresses: the health URL with {address} (and the other placeholders) filled in. */
export function gateTargets(
  settings: DeploySettings,
  addresses: readonly string[],
  version: string,
  slot?: Slot,
): ProbeTarget[] {
  const fill = (url: string, address: string): string =>
    url
      .replaceAll('{address}', address)
      .replaceAll('{service}', encodeURIComponent(settings.service))
      .replaceAll('{environment}', encodeURIComponent(settings.environment))
      .replaceAll('{version}', encodeURIComponent(version))
      .replaceAll('{slot}', slot ?? '');
  const urls = settings.health.url.includes('{address}')
    ? addresses.map((address) => fill(settings.health.url, address))
    : [fill(settings.health.url, '')];
  return [...new Set(urls)].map((url) => ({
    name: url,
    request: {
      url,
      method: settings.health.method,
      headers: settings.health.headers,
      timeoutMs: settings.health.timeoutMs,
    },
    expect: settings.health.expect,
  }));
}

async function gateAddresses(
  settings: DeploySettings,
  ports: DeployPorts,
  addresses: readonly string[],
  version: string,
  slot: Slot | undefined,
  mode: 'preview' | 'watch',
  watchMs: number,
  signal?: AbortSignal,
): Promise<GateOutcome> {
  const targets = gateTargets(settings, addresses, version, slot);
  const timing = { ...settings.health.timing, durationMs: mode === 'watch' ? watchMs : 0 };
  const analysis =
    mode === 'watch' && settings.analysis && ports.analysis
      ? {
          metrics: settings.analysis.metrics,
          ports: ports.analysis,
          placeholders: { service: settings.service, environment: settings.environment, version, slot: slot ?? '' },
        }
      : undefined;
  return runGate(
    targets,
    timing,
    { http: ports.http, clock: ports.clock, alreadyHealthy: mode === 'watch', ...(signal ? { signal } : {}) },
    analysis,
  );
}

function createStepRunner(settings: DeploySettings, ports: DeployPorts, plan: Plan, live: LiveState) {
  const { driver, router, clock } = ports;
  const slots = settings.target.slots;
  const instances = settings.target.instances ?? [];
  /** How traffic went before this deploy: undoing a route restores it. */
  const routeBefore = stableRoute(settings, plan);
  let current: string | null = null;
  /** Whether the new slot has taken traffic: then its retirement waits scale-down-delay for in-flight requests. */
  let newSlotTookTraffic = false;

  const values = (extra: Partial<HookValues>): HookValues => ({
    service: settings.service,
    environment: settings.environment,
    version: settings.version,
    ...(plan.previousVersion ? { previousVersion: plan.previousVersion } : {}),
    strategy: settings.strategy,
    phase: settings.phase,
    ...extra,
  });

  const applyRoute = async (route: Route, signal?: AbortSignal): Promise<StepEffect['details']> => {
    if (!router) return {};
    const described = describeRoute(route);
    if (described === current) return {};
    try {
      const { hooks } = await router.apply(route, values({ weights: described }), signal);
      current = described;
      return { hooks: hooks.map(hookRecord) };
    } catch (error) {
      current = null; // unknown: the next route is applied whatever it is
      throw new StepFailure(`route ${described}: ${errorMessage(error)}`, {}, { cause: error });
    }
  };

  const gate = async (
    addresses: readonly string[],
    version: string,
    slot: Slot | undefined,
    mode: 'preview' | 'watch',
    watchMs: number,
    signal?: AbortSignal,
  ) => {
    const outcome = await gateAddresses(settings, ports, addresses, version, slot, mode, watchMs, signal);
    if (!outcome.passed) throw new StepFailure(`gate failed: ${outcome.reason}`, { gate: gateRecord(outcome) });
    return outcome;
  };

  const retireSlot = (slot: Slot, version: string, addresses: readonly string[], name: string): Undo => ({
    name,
    run: async (signal) => {
      // Traffic has just been routed away; requests nginx's old workers still have in flight finish first.
      if (newSlotTookTraffic && settings.scaleDownDelayMs > 0) await clock.sleep(settings.scaleDownDelayMs, signal);
      const run = await driver.retire(values({ version, slot, addresses }), signal);
      const state = live.slots[slot];
      if (state) state.up = false;
      return { hooks: [hookRecord(run)], slot };
    },
  });

  /** Rolling rollback: instances left out of rotation (sick after the restore, or retired); never put back. */
  const outOfRotation = new Set<string>();

  /** Rolling: the batch goes back to the previous version — drained, redeployed, gated, put back. */
  const restoreBatch = (batch: readonly string[]): Undo => ({
    name: `restore ${plan.previousVersion ?? 'nothing'} on ${batch.join(', ')}`,
    run: async (signal) => {
      const hooks: Array<NonNullable<StepRecord['hooks']>[number]> = [];
      const drained = await applyRoute(instanceRoute(instances, new Set([...outOfRotation, ...batch])), signal);
      hooks.push(...(drained?.hooks ?? []));
      if (settings.rolling.drainMs > 0) await clock.sleep(settings.rolling.drainMs, signal);
      if (!plan.previousVersion) {
        for (const instance of batch) outOfRotation.add(instance);
        hooks.push(hookRecord(await driver.retire(values({ instances: batch, addresses: batch }), signal)));
        return { hooks, instances: [...batch] };
      }
      const previous = plan.previousVersion;
      hooks.push(
        hookRecord(await driver.deploy(values({ version: previous, instances: batch, addresses: batch }), signal)),
      );
      for (const instance of batch) live.instances[instance] = previous;
      const outcome = await gateAddresses(settings, ports, batch, previous, undefined, 'preview', 0, signal);
      if (!outcome.passed) {
        // A sick instance is never put back in rotation, by this undo or a later one.
        for (const instance of batch) outOfRotation.add(instance);
        throw new StepFailure(
          `${previous} is not healthy on ${batch.join(', ')} (${outcome.reason}); left out of rotation`,
          { hooks, gate: gateRecord(outcome) },
        );
      }
      const putBack = await applyRoute(instanceRoute(instances, outOfRotation), signal);
      hooks.push(...(putBack?.hooks ?? []));
      return { hooks, instances: [...batch], gate: gateRecord(outcome) };
    },
  });

  /**
   * Routes traffic back to the stable slot, then gates it: the rollback has worked only when the version
   * taking traffic answers healthy (this is the incident's recovery verification).
   */
  const routeBack = async (restore: Route, signal: AbortSignal): Promise<StepEffect['details']> => {
    const details = await applyRoute(restore, signal);
    if (!plan.stableSlot || !slots) return details;
    const outcome = await gateAddresses(
      settings,
      ports,
      slots[plan.stableSlot],
      plan.previousVersion ?? settings.version,
      plan.stableSlot,
      'preview',
      0,
      signal,
    );
    if (!outcome.passed) {
      throw new StepFailure(`traffic is back on ${plan.stableSlot}, but it is not healthy: ${outcome.reason}`, {
        ...details,
        gate: gateRecord(outcome),
      });
    }
    return { ...details, gate: gateRecord(outcome), slot: plan.stableSlot, weight: 0 };
  };

  return async (step: Step, signal: AbortSignal): Promise<StepEffect> => {
    switch (step.kind) {
      case 'deploy': {
        if (step.orchestrated) {
          const instances = step.instances ?? [];
          const watchMs = settings.target.timeoutMs;
          return runOrchestratedUpdate(
            {
              orchestrator: ports.orchestrator,
              values: values({ instances, addresses: instances }),
              watch: (s) => gateAddresses(settings, ports, instances, step.version, undefined, 'watch', watchMs, s),
              verify: (s) =>
                gateAddresses(settings, ports, instances, plan.previousVersion ?? '', undefined, 'preview', 0, s),
              instances: live.instances,
            },
            signal,
          );
        }
        const batch = step.instances;
        const undo = batch
          ? restoreBatch(batch)
          : retireSlot(step.slot!, step.version, step.addresses, `retire ${step.slot} (${step.version})`);
        try {
          const run = await driver.deploy(
            values(batch ? { instances: batch, addresses: batch } : { slot: step.slot!, addresses: step.addresses }),
            signal,
          );
          if (batch) for (const instance of batch) live.instances[instance] = step.version;
          else live.slots[step.slot!] = { version: step.version, up: true };
          return {
            details: {
              hooks: [hookRecord(run)],
              ...(step.slot ? { slot: step.slot } : {}),
              ...(batch ? { instances: [...batch] } : {}),
            },
            undo,
          };
        } catch (error) {
          // The hook may have started something before it failed: its undo runs with the rollback.
          if (!batch) live.slots[step.slot!] = { version: step.version, up: true };
          const hooks = (error as { run?: Parameters<typeof hookRecord>[0] }).run;
          throw new StepFailureWithUndo(
            errorMessage(error),
            { ...(hooks ? { hooks: [hookRecord(hooks)] } : {}) },
            undo,
            error,
          );
        }
      }
      case 'gate': {
        const outcome = await gate(step.addresses, step.version, step.slot, step.mode, step.watchMs, signal);
        return { details: { gate: gateRecord(outcome), ...(step.slot ? { slot: step.slot } : {}) } };
      }
      case 'route': {
        const weight = step.route.groups.find((group) => group.name === plan.newSlot)?.weight;
        if (weight !== undefined && weight > 0) newSlotTookTraffic = true;
        const restore = step.restoreOnUndo && routeBefore ? routeBefore : null;
        const undo: Undo | undefined = restore
          ? {
              name: `route back: ${describeRoute(restore)}`,
              run: async (undoSignal: AbortSignal) => routeBack(restore, undoSignal),
            }
          : undefined;
        let details: StepEffect['details'];
        try {
          details = await applyRoute(step.route, signal);
        } catch (error) {
          // A route that failed (or was cancelled) half-way may have taken effect: routing back runs too.
          if (undo) throw new StepFailureWithUndo(errorMessage(error), {}, undo, error);
          throw error;
        }
        return { details: { ...details, ...(weight !== undefined ? { weight } : {}) }, ...(undo ? { undo } : {}) };
      }
      case 'wait':
        await clock.sleep(step.ms, signal);
        return {};
      case 'retire': {
        const run = await driver.retire(
          values({ version: step.version, ...(step.slot ? { slot: step.slot } : {}), addresses: step.addresses }),
          signal,
        );
        if (step.slot && live.slots[step.slot]) live.slots[step.slot]!.up = false;
        return { details: { hooks: [hookRecord(run)], ...(step.slot ? { slot: step.slot } : {}) } };
      }
      case 'activate':
        live.activeVersion = step.version;
        if (step.slot) live.activeSlot = step.slot;
        return {};
      default: {
        const never: never = step;
        throw new Error(`unknown step ${JSON.stringify(never)}`);
      }
    }
  };
}

/** A failed step whose partial effect must be undone too (a deploy hook that failed half-way). */
export class StepFailureWithUndo extends StepFailure {
  readonly undo: Undo;
  constructor(message: string, details: StepEffect['details'], undo: Undo, cause: unknown) {
    super(message, details, { cause });
    this.undo = undo;
  }
}
