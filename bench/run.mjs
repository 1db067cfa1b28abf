#!/usr/bin/env node
// `npm run bench`: SPEC §9 budgets, measured side by side in one run on this machine. Timing lives
// here, not in pass/fail tests. Prints each figure with its budget; exits 0 whatever it measures
// (it is a measurement, not a gate), unless a bundle fails to run at all.
//
// B1 compares against the toolkit floor, bench/floor/floor.mjs bundled with ncc into a temporary folder
// at bench time (so it always uses the installed @actions/core), in alternating rounds with `node -e 0`
// and the two actions; it prints CPU time beside wall time, which hardly moves when other work shares
// the cores, and the fastest round of each (the least disturbed run) as a quiet-run estimate. The verdict
// is on the wall-time medians. B3 times what a user times: the whole action run, spawn to exit, against URLs served by
// another process (bench/url-server.mjs) with Node's default keep-alive, for 127.0.0.1 and localhost.
// BENCH_ONLY=B1,B3 limits a run to some budgets; BENCH_ROUNDS sets B1's rounds (default 20).
// BENCH_CANDIDATE=<dir> adds another build's healthcheck and deploy bundles (a dist/-shaped folder) to
// B1's alternating rounds, so a start-up change is compared with the committed bundles in one run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const node24 = join(root, 'node_modules', 'node', 'bin', 'node');
const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const temp = mkdtempSync(join(tmpdir(), 'shipgate-bench-'));
const rows = [];
/** Child processes (local services) to stop at the end, whatever happens. */
const servers = [];
/** BENCH_ONLY=B1,B3 measures only those budgets (all by default). */
const only = (id) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').includes(id);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function run(args, env = {}) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(node24, args, { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, ms: performance.now() - started, out }));
  });
}

/**
 * CPU time (user + system, ms) of one run, from bash's `times`: unlike wall time it hardly moves when
 * other work shares the machine's cores, so it cross-checks the wall-time ratios on a busy machine.
 */
