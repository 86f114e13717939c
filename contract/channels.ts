/**
 * Channel names of the contract (contract/api.ts), kept in a file without zod so the sandboxed preload
 * bundle stays small. api.ts re-exports these and checks at compile time that they match its schemas.
 */

/** The one main -> renderer event channel. */
export const EVENT_CHANNEL = 'app:event';

/** Method name on window.api for each channel. Kept free of zod so the preload stays small. */
export const API_METHODS = {
  'app:info': 'appInfo',
  'profiles:list': 'listProfiles',
  'snapshots:cached': 'cachedSnapshots',
  'refresh:start': 'startRefresh',
  'refresh:cancel': 'cancelRefresh',
  'rows:plan': 'planRows',
  'regions:recheck': 'recheckRegions',
  'invitation:accept': 'acceptInvitation',
  'invitation:decline': 'declineInvitation',
  'administrator:disassociate': 'disassociateFromAdministrator',
  'members:list': 'listMembers',
  'members:get': 'getMembers',
  'members:create': 'createMembers',
  'members:invite': 'inviteMembers',
  'members:disassociate': 'disassociateMembers',
  'members:delete': 'deleteMembers',
  'invitations:delete': 'deleteInvitations',
  'service:enable': 'enableService',
  'members:import-csv': 'importMembersCsv',
  'handshake:run': 'runHandshake',
  'bulk:run': 'runBulk',
  'permissions:policy': 'permissionsPolicy',
  'products:list': 'listProducts',
  'settings:get': 'getSettings',
  'settings:update': 'updateSettings',
  'activity:list': 'listActivity',
  'activity:export': 'exportActivity',
  'clipboard:write': 'copyText',
  'external:open': 'openExternal',
  'names:get': 'accountNames',
  'mfa:answer': 'answerMfa',
  // Signing in to IAM Identity Center
  'sso:sign-in': 'signInSso',
  'sso:cancel': 'cancelSsoSignIn',
  'sso:sign-out': 'signOutSso',
  'sso:status': 'ssoStatus',
} as const;
