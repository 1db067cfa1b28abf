import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { lintWorkflows } from '../../scripts/workflow-lint.mjs';
import { type Load, startLoad } from '../support/demo-app/load.js';
import { freePort } from '../support/deploy-workspace.js';
import { type GitHubEmulator, startGitHubEmulator } from '../support/github-emulator/index.js';
import { settledVersion } from '../support/http-servers.js';
import { type RunningNginx, startNginx } from '../support/nginx.js';
import { repoRoot } from '../support/paths.js';
import { type RunningPrometheus, startPrometheus } from '../support/prometheus.js';
import {
  allJobs,
  findStep,
  type JobRun,
  type RunWorkflowOptions,
  runWorkflow,
  type WorkflowRun,
} from '../support/workflow-runner.js';
import { type ApiHost, createApiHost } from './examples-003-python-api-support.js';

/**
 * examples/003-python-api run for real (runbook 003, the Python API): its deploy workflow and monitor
 * workflow, run by the workflow interpreter (test/support/workflow-runner.ts) as GitHub would run them,
 * the monitors through this repository's reusable monitor.yml and incident-reminders.yml, their steps
 * the committed action bundles; its shipgate.yml and its
 * hooks deploy.sh / retire.sh drive real nginx in front of two slots, each a stand-in "Python API"
 * process that `docker compose up` starts (a stand-in `docker` first on PATH:
 * examples-003-python-api-docker.sh); a real Prometheus scrapes the slots for the error-rate and p95
 * gates and the overload monitor; issues go to the GitHub emulator.
 *
 * What is this host's and not the example's is replaced (in the copies of shipgate.yml and of the
 * workflows in the test's checkout), and nothing else: the slots' ports, the nginx upstream file and its
 * test/reload commands, the state file, `127.0.0.1` (port 80) → the test's nginx, `127.0.0.1:9090` → the
 * test's Prometheus. Time is scaled down: canary pauses 5m → 3s, the watch at 100% 5m → 1s, metric
 * intervals 30s → 1s (500ms in the monitor), rate windows [1m] → [3s], probes every 250ms; the
 * healthcheck steps' deadline 1m / 30s → 1s / 2s and duration 1m / 2m → 1s. The SEV cadence is not
 * waited for: the emulator dates issues and comments back, and `remind` reads the real clock. The
 * monitors run one job per run (their incident jobs share a concurrency group, which GitHub would queue
 * and the interpreter refuses), all with one run id.
 */

const example = join(repoRoot, 'examples', '003-python-api');
const TOKEN = 'ghs_example003PythonApi';

let host: ApiHost;
let nginx: RunningNginx;
let prometheus: RunningPrometheus;
let github: GitHubEmulator;
let load: Load | undefined;
let workspace: string;
let slots: { blue: string; green: string };

/** The example's shipgate.yml with this host's addresses and commands, and its times scaled down. */
function exampleConfigOnThisHost(upstreamFile: string): string {
  const config = parseYaml(readFileSync(join(example, 'shipgate.yml'), 'utf8'));
  const env = config.services.api.environments.production;
  env.target.slots = { blue: [slots.blue], green: [slots.green] };
  Object.assign(env.router, {
    'upstream-file': upstreamFile,
    test: nginx.testCommand,
    reload: nginx.reloadCommand,
  });
  Object.assign(env.health, { interval: '250ms', deadline: '10s', duration: '1s' });
  env.analysis['prometheus-url'] = prometheus.url;
  env.analysis.metrics = env.analysis.metrics.map((metric: { query: string }) => ({
    ...metric,
    query: metric.query.replaceAll('[1m]', '[3s]'),
    interval: '1s',
  }));
  env.canary.steps = env.canary.steps.map((step: object) => ({ ...step, pause: '3s' }));
  env['blue-green']['scale-down-delay'] = '500ms';
  return stringify(config);
}

/** The deadline a monitor's health check has when its caller gives none (monitor.yml's default). */
const monitorDeadline = (
  parseYaml(readFileSync(join(repoRoot, '.github', 'workflows', 'monitor.yml'), 'utf8')) as {
    on: { workflow_call: { inputs: { deadline: { default: string } } } };
  }
).on.workflow_call.inputs.deadline.default;

/** A health check's inputs with its waits scaled down (`deadline` given, or the default one). */
function scaledDown(inputs: Record<string, unknown> = {}, deadline = ''): Record<string, unknown> {
  const given = String(inputs.deadline ?? deadline);
  const duration = String(inputs.duration ?? '');
  return {
    ...inputs,
    interval: inputs.interval || '250ms',
    ...(given ? { deadline: ({ '1m': '1s', '30s': '2s' } as Record<string, string>)[given] ?? given } : {}),
    ...(duration ? { duration: ({ '1m': '1s', '2m': '1s' } as Record<string, string>)[duration] ?? duration } : {}),
  };
}

