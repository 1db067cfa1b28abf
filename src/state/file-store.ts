import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import * as z from '#zod';
import { writeFileAtomic } from '../core/atomic-file.js';
import type { Clock } from '../core/clock.js';
import { errorMessage, ShipgateError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { DEPLOY_RESULTS, OPERATIONS, PHASES, SLOTS } from '../core/vocabulary.js';
import { describeIssue, keyPath } from '../core/zod-issue.js';
import { liveness, processOf } from './lock-liveness.js';
import type { EnvironmentState, HistoryEntry, LockHolder, LockInfo, StateKey, StateStore } from './ports.js';
import { EMPTY_STATE, LockedError } from './ports.js';

/** `state-file` default, relative to the workspace. */
export const DEFAULT_STATE_FILE = '.shipgate/state.json';
/** History entries kept per service/environment, newest first. */
export const HISTORY_LIMIT = 50;
/**
 * The state file's mutex (`<path>.lock`) is held only while one process reads, changes and rewrites the
 * file — milliseconds. One older than this was left by a process that died holding it.
 */
export const MUTEX_STALE_MS = 10_000;
/** How long to wait for the mutex: longer than MUTEX_STALE_MS, so a crashed holder's is taken over. */
const MUTEX_WAIT_MS = 15_000;
const MUTEX_RETRY_MS = 15;

export interface FileStateStoreOptions {
  /** The JSON file (`state-file`); a relative path is resolved against `cwd`. */
  readonly path: string;
  /** The workspace; defaults to the process's working directory. */
  readonly cwd?: string;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** The state file is not one shipgate can read; it is never reset behind the user's back. */
export class StateFileError extends ShipgateError {
  readonly path: string;
  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super('state-file', `state file ${path} ${problem}`, options);
    this.path = path;
  }
}

// Each schema's error is the expected form; the message adds where and what was found instead.
const text = (form = 'a string') => z.string({ error: form });
const nullableText = () => z.nullable(text('a string or null'));
const slotSchema = (form: string) => z.enum(SLOTS, { error: form });
function historyEntrySchema() {
  return z.object(
    {
      id: text(),
      kind: z.enum(OPERATIONS, { error: 'deploy or rollback' }),
      version: text(),
      previousVersion: nullableText(),
      strategy: text(),
      slot: z.nullable(slotSchema('blue, green or null')),
      result: z.enum(DEPLOY_RESULTS, { error: `one of ${DEPLOY_RESULTS.join(', ')}` }),
      reason: nullableText(),
      startedAt: text('an ISO time'),
      finishedAt: z.nullable(text('an ISO time or null')),
      runUrl: nullableText(),
      rollbackOf: nullableText(),
      phase: z.optional(z.enum(PHASES, { error: `one of ${PHASES.join(', ')}` })),
      servedFull: z.optional(z.boolean({ error: 'true or false' })),
      killed: z.optional(z.boolean({ error: 'true or false' })),
    },
    { error: 'a history entry (an object)' },
  );
}

/**
 * The state file's schema, built on first use: a run whose state file does not exist yet (a first
 * deploy, a dry run) never builds it, which keeps it off the start-up path (SPEC §9 B1).
 */
function buildStateFileSchema() {
  const storedLock = z.object(
    {
      holder: text(),
      since: text('an ISO time'),
      expiresAt: text('an ISO time'),
      id: text(),
      pid: z.optional(z.number({ error: 'a process id' })),
      host: z.optional(text('a host name')),
    },
    { error: 'a lock: { holder, since, expiresAt, id }' },
  );
  const storedEnvironment = z.object(
    {
      activeSlot: z.nullable(slotSchema('blue, green or null')),
      activeVersion: nullableText(),
      slots: z.partialRecord(
        slotSchema('blue or green'),
        z.object({ version: text(), up: z.boolean({ error: 'true or false' }) }, { error: '{ version, up }' }),
        { error: 'an object of blue and green' },
      ),
      instances: z.record(text(), text(), { error: 'an object of instance: version' }),
      history: z.array(historyEntrySchema(), { error: 'a list of history entries' }),
      lock: z.optional(storedLock),
    },
    { error: 'an environment: { activeSlot, activeVersion, slots, instances, history }' },
  );
  const stateFile = z.object(
    {
      version: z.literal(1, { error: '1 (the state file version this shipgate reads)' }),
      environments: z.record(text(), storedEnvironment, { error: 'an object of "service/environment": state' }),
    },
    { error: 'a JSON object with "version": 1 and "environments"' },
  );
  return { storedLock, storedEnvironment, stateFile };
}
type StateSchemas = ReturnType<typeof buildStateFileSchema>;

type StoredEnvironment = z.infer<StateSchemas['storedEnvironment']>;
type StoredLock = z.infer<StateSchemas['storedLock']>;
/** The file as read: environments other than the one being changed are written back untouched. */
interface RawStateFile {
  version: 1;
  environments: Record<string, unknown>;
}

const stateKey = (key: StateKey): string => `${key.service}/${key.environment}`;

/** Puts `entry` in place of the entry with its id, or first; keeps the newest HISTORY_LIMIT. */
function withEntry(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  const index = history.findIndex((existing) => existing.id === entry.id);
  const next = index === -1 ? [entry, ...history] : history.map((existing, i) => (i === index ? entry : existing));
  return next.slice(0, HISTORY_LIMIT);
}

/**
 * The `file` state store: one JSON file (`.shipgate/state.json` by default) holding every
 * service/environment of the workspace:
 *
 *   { "version": 1, "environments": { "api/production": { activeSlot, activeVersion, slots, instances,
 *       history: [newest first, at most 50], lock?: { holder, since, expiresAt, id } } } }
 *
 * Every change is a read-modify-write of the whole file made under the file's mutex, `<path>.lock`: a
 * file created with O_EXCL (`wx`), so of two processes only one holds it, removed when the change is
 * written. The file is replaced atomically (temp file, fsync, rename), so a reader never sees half of
 * it. The deploy lock of a service/environment is the `lock` entry, taken and released under the mutex;
 * it expires at `expiresAt` (a crashed deploy's lock is taken over, with a warning naming its holder).
 * A file that is not valid state is an error naming the file and the problem, never reset.
 */
export function createFileStateStore(options: FileStateStoreOptions): StateStore {
  const file = new StateFile(resolve(options.cwd ?? process.cwd(), options.path), options.clock, options.logger);
  return {
    async lock(key, holder: LockHolder, ttlMs) {
      const lock = await file.withMutex(() => file.takeLock(key, holder, ttlMs));
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          await file.withMutex(() => file.releaseLock(key, lock));
        },
        async renew(nextTtlMs) {
          if (!released) await file.withMutex(() => file.renewLock(key, lock, nextTtlMs));
        },
      };
    },
    unlock: (key, by) => file.withMutex(() => file.unlock(key, by)),
    async read(key): Promise<EnvironmentState> {
      const environment = environmentOf(file.load(), key);
      if (environment === undefined) return EMPTY_STATE;
      const { lock: _lock, ...state } = environment;
      return state;
    },
    async readLock(key) {
      const lock = environmentOf(file.load(), key)?.lock;
      return lock === undefined ? null : describeLock(lock);
    },
    async begin(key, entry) {
      await file.update(key, (current) => {
        const base = current ?? emptyEnvironment();
        return { ...base, history: withEntry(base.history, entry) };
      });
      // A file has no deployment ids of its own; the engine's entry id is the record.
      return { deploymentId: null };
    },
    async write(key, state, entry) {
      await file.update(key, (current) => ({
        activeSlot: state.activeSlot,
        activeVersion: state.activeVersion,
        slots: state.slots,
        instances: state.instances,
        history: withEntry(current?.history ?? [], entry),
        ...(current?.lock !== undefined && { lock: current.lock }),
      }));
    },
  };
}

