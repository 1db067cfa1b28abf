import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real HTTP server on loopback whose answers a test can change while it runs. */
export interface TestServer {
  readonly url: string;
  readonly port: number;
  /** Requests received so far (method and path). */
  readonly requests: Array<{ method: string; path: string; headers: IncomingMessage['headers'] }>;
  respond(handler: Handler): void;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export const json =
  (status: number, body: unknown): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

export const text =
  (status: number, body: string, delayMs = 0): Handler =>
  (_req, res) => {
    const send = (): void => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(body);
    };
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  };

/** Accepts the request and never answers. */
export const hang: Handler = () => undefined;

/** Destroys the connection as soon as the request arrives. */
export const reset: Handler = (req) => {
  req.socket.destroy();
};

function track(server: Server | ReturnType<typeof createNetServer>): () => Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
}

async function listen(server: Server | ReturnType<typeof createNetServer>, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startServer(handler: Handler, options: { host?: string } = {}): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1';
  let current = handler;
  const requests: TestServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    current(req, res);
  });
  server.keepAliveTimeout = 1_000;
  const close = track(server);
  const port = await listen(server, host);
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    requests,
    respond: (next) => {
      current = next;
    },
    close,
  };
}

/** An HTTPS server with a fresh self-signed certificate for `localhost` (made with openssl). */
export async function startTlsServer(handler: Handler): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-days',
        '1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const requests: TestServer['requests'] = [];
    let current = handler;
    const server = createTlsServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (req, res) => {
        requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
        current(req, res);
      },
    );
    const close = track(server);
    const port = await listen(server, '127.0.0.1');
    return {
      url: `https://127.0.0.1:${port}`,
      port,
      requests,
      respond: (next) => {
        current = next;
      },
      close,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A port on loopback where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  const port = await listen(server, '127.0.0.1');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The `version` a URL answers once it answers the same one twice in a row (a router's reload has
 * settled), polled with a bound (20 tries, 150 ms apart); the last one seen, or '' when none.
 */
export async function settledVersion(url: string): Promise<string> {
  let last = '';
  for (let i = 0; i < 20; i += 1) {
    const response = await fetch(url).catch(() => undefined);
    const version = response?.ok ? ((await response.json()) as { version: string }).version : '';
    if (version && version === last) return version;
    last = version;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return last;
}
