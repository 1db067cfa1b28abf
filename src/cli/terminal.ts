/**
 * Text for a person at a terminal: colour (only on a TTY, and never when NO_COLOR is set, per
 * no-color.org) and aligned tables. Written here rather than taken from a library: the CLI needs five
 * SGR codes and one padding function, and every module it loads is paid for at start-up.
 */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const COLOUR: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
};

const plain = (text: string): string => text;
const PLAIN: Style = { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };

/** Colour when the stream is a TTY and NO_COLOR is unset or empty. */
export function styleFor(isTty: boolean, env: Readonly<Record<string, string | undefined>>): Style {
  return isTty && !env.NO_COLOR ? COLOUR : PLAIN;
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a string takes (SGR codes take none). */
export function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/**
 * Rows as aligned columns (two spaces apart), the header first. With `width` (a TTY's columns), each
 * line is cut to fit, so a long reason does not wrap the table apart.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[], width?: number): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => visibleLength(row[column] ?? ''))));
  return all.map((row) => {
    const cells = row.map((cell, column) =>
      column === row.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - visibleLength(cell)),
    );
    const line = `  ${cells.join('  ')}`.trimEnd();
    return fitLine(line, width);
  });
}

/** Cuts a line to `width` columns with an ellipsis (plain text only: a coloured line is left alone). */
export function fitLine(line: string, width?: number): string {
  if (!width || width < 20 || visibleLength(line) <= width || line !== line.replace(ANSI, '')) return line;
  return `${[...line].slice(0, width - 1).join('')}…`;
}
