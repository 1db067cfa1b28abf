import type * as core from 'zod/v4/core';
import { showValue } from './errors.js';

/**
 * The one way a validation issue becomes an error line (SPEC §4, §10): where (the key path or input),
 * the value found there, and the expected form. Every schema's messages are the expected form, so the
 * line reads `services.api.environments.production.canary.steps[1].weight is '0'; expected a whole number
 * from 1 to 100`. Callers put their own subject in front (`deploy: input 'x'`, `<file>: key 'y'`).
 */
export interface IssueFinding {
  /** From the root of the data; an unknown key's issue gets that key appended. */
  readonly path: readonly PropertyKey[];
  /** The value at `path`; undefined when it is missing. */
  readonly value: unknown;
  /** The expected form. */
  readonly expected: string;
}

export interface IssueWording {
  /** The expected form given for an unknown key (the schema has no message of its own for it). */
  readonly unknownKey?: string;
  /** The expected form given for a missing value; default: the schema's message plus `(it is required)`. */
  readonly missing?: string;
}

/** Reads what an issue found in `data`: the path, the value there, the expected form. */
export function readIssue(issue: core.$ZodIssue, data: unknown, wording: IssueWording = {}): IssueFinding {
  if (issue.code === 'unrecognized_keys') {
    const path = [...issue.path, issue.keys[0] ?? '?'];
    return { path, value: valueAt(data, path), expected: wording.unknownKey ?? 'no such key' };
  }
  const value = valueAt(data, issue.path);
  if (value !== undefined) return { path: issue.path, value, expected: issue.message };
  const required = issue.code === 'invalid_type' ? `${issue.message} (it is required)` : issue.message;
  return { path: issue.path, value, expected: wording.missing ?? required };
}

/** `<subject> is '<value>'; expected <form>`, or `<subject> is missing; expected <form>`. */
export function issueLine(
  subject: string,
  value: unknown,
  expected: string,
  show: (value: unknown) => string = showValue,
): string {
  return `${subject} is ${value === undefined ? 'missing' : show(value)}; expected ${expected}`;
}

/**
 * `services.api.environments.production.canary.steps[1].weight`; a key that is not a plain name is
 * quoted: `environments["api/production"].history[3]`.
 */
export function keyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    const name = String(part);
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) return `${text}[${JSON.stringify(name)}]`;
    return text === '' ? name : `${text}.${name}`;
  }, '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** The whole line for an issue: `subject(path)` names where (`key 'a.b'`, `steps[1].gate.verdict`). */
export function describeIssue(
  issue: core.$ZodIssue,
  data: unknown,
  subject: (path: readonly PropertyKey[]) => string,
  wording: IssueWording & { readonly show?: (value: unknown) => string } = {},
): string {
  const finding = readIssue(issue, data, wording);
  return issueLine(subject(finding.path), finding.value, finding.expected, wording.show);
}
