#!/usr/bin/env node
// The end-to-end test's stand-in for the dbgate binary (a C++ MySQL proxy that is not in this
// repository). It is configured by dbgate's own environment variables (runbook 000, "환경변수 기반 설정")
// and behaves as the runbook describes, on a line protocol instead of MySQL's:
//
// - POLICY_PATH: the policy (the stand-in's YAML subset, below); loaded at start (a bad one: exit 1).
// - PROXY_LISTEN_ADDR / PROXY_LISTEN_PORT: one query per line in, `OK` or `BLOCKED` per line out; every
//   query counts in total_queries, every blocked one in blocked_queries.
// - HEALTH_CHECK_PORT: GET /health → 200 {"status":"UP"}.
// - UDS_SOCKET_PATH: the stats socket, 4-byte little-endian length + JSON each way, exactly as the
//   runbook's "UDS 통계 조회" shows; block_rate is cumulative since start, as dbgate reports it.
// - LOG_PATH: `[proxy] ...` lines, including `[proxy] policy reloaded successfully`.
// - SIGHUP: reload the policy. A policy that does not parse is logged as
//   `[proxy] policy reload failed: <why>; keeping the previous policy` and the previous policy stays in
//   force ("기존 정책 유지하며 재로드"). SIGTERM / SIGINT: close everything and exit 0.
//
// Policy format (a subset of YAML; anything else is a parse error, naming the line):
//
//   version: 1
//   blocked:              # case-insensitive regular expressions; a query matching one is blocked
//     - '^\s*DROP\s+TABLE'
//     - "^\\s*DELETE\\s+FROM\\s+\\w+\\s*;?\\s*$"
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';

process.title = 'dbgate'; // /proc/<pid>/comm, which the deploy hooks check before signalling the pid

const env = (name, fallback) => process.env[name] || fallback;
const policyPath = env('POLICY_PATH', 'config/policy.yaml');
const logPath = env('LOG_PATH', '/tmp/dbgate.log');
const socketPath = env('UDS_SOCKET_PATH', '/tmp/dbgate.sock');
const listenAddr = env('PROXY_LISTEN_ADDR', '0.0.0.0');
const listenPort = Number(env('PROXY_LISTEN_PORT', '13306'));
const healthPort = Number(env('HEALTH_CHECK_PORT', '8080'));

function log(line) {
  appendFileSync(logPath, `${new Date().toISOString()} [proxy] ${line}\n`);
}

