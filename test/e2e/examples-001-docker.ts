/**
 * A stand-in `docker` CLI for examples/001-web-project's end-to-end test: this machine has dockerd but no
 * `docker compose` plugin (Debian 12 ships only the Python docker-compose 1.x), and no registry to pull
 * from. The example's hooks call `docker compose …` exactly as on the deploy host; the test puts a
 * two-line `docker` wrapper first on PATH that runs this file under Node 24. It does just what the hooks
 * use, the way compose does it, and fails where compose fails:
 *
 * - `docker compose [-p|--project-name P] [--project-directory D] -f FILE… [--env-file E…] SUB …` reads the
 *   compose file and interpolates `${VAR}`, `${VAR:-default}`, `${VAR:?message}` from the shell
 *   environment, then the env files (the shell wins). A missing --env-file, env_file, external network or
 *   external volume, an unset `${VAR:?}`, a container name another project holds, or an image tag that is
 *   not in the registry is an error, exit 1, as with compose.
 * - `pull [SERVICE]`, `up -d [--force-recreate] [--remove-orphans] [SERVICE]` (a container is a Node HTTP
 *   process on the published loopback port: `/actuator/health` answers `{"status":"UP"}`, or 503 DOWN when
 *   the image says so; every other path answers `{"version": <image tag>, "color": <container>}`),
 *   `down [--timeout N] [--remove-orphans]` (SIGTERM, then SIGKILL after the timeout), and
 *   `run --rm SERVICE` (the service's command, run by `sh` on this host with the image's files and the
 *   volume's mount point mapped to directories).
 * - `docker network inspect NAME`: exit 0 when the network exists.
 *
 * Everything lives under DOCKER_STANDIN_DIR: `registry/<image>/<tag>.json` (what the test "pushed": a
 * backend's env, a frontend's files), `networks/<name>`, `volumes/<name>/`, `containers/<name>.json` (with
 * the PID the test stops), `containers/<name>-<pid>.log`, and `calls.log` (one line per call: time, args).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

class DockerError extends Error {}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

function standinDir(): string {
  const dir = process.env.DOCKER_STANDIN_DIR;
  if (!dir) throw new DockerError('stand-in docker: DOCKER_STANDIN_DIR is not set');
  return dir;
}

// ---- images ------------------------------------------------------------------------------------------

interface Image {
  /** Environment baked into the image (a backend: STANDIN_HEALTH=DOWN makes a build whose health is DOWN). */
  readonly env?: Record<string, string>;
  /** Files of the image, by absolute path (a frontend: /app/dist/index.html, /app/dist/assets/…). */
  readonly files?: Record<string, string>;
}

function splitImage(ref: string): { name: string; tag: string } {
  const colon = ref.lastIndexOf(':');
  if (colon <= ref.lastIndexOf('/')) return { name: ref, tag: 'latest' };
  return { name: ref.slice(0, colon), tag: ref.slice(colon + 1) };
}

export function imagePath(root: string, ref: string): string {
  const { name, tag } = splitImage(ref);
  return join(root, 'registry', name.replace(/[/:]/g, '_'), `${tag}.json`);
}

function readImage(ref: string): Image {
  const path = imagePath(standinDir(), ref);
  if (!existsSync(path)) {
    throw new DockerError(`Error response from daemon: manifest for ${ref} not found: manifest unknown`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Image;
}

// ---- compose files -------------------------------------------------------------------------------------

interface ComposeService {
  image?: string;
  container_name?: string;
  env_file?: string | string[];
  environment?: Record<string, string> | string[];
  ports?: string[];
  networks?: string[] | Record<string, unknown>;
  network_mode?: string;
  volumes?: string[];
  command?: string | string[];
  stop_grace_period?: string;
}

interface ComposeFile {
  services?: Record<string, ComposeService>;
  networks?: Record<string, { external?: boolean; name?: string } | null>;
  volumes?: Record<string, { external?: boolean; name?: string } | null>;
}

/** KEY=value lines, as compose reads an env file: comments and blank lines skipped, quotes removed. */
function parseEnvFile(path: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new DockerError(`failed to read ${path}: line '${line.slice(0, 40)}': unexpected character`);
    values[line.slice(0, eq).trim()] = line
      .slice(eq + 1)
      .trim()
      .replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
}

/** `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`, `$VAR` and `$$`. */
function interpolate(text: string, values: Record<string, string | undefined>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_]\w*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_]\w*)/g,
    (whole, braced: string | undefined, colon: string, op: string | undefined, arg: string, bare: string) => {
      if (whole === '$$') return '$';
      const name = braced ?? bare;
      const value = values[name];
      const unset = value === undefined || (colon === ':' && value === '');
      if (op === '?' && unset) throw new DockerError(`required variable ${name} is missing a value: ${arg}`);
      if (op === '-' && unset) return arg;
      return value ?? '';
    },
  );
}

