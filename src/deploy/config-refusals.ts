import { ConfigError } from './config.js';
import { batches } from './plan.js';
import type { DeploySettings } from './settings.js';

/**
 * Refuses, before anything runs, what the schema lets through but could only fail at run time (issue #10,
 * item 7): each refusal names the key path, the value and the expected form. An unknown placeholder in
 * a check's URL or TCP address (`{adress}`) is refused by the schema itself (config.ts), for url, every
 * urls[i].url and tcp; `{host}` and `{port}` are filled in.
 */
export function refuseRuntimeFailures(settings: DeploySettings, file: string, base: string): void {
  refuseUndrainableRolling(settings, file, base);
  refuseUnmeasuredAnalysis(settings, file, base);
  refuseOrchestratedBeforeTraffic(settings, file, base);
}

/**
 * A Swarm rolling update puts each task into service itself, as soon as it starts: there is no moment
 * between "the new version runs" and "it takes traffic" for a before-traffic hook (preflight runs before
 * the update, after-traffic after it). Blue-green and canary over swarm have that moment and run it.
 */
function refuseOrchestratedBeforeTraffic(settings: DeploySettings, file: string, base: string): void {
  const command = settings.hooks?.['before-traffic'];
  if (command === undefined || settings.strategy !== 'rolling' || settings.target.kind !== 'swarm') return;
  throw new ConfigError(
    file,
    `${base}.hooks.before-traffic`,
    command,
    'no before-traffic hook with a swarm rolling update (Swarm puts each task into service as it starts): use preflight (before the update) or after-traffic (after it), or strategy blue-green',
  );
}

/**
 * Rolling with a router takes each batch out of rotation before deploying it: a batch of every instance
 * (or a single instance) leaves nothing to serve, and the drain's route is refused every time.
 */
function refuseUndrainableRolling(settings: DeploySettings, file: string, base: string): void {
  const instances = settings.target.instances;
  if (settings.strategy !== 'rolling' || settings.router.kind === 'none' || !instances) return;
  if (instances.length === 1) {
    throw new ConfigError(
      file,
      `${base}.target.instances`,
      instances,
      `at least 2 instances with a router (a batch is taken out of rotation while it is deployed, and one instance alone leaves none to serve), or router kind none`,
    );
  }
  const first = batches(instances, settings.rolling.batch)[0] ?? [];
  if (first.length < instances.length) return;
  const batch = 'count' in settings.rolling.batch ? settings.rolling.batch.count : `${settings.rolling.batch.percent}%`;
  throw new ConfigError(
    file,
    `${base}.rolling.batch`,
    batch,
    `a batch smaller than the ${instances.length} instances of target.instances (with a router, a batch is taken out of rotation while it is deployed; at least one instance must keep serving)`,
  );
}

/**
 * Metrics are measured only while a gate watches: canary steps with a pause, rolling pauses between
 * batches, and health.duration once the new version takes all traffic. Without any, analysis never runs.
 */
function refuseUnmeasuredAnalysis(settings: DeploySettings, file: string, base: string): void {
  const metrics = settings.analysis?.metrics ?? [];
  if (metrics.length === 0 || settings.health.promotionWatchMs > 0) return;
  const { strategy } = settings;
  const canaryWatches =
    strategy === 'canary' && settings.canarySteps.some((step) => step.weight < 100 && step.pauseMs > 0);
  const rollingWatches =
    strategy === 'rolling' &&
    settings.rolling.pauseMs > 0 &&
    batches(settings.target.instances ?? [], settings.rolling.batch).length > 1;
  if (canaryWatches || rollingWatches) return;
  const where: Record<typeof strategy, string> = {
    'blue-green': 'blue-green measures them only while it watches the new slot at 100% for health.duration',
    canary: 'canary measures them during a step with a pause, or for health.duration at 100%',
    rolling: 'rolling measures them during the pause between batches, or for health.duration after the last',
  };
  throw new ConfigError(
    file,
    `${base}.health.duration`,
    undefined,
    `a duration such as 2m: analysis.metrics are configured but no step measures them (${where[strategy]})`,
  );
}
