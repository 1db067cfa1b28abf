import type { ActionRuntime } from '../core/action-runtime.js';
import type { StateKind } from '../deploy/deploy-inputs.js';
import type { DeploySettings } from '../deploy/settings.js';
import type { EnvironmentState, HistoryEntry } from '../state/ports.js';
import type { Route } from '../target/ports.js';

/**
 * What the deploy's main step saves (GITHUB_STATE) for its post step, which runs even when the main step
 * was killed or cancelled (`post-if: always()`). The post step uses only this (and the state store): it
 * does not read the inputs or the config again, which could have changed or name another version by then.
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
  /**
   * JSON of SavedOutcome, once every step ran: traffic is where it stays, so the post step never routes;
   * it only records the outcome if the main step could not.
   */
  outcome: 'shipgate-outcome',
} as const;

type StateBody = Omit<EnvironmentState, 'history'>;

/** The outcome of a deploy whose steps all ran, as the post step records it if the main step could not. */
export interface SavedOutcome {
  readonly entry: HistoryEntry;
  readonly before: StateBody;
  readonly after: StateBody;
}

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
  /** The file store's file (older saved settings: none, and the post step records nothing in it). */
  readonly stateFile?: string;
}

/** What the post step found saved: nothing, a finished deploy, one stopped mid-change, or one whose record failed. */
export type SavedDeploy =
  | { readonly kind: 'none'; readonly settings: PostSettings | null }
  | { readonly kind: 'finished' }
  | {
      readonly kind: 'stopped';
      readonly settings: PostSettings;
      readonly deploymentId: string;
      readonly stableRoute: Route | null;
      readonly slot: string;
    }
  | {
      readonly kind: 'unrecorded';
      readonly settings: PostSettings;
      readonly deploymentId: string;
      readonly outcome: SavedOutcome;
    };

export function savePostSettings(
  runtime: ActionRuntime,
  settings: DeploySettings,
  state: StateKind,
  stateFile?: string,
): void {
  const { service, environment, version, strategy, phase, router } = settings;
  const saved: PostSettings = {
    service,
    environment,
    version,
    strategy,
    phase,
    router,
    state,
    ...(stateFile ? { stateFile } : {}),
  };
  runtime.saveState(POST_STATE.settings, JSON.stringify(saved));
}

export function readSavedDeploy(runtime: ActionRuntime): SavedDeploy {
  if (runtime.getState(POST_STATE.finished) === 'true') return { kind: 'finished' };
  const deploymentId = runtime.getState(POST_STATE.deploymentId);
  const stableRoute = runtime.getState(POST_STATE.stableRoute);
  const rawSettings = runtime.getState(POST_STATE.settings);
  const settings = rawSettings ? (JSON.parse(rawSettings) as PostSettings) : null;
  // Nothing began as far as the saved state knows (the store may still hold a deployment of this run).
  if ((!deploymentId && !stableRoute) || !settings) return { kind: 'none', settings };
  const outcome = runtime.getState(POST_STATE.outcome);
  if (outcome) return { kind: 'unrecorded', settings, deploymentId, outcome: JSON.parse(outcome) as SavedOutcome };
  return {
    kind: 'stopped',
    settings,
    deploymentId,
    stableRoute: stableRoute ? (JSON.parse(stableRoute) as Route) : null,
    slot: runtime.getState(POST_STATE.slot),
  };
}
