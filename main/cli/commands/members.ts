/**
 * Administrator commands over member accounts:
 * - `members --profile P --region R`: every member with its status and how it joined, and a breakdown;
 * - `withdraw`, `disassociate-members`, `delete-members` `--profile P --region R --account ID ...`: the
 *   app's member batches (DeleteInvitations, DisassociateMembers, DeleteMembers), with the write rules
 *   of every command (read-only, the plan first, --dry-run, a confirmation or --yes) and one result per
 *   account.
 */
import { AppErrorException, appError } from '../../domain/errors';
import { isEnabled } from '../../domain/ids';
import type { BatchOutcome, MemberInfo } from '../../domain/types';
import type { CliCommand } from '../command';
import { approveWrite, WRITE_FLAGS, type WritePlan } from '../confirm';
import { printRows, TABLE_OUTPUT_FLAGS } from '../output';
import {
  ADMIN_ROW_FLAGS,
  accountCheck,
  checkEach,
  profileCheck,
  regionCheck,
  requiredString,
  SETTINGS_DIR_FLAG,
  stringList,
  withSession,
} from '../session';

/**
 * How an account became a member. AWS does not say; "Organization accounts don't receive invitations"
 * (InviteMembers in the Security Hub API reference), so an Enabled member without an invitation date
 * is shown as joined through AWS Organizations; one that is neither (Created, not invited yet) as "-".
 */
export function joinedBy(member: MemberInfo): 'invitation' | 'organizations' | '-' {
  if (member.invitedAt) return 'invitation';
  return isEnabled(member.memberStatus) ? 'organizations' : '-';
}

export function memberBreakdown(members: MemberInfo[]): string {
  const byStatus = new Map<string, number>();
  for (const m of members) byStatus.set(m.memberStatus, (byStatus.get(m.memberStatus) ?? 0) + 1);
  const statuses = [...byStatus].map(([status, n]) => `${n} ${status}`).join(', ');
  const organizations = members.filter((m) => joinedBy(m) === 'organizations').length;
  const invited = members.filter((m) => joinedBy(m) === 'invitation').length;
  return `${members.length} member${members.length === 1 ? '' : 's'}${statuses ? `: ${statuses}` : ''}; ${invited} by invitation, ${organizations} through AWS Organizations.`;
}

export const membersCommand: CliCommand = {
  name: 'members',
  summary: 'List the member accounts of an administrator profile, with their status and how they joined',
  flags: [
    ...ADMIN_ROW_FLAGS,
    { name: 'associated-only', type: 'boolean', description: 'Only members that are associated (Enabled)' },
    ...TABLE_OUTPUT_FLAGS,
    SETTINGS_DIR_FLAG,
  ],
  async run({ values }, io) {
    return withSession(values, io, { progress: false }, async (session) => {
      const members = await session.call('members:list', {
        profile: requiredString(values, 'profile', profileCheck),
        region: requiredString(values, 'region', regionCheck),
        onlyAssociated: values['associated-only'] === true,
      });
      const breakdown = memberBreakdown(members);
      printRows(io, values, {
        header: ['ACCOUNT', 'EMAIL', 'STATUS', 'JOINED BY', 'INVITED', 'UPDATED'],
        rows: members.map((m) => [m.accountId, m.email, m.memberStatus, joinedBy(m), m.invitedAt, m.updatedAt]),
        json: { members: members.map((m) => ({ ...m, joinedBy: joinedBy(m) })), breakdown },
        footer: breakdown,
      });
      return 0;
    });
  },
};

type BatchChannel = 'invitations:delete' | 'members:disassociate' | 'members:delete';

function batchCommand(name: string, channel: BatchChannel, call: string, verb: string, summary: string): CliCommand {
  return {
    name,
    summary,
    flags: [
      ...ADMIN_ROW_FLAGS,
      {
        name: 'account',
        type: 'string',
        multiple: true,
        valueName: '<id>',
        description: 'A member account id (repeatable)',
      },
      ...WRITE_FLAGS,
      ...TABLE_OUTPUT_FLAGS,
      SETTINGS_DIR_FLAG,
    ],
    async run({ values }, io) {
      return withSession(values, io, { progress: false }, async (session) => {
        const profile = requiredString(values, 'profile', profileCheck);
        const region = requiredString(values, 'region', regionCheck);
        const accountIds = [...new Set(checkEach(stringList(values, 'account'), 'account', accountCheck))];
        if (accountIds.length === 0) {
          throw new AppErrorException(appError('invalid-request', 'Give the accounts: --account <id> (repeatable).'));
        }
        const plan: WritePlan = {
          question: `${verb} ${accountIds.length} account${accountIds.length === 1 ? '' : 's'} from profile ${profile} in ${region}?`,
          lines: [`${call}: ${accountIds.join(', ')}`],
          confirmation: 'adminActions',
        };
        if ((await approveWrite(session, plan, values, io)) === 'dry-run') return 0;
        const outcome: BatchOutcome = await session.call(channel, { profile, region, accountIds });
        const failed = new Map(outcome.unprocessed.map((u) => [u.accountId, u.reason]));
        const results = accountIds.map((id) => ({
          accountId: id,
          result: failed.has(id) ? 'failed' : outcome.processed.includes(id) ? 'done' : 'skipped',
          message: failed.get(id) ?? '',
        }));
        printRows(io, values, {
          header: ['ACCOUNT', 'RESULT', 'MESSAGE'],
          rows: results.map((r) => [r.accountId, r.result, r.message]),
          json: { ok: failed.size === 0, results, message: outcome.message },
          footer: outcome.message,
        });
        return failed.size === 0 ? 0 : 1;
      });
    },
  };
}

export const withdrawCommand = batchCommand(
  'withdraw',
  'invitations:delete',
  'DeleteInvitations',
  'Withdraw the invitations of',
  'Withdraw pending invitations sent to member accounts (DeleteInvitations)',
);
export const disassociateMembersCommand = batchCommand(
  'disassociate-members',
  'members:disassociate',
  'DisassociateMembers',
  'Disassociate',
  'Stop receiving findings from member accounts; they stay listed (DisassociateMembers)',
);
export const deleteMembersCommand = batchCommand(
  'delete-members',
  'members:delete',
  'DeleteMembers',
  'Delete',
  'Remove member accounts from the list (DeleteMembers; disassociate them first)',
);
