import type { Clock } from '../core/clock.js';
import { formatDuration } from '../core/duration.js';
import type { Logger } from '../core/logger.js';
import { SLOTS, type Slot } from '../core/vocabulary.js';
import type { UpdateOrder } from '../deploy/config.js';
import type { EnvironmentState } from '../state/ports.js';
import type { Observation, Orchestrator } from './orchestrator.js';
import type { HookRun, HookValues, WorkloadDriver } from './ports.js';
import {
  type DockerCli,
  type DockerResult,
  dockerFailure,
  imageFor,
  parseService,
  parseTasks,
  type ServiceView,
  SwarmError,
  type SwarmFault,
  type TaskView,
  versionOf,
} from './swarm-service.js';

export type { DockerCli, DockerResult } from './swarm-service.js';
export { SwarmError } from './swarm-service.js';

/**
 * The `swarm` workload driver (SPEC §4, runbook 004): Docker Swarm does the work, shipgate decides.
 *
 * - Rolling: one `docker service update --image … --update-parallelism --update-delay --update-order
 *   --update-failure-action pause --detach`, then `docker service inspect` until UpdateStatus is terminal
 *   and every running task runs the new image. Exit codes are not trusted: `--detach=false` exits 0
 *   when Swarm's own failure action reverted the update. The undo is `docker service rollback` (or an
 *   update to the previous version's image), verified the same way.
 * - Blue-green and canary: one service per slot; deploying updates (or creates, or scales up) it,
 *   retiring scales it to 0 and keeps the replica count in the label `shipgate.replicas`.
 * - observe(): what each service runs, compared with the record (drift).
 */
export interface SwarmDriverOptions {
  readonly cli: DockerCli;
  /** The docker CLI, for messages (the cli port runs it). */
  readonly docker: string;
  /** The image with {version}. */
  readonly image: string;
  /** Longest wait for one update, rollback or scale to converge. */
  readonly timeoutMs: number;
  /** Rolling: the service updated in place. */
  readonly service?: string;
  readonly slotServices?: Readonly<Record<Slot, string>>;
  /** Rolling batch → --update-parallelism (a percentage of the replicas, at least 1). */
  readonly batch: { readonly count: number } | { readonly percent: number };
  /** Rolling pause → --update-delay. */
  readonly pauseMs: number;
  /** --update-order; without it the service keeps its own. */
  readonly order?: UpdateOrder;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Between two looks at the service while it converges. */
  readonly pollMs?: number;
  /** Bound of one docker call. */
  readonly callTimeoutMs?: number;
}

/** What a converged service runs: `replicas` null for global mode (every running task counts). */
export interface Goal {
  readonly image: string;
  readonly replicas: number | null;
  /** update: Swarm's update must not pause or roll back; rollback: its rollback must complete. */
  readonly action: 'update' | 'rollback' | 'scale';
  /**
   * Tasks Swarm is stopping must have exited too. Swarm keeps a replaced task's container running a
   * few seconds after its desired state is shutdown (it leaves the routing mesh first); on a slot's own
   * addresses it would answer the next gate, so slots wait for it. A rolling service's addresses are
   * shared by old and new tasks anyway, and Swarm's own CLI counts the update done at this point.
   */
  readonly drained?: boolean;
}

export type Verdict =
  | { readonly kind: 'done' }
  | { readonly kind: 'wait'; readonly why: string }
  | { readonly kind: 'failed'; readonly code: SwarmFault; readonly why: string };

const REPLICAS_LABEL = 'shipgate.replicas';
const DEFAULT_POLL_MS = 250;
const DEFAULT_CALL_TIMEOUT_MS = 60_000;
const OUT_OF_SEQUENCE_ATTEMPTS = 5;
const OUT_OF_SEQUENCE_PAUSE_MS = 200;

/** The distinct errors of the newest failed tasks: why Swarm gave up (`task: non-zero exit (1)`, `No such image`). */
export function taskErrors(tasks: readonly TaskView[]): string {
  const errors = [...new Set(tasks.map((task) => task.error).filter((error) => error !== ''))].slice(0, 3);
  return errors.length ? `; tasks: ${errors.join('; ')}` : '';
}

