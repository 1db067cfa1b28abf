import { ShipgateError } from '../core/errors.js';
import { unknownPlaceholder } from '../core/placeholders.js';
import { parseStatusSet, STATUS_SET_FORM } from '../core/status-set.js';
import type { Phase, Strategy } from '../core/vocabulary.js';
import type { MetricSpec } from '../health/analysis/metric-settings.js';
import type { HealthCheck } from '../health/gate-targets.js';
import type { GateTiming } from '../health/health-gate.js';
import type { Expectations } from '../health/http-probe.js';
import { type Config, ConfigError, type EnvironmentConfig, parseBatch } from './config.js';
import { refuseRuntimeFailures } from './config-refusals.js';
import { checkSwarmTarget, type SwarmTargetSettings, swarmTargetSettings } from './swarm-settings.js';

/** Everything a deploy needs, resolved from the config file and the inputs (inputs win). */
export interface DeploySettings {
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly strategy: Strategy;
  readonly phase: Phase;
  readonly rollbackOnError: boolean;
  readonly dryRun: boolean;
  readonly target: CommandTargetSettings | SwarmTargetSettings;
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
    /** HTTP, TCP and command checks; every one must pass. */
    readonly checks: readonly HealthCheck[];
    readonly timing: GateTiming;
    /** Per request, connect or probe command. */
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
  /** Lifecycle hooks (SPEC §5.2); absent when none is configured. */
  readonly hooks?: LifecycleHooks;
}

/** The lifecycle hook points, in the order a deploy reaches them. */
export const HOOK_POINTS = ['preflight', 'before-traffic', 'after-traffic', 'after-rollback'] as const;
export type HookPoint = (typeof HOOK_POINTS)[number];
export type LifecycleHooks = Readonly<Partial<Record<HookPoint, string>>>;

/** `target.kind: command`: the deploy and retire hooks (`kind` is optional: a target without one is this). */
export interface CommandTargetSettings {
  readonly kind?: 'command';
  readonly deploy: string;
  readonly retire?: string;
  readonly timeoutMs: number;
  readonly slots?: { readonly blue: readonly string[]; readonly green: readonly string[] };
  readonly instances?: readonly string[];
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
  const env = findEnvironment(config, inputs, file);
  const strategy: Strategy = inputs.strategy ?? env.strategy ?? 'rolling';
  checkPhase(inputs.phase, strategy);
  const base = `services.${inputs.service}.environments.${inputs.environment}`;
  const health = checkStrategyNeeds(env, strategy, file, base);
  const settings: DeploySettings = {
    service: inputs.service,
    environment: inputs.environment,
    version: inputs.version,
    strategy,
    phase: inputs.phase,
    rollbackOnError: inputs.rollbackOnError,
    dryRun: inputs.dryRun,
    ...(inputs.force ? { force: true } : {}),
    target: targetSettings(env),
    router: routerSettings(env.router),
    health: healthSettings(health, file, base),
    ...(env.analysis ? { analysis: analysisSettings(env.analysis) } : {}),
    canarySteps: (env.canary?.steps ?? []).map((step) => ({ weight: step.weight, pauseMs: step.pause ?? 0 })),
    scaleDownDelayMs: env['blue-green']?.['scale-down-delay'] ?? 0,
    rolling: {
      batch: parseBatch(env.rolling?.batch ?? 1) ?? { count: 1 },
      pauseMs: env.rolling?.pause ?? 0,
      drainMs: env.rolling?.drain ?? 0,
    },
    ...(env.hooks && Object.keys(env.hooks).length > 0 ? { hooks: env.hooks } : {}),
  };
  refuseRuntimeFailures(settings, file, base);
  return settings;
}

type HealthConfig = NonNullable<EnvironmentConfig['health']>;
type AnalysisConfig = NonNullable<EnvironmentConfig['analysis']>;

