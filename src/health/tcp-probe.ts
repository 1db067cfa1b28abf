import type * as Net from 'node:net';
import { formatDuration } from '../core/duration.js';
import type { ProbeOutcome } from './http-probe.js';

/** A TCP connect probe (SPEC §4 `health.tcp`): for services that do not speak HTTP (a MySQL port). */
export interface TcpTarget {
  readonly kind: 'tcp';
  /** As reports show it: `tcp://127.0.0.1:13306`. */
  readonly name: string;
  /** Without brackets for IPv6 (`::1`). */
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
}

export type TcpResult =
  | { readonly ok: true; readonly latencyMs: number }
  | { readonly ok: false; readonly reason: string; readonly latencyMs: number; readonly aborted?: boolean };

/** Opening a TCP connection, as a port: the real one below, scripted ones in tests. */
export interface TcpClient {
  /** Connects and closes at once; never rejects. */
  connect(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<TcpResult>;
}

/** One connect: a success when the connection opens within the timeout. Never throws. */
export async function tcpProbe(client: TcpClient, target: TcpTarget, signal?: AbortSignal): Promise<ProbeOutcome> {
  const result = await client.connect(target.host, target.port, target.timeoutMs, signal);
  if (result.ok) return { ok: true, latencyMs: result.latencyMs };
  return {
    ok: false,
    latencyMs: result.latencyMs,
    failure: result.reason,
    ...(result.aborted ? { aborted: true } : {}),
  };
}

const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS)',
};

/**
 * A connection that opened is closed with a FIN after reading what the server sent (a MySQL greeting):
 * destroying it at once would reset it, which servers log as an aborted connection (and a naive one
 * dies of). It is destroyed anyway if the server does not close its side within a second.
 */
function closeGently(socket: Net.Socket): void {
  socket.resume();
  socket.end();
  socket.setTimeout(1_000, () => socket.destroy());
}

/** The real TCP client; node:net is loaded on first use (process.getBuiltinModule: no ESM graph at start-up). */
export function createNodeTcpClient(): TcpClient {
  return {
    connect(host, port, timeoutMs, signal) {
      const net = process.getBuiltinModule('node:net') as typeof Net;
      const started = performance.now();
      const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10;
      return new Promise<TcpResult>((resolve) => {
        const socket = net.connect({ host, port });
        let settled = false;
        const finish = (result: TcpResult): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          if (result.ok) closeGently(socket);
          else socket.destroy();
          resolve(result);
        };
        const onAbort = (): void => finish({ ok: false, reason: 'cancelled', latencyMs: elapsed(), aborted: true });
        const timer = setTimeout(
          () =>
            finish({ ok: false, reason: `no connection within ${formatDuration(timeoutMs)}`, latencyMs: elapsed() }),
          timeoutMs,
        );
        if (signal?.aborted) onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        socket.once('connect', () => finish({ ok: true, latencyMs: elapsed() }));
        socket.on('error', (error: NodeJS.ErrnoException) =>
          finish({ ok: false, reason: REASONS[error.code ?? ''] ?? error.message, latencyMs: elapsed() }),
        );
      });
    },
  };
}
