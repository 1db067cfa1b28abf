import { describe, expect, it } from 'vitest';
import { parseStatusSet } from '../../../src/core/status-set.js';
import { buildGateTargets, type HealthCheck, splitAddress } from '../../../src/health/gate-targets.js';
import { runHealthGate } from '../../../src/health/health-gate.js';
import type { HttpClient } from '../../../src/health/http-client.js';
import { FakeClock } from '../../support/fake-clock.js';

const expect200 = { status: parseStatusSet('200')! };
const http = (url: string): HealthCheck => ({ kind: 'http', url, method: 'GET', headers: {}, expect: expect200 });
const context = {
  addresses: ['127.0.0.1:8081', '[::1]:8082'],
  values: { service: 'api', environment: 'prod', version: '1.0/../x', slot: 'green' },
  env: { SHIPGATE_VERSION: '1.0/../x', SHIPGATE_ADDRESSES: '127.0.0.1:8081 [::1]:8082' },
  timeoutMs: 2_000,
};

describe('buildGateTargets', () => {
  it.each([
    ['127.0.0.1:8081', '127.0.0.1', '8081'],
    ['[::1]:8082', '[::1]', '8082'],
    ['db.internal:13306', 'db.internal', '13306'],
  ])('splits %s into host %s and port %s', (address, host, port) => {
    expect(splitAddress(address)).toEqual({ host, port });
  });

  it('makes one HTTP target per address when the URL names {address}, {host} or {port}, and escapes the version', () => {
    const targets = buildGateTargets([http('http://{host}:{port}/v/{version}')], context);
    expect(targets.map((target) => target.name)).toEqual([
      'http://127.0.0.1:8081/v/1.0%2F..%2Fx',
      'http://[::1]:8082/v/1.0%2F..%2Fx',
    ]);
  });

  it('makes one target for a URL without an address placeholder', () => {
    expect(buildGateTargets([http('http://lb.internal/{slot}/health')], context).map((t) => t.name)).toEqual([
      'http://lb.internal/green/health',
    ]);
  });

  it('makes TCP targets with the host unbracketed for the connect', () => {
    const targets = buildGateTargets([{ kind: 'tcp', address: '{host}:13306' }], context);
    expect(targets).toEqual([
      { kind: 'tcp', name: 'tcp://127.0.0.1:13306', host: '127.0.0.1', port: 13306, timeoutMs: 2_000 },
      { kind: 'tcp', name: 'tcp://[::1]:13306', host: '::1', port: 13306, timeoutMs: 2_000 },
    ]);
  });

  it('runs a command probe per address with SHIPGATE_ADDRESS, SHIPGATE_HOST and SHIPGATE_PORT beside the step values', () => {
    const [first] = buildGateTargets([{ kind: 'command', command: './probe.sh' }], { ...context, cwd: '/ws' });
    expect(first).toMatchObject({
      kind: 'command',
      name: 'command ./probe.sh (127.0.0.1:8081)',
      command: './probe.sh',
      cwd: '/ws',
      env: {
        SHIPGATE_ADDRESS: '127.0.0.1:8081',
        SHIPGATE_HOST: '127.0.0.1',
        SHIPGATE_PORT: '8081',
        SHIPGATE_VERSION: '1.0/../x',
        SHIPGATE_ADDRESSES: '127.0.0.1:8081 [::1]:8082',
      },
    });
  });
});

describe('a gate without the prober a check needs', () => {
  it('fails that check saying so', async () => {
    const clock = new FakeClock();
    const http: HttpClient = { request: async () => ({ kind: 'response', status: 200, body: '', latencyMs: 1 }) };
    const timing = {
      intervalMs: 100,
      successThreshold: 1,
      failureThreshold: 1,
      deadlineMs: 500,
      durationMs: 0,
      concurrency: 2,
    };
    const tcp = { kind: 'tcp' as const, name: 'tcp://db:13306', host: 'db', port: 13306, timeoutMs: 100 };
    const report = await clock.run(runHealthGate([tcp], timing, { http, clock }));
    expect(report.healthy).toBe(false);
    expect(report.reason).toMatch(/^tcp:\/\/db:13306: not healthy within 500ms: no tcp prober was given to this gate/);
  });
});
