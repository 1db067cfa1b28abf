import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { lintWorkflows } from '../../scripts/workflow-lint.mjs';
import { freePort } from '../support/deploy-workspace.js';
import { type GitHubEmulator, startGitHubEmulator } from '../support/github-emulator/index.js';
import { repoRoot } from '../support/paths.js';
import { allJobs, type JobRun, runWorkflow, type WorkflowRun } from '../support/workflow-runner.js';

/**
 * Example 002 (DWP backend, runbook 002) end to end: the example's release.yml run by the workflow
 * interpreter (test/support/workflow-runner.ts) as GitHub would run it — its jobs calling this
 * repository's reusable deploy.yml and rollback.yml, whose steps run the committed action bundles — with
 * the GitHub emulator as the API and its deployments as the state (state `auto` = `github` inside
 * Actions), and the example's own hooks (start.sh, stop.sh, preflight.sh, infrastructure.sh) starting and
 * stopping real processes on loopback.
 *
 * Stood in, through documented seams only (README "What the test stands in"): `java` (a PATH entry that
 * serves a "jar" — JSON written here — as a Spring actuator would), `docker compose` for PostgreSQL and
 * Redis (a PATH entry that starts two TCP ports), the deploy host's directory (SHIPGATE_DWP_HOME), and in
 * the copied shipgate.yml only the ports (free ones instead of the runbook's 8080…) and the gate's
 * timings (100 ms probes, a 3 s deadline).
 */

const example = join(repoRoot, 'examples', '002-dwp');
const standIns = join(repoRoot, 'test', 'support', 'examples-002-dwp');

const SERVICES = [
  { service: 'gateway', module: 'dwp-gateway' },
  { service: 'auth', module: 'dwp-auth-server' },
  { service: 'main', module: 'dwp-main-service' },
  { service: 'mail', module: 'mail-service' },
  { service: 'chat', module: 'chat-service' },
  { service: 'approval', module: 'approval-service' },
] as const;
type Service = (typeof SERVICES)[number]['service'];
const DOMAIN: readonly Service[] = ['mail', 'chat', 'approval'];
const moduleOf = (service: Service) => SERVICES.find((s) => s.service === service)?.module as string;

interface World {
  readonly root: string;
  readonly workspace: string;
  /** SHIPGATE_DWP_HOME: releases/, env/, run/, logs/ of the "deploy host". */
  readonly home: string;
  /** The infrastructure stand-ins' pid files. */
  readonly infra: string;
  readonly events: string;
  readonly ports: Record<Service, number>;
  readonly postgresPort: number;
  readonly redisPort: number;
  readonly emulator: GitHubEmulator;
}

let world: World;

