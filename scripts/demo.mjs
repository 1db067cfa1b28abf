#!/usr/bin/env node
// The demo: real demo-app processes on loopback, and the committed action bundles run under Node 24
// exactly as the GitHub runner runs them (inputs in INPUT_*, outputs and the job summary in files).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const node24 = join(root, 'node_modules', 'node', 'bin', 'node');
const temp = mkdtempSync(join(tmpdir(), 'shipgate-demo-'));
const children = [];

const say = (text) => process.stdout.write(`\n\x1b[1m${text}\x1b[0m\n`);

function startApp(version, slot) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'test', 'support', 'demo-app', 'server.mjs'), '--port', '0', '--version', version, '--slot', slot], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const timer = setTimeout(() => fail(new Error('demo app did not start within 10s')), 10_000);
    child.stdout.on('data', (chunk) => {
      const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
      if (match) {
        clearTimeout(timer);
        done({ url: match[1], child });
      }
    });
    child.on('exit', (code) => fail(new Error(`demo app exited with ${code}`)));
  });
}

async function control(url, body) {
  const response = await fetch(`${url}/control`, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`demo app control: ${response.status}`);
}

/** Runs an action bundle as the runner does and returns its outputs, summary and exit code. */
function runAction(action, inputs) {
  const files = { output: join(temp, 'output'), summary: join(temp, 'summary') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const env = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: 'octo-org/web',
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return new Promise((done) => {
    const child = spawn(node24, [join(root, 'dist', action, 'index.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (chunk) => (log += chunk));
    child.stderr.on('data', (chunk) => (log += chunk));
    child.on('close', (code) => done({ code, log, summary: readFileSync(files.summary, 'utf8') }));
  });
}

try {
  say('1. Two instances of the demo app start on loopback (blue 1.4.1, green 1.4.2).');
  const blue = await startApp('1.4.1', 'blue');
  const green = await startApp('1.4.2', 'green');
  console.log(`   blue:  ${blue.url}\n   green: ${green.url}`);

  say('2. shipgate healthcheck gates both: /health must answer 2xx with {"status":"UP"}.');
  const inputs = {
    urls: `${blue.url}/health\n${green.url}/health`,
    'expect-json': '{"status":"UP"}',
    interval: '200ms',
    timeout: '1s',
    deadline: '3s',
    'success-threshold': '2',
    duration: '1s',
    'report-to': 'summary',
  };
  const healthy = await runAction('healthcheck', inputs);
  console.log(`   exit ${healthy.code}; job summary:\n`);
  console.log(healthy.summary.replace(/^/gm, '   '));

  say('3. green turns unhealthy (its /health answers 503): the gate fails and says why.');
  await control(green.url, { mode: 'unhealthy' });
  const sick = await runAction('healthcheck', inputs);
  console.log(`   exit ${sick.code}; the log's error line:`);
  console.log(sick.log.split('\n').filter((line) => line.startsWith('::error::')).map((line) => `   ${line}`).join('\n'));
  console.log('\n   job summary:\n');
  console.log(sick.summary.replace(/^/gm, '   '));
  if (healthy.code !== 0 || sick.code !== 1) throw new Error('the demo did not go as it should: see above');
  say('Done. `npm test` runs every test.');
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(temp, { recursive: true, force: true });
}
