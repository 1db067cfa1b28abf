/**
 * Records → the JSON GitHub sends. API URLs point at the emulator (a client that follows `url` stays on
 * it); browser URLs (`html_url`) point at github.com, as they would in a real run.
 */
import { createHash } from 'node:crypto';
import type {
  CommentRecord,
  DeploymentRecord,
  DeploymentStatusRecord,
  IssueRecord,
  LabelRecord,
  PullRecord,
  StatusRecord,
} from './records.js';

export interface RenderContext {
  /** The emulator's base URL, no trailing slash. */
  readonly api: string;
  readonly owner: string;
  readonly repo: string;
  readonly labels: readonly LabelRecord[];
  /** The repository's creation time, for the repository object. */
  readonly repoCreatedAt: string;
}

const WEB = 'https://github.com';
/** GITHUB_TOKEN acts as this app user; its id is GitHub's real one. */
export const ACTIONS_BOT = 'github-actions[bot]';
const ACTIONS_BOT_ID = 41898282;

export function userId(login: string): number {
  if (login === ACTIONS_BOT) return ACTIONS_BOT_ID;
  return 1_000_000 + (createHash('sha1').update(login).digest().readUInt32BE(0) % 9_000_000);
}

export function renderUser(
  ctx: RenderContext,
  login: string,
  type: 'User' | 'Bot' | 'Organization' = login.endsWith('[bot]') ? 'Bot' : 'User',
) {
  const id = userId(login);
  const url = `${ctx.api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: `${type === 'Bot' ? 'BOT' : type === 'Organization' ? 'O' : 'U'}_kgDO${id}`,
    avatar_url: `https://avatars.githubusercontent.com/${type === 'Bot' ? 'in/15368' : `u/${id}`}?v=4`,
    gravatar_id: '',
    url,
    html_url: type === 'Bot' ? `${WEB}/apps/${login.replace(/\[bot\]$/, '')}` : `${WEB}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function repoUrl(ctx: RenderContext): string {
  return `${ctx.api}/repos/${ctx.owner}/${ctx.repo}`;
}

export function repoId(ctx: RenderContext): number {
  return 500_000_000 + userId(`${ctx.owner}/${ctx.repo}`);
}

export function renderRepository(ctx: RenderContext) {
  const url = repoUrl(ctx);
  const html = `${WEB}/${ctx.owner}/${ctx.repo}`;
  const id = repoId(ctx);
  return {
    id,
    node_id: `R_kgDO${id}`,
    name: ctx.repo,
    full_name: `${ctx.owner}/${ctx.repo}`,
    owner: renderUser(ctx, ctx.owner, 'Organization'),
    private: true,
    html_url: html,
    description: null,
    fork: false,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `git://github.com/${ctx.owner}/${ctx.repo}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@github.com:${ctx.owner}/${ctx.repo}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: `${url}/hooks`,
    svn_url: html,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 1024,
    default_branch: 'main',
    open_issues_count: 0,
    open_issues: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    pushed_at: ctx.repoCreatedAt,
    created_at: ctx.repoCreatedAt,
    updated_at: ctx.repoCreatedAt,
    allow_forking: false,
    web_commit_signoff_required: false,
    license: null,
  };
}

export function renderLabel(ctx: RenderContext, label: LabelRecord) {
  return {
    id: label.id,
    node_id: label.node_id,
    url: `${repoUrl(ctx)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: label.default,
  };
}

function labelsOf(ctx: RenderContext, names: readonly string[]) {
  const out = [];
  for (const name of names) {
    const label = ctx.labels.find((l) => l.name === name);
    if (label !== undefined) out.push(renderLabel(ctx, label));
  }
  return out;
}

const NO_REACTIONS = {
  total_count: 0,
  '+1': 0,
  '-1': 0,
  laugh: 0,
  hooray: 0,
  confused: 0,
  heart: 0,
  rocket: 0,
  eyes: 0,
};

function reactions(url: string) {
  return { url: `${url}/reactions`, ...NO_REACTIONS };
}

function authorAssociation(login: string): 'CONTRIBUTOR' | 'MEMBER' {
  return login.endsWith('[bot]') ? 'CONTRIBUTOR' : 'MEMBER';
}

export function renderIssue(ctx: RenderContext, issue: IssueRecord, options: { closedBy?: boolean } = {}) {
  const url = `${repoUrl(ctx)}/issues/${issue.number}`;
  const html = `${WEB}/${ctx.owner}/${ctx.repo}/${issue.pull_request ? 'pull' : 'issues'}/${issue.number}`;
  const assignees = issue.assignees.map((login) => renderUser(ctx, login));
  return {
    url,
    repository_url: repoUrl(ctx),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    id: issue.id,
    node_id: issue.node_id,
    number: issue.number,
    title: issue.title,
    user: renderUser(ctx, issue.user),
    labels: labelsOf(ctx, issue.labels),
    state: issue.state,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: issue.comments,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: authorAssociation(issue.user),
    active_lock_reason: null,
    ...(issue.pull_request
      ? {
          draft: false,
          pull_request: {
            url: `${repoUrl(ctx)}/pulls/${issue.number}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: null,
          },
        }
      : {}),
    body: issue.body,
    ...(options.closedBy === true
      ? { closed_by: issue.closed_by === null ? null : renderUser(ctx, issue.closed_by) }
      : {}),
    reactions: reactions(url),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.state_reason,
  };
}

