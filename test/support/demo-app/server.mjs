// A small HTTP service standing in for a real one in shipgate's tests and demo. Plain JavaScript ESM so
// any Node runs it; its one dependency is prom-client.
//
//   node server.mjs --port 8081 [--host 127.0.0.1] [--version 1.4.2] [--slot blue] [--control-file PATH]
//
//   GET  /          200 {"version","slot"}              (500 in error mode, with probability errorRate)
//   GET  /api/work  200 {"ok":true,"version","slot"}    (the same; ?ms=N takes N ms of simulated work, so a
//                   load generator with a few connections makes smooth, bounded traffic without a rate limit)
//   GET  /health    200 {"status":"UP","version"}       503 {"status":"DOWN"} in unhealthy mode (liveness)
//   GET  /ready     200 {"status":"READY","version"}    503 {"status":"DEGRADED"} in degraded mode (alive, not
//                   ready: runbook 003's degraded mode), 503 {"status":"DOWN"} in unhealthy mode (readiness)
//   POST /api/upload 200 {"ok":true,"bytes"}            413 when the body is over 1 KiB (runbook 003's payload check)
//   GET  /metrics   Prometheus text: http_requests_total{code,slot,version},
//                   http_request_duration_seconds{slot,version} (recorded for / and /api/* only)
//   POST /control   {"mode":"healthy"|"error"|"unhealthy"|"slow"|"degraded","errorRate"?:0..1,"delayMs"?:n}
//                   answers the new state, with `since`: when it took effect (epoch ms)
//
// A deploy hook can start a bad version directly: DEMO_MODE=error DEMO_ERROR_RATE=0.5 (and DEMO_DELAY_MS).
// --control-file names a JSON file of the same shape as POST /control, re-read when it changes, so a
// test can switch an instance it reaches only through a proxy. PORT, HOST, DEMO_VERSION and DEMO_SLOT
// stand in for the flags. DEMO_REUSE_PORT=1 listens with SO_REUSEPORT, so a Swarm start-first update on
// the host network can start the new task on the port the old one still serves (Node 22.12+).
// --port 0 picks a free port; the ready line says which:
//   demo-app listening on http://127.0.0.1:8081 version=1.4.2 slot=blue
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Counter, Histogram, Registry } from 'prom-client';

const MODES = ['healthy', 'error', 'unhealthy', 'slow', 'degraded'];
const UPLOAD_LIMIT = 1024;
const DEFAULT_SLOW_MS = 1000;

function fail(message) {
  process.stderr.write(`demo-app: ${message}\n`);
  process.exit(2);
}

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    version: { type: 'string' },
    slot: { type: 'string' },
    'control-file': { type: 'string' },
  },
  strict: true,
});

