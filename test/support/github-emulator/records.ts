/**
 * What the emulator remembers. Field names are GitHub's own (snake_case), so a record reads like the
 * object GitHub returns and rendering one is a small mapping: users are kept as logins, labels as names.
 */

export type Permission = 'issues' | 'pull_requests' | 'statuses' | 'deployments' | 'contents' | 'metadata';
export type Access = 'read' | 'write';

export type IssueState = 'open' | 'closed';
export type IssueStateReason = 'completed' | 'reopened' | 'not_planned' | 'duplicate';
export type CommitState = 'error' | 'failure' | 'pending' | 'success';
export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

export const DEPLOYMENT_STATES: readonly DeploymentState[] = [
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success',
];

export interface IssueRecord {
  id: number;
  node_id: string;
  /** Shared with pull requests: a seeded pull request has an issue record with the same number. */
  number: number;
  title: string;
  body: string | null;
  state: IssueState;
  state_reason: IssueStateReason | null;
  /** Label names, in the order they were added; each one is also in `state.labels`. */
  labels: string[];
  /** Logins. */
  assignees: string[];
  /** Login of the author. */
  user: string;
  comments: number;
  locked: boolean;
  /** True for the issue half of a pull request (GitHub's list shows it with a `pull_request` key). */
  pull_request: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
}

export interface CommentRecord {
  id: number;
  node_id: string;
  issue_number: number;
  body: string;
  /** Login of the author. */
  user: string;
  created_at: string;
  updated_at: string;
}

export interface LabelRecord {
  id: number;
  node_id: string;
  name: string;
  /** Six hex digits, no `#`. */
  color: string;
  description: string | null;
  default: boolean;
}

export interface StatusRecord {
  id: number;
  node_id: string;
  sha: string;
  state: CommitState;
  description: string | null;
  target_url: string | null;
  context: string;
  /** Login of the creator. */
  creator: string;
  created_at: string;
  updated_at: string;
}

export interface DeploymentRecord {
  id: number;
  node_id: string;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  /** The environment the deployment was created for; `environment` follows later statuses. */
  original_environment: string;
  environment: string;
  description: string | null;
  /** Login of the creator. */
  creator: string;
  created_at: string;
  updated_at: string;
  transient_environment: boolean;
  production_environment: boolean;
}

export interface DeploymentStatusRecord {
  id: number;
  node_id: string;
  deployment_id: number;
  state: DeploymentState;
  description: string;
  environment: string;
  /** Legacy alias GitHub keeps equal to log_url when log_url is given. */
  target_url: string;
  log_url: string;
  environment_url: string;
  /** Login of the creator. */
  creator: string;
  created_at: string;
  updated_at: string;
}

/**
 * A pull request's own fields. Its title, body, state, labels and assignees live on the issue record
 * with the same number (as on GitHub, where they are shared), and are rendered from there.
 */
export interface PullRecord {
  id: number;
  node_id: string;
  number: number;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  draft: boolean;
  merged: boolean;
}

export interface EmulatorState {
  issues: IssueRecord[];
  comments: CommentRecord[];
  labels: LabelRecord[];
  statuses: StatusRecord[];
  deployments: DeploymentRecord[];
  deploymentStatuses: DeploymentStatusRecord[];
  pulls: PullRecord[];
}
