// The "Python API" of runbook 003, stood in for by a small Node HTTP server (examples/003-python-api):
// what the test's `docker compose up` starts for one slot. Plain JavaScript, no dependencies.
//
//   GET /health/live   200 {"status":"alive","version"}
//   GET /health/ready  200 {"status":"ready","checks":{"db":"ok","redis":"ok"},"version"}
//                      503 {"status":"degraded",...,"redis":"down"} when Redis (rate_limit_backend) is down:
//                          the API still serves, without rate limiting (the runbook's degraded mode)
//                      503 {"status":"unavailable",...,"db":"down"} when the database is down
//   GET /api/*         200 {"version","slot"} after API_LATENCY_MS; 500 for API_ERROR_RATE of the requests
//                      (every n-th, so a fraction is exact, not luck); 503 while the database is down
//   GET /metrics       Prometheus text, the names and labels prometheus-fastapi-instrumentator writes:
//                      http_requests_total{handler,method,status="2xx"|"5xx"} and the histogram
//                      http_request_duration_seconds{handler,method}; plus `slot`, which in production the
//                      scrape config adds (the test's Prometheus has no target labels)
//
// Environment: PORT, API_VERSION, API_SLOT, API_ERROR_RATE (0..1), API_LATENCY_MS, API_DEPENDENCIES (a
// JSON file {"db":"up"|"down","redis":"up"|"down"}, re-read on every request: the dependencies are shared
// by both slots, and the test takes them down and up).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const port = Number(process.env.PORT);
const version = process.env.API_VERSION ?? 'dev';
const slot = process.env.API_SLOT ?? '';
const errorRate = Number(process.env.API_ERROR_RATE ?? 0);
const latencyMs = Number(process.env.API_LATENCY_MS ?? 0);
const dependenciesFile = process.env.API_DEPENDENCIES;
if (!Number.isInteger(port) || port <= 0) {
  process.stderr.write(`stand-in: PORT is '${process.env.PORT}'; expected a port number\n`);
  process.exit(2);
}

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.4, 0.5, 1, 2, 2.5, 5, 10];
/** handler|method|status -> count */
const requests = new Map();
/** handler|method -> { counts per bucket, sum, count } */
const durations = new Map();
// The API's series exist from the start (as after a first request): a 5xx series that first appears
// with the first error has no earlier sample, so rate() would not see it until the next scrape.
for (const status of ['2xx', '5xx']) requests.set(`/api/items|GET|${status}`, 0);
durations.set('/api/items|GET', { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 });

function observe(handler, method, status, seconds) {
  const key = `${handler}|${method}|${status}`;
  requests.set(key, (requests.get(key) ?? 0) + 1);
  const series = durations.get(`${handler}|${method}`) ?? { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
  BUCKETS.forEach((le, i) => {
    if (seconds <= le) series.buckets[i] += 1;
  });
  series.sum += seconds;
  series.count += 1;
  durations.set(`${handler}|${method}`, series);
}

function metrics() {
  const lines = ['# TYPE http_requests_total counter'];
  for (const [key, value] of requests) {
    const [handler, method, status] = key.split('|');
    lines.push(
      `http_requests_total{handler="${handler}",method="${method}",status="${status}",slot="${slot}"} ${value}`,
    );
  }
  lines.push('# TYPE http_request_duration_seconds histogram');
  for (const [key, series] of durations) {
    const [handler, method] = key.split('|');
    const labels = `handler="${handler}",method="${method}",slot="${slot}"`;
    BUCKETS.forEach((le, i) => {
      lines.push(`http_request_duration_seconds_bucket{${labels},le="${le}"} ${series.buckets[i]}`);
    });
    lines.push(`http_request_duration_seconds_bucket{${labels},le="+Inf"} ${series.count}`);
    lines.push(`http_request_duration_seconds_sum{${labels}} ${series.sum}`);
    lines.push(`http_request_duration_seconds_count{${labels}} ${series.count}`);
  }
  return `${lines.join('\n')}\n`;
}

function dependencies() {
  if (!dependenciesFile) return { db: 'up', redis: 'up' };
  try {
    return { db: 'up', redis: 'up', ...JSON.parse(readFileSync(dependenciesFile, 'utf8')) };
  } catch {
    return { db: 'up', redis: 'up' };
  }
}

let served = 0;
/** Every n-th request fails, so that `errorRate` of them do: exact, whatever the traffic. */
function injectedFailure() {
  served += 1;
  return Math.floor(served * errorRate) > Math.floor((served - 1) * errorRate);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function handle(req, res) {
  const started = performance.now();
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const requestId = req.headers['x-request-id'] || randomUUID();
  const send = (status, body, type = 'application/json') => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': type, 'x-request-id': requestId });
    res.end(text);
    if (path !== '/metrics') {
      const handler = path.startsWith('/api/') ? '/api/items' : path;
      observe(handler, req.method ?? 'GET', `${String(status)[0]}xx`, (performance.now() - started) / 1000);
    }
  };
  if (path === '/metrics') return send(200, metrics(), 'text/plain; version=0.0.4');
  const deps = dependencies();
  const checks = { db: deps.db === 'down' ? 'down' : 'ok', redis: deps.redis === 'down' ? 'down' : 'ok' };
  if (path === '/health/live') return send(200, { status: 'alive', version });
  if (path === '/health/ready') {
    if (checks.db === 'down') return send(503, { status: 'unavailable', checks, version });
    if (checks.redis === 'down') return send(503, { status: 'degraded', checks, version });
    return send(200, { status: 'ready', checks, version });
  }
  if (path.startsWith('/api/')) {
    if (checks.db === 'down') return send(503, { error: 'database unavailable', version, slot });
    if (latencyMs > 0) await sleep(latencyMs);
    if (injectedFailure()) return send(500, { error: 'internal server error', version, slot });
    return send(200, { version, slot, rateLimit: checks.redis === 'down' ? 'off (degraded mode)' : 'on' });
  }
  return send(404, { error: 'not found' });
}

const server = createServer((req, res) => {
  handle(req, res).catch((error) => {
    res.writeHead(500);
    res.end(String(error));
  });
});
server.keepAliveTimeout = 5_000;
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`stand-in api ${version} (${slot}) listening on 127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)).closeAllConnections());
