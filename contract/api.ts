/**
 * THE contract between the window and the main process (and the command line, which uses the same
 * door): channels, request schemas, responses, the handler table main implements, and the events
 * main sends. It sits in its own folder, below nobody: it imports main/domain and zod only.
 *
 * Main validates every request against these schemas (main/core/invoke.ts), the preload exposes one
 * function per channel, and the renderer imports this file with `import type` only. Payloads are
 * plain data (the domain types in main/domain/types.ts).
 *
 * A request about a service's row names the service (`service`). Where it is left out it means
 * Security Hub CSPM, the one service the app read before there were others: every caller written
 * before then keeps meaning what it meant. The window and the command line always name it.
 */
import { z } from 'zod';
import type { CachedRows } from '../main/domain/cached-rows';
import type { Result } from '../main/domain/errors';
import { ACCOUNT_ID_PATTERN, REGION_PATTERN, SERVICE_ID_PATTERN } from '../main/domain/ids';
import { INVITATION_ID_MAX, PROFILE_NAME_MAX, REGION_MAX } from '../main/domain/limits';
import { PERMISSION_USES, type PermissionsPolicy } from '../main/domain/permissions';
import type { SignInProgress, SignInStatus } from '../main/domain/sso-sign-in';
import { TRUST_ORIGINS, TRUSTED_MAX } from '../main/domain/trust';
import type {
  AccountNames,
  ActionOutcome,
  ActivityEntry,
  AppInfo,
  BatchOutcome,
  BulkResult,
  BulkRowResult,
  HandshakeResult,
  HandshakeStep,
  MemberInfo,
  MembersCsvImport,
  ProductInfo,
  ProfileList,
  RefreshStarted,
  RowKey,
  ServiceRow,
  Settings,
  UnprocessedAccount,
  WatchChange,
} from '../main/domain/types';
import { MAX_WORKERS, REGION_MODES, SERVICE_MODES, THEMES } from '../main/domain/types';
import type { API_METHODS } from './channels';

export type { CachedRow, CachedRows } from '../main/domain/cached-rows';
export type { AppError, AppErrorKind, Result } from '../main/domain/errors';
export type { PermissionLine, PermissionsPolicy, PermissionUse } from '../main/domain/permissions';
export type * from '../main/domain/types';
export { API_METHODS, EVENT_CHANNEL } from './channels';

// ---------------------------------------------------------------------------------------------
// Events (main -> renderer), all on one channel
// ---------------------------------------------------------------------------------------------

export type AppEvent =
  /** The rows finished since the last such event (main/core/rows/progress-batches.ts), in order; `done` counts them all. */
  | { type: 'refresh-progress'; refreshId: string; done: number; total: number; rows: ServiceRow[] }
  | {
      type: 'refresh-finished';
      refreshId: string;
      done: number;
      total: number;
      failed: number;
      cancelled: boolean;
      ms: number;
    }
  | { type: 'mfa-prompt'; promptId: string; serial: string; profiles: string[]; expiresAt: string }
  | { type: 'mfa-prompt-closed'; promptId: string }
  | { type: 'menu'; command: 'refresh' | 'open-settings' | 'open-activity' }
  | { type: 'settings-reset'; message: string }
  | { type: 'handshake-progress'; handshakeId: string; step: HandshakeStep }
  | { type: 'bulk-progress'; bulkId: string; done: number; total: number; result: BulkRowResult }
  /** Background watch: news since the last read (may be empty) and the pending-invitation count (per service id too). */
  | { type: 'watch-change'; changes: WatchChange[]; pendingCount: number; pendingByService?: Record<string, number> }
  /** Account names, read after a refresh's rows (never before them): every name known now. */
  | { type: 'account-names'; names: AccountNames }
  | SsoEvent;

// ---------------------------------------------------------------------------------------------
// Request schemas
// ---------------------------------------------------------------------------------------------

const accountId = z.string().regex(ACCOUNT_ID_PATTERN, 'must be a 12-digit AWS account id');
// The limits are main/domain/limits.ts's, the same the stored rows and the activity log accept.
const profileName = z.string().min(1).max(PROFILE_NAME_MAX, `must be at most ${PROFILE_NAME_MAX} characters`);
const region = z
  .string()
  .max(REGION_MAX, `must be an AWS region such as us-east-1 (at most ${REGION_MAX} characters)`)
  .regex(REGION_PATTERN, 'must be an AWS region such as us-east-1');
