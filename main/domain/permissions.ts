/**
 * The least-privilege IAM policy, as plain data: what each use means, one line of the permissions
 * table, and the policy document. The table is made from the services' own code
 * (main/core/permissions/); the command line's `permissions`, the Settings panel and README.md's
 * "IAM permissions" table all show it.
 */

/**
 * What the profile is used for. Cumulative from `read`: `member` and `administrator` each add their
 * writes to every read (an account that is both grants both).
 */
export const PERMISSION_USES = ['read', 'member', 'administrator'] as const;
export type PermissionUse = (typeof PERMISSION_USES)[number];

export const PERMISSION_USE_MEANING: Record<PermissionUse, string> = {
  read: 'see administrators, invitations and members (every refresh, the profile and integrations pages); no action',
  member:
    'read, and answer invitations: accept, decline, leave an administrator, and turn the service on where accepting needs it (billed)',
  administrator:
    'read, and manage member accounts: add, invite, withdraw invitations, disassociate and remove members, and turn the service on (billed)',
};

/** One IAM action the app may send, and why. */
export interface PermissionLine {
  /** The registry's service id, or `names` for the account-name reads. */
  service: string;
  /** Who the action is for: "Security Hub CSPM", "Account names". */
  serviceName: string;
  /** `securityhub:GetAdministratorAccount`. */
  action: string;
  /** The uses that need it (`read` lines are in every use). */
  uses: PermissionUse[];
  purpose: string;
  /** The new name this deprecated one stands in for: granted only with `includeDeprecated`. */
  deprecatedFor: string | null;
  /** The app works without it (a name is shown as the account id instead): granted only with `accountNames`. */
  optional: boolean;
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: '*';
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface PermissionsPolicy {
  policy: PolicyDocument;
  /** The lines granted, in the policy's order. */
  lines: PermissionLine[];
  /** What the chosen use means, in a sentence. */
  useMeaning: string;
}
