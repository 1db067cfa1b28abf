/**
 * A stateful GitHub REST emulator for the endpoints shipgate calls: issues, comments, labels, commit
 * statuses, pull requests, deployments and deployment statuses. It is a plain node:http server on
 * 127.0.0.1; point Octokit's baseUrl (or GITHUB_API_URL) at `url`.
 *
 * Every response is checked against GitHub's OpenAPI description and every request body against the
 * operation's requestBody schema; see openapi.ts.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from './api-error.js';
import type { HttpMethod } from './openapi.js';
import { loadGitHubOpenApi } from './openapi.js';
import type {
  Access,
  CommentRecord,
  DeploymentRecord,
  EmulatorState,
  IssueRecord,
  Permission,
  PullRecord,
} from './records.js';
import type { RenderContext } from './render.js';
import { ACTIONS_BOT } from './render.js';
import type { SeedDeployment } from './repository.js';
import { EmulatedRepository } from './repository.js';
import type { RouteEnv, RouteReply, RouteRequest } from './routes.js';
import { matchRoute } from './routes.js';

export type { GitHubOpenApi } from './openapi.js';
export { loadGitHubOpenApi } from './openapi.js';
export type {
  Access,
  CommentRecord,
  CommitState,
  DeploymentRecord,
  DeploymentState,
  DeploymentStatusRecord,
  EmulatorState,
  IssueRecord,
  IssueState,
  IssueStateReason,
  LabelRecord,
  Permission,
  PullRecord,
  StatusRecord,
} from './records.js';
export type { SeedDeployment } from './repository.js';

export interface EmulatorOptions {
  owner?: string;
  repo?: string;
  /** token -> granted permissions. Default: { 'test-token': all permissions write }. Unknown token -> 401 "Bad credentials". */
  tokens?: Record<string, Partial<Record<Permission, Access>>>;
  /** validate every response against the OpenAPI description (default true); violations are collected, not thrown */
  validate?: boolean;
}

export interface FaultSpec {
  kind: 'server-error' | 'forbidden' | 'secondary-rate-limit' | 'rate-limit';
  /** server-error: 500 | 502 | 503 (default 502); rate-limit: 403 | 429 (default 403). */
  status?: number;
  /** For rate limits (default 1). */
  retryAfterSeconds?: number;
  /** Which requests it applies to (default: any); `path` is tested against the URL path without the query, e.g. `/repos/octo-org/web/issues`. */
  match?: { method?: string; path?: RegExp };
  /** How many matching requests fail (default 1). */
  times?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  operationId?: string;
}

export interface GitHubEmulator {
  /** e.g. http://127.0.0.1:41234 — used as GITHUB_API_URL / Octokit baseUrl */
  readonly url: string;
  readonly owner: string;
  readonly repo: string;
  close(): Promise<void>;
  /** Queue a fault. */
  fault(spec: FaultSpec): void;
  clearFaults(): void;
  readonly requests: readonly RecordedRequest[];
  /** Response-validation failures so far, one readable line each: "GET /repos/{owner}/{repo}/issues 200: /0/user must be object" */
  violations(): string[];
  /** Request-body problems seen so far (the emulator answered 422 for them, or 400 for a body that is not JSON), one line each */
  requestViolations(): string[];
  /** State, readable for assertions and seedable for set-up. */
  readonly state: EmulatorState;
  seedPull(pr: { number: number; headSha: string; headRef?: string; baseRef?: string; title?: string }): PullRecord;
  /** `user` (default github-actions[bot]) is an addition: the author's login. */
  seedIssue(issue: {
    title: string;
    body?: string;
    labels?: string[];
    assignees?: string[];
    state?: 'open' | 'closed';
    createdAt?: string;
    updatedAt?: string;
    user?: string;
  }): IssueRecord;
  /** `user` (default github-actions[bot]) is an addition: the author's login. */
  seedComment(issueNumber: number, body: string, createdAt?: string, user?: string): CommentRecord;
  /**
   * Statuses are stored exactly as given (no auto_inactive). `transientEnvironment` and
   * `productionEnvironment` (default: environment is "production") are additions.
   */
  seedDeployment(d: SeedDeployment): DeploymentRecord;
  /** Sets the emulator's notion of "now" for created_at/updated_at of new records (ISO string) — default real time. */
  setNow(iso: string | (() => string)): void;
}

const ALL_PERMISSIONS: readonly Permission[] = [
  'issues',
  'pull_requests',
  'statuses',
  'deployments',
  'contents',
  'metadata',
];
const RATE_LIMIT = 5000;
const DOCS = 'https://docs.github.com/rest';
const SECONDARY_DOCS =
  'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits';
const PRIMARY_DOCS =
  'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-primary-rate-limits';
const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
/** GitHub's repository creation time for the emulated repository (a fixed past date keeps output stable). */
const REPO_CREATED_AT = '2024-01-15T09:00:00Z';

interface QueuedFault {
  readonly spec: FaultSpec;
  remaining: number;
}

