/**
 * `{name}` placeholders (SPEC §4): in probe URLs, metric queries and the incident dedup key. One grammar,
 * one check that a template names only known placeholders, and one expander whose escaping is chosen by
 * where the text goes. Braces that do not hold a name (`{code=~"5.."}`, a PromQL label matcher) are text.
 */

/**
 * How a value is written into its destination.
 * - `url-component`: percent-encoded (`encodeURIComponent`), so a version like `1.0/../admin` stays one
 *   path segment.
 * - `promql-string`: as the inside of a PromQL double-quoted string, so a version like
 *   `1"} or vector(0) or {x="` stays data inside `version="{version}"` instead of rewriting the query.
 * - `text`: as it is (an environment variable, an issue marker: nothing parses it).
 */
export type PlaceholderEscaping = 'url-component' | 'promql-string' | 'text';

/** One placeholder where it stands in a template: `index` lets a caller look at what surrounds it. */
export interface PlaceholderSite {
  readonly name: string;
  /** The whole `{name}` as written (spaces inside the braces are allowed). */
  readonly text: string;
  readonly index: number;
}

const PLACEHOLDER = /\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}/g;

/** Every placeholder of a template, in order. */
export function findPlaceholders(template: string): PlaceholderSite[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => ({
    name: match[1] ?? '',
    text: match[0],
    index: match.index,
  }));
}

/** The names a template uses, each once, in order of first use. */
export function placeholdersIn(template: string): string[] {
  return [...new Set(findPlaceholders(template).map((site) => site.name))];
}

/** The first placeholder of a template that is not one of `known`, or undefined when all are known. */
export function unknownPlaceholder(template: string, known: readonly string[]): PlaceholderSite | undefined {
  return findPlaceholders(template).find((site) => !known.includes(site.name));
}

export interface ExpandOptions {
  /** Names whose values go in as they are whatever the escaping (`{address}`: a URL's checked host:port). */
  readonly verbatim?: readonly string[];
}

/**
 * Replaces each placeholder that has a value in `values`, escaped for its destination; any other
 * placeholder is left as written (callers check with `unknownPlaceholder` first). The result is not
 * scanned again, so a value holding `{version}` stays as it is.
 */
export function expandPlaceholders(
  template: string,
  values: Readonly<Record<string, string | undefined>>,
  escaping: PlaceholderEscaping,
  options: ExpandOptions = {},
): string {
  return template.replace(PLACEHOLDER, (all: string, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) return all;
    return options.verbatim?.includes(name) ? value : escapeValue(value, escaping);
  });
}

const PROMQL_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeValue(value: string, escaping: PlaceholderEscaping): string {
  switch (escaping) {
    case 'url-component':
      return encodeURIComponent(value);
    case 'promql-string':
      return value.replace(/[\\"'\n\r\t]/g, (char) => PROMQL_ESCAPES[char] ?? `\\${char}`);
    case 'text':
      return value;
    default: {
      const never: never = escaping;
      throw new Error(`unhandled escaping ${String(never)}`);
    }
  }
}