/** One scalar of the subset: 'single' (no escapes), "double" (\\ and \" escapes), or bare. */
function scalar(text, lineNo) {
  if (text.startsWith("'")) {
    if (!/^'[^']*'$/.test(text)) throw new Error(`line ${lineNo}: unterminated single-quoted string`);
    return text.slice(1, -1);
  }
  if (text.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\.)*"$/.test(text)) throw new Error(`line ${lineNo}: unterminated double-quoted string`);
    return text.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  if (/^[[{&*!|>%@`]/.test(text)) throw new Error(`line ${lineNo}: unsupported YAML in '${text}'`);
  return text;
}

/** The policy file → the blocked patterns; throws with the line that is wrong. */
function parsePolicy(text) {
  let version;
  let blocked;
  text.split('\n').forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.replace(/\s+#.*$/, '').replace(/^#.*$/, '');
    if (line.trim() === '') return;
    if (line.includes('\t')) throw new Error(`line ${lineNo}: a tab character (YAML indents with spaces)`);
    const item = /^\s+-\s+(.+?)\s*$/.exec(line);
    if (item) {
      if (!blocked) throw new Error(`line ${lineNo}: a list item outside 'blocked:'`);
      const pattern = scalar(item[1], lineNo);
      try {
        blocked.push(new RegExp(pattern, 'i'));
      } catch (error) {
        throw new Error(`line ${lineNo}: pattern ${pattern} is not a regular expression (${error.message})`);
      }
      return;
    }
    const key = /^([a-z_]+):\s*(.*?)\s*$/.exec(line);
    if (!key) throw new Error(`line ${lineNo}: expected 'key: value' or '- pattern', got '${line.trim()}'`);
    if (key[1] === 'version') {
      version = scalar(key[2], lineNo);
      if (version !== '1') throw new Error(`line ${lineNo}: version ${version}; expected 1`);
    } else if (key[1] === 'blocked' && key[2] === '') {
      blocked = [];
    } else {
      throw new Error(`line ${lineNo}: unknown key '${key[1]}'`);
    }
  });
  if (version === undefined) throw new Error("no 'version: 1'");
  if (!blocked) throw new Error("no 'blocked:' list");
  return blocked;
}

function loadPolicy() {
  return parsePolicy(readFileSync(policyPath, 'utf8'));
}

let policy;
try {
  policy = loadPolicy();
} catch (error) {
  log(`policy load failed: ${error.message}`);
  process.exit(1);
}
log(`policy loaded from ${policyPath} (${policy.length} blocked patterns)`);

const stats = { totalConnections: 0, activeSessions: 0, totalQueries: 0, blockedQueries: 0 };
const recent = []; // query times of the last second, for qps

function answer(query) {
  stats.totalQueries += 1;
  const now = Date.now();
  recent.push(now);
  while (recent.length && recent[0] < now - 1000) recent.shift();
  if (policy.some((pattern) => pattern.test(query))) {
    stats.blockedQueries += 1;
    return 'BLOCKED';
  }
  return 'OK';
}

const proxy = createServer((socket) => {
  stats.totalConnections += 1;
  stats.activeSessions += 1;
  socket.on('close', () => {
    stats.activeSessions -= 1;
  });
  socket.on('error', () => {});
  let buffered = '';
  socket.on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    const answers = lines.filter((line) => line.trim() !== '').map((line) => answer(line.trim()));
    if (answers.length) socket.write(`${answers.join('\n')}\n`);
  });
});

function statsPayload() {
  const rate = stats.totalQueries === 0 ? 0 : stats.blockedQueries / stats.totalQueries;
  return {
    total_connections: stats.totalConnections,
    active_sessions: stats.activeSessions,
    total_queries: stats.totalQueries,
    blocked_queries: stats.blockedQueries,
    qps: Number(recent.filter((t) => t >= Date.now() - 1000).length.toFixed(4)),
    block_rate: Number(rate.toFixed(4)),
    captured_at_ms: Date.now(),
  };
}

function frame(value) {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length, 0);
  return Buffer.concat([header, body]);
}

// The stats socket: length-prefixed JSON requests, one response frame each.
const uds = createServer((socket) => {
  socket.on('error', () => {});
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const length = buffered.readUInt32LE(0);
      if (buffered.length < 4 + length) return;
      const body = buffered.subarray(4, 4 + length).toString('utf8');
      buffered = buffered.subarray(4 + length);
      let request;
      try {
        request = JSON.parse(body);
      } catch {
        socket.write(frame({ ok: false, error: 'invalid JSON' }));
        continue;
      }
      if (request.command === 'stats' && request.version === 1)
        socket.write(frame({ ok: true, payload: statsPayload() }));
      else socket.write(frame({ ok: false, error: `unknown command ${JSON.stringify(request.command)}` }));
    }
  });
});

const health = createHttpServer((request, response) => {
  const up = request.url === '/health';
  response.writeHead(up ? 200 : 404, { 'content-type': 'application/json' });
  response.end(up ? '{"status":"UP"}' : '{"error":"not found"}');
});

process.on('SIGHUP', () => {
  try {
    const next = loadPolicy();
    policy = next;
    log(`policy reloaded successfully (${policy.length} blocked patterns)`);
  } catch (error) {
    log(`policy reload failed: ${error.message}; keeping the previous policy`);
  }
});

function shutdown() {
  log('shutting down');
  proxy.close();
  uds.close();
  health.close();
  rmSync(socketPath, { force: true });
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

rmSync(socketPath, { force: true });
proxy.listen(listenPort, listenAddr);
uds.listen(socketPath);
health.listen(healthPort, listenAddr === '0.0.0.0' ? undefined : listenAddr);
log(`listening on ${listenAddr}:${listenPort}, health on ${healthPort}, stats on ${socketPath}`);
