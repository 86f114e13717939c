/** `disassociate --profile P --region R`: the member account leaves its administrator. */
import type { CliCommand } from '../command';
import { JSON_FLAG, profileCheck, regionCheck, requiredString, SETTINGS_DIR_FLAG, withSession } from '../session';
import { printOutcome } from './accept';

export const disassociateCommand: CliCommand = {
  name: 'disassociate',
  summary: 'Disassociate the member account from its administrator',
  flags: [
    { name: 'profile', type: 'string', valueName: '<name>', description: 'The member account’s profile' },
    { name: 'region', type: 'string', valueName: '<region>', description: 'The region of the membership' },
    JSON_FLAG,
    SETTINGS_DIR_FLAG,
  ],
  async run({ values }, io) {
    return withSession(values, io, { progress: false }, async (session) => {
      const outcome = await session.call('administrator:disassociate', {
        profile: requiredString(values, 'profile', profileCheck),
        region: requiredString(values, 'region', regionCheck),
      });
      return printOutcome(outcome, values, io);
    });
  },
};
