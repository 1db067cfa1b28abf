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

/** The longest error line a run prints: an annotation or a terminal line, never a 100 KB wall. */
export const MAX_ERROR_LINE = 1000;

/**
 * The one line a failed run reports (SPEC §10): a ShipgateError's message, anything else as
 * `unexpected error: …` naming at least its type and code when it has no message; masked by `hide`
 * first (so a cut never leaves half a secret), control characters (ESC, CR, LF) escaped, and capped.
 */
export function errorLine(error: unknown, hide: (text: string) => string = (text) => text): string {
  const message = error instanceof ShipgateError ? error.message : `unexpected error: ${unexpectedText(error)}`;
  return capLine(escapeControls(hide(message)));
}

function unexpectedText(error: unknown): string {
  const message = errorMessage(error).trim();
  if (message !== '') return message;
  const code = (error as { code?: unknown } | null)?.code;
  const name = error instanceof Error ? error.name : typeof error;
  return `${name}${typeof code === 'string' ? ` ${code}` : ''} without a message`;
}

/** `\n` for a newline, `\x1b` for ESC: a line stays one line and no terminal escape reaches the reader. */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

function capLine(text: string): string {
  if (text.length <= MAX_ERROR_LINE) return text;
  const more = ` … (${text.length - MAX_ERROR_LINE} more characters)`;
  return `${text.slice(0, MAX_ERROR_LINE - more.length)}${more}`;
}
