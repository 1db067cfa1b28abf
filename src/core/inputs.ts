import { z } from 'zod';
import { DURATION_FORM, parseDuration } from './duration.js';
import { InputError } from './errors.js';
import { parseList } from './list.js';

/**
 * Building blocks for parsing action inputs and CLI flags with zod. Each field's error message is the
 * *expected form*; `parseInputs` turns the first issue into one InputError line naming the input and value.
 */
export type RawInputs = Readonly<Record<string, string | undefined>>;

const custom = (ctx: z.RefinementCtx, expected: string): never => {
  ctx.addIssue({ code: 'custom', message: expected });
  return z.NEVER;
};

export const durationInput = (options: { min?: number } = {}) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    const min = options.min ?? 0;
    if (ms === undefined || ms < min) {
      return custom(ctx, min > 0 ? `${DURATION_FORM}, at least ${min}ms` : DURATION_FORM);
    }
    return ms;
  });

export const integerInput = (min: number, max: number) =>
  z.string().transform((text, ctx) => {
    const trimmed = text.trim();
    const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      return custom(ctx, `a whole number from ${min} to ${max}`);
    }
    return value;
  });

const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);
/** The YAML 1.2 core-schema booleans the runner accepts (as @actions/core's getBooleanInput). */
export const booleanInput = () =>
  z.string().transform((text, ctx) => {
    const trimmed = text.trim();
    if (TRUE.has(trimmed)) return true;
    if (FALSE.has(trimmed)) return false;
    return custom(ctx, 'true or false');
  });

export const enumInput = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.string().transform((text, ctx): T[number] => {
    const trimmed = text.trim();
    if ((values as readonly string[]).includes(trimmed)) return trimmed as T[number];
    return custom(ctx, `one of ${values.join(', ')}`);
  });

export const enumListInput = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.string().transform((text, ctx): Array<T[number]> => {
    const items = parseList(text);
    const bad = items.find((item) => !(values as readonly string[]).includes(item));
    if (bad !== undefined || items.length === 0) {
      return custom(ctx, `a comma- or newline-separated list of ${values.join(', ')}`);
    }
    return [...new Set(items)] as Array<T[number]>;
  });

/**
 * Parses raw inputs with a zod object schema keyed by input name. Inputs that are absent or blank are
 * given the default in `defaults` (the same defaults action.yml declares, so the CLI behaves alike).
 */
export function parseInputs<S extends z.ZodObject>(
  scope: string,
  schema: S,
  raw: RawInputs,
  defaults: Readonly<Record<string, string>>,
): z.output<S> {
  const merged: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = raw[key];
    merged[key] = value === undefined || value.trim() === '' ? defaults[key] : value;
  }
  const result = schema.safeParse(merged);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const input = String(issue?.path[0] ?? '?');
  const value = merged[input];
  const expected = value === undefined ? 'a value (it is required)' : (issue?.message ?? 'a valid value');
  throw new InputError(input, value, expected, { scope });
}

/** Raises an InputError from inside a transform when a refinement needs the input's name. */
export function inputError(scope: string, input: string, value: unknown, expected: string): InputError {
  return new InputError(input, value, expected, { scope });
}
