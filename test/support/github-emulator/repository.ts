/**
 * The emulated repository: its records and the rules GitHub applies when they change (shared issue and
 * pull request numbers, labels created on use, comment counts, combined status, required contexts,
 * auto_inactive, which deployments may be deleted). HTTP lives in routes.ts; this file has none.
 */
import { createHash } from 'node:crypto';
import { ApiError, notFound, validationFailed } from './api-error.js';
import type {
  CommentRecord,
  CommitState,
  DeploymentRecord,
  DeploymentState,
  DeploymentStatusRecord,
  EmulatorState,
  IssueRecord,
  IssueStateReason,
  LabelRecord,
  PullRecord,
  StatusRecord,
} from './records.js';
import { DEPLOYMENT_STATES } from './records.js';
import { ACTIONS_BOT } from './render.js';

/** GitHub caps commit status and deployment status descriptions at 140 characters. */
const MAX_DESCRIPTION = 140;
/** GitHub keeps at most 1000 statuses per SHA and context. */
const MAX_STATUSES_PER_CONTEXT = 1000;
const DEFAULT_LABEL_COLOR = 'ededed';

export interface NewIssue {
  title: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
  state?: 'open' | 'closed';
  user?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface IssueChanges {
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  state_reason?: IssueStateReason | null;
  labels?: string[];
  assignees?: string[];
}

export interface NewDeployment {
  ref: string;
  sha?: string;
  task?: string;
  payload?: unknown;
  environment?: string;
  description?: string | null;
  transient_environment?: boolean;
  production_environment?: boolean;
  /** Contexts that must be `success` on the commit; undefined means every context it has. */
  required_contexts?: string[];
  creator?: string;
  createdAt?: string;
}

export interface NewDeploymentStatus {
  state: DeploymentState;
  description?: string;
  environment?: string;
  target_url?: string;
  log_url?: string;
  environment_url?: string;
  auto_inactive?: boolean;
  creator?: string;
  createdAt?: string;
}

export interface SeedDeployment {
  environment: string;
  ref?: string;
  sha?: string;
  task?: string;
  payload?: unknown;
  createdAt?: string;
  statuses?: Array<{ state: string; createdAt?: string }>;
  transientEnvironment?: boolean;
  productionEnvironment?: boolean;
}

export class EmulatedRepository {
  readonly state: EmulatorState = {
    issues: [],
    comments: [],
    labels: [],
    statuses: [],
    deployments: [],
    deploymentStatuses: [],
    pulls: [],
  };
  private readonly ids = {
    issue: 1_000_000,
    pull: 2_000_000,
    comment: 3_000_000,
    label: 4_000_000,
    status: 5_000_000,
    deployment: 6_000_000,
    deploymentStatus: 7_000_000,
  };
  private clock: () => string = () => new Date().toISOString();

  setNow(iso: string | (() => string)): void {
    this.clock = typeof iso === 'string' ? () => iso : iso;
  }

  /** GitHub's timestamps have whole seconds: `2026-11-22T03:00:00Z`. */
  now(): string {
    return toGitHubTime(this.clock());
  }

  private nextId(kind: keyof EmulatedRepository['ids']): number {
    this.ids[kind] += 1;
    return this.ids[kind];
  }

  private nextNumber(): number {
    return this.state.issues.reduce((max, issue) => Math.max(max, issue.number), 0) + 1;
  }

  // ── issues ────────────────────────────────────────────────────────────────

  issue(number: number): IssueRecord {
    const issue = this.state.issues.find((i) => i.number === number);
    if (issue === undefined) throw notFound();
    return issue;
  }

  findIssue(number: number): IssueRecord | undefined {
    return this.state.issues.find((i) => i.number === number);
  }

  createIssue(input: NewIssue, actor: string): IssueRecord {
    const created = toGitHubTime(input.createdAt ?? this.now());
    const id = this.nextId('issue');
    const issue: IssueRecord = {
      id,
      node_id: `I_kwDO${id}`,
      number: this.nextNumber(),
      title: input.title,
      body: input.body ?? null,
      state: 'open',
      state_reason: null,
      labels: [],
      assignees: unique(input.assignees ?? []),
      user: input.user ?? actor,
      comments: 0,
      locked: false,
      pull_request: false,
      created_at: created,
      updated_at: toGitHubTime(input.updatedAt ?? created),
      closed_at: null,
      closed_by: null,
    };
    issue.labels = this.labelNames(input.labels ?? []);
    if (input.state === 'closed') {
      issue.state = 'closed';
      issue.state_reason = 'completed';
      issue.closed_at = issue.updated_at;
      issue.closed_by = issue.user;
    }
    this.state.issues.push(issue);
    return issue;
  }

