import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { type ActionRun, runAction } from '../support/action-runner.js';
import { type CliRun, runCli } from '../support/cli.js';
import { freePort } from '../support/deploy-workspace.js';
import { DOCKER_CLI, type Dockerd, freePortPrefix, startDockerd } from '../support/dockerd.js';
import { type GitHubEmulator, startGitHubEmulator } from '../support/github-emulator/index.js';
import { startProbe } from '../support/load-probe.js';
import { type RunningNginx, startNginx } from '../support/nginx.js';
import { type NotificationReceivers, startNotificationReceivers } from '../support/notification-receivers.js';
import { repoRoot } from '../support/paths.js';
import { type RunningPrometheus, startPrometheus } from '../support/prometheus.js';
import { createService, importWeaveImage, tasksOf, waitForTasks } from './examples-004-weave-api-swarm.js';

/**
 * examples/004-weave-api (runbook 004, Weave API on Docker Swarm) run for real: its shipgate.yml, with
 * only addresses, timings and the tools' paths made local, against a private dockerd and one-node swarm
 * (the stack's weave_api with two replicas, and the blue-green slot services weave_api_blue and
 * weave_api_green), real Prometheus scraping every task's port, real nginx in front of the slots, and a
 * stand-in of the Spring service (examples-004-weave-api-standin.mjs) that exposes Micrometer's
 * http_server_requests_seconds. The runbook's outcomes:
 *
 * - 1.3 수동 배포: the committed CLI deploys a good image; every task runs it and the error-rate and p95
 *   gates pass;
 * - 2.1 자동 롤백 + 3.4/4.2 (Slack #alerts, PagerDuty on-call): an image answering 5% errors is rolled
 *   back by the error-rate gate through `docker service rollback`, every task back on the previous image;
 *   then deploy.yml's "Open an incident" step opens the issue, posts once to Slack and pages PagerDuty once;
 * - 1.1 Blue-Green + 2.4 Blue-Green 롤백: a slow image takes all traffic through nginx, fails p95, and
 *   traffic goes back to the old slot's service.
 *
 * Only GitHub, Slack and PagerDuty are emulated. Images are `docker import`ed under a loopback registry
 * name on a closed port (no registry, and no pull ever leaves the machine); tasks run on the host network.
 */

const TOKEN = 'ghs_weaveApiIncident004e2e';
const ROUTING_KEY = 'W3AV3AP1R0UT1NGK3Y32CHARACTERS00';
/** The run of the example's workflow: its deploy and incident steps are one job of one run. */
const RUN = { GITHUB_WORKFLOW: 'CD - Deploy to Production', GITHUB_JOB: 'deploy', GITHUB_RUN_ID: '4004' };

let daemon: Dockerd;
let dir: string;
let stateFile: string;
let image: (version: string) => string;
let rolling: string[];
let slots: { blue: string; green: string };
let nginx: RunningNginx;
let prometheus: RunningPrometheus;
let github: GitHubEmulator;
let receivers: NotificationReceivers;

type Json = Record<string, unknown>;

/** Sets `obj[key]` after checking the example has that key, so a change of the example's shape fails here. */
function replace(obj: Json, key: string, value: unknown): void {
  if (!(key in obj)) throw new Error(`examples/004-weave-api/shipgate.yml has no '${key}' where the test expects it`);
  obj[key] = value;
}

/**
 * The example's config with what only a real site has made local: the image's registry, the docker CLI,
 * addresses, Prometheus and nginx, and timings sized for a test. Service names, health URLs and
 * thresholds, the metric queries and their max, the update order and the incident block stay as committed.
 */
function localConfig(): string {
  const config = parseYaml(readFileSync(join(repoRoot, 'examples', '004-weave-api', 'shipgate.yml'), 'utf8')) as {
    services: { 'weave-api': { environments: Record<string, Json> } };
  };
  const environments = config.services['weave-api'].environments;
  for (const name of ['production', 'production-blue-green']) {
    const env = environments[name] as Json & { target: Json; health: Json; analysis: { metrics: Json[] } };
    replace(env.target, 'image', image('{version}'));
    replace(env.target, 'docker', DOCKER_CLI);
    replace(env.target, 'timeout', '60s');
    for (const [key, value] of Object.entries({ interval: '250ms', timeout: '1s', deadline: '15s', duration: '6s' }))
      replace(env.health, key, value);
    replace(env.analysis, 'prometheus-url', prometheus.url);
    for (const metric of env.analysis.metrics) replace(metric, 'interval', '3s');
  }
  const production = environments.production as { target: Json; rolling: Json };
  replace(production.target, 'addresses', rolling);
  replace(production.rolling, 'pause', '0s');
  const blueGreen = environments['production-blue-green'] as { target: { slots: Record<string, Json> }; router: Json };
  replace(blueGreen.target.slots.blue ?? {}, 'addresses', [slots.blue]);
  replace(blueGreen.target.slots.green ?? {}, 'addresses', [slots.green]);
  replace(blueGreen.router, 'upstream-file', join(dir, 'weave-api-upstream.conf'));
  replace(blueGreen.router, 'test', nginx.testCommand);
  replace(blueGreen.router, 'reload', nginx.reloadCommand);
  replace(blueGreen as Json, 'blue-green', { 'scale-down-delay': '1s' });
  return stringify(config);
}

