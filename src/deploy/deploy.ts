import type { Clock } from '../core/clock.js';
import type { CommandRunner } from '../core/command-runner.js';
import { type DeployReport, gateRecord, hookRecord, type StepRecord } from '../core/deploy-report.js';
import { formatDuration } from '../core/duration.js';
import { errorMessage, ShipgateError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { type Progress, trackWait, type WaitTracker } from '../core/progress.js';
import type { RunContext } from '../core/run-context.js';
import type { DeployResult, Operation, Slot } from '../core/vocabulary.js';
import type { AnalysisPorts } from '../health/analysis/analysis.js';
import { type GateOutcome, runGate } from '../health/gate.js';
import { buildGateTargets } from '../health/gate-targets.js';
import type { HttpClient } from '../health/http-client.js';
import type { GateTarget } from '../health/probe-target.js';
import type { TcpClient } from '../health/tcp-probe.js';
import type { EnvironmentState, HeldLock, HistoryEntry, StateKey, StateStore } from '../state/ports.js';
import type { Orchestrator } from '../target/orchestrator.js';
import {
  describeRoute,
  type HookRun,
  type HookValues,
  hookEnv,
  type LifecycleHookRunner,
  type Route,
  type Router,
  type WorkloadDriver,
} from '../target/ports.js';
import { type Execution, execute, type StepEffect, StepFailure, StepFailureWithUndo, type Undo } from './executor.js';
import { checkDrift, type DriftCheck, runOrchestratedUpdate } from './orchestrated-update.js';
import { hookStepName, instanceRoute, type Plan, type Step, slotRoute } from './plan.js';
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
  /** The CLI's process on this host: a lock whose process died is taken over at once. */
  readonly holderProcess?: { readonly pid: number; readonly host: string };
  /** Runs probe commands (`health.command`); needed only when the config has one. */
  readonly commands?: CommandRunner;
  /** TCP connect probes (`health.tcp`); needed only when the config has them. */
  readonly tcp?: TcpClient;
  /** Lifecycle hooks (`hooks:`); needed only when the config has them. */
  readonly lifecycle?: LifecycleHookRunner;
  /** Metric providers for analysis gates (only when the config has analysis). */
  readonly analysis?: AnalysisPorts;
  /** SIGINT/SIGTERM: abort the step in flight and roll back. */
  readonly signal?: AbortSignal;
  /** A fresh id for the history entry. */
  readonly newId: () => string;
  /** Where waits (gates, pauses, scale-down delay) are reported as they go; none in tests and the post step. */
  readonly progress?: Progress;
}

export interface DeployOutcome {
  readonly result: DeployResult;
  readonly plan: Plan | null;
  readonly report: DeployReport;
  readonly state: EnvironmentState;
  readonly deploymentId: string | null;
  /** The steps ran but the outcome could not be recorded: the action reports this, not a failed deploy. */
  readonly recordError?: StateWriteError;
}

/** How a run differs from a plain deploy: the rollback action reuses the engine with these. */
export interface RunOptions {
  /** Recorded in the history (and as the deployment's task `deploy:rollback`). */
  readonly kind?: Operation;
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
  /**
   * Called when the route that holds the stable version changes mid-run: once the new version is made
   * active, traffic stays on it, and a post step after a kill must not route it back to the old slot.
   */
  readonly onStableRoute?: (route: Route) => void;
  /**
   * Called once every step ran (and the rollback, if any), before the outcome is written: from then on
   * traffic is where it should stay, so a post step must not route it anywhere, even if the write fails.
   */
  readonly onStepsDone?: (done: {
    readonly entry: HistoryEntry;
    readonly before: Omit<EnvironmentState, 'history'>;
    readonly after: Omit<EnvironmentState, 'history'>;
  }) => void;
}

/** The lock's expiry beyond what the plan can take: a renewal late by this much still holds. */
export const LOCK_MARGIN_MS = 10 * 60_000;
/** Final state writes tried before the failure is reported (GitHub 5xx are retried inside each try too). */
export const STATE_WRITE_ATTEMPTS = 3;
const STATE_WRITE_RETRY_MS = 2_000;

/**
 * How long the lock holds without a renewal, sized from the plan: the longest every step can take (each
 * hook and route to its timeout, each gate to its deadline plus its watch, each wait) plus a margin. It
 * is renewed every third of that while the deploy runs, so a 24-hour pause keeps it.
 */
export function lockTtlMs(settings: DeploySettings, plan: Plan): number {
  const routeMs = settings.router.kind === 'none' ? 0 : settings.router.timeoutMs;
  const stepMs = (step: Step): number => {
    switch (step.kind) {
      case 'deploy':
      case 'retire':
      case 'hook':
        // Lifecycle hooks are killed at the target's timeout, as its deploy and retire hooks are.
        return settings.target.timeoutMs;
      case 'gate':
        return settings.health.timing.deadlineMs + step.watchMs;
      case 'route':
        return routeMs;
      case 'wait':
        return step.ms;
      case 'activate':
        return 0;
      default: {
        const never: never = step;
        throw new Error(`unknown step ${JSON.stringify(never)}`);
      }
    }
  };
  return plan.steps.reduce((sum, step) => sum + stepMs(step), 0) + LOCK_MARGIN_MS;
}

