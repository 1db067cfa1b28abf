import type { Logger } from '../core/logger.js';
import type { Octokit } from './octokit.js';
import { createOctokit, explainGitHubError } from './octokit.js';

const PERMISSION = 'deployments: write';

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

/** A deployment as the state store reads it. */
export interface DeploymentRecord {
  readonly id: number;
  readonly environment: string;
  readonly task: string;
  readonly ref: string;
  readonly sha: string;
  readonly payload: unknown;
  readonly description: string | null;
  readonly createdAt: string;
}

export interface DeploymentStatusRecord {
  readonly id: number;
  readonly state: DeploymentState;
  readonly description: string;
  readonly logUrl: string;
  readonly environmentUrl: string;
  readonly createdAt: string;
}

export interface NewDeployment {
  readonly ref: string;
  readonly environment: string;
  readonly task: string;
  readonly payload: Record<string, unknown>;
  readonly description: string;
  readonly productionEnvironment: boolean;
}

export interface NewDeploymentStatus {
  readonly state: DeploymentState;
  readonly description: string;
  readonly logUrl?: string;
  readonly environmentUrl?: string;
}

/** Which deployments to list: filtered on the server by `task`, and only the newest `limit` (one page, ≤ 100). */
export interface DeploymentFilter {
  readonly task?: string;
  readonly limit?: number;
}

/**
 * The few Deployments API calls the `github` state store makes. Deployments come newest first: with a
 * `limit`, one page of that many; without, every page. Statuses: every page, newest first.
 */
export interface DeploymentsPort {
  listDeployments(environment: string, filter?: DeploymentFilter): Promise<DeploymentRecord[]>;
  listStatuses(deploymentId: number): Promise<DeploymentStatusRecord[]>;
  createDeployment(deployment: NewDeployment): Promise<DeploymentRecord>;
  createStatus(deploymentId: number, status: NewDeploymentStatus): Promise<DeploymentStatusRecord>;
}

export interface GitHubDeploymentsOptions {
  readonly token: string;
  /** GITHUB_API_URL; the emulator's address in tests. */
  readonly baseUrl: string;
  readonly owner: string;
  readonly repo: string;
  readonly logger: Logger;
  readonly retries?: number;
}

/** The Deployments API through Octokit (retrying 5xx and rate limits); a missing permission is named. */
export function createGitHubDeployments(options: GitHubDeploymentsOptions): DeploymentsPort {
  return gitHubDeployments(createOctokit(options), options.owner, options.repo);
}

interface RawDeployment {
  id: number;
  environment: string;
  task: string;
  ref: string;
  sha: string;
  payload: unknown;
  description?: string | null;
  created_at: string;
}

interface RawStatus {
  id: number;
  state: string;
  description?: string | null;
  log_url?: string;
  target_url?: string;
  environment_url?: string;
  created_at: string;
}

const toDeployment = (raw: RawDeployment): DeploymentRecord => ({
  id: raw.id,
  environment: raw.environment,
  task: raw.task,
  ref: raw.ref,
  sha: raw.sha,
  payload: raw.payload,
  description: raw.description ?? null,
  createdAt: raw.created_at,
});

const toStatus = (raw: RawStatus): DeploymentStatusRecord => ({
  id: raw.id,
  state: raw.state as DeploymentState,
  description: raw.description ?? '',
  logUrl: raw.log_url ?? raw.target_url ?? '',
  environmentUrl: raw.environment_url ?? '',
  createdAt: raw.created_at,
});

interface Repository {
  readonly octokit: Octokit;
  readonly owner: string;
  readonly repo: string;
}

export function gitHubDeployments(octokit: Octokit, owner: string, repo: string): DeploymentsPort {
  const where = `${owner}/${repo}`;
  const at: Repository = { octokit, owner, repo };
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw explainGitHubError(error, PERMISSION, what);
    }
  };
  return {
    listDeployments: (environment, filter = {}) =>
      call(`list the deployments of environment '${environment}' in ${where}`, () =>
        listDeployments(at, environment, filter),
      ),
    listStatuses: (deploymentId) =>
      call(`list the statuses of deployment ${deploymentId} in ${where}`, () => listStatuses(at, deploymentId)),
    createDeployment: (deployment) =>
      call(`create a deployment to '${deployment.environment}' in ${where}`, () => createDeployment(at, deployment)),
    createStatus: (deploymentId, status) =>
      call(`set the status of deployment ${deploymentId} in ${where} to ${status.state}`, () =>
        createStatus(at, deploymentId, status),
      ),
  };
}

async function listDeployments({ octokit, owner, repo }: Repository, environment: string, filter: DeploymentFilter) {
  const params = { owner, repo, environment, ...(filter.task ? { task: filter.task } : {}) };
  // GitHub lists deployments newest first: the newest `limit` are the first page of that size.
  const deployments =
    filter.limit !== undefined
      ? (await octokit.rest.repos.listDeployments({ ...params, per_page: Math.min(100, filter.limit) })).data
      : await octokit.paginate(octokit.rest.repos.listDeployments, { ...params, per_page: 100 });
  return (deployments as RawDeployment[]).map(toDeployment).sort((a, b) => b.id - a.id);
}

async function listStatuses({ octokit, owner, repo }: Repository, deploymentId: number) {
  const statuses = await octokit.paginate(octokit.rest.repos.listDeploymentStatuses, {
    owner,
    repo,
    deployment_id: deploymentId,
    per_page: 100,
  });
  return (statuses as RawStatus[]).map(toStatus).sort((a, b) => b.id - a.id);
}

async function createDeployment({ octokit, owner, repo }: Repository, deployment: NewDeployment) {
  const response = await octokit.rest.repos.createDeployment({
    owner,
    repo,
    ref: deployment.ref,
    environment: deployment.environment,
    task: deployment.task,
    payload: deployment.payload as { [key: string]: unknown },
    description: deployment.description,
    auto_merge: false,
    required_contexts: [],
    production_environment: deployment.productionEnvironment,
    transient_environment: false,
  });
  if (response.status !== 201) {
    // 202: GitHub merged the default branch first ("Auto-merged ... "); auto_merge is off, so never expected.
    throw new Error(
      `GitHub answered ${response.status} without creating a deployment: ${JSON.stringify(response.data).slice(0, 200)}`,
    );
  }
  return toDeployment(response.data as RawDeployment);
}

async function createStatus({ octokit, owner, repo }: Repository, deploymentId: number, status: NewDeploymentStatus) {
  const { data } = await octokit.rest.repos.createDeploymentStatus({
    owner,
    repo,
    deployment_id: deploymentId,
    state: status.state,
    description: status.description.slice(0, 140),
    ...(status.logUrl ? { log_url: status.logUrl } : {}),
    ...(status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
    // The store marks the previous deployment inactive itself, per service (GitHub's own rule is per
    // environment and skips production).
    auto_inactive: false,
  });
  return toStatus(data as RawStatus);
}
