import type { ActionRuntime, RuntimeLogger } from '../core/action-runtime.js';
import { errorMessage, ShipgateError } from '../core/errors.js';
import type { RawInputs } from '../core/inputs.js';
import type { RunContext } from '../core/run-context.js';
import { createSecretMask, type SecretMask } from './secret-mask.js';
import { onCancel } from './signals.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The terminal runtime of `npx shipgate`: the actions' `run` functions with a person's terminal instead
 * of a runner. Flags are the inputs; the summary is printed on stdout, logs go to stderr; outputs and
 * saved state are kept in memory (there is no post step in a terminal).
 */
export interface CliRuntime extends ActionRuntime {
  /** Writes text for the person on stdout, secrets masked. */
  print(text: string): void;
  /** What the action set as outputs, for a caller that wants them (e.g. a later `--json`). */
  readonly outputs: ReadonlyMap<string, string>;
  /** The same terminal (masks, outputs, state) with these flags as the inputs. */
  withInputs(flags: RawInputs): CliRuntime;
}

interface Shared {
  readonly env: Env;
  readonly mask: SecretMask;
  readonly logger: RuntimeLogger;
  readonly context: RunContext;
  readonly outputs: Map<string, string>;
  readonly state: Map<string, string>;
}

export function createCliRuntime(env: Env = process.env): CliRuntime {
  const mask = createSecretMask();
  const shared: Shared = {
    env,
    mask,
    logger: createCliLogger(env, mask),
    context: readCliContext(env),
    outputs: new Map(),
    state: new Map(),
  };
  return cliRuntime(shared, {});
}

function cliRuntime(shared: Shared, flags: RawInputs): CliRuntime {
  const { mask, logger } = shared;
  const print = (text: string): void => {
    process.stdout.write(mask.hide(text));
  };
  return {
    logger,
    context: shared.context,
    outputs: shared.outputs,
    print,
    withInputs: (next) => cliRuntime(shared, next),
    inputs: (names) => Object.fromEntries(names.map((name) => [name, flags[name]])),
    setOutput: (name, value) => shared.outputs.set(name, value),
    appendSummary: async (markdown) => print(markdown),
    saveState: (name, value) => shared.state.set(name, value),
    getState: (name) => shared.state.get(name) ?? '',
    cancelSignal: onCancel,
    fail(error) {
      const message = error instanceof ShipgateError ? error.message : `unexpected error: ${errorMessage(error)}`;
      process.stderr.write(`${mask.hide(`shipgate: ${message}`)}\n`);
      process.exitCode = 1;
    },
  };
}

function createCliLogger(env: Env, mask: SecretMask): RuntimeLogger {
  const err = (text: string): void => {
    process.stderr.write(`${mask.hide(text)}\n`);
  };
  return {
    info: (message) => err(message),
    notice: (message) => err(`notice: ${message}`),
    warning: (message) => err(`warning: ${message}`),
    error: (message) => err(`error: ${message}`),
    debug: (message) => {
      if (env.SHIPGATE_DEBUG) err(`debug: ${message}`);
    },
    mask: (secret) => {
      mask.add(secret);
    },
    async group(title, body) {
      err(`── ${title}`);
      return body();
    },
  };
}

/** A terminal's run: the github store reads whose deployments (GITHUB_REPOSITORY) and which commit (GITHUB_SHA). */
function readCliContext(env: Env): RunContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  return {
    ...(owner && repo ? { repository: { owner, repo } } : {}),
    ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
    ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID } : {}),
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    workspace: process.cwd(),
    inActions: false,
  };
}