function interpolateDeep(node: unknown, values: Record<string, string | undefined>): unknown {
  if (typeof node === 'string') return interpolate(node, values);
  if (Array.isArray(node)) return node.map((item) => interpolateDeep(item, values));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolateDeep(value, values)]));
  }
  return node;
}

interface Project {
  readonly name: string;
  readonly directory: string;
  readonly compose: ComposeFile;
}

function loadProject(global: GlobalOptions): Project {
  if (global.files.length === 0) throw new DockerError('stand-in docker: compose needs -f FILE');
  const directory = resolve(global.projectDirectory ?? dirname(resolve(global.files[0] ?? '.')));
  const fromFiles: Record<string, string> = {};
  for (const file of global.envFiles) {
    const path = resolve(directory, file);
    if (!existsSync(path)) throw new DockerError(`couldn't find env file: ${path}`);
    Object.assign(fromFiles, parseEnvFile(path));
  }
  const values = { ...fromFiles, ...process.env };
  const compose: ComposeFile = {};
  for (const file of global.files) {
    const path = resolve(file);
    if (!existsSync(path)) throw new DockerError(`open ${path}: no such file or directory`);
    const doc = interpolateDeep(parseYaml(readFileSync(path, 'utf8')), values) as ComposeFile;
    compose.services = { ...compose.services, ...doc.services };
    compose.networks = { ...compose.networks, ...doc.networks };
    compose.volumes = { ...compose.volumes, ...doc.volumes };
  }
  const name = global.projectName ?? directory.split('/').pop() ?? 'default';
  return { name, directory, compose };
}

function serviceOf(project: Project, name: string): ComposeService {
  const service = project.compose.services?.[name];
  if (!service) throw new DockerError(`no such service: ${name}`);
  return service;
}

function servicesNamed(project: Project, names: string[]): string[] {
  return names.length > 0 ? names : Object.keys(project.compose.services ?? {});
}

function checkNetworks(project: Project, service: ComposeService): void {
  const wanted = Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {});
  for (const key of wanted) {
    const spec = project.compose.networks?.[key];
    if (!spec?.external) continue;
    const name = spec.name ?? key;
    if (!existsSync(join(standinDir(), 'networks', name))) {
      throw new DockerError(`network ${name} declared as external, but could not be found`);
    }
  }
}

function volumeDir(project: Project, key: string): string {
  const spec = project.compose.volumes?.[key];
  if (!spec) throw new DockerError(`service refers to undefined volume ${key}`);
  const name = spec.name ?? `${project.name}_${key}`;
  const dir = join(standinDir(), 'volumes', name);
  if (!existsSync(dir)) {
    if (spec.external) throw new DockerError(`external volume "${name}" not found`);
    mkdirSync(dir, { recursive: true });
  }
  return dir;
}

function serviceEnv(project: Project, service: ComposeService, image: Image): Record<string, string> {
  const env: Record<string, string> = { ...image.env };
  const files = typeof service.env_file === 'string' ? [service.env_file] : (service.env_file ?? []);
  for (const file of files) {
    const path = resolve(project.directory, file);
    if (!existsSync(path)) throw new DockerError(`env file ${path} not found: stat ${path}: no such file or directory`);
    Object.assign(env, parseEnvFile(path));
  }
  if (Array.isArray(service.environment)) {
    for (const item of service.environment) {
      const eq = item.indexOf('=');
      if (eq > 0) env[item.slice(0, eq)] = item.slice(eq + 1);
    }
  } else Object.assign(env, service.environment);
  return env;
}

// ---- containers ----------------------------------------------------------------------------------------

interface ContainerRecord {
  readonly name: string;
  readonly project: string;
  readonly service: string;
  readonly image: string;
  readonly pid: number;
  readonly port: number;
  readonly log: string;
}

const containersDir = (): string => join(standinDir(), 'containers');

export function readContainers(root: string): ContainerRecord[] {
  const dir = join(root, 'containers');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as ContainerRecord);
}

/** Running, and not a zombie: an orphaned container process is reaped by PID 1, which may take a while. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function stopContainer(record: ContainerRecord, timeoutSeconds: number): Promise<void> {
  if (alive(record.pid)) {
    process.kill(record.pid, 'SIGTERM');
    const until = Date.now() + timeoutSeconds * 1000;
    while (alive(record.pid) && Date.now() < until) await sleep(20);
    if (alive(record.pid)) process.kill(record.pid, 'SIGKILL');
    while (alive(record.pid)) await sleep(10);
  }
  rmSync(join(containersDir(), `${record.name}.json`), { force: true });
}

/** "127.0.0.1:8081:8080" → 8081 on 127.0.0.1; only loopback publishing is allowed here. */
function publishedPort(spec: string): number {
  const parts = spec.split(':');
  if (parts.length !== 3 || parts[0] !== '127.0.0.1') {
    throw new DockerError(`stand-in docker: publish on 127.0.0.1 only (host:port:container), got '${spec}'`);
  }
  const port = Number(parts[1]);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new DockerError(`invalid published port '${spec}'`);
  return port;
}

