import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import { parse as parseYaml } from 'yaml';
import { type ActionRun, parseFileCommands, runAction } from '../support/action-runner.js';
import { repoRoot } from '../support/paths.js';

/**
 * Runs the jobs of a workflow file the way the runner would, far enough for examples/001-web-project's
 * workflows: jobs in `needs` order with their `if:`; a job that calls one of shipgate's reusable
 * workflows (`…/.github/workflows/<file>@ref`) runs that file of this repository with the inputs (and
 * their defaults) and secrets it is given; steps with `if:` (status functions included), `env:`, `run:`
 * (bash, with GITHUB_OUTPUT and GITHUB_ENV), and `uses:` of shipgate's actions (`$/actions/<name>`,
 * `<owner>/<repo>/actions/<name>@ref`), which run the committed bundle through `runAction`.
 * `actions/checkout` is a no-op: the workspace is the checkout. Expressions are evaluated with GitHub's
 * own engine (@actions/expressions). `runs-on`, `environment`, `concurrency`, `permissions` and
 * `timeout-minutes` are GitHub's to apply and are not evaluated here.
 */

export interface WorkflowOptions {
  /** The checkout: steps run here, and `GITHUB_WORKSPACE`. */
  readonly workspace: string;
  /** The runner's environment (PATH first): every step and hook inherits it. */
  readonly env: Readonly<Record<string, string>>;
  readonly apiUrl: string;
  readonly token: string;
  readonly event: { readonly name: string; readonly inputs?: Readonly<Record<string, unknown>> };
  readonly secrets?: Readonly<Record<string, string>>;
}

export type Outcome = 'success' | 'failure' | 'skipped';

export interface StepRun {
  readonly name: string;
  readonly outcome: Outcome;
  readonly outputs: Readonly<Record<string, string>>;
  /** The action's run (its log, summary, outputs), for `uses:` steps of shipgate's actions. */
  readonly action?: ActionRun;
  /** A `run:` step's stdout and stderr. */
  readonly log?: string;
}

export interface JobRun {
  readonly result: Outcome;
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly steps: readonly StepRun[];
  /** A job that called a reusable workflow: that workflow's jobs. */
  readonly called?: WorkflowRun;
}

export interface WorkflowRun {
  readonly jobs: Readonly<Record<string, JobRun>>;
  /** The step of any job (or called job) with this id, or this name. */
  step(idOrName: string): StepRun | undefined;
}

interface StepSpec {
  id?: string;
  name?: string;
  if?: string | boolean;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface JobSpec {
  needs?: string | string[];
  if?: string | boolean;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | 'inherit';
  env?: Record<string, unknown>;
  outputs?: Record<string, string>;
  steps?: StepSpec[];
}
interface InputSpec {
  type?: string;
  default?: unknown;
}
interface WorkflowSpec {
  on?: {
    workflow_call?: { inputs?: Record<string, InputSpec>; outputs?: Record<string, { value: string }> };
    workflow_dispatch?: { inputs?: Record<string, InputSpec> } | null;
  };
  env?: Record<string, unknown>;
  jobs: Record<string, JobSpec>;
}

type Contexts = Record<string, unknown>;
type Status = 'success' | 'failure';

const STATUS_FUNCTIONS = ['success', 'failure', 'cancelled', 'always'] as const;

function evaluate(expression: string, contexts: Contexts, status: Status): data.ExpressionData {
  const calls: Record<(typeof STATUS_FUNCTIONS)[number], () => boolean> = {
    success: () => status === 'success',
    failure: () => status === 'failure',
    cancelled: () => false,
    always: () => true,
  };
  const functions = new Map(
    STATUS_FUNCTIONS.map((name) => [
      name,
      { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(calls[name]()) },
    ]),
  );
  const tokens = new Lexer(expression).lex().tokens;
  const tree = new Parser(tokens, Object.keys(contexts), [...functions.values()]).parse();
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return new Evaluator(tree, context, functions).evaluate();
}

const toPlain = (value: data.ExpressionData): unknown => JSON.parse(JSON.stringify(value, data.replacer));

/**
 * A `${{ }}` template: a value that is one expression keeps its type (a boolean input stays a boolean);
 * otherwise each expression is put in the string, as the runner does.
 */
function expand(value: unknown, contexts: Contexts, status: Status = 'success'): unknown {
  if (typeof value !== 'string') return value;
  const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(value);
  if (whole) return toPlain(evaluate(whole[1] ?? '', contexts, status));
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => {
    const result = evaluate(expression, contexts, status);
    return result.kind === data.Kind.Null ? '' : result.coerceString();
  });
}

const asString = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);

