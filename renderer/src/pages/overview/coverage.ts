/**
 * The coverage matrix's model, for one service at a time: one line per account (the rows of every
 * profile that reaches it merged), one column per region, one cell per account-region saying the
 * relationship in a word. Pure, so the states are tested without drawing anything.
 */

import type { ServiceRow } from '../../../../contract/api';
import { isEnabled } from '../../../../main/domain/statuses';
import { shortStateLabel } from '../../components/ServiceState';
import { plural } from '../../lib/format';
import { visible } from '../../lib/visible';
import { isFailure } from './glance';

export const CELL_STATES = [
  'pending',
  'unreadable',
  'administrator',
  'member',
  'none',
  'off',
  'not-enabled',
  'blocked',
  'not-read',
] as const;
export type CellState = (typeof CELL_STATES)[number];

/** One account-region. `row` is the one a click opens: the best read of the profiles that reach it. */
export interface CoverageCell {
  state: CellState;
  /** A letter or a short count shown in the cell, so the state does not rest on colour alone. */
  glyph: string;
  /** The relationship in a few words: "administrator of 3 members", "pending from 111111111111". */
  summary: string;
  /** Every profile that read this account-region, sorted. */
  profiles: string[];
  row: ServiceRow | null;
  /** The rows of the other profiles, for the details (one may have failed where another read it). */
  others: ServiceRow[];
}

export interface CoverageLine {
  /** The account id, or `profile NAME` when the profile could not say which account it is. */
  label: string;
  accountId: string | null;
  profiles: string[];
  cells: Record<string, CoverageCell>;
}

export interface Coverage {
  regions: string[];
  lines: CoverageLine[];
}

/** The legend's wording, in the order of CELL_STATES; `noun` is the service's name in a sentence. */
export function legendOf(noun: string): Record<CellState, { glyph: string; label: string }> {
  return {
    pending: { glyph: 'P', label: 'Invitation pending' },
    unreadable: { glyph: '!', label: 'Could not be read' },
    administrator: { glyph: 'A', label: 'Administrator (number of members)' },
    member: { glyph: 'M', label: 'Member of an administrator' },
    none: { glyph: '–', label: 'On, no administrator' },
    off: { glyph: 'O', label: `${noun} off` },
    'not-enabled': { glyph: 'N', label: 'Region not enabled' },
    blocked: { glyph: 'B', label: 'Blocked by an organization policy' },
    'not-read': { glyph: '', label: 'Not read' },
  };
}

/** 1,234 members fit a narrow cell as "1.2k". */
function compact(n: number): string {
  if (n < 1000) return String(n);
  return `${(Math.floor(n / 100) / 10).toString()}k`;
}

/** What one row says about its account-region; `noun` is its service's name in a sentence. */
export function cellOf(row: ServiceRow, noun = 'Service'): Pick<CoverageCell, 'state' | 'glyph' | 'summary'> {
  if (isFailure(row))
    return { state: 'unreadable', glyph: '!', summary: `could not be read (${shortStateLabel(row)})` };
  if (row.state === 'region-not-enabled') return { state: 'not-enabled', glyph: 'N', summary: 'region not enabled' };
  if (row.state === 'blocked') return { state: 'blocked', glyph: 'B', summary: 'blocked by an organization policy' };
  // An invitation waiting where the service is off (GuardDuty without a detector) is still shown.
  const pending = row.pendingInvitations;
  if (pending.length > 0) {
    const from = [...new Set(pending.map((i) => visible(i.accountId)))].join(', ');
    const off = row.state === 'off' ? ` (${noun} off)` : '';
    return { state: 'pending', glyph: 'P', summary: `pending from ${from}${off}` };
  }
  if (row.state === 'off') return { state: 'off', glyph: 'O', summary: `${noun} off` };
  const members = row.members?.length ?? 0;
  if (members > 0)
    return {
      state: 'administrator',
      glyph: `A${compact(members)}`,
      summary: `administrator of ${plural(members, 'member')}`,
    };
  const enabled = row.administrators.filter((a) => isEnabled(a.memberStatus));
  if (enabled.length > 0) {
    const of = enabled.map((a) => `${visible(a.accountId)}${a.viaOrganization ? ' (through AWS Organizations)' : ''}`);
    return { state: 'member', glyph: 'M', summary: `member of ${of.join(', ')}` };
  }
  const admin = row.administrators[0];
  if (admin)
    return { state: 'none', glyph: '–', summary: `${visible(admin.memberStatus)} by ${visible(admin.accountId)}` };
  return { state: 'none', glyph: '–', summary: 'on, no administrator' };
}

/** A row that was read beats one that failed; then the newer read; a fresh row beats a stale one. */
function better(a: ServiceRow, b: ServiceRow): boolean {
  if (isFailure(a) !== isFailure(b)) return !isFailure(a);
  if (a.stale !== b.stale) return !a.stale;
  return a.fetchedAt > b.fetchedAt;
}

const collator = new Intl.Collator(undefined, { numeric: true });

/**
 * The matrix over `rows` (of one service): accounts sorted, regions sorted, profiles reaching one
 * account merged. `noun` is the service's name in a sentence.
 */
export function buildCoverage(rows: readonly ServiceRow[], noun = 'Service'): Coverage {
  const regions = new Set<string>();
  const byLine = new Map<string, { accountId: string | null; rows: Map<string, ServiceRow[]> }>();
  for (const row of rows) {
    regions.add(row.region);
    const label = row.accountId ?? `profile ${row.profile}`;
    let line = byLine.get(label);
    if (!line) {
      line = { accountId: row.accountId, rows: new Map() };
      byLine.set(label, line);
    }
    const list = line.rows.get(row.region);
    if (list) list.push(row);
    else line.rows.set(row.region, [row]);
  }
  const lines: CoverageLine[] = [];
  for (const [label, line] of byLine) {
    const cells: Record<string, CoverageCell> = {};
    const profiles = new Set<string>();
    for (const [region, list] of line.rows) {
      const best = list.reduce((a, b) => (better(b, a) ? b : a));
      const names = [...new Set(list.map((r) => r.profile))].sort(collator.compare);
      for (const n of names) profiles.add(n);
      cells[region] = { ...cellOf(best, noun), profiles: names, row: best, others: list.filter((r) => r !== best) };
    }
    lines.push({ label, accountId: line.accountId, profiles: [...profiles].sort(collator.compare), cells });
  }
  // Known accounts first (by id), then the profiles whose account is unknown.
  lines.sort(
    (a, b) => Number(a.accountId === null) - Number(b.accountId === null) || collator.compare(a.label, b.label),
  );
  return { regions: [...regions].sort(collator.compare), lines };
}

const NOT_READ: CoverageCell = {
  state: 'not-read',
  glyph: '',
  summary: 'not read',
  profiles: [],
  row: null,
  others: [],
};

export function cellAt(line: CoverageLine, region: string): CoverageCell {
  return line.cells[region] ?? NOT_READ;
}

/** The cell's text name for a screen reader: where, what, and through which profiles. */
export function cellName(line: CoverageLine, region: string, cell: CoverageCell): string {
  const via = cell.profiles.length ? `; profiles ${cell.profiles.map(visible).join(', ')}` : '';
  return `${visible(line.label)} in ${region}: ${cell.summary}${via}`;
}