/** Whether the service runs `goal` (pure): every running task on the image, and Swarm's update not in flight. */
export function judge(service: ServiceView, tasks: readonly TaskView[], goal: Goal): Verdict {
  const state = service.update?.state ?? '';
  const said = service.update?.message ? ` (${service.update.message})` : '';
  if (goal.action === 'update' && state === 'paused')
    return { kind: 'failed', code: 'swarm-update-failed', why: `Swarm paused the update${said}${taskErrors(tasks)}` };
  if (goal.action === 'update' && state.startsWith('rollback'))
    return {
      kind: 'failed',
      code: 'swarm-rolled-back',
      why: `Swarm rolled the update back by itself: ${state}${said}${taskErrors(tasks)}`,
    };
  if (goal.action === 'rollback' && state === 'rollback_paused')
    return { kind: 'failed', code: 'swarm-update-failed', why: `Swarm paused the rollback${said}${taskErrors(tasks)}` };
  const live = tasks.filter((task) => task.desired === 'running' || (goal.drained && task.state === 'running'));
  const want = goal.replicas ?? tasks.filter((task) => task.desired === 'running').length;
  const ready = live.filter((task) => task.image === goal.image && task.state === 'running').length;
  const inFlight = goal.action !== 'scale' && (state === 'updating' || state === 'rollback_started');
  if (ready === want && live.length === want && !inFlight) return { kind: 'done' };
  return {
    kind: 'wait',
    why: `${ready}/${want} tasks run ${goal.image}${state ? `, ${state}` : ''}${taskErrors(tasks)}`,
  };
}

/** --update-parallelism from the rolling batch: a count, or a percentage of the replicas (at least 1). */
export function parallelism(batch: SwarmDriverOptions['batch'], replicas: number | null): number {
  if ('count' in batch) return batch.count;
  return Math.max(1, Math.floor(((replicas ?? 1) * batch.percent) / 100));
}

export class SwarmDriver implements WorkloadDriver, Orchestrator {
  private readonly pollMs: number;
  private readonly callTimeoutMs: number;
  /** Per service, the image it ran when this run's update began: what the rollback restores. */
  private readonly imageBefore = new Map<string, string>();

  private readonly options: SwarmDriverOptions;

  constructor(options: SwarmDriverOptions) {
    this.options = options;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  }

  /** One docker call; a failure is one line (daemon down, not a manager, no such service, ...). */
  private async docker(args: readonly string[]): Promise<DockerResult> {
    for (let attempt = 1; ; attempt += 1) {
      this.options.logger.debug(`swarm: ${this.options.docker} ${args.join(' ')}`);
      const result = await this.options.cli.run(args, { timeoutMs: this.callTimeoutMs });
      if (result.exitCode === 0 && !result.timedOut) return result;
      // Swarm's optimistic concurrency: the spec changed between the CLI's read and its write (Swarm's
      // own updater bumps it while an update runs). The CLI does not retry; the next read is current.
      if (attempt >= OUT_OF_SEQUENCE_ATTEMPTS || !/update out of sequence/i.test(result.stderr))
        throw dockerFailure(this.options.docker, args, result);
      await this.options.clock.sleep(OUT_OF_SEQUENCE_PAUSE_MS);
    }
  }

  /** The service, or null when it does not exist. */
  async inspect(name: string): Promise<ServiceView | null> {
    try {
      const result = await this.docker(['service', 'inspect', '--format', '{{json .}}', name]);
      return parseService(result.stdout, name);
    } catch (error) {
      if (error instanceof SwarmError && error.code === 'swarm-no-service') return null;
      throw error;
    }
  }

  private async mustInspect(name: string, role: string): Promise<ServiceView> {
    const service = await this.inspect(name);
    if (!service)
      throw new SwarmError(
        'swarm-no-service',
        `swarm: service '${name}' (${role}) does not exist; create it once with docker service create`,
      );
    return service;
  }

  async tasks(name: string): Promise<TaskView[]> {
    return parseTasks((await this.docker(['service', 'ps', '--no-trunc', '--format', '{{json .}}', name])).stdout);
  }

  /** Polls the service until it runs `goal`, Swarm gives up, or the target's timeout passes. */
  private async settle(name: string, goal: Goal, signal?: AbortSignal): Promise<void> {
    const { clock, timeoutMs } = this.options;
    const deadline = clock.now() + timeoutMs;
    for (;;) {
      const service = await this.mustInspect(name, 'target');
      const verdict = judge(service, await this.tasks(name), goal);
      if (verdict.kind === 'done') return;
      if (verdict.kind === 'failed') throw new SwarmError(verdict.code, `swarm: ${name}: ${verdict.why}`);
      if (clock.now() >= deadline)
        throw new SwarmError(
          'swarm-not-converged',
          `swarm: ${name} did not converge in ${formatDuration(timeoutMs)}: ${verdict.why}`,
        );
      await clock.sleep(this.pollMs, signal);
    }
  }

