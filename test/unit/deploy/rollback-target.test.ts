import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStatusSet } from '../../../src/core/status-set.js';
import type { Phase, Strategy } from '../../../src/core/vocabulary.js';
import { type DeployPorts, runDeploy } from '../../../src/deploy/deploy.js';
import { chooseRollbackTarget, NothingToRollBackError, runRollback } from '../../../src/deploy/rollback.js';
import type { DeploySettings } from '../../../src/deploy/settings.js';
import type { HttpClient } from '../../../src/health/http-client.js';
import { createFileStateStore } from '../../../src/state/file-store.js';
import { createGitHubStateStore } from '../../../src/state/github-store.js';
import type { HistoryEntry, StateKey, StateStore } from '../../../src/state/ports.js';
import {
  describeRoute,
  HookError,
  type LifecycleHookRunner,
  type Router,
  type WorkloadDriver,
} from '../../../src/target/ports.js';
import { FakeClock } from '../../support/fake-clock.js';
import { fakeDeploymentsPort } from '../../support/fake-deployments.js';

const key: StateKey = { service: 'api', environment: 'production' };
const SLOTS = { blue: ['10.0.0.1:8081'], green: ['10.0.0.2:8082'] } as const;
const quiet = { info() {}, warning() {}, error() {}, debug() {}, mask() {} };
const context = {
  apiUrl: 'x',
  serverUrl: 'x',
  workspace: '/',
  inActions: true,
  sha: 'a'.repeat(40),
  runId: '1',
  runUrl: 'https://github.com/o/r/actions/runs/1',
};

