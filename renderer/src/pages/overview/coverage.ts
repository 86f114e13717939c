/**
 * The coverage matrix's model, for one service at a time or all of them: one line per account (the
 * rows of every profile that reaches it merged), one column per region, one cell per account-region
 * saying the relationship in a word (over all services: each service's state, most urgent first).
 * Pure, so the states are tested without drawing anything.
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

/** The rows of each account-region: one line per account (or per profile whose account is unknown). */
function linesOf(rows: readonly ServiceRow[]) {
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
  return { regions, byLine };
}

/** Lines and regions sorted: known accounts first (by id), then the profiles whose account is unknown. */
function sorted(regions: Set<string>, lines: CoverageLine[]): Coverage {
  lines.sort(
    (a, b) => Number(a.accountId === null) - Number(b.accountId === null) || collator.compare(a.label, b.label),
  );
  return { regions: [...regions].sort(collator.compare), lines };
}

const bestOf = (list: readonly ServiceRow[]) => list.reduce((a, b) => (better(b, a) ? b : a));
const profilesOf = (list: readonly ServiceRow[]) => [...new Set(list.map((r) => r.profile))].sort(collator.compare);

/**
 * The matrix over `rows` (of one service): accounts sorted, regions sorted, profiles reaching one
 * account merged. `noun` is the service's name in a sentence.
 */
export function buildCoverage(rows: readonly ServiceRow[], noun = 'Service'): Coverage {
  const { regions, byLine } = linesOf(rows);
  const lines: CoverageLine[] = [];
  for (const [label, line] of byLine) {
    const cells: Record<string, CoverageCell> = {};
    const profiles = new Set<string>();
    for (const [region, list] of line.rows) {
      const best = bestOf(list);
      const names = profilesOf(list);
      for (const n of names) profiles.add(n);
      cells[region] = { ...cellOf(best, noun), profiles: names, row: best, others: list.filter((r) => r !== best) };
    }
    lines.push({ label, accountId: line.accountId, profiles: [...profiles].sort(collator.compare), cells });
  }
  return sorted(regions, lines);
}

/** A service as the all-services matrix names it: its id, its name for labels and in a sentence. */
export interface CoverageService {
  id: string;
  name: string;
  noun: string;
}

/**
 * One account-region over every service: each service's own cell, the most urgent state first (the
 * order of CELL_STATES) with how many services are in each state. The chip shows the states' letters
 * ("P2 M": two services with an invitation pending, one member); the summary names each service's state.
 */
export function summariseServices(
  cells: readonly { service: CoverageService; cell: Pick<CoverageCell, 'state' | 'summary'> }[],
): Pick<CoverageCell, 'state' | 'glyph' | 'summary'> {
  const counts = new Map<CellState, number>();
  for (const { cell } of cells) counts.set(cell.state, (counts.get(cell.state) ?? 0) + 1);
  const states = CELL_STATES.filter((state) => counts.has(state));
  const worst = states[0] ?? 'not-read';
  const legend = legendOf('Service');
  const glyph = states
    .filter((state) => state !== 'not-read')
    .map((state) => {
      const n = counts.get(state) ?? 0;
      return `${legend[state].glyph}${n > 1 ? n : ''}`;
    })
    .join(' ');
  const tally = states
    .map((state) => `${STATE_WORDS[state]} in ${plural(counts.get(state) ?? 0, 'service')}`)
    .join(', ');
  const each = cells.map(({ service, cell }) => `${service.name}: ${cell.summary}`).join('; ');
  return { state: worst, glyph, summary: `${tally} — ${each}` };
}

/** A state in a count ("pending in 1 service, member in 2 services"). */
const STATE_WORDS: Record<CellState, string> = {
  pending: 'pending',
  unreadable: 'not read (failed)',
  administrator: 'administrator',
  member: 'member',
  none: 'no administrator',
  off: 'off',
  'not-enabled': 'region not enabled',
  blocked: 'blocked',
  'not-read': 'not read',
};

/**
 * The matrix over the rows of every service in `services` (in their order): one cell per
 * account-region summarising its services (summariseServices); a click opens the most urgent
 * service's row. A service with no row there is "not read" there.
 */
export function buildAllServicesCoverage(rows: readonly ServiceRow[], services: readonly CoverageService[]): Coverage {
  const { regions, byLine } = linesOf(rows);
  const lines: CoverageLine[] = [];
  for (const [label, line] of byLine) {
    const cells: Record<string, CoverageCell> = {};
    const profiles = new Set<string>();
    for (const [region, list] of line.rows) {
      const perService = services.map((service) => {
        const own = list.filter((r) => r.service === service.id);
        const best = own.length > 0 ? bestOf(own) : null;
        return { service, best, cell: best ? cellOf(best, service.noun) : NOT_READ };
      });
      const urgent = [...perService].sort(
        (a, b) => CELL_STATES.indexOf(a.cell.state) - CELL_STATES.indexOf(b.cell.state),
      )[0]?.best;
      const names = profilesOf(list);
      for (const n of names) profiles.add(n);
      cells[region] = {
        ...summariseServices(perService),
        profiles: names,
        row: urgent ?? null,
        others: list.filter((r) => r !== urgent),
      };
    }
    lines.push({ label, accountId: line.accountId, profiles: [...profiles].sort(collator.compare), cells });
  }
  return sorted(regions, lines);
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

/**
 * The cell's text name for a screen reader: where, what, through which profiles, and what is said
 * beside the account's id (its name, when known; last, so that the name starts with id and region).
 */
export function cellName(line: CoverageLine, region: string, cell: CoverageCell, accountNote?: string | null): string {
  const via = cell.profiles.length ? `; profiles ${cell.profiles.map(visible).join(', ')}` : '';
  const named = accountNote ? `; ${visible(accountNote)}` : '';
  return `${visible(line.label)} in ${region}: ${cell.summary}${via}${named}`;
}
