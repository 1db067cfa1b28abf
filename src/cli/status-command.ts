import type * as Fs from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { errorMessage, ShipgateError } from '../core/errors.js';
import { SLOTS } from '../core/vocabulary.js';
import type { Config } from '../deploy/config.js';
import type { DeployAdapters } from '../deploy/deploy-action.js';
import { parseRollbackInputs, ROLLBACK_INPUT_NAMES } from '../deploy/deploy-inputs.js';
import { type DeploySettings, resolveDeploySettings } from '../deploy/settings.js';
import type { CliRuntime } from '../runtime/cli-runtime.js';
import { liveness } from '../state/lock-liveness.js';
import type { EnvironmentState, StateKey, StateStore } from '../state/ports.js';
import type { LockView, StatusView, WeightsView } from './status-view.js';

/**
 * `shipgate status`: reads the state store (file or github, as deploy does), the lock, and — where the
 * router can be read back (nginx's upstream file) — the traffic as it really is, and says where that
 * differs from the record. An unknown service or environment is an error (exit 1), not an empty state.
 */
export async function readStatus(runtime: CliRuntime, adapters: DeployAdapters): Promise<StatusView> {
  const raw = runtime.inputs([...ROLLBACK_INPUT_NAMES]);
  const parsed = parseRollbackInputs(raw, runtime.context, 'status');
  const { config } = adapters.loadConfig(parsed.configPath, runtime.context.workspace, 'status');
  const key = { service: parsed.service, environment: parsed.environment };
  checkKnown(config, key, parsed.configPath);
  const inputs = { ...key, version: '-', phase: 'full', rollbackOnError: true, dryRun: false } as const;
  const settings = resolveDeploySettings(config, inputs, parsed.configPath);
  const { context, logger } = runtime;
  const store = await adapters.createStateStore({ ...parsed, context, logger });
  const state = await store.read(key);
  const weights = readWeights(settings, state, context.workspace);
  const target = await observeTarget(adapters, settings, { store, state, runtime });
  return {
    ...key,
    activeVersion: state.activeVersion,
    activeSlot: state.activeSlot,
    slots: state.slots,
    instances: state.instances,
    weights,
    target: target.lines,
    lock: await readLock(store, key),
    drift: [...driftOf(settings, state, weights), ...target.drift],
    history: state.history.slice(0, 10),
  };
}

/**
 * For a target that can tell what runs (swarm), what it runs and the drift from the record (SPEC §8a),
 * through the deploy's own ports. A daemon that cannot be read is shown, not fatal.
 */
async function observeTarget(
  adapters: DeployAdapters,
  settings: DeploySettings,
  request: { store: StateStore; state: EnvironmentState; runtime: CliRuntime },
): Promise<{ lines: string[]; drift: string[] }> {
  if (settings.target.kind !== 'swarm') return { lines: [], drift: [] };
  const { store, state, runtime } = request;
  const { context, logger } = runtime;
  const { orchestrator } = adapters.buildDeployPorts(settings, { store, context, logger });
  if (!orchestrator) return { lines: [], drift: [] };
  try {
    const observation = await orchestrator.observe(state);
    return { lines: [...observation.lines], drift: observation.drift ? [observation.drift] : [] };
  } catch (error) {
    return { lines: [`cannot tell what Swarm runs: ${errorMessage(error)}`], drift: [] };
  }
}

function checkKnown(config: Config, key: StateKey, file: string): void {
  const service = config.services[key.service];
  if (!service) {
    const known = Object.keys(config.services).join(', ') || 'none';
    throw new ShipgateError('unknown-service', `status: no service '${key.service}' in ${file} (it has ${known})`);
  }
  if (!service.environments[key.environment]) {
    const known = Object.keys(service.environments).join(', ') || 'none';
    throw new ShipgateError(
      'unknown-environment',
      `status: service '${key.service}' has no environment '${key.environment}' in ${file} (it has ${known})`,
    );
  }
}

/** What the record says traffic should be: 100% on the active slot, or an equal share per instance. */
function recordedWeights(settings: DeploySettings, state: EnvironmentState): Record<string, number> {
  if (settings.strategy !== 'rolling') return state.activeSlot ? { [state.activeSlot]: 100 } : {};
  const instances = settings.target.instances ?? [];
  return Object.fromEntries(instances.map((instance) => [instance, Math.round(100 / instances.length)]));
}

/** nginx: the upstream file as written (`server ADDR weight=N;`), in percent per slot or instance. */
function readWeights(settings: DeploySettings, state: EnvironmentState, workspace: string): WeightsView {
  const recorded = recordedWeights(settings, state);
  const { router } = settings;
  if (router.kind !== 'nginx') {
    const note = router.kind === 'none' ? 'no router' : 'a command router cannot be read back';
    return { source: 'record', weights: recorded, note };
  }
  const fs = process.getBuiltinModule('node:fs') as typeof Fs;
  const path = isAbsolute(router.upstreamFile) ? router.upstreamFile : resolve(workspace, router.upstreamFile);
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { source: 'record', weights: recorded, note: `${router.upstreamFile} is ${code}` };
  }
  const servers = [...text.matchAll(/^\s*server\s+(\S+?)(?:\s+weight=(\d+))?\s*;/gm)].map((match) => ({
    address: match[1] ?? '',
    weight: Number(match[2] ?? '1'),
  }));
  return { source: 'router', weights: percentages(settings, servers) };
}

function percentages(
  settings: DeploySettings,
  servers: ReadonlyArray<{ address: string; weight: number }>,
): Record<string, number> {
  const total = servers.reduce((sum, server) => sum + server.weight, 0) || 1;
  const share = (addresses: readonly string[]): number =>
    Math.round(
      (servers.filter((server) => addresses.includes(server.address)).reduce((sum, s) => sum + s.weight, 0) * 100) /
        total,
    );
  const slots = settings.target.slots;
  if (settings.strategy !== 'rolling' && slots) {
    return Object.fromEntries(SLOTS.map((slot) => [slot, share(slots[slot])]).filter(([, weight]) => weight !== 0));
  }
  return Object.fromEntries((settings.target.instances ?? []).map((instance) => [instance, share([instance])]));
}

/** Where the router's traffic differs from the record (a killed run's split, a hand edit). */
function driftOf(settings: DeploySettings, state: EnvironmentState, weights: WeightsView): string[] {
  if (weights.source !== 'router') return [];
  const recorded = recordedWeights(settings, state);
  const names = [...new Set([...Object.keys(recorded), ...Object.keys(weights.weights)])];
  const differs = names.some((name) => Math.abs((recorded[name] ?? 0) - (weights.weights[name] ?? 0)) > 1);
  if (!differs || Object.keys(recorded).length === 0) return [];
  const show = (w: Record<string, number>): string =>
    Object.entries(w)
      .map(([name, weight]) => `${name}=${weight}%`)
      .join(' ') || 'nothing';
  return [
    `the router sends ${show(weights.weights)}; the record says ${show(recorded)} (a run killed mid-change? 'shipgate rollback' re-applies the stable route)`,
  ];
}

/** The store's lock, with whether its holder still runs (one `liveness()` for status, unlock and the file store). */
async function readLock(store: StateStore, key: StateKey): Promise<LockView | null> {
  const lock = await store.readLock(key);
  if (!lock) return null;
  const { holder, since, expiresAt } = lock;
  return { holder, since, ...(expiresAt ? { expiresAt } : {}), ...liveness(lock, expiresAt) };
}

/** Re-exported where `status` has always had it. */
export { liveness };