/** A service of the registry (checked there: main/core/services/registry.ts serviceOf). */
const serviceId = z.string().max(32).regex(SERVICE_ID_PATTERN, 'must be a service id such as securityhub');
/** Left out: Security Hub CSPM (FIRST_SERVICE), applied where the registry is asked (serviceOf). */
const service = serviceId.optional();
const row = z.strictObject({ service, profile: profileName, region });
const accountIds = z.array(accountId).min(1).max(1000);
/** Which rows: profiles × regions × services, each left out meaning the settings' choice (never an empty list). */
const selection = {
  profiles: z.array(profileName).min(1).max(10000).optional(),
  regions: z.array(region).min(1).max(40).optional(),
  services: z.array(serviceId).min(1).max(16).optional(),
};
const none = z.undefined().or(z.null()).or(z.strictObject({}));
/** The person agreed to trust an administrator outside the trusted list (main/domain/trust.ts). */
const trustAdministrator = z.boolean().optional();
const trustedAdministrators = z
  .array(
    z.strictObject({
      accountId,
      service: serviceId.or(z.literal('*')),
      origin: z.enum(TRUST_ORIGINS),
      since: z.string().min(1).max(64),
    }),
  )
  .max(TRUSTED_MAX)
  .refine((list) => new Set(list.map((t) => `${t.accountId}/${t.service}`)).size === list.length, {
    message: 'lists an account twice for the same service',
  });