/** One deploy run's fixed facts, shared by its phases. */
interface DeployRun {
  readonly settings: DeploySettings;
  readonly ports: DeployPorts;
  readonly options: RunOptions;
  readonly kind: 'deploy' | 'rollback';
  readonly key: StateKey;
  readonly startedAt: string;
  /** As read before anything changed. */
  readonly state: EnvironmentState;
  /** What the orchestrator runs against `state` (swarm), checked before anything changes. */
  readonly drift: DriftCheck;
}

/**
 * A deploy: read the state, plan, take the lock, run the plan step by step with the rollback stack, and
 * record the outcome. Everything it touches is a port, so the Actions runtime, the CLI and tests share it.
 */
export async function runDeploy(
  settings: DeploySettings,
  ports: DeployPorts,
  options: RunOptions = {},
): Promise<DeployOutcome> {
  const key: StateKey = { service: settings.service, environment: settings.environment };
  const kind = options.kind ?? 'deploy';
  const startedAt = new Date(ports.clock.now()).toISOString();
  const state = await ports.store.read(key);
  // Swarm: what runs against the record, before anything changes (SPEC §4 drift; force goes ahead). A dry
  // run only plans: it touches no target (and loads no driver), so it reads no drift.
  const drift = await checkDrift(settings.dryRun ? undefined : ports.orchestrator, state, {
    force: settings.force === true,
    refuse: kind === 'deploy',
    logger: ports.logger,
  });
  const run: DeployRun = { settings, ports, options, kind, key, startedAt, state, drift };
  const early = refuseDrift(run) ?? (await alreadyActive(run));
  if (early) return early;
  const plan = options.plan ? options.plan(run.state) : planDeploy(settings, run.state);
  if (settings.dryRun) {
    ports.logger.info(
      `deploy: dry run; the plan is:\n${plan.steps.map((step, i) => `  ${i + 1}. ${step.name}`).join('\n')}`,
    );
    return { result: 'planned', plan, report: buildReport(run, 'planned', []), state: run.state, deploymentId: null };
  }
  return runLocked(run, plan);
}

/** The report of a run; `extra` overrides what the run knows at the start. */
function buildReport(
  run: DeployRun,
  result: DeployResult,
  steps: StepRecord[],
  extra: Partial<DeployReport> = {},
): DeployReport {
  const { settings, ports, state } = run;
  return {
    operation: run.kind,
    service: settings.service,
    environment: settings.environment,
    strategy: settings.strategy,
    version: settings.version,
    previousVersion: state.activeVersion,
    result,
    failureReason: null,
    rollback: { enabled: settings.rollbackOnError, attempted: false, succeeded: false },
    startedAt: run.startedAt,
    finishedAt: new Date(ports.clock.now()).toISOString(),
    steps,
    ...(ports.context.runUrl ? { runUrl: ports.context.runUrl } : {}),
    ...(ports.context.sha ? { sha: ports.context.sha } : {}),
    ...(state.activeSlot ? { activeSlot: state.activeSlot } : {}),
    ...(run.drift.line ? { drift: run.drift.line } : {}),
    ...run.options.report,
    ...extra,
  };
}

/** A target that drifted from the record: `aborted` before anything changed (SPEC §5.2); undefined to go on. */
function refuseDrift(run: DeployRun): DeployOutcome | undefined {
  const { refusal } = run.drift;
  if (!refusal) return undefined;
  run.ports.logger.error(`deploy: ${refusal.message}`);
  const report = buildReport(run, 'aborted', [], { failureReason: refusal.message });
  return { result: 'aborted', plan: null, report, state: run.state, deploymentId: null };
}

/**
 * A full deploy of the version that is already active: `noop` when it is healthy; undefined to deploy
 * (also with `force`: a config or policy change under the same version).
 */
async function alreadyActive(run: DeployRun): Promise<DeployOutcome | undefined> {
  const { settings, ports, state } = run;
  if (run.kind !== 'deploy' || settings.phase !== 'full' || settings.dryRun) return undefined;
  if (state.activeVersion !== settings.version) return undefined;
  if (settings.force) {
    ports.logger.info(`deploy: ${settings.version} is already active; force is set, so it is deployed again`);
    return undefined;
  }
  const gate = await gateAddresses(settings, ports, {
    addresses: activeAddresses(settings, state),
    version: settings.version,
    slot: state.activeSlot ?? undefined,
    mode: 'preview',
    watchMs: 0,
  });
  if (!gate.passed) {
    ports.logger.warning(`deploy: ${settings.version} is active but not healthy (${gate.reason}); deploying it again`);
    return undefined;
  }
  ports.logger.info(
    `deploy: ${settings.version} is already active and healthy on ${settings.service}/${settings.environment}; nothing to do`,
  );
  return { result: 'noop', plan: null, report: buildReport(run, 'noop', []), state, deploymentId: null };
}

type HistoryBase = Omit<HistoryEntry, 'result' | 'reason' | 'finishedAt'>;

/** Takes the lock, records the deploy as begun, runs the plan and records the outcome; the lock is always released. */
async function runLocked(run: DeployRun, plan: Plan): Promise<DeployOutcome> {
  const { ports, settings } = run;
  const ttlMs = lockTtlMs(settings, plan);
  const holder = { holder: ports.holder, since: run.startedAt, ...ports.holderProcess };
  const lock = await ports.store.lock(run.key, holder, ttlMs);
  const renewal = renewWhileRunning(run, lock, ttlMs);
  const entry = historyBase(run, plan);
  try {
    const begun = { ...entry, result: 'failed' as const, reason: 'in progress', finishedAt: null, servedFull: false };
    const { deploymentId } = await ports.store.begin(run.key, begun);
    run.options.onBegin?.({ deploymentId, stableRoute: stableRoute(settings, plan), plan });
    const live = new LiveState(run.state);
    const execution = await executePlan(run, plan, live);
    const recovery = await verifyRecovery(run, plan, execution);
    return await recordOutcome(run, plan, { entry, live, execution, recovery, deploymentId });
  } finally {
    renewal.stop();
    await lock
      .release()
      .catch((error: unknown) => ports.logger.warning(`deploy: could not release the lock: ${errorMessage(error)}`));
  }
}

