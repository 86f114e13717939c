/**
 * `accept --profile P --region R --administrator <account> [--invitation-id ID]` and
 * `decline --profile P --region R --administrator <account>`: the member-side answers to an
 * invitation. Accept finds the pending invitation of that administrator when no id is given.
 * With `--from <account>` (and --all or several --profile / --region) they answer in bulk
 * (main/cli/bulk.ts).
 */
import { AppErrorException, appError } from '../../domain/errors';
import type { ActionOutcome } from '../../domain/types';
import type { CliCommand, CliFlag, CliIo, CliValues } from '../command';
import { approveWrite, WRITE_FLAGS, type WritePlan } from '../confirm';
import { JSON_FLAG, wantsJson } from '../output';
import {
  accountCheck,
  type FlagCheck,
  profileCheck,
  regionCheck,
  requiredString,
  SETTINGS_DIR_FLAG,
  stringList,
  withSession,
} from '../session';
import { terminalText } from '../terminal-text';
import { runBulkCommand } from './bulk';

const ROW_FLAGS: CliFlag[] = [
  {
    name: 'profile',
    type: 'string',
    multiple: true,
    valueName: '<name>',
    description: 'The member account’s profile (repeatable with --from)',
  },
  {
    name: 'region',
    type: 'string',
    multiple: true,
    valueName: '<region>',
    description: 'The region of the invitation (repeatable with --from; default there: the app’s regions)',
  },
  {
    name: 'administrator',
    type: 'string',
    valueName: '<account>',
    description: 'The inviting administrator account id (one row)',
  },
  {
    name: 'from',
    type: 'string',
    valueName: '<account>',
    description: 'Bulk: answer only this administrator’s invitations, in every chosen row',
  },
  { name: 'all', type: 'boolean', description: 'Bulk (with --from): every profile that is not hidden' },
];

/** The one value of a flag that may be repeated only in bulk mode. */
function single(values: CliValues, name: string, check?: FlagCheck): string {
  const list = stringList(values, name);
  if (list.length > 1) {
    throw new AppErrorException(
      appError('invalid-request', `--${name} may be given once; to answer many rows use --from <administrator>.`),
    );
  }
  return requiredString({ [name]: list[0] }, name, check);
}

function refuseBulkFlags(values: CliValues): void {
  if (values.all) {
    throw new AppErrorException(appError('invalid-request', '--all needs --from <administrator account>.'));
  }
  if (values.from && values.administrator) {
    throw new AppErrorException(appError('invalid-request', 'Use either --administrator (one row) or --from (bulk).'));
  }
}

export function printOutcome(outcome: ActionOutcome, values: CliValues, io: CliIo): number {
  if (wantsJson(values)) io.stdout(`${JSON.stringify({ ok: true, ...outcome }, null, 2)}\n`);
  else {
    io.stdout(`${terminalText(outcome.message)}\n`);
    if (outcome.requestId) io.stdout(`request id: ${terminalText(outcome.requestId)}\n`);
  }
  return 0;
}

export const acceptCommand: CliCommand = {
  name: 'accept',
  summary: 'Accept the invitation of an administrator account',
  flags: [
    ...ROW_FLAGS,
    {
      name: 'invitation-id',
      type: 'string',
      valueName: '<id>',
      description: 'The invitation id (default: the pending one)',
    },
    ...WRITE_FLAGS,
    JSON_FLAG,
    SETTINGS_DIR_FLAG,
  ],
  async run({ values }, io) {
    return withSession(values, io, { progress: false }, async (session) => {
      if (values.from && !values.administrator) return await runBulkCommand('accept', session, values, io);
      refuseBulkFlags(values);
      const profile = single(values, 'profile', profileCheck);
      const region = single(values, 'region', regionCheck);
      const administratorId = requiredString(values, 'administrator', accountCheck);
      const plan: WritePlan = {
        question: `Accept the invitation from ${administratorId} for profile ${profile} in ${region}?`,
        lines: [`${profile} ${region}: read the pending invitation, then AcceptAdministratorInvitation`],
        // The app accepts a single invitation without asking; so does the command line.
        confirmation: null,
      };
      if ((await approveWrite(session, plan, values, io)) === 'dry-run') return 0;
      let invitationId = typeof values['invitation-id'] === 'string' ? values['invitation-id'] : null;
      if (!invitationId) {
        const started = await session.call('refresh:start', { scope: { kind: 'row', profile, region } });
        const row = (await session.waitForRefresh(started.refreshId))?.rows[0];
        if (row?.error) throw new AppErrorException(row.error);
        // Without a pending invitation the accept handler refuses, with the reason, and logs it.
        invitationId =
          row?.pendingInvitations.find((i) => i.accountId === administratorId)?.invitationId ??
          (row?.administrator?.accountId === administratorId ? row.administrator.invitationId : null) ??
          'none';
      }
      const outcome = await session.call('invitation:accept', { profile, region, administratorId, invitationId });
      return printOutcome(outcome, values, io);
    });
  },
};

export const declineCommand: CliCommand = {
  name: 'decline',
  summary: 'Decline the invitation of an administrator account',
  flags: [...ROW_FLAGS, ...WRITE_FLAGS, JSON_FLAG, SETTINGS_DIR_FLAG],
  async run({ values }, io) {
    return withSession(values, io, { progress: false }, async (session) => {
      if (values.from && !values.administrator) return await runBulkCommand('decline', session, values, io);
      refuseBulkFlags(values);
      const request = {
        profile: single(values, 'profile', profileCheck),
        region: single(values, 'region', regionCheck),
        administratorId: requiredString(values, 'administrator', accountCheck),
      };
      const plan: WritePlan = {
        question: `Decline the invitation from ${request.administratorId} for profile ${request.profile} in ${request.region}?`,
        lines: [`${request.profile} ${request.region}: DeclineInvitations for ${request.administratorId}`],
        confirmation: 'decline',
      };
      if ((await approveWrite(session, plan, values, io)) === 'dry-run') return 0;
      const outcome = await session.call('invitation:decline', request);
      return printOutcome(outcome, values, io);
    });
  },
};
