/** Base of every error shipgate raises on purpose: a stable `code`, a message fit for one log line. */
export class ShipgateError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * An input (action input, CLI flag or config key) that does not have the expected form.
 * The message names the input, the value and the expected form, and is the whole line the user sees:
 * `healthcheck: input 'timeout' is '5x'; expected a duration like 500ms, 5s, 2m or 1h`.
 */
export class InputError extends ShipgateError {
  readonly input: string;
  readonly value: string;
  readonly expected: string;
  constructor(input: string, value: unknown, expected: string, options?: { cause?: unknown; scope?: string }) {
    const shown = showValue(value);
    const scope = options?.scope ? `${options.scope}: ` : '';
    super('invalid-input', `${scope}input '${input}' is ${shown}; expected ${expected}`, options);
    this.input = input;
    this.value = typeof value === 'string' ? value : shown;
    this.expected = expected;
  }
}

/** A call to an outside system that the token is not allowed to make; names the permission it needs. */
export class PermissionError extends ShipgateError {
  readonly permission: string;
  constructor(permission: string, message: string, options?: { cause?: unknown }) {
    super('permission-denied', message, options);
    this.permission = permission;
  }
}

/** Renders a value for an error line: quoted, single-line, cut to a readable length. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const oneLine = text.replace(/\r?\n/g, '\\n');
  const cut = oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine;
  return `'${cut}'`;
}

/** The message of anything thrown, without a stack. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