async function up(project: Project, names: string[], flags: Set<string>): Promise<void> {
  if (!flags.has('-d') && !flags.has('--detach')) throw new DockerError('stand-in docker: only `up -d` is supported');
  for (const key of servicesNamed(project, names)) {
    const service = serviceOf(project, key);
    const ref = service.image ?? '';
    const image = readImage(ref);
    const env = serviceEnv(project, service, image);
    checkNetworks(project, service);
    const name = service.container_name ?? `${project.name}-${key}-1`;
    const ports = (service.ports ?? []).map(publishedPort);
    const port = ports[0];
    if (port === undefined) throw new DockerError(`stand-in docker: service ${key} publishes no port`);
    const existing = readContainers(standinDir()).find((record) => record.name === name);
    if (existing && existing.project !== project.name) {
      throw new DockerError(
        `Conflict. The container name "/${name}" is already in use by a container of project ${existing.project}. You have to remove (or rename) that container to be able to reuse that name.`,
      );
    }
    if (existing && alive(existing.pid) && existing.image === ref && !flags.has('--force-recreate')) {
      console.log(`Container ${name} Running`);
      continue;
    }
    if (existing) await stopContainer(existing, 10);
    await startContainer({ name, project: project.name, service: key, image: ref, port, env });
    console.log(`Container ${name} Started`);
  }
}

async function startContainer(spec: {
  name: string;
  project: string;
  service: string;
  image: string;
  port: number;
  env: Record<string, string>;
}): Promise<void> {
  mkdirSync(containersDir(), { recursive: true });
  const { tag } = splitImage(spec.image);
  const config = JSON.stringify({ port: spec.port, version: tag, color: spec.name, health: spec.env.STANDIN_HEALTH });
  const logPath = join(containersDir(), `${spec.name}-${Date.now()}.log`);
  writeFileSync(logPath, '');
  const out = openSync(logPath, 'a');
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '__container', config], {
    detached: true,
    stdio: ['ignore', out, out],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new DockerError(`failed to start container ${spec.name}`);
  child.unref();
  // docker-proxy binds the published port when the container starts: a port in use is an error of `up`.
  const until = Date.now() + 10_000;
  for (;;) {
    const log = readFileSync(logPath, 'utf8');
    if (log.includes('listening')) break;
    if (!alive(pid) || log.includes('EADDRINUSE') || Date.now() > until) {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
      throw new DockerError(
        `Error response from daemon: driver failed programming external connectivity on endpoint ${spec.name}: ${log.trim() || 'it did not start'}`,
      );
    }
    await sleep(20);
  }
  const record: ContainerRecord = { ...spec, pid, log: logPath };
  writeFileSync(join(containersDir(), `${spec.name}.json`), JSON.stringify(record));
}

async function down(project: Project, options: { timeout: number }): Promise<void> {
  for (const record of readContainers(standinDir()).filter((r) => r.project === project.name)) {
    await stopContainer(record, options.timeout);
    console.log(`Container ${record.name} Removed`);
  }
}

function pull(project: Project, names: string[]): void {
  for (const key of servicesNamed(project, names)) {
    const ref = serviceOf(project, key).image ?? '';
    readImage(ref);
    console.log(`${key} Pulled ${ref}`);
  }
}

/**
 * `run --rm SERVICE`: the service's command, run by sh on this host, with the container's paths mapped to
 * directories: each volume's mount point to the volume's directory, and the image's files (extracted into
 * a temporary root) to that root. The command is the compose file's own, unchanged but for those paths.
 */
