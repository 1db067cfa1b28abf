import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionRun, runAction } from '../support/action-runner.js';
import { startLoad } from '../support/demo-app/load.js';
import { createDeployWorkspace, type DeployWorkspace, freePort, hookCommand } from '../support/deploy-workspace.js';
import { settledVersion } from '../support/http-servers.js';
import { type RunningNginx, startNginx } from '../support/nginx.js';
import { type RunningPrometheus, startPrometheus } from '../support/prometheus.js';

/**
 * Issue #12 end to end: the deploy bundle (Node 24, as the runner runs it) with real nginx in front of
 * real demo-app processes: live and ready checks with different expectations, a TCP-only service gated
 * by `tcp` and a command probe, each lifecycle hook at its moment (and failing at each), a metric that
 * failed a canary measured again on the restored slot (real Prometheus), and `force`.
 */

interface Setup {
  readonly ws: DeployWorkspace;
  readonly nginx: RunningNginx;
  readonly slots: { blue: string[]; green: string[] };
}

async function setUp(): Promise<Setup> {
  const ws = createDeployWorkspace();
  const slots = { blue: [`127.0.0.1:${await freePort()}`], green: [`127.0.0.1:${await freePort()}`] };
  const upstreamFile = join(ws.dir, 'upstream.conf');
  writeFileSync(upstreamFile, `upstream web { server ${slots.blue[0]}; }\n`);
  const nginx = await startNginx({ upstreamFile, upstreamName: 'web' });
  return { ws, nginx, slots };
}

async function tearDown(setup: Setup | undefined): Promise<void> {
  await setup?.nginx.stop();
  await setup?.ws.stop();
}

function environment(setup: Setup, extra: Record<string, unknown>) {
  const { nginx, slots, ws } = setup;
  return {
    strategy: 'blue-green',
    target: { kind: 'command', deploy: hookCommand('deploy'), retire: hookCommand('retire'), timeout: '30s', slots },
    router: {
      kind: 'nginx',
      'upstream-file': join(ws.dir, 'upstream.conf'),
      'upstream-name': 'web',
      reload: nginx.reloadCommand,
      test: nginx.testCommand,
    },
    health: { url: 'http://{address}/health', interval: '100ms', timeout: '1s', deadline: '5s' },
    ...extra,
  };
}

function deploy(setup: Setup, version: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}) {
  return runAction({
    action: 'deploy',
    cwd: setup.ws.dir,
    env: { ...setup.ws.env, NGINX_URL: `${setup.nginx.url}/`, ...env },
    inputs: { environment: 'production', version, state: 'file', ...inputs },
    timeoutMs: 90_000,
  });
}

/**
 * The version nginx serves once a reload has settled: an nginx reload returns before the old workers
 * retire, so a request at that instant may still reach the old upstream (polled, bounded).
 */
const served = (setup: Setup): Promise<string> => settledVersion(`${setup.nginx.url}/`);

interface ReportStep {
  name: string;
  outcome: string;
  rollback?: boolean;
  hooks?: Array<{ name: string; exitCode: number | null }>;
  gate?: {
    verdict: string;
    reason: string | null;
    checks?: Array<{ url: string; verdict: string }>;
    metrics?: Array<{ name: string; verdict: string; measurements?: Array<{ query?: string; value: number | null }> }>;
  };
}
const steps = (run: ActionRun): ReportStep[] =>
  (JSON.parse(run.outputs.report ?? '{}') as { steps: ReportStep[] }).steps;

// Records each hook's name, values and what nginx serves at that moment; fails the hooks named in FAIL_HOOKS.
const HOOK_SCRIPT = `#!/bin/sh
hook="$1"
# What nginx serves, after 300 ms for the old workers of the last reload to retire.
served=$(node -e "setTimeout(() => fetch(process.env.NGINX_URL).then((r) => r.json()).then((j) => console.log(j.version), () => console.log('none')), 300)")
printf '%s version=%s previous=%s slot=%s addresses=%s served=%s\\n' "$hook" "$SHIPGATE_VERSION" "$SHIPGATE_PREVIOUS_VERSION" "\${SHIPGATE_SLOT:-}" "\${SHIPGATE_ADDRESSES:-}" "$served" >>"$SHIPGATE_DEMO_DIR/hooks.log"
case " \${FAIL_HOOKS:-} " in *" $hook "*) echo "$hook check failed on purpose" >&2; exit 1 ;; esac
echo "$hook ok"
`;

