import type { ActionRuntime, RuntimeLogger } from '../../src/core/action-runtime.js';
import { errorLine } from '../../src/core/errors.js';
import type { RunContext } from '../../src/core/run-context.js';

/**
 * An ActionRuntime in memory, for the actions' `run` tests: inputs given up front, and everything the
 * action wrote (outputs, summary, saved state, log lines, failures, exit code) kept for assertions.
 */
export class FakeRuntime implements ActionRuntime {
  readonly outputs: Record<string, string> = {};
  readonly state: Record<string, string>;
  readonly logs: string[] = [];
  readonly failures: string[] = [];
  readonly secrets: string[] = [];
  summary = '';
  exitCode: number | undefined;
  readonly context: RunContext;
  readonly logger: RuntimeLogger;
  private readonly given: Readonly<Record<string, string>>;
  private readonly cancel = new AbortController();

  constructor(
    inputs: Readonly<Record<string, string>>,
    options: { context?: Partial<RunContext>; state?: Readonly<Record<string, string>> } = {},
  ) {
    this.given = inputs;
    this.state = { ...options.state };
    this.context = {
      repository: { owner: 'octo-org', repo: 'web' },
      apiUrl: 'http://127.0.0.1:9',
      serverUrl: 'https://github.com',
      workspace: '/workspace',
      inActions: true,
      ...options.context,
    };
    const log = (level: string) => (message: string) => this.logs.push(`${level}: ${message}`);
    this.logger = {
      info: log('info'),
      notice: log('notice'),
      warning: log('warning'),
      error: log('error'),
      debug: log('debug'),
      mask: (secret) => this.secrets.push(secret),
      group: async (title, body) => {
        this.logs.push(`group: ${title}`);
        return body();
      },
      hide: (text) => this.secrets.reduce((masked, secret) => masked.split(secret).join('***'), text),
    };
  }

  inputs(names: readonly string[]): Record<string, string | undefined> {
    return Object.fromEntries(names.map((name) => [name, this.given[name]]));
  }
  setOutput(name: string, value: string): void {
    this.outputs[name] = value;
  }
  async appendSummary(markdown: string): Promise<void> {
    this.summary += markdown;
  }
  saveState(name: string, value: string): void {
    this.state[name] = value;
  }
  getState(name: string): string {
    return this.state[name] ?? '';
  }
  cancelSignal(): AbortSignal {
    return this.cancel.signal;
  }
  fail(error: unknown): void {
    this.failures.push(errorLine(error));
    this.exitCode = 1;
  }
}
