import { ShipgateError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { CommentRecord, IssuePort, IssueRecord, LabelSpec } from '../incident/issue-port.js';
import type { Octokit } from './octokit.js';
import { createOctokit, explainGitHubError } from './octokit.js';

const PERMISSION = 'issues: write';

export interface GitHubIssuesOptions {
  readonly token: string;
  /** GITHUB_API_URL; the emulator's address in tests. */
  readonly baseUrl: string;
  readonly owner: string;
  readonly repo: string;
  readonly logger: Logger;
  /** Retries of a 5xx or a rate-limited request (default 3). */
  readonly retries?: number;
}

/** The incident engine's issues, through Octokit (retrying 5xx and rate limits). */
export function createGitHubIssues(options: GitHubIssuesOptions): IssuePort {
  return gitHubIssues(createOctokit(options), options.owner, options.repo);
}

interface RawIssue {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  labels: Array<string | { name?: string | null }>;
  assignees?: Array<{ login: string } | null> | null;
  created_at: string;
  pull_request?: unknown;
}

interface RawComment {
  id: number;
  html_url: string;
  body?: string | null;
  created_at: string;
}

function toIssue(raw: RawIssue): IssueRecord {
  return {
    number: raw.number,
    url: raw.html_url,
    title: raw.title,
    body: raw.body ?? '',
    labels: raw.labels.flatMap((label) => {
      const name = typeof label === 'string' ? label : label.name;
      return name ? [name] : [];
    }),
    assignees: (raw.assignees ?? []).flatMap((user) => (user ? [user.login] : [])),
    createdAt: raw.created_at,
  };
}

function toComment(raw: RawComment): CommentRecord {
  return { id: raw.id, url: raw.html_url, body: raw.body ?? '', createdAt: raw.created_at };
}

interface Repository {
  readonly octokit: Octokit;
  readonly owner: string;
  readonly repo: string;
  readonly where: string;
  /** Runs one request; a failure becomes one line naming what it tried. */
  call<T>(what: string, run: () => Promise<T>): Promise<T>;
}

export function gitHubIssues(octokit: Octokit, owner: string, repo: string): IssuePort {
  const where = `${owner}/${repo}`;
  /** A 403 names the permission; 410 means issues are turned off in the repository. */
  const explain = (error: unknown, what: string): unknown => {
    if ((error as { status?: number } | null)?.status === 410) {
      return new ShipgateError('issues-disabled', `GitHub refused to ${what}: issues are disabled in ${where}`, {
        cause: error,
      });
    }
    return explainGitHubError(error, PERMISSION, what);
  };
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw explain(error, what);
    }
  };
  const at: Repository = { octokit, owner, repo, where, call };
  return { ...issueReads(at), ...issueWrites(at), ensureLabels: (labels) => ensureLabels(at, labels) };
}

function issueReads({
  octokit,
  owner,
  repo,
  where,
  call,
}: Repository): Pick<IssuePort, 'listOpenIssues' | 'listComments'> {
  return {
    listOpenIssues: (label) =>
      call(`list the open issues labelled '${label}' in ${where}`, async () => {
        const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
          owner,
          repo,
          state: 'open',
          labels: label,
          per_page: 100,
        });
        return (issues as RawIssue[])
          .filter((issue) => issue.pull_request === undefined || issue.pull_request === null)
          .map(toIssue);
      }),
    listComments: (issueNumber) =>
      call(`list the comments of issue #${issueNumber} in ${where}`, async () => {
        const comments = await octokit.paginate(octokit.rest.issues.listComments, {
          owner,
          repo,
          issue_number: issueNumber,
          per_page: 100,
        });
        return (comments as RawComment[]).map(toComment);
      }),
  };
}

function issueWrites(at: Repository): Omit<IssuePort, 'listOpenIssues' | 'listComments' | 'ensureLabels'> {
  const { octokit, owner, repo, where, call } = at;
  return {
    createIssue: (issue) =>
      call(`create an issue in ${where}`, async () => {
        const { title, body } = issue;
        const { data } = await octokit.rest.issues.create({ owner, repo, title, body, labels: [...issue.labels] });
        return toIssue(data as RawIssue);
      }),
    updateIssue: (issueNumber, changes) =>
      call(`update issue #${issueNumber} in ${where}`, async () => {
        await octokit.rest.issues.update({
          owner,
          repo,
          issue_number: issueNumber,
          ...(changes.title !== undefined ? { title: changes.title } : {}),
          ...(changes.body !== undefined ? { body: changes.body } : {}),
          ...(changes.labels !== undefined ? { labels: [...changes.labels] } : {}),
        });
      }),
    ...issueEdits(at),
  };
}

function issueEdits({
  octokit,
  owner,
  repo,
  where,
  call,
}: Repository): Pick<IssuePort, 'updateComment' | 'closeIssue' | 'addComment' | 'addAssignees'> {
  return {
    updateComment: (commentId, body) =>
      call(`update comment ${commentId} in ${where}`, async () => {
        await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
      }),
    closeIssue: (issueNumber) =>
      call(`close issue #${issueNumber} in ${where}`, async () => {
        const closed = { state: 'closed', state_reason: 'completed' } as const;
        await octokit.rest.issues.update({ owner, repo, issue_number: issueNumber, ...closed });
      }),
    addComment: (issueNumber, body) =>
      call(`comment on issue #${issueNumber} in ${where}`, async () => {
        const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
        return toComment(data as RawComment);
      }),
    addAssignees: (issueNumber, assignees) =>
      call(`assign issue #${issueNumber} in ${where}`, async () => {
        await octokit.rest.issues.addAssignees({ owner, repo, issue_number: issueNumber, assignees: [...assignees] });
      }),
  };
}

async function ensureLabels({ octokit, owner, repo, where, call }: Repository, labels: readonly LabelSpec[]) {
  if (labels.length === 0) return;
  // One read instead of a write per label: plugin-throttling spaces writes at least a second apart.
  const existing = await call(`list the labels of ${where}`, () =>
    octokit.paginate(octokit.rest.issues.listLabelsForRepo, { owner, repo, per_page: 100 }),
  );
  const have = new Set(existing.map((label) => label.name.toLowerCase()));
  for (const label of labels.filter((l) => !have.has(l.name.toLowerCase()))) {
    await call(`create the label '${label.name}' in ${where}`, async () => {
      try {
        const description = label.description ? { description: label.description } : {};
        await octokit.rest.issues.createLabel({ owner, repo, name: label.name, color: label.color, ...description });
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
      }
    });
  }
}

/** GitHub answers 422 with `errors: [{ code: 'already_exists' }]` for a label that is there already. */
function isAlreadyExists(error: unknown): boolean {
  const e = error as { status?: number; response?: { data?: { errors?: Array<{ code?: string }> } } } | null;
  return e?.status === 422 && (e.response?.data?.errors ?? []).some((item) => item.code === 'already_exists');
}