describe('lifecycle hooks through real nginx', () => {
  let setup: Setup;
  let log: () => string[];
  beforeAll(async () => {
    setup = await setUp();
    const script = join(setup.ws.dir, 'hooks.sh');
    writeFileSync(script, HOOK_SCRIPT);
    const hooks = Object.fromEntries(
      ['preflight', 'before-traffic', 'after-traffic', 'after-rollback'].map((hook) => [hook, `sh ${script} ${hook}`]),
    );
    setup.ws.writeConfig(environment(setup, { hooks }));
    let seen = 0;
    // The lines written since the last call.
    log = () => {
      let lines: string[] = [];
      try {
        lines = readFileSync(join(setup.ws.demoDir, 'hooks.log'), 'utf8').trim().split('\n');
      } catch {
        return [];
      }
      const fresh = lines.slice(seen);
      seen = lines.length;
      return fresh;
    };
  }, 60_000);
  afterAll(() => tearDown(setup));

  it('runs each hook at its moment with its SHIPGATE_* values', async () => {
    expect((await deploy(setup, '1.0.0')).outputs.result).toBe('succeeded');
    log();
    const { slots } = setup;
    const run = await deploy(setup, '2.0.0');
    expect(run.outputs.result, run.stdout).toBe('succeeded');
    expect(log()).toEqual([
      `preflight version=2.0.0 previous=1.0.0 slot=green addresses=${slots.green[0]} served=1.0.0`,
      `before-traffic version=2.0.0 previous=1.0.0 slot=green addresses=${slots.green[0]} served=1.0.0`,
      `after-traffic version=2.0.0 previous=1.0.0 slot=green addresses=${slots.green[0]} served=2.0.0`,
    ]);
    expect(run.summary).toContain('before-traffic hook: sh');
  }, 60_000);

  it('lists the hooks in the dry run', async () => {
    const run = await deploy(setup, '9.9.9', { 'dry-run': 'true' });
    expect(run.outputs.result).toBe('planned');
    expect(run.summary).toMatch(/1\. preflight hook: sh .*\n2\. deploy 9\.9\.9 to blue/);
  }, 60_000);

  it('is aborted with nothing changed when preflight fails', async () => {
    const run = await deploy(setup, '3.0.0', {}, { FAIL_HOOKS: 'preflight' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('aborted');
    expect(run.outputs['failure-reason']).toBe('preflight hook exited with code 1: preflight check failed on purpose');
    expect(log().map((line) => line.split(' ')[0])).toEqual(['preflight']);
    expect(setup.ws.pids()[setup.slots.blue[0]?.split(':')[1] ?? '']).toBeUndefined();
    expect(await served(setup)).toBe('2.0.0');
  }, 60_000);

  it('retires the new slot before it takes traffic when before-traffic fails, then runs after-rollback', async () => {
    const run = await deploy(setup, '4.0.0', {}, { FAIL_HOOKS: 'before-traffic' });
    expect(run.outputs.result).toBe('rolled-back');
    const lines = log();
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['preflight', 'before-traffic', 'after-rollback']);
    expect(lines[1]).toContain('served=2.0.0');
    expect(lines[2]).toMatch(/^after-rollback version=2\.0\.0 previous=4\.0\.0 slot=green .*served=2\.0\.0$/);
    expect(steps(run).find((step) => step.name.startsWith('retire blue'))?.rollback).toBe(true);
    expect(await served(setup)).toBe('2.0.0');
  }, 60_000);

  it('routes back when after-traffic fails, and verifies the restored version', async () => {
    const run = await deploy(setup, '5.0.0', {}, { FAIL_HOOKS: 'after-traffic' });
    expect(run.outputs.result).toBe('rolled-back');
    const lines = log();
    expect(lines.find((line) => line.startsWith('after-traffic'))).toContain('served=5.0.0');
    expect(lines.at(-1)).toMatch(/^after-rollback version=2\.0\.0 .*served=2\.0\.0$/);
    const verify = steps(run).find((step) => step.name.startsWith('verify recovery'));
    expect(verify).toMatchObject({ rollback: true, outcome: 'succeeded', gate: { verdict: 'passed' } });
    expect(await served(setup)).toBe('2.0.0');
  }, 60_000);

  it('is failed when the after-rollback hook fails', async () => {
    const run = await deploy(setup, '6.0.0', {}, { FAIL_HOOKS: 'after-traffic after-rollback' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.outputs['failure-reason']).toMatch(
      /recovery verification failed: after-rollback hook exited with code 1/,
    );
    log();
    expect(await served(setup)).toBe('2.0.0');
  }, 60_000);

  it('redeploys the active version with force, which is otherwise noop', async () => {
    const again = await deploy(setup, '2.0.0');
    expect(again.outputs.result).toBe('noop');
    const forced = await deploy(setup, '2.0.0', { force: 'true' });
    expect(forced.outputs.result, forced.stdout).toBe('succeeded');
    expect(forced.outputs['active-slot']).toBe('blue');
    expect(await served(setup)).toBe('2.0.0');
    expect(log().map((line) => line.split(' ')[0])).toEqual(['preflight', 'before-traffic', 'after-traffic']);
  }, 60_000);
});

describe('liveness and readiness with different expectations', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp();
    const health = {
      urls: [
        { url: 'http://{address}/health', 'expect-json': { status: 'UP' } },
        { url: 'http://{address}/ready', 'expected-status': '200,503' },
        // Runbook 003: an oversized payload must be refused with 413.
        { url: 'http://{host}:{port}/api/upload', method: 'POST', body: 'x'.repeat(2048), 'expected-status': 413 },
      ],
      interval: '100ms',
      timeout: '1s',
      deadline: '3s',
    };
    setup.ws.writeConfig(environment(setup, { health }));
  }, 60_000);
  afterAll(() => tearDown(setup));

  it('accepts a ready 503 (degraded) and refuses a live 503', async () => {
    expect((await deploy(setup, '1.0.0')).outputs.result).toBe('succeeded');
    const degraded = await deploy(setup, '2.0.0-degraded');
    expect(degraded.outputs.result, degraded.stdout).toBe('succeeded');
    const checks = steps(degraded).find((step) => step.name === 'gate green before traffic')?.gate?.checks ?? [];
    expect(checks.map((check) => check.url.replace(/127\.0\.0\.1:\d+/, 'A'))).toEqual([
      'http://A/health',
      'http://A/ready',
      'http://A/api/upload',
    ]);
    const sick = await deploy(setup, '3.0.0-sick');
    expect(sick.outputs.result).toBe('rolled-back');
    expect(sick.outputs['failure-reason']).toMatch(/\/health: not healthy within 3s: 503/);
    expect(sick.outputs['failure-reason']).not.toMatch(/\/ready/);
    expect(await served(setup)).toBe('2.0.0-degraded');
  }, 90_000);
});

