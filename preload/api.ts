/**
 * THE contract between the renderer and the main process.
 *
 * Every channel, its request schema and its response type live here. Main validates every request
 * against these schemas (main/ipc.ts), the preload exposes one function per channel, and the
 * renderer imports this file with `import type` only. Payloads are plain data: objects, arrays,
 * strings, numbers, booleans, null and ISO-8601 date strings.
 */
import { z } from 'zod';
import type { API_METHODS } from './channels';

export { API_METHODS, EVENT_CHANNEL } from './channels';

// ---------------------------------------------------------------------------------------------
// Errors and the Result envelope
// ---------------------------------------------------------------------------------------------

export const APP_ERROR_KINDS = [
  'invalid-request', // payload failed its schema
  'unknown-channel',
  'forbidden-sender', // IPC from a frame or origin that is not the app's own window
  'sign-in-needed', // SSO token missing or expired: run `aws sso login --profile <name>`
  'mfa-needed', // an MFA code is required (or was wrong)
  'cancelled', // the user cancelled (an MFA prompt, a refresh)
  'no-credentials',
  'expired-credentials',
  'invalid-credentials', // unknown key or bad signature
  'hub-off', // Security Hub is not enabled in this account and region
  'region-not-enabled', // opt-in region the account has not enabled
  'access-denied', // IAM does not allow the call (names the action)
  'organizations-managed', // only the Organizations delegated administrator can do this
  'throttled',
  'network',
  'timeout',
  'proxy',
  'not-found',
  'conflict',
  'invalid-input', // AWS InvalidInputException
  'refused', // the app refused what AWS would refuse, with an explanation
  'read-only', // read-only mode refuses every action
  'config', // a config or settings file problem
  'internal',
  'unknown',
] as const;
export type AppErrorKind = (typeof APP_ERROR_KINDS)[number];

