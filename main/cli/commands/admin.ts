/**
 * Administrator commands:
 * - `invite --profile P --region R [--service S] (--account <id>[:<email>] ... | --csv <file>)`: adds
 *   the accounts that are not members yet (the service's CreateMembers) and invites those not invited
 *   or enabled yet — not those CreateMembers enabled at once (organization accounts of a delegated
 *   administrator), nor suspended accounts; every account AWS did not process is listed with its reason.
 * - `enable-hub --profile P --region R [--service S] [--default-standards]`: turns the service on.
 */

import { readMembersCsv, toAppError } from '../../core/backend';
import { AppErrorException, appError } from '../../domain/errors';
import type { MemberInfo } from '../../domain/row';
import { type StatusKind, statusKind } from '../../domain/statuses';
import type { BatchOutcome } from '../../domain/types';
import type { CliCommand } from '../command';
import { beginWrite, confirmWrite, printDryRun, WRITE_FLAGS, type WritePlan } from '../confirm';
import { printRows, TABLE_OUTPUT_FLAGS } from '../output';
import { rowWriteCommand } from '../row-write';
import { rowTarget, SERVICE_FLAG } from '../rows';
import { ADMIN_ROW_FLAGS, checkProfilesExist, SETTINGS_DIR_FLAG, stringList, withSession } from '../session';
import { printOutcome } from './accept';

/** Statuses after which an account needs CreateMembers again before it can be invited. */
const GONE: readonly StatusKind[] = ['removed', 'resigned', 'deleted'];
/** Statuses that need no invitation: invited already, a member (Enabled or its older name Associated). */
const NO_INVITE: readonly StatusKind[] = ['invited', 'enabled'];
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
      await checkProfilesExist(session, [profile]);
      const settings = await beginWrite(session, values);
      let accounts = accountsFromFlags(values);
      if (typeof values.csv === 'string') {
        // A file that cannot be read or used is a usage error (exit 2): the command was given a wrong file.
        const imported = await readMembersCsv(values.csv).catch((error: unknown) => {
          throw new AppErrorException(appError('invalid-request', toAppError(error).message));
        });
        if (imported.errors.length) {
          // Nothing is sent while the file has lines the app cannot use.
          const lines = imported.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ');
          const more = imported.moreErrors ? `; and ${imported.moreErrors} more lines` : '';
          throw new AppErrorException(
            appError('invalid-request', `${values.csv} has lines that cannot be used: ${lines}${more}`, {
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
      const kind = (id: string) => statusKind(members.get(id)?.memberStatus);
      const results = new Map<string, InviteResult>(
        accounts.map((a) => [
          a.accountId,
          { accountId: a.accountId, create: 'skipped', invite: 'skipped', message: '' },
        ]),
      );
      // AWS never invites a suspended account (the Member type: AccountSuspended is an organization
      // account suspended from AWS): said, not sent.
      const suspended = accounts.filter((a) => kind(a.accountId) === 'suspended').map((a) => a.accountId);
      for (const id of suspended)
        Object.assign(results.get(id) as InviteResult, { message: 'account suspended, not invited' });
      const usable = accounts.filter((a) => !suspended.includes(a.accountId));
      const toCreate = usable.filter((a) => {
        const k = kind(a.accountId);
        return members.get(a.accountId) === undefined || (k !== null && GONE.includes(k));
      });
      const needsInvite = (id: string) => {
        const k = kind(id);
        return k === null || !NO_INVITE.includes(k);
      };
      const plannedInvites = usable.map((a) => a.accountId).filter(needsInvite);
      if (toCreate.length || plannedInvites.length) {
        const plan: WritePlan = {
          question: `Invite ${plannedInvites.length} account${plannedInvites.length === 1 ? '' : 's'} from profile ${profile} in ${region}?`,
          lines: [
            ...(toCreate.length
              ? [`${service.operations['create-members']}: ${toCreate.map((a) => a.accountId).join(', ')}`]
              : []),
            ...(plannedInvites.length ? [`${service.operations['invite-members']}: ${plannedInvites.join(', ')}`] : []),
            ...(toCreate.length && service.organizationEnrolment ? [`Note: ${service.organizationEnrolment}`] : []),
            ...(suspended.length ? [`Not invited (account suspended): ${suspended.join(', ')}`] : []),
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
      const settled = settledByCreate(created, results);
      const toInvite = usable
        .map((a) => a.accountId)
        .filter((id) => !['failed', 'not-sent'].includes(results.get(id)?.create ?? '') && !settled.has(id))
        .filter(needsInvite);
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

/**
 * What CreateMembers settled, from the row it re-read: when this account is the organization's
 * delegated administrator an organization account is a member at once (Enabled, no invitation), and
 * a suspended one comes back AccountSuspended — neither is invited.
 */
function settledByCreate(created: BatchOutcome | null, results: Map<string, InviteResult>): Set<string> {
  const after = new Map((created?.row?.members ?? []).map((m) => [m.accountId, statusKind(m.memberStatus)]));
  const settled = new Set<string>();
  for (const id of created?.processed ?? []) {
    const kind = after.get(id);
    if (kind !== 'enabled' && kind !== 'suspended') continue;
    settled.add(id);
    (results.get(id) as InviteResult).message =
      kind === 'enabled'
        ? 'Enabled at once through AWS Organizations: no invitation needed.'
        : 'account suspended, not invited';
  }
  return settled;
}

export const enableHubCommand = rowWriteCommand({
  name: 'enable-hub',
  summary:
    'Turn a service on in a region (Security Hub CSPM unless --service says otherwise; billed per account and region)',
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
    question: `Turn ${service.name} on for profile ${r.profile} in ${r.region}? AWS bills it per account and region.`,
    lines: [
      `${r.profile} ${r.region}: ${service.operations['turn-on']}${
        service.turnOn.option ? ` (${r.enableDefaultStandards ? 'with' : 'without'} the default standards)` : ''
      }`,
      service.turnOn.billing,
    ],
    confirmation: 'adminActions',
  }),
  send: (session, request) => session.call('service:enable', request),
  print: printOutcome,
});
