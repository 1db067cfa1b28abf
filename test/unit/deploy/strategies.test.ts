import { describe, expect, it } from 'vitest';
import { parseStatusSet } from '../../../src/core/status-set.js';
import { parseConfig } from '../../../src/deploy/config.js';
import { batches, instanceRoute } from '../../../src/deploy/plan.js';
import { type DeploySettings, resolveDeploySettings } from '../../../src/deploy/settings.js';
import { planDeploy } from '../../../src/deploy/strategies.js';
import { EMPTY_STATE, type EnvironmentState } from '../../../src/state/ports.js';
import { describeRoute } from '../../../src/target/ports.js';

function settings(overrides: Partial<DeploySettings> = {}): DeploySettings {
  return {
    service: 'api',
    environment: 'production',
    version: '1.4.2',
    strategy: 'canary',
    phase: 'full',
    rollbackOnError: true,
    dryRun: false,
    target: {
      deploy: './start.sh',
      retire: './stop.sh',
      timeoutMs: 600_000,
      slots: { blue: ['127.0.0.1:8081'], green: ['127.0.0.1:8082'] },
      instances: ['a:1', 'b:1', 'c:1', 'd:1'],
    },
    router: { kind: 'command', route: './route.sh', timeoutMs: 60_000 },
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
        intervalMs: 2_000,
        successThreshold: 1,
        failureThreshold: 3,
        deadlineMs: 120_000,
        durationMs: 0,
        concurrency: 16,
      },
      timeoutMs: 5_000,
      promotionWatchMs: 0,
    },
    canarySteps: [
      { weight: 10, pauseMs: 60_000 },
      { weight: 50, pauseMs: 60_000 },
    ],
    scaleDownDelayMs: 30_000,
    rolling: { batch: { count: 1 }, pauseMs: 10_000, drainMs: 1_000 },
    ...overrides,
  };
}

const live: EnvironmentState = {
  ...EMPTY_STATE,
  activeSlot: 'blue',
  activeVersion: '1.4.1',
  slots: { blue: { version: '1.4.1', up: true } },
};

/** The history entry a blue-green `prepare` of 1.4.2 leaves. */
const prepared = {
  id: 'p',
  kind: 'deploy',
  version: '1.4.2',
  previousVersion: '1.4.1',
  strategy: 'blue-green',
  slot: 'green',
  result: 'succeeded',
  reason: null,
  startedAt: '2026-11-22T03:00:00.000Z',
  finishedAt: '2026-11-22T03:01:00.000Z',
  runUrl: null,
  rollbackOf: null,
} as const;

const names = (s: DeploySettings, state: EnvironmentState) => planDeploy(s, state).steps.map((step) => step.name);

describe('canary plans', () => {
  it('gates the new slot before any traffic, then walks the weights, promotes and retires the old slot', () => {
    expect(names(settings(), live)).toEqual([
      'deploy 1.4.2 to green',
      'gate green before traffic',
      'route 10% to green',
      'gate green at 10% for 1m',
      'route 50% to green',
      'gate green at 50% for 1m',
      'route 100% to green',
      'make green active',
      'wait scale-down-delay 30s',
      'retire blue',
    ]);
  });

  it('routes the weights it names: 90/10 then 50/50 then all to the canary', () => {
    const routes = planDeploy(settings(), live).steps.flatMap((step) =>
      step.kind === 'route' ? [describeRoute(step.route)] : [],
    );
    expect(routes).toEqual(['blue=90 green=10', 'blue=50 green=50', 'blue=0 green=100']);
  });

  it('deploys the first version ever straight to blue, gated, with no canary steps', () => {
    expect(names(settings(), EMPTY_STATE)).toEqual([
      'deploy 1.4.2 to blue',
      'gate blue before traffic',
      'route 100% to blue',
      'make blue active',
    ]);
  });

  it('watches the promoted slot when health.duration is set', () => {
    const s = settings({ health: { ...settings().health, promotionWatchMs: 120_000 } });
    expect(names(s, live)).toContain('watch green at 100%');
  });
});

describe('blue-green plans', () => {
  const bg = (phase: DeploySettings['phase']) => settings({ strategy: 'blue-green', phase });
  it.each([
    [
      'full',
      live,
      [
        'deploy 1.4.2 to green',
        'gate green before traffic',
        'route 100% to green',
        'make green active',
        'wait scale-down-delay 30s',
        'retire blue',
      ],
    ],
    ['prepare', live, ['deploy 1.4.2 to green', 'gate green before traffic']],
    [
      'switch',
      { ...live, slots: { ...live.slots, green: { version: '1.4.2', up: true } } },
      ['gate green before traffic', 'route 100% to green', 'make green active'],
    ],
    [
      'finalize',
      {
        ...live,
        activeSlot: 'green',
        activeVersion: '1.4.2',
        slots: { blue: { version: '1.4.1', up: true }, green: { version: '1.4.2', up: true } },
      },
      ['wait scale-down-delay 30s', 'retire blue'],
    ],
    [
      'cancel',
      { ...live, slots: { ...live.slots, green: { version: '1.4.2', up: true } }, history: [prepared] },
      ['retire prepared green'],
    ],
  ] as const)('phase %s', (phase, state, expected) => {
    expect(names(bg(phase), state as EnvironmentState)).toEqual(expected);
  });

  it.each([
    [
      'switch',
      live,
      "deploy: phase 'switch' needs 1.4.2 prepared on the idle slot green (it runs nothing); run phase prepare first",
    ],
    ['finalize', live, "deploy: phase 'finalize' has no old slot to retire (green is not running)"],
    ['cancel', live, "deploy: phase 'cancel' has nothing to cancel: the idle slot green is not running"],
    [
      'cancel',
      {
        ...live,
        activeSlot: 'green',
        activeVersion: '1.4.2',
        slots: { blue: { version: '1.4.1', up: true }, green: { version: '1.4.2', up: true } },
        history: [prepared],
      },
      "deploy: phase 'cancel' has nothing to cancel: blue runs 1.4.1, which was not prepared by the last deploy (it may be the previous version; use finalize to retire it)",
    ],
  ] as const)('refuses phase %s when there is nothing to do', (phase, state, message) => {
    expect(() => planDeploy(bg(phase), state)).toThrow(message);
  });
});

