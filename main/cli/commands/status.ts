/**
 * `status [--profile P ...|--all] [--region R ...] [--service S ...] [--json]`: reads every chosen row
 * now and prints one line per service × profile × region (or, with --json, `{ ok, rows, failed }`
 * with rows sorted by profile, region and service). Exit status 0 when every row was read, 1 when any
 * row failed or the command did.
 */

import { AppErrorException, appError } from '../../domain/errors';
import type { RowPart, ServiceRow } from '../../domain/row';
import { isFailedRow, isPartUnknown } from '../../domain/row-rules';
import { groupSignIns } from '../../domain/sign-in-groups';
import type { CliCommand } from '../command';
import { printRows, TABLE_OUTPUT_FLAGS, wantsJson } from '../output';
import { chosenServices, jsonRow, SERVICES_FLAG, stateHeader, withServiceColumn } from '../rows';
import { checkEach, profileCheck, regionCheck, SETTINGS_DIR_FLAG, stringList, withSession } from '../session';

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'Read each service’s state, administrators, invitations and members for each profile and region',
  flags: [
    {
      name: 'profile',
      type: 'string',
      multiple: true,
      valueName: '<name>',
      description: 'A profile to read (repeatable)',
    },
    { name: 'all', type: 'boolean', description: 'Read every profile that is not hidden (the default)' },
    {
      name: 'region',
      type: 'string',
      multiple: true,
      valueName: '<region>',
      description: 'A region to read (repeatable; default: the app’s regions)',
    },
    SERVICES_FLAG,
    { name: 'pending-only', type: 'boolean', description: 'Print only rows with a pending invitation' },
    { name: 'errors-only', type: 'boolean', description: 'Print only rows that could not be read' },
    {
      name: 'recheck-regions',
      type: 'boolean',
      description: 'Ask again in opt-in regions found not enabled (otherwise asked once a day)',
    },
    ...TABLE_OUTPUT_FLAGS,
    SETTINGS_DIR_FLAG,
  ],
  details: [
    'Exit status: 0 when every row was read (an opt-in region the account has not enabled is a state,',
    'not a failure), 1 when a row could not be read, 2 for a usage error.',
  ].join('\n'),
  async run({ values }, io) {
    return withSession(values, io, {}, async (session) => {
      const profiles = checkEach(stringList(values, 'profile'), 'profile', profileCheck);
      const regions = checkEach(stringList(values, 'region'), 'region', regionCheck);
      const services = chosenServices(values);
      if (values.all && profiles.length) {
        throw new AppErrorException(appError('invalid-request', 'Use either --all or --profile, not both.'));
      }
      const list = await session.call('profiles:list', undefined);
      // One refresh for every row, so profiles that reach the same account share its reads; main
      // expands profiles × regions × services (the settings' choice for what is not given).
      const scope = {
        kind: 'select' as const,
        ...(profiles.length ? { profiles } : {}),
        ...(regions.length ? { regions } : {}),
        ...(services ? { services } : {}),
      };
      // The re-check reads the forgotten rows at once; the refresh below joins them.
      if (values['recheck-regions']) await session.call('regions:recheck', {});
      const read = await session.refreshRows(scope);
      const rows = read.rows.sort(
        (a, b) =>
          a.profile.localeCompare(b.profile) || a.region.localeCompare(b.region) || a.service.localeCompare(b.service),
      );
      const failed = rows.filter(isFailedRow).length;
      const shown = rows.filter(
        (r) =>
          (!values['pending-only'] || r.pendingInvitations.length > 0) && (!values['errors-only'] || isFailedRow(r)),
      );
      if (rows.length === 0 && !wantsJson(values)) {
        io.stdout('No rows to read: no profiles, or every profile is hidden.\n');
        return 0;
      }
      const summary = statusSummary(rows);
      // Thirty profiles on one expired sso-session are one sign-in, said once after the table.
      const signIns = groupSignIns(rows, list.profiles);
      printRows(io, values, {
        ...statusTable(shown),
        json: {
          ok: failed === 0,
          rows: shown.map(jsonRow),
          failed,
          summary,
          signIns: [...signIns.sessions, ...signIns.profiles],
        },
        footer: [
          summary.sentence,
          ...signIns.sessions.map((g) => g.sentence),
          ...signIns.profiles.map((g) => g.sentence),
        ],
      });
      return failed === 0 ? 0 : 1;
    });
  },
};

/** The one line after the table: how many rows, and how many need the user. */
export function statusSummary(rows: ServiceRow[]) {
  const pending = rows.filter((r) => r.pendingInvitations.length > 0).length;
  const failed = rows.filter(isFailedRow).length;
  const notEnabled = rows.filter((r) => r.error?.kind === 'region-not-enabled').length;
  const parts = [
    `${pending} with a pending invitation`,
    `${failed} failed`,
    ...(notEnabled ? [`${notEnabled} in regions the account has not enabled`] : []),
  ];
  return {
    rows: rows.length,
    pending,
    failed,
    notEnabled,
    sentence: `${rows.length} row${rows.length === 1 ? '' : 's'}: ${parts.join(', ')}.`,
  };
}

/** "unknown" where the part could not be read or kept (its note says why), else `none`. */
function unknownOr(row: ServiceRow, part: RowPart, none: string | null): string | null {
  return isPartUnknown(row, part) ? 'unknown' : none;
}

function stateText(row: ServiceRow): string {
  if (row.error?.kind === 'region-not-enabled') return 'not enabled';
  return row.state;
}

export function statusTable(rows: ServiceRow[]): { header: string[]; rows: (string | null)[][] } {
  const table = {
    header: ['PROFILE', 'REGION', 'ACCOUNT', stateHeader(), 'ADMINISTRATOR', 'PENDING', 'MEMBERS', 'NOTE'],
    rows: rows.map((r) => [
      r.profile,
      r.region,
      r.accountId,
      stateText(r),
      r.administrators.length
        ? r.administrators.map((a) => `${a.accountId} (${a.memberStatus})`).join(', ')
        : unknownOr(r, 'administrator', null),
      r.pendingInvitations.length
        ? r.pendingInvitations.map((i) => i.accountId).join(',')
        : unknownOr(r, 'invitations', null),
      r.members === null ? unknownOr(r, 'members', null) : String(r.members.length),
      r.error
        ? r.error.kind === 'sign-in-needed'
          ? `${r.error.message} (sign-in below)`
          : `${r.error.message}${r.error.command ? ` Run: ${r.error.command}` : ''}`
        : [...r.partialErrors.map((p) => `${p.part}: ${p.error.message}`), ...r.notes].join(' ') || '',
    ]),
  };
  return withServiceColumn(
    table,
    rows.map((r) => r.service),
  );
}
