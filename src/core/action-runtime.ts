import type { DeployReport } from './deploy-report.js';
import type { RawInputs } from './inputs.js';
import type { Logger } from './logger.js';
import type { Progress } from './progress.js';
import type { RunContext } from './run-context.js';

/** The logger a runtime gives an action: the engine's Logger plus notices and titled groups. */
export interface RuntimeLogger extends Logger {
  notice(message: string): void;
  /** Runs `body` with its log lines folded under `title` (a plain heading in a terminal). */
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
  /** The run's secrets (everything passed to `mask`) hidden in a text that leaves by another way: the GitHub API. */
  hide(text: string): string;
}

/**
 * Where an action runs: the GitHub runner (src/runtime/actions-runtime.ts) or a terminal
 * (src/runtime/cli-runtime.ts). Each action's `run(runtime, adapters)` talks to its surroundings only
 * through this, so tests pass a fake one and read back what the action wrote.
 */
export interface ActionRuntime {
  readonly logger: RuntimeLogger;
  readonly context: RunContext;
  /** Where long waits are shown as they go (a line every so often in Actions, redrawn on a TTY). */
  readonly progress?: Progress;
  /** The named inputs (flags in a terminal); an absent one is undefined, unlike an empty one. */
  inputs(names: readonly string[]): RawInputs;
  setOutput(name: string, value: string): void;
  /** Adds Markdown to the job summary (printed in a terminal); known secrets are masked in it. */
  appendSummary(markdown: string): Promise<void>;
  /** A terminal shows a deploy's or rollback's outcome as text (or JSON) for a person, not the summary's Markdown. */
  showOutcome?(report: DeployReport, planSteps: readonly string[]): void;
  /** Keeps a value for this action's post step, which reads it with getState. */
  saveState(name: string, value: string): void;
  /** A value the main step saved; empty when it saved none. */
  getState(name: string): string;
  /** Aborts on SIGINT/SIGTERM (a cancelled run, Ctrl-C), so the step in flight can leave things safe. */
  cancelSignal(): AbortSignal;
  /** Reports a fatal error as one line and sets the exit code; the only place that does. */
  fail(error: unknown): void;
}
