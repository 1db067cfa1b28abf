import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/core/logger.js';
import { chooseRollbackTarget } from '../../../src/deploy/rollback.js';
import type {
  DeploymentRecord,
  DeploymentStatusRecord,
  DeploymentsPort,
} from '../../../src/github/github-deployments.js';
import {
  applyChange,
  createGitHubStateStore,
  encodeChange,
  finaliseAbandoned,
  type ShipgatePayload,
} from '../../../src/state/github-store.js';
import { type HistoryEntry, LockedError, type StateKey } from '../../../src/state/ports.js';
import { FakeClock } from '../../support/fake-clock.js';

/** A Deployments API of a few arrays: enough to test the mapping, not GitHub (the e2e tests use the emulator). */
function fakeDeployments() {
  const deployments: DeploymentRecord[] = [];
  const statuses = new Map<number, DeploymentStatusRecord[]>();
  let id = 100;
  let now = Date.UTC(2026, 10, 22, 3, 0, 0);
  const nextId = (): number => {
    id += 1;
    return id;
  };
  const at = (): string => {
    now += 1000;
    return new Date(now).toISOString();
  };
  const port: DeploymentsPort = {
    listDeployments: async (environment) =>
      deployments.filter((d) => d.environment === environment).sort((a, b) => b.id - a.id),
    listStatuses: async (deploymentId) => [...(statuses.get(deploymentId) ?? [])].sort((a, b) => b.id - a.id),
    createDeployment: async (d) => {
      const record: DeploymentRecord = {
        id: nextId(),
        environment: d.environment,
        task: d.task,
        ref: d.ref,
        sha: d.ref,
        payload: d.payload,
        description: d.description,
        createdAt: at(),
      };
      deployments.push(record);
      return record;
    },
    createStatus: async (deploymentId, s) => {
      const record: DeploymentStatusRecord = {
        id: nextId(),
        state: s.state,
        description: s.description,
        logUrl: s.logUrl ?? '',
        environmentUrl: s.environmentUrl ?? '',
        createdAt: at(),
      };
      statuses.set(deploymentId, [...(statuses.get(deploymentId) ?? []), record]);
      return record;
    },
  };
  return {
    port,
    deployments,
    statuses,
    states: (deploymentId: number) => (statuses.get(deploymentId) ?? []).map((s) => s.state),
  };
}

const quiet: Logger = { info() {}, warning() {}, error() {}, debug() {}, mask() {} };
const key: StateKey = { service: 'api', environment: 'production' };
const context = {
  apiUrl: 'x',
  serverUrl: 'x',
  workspace: '/',
  inActions: true,
  sha: 'a'.repeat(40),
  runId: '1',
  runUrl: 'https://github.com/o/r/actions/runs/1',
};

function entry(
  id: string,
  version: string,
  slot: 'blue' | 'green' | null,
  extra: Partial<HistoryEntry> = {},
): HistoryEntry {
  return {
    id,
    kind: 'deploy',
    version,
    previousVersion: null,
    strategy: 'canary',
    slot,
    result: 'failed',
    reason: 'in progress',
    startedAt: '',
    finishedAt: null,
    runUrl: context.runUrl,
    rollbackOf: null,
    ...extra,
  };
}

/** One deploy through the store as the engine drives it: read, lock, begin, write. */
async function deploy(
  store: ReturnType<typeof createGitHubStateStore>,
  version: string,
  slot: 'blue' | 'green',
  result: HistoryEntry['result'],
  extra: Partial<HistoryEntry> = {},
) {
  const before = await store.read(key);
  const lock = await store.lock(key, { holder: context.runUrl, since: 'now' }, 3_600_000);
  const e = entry(`${version}-${result}`, version, slot, { previousVersion: before.activeVersion, ...extra });
  const { deploymentId } = await store.begin(key, e);
  const other = slot === 'blue' ? 'green' : 'blue';
  const ok = result === 'succeeded';
  await store.write(
    key,
    {
      activeSlot: ok ? slot : before.activeSlot,
      activeVersion: ok ? version : before.activeVersion,
      slots: {
        ...before.slots,
        [slot]: { version, up: ok },
        ...(ok && before.slots[other] ? { [other]: { ...before.slots[other], up: false } } : {}),
      },
      instances: {},
    },
    { ...e, result, reason: ok ? null : 'gate failed: 503', finishedAt: 'x' },
  );
  await lock.release();
  return Number(deploymentId);
}

