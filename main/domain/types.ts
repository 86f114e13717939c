/**
 * The product's data: profiles, rows (ServiceRow, declared in row.ts), actions, activity, settings. Plain objects,
 * arrays, strings, numbers, booleans, null and ISO-8601 date strings only, so every value can cross
 * IPC and be stored as JSON unchanged.
 */
import type { AppError } from './errors';
import type { ServiceRow } from './row';
import type { ServiceInfo } from './services';

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

export interface ActionOutcome {
  /** The row after the action: the account's side the write changed, read again. */
  row: ServiceRow;
  message: string;
  /** The deprecated operation was used because IAM denied the new one. */
  usedDeprecated: boolean;
  requestId: string | null;
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
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

export interface ActivityEntry {
  id: string;
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
  outcome: 'succeeded' | 'failed' | 'refused';
  detail: string;
  requestId: string | null;
}

export const THEMES = ['system', 'light', 'dark'] as const;

/**
 * Which regions a profile without its own set is read in: 'all' is every region of its partition
 * where each service has an endpoint (stored as the mode, so a region added to AWS's endpoint data
 * later is read too), 'list' is defaultRegions.
 */
export const REGION_MODES = ['all', 'list'] as const;

export interface Settings {
  /** The security services read (ids of the registry); a new install reads every one. */
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
}
