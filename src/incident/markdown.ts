/** Small Markdown helpers for issue bodies: table cells that cannot break the table, code spans, details. */

/** One table cell: single line, pipes escaped, cut to `max` characters. */
export function cell(text: string, max = 300): string {
  const oneLine = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** An inline code span that holds any text (backticks inside are widened around, as CommonMark allows). */
export function code(text: string): string {
  const oneLine = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...oneLine.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export function link(text: string, url: string | undefined): string {
  return url ? `[${text}](${url})` : text;
}

export function bullets(lines: readonly string[]): string {
  return lines.map((line) => (line.startsWith('  - ') ? line : `- ${line}`)).join('\n');
}

/** Keeps at most `max` items: the first half and the last half, with a marker for what was left out. */
export function elide<T>(items: readonly T[], max: number, gap: (left: number) => T): T[] {
  if (items.length <= max) return [...items];
  const head = Math.ceil(max / 2);
  const tail = max - head;
  return [...items.slice(0, head), gap(items.length - max), ...items.slice(items.length - tail)];
}
