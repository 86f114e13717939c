/**
 * Amazon Macie (`macie2`, API 2020-01-01): its calls, row reader, writes, "off" test, regions, write
 * operations and error specifics are in this folder; this object is what the rest of the app knows
 * of it (main/core/services/service.ts).
 */
import { Macie2Client } from '@aws-sdk/client-macie2';
import { z } from 'zod';
import { INVITATION_ID_MAX } from '../../../domain/limits';
import type { SecurityService } from '../service';
import { adminSide } from './admin-side';
import { classifyMacieError } from './errors';
import { memberSide } from './member-side';
import { readAccount } from './read-account';
import { DEPRECATED_OPERATIONS, READ_OPERATIONS } from './reads';
import { macieRegions } from './regions';
import { WRITE_OPERATIONS } from './writes';

export const macie: SecurityService<Macie2Client> = {
  about: {
    id: 'macie',
    name: 'Macie',
    shortName: 'Macie',
    operations: {
      accept: 'AcceptInvitation',
      decline: 'DeclineInvitations',
      leave: 'DisassociateFromAdministratorAccount',
      'create-members': 'CreateMember',
      'invite-members': 'CreateInvitations',
      'delete-invitations': 'DeleteInvitations',
      'disassociate-members': 'DisassociateMember',
      'delete-members': 'DeleteMember',
      'turn-on': 'EnableMacie',
    },
    // docs.aws.amazon.com/organizations/latest/userguide/services-that-can-integrate-macie.html
    organizationsPrincipal: 'macie.amazonaws.com',
    // "A member account can be associated with only one Macie administrator account at a time."
    maxAdministrators: 1,
    // CreateMember's AccountDetail requires `email` and `accountId` (botocore macie2/2020-01-01).
    membersNeedEmail: true,
    // "An account can't be a Macie administrator and member account at the same time" (the Macie user
    // guide, accounts-mgmt-invitations-notes).
    administratorCannotAccept: true,
    turnOn: {
      what: 'Amazon Macie discovers sensitive data (personal, financial, credentials) in the account’s Amazon S3 buckets and reports on their security and access; accepting a Macie invitation needs Macie on in the account and region.',
      billing:
        'Macie is billed per account and per region: for the S3 buckets it monitors and the data it inspects, after a 30-day free trial of bucket monitoring and automated discovery.',
      option: null,
    },
  },
  sdk: { endpointId: 'Macie2', create: (config) => new Macie2Client(config) },
  iamPrefix: 'macie2',
  regions: macieRegions,
  // Off is AccessDeniedException "Macie is not enabled.", an AccessDenied event in the account's
  // CloudTrail each time: it stands for a day, and "Re-check regions" asks again.
  offStands: true,
  writeOperations: WRITE_OPERATIONS,
  readOperations: READ_OPERATIONS,
  deprecatedOperations: DEPRECATED_OPERATIONS,
  classifyError: classifyMacieError,
  // Invitation ids are opaque strings (the AWS CLI's macie2 list-invitations example shows 32 hex digits).
  invitationId: z.string().min(1).max(INVITATION_ID_MAX),
  readAccount,
  member: memberSide,
  admin: adminSide,
};