/** Whether a process still runs: an exited one may wait as a zombie until its (re)parent reaps it. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function setUp(): Promise<World> {
  const root = mkdtempSync(join(tmpdir(), 'shipgate-dwp-'));
  const workspace = join(root, 'checkout');
  const home = join(root, 'dwp');
  const infra = join(root, 'infra');
  for (const dir of [
    join(workspace, '.github', 'workflows'),
    join(workspace, 'deploy'),
    join(home, 'releases'),
    join(home, 'env'),
    infra,
  ])
    mkdirSync(dir, { recursive: true });
  const ports = {} as Record<Service, number>;
  for (const { service } of SERVICES) ports[service] = await freePort();
  const postgresPort = await freePort();
  const redisPort = await freePort();

  // The repository as a DWP developer lays it out: the config, the release workflow, the hooks.
  const config = parseYaml(readFileSync(join(example, 'shipgate.yml'), 'utf8')) as {
    services: Record<string, { environments: { production: Record<string, Record<string, unknown>> } }>;
  };
  for (const { service } of SERVICES) {
    const production = config.services[service]?.environments.production;
    if (!production?.target || !production.health) throw new Error(`shipgate.yml: no ${service}/production`);
    const runbookPort = /:(\d+)$/.exec(String((production.target.instances as string[])[0]))?.[1];
    expect(runbookPort, service).toMatch(/^80(80|01|8[1-4])$/);
    production.target = { ...production.target, instances: [`127.0.0.1:${ports[service]}`] };
    production.health = { ...production.health, interval: '100ms', timeout: '1s', deadline: '3s' };
  }
  writeFileSync(join(workspace, '.github', 'shipgate.yml'), stringify(config));
  copyFileSync(join(example, 'workflows', 'release.yml'), join(workspace, '.github', 'workflows', 'release.yml'));
  for (const file of readdirSync(example).filter((name) => name.endsWith('.sh') || name === 'docker-compose.yml'))
    copyFileSync(join(example, file), join(workspace, 'deploy', file));

  // The services' environment files on the host (필수 환경 변수), pointing at the stand-ins' ports.
  const database = ['DB_HOST=127.0.0.1', `DB_PORT=${postgresPort}`, 'DB_USERNAME=dwp_user', 'DB_PASSWORD=dwp_password'];
  const envFiles: Record<Service, string[]> = {
    gateway: [
      `SERVICE_AUTH_URL=http://127.0.0.1:${ports.auth}`,
      `SERVICE_MAIN_URL=http://127.0.0.1:${ports.main}`,
      `SERVICE_MAIL_URL=http://127.0.0.1:${ports.mail}`,
      `SERVICE_CHAT_URL=http://127.0.0.1:${ports.chat}`,
      `SERVICE_APPROVAL_URL=http://127.0.0.1:${ports.approval}`,
      'AURA_PLATFORM_URI=http://127.0.0.1:9',
    ],
    auth: [...database, 'JWT_SECRET=your_shared_secret_key_must_be_at_least_256_bits_long_for_HS256'],
    main: database,
    mail: database,
    chat: database,
    approval: database,
  };
  for (const { service } of SERVICES)
    writeFileSync(join(home, 'env', `${service}.env`), `${envFiles[service].join('\n')}\n`, { mode: 0o600 });

  const emulator = await startGitHubEmulator({ repo: 'dwp-backend' });
  return { root, workspace, home, infra, events: join(root, 'events.jsonl'), ports, postgresPort, redisPort, emulator };
}

async function tearDown(): Promise<void> {
  if (!world) return;
  const pids = [join(world.home, 'run'), world.infra].flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((name) => name.endsWith('.pid'))
          .map((name) => Number(readFileSync(join(dir, name), 'utf8').trim()))
      : [],
  );
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline && pids.some(running)) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(world.emulator.violations()).toEqual([]);
  expect(world.emulator.requestViolations()).toEqual([]);
  await world.emulator.close();
  rmSync(world.root, { recursive: true, force: true });
}

/** CI's artifacts: one "jar" per service, with how that build behaves (its actuator states). */
function build(version: string, behaviour: Partial<Record<Service, { liveness?: string; readiness?: string }>> = {}) {
  for (const { service, module } of SERVICES)
    writeFileSync(
      join(world.home, 'releases', `${module}-${version}.jar`),
      JSON.stringify({ module, version, ...behaviour[service] }),
    );
}

