import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  conditionHolds,
  evaluateValue,
  expandMatrix,
  findStep,
  type JobRun,
  type RunWorkflowOptions,
  runWorkflow,
  WorkflowRunnerError,
} from '../support/workflow-runner.js';

// The workflow interpreter the example e2e tests run release workflows with (test/support/workflow-runner.ts):
// its expression and matrix rules against GitHub's documented behaviour, and its job ordering on tiny
// workflows of `run:` steps.

describe('conditions', () => {
  const ok = { success: true, failure: false };
  const failed = { success: false, failure: true };
  it.each([
    ['no if: runs only while everything succeeded', undefined, ok, true],
    ['no if: skipped after a failure', undefined, failed, false],
    ['a condition without a status function is success() && (it)', "inputs.x == 'a'", failed, false],
    ['the same condition holds when all succeeded', "inputs.x == 'a'", ok, true],
    ['failure() after a failure', 'failure()', failed, true],
    ['failure() when all succeeded', '${{ failure() }}', ok, false],
    ['always() with a condition after a failure', "always() && inputs.x == 'a'", failed, true],
    ['cancelled() is false: runs are never cancelled here', 'cancelled()', failed, false],
  ] as const)('%s', (_, condition, status, expected) => {
    expect(conditionHolds(condition, { inputs: { x: 'a' } }, status)).toBe(expected);
  });

  it('refuses a context the place does not have, as GitHub does', () => {
    expect(() => conditionHolds('matrix.service == 1', { needs: {} }, { success: true, failure: false })).toThrow(
      WorkflowRunnerError,
    );
  });

  it('filters objects (needs.*.result) and keeps the type of a whole expression', () => {
    const needs = { a: { result: 'success' }, b: { result: 'failure' } };
    expect(evaluateValue("${{ contains(needs.*.result, 'failure') }}", { needs })).toBe(true);
    expect(evaluateValue('${{ fromJSON(\'[{"service":"mail"}]\') }}', {})).toEqual([{ service: 'mail' }]);
    expect(evaluateValue('v${{ 1 }}-${{ true }}', {})).toBe('v1-true');
  });
});

describe('matrix expansion', () => {
  it('makes the product of the lists, in key order', () => {
    expect(expandMatrix({ os: ['a', 'b'], node: [1, 2] }, 'm')).toEqual([
      { os: 'a', node: 1 },
      { os: 'a', node: 2 },
      { os: 'b', node: 1 },
      { os: 'b', node: 2 },
    ]);
  });

  it('merges an include into the combinations it does not contradict, else adds it; exclude removes', () => {
    expect(
      expandMatrix(
        {
          fruit: ['apple', 'pear'],
          animal: ['cat', 'dog'],
          include: [
            { color: 'green' },
            { color: 'pink', animal: 'cat' },
            { fruit: 'apple', shape: 'circle' },
            { fruit: 'banana' },
          ],
          exclude: [{ fruit: 'pear', animal: 'dog' }],
        },
        'm',
      ),
    ).toEqual([
      // GitHub's documented example, less the excluded pear/dog.
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'banana' },
    ]);
  });

  it('takes a list of combinations from include alone, and refuses an empty matrix', () => {
    expect(expandMatrix({ include: [{ service: 'mail', to: '1' }] }, 'm')).toEqual([{ service: 'mail', to: '1' }]);
    expect(() => expandMatrix({ include: [] }, 'm')).toThrow(/no combination/);
  });
});