/** The example's workflow in the test's checkout, with this host's addresses and its waits scaled down. */
function copyWorkflowToThisHost(name: string): void {
  const text = readFileSync(join(example, 'workflows', name), 'utf8')
    .replaceAll('/srv/shipgate/state.json', join(workspace, '.state', 'state.json'))
    .replaceAll('http://127.0.0.1:9090', prometheus.url)
    .replaceAll('http://127.0.0.1/', `${nginx.url}/`)
    .replaceAll('[1m]', '[3s]')
    .replaceAll('interval: 30s', 'interval: 500ms');
  type Uses = { uses?: string; with?: Record<string, unknown> };
  const workflow = parseYaml(text) as { jobs: Record<string, Uses & { steps?: Uses[] }> };
  for (const job of Object.values(workflow.jobs)) {
    if (job.uses?.includes('/.github/workflows/monitor.yml@')) job.with = scaledDown(job.with, monitorDeadline);
    for (const step of job.steps ?? [])
      if (step.uses?.includes('/actions/healthcheck@')) step.with = scaledDown(step.with);
  }
  writeFileSync(join(workspace, '.github', 'workflows', name), stringify(workflow));
}

/** Runs one of the example's workflows from the checkout, on the runner on the API host. */
function runExample(name: string, runId: string, more: Partial<RunWorkflowOptions>): Promise<WorkflowRun> {
  return runWorkflow({
    workflow: join(workspace, '.github', 'workflows', name),
    workspace,
    apiUrl: github.url,
    token: TOKEN,
    runId,
    env: host.env,
    stepTimeoutMs: 60_000,
    ...more,
  });
}

/** "Deploy api" → Run workflow with `version`: its one job. */
async function deployWorkflow(version: string, runId: string): Promise<JobRun> {
  const run = await runExample('deploy.yml', runId, { inputs: { version } });
  return run.jobs.deploy as JobRun;
}

/** One scheduled run of "Monitor api": the given jobs, one after another (their incident jobs share a concurrency group). */
async function monitorRun(runId: string, jobs: readonly string[]): Promise<Record<string, WorkflowRun>> {
  const runs: Record<string, WorkflowRun> = {};
  for (const name of jobs)
    runs[name] = await runExample('monitor.yml', runId, { event: { name: 'schedule' }, jobs: [name] });
  return runs;
}

/** A job of a run by its path: `db / incident` is the incident job of the workflow `db` calls. */
const jobAt = (run: WorkflowRun | undefined, path: string): JobRun | undefined =>
  run && allJobs(run).find((job) => job.path === path);

const MONITORS = ['db', 'redis', 'overload'] as const;
const taken = (run: Record<string, WorkflowRun>, job: string) =>
  jobAt(run[job], `${job} / incident`)?.outputs['action-taken'];

/** The version nginx serves once a reload has settled (polled, bounded). */
const served = (): Promise<string> => settledVersion(`${nginx.url}/api/items`);

interface ReportStep {
  name: string;
  outcome: string;
  rollback?: boolean;
  gate?: {
    verdict: string;
    reason: string | null;
    checks?: Array<{ url: string; verdict: string; lastStatus: number | null }>;
    metrics?: Array<{ name: string; verdict: string; measurements: Array<{ query: string; value: number | null }> }>;
  };
}
const reportOf = (job: JobRun) =>
  JSON.parse(findStep(job, 'deploy')?.outputs.report ?? '{}') as { result: string; steps: ReportStep[] };

/** Prometheus applies its scrape targets a few seconds after it starts: wait (bounded) for them. */
async function targetsActive(server: RunningPrometheus, count: number): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const body = (await (await fetch(`${server.url}/api/v1/targets`)).json()) as { data: { activeTargets: unknown[] } };
    if (body.data.activeTargets.length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`prometheus: fewer than ${count} active targets after 10s`);
}

