/**
 * The endpoints shipgate calls, keyed by GitHub's own path templates (so each one is also the key of its
 * operation in the OpenAPI description), with the permission a GITHUB_TOKEN needs for it.
 */
import { ApiError, notFound } from './api-error.js';
import type { HttpMethod } from './openapi.js';
import type { Page } from './pagination.js';
import { paginate } from './pagination.js';
import type { Access, CommitState, DeploymentState, IssueRecord, IssueStateReason, Permission } from './records.js';
import type { RenderContext } from './render.js';
import {
  renderCombinedStatus,
  renderComment,
  renderDeployment,
  renderDeploymentStatus,
  renderIssue,
  renderLabel,
  renderPull,
  renderStatus,
} from './render.js';
import type { EmulatedRepository } from './repository.js';
import { toGitHubTime } from './repository.js';

export interface RouteRequest {
  readonly method: HttpMethod;
  /** The request URL, resolved against the emulator's base URL. */
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Login the token acts as. */
  readonly actor: string;
}

export interface RouteReply {
  readonly status: number;
  readonly body?: unknown;
  readonly link?: string;
}

export interface RouteEnv {
  readonly repo: EmulatedRepository;
  readonly render: RenderContext;
  readonly baseUrl: string;
}

export interface Route {
  readonly method: HttpMethod;
  readonly template: string;
  readonly access: Access;
  /** Any one of these, at `access` or better, lets the request through. */
  permissions(request: RouteRequest, env: RouteEnv): readonly Permission[];
  handle(request: RouteRequest, env: RouteEnv): RouteReply;
}

const REPO = '/repos/{owner}/{repo}';

/** Issues and pull requests share numbers; on a pull request's number either permission will do. */
function issuePermissions(number: number | undefined, env: RouteEnv): readonly Permission[] {
  const issue = number === undefined ? undefined : env.repo.findIssue(number);
  return issue?.pull_request === true ? ['issues', 'pull_requests'] : ['issues'];
}

const byIssueNumber = (request: RouteRequest, env: RouteEnv) =>
  issuePermissions(optionalInt(request.params.issue_number), env);
const byCommentId = (request: RouteRequest, env: RouteEnv) => {
  const id = optionalInt(request.params.comment_id);
  const comment = env.repo.state.comments.find((c) => c.id === id);
  return issuePermissions(comment?.issue_number, env);
};
const fixed =
  (...permissions: Permission[]) =>
  () =>
    permissions;

