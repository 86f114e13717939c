/**
 * Administrator commands:
 * - `invite --profile P --region R [--service S] (--account <id>[:<email>] ... | --csv <file>)`: adds
 *   the accounts that are not members yet (the service's CreateMembers) and invites those not invited
 *   or enabled yet; every account AWS did not process is listed with its reason.
 * - `enable-hub --profile P --region R [--service S] [--default-standards]`: turns the service on.
 */

import { readMembersCsv } from '../../core/backend';
import { AppErrorException, appError } from '../../domain/errors';
import type { MemberInfo } from '../../domain/row';
import type { BatchOutcome } from '../../domain/types';
import type { CliCommand } from '../command';
import { beginWrite, confirmWrite, printDryRun, WRITE_FLAGS, type WritePlan } from '../confirm';
import { printRows, TABLE_OUTPUT_FLAGS } from '../output';
import { rowWriteCommand } from '../row-write';
import { rowTarget, SERVICE_FLAG } from '../rows';
import { ADMIN_ROW_FLAGS, SETTINGS_DIR_FLAG, stringList, withSession } from '../session';
import { printOutcome } from './accept';

/** Statuses after which an account needs CreateMembers again before it can be invited. */
const GONE = new Set(['removed', 'resigned', 'deleted']);
const ACCOUNT_ARG = /^(\d{12})(?::(.+))?$/;

export interface InviteResult {
  accountId: string;
  create: 'done' | 'skipped' | 'failed' | 'not-sent';
  invite: 'done' | 'skipped' | 'failed' | 'not-run' | 'not-sent';
  message: string;
}

function accountsFromFlags(values: Parameters<CliCommand['run']>[0]['values']) {
  return stringList(values, 'account').map((raw) => {
    const match = ACCOUNT_ARG.exec(raw);
    if (!match) {
      throw new AppErrorException(
        appError(
          'invalid-request',
          `--account must be a 12-digit account id, optionally :email; got "${raw.slice(0, 80)}".`,
        ),
      );
    }
    return match[2] ? { accountId: match[1] as string, email: match[2] } : { accountId: match[1] as string };
  });
}

