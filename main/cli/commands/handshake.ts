/**
 * `handshake --administrator-profile A --member-profile M --region R ...`: invite the member from
 * the administrator's profile and accept from the member's, region by region, stopping at the first
 * failure. Run it again to resume: steps already done are skipped. Exit 0 when no step failed.
 * `--email` gives the member account's e-mail address, which a service that adds members only with
 * one (GuardDuty) needs.
 */
import { AppErrorException, appError } from '../../domain/errors';
import type { HandshakeResult } from '../../domain/types';
import type { CliCommand } from '../command';
import { approveWrite, WRITE_FLAGS, type WritePlan } from '../confirm';
import { printRows, TABLE_OUTPUT_FLAGS } from '../output';
import { oneService, SERVICE_FLAG } from '../rows';
import {
  checkEach,
  checkProfilesExist,
  profileCheck,
  regionCheck,
  requiredString,
  SETTINGS_DIR_FLAG,
  stringList,
  withSession,
} from '../session';

export const handshakeCommand: CliCommand = {
  name: 'handshake',
  summary: 'Invite a member from the administrator’s profile and accept from the member’s, per region',
  flags: [
    SERVICE_FLAG,
    { name: 'administrator-profile', type: 'string', valueName: '<name>', description: 'The administrator’s profile' },
    { name: 'member-profile', type: 'string', valueName: '<name>', description: 'The member’s profile' },
    {
      name: 'region',
      type: 'string',
      multiple: true,
      valueName: '<region>',
      description: 'A region to do it in (repeatable, at least one)',
    },
    {
      name: 'email',
      type: 'string',
      valueName: '<address>',
      description: 'The member account’s e-mail address (its root user’s), for a service that needs it (GuardDuty)',
    },
    ...WRITE_FLAGS,
    ...TABLE_OUTPUT_FLAGS,
    SETTINGS_DIR_FLAG,
  ],
  async run({ values }, io) {
    return withSession(values, io, { progress: false }, async (session) => {
      const regions = stringList(values, 'region');
      if (regions.length === 0) throw new AppErrorException(appError('invalid-request', '--region is required.'));
      checkEach(regions, 'region', regionCheck);
      const service = oneService(values);
      const request = {
        service: service.id,
        administratorProfile: requiredString(values, 'administrator-profile', profileCheck),
        memberProfile: requiredString(values, 'member-profile', profileCheck),
        regions,
        ...(typeof values.email === 'string' ? { memberEmail: values.email } : {}),
      };
      await checkProfilesExist(session, [request.administratorProfile, request.memberProfile]);
      const plan: WritePlan = {
        question: `Invite the account of ${request.memberProfile} from ${request.administratorProfile} and accept, in ${regions.length} region${regions.length === 1 ? '' : 's'}?`,
        lines: regions.map(
          (r) =>
            `${r}: ${service.operations['create-members']} and ${service.operations['invite-members']} from ${request.administratorProfile} if needed, then ${service.operations.accept} from ${request.memberProfile}`,
        ),
        confirmation: 'adminActions',
      };
      if ((await approveWrite(session, plan, values, io)) === 'dry-run') return 0;
      const result = await session.call('handshake:run', request);
      const ok = result.steps.every((s) => s.status === 'done' || s.status === 'skipped');
      printRows(io, values, { ...handshakeTable(result), json: { ok, ...result } });
      return ok ? 0 : 1;
    });
  },
};

export function handshakeTable(result: HandshakeResult): { header: string[]; rows: string[][] } {
  return {
    header: ['REGION', 'STEP', 'RESULT', 'MESSAGE'],
    rows: result.steps.map((s) => [
      s.region,
      s.step,
      s.status,
      [s.message, s.error?.remediation, s.error?.command ? `Run: ${s.error.command}` : null].filter(Boolean).join(' '),
    ]),
  };
}