/** The lock as the store's readers see it (its id stays inside the file store). */
function describeLock(lock: StoredLock): LockInfo {
  return {
    holder: lock.holder,
    since: lock.since,
    expiresAt: lock.expiresAt,
    ...(lock.pid !== undefined ? { pid: lock.pid } : {}),
    ...(lock.host !== undefined ? { host: lock.host } : {}),
  };
}

/** The environment with its unfinished history entries recorded as killed runs. */
function withKilledRuns(environment: StoredEnvironment, reason: string, now: number): StoredEnvironment {
  const history = environment.history.map((entry) =>
    entry.finishedAt === null
      ? {
          ...entry,
          result: 'failed' as const,
          reason: `killed: ${reason.replace(/^killed: /, '')}`,
          finishedAt: iso(now),
          servedFull: false,
          killed: true,
        }
      : entry,
  );
  // What a killed run deployed is half done: its slot is recorded as down, never taken for a live one.
  const slots = { ...environment.slots };
  for (const entry of environment.history) {
    if (entry.finishedAt === null && entry.slot && entry.slot !== environment.activeSlot) {
      slots[entry.slot] = { version: entry.version, up: false };
    }
  }
  return { ...environment, slots, history };
}

const emptyEnvironment = (): StoredEnvironment => ({ ...EMPTY_STATE, slots: {}, instances: {}, history: [] });

