/**
 * Reads one row: a service for one profile in one region. Who the profile is comes from STS (once per
 * profile per refresh); what the account's service says comes from the service's own reader
 * (SecurityService.readAccount), and everything around it is the same for every service: the
 * partition check, the standing answers (an opt-in region "not enabled", a service an organization's
 * policy blocks, less than a day ago), whether the service's reader probes first, the head start on
 * the profile's last known account, and reads shared between profiles.
 *
 * Several profiles can reach the same account: `SharedReads` lets the first one read a service's
 * account-region and the others show that result, but only when the read did not depend on who
 * asked (no IAM denial, no deprecated fallback); otherwise each profile reads for itself. What is
 * shared is only the account's part of the row (AccountRead): the profile, its ARN, its notes and
 * anything naming it stay with each profile's own row.
 */
import { appError } from '../../domain/errors';
import { OPT_IN_REGIONS, PARTITION_NAMES, partitionOfArn, partitionOfRegion } from '../../domain/regions';
import { type ServiceRow, unknownWhereUnkept } from '../../domain/row';
import type { CallRunner } from '../aws/call';
import type { AwsClients } from '../aws/clients';
import { namedEndpointOf } from '../aws/endpoints';
import type { IdentityResolver } from '../aws/identity';
import { errorOfRead } from '../services/row-parts';
import type { AccountPart, SecurityService } from '../services/service';
import { carryLearnt } from './learnt';
import type { NotEnabled } from './region-checks';

export interface RowReadOptions {
  service: SecurityService;
  profile: string;
  region: string;
  /** Where to ask STS (the profile's own region, so an opt-in region cannot spoil the identity). */
  stsRegion: string;
  identity: IdentityResolver;
  clients: Pick<AwsClients, 'client' | 'credentialsReady'>;
  /** A runner bound to this row's priority and cancellation, for the given throttling key. */
  runner: (key: string) => CallRunner;
  clock: () => Date;
  /** Profile-level notes (e.g. regions dropped for another partition). */
  notes?: string[];
  shared?: SharedReads;
  /**
   * The account this profile reached last time (its stored rows), if any: the row's reads start
   * with it before STS answers, and are read again if STS names another account.
   */
  knownAccountId?: string | null;
  /** The standing answer for the service in this account-region (region not enabled, blocked, or an "off" that stands), or null: read it. */
  notEnabledSince?: (accountId: string) => NotEnabled | null;
  /**
   * Whether the service has answered in this account-region before (rows/region-checks.ts): where it
   * has not, the service's reader probes with one call first. Absent: probe only in opt-in regions.
   */
  answered?: (accountId: string) => boolean;
  /** The row last known for this key: what AWS's refusals taught is carried to this read (learnt.ts). */
  previous?: () => Promise<ServiceRow | null>;
}

/** The part of a row that belongs to the account and region, whichever profile read it. */
export type AccountRead = Pick<
  ServiceRow,
  'state' | 'administrators' | 'pendingInvitations' | 'members' | 'error' | 'partialErrors' | 'notes' | 'fetchedAt'
>;

/** service/accountId/region -> the first profile's read, or null when that read may not be shared. */
export type SharedReads = Map<string, Promise<AccountRead | null>>;

/** The throttling unit and the key of a shared read: one service in one account-region. */
export const accountRegionKey = (service: string, accountId: string, region: string) =>
  `${service}/${accountId}/${region}`;

export function sharedReadNote(accountId: string, region: string): string {
  return `Account ${accountId} in ${region} was read once and is shown under every profile that reaches it.`;
}

export function emptyRow(service: string, profile: string, region: string, clock: () => Date): ServiceRow {
  return {
    service,
    profile,
    region,
    accountId: null,
    arn: null,
    state: 'error',
    administrators: [],
    pendingInvitations: [],
    members: null,
    error: null,
    partialErrors: [],
    notes: [],
    fetchedAt: clock().toISOString(),
    stale: false,
  };
}

/** True when the read did not depend on which principal asked, so other profiles may show it. */
function shareable(read: AccountRead, principalDependent: boolean): boolean {
  if (principalDependent) return false;
  if (read.partialErrors.length > 0) return false;
  if (read.error === null) return true;
  // A command (`aws sso login --profile …`) is always one profile's. An organization's policy
  // applies to the account, whoever asks.
  return ['region-not-enabled', 'organization-policy'].includes(read.error.kind) && !read.error.command;
}