function settings(
  version: string,
  options: {
    strategy?: Strategy;
    phase?: Phase;
    rollbackOnError?: boolean;
    preflight?: string;
    afterRollback?: string;
  } = {},
) {
  const value: DeploySettings = {
    service: key.service,
    environment: key.environment,
    version,
    strategy: options.strategy ?? 'blue-green',
    phase: options.phase ?? 'full',
    rollbackOnError: options.rollbackOnError ?? true,
    dryRun: false,
    target: { deploy: 'x', timeoutMs: 1_000, slots: SLOTS },
    router: { kind: 'command', route: 'x', timeoutMs: 1_000 },
    health: {
      checks: [
        {
          kind: 'http',
          url: 'http://{address}/health',
          method: 'GET',
          headers: {},
          expect: { status: parseStatusSet('200-299')! },
        },
      ],
      timing: {
        intervalMs: 100,
        successThreshold: 1,
        failureThreshold: 1,
        deadlineMs: 500,
        durationMs: 0,
        concurrency: 4,
      },
      timeoutMs: 100,
      promotionWatchMs: 200,
    },
    canarySteps: [{ weight: 20, pauseMs: 0 }],
    scaleDownDelayMs: 0,
    rolling: { batch: { count: 1 }, pauseMs: 0, drainMs: 0 },
    hooks: {
      ...(options.preflight ? { preflight: options.preflight } : {}),
      ...(options.afterRollback ? { 'after-rollback': options.afterRollback } : {}),
    },
  };
  return value;
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The engine on fake hooks, router and HTTP, with a real state store of `kind`; versions containing `sick` fail their gates. */
function world(kind: 'file' | 'github', hooks: { afterRollback?: string } = {}) {
  const hooksRun: string[] = [];
  const clock = new FakeClock();
  const running = new Map<string, string>();
  const routes: string[] = [];
  const github = fakeDeploymentsPort(() => clock.now());
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-target-'));
  dirs.push(dir);
  const newStore = (): StateStore =>
    kind === 'file'
      ? createFileStateStore({ path: join(dir, 'state.json'), clock, logger: quiet })
      : createGitHubStateStore({ deployments: github.port, clock, logger: quiet, context });
  const driver: WorkloadDriver = {
    async deploy(values) {
      for (const address of values.addresses ?? []) running.set(address, values.version);
      return { hook: 'deploy', exitCode: 0, durationMs: 1, timedOut: false };
    },
    async retire(values) {
      for (const address of values.addresses ?? []) running.delete(address);
      return { hook: 'retire', exitCode: 0, durationMs: 1, timedOut: false };
    },
  };
  const router: Router = {
    async apply(route) {
      routes.push(describeRoute(route));
      return { hooks: [] };
    },
  };
  const http: HttpClient = {
    async request(request) {
      const version = running.get(new URL(request.url).host);
      const healthy = version !== undefined && !version.includes('sick');
      return { kind: 'response', status: healthy ? 200 : 503, body: '{}', latencyMs: 1 };
    },
  };
  /** A preflight hook whose command says `fail` refuses the deploy before anything changes. */
  const lifecycle: LifecycleHookRunner = {
    async run(hook, command, values) {
      hooksRun.push(`${hook} ${values.version} (replacing ${values.previousVersion}) on ${values.slot}`);
      const run = { hook, exitCode: command === 'fail' ? 1 : 0, durationMs: 1, timedOut: false };
      if (command === 'fail') throw new HookError(run, 'exited with code 1');
      return run;
    },
  };
  let ids = 0;
  const ports = (store: StateStore): DeployPorts => ({
    driver,
    router,
    store,
    http,
    clock,
    logger: quiet,
    context,
    holder: 'test',
    newId: () => `entry-${++ids}`,
    lifecycle,
  });
  const store = newStore();
  return {
    hooksRun,
    routes,
    running,
    deploy: async (version: string, options: Parameters<typeof settings>[1] = {}) =>
      (await clock.run(runDeploy(settings(version, { ...hooks, ...options }), ports(newStore())))).result,
    rollback: async (toVersion?: string) =>
      clock.run(
        runRollback(
          { ...key, ...(toVersion ? { toVersion } : {}) },
          (version) => settings(version, { strategy: 'canary', ...hooks }),
          ports(newStore()),
        ),
      ),
    target: async () => chooseRollbackTarget(await store.read(key)),
    state: () => store.read(key),
    /** A canary of `version` killed at its 20% step: begun, its slot deployed, traffic split, never finished. */
    kill: async (version: string) => {
      const killer = newStore();
      const state = await killer.read(key);
      const idle = state.activeSlot === 'blue' ? 'green' : 'blue';
      const ttlMs = 60_000;
      await killer.lock(
        key,
        { holder: 'killed run', since: new Date(clock.now()).toISOString(), pid: 2 ** 30, host: hostname() },
        ttlMs,
      );
      const entry: HistoryEntry = {
        id: `killed-${version}`,
        kind: 'deploy',
        version,
        previousVersion: state.activeVersion,
        strategy: 'canary',
        slot: idle,
        result: 'failed',
        reason: 'in progress',
        startedAt: new Date(clock.now()).toISOString(),
        finishedAt: null,
        runUrl: null,
        rollbackOf: null,
        phase: 'full',
        servedFull: false,
      };
      await killer.begin(key, entry);
      for (const address of SLOTS[idle]) running.set(address, version);
      routes.push(`${state.activeSlot}=80 ${idle}=20`);
      await clock.advance(ttlMs + 1); // the github store's lock expires; the file store's holder pid is dead
    },
  };
}

describe.each(['file', 'github'] as const)('the rollback target from history (%s store)', (kind) => {
  it('is the version before the active one after two successful deploys', async () => {
    const w = world(kind);
    expect(await w.deploy('1.0')).toBe('succeeded');
    expect(await w.deploy('1.1')).toBe('succeeded');
    expect(await w.target()).toBe('1.0');
  });

  it('skips a deploy that was rolled back and one that failed with rollback off', async () => {
    const w = world(kind);
    await w.deploy('1.0');
    await w.deploy('1.1');
    expect(await w.deploy('1.2-sick')).toBe('rolled-back');
    expect(await w.deploy('1.3-sick', { rollbackOnError: false })).toBe('failed');
    expect((await w.state()).activeVersion).toBe('1.1');
    expect(await w.target()).toBe('1.0');
  });

  it('never counts a version whose preflight hook refused it (aborted) as live', async () => {
    const w = world(kind);
    await w.deploy('1.0');
    expect(await w.deploy('1.1', { preflight: 'fail' })).toBe('aborted');
    // The Deployments API has no "aborted": the github store reads it back as failed, also never live.
    const recorded = kind === 'file' ? 'aborted' : 'failed';
    expect((await w.state()).history[0]).toMatchObject({ version: '1.1', result: recorded, servedFull: false });
    expect(await w.target()).toBeNull();
    expect(await w.deploy('1.2', { preflight: 'ok' })).toBe('succeeded');
    expect(await w.target()).toBe('1.0');
  });

  it('never counts a prepared version as live, and counts it once it was switched to', async () => {
    const w = world(kind);
    await w.deploy('1.0');
    expect(await w.deploy('1.1', { phase: 'prepare' })).toBe('succeeded');
    expect(await w.target()).toBeNull();
    expect(await w.deploy('1.1', { phase: 'switch' })).toBe('succeeded');
    expect(await w.target()).toBe('1.0');
    expect(await w.deploy('1.1', { phase: 'finalize' })).toBe('succeeded');
    expect(await w.target()).toBe('1.0');
  });

  it('never picks a prepared-then-cancelled version', async () => {
    const w = world(kind);
    await w.deploy('1.0');
    await w.deploy('1.1');
    await w.deploy('1.2', { phase: 'prepare' });
    expect(await w.deploy('1.2', { phase: 'cancel' })).toBe('succeeded');
    expect(await w.target()).toBe('1.0');
  });

  it('records a switch back to the previous slot as a rollback, so the version left is no target', async () => {
    const w = world(kind);
    await w.deploy('1.0');
    await w.deploy('1.1', { phase: 'prepare' });
    await w.deploy('1.1', { phase: 'switch' });
    expect(await w.deploy('1.0', { phase: 'switch' })).toBe('succeeded');
    const state = await w.state();
    expect(state.activeVersion).toBe('1.0');
    expect(state.history[0]).toMatchObject({ kind: 'rollback', rollbackOf: '1.1', version: '1.0' });
    expect(await w.target()).toBeNull();
  });

  it('does not roll a rollback back to the version it left', async () => {
    const w = world(kind);
    await w.deploy('1.0');
    await w.deploy('1.1');
    expect((await w.rollback()).result).toBe('rolled-back');
    expect((await w.state()).activeVersion).toBe('1.0');
    await expect(w.rollback()).rejects.toBeInstanceOf(NothingToRollBackError);
  });

  it('re-applies the stable route after a killed canary, then targets the version before', async () => {
    const w = world(kind);
    await w.deploy('1.0');
    await w.deploy('1.1');
    await w.kill('1.2');
    const restored = await w.rollback();
    expect(restored).toMatchObject({ result: 'rolled-back', fromVersion: '1.2', toVersion: '1.1' });
    const state = await w.state();
    expect(w.routes.at(-1)).toBe(`${state.activeSlot}=100`);
    expect(state.activeVersion).toBe('1.1');
    expect(state.history.find((entry) => entry.version === '1.2')).toMatchObject({ killed: true, result: 'failed' });
    expect(w.running.get(SLOTS[state.activeSlot === 'blue' ? 'green' : 'blue'][0])).toBeUndefined();
    expect(await w.target()).toBe('1.0');
  });

  it('rolls back to the active version after a killed run instead of saying nothing to do', async () => {
    const w = world(kind);
    await w.deploy('1.0');
    await w.deploy('1.1');
    await w.kill('1.2');
    expect(await w.rollback('1.1')).toMatchObject({ result: 'rolled-back', toVersion: '1.1' });
    expect(w.routes.at(-1)).toBe(`${(await w.state()).activeSlot}=100`);
  });
});

describe('the rollback action verifies what it restored (SPEC §5.2 recovery verification)', () => {
  it('runs after-rollback with the restored and the replaced version, then gates the restored slot again', async () => {
    const w = world('file', { afterRollback: './deploy/scenario.sh' });
    expect(await w.deploy('1.0')).toBe('succeeded');
    expect(await w.deploy('1.1')).toBe('succeeded');
    const outcome = await w.rollback();
    expect(outcome).toMatchObject({ result: 'rolled-back', fromVersion: '1.1', toVersion: '1.0' });
    const slot = (await w.state()).activeSlot;
    expect(w.hooksRun).toEqual([`after-rollback 1.0 (replacing 1.1) on ${slot}`]);
    const names = outcome.report?.steps.map((step) => step.name) ?? [];
    expect(names.slice(-2)).toEqual([
      'after-rollback hook: ./deploy/scenario.sh',
      `verify recovery: ${slot} (1.0) for 200ms`,
    ]);
  });

  it('says failed when the after-rollback hook fails, and leaves the restored version in service', async () => {
    const w = world('file', { afterRollback: 'fail' });
    expect(await w.deploy('1.0')).toBe('succeeded');
    expect(await w.deploy('1.1')).toBe('succeeded');
    const outcome = await w.rollback();
    expect(outcome.result).toBe('failed');
    expect(outcome.failureReason).toMatch(/recovery verification failed: .*after-rollback/);
    expect((await w.state()).activeVersion).toBe('1.0');
  });
});

describe('chooseRollbackTarget over entries (pure)', () => {
  const entry = (version: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
    id: version,
    kind: 'deploy',
    version,
    previousVersion: null,
    strategy: 'blue-green',
    slot: 'blue',
    result: 'succeeded',
    reason: null,
    startedAt: '2026-11-22T03:00:00.000Z',
    finishedAt: '2026-11-22T03:01:00.000Z',
    runUrl: null,
    rollbackOf: null,
    ...extra,
  });
  const state = (active: string, history: HistoryEntry[]) => ({
    activeSlot: 'blue' as const,
    activeVersion: active,
    slots: {},
    instances: {},
    history,
  });
  it.each([
    ['an aborted deploy', entry('1.2', { result: 'aborted', servedFull: false })],
    ['a killed run', entry('1.2', { result: 'failed', killed: true, finishedAt: null })],
    ['a prepared version', entry('1.2', { phase: 'prepare', servedFull: false })],
  ])('skips %s', (_name, skipped) => {
    expect(chooseRollbackTarget(state('1.1', [skipped, entry('1.1', { servedFull: true }), entry('1.0')]))).toBe('1.0');
  });
  it('reads entries written before phases were recorded as live when they succeeded', () => {
    expect(chooseRollbackTarget(state('1.1', [entry('1.1'), entry('1.0')]))).toBe('1.0');
  });
});
