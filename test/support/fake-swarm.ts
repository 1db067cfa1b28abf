import type { DockerCli, DockerResult } from '../../src/target/swarm-service.js';
import type { FakeClock } from './fake-clock.js';

/**
 * A small Docker Swarm in memory behind the DockerCli port: the docker CLI calls the swarm driver makes
 * (service inspect / ps / update / rollback / create), with Swarm's behaviour on the fake clock: an
 * update takes `updateMs` to converge; an image in `crashing` makes the update pause (failure action
 * pause) or roll back (failure action rollback) with failed tasks, as dockerd 20.10 does.
 */
export interface FakeService {
  image: string;
  previousImage: string | null;
  replicas: number;
  labels: Record<string, string>;
  update: { state: string; message: string } | null;
  updateConfig: Record<string, string>;
  /** What the tasks run; they switch to `image` when the update converges. */
  running: string;
  runningCount: number;
  errors: string[];
  /** Fake time at which the update in flight settles. */
  settlesAt: number | null;
}

export class FakeSwarm implements DockerCli {
  readonly services = new Map<string, FakeService>();
  /** Images whose tasks exit at once (a bad build, a missing image). */
  readonly crashing = new Set<string>();
  /** Set to make every call fail like a stopped daemon, or a node that is not a manager. */
  fault: 'daemon-down' | 'not-manager' | 'hang' | null = null;
  readonly calls: string[][] = [];
  /** Updates that fail as Swarm does when the spec changed under the CLI ("update out of sequence"). */
  outOfSequence = 0;
  updateMs = 8_000;

  constructor(private readonly clock: FakeClock) {}

  add(name: string, image: string, replicas = 2, labels: Record<string, string> = {}): FakeService {
    const service: FakeService = {
      image,
      previousImage: null,
      replicas,
      labels,
      update: null,
      updateConfig: {},
      running: image,
      runningCount: replicas,
      errors: [],
      settlesAt: null,
    };
    this.services.set(name, service);
    return service;
  }

  async run(args: readonly string[], options: { timeoutMs: number }): Promise<DockerResult> {
    this.calls.push([...args]);
    if (this.fault === 'daemon-down')
      return fail('Cannot connect to the Docker daemon at unix:///tmp/x/docker.sock. Is the docker daemon running?');
    if (this.fault === 'not-manager')
      return fail(
        'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
      );
    if (this.fault === 'hang')
      return { exitCode: 124, stdout: '', stderr: `killed after ${options.timeoutMs}ms`, timedOut: true };
    const [group, verb, ...rest] = args;
    if (group !== 'service') return fail(`unknown command ${group}`);
    const name = rest[rest.length - 1] ?? '';
    if (verb === 'create') return this.create(rest);
    const service = this.services.get(name);
    if (!service)
      return verb === 'inspect'
        ? { ...fail(`Status: Error: no such service: ${name}, Code: 1`), stdout: '[]' }
        : fail(`Error: No such service: ${name}`);
    this.tick(service);
    switch (verb) {
      case 'inspect':
        return ok(JSON.stringify(inspectJson(service)));
      case 'ps':
        return ok(psLines(name, service));
      case 'update':
        if (this.outOfSequence > 0) {
          this.outOfSequence -= 1;
          return fail('Error response from daemon: rpc error: code = Unknown desc = update out of sequence');
        }
        return this.applyUpdate(service, rest.slice(0, -1), name);
      case 'rollback':
        return this.rollback(service, name);
      default:
        return fail(`unknown verb ${verb}`);
    }
  }

