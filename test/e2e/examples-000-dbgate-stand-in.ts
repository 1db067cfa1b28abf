import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../support/deploy-workspace.js';
import { repoRoot } from '../support/paths.js';

/**
 * The dbgate stand-in of example 000 (examples/000-dbgate/stand-in/dbgate.mjs) as the test runs it: one
 * process configured by dbgate's own environment variables, its pid in a pid file (what the host's
 * launcher would write), and the two things the runbook does by hand against it — a query through the
 * proxy port, and a stats request on the socket (through the example's own dbgate-stats.mjs).
 */

export const exampleDir = join(repoRoot, 'examples', '000-dbgate');
const standIn = join(exampleDir, 'stand-in', 'dbgate.mjs');
/** Put first on PATH: the stand-in `mysql` client that scenario.sh runs. */
export const standInBin = join(exampleDir, 'stand-in', 'bin');

export interface DbgateStats {
  readonly total_queries: number;
  readonly blocked_queries: number;
  readonly block_rate: number;
}

/** dbgate's variables plus DBGATE_PIDFILE: the stand-in's configuration, and what the hooks are given. */
export interface DbgateEnv {
  readonly POLICY_PATH: string;
  readonly LOG_PATH: string;
  readonly UDS_SOCKET_PATH: string;
  readonly PROXY_LISTEN_ADDR: string;
  readonly PROXY_LISTEN_PORT: string;
  readonly HEALTH_CHECK_PORT: string;
  readonly DBGATE_PIDFILE: string;
}

export interface RunningDbgate {
  readonly pid: number;
  readonly env: DbgateEnv;
  readonly proxyPort: number;
  readonly healthPort: number;
  /** `OK` or `BLOCKED`, as the proxy answers one query now. */
  query(text: string): Promise<string>;
  stats(): Promise<DbgateStats>;
  log(): string[];
  stop(): Promise<void>;
}

/** Starts the stand-in in `dir` with `policy` as its live policy, and waits (bounded) for its health port. */
export async function startDbgate(dir: string, policy: string): Promise<RunningDbgate> {
  const [proxyPort, healthPort] = [await freePort(), await freePort()];
  const env: DbgateEnv = {
    POLICY_PATH: join(dir, 'etc', 'policy.yaml'),
    LOG_PATH: join(dir, 'dbgate.log'),
    UDS_SOCKET_PATH: join(dir, 'dbgate.sock'),
    PROXY_LISTEN_ADDR: '127.0.0.1',
    PROXY_LISTEN_PORT: String(proxyPort),
    HEALTH_CHECK_PORT: String(healthPort),
    DBGATE_PIDFILE: join(dir, 'dbgate.pid'),
  };
  writeFileSync(env.POLICY_PATH, policy);
  const child: ChildProcess = spawn(process.execPath, [standIn], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'ignore',
  });
  if (child.pid === undefined) throw new Error('the dbgate stand-in did not start');
  const pid = child.pid;
  writeFileSync(env.DBGATE_PIDFILE, `${pid}\n`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running: RunningDbgate = {
    pid,
    env,
    proxyPort,
    healthPort,
    query: (text) => query(proxyPort, text),
    stats: () => stats(env),
    log: () => (existsSync(env.LOG_PATH) ? readFileSync(env.LOG_PATH, 'utf8').trim().split('\n') : []),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGTERM');
      await exited;
    },
  };
  for (let i = 0; i < 100; i += 1) {
    const up = await fetch(`http://127.0.0.1:${healthPort}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up && existsSync(env.UDS_SOCKET_PATH)) return running;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await running.stop();
  throw new Error(`the dbgate stand-in did not answer on ${healthPort}: ${running.log().join(' | ')}`);
}

function query(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer to '${text}' within 5s`)));
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
      if (!answer.includes('\n')) return;
      socket.end();
      resolve(answer.split('\n')[0] ?? '');
    });
    socket.write(`${text}\n`);
  });
}

function stats(env: DbgateEnv): Promise<DbgateStats> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(exampleDir, 'dbgate-stats.mjs'), 'stats'],
      { env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(JSON.parse(stdout) as DbgateStats)),
    );
  });
}

export interface Traffic {
  /** Queries answered so far, by answer. */
  readonly answered: { OK: number; BLOCKED: number };
  /** Sends `count` normal queries at once and waits for their answers: history for the cumulative counters. */
  burst(count: number): Promise<void>;
  stop(): void;
}

/**
 * The applications' traffic through the proxy: about 100 queries a second on one connection, every 50th
 * a `DROP TABLE` (which every good policy here blocks), the rest normal reads — so a good policy's block
 * rate is 2% and a policy that blocks normal queries shows in the delta within one window.
 */
export async function startTraffic(port: number): Promise<Traffic> {
  const socket: Socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.on('error', () => undefined);
  const answered = { OK: 0, BLOCKED: 0 };
  let pending = '';
  let waiting: { count: number; done: () => void } | null = null;
  let received = 0;
  socket.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'OK' || line === 'BLOCKED') answered[line] += 1;
      received += 1;
    }
    if (waiting && received >= waiting.count) {
      waiting.done();
      waiting = null;
    }
  });
  let sent = 0;
  const send = (text: string): void => {
    sent += 1;
    socket.write(`${text}\n`);
  };
  const timer = setInterval(() => {
    for (let i = 0; i < 2; i += 1) {
      send(sent % 50 === 49 ? 'DROP TABLE audit_log' : `SELECT id, status FROM orders WHERE id = ${sent}`);
    }
  }, 20);
  return {
    answered,
    burst(count) {
      const target = sent + count;
      const done = new Promise<void>((resolve) => {
        waiting = { count: target, done: resolve };
      });
      const lines = Array.from({ length: count }, (_, i) => `SELECT name FROM customers WHERE id = ${i}\n`);
      sent += count;
      socket.write(lines.join(''));
      return done;
    },
    stop() {
      clearInterval(timer);
      socket.destroy();
    },
  };
}