export const requestSchemas = {
  'app:info': none,
  'profiles:list': z.strictObject({ reload: z.boolean().optional() }).optional(),
  'snapshots:cached': none,
  'refresh:start': z.strictObject({
    scope: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('all') }),
      z.strictObject({ kind: z.literal('profile'), profile: profileName }),
      z.strictObject({ kind: z.literal('row'), service, profile: profileName, region }),
      /** Several rows in one refresh (the command line's --region), so their reads are shared. */
      z.strictObject({ kind: z.literal('rows'), rows: z.array(row).min(1).max(10000) }),
      /** Profiles × regions × services, expanded by main (the command line's --profile/--region/--service). */
      z.strictObject({ kind: z.literal('select'), ...selection }),
    ]),
    /** Re-read the AWS config files and drop cached credentials first. */
    reload: z.boolean().optional(),
  }),
  'refresh:cancel': z.strictObject({ refreshId: z.string().min(1).max(100) }),
  /** The rows a selection names, as a refresh would read them (the command line shows them before a bulk answer). */
  'rows:plan': z.strictObject(selection),
  /** Forget the standing answers ("region not enabled", "blocked by an organization policy") of this profile's account, or all, and read those rows now. */
  'regions:recheck': z.strictObject({ profile: profileName.optional() }),
  'invitation:accept': row.extend({
    administratorId: accountId,
    /**
     * The service's own reference to the invitation (checked by the service). Left out: the pending
     * invitation of that administrator, as the action's one read finds it.
     */
    invitationId: z.string().min(1).max(INVITATION_ID_MAX).optional(),
    /** The person agreed to turn the service on first where accepting needs it (billed). */
    turnOn: z.boolean().optional(),
    /** The administrator is outside the trusted list and the person agreed to trust it (it is added). */
    trustAdministrator,
  }),
  /** `invitationId` as for invitation:accept: where an administrator has several pending, it names one. */
  'invitation:decline': row.extend({
    administratorId: accountId,
    invitationId: z.string().min(1).max(INVITATION_ID_MAX).optional(),
  }),
  /**
   * Leaves an administrator. `administratorId` left out: the one administrator; a member with
   * several at once (Detective's behavior graphs) must name which — by administrator, or by the
   * relationship's own reference (`invitationId`: the graph ARN) where one administrator has several.
   */
  'administrator:disassociate': row.extend({
    administratorId: accountId.optional(),
    invitationId: z.string().min(1).max(INVITATION_ID_MAX).optional(),
  }),
  'members:list': row.extend({ onlyAssociated: z.boolean() }),
  'members:get': row.extend({ accountIds }),
  'members:create': row.extend({
    accounts: z
      .array(z.strictObject({ accountId, email: z.email().max(320).optional() }))
      .min(1)
      .max(1000),
  }),
  'members:invite': row.extend({ accountIds }),
  'members:disassociate': row.extend({ accountIds }),
  'members:delete': row.extend({ accountIds }),
  'invitations:delete': row.extend({ accountIds }),
  /** Turns the service on in the region (billed). */
  'service:enable': row.extend({ enableDefaultStandards: z.boolean() }),
  'members:import-csv': none,
  'handshake:run': z.strictObject({
    service,
    administratorProfile: profileName,
    memberProfile: profileName,
    regions: z.array(region).min(1).max(40),
    /** The member account's e-mail address, for a service that adds members only with one (GuardDuty). */
    memberEmail: z.email().max(320).optional(),
  }),
  'bulk:run': z.strictObject({
    action: z.enum(['accept', 'decline']),
    /** Only invitations from this administrator are answered, never whatever is pending. */
    administratorId: accountId,
    rows: z.array(row).min(1).max(10000),
    /** As for invitation:accept: an accept from an administrator outside the trusted list. */
    trustAdministrator,
  }),
  /** The least-privilege IAM policy for these services (left out: every one) and use (main/core/permissions/). */
  'permissions:policy': z.strictObject({
    services: selection.services,
    use: z.enum(PERMISSION_USES),
    includeDeprecated: z.boolean().optional(),
    accountNames: z.boolean().optional(),
  }),
  /** Security Hub CSPM's product catalogue (its integrations page). */
  'products:list': z.strictObject({ profile: profileName, region }),
  'settings:get': none,
  'settings:update': z.strictObject({
    /** 'all': every service the app has, those added later too; 'list': `services`. */
    serviceMode: z.enum(SERVICE_MODES).optional(),
    /** Which services to read in 'list' mode; each must be one the app has (checked with the registry). */
    services: z.array(serviceId).min(1).max(16).optional(),
    defaultRegionMode: z.enum(REGION_MODES).optional(),
    defaultRegions: z.array(region).max(40).optional(),
    profileRegions: z.record(profileName, z.array(region).max(40)).optional(),
    hiddenProfiles: z.array(profileName).max(10000).optional(),
    selectedView: z.string().max(200).optional(),
    concurrency: z.number().int().min(1).max(256).optional(),
    autoRefreshMinutes: z.number().int().min(0).max(1440).optional(),
    callTimeoutMs: z.number().int().min(1000).max(300000).optional(),
    credentialTimeoutSeconds: z.number().int().min(5).max(600).optional(),
    readOnly: z.boolean().optional(),
    confirmations: z
      .strictObject({
        decline: z.boolean(),
        disassociate: z.boolean(),
        adminActions: z.boolean(),
      })
      .optional(),
    theme: z.enum(THEMES).optional(),
    trustedAdministrators: trustedAdministrators.optional(),
    /** null: as many as the machine has cores less one (1 to 8); 0: none (AWS work on the main thread). */
    workers: z.number().int().min(0).max(MAX_WORKERS).nullable().optional(),
  }),
  'activity:list': z.strictObject({ limit: z.number().int().min(1).max(10000).optional() }).optional(),
  'activity:export': z.strictObject({ format: z.enum(['csv', 'json', 'jsonl']) }),
  'clipboard:write': z.strictObject({ text: z.string().max(100000) }),
  'external:open': z.strictObject({ url: z.string().max(2048) }),
  /** The account names known now (each a source and a time); new ones come as `account-names` events. */
  'names:get': none,
  'mfa:answer': z.strictObject({
    promptId: z.string().min(1).max(100),
    /** null cancels the prompt. */
    code: z
      .string()
      .regex(/^\d{6}$/, 'must be a 6-digit code')
      .nullable(),
  }),
  ...ssoRequestSchemas(profileName),
} as const;

export type Channel = keyof typeof requestSchemas;
export type RequestOf<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof requestSchemas)[C]>;

// ---------------------------------------------------------------------------------------------
// Response types
// ---------------------------------------------------------------------------------------------

