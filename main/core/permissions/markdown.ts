/**
 * README.md's permissions table, made from the one table (table.ts): `permissions --markdown` prints
 * it, and a test fails when README.md's copy differs, so the two cannot drift.
 */
import type { PermissionLine } from '../../domain/permissions';
import { SERVICES } from '../services/registry';
import { permissionTable } from './table';

/** Where README.md's generated table starts and ends. */
export const README_BEGIN =
  '<!-- permissions table: made by `npm run -s cli -- permissions --markdown`; do not edit by hand -->';
export const README_END = '<!-- end of the permissions table -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function neededFor(line: PermissionLine): string {
  const uses = line.uses.includes('read') ? 'read (every use)' : line.uses.join(', ');
  if (line.deprecatedFor) return `${uses}; deprecated, only with \`--include-deprecated\``;
  if (line.optional) return `${uses}; optional`;
  return uses;
}

/** Cells padded to their column's width, as the repository's formatter (Biome) lays out a Markdown table. */
function table(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}

export function permissionsMarkdown(lines: readonly PermissionLine[] = permissionTable(SERVICES)): string {
  const rows = table(
    ['Service', 'Action', 'Needed for', 'What for'],
    lines.map((line) => [cell(line.serviceName), `\`${line.action}\``, cell(neededFor(line)), cell(line.purpose)]),
  );
  return `${README_BEGIN}\n\n${rows.join('\n')}\n\n${README_END}`;
}
