/** Splits an action list input: newline- or comma-separated, trimmed, blanks dropped. */
export function parseList(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Splits on newlines only, for items that may themselves contain commas (URLs with query strings, headers). */
export function parseLines(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
