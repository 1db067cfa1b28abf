import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFileStateStore,
  DEFAULT_STATE_FILE,
  HISTORY_LIMIT,
  StateFileError,
} from '../../../src/state/file-store.js';
import type { HistoryEntry, StateKey } from '../../../src/state/ports.js';
import { EMPTY_STATE, LockedError } from '../../../src/state/ports.js';
import { FakeClock } from '../../support/fake-clock.js';
import { memoryLogger } from '../target/scripted-runner.js';

const api: StateKey = { service: 'api', environment: 'production' };
const START = '2026-11-22T03:00:00.000Z';

function entry(id: string, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id,
    kind: 'deploy',
    version: `v-${id}`,
    previousVersion: null,
    strategy: 'canary',
    slot: 'green',
    result: 'succeeded',
    reason: null,
    startedAt: START,
    finishedAt: START,
    runUrl: null,
    rollbackOf: null,
    ...overrides,
  };
}

const live = {
  activeSlot: 'green' as const,
  activeVersion: '1.4.2',
  slots: { blue: { version: '1.4.1', up: true }, green: { version: '1.4.2', up: true } },
  instances: {},
};

describe('createFileStateStore', () => {
  let dir: string;
  let clock: FakeClock;
  let logger: ReturnType<typeof memoryLogger>;
  const store = (path = DEFAULT_STATE_FILE) => createFileStateStore({ path, cwd: dir, clock, logger });
  const stateFile = () => join(dir, DEFAULT_STATE_FILE);
  const stored = () =>
    JSON.parse(readFileSync(stateFile(), 'utf8')) as {
      version: number;
      environments: Record<string, Record<string, unknown>>;
    };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipgate-state-unit-'));
    clock = new FakeClock();
    logger = memoryLogger();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads an empty state when the file does not exist yet', async () => {
    expect(await store().read(api)).toEqual(EMPTY_STATE);
    expect(existsSync(stateFile())).toBe(false);
  });

  it('creates .shipgate/ in the workspace and writes the documented shape', async () => {
    const states = store();
    const lock = await states.lock(api, { holder: 'https://github.com/o/r/actions/runs/1', since: START }, 30 * 60_000);
    await states.begin(api, entry('d1', { result: 'planned', finishedAt: null }));
    expect(stored()).toEqual({
      version: 1,
      environments: {
        'api/production': {
          activeSlot: null,
          activeVersion: null,
          slots: {},
          instances: {},
          history: [entry('d1', { result: 'planned', finishedAt: null })],
          lock: {
            holder: 'https://github.com/o/r/actions/runs/1',
            since: START,
            expiresAt: '2026-11-22T03:30:00.000Z',
            id: expect.any(String),
          },
        },
      },
    });
    await lock.release();
    expect(stored().environments['api/production']).not.toHaveProperty('lock');
    expect(readdirSync(join(dir, '.shipgate'))).toEqual(['state.json']);
  });

  it('records a begun deploy in progress, then replaces it with the finished entry of the same id', async () => {
    const states = store();
    await states.write(api, live, entry('old'));
    expect(await states.begin(api, entry('d2', { version: '1.5.0', result: 'planned', finishedAt: null }))).toEqual({
      deploymentId: null,
    });
    expect((await states.read(api)).history.map((h) => [h.id, h.finishedAt])).toEqual([
      ['d2', null],
      ['old', START],
    ]);
    await states.write(
      api,
      { ...live, activeVersion: '1.5.0' },
      entry('d2', { version: '1.5.0', finishedAt: '2026-11-22T03:05:00.000Z' }),
    );
    const state = await states.read(api);
    expect(state.activeVersion).toBe('1.5.0');
    expect(state.slots).toEqual(live.slots);
    expect(state.history.map((h) => [h.id, h.finishedAt])).toEqual([
      ['d2', '2026-11-22T03:05:00.000Z'],
      ['old', START],
    ]);
  });

  it('keeps a begun entry in its place when the same deploy begins again (a re-run)', async () => {
    const states = store();
    await states.begin(api, entry('a', { finishedAt: null }));
    await states.begin(api, entry('b', { finishedAt: null }));
    await states.begin(api, entry('a', { finishedAt: null, version: 'again' }));
    expect((await states.read(api)).history.map((h) => `${h.id}:${h.version}`)).toEqual(['b:v-b', 'a:again']);
  });

  it(`keeps the newest ${HISTORY_LIMIT} history entries, newest first`, async () => {
    const states = store();
    for (let i = 1; i <= HISTORY_LIMIT + 5; i += 1) await states.write(api, live, entry(`d${i}`));
    const history = (await states.read(api)).history;
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history[0]?.id).toBe(`d${HISTORY_LIMIT + 5}`);
    expect(history[HISTORY_LIMIT - 1]?.id).toBe('d6');
  });

  it('keeps services and environments apart', async () => {
    const states = store();
    await states.write(api, live, entry('a'));
    await states.write({ service: 'api', environment: 'staging' }, { ...live, activeVersion: '2.0.0' }, entry('s'));
    expect((await states.read(api)).activeVersion).toBe('1.4.2');
    expect((await states.read({ service: 'api', environment: 'staging' })).activeVersion).toBe('2.0.0');
    expect(Object.keys(stored().environments)).toEqual(['api/production', 'api/staging']);
  });

  it('writes other environments back untouched, fields it does not know included', async () => {
    mkdirSync(join(dir, '.shipgate'));
    const other = { ...EMPTY_STATE, note: 'kept by a newer shipgate' };
    writeFileSync(stateFile(), JSON.stringify({ version: 1, environments: { 'web/production': other } }));
    await store().write(api, live, entry('a'));
    expect(stored().environments['web/production']).toEqual(other);
  });

  it('keeps the lock when a deploy writes its state', async () => {
    const states = store();
    await states.lock(api, { holder: 'run 1', since: START }, 60_000);
    await states.write(api, live, entry('a'));
    await expect(states.lock(api, { holder: 'run 2', since: START }, 60_000)).rejects.toThrow(LockedError);
  });

  it('refuses a second lock, naming the holder and since when', async () => {
    const states = store();
    await states.lock(api, { holder: 'https://github.com/o/r/actions/runs/1', since: START }, 30 * 60_000);
    await clock.advance(60_000);
    const error = await states
      .lock(api, { holder: 'you@laptop pid 7', since: '2026-11-22T03:01:00.000Z' }, 30 * 60_000)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockedError);
    expect((error as LockedError).message).toBe(
      `api/production is being deployed by https://github.com/o/r/actions/runs/1 since ${START}; refusing a second deploy`,
    );
  });

  it('lets another service or environment take its own lock', async () => {
    const states = store();
    await states.lock(api, { holder: 'run 1', since: START }, 60_000);
    await states.lock({ service: 'api', environment: 'staging' }, { holder: 'run 2', since: START }, 60_000);
    await states.lock({ service: 'web', environment: 'production' }, { holder: 'run 3', since: START }, 60_000);
  });

  it('takes over an expired lock with a warning naming its old holder', async () => {
    const states = store();
    await states.lock(api, { holder: 'run 1', since: START }, 60_000);
    await clock.advance(60_001);
    await states.lock(api, { holder: 'run 2', since: '2026-11-22T03:01:00.001Z' }, 60_000);
    expect(logger.lines).toEqual([
      `warning: api/production: taking over the lock held by run 1 since ${START}, which expired at 2026-11-22T03:01:00.000Z (its deploy stopped without releasing it); its unfinished run is recorded as killed: check what it left half done (rollback re-applies the stable route)`,
    ]);
    expect(stored().environments['api/production']?.lock).toMatchObject({ holder: 'run 2' });
  });

  it('releases only its own lock', async () => {
    const states = store();
    const first = await states.lock(api, { holder: 'run 1', since: START }, 60_000);
    await clock.advance(120_000);
    await states.lock(api, { holder: 'run 2', since: '2026-11-22T03:02:00.000Z' }, 60_000);
    await first.release();
    expect(stored().environments['api/production']?.lock).toMatchObject({ holder: 'run 2' });
    expect(logger.lines.at(-1)).toBe(
      `warning: api/production: the lock taken at ${START} by run 1 expired and is now held by run 2 since 2026-11-22T03:02:00.000Z; leaving it`,
    );
    await expect(states.lock(api, { holder: 'run 3', since: START }, 60_000)).rejects.toThrow(/by run 2 since/);
  });

  it('lets the next deploy lock once the lock is released, and releasing twice is harmless', async () => {
    const states = store();
    const lock = await states.lock(api, { holder: 'run 1', since: START }, 60_000);
    await lock.release();
    await lock.release();
    await states.lock(api, { holder: 'run 2', since: START }, 60_000);
    expect(logger.lines).toEqual([]);
  });

  it.each<[string, string, RegExp]>([
    [
      'not JSON',
      '{"version": 1, "environments": {',
      /is not valid JSON \(.+\); shipgate never resets it: repair it, or move it away/,
    ],
    ['empty', '', /is empty; expected a JSON object with "version": 1/],
    [
      'a newer version',
      '{"version": 2, "environments": {}}',
      /is not a shipgate state file: version is '2'; expected 1 \(the state file version this shipgate reads\);/,
    ],
    [
      'an array',
      '[]',
      /is not a shipgate state file: the whole file is '\[\]'; expected a JSON object with "version": 1 and "environments";/,
    ],
    [
      'a bad slot',
      JSON.stringify({ version: 1, environments: { 'api/production': { ...EMPTY_STATE, activeSlot: 'purple' } } }),
      /is not a shipgate state file: environments\["api\/production"\]\.activeSlot is 'purple'; expected blue, green or null;/,
    ],
    [
      'a history entry without startedAt',
      JSON.stringify({
        version: 1,
        environments: { 'api/production': { ...EMPTY_STATE, history: [{ ...entry('x'), startedAt: undefined }] } },
      }),
      /environments\["api\/production"\]\.history\[0\]\.startedAt is missing; expected an ISO time \(it is required\);/,
    ],
  ])('names the file and what is wrong when it is %s, and never resets it', async (_, content, message) => {
    mkdirSync(join(dir, '.shipgate'));
    writeFileSync(stateFile(), content);
    const states = store();
    for (const attempt of [
      () => states.read(api),
      () => states.lock(api, { holder: 'run 1', since: START }, 60_000),
      () => states.write(api, live, entry('a')),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateFileError);
      expect((error as StateFileError).message).toMatch(
        new RegExp(`^state file ${stateFile().replace(/[.]/g, '\\.')} `),
      );
      expect((error as StateFileError).message).toMatch(message);
    }
    expect(readFileSync(stateFile(), 'utf8')).toBe(content);
    expect(readdirSync(join(dir, '.shipgate'))).toEqual(['state.json']);
  });

  it('takes over a state file mutex left by a process that died holding it, with a warning', async () => {
    mkdirSync(join(dir, '.shipgate'));
    writeFileSync(
      `${stateFile()}.lock`,
      JSON.stringify({ holder: 'pid 4242 on runner-7', at: '2026-11-22T02:59:00.000Z', token: 'x' }),
    );
    await store().write(api, live, entry('a'));
    expect((await store().read(api)).activeVersion).toBe('1.4.2');
    expect(logger.lines).toEqual([
      `warning: state file lock ${stateFile()}.lock held by pid 4242 on runner-7 since 2026-11-22T02:59:00.000Z is older than 10s (its process must have stopped); took it over`,
    ]);
    expect(existsSync(`${stateFile()}.lock`)).toBe(false);
  });

  it('waits for a fresh state file mutex, and gives up naming its holder', async () => {
    mkdirSync(join(dir, '.shipgate'));
    writeFileSync(
      `${stateFile()}.lock`,
      JSON.stringify({ holder: 'pid 4242 on runner-7', at: '2026-11-22T03:00:05.000Z', token: 'x' }),
    );
    const error = await clock.run(
      store()
        .write(api, live, entry('a'))
        .catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as Error).message).toBe(
      `state file ${stateFile()} is being changed by pid 4242 on runner-7 since 2026-11-22T03:00:05.000Z (${stateFile()}.lock); gave up after 15s`,
    );
    expect(existsSync(stateFile())).toBe(false);
  });

  it('goes on once the state file mutex is released', async () => {
    mkdirSync(join(dir, '.shipgate'));
    const mutex = `${stateFile()}.lock`;
    writeFileSync(mutex, JSON.stringify({ holder: 'pid 4242 on runner-7', at: START, token: 'x' }));
    const writing = store().write(api, live, entry('a'));
    await clock.advance(100);
    rmSync(mutex);
    await clock.run(writing);
    expect((await store().read(api)).activeVersion).toBe('1.4.2');
  });

  it('resolves a relative path against the workspace and takes an absolute one as it is', async () => {
    const absolute = join(dir, 'elsewhere', 'state.json');
    await store(absolute).write(api, live, entry('a'));
    await store('custom/state.json').write(api, live, entry('b'));
    expect(existsSync(absolute)).toBe(true);
    expect(existsSync(join(dir, 'custom', 'state.json'))).toBe(true);
  });
});
