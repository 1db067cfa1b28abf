/**
 * What runs where, and what happened before: the state store. `file` keeps it in a JSON file;
 * `github` (later) in the Deployments API, so a fresh runner knows what is live.
 */
import type { DeployResult, Operation, Phase, Slot } from '../core/vocabulary.js';

export interface StateKey {
  readonly service: string;
  readonly environment: string;
}

/** One deploy or rollback, as history keeps it. */
export interface HistoryEntry {
  readonly id: string;
  readonly kind: Operation;
  readonly version: string;
  readonly previousVersion: string | null;
  readonly strategy: string;
  readonly slot: Slot | null;
  readonly result: DeployResult;
  readonly reason: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly runUrl: string | null;
  /** Rollbacks: the version rolled back from. */
  readonly rollbackOf: string | null;
  /** Blue-green's phase (other strategies: `full`); absent in entries written before phases were recorded. */
  readonly phase?: Phase;
  /**
   * Whether the version took 100% of traffic when the run ended: what the rollback target is computed
   * from. A prepare, a cancel, a failed or killed run never did. Absent in older entries (see servedFull).
   */
  readonly servedFull?: boolean;
  /** The run was killed (or cancelled) before it recorded its outcome: traffic may be split, a slot half deployed. */
  readonly killed?: boolean;
}

/** Whether an entry's version took all traffic; entries written before this was recorded: a finished success. */
export function servedFull(entry: HistoryEntry): boolean {
  return entry.servedFull ?? (entry.result === 'succeeded' && entry.finishedAt !== null && !entry.killed);
}

/** The state of one service in one environment. */
export interface EnvironmentState {
  /** blue-green and canary: the slot that takes traffic. */
  readonly activeSlot: Slot | null;
  /** The version that takes traffic (rolling: the version every instance runs after the last success). */
  readonly activeVersion: string | null;
  /** What each slot runs, and whether it is up. */
  readonly slots: Readonly<Partial<Record<Slot, { readonly version: string; readonly up: boolean }>>>;
  /** Rolling: what each instance runs. */
  readonly instances: Readonly<Record<string, string>>;
  /** Newest first. */
  readonly history: readonly HistoryEntry[];
}

export const EMPTY_STATE: EnvironmentState = {
  activeSlot: null,
  activeVersion: null,
  slots: {},
  instances: {},
  history: [],
};

export interface LockHolder {
  /** Who holds it, for the refusal message: a run URL, or `user@host pid N` from the CLI. */
  readonly holder: string;
  readonly since: string;
  /** The holder's process and host, when it runs here (the CLI): a dead one's lock is taken over at once. */
  readonly pid?: number;
  readonly host?: string;
}

/** A lock taken: renewed while the deploy runs (its expiry moves to now + ttlMs), released at the end. */
export interface HeldLock {
  release(): Promise<void>;
  renew(ttlMs: number): Promise<void>;
}

/** A lock as `status` shows it and `unlock` releases it; whether its holder runs is `liveness()`'s answer. */
export interface LockInfo extends LockHolder {
  readonly expiresAt: string | null;
}

export interface StateStore {
  /**
   * Takes the lock of a service/environment, or throws LockedError naming the holder and since when.
   * A lock older than `ttlMs` is expired (its holder crashed) and is taken over, with a warning.
   */
  lock(key: StateKey, holder: LockHolder, ttlMs: number): Promise<HeldLock>;
  /** The deploy lock as it stands (for `status` and `unlock`); null when free. */
  readLock(key: StateKey): Promise<LockInfo | null>;
  /**
   * `shipgate unlock`: releases the lock whatever holds it and records the killed run it leaves (its
   * unfinished history entry) as killed; returns what it released (null: nothing was held).
   */
  unlock(key: StateKey, by: string): Promise<LockInfo | null>;
  read(key: StateKey): Promise<EnvironmentState>;
  /** Records that a deploy has begun (history shows it in progress); returns the store's id for it, if any. */
  begin(key: StateKey, entry: HistoryEntry): Promise<{ readonly deploymentId: string | null }>;
  /** Saves the state after a deploy; `entry` replaces the begun entry of the same id in the history (kept: the newest 50 at least). */
  write(key: StateKey, state: Omit<EnvironmentState, 'history'>, entry: HistoryEntry): Promise<void>;
}

import { ShipgateError } from '../core/errors.js';

/** A second deploy of a service/environment while the first holds the lock. */
export class LockedError extends ShipgateError {
  constructor(key: StateKey, holder: LockHolder) {
    super(
      'locked',
      `${key.service}/${key.environment} is being deployed by ${holder.holder} since ${holder.since}; refusing a second deploy`,
    );
  }
}
