/** What one measurement of a metric returned, before it is judged against the metric's condition. */
export type MeasureResult =
  | {
      readonly kind: 'value';
      readonly value: number;
      /** The value as received (`"0.0833"`, `"NaN"`, `"+Inf"`). */
      readonly raw: string;
    }
  | {
      readonly kind: 'no-data';
      /** What was received instead of a value (`[]`, an empty line). */
      readonly raw: string;
    }
  | {
      readonly kind: 'error';
      /** One line a reader understands: `connection refused`, `parse error at char 5: …`. */
      readonly reason: string;
      readonly raw?: string;
    };

/** About the metric being measured, for providers that need more than the query. */
export interface MeasureContext {
  readonly metric: string;
  /** The `command` of a command metric. */
  readonly command?: string;
  /** The run's placeholder values ({service} …), for providers that pass them on (as SHIPGATE_* env vars). */
  readonly placeholders: Readonly<Record<string, string>>;
  /** A command metric's own `timeout`; the provider's default otherwise. */
  readonly timeoutMs?: number;
  /** The step's SHIPGATE_* values (SHIPGATE_ADDRESSES …), for providers that run commands. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * A source of metric values, as a port. `measure` never throws for a failed measurement: an unreachable
 * server, a bad query or an unusable result is an `error` result with its reason.
 */
export interface MetricProvider {
  measure(query: string, signal?: AbortSignal, context?: MeasureContext): Promise<MeasureResult>;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a sample value as Prometheus writes it (`"1.5e-05"`, `"NaN"`, `"+Inf"`, `"-Inf"`) or a command
 * prints it. Returns undefined for anything that is not a number (`Number()` would read `""` as 0).
 */
export function parseSampleValue(text: string): number | undefined {
  const trimmed = text.trim();
  switch (trimmed.toLowerCase()) {
    case 'nan':
      return Number.NaN;
    case '+inf':
    case 'inf':
      return Number.POSITIVE_INFINITY;
    case '-inf':
      return Number.NEGATIVE_INFINITY;
    default:
      return DECIMAL.test(trimmed) ? Number(trimmed) : undefined;
  }
}

/** Cuts text received from outside to one readable line for a report. */
export function excerpt(text: string, max = 200): string {
  const oneLine = text.replace(/\s*\r?\n\s*/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 3)}...` : oneLine;
}