  /** The update flags: rolling batch, pause and order; Swarm pauses on a failure and shipgate decides. */
  private updateFlags(replicas: number | null): string[] {
    const { order, pauseMs } = this.options;
    const batch = String(parallelism(this.options.batch, replicas));
    return [
      ...['--update-parallelism', batch, '--update-delay', `${pauseMs}ms`, '--update-failure-action', 'pause'],
      // Swarm's rollback (the undo) replaces tasks the same way, so it drops no more requests than the update.
      ...['--rollback-parallelism', batch, '--rollback-failure-action', 'pause'],
      ...(order ? ['--update-order', order, '--rollback-order', order] : []),
    ];
  }

  private async run(hook: string, body: () => Promise<void>): Promise<HookRun> {
    const started = this.options.clock.now();
    await body();
    const durationMs = this.options.clock.now() - started;
    this.options.logger.info(`${hook}: done in ${formatDuration(durationMs)}`);
    return { hook, exitCode: 0, durationMs, timedOut: false };
  }

  private rollingService(): string {
    if (!this.options.service) throw new SwarmError('swarm-no-service', 'swarm: target.service is missing (rolling)');
    return this.options.service;
  }

  async update(values: HookValues, signal?: AbortSignal): Promise<HookRun> {
    const name = this.rollingService();
    const image = imageFor(this.options.image, values.version);
    return this.run(`swarm update ${name} → ${image}`, async () => {
      const service = await this.mustInspect(name, 'target.service');
      this.imageBefore.set(name, service.image);
      const goal: Goal = { image, replicas: service.replicas, action: 'update' };
      if (service.image === image && judge(service, await this.tasks(name), goal).kind === 'done') {
        this.options.logger.info(`swarm: ${name} already runs ${image} on every task; nothing to update`);
        return;
      }
      const flags = this.updateFlags(service.replicas);
      await this.docker(['service', 'update', '--detach', '--with-registry-auth', '--image', image, ...flags, name]);
      await this.settle(name, goal, signal);
    });
  }

  async rollback(values: HookValues, signal?: AbortSignal): Promise<HookRun> {
    const name = this.rollingService();
    const updated = imageFor(this.options.image, values.version);
    return this.run(`swarm rollback ${name}`, async () => {
      const service = await this.mustInspect(name, 'target.service');
      if (service.image !== updated) {
        // The update never took, or Swarm reverted it: wait for whatever it is doing to finish there.
        this.options.logger.info(`swarm: ${name} runs ${service.image}, not ${updated}; nothing to roll back`);
        return this.settle(name, { image: service.image, replicas: service.replicas, action: 'scale' }, signal);
      }
      // What ran before this run's update (seen by update()), else the record's previous version.
      const wanted =
        this.imageBefore.get(name) ??
        (values.previousVersion ? imageFor(this.options.image, values.previousVersion) : service.previousImage);
      if (!wanted || wanted === updated) {
        this.options.logger.info(`swarm: ${name} ran ${updated} before the update; nothing to roll back`);
        return this.settle(name, { image: updated, replicas: service.replicas, action: 'scale' }, signal);
      }
      if (service.previousImage === wanted) {
        await this.docker(['service', 'rollback', '--detach', name]);
        return this.settle(name, { image: wanted, replicas: service.replicas, action: 'rollback' }, signal);
      }
      // The spec before ours is not the previous version (a scale or a restart since): name the image.
      await this.docker([
        'service',
        'update',
        '--detach',
        '--image',
        wanted,
        ...this.updateFlags(service.replicas),
        name,
      ]);
      return this.settle(name, { image: wanted, replicas: service.replicas, action: 'update' }, signal);
    });
  }

  private slotService(slot: Slot): string {
    const name = this.options.slotServices?.[slot];
    if (!name) throw new SwarmError('swarm-no-service', `swarm: target.slots.${slot}.service is missing`);
    return name;
  }

  /** Blue-green and canary: the slot's service runs the version — updated, scaled up, or created. */
  async deploy(values: HookValues, signal?: AbortSignal): Promise<HookRun> {
    if (!values.slot) return this.update(values, signal);
    const slot = values.slot as Slot;
    const name = this.slotService(slot);
    const image = imageFor(this.options.image, values.version);
    return this.run(`swarm deploy ${name} (${slot}) → ${image}`, async () => {
      const service = await this.inspect(name);
      if (!service) return this.create(name, slot, image, signal);
      const replicas = service.replicas === 0 ? Number(service.labels[REPLICAS_LABEL] ?? 1) || 1 : service.replicas;
      const scale = service.replicas === 0 ? ['--replicas', String(replicas)] : [];
      if (service.image === image) {
        if (scale.length) await this.docker(['service', 'update', '--detach', ...scale, name]);
        return this.settle(name, { image, replicas, action: 'scale', drained: true }, signal);
      }
      const flags = this.updateFlags(replicas);
      await this.docker([
        'service',
        'update',
        '--detach',
        '--with-registry-auth',
        '--image',
        image,
        ...scale,
        ...flags,
        name,
      ]);
      return this.settle(name, { image, replicas, action: 'update', drained: true }, signal);
    });
  }

