/**
 * Amazon GuardDuty (`guardduty`, API 2017-11-28): its calls, row reader, writes, detector, regions,
 * write operations and error specifics are in this folder; this object is what the rest of the app
 * knows of it (main/core/services/service.ts).
 */
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { z } from 'zod';
import { INVITATION_ID_MAX } from '../../../domain/limits';
import type { SecurityService } from '../service';
import { adminSide } from './admin-side';
import { classifyGuardDutyError } from './errors';
import { memberSide } from './member-side';
import { readAccount } from './read-account';
import { DEPRECATED_OPERATIONS, READ_OPERATIONS } from './reads';
import { guardDutyRegions } from './regions';
import { WRITE_OPERATIONS } from './writes';

export const guardDuty: SecurityService<GuardDutyClient> = {
  about: {
    id: 'guardduty',
    name: 'GuardDuty',
    shortName: 'GuardDuty',
    operations: {
      accept: 'AcceptAdministratorInvitation',
      decline: 'DeclineInvitations',
      leave: 'DisassociateFromAdministratorAccount',
      'create-members': 'CreateMembers',
      'invite-members': 'InviteMembers',
      'delete-invitations': 'DeleteInvitations',
      'disassociate-members': 'DisassociateMembers',
      'delete-members': 'DeleteMembers',
      'turn-on': 'CreateDetector',
    },
    maxAdministrators: 1,
    // AccountDetail.Email is required in its model; a wrong one ends in EmailVerificationFailed.
    membersNeedEmail: true,
    turnOn: {
      // The CreateDetector API reference: without features, every optional one but Runtime Monitoring is on.
      billing:
        'GuardDuty is billed per account and per region by the volume it analyses (CloudTrail events, VPC flow and DNS logs, and the protection plans a new detector turns on: all but Runtime Monitoring), after a 30-day free trial.',
      option: null,
    },
  },
  sdk: { endpointId: 'GuardDuty', create: (config) => new GuardDutyClient(config) },
  iamPrefix: 'guardduty',
  regions: guardDutyRegions,
  // Off is ListDetectors' empty list, read with the invitations each refresh: it costs nothing to ask.
  offStands: false,
  writeOperations: WRITE_OPERATIONS,
  readOperations: READ_OPERATIONS,
  deprecatedOperations: DEPRECATED_OPERATIONS,
  classifyError: classifyGuardDutyError,
  // Invitation ids are opaque strings (the AWS CLI's list-invitations example shows 32 characters).
  invitationId: z.string().min(1).max(INVITATION_ID_MAX),
  readAccount,
  member: memberSide,
  admin: adminSide,
};
