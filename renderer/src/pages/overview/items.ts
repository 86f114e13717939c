import type { ServiceInfo, ServiceRow } from '../../../../contract/api';
import { type AccountNames, NO_NAMES, nameOf } from '../../../../main/domain/account-names';
import { isPartUnknown } from '../../../../main/domain/row-rules';
import { isEnabled } from '../../../../main/domain/statuses';
import { stateLabel } from '../../components/ServiceState';
import { type RowMap, rowKey } from '../../data/rows';
import { serviceLabel, serviceNoun } from '../../data/services';
import { formatTime } from '../../lib/format';
import { visible } from '../../lib/visible';
import { type Attention, attentionOf } from './glance';

/**
 * One Overview row, flattened so the collection hooks can filter and sort on plain fields. The
 * fields from AWS are as drawn (lib/visible.ts: controls and bidi marks escaped); `profile` stays
 * the name itself, which navigation and actions send back, and is escaped where it is drawn.
 */
export interface OverviewItem {
  key: string;
  /** The service's name ("Security Hub CSPM"). */
  service: string;
  /** The service's short name ("Security Hub"), as its column shows it (the full name on hover). */
  serviceShort: string;
  profile: string;
  account: string;
  region: string;
  state: string;
  administrator: string;
  status: string;
  pendingFrom: string;
  pendingCount: number;
  /** 0 pending invitation, 1 could not be read, 2 the rest: the default order when attention comes first. */
  attention: Attention;
  fetchedAt: string;
  stale: boolean;
  /**
   * The text fields in lower case, for the quick text search (see `matchesText`), with the names
   * the cells show beside the ids (the account's, its administrators', the inviting accounts').
   */
  searchText: string;
  row: ServiceRow;
}

/** What the quick text search looks at: what the cells show, not the nested row object. */
const TEXT_FIELDS = [
  'service',
  'profile',
  'account',
  'region',
  'state',
  'administrator',
  'status',
  'pendingFrom',
] as const;

/** A separator no one types into the search box, so a match never spans two fields. */
const FIELD_SEPARATOR = '\u0000';

/** The names the row's cells show beside its ids, as drawn. */
function namesShown(row: ServiceRow, names: AccountNames): string[] {
  const ids = [
    row.accountId,
    ...row.administrators.map((a) => a.accountId),
    ...row.pendingInvitations.map((i) => i.accountId),
  ];
  return ids.flatMap((id) => {
    const named = nameOf(names, id);
    return named ? [visible(named.name)] : [];
  });
}

/**
 * The quick text search: the text in any of the fields or the account names shown, case-insensitive. The fields are lowered
 * and joined once per item, not for every item at every keystroke (17,000 rows × 7 fields).
 */
export function matchesText(item: OverviewItem, text: string): boolean {
  return text.length === 0 || item.searchText.includes(text.toLowerCase());
}

const collator = new Intl.Collator(undefined);

/** What the name order compares. */
type NameOrder = Pick<ServiceRow, 'profile' | 'region' | 'service'>;

/** By profile, region, then service: the order of the table when no column is sorted (and within each attention group). */
function byName(a: NameOrder, b: NameOrder): number {
  return (
    collator.compare(a.profile, b.profile) ||
    collator.compare(a.region, b.region) ||
    collator.compare(a.service, b.service)
  );
}

/**
 * The Overview's items in their default order: by name, or with `attentionFirst` the rows that need
 * the user first (pending invitations, then failures), each group by name. A column the user sorts by
 * re-sorts these, stably.
 */
export function toItems(
  rows: readonly ServiceRow[],
  hiddenProfiles: readonly string[],
  attentionFirst = false,
  services: readonly ServiceInfo[] = [],
  names: AccountNames = NO_NAMES,
): OverviewItem[] {
  const hidden = new Set(hiddenProfiles);
  const sorted = rows.filter((row) => !hidden.has(row.profile)).sort(byName);
  const ordered = attentionFirst ? stableByAttention(sorted) : sorted;
  return ordered.map((row) => toItem(row, services, names));
}

/** A row's place in name order: what byName compares, kept when the row itself is replaced. */
interface Placed extends NameOrder {
  key: string;
}