export const inviteCommand: CliCommand = {
  name: 'invite',
  summary: 'Add member accounts (if needed) and invite them, from an administrator profile',
  flags: [
    SERVICE_FLAG,
    ...ADMIN_ROW_FLAGS,
    {
      name: 'account',
      type: 'string',
      multiple: true,
      valueName: '<id>[:<email>]',
      description: 'A member account id, optionally with its email (repeatable)',
    },
    {
      name: 'csv',
      type: 'string',
      valueName: '<file>',
      description: 'Accounts from a CSV file (header "Account ID,Email")',
    },
    ...WRITE_FLAGS,
    ...TABLE_OUTPUT_FLAGS,
    SETTINGS_DIR_FLAG,
  ],
  async run({ values }, io) {
    return withSession(values, io, { progress: false }, async (session) => {
      const { row, service } = rowTarget(values);
      const { profile, region } = row;
      const settings = await beginWrite(session);
      let accounts = accountsFromFlags(values);
      if (typeof values.csv === 'string') {
        const imported = await readMembersCsv(values.csv);
        if (imported.errors.length) {
          // Nothing is sent while the file has lines the app cannot use.
          const lines = imported.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ');
          const more = imported.moreErrors ? `; and ${imported.moreErrors} more lines` : '';
          throw new AppErrorException(
            appError('invalid-input', `${values.csv} has lines that cannot be used: ${lines}${more}`, {
              remediation: 'Fix those lines and run the command again.',
            }),
          );
        }
        accounts = [...accounts, ...imported.accounts];
      }
      accounts = [...new Map(accounts.map((a) => [a.accountId, a])).values()];
      if (accounts.length === 0) {
        throw new AppErrorException(appError('invalid-request', 'Give the accounts: --account <id> or --csv <file>.'));
      }
      const members = new Map<string, MemberInfo>(
        (await session.call('members:list', { ...row, onlyAssociated: false })).map((m) => [m.accountId, m]),
      );
      const status = (id: string) => members.get(id)?.memberStatus.toLowerCase() ?? null;
      const results = new Map<string, InviteResult>(
        accounts.map((a) => [
          a.accountId,
          { accountId: a.accountId, create: 'skipped', invite: 'skipped', message: '' },
        ]),
      );
      const toCreate = accounts.filter((a) => status(a.accountId) === null || GONE.has(status(a.accountId) as string));
      const plannedInvites = accounts
        .map((a) => a.accountId)
        .filter((id) => !['invited', 'enabled', 'associated'].includes(status(id) ?? ''));
      if (toCreate.length || plannedInvites.length) {
        const plan: WritePlan = {
          question: `Invite ${plannedInvites.length} account${plannedInvites.length === 1 ? '' : 's'} from profile ${profile} in ${region}?`,
          lines: [
            ...(toCreate.length
              ? [`${service.operations['create-members']}: ${toCreate.map((a) => a.accountId).join(', ')}`]
              : []),
            ...(plannedInvites.length ? [`${service.operations['invite-members']}: ${plannedInvites.join(', ')}`] : []),
          ],
          confirmation: 'adminActions',
        };
        if ((await confirmWrite(plan, settings, values, io)) === 'dry-run') return printDryRun(plan, values, io);
      }
      let created: BatchOutcome | null = null;
      if (toCreate.length) {
        created = await session.call('members:create', { ...row, accounts: toCreate });
        for (const id of created.processed) (results.get(id) as InviteResult).create = 'done';
        for (const u of created.unprocessed) {
          Object.assign(results.get(u.accountId) as InviteResult, {
            create: u.notSent ? 'not-sent' : 'failed',
            invite: 'not-run',
            message: u.reason,
          });
        }
      }
      const toInvite = accounts
        .map((a) => a.accountId)
        .filter((id) => !['failed', 'not-sent'].includes(results.get(id)?.create ?? ''))
        .filter((id) => !['invited', 'enabled', 'associated'].includes(status(id) ?? ''));
      let invited: BatchOutcome | null = null;
      if (toInvite.length) {
        invited = await session.call('members:invite', { ...row, accountIds: toInvite });
        for (const id of invited.processed) (results.get(id) as InviteResult).invite = 'done';
        for (const u of invited.unprocessed)
          Object.assign(results.get(u.accountId) as InviteResult, {
            invite: u.notSent ? 'not-sent' : 'failed',
            message: u.reason,
          });
      }
      for (const r of results.values()) {
        if (!r.message && r.invite === 'skipped')
          r.message = `Already ${members.get(r.accountId)?.memberStatus ?? 'a member'}.`;
      }
      const list = [...results.values()];
      const ok = list.every((r) => ![r.create, r.invite].some((step) => step === 'failed' || step === 'not-sent'));
      printRows(io, values, {
        header: ['ACCOUNT', 'CREATE', 'INVITE', 'MESSAGE'],
        rows: list.map((r) => [r.accountId, r.create, r.invite, r.message]),
        json: {
          ok,
          results: list,
          created: created && { ...created, row: undefined },
          invited: invited && { ...invited, row: undefined },
        },
      });
      return ok ? 0 : 1;
    });
  },
};

export const enableHubCommand = rowWriteCommand({
  name: 'enable-hub',
  summary:
    'Turn a service on in a region (Security Hub unless --service says otherwise; billed per account and region)',
  profileIs: 'The account’s profile',
  regionIs: 'The region',
  output: 'result',
  flags: [
    {
      name: 'default-standards',
      type: 'boolean',
      description: 'Also enable the default security standards (off unless given)',
    },
  ],
  request: (row, values) => ({ ...row, enableDefaultStandards: values['default-standards'] === true }),
  plan: (r, service) => ({
    question: `Turn ${service.shortName} on for profile ${r.profile} in ${r.region}? AWS bills it per account and region.`,
    lines: [
      `${r.profile} ${r.region}: ${service.operations['turn-on']} (${r.enableDefaultStandards ? 'with' : 'without'} the default standards)`,
    ],
    confirmation: 'adminActions',
  }),
  send: (session, request) => session.call('service:enable', request),
  print: printOutcome,
});
