import type * as Crypto from 'node:crypto';
import type * as Fs from 'node:fs';
import { errorMessage, ShipgateError } from '../core/errors.js';
import type { RawInputs } from '../core/inputs.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';

/**
 * The GitHub Actions runtime: inputs, outputs, state, the job summary and workflow commands.
 *
 * It speaks the runner's documented file-command and workflow-command protocol itself rather than
 * loading @actions/core, whose module graph (http-client, undici, OIDC) alone costs about 2.6x a bare
 * `node -e 0` start under Node 24 — most of the healthcheck's start-up budget (SPEC §9, B1).
 */
export interface ActionsRuntime {
  readonly logger: Logger & { group<T>(title: string, body: () => Promise<T>): Promise<T> };
  readonly context: RunContext;
  /** The named inputs as the runner passes them (`INPUT_<NAME>`); absent ones are undefined. */
  inputs(names: readonly string[]): RawInputs;
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): void;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  /** Reports a fatal error as one annotation line and sets exit code 1. */
  fail(error: unknown): void;
}

type Env = Readonly<Record<string, string | undefined>>;

export function createActionsRuntime(
  env: Env = process.env,
  write: (text: string) => void = (text) => {
    process.stdout.write(text);
  },
): ActionsRuntime {
  const fs = process.getBuiltinModule('node:fs') as typeof Fs;
  const crypto = process.getBuiltinModule('node:crypto') as typeof Crypto;
  const secrets: string[] = [];
  const hide = (text: string): string => secrets.reduce((masked, secret) => masked.split(secret).join('***'), text);
  const command = (name: string, message: string, properties = ''): void => {
    write(`::${name}${properties}::${escapeData(hide(message))}\n`);
  };
  const fileCommand = (variable: string, key: string, value: string): boolean => {
    const path = env[variable];
    if (!path) return false;
    const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
    fs.appendFileSync(path, `${key}<<${delimiter}\n${value}\n${delimiter}\n`, 'utf8');
    return true;
  };

  const logger: ActionsRuntime['logger'] = {
    info: (message) => write(`${hide(message)}\n`),
    warning: (message) => command('warning', message),
    error: (message) => command('error', message),
    debug: (message) => command('debug', message),
    mask: (secret) => {
      for (const part of secret.split(/\r?\n/)) {
        const value = part.trim();
        if (value.length < 2 || secrets.includes(value)) continue;
        secrets.push(value);
        secrets.sort((a, b) => b.length - a.length);
        write(`::add-mask::${escapeData(value)}\n`);
      }
    },
    async group(title, body) {
      write(`::group::${escapeData(hide(title))}\n`);
      try {
        return await body();
      } finally {
        write('::endgroup::\n');
      }
    },
  };

  return {
    logger,
    context: readContext(env, fs),
    inputs(names) {
      const raw: Record<string, string | undefined> = {};
      for (const name of names) raw[name] = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
      return raw;
    },
    setOutput(name, value) {
      if (!fileCommand('GITHUB_OUTPUT', name, value)) {
        write(`\n::set-output name=${escapeProperty(name)}::${escapeData(value)}\n`);
      }
    },
    appendSummary(markdown) {
      const path = env.GITHUB_STEP_SUMMARY;
      if (path) fs.appendFileSync(path, hide(markdown), 'utf8');
    },
    saveState(name, value) {
      if (!fileCommand('GITHUB_STATE', name, value))
        write(`::save-state name=${escapeProperty(name)}::${escapeData(value)}\n`);
    },
    getState(name) {
      return env[`STATE_${name}`] ?? '';
    },
    fail(error) {
      const message = error instanceof ShipgateError ? error.message : `unexpected error: ${errorMessage(error)}`;
      logger.error(message);
      if (!(error instanceof ShipgateError) && error instanceof Error && error.stack) logger.debug(error.stack);
      process.exitCode = 1;
    },
  };
}

function readContext(env: Env, fs: typeof Fs): RunContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const event = readEvent(env.GITHUB_EVENT_PATH, fs);
  const pr = event?.pull_request;
  const attempt = env.GITHUB_RUN_ATTEMPT;
  const runUrl =
    env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`
      : undefined;
  const sha = env.GITHUB_SHA;
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

interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string } };
}

function readEvent(path: string | undefined, fs: typeof Fs): EventPayload | undefined {
  if (!path) return undefined;
  try {
    return JSON.parse(fs.readFileSync(path, 'utf8')) as EventPayload;
  } catch {
    return undefined;
  }
}

/** Workflow-command escaping, as the runner expects it. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
