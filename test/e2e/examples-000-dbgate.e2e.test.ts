import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { type ActionRun, runAction } from '../support/action-runner.js';
import { type CliRun, runCli } from '../support/cli.js';
import {
  exampleDir,
  type RunningDbgate,
  standInBin,
  startDbgate,
  startTraffic,
  type Traffic,
} from './examples-000-dbgate-stand-in.js';

/**
 * Example 000 (examples/000-dbgate, runbook 000 "dbgate 운영 런북"), run for real: the committed deploy
 * bundle (and, for `force`, the committed CLI) with the example's shipgate.yml and hooks, against the
 * dbgate stand-in on loopback (a real process: policy file, SIGHUP reload, proxy port, health port,
 * stats socket, log) under steady query traffic. The test changes only what is specific to this machine
 * in the config: dbgate's ports, and shorter timings (1 s windows instead of 30 s).
 *
 * It checks the runbook's outcome — which policy dbgate enforces, and what is in POLICY_PATH — not the plan.
 */

const SERVICE = 'dbgate';
const ENVIRONMENT = 'production';

// Policies in the stand-in's YAML subset. Every good one blocks DROP TABLE (2% of the traffic).
const BEFORE = `version: 1\nblocked:\n  - '^\\s*DROP\\s+TABLE'\n`;
const POLICY_1 = BEFORE;
// Adds: a DELETE without WHERE is refused.
const POLICY_2 = `${BEFORE}  - '^\\s*DELETE\\s+FROM\\s+\\w+\\s*;?\\s*$'\n`;
// Meant to refuse SELECT … INTO OUTFILE; refuses every SELECT, i.e. the applications' normal queries.
const BAD_POLICY = `${POLICY_2}  - '^\\s*SELECT\\s'\n`;
// An unterminated string: dbgate cannot parse it (runbook 절차 2: YAML 파싱 오류).
const UNPARSEABLE = `${POLICY_2}  - "^\\s*TRUNCATE\n`;
// The same version name as POLICY_2 with one more rule: a changed policy under an unchanged name.
const POLICY_2_AMENDED = `${POLICY_2}  - '^\\s*TRUNCATE\\s'\n`;

interface Setup {
  readonly dir: string;
  readonly ws: string;
  readonly dbgate: RunningDbgate;
  readonly traffic: Traffic;
  readonly env: Record<string, string>;
}

/** The example's shipgate.yml with this machine's ports and the test's shorter timings; nothing else changes. */
function testConfig(dbgate: RunningDbgate): string {
  const config = parseYaml(readFileSync(join(exampleDir, 'shipgate.yml'), 'utf8'));
  const env = config.services[SERVICE].environments[ENVIRONMENT];
  const address = `127.0.0.1:${dbgate.healthPort}`;
  env.target.slots = { blue: [address], green: [address] };
  env.health.tcp = [`{host}:${dbgate.proxyPort}`];
  Object.assign(env.health, { interval: '100ms', timeout: '1s', deadline: '5s', duration: '1s' });
  const [delta, cumulative] = env.analysis.metrics;
  expect([delta.query, cumulative.query, cumulative['dry-run']]).toEqual(['delta over 30s', 'cumulative', true]);
  Object.assign(delta, { query: 'delta over 1s', interval: '1s', timeout: '5s' });
  Object.assign(cumulative, { interval: '1s' });
  return stringify(config);
}

async function setUp(): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-dbgate-'));
  const ws = join(dir, 'ws');
  for (const sub of ['etc', 'ws/.github', 'ws/deploy', 'ws/config']) mkdirSync(join(dir, sub), { recursive: true });
  // The repository layout the README describes: the example's hooks in deploy/, its config in .github/.
  for (const name of readdirSync(exampleDir)) {
    if (/\.(sh|mjs|txt)$/.test(name)) copyFileSync(join(exampleDir, name), join(ws, 'deploy', name));
  }
  const dbgate = await startDbgate(dir, BEFORE);
  writeFileSync(join(ws, '.github', 'shipgate.yml'), testConfig(dbgate));
  const traffic = await startTraffic(dbgate.proxyPort);
  const env = {
    ...dbgate.env,
    DBGATE_RELOAD_TIMEOUT: '5',
    PATH: `${standInBin}:${process.env.PATH ?? ''}`,
  };
  return { dir, ws, dbgate, traffic, env };
}