/** Renews the lock every third of its TTL (on the injected clock) until stopped; a failed renewal is a warning. */
function renewWhileRunning(run: DeployRun, lock: HeldLock, ttlMs: number): { stop(): void } {
  const { clock, logger } = run.ports;
  const stopped = new AbortController();
  const loop = async (): Promise<void> => {
    for (;;) {
      await clock.sleep(ttlMs / 3, stopped.signal);
      await lock
        .renew(ttlMs)
        .catch((error: unknown) => logger.warning(`deploy: could not renew the lock: ${errorMessage(error)}`));
    }
  };
  loop().catch(() => undefined); // ends when stopped
  return { stop: () => stopped.abort() };
}

function historyBase(run: DeployRun, plan: Plan): HistoryBase {
  const { settings, ports } = run;
  const switchBack = isSwitchBack(run, plan);
  return {
    id: ports.newId(),
    kind: switchBack ? 'rollback' : run.kind,
    version: settings.version,
    previousVersion: run.state.activeVersion,
    strategy: settings.strategy,
    slot: plan.newSlot,
    startedAt: run.startedAt,
    runUrl: ports.context.runUrl ?? null,
    rollbackOf: switchBack ? run.state.activeVersion : (run.options.rollbackOf ?? null),
    phase: settings.phase,
  };
}

/**
 * A blue-green `switch` to a slot that the last finished run did not prepare goes back to the version
 * served before: it is recorded as a rollback (SPEC §5.2), so that the version left is not a target.
 */
function isSwitchBack(run: DeployRun, plan: Plan): boolean {
  if (run.settings.phase !== 'switch') return false;
  const last = run.state.history.find((entry) => entry.finishedAt !== null);
  const prepared =
    last?.phase === 'prepare' &&
    last.result === 'succeeded' &&
    last.slot === plan.newSlot &&
    last.version === plan.version;
  return !prepared;
}

function executePlan(run: DeployRun, plan: Plan, live: LiveState): Promise<Execution> {
  const { settings, ports } = run;
  const steps = new DeployStepRunner(settings, ports, plan, live);
  return execute(plan.steps, (step, signal) => steps.run(step, signal), {
    clock: ports.clock,
    rollbackOnError: settings.rollbackOnError,
    ...(ports.signal ? { signal: ports.signal } : {}),
    bestEffort: (step) => step.kind === 'retire' && plan.steps.some((other) => other.kind === 'activate'),
    onStep: (record) => {
      if (!record.rollback && record.outcome === 'succeeded') reportActivated(run, plan, record.name);
      const line = `deploy: ${record.rollback ? 'rollback: ' : ''}${record.name}: ${record.outcome}${record.error ? ` (${record.error})` : ''}`;
      if (record.outcome === 'succeeded') ports.logger.info(line);
      else ports.logger.warning(line);
    },
  });
}

/** After the activate step, the stable route is all traffic on the new slot (for a post step after a kill). */
function reportActivated(run: DeployRun, plan: Plan, stepName: string): void {
  const step = plan.steps.find((candidate) => candidate.name === stepName);
  const slots = run.settings.target.slots;
  if (step?.kind !== 'activate' || !step.slot || !slots) return;
  run.options.onStableRoute?.(slotRoute(slots, { [step.slot]: 100 }));
}

/** What recovery verification did: its steps (the after-rollback hook, the gate) and why it failed, if it did. */
interface Recovery {
  readonly steps: readonly StepRecord[];
  readonly failure: string | null;
}

function deployResult(execution: Execution, plan: Plan, recovery: Recovery | null): DeployResult {
  // A rollback action's run that put its target in service, whose recovery verification then failed.
  if (!execution.failure) return recovery?.failure ? 'failed' : 'succeeded';
  const first = plan.steps[0];
  // A preflight hook is the plan's first step: when it fails nothing has changed.
  const preflight = first?.kind === 'hook' && first.hook === 'preflight' && execution.failure.step === first.name;
  if (preflight && !execution.rollback.attempted) return 'aborted';
  if (recovery?.failure) return 'failed';
  return execution.rollback.attempted && execution.rollback.succeeded ? 'rolled-back' : 'failed';
}

/** The failure's reason, with the rollback's failures, or that rollback was off; null when it succeeded. */
function failureReason(execution: Execution, settings: DeploySettings, recovery: Recovery | null): string | null {
  if (!execution.failure) return recovery?.failure ? `recovery verification failed: ${recovery.failure}` : null;
  const { rollback } = execution;
  const rollbackFailed = rollback.errors.length ? `; rollback failed: ${rollback.errors.join('; ')}` : '';
  const rollbackOff = !rollback.attempted && !settings.rollbackOnError ? '; rollback-on-error is off' : '';
  const recoveryFailed = recovery?.failure ? `; recovery verification failed: ${recovery.failure}` : '';
  return `${execution.failure.reason}${rollbackFailed}${rollbackOff}${recoveryFailed}`;
}

