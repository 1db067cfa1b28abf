#!/usr/bin/env node
// A local service for the benchmarks, in its own process as a user's service would be: every path answers
// `{"status":"UP"}` as JSON after DELAY_MS (default 0). Listens on 127.0.0.1 at an ephemeral port and
// prints `listening <port>` on stdout; stops on SIGTERM.
import { createServer } from 'node:http';

const delay = Number(process.env.DELAY_MS ?? 0);
const body = '{"status":"UP"}';
const server = createServer((_req, res) => {
  const answer = () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  if (delay > 0) setTimeout(answer, delay);
  else answer();
});
// A backlog large enough for 100 connections opened at once.
server.listen({ port: 0, host: '127.0.0.1', backlog: 1024 }, () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
