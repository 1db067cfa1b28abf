import * as z from '#zod';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
/** Also the `pattern` of every duration in schema/shipgate.schema.json. */
const DURATION = /^\d+(\.\d+)?(ms|s|m|h)$/;
/** Longer than any deploy should wait; also keeps timers within setTimeout's 32-bit range. */
export const MAX_DURATION_MS = 24 * 3_600_000;

export const DURATION_FORM = 'a duration like 500ms, 5s, 2m or 1h';

/**
 * Parses `500ms`, `5s`, `1.5m`, `2h` into milliseconds (rounded to whole ms).
 * Returns undefined for anything else, including negative values, bare numbers and values over 24h.
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const unit = match[2] ?? '';
  const ms = Math.round(Number(match[0].slice(0, -unit.length)) * (UNITS[unit] ?? Number.NaN));
  if (!Number.isFinite(ms) || ms > MAX_DURATION_MS) return undefined;
  return ms;
}

/** Formats milliseconds in the largest unit that is whole, so the text reads back: `750ms`, `90s`, `2m`, `1h`. */
export function formatDuration(ms: number): string {
  const whole = Math.round(ms);
  if (whole % 3_600_000 === 0 && whole > 0) return `${whole / 3_600_000}h`;
  if (whole % 60_000 === 0 && whole > 0) return `${whole / 60_000}m`;
  if (whole % 1_000 === 0) return `${whole / 1_000}s`;
  if (whole < 1_000) return `${whole}ms`;
  return `${(whole / 1_000).toFixed(3).replace(/0+$/, '')}s`;
}

type DurationSchema = ReturnType<typeof buildDurationSchema>;
const durationSchemas = new Map<number, DurationSchema>();

/**
 * The duration field of every schema (action inputs, the config file, metric items): text in,
 * milliseconds out. A value of the wrong shape expects DURATION_FORM; one below `min` ms also names the minimum.
 * One schema per minimum, shared (zod schemas are immutable): the config alone has a dozen duration
 * fields, and building each anew was a fifth of the deploy's schema construction at start-up (SPEC §9 B1).
 */
export function durationSchema(min = 0): DurationSchema {
  let schema = durationSchemas.get(min);
  if (!schema) {
    schema = buildDurationSchema(min);
    durationSchemas.set(min, schema);
  }
  return schema;
}

function buildDurationSchema(min: number) {
  const form = min > 0 ? `${DURATION_FORM}, at least ${min}ms` : DURATION_FORM;
  return z.pipe(
    z.string({ error: DURATION_FORM }).check(z.trim(), z.regex(DURATION, { error: DURATION_FORM })),
    z.transform((text: string, ctx): number => {
      const ms = parseDuration(text);
      if (ms !== undefined && ms >= min) return ms;
      ctx.issues.push({ code: 'custom', message: form, input: text });
      return z.NEVER as never;
    }),
  );
}
