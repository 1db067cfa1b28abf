import type * as Fs from 'node:fs';
import * as core from '@actions/core';
import type { ActionRuntime, RuntimeLogger } from '../core/action-runtime.js';
import { errorLine, ShipgateError } from '../core/errors.js';
import { progressEveryMs } from '../core/progress.js';
import type { RunContext } from '../core/run-context.js';
import { ProgressPrinter, realTicker } from './progress-printer.js';
import { createSecretMask, type SecretMask } from './secret-mask.js';
import { onCancel } from './signals.js';

/**
 * The GitHub Actions runtime, on @actions/core: inputs, outputs, state, the job summary, annotations,
 * groups and masking.
 *
 * The run's context is read from the runner's environment here rather than from @actions/github's
 * `context`: that lives in @actions/github's index, which loads Octokit, and costs about 9% of the
 * toolkit floor's start-up (measured: 68.5 ms against 62.8 ms under Node 24) — half the healthcheck's
 * budget above the floor (SPEC §9, B1). Octokit is loaded only when a run talks to GitHub.
 */
type Env = Readonly<Record<string, string | undefined>>;

export function createActionsRuntime(env: Env = process.env): ActionRuntime {
  const mask = createSecretMask();
  const logger = createActionsLogger(mask);
  return {
    logger,
    context: readContext(env),
    // A line every 15 s during a long wait (SHIPGATE_PROGRESS_INTERVAL), so a watched log shows it is alive.
    progress: new ProgressPrinter(
      { line: (text) => core.info(mask.hide(text)) },
      { redraw: false, everyMs: progressEveryMs(env), now: Date.now, every: realTicker },
    ),
    inputs: (names) => readInputs(env, names),
    // Outputs leave the process (a later step may print or post them): masked like the log.
    setOutput: (name, value) => core.setOutput(name, mask.hide(value)),
    async appendSummary(markdown) {
      // Outside a runner there is no summary to add to.
      if (!env.GITHUB_STEP_SUMMARY) return;
      appendSummaryFile(env.GITHUB_STEP_SUMMARY, mask.hide(markdown));
    },
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name),
    cancelSignal: onCancel,
    fail(error) {
      core.setFailed(errorLine(error, mask.hide));
      if (!(error instanceof ShipgateError) && error instanceof Error && error.stack) logger.debug(error.stack);
    },
  };
}

/**
 * Appends to the job summary file as core.summary.write() does (same file, same bytes, same error), but
 * synchronously, as core writes outputs and state: core.summary's promise-based fs calls start libuv's
 * thread pool, which a run that writes one summary then pays for in start-up (≈2 ms CPU, more on a busy
 * runner; SPEC §9 B1).
 */
function appendSummaryFile(path: string, markdown: string): void {
  const fs = process.getBuiltinModule('node:fs') as typeof Fs;
  try {
    fs.accessSync(path, fs.constants.R_OK | fs.constants.W_OK);
  } catch {
    throw new Error(`Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`);
  }
  fs.appendFileSync(path, markdown, { encoding: 'utf8' });
}

function createActionsLogger(mask: SecretMask): RuntimeLogger {
  return {
    info: (message) => core.info(mask.hide(message)),
    notice: (message) => core.notice(mask.hide(message)),
    warning: (message) => core.warning(mask.hide(message)),
    error: (message) => core.error(mask.hide(message)),
    debug: (message) => core.debug(mask.hide(message)),
    mask: (secret) => {
      for (const value of mask.add(secret)) core.setSecret(value);
    },
    group: (title, body) => core.group(mask.hide(title), body),
    hide: (text) => mask.hide(text),
  };
}

/**
 * core.getInput, untrimmed (the parsers trim where a value's form allows it), except that an input the
 * runner did not pass stays undefined: a parser tells "absent" from "empty" (e.g. a required token).
 */
function readInputs(env: Env, names: readonly string[]): Record<string, string | undefined> {
  const raw: Record<string, string | undefined> = {};
  for (const name of names) {
    const present = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] !== undefined;
    raw[name] = present ? core.getInput(name, { trimWhitespace: false }) : undefined;
  }
  return raw;
}

function readContext(env: Env): RunContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const pr = readEvent(env.GITHUB_EVENT_PATH)?.pull_request;
  const attempt = env.GITHUB_RUN_ATTEMPT;
  const sha = env.GITHUB_SHA;
  const runUrl = readRunUrl(env, serverUrl);
  return {
    ...(owner && repo ? { repository: { owner, repo } } : {}),
    ...(sha ? { sha } : {}),
    ...(pr && typeof pr.number === 'number'
      ? { pullRequest: { number: pr.number, ...(pr.head?.sha ? { headSha: pr.head.sha } : {}) } }
      : {}),
    ...(env.GITHUB_EVENT_NAME ? { eventName: env.GITHUB_EVENT_NAME } : {}),
    ...(env.GITHUB_WORKFLOW ? { workflow: env.GITHUB_WORKFLOW } : {}),
    ...(env.GITHUB_JOB ? { job: env.GITHUB_JOB } : {}),
    ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID } : {}),
    ...(attempt ? { runAttempt: attempt } : {}),
    ...(runUrl ? { runUrl } : {}),
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    serverUrl,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    inActions: env.GITHUB_ACTIONS === 'true',
  };
}

function readRunUrl(env: Env, serverUrl: string): string | undefined {
  const attempt = env.GITHUB_RUN_ATTEMPT;
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  const base = `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  return attempt && attempt !== '1' ? `${base}/attempts/${attempt}` : base;
}

interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string } };
}

function readEvent(path: string | undefined): EventPayload | undefined {
  if (!path) return undefined;
  // node:fs through getBuiltinModule: no ESM import graph to evaluate at start-up (SPEC §9, B1).
  const fs = process.getBuiltinModule('node:fs') as typeof Fs;
  try {
    return JSON.parse(fs.readFileSync(path, 'utf8')) as EventPayload;
  } catch {
    return undefined;
  }
}
