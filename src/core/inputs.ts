import type * as core from 'zod/v4/core';
import * as z from '#zod';
import { durationSchema } from './duration.js';
import { InputError } from './errors.js';
import { parseList } from './list.js';
import { readIssue } from './zod-issue.js';

/**
 * Building blocks for parsing action inputs and CLI flags with zod. Each field's error message is the
 * *expected form*; `parseInputs` turns the first issue into one InputError line naming the input and value.
 *
 * They are built on `zod/mini`: the same validation as classic zod at half the start-up cost, which the
 * healthcheck's B1 budget needs. Classic `z.object({...})` schemas accept these fields too.
 */
export type RawInputs = Readonly<Record<string, string | undefined>>;

/** Records that the value does not have the expected form; the transform's result is then ignored. */
export function reject(ctx: core.ParsePayload, expected: string): never {
  ctx.issues.push({ code: 'custom', message: expected, input: ctx.value });
  return z.NEVER as never;
}

/** A string input turned into a value by `read`, which returns undefined when the text is not of the form. */
export const formInput = <T>(expected: string, read: (text: string) => T | undefined) =>
  z.pipe(
    z.string(),
    z.transform((text: string, ctx): T => {
      const value = read(text);
      return value === undefined ? reject(ctx, expected) : value;
    }),
  );

export const durationInput = (options: { min?: number } = {}) => durationSchema(options.min);

export const integerInput = (min: number, max: number) =>
  formInput(`a whole number from ${min} to ${max}`, (text) => {
    const trimmed = text.trim();
    const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
  });

const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);
/** The YAML 1.2 core-schema booleans the runner accepts (as @actions/core's getBooleanInput). */
export const booleanInput = () =>
  formInput('true or false', (text) => (TRUE.has(text.trim()) ? true : FALSE.has(text.trim()) ? false : undefined));

export const enumInput = <const T extends readonly [string, ...string[]]>(values: T) =>
  formInput(`one of ${values.join(', ')}`, (text): T[number] | undefined => {
    const trimmed = text.trim();
    return (values as readonly string[]).includes(trimmed) ? (trimmed as T[number]) : undefined;
  });

export const enumListInput = <const T extends readonly [string, ...string[]]>(values: T) =>
  formInput(`a comma- or newline-separated list of ${values.join(', ')}`, (text): Array<T[number]> | undefined => {
    const items = parseList(text);
    if (items.length === 0 || items.some((item) => !(values as readonly string[]).includes(item))) return undefined;
    return [...new Set(items)] as Array<T[number]>;
  });

export const optionalText = () => z.optional(z.string());
export const text = () => z.string();

/**
 * Parses raw inputs with a zod object schema keyed by input name. Inputs that are absent or blank are
 * given the default in `defaults` (the same defaults action.yml declares, so the CLI behaves alike).
 */
export function parseInputs<S extends core.$ZodObject>(
  scope: string,
  schema: S,
  raw: RawInputs,
  defaults: Readonly<Record<string, string>>,
): core.output<S> {
  const merged: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema._zod.def.shape)) {
    const value = raw[key];
    merged[key] = value === undefined || value.trim() === '' ? defaults[key] : value;
  }
  const result = z.safeParse(schema, merged);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new InputError('?', undefined, 'a valid value', { scope });
  const found = readIssue(issue, merged, { missing: 'a value (it is required)' });
  throw new InputError(String(found.path[0] ?? '?'), found.value, found.expected, { scope });
}