/** Index of the first entry of `order` after `row` in name order (binary search: equal names go after). */
function placeAfter(order: readonly Placed[], row: Placed, from: number): number {
  let lo = from;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byName(order[mid] as Placed, row) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `order` with `added` (sorted by name) placed in it: O(k log n) comparisons and one copy of `order`. */
function mergeInOrder(order: readonly Placed[], added: Placed[]): Placed[] {
  added.sort(byName);
  const next: Placed[] = [];
  let at = 0;
  for (const row of added) {
    const to = placeAfter(order, row, at);
    for (; at < to; at++) next.push(order[at] as Placed);
    next.push(row);
  }
  for (; at < order.length; at++) next.push(order[at] as Placed);
  return next;
}

const NO_SERVICES: readonly ServiceInfo[] = [];

/**
 * `toItems` kept up to date across updates of the rows, for a refresh that streams rows in batches
 * into 17,000: the name order is kept and each batch's new keys are placed into it (no sort of every
 * row per batch), and an item is made once per row object (a row not replaced keeps its item). The
 * items are made again only when the services or the account names change. Returns what `toItems`
 * returns for the same rows.
 */
export function createItemsCache() {
  let order: Placed[] = [];
  const placed = new Set<string>();
  let itemOf = new WeakMap<ServiceRow, OverviewItem>();
  let madeWith: { services: readonly ServiceInfo[]; names: AccountNames } | null = null;
  return function items(
    rows: RowMap,
    hiddenProfiles: readonly string[],
    attentionFirst = false,
    services: readonly ServiceInfo[] = NO_SERVICES,
    names: AccountNames = NO_NAMES,
  ): OverviewItem[] {
    if (madeWith?.services !== services || madeWith.names !== names) {
      itemOf = new WeakMap();
      madeWith = { services, names };
    }
    const added: Placed[] = [];
    for (const key in rows) {
      if (placed.has(key)) continue;
      const row = rows[key] as ServiceRow;
      placed.add(key);
      added.push({ key, profile: row.profile, region: row.region, service: row.service });
    }
    if (added.length > 0) order = mergeInOrder(order, added);
    const hidden = new Set(hiddenProfiles);
    const groups: OverviewItem[][] = [[], [], []];
    for (const { key } of order) {
      const row = rows[key];
      if (!row || hidden.has(row.profile)) continue;
      let item = itemOf.get(row);
      if (!item) {
        item = toItem(row, services, names);
        itemOf.set(row, item);
      }
      groups[attentionFirst ? item.attention : 2]?.push(item);
    }
    return groups.flat();
  };
}

/** The administrator a row shows: the active one first (several only in Detective, one per graph). */
function shownAdministrators(row: ServiceRow) {
  return [...row.administrators].sort((a, b) => Number(isEnabled(b.memberStatus)) - Number(isEnabled(a.memberStatus)));
}

function toItem(row: ServiceRow, services: readonly ServiceInfo[], names: AccountNames): OverviewItem {
  const administrators = shownAdministrators(row);
  const item: OverviewItem = {
    key: rowKey(row),
    service: serviceLabel(services, row.service),
    serviceShort: serviceNoun(services, row.service),
    profile: row.profile,
    account: visible(row.accountId ?? ''),
    region: row.region,
    state: stateLabel(row.state),
    administrator: administrators.length
      ? administrators.map((a) => visible(a.accountId)).join(', ')
      : isPartUnknown(row, 'administrator')
        ? 'unknown'
        : '',
    status: administrators.map((a) => visible(a.memberStatus)).join(', '),
    pendingFrom: row.pendingInvitations.map((i) => `from ${visible(i.accountId)}`).join(', '),
    pendingCount: row.pendingInvitations.length,
    attention: attentionOf(row),
    fetchedAt: row.fetchedAt,
    stale: row.stale,
    searchText: '',
    row,
  };
  item.searchText = [...TEXT_FIELDS.map((field) => item[field]), ...namesShown(row, names)]
    .join(FIELD_SEPARATOR)
    .toLowerCase();
  return item;
}

/** Buckets keep the name order inside each attention group without a second comparison sort. */
function stableByAttention(rows: readonly ServiceRow[]): ServiceRow[] {
  const groups: ServiceRow[][] = [[], [], []];
  for (const row of rows) groups[attentionOf(row)]?.push(row);
  return groups.flat();
}

export const CSV_COLUMNS: { id: string; header: string; value(item: OverviewItem): string }[] = [
  { id: 'profile', header: 'Profile', value: (i) => i.profile },
  { id: 'service', header: 'Service', value: (i) => i.service },
  { id: 'account', header: 'Account', value: (i) => i.account },
  { id: 'region', header: 'Region', value: (i) => i.region },
  { id: 'state', header: 'State', value: (i) => (i.row.error ? `${i.state}: ${i.row.error.message}` : i.state) },
  { id: 'pending', header: 'Pending invitations', value: (i) => i.pendingFrom },
  { id: 'administrator', header: 'Administrator', value: (i) => i.administrator },
  { id: 'status', header: 'Status', value: (i) => i.status },
  { id: 'refreshed', header: 'Last refreshed', value: (i) => `${formatTime(i.fetchedAt)}${i.stale ? ' (stale)' : ''}` },
];
