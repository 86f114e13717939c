/**
 * CSV (RFC 4180: CRLF line ends, fields with quotes, commas or line breaks quoted) of untrusted text,
 * and the formula guard every CSV and TSV the product writes shares: the app's exports, the activity
 * file export and the command line's --output csv|tsv.
 *
 * The guard (guardFormula): a cell a spreadsheet would evaluate gets a leading single quote, which
 * the spreadsheet shows as text. Which cells:
 *   - those starting with = + - @, a tab or a carriage return — OWASP's list
 *     (https://owasp.org/www-community/attacks/CSV_Injection; CWE-1236 names = + - @);
 *   - the same signs after leading blanks (spaces, a line feed, the ideographic space U+3000),
 *     which spreadsheets skip before they look for a formula: " =1+1" runs as "=1+1";
 *   - their full-width forms (＝ ＋ － ＠, U+FF1D U+FF0B U+FF0D U+FF20), which spreadsheets with
 *     East Asian input read as the ASCII signs.
 * Not guarded: an empty cell (it stays empty), a plain signed number such as -5, +42 or -1.25e3 —
 * a spreadsheet evaluates it to itself, and a quote would turn a number into text — and a lone - or
 * + (a dash, which a spreadsheet keeps as text).
 */

/** Leading blanks a spreadsheet skips, then the sign that starts a formula (ASCII or full-width). */
const FORMULA_AFTER_BLANKS = /^[ \n\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;
/** OWASP's other two: a cell that starts with a tab or a carriage return, whatever follows. */
const FORMULA_CONTROL = /^[\t\r]/;
/** A number with its sign, nothing else: it evaluates to itself. A lone - or + is text (a dash). */
const PLAIN_NUMBER = /^[ ]*(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-])$/;

export function guardFormula(text: string): string {
  if (FORMULA_CONTROL.test(text)) return `'${text}`;
  if (!FORMULA_AFTER_BLANKS.test(text) || PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}

export function csvCell(value: string | null): string {
  const text = guardFormula(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | null)[][]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
