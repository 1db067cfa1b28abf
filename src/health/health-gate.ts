import type { Clock } from '../core/clock.js';
import { formatDuration } from '../core/duration.js';
import { createLimiter } from '../core/limiter.js';
import { percentile } from '../core/stats.js';
import type { CheckReport, GateReport } from './health-report.js';
import type { ProbeOutcome } from './http-probe.js';
import { type GateTarget, type ProbePorts, probeTarget } from './probe-target.js';

export interface GateTiming {
  /** Between the starts of two probes of one URL. */
  readonly intervalMs: number;
  /** Consecutive successes for a URL to count as healthy. */
  readonly successThreshold: number;
  /** Consecutive failures, once healthy, that fail the gate. */
  readonly failureThreshold: number;
  /** Longest wait for every URL to become healthy. */
  readonly deadlineMs: number;
  /** After all are healthy, keep watching this long. */
  readonly durationMs: number;
  /** Requests in flight at most, across all URLs. */
  readonly concurrency: number;
}

export interface GatePorts extends ProbePorts {
  readonly clock: Clock;
  /** A cancelled run: stops probing and reports the gate as not healthy. */
  readonly signal?: AbortSignal;
  /** Called once when every URL has become healthy (the watch starts then). */
  readonly onAllHealthy?: () => void;
  /**
   * The targets passed a gate already (a deploy step watching a slot that was gated before traffic):
   * they start healthy, so failure-threshold failures in a row fail the gate from the first probe.
   */
  readonly alreadyHealthy?: boolean;
  /** Each probe's answer as one line, for the progress line a person watches during a long gate. */
  readonly onProbe?: (verdict: string) => void;
}

interface CheckState {
  readonly target: GateTarget;
  attempts: number;
  successes: number;
  failures: number;
  healthyAt: number | null;
  last: ProbeOutcome | null;
  /** The probe that started the current run of failures, for the report. */
  readonly latencies: number[];
  failedReason: string | null;
}

type Ending =
  | { readonly healthy: true }
  | { readonly healthy: false; readonly cause: 'failed' | 'deadline' | 'cancelled' };

/** One gate in progress: every URL's state, how it ended (once it has), and the signal that stops probing. */
interface GateRun {
  readonly timing: GateTiming;
  readonly ports: GatePorts;
  readonly startedAt: number;
  readonly stop: AbortController;
  readonly limiter: ReturnType<typeof createLimiter>;
  readonly states: readonly CheckState[];
  healthyCount: number;
  ending: Ending | undefined;
}

/**
 * Probes every target until all are healthy (success-threshold in a row), then watches them for
 * `duration`. Fails at once when a healthy URL fails failure-threshold times in a row, when the deadline
 * passes with any URL not yet healthy, or when the run is cancelled. Every wait goes through the clock.
 */
export async function runHealthGate(
  targets: readonly GateTarget[],
  timing: GateTiming,
  ports: GatePorts,
): Promise<GateReport> {
  const run: GateRun = {
    timing,
    ports,
    startedAt: ports.clock.now(),
    stop: new AbortController(),
    limiter: createLimiter(timing.concurrency),
    states: targets.map(initialState),
    healthyCount: 0,
    ending: undefined,
  };
  const onCancel = (): void => end(run, { healthy: false, cause: 'cancelled' });
  if (ports.signal?.aborted) onCancel();
  ports.signal?.addEventListener('abort', onCancel, { once: true });
  startDeadline(run);
  // A zero-length watch still probes: it then works as a preview gate (healthy once, within the deadline).
  if (ports.alreadyHealthy && timing.durationMs > 0) {
    for (const state of run.states) {
      state.healthyAt = run.startedAt;
      becameHealthy(run);
    }
  }
  if (!run.stop.signal.aborted) await Promise.all(run.states.map((state) => watch(run, state)));
  ports.signal?.removeEventListener('abort', onCancel);
  const ending = run.ending ?? { healthy: false, cause: 'cancelled' };
  return buildReport(run.states, ending, timing, run.startedAt, ports.clock.now());
}

function initialState(target: GateTarget): CheckState {
  return {
    target,
    attempts: 0,
    successes: 0,
    failures: 0,
    healthyAt: null,
    last: null,
    latencies: [],
    failedReason: null,
  };
}

/** The first ending decides the gate; probing stops then. */
function end(run: GateRun, ending: Ending): void {
  if (run.ending) return;
  run.ending = ending;
  run.stop.abort(new Error('health gate decided'));
}

function startDeadline(run: GateRun): void {
  run.ports.clock.sleep(run.timing.deadlineMs, run.stop.signal).then(() => {
    if (run.healthyCount < run.states.length) end(run, { healthy: false, cause: 'deadline' });
  }, ignore);
}

/** Once every URL is healthy, the watch of `duration` starts (or the gate passes, with none). */
function becameHealthy(run: GateRun): void {
  run.healthyCount += 1;
  if (run.healthyCount < run.states.length) return;
  run.ports.onAllHealthy?.();
  if (run.timing.durationMs === 0) {
    end(run, { healthy: true });
    return;
  }
  run.ports.clock.sleep(run.timing.durationMs, run.stop.signal).then(() => end(run, { healthy: true }), ignore);
}

