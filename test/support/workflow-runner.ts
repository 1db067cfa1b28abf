/**
 * A small, honest interpreter of GitHub Actions workflows, for end-to-end tests that run a caller's
 * workflow (an example's release.yml) the way GitHub would, on this machine, with no runner. It does
 * only what those workflows use, as GitHub documents it, and throws a WorkflowRunnerError naming the key
 * for anything else — it never skips a key it does not understand.
 *
 * What it runs, and how:
 * - The event that starts the run (`event`): `workflow_dispatch` (the default), with `inputs` typed and
 *   defaulted by `on.workflow_dispatch.inputs`; or `schedule`, one of the workflow's `on.schedule` crons
 *   (the first unless `cron` names another), with no inputs: a scheduled run's `inputs` context is empty
 *   and the dispatch inputs' defaults do not apply, as on GitHub. `github.event_name`, `github.event` (the
 *   payload: `inputs` or `schedule`, with `repository` and `workflow`), GITHUB_EVENT_NAME and the
 *   GITHUB_EVENT_PATH file of every step are the event's. A workflow without a trigger for the event, a
 *   cron it does not list, or inputs given to a scheduled run are refused.
 * - `jobs` (a test seam; GitHub runs every job): only these jobs of the caller's workflow run, e.g. one
 *   monitor of several at a time; each one's needs must be among them.
 * - Jobs in `needs` order; a job starts as soon as every job it needs has finished, so independent jobs
 *   and the legs of a matrix run in parallel. `needs.<job>.result` / `.outputs` hold the direct needs.
 * - `if:` (jobs and steps) and every `${{ }}` with GitHub's own expression engine (`@actions/expressions`),
 *   with only the contexts GitHub allows there (an unknown context is a parse error, as on GitHub).
 *   Status functions: a job's `success()` is true when every job it depends on (transitively) succeeded,
 *   `failure()` when one of them failed, `always()` is true, `cancelled()` false (runs are never
 *   cancelled here); a step's compare the job's status so far. A condition without a status function is
 *   `success() && (condition)`. A skipped job's dependents are skipped unless their `if:` says otherwise.
 * - `strategy.matrix`: lists (cartesian product, in key order), `include` (merged into the combinations
 *   it does not contradict, else added) and `exclude`, also from an expression (`${{ fromJSON(...) }}`);
 *   `fail-fast: false` only (cancelling the other legs is not implemented), no `max-parallel`. A matrix
 *   job's result is `failure` when a leg failed; its outputs are merged in the order the legs finished,
 *   a later leg's non-empty value winning, as on GitHub ("the last leg's").
 * - Job `outputs` are evaluated when the job ends, whatever its result.
 * - `uses: shipgate/shipgate/.github/workflows/<file>@<ref>` runs THIS repository's
 *   `.github/workflows/<file>` as a called workflow: `with:` checked against and typed by its
 *   `workflow_call.inputs` (defaults applied, unknown or missing required ones refused), `secrets:` mapped
 *   (or `inherit`) and checked against the declared ones, its jobs run with the caller's `github` context,
 *   and its `workflow_call.outputs` become the calling job's outputs. The called jobs' `permissions` must
 *   not exceed the calling job's, as GitHub refuses at start-up.
 * - Steps: `uses: actions/checkout@…` is a no-op (the workspace is already the checkout); `uses:
 *   $/actions/<name>` (and `shipgate/shipgate/actions/<name>@…`) runs the committed bundle through
 *   action-runner.ts `runAction` with the evaluated `with:`, and its `post:` at the end of the job when
 *   `post-if` holds; `run:` runs bash (`bash -e`, or `--noprofile --norc -eo pipefail` for `shell: bash`)
 *   from the workspace, with `GITHUB_OUTPUT`, `GITHUB_ENV` (carried to the job's later steps) and the
 *   step's evaluated `env:`.
 * - The GitHub-hosted runner's `gh` is not installed here: run steps find `workflow-runner-tools/gh` first
 *   on PATH, a stand-in for the two subcommands shipgate's workflows run (`gh issue list … --json … --jq`,
 *   `gh issue comment … --body-file`), against GITHUB_API_URL (the emulator).
 *
 * Evaluated but not enforced (everything runs on this machine, one run at a time): `runs-on`,
 * `environment` (no protection rules), `timeout-minutes` (a test bound, `stepTimeoutMs`, applies
 * instead), `permissions` beyond the check above (the one token has every permission), a workflow-level
 * `concurrency`. A job-level `concurrency` group held by a running job is an error (queueing is not
 * implemented).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { TokenType } from '@actions/expressions/lexer';
import { truthy } from '@actions/expressions/result';
import { parse as parseYaml } from 'yaml';
import { parseFileCommands, readActionYaml, runAction } from './action-runner.js';
import { repoRoot } from './paths.js';

export class WorkflowRunnerError extends Error {
  readonly code = 'WORKFLOW_RUNNER';
}

/** The directory of the runner's tool stand-ins (`gh`), put first on PATH for run steps. */
export const RUNNER_TOOLS = join(dirname(fileURLToPath(import.meta.url)), 'workflow-runner-tools');

/** What starts a run: Run workflow in the Actions tab (with `inputs`), or one of the workflow's schedules. */
export type WorkflowEvent =
  | { readonly name: 'workflow_dispatch' }
  | {
      readonly name: 'schedule';
      /** One of the workflow's `on.schedule` crons; default the first. */
      readonly cron?: string;
    };
const DISPATCH: WorkflowEvent = { name: 'workflow_dispatch' };