export async function readServiceRow(options: RowReadOptions): Promise<ServiceRow> {
  const { service, profile, region, clock } = options;
  const row = emptyRow(service.about.id, profile, region, clock);
  row.notes.push(...(options.notes ?? []));

  const asked = options.identity.resolve(profile, options.stsRegion, options.runner(`sts:${profile}`));
  // A read of the account-region in this refresh (shared) comes first; else a standing answer.
  const standing = (accountId: string) =>
    options.shared?.has(accountRegionKey(service.about.id, accountId, region))
      ? null
      : (options.notEnabledSince?.(accountId) ?? null);
  // Head start: the account of the profile's last row (or the one its settings name) is most likely
  // its account, so its reads start beside the STS call, once the credentials both share are in hand,
  // and count only once STS confirms it.
  const guess = options.knownAccountId ?? null;
  const early =
    guess && !standing(guess)
      ? options.clients.credentialsReady(profile).then((ready) =>
          ready
            ? readAccount(
                options,
                guess,
                asked.then(
                  (w) => w.ok && w.identity.accountId === guess,
                  () => false,
                ),
              )
            : null,
        )
      : null;
  const who = await asked;
  if (!who.ok) {
    row.error = who.error;
    row.fetchedAt = clock().toISOString();
    return row;
  }
  row.accountId = who.identity.accountId;
  row.arn = who.identity.arn;

  const identityPartition = partitionOfArn(who.identity.arn);
  const regionPartition = partitionOfRegion(region);
  if (identityPartition && identityPartition !== regionPartition) {
    row.error = appError(
      'config',
      `${region} belongs to ${PARTITION_NAMES[regionPartition]}, but this profile's account is in ${PARTITION_NAMES[identityPartition]}.`,
      { remediation: 'Remove this region from the profile’s regions (profileRegions in the settings).' },
    );
    return row;
  }

  const since = standing(who.identity.accountId);
  if (since) return standingRow(row, who.identity.accountId, since, service);

  // A wrong guess (another account now behind the profile) is read again with the right one.
  const read =
    (early && guess === who.identity.accountId ? await early : null) ??
    (await readAccount(options, who.identity.accountId, Promise.resolve(true)));
  // This profile's own row (profile, account, ARN, notes) with the account's part of the read.
  // A shared read is a private copy nobody modifies (rows are never changed once read), so the
  // rows showing it share its lists instead of copying a thousand members each.
  const fresh: ServiceRow = {
    ...row,
    ...read.part,
    notes: [...row.notes, ...read.part.notes, ...(read.shared ? [sharedReadNote(who.identity.accountId, region)] : [])],
  };
  if (!options.previous) return fresh;
  // The row last known only carries what AWS's refusals taught; without it (the store could not
  // answer in time) the fresh read still stands.
  const previous = await options.previous().catch(() => null);
  return carryLearnt(fresh, previous, clock());
}

/**
 * The row of a standing answer (a region found not enabled, a service an organization's policy
 * blocks, or a service whose "off" stands, less than a day ago): the same answer, without a call.
 */
function standingRow(row: ServiceRow, accountId: string, since: NotEnabled, service: SecurityService): ServiceRow {
  if (since.state === 'off') {
    return {
      ...row,
      state: 'off',
      fetchedAt: since.at,
      error: since.error,
      notes: [...row.notes, notAskedAgainNote(since.at, `${service.about.shortName} was off`)],
    };
  }
  if (since.state === 'blocked') {
    return {
      ...row,
      state: 'blocked',
      fetchedAt: since.at,
      error:
        since.error ??
        appError('organization-policy', `Your organization's policy denies ${service.about.name} in ${row.region}.`, {
          remediation: `Ask your organization's administrators to allow ${service.about.name} in ${row.region}, or leave ${row.region} out of this profile's regions.`,
        }),
      notes: [...row.notes, notAskedAgainNote(since.at, `an organization policy blocked ${service.about.shortName}`)],
    };
  }
  return {
    ...row,
    state: 'region-not-enabled',
    fetchedAt: since.at,
    error:
      since.error ??
      appError('region-not-enabled', `Account ${accountId} has not enabled region ${row.region}.`, {
        remediation:
          'Enable the region in the AWS console (Account → AWS Regions) or remove it from this profile’s regions.',
      }),
    notes: [...row.notes, notAskedAgainNote(since.at)],
  };
}

export function notAskedAgainNote(at: string, what = 'the region was not enabled'): string {
  return `Not asked again since ${at}, when ${what}: the app asks once a day, or at once with “Re-check regions” (command line: status --recheck-regions).`;
}

/**
 * The service's reading of the account, or the row-wide failure it ended in. A part holding a value
 * the row cannot keep is unknown, said so (main/domain/row.ts), as the stored row will say.
 */
async function readPart(options: RowReadOptions, accountId: string, key: string): Promise<AccountPart> {
  const { service, profile, region } = options;
  try {
    const client = options.clients.client(service.sdk, profile, region);
    return unknownWhereUnkept(
      await service.readAccount({
        target: service,
        client,
        profile,
        region,
        identityOk: true,
        accountId,
        endpoint: namedEndpointOf(service.about.name, client),
        run: options.runner(key),
        probeFirst: OPT_IN_REGIONS.has(region) || (options.answered !== undefined && !options.answered(accountId)),
      }),
    );
  } catch (error) {
    return {
      state: 'error',
      administrators: [],
      pendingInvitations: [],
      members: null,
      error: errorOfRead(error),
      partialErrors: [],
      notes: [],
      principalDependent: false,
    };
  }
}

/**
 * The account's part of the row: shown from another profile's read of the same account-region when
 * that one may be shared, else read here. `confirmed` says (once STS answers) whether `accountId`
 * is really the profile's account; only a confirmed read is offered to the other profiles.
 */
async function readAccount(
  options: RowReadOptions,
  accountId: string,
  confirmed: Promise<boolean>,
): Promise<{ part: AccountRead; shared: boolean }> {
  const key = accountRegionKey(options.service.about.id, accountId, options.region);
  const shared = options.shared;
  const earlier = shared?.get(key);
  if (earlier) {
    const other = await earlier;
    if (other) return { part: other, shared: true };
  }
  let publish: ((read: AccountRead | null) => void) | null = null;
  if (shared && !earlier) {
    shared.set(
      key,
      new Promise((resolve) => {
        publish = resolve;
      }),
    );
  }
  const { principalDependent, ...read } = await readPart(options, accountId, key);
  const part: AccountRead = { ...read, fetchedAt: options.clock().toISOString() };
  const ok = await confirmed;
  (publish as ((read: AccountRead | null) => void) | null)?.(
    ok && shareable(part, principalDependent) ? structuredClone(part) : null,
  );
  return { part, shared: false };
}