/**
 * Recovery verification (SPEC §5.2, 복구검증): once a rollback restored the stable version — a failed
 * deploy's own rollback, or a run of the rollback action — the after-rollback hook runs, then the
 * restored version is gated again, health and every metric, for at least one analysis interval. Skipped
 * when nothing stable was restored (a failed first deploy, a failed rollback) or the run was cancelled.
 */
async function verifyRecovery(run: DeployRun, plan: Plan, execution: Execution): Promise<Recovery | null> {
  const { settings, ports } = run;
  const restored = recoveryTarget(run, plan, execution);
  if (!restored || ports.signal?.aborted) return null;
  const steps: StepRecord[] = [];
  const failures: string[] = [];
  const record = (entry: StepRecord): void => {
    steps.push(entry);
    const line = `deploy: rollback: ${entry.name}: ${entry.outcome}${entry.error ? ` (${entry.error})` : ''}`;
    if (entry.outcome === 'succeeded') ports.logger.info(line);
    else ports.logger.warning(line);
  };
  const hook = settings.hooks?.['after-rollback'];
  if (hook !== undefined) {
    const step = await afterRollbackHook(run, plan, restored, hook);
    record(step);
    if (step.error) failures.push(step.error);
  }
  const gate = await recoveryGate(run, plan, restored);
  record(gate);
  if (gate.outcome !== 'succeeded') failures.push(gate.error ?? 'the recovery gate failed');
  return { steps, failure: failures.length ? failures.join('; ') : null };
}

/**
 * What a rollback restored: the slot's addresses, or every rolling instance, with its version, and the
 * version it replaced (SHIPGATE_PREVIOUS_VERSION of the after-rollback hook).
 */
interface Restored {
  readonly version: string;
  readonly replaced: string | null;
  readonly slot?: Slot;
  readonly addresses: readonly string[];
}

function recoveryTarget(run: DeployRun, plan: Plan, execution: Execution): Restored | null {
  const { failure, rollback } = execution;
  if (run.kind === 'rollback') {
    // The rollback action: what it put in service, once it did (a failed one was undone like a deploy).
    if (failure) return null;
    return restoredIn(run.settings, plan, plan.newSlot, plan.version, run.options.rollbackOf ?? plan.previousVersion);
  }
  if (!failure || !rollback.attempted || !rollback.succeeded || !plan.previousVersion) return null;
  return restoredIn(run.settings, plan, plan.stableSlot, plan.previousVersion, plan.version);
}

function restoredIn(
  settings: DeploySettings,
  plan: Plan,
  slot: Slot | null,
  version: string,
  replaced: string | null,
): Restored | null {
  const slots = settings.target.slots;
  if (slot && slots) return { version, replaced, slot, addresses: slots[slot] };
  if (plan.strategy === 'rolling') return { version, replaced, addresses: settings.target.instances ?? [] };
  return null;
}

/** At least one analysis interval of every metric (and health.duration, when longer). */
export function recoveryWatchMs(settings: DeploySettings): number {
  const intervals = (settings.analysis?.metrics ?? []).map((metric) => metric.intervalMs);
  return Math.max(settings.health.promotionWatchMs, ...intervals, 0);
}

async function afterRollbackHook(run: DeployRun, plan: Plan, restored: Restored, hook: string): Promise<StepRecord> {
  const { settings, ports } = run;
  const startedAt = new Date(ports.clock.now()).toISOString();
  const base = { name: hookStepName('after-rollback', hook), kind: 'hook', rollback: true, startedAt };
  const values: HookValues = {
    service: settings.service,
    environment: settings.environment,
    version: restored.version,
    previousVersion: restored.replaced ?? plan.version,
    strategy: settings.strategy,
    phase: settings.phase,
    ...(restored.slot ? { slot: restored.slot } : {}),
    addresses: restored.addresses,
  };
  const finished = (): string => new Date(ports.clock.now()).toISOString();
  try {
    const hookRun = await runLifecycleHook(ports, 'after-rollback', hook, values, new AbortController().signal);
    return { ...base, hooks: [hookRecord(hookRun)], finishedAt: finished(), outcome: 'succeeded' };
  } catch (error) {
    const details = error instanceof StepFailure ? error.details : {};
    return { ...details, ...base, finishedAt: finished(), outcome: 'failed', error: errorMessage(error) };
  }
}

async function recoveryGate(run: DeployRun, plan: Plan, restored: Restored): Promise<StepRecord> {
  const { settings, ports } = run;
  const watchMs = recoveryWatchMs(settings);
  const where = restored.slot ?? restored.addresses.join(', ');
  const name = `verify recovery: ${where} (${restored.version})${watchMs > 0 ? ` for ${formatDuration(watchMs)}` : ''}`;
  const startedAt = new Date(ports.clock.now()).toISOString();
  const outcome = await gateAddresses(settings, ports, {
    addresses: restored.addresses,
    version: restored.version,
    slot: restored.slot,
    mode: 'watch',
    watchMs,
    previousVersion: plan.version,
  });
  const finishedAt = new Date(ports.clock.now()).toISOString();
  const base = { name, kind: 'verify', rollback: true, startedAt, finishedAt, gate: gateRecord(outcome) };
  if (outcome.passed) return { ...base, ...(restored.slot ? { slot: restored.slot } : {}), outcome: 'succeeded' };
  return { ...base, outcome: 'failed', error: `${restored.version} is back but not healthy: ${outcome.reason}` };
}