const environmentOf = (file: RawStateFile, key: StateKey): StoredEnvironment | undefined =>
  file.environments[stateKey(key)] as StoredEnvironment | undefined;

const iso = (ms: number): string => new Date(ms).toISOString();

const ADVICE = 'shipgate never resets it: repair it, or move it away to start with no history';

/** Who holds the mutex and since when (and which file it is, to tell a fresh one from the stale one). */
interface MutexHolder {
  readonly holder: string;
  readonly at: number;
  readonly ino: number;
}

/** The state file at `path` and its mutex: reading, writing, and changing it under the mutex. */
class StateFile {
  private readonly path: string;
  private readonly mutexPath: string;
  private readonly clock: Clock;
  private readonly logger: Logger;
  /** Built on the first load of an existing file. */
  private schema: StateSchemas['stateFile'] | undefined;

  constructor(path: string, clock: Clock, logger: Logger) {
    this.path = path;
    this.mutexPath = `${path}.lock`;
    this.clock = clock;
    this.logger = logger;
  }

  /** The file as stored (no file: no environments); throws StateFileError for a file that is not valid state. */
  load(): RawStateFile {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, environments: {} };
      throw new StateFileError(this.path, `could not be read: ${errorMessage(error)}`, { cause: error });
    }
    if (text.trim() === '') {
      throw new StateFileError(this.path, `is empty; expected a JSON object with "version": 1; ${ADVICE}`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new StateFileError(this.path, `is not valid JSON (${errorMessage(error)}); ${ADVICE}`, { cause: error });
    }
    this.schema ??= buildStateFileSchema().stateFile;
    const result = this.schema.safeParse(data);
    if (!result.success) throw this.notStateFile(result.error.issues[0], data);
    return data as RawStateFile;
  }

  /** The error for a JSON file that the schema refuses: where, what was found, what was expected. */
  private notStateFile(issue: z.core.$ZodIssue | undefined, data: unknown): StateFileError {
    const problem = issue
      ? describeIssue(issue, data, (at) => keyPath(at) || 'the whole file')
      : 'the whole file is not one';
    return new StateFileError(this.path, `is not a shipgate state file: ${problem}; ${ADVICE}`);
  }

  save(file: RawStateFile): void {
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`);
    } catch (error) {
      throw new StateFileError(this.path, `could not be written: ${errorMessage(error)}`, { cause: error });
    }
  }

  /** Read-modify-write of one environment, under the mutex. */
  update(key: StateKey, change: (current: StoredEnvironment | undefined) => StoredEnvironment): Promise<void> {
    return this.withMutex(() => {
      const file = this.load();
      file.environments[stateKey(key)] = change(environmentOf(file, key));
      this.save(file);
    });
  }

  /**
   * Takes the deploy lock of `key` (call under the mutex). One that expired, or whose holder process is
   * dead on this host, is taken over with a warning, and the run it leaves unfinished is recorded as killed.
   */
  takeLock(key: StateKey, holder: LockHolder, ttlMs: number): StoredLock {
    const file = this.load();
    let environment = environmentOf(file, key);
    const now = this.clock.now();
    if (environment?.lock !== undefined) {
      this.checkTakeOver(key, environment.lock, now);
      environment = withKilledRuns(
        environment,
        `the run of ${environment.lock.holder} stopped before it finished`,
        now,
      );
    }
    const taken: StoredLock = {
      holder: holder.holder,
      since: holder.since,
      expiresAt: iso(now + ttlMs),
      id: randomBytes(8).toString('hex'),
      ...(holder.pid !== undefined ? { pid: holder.pid } : {}),
      ...(holder.host !== undefined ? { host: holder.host } : {}),
    };
    file.environments[stateKey(key)] = { ...(environment ?? emptyEnvironment()), lock: taken };
    this.save(file);
    return taken;
  }

  /** Throws LockedError while `existing` holds; warns when it expired or its process died, and is being taken over. */
  private checkTakeOver(key: StateKey, existing: StoredLock, now: number): void {
    const expiresAt = Date.parse(existing.expiresAt);
    if (Number.isNaN(expiresAt)) {
      throw new StateFileError(
        this.path,
        `holds a lock of ${stateKey(key)} whose expiresAt is '${existing.expiresAt}'; expected an ISO time such as 2026-01-31T12:00:00.000Z`,
      );
    }
    const holder = processOf(existing);
    const why =
      expiresAt <= now
        ? `expired at ${existing.expiresAt}`
        : holder && liveness(existing, null, now).alive === 'dead'
          ? `is held by process ${holder.pid}, which is no longer running on ${holder.host}`
          : null;
    if (why === null) throw new LockedError(key, { holder: existing.holder, since: existing.since });
    this.logger.warning(
      `${stateKey(key)}: taking over the lock held by ${existing.holder} since ${existing.since}, which ${why} (its deploy stopped without releasing it); its unfinished run is recorded as killed: check what it left half done (rollback re-applies the stable route)`,
    );
  }

  /** Moves the expiry of `lock` (call under the mutex), unless someone else took it over meanwhile. */
  renewLock(key: StateKey, lock: StoredLock, ttlMs: number): void {
    const file = this.load();
    const environment = environmentOf(file, key);
    if (environment?.lock?.id !== lock.id) {
      throw new StateFileError(
        this.path,
        `no longer holds this run's lock of ${stateKey(key)} (taken at ${lock.since}); another run took it over`,
      );
    }
    file.environments[stateKey(key)] = { ...environment, lock: { ...lock, expiresAt: iso(this.clock.now() + ttlMs) } };
    this.save(file);
  }

  /** `shipgate unlock` (call under the mutex): drops the lock and records its unfinished run as killed. */
  unlock(key: StateKey, by: string): LockInfo | null {
    const file = this.load();
    const environment = environmentOf(file, key);
    if (environment?.lock === undefined) return null;
    const { lock, ...rest } = environment;
    const now = this.clock.now();
    file.environments[stateKey(key)] = withKilledRuns(
      rest,
      `killed: the lock of ${lock.holder} was released by ${by}`,
      now,
    );
    this.save(file);
    return describeLock(lock);
  }

  /** Releases `lock` (call under the mutex), unless it expired and someone else holds the lock now. */
  releaseLock(key: StateKey, lock: StoredLock): void {
    const file = this.load();
    const environment = environmentOf(file, key);
    const current = environment?.lock;
    if (environment === undefined || current === undefined) return;
    if (current.id !== lock.id) {
      this.logger.warning(
        `${stateKey(key)}: the lock taken at ${lock.since} by ${lock.holder} expired and is now held by ${current.holder} since ${current.since}; leaving it`,
      );
      return;
    }
    const { lock: _released, ...rest } = environment;
    file.environments[stateKey(key)] = rest;
    this.save(file);
  }

  /** Runs `change` holding the state file's mutex. */
  async withMutex<T>(change: () => T): Promise<T> {
    const token = randomBytes(8).toString('hex');
    const deadline = this.clock.now() + MUTEX_WAIT_MS;
    while (!this.tryCreateMutex(token)) {
      const current = this.inspectMutex();
      if (current === undefined) continue; // released in between
      if (this.clock.now() - current.at > MUTEX_STALE_MS) {
        this.breakStaleMutex(current);
        continue;
      }
      if (this.clock.now() >= deadline) {
        throw new StateFileError(
          this.path,
          `is being changed by ${current.holder} since ${iso(current.at)} (${this.mutexPath}); gave up after ${MUTEX_WAIT_MS / 1000}s`,
        );
      }
      await this.clock.sleep(MUTEX_RETRY_MS);
    }
    try {
      return change();
    } finally {
      this.releaseMutex(token);
    }
  }

  /** Creates the mutex with O_EXCL, holding `token`; false when another process holds it. */
  private tryCreateMutex(token: string): boolean {
    let fd: number;
    try {
      fd = openSync(this.mutexPath, 'wx', 0o644);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code === 'ENOENT') return this.createDirectory() && this.tryCreateMutex(token);
      throw new StateFileError(this.path, `could not be locked (${this.mutexPath}): ${errorMessage(error)}`, {
        cause: error,
      });
    }
    try {
      const holder = `pid ${process.pid} on ${hostname()}`;
      writeSync(fd, JSON.stringify({ holder, at: iso(this.clock.now()), token }));
    } finally {
      closeSync(fd);
    }
    return true;
  }

  private createDirectory(): true {
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      return true;
    } catch (error) {
      throw new StateFileError(this.path, `could not be created: ${errorMessage(error)}`, { cause: error });
    }
  }

  /** Removes the mutex if it is still ours: after a takeover (we were stalled past MUTEX_STALE_MS) it is someone else's. */
  private releaseMutex(token: string): void {
    try {
      const content = JSON.parse(readFileSync(this.mutexPath, 'utf8')) as { token?: unknown };
      if (content.token === token) unlinkSync(this.mutexPath);
    } catch {
      // gone already
    }
  }

  /** Who holds the mutex and since when, from its content (written right after it is created) or its mtime. */
  private inspectMutex(): MutexHolder | undefined {
    let fd: number;
    try {
      fd = openSync(this.mutexPath, 'r');
    } catch {
      return undefined;
    }
    try {
      const stat = fstatSync(fd);
      let holder = 'an unknown process';
      let at = stat.mtimeMs;
      try {
        const content = JSON.parse(readFileSync(fd, 'utf8')) as { holder?: unknown; at?: unknown };
        if (typeof content.holder === 'string') holder = content.holder;
        if (typeof content.at === 'string' && Number.isFinite(Date.parse(content.at))) at = Date.parse(content.at);
      } catch {
        // Created but not yet written (or cut short by a crash): the mtime says when.
      }
      return { holder, at, ino: stat.ino };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Removes a mutex left by a crashed process. Renaming it aside first means that of two processes
   * breaking the same stale mutex only one removes it; if what was renamed turns out to be a fresh
   * mutex created in between (another inode), it is put back.
   */
  private breakStaleMutex(stale: MutexHolder): void {
    const aside = `${this.mutexPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      renameSync(this.mutexPath, aside);
    } catch {
      return; // someone else broke it already
    }
    if (statSync(aside).ino === stale.ino) {
      unlinkSync(aside);
      this.logger.warning(
        `state file lock ${this.mutexPath} held by ${stale.holder} since ${iso(stale.at)} is older than ${MUTEX_STALE_MS / 1000}s (its process must have stopped); took it over`,
      );
      return;
    }
    try {
      linkSync(aside, this.mutexPath);
    } catch {
      // A third process created one meanwhile; it holds the mutex now.
    }
    unlinkSync(aside);
  }
}