function runOnce(project: Project, key: string): void {
  const service = serviceOf(project, key);
  const image = readImage(service.image ?? '');
  serviceEnv(project, service, image);
  const root = join(standinDir(), 'run', `${project.name}-${key}-${process.pid}`);
  mkdirSync(root, { recursive: true });
  try {
    const mapped: Array<[string, string]> = [];
    for (const volume of service.volumes ?? []) {
      const [source = '', target = ''] = volume.split(':');
      if (!isAbsolute(target)) throw new DockerError(`invalid volume spec '${volume}'`);
      mapped.push([target, isAbsolute(source) ? source : volumeDir(project, source)]);
    }
    const tops = new Set<string>();
    for (const [path, content] of Object.entries(image.files ?? {})) {
      const file = join(root, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      tops.add(`/${path.split('/')[1]}`);
    }
    for (const top of tops) mapped.push([top, join(root, top)]);
    // One pass, so that a mapped directory is never mapped again.
    const escaped = mapped.map(([from]) => from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const pattern = new RegExp(`(?<![\\w./-])(${escaped.join('|')})(?=/|\\s|$)`, 'g');
    const targets = new Map(mapped);
    const map = (arg: string): string =>
      mapped.length === 0 ? arg : arg.replace(pattern, (from) => targets.get(from) ?? from);
    const command = typeof service.command === 'string' ? ['sh', '-c', service.command] : (service.command ?? []);
    const [program = '', ...args] = command.map(map);
    const result = spawnSync(program, args, { stdio: 'inherit' });
    if (result.status !== 0)
      throw new DockerError(`service "${key}" didn't complete successfully: exit ${result.status}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// ---- the container process -------------------------------------------------------------------------------

/** A Spring-like backend: /actuator/health, and the version on every other path; counts what it served. */
function runContainer(config: { port: number; version: string; color: string; health?: string }): void {
  const served = { api: 0, health: 0 };
  const down = config.health === 'DOWN';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    res.setHeader('content-type', 'application/json');
    if (path === '/actuator/health') {
      served.health += 1;
      res.statusCode = down ? 503 : 200;
      res.end(JSON.stringify(down ? { status: 'DOWN', components: { db: { status: 'DOWN' } } } : { status: 'UP' }));
      return;
    }
    served.api += 1;
    res.end(JSON.stringify({ version: config.version, color: config.color }));
  });
  server.on('error', (error) => {
    console.log(`${config.color}: ${String(error)}`);
    process.exit(1);
  });
  server.listen(config.port, '127.0.0.1', () => console.log(`${config.color} ${config.version} listening`));
  process.on('SIGTERM', () => {
    server.close(() => {
      console.log(`${config.color} stopped; served api=${served.api} health=${served.health}`);
      process.exit(0);
    });
    server.closeIdleConnections();
  });
}

// ---- the command line ------------------------------------------------------------------------------------

interface GlobalOptions {
  projectName?: string;
  projectDirectory?: string;
  files: string[];
  envFiles: string[];
}

async function compose(args: string[]): Promise<void> {
  const global: GlobalOptions = { files: [], envFiles: [] };
  let i = 0;
  for (; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const value = (): string => {
      i += 1;
      const next = args[i];
      if (next === undefined) throw new DockerError(`flag needs an argument: ${arg}`);
      return next;
    };
    if (arg === '-p' || arg === '--project-name') global.projectName = value();
    else if (arg === '--project-directory') global.projectDirectory = value();
    else if (arg === '-f' || arg === '--file') global.files.push(value());
    else if (arg === '--env-file') global.envFiles.push(value());
    else if (arg.startsWith('-')) throw new DockerError(`stand-in docker: unknown compose flag ${arg}`);
    else break;
  }
  const [sub, ...rest] = args.slice(i);
  const flags = new Set(rest.filter((arg) => arg.startsWith('-')));
  const positional: string[] = [];
  let timeout = 10;
  for (let j = 0; j < rest.length; j += 1) {
    const arg = rest[j] ?? '';
    if (arg === '--timeout' || arg === '-t') {
      timeout = Number(rest[j + 1]);
      j += 1;
    } else if (!arg.startsWith('-')) positional.push(arg);
  }
  const project = loadProject(global);
  switch (sub) {
    case 'pull':
      return pull(project, positional);
    case 'up':
      return up(project, positional, flags);
    case 'down':
      return down(project, { timeout });
    case 'run': {
      if (!flags.has('--rm') || positional.length !== 1) {
        throw new DockerError('stand-in docker: only `run --rm SERVICE` is supported');
      }
      return runOnce(project, positional[0] ?? '');
    }
    default:
      throw new DockerError(`stand-in docker: compose ${sub ?? ''} is not supported`);
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '__container') {
    runContainer(JSON.parse(argv[1] ?? '{}'));
    return;
  }
  appendFileSync(join(standinDir(), 'calls.log'), `${new Date().toISOString()} ${JSON.stringify(argv)}\n`);
  if (argv[0] === 'compose') return compose(argv.slice(1));
  if (argv[0] === 'network' && argv[1] === 'inspect' && argv[2]) {
    if (existsSync(join(standinDir(), 'networks', argv[2]))) {
      console.log(JSON.stringify([{ Name: argv[2] }]));
      return;
    }
    throw new DockerError(`Error response from daemon: network ${argv[2]} not found`);
  }
  throw new DockerError(`stand-in docker: ${argv.join(' ')} is not supported`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof DockerError ? error.message : String(error));
    process.exit(1);
  });
}
