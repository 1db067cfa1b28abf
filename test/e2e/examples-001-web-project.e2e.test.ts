import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { lintWorkflows } from '../../scripts/workflow-lint.mjs';
import { freePort } from '../support/deploy-workspace.js';
import { type GitHubEmulator, startGitHubEmulator } from '../support/github-emulator/index.js';
import { type ProbeSummary, startProbe } from '../support/load-probe.js';
import { type RunningNginx, startNginx } from '../support/nginx.js';
import { node24, repoRoot } from '../support/paths.js';
import {
  findStep,
  runWorkflow,
  type StepRun,
  type WorkflowEvent,
  type WorkflowRun,
} from '../support/workflow-runner.js';
import { alive, imagePath, readContainers } from './examples-001-docker.js';

/**
 * examples/001-web-project, run for real on loopback: the example's own config, hooks and workflows
 * (copied into a checkout the way its README says, with the deploy host's root
 * /home/deploy/srv/web_project replaced by a temp directory), the committed bundles and CLI, a real
 * nginx as the gateway, and the GitHub emulator for the incident issues. The one stand-in is `docker`
 * (first on PATH): there is no compose plugin and no registry here, so examples-001-docker.ts does what
 * `docker compose` does for the hooks, with each "container" a small Node backend on its slot's port.
 * The test also shortens the health timings and the scale-down delay, and points the router at its
 * nginx (its own -c config for `test` and `reload`) and the slots at free ports.
 *
 * The scenarios run in order on one host, as the runbook's days would: each starts from where the
 * previous one left production.
 */

const EXAMPLE = join(repoRoot, 'examples', '001-web-project');
const HOST_ROOT = '/home/deploy/srv/web_project';
const [V1, V2, V3, BAD] = ['sha-1a2b3c4', 'sha-2b3c4d5', 'sha-3c4d5e6', 'sha-4d5e6f7'] as const;

let temp: string;
let root: string; // the deploy host's ~/srv/web_project
let standin: string; // DOCKER_STANDIN_DIR
let workspace: string; // the repository's checkout on the self-hosted runner
let upstreamFile: string;
let stateFile: string;
let runnerEnv: Record<string, string>;
let nginx: RunningNginx;
let emulator: GitHubEmulator;

