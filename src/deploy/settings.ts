import { ShipgateError } from '../core/errors.js';
import { parseStatusSet } from '../core/status-set.js';
import type { MetricSpec } from '../health/analysis/metric-settings.js';
import type { GateTiming } from '../health/health-gate.js';
import type { Expectations } from '../health/http-probe.js';
import { type Config, ConfigError, type EnvironmentConfig, parseBatch, type Strategy } from './config.js';
import { checkSwarmTarget, type SwarmTargetSettings, swarmTargetSettings } from './swarm-settings.js';

export const PHASES = ['prepare', 'switch', 'finalize', 'cancel', 'full'] as const;
export type Phase = (typeof PHASES)[number];

/** Everything a deploy needs, resolved from the config file and the inputs (inputs win). */
export interface DeploySettings {
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly strategy: Strategy;
  readonly phase: Phase;
  readonly rollbackOnError: boolean;
  readonly dryRun: boolean;
  readonly target:
    | {
        readonly kind?: 'command';
        readonly deploy: string;
        readonly retire?: string;
        readonly timeoutMs: number;
        readonly slots?: { readonly blue: readonly string[]; readonly green: readonly string[] };
        readonly instances?: readonly string[];
      }
    | SwarmTargetSettings;
  /** Deploy even when the version is already active, or when the target drifted from the record. */
  readonly force?: boolean;
  readonly router:
    | {
        readonly kind: 'nginx';
        readonly upstreamFile: string;
        readonly upstreamName: string;
        readonly reload: string;
        readonly test: string;
        readonly timeoutMs: number;
      }
    | { readonly kind: 'command'; readonly route: string; readonly timeoutMs: number }
    | { readonly kind: 'none' };
  readonly health: {
    readonly url: string;
    readonly method: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly expect: Expectations;
    readonly timing: GateTiming;
    /** Per request. */
    readonly timeoutMs: number;
    /** How long the new version is watched once it takes all traffic. */
    readonly promotionWatchMs: number;
  };
  readonly analysis?: { readonly prometheusUrl?: string; readonly metrics: readonly MetricSpec[] };
  readonly canarySteps: ReadonlyArray<{ readonly weight: number; readonly pauseMs: number }>;
  readonly scaleDownDelayMs: number;
  readonly rolling: {
    readonly batch: { count: number } | { percent: number };
    readonly pauseMs: number;
    readonly drainMs: number;
  };
}

export interface DeployInputs {
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly strategy?: Strategy;
  readonly phase: Phase;
  readonly rollbackOnError: boolean;
  readonly dryRun: boolean;
  readonly force?: boolean;
}

const DEFAULT_HOOK_TIMEOUT = 10 * 60_000;
const DEFAULT_ROUTER_TIMEOUT = 60_000;

/**
 * Picks the service and environment out of the config and checks that the chosen strategy has what it
 * needs; every refusal is one line that names the input or key, the value and the expected form.
 */
