import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { DEMO_APP_SERVER } from './demo-app/index.js';
import { repoRoot } from './paths.js';

/** A free port on loopback (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const hooks = join(repoRoot, 'examples', 'local', 'hooks');

/**
 * A workspace for deploy tests: a config file using the local example's hooks (which start and stop
 * real demo-app processes), and `stop()` that kills every process the hooks started, by PID.
 */
export interface DeployWorkspace {
  readonly dir: string;
  readonly demoDir: string;
  /** Environment the action needs for the example hooks. */
  readonly env: Readonly<Record<string, string>>;
  writeConfig(environment: Record<string, unknown>, service?: string, envName?: string): void;
  /** Versions currently running, by port, read from the demo apps. */
  pids(): Record<string, number>;
  readState(): unknown;
  stop(): Promise<void>;
}

export function hookCommand(name: 'deploy' | 'retire' | 'route'): string {
  return `sh ${join(hooks, `${name}.sh`)}`;
}

export function createDeployWorkspace(): DeployWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-ws-'));
  const demoDir = join(dir, 'demo');
  mkdirSync(join(dir, '.github'), { recursive: true });
  mkdirSync(demoDir, { recursive: true });
  const pids = (): Record<string, number> => {
    if (!existsSync(demoDir)) return {};
    return Object.fromEntries(
      readdirSync(demoDir)
        .filter((name) => name.endsWith('.pid'))
        .map((name) => [name.replace('.pid', ''), Number(readFileSync(join(demoDir, name), 'utf8').trim())]),
    );
  };
  return {
    dir,
    demoDir,
    env: { SHIPGATE_DEMO_APP: DEMO_APP_SERVER, SHIPGATE_DEMO_DIR: demoDir },
    writeConfig(environment, service = 'web', envName = 'production') {
      writeFileSync(
        join(dir, '.github', 'shipgate.yml'),
        stringify({ version: 1, services: { [service]: { environments: { [envName]: environment } } } }),
      );
    },
    pids,
    readState: () => JSON.parse(readFileSync(join(dir, '.shipgate', 'state.json'), 'utf8')) as unknown,
    async stop() {
      for (const pid of Object.values(pids())) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && Object.values(pids()).some((pid) => alive(pid)))
        await new Promise((r) => setTimeout(r, 50));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
