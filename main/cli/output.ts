/**
 * How the command line prints results: `--output table|json|csv|tsv` (`--json` is `--output json`).
 * Tables are made of outside values, so every cell is made safe before it is measured; on a terminal a
 * table fits its width — profile names, regions and account ids stay whole, the other columns fold
 * onto more lines (`--wide` keeps every cell on one line) — and in a pipe nothing folds. CSV and TSV show every control of a value as a visible escape (each row one line)
 * and guard formula cells (main/domain/csv.ts).
 */
import { guardFormula, toCsv } from '../domain/csv';
import type { CliFlag, CliIo, CliValues } from './command';
import { terminalText } from './terminal-text';

export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'tsv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const OUTPUT_FLAG: CliFlag = {
  name: 'output',
  short: 'o',
  type: 'string',
  valueName: '<format>',
  choices: [...OUTPUT_FORMATS],
  description: 'table (the default), json, csv or tsv',
};
export const JSON_FLAG: CliFlag = { name: 'json', type: 'boolean', description: 'Same as --output json' };
export const WIDE_FLAG: CliFlag = {
  name: 'wide',
  type: 'boolean',
  description: 'Tables: print every cell whole, however wide the terminal',
};
/** For commands that print rows; commands that print one result take JSON_FLAG alone. */
export const TABLE_OUTPUT_FLAGS = [OUTPUT_FLAG, JSON_FLAG, WIDE_FLAG];

export function outputFormat(values: CliValues): OutputFormat {
  const chosen = values.output;
  if (typeof chosen === 'string' && (OUTPUT_FORMATS as readonly string[]).includes(chosen)) {
    return chosen as OutputFormat;
  }
  return values.json === true ? 'json' : 'table';
}

export const wantsJson = (values: CliValues) => outputFormat(values) === 'json';

/**
 * Columns never narrowed: a profile name, a region or an account id cut short is another one, and
 * these are what a person copies into the next command. When they alone are wider than the
 * terminal, the lines are too (the terminal wraps them); nothing is cut.
 */
const WHOLE_COLUMNS: ReadonlySet<string> = new Set(['PROFILE', 'REGION', 'ACCOUNT']);
/** The narrowest a folding column gets: its header, and at least this many characters. */
const MIN_COLUMN = 8;
/** A column that holds account ids (ADMINISTRATOR, PENDING) folds no narrower than an id and its comma. */
const ACCOUNT_ID = /\d{12}/;
const ACCOUNT_ID_WIDTH = 13;

/**
 * A table of outside values; `columns` is the width to fit (undefined: nothing folds). A null cell
 * is a value that is not there, shown as "-". To fit, the widest of the other columns narrow first
 * and their cells fold onto more lines at spaces and commas — nothing is cut off.
 */
export function table(header: string[], unsafeRows: (string | null)[][], columns?: number): string {
  const rows = unsafeRows.map((r) => r.map((cell) => (cell === null ? '-' : terminalText(cell))));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  if (columns) narrowToFit(widths, floors(header, rows, widths), columns);
  const lines = (cells: string[]) => {
    const folded = cells.map((c, i) => fold(c, widths[i] ?? c.length));
    const height = Math.max(...folded.map((f) => f.length));
    return Array.from({ length: height }, (_, n) =>
      folded
        .map((f, i) => (i === folded.length - 1 ? (f[n] ?? '') : (f[n] ?? '').padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    );
  };
  return `${[header, ...rows].flatMap(lines).join('\n')}\n`;
}

/** How narrow each column may get: whole columns not at all, the others to their floor. */
function floors(header: string[], rows: string[][], widths: number[]): number[] {
  return header.map((h, i) => {
    const natural = widths[i] ?? 0;
    if (WHOLE_COLUMNS.has(h)) return natural;
    const ids = rows.some((r) => ACCOUNT_ID.test(r[i] ?? '')) ? ACCOUNT_ID_WIDTH : 0;
    return Math.min(natural, Math.max(MIN_COLUMN, h.length, ids));
  });
}

/** Narrows the widest columns, one character at a time, until the table fits or none can shrink. */
function narrowToFit(widths: number[], floor: number[], columns: number): void {
  const total = () => widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  while (total() > columns) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > (floor[i] ?? w) && (widest === -1 || w > (widths[widest] ?? 0))) widest = i;
    });
    if (widest === -1) return;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
}

/** A cell's text in lines of at most `width`: broken after spaces and commas, a longer word split. */
function fold(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.match(/[^\s,]*[\s,]*/g) ?? []) {
    if (!word) continue;
    if ((line + word).trimEnd().length <= width) {
      line += word;
      continue;
    }
    if (line.trimEnd()) lines.push(line.trimEnd());
    line = word;
    while (line.trimEnd().length > width) {
      lines.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  if (line.trimEnd()) lines.push(line.trimEnd());
  return lines;
}

/**
 * CSV and TSV of outside values, for a terminal as much as a file: every control in a value (line
 * breaks, tabs, ESC, bidi marks) is shown as a visible escape first, so a row is always one line
 * and a value cannot redraw or reorder what is around it; then the formula guard (main/domain/csv.ts).
 * A missing value (null) is an empty cell.
 */
const outsideCell = (cell: string | null) => (cell === null ? '' : terminalText(cell));

function csv(header: string[], rows: (string | null)[][]): string {
  return toCsv(
    header,
    rows.map((r) => r.map(outsideCell)),
  );
}

function tsv(header: string[], rows: (string | null)[][]): string {
  return `${[header, ...rows].map((r) => r.map((cell) => guardFormula(outsideCell(cell))).join('\t')).join('\n')}\n`;
}

/**
 * Prints rows in the chosen format: `json` is the command's own JSON value; the table gets `footer`
 * after it — one line, or a list of lines, each shown as one line whatever values it holds. A null
 * cell is a value that is not there: "-" in a table, an empty cell in CSV and TSV. Returns nothing:
 * the exit status is the command's.
 */
export function printRows(
  io: CliIo,
  values: CliValues,
  result: { header: string[]; rows: (string | null)[][]; json: unknown; footer?: string | readonly string[] },
): void {
  const format = outputFormat(values);
  if (format === 'json') io.stdout(`${JSON.stringify(result.json, null, 2)}\n`);
  else if (format === 'csv') io.stdout(csv(result.header, result.rows));
  else if (format === 'tsv') io.stdout(tsv(result.header, result.rows));
  else {
    const width = values.wide === true ? undefined : io.columns;
    const lines = typeof result.footer === 'string' ? [result.footer] : (result.footer ?? []);
    // Each line is ours but may hold outside values (profile names, member statuses): a line break
    // inside one of them is shown, never taken as the end of the line.
    const footer = lines.map((line) => `${terminalText(line)}\n`).join('');
    io.stdout(`${table(result.header, result.rows, width)}${footer}`);
  }
}
