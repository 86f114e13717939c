/**
 * Administrator commands over member accounts:
 * - `members --profile P --region R [--service S ...]`: every member with its status and how it
 *   joined, and a breakdown (every service the settings read, unless --service narrows it);
 * - `withdraw`, `disassociate-members`, `delete-members` `--profile P --region R [--service S]
 *   --account ID ...`: the service's member batches (Security Hub: DeleteInvitations,
 *   DisassociateMembers, DeleteMembers), with the write rules of every command (read-only, the plan
 *   first, --dry-run, a confirmation or --yes) and one result per account.
 */
import { servicesRead } from '../../core/backend';
import { AppErrorException, appError, isAppErrorException } from '../../domain/errors';
import type { MemberInfo } from '../../domain/row';
import type { ServiceWrite } from '../../domain/services';
import type { BatchOutcome } from '../../domain/types';
import type { CliCommand } from '../command';
import { accountName, nameCell, namesOf } from '../names';
import { printRows, TABLE_OUTPUT_FLAGS } from '../output';
import { rowWriteCommand } from '../row-write';
import { chosenServices, SERVICES_FLAG, serviceName, withServiceColumn } from '../rows';
import {
  ADMIN_ROW_FLAGS,
  accountCheck,
  checkEach,
  checkProfilesExist,
  profileCheck,
  regionCheck,
  requiredString,
  SETTINGS_DIR_FLAG,
  stringList,
  withSession,
} from '../session';
import { terminalText } from '../terminal-text';

/**
 * How an account became a member, as the service's answer shows it (each service decides from what
 * its sources document; Security Hub CSPM: services/securityhub/joined-by.ts); "unknown" where the
 * answer does not say — an Enabled Security Hub member without an e-mail may have joined either way.
 */
export function joinedBy(member: MemberInfo): 'invitation' | 'organizations' | 'unknown' {
  return member.joinedBy ?? 'unknown';
}

export function memberBreakdown(members: MemberInfo[]): string {
  const byStatus = new Map<string, number>();
  for (const m of members) byStatus.set(m.memberStatus, (byStatus.get(m.memberStatus) ?? 0) + 1);
  const statuses = [...byStatus].map(([status, n]) => `${n} ${status}`).join(', ');
  const count = (how: ReturnType<typeof joinedBy>) => members.filter((m) => joinedBy(m) === how).length;
  const unknown = count('unknown');
  const ways = [
    `${count('invitation')} by invitation`,
    `${count('organizations')} through AWS Organizations`,
    ...(unknown ? [`${unknown} not known (AWS's answer does not say)`] : []),
  ];
  return `${members.length} member${members.length === 1 ? '' : 's'}${statuses ? `: ${statuses}` : ''}; ${ways.join(', ')}.`;
}

export const membersCommand: CliCommand = {
  name: 'members',
  summary: 'List the member accounts of an administrator profile, with their status and how they joined',
  flags: [
    ...ADMIN_ROW_FLAGS,
    SERVICES_FLAG,
    { name: 'associated-only', type: 'boolean', description: 'Only members that are associated (Enabled)' },
    ...TABLE_OUTPUT_FLAGS,
    SETTINGS_DIR_FLAG,
  ],
  async run({ values }, io) {
    return withSession(values, io, { progress: false }, async (session) => {
      const profile = requiredString(values, 'profile', profileCheck);
      const region = requiredString(values, 'region', regionCheck);
      await checkProfilesExist(session, [profile]);
      const named = chosenServices(values);
      const services = named ?? servicesRead(await session.call('settings:get', undefined));
      const onlyAssociated = values['associated-only'] === true;
      const listed: (MemberInfo & { service: string })[] = [];
      for (const service of services) {
        const members = await session
          .call('members:list', { service, profile, region, onlyAssociated })
          .catch((error: unknown) => {
            // A service off there, read only because the settings read every service: it has no members.
            if (named || !isAppErrorException(error) || error.appError.kind !== 'service-off') throw error;
            io.stderr(`${terminalText(serviceName(service))}: ${terminalText(error.appError.message)}\n`);
            return [];
          });
        listed.push(...members.map((m) => ({ ...m, service })));
      }
      const breakdown = memberBreakdown(listed);
      const names = await namesOf(session);
      printRows(io, values, {
        ...withServiceColumn(
          {
            header: ['ACCOUNT', 'NAME', 'EMAIL', 'STATUS', 'JOINED BY', 'INVITED', 'UPDATED'],
            rows: listed.map((m) => [
              m.accountId,
              nameCell(names, m.accountId),
              m.email,
              m.memberStatus,
              joinedBy(m),
              m.invitedAt,
              m.updatedAt,
            ]),
          },
          listed.map((m) => m.service),
        ),
        json: {
          members: listed.map((m) => ({ ...m, accountName: accountName(names, m.accountId), joinedBy: joinedBy(m) })),
          breakdown,
        },
        footer: breakdown,
      });
      return 0;
    });
  },
};

