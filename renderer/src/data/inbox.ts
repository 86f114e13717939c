/**
 * "Who is inviting me to what", across services: the pending invitations of every row grouped by the
 * inviting administrator, each group counted per service, with the invited accounts and regions and
 * the rows one bulk accept answers. Pure, so the grouping and its wording are tested without drawing.
 * Services are known only by their ids and `app:info`'s names, never by a name of the window's own.
 */
import type { ServiceInfo, ServiceRow } from '../../../contract/api';
import { count, plural } from '../lib/format';
import { visible } from '../lib/visible';

/** An invited account, or the profile that reached it when the profile could not say which account it is. */
export interface Invitee {
  accountId: string | null;
  profile: string;
}

export interface AdministratorInvitations {
  administratorId: string;
  /** Pending invitations per service, in the order of the services given (only those with some). */
  perService: { service: string; invitations: number }[];
  /** Every pending invitation of this administrator (an account-region-service reached by several profiles counts once). */
  invitations: number;
  invitees: Invitee[];
  regions: string[];
  /**
   * One row per service × account × region holding an invitation of this administrator: what a bulk
   * accept over every service is asked to answer (rows of several profiles reaching one account are one).
   */
  rows: ServiceRow[];
}

const collator = new Intl.Collator(undefined, { numeric: true });

/** Where a row's answer lands: its service in its account and region (its profile when the account is unknown). */
const targetKey = (row: ServiceRow) =>
  JSON.stringify([row.service, row.accountId ?? `profile:${row.profile}`, row.region]);

/** Of two rows reaching the same account-region, the one to answer through: fresh before stale, then the newer. */
const better = (a: ServiceRow, b: ServiceRow) => (a.stale !== b.stale ? !a.stale : a.fetchedAt > b.fetchedAt);

/**
 * The administrators with a pending invitation in `rows`, most invitations first. `serviceOrder` is
 * the registry's order of service ids (a service it does not list comes after, by id).
 */
export function invitationsByAdministrator(
  rows: readonly ServiceRow[],
  serviceOrder: readonly string[],
): AdministratorInvitations[] {
  const targets = new Map<string, ServiceRow>();
  for (const row of rows) {
    if (row.pendingInvitations.length === 0) continue;
    const key = targetKey(row);
    const known = targets.get(key);
    if (!known || better(row, known)) targets.set(key, row);
  }
  const groups = new Map<
    string,
    { perService: Map<string, Set<string>>; invitees: Map<string, Invitee>; regions: Set<string>; rows: ServiceRow[] }
  >();
  for (const row of targets.values()) {
    for (const administratorId of new Set(row.pendingInvitations.map((i) => i.accountId))) {
      let group = groups.get(administratorId);
      if (!group) {
        group = { perService: new Map(), invitees: new Map(), regions: new Set(), rows: [] };
        groups.set(administratorId, group);
      }
      // Several invitations of one administrator in one row (Detective's behavior graphs) each count.
      const ids = group.perService.get(row.service) ?? new Set<string>();
      for (const i of row.pendingInvitations) {
        if (i.accountId === administratorId) ids.add(`${targetKey(row)}|${i.invitationId}`);
      }
      group.perService.set(row.service, ids);
      const invitee = row.accountId ?? `profile:${row.profile}`;
      if (!group.invitees.has(invitee)) group.invitees.set(invitee, { accountId: row.accountId, profile: row.profile });
      group.regions.add(row.region);
      group.rows.push(row);
    }
  }
  const rank = (service: string) => {
    const at = serviceOrder.indexOf(service);
    return at === -1 ? serviceOrder.length : at;
  };
  return [...groups]
    .map(([administratorId, g]) => {
      const perService = [...g.perService]
        .map(([service, ids]) => ({ service, invitations: ids.size }))
        .sort((a, b) => rank(a.service) - rank(b.service) || a.service.localeCompare(b.service));
      return {
        administratorId,
        perService,
        invitations: perService.reduce((n, s) => n + s.invitations, 0),
        invitees: [...g.invitees.values()].sort((a, b) =>
          collator.compare(a.accountId ?? `~${a.profile}`, b.accountId ?? `~${b.profile}`),
        ),
        regions: [...g.regions].sort(collator.compare),
        rows: g.rows.sort(
          (a, b) =>
            rank(a.service) - rank(b.service) ||
            collator.compare(a.profile, b.profile) ||
            collator.compare(a.region, b.region),
        ),
      };
    })
    .sort((a, b) => b.invitations - a.invitations || a.administratorId.localeCompare(b.administratorId));
}

/** "A", "A and B", "A, B and C". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * What the administrator invites to, after the invitees: "to Security Hub CSPM and GuardDuty in
 * us-east-1"; with more than one invitation of a service, each service's count ("to Security Hub
 * CSPM (3) and GuardDuty (2) in 2 regions"). Several regions are counted; their names are in `where`.
 */
export function offerText(group: AdministratorInvitations, services: readonly ServiceInfo[]): string {
  const counted = group.perService.some((s) => s.invitations > 1);
  const names = group.perService.map((s) => {
    const name = services.find((info) => info.id === s.service)?.name ?? s.service;
    return counted ? `${name} (${count(s.invitations)})` : name;
  });
  const where = group.regions.length === 1 ? `in ${group.regions[0]}` : `in ${plural(group.regions.length, 'region')}`;
  return `to ${listText(names)} ${where}`;
}

/** The invitees in words when there are several ("3 accounts"); null for one (shown with its name). */
export function inviteesText(group: AdministratorInvitations): string | null {
  return group.invitees.length === 1 ? null : plural(group.invitees.length, 'account');
}

/** The whole group for a screen reader and a hover: every service's count, every region and account. */
export function groupDetails(group: AdministratorInvitations, services: readonly ServiceInfo[]): string {
  const perService = group.perService
    .map((s) => `${services.find((info) => info.id === s.service)?.name ?? s.service}: ${count(s.invitations)}`)
    .join(', ');
  const invitees = group.invitees.map((i) => i.accountId ?? `profile ${visible(i.profile)}`).join(', ');
  return `${plural(group.invitations, 'pending invitation')} (${perService}); regions ${group.regions.join(', ')}; accounts ${invitees}`;
}
