import { errorMessage, ShipgateError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';

/** The terminal runtime of `npx shipgate`: the same engine, a person's terminal instead of a runner. */
export interface CliRuntime {
  readonly logger: Logger & { group<T>(title: string, body: () => Promise<T>): Promise<T> };
  readonly context: RunContext;
  print(text: string): void;
  fail(error: unknown): void;
}

export function createCliRuntime(env: Readonly<Record<string, string | undefined>> = process.env): CliRuntime {
  const secrets: string[] = [];
  const hide = (text: string): string => secrets.reduce((masked, secret) => masked.split(secret).join('***'), text);
  const err = (text: string): void => {
    process.stderr.write(`${hide(text)}\n`);
  };
  const logger: CliRuntime['logger'] = {
    info: (message) => err(message),
    warning: (message) => err(`warning: ${message}`),
    error: (message) => err(`error: ${message}`),
    debug: (message) => {
      if (env.SHIPGATE_DEBUG) err(`debug: ${message}`);
    },
    mask: (secret) => {
      for (const part of secret.split(/\r?\n/))
        if (part.trim().length >= 2 && !secrets.includes(part.trim())) secrets.push(part.trim());
      secrets.sort((a, b) => b.length - a.length);
    },
    async group(title, body) {
      err(`── ${title}`);
      return body();
    },
  };
  return {
    logger,
    context: {
      ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID } : {}),
      apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
      serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
      workspace: process.cwd(),
      inActions: false,
    },
    print: (text) => {
      process.stdout.write(hide(text));
    },
    fail(error) {
      err(
        error instanceof ShipgateError
          ? `shipgate: ${error.message}`
          : `shipgate: unexpected error: ${errorMessage(error)}`,
      );
      process.exitCode = 1;
    },
  };
}
