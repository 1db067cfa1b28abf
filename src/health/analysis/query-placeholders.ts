import { ShipgateError } from '../../core/errors.js';
import { expandPlaceholders, type PlaceholderEscaping, placeholdersIn } from '../../core/placeholders.js';

/** The placeholders a metric query may use (SPEC §4). `{address}` is for probe URLs only. */
export const METRIC_PLACEHOLDERS = ['service', 'environment', 'version', 'slot', 'pr'] as const;
export type MetricPlaceholder = (typeof METRIC_PLACEHOLDERS)[number];

/** Prometheus gets values inside PromQL strings; a command gets the query in an env var, where nothing is parsed. */
export type QueryEscaping = Extract<PlaceholderEscaping, 'promql-string' | 'text'>;

const isMetricPlaceholder = (name: string): name is MetricPlaceholder =>
  (METRIC_PLACEHOLDERS as readonly string[]).includes(name);

/** The metric placeholders a query uses, in order of first use. */
export function metricPlaceholdersIn(query: string): MetricPlaceholder[] {
  return placeholdersIn(query).filter(isMetricPlaceholder);
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
  const missing = metricPlaceholdersIn(query).filter((key) => values[key] === undefined);
  if (missing.length > 0) {
    const names = missing.map((key) => `{${key}}`).join(', ');
    const known = Object.keys(values).filter(isMetricPlaceholder);
    throw new ShipgateError(
      'missing-placeholder',
      `metric '${metric}': query uses ${names}, which has no value in this run (known: ${
        known.map((key) => `{${key}}`).join(', ') || 'none'
      })`,
    );
  }
  const metricValues = Object.fromEntries(Object.entries(values).filter(([key]) => isMetricPlaceholder(key)));
  return expandPlaceholders(query, metricValues, escaping);
}
