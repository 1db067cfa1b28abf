import type { EnvironmentState } from '../state/ports.js';
import type { HookRun, HookValues } from './ports.js';

/**
 * A workload driver that drives an orchestrator (Docker Swarm; Kubernetes later) instead of running
 * hooks: a rolling deploy is the orchestrator's own rolling update of the whole service, and the
 * orchestrator can say what it runs, so the engine can compare that with the record (drift).
 */
export interface Orchestrator {
  /**
   * Rolling: moves the service to `values.version` with the orchestrator's own rolling update; resolves
   * once every running task runs it. Aborting `signal` stops waiting (the update is then undone by
   * `rollback`). Throws a one-line error when the update fails or never converges.
   */
  update(values: HookValues, signal?: AbortSignal): Promise<HookRun>;
  /**
   * Undoes `update` (`values` are the update's): the orchestrator's rollback, or an update to the
   * previous version's image, verified the same way; a no-op when the update never took.
   */
  rollback(values: HookValues, signal?: AbortSignal): Promise<HookRun>;
  /** What runs, as lines for `status`, and a drift from `state` (one line) or null. Throws when unreadable. */
  observe(state: EnvironmentState): Promise<Observation>;
}

export interface Observation {
  /** One line per service: what it runs and how many tasks. */
  readonly lines: readonly string[];
  /** The record's stable version is not what runs: one line naming both; null when they agree. */
  readonly drift: string | null;
}