function cpuTime(args, env = {}) {
  return new Promise((done, fail) => {
    const script = '"$@" 3>&-; rc=$?; times >&3; exit $rc';
    const child = spawn('bash', ['-c', script, 'bash', node24, ...args], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    let out = '';
    child.stdio[3].on('data', (chunk) => (out += chunk));
    child.on('error', fail);
    child.on('close', (code) => {
      const children = out.trim().split('\n')[1] ?? '';
      const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      if (code !== 0 || seconds.length !== 2) return fail(new Error(`cpu time of ${args.join(' ')}: exit ${code}`));
      done((seconds[0] + seconds[1]) * 1000);
    });
  });
}

/** The runner's environment for one action run: files, inputs in INPUT_<NAME>. */
function actionEnv(inputs) {
  const env = {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: join(temp, 'output'),
    GITHUB_STEP_SUMMARY: join(temp, 'summary'),
    GITHUB_STATE: join(temp, 'state'),
    GITHUB_ENV: join(temp, 'env'),
    GITHUB_REPOSITORY: 'octo-org/web',
    GITHUB_SHA: 'a3f1c2d4e5b6a7980112233445566778899aabbc',
  };
  for (const file of ['output', 'summary', 'state', 'env']) writeFileSync(join(temp, file), '');
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}

const healthcheckDefaults = {
  method: 'GET',
  'expected-status': '200-299',
  timeout: '5s',
  interval: '2s',
  'success-threshold': '1',
  'failure-threshold': '3',
  deadline: '2m',
  duration: '0s',
  concurrency: '16',
  insecure: 'false',
  'report-to': 'summary',
};

async function listen(handler) {
  const server = createServer(handler);
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  server.keepAliveTimeout = 1000;
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

function row(id, what, measured, budget, pass) {
  rows.push({ id, what, measured, budget, verdict: pass ? 'within budget' : 'OVER BUDGET' });
}

/** The toolkit floor (SPEC §9 B1): bench/floor/floor.mjs bundled with ncc now, as the actions are. */
function buildFloor() {
  const out = join(temp, 'floor');
  const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
  // The same ncc options as scripts/build.mjs uses for the actions.
  const args = [ncc, 'build', join(root, 'bench', 'floor', 'floor.mjs'), '-o', out, '--quiet'];
  const result = spawnSync(process.execPath, [...args, '--target', 'es2022'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`could not build the toolkit floor:\n${result.stderr}`);
  return readdirSync(out).includes('index.mjs') ? join(out, 'index.mjs') : join(out, 'index.js');
}

/** A local service in its own process, as a user's service is (bench/url-server.mjs). */
async function serve(delayMs) {
  const child = spawn(node24, [join(root, 'bench', 'url-server.mjs')], {
    env: { DELAY_MS: String(delayMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((done, fail) => {
    child.stdout.once('data', (chunk) => done(String(chunk).trim().split(' ')[1]));
    child.once('exit', (code) => fail(new Error(`url-server exited ${code}`)));
  });
  servers.push(child);
  return { port, stop: () => child.kill('SIGTERM') };
}

function deployWorkspace() {
  const ws = join(temp, 'ws');
  mkdirSync(join(ws, '.github'), { recursive: true });
  writeFileSync(
    join(ws, '.github', 'shipgate.yml'),
    'version: 1\nservices:\n  web:\n    environments:\n      production:\n        strategy: canary\n        target: { kind: command, deploy: "true", slots: { blue: ["127.0.0.1:1"], green: ["127.0.0.1:2"] } }\n        router: { kind: command, route: "true" }\n        health: { url: "http://{address}/health" }\n        canary: { steps: [ { weight: 10 } ] }\n',
  );
  return ws;
}

const deployInputs = {
  environment: 'production',
  version: '1.0.0',
  config: '.github/shipgate.yml',
  'rollback-on-error': 'true',
  phase: 'full',
  'dry-run': 'true',
  state: 'auto',
  'state-file': '.shipgate/state.json',
  service: 'web',
};

/**
 * B1: start-up, side by side in one run with rounds alternating: `node -e 0`, the toolkit floor, the
 * healthcheck on one healthy local URL, and a deploy dry run of a canary.
 */
async function measureStart() {
  const floor = buildFloor();
  const { port, stop } = await serve(0);
  const cases = {
    node: { args: ['-e', '0'], env: {} },
    floor: { args: [floor], env: actionEnv({ value: 'x' }) },
    healthcheck: {
      args: [join(root, 'dist', 'healthcheck', 'index.js')],
      env: actionEnv({ ...healthcheckDefaults, urls: `http://127.0.0.1:${port}/health` }),
    },
    deploy: {
      args: [join(root, 'dist', 'deploy', 'index.js')],
      env: { ...actionEnv(deployInputs), GITHUB_WORKSPACE: deployWorkspace() },
    },
  };
  const candidate = process.env.BENCH_CANDIDATE;
  if (candidate) {
    cases['healthcheck (candidate)'] = { ...cases.healthcheck, args: [resolve(candidate, 'healthcheck', 'index.js')] };
    cases['deploy (candidate)'] = { ...cases.deploy, args: [resolve(candidate, 'deploy', 'index.js')] };
  }
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  const cpu = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (const { args, env } of Object.values(cases)) await run(args, env); // warm the file cache
  for (let i = 0; i < rounds; i += 1) {
    for (const [name, { args, env }] of Object.entries(cases)) {
      const result = await run(args, env);
      if (result.code !== 0) throw new Error(`${name} failed:\n${result.out}`);
      times[name].push(result.ms);
      cpu[name].push(await cpuTime(args, env));
    }
  }
  stop();
  const m = Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]));
  const c = Object.fromEntries(Object.entries(cpu).map(([name, values]) => [name, median(values)]));
  // Fastest of the rounds: the run least disturbed by other work on the machine (a quiet-run estimate).
  const q = Object.fromEntries(Object.entries(times).map(([name, values]) => [name, Math.min(...values)]));
  const floorRatio = m.floor / m.node;
  row(
    'B1',
    'toolkit floor (ncc bundle of @actions/core: one input, one output)',
    `${m.floor.toFixed(1)} ms = ${floorRatio.toFixed(2)}x node -e 0 (${m.node.toFixed(1)} ms); CPU ${c.floor.toFixed(0)} ms = ${(c.floor / c.node).toFixed(2)}x; fastest ${q.floor.toFixed(1)} ms = ${(q.floor / q.node).toFixed(2)}x`,
    'reference',
    true,
  );
  const measured = [
    ['healthcheck', 'healthcheck start, one healthy URL', 1.2],
    ['deploy', 'deploy start, dry run of a canary', 1.35],
  ];
  if (candidate)
    measured.push(
      ['healthcheck (candidate)', `healthcheck start, one healthy URL (${candidate})`, 1.2],
      ['deploy (candidate)', `deploy start, dry run of a canary (${candidate})`, 1.35],
    );
  for (const [name, what, budget] of measured) {
    const ratio = m[name] / m.floor;
    row(
      'B1',
      what,
      `${m[name].toFixed(1)} ms = ${ratio.toFixed(2)}x floor (${(m[name] / m.node).toFixed(2)}x node -e 0); CPU ${c[name].toFixed(0)} ms = ${(c[name] / c.floor).toFixed(2)}x floor; fastest ${q[name].toFixed(1)} ms = ${(q[name] / q.floor).toFixed(2)}x floor's fastest`,
      `<= ${budget}x floor`,
      ratio <= budget,
    );
  }
}

try {
  if (only('B1')) await measureStart();

  // B2: detection of a fault while watching: a 503, and a hung endpoint.
  for (const fault of only('B2') ? ['503', 'hung'] : []) {
    let broken = false;
    const { server, url } = await listen((_req, res) => {
      if (!broken) return res.end('{"status":"UP"}');
      if (fault === '503') {
        res.statusCode = 503;
        return res.end('{"status":"DOWN"}');
      }
      // hung: never answer
    });
    const timing = { interval: '200ms', timeout: '1s', 'failure-threshold': '3' };
    const env = actionEnv({ ...healthcheckDefaults, ...timing, urls: `${url}/health`, duration: '1m' });
    const samples = [];
    for (let i = 0; i < 5; i += 1) {
      broken = false;
      const pending = run([join(root, 'dist', 'healthcheck', 'index.js')], env);
      await new Promise((ok) => setTimeout(ok, 1000));
      broken = true;
      const faultAt = performance.now();
      const result = await pending;
      if (result.code !== 1) throw new Error(`B2 ${fault}: expected exit 1, got ${result.code}\n${result.out}`);
      samples.push(performance.now() - faultAt);
    }
    server.closeAllConnections();
    server.close();
    const budget = 3 * 200 + 1000 + 50;
    const measured = median(samples);
    row(
      'B2',
      `detection of a ${fault === '503' ? '503' : 'hung endpoint'} (interval 200ms, threshold 3, timeout 1s)`,
      `${measured.toFixed(0)} ms after the fault (includes process exit)`,
      `<= ${budget} ms`,
      measured <= budget,
    );
  }

  // B3: 1,000 local URLs answering JSON after 50 ms, concurrency 100, served by another process (as a
  // user's service is), timed from outside: spawn to exit of the action, as `time node …` would. Both
  // URL forms a user writes: an address, and `localhost` (both loopback families tried).
  for (const host of only('B3') ? ['127.0.0.1', 'localhost'] : []) {
    const { port, stop } = await serve(50);
    const urls = Array.from({ length: 1000 }, (_, i) => `http://${host}:${port}/u/${i}`).join('\n');
    const env = actionEnv({ ...healthcheckDefaults, urls, concurrency: '100' });
    const samples = [];
    for (let i = 0; i < 5; i += 1) {
      const result = await run([join(root, 'dist', 'healthcheck', 'index.js')], env);
      if (result.code !== 0) throw new Error(`B3 failed:\n${result.out.slice(-2000)}`);
      samples.push(result.ms);
    }
    stop();
    const measured = median(samples);
    row(
      'B3',
      `1,000 URLs at ${host}, JSON after 50 ms, concurrency 100 (whole action run, server in its own process)`,
      `${measured.toFixed(0)} ms (runs: ${samples.map((ms) => ms.toFixed(0)).join(', ')})`,
      '<= 1500 ms',
      measured <= 1500,
    );
  }
  // B4, B5, B6 (deploy.bench-run.ts) and B7 (b7.bench-run.ts) reuse the test support code (nginx, demo
  // apps, the runner harness, the GitHub emulator) through vitest.
  const files = [
    ...(['B4', 'B5', 'B6'].some(only) ? ['bench/deploy.bench-run.ts'] : []),
    ...(only('B7') ? ['bench/b7.bench-run.ts'] : []),
  ];
  if (files.length > 0) {
    const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
    const result = await new Promise((done) => {
      const args = [vitest, 'run', '--config', join(root, 'bench', 'vitest.config.ts'), ...files];
      const child = spawn(process.execPath, args, {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (out += chunk));
      child.on('close', (code) => done({ code, out }));
    });
    const figures = [...result.out.matchAll(/BENCH (\{.*\})/g)].map((match) => JSON.parse(match[1]));
    if (figures.length === 0) throw new Error(`deploy benchmarks failed:\n${result.out.slice(-3000)}`);
    for (const f of figures) {
      const within = f.unit === 'failed' ? f.value <= f.budget : f.value <= f.budget;
      const measured = `${typeof f.value === 'number' && f.unit === 'ms' ? f.value.toFixed(0) : f.value} ${f.unit} (${f.extra})`;
      row(f.id, f.what, measured, f.unit === 'failed' ? '0 failed' : `<= ${f.budget} ${f.unit}`, within);
    }
    if (result.code !== 0) console.error(result.out.slice(-3000));
  }
} finally {
  for (const server of servers) server.kill('SIGTERM');
  rmSync(temp, { recursive: true, force: true });
}

console.log(`shipgate bench — Node ${(await run(['--version'])).out.trim()}, ${rounds} rounds, medians\n`);
console.log('| budget | what | measured | limit | verdict |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.id} | ${r.what} | ${r.measured} | ${r.budget} | ${r.verdict} |`);
