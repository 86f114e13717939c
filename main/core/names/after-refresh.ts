/**
 * What follows a refresh, once its rows are all out: the names pass over the profiles it read with
 * working credentials, then the trusted administrators seeded from what it found (trust/seed-trust.ts).
 * It watches the refresh's events only — the profiles each row saw in, and the Enabled relationships
 * — so the rows are never held up, and nothing here keeps a row.
 */
import type { AppEvent } from '../../../contract/api';
import type { AppErrorKind } from '../../domain/errors';
import type { ServiceRow } from '../../domain/row';
import type { ProfileSummary } from '../../domain/types';
import { type Relation, relationsOf, seedTrust } from '../trust/seed-trust';
import type { TrustKeeper } from '../trust/trust-keeper';
import type { NamesEngine } from './engine';
import type { ProfileSeen } from './plan';

/** A row with one of these says nothing of the profile's credentials working: its profile is not asked. */
const UNUSABLE: ReadonlySet<AppErrorKind> = new Set([
  'sign-in-needed',
  'mfa-needed',
  'no-credentials',
  'expired-credentials',
  'invalid-credentials',
  'config',
  'cancelled',
  'proxy',
  'network',
  'timeout',
  'internal',
  'unknown',
]);

interface Seen {
  /** Each profile with working credentials; `clean`: its region was read without an error. */
  profiles: Map<string, Omit<ProfileSeen, 'portal'> & { clean: boolean }>;
  relations: Relation[];
}

export interface AfterRefresh {
  /** Feed every event: it acts on a refresh's progress and its end. */
  observe(event: AppEvent): void;
  /** Resolves once the names and the seeding of every finished refresh are done. */
  settled(): Promise<void>;
}

function note(seen: Seen, row: ServiceRow): void {
  seen.relations.push(...relationsOf(row));
  if (!row.accountId || (row.error && UNUSABLE.has(row.error.kind))) return;
  const known = seen.profiles.get(row.profile);
  // A region read without an error is the one to ask in (IAM and Organizations answer in any).
  const keep = known && (known.clean || row.error !== null);
  seen.profiles.set(row.profile, {
    profile: row.profile,
    accountId: row.accountId,
    region: keep ? known.region : row.region,
    clean: keep ? known.clean : row.error === null,
    administers: (known?.administers ?? false) || (row.members?.length ?? 0) > 0,
  });
}

/** The portal session a profile signs in with, as the names plan groups them. */
function portalOf(summary: ProfileSummary | undefined): string | null {
  if (!summary) return null;
  if (summary.ssoSession) return summary.ssoSession;
  return summary.kind === 'sso' ? `profile:${summary.name}` : null;
}

export function createAfterRefresh(deps: {
  names: NamesEngine;
  keeper: TrustKeeper;
  listProfiles(): Promise<{ profiles: ProfileSummary[] }>;
  servicesRead(): string[];
  clock: () => Date;
}): AfterRefresh {
  const byRefresh = new Map<string, Seen>();
  let last: Promise<void> = Promise.resolve();

  async function finished(seen: Seen): Promise<void> {
    const summaries = new Map((await deps.listProfiles()).profiles.map((p) => [p.name, p]));
    const profiles = [...seen.profiles.values()].map(({ clean: _, ...p }) => ({
      ...p,
      portal: portalOf(summaries.get(p.profile)),
    }));
    await deps.names.read(profiles);
    await seedTrust(deps.keeper, deps.names, seen.relations, deps.servicesRead(), deps.clock());
  }

  return {
    observe(event) {
      if (event.type === 'refresh-progress') {
        let seen = byRefresh.get(event.refreshId);
        if (!seen) {
          seen = { profiles: new Map(), relations: [] };
          byRefresh.set(event.refreshId, seen);
        }
        for (const row of event.rows) note(seen, row);
      } else if (event.type === 'refresh-finished') {
        const seen = byRefresh.get(event.refreshId);
        byRefresh.delete(event.refreshId);
        if (!seen) return;
        last = last
          .then(() => finished(seen))
          .catch((error: unknown) =>
            console.error('After the refresh:', error instanceof Error ? error.message : error),
          );
      }
    },
    settled: () => last,
  };
}
