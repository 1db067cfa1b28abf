/** Small Markdown helpers for issue bodies: table cells that cannot break the table, code spans, details. */

/**
 * Untrusted text (a response body, hook output, a Prometheus error) as an inline code span: no Markdown,
 * HTML or `@` mention is live inside one. `<!--` is broken with a zero-width space, so that no text can
 * pose as a shipgate marker to a reader that scans the raw body. The one function for it (SPEC §10).
 */
export function inertCode(text: string): string {
  return code(defuseComments(text));
}

/**
 * Untrusted text as a fenced block, kept multi-line: the fence is longer than any backtick run inside,
 * so the text cannot close it.
 */
export function inertBlock(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${defuseComments(text).replace(/\r\n?/g, '\n')}\n${fence}`;
}

/**
 * Text that reads as prose but may quote untrusted text: one line; HTML (so `<!--` too), `@` mentions
 * and inline links and images (`](`) neutralised. Emphasis is left alone: it cannot reach anyone or hide anything.
 */
export function inertText(text: string): string {
  // Only a `<` that could open a tag or a comment is escaped: `<= 0.01` stays as written.
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/<(?=[A-Za-z!/?])/g, '&lt;')
    .replace(/\]\(/g, ']\\(')
    .replace(/@/g, '@\u200b');
}

/** Breaks every `<!--`, so no text can pose as a shipgate marker (the title is plain text, not Markdown). */
export function defuseComments(text: string): string {
  return text.replace(/<!--/g, '<!\u200b--');
}

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
