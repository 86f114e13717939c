/**
 * The product's data: profiles, rows (ServiceRow, declared in row.ts), actions, activity, settings. Plain objects,
 * arrays, strings, numbers, booleans, null and ISO-8601 date strings only, so every value can cross
 * IPC and be stored as JSON unchanged.
 */
import type { AppError } from './errors';
import type { ServiceRow } from './row';
import type { ServiceInfo } from './services';
import type { TrustedAdministrator } from './trust';

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
  /**
   * The `[sso-session NAME]` whose token signs this profile in: its own sso_session, or that of the SSO
   * profile at the end of its source_profile chain (a role on top of SSO). Null for legacy SSO settings
   * (sso_start_url in the profile) and for profiles that do not use SSO.
   */
  ssoSession: string | null;
  /** The profile AWS_PROFILE names (or `default` when AWS_PROFILE is unset). */
  isDefault: boolean;
  /**
   * The account the profile's own settings name — sso_account_id, or the account in role_arn — or
   * null (static keys, a credential process). A first refresh starts the profile's reads with it
   * beside STS; STS still decides whose rows they are.
   */
  configuredAccountId: string | null;
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

export type { AccountName, AccountNames, NameSource } from './account-names';
export type { RowKey } from './ids';
export type {
  AdministratorInfo,
  InvitationInfo,
  MemberInfo,
  RowPart,
  RowState,
  ServiceRow,
} from './row';
export type { ServiceInfo, ServiceWrite } from './services';
export type { TrustedAdministrator, TrustOrigin } from './trust';

export interface ActionOutcome {
  /** The row after the action: the account's side the write changed, read again. */
  row: ServiceRow;
  message: string;
  /** The deprecated operation was used because IAM denied the new one. */
  usedDeprecated: boolean;
  requestId: string | null;
  /** AWS took the write but its reads had not shown the change within the bound: the row is `settling`. */
  settling?: boolean;
}

export interface UnprocessedAccount {
  accountId: string;
  reason: string;
  /** The app never sent it: an earlier call of the batch was refused or its answer lost. */
  notSent?: boolean;
}

export interface BatchOutcome {
  processed: string[];
  unprocessed: UnprocessedAccount[];
  row: ServiceRow | null;
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
  // IAM Identity Center: the entry names the session and the expiry, never a token.
  'sso-sign-in',
  'sso-sign-out',
  // The trusted administrators list (settings): an account trusted or no longer trusted, and why.
  'trust-administrator',
  'untrust-administrator',
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

/**
 * What an action came to, in the words of what the command reported: done; failed; refused (by the
 * app or AWS, nothing changed); already done (nothing to do, exit 0); partial (a run over many rows or
 * accounts in which some failed, with `counts`); pending (a write recorded before it was sent, not
 * answered yet); interrupted (the process ended after sending it, before AWS answered: the outcome
 * is unknown).
 */
export const ACTIVITY_OUTCOMES = [
  'succeeded',
  'failed',
  'refused',
  'already-done',
  'partial',
  'pending',
  'interrupted',
] as const;
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[number];

/** A run over many rows or accounts: how many came to each result. */
export interface ActivityCounts {
  done: number;
  skipped: number;
  refused: number;
  failed: number;
}

export interface ActivityEntry {
  id: string;
  /** When the entry was recorded: for a write recorded before it was sent, when its outcome was known. */
  time: string;
  source: 'app' | 'cli';
  /** The security service acted on (null for what belongs to no service, such as a sign-in). */
  service: string | null;
  profile: string;
  accountId: string | null;
  region: string;
  action: ActionName;
  /** The other account involved (administrator for member actions, members for admin actions). */
  target: string | null;
  outcome: ActivityOutcome;
  detail: string;
  requestId: string | null;
  /** The administrator accepted, declined or left (member actions); absent in entries of earlier versions. */
  administratorId?: string | null;
  /** The invitation accepted. */
  invitationId?: string | null;
  /** A run over many rows or accounts (bulk answers, member batches): how many of each result. */
  counts?: ActivityCounts | null;
  /** A write recorded before it was sent: when it was sent. */
  sentAt?: string | null;
  /** The process that sent a write still pending (to tell one in flight from one a killed process left). */
  pid?: number | null;
}

export const THEMES = ['system', 'light', 'dark'] as const;
/** The most worker threads the settings may ask for (Settings.workers). */
export const MAX_WORKERS = 8;

/**
 * Which regions a profile without its own set is read in: 'all' is every region of its partition
 * where each service has an endpoint (stored as the mode, so a region added to AWS's endpoint data
 * later is read too), 'list' is defaultRegions.
 */
export const REGION_MODES = ['all', 'list'] as const;

/**
 * Which security services are read: 'all' is every service the app has (stored as the mode, so a
 * service added later is read too), 'list' is `services`.
 */
export const SERVICE_MODES = ['all', 'list'] as const;

export interface Settings {
  serviceMode: (typeof SERVICE_MODES)[number];
  /** The security services read in 'list' mode (ids of the registry). */
  services: string[];
  defaultRegionMode: (typeof REGION_MODES)[number];
  /** Regions scanned for every profile in 'list' mode (the profile's own region is always added). */
  defaultRegions: string[];
  /** Per-profile region sets that replace the default set. */
  profileRegions: Record<string, string[]>;
  hiddenProfiles: string[];
  selectedView: string;
  concurrency: number;
  /** 0 turns auto-refresh off. */
  autoRefreshMinutes: number;
  callTimeoutMs: number;
  /**
   * How long a profile's credentials may take to resolve (a credential_process helper, an SSO or role
   * call), MFA prompts not counted; then the helper is stopped and the row says so.
   */
  credentialTimeoutSeconds: number;
  readOnly: boolean;
  confirmations: { decline: boolean; disassociate: boolean; adminActions: boolean };
  theme: (typeof THEMES)[number];
  /** Administrators whose invitations are expected (main/domain/trust.ts); others are marked and need "trust it". */
  trustedAdministrators: TrustedAdministrator[];
  /**
   * Worker threads that talk to AWS (main/core/workers): null picks the number from the machine (its
   * cores less one, 1 to 8); 0 keeps the AWS work on the main thread. Read when the backend starts.
   */
  workers: number | null;
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
  /** Every service the app can read, in the registry's order. */
  services: ServiceInfo[];
  /**
   * Writes sent before the app last ended (or by a command line that was killed) and never settled:
   * AWS may have applied them. Found when the app started; the activity log now calls them interrupted.
   */
  unsettledWrites?: ActivityEntry[];
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
  /** Lines that could not be used, 1-based, with the reason: the first 100 (and a line where reading stopped). */
  errors: { line: number; message: string }[];
  /** How many more lines could not be used than `errors` lists. */
  moreErrors: number;
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
  service: string;
  administratorAccountId: string | null;
  memberAccountId: string | null;
  steps: HandshakeStep[];
}

export interface BulkRowResult {
  service: string;
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
  /** The services answered (a bulk answer may cross services). */
  services: string[];
  action: 'accept' | 'decline';
  administratorId: string;
  results: BulkRowResult[];
  summary: string;
}

/** A change the background watch found between two reads of an account and region. */
export interface WatchChange {
  kind: 'new-invitation' | 'administrator-status' | 'member-status';
  service: string;
  profile: string;
  region: string;
  accountId: string;
  /** The other account: the inviting administrator, the administrator, or the member. */
  otherAccountId: string;
  /** Status before (null when new) and now (null when gone). */
  before: string | null;
  after: string | null;
  message: string;
  /** A new invitation from an account outside the trusted administrators (set when the news is sent). */
  untrusted?: boolean;
}