export async function startGitHubEmulator(options: EmulatorOptions = {}): Promise<GitHubEmulator> {
  const owner = options.owner ?? 'octo-org';
  const repoName = options.repo ?? 'web';
  const allWrite: Partial<Record<Permission, Access>> = Object.fromEntries(ALL_PERMISSIONS.map((p) => [p, 'write']));
  const tokens: Record<string, Partial<Record<Permission, Access>>> = options.tokens ?? { 'test-token': allWrite };
  const openapi = await loadGitHubOpenApi();
  const validate = options.validate ?? true;

  const repo = new EmulatedRepository();
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const requestViolations: string[] = [];
  let faults: QueuedFault[] = [];
  let used = 0;
  let baseUrl = '';

  const server = createServer((req, res) => {
    readBody(req).then(
      (raw) => respond(req, res, raw),
      () => res.destroy(),
    );
  });

  function respond(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', baseUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    let body: unknown;
    let parseFailed = false;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        parseFailed = true;
        body = raw;
      }
    }
    const match = METHODS.has(method) ? matchRoute(method, url.pathname) : undefined;
    const template = match?.route.template;
    const operation = template === undefined ? undefined : openapi.operation(method, template);
    const documentationUrl = operation?.documentationUrl ?? DOCS;

    const reply = guarded();
    used += 1;
    const headers = baseHeaders();
    Object.assign(headers, reply.headers ?? {});
    const payload = reply.status === 204 || reply.status === 304 ? undefined : reply.body;
    if (validate && template !== undefined && !reply.skipValidation) {
      try {
        violations.push(...openapi.validateResponse(method, template, reply.status, payload));
      } catch (caught) {
        violations.push(
          `${method} ${template} ${reply.status}: validator error: ${caught instanceof Error ? caught.message : String(caught)}`,
        );
      }
    }
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      status: reply.status,
      ...(operation !== undefined ? { operationId: operation.operationId } : {}),
    });
    const text = payload === undefined ? '' : JSON.stringify(payload);
    if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(reply.status, headers);
    res.end(text);

    /** A bug in the emulator answers 500 and shows up in violations(), instead of crashing the test process. */
    function guarded(): Reply {
      try {
        return handle();
      } catch (caught) {
        violations.push(
          `${method} ${template ?? url.pathname}: emulator error: ${caught instanceof Error ? (caught.stack ?? caught.message) : String(caught)}`,
        );
        return { status: 500, body: errorBody(500, 'Internal emulator error', DOCS), skipValidation: true };
      }
    }

    function handle(): Reply {
      const fault = takeFault(method, url.pathname);
      if (fault !== undefined) return faultReply(fault);
      const token = bearer(req.headers.authorization);
      const grants = token === undefined ? undefined : tokens[token];
      if (grants === undefined) return error(new ApiError(401, 'Bad credentials'), DOCS);
      if (match === undefined || !sameRepo(match.params))
        return error(new ApiError(404, 'Not Found'), documentationUrl);
      if (parseFailed) {
        requestViolations.push(`${method} ${match.route.template}: 400 Problems parsing JSON`);
        return error(new ApiError(400, 'Problems parsing JSON'), documentationUrl);
      }
      const request: RouteRequest = {
        method: method as HttpMethod,
        url,
        params: match.params,
        body,
        actor: ACTIONS_BOT,
      };
      try {
        const needed = match.route.permissions(request, env);
        if (!needed.some((p) => allows(grants[p], match.route.access))) {
          return error(new ApiError(403, 'Resource not accessible by integration'), documentationUrl);
        }
        if (template !== undefined && ['POST', 'PATCH', 'PUT'].includes(method)) {
          const problems = openapi.validateRequest(method, template, body ?? {});
          if (problems.length > 0) {
            requestViolations.push(...problems.map((p) => p.line));
            const message = `Invalid request.\n\n${problems.map((p) => p.githubMessage).join('\n')}`;
            return error(new ApiError(422, message), documentationUrl);
          }
        }
        return fromRoute(match.route.handle(request, env));
      } catch (caught) {
        if (!(caught instanceof ApiError)) throw caught;
        if (caught.requestProblem)
          requestViolations.push(`${method} ${template ?? url.pathname}: ${caught.status} ${describe(caught)}`);
        return error(caught, documentationUrl);
      }
    }

    function sameRepo(params: Record<string, string>): boolean {
      return (
        params.owner?.toLowerCase() === owner.toLowerCase() && params.repo?.toLowerCase() === repoName.toLowerCase()
      );
    }
  }

  function takeFault(method: string, pathname: string): FaultSpec | undefined {
    const queued = faults.find((f) => {
      const m = f.spec.match;
      return (
        (m?.method === undefined || m.method.toUpperCase() === method) &&
        (m?.path === undefined || testRegExp(m.path, pathname))
      );
    });
    if (queued === undefined) return undefined;
    queued.remaining -= 1;
    if (queued.remaining <= 0) faults = faults.filter((f) => f !== queued);
    return queued.spec;
  }

  function baseHeaders(): Record<string, string> {
    const reset = Math.ceil(Date.now() / 1000) + 3600;
    return {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': requestId(),
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(Math.max(1, RATE_LIMIT - used)),
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-used': String(Math.min(used, RATE_LIMIT - 1)),
      'x-ratelimit-resource': 'core',
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  const render: RenderContext = {
    api: baseUrl,
    owner,
    repo: repoName,
    labels: repo.state.labels,
    repoCreatedAt: REPO_CREATED_AT,
  };
  const env: RouteEnv = { repo, render, baseUrl };

  return {
    url: baseUrl,
    owner,
    repo: repoName,
    close: () => closeServer(server),
    fault(spec) {
      const times = spec.times ?? 1;
      if (times > 0) faults.push({ spec, remaining: times });
    },
    clearFaults() {
      faults = [];
    },
    requests,
    violations: () => [...violations],
    requestViolations: () => [...requestViolations],
    state: repo.state,
    seedPull: (pr) => repo.seedPull(pr),
    seedIssue: (issue) =>
      repo.createIssue(
        {
          title: issue.title,
          ...(issue.body !== undefined ? { body: issue.body } : {}),
          ...(issue.labels !== undefined ? { labels: issue.labels } : {}),
          ...(issue.assignees !== undefined ? { assignees: issue.assignees } : {}),
          ...(issue.state !== undefined ? { state: issue.state } : {}),
          ...(issue.createdAt !== undefined ? { createdAt: issue.createdAt } : {}),
          ...(issue.updatedAt !== undefined ? { updatedAt: issue.updatedAt } : {}),
        },
        issue.user ?? ACTIONS_BOT,
      ),
    seedComment: (issueNumber, body, createdAt, user) =>
      repo.createComment(issueNumber, body, user ?? ACTIONS_BOT, createdAt),
    seedDeployment: (d) => repo.seedDeployment(d),
    setNow: (iso) => repo.setNow(iso),
  };

  function faultReply(spec: FaultSpec): Reply {
    switch (spec.kind) {
      case 'server-error': {
        const status = spec.status ?? 502;
        const message =
          status === 503 ? 'Service Unavailable' : status === 500 ? 'Internal Server Error' : 'Server Error';
        return { status, body: { message, documentation_url: DOCS, status: String(status) }, skipValidation: true };
      }
      case 'forbidden':
        return {
          status: 403,
          body: errorBody(403, 'Resource not accessible by integration', DOCS),
          skipValidation: true,
        };
      case 'secondary-rate-limit': {
        const message =
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
          `If you reach out to GitHub Support for help, please include the request ID ${requestId()}.`;
        const status = spec.status === 429 ? 429 : 403;
        return {
          status,
          body: errorBody(status, message, SECONDARY_DOCS),
          headers: { 'retry-after': String(spec.retryAfterSeconds ?? 1) },
          skipValidation: true,
        };
      }
      case 'rate-limit': {
        const status = spec.status === 429 ? 429 : 403;
        const reset = Math.floor(Date.now() / 1000) + (spec.retryAfterSeconds ?? 1);
        return {
          status,
          body: errorBody(status, 'API rate limit exceeded for installation ID 1.', PRIMARY_DOCS),
          headers: {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-used': String(RATE_LIMIT),
            'x-ratelimit-reset': String(reset),
          },
          skipValidation: true,
        };
      }
      default: {
        const never: never = spec.kind;
        throw new Error(
          `github emulator: fault kind '${String(never)}'; expected one of server-error, forbidden, secondary-rate-limit, rate-limit`,
        );
      }
    }
  }
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Faults are the emulator's own invention, not an operation's documented answer. */
  readonly skipValidation?: boolean;
}

function fromRoute(reply: RouteReply): Reply {
  return {
    status: reply.status,
    body: reply.body,
    ...(reply.link !== undefined ? { headers: { link: reply.link } } : {}),
  };
}

function error(caught: ApiError, documentationUrl: string): Reply {
  return {
    status: caught.status,
    body: {
      message: caught.message,
      ...caught.extra,
      documentation_url: documentationUrl,
      status: String(caught.status),
    },
  };
}

function errorBody(status: number, message: string, documentationUrl: string) {
  return { message, documentation_url: documentationUrl, status: String(status) };
}

function describe(caught: ApiError): string {
  const errors = caught.extra.errors;
  const first = Array.isArray(errors) ? (errors[0] as { message?: unknown } | undefined) : undefined;
  return typeof first?.message === 'string' ? `${caught.message}: ${first.message}` : caught.message;
}

function allows(granted: Access | undefined, needed: Access): boolean {
  return granted === 'write' || (granted === 'read' && needed === 'read');
}

/** `token X` (what @octokit/auth-token sends for installation tokens) or `Bearer X`. */
function bearer(header: string | undefined): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function testRegExp(pattern: RegExp, value: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(value);
}

function requestId(): string {
  const hex = (n: number) => randomBytes(n).toString('hex').toUpperCase();
  return `${hex(2)}:${hex(3)}:${hex(4)}:${hex(4)}:${hex(4)}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err === undefined ? resolve() : reject(err)));
    // Octokit's fetch keeps connections alive; without this close() would wait for them to time out.
    server.closeAllConnections();
  });
}
