import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alive } from '../support/deploy-workspace.js';
import { repoRoot } from '../support/paths.js';

/**
 * Support for test/e2e/examples-003-python-api.e2e.test.ts: the host the example's hooks run on (a
 * stand-in `docker` on PATH that starts the stand-in "Python API" per slot). The example's workflows run
 * in the shared interpreter, test/support/workflow-runner.ts.
 */

const here = join(repoRoot, 'test', 'e2e');

export interface ImageBehaviour {
  /** The share of /api/* requests answered 500 (every n-th). */
  readonly errorRate?: number;
  readonly latencyMs?: number;
}

export interface ApiHost {
  readonly dir: string;
  /** For the hooks: the stand-in `docker` first on PATH, and what it needs. */
  readonly env: Readonly<Record<string, string>>;
  /** Pushes an "image": what the stand-in API of this tag does. */
  image(tag: string, behaviour?: ImageBehaviour): void;
  /** Takes the shared dependencies down or up (both slots see it at once). */
  dependencies(state: { readonly db?: 'up' | 'down'; readonly redis?: 'up' | 'down' }): void;
  /** Running stand-ins by compose project (`api_blue`): their PIDs. */
  running(): Record<string, number>;
  /** Stops every stand-in by PID and removes the directory. */
  stop(): Promise<void>;
}

export function createApiHost(): ApiHost {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-ex003-host-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  mkdirSync(join(dir, 'images'));
  copyFileSync(join(here, 'examples-003-python-api-docker.sh'), join(bin, 'docker'));
  chmodSync(join(bin, 'docker'), 0o755);
  let deps = { db: 'up', redis: 'up' };
  writeFileSync(join(dir, 'dependencies.json'), JSON.stringify(deps));
  const running = (): Record<string, number> =>
    Object.fromEntries(
      readdirSync(dir)
        .filter((name) => name.endsWith('.pid'))
        .map((name) => [name.slice(0, -'.pid'.length), Number(readFileSync(join(dir, name), 'utf8').trim())]),
    );
  return {
    dir,
    env: {
      PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      STANDIN_DIR: dir,
      STANDIN_NODE: process.execPath,
      STANDIN_SERVER: join(here, 'examples-003-python-api-stand-in.mjs'),
    },
    image(tag, behaviour = {}) {
      const lines = [
        `API_ERROR_RATE=${behaviour.errorRate ?? 0}`,
        // A little work per request, so that a few load connections make steady, bounded traffic.
        `API_LATENCY_MS=${behaviour.latencyMs ?? 20}`,
      ];
      writeFileSync(join(dir, 'images', tag), `${lines.join('\n')}\n`);
    },
    dependencies(state) {
      deps = { ...deps, ...state };
      writeFileSync(join(dir, 'dependencies.json'), JSON.stringify(deps));
    },
    running,
    async stop() {
      const pids = Object.values(running());
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // gone already
        }
      }
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && pids.some((pid) => alive(pid))) await new Promise((r) => setTimeout(r, 50));
      for (const pid of pids.filter((pid) => alive(pid))) process.kill(pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