describe('rolling plans', () => {
  it('drains, deploys, gates and puts back each batch, watching the updated instances between batches', () => {
    const s = settings({ strategy: 'rolling', rolling: { batch: { count: 2 }, pauseMs: 10_000, drainMs: 1_000 } });
    expect(names(s, { ...EMPTY_STATE, activeVersion: '1.4.1' })).toEqual([
      'drain batch 1/2 (a:1, b:1)',
      'wait drain 1s',
      'deploy 1.4.2 to batch 1/2',
      'gate batch 1/2',
      'put back batch 1/2',
      'watch updated instances for 10s',
      'drain batch 2/2 (c:1, d:1)',
      'wait drain 1s',
      'deploy 1.4.2 to batch 2/2',
      'gate batch 2/2',
      'put back batch 2/2',
      'make 1.4.2 active',
    ]);
  });

  it('watches every instance at the end when health.duration is set', () => {
    const s = settings({
      strategy: 'rolling',
      router: { kind: 'none' },
      rolling: { batch: { count: 4 }, pauseMs: 0, drainMs: 0 },
      health: { ...settings().health, promotionWatchMs: 60_000 },
    });
    expect(names(s, EMPTY_STATE)).toEqual([
      'deploy 1.4.2 to batch 1/1',
      'gate batch 1/1',
      'watch all instances for 1m',
      'make 1.4.2 active',
    ]);
  });

  it('has no drain steps without a router', () => {
    const s = settings({
      strategy: 'rolling',
      router: { kind: 'none' },
      rolling: { batch: { count: 4 }, pauseMs: 0, drainMs: 0 },
    });
    expect(names(s, EMPTY_STATE)).toEqual(['deploy 1.4.2 to batch 1/1', 'gate batch 1/1', 'make 1.4.2 active']);
  });

  it.each([
    [{ count: 1 }, 4, [1, 1, 1, 1]],
    [{ count: 3 }, 4, [3, 1]],
    [{ percent: 25 }, 4, [1, 1, 1, 1]],
    [{ percent: 50 }, 5, [2, 2, 1]],
    [{ percent: 10 }, 4, [1, 1, 1, 1]],
    [{ percent: 100 }, 3, [3]],
  ] as const)('batch %j of %i instances gives batches of %j', (batch, count, sizes) => {
    const instances = Array.from({ length: count }, (_, i) => `h${i}:80`);
    expect(batches(instances, batch).map((b) => b.length)).toEqual(sizes);
  });

  it('shares traffic equally among the instances in rotation, in whole percentages adding to 100', () => {
    expect(describeRoute(instanceRoute(['a', 'b', 'c', 'd'], new Set(['b'])))).toBe('a=34 b=0 c=33 d=33');
    expect(describeRoute(instanceRoute(['a', 'b', 'c', 'd'], new Set()))).toBe('a=25 b=25 c=25 d=25');
  });
});

describe('metric queries in the deploy config', () => {
  const config = (strategy: string, query: string) =>
    parseConfig(
      `version: 1
services:
  api:
    environments:
      production:
        strategy: ${strategy}
        target: { kind: command, deploy: ./start.sh, slots: { blue: ["127.0.0.1:1"], green: ["127.0.0.1:2"] }, instances: ["127.0.0.1:3"] }
        router: { kind: command, route: ./route.sh }
        health: { url: "http://{address}/health" }
        canary: { steps: [ { weight: 10, pause: 1m } ] }
        analysis:
          prometheus-url: http://127.0.0.1:9090
          metrics:
            - name: error-rate
              query: '${query}'
              max: 0.01
`,
      '.github/shipgate.yml',
    );
  const inputs = {
    service: 'api',
    environment: 'production',
    version: '1.4.2',
    phase: 'full',
    rollbackOnError: true,
    dryRun: false,
  } as const;

  it.each([
    ['canary', 'rate(x{pr="{pr}"}[1m])', "'{pr}' has no value in a canary deploy"],
    ['rolling', 'rate(x{slot="{slot}"}[1m])', "'{slot}' has no value in a rolling deploy"],
  ])('refuses a %s query with a placeholder it cannot fill, before anything runs', (strategy, query) => {
    expect(() => resolveDeploySettings(config(strategy, query), inputs, '.github/shipgate.yml')).toThrow(
      new RegExp(
        `^\\.github/shipgate\\.yml: key 'services\\.api\\.environments\\.production\\.analysis\\.metrics\\[0\\]\\.query' is '.*'; expected a query using only .* \\(\\{${query.includes('{pr}') ? 'pr' : 'slot'}\\} has no value in a ${strategy} deploy\\)$`,
      ),
    );
  });

  it('accepts {slot} in a canary query', () => {
    expect(() =>
      resolveDeploySettings(config('canary', 'rate(x{slot="{slot}"}[1m])'), inputs, '.github/shipgate.yml'),
    ).not.toThrow();
  });
});
