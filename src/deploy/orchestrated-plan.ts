import { formatDuration } from '../core/duration.js';
import type { EnvironmentState } from '../state/ports.js';
import { hookSteps, type Plan, type Step } from './plan.js';
import type { DeploySettings } from './settings.js';

/**
 * Rolling on an orchestrator (swarm): one step hands the whole service to the orchestrator's own rolling
 * update (batch → parallelism, pause → delay), gated on the service's addresses while it runs; then the
 * addresses are gated, watched for health.duration, and the version becomes active. The preflight hook
 * runs before the update and after-traffic after the watch, as in rolling; before-traffic has no moment
 * here (the orchestrator puts each task into service itself) and is refused by the config. Pure.
 */
export function orchestratedRollingPlan(settings: DeploySettings, state: EnvironmentState): Plan {
  const target = settings.target;
  const service = target.kind === 'swarm' ? (target.service ?? '') : '';
  const addresses = target.instances ?? [];
  const version = settings.version;
  const steps: Step[] = [
    ...hookSteps(settings, 'preflight', { version, addresses: [...addresses], instances: [...addresses] }),
    {
      kind: 'deploy',
      name: `update ${service} to ${version} (Swarm rolling update, gated while it runs)`,
      version,
      addresses,
      instances: addresses,
      orchestrated: true,
    },
    { kind: 'gate', name: `gate ${service} after the update`, version, addresses, mode: 'preview', watchMs: 0 },
  ];
  if (settings.health.promotionWatchMs > 0) {
    steps.push({
      kind: 'gate',
      name: `watch ${service} for ${formatDuration(settings.health.promotionWatchMs)}`,
      version,
      addresses,
      mode: 'watch',
      watchMs: settings.health.promotionWatchMs,
    });
  }
  steps.push(
    ...hookSteps(settings, 'after-traffic', { version, addresses: [...addresses], instances: [...addresses] }),
    { kind: 'activate', name: `make ${version} active`, version },
  );
  return {
    strategy: 'rolling',
    phase: 'full',
    version,
    previousVersion: state.activeVersion,
    stableSlot: null,
    newSlot: null,
    steps,
  };
}