function findEnvironment(config: Config, inputs: DeployInputs, file: string): EnvironmentConfig {
  const service = config.services[inputs.service];
  if (!service) {
    const known = Object.keys(config.services).join(', ') || 'none defined';
    throw new ShipgateError(
      'invalid-input',
      `deploy: input 'service' is '${inputs.service}'; expected a service of ${file} (${known})`,
    );
  }
  const env = service.environments[inputs.environment];
  if (!env) {
    const known = Object.keys(service.environments).join(', ');
    throw new ShipgateError(
      'invalid-input',
      `deploy: input 'environment' is '${inputs.environment}'; expected an environment of service '${inputs.service}' in ${file} (${known})`,
    );
  }
  return env;
}

function checkPhase(phase: Phase, strategy: Strategy): void {
  if (phase === 'full' || strategy === 'blue-green') return;
  throw new ShipgateError(
    'invalid-input',
    `deploy: input 'phase' is '${phase}'; expected full (phases prepare, switch, finalize and cancel are for blue-green; the strategy is ${strategy})`,
  );
}

/** Refuses a config that lacks what the strategy needs (`base` is the environment's key path); gives its health gate. */
function checkStrategyNeeds(env: EnvironmentConfig, strategy: Strategy, file: string, base: string): HealthConfig {
  const needs = (ok: unknown, key: string, expected: string): void => {
    if (!ok) throw new ConfigError(file, `${base}.${key}`, undefined, `${expected} (strategy ${strategy})`);
  };
  checkTargetNeeds(env, strategy, needs, file, base);
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
  checkMetricPlaceholders(env.analysis, strategy, file, base);
  if (!env.health) throw new ConfigError(file, `${base}.health`, undefined, `${HEALTH_FORM} (strategy ${strategy})`);
  return env.health;
}

/** Refuses a config without `key` (when `ok` is falsy), naming what it should be. */
export type Needs = (ok: unknown, key: string, expected: string) => void;

/** Where the strategy changes what runs: instances (rolling) or slots; swarm has its own keys. */
function checkTargetNeeds(env: EnvironmentConfig, strategy: Strategy, needs: Needs, file: string, base: string): void {
  const { target } = env;
  if (target.kind === 'swarm') {
    checkSwarmTarget(target, strategy, needs);
    return;
  }
  if (env.rolling?.order) {
    throw new ConfigError(file, `${base}.rolling.order`, env.rolling.order, 'no order (it is for target kind swarm)');
  }
  if (strategy === 'rolling') {
    needs(target.instances, 'target.instances', 'the instances updated in place, as host:port addresses');
  } else {
    needs(target.slots, 'target.slots', 'blue and green address lists');
  }
}

const HEALTH_FORM = 'a health gate with url, urls, tcp or command ({address} makes one probe per address)';

/** A deploy knows {service} {environment} {version} and, with slots, {slot}; say so before traffic moves. */
function checkMetricPlaceholders(
  analysis: AnalysisConfig | undefined,
  strategy: Strategy,
  file: string,
  base: string,
): void {
  const known =
    strategy === 'rolling' ? ['service', 'environment', 'version'] : ['service', 'environment', 'version', 'slot'];
  (analysis?.metrics ?? []).forEach((metric, index) => {
    const unknown = unknownPlaceholder(metric.query, known);
    if (unknown === undefined) return;
    throw new ConfigError(
      file,
      `${base}.analysis.metrics[${index}].query`,
      metric.query,
      `a query using only ${known.map((name) => `{${name}}`).join(' ')} (${unknown.text} has no value in a ${strategy} deploy)`,
    );
  });
}

function targetSettings(env: EnvironmentConfig): DeploySettings['target'] {
  const { target } = env;
  if (target.kind === 'swarm') return swarmTargetSettings(target, env.rolling);
  return {
    deploy: target.deploy,
    ...(target.retire ? { retire: target.retire } : {}),
    timeoutMs: target.timeout ?? DEFAULT_HOOK_TIMEOUT,
    ...(target.slots ? { slots: target.slots } : {}),
    ...(target.instances ? { instances: target.instances } : {}),
  };
}

