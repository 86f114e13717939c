/**
 * `accept --profile P --region R --administrator <account> [--invitation-id ID | --graph-arn ARN]
 * [--service S]` and `decline` with the same flags: the member-side answers to an invitation. They
 * answer the pending invitation of that administrator when no reference is given: the action's own
 * read finds it (an administrator with several pending — Detective's graphs — needs the one named:
 * a usage error listing them). Where the service is off but its invitations are read (GuardDuty
 * without a detector), accepting turns it on first, which AWS bills: only with --turn-on, which the
 * plan says and which always asks (--yes where there is no terminal). With `--from <account>` (and
 * --all or several --profile / --region / --service) they answer in bulk (bulk.ts).
 */
import { AppErrorException, appError } from '../../domain/errors';
import type { ActionOutcome } from '../../domain/types';
import type { CliFlag, CliIo, CliValues } from '../command';
import { invitationFlags, invitationReference } from '../invitation-flag';
import { wantsJson } from '../output';
import { rowWriteCommand } from '../row-write';
import { jsonRow } from '../rows';
import { accountCheck, requiredString } from '../session';
import { terminalText } from '../terminal-text';
import { TRUST_FLAG, trustFlag } from '../trust-flag';
import { runBulkCommand } from './bulk';

const ANSWER_FLAGS: CliFlag[] = [
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

function refuseBulkFlags(values: CliValues): void {
  if (values.all) {
    throw new AppErrorException(appError('invalid-request', '--all needs --from <administrator account>.'));
  }
  if (values.from && values.administrator) {
    throw new AppErrorException(appError('invalid-request', 'Use either --administrator (one row) or --from (bulk).'));
  }
}

export function printOutcome(outcome: ActionOutcome, values: CliValues, io: CliIo): number {
  if (wantsJson(values)) io.stdout(`${JSON.stringify({ ok: true, ...outcome, row: jsonRow(outcome.row) }, null, 2)}\n`);
  else {
    io.stdout(`${terminalText(outcome.message)}\n`);
    if (outcome.requestId) io.stdout(`request id: ${terminalText(outcome.requestId)}\n`);
  }
  return 0;
}

const bulkForm = (action: 'accept' | 'decline') => (values: CliValues) =>
  values.from && !values.administrator
    ? (session: Parameters<typeof runBulkCommand>[1], io: CliIo) => runBulkCommand(action, session, values, io)
    : null;

export const acceptCommand = rowWriteCommand({
  name: 'accept',
  summary: 'Accept the invitation of an administrator account',
  profileIs: 'The member account’s profile (repeatable with --from)',
  regionIs: 'The region of the invitation (repeatable with --from; default there: the app’s regions)',
  repeatable: true,
  output: 'result',
  flags: [
    ...ANSWER_FLAGS,
    ...invitationFlags('default: the pending one'),
    TRUST_FLAG,
    {
      name: 'turn-on',
      type: 'boolean',
      description: 'Where the service is off (GuardDuty without a detector), turn it on first: AWS bills it',
    },
  ],
  otherForm: bulkForm('accept'),
  check: refuseBulkFlags,
  request: (row, values, service) => {
    const administratorId = requiredString(values, 'administrator', accountCheck);
    return {
      ...row,
      administratorId,
      ...invitationReference(values, service),
      ...(values['turn-on'] === true ? { turnOn: true } : {}),
      ...trustFlag(values, administratorId),
    };
  },
  plan: (r, service) => {
    const trusting = r.trustAdministrator
      ? [`trust ${r.administratorId} as ${service.name} administrator (added to the trusted list)`]
      : [];
    return r.turnOn
      ? {
          question: `Accept the invitation from ${r.administratorId} for profile ${r.profile} in ${r.region}, turning ${service.shortName} on first if it is off there?`,
          lines: [
            ...trusting,
            `${r.profile} ${r.region}: read the pending invitation; if ${service.shortName} is off there, ${service.operations['turn-on']} (turns it on), then ${service.operations.accept}`,
            service.turnOn.billing,
          ],
          // Turning a service on is billed: asked every time, as the window asks.
          confirmation: 'always',
        }
      : {
          question: `Accept the invitation from ${r.administratorId}${r.invitationId ? ` (${r.invitationId})` : ''} for profile ${r.profile} in ${r.region}?`,
          lines: [
            ...trusting,
            `${r.profile} ${r.region}: read the pending invitation, then ${service.operations.accept}`,
          ],
          // The app accepts a single invitation without asking; so does the command line.
          confirmation: null,
        };
  },
  send: (session, request) => session.call('invitation:accept', request),
  print: printOutcome,
});

export const declineCommand = rowWriteCommand({
  name: 'decline',
  summary: 'Decline the invitation of an administrator account',
  profileIs: 'The member account’s profile (repeatable with --from)',
  regionIs: 'The region of the invitation (repeatable with --from; default there: the app’s regions)',
  repeatable: true,
  output: 'result',
  flags: [...ANSWER_FLAGS, ...invitationFlags('default: the pending one')],
  otherForm: bulkForm('decline'),
  check: refuseBulkFlags,
  request: (row, values, service) => ({
    ...row,
    administratorId: requiredString(values, 'administrator', accountCheck),
    ...invitationReference(values, service),
  }),
  plan: (r, service) => ({
    question: `Decline the invitation from ${r.administratorId}${r.invitationId ? ` (${r.invitationId})` : ''} for profile ${r.profile} in ${r.region}?`,
    lines: [`${r.profile} ${r.region}: ${service.operations.decline} for ${r.administratorId}`],
    confirmation: 'decline',
  }),
  send: (session, request) => session.call('invitation:decline', request),
  print: printOutcome,
});
