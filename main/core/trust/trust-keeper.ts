/**
 * The trusted administrators list kept in the settings (main/domain/trust.ts says what it means):
 * whether an administrator is trusted for a service, adding one — because the person agreed to
 * (accepting with "trust it"), or because the workstation already knew it (seed-trust.ts) — and the
 * activity entry every change gets, whoever made it (the Settings page and `config` included:
 * settings:update hands the before and after here).
 */
import { accountLabel } from '../../domain/account-names';
import {
  EVERY_SERVICE,
  isTrusted,
  type TrustedAdministrator,
  type TrustOrigin,
  trustOriginText,
  withTrusted,
} from '../../domain/trust';
import type { ActivityEntry, Settings } from '../../domain/types';
import type { NamesEngine } from '../names/engine';
import { serviceOf } from '../services/registry';
import { type ActivityLog, recordActivity } from '../storage/activity';
import type { SettingsStore } from '../storage/settings';

/** Where a trust was given: the row it came from, when it came from one. */
export interface TrustWhere {
  profile: string;
  region: string;
  accountId: string | null;
}

export interface TrustRequest {
  accountId: string;
  service: string;
  origin: TrustOrigin;
  /** Why, in a sentence of the activity entry. */
  why: string;
  where?: TrustWhere;
}

export interface TrustKeeper {
  isTrusted(service: string, accountId: string): boolean;
  /** The account with its name, or "not one of your accounts" (for refusals and entries). */
  label(accountId: string): string;
  /** Adds what is not trusted yet, one activity entry each; returns the entries added. */
  trust(requests: TrustRequest[]): Promise<TrustedAdministrator[]>;
  /** One activity entry per administrator a settings change trusted or stopped trusting. */
  recordChange(before: readonly TrustedAdministrator[], after: readonly TrustedAdministrator[]): Promise<void>;
}

const serviceWords = (service: string) => (service === EVERY_SERVICE ? 'every service' : serviceOf(service).about.name);

const key = (t: Pick<TrustedAdministrator, 'accountId' | 'service'>) => `${t.accountId}/${t.service}`;

export function createTrustKeeper(deps: {
  store: Pick<SettingsStore, 'get' | 'update'>;
  activity: ActivityLog;
  clock: () => Date;
  names: Pick<NamesEngine, 'current'>;
}): TrustKeeper {
  const { store, activity, clock, names } = deps;
  const label = (accountId: string) => accountLabel(names.current(), accountId);
  const record = (
    action: 'trust-administrator' | 'untrust-administrator',
    entry: Pick<TrustedAdministrator, 'accountId' | 'service'>,
    detail: string,
    where?: TrustWhere,
  ) =>
    recordActivity(activity, {
      service: entry.service === EVERY_SERVICE ? null : entry.service,
      // An entry of the settings belongs to no profile or region: '-' says so in the log's columns.
      profile: where?.profile ?? '-',
      accountId: where?.accountId ?? null,
      region: where?.region ?? '-',
      action,
      target: entry.accountId,
      outcome: 'succeeded',
      detail,
      requestId: null,
    } satisfies Omit<ActivityEntry, 'id' | 'time' | 'source'>);

  return {
    isTrusted: (service, accountId) => isTrusted(store.get().trustedAdministrators, service, accountId),
    label,
    async trust(requests) {
      let list = store.get().trustedAdministrators;
      const added: { entry: TrustedAdministrator; request: TrustRequest }[] = [];
      const since = clock().toISOString();
      for (const request of requests) {
        const entry = { accountId: request.accountId, service: request.service, origin: request.origin, since };
        const next = withTrusted(list, entry);
        list = next.list;
        if (next.added) added.push({ entry, request });
      }
      if (added.length === 0) return [];
      store.update({ trustedAdministrators: list } satisfies Partial<Settings>);
      for (const { entry, request } of added) {
        await record(
          'trust-administrator',
          entry,
          `Trusted ${label(entry.accountId)} as administrator for ${serviceWords(entry.service)} (${trustOriginText(entry.origin)}): ${request.why}`,
          request.where,
        );
      }
      return added.map((a) => a.entry);
    },
    async recordChange(before, after) {
      const had = new Set(before.map(key));
      const has = new Set(after.map(key));
      for (const entry of after.filter((t) => !had.has(key(t)))) {
        await record(
          'trust-administrator',
          entry,
          `Trusted ${label(entry.accountId)} as administrator for ${serviceWords(entry.service)} (${trustOriginText(entry.origin)}).`,
        );
      }
      for (const entry of before.filter((t) => !has.has(key(t)))) {
        await record(
          'untrust-administrator',
          entry,
          `No longer trusts ${label(entry.accountId)} as administrator for ${serviceWords(entry.service)}.`,
        );
      }
    },
  };
}
