import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { commandProbe } from '../../src/health/command-probe.js';
import { runHealthGate } from '../../src/health/health-gate.js';
import { createNodeHttpClient } from '../../src/health/http-client.js';
import { createNodeTcpClient, tcpProbe } from '../../src/health/tcp-probe.js';
import { createHookRunner } from '../../src/runtime/hook-runner.js';
import { freePort } from '../support/deploy-workspace.js';

/** TCP and command probes against real sockets and real processes on loopback. */
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const tcp = createNodeTcpClient();
const runner = createHookRunner();

describe('tcp probe', () => {
  it('passes when the port accepts a connection', async () => {
    const outcome = await tcpProbe(tcp, { kind: 'tcp', name: 't', host: '127.0.0.1', port, timeoutMs: 1_000 });
    expect(outcome.ok).toBe(true);
  });

  it('fails with connection refused on a closed port', async () => {
    const closed = await freePort();
    const outcome = await tcpProbe(tcp, { kind: 'tcp', name: 't', host: '127.0.0.1', port: closed, timeoutMs: 1_000 });
    expect(outcome).toMatchObject({ ok: false, failure: 'connection refused' });
  });
});

describe('command probe', () => {
  const target = (command: string, timeoutMs = 5_000) => ({
    kind: 'command' as const,
    name: 'c',
    command,
    env: { SHIPGATE_ADDRESS: '127.0.0.1:1', SHIPGATE_PORT: '1' },
    timeoutMs,
  });

  it('passes on exit 0 and sees its values in the environment', async () => {
    expect((await commandProbe(runner, target('test "$SHIPGATE_PORT" = 1'))).ok).toBe(true);
  });

  it('fails with its last output line as the reason', async () => {
    const outcome = await commandProbe(runner, target('echo checking; echo "stats socket closed" >&2; exit 4'));
    expect(outcome).toMatchObject({ ok: false, failure: 'command exited with code 4: stats socket closed' });
  });

  it('is killed at its timeout', async () => {
    const outcome = await commandProbe(runner, target('echo waiting; sleep 30', 300));
    expect(outcome.failure).toBe('command timed out after 300ms (last output: waiting)');
  });
});

describe('a gate of TCP and command checks', () => {
  it('names the failing check and why', async () => {
    const closed = await freePort();
    const report = await runHealthGate(
      [
        { kind: 'tcp', name: `tcp://127.0.0.1:${port}`, host: '127.0.0.1', port, timeoutMs: 500 },
        { kind: 'tcp', name: `tcp://127.0.0.1:${closed}`, host: '127.0.0.1', port: closed, timeoutMs: 500 },
      ],
      { intervalMs: 50, successThreshold: 1, failureThreshold: 2, deadlineMs: 400, durationMs: 0, concurrency: 4 },
      { http: createNodeHttpClient(), tcp, commands: runner, clock: systemClock },
    );
    expect(report.healthy).toBe(false);
    expect(report.checks.map((check) => check.verdict)).toEqual(['healthy', 'unhealthy']);
    expect(report.reason).toMatch(
      new RegExp(`^tcp://127\\.0\\.0\\.1:${closed}: not healthy within 400ms: connection refused`),
    );
  });
});
