// The Weave API's stand-in for examples/004-weave-api's end-to-end test: a few lines of Node with no
// dependency, so that it runs in a `docker import`ed image that holds only the Node binary. It answers
// what shipgate's gates read from the real Spring Boot service:
//
//   GET /actuator/health            200 {"status":"UP","components":{"mongo":…,"redis":…}} (Spring's health group)
//   GET /actuator/health/liveness   200 {"status":"UP"}  (the container HEALTHCHECK, Swarm's)
//   GET /api/...                    200 {"version"}      (the API; see the faults below)
//   GET /actuator/prometheus        Micrometer's Prometheus text: the timer http_server_requests_seconds
//                                   (_bucket{le}, _count, _sum) with the tags method, uri, status, outcome
//                                   and the common tag `version` (management.metrics.tags.version); also
//                                   at /metrics, the path the tests' Prometheus (test/support) scrapes
//
// Environment, baked into each image as a build would: APP_VERSION (the image tag), PORT, HOST,
// REUSE_PORT=1 (SO_REUSEPORT: on the host network a start-first update starts the new task on the port
// the old one still serves). A bad build is made with one of:
//   STANDIN_ERROR_EVERY=N  every Nth API request answers 500 (N=20: an error rate of exactly 5%)
//   STANDIN_DELAY_MS=MS    every API request takes MS before it answers (p95 ≥ 2 s with MS=2500)
import { createServer } from 'node:http';

const version = process.env.APP_VERSION ?? 'dev';
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const errorEvery = Number(process.env.STANDIN_ERROR_EVERY ?? 0);
const delayMs = Number(process.env.STANDIN_DELAY_MS ?? 0);

// Micrometer's percentiles-histogram buckets for http.server.requests, cut to the range that matters here.
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5, 10];
/** key (the tags) → { tags, counts per bucket, count, sum } */
const timers = new Map();
let apiRequests = 0;

function record(tags, seconds) {
  const key = JSON.stringify(tags);
  let timer = timers.get(key);
  if (!timer) {
    timer = { tags, buckets: BUCKETS.map(() => 0), count: 0, sum: 0 };
    timers.set(key, timer);
  }
  BUCKETS.forEach((le, i) => {
    if (seconds <= le) timer.buckets[i] += 1;
  });
  timer.count += 1;
  timer.sum += seconds;
}

function exposition() {
  const lines = [
    '# HELP http_server_requests_seconds Duration of HTTP server request handling',
    '# TYPE http_server_requests_seconds histogram',
  ];
  for (const { tags, buckets, count, sum } of timers.values()) {
    const labels = Object.entries({ ...tags, version }).map(([name, value]) => `${name}="${value}"`);
    buckets.forEach((n, i) => {
      lines.push(`http_server_requests_seconds_bucket{${[...labels, `le="${BUCKETS[i]}"`].join(',')}} ${n}`);
    });
    lines.push(`http_server_requests_seconds_bucket{${[...labels, 'le="+Inf"'].join(',')}} ${count}`);
    lines.push(`http_server_requests_seconds_count{${labels.join(',')}} ${count}`);
    lines.push(`http_server_requests_seconds_sum{${labels.join(',')}} ${sum}`);
  }
  return `${lines.join('\n')}\n`;
}

function send(res, status, body, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req, res) {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/actuator/prometheus' || path === '/metrics')
    return send(res, 200, exposition(), 'text/plain; version=0.0.4');
  const started = performance.now();
  let status = 200;
  let body;
  if (path === '/actuator/health') {
    body = { status: 'UP', components: { mongo: { status: 'UP' }, redis: { status: 'UP' } } };
  } else if (path === '/actuator/health/liveness') {
    body = { status: 'UP' };
  } else if (path.startsWith('/api/')) {
    apiRequests += 1;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (errorEvery > 0 && apiRequests % errorEvery === 0) {
      status = 500;
      body = { error: 'Internal Server Error', version };
    } else {
      body = { version };
    }
  } else {
    status = 404;
    body = { error: 'Not Found' };
  }
  send(res, status, body);
  const outcome = status >= 500 ? 'SERVER_ERROR' : status >= 400 ? 'CLIENT_ERROR' : 'SUCCESS';
  const uri = status === 404 ? 'NOT_FOUND' : path;
  record({ method: req.method ?? 'GET', outcome, status: String(status), uri }, (performance.now() - started) / 1000);
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => res.destroy());
});
server.keepAliveTimeout = 5_000;
server.on('error', (error) => {
  process.stderr.write(`weave-api stand-in: cannot listen on ${host}:${port}: ${error.message}\n`);
  process.exit(2);
});
server.listen({ port, host, reusePort: process.env.REUSE_PORT === '1' }, () => {
  process.stdout.write(`weave-api stand-in ${version} listening on ${host}:${port}\n`);
});

function shutdown() {
  // The task that replaces this one shares the port: requests in flight finish, idle connections go to it.
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 3_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
