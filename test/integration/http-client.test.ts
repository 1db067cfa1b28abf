import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHttpClient, type HttpRequest } from '../../src/health/http-client.js';
import {
  closedPort,
  hang,
  json,
  reset,
  startServer,
  startTlsServer,
  type TestServer,
} from '../support/http-servers.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const http = createNodeHttpClient();
const get = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  url,
  method: 'GET',
  headers: {},
  timeoutMs: 2_000,
  ...extra,
});

describe('the node HTTP client against real local servers', () => {
  it('returns the status, body and latency of a response', async () => {
    const server = await startServer(json(503, { status: 'DOWN' }));
    servers.push(server);
    const result = await http.request(get(`${server.url}/health`));
    expect(result).toMatchObject({ kind: 'response', status: 503, body: '{"status":"DOWN"}' });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('sends the method and headers it is given', async () => {
    const server = await startServer(json(200, {}));
    servers.push(server);
    await http.request(get(`${server.url}/x`, { method: 'HEAD', headers: { authorization: 'Bearer t' } }));
    expect(server.requests[0]).toMatchObject({ method: 'HEAD', path: '/x' });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer t');
  });

  it.each(['127.0.0.1', '::1'])('reaches localhost when the server listens only on %s', async (host) => {
    const server = await startServer(json(200, { status: 'UP' }), { host });
    servers.push(server);
    const result = await http.request(get(`http://localhost:${server.port}/health`));
    expect(result).toMatchObject({ kind: 'response', status: 200 });
  });

  it('bounds a hung endpoint by the timeout', async () => {
    const server = await startServer(hang);
    servers.push(server);
    const result = await http.request(get(`${server.url}/health`, { timeoutMs: 300 }));
    expect(result).toMatchObject({ kind: 'failure', failure: 'timeout', reason: 'no response within 300ms' });
    expect(result.latencyMs).toBeLessThan(2_000);
  });

  it('says connection refused when nothing listens', async () => {
    const port = await closedPort();
    const result = await http.request(get(`http://127.0.0.1:${port}/health`));
    expect(result).toMatchObject({ kind: 'failure', failure: 'refused', reason: 'connection refused' });
  });

  it('says connection refused for localhost when nothing listens on either address', async () => {
    const port = await closedPort();
    const result = await http.request(get(`http://localhost:${port}/health`));
    expect(result).toMatchObject({ kind: 'failure', failure: 'refused' });
  });

  it('says the DNS lookup failed for a name that does not resolve', async () => {
    const result = await http.request(get('http://shipgate-no-such-host.invalid/health'));
    expect(result).toMatchObject({ kind: 'failure', failure: 'dns' });
    expect(result.kind === 'failure' && result.reason).toMatch(/^DNS lookup failed for shipgate-no-such-host\.invalid/);
  });

  it('says the connection was reset when the server drops it', async () => {
    const server = await startServer(reset);
    servers.push(server);
    const result = await http.request(get(`${server.url}/health`));
    expect(result).toMatchObject({
      kind: 'failure',
      failure: 'reset',
      reason: 'connection reset by the server before a response',
    });
  });

  it('names the TLS error of a self-signed certificate, and skips the check when insecure', async () => {
    const server = await startTlsServer(json(200, { status: 'UP' }));
    servers.push(server);
    const strict = await http.request(get(`${server.url}/health`));
    expect(strict).toMatchObject({ kind: 'failure', failure: 'tls' });
    expect(strict.kind === 'failure' && strict.reason).toMatch(/^TLS error: .*self-signed certificate/);
    const insecure = await http.request(get(`${server.url}/health`, { insecure: true }));
    expect(insecure).toMatchObject({ kind: 'response', status: 200 });
  });

  it('stops at once when aborted', async () => {
    const server = await startServer(hang);
    servers.push(server);
    const controller = new AbortController();
    const pending = http.request(get(`${server.url}/`, { timeoutMs: 30_000 }), controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ kind: 'failure', failure: 'aborted' });
  });

  it('shares a connection between URLs of one burst, but probes a URL again on a fresh connection', async () => {
    let connections = 0;
    const server = createServer((_req, res) => res.end('{}'));
    server.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // No time passes between requests: only a URL coming round again starts new connections.
      const client = createNodeHttpClient(() => 0);
      for (const path of ['/a', '/b', '/c']) await client.request(get(`${base}${path}`));
      expect(connections).toBe(1);
      await client.request(get(`${base}/a`));
      expect(connections).toBe(2);
    } finally {
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
    }
  });
});
