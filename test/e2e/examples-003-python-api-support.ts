import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import { parse as parseYaml } from 'yaml';
import type { ActionRun } from '../support/action-runner.js';
import { alive } from '../support/deploy-workspace.js';
import { repoRoot } from '../support/paths.js';

/**
 * Support for test/e2e/examples-003-python-api.e2e.test.ts: the host the example's hooks run on (a
 * stand-in `docker` on PATH that starts the stand-in "Python API" per slot), and a small runner for the
 * example's workflows that runs their steps that use shipgate's actions, in order, with GitHub's own
 * expression engine for `${{ }}` and `if:`.
 */

const here = join(repoRoot, 'test', 'e2e');

export interface ImageBehaviour {
  /** The share of /api/* requests answered 500 (every n-th). */
  readonly errorRate?: number;
  readonly latencyMs?: number;
}

export interface ApiHost {
  readonly dir: string;
  /** For the hooks: the stand-in `docker` first on PATH, and what it needs. */
  readonly env: Readonly<Record<string, string>>;
  /** Pushes an "image": what the stand-in API of this tag does. */
  image(tag: string, behaviour?: ImageBehaviour): void;
  /** Takes the shared dependencies down or up (both slots see it at once). */
  dependencies(state: { readonly db?: 'up' | 'down'; readonly redis?: 'up' | 'down' }): void;
  /** Running stand-ins by compose project (`api_blue`): their PIDs. */
  running(): Record<string, number>;
  /** Stops every stand-in by PID and removes the directory. */
  stop(): Promise<void>;
}

export function createApiHost(): ApiHost {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-ex003-host-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  mkdirSync(join(dir, 'images'));
  copyFileSync(join(here, 'examples-003-python-api-docker.sh'), join(bin, 'docker'));
  chmodSync(join(bin, 'docker'), 0o755);
  let deps = { db: 'up', redis: 'up' };
  writeFileSync(join(dir, 'dependencies.json'), JSON.stringify(deps));
  const running = (): Record<string, number> =>
    Object.fromEntries(
      readdirSync(dir)
        .filter((name) => name.endsWith('.pid'))
        .map((name) => [name.slice(0, -'.pid'.length), Number(readFileSync(join(dir, name), 'utf8').trim())]),
    );
  return {
    dir,
    env: {
      PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      STANDIN_DIR: dir,
      STANDIN_NODE: process.execPath,
      STANDIN_SERVER: join(here, 'examples-003-python-api-stand-in.mjs'),
    },
    image(tag, behaviour = {}) {
      const lines = [
        `API_ERROR_RATE=${behaviour.errorRate ?? 0}`,
        // A little work per request, so that a few load connections make steady, bounded traffic.
        `API_LATENCY_MS=${behaviour.latencyMs ?? 20}`,
      ];
      writeFileSync(join(dir, 'images', tag), `${lines.join('\n')}\n`);
    },
    dependencies(state) {
      deps = { ...deps, ...state };
      writeFileSync(join(dir, 'dependencies.json'), JSON.stringify(deps));
    },
    running,
    async stop() {
      const pids = Object.values(running());
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // gone already
        }
      }
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && pids.some((pid) => alive(pid))) await new Promise((r) => setTimeout(r, 50));
      for (const pid of pids.filter((pid) => alive(pid))) process.kill(pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// The workflows

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly if?: string | boolean;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly uses?: string;
  readonly if?: string | boolean;
  readonly needs?: string | string[];
  readonly with?: Record<string, unknown>;
  readonly steps?: Step[];
  readonly outputs?: Record<string, string>;
}
export interface Workflow {
  readonly on: {
    readonly workflow_call?: { readonly inputs?: Record<string, { default?: unknown }> };
    readonly workflow_dispatch?: unknown;
    readonly schedule?: unknown;
  };
  readonly jobs: Record<string, Job>;
}

export const readWorkflow = (path: string): Workflow => parseYaml(readFileSync(path, 'utf8')) as Workflow;

export type JobStatus = 'success' | 'failure';

export interface StepResult {
  readonly outcome: 'success' | 'failure' | 'skipped';
  readonly outputs: Readonly<Record<string, string>>;
  readonly run?: ActionRun;
}

export interface JobResult {
  readonly result: 'success' | 'failure' | 'skipped';
  /** By step id (or name). */
  readonly steps: Readonly<Record<string, StepResult>>;
  readonly outputs: Readonly<Record<string, string>>;
}

/** Runs one step that uses one of shipgate's actions; `where` says which (`db/check/health`). */
export type ActionStepRunner = (action: string, inputs: Record<string, string>, where: string) => Promise<ActionRun>;

const STATUS_FUNCTIONS = ['success', 'failure', 'cancelled', 'always'] as const;