beforeAll(async () => {
  host = createApiHost();
  for (const tag of ['2.7.3', '2.8.0', '2.8.2']) host.image(tag);
  host.image('2.8.1', { errorRate: 0.3 }); // a release that fails 30% of its requests
  slots = { blue: `127.0.0.1:${await freePort()}`, green: `127.0.0.1:${await freePort()}` };

  workspace = mkdtempSync(join(tmpdir(), 'shipgate-ex003-'));
  for (const dir of ['.github/incidents', 'deploy', 'nginx', '.state'])
    mkdirSync(join(workspace, dir), { recursive: true });
  for (const hook of ['deploy.sh', 'retire.sh']) copyFileSync(join(example, hook), join(workspace, 'deploy', hook));
  for (const name of readdirSync(join(example, 'incident-templates')).filter((n) => /\.(en|ko)\.md$/.test(n))) {
    copyFileSync(join(example, 'incident-templates', name), join(workspace, '.github', 'incidents', name));
  }
  const upstreamFile = join(workspace, 'nginx', 'api-upstream.conf');
  writeFileSync(upstreamFile, `upstream api { server ${slots.blue}; }\n`);
  nginx = await startNginx({ upstreamFile, upstreamName: 'api' });
  prometheus = await startPrometheus({ targets: [slots.blue, slots.green], scrapeIntervalMs: 250 });
  await targetsActive(prometheus, 2);
  github = await startGitHubEmulator({ tokens: { [TOKEN]: { issues: 'write', metadata: 'read', contents: 'read' } } });
  writeFileSync(join(workspace, '.github', 'shipgate.yml'), exampleConfigOnThisHost(upstreamFile));
  mkdirSync(join(workspace, '.github', 'workflows'));
  for (const name of ['deploy.yml', 'monitor.yml']) copyWorkflowToThisHost(name);
  // Users' traffic through nginx, paced: a canary step's metrics need requests to judge.
  load = startLoad({ urls: [`${nginx.url}/api/items`], connections: 2, rate: 100, maxDurationSec: 300 });
}, 60_000);

