/**
 * `disassociate --profile P --region R [--service S] [--administrator A] [--graph-arn ARN]`: the
 * member account leaves its administrator (--administrator names which, where a service allows
 * several at once; Detective's --graph-arn names the behavior graph).
 */
import { invitationFlags, invitationReference } from '../invitation-flag';
import { rowWriteCommand } from '../row-write';
import { accountCheck, requiredString } from '../session';
import { printOutcome } from './accept';

export const disassociateCommand = rowWriteCommand({
  name: 'disassociate',
  summary: 'Disassociate the member account from its administrator',
  profileIs: 'The member account’s profile',
  regionIs: 'The region of the membership',
  flags: [
    {
      name: 'administrator',
      type: 'string',
      valueName: '<account>',
      description: 'The administrator to leave, where the account has several (default: its one administrator)',
    },
    ...invitationFlags('the membership to leave, where one administrator has several'),
  ],
  output: 'result',
  request: (row, values, service) => ({
    ...row,
    ...(typeof values.administrator === 'string'
      ? { administratorId: requiredString(values, 'administrator', accountCheck) }
      : {}),
    ...invitationReference(values, service),
  }),
  plan: (r, service) => ({
    question: `Disassociate the account of profile ${r.profile} from ${'administratorId' in r ? `administrator ${r.administratorId}` : 'its administrator'}${r.invitationId ? ` (${r.invitationId})` : ''} in ${r.region}?`,
    lines: [`${r.profile} ${r.region}: ${service.operations.leave}`],
    confirmation: 'disassociate',
  }),
  send: (session, request) => session.call('administrator:disassociate', request),
  print: printOutcome,
});