  /** Swarm's orchestrator catching up with the clock. */
  private tick(service: FakeService): void {
    if (service.settlesAt === null || this.clock.now() < service.settlesAt) return;
    service.settlesAt = null;
    const state = service.update?.state;
    if (state === 'rollback_started') {
      service.update = { state: 'rollback_completed', message: 'rollback completed' };
      service.running = service.image;
      return;
    }
    if (this.crashing.has(service.image)) {
      service.errors = ['task: non-zero exit (1)'];
      if (service.updateConfig['--update-failure-action'] === 'rollback') {
        service.update = {
          state: 'rollback_started',
          message: 'update rolled back due to failure or early termination of task x',
        };
        [service.image, service.previousImage] = [service.previousImage ?? service.image, service.image];
        service.settlesAt = this.clock.now() + this.updateMs;
      } else {
        service.update = { state: 'paused', message: 'update paused due to failure or early termination of task x' };
      }
      return;
    }
    service.running = service.image;
    service.runningCount = service.replicas;
    if (state === 'updating') service.update = { state: 'completed', message: 'update completed' };
  }

  private applyUpdate(service: FakeService, flags: string[], name: string): DockerResult {
    const before = { image: service.image, replicas: service.replicas };
    for (let i = 0; i < flags.length; i += 1) {
      const flag = flags[i] ?? '';
      if (flag === '--detach' || flag === '--with-registry-auth') continue;
      i += 1;
      const value = flags[i] ?? '';
      if (flag === '--image') service.image = value;
      else if (flag === '--replicas') service.replicas = Number(value);
      else if (flag === '--label-add') {
        const [key = '', label = ''] = value.split('=');
        service.labels[key] = label;
      } else service.updateConfig[flag] = value;
    }
    service.previousImage = before.image;
    if (service.image !== before.image) {
      service.update = { state: 'updating', message: 'update in progress' };
      service.errors = [];
      service.settlesAt = this.clock.now() + (service.replicas === 0 ? 0 : this.updateMs);
    } else if (service.replicas !== before.replicas) {
      service.runningCount = service.replicas;
    }
    return ok(`${name}\n`);
  }

  private rollback(service: FakeService, name: string): DockerResult {
    if (!service.previousImage)
      return fail(`Error response from daemon: service ${name} does not have a previous spec`);
    [service.image, service.previousImage] = [service.previousImage, service.image];
    service.update = { state: 'rollback_started', message: 'manually requested rollback' };
    service.errors = [];
    service.settlesAt = this.clock.now() + this.updateMs;
    return ok(`${name}\n`);
  }

  private create(flags: string[]): DockerResult {
    const at = (flag: string): string => flags[flags.indexOf(flag) + 1] ?? '';
    const image = flags[flags.length - 1] ?? '';
    const service = this.add(at('--name'), image, Number(at('--replicas') || 1));
    service.running = '';
    service.settlesAt = this.clock.now() + 1_000;
    return ok(`${at('--name')}\n`);
  }
}

function ok(stdout: string): DockerResult {
  return { exitCode: 0, stdout, stderr: '', timedOut: false };
}
function fail(stderr: string): DockerResult {
  return { exitCode: 1, stdout: '', stderr: `${stderr}\n`, timedOut: false };
}

function inspectJson(service: FakeService) {
  const spec = (image: string) => ({
    TaskTemplate: { ContainerSpec: { Image: `${image}@sha256:${'ab'.repeat(32)}` } },
    Mode: { Replicated: { Replicas: service.replicas } },
    Labels: service.labels,
  });
  return {
    Spec: spec(service.image),
    ...(service.previousImage ? { PreviousSpec: spec(service.previousImage) } : {}),
    ...(service.update ? { UpdateStatus: { State: service.update.state, Message: service.update.message } } : {}),
  };
}

function psLines(name: string, service: FakeService): string {
  const rows = [];
  for (let slot = 1; slot <= service.runningCount; slot += 1) {
    const crashed = service.errors.length > 0;
    rows.push({
      Name: `${name}.${slot}`,
      Image: service.running,
      CurrentState: crashed ? 'Failed 2 seconds ago' : 'Running 5 seconds ago',
      DesiredState: 'Running',
      Error: crashed ? `"${service.errors[0]}"` : '',
    });
  }
  return rows.map((row) => JSON.stringify(row)).join('\n');
}