export type JobResult = 'success' | 'failure' | 'skipped';
export type StepOutcome = 'success' | 'failure' | 'skipped';

export interface StepRun {
  readonly name: string;
  readonly id?: string;
  readonly outcome: StepOutcome;
  readonly outputs: Readonly<Record<string, string>>;
  readonly log: string;
  readonly durationMs: number;
}

export interface JobRun {
  /** The path of the job: `domain`, `domain (chat)`, `gateway / deploy`. */
  readonly path: string;
  readonly id: string;
  readonly name: string;
  readonly result: JobResult;
  readonly outputs: Readonly<Record<string, string>>;
  readonly matrix?: Readonly<Record<string, unknown>>;
  readonly steps: readonly StepRun[];
  /** The legs of a matrix job. */
  readonly legs: readonly JobRun[];
  /** The jobs of a called workflow. */
  readonly called: readonly JobRun[];
  readonly startedAt: number;
  readonly finishedAt: number;
}

export interface WorkflowRun {
  readonly conclusion: 'success' | 'failure';
  readonly jobs: Readonly<Record<string, JobRun>>;
  /** Every job, leg and called job, in the order each finished. */
  readonly finished: readonly JobRun[];
}

export interface RunWorkflowOptions {
  /** The caller's workflow file (absolute). */
  readonly workflow: string;
  /** GITHUB_WORKSPACE: the caller's checkout (config, hooks). */
  readonly workspace: string;
  /** The event that starts the run; default `workflow_dispatch`. */
  readonly event?: WorkflowEvent;
  /** workflow_dispatch inputs. */
  readonly inputs?: Readonly<Record<string, string | boolean | number>>;
  /** Run only these jobs of the workflow (default all); each one's needs must be among them. */
  readonly jobs?: readonly string[];
  readonly secrets?: Readonly<Record<string, string>>;
  /** The GitHub API (the emulator). */
  readonly apiUrl: string;
  readonly token?: string;
  readonly owner?: string;
  readonly repo?: string;
  readonly runId?: string;
  /** The runner's own environment (PATH, HOME, and anything a self-hosted runner's .env sets). */
  readonly env?: Readonly<Record<string, string>>;
  /** Each step is killed after this long (a test bound); default 120 s. */
  readonly stepTimeoutMs?: number;
  /** Every step's output as it finishes, for debugging. */
  readonly onStep?: (job: string, step: StepRun) => void;
}

// ---- YAML shapes ------------------------------------------------------------------------------------

type Yaml = Record<string, unknown>;
interface StepYaml {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: unknown;
  with?: Yaml;
  env?: Yaml;
  shell?: string;
}
interface JobYaml {
  name?: string;
  needs?: string | string[];
  if?: unknown;
  'runs-on'?: unknown;
  environment?: unknown;
  concurrency?: unknown;
  permissions?: unknown;
  outputs?: Record<string, string>;
  steps?: StepYaml[];
  uses?: string;
  with?: Yaml;
  secrets?: 'inherit' | Record<string, string>;
  strategy?: { matrix?: unknown; 'fail-fast'?: unknown; 'max-parallel'?: unknown };
  'timeout-minutes'?: unknown;
  env?: Yaml;
}
interface InputYaml {
  type?: string;
  required?: boolean;
  default?: unknown;
  options?: string[];
}
interface WorkflowYaml {
  name?: string;
  on?: {
    workflow_dispatch?: { inputs?: Record<string, InputYaml> } | null;
    schedule?: unknown;
    workflow_call?: {
      inputs?: Record<string, InputYaml>;
      secrets?: Record<string, { required?: boolean }>;
      outputs?: Record<string, { value: string }>;
    } | null;
  };
  permissions?: unknown;
  concurrency?: unknown;
  jobs: Record<string, JobYaml>;
}

const WORKFLOW_KEYS = new Set(['name', 'on', 'permissions', 'concurrency', 'jobs']);
const JOB_KEYS = new Set([
  'name',
  'needs',
  'if',
  'runs-on',
  'environment',
  'concurrency',
  'permissions',
  'outputs',
  'steps',
  'uses',
  'with',
  'secrets',
  'strategy',
  'timeout-minutes',
  'env',
]);
const STEP_KEYS = new Set(['id', 'name', 'uses', 'run', 'if', 'with', 'env', 'shell']);

function refuse(message: string): never {
  throw new WorkflowRunnerError(`workflow runner: ${message}`);
}

function onlyKeys(value: object, allowed: ReadonlySet<string>, where: string): void {
  for (const key of Object.keys(value))
    if (!allowed.has(key)) refuse(`${where}: '${key}' is not supported (supported: ${[...allowed].join(', ')})`);
}

function readWorkflow(path: string): WorkflowYaml {
  const workflow = parseYaml(readFileSync(path, 'utf8')) as WorkflowYaml;
  onlyKeys(workflow, WORKFLOW_KEYS, path);
  if (!workflow.jobs || typeof workflow.jobs !== 'object') refuse(`${path}: no jobs`);
  return workflow;
}

// ---- expressions ------------------------------------------------------------------------------------

type Contexts = Record<string, unknown>;
interface Status {
  readonly success: boolean;
  readonly failure: boolean;
}
const STATUS_FUNCTIONS = ['success', 'failure', 'cancelled', 'always'] as const;

function statusFunctions(status: Status) {
  const calls = {
    success: () => new data.BooleanData(status.success),
    failure: () => new data.BooleanData(status.failure),
    cancelled: () => new data.BooleanData(false),
    always: () => new data.BooleanData(true),
  };
  return new Map(STATUS_FUNCTIONS.map((name) => [name, { name, minArgs: 0, maxArgs: 0, call: calls[name] }]));
}

