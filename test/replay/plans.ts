/**
 * The states replays share, built from published answers only: the AWS CLI examples' administrator
 * (123456789012, the STS example's account) with its two members.
 */
import { fixture } from './fixtures';
import type { Plan } from './server';

export const administratorPlan = (overrides: Plan = {}): Plan => ({
  'sts:GetCallerIdentity': { fixture: fixture('sts-get-caller-identity.api-reference') },
  'securityhub:DescribeHub': { fixture: fixture('describe-hub.aws-cli') },
  'securityhub:GetAdministratorAccount': { fixture: fixture('get-administrator-account.none') },
  'securityhub:ListInvitations': { fixture: fixture('list-invitations.empty') },
  'securityhub:GetInvitationsCount': { fixture: fixture('get-invitations-count.zero') },
  'securityhub:ListMembers': { fixture: fixture('list-members.aws-cli') },
  'securityhub:GetMembers': { fixture: fixture('get-members.aws-cli') },
  ...overrides,
});
