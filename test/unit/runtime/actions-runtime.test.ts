import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { createActionsRuntime } from '../../../src/runtime/actions-runtime.js';

let dir: string;
let stdout: string[];
let env: Record<string, string>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipgate-runtime-'));
  env = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
  };
  for (const path of Object.values(env)) writeFileSync(path, '');
  // @actions/core reads the file paths from process.env.
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('the GitHub Actions runtime', () => {
  it('tells an absent input from an empty one, and keeps a value as given', () => {
    const runtime = createActionsRuntime({ ...env, INPUT_URLS: '  https://a.example.com\n', 'INPUT_EXPECT-TEXT': '' });
    vi.stubEnv('INPUT_URLS', '  https://a.example.com\n');
    vi.stubEnv('INPUT_EXPECT-TEXT', '');
    expect(runtime.inputs(['urls', 'expect-text', 'metrics'])).toEqual({
      urls: '  https://a.example.com\n',
      'expect-text': '',
      metrics: undefined,
    });
  });

  it('writes outputs and saved state through the runner files, a multi-line value whole', () => {
    const runtime = createActionsRuntime(env);
    runtime.setOutput('report', '{"a":1}\nsecond line');
    runtime.saveState('shipgate-slot', 'green');
    expect(readFileSync(env.GITHUB_OUTPUT ?? '', 'utf8')).toMatch(
      /^report<<(ghadelimiter_[\w-]+)\n\{"a":1\}\nsecond line\n\1\n$/,
    );
    expect(readFileSync(env.GITHUB_STATE ?? '', 'utf8')).toMatch(/^shipgate-slot<<(ghadelimiter_[\w-]+)\ngreen\n\1\n$/);
  });

  it('masks registered secrets in the summary file and the log, and tells the runner to mask them', async () => {
    const runtime = createActionsRuntime(env);
    runtime.logger.mask('s3cr3t-value');
    runtime.logger.info('token s3cr3t-value sent');
    await runtime.appendSummary('| header | s3cr3t-value |\n');
    expect(stdout).toContain('::add-mask::s3cr3t-value\n');
    expect(stdout).toContain('token *** sent\n');
    expect(readFileSync(env.GITHUB_STEP_SUMMARY ?? '', 'utf8')).toBe('| header | *** |\n');
  });

  it('reports a failure as one error annotation and exit code 1', () => {
    const runtime = createActionsRuntime(env);
    runtime.fail(new InputError('timeout', '5x', 'a duration', { scope: 'healthcheck' }));
    expect(stdout).toEqual(["::error::healthcheck: input 'timeout' is '5x'; expected a duration\n"]);
    expect(process.exitCode).toBe(1);
  });

  it('reads the run context from the environment and the pull request from the event payload', () => {
    const event = join(dir, 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number: 7, head: { sha: 'abc123' } } }));
    const runtime = createActionsRuntime({
      GITHUB_REPOSITORY: 'octo-org/web',
      GITHUB_RUN_ID: '7001',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_EVENT_PATH: event,
      GITHUB_WORKSPACE: '/ws',
      GITHUB_ACTIONS: 'true',
    });
    expect(runtime.context).toMatchObject({
      repository: { owner: 'octo-org', repo: 'web' },
      pullRequest: { number: 7, headSha: 'abc123' },
      runUrl: 'https://github.com/octo-org/web/actions/runs/7001/attempts/2',
      workspace: '/ws',
      inActions: true,
    });
  });
});