describe('github state store (fake Deployments port)', () => {
  it('reads back the active version, slots and history newest first, and marks the replaced deployment inactive', async () => {
    const api = fakeDeployments();
    const store = createGitHubStateStore({ deployments: api.port, clock: new FakeClock(), logger: quiet, context });
    const first = await deploy(store, '1.0.0', 'blue', 'succeeded');
    const second = await deploy(store, '1.1.0', 'green', 'succeeded');
    const third = await deploy(store, '1.2.0', 'blue', 'rolled-back');

    const fresh = createGitHubStateStore({ deployments: api.port, clock: new FakeClock(), logger: quiet, context });
    const state = await fresh.read(key);
    expect(state).toMatchObject({
      activeSlot: 'green',
      activeVersion: '1.1.0',
      slots: { blue: { version: '1.2.0', up: false }, green: { version: '1.1.0', up: true } },
    });
    expect(state.history.map((h) => [h.id, h.version, h.result, h.reason])).toEqual([
      [String(third), '1.2.0', 'rolled-back', 'deploy 1.2.0 rolled back: gate failed: 503'],
      [String(second), '1.1.0', 'succeeded', null],
      [String(first), '1.0.0', 'succeeded', null],
    ]);
    expect(api.states(first)).toEqual(['in_progress', 'success', 'inactive']);
    expect(api.states(second)).toEqual(['in_progress', 'success']);
    expect(api.states(third)).toEqual(['in_progress', 'failure']);
  });

  it('ignores deployments of other services and deployments not made by shipgate', async () => {
    const api = fakeDeployments();
    await api.port.createDeployment({
      ref: 'x',
      environment: 'production',
      task: 'deploy',
      payload: { shipgate: 1, service: 'web', version: '9' },
      description: '',
      productionEnvironment: true,
    });
    await api.port.createDeployment({
      ref: 'x',
      environment: 'production',
      task: 'deploy',
      payload: {},
      description: '',
      productionEnvironment: true,
    });
    const store = createGitHubStateStore({ deployments: api.port, clock: new FakeClock(), logger: quiet, context });
    await deploy(store, '1.0.0', 'blue', 'succeeded');
    const state = await store.read(key);
    expect(state.activeVersion).toBe('1.0.0');
    expect(state.history).toHaveLength(1);
  });

  it('refuses the lock while an unfinished deployment of the service is younger than the TTL, naming its run', async () => {
    const api = fakeDeployments();
    const clock = new FakeClock(Date.UTC(2026, 10, 22, 3, 0, 30));
    const store = createGitHubStateStore({ deployments: api.port, clock, logger: quiet, context });
    await store.read(key);
    await store.lock(key, { holder: 'me', since: 'now' }, 3_600_000);
    await store.begin(key, entry('e1', '1.0.0', 'blue'));
    const second = createGitHubStateStore({
      deployments: api.port,
      clock,
      logger: quiet,
      context: { ...context, runUrl: 'other' },
    });
    await expect(second.lock(key, { holder: 'other', since: 'now' }, 3_600_000)).rejects.toThrow(LockedError);
    await expect(second.lock(key, { holder: 'other', since: 'now' }, 3_600_000)).rejects.toThrow(
      `api/production is being deployed by ${context.runUrl} since`,
    );
  });

  it('marks a begun deployment error when the deploy stops without recording its outcome', async () => {
    const api = fakeDeployments();
    const store = createGitHubStateStore({ deployments: api.port, clock: new FakeClock(), logger: quiet, context });
    await store.read(key);
    const lock = await store.lock(key, { holder: 'me', since: 'now' }, 3_600_000);
    const { deploymentId } = await store.begin(key, entry('e1', '1.0.0', 'blue'));
    await lock.release();
    expect(api.states(Number(deploymentId))).toEqual(['in_progress', 'error']);
  });

  it('finalises an abandoned deployment once, recording its slot as down', async () => {
    const api = fakeDeployments();
    const store = createGitHubStateStore({ deployments: api.port, clock: new FakeClock(), logger: quiet, context });
    await deploy(store, '1.0.0', 'blue', 'succeeded');
    await store.read(key);
    await store.lock(key, { holder: 'me', since: 'now' }, 3_600_000);
    const { deploymentId } = await store.begin(key, entry('e2', '1.1.0', 'green'));
    expect(await finaliseAbandoned(api.port, Number(deploymentId), 'killed', { slot: 'green' })).toBe('finalised');
    expect(await finaliseAbandoned(api.port, Number(deploymentId), 'killed', { slot: 'green' })).toBe(
      'already-finished',
    );
    const state = await createGitHubStateStore({
      deployments: api.port,
      clock: new FakeClock(),
      logger: quiet,
      context,
    }).read(key);
    expect(state).toMatchObject({
      activeVersion: '1.0.0',
      activeSlot: 'blue',
      slots: { blue: { version: '1.0.0', up: true }, green: { version: '1.1.0', up: false } },
    });
    expect(state.history[0]).toMatchObject({ result: 'failed', reason: 'killed' });
  });
});

