import { type CommandResult, oneLine } from '../core/command-runner.js';
import { ShipgateError } from '../core/errors.js';
import { expandPlaceholders } from '../core/placeholders.js';

/**
 * What the docker CLI says about a Swarm service and its tasks, parsed (pure; table-tested in
 * test/unit/target/swarm-driver.test.ts), and its failures turned into one line each.
 */

/** How a docker CLI call ended: the ToolRunner's result, as much of it as the driver reads. */
export type DockerResult = Pick<CommandResult, 'exitCode' | 'stdout' | 'stderr' | 'timedOut'>;

/** Runs the docker CLI with `args` as an array (never a shell string), bounded by `timeoutMs`. */
export interface DockerCli {
  run(args: readonly string[], options: { readonly timeoutMs: number }): Promise<DockerResult>;
}

export interface ServiceView {
  readonly name: string;
  /** The spec's image, without a registry digest. */
  readonly image: string;
  /** The image of the spec before the last change (what `docker service rollback` returns to). */
  readonly previousImage: string | null;
  /** null in global mode. */
  readonly replicas: number | null;
  /** Swarm's UpdateStatus: empty after a no-op update or before the first one. */
  readonly update: { readonly state: string; readonly message: string } | null;
  readonly labels: Readonly<Record<string, string>>;
}

export interface TaskView {
  readonly name: string;
  readonly image: string;
  /** The first word of CurrentState, lower-cased: running, starting, failed, rejected, ... */
  readonly state: string;
  readonly desired: string;
  readonly error: string;
}

/** Stable codes of SwarmError, one per fault a person fixes differently. */
export type SwarmFault =
  | 'docker-missing'
  | 'docker-unreachable'
  | 'docker-timeout'
  | 'swarm-not-manager'
  | 'swarm-no-service'
  | 'swarm-update-failed'
  | 'swarm-rolled-back'
  | 'swarm-not-converged'
  | 'swarm-unreadable';

export class SwarmError extends ShipgateError {
  constructor(code: SwarmFault, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** `registry/api:1.4.2@sha256:…` → `registry/api:1.4.2`: Swarm pins a digest when a registry gives one. */
export function withoutDigest(image: string): string {
  return image.replace(/@sha256:[0-9a-f]+$/i, '');
}

/** The image of a version: the template's {version} filled in (the config allows no other placeholder). */
export function imageFor(template: string, version: string): string {
  return expandPlaceholders(template, { version }, 'text');
}

/** The version an image runs when it matches the template, else null (someone deployed another image). */
export function versionOf(template: string, image: string): string | null {
  const [before = '', after = ''] = template.split('{version}');
  const bare = withoutDigest(image);
  if (!bare.startsWith(before) || !bare.endsWith(after) || bare.length <= before.length + after.length) return null;
  return bare.slice(before.length, bare.length - after.length);
}

type Json = Record<string, unknown>;
const field = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Json)[key] : undefined), value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** `docker service inspect --format '{{json .}}' NAME`. */
export function parseService(stdout: string, name: string): ServiceView {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    throw new SwarmError('swarm-unreadable', `swarm: docker service inspect ${name} did not print JSON`);
  }
  const image = text(field(data, 'Spec', 'TaskTemplate', 'ContainerSpec', 'Image'));
  if (!image) throw new SwarmError('swarm-unreadable', `swarm: service ${name} has no image in its spec`);
  const previous = text(field(data, 'PreviousSpec', 'TaskTemplate', 'ContainerSpec', 'Image'));
  const replicas = field(data, 'Spec', 'Mode', 'Replicated', 'Replicas');
  const state = text(field(data, 'UpdateStatus', 'State'));
  const labels = field(data, 'Spec', 'Labels');
  return {
    name,
    image: withoutDigest(image),
    previousImage: previous ? withoutDigest(previous) : null,
    replicas: typeof replicas === 'number' ? replicas : null,
    update: state ? { state, message: text(field(data, 'UpdateStatus', 'Message')) } : null,
    labels: labels && typeof labels === 'object' ? (labels as Record<string, string>) : {},
  };
}

/** `docker service ps --no-trunc --format '{{json .}}' NAME`: one JSON object per line, newest first per slot. */
export function parseTasks(stdout: string): TaskView[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => {
      const row = JSON.parse(line) as Json;
      return {
        name: text(row.Name).trim(),
        image: withoutDigest(text(row.Image)),
        state: (text(row.CurrentState).split(' ')[0] ?? '').toLowerCase(),
        desired: text(row.DesiredState).toLowerCase(),
        // The CLI quotes the task's error: "\"task: non-zero exit (2)\"".
        error: text(row.Error).replace(/^"|"$/g, '').replace(/\\"/g, '"'),
      };
    });
}

/** The CLI's warning when no registry gives a digest (every local image): four lines, never the complaint. */
const DIGEST_WARNING =
  /could not be accessed on a registry to record|^its digest\. Each node|^possibly leading to different nodes|^versions of the image\.$/;

/** The first line of the CLI's complaint, without its "Error response from daemon:" prefix. */
export function complaint(result: Pick<DockerResult, 'stderr' | 'stdout'>): string {
  const line =
    `${result.stderr}\n${result.stdout}`
      .split('\n')
      .map((each) => each.trim())
      .find((each) => each !== '' && each !== '[]' && !DIGEST_WARNING.test(each)) ?? '';
  const bare = oneLine(line.replace(/^(Error response from daemon|Error|Status): */i, ''));
  return bare.length > 300 ? `${bare.slice(0, 297)}...` : bare;
}

/** A failed docker call as one line that says what to do about it. */
export function dockerFailure(docker: string, args: readonly string[], result: DockerResult): SwarmError {
  const what = `${docker} ${args.slice(0, 2).join(' ')}`;
  const said = complaint(result);
  if (result.timedOut)
    return new SwarmError('docker-timeout', `swarm: ${what} did not answer in time (${said || 'no output'})`);
  if (result.exitCode === 127 || /failed to run command|executable file not found/i.test(said))
    return new SwarmError(
      'docker-missing',
      `swarm: target.docker '${docker}' could not be run (${said}); expected the docker CLI`,
    );
  if (
    /cannot connect to the docker daemon|error during connect|connection refused|no such file or directory.*sock/i.test(
      said,
    )
  )
    return new SwarmError('docker-unreachable', `swarm: the Docker daemon does not answer: ${said}`);
  if (/not a swarm manager|swarm.*not.*init/i.test(said))
    return new SwarmError(
      'swarm-not-manager',
      `swarm: this Docker daemon is not a Swarm manager (${said}); run shipgate on a manager node`,
    );
  const service = /no such service: ?([A-Za-z0-9_.-]+)/i.exec(said);
  if (service) return new SwarmError('swarm-no-service', `swarm: service '${service[1]}' does not exist (${what})`);
  return new SwarmError(
    'swarm-update-failed',
    `swarm: ${what} ${result.exitCode === null ? 'was killed' : `failed with exit code ${result.exitCode}`}: ${said || 'no output'}`,
  );
}
