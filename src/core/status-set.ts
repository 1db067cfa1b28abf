/** A set of HTTP status codes written as codes and ranges: `200-299,304`. */
export interface StatusSet {
  readonly text: string;
  has(status: number): boolean;
}

export const STATUS_SET_FORM = 'status codes and ranges like 200,204,300-399 (each 100-599)';

const ITEM = /^(\d{3})(?:-(\d{3}))?$/;

/** Parses a comma- or newline-separated list of codes and ranges; undefined when any item is invalid. */
export function parseStatusSet(text: string): StatusSet | undefined {
  const items = text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) return undefined;
  const ranges: Array<readonly [number, number]> = [];
  for (const item of items) {
    const match = ITEM.exec(item);
    if (!match) return undefined;
    const low = Number(match[1]);
    const high = match[2] === undefined ? low : Number(match[2]);
    if (low < 100 || high > 599 || low > high) return undefined;
    ranges.push([low, high]);
  }
  return {
    text: items.join(','),
    has: (status) => ranges.some(([low, high]) => status >= low && status <= high),
  };
}