type BatchChannel = 'invitations:delete' | 'members:disassociate' | 'members:delete';

function batchCommand(
  name: string,
  channel: BatchChannel,
  write: ServiceWrite,
  verb: string,
  summary: string,
): CliCommand {
  return rowWriteCommand({
    name,
    summary,
    profileIs: 'The administrator account’s profile',
    regionIs: 'The region',
    output: 'table',
    flags: [
      {
        name: 'account',
        type: 'string',
        multiple: true,
        valueName: '<id>',
        description: 'A member account id (repeatable)',
      },
    ],
    request(row, values) {
      const accountIds = [...new Set(checkEach(stringList(values, 'account'), 'account', accountCheck))];
      if (accountIds.length === 0) {
        throw new AppErrorException(appError('invalid-request', 'Give the accounts: --account <id> (repeatable).'));
      }
      return { ...row, accountIds };
    },
    plan: (r, service) => ({
      question: `${verb} ${r.accountIds.length} account${r.accountIds.length === 1 ? '' : 's'} from profile ${r.profile} in ${r.region}?`,
      lines: [`${service.operations[write]}: ${r.accountIds.join(', ')}`],
      confirmation: 'adminActions',
    }),
    send: async (session, request) => ({ request, outcome: await session.call(channel, request) }),
    print({ request, outcome }: { request: { accountIds: string[] }; outcome: BatchOutcome }, values, io) {
      const failed = new Map(outcome.unprocessed.map((u) => [u.accountId, u]));
      const results = request.accountIds.map((id) => {
        const left = failed.get(id);
        return {
          accountId: id,
          // An account the app never sent (an earlier call was refused or its answer lost) did not fail.
          result: left ? (left.notSent ? 'not sent' : 'failed') : outcome.processed.includes(id) ? 'done' : 'skipped',
          message: left?.reason ?? '',
        };
      });
      printRows(io, values, {
        header: ['ACCOUNT', 'RESULT', 'MESSAGE'],
        rows: results.map((r) => [r.accountId, r.result, r.message]),
        json: { ok: failed.size === 0, results, message: outcome.message },
        footer: outcome.message,
      });
      return failed.size === 0 ? 0 : 1;
    },
  });
}

export const withdrawCommand = batchCommand(
  'withdraw',
  'invitations:delete',
  'delete-invitations',
  'Withdraw the invitations of',
  'Withdraw pending invitations sent to member accounts (DeleteInvitations)',
);
export const disassociateMembersCommand = batchCommand(
  'disassociate-members',
  'members:disassociate',
  'disassociate-members',
  'Disassociate',
  'Stop receiving findings from member accounts; they stay listed (DisassociateMembers)',
);
export const deleteMembersCommand = batchCommand(
  'delete-members',
  'members:delete',
  'delete-members',
  'Delete',
  'Remove member accounts from the list (DeleteMembers; disassociate them first)',
);