// A service that speaks no HTTP (runbook 000's MySQL port): a node net server per address.
const TCP_DEPLOY = `#!/bin/sh
set -eu
for address in $SHIPGATE_ADDRESSES; do
  port="\${address##*:}"
  if [ -f "$SHIPGATE_DEMO_DIR/$port.pid" ]; then kill "$(cat "$SHIPGATE_DEMO_DIR/$port.pid")" 2>/dev/null || true; rm -f "$SHIPGATE_DEMO_DIR/$port.pid"; sleep 0.3; fi
  case "$SHIPGATE_VERSION" in *closed*) continue ;; esac
  nohup node -e "require('net').createServer((s) => s.on('error', () => {}).end('db ' + process.argv[1] + '\\\\n')).listen(Number(process.argv[2]), '127.0.0.1')" "$SHIPGATE_VERSION" "$port" >/dev/null 2>&1 </dev/null &
  echo $! >"$SHIPGATE_DEMO_DIR/$port.pid"
done
`;
const TCP_RETIRE = `#!/bin/sh
for address in $SHIPGATE_ADDRESSES; do
  port="\${address##*:}"
  [ -f "$SHIPGATE_DEMO_DIR/$port.pid" ] && kill "$(cat "$SHIPGATE_DEMO_DIR/$port.pid")" 2>/dev/null; rm -f "$SHIPGATE_DEMO_DIR/$port.pid"
done
exit 0
`;
// The stats-socket check: connects to the address it is given and records its values.
const PROBE = `#!/bin/sh
echo "$SHIPGATE_ADDRESS $SHIPGATE_HOST $SHIPGATE_PORT $SHIPGATE_VERSION $SHIPGATE_SLOT" >>"$SHIPGATE_DEMO_DIR/probe.log"
node -e "require('net').connect(Number(process.env.SHIPGATE_PORT), process.env.SHIPGATE_HOST).on('connect', () => process.exit(0)).on('error', (e) => { console.error('stats socket: ' + e.code); process.exit(1); })"
`;