const hostPath = (text: string): string => text.replaceAll(HOST_ROOT, root);

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'sg-ex001-'));
  root = join(temp, 'srv', 'web_project');
  standin = join(temp, 'docker-standin');
  workspace = join(temp, 'checkout');
  stateFile = join(root, 'shipgate-state.json');

  // The host: env files (runbook §6), the compose files, the shared network and the frontend volume.
  for (const dir of ['application/backend', 'gateway/nginx/conf.d']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, '.env.server.prod'), 'APP_NETWORK_NAME=web_project_webnet\nUPDATE_GATEWAY=false\n');
  writeFileSync(
    join(root, 'application', '.env.application.prod'),
    '# application layer\nSPRING_PROFILES_ACTIVE=prod\n',
  );
  writeFileSync(
    join(root, 'application', 'backend', '.env.production'),
    'SPRING_DATASOURCE_URL=jdbc:mysql://mysql:3306/web\n',
  );
  for (const file of ['docker-compose.backend-slot.yml', 'docker-compose.frontend-sync.yml']) {
    copyFileSync(join(EXAMPLE, file), join(root, 'application', file));
  }
  mkdirSync(join(standin, 'networks'), { recursive: true });
  writeFileSync(join(standin, 'networks', 'web_project_webnet'), '');
  mkdirSync(join(standin, 'volumes', 'frontend-dist'), { recursive: true });

  // The registry: what CI pushed to GHCR for each commit. BAD's backend answers DOWN (its DB pool never comes up).
  for (const tag of [V1, V2, V3, BAD]) {
    pushImage(`ghcr.io/example/web-project-backend:${tag}`, tag === BAD ? { env: { STANDIN_HEALTH: 'DOWN' } } : {});
    pushImage(`ghcr.io/example/web-project-frontend:${tag}`, {
      files: {
        '/app/dist/index.html': `<!doctype html><script src="/assets/app-${tag}.js"></script><!-- ${tag} -->\n`,
        [`/app/dist/assets/app-${tag}.js`]: `console.log(${JSON.stringify(tag)});\n`,
      },
    });
  }
  const bin = join(temp, 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'docker'),
    `#!/bin/sh\nexec '${node24}' '${join(repoRoot, 'test', 'e2e', 'examples-001-docker.ts')}' "$@"\n`,
  );
  chmodSync(join(bin, 'docker'), 0o755);
  runnerEnv = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, DOCKER_STANDIN_DIR: standin };

  // The gateway: nginx with the upstream file shipgate rewrites (blue, before the first deploy).
  const slots = { blue: [`127.0.0.1:${await freePort()}`], green: [`127.0.0.1:${await freePort()}`] };
  upstreamFile = join(root, 'gateway', 'nginx', 'conf.d', 'backend-upstream.conf');
  writeFileSync(upstreamFile, `upstream backend { server ${slots.blue[0]}; }\n`);
  nginx = await startNginx({ upstreamFile, upstreamName: 'backend' });
  emulator = await startGitHubEmulator();

  // The checkout: .github/shipgate.yml, deploy/*.sh and the workflows, as the README places them.
  mkdirSync(join(workspace, '.github', 'workflows'), { recursive: true });
  mkdirSync(join(workspace, 'deploy'));
  const config = parseYaml(hostPath(readFileSync(join(EXAMPLE, 'shipgate.yml'), 'utf8'))) as ExampleConfig;
  const production = config.services.backend.environments.production;
  production.target.slots = slots;
  Object.assign(production.router, { test: nginx.testCommand, reload: nginx.reloadCommand });
  expect(production.router['upstream-file']).toBe(upstreamFile);
  Object.assign(production.health, { interval: '100ms', timeout: '1s', deadline: '3s', duration: '1s' });
  production['blue-green']['scale-down-delay'] = '500ms';
  writeFileSync(join(workspace, '.github', 'shipgate.yml'), stringify(config));
  for (const file of readdirSync(EXAMPLE).filter((name) => name.endsWith('.sh'))) {
    writeFileSync(join(workspace, 'deploy', file), hostPath(readFileSync(join(EXAMPLE, file), 'utf8')));
    chmodSync(join(workspace, 'deploy', file), statSync(join(EXAMPLE, file)).mode); // git keeps the exec bit
  }
  for (const file of readdirSync(join(EXAMPLE, 'workflows'))) {
    const text = hostPath(readFileSync(join(EXAMPLE, 'workflows', file), 'utf8'));
    writeFileSync(join(workspace, '.github', 'workflows', `backend-${file}`), text);
  }

  // Day 0: V1 is the first deploy; it goes to blue.
  const first = await dispatch('deploy', { version: V1 });
  expect(findStep(first, 'deploy')?.outputs.result, log(findStep(first, 'deploy'))).toBe('succeeded');
  expect(await gatewayVersions(3)).toEqual([V1, V1, V1]);
}, 90_000);