/** Writes the final state and history entry, and builds the outcome. */
async function recordOutcome(
  run: DeployRun,
  plan: Plan,
  done: {
    entry: HistoryBase;
    live: LiveState;
    execution: Execution;
    recovery: Recovery | null;
    deploymentId: string | null;
  },
): Promise<DeployOutcome> {
  const { settings, ports } = run;
  const { execution, deploymentId, recovery } = done;
  const result = deployResult(execution, plan, recovery);
  const reason = failureReason(execution, settings, recovery);
  const finalState = done.live.snapshot();
  const finishedAt = new Date(ports.clock.now()).toISOString();
  const activated = plan.steps.some((step) => step.kind === 'activate');
  const served = result === 'succeeded' && activated && finalState.activeVersion === settings.version;
  const entry: HistoryEntry = { ...done.entry, result, reason, finishedAt, servedFull: served };
  const { history: _history, ...before } = run.state;
  run.options.onStepsDone?.({ entry, before, after: finalState });
  const recordError = await writeState(run, finalState, entry);
  const report = buildReport(run, result, [...execution.steps, ...(recovery?.steps ?? [])], {
    failureReason: reason,
    rollback: {
      enabled: settings.rollbackOnError,
      attempted: execution.rollback.attempted,
      succeeded: execution.rollback.succeeded,
      ...(execution.rollback.errors.length ? { failures: [...execution.rollback.errors] } : {}),
    },
    ...(finalState.activeSlot ? { activeSlot: finalState.activeSlot } : {}),
    ...(deploymentId ? { deploymentId } : {}),
  });
  const state = { ...finalState, history: run.state.history };
  return { result, plan, report, state, deploymentId, ...(recordError ? { recordError } : {}) };
}

/** The deploy's steps are done but its outcome could not be recorded: the state store is behind what runs. */
export class StateWriteError extends ShipgateError {
  readonly result: DeployResult;
  constructor(result: DeployResult, attempts: number, cause: unknown) {
    super(
      'state-write',
      `deploy: the deploy ${result} (traffic is where it ended), but recording its outcome in the state store failed ${attempts} times: ${errorMessage(cause)}; the post step tries again, else record it with a new deploy or rollback`,
      { cause },
    );
    this.result = result;
  }
}

/** The final write, tried STATE_WRITE_ATTEMPTS times: a 502 or a full disk for a moment must not lose the record. */
async function writeState(
  run: DeployRun,
  state: Omit<EnvironmentState, 'history'>,
  entry: HistoryEntry,
): Promise<StateWriteError | undefined> {
  const { ports } = run;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await ports.store.write(run.key, state, entry);
      return undefined;
    } catch (error) {
      if (attempt >= STATE_WRITE_ATTEMPTS) return new StateWriteError(entry.result, attempt, error);
      ports.logger.warning(
        `deploy: recording the outcome failed (attempt ${attempt} of ${STATE_WRITE_ATTEMPTS}): ${errorMessage(error)}; retrying`,
      );
      await ports.clock.sleep(STATE_WRITE_RETRY_MS);
    }
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

/**
 * Probe targets for a set of addresses: every health check (HTTP with {address}/{host}/{port} and the
 * other placeholders filled in, TCP, command) per address; `env` is the step's SHIPGATE_* values, which
 * command probes get.
 */
export function gateTargets(
  settings: DeploySettings,
  addresses: readonly string[],
  version: string,
  slot?: Slot,
  options: { env?: Readonly<Record<string, string>>; cwd?: string } = {},
): GateTarget[] {
  const { service, environment } = settings;
  return buildGateTargets(settings.health.checks, {
    addresses,
    values: { service, environment, version, slot: slot ?? '' },
    env: options.env ?? {},
    timeoutMs: settings.health.timeoutMs,
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
  });
}

/** What a gate checks: the addresses of a slot or batch running `version`. */
interface GateRequest {
  readonly addresses: readonly string[];
  readonly version: string;
  readonly slot: Slot | undefined;
  /** preview: until healthy, before traffic; watch: for `watchMs`, with metric analysis. */
  readonly mode: 'preview' | 'watch';
  readonly watchMs: number;
  readonly signal?: AbortSignal;
  /** The wait's progress report: each probe's answer is its last verdict. */
  readonly tracker?: WaitTracker;
  /** SHIPGATE_PREVIOUS_VERSION for command probes and command metrics. */
  readonly previousVersion?: string | null;
}

/** The SHIPGATE_* values of a gate: what command probes and command metrics get (with SHIPGATE_ADDRESSES). */
function gateEnv(settings: DeploySettings, request: GateRequest): Record<string, string> {
  return hookEnv({
    service: settings.service,
    environment: settings.environment,
    version: request.version,
    ...(request.previousVersion ? { previousVersion: request.previousVersion } : {}),
    strategy: settings.strategy,
    phase: settings.phase,
    ...(request.slot ? { slot: request.slot } : {}),
    addresses: request.addresses,
  });
}

