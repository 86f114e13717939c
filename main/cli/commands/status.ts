/**
 * `status [--profile P ...|--all] [--region R ...] [--service S ...] [--output …]`: reads every chosen
 * row now. A table lists the rows that need the user first and groups what could not be read under it
 * (status-text.ts); JSON (`{ ok, rows, failed, summary, failures, signIns }`), CSV and TSV keep every
 * row, sorted by profile, region and service. The exit status is over the rows printed (exitOf).
 */

import { NO_NAMES } from '../../domain/account-names';
import { AppErrorException, appError } from '../../domain/errors';
import { type FailureGroup, groupFailures } from '../../domain/failure-groups';
import type { RowPart, ServiceRow } from '../../domain/row';
import { isFailedRow, isPartUnknown } from '../../domain/row-rules';
import { groupSignIns } from '../../domain/sign-in-groups';
import type { TrustedAdministrator } from '../../domain/trust';
import type { CliCommand, CliIo, CliValues } from '../command';
import { EXIT } from '../exit';
import { idWithName, inviterCell, type Names, nameCell, namesOf } from '../names';
import { outputFormat, printRows, TABLE_OUTPUT_FLAGS, wantsJson } from '../output';
import { chosenServices, jsonRow, SERVICES_FLAG, stateHeader, withServiceColumn } from '../rows';
import {
  checkEach,
  checkProfilesExist,
  profileCheck,
  regionCheck,
  SETTINGS_DIR_FLAG,
  stringList,
  withSession,
} from '../session';
import { byProfileRegionService, failureLines, inAttentionOrder, notEnabledLine, statusSummary } from '../status-text';
import { terminalText } from '../terminal-text';

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
      name: 'fail-on-pending',
      type: 'boolean',
      description: 'Exit 4 when an invitation is pending in a row printed (for monitoring)',
    },
    {
      name: 'recheck-regions',
      type: 'boolean',
      description:
        'Ask again in opt-in regions found not enabled and regions an organization policy blocked (otherwise asked once a day)',
    },
    ...TABLE_OUTPUT_FLAGS,
    SETTINGS_DIR_FLAG,
  ],
  details: [
    'A table lists rows with a pending invitation first; rows that could not be read are grouped under it',
    'by cause, with what to do (JSON, CSV and TSV keep every row).',
    'Exit status, over the rows printed: 0 when every one was read (an opt-in region the account has not',
    'enabled is a state, not a failure), 1 when one could not be read, 4 with --fail-on-pending when an',
    'invitation is pending (before 1), 2 for a usage error.',
  ].join('\n'),
  async run({ values }, io) {
    return withSession(values, io, {}, async (session) => {
      const profiles = checkEach(stringList(values, 'profile'), 'profile', profileCheck);
      const regions = checkEach(stringList(values, 'region'), 'region', regionCheck);
      const services = chosenServices(values);
      if (values.all && profiles.length) {
        throw new AppErrorException(appError('invalid-request', 'Use either --all or --profile, not both.'));
      }
      await checkProfilesExist(session, profiles);
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
      const rows = read.rows.sort(byProfileRegionService);
      const shown = rows.filter(
        (r) =>
          (!values['pending-only'] || r.pendingInvitations.length > 0) && (!values['errors-only'] || isFailedRow(r)),
      );
      if (rows.length === 0 && !wantsJson(values)) {
        io.stdout('No rows to read: no profiles, or every profile is hidden.\n');
        return 0;
      }
      const summary = statusSummary(rows);
      const failures = groupFailures(shown, list.profiles);
      // Thirty profiles on one expired sso-session are one sign-in, said once after the table.
      const signIns = groupSignIns(shown, list.profiles);
      const code = exitOf(shown, values);
      // The names the refresh read after its rows, and the trusted administrators (seeded by it too).
      const known = {
        names: await namesOf(session),
        trusted: (await session.call('settings:get', undefined)).trustedAdministrators,
      };
      if (outputFormat(values) === 'table') {
        printStatusTable(io, values, shown, failures, summary.sentence, known);
        return code;
      }
      printRows(io, values, {
        ...statusTable(shown, known),
        json: {
          ok: code === 0,
          rows: shown.map((row) => jsonRow(row, known)),
          failed: summary.failed,
          summary,
          failures,
          signIns: [...signIns.sessions, ...signIns.profiles],
        },
      });
      return code;
    });
  },
};