describe('a TCP-only service gated by tcp and a command probe', () => {
  let ws: DeployWorkspace;
  let slots: { blue: string[]; green: string[] };
  beforeAll(async () => {
    ws = createDeployWorkspace();
    slots = { blue: [`127.0.0.1:${await freePort()}`], green: [`127.0.0.1:${await freePort()}`] };
    for (const [name, text] of Object.entries({
      'tcp-deploy.sh': TCP_DEPLOY,
      'tcp-retire.sh': TCP_RETIRE,
      'probe.sh': PROBE,
    })) {
      writeFileSync(join(ws.dir, name), text);
    }
    ws.writeConfig({
      strategy: 'blue-green',
      target: { kind: 'command', deploy: 'sh ./tcp-deploy.sh', retire: 'sh ./tcp-retire.sh', timeout: '20s', slots },
      router: { kind: 'command', route: hookCommand('route') },
      health: { tcp: ['{host}:{port}'], command: 'sh ./probe.sh', interval: '100ms', timeout: '2s', deadline: '2s' },
    });
  }, 60_000);
  afterAll(() => ws?.stop());

  const run = (version: string) =>
    runAction({
      action: 'deploy',
      cwd: ws.dir,
      env: ws.env,
      inputs: { environment: 'production', version, state: 'file' },
      timeoutMs: 60_000,
    });

  it('passes when the port accepts connections, and rolls back when it does not', async () => {
    const first = await run('8.0.1');
    expect(first.outputs.result, first.stdout).toBe('succeeded');
    const probes = readFileSync(join(ws.demoDir, 'probe.log'), 'utf8');
    const [host, port] = (slots.blue[0] ?? '').split(':');
    expect(probes).toContain(`${slots.blue[0]} ${host} ${port} 8.0.1 blue`);
    const closed = await run('8.0.2-closed');
    expect(closed.outputs.result).toBe('rolled-back');
    const reason = closed.outputs['failure-reason'] ?? '';
    expect(reason).toContain(`tcp://${slots.green[0]}: not healthy within 2s: connection refused`);
    expect(reason).toContain(
      `command sh ./probe.sh (${slots.green[0]}): not healthy within 2s: command exited with code 1: stats socket: ECONNREFUSED`,
    );
  }, 60_000);
});

describe('recovery verification measures the metric that failed the canary on the restored slot', () => {
  let setup: Setup;
  let prometheus: RunningPrometheus;
  beforeAll(async () => {
    setup = await setUp();
    prometheus = await startPrometheus({ targets: [...setup.slots.blue, ...setup.slots.green], scrapeIntervalMs: 500 });
    const rate = (selector: string) => `sum(irate(http_requests_total{${selector}}[3s]))`;
    const errorRate = {
      name: 'error-rate',
      query: `(${rate('slot="{slot}",code=~"5.."')} or vector(0)) / ${rate('slot="{slot}"')}`,
      max: 0.05,
      interval: '1s',
      'on-no-data': 'inconclusive',
      'inconclusive-limit': 5,
    };
    setup.ws.writeConfig(
      environment(setup, {
        strategy: 'canary',
        canary: { steps: [{ weight: 50, pause: '6s' }] },
        analysis: { 'prometheus-url': prometheus.url, metrics: [errorRate] },
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await prometheus?.stop();
    await tearDown(setup);
  });

  it('shows the failed canary measurement and the passing one on the restored slot in the report and summary', async () => {
    expect((await deploy(setup, '1.0.0')).outputs.result).toBe('succeeded');
    const load = startLoad({ urls: [`${setup.nginx.url}/api/work?ms=10`], connections: 2 });
    try {
      // Blue must have a rate before its recovery is measured: wait (bounded) for two scrapes under load.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const run = await deploy(setup, '2.0.0-bad');
      expect(run.outputs.result, run.stdout).toBe('rolled-back');
      const all = steps(run);
      const failed = all.find((step) => step.outcome === 'failed' && !step.rollback);
      expect(failed?.gate?.metrics?.[0]).toMatchObject({ name: 'error-rate', verdict: 'Failed' });
      const verify = all.find((step) => step.name.startsWith('verify recovery'));
      expect(verify?.name).toBe('verify recovery: blue (1.0.0) for 1s');
      const metric = verify?.gate?.metrics?.[0];
      expect(metric).toMatchObject({ name: 'error-rate', verdict: 'Successful' });
      expect(metric?.measurements?.[0]?.query).toContain('slot="blue"');
      expect(run.summary).toContain('verify recovery: blue (1.0.0)');
    } finally {
      await load.stop();
    }
  }, 90_000);
});