async function gateAddresses(settings: DeploySettings, ports: DeployPorts, request: GateRequest): Promise<GateOutcome> {
  const { version, slot, mode, signal } = request;
  const env = gateEnv(settings, request);
  const targets = gateTargets(settings, request.addresses, version, slot, { env, cwd: ports.context.workspace });
  const timing = { ...settings.health.timing, durationMs: mode === 'watch' ? request.watchMs : 0 };
  const analysis =
    mode === 'watch' && settings.analysis && ports.analysis
      ? {
          metrics: settings.analysis.metrics,
          ports: ports.analysis,
          placeholders: { service: settings.service, environment: settings.environment, version, slot: slot ?? '' },
          env,
        }
      : undefined;
  const probes = { ...(ports.tcp ? { tcp: ports.tcp } : {}), ...(ports.commands ? { commands: ports.commands } : {}) };
  return runGate(
    targets,
    timing,
    {
      http: ports.http,
      ...probes,
      clock: ports.clock,
      alreadyHealthy: mode === 'watch',
      ...(signal ? { signal } : {}),
      ...(request.tracker ? { onProbe: request.tracker.verdict } : {}),
    },
    analysis,
  );
}

type DeployStep = Extract<Step, { kind: 'deploy' }>;
type GateStep = Extract<Step, { kind: 'gate' }>;
type RouteStep = Extract<Step, { kind: 'route' }>;
type RetireStep = Extract<Step, { kind: 'retire' }>;
type HookStep = Extract<Step, { kind: 'hook' }>;
type HookRecords = Array<NonNullable<StepRecord['hooks']>[number]>;

/**
 * Runs the plan's steps for real (hooks, router, gates) and keeps what they change in `live`. Its own
 * state is what the steps of one run share: the route in effect, whether the new slot took traffic, and
 * the rolling instances a rollback left out of rotation.
 */
class DeployStepRunner {
  /** How traffic went before this deploy: undoing a route restores it. */
  private readonly routeBefore: Route | null;
  /** The route last applied (as `describeRoute` says it); null when unknown, so the next one is applied. */
  private currentRoute: string | null = null;
  /** Whether the new slot has taken traffic: then its retirement waits scale-down-delay for in-flight requests. */
  private newSlotTookTraffic = false;
  /** Rolling rollback: instances left out of rotation (sick after the restore, or retired); never put back. */
  private readonly outOfRotation = new Set<string>();
  private readonly settings: DeploySettings;
  private readonly ports: DeployPorts;
  private readonly plan: Plan;
  private readonly live: LiveState;

  constructor(settings: DeploySettings, ports: DeployPorts, plan: Plan, live: LiveState) {
    this.settings = settings;
    this.ports = ports;
    this.plan = plan;
    this.live = live;
    this.routeBefore = stableRoute(settings, plan);
  }

