/** `disassociate --profile P --region R`: the member account leaves its administrator. */
import type { CliCommand } from '../command';
import { approveWrite, WRITE_FLAGS, type WritePlan } from '../confirm';
import { JSON_FLAG } from '../output';
import { profileCheck, regionCheck, requiredString, SETTINGS_DIR_FLAG, withSession } from '../session';
import { printOutcome } from './accept';

export const disassociateCommand: CliCommand = {
  name: 'disassociate',
  summary: 'Disassociate the member account from its administrator',
  flags: [
    { name: 'profile', type: 'string', valueName: '<name>', description: 'The member account’s profile' },
    { name: 'region', type: 'string', valueName: '<region>', description: 'The region of the membership' },
    ...WRITE_FLAGS,
    JSON_FLAG,
    SETTINGS_DIR_FLAG,
  ],
  async run({ values }, io) {
    return withSession(values, io, { progress: false }, async (session) => {
      const request = {
        profile: requiredString(values, 'profile', profileCheck),
        region: requiredString(values, 'region', regionCheck),
      };
      const plan: WritePlan = {
        question: `Disassociate the account of profile ${request.profile} from its administrator in ${request.region}?`,
        lines: [`${request.profile} ${request.region}: DisassociateFromAdministratorAccount`],
        confirmation: 'disassociate',
      };
      if ((await approveWrite(session, plan, values, io)) === 'dry-run') return 0;
      const outcome = await session.call('administrator:disassociate', request);
      return printOutcome(outcome, values, io);
    });
  },
};