beforeAll(async () => {
  daemon = await startDockerd();
  dir = mkdtempSync(join(tmpdir(), 'shipgate-004-'));
  mkdirSync(join(dir, '.github'));
  stateFile = join(dir, 'shipgate-state', 'state.json');
  // The ECR path of the example under a registry that does not exist, on loopback's discard port, which
  // nothing serves: Swarm tries to pull on every task start and falls back to the image the node holds.
  image = (version) => `127.0.0.1:9/weave-api/prod:${version}`;
  await importWeaveImage(daemon, image('1.0.0'), '1.0.0');
  await Promise.all([
    importWeaveImage(daemon, image('2.0.0'), '2.0.0'),
    importWeaveImage(daemon, image('3.0.0'), '3.0.0', { errorEvery: 20 }),
    importWeaveImage(daemon, image('4.0.0'), '4.0.0'),
    importWeaveImage(daemon, image('5.0.0'), '5.0.0', { delayMs: 2_100 }),
  ]);

  const prefix = await freePortPrefix();
  rolling = [`127.0.0.1:${prefix}1`, `127.0.0.1:${prefix}2`];
  slots = { blue: `127.0.0.1:${await freePort()}`, green: `127.0.0.1:${await freePort()}` };
  const port = (address: string) => address.split(':')[1] ?? '';
  await createService(daemon, 'weave_api', image('1.0.0'), { replicas: 2, port: `${prefix}{{.Task.Slot}}` });
  await createService(daemon, 'weave_api_blue', image('1.0.0'), { replicas: 1, port: port(slots.blue) });
  await createService(daemon, 'weave_api_green', image('1.0.0'), { replicas: 0, port: port(slots.green) });

  const upstreamFile = join(dir, 'weave-api-upstream.conf');
  writeFileSync(upstreamFile, `upstream weave_api { server ${slots.blue}; }\n`);
  [nginx, prometheus, github, receivers] = await Promise.all([
    startNginx({ upstreamFile, upstreamName: 'weave_api' }),
    startPrometheus({ targets: [...rolling, slots.blue, slots.green], scrapeIntervalMs: 500 }),
    startGitHubEmulator({ tokens: { [TOKEN]: { issues: 'write', metadata: 'read' } } }),
    startNotificationReceivers(),
  ]);
  writeFileSync(join(dir, '.github', 'shipgate.yml'), localConfig());
  await waitForTasks(daemon, 'weave_api', [`${image('1.0.0')} Running`, `${image('1.0.0')} Running`]);
  await waitForTasks(daemon, 'weave_api_blue', [`${image('1.0.0')} Running`]);
}, 120_000);

