import { Agent, request } from 'node:http';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface ProbeSummary {
  readonly sent: number;
  readonly ok: number;
  /** Requests that failed on a fresh connection, failed again after one retry, or answered non-2xx. */
  readonly failed: ReadonlyArray<string>;
  /** Requests whose reused keep-alive connection was closed under them and that succeeded on one retry. */
  readonly retried: number;
  readonly byVersion: Readonly<Record<string, number>>;
}

/**
 * Steady keep-alive load with exact accounting (SPEC §9 B5): every request ends as ok or failed. An
 * nginx reload closes idle client keep-alive connections; a request sent on one at that instant fails
 * before any response, which real HTTP clients retry, so such a request (reused socket, connection-level
 * error, no response) is retried once on a fresh connection and counts as failed only if that fails too.
 */
export function startProbe(url: string, options: { concurrency: number; rate: number }) {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  let sent = 0;
  let ok = 0;
  let retried = 0;
  const failed: string[] = [];
  const byVersion: Record<string, number> = {};
  let running = true;

  const once = (
    fresh: boolean,
  ): Promise<{ status: number; version: string } | { error: NodeJS.ErrnoException; reused: boolean }> =>
    new Promise((resolve) => {
      const req = request(url, { agent: fresh ? false : agent, timeout: 5_000 }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          let version = '?';
          try {
            version = String((JSON.parse(body) as { version?: unknown }).version);
          } catch {
            // an nginx error page
          }
          resolve({ status: res.statusCode ?? 0, version });
        });
        res.on('error', (error) => resolve({ error, reused: false }));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ error, reused: req.reusedSocket }));
      req.end();
    });

  const one = async (): Promise<void> => {
    sent += 1;
    let outcome = await once(false);
    if ('error' in outcome && outcome.reused && ['ECONNRESET', 'EPIPE'].includes(outcome.error.code ?? '')) {
      retried += 1;
      outcome = await once(true);
    }
    if ('error' in outcome) {
      failed.push(`${outcome.error.code ?? ''} ${outcome.error.message}`);
    } else if (outcome.status < 200 || outcome.status > 299) {
      failed.push(`status ${outcome.status}`);
    } else {
      ok += 1;
      byVersion[outcome.version] = (byVersion[outcome.version] ?? 0) + 1;
    }
  };

  const intervalMs = (1_000 * options.concurrency) / options.rate;
  const workers = Array.from({ length: options.concurrency }, async (_, index) => {
    await sleep((index * intervalMs) / options.concurrency);
    while (running) {
      const started = Date.now();
      await one();
      await sleep(Math.max(0, intervalMs - (Date.now() - started)));
    }
  });
  return {
    async stop(): Promise<ProbeSummary> {
      running = false;
      await Promise.all(workers);
      agent.destroy();
      return { sent, ok, failed, retried, byVersion };
    },
  };
}