  updateIssue(number: number, changes: IssueChanges, actor: string): IssueRecord {
    const issue = this.issue(number);
    const now = this.now();
    if (changes.title !== undefined) issue.title = changes.title;
    if (changes.body !== undefined) issue.body = changes.body;
    if (changes.labels !== undefined) issue.labels = this.labelNames(changes.labels);
    if (changes.assignees !== undefined) issue.assignees = unique(changes.assignees);
    if (changes.state === 'closed' && issue.state === 'open') {
      issue.state = 'closed';
      issue.closed_at = now;
      issue.closed_by = actor;
      issue.state_reason = changes.state_reason ?? 'completed';
    } else if (changes.state === 'open' && issue.state === 'closed') {
      issue.state = 'open';
      issue.closed_at = null;
      issue.state_reason = changes.state_reason ?? 'reopened';
    } else if (changes.state_reason !== undefined) {
      issue.state_reason = changes.state_reason;
    }
    issue.updated_at = now;
    return issue;
  }

  addLabels(number: number, names: readonly string[]): IssueRecord {
    const issue = this.issue(number);
    issue.labels = this.labelNames([...issue.labels, ...names]);
    issue.updated_at = this.now();
    return issue;
  }

  removeLabel(number: number, name: string): IssueRecord {
    const issue = this.issue(number);
    const index = issue.labels.findIndex((l) => sameName(l, name));
    if (index < 0) throw new ApiError(404, 'Label does not exist');
    issue.labels.splice(index, 1);
    issue.updated_at = this.now();
    return issue;
  }

  addAssignees(number: number, logins: readonly string[]): IssueRecord {
    const issue = this.issue(number);
    issue.assignees = unique([...issue.assignees, ...logins]);
    issue.updated_at = this.now();
    return issue;
  }

  // ── pull requests ─────────────────────────────────────────────────────────

  seedPull(input: { number: number; headSha: string; headRef?: string; baseRef?: string; title?: string }): PullRecord {
    if (this.findIssue(input.number) !== undefined) {
      throw new Error(`github emulator: seedPull number ${input.number} is already an issue or pull request`);
    }
    const now = this.now();
    const issueId = this.nextId('issue');
    this.state.issues.push({
      id: issueId,
      node_id: `I_kwDO${issueId}`,
      number: input.number,
      title: input.title ?? `Pull request #${input.number}`,
      body: null,
      state: 'open',
      state_reason: null,
      labels: [],
      assignees: [],
      user: 'octocat',
      comments: 0,
      locked: false,
      pull_request: true,
      created_at: now,
      updated_at: now,
      closed_at: null,
      closed_by: null,
    });
    const id = this.nextId('pull');
    const baseRef = input.baseRef ?? 'main';
    const pull: PullRecord = {
      id,
      node_id: `PR_kwDO${id}`,
      number: input.number,
      head: { ref: input.headRef ?? `feature-${input.number}`, sha: input.headSha },
      base: { ref: baseRef, sha: fakeSha(`branch:${baseRef}`) },
      draft: false,
      merged: false,
    };
    this.state.pulls.push(pull);
    return pull;
  }

  pull(number: number): PullRecord {
    const pull = this.state.pulls.find((p) => p.number === number);
    if (pull === undefined) throw notFound();
    return pull;
  }

  // ── comments ──────────────────────────────────────────────────────────────

  comment(id: number): CommentRecord {
    const comment = this.state.comments.find((c) => c.id === id);
    if (comment === undefined) throw notFound();
    return comment;
  }

  createComment(number: number, body: string, actor: string, createdAt?: string): CommentRecord {
    const issue = this.issue(number);
    const created = toGitHubTime(createdAt ?? this.now());
    const id = this.nextId('comment');
    const comment: CommentRecord = {
      id,
      node_id: `IC_kwDO${id}`,
      issue_number: number,
      body,
      user: actor,
      created_at: created,
      updated_at: created,
    };
    this.state.comments.push(comment);
    issue.comments += 1;
    if (created > issue.updated_at) issue.updated_at = created;
    return comment;
  }

