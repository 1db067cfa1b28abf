// Stand-in for one DWP Spring Boot service (`java -jar <module>-<version>.jar`, see ./java), for
// test/e2e/examples-002-dwp.e2e.test.ts. The "jar" is JSON the test writes:
//   { "module": "chat-service", "version": "1.1.0", "liveness": "UP", "readiness": "DOWN" }
// It serves the actuator endpoints the runbook lists on 127.0.0.1:$SERVER_PORT, as Spring does (200 with
// {"status":"UP"}, 503 with {"status":"DOWN"}):
//   /actuator/health/liveness   the build's liveness
//   /actuator/health/readiness  the build's readiness AND, for a service with a database (DB_NAME set),
//                               a connection to DB_HOST:DB_PORT (Spring's db indicator in the readiness group)
//   /actuator/health            UP only when both are
//   /actuator/info              {"build":{"artifact","version"}}
// It appends one JSON line per start and stop to $DWP_TEST_EVENTS (the test reads the order of starts,
// and on stop how each endpoint answered), and exits on SIGTERM like Spring's graceful shutdown.
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';

const jar = process.argv[2];
const build = JSON.parse(readFileSync(jar, 'utf8'));
const port = Number(process.env.SERVER_PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error('APPLICATION FAILED TO START: SERVER_PORT is not set');
  process.exit(1);
}
const database = process.env.DB_NAME
  ? { name: process.env.DB_NAME, host: process.env.DB_HOST, port: Number(process.env.DB_PORT) }
  : undefined;
const events = process.env.DWP_TEST_EVENTS;
const answered = {};

function event(fields) {
  if (events)
    appendFileSync(
      events,
      `${JSON.stringify({ ...fields, module: build.module, version: build.version, port, pid: process.pid, at: Date.now() })}\n`,
    );
}

function databaseUp() {
  if (!database) return Promise.resolve(true);
  return new Promise((resolve) => {
    const socket = connect({ host: database.host, port: database.port });
    const done = (up) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('connect', () => done(true));
    socket.on('error', () => done(false));
  });
}

async function states() {
  const liveness = build.liveness ?? 'UP';
  const db = (await databaseUp()) ? 'UP' : 'DOWN';
  const readiness = (build.readiness ?? 'UP') === 'UP' && db === 'UP' ? 'UP' : 'DOWN';
  return { liveness, readiness, db };
}

const server = createServer(async (request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const { liveness, readiness, db } = await states();
  let status;
  let body;
  if (path === '/actuator/health/liveness') {
    status = liveness;
    body = { status };
  } else if (path === '/actuator/health/readiness') {
    status = readiness;
    body = { status };
  } else if (path === '/actuator/health') {
    status = liveness === 'UP' && readiness === 'UP' ? 'UP' : 'DOWN';
    body = {
      status,
      components: {
        livenessState: { status: liveness },
        readinessState: { status: readiness },
        ...(database ? { db: { status: db, details: { database: 'PostgreSQL' } } } : {}),
      },
    };
  } else if (path === '/actuator/info') {
    status = 'UP';
    body = { build: { artifact: build.module, version: build.version } };
  } else {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: 404, error: 'Not Found', path }));
    return;
  }
  const code = status === 'UP' ? 200 : 503;
  answered[path] = answered[path] ?? {};
  answered[path][code] = (answered[path][code] ?? 0) + 1;
  response.writeHead(code, { 'content-type': 'application/vnd.spring-boot.actuator.v3+json' });
  response.end(JSON.stringify(body));
});

server.listen(port, '127.0.0.1', () => {
  console.log(`Started ${build.module} ${build.version} on port ${port} (pid ${process.pid})`);
  event({ event: 'started' });
});
server.on('error', (error) => {
  console.error(`APPLICATION FAILED TO START: ${error.message}`);
  process.exit(1);
});
process.on('SIGTERM', () => {
  event({ event: 'stopped', answered });
  console.log(`${build.module} ${build.version}: graceful shutdown`);
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