function judge(run: GateRun, state: CheckState, outcome: ProbeOutcome): void {
  if (outcome.aborted || run.stop.signal.aborted) return;
  record(state, outcome);
  if (outcome.ok) {
    if (state.healthyAt === null && state.successes >= run.timing.successThreshold) {
      state.healthyAt = run.ports.clock.now();
      becameHealthy(run);
    }
  } else if (state.healthyAt !== null && state.failures >= run.timing.failureThreshold) {
    state.failedReason = failureLine(state, outcome);
    end(run, { healthy: false, cause: 'failed' });
  }
  run.ports.onProbe?.(probeLine(state, outcome));
}

/**
 * Probes one URL every interval until the gate ends. Probes start whether or not the previous one has
 * answered, so a hung endpoint is detected within failure-threshold x interval + timeout, not
 * failure-threshold x timeout.
 */
async function watch(run: GateRun, state: CheckState): Promise<void> {
  const { stop, timing, limiter } = run;
  const { clock } = run.ports;
  const inFlight = new Set<Promise<void>>();
  while (!stop.signal.aborted && !(state.healthyAt !== null && timing.durationMs === 0)) {
    const probing = limiter
      .run(() => probeTarget(run.ports, state.target, stop.signal), stop.signal)
      .then((outcome) => judge(run, state, outcome), ignore);
    inFlight.add(probing);
    void probing.finally(() => inFlight.delete(probing));
    const next = clock.sleep(timing.intervalMs, stop.signal).then(
      () => true,
      () => false,
    );
    if (!(await next)) break;
  }
  await Promise.all(inFlight);
}

function record(state: CheckState, outcome: ProbeOutcome): void {
  state.attempts += 1;
  state.last = outcome;
  // A transport failure has no latency worth counting; a TCP or command probe that passed has one.
  if (outcome.status !== undefined || outcome.ok) state.latencies.push(outcome.latencyMs);
  if (outcome.ok) {
    state.successes += 1;
    state.failures = 0;
  } else {
    state.failures += 1;
    state.successes = 0;
  }
}

/** `http://…/health: 200 (healthy)`, `http://…/health: 503 (2 failures in a row)`. */
function probeLine(state: CheckState, outcome: ProbeOutcome): string {
  const answer = outcome.status !== undefined ? String(outcome.status) : (outcome.failure ?? 'no answer');
  if (outcome.ok) return `${state.target.name}: ${answer}${state.healthyAt !== null ? ' (healthy)' : ''}`;
  const count = state.failures;
  return `${state.target.name}: ${outcome.failure ?? answer} (${count} failure${count === 1 ? '' : 's'} in a row)`;
}

function failureLine(state: CheckState, outcome: ProbeOutcome): string {
  const count = state.failures;
  const body = outcome.bodySnippet ? ` (last body: ${outcome.bodySnippet})` : '';
  return `${state.target.name}: ${outcome.failure ?? 'failed'} on ${count} consecutive probe${count === 1 ? '' : 's'}${body}`;
}

function buildReport(
  states: readonly CheckState[],
  ending: Ending,
  timing: GateTiming,
  startedAt: number,
  finishedAt: number,
): GateReport {
  const checks = states.map((state) => checkReport(state, ending, timing));
  const reasons = checks.map((check) => check.reason).filter((reason): reason is string => reason !== null);
  const healthy = ending.healthy && reasons.length === 0;
  return {
    healthy,
    reason: healthy ? null : reasons.join('; ') || 'cancelled before every URL was healthy',
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    checks,
  };
}

function checkReport(state: CheckState, ending: Ending, timing: GateTiming): CheckReport {
  let verdict: CheckReport['verdict'] =
    state.failedReason === null && state.healthyAt !== null ? 'healthy' : 'unhealthy';
  let reason: string | null = state.failedReason;
  if (reason === null && state.healthyAt === null) {
    if (!ending.healthy && ending.cause === 'deadline') reason = notHealthyLine(state, timing);
    else verdict = 'undecided'; // the gate was cancelled, or another URL failed it first
  }
  return {
    url: state.target.name,
    verdict,
    attempts: state.attempts,
    lastStatus: state.last?.status ?? null,
    latencyMs: { p50: round(percentile(state.latencies, 50)), p95: round(percentile(state.latencies, 95)) },
    reason,
    healthyAt: state.healthyAt === null ? null : new Date(state.healthyAt).toISOString(),
  };
}

function notHealthyLine(state: CheckState, timing: GateTiming): string {
  const within = `not healthy within ${formatDuration(timing.deadlineMs)}`;
  const last = state.last;
  if (!last) return `${state.target.name}: ${within} (no probe completed)`;
  if (last.ok) {
    return `${state.target.name}: ${within} (${state.successes} of ${timing.successThreshold} consecutive successes)`;
  }
  const body = last.bodySnippet ? ` (last body: ${last.bodySnippet})` : '';
  const count = state.failures;
  return `${state.target.name}: ${within}: ${last.failure ?? 'failed'} on ${count} consecutive probe${count === 1 ? '' : 's'}${body}`;
}

function round(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 10) / 10;
}

function ignore(): void {}
