/**
 * The trusted administrators list starts from what the workstation already knows (main/domain/trust.ts):
 * - an administrator one of the user's accounts already belongs to (an Enabled relationship in the
 *   rows a refresh has just read): its findings already go there;
 * - the organization's delegated administrator for a service, where a profile may read it
 *   (Organizations ListDelegatedAdministrators, read with the names: main/core/names/names-pass.ts).
 * Each is added once, recorded in the activity log, and remembered in the names cache as seeded: an
 * administrator the user has removed from the list is never added back.
 */

import type { ServiceRow } from '../../domain/row';
import { isEnabled } from '../../domain/statuses';
import type { NamesEngine } from '../names/engine';
import type { TrustKeeper, TrustRequest } from './trust-keeper';

/** An Enabled relationship a refresh read: the row's account is a member of the administrator. */
export interface Relation {
  service: string;
  administratorId: string;
  profile: string;
  region: string;
  accountId: string;
}

/** The Enabled relationships of a row (none when its account is unknown). */
export function relationsOf(row: ServiceRow): Relation[] {
  const { accountId } = row;
  if (!accountId) return [];
  return row.administrators
    .filter((a) => isEnabled(a.memberStatus))
    .map((a) => ({
      service: row.service,
      administratorId: a.accountId,
      profile: row.profile,
      region: row.region,
      accountId,
    }));
}

const seededKey = (service: string, accountId: string) => `${service}/${accountId}`;

export async function seedTrust(
  keeper: TrustKeeper,
  names: Pick<NamesEngine, 'state' | 'update'>,
  relations: readonly Relation[],
  servicesRead: readonly string[],
  now: Date,
): Promise<void> {
  const { seeded, delegated } = names.state();
  const candidates = new Map<string, TrustRequest>();
  for (const r of relations) {
    const key = seededKey(r.service, r.administratorId);
    if (Object.hasOwn(seeded, key) || candidates.has(key)) continue;
    candidates.set(key, {
      accountId: r.administratorId,
      service: r.service,
      origin: 'administrator',
      why: `account ${r.accountId} (profile ${r.profile}) is already its Enabled member in ${r.region}.`,
      where: { profile: r.profile, region: r.region, accountId: r.accountId },
    });
  }
  for (const d of delegated) {
    const key = seededKey(d.service, d.accountId);
    if (!servicesRead.includes(d.service) || Object.hasOwn(seeded, key) || candidates.has(key)) continue;
    candidates.set(key, {
      accountId: d.accountId,
      service: d.service,
      origin: 'delegated-administrator',
      why: `AWS Organizations names it the delegated administrator (listed by profile ${d.via}).`,
    });
  }
  if (candidates.size === 0) return;
  // Remembered whether added now or already trusted: a later removal by the user stands.
  const at = now.toISOString();
  names.update((state) => {
    for (const key of candidates.keys()) state.seeded[key] = at;
  });
  await keeper.trust([...candidates.values()].filter((c) => !keeper.isTrusted(c.service, c.accountId)));
}
