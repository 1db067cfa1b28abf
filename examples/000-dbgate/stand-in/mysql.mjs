#!/usr/bin/env node
// The end-to-end test's stand-in for the `mysql` client, put first on PATH by the test (bin/mysql). It
// sends one query to the dbgate stand-in's line protocol and answers as the real client does: exit 0
// when the query ran, and for a query the policy blocked, an error on stderr and exit 1. It takes the
// options scenario.sh passes: --host/-h, --port/-P, --execute/-e; --defaults-extra-file and --batch
// are accepted and ignored (the stand-in has no users).
import { connect } from 'node:net';

const options = { host: '127.0.0.1', port: '3306', execute: undefined };
const names = {
  '-h': 'host',
  '--host': 'host',
  '-P': 'port',
  '--port': 'port',
  '-e': 'execute',
  '--execute': 'execute',
};
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i];
  const [flag, inline] =
    arg.startsWith('--') && arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
  if (flag === '--batch' || flag === '--defaults-extra-file') {
    if (flag === '--defaults-extra-file' && inline === undefined) i += 1;
    continue;
  }
  const name = names[flag];
  if (!name) {
    console.error(`mysql (stand-in): unknown option ${flag}`);
    process.exit(2);
  }
  options[name] = inline ?? args[++i];
}
if (options.execute === undefined) {
  console.error('mysql (stand-in): --execute is required');
  process.exit(2);
}

const socket = connect(Number(options.port), options.host);
socket.setTimeout(5000, () => {
  console.error(`ERROR 2013 (HY000): Lost connection to MySQL server at '${options.host}:${options.port}' (timeout)`);
  process.exit(1);
});
socket.on('error', (error) => {
  console.error(
    `ERROR 2003 (HY000): Can't connect to MySQL server on '${options.host}:${options.port}' (${error.code})`,
  );
  process.exit(1);
});
let answer = '';
socket.on('data', (chunk) => {
  answer += chunk.toString('utf8');
  if (!answer.includes('\n')) return;
  socket.end();
  const line = answer.split('\n')[0].trim();
  if (line === 'OK') process.exit(0);
  if (line === 'BLOCKED') {
    console.error('ERROR 1105 (HY000) at line 1: query blocked by dbgate policy');
    process.exit(1);
  }
  console.error(`mysql (stand-in): unexpected answer '${line}'`);
  process.exit(1);
});
socket.write(`${options.execute.replace(/\n/g, ' ')}\n`);