/** Evaluates one expression (without `${{ }}`) with GitHub's engine; unknown contexts or functions throw. */
export function evaluateExpression(
  expression: string,
  contexts: Contexts,
  status: Status = { success: true, failure: false },
): data.ExpressionData {
  const functions = statusFunctions(status);
  try {
    const tree = new Parser(new Lexer(expression).lex().tokens, Object.keys(contexts), [...functions.values()]).parse();
    const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
    return new Evaluator(tree, context, functions).evaluate();
  } catch (error) {
    refuse(`cannot evaluate \${{ ${expression.trim()} }}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The JavaScript value of an expression result (arrays and objects included). */
export function toValue(result: data.ExpressionData): unknown {
  return JSON.parse(JSON.stringify(result, data.replacer));
}

const WHOLE = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/;

/**
 * A value of the YAML with its `${{ }}` evaluated: a string that is one whole expression keeps the
 * expression's type (a boolean input stays a boolean, `fromJSON` gives an array); otherwise each
 * expression is coerced to a string inside the text, as the runner does. Objects and arrays recurse.
 */
export function evaluateValue(value: unknown, contexts: Contexts): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole && !whole[1]?.includes('}}')) return toValue(evaluateExpression(whole[1] ?? '', contexts));
    return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) =>
      evaluateExpression(expression, contexts).coerceString(),
    );
  }
  if (Array.isArray(value)) return value.map((item) => evaluateValue(item, contexts));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, evaluateValue(item, contexts)]));
  return value;
}

/** A string, as `with:` and `env:` pass values to actions and processes. */
export function evaluateString(value: unknown, contexts: Contexts): string {
  const result = evaluateValue(value, contexts);
  if (result === null || result === undefined) return '';
  if (typeof result === 'object') return Array.isArray(result) ? 'Array' : 'Object';
  return String(result);
}

/** Whether an `if:` holds, with the runner's rule: no status function means `success() && (…)`. */
export function conditionHolds(condition: unknown, contexts: Contexts, status: Status): boolean {
  if (condition === undefined || condition === null) return status.success;
  if (typeof condition === 'boolean') return status.success && condition;
  const text = String(condition)
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const tokens = new Lexer(text).lex().tokens;
  const hasStatusFunction = tokens.some(
    (token, i) =>
      token.type === TokenType.IDENTIFIER &&
      (STATUS_FUNCTIONS as readonly string[]).includes(token.lexeme.toLowerCase()) &&
      tokens[i + 1]?.type === TokenType.LEFT_PAREN,
  );
  return truthy(evaluateExpression(hasStatusFunction ? text : `success() && (${text})`, contexts, status));
}

// ---- matrix -----------------------------------------------------------------------------------------

type Combination = Record<string, unknown>;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The combinations of an evaluated `strategy.matrix`, as GitHub expands them. */
export function expandMatrix(matrix: unknown, where: string): Combination[] {
  if (!matrix || typeof matrix !== 'object' || Array.isArray(matrix)) refuse(`${where}: matrix is not a mapping`);
  const { include = [], exclude = [], ...vectors } = matrix as Record<string, unknown>;
  if (!Array.isArray(include) || !Array.isArray(exclude)) refuse(`${where}: include and exclude must be lists`);
  let combinations: Combination[] = Object.keys(vectors).length > 0 ? [{}] : [];
  for (const [key, values] of Object.entries(vectors)) {
    if (!Array.isArray(values) || values.length === 0) refuse(`${where}: matrix '${key}' is not a non-empty list`);
    combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [key]: value })));
  }
  combinations = combinations.filter(
    (combination) =>
      !exclude.some((rule: Combination) => Object.entries(rule).every(([key, value]) => same(combination[key], value))),
  );
  const original = new Set(Object.keys(vectors));
  const originals = combinations.map((combination) => ({ ...combination }));
  for (const rule of include as Combination[]) {
    if (!rule || typeof rule !== 'object') refuse(`${where}: an include item is not a mapping`);
    const fits = (index: number) =>
      Object.entries(rule).every(
        ([key, value]) => !original.has(key) || same((originals[index] as Combination)[key], value),
      );
    const matched = originals.map((_, index) => index).filter(fits);
    if (matched.length > 0) for (const index of matched) Object.assign(combinations[index] as Combination, rule);
    else combinations.push({ ...rule });
  }
  if (combinations.length === 0) refuse(`${where}: the matrix has no combination (GitHub fails such a job)`);
  return combinations;
}

// ---- permissions ------------------------------------------------------------------------------------

const LEVEL = { none: 0, read: 1, write: 2 } as const;
type Level = keyof typeof LEVEL;
const SCOPES = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'id-token',
  'issues',
  'discussions',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses',
];

function permissionLevels(permissions: unknown, where: string): Record<string, Level> {
  // No `permissions` anywhere: the repository's default for GITHUB_TOKEN, taken as write-all here.
  if (permissions === undefined || permissions === 'write-all')
    return Object.fromEntries(SCOPES.map((scope) => [scope, 'write']));
  if (permissions === 'read-all') return Object.fromEntries(SCOPES.map((scope) => [scope, 'read']));
  if (!permissions || typeof permissions !== 'object') refuse(`${where}: permissions '${String(permissions)}'`);
  const levels: Record<string, Level> = Object.fromEntries(SCOPES.map((scope) => [scope, 'none']));
  for (const [scope, level] of Object.entries(permissions)) {
    if (!(level in LEVEL)) refuse(`${where}: permission ${scope}: '${String(level)}'`);
    levels[scope] = level as Level;
  }
  return levels;
}

// ---- the run ----------------------------------------------------------------------------------------

interface Scope {
  /** Contexts shared by every job of this workflow (github, inputs, secrets, vars). */
  readonly base: Contexts;
  readonly workflow: WorkflowYaml;
  readonly file: string;
  /** `caller / ` for called workflows. */
  readonly prefix: string;
}

class WorkflowRunner {
  private readonly finishedJobs: JobRun[] = [];
  private readonly concurrency = new Set<string>();
  private readonly github: Contexts;
  private readonly token: string;

  constructor(private readonly options: RunWorkflowOptions) {
    this.token = options.token ?? 'test-token';
    const owner = options.owner ?? 'octo-org';
    const repo = options.repo ?? 'web';
    this.github = {
      repository: `${owner}/${repo}`,
      repository_owner: owner,
      run_id: options.runId ?? '7001',
      run_number: '12',
      run_attempt: '1',
      server_url: 'https://github.com',
      api_url: options.apiUrl,
      sha: 'a3f1c2d4e5b6a7980112233445566778899aabbc',
      ref: 'refs/heads/main',
      ref_name: 'main',
      actor: 'octocat',
      workflow: '',
      workspace: options.workspace,
      token: this.token,
    };
  }

  async run(): Promise<WorkflowRun> {
    const workflow = selectJobs(readWorkflow(this.options.workflow), this.options.jobs, this.options.workflow);
    const event = this.options.event ?? DISPATCH;
    const { inputs, payload } = this.trigger(workflow, event);
    const github = {
      ...this.github,
      event_name: event.name,
      event: payload,
      workflow: workflow.name ?? this.options.workflow,
    };
    const scope: Scope = {
      base: { github, inputs, secrets: { GITHUB_TOKEN: this.token, ...this.options.secrets }, vars: {} },
      workflow,
      file: this.options.workflow,
      prefix: '',
    };
    if (workflow.concurrency !== undefined) evaluateValue(workflow.concurrency, { github, inputs, vars: {} });
    const jobs = await this.runJobs(scope);
    const conclusion = Object.values(jobs).some((job) => job.result === 'failure') ? 'failure' : 'success';
    return { conclusion, jobs, finished: this.finishedJobs };
  }

  /** The run's `inputs` and event payload, for the event that starts it. */
  private trigger(
    workflow: WorkflowYaml,
    event: WorkflowEvent,
  ): { inputs: Record<string, string | boolean | number>; payload: Contexts } {
    const file = this.options.workflow;
    const github = this.github as { repository: string; repository_owner: string };
    const common = {
      repository: {
        name: github.repository.slice(github.repository_owner.length + 1),
        full_name: github.repository,
        owner: { login: github.repository_owner },
      },
      workflow: relative(this.options.workspace, file).startsWith('..')
        ? `.github/workflows/${basename(file)}`
        : relative(this.options.workspace, file),
    };
    switch (event.name) {
      case 'workflow_dispatch': {
        const dispatch = workflow.on?.workflow_dispatch;
        if (dispatch === undefined) refuse(`${file}: no workflow_dispatch trigger`);
        const given = this.options.inputs ?? {};
        return {
          inputs: typedInputs(dispatch?.inputs ?? {}, given, file),
          payload: {
            inputs: Object.fromEntries(Object.entries(given).map(([key, value]) => [key, String(value)])),
            ref: 'refs/heads/main',
            sender: { login: 'octocat' },
            ...common,
          },
        };
      }
      case 'schedule': {
        const schedule = workflow.on?.schedule;
        if (schedule === undefined) refuse(`${file}: no schedule trigger`);
        if (!Array.isArray(schedule) || schedule.length === 0) refuse(`${file}: on.schedule is not a list of crons`);
        const crons = schedule.map((item: unknown) => {
          const cron = (item as { cron?: unknown } | null)?.cron;
          if (typeof cron !== 'string' || Object.keys(item as object).length !== 1)
            refuse(`${file}: an on.schedule item is not { cron: <string> }`);
          return cron;
        });
        const cron = event.cron ?? (crons[0] as string);
        if (!crons.includes(cron)) refuse(`${file}: schedule cron '${cron}' is not one of ${crons.join(', ')}`);
        if (Object.keys(this.options.inputs ?? {}).length > 0)
          refuse(`${file}: inputs given to a schedule run (a scheduled run has none)`);
        return { inputs: {}, payload: { schedule: cron, ...common } };
      }
      default: {
        const unknown: never = event;
        refuse(`${file}: event '${(unknown as { name: string }).name}' is not supported (workflow_dispatch, schedule)`);
      }
    }
  }

  /** Every job of a workflow, each once all of its needs have finished. */
  private async runJobs(scope: Scope): Promise<Record<string, JobRun>> {
    const jobs = scope.workflow.jobs;
    const needsOf = (id: string): string[] => {
      const needs = jobs[id]?.needs;
      const list = needs === undefined ? [] : Array.isArray(needs) ? needs : [needs];
      for (const need of list) if (!(need in jobs)) refuse(`${scope.file}: job '${id}' needs unknown job '${need}'`);
      return list;
    };
    const ancestors = (id: string, seen: string[] = []): Set<string> => {
      if (seen.includes(id)) refuse(`${scope.file}: a cycle in needs: ${[...seen, id].join(' → ')}`);
      return new Set(needsOf(id).flatMap((need) => [need, ...ancestors(need, [...seen, id])]));
    };
    for (const id of Object.keys(jobs)) ancestors(id);

    const runs = new Map<string, Promise<JobRun>>();
    const runOf = (id: string): Promise<JobRun> => {
      let promise = runs.get(id);
      if (!promise) {
        promise = Promise.all(needsOf(id).map(runOf)).then(async () => {
          const done = new Map<string, JobRun>();
          for (const other of ancestors(id)) done.set(other, await (runs.get(other) as Promise<JobRun>));
          return this.runJob(scope, id, needsOf(id), done);
        });
        runs.set(id, promise);
      }
      return promise;
    };
    const entries = await Promise.all(Object.keys(jobs).map(async (id) => [id, await runOf(id)] as const));
    return Object.fromEntries(entries);
  }

  private async runJob(scope: Scope, id: string, needs: string[], done: Map<string, JobRun>): Promise<JobRun> {
    const job = scope.workflow.jobs[id] as JobYaml;
    const where = `${scope.file}: job '${id}'`;
    onlyKeys(job, JOB_KEYS, where);
    const startedAt = Date.now();
    const needsContext = Object.fromEntries(
      needs.map((need) => {
        const run = done.get(need) as JobRun;
        return [need, { result: run.result, outputs: run.outputs }];
      }),
    );
    const results = [...done.values()].map((run) => run.result);
    const status: Status = {
      success: results.every((result) => result === 'success'),
      failure: results.includes('failure'),
    };
    const jobContexts = { ...scope.base, needs: needsContext };
    const ifContexts = { github: scope.base.github, inputs: scope.base.inputs, needs: needsContext, vars: {} };
    if (!conditionHolds(job.if, ifContexts, status)) {
      return this.record({
        path: `${scope.prefix}${id}`,
        id,
        name: job.name ?? id,
        result: 'skipped',
        outputs: {},
        steps: [],
        legs: [],
        called: [],
        startedAt,
        finishedAt: Date.now(),
      });
    }

    const strategy = job.strategy;
    if (strategy === undefined) return this.runLeg(scope, id, job, jobContexts, undefined, startedAt);
    onlyKeys(strategy, new Set(['matrix', 'fail-fast']), `${where} strategy`);
    const strategyContexts = { github: scope.base.github, inputs: scope.base.inputs, needs: needsContext, vars: {} };
    const combinations = expandMatrix(evaluateValue(strategy.matrix, strategyContexts), where);
    const failFast = evaluateValue(strategy['fail-fast'] ?? true, strategyContexts);
    if (failFast !== false && combinations.length > 1)
      refuse(`${where}: strategy.fail-fast must be false (cancelling the other legs is not implemented)`);

    const order: JobRun[] = [];
    const legs = await Promise.all(
      combinations.map(async (matrix, index) => {
        const contexts = {
          ...jobContexts,
          matrix,
          strategy: { 'fail-fast': false, 'job-index': index, 'job-total': combinations.length },
        };
        const leg = await this.runLeg(scope, id, job, contexts, matrix, Date.now());
        order.push(leg);
        return leg;
      }),
    );
    const outputs: Record<string, string> = {};
    for (const leg of order)
      for (const [key, value] of Object.entries(leg.outputs)) if (value !== '') outputs[key] = value;
    return this.record({
      path: `${scope.prefix}${id}`,
      id,
      name: job.name ?? id,
      result: legs.some((leg) => leg.result === 'failure') ? 'failure' : 'success',
      outputs,
      steps: [],
      legs,
      called: [],
      startedAt,
      finishedAt: Date.now(),
    });
  }

  private async runLeg(
    scope: Scope,
    id: string,
    job: JobYaml,
    contexts: Contexts,
    matrix: Combination | undefined,
    startedAt: number,
  ): Promise<JobRun> {
    const where = `${scope.file}: job '${id}'`;
    const name = job.name === undefined ? id : evaluateString(job.name, contexts);
    const path = `${scope.prefix}${id}${matrix ? ` (${Object.values(matrix).map(String).join(', ')})` : ''}`;
    // Evaluated, so that a bad expression fails as it would on GitHub; not enforced (see the header).
    evaluateValue(job['runs-on'], contexts);
    evaluateValue(job.environment, contexts);
    evaluateValue(job['timeout-minutes'], contexts);
    const group = concurrencyGroup(evaluateValue(job.concurrency, contexts));
    if (group !== undefined) {
      if (this.concurrency.has(group))
        refuse(`${where}: concurrency group '${group}' is held by a running job (queueing is not implemented)`);
      this.concurrency.add(group);
    }
    try {
      if (job.uses !== undefined) {
        if (job.steps !== undefined) refuse(`${where}: a job has either uses or steps`);
        const called = await this.callWorkflow(scope, id, job, contexts, path);
        return this.record({
          ...called,
          path,
          id,
          name,
          ...(matrix ? { matrix } : {}),
          startedAt,
          finishedAt: Date.now(),
        });
      }
      if (!Array.isArray(job.steps)) refuse(`${where}: no steps`);
      for (const key of ['with', 'secrets'] as const)
        if (job[key] !== undefined) refuse(`${where}: '${key}' belongs to a job that uses a workflow`);
      const ran = await this.runSteps(scope, id, job, contexts, path);
      return this.record({
        path,
        id,
        name,
        ...(matrix ? { matrix } : {}),
        result: ran.result,
        outputs: ran.outputs,
        steps: ran.steps,
        legs: [],
        called: [],
        startedAt,
        finishedAt: Date.now(),
      });
    } finally {
      if (group !== undefined) this.concurrency.delete(group);
    }
  }

  private async callWorkflow(
    scope: Scope,
    id: string,
    job: JobYaml,
    contexts: Contexts,
    path: string,
  ): Promise<Omit<JobRun, 'path' | 'id' | 'name' | 'startedAt' | 'finishedAt'>> {
    const where = `${scope.file}: job '${id}'`;
    const file = /^shipgate\/shipgate\/\.github\/workflows\/([\w.-]+\.ya?ml)@[\w./-]+$/.exec(job.uses ?? '')?.[1];
    if (!file)
      refuse(`${where}: uses '${job.uses}': only shipgate/shipgate/.github/workflows/<file>@<ref> is supported`);
    const calledPath = join(repoRoot, '.github', 'workflows', file);
    const called = readWorkflow(calledPath);
    const trigger = called.on?.workflow_call;
    if (!trigger) refuse(`${calledPath}: no workflow_call trigger`);

    const given = (evaluateValue(job.with ?? {}, contexts) ?? {}) as Record<string, unknown>;
    const inputs = typedInputs(trigger.inputs ?? {}, given, `${where} (with: for ${file})`);

    const declared = trigger.secrets ?? {};
    let secrets: Record<string, string>;
    if (job.secrets === 'inherit') secrets = { ...(contexts.secrets as Record<string, string>) };
    else {
      secrets = {};
      for (const [name, value] of Object.entries(job.secrets ?? {})) {
        if (!(name in declared)) refuse(`${where}: secret '${name}' is not declared by ${file}`);
        secrets[name] = evaluateString(value, contexts);
      }
    }
    for (const [name, spec] of Object.entries(declared))
      if (spec?.required && !secrets[name]) refuse(`${where}: ${file} requires secret '${name}'`);

    // GitHub refuses a nested job that asks for more than the calling job was granted.
    const granted = permissionLevels(job.permissions ?? scope.workflow.permissions, where);
    for (const [calledId, calledJob] of Object.entries(called.jobs)) {
      const asked = permissionLevels(calledJob.permissions ?? called.permissions, `${calledPath}: job '${calledId}'`);
      for (const [scopeName, level] of Object.entries(asked))
        if (LEVEL[level] > LEVEL[granted[scopeName] ?? 'none'])
          refuse(
            `${where}: the nested job '${calledId}' is requesting '${scopeName}: ${level}', but is only allowed '${scopeName}: ${granted[scopeName] ?? 'none'}'`,
          );
    }

    const calledScope: Scope = {
      base: {
        github: contexts.github,
        inputs,
        secrets: { GITHUB_TOKEN: this.token, ...secrets },
        vars: {},
      },
      workflow: called,
      file: calledPath,
      prefix: `${path} / `,
    };
    const jobs = await this.runJobs(calledScope);
    const jobsContext = Object.fromEntries(
      Object.entries(jobs).map(([jobId, run]) => [jobId, { result: run.result, outputs: run.outputs }]),
    );
    const outputs = Object.fromEntries(
      Object.entries(trigger.outputs ?? {}).map(([name, spec]) => [
        name,
        evaluateString(spec.value, { github: contexts.github, inputs, jobs: jobsContext, vars: {} }),
      ]),
    );
    return {
      result: Object.values(jobs).some((run) => run.result === 'failure') ? 'failure' : 'success',
      outputs,
      steps: [],
      legs: [],
      called: Object.values(jobs),
    };
  }

  private async runSteps(
    scope: Scope,
    id: string,
    job: JobYaml,
    contexts: Contexts,
    path: string,
  ): Promise<{ result: JobResult; outputs: Record<string, string>; steps: StepRun[] }> {
    const temp = mkdtempSync(join(tmpdir(), 'shipgate-job-'));
    try {
      const github: Contexts = { ...(contexts.github as Contexts), job: id };
      const event = { name: String(github.event_name), payload: github.event };
      const runner = { os: 'Linux', arch: 'X64', temp, name: 'shipgate-test-runner' };
      const jobEnv: Record<string, string> = {};
      for (const [name, value] of Object.entries(job.env ?? {}))
        jobEnv[name] = evaluateString(value, { ...contexts, github, runner });
      const exported: Record<string, string> = {};
      const stepsContext: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
      const steps: StepRun[] = [];
      const posts: Array<{
        action: string;
        inputs: Record<string, string>;
        state: Record<string, string>;
        env: Record<string, string>;
      }> = [];
      let failed = false;
      const stepContexts = () => ({
        ...contexts,
        github,
        runner,
        job: { status: failed ? 'failure' : 'success' },
        env: { ...jobEnv, ...exported },
        steps: stepsContext,
      });
      const runnerEnv = (step: Record<string, string>): Record<string, string> => ({
        ...this.options.env,
        ...this.defaultEnv(scope, id, temp),
        ...jobEnv,
        ...exported,
        ...step,
      });

      for (const [index, step] of (job.steps ?? []).entries()) {
        const where = `${scope.file}: job '${id}' step ${step.id ?? step.name ?? index + 1}`;
        onlyKeys(step, STEP_KEYS, where);
        const name = step.name === undefined ? (step.uses ?? 'run') : evaluateString(step.name, stepContexts());
        if (!conditionHolds(step.if, stepContexts(), { success: !failed, failure: failed })) {
          const skipped: StepRun = {
            name,
            ...(step.id ? { id: step.id } : {}),
            outcome: 'skipped',
            outputs: {},
            log: '',
            durationMs: 0,
          };
          steps.push(skipped);
          if (step.id) stepsContext[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
          continue;
        }
        const stepEnv: Record<string, string> = {};
        for (const [key, value] of Object.entries(step.env ?? {}))
          stepEnv[key] = evaluateString(value, { ...stepContexts() });
        let ran: { ok: boolean; outputs: Record<string, string>; env: Record<string, string>; log: string };
        const stepStarted = performance.now();
        if (step.run !== undefined) {
          if (step.uses !== undefined) refuse(`${where}: a step has either run or uses`);
          if (step.with !== undefined) refuse(`${where}: 'with' on a run step`);
          ran = await this.runScript(
            evaluateString(step.run, stepContexts()),
            step.shell,
            runnerEnv(stepEnv),
            event.payload,
            temp,
            where,
          );
        } else if (typeof step.uses === 'string' && /^actions\/checkout@/.test(step.uses)) {
          ran = { ok: true, outputs: {}, env: {}, log: 'checkout: the workspace is already the checkout (no-op)' };
        } else if (typeof step.uses === 'string') {
          const action =
            /^\$\/actions\/([a-z-]+)$/.exec(step.uses)?.[1] ??
            /^shipgate\/shipgate\/actions\/([a-z-]+)@[\w./-]+$/.exec(step.uses)?.[1];
          if (!action) refuse(`${where}: uses '${step.uses}' is not supported`);
          const withInputs = Object.fromEntries(
            Object.entries(step.with ?? {}).map(([key, value]) => [key, evaluateString(value, stepContexts())]),
          );
          const env = runnerEnv(stepEnv);
          const result = await runAction({
            action,
            inputs: withInputs,
            token: this.token,
            apiUrl: this.options.apiUrl,
            event,
            env: actionEnv(env),
            cwd: this.options.workspace,
            timeoutMs: this.options.stepTimeoutMs ?? 120_000,
          });
          ran = {
            ok: result.exitCode === 0,
            outputs: { ...result.outputs },
            env: { ...result.exportedEnv },
            log: `${result.stdout}${result.stderr}`,
          };
          if (readActionYaml(action).runs.post)
            posts.push({ action, inputs: withInputs, state: { ...result.state }, env: actionEnv(env) });
        } else refuse(`${where}: neither run nor uses`);

        Object.assign(exported, ran.env);
        const outcome: StepOutcome = ran.ok ? 'success' : 'failure';
        if (!ran.ok) failed = true;
        const record: StepRun = {
          name,
          ...(step.id ? { id: step.id } : {}),
          outcome,
          outputs: ran.outputs,
          log: ran.log,
          durationMs: performance.now() - stepStarted,
        };
        steps.push(record);
        this.options.onStep?.(path, record);
        if (step.id) stepsContext[step.id] = { outputs: ran.outputs, outcome, conclusion: outcome };
      }

      // Post steps, newest first, when their action's post-if holds for the job's status.
      for (const post of posts.reverse()) {
        const meta = readActionYaml(post.action) as { runs: { 'post-if'?: string } };
        if (!conditionHolds(meta.runs['post-if'] ?? 'success()', {}, { success: !failed, failure: failed })) continue;
        const result = await runAction({
          action: post.action,
          entry: 'post',
          inputs: post.inputs,
          state: post.state,
          token: this.token,
          apiUrl: this.options.apiUrl,
          event,
          env: post.env,
          cwd: this.options.workspace,
          timeoutMs: this.options.stepTimeoutMs ?? 120_000,
        });
        const record: StepRun = {
          name: `Post ${post.action}`,
          outcome: result.exitCode === 0 ? 'success' : 'failure',
          outputs: {},
          log: `${result.stdout}${result.stderr}`,
          durationMs: result.durationMs,
        };
        steps.push(record);
        this.options.onStep?.(path, record);
        if (result.exitCode !== 0) failed = true;
      }

      const outputs = Object.fromEntries(
        Object.entries(job.outputs ?? {}).map(([name, value]) => [name, evaluateString(value, stepContexts())]),
      );
      return { result: failed ? 'failure' : 'success', outputs, steps };
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }

  /** The variables the runner sets for every step. */
  private defaultEnv(scope: Scope, jobId: string, temp: string): Record<string, string> {
    const github = scope.base.github as Record<string, unknown>;
    return {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_TEMP: temp,
      GITHUB_WORKSPACE: this.options.workspace,
      GITHUB_REPOSITORY: String(github.repository),
      GITHUB_REPOSITORY_OWNER: String(github.repository_owner),
      GITHUB_SHA: String(github.sha),
      GITHUB_REF: String(github.ref),
      GITHUB_REF_NAME: String(github.ref_name),
      GITHUB_EVENT_NAME: String(github.event_name),
      GITHUB_RUN_ID: String(github.run_id),
      GITHUB_RUN_NUMBER: String(github.run_number),
      GITHUB_RUN_ATTEMPT: String(github.run_attempt),
      GITHUB_WORKFLOW: String(github.workflow),
      GITHUB_JOB: jobId,
      GITHUB_ACTOR: String(github.actor),
      GITHUB_SERVER_URL: String(github.server_url),
      GITHUB_API_URL: this.options.apiUrl,
    };
  }

  private async runScript(
    script: string,
    shell: string | undefined,
    env: Record<string, string>,
    payload: unknown,
    temp: string,
    where: string,
  ): Promise<{ ok: boolean; outputs: Record<string, string>; env: Record<string, string>; log: string }> {
    if (shell !== undefined && shell !== 'bash') refuse(`${where}: shell '${shell}' is not supported (bash only)`);
    const file = join(temp, `step-${Date.now()}-${Math.random().toString(36).slice(2)}.sh`);
    const output = `${file}.output`;
    const exportedEnv = `${file}.env`;
    const event = `${file}.event.json`;
    writeFileSync(file, script);
    writeFileSync(output, '');
    writeFileSync(exportedEnv, '');
    writeFileSync(event, JSON.stringify(payload));
    const args = shell === 'bash' ? ['--noprofile', '--norc', '-eo', 'pipefail', file] : ['-e', file];
    const child = spawn('bash', args, {
      cwd: this.options.workspace,
      env: {
        ...env,
        PATH: `${RUNNER_TOOLS}:${env.PATH ?? '/usr/bin:/bin'}`,
        GITHUB_OUTPUT: output,
        GITHUB_ENV: exportedEnv,
        GITHUB_STEP_SUMMARY: `${file}.summary`,
        GITHUB_EVENT_PATH: event,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), this.options.stepTimeoutMs ?? 120_000);
    const code = await new Promise<number | null>((done) => child.on('close', (exit) => done(exit)));
    clearTimeout(timer);
    return {
      ok: code === 0,
      outputs: parseFileCommands(readFileSync(output, 'utf8')),
      env: parseFileCommands(readFileSync(exportedEnv, 'utf8')),
      log,
    };
  }

  private record(run: JobRun): JobRun {
    this.finishedJobs.push(run);
    return run;
  }
}

/** The files the runner gives each action of its own (action-runner makes them per action). */
function actionEnv(env: Record<string, string>): Record<string, string> {
  const {
    GITHUB_OUTPUT: _output,
    GITHUB_ENV: _env,
    GITHUB_STATE: _state,
    GITHUB_STEP_SUMMARY: _summary,
    GITHUB_EVENT_PATH: _event,
    RUNNER_TEMP: _temp,
    ...rest
  } = env;
  return rest;
}

function concurrencyGroup(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'group' in value) return String((value as { group: unknown }).group);
  refuse(`concurrency '${String(value)}' is not a group`);
}

/** Inputs as the workflow declares them: typed, defaults applied, unknown and missing required ones refused. */
function typedInputs(
  declared: Record<string, InputYaml>,
  given: Readonly<Record<string, unknown>>,
  where: string,
): Record<string, string | boolean | number> {
  for (const name of Object.keys(given)) if (!(name in declared)) refuse(`${where}: input '${name}' is not declared`);
  const inputs: Record<string, string | boolean | number> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const value = given[name] ?? spec.default;
    if (value === undefined) {
      if (spec.required) refuse(`${where}: input '${name}' is required`);
      inputs[name] = spec.type === 'boolean' ? false : spec.type === 'number' ? 0 : '';
      continue;
    }
    switch (spec.type ?? 'string') {
      case 'boolean':
        if (value !== true && value !== false && value !== 'true' && value !== 'false')
          refuse(`${where}: input '${name}' is '${String(value)}'; expected a boolean`);
        inputs[name] = value === true || value === 'true';
        break;
      case 'number':
        if (Number.isNaN(Number(value))) refuse(`${where}: input '${name}' is '${String(value)}'; expected a number`);
        inputs[name] = Number(value);
        break;
      case 'choice':
        if (!spec.options?.includes(String(value)))
          refuse(`${where}: input '${name}' is '${String(value)}'; expected one of ${spec.options?.join(', ')}`);
        inputs[name] = String(value);
        break;
      case 'string':
      case 'environment':
        if (typeof value === 'object') refuse(`${where}: input '${name}' is not a string`);
        inputs[name] = String(value);
        break;
      default:
        refuse(`${where}: input '${name}' has type '${spec.type}'`);
    }
  }
  return inputs;
}

/** The workflow with only the jobs asked for; an unknown one, or one whose needs are left out, is refused. */
function selectJobs(workflow: WorkflowYaml, ids: readonly string[] | undefined, file: string): WorkflowYaml {
  if (ids === undefined) return workflow;
  if (ids.length === 0) refuse(`${file}: jobs: an empty list (leave it out to run every job)`);
  const jobs: Record<string, JobYaml> = {};
  for (const id of ids) {
    const job = workflow.jobs[id];
    if (!job)
      refuse(
        `${file}: jobs: '${id}' is not a job of the workflow (its jobs: ${Object.keys(workflow.jobs).join(', ')})`,
      );
    jobs[id] = job;
  }
  for (const [id, job] of Object.entries(jobs))
    for (const need of job.needs === undefined ? [] : [job.needs].flat())
      if (!ids.includes(need)) refuse(`${file}: jobs: '${id}' needs '${need}', which is not among the jobs to run`);
  return { ...workflow, jobs };
}

/** Runs a caller's workflow to the end and returns every job's result. */
export function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRun> {
  return new WorkflowRunner(options).run();
}

/** Every job of a run, with legs and called jobs, flattened (for assertions). */
export function allJobs(run: WorkflowRun): JobRun[] {
  return Object.values(run.jobs).flatMap(withNested);
}

const withNested = (job: JobRun): JobRun[] => [job, ...job.legs.flatMap(withNested), ...job.called.flatMap(withNested)];

/**
 * The step with this id, else with this name, in a job or anywhere in a run (legs and called jobs
 * included), for assertions; undefined when there is none, an error when more than one job has it.
 */
export function findStep(of: WorkflowRun | JobRun, idOrName: string): StepRun | undefined {
  const jobs = 'jobs' in of ? allJobs(of) : withNested(of);
  const steps = jobs.flatMap((job) => job.steps.map((step) => ({ job: job.path, step })));
  const byId = steps.filter(({ step }) => step.id === idOrName);
  const found = byId.length > 0 ? byId : steps.filter(({ step }) => step.name === idOrName);
  if (found.length > 1)
    refuse(`step '${idOrName}' is in more than one job (${found.map(({ job }) => job).join(', ')}); look in one job`);
  return found[0]?.step;
}
