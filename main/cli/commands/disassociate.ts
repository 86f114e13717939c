/** `disassociate --profile P --region R [--service S]`: the member account leaves its administrator. */
import { rowWriteCommand } from '../row-write';
import { printOutcome } from './accept';

export const disassociateCommand = rowWriteCommand({
  name: 'disassociate',
  summary: 'Disassociate the member account from its administrator',
  profileIs: 'The member account’s profile',
  regionIs: 'The region of the membership',
  output: 'result',
  request: (row) => row,
  plan: (r, service) => ({
    question: `Disassociate the account of profile ${r.profile} from its administrator in ${r.region}?`,
    lines: [`${r.profile} ${r.region}: ${service.operations.leave}`],
    confirmation: 'disassociate',
  }),
  send: (session, request) => session.call('administrator:disassociate', request),
  print: printOutcome,
});