function routerSettings(router: EnvironmentConfig['router']): DeploySettings['router'] {
  if (!router) return { kind: 'none' };
  switch (router.kind) {
    case 'nginx':
      return {
        kind: 'nginx',
        upstreamFile: router['upstream-file'],
        upstreamName: router['upstream-name'],
        reload: router.reload ?? 'nginx -s reload',
        test: router.test ?? 'nginx -t',
        timeoutMs: router.timeout ?? DEFAULT_ROUTER_TIMEOUT,
      };
    case 'command':
      return { kind: 'command', route: router.route, timeoutMs: router.timeout ?? DEFAULT_ROUTER_TIMEOUT };
    case 'none':
      return { kind: 'none' };
    default: {
      const never: never = router;
      throw new Error(`unhandled router ${JSON.stringify(never)}`);
    }
  }
}

function healthSettings(health: HealthConfig, file: string, base: string): DeploySettings['health'] {
  return {
    checks: healthChecks(health, file, base),
    timing: {
      intervalMs: health.interval ?? 2_000,
      successThreshold: health['success-threshold'] ?? 1,
      failureThreshold: health['failure-threshold'] ?? 3,
      deadlineMs: health.deadline ?? 2 * 60_000,
      durationMs: 0,
      concurrency: 16,
    },
    timeoutMs: health.timeout ?? 5_000,
    promotionWatchMs: health.duration ?? 0,
  };
}

type HttpSettings = Pick<
  HealthConfig,
  'method' | 'body' | 'headers' | 'expected-status' | 'expect-json' | 'expect-text'
>;

/** `url`/`urls` (each item's own settings over the block's), then `tcp`, then `command`. */
function healthChecks(health: HealthConfig, file: string, base: string): HealthCheck[] {
  const urls = health.urls ?? (health.url !== undefined ? [health.url] : []);
  const http = urls.map((item, index): HealthCheck => {
    const own = typeof item === 'string' ? { url: item } : item;
    const key = health.urls ? `${base}.health.urls[${index}]` : `${base}.health`;
    return httpCheck(own.url, { ...pickHttp(health), ...pickHttp(own) }, file, key);
  });
  const tcp = (health.tcp ?? []).map((address): HealthCheck => ({ kind: 'tcp', address }));
  const command: HealthCheck[] = health.command !== undefined ? [{ kind: 'command', command: health.command }] : [];
  return [...http, ...tcp, ...command];
}

function pickHttp(from: HttpSettings): HttpSettings {
  const keys = ['method', 'body', 'headers', 'expected-status', 'expect-json', 'expect-text'] as const;
  return Object.fromEntries(keys.filter((key) => from[key] !== undefined).map((key) => [key, from[key]]));
}

function httpCheck(url: string, settings: HttpSettings, file: string, key: string): HealthCheck {
  return {
    kind: 'http',
    url,
    method: settings.method ?? 'GET',
    headers: Object.fromEntries(
      Object.entries(settings.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    ),
    ...(settings.body !== undefined ? { body: settings.body } : {}),
    expect: expectations(settings, file, key),
  };
}

/** `expect-text` is a substring, or a regular expression when written `/…/flags`. */
function expectations(health: HttpSettings, file: string, key: string): Expectations {
  const expectText = health['expect-text'];
  const textRegex = expectText ? /^\/(.+)\/([a-z]*)$/s.exec(expectText) : null;
  const text = String(health['expected-status'] ?? '200-299');
  // The config schema refuses a status set that does not parse; this keeps the type honest.
  const status = parseStatusSet(text);
  if (!status) throw new ConfigError(file, `${key}.expected-status`, text, STATUS_SET_FORM);
  return {
    status,
    ...(health['expect-json'] ? { json: health['expect-json'] } : {}),
    ...(expectText
      ? { text: textRegex ? { pattern: new RegExp(textRegex[1] ?? '', textRegex[2]) } : { substring: expectText } }
      : {}),
  };
}

function analysisSettings(analysis: AnalysisConfig): NonNullable<DeploySettings['analysis']> {
  return {
    ...(analysis['prometheus-url'] ? { prometheusUrl: analysis['prometheus-url'] } : {}),
    metrics: analysis.metrics,
  };
}