describe('the change token of a terminal status', () => {
  const payload = (
    before: ShipgatePayload['before'],
    version = '2',
    slot: 'blue' | 'green' | null = 'green',
  ): ShipgatePayload => ({
    shipgate: 1,
    service: 'api',
    version,
    previous_version: before.active_version,
    slot,
    strategy: 'canary',
    runId: null,
    run_url: null,
    before,
  });
  const before = {
    active_slot: 'blue' as const,
    active_version: '1',
    slots: { blue: { version: '1', up: true } },
    instances: {},
  };
  const body = { activeSlot: 'blue' as const, activeVersion: '1', slots: before.slots, instances: {} };

  it.each([
    [
      'a promotion',
      {
        activeSlot: 'green',
        activeVersion: '2',
        slots: { blue: { version: '1', up: false }, green: { version: '2', up: true } },
        instances: {},
      },
    ],
    [
      'a rolled-back canary',
      { ...body, slots: { blue: { version: '1', up: true }, green: { version: '2', up: false } } },
    ],
    ['a prepared slot', { ...body, slots: { blue: { version: '1', up: true }, green: { version: '2', up: true } } }],
    ['nothing changed', body],
  ] as const)('round-trips %s', (_name, after) => {
    const token = encodeChange(body, after, '2');
    expect(token.length).toBeLessThan(45);
    expect(applyChange(payload(before), 'success', `text ${token}`)).toEqual(after);
  });

  it('round-trips rolling instances, some on the new version', () => {
    const p = payload(
      { active_slot: null, active_version: '1', slots: {}, instances: { a: '1', b: '1', c: '1' } },
      '2',
      null,
    );
    const beforeBody = { activeSlot: null, activeVersion: '1', slots: {}, instances: { a: '1', b: '1', c: '1' } };
    const after = { ...beforeBody, instances: { a: '2', b: '1', c: '2' } };
    expect(applyChange(p, 'error', `x ${encodeChange(beforeBody, after, '2')}`)).toEqual(after);
    const all = { ...beforeBody, activeVersion: '2', instances: { a: '2', b: '2', c: '2' } };
    expect(applyChange(p, 'success', `x ${encodeChange(beforeBody, all, '2')}`)).toEqual(all);
  });

  it('reads a status without a token safely: success is live, anything else leaves the slot down', () => {
    expect(applyChange(payload(before), 'success', 'set by hand')).toMatchObject({
      activeSlot: 'green',
      activeVersion: '2',
      slots: { green: { version: '2', up: true } },
    });
    expect(applyChange(payload(before), 'failure', 'set by hand')).toMatchObject({
      activeSlot: 'blue',
      activeVersion: '1',
      slots: { green: { version: '2', up: false } },
    });
  });
});

describe('the default rollback target', () => {
  const h = (version: string, result: HistoryEntry['result'], extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
    ...entry(version, version, 'blue'),
    result,
    finishedAt: 'x',
    reason: null,
    ...extra,
  });
  const state = (activeVersion: string, history: HistoryEntry[]) => ({
    activeSlot: null,
    activeVersion,
    slots: {},
    instances: {},
    history,
  });

  it.each([
    [
      'the version before the active one',
      state('3', [h('3', 'succeeded'), h('2', 'succeeded'), h('1', 'succeeded')]),
      '2',
    ],
    [
      'skipping versions that failed or were rolled back',
      state('3', [h('3', 'succeeded'), h('2.9', 'rolled-back'), h('2.8', 'failed'), h('2', 'succeeded')]),
      '2',
    ],
    [
      'skipping a version rolled back from',
      state('2', [
        h('2', 'succeeded', { kind: 'rollback', rollbackOf: '3' }),
        h('3', 'succeeded'),
        h('2', 'succeeded'),
        h('1', 'succeeded'),
      ]),
      '1',
    ],
    [
      'a successful rollback counts as good',
      state('5', [
        h('5', 'succeeded'),
        h('4', 'succeeded', { kind: 'rollback', rollbackOf: '4.1' }),
        h('4.1', 'succeeded'),
      ]),
      '4',
    ],
    ['nothing when only the active version succeeded', state('1', [h('1', 'succeeded'), h('0', 'rolled-back')]), null],
    [
      'an unfinished deploy is not a target',
      state('1', [h('2', 'failed', { finishedAt: null }), h('1', 'succeeded')]),
      null,
    ],
  ])('picks %s', (_name, s, expected) => {
    expect(chooseRollbackTarget(s)).toBe(expected);
  });
});