afterAll(async () => {
  await Promise.all([nginx?.stop(), prometheus?.stop(), github?.close(), receivers?.close()]);
  await daemon?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** The committed CLI, as an operator runs it on the manager (runbook 1.3), against the private daemon. */
function cli(...args: string[]): Promise<CliRun> {
  return runCli(args, { cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1', ...daemon.env } });
}

/** deploy.yml's "Deploy" step, with the inputs the example's workflow.yml gives it. */
function deployStep(environment: string, version: string): Promise<ActionRun> {
  return runAction({
    action: 'deploy',
    cwd: dir,
    env: { ...daemon.env, ...RUN },
    inputs: {
      service: 'weave-api',
      environment,
      version,
      strategy: '',
      'rollback-on-error': 'true',
      config: '.github/shipgate.yml',
      state: 'file',
      'state-file': stateFile,
    },
    timeoutMs: 120_000,
  });
}

interface Measurement {
  readonly value: number | null;
  readonly verdict: string;
}
interface ReportStep {
  readonly name: string;
  readonly outcome: string;
  readonly rollback?: boolean;
  readonly gate?: {
    verdict: string;
    reason: string | null;
    metrics?: Array<{ name: string; verdict: string; measurements: Measurement[] }>;
  };
}
interface Report {
  readonly result: string;
  readonly version: string;
  readonly previousVersion: string | null;
  readonly failureReason: string | null;
  readonly rollback: { attempted: boolean; succeeded: boolean };
  readonly steps: ReportStep[];
}

/** Every metric measurement of the report's steps whose name matches, as `metric verdict value`. */
function measured(report: Report, step: RegExp): string[] {
  return report.steps
    .filter((s) => step.test(s.name))
    .flatMap((s) => s.gate?.metrics ?? [])
    .flatMap((metric) => metric.measurements.map((m) => `${metric.name} ${m.verdict} ${m.value}`));
}

/** Polls an address until every answer for a second comes from `version` (bounded). */
async function waitForVersion(url: string, version: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let streak = 0;
  let last = '';
  while (Date.now() < deadline && streak < 10) {
    const body = (await fetch(url)
      .then((res) => res.json())
      .catch(() => ({}))) as { version?: string };
    last = body.version ?? '?';
    streak = last === version ? streak + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(last, `${url} answers`).toBe(version);
}

/** The API's users: steady requests to every address of the rolling service. */
function usersOfRolling() {
  const probes = rolling.map((address) =>
    startProbe(`http://${address}/api/v1/schedules`, { concurrency: 4, rate: 40 }),
  );
  return { stop: () => Promise.all(probes.map((probe) => probe.stop())) };
}

describe('examples/004-weave-api: rolling on Swarm (production)', () => {
  it('1.3 manual deploy: the CLI puts every task of weave_api on the good image, the error-rate and p95 gates passing', async () => {
    const users = usersOfRolling();
    const run = await cli(
      ...['deploy', '--environment', 'production', '--version', '2.0.0'],
      ...['--state-file', stateFile, '--json'],
    );
    await users.stop();
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.result).toBe('succeeded');
    expect(await tasksOf(daemon, 'weave_api')).toEqual([`${image('2.0.0')} Running`, `${image('2.0.0')} Running`]);
    const watch = measured(report, /^watch weave_api/);
    expect(watch.length).toBeGreaterThanOrEqual(2);
    for (const line of watch) expect(line).toMatch(/^(error-rate|p95-latency) Successful \d/);
    expect(watch.filter((line) => line.startsWith('p95-latency'))).not.toEqual([]);
    for (const address of rolling) await waitForVersion(`http://${address}/api/v1/schedules`, '2.0.0');
  }, 90_000);

  it("2.1 automatic rollback: a build answering 5% errors is rolled back by Swarm's rollback, and the incident step opens the issue, tells Slack once and pages PagerDuty once", async () => {
    const users = usersOfRolling();
    const deploy = await deployStep('production', '3.0.0');
    await users.stop();
    expect(deploy.exitCode, deploy.stdout).toBe(1);
    expect(deploy.outputs.result).toBe('rolled-back');
    expect(deploy.outputs['previous-version']).toBe('2.0.0');
    expect(deploy.outputs['failure-reason']).toMatch(/error-rate/);
    const report = JSON.parse(deploy.outputs.report ?? '{}') as Report;
    expect(report.rollback).toMatchObject({ attempted: true, succeeded: true });
    // The error rate measured on 3.0.0 (one request in 20), while Swarm updated or after.
    console.log(`004 rolling: ${deploy.outputs['failure-reason']}`);
    const failed = measured(report, /weave_api/).filter((line) => line.startsWith('error-rate Failed'));
    expect(failed).not.toEqual([]);
    for (const line of failed) expect(Number(line.split(' ')[2])).toBeGreaterThanOrEqual(0.01);

    // Swarm's own rollback put the previous image back on every task; the record says 2.0.0.
    const updateStatus = JSON.parse(
      await daemon.docker('service', 'inspect', '--format', '{{json .UpdateStatus}}', 'weave_api'),
    ) as { State: string };
    expect(updateStatus.State).toBe('rollback_completed');
    expect(await tasksOf(daemon, 'weave_api')).toEqual([`${image('2.0.0')} Running`, `${image('2.0.0')} Running`]);
    for (const address of rolling) await waitForVersion(`http://${address}/api/v1/schedules`, '2.0.0');
    const status = await cli('status', '--environment', 'production', '--state-file', stateFile);
    expect(status.stdout).toContain('active version: 2.0.0');
    expect(status.stdout).not.toContain('drift:');

    // deploy.yml's "Open an incident": if failure() and the result is rolled-back or failed.
    const incident = await runAction({
      action: 'incident',
      apiUrl: github.url,
      token: TOKEN,
      cwd: dir,
      env: RUN,
      inputs: {
        action: 'open',
        service: 'weave-api',
        environment: 'production',
        'deploy-report': deploy.outputs.report ?? '',
        labels: '',
        assignees: '',
        language: '',
        'slack-webhook-url': receivers.slackUrl,
        'pagerduty-routing-key': ROUTING_KEY,
        // Not an input deploy.yml sets (it pages the real Events API): the local receiver stands in.
        'pagerduty-url': receivers.pagerDutyUrl,
      },
    });
    expect(incident.exitCode, incident.stdout).toBe(0);
    expect(incident.outputs).toMatchObject({ 'action-taken': 'created', created: 'true' });
    const [issue] = github.state.issues;
    expect(issue?.title).toBe('[SEV-2] weave-api/production: 3.0.0 배포 실패, 2.0.0 버전으로 자동 롤백');
    expect(issue?.labels).toEqual(expect.arrayContaining(['incident', 'sev-2', 'weave-api']));
    // The config's incident block: in Korean, the cause is the error rate measured on 3.0.0, the
    // mitigation Swarm's rollback, and the recovery verification the gates passing again on 2.0.0.
    const body = issue?.body ?? '';
    for (const section of ['영향', '원인', '임시조치', '복구검증', '후속조치', '타임라인'])
      expect(body).toContain(`## ${section}`);
    const cause = /\| `error-rate` \| ❌ 기준 초과 \| <= 0\.01 \| \*\*([\d.]+)\*\* \|/.exec(body);
    expect(Number(cause?.[1])).toBeGreaterThanOrEqual(0.01);
    expect(body).toContain('✅ 성공 `roll back to 2.0.0 (Swarm rollback)`');
    expect(body).toContain('✅ 롤백 후 헬스 게이트 통과');

    expect(receivers.slack).toHaveLength(1);
    expect(JSON.stringify(receivers.slack[0]?.payload)).toContain(JSON.stringify(issue?.title).slice(1, -1));
    expect(receivers.pagerDuty).toHaveLength(1);
    expect(receivers.pagerDuty[0]).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'weave-api/production',
      payload: { severity: 'error', source: 'weave-api/production', summary: issue?.title },
    });
    expect(receivers.violations()).toEqual([]);
    expect(github.violations()).toEqual([]);
  }, 90_000);
});

describe('examples/004-weave-api: blue-green on Swarm through nginx (production-blue-green)', () => {
  it('2.4 Blue-Green rollback: a slow build takes all traffic on weave_api_green, fails p95, and traffic goes back to weave_api_blue', async () => {
    const users = startProbe(`${nginx.url}/api/v1/schedules`, { concurrency: 8, rate: 40 });
    let slow: ActionRun;
    let traffic: Awaited<ReturnType<typeof users.stop>>;
    try {
      const first = await deployStep('production-blue-green', '4.0.0');
      expect(first.outputs.result, first.stdout).toBe('succeeded');
      expect(first.outputs['active-slot']).toBe('blue');
      expect(await tasksOf(daemon, 'weave_api_blue')).toEqual([`${image('4.0.0')} Running`]);
      slow = await deployStep('production-blue-green', '5.0.0');
    } finally {
      traffic = await users.stop();
    }
    expect(slow.exitCode, slow.stdout).toBe(1);
    expect(slow.outputs.result).toBe('rolled-back');
    expect(slow.outputs['active-slot']).toBe('blue');
    expect(slow.outputs['failure-reason']).toMatch(/p95-latency/);
    const report = JSON.parse(slow.outputs.report ?? '{}') as Report;
    const p95 = measured(report, /^watch green/).filter((line) => line.startsWith('p95-latency Failed'));
    expect(p95).not.toEqual([]);
    for (const line of p95) expect(Number(line.split(' ')[2])).toBeGreaterThanOrEqual(2);

    // 5.0.0 took real traffic through nginx, and lost it again: nginx routes to blue's service, whose
    // task runs 4.0.0, and green is scaled to 0.
    console.log(
      `004 blue-green through nginx: ${traffic.sent} requests, by version ${JSON.stringify(traffic.byVersion)}`,
    );
    expect(traffic.byVersion['5.0.0'] ?? 0).toBeGreaterThan(0);
    expect(traffic.failed).toEqual([]);
    expect(readFileSync(join(dir, 'weave-api-upstream.conf'), 'utf8')).toContain(slots.blue);
    expect(readFileSync(join(dir, 'weave-api-upstream.conf'), 'utf8')).not.toContain(slots.green);
    await waitForVersion(`${nginx.url}/api/v1/schedules`, '4.0.0');
    await waitForTasks(daemon, 'weave_api_green', []);
    expect(await tasksOf(daemon, 'weave_api_blue')).toEqual([`${image('4.0.0')} Running`]);
  }, 90_000);
});