/** Whether a step or job with this `if:` runs when the status so far is `status`. */
function runs(condition: string | boolean | undefined, contexts: Contexts, status: Status): boolean {
  if (condition === undefined) return status === 'success';
  const text = String(condition)
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const statusCall = new RegExp(`\\b(${STATUS_FUNCTIONS.join('|')})\\s*\\(`).test(text);
  return truthy(evaluate(statusCall ? text : `success() && (${text})`, contexts, status));
}

const OWN_ACTION = /^(?:\$\/|[\w.-]+\/[\w.-]+\/)actions\/(deploy|rollback|healthcheck|incident)(?:@[\w.-]+)?$/;
const OWN_WORKFLOW = /^[\w.-]+\/[\w.-]+\/\.github\/workflows\/([\w.-]+\.ya?ml)@[\w.-]+$/;

export async function runWorkflow(path: string, options: WorkflowOptions): Promise<WorkflowRun> {
  const spec = parseYaml(readFileSync(path, 'utf8')) as WorkflowSpec;
  const dispatchInputs = spec.on?.workflow_dispatch?.inputs ?? {};
  const inputs = Object.fromEntries(
    Object.entries(dispatchInputs).map(([name, input]) => [name, options.event.inputs?.[name] ?? input.default ?? '']),
  );
  return runJobs(spec, inputs, options.secrets ?? {}, options);
}

async function runJobs(
  spec: WorkflowSpec,
  inputs: Record<string, unknown>,
  secrets: Readonly<Record<string, string>>,
  options: WorkflowOptions,
): Promise<WorkflowRun> {
  const jobs: Record<string, JobRun> = {};
  const pending = Object.keys(spec.jobs);
  while (pending.length > 0) {
    const index = pending.findIndex((id) => needsOf(spec.jobs[id] ?? {}).every((need) => need in jobs));
    if (index === -1) throw new Error(`workflow: jobs ${pending.join(', ')} wait for each other`);
    const [id = ''] = pending.splice(index, 1);
    const job = spec.jobs[id] ?? {};
    const needs = Object.fromEntries(
      needsOf(job).map((need) => [need, { result: jobs[need]?.result, outputs: jobs[need]?.outputs ?? {} }]),
    );
    const status: Status = needsOf(job).every((need) => jobs[need]?.result === 'success') ? 'success' : 'failure';
    const contexts = baseContexts(options, inputs, secrets, { needs, env: envOf(spec.env, {}) });
    jobs[id] = runs(job.if, contexts, status)
      ? await runJob(job, contexts, options)
      : { result: 'skipped', outputs: {}, steps: [] };
  }
  const step = (idOrName: string): StepRun | undefined => {
    for (const job of Object.values(jobs)) {
      const found = job.steps.find((s) => s.name === idOrName) ?? job.called?.step(idOrName);
      if (found) return found;
    }
    return undefined;
  };
  return { jobs, step };
}

const needsOf = (job: JobSpec): string[] =>
  job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];

function envOf(env: Record<string, unknown> | undefined, contexts: Contexts): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env ?? {}).map(([name, value]) => [name, asString(expand(value, contexts))]),
  );
}

function baseContexts(
  options: WorkflowOptions,
  inputs: Record<string, unknown>,
  secrets: Readonly<Record<string, string>>,
  extra: Contexts,
): Contexts {
  return {
    github: {
      event_name: options.event.name,
      event: { inputs: options.event.inputs ?? {}, repository: { name: 'web' } },
      repository: 'octo-org/web',
      repository_owner: 'octo-org',
      server_url: 'https://github.com',
      run_id: '7001',
      sha: 'a3f1c2d4e5b6a7980112233445566778899aabbc',
      token: options.token,
    },
    inputs,
    secrets: { GITHUB_TOKEN: options.token, ...secrets },
    vars: {},
    runner: { os: 'Linux', temp: tmpdir() },
    ...extra,
  };
}

async function runJob(job: JobSpec, contexts: Contexts, options: WorkflowOptions): Promise<JobRun> {
  if (job.uses) return callWorkflow(job, contexts, options);
  const env = { ...(contexts.env as Record<string, string>), ...envOf(job.env, contexts) };
  const exported: Record<string, string> = {};
  const steps: StepRun[] = [];
  const stepsContext: Record<string, { outcome: Outcome; conclusion: Outcome; outputs: Record<string, string> }> = {};
  let status: Status = 'success';
  for (const [index, step] of (job.steps ?? []).entries()) {
    const name = step.id ?? step.name ?? `step ${index + 1}`;
    const here = { ...contexts, env: { ...env, ...exported }, steps: stepsContext, job: { status } };
    let run: StepRun;
    if (!runs(step.if, here, status)) {
      run = { name, outcome: 'skipped', outputs: {} };
    } else {
      const stepEnv = { ...env, ...exported, ...envOf(step.env, here) };
      run = await runStep(name, step, here, stepEnv, exported, options, status);
    }
    steps.push(run);
    if (step.id) stepsContext[step.id] = { outcome: run.outcome, conclusion: run.outcome, outputs: { ...run.outputs } };
    if (run.outcome === 'failure') status = 'failure';
  }
  const done = { ...contexts, steps: stepsContext, job: { status } };
  const outputs = Object.fromEntries(
    Object.entries(job.outputs ?? {}).map(([name, value]) => [name, asString(expand(value, done))]),
  );
  return { result: status, outputs, steps };
}

