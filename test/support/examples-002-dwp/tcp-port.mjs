// Stand-in for PostgreSQL or Redis (see ./docker): a TCP port on 127.0.0.1 that accepts connections, as
// far as the DWP stand-ins look (a connection, as Spring's db health indicator makes one). Redis answers
// PING with +PONG. Writes READY_FILE once listening; exits on SIGTERM.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

const [name, port, readyFile] = process.argv.slice(2);
const server = createServer((socket) => {
  socket.on('data', (chunk) => {
    if (name === 'redis' && chunk.toString('utf8').toUpperCase().includes('PING')) socket.write('+PONG\r\n');
  });
  socket.on('error', () => {});
});
server.listen(Number(port), '127.0.0.1', () => {
  writeFileSync(readyFile, `${process.pid}\n`);
  console.log(`${name} stand-in listening on 127.0.0.1:${port}`);
});
process.on('SIGTERM', () => process.exit(0));