export interface Responses extends SsoResponses {
  'app:info': AppInfo;
  'profiles:list': ProfileList;
  /** Each member list once, rows naming it (main/domain/cached-rows.ts). */
  'snapshots:cached': CachedRows;
  'refresh:start': RefreshStarted;
  'refresh:cancel': { cancelled: boolean };
  'rows:plan': RowKey[];
  /** refreshId is null when no row needed reading again. */
  'regions:recheck': { refreshId: string | null; total: number; forgotten: number };
  'invitation:accept': ActionOutcome;
  'invitation:decline': ActionOutcome;
  'administrator:disassociate': ActionOutcome;
  'members:list': MemberInfo[];
  'members:get': { members: MemberInfo[]; unprocessed: UnprocessedAccount[] };
  'members:create': BatchOutcome;
  'members:invite': BatchOutcome;
  'members:disassociate': BatchOutcome;
  'members:delete': BatchOutcome;
  'invitations:delete': BatchOutcome;
  'service:enable': ActionOutcome;
  'members:import-csv': MembersCsvImport;
  'handshake:run': HandshakeResult;
  'bulk:run': BulkResult;
  'permissions:policy': PermissionsPolicy;
  'products:list': ProductInfo[];
  'settings:get': Settings;
  'settings:update': Settings;
  'activity:list': ActivityEntry[];
  'activity:export': { saved: boolean; path: string | null; entries: number };
  'clipboard:write': null;
  'external:open': { opened: boolean; reason: string | null };
  'names:get': AccountNames;
  'mfa:answer': null;
}

/** The object main implements: one async function per channel, given the validated request. */
export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>) => Promise<Responses[C]>;
};

// ---------------------------------------------------------------------------------------------
// What the preload exposes as `window.api`
// ---------------------------------------------------------------------------------------------

type MethodOf<C extends Channel> = (typeof API_METHODS)[C];

export type Api = {
  [C in Channel as MethodOf<C>]: undefined extends RequestOf<C>
    ? (request?: RequestOf<C>) => Promise<Result<Responses[C]>>
    : (request: RequestOf<C>) => Promise<Result<Responses[C]>>;
} & {
  /** Subscribe to main-process events; returns the unsubscribe function. */
  onEvent: (listener: (event: AppEvent) => void) => () => void;
};

// ---------------------------------------------------------------------------------------------
// Signing in to IAM Identity Center (main/core/handlers/sso.ts): requests, responses, the event
// ---------------------------------------------------------------------------------------------

export type { SignInProgress, SignInStatus } from '../main/domain/sso-sign-in';

/** A sign-in's progress: waiting (with the device flow's code), signed in, failed or cancelled. */
export type SsoEvent = { type: 'sso-sign-in'; progress: SignInProgress };

function ssoRequestSchemas(profileName: z.ZodString) {
  const ssoSession = z.string().min(1).max(PROFILE_NAME_MAX);
  const target = z.union([z.strictObject({ ssoSession }), z.strictObject({ profile: profileName })]);
  return {
    'sso:sign-in': z.strictObject({
      target,
      flow: z.enum(['browser', 'device-code']),
      /** false: open nothing, only report the link and code (the command line's --no-browser). */
      openBrowser: z.boolean().optional(),
    }),
    'sso:sign-out': z.strictObject({ target }),
    'sso:cancel': z.strictObject({ signInId: z.string().min(1).max(100) }),
    'sso:status': z.undefined().or(z.null()).or(z.strictObject({})),
  };
}

interface SsoResponses {
  'sso:sign-in': { signInId: string; label: string; profiles: string[] };
  'sso:cancel': { cancelled: boolean };
  /** removed: a token file was there; portalLogout: the portal ended the session. */
  'sso:sign-out': { label: string; removed: boolean; portalLogout: boolean };
  'sso:status': SignInStatus[];
}

// Compile-time check: the method table in channels.ts covers exactly the channels above.
type MethodTableCoversChannels = [Channel] extends [keyof typeof API_METHODS]
  ? [keyof typeof API_METHODS] extends [Channel]
    ? true
    : never
  : never;
export const methodTableCoversChannels: MethodTableCoversChannels = true;