const port = Number(flags.port ?? process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port is '${flags.port ?? process.env.PORT}'; expected 0-65535`);
const host = flags.host ?? process.env.HOST ?? '127.0.0.1';
const version = flags.version ?? process.env.DEMO_VERSION ?? 'dev';
const slot = flags.slot ?? process.env.DEMO_SLOT ?? '';
const controlFile = flags['control-file'];

/** Reads a control object; returns an error text for a bad one. */
function applyControl(input) {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'expected a JSON object';
  const mode = input.mode ?? 'healthy';
  if (!MODES.includes(mode)) return `mode is '${mode}'; expected one of ${MODES.join(', ')}`;
  const errorRate = input.errorRate === undefined ? 1 : Number(input.errorRate);
  if (!(errorRate >= 0 && errorRate <= 1)) return `errorRate is '${input.errorRate}'; expected 0..1`;
  const delayMs = input.delayMs === undefined ? DEFAULT_SLOW_MS : Number(input.delayMs);
  if (!(delayMs >= 0 && delayMs <= 600_000)) return `delayMs is '${input.delayMs}'; expected 0..600000`;
  // since: when the switch took effect (epoch ms), so a test can time detection from the fault itself.
  state = { mode, errorRate, delayMs, since: Date.now() };
  return undefined;
}

let state = { mode: 'healthy', errorRate: 1, delayMs: DEFAULT_SLOW_MS, since: Date.now() };
{
  const problem = applyControl({
    mode: process.env.DEMO_MODE || 'healthy',
    ...(process.env.DEMO_ERROR_RATE ? { errorRate: process.env.DEMO_ERROR_RATE } : {}),
    ...(process.env.DEMO_DELAY_MS ? { delayMs: process.env.DEMO_DELAY_MS } : {}),
  });
  if (problem) fail(`DEMO_MODE/DEMO_ERROR_RATE/DEMO_DELAY_MS: ${problem}`);
}

let controlMtime = 0;
let controlCheckedAt = 0;
/** Re-reads the control file at most every 100 ms, when its modification time changed. */
function refreshControl() {
  if (!controlFile) return;
  const now = Date.now();
  if (now - controlCheckedAt < 100) return;
  controlCheckedAt = now;
  try {
    const mtime = statSync(controlFile).mtimeMs;
    if (mtime === controlMtime) return;
    controlMtime = mtime;
    const problem = applyControl(JSON.parse(readFileSync(controlFile, 'utf8')));
    if (problem) process.stderr.write(`demo-app: control file ${controlFile}: ${problem}\n`);
  } catch (error) {
    if (error.code !== 'ENOENT') process.stderr.write(`demo-app: control file ${controlFile}: ${error.message}\n`);
  }
}

const registry = new Registry();
const requests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests served, by status code',
  labelNames: ['code', 'slot', 'version'],
  registers: [registry],
});
const duration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time to serve HTTP requests',
  labelNames: ['slot', 'version'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});
// Series that exist from the start: a 5xx counter that first appears with the first error has no
// earlier sample, so rate() cannot see it until the scrape after; at 0 it turns a fault into a rate at once.
for (const code of ['200', '500']) requests.labels({ code, slot, version }).inc(0);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function send(res, status, body, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > 64 * 1024) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handle(req, res) {
  refreshControl();
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/metrics' && req.method === 'GET') {
    send(res, 200, await registry.metrics(), registry.contentType);
    return;
  }
  if (path === '/control') {
    if (req.method !== 'POST') return send(res, 405, { error: 'use POST' });
    let input;
    try {
      input = JSON.parse(await readBody(req));
    } catch (error) {
      return send(res, 400, { error: `body is not JSON: ${error.message}` });
    }
    const problem = applyControl(input);
    if (problem) return send(res, 400, { error: problem });
    process.stdout.write(`demo-app control: ${JSON.stringify(state)}\n`);
    return send(res, 200, state);
  }
  if (state.mode === 'slow') await sleep(state.delayMs);
  if (path === '/health') {
    if (state.mode === 'unhealthy') return send(res, 503, { status: 'DOWN' });
    return send(res, 200, { status: 'UP', version });
  }
  if (path === '/ready') {
    if (state.mode === 'unhealthy') return send(res, 503, { status: 'DOWN' });
    if (state.mode === 'degraded') return send(res, 503, { status: 'DEGRADED', version });
    return send(res, 200, { status: 'READY', version });
  }
  if (path === '/api/upload' && req.method === 'POST') {
    let bytes;
    try {
      bytes = Buffer.byteLength(await readBody(req));
    } catch {
      return send(res, 413, { error: 'payload too large' });
    }
    if (bytes > UPLOAD_LIMIT) return send(res, 413, { error: 'payload too large', bytes });
    return send(res, 200, { ok: true, bytes, version });
  }
  if (path === '/' || path.startsWith('/api/')) {
    const stopTimer = duration.startTimer({ slot, version });
    const workMs =
      path === '/api/work' ? Number(new URL(req.url ?? '/', 'http://localhost').searchParams.get('ms') ?? 0) : 0;
    if (workMs > 0 && workMs <= 10_000) await sleep(workMs);
    let status = 200;
    let body = path === '/' ? { version, slot } : { ok: true, version, slot };
    if (state.mode === 'error' && Math.random() < state.errorRate) {
      status = 500;
      body = { error: 'injected failure', version, slot };
    } else if (path !== '/' && path !== '/api/work') {
      status = 404;
      body = { error: 'not found' };
    }
    send(res, status, body);
    stopTimer();
    requests.inc({ code: String(status), slot, version });
    return;
  }
  send(res, 404, { error: 'not found' });
}

const server = createServer((req, res) => {
  handle(req, res).catch((error) => {
    if (!res.headersSent) send(res, 500, { error: error.message });
    else res.destroy();
  });
});
server.keepAliveTimeout = 5_000;

server.on('error', (error) => fail(`cannot listen on ${host}:${port}: ${error.message}`));
server.listen({ port, host, reusePort: process.env.DEMO_REUSE_PORT === '1' }, () => {
  const address = server.address();
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  process.stdout.write(`demo-app listening on http://${shownHost}:${address.port} version=${version} slot=${slot}\n`);
});

const reusePort = process.env.DEMO_REUSE_PORT === '1';
function shutdown() {
  server.close(() => process.exit(0));
  // Sharing its port with the task that replaces it (a Swarm update), requests in flight finish.
  if (reusePort) server.closeIdleConnections();
  else server.closeAllConnections();
  // In-flight slow requests must not hold the exit for long.
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