  async run(step: Step, signal: AbortSignal): Promise<StepEffect> {
    switch (step.kind) {
      case 'deploy':
        if (step.orchestrated) return this.deployOrchestrated(step, signal);
        return step.instances ? this.deployBatch(step, step.instances, signal) : this.deploySlot(step, signal);
      case 'gate':
        return this.gateStep(step, signal);
      case 'route':
        return this.route(step, signal);
      case 'wait':
        await this.waiting(step.name, step.ms, () => this.ports.clock.sleep(step.ms, signal), step);
        return {};
      case 'retire':
        return this.retire(step, signal);
      case 'activate':
        this.live.activeVersion = step.version;
        if (step.slot) this.live.activeSlot = step.slot;
        return {};
      case 'hook':
        return this.hookStep(step, signal);
      default: {
        const never: never = step;
        throw new Error(`unknown step ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * Runs a wait (a gate, a pause, a delay) with its progress reported: a plan step shows its place in the
   * plan, an undo's wait shows as the rollback's.
   */
  private async waiting<T>(name: string, totalMs: number, wait: (tracker: WaitTracker) => Promise<T>, step?: Step) {
    const index = step ? this.plan.steps.indexOf(step) + 1 : 0;
    const position = index > 0 ? { index, count: this.plan.steps.length } : undefined;
    const tracker = trackWait(this.ports.progress, this.ports.clock, {
      step: step ? name : `rollback: ${name}`,
      totalMs,
      ...(position ? { position } : {}),
    });
    try {
      return await wait(tracker);
    } finally {
      tracker.end();
    }
  }

  /** How long a gate may take: its watch, or (before traffic) its deadline. */
  private gateMs(mode: GateRequest['mode'], watchMs: number): number {
    return mode === 'watch' ? watchMs : this.settings.health.timing.deadlineMs;
  }

  /** The hook values of this deploy, with the step's own. */
  private values(extra: Partial<HookValues>): HookValues {
    const { settings, plan } = this;
    return {
      service: settings.service,
      environment: settings.environment,
      version: settings.version,
      ...(plan.previousVersion ? { previousVersion: plan.previousVersion } : {}),
      strategy: settings.strategy,
      phase: settings.phase,
      ...extra,
    };
  }

  private async deployBatch(step: DeployStep, batch: readonly string[], signal: AbortSignal): Promise<StepEffect> {
    const undo = this.restoreBatchUndo(batch);
    const run = await this.deployHook(this.values({ instances: batch, addresses: batch }), undo, signal);
    for (const instance of batch) this.live.instances[instance] = step.version;
    const details = { hooks: [hookRecord(run)], ...(step.slot ? { slot: step.slot } : {}), instances: [...batch] };
    return { details, undo };
  }

  /**
   * Swarm rolling: the orchestrator's own update of the whole service, watched by the gate while it runs;
   * its undo is the orchestrator's rollback, verified by gating the previous version.
   */
  private deployOrchestrated(step: DeployStep, signal: AbortSignal): Promise<StepEffect> {
    const instances = step.instances ?? [];
    const gate =
      (version: string, mode: GateRequest['mode'], watchMs: number) =>
      (gateSignal: AbortSignal): Promise<GateOutcome> =>
        gateAddresses(this.settings, this.ports, {
          addresses: instances,
          version,
          slot: undefined,
          mode,
          watchMs,
          signal: gateSignal,
        });
    const update = {
      orchestrator: this.ports.orchestrator,
      values: this.values({ instances, addresses: instances }),
      watch: gate(step.version, 'watch', this.settings.target.timeoutMs),
      verify: gate(this.plan.previousVersion ?? '', 'preview', 0),
      instances: this.live.instances,
    };
    return runOrchestratedUpdate(update, signal);
  }

  private async deploySlot(step: DeployStep, signal: AbortSignal): Promise<StepEffect> {
    const slot = step.slot;
    if (slot === undefined) throw new Error(`plan: deploy step '${step.name}' has neither a slot nor instances`);
    const undo = this.retireSlotUndo(slot, step.version, step.addresses, `retire ${slot} (${step.version})`);
    const markUp = (): void => {
      this.live.slots[slot] = { version: step.version, up: true };
    };
    const run = await this.deployHook(this.values({ slot, addresses: step.addresses }), undo, signal, markUp);
    markUp();
    return { details: { hooks: [hookRecord(run)], slot }, undo };
  }

  /** Runs the deploy hook; when it fails, `undo` still runs with the rollback (it may have started something). */
  private async deployHook(
    values: HookValues,
    undo: Undo,
    signal: AbortSignal,
    onFailure?: () => void,
  ): Promise<HookRun> {
    try {
      return await this.ports.driver.deploy(values, signal);
    } catch (error) {
      onFailure?.();
      const run = (error as { run?: HookRun }).run;
      throw new StepFailureWithUndo(errorMessage(error), run ? { hooks: [hookRecord(run)] } : {}, undo, error);
    }
  }

  /** A lifecycle hook: a failure fails the step like a gate; the undos of the steps before it do the rest. */
  private async hookStep(step: HookStep, signal: AbortSignal): Promise<StepEffect> {
    const values = this.values({
      version: step.version,
      ...(step.slot ? { slot: step.slot } : {}),
      addresses: step.addresses,
      ...(step.instances ? { instances: step.instances } : {}),
    });
    const run = await runLifecycleHook(this.ports, step.hook, step.command, values, signal);
    return { details: { hooks: [hookRecord(run)], ...(step.slot ? { slot: step.slot } : {}) } };
  }

  private async gateStep(step: GateStep, signal: AbortSignal): Promise<StepEffect> {
    const { addresses, version, slot, mode, watchMs } = step;
    const previousVersion = this.plan.previousVersion;
    const outcome = await this.waiting(
      step.name,
      this.gateMs(mode, watchMs),
      (tracker) => this.gate({ addresses, version, slot, mode, watchMs, signal, tracker, previousVersion }),
      step,
    );
    return { details: { gate: gateRecord(outcome), ...(slot ? { slot } : {}) } };
  }

  /** A gate that must pass: a failed one fails the step, with its evidence. */
  private async gate(request: GateRequest): Promise<GateOutcome> {
    const outcome = await gateAddresses(this.settings, this.ports, request);
    if (!outcome.passed) throw new StepFailure(`gate failed: ${outcome.reason}`, { gate: gateRecord(outcome) });
    return outcome;
  }

  private async route(step: RouteStep, signal: AbortSignal): Promise<StepEffect> {
    const weight = step.route.groups.find((group) => group.name === this.plan.newSlot)?.weight;
    if (weight !== undefined && weight > 0) this.newSlotTookTraffic = true;
    const restore = step.restoreOnUndo ? this.routeBefore : null;
    const undo: Undo | undefined = restore
      ? { name: `route back: ${describeRoute(restore)}`, run: (undoSignal) => this.routeBack(restore, undoSignal) }
      : undefined;
    let details: StepEffect['details'];
    try {
      details = await this.applyRoute(step.route, signal);
    } catch (error) {
      // A route that failed (or was cancelled) half-way may have taken effect: routing back runs too.
      if (undo) throw new StepFailureWithUndo(errorMessage(error), {}, undo, error);
      throw error;
    }
    return { details: { ...details, ...(weight !== undefined ? { weight } : {}) }, ...(undo ? { undo } : {}) };
  }

  private async applyRoute(route: Route, signal?: AbortSignal): Promise<StepEffect['details']> {
    const { router } = this.ports;
    if (!router) return {};
    const described = describeRoute(route);
    if (described === this.currentRoute) return {};
    try {
      const { hooks } = await router.apply(route, this.values({ weights: described }), signal);
      this.currentRoute = described;
      return { hooks: hooks.map(hookRecord) };
    } catch (error) {
      this.currentRoute = null; // unknown: the next route is applied whatever it is
      throw new StepFailure(`route ${described}: ${errorMessage(error)}`, {}, { cause: error });
    }
  }

  /**
   * Routes traffic back to the stable slot, then gates it: the rollback has worked only when the version
   * taking traffic answers healthy (this is the incident's recovery verification).
   */
  private async routeBack(restore: Route, signal: AbortSignal): Promise<StepEffect['details']> {
    const details = await this.applyRoute(restore, signal);
    const { stableSlot, previousVersion } = this.plan;
    const slots = this.settings.target.slots;
    if (!stableSlot || !slots) return details;
    const outcome = await this.waiting(`gate ${stableSlot}`, this.gateMs('preview', 0), (tracker) =>
      gateAddresses(this.settings, this.ports, {
        addresses: slots[stableSlot],
        version: previousVersion ?? this.settings.version,
        slot: stableSlot,
        mode: 'preview',
        watchMs: 0,
        signal,
        tracker,
      }),
    );
    if (!outcome.passed) {
      throw new StepFailure(`traffic is back on ${stableSlot}, but it is not healthy: ${outcome.reason}`, {
        ...details,
        gate: gateRecord(outcome),
      });
    }
    return { ...details, gate: gateRecord(outcome), slot: stableSlot, weight: 0 };
  }

  private async retire(step: RetireStep, signal: AbortSignal): Promise<StepEffect> {
    const slot = step.slot;
    const run = await this.ports.driver.retire(
      this.values({ version: step.version, ...(slot ? { slot } : {}), addresses: step.addresses }),
      signal,
    );
    const slotState = slot ? this.live.slots[slot] : undefined;
    if (slotState) slotState.up = false;
    return { details: { hooks: [hookRecord(run)], ...(slot ? { slot } : {}) } };
  }

  private retireSlotUndo(slot: Slot, version: string, addresses: readonly string[], name: string): Undo {
    return {
      name,
      run: async (signal) => {
        // Traffic has just been routed away; requests nginx's old workers still have in flight finish first.
        const delayMs = this.settings.scaleDownDelayMs;
        if (this.newSlotTookTraffic && delayMs > 0) {
          const wait = `wait scale-down-delay ${formatDuration(delayMs)} before retiring ${slot}`;
          await this.waiting(wait, delayMs, () => this.ports.clock.sleep(delayMs, signal));
        }
        const run = await this.ports.driver.retire(this.values({ version, slot, addresses }), signal);
        const state = this.live.slots[slot];
        if (state) state.up = false;
        return { hooks: [hookRecord(run)], slot };
      },
    };
  }

  /** Rolling: the batch goes back to the previous version — drained, redeployed, gated, put back. */
  private restoreBatchUndo(batch: readonly string[]): Undo {
    return {
      name: `restore ${this.plan.previousVersion ?? 'nothing'} on ${batch.join(', ')}`,
      run: (signal) => this.restoreBatch(batch, signal),
    };
  }

  private async restoreBatch(batch: readonly string[], signal: AbortSignal): Promise<Partial<StepRecord>> {
    const instances = this.settings.target.instances ?? [];
    const hooks: HookRecords = [];
    const drained = await this.applyRoute(instanceRoute(instances, new Set([...this.outOfRotation, ...batch])), signal);
    hooks.push(...(drained?.hooks ?? []));
    const drainMs = this.settings.rolling.drainMs;
    if (drainMs > 0) {
      await this.waiting(`wait drain ${formatDuration(drainMs)}`, drainMs, () =>
        this.ports.clock.sleep(drainMs, signal),
      );
    }
    const previous = this.plan.previousVersion;
    if (!previous) {
      for (const instance of batch) this.outOfRotation.add(instance);
      hooks.push(
        hookRecord(await this.ports.driver.retire(this.values({ instances: batch, addresses: batch }), signal)),
      );
      return { hooks, instances: [...batch] };
    }
    const gate = await this.redeployBatch(batch, previous, hooks, signal);
    const putBack = await this.applyRoute(instanceRoute(instances, this.outOfRotation), signal);
    hooks.push(...(putBack?.hooks ?? []));
    return { hooks, instances: [...batch], gate };
  }

  /** Deploys `previous` on the batch and gates it; a sick batch stays out of rotation. */
  private async redeployBatch(
    batch: readonly string[],
    previous: string,
    hooks: HookRecords,
    signal: AbortSignal,
  ): Promise<StepRecord['gate']> {
    const values = this.values({ version: previous, instances: batch, addresses: batch });
    hooks.push(hookRecord(await this.ports.driver.deploy(values, signal)));
    for (const instance of batch) this.live.instances[instance] = previous;
    const outcome = await this.waiting(`gate ${batch.join(', ')}`, this.gateMs('preview', 0), (tracker) =>
      gateAddresses(this.settings, this.ports, {
        addresses: batch,
        version: previous,
        slot: undefined,
        mode: 'preview',
        watchMs: 0,
        signal,
        tracker,
      }),
    );
    if (!outcome.passed) {
      // A sick instance is never put back in rotation, by this undo or a later one.
      for (const instance of batch) this.outOfRotation.add(instance);
      throw new StepFailure(
        `${previous} is not healthy on ${batch.join(', ')} (${outcome.reason}); left out of rotation`,
        {
          hooks,
          gate: gateRecord(outcome),
        },
      );
    }
    return gateRecord(outcome);
  }
}

/** Runs a lifecycle hook; its failure is a StepFailure carrying the hook's record. */
async function runLifecycleHook(
  ports: DeployPorts,
  hook: string,
  command: string,
  values: HookValues,
  signal: AbortSignal,
): Promise<HookRun> {
  if (!ports.lifecycle) throw new StepFailure(`${hook} hook: no lifecycle hook runner was given`);
  try {
    return await ports.lifecycle.run(hook, command, values, signal);
  } catch (error) {
    const run = (error as { run?: HookRun }).run;
    throw new StepFailure(errorMessage(error), run ? { hooks: [hookRecord(run)] } : {}, { cause: error });
  }
}