/** The version's policy, checked out where the workflow's checkout puts it (config/policy.yaml). */
function checkOut(setup: Setup, policy: string): void {
  writeFileSync(join(setup.ws, 'config', 'policy.yaml'), policy);
}

function deploy(setup: Setup, version: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    action: 'deploy',
    cwd: setup.ws,
    env: setup.env,
    inputs: { service: SERVICE, environment: ENVIRONMENT, version, state: 'file', ...inputs },
    timeoutMs: 60_000,
  });
}

/** `npx shipgate …` from a terminal on the dbgate host: the committed CLI under Node 24. */
function shipgate(setup: Setup, ...args: string[]): Promise<CliRun> {
  return runCli(args, { cwd: setup.ws, env: { HOME: setup.ws, ...setup.env } });
}

interface Measurement {
  value: number | null;
  verdict: string;
}
interface MetricRecord {
  name: string;
  dryRun: boolean;
  verdict: string;
  max?: number;
  measurements: Measurement[];
}
interface ReportStep {
  name: string;
  outcome: string;
  rollback?: boolean;
  hooks?: Array<{ name: string; exitCode: number | null }>;
  gate?: { verdict: string; reason: string | null; metrics?: MetricRecord[] };
}
const steps = (run: ActionRun): ReportStep[] =>
  (JSON.parse(run.outputs.report ?? '{}') as { steps: ReportStep[] }).steps;

const livePolicy = (setup: Setup): string => readFileSync(setup.dbgate.env.POLICY_PATH, 'utf8');
const reloads = (setup: Setup): string[] =>
  setup.dbgate.log().filter((line) => /policy reload(ed successfully| failed)/.test(line));
const state = (setup: Setup) =>
  (
    JSON.parse(readFileSync(join(setup.ws, '.shipgate', 'state.json'), 'utf8')) as {
      environments: Record<string, { activeVersion: string; activeSlot: string }>;
    }
  ).environments[`${SERVICE}/${ENVIRONMENT}`];

/** How dbgate answers the queries the policies differ on, right now. */
async function behaviour(setup: Setup): Promise<Record<string, string>> {
  const queries = ['SELECT 1', 'DROP TABLE orders', 'DELETE FROM users', 'TRUNCATE sessions'];
  const answers = await Promise.all(queries.map((query) => setup.dbgate.query(query)));
  return Object.fromEntries(queries.map((query, i) => [query, answers[i] ?? '']));
}
const POLICY_2_BEHAVIOUR = {
  'SELECT 1': 'OK',
  'DROP TABLE orders': 'BLOCKED',
  'DELETE FROM users': 'BLOCKED',
  'TRUNCATE sessions': 'OK',
};

/** Stops what setUp started (the traffic, dbgate, by pid) and removes its directory. */
async function tearDown(setup: Setup | undefined): Promise<void> {
  setup?.traffic.stop();
  await setup?.dbgate.stop();
  if (setup) rmSync(setup.dir, { recursive: true, force: true });
}

