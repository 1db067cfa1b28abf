/**
 * True when `actual` contains `expected`: every key of an expected object is present with a matching
 * value (recursively); an expected array matches an array holding a matching element for each of its
 * elements; anything else must be equal.
 */
export function containsSubset(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) && expected.every((item) => actual.some((candidate) => containsSubset(candidate, item)))
    );
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const record = actual as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).every(
      ([key, value]) => Object.hasOwn(record, key) && containsSubset(record[key], value),
    );
  }
  return Object.is(actual, expected);
}
