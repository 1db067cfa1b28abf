import { beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../../src/core/progress.js';
import { parseConfig } from '../../../src/deploy/config.js';
import { run } from '../../../src/deploy/deploy-action.js';
import { FakeRuntime } from '../../support/fake-runtime.js';
import { deployFakes } from '../actions/deploy-fakes.js';

const CONFIG = `version: 1
services:
  web:
    environments:
      production:
        strategy: canary
        target: { kind: command, deploy: "./deploy.sh", slots: { blue: ["10.0.0.1:80"], green: ["10.0.0.2:80"] } }
        router: { kind: command, route: "./route.sh" }
        health: { url: "http://{address}/health", interval: 10s }
        canary: { steps: [ { weight: 10, pause: 1m } ] }
        blue-green: { scale-down-delay: 30s }
`;

// Loaded ahead: a module import is I/O, which the fake clock's run would take for a stall.
beforeAll(async () => {
  await import('../../../src/deploy/deploy-summary.js');
});

describe('the deploy engine reports its waits to the progress port', () => {
  it('reports the canary pause and the scale-down delay with their place in the plan, the elapsed time and each probe', async () => {
    const fakes = deployFakes({
      initial: {
        activeSlot: 'blue',
        activeVersion: '1.0.0',
        slots: { blue: { version: '1.0.0', up: true } },
        instances: {},
        history: [],
      },
    });
    const seen: string[] = [];
    const progress: Progress = {
      waiting: (u) =>
        seen.push(
          `${u.position?.index}/${u.position?.count} ${u.step} ${u.elapsedMs}/${u.totalMs} ${u.lastVerdict ?? '-'}`,
        ),
      done: () => seen.push('done'),
    };
    const runtime = Object.assign(new FakeRuntime({ environment: 'production', version: '1.1.0' }), { progress });
    const adapters = { ...fakes.adapters, loadConfig: () => ({ config: parseConfig(CONFIG, 'c') }) };
    await fakes.clock.run(run(runtime, adapters));
    expect(runtime.outputs.result).toBe('succeeded');
    const pause = seen.filter((line) => line.includes('gate green at 10% for 1m'));
    expect(pause[0]).toBe('4/8 gate green at 10% for 1m 0/60000 -');
    expect(pause).toContain('4/8 gate green at 10% for 1m 10000/60000 http://10.0.0.2:80/health: 200 (healthy)');
    expect(seen).toContain('7/8 wait scale-down-delay 30s 0/30000 -');
    expect(seen.filter((line) => line === 'done')).toHaveLength(3); // gate before traffic, the pause, the delay
  });
});