export function resolveDeploySettings(config: Config, inputs: DeployInputs, file: string): DeploySettings {
  const service = config.services[inputs.service];
  if (!service) {
    throw new ShipgateError(
      'invalid-input',
      `deploy: input 'service' is '${inputs.service}'; expected a service of ${file} (${Object.keys(config.services).join(', ') || 'none defined'})`,
    );
  }
  const env: EnvironmentConfig | undefined = service.environments[inputs.environment];
  if (!env) {
    throw new ShipgateError(
      'invalid-input',
      `deploy: input 'environment' is '${inputs.environment}'; expected an environment of service '${inputs.service}' in ${file} (${Object.keys(service.environments).join(', ')})`,
    );
  }
  const base = `services.${inputs.service}.environments.${inputs.environment}`;
  const strategy: Strategy = inputs.strategy ?? env.strategy ?? 'rolling';
  if (inputs.phase !== 'full' && strategy !== 'blue-green') {
    throw new ShipgateError(
      'invalid-input',
      `deploy: input 'phase' is '${inputs.phase}'; expected full (phases prepare, switch, finalize and cancel are for blue-green; the strategy is ${strategy})`,
    );
  }
  const needs = (ok: unknown, key: string, expected: string): void => {
    if (!ok) throw new ConfigError(file, `${base}.${key}`, undefined, `${expected} (strategy ${strategy})`);
  };
  if (env.target.kind === 'swarm') checkSwarmTarget(env.target, strategy, needs);
  else if (env.rolling?.order) {
    throw new ConfigError(file, `${base}.rolling.order`, env.rolling.order, 'no order (it is for target kind swarm)');
  } else if (strategy === 'rolling') {
    needs(env.target.instances, 'target.instances', 'the instances updated in place, as host:port addresses');
  } else needs(env.target.slots, 'target.slots', 'blue and green address lists');
  if (strategy !== 'rolling') {
    needs(
      env.router && env.router.kind !== 'none',
      'router',
      `a router of kind nginx or command (${strategy} moves traffic between slots)`,
    );
  }
  if (strategy === 'canary') needs(env.canary, 'canary.steps', 'at least one step like { weight: 10, pause: 1m }');
  if (env.analysis?.metrics.some((metric) => metric.provider === 'prometheus')) {
    needs(env.analysis['prometheus-url'], 'analysis.prometheus-url', 'the Prometheus URL the metrics query');
  }
  // A deploy knows {service} {environment} {version} and, with slots, {slot}; say so before traffic moves.
  const known =
    strategy === 'rolling' ? ['service', 'environment', 'version'] : ['service', 'environment', 'version', 'slot'];
  (env.analysis?.metrics ?? []).forEach((metric, index) => {
    const unknown = [...metric.query.matchAll(/\{([a-z]+)\}/g)]
      .map((match) => match[1] ?? '')
      .find((name) => !known.includes(name));
    if (unknown !== undefined) {
      throw new ConfigError(
        file,
        `${base}.analysis.metrics[${index}].query`,
        metric.query,
        `a query using only ${known.map((name) => `{${name}}`).join(' ')} ({${unknown}} has no value in a ${strategy} deploy)`,
      );
    }
  });
  needs(env.health, 'health', 'a health gate with a url ({address} makes one probe per address)');
  const health = env.health!;

  const router = env.router ?? { kind: 'none' as const };
  const timing: GateTiming = {
    intervalMs: health.interval ?? 2_000,
    successThreshold: health['success-threshold'] ?? 1,
    failureThreshold: health['failure-threshold'] ?? 3,
    deadlineMs: health.deadline ?? 2 * 60_000,
    durationMs: 0,
    concurrency: 16,
  };
  const expectText = health['expect-text'];
  const textRegex = expectText ? /^\/(.+)\/([a-z]*)$/s.exec(expectText) : null;
  return {
    service: inputs.service,
    environment: inputs.environment,
    version: inputs.version,
    strategy,
    phase: inputs.phase,
    rollbackOnError: inputs.rollbackOnError,
    dryRun: inputs.dryRun,
    ...(inputs.force ? { force: true } : {}),
    target:
      env.target.kind === 'swarm'
        ? swarmTargetSettings(env.target, env.rolling)
        : {
            deploy: env.target.deploy,
            ...(env.target.retire ? { retire: env.target.retire } : {}),
            timeoutMs: env.target.timeout ?? DEFAULT_HOOK_TIMEOUT,
            ...(env.target.slots ? { slots: env.target.slots } : {}),
            ...(env.target.instances ? { instances: env.target.instances } : {}),
          },
    router:
      router.kind === 'nginx'
        ? {
            kind: 'nginx',
            upstreamFile: router['upstream-file'],
            upstreamName: router['upstream-name'],
            reload: router.reload ?? 'nginx -s reload',
            test: router.test ?? 'nginx -t',
            timeoutMs: router.timeout ?? DEFAULT_ROUTER_TIMEOUT,
          }
        : router.kind === 'command'
          ? { kind: 'command', route: router.route, timeoutMs: router.timeout ?? DEFAULT_ROUTER_TIMEOUT }
          : { kind: 'none' },
    health: {
      url: health.url,
      method: health.method ?? 'GET',
      headers: Object.fromEntries(
        Object.entries(health.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
      ),
      expect: {
        status: parseStatusSet(String(health['expected-status'] ?? '200-299'))!,
        ...(health['expect-json'] ? { json: health['expect-json'] } : {}),
        ...(expectText
          ? { text: textRegex ? { pattern: new RegExp(textRegex[1] ?? '', textRegex[2]) } : { substring: expectText } }
          : {}),
      },
      timing,
      timeoutMs: health.timeout ?? 5_000,
      promotionWatchMs: health.duration ?? 0,
    },
    ...(env.analysis
      ? {
          analysis: {
            ...(env.analysis['prometheus-url'] ? { prometheusUrl: env.analysis['prometheus-url'] } : {}),
            metrics: env.analysis.metrics,
          },
        }
      : {}),
    canarySteps: (env.canary?.steps ?? []).map((step) => ({ weight: step.weight, pauseMs: step.pause ?? 0 })),
    scaleDownDelayMs: env['blue-green']?.['scale-down-delay'] ?? 0,
    rolling: {
      batch: parseBatch(env.rolling?.batch ?? 1) ?? { count: 1 },
      pauseMs: env.rolling?.pause ?? 0,
      drainMs: env.rolling?.drain ?? 0,
    },
  };
}
