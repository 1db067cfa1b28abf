import { ShipgateError } from '../../core/errors.js';

/** The placeholders a metric query may use (SPEC §4). `{address}` is for probe URLs only. */
export const METRIC_PLACEHOLDERS = ['service', 'environment', 'version', 'slot', 'pr'] as const;
export type MetricPlaceholder = (typeof METRIC_PLACEHOLDERS)[number];

const PLACEHOLDER = new RegExp(`\\{(${METRIC_PLACEHOLDERS.join('|')})\\}`, 'g');

/**
 * How values are written into a query. `promql`: as the inside of a PromQL string literal, so that a
 * version like `1"} or vector(0) or {x="` stays data inside `version="{version}"` instead of rewriting
 * the query into one that always passes. `verbatim`: as they are (a command gets the query in an env
 * var, where nothing is parsed).
 */
export type QueryEscaping = 'promql' | 'verbatim';

function escapeValue(value: string, escaping: QueryEscaping): string {
  switch (escaping) {
    case 'promql':
      return value.replace(/[\\"'\n\r\t]/g, (char) => {
        switch (char) {
          case '\n':
            return '\\n';
          case '\r':
            return '\\r';
          case '\t':
            return '\\t';
          default:
            return `\\${char}`;
        }
      });
    case 'verbatim':
      return value;
    default: {
      const never: never = escaping;
      throw new Error(`unhandled escaping ${String(never)}`);
    }
  }
}

/** The known placeholders a query uses, in order of first use. */
export function placeholdersIn(query: string): MetricPlaceholder[] {
  const found = new Set<MetricPlaceholder>();
  for (const match of query.matchAll(PLACEHOLDER)) found.add(match[1] as MetricPlaceholder);
  return [...found];
}

/**
 * Expands `{service}` `{environment}` `{version}` `{slot}` `{pr}`; any other braces (PromQL label
 * matchers) are left alone. Throws when the query uses a placeholder this run has no value for, rather
 * than sending a query that can only error (or, worse, match nothing and pass on `on-no-data: pass`).
 */
export function expandQuery(
  metric: string,
  query: string,
  values: Readonly<Record<string, string>>,
  escaping: QueryEscaping,
): string {
  const missing = placeholdersIn(query).filter((key) => values[key] === undefined);
  if (missing.length > 0) {
    const names = missing.map((key) => `{${key}}`).join(', ');
    throw new ShipgateError(
      'missing-placeholder',
      `metric '${metric}': query uses ${names}, which has no value in this run (known: ${
        Object.keys(values)
          .filter((key) => (METRIC_PLACEHOLDERS as readonly string[]).includes(key))
          .map((key) => `{${key}}`)
          .join(', ') || 'none'
      })`,
    );
  }
  return query.replace(PLACEHOLDER, (_, key: string) => escapeValue(values[key] ?? '', escaping));
}
