/** What the engine knows about the run it is part of; built by a runtime from the environment. */
export interface RunContext {
  /** `owner/repo`, when known. */
  readonly repository?: { readonly owner: string; readonly repo: string };
  /** The commit the run is for: a pull request's head commit on pull_request events. */
  readonly sha?: string;
  readonly pullRequest?: { readonly number: number; readonly headSha?: string };
  readonly eventName?: string;
  readonly workflow?: string;
  readonly job?: string;
  readonly runId?: string;
  readonly runAttempt?: string;
  /** Link to the run's page, for commit statuses, comments and deployment logs. */
  readonly runUrl?: string;
  readonly apiUrl: string;
  readonly serverUrl: string;
  /** Where hooks run and relative paths resolve: GITHUB_WORKSPACE, or the working directory. */
  readonly workspace: string;
  /** True inside GitHub Actions. */
  readonly inActions: boolean;
}