export const ROUTES: readonly Route[] = [
  // ── issues ──
  {
    method: 'GET',
    template: `${REPO}/issues`,
    access: 'read',
    permissions: fixed('issues'),
    handle: (req, env) =>
      list(
        req,
        env,
        filterIssues(env.repo.state.issues, req.url.searchParams).map((i) => renderIssue(env.render, i)),
      ),
  },
  {
    method: 'POST',
    template: `${REPO}/issues`,
    access: 'write',
    permissions: fixed('issues'),
    handle: (req, env) => {
      const body = objectBody(req.body);
      const assignees = [...logins(body.assignees), ...(typeof body.assignee === 'string' ? [body.assignee] : [])];
      const issue = env.repo.createIssue(
        {
          title: String(body.title),
          body: optionalString(body.body) ?? null,
          labels: labelNames(body.labels),
          assignees,
        },
        req.actor,
      );
      return { status: 201, body: renderIssue(env.render, issue) };
    },
  },
  {
    method: 'GET',
    template: `${REPO}/issues/{issue_number}`,
    access: 'read',
    permissions: byIssueNumber,
    handle: (req, env) => ({
      status: 200,
      body: renderIssue(env.render, env.repo.issue(int(req.params.issue_number)), { closedBy: true }),
    }),
  },
  {
    method: 'PATCH',
    template: `${REPO}/issues/{issue_number}`,
    access: 'write',
    permissions: byIssueNumber,
    handle: (req, env) => {
      const body = objectBody(req.body);
      const issue = env.repo.updateIssue(
        int(req.params.issue_number),
        {
          ...(body.title !== undefined && body.title !== null ? { title: String(body.title) } : {}),
          ...('body' in body ? { body: optionalString(body.body) ?? null } : {}),
          ...(body.state === 'open' || body.state === 'closed' ? { state: body.state } : {}),
          ...('state_reason' in body ? { state_reason: (body.state_reason ?? null) as IssueStateReason | null } : {}),
          ...(body.labels !== undefined ? { labels: labelNames(body.labels) } : {}),
          ...(body.assignees !== undefined
            ? { assignees: logins(body.assignees) }
            : 'assignee' in body
              ? { assignees: typeof body.assignee === 'string' ? [body.assignee] : [] }
              : {}),
        },
        req.actor,
      );
      return { status: 200, body: renderIssue(env.render, issue, { closedBy: true }) };
    },
  },
  {
    method: 'POST',
    template: `${REPO}/issues/{issue_number}/labels`,
    access: 'write',
    permissions: byIssueNumber,
    handle: (req, env) => {
      const body = req.body === undefined ? {} : objectBody(req.body);
      const issue = env.repo.addLabels(int(req.params.issue_number), labelNames(body.labels));
      return { status: 200, body: labelsOf(issue, env) };
    },
  },
  {
    method: 'DELETE',
    template: `${REPO}/issues/{issue_number}/labels/{name}`,
    access: 'write',
    permissions: byIssueNumber,
    handle: (req, env) => {
      const issue = env.repo.removeLabel(int(req.params.issue_number), req.params.name ?? '');
      return { status: 200, body: labelsOf(issue, env) };
    },
  },
  {
    method: 'POST',
    template: `${REPO}/issues/{issue_number}/assignees`,
    access: 'write',
    permissions: byIssueNumber,
    handle: (req, env) => {
      const body = req.body === undefined ? {} : objectBody(req.body);
      const issue = env.repo.addAssignees(int(req.params.issue_number), logins(body.assignees));
      return { status: 201, body: renderIssue(env.render, issue) };
    },
  },
  // ── comments ──
  {
    method: 'GET',
    template: `${REPO}/issues/{issue_number}/comments`,
    access: 'read',
    permissions: byIssueNumber,
    handle: (req, env) => {
      const number = int(req.params.issue_number);
      env.repo.issue(number);
      const since = sinceParam(req.url.searchParams);
      const comments = env.repo.state.comments
        .filter((c) => c.issue_number === number && (since === undefined || c.updated_at >= since))
        .sort((a, b) => a.id - b.id);
      return list(
        req,
        env,
        comments.map((c) => renderComment(env.render, c)),
      );
    },
  },
  {
    method: 'POST',
    template: `${REPO}/issues/{issue_number}/comments`,
    access: 'write',
    permissions: byIssueNumber,
    handle: (req, env) => {
      const body = objectBody(req.body);
      const comment = env.repo.createComment(int(req.params.issue_number), String(body.body), req.actor);
      return { status: 201, body: renderComment(env.render, comment) };
    },
  },
  {
    method: 'GET',
    template: `${REPO}/issues/comments/{comment_id}`,
    access: 'read',
    permissions: byCommentId,
    handle: (req, env) => ({
      status: 200,
      body: renderComment(env.render, env.repo.comment(int(req.params.comment_id))),
    }),
  },
  {
    method: 'PATCH',
    template: `${REPO}/issues/comments/{comment_id}`,
    access: 'write',
    permissions: byCommentId,
    handle: (req, env) => {
      const body = objectBody(req.body);
      return {
        status: 200,
        body: renderComment(env.render, env.repo.updateComment(int(req.params.comment_id), String(body.body))),
      };
    },
  },
  {
    method: 'DELETE',
    template: `${REPO}/issues/comments/{comment_id}`,
    access: 'write',
    permissions: byCommentId,
    handle: (req, env) => {
      env.repo.deleteComment(int(req.params.comment_id));
      return { status: 204 };
    },
  },
  // ── labels ──
  {
    method: 'GET',
    template: `${REPO}/labels`,
    access: 'read',
    permissions: fixed('issues', 'pull_requests'),
    handle: (req, env) =>
      list(
        req,
        env,
        env.repo.state.labels.map((l) => renderLabel(env.render, l)),
      ),
  },
  {
    method: 'POST',
    template: `${REPO}/labels`,
    access: 'write',
    permissions: fixed('issues', 'pull_requests'),
    handle: (req, env) => {
      const body = objectBody(req.body);
      const label = env.repo.createLabel({
        name: String(body.name),
        ...(typeof body.color === 'string' ? { color: body.color } : {}),
        ...(typeof body.description === 'string' ? { description: body.description } : {}),
      });
      return { status: 201, body: renderLabel(env.render, label) };
    },
  },
  {
    method: 'GET',
    template: `${REPO}/labels/{name}`,
    access: 'read',
    permissions: fixed('issues', 'pull_requests'),
    handle: (req, env) => ({ status: 200, body: renderLabel(env.render, env.repo.label(req.params.name ?? '')) }),
  },
  // ── commit statuses ──
  {
    method: 'POST',
    template: `${REPO}/statuses/{sha}`,
    access: 'write',
    permissions: fixed('statuses'),
    handle: (req, env) => {
      const body = objectBody(req.body);
      const status = env.repo.createStatus(
        req.params.sha ?? '',
        {
          state: body.state as CommitState,
          target_url: optionalString(body.target_url) ?? null,
          description: optionalString(body.description) ?? null,
          ...(typeof body.context === 'string' ? { context: body.context } : {}),
        },
        req.actor,
      );
      return { status: 201, body: renderStatus(env.render, status) };
    },
  },
  {
    method: 'GET',
    template: `${REPO}/commits/{ref}/statuses`,
    access: 'read',
    permissions: fixed('statuses'),
    handle: (req, env) => {
      const sha = env.repo.resolveRef(req.params.ref ?? '');
      return list(
        req,
        env,
        env.repo.statusesFor(sha).map((s) => renderStatus(env.render, s)),
      );
    },
  },
  {
    method: 'GET',
    template: `${REPO}/commits/{ref}/status`,
    access: 'read',
    permissions: fixed('statuses'),
    handle: (req, env) => {
      const sha = env.repo.resolveRef(req.params.ref ?? '');
      const { state, latest } = env.repo.combinedStatus(sha);
      const page = paginate(latest, req.url, env.baseUrl);
      return {
        status: 200,
        body: renderCombinedStatus(env.render, sha, state, page.items, latest.length),
        ...linkOf(page),
      };
    },
  },
  // ── pull requests ──
  {
    method: 'GET',
    template: `${REPO}/pulls/{pull_number}`,
    access: 'read',
    permissions: fixed('pull_requests'),
    handle: (req, env) => {
      const pull = env.repo.pull(int(req.params.pull_number));
      return { status: 200, body: renderPull(env.render, pull, env.repo.issue(pull.number)) };
    },
  },
  // ── deployments ──
  {
    method: 'GET',
    template: `${REPO}/deployments`,
    access: 'read',
    permissions: fixed('deployments'),
    handle: (req, env) => {
      const q = req.url.searchParams;
      const matches = (value: string, key: string) => !q.has(key) || q.get(key) === value;
      const deployments = env.repo.state.deployments
        .filter(
          (d) =>
            matches(d.sha, 'sha') &&
            matches(d.ref, 'ref') &&
            matches(d.task, 'task') &&
            matches(d.environment, 'environment'),
        )
        .sort((a, b) => b.id - a.id);
      return list(
        req,
        env,
        deployments.map((d) => renderDeployment(env.render, d)),
      );
    },
  },
  {
    method: 'POST',
    template: `${REPO}/deployments`,
    access: 'write',
    permissions: fixed('deployments'),
    handle: (req, env) => {
      const body = objectBody(req.body);
      const deployment = env.repo.createDeployment(
        {
          ref: String(body.ref),
          ...(typeof body.task === 'string' ? { task: body.task } : {}),
          ...(body.payload !== undefined ? { payload: body.payload } : {}),
          ...(typeof body.environment === 'string' ? { environment: body.environment } : {}),
          ...('description' in body ? { description: optionalString(body.description) ?? null } : {}),
          ...(typeof body.transient_environment === 'boolean'
            ? { transient_environment: body.transient_environment }
            : {}),
          ...(typeof body.production_environment === 'boolean'
            ? { production_environment: body.production_environment }
            : {}),
          ...(Array.isArray(body.required_contexts) ? { required_contexts: body.required_contexts.map(String) } : {}),
        },
        req.actor,
      );
      return { status: 201, body: renderDeployment(env.render, deployment) };
    },
  },
  {
    method: 'GET',
    template: `${REPO}/deployments/{deployment_id}`,
    access: 'read',
    permissions: fixed('deployments'),
    handle: (req, env) => ({
      status: 200,
      body: renderDeployment(env.render, env.repo.deployment(int(req.params.deployment_id))),
    }),
  },
  {
    method: 'DELETE',
    template: `${REPO}/deployments/{deployment_id}`,
    access: 'write',
    permissions: fixed('deployments'),
    handle: (req, env) => {
      env.repo.deleteDeployment(int(req.params.deployment_id));
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    template: `${REPO}/deployments/{deployment_id}/statuses`,
    access: 'read',
    permissions: fixed('deployments'),
    handle: (req, env) => {
      const id = int(req.params.deployment_id);
      env.repo.deployment(id);
      return list(
        req,
        env,
        env.repo.deploymentStatusesFor(id).map((s) => renderDeploymentStatus(env.render, s)),
      );
    },
  },
  {
    method: 'POST',
    template: `${REPO}/deployments/{deployment_id}/statuses`,
    access: 'write',
    permissions: fixed('deployments'),
    handle: (req, env) => {
      const body = objectBody(req.body);
      const status = env.repo.createDeploymentStatus(
        int(req.params.deployment_id),
        {
          state: body.state as DeploymentState,
          ...(typeof body.description === 'string' ? { description: body.description } : {}),
          ...(typeof body.environment === 'string' ? { environment: body.environment } : {}),
          ...(typeof body.target_url === 'string' ? { target_url: body.target_url } : {}),
          ...(typeof body.log_url === 'string' ? { log_url: body.log_url } : {}),
          ...(typeof body.environment_url === 'string' ? { environment_url: body.environment_url } : {}),
          ...(typeof body.auto_inactive === 'boolean' ? { auto_inactive: body.auto_inactive } : {}),
        },
        req.actor,
      );
      return { status: 201, body: renderDeploymentStatus(env.render, status) };
    },
  },
  {
    method: 'GET',
    template: `${REPO}/deployments/{deployment_id}/statuses/{status_id}`,
    access: 'read',
    permissions: fixed('deployments'),
    handle: (req, env) => {
      const deploymentId = int(req.params.deployment_id);
      env.repo.deployment(deploymentId);
      const statusId = int(req.params.status_id);
      const status = env.repo.deploymentStatusesFor(deploymentId).find((s) => s.id === statusId);
      if (status === undefined) throw notFound();
      return { status: 200, body: renderDeploymentStatus(env.render, status) };
    },
  },
];

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

/**
 * Finds the route for a path. Literal segments win over placeholders, so `/issues/comments/1` is the
 * comment, not issue number "comments".
 */
export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  const segments = pathname.split('/').slice(1).map(safeDecode);
  let best: { match: RouteMatch; literals: number } | undefined;
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const parts = route.template.split('/').slice(1);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let ok = true;
    for (const [i, part] of parts.entries()) {
      const segment = segments[i] ?? '';
      if (part.startsWith('{')) {
        if (segment === '') ok = false;
        params[part.slice(1, -1)] = segment;
      } else if (part === segment) {
        literals += 1;
      } else {
        ok = false;
      }
      if (!ok) break;
    }
    if (ok && (best === undefined || literals > best.literals)) best = { match: { route, params }, literals };
  }
  return best?.match;
}