export function renderComment(ctx: RenderContext, comment: CommentRecord) {
  const url = `${repoUrl(ctx)}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `${WEB}/${ctx.owner}/${ctx.repo}/issues/${comment.issue_number}#issuecomment-${comment.id}`,
    issue_url: `${repoUrl(ctx)}/issues/${comment.issue_number}`,
    id: comment.id,
    node_id: comment.node_id,
    user: renderUser(ctx, comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: authorAssociation(comment.user),
    body: comment.body,
    reactions: reactions(url),
    performed_via_github_app: null,
  };
}

export function renderStatus(ctx: RenderContext, status: StatusRecord) {
  const creator = renderUser(ctx, status.creator);
  return {
    url: `${repoUrl(ctx)}/statuses/${status.sha}`,
    avatar_url: creator.avatar_url,
    id: status.id,
    node_id: status.node_id,
    state: status.state,
    description: status.description,
    target_url: status.target_url,
    context: status.context,
    created_at: status.created_at,
    updated_at: status.updated_at,
    creator,
  };
}

export function renderCombinedStatus(
  ctx: RenderContext,
  sha: string,
  state: string,
  latest: readonly StatusRecord[],
  totalCount: number,
) {
  return {
    state,
    statuses: latest.map((status) => {
      const { creator: _creator, ...simple } = renderStatus(ctx, status);
      return simple;
    }),
    sha,
    total_count: totalCount,
    repository: renderRepository(ctx),
    commit_url: `${repoUrl(ctx)}/commits/${sha}`,
    url: `${repoUrl(ctx)}/commits/${sha}/status`,
  };
}

export function renderDeployment(ctx: RenderContext, deployment: DeploymentRecord) {
  const url = `${repoUrl(ctx)}/deployments/${deployment.id}`;
  return {
    url,
    id: deployment.id,
    node_id: deployment.node_id,
    task: deployment.task,
    original_environment: deployment.original_environment,
    environment: deployment.environment,
    description: deployment.description,
    created_at: deployment.created_at,
    updated_at: deployment.updated_at,
    statuses_url: `${url}/statuses`,
    repository_url: repoUrl(ctx),
    creator: renderUser(ctx, deployment.creator),
    sha: deployment.sha,
    ref: deployment.ref,
    payload: deployment.payload,
    transient_environment: deployment.transient_environment,
    production_environment: deployment.production_environment,
    performed_via_github_app: null,
  };
}

export function renderDeploymentStatus(ctx: RenderContext, status: DeploymentStatusRecord) {
  const deploymentUrl = `${repoUrl(ctx)}/deployments/${status.deployment_id}`;
  return {
    url: `${deploymentUrl}/statuses/${status.id}`,
    id: status.id,
    node_id: status.node_id,
    state: status.state,
    creator: renderUser(ctx, status.creator),
    description: status.description,
    environment: status.environment,
    target_url: status.target_url,
    created_at: status.created_at,
    updated_at: status.updated_at,
    deployment_url: deploymentUrl,
    repository_url: repoUrl(ctx),
    environment_url: status.environment_url,
    log_url: status.log_url,
    performed_via_github_app: null,
  };
}

export function renderPull(ctx: RenderContext, pull: PullRecord, issue: IssueRecord) {
  const url = `${repoUrl(ctx)}/pulls/${pull.number}`;
  const html = `${WEB}/${ctx.owner}/${ctx.repo}/pull/${pull.number}`;
  const issueUrl = `${repoUrl(ctx)}/issues/${pull.number}`;
  const statusesUrl = `${repoUrl(ctx)}/statuses/${pull.head.sha}`;
  const assignees = issue.assignees.map((login) => renderUser(ctx, login));
  const side = (s: { ref: string; sha: string }) => ({
    label: `${ctx.owner}:${s.ref}`,
    ref: s.ref,
    sha: s.sha,
    user: renderUser(ctx, ctx.owner, 'Organization'),
    repo: renderRepository(ctx),
  });
  return {
    url,
    id: pull.id,
    node_id: pull.node_id,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoUrl(ctx)}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: statusesUrl,
    number: pull.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: renderUser(ctx, issue.user),
    body: issue.body,
    labels: labelsOf(ctx, issue.labels),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    merged_at: null,
    merge_commit_sha: null,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: [],
    requested_teams: [],
    head: side(pull.head),
    base: side(pull.base),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${repoUrl(ctx)}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: statusesUrl },
    },
    author_association: authorAssociation(issue.user),
    auto_merge: null,
    draft: pull.draft,
    merged: pull.merged,
    mergeable: true,
    rebaseable: true,
    mergeable_state: 'clean',
    merged_by: null,
    comments: issue.comments,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  };
}

/** `GET /user` for a personal token: the public-user shape (OpenAPI `public-user`). */
export function renderAuthenticatedUser(ctx: RenderContext, login: string) {
  return {
    ...renderUser(ctx, login, 'User'),
    name: login,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2020-01-01T00:00:00Z',
  };
}