export interface AppError {
  kind: AppErrorKind;
  /** One sentence a person can read. Never carries a secret. */
  message: string;
  /** What to do about it, or null. */
  remediation: string | null;
  /** A command the user can copy to fix it (e.g. `aws sso login --profile dev`), or null. */
  command: string | null;
  /** Whether trying the same thing again may succeed. */
  retryable: boolean;
  awsCode?: string;
  requestId?: string;
  /** The IAM action involved, when the error is a denial. */
  action?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

// ---------------------------------------------------------------------------------------------
// Domain data
// ---------------------------------------------------------------------------------------------

export const PROFILE_KINDS = ['static', 'assume-role', 'sso', 'credential-process', 'web-identity', 'unknown'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

export interface ProfileSummary {
  name: string;
  kind: ProfileKind;
  region: string | null;
  /** false when the SDK cannot use this profile; `reason` says why. */
  usable: boolean;
  reason: string | null;
  /** The profile (or its source chain) needs an MFA code. */
  mfa: boolean;
  sourceProfile: string | null;
  /** The profile AWS_PROFILE names (or `default` when AWS_PROFILE is unset). */
  isDefault: boolean;
}

export interface ConfigWarning {
  file: string;
  line: number;
  message: string;
}

export interface ProfileList {
  profiles: ProfileSummary[];
  warnings: ConfigWarning[];
  configFile: string;
  credentialsFile: string;
}

export const HUB_STATES = ['on', 'off', 'region-not-enabled', 'error'] as const;
export type HubState = (typeof HUB_STATES)[number];

export interface AdministratorInfo {
  accountId: string;
  invitationId: string | null;
  invitedAt: string | null;
  /** Free string from AWS (Enabled, Invited, Removed, Resigned, Associated, …): shown as given. */
  memberStatus: string;
}

export interface InvitationInfo {
  /** The account id of the administrator that sent the invitation. */
  accountId: string;
  invitationId: string;
  invitedAt: string | null;
  memberStatus: string;
}

export interface MemberInfo {
  accountId: string;
  email: string | null;
  /** AdministratorId, or MasterId when only the deprecated field is present. */
  administratorId: string | null;
  masterId: string | null;
  memberStatus: string;
  invitedAt: string | null;
  updatedAt: string | null;
}

export interface HubSnapshot {
  profile: string;
  region: string;
  accountId: string | null;
  arn: string | null;
  hub: HubState;
  hubArn: string | null;
  subscribedAt: string | null;
  administrator: AdministratorInfo | null;
  /** Invitations that are not the one behind the current relationship. */
  pendingInvitations: InvitationInfo[];
  /** GetInvitationsCount (excludes the accepted invitation), null when not read. */
  invitationsCount: number | null;
  /** Member accounts when this account administers the region (all statuses); null when unknown. */
  members: MemberInfo[] | null;
  /** The row-level failure (credentials, region, hub state read). */
  error: AppError | null;
  /** Failures of single reads that left the rest of the row usable (e.g. members denied). */
  partialErrors: { part: 'administrator' | 'invitations' | 'members'; error: AppError }[];
  /** Plain sentences about how the row was read, e.g. the deprecated GetMasterAccount fallback. */
  notes: string[];
  fetchedAt: string;
  /** Loaded from the last session and not refreshed yet. */
  stale: boolean;
}

export interface RowKey {
  profile: string;
  region: string;
}

export interface ActionOutcome {
  /** The row re-read after the action. */
  row: HubSnapshot;
  message: string;
  /** The deprecated operation was used because IAM denied the new one. */
  usedDeprecated: boolean;
  requestId: string | null;
}

export interface UnprocessedAccount {
  accountId: string;
  reason: string;
}

export interface BatchOutcome {
  processed: string[];
  unprocessed: UnprocessedAccount[];
  row: HubSnapshot | null;
  message: string;
}

export const INTEGRATION_TYPES = [
  'SEND_FINDINGS_TO_SECURITY_HUB',
  'RECEIVE_FINDINGS_FROM_SECURITY_HUB',
  'UPDATE_FINDINGS_IN_SECURITY_HUB',
] as const;

export interface ProductInfo {
  productArn: string;
  productName: string;
  companyName: string;
  description: string;
  categories: string[];
  integrationTypes: string[];
  marketplaceUrl: string | null;
  activationUrl: string | null;
}

export const ACTION_NAMES = [
  'accept',
  'decline',
  'disassociate',
  'create-members',
  'invite-members',
  'delete-invitations',
  'disassociate-members',
  'delete-members',
  'enable-hub',
  'bulk-accept',
  'bulk-decline',
  'handshake',
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

export interface ActivityEntry {
  id: string;
  time: string;
  source: 'app' | 'cli';
  profile: string;
  accountId: string | null;
  region: string;
  action: ActionName;
  /** The other account involved (administrator for member actions, members for admin actions). */
  target: string | null;
  outcome: 'succeeded' | 'failed' | 'refused';
  detail: string;
  requestId: string | null;
}

export const THEMES = ['system', 'light', 'dark'] as const;

export interface Settings {
  /** Regions scanned for every profile (the profile's own region is always added). */
  defaultRegions: string[];
  /** Per-profile region sets that replace the default set. */
  profileRegions: Record<string, string[]>;
  hiddenProfiles: string[];
  selectedView: string;
  concurrency: number;
  /** 0 turns auto-refresh off. */
  autoRefreshMinutes: number;
  callTimeoutMs: number;
  readOnly: boolean;
  confirmations: { decline: boolean; disassociate: boolean; adminActions: boolean };
  theme: (typeof THEMES)[number];
}

export interface AppInfo {
  version: string;
  demo: boolean;
  platform: string;
  configFile: string;
  credentialsFile: string;
  settingsFile: string;
  /** A notice for the user about settings that were reset (corrupt file backed up), or null. */
  settingsNotice: string | null;
}

export interface RefreshStarted {
  refreshId: string;
  total: number;
}

/** A members CSV read in main (the console's format: header `Account ID,Email`). */
export interface MembersCsvImport {
  /** The chosen file, or null when the dialog was cancelled. */
  path: string | null;
  accounts: { accountId: string; email?: string }[];
  /** Lines that could not be used, 1-based, with the reason. */
  errors: { line: number; message: string }[];
}

export const HANDSHAKE_STEPS = ['create', 'invite', 'accept'] as const;
export type HandshakeStepName = (typeof HANDSHAKE_STEPS)[number];

export interface HandshakeStep {
  region: string;
  step: HandshakeStepName;
  /** done: this run did it; skipped: already so (state read first); not-run: stopped before it. */
  status: 'done' | 'skipped' | 'failed' | 'not-run';
  message: string;
  error?: AppError;
}

export interface HandshakeResult {
  administratorAccountId: string | null;
  memberAccountId: string | null;
  steps: HandshakeStep[];
}

export interface BulkRowResult {
  profile: string;
  region: string;
  accountId: string | null;
  /** skipped: nothing to do, or another profile of the same account did it (sharedWith). */
  status: 'done' | 'skipped' | 'failed' | 'refused';
  message: string;
  /** The profile whose result this row shares (same account and region). */
  sharedWith?: string;
  error?: AppError;
}

export interface BulkResult {
  bulkId: string;
  action: 'accept' | 'decline';
  administratorId: string;
  results: BulkRowResult[];
  summary: string;
}

/** A change the background watch found between two reads of an account and region. */
export interface WatchChange {
  kind: 'new-invitation' | 'administrator-status' | 'member-status';
  profile: string;
  region: string;
  accountId: string;
  /** The other account: the inviting administrator, the administrator, or the member. */
  otherAccountId: string;
  /** Status before (null when new) and now (null when gone). */
  before: string | null;
  after: string | null;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Events (main -> renderer), all on one channel
// ---------------------------------------------------------------------------------------------

export type AppEvent =
  | { type: 'refresh-progress'; refreshId: string; done: number; total: number; row: HubSnapshot }
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
  /** Background watch: news since the last read (may be empty) and the pending-invitation count. */
  | { type: 'watch-change'; changes: WatchChange[]; pendingCount: number };

// ---------------------------------------------------------------------------------------------
// Request schemas
// ---------------------------------------------------------------------------------------------

const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');
const profileName = z.string().min(1).max(256);
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'must be an AWS region such as us-east-1');
const row = z.strictObject({ profile: profileName, region });
const accountIds = z.array(accountId).min(1).max(1000);
const none = z.undefined().or(z.null()).or(z.strictObject({}));

export const requestSchemas = {
  'app:info': none,
  'profiles:list': z.strictObject({ reload: z.boolean().optional() }).optional(),
  'snapshots:cached': none,
  'refresh:start': z.strictObject({
    scope: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('all') }),
      z.strictObject({ kind: z.literal('profile'), profile: profileName }),
      z.strictObject({ kind: z.literal('row'), profile: profileName, region }),
    ]),
    /** Re-read the AWS config files and drop cached credentials first. */
    reload: z.boolean().optional(),
  }),
  'refresh:cancel': z.strictObject({ refreshId: z.string().min(1).max(100) }),
  'invitation:accept': row.extend({
    administratorId: accountId,
    invitationId: z.string().min(1).max(256),
  }),
  'invitation:decline': row.extend({ administratorId: accountId }),
  'administrator:disassociate': row,
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
  'hub:enable': row.extend({ enableDefaultStandards: z.boolean() }),
  'members:import-csv': none,
  'handshake:run': z.strictObject({
    administratorProfile: profileName,
    memberProfile: profileName,
    regions: z.array(region).min(1).max(40),
  }),
  'bulk:run': z.strictObject({
    action: z.enum(['accept', 'decline']),
    /** Only invitations from this administrator are answered, never whatever is pending. */
    administratorId: accountId,
    rows: z.array(row).min(1).max(10000),
  }),
  'products:list': row,
  'settings:get': none,
  'settings:update': z.strictObject({
    defaultRegions: z.array(region).max(40).optional(),
    profileRegions: z.record(profileName, z.array(region).max(40)).optional(),
    hiddenProfiles: z.array(profileName).max(10000).optional(),
    selectedView: z.string().max(200).optional(),
    concurrency: z.number().int().min(1).max(256).optional(),
    autoRefreshMinutes: z.number().int().min(0).max(1440).optional(),
    callTimeoutMs: z.number().int().min(1000).max(300000).optional(),
    readOnly: z.boolean().optional(),
    confirmations: z
      .strictObject({
        decline: z.boolean(),
        disassociate: z.boolean(),
        adminActions: z.boolean(),
      })
      .optional(),
    theme: z.enum(THEMES).optional(),
  }),
  'activity:list': z.strictObject({ limit: z.number().int().min(1).max(10000).optional() }).optional(),
  'activity:export': z.strictObject({ format: z.enum(['csv', 'json']) }),
  'clipboard:write': z.strictObject({ text: z.string().max(100000) }),
  'external:open': z.strictObject({ url: z.string().max(2048) }),
  'mfa:answer': z.strictObject({
    promptId: z.string().min(1).max(100),
    /** null cancels the prompt. */
    code: z
      .string()
      .regex(/^\d{6}$/, 'must be a 6-digit code')
      .nullable(),
  }),
} as const;

