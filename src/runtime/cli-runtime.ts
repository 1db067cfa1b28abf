import type { ActionRuntime, RuntimeLogger } from '../core/action-runtime.js';
import type { DeployReport } from '../core/deploy-report.js';
import { errorLine } from '../core/errors.js';
import type { RawInputs } from '../core/inputs.js';
import { progressEveryMs } from '../core/progress.js';
import type { RunContext } from '../core/run-context.js';
import { type ProgressOutput, ProgressPrinter, realTicker } from './progress-printer.js';
import { createSecretMask, type SecretMask } from './secret-mask.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What a deploy or rollback ended with, for the CLI to show as text (or JSON) instead of the summary's Markdown. */
export interface CliOutcome {
  readonly report: DeployReport;
  /** The plan's step names (a dry run shows them). */
  readonly planSteps: readonly string[];
}

/**
 * The terminal runtime of `npx shipgate`: the actions' `run` functions with a person's terminal instead
 * of a runner. Flags are the inputs; the outcome is kept for the CLI to print as text or JSON on stdout
 * (never the job summary's Markdown); logs and the progress line go to stderr; outputs and saved state
 * are kept in memory (there is no post step in a terminal).
 */
export interface CliRuntime extends ActionRuntime {
  /** Writes text for the person on stdout, secrets masked. */
  print(text: string): void;
  /** What the action set as outputs (a rollback with nothing to do has no report, only these). */
  readonly outputs: ReadonlyMap<string, string>;
  /** The last deploy or rollback outcome the action showed. */
  outcome(): CliOutcome | undefined;
  showOutcome(report: DeployReport, planSteps: readonly string[]): void;
  /** A usage error: one line and a hint on stderr, exit code 2. */
  usage(message: string, hint: string): void;
  /** The same terminal (masks, outputs, state) with these flags as the inputs. */
  withInputs(flags: RawInputs): CliRuntime;
  /** Whether stdout is a TTY, and its width: text for a person is coloured and fitted then. */
  readonly stdout: { readonly tty: boolean; readonly columns?: number };
  readonly env: Env;
}

/** The streams a CLI runtime writes to; tests pass their own. */
export interface CliStreams {
  readonly stdout: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };
  readonly stderr: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };
}

interface Shared {
  readonly env: Env;
  readonly streams: CliStreams;
  readonly mask: SecretMask;
  readonly err: StderrLines;
  readonly logger: RuntimeLogger;
  readonly context: RunContext;
  readonly outputs: Map<string, string>;
  readonly state: Map<string, string>;
  readonly progress: ProgressPrinter;
  shown: CliOutcome | undefined;
}

export function createCliRuntime(
  env: Env = process.env,
  streams: CliStreams = { stdout: process.stdout, stderr: process.stderr },
): CliRuntime {
  const mask = createSecretMask();
  const err = new StderrLines(streams.stderr, mask);
  const shared: Shared = {
    env,
    streams,
    mask,
    err,
    logger: createCliLogger(env, err, mask),
    context: readCliContext(env),
    outputs: new Map(),
    state: new Map(),
    // On a TTY the progress line is redrawn in place; in a pipe or a log, a plain line every 15 s.
    progress: new ProgressPrinter(err, {
      redraw: streams.stderr.isTTY === true,
      everyMs: progressEveryMs(env),
      now: Date.now,
      every: realTicker,
    }),
    shown: undefined,
  };
  return cliRuntime(shared, {});
}

function cliRuntime(shared: Shared, flags: RawInputs): CliRuntime {
  const { mask, logger, streams, err } = shared;
  const print = (text: string): void => {
    err.clear();
    streams.stdout.write(mask.hide(text));
  };
  return {
    logger,
    env: shared.env,
    context: shared.context,
    outputs: shared.outputs,
    progress: shared.progress,
    stdout: {
      tty: streams.stdout.isTTY === true,
      ...(streams.stdout.columns ? { columns: streams.stdout.columns } : {}),
    },
    print,
    outcome: () => shared.shown,
    showOutcome: (report, planSteps) => {
      shared.shown = { report, planSteps };
    },
    withInputs: (next) => cliRuntime(shared, next),
    inputs: (names) => Object.fromEntries(names.map((name) => [name, flags[name]])),
    setOutput: (name, value) => shared.outputs.set(name, value),
    // The job summary's Markdown is not for a terminal: the CLI prints the outcome as text instead.
    appendSummary: async () => undefined,
    saveState: (name, value) => shared.state.set(name, value),
    getState: (name) => shared.state.get(name) ?? '',
    cancelSignal: () => onCtrlC(err),
    usage(message, hint) {
      err.line(mask.hide(`shipgate: ${message}`));
      err.line(hint);
      process.exitCode = 2;
    },
    fail(error) {
      err.line(`shipgate: ${errorLine(error, mask.hide)}`);
      process.exitCode = 1;
    },
  };
}

/**
 * stderr, where the logs and the progress line go: a log line first clears a progress line that is
 * showing (the next tick redraws it below), so the two never run into each other.
 */
class StderrLines implements ProgressOutput {
  private readonly stream: CliStreams['stderr'];
  private readonly mask: SecretMask;
  private showing = false;

  constructor(stream: CliStreams['stderr'], mask: SecretMask) {
    this.stream = stream;
    this.mask = mask;
  }

  line(text: string): void {
    this.clear();
    this.stream.write(`${this.mask.hide(text)}\n`);
  }

  status(text: string): void {
    const columns = this.stream.columns ?? 80;
    const shown = [...this.mask.hide(text)];
    const fitted = shown.length >= columns ? `${shown.slice(0, columns - 2).join('')}…` : shown.join('');
    this.stream.write(`\r\u001b[2K${fitted}`);
    this.showing = true;
  }

  clear(): void {
    if (!this.showing) return;
    this.stream.write('\r\u001b[2K');
    this.showing = false;
  }
}

/**
 * Ctrl-C (SIGINT) and SIGTERM abort the run, which routes traffic back to the stable version, as a
 * cancelled workflow does. A second Ctrl-C does not kill that rollback half-way: it says what is going
 * on; Ctrl-\ (SIGQUIT) still ends the process at once for someone who means it.
 */
function onCtrlC(err: StderrLines): AbortSignal {
  const controller = new AbortController();
  const handle = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      err.line(
        'shipgate: still leaving things safe (routing traffic back); wait for it to finish, or Ctrl-\\ to quit at once',
      );
      return;
    }
    err.line(`shipgate: ${signal}: stopping the step in flight and routing traffic back to the stable version`);
    controller.abort(new Error(`received ${signal}`));
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
  return controller.signal;
}

function createCliLogger(env: Env, err: StderrLines, mask: SecretMask): RuntimeLogger {
  return {
    info: (message) => err.line(message),
    notice: (message) => err.line(`notice: ${message}`),
    warning: (message) => err.line(`warning: ${message}`),
    error: (message) => err.line(`error: ${message}`),
    debug: (message) => {
      if (env.SHIPGATE_DEBUG) err.line(`debug: ${message}`);
    },
    mask: (secret) => {
      mask.add(secret);
    },
    async group(title, body) {
      err.line(`── ${title}`);
      return body();
    },
    hide: (text) => mask.hide(text),
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
