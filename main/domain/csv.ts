/**
 * CSV (RFC 4180: CRLF line ends, fields with quotes, commas or line breaks quoted) of untrusted text:
 * a spreadsheet runs a cell that starts with = + - @ (or a tab, carriage return or line feed) as a
 * formula, so such cells get a leading single quote and a crafted profile name or message stays text.
 * One home for the app's exports, the activity file export and the command line's --output csv.
 */
export function csvCell(value: string | null): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r\n]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | null)[][]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