export type Channel = keyof typeof requestSchemas;
export type RequestOf<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof requestSchemas)[C]>;

// ---------------------------------------------------------------------------------------------
// Response types
// ---------------------------------------------------------------------------------------------

export interface Responses {
  'app:info': AppInfo;
  'profiles:list': ProfileList;
  'snapshots:cached': HubSnapshot[];
  'refresh:start': RefreshStarted;
  'refresh:cancel': { cancelled: boolean };
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
  'hub:enable': ActionOutcome;
  'members:import-csv': MembersCsvImport;
  'handshake:run': HandshakeResult;
  'bulk:run': BulkResult;
  'products:list': ProductInfo[];
  'settings:get': Settings;
  'settings:update': Settings;
  'activity:list': ActivityEntry[];
  'activity:export': { saved: boolean; path: string | null; entries: number };
  'clipboard:write': null;
  'external:open': { opened: boolean; reason: string | null };
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

/** A helper both sides use to build an AppError without forgetting a field. */
export function appError(
  kind: AppErrorKind,
  message: string,
  extra: Partial<Omit<AppError, 'kind' | 'message'>> = {},
): AppError {
  return {
    kind,
    message,
    remediation: extra.remediation ?? null,
    command: extra.command ?? null,
    retryable: extra.retryable ?? false,
    ...(extra.awsCode ? { awsCode: extra.awsCode } : {}),
    ...(extra.requestId ? { requestId: extra.requestId } : {}),
    ...(extra.action ? { action: extra.action } : {}),
  };
}

// Compile-time check: the method table in channels.ts covers exactly the channels above.
type MethodTableCoversChannels = [Channel] extends [keyof typeof API_METHODS]
  ? [keyof typeof API_METHODS] extends [Channel]
    ? true
    : never
  : never;
export const methodTableCoversChannels: MethodTableCoversChannels = true;
