import type * as Os from 'node:os';
import type { LockHolder } from './ports.js';

/** Whether a lock's holder still runs: checked for a CLI run on this host, otherwise not knowable here. */
export type Liveness = 'alive' | 'dead' | 'expired' | 'unknown';

/** Where a holder's process runs: the lock's own pid and host, else read from a `user@host pid N` holder. */
export function processOf(holder: string | LockHolder): { host: string; pid: number } | undefined {
  if (typeof holder !== 'string' && holder.pid !== undefined && holder.host !== undefined) {
    return { host: holder.host, pid: holder.pid };
  }
  const local = /^.+@(.+) pid (\d+)$/.exec(typeof holder === 'string' ? holder : holder.holder);
  return local ? { host: local[1] ?? '', pid: Number(local[2]) } : undefined;
}

/**
 * Whether a lock's holder still runs (SPEC §8a). A CLI holder records its pid and host (`user@host pid N`):
 * on this host, `process.kill(pid, 0)` tells (EPERM: it runs, as someone else). A run URL or another host
 * cannot be checked from here. One answer for `status`, `unlock` and the file store's take-over.
 */
export function liveness(
  holder: string | LockHolder,
  expiresAt: string | null | undefined,
  now = Date.now(),
  host = (process.getBuiltinModule('node:os') as typeof Os).hostname(),
): { alive: Liveness; why: string } {
  if (expiresAt && Date.parse(expiresAt) <= now) return { alive: 'expired', why: `it expired at ${expiresAt}` };
  const local = processOf(holder);
  if (!local) {
    const name = typeof holder === 'string' ? holder : holder.holder;
    const why = /^https?:\/\//.test(name) ? 'a GitHub Actions run: see its page' : 'cannot be checked from here';
    return { alive: 'unknown', why };
  }
  if (local.host !== host) return { alive: 'unknown', why: `it runs on ${local.host}, not this host` };
  try {
    process.kill(local.pid, 0);
    return { alive: 'alive', why: `pid ${local.pid} runs on this host` };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPERM') {
      return { alive: 'alive', why: `pid ${local.pid} runs on this host` };
    }
    return { alive: 'dead', why: `no process ${local.pid} on this host; 'shipgate unlock' releases it` };
  }
}