/**
 * The exit status over the rows shown (rows --pending-only or --errors-only hide change nothing):
 * 4 with --fail-on-pending when an invitation is pending (what a monitor asks about, so it wins over
 * a failed row), 1 when a row could not be read, else 0.
 */
function exitOf(shown: readonly ServiceRow[], values: CliValues): number {
  if (values['fail-on-pending'] === true && shown.some((r) => r.pendingInvitations.length > 0)) return EXIT.pending;
  return shown.some(isFailedRow) ? EXIT.failed : EXIT.ok;
}

/**
 * The table a person reads: rows that need them first (a pending invitation), then the rest; rows
 * that could not be read and regions not enabled are said under it, grouped, each cause with its remedy.
 */
function printStatusTable(
  io: CliIo,
  values: CliValues,
  shown: readonly ServiceRow[],
  failures: readonly FailureGroup[],
  summary: string,
  known: Known,
): void {
  const listed = inAttentionOrder(shown.filter((r) => !isFailedRow(r) && r.error?.kind !== 'region-not-enabled'));
  const footer = [summary, ...failureLines(failures), notEnabledLine(shown)].filter((l): l is string => l !== null);
  if (listed.length === 0) {
    io.stdout(footer.map((line) => `${terminalText(line)}\n`).join(''));
    return;
  }
  printRows(io, values, { ...statusTable(listed, known), json: null, footer });
}

/** "unknown" where the part could not be read or kept (its note says why), else `none`. */
function unknownOr(row: ServiceRow, part: RowPart, none: string | null): string | null {
  return isPartUnknown(row, part) ? 'unknown' : none;
}

function stateText(row: ServiceRow): string {
  if (row.error?.kind === 'region-not-enabled') return 'not enabled';
  if (row.state === 'blocked') return 'blocked';
  return row.state;
}

/** The names read after the rows, and the trusted administrators. */
interface Known {
  names: Names;
  trusted: readonly TrustedAdministrator[];
}

const NO_KNOWN: Known = {
  names: { names: NO_NAMES, own: new Set() },
  trusted: [],
};

/**
 * The status table: each id with its name beside it (NAME for the row's account), a pending
 * invitation's administrator said "not trusted" when it is outside the trusted list.
 */
export function statusTable(
  rows: ServiceRow[],
  known: Known = NO_KNOWN,
): { header: string[]; rows: (string | null)[][] } {
  const n = known.names;
  const table = {
    header: [
      'PROFILE',
      'REGION',
      'ACCOUNT',
      'NAME',
      stateHeader(rows.map((r) => r.service)),
      'ADMINISTRATOR',
      'PENDING',
      'MEMBERS',
      'NOTE',
    ],
    rows: rows.map((r) => [
      r.profile,
      r.region,
      r.accountId,
      nameCell(n, r.accountId),
      stateText(r),
      r.administrators.length
        ? r.administrators
            .map((a) => `${idWithName(n, a.accountId)} (${a.memberStatus}${a.viaOrganization ? ', organization' : ''})`)
            .join(', ')
        : unknownOr(r, 'administrator', null),
      r.pendingInvitations.length
        ? r.pendingInvitations.map((i) => inviterCell(n, r.service, i.accountId, known.trusted)).join(', ')
        : unknownOr(r, 'invitations', null),
      r.members === null ? unknownOr(r, 'members', null) : String(r.members.length),
      r.error
        ? `${r.error.message}${r.error.command ? ` Run: ${r.error.command}` : ''}`
        : [...r.partialErrors.map((p) => `${p.part}: ${p.error.message}`), ...r.notes].join(' ') || '',
    ]),
  };
  return withServiceColumn(
    table,
    rows.map((r) => r.service),
  );
}
