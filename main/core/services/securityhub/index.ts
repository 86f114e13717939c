/**
 * AWS Security Hub CSPM (`securityhub`, API 2018-10-26): the first service of the app. Its calls,
 * row reader, writes, "off" test, regions, write operations and error specifics are in this folder;
 * this object is what the rest of the app knows of it (main/core/services/service.ts).
 */
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { z } from 'zod';
import { INVITATION_ID_MAX } from '../../../domain/limits';
import type { SecurityService } from '../service';
import { adminSide } from './admin-side';
import { classifySecurityHubError } from './errors';
import { memberSide } from './member-side';
import { readAccount } from './read-account';
import { DEPRECATED_OPERATIONS, READ_OPERATIONS } from './reads';
import { securityHubRegions } from './regions';
import { WRITE_OPERATIONS } from './writes';

export const securityHub: SecurityService<SecurityHubClient> = {
  about: {
    id: 'securityhub',
    // AWS's name for this API since the 2025 Security Hub (which has no invitations) took the old one.
    name: 'Security Hub CSPM',
    shortName: 'Security Hub',
    operations: {
      accept: 'AcceptAdministratorInvitation',
      decline: 'DeclineInvitations',
      leave: 'DisassociateFromAdministratorAccount',
      'create-members': 'CreateMembers',
      'invite-members': 'InviteMembers',
      'delete-invitations': 'DeleteInvitations',
      'disassociate-members': 'DisassociateMembers',
      'delete-members': 'DeleteMembers',
      'turn-on': 'EnableSecurityHub',
    },
    // docs.aws.amazon.com/organizations/latest/userguide/services-that-can-integrate-securityhub.html
    organizationsPrincipal: 'securityhub.amazonaws.com',
    maxAdministrators: 1,
    // CreateMembers' Email is optional in its model (an Organizations member is added without one).
    membersNeedEmail: false,
    // "If your account is an administrator account, you can't accept an invitation to become a member
    // account" (securityhub-accounts-add-invite in the Security Hub CSPM user guide).
    administratorCannotAccept: true,
    // The CreateMembers documentation (botocore's securityhub model): "Accounts that are managed using
    // Organizations don't receive an invitation. They automatically become a member account … If the
    // organization account does not have Security Hub CSPM enabled, then Security Hub CSPM and the
    // default standards are automatically enabled."
    organizationEnrolment:
      "If this account is your organization's Security Hub CSPM delegated administrator, accounts of the organization become members at once (no invitation), and Security Hub CSPM and its default security standards are turned on in each of them where they are off: AWS bills those accounts from then on.",
    turnOn: {
      what: 'Security Hub CSPM (formerly called Security Hub) checks the account against security standards and is the service whose invitations this app manages. It is not the new AWS Security Hub (2025), which has no invitations, is turned on separately through AWS Organizations, and is billed separately.',
      billing:
        'Security Hub CSPM is billed per account and per region (security checks and findings ingested), after a 30-day free trial.',
      option: {
        label: 'Also enable the default security standards',
        description: 'AWS Foundational Security Best Practices and CIS AWS Foundations, as the console offers.',
      },
    },
  },
  sdk: { endpointId: 'SecurityHub', create: (config) => new SecurityHubClient(config) },
  iamPrefix: 'securityhub',
  regions: securityHubRegions,
  // Off is one row's three calls answered "not subscribed": read each refresh, as it always was.
  offStands: false,
  writeOperations: WRITE_OPERATIONS,
  readOperations: READ_OPERATIONS,
  deprecatedOperations: DEPRECATED_OPERATIONS,
  classifyError: classifySecurityHubError,
  // Invitation ids are opaque strings (the AWS CLI's list-invitations example shows 32 hex digits).
  invitationId: z.string().min(1).max(INVITATION_ID_MAX),
  readAccount,
  member: memberSide,
  admin: adminSide,
};