async function runStep(
  name: string,
  step: StepSpec,
  contexts: Contexts,
  env: Record<string, string>,
  exported: Record<string, string>,
  options: WorkflowOptions,
  status: Status,
): Promise<StepRun> {
  if (step.uses?.startsWith('actions/checkout@')) return { name, outcome: 'success', outputs: {} };
  const action = OWN_ACTION.exec(step.uses ?? '')?.[1];
  if (action) {
    const inputs = Object.fromEntries(
      Object.entries(step.with ?? {}).map(([key, value]) => [key, asString(expand(value, contexts, status))]),
    );
    const run = await runAction({
      action,
      inputs,
      cwd: options.workspace,
      env: { ...options.env, ...env },
      apiUrl: options.apiUrl,
      token: options.token,
      event: { name: options.event.name, payload: { inputs: options.event.inputs ?? {} } },
      timeoutMs: 90_000,
    });
    return { name, outcome: run.exitCode === 0 ? 'success' : 'failure', outputs: run.outputs, action: run };
  }
  if (step.run !== undefined) return runShell(name, step.run, env, exported, options);
  throw new Error(`workflow: step ${name} uses ${step.uses ?? '(nothing)'}, which this runner does not run`);
}

async function runShell(
  name: string,
  script: string,
  env: Record<string, string>,
  exported: Record<string, string>,
  options: WorkflowOptions,
): Promise<StepRun> {
  const temp = mkdtempSync(join(tmpdir(), 'sg-step-'));
  try {
    const files = { script: join(temp, 'step.sh'), output: join(temp, 'output'), env: join(temp, 'env') };
    writeFileSync(files.script, script);
    writeFileSync(files.output, '');
    writeFileSync(files.env, '');
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', files.script], {
      cwd: options.workspace,
      env: {
        ...options.env,
        ...env,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: options.workspace,
        GITHUB_OUTPUT: files.output,
        GITHUB_ENV: files.env,
        RUNNER_TEMP: temp,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (log += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (log += text));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    const code = await new Promise<number | null>((done) => child.on('close', (exit) => done(exit)));
    clearTimeout(timer);
    Object.assign(exported, parseFileCommands(readFileSync(files.env, 'utf8')));
    const outputs = parseFileCommands(readFileSync(files.output, 'utf8'));
    return { name, outcome: code === 0 ? 'success' : 'failure', outputs, log };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** A job that calls one of shipgate's reusable workflows: that file of this repository, with inputs and secrets. */
async function callWorkflow(job: JobSpec, contexts: Contexts, options: WorkflowOptions): Promise<JobRun> {
  const file = OWN_WORKFLOW.exec(job.uses ?? '')?.[1];
  if (!file) throw new Error(`workflow: job uses ${job.uses}, which is not one of shipgate's reusable workflows`);
  const called = parseYaml(readFileSync(join(repoRoot, '.github', 'workflows', file), 'utf8')) as WorkflowSpec;
  const declared = called.on?.workflow_call?.inputs ?? {};
  const given = Object.fromEntries(
    Object.entries(job.with ?? {}).map(([key, value]) => [key, expand(value, contexts)]),
  );
  const unknown = Object.keys(given).filter((key) => !(key in declared));
  if (unknown.length > 0) throw new Error(`workflow: ${file} has no input ${unknown.join(', ')}`);
  const inputs = Object.fromEntries(
    Object.entries(declared).map(([name, input]) => [name, given[name] ?? input.default ?? '']),
  );
  const secrets =
    job.secrets === 'inherit'
      ? { ...(contexts.secrets as Record<string, string>) }
      : Object.fromEntries(
          Object.entries(job.secrets ?? {}).map(([key, value]) => [key, asString(expand(value, contexts))]),
        );
  const run = await runJobs(called, inputs, secrets, options);
  const result: Outcome = Object.values(run.jobs).some((j) => j.result === 'failure') ? 'failure' : 'success';
  const outputs = Object.fromEntries(
    Object.entries(called.on?.workflow_call?.outputs ?? {}).map(([name, output]) => [
      name,
      asString(expand(output.value, { ...contexts, jobs: run.jobs })),
    ]),
  );
  return { result, outputs, steps: [], called: run };
}