afterAll(async () => {
  await nginx?.stop();
  for (const container of standin ? readContainers(standin) : []) {
    try {
      process.kill(container.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await emulator?.close();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

interface ExampleConfig {
  services: {
    backend: {
      environments: {
        production: {
          target: { slots: Record<string, string[]> };
          router: Record<string, string>;
          health: Record<string, unknown>;
          'blue-green': Record<string, string>;
        };
      };
    };
  };
}

interface ReportStep {
  readonly name: string;
  readonly outcome: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly rollback?: boolean;
}

function pushImage(ref: string, image: unknown): void {
  const path = imagePath(standin, ref);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(image));
}

/** Runs one of the example's workflows from the checkout, as the Actions tab (or the schedule) starts it. */
function dispatch(
  name: string,
  inputs: Record<string, string>,
  event: WorkflowEvent = { name: 'workflow_dispatch' },
): Promise<WorkflowRun> {
  return runWorkflow({
    workflow: join(workspace, '.github', 'workflows', `backend-${name}.yml`),
    workspace,
    event,
    inputs,
    env: runnerEnv,
    apiUrl: emulator.url,
    stepTimeoutMs: 90_000,
  });
}

const log = (step: StepRun | undefined): string => step?.log ?? 'the step did not run';

const reportSteps = (step: StepRun | undefined): ReportStep[] =>
  (JSON.parse(step?.outputs.report ?? '{"steps":[]}') as { steps: ReportStep[] }).steps;

function get200(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

/** What a user of https://<도메인>/api gets now: `count` requests through the gateway nginx. */
async function gatewayVersions(count: number): Promise<string[]> {
  const versions: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { status, body } = await get200(`${nginx.url}/api/version`);
    versions.push(status === 200 ? (JSON.parse(body) as { version: string }).version : `HTTP ${status}`);
  }
  return versions;
}

interface Workflow {
  on: Record<string, unknown>;
  permissions?: unknown;
  jobs: Record<string, { uses?: string; with?: object; steps?: Array<{ uses?: string; with?: object; run?: string }> }>;
}
const readYaml = <T>(path: string): T => parseYaml(readFileSync(path, 'utf8')) as T;

const frontend = (): string => readFileSync(join(standin, 'volumes', 'frontend-dist', 'index.html'), 'utf8');

interface EnvironmentState {
  activeSlot: string;
  activeVersion: string;
  slots: Record<string, { version: string; up: boolean }>;
  history: Array<{ kind: string; phase?: string; version: string; result: string }>;
}
const state = (): EnvironmentState =>
  (JSON.parse(readFileSync(stateFile, 'utf8')) as { environments: Record<string, EnvironmentState> }).environments[
    'backend/production'
  ] as EnvironmentState;

const calls = (): string[] => readFileSync(join(standin, 'calls.log'), 'utf8').trim().split('\n');
const containerNamed = (name: string) => readContainers(standin).find((container) => container.name === name);
const containerLogs = (name: string): string[] =>
  readdirSync(join(standin, 'containers'))
    .filter((file) => file.startsWith(`${name}-`) && file.endsWith('.log'))
    .sort();

/** Steady requests through the gateway (SPEC §9 B5's accounting) while `during` runs. */
async function underLoad<T>(during: () => Promise<T>): Promise<[T, ProbeSummary]> {
  const probe = startProbe(`${nginx.url}/api/version`, { concurrency: 4, rate: 120 });
  try {
    const result = await during();
    return [result, await probe.stop()];
  } catch (error) {
    await probe.stop();
    throw error;
  }
}

function refusesConnections(address: string): Promise<boolean> {
  return get200(`http://${address}/actuator/health`).then(
    () => false,
    () => true,
  );
}

describe('examples/001-web-project: the web project runbook, run by its workflows', () => {
  it('full deploy: green gets the new tag, the gateway switches with no failed request, the frontend syncs after the switch, blue is retired', async () => {
    const blue = containerNamed('backend-blue');
    const [run, load] = await underLoad(() => dispatch('deploy', { version: V2 }));

    const deploy = findStep(run, 'deploy');
    expect(deploy?.outputs.result, log(deploy)).toBe('succeeded');
    expect(deploy?.outputs['active-slot']).toBe('green');
    expect(findStep(run, 'resolve')?.outputs['action-taken']).toBe('none'); // no incident was open

    // Traffic: every request answered during the switch, first V1 (blue) then V2 (green); now only V2.
    expect(load.failed).toEqual([]);
    expect(load.sent).toBeGreaterThan(100);
    expect(Object.keys(load.byVersion).sort()).toEqual([V1, V2]);
    expect(await gatewayVersions(5)).toEqual([V2, V2, V2, V2, V2]);
    expect(readFileSync(upstreamFile, 'utf8')).toMatch(/server 127\.0\.0\.1:\d+ weight=1;\s+# green/);

    // The frontend of V2 is in frontend-dist, synced by the after-traffic hook once green had all traffic.
    expect(frontend()).toContain(`app-${V2}.js`);
    const steps = reportSteps(deploy);
    const names = steps.map((step) => step.name);
    expect(names).toEqual([
      'preflight hook: ./deploy/preflight.sh',
      `deploy ${V2} to green`,
      'gate green before traffic',
      'route 100% to green',
      'watch green at 100%',
      'after-traffic hook: ./deploy/sync-frontend.sh',
      'make green active',
      'wait scale-down-delay 500ms',
      'retire blue',
    ]);
    expect(steps.every((step) => step.outcome === 'succeeded')).toBe(true);
    const routed = steps.find((step) => step.name === 'route 100% to green') as ReportStep;
    const synced = steps.find((step) => step.name.startsWith('after-traffic')) as ReportStep;
    expect(Date.parse(synced.startedAt)).toBeGreaterThanOrEqual(Date.parse(routed.finishedAt));

    // Finalize: blue's container is stopped and removed, its port closed; the state says green runs V2.
    expect(blue).toBeDefined();
    expect(alive(blue?.pid ?? 0)).toBe(false);
    expect(containerNamed('backend-blue')).toBeUndefined();
    expect(await refusesConnections(`127.0.0.1:${blue?.port}`)).toBe(true);
    expect(state()).toMatchObject({
      activeSlot: 'green',
      activeVersion: V2,
      slots: { blue: { version: V1, up: false }, green: { version: V2, up: true } },
    });
  }, 60_000);

  it('weekly rehearsal (schedule): prepare then cancel; traffic never leaves green and the prepared blue is stopped again', async () => {
    const upstreamBefore = readFileSync(upstreamFile, 'utf8');
    const workersBefore = nginx.workers();
    const callsBefore = calls().length;
    const [run, load] = await underLoad(() => dispatch('rehearsal', {}, { name: 'schedule' }));

    expect(findStep(run, 'pick')?.outputs.version, log(findStep(run, 'pick'))).toBe(V2); // the active version
    expect(findStep(run, 'prepare')?.outputs.result, log(findStep(run, 'prepare'))).toBe('succeeded');
    expect(reportSteps(findStep(run, 'prepare')).map((step) => step.name)).toEqual([
      'preflight hook: ./deploy/preflight.sh',
      `deploy ${V2} to blue`,
      'gate blue before traffic',
    ]);
    expect(findStep(run, 'cancel')?.outputs.result, log(findStep(run, 'cancel'))).toBe('succeeded');
    expect(reportSteps(findStep(run, 'cancel')).map((step) => step.name)).toEqual(['retire prepared blue']);
    expect(run.jobs.rehearse?.result).toBe('success');

    // Traffic never moved: every request answered by green, the upstream file untouched, nginx not reloaded.
    expect(load.failed).toEqual([]);
    expect(load.sent).toBeGreaterThan(50);
    expect(Object.keys(load.byVersion)).toEqual([V2]);
    expect(readFileSync(upstreamFile, 'utf8')).toBe(upstreamBefore);
    expect(nginx.workers()).toEqual(workersBefore);

    // Blue was really up (compose up, health gate) and served no user request; it is stopped again.
    const during = calls().slice(callsBefore);
    expect(during.some((line) => line.includes('"web_project_backend_blue"') && line.includes('"up"'))).toBe(true);
    expect(during.some((line) => line.includes('"web_project_backend_blue"') && line.includes('"down"'))).toBe(true);
    expect(during.some((line) => line.includes('frontend-sync'))).toBe(false); // the live frontend is left alone
    const blueLog = readFileSync(join(standin, 'containers', containerLogs('backend-blue').at(-1) ?? ''), 'utf8');
    expect(blueLog).toMatch(new RegExp(`backend-blue ${V2} listening[\\s\\S]*served api=0 health=[1-9]`));
    expect(containerNamed('backend-blue')).toBeUndefined();
    expect(frontend()).toContain(`app-${V2}.js`);
    expect(state()).toMatchObject({ activeSlot: 'green', activeVersion: V2, slots: { blue: { up: false } } });
    expect(state().history.slice(0, 2)).toMatchObject([
      { phase: 'cancel', result: 'succeeded' },
      { phase: 'prepare', version: V2, result: 'succeeded' },
    ]);
  }, 60_000);

  it('rollback: a switched-but-not-finalized V3 is switched back to V2 by the rollback workflow, then `shipgate rollback` redeploys V1', async () => {
    // §2 steps 2–3 by hand: prepare V3 on blue, switch the gateway to it (finalize not run yet).
    const [[prepare, switched], load] = await underLoad(async () => [
      await dispatch('phase', { phase: 'prepare', version: V3 }),
      await dispatch('phase', { phase: 'switch', version: V3 }),
    ]);
    expect(findStep(prepare, 'deploy')?.outputs.result, log(findStep(prepare, 'deploy'))).toBe('succeeded');
    expect(findStep(switched, 'deploy')?.outputs.result, log(findStep(switched, 'deploy'))).toBe('succeeded');
    expect(await gatewayVersions(3)).toEqual([V3, V3, V3]);
    expect(frontend()).toContain(`app-${V3}.js`); // the switch ran the after-traffic hook
    expect(containerNamed('backend-green')).toBeDefined(); // V2 still runs: the switch-back target

    // §3.2: the rollback workflow routes back to green (V2) in one reload and syncs V2's frontend.
    const [rollback, backLoad] = await underLoad(() =>
      dispatch('rollback', { to_version: '', reason: 'checkout errors after V3' }),
    );
    const step = findStep(rollback, 'rollback');
    expect(step?.outputs, log(step)).toMatchObject({ result: 'rolled-back', 'from-version': V3, 'to-version': V2 });
    expect(rollback.jobs.rollback?.result).toBe('success');
    expect(await gatewayVersions(5)).toEqual([V2, V2, V2, V2, V2]);
    expect(frontend()).toContain(`app-${V2}.js`);
    expect(containerNamed('backend-blue')).toBeUndefined(); // V3's color, stopped after the delay
    expect(load.failed).toEqual([]);
    expect(backLoad.failed).toEqual([]);
    expect(Object.keys(backLoad.byVersion).sort()).toEqual([V2, V3]);

    // §3.1 with GitHub down, on the host: `shipgate rollback` picks the last version that served all
    // traffic and was not rolled back from (V1, not V3), deploys it to the idle blue and switches to it.
    const cli = spawnSync(
      node24,
      [
        join(repoRoot, 'dist', 'cli', 'index.js'),
        ...['rollback', '--service', 'backend', '--environment', 'production'],
        ...['--state-file', stateFile, '--reason', 'V2 too'],
      ],
      { cwd: workspace, encoding: 'utf8', env: { ...runnerEnv, HOME: temp } },
    );
    expect(cli.status, `${cli.stdout}${cli.stderr}`).toBe(0);
    expect(await gatewayVersions(5)).toEqual([V1, V1, V1, V1, V1]);
    expect(containerNamed('backend-blue')?.image).toBe(`ghcr.io/example/web-project-backend:${V1}`);
    expect(containerNamed('backend-green')).toBeUndefined();
    // The frontend, as the README says for a rollback from the host: the hook, with the version rolled back to.
    const sync = spawnSync('sh', ['./deploy/sync-frontend.sh'], {
      cwd: workspace,
      encoding: 'utf8',
      env: { ...runnerEnv, SHIPGATE_VERSION: V1 },
    });
    expect(sync.status, sync.stderr).toBe(0);
    expect(frontend()).toContain(`app-${V1}.js`);
    expect(state()).toMatchObject({ activeSlot: 'blue', activeVersion: V1 });
  }, 90_000);

  it('preflight: with application/backend/.env.production missing the deploy is aborted; nothing started, traffic unchanged', async () => {
    const envFile = join(root, 'application', 'backend', '.env.production');
    renameSync(envFile, `${envFile}.moved`);
    const upstreamBefore = readFileSync(upstreamFile, 'utf8');
    const containersBefore = readContainers(standin);
    const callsBefore = calls().length;
    const issuesBefore = emulator.state.issues.length;
    try {
      const [run, load] = await underLoad(() => dispatch('deploy', { version: V3 }));
      const deploy = findStep(run, 'deploy');
      expect(deploy?.outputs.result, log(deploy)).toBe('aborted');
      expect(deploy?.outputs['failure-reason']).toContain('application/backend/.env.production (missing)');
      expect(reportSteps(deploy).map((step) => [step.name, step.outcome])).toEqual([
        ['preflight hook: ./deploy/preflight.sh', 'failed'],
      ]);
      expect(run.jobs.deploy?.result).toBe('failure');
      expect(emulator.state.issues.length).toBe(issuesBefore); // an aborted deploy is no incident

      expect(calls().slice(callsBefore)).toEqual([]); // not one docker call: no pull, no compose up
      expect(readContainers(standin)).toEqual(containersBefore);
      expect(load.failed).toEqual([]);
      expect(Object.keys(load.byVersion)).toEqual([V1]);
      expect(readFileSync(upstreamFile, 'utf8')).toBe(upstreamBefore);
      expect(state()).toMatchObject({ activeSlot: 'blue', activeVersion: V1 });
    } finally {
      renameSync(`${envFile}.moved`, envFile);
    }
  }, 60_000);

  it('a prepared slot whose health stays DOWN is rolled back: traffic stays on blue, green is stopped, an incident opens', async () => {
    const upstreamBefore = readFileSync(upstreamFile, 'utf8');
    const [run, load] = await underLoad(() => dispatch('deploy', { version: BAD }));

    const deploy = findStep(run, 'deploy');
    expect(deploy?.outputs.result, log(deploy)).toBe('rolled-back');
    expect(deploy?.outputs['failure-reason']).toMatch(
      /^gate failed: http:\/\/127\.0\.0\.1:\d+\/actuator\/health: not healthy within 3s: 503 .*"status":"DOWN"/,
    );
    expect(reportSteps(deploy).map((step) => [step.name, step.outcome])).toEqual([
      ['preflight hook: ./deploy/preflight.sh', 'succeeded'],
      [`deploy ${BAD} to green`, 'succeeded'],
      ['gate green before traffic', 'failed'],
      [`retire green (${BAD})`, 'succeeded'],
      [`verify recovery: blue (${V1}) for 1s`, 'succeeded'], // blue gated again after the rollback
    ]);

    // Traffic never left blue; the DOWN build is stopped; the frontend was never synced.
    expect(load.failed).toEqual([]);
    expect(Object.keys(load.byVersion)).toEqual([V1]);
    expect(readFileSync(upstreamFile, 'utf8')).toBe(upstreamBefore);
    expect(containerNamed('backend-green')).toBeUndefined();
    expect(frontend()).toContain(`app-${V1}.js`);
    expect(state()).toMatchObject({ activeSlot: 'blue', activeVersion: V1, slots: { green: { up: false } } });

    // Runbook §5.1 (Backend 헬스체크 실패): the incident issue holds the evidence, in Korean.
    const opened = findStep(run, 'open');
    expect(opened?.outputs['action-taken'], log(opened)).toBe('created');
    const issue = emulator.state.issues.at(-1);
    expect(issue?.title).toBe(`[SEV-2] backend/production: ${BAD} 배포 실패, ${V1} 버전으로 자동 롤백`);
    expect(issue?.body).toContain('원인');
    expect(issue?.body).toContain('"status":"DOWN"');
  }, 60_000);

  it("the example's workflows pass actionlint, follow the workflow rules and give shipgate's actions and workflows only inputs they take", async () => {
    const dir = join(EXAMPLE, 'workflows');
    const files = readdirSync(dir)
      .sort()
      .map((file) => join(dir, file));
    expect(files.map((file) => file.slice(dir.length + 1))).toEqual([
      'deploy.yml',
      'phase.yml',
      'rehearsal.yml',
      'rollback.yml',
    ]);
    const findings = (await lintWorkflows(files)) as Array<{
      path: string;
      line: number;
      kind: string;
      message: string;
    }>;
    // The deploy host's runner label is the one finding actionlint cannot know to be right.
    const unexpected = findings.filter(
      (finding) => !(finding.kind === 'runner-label' && /"web-project-prod" is unknown/.test(finding.message)),
    );
    expect(unexpected.map((f) => `${f.path}:${f.line}: ${f.message} [${f.kind}]`)).toEqual([]);

    const inputsOf = (uses: string): string[] => {
      const action = /^shipgate\/shipgate\/actions\/([a-z]+)@[0-9a-f]{40}$/.exec(uses)?.[1];
      const called = /^shipgate\/shipgate\/\.github\/workflows\/([\w-]+\.yml)@[0-9a-f]{40}$/.exec(uses)?.[1];
      if (action)
        return Object.keys(readYaml<{ inputs: object }>(join(repoRoot, 'actions', action, 'action.yml')).inputs);
      if (called) {
        const workflow = readYaml<{ on: { workflow_call: { inputs: object } } }>(
          join(repoRoot, '.github', 'workflows', called),
        );
        return Object.keys(workflow.on.workflow_call.inputs);
      }
      throw new Error(`${uses} is neither shipgate's (pinned to a commit) nor actions/checkout`);
    };
    for (const file of files) {
      const workflow = readYaml<Workflow>(file);
      // SPEC §7: no permissions at the top, no pull_request_target, values into run: only through env:.
      expect(workflow.permissions, file).toEqual({});
      expect(Object.keys(workflow.on), file).not.toContain('pull_request_target');
      for (const job of Object.values(workflow.jobs)) {
        for (const user of [job, ...(job.steps ?? [])]) {
          if ('run' in user) expect(user.run, file).not.toContain('${{');
          if (!user.uses) continue;
          if (user.uses.startsWith('actions/checkout@')) {
            expect(user.uses, file).toMatch(/^actions\/checkout@[0-9a-f]{40}$/);
            continue;
          }
          const known = inputsOf(user.uses);
          for (const key of Object.keys(user.with ?? {})) expect(known, `${file}: ${user.uses}: ${key}`).toContain(key);
        }
      }
    }
  }, 60_000);
});