  /** A slot's service that does not exist yet: one replica of the image, labelled as shipgate's. */
  private async create(name: string, slot: Slot, image: string, signal?: AbortSignal): Promise<void> {
    this.options.logger.info(`swarm: ${name} does not exist; creating it with one replica of ${image}`);
    const labels = ['--label', `shipgate.slot=${slot}`, '--env', `SHIPGATE_SLOT=${slot}`];
    await this.docker([
      'service',
      'create',
      '--detach',
      '--with-registry-auth',
      '--name',
      name,
      '--replicas',
      '1',
      ...labels,
      image,
    ]);
    await this.settle(name, { image, replicas: 1, action: 'scale', drained: true }, signal);
  }

  /** Blue-green and canary: the slot's service is scaled to 0; its replica count is kept in a label. */
  async retire(values: HookValues, signal?: AbortSignal): Promise<HookRun> {
    if (!values.slot)
      throw new SwarmError('swarm-update-failed', 'swarm: a rolling service is rolled back, never retired');
    const name = this.slotService(values.slot as Slot);
    return this.run(`swarm retire ${name} (${values.slot})`, async () => {
      const service = await this.inspect(name);
      if (!service || service.replicas === 0) return;
      const keep = service.replicas === null ? [] : ['--label-add', `${REPLICAS_LABEL}=${service.replicas}`];
      await this.docker(['service', 'update', '--detach', '--replicas', '0', ...keep, name]);
      await this.settle(name, { image: service.image, replicas: 0, action: 'scale', drained: true }, signal);
    });
  }

  async observe(state: EnvironmentState): Promise<Observation> {
    if (this.options.service) return this.observeRolling(this.options.service, state);
    return this.observeSlots(state);
  }

  /** `weave_api: 2/2 tasks run registry/api:1.4.1 (version 1.4.1), update completed`. */
  private async describe(name: string, service: ServiceView): Promise<string> {
    const tasks = (await this.tasks(name)).filter((task) => task.desired === 'running');
    const ready = tasks.filter((task) => task.image === service.image && task.state === 'running').length;
    const version = versionOf(this.options.image, service.image);
    const status = service.update ? ` (Swarm update state: ${service.update.state})` : '';
    return `${name}: ${ready}/${service.replicas ?? tasks.length} tasks run ${service.image}${version === null ? " (not this service's image template)" : ` (version ${version})`}${status}`;
  }

  private async observeRolling(name: string, state: EnvironmentState): Promise<Observation> {
    const service = await this.mustInspect(name, 'target.service');
    const line = await this.describe(name, service);
    const recorded = state.activeVersion;
    if (recorded === null || service.image === imageFor(this.options.image, recorded))
      return { lines: [line], drift: null };
    return { lines: [line], drift: driftLine(name, service, recorded, this.options.image) };
  }

  private async observeSlots(state: EnvironmentState): Promise<Observation> {
    const lines: string[] = [];
    let drift: string | null = null;
    for (const slot of SLOTS) {
      const name = this.options.slotServices?.[slot];
      if (!name) continue;
      const service = await this.inspect(name);
      lines.push(service ? `${slot}: ${await this.describe(name, service)}` : `${slot}: ${name} does not exist`);
      const recorded = state.activeSlot === slot ? state.activeVersion : null;
      if (recorded === null) continue;
      if (!service)
        drift = `swarm: service ${name} of the active slot ${slot} does not exist, but the record says it runs ${recorded}`;
      else if (service.replicas === 0)
        drift = `swarm: service ${name} of the active slot ${slot} is scaled to 0, but the record says it runs ${recorded}`;
      else if (service.image !== imageFor(this.options.image, recorded))
        drift = driftLine(name, service, recorded, this.options.image);
    }
    return { lines, drift };
  }
}

function driftLine(name: string, service: ServiceView, recorded: string, template: string): string {
  const version = versionOf(template, service.image);
  return `swarm: service ${name} runs ${service.image}${version === null ? '' : ` (version ${version})`}, but the record says ${recorded} is active — changed outside shipgate (docker service rollback or update by hand?); deploy with force to go ahead`;
}

export function createSwarmDriver(options: SwarmDriverOptions): SwarmDriver {
  return new SwarmDriver(options);
}
