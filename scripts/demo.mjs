#!/usr/bin/env node
// `npm run demo`: shipgate's story on real parts, on loopback. nginx in front of demo-app processes
// that the deploy hooks start and stop; load through nginx; the committed action bundles run under
// Node 24 exactly as the GitHub runner runs them (inputs in INPUT_*, outputs and job summary in files).
//   1. deploy 1.0.0 (the first version goes straight to blue, gated)
//   2. canary 2.0.0: gated before traffic, 20% then 50% under an error-rate gate, promoted; blue retired
//   3. canary 3.0.0-bad (30% of its answers are 500s): the error-rate gate fails at 20%, traffic goes
//      back to 2.0.0 and the canary is retired, by itself
//   4. the healthcheck action gates the live service
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const node24 = join(root, 'node_modules', 'node', 'bin', 'node');
const hooks = join(root, 'examples', 'local', 'hooks');
const nginxBinary = '/usr/sbin/nginx';
const say = (text) => process.stdout.write(`\n\x1b[1m${text}\x1b[0m\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cleanups = [];

async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

function ensureNginx() {
  if (existsSync(nginxBinary)) return;
  const result = spawnSync('bash', [join(root, 'scripts', 'ensure-debian-packages.sh'), 'nginx-light'], {
    stdio: 'inherit',
  });
  if (result.status !== 0 || !existsSync(nginxBinary)) {
    console.error('shipgate demo: nginx is needed; run: sudo apt-get install -y nginx-light');
    process.exit(1);
  }
}

async function startNginx(dir, upstreamFile) {
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  const asRoot = process.getuid?.() === 0;
  writeFileSync(
    conf,
    [
      'daemon off;',
      'master_process on;',
      'worker_processes 1;',
      ...(asRoot ? ['user root;'] : []),
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'nginx-error.log')} notice;`,
      'events { worker_connections 1024; }',
      'http {',
      `  access_log ${join(dir, 'access.log')};`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(dir, t)};`),
      `  include ${upstreamFile};`,
      `  server { listen 127.0.0.1:${port}; location / { proxy_pass http://web; proxy_next_upstream off; } }`,
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(nginxBinary, ['-c', conf], { stdio: 'ignore' });
  cleanups.push(async () => {
    child.kill('SIGQUIT');
    await new Promise((ok) => (child.exitCode !== null ? ok() : child.once('exit', ok)));
  });
  for (let i = 0; i < 100; i += 1) {
    const ok = await new Promise((done) => {
      const socket = createServer().listen(port, '127.0.0.1');
      socket.once('listening', () => socket.close(() => done(false)));
      socket.once('error', () => done(true));
    });
    if (ok) break;
    await sleep(50);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    reload: `${nginxBinary} -c ${conf} -s reload`,
    test: `${nginxBinary} -c ${conf} -t -q`,
  };
}

/** Steady load through nginx (autocannon in its own process), so the canary takes real requests. */
function startLoad(url) {
  const cli = join(root, 'node_modules', 'autocannon', 'autocannon.js');
  const child = spawn(
    process.execPath,
    [cli, '--connections', '4', '--duration', '120', '--no-progress', `${url}/api/work?ms=5`],
    { stdio: 'ignore' },
  );
  return () => child.kill('SIGKILL');
}

function runAction(action, inputs, workspace, env) {
  const files = { output: join(workspace, '.out'), summary: join(workspace, '.summary') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const childEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? workspace,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: 'octo-org/web',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: String(Date.now()),
    ...env,
  };
  for (const [name, value] of Object.entries(inputs)) childEnv[`INPUT_${name.toUpperCase()}`] = value;
  return new Promise((done) => {
    const child = spawn(node24, [join(root, 'dist', action, 'index.js')], {
      cwd: workspace,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk) => (log += chunk));
    child.stderr.on('data', (chunk) => (log += chunk));
    child.on('close', (code) => {
      const outputs = {};
      const text = readFileSync(files.output, 'utf8').split('\n');
      for (let i = 0; i < text.length; i += 1) {
        const m = /^([^<]+)<<(.+)$/.exec(text[i]);
        if (!m) continue;
        const value = [];
        for (i += 1; i < text.length && text[i] !== m[2]; i += 1) value.push(text[i]);
        outputs[m[1]] = value.join('\n');
      }
      done({ code, log, outputs, summary: readFileSync(files.summary, 'utf8') });
    });
  });
}

/** The step table of a deploy's job summary, for the terminal. */
function stepsOf(summary) {
  const lines = summary.split('\n');
  const start = lines.findIndex((line) => line.startsWith('#### Steps'));
  const table = [];
  for (const line of start >= 0 ? lines.slice(start + 2) : []) {
    if (!line.startsWith('|')) break;
    table.push(line);
  }
  return [lines[0], ...lines.filter((l) => l.startsWith('**Why') || l.startsWith('**Rollback')), ...table]
    .map((l) => `   ${l}`)
    .join('\n');
}

async function versionsServed(url, count = 40) {
  const seen = {};
  for (let i = 0; i < count; i += 1) {
    try {
      const body = await (await fetch(`${url}/`)).json();
      seen[body.version] = (seen[body.version] ?? 0) + 1;
    } catch {
      seen.error = (seen.error ?? 0) + 1;
    }
  }
  return seen;
}

try {
  ensureNginx();
  const workspace = mkdtempSync(join(tmpdir(), 'shipgate-demo-'));
  cleanups.push(async () => rmSync(workspace, { recursive: true, force: true }));
  const demoDir = join(workspace, 'demo');
  mkdirSync(join(workspace, '.github'), { recursive: true });
  mkdirSync(demoDir, { recursive: true });
  cleanups.unshift(async () => {
    for (const name of existsSync(demoDir) ? readdirSync(demoDir) : []) {
      if (!name.endsWith('.pid')) continue;
      try {
        process.kill(Number(readFileSync(join(demoDir, name), 'utf8')), 'SIGTERM');
      } catch {}
    }
  });
  const blue = `127.0.0.1:${await freePort()}`;
  const green = `127.0.0.1:${await freePort()}`;
  const upstreamFile = join(workspace, 'upstream.conf');
  writeFileSync(upstreamFile, `upstream web { server ${blue}; }\n`);
  const nginx = await startNginx(workspace, upstreamFile);
  const config = `version: 1
services:
  web:
    environments:
      production:
        strategy: canary
        target:
          kind: command
          deploy: sh ${hooks}/deploy.sh
          retire: sh ${hooks}/retire.sh
          timeout: 1m
          slots: { blue: ["${blue}"], green: ["${green}"] }
        router:
          kind: nginx
          upstream-file: ${upstreamFile}
          upstream-name: web
          reload: ${nginx.reload}
          test: ${nginx.test}
        health:
          url: http://{address}/health
          expect-json: { status: UP }
          interval: 250ms
          timeout: 2s
          deadline: 10s
        analysis:
          metrics:
            - name: error-rate
              provider: command
              command: sh ${hooks}/error-rate.sh
              max: 0.05
              interval: 1s
              on-no-data: inconclusive
              inconclusive-limit: 3
        canary:
          steps: [ { weight: 20, pause: 4s }, { weight: 50, pause: 3s } ]
        blue-green: { scale-down-delay: 1s }
`;
  writeFileSync(join(workspace, '.github', 'shipgate.yml'), config);
  const env = {
    SHIPGATE_DEMO_APP: join(root, 'test', 'support', 'demo-app', 'server.mjs'),
    SHIPGATE_DEMO_DIR: demoDir,
  };
  console.log(
    `shipgate demo: nginx on ${nginx.url} in front of slots blue ${blue} and green ${green}; workspace ${workspace}`,
  );
  console.log(`config (.github/shipgate.yml):\n${config.replace(/^/gm, '   ')}`);

  say('1. Deploy 1.0.0: the first version goes straight to blue, gated before it takes traffic.');
  const first = await runAction('deploy', { environment: 'production', version: '1.0.0' }, workspace, env);
  console.log(stepsOf(first.summary));
  const stopLoad = startLoad(nginx.url);
  cleanups.unshift(async () => stopLoad());

  say(
    '2. Canary 2.0.0 under load: 20%, then 50%, each held behind the health watch and the error-rate gate; promoted.',
  );
  const good = await runAction('deploy', { environment: 'production', version: '2.0.0' }, workspace, env);
  console.log(stepsOf(good.summary));
  console.log(
    `   result=${good.outputs.result} active-slot=${good.outputs['active-slot']}; nginx now serves ${JSON.stringify(await versionsServed(nginx.url))}`,
  );

  say(
    '3. Canary 3.0.0-bad: 30% of its answers are 500s. The error-rate gate fails at 20% and shipgate rolls back by itself.',
  );
  const bad = await runAction('deploy', { environment: 'production', version: '3.0.0-bad' }, workspace, env);
  console.log(stepsOf(bad.summary));
  console.log(
    `   exit ${bad.code}: ${
      bad.log
        .split('\n')
        .find((l) => l.startsWith('::error::'))
        ?.slice(9) ?? ''
    }`,
  );
  console.log(`   result=${bad.outputs.result}; nginx serves ${JSON.stringify(await versionsServed(nginx.url))}`);
  const report = JSON.parse(bad.outputs.report ?? '{}');
  const gate = report.steps?.find((s) => s.gate?.verdict === 'failed')?.gate;
  const measured = gate?.metrics?.[0]?.measurements?.map((m) => m.raw).join(', ');
  if (measured) console.log(`   error-rate measured on the canary: ${measured} (max 0.05)`);

  say('4. The healthcheck action gates the live service through nginx.');
  const check = await runAction(
    'healthcheck',
    {
      urls: `${nginx.url}/health`,
      'expect-json': '{"status":"UP"}',
      interval: '200ms',
      'success-threshold': '3',
      'report-to': 'summary',
    },
    workspace,
    env,
  );
  console.log(
    check.summary
      .split('\n')
      .filter((l) => l.startsWith('|') || l.startsWith('###'))
      .map((l) => `   ${l}`)
      .join('\n'),
  );

  const ok =
    first.outputs.result === 'succeeded' &&
    good.outputs.result === 'succeeded' &&
    bad.outputs.result === 'rolled-back' &&
    check.code === 0;
  if (!ok) {
    console.error(
      `\nshipgate demo: the story did not go as it should (results: ${first.outputs.result}, ${good.outputs.result}, ${bad.outputs.result}, healthcheck exit ${check.code}).\n${bad.log.slice(-3000)}`,
    );
    process.exitCode = 1;
  } else {
    say(
      'Done: the good version was promoted, the bad one rolled back by itself, and traffic never left a healthy version. `npm test` runs every test.',
    );
  }
} finally {
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch {}
  }
}