afterAll(async () => {
  expect(github?.violations()).toEqual([]);
  expect(github?.requestViolations()).toEqual([]);
  await load?.stop();
  await Promise.all([nginx?.stop(), prometheus?.stop(), github?.close()]);
  await host?.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('examples/003-python-api', () => {
  it('has workflows that actionlint accepts', async () => {
    const findings = await lintWorkflows(['deploy.yml', 'monitor.yml'].map((name) => join(example, 'workflows', name)));
    // Remote actions cannot be fetched offline, and api-prod is the host's own runner label.
    const real = findings.filter(
      (finding: { kind: string; message: string }) =>
        finding.kind !== 'action' && !(finding.kind === 'runner-label' && /"api-prod"/.test(finding.message)),
    );
    expect(real.map((finding: { line: number; message: string }) => `${finding.line}: ${finding.message}`)).toEqual([]);
  });

  it('promotes a good release whose readiness answers 503 while Redis is down (degraded mode), and serves it', async () => {
    const first = await deployWorkflow('2.7.3', '6001');
    expect(findStep(first, 'deploy')?.outputs.result, findStep(first, 'deploy')?.log).toBe('succeeded');
    expect(await served()).toBe('2.7.3');

    host.dependencies({ redis: 'down' });
    try {
      const ready = await fetch(`http://${slots.blue}/health/ready`);
      expect([ready.status, await ready.json()]).toEqual([
        503,
        { status: 'degraded', checks: { db: 'ok', redis: 'down' }, version: '2.7.3' },
      ]);

      const job = await deployWorkflow('2.8.0', '6002');
      expect(job.result).toBe('success');
      expect(findStep(job, 'deploy')?.outputs, findStep(job, 'deploy')?.log).toMatchObject({
        result: 'succeeded',
        version: '2.8.0',
        'previous-version': '2.7.3',
        'active-slot': 'green',
      });
      const steps = reportOf(job).steps;
      expect(steps.map((step) => step.name)).toEqual([
        'deploy 2.8.0 to green',
        'gate green before traffic',
        'route 10% to green',
        'gate green at 10% for 3s',
        'route 50% to green',
        'gate green at 50% for 3s',
        'route 100% to green',
        'watch green at 100%',
        'make green active',
        'wait scale-down-delay 500ms',
        'retire blue',
      ]);
      // Readiness answered 503 (degraded) at every gate, and the gates passed: liveness 200, metrics in bounds.
      for (const step of steps.filter((s) => s.gate)) {
        expect(step.gate?.verdict, step.name).toBe('passed');
        const [live, readiness] = step.gate?.checks ?? [];
        expect([live?.url, live?.lastStatus]).toEqual([`http://${slots.green}/health/live`, 200]);
        expect([readiness?.url, readiness?.lastStatus]).toEqual([`http://${slots.green}/health/ready`, 503]);
      }
      const metrics = steps.find((s) => s.name === 'gate green at 10% for 3s')?.gate?.metrics ?? [];
      expect(metrics.map((m) => [m.name, m.verdict])).toEqual([
        ['error-rate', 'Successful'],
        ['error-rate-critical', 'Successful'],
        ['latency-p95', 'Successful'],
      ]);
      expect(metrics[0]?.measurements[0]?.query).toContain('slot="green"');
      expect(metrics[2]?.measurements.every((m) => m.value !== null && m.value < 0.1)).toBe(true);

      expect(await served()).toBe('2.8.0');
      expect(Object.keys(host.running())).toEqual(['api_green']);
      expect(findStep(job, 'resolve')?.outputs['action-taken']).toBe('none');
      expect(github.state.issues).toEqual([]);
    } finally {
      host.dependencies({ redis: 'up' });
    }
  }, 90_000);

  it('rolls a canary with a 30% error rate back to 2.8.0 and opens the Korean 배포/릴리스 장애 incident with the measured rate', async () => {
    const job = await deployWorkflow('2.8.1', '6003');
    expect(job.result).toBe('failure');
    expect(findStep(job, 'deploy')?.outputs.result, findStep(job, 'deploy')?.log).toBe('rolled-back');
    expect(findStep(job, 'deploy')?.outputs['failure-reason']).toMatch(/error-rate-critical: 0\.\d+ > max 0\.05/);

    const steps = reportOf(job).steps;
    const failed = steps.find((step) => step.outcome === 'failed' && !step.rollback);
    expect(failed?.name).toBe('gate blue at 10% for 3s');
    const critical = failed?.gate?.metrics?.find((metric) => metric.name === 'error-rate-critical');
    expect(critical?.verdict).toBe('Failed');
    const rate = critical?.measurements.at(-1)?.value ?? 0;
    expect(rate).toBeGreaterThan(0.05);
    expect(rate).toBeLessThan(0.6);
    expect(steps.filter((step) => step.rollback).map((step) => [step.name, step.outcome])).toEqual([
      ['route back: green=100', 'succeeded'],
      ['retire blue (2.8.1)', 'succeeded'],
      [expect.stringMatching(/^verify recovery: green \(2\.8\.0\) for \d+s$/), 'succeeded'],
    ]);

    // Traffic is back on the stable version, and the canary's slot is gone.
    expect(await served()).toBe('2.8.0');
    expect(Object.keys(host.running())).toEqual(['api_green']);
    expect(findStep(job, 'Recovery verification through nginx')?.outcome).toBe('success');

    expect(findStep(job, 'open')?.outputs).toMatchObject({ 'action-taken': 'created', 'issue-number': '1' });
    const [issue] = github.state.issues;
    expect(issue?.title).toBe('[SEV-2] api/production: 2.8.1 배포 실패, 2.8.0 버전으로 자동 롤백');
    expect(issue?.labels).toEqual(['incident', 'sev-2', 'api', 'deploy']);
    expect(issue?.assignees).toEqual(['oncall-kim', 'oncall-lee']);
    const body = issue?.body ?? '';
    expect(body).toContain('· 배포/릴리스 장애 ·');
    expect(body.split('\n').filter((line) => line.startsWith('## '))).toEqual([
      '## 영향',
      '## 원인',
      '## 임시조치',
      '## 복구검증',
      '## 롤백/재배포 기록',
      '## 타임라인',
    ]);
    expect(body).toContain('- 롤백: `2.8.1` → `2.8.0` (배포 실패, 자동 롤백 완료)');
    expect(body).toMatch(/\| `error-rate-critical` \| ❌ [^|]+\| <= 0\.05 \|[^|]*\*\*0\.\d+\*\*/);
  }, 90_000);

  it('opens one Korean incident per failing scenario from the monitors, comments on a repeat, reminds on the SEV cadence and closes them when the checks pass', async () => {
    const minutesAgo = (minutes: number) => () => new Date(Date.now() - minutes * 60_000).toISOString();
    const monitorIssues = () => github.state.issues.filter((issue) => issue.number > 1);
    try {
      // 45 minutes ago: Redis goes down. The API serves in degraded mode; readiness answers 503.
      github.setNow(minutesAgo(45));
      host.dependencies({ redis: 'down' });
      const first = await monitorRun('9101', MONITORS);
      expect(MONITORS.map((job) => taken(first, job))).toEqual(['none', 'created', 'none']);
      expect(jobAt(first.db, 'db / check')?.outputs.healthy).toBe('true'); // 503 with checks.db "ok": not a DB incident
      expect(monitorIssues()).toHaveLength(1);
      const redis = monitorIssues()[0];
      expect(redis?.title).toBe(`[SEV-3] api/production: 헬스체크 실패: ${nginx.url}/health/ready`);
      expect(redis?.labels).toEqual(['incident', 'sev-3', 'api']);
      expect(redis?.body).toContain('· Redis/rate_limit_backend 장애 ·');
      expect(redis?.body).toContain('의존성 장애: 문서화된 강등 모드(degraded mode)로 전환');
      expect(redis?.body).toContain('<!-- shipgate:incident key="api/production/redis" -->');

      // 20 minutes ago: the database goes down too. The DB monitor opens its own incident; the Redis
      // monitor, failing again, comments on its open one instead of opening a second.
      github.setNow(minutesAgo(20));
      host.dependencies({ db: 'down' });
      const second = await monitorRun('9102', MONITORS);
      expect(MONITORS.map((job) => taken(second, job))).toEqual(['created', 'commented', 'none']);
      expect(monitorIssues()).toHaveLength(2);
      const db = monitorIssues()[1];
      expect(db?.title).toBe(`[SEV-1] api/production: 헬스체크 실패: ${nginx.url}/health/ready`);
      expect(db?.body).toContain('· DB 장애 ·');
      expect(db?.body).toContain('503 but the body lacks {"checks":{"db":"ok"}}');
      expect(db?.body).toContain(
        '(last body: {"status":"unavailable","checks":{"db":"down","redis":"down"},"version":"2.8.0"})',
      );
      const repeats = github.state.comments.filter((comment) => comment.issue_number === redis?.number);
      expect(repeats.map((comment) => comment.body.split('\n')[0])).toEqual([
        `### 계속 실패 중: \`${nginx.url}/health/ready\``,
      ]);

      // Now: the schedule's remind. The SEV-1 DB incident, quiet for 20 minutes, is past its 15; the
      // SEV-3 Redis one (20 minutes, of 60) and the SEV-2 deploy incident (minutes, of 30) are not.
      github.setNow(() => new Date().toISOString());
      const remind = await monitorRun('9103', ['remind']);
      expect(jobAt(remind.remind, 'remind / remind')?.outputs).toEqual({
        'issue-number': String(db?.number),
        'action-taken': 'reminded',
      });
      const reminders = github.state.comments.filter((comment) => comment.body.includes('event="remind"'));
      expect(reminders.map((comment) => comment.issue_number)).toEqual([db?.number]);
      expect(reminders[0]?.body.split('\n')[0]).toMatch(
        /^@oncall-kim @oncall-lee ⏰ \*\*업데이트 필요\.\*\* 이 SEV-1 인시던트는 20분( \d+초)?째 업데이트가 없습니다 \(SEV-1: 15분 간격\)\.$/,
      );
      // The reminder is an update: the next run, minutes later, has nothing due.
      const again = await monitorRun('9104', ['remind']);
      expect(jobAt(again.remind, 'remind / remind')?.outputs['action-taken']).toBe('none');
    } finally {
      github.setNow(() => new Date().toISOString());
      host.dependencies({ db: 'up', redis: 'up' });
    }

    // Both recover: the next run resolves and closes both; the deploy incident waits for a good deploy.
    const third = await monitorRun('9105', MONITORS);
    expect(MONITORS.map((job) => taken(third, job))).toEqual(['closed', 'closed', 'none']);
    expect(github.state.issues.map((issue) => [issue.number, issue.state])).toEqual([
      [1, 'open'],
      [2, 'closed'],
      [3, 'closed'],
    ]);
    const overload = jobAt(third.overload, 'overload / check')?.outputs.report ?? '{}';
    const analysis = (JSON.parse(overload) as { analysis?: { metrics: Array<{ name: string; verdict: string }> } })
      .analysis;
    expect(analysis?.metrics.map((metric) => [metric.name, metric.verdict])).toEqual([
      ['latency-p95', 'Successful'],
      ['request-volume', 'Successful'],
    ]);
  }, 90_000);

  it('resolves the deploy incident when the fixed release is promoted', async () => {
    const job = await deployWorkflow('2.8.2', '6004');
    expect(findStep(job, 'deploy')?.outputs.result, findStep(job, 'deploy')?.log).toBe('succeeded');
    expect(await served()).toBe('2.8.2');
    expect(findStep(job, 'resolve')?.outputs).toMatchObject({ 'action-taken': 'closed', 'issue-number': '1' });
    expect(github.state.issues[0]?.state).toBe('closed');
  }, 90_000);
});
