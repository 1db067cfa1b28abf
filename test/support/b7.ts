import { runAction } from './action-runner.js';
import { createDeployWorkspace, type DeployWorkspace, freePort, hookCommand } from './deploy-workspace.js';
import { type GitHubEmulator, startGitHubEmulator } from './github-emulator/index.js';

/**
 * SPEC §9 B7, shared by `npm run bench` (bench/b7.bench-run.ts) and the e2e test: GitHub API requests of
 * one deploy and one rollback with the `github` store, counted at the emulator, with the committed bundles.
 */
export interface B7Counts {
  readonly deploy: number;
  readonly rollback: number;
}

/**
 * Deploys three versions (with `seed`: after 3,000 older deployments of the service, and before 1,000
 * newer ones of other services), then counts the requests of a fourth deploy and of a rollback.
 */
export async function measureB7(seed: boolean): Promise<B7Counts> {
  const gh = await startGitHubEmulator();
  const workspace = createDeployWorkspace();
  try {
    return await countIn(gh, workspace, seed);
  } finally {
    await workspace.stop();
    await gh.close();
  }
}

async function countIn(gh: GitHubEmulator, workspace: DeployWorkspace, seed: boolean): Promise<B7Counts> {
  const [blue, green] = [`127.0.0.1:${await freePort()}`, `127.0.0.1:${await freePort()}`];
  workspace.writeConfig({
    strategy: 'canary',
    target: {
      kind: 'command',
      deploy: hookCommand('deploy'),
      retire: hookCommand('retire'),
      timeout: '30s',
      slots: { blue: [blue], green: [green] },
    },
    router: { kind: 'command', route: hookCommand('route') },
    health: { url: 'http://{address}/health', interval: '100ms', timeout: '1s', deadline: '5s' },
    canary: { steps: [{ weight: 20, pause: '100ms' }] },
  });
  const run = (action: 'deploy' | 'rollback', inputs: Record<string, string>) =>
    runAction({
      action,
      cwd: workspace.dir,
      env: workspace.env,
      apiUrl: gh.url,
      inputs: { environment: 'production', ...inputs },
      timeoutMs: 120_000,
    });
  if (seed) seedOlder(gh, 3_000);
  for (const version of ['1.0.0', '1.1.0', '1.2.0']) {
    const done = await run('deploy', { version });
    if (done.exitCode !== 0) throw new Error(`deploy ${version}: ${done.stdout}`);
  }
  if (seed) seedNeighbours(gh, 1_000);
  const counted = async (action: 'deploy' | 'rollback', inputs: Record<string, string>): Promise<number> => {
    const before = gh.requests.length;
    const done = await run(action, inputs);
    if (done.exitCode !== 0) throw new Error(`${action}: ${done.stdout}`);
    return gh.requests.length - before;
  };
  return { deploy: await counted('deploy', { version: '1.3.0' }), rollback: await counted('rollback', {}) };
}

/** Older deployments of the service, as shipgate writes them: finished, each payload recording the one before. */
function seedOlder(gh: GitHubEmulator, count: number): void {
  let prior: { id: string } | undefined;
  for (let i = 0; i < count; i += 1) {
    const slot = i % 2 === 0 ? 'blue' : 'green';
    const previous = i > 0 ? `0.${i - 1}` : null;
    const record = gh.seedDeployment({
      environment: 'production',
      task: 'deploy:web',
      payload: {
        shipgate: 1,
        service: 'web',
        version: `0.${i}`,
        previous_version: previous,
        slot,
        strategy: 'canary',
        runId: String(i),
        run_url: null,
        kind: 'deploy',
        phase: 'full',
        lock_ttl_ms: 900_000,
        ...(prior
          ? { prior: { ...prior, result: 'succeeded', reason: null, finished_at: null, served_full: true } }
          : {}),
        before: { active_slot: slot === 'blue' ? 'green' : 'blue', active_version: previous, slots: {}, instances: {} },
      },
      statuses: [{ state: 'in_progress' }, { state: 'success' }],
    });
    prior = { id: String(record.id) };
  }
}

/** Newer deployments of other services in the same environment. */
function seedNeighbours(gh: GitHubEmulator, count: number): void {
  for (let i = 0; i < count; i += 1) {
    gh.seedDeployment({
      environment: 'production',
      task: `deploy:svc-${i % 20}`,
      payload: { shipgate: 1, service: `svc-${i % 20}`, version: `9.${i}`, kind: 'deploy' },
      statuses: [{ state: 'success' }],
    });
  }
}
