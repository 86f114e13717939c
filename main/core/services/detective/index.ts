/**
 * Amazon Detective (`detective`, API 2018-10-26): its calls, row reader, writes, regions, write
 * operations and error specifics are in this folder; this object is what the rest of the app knows
 * of it (main/core/services/service.ts). An account may contribute to several behavior graphs at
 * once, so its invitations and memberships are keyed by graph ARN, not by administrator.
 */
import { DetectiveClient } from '@aws-sdk/client-detective';
import { z } from 'zod';
import type { SecurityService } from '../service';
import { adminSide } from './admin-side';
import { classifyDetectiveError } from './errors';
import { memberSide } from './member-side';
import { readAccount } from './read-account';
import { DEPRECATED_OPERATIONS, READ_OPERATIONS } from './reads';
import { detectiveRegions } from './regions';
import { WRITE_OPERATIONS } from './writes';

/**
 * A behavior graph ARN: a Detective invitation's reference. The model's GraphArn pattern wants 32 hex
 * digits after `graph:`, but the AWS CLI's own examples print shorter ids (`graph:123412341234`):
 * the app checks that it is a graph ARN and leaves the exact pattern to AWS (ValidationException
 * INVALID_GRAPH_ARN), rather than refuse an ARN AWS itself published.
 */
export const GRAPH_ARN = /^arn:aws[-a-z]{0,10}:detective:[-a-z0-9]{2,20}:\d{12}:graph:[0-9a-f]{1,64}$/;

export const detective: SecurityService<DetectiveClient> = {
  about: {
    id: 'detective',
    name: 'Detective',
    shortName: 'Detective',
    operations: {
      accept: 'AcceptInvitation',
      decline: 'RejectInvitation',
      leave: 'DisassociateMembership',
      'create-members': 'CreateMembers',
      // Detective has no operation of its own for these three (writes.ts NOT_IN_DETECTIVE says why).
      'invite-members': 'CreateMembers',
      'delete-invitations': 'RejectInvitation',
      'disassociate-members': 'DeleteMembers',
      'delete-members': 'DeleteMembers',
      'turn-on': 'CreateGraph',
    },
    maxAdministrators: memberSide.maxAdministrators,
    invitationReference: { flag: 'graph-arn', name: 'behavior graph ARN' },
    // Account.EmailAddress is required in the model ("the account root user email address").
    membersNeedEmail: true,
    turnOn: {
      what: 'Detective collects the account’s logs (CloudTrail, VPC flow logs, GuardDuty findings) into a behavior graph for investigating security findings. Turning it on makes this account the administrator of a new behavior graph in the region.',
      // "Detective charges each member account … for each behavior graph that it contributes to"
      // (member-account-graph-management.html); the free trial: the Detective pricing page.
      billing:
        'Detective is billed per account and per region by the volume of data ingested into the behavior graph, after a 30-day free trial; each member account that accepts is billed too.',
      option: null,
    },
  },
  sdk: { endpointId: 'Detective', create: (config) => new DetectiveClient(config) },
  iamPrefix: 'detective',
  regions: detectiveRegions,
  // Off is ListGraphs' and ListInvitations' empty lists, read each refresh: it costs nothing to ask.
  offStands: false,
  writeOperations: WRITE_OPERATIONS,
  readOperations: READ_OPERATIONS,
  deprecatedOperations: DEPRECATED_OPERATIONS,
  classifyError: classifyDetectiveError,
  invitationId: z.string().regex(GRAPH_ARN, 'a Detective invitation is named by its behavior graph ARN'),
  readAccount,
  member: memberSide,
  admin: adminSide,
};