function evaluate(expression: string, contexts: Record<string, unknown>, status: JobStatus): data.ExpressionData {
  const is = (wanted: JobStatus | 'any' | 'cancelled') => () =>
    new data.BooleanData(wanted === 'any' || wanted === status);
  const calls = { success: is('success'), failure: is('failure'), cancelled: is('cancelled'), always: is('any') };
  const functions = new Map(
    STATUS_FUNCTIONS.map((name) => [name, { name, minArgs: 0, maxArgs: 0, call: calls[name] }]),
  );
  const tree = new Parser(new Lexer(expression).lex().tokens, Object.keys(contexts), [...functions.values()]).parse();
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return new Evaluator(tree, context, functions).evaluate();
}

/** `a-${{ inputs.x }}-b` with each expression evaluated, as the runner does. */
function expand(value: unknown, contexts: Record<string, unknown>): string {
  if (typeof value !== 'string') return String(value);
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => {
    const result = evaluate(expression, contexts, 'success');
    return result.kind === data.Kind.Null ? '' : result.coerceString();
  });
}

/** An `if:` as the runner reads it: without a status function it means `success() && (…)`. */
function runs(condition: string | boolean | undefined, contexts: Record<string, unknown>, status: JobStatus) {
  if (condition === undefined) return status === 'success';
  const text = String(condition)
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const statusFunction = new RegExp(`\\b(${STATUS_FUNCTIONS.join('|')})\\s*\\(`).test(text);
  return truthy(evaluate(statusFunction ? text : `success() && (${text})`, contexts, status));
}

/** shipgate's action a step uses (`shipgate/shipgate/actions/deploy@v1`, `$/actions/incident`), if any. */
const ownAction = (uses: string | undefined) =>
  /(?:^|\/)actions\/(deploy|rollback|healthcheck|incident)(?:@|$)/.exec(uses ?? '')?.[1];

/**
 * Runs a job's steps in order, as the runner does: `if:` against the job's status so far, `with:`
 * expanded. Steps of other actions (actions/checkout) are taken as done: the test's workspace is the
 * checkout. A step whose action exits non-zero fails the job.
 */
export async function runJob(
  name: string,
  job: Job,
  contexts: Record<string, unknown>,
  runStep: ActionStepRunner,
): Promise<JobResult> {
  const steps: Record<string, StepResult> = {};
  let status: JobStatus = 'success';
  for (const [index, step] of (job.steps ?? []).entries()) {
    const key = step.id ?? step.name ?? `step-${index + 1}`;
    const scope = { ...contexts, steps };
    const action = ownAction(step.uses);
    if (!action) continue;
    if (!runs(step.if, scope, status)) {
      steps[key] = { outcome: 'skipped', outputs: {} };
      continue;
    }
    const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(v, scope)]));
    const run = await runStep(action, inputs, `${name}/${key}`);
    const outcome = run.exitCode === 0 ? 'success' : 'failure';
    if (outcome === 'failure') status = 'failure';
    steps[key] = { outcome, outputs: run.outputs, run };
  }
  const outputs = Object.fromEntries(
    Object.entries(job.outputs ?? {}).map(([k, v]) => [k, expand(v, { ...contexts, steps })]),
  );
  return { result: status, steps, outputs };
}

/**
 * A caller's job that `uses:` one of shipgate's reusable workflows: the called workflow's jobs in
 * `needs` order, its inputs from the caller's `with:` over the declared defaults. Returns each called job.
 */
export async function runCallerJob(
  name: string,
  caller: Job,
  runStep: ActionStepRunner,
): Promise<Record<string, JobResult>> {
  const file = /\.github\/workflows\/([\w-]+\.ya?ml)@/.exec(caller.uses ?? '')?.[1];
  if (!file) throw new Error(`job ${name} does not call one of shipgate's reusable workflows: ${caller.uses}`);
  const called = readWorkflow(join(repoRoot, '.github', 'workflows', file));
  const declared = called.on.workflow_call?.inputs ?? {};
  const inputs: Record<string, unknown> = Object.fromEntries(
    Object.entries(declared).map(([key, spec]) => [key, spec.default ?? '']),
  );
  for (const [key, value] of Object.entries(caller.with ?? {})) {
    if (!(key in declared)) throw new Error(`job ${name}: '${key}' is not an input of ${file}`);
    inputs[key] = value;
  }
  const results: Record<string, JobResult> = {};
  const pending = Object.entries(called.jobs);
  while (pending.length > 0) {
    const index = pending.findIndex(([, job]) => [job.needs ?? []].flat().every((need) => need in results));
    if (index === -1) throw new Error(`${file}: a cycle in needs`);
    const [jobName, job] = pending.splice(index, 1)[0] as [string, Job];
    const needs = Object.fromEntries(
      [job.needs ?? []]
        .flat()
        .map((need) => [need, { result: results[need]?.result, outputs: results[need]?.outputs }]),
    );
    const contexts = { inputs, secrets: {}, needs };
    const failedNeed = Object.values(needs).some((need) => need.result !== 'success');
    if (!runs(job.if, contexts, failedNeed ? 'failure' : 'success')) {
      results[jobName] = { result: 'skipped', steps: {}, outputs: {} };
      continue;
    }
    results[jobName] = await runJob(`${name}/${jobName}`, job, contexts, runStep);
  }
  return results;
}
