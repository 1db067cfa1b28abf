#!/usr/bin/env node
// dbgate's stats socket from a deploy host (runbook 000, "UDS 통계 조회 (수동)"): the request
// {"command":"stats","version":1} with its 4-byte little-endian length header, and the response framed
// the same way. Node instead of the runbook's python3 + `nc -U`, which a runner may not have.
//
//   node ./deploy/dbgate-stats.mjs stats        prints the payload (total_queries, blocked_queries, …)
//   node ./deploy/dbgate-stats.mjs block-rate   prints one number for a command metric, from SHIPGATE_QUERY:
//     "cumulative"       dbgate's own block_rate: blocked / total since dbgate started
//     "delta over 30s"   two readings 30 s apart: (blocked₂ − blocked₁) / (total₂ − total₁), the block
//                        rate of the queries in between; nothing (no data) when there were none
//
// The socket is UDS_SOCKET_PATH (dbgate's own variable; default /tmp/dbgate.sock). Exit 1 with one line
// on stderr when dbgate does not answer, answers ok:false, or its counters went backwards (a restart).
import { connect } from 'node:net';

const socketPath = process.env.UDS_SOCKET_PATH || '/tmp/dbgate.sock';
const TIMEOUT_MS = 5000;

function fail(message) {
  process.stderr.write(`dbgate-stats: ${message}\n`);
  process.exit(1);
}

/** One stats request on a fresh connection; resolves with the payload. */
function readStats() {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${socketPath}: no answer within ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    let received = Buffer.alloc(0);
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${socketPath}: ${error.code ?? error.message}`));
    });
    socket.on('connect', () => {
      const body = Buffer.from(JSON.stringify({ command: 'stats', version: 1 }), 'utf8');
      const header = Buffer.alloc(4);
      header.writeUInt32LE(body.length, 0);
      socket.write(Buffer.concat([header, body]));
    });
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < 4 + received.readUInt32LE(0)) return;
      clearTimeout(timer);
      socket.end();
      try {
        const response = JSON.parse(received.subarray(4, 4 + received.readUInt32LE(0)).toString('utf8'));
        if (response.ok !== true) throw new Error(`dbgate answered ok:false (${response.error ?? 'no reason'})`);
        const { total_queries: total, blocked_queries: blocked } = response.payload ?? {};
        if (!Number.isFinite(total) || !Number.isFinite(blocked)) throw new Error('no total_queries/blocked_queries');
        resolve(response.payload);
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** "delta over 30s" → 30000; "delta over 500ms" → 500. */
function windowMs(query) {
  const match = /^delta over (\d+(?:\.\d+)?)(ms|s|m)$/.exec(query.trim());
  if (!match) return undefined;
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[match[2]];
}

async function blockRate(query) {
  if (query.trim() === 'cumulative') return String((await readStats()).block_rate);
  const ms = windowMs(query);
  if (ms === undefined) fail(`query '${query}'; expected 'cumulative' or 'delta over <n>s'`);
  const first = await readStats();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const second = await readStats();
  const total = second.total_queries - first.total_queries;
  const blocked = second.blocked_queries - first.blocked_queries;
  if (total < 0 || blocked < 0) fail('the counters went backwards between the two readings (dbgate restarted?)');
  return total === 0 ? '' : String(blocked / total);
}

const [command] = process.argv.slice(2);
try {
  if (command === 'stats') process.stdout.write(`${JSON.stringify(await readStats())}\n`);
  else if (command === 'block-rate') process.stdout.write(`${await blockRate(process.env.SHIPGATE_QUERY ?? '')}\n`);
  else fail(`unknown command '${command ?? ''}'; expected stats or block-rate`);
} catch (error) {
  fail(error.message);
}