describe('examples/000-dbgate: a policy change, hot-reloaded and gated (runbook 000 절차 2)', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp();
  }, 30_000);
  afterAll(() => tearDown(setup));

  it('deploys a good policy: the reload line is seen, the gates pass, and the policy it adds is enforced', async () => {
    checkOut(setup, POLICY_1);
    const first = await deploy(setup, '2026.03.1');
    expect(first.outputs.result, first.stdout).toBe('succeeded');
    expect(await setup.dbgate.query('DELETE FROM users')).toBe('OK');

    checkOut(setup, POLICY_2);
    const run = await deploy(setup, '2026.03.2');
    expect(run.outputs.result, run.stdout).toBe('succeeded');
    expect(run.outputs['active-slot']).toBe('green');
    expect(livePolicy(setup)).toBe(POLICY_2);
    expect(await behaviour(setup)).toEqual(POLICY_2_BEHAVIOUR);
    expect(reloads(setup)).toEqual([
      expect.stringContaining('[proxy] policy reloaded successfully'),
      expect.stringContaining('[proxy] policy reloaded successfully'),
    ]);
    const watch = steps(run).find((step) => step.name === 'watch green at 100%');
    expect(watch?.gate?.verdict).toBe('passed');
    const blockRate = watch?.gate?.metrics?.find((metric) => metric.name === 'block-rate');
    expect(blockRate?.verdict).toBe('Successful');
    expect(blockRate?.measurements[0]?.value).toBeLessThan(0.05);
    expect(run.stdout).toContain('policy reloaded successfully');
  }, 60_000);

  it('rolls back a policy that blocks normal queries on the delta block rate, which the cumulative rate would pass', async () => {
    // Days of traffic before the change, compressed: the cumulative counters the runbook reads.
    await setup.traffic.burst(50_000);
    const reloadsBefore = reloads(setup).length;
    checkOut(setup, BAD_POLICY);
    const run = await deploy(setup, '2026.03.3');

    expect(run.outputs.result, run.stdout).toBe('rolled-back');
    expect(run.outputs['failure-reason']).toMatch(/^gate failed: analysis Failed: block-rate: /);
    const watch = steps(run).find((step) => step.name === 'watch blue at 100%');
    const metrics = watch?.gate?.metrics ?? [];
    const delta = metrics.find((metric) => metric.name === 'block-rate');
    const cumulative = metrics.find((metric) => metric.name === 'block-rate-cumulative');
    // The delta saw the bad policy block nearly every query; dbgate's cumulative block_rate, measured in
    // the same watch against the same max, stayed under it: as a gate, it would have passed the policy.
    expect(delta?.verdict).toBe('Failed');
    expect(delta?.measurements.at(-1)?.value).toBeGreaterThan(0.5);
    expect(cumulative).toMatchObject({ dryRun: true, verdict: 'Successful', max: 0.05 });
    expect(cumulative?.measurements.length).toBeGreaterThan(0);
    for (const measurement of cumulative?.measurements ?? []) expect(measurement.value).toBeLessThan(0.05);
    expect((await setup.dbgate.stats()).block_rate).toBeLessThan(0.05);

    // The previous policy is back on disk, and live again: dbgate confirmed a second reload after the bad one.
    expect(livePolicy(setup)).toBe(POLICY_2);
    expect(reloads(setup).slice(reloadsBefore)).toEqual([
      expect.stringContaining('policy reloaded successfully (3 blocked patterns)'),
      expect.stringContaining('policy reloaded successfully (2 blocked patterns)'),
    ]);
    expect(await behaviour(setup)).toEqual(POLICY_2_BEHAVIOUR);
    expect(state(setup)).toMatchObject({ activeVersion: '2026.03.2', activeSlot: 'green' });

    // 절차 3 검증: the normal/blocked scenario ran against the restored policy, then recovery verification.
    const scenario = steps(run).find((step) => step.name === 'after-rollback hook: ./deploy/scenario.sh');
    expect(scenario).toMatchObject({ outcome: 'succeeded', rollback: true, hooks: [{ exitCode: 0 }] });
    expect(run.stdout).toContain('scenario.sh: all 4 scenario queries behaved as expected');
    expect(run.stdout).toContain('with 2026.03.2');
    const verify = steps(run).find((step) => step.name.startsWith('verify recovery: green (2026.03.2)'));
    expect(verify).toMatchObject({ outcome: 'succeeded', gate: { verdict: 'passed' } });
  }, 60_000);

  it('leaves the previous policy live when dbgate cannot parse the new one (reload-failure line)', async () => {
    const reloadsBefore = reloads(setup).length;
    checkOut(setup, UNPARSEABLE);
    const run = await deploy(setup, '2026.03.4');

    expect(run.outputs.result, run.stdout).toBe('rolled-back');
    expect(run.outputs['failure-reason']).toMatch(
      /^route blue=100 green=0: command router: route hook for blue=100 green=0 exited with code 1: policy: dbgate \(pid \d+\) refused it: .*\[proxy\] policy reload failed: line 5: unterminated double-quoted string; keeping the previous policy; the previous policy is restored and live again/,
    );
    expect(steps(run).find((step) => step.name === 'route 100% to blue')?.outcome).toBe('failed');
    expect(livePolicy(setup)).toBe(POLICY_2);
    expect(reloads(setup).slice(reloadsBefore)).toEqual([
      expect.stringContaining('policy reload failed'),
      expect.stringContaining('policy reloaded successfully (2 blocked patterns)'), // the hook's own restore
      expect.stringContaining('policy reloaded successfully (2 blocked patterns)'), // shipgate's route back
    ]);
    expect(await behaviour(setup)).toEqual(POLICY_2_BEHAVIOUR);
    expect(state(setup)).toMatchObject({ activeVersion: '2026.03.2', activeSlot: 'green' });
    expect(steps(run).find((step) => step.name.startsWith('after-rollback hook'))?.outcome).toBe('succeeded');
  }, 60_000);

  it('deploys a changed policy under the same version name only with force', async () => {
    checkOut(setup, POLICY_2_AMENDED);
    const reloadsBefore = reloads(setup).length;
    const again = await deploy(setup, '2026.03.2');
    expect(again.outputs.result, again.stdout).toBe('noop');
    expect(reloads(setup).length).toBe(reloadsBefore); // dbgate was not even signalled
    expect(livePolicy(setup)).toBe(POLICY_2);
    expect(await setup.dbgate.query('TRUNCATE sessions')).toBe('OK');

    // The manual path (runbook: from a terminal on the dbgate host), with --force.
    const forced = await shipgate(
      setup,
      ...['deploy', '--service', SERVICE, '--environment', ENVIRONMENT, '--version', '2026.03.2', '--force'],
    );
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('shipgate deploy: dbgate 2026.03.2 → production: ✅ succeeded');
    expect(livePolicy(setup)).toBe(POLICY_2_AMENDED);
    expect(await setup.dbgate.query('TRUNCATE sessions')).toBe('BLOCKED');
    expect(state(setup)).toMatchObject({ activeVersion: '2026.03.2', activeSlot: 'blue' });
  }, 60_000);

  it('never signals a pid file whose process is not dbgate', async () => {
    // A stale pid file: the pid now belongs to another process (SIGHUP would kill most of them).
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pidFile = setup.dbgate.env.DBGATE_PIDFILE;
    try {
      writeFileSync(pidFile, `${other.pid}\n`);
      checkOut(setup, POLICY_2);
      const run = await deploy(setup, '2026.03.5');
      expect(run.outputs.result).toBe('failed');
      expect(run.outputs['failure-reason']).toContain(`pid ${other.pid} (from ${pidFile}) is 'sleep', not dbgate`);
      expect(run.outputs['failure-reason']).toContain('refusing to signal it; nothing changed');
      expect(other.exitCode).toBeNull();
      expect(other.signalCode).toBeNull();
      expect(livePolicy(setup)).toBe(POLICY_2_AMENDED);
    } finally {
      writeFileSync(pidFile, `${setup.dbgate.pid}\n`);
      other.kill('SIGTERM');
    }
  }, 60_000);
});

describe('examples/000-dbgate: the first deploy', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp();
  }, 30_000);
  afterAll(() => tearDown(setup));

  it('puts back the policy from before shipgate when the first deploy fails its gate (no slot to route back to)', async () => {
    checkOut(setup, BAD_POLICY);
    const run = await deploy(setup, '2026.03.1');
    expect(run.outputs.result, run.stdout).toBe('rolled-back');
    expect(run.outputs['failure-reason']).toMatch(/^gate failed: analysis Failed: block-rate: /);
    expect(steps(run).find((step) => step.name.startsWith('retire blue'))).toMatchObject({
      rollback: true,
      outcome: 'succeeded',
    });
    expect(livePolicy(setup)).toBe(BEFORE);
    expect(reloads(setup)).toEqual([
      expect.stringContaining('policy reloaded successfully (3 blocked patterns)'),
      expect.stringContaining('policy reloaded successfully (1 blocked patterns)'),
    ]);
    expect(await setup.dbgate.query('SELECT 1')).toBe('OK');
  }, 60_000);
});
