import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStatusSet } from '../../../src/core/status-set.js';
import { type DeployPorts, LOCK_MARGIN_MS, lockTtlMs, runDeploy } from '../../../src/deploy/deploy.js';
import type { DeploySettings } from '../../../src/deploy/settings.js';
import { planDeploy } from '../../../src/deploy/strategies.js';
import { createFileStateStore } from '../../../src/state/file-store.js';
import { EMPTY_STATE, LockedError } from '../../../src/state/ports.js';
import { FakeClock } from '../../support/fake-clock.js';

const HOUR = 3_600_000;
const quiet = { info() {}, warning() {}, error() {}, debug() {}, mask() {} };
const key = { service: 'api', environment: 'production' };

const settings: DeploySettings = {
  service: 'api',
  environment: 'production',
  version: '1.1.0',
  strategy: 'canary',
  phase: 'full',
  rollbackOnError: true,
  dryRun: false,
  target: { deploy: 'x', timeoutMs: 60_000, slots: { blue: ['10.0.0.1:8081'], green: ['10.0.0.2:8082'] } },
  router: { kind: 'command', route: 'x', timeoutMs: 10_000 },
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
      intervalMs: 1_000,
      successThreshold: 1,
      failureThreshold: 3,
      deadlineMs: 120_000,
      durationMs: 0,
      concurrency: 4,
    },
    timeoutMs: 1_000,
    promotionWatchMs: 0,
  },
  canarySteps: [{ weight: 20, pauseMs: 24 * HOUR }],
  scaleDownDelayMs: 30_000,
  rolling: { batch: { count: 1 }, pauseMs: 0, drainMs: 0 },
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the deploy lock (issue #10, item 3)', () => {
  it('is sized from the plan: every gate, pause, delay and hook timeout, plus a margin', () => {
    const live = {
      ...EMPTY_STATE,
      activeSlot: 'blue' as const,
      activeVersion: '1.0.0',
      slots: { blue: { version: '1.0.0', up: true } },
    };
    const plan = planDeploy(settings, live);
    // deploy 1m + gate 2m + route 10s + gate 2m + 24h + route 10s + wait 30s + retire 1m, + margin
    expect(lockTtlMs(settings, plan)).toBe(
      60_000 + 120_000 + 10_000 + 120_000 + 24 * HOUR + 10_000 + 30_000 + 60_000 + LOCK_MARGIN_MS,
    );
  });

  it('is renewed while a 24-hour pause runs, so a second deploy is refused all along, and released at the end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipgate-lock-'));
    dirs.push(dir);
    const clock = new FakeClock();
    const path = join(dir, 'state.json');
    const store = () => createFileStateStore({ path, clock, logger: quiet });
    const expiresAt = (): number => {
      const file = JSON.parse(readFileSync(path, 'utf8')) as {
        environments: Record<string, { lock?: { expiresAt: string } }>;
      };
      const lock = file.environments['api/production']?.lock;
      return lock ? Date.parse(lock.expiresAt) : 0;
    };
    const ports: DeployPorts = {
      driver: {
        deploy: async () => ({ hook: 'deploy', exitCode: 0, durationMs: 1, timedOut: false }),
        retire: async () => ({ hook: 'retire', exitCode: 0, durationMs: 1, timedOut: false }),
      },
      router: { apply: async () => ({ hooks: [] }) },
      store: store(),
      http: { request: async () => ({ kind: 'response', status: 200, body: '{}', latencyMs: 1 }) },
      clock,
      logger: quiet,
      context: { apiUrl: '', serverUrl: '', workspace: dir, inActions: false },
      holder: 'first run',
      newId: () => 'entry-1',
    };
    await store().write(
      key,
      { activeSlot: 'blue', activeVersion: '1.0.0', slots: { blue: { version: '1.0.0', up: true } }, instances: {} },
      {
        id: 'entry-0',
        kind: 'deploy',
        version: '1.0.0',
        previousVersion: null,
        strategy: 'canary',
        slot: 'blue',
        result: 'succeeded',
        reason: null,
        startedAt: new Date(clock.now()).toISOString(),
        finishedAt: new Date(clock.now()).toISOString(),
        runUrl: null,
        rollbackOf: null,
      },
    );
    const running = runDeploy(settings, ports);
    running.catch(() => undefined);
    await clock.advance(1_000);
    const firstExpiry = expiresAt();
    expect(firstExpiry - clock.now()).toBeGreaterThan(24 * HOUR);
    for (let hour = 1; hour <= 30; hour += 1) {
      await clock.advance(HOUR);
      if (hour === 20) {
        expect(expiresAt()).toBeGreaterThan(firstExpiry); // renewed
        await expect(
          store().lock(key, { holder: 'second run', since: new Date(clock.now()).toISOString() }, HOUR),
        ).rejects.toBeInstanceOf(LockedError);
      }
    }
    const outcome = await clock.run(running);
    expect(outcome.result).toBe('succeeded');
    expect(expiresAt()).toBe(0); // released
  });
});
