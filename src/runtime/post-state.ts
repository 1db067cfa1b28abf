import type { ActionRuntime } from '../core/action-runtime.js';
import type { StateKind } from '../deploy/deploy-inputs.js';
import type { DeploySettings } from '../deploy/settings.js';
import type { Route } from '../target/ports.js';

/**
 * What the deploy's main step saves (GITHUB_STATE) for its post step, which runs even when the main step
 * was killed or cancelled (`post-if: always()`). The post step uses only this: it does not read the
 * inputs or the config again, which could have changed or name another version by then.
 */
export const POST_STATE = {
  /** JSON of PostSettings, saved as soon as the settings are resolved. */
  settings: 'shipgate-settings',
  /** The state store's id of the deploy (the GitHub deployment); empty with the file store. */
  deploymentId: 'shipgate-deployment-id',
  /** `true` once the main step recorded the outcome: the post step then has nothing to do. */
  finished: 'shipgate-finished',
  /** JSON of the route that puts all traffic back on the stable version. */
  stableRoute: 'shipgate-stable-route',
  /** The slot the new version went to (blue-green, canary). */
  slot: 'shipgate-slot',
} as const;

/** The part of a deploy's settings its post step needs: the router and the values its hooks get. */
export interface PostSettings {
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly strategy: DeploySettings['strategy'];
  readonly phase: DeploySettings['phase'];
  readonly router: DeploySettings['router'];
  /** The state store the deploy used (the post step finalises a GitHub deployment only with `github`). */
  readonly state: StateKind;
}

/** What the post step found saved: nothing, a finished deploy, or one stopped mid-change. */
export type SavedDeploy =
  | { readonly kind: 'none' }
  | { readonly kind: 'finished' }
  | {
      readonly kind: 'stopped';
      readonly settings: PostSettings;
      readonly deploymentId: string;
      readonly stableRoute: Route | null;
      readonly slot: string;
    };

export function savePostSettings(runtime: ActionRuntime, settings: DeploySettings, state: StateKind): void {
  const { service, environment, version, strategy, phase, router } = settings;
  const saved: PostSettings = { service, environment, version, strategy, phase, router, state };
  runtime.saveState(POST_STATE.settings, JSON.stringify(saved));
}

export function readSavedDeploy(runtime: ActionRuntime): SavedDeploy {
  if (runtime.getState(POST_STATE.finished) === 'true') return { kind: 'finished' };
  const deploymentId = runtime.getState(POST_STATE.deploymentId);
  const stableRoute = runtime.getState(POST_STATE.stableRoute);
  const settings = runtime.getState(POST_STATE.settings);
  // Nothing began (the main step failed before the deploy was recorded): nothing to put back.
  if ((!deploymentId && !stableRoute) || !settings) return { kind: 'none' };
  return {
    kind: 'stopped',
    settings: JSON.parse(settings) as PostSettings,
    deploymentId,
    stableRoute: stableRoute ? (JSON.parse(stableRoute) as Route) : null,
    slot: runtime.getState(POST_STATE.slot),
  };
}