function release(version: string): Promise<WorkflowRun> {
  return runWorkflow({
    workflow: join(world.workspace, '.github', 'workflows', 'release.yml'),
    workspace: world.workspace,
    inputs: { version },
    apiUrl: world.emulator.url,
    repo: 'dwp-backend',
    // The deploy host's runner: its PATH (with the java and docker stand-ins) and where DWP lives.
    env: {
      PATH: `${standIns}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      HOME: process.env.HOME ?? world.root,
      SHIPGATE_DWP_HOME: world.home,
      DWP_TEST_DIR: world.infra,
      DWP_TEST_POSTGRES_PORT: String(world.postgresPort),
      DWP_TEST_REDIS_PORT: String(world.redisPort),
      DWP_TEST_EVENTS: world.events,
    },
    stepTimeoutMs: 60_000,
    // DWP_TEST_TRACE=1 prints every step with its time, for looking into a slow or failing run.
    ...(process.env.DWP_TEST_TRACE
      ? {
          onStep: (job, step) => console.log(`${Math.round(step.durationMs)} ms ${job}: ${step.name}: ${step.outcome}`),
        }
      : {}),
  });
}

interface StandInEvent {
  readonly event: 'started' | 'stopped';
  readonly module: string;
  readonly version: string;
  readonly at: number;
  readonly answered?: Record<string, Record<string, number>>;
}
const events = (): StandInEvent[] =>
  existsSync(world.events)
    ? readFileSync(world.events, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as StandInEvent)
    : [];
const starts = (since = 0) => events().filter((e) => e.event === 'started' && e.at >= since);
const startsOf = (since: number, version: string) =>
  starts(since)
    .filter((e) => e.version === version)
    .map((e) => SERVICES.find((s) => s.module === e.module)?.service as Service);

/** What each service runs and whether it is live and ready, read from its actuator. */
async function versions(): Promise<Record<Service, string>> {
  const out = {} as Record<Service, string>;
  for (const { service } of SERVICES) {
    const base = `http://127.0.0.1:${world.ports[service]}/actuator`;
    const info = await fetch(`${base}/info`).then((r) => r.json() as Promise<{ build: { version: string } }>);
    const live = (await fetch(`${base}/health/liveness`)).status;
    const ready = (await fetch(`${base}/health/readiness`)).status;
    out[service] = `${info.build.version}${live === 200 && ready === 200 ? '' : ` (live ${live}, ready ${ready})`}`;
  }
  return out;
}
const everyService = (version: string) =>
  Object.fromEntries(SERVICES.map(({ service }) => [service, version])) as Record<Service, string>;

const job = (run: WorkflowRun, path: string): JobRun => {
  const found = allJobs(run).find((j) => j.path === path);
  if (!found)
    throw new Error(
      `no job ${path}; jobs: ${allJobs(run)
        .map((j) => j.path)
        .join(', ')}`,
    );
  return found;
};
/** A readable account of a run, for failure messages. */
const account = (run: WorkflowRun) =>
  allJobs(run)
    .map(
      (j) =>
        `${j.path}: ${j.result} ${JSON.stringify(j.outputs)}${j.steps
          .filter((s) => s.outcome === 'failure')
          .map((s) => `\n  ${s.name}: ${s.log.slice(-1500)}`)
          .join('')}`,
    )
    .join('\n');

/** The rollback deployments the rollback action recorded, per service. */
const rollbacksRecorded = () =>
  world.emulator.state.deployments
    .filter((d) => (d.payload as { kind?: string }).kind === 'rollback')
    .map((d) => (d.payload as { service: string; version: string }).service);

// One deploy host for the whole file: releasing six services through the reusable workflows takes ~15 s
// (the bundles space their GitHub writes a second apart, as GitHub asks), so the first release, 1.0.0,
// is made once; the two failing releases each end with every service back on it (which they check), and
// the successful upgrade runs last.
describe('examples/002-dwp: the DWP release workflow, run for real', () => {
  let baseline: WorkflowRun;
  beforeAll(async () => {
    world = await setUp();
    build('1.0.0');
    baseline = await release('1.0.0');
  }, 90_000);
  afterAll(tearDown);

  it('the first release starts every service, in the runbook order, on 1.0.0', async () => {
    expect(baseline.conclusion, account(baseline)).toBe('success');
    expect(startsOf(0, '1.0.0').slice(0, 3)).toEqual(['gateway', 'auth', 'main']);
    expect(await versions()).toEqual(everyService('1.0.0'));
    for (const service of ['gateway', 'auth', 'main'] as const)
      expect(job(baseline, service).outputs, service).toMatchObject({ result: 'succeeded', 'previous-version': '' });
  });

  it('a gateway that is live but not ready blocks the release: it rolls back, and nothing after it starts', async () => {
    expect(await versions()).toEqual(everyService('1.0.0'));
    build('1.0.1', { gateway: { liveness: 'UP', readiness: 'DOWN' } });
    const since = Date.now();
    const run = await release('1.0.1');
    expect(run.conclusion).toBe('failure');
    expect(job(run, 'gateway').outputs, account(run)).toMatchObject({
      result: 'rolled-back',
      'previous-version': '1.0.0',
    });
    expect(job(run, 'gateway').outputs['failure-reason']).toContain('/actuator/health/readiness');

    // Its liveness answered 200 the whole time: liveness alone would have let it through.
    const gateway = events().find((e) => e.event === 'stopped' && e.module === 'dwp-gateway' && e.version === '1.0.1');
    expect(gateway?.answered?.['/actuator/health/liveness']).toEqual({ 200: expect.any(Number) });
    expect(Object.keys(gateway?.answered?.['/actuator/health/readiness'] ?? {})).toEqual(['503']);

    // Nothing after the gateway ran, and there was nothing else to undo.
    for (const path of [
      'auth',
      'main',
      'domain',
      'domain-rollbacks',
      'main-rollback',
      'auth-rollback',
      'gateway-rollback',
    ])
      expect(job(run, path).result, path).toBe('skipped');
    expect(startsOf(since, '1.0.1')).toEqual(['gateway']);
    expect(startsOf(since, '1.0.0')).toEqual(['gateway']);
    expect(await versions()).toEqual(everyService('1.0.0'));
  }, 60_000);

  it('a domain service failing its readiness gate rolls itself back, and the services released before it roll back in reverse order to exactly their previous versions', async () => {
    expect(await versions()).toEqual(everyService('1.0.0'));
    // chat 1.0.2 starts and is live, but never ready.
    build('1.0.2', { chat: { readiness: 'DOWN' } });
    const since = Date.now();
    const rollbacksBefore = rollbacksRecorded().length;
    const run = await release('1.0.2');
    expect(run.conclusion).toBe('failure');

    // chat rolled itself back (its own deploy's undo); mail and approval were released.
    expect(job(run, 'domain (chat)').outputs, account(run)).toMatchObject({
      result: 'rolled-back',
      'previous-version': '1.0.0',
    });
    expect(job(run, 'domain (chat)').outputs['failure-reason']).toContain('/actuator/health/readiness');
    for (const service of ['mail', 'approval'])
      expect(job(run, `domain (${service})`).outputs, service).toMatchObject({ result: 'succeeded' });

    // The plan read from the deployments: mail and approval back to 1.0.0, chat not again.
    const plan = JSON.parse(job(run, 'domain-rollbacks').outputs.rollbacks ?? '[]') as Array<Record<string, string>>;
    expect(plan.sort((a, b) => String(a.service).localeCompare(String(b.service)))).toEqual([
      { service: 'approval', to_version: '1.0.0' },
      { service: 'mail', to_version: '1.0.0' },
    ]);
    for (const path of [
      'domain-rollback (approval, 1.0.0)',
      'domain-rollback (mail, 1.0.0)',
      'main-rollback',
      'auth-rollback',
      'gateway-rollback',
    ])
      expect(job(run, path).result, `${path}\n${account(run)}`).toBe('success');
    for (const service of ['main', 'auth', 'gateway'])
      expect(job(run, `${service}-rollback`).outputs, service).toMatchObject({
        result: 'rolled-back',
        'from-version': '1.0.2',
        'to-version': '1.0.0',
      });

    // The order the 1.0.0 JVMs came back in: chat first (its own rollback), then mail and approval (in
    // parallel), then main, auth, gateway — and each service exactly once.
    const restored = startsOf(since, '1.0.0');
    expect(restored[0]).toBe('chat');
    expect([...restored.slice(1, 3)].sort()).toEqual(['approval', 'mail']);
    expect(restored.slice(3)).toEqual(['main', 'auth', 'gateway']);
    expect(rollbacksRecorded().slice(rollbacksBefore).sort()).toEqual(['approval', 'auth', 'gateway', 'mail', 'main']);

    // The runbook's outcome: every service back on 1.0.0, live and ready, and an incident open for chat.
    expect(await versions()).toEqual(everyService('1.0.0'));
    const incidents = world.emulator.state.issues.filter((issue) => issue.labels.includes('incident'));
    expect(incidents.filter((issue) => issue.state === 'open').map((issue) => issue.title)).toEqual([
      expect.stringContaining('chat/production'),
    ]);
  }, 90_000);

  it('releases every service in the runbook order: infrastructure, gateway, auth, main, then the domain services in parallel', async () => {
    expect(await versions()).toEqual(everyService('1.0.0'));
    build('1.1.0');
    const since = Date.now();
    const run = await release('1.1.0');
    expect(run.conclusion, account(run)).toBe('success');
    expect(await versions()).toEqual(everyService('1.1.0'));

    // The order the JVMs started in, as the stand-ins recorded it: gateway, auth, main, then the three
    // domain services (in any order among themselves: they run in parallel).
    const order = startsOf(since, '1.1.0');
    expect(order.slice(0, 3)).toEqual(['gateway', 'auth', 'main']);
    expect([...order.slice(3)].sort()).toEqual([...DOMAIN].sort());
    // Each started only after the one before had passed its gate (its job had finished).
    const startedAt = (service: Service) => starts(since).find((e) => e.module === moduleOf(service))?.at ?? 0;
    expect(startedAt('gateway')).toBeGreaterThanOrEqual(job(run, 'infrastructure').finishedAt);
    expect(startedAt('auth')).toBeGreaterThanOrEqual(job(run, 'gateway').finishedAt);
    expect(startedAt('main')).toBeGreaterThanOrEqual(job(run, 'auth').finishedAt);
    for (const service of DOMAIN) expect(startedAt(service)).toBeGreaterThanOrEqual(job(run, 'main').finishedAt);
    // The infrastructure was started once, by the first release; this one found it running.
    expect(
      job(run, 'infrastructure')
        .steps.map((step) => step.log)
        .join(''),
    ).toContain('dwp-postgres-1  Running');

    // Each deploy replaced exactly the release before it; nothing was rolled back; the incidents the
    // failed releases opened are resolved by the good deploys of the same services.
    for (const service of ['gateway', 'auth', 'main'] as const)
      expect(job(run, service).outputs, service).toMatchObject({
        result: 'succeeded',
        version: '1.1.0',
        'previous-version': '1.0.0',
      });
    for (const service of DOMAIN) expect(job(run, `domain (${service})`).result).toBe('success');
    expect(allJobs(run).filter((j) => /rollback/.test(j.id) && j.result !== 'skipped')).toEqual([]);
    const open = world.emulator.state.issues.filter(
      (issue) => issue.labels.includes('incident') && issue.state === 'open',
    );
    expect(open).toEqual([]);
  }, 60_000);

  it('release.yml passes actionlint', async () => {
    const findings = (await lintWorkflows([join(example, 'workflows', 'release.yml')])) as Array<{
      kind: string;
      message: string;
      line: number;
    }>;
    // actionlint cannot fetch shipgate/shipgate's reusable workflows offline, and does not know the
    // deploy host's runner label.
    const expected = (f: { kind: string; message: string }) =>
      f.kind === 'runner-label' && /custom label/.test(f.message);
    expect(findings.filter((f) => !expected(f)).map((f) => `${f.line}: ${f.message} [${f.kind}]`)).toEqual([]);
  });
});
