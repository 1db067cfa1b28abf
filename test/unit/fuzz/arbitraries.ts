import fc from 'fast-check';

/**
 * Generated bad values, by the form an input expects. Each family is invalid whatever the random part
 * holds (a prefix or a shape no parser accepts), so a property can demand a refusal of every value.
 */
export const junk = fc.string({ maxLength: 40 });
const word = fc.stringMatching(/^[a-z0-9]{0,12}$/);

export const badDuration = fc.oneof(
  junk.map((s) => `x${s}`),
  fc.integer({ min: 1, max: 10_000 }).map((n) => `-${n}s`),
  word.map((s) => `5${s.replace(/[0-9]/g, '')}q`),
  fc.constantFrom('5', '1.5.2s', 's', '10 minutes', '∞'),
);

export const badInteger = fc.oneof(
  junk.map((s) => `x${s}`),
  fc.integer({ min: 1001, max: 1e9 }).map(String),
  fc.integer({ min: -1e9, max: 0 }).map(String),
  fc.constantFrom('1.5', '1e3', '0x10', 'NaN'),
);

export const badBoolean = junk.map((s) => `${s}?`).filter((s) => !/^\s*(true|false)\s*$/i.test(s));

export function badChoice(allowed: readonly string[]) {
  return fc
    .oneof(
      junk.map((s) => `x${s}`),
      fc.constantFrom(...allowed).map((value) => `${value}-x`),
    )
    .filter((s) => !allowed.some((value) => value.toLowerCase() === s.trim().toLowerCase()));
}

/** A name (service, environment): letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const badName = fc.oneof(
  junk.map((s) => `!${s}`),
  word.map((s) => `-${s}`),
  word.map((s) => `a b${s}`),
);

export const badVersion = fc.oneof(
  junk.map((s) => `1.0\u0001${s}`),
  fc.integer({ min: 257, max: 2000 }).map((n) => 'v'.repeat(n)),
  junk.map((s) => `1.0\u001b[31m${s}`),
);

/** Paths out of the workspace: absolute elsewhere, climbing with `..`. */
export const outsidePath = fc.oneof(
  word.map((s) => `/etc/${s}passwd`),
  word.map((s) => `../${s}outside.txt`),
  word.map((s) => `.github/../../${s}x.yml`),
);

export const badUrl = fc.oneof(
  word.map((s) => `ftp://host/${s}`),
  word.map((s) => `http://u:pa%zz${s}@127.0.0.1/`),
  junk.map((s) => `not a url${encodeURIComponent(s)}`),
  word.map((s) => `http://127.0.0.1/{nope${s}}`),
);

export const badHeaders = fc.oneof(
  word.map((s) => `X-Token: abc\r${s}def`),
  word.map((s) => `X-Token: caf\u0100${s}`),
  word.map((s) => `Bad Name${s}: value`),
  word.map((s) => `X-Token: a\u0007${s}`),
  fc.constant('no colon here'),
);

export const badJsonObject = fc.oneof(
  fc.integer({ min: 65, max: 6000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 65, max: 6000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  junk.map((s) => `{,${s}`),
  fc.array(fc.integer(), { maxLength: 5 }).map((a) => JSON.stringify(a)),
  fc.constantFrom('null', '"text"', '42'),
);

export const badRegex = word.map((s) => `/(${s}/`);

/** Metric lists whose YAML is broken, or whose metric breaks a rule (the PromQL placeholder rule too). */
export const badMetrics = fc.oneof(
  word.map((s) => `- name: errors${s}\n  query: rate(x{version=\`{version}\`}[1m])\n  max: 1\n`),
  word.map((s) => `- name: errors${s}\n  query: rate(x[1m]) > {slot}\n  max: 1\n`),
  word.map((s) => `- name: errors\n  query: up\n  max: x${s}\n`),
  word.map((s) => `- name: errors\n  query: up\n  min: 5\n  max: 1\n  ${s ? `x${s}: 1` : ''}\n`),
  junk.map((s) => `- name: [${s}\n`),
  word.map((s) => `- query: up${s}\n  max: 1\n`),
);