  updateComment(id: number, body: string): CommentRecord {
    const comment = this.comment(id);
    comment.body = body;
    comment.updated_at = this.now();
    return comment;
  }

  deleteComment(id: number): void {
    const comment = this.comment(id);
    this.state.comments.splice(this.state.comments.indexOf(comment), 1);
    const issue = this.findIssue(comment.issue_number);
    if (issue !== undefined) issue.comments = Math.max(0, issue.comments - 1);
  }

  // ── labels ────────────────────────────────────────────────────────────────

  label(name: string): LabelRecord {
    const label = this.state.labels.find((l) => sameName(l.name, name));
    if (label === undefined) throw notFound();
    return label;
  }

  createLabel(input: { name: string; color?: string; description?: string | null }): LabelRecord {
    const name = input.name.trim();
    if (name === '') throw validationFailed('Label', 'name', 'name is missing');
    if (this.state.labels.some((l) => sameName(l.name, name))) {
      throw new ApiError(422, 'Validation Failed', {
        errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
      });
    }
    const color = (input.color ?? DEFAULT_LABEL_COLOR).replace(/^#/, '').toLowerCase();
    if (!/^[0-9a-f]{6}$/.test(color))
      throw validationFailed('Label', 'color', `color is invalid: ${input.color ?? ''}`);
    const id = this.nextId('label');
    const label: LabelRecord = {
      id,
      node_id: `LA_kwDO${id}`,
      name,
      color,
      description: input.description ?? null,
      default: false,
    };
    this.state.labels.push(label);
    return label;
  }

  /** Resolves names to existing labels (case-insensitively) and creates the missing ones, as GitHub does. */
  private labelNames(names: readonly string[]): string[] {
    const out: string[] = [];
    for (const raw of names) {
      const name = raw.trim();
      if (name === '') continue;
      const label = this.state.labels.find((l) => sameName(l.name, name)) ?? this.createLabel({ name });
      if (!out.includes(label.name)) out.push(label.name);
    }
    return out;
  }

  // ── commit statuses ───────────────────────────────────────────────────────

  /** A branch name that is a seeded pull request's head resolves to its SHA; anything else is taken as a SHA. */
  resolveRef(ref: string): string {
    const bare = ref.replace(/^refs\/heads\//, '');
    return (
      this.state.pulls.find((p) => p.head.ref === bare)?.head.sha ??
      (isSha(ref) ? ref.toLowerCase() : fakeSha(`branch:${bare}`))
    );
  }

  createStatus(
    sha: string,
    input: { state: CommitState; target_url?: string | null; description?: string | null; context?: string },
    actor: string,
  ): StatusRecord {
    if (!isSha(sha)) throw new ApiError(422, `No commit found for SHA: ${sha}`);
    const description = input.description ?? null;
    if (description !== null && description.length > MAX_DESCRIPTION) {
      throw validationFailed(
        'Status',
        'description',
        `description is too long (maximum is ${MAX_DESCRIPTION} characters)`,
      );
    }
    const context = input.context ?? 'default';
    const sameContext = this.state.statuses.filter((s) => s.sha === sha.toLowerCase() && s.context === context).length;
    if (sameContext >= MAX_STATUSES_PER_CONTEXT) {
      throw validationFailed(
        'Status',
        'context',
        'This SHA and context has reached the maximum number of statuses.',
        false,
      );
    }
    const now = this.now();
    const id = this.nextId('status');
    const status: StatusRecord = {
      id,
      node_id: `SC_kwDO${id}`,
      sha: sha.toLowerCase(),
      state: input.state,
      description,
      target_url: input.target_url ?? null,
      context,
      creator: actor,
      created_at: now,
      updated_at: now,
    };
    this.state.statuses.push(status);
    return status;
  }

  /** Every status of the commit, newest first. */
  statusesFor(sha: string): StatusRecord[] {
    return this.state.statuses.filter((s) => s.sha === sha).sort((a, b) => b.id - a.id);
  }

  /** GitHub's combined status: the latest status per context, and one state over them. */
  combinedStatus(sha: string): { state: CommitState; latest: StatusRecord[] } {
    const latest: StatusRecord[] = [];
    for (const status of this.statusesFor(sha)) {
      if (!latest.some((s) => s.context === status.context)) latest.push(status);
    }
    let state: CommitState = 'success';
    if (latest.length === 0 || latest.some((s) => s.state === 'pending')) state = 'pending';
    if (latest.some((s) => s.state === 'error' || s.state === 'failure')) state = 'failure';
    return { state, latest };
  }

  // ── deployments ───────────────────────────────────────────────────────────

  deployment(id: number): DeploymentRecord {
    const deployment = this.state.deployments.find((d) => d.id === id);
    if (deployment === undefined) throw notFound();
    return deployment;
  }

  createDeployment(input: NewDeployment, actor: string): DeploymentRecord {
    const sha = input.sha ?? this.resolveRef(input.ref);
    this.checkRequiredContexts(input.ref, sha, input.required_contexts);
    const environment = input.environment ?? 'production';
    const created = toGitHubTime(input.createdAt ?? this.now());
    const id = this.nextId('deployment');
    const deployment: DeploymentRecord = {
      id,
      node_id: `DE_kwDO${id}`,
      sha,
      ref: input.ref,
      task: input.task ?? 'deploy',
      payload: normalisePayload(input.payload),
      original_environment: environment,
      environment,
      description: input.description ?? null,
      creator: input.creator ?? actor,
      created_at: created,
      updated_at: created,
      transient_environment: input.transient_environment ?? false,
      production_environment: input.production_environment ?? environment === 'production',
    };
    this.state.deployments.push(deployment);
    return deployment;
  }

  /** GitHub refuses (409) a deployment whose required contexts are not all `success` on the commit. */
  private checkRequiredContexts(ref: string, sha: string, required: string[] | undefined): void {
    const { latest } = this.combinedStatus(sha);
    const contexts = required ?? latest.map((s) => s.context);
    const failing = contexts
      .map((context) => ({ context, state: latest.find((s) => s.context === context)?.state ?? 'missing' }))
      .filter((c) => c.state !== 'success');
    if (failing.length === 0) return;
    throw new ApiError(409, `Conflict: Commit status checks failed for ${ref}.`, {
      errors: [{ contexts: failing, resource: 'Deployment', field: 'required_contexts', code: 'invalid' }],
    });
  }

  /** Every status of the deployment, newest first. */
  deploymentStatusesFor(deploymentId: number): DeploymentStatusRecord[] {
    return this.state.deploymentStatuses.filter((s) => s.deployment_id === deploymentId).sort((a, b) => b.id - a.id);
  }

  createDeploymentStatus(deploymentId: number, input: NewDeploymentStatus, actor: string): DeploymentStatusRecord {
    const deployment = this.deployment(deploymentId);
    if (!DEPLOYMENT_STATES.includes(input.state)) {
      throw new Error(
        `github emulator: deployment status state '${String(input.state)}'; expected one of ${DEPLOYMENT_STATES.join(', ')}`,
      );
    }
    const description = input.description ?? '';
    if (description.length > MAX_DESCRIPTION) {
      throw validationFailed(
        'DeploymentStatus',
        'description',
        `description is too long (maximum is ${MAX_DESCRIPTION} characters)`,
      );
    }
    // "If not defined, the environment of the previous status on the deployment will be used, if it
    // exists. Otherwise, the environment of the deployment will be used."
    const previous = this.deploymentStatusesFor(deploymentId)[0];
    const environment = input.environment ?? previous?.environment ?? deployment.environment;
    const logUrl = input.log_url ?? input.target_url ?? '';
    const created = toGitHubTime(input.createdAt ?? this.now());
    const status = this.pushDeploymentStatus(deployment, {
      state: input.state,
      description,
      environment,
      target_url: logUrl,
      log_url: logUrl,
      environment_url: input.environment_url ?? '',
      creator: input.creator ?? actor,
      created_at: created,
    });
    deployment.environment = environment;
    deployment.updated_at = created;
    if (input.state === 'success' && input.auto_inactive !== false) this.autoInactivate(deployment, created);
    return status;
  }

  /**
   * auto_inactive, as GitHub documents it: "Adds a new inactive status to all prior non-transient,
   * non-production environment deployments with the same repository and environment name as the created
   * status's deployment. An inactive status is only added to deployments that had a success state."
   * Production deployments are left as they are; one already inactive gets no second inactive status.
   */
  private autoInactivate(current: DeploymentRecord, at: string): void {
    for (const prior of this.state.deployments) {
      if (prior.id >= current.id || prior.environment !== current.environment) continue;
      if (prior.transient_environment || prior.production_environment) continue;
      const history = this.deploymentStatusesFor(prior.id);
      if (!history.some((s) => s.state === 'success') || history[0]?.state === 'inactive') continue;
      this.pushDeploymentStatus(prior, {
        state: 'inactive',
        description: '',
        environment: prior.environment,
        target_url: '',
        log_url: '',
        environment_url: history[0]?.environment_url ?? '',
        creator: current.creator,
        created_at: at,
      });
      prior.updated_at = at;
    }
  }

  private pushDeploymentStatus(
    deployment: DeploymentRecord,
    fields: Omit<DeploymentStatusRecord, 'id' | 'node_id' | 'deployment_id' | 'updated_at'>,
  ): DeploymentStatusRecord {
    const id = this.nextId('deploymentStatus');
    const status: DeploymentStatusRecord = {
      id,
      node_id: `DES_kwDO${id}`,
      deployment_id: deployment.id,
      ...fields,
      updated_at: fields.created_at,
    };
    this.state.deploymentStatuses.push(status);
    return status;
  }

  /**
   * "If the repository only has one deployment, you can delete the deployment regardless of its status.
   * If the repository has more than one deployment, you can only delete inactive deployments" — and a
   * deployment is made inactive "by adding any non-successful deployment status".
   */
  deleteDeployment(id: number): void {
    const deployment = this.deployment(id);
    const latest = this.deploymentStatusesFor(id)[0];
    const inactive = latest !== undefined && latest.state !== 'success';
    if (this.state.deployments.length > 1 && !inactive) {
      throw new ApiError(
        422,
        'We cannot delete an active deployment unless it is the only deployment in a given environment.',
        { errors: [] },
      );
    }
    this.state.deployments.splice(this.state.deployments.indexOf(deployment), 1);
    this.state.deploymentStatuses = this.state.deploymentStatuses.filter((s) => s.deployment_id !== id);
  }

  // ── seeding ───────────────────────────────────────────────────────────────

  seedDeployment(input: SeedDeployment): DeploymentRecord {
    const ref = input.ref ?? 'main';
    const deployment = this.createDeployment(
      {
        ref,
        sha: input.sha ?? this.resolveRef(ref),
        environment: input.environment,
        required_contexts: [],
        ...(input.transientEnvironment !== undefined ? { transient_environment: input.transientEnvironment } : {}),
        ...(input.productionEnvironment !== undefined ? { production_environment: input.productionEnvironment } : {}),
        ...(input.task !== undefined ? { task: input.task } : {}),
        ...(input.payload !== undefined ? { payload: input.payload } : {}),
        ...(input.createdAt !== undefined ? { createdAt: input.createdAt } : {}),
      },
      ACTIONS_BOT,
    );
    for (const status of input.statuses ?? []) {
      this.createDeploymentStatus(
        deployment.id,
        {
          state: status.state as DeploymentState,
          auto_inactive: false,
          ...(status.createdAt !== undefined ? { createdAt: status.createdAt } : {}),
        },
        ACTIONS_BOT,
      );
    }
    return deployment;
  }
}

function normalisePayload(payload: unknown): Record<string, unknown> | string {
  if (payload === undefined || payload === null || payload === '') return {};
  if (typeof payload === 'string') {
    try {
      const parsed: unknown = JSON.parse(payload);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
    } catch {
      // Not JSON: GitHub keeps the text as it was sent.
    }
    return payload;
  }
  if (typeof payload === 'object' && !Array.isArray(payload)) return payload as Record<string, unknown>;
  return String(payload);
}

export function toGitHubTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`github emulator: time '${iso}' is not an ISO 8601 date-time`);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isSha(value: string): boolean {
  return /^[0-9a-f]{7,40}$/i.test(value);
}

/** A stable 40-hex SHA for a name, for refs the emulator has no commit for. */
export function fakeSha(name: string): string {
  return createHash('sha1').update(name).digest('hex');
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