function list(req: RouteRequest, env: RouteEnv, items: readonly unknown[]): RouteReply {
  const page = paginate(items, req.url, env.baseUrl);
  return { status: 200, body: page.items, ...linkOf(page) };
}

function linkOf(page: Page<unknown>): { link?: string } {
  return page.link === undefined ? {} : { link: page.link };
}

function labelsOf(issue: IssueRecord, env: RouteEnv) {
  return issue.labels.map((name) => renderLabel(env.render, env.repo.label(name)));
}

function filterIssues(issues: readonly IssueRecord[], q: URLSearchParams): IssueRecord[] {
  const state = q.get('state') ?? 'open';
  const labels = (q.get('labels') ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l !== '');
  const assignee = q.get('assignee');
  const creator = q.get('creator');
  const milestone = q.get('milestone');
  const since = sinceParam(q);
  const sort = q.get('sort') ?? 'created';
  const direction = q.get('direction') === 'asc' ? 1 : -1;
  const key = (i: IssueRecord): string | number =>
    sort === 'updated' ? i.updated_at : sort === 'comments' ? i.comments : i.created_at;
  return (
    issues
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => labels.every((l) => i.labels.some((name) => name.toLowerCase() === l)))
      .filter((i) => {
        if (assignee === null) return true;
        if (assignee === 'none') return i.assignees.length === 0;
        if (assignee === '*') return i.assignees.length > 0;
        return i.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase());
      })
      .filter((i) => creator === null || i.user.toLowerCase() === creator.toLowerCase())
      // The emulator has no milestones: "none" matches everything, any other value nothing.
      .filter(() => milestone === null || milestone === 'none')
      .filter((i) => since === undefined || i.updated_at >= since)
      .sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        const order = ka < kb ? -1 : ka > kb ? 1 : a.number - b.number;
        return order * direction;
      })
  );
}

function sinceParam(q: URLSearchParams): string | undefined {
  const since = q.get('since');
  if (since === null) return undefined;
  try {
    return toGitHubTime(since);
  } catch {
    throw new ApiError(422, 'Validation Failed', { errors: [{ resource: 'Search', field: 'since', code: 'invalid' }] });
  }
}

function objectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new ApiError(400, 'Problems parsing JSON');
  return body as Record<string, unknown>;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Label lists arrive as names or as `{ name }` objects. */
function labelNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item === 'string') return [item];
    const name = (item as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? [name] : [];
  });
}

/** Assignee lists arrive as logins or as `{ login }` objects. */
function logins(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item === 'string') return [item];
    const login = (item as { login?: unknown } | null)?.login;
    return typeof login === 'string' ? [login] : [];
  });
}

function optionalInt(raw: string | undefined): number | undefined {
  return raw !== undefined && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : undefined;
}

/** A path number that is not a positive integer names nothing: 404, as GitHub answers. */
function int(raw: string | undefined): number {
  const value = optionalInt(raw);
  if (value === undefined) throw notFound();
  return value;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
