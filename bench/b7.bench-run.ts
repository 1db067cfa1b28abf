import { afterEach, it } from 'vitest';
import { runAction } from '../test/support/action-runner.js';
import {
  createDeployWorkspace,
  type DeployWorkspace,
  freePort,
  hookCommand,
} from '../test/support/deploy-workspace.js';
import { type GitHubEmulator, startGitHubEmulator } from '../test/support/github-emulator/index.js';

/**
 * B7 (SPEC §9): GitHub API requests of one deploy and of one rollback with the `github` store, with a
 * history of three, and with 3,000 older deployments of the service and 1,000 newer ones of other
 * services in the environment (seeded into the emulator directly, shaped as shipgate writes them). The
 * committed bundles run under Node 24 against the emulator; requests are counted at the emulator.
 */
const report = (figure: Record<string, unknown>): void => {
  console.log(`BENCH ${JSON.stringify(figure)}`);
};

let ws: DeployWorkspace | undefined;
let emulator: GitHubEmulator | undefined;
afterEach(async () => {
  await ws?.stop();
  await emulator?.close();
});

/** Deploys three versions, optionally around seeded history; returns the requests of a fourth deploy and of a rollback. */
async function measure(seed: boolean): Promise<{ deploy: number; rollback: number }> {
  const gh = await startGitHubEmulator();
  emulator = gh;
  const workspace = createDeployWorkspace();
  ws = workspace;
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

it('B7: GitHub requests of a deploy and a rollback do not grow with the history', async () => {
  const short = await measure(false);
  await ws?.stop();
  await emulator?.close();
  ws = undefined;
  emulator = undefined;
  const long = await measure(true);
  for (const action of ['deploy', 'rollback'] as const) {
    const budget = Math.max(short[action] * 1.5, short[action] + 6);
    report({
      id: 'B7',
      what: `GitHub requests of one ${action}: 3,000 older + 1,000 neighbouring deployments vs a history of three`,
      value: long[action],
      unit: 'requests',
      budget: Math.floor(budget),
      extra: `history of three: ${short[action]}; ratio ${(long[action] / short[action]).toFixed(2)}`,
    });
  }
}, 600_000);