describe('runWorkflow on run: steps', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipgate-wf-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const DISPATCH = { workflow_dispatch: { inputs: { x: { type: 'string', default: 'a' } } } };
  const run = (
    jobs: Record<string, unknown>,
    inputs: Record<string, string> = {},
    more: { on?: unknown } & Partial<Pick<RunWorkflowOptions, 'event' | 'jobs'>> = {},
  ) => {
    const { on = DISPATCH, ...options } = more;
    const file = join(dir, '.github', 'workflows', 'wf.yml');
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(file, stringify({ name: 'WF', on, permissions: {}, jobs }));
    return runWorkflow({
      workflow: file,
      workspace: dir,
      inputs,
      apiUrl: 'http://127.0.0.1:9',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      ...options,
    });
  };
  /** A job that writes what the run knows of its event to its outputs. */
  const EVENT_JOB = {
    'runs-on': 'ubuntu-latest',
    outputs: {
      name: '${{ github.event_name }}',
      cron: '${{ github.event.schedule }}',
      x: '${{ inputs.x }}',
      file: '${{ steps.e.outputs.file }}',
    },
    steps: [
      {
        id: 'e',
        run: 'echo "file=$GITHUB_EVENT_NAME $(jq -c \'{schedule, inputs, workflow}\' "$GITHUB_EVENT_PATH")" >>"$GITHUB_OUTPUT"',
      },
    ],
  };

  it('runs jobs in needs order, passes outputs, skips dependents of a failure unless their if says otherwise', async () => {
    const result = await run({
      first: {
        'runs-on': 'ubuntu-latest',
        outputs: { word: '${{ steps.say.outputs.word }}' },
        steps: [{ id: 'say', run: 'echo "word=$X-$GITHUB_JOB" >>"$GITHUB_OUTPUT"', env: { X: '${{ inputs.x }}' } }],
      },
      second: {
        needs: 'first',
        'runs-on': 'ubuntu-latest',
        steps: [{ run: 'test "$W" = a-first && exit 3', env: { W: '${{ needs.first.outputs.word }}' } }],
      },
      third: { needs: 'second', 'runs-on': 'ubuntu-latest', steps: [{ run: 'true' }] },
      cleanup: {
        needs: ['second', 'third'],
        if: "always() && needs.second.result == 'failure'",
        'runs-on': 'ubuntu-latest',
        steps: [{ run: 'echo cleaning' }],
      },
    });
    expect(result.conclusion).toBe('failure');
    expect(Object.fromEntries(Object.entries(result.jobs).map(([id, job]) => [id, job.result]))).toEqual({
      first: 'success',
      second: 'failure',
      third: 'skipped',
      cleanup: 'success',
    });
    expect(result.jobs.first?.outputs).toEqual({ word: 'a-first' });
    expect(result.finished.map((job) => job.id)).toEqual(['first', 'second', 'third', 'cleanup']);
  });

  it('runs matrix legs in parallel, a failed leg failing the job, the outputs merged from the legs', async () => {
    const result = await run({
      legs: {
        strategy: { 'fail-fast': false, matrix: { n: [1, 2] } },
        'runs-on': 'ubuntu-latest',
        outputs: { last: '${{ steps.s.outputs.n }}' },
        steps: [{ id: 's', run: 'echo "n=${{ matrix.n }}" >>"$GITHUB_OUTPUT"; test ${{ matrix.n }} = 1' }],
      },
    });
    expect(result.jobs.legs?.result).toBe('failure');
    expect(result.jobs.legs?.legs.map((leg) => [leg.path, leg.result])).toEqual([
      ['legs (1)', 'success'],
      ['legs (2)', 'failure'],
    ]);
    expect(['1', '2']).toContain(result.jobs.legs?.outputs.last);
  });

  it('refuses what it does not implement instead of skipping it', async () => {
    await expect(run({ a: { 'runs-on': 'x', steps: [{ run: 'true', 'continue-on-error': true }] } })).rejects.toThrow(
      /'continue-on-error' is not supported/,
    );
    await expect(run({ a: { 'runs-on': 'x', steps: [{ uses: 'actions/cache@v4' }] } })).rejects.toThrow(
      /uses 'actions\/cache@v4' is not supported/,
    );
    await expect(
      run({ a: { strategy: { matrix: { n: [1, 2] } }, 'runs-on': 'x', steps: [{ run: 'true' }] } }),
    ).rejects.toThrow(/fail-fast must be false/);
  });

  it('refuses a called workflow whose job asks for more permissions than the caller grants', async () => {
    await expect(
      run({
        deploy: {
          permissions: { contents: 'read' },
          uses: 'shipgate/shipgate/.github/workflows/deploy.yml@v1',
          with: { environment: 'production', version: '1.0.0' },
        },
      }),
    ).rejects.toThrow(/requesting 'deployments: write', but is only allowed 'deployments: none'/);
  });

  it('starts a run from workflow_dispatch by default: the inputs typed and defaulted, the payload with the inputs given', async () => {
    const result = await run({ e: EVENT_JOB });
    expect(result.jobs.e?.outputs).toEqual({
      name: 'workflow_dispatch',
      cron: '',
      x: 'a',
      file: 'workflow_dispatch {"schedule":null,"inputs":{},"workflow":".github/workflows/wf.yml"}',
    });
  });

  it("starts a run from the workflow's schedule: event_name, the cron in the payload, and no inputs (the dispatch defaults do not apply)", async () => {
    const on = { ...DISPATCH, schedule: [{ cron: '0 18 * * 0' }, { cron: '*/5 * * * *' }] };
    const first = await run({ e: EVENT_JOB }, {}, { on, event: { name: 'schedule' } });
    expect(first.jobs.e?.outputs).toEqual({
      name: 'schedule',
      cron: '0 18 * * 0',
      x: '',
      file: 'schedule {"schedule":"0 18 * * 0","inputs":null,"workflow":".github/workflows/wf.yml"}',
    });
    const second = await run({ e: EVENT_JOB }, {}, { on, event: { name: 'schedule', cron: '*/5 * * * *' } });
    expect(second.jobs.e?.outputs.cron).toBe('*/5 * * * *');
  });

  it('refuses an event the workflow has no trigger for, a cron it does not list, and inputs for a schedule', async () => {
    const schedule = { name: 'schedule' } as const;
    await expect(run({ e: EVENT_JOB }, {}, { event: schedule })).rejects.toThrow(/no schedule trigger/);
    await expect(run({ e: EVENT_JOB }, {}, { on: { schedule: [{ cron: '0 1 * * *' }] } })).rejects.toThrow(
      /no workflow_dispatch trigger/,
    );
    const on = { ...DISPATCH, schedule: [{ cron: '0 1 * * *' }] };
    await expect(run({ e: EVENT_JOB }, {}, { on, event: { name: 'schedule', cron: '0 2 * * *' } })).rejects.toThrow(
      /cron '0 2 \* \* \*' is not one of 0 1 \* \* \*/,
    );
    await expect(run({ e: EVENT_JOB }, { x: 'b' }, { on, event: schedule })).rejects.toThrow(
      /inputs given to a schedule run/,
    );
  });

  it('runs only the jobs asked for, and refuses an unknown one or one whose needs are left out', async () => {
    const jobs = {
      a: { 'runs-on': 'x', steps: [{ run: 'exit 1' }] },
      b: { 'runs-on': 'x', steps: [{ id: 's', run: 'echo hi' }] },
      c: { needs: 'a', 'runs-on': 'x', steps: [{ run: 'true' }] },
    };
    const result = await run(jobs, {}, { jobs: ['b'] });
    expect(Object.keys(result.jobs)).toEqual(['b']);
    expect(result.conclusion).toBe('success');
    await expect(run(jobs, {}, { jobs: ['d'] })).rejects.toThrow(/jobs: 'd' is not a job of the workflow/);
    await expect(run(jobs, {}, { jobs: ['c'] })).rejects.toThrow(/'c' needs 'a', which is not among the jobs to run/);
  });

  it('finds a step by id, else by name, in a job or a whole run, and refuses to pick between two jobs', async () => {
    const step = (id: string) => ({ id, name: `say ${id}`, run: `echo ${id}` });
    const result = await run({
      a: { 'runs-on': 'x', steps: [step('one'), step('two')] },
      b: { 'runs-on': 'x', steps: [step('two')] },
    });
    expect(findStep(result, 'one')?.log).toBe('one\n');
    expect(findStep(result, 'say one')?.id).toBe('one');
    expect(findStep(result, 'three')).toBeUndefined();
    expect(findStep(result.jobs.b as JobRun, 'two')?.log).toBe('two\n');
    expect(() => findStep(result, 'two')).toThrow(/in more than one job \(a, b\)/);
  });
});
